/* The bridge to the host (docs/bridge-protocol.md): one loopback TCP connection, length-prefixed
 * JSON-RPC frames, a token hello. One I/O thread connects (with backoff), reads every frame, completes
 * requests and hands notifications to the dispatch thread. Requests are sent by the calling thread,
 * which waits for its response for at most BRIDGE_TIMEOUT_MS. A malformed frame ends the connection. */
#include <ws2tcpip.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frames.h"
#include "tsp.h"

#define BRIDGE_TIMEOUT_MS 5000
#define CONNECT_TIMEOUT_MS 2000
#define HELLO_TIMEOUT_MS 5000
#define BACKOFF_FIRST_MS 500
#define BACKOFF_MAX_MS 10000

typedef struct pending {
  int64_t id;
  HANDLE done;
  LONG status;
  json_doc *doc;
  const json_value *result;
  bridge_hook hook;
  void *context;
  struct pending *next;
} pending;

static CRITICAL_SECTION b_lock;      /* pending list, connected, dialog_url */
static CRITICAL_SECTION b_send_lock; /* the socket: sending, closing */
static SOCKET b_socket = INVALID_SOCKET;
static int b_connected;
static int b_running;
static int b_wsa;
static int64_t b_next_id;
static pending *b_pending;
static char *b_dialog_url;
static HANDLE b_thread;
static HANDLE b_stop;
static HANDLE b_first_attempt;
static volatile LONG b_locks_ready;

static void ensure_locks(void) {
  /* Created once per process load (DllMain is too early for nothing, but keep it lazy and race-free). */
  if (InterlockedCompareExchange(&b_locks_ready, 1, 0) == 0) {
    InitializeCriticalSection(&b_lock);
    InitializeCriticalSection(&b_send_lock);
    InterlockedExchange(&b_locks_ready, 2);
  }
  while (b_locks_ready != 2) Sleep(0);
}

/* ---- socket helpers ---- */

static int send_all(SOCKET s, const char *data, size_t len) {
  while (len > 0) {
    int chunk = len > 0x10000 ? 0x10000 : (int)len;
    int n = send(s, data, chunk, 0);
    if (n <= 0) return 0;
    data += n;
    len -= (size_t)n;
  }
  return 1;
}

static int send_frame(SOCKET s, const char *body, size_t len) {
  unsigned char header[4];
  if (!frame_header(len, header)) return 0;
  return send_all(s, (const char *)header, 4) && send_all(s, body, len);
}

/* Waits until s is readable; 1 ready, 0 timeout, -1 error. */
static int wait_readable(SOCKET s, DWORD ms) {
  fd_set set;
  FD_ZERO(&set);
  FD_SET(s, &set);
  struct timeval tv;
  tv.tv_sec = (long)(ms / 1000);
  tv.tv_usec = (long)((ms % 1000) * 1000);
  int r = select(0, &set, NULL, NULL, &tv);
  return r < 0 ? -1 : r;
}

static int recv_exact(SOCKET s, unsigned char *buf, size_t len, DWORD deadline) {
  size_t have = 0;
  while (have < len) {
    DWORD now = GetTickCount();
    if ((LONG)(deadline - now) <= 0) return 0;
    if (wait_readable(s, deadline - now) <= 0) return 0;
    int n = recv(s, (char *)buf + have, (int)(len - have), 0);
    if (n <= 0) return 0;
    have += (size_t)n;
  }
  return 1;
}

