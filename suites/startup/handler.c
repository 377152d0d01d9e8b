/* handler.c: a serverless-style handler: read a JSON request (stdin or a file), compute, write a JSON response; a WAGI (CGI) handler when REQUEST_METHOD is set. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Request: {"id": N, "op": "stats"|"sort"|"echo", "user": "...", "values": [numbers], ...}, with
 * optional // comments.
 * Numbers carry up to three decimals and are kept as integer thousandths. Unknown keys are
 * skipped. The response is one line of JSON on stdout; the exit status is 0 when ok is true.
 *
 * WAGI mode (REQUEST_METHOD in the environment, as a CGI server or `wasmlab serve` sets it): the
 * body is read from stdin (CONTENT_LENGTH bytes when given, else to its end) and the JSON is
 * preceded by CGI headers: Content-Type, Status (200, or 400/405/413 for a request the handler
 * refuses) and a blank line. The exit status is then 0 for every response the handler chose to
 * give: a WAGI server treats a non-zero exit as the handler's failure (500), not as an answer. */

#define MAXVALS 4096
#define MAXREQ (1 << 20)

typedef struct {
  const char *p, *end;
  const char *err;
} cursor;

typedef struct {
  int64_t id;
  int has_id;
  char op[16];
  char user[128];
  int64_t vals[MAXVALS];
  int nvals;
} request;

/* White space, and // comments to the end of the line (the JSON-with-comments convention). */
static void ws(cursor *c)
{
  for (;;) {
    while (c->p < c->end && (*c->p == ' ' || *c->p == '\t' || *c->p == '\n' || *c->p == '\r'))
      c->p++;
    if (c->end - c->p < 2 || c->p[0] != '/' || c->p[1] != '/')
      return;
    while (c->p < c->end && *c->p != '\n')
      c->p++;
  }
}

static int expect(cursor *c, char ch)
{
  ws(c);
  if (c->p < c->end && *c->p == ch) {
    c->p++;
    return 1;
  }
  if (!c->err)
    c->err = c->p < c->end ? "unexpected character" : "unexpected end of request";
  return 0;
}

/* A string into out (truncated to cap - 1 bytes); escapes are decoded, \u to UTF-8. */
static int string(cursor *c, char *out, size_t cap)
{
  size_t n = 0;
  if (!expect(c, '"'))
    return 0;
  while (c->p < c->end && *c->p != '"') {
    uint32_t ch = (unsigned char)*c->p++;
    if (ch == '\\' && c->p < c->end) {
      char e = *c->p++;
      switch (e) {
      case 'n': ch = '\n'; break;
      case 't': ch = '\t'; break;
      case 'r': ch = '\r'; break;
      case 'b': ch = '\b'; break;
      case 'f': ch = '\f'; break;
      case 'u':
        ch = 0;
        for (int i = 0; i < 4; i++) {
          char h = c->p < c->end ? *c->p++ : 'x';
          int v = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10 : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
          if (v < 0) {
            c->err = "bad \\u escape";
            return 0;
          }
          ch = ch << 4 | (uint32_t)v;
        }
        break;
      default: ch = (unsigned char)e;
      }
    }
    char enc[3];
    int k = 0;
    if (ch < 0x80) {
      enc[k++] = (char)ch;
    } else if (ch < 0x800) {
      enc[k++] = (char)(0xc0 | ch >> 6);
      enc[k++] = (char)(0x80 | (ch & 0x3f));
    } else {
      enc[k++] = (char)(0xe0 | ch >> 12);
      enc[k++] = (char)(0x80 | ((ch >> 6) & 0x3f));
      enc[k++] = (char)(0x80 | (ch & 0x3f));
    }
    for (int i = 0; i < k; i++)
      if (out && n + 1 < cap)
        out[n++] = enc[i];
  }
  if (c->p >= c->end) {
    c->err = "unterminated string";
    return 0;
  }
  c->p++;
  if (out)
    out[n] = 0;
  return 1;
}

static int number(cursor *c, int64_t *v)
{
  ws(c);
  int neg = c->p < c->end && *c->p == '-';
  if (neg)
    c->p++;
  if (c->p >= c->end || *c->p < '0' || *c->p > '9') {
    c->err = "bad number";
    return 0;
  }
  int64_t ip = 0, fr = 0;
  while (c->p < c->end && *c->p >= '0' && *c->p <= '9') {
    if (ip > INT64_C(1000000000000)) {
      c->err = "number too large";
      return 0;
    }
    ip = ip * 10 + (*c->p++ - '0');
  }
  int digits = 0;
  if (c->p < c->end && *c->p == '.') {
    c->p++;
    while (c->p < c->end && *c->p >= '0' && *c->p <= '9') {
      if (digits < 3) {
        fr = fr * 10 + (*c->p - '0');
        digits++;
      }
      c->p++;
    }
  }
  for (; digits < 3; digits++)
    fr *= 10;
  *v = neg ? -(ip * 1000 + fr) : ip * 1000 + fr;
  return 1;
}

