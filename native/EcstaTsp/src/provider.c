/* Provider life cycle: DllMain, version negotiation, providerEnumDevices / Init / Shutdown,
 * LINE_CREATE's providerCreateLineDevice, the UI DLL's name. */
#include <stdlib.h>

#include "tsp.h"

HINSTANCE g_module;
static int g_threads_started;

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, LPVOID reserved);
BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, LPVOID reserved) {
  if (reason == DLL_PROCESS_ATTACH) {
    g_module = instance;
    DisableThreadLibraryCalls(instance);
    state_init();
  } else if (reason == DLL_PROCESS_DETACH && reserved == NULL && !g_threads_started) {
    /* FreeLibrary after providerShutdown: nothing runs any more. (At process exit, leave it to the OS.) */
    state_destroy();
    bridge_unload();
    dispatch_unload();
  }
  return TRUE;
}

LONG TSPIAPI TSPI_lineNegotiateTSPIVersion(DWORD dwDeviceID, DWORD dwLowVersion, DWORD dwHighVersion,
                                           LPDWORD lpdwTSPIVersion) {
  if (lpdwTSPIVersion == NULL) return LINEERR_INVALPOINTER;
  if (dwDeviceID != INITIALIZE_NEGOTIATION) {
    state_lock();
    int known = state_device_by_tapi(dwDeviceID) != NULL;
    state_unlock();
    if (!known) return LINEERR_BADDEVICEID;
  }
  if (dwHighVersion < ECSTA_TSPI_MIN || dwLowVersion > ECSTA_TSPI_MAX || dwLowVersion > dwHighVersion) {
    return LINEERR_INCOMPATIBLEAPIVERSION;
  }
  *lpdwTSPIVersion = dwHighVersion < ECSTA_TSPI_MAX ? dwHighVersion : ECSTA_TSPI_MAX;
  return 0;
}

LONG TSPIAPI TSPI_providerEnumDevices(DWORD dwPermanentProviderID, LPDWORD lpdwNumLines, LPDWORD lpdwNumPhones,
                                      HPROVIDER hProvider, LINEEVENT lpfnLineCreateProc,
                                      PHONEEVENT lpfnPhoneCreateProc) {
  (void)lpfnPhoneCreateProc;
  if (lpdwNumLines == NULL || lpdwNumPhones == NULL) return LINEERR_INVALPOINTER;
  state_lock();
  g_tsp.permanent_provider_id = dwPermanentProviderID;
  g_tsp.provider = hProvider;
  g_tsp.line_create_proc = lpfnLineCreateProc;
  state_unlock();
  /* No thread yet: one request on a connection of its own. The bridge starts with providerInit. */
  DWORD lines = 0;
  LONG rc = devices_refresh(1);
  if (rc == 0) {
    state_lock();
    for (size_t i = 0; i < g_tsp.device_count; i++) {
      if (g_tsp.devices[i].present) lines++;
      else break;
    }
    state_unlock();
  }
  state_lock();
  g_tsp.enumerated = 1;
  state_unlock();
  tsp_log("providerEnumDevices: %lu lines (host %s)", (unsigned long)lines, rc == 0 ? "reached" : "not reached");
  *lpdwNumLines = lines;
  *lpdwNumPhones = 0;
  return 0;
}

LONG TSPIAPI TSPI_providerInit(DWORD dwTSPIVersion, DWORD dwPermanentProviderID, DWORD dwLineDeviceIDBase,
                               DWORD dwPhoneDeviceIDBase, DWORD_PTR dwNumLines, DWORD_PTR dwNumPhones,
                               ASYNC_COMPLETION lpfnCompletionProc, LPDWORD lpdwTSPIOptions) {
  (void)dwPhoneDeviceIDBase;
  (void)dwNumPhones;
  if (lpfnCompletionProc == NULL) return LINEERR_INVALPOINTER;
  state_lock();
  g_tsp.tspi_version = dwTSPIVersion;
  g_tsp.permanent_provider_id = dwPermanentProviderID;
  g_tsp.line_id_base = dwLineDeviceIDBase;
  g_tsp.completion_proc = lpfnCompletionProc;
  /* The first dwNumLines devices, in the order providerEnumDevices counted them. */
  for (size_t i = 0; i < g_tsp.device_count && i < dwNumLines; i++) {
    state_device_set_tapi(&g_tsp.devices[i], dwLineDeviceIDBase + (DWORD)i);
  }
  g_tsp.initialized = 1;
  state_unlock();
  if (lpdwTSPIOptions != NULL) *lpdwTSPIOptions = 0; /* reentrant */
  /* The I/O and dispatch threads. Their first connection compares the host's devices with the enumerated
   * ones (LINE_CREATE for lines added since); lines opened before it opens out of service. */
  if (!bridge_start(2000)) {
    state_lock();
    g_tsp.initialized = 0;
    state_unlock();
    return LINEERR_NOMEM;
  }
  g_threads_started = 1;
  return 0;
}

LONG TSPIAPI TSPI_providerShutdown(DWORD dwTSPIVersion, DWORD dwPermanentProviderID) {
  (void)dwTSPIVersion;
  (void)dwPermanentProviderID;
  state_lock();
  g_tsp.initialized = 0;
  state_unlock();
  bridge_stop(); /* joins the I/O and the dispatch thread */
  g_threads_started = 0;
  state_free_all();
  tsp_log("providerShutdown: done");
  return 0;
}

LONG TSPIAPI TSPI_providerCreateLineDevice(DWORD_PTR dwTempID, DWORD dwDeviceID) {
  state_lock();
  LONG rc = LINEERR_BADDEVICEID;
  for (size_t i = 0; i < g_tsp.device_count; i++) {
    tsp_device *d = &g_tsp.devices[i];
    if (d->temp_id == dwTempID && dwTempID != 0) {
      state_device_set_tapi(d, dwDeviceID);
      d->temp_id = 0;
      rc = 0;
      break;
    }
  }
  state_unlock();
  return rc;
}

LONG TSPIAPI TSPI_providerFreeDialogInstance(HDRVDIALOGINSTANCE hdDlgInst) {
  (void)hdDlgInst;
  return 0; /* the provider opens no generic dialogs */
}

LONG TSPIAPI TSPI_providerGenericDialogData(DWORD_PTR dwObjectID, DWORD dwObjectType, LPVOID lpParams, DWORD dwSize) {
  (void)dwObjectID;
  (void)dwObjectType;
  (void)lpParams;
  (void)dwSize;
  return 0; /* the UI side sends nothing the provider needs */
}

LONG TSPIAPI TSPI_providerUIIdentify(LPWSTR lpszUIDLLName) {
  /* The TUISPI functions live in this same DLL. tapisrv's buffer holds MAX_PATH characters. */
  if (lpszUIDLLName == NULL) return LINEERR_INVALPOINTER;
  DWORD n = GetModuleFileNameW(g_module, lpszUIDLLName, MAX_PATH);
  if (n == 0 || n >= MAX_PATH) return LINEERR_OPERATIONFAILED;
  return 0;
}
