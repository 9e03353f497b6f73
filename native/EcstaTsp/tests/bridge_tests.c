/* The provider against a scripted fake host (fake_host.c): what the real host never does. A hello refused
 * at enumeration and lines announced later with LINE_CREATE; a completion in the same segment as its answer;
 * a failed request that created a call; synchronous refusals; duplicate and unknown completions; requests
 * from the host; malformed notifications (ignored) and malformed frames (connection dropped: OUTOFSERVICE,
 * outstanding requests fail once, reconnect, line reopened, INSERVICE); a host that does not answer;
 * LINE_NEWCALL refused by tapisrv; LINE_REMOVE; shutdown with a request outstanding; memory across cycles. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fake_host.h"
#include "harness.h"

#include <tlhelp32.h>
#include <ws2tcpip.h>

#define T 15000
static HMODULE tsp;
static char state_dir[MAX_PATH];
static WCHAR tsp_path[MAX_PATH];

static FARPROC fn(const char *name) {
  FARPROC p = GetProcAddress(tsp, name);
  if (p == NULL) {
    printf("  FAIL: %s is not exported\n", name);
    exit(2);
  }
  return p;
}
#define CALL(type, name) ((type)(void (*)(void))fn(name))
typedef LONG(WINAPI *PFN_negotiate)(DWORD, DWORD, DWORD, LPDWORD);
typedef LONG(WINAPI *PFN_enum)(DWORD, LPDWORD, LPDWORD, HPROVIDER, LINEEVENT, PHONEEVENT);
typedef LONG(WINAPI *PFN_init)(DWORD, DWORD, DWORD, DWORD, DWORD_PTR, DWORD_PTR, ASYNC_COMPLETION, LPDWORD);
typedef LONG(WINAPI *PFN_shutdown)(DWORD, DWORD);
typedef LONG(WINAPI *PFN_create)(DWORD_PTR, DWORD);
typedef LONG(WINAPI *PFN_open)(DWORD, HTAPILINE, LPHDRVLINE, DWORD, LINEEVENT);
typedef LONG(WINAPI *PFN_close)(HDRVLINE);
typedef LONG(WINAPI *PFN_statusmsgs)(HDRVLINE, DWORD, DWORD);
typedef LONG(WINAPI *PFN_makecall)(DRV_REQUESTID, HDRVLINE, HTAPICALL, LPHDRVCALL, LPCWSTR, DWORD, LPLINECALLPARAMS);
typedef LONG(WINAPI *PFN_callreq)(DRV_REQUESTID, HDRVCALL);
typedef LONG(WINAPI *PFN_callstatus)(HDRVCALL, LPLINECALLSTATUS);
typedef LONG(WINAPI *PFN_addrstatus)(HDRVLINE, DWORD, LPLINEADDRESSSTATUS);
typedef LONG(WINAPI *PFN_devconfig)(DWORD, LPVARSTRING, LPCWSTR);

static void write_token(const char *token) {
  char path[MAX_PATH + 16];
  snprintf(path, sizeof(path), "%s\\api-token", state_dir);
  FILE *f = fopen(path, "w");
  if (f) {
    fprintf(f, "  %s\r\n", token); /* whitespace around it is trimmed */
    fclose(f);
  }
}

/* matchers */
static int is_completion(const ev *e, const void *arg) {
  return e->kind == EV_COMPLETION && e->request_id == *(const DRV_REQUESTID *)arg;
}
static int is_provider(const ev *e, const void *arg) { return e->kind == EV_PROVIDER && e->msg == *(const DWORD *)arg; }
static int is_devstate(const ev *e, const void *arg) {
  return e->kind == EV_LINE && e->msg == LINE_LINEDEVSTATE && e->p1 == *(const DWORD *)arg;
}
static int is_msg(const ev *e, const void *arg) { return e->kind == EV_LINE && e->msg == *(const DWORD *)arg; }
static int is_callstate_of(const ev *e, const void *arg) {
  return e->kind == EV_LINE && e->msg == LINE_CALLSTATE && e->htCall == *(const HTAPICALL *)arg;
}

