/* server.c: `wasmlab serve`: HTTP/1.1 by libmicrohttpd, each request run by a fresh instance from the pool, WAGI in and out. */
#include "serve/server.h"

/*
 * The threads are libmicrohttpd's: a pool of `workers` threads, each polling its share of the
 * connections and running a request's handler to the end inside the access callback.  So at
 * most `workers` guests run at once, and the instance pool has that many slots: an acquire
 * never finds them all taken.  Each slot has its own WASI context (made by the pool's link
 * callback), turned into a request context: stdin is the request body, stdout and stderr go
 * into memory, and the context goes back to its granted state after every request.  Nothing
 * of a failed guest's stdout is sent: the response is built only from a guest that exited 0
 * (or returned) with a well-formed CGI response.  docs/serve.md has the whole picture.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if WLAB_HAVE_MHD

#include <errno.h>
#include <inttypes.h>
#include <netdb.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include "serve/wagi.h"

#define STDERR_LIMIT ((size_t)64 * 1024) /* a guest's stderr kept per request; more is cut */
#define MAX_SAMPLES ((size_t)1 << 24)    /* handling times kept for the percentiles at exit */

typedef struct server {
  const serve_config *cfg;
  wlab_pool *pool;
  wasi_ctx **ctxs;         /* one per pool slot, made by link_slot on the slot's first use */
  uint32_t nslots;
  char host[64], port[8];  /* where we listen (SERVER_NAME's fallback, SERVER_PORT) */
  FILE *log;
  atomic_int inflight;     /* requests between their request line and their completion */
  atomic_bool stopping;
  pthread_mutex_t lock;    /* the counters below, and the log's lines */
  uint64_t requests, by_class[6], sum_us;
  uint32_t *samples;
  size_t nsamples, cap_samples;
} server;

/* One request: made when its request line arrives (uri_log), freed when it completes. */
typedef struct request {
  char *uri;               /* as the client sent it: path and query, still %-encoded */
  uint8_t *body;
  size_t len, size;
  bool started, too_big;
} request;

static uint64_t now_us(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

/* ---- the pool's slots -------------------------------------------------------------------- */

static wlab_status link_error(wlab_error *err, wlab_status st, const char *what)
{
  if (err) {
    memset(err, 0, sizeof *err);
    err->status = st;
    err->offset = err->func_index = WLAB_NONE;
    snprintf(err->message, sizeof err->message, "%s", what);
    snprintf(err->text, sizeof err->text, "%s: %s", wlab_status_name(st), what);
  }
  return st;
}

static wlab_status link_slot(void *user, uint32_t slot, wlab_linker *linker, wlab_error *err)
{
  server *s = user;
  if (slot >= s->nslots)
    return link_error(err, WLAB_ERR_ARGUMENT, "the pool gave a slot number past the workers");
  if (!s->ctxs[slot]) {
    wasi_ctx *ctx = s->cfg->grant(s->cfg->grant_user);
    if (!ctx)
      return link_error(err, WLAB_ERR_NOMEM, "cannot make the slot's WASI context");
    if (wasi_capture_stdio(ctx, s->cfg->max_response, STDERR_LIMIT) != 0) {
      wasi_free(ctx);
      return link_error(err, WLAB_ERR_NOMEM, "cannot capture the slot's stdio");
    }
    s->ctxs[slot] = ctx;
  }
  return wasi_define(s->ctxs[slot], linker, err);
}

/* ---- requests ---------------------------------------------------------------------------- */

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
  server *s = cls;
  request *rq = calloc(1, sizeof *rq);
  (void)c;
  if (rq && !(rq->uri = strdup(uri))) {
    free(rq);
    rq = NULL;
  }
  atomic_fetch_add(&s->inflight, 1); /* on_completed undoes it, whether rq was made or not */
  return rq;
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode toe)
{
  server *s = cls;
  request *rq = *con_cls;
  (void)c, (void)toe;
  if (rq) {
    free(rq->uri);
    free(rq->body);
    free(rq);
  }
  *con_cls = NULL;
  atomic_fetch_sub(&s->inflight, 1);
}

static enum MHD_Result add_header(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
  (void)kind;
  return wagi_env_header(cls, key, value) == 0 ? MHD_YES : MHD_NO;
}

