#include "base64.h"

#include <stdlib.h>
#include <string.h>

static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

char *base64_encode(const unsigned char *data, size_t len) {
  if (len > (SIZE_MAX / 4) * 3 - 3) return NULL;
  size_t out_len = ((len + 2) / 3) * 4;
  char *out = (char *)malloc(out_len + 1);
  if (out == NULL) return NULL;
  size_t o = 0;
  for (size_t i = 0; i < len; i += 3) {
    unsigned v = (unsigned)data[i] << 16;
    if (i + 1 < len) v |= (unsigned)data[i + 1] << 8;
    if (i + 2 < len) v |= data[i + 2];
    out[o++] = alphabet[(v >> 18) & 63];
    out[o++] = alphabet[(v >> 12) & 63];
    out[o++] = i + 1 < len ? alphabet[(v >> 6) & 63] : '=';
    out[o++] = i + 2 < len ? alphabet[v & 63] : '=';
  }
  out[o] = 0;
  return out;
}

static int b64_value(char c) {
  const char *p = c ? strchr(alphabet, c) : NULL;
  return p ? (int)(p - alphabet) : -1;
}

unsigned char *base64_decode(const char *text, size_t *out_len) {
  size_t len = text ? strlen(text) : 0;
  if (len % 4 != 0) return NULL;
  unsigned char *out = (unsigned char *)malloc(len / 4 * 3 + 1);
  if (out == NULL) return NULL;
  size_t o = 0;
  for (size_t i = 0; i < len; i += 4) {
    int a = b64_value(text[i]), b = b64_value(text[i + 1]);
    int last = i + 4 == len;
    int c = (last && text[i + 2] == '=') ? -2 : b64_value(text[i + 2]);
    int d = (last && text[i + 3] == '=') ? -2 : b64_value(text[i + 3]);
    if (a < 0 || b < 0 || c == -1 || d == -1 || (c == -2 && d != -2)) {
      free(out);
      return NULL;
    }
    unsigned v = ((unsigned)a << 18) | ((unsigned)b << 12) | ((unsigned)(c < 0 ? 0 : c) << 6) | (unsigned)(d < 0 ? 0 : d);
    out[o++] = (unsigned char)(v >> 16);
    if (c >= 0) out[o++] = (unsigned char)(v >> 8);
    if (d >= 0) out[o++] = (unsigned char)v;
  }
  *out_len = o;
  return out;
}