static DRV_REQUESTID next_rid = 5000;
static HDRVLINE line;
static const HTAPILINE ht_line = (HTAPILINE)(uintptr_t)0x7001;

static LONG completion_of(DRV_REQUESTID r, DWORD timeout) {
  size_t at = 0;
  ev e;
  return ev_wait(&at, is_completion, &r, timeout, &e) ? e.result : 1;
}

static int start_provider(DWORD *lines) {
  tsp = LoadLibraryW(tsp_path);
  if (tsp == NULL) return 0;
  DWORD v = 0, phones = 0, options = 1;
  CHECK(CALL(PFN_negotiate, "TSPI_lineNegotiateTSPIVersion")(INITIALIZE_NEGOTIATION, 0x00020000, 0x00030000, &v) == 0);
  CHECK(CALL(PFN_enum, "TSPI_providerEnumDevices")(9, lines, &phones, (HPROVIDER)(uintptr_t)0x77, harness_provider_event,
                                                  NULL) == 0);
  CHECK(CALL(PFN_init, "TSPI_providerInit")(0x00030000, 9, 200, 0, *lines, 0, harness_completion, &options) == 0);
  return 1;
}

static void stop_provider(void) {
  CHECK(CALL(PFN_shutdown, "TSPI_providerShutdown")(0x00030000, 9) == 0);
  size_t mark = ev_mark();
  CHECK(FreeLibrary(tsp));
  tsp = NULL;
  CHECKF(ev_mark() == mark, "no callback after providerShutdown");
}

static void test_late_host(void) {
  step("the hello is refused at providerEnumDevices: 0 lines; once the token is right, LINE_CREATE for each");
  write_token("wrong-token");
  DWORD lines = 99;
  if (!start_provider(&lines)) {
    CHECKF(0, "LoadLibrary");
    return;
  }
  CHECKF(lines == 0, "%lu lines without the host", (unsigned long)lines);
  write_token("test-token");
  size_t at = 0;
  ev c1, c2;
  DWORD create = LINE_CREATE;
  CHECK(ev_wait(&at, is_provider, &create, T, &c1) && ev_wait(&at, is_provider, &create, T, &c2));
  CHECKF(c1.p1 == 0x77 && c2.p1 == 0x77 && c1.p2 != 0 && c2.p2 != 0 && c1.p2 != c2.p2 && c1.htLine == NULL,
         "LINE_CREATE p1 = hProvider, p2 = distinct temporary ids");
  CHECK(CALL(PFN_create, "TSPI_providerCreateLineDevice")(c1.p2, 200) == 0);
  CHECK(CALL(PFN_create, "TSPI_providerCreateLineDevice")(c2.p2, 201) == 0);
  CHECK(CALL(PFN_create, "TSPI_providerCreateLineDevice")(c2.p2, 202) == LINEERR_BADDEVICEID);
  DWORD v = 0;
  CHECK(CALL(PFN_negotiate, "TSPI_lineNegotiateTSPIVersion")(201, 0x00020002, 0x00030000, &v) == 0 && v == 0x00030000);
  CHECK(CALL(PFN_open, "TSPI_lineOpen")(200, ht_line, &line, 0x00030000, harness_line_event) == 0);
  CHECK(fake_requests("lineOpen") == 1);

  step("status messages start disabled (TSPI); lineSetStatusMessages enables them and refuses unknown bits");
  size_t mark = ev_mark();
  fake_send("{\"jsonrpc\":\"2.0\",\"method\":\"LINE_ADDRESSSTATE\",\"params\":{\"hLine\":11,\"param1\":0,\"param2\":64}}", -1);
  /* A LINE_NEWCALL after it (always delivered) shows the message before it has been handled. */
  fake_send("{\"jsonrpc\":\"2.0\",\"method\":\"LINE_NEWCALL\",\"params\":{\"hLine\":11,\"hCall\":97,\"param1\":0,\"param2\":97,\"param3\":4}}", -1);
  DWORD newcall = LINE_NEWCALL;
  size_t seen = mark;
  CHECK(ev_wait(&seen, is_msg, &newcall, T, NULL));
  PFN_statusmsgs set = CALL(PFN_statusmsgs, "TSPI_lineSetStatusMessages");
  CHECK(set(line, 0x02000000, 0) == LINEERR_INVALLINESTATE);
  CHECK(set(line, 0, 0x200) == LINEERR_INVALADDRESSSTATE);
  CHECK(set(line, LINEDEVSTATE_OUTOFSERVICE | LINEDEVSTATE_INSERVICE, LINEADDRESSSTATE_FORWARD) == 0);
  fake_send("{\"jsonrpc\":\"2.0\",\"method\":\"LINE_ADDRESSSTATE\",\"params\":{\"hLine\":11,\"param1\":0,\"param2\":32}}", -1);
  fake_send("{\"jsonrpc\":\"2.0\",\"method\":\"LINE_ADDRESSSTATE\",\"params\":{\"hLine\":11,\"param1\":0,\"param2\":64}}", -1);
  DWORD addressstate = LINE_ADDRESSSTATE;
  size_t from = mark;
  ev e;
  CHECK(ev_wait(&from, is_msg, &addressstate, T, &e) && e.p2 == LINEADDRESSSTATE_FORWARD);
  CHECKF(ev_count(mark, is_msg, &addressstate) == 1, "only the enabled FORWARD after enabling reached tapisrv");
}