/* The request's RFC 3875 variables and the --env ones (which the request's cannot replace). */
static bool build_env(server *s, struct MHD_Connection *c, request *rq, const char *url, const char *method,
                      const char *version, wagi_env *env)
{
  const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
  const char *query = strchr(rq->uri, '?'), *ctype = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
  const char *host = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Host");
  char addr[NI_MAXHOST] = "", name[256], len[24];
  bool ok = true;
  if (ci && ci->client_addr)
    getnameinfo(ci->client_addr, ci->client_addr->sa_family == AF_INET6 ? sizeof(struct sockaddr_in6)
                                                                        : sizeof(struct sockaddr_in),
                addr, sizeof addr, NULL, 0, NI_NUMERICHOST);
  /* SERVER_NAME: the Host the client asked for, without its port; ours when it gave none */
  snprintf(name, sizeof name, "%s", host && *host ? host : s->host);
  if (name[0] == '[') {
    char *close = strchr(name, ']');
    if (close)
      close[1] = 0;
  } else if (strchr(name, ':'))
    *strchr(name, ':') = 0;
  snprintf(len, sizeof len, "%zu", rq->len);
  ok &= MHD_get_connection_values(c, MHD_HEADER_KIND, add_header, env) >= 0;
  ok &= wagi_env_set(env, "GATEWAY_INTERFACE", "CGI/1.1") == 0;
  ok &= wagi_env_set(env, "SERVER_SOFTWARE", "wasmlab/" WLAB_VERSION) == 0;
  ok &= wagi_env_set(env, "SERVER_PROTOCOL", version) == 0;
  ok &= wagi_env_set(env, "SERVER_NAME", name) == 0;
  ok &= wagi_env_set(env, "SERVER_PORT", s->port) == 0;
  ok &= wagi_env_set(env, "REMOTE_ADDR", addr) == 0;
  ok &= wagi_env_set(env, "REQUEST_METHOD", method) == 0;
  ok &= wagi_env_set(env, "SCRIPT_NAME", "") == 0; /* the handler serves every path: all of it is PATH_INFO */
  ok &= wagi_env_set(env, "PATH_INFO", url) == 0;  /* libmicrohttpd's: the path, %-decoded, as CGI has it */
  ok &= wagi_env_set(env, "QUERY_STRING", query ? query + 1 : "") == 0; /* as sent: still encoded */
  ok &= wagi_env_set(env, "REQUEST_URI", rq->uri) == 0;
  ok &= wagi_env_set(env, "CONTENT_TYPE", ctype ? ctype : "") == 0;
  ok &= wagi_env_set(env, "CONTENT_LENGTH", len) == 0;
  for (int i = 0; i < s->cfg->nenv && ok; i++) {
    const char *eq = strchr(s->cfg->env[i], '=');
    char var[256];
    snprintf(var, sizeof var, "%.*s", (int)(eq - s->cfg->env[i]), s->cfg->env[i]);
    ok &= wagi_env_set(env, var, eq + 1) == 0;
  }
  return ok;
}

/* The guest's stderr on ours, each line prefixed with the module and the request, in one write
 * so that lines of concurrent requests do not mix. */
static void pass_stderr(server *s, wasi_ctx *ctx, const char *method, const char *uri)
{
  size_t len;
  const uint8_t *p = wasi_captured(ctx, 2, &len, NULL), *end = p + len;
  if (!len)
    return;
  flockfile(stderr);
  while (p < end) {
    const uint8_t *eol = memchr(p, '\n', (size_t)(end - p));
    size_t n = eol ? (size_t)(eol - p) : (size_t)(end - p);
    fprintf(stderr, "%s: %s %s: %.*s\n", s->cfg->name, method, uri, (int)n, (const char *)p);
    p += n + (eol != NULL);
  }
  funlockfile(stderr);
}

