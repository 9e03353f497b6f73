/* tapisrv's part, played against ecsta.tsp and a real host in demo mode (run-wine-tests.sh).
 * Every step prints itself; every check that fails prints why; the exit code is the number of failures
 * (capped), 0 when everything held. Waits are for expected messages, with timeouts, never sleeps. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#define T_HOST 15000 /* a host answer or event */
#define T_LINK 40000 /* noticing the host is gone / back (backoff up to 10 s, host start) */
#define PROVIDER_ID 7
#define LINE_BASE 100
#define V30 0x00030000u
#define V22 0x00020002u

/* ---- the provider's exports ---- */
typedef LONG(WINAPI *PFN_negotiate)(DWORD, DWORD, DWORD, LPDWORD);
typedef LONG(WINAPI *PFN_enum)(DWORD, LPDWORD, LPDWORD, HPROVIDER, LINEEVENT, PHONEEVENT);
typedef LONG(WINAPI *PFN_init)(DWORD, DWORD, DWORD, DWORD, DWORD_PTR, DWORD_PTR, ASYNC_COMPLETION, LPDWORD);
typedef LONG(WINAPI *PFN_shutdown)(DWORD, DWORD);
typedef LONG(WINAPI *PFN_devcaps)(DWORD, DWORD, DWORD, LPLINEDEVCAPS);
typedef LONG(WINAPI *PFN_addrcaps)(DWORD, DWORD, DWORD, DWORD, LPLINEADDRESSCAPS);
typedef LONG(WINAPI *PFN_open)(DWORD, HTAPILINE, LPHDRVLINE, DWORD, LINEEVENT);
typedef LONG(WINAPI *PFN_close)(HDRVLINE);
typedef LONG(WINAPI *PFN_statusmsgs)(HDRVLINE, DWORD, DWORD);
typedef LONG(WINAPI *PFN_devstatus)(HDRVLINE, LPLINEDEVSTATUS);
typedef LONG(WINAPI *PFN_addrstatus)(HDRVLINE, DWORD, LPLINEADDRESSSTATUS);
typedef LONG(WINAPI *PFN_makecall)(DRV_REQUESTID, HDRVLINE, HTAPICALL, LPHDRVCALL, LPCWSTR, DWORD, LPLINECALLPARAMS);
typedef LONG(WINAPI *PFN_callreq)(DRV_REQUESTID, HDRVCALL);
typedef LONG(WINAPI *PFN_callreq_uui)(DRV_REQUESTID, HDRVCALL, LPCSTR, DWORD);
typedef LONG(WINAPI *PFN_callreq_dest)(DRV_REQUESTID, HDRVCALL, LPCWSTR, DWORD);
typedef LONG(WINAPI *PFN_setuptransfer)(DRV_REQUESTID, HDRVCALL, HTAPICALL, LPHDRVCALL, LPLINECALLPARAMS);
typedef LONG(WINAPI *PFN_swaphold)(DRV_REQUESTID, HDRVCALL, HDRVCALL);
typedef LONG(WINAPI *PFN_completetransfer)(DRV_REQUESTID, HDRVCALL, HDRVCALL, HTAPICALL, LPHDRVCALL, DWORD);
typedef LONG(WINAPI *PFN_forward)(DRV_REQUESTID, HDRVLINE, DWORD, DWORD, LPLINEFORWARDLIST, DWORD, HTAPICALL,
                                  LPHDRVCALL, LPLINECALLPARAMS);
typedef LONG(WINAPI *PFN_callinfo)(HDRVCALL, LPLINECALLINFO);
typedef LONG(WINAPI *PFN_callstatus)(HDRVCALL, LPLINECALLSTATUS);
typedef LONG(WINAPI *PFN_callids)(HDRVCALL, LPDWORD, LPDWORD, LPDWORD);
typedef LONG(WINAPI *PFN_closecall)(HDRVCALL);
typedef LONG(WINAPI *PFN_appspecific)(HDRVCALL, DWORD);
typedef LONG(WINAPI *PFN_calldata)(DRV_REQUESTID, HDRVCALL, LPVOID, DWORD);
typedef LONG(WINAPI *PFN_numaddr)(HDRVLINE, LPDWORD);
typedef LONG(WINAPI *PFN_addrid)(HDRVLINE, LPDWORD, DWORD, LPCWSTR, DWORD);
typedef LONG(WINAPI *PFN_getid)(HDRVLINE, DWORD, HDRVCALL, DWORD, LPVARSTRING, LPCWSTR, HANDLE);
typedef LONG(WINAPI *PFN_icon)(DWORD, LPCWSTR, LPHICON);
typedef LONG(WINAPI *PFN_extver)(DWORD, DWORD, DWORD, DWORD, LPDWORD);
typedef LONG(WINAPI *PFN_extid)(DWORD, DWORD, LPLINEEXTENSIONID);
typedef LONG(WINAPI *PFN_selectext)(HDRVLINE, DWORD);
typedef LONG(WINAPI *PFN_media)(HDRVLINE, DWORD);
typedef LONG(WINAPI *PFN_devspecific)(DRV_REQUESTID, HDRVLINE, DWORD, HDRVCALL, LPVOID, DWORD);
typedef LONG(WINAPI *PFN_pickup)(DRV_REQUESTID, HDRVLINE, DWORD, HTAPICALL, LPHDRVCALL, LPCWSTR, LPCWSTR);
typedef LONG(WINAPI *PFN_gendigits)(HDRVCALL, DWORD, DWORD, LPCWSTR, DWORD);
typedef LONG(WINAPI *PFN_devconfig)(DWORD, LPVARSTRING, LPCWSTR);
typedef LONG(WINAPI *PFN_setdevconfig)(DWORD, LPVOID, DWORD, LPCWSTR);
typedef LONG(WINAPI *PFN_uiidentify)(LPWSTR);
typedef LONG(WINAPI *PFN_tuiconfig)(TUISPIDLLCALLBACK, HWND, DWORD);

static const char *const exports[] = {
    "TSPI_lineAddToConference", "TSPI_lineAnswer", "TSPI_lineBlindTransfer", "TSPI_lineClose", "TSPI_lineCloseCall",
    "TSPI_lineCompleteTransfer", "TSPI_lineConditionalMediaDetection", "TSPI_lineDevSpecific",
    "TSPI_lineDevSpecificFeature", "TSPI_lineDial", "TSPI_lineDrop", "TSPI_lineForward", "TSPI_lineGenerateDigits",
    "TSPI_lineGetAddressCaps", "TSPI_lineGetAddressID", "TSPI_lineGetAddressStatus", "TSPI_lineGetCallAddressID",
    "TSPI_lineGetCallIDs", "TSPI_lineGetCallInfo", "TSPI_lineGetCallStatus", "TSPI_lineGetDevCaps",
    "TSPI_lineGetDevConfig", "TSPI_lineGetExtensionID", "TSPI_lineGetIcon", "TSPI_lineGetID",
    "TSPI_lineGetLineDevStatus", "TSPI_lineGetNumAddressIDs", "TSPI_lineHold", "TSPI_lineMakeCall",
    "TSPI_lineNegotiateExtVersion", "TSPI_lineNegotiateTSPIVersion", "TSPI_lineOpen", "TSPI_linePark",
    "TSPI_linePickup", "TSPI_lineRedirect", "TSPI_lineSelectExtVersion", "TSPI_lineSendUserUserInfo",
    "TSPI_lineSetAppSpecific", "TSPI_lineSetCallData", "TSPI_lineSetDefaultMediaDetection", "TSPI_lineSetDevConfig",
    "TSPI_lineSetStatusMessages", "TSPI_lineSetupTransfer", "TSPI_lineSwapHold", "TSPI_lineUnhold", "TSPI_lineUnpark",
    "TSPI_providerCreateLineDevice", "TSPI_providerEnumDevices", "TSPI_providerFreeDialogInstance",
    "TSPI_providerGenericDialogData", "TSPI_providerInit", "TSPI_providerShutdown", "TSPI_providerUIIdentify",
    "TUISPI_lineConfigDialog", "TUISPI_lineConfigDialogEdit", "TUISPI_providerConfig", "TUISPI_providerGenericDialog",
    "TUISPI_providerGenericDialogData", "TUISPI_providerInstall", "TUISPI_providerRemove",
};

static HMODULE tsp;
static WCHAR tsp_path[MAX_PATH];