static void test_completion_in_same_segment(void) {
  step("the answer, its completion and the call's states in one TCP segment: completion first, exactly once");
  const char *after[] = {
      "{\"jsonrpc\":\"2.0\",\"method\":\"ASYNC_COMPLETION\",\"params\":{\"requestId\":%R,\"result\":0,\"hLine\":11}}",
      "{\"jsonrpc\":\"2.0\",\"method\":\"LINE_CALLSTATE\",\"params\":{\"hLine\":11,\"hCall\":%R,\"param1\":512,\"param2\":0,\"param3\":4}}",
      "{\"jsonrpc\":\"2.0\",\"method\":\"LINE_CALLSTATE\",\"params\":{\"hLine\":11,\"hCall\":%R,\"param1\":256,\"param2\":1,\"param3\":0}}",
  };
  fake_set_after("lineMakeCall", after, 3);
  size_t mark = ev_mark();
  DRV_REQUESTID r = ++next_rid;
  HDRVCALL hd = NULL;
  HTAPICALL ht = (HTAPICALL)(uintptr_t)0x8001;
  CHECK(CALL(PFN_makecall, "TSPI_lineMakeCall")(r, line, ht, &hd, L"123", 0, NULL) == (LONG)r);
  CHECK(completion_of(r, T) == 0);
  size_t at = mark;
  ev e;
  CHECK(ev_wait(&at, is_callstate_of, &ht, T, &e) && e.p1 == LINECALLSTATE_PROCEEDING && e.p3 == LINEMEDIAMODE_INTERACTIVEVOICE);
  CHECK(ev_wait(&at, is_callstate_of, &ht, T, &e) && e.p1 == LINECALLSTATE_CONNECTED && e.p2 == LINECONNECTEDMODE_ACTIVE);
  size_t first_state = mark, done = mark;
  ev_wait(&first_state, is_callstate_of, &ht, 0, NULL);
  ev_wait(&done, is_completion, &r, 0, NULL);
  CHECKF(done < first_state, "the completion came before the call's first state");

  step("a request that creates a call and fails: completion with the error, the handle is gone");
  const char *fail[] = {
      "{\"jsonrpc\":\"2.0\",\"method\":\"ASYNC_COMPLETION\",\"params\":{\"requestId\":%R,\"result\":-2147483576}}",
  };
  fake_set_after("lineMakeCall", fail, 1);
  r = ++next_rid;
  HDRVCALL hd2 = NULL;
  CHECK(CALL(PFN_makecall, "TSPI_lineMakeCall")(r, line, (HTAPICALL)(uintptr_t)0x8002, &hd2, L"124", 0, NULL) == (LONG)r);
  CHECK(completion_of(r, T) == LINEERR_OPERATIONFAILED);
  LINECALLSTATUS cs;
  cs.dwTotalSize = sizeof(cs);
  CHECK(CALL(PFN_callstatus, "TSPI_lineGetCallStatus")(hd2, &cs) == LINEERR_INVALCALLHANDLE);
  fake_set_after("lineMakeCall", NULL, 0);

  step("refused synchronously: the host's LINEERR, -32602 as INVALPARAM, -32601 as OPERATIONUNAVAIL; no completion");
  fake_set_error("lineHold", -2147483620LL);
  DRV_REQUESTID refused = ++next_rid;
  CHECK(CALL(PFN_callreq, "TSPI_lineHold")(refused, hd) == LINEERR_INVALCALLSTATE);
  fake_set_error("lineHold", -32602);
  CHECK(CALL(PFN_callreq, "TSPI_lineHold")(++next_rid, hd) == LINEERR_INVALPARAM);
  fake_set_error("lineHold", 0);
  union {
    VARSTRING v;
    char raw[64];
  } cfg;
  cfg.v.dwTotalSize = sizeof(cfg);
  CHECK(CALL(PFN_devconfig, "TSPI_lineGetDevConfig")(200, &cfg.v, L"tapi/line") == LINEERR_OPERATIONUNAVAIL);

  step("a duplicate completion and one for an unknown request are ignored");
  const char *twice[] = {
      "{\"jsonrpc\":\"2.0\",\"method\":\"ASYNC_COMPLETION\",\"params\":{\"requestId\":%R,\"result\":0}}",
      "{\"jsonrpc\":\"2.0\",\"method\":\"ASYNC_COMPLETION\",\"params\":{\"requestId\":%R,\"result\":-2147483576}}",
      "{\"jsonrpc\":\"2.0\",\"method\":\"ASYNC_COMPLETION\",\"params\":{\"requestId\":999999,\"result\":0}}",
  };
  fake_set_after("lineUnhold", twice, 3);
  r = ++next_rid;
  CHECK(CALL(PFN_callreq, "TSPI_lineUnhold")(r, hd) == (LONG)r);
  CHECK(completion_of(r, T) == 0);
  /* A later request proves the frames after it were handled; then count. */
  const char *once[] = {"{\"jsonrpc\":\"2.0\",\"method\":\"ASYNC_COMPLETION\",\"params\":{\"requestId\":%R,\"result\":0}}"};
  fake_set_after("lineHold", once, 1);
  DRV_REQUESTID r2 = ++next_rid;
  CHECK(CALL(PFN_callreq, "TSPI_lineHold")(r2, hd) == (LONG)r2);
  CHECK(completion_of(r2, T) == 0);
  CHECK(ev_count(0, is_completion, &r) == 1);
  CHECK(ev_count(0, is_completion, &refused) == 0);
  fake_set_after("lineHold", NULL, 0);
  fake_set_after("lineUnhold", NULL, 0);
}

