/* wastjson.c: a small strict JSON reader, enough for the files wast2json writes. */
#include "cli/wastjson.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct parser {
  const char *p, *end, *start;
  char *err;
  size_t errlen;
  int depth;
} parser;

#define MAX_DEPTH 64

static int line_of(const parser *ps)
{
  int line = 1;
  for (const char *q = ps->start; q < ps->p; q++)
    line += *q == '\n';
  return line;
}

static jvalue *fail(parser *ps, const char *what)
{
  if (!ps->err[0])
    snprintf(ps->err, ps->errlen, "JSON line %d: %s", line_of(ps), what);
  return NULL;
}

static void skip_ws(parser *ps)
{
  while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r'))
    ps->p++;
}

static jvalue *node(jkind k)
{
  jvalue *v = calloc(1, sizeof *v);
  if (v)
    v->kind = k;
  return v;
}

static int hexval(char c)
{
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* Appends code point cp as UTF-8. */
static size_t put_utf8(char *out, uint32_t cp)
{
  if (cp < 0x80) { out[0] = (char)cp; return 1; }
  if (cp < 0x800) { out[0] = (char)(0xC0 | cp >> 6); out[1] = (char)(0x80 | (cp & 0x3F)); return 2; }
  if (cp < 0x10000) {
    out[0] = (char)(0xE0 | cp >> 12); out[1] = (char)(0x80 | ((cp >> 6) & 0x3F)); out[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = (char)(0xF0 | cp >> 18); out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
  out[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); out[3] = (char)(0x80 | (cp & 0x3F));
  return 4;
}

static bool read_hex4(parser *ps, uint32_t *out)
{
  uint32_t v = 0;
  if (ps->end - ps->p < 4)
    return false;
  for (int i = 0; i < 4; i++) {
    int h = hexval(ps->p[i]);
    if (h < 0)
      return false;
    v = v << 4 | (uint32_t)h;
  }
  ps->p += 4;
  *out = v;
  return true;
}

static char *parse_string_raw(parser *ps, size_t *len)
{
  /* the output is never longer than the input */
  const char *q = ps->p + 1;
  size_t cap = 0, n = 0;
  char *out;
  while (q < ps->end && *q != '"') {
    if (*q == '\\')
      q++;
    q++;
  }
  cap = (size_t)(q - ps->p) + 4;
  if (!(out = malloc(cap)))
    return (char *)fail(ps, "out of memory");
  ps->p++;
  while (ps->p < ps->end && *ps->p != '"') {
    unsigned char c = (unsigned char)*ps->p++;
    if (c < 0x20) {
      free(out);
      return (char *)fail(ps, "control character in string");
    }
    if (c != '\\') {
      out[n++] = (char)c;
      continue;
    }
    if (ps->p >= ps->end)
      break;
    c = (unsigned char)*ps->p++;
    switch (c) {
    case '"': out[n++] = '"'; break;
    case '\\': out[n++] = '\\'; break;
    case '/': out[n++] = '/'; break;
    case 'b': out[n++] = '\b'; break;
    case 'f': out[n++] = '\f'; break;
    case 'n': out[n++] = '\n'; break;
    case 'r': out[n++] = '\r'; break;
    case 't': out[n++] = '\t'; break;
    case 'u': {
      uint32_t cp, lo;
      if (!read_hex4(ps, &cp)) {
        free(out);
        return (char *)fail(ps, "bad \\u escape");
      }
      if (cp >= 0xD800 && cp < 0xDC00 && ps->end - ps->p >= 6 && ps->p[0] == '\\' && ps->p[1] == 'u') {
        const char *save = ps->p;
        ps->p += 2;
        if (read_hex4(ps, &lo) && lo >= 0xDC00 && lo < 0xE000)
          cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        else
          ps->p = save;
      }
      n += put_utf8(out + n, cp);
      break;
    }
    default:
      free(out);
      return (char *)fail(ps, "bad escape in string");
    }
  }
  if (ps->p >= ps->end) {
    free(out);
    return (char *)fail(ps, "unterminated string");
  }
  ps->p++;
  out[n] = 0;
  *len = n;
  return out;
}

static jvalue *parse_value(parser *ps);

static bool push_item(jvalue *v, jvalue *item, char *key, size_t *cap)
{
  if (v->len == *cap) {
    size_t nc = *cap ? *cap * 2 : 8;
    jvalue **items = realloc(v->items, nc * sizeof *items);
    if (!items)
      return false;
    v->items = items;
    if (v->kind == J_OBJECT) {
      char **keys = realloc(v->keys, nc * sizeof *keys);
      if (!keys)
        return false;
      v->keys = keys;
    }
    *cap = nc;
  }
  v->items[v->len] = item;
  if (v->kind == J_OBJECT)
    v->keys[v->len] = key;
  v->len++;
  return true;
}

static jvalue *parse_container(parser *ps, jkind kind)
{
  jvalue *v = node(kind);
  size_t cap = 0;
  char close = kind == J_ARRAY ? ']' : '}';
  if (!v)
    return fail(ps, "out of memory");
  if (++ps->depth > MAX_DEPTH) {
    wastjson_free(v);
    return fail(ps, "nesting too deep");
  }
  ps->p++;
  skip_ws(ps);
  if (ps->p < ps->end && *ps->p == close) {
    ps->p++;
    ps->depth--;
    return v;
  }
  for (;;) {
    char *key = NULL;
    size_t klen;
    jvalue *item;
    skip_ws(ps);
    if (kind == J_OBJECT) {
      if (ps->p >= ps->end || *ps->p != '"' || !(key = parse_string_raw(ps, &klen)))
        goto bad;
      skip_ws(ps);
      if (ps->p >= ps->end || *ps->p != ':') {
        free(key);
        goto bad;
      }
      ps->p++;
    }
    if (!(item = parse_value(ps))) {
      free(key);
      goto bad;
    }
    if (!push_item(v, item, key, &cap)) {
      free(key);
      wastjson_free(item);
      goto bad;
    }
    skip_ws(ps);
    if (ps->p < ps->end && *ps->p == ',') {
      ps->p++;
      continue;
    }
    if (ps->p < ps->end && *ps->p == close) {
      ps->p++;
      ps->depth--;
      return v;
    }
    goto bad;
  }
bad:
  wastjson_free(v);
  return fail(ps, kind == J_ARRAY ? "malformed array" : "malformed object");
}

static jvalue *parse_value(parser *ps)
{
  jvalue *v;
  skip_ws(ps);
  if (ps->p >= ps->end)
    return fail(ps, "unexpected end of input");
  switch (*ps->p) {
  case '{': return parse_container(ps, J_OBJECT);
  case '[': return parse_container(ps, J_ARRAY);
  case '"': {
    size_t len;
    char *s = parse_string_raw(ps, &len);
    if (!s)
      return NULL;
    if (!(v = node(J_STRING))) {
      free(s);
      return fail(ps, "out of memory");
    }
    v->string = s;
    v->len = len;
    return v;
  }
  case 't': case 'f': case 'n': {
    static const char *const words[] = {"true", "false", "null"};
    for (int i = 0; i < 3; i++) {
      size_t n = strlen(words[i]);
      if ((size_t)(ps->end - ps->p) >= n && !memcmp(ps->p, words[i], n)) {
        ps->p += n;
        if (!(v = node(i == 2 ? J_NULL : J_BOOL)))
          return fail(ps, "out of memory");
        v->boolean = i == 0;
        return v;
      }
    }
    return fail(ps, "unknown literal");
  }
  default: {
    char buf[64];
    size_t n = 0;
    char *end;
    while (ps->p + n < ps->end && n < sizeof buf - 1 && strchr("+-0123456789.eE", ps->p[n]))
      n++;
    if (n == 0)
      return fail(ps, "unexpected character");
    memcpy(buf, ps->p, n);
    buf[n] = 0;
    if (!(v = node(J_NUMBER)))
      return fail(ps, "out of memory");
    v->number = strtod(buf, &end);
    if (*end) {
      free(v);
      return fail(ps, "malformed number");
    }
    ps->p += n;
    return v;
  }
  }
}

jvalue *wastjson_parse(const char *text, size_t len, char *err, size_t errlen)
{
  parser ps = {text, text + len, text, err, errlen, 0};
  jvalue *v;
  err[0] = 0;
  v = parse_value(&ps);
  if (!v)
    return NULL;
  skip_ws(&ps);
  if (ps.p != ps.end) {
    wastjson_free(v);
    return fail(&ps, "trailing characters after the value");
  }
  return v;
}

void wastjson_free(jvalue *v)
{
  if (!v)
    return;
  for (size_t i = 0; (v->kind == J_ARRAY || v->kind == J_OBJECT) && i < v->len; i++) {
    wastjson_free(v->items[i]);
    if (v->kind == J_OBJECT)
      free(v->keys[i]);
  }
  free(v->items);
  free(v->keys);
  free(v->string);
  free(v);
}

const jvalue *wastjson_get(const jvalue *obj, const char *key)
{
  if (!obj || obj->kind != J_OBJECT)
    return NULL;
  for (size_t i = 0; i < obj->len; i++)
    if (strcmp(obj->keys[i], key) == 0)
      return obj->items[i];
  return NULL;
}

const char *wastjson_str(const jvalue *obj, const char *key)
{
  const jvalue *v = wastjson_get(obj, key);
  return v && v->kind == J_STRING ? v->string : NULL;
}