static FARPROC fn(const char *name) {
  FARPROC p = GetProcAddress(tsp, name);
  if (p == NULL) {
    printf("  FAIL: %s is not exported\n", name);
    g_failures++;
  }
  return p;
}
#define CALL(type, name) ((type)(void (*)(void))fn(name))

/* ---- matchers ---- */
typedef struct call_msg {
  DWORD msg;
  HTAPICALL htCall;
} call_msg;
typedef struct line_msg {
  DWORD msg;
  HTAPILINE htLine;
  DWORD_PTR p1;
} line_msg;

static int is_completion(const ev *e, const void *arg) {
  return e->kind == EV_COMPLETION && e->request_id == *(const DRV_REQUESTID *)arg;
}
static int is_call_msg(const ev *e, const void *arg) {
  const call_msg *m = (const call_msg *)arg;
  return e->kind == EV_LINE && e->msg == m->msg && e->htCall == m->htCall;
}
static int is_line_msg(const ev *e, const void *arg) {
  const line_msg *m = (const line_msg *)arg;
  return e->kind == EV_LINE && e->msg == m->msg && e->htLine == m->htLine && (m->p1 == 0 || e->p1 == m->p1);
}
static int is_newcall(const ev *e, const void *arg) {
  return e->kind == EV_LINE && e->msg == LINE_NEWCALL && e->htLine == *(const HTAPILINE *)arg;
}

/* Every request id handed out, to prove each completes exactly once. */
static DRV_REQUESTID issued[512];
static size_t n_issued;
static DRV_REQUESTID next_rid = 1000;
static DRV_REQUESTID rid(void) {
  DRV_REQUESTID r = ++next_rid;
  if (n_issued < 512) issued[n_issued++] = r;
  return r;
}

/* The request was accepted (returned its id) and completed once with `result`. Returns the index
 * after its completion, or 0 if it did not complete. */
static size_t expect_completion(LONG returned, DRV_REQUESTID r, LONG result, const char *what) {
  CHECKF(returned == (LONG)r, "%s returned 0x%08lx, not its request id %lu", what, (unsigned long)returned,
         (unsigned long)r);
  if (returned != (LONG)r) return 0;
  size_t at = 0;
  ev e;
  if (!ev_wait(&at, is_completion, &r, T_HOST, &e)) {
    CHECKF(0, "%s: no ASYNC_COMPLETION within %u ms", what, T_HOST);
    return 0;
  }
  CHECKF(e.result == result, "%s completed with 0x%08lx, expected 0x%08lx", what, (unsigned long)e.result,
         (unsigned long)result);
  return at;
}

/* The next LINE_CALLSTATE messages of htCall from *from are exactly states[0..n) (modes where given). */
static int expect_states(size_t *from, HTAPICALL htCall, const DWORD *states, const DWORD *modes, size_t n,
                         const char *what) {
  call_msg m = {LINE_CALLSTATE, htCall};
  for (size_t i = 0; i < n; i++) {
    ev e;
    if (!ev_wait(from, is_call_msg, &m, T_HOST, &e)) {
      CHECKF(0, "%s: LINE_CALLSTATE %s (#%u) did not come; this step's events:", what, state_name(states[i]),
             (unsigned)i);
      ev_dump(g_step_mark);
      return 0;
    }
    CHECKF(e.p1 == states[i], "%s: LINE_CALLSTATE #%u is %s, expected %s", what, (unsigned)i, state_name((DWORD)e.p1),
           state_name(states[i]));
    if (modes != NULL && modes[i] != 0xFFFFFFFFu) {
      CHECKF(e.p2 == modes[i], "%s: %s mode 0x%llx, expected 0x%lx", what, state_name((DWORD)e.p1),
             (unsigned long long)e.p2, (unsigned long)modes[i]);
    }
    if (states[i] != LINECALLSTATE_CONFERENCED) {
      CHECKF(e.p3 == LINEMEDIAMODE_INTERACTIVEVOICE, "%s: p3 (media mode) 0x%llx", what, (unsigned long long)e.p3);
    }
    if (e.p1 != states[i]) return 0;
  }
  return 1;
}

/* Waits until htCall reaches `state` (skipping states before it), for setup steps that are not under test. */
static int reach_state(size_t *from, HTAPICALL htCall, DWORD state) {
  call_msg m = {LINE_CALLSTATE, htCall};
  ev e;
  while (ev_wait(from, is_call_msg, &m, T_HOST, &e)) {
    if (e.p1 == state) return 1;
  }
  CHECKF(0, "call %p never reached %s; this step's events:", (void *)htCall, state_name(state));
  ev_dump(g_step_mark);
  return 0;
}

/* ---- variable-size structure checks ---- */

static unsigned char *alloc_struct(DWORD total, DWORD canary) {
  unsigned char *p = (unsigned char *)malloc(total + canary);
  memset(p, 0xCD, total + canary);
  memcpy(p, &total, sizeof(DWORD));
  return p;
}

static int canary_intact(const unsigned char *p, DWORD total, DWORD canary) {
  for (DWORD i = 0; i < canary; i++) {
    if (p[total + i] != 0xCD) return 0;
  }
  return 1;
}

static DWORD dw(const void *s, size_t offset) {
  DWORD v;
  memcpy(&v, (const unsigned char *)s + offset, sizeof(v));
  return v;
}

/* A (size, offset) string field: inside [fixed, used), even size, NUL-terminated; returns it in UTF-8. */
static char *string_field(const unsigned char *s, size_t size_off, size_t offset_off, DWORD fixed, const char *what) {
  DWORD size = dw(s, size_off), offset = dw(s, offset_off), used = dw(s, 8);
  if (size == 0) {
    CHECKF(offset == 0, "%s: size 0 but offset %lu", what, (unsigned long)offset);
    return NULL;
  }
  CHECKF(offset >= fixed && offset + size <= used && size % 2 == 0 && offset % 2 == 0,
         "%s: offset %lu size %lu outside [%lu, %lu)", what, (unsigned long)offset, (unsigned long)size,
         (unsigned long)fixed, (unsigned long)used);
  if (!(offset >= fixed && offset + size <= used && size >= 2)) return NULL;
  const WCHAR *w = (const WCHAR *)(s + offset);
  CHECKF(w[size / 2 - 1] == 0, "%s: not NUL-terminated", what);
  char *out = (char *)calloc(size, 1);
  WideCharToMultiByte(CP_UTF8, 0, w, -1, out, (int)size, NULL, NULL);
  return out;
}

typedef LONG (*filler)(void *structure, void *context);

/* Calls fill with: fixed-1 (STRUCTURETOOSMALL, nothing written), fixed (needed > fixed, used == fixed,
 * nothing past it), needed (used == needed). Returns the complete structure (caller frees). */
static unsigned char *check_varstruct(filler fill, void *context, DWORD fixed, int has_variable, const char *what) {
  const DWORD canary = 64;
  unsigned char *s = alloc_struct(fixed - 1, canary);
  LONG rc = fill(s, context);
  CHECKF(rc == LINEERR_STRUCTURETOOSMALL, "%s with %lu bytes: 0x%08lx, expected STRUCTURETOOSMALL", what,
         (unsigned long)(fixed - 1), (unsigned long)rc);
  CHECKF(canary_intact(s, 4, fixed - 1 - 4 + canary), "%s: wrote into a buffer that was too small", what);
  free(s);

  s = alloc_struct(fixed, canary);
  rc = fill(s, context);
  CHECKF(rc == 0, "%s with the fixed size: 0x%08lx", what, (unsigned long)rc);
  DWORD needed = dw(s, 4), used = dw(s, 8);
  CHECKF(dw(s, 0) == fixed, "%s: dwTotalSize changed", what);
  CHECKF(used == fixed, "%s: dwUsedSize %lu, expected the fixed %lu", what, (unsigned long)used, (unsigned long)fixed);
  if (has_variable) {
    CHECKF(needed > fixed, "%s: dwNeededSize %lu not above the fixed %lu", what, (unsigned long)needed,
           (unsigned long)fixed);
  }
  CHECKF(canary_intact(s, fixed, canary), "%s: wrote past dwTotalSize", what);
  free(s);
  if (rc != 0) return NULL;

  s = alloc_struct(needed, canary);
  rc = fill(s, context);
  CHECKF(rc == 0, "%s with the needed size: 0x%08lx", what, (unsigned long)rc);
  CHECKF(dw(s, 4) == needed && dw(s, 8) == needed, "%s: needed %lu used %lu, expected both %lu", what,
         (unsigned long)dw(s, 4), (unsigned long)dw(s, 8), (unsigned long)needed);
  CHECKF(canary_intact(s, needed, canary), "%s: wrote past dwTotalSize", what);
  return s;
}

