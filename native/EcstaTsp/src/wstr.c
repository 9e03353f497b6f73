#include "wstr.h"

#include <stdlib.h>
#include <string.h>

char *wstr_to_utf8_n(LPCWSTR text, size_t max_chars) {
  size_t n = 0;
  if (text != NULL) {
    while (n < max_chars && text[n] != 0) n++;
  }
  if (n > 0x3FFFFFFF) return NULL;
  int need = n ? WideCharToMultiByte(CP_UTF8, WC_ERR_INVALID_CHARS, text, (int)n, NULL, 0, NULL, NULL) : 0;
  if (n && need <= 0) return NULL;
  char *out = (char *)malloc((size_t)need + 1);
  if (out == NULL) return NULL;
  if (n && WideCharToMultiByte(CP_UTF8, WC_ERR_INVALID_CHARS, text, (int)n, out, need, NULL, NULL) != need) {
    free(out);
    return NULL;
  }
  out[need] = 0;
  return out;
}

char *wstr_to_utf8(LPCWSTR text) { return wstr_to_utf8_n(text, (size_t)0x3FFFFFFF); }

WCHAR *utf8_to_wstr(const char *text, DWORD *bytes) {
  if (text == NULL) text = "";
  size_t len = strlen(text);
  if (len > 0x3FFFFFFF) return NULL;
  int need = len ? MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, text, (int)len, NULL, 0) : 0;
  if (len && need <= 0) return NULL;
  WCHAR *out = (WCHAR *)malloc(((size_t)need + 1) * sizeof(WCHAR));
  if (out == NULL) return NULL;
  if (len && MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, text, (int)len, out, need) != need) {
    free(out);
    return NULL;
  }
  out[need] = 0;
  if (bytes != NULL) *bytes = (DWORD)(((size_t)need + 1) * sizeof(WCHAR));
  return out;
}

char *dialable_to_utf8(LPCWSTR dialable) {
  size_t n = 0, start = 0;
  if (dialable != NULL) {
    while (n < 0x3FFFFFFF && dialable[n] != 0 && dialable[n] != L'|' && dialable[n] != L'^') n++;
    while (start < n && (dialable[start] == L' ' || dialable[start] == L'\t')) start++;
    while (n > start && (dialable[n - 1] == L' ' || dialable[n - 1] == L'\t')) n--;
  }
  return wstr_to_utf8_n(dialable ? dialable + start : NULL, n - start);
}

int wstr_equals_utf8(LPCWSTR wide, size_t max_chars, const char *utf8) {
  char *a = wstr_to_utf8_n(wide, max_chars);
  if (a == NULL) return 0;
  int eq = utf8 != NULL && strcmp(a, utf8) == 0;
  free(a);
  return eq;
}
