#include "json.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- arena ---- */

typedef struct arena_chunk {
  struct arena_chunk *next;
  size_t used;
  size_t size;
  /* data follows, aligned */
} arena_chunk;

struct json_doc {
  arena_chunk *chunks;
  json_value *root;
};

#define ARENA_ALIGN 16
#define ARENA_CHUNK 16384

static size_t align_up(size_t n) { return (n + (ARENA_ALIGN - 1)) & ~(size_t)(ARENA_ALIGN - 1); }

static void *arena_alloc(json_doc *doc, size_t size) {
  size = align_up(size ? size : 1);
  arena_chunk *c = doc->chunks;
  if (c == NULL || c->size - c->used < size) {
    size_t want = size > ARENA_CHUNK ? size : ARENA_CHUNK;
    size_t header = align_up(sizeof(arena_chunk));
    if (want > SIZE_MAX - header) return NULL;
    arena_chunk *n = (arena_chunk *)malloc(header + want);
    if (n == NULL) return NULL;
    n->used = 0;
    n->size = want;
    n->next = doc->chunks;
    doc->chunks = n;
    c = n;
  }
  void *p = (char *)c + align_up(sizeof(arena_chunk)) + c->used;
  c->used += size;
  return p;
}

void json_free(json_doc *doc) {
  if (doc == NULL) return;
  arena_chunk *c = doc->chunks;
  while (c != NULL) {
    arena_chunk *next = c->next;
    free(c);
    c = next;
  }
  free(doc);
}

const json_value *json_root(const json_doc *doc) { return doc ? doc->root : NULL; }

/* ---- parser ---- */

typedef struct parser {
  const unsigned char *p;
  const unsigned char *begin;
  const unsigned char *end;
  json_doc *doc;
  char *err;
  size_t err_size;
  int failed;
} parser;

static void fail(parser *ps, const char *what) {
  if (!ps->failed && ps->err != NULL && ps->err_size > 0) {
    snprintf(ps->err, ps->err_size, "%s at byte %lu", what, (unsigned long)(ps->p - ps->begin));
  }
  ps->failed = 1;
}

static void skip_ws(parser *ps) {
  while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r')) ps->p++;
}

static json_value *new_value(parser *ps, json_type type) {
  json_value *v = (json_value *)arena_alloc(ps->doc, sizeof(json_value));
  if (v == NULL) {
    fail(ps, "out of memory");
    return NULL;
  }
  memset(v, 0, sizeof(*v));
  v->type = type;
  return v;
}

static int hex4(const unsigned char *s, unsigned *out) {
  unsigned v = 0;
  for (int i = 0; i < 4; i++) {
    unsigned c = s[i];
    v <<= 4;
    if (c >= '0' && c <= '9') v |= c - '0';
    else if (c >= 'a' && c <= 'f') v |= c - 'a' + 10;
    else if (c >= 'A' && c <= 'F') v |= c - 'A' + 10;
    else return 0;
  }
  *out = v;
  return 1;
}

static size_t put_utf8(unsigned char *o, unsigned cp) {
  if (cp < 0x80) { o[0] = (unsigned char)cp; return 1; }
  if (cp < 0x800) { o[0] = (unsigned char)(0xC0 | (cp >> 6)); o[1] = (unsigned char)(0x80 | (cp & 0x3F)); return 2; }
  if (cp < 0x10000) {
    o[0] = (unsigned char)(0xE0 | (cp >> 12)); o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[2] = (unsigned char)(0x80 | (cp & 0x3F)); return 3;
  }
  o[0] = (unsigned char)(0xF0 | (cp >> 18)); o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
  o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F)); o[3] = (unsigned char)(0x80 | (cp & 0x3F)); return 4;
}

/* Length of one valid UTF-8 sequence at s (shortest form, no surrogates, <= U+10FFFF), else 0. */
static size_t utf8_seq(const unsigned char *s, const unsigned char *end) {
  unsigned c = s[0];
  size_t n = 0;
  unsigned cp;
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) { n = 2; cp = c & 0x1F; }
  else if (c >= 0xE0 && c <= 0xEF) { n = 3; cp = c & 0x0F; }
  else if (c >= 0xF0 && c <= 0xF4) { n = 4; cp = c & 0x07; }
  else return 0;
  if ((size_t)(end - s) < n) return 0;
  for (size_t i = 1; i < n; i++) {
    if ((s[i] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (s[i] & 0x3F);
  }
  if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF))) return 0;
  if (cp >= 0xD800 && cp <= 0xDFFF) return 0;
  return n;
}

