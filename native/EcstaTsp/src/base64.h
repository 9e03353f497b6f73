/* Base64 (RFC 4648, with padding) for call data and user-user information. */
#ifndef ECSTA_BASE64_H
#define ECSTA_BASE64_H

#include <stddef.h>

char *base64_encode(const unsigned char *data, size_t len);               /* malloc'd, NUL-terminated */
unsigned char *base64_decode(const char *text, size_t *out_len);          /* malloc'd; NULL if malformed */

#endif
