#include "varstruct.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <tapi.h>

#include "lineerr.h"

#include "wstr.h"

LONG vs_begin(varstruct *vs, void *structure, DWORD fixed_size) {
  memset(vs, 0, sizeof(*vs));
  if (structure == NULL) return LINEERR_INVALPOINTER;
  DWORD total = 0;
  memcpy(&total, structure, sizeof(DWORD));
  if (total < fixed_size) return LINEERR_STRUCTURETOOSMALL;
  vs->base = (unsigned char *)structure;
  vs->total = total;
  vs->fixed = fixed_size;
  vs->needed = fixed_size;
  vs->used = fixed_size;
  memset(vs->base + sizeof(DWORD), 0, fixed_size - sizeof(DWORD));
  return 0;
}

unsigned char *vs_reserve(varstruct *vs, DWORD len, DWORD *offset_out) {
  *offset_out = 0;
  DWORD at = (vs->needed + 3u) & ~3u;
  if (at < vs->needed || len > 0xFFFFFFF0u - at) {
    vs->needed = 0xFFFFFFF0u; /* cannot happen with real data; keep the sizes saturated */
    return NULL;
  }
  vs->needed = at + len;
  /* Fits only if everything placed before it fitted too (used == end of the previous field). */
  if (at + len > vs->total || ((vs->used + 3u) & ~3u) != at) return NULL;
  vs->used = at + len;
  *offset_out = at;
  return vs->base + at;
}

void vs_set_dword(varstruct *vs, DWORD field, DWORD value) {
  if (field + sizeof(DWORD) <= vs->fixed) memcpy(vs->base + field, &value, sizeof(DWORD));
}

void vs_add_bytes(varstruct *vs, DWORD size_field, DWORD offset_field, const void *data, DWORD len) {
  if (len == 0) return;
  DWORD offset = 0;
  unsigned char *p = vs_reserve(vs, len, &offset);
  if (p == NULL) return;
  memcpy(p, data, len);
  vs_set_dword(vs, size_field, len);
  vs_set_dword(vs, offset_field, offset);
}

void vs_add_wstr(varstruct *vs, DWORD size_field, DWORD offset_field, const char *utf8) {
  if (utf8 == NULL || utf8[0] == 0) return;
  DWORD bytes = 0;
  WCHAR *w = utf8_to_wstr(utf8, &bytes);
  if (w == NULL) return;
  vs_add_bytes(vs, size_field, offset_field, w, bytes);
  free(w);
}

void vs_finish(varstruct *vs) {
  if (vs->base == NULL) return;
  memcpy(vs->base + sizeof(DWORD), &vs->needed, sizeof(DWORD));
  memcpy(vs->base + 2 * sizeof(DWORD), &vs->used, sizeof(DWORD));
}