static void test_ignored_input(void) {
  step("requests from the host get -32601; malformed notifications are ignored, the connection stays");
  int conns = fake_connections();
  fake_send("{\"jsonrpc\":\"2.0\",\"id\":77,\"method\":\"ping\",\"params\":{}}", -1);
  fake_send("{\"jsonrpc\":\"2.0\",\"method\":\"LINE_CALLSTATE\",\"params\":5}", -1);
  fake_send("{\"jsonrpc\":\"2.0\",\"method\":\"LINE_CALLSTATE\",\"params\":{\"hLine\":\"x\",\"hCall\":[1]}}", -1);
  fake_send("{\"jsonrpc\":\"2.0\",\"method\":\"LINE_NOSUCH\",\"params\":{\"hLine\":11}}", -1);
  fake_send("{\"jsonrpc\":\"2.0\",\"method\":\"ASYNC_COMPLETION\",\"params\":{\"requestId\":\"5\"}}", -1);
  fake_send("{\"jsonrpc\":\"2.0\",\"id\":123456,\"result\":{}}", -1); /* an answer nobody waits for */
  LINEADDRESSSTATUS as;
  as.dwTotalSize = sizeof(as);
  int answered = fake_wait_reply_error(T);
  CHECKF(answered == -32601, "the TSP answered the host's request with %d", answered);
  CHECK(CALL(PFN_addrstatus, "TSPI_lineGetAddressStatus")(line, 0, &as) == LINEERR_OPERATIONUNAVAIL); /* still talking */
  CHECK(fake_connections() == conns);

  step("LINE_NEWCALL that tapisrv answers with NULL: the call is forgotten; the next one works");
  ev_refuse_newcalls(1);
  size_t mark = ev_mark();
  fake_send("{\"jsonrpc\":\"2.0\",\"method\":\"LINE_NEWCALL\",\"params\":{\"hLine\":11,\"hCall\":99,\"param1\":0,\"param2\":99,\"param3\":4}}", -1);
  fake_send("{\"jsonrpc\":\"2.0\",\"method\":\"LINE_CALLSTATE\",\"params\":{\"hLine\":11,\"hCall\":99,\"param1\":2,\"param2\":1,\"param3\":0}}", -1);
  size_t at = mark;
  ev e;
  DWORD newcall = LINE_NEWCALL;
  CHECK(ev_wait(&at, is_msg, &newcall, T, &e) && e.new_htCall == NULL && e.p1 != 0);
  ev_refuse_newcalls(0);
  fake_send("{\"jsonrpc\":\"2.0\",\"method\":\"LINE_NEWCALL\",\"params\":{\"hLine\":11,\"hCall\":98,\"param1\":0,\"param2\":98,\"param3\":4}}", -1);
  fake_send("{\"jsonrpc\":\"2.0\",\"method\":\"LINE_CALLSTATE\",\"params\":{\"hLine\":11,\"hCall\":98,\"param1\":2,\"param2\":1,\"param3\":0}}", -1);
  CHECK(ev_wait(&at, is_msg, &newcall, T, &e) && e.new_htCall != NULL);
  HTAPICALL ht98 = e.new_htCall;
  CHECK(ev_wait(&at, is_callstate_of, &ht98, T, &e) && e.p1 == LINECALLSTATE_OFFERING);
  DWORD callstate = LINE_CALLSTATE;
  size_t n = 0;
  for (size_t i = mark; ev_wait(&i, is_msg, &callstate, 0, &e);) n++;
  CHECKF(n == 1, "only the named call's state reached tapisrv (%u)", (unsigned)n);
}