/* ---- the provider and its lines ---- */

typedef struct line_ctx {
  DWORD device;
  HDRVLINE hd;
  HTAPILINE ht;
  char number[64];
} line_ctx;

static DWORD version = V30;

static LONG fill_devcaps(void *s, void *c) {
  return CALL(PFN_devcaps, "TSPI_lineGetDevCaps")(*(DWORD *)c, version, 0, (LPLINEDEVCAPS)s);
}
static LONG fill_addrcaps(void *s, void *c) {
  return CALL(PFN_addrcaps, "TSPI_lineGetAddressCaps")(*(DWORD *)c, 0, version, 0, (LPLINEADDRESSCAPS)s);
}
static LONG fill_devstatus(void *s, void *c) {
  return CALL(PFN_devstatus, "TSPI_lineGetLineDevStatus")(((line_ctx *)c)->hd, (LPLINEDEVSTATUS)s);
}
static LONG fill_addrstatus(void *s, void *c) {
  return CALL(PFN_addrstatus, "TSPI_lineGetAddressStatus")(((line_ctx *)c)->hd, 0, (LPLINEADDRESSSTATUS)s);
}
static LONG fill_callinfo(void *s, void *c) {
  return CALL(PFN_callinfo, "TSPI_lineGetCallInfo")(*(HDRVCALL *)c, (LPLINECALLINFO)s);
}
static LONG fill_callstatus(void *s, void *c) {
  return CALL(PFN_callstatus, "TSPI_lineGetCallStatus")(*(HDRVCALL *)c, (LPLINECALLSTATUS)s);
}

static DWORD n_lines;

static int provider_start(int first) {
  step("%s ecsta.tsp and play tapisrv's start: negotiate, providerEnumDevices, providerInit", first ? "load" : "load again");
  tsp = LoadLibraryW(tsp_path);
  CHECKF(tsp != NULL, "LoadLibrary failed: %lu", GetLastError());
  if (tsp == NULL) return 0;
  if (first) {
    for (size_t i = 0; i < sizeof(exports) / sizeof(exports[0]); i++) fn(exports[i]);
    step("all %u exports are there", (unsigned)(sizeof(exports) / sizeof(exports[0])));
  }
  PFN_negotiate negotiate = CALL(PFN_negotiate, "TSPI_lineNegotiateTSPIVersion");
  DWORD v = 0;
  CHECK(negotiate(INITIALIZE_NEGOTIATION, 0x00010003, 0x00030001, &v) == 0 && v == V30);
  CHECK(negotiate(INITIALIZE_NEGOTIATION, 0x00020000, 0x00020002, &v) == 0 && v == V22);
  CHECK(negotiate(INITIALIZE_NEGOTIATION, 0x00010003, 0x00020001, &v) == LINEERR_INCOMPATIBLEAPIVERSION);
  CHECK(negotiate(INITIALIZE_NEGOTIATION, 0x00030001, 0x00030001, &v) == LINEERR_INCOMPATIBLEAPIVERSION);

  DWORD lines = 0, phones = 99;
  LONG rc = CALL(PFN_enum, "TSPI_providerEnumDevices")(PROVIDER_ID, &lines, &phones, (HPROVIDER)(uintptr_t)0x77,
                                                        harness_provider_event, NULL);
  CHECKF(rc == 0, "providerEnumDevices: 0x%08lx", (unsigned long)rc);
  CHECKF(lines == 5 && phones == 0, "the demo host has 5 lines and no phones: %lu lines, %lu phones",
         (unsigned long)lines, (unsigned long)phones);
  n_lines = lines;
  DWORD options = 0xFFFF;
  rc = CALL(PFN_init, "TSPI_providerInit")(V30, PROVIDER_ID, LINE_BASE, 0, lines, 0, harness_completion, &options);
  CHECKF(rc == 0 && options == 0, "providerInit: 0x%08lx, options 0x%lx", (unsigned long)rc, (unsigned long)options);
  for (DWORD i = 0; i < lines; i++) {
    CHECKF(negotiate(LINE_BASE + i, 0x00020000, 0x00030000, &v) == 0 && v == V30, "negotiate device %lu",
           (unsigned long)(LINE_BASE + i));
  }
  CHECK(negotiate(LINE_BASE + lines, 0x00020000, 0x00030000, &v) == LINEERR_BADDEVICEID);
  return rc == 0;
}

static void provider_stop(void) {
  step("providerShutdown, FreeLibrary");
  LONG rc = CALL(PFN_shutdown, "TSPI_providerShutdown")(V30, PROVIDER_ID);
  CHECKF(rc == 0, "providerShutdown: 0x%08lx", (unsigned long)rc);
  size_t mark = ev_mark();
  CHECK(FreeLibrary(tsp));
  tsp = NULL;
  CHECKF(ev_mark() == mark, "callbacks after providerShutdown");
}

static int open_line(line_ctx *l, DWORD device, uintptr_t ht) {
  memset(l, 0, sizeof(*l));
  l->device = device;
  l->ht = (HTAPILINE)ht;
  LONG rc = CALL(PFN_open, "TSPI_lineOpen")(device, l->ht, &l->hd, version, harness_line_event);
  CHECKF(rc == 0 && l->hd != NULL, "lineOpen %lu: 0x%08lx", (unsigned long)device, (unsigned long)rc);
  /* tapisrv tells the provider which status messages its applications want: all of them here. */
  CHECK(CALL(PFN_statusmsgs, "TSPI_lineSetStatusMessages")(l->hd, 0x01FFFFFF, 0x1FF) == 0);
  LINEADDRESSCAPS *caps = (LINEADDRESSCAPS *)calloc(1, 4096);
  caps->dwTotalSize = 4096;
  if (CALL(PFN_addrcaps, "TSPI_lineGetAddressCaps")(device, 0, version, 0, caps) == 0 && caps->dwAddressSize > 0) {
    WideCharToMultiByte(CP_UTF8, 0, (const WCHAR *)((char *)caps + caps->dwAddressOffset), -1, l->number,
                        sizeof(l->number), NULL, NULL);
  }
  free(caps);
  return rc == 0;
}

/* ---- the steps ---- */

