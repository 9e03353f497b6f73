/* Line-level TSPI functions: open/close, capabilities and status, and the requests made on a line
 * (lineMakeCall, lineForward, lineDevSpecific, linePickup, lineUnpark). */
#include <stdlib.h>
#include <string.h>

#include "tsp.h"
#include "wstr.h"

LONG line_host_handle(HDRVLINE hdLine, int64_t *host_hline, uint32_t *line_id) {
  state_lock();
  tsp_line *l = state_line(TSP_HANDLE(hdLine));
  LONG rc = l == NULL ? LINEERR_INVALLINEHANDLE : (l->host_hline == 0 ? LINEERR_RESOURCEUNAVAIL : 0);
  if (l && host_hline) *host_hline = l->host_hline;
  if (l && line_id) *line_id = l->id;
  state_unlock();
  return rc;
}

/* Destinations are TAPI dialable addresses (wstr.c); the group id of linePickup is a plain string. */
static void key_wstr(json_buf *b, const char *key, LPCWSTR text) {
  char *utf8 = strcmp(key, "destAddress") == 0 ? dialable_to_utf8(text) : wstr_to_utf8(text);
  jb_key(b, key);
  jb_cstring(b, utf8 ? utf8 : "");
  free(utf8);
}

/* ---- open / close ---- */

static void on_open_reply(void *context, const json_value *result) {
  int64_t h = 0;
  if (!json_get_i64(result, "hLine", &h)) return;
  state_lock();
  tsp_line *l = state_line(*(uint32_t *)context);
  if (l) {
    state_line_set_host(l, h);
    l->out_of_service = 0;
  }
  state_unlock();
}

LONG TSPIAPI TSPI_lineOpen(DWORD dwDeviceID, HTAPILINE htLine, LPHDRVLINE lphdLine, DWORD dwTSPIVersion,
                           LINEEVENT lpfnEventProc) {
  (void)dwTSPIVersion;
  if (lphdLine == NULL || lpfnEventProc == NULL) return LINEERR_INVALPOINTER;
  tsp_line *l = (tsp_line *)calloc(1, sizeof(tsp_line));
  if (l == NULL) return LINEERR_NOMEM;
  state_lock();
  tsp_device *d = state_device_by_tapi(dwDeviceID);
  if (d == NULL || d->removed) {
    state_unlock();
    free(l);
    return d ? LINEERR_NODEVICE : LINEERR_BADDEVICEID;
  }
  l->id = state_new_handle();
  l->tapi_id = dwDeviceID;
  l->host_id = d->host_id;
  l->htLine = htLine;
  l->event_proc = lpfnEventProc;
  l->line_states = 0; /* TSPI: line and address status reporting is disabled until lineSetStatusMessages */
  l->address_states = 0;
  l->media_modes = LINEMEDIAMODE_INTERACTIVEVOICE;
  l->out_of_service = 1; /* until the host opened it */
  l->opening = 1;
  l->next = g_tsp.lines;
  g_tsp.lines = l;
  uint32_t id = l->id, host_id = l->host_id;
  state_unlock();

  char params[96];
  wsprintfA(params, "{\"deviceId\":%lu,\"privileges\":4}", (unsigned long)host_id);
  LONG rc = bridge_call("lineOpen", params, NULL, NULL, on_open_reply, &id);
  state_lock();
  tsp_line *opened = state_line(id);
  if (opened) opened->opening = 0;
  state_unlock();
  if (rc == LINEERR_RESOURCEUNAVAIL && bridge_connected()) {
    dispatch_post(DISPATCH_CONNECTED, NULL); /* connected meanwhile: the reconnect pass skipped this line */
  }
  if (rc != 0 && rc != LINEERR_RESOURCEUNAVAIL) {
    state_lock();
    for (tsp_line **p = &g_tsp.lines; *p; p = &(*p)->next) {
      if ((*p)->id == id) {
        tsp_line *gone = *p;
        *p = gone->next;
        free(gone);
        break;
      }
    }
    state_unlock();
    return rc;
  }
  /* Host not reachable: the line opens out of service; the bridge opens it on the host when it is back. */
  *lphdLine = (HDRVLINE)(uintptr_t)id;
  return 0;
}

