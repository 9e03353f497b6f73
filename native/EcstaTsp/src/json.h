/* A small JSON reader and writer for the bridge (RFC 8259, UTF-8).
 * Reader: parses one document into a tree kept in one arena; bounded depth and size; rejects
 * malformed input (bad syntax, bad escapes, invalid UTF-8, control characters, trailing data)
 * with an error text and never reads past the given length.
 * Writer: a growing buffer with helpers that insert commas themselves. */
#ifndef ECSTA_JSON_H
#define ECSTA_JSON_H

#include <stddef.h>
#include <stdint.h>

#define JSON_MAX_DEPTH 64

typedef enum json_type { JSON_NULL, JSON_BOOL, JSON_NUMBER, JSON_STRING, JSON_ARRAY, JSON_OBJECT } json_type;

typedef struct json_value json_value;
struct json_value {
  json_type type;
  int boolean;
  int is_integer;       /* a number without fraction or exponent that fits int64 */
  int64_t integer;
  double number;
  char *str;            /* JSON_STRING: UTF-8, NUL-terminated (may contain \0 escapes: see len) */
  size_t len;
  char *key;            /* the member name when this value is inside an object */
  json_value *child;    /* first element or member */
  json_value *next;     /* next sibling */
  size_t count;         /* number of elements or members */
};

typedef struct json_doc json_doc;

/* Parses text[0..len). Returns NULL on malformed input or out of memory, with a reason in err. */
json_doc *json_parse(const char *text, size_t len, char *err, size_t err_size);
void json_free(json_doc *doc);
const json_value *json_root(const json_doc *doc);

/* Lookups; NULL / 0 when absent or of another type. */
const json_value *json_get(const json_value *object, const char *key);
const char *json_get_str(const json_value *object, const char *key);
int json_get_i64(const json_value *object, const char *key, int64_t *out);
/* A number that fits a DWORD (0..0xFFFFFFFF) or a LONG written as a negative number (-2^31..-1). */
int json_get_u32(const json_value *object, const char *key, uint32_t *out);
int json_get_bool(const json_value *object, const char *key, int *out);
int json_as_i64(const json_value *value, int64_t *out);

/* Writer. All functions are no-ops once an allocation failed (failed != 0). */
typedef struct json_buf {
  char *data;
  size_t len;
  size_t cap;
  int failed;
} json_buf;

void jb_init(json_buf *b);
void jb_free(json_buf *b);
void jb_raw(json_buf *b, const char *text);
void jb_begin_object(json_buf *b);
void jb_end_object(json_buf *b);
void jb_begin_array(json_buf *b);
void jb_end_array(json_buf *b);
void jb_key(json_buf *b, const char *key);          /* ,"key": */
void jb_string(json_buf *b, const char *utf8, size_t len);
void jb_cstring(json_buf *b, const char *utf8);    /* NULL writes null */
void jb_int(json_buf *b, int64_t value);
void jb_bool(json_buf *b, int value);
void jb_null(json_buf *b);
/* Copies a parsed value back out (used to forward parameters). */
void jb_value(json_buf *b, const json_value *value);

#endif