static void test_structures(line_ctx *line) {
  step("capabilities and status with buffers too small, exactly fixed, and large enough (TSPI %s)",
       version == V30 ? "3.0" : "2.2");
  DWORD device = line->device;
  DWORD fixed_devcaps = version == V30 ? sizeof(LINEDEVCAPS) : (DWORD)offsetof(LINEDEVCAPS, dwAddressTypes);
  unsigned char *s = check_varstruct(fill_devcaps, &device, fixed_devcaps, 1, "LINEDEVCAPS");
  if (s) {
    LINEDEVCAPS *c = (LINEDEVCAPS *)s;
    char *name = string_field(s, offsetof(LINEDEVCAPS, dwLineNameSize), offsetof(LINEDEVCAPS, dwLineNameOffset),
                              fixed_devcaps, "line name");
    char *provider = string_field(s, offsetof(LINEDEVCAPS, dwProviderInfoSize),
                                  offsetof(LINEDEVCAPS, dwProviderInfoOffset), fixed_devcaps, "provider info");
    CHECKF(name != NULL && strlen(name) > 0, "line name present");
    CHECK(provider != NULL);
    CHECK(c->dwStringFormat == STRINGFORMAT_UNICODE && c->dwNumAddresses == 1);
    CHECK(c->dwMediaModes & LINEMEDIAMODE_INTERACTIVEVOICE);
    CHECKF((c->dwLineFeatures & LINEFEATURE_MAKECALL) != 0, "line features 0x%lx", (unsigned long)c->dwLineFeatures);
    CHECKF(c->dwDeviceClassesSize == 22, "device classes \"tapi/line\\0\\0\": %lu bytes",
           (unsigned long)c->dwDeviceClassesSize);
    if (version == V30) CHECK(c->dwAddressTypes == LINEADDRESSTYPE_PHONENUMBER);
    printf("  line %lu: \"%s\" (%s)\n", (unsigned long)device, name ? name : "?", provider ? provider : "?");
    free(name);
    free(provider);
    free(s);
  }
  DWORD fixed_addrcaps = version == V30 ? sizeof(LINEADDRESSCAPS) : (DWORD)offsetof(LINEADDRESSCAPS, dwAvailableMediaModes);
  s = check_varstruct(fill_addrcaps, &device, fixed_addrcaps, 1, "LINEADDRESSCAPS");
  if (s) {
    LINEADDRESSCAPS *c = (LINEADDRESSCAPS *)s;
    char *address = string_field(s, offsetof(LINEADDRESSCAPS, dwAddressSize), offsetof(LINEADDRESSCAPS, dwAddressOffset),
                                 fixed_addrcaps, "address");
    CHECKF(address != NULL && strcmp(address, line->number) == 0, "address %s", address ? address : "(none)");
    CHECK(c->dwLineDeviceID == device);
    CHECKF((c->dwCallFeatures & LINECALLFEATURE_HOLD) && (c->dwForwardModes & LINEFORWARDMODE_UNCOND),
           "call features 0x%lx, forward modes 0x%lx", (unsigned long)c->dwCallFeatures,
           (unsigned long)c->dwForwardModes);
    CHECK(c->dwTransferModes == (LINETRANSFERMODE_TRANSFER | LINETRANSFERMODE_CONFERENCE));
    free(address);
    free(s);
  }
  LINEADDRESSCAPS small;
  small.dwTotalSize = sizeof(small);
  CHECK(CALL(PFN_addrcaps, "TSPI_lineGetAddressCaps")(device, 1, version, 0, &small) == LINEERR_INVALADDRESSID);
  LINEDEVCAPS dc;
  dc.dwTotalSize = sizeof(dc);
  CHECK(CALL(PFN_devcaps, "TSPI_lineGetDevCaps")(LINE_BASE + 99, version, 0, &dc) == LINEERR_BADDEVICEID);

  s = check_varstruct(fill_devstatus, line, sizeof(LINEDEVSTATUS), 0, "LINEDEVSTATUS");
  if (s) {
    LINEDEVSTATUS *st = (LINEDEVSTATUS *)s;
    CHECKF(st->dwDevStatusFlags == (LINEDEVSTATUSFLAGS_CONNECTED | LINEDEVSTATUSFLAGS_INSERVICE),
           "dev status flags 0x%lx", (unsigned long)st->dwDevStatusFlags);
    CHECKF(st->dwNumOpens >= 1, "numOpens %lu", (unsigned long)st->dwNumOpens);
    free(s);
  }
  LINEADDRESSSTATUS as;
  memset(&as, 0, sizeof(as));
  as.dwTotalSize = sizeof(as);
  CHECK(CALL(PFN_addrstatus, "TSPI_lineGetAddressStatus")(line->hd, 0, &as) == 0);
  CHECKF(as.dwNeededSize == sizeof(as) && as.dwUsedSize == sizeof(as) && as.dwForwardNumEntries == 0,
         "no forwarding yet: needed %lu, entries %lu", (unsigned long)as.dwNeededSize,
         (unsigned long)as.dwForwardNumEntries);
  as.dwTotalSize = sizeof(as) - 1;
  CHECK(CALL(PFN_addrstatus, "TSPI_lineGetAddressStatus")(line->hd, 0, &as) == LINEERR_STRUCTURETOOSMALL);
  as.dwTotalSize = sizeof(as);
  CHECK(CALL(PFN_addrstatus, "TSPI_lineGetAddressStatus")(line->hd, 1, &as) == LINEERR_INVALADDRESSID);

  step("functions answered locally: address ids, lineGetID, icon, extensions");
  DWORD n = 0, id = 99;
  CHECK(CALL(PFN_numaddr, "TSPI_lineGetNumAddressIDs")(line->hd, &n) == 0 && n == 1);
  WCHAR wnum[64];
  MultiByteToWideChar(CP_UTF8, 0, line->number, -1, wnum, 64);
  CHECK(CALL(PFN_addrid, "TSPI_lineGetAddressID")(line->hd, &id, LINEADDRESSMODE_DIALABLEADDR, wnum,
                                                  (DWORD)((wcslen(wnum) + 1) * sizeof(WCHAR))) == 0 && id == 0);
  CHECK(CALL(PFN_addrid, "TSPI_lineGetAddressID")(line->hd, &id, LINEADDRESSMODE_DIALABLEADDR, L"0000", 10) ==
        LINEERR_INVALADDRESS);
  union {
    VARSTRING v;
    unsigned char raw[64];
  } vs;
  vs.v.dwTotalSize = sizeof(vs);
  CHECK(CALL(PFN_getid, "TSPI_lineGetID")(line->hd, 0, NULL, LINECALLSELECT_LINE, &vs.v, L"tapi/line", NULL) == 0);
  CHECK(vs.v.dwStringFormat == STRINGFORMAT_BINARY && vs.v.dwStringSize == 4 && dw(vs.raw, vs.v.dwStringOffset) == device);
  CHECK(CALL(PFN_getid, "TSPI_lineGetID")(line->hd, 0, NULL, LINECALLSELECT_LINE, &vs.v, L"wave/in", NULL) ==
        LINEERR_INVALDEVICECLASS);
  HICON icon = (HICON)1;
  CHECK(CALL(PFN_icon, "TSPI_lineGetIcon")(device, L"tapi/line", &icon) == 0 && icon == NULL);

  step("the host's answers: Ecsta's extension (id, version 1.0, select), media detection (voice only)");
  DWORD ext = 5;
  CHECK(CALL(PFN_extver, "TSPI_lineNegotiateExtVersion")(device, version, 0x00010000, 0x00020000, &ext) == 0 &&
        ext == 0x00010000);
  CHECK(CALL(PFN_extver, "TSPI_lineNegotiateExtVersion")(device, version, 0x00020000, 0x00030000, &ext) ==
        LINEERR_INCOMPATIBLEEXTVERSION);
  LINEEXTENSIONID xid;
  memset(&xid, 0, sizeof(xid));
  CHECK(CALL(PFN_extid, "TSPI_lineGetExtensionID")(device, version, &xid) == 0 &&
        (xid.dwExtensionID0 | xid.dwExtensionID1 | xid.dwExtensionID2 | xid.dwExtensionID3) != 0);
  CHECK(CALL(PFN_selectext, "TSPI_lineSelectExtVersion")(line->hd, 0x00010000) == 0);
  CHECK(CALL(PFN_selectext, "TSPI_lineSelectExtVersion")(line->hd, 0x00020000) == LINEERR_INCOMPATIBLEEXTVERSION);
  CHECK(CALL(PFN_selectext, "TSPI_lineSelectExtVersion")(line->hd, 0) == 0);
  CHECK(CALL(PFN_media, "TSPI_lineSetDefaultMediaDetection")(line->hd, LINEMEDIAMODE_INTERACTIVEVOICE) == 0);
  CHECK(CALL(PFN_media, "TSPI_lineSetDefaultMediaDetection")(line->hd, LINEMEDIAMODE_DATAMODEM) == LINEERR_INVALMEDIAMODE);
}

static const DWORD any = 0xFFFFFFFFu;

/* lineMakeCall to an outside number the demo's far end answers: completion first, then the states. */
static HDRVCALL make_call(line_ctx *line, const WCHAR *dest, HTAPICALL *ht, size_t *from, int check_sequence) {
  HDRVCALL hd = NULL;
  *ht = ev_next_htcall();
  DRV_REQUESTID r = rid();
  size_t mark = ev_mark();
  LONG rc = CALL(PFN_makecall, "TSPI_lineMakeCall")(r, line->hd, *ht, &hd, dest, 0, NULL);
  CHECK(hd != NULL);
  size_t done = expect_completion(rc, r, 0, "lineMakeCall");
  if (done == 0) return NULL;
  /* No LINE_CALLSTATE for the new call before its request completed. */
  call_msg m = {LINE_CALLSTATE, *ht};
  CHECKF(ev_count(mark, is_call_msg, &m) == ev_count(done, is_call_msg, &m),
         "LINE_CALLSTATE before the completion of lineMakeCall");
  *from = done;
  if (check_sequence) {
    /* BroadWorks click-to-dial as the demo simulates it: the own phone is rung and answers
     * (PROCEEDING), the far end rings (RINGBACK), then answers after 2 s (CONNECTED, ACTIVE). */
    const DWORD states[] = {LINECALLSTATE_PROCEEDING, LINECALLSTATE_RINGBACK, LINECALLSTATE_CONNECTED};
    const DWORD modes[] = {any, any, LINECONNECTEDMODE_ACTIVE};
    expect_states(from, *ht, states, modes, 3, "lineMakeCall");
  } else {
    reach_state(from, *ht, LINECALLSTATE_CONNECTED);
  }
  return hd;
}

