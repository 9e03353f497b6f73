/* The bridge's framing (docs/bridge-protocol.md): a 4-byte big-endian length N, 1 <= N <= 4 MiB,
 * then N bytes of UTF-8 JSON. The reader is incremental: feed it whatever recv() returned. */
#ifndef ECSTA_FRAMES_H
#define ECSTA_FRAMES_H

#include <stddef.h>
#include <stdint.h>

#define FRAME_MAX_BYTES (4u * 1024u * 1024u)

typedef struct frame_reader {
  unsigned char header[4];
  size_t header_have;
  unsigned char *body;
  uint32_t body_len;
  uint32_t body_have;
  uint32_t max_len;
} frame_reader;

typedef enum frame_status { FRAME_NEED_MORE = 0, FRAME_COMPLETE = 1, FRAME_ERROR = -1 } frame_status;

void frame_reader_init(frame_reader *r, uint32_t max_len);
void frame_reader_reset(frame_reader *r);   /* frees a partial body */
/* Consumes bytes from data[0..len); sets *consumed. On FRAME_COMPLETE, *body (malloc'd, caller frees,
 * NUL-terminated for convenience) and *body_len hold the frame; call again with the rest.
 * FRAME_ERROR: a length of 0 or over the limit, or out of memory; the connection must be dropped. */
frame_status frame_reader_feed(frame_reader *r, const unsigned char *data, size_t len, size_t *consumed,
                               unsigned char **body, uint32_t *body_len);
/* Writes the 4-byte header for a body of len bytes; 0 if len is outside 1..FRAME_MAX_BYTES. */
int frame_header(size_t len, unsigned char header[4]);

#endif
