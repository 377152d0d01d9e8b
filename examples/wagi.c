/* wagi.c: a WAGI handler for `wasmlab serve` (docs/serve.md): echoes the request, and misbehaves on demand for the tests. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/*
 * The path picks what it does (anything else: the echo):
 *   /echo          method, path, query, content type and length, and the body, as text
 *   /body          the body back as it came (application/octet-stream)
 *   /env           every environment variable, one a line
 *   /status?NNN    Status: NNN;  /redirect: a Location and nothing else;  /header: an extra header
 *   /secret?WORD   says what the secret was, then keeps WORD in data, bss and the heap: a fresh
 *                  instance per request always answers "secret: (none) count: 1"
 *   /trap  /loop  /exit3  /grow (memory past any limit)  /stderr  /slow?MS  /big?BYTES
 *   /nocontenttype /noblank        malformed CGI responses
 * Bad behaviour writes something to stdout first: none of it may reach the client.
 */

static char secret[64] = "(none)"; /* in the data segment */
static int count;                  /* in bss */
static char *heap_secret;          /* on the heap */

static size_t read_body(char **out)
{
  size_t len = 0, size = 4096;
  char *buf = malloc(size);
  size_t n;
  while (buf && (n = fread(buf + len, 1, size - len, stdin)) > 0) {
    len += n;
    if (len == size)
      buf = realloc(buf, size *= 2);
  }
  *out = buf;
  return len;
}

static const char *env(const char *name)
{
  const char *v = getenv(name);
  return v ? v : "(unset)";
}

int main(int argc, char **argv)
{
  const char *path = env("PATH_INFO"), *query = env("QUERY_STRING");
  extern char **environ;
  count++;
  if (strcmp(path, "/trap") == 0) {
    printf("Content-Type: text/plain\n\nabout to trap\n");
    fflush(stdout);
    __builtin_trap();
  }
  if (strcmp(path, "/loop") == 0) {
    printf("Content-Type: text/plain\n\nabout to loop\n");
    fflush(stdout);
    for (volatile uint64_t i = 0;; i++)
      ;
  }
  if (strcmp(path, "/exit3") == 0) {
    printf("Content-Type: text/plain\n\nabout to exit 3\n");
    fflush(stdout);
    exit(3);
  }
  if (strcmp(path, "/grow") == 0) {
    printf("Content-Type: text/plain\n\nabout to grow\n");
    fflush(stdout);
    /* 1 GiB more: past any sensible --max-memory; a refusal (-1) is a trap */
    if (__builtin_wasm_memory_grow(0, 16384) == (size_t)-1)
      __builtin_trap();
    printf("grew\n");
    return 0;
  }
  if (strcmp(path, "/secret") == 0) {
    printf("Content-Type: text/plain\n\nsecret: %s count: %d heap: %s\n", secret, count,
           heap_secret ? heap_secret : "(none)");
    snprintf(secret, sizeof secret, "%s", query);
    heap_secret = strdup(query);
    return 0;
  }
  if (strcmp(path, "/status") == 0) {
    printf("Status: %s Chosen\nContent-Type: text/plain\n\nstatus %s\n", query, query);
    return 0;
  }
  if (strcmp(path, "/redirect") == 0) {
    printf("Location: /elsewhere\n\n");
    return 0;
  }
  if (strcmp(path, "/header") == 0) {
    printf("Content-Type: text/plain\nX-Handler: wagi example\n\nwith a header\n");
    return 0;
  }
  if (strcmp(path, "/nocontenttype") == 0) {
    printf("X-Only: this\n\nno content type\n");
    return 0;
  }
  if (strcmp(path, "/noblank") == 0) {
    printf("Content-Type: text/plain");
    return 0;
  }
  if (strcmp(path, "/stderr") == 0) {
    fprintf(stderr, "a line on stderr\n");
    printf("Content-Type: text/plain\n\nwrote to stderr\n");
    return 0;
  }
  if (strcmp(path, "/slow") == 0) {
    long ms = atol(query);
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000};
    nanosleep(&ts, NULL);
    printf("Content-Type: text/plain\n\nslept %ld ms\n", ms);
    return 0;
  }
  if (strcmp(path, "/big") == 0) {
    long n = atol(query);
    printf("Content-Type: text/plain\n\n");
    for (long i = 0; i < n; i++)
      putchar('x');
    return 0;
  }
  if (strcmp(path, "/env") == 0) {
    printf("Content-Type: text/plain\n\nargc=%d argv0=%s\n", argc, argv[0]);
    for (char **e = environ; *e; e++)
      printf("%s\n", *e);
    return 0;
  }
  char *body;
  size_t len = read_body(&body);
  if (strcmp(path, "/body") == 0) {
    printf("Content-Type: application/octet-stream\n\n");
    fwrite(body, 1, len, stdout);
    return 0;
  }
  printf("Content-Type: text/plain\n\nmethod: %s\npath: %s\nquery: %s\ncontent-type: %s\ncontent-length: %s\n"
         "body: %.*s\n", env("REQUEST_METHOD"), path, query, env("CONTENT_TYPE"), env("CONTENT_LENGTH"), (int)len,
         body ? body : "");
  return 0;
}