static void record(server *s, struct MHD_Connection *c, const char *method, const char *uri, int status,
                   size_t bytes, uint64_t us)
{
  pthread_mutex_lock(&s->lock);
  s->requests++;
  s->by_class[status / 100 < 6 ? status / 100 : 0]++;
  s->sum_us += us;
  if (s->nsamples == s->cap_samples && s->cap_samples < MAX_SAMPLES) {
    size_t cap = s->cap_samples ? s->cap_samples * 2 : 4096;
    uint32_t *more = realloc(s->samples, cap * sizeof *more);
    if (more)
      s->samples = more, s->cap_samples = cap;
  }
  if (s->nsamples < s->cap_samples)
    s->samples[s->nsamples++] = us > UINT32_MAX ? UINT32_MAX : (uint32_t)us;
  if (s->log) {
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    char addr[NI_MAXHOST] = "-";
    if (ci && ci->client_addr)
      getnameinfo(ci->client_addr, ci->client_addr->sa_family == AF_INET6 ? sizeof(struct sockaddr_in6)
                                                                          : sizeof(struct sockaddr_in),
                  addr, sizeof addr, NULL, 0, NI_NUMERICHOST);
    fprintf(s->log, "%s %s %s %d %zu %" PRIu64 "us\n", addr, method, uri, status, bytes, us);
    fflush(s->log);
  }
  pthread_mutex_unlock(&s->lock);
}

/* A response of the server's own (an error): a status and a line of text, never guest output. */
static struct MHD_Response *plain(int status, const char *text, int *code, size_t *bytes)
{
  char body[160];
  int n = snprintf(body, sizeof body, "%d %s\n", status, text);
  struct MHD_Response *r = MHD_create_response_from_buffer((size_t)n, body, MHD_RESPMEM_MUST_COPY);
  if (r)
    MHD_add_response_header(r, "Content-Type", "text/plain; charset=utf-8");
  *code = status;
  *bytes = (size_t)n;
  return r;
}

/* Runs the handler for rq in a fresh instance; the response to send, and its status in *code. */
static struct MHD_Response *handle(server *s, struct MHD_Connection *c, request *rq, const char *url,
                                   const char *method, const char *version, int *code, size_t *bytes)
{
  const serve_config *cfg = s->cfg;
  char *argv[1] = {(char *)cfg->name};
  wagi_env env = {0};
  wlab_error err;
  uint32_t slot = 0;
  wlab_instance *inst;
  struct MHD_Response *resp = NULL;
  if (!build_env(s, c, rq, url, method, version, &env)) {
    wagi_env_free(&env);
    fprintf(stderr, "wasmlab serve: %s %s: out of memory for the environment\n", method, rq->uri);
    return plain(500, "Internal Server Error", code, bytes);
  }
  if (!(inst = wlab_pool_acquire(s->pool, &slot, &err))) {
    wagi_env_free(&env);
    fprintf(stderr, "wasmlab serve: %s %s: no instance: %s\n", method, rq->uri, err.text);
    if (err.status == WLAB_ERR_INTERRUPTED && strstr(err.message, "time limit"))
      return plain(504, "Gateway Timeout", code, bytes);
    return plain(500, "Internal Server Error", code, bytes);
  }
  wasi_ctx *ctx = s->ctxs[slot];
  wlab_func *start = wlab_instance_func(inst, "_start");
  wlab_status st;
  if (wasi_set_args_env(ctx, 1, argv, env.n, env.vars) != 0)
    st = link_error(&err, WLAB_ERR_NOMEM, "out of memory for the environment");
  else if (!start)
    st = link_error(&err, WLAB_ERR_ARGUMENT, "the module exports no _start (a WAGI handler is a WASI command)");
  else {
    wasi_set_stdin_buffer(ctx, rq->body, rq->len);
    st = wlab_func_call(start, NULL, 0, NULL, 0, &err);
  }
  wagi_env_free(&env);
  pass_stderr(s, ctx, method, rq->uri);
  size_t out_len;
  bool over;
  const uint8_t *out = wasi_captured(ctx, 1, &out_len, &over);
  if (st == WLAB_ERR_EXIT && err.exit_code == 0)
    st = WLAB_OK; /* proc_exit(0): a command's normal end */
  if (st == WLAB_ERR_INTERRUPTED && strstr(err.message, "time limit")) {
    fprintf(stderr, "wasmlab serve: %s %s: %s: %s\n", method, rq->uri, cfg->name, err.text);
    resp = plain(504, "Gateway Timeout", code, bytes);
  } else if (st == WLAB_ERR_EXIT) {
    fprintf(stderr, "wasmlab serve: %s %s: %s exited with %d\n", method, rq->uri, cfg->name, err.exit_code);
    resp = plain(500, "Internal Server Error", code, bytes);
  } else if (st != WLAB_OK) {
    fprintf(stderr, "wasmlab serve: %s %s: %s: %s\n", method, rq->uri, cfg->name, err.text);
    resp = plain(500, "Internal Server Error", code, bytes);
  } else if (over) {
    fprintf(stderr, "wasmlab serve: %s %s: %s wrote more than --max-response (%zu bytes) to stdout\n", method,
            rq->uri, cfg->name, cfg->max_response);
    resp = plain(500, "Internal Server Error", code, bytes);
  } else {
    wagi_response r;
    char why[160];
    if (wagi_parse_response(out, out_len, &r, why, sizeof why) != 0) {
      fprintf(stderr, "wasmlab serve: %s %s: %s: not a CGI response: %s\n", method, rq->uri, cfg->name, why);
      resp = plain(500, "Internal Server Error", code, bytes);
    } else {
      /* copied: the capture is the slot's, and is emptied for its next request below */
      resp = MHD_create_response_from_buffer(r.body_len, (void *)r.body, MHD_RESPMEM_MUST_COPY);
      for (int i = 0; resp && i < r.nheaders; i++)
        if (MHD_add_response_header(resp, r.headers[i].name, r.headers[i].value) != MHD_YES) {
          fprintf(stderr, "wasmlab serve: %s %s: %s: the header '%s' cannot be sent\n", method, rq->uri,
                  cfg->name, r.headers[i].name);
          MHD_destroy_response(resp);
          resp = NULL;
        }
      *code = r.status;
      *bytes = r.body_len;
      wagi_response_free(&r);
      if (!resp)
        resp = plain(500, "Internal Server Error", code, bytes);
    }
  }
  /* the slot back to its granted state before anyone else can take it */
  if (wasi_reset_request(ctx) != 0 || wasi_set_args_env(ctx, 1, argv, 0, NULL) != 0)
    fprintf(stderr, "wasmlab serve: out of memory resetting a WASI context\n");
  wlab_pool_release(s->pool, inst);
  return resp;
}

