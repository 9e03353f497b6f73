/* The variable-size structures TSPI returns, filled from the host's answers (docs/application-api.md)
 * with varstruct.c's rules. Fixed-part sizes follow the negotiated TSPI version: 2.2 ends before the
 * fields TAPI 3.0 added, 3.0 includes them (tapi.h here is compiled for 3.0). */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "base64.h"
#include "tsp.h"
#include "varstruct.h"
#include "wstr.h"

DWORD caps_fixed_size(int which, DWORD version) {
  int v3 = version >= 0x00030000u;
  switch (which) {
    case CAPS_DEVCAPS: return v3 ? (DWORD)sizeof(LINEDEVCAPS) : (DWORD)offsetof(LINEDEVCAPS, dwAddressTypes);
    case CAPS_ADDRESSCAPS:
      return v3 ? (DWORD)sizeof(LINEADDRESSCAPS) : (DWORD)offsetof(LINEADDRESSCAPS, dwAvailableMediaModes);
    case CAPS_DEVSTATUS: return (DWORD)sizeof(LINEDEVSTATUS);
    case CAPS_ADDRESSSTATUS: return (DWORD)sizeof(LINEADDRESSSTATUS);
    case CAPS_CALLINFO: return v3 ? (DWORD)sizeof(LINECALLINFO) : (DWORD)offsetof(LINECALLINFO, dwCallerIDAddressType);
    case CAPS_CALLSTATUS: return (DWORD)sizeof(LINECALLSTATUS);
    default: return 0;
  }
}

typedef struct dword_field {
  const char *key;
  DWORD offset;
} dword_field;

static void copy_dwords(varstruct *vs, const json_value *host, const dword_field *fields, size_t n) {
  for (size_t i = 0; i < n; i++) {
    uint32_t v = 0;
    if (json_get_u32(host, fields[i].key, &v)) vs_set_dword(vs, fields[i].offset, v);
  }
}

#define F(type, key, member) {key, VS_FIELD(type, member)}
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* "tapi/line\0\0": the device classes this line supports (lineGetID). */
static const WCHAR device_classes[] = L"tapi/line\0";

