/* TAPI's variable-size structures (LINEDEVCAPS, LINECALLINFO, VARSTRING, …): a fixed part followed by
 * a variable part addressed by (size, offset) pairs, offsets from the start of the structure.
 * Rules kept here, once for all structures:
 *  - dwTotalSize (set by the caller) is never changed and nothing is written at or past it;
 *  - a buffer smaller than the fixed part is LINEERR_STRUCTURETOOSMALL (the only case);
 *  - the fixed part after dwTotalSize is zeroed; dwNeededSize is always what everything needs;
 *  - each variable field is written whole or not at all (size and offset 0); fields are placed in
 *    order at 4-byte aligned offsets, so once one does not fit no later one does;
 *  - dwUsedSize is the end of what was written (at least the fixed part). */
#ifndef ECSTA_VARSTRUCT_H
#define ECSTA_VARSTRUCT_H

#include <windows.h>

typedef struct varstruct {
  unsigned char *base;
  DWORD total;
  DWORD fixed;
  DWORD needed;
  DWORD used;
} varstruct;

/* Checks the buffer (dwTotalSize at offset 0) and clears the fixed part. 0 or LINEERR_STRUCTURETOOSMALL. */
LONG vs_begin(varstruct *vs, void *structure, DWORD fixed_size);
/* Reserves len bytes (4-byte aligned) for a field; returns where to write them or NULL if they do not fit.
 * *offset_out is the offset within the structure (0 if not placed). */
unsigned char *vs_reserve(varstruct *vs, DWORD len, DWORD *offset_out);
/* Adds bytes and sets the (size, offset) pair at the given offsets within the fixed part. */
void vs_add_bytes(varstruct *vs, DWORD size_field, DWORD offset_field, const void *data, DWORD len);
/* Adds a UTF-8 string as a NUL-terminated Unicode string; NULL or "" adds nothing (size 0). */
void vs_add_wstr(varstruct *vs, DWORD size_field, DWORD offset_field, const char *utf8);
/* A DWORD in the fixed part (offset must be below the fixed size). */
void vs_set_dword(varstruct *vs, DWORD field, DWORD value);
/* Writes dwNeededSize and dwUsedSize. */
void vs_finish(varstruct *vs);

#define VS_FIELD(type, member) ((DWORD)offsetof(type, member))

#endif