static SOCKET connect_to(const char *host, unsigned short port) {
  char service[8];
  snprintf(service, sizeof(service), "%u", (unsigned)port);
  struct addrinfo hints, *res = NULL;
  memset(&hints, 0, sizeof(hints));
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_protocol = IPPROTO_TCP;
  hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
  if (getaddrinfo(host, service, &hints, &res) != 0 || res == NULL) return INVALID_SOCKET;
  SOCKET s = socket(res->ai_family, res->ai_socktype, res->ai_protocol);
  if (s == INVALID_SOCKET) {
    freeaddrinfo(res);
    return INVALID_SOCKET;
  }
  u_long nonblocking = 1;
  ioctlsocket(s, FIONBIO, &nonblocking);
  int rc = connect(s, res->ai_addr, (int)res->ai_addrlen);
  freeaddrinfo(res);
  if (rc != 0 && WSAGetLastError() != WSAEWOULDBLOCK) {
    closesocket(s);
    return INVALID_SOCKET;
  }
  if (rc != 0) {
    fd_set wset, eset;
    FD_ZERO(&wset);
    FD_ZERO(&eset);
    FD_SET(s, &wset);
    FD_SET(s, &eset);
    struct timeval tv = {CONNECT_TIMEOUT_MS / 1000, (CONNECT_TIMEOUT_MS % 1000) * 1000};
    if (select(0, NULL, &wset, &eset, &tv) <= 0 || FD_ISSET(s, &eset)) {
      closesocket(s);
      return INVALID_SOCKET;
    }
    int err = 0;
    int errlen = sizeof(err);
    if (getsockopt(s, SOL_SOCKET, SO_ERROR, (char *)&err, &errlen) != 0 || err != 0) {
      closesocket(s);
      return INVALID_SOCKET;
    }
  }
  nonblocking = 0;
  ioctlsocket(s, FIONBIO, &nonblocking);
  BOOL nodelay = TRUE;
  setsockopt(s, IPPROTO_TCP, TCP_NODELAY, (const char *)&nodelay, sizeof(nodelay));
  return s;
}

/* Connects and says hello. Returns the socket, or INVALID_SOCKET; *dialog_url (malloc'd) on success. */
static SOCKET connect_and_hello(char **dialog_url) {
  char token[512], host[64];
  unsigned short port = 0;
  *dialog_url = NULL;
  if (config_read(token, sizeof(token), host, sizeof(host), &port) != 0) return INVALID_SOCKET;
  SOCKET s = connect_to(host, port);
  if (s == INVALID_SOCKET) {
    SecureZeroMemory(token, sizeof(token));
    return INVALID_SOCKET;
  }
  json_buf hello;
  jb_init(&hello);
  jb_begin_object(&hello);
  jb_key(&hello, "token");
  jb_cstring(&hello, token);
  jb_key(&hello, "client");
  jb_cstring(&hello, ECSTA_CLIENT_NAME);
  jb_end_object(&hello);
  SecureZeroMemory(token, sizeof(token));
  int sent = !hello.failed && send_frame(s, hello.data, hello.len);
  if (hello.data) SecureZeroMemory(hello.data, hello.len);
  jb_free(&hello);
  if (!sent) {
    closesocket(s);
    return INVALID_SOCKET;
  }
  /* The answer is one frame; read exactly it, so nothing after it is consumed here. */
  DWORD deadline = GetTickCount() + HELLO_TIMEOUT_MS;
  unsigned char header[4];
  if (!recv_exact(s, header, 4, deadline)) {
    closesocket(s);
    return INVALID_SOCKET;
  }
  uint32_t n = ((uint32_t)header[0] << 24) | ((uint32_t)header[1] << 16) | ((uint32_t)header[2] << 8) | header[3];
  if (n == 0 || n > 65536) {
    closesocket(s);
    return INVALID_SOCKET;
  }
  unsigned char *body = (unsigned char *)malloc(n);
  if (body == NULL || !recv_exact(s, body, n, deadline)) {
    free(body);
    closesocket(s);
    return INVALID_SOCKET;
  }
  char err[128];
  json_doc *doc = json_parse((const char *)body, n, err, sizeof(err));
  free(body);
  int ok = 0;
  if (doc != NULL && json_get_bool(json_root(doc), "ok", &ok) && ok) {
    const char *url = json_get_str(json_root(doc), "dialogUrl");
    if (url != NULL) {
      size_t len = strlen(url);
      *dialog_url = (char *)malloc(len + 1);
      if (*dialog_url) memcpy(*dialog_url, url, len + 1);
    }
  } else {
    const char *why = doc ? json_get_str(json_root(doc), "error") : err;
    tsp_log("bridge: the host refused the hello: %s", why ? why : "?");
    ok = 0;
  }
  json_free(doc);
  if (!ok) {
    closesocket(s);
    return INVALID_SOCKET;
  }
  return s;
}

