#include "fake_host.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frames.h"
#include "json.h"

#define MAX_METHODS 32

typedef struct method_rule {
  char method[48];
  int silent;
  long long error;
  const char *after[8];
  int n_after;
  int count;
} method_rule;

static CRITICAL_SECTION lock;
static CONDITION_VARIABLE changed;
static SOCKET listener = INVALID_SOCKET, conn = INVALID_SOCKET;
static HANDLE thread;
static volatile LONG stopping;
static char token[128] = "test-token";
static int devices = 2;
static method_rule rules[MAX_METHODS];
static int n_rules;
static int connections;
static int last_reply_error;
static long long next_request_id = 500;

static method_rule *rule(const char *method) {
  for (int i = 0; i < n_rules; i++) {
    if (strcmp(rules[i].method, method) == 0) return &rules[i];
  }
  if (n_rules == MAX_METHODS) return NULL;
  method_rule *r = &rules[n_rules++];
  memset(r, 0, sizeof(*r));
  snprintf(r->method, sizeof(r->method), "%s", method);
  return r;
}

void fake_set_token(const char *t) {
  EnterCriticalSection(&lock);
  snprintf(token, sizeof(token), "%s", t);
  LeaveCriticalSection(&lock);
}
void fake_set_devices(int count) {
  EnterCriticalSection(&lock);
  devices = count;
  LeaveCriticalSection(&lock);
}
void fake_set_silent(const char *method) {
  EnterCriticalSection(&lock);
  for (int i = 0; i < n_rules; i++) rules[i].silent = 0;
  if (method) rule(method)->silent = 1;
  LeaveCriticalSection(&lock);
}
void fake_set_error(const char *method, long long code) {
  EnterCriticalSection(&lock);
  rule(method)->error = code;
  LeaveCriticalSection(&lock);
}
void fake_set_after(const char *method, const char *frames[], int n) {
  EnterCriticalSection(&lock);
  method_rule *r = rule(method);
  r->n_after = n > 8 ? 8 : n;
  for (int i = 0; i < r->n_after; i++) r->after[i] = frames[i];
  LeaveCriticalSection(&lock);
}

static int send_all(SOCKET s, const char *p, int len) {
  while (len > 0) {
    int n = send(s, p, len, 0);
    if (n <= 0) return 0;
    p += n;
    len -= n;
  }
  return 1;
}

/* Appends one frame to buf. */
static void frame(json_buf *buf, const char *body, long long length_override) {
  size_t n = strlen(body);
  unsigned long long len = length_override >= 0 ? (unsigned long long)length_override : n;
  char h[4] = {(char)(len >> 24), (char)(len >> 16), (char)(len >> 8), (char)len};
  if (buf->len + 4 + n + 1 > buf->cap) {
    size_t cap = (buf->len + 4 + n + 1) * 2;
    buf->data = (char *)realloc(buf->data, cap);
    buf->cap = cap;
  }
  memcpy(buf->data + buf->len, h, 4);
  memcpy(buf->data + buf->len + 4, body, n);
  buf->len += 4 + n;
}

int fake_send(const char *body, long long length_override) {
  json_buf b;
  jb_init(&b);
  frame(&b, body, length_override);
  EnterCriticalSection(&lock);
  int ok = conn != INVALID_SOCKET && send_all(conn, b.data, (int)b.len);
  LeaveCriticalSection(&lock);
  jb_free(&b);
  return ok;
}

int fake_send_raw(const void *bytes, int len) {
  EnterCriticalSection(&lock);
  int ok = conn != INVALID_SOCKET && send_all(conn, (const char *)bytes, len);
  LeaveCriticalSection(&lock);
  return ok;
}

void fake_drop(void) {
  EnterCriticalSection(&lock);
  if (conn != INVALID_SOCKET) shutdown(conn, SD_BOTH);
  LeaveCriticalSection(&lock);
}

int fake_connections(void) {
  EnterCriticalSection(&lock);
  int n = connections;
  LeaveCriticalSection(&lock);
  return n;
}

int fake_wait_connections(int n, DWORD timeout_ms) {
  DWORD deadline = GetTickCount() + timeout_ms;
  EnterCriticalSection(&lock);
  while (connections < n) {
    LONG left = (LONG)(deadline - GetTickCount());
    if (left <= 0) break;
    SleepConditionVariableCS(&changed, &lock, (DWORD)left);
  }
  int ok = connections >= n;
  LeaveCriticalSection(&lock);
  return ok;
}