static char *parse_string_raw(parser *ps, size_t *out_len) {
  /* ps->p is at the opening quote. The unescaped text is never longer than the escaped one. */
  const unsigned char *start = ++ps->p;
  const unsigned char *q = start;
  while (q < ps->end && *q != '"') {
    if (*q == '\\') q++;
    q++;
  }
  if (q >= ps->end) {
    fail(ps, "unterminated string");
    return NULL;
  }
  size_t max = (size_t)(q - start);
  unsigned char *out = (unsigned char *)arena_alloc(ps->doc, max + 1);
  if (out == NULL) {
    fail(ps, "out of memory");
    return NULL;
  }
  size_t n = 0;
  while (ps->p < ps->end) {
    unsigned c = *ps->p;
    if (c == '"') {
      ps->p++;
      out[n] = 0;
      *out_len = n;
      return (char *)out;
    }
    if (c < 0x20) {
      fail(ps, "control character in string");
      return NULL;
    }
    if (c == '\\') {
      if (ps->end - ps->p < 2) break;
      unsigned e = ps->p[1];
      ps->p += 2;
      switch (e) {
        case '"': out[n++] = '"'; break;
        case '\\': out[n++] = '\\'; break;
        case '/': out[n++] = '/'; break;
        case 'b': out[n++] = '\b'; break;
        case 'f': out[n++] = '\f'; break;
        case 'n': out[n++] = '\n'; break;
        case 'r': out[n++] = '\r'; break;
        case 't': out[n++] = '\t'; break;
        case 'u': {
          unsigned cp, lo;
          if (ps->end - ps->p < 4 || !hex4(ps->p, &cp)) { fail(ps, "bad \\u escape"); return NULL; }
          ps->p += 4;
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (ps->end - ps->p < 6 || ps->p[0] != '\\' || ps->p[1] != 'u' || !hex4(ps->p + 2, &lo) ||
                lo < 0xDC00 || lo > 0xDFFF) {
              fail(ps, "unpaired surrogate");
              return NULL;
            }
            ps->p += 6;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            fail(ps, "unpaired surrogate");
            return NULL;
          }
          /* \uXXXX is 6 bytes in, at most 3 out; a pair is 12 in, 4 out. */
          n += put_utf8(out + n, cp);
          break;
        }
        default: fail(ps, "bad escape"); return NULL;
      }
      continue;
    }
    size_t k = utf8_seq(ps->p, ps->end);
    if (k == 0) {
      fail(ps, "invalid UTF-8");
      return NULL;
    }
    memcpy(out + n, ps->p, k);
    n += k;
    ps->p += k;
  }
  fail(ps, "unterminated string");
  return NULL;
}

static json_value *parse_value(parser *ps, int depth);

static json_value *parse_number(parser *ps) {
  const unsigned char *s = ps->p;
  int integral = 1;
  if (ps->p < ps->end && *ps->p == '-') ps->p++;
  if (ps->p >= ps->end) { fail(ps, "bad number"); return NULL; }
  if (*ps->p == '0') ps->p++;
  else if (*ps->p >= '1' && *ps->p <= '9') { while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9') ps->p++; }
  else { fail(ps, "bad number"); return NULL; }
  if (ps->p < ps->end && *ps->p == '.') {
    integral = 0;
    ps->p++;
    if (ps->p >= ps->end || *ps->p < '0' || *ps->p > '9') { fail(ps, "bad number"); return NULL; }
    while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9') ps->p++;
  }
  if (ps->p < ps->end && (*ps->p == 'e' || *ps->p == 'E')) {
    integral = 0;
    ps->p++;
    if (ps->p < ps->end && (*ps->p == '+' || *ps->p == '-')) ps->p++;
    if (ps->p >= ps->end || *ps->p < '0' || *ps->p > '9') { fail(ps, "bad number"); return NULL; }
    while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9') ps->p++;
  }
  size_t len = (size_t)(ps->p - s);
  char tmp[64];
  if (len >= sizeof(tmp)) { fail(ps, "number too long"); return NULL; }
  memcpy(tmp, s, len);
  tmp[len] = 0;
  json_value *v = new_value(ps, JSON_NUMBER);
  if (v == NULL) return NULL;
  if (integral) {
    errno = 0;
    long long ll = strtoll(tmp, NULL, 10);
    if (errno == 0) {
      v->is_integer = 1;
      v->integer = (int64_t)ll;
      v->number = (double)ll;
      return v;
    }
  }
  v->number = strtod(tmp, NULL);
  return v;
}

static int match_word(parser *ps, const char *word) {
  size_t n = strlen(word);
  if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, word, n) != 0) return 0;
  ps->p += n;
  return 1;
}

