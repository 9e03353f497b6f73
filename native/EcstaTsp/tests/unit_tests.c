/* Unit tests of the TSP's pure parts: JSON, framing, variable-size structures, base64.
 * Runs under Wine (or Windows); prints each check that fails and exits non-zero. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include <tapi.h>

#include "base64.h"
#include "frames.h"
#include "idmap.h"
#include "json.h"
#include "lineerr.h"
#include "varstruct.h"
#include "wstr.h"

static int failures, checks;

#define CHECK(cond)                                                          \
  do {                                                                       \
    checks++;                                                                \
    if (!(cond)) {                                                           \
      failures++;                                                            \
      printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);                 \
    }                                                                        \
  } while (0)

static json_doc *parse(const char *text) { return json_parse(text, strlen(text), NULL, 0); }

static void test_json_reader(void) {
  json_doc *d = parse("{\"a\":1,\"b\":\"x\\u00e9\\ud83d\\ude00\\n\",\"c\":[true,false,null],\"d\":-2147483576,"
                      "\"e\":4294967295,\"f\":1.5e3,\"g\":{}}");
  CHECK(d != NULL);
  const json_value *r = json_root(d);
  int64_t v;
  uint32_t u;
  CHECK(json_get_i64(r, "a", &v) && v == 1);
  CHECK(strcmp(json_get_str(r, "b"), "x\xc3\xa9\xf0\x9f\x98\x80\n") == 0);
  CHECK(json_get(r, "c")->count == 3 && json_get(r, "c")->child->type == JSON_BOOL);
  CHECK(json_get_u32(r, "d", &u) && u == 0x80000048u);
  CHECK(json_get_u32(r, "e", &u) && u == 0xFFFFFFFFu);
  CHECK(!json_get_i64(r, "f", &v) && json_get(r, "f")->number == 1500.0);
  CHECK(json_get(r, "g")->type == JSON_OBJECT && json_get(r, "g")->count == 0);
  CHECK(json_get(r, "missing") == NULL && json_get_str(r, "a") == NULL);
  json_free(d);

  /* Malformed input: every one is refused, none crashes. */
  static const char *bad[] = {
      "", " ", "{", "}", "[1,]", "{\"a\"}", "{\"a\":}", "{a:1}", "[01]", "[1.]", "[.5]", "[-]", "[1e]",
      "\"abc", "\"\\x\"", "\"\\u12\"", "\"\\ud800\"", "\"\\udc00\"", "\"\x01\"", "\"\xff\"", "\"\xc0\xaf\"",
      "\"\xed\xa0\x80\"", "tru", "nul", "[1] x", "{\"a\":1,}", "[\"a\" \"b\"]", "99999999999999999999999999999999999999999999999999999999999999999",
  };
  for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
    char err[96];
    json_doc *b = json_parse(bad[i], strlen(bad[i]), err, sizeof(err));
    if (b != NULL) printf("accepted malformed #%u\n", (unsigned)i);
    CHECK(b == NULL);
    json_free(b);
  }
  /* Depth is bounded. */
  char deep[200];
  memset(deep, '[', 100);
  memset(deep + 100, ']', 100);
  CHECK(json_parse(deep, 200, NULL, 0) == NULL);
  memset(deep, '[', 30);
  memset(deep + 30, ']', 30);
  d = json_parse(deep, 60, NULL, 0);
  CHECK(d != NULL);
  json_free(d);
  /* Length is honoured: no NUL needed, nothing read past it. */
  d = json_parse("[1]garbage", 3, NULL, 0);
  CHECK(d != NULL);
  json_free(d);
  /* Embedded NUL escape keeps its length. */
  d = parse("\"a\\u0000b\"");
  CHECK(d != NULL && json_root(d)->len == 3);
  json_free(d);
}

static void test_json_writer(void) {
  json_buf b;
  jb_init(&b);
  jb_begin_object(&b);
  jb_key(&b, "s");
  jb_cstring(&b, "q\"\\\n\x01");
  jb_key(&b, "n");
  jb_int(&b, -2147483576);
  jb_key(&b, "a");
  jb_begin_array(&b);
  jb_int(&b, 1);
  jb_bool(&b, 1);
  jb_null(&b);
  jb_begin_object(&b);
  jb_end_object(&b);
  jb_end_array(&b);
  jb_end_object(&b);
  CHECK(!b.failed);
  json_buf ints;
  jb_init(&ints);
  jb_begin_array(&ints);
  jb_int(&ints, 0);
  jb_int(&ints, INT64_MIN);
  jb_int(&ints, INT64_MAX);
  jb_int(&ints, 4294967295LL);
  jb_end_array(&ints);
  CHECK(strcmp(ints.data, "[0,-9223372036854775808,9223372036854775807,4294967295]") == 0);
  jb_free(&ints);
  CHECK(strcmp(b.data, "{\"s\":\"q\\\"\\\\\\n\\u0001\",\"n\":-2147483576,\"a\":[1,true,null,{}]}") == 0);
  json_doc *d = json_parse(b.data, b.len, NULL, 0);
  CHECK(d != NULL);
  json_buf c;
  jb_init(&c);
  jb_value(&c, json_root(d));
  CHECK(strcmp(c.data, b.data) == 0);
  jb_free(&c);
  json_free(d);
  jb_free(&b);
}

