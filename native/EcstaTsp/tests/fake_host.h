/* A scripted stand-in for the host's bridge listener, in the test process, for what the real host never
 * does: malformed frames, refusals, silence, completions in the same segment as the answer. */
#ifndef ECSTA_FAKE_HOST_H
#define ECSTA_FAKE_HOST_H

#include <winsock2.h>
#include <windows.h>

int fake_start(const char *state_dir);     /* listener on 127.0.0.1:0; writes bridge-endpoint */
void fake_stop(void);
unsigned short fake_listen_port(void); /* it listens on every address of the machine */
void fake_set_token(const char *token);    /* what the hello must carry */
void fake_set_devices(int count);          /* lineGetDevices answers device ids 10, 11, … */
void fake_set_silent(const char *method);  /* never answer this method (NULL: answer everything) */
/* Answer this method with this JSON-RPC error code (0: no error). */
void fake_set_error(const char *method, long long code);
/* After answering method, send these frames (raw JSON texts, "%R" replaced by the request id given to the
 * answer's requestId) in the same send() as the answer. */
void fake_set_after(const char *method, const char *frames[], int n);
/* Sends a frame now: the body as given; length_override >= 0 writes that length instead of the real one. */
int fake_send(const char *body, long long length_override);
int fake_send_raw(const void *bytes, int len);
void fake_drop(void);                      /* closes the current connection */
int fake_connections(void);                /* hellos accepted so far */
int fake_wait_connections(int n, DWORD timeout_ms);
int fake_requests(const char *method);     /* how often method was asked */
int fake_wait_requests(const char *method, int n, DWORD timeout_ms);
/* Waits for the TSP's answer to a request of the host; its error code (0: none came). */
int fake_wait_reply_error(DWORD timeout_ms);

#endif
