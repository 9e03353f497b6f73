/* Asynchronous requests: each TSPI function that takes a dwRequestID forwards to the host, which answers
 * {requestId} at once and ASYNC_COMPLETION later. The mapping requestId -> dwRequestID is recorded on the
 * I/O thread while the answer is handled, before any later frame, so a completion can never overtake it.
 * Each request completes exactly once: with the host's result, or with LINEERR_RESOURCEUNAVAIL when the
 * bridge is lost first. Calls a request creates are bound to the host's handles from the same answer. */
#include <stdlib.h>
#include <string.h>

#include "tsp.h"

typedef struct async_context {
  DRV_REQUESTID request_id;
  uint32_t call_a, call_b;
  const char *key_a, *key_b;
  int registered;
} async_context;

static void bind_call(uint32_t call, const char *key, const json_value *result) {
  int64_t h = 0;
  if (call == 0 || key == NULL || !json_get_i64(result, key, &h)) return;
  tsp_call *c = state_call(call);
  if (c) c->host_hcall = h;
}

static void on_async_reply(void *context, const json_value *result) {
  async_context *ctx = (async_context *)context;
  int64_t host_request_id = 0;
  if (!json_get_i64(result, "requestId", &host_request_id)) return;
  tsp_async *a = (tsp_async *)calloc(1, sizeof(tsp_async));
  if (a == NULL) return;
  a->host_request_id = host_request_id;
  a->kind = ASYNC_REQUEST;
  a->request_id = ctx->request_id;
  a->new_calls[0] = ctx->call_a;
  a->new_calls[1] = ctx->call_b;
  state_lock();
  bind_call(ctx->call_a, ctx->key_a, result);
  bind_call(ctx->call_b, ctx->key_b, result);
  state_async_add(a);
  state_unlock();
  ctx->registered = 1;
}

static void free_calls(uint32_t a, uint32_t b) {
  state_lock();
  if (a) state_call_free(a);
  if (b) state_call_free(b);
  state_unlock();
}

LONG pending_async(DRV_REQUESTID request_id, const char *method, const char *params_json, uint32_t call_a,
                   const char *key_a, uint32_t call_b, const char *key_b) {
  async_context ctx; /* member by member: MSVC's /W4 warns about non-constant initialisers (C4204) */
  ctx.request_id = request_id;
  ctx.call_a = call_a;
  ctx.call_b = call_b;
  ctx.key_a = key_a;
  ctx.key_b = key_b;
  ctx.registered = 0;
  json_doc *doc = NULL;
  const json_value *result = NULL;
  LONG rc = bridge_call(method, params_json, &doc, &result, on_async_reply, &ctx);
  if (rc == 0 && !ctx.registered) {
    /* The host did it at once (its method is synchronous): the TSPI request completes now, from the dispatch
     * thread like every other callback. A new call needs the host's handle, so that case cannot be. */
    int has_id = result != NULL && json_get(result, "requestId") != NULL;
    json_free(doc);
    doc = NULL;
    if (has_id || call_a != 0 || call_b != 0) {
      tsp_log("%s: the host's answer carries no usable requestId", method);
      free_calls(call_a, call_b);
      return LINEERR_OPERATIONFAILED;
    }
    dispatch_post_completion(request_id, 0);
    return (LONG)request_id;
  }
  json_free(doc);
  if (rc != 0) {
    free_calls(call_a, call_b);
    return rc;
  }
  return (LONG)request_id;
}

static void finish(tsp_async *a, LONG result) {
  if (a->kind == ASYNC_REQUEST) {
    state_lock();
    for (int i = 0; i < 2; i++) {
      tsp_call *c = a->new_calls[i] ? state_call(a->new_calls[i]) : NULL;
      if (c == NULL) continue;
      if (result == 0) c->valid = 1;
      else state_call_free(c->id); /* tapisrv ignores the handle of a request that failed */
    }
    ASYNC_COMPLETION proc = g_tsp.completion_proc;
    state_unlock();
    if (proc) proc(a->request_id, result);
  } else {
    events_line_event(a->line_id, a->call, LINE_GENERATE,
                      result == 0 ? LINEGENERATETERM_DONE : LINEGENERATETERM_CANCEL, a->end_to_end_id, GetTickCount());
  }
  free(a);
}

void pending_complete(int64_t host_request_id, LONG result) {
  state_lock();
  tsp_async *a = state_async_take(host_request_id);
  state_unlock();
  if (a != NULL) finish(a, result);
}

void pending_fail_all(LONG result) {
  state_lock();
  tsp_async *all = state_async_take_all();
  state_unlock();
  while (all) {
    tsp_async *next = all->next;
    finish(all, result);
    all = next;
  }
}
