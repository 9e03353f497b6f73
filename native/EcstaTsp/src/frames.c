#include "frames.h"

#include <stdlib.h>
#include <string.h>

void frame_reader_init(frame_reader *r, uint32_t max_len) {
  memset(r, 0, sizeof(*r));
  r->max_len = (max_len == 0 || max_len > FRAME_MAX_BYTES) ? FRAME_MAX_BYTES : max_len;
}

void frame_reader_reset(frame_reader *r) {
  free(r->body);
  uint32_t max = r->max_len;
  frame_reader_init(r, max);
}

frame_status frame_reader_feed(frame_reader *r, const unsigned char *data, size_t len, size_t *consumed,
                               unsigned char **body, uint32_t *body_len) {
  size_t used = 0;
  *body = NULL;
  *body_len = 0;
  if (r->header_have < 4) {
    size_t take = 4 - r->header_have;
    if (take > len) take = len;
    memcpy(r->header + r->header_have, data, take);
    r->header_have += take;
    used += take;
    if (r->header_have < 4) {
      *consumed = used;
      return FRAME_NEED_MORE;
    }
    uint32_t n = ((uint32_t)r->header[0] << 24) | ((uint32_t)r->header[1] << 16) | ((uint32_t)r->header[2] << 8) |
                 (uint32_t)r->header[3];
    if (n == 0 || n > r->max_len) {
      *consumed = used;
      return FRAME_ERROR;
    }
    r->body = (unsigned char *)malloc((size_t)n + 1);
    if (r->body == NULL) {
      *consumed = used;
      return FRAME_ERROR;
    }
    r->body_len = n;
    r->body_have = 0;
  }
  size_t want = r->body_len - r->body_have;
  size_t take = len - used < want ? len - used : want;
  memcpy(r->body + r->body_have, data + used, take);
  r->body_have += (uint32_t)take;
  used += take;
  *consumed = used;
  if (r->body_have < r->body_len) return FRAME_NEED_MORE;
  r->body[r->body_len] = 0;
  *body = r->body;
  *body_len = r->body_len;
  r->body = NULL;
  r->header_have = 0;
  r->body_len = r->body_have = 0;
  return FRAME_COMPLETE;
}

int frame_header(size_t len, unsigned char header[4]) {
  if (len == 0 || len > FRAME_MAX_BYTES) return 0;
  header[0] = (unsigned char)(len >> 24);
  header[1] = (unsigned char)(len >> 16);
  header[2] = (unsigned char)(len >> 8);
  header[3] = (unsigned char)len;
  return 1;
}
