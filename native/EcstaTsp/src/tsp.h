/* Internal declarations shared by the TSP's modules. */
#ifndef ECSTA_TSP_H
#define ECSTA_TSP_H

#include <winsock2.h>
#include <windows.h>
#include <stdint.h>
#include <tapi.h>
#include <tspi.h>

#include "lineerr.h"

#include "idmap.h"
#include "json.h"

#define ECSTA_CLIENT_NAME "ecsta.tsp/" ECSTA_TSP_VERSION

/* TSPI versions: 2.2 up to 3.0 (the structure layouts of both are handled, see caps.c). */
#define ECSTA_TSPI_MIN 0x00020002u
#define ECSTA_TSPI_MAX 0x00030000u

#define ECSTA_NO_DEVICE 0xFFFFFFFFu
#define ECSTA_ALL_LINESTATES 0x01FFFFFFu
#define ECSTA_ALL_ADDRESSSTATES 0x000001FFu

/* LINEFORWARD as TSPI 2.x/3.0 lays it out (TAPI 3.1 added two DWORDs that tapi.h's LINEFORWARD carries). */
typedef struct ecsta_lineforward20 {
  DWORD dwForwardMode;
  DWORD dwCallerAddressSize;
  DWORD dwCallerAddressOffset;
  DWORD dwDestCountryCode;
  DWORD dwDestAddressSize;
  DWORD dwDestAddressOffset;
} ecsta_lineforward20;

/* ---- log.c ---- */
void tsp_log(const char *fmt, ...);

/* ---- config.c: where the host is ---- */
/* Reads api-token and bridge-endpoint from the state folder. 0 on success. */
int config_read(char *token, size_t token_size, char *host, size_t host_size, unsigned short *port);

/* ---- bridge.c: the connection to the host ---- */
typedef void (*bridge_hook)(void *context, const json_value *result);
int bridge_start(DWORD first_attempt_wait_ms);   /* starts the I/O thread; waits for the first attempt */
void bridge_stop(void);
int bridge_connected(void);
void bridge_unload(void);  /* DLL_PROCESS_DETACH after providerShutdown: the locks go too */
/* One JSON-RPC request; params_json is an object's text. Blocks for at most one round trip.
 * On success returns 0 and, if wanted, the response document (*doc, caller frees) and its result.
 * hook (optional) runs on the I/O thread with the result before any later frame is handled.
 * Errors: the host's LINEERR, LINEERR_OPERATIONUNAVAIL for "method not found", LINEERR_RESOURCEUNAVAIL
 * when not connected, LINEERR_OPERATIONFAILED for a timeout or a malformed answer. */
LONG bridge_call(const char *method, const char *params_json, json_doc **doc, const json_value **result,
                 bridge_hook hook, void *context);
/* One request on a connection of its own, opened and closed here (providerEnumDevices runs before the
 * threads are started: a DLL that tapisrv unloads without providerInit leaves nothing running). */
LONG bridge_oneshot_call(const char *method, const char *params_json, json_doc **doc, const json_value **result);
/* The dialog URL from the last handshake (caller frees), or NULL. */
char *bridge_dialog_url(void);
/* One-shot handshake for the UI process (TUISPI): returns the dialog URL (caller frees) or NULL. */
char *bridge_fetch_dialog_url(void);

/* ---- dispatch.c: the thread that calls tapisrv back ---- */
typedef enum dispatch_kind {
  DISPATCH_NOTIFICATION, /* doc: a host notification */
  DISPATCH_CONNECTED,    /* the bridge (re)connected */
  DISPATCH_DISCONNECTED, /* the bridge was lost */
  DISPATCH_SYNC_DEVICES, /* compare the host's devices with ours */
  DISPATCH_COMPLETE      /* a completion the provider gives itself */
} dispatch_kind;
int dispatch_start(void);
void dispatch_stop(void);
void dispatch_post(dispatch_kind kind, json_doc *doc); /* takes ownership of doc */
void dispatch_unload(void);
/* ASYNC_COMPLETION from the dispatch thread, for a request the host answered at once. */
void dispatch_post_completion(DRV_REQUESTID request_id, LONG result);