static void drop_call(HDRVCALL hd, HTAPICALL ht, size_t from, const char *what) {
  DRV_REQUESTID r = rid();
  size_t done = expect_completion(CALL(PFN_callreq_uui, "TSPI_lineDrop")(r, hd, NULL, 0), r, 0, what);
  if (done) {
    if (from < done) from = done;
    reach_state(&from, ht, LINECALLSTATE_IDLE);
  }
  CHECK(CALL(PFN_closecall, "TSPI_lineCloseCall")(hd) == 0);
}

static void test_call_basics(line_ctx *line) {
  step("lineMakeCall to a dialable address with subaddress and name: completion, then PROCEEDING, RINGBACK, CONNECTED");
  HTAPICALL ht;
  size_t from;
  HDRVCALL hd = make_call(line, L"+4930555001|77^Harness", &ht, &from, 1);
  if (hd == NULL) return;
  line_msg numcalls = {LINE_ADDRESSSTATE, line->ht, 0};
  CHECKF(ev_count(0, is_line_msg, &numcalls) > 0, "LINE_ADDRESSSTATE (NUMCALLS) came with the new call");

  step("lineGetCallInfo / lineGetCallStatus / lineGetCallIDs");
  DWORD fixed_info = version == V30 ? sizeof(LINECALLINFO) : (DWORD)offsetof(LINECALLINFO, dwCallerIDAddressType);
  unsigned char *s = check_varstruct(fill_callinfo, &hd, fixed_info, 1, "LINECALLINFO");
  if (s) {
    LINECALLINFO *ci = (LINECALLINFO *)s;
    char *called = string_field(s, offsetof(LINECALLINFO, dwCalledIDSize), offsetof(LINECALLINFO, dwCalledIDOffset),
                                fixed_info, "called id");
    CHECKF(called != NULL && strstr(called, "30555001") != NULL && strpbrk(called, "|^") == NULL,
           "called id %s (the number only)", called ? called : "(none)");
    CHECK(ci->dwLineDeviceID == line->device && ci->dwAddressID == 0);
    CHECKF(ci->dwOrigin & LINECALLORIGIN_OUTBOUND, "origin 0x%lx", (unsigned long)ci->dwOrigin);
    CHECK(ci->dwCallID != 0);
    DWORD a = 9, c = 0, rel = 9;
    CHECK(CALL(PFN_callids, "TSPI_lineGetCallIDs")(hd, &a, &c, &rel) == 0 && a == 0 && c == ci->dwCallID);
    free(called);
    free(s);
  }
  s = check_varstruct(fill_callstatus, &hd, sizeof(LINECALLSTATUS), 0, "LINECALLSTATUS");
  if (s) {
    LINECALLSTATUS *cs = (LINECALLSTATUS *)s;
    CHECK(cs->dwCallState == LINECALLSTATE_CONNECTED && cs->dwCallStateMode == LINECONNECTEDMODE_ACTIVE);
    CHECKF((cs->dwCallFeatures & (LINECALLFEATURE_HOLD | LINECALLFEATURE_DROP)) ==
               (LINECALLFEATURE_HOLD | LINECALLFEATURE_DROP),
           "call features 0x%lx", (unsigned long)cs->dwCallFeatures);
    CHECK(cs->tStateEntryTime.wYear >= 2024);
    free(s);
  }

  step("lineHold -> ONHOLD, lineUnhold -> CONNECTED");
  DRV_REQUESTID r = rid();
  size_t done = expect_completion(CALL(PFN_callreq, "TSPI_lineHold")(r, hd), r, 0, "lineHold");
  if (done) {
    const DWORD held[] = {LINECALLSTATE_ONHOLD};
    expect_states(&done, ht, held, NULL, 1, "lineHold");
  }
  r = rid();
  done = expect_completion(CALL(PFN_callreq, "TSPI_lineUnhold")(r, hd), r, 0, "lineUnhold");
  if (done) {
    const DWORD back[] = {LINECALLSTATE_CONNECTED};
    const DWORD modes[] = {LINECONNECTEDMODE_ACTIVE};
    expect_states(&done, ht, back, modes, 1, "lineUnhold");
  }

  step("lineSetAppSpecific / lineSetCallData -> LINE_CALLINFO, read back");
  size_t mark = ev_mark();
  CHECK(CALL(PFN_appspecific, "TSPI_lineSetAppSpecific")(hd, 4242) == 0);
  call_msg info = {LINE_CALLINFO, ht};
  ev e;
  size_t at = mark;
  CHECKF(ev_wait(&at, is_call_msg, &info, T_HOST, &e) && (e.p1 & LINECALLINFOSTATE_APPSPECIFIC),
         "LINE_CALLINFO(APPSPECIFIC)");
  r = rid();
  mark = ev_mark();
  done = expect_completion(CALL(PFN_calldata, "TSPI_lineSetCallData")(r, hd, "crm:4711", 8), r, 0, "lineSetCallData");
  at = mark;
  CHECKF(ev_wait(&at, is_call_msg, &info, T_HOST, &e) && (e.p1 & LINECALLINFOSTATE_CALLDATA),
         "LINE_CALLINFO(CALLDATA)");
  LINECALLINFO *ci = (LINECALLINFO *)calloc(1, 8192);
  ci->dwTotalSize = 8192;
  CHECK(CALL(PFN_callinfo, "TSPI_lineGetCallInfo")(hd, ci) == 0);
  CHECKF(ci->dwAppSpecific == 4242, "appSpecific %lu", (unsigned long)ci->dwAppSpecific);
  CHECKF(ci->dwCallDataSize == 8 && memcmp((char *)ci + ci->dwCallDataOffset, "crm:4711", 8) == 0, "call data %lu bytes",
         (unsigned long)ci->dwCallDataSize);
  free(ci);

  step("lineGenerateDigits -> LINE_GENERATE(DONE, dwEndToEndID) once BroadWorks took the digits; others refused");
  mark = ev_mark();
  CHECK(CALL(PFN_gendigits, "TSPI_lineGenerateDigits")(hd, 77, LINEDIGITMODE_DTMF, L"0815#", 0) == 0);
  {
    call_msg generated = {LINE_GENERATE, ht};
    size_t since = mark;
    ev g;
    CHECKF(ev_wait(&since, is_call_msg, &generated, T_HOST, &g) && g.p1 == LINEGENERATETERM_DONE && g.p2 == 77,
           "LINE_GENERATE(DONE, 77)");
  }
  CHECK(CALL(PFN_gendigits, "TSPI_lineGenerateDigits")(hd, 78, LINEDIGITMODE_DTMF, L"XYZ", 0) == (LONG)LINEERR_INVALDIGITS);
  CHECK(CALL(PFN_gendigits, "TSPI_lineGenerateDigits")(hd, 79, LINEDIGITMODE_PULSE, L"1", 0) == (LONG)LINEERR_INVALDIGITMODE);
  CHECK(CALL(PFN_gendigits, "TSPI_lineGenerateDigits")(hd, 80, LINEDIGITMODE_DTMF, NULL, 0) == 0); /* a cancel */

  step("functions waiting for host support answer OPERATIONUNAVAIL: linePickup");
  HDRVCALL pick = NULL;
  DRV_REQUESTID pr = ++next_rid; /* refused synchronously: never completes */
  CHECK(CALL(PFN_pickup, "TSPI_linePickup")(pr, line->hd, 0, ev_next_htcall(), &pick, L"1020", L"") ==
        LINEERR_OPERATIONUNAVAIL);

  step("lineSetDevConfig / lineGetDevConfig: the line's configuration blob, kept by the host");
  union {
    VARSTRING v;
    unsigned char raw[64];
  } cfg;
  cfg.v.dwTotalSize = sizeof(cfg);
  CHECK(CALL(PFN_setdevconfig, "TSPI_lineSetDevConfig")(line->device, "cfg\x01\x02", 5, L"tapi/line") == 0);
  CHECK(CALL(PFN_devconfig, "TSPI_lineGetDevConfig")(line->device, &cfg.v, L"tapi/line") == 0);
  CHECKF(cfg.v.dwStringFormat == STRINGFORMAT_BINARY && cfg.v.dwStringSize == 5 &&
             memcmp(cfg.raw + cfg.v.dwStringOffset, "cfg\x01\x02", 5) == 0,
         "the blob read back (%lu bytes)", (unsigned long)cfg.v.dwStringSize);
  CHECK(CALL(PFN_devconfig, "TSPI_lineGetDevConfig")(line->device, &cfg.v, L"wave/in") == LINEERR_INVALDEVICECLASS);

  step("lineDrop -> IDLE, lineCloseCall");
  r = rid();
  done = expect_completion(CALL(PFN_callreq_uui, "TSPI_lineDrop")(r, hd, NULL, 0), r, 0, "lineDrop");
  if (done) reach_state(&done, ht, LINECALLSTATE_IDLE);
  CHECK(CALL(PFN_closecall, "TSPI_lineCloseCall")(hd) == 0);
  LINECALLSTATUS st;
  st.dwTotalSize = sizeof(st);
  CHECK(CALL(PFN_callstatus, "TSPI_lineGetCallStatus")(hd, &st) == LINEERR_INVALCALLHANDLE);
}