/* ---- frames from the host ---- */

static LONG map_error(const json_value *error) {
  int64_t code = 0;
  if (!json_get_i64(error, "code", &code)) return LINEERR_OPERATIONFAILED;
  if (code == -32601) return LINEERR_OPERATIONUNAVAIL;
  if (code == -32602) return LINEERR_INVALPARAM;
  if (code <= -2147483000LL && code >= -2147483648LL) return (LONG)code; /* a LINEERR as TAPI's LONG */
  return LINEERR_OPERATIONFAILED;
}

static void reply_method_not_found(SOCKET s, const json_value *id) {
  json_buf b;
  jb_init(&b);
  jb_begin_object(&b);
  jb_key(&b, "jsonrpc");
  jb_cstring(&b, "2.0");
  jb_key(&b, "id");
  jb_value(&b, id);
  jb_key(&b, "error");
  jb_raw(&b, "{\"code\":-32601,\"message\":\"the TSP serves no methods\"}");
  jb_end_object(&b);
  if (!b.failed) {
    EnterCriticalSection(&b_send_lock);
    send_frame(s, b.data, b.len);
    LeaveCriticalSection(&b_send_lock);
  }
  jb_free(&b);
}

/* Returns 0 when the connection must end (malformed frame). Takes ownership of body. */
static int handle_frame(SOCKET s, unsigned char *body, uint32_t len) {
  char err[128];
  json_doc *doc = json_parse((const char *)body, len, err, sizeof(err));
  free(body);
  if (doc == NULL) {
    tsp_log("bridge: malformed frame from the host (%s); reconnecting", err);
    return 0;
  }
  const json_value *root = json_root(doc);
  if (root->type != JSON_OBJECT) {
    json_free(doc);
    tsp_log("bridge: a frame that is not an object; reconnecting");
    return 0;
  }
  const json_value *method = json_get(root, "method");
  const json_value *id = json_get(root, "id");
  if (method != NULL) {
    if (method->type != JSON_STRING) {
      json_free(doc);
      return 0;
    }
    if (id != NULL) {
      reply_method_not_found(s, id);
      json_free(doc);
      return 1;
    }
    dispatch_post(DISPATCH_NOTIFICATION, doc);
    return 1;
  }
  int64_t rid = 0;
  const json_value *result = json_get(root, "result");
  const json_value *error = json_get(root, "error");
  if (!json_as_i64(id, &rid) || (result == NULL) == (error == NULL)) {
    json_free(doc);
    tsp_log("bridge: a response without a numeric id or with neither result nor error; reconnecting");
    return 0;
  }
  EnterCriticalSection(&b_lock);
  pending *p = NULL;
  for (pending **pp = &b_pending; *pp; pp = &(*pp)->next) {
    if ((*pp)->id == rid) {
      p = *pp;
      *pp = p->next;
      break;
    }
  }
  LeaveCriticalSection(&b_lock);
  if (p == NULL) {
    json_free(doc); /* a late answer to a request that timed out */
    return 1;
  }
  if (error != NULL) {
    p->status = map_error(error);
    json_free(doc);
  } else {
    p->status = 0;
    if (p->hook) p->hook(p->context, result);
    p->doc = doc;
    p->result = result;
  }
  SetEvent(p->done);
  return 1;
}