/* ---- events.c: host notifications to TSPI events (run on the dispatch thread) ---- */
void events_notification(const json_value *message);
void events_connected(void);
void events_disconnected(void);
void events_sync_devices(void);

/* ---- state.c: provider, devices, lines, calls; one lock ---- */
typedef struct tsp_device {
  DWORD tapi_id;        /* ECSTA_NO_DEVICE until tapisrv gave one */
  uint32_t host_id;
  DWORD_PTR temp_id;    /* LINE_CREATE sent, waiting for TSPI_providerCreateLineDevice */
  char *number;
  char *name;
  int in_service;
  int present;          /* in the host's last lineGetDevices answer */
  int removed;          /* LINE_REMOVE sent (or never created) */
} tsp_device;

typedef struct tsp_line {
  uint32_t id;          /* our hdLine */
  DWORD tapi_id;
  uint32_t host_id;
  HTAPILINE htLine;
  LINEEVENT event_proc;
  int64_t host_hline;   /* 0: not open on the host (bridge down) */
  int out_of_service;   /* OUTOFSERVICE was reported for the bridge */
  int opening;          /* TSPI_lineOpen is asking the host: the reconnect pass leaves it alone */
  DWORD line_states;    /* TSPI_lineSetStatusMessages */
  DWORD address_states;
  DWORD media_modes;    /* TSPI_lineSetDefaultMediaDetection */
  int states_set;       /* lineSetStatusMessages was called: the host gets the masks again after a reconnect */
  struct tsp_line *next;
} tsp_line;

typedef struct tsp_call {
  uint32_t id;          /* our hdCall */
  uint32_t line_id;
  HTAPICALL htCall;
  int64_t host_hcall;   /* 0 until the host named it */
  int valid;            /* tapisrv knows it (LINE_NEWCALL answered, or its request completed) */
  DWORD state;          /* last LINECALLSTATE reported */
  DWORD state_mode;
  SYSTEMTIME state_time;
  uint32_t call_id;     /* dwCallID, for reconciliation after a reconnect */
  struct tsp_call *next;
} tsp_call;

typedef enum async_kind { ASYNC_REQUEST, ASYNC_GENERATE } async_kind;

typedef struct tsp_async {
  int64_t host_request_id;
  async_kind kind;
  DRV_REQUESTID request_id;   /* ASYNC_REQUEST */
  uint32_t new_calls[2];      /* calls this request created: freed if it fails */
  uint32_t line_id;           /* ASYNC_GENERATE: LINE_GENERATE goes to this call */
  uint32_t call;
  DWORD end_to_end_id;
  struct tsp_async *next;
} tsp_async;

typedef struct tsp_state {
  CRITICAL_SECTION lock;
  int initialized;            /* TSPI_providerInit done */
  int enumerated;
  DWORD permanent_provider_id;
  DWORD line_id_base;
  DWORD tspi_version;
  HPROVIDER provider;
  LINEEVENT line_create_proc;
  ASYNC_COMPLETION completion_proc;
  tsp_device *devices;
  size_t device_count;
  size_t device_capacity;
  DWORD_PTR next_temp_id;
  idmap device_by_host;       /* host device id -> index in devices */
  idmap device_by_tapi;       /* TAPI device id -> index in devices */
  idmap line_by_host;         /* host hLine -> our line id */
  tsp_line *lines;
  tsp_call *calls;
  tsp_async *asyncs;
  uint32_t next_handle;
} tsp_state;

extern tsp_state g_tsp;
extern HINSTANCE g_module;

