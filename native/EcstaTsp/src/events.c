/* Host notifications to TSPI events, on the dispatch thread. The host speaks TAPI's application-side
 * messages (docs/application-api.md); tapisrv wants the provider-side ones:
 *  LINE_NEWCALL    p1 = hdCall, p2 = &htCall (tapisrv's answer; NULL: forget the call)
 *  LINE_CALLSTATE  p1 = state, p2 = mode (CONFERENCED: the conference's htCall), p3 = media mode
 *  LINE_CALLINFO, LINE_ADDRESSSTATE, LINE_LINEDEVSTATE as they are (filtered by lineSetStatusMessages)
 *  LINE_CREATE / LINE_REMOVE through the provider's LINEEVENT (providerEnumDevices)
 * Losing the bridge: OUTOFSERVICE on every open line, outstanding requests fail; reconnecting: the
 * lines are opened again, their calls reconciled with lineGetCalls, then INSERVICE. */
#include <stdlib.h>
#include <string.h>

#include "tsp.h"

void events_line_event(uint32_t line_id, uint32_t call_id, DWORD msg, DWORD_PTR p1, DWORD_PTR p2, DWORD_PTR p3) {
  state_lock();
  tsp_line *l = state_line(line_id);
  tsp_call *c = call_id ? state_call(call_id) : NULL;
  LINEEVENT proc = l ? l->event_proc : NULL;
  HTAPILINE htLine = l ? l->htLine : NULL;
  HTAPICALL htCall = c ? c->htCall : NULL;
  state_unlock();
  if (proc == NULL || (call_id && htCall == NULL)) return;
  proc(htLine, htCall, msg, p1, p2, p3);
}

static void provider_event(DWORD msg, DWORD_PTR p1, DWORD_PTR p2) {
  state_lock();
  LINEEVENT proc = g_tsp.line_create_proc;
  state_unlock();
  if (proc) proc(NULL, NULL, msg, p1, p2, 0);
}

/* A call the host reports by itself: tapisrv names it. Returns our call id or 0. */
static uint32_t new_call(uint32_t line_id, int64_t host_hcall) {
  state_lock();
  tsp_line *l = state_line(line_id);
  tsp_call *c = l ? state_call_new(line_id, NULL) : NULL;
  if (c) c->host_hcall = host_hcall;
  uint32_t id = c ? c->id : 0;
  LINEEVENT proc = l ? l->event_proc : NULL;
  HTAPILINE htLine = l ? l->htLine : NULL;
  state_unlock();
  if (id == 0 || proc == NULL) return 0;
  HTAPICALL htCall = NULL;
  proc(htLine, NULL, LINE_NEWCALL, (DWORD_PTR)id, (DWORD_PTR)&htCall, 0);
  state_lock();
  c = state_call(id);
  if (c != NULL && htCall != NULL) {
    c->htCall = htCall;
    c->valid = 1;
  } else if (c != NULL) {
    tsp_log("tapisrv gave no handle for a new call; it is dropped");
    state_call_free(id);
    id = 0;
  }
  state_unlock();
  return id;
}

static void call_state(uint32_t line_id, uint32_t call_id, DWORD state, DWORD mode, int64_t conf_host) {
  DWORD_PTR p2 = mode;
  state_lock();
  tsp_call *c = state_call(call_id);
  if (c == NULL || !c->valid) {
    state_unlock();
    return; /* not yet known to tapisrv: its request has not completed */
  }
  if (c->state == LINECALLSTATE_IDLE) {
    state_unlock();
    return; /* IDLE is final */
  }
  c->state = state;
  c->state_mode = mode;
  GetSystemTime(&c->state_time);
  if (state == LINECALLSTATE_CONFERENCED) {
    tsp_call *conf = state_call_by_host(line_id, conf_host);
    p2 = (DWORD_PTR)(conf ? conf->htCall : NULL);
  }
  state_unlock();
  events_line_event(line_id, call_id, LINE_CALLSTATE, state, p2, LINEMEDIAMODE_INTERACTIVEVOICE);
}