LONG TSPIAPI TSPI_lineClose(HDRVLINE hdLine) {
  int64_t h = 0;
  int found = 0;
  state_lock();
  for (tsp_line **p = &g_tsp.lines; *p; p = &(*p)->next) {
    if ((*p)->id == TSP_HANDLE(hdLine)) {
      tsp_line *l = *p;
      *p = l->next;
      h = l->host_hline;
      state_line_set_host(l, 0);
      found = 1;
      for (tsp_call **c = &g_tsp.calls; *c;) {
        if ((*c)->line_id == l->id) {
          tsp_call *gone = *c;
          *c = gone->next;
          free(gone);
        } else {
          c = &(*c)->next;
        }
      }
      free(l);
      break;
    }
  }
  state_unlock();
  if (!found) return LINEERR_INVALLINEHANDLE;
  if (h != 0) {
    char params[64];
    wsprintfA(params, "{\"hLine\":%lu}", (unsigned long)h);
    bridge_call("lineClose", params, NULL, NULL, NULL, NULL);
  }
  return 0;
}

/* ---- capabilities and status ---- */

LONG TSPIAPI TSPI_lineGetDevCaps(DWORD dwDeviceID, DWORD dwTSPIVersion, DWORD dwExtVersion, LPLINEDEVCAPS lpLineDevCaps) {
  (void)dwExtVersion;
  if (lpLineDevCaps == NULL) return LINEERR_INVALPOINTER;
  tsp_device copy;
  state_lock();
  tsp_device *d = state_device_by_tapi(dwDeviceID);
  if (d == NULL) {
    state_unlock();
    return LINEERR_BADDEVICEID;
  }
  copy = *d;
  size_t nl = strlen(d->name ? d->name : "");
  char *name = (char *)malloc(nl + 1);
  if (name) memcpy(name, d->name ? d->name : "", nl + 1);
  copy.name = name;
  copy.number = NULL;
  state_unlock();
  char params[64];
  wsprintfA(params, "{\"deviceId\":%lu}", (unsigned long)copy.host_id);
  json_doc *doc = NULL;
  const json_value *result = NULL;
  LONG rc = bridge_call("lineGetDevCaps", params, &doc, &result, NULL, NULL);
  if (rc == 0 || rc == LINEERR_RESOURCEUNAVAIL) {
    /* Without the host, the capabilities are the last known name with the usual defaults. */
    rc = caps_fill_devcaps(lpLineDevCaps, dwTSPIVersion, &copy, rc == 0 ? result : NULL);
  }
  json_free(doc);
  free(name);
  return rc;
}

LONG TSPIAPI TSPI_lineGetAddressCaps(DWORD dwDeviceID, DWORD dwAddressID, DWORD dwTSPIVersion, DWORD dwExtVersion,
                                     LPLINEADDRESSCAPS lpAddressCaps) {
  (void)dwExtVersion;
  if (lpAddressCaps == NULL) return LINEERR_INVALPOINTER;
  state_lock();
  tsp_device *d = state_device_by_tapi(dwDeviceID);
  uint32_t host_id = d ? d->host_id : 0;
  state_unlock();
  if (d == NULL) return LINEERR_BADDEVICEID;
  if (dwAddressID != 0) return LINEERR_INVALADDRESSID;
  char params[80];
  wsprintfA(params, "{\"deviceId\":%lu,\"addressId\":0}", (unsigned long)host_id);
  json_doc *doc = NULL;
  const json_value *result = NULL;
  LONG rc = bridge_call("lineGetAddressCaps", params, &doc, &result, NULL, NULL);
  if (rc == 0) rc = caps_fill_addresscaps(lpAddressCaps, dwTSPIVersion, dwDeviceID, result);
  json_free(doc);
  return rc;
}

