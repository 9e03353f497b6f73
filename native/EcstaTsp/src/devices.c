/* The host's line devices (lineGetDevices) and their TAPI device ids. */
#include "tsp.h"

LONG devices_refresh(int oneshot) {
  json_doc *doc = NULL;
  const json_value *result = NULL;
  LONG rc = oneshot ? bridge_oneshot_call("lineGetDevices", "{}", &doc, &result)
                    : bridge_call("lineGetDevices", "{}", &doc, &result, NULL, NULL);
  if (rc != 0) return rc;
  if (result == NULL || result->type != JSON_ARRAY) {
    json_free(doc);
    return LINEERR_OPERATIONFAILED;
  }
  state_lock();
  for (size_t i = 0; i < g_tsp.device_count; i++) g_tsp.devices[i].present = 0;
  for (const json_value *d = result->child; d; d = d->next) {
    uint32_t id = 0;
    int in_service = 1;
    if (!json_get_u32(d, "deviceId", &id)) continue;
    json_get_bool(d, "inService", &in_service);
    tsp_device *dev = state_device_add(id, json_get_str(d, "number"), json_get_str(d, "lineName"), in_service);
    if (dev != NULL) dev->present = 1;
  }
  state_unlock();
  json_free(doc);
  return 0;
}