int fake_requests(const char *method) {
  EnterCriticalSection(&lock);
  method_rule *r = rule(method);
  int n = r ? r->count : 0;
  LeaveCriticalSection(&lock);
  return n;
}

int fake_wait_requests(const char *method, int n, DWORD timeout_ms) {
  DWORD deadline = GetTickCount() + timeout_ms;
  EnterCriticalSection(&lock);
  while (rule(method)->count < n) {
    LONG left = (LONG)(deadline - GetTickCount());
    if (left <= 0) break;
    SleepConditionVariableCS(&changed, &lock, (DWORD)left);
  }
  int ok = rule(method)->count >= n;
  LeaveCriticalSection(&lock);
  return ok;
}

int fake_wait_reply_error(DWORD timeout_ms) {
  DWORD deadline = GetTickCount() + timeout_ms;
  EnterCriticalSection(&lock);
  while (last_reply_error == 0) {
    LONG left = (LONG)(deadline - GetTickCount());
    if (left <= 0) break;
    SleepConditionVariableCS(&changed, &lock, (DWORD)left);
  }
  int e = last_reply_error;
  LeaveCriticalSection(&lock);
  return e;
}

static void replace_rid(char *out, size_t size, const char *text, long long rid) {
  const char *p = strstr(text, "%R");
  if (p == NULL) {
    snprintf(out, size, "%s", text);
    return;
  }
  snprintf(out, size, "%.*s%lld%s", (int)(p - text), text, rid, p + 2);
}

/* Answers one request; called with the lock held. */
static void answer(SOCKET s, const json_value *req) {
  const char *method = json_get_str(req, "method");
  int64_t id;
  if (method == NULL && (json_get(req, "error") != NULL || json_get(req, "result") != NULL)) {
    /* An answer of the TSP to our own request. */
    const json_value *err = json_get(req, "error");
    int64_t code = 0;
    if (err) json_get_i64(err, "code", &code);
    last_reply_error = (int)code;
    WakeAllConditionVariable(&changed);
    return;
  }
  if (method == NULL || !json_get_i64(req, "id", &id)) return;
  method_rule *r = rule(method);
  r->count++;
  WakeAllConditionVariable(&changed);
  if (r->silent) return;
  json_buf out;
  jb_init(&out);
  char body[2048];
  long long rid = ++next_request_id;
  if (r->error) {
    snprintf(body, sizeof(body), "{\"jsonrpc\":\"2.0\",\"id\":%lld,\"error\":{\"code\":%lld,\"message\":\"scripted\"}}",
             (long long)id, r->error);
  } else if (strcmp(method, "lineGetDevices") == 0) {
    json_buf list;
    jb_init(&list);
    char head[64];
    snprintf(head, sizeof(head), "{\"jsonrpc\":\"2.0\",\"id\":%lld,\"result\":[", (long long)id);
    jb_raw(&list, head);
    for (int i = 0; i < devices; i++) {
      char one[200];
      snprintf(one, sizeof(one), "%s{\"deviceId\":%d,\"lineName\":\"%d / Test %d\",\"number\":\"%d\",\"inService\":true,\"numOpens\":0}",
               i ? "," : "", 10 + i, 2000 + i, i, 2000 + i);
      jb_raw(&list, one);
    }
    jb_raw(&list, "]}");
    frame(&out, list.data, -1);
    jb_free(&list);
    send_all(s, out.data, (int)out.len);
    jb_free(&out);
    return;
  } else if (strcmp(method, "lineOpen") == 0) {
    snprintf(body, sizeof(body), "{\"jsonrpc\":\"2.0\",\"id\":%lld,\"result\":{\"hLine\":11}}", (long long)id);
  } else if (strcmp(method, "lineGetCalls") == 0) {
    snprintf(body, sizeof(body), "{\"jsonrpc\":\"2.0\",\"id\":%lld,\"result\":[]}", (long long)id);
  } else if (strcmp(method, "lineClose") == 0 || strcmp(method, "lineDeallocateCall") == 0) {
    snprintf(body, sizeof(body), "{\"jsonrpc\":\"2.0\",\"id\":%lld,\"result\":null}", (long long)id);
  } else if (strcmp(method, "lineMakeCall") == 0) {
    snprintf(body, sizeof(body), "{\"jsonrpc\":\"2.0\",\"id\":%lld,\"result\":{\"requestId\":%lld,\"hCall\":%lld}}",
             (long long)id, rid, rid); /* the new call's hCall is its request id */
  } else if (strncmp(method, "line", 4) == 0 && strstr(method, "Get") == NULL) {
    snprintf(body, sizeof(body), "{\"jsonrpc\":\"2.0\",\"id\":%lld,\"result\":{\"requestId\":%lld}}", (long long)id, rid);
  } else {
    snprintf(body, sizeof(body), "{\"jsonrpc\":\"2.0\",\"id\":%lld,\"error\":{\"code\":-32601,\"message\":\"no\"}}",
             (long long)id);
  }
  frame(&out, body, -1);
  for (int i = 0; i < r->n_after; i++) {
    replace_rid(body, sizeof(body), r->after[i], rid);
    frame(&out, body, -1);
  }
  send_all(s, out.data, (int)out.len);
  jb_free(&out);
}