LONG TSPIAPI TSPI_lineGetLineDevStatus(HDRVLINE hdLine, LPLINEDEVSTATUS lpLineDevStatus) {
  if (lpLineDevStatus == NULL) return LINEERR_INVALPOINTER;
  DWORD counts[3] = {0, 0, 0};
  int64_t h = 0;
  state_lock();
  tsp_line *l = state_line(TSP_HANDLE(hdLine));
  DWORD version = g_tsp.tspi_version ? g_tsp.tspi_version : ECSTA_TSPI_MAX;
  if (l != NULL) {
    h = l->host_hline;
    for (tsp_call *c = g_tsp.calls; c; c = c->next) {
      if (c->line_id != l->id || !c->valid) continue;
      if (c->state == LINECALLSTATE_ONHOLD) counts[1]++;
      else if (c->state == LINECALLSTATE_ONHOLDPENDTRANSFER || c->state == LINECALLSTATE_ONHOLDPENDCONF) counts[2]++;
      else if (c->state != 0 && c->state != LINECALLSTATE_IDLE && c->state != LINECALLSTATE_DISCONNECTED &&
               c->state != LINECALLSTATE_OFFERING && c->state != LINECALLSTATE_CONFERENCED) counts[0]++;
    }
  }
  state_unlock();
  if (l == NULL) return LINEERR_INVALLINEHANDLE;
  json_doc *doc = NULL;
  const json_value *result = NULL;
  LONG rc = LINEERR_RESOURCEUNAVAIL;
  if (h != 0) {
    char params[64];
    wsprintfA(params, "{\"hLine\":%lu}", (unsigned long)h);
    rc = bridge_call("lineGetLineDevStatus", params, &doc, &result, NULL, NULL);
  }
  if (rc == 0 || rc == LINEERR_RESOURCEUNAVAIL) {
    rc = caps_fill_devstatus(lpLineDevStatus, version, rc == 0 ? result : NULL, counts);
  }
  json_free(doc);
  return rc;
}

LONG TSPIAPI TSPI_lineGetAddressStatus(HDRVLINE hdLine, DWORD dwAddressID, LPLINEADDRESSSTATUS lpAddressStatus) {
  if (lpAddressStatus == NULL) return LINEERR_INVALPOINTER;
  int64_t h = 0;
  LONG rc = line_host_handle(hdLine, &h, NULL);
  if (rc != 0) return rc;
  if (dwAddressID != 0) return LINEERR_INVALADDRESSID;
  char params[80];
  wsprintfA(params, "{\"hLine\":%lu,\"addressId\":0}", (unsigned long)h);
  json_doc *doc = NULL;
  const json_value *result = NULL;
  rc = bridge_call("lineGetAddressStatus", params, &doc, &result, NULL, NULL);
  state_lock();
  DWORD version = g_tsp.tspi_version ? g_tsp.tspi_version : ECSTA_TSPI_MAX;
  state_unlock();
  if (rc == 0) rc = caps_fill_addressstatus(lpAddressStatus, version, result);
  json_free(doc);
  return rc;
}

/* ---- requests on a line ---- */

/* A new call object for a request that creates one (our hdCall goes back to tapisrv at once). */
static uint32_t make_call_object(uint32_t line_id, HTAPICALL htCall) {
  state_lock();
  tsp_call *c = state_call_new(line_id, htCall);
  uint32_t id = c ? c->id : 0;
  state_unlock();
  return id;
}

LONG TSPIAPI TSPI_lineMakeCall(DRV_REQUESTID dwRequestID, HDRVLINE hdLine, HTAPICALL htCall, LPHDRVCALL lphdCall,
                               LPCWSTR lpszDestAddress, DWORD dwCountryCode, LPLINECALLPARAMS const lpCallParams) {
  (void)dwCountryCode;
  if (lphdCall == NULL) return LINEERR_INVALPOINTER;
  int64_t h = 0;
  uint32_t line_id = 0;
  LONG rc = line_host_handle(hdLine, &h, &line_id);
  if (rc != 0) return rc;
  if (lpCallParams != NULL && lpCallParams->dwTotalSize >= offsetof(LINECALLPARAMS, DialParams) &&
      lpCallParams->dwAddressMode == LINEADDRESSMODE_ADDRESSID && lpCallParams->dwAddressID != 0) {
    return LINEERR_INVALADDRESSID;
  }
  uint32_t call = make_call_object(line_id, htCall);
  if (call == 0) return LINEERR_NOMEM;
  *lphdCall = (HDRVCALL)(uintptr_t)call;
  json_buf b;
  jb_init(&b);
  jb_begin_object(&b);
  jb_key(&b, "hLine");
  jb_int(&b, h);
  key_wstr(&b, "destAddress", lpszDestAddress);
  jb_end_object(&b);
  rc = b.failed ? LINEERR_NOMEM : pending_async(dwRequestID, "lineMakeCall", b.data, call, "hCall", 0, NULL);
  if (b.failed) {
    state_lock();
    state_call_free(call);
    state_unlock();
  }
  jb_free(&b);
  return rc;
}