static enum MHD_Result on_access(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                                 const char *version, const char *upload_data, size_t *upload_data_size,
                                 void **con_cls)
{
  server *s = cls;
  request *rq = *con_cls;
  struct MHD_Response *resp;
  enum MHD_Result ret;
  int code = 500;
  size_t bytes = 0;
  uint64_t t0;
  if (!rq)
    return MHD_NO; /* out of memory when the request began: drop the connection */
  if (!rq->started) {
    rq->started = true;
    if (atomic_load(&s->stopping)) { /* a request on a kept-alive connection after SIGTERM */
      resp = plain(503, "Service Unavailable (shutting down)", &code, &bytes);
      MHD_add_response_header(resp, "Connection", "close");
      ret = MHD_queue_response(c, (unsigned)code, resp);
      MHD_destroy_response(resp);
      return ret;
    }
    return MHD_YES; /* headers only: the body, if any, comes in the next calls */
  }
  if (*upload_data_size) {
    size_t n = *upload_data_size;
    *upload_data_size = 0;
    if (rq->too_big || n > s->cfg->max_body - rq->len) {
      rq->too_big = true;
      return MHD_YES;
    }
    if (rq->len + n > rq->size) {
      size_t size = rq->size ? rq->size : 4096;
      uint8_t *body;
      while (size < rq->len + n)
        size *= 2;
      if (!(body = realloc(rq->body, size)))
        return MHD_NO;
      rq->body = body, rq->size = size;
    }
    memcpy(rq->body + rq->len, upload_data, n);
    rq->len += n;
    return MHD_YES;
  }
  t0 = now_us();
  if (rq->too_big) {
    fprintf(stderr, "wasmlab serve: %s %s: the body is larger than --max-body (%zu bytes)\n", method, rq->uri,
            s->cfg->max_body);
    resp = plain(413, "Content Too Large", &code, &bytes);
  } else
    resp = handle(s, c, rq, url, method, version, &code, &bytes);
  if (!resp)
    return MHD_NO;
  ret = MHD_queue_response(c, (unsigned)code, resp);
  MHD_destroy_response(resp);
  record(s, c, method, rq->uri, code, bytes, now_us() - t0);
  return ret;
}

/* ---- listening, running, stopping -------------------------------------------------------- */

