/* The line's administrative TSPI functions: those answered by the provider itself (one address per line, no
 * icon, lineGetID's TAPI device id) and those the host answers (address ids, Ecsta's extension, status
 * message filters, media detection, device configuration, device-specific features). */
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

static void key_wstr(json_buf *b, const char *key, LPCWSTR text, size_t max_chars) {
  char *utf8 = wstr_to_utf8_n(text, max_chars);
  jb_key(b, key);
  jb_cstring(b, utf8 ? utf8 : "");
  free(utf8);
}

LONG TSPIAPI TSPI_lineGetAddressID(HDRVLINE hdLine, LPDWORD lpdwAddressID, DWORD dwAddressMode, LPCWSTR lpsAddress,
                                   DWORD dwSize) {
  if (lpdwAddressID == NULL || lpsAddress == NULL) return LINEERR_INVALPOINTER;
  int64_t h = 0;
  LONG rc = line_host_handle(hdLine, &h, NULL);
  if (rc != 0) return rc;
  json_buf b;
  jb_init(&b);
  jb_begin_object(&b);
  jb_key(&b, "hLine");
  jb_int(&b, h);
  jb_key(&b, "addressMode");
  jb_int(&b, dwAddressMode);
  key_wstr(&b, "address", lpsAddress, dwSize / sizeof(WCHAR));
  jb_end_object(&b);
  json_doc *doc = NULL;
  const json_value *result = NULL;
  rc = b.failed ? LINEERR_NOMEM : bridge_call("lineGetAddressID", b.data, &doc, &result, NULL, NULL);
  jb_free(&b);
  uint32_t id = 0;
  if (rc == 0 && !json_get_u32(result, "addressId", &id)) rc = LINEERR_OPERATIONFAILED;
  if (rc == 0) *lpdwAddressID = id;
  json_free(doc);
  return rc;
}

/* Sends a line's filters to the host (it then sends only those); the provider filters too. */
void line_send_status_messages(int64_t host_hline, DWORD line_states, DWORD address_states) {
  char params[128];
  wsprintfA(params, "{\"hLine\":%lu,\"lineStates\":%lu,\"addressStates\":%lu}", (unsigned long)host_hline,
            (unsigned long)line_states, (unsigned long)address_states);
  bridge_call("lineSetStatusMessages", params, NULL, NULL, NULL, NULL);
}

LONG TSPIAPI TSPI_lineSetStatusMessages(HDRVLINE hdLine, DWORD dwLineStates, DWORD dwAddressStates) {
  /* TSPI: reporting starts disabled; the sets are the union of what tapisrv's applications asked for. */
  if (dwLineStates & ~(DWORD)ECSTA_ALL_LINESTATES) return LINEERR_INVALLINESTATE;
  if (dwAddressStates & ~(DWORD)ECSTA_ALL_ADDRESSSTATES) return LINEERR_INVALADDRESSSTATE;
  state_lock();
  tsp_line *l = state_line(TSP_HANDLE(hdLine));
  int64_t h = 0;
  if (l) {
    l->line_states = dwLineStates;
    l->address_states = dwAddressStates;
    l->states_set = 1;
    h = l->host_hline;
  }
  state_unlock();
  if (l == NULL) return LINEERR_INVALLINEHANDLE;
  if (h != 0) line_send_status_messages(h, dwLineStates, dwAddressStates); /* else: on reconnect */
  return 0;
}

static LONG media_request(const char *method, HDRVLINE hdLine, DWORD dwMediaModes) {
  int64_t h = 0;
  LONG rc = line_host_handle(hdLine, &h, NULL);
  if (rc != 0) return rc;
  char params[96];
  wsprintfA(params, "{\"hLine\":%lu,\"mediaModes\":%lu}", (unsigned long)h, (unsigned long)dwMediaModes);
  return bridge_call(method, params, NULL, NULL, NULL, NULL);
}

LONG TSPIAPI TSPI_lineSetDefaultMediaDetection(HDRVLINE hdLine, DWORD dwMediaModes) {
  LONG rc = media_request("lineSetDefaultMediaDetection", hdLine, dwMediaModes);
  if (rc == 0) {
    state_lock();
    tsp_line *l = state_line(TSP_HANDLE(hdLine));
    if (l) l->media_modes = dwMediaModes;
    state_unlock();
  }
  return rc;
}

