/* json.c: generate a JSON document, parse it into a tree, query it, serialise it and parse the result again. */
#include "common.h"

/* ---- a growable text buffer ---- */
typedef struct { char *p; size_t n, cap; } sbuf;

static void sb_reserve(sbuf *b, size_t more)
{
  if (b->n + more + 1 <= b->cap)
    return;
  size_t cap = b->cap ? b->cap : 4096;
  while (cap < b->n + more + 1)
    cap *= 2;
  char *p = xmalloc(cap);
  if (b->p)
    memcpy(p, b->p, b->n);
  free(b->p);
  b->p = p;
  b->cap = cap;
}
static void sb_putc(sbuf *b, char c) { sb_reserve(b, 1); b->p[b->n++] = c; }
static void sb_puts(sbuf *b, const char *s) { size_t l = strlen(s); sb_reserve(b, l); memcpy(b->p + b->n, s, l); b->n += l; }

/* Numbers are fixed-point with three decimals: the value is num / 1000. */
static void sb_num(sbuf *b, int64_t v)
{
  char t[32];
  uint64_t a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
  if (a % 1000)
    snprintf(t, sizeof t, "%s%" PRIu64 ".%03u", v < 0 ? "-" : "", a / 1000, (unsigned)(a % 1000));
  else
    snprintf(t, sizeof t, "%s%" PRIu64, v < 0 ? "-" : "", a / 1000);
  sb_puts(b, t);
}

static void sb_str(sbuf *b, const char *s, size_t n)
{
  static const char hexd[] = "0123456789abcdef";
  sb_putc(b, '"');
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    switch (c) {
    case '"': sb_puts(b, "\\\""); break;
    case '\\': sb_puts(b, "\\\\"); break;
    case '\n': sb_puts(b, "\\n"); break;
    case '\t': sb_puts(b, "\\t"); break;
    default:
      if (c < 0x20) {
        sb_puts(b, "\\u00");
        sb_putc(b, hexd[c >> 4]);
        sb_putc(b, hexd[c & 15]);
      } else {
        sb_putc(b, (char)c);
      }
    }
  }
  sb_putc(b, '"');
}

/* ---- the document generator ---- */
static void gen_name(sbuf *b, rng_t *r, uint32_t id)
{
  static const char *part[] = {"amber", "birch", "cobalt", "delta", "ember", "fjord", "gale", "harbor"};
  char t[96];
  const char *first = part[rng_below(r, 8)]; /* two statements: argument order is unspecified */
  const char *second = part[rng_below(r, 8)];
  int n = snprintf(t, sizeof t, "%s-%s #%u", first, second, id);
  uint32_t k = rng_below(r, 16);
  if (k == 0)
    n += snprintf(t + n, sizeof t - (size_t)n, " \"quoted\"");
  else if (k == 1)
    n += snprintf(t + n, sizeof t - (size_t)n, "\tline\nbreak \\ slash");
  else if (k == 2)
    n += snprintf(t + n, sizeof t - (size_t)n, " caf\xc3\xa9 \x01");
  sb_str(b, t, (size_t)n);
}

static void generate(sbuf *b, int64_t records, rng_t *r)
{
  sb_puts(b, "{\n  \"version\": 3,\n  \"records\": [\n");
  for (int64_t i = 0; i < records; i++) {
    sb_puts(b, "    {\"id\": ");
    sb_num(b, i * 1000);
    sb_puts(b, ", \"name\": ");
    gen_name(b, r, (uint32_t)i);
    sb_puts(b, ", \"score\": ");
    sb_num(b, (int64_t)rng_below(r, 200000) - 50000);
    sb_puts(b, ", \"active\": ");
    sb_puts(b, rng_below(r, 3) ? "true" : "false");
    sb_puts(b, ", \"parent\": ");
    if (i && rng_below(r, 2))
      sb_num(b, (int64_t)rng_below(r, (uint32_t)i) * 1000);
    else
      sb_puts(b, "null");
    sb_puts(b, ",\n      \"tags\": [");
    uint32_t nt = rng_below(r, 5);
    for (uint32_t t = 0; t < nt; t++) {
      char tag[16];
      int l = snprintf(tag, sizeof tag, "t%u", rng_below(r, 40));
      if (t)
        sb_puts(b, ", ");
      sb_str(b, tag, (size_t)l);
    }
    sb_puts(b, "], \"geo\": {\"lat\": ");
    sb_num(b, (int64_t)rng_below(r, 180000) - 90000);
    sb_puts(b, ", \"lon\": ");
    sb_num(b, (int64_t)rng_below(r, 360000) - 180000);
    sb_puts(b, ", \"path\": [[1, 2], [3, [4, {\"deep\": true}]], []]}}");
    sb_puts(b, i + 1 < records ? ",\n" : "\n");
  }
  sb_puts(b, "  ],\n  \"escaped\": \"\\u0041\\u00e9\\u4e2d\\/\\b\\f\\r\"\n}\n");
}

