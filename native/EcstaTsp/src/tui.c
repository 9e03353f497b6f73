/* TUISPI: the provider's UI functions, called in the process that shows the UI (the Phone and Modem
 * control panel, an application), not in tapisrv. The configuration is the host's web dialog: its URL
 * comes from a one-shot bridge hello and opens in the default browser. With ECSTA_TUI_URL_FILE set
 * (tests), the URL is written to that file instead. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tsp.h"

#include <shellapi.h>
#include "varstruct.h"
#include "wstr.h"

static LONG open_dialog(HWND owner) {
  char *url = bridge_fetch_dialog_url();
  if (url == NULL || strncmp(url, "http", 4) != 0) {
    free(url);
    MessageBoxW(owner, L"The Ecsta host is not running or not reachable, so its configuration cannot be opened.",
                L"Ecsta", MB_OK | MB_ICONWARNING);
    return LINEERR_OPERATIONFAILED;
  }
  char path[MAX_PATH];
  DWORD n = GetEnvironmentVariableA("ECSTA_TUI_URL_FILE", path, sizeof(path));
  LONG rc = 0;
  if (n > 0 && n < sizeof(path)) {
    FILE *f = fopen(path, "w");
    if (f == NULL) rc = LINEERR_OPERATIONFAILED;
    else {
      fprintf(f, "%s\n", url);
      fclose(f);
    }
  } else {
    WCHAR *wide = utf8_to_wstr(url, NULL);
    if (wide == NULL || (INT_PTR)ShellExecuteW(owner, L"open", wide, NULL, NULL, SW_SHOWNORMAL) <= 32) {
      rc = LINEERR_OPERATIONFAILED;
    }
    free(wide);
  }
  free(url);
  return rc;
}

LONG TSPIAPI TUISPI_lineConfigDialog(TUISPIDLLCALLBACK lpfnUIDLLCallback, DWORD dwDeviceID, HWND hwndOwner,
                                     LPCWSTR lpszDeviceClass) {
  (void)lpfnUIDLLCallback;
  (void)dwDeviceID;
  if (lpszDeviceClass != NULL && lpszDeviceClass[0] != 0 && lstrcmpiW(lpszDeviceClass, L"tapi/line") != 0) {
    return LINEERR_INVALDEVICECLASS;
  }
  return open_dialog(hwndOwner);
}

LONG TSPIAPI TUISPI_lineConfigDialogEdit(TUISPIDLLCALLBACK lpfnUIDLLCallback, DWORD dwDeviceID, HWND hwndOwner,
                                         LPCWSTR lpszDeviceClass, LPVOID const lpDeviceConfigIn, DWORD dwSize,
                                         LPVARSTRING lpDeviceConfigOut) {
  (void)lpfnUIDLLCallback;
  (void)dwDeviceID;
  if (lpDeviceConfigOut == NULL) return LINEERR_INVALPOINTER;
  if (lpszDeviceClass != NULL && lpszDeviceClass[0] != 0 && lstrcmpiW(lpszDeviceClass, L"tapi/line") != 0) {
    return LINEERR_INVALDEVICECLASS;
  }
  /* The lines have no per-device configuration blob: the configuration given comes back unchanged. */
  varstruct vs;
  LONG rc = vs_begin(&vs, lpDeviceConfigOut, (DWORD)sizeof(VARSTRING));
  if (rc != 0) return rc;
  vs_set_dword(&vs, VS_FIELD(VARSTRING, dwStringFormat), STRINGFORMAT_BINARY);
  if (lpDeviceConfigIn != NULL && dwSize > 0) {
    vs_add_bytes(&vs, VS_FIELD(VARSTRING, dwStringSize), VS_FIELD(VARSTRING, dwStringOffset), lpDeviceConfigIn, dwSize);
  }
  vs_finish(&vs);
  return open_dialog(hwndOwner);
}

LONG TSPIAPI TUISPI_providerConfig(TUISPIDLLCALLBACK lpfnUIDLLCallback, HWND hwndOwner, DWORD dwPermanentProviderID) {
  (void)lpfnUIDLLCallback;
  (void)dwPermanentProviderID;
  return open_dialog(hwndOwner);
}

LONG TSPIAPI TUISPI_providerInstall(TUISPIDLLCALLBACK lpfnUIDLLCallback, HWND hwndOwner, DWORD dwPermanentProviderID) {
  (void)lpfnUIDLLCallback;
  (void)hwndOwner;
  (void)dwPermanentProviderID;
  return 0; /* nothing to set up: the host is installed and configured on its own */
}

LONG TSPIAPI TUISPI_providerRemove(TUISPIDLLCALLBACK lpfnUIDLLCallback, HWND hwndOwner, DWORD dwPermanentProviderID) {
  (void)lpfnUIDLLCallback;
  (void)hwndOwner;
  (void)dwPermanentProviderID;
  return 0;
}

LONG TSPIAPI TUISPI_providerGenericDialog(TUISPIDLLCALLBACK lpfnUIDLLCallback, HTAPIDIALOGINSTANCE htDlgInst,
                                          LPVOID lpParams, DWORD dwSize, HANDLE hEvent) {
  (void)lpfnUIDLLCallback;
  (void)htDlgInst;
  (void)lpParams;
  (void)dwSize;
  if (hEvent != NULL) SetEvent(hEvent); /* the provider never asks for a generic dialog */
  return 0;
}

LONG TSPIAPI TUISPI_providerGenericDialogData(HTAPIDIALOGINSTANCE htDlgInst, LPVOID lpParams, DWORD dwSize) {
  (void)htDlgInst;
  (void)lpParams;
  (void)dwSize;
  return 0;
}