/* Skip any value (for keys the handler does not know). */
static int skip(cursor *c, int depth)
{
  ws(c);
  if (c->p >= c->end || depth > 64) {
    c->err = "bad value";
    return 0;
  }
  char ch = *c->p;
  if (ch == '"')
    return string(c, NULL, 0);
  if (ch == '{' || ch == '[') {
    char close = ch == '{' ? '}' : ']';
    c->p++;
    ws(c);
    if (c->p < c->end && *c->p == close) {
      c->p++;
      return 1;
    }
    for (;;) {
      if (ch == '{' && (!string(c, NULL, 0) || !expect(c, ':')))
        return 0;
      if (!skip(c, depth + 1))
        return 0;
      ws(c);
      if (c->p < c->end && *c->p == ',') {
        c->p++;
        continue;
      }
      return expect(c, close);
    }
  }
  if (ch == '-' || (ch >= '0' && ch <= '9')) {
    int64_t v;
    return number(c, &v);
  }
  static const char *const words[] = {"true", "false", "null"};
  for (int i = 0; i < 3; i++) {
    size_t l = strlen(words[i]);
    if ((size_t)(c->end - c->p) >= l && memcmp(c->p, words[i], l) == 0) {
      c->p += l;
      return 1;
    }
  }
  c->err = "bad value";
  return 0;
}

static int parse_request(cursor *c, request *rq)
{
  if (!expect(c, '{'))
    return 0;
  ws(c);
  if (c->p < c->end && *c->p == '}') {
    c->p++;
    return 1;
  }
  for (;;) {
    char key[32];
    if (!string(c, key, sizeof key) || !expect(c, ':'))
      return 0;
    if (strcmp(key, "id") == 0) {
      if (!number(c, &rq->id))
        return 0;
      rq->has_id = 1;
    } else if (strcmp(key, "op") == 0) {
      if (!string(c, rq->op, sizeof rq->op))
        return 0;
    } else if (strcmp(key, "user") == 0) {
      if (!string(c, rq->user, sizeof rq->user))
        return 0;
    } else if (strcmp(key, "values") == 0) {
      if (!expect(c, '['))
        return 0;
      ws(c);
      if (c->p < c->end && *c->p == ']') {
        c->p++;
      } else {
        for (;;) {
          if (rq->nvals == MAXVALS) {
            c->err = "too many values";
            return 0;
          }
          if (!number(c, &rq->vals[rq->nvals++]))
            return 0;
          ws(c);
          if (c->p < c->end && *c->p == ',') {
            c->p++;
            continue;
          }
          if (!expect(c, ']'))
            return 0;
          break;
        }
      }
    } else if (!skip(c, 0)) {
      return 0;
    }
    ws(c);
    if (c->p < c->end && *c->p == ',') {
      c->p++;
      continue;
    }
    if (!expect(c, '}'))
      return 0;
    ws(c);
    if (c->p != c->end) {
      c->err = "trailing characters";
      return 0;
    }
    return 1;
  }
}

/* thousandths as a JSON number: 17250 -> 17.25, -4000 -> -4 */
static void put_num(int64_t v)
{
  uint64_t a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
  unsigned frac = (unsigned)(a % 1000);
  printf("%s%" PRIu64, v < 0 ? "-" : "", a / 1000);
  if (frac) {
    char t[8];
    snprintf(t, sizeof t, "%03u", frac);
    for (int i = 2; i > 0 && t[i] == '0'; i--)
      t[i] = 0;
    printf(".%s", t);
  }
}

static void put_str(const char *s)
{
  putchar('"');
  for (; *s; s++) {
    unsigned char ch = (unsigned char)*s;
    if (ch == '"' || ch == '\\')
      printf("\\%c", ch);
    else if (ch == '\n')
      printf("\\n");
    else if (ch == '\t')
      printf("\\t");
    else if (ch < 0x20)
      printf("\\u%04x", ch);
    else
      putchar(ch);
  }
  putchar('"');
}

static int cmp64(const void *a, const void *b)
{
  int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
  return (x > y) - (x < y);
}