static void fail_pending(LONG status) {
  EnterCriticalSection(&b_lock);
  pending *list = b_pending;
  b_pending = NULL;
  LeaveCriticalSection(&b_lock);
  while (list) {
    pending *next = list->next;
    list->status = status;
    SetEvent(list->done);
    list = next;
  }
}

static void read_loop(SOCKET s) {
  frame_reader reader;
  frame_reader_init(&reader, FRAME_MAX_BYTES);
  unsigned char buf[16384];
  for (;;) {
    if (WaitForSingleObject(b_stop, 0) == WAIT_OBJECT_0) break;
    int ready = wait_readable(s, 250);
    if (ready < 0) break;
    if (ready == 0) continue;
    int n = recv(s, (char *)buf, (int)sizeof(buf), 0);
    if (n <= 0) break;
    size_t off = 0;
    int alive = 1;
    while (alive && off < (size_t)n) {
      size_t used = 0;
      unsigned char *body = NULL;
      uint32_t body_len = 0;
      frame_status st = frame_reader_feed(&reader, buf + off, (size_t)n - off, &used, &body, &body_len);
      off += used;
      if (st == FRAME_ERROR) {
        tsp_log("bridge: a frame length outside 1..4 MiB; reconnecting");
        alive = 0;
      } else if (st == FRAME_COMPLETE) {
        alive = handle_frame(s, body, body_len);
      }
    }
    if (!alive) break;
  }
  frame_reader_reset(&reader);
}

static DWORD WINAPI io_thread(LPVOID unused) {
  (void)unused;
  DWORD backoff = BACKOFF_FIRST_MS;
  while (WaitForSingleObject(b_stop, 0) != WAIT_OBJECT_0) {
    char *url = NULL;
    SOCKET s = connect_and_hello(&url);
    if (s != INVALID_SOCKET) {
      backoff = BACKOFF_FIRST_MS;
      EnterCriticalSection(&b_send_lock);
      b_socket = s;
      LeaveCriticalSection(&b_send_lock);
      EnterCriticalSection(&b_lock);
      free(b_dialog_url);
      b_dialog_url = url;
      b_connected = 1;
      LeaveCriticalSection(&b_lock);
      tsp_log("bridge: connected");
      dispatch_post(DISPATCH_CONNECTED, NULL);
      SetEvent(b_first_attempt);
      read_loop(s);
      EnterCriticalSection(&b_lock);
      b_connected = 0;
      LeaveCriticalSection(&b_lock);
      EnterCriticalSection(&b_send_lock);
      closesocket(s);
      b_socket = INVALID_SOCKET;
      LeaveCriticalSection(&b_send_lock);
      fail_pending(LINEERR_RESOURCEUNAVAIL);
      if (WaitForSingleObject(b_stop, 0) == WAIT_OBJECT_0) break;
      tsp_log("bridge: connection lost");
      dispatch_post(DISPATCH_DISCONNECTED, NULL);
    } else {
      SetEvent(b_first_attempt);
    }
    if (WaitForSingleObject(b_stop, backoff) == WAIT_OBJECT_0) break;
    backoff = backoff * 2 > BACKOFF_MAX_MS ? BACKOFF_MAX_MS : backoff * 2;
  }
  return 0;
}

int bridge_start(DWORD first_attempt_wait_ms) {
  ensure_locks();
  if (b_running) return 1;
  WSADATA wsa;
  if (WSAStartup(MAKEWORD(2, 2), &wsa) != 0) return 0;
  b_wsa = 1;
  if (!dispatch_start()) {
    WSACleanup();
    b_wsa = 0;
    return 0;
  }
  b_stop = CreateEventW(NULL, TRUE, FALSE, NULL);
  b_first_attempt = CreateEventW(NULL, TRUE, FALSE, NULL);
  b_thread = (b_stop && b_first_attempt) ? CreateThread(NULL, 0, io_thread, NULL, 0, NULL) : NULL;
  if (b_thread == NULL) {
    if (b_stop) CloseHandle(b_stop);
    if (b_first_attempt) CloseHandle(b_first_attempt);
    b_stop = b_first_attempt = NULL;
    dispatch_stop();
    WSACleanup();
    b_wsa = 0;
    return 0;
  }
  b_running = 1;
  WaitForSingleObject(b_first_attempt, first_attempt_wait_ms);
  return 1;
}