LONG TSPIAPI TSPI_lineConditionalMediaDetection(HDRVLINE hdLine, DWORD dwMediaModes,
                                                LPLINECALLPARAMS const lpCallParams) {
  (void)lpCallParams;
  return media_request("lineConditionalMediaDetection", hdLine, dwMediaModes);
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

/* The host's API versions end at 2.2; its extension does not depend on the structure layouts. */
static DWORD host_api_version(DWORD tspi_version) { return tspi_version > 0x00020002u ? 0x00020002u : tspi_version; }

static uint32_t host_device(DWORD tapi_id);

LONG TSPIAPI TSPI_lineGetExtensionID(DWORD dwDeviceID, DWORD dwTSPIVersion, LPLINEEXTENSIONID lpExtensionID) {
  if (lpExtensionID == NULL) return LINEERR_INVALPOINTER;
  uint32_t host_id = host_device(dwDeviceID);
  if (host_id == 0xFFFFFFFFu) return LINEERR_BADDEVICEID;
  char params[96];
  wsprintfA(params, "{\"deviceId\":%lu,\"apiVersion\":%lu}", (unsigned long)host_id,
            (unsigned long)host_api_version(dwTSPIVersion));
  json_doc *doc = NULL;
  const json_value *result = NULL;
  LONG rc = bridge_call("lineGetExtensionID", params, &doc, &result, NULL, NULL);
  if (rc == 0) {
    const json_value *id = json_get(result, "extensionId");
    DWORD dw[4] = {0, 0, 0, 0};
    int i = 0;
    for (const json_value *e = id && id->type == JSON_ARRAY && id->count == 4 ? id->child : NULL; e; e = e->next) {
      int64_t v = 0;
      if (json_as_i64(e, &v) && v >= 0 && v <= 0xFFFFFFFFLL) dw[i] = (DWORD)v;
      i++;
    }
    if (i != 4) rc = LINEERR_OPERATIONFAILED;
    else {
      lpExtensionID->dwExtensionID0 = dw[0];
      lpExtensionID->dwExtensionID1 = dw[1];
      lpExtensionID->dwExtensionID2 = dw[2];
      lpExtensionID->dwExtensionID3 = dw[3];
    }
  }
  json_free(doc);
  return rc;
}

LONG TSPIAPI TSPI_lineNegotiateExtVersion(DWORD dwDeviceID, DWORD dwTSPIVersion, DWORD dwLowVersion,
                                          DWORD dwHighVersion, LPDWORD lpdwExtVersion) {
  if (lpdwExtVersion == NULL) return LINEERR_INVALPOINTER;
  uint32_t host_id = host_device(dwDeviceID);
  if (host_id == 0xFFFFFFFFu) return LINEERR_BADDEVICEID;
  char params[160];
  wsprintfA(params, "{\"deviceId\":%lu,\"apiVersion\":%lu,\"extLowVersion\":%lu,\"extHighVersion\":%lu}",
            (unsigned long)host_id, (unsigned long)host_api_version(dwTSPIVersion), (unsigned long)dwLowVersion,
            (unsigned long)dwHighVersion);
  json_doc *doc = NULL;
  const json_value *result = NULL;
  LONG rc = bridge_call("lineNegotiateExtVersion", params, &doc, &result, NULL, NULL);
  uint32_t v = 0;
  if (rc == 0 && !json_get_u32(result, "extVersion", &v)) rc = LINEERR_OPERATIONFAILED;
  if (rc == 0) *lpdwExtVersion = v;
  json_free(doc);
  return rc;
}

LONG TSPIAPI TSPI_lineSelectExtVersion(HDRVLINE hdLine, DWORD dwExtVersion) {
  int64_t h = 0;
  LONG rc = line_host_handle(hdLine, &h, NULL);
  if (rc != 0) return rc;
  char params[96];
  wsprintfA(params, "{\"hLine\":%lu,\"extVersion\":%lu}", (unsigned long)h, (unsigned long)dwExtVersion);
  return bridge_call("lineSelectExtVersion", params, NULL, NULL, NULL, NULL);
}

/* ---- device configuration, device-specific features ---- */

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
    /* {deviceClass, devConfig (base64; empty when none was set)} */
    size_t n = 0;
    const char *text = json_get_str(result, "devConfig");
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
  jb_key(&b, "devConfig");
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
  int64_t h = 0;
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