typedef struct bad_frame {
  const char *what;
  const char *body;
  long long length;      /* -1: the real one */
  int raw_zero;          /* a length of 0 */
  int truncate;          /* send the header of a longer frame, part of it, then close */
} bad_frame;

static void test_malformed_frames(void) {
  static const bad_frame cases[] = {
      {"not JSON", "{oops", -1, 0, 0},
      {"an array, not an object", "[1,2]", -1, 0, 0},
      {"a frame of length 0", NULL, -1, 1, 0},
      {"a length over 4 MiB", "{}", 5 * 1024 * 1024, 0, 0},
      {"a response with a string id", "{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"result\":1}", -1, 0, 0},
      {"a response with neither result nor error", "{\"jsonrpc\":\"2.0\",\"id\":4}", -1, 0, 0},
      {"invalid UTF-8 in a string", "{\"method\":\"LINE_CALLSTATE\",\"params\":{\"x\":\"\xff\xfe\"}}", -1, 0, 0},
      {"nesting deeper than 64", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]", -1, 0, 0},
      {"a frame cut off by the end of the connection", "{\"jsonrpc\":\"2.0\"", 200, 0, 1},
  };
  for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
    const bad_frame *c = &cases[i];
    step("malformed frame: %s -> OUTOFSERVICE, the outstanding request fails once, reconnect, reopen, INSERVICE",
         c->what);
    int conns = fake_connections();
    int opens = fake_requests("lineOpen");
    DRV_REQUESTID r = ++next_rid; /* the fake accepts lineMakeCall and never completes it */
    HDRVCALL any = NULL;
    size_t mark = ev_mark();
    CHECK(CALL(PFN_callreq, "TSPI_lineHold")(r, (HDRVCALL)(uintptr_t)0) == LINEERR_INVALCALLHANDLE);
    LONG accepted = CALL(PFN_makecall, "TSPI_lineMakeCall")(r, line, (HTAPICALL)(uintptr_t)(0x9000 + i), &any, L"1", 0, NULL);
    CHECK(accepted == (LONG)r);
    if (c->raw_zero) {
      const unsigned char zero[4] = {0, 0, 0, 0};
      fake_send_raw(zero, 4);
    } else {
      fake_send(c->body, c->length);
      if (c->truncate) fake_drop();
    }
    DWORD oos = LINEDEVSTATE_OUTOFSERVICE, ins = LINEDEVSTATE_INSERVICE;
    size_t at = mark;
    ev e;
    CHECKF(ev_wait(&at, is_devstate, &oos, T, &e), "OUTOFSERVICE");
    CHECK(completion_of(r, T) == LINEERR_RESOURCEUNAVAIL);
    CHECKF(fake_wait_connections(conns + 1, T), "reconnected");
    CHECKF(ev_wait(&at, is_devstate, &ins, T, &e), "INSERVICE");
    CHECKF(fake_requests("lineOpen") == opens + 1 && fake_requests("lineGetCalls") >= 1, "line reopened and reconciled");
    CHECK(ev_count(0, is_completion, &r) == 1);
  }
}