static void test_frames(void) {
  unsigned char h[4];
  CHECK(!frame_header(0, h));
  CHECK(!frame_header(FRAME_MAX_BYTES + 1, h));
  CHECK(frame_header(0x01020304 & 0x3FFFFF, h) && h[0] == 0x00 && h[1] == 0x02 && h[2] == 0x03 && h[3] == 0x04);

  /* Two frames fed one byte at a time. */
  const unsigned char stream[] = {0, 0, 0, 2, '{', '}', 0, 0, 0, 3, '[', '1', ']'};
  frame_reader r;
  frame_reader_init(&r, FRAME_MAX_BYTES);
  int frames = 0;
  for (size_t i = 0; i < sizeof(stream); i++) {
    size_t used;
    unsigned char *body;
    uint32_t len;
    frame_status st = frame_reader_feed(&r, stream + i, 1, &used, &body, &len);
    CHECK(used == 1 && st != FRAME_ERROR);
    if (st == FRAME_COMPLETE) {
      frames++;
      CHECK((frames == 1 && len == 2 && memcmp(body, "{}", 2) == 0) || (frames == 2 && len == 3 && memcmp(body, "[1]", 3) == 0));
      free(body);
    }
  }
  CHECK(frames == 2);
  /* All at once: the first call stops after the first frame. */
  size_t used;
  unsigned char *body;
  uint32_t len;
  CHECK(frame_reader_feed(&r, stream, sizeof(stream), &used, &body, &len) == FRAME_COMPLETE && used == 6);
  free(body);
  CHECK(frame_reader_feed(&r, stream + used, sizeof(stream) - used, &used, &body, &len) == FRAME_COMPLETE && used == 7);
  free(body);
  /* Length 0 and a length over the limit end the connection. */
  const unsigned char zero[] = {0, 0, 0, 0};
  CHECK(frame_reader_feed(&r, zero, 4, &used, &body, &len) == FRAME_ERROR);
  frame_reader_reset(&r);
  const unsigned char huge[] = {0, 0x40, 0, 1};
  CHECK(frame_reader_feed(&r, huge, 4, &used, &body, &len) == FRAME_ERROR);
  frame_reader_reset(&r);
  /* A partial body is freed by reset. */
  const unsigned char partial[] = {0, 0, 0, 10, 'a'};
  CHECK(frame_reader_feed(&r, partial, 5, &used, &body, &len) == FRAME_NEED_MORE);
  frame_reader_reset(&r);
}