/* Binds the listening socket for "ADDR:PORT", "[ADDR6]:PORT" or ":PORT"; -1 after saying why. */
static int listen_on(const char *spec, server *s)
{
  char host[64] = "", port[8];
  const char *colon = strrchr(spec, ':');
  struct addrinfo hints = {.ai_socktype = SOCK_STREAM, .ai_flags = AI_PASSIVE | AI_NUMERICSERV};
  struct addrinfo *res = NULL;
  struct sockaddr_storage sa;
  socklen_t salen = sizeof sa;
  int fd = -1, one = 1, e;
  if (!colon || strlen(colon + 1) == 0 || strlen(colon + 1) > 5 || strspn(colon + 1, "0123456789") != strlen(colon + 1) ||
      atoi(colon + 1) > 65535 || (size_t)(colon - spec) >= sizeof host) {
    fprintf(stderr, "wasmlab serve: --listen '%s': give ADDR:PORT (PORT 0: any free port)\n", spec);
    return -1;
  }
  memcpy(host, spec, (size_t)(colon - spec));
  host[colon - spec] = 0;
  if (host[0] == '[' && host[strlen(host) - 1] == ']') {
    memmove(host, host + 1, strlen(host));
    host[strlen(host) - 1] = 0;
  }
  snprintf(port, sizeof port, "%s", colon + 1);
  if ((e = getaddrinfo(host[0] ? host : NULL, port, &hints, &res)) != 0) {
    fprintf(stderr, "wasmlab serve: --listen '%s': %s\n", spec, gai_strerror(e));
    return -1;
  }
  fd = socket(res->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
      bind(fd, res->ai_addr, res->ai_addrlen) != 0 || listen(fd, 512) != 0 ||
      getsockname(fd, (struct sockaddr *)&sa, &salen) != 0) {
    fprintf(stderr, "wasmlab serve: cannot listen on %s: %s\n", spec, strerror(errno));
    if (fd >= 0)
      close(fd);
    freeaddrinfo(res);
    return -1;
  }
  freeaddrinfo(res);
  getnameinfo((struct sockaddr *)&sa, salen, s->host, sizeof s->host, s->port, sizeof s->port,
              NI_NUMERICHOST | NI_NUMERICSERV);
  return fd;
}

static int cmp_u32(const void *a, const void *b)
{
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return x < y ? -1 : x > y;
}

static void print_stats(server *s)
{
  wlab_pool_stats ps;
  fprintf(stderr, "serve: %" PRIu64 " requests: 1xx %" PRIu64 ", 2xx %" PRIu64 ", 3xx %" PRIu64 ", 4xx %" PRIu64
          ", 5xx %" PRIu64 "\n", s->requests, s->by_class[1], s->by_class[2], s->by_class[3], s->by_class[4],
          s->by_class[5]);
  if (s->nsamples) {
    qsort(s->samples, s->nsamples, sizeof *s->samples, cmp_u32);
    fprintf(stderr, "serve: handling time: mean %.1f us, p50 %u us, p99 %u us, max %u us\n",
            (double)s->sum_us / (double)s->requests, s->samples[s->nsamples / 2],
            s->samples[(size_t)((double)(s->nsamples - 1) * 0.99)], s->samples[s->nsamples - 1]);
  }
  wlab_pool_stats_get(s->pool, &ps);
  fprintf(stderr, "pool: %" PRIu64 " acquires, %" PRIu64 " instantiations, %" PRIu64 " resets (%.2f us each)\n",
          ps.acquires, ps.instantiations, ps.resets, ps.resets ? (double)ps.reset_ns / 1e3 / (double)ps.resets : 0.0);
}

bool serve_available(void) { return true; }