static void test_silent_host(void) {
  step("a host that does not answer: the TSPI function returns OPERATIONFAILED after its timeout, not later");
  fake_set_silent("lineGetAddressStatus");
  LINEADDRESSSTATUS as;
  as.dwTotalSize = sizeof(as);
  DWORD t0 = GetTickCount();
  CHECK(CALL(PFN_addrstatus, "TSPI_lineGetAddressStatus")(line, 0, &as) == LINEERR_OPERATIONFAILED);
  DWORD took = GetTickCount() - t0;
  CHECKF(took >= 4500 && took < 8000, "took %lu ms", (unsigned long)took);
  fake_set_silent(NULL);
  CHECK(CALL(PFN_addrstatus, "TSPI_lineGetAddressStatus")(line, 0, &as) == LINEERR_OPERATIONUNAVAIL);
}

static void test_remove(void) {
  step("LINE_REMOVE from the host: the device it no longer lists goes with LINE_REMOVE(p1 = its TAPI id)");
  fake_set_devices(1);
  size_t mark = ev_mark();
  fake_send("{\"jsonrpc\":\"2.0\",\"method\":\"LINE_REMOVE\",\"params\":{\"hLine\":0,\"param1\":11}}", -1);
  DWORD removed = LINE_REMOVE;
  ev e;
  size_t at = mark;
  CHECK(ev_wait(&at, is_provider, &removed, T, &e) && e.p1 == 201 && e.htLine == NULL);
  CHECK(CALL(PFN_open, "TSPI_lineOpen")(201, ht_line, &(HDRVLINE){0}, 0x00030000, harness_line_event) == LINEERR_NODEVICE);
  fake_set_devices(2);
}

/* Bytes in use in every heap of the process (the DLL and this program share msvcrt's heap; a probe that leaked
 * 1000 bytes per cycle showed +8000 here). */
static size_t heap_in_use(void) {
  HANDLE heaps[64];
  DWORD n = GetProcessHeaps(64, heaps);
  size_t total = 0;
  for (DWORD i = 0; i < n && i < 64; i++) {
    PROCESS_HEAP_ENTRY e;
    e.lpData = NULL;
    if (!HeapLock(heaps[i])) continue;
    while (HeapWalk(heaps[i], &e)) {
      if (e.wFlags & PROCESS_HEAP_ENTRY_BUSY) total += e.cbData;
    }
    HeapUnlock(heaps[i]);
  }
  return total;
}

static int thread_count(void) {
  HANDLE snap = CreateToolhelp32Snapshot(TH32CS_SNAPTHREAD, 0);
  if (snap == INVALID_HANDLE_VALUE) return -1;
  THREADENTRY32 te;
  te.dwSize = sizeof(te);
  int n = 0;
  for (BOOL ok = Thread32First(snap, &te); ok; ok = Thread32Next(snap, &te)) {
    if (te.th32OwnerProcessID == GetCurrentProcessId()) n++;
  }
  CloseHandle(snap);
  return n;
}