void bridge_stop(void) {
  ensure_locks();
  if (!b_running) return;
  SetEvent(b_stop);
  EnterCriticalSection(&b_send_lock);
  if (b_socket != INVALID_SOCKET) shutdown(b_socket, SD_BOTH);
  LeaveCriticalSection(&b_send_lock);
  WaitForSingleObject(b_thread, INFINITE);
  CloseHandle(b_thread);
  CloseHandle(b_stop);
  CloseHandle(b_first_attempt);
  b_thread = b_stop = b_first_attempt = NULL;
  fail_pending(LINEERR_RESOURCEUNAVAIL);
  EnterCriticalSection(&b_lock);
  free(b_dialog_url);
  b_dialog_url = NULL;
  b_connected = 0;
  LeaveCriticalSection(&b_lock);
  dispatch_stop();
  if (b_wsa) WSACleanup();
  b_wsa = 0;
  b_running = 0;
}

void bridge_unload(void) {
  if (b_locks_ready == 2 && !b_running) {
    DeleteCriticalSection(&b_lock);
    DeleteCriticalSection(&b_send_lock);
    b_locks_ready = 0;
  }
}

int bridge_connected(void) {
  ensure_locks();
  EnterCriticalSection(&b_lock);
  int c = b_connected;
  LeaveCriticalSection(&b_lock);
  return c;
}

char *bridge_dialog_url(void) {
  ensure_locks();
  EnterCriticalSection(&b_lock);
  char *copy = NULL;
  if (b_dialog_url) {
    size_t n = strlen(b_dialog_url) + 1;
    copy = (char *)malloc(n);
    if (copy) memcpy(copy, b_dialog_url, n);
  }
  LeaveCriticalSection(&b_lock);
  return copy;
}

LONG bridge_oneshot_call(const char *method, const char *params_json, json_doc **doc, const json_value **result) {
  *doc = NULL;
  *result = NULL;
  WSADATA wsa;
  if (WSAStartup(MAKEWORD(2, 2), &wsa) != 0) return LINEERR_RESOURCEUNAVAIL;
  char *url = NULL;
  SOCKET s = connect_and_hello(&url);
  free(url);
  LONG rc = LINEERR_RESOURCEUNAVAIL;
  if (s != INVALID_SOCKET) {
    json_buf b;
    jb_init(&b);
    jb_begin_object(&b);
    jb_key(&b, "jsonrpc");
    jb_cstring(&b, "2.0");
    jb_key(&b, "id");
    jb_int(&b, 1);
    jb_key(&b, "method");
    jb_cstring(&b, method);
    jb_key(&b, "params");
    jb_raw(&b, params_json ? params_json : "{}");
    jb_end_object(&b);
    rc = LINEERR_OPERATIONFAILED;
    if (!b.failed && send_frame(s, b.data, b.len)) {
      /* Read frames until the answer (id 1); notifications before it are not for this caller. */
      DWORD deadline = GetTickCount() + BRIDGE_TIMEOUT_MS;
      for (int frames = 0; frames < 1000; frames++) {
        unsigned char header[4];
        if (!recv_exact(s, header, 4, deadline)) break;
        uint32_t n = ((uint32_t)header[0] << 24) | ((uint32_t)header[1] << 16) | ((uint32_t)header[2] << 8) | header[3];
        if (n == 0 || n > FRAME_MAX_BYTES) break;
        unsigned char *body = (unsigned char *)malloc(n);
        if (body == NULL || !recv_exact(s, body, n, deadline)) {
          free(body);
          break;
        }
        json_doc *d = json_parse((const char *)body, n, NULL, 0);
        free(body);
        if (d == NULL) break;
        int64_t id = 0;
        const json_value *root = json_root(d);
        if (json_get(root, "method") == NULL && json_get_i64(root, "id", &id) && id == 1) {
          const json_value *error = json_get(root, "error");
          const json_value *res = json_get(root, "result");
          if (error != NULL) {
            rc = map_error(error);
            json_free(d);
          } else if (res != NULL) {
            rc = 0;
            *doc = d;
            *result = res;
          } else {
            json_free(d);
          }
          break;
        }
        json_free(d);
      }
    }
    jb_free(&b);
    closesocket(s);
  }
  WSACleanup();
  return rc;
}