/* LINEFORWARDLIST (2.x/3.0 layout) to the host's [{forwardMode, destAddress}]; 0 or LINEERR_INVALPARAM. */
static LONG forward_list(json_buf *b, const LINEFORWARDLIST *list) {
  jb_begin_array(b);
  if (list != NULL) {
    DWORD total = list->dwTotalSize;
    const DWORD header = 2 * sizeof(DWORD);
    if (total < header) return LINEERR_INVALPARAM;
    if (list->dwNumEntries > (total - header) / sizeof(ecsta_lineforward20)) return LINEERR_INVALPARAM;
    const unsigned char *base = (const unsigned char *)list;
    for (DWORD i = 0; i < list->dwNumEntries; i++) {
      ecsta_lineforward20 f;
      memcpy(&f, base + header + i * sizeof(ecsta_lineforward20), sizeof(f));
      char *dest = NULL;
      if (f.dwDestAddressSize > 0) {
        if (f.dwDestAddressOffset > total || f.dwDestAddressSize > total - f.dwDestAddressOffset ||
            (f.dwDestAddressOffset & 1) != 0) {
          return LINEERR_INVALPARAM;
        }
        dest = wstr_to_utf8_n((LPCWSTR)(base + f.dwDestAddressOffset), f.dwDestAddressSize / sizeof(WCHAR));
        if (dest == NULL) return LINEERR_INVALPARAM;
      }
      jb_begin_object(b);
      jb_key(b, "forwardMode");
      jb_int(b, f.dwForwardMode);
      jb_key(b, "destAddress");
      jb_cstring(b, dest ? dest : "");
      jb_end_object(b);
      free(dest);
    }
  }
  jb_end_array(b);
  return 0;
}

LONG TSPIAPI TSPI_lineForward(DRV_REQUESTID dwRequestID, HDRVLINE hdLine, DWORD bAllAddresses, DWORD dwAddressID,
                              LPLINEFORWARDLIST const lpForwardList, DWORD dwNumRingsNoAnswer,
                              HTAPICALL htConsultCall, LPHDRVCALL lphdConsultCall,
                              LPLINECALLPARAMS const lpCallParams) {
  (void)htConsultCall;
  (void)lpCallParams;
  if (lphdConsultCall != NULL) *lphdConsultCall = NULL; /* forwarding never makes a consultation call here */
  int64_t h = 0;
  LONG rc = line_host_handle(hdLine, &h, NULL);
  if (rc != 0) return rc;
  if (!bAllAddresses && dwAddressID != 0) return LINEERR_INVALADDRESSID;
  json_buf b;
  jb_init(&b);
  jb_begin_object(&b);
  jb_key(&b, "hLine");
  jb_int(&b, h);
  jb_key(&b, "forwardList");
  rc = forward_list(&b, lpForwardList);
  jb_key(&b, "numRingsNoAnswer");
  jb_int(&b, dwNumRingsNoAnswer);
  jb_end_object(&b);
  if (rc == 0) rc = b.failed ? LINEERR_NOMEM : pending_async(dwRequestID, "lineForward", b.data, 0, NULL, 0, NULL);
  jb_free(&b);
  return rc;
}

