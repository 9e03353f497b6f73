/* The provider's state: devices, open lines, calls, outstanding requests. One lock guards it all; it is
 * never held across a host round trip or a call into tapisrv. Handles given to tapisrv (hdLine, hdCall)
 * are numbers looked up here, never pointers, so a stale handle finds nothing instead of freed memory. */
#include <stdlib.h>
#include <string.h>

#include "tsp.h"

tsp_state g_tsp;

void state_init(void) {
  memset(&g_tsp, 0, sizeof(g_tsp));
  InitializeCriticalSection(&g_tsp.lock);
}

void state_destroy(void) {
  state_free_all();
  DeleteCriticalSection(&g_tsp.lock);
}

void state_lock(void) { EnterCriticalSection(&g_tsp.lock); }
void state_unlock(void) { LeaveCriticalSection(&g_tsp.lock); }

void state_free_all(void) {
  state_lock();
  for (size_t i = 0; i < g_tsp.device_count; i++) {
    free(g_tsp.devices[i].number);
    free(g_tsp.devices[i].name);
  }
  free(g_tsp.devices);
  g_tsp.devices = NULL;
  idmap_free(&g_tsp.device_by_host);
  idmap_free(&g_tsp.device_by_tapi);
  idmap_free(&g_tsp.line_by_host);
  g_tsp.device_count = g_tsp.device_capacity = 0;
  while (g_tsp.lines) {
    tsp_line *n = g_tsp.lines->next;
    free(g_tsp.lines);
    g_tsp.lines = n;
  }
  while (g_tsp.calls) {
    tsp_call *n = g_tsp.calls->next;
    free(g_tsp.calls);
    g_tsp.calls = n;
  }
  while (g_tsp.asyncs) {
    tsp_async *n = g_tsp.asyncs->next;
    free(g_tsp.asyncs);
    g_tsp.asyncs = n;
  }
  g_tsp.initialized = 0;
  g_tsp.enumerated = 0;
  g_tsp.line_create_proc = NULL;
  g_tsp.completion_proc = NULL;
  g_tsp.provider = NULL;
  state_unlock();
}

uint32_t state_new_handle(void) {
  /* Caller holds the lock. Never 0 (NULL handle). */
  if (++g_tsp.next_handle == 0) g_tsp.next_handle = 1;
  return g_tsp.next_handle;
}

tsp_device *state_device_by_tapi(DWORD tapi_id) {
  uint32_t i = 0;
  if (tapi_id == ECSTA_NO_DEVICE || !idmap_get(&g_tsp.device_by_tapi, tapi_id, &i) || i >= g_tsp.device_count) {
    return NULL;
  }
  return &g_tsp.devices[i];
}

tsp_device *state_device_by_host(uint32_t host_id) {
  uint32_t i = 0;
  if (!idmap_get(&g_tsp.device_by_host, host_id, &i) || i >= g_tsp.device_count) return NULL;
  return &g_tsp.devices[i];
}

void state_device_set_tapi(tsp_device *d, DWORD tapi_id) {
  if (d->tapi_id != ECSTA_NO_DEVICE) idmap_remove(&g_tsp.device_by_tapi, d->tapi_id);
  d->tapi_id = tapi_id;
  if (tapi_id != ECSTA_NO_DEVICE) idmap_put(&g_tsp.device_by_tapi, tapi_id, (uint32_t)(d - g_tsp.devices));
}

void state_line_set_host(tsp_line *l, int64_t host_hline) {
  if (l->host_hline != 0) idmap_remove(&g_tsp.line_by_host, (uint32_t)l->host_hline);
  l->host_hline = host_hline;
  if (host_hline != 0) idmap_put(&g_tsp.line_by_host, (uint32_t)host_hline, l->id);
}

static char *dup_or_empty(const char *s) {
  size_t n = s ? strlen(s) : 0;
  char *d = (char *)malloc(n + 1);
  if (d != NULL) {
    if (n) memcpy(d, s, n);
    d[n] = 0;
  }
  return d;
}

tsp_device *state_device_add(uint32_t host_id, const char *number, const char *name, int in_service) {
  tsp_device *d = state_device_by_host(host_id);
  if (d == NULL) {
    if (g_tsp.device_count == g_tsp.device_capacity) {
      size_t cap = g_tsp.device_capacity ? g_tsp.device_capacity * 2 : 8;
      tsp_device *n = (tsp_device *)realloc(g_tsp.devices, cap * sizeof(tsp_device));
      if (n == NULL) return NULL;
      g_tsp.devices = n;
      g_tsp.device_capacity = cap;
    }
    if (!idmap_put(&g_tsp.device_by_host, host_id, (uint32_t)g_tsp.device_count)) return NULL;
    d = &g_tsp.devices[g_tsp.device_count++];
    memset(d, 0, sizeof(*d));
    d->tapi_id = ECSTA_NO_DEVICE;
    d->host_id = host_id;
  }
  char *num = dup_or_empty(number), *nam = dup_or_empty(name);
  if (num == NULL || nam == NULL) {
    free(num);
    free(nam);
    return d;
  }
  free(d->number);
  free(d->name);
  d->number = num;
  d->name = nam;
  d->in_service = in_service;
  d->removed = 0;
  return d;
}

tsp_line *state_line(uint32_t id) {
  for (tsp_line *l = g_tsp.lines; l; l = l->next) {
    if (l->id == id) return l;
  }
  return NULL;
}

tsp_line *state_line_by_host(int64_t host_hline) {
  uint32_t id = 0;
  if (host_hline <= 0 || host_hline > 0xFFFFFFFFLL || !idmap_get(&g_tsp.line_by_host, (uint32_t)host_hline, &id)) {
    return NULL;
  }
  tsp_line *l = state_line(id);
  return l && l->host_hline == host_hline ? l : NULL;
}

tsp_call *state_call(uint32_t id) {
  for (tsp_call *c = g_tsp.calls; c; c = c->next) {
    if (c->id == id) return c;
  }
  return NULL;
}

tsp_call *state_call_by_host(uint32_t line_id, int64_t host_hcall) {
  if (host_hcall == 0) return NULL;
  for (tsp_call *c = g_tsp.calls; c; c = c->next) {
    if (c->host_hcall == host_hcall && c->line_id == line_id) return c;
  }
  return NULL;
}

tsp_call *state_call_new(uint32_t line_id, HTAPICALL htCall) {
  tsp_call *c = (tsp_call *)calloc(1, sizeof(tsp_call));
  if (c == NULL) return NULL;
  c->id = state_new_handle();
  c->line_id = line_id;
  c->htCall = htCall;
  GetSystemTime(&c->state_time);
  c->next = g_tsp.calls;
  g_tsp.calls = c;
  return c;
}

void state_call_free(uint32_t id) {
  for (tsp_call **p = &g_tsp.calls; *p; p = &(*p)->next) {
    if ((*p)->id == id) {
      tsp_call *c = *p;
      *p = c->next;
      free(c);
      return;
    }
  }
}

void state_async_add(tsp_async *a) {
  a->next = g_tsp.asyncs;
  g_tsp.asyncs = a;
}

tsp_async *state_async_take(int64_t host_request_id) {
  for (tsp_async **p = &g_tsp.asyncs; *p; p = &(*p)->next) {
    if ((*p)->host_request_id == host_request_id) {
      tsp_async *a = *p;
      *p = a->next;
      a->next = NULL;
      return a;
    }
  }
  return NULL;
}

tsp_async *state_async_take_all(void) {
  tsp_async *all = g_tsp.asyncs;
  g_tsp.asyncs = NULL;
  return all;
}