void state_init(void);          /* DllMain attach */
void state_destroy(void);       /* DllMain detach */
void state_lock(void);
void state_unlock(void);
void state_free_all(void);      /* providerShutdown: everything but the lock */
uint32_t state_new_handle(void);
tsp_device *state_device_by_tapi(DWORD tapi_id);
tsp_device *state_device_by_host(uint32_t host_id);
tsp_device *state_device_add(uint32_t host_id, const char *number, const char *name, int in_service);
void state_device_set_tapi(tsp_device *device, DWORD tapi_id); /* keeps the lookup current */
tsp_line *state_line(uint32_t id);
void state_line_set_host(tsp_line *line, int64_t host_hline); /* keeps the lookup current */
tsp_line *state_line_by_host(int64_t host_hline);
tsp_call *state_call(uint32_t id);
tsp_call *state_call_by_host(uint32_t line_id, int64_t host_hcall);
tsp_call *state_call_new(uint32_t line_id, HTAPICALL htCall);
void state_call_free(uint32_t id);
void state_async_add(tsp_async *a);               /* takes ownership */
tsp_async *state_async_take(int64_t host_request_id);
tsp_async *state_async_take_all(void);            /* the list, emptied */

/* ---- devices.c ---- */
/* Host lineGetDevices into the device table; returns 0 or a LINEERR. oneshot: on a connection of its own. */
LONG devices_refresh(int oneshot);

/* ---- pending.c: forwarding asynchronous requests ---- */
/* Sends method(params) and returns dwRequestID (the host accepted it) or a LINEERR. new_calls are call
 * objects this request creates: bound to the host's hCall / hConsultCall / hConfCall as the reply names
 * them (in that order of names given in call_keys), freed if the request is refused or fails. */
LONG pending_async(DRV_REQUESTID request_id, const char *method, const char *params_json, uint32_t call_a,
                   const char *key_a, uint32_t call_b, const char *key_b);
/* ASYNC_COMPLETION from the host (dispatch thread). */
void pending_complete(int64_t host_request_id, LONG result);
/* The bridge was lost: every outstanding request completes with LINEERR_RESOURCEUNAVAIL. */
void pending_fail_all(LONG result);

/* ---- caps.c: the variable-size structures ---- */
DWORD caps_fixed_size(int which, DWORD version);
enum { CAPS_DEVCAPS, CAPS_ADDRESSCAPS, CAPS_DEVSTATUS, CAPS_ADDRESSSTATUS, CAPS_CALLINFO, CAPS_CALLSTATUS };
LONG caps_fill_devcaps(LPLINEDEVCAPS caps, DWORD version, const tsp_device *device, const json_value *host);
LONG caps_fill_addresscaps(LPLINEADDRESSCAPS caps, DWORD version, DWORD tapi_id, const json_value *host);
/* host: lineGetLineDevStatus's answer, or NULL without the host (then local_counts: active, held, pending). */
LONG caps_fill_devstatus(LPLINEDEVSTATUS status, DWORD version, const json_value *host, DWORD local_counts[3]);
LONG caps_fill_addressstatus(LPLINEADDRESSSTATUS status, DWORD version, const json_value *host);
LONG caps_fill_callinfo(LPLINECALLINFO info, DWORD version, DWORD tapi_id, const json_value *host);
LONG caps_fill_callstatus(LPLINECALLSTATUS status, DWORD version, const json_value *host, const SYSTEMTIME *since);

/* ---- helpers (lines.c) ---- */
LONG line_host_handle(HDRVLINE hdLine, int64_t *host_hline, uint32_t *line_id);
LONG call_host_handle(HDRVCALL hdCall, int64_t *host_hcall);
void line_send_status_messages(int64_t host_hline, DWORD line_states, DWORD address_states); /* local.c */

/* ---- events.c: calling tapisrv (dispatch thread only) ---- */
void events_line_event(uint32_t line_id, uint32_t call_id, DWORD msg, DWORD_PTR p1, DWORD_PTR p2, DWORD_PTR p3);

#define TSP_HANDLE(h) ((uint32_t)(uintptr_t)(h))

#endif
