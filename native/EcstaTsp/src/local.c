/* TSPI functions answered by the provider itself (one address per line, no extensions, no icon, no
 * media detection beyond voice), and those forwarded to host methods that issue 16 adds later
 * (lineGetDevConfig, lineSetDevConfig, lineDevSpecificFeature): until then the host answers "method not
 * found", which is LINEERR_OPERATIONUNAVAIL here. */
#include <stdlib.h>
#include <string.h>

#include "base64.h"
#include "tsp.h"
#include "varstruct.h"
#include "wstr.h"

LONG TSPIAPI TSPI_lineGetNumAddressIDs(HDRVLINE hdLine, LPDWORD lpdwNumAddressIDs) {
  if (lpdwNumAddressIDs == NULL) return LINEERR_INVALPOINTER;
  state_lock();
  int known = state_line(TSP_HANDLE(hdLine)) != NULL;
  state_unlock();
  if (!known) return LINEERR_INVALLINEHANDLE;
  *lpdwNumAddressIDs = 1;
  return 0;
}

LONG TSPIAPI TSPI_lineGetAddressID(HDRVLINE hdLine, LPDWORD lpdwAddressID, DWORD dwAddressMode, LPCWSTR lpsAddress,
                                   DWORD dwSize) {
  if (lpdwAddressID == NULL || lpsAddress == NULL) return LINEERR_INVALPOINTER;
  if (dwAddressMode != LINEADDRESSMODE_DIALABLEADDR) return LINEERR_INVALADDRESSMODE;
  state_lock();
  tsp_line *l = state_line(TSP_HANDLE(hdLine));
  tsp_device *d = l ? state_device_by_host(l->host_id) : NULL;
  int match = d != NULL && wstr_equals_utf8(lpsAddress, dwSize / sizeof(WCHAR), d->number);
  state_unlock();
  if (l == NULL) return LINEERR_INVALLINEHANDLE;
  if (!match) return LINEERR_INVALADDRESS;
  *lpdwAddressID = 0;
  return 0;
}

LONG TSPIAPI TSPI_lineSetStatusMessages(HDRVLINE hdLine, DWORD dwLineStates, DWORD dwAddressStates) {
  /* TSPI: reporting starts disabled; the sets are the union of what tapisrv's applications asked for. */
  if (dwLineStates & ~(DWORD)ECSTA_ALL_LINESTATES) return LINEERR_INVALLINESTATE;
  if (dwAddressStates & ~(DWORD)ECSTA_ALL_ADDRESSSTATES) return LINEERR_INVALADDRESSSTATE;
  state_lock();
  tsp_line *l = state_line(TSP_HANDLE(hdLine));
  if (l) {
    l->line_states = dwLineStates;
    l->address_states = dwAddressStates;
  }
  state_unlock();
  return l ? 0 : LINEERR_INVALLINEHANDLE;
}

LONG TSPIAPI TSPI_lineSetDefaultMediaDetection(HDRVLINE hdLine, DWORD dwMediaModes) {
  if (dwMediaModes & ~(DWORD)(LINEMEDIAMODE_INTERACTIVEVOICE | LINEMEDIAMODE_UNKNOWN)) return LINEERR_INVALMEDIAMODE;
  state_lock();
  tsp_line *l = state_line(TSP_HANDLE(hdLine));
  if (l) l->media_modes = dwMediaModes;
  state_unlock();
  return l ? 0 : LINEERR_INVALLINEHANDLE;
}

LONG TSPIAPI TSPI_lineConditionalMediaDetection(HDRVLINE hdLine, DWORD dwMediaModes,
                                                LPLINECALLPARAMS const lpCallParams) {
  (void)lpCallParams;
  state_lock();
  int known = state_line(TSP_HANDLE(hdLine)) != NULL;
  state_unlock();
  if (!known) return LINEERR_INVALLINEHANDLE;
  /* Every call is a voice call: voice can be detected, nothing else. */
  return (dwMediaModes & ~(DWORD)(LINEMEDIAMODE_INTERACTIVEVOICE | LINEMEDIAMODE_UNKNOWN)) ? LINEERR_INVALMEDIAMODE : 0;
}