LONG caps_fill_devcaps(LPLINEDEVCAPS caps, DWORD version, const tsp_device *device, const json_value *host) {
  varstruct vs;
  LONG rc = vs_begin(&vs, caps, caps_fixed_size(CAPS_DEVCAPS, version));
  if (rc != 0) return rc;
  static const dword_field fields[] = {
      F(LINEDEVCAPS, "numAddresses", dwNumAddresses), F(LINEDEVCAPS, "mediaModes", dwMediaModes),
      F(LINEDEVCAPS, "bearerModes", dwBearerModes),   F(LINEDEVCAPS, "lineFeatures", dwLineFeatures),
      F(LINEDEVCAPS, "lineStates", dwLineStates),
      F(LINEDEVCAPS, "permanentLineId", dwPermanentLineID),
  };
  /* Defaults for what the host does not say (and for a host that is not reachable). */
  vs_set_dword(&vs, VS_FIELD(LINEDEVCAPS, dwPermanentLineID), device->host_id);
  vs_set_dword(&vs, VS_FIELD(LINEDEVCAPS, dwStringFormat), STRINGFORMAT_UNICODE);
  vs_set_dword(&vs, VS_FIELD(LINEDEVCAPS, dwAddressModes), LINEADDRESSMODE_ADDRESSID);
  vs_set_dword(&vs, VS_FIELD(LINEDEVCAPS, dwNumAddresses), 1);
  vs_set_dword(&vs, VS_FIELD(LINEDEVCAPS, dwBearerModes), LINEBEARERMODE_VOICE);
  vs_set_dword(&vs, VS_FIELD(LINEDEVCAPS, dwMediaModes), LINEMEDIAMODE_INTERACTIVEVOICE);
  vs_set_dword(&vs, VS_FIELD(LINEDEVCAPS, dwMaxNumActiveCalls), 1);
  vs_set_dword(&vs, VS_FIELD(LINEDEVCAPS, dwAnswerMode), LINEANSWERMODE_HOLD);
  vs_set_dword(&vs, VS_FIELD(LINEDEVCAPS, dwRingModes), 1);
  vs_set_dword(&vs, VS_FIELD(LINEDEVCAPS, dwLineStates),
               LINEDEVSTATE_OTHER | LINEDEVSTATE_RINGING | LINEDEVSTATE_CONNECTED | LINEDEVSTATE_DISCONNECTED |
                   LINEDEVSTATE_INSERVICE | LINEDEVSTATE_OUTOFSERVICE | LINEDEVSTATE_OPEN | LINEDEVSTATE_CLOSE |
                   LINEDEVSTATE_NUMCALLS | LINEDEVSTATE_REINIT | LINEDEVSTATE_REMOVED);
  vs_set_dword(&vs, VS_FIELD(LINEDEVCAPS, dwLineFeatures),
               LINEFEATURE_MAKECALL | LINEFEATURE_FORWARD | LINEFEATURE_FORWARDFWD | LINEFEATURE_FORWARDDND);
  if (version >= 0x00030000u) vs_set_dword(&vs, VS_FIELD(LINEDEVCAPS, dwAddressTypes), LINEADDRESSTYPE_PHONENUMBER);
  copy_dwords(&vs, host, fields, COUNT(fields));
  const char *provider = json_get_str(host, "providerInfo");
  const char *name = json_get_str(host, "lineName");
  vs_add_wstr(&vs, VS_FIELD(LINEDEVCAPS, dwProviderInfoSize), VS_FIELD(LINEDEVCAPS, dwProviderInfoOffset),
              provider ? provider : "Ecsta for Cisco BroadWorks");
  vs_add_wstr(&vs, VS_FIELD(LINEDEVCAPS, dwSwitchInfoSize), VS_FIELD(LINEDEVCAPS, dwSwitchInfoOffset),
              "Cisco BroadWorks");
  vs_add_wstr(&vs, VS_FIELD(LINEDEVCAPS, dwLineNameSize), VS_FIELD(LINEDEVCAPS, dwLineNameOffset),
              name ? name : device->name);
  vs_add_bytes(&vs, VS_FIELD(LINEDEVCAPS, dwDeviceClassesSize), VS_FIELD(LINEDEVCAPS, dwDeviceClassesOffset),
               device_classes, (DWORD)sizeof(device_classes));
  vs_finish(&vs);
  return 0;
}

