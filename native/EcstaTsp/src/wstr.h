/* UTF-8 <-> UTF-16 for TSPI's Unicode strings. Results are malloc'd; NULL on invalid input or no memory. */
#ifndef ECSTA_WSTR_H
#define ECSTA_WSTR_H

#include <windows.h>

/* A NUL-terminated wide string to UTF-8. NULL in gives "" out. */
char *wstr_to_utf8(LPCWSTR text);
/* Up to max_chars wide characters (stops at a NUL) to UTF-8. */
char *wstr_to_utf8_n(LPCWSTR text, size_t max_chars);
/* UTF-8 (NUL-terminated) to a NUL-terminated wide string; *bytes = its size in bytes with the NUL. */
WCHAR *utf8_to_wstr(const char *text, DWORD *bytes);
/* A TAPI dialable address to the number the host dials: the subaddress ("|…") and the name ("^…") are not
 * part of it, and white space around it goes. NULL in gives "" out. */
char *dialable_to_utf8(LPCWSTR dialable);
/* Case-sensitive compare of a wide string with a UTF-8 one. */
int wstr_equals_utf8(LPCWSTR wide, size_t max_chars, const char *utf8);

#endif
