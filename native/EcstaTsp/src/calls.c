/* Call-level TSPI functions: the call control requests (forwarded as asynchronous host requests),
 * call information and status, and lineCloseCall. */
#include <stdlib.h>
#include <string.h>

#include "base64.h"
#include "tsp.h"
#include "wstr.h"

LONG call_host_handle(HDRVCALL hdCall, int64_t *host_hcall) {
  state_lock();
  tsp_call *c = state_call(TSP_HANDLE(hdCall));
  LONG rc = 0;
  if (c == NULL) rc = LINEERR_INVALCALLHANDLE;
  else if (c->host_hcall == 0) rc = LINEERR_INVALCALLSTATE; /* the host no longer knows it */
  else {
    tsp_line *l = state_line(c->line_id);
    if (l == NULL) rc = LINEERR_INVALCALLHANDLE;
    else if (l->host_hline == 0) rc = LINEERR_RESOURCEUNAVAIL;
    else *host_hcall = c->host_hcall;
  }
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

/* The common shape: {"hCall": h[, key: dest]} as an asynchronous request. */
static LONG call_request(DRV_REQUESTID rid, HDRVCALL hdCall, const char *method, const char *key, LPCWSTR text) {
  int64_t h = 0;
  LONG rc = call_host_handle(hdCall, &h);
  if (rc != 0) return rc;
  json_buf b;
  jb_init(&b);
  jb_begin_object(&b);
  jb_key(&b, "hCall");
  jb_int(&b, h);
  if (key != NULL) key_wstr(&b, key, text);
  jb_end_object(&b);
  rc = b.failed ? LINEERR_NOMEM : pending_async(rid, method, b.data, 0, NULL, 0, NULL);
  jb_free(&b);
  return rc;
}

LONG TSPIAPI TSPI_lineAnswer(DRV_REQUESTID dwRequestID, HDRVCALL hdCall, LPCSTR lpsUserUserInfo, DWORD dwSize) {
  (void)lpsUserUserInfo;
  (void)dwSize;
  return call_request(dwRequestID, hdCall, "lineAnswer", NULL, NULL);
}

LONG TSPIAPI TSPI_lineDrop(DRV_REQUESTID dwRequestID, HDRVCALL hdCall, LPCSTR lpsUserUserInfo, DWORD dwSize) {
  (void)lpsUserUserInfo;
  (void)dwSize;
  return call_request(dwRequestID, hdCall, "lineDrop", NULL, NULL);
}

LONG TSPIAPI TSPI_lineHold(DRV_REQUESTID dwRequestID, HDRVCALL hdCall) {
  return call_request(dwRequestID, hdCall, "lineHold", NULL, NULL);
}

LONG TSPIAPI TSPI_lineUnhold(DRV_REQUESTID dwRequestID, HDRVCALL hdCall) {
  return call_request(dwRequestID, hdCall, "lineUnhold", NULL, NULL);
}

LONG TSPIAPI TSPI_lineRedirect(DRV_REQUESTID dwRequestID, HDRVCALL hdCall, LPCWSTR lpszDestAddress,
                               DWORD dwCountryCode) {
  (void)dwCountryCode;
  return call_request(dwRequestID, hdCall, "lineRedirect", "destAddress", lpszDestAddress);
}

LONG TSPIAPI TSPI_lineBlindTransfer(DRV_REQUESTID dwRequestID, HDRVCALL hdCall, LPCWSTR lpszDestAddress,
                                    DWORD dwCountryCode) {
  (void)dwCountryCode;
  return call_request(dwRequestID, hdCall, "lineBlindTransfer", "destAddress", lpszDestAddress);
}

LONG TSPIAPI TSPI_lineDial(DRV_REQUESTID dwRequestID, HDRVCALL hdCall, LPCWSTR lpszDestAddress, DWORD dwCountryCode) {
  (void)dwCountryCode;
  return call_request(dwRequestID, hdCall, "lineDial", "destAddress", lpszDestAddress);
}

LONG TSPIAPI TSPI_lineSendUserUserInfo(DRV_REQUESTID dwRequestID, HDRVCALL hdCall, LPCSTR lpsUserUserInfo,
                                       DWORD dwSize) {
  int64_t h = 0;
  LONG rc = call_host_handle(hdCall, &h);
  if (rc != 0) return rc;
  char *uui = base64_encode((const unsigned char *)(lpsUserUserInfo ? lpsUserUserInfo : ""),
                            lpsUserUserInfo ? dwSize : 0);
  if (uui == NULL) return LINEERR_NOMEM;
  json_buf b;
  jb_init(&b);
  jb_begin_object(&b);
  jb_key(&b, "hCall");
  jb_int(&b, h);
  jb_key(&b, "userUserInfo");
  jb_cstring(&b, uui);
  jb_end_object(&b);
  free(uui);
  rc = b.failed ? LINEERR_NOMEM : pending_async(dwRequestID, "lineSendUserUserInfo", b.data, 0, NULL, 0, NULL);
  jb_free(&b);
  return rc;
}

LONG TSPIAPI TSPI_linePark(DRV_REQUESTID dwRequestID, HDRVCALL hdCall, DWORD dwParkMode, LPCWSTR lpszDirAddress,
                           LPVARSTRING lpNonDirAddress) {
  (void)lpNonDirAddress; /* filled by nobody until the host offers non-directed park (issue 16) */
  int64_t h = 0;
  LONG rc = call_host_handle(hdCall, &h);
  if (rc != 0) return rc;
  json_buf b;
  jb_init(&b);
  jb_begin_object(&b);
  jb_key(&b, "hCall");
  jb_int(&b, h);
  jb_key(&b, "parkMode");
  jb_int(&b, dwParkMode);
  key_wstr(&b, "dirAddress", lpszDirAddress);
  jb_end_object(&b);
  rc = b.failed ? LINEERR_NOMEM : pending_async(dwRequestID, "linePark", b.data, 0, NULL, 0, NULL);
  jb_free(&b);
  return rc;
}

/* A request on one call that creates another (lineSetupTransfer, lineCompleteTransfer CONFERENCE). */
static uint32_t sibling_call(HDRVCALL hdCall, HTAPICALL htNew) {
  state_lock();
  tsp_call *c = state_call(TSP_HANDLE(hdCall));
  tsp_call *n = c ? state_call_new(c->line_id, htNew) : NULL;
  uint32_t id = n ? n->id : 0;
  state_unlock();
  return id;
}

LONG TSPIAPI TSPI_lineSetupTransfer(DRV_REQUESTID dwRequestID, HDRVCALL hdCall, HTAPICALL htConsultCall,
                                    LPHDRVCALL lphdConsultCall, LPLINECALLPARAMS const lpCallParams) {
  (void)lpCallParams;
  if (lphdConsultCall == NULL) return LINEERR_INVALPOINTER;
  int64_t h = 0;
  LONG rc = call_host_handle(hdCall, &h);
  if (rc != 0) return rc;
  uint32_t consult = sibling_call(hdCall, htConsultCall);
  if (consult == 0) return LINEERR_NOMEM;
  *lphdConsultCall = (HDRVCALL)(uintptr_t)consult;
  char params[64];
  wsprintfA(params, "{\"hCall\":%lu}", (unsigned long)h);
  return pending_async(dwRequestID, "lineSetupTransfer", params, consult, "hConsultCall", 0, NULL);
}

LONG TSPIAPI TSPI_lineSwapHold(DRV_REQUESTID dwRequestID, HDRVCALL hdActiveCall, HDRVCALL hdHeldCall) {
  int64_t a = 0, h = 0;
  LONG rc = call_host_handle(hdActiveCall, &a);
  if (rc == 0) rc = call_host_handle(hdHeldCall, &h);
  if (rc != 0) return rc;
  char params[96];
  wsprintfA(params, "{\"hActiveCall\":%lu,\"hHeldCall\":%lu}", (unsigned long)a, (unsigned long)h);
  return pending_async(dwRequestID, "lineSwapHold", params, 0, NULL, 0, NULL);
}

LONG TSPIAPI TSPI_lineCompleteTransfer(DRV_REQUESTID dwRequestID, HDRVCALL hdCall, HDRVCALL hdConsultCall,
                                       HTAPICALL htConfCall, LPHDRVCALL lphdConfCall, DWORD dwTransferMode) {
  if (dwTransferMode != LINETRANSFERMODE_TRANSFER && dwTransferMode != LINETRANSFERMODE_CONFERENCE) {
    return LINEERR_INVALTRANSFERMODE;
  }
  int64_t h = 0, c = 0;
  LONG rc = call_host_handle(hdCall, &h);
  if (rc == 0) rc = call_host_handle(hdConsultCall, &c);
  if (rc != 0) return rc;
  uint32_t conf = 0;
  if (dwTransferMode == LINETRANSFERMODE_CONFERENCE) {
    if (lphdConfCall == NULL) return LINEERR_INVALPOINTER;
    conf = sibling_call(hdCall, htConfCall);
    if (conf == 0) return LINEERR_NOMEM;
    *lphdConfCall = (HDRVCALL)(uintptr_t)conf;
  }
  char params[128];
  wsprintfA(params, "{\"hCall\":%lu,\"hConsultCall\":%lu,\"transferMode\":%lu}", (unsigned long)h, (unsigned long)c,
            (unsigned long)dwTransferMode);
  return pending_async(dwRequestID, "lineCompleteTransfer", params, conf, conf ? "hConfCall" : NULL, 0, NULL);
}

LONG TSPIAPI TSPI_lineAddToConference(DRV_REQUESTID dwRequestID, HDRVCALL hdConfCall, HDRVCALL hdConsultCall) {
  int64_t conf = 0, c = 0;
  LONG rc = call_host_handle(hdConfCall, &conf);
  if (rc == LINEERR_INVALCALLHANDLE) return LINEERR_INVALCONFCALLHANDLE;
  if (rc == 0) rc = call_host_handle(hdConsultCall, &c);
  if (rc == LINEERR_INVALCALLHANDLE) return LINEERR_INVALCONSULTCALLHANDLE;
  if (rc != 0) return rc;
  char params[96];
  wsprintfA(params, "{\"hConfCall\":%lu,\"hConsultCall\":%lu}", (unsigned long)conf, (unsigned long)c);
  return pending_async(dwRequestID, "lineAddToConference", params, 0, NULL, 0, NULL);
}

LONG TSPIAPI TSPI_lineSetCallData(DRV_REQUESTID dwRequestID, HDRVCALL hdCall, LPVOID lpCallData, DWORD dwSize) {
  int64_t h = 0;
  LONG rc = call_host_handle(hdCall, &h);
  if (rc != 0) return rc;
  if (dwSize > 65536) return LINEERR_INVALPARAM;
  char *data = base64_encode((const unsigned char *)(lpCallData ? lpCallData : ""), lpCallData ? dwSize : 0);
  if (data == NULL) return LINEERR_NOMEM;
  json_buf b;
  jb_init(&b);
  jb_begin_object(&b);
  jb_key(&b, "hCall");
  jb_int(&b, h);
  jb_key(&b, "callData");
  jb_cstring(&b, data);
  jb_end_object(&b);
  free(data);
  rc = b.failed ? LINEERR_NOMEM : pending_async(dwRequestID, "lineSetCallData", b.data, 0, NULL, 0, NULL);
  jb_free(&b);
  return rc;
}

LONG TSPIAPI TSPI_lineSetAppSpecific(HDRVCALL hdCall, DWORD dwAppSpecific) {
  int64_t h = 0;
  LONG rc = call_host_handle(hdCall, &h);
  if (rc != 0) return rc;
  char params[96];
  wsprintfA(params, "{\"hCall\":%lu,\"appSpecific\":%lu}", (unsigned long)h, (unsigned long)dwAppSpecific);
  return bridge_call("lineSetAppSpecific", params, NULL, NULL, NULL, NULL);
}

/* ---- digits (TSPI: synchronous, LINE_GENERATE when done) ---- */

typedef struct generate_context {
  uint32_t line_id, call;
  DWORD end_to_end_id;
} generate_context;

static void on_generate_reply(void *context, const json_value *result) {
  generate_context *ctx = (generate_context *)context;
  int64_t rid = 0;
  /* requestId 0: nothing was sent (a cancel with nothing in progress), so no LINE_GENERATE follows */
  if (!json_get_i64(result, "requestId", &rid) || rid == 0) return;
  tsp_async *a = (tsp_async *)calloc(1, sizeof(tsp_async));
  if (a == NULL) return;
  a->host_request_id = rid;
  a->kind = ASYNC_GENERATE;
  a->line_id = ctx->line_id;
  a->call = ctx->call;
  a->end_to_end_id = ctx->end_to_end_id;
  state_lock();
  state_async_add(a);
  state_unlock();
}

LONG TSPIAPI TSPI_lineGenerateDigits(HDRVCALL hdCall, DWORD dwEndToEndID, DWORD dwDigitMode, LPCWSTR lpszDigits,
                                     DWORD dwDuration) {
  int64_t h = 0;
  LONG rc = call_host_handle(hdCall, &h);
  if (rc != 0) return rc;
  generate_context ctx;
  ctx.call = TSP_HANDLE(hdCall);
  ctx.end_to_end_id = dwEndToEndID;
  state_lock();
  tsp_call *c = state_call(ctx.call);
  ctx.line_id = c ? c->line_id : 0;
  state_unlock();
  json_buf b;
  jb_init(&b);
  jb_begin_object(&b);
  jb_key(&b, "hCall");
  jb_int(&b, h);
  jb_key(&b, "digitMode");
  jb_int(&b, dwDigitMode);
  if (lpszDigits != NULL) key_wstr(&b, "digits", lpszDigits);
  else {
    jb_key(&b, "digits");
    jb_null(&b); /* cancels a generation in progress */
  }
  jb_key(&b, "duration");
  jb_int(&b, dwDuration);
  jb_end_object(&b);
  rc = b.failed ? LINEERR_NOMEM : bridge_call("lineGenerateDigits", b.data, NULL, NULL, on_generate_reply, &ctx);
  jb_free(&b);
  return rc;
}

/* ---- information ---- */

static LONG call_query(HDRVCALL hdCall, const char *method, json_doc **doc, const json_value **result,
                       DWORD *tapi_id, SYSTEMTIME *since, DWORD *version) {
  int64_t h = 0;
  LONG rc = call_host_handle(hdCall, &h);
  if (rc != 0) return rc;
  state_lock();
  tsp_call *c = state_call(TSP_HANDLE(hdCall));
  tsp_line *l = c ? state_line(c->line_id) : NULL;
  if (tapi_id) *tapi_id = l ? l->tapi_id : 0;
  if (since && c) *since = c->state_time;
  if (version) *version = g_tsp.tspi_version ? g_tsp.tspi_version : ECSTA_TSPI_MAX;
  state_unlock();
  char params[64];
  wsprintfA(params, "{\"hCall\":%lu}", (unsigned long)h);
  return bridge_call(method, params, doc, result, NULL, NULL);
}

/* A call the host forgot while the bridge was down (reported IDLE by the reconciliation): tapisrv may still
 * read it until lineCloseCall, so it is answered from what the provider knows. */
static int ghost_call(HDRVCALL hdCall, DWORD *tapi_id, DWORD *state, SYSTEMTIME *since, DWORD *version) {
  state_lock();
  tsp_call *c = state_call(TSP_HANDLE(hdCall));
  tsp_line *l = c ? state_line(c->line_id) : NULL;
  int ghost = c != NULL && l != NULL && c->host_hcall == 0 && c->valid;
  if (ghost) {
    *tapi_id = l->tapi_id;
    *state = c->state;
    *since = c->state_time;
    *version = g_tsp.tspi_version ? g_tsp.tspi_version : ECSTA_TSPI_MAX;
  }
  state_unlock();
  return ghost;
}

LONG TSPIAPI TSPI_lineGetCallInfo(HDRVCALL hdCall, LPLINECALLINFO lpCallInfo) {
  if (lpCallInfo == NULL) return LINEERR_INVALPOINTER;
  json_doc *doc = NULL;
  const json_value *result = NULL;
  DWORD tapi_id = 0, version = 0, state = 0;
  SYSTEMTIME since;
  if (ghost_call(hdCall, &tapi_id, &state, &since, &version)) {
    LONG rc = caps_fill_callinfo(lpCallInfo, version, tapi_id, NULL);
    if (rc == 0) lpCallInfo->dwCallStates = LINECALLSTATE_IDLE;
    return rc;
  }
  LONG rc = call_query(hdCall, "lineGetCallInfo", &doc, &result, &tapi_id, NULL, &version);
  if (rc == 0) {
    uint32_t call_id = 0;
    if (json_get_u32(result, "callId", &call_id)) {
      state_lock();
      tsp_call *c = state_call(TSP_HANDLE(hdCall));
      if (c) c->call_id = call_id; /* remembered for reconciling after a reconnect */
      state_unlock();
    }
    rc = caps_fill_callinfo(lpCallInfo, version, tapi_id, result);
  }
  json_free(doc);
  return rc;
}

LONG TSPIAPI TSPI_lineGetCallStatus(HDRVCALL hdCall, LPLINECALLSTATUS lpCallStatus) {
  if (lpCallStatus == NULL) return LINEERR_INVALPOINTER;
  json_doc *doc = NULL;
  const json_value *result = NULL;
  SYSTEMTIME since;
  DWORD version = 0, tapi_id = 0, state = 0;
  memset(&since, 0, sizeof(since));
  if (ghost_call(hdCall, &tapi_id, &state, &since, &version)) {
    LONG rc = caps_fill_callstatus(lpCallStatus, version, NULL, &since);
    if (rc == 0) lpCallStatus->dwCallState = state;
    return rc;
  }
  LONG rc = call_query(hdCall, "lineGetCallStatus", &doc, &result, NULL, &since, &version);
  if (rc == 0) rc = caps_fill_callstatus(lpCallStatus, version, result, &since);
  json_free(doc);
  return rc;
}

LONG TSPIAPI TSPI_lineGetCallIDs(HDRVCALL hdCall, LPDWORD lpdwAddressID, LPDWORD lpdwCallID,
                                 LPDWORD lpdwRelatedCallID) {
  if (lpdwAddressID == NULL || lpdwCallID == NULL || lpdwRelatedCallID == NULL) return LINEERR_INVALPOINTER;
  json_doc *doc = NULL;
  const json_value *result = NULL;
  LONG rc = call_query(hdCall, "lineGetCallIDs", &doc, &result, NULL, NULL, NULL);
  if (rc == 0) {
    uint32_t a = 0, c = 0, r = 0;
    json_get_u32(result, "addressId", &a);
    json_get_u32(result, "callId", &c);
    json_get_u32(result, "relatedCallId", &r);
    *lpdwAddressID = a;
    *lpdwCallID = c;
    *lpdwRelatedCallID = r;
  }
  json_free(doc);
  return rc;
}

LONG TSPIAPI TSPI_lineGetCallAddressID(HDRVCALL hdCall, LPDWORD lpdwAddressID) {
  if (lpdwAddressID == NULL) return LINEERR_INVALPOINTER;
  state_lock();
  int known = state_call(TSP_HANDLE(hdCall)) != NULL;
  state_unlock();
  if (!known) return LINEERR_INVALCALLHANDLE;
  *lpdwAddressID = 0; /* one address per line */
  return 0;
}

LONG TSPIAPI TSPI_lineCloseCall(HDRVCALL hdCall) {
  /* tapisrv is done with the call. The phone owns the call (third-party control), so it is not dropped
   * here; the host forgets an IDLE call with lineDeallocateCall (a live one it keeps, refusing). */
  state_lock();
  tsp_call *c = state_call(TSP_HANDLE(hdCall));
  int64_t h = c ? c->host_hcall : 0;
  int idle = c && c->state == LINECALLSTATE_IDLE;
  int found = c != NULL;
  if (c) state_call_free(c->id);
  state_unlock();
  if (!found) return LINEERR_INVALCALLHANDLE;
  if (h != 0 && idle) {
    char params[64];
    wsprintfA(params, "{\"hCall\":%lu}", (unsigned long)h);
    bridge_call("lineDeallocateCall", params, NULL, NULL, NULL, NULL);
  }
  return 0;
}