/* ---- the tree and the parser ---- */
enum { J_NULL, J_FALSE, J_TRUE, J_NUM, J_STR, J_ARR, J_OBJ };

typedef struct jv {
  uint8_t type;
  uint32_t n;        /* string length, or number of items / members */
  int64_t num;
  char *str;         /* J_STR: bytes; J_OBJ: unused */
  struct jv **items; /* J_ARR: values; J_OBJ: key, value, key, value ... (keys are J_STR) */
} jv;

typedef struct {
  const char *p, *end;
  const char *err;
  int depth, maxdepth;
  uint64_t nodes;
} parser;

static jv *node(parser *ps, uint8_t type)
{
  jv *v = xcalloc(1, sizeof *v);
  v->type = type;
  ps->nodes++;
  return v;
}

static void skip_ws(parser *ps)
{
  while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\n' || *ps->p == '\t' || *ps->p == '\r'))
    ps->p++;
}

static jv *fail(parser *ps, const char *msg)
{
  if (!ps->err)
    ps->err = msg;
  return NULL;
}

static int hexval(char c)
{
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* Strings are decoded into an exact-size buffer: the raw length bounds the decoded one. */
static jv *parse_string(parser *ps)
{
  const char *q = ++ps->p; /* past the opening quote */
  while (q < ps->end && *q != '"')
    q += (*q == '\\' && q + 1 < ps->end) ? 2 : 1;
  if (q >= ps->end)
    return fail(ps, "unterminated string");
  char *out = xmalloc((size_t)(q - ps->p) + 1);
  size_t n = 0;
  while (ps->p < q) {
    char c = *ps->p++;
    if ((unsigned char)c < 0x20) {
      free(out);
      return fail(ps, "control character in string");
    }
    if (c != '\\') {
      out[n++] = c;
      continue;
    }
    c = *ps->p++;
    switch (c) {
    case '"': case '\\': case '/': out[n++] = c; break;
    case 'b': out[n++] = '\b'; break;
    case 'f': out[n++] = '\f'; break;
    case 'n': out[n++] = '\n'; break;
    case 'r': out[n++] = '\r'; break;
    case 't': out[n++] = '\t'; break;
    case 'u': {
      uint32_t cp = 0;
      for (int i = 0; i < 4; i++) {
        int h = ps->p < q ? hexval(*ps->p++) : -1;
        if (h < 0) {
          free(out);
          return fail(ps, "bad \\u escape");
        }
        cp = cp << 4 | (uint32_t)h;
      }
      /* six input bytes become at most three output bytes */
      if (cp < 0x80) {
        out[n++] = (char)cp;
      } else if (cp < 0x800) {
        out[n++] = (char)(0xc0 | cp >> 6);
        out[n++] = (char)(0x80 | (cp & 0x3f));
      } else {
        out[n++] = (char)(0xe0 | cp >> 12);
        out[n++] = (char)(0x80 | ((cp >> 6) & 0x3f));
        out[n++] = (char)(0x80 | (cp & 0x3f));
      }
      break;
    }
    default:
      free(out);
      return fail(ps, "unknown escape");
    }
  }
  ps->p = q + 1;
  out[n] = 0;
  jv *v = node(ps, J_STR);
  v->str = out;
  v->n = (uint32_t)n;
  return v;
}

static jv *parse_number(parser *ps)
{
  int neg = 0;
  uint64_t ip = 0, frac = 0;
  if (*ps->p == '-') {
    neg = 1;
    ps->p++;
  }
  if (ps->p >= ps->end || *ps->p < '0' || *ps->p > '9')
    return fail(ps, "bad number");
  while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9') {
    ip = ip * 10 + (uint64_t)(*ps->p++ - '0');
    if (ip > UINT64_C(1000000000000000))
      return fail(ps, "number too large");
  }
  if (ps->p < ps->end && *ps->p == '.') {
    ps->p++;
    int digits = 0;
    while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9') {
      if (digits < 3)
        frac = frac * 10 + (uint64_t)(*ps->p - '0');
      digits++;
      ps->p++;
    }
    if (!digits)
      return fail(ps, "bad fraction");
    for (; digits < 3; digits++)
      frac *= 10;
  }
  if (ps->p < ps->end && (*ps->p == 'e' || *ps->p == 'E'))
    return fail(ps, "exponents are not supported");
  jv *v = node(ps, J_NUM);
  uint64_t mag = ip * 1000 + frac;
  v->num = neg ? -(int64_t)mag : (int64_t)mag;
  return v;
}