LONG caps_fill_addresscaps(LPLINEADDRESSCAPS caps, DWORD version, DWORD tapi_id, const json_value *host) {
  varstruct vs;
  LONG rc = vs_begin(&vs, caps, caps_fixed_size(CAPS_ADDRESSCAPS, version));
  if (rc != 0) return rc;
  static const dword_field fields[] = {
      F(LINEADDRESSCAPS, "addrCapFlags", dwAddrCapFlags),
      F(LINEADDRESSCAPS, "callFeatures", dwCallFeatures),
      F(LINEADDRESSCAPS, "addressFeatures", dwAddressFeatures),
      F(LINEADDRESSCAPS, "addressStates", dwAddressStates),
      F(LINEADDRESSCAPS, "callInfoStates", dwCallInfoStates),
      F(LINEADDRESSCAPS, "callStates", dwCallStates),
      F(LINEADDRESSCAPS, "forwardModes", dwForwardModes),
      F(LINEADDRESSCAPS, "maxForwardEntries", dwMaxForwardEntries),
      F(LINEADDRESSCAPS, "minFwdNumRings", dwMinFwdNumRings),
      F(LINEADDRESSCAPS, "maxFwdNumRings", dwMaxFwdNumRings),
      F(LINEADDRESSCAPS, "transferModes", dwTransferModes),
      F(LINEADDRESSCAPS, "maxNumActiveCalls", dwMaxNumActiveCalls),
      F(LINEADDRESSCAPS, "maxNumOnHoldCalls", dwMaxNumOnHoldCalls),
      F(LINEADDRESSCAPS, "maxNumOnHoldPendingCalls", dwMaxNumOnHoldPendingCalls),
      F(LINEADDRESSCAPS, "maxNumConference", dwMaxNumConference),
      F(LINEADDRESSCAPS, "callerIdFlags", dwCallerIDFlags),
      F(LINEADDRESSCAPS, "calledIdFlags", dwCalledIDFlags),
      F(LINEADDRESSCAPS, "connectedIdFlags", dwConnectedIDFlags),
      F(LINEADDRESSCAPS, "redirectionIdFlags", dwRedirectionIDFlags),
      F(LINEADDRESSCAPS, "redirectingIdFlags", dwRedirectingIDFlags),
      F(LINEADDRESSCAPS, "dialToneModes", dwDialToneModes),
      F(LINEADDRESSCAPS, "busyModes", dwBusyModes),
      F(LINEADDRESSCAPS, "disconnectModes", dwDisconnectModes),
      F(LINEADDRESSCAPS, "addressSharing", dwAddressSharing),
      F(LINEADDRESSCAPS, "maxNumTransConf", dwMaxNumTransConf),
      F(LINEADDRESSCAPS, "connectedModes", dwConnectedModes),
      F(LINEADDRESSCAPS, "offeringModes", dwOfferingModes),
      F(LINEADDRESSCAPS, "maxCallDataSize", dwMaxCallDataSize),
  };
  vs_set_dword(&vs, VS_FIELD(LINEADDRESSCAPS, dwLineDeviceID), tapi_id);
  vs_set_dword(&vs, VS_FIELD(LINEADDRESSCAPS, dwAddressSharing), LINEADDRESSSHARING_PRIVATE);
  vs_set_dword(&vs, VS_FIELD(LINEADDRESSCAPS, dwMaxCallDataSize), 65536);
  vs_set_dword(&vs, VS_FIELD(LINEADDRESSCAPS, dwConnectedModes), LINECONNECTEDMODE_ACTIVE);
  vs_set_dword(&vs, VS_FIELD(LINEADDRESSCAPS, dwOfferingModes), LINEOFFERINGMODE_ACTIVE);
  if (version >= 0x00030000u) {
    vs_set_dword(&vs, VS_FIELD(LINEADDRESSCAPS, dwAvailableMediaModes), LINEMEDIAMODE_INTERACTIVEVOICE);
  }
  copy_dwords(&vs, host, fields, COUNT(fields));
  vs_add_wstr(&vs, VS_FIELD(LINEADDRESSCAPS, dwAddressSize), VS_FIELD(LINEADDRESSCAPS, dwAddressOffset),
              json_get_str(host, "address"));
  vs_add_bytes(&vs, VS_FIELD(LINEADDRESSCAPS, dwDeviceClassesSize), VS_FIELD(LINEADDRESSCAPS, dwDeviceClassesOffset),
               device_classes, (DWORD)sizeof(device_classes));
  vs_finish(&vs);
  return 0;
}

LONG caps_fill_devstatus(LPLINEDEVSTATUS status, DWORD version, const json_value *host, DWORD local_counts[3]) {
  varstruct vs;
  LONG rc = vs_begin(&vs, status, caps_fixed_size(CAPS_DEVSTATUS, version));
  if (rc != 0) return rc;
  static const dword_field fields[] = {
      F(LINEDEVSTATUS, "numOpens", dwNumOpens),
      F(LINEDEVSTATUS, "openMediaModes", dwOpenMediaModes),
      F(LINEDEVSTATUS, "numActiveCalls", dwNumActiveCalls),
      F(LINEDEVSTATUS, "numOnHoldCalls", dwNumOnHoldCalls),
      F(LINEDEVSTATUS, "numOnHoldPendCalls", dwNumOnHoldPendCalls),
      F(LINEDEVSTATUS, "lineFeatures", dwLineFeatures),
      F(LINEDEVSTATUS, "numCallCompletions", dwNumCallCompletions),
      F(LINEDEVSTATUS, "ringMode", dwRingMode),
      F(LINEDEVSTATUS, "signalLevel", dwSignalLevel),
      F(LINEDEVSTATUS, "batteryLevel", dwBatteryLevel),
      F(LINEDEVSTATUS, "roamMode", dwRoamMode),
      F(LINEDEVSTATUS, "devStatusFlags", dwDevStatusFlags),
  };
  if (host != NULL) {
    copy_dwords(&vs, host, fields, COUNT(fields));
  } else {
    /* The host is not reachable: out of service (no flags, no features), the calls the provider knows. */
    vs_set_dword(&vs, VS_FIELD(LINEDEVSTATUS, dwNumActiveCalls), local_counts[0]);
    vs_set_dword(&vs, VS_FIELD(LINEDEVSTATUS, dwNumOnHoldCalls), local_counts[1]);
    vs_set_dword(&vs, VS_FIELD(LINEDEVSTATUS, dwNumOnHoldPendCalls), local_counts[2]);
    vs_set_dword(&vs, VS_FIELD(LINEDEVSTATUS, dwSignalLevel), 0xFFFF);
    vs_set_dword(&vs, VS_FIELD(LINEDEVSTATUS, dwBatteryLevel), 0xFFFF);
    vs_set_dword(&vs, VS_FIELD(LINEDEVSTATUS, dwRoamMode), LINEROAMMODE_UNAVAIL);
  }
  vs_set_dword(&vs, VS_FIELD(LINEDEVSTATUS, dwAvailableMediaModes), LINEMEDIAMODE_INTERACTIVEVOICE);
  vs_finish(&vs);
  return 0;
}