static void test_blind_transfer(line_ctx *line) {
  step("lineBlindTransfer on a connected call -> IDLE");
  HTAPICALL ht;
  size_t from;
  HDRVCALL hd = make_call(line, L"+4930555002", &ht, &from, 0);
  if (hd == NULL) return;
  DRV_REQUESTID r = rid();
  size_t done = expect_completion(CALL(PFN_callreq_dest, "TSPI_lineBlindTransfer")(r, hd, L"+4930555003", 0), r, 0,
                                  "lineBlindTransfer");
  if (done) reach_state(&done, ht, LINECALLSTATE_IDLE);
  CHECK(CALL(PFN_closecall, "TSPI_lineCloseCall")(hd) == 0);
}

static void test_consultation(line_ctx *line, DWORD mode) {
  const char *name = mode == LINETRANSFERMODE_TRANSFER ? "transfer" : "conference";
  step("lineSetupTransfer + lineDial + lineSwapHold x2 + lineCompleteTransfer(%s)", name);
  HTAPICALL ht;
  size_t from;
  HDRVCALL hd = make_call(line, L"+4930555004", &ht, &from, 0);
  if (hd == NULL) return;
  HTAPICALL ht_consult = ev_next_htcall();
  HDRVCALL hd_consult = NULL;
  DRV_REQUESTID r = rid();
  size_t done = expect_completion(
      CALL(PFN_setuptransfer, "TSPI_lineSetupTransfer")(r, hd, ht_consult, &hd_consult, NULL), r, 0, "lineSetupTransfer");
  if (!done) return;
  size_t a = done, b = done;
  const DWORD pend[] = {LINECALLSTATE_ONHOLDPENDTRANSFER};
  expect_states(&a, ht, pend, NULL, 1, "lineSetupTransfer (original)");
  const DWORD dialtone[] = {LINECALLSTATE_DIALTONE};
  expect_states(&b, ht_consult, dialtone, NULL, 1, "lineSetupTransfer (consultation)");

  r = rid();
  done = expect_completion(CALL(PFN_callreq_dest, "TSPI_lineDial")(r, hd_consult, L"+4930555005", 0), r, 0, "lineDial");
  if (!done || !reach_state(&b, ht_consult, LINECALLSTATE_CONNECTED)) return;

  /* The host reports the states of existing calls as BroadWorks confirms them, which may be before the
   * completion: look for them from the request on. */
  size_t swap_mark = ev_mark();
  r = rid();
  done = expect_completion(CALL(PFN_swaphold, "TSPI_lineSwapHold")(r, hd_consult, hd), r, 0, "lineSwapHold");
  if (done) {
    /* The held call becomes active; the active one takes the held call's pending state. */
    size_t x = swap_mark, y = swap_mark;
    const DWORD conn[] = {LINECALLSTATE_CONNECTED};
    expect_states(&x, ht, conn, NULL, 1, "lineSwapHold (original)");
    const DWORD held[] = {LINECALLSTATE_ONHOLDPENDTRANSFER};
    expect_states(&y, ht_consult, held, NULL, 1, "lineSwapHold (consultation)");
  }
  swap_mark = ev_mark();
  r = rid();
  done = expect_completion(CALL(PFN_swaphold, "TSPI_lineSwapHold")(r, hd, hd_consult), r, 0, "lineSwapHold back");
  if (done) {
    size_t x = swap_mark, y = swap_mark;
    const DWORD pending[] = {LINECALLSTATE_ONHOLDPENDTRANSFER};
    expect_states(&x, ht, pending, NULL, 1, "lineSwapHold back (original)");
    const DWORD conn[] = {LINECALLSTATE_CONNECTED};
    expect_states(&y, ht_consult, conn, NULL, 1, "lineSwapHold back (consultation)");
  }

  HTAPICALL ht_conf = ev_next_htcall();
  HDRVCALL hd_conf = NULL;
  r = rid();
  done = expect_completion(CALL(PFN_completetransfer, "TSPI_lineCompleteTransfer")(r, hd, hd_consult, ht_conf, &hd_conf,
                                                                                   mode),
                           r, 0, "lineCompleteTransfer");
  if (!done) return;
  if (mode == LINETRANSFERMODE_TRANSFER) {
    size_t x = done, y = done;
    reach_state(&x, ht, LINECALLSTATE_IDLE);
    reach_state(&y, ht_consult, LINECALLSTATE_IDLE);
    CHECK(CALL(PFN_closecall, "TSPI_lineCloseCall")(hd) == 0);
    CHECK(CALL(PFN_closecall, "TSPI_lineCloseCall")(hd_consult) == 0);
  } else {
    CHECK(hd_conf != NULL);
    size_t x = done, y = done, z = done;
    ev e;
    call_msg m = {LINE_CALLSTATE, ht};
    /* Both parties CONFERENCED with the conference's htCall in p2; the conference CONNECTED. */
    reach_state(&z, ht_conf, LINECALLSTATE_CONNECTED);
    CHECKF(ev_wait(&x, is_call_msg, &m, T_HOST, &e) && e.p1 == LINECALLSTATE_CONFERENCED && e.p2 == (DWORD_PTR)ht_conf,
           "original CONFERENCED with p2 = htConfCall (%s, p2 %p)", state_name((DWORD)e.p1), (void *)e.p2);
    m.htCall = ht_consult;
    CHECKF(ev_wait(&y, is_call_msg, &m, T_HOST, &e) && e.p1 == LINECALLSTATE_CONFERENCED && e.p2 == (DWORD_PTR)ht_conf,
           "consultation CONFERENCED with p2 = htConfCall (%s, p2 %p)", state_name((DWORD)e.p1), (void *)e.p2);
    drop_call(hd_conf, ht_conf, done, "lineDrop (conference)");
    CALL(PFN_closecall, "TSPI_lineCloseCall")(hd);
    CALL(PFN_closecall, "TSPI_lineCloseCall")(hd_consult);
  }
}