LONG TSPIAPI TSPI_lineGetID(HDRVLINE hdLine, DWORD dwAddressID, HDRVCALL hdCall, DWORD dwSelect, LPVARSTRING lpDeviceID,
                            LPCWSTR lpszDeviceClass, HANDLE hTargetProcess) {
  (void)hTargetProcess;
  if (lpDeviceID == NULL || lpszDeviceClass == NULL) return LINEERR_INVALPOINTER;
  if (lstrcmpiW(lpszDeviceClass, L"tapi/line") != 0) return LINEERR_INVALDEVICECLASS;
  DWORD tapi_id = ECSTA_NO_DEVICE;
  state_lock();
  if (dwSelect == LINECALLSELECT_CALL) {
    tsp_call *c = state_call(TSP_HANDLE(hdCall));
    tsp_line *l = c ? state_line(c->line_id) : NULL;
    if (l) tapi_id = l->tapi_id;
  } else {
    tsp_line *l = state_line(TSP_HANDLE(hdLine));
    if (l && (dwSelect == LINECALLSELECT_LINE || dwAddressID == 0)) tapi_id = l->tapi_id;
  }
  state_unlock();
  if (tapi_id == ECSTA_NO_DEVICE) {
    return dwSelect == LINECALLSELECT_CALL ? LINEERR_INVALCALLHANDLE
           : dwSelect == LINECALLSELECT_ADDRESS && dwAddressID != 0 ? LINEERR_INVALADDRESSID
                                                                       : LINEERR_INVALLINEHANDLE;
  }
  varstruct vs;
  LONG rc = vs_begin(&vs, lpDeviceID, (DWORD)sizeof(VARSTRING));
  if (rc != 0) return rc;
  vs_set_dword(&vs, VS_FIELD(VARSTRING, dwStringFormat), STRINGFORMAT_BINARY);
  vs_add_bytes(&vs, VS_FIELD(VARSTRING, dwStringSize), VS_FIELD(VARSTRING, dwStringOffset), &tapi_id, sizeof(DWORD));
  vs_finish(&vs);
  return 0;
}

LONG TSPIAPI TSPI_lineGetIcon(DWORD dwDeviceID, LPCWSTR lpszDeviceClass, LPHICON lphIcon) {
  (void)dwDeviceID;
  (void)lpszDeviceClass;
  if (lphIcon == NULL) return LINEERR_INVALPOINTER;
  *lphIcon = NULL; /* no icon of its own: TAPI shows its default one */
  return 0;
}

LONG TSPIAPI TSPI_lineGetExtensionID(DWORD dwDeviceID, DWORD dwTSPIVersion, LPLINEEXTENSIONID lpExtensionID) {
  (void)dwDeviceID;
  (void)dwTSPIVersion;
  if (lpExtensionID == NULL) return LINEERR_INVALPOINTER;
  memset(lpExtensionID, 0, sizeof(*lpExtensionID)); /* no device-specific extensions */
  return 0;
}

LONG TSPIAPI TSPI_lineNegotiateExtVersion(DWORD dwDeviceID, DWORD dwTSPIVersion, DWORD dwLowVersion,
                                          DWORD dwHighVersion, LPDWORD lpdwExtVersion) {
  (void)dwDeviceID;
  (void)dwTSPIVersion;
  (void)dwLowVersion;
  (void)dwHighVersion;
  if (lpdwExtVersion != NULL) *lpdwExtVersion = 0;
  return LINEERR_OPERATIONUNAVAIL;
}

LONG TSPIAPI TSPI_lineSelectExtVersion(HDRVLINE hdLine, DWORD dwExtVersion) {
  (void)hdLine;
  return dwExtVersion == 0 ? 0 : LINEERR_OPERATIONUNAVAIL;
}

/* ---- waiting for host methods (issue 16) ---- */

static uint32_t host_device(DWORD tapi_id) {
  state_lock();
  tsp_device *d = state_device_by_tapi(tapi_id);
  uint32_t id = d ? d->host_id : 0xFFFFFFFFu;
  state_unlock();
  return id;
}