static DWORD message_id(const char *name) {
  static const struct { const char *name; DWORD id; } table[] = {
      {"LINE_ADDRESSSTATE", LINE_ADDRESSSTATE}, {"LINE_CALLINFO", LINE_CALLINFO},
      {"LINE_CALLSTATE", LINE_CALLSTATE},       {"LINE_CLOSE", LINE_CLOSE},
      {"LINE_DEVSPECIFIC", LINE_DEVSPECIFIC},   {"LINE_LINEDEVSTATE", LINE_LINEDEVSTATE},
      {"LINE_MONITORDIGITS", LINE_MONITORDIGITS}, {"LINE_GENERATE", LINE_GENERATE},
      {"LINE_NEWCALL", LINE_NEWCALL},           {"LINE_APPNEWCALL", LINE_NEWCALL},
      {"LINE_CREATE", LINE_CREATE},             {"LINE_REMOVE", LINE_REMOVE},
  };
  for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
    if (strcmp(table[i].name, name) == 0) return table[i].id;
  }
  return 0xFFFFFFFFu;
}

void events_notification(const json_value *message) {
  const char *method = json_get_str(message, "method");
  const json_value *params = json_get(message, "params");
  if (method == NULL || params == NULL || params->type != JSON_OBJECT) return;
  if (strcmp(method, "ASYNC_COMPLETION") == 0) {
    int64_t rid = 0, result = 0;
    if (json_get_i64(params, "requestId", &rid) && json_get_i64(params, "result", &result)) {
      pending_complete(rid, (LONG)result);
    }
    return;
  }
  DWORD msg = message_id(method);
  if (msg == 0xFFFFFFFFu) return;
  if (msg == LINE_CREATE || msg == LINE_REMOVE) {
    events_sync_devices();
    return;
  }
  int64_t host_hline = 0, host_hcall = 0;
  uint32_t p1 = 0, p2 = 0, p3 = 0;
  json_get_i64(params, "hLine", &host_hline);
  json_get_i64(params, "hCall", &host_hcall);
  json_get_u32(params, "param1", &p1);
  json_get_u32(params, "param2", &p2);
  json_get_u32(params, "param3", &p3);

  state_lock();
  tsp_line *l = state_line_by_host(host_hline);
  uint32_t line_id = l ? l->id : 0;
  DWORD line_states = l ? l->line_states : 0, address_states = l ? l->address_states : 0;
  tsp_call *c = l ? state_call_by_host(line_id, msg == LINE_NEWCALL ? (int64_t)p2 : host_hcall) : NULL;
  uint32_t call_id = c ? c->id : 0;
  if (msg == LINE_CLOSE && l) state_line_set_host(l, 0);
  state_unlock();
  if (line_id == 0) return;

  switch (msg) {
    case LINE_NEWCALL:
      if (call_id == 0) new_call(line_id, p2 ? (int64_t)p2 : host_hcall);
      break;
    case LINE_CALLSTATE:
      /* A call another application of the host made (lineMakeCall over the WebSocket, `ecsta call dial`)
       * reaches this one without LINE_NEWCALL: its first LINE_CALLSTATE carries our privilege in param3.
       * tapisrv must hear of it as a new call. */
      if (call_id == 0 && p3 != 0 && p1 != LINECALLSTATE_IDLE) call_id = new_call(line_id, host_hcall);
      if (call_id) call_state(line_id, call_id, p1, p2, (int64_t)p2);
      break;
    case LINE_CALLINFO:
    case LINE_MONITORDIGITS:
      if (call_id) events_line_event(line_id, call_id, msg, p1, p2, p3);
      break;
    case LINE_ADDRESSSTATE:
      if (address_states & p2) events_line_event(line_id, 0, msg, p1, p2, 0);
      break;
    case LINE_LINEDEVSTATE:
      if (line_states & p1) events_line_event(line_id, 0, msg, p1, p2, p3);
      break;
    case LINE_CLOSE:
      events_line_event(line_id, 0, LINE_CLOSE, 0, 0, 0);
      break;
    case LINE_DEVSPECIFIC:
      events_line_event(line_id, call_id, msg, p1, p2, p3);
      break;
    default:
      break;
  }
}