int serve_run(wlab_engine *engine, const wlab_module *m, const serve_config *cfg)
{
  server s = {.cfg = cfg};
  wlab_pool_config pc = {.slots = cfg->workers ? cfg->workers : 1, .reset = cfg->reset};
  wlab_error err;
  sigset_t sigs, old;
  struct MHD_Daemon *d;
  int fd, sig = 0, status = 1;
  s.nslots = pc.slots;
  pthread_mutex_init(&s.lock, NULL);
  if (cfg->log && strcmp(cfg->log, "-") == 0)
    s.log = stdout;
  else if (cfg->log && !(s.log = fopen(cfg->log, "a"))) {
    fprintf(stderr, "wasmlab serve: --log '%s': %s\n", cfg->log, strerror(errno));
    return 2;
  }
  if (!(s.ctxs = calloc(s.nslots, sizeof *s.ctxs))) {
    fprintf(stderr, "wasmlab serve: out of memory\n");
    goto out;
  }
  if (!(s.pool = wlab_pool_new(engine, m, &pc, link_slot, &s, &err))) {
    fprintf(stderr, "%s: %s\n", cfg->name, err.text);
    goto out;
  }
  { /* one instance up front: a module that cannot be instantiated is refused before listening */
    uint32_t slot;
    wlab_instance *inst = wlab_pool_acquire(s.pool, &slot, &err);
    if (!inst) {
      fprintf(stderr, "%s: %s\n", cfg->name, err.text);
      goto out;
    }
    bool has_start = wlab_instance_func(inst, "_start") != NULL;
    wlab_pool_release(s.pool, inst);
    if (!has_start) {
      fprintf(stderr, "%s: exports no _start: a WAGI handler is a WASI command\n", cfg->name);
      goto out;
    }
  }
  if ((fd = listen_on(cfg->listen, &s)) < 0)
    goto out;
  /* SIGINT and SIGTERM are taken by sigwait below: blocked here, before libmicrohttpd makes
   * its threads, so that none of them takes the signal instead */
  sigemptyset(&sigs);
  sigaddset(&sigs, SIGINT);
  sigaddset(&sigs, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &sigs, &old);
  d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_USE_ITC | MHD_USE_ERROR_LOG, 0, NULL,
                       NULL, on_access, &s, MHD_OPTION_LISTEN_SOCKET, fd, MHD_OPTION_THREAD_POOL_SIZE,
                       (unsigned)(pc.slots > 1 ? pc.slots : 0), MHD_OPTION_URI_LOG_CALLBACK, on_uri, &s,
                       MHD_OPTION_NOTIFY_COMPLETED, on_completed, &s, MHD_OPTION_CONNECTION_TIMEOUT, 30u,
                       MHD_OPTION_END);
  if (!d) {
    fprintf(stderr, "wasmlab serve: the HTTP server did not start on %s\n", cfg->listen);
    close(fd);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    goto out;
  }
  fprintf(stderr, "wasmlab serve: listening on http://%s%s%s:%s/ (%u workers)\n", strchr(s.host, ':') ? "[" : "",
          s.host, strchr(s.host, ':') ? "]" : "", s.port, pc.slots);
  fflush(stderr);
  while (sigwait(&sigs, &sig) != 0)
    ;
  /* stop accepting; the requests under way finish, and are sent, before the threads stop */
  atomic_store(&s.stopping, true);
  fprintf(stderr, "wasmlab serve: %s: stopping (%d request%s in flight)\n", sig == SIGINT ? "SIGINT" : "SIGTERM",
          atomic_load(&s.inflight), atomic_load(&s.inflight) == 1 ? "" : "s");
  if ((fd = MHD_quiesce_daemon(d)) >= 0)
    close(fd);
  for (int waited = 0; atomic_load(&s.inflight) > 0 && waited < 600 * 100; waited++)
    usleep(10000); /* at most 10 minutes: a client that never sends the body it announced */
  MHD_stop_daemon(d);
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  if (cfg->stats)
    print_stats(&s);
  status = 0;
out:
  if (s.pool)
    wlab_pool_free(s.pool);
  for (uint32_t i = 0; s.ctxs && i < s.nslots; i++)
    wasi_free(s.ctxs[i]);
  free(s.ctxs);
  free(s.samples);
  if (s.log && s.log != stdout)
    fclose(s.log);
  pthread_mutex_destroy(&s.lock);
  return status;
}

#else /* no libmicrohttpd */

bool serve_available(void) { return false; }

int serve_run(wlab_engine *engine, const wlab_module *m, const serve_config *cfg)
{
  (void)engine, (void)m, (void)cfg;
  fprintf(stderr, "wasmlab serve: this wasmlab was built without the HTTP server (libmicrohttpd was not found "
          "when it was configured: apt-get install libmicrohttpd-dev, then build again)\n");
  return 1;
}

#endif
