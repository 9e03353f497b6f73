#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

static CRITICAL_SECTION lock;
static CONDITION_VARIABLE changed;
static ev *events;
static size_t count, capacity;
static uintptr_t next_htcall = 0x6100;
static volatile LONG in_callback;
static int nested;
static volatile LONG refuse_newcalls;

void ev_refuse_newcalls(int refuse) { InterlockedExchange(&refuse_newcalls, refuse); }

int g_failures, g_checks;

void ev_init(void) {
  InitializeCriticalSection(&lock);
  InitializeConditionVariable(&changed);
}

void ev_reset(void) {
  EnterCriticalSection(&lock);
  count = 0;
  LeaveCriticalSection(&lock);
}

size_t ev_mark(void) {
  EnterCriticalSection(&lock);
  size_t n = count;
  LeaveCriticalSection(&lock);
  return n;
}

static void record(const ev *e) {
  EnterCriticalSection(&lock);
  if (count == capacity) {
    size_t cap = capacity ? capacity * 2 : 256;
    ev *n = (ev *)realloc(events, cap * sizeof(ev));
    if (n == NULL) {
      LeaveCriticalSection(&lock);
      fprintf(stderr, "harness: out of memory\n");
      exit(3);
    }
    events = n;
    capacity = cap;
  }
  events[count++] = *e;
  WakeAllConditionVariable(&changed);
  LeaveCriticalSection(&lock);
}

static void enter(void) {
  if (InterlockedIncrement(&in_callback) != 1) nested++;
}
static void leave(void) { InterlockedDecrement(&in_callback); }

HTAPICALL ev_next_htcall(void) {
  EnterCriticalSection(&lock);
  HTAPICALL h = (HTAPICALL)next_htcall;
  next_htcall += 0x10;
  LeaveCriticalSection(&lock);
  return h;
}

int ev_nested_callbacks(void) { return nested; }

void CALLBACK harness_line_event(HTAPILINE htLine, HTAPICALL htCall, DWORD msg, DWORD_PTR p1, DWORD_PTR p2,
                                 DWORD_PTR p3) {
  enter();
  ev e;
  memset(&e, 0, sizeof(e));
  e.kind = EV_LINE;
  e.htLine = htLine;
  e.htCall = htCall;
  e.msg = msg;
  e.p1 = p1;
  e.p2 = p2;
  e.p3 = p3;
  e.thread = GetCurrentThreadId();
  if (msg == LINE_NEWCALL && p2 != 0) {
    /* As tapisrv: hand back our handle for the provider's new call (or none, as tapisrv may). */
    e.new_htCall = refuse_newcalls ? NULL : ev_next_htcall();
    *(HTAPICALL *)p2 = e.new_htCall;
  }
  record(&e);
  leave();
}

void CALLBACK harness_provider_event(HTAPILINE htLine, HTAPICALL htCall, DWORD msg, DWORD_PTR p1, DWORD_PTR p2,
                                     DWORD_PTR p3) {
  enter();
  ev e;
  memset(&e, 0, sizeof(e));
  e.kind = EV_PROVIDER;
  e.htLine = htLine;
  e.htCall = htCall;
  e.msg = msg;
  e.p1 = p1;
  e.p2 = p2;
  e.p3 = p3;
  e.thread = GetCurrentThreadId();
  record(&e);
  leave();
}

void CALLBACK harness_completion(DRV_REQUESTID request_id, LONG result) {
  enter();
  ev e;
  memset(&e, 0, sizeof(e));
  e.kind = EV_COMPLETION;
  e.request_id = request_id;
  e.result = result;
  e.thread = GetCurrentThreadId();
  record(&e);
  leave();
}

int ev_wait(size_t *from, ev_match match, const void *arg, DWORD timeout_ms, ev *out) {
  DWORD deadline = GetTickCount() + timeout_ms;
  EnterCriticalSection(&lock);
  size_t i = *from;
  for (;;) {
    for (; i < count; i++) {
      if (match(&events[i], arg)) {
        if (out) *out = events[i];
        *from = i + 1;
        LeaveCriticalSection(&lock);
        return 1;
      }
    }
    LONG left = (LONG)(deadline - GetTickCount());
    if (left <= 0) break;
    SleepConditionVariableCS(&changed, &lock, (DWORD)left);
  }
  LeaveCriticalSection(&lock);
  return 0;
}