static jv *parse_value(parser *ps);

static jv *parse_container(parser *ps, int obj)
{
  if (++ps->depth > 512)
    return fail(ps, "nesting too deep");
  if (ps->depth > ps->maxdepth)
    ps->maxdepth = ps->depth;
  ps->p++;
  jv *v = node(ps, obj ? J_OBJ : J_ARR);
  uint32_t cap = 0, n = 0;
  skip_ws(ps);
  if (ps->p < ps->end && *ps->p == (obj ? '}' : ']')) {
    ps->p++;
    ps->depth--;
    return v;
  }
  for (;;) {
    jv *k = NULL;
    if (obj) {
      skip_ws(ps);
      if (ps->p >= ps->end || *ps->p != '"')
        return fail(ps, "expected a key");
      if (!(k = parse_string(ps)))
        return NULL;
      skip_ws(ps);
      if (ps->p >= ps->end || *ps->p++ != ':')
        return fail(ps, "expected ':'");
    }
    jv *x = parse_value(ps);
    if (!x)
      return NULL;
    if (n + 2 > cap) {
      cap = cap ? cap * 2 : 4;
      jv **items = xmalloc(cap * sizeof *items);
      if (v->items)
        memcpy(items, v->items, n * sizeof *items);
      free(v->items);
      v->items = items;
    }
    if (obj)
      v->items[n++] = k;
    v->items[n++] = x;
    skip_ws(ps);
    if (ps->p < ps->end && *ps->p == ',') {
      ps->p++;
      continue;
    }
    if (ps->p < ps->end && *ps->p == (obj ? '}' : ']')) {
      ps->p++;
      break;
    }
    return fail(ps, obj ? "expected ',' or '}'" : "expected ',' or ']'");
  }
  v->n = obj ? n / 2 : n;
  ps->depth--;
  return v;
}

static jv *parse_value(parser *ps)
{
  skip_ws(ps);
  if (ps->p >= ps->end)
    return fail(ps, "unexpected end");
  switch (*ps->p) {
  case '{': return parse_container(ps, 1);
  case '[': return parse_container(ps, 0);
  case '"': return parse_string(ps);
  case 't':
    if (ps->end - ps->p >= 4 && memcmp(ps->p, "true", 4) == 0) { ps->p += 4; return node(ps, J_TRUE); }
    break;
  case 'f':
    if (ps->end - ps->p >= 5 && memcmp(ps->p, "false", 5) == 0) { ps->p += 5; return node(ps, J_FALSE); }
    break;
  case 'n':
    if (ps->end - ps->p >= 4 && memcmp(ps->p, "null", 4) == 0) { ps->p += 4; return node(ps, J_NULL); }
    break;
  default:
    if (*ps->p == '-' || (*ps->p >= '0' && *ps->p <= '9'))
      return parse_number(ps);
  }
  return fail(ps, "unexpected character");
}

static jv *parse(const char *text, size_t n, parser *ps)
{
  memset(ps, 0, sizeof *ps);
  ps->p = text;
  ps->end = text + n;
  jv *v = parse_value(ps);
  skip_ws(ps);
  if (v && ps->p != ps->end)
    return fail(ps, "trailing characters");
  return v;
}

static void release(jv *v)
{
  if (!v)
    return;
  uint32_t items = v->type == J_OBJ ? 2 * v->n : v->type == J_ARR ? v->n : 0;
  for (uint32_t i = 0; i < items; i++)
    release(v->items[i]);
  free(v->items);
  free(v->str);
  free(v);
}