static json_value *parse_container(parser *ps, int depth, int object) {
  json_value *v = new_value(ps, object ? JSON_OBJECT : JSON_ARRAY);
  if (v == NULL) return NULL;
  ps->p++; /* [ or { */
  json_value **tail = &v->child;
  skip_ws(ps);
  if (ps->p < ps->end && *ps->p == (object ? '}' : ']')) {
    ps->p++;
    return v;
  }
  for (;;) {
    char *key = NULL;
    skip_ws(ps);
    if (object) {
      size_t klen = 0;
      if (ps->p >= ps->end || *ps->p != '"') { fail(ps, "expected a member name"); return NULL; }
      key = parse_string_raw(ps, &klen);
      if (key == NULL) return NULL;
      skip_ws(ps);
      if (ps->p >= ps->end || *ps->p != ':') { fail(ps, "expected ':'"); return NULL; }
      ps->p++;
    }
    json_value *item = parse_value(ps, depth + 1);
    if (item == NULL) return NULL;
    item->key = key;
    *tail = item;
    tail = &item->next;
    v->count++;
    skip_ws(ps);
    if (ps->p >= ps->end) { fail(ps, "unterminated container"); return NULL; }
    if (*ps->p == ',') { ps->p++; continue; }
    if (*ps->p == (object ? '}' : ']')) { ps->p++; return v; }
    fail(ps, "expected ',' or a closing bracket");
    return NULL;
  }
}

static json_value *parse_value(parser *ps, int depth) {
  if (depth > JSON_MAX_DEPTH) { fail(ps, "nested too deeply"); return NULL; }
  skip_ws(ps);
  if (ps->p >= ps->end) { fail(ps, "unexpected end"); return NULL; }
  switch (*ps->p) {
    case '{': return parse_container(ps, depth, 1);
    case '[': return parse_container(ps, depth, 0);
    case '"': {
      json_value *v = new_value(ps, JSON_STRING);
      if (v == NULL) return NULL;
      v->str = parse_string_raw(ps, &v->len);
      return v->str ? v : NULL;
    }
    case 't': case 'f': case 'n': {
      json_value *v;
      if (match_word(ps, "true")) { v = new_value(ps, JSON_BOOL); if (v) v->boolean = 1; return v; }
      if (match_word(ps, "false")) return new_value(ps, JSON_BOOL);
      if (match_word(ps, "null")) return new_value(ps, JSON_NULL);
      fail(ps, "unknown literal");
      return NULL;
    }
    default:
      if (*ps->p == '-' || (*ps->p >= '0' && *ps->p <= '9')) return parse_number(ps);
      fail(ps, "unexpected character");
      return NULL;
  }
}

json_doc *json_parse(const char *text, size_t len, char *err, size_t err_size) {
  if (err != NULL && err_size > 0) err[0] = 0;
  json_doc *doc = (json_doc *)calloc(1, sizeof(json_doc));
  if (doc == NULL) {
    if (err != NULL && err_size > 0) snprintf(err, err_size, "out of memory");
    return NULL;
  }
  if (text == NULL) len = 0;
  parser ps;
  ps.p = ps.begin = (const unsigned char *)text;
  ps.end = ps.p + len;
  ps.doc = doc;
  ps.err = err;
  ps.err_size = err_size;
  ps.failed = 0;
  doc->root = parse_value(&ps, 0);
  if (doc->root != NULL) {
    skip_ws(&ps);
    if (ps.p != ps.end) fail(&ps, "trailing data");
  }
  if (ps.failed || doc->root == NULL) {
    json_free(doc);
    return NULL;
  }
  return doc;
}

/* ---- lookups ---- */

const json_value *json_get(const json_value *object, const char *key) {
  if (object == NULL || object->type != JSON_OBJECT || key == NULL) return NULL;
  for (const json_value *m = object->child; m != NULL; m = m->next) {
    if (m->key != NULL && strcmp(m->key, key) == 0) return m;
  }
  return NULL;
}

const char *json_get_str(const json_value *object, const char *key) {
  const json_value *v = json_get(object, key);
  return (v != NULL && v->type == JSON_STRING) ? v->str : NULL;
}

int json_as_i64(const json_value *v, int64_t *out) {
  if (v == NULL || v->type != JSON_NUMBER || !v->is_integer) return 0;
  *out = v->integer;
  return 1;
}

int json_get_i64(const json_value *object, const char *key, int64_t *out) {
  return json_as_i64(json_get(object, key), out);
}

int json_get_u32(const json_value *object, const char *key, uint32_t *out) {
  int64_t v = 0;
  if (!json_get_i64(object, key, &v)) return 0;
  if (v < -2147483648LL || v > 0xFFFFFFFFLL) return 0;
  *out = (uint32_t)v;
  return 1;
}

int json_get_bool(const json_value *object, const char *key, int *out) {
  const json_value *v = json_get(object, key);
  if (v == NULL || v->type != JSON_BOOL) return 0;
  *out = v->boolean;
  return 1;
}