static void serve(SOCKET s) {
  frame_reader fr;
  frame_reader_init(&fr, FRAME_MAX_BYTES);
  unsigned char buf[8192];
  int hello_done = 0;
  for (;;) {
    int n = recv(s, (char *)buf, sizeof(buf), 0);
    if (n <= 0) break;
    size_t off = 0;
    while (off < (size_t)n) {
      size_t used;
      unsigned char *body;
      uint32_t len;
      frame_status st = frame_reader_feed(&fr, buf + off, (size_t)n - off, &used, &body, &len);
      off += used;
      if (st == FRAME_ERROR) goto done;
      if (st != FRAME_COMPLETE) continue;
      json_doc *d = json_parse((const char *)body, len, NULL, 0);
      free(body);
      if (d == NULL) goto done;
      EnterCriticalSection(&lock);
      if (!hello_done) {
        const char *t = json_get_str(json_root(d), "token");
        int ok = t != NULL && strcmp(t, token) == 0;
        json_buf out;
        jb_init(&out);
        frame(&out, ok ? "{\"ok\":true,\"host\":\"fake\",\"dialogUrl\":\"http://127.0.0.1:1/dialog/\"}"
                       : "{\"ok\":false,\"error\":\"wrong token\"}", -1);
        send_all(s, out.data, (int)out.len);
        jb_free(&out);
        if (ok) {
          hello_done = 1;
          conn = s;
          connections++;
          WakeAllConditionVariable(&changed);
        }
        LeaveCriticalSection(&lock);
        json_free(d);
        if (!ok) goto done;
        continue;
      }
      answer(s, json_root(d));
      LeaveCriticalSection(&lock);
      json_free(d);
    }
  }
done:
  frame_reader_reset(&fr);
  EnterCriticalSection(&lock);
  if (conn == s) conn = INVALID_SOCKET;
  LeaveCriticalSection(&lock);
  closesocket(s);
}

static DWORD WINAPI server_thread(LPVOID unused) {
  (void)unused;
  while (!stopping) {
    SOCKET s = accept(listener, NULL, NULL);
    if (s == INVALID_SOCKET) break;
    serve(s);
  }
  return 0;
}

static unsigned short fake_port;

unsigned short fake_listen_port(void) { return fake_port; }

int fake_start(const char *state_dir) {
  InitializeCriticalSection(&lock);
  InitializeConditionVariable(&changed);
  WSADATA wsa;
  WSAStartup(MAKEWORD(2, 2), &wsa);
  listener = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
  struct sockaddr_in a;
  memset(&a, 0, sizeof(a));
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_ANY); /* also reachable on a non-loopback address: see bridge_tests */
  if (bind(listener, (struct sockaddr *)&a, sizeof(a)) != 0 || listen(listener, 4) != 0) return 0;
  int alen = sizeof(a);
  getsockname(listener, (struct sockaddr *)&a, &alen);
  char path[MAX_PATH];
  snprintf(path, sizeof(path), "%s\\bridge-endpoint", state_dir);
  FILE *f = fopen(path, "w");
  if (f == NULL) return 0;
  fake_port = ntohs(a.sin_port);
  fprintf(f, "127.0.0.1:%u\n", (unsigned)fake_port);
  fclose(f);
  thread = CreateThread(NULL, 0, server_thread, NULL, 0, NULL);
  return thread != NULL;
}

void fake_stop(void) {
  InterlockedExchange(&stopping, 1);
  closesocket(listener);
  fake_drop();
  WaitForSingleObject(thread, 5000);
  CloseHandle(thread);
  WSACleanup();
}