static void test_varstruct(void) {
  /* VARSTRING: fixed part 24 bytes. */
  union {
    VARSTRING v;
    unsigned char raw[64];
  } buf;
  memset(&buf, 0xAB, sizeof(buf));
  buf.v.dwTotalSize = 8;
  varstruct vs;
  CHECK(vs_begin(&vs, &buf, sizeof(VARSTRING)) == LINEERR_STRUCTURETOOSMALL);
  CHECK(buf.raw[8] == 0xAB); /* nothing written */

  /* Fixed part only: needed counts the string, nothing is written past dwTotalSize. */
  memset(&buf, 0xAB, sizeof(buf));
  buf.v.dwTotalSize = sizeof(VARSTRING);
  CHECK(vs_begin(&vs, &buf, sizeof(VARSTRING)) == 0);
  vs_add_wstr(&vs, offsetof(VARSTRING, dwStringSize), offsetof(VARSTRING, dwStringOffset), "abc");
  vs_finish(&vs);
  CHECK(buf.v.dwTotalSize == sizeof(VARSTRING));
  CHECK(buf.v.dwNeededSize == sizeof(VARSTRING) + 8);
  CHECK(buf.v.dwUsedSize == sizeof(VARSTRING));
  CHECK(buf.v.dwStringSize == 0 && buf.v.dwStringOffset == 0);
  CHECK(buf.raw[sizeof(VARSTRING)] == 0xAB);

  /* Large enough: the string is there, NUL-terminated, at an aligned offset. */
  memset(&buf, 0xAB, sizeof(buf));
  buf.v.dwTotalSize = sizeof(buf);
  CHECK(vs_begin(&vs, &buf, sizeof(VARSTRING)) == 0);
  vs_add_wstr(&vs, offsetof(VARSTRING, dwStringSize), offsetof(VARSTRING, dwStringOffset), "abc");
  vs_add_bytes(&vs, offsetof(VARSTRING, dwStringFormat), offsetof(VARSTRING, dwStringFormat), "x", 1); /* 2nd field */
  vs_finish(&vs);
  CHECK(buf.v.dwNeededSize == sizeof(VARSTRING) + 8 + 1 && buf.v.dwUsedSize == buf.v.dwNeededSize);
  CHECK(buf.v.dwStringSize == 8 && buf.v.dwStringOffset == sizeof(VARSTRING));
  CHECK(memcmp(buf.raw + sizeof(VARSTRING), L"abc", 8) == 0);
  CHECK(buf.raw[buf.v.dwUsedSize] == 0xAB);

  /* Exactly one field fits: the second is not written, needed counts both (with alignment). */
  memset(&buf, 0xAB, sizeof(buf));
  buf.v.dwTotalSize = sizeof(VARSTRING) + 8;
  CHECK(vs_begin(&vs, &buf, sizeof(VARSTRING)) == 0);
  vs_add_wstr(&vs, offsetof(VARSTRING, dwStringSize), offsetof(VARSTRING, dwStringOffset), "abc");
  vs_add_wstr(&vs, offsetof(VARSTRING, dwStringFormat), offsetof(VARSTRING, dwStringFormat), "z");
  vs_finish(&vs);
  CHECK(buf.v.dwStringSize == 8 && buf.v.dwUsedSize == sizeof(VARSTRING) + 8);
  CHECK(buf.v.dwNeededSize == sizeof(VARSTRING) + 8 + 4);
  CHECK(buf.raw[sizeof(VARSTRING) + 8] == 0xAB);
}

static void test_dialable(void) {
  char *a = dialable_to_utf8(L"  +49 30 1234|5678^Anna ");
  CHECK(a != NULL && strcmp(a, "+49 30 1234") == 0);
  free(a);
  a = dialable_to_utf8(L"1020");
  CHECK(a != NULL && strcmp(a, "1020") == 0);
  free(a);
  a = dialable_to_utf8(NULL);
  CHECK(a != NULL && a[0] == 0);
  free(a);
  a = dialable_to_utf8(L"^only a name");
  CHECK(a != NULL && a[0] == 0);
  free(a);
  a = dialable_to_utf8(L"M\x00fcller@example.com");
  CHECK(a != NULL && strcmp(a, "M\xc3\xbcller@example.com") == 0);
  free(a);
}

static void test_base64(void) {
  char *e = base64_encode((const unsigned char *)"hello!?", 7);
  CHECK(strcmp(e, "aGVsbG8hPw==") == 0);
  size_t n;
  unsigned char *d = base64_decode(e, &n);
  CHECK(d != NULL && n == 7 && memcmp(d, "hello!?", 7) == 0);
  free(d);
  free(e);
  CHECK(base64_decode("abc", &n) == NULL);
  CHECK(base64_decode("a=bc", &n) == NULL);
  CHECK(base64_decode("ab!c", &n) == NULL);
  d = base64_decode("", &n);
  CHECK(d != NULL && n == 0);
  free(d);
}

static void test_idmap(void) {
  idmap m;
  idmap_init(&m);
  uint32_t v = 0;
  CHECK(!idmap_get(&m, 1, &v));
  int ok = 1;
  for (uint32_t k = 0; k < 20000; k++) ok &= idmap_put(&m, k * 7919u, k);
  CHECK(ok && m.count == 20000);
  int found = 1;
  for (uint32_t k = 0; k < 20000; k++) found &= idmap_get(&m, k * 7919u, &v) && v == k;
  CHECK(found);
  for (uint32_t k = 0; k < 20000; k += 2) idmap_remove(&m, k * 7919u);
  CHECK(m.count == 10000);
  int rest = 1;
  for (uint32_t k = 0; k < 20000; k++) rest &= (k % 2 == 0) ? !idmap_get(&m, k * 7919u, &v) : (idmap_get(&m, k * 7919u, &v) && v == k);
  CHECK(rest);
  CHECK(idmap_put(&m, 7919u * 3, 42) && idmap_get(&m, 7919u * 3, &v) && v == 42 && m.count == 10000);
  idmap_remove(&m, 123456789u); /* absent: nothing happens */
  CHECK(m.count == 10000);
  idmap_free(&m);
}

int main(void) {
  test_idmap();
  test_json_reader();
  test_json_writer();
  test_frames();
  test_varstruct();
  test_base64();
  test_dialable();
  printf("unit tests: %d checks, %d failed\n", checks, failures);
  return failures ? 1 : 0;
}