void events_sync_devices(void) {
  state_lock();
  int ready = g_tsp.initialized;
  state_unlock();
  if (!ready) return;
  if (devices_refresh(0) != 0) return;
  state_lock();
  HPROVIDER provider = g_tsp.provider;
  size_t n = g_tsp.device_count;
  DWORD_PTR *create = (DWORD_PTR *)malloc((n ? n : 1) * sizeof(DWORD_PTR));
  DWORD *remove = (DWORD *)malloc((n ? n : 1) * sizeof(DWORD));
  size_t nc = 0, nr = 0;
  for (size_t i = 0; create != NULL && remove != NULL && i < n; i++) {
    tsp_device *d = &g_tsp.devices[i];
    if (d->present && d->removed) { /* back after a removal: a new TAPI device */
      d->removed = 0;
      state_device_set_tapi(d, ECSTA_NO_DEVICE);
      d->temp_id = 0;
    }
    if (d->present && d->tapi_id == ECSTA_NO_DEVICE && d->temp_id == 0) {
      d->temp_id = ++g_tsp.next_temp_id;
      create[nc++] = d->temp_id;
    } else if (!d->present && !d->removed) {
      d->removed = 1;
      if (d->tapi_id != ECSTA_NO_DEVICE) remove[nr++] = d->tapi_id;
      d->temp_id = 0;
    }
  }
  state_unlock();
  for (size_t i = 0; i < nc; i++) provider_event(LINE_CREATE, (DWORD_PTR)provider, create[i]);
  for (size_t i = 0; i < nr; i++) provider_event(LINE_REMOVE, remove[i], 0);
  free(create);
  free(remove);
}

/* ---- the bridge comes and goes ---- */

static int64_t host_open(uint32_t host_id) {
  char params[96];
  json_doc *doc = NULL;
  const json_value *result = NULL;
  wsprintfA(params, "{\"deviceId\":%lu,\"privileges\":4}", (unsigned long)host_id);
  int64_t h = 0;
  if (bridge_call("lineOpen", params, &doc, &result, NULL, NULL) == 0) json_get_i64(result, "hLine", &h);
  json_free(doc);
  return h;
}

typedef struct host_call {
  int64_t hcall;
  DWORD state, mode;
  uint32_t call_id;
  int matched;
} host_call;

static void reconcile(uint32_t line_id, int64_t host_hline) {
  char params[64];
  wsprintfA(params, "{\"hLine\":%lu}", (unsigned long)host_hline);
  json_doc *doc = NULL;
  const json_value *result = NULL;
  if (bridge_call("lineGetCalls", params, &doc, &result, NULL, NULL) != 0 || result == NULL ||
      result->type != JSON_ARRAY) {
    json_free(doc);
    return;
  }
  size_t n = result->count;
  host_call *hc = (host_call *)calloc(n ? n : 1, sizeof(host_call));
  if (hc == NULL) {
    json_free(doc);
    return;
  }
  size_t k = 0;
  for (const json_value *e = result->child; e && k < n; e = e->next) {
    const json_value *st = json_get(e, "status");
    const json_value *info = json_get(e, "info");
    if (!json_get_i64(e, "hCall", &hc[k].hcall)) continue;
    uint32_t v = 0;
    json_get_u32(st, "callState", &v);
    hc[k].state = v;
    v = 0;
    json_get_u32(st, "callStateMode", &v);
    hc[k].mode = v;
    json_get_u32(info, "callId", &hc[k].call_id);
    k++;
  }
  json_free(doc);

  /* Our calls on this line: still there (state may have changed), or gone (IDLE). */
  typedef struct seen {
    uint32_t id;
    DWORD state, mode;
    int gone;
  } seen;
  size_t m = 0, cap = 0;
  state_lock();
  for (tsp_call *c = g_tsp.calls; c; c = c->next) cap++;
  seen *ours = (seen *)calloc(cap ? cap : 1, sizeof(seen));
  for (tsp_call *c = g_tsp.calls; ours != NULL && c; c = c->next) {
    if (c->line_id != line_id || !c->valid || c->state == LINECALLSTATE_IDLE) continue;
    host_call *found = NULL;
    for (size_t i = 0; i < k; i++) {
      if (hc[i].hcall == c->host_hcall && (c->call_id == 0 || hc[i].call_id == c->call_id)) found = &hc[i];
    }
    ours[m].id = c->id;
    ours[m].gone = found == NULL;
    if (found) {
      found->matched = 1;
      ours[m].state = found->state;
      ours[m].mode = found->mode;
    } else {
      c->host_hcall = 0; /* a ghost: the host forgot it */
      ours[m].state = LINECALLSTATE_IDLE;
    }
    m++;
  }
  state_unlock();
  for (size_t i = 0; i < m; i++) {
    state_lock();
    tsp_call *c = state_call(ours[i].id);
    int changed = c && (ours[i].gone || c->state != ours[i].state || c->state_mode != ours[i].mode);
    state_unlock();
    if (changed) call_state(line_id, ours[i].id, ours[i].state, ours[i].mode, 0);
  }
  free(ours);
  /* Calls that appeared while we were away. */
  for (size_t i = 0; i < k; i++) {
    if (hc[i].matched || hc[i].state == LINECALLSTATE_IDLE) continue;
    uint32_t id = new_call(line_id, hc[i].hcall);
    if (id) {
      state_lock();
      tsp_call *c = state_call(id);
      if (c) c->call_id = hc[i].call_id;
      state_unlock();
      call_state(line_id, id, hc[i].state, hc[i].mode, 0);
    }
  }
  free(hc);
}