/* ---- writer ---- */

void jb_init(json_buf *b) { memset(b, 0, sizeof(*b)); }

void jb_free(json_buf *b) {
  free(b->data);
  memset(b, 0, sizeof(*b));
}

static void jb_append(json_buf *b, const char *s, size_t n) {
  if (b->failed) return;
  if (b->len + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + n + 1) {
      if (cap > SIZE_MAX / 2) { b->failed = 1; return; }
      cap *= 2;
    }
    char *d = (char *)realloc(b->data, cap);
    if (d == NULL) { b->failed = 1; return; }
    b->data = d;
    b->cap = cap;
  }
  memcpy(b->data + b->len, s, n);
  b->len += n;
  b->data[b->len] = 0;
}

/* A comma before a new element, unless it opens a container or follows a member name. */
static void jb_sep(json_buf *b) {
  if (b->len == 0 || b->failed) return;
  char last = b->data[b->len - 1];
  if (last != '{' && last != '[' && last != ':') jb_append(b, ",", 1);
}

void jb_raw(json_buf *b, const char *text) { jb_append(b, text, strlen(text)); }
void jb_begin_object(json_buf *b) { jb_sep(b); jb_append(b, "{", 1); }
void jb_end_object(json_buf *b) { jb_append(b, "}", 1); }
void jb_begin_array(json_buf *b) { jb_sep(b); jb_append(b, "[", 1); }
void jb_end_array(json_buf *b) { jb_append(b, "]", 1); }

static void jb_escaped(json_buf *b, const char *s, size_t n) {
  static const char hex[] = "0123456789abcdef";
  jb_append(b, "\"", 1);
  size_t run = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 0x20 && c != '"' && c != '\\') { run++; continue; }
    jb_append(b, s + i - run, run);
    run = 0;
    char esc[7] = "\\u00xx";
    esc[4] = hex[c >> 4];
    esc[5] = hex[c & 15];
    if (c == '"') jb_append(b, "\\\"", 2);
    else if (c == '\\') jb_append(b, "\\\\", 2);
    else if (c == '\n') jb_append(b, "\\n", 2);
    else if (c == '\r') jb_append(b, "\\r", 2);
    else if (c == '\t') jb_append(b, "\\t", 2);
    else jb_append(b, esc, 6);
  }
  jb_append(b, s + n - run, run);
  jb_append(b, "\"", 1);
}

void jb_key(json_buf *b, const char *key) {
  jb_sep(b);
  jb_escaped(b, key, strlen(key));
  jb_append(b, ":", 1);
}

void jb_string(json_buf *b, const char *utf8, size_t len) { jb_sep(b); jb_escaped(b, utf8, len); }
void jb_cstring(json_buf *b, const char *utf8) {
  if (utf8 == NULL) jb_null(b);
  else jb_string(b, utf8, strlen(utf8));
}

void jb_int(json_buf *b, int64_t value) {
  /* By hand: the C runtime a mingw DLL binds (msvcrt) has not always known "%lld". */
  char tmp[24];
  size_t i = sizeof(tmp);
  uint64_t v = value < 0 ? (uint64_t)0 - (uint64_t)value : (uint64_t)value;
  tmp[--i] = 0;
  do {
    tmp[--i] = (char)('0' + (int)(v % 10));
    v /= 10;
  } while (v != 0);
  if (value < 0) tmp[--i] = '-';
  jb_sep(b);
  jb_raw(b, tmp + i);
}

void jb_bool(json_buf *b, int value) { jb_sep(b); jb_raw(b, value ? "true" : "false"); }
void jb_null(json_buf *b) { jb_sep(b); jb_raw(b, "null"); }

void jb_value(json_buf *b, const json_value *v) {
  if (v == NULL) { jb_null(b); return; }
  switch (v->type) {
    case JSON_NULL: jb_null(b); break;
    case JSON_BOOL: jb_bool(b, v->boolean); break;
    case JSON_NUMBER:
      if (v->is_integer) jb_int(b, v->integer);
      else {
        char tmp[40];
        snprintf(tmp, sizeof(tmp), "%.17g", v->number);
        jb_sep(b);
        jb_raw(b, tmp);
      }
      break;
    case JSON_STRING: jb_string(b, v->str, v->len); break;
    case JSON_ARRAY:
      jb_begin_array(b);
      for (const json_value *c = v->child; c; c = c->next) jb_value(b, c);
      jb_end_array(b);
      break;
    case JSON_OBJECT:
      jb_begin_object(b);
      for (const json_value *c = v->child; c; c = c->next) { jb_key(b, c->key); jb_value(b, c); }
      jb_end_object(b);
      break;
  }
}