LONG TSPIAPI TSPI_lineGetDevConfig(DWORD dwDeviceID, LPVARSTRING lpDeviceConfig, LPCWSTR lpszDeviceClass) {
  if (lpDeviceConfig == NULL) return LINEERR_INVALPOINTER;
  uint32_t host_id = host_device(dwDeviceID);
  if (host_id == 0xFFFFFFFFu) return LINEERR_BADDEVICEID;
  char *cls = wstr_to_utf8(lpszDeviceClass);
  json_buf b;
  jb_init(&b);
  jb_begin_object(&b);
  jb_key(&b, "deviceId");
  jb_int(&b, host_id);
  jb_key(&b, "deviceClass");
  jb_cstring(&b, cls ? cls : "");
  jb_end_object(&b);
  free(cls);
  json_doc *doc = NULL;
  const json_value *result = NULL;
  LONG rc = b.failed ? LINEERR_NOMEM : bridge_call("lineGetDevConfig", b.data, &doc, &result, NULL, NULL);
  jb_free(&b);
  if (rc == 0) {
    /* Provisional contract: {"config": base64}. */
    size_t n = 0;
    const char *text = json_get_str(result, "config");
    unsigned char *bytes = text ? base64_decode(text, &n) : NULL;
    varstruct vs;
    rc = bytes ? vs_begin(&vs, lpDeviceConfig, (DWORD)sizeof(VARSTRING)) : LINEERR_OPERATIONFAILED;
    if (rc == 0) {
      vs_set_dword(&vs, VS_FIELD(VARSTRING, dwStringFormat), STRINGFORMAT_BINARY);
      vs_add_bytes(&vs, VS_FIELD(VARSTRING, dwStringSize), VS_FIELD(VARSTRING, dwStringOffset), bytes, (DWORD)n);
      vs_finish(&vs);
    }
    free(bytes);
  }
  json_free(doc);
  return rc;
}

LONG TSPIAPI TSPI_lineSetDevConfig(DWORD dwDeviceID, LPVOID const lpDeviceConfig, DWORD dwSize,
                                   LPCWSTR lpszDeviceClass) {
  uint32_t host_id = host_device(dwDeviceID);
  if (host_id == 0xFFFFFFFFu) return LINEERR_BADDEVICEID;
  if (dwSize > 65536 || (dwSize > 0 && lpDeviceConfig == NULL)) return LINEERR_INVALPARAM;
  char *cls = wstr_to_utf8(lpszDeviceClass);
  char *config = base64_encode((const unsigned char *)(lpDeviceConfig ? lpDeviceConfig : ""), dwSize);
  json_buf b;
  jb_init(&b);
  jb_begin_object(&b);
  jb_key(&b, "deviceId");
  jb_int(&b, host_id);
  jb_key(&b, "deviceClass");
  jb_cstring(&b, cls ? cls : "");
  jb_key(&b, "config");
  jb_cstring(&b, config ? config : "");
  jb_end_object(&b);
  free(cls);
  free(config);
  LONG rc = b.failed ? LINEERR_NOMEM : bridge_call("lineSetDevConfig", b.data, NULL, NULL, NULL, NULL);
  jb_free(&b);
  return rc;
}

LONG TSPIAPI TSPI_lineDevSpecificFeature(DRV_REQUESTID dwRequestID, HDRVLINE hdLine, DWORD dwFeature, LPVOID lpParams,
                                         DWORD dwSize) {
  int64_t h;
  LONG rc = line_host_handle(hdLine, &h, NULL);
  if (rc != 0) return rc;
  if (dwSize > 65536 || (dwSize > 0 && lpParams == NULL)) return LINEERR_INVALPARAM;
  char *params = base64_encode((const unsigned char *)(lpParams ? lpParams : ""), dwSize);
  if (params == NULL) return LINEERR_NOMEM;
  json_buf b;
  jb_init(&b);
  jb_begin_object(&b);
  jb_key(&b, "hLine");
  jb_int(&b, h);
  jb_key(&b, "feature");
  jb_int(&b, dwFeature);
  jb_key(&b, "params");
  jb_cstring(&b, params);
  jb_end_object(&b);
  free(params);
  rc = b.failed ? LINEERR_NOMEM : pending_async(dwRequestID, "lineDevSpecificFeature", b.data, 0, NULL, 0, NULL);
  jb_free(&b);
  return rc;
}