static void write_endpoint(const char *text, char *saved, size_t saved_size) {
  char path[MAX_PATH + 20];
  snprintf(path, sizeof(path), "%s\\bridge-endpoint", state_dir);
  if (saved != NULL) {
    FILE *r = fopen(path, "r");
    saved[0] = 0;
    if (r) {
      if (fgets(saved, (int)saved_size, r) == NULL) saved[0] = 0;
      fclose(r);
    }
  }
  FILE *f = fopen(path, "w");
  if (f) {
    fputs(text, f);
    fclose(f);
  }
}

/* A non-loopback IPv4 address of this machine (the one a UDP socket "connected" outwards would use: no packet
 * is sent), or 0 when it has none. */
static int local_address(char *out, size_t size) {
  SOCKET s = socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP);
  if (s == INVALID_SOCKET) return 0;
  struct sockaddr_in a;
  memset(&a, 0, sizeof(a));
  a.sin_family = AF_INET;
  a.sin_port = htons(9);
  a.sin_addr.s_addr = htonl(0xC6336401u); /* 198.51.100.1, TEST-NET-2 */
  int found = 0;
  int len = sizeof(a);
  if (connect(s, (struct sockaddr *)&a, sizeof(a)) == 0 && getsockname(s, (struct sockaddr *)&a, &len) == 0) {
    const unsigned char *ip = (const unsigned char *)&a.sin_addr;
    if (ip[0] != 127 && ip[0] != 0) {
      snprintf(out, size, "%u.%u.%u.%u", ip[0], ip[1], ip[2], ip[3]);
      found = 1;
    }
  }
  closesocket(s);
  return found;
}

static void test_endpoint_not_loopback(void) {
  char ip[32];
  if (!local_address(ip, sizeof(ip))) {
    step("(skipped: this machine has no non-loopback address to prove the loopback-only rule with)");
    return;
  }
  step("bridge-endpoint naming %s, where the fake host listens too: refused, no connection, the token stays", ip);
  char saved[64], endpoint[64];
  snprintf(endpoint, sizeof(endpoint), "%s:%u\n", ip, (unsigned)fake_listen_port());
  write_endpoint(endpoint, saved, sizeof(saved));
  int conns = fake_connections();
  tsp = LoadLibraryW(tsp_path);
  DWORD lines = 9, phones = 0;
  CHECK(CALL(PFN_enum, "TSPI_providerEnumDevices")(9, &lines, &phones, (HPROVIDER)(uintptr_t)0x77,
                                                  harness_provider_event, NULL) == 0);
  CHECKF(lines == 0 && fake_connections() == conns, "%lu lines, %d hellos", (unsigned long)lines,
         fake_connections() - conns);
  CHECK(FreeLibrary(tsp));
  tsp = NULL;
  write_endpoint(saved, NULL, 0);
}

static void test_enum_without_init(void) {
  step("providerEnumDevices starts no thread: tapisrv may unload the DLL without providerInit");
  int before = thread_count();
  tsp = LoadLibraryW(tsp_path);
  DWORD lines = 0, phones = 0;
  CHECK(CALL(PFN_enum, "TSPI_providerEnumDevices")(9, &lines, &phones, (HPROVIDER)(uintptr_t)0x77,
                                                  harness_provider_event, NULL) == 0 && lines == 2);
  int after = thread_count();
  CHECKF(before > 0 && after == before, "threads before %d, after providerEnumDevices %d", before, after);
  CHECK(FreeLibrary(tsp));
  tsp = NULL;
}

