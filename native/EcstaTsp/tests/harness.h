/* The tapisrv stand-in: loads ecsta.tsp, calls its TSPI functions as tapisrv does, records every
 * callback, and asserts what comes back. Shared declarations of the harness's files. */
#ifndef ECSTA_HARNESS_H
#define ECSTA_HARNESS_H

#include <windows.h>
#include <stdint.h>
#include <tapi.h>
#include <tspi.h>

#include "lineerr.h"

/* ---- harness_events.c: everything the provider calls back, in arrival order ---- */
typedef enum ev_kind { EV_LINE, EV_PROVIDER, EV_COMPLETION } ev_kind;

typedef struct ev {
  ev_kind kind;
  HTAPILINE htLine;
  HTAPICALL htCall;
  DWORD msg;
  DWORD_PTR p1, p2, p3;
  DRV_REQUESTID request_id; /* EV_COMPLETION */
  LONG result;
  HTAPICALL new_htCall;     /* LINE_NEWCALL: what we answered */
  DWORD thread;
} ev;

void ev_init(void);
void ev_reset(void);                       /* forget everything recorded */
size_t ev_mark(void);                      /* the index the next event gets */
/* The first event at index >= *from matching; waits up to timeout_ms. Sets *from past it. 1 found. */
typedef int (*ev_match)(const ev *e, const void *arg);
int ev_wait(size_t *from, ev_match match, const void *arg, DWORD timeout_ms, ev *out);
size_t ev_count(size_t from, ev_match match, const void *arg);
void ev_dump(size_t from);
HTAPICALL ev_next_htcall(void);            /* the htCall values LINE_NEWCALL gets */
void ev_refuse_newcalls(int refuse);       /* answer LINE_NEWCALL with a NULL htCall */
int ev_nested_callbacks(void);             /* callbacks that overlapped another (must be 0) */
const char *msg_name(DWORD msg);
const char *state_name(DWORD state);

void CALLBACK harness_line_event(HTAPILINE htLine, HTAPICALL htCall, DWORD msg, DWORD_PTR p1, DWORD_PTR p2,
                                 DWORD_PTR p3);
void CALLBACK harness_provider_event(HTAPILINE htLine, HTAPICALL htCall, DWORD msg, DWORD_PTR p1, DWORD_PTR p2,
                                     DWORD_PTR p3);
void CALLBACK harness_completion(DRV_REQUESTID request_id, LONG result);

/* ---- checks ---- */
extern int g_failures;
extern int g_checks;
void check(int ok, const char *file, int line, const char *what, const char *fmt, ...);
#define CHECK(cond) check((cond) ? 1 : 0, __FILE__, __LINE__, #cond, NULL)
#define CHECKF(cond, ...) check((cond) ? 1 : 0, __FILE__, __LINE__, #cond, __VA_ARGS__)
void step(const char *fmt, ...);
extern size_t g_step_mark; /* the first event of the current step */

/* ---- harness_host.c: asking the driver script to stop and start the host ---- */
int host_request(const char *what); /* writes <state dir>\host-<what>; 1 if written */
/* Asks the script to run `ecsta call dial --line LINE NUMBER`, another application of the host. */
int host_cli_dial(const char *line, const char *number);

#endif