char *bridge_fetch_dialog_url(void) {
  char *url = bridge_dialog_url();
  if (url != NULL) return url;
  WSADATA wsa;
  if (WSAStartup(MAKEWORD(2, 2), &wsa) != 0) return NULL;
  SOCKET s = connect_and_hello(&url);
  if (s != INVALID_SOCKET) closesocket(s);
  WSACleanup();
  return url;
}

LONG bridge_call(const char *method, const char *params_json, json_doc **doc, const json_value **result,
                 bridge_hook hook, void *context) {
  ensure_locks();
  if (doc) *doc = NULL;
  if (result) *result = NULL;
  pending *p = (pending *)calloc(1, sizeof(pending));
  if (p == NULL) return LINEERR_NOMEM;
  p->done = CreateEventW(NULL, TRUE, FALSE, NULL);
  if (p->done == NULL) {
    free(p);
    return LINEERR_NOMEM;
  }
  p->hook = hook;
  p->context = context;
  EnterCriticalSection(&b_lock);
  if (!b_connected) {
    LeaveCriticalSection(&b_lock);
    CloseHandle(p->done);
    free(p);
    return LINEERR_RESOURCEUNAVAIL;
  }
  p->id = ++b_next_id;
  p->next = b_pending;
  b_pending = p;
  LeaveCriticalSection(&b_lock);

  json_buf b;
  jb_init(&b);
  jb_begin_object(&b);
  jb_key(&b, "jsonrpc");
  jb_cstring(&b, "2.0");
  jb_key(&b, "id");
  jb_int(&b, p->id);
  jb_key(&b, "method");
  jb_cstring(&b, method);
  jb_key(&b, "params");
  jb_raw(&b, params_json ? params_json : "{}");
  jb_end_object(&b);
  EnterCriticalSection(&b_send_lock);
  int sent = !b.failed && b_socket != INVALID_SOCKET && send_frame(b_socket, b.data, b.len);
  LeaveCriticalSection(&b_send_lock);
  jb_free(&b);

  int mine = 0; /* still in the list: nobody else will touch it */
  if (!sent || WaitForSingleObject(p->done, BRIDGE_TIMEOUT_MS) != WAIT_OBJECT_0) {
    EnterCriticalSection(&b_lock);
    for (pending **pp = &b_pending; *pp; pp = &(*pp)->next) {
      if (*pp == p) {
        *pp = p->next;
        mine = 1;
        break;
      }
    }
    LeaveCriticalSection(&b_lock);
    if (mine) p->status = sent ? LINEERR_OPERATIONFAILED : LINEERR_RESOURCEUNAVAIL;
    else WaitForSingleObject(p->done, INFINITE); /* its answer is being handled right now */
  }
  if (mine) tsp_log("bridge: %s: no answer (%s)", method, sent ? "timeout" : "not sent");
  LONG status = p->status;
  if (status == 0 && doc != NULL) {
    *doc = p->doc;
    if (result) *result = p->result;
  } else {
    json_free(p->doc);
  }
  CloseHandle(p->done);
  free(p);
  return status;
}