static void serialise(sbuf *b, const jv *v)
{
  switch (v->type) {
  case J_NULL: sb_puts(b, "null"); break;
  case J_FALSE: sb_puts(b, "false"); break;
  case J_TRUE: sb_puts(b, "true"); break;
  case J_NUM: sb_num(b, v->num); break;
  case J_STR: sb_str(b, v->str, v->n); break;
  case J_ARR:
    sb_putc(b, '[');
    for (uint32_t i = 0; i < v->n; i++) {
      if (i)
        sb_putc(b, ',');
      serialise(b, v->items[i]);
    }
    sb_putc(b, ']');
    break;
  case J_OBJ:
    sb_putc(b, '{');
    for (uint32_t i = 0; i < v->n; i++) {
      if (i)
        sb_putc(b, ',');
      serialise(b, v->items[2 * i]);
      sb_putc(b, ':');
      serialise(b, v->items[2 * i + 1]);
    }
    sb_putc(b, '}');
    break;
  }
}

static const jv *get(const jv *obj, const char *key)
{
  if (!obj || obj->type != J_OBJ)
    return NULL;
  for (uint32_t i = 0; i < obj->n; i++)
    if (strcmp(obj->items[2 * i]->str, key) == 0)
      return obj->items[2 * i + 1];
  return NULL;
}

int main(int argc, char **argv)
{
  int64_t records = suite_size(argc, argv, 25000, 1250, 50000000);
  rng_t r = {1234};
  sbuf text = {0};
  generate(&text, records, &r);
  parser ps;
  jv *doc = parse(text.p, text.n, &ps);
  if (!doc) {
    printf("json parse error: %s at byte %zu\n", ps.err, (size_t)(ps.p - text.p));
    return 1;
  }
  uint64_t nodes = ps.nodes;
  int maxdepth = ps.maxdepth;
  /* queries: active records with a positive score, their latitude sum, tag frequencies, parents */
  const jv *recs = get(doc, "records");
  int64_t latsum = 0, scoresum = 0;
  uint32_t active = 0, tagged[40] = {0}, withparent = 0;
  uint64_t namehash = HASH_INIT;
  for (uint32_t i = 0; recs && i < recs->n; i++) {
    const jv *rec = recs->items[i], *a = get(rec, "active"), *s = get(rec, "score");
    const jv *geo = get(rec, "geo"), *tags = get(rec, "tags"), *par = get(rec, "parent");
    const jv *name = get(rec, "name");
    if (a && a->type == J_TRUE && s && s->num > 0) {
      active++;
      scoresum += s->num;
      const jv *lat = get(geo, "lat");
      if (lat)
        latsum += lat->num;
    }
    if (par && par->type == J_NUM)
      withparent++;
    for (uint32_t t = 0; tags && t < tags->n; t++)
      tagged[atoi(tags->items[t]->str + 1) % 40]++;
    if (name)
      for (uint32_t k = 0; k < name->n; k++)
        namehash = hash_u64(namehash, (uint8_t)name->str[k]);
  }
  /* round trip: compact text, parse again, serialise again: both texts must be equal */
  sbuf c1 = {0}, c2 = {0};
  serialise(&c1, doc);
  parser ps2;
  jv *doc2 = parse(c1.p, c1.n, &ps2);
  if (!doc2) {
    printf("json re-parse error: %s\n", ps2.err);
    return 1;
  }
  serialise(&c2, doc2);
  int same = c1.n == c2.n && memcmp(c1.p, c2.p, c1.n) == 0 && ps2.nodes == nodes;
  uint64_t h = namehash;
  for (size_t i = 0; i < c1.n; i += 3)
    h = hash_u64(h, (uint8_t)c1.p[i]);
  for (int t = 0; t < 40; t++)
    h = hash_u64(h, tagged[t]);
  printf("json records=%" PRId64 " bytes=%zu compact=%zu nodes=%" PRIu64 " depth=%d active=%u parents=%u "
         "scoresum=%" PRId64 " latsum=%" PRId64 " roundtrip=%s hash=%016" PRIx64 "\n",
         records, text.n, c1.n, nodes, maxdepth, active, withparent, scoresum, latsum, same ? "ok" : "FAILED", h);
  release(doc);
  release(doc2);
  free(text.p);
  free(c1.p);
  free(c2.p);
  return same ? 0 : 1;
}