static void test_forward(line_ctx *line) {
  step("lineForward: forward always, then DND, then off; lineGetAddressStatus reads each back");
  union {
    LINEFORWARDLIST list;
    unsigned char raw[256];
  } f;
  memset(&f, 0, sizeof(f));
  const DWORD header = 8, entry = 24; /* TSPI 2.x/3.0 LINEFORWARD: six DWORDs */
  f.list.dwTotalSize = sizeof(f);
  f.list.dwNumEntries = 1;
  DWORD fwd[6] = {LINEFORWARDMODE_UNCOND, 0, 0, 0, sizeof(L"+4930777888"), header + entry};
  memcpy(f.raw + header, fwd, sizeof(fwd));
  memcpy(f.raw + header + entry, L"+4930777888", sizeof(L"+4930777888"));
  HDRVCALL consult = (HDRVCALL)1;
  DRV_REQUESTID r = rid();
  size_t mark = ev_mark();
  size_t done = expect_completion(CALL(PFN_forward, "TSPI_lineForward")(r, line->hd, 0, 0, &f.list, 0, NULL, &consult, NULL),
                                  r, 0, "lineForward (always)");
  CHECK(consult == NULL);
  line_msg fm = {LINE_ADDRESSSTATE, line->ht, 0};
  ev e;
  size_t at = mark;
  int seen = 0;
  while (ev_wait(&at, is_line_msg, &fm, T_HOST, &e)) {
    if (e.p2 & LINEADDRESSSTATE_FORWARD) {
      seen = 1;
      break;
    }
  }
  CHECKF(seen, "LINE_ADDRESSSTATE(FORWARD) after lineForward");
  (void)done;
  unsigned char *s = check_varstruct(fill_addrstatus, line, sizeof(LINEADDRESSSTATUS), 1, "LINEADDRESSSTATUS");
  if (s) {
    LINEADDRESSSTATUS *as = (LINEADDRESSSTATUS *)s;
    CHECKF(as->dwForwardNumEntries == 1 && as->dwForwardSize >= entry, "one forward entry (%lu, %lu bytes)",
           (unsigned long)as->dwForwardNumEntries, (unsigned long)as->dwForwardSize);
    if (as->dwForwardNumEntries == 1) {
      DWORD e6[6];
      memcpy(e6, s + as->dwForwardOffset, sizeof(e6));
      CHECK(e6[0] == LINEFORWARDMODE_UNCOND);
      CHECKF(e6[4] == sizeof(L"+4930777888") && e6[5] + e6[4] <= as->dwUsedSize &&
                 memcmp(s + e6[5], L"+4930777888", e6[4]) == 0,
             "destination at offset %lu size %lu", (unsigned long)e6[5], (unsigned long)e6[4]);
    }
    free(s);
  }

  step("DND: one UNCOND entry with an empty destination");
  fwd[4] = 0;
  fwd[5] = 0;
  memcpy(f.raw + header, fwd, sizeof(fwd));
  r = rid();
  expect_completion(CALL(PFN_forward, "TSPI_lineForward")(r, line->hd, 0, 0, &f.list, 0, NULL, &consult, NULL), r, 0,
                    "lineForward (DND)");
  /* The host reports DND as an UNCOND entry without destination once BroadWorks confirms it. */
  at = ev_mark();
  LINEADDRESSSTATUS *as = (LINEADDRESSSTATUS *)calloc(1, 1024);
  int dnd = 0;
  for (int tries = 0; tries < 2 && !dnd; tries++) {
    as->dwTotalSize = 1024;
    if (CALL(PFN_addrstatus, "TSPI_lineGetAddressStatus")(line->hd, 0, as) == 0 && as->dwForwardNumEntries == 1) {
      DWORD e6[6];
      memcpy(e6, (char *)as + as->dwForwardOffset, sizeof(e6));
      dnd = e6[0] == LINEFORWARDMODE_UNCOND && e6[4] == 0;
    }
    if (!dnd) ev_wait(&at, is_line_msg, &fm, T_HOST, &e);
  }
  CHECKF(dnd, "DND read back as one UNCOND entry without destination (%lu entries)", (unsigned long)as->dwForwardNumEntries);

  step("lineForward with no list: everything off");
  r = rid();
  expect_completion(CALL(PFN_forward, "TSPI_lineForward")(r, line->hd, 0, 0, NULL, 0, NULL, &consult, NULL), r, 0,
                    "lineForward (off)");
  at = ev_mark();
  int off = 0;
  for (int tries = 0; tries < 2 && !off; tries++) {
    as->dwTotalSize = 1024;
    off = CALL(PFN_addrstatus, "TSPI_lineGetAddressStatus")(line->hd, 0, as) == 0 && as->dwForwardNumEntries == 0;
    if (!off) ev_wait(&at, is_line_msg, &fm, T_HOST, &e);
  }
  CHECK(off);
  free(as);

  step("lineDevSpecific (Ecsta's extension): Remote Office on -> LINE_ADDRESSSTATE(DEVSPECIFIC), then off");
  static const char ro_on[] = "{\"feature\":\"remoteOffice\",\"enable\":true,\"number\":\"+4930111222\"}";
  static const char ro_off[] = "{\"feature\":\"remoteOffice\",\"enable\":false}";
  size_t dmark = ev_mark();
  r = rid();
  expect_completion(CALL(PFN_devspecific, "TSPI_lineDevSpecific")(r, line->hd, 0, NULL, (LPVOID)ro_on, sizeof(ro_on)), r, 0,
                    "lineDevSpecific (Remote Office on)");
  at = dmark;
  int devspecific = 0;
  while (!devspecific && ev_wait(&at, is_line_msg, &fm, T_HOST, &e)) devspecific = (e.p2 & LINEADDRESSSTATE_DEVSPECIFIC) != 0;
  CHECKF(devspecific, "LINE_ADDRESSSTATE(DEVSPECIFIC) after lineDevSpecific");
  r = rid();
  expect_completion(CALL(PFN_devspecific, "TSPI_lineDevSpecific")(r, line->hd, 0, NULL, (LPVOID)ro_off, sizeof(ro_off)), r, 0,
                    "lineDevSpecific (Remote Office off)");
  CHECK(CALL(PFN_devspecific, "TSPI_lineDevSpecific")(++next_rid, line->hd, 0, NULL, (LPVOID)"{oops", 5) ==
        LINEERR_INVALPARAM);

  step("lineForward with a malformed list is refused before it reaches the host");
  f.list.dwNumEntries = 1000;
  r = ++next_rid;
  CHECK(CALL(PFN_forward, "TSPI_lineForward")(r, line->hd, 0, 0, &f.list, 0, NULL, &consult, NULL) == LINEERR_INVALPARAM);
  f.list.dwNumEntries = 1;
  fwd[4] = 400;
  fwd[5] = 200;
  memcpy(f.raw + header, fwd, sizeof(fwd));
  CHECK(CALL(PFN_forward, "TSPI_lineForward")(r, line->hd, 0, 0, &f.list, 0, NULL, &consult, NULL) == LINEERR_INVALPARAM);
}

static void test_internal_call(line_ctx *a, line_ctx *b) {
  step("a call from line %lu to line %lu (%s): LINE_NEWCALL with htCall from us, OFFERING, lineAnswer -> CONNECTED",
       (unsigned long)a->device, (unsigned long)b->device, b->number);
  WCHAR dest[64];
  MultiByteToWideChar(CP_UTF8, 0, b->number, -1, dest, 64);
  size_t mark = ev_mark();
  HDRVCALL hd_out = NULL;
  HTAPICALL ht_out = ev_next_htcall();
  DRV_REQUESTID r = rid();
  size_t done = expect_completion(CALL(PFN_makecall, "TSPI_lineMakeCall")(r, a->hd, ht_out, &hd_out, dest, 0, NULL), r, 0,
                                  "lineMakeCall (internal)");
  if (!done) return;
  ev e;
  size_t at = mark;
  if (!ev_wait(&at, is_newcall, &b->ht, T_HOST, &e)) {
    CHECKF(0, "no LINE_NEWCALL on line %lu", (unsigned long)b->device);
    return;
  }
  CHECK(e.htCall == NULL && e.p1 != 0 && e.new_htCall != NULL);
  HDRVCALL hd_in = (HDRVCALL)e.p1;
  HTAPICALL ht_in = e.new_htCall;
  const DWORD offering[] = {LINECALLSTATE_OFFERING};
  expect_states(&at, ht_in, offering, NULL, 1, "incoming call");
  LINECALLINFO *ci = (LINECALLINFO *)calloc(1, 4096);
  ci->dwTotalSize = 4096;
  CHECK(CALL(PFN_callinfo, "TSPI_lineGetCallInfo")(hd_in, ci) == 0);
  CHECKF(ci->dwOrigin == LINECALLORIGIN_INTERNAL, "a call from another line of the system: origin 0x%lx",
         (unsigned long)ci->dwOrigin);
  free(ci);
  r = rid();
  done = expect_completion(CALL(PFN_callreq_uui, "TSPI_lineAnswer")(r, hd_in, NULL, 0), r, 0, "lineAnswer");
  if (done) {
    const DWORD conn[] = {LINECALLSTATE_CONNECTED};
    expect_states(&done, ht_in, conn, NULL, 1, "lineAnswer");
  }
  drop_call(hd_in, ht_in, at, "lineDrop (callee)");
  size_t x = mark;
  reach_state(&x, ht_out, LINECALLSTATE_IDLE);
  CHECK(CALL(PFN_closecall, "TSPI_lineCloseCall")(hd_out) == 0);

  step("lineRedirect of an OFFERING call -> IDLE on the redirecting line");
  mark = ev_mark();
  ht_out = ev_next_htcall();
  r = rid();
  done = expect_completion(CALL(PFN_makecall, "TSPI_lineMakeCall")(r, a->hd, ht_out, &hd_out, dest, 0, NULL), r, 0,
                           "lineMakeCall (internal, to redirect)");
  at = mark;
  if (!done || !ev_wait(&at, is_newcall, &b->ht, T_HOST, &e)) {
    CHECKF(0, "no LINE_NEWCALL to redirect");
    return;
  }
  hd_in = (HDRVCALL)e.p1;
  ht_in = e.new_htCall;
  reach_state(&at, ht_in, LINECALLSTATE_OFFERING);
  r = rid();
  done = expect_completion(CALL(PFN_callreq_dest, "TSPI_lineRedirect")(r, hd_in, L"+4930555009", 0), r, 0, "lineRedirect");
  if (done) reach_state(&at, ht_in, LINECALLSTATE_IDLE);
  CHECK(CALL(PFN_closecall, "TSPI_lineCloseCall")(hd_in) == 0);
  drop_call(hd_out, ht_out, mark, "lineDrop (redirected caller)");
}