size_t ev_count(size_t from, ev_match match, const void *arg) {
  size_t n = 0;
  EnterCriticalSection(&lock);
  for (size_t i = from; i < count; i++) {
    if (match(&events[i], arg)) n++;
  }
  LeaveCriticalSection(&lock);
  return n;
}

const char *msg_name(DWORD msg) {
  switch (msg) {
    case LINE_ADDRESSSTATE: return "LINE_ADDRESSSTATE";
    case LINE_CALLINFO: return "LINE_CALLINFO";
    case LINE_CALLSTATE: return "LINE_CALLSTATE";
    case LINE_CLOSE: return "LINE_CLOSE";
    case LINE_DEVSPECIFIC: return "LINE_DEVSPECIFIC";
    case LINE_LINEDEVSTATE: return "LINE_LINEDEVSTATE";
    case LINE_GENERATE: return "LINE_GENERATE";
    case LINE_NEWCALL: return "LINE_NEWCALL";
    case LINE_CREATE: return "LINE_CREATE";
    case LINE_REMOVE: return "LINE_REMOVE";
    default: return "?";
  }
}

const char *state_name(DWORD state) {
  switch (state) {
    case LINECALLSTATE_IDLE: return "IDLE";
    case LINECALLSTATE_OFFERING: return "OFFERING";
    case LINECALLSTATE_ACCEPTED: return "ACCEPTED";
    case LINECALLSTATE_DIALTONE: return "DIALTONE";
    case LINECALLSTATE_DIALING: return "DIALING";
    case LINECALLSTATE_RINGBACK: return "RINGBACK";
    case LINECALLSTATE_BUSY: return "BUSY";
    case LINECALLSTATE_CONNECTED: return "CONNECTED";
    case LINECALLSTATE_PROCEEDING: return "PROCEEDING";
    case LINECALLSTATE_ONHOLD: return "ONHOLD";
    case LINECALLSTATE_CONFERENCED: return "CONFERENCED";
    case LINECALLSTATE_ONHOLDPENDCONF: return "ONHOLDPENDCONF";
    case LINECALLSTATE_ONHOLDPENDTRANSFER: return "ONHOLDPENDTRANSFER";
    case LINECALLSTATE_DISCONNECTED: return "DISCONNECTED";
    case LINECALLSTATE_UNKNOWN: return "UNKNOWN";
    default: return "?";
  }
}

void ev_dump(size_t from) {
  EnterCriticalSection(&lock);
  for (size_t i = from; i < count; i++) {
    const ev *e = &events[i];
    if (e->kind == EV_COMPLETION) {
      printf("    #%u ASYNC_COMPLETION request %lu result 0x%08lx\n", (unsigned)i, (unsigned long)e->request_id,
             (unsigned long)e->result);
    } else {
      printf("    #%u %s%s htLine %p htCall %p p1 0x%llx%s%s p2 0x%llx p3 0x%llx\n", (unsigned)i,
             e->kind == EV_PROVIDER ? "(provider) " : "", msg_name(e->msg), (void *)e->htLine, (void *)e->htCall,
             (unsigned long long)e->p1, e->msg == LINE_CALLSTATE ? " " : "",
             e->msg == LINE_CALLSTATE ? state_name((DWORD)e->p1) : "", (unsigned long long)e->p2,
             (unsigned long long)e->p3);
    }
  }
  LeaveCriticalSection(&lock);
}

void check(int ok, const char *file, int line, const char *what, const char *fmt, ...) {
  g_checks++;
  if (ok) return;
  g_failures++;
  printf("  FAIL %s:%d: %s", file, line, what);
  if (fmt != NULL) {
    va_list ap;
    va_start(ap, fmt);
    printf(" -- ");
    vprintf(fmt, ap);
    va_end(ap);
  }
  printf("\n");
  fflush(stdout);
}

size_t g_step_mark;

void step(const char *fmt, ...) {
  g_step_mark = ev_mark();
  va_list ap;
  va_start(ap, fmt);
  printf("step: ");
  vprintf(fmt, ap);
  printf("\n");
  va_end(ap);
  fflush(stdout);
}