LONG caps_fill_addressstatus(LPLINEADDRESSSTATUS status, DWORD version, const json_value *host) {
  varstruct vs;
  LONG rc = vs_begin(&vs, status, caps_fixed_size(CAPS_ADDRESSSTATUS, version));
  if (rc != 0) return rc;
  static const dword_field fields[] = {
      F(LINEADDRESSSTATUS, "numInUse", dwNumInUse),
      F(LINEADDRESSSTATUS, "numActiveCalls", dwNumActiveCalls),
      F(LINEADDRESSSTATUS, "numOnHoldCalls", dwNumOnHoldCalls),
      F(LINEADDRESSSTATUS, "numOnHoldPendCalls", dwNumOnHoldPendCalls),
      F(LINEADDRESSSTATUS, "addressFeatures", dwAddressFeatures),
      F(LINEADDRESSSTATUS, "numRingsNoAnswer", dwNumRingsNoAnswer),
  };
  copy_dwords(&vs, host, fields, COUNT(fields));
  /* The forward list: an array of LINEFORWARD (2.x/3.0 layout) followed by the destinations; all of it
   * or nothing, its string offsets counted from the start of LINEADDRESSSTATUS. */
  const json_value *fwd = json_get(host, "forward");
  if (fwd != NULL && fwd->type == JSON_ARRAY && fwd->count > 0 && fwd->count < 64) {
    DWORD n = (DWORD)fwd->count;
    WCHAR *dest[64];
    DWORD dest_bytes[64];
    DWORD block = n * (DWORD)sizeof(ecsta_lineforward20);
    DWORD i = 0;
    for (const json_value *e = fwd->child; e; e = e->next, i++) {
      const char *d = json_get_str(e, "destAddress");
      dest[i] = NULL;
      dest_bytes[i] = 0;
      if (d != NULL && d[0] != 0) dest[i] = utf8_to_wstr(d, &dest_bytes[i]);
      block += dest_bytes[i];
    }
    vs_set_dword(&vs, VS_FIELD(LINEADDRESSSTATUS, dwForwardNumEntries), n);
    DWORD at = 0;
    unsigned char *p = vs_reserve(&vs, block, &at);
    if (p != NULL) {
      DWORD strings = at + n * (DWORD)sizeof(ecsta_lineforward20);
      i = 0;
      for (const json_value *e = fwd->child; e; e = e->next, i++) {
        ecsta_lineforward20 f;
        memset(&f, 0, sizeof(f));
        uint32_t mode = 0;
        json_get_u32(e, "forwardMode", &mode);
        f.dwForwardMode = mode;
        if (dest[i] != NULL) {
          f.dwDestAddressSize = dest_bytes[i];
          f.dwDestAddressOffset = strings;
          memcpy(vs.base + strings, dest[i], dest_bytes[i]);
          strings += dest_bytes[i];
        }
        memcpy(p + i * sizeof(ecsta_lineforward20), &f, sizeof(f));
      }
      vs_set_dword(&vs, VS_FIELD(LINEADDRESSSTATUS, dwForwardSize), block);
      vs_set_dword(&vs, VS_FIELD(LINEADDRESSSTATUS, dwForwardOffset), at);
    }
    for (i = 0; i < n; i++) free(dest[i]);
  }
  vs_finish(&vs);
  return 0;
}