static void test_host_loss(line_ctx *line) {
  step("a connected call, then the host stops: OUTOFSERVICE, requests refused at once");
  HTAPICALL ht_ghost;
  size_t ghost_from;
  HDRVCALL hd_ghost = make_call(line, L"+4930555012", &ht_ghost, &ghost_from, 0);
  size_t mark = ev_mark();
  CHECK(host_request("stop"));
  line_msg oos = {LINE_LINEDEVSTATE, line->ht, LINEDEVSTATE_OUTOFSERVICE};
  ev e;
  size_t at = mark;
  CHECKF(ev_wait(&at, is_line_msg, &oos, T_LINK, &e), "LINE_LINEDEVSTATE(OUTOFSERVICE) after the host stopped");
  HDRVCALL hd = NULL;
  CHECK(CALL(PFN_makecall, "TSPI_lineMakeCall")(++next_rid, line->hd, ev_next_htcall(), &hd, L"+4930555010", 0, NULL) ==
        LINEERR_RESOURCEUNAVAIL);
  LINEDEVSTATUS ds;
  ds.dwTotalSize = sizeof(ds);
  CHECK(CALL(PFN_devstatus, "TSPI_lineGetLineDevStatus")(line->hd, &ds) == 0 && ds.dwDevStatusFlags == 0);

  step("the host starts again: INSERVICE, calls work");
  mark = ev_mark();
  CHECK(host_request("start"));
  line_msg ins = {LINE_LINEDEVSTATE, line->ht, LINEDEVSTATE_INSERVICE};
  at = mark;
  CHECKF(ev_wait(&at, is_line_msg, &ins, T_LINK + 30000, &e), "LINE_LINEDEVSTATE(INSERVICE) after the host came back");
  ds.dwTotalSize = sizeof(ds);
  CHECK(CALL(PFN_devstatus, "TSPI_lineGetLineDevStatus")(line->hd, &ds) == 0 &&
        ds.dwDevStatusFlags == (LINEDEVSTATUSFLAGS_CONNECTED | LINEDEVSTATUSFLAGS_INSERVICE));
  if (hd_ghost != NULL) {
    step("reconciled: the restarted host has no calls, so the call from before went IDLE (before INSERVICE)");
    call_msg m = {LINE_CALLSTATE, ht_ghost};
    size_t g = mark;
    CHECKF(ev_wait(&g, is_call_msg, &m, 1, &e) && e.p1 == LINECALLSTATE_IDLE && g <= at,
           "LINE_CALLSTATE(IDLE) for the call the host forgot, before INSERVICE");
    LINECALLSTATUS cs;
    cs.dwTotalSize = sizeof(cs);
    CHECK(CALL(PFN_callstatus, "TSPI_lineGetCallStatus")(hd_ghost, &cs) == 0 && cs.dwCallState == LINECALLSTATE_IDLE);
    CHECK(CALL(PFN_closecall, "TSPI_lineCloseCall")(hd_ghost) == 0);
  }
  HTAPICALL ht;
  size_t from;
  hd = make_call(line, L"+4930555011", &ht, &from, 1);
  if (hd) drop_call(hd, ht, from, "lineDrop after the reconnect");
}

static void test_foreign_call(line_ctx *line) {
  step("a call another host application makes on line %lu (`ecsta call dial`): LINE_NEWCALL, then its states",
       (unsigned long)line->device);
  size_t mark = ev_mark();
  CHECK(host_cli_dial(line->number, "+4930555013"));
  ev e;
  size_t at = mark;
  if (!ev_wait(&at, is_newcall, &line->ht, T_LINK, &e)) {
    CHECKF(0, "no LINE_NEWCALL for the call `ecsta call dial` made");
    ev_dump(g_step_mark);
    return;
  }
  HDRVCALL hd = (HDRVCALL)e.p1;
  HTAPICALL ht = e.new_htCall;
  const DWORD states[] = {LINECALLSTATE_PROCEEDING, LINECALLSTATE_RINGBACK, LINECALLSTATE_CONNECTED};
  expect_states(&at, ht, states, NULL, 3, "the other application's call");
  LINECALLINFO *ci = (LINECALLINFO *)calloc(1, 4096);
  ci->dwTotalSize = 4096;
  CHECK(CALL(PFN_callinfo, "TSPI_lineGetCallInfo")(hd, ci) == 0 && (ci->dwOrigin & LINECALLORIGIN_OUTBOUND));
  free(ci);
  drop_call(hd, ht, at, "lineDrop (the other application's call)");
}

static void test_tui(void) {
  step("TUISPI_providerConfig opens the host's dialog URL (written to ECSTA_TUI_URL_FILE here)");
  CHECK(CALL(PFN_tuiconfig, "TUISPI_providerConfig")(NULL, NULL, PROVIDER_ID) == 0);
  WCHAR name[MAX_PATH];
  CHECK(CALL(PFN_uiidentify, "TSPI_providerUIIdentify")(name) == 0 && wcsstr(name, L"ecsta.tsp") != NULL);
}

static void final_checks(void) {
  step("every accepted request completed exactly once; callbacks never overlapped");
  for (size_t i = 0; i < n_issued; i++) {
    size_t n = ev_count(0, is_completion, &issued[i]);
    CHECKF(n <= 1, "request %lu completed %u times", (unsigned long)issued[i], (unsigned)n);
  }
  CHECKF(ev_nested_callbacks() == 0, "%d nested callbacks", ev_nested_callbacks());
}

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IONBF, 0);
  ev_init();
  const char *path = argc > 1 ? argv[1] : "ecsta.tsp";
  MultiByteToWideChar(CP_UTF8, 0, path, -1, tsp_path, MAX_PATH);
  int with_host_loss = !(argc > 2 && strcmp(argv[2], "--no-host-loss") == 0);

  if (provider_start(1)) {
    line_ctx l0, l1;
    open_line(&l0, LINE_BASE, 0x5001);
    open_line(&l1, LINE_BASE + 1, 0x5002);
    test_structures(&l0);
    version = V22;
    test_structures(&l1);
    version = V30;
    test_call_basics(&l0);
    test_blind_transfer(&l0);
    test_consultation(&l0, LINETRANSFERMODE_TRANSFER);
    test_consultation(&l0, LINETRANSFERMODE_CONFERENCE);
    test_forward(&l0);
    test_internal_call(&l0, &l1);
    test_foreign_call(&l0);
    test_tui();
    final_checks();
    step("lineClose both lines");
    CHECK(CALL(PFN_close, "TSPI_lineClose")(l0.hd) == 0);
    CHECK(CALL(PFN_close, "TSPI_lineClose")(l1.hd) == 0);
    CHECK(CALL(PFN_close, "TSPI_lineClose")(l1.hd) == LINEERR_INVALLINEHANDLE);
    provider_stop();
  }
  ev_reset();
  n_issued = 0;
  if (provider_start(0)) {
    line_ctx l0;
    open_line(&l0, LINE_BASE, 0x5101);
    if (with_host_loss) test_host_loss(&l0);
    final_checks();
    CHECK(CALL(PFN_close, "TSPI_lineClose")(l0.hd) == 0);
    provider_stop();
  }
  printf("harness: %d checks, %d failed\n", g_checks, g_failures);
  if (g_failures) {
    printf("events of the last phase:\n");
    ev_dump(0);
  }
  return g_failures > 100 ? 100 : g_failures;
}