LONG TSPIAPI TSPI_lineDevSpecific(DRV_REQUESTID dwRequestID, HDRVLINE hdLine, DWORD dwAddressID, HDRVCALL hdCall,
                                  LPVOID lpParams, DWORD dwSize) {
  /* lpParams: a UTF-8 JSON object with the host's lineDevSpecific parameters, e.g.
   * {"feature":"remoteOffice","enable":true,"number":"+4989..."}; hLine (and hCall) are added here. */
  int64_t h = 0;
  LONG rc = line_host_handle(hdLine, &h, NULL);
  if (rc != 0) return rc;
  if (dwAddressID != 0) return LINEERR_INVALADDRESSID;
  if (lpParams == NULL || dwSize == 0 || dwSize > 65536) return LINEERR_INVALPARAM;
  DWORD len = dwSize;
  while (len > 0 && ((const char *)lpParams)[len - 1] == 0) len--;
  json_doc *doc = json_parse((const char *)lpParams, len, NULL, 0);
  if (doc == NULL || json_root(doc)->type != JSON_OBJECT) {
    json_free(doc);
    return LINEERR_INVALPARAM;
  }
  int64_t hc = 0;
  if (hdCall != NULL && (rc = call_host_handle(hdCall, &hc)) != 0) {
    json_free(doc);
    return rc;
  }
  json_buf b;
  jb_init(&b);
  jb_begin_object(&b);
  for (const json_value *m = json_root(doc)->child; m; m = m->next) {
    if (strcmp(m->key, "hLine") == 0 || strcmp(m->key, "hCall") == 0) continue;
    jb_key(&b, m->key);
    jb_value(&b, m);
  }
  jb_key(&b, "hLine");
  jb_int(&b, h);
  if (hc) {
    jb_key(&b, "hCall");
    jb_int(&b, hc);
  }
  jb_end_object(&b);
  json_free(doc);
  rc = b.failed ? LINEERR_NOMEM : pending_async(dwRequestID, "lineDevSpecific", b.data, 0, NULL, 0, NULL);
  jb_free(&b);
  return rc;
}

static LONG new_call_on_line(DRV_REQUESTID rid, HDRVLINE hdLine, DWORD dwAddressID, HTAPICALL htCall,
                             LPHDRVCALL lphdCall, const char *method, LPCWSTR dest, LPCWSTR group) {
  if (lphdCall == NULL) return LINEERR_INVALPOINTER;
  int64_t h = 0;
  uint32_t line_id = 0;
  LONG rc = line_host_handle(hdLine, &h, &line_id);
  if (rc != 0) return rc;
  if (dwAddressID != 0) return LINEERR_INVALADDRESSID;
  uint32_t call = make_call_object(line_id, htCall);
  if (call == 0) return LINEERR_NOMEM;
  *lphdCall = (HDRVCALL)(uintptr_t)call;
  json_buf b;
  jb_init(&b);
  jb_begin_object(&b);
  jb_key(&b, "hLine");
  jb_int(&b, h);
  key_wstr(&b, "destAddress", dest);
  if (group != NULL) key_wstr(&b, "groupId", group);
  jb_end_object(&b);
  if (b.failed) {
    state_lock();
    state_call_free(call);
    state_unlock();
    rc = LINEERR_NOMEM;
  } else {
    rc = pending_async(rid, method, b.data, call, "hCall", 0, NULL);
  }
  jb_free(&b);
  return rc;
}

LONG TSPIAPI TSPI_linePickup(DRV_REQUESTID dwRequestID, HDRVLINE hdLine, DWORD dwAddressID, HTAPICALL htCall,
                             LPHDRVCALL lphdCall, LPCWSTR lpszDestAddress, LPCWSTR lpszGroupID) {
  return new_call_on_line(dwRequestID, hdLine, dwAddressID, htCall, lphdCall, "linePickup", lpszDestAddress,
                          lpszGroupID ? lpszGroupID : L"");
}

LONG TSPIAPI TSPI_lineUnpark(DRV_REQUESTID dwRequestID, HDRVLINE hdLine, DWORD dwAddressID, HTAPICALL htCall,
                             LPHDRVCALL lphdCall, LPCWSTR lpszDestAddress) {
  return new_call_on_line(dwRequestID, hdLine, dwAddressID, htCall, lphdCall, "lineUnpark", lpszDestAddress, NULL);
}