/* Set when REQUEST_METHOD is in the environment: responses get CGI headers first. */
static int wagi;

static void headers(const char *status)
{
  if (wagi)
    printf("Content-Type: application/json\nStatus: %s\n\n", status);
}

static int respond_error(const request *rq, const char *status, const char *msg)
{
  headers(status);
  printf("{\"id\":");
  put_num(rq->has_id ? rq->id : 0);
  printf(",\"ok\":false,\"error\":");
  put_str(msg);
  printf("}\n");
  return wagi ? 0 : 1;
}

int main(int argc, char **argv)
{
  static char buf[MAXREQ];
  static request rq;
  FILE *in = stdin;
  const char *method = getenv("REQUEST_METHOD");
  size_t want = sizeof buf;
  wagi = method != NULL;
  if (wagi) {
    if (strcmp(method, "POST") != 0)
      return respond_error(&rq, "405 Method Not Allowed", "method not allowed: POST a JSON request");
    /* CGI lets a server keep stdin open past the body, so CONTENT_LENGTH bounds the read */
    const char *len = getenv("CONTENT_LENGTH");
    if (len && *len) {
      char *end;
      unsigned long long l = strtoull(len, &end, 10);
      if (*end || l >= sizeof buf)
        return respond_error(&rq, "413 Content Too Large", "request too large");
      want = (size_t)l;
    }
  } else if (argc > 1 && strcmp(argv[1], "-") != 0 && !(in = fopen(argv[1], "rb"))) {
    fprintf(stderr, "handler: cannot open %s\n", argv[1]);
    return 2;
  }
  size_t n = fread(buf, 1, want, in);
  if (in != stdin)
    fclose(in);
  if (n == sizeof buf)
    return respond_error(&rq, "413 Content Too Large", "request too large");
  cursor c = {buf, buf + n, NULL};
  if (!parse_request(&c, &rq))
    return respond_error(&rq, "400 Bad Request", c.err ? c.err : "malformed request");

  /* a digest of the request's data: FNV-1a over the user name and the values */
  uint32_t digest = 2166136261u;
  for (const char *s = rq.user; *s; s++)
    digest = (digest ^ (uint8_t)*s) * 16777619u;
  for (int i = 0; i < rq.nvals; i++)
    for (int k = 0; k < 8; k++)
      digest = (digest ^ (uint8_t)((uint64_t)rq.vals[i] >> (8 * k))) * 16777619u;

  if (strcmp(rq.op, "echo") == 0 || strcmp(rq.op, "sort") == 0 || strcmp(rq.op, "stats") == 0) {
    headers("200 OK");
    printf("{\"id\":");
    put_num(rq.id);
    printf(",\"ok\":true,\"op\":");
    put_str(rq.op);
    printf(",\"user\":");
    put_str(rq.user);
    printf(",\"count\":%d", rq.nvals);
    if (strcmp(rq.op, "stats") == 0 && rq.nvals > 0) {
      int64_t sum = 0, lo = rq.vals[0], hi = rq.vals[0];
      for (int i = 0; i < rq.nvals; i++) {
        sum += rq.vals[i];
        lo = rq.vals[i] < lo ? rq.vals[i] : lo;
        hi = rq.vals[i] > hi ? rq.vals[i] : hi;
      }
      qsort(rq.vals, (size_t)rq.nvals, sizeof rq.vals[0], cmp64);
      int64_t med = rq.nvals & 1 ? rq.vals[rq.nvals / 2] : (rq.vals[rq.nvals / 2 - 1] + rq.vals[rq.nvals / 2]) / 2;
      /* mean rounded half away from zero, in thousandths */
      int64_t mean = (sum >= 0 ? sum + rq.nvals / 2 : sum - rq.nvals / 2) / rq.nvals;
      printf(",\"sum\":");
      put_num(sum);
      printf(",\"min\":");
      put_num(lo);
      printf(",\"max\":");
      put_num(hi);
      printf(",\"mean\":");
      put_num(mean);
      printf(",\"median\":");
      put_num(med);
    } else if (strcmp(rq.op, "sort") == 0) {
      qsort(rq.vals, (size_t)rq.nvals, sizeof rq.vals[0], cmp64);
      printf(",\"values\":[");
      for (int i = 0; i < rq.nvals; i++) {
        if (i)
          putchar(',');
        put_num(rq.vals[i]);
      }
      putchar(']');
    }
    printf(",\"digest\":\"%08x\"}\n", (unsigned)digest);
    return 0;
  }
  return respond_error(&rq, "400 Bad Request", "unknown op");
}