static void cycle(int n) {
  DWORD lines = 0;
  ev_reset();
  if (!start_provider(&lines)) return;
  CHECKF(lines == 2, "cycle %d: %lu lines", n, (unsigned long)lines);
  HDRVLINE l = NULL;
  CHECK(CALL(PFN_open, "TSPI_lineOpen")(200, ht_line, &l, 0x00030000, harness_line_event) == 0);
  const char *after[] = {
      "{\"jsonrpc\":\"2.0\",\"method\":\"ASYNC_COMPLETION\",\"params\":{\"requestId\":%R,\"result\":0}}",
      "{\"jsonrpc\":\"2.0\",\"method\":\"LINE_CALLSTATE\",\"params\":{\"hLine\":11,\"hCall\":%R,\"param1\":512,\"param2\":0,\"param3\":4}}",
  };
  fake_set_after("lineMakeCall", after, 2);
  DRV_REQUESTID r = ++next_rid;
  HDRVCALL hd = NULL;
  HTAPICALL ht = (HTAPICALL)(uintptr_t)0xA001;
  CHECK(CALL(PFN_makecall, "TSPI_lineMakeCall")(r, l, ht, &hd, L"5", 0, NULL) == (LONG)r);
  size_t at = 0;
  ev e;
  CHECK(ev_wait(&at, is_callstate_of, &ht, T, &e));
  fake_set_after("lineMakeCall", NULL, 0);
  DRV_REQUESTID pending = ++next_rid; /* outstanding at shutdown */
  CHECK(CALL(PFN_callreq, "TSPI_lineHold")(pending, hd) == (LONG)pending);
  stop_provider();
}

static void test_scale(void) {
  step("20,000 lines: providerEnumDevices, providerInit and a negotiation per line stay fast");
  fake_set_devices(20000);
  ev_reset();
  DWORD t0 = GetTickCount();
  DWORD lines = 0;
  if (!start_provider(&lines)) return;
  CHECKF(lines == 20000, "%lu lines", (unsigned long)lines);
  PFN_negotiate negotiate = CALL(PFN_negotiate, "TSPI_lineNegotiateTSPIVersion");
  int all = 1;
  DWORD v;
  for (DWORD i = 0; i < lines; i++) all &= negotiate(200 + i, 0x00020002, 0x00030000, &v) == 0;
  CHECK(all);
  HDRVLINE l = NULL;
  CHECK(CALL(PFN_open, "TSPI_lineOpen")(200 + 19999, ht_line, &l, 0x00030000, harness_line_event) == 0);
  DWORD took = GetTickCount() - t0;
  printf("  enumerate, init, 20,000 negotiations, open: %lu ms\n", (unsigned long)took);
  CHECKF(took < 10000, "took %lu ms", (unsigned long)took);
  CHECK(CALL(PFN_close, "TSPI_lineClose")(l) == 0);
  stop_provider();
  fake_set_devices(2);
}

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IONBF, 0);
  ev_init();
  MultiByteToWideChar(CP_UTF8, 0, argc > 1 ? argv[1] : "ecsta.tsp", -1, tsp_path, MAX_PATH);
  DWORD n = GetEnvironmentVariableA("ECSTA_STATE_DIR", state_dir, sizeof(state_dir));
  if (n == 0 || n >= sizeof(state_dir)) {
    printf("bridge_tests: set ECSTA_STATE_DIR to an empty folder\n");
    return 2;
  }
  if (!fake_start(state_dir)) {
    printf("bridge_tests: the fake host could not listen\n");
    return 2;
  }
  test_late_host();
  if (tsp != NULL) {
    test_completion_in_same_segment();
    test_ignored_input();
    test_malformed_frames();
    test_silent_host();
    test_remove();
    step("providerShutdown with a line open");
    CHECK(CALL(PFN_close, "TSPI_lineClose")(line) == 0);
    stop_provider();
  }
  test_enum_without_init();
  test_endpoint_not_loopback();
  test_scale();
  step("memory: load, init, open, call, a request outstanding, shutdown, unload - 8 times");
  cycle(0);
  size_t before = heap_in_use();
  for (int i = 1; i <= 8; i++) cycle(i);
  size_t after = heap_in_use();
  long long growth = (long long)after - (long long)before;
  printf("  heap in use after cycle 1: %lu bytes, after cycle 9: %lu bytes (%+lld)\n", (unsigned long)before,
         (unsigned long)after, growth);
  CHECKF(growth < 8 * 512, "the heap grew by %lld bytes over 8 cycles", growth);
  fake_stop();
  printf("bridge_tests: %d checks, %d failed\n", g_checks, g_failures);
  return g_failures > 100 ? 100 : g_failures;
}