/* The ids of the open lines that match (caller frees; *n their number). */
static uint32_t *lines_where(int (*match)(tsp_line *), size_t *n) {
  *n = 0;
  state_lock();
  size_t cap = 0;
  for (tsp_line *l = g_tsp.lines; l; l = l->next) cap++;
  uint32_t *ids = (uint32_t *)malloc((cap ? cap : 1) * sizeof(uint32_t));
  for (tsp_line *l = g_tsp.lines; ids != NULL && l; l = l->next) {
    if (match(l)) ids[(*n)++] = l->id;
  }
  state_unlock();
  return ids;
}

static int not_open_on_host(tsp_line *l) { return l->host_hline == 0 && !l->opening; }

/* Marks the line lost; 1 if OUTOFSERVICE is to be reported (first loss, and tapisrv wants it). */
static int mark_lost(tsp_line *l) {
  state_line_set_host(l, 0);
  if (l->out_of_service) return 0;
  l->out_of_service = 1;
  return (l->line_states & LINEDEVSTATE_OUTOFSERVICE) != 0;
}

void events_connected(void) {
  events_sync_devices();
  size_t n = 0;
  uint32_t *ids = lines_where(not_open_on_host, &n);
  for (size_t i = 0; ids != NULL && i < n; i++) {
    state_lock();
    tsp_line *l = state_line(ids[i]);
    uint32_t host_id = l ? l->host_id : 0;
    tsp_device *d = l ? state_device_by_host(host_id) : NULL;
    int gone = d == NULL || d->removed;
    state_unlock();
    if (l == NULL || gone) continue;
    int64_t h = host_open(host_id);
    if (h == 0) continue; /* stays out of service; tried again on the next connection */
    state_lock();
    l = state_line(ids[i]);
    int was_out = 0, states_set = 0;
    DWORD states = 0, address_states = 0;
    int in_service = 1;
    int raced = l != NULL && (l->host_hline != 0 || l->opening); /* TSPI_lineOpen got there first */
    if (l && !raced) {
      state_line_set_host(l, h);
      was_out = l->out_of_service;
      l->out_of_service = 0;
      states = l->line_states;
      address_states = l->address_states;
      states_set = l->states_set;
      d = state_device_by_host(l->host_id);
      in_service = d ? d->in_service : 0;
    }
    state_unlock();
    if (l == NULL || raced) { /* closed meanwhile, or opened by TSPI_lineOpen */
      char params[64];
      wsprintfA(params, "{\"hLine\":%lu}", (unsigned long)h);
      bridge_call("lineClose", params, NULL, NULL, NULL, NULL);
      continue;
    }
    if (states_set) line_send_status_messages(h, states, address_states);
    reconcile(ids[i], h);
    if (was_out && in_service && (states & LINEDEVSTATE_INSERVICE)) {
      events_line_event(ids[i], 0, LINE_LINEDEVSTATE, LINEDEVSTATE_INSERVICE, 0, 0);
    }
  }
  free(ids);
}

void events_disconnected(void) {
  size_t n = 0;
  uint32_t *ids = lines_where(mark_lost, &n); /* marks every line, lists those to tell */
  pending_fail_all(LINEERR_RESOURCEUNAVAIL);
  for (size_t i = 0; ids != NULL && i < n; i++) {
    events_line_event(ids[i], 0, LINE_LINEDEVSTATE, LINEDEVSTATE_OUTOFSERVICE, 0, 0);
  }
  free(ids);
}