static void add_party(varstruct *vs, const json_value *party, DWORD flags_field, DWORD size_field, DWORD offset_field,
                      DWORD name_size_field, DWORD name_offset_field) {
  uint32_t flags = LINECALLPARTYID_UNKNOWN;
  if (party != NULL) json_get_u32(party, "flags", &flags);
  vs_set_dword(vs, flags_field, flags);
  vs_add_wstr(vs, size_field, offset_field, json_get_str(party, "number"));
  vs_add_wstr(vs, name_size_field, name_offset_field, json_get_str(party, "name"));
}

#define PARTY(vs, host, key, prefix)                                                                      \
  add_party(vs, json_get(host, key), VS_FIELD(LINECALLINFO, dw##prefix##Flags),                          \
            VS_FIELD(LINECALLINFO, dw##prefix##Size), VS_FIELD(LINECALLINFO, dw##prefix##Offset),          \
            VS_FIELD(LINECALLINFO, dw##prefix##NameSize), VS_FIELD(LINECALLINFO, dw##prefix##NameOffset))

LONG caps_fill_callinfo(LPLINECALLINFO info, DWORD version, DWORD tapi_id, const json_value *host) {
  varstruct vs;
  LONG rc = vs_begin(&vs, info, caps_fixed_size(CAPS_CALLINFO, version));
  if (rc != 0) return rc;
  static const dword_field fields[] = {
      F(LINECALLINFO, "addressId", dwAddressID), F(LINECALLINFO, "bearerMode", dwBearerMode),
      F(LINECALLINFO, "mediaMode", dwMediaMode), F(LINECALLINFO, "callStates", dwCallStates),
      F(LINECALLINFO, "origin", dwOrigin),       F(LINECALLINFO, "reason", dwReason),
      F(LINECALLINFO, "callId", dwCallID),       F(LINECALLINFO, "relatedCallId", dwRelatedCallID),
      F(LINECALLINFO, "appSpecific", dwAppSpecific),
  };
  vs_set_dword(&vs, VS_FIELD(LINECALLINFO, dwLineDeviceID), tapi_id);
  vs_set_dword(&vs, VS_FIELD(LINECALLINFO, dwBearerMode), LINEBEARERMODE_VOICE);
  vs_set_dword(&vs, VS_FIELD(LINECALLINFO, dwMediaMode), LINEMEDIAMODE_INTERACTIVEVOICE);
  copy_dwords(&vs, host, fields, COUNT(fields));
  PARTY(&vs, host, "caller", CallerID);
  PARTY(&vs, host, "called", CalledID);
  PARTY(&vs, host, "connected", ConnectedID);
  PARTY(&vs, host, "redirection", RedirectionID);
  PARTY(&vs, host, "redirecting", RedirectingID);
  const char *data = json_get_str(host, "callData");
  if (data != NULL && data[0] != 0) {
    size_t n = 0;
    unsigned char *bytes = base64_decode(data, &n);
    if (bytes != NULL && n > 0 && n <= 0x100000) {
      vs_add_bytes(&vs, VS_FIELD(LINECALLINFO, dwCallDataSize), VS_FIELD(LINECALLINFO, dwCallDataOffset), bytes,
                   (DWORD)n);
    }
    free(bytes);
  }
  vs_finish(&vs);
  return 0;
}

LONG caps_fill_callstatus(LPLINECALLSTATUS status, DWORD version, const json_value *host, const SYSTEMTIME *since) {
  varstruct vs;
  LONG rc = vs_begin(&vs, status, caps_fixed_size(CAPS_CALLSTATUS, version));
  if (rc != 0) return rc;
  static const dword_field fields[] = {
      F(LINECALLSTATUS, "callState", dwCallState),
      F(LINECALLSTATUS, "callFeatures", dwCallFeatures),
  };
  copy_dwords(&vs, host, fields, COUNT(fields));
  uint32_t state = 0, mode = 0;
  json_get_u32(host, "callState", &state);
  /* CONFERENCED: the host's mode is the conference's handle, which means nothing to tapisrv. */
  if (state != LINECALLSTATE_CONFERENCED && json_get_u32(host, "callStateMode", &mode)) {
    vs_set_dword(&vs, VS_FIELD(LINECALLSTATUS, dwCallStateMode), mode);
  }
  if (since != NULL) memcpy(&status->tStateEntryTime, since, sizeof(SYSTEMTIME));
  vs_finish(&vs);
  return 0;
}
