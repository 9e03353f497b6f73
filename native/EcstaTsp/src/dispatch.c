/* The dispatch thread: the only thread that calls tapisrv back (LINEEVENT, ASYNC_COMPLETION), one call
 * at a time and in the order the host sent its messages, as TSPI requires. It may itself make host
 * requests (reconnecting lines, reading devices) since the I/O thread keeps reading meanwhile. */
#include <stdlib.h>

#include "tsp.h"

typedef struct item {
  dispatch_kind kind;
  json_doc *doc;
  DRV_REQUESTID request_id; /* DISPATCH_COMPLETE */
  LONG result;
  struct item *next;
} item;

static CRITICAL_SECTION d_lock;
static CONDITION_VARIABLE d_wake;
static item *d_head, *d_tail;
static int d_stopping;
static HANDLE d_thread;
static volatile LONG d_ready;

static void ensure_init(void) {
  if (InterlockedCompareExchange(&d_ready, 1, 0) == 0) {
    InitializeCriticalSection(&d_lock);
    InitializeConditionVariable(&d_wake);
    InterlockedExchange(&d_ready, 2);
  }
  while (d_ready != 2) Sleep(0);
}

static void run(item *it) {
  switch (it->kind) {
    case DISPATCH_NOTIFICATION: events_notification(json_root(it->doc)); break;
    case DISPATCH_CONNECTED: events_connected(); break;
    case DISPATCH_DISCONNECTED: events_disconnected(); break;
    case DISPATCH_SYNC_DEVICES: events_sync_devices(); break;
    case DISPATCH_COMPLETE: {
      state_lock();
      ASYNC_COMPLETION proc = g_tsp.completion_proc;
      state_unlock();
      if (proc) proc(it->request_id, it->result);
      break;
    }
  }
}

static DWORD WINAPI dispatch_thread(LPVOID unused) {
  (void)unused;
  for (;;) {
    EnterCriticalSection(&d_lock);
    while (d_head == NULL && !d_stopping) SleepConditionVariableCS(&d_wake, &d_lock, INFINITE);
    if (d_head == NULL && d_stopping) {
      LeaveCriticalSection(&d_lock);
      return 0;
    }
    item *it = d_head;
    d_head = it->next;
    if (d_head == NULL) d_tail = NULL;
    int stopping = d_stopping;
    LeaveCriticalSection(&d_lock);
    if (!stopping) run(it); /* after providerShutdown began, tapisrv hears nothing more */
    json_free(it->doc);
    free(it);
  }
}

int dispatch_start(void) {
  ensure_init();
  EnterCriticalSection(&d_lock);
  d_stopping = 0;
  LeaveCriticalSection(&d_lock);
  d_thread = CreateThread(NULL, 0, dispatch_thread, NULL, 0, NULL);
  return d_thread != NULL;
}

void dispatch_stop(void) {
  ensure_init();
  if (d_thread == NULL) return;
  EnterCriticalSection(&d_lock);
  d_stopping = 1;
  WakeAllConditionVariable(&d_wake);
  LeaveCriticalSection(&d_lock);
  WaitForSingleObject(d_thread, INFINITE);
  CloseHandle(d_thread);
  d_thread = NULL;
}

void dispatch_unload(void) {
  if (d_ready == 2 && d_thread == NULL) {
    DeleteCriticalSection(&d_lock);
    d_ready = 0;
  }
}

static void post(item *it);

void dispatch_post_completion(DRV_REQUESTID request_id, LONG result) {
  ensure_init();
  item *it = (item *)calloc(1, sizeof(item));
  if (it == NULL) {
    tsp_log("dispatch: out of memory, completion %lu is lost", (unsigned long)request_id);
    return;
  }
  it->kind = DISPATCH_COMPLETE;
  it->request_id = request_id;
  it->result = result;
  post(it);
}

void dispatch_post(dispatch_kind kind, json_doc *doc) {
  ensure_init();
  item *it = (item *)calloc(1, sizeof(item));
  if (it == NULL) {
    json_free(doc);
    tsp_log("dispatch: out of memory, a message is lost");
    return;
  }
  it->kind = kind;
  it->doc = doc;
  post(it);
}

static void post(item *it) {
  EnterCriticalSection(&d_lock);
  if (d_stopping || d_thread == NULL) {
    LeaveCriticalSection(&d_lock);
    json_free(it->doc);
    free(it);
    return;
  }
  if (d_tail) d_tail->next = it;
  else d_head = it;
  d_tail = it;
  WakeConditionVariable(&d_wake);
  LeaveCriticalSection(&d_lock);
}
