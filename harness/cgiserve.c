/* cgiserve.c: the lab's process-per-request CGI server (RFC 3875) on libmicrohttpd: the comparison rows of the serve experiment. */
/*
 *   cgiserve [--listen ADDR:PORT] [--timeout S] [--hide-mount PATH]... -- COMMAND [ARG...]
 *
 * Every HTTP request starts COMMAND once (posix_spawn) with the CGI variables as its whole
 * environment (plus PATH), the request body on its stdin and its stdout read back as a CGI
 * response: header lines, a blank line, the body. An argument spelt exactly "{id}" is replaced by
 * a name unique to the request (a container id, for `crun run --bundle B {id}`). The port may be
 * 0: the line "cgiserve: listening on ADDR:PORT" on stdout says which one was taken.
 *
 * Status codes the server gives of its own: 500 when the command exits non-zero or is killed
 * (nothing it wrote is sent), 502 when its output is not a CGI response, 504 when it runs past
 * --timeout (it is killed), 413 for a body over 8 MiB. SIGINT/SIGTERM stop it after the requests
 * in flight are answered.
 *
 * --hide-mount PATH: unmount PATH in a private mount namespace of the server's own before
 * serving (every command inherits it). crun refuses a hybrid cgroup layout (v1 controllers with a
 * cgroup2 mount beside them) unless the cgroup2 mount is out of sight; the lab's cold-start runs
 * do the same per process (launch.c).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <time.h>
#include <unistd.h>

enum { MAX_BODY = 8 << 20, MAX_OUT = 16 << 20, MAX_ENV = 160 };

static char **cmd_argv;
static int cmd_argc;
static int timeout_ms = 30000;
static unsigned short port;
static char addr_text[64] = "127.0.0.1";
static const char *path_env;
static atomic_ulong request_seq;
static atomic_int in_flight; /* requests between their headers and the end of their response */

/* One request's body as it arrives (MHD hands it over in pieces). */
typedef struct {
  char *buf;
  size_t len, cap;
  int too_large;
} upload;

/* The CGI environment under construction: "NAME=value" strings, malloc'd. */
typedef struct {
  char *v[MAX_ENV + 1];
  int n;
} envlist;

static void env_add(envlist *e, const char *name, const char *value)
{
  if (e->n >= MAX_ENV || !value)
    return;
  size_t ln = strlen(name), lv = strlen(value);
  char *s = malloc(ln + lv + 2);
  if (!s)
    return;
  memcpy(s, name, ln);
  s[ln] = '=';
  memcpy(s + ln + 1, value, lv + 1);
  e->v[e->n++] = s;
}

static void env_free(envlist *e)
{
  for (int i = 0; i < e->n; i++)
    free(e->v[i]);
}

/* Request headers become HTTP_<NAME> (upper case, '-' to '_'), except the two CGI names its own. */
static enum MHD_Result add_header(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
  (void)kind;
  envlist *e = cls;
  if (strcasecmp(key, "Content-Type") == 0 || strcasecmp(key, "Content-Length") == 0)
    return MHD_YES;
  char name[128] = "HTTP_";
  size_t k = 5;
  for (const char *p = key; *p && k + 1 < sizeof name; p++) {
    char c = *p;
    name[k++] = c == '-' ? '_' : (c >= 'a' && c <= 'z') ? (char)(c - 32) : c;
  }
  name[k] = 0;
  env_add(e, name, value);
  return MHD_YES;
}

/* The query string, rebuilt from MHD's decoded arguments (it keeps no raw copy). */
typedef struct {
  char buf[4096];
  size_t len;
} query;

static void query_put(query *q, const char *s)
{
  static const char hex[] = "0123456789ABCDEF";
  for (; *s && q->len + 4 < sizeof q->buf; s++) {
    unsigned char c = (unsigned char)*s;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || strchr("-_.~", c)) {
      q->buf[q->len++] = (char)c;
    } else {
      q->buf[q->len++] = '%';
      q->buf[q->len++] = hex[c >> 4];
      q->buf[q->len++] = hex[c & 15];
    }
  }
  q->buf[q->len] = 0;
}

static enum MHD_Result add_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
  (void)kind;
  query *q = cls;
  if (q->len > 0 && q->len + 2 < sizeof q->buf)
    q->buf[q->len++] = '&';
  query_put(q, key);
  if (value && q->len + 2 < sizeof q->buf) {
    q->buf[q->len++] = '=';
    query_put(q, value);
  }
  q->buf[q->len] = 0;
  return MHD_YES;
}

static void cgi_env(struct MHD_Connection *c, envlist *e, const char *method, const char *url,
                    const char *version, size_t body_len)
{
  char num[32];
  env_add(e, "PATH", path_env ? path_env : "/usr/bin:/bin");
  env_add(e, "GATEWAY_INTERFACE", "CGI/1.1");
  env_add(e, "SERVER_SOFTWARE", "cgiserve");
  env_add(e, "SERVER_PROTOCOL", version);
  env_add(e, "SERVER_NAME", addr_text);
  snprintf(num, sizeof num, "%u", port);
  env_add(e, "SERVER_PORT", num);
  env_add(e, "REQUEST_METHOD", method);
  env_add(e, "SCRIPT_NAME", "");
  env_add(e, "PATH_INFO", url);
  query q = {.len = 0};
  q.buf[0] = 0;
  MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, add_arg, &q);
  env_add(e, "QUERY_STRING", q.buf);
  const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
  char ip[INET6_ADDRSTRLEN] = "";
  if (ci && ci->client_addr) {
    if (ci->client_addr->sa_family == AF_INET)
      inet_ntop(AF_INET, &((const struct sockaddr_in *)ci->client_addr)->sin_addr, ip, sizeof ip);
    else if (ci->client_addr->sa_family == AF_INET6)
      inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)ci->client_addr)->sin6_addr, ip, sizeof ip);
  }
  env_add(e, "REMOTE_ADDR", ip);
  const char *ct = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
  if (ct)
    env_add(e, "CONTENT_TYPE", ct);
  if (body_len > 0 || strcmp(method, "POST") == 0 || strcmp(method, "PUT") == 0) {
    snprintf(num, sizeof num, "%zu", body_len);
    env_add(e, "CONTENT_LENGTH", num);
  }
  MHD_get_connection_values(c, MHD_HEADER_KIND, add_header, e);
  e->v[e->n] = NULL;
}

static long long now_ms(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* What running the command gave: its stdout and how it ended. */
typedef struct {
  char *out;
  size_t len;
  int status;    /* waitpid status */
  int timed_out;
  int spawn_err; /* errno of a failed spawn, else 0 */
} run_result;

/* Runs the command with env, writes body to its stdin while reading its stdout (both at once, so
 * neither side can fill a pipe and stall the other), kills it past the timeout. */
static void run_command(char **env, const char *body, size_t body_len, run_result *r)
{
  memset(r, 0, sizeof *r);
  int in[2], out[2];
  /* close-on-exec, so commands spawned at once by other threads do not hold these ends open */
  if (pipe2(in, O_CLOEXEC) != 0) {
    r->spawn_err = errno;
    return;
  }
  if (pipe2(out, O_CLOEXEC) != 0) {
    r->spawn_err = errno;
    close(in[0]);
    close(in[1]);
    return;
  }
  char idbuf[64];
  snprintf(idbuf, sizeof idbuf, "cgi-%d-%lu", (int)getpid(), atomic_fetch_add(&request_seq, 1));
  char *argv[cmd_argc + 1];
  for (int i = 0; i < cmd_argc; i++)
    argv[i] = strcmp(cmd_argv[i], "{id}") == 0 ? idbuf : cmd_argv[i];
  argv[cmd_argc] = NULL;

  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, in[0], 0);
  posix_spawn_file_actions_adddup2(&fa, out[1], 1);
  pid_t pid;
  int err = posix_spawnp(&pid, argv[0], &fa, NULL, argv, env);
  posix_spawn_file_actions_destroy(&fa);
  close(in[0]);
  close(out[1]);
  if (err != 0) {
    r->spawn_err = err;
    close(in[1]);
    close(out[0]);
    return;
  }
  fcntl(in[1], F_SETFL, O_NONBLOCK);
  fcntl(out[0], F_SETFL, O_NONBLOCK);
  size_t sent = 0, cap = 0;
  int win = in[1], rout = out[0];
  if (body_len == 0) {
    close(win);
    win = -1;
  }
  long long deadline = now_ms() + timeout_ms;
  while (rout >= 0) {
    struct pollfd p[2];
    int np = 0, iw = -1, ir;
    if (win >= 0) {
      p[np] = (struct pollfd){.fd = win, .events = POLLOUT};
      iw = np++;
    }
    p[np] = (struct pollfd){.fd = rout, .events = POLLIN};
    ir = np++;
    long long left = deadline - now_ms();
    if (left <= 0) {
      r->timed_out = 1;
      kill(pid, SIGKILL);
      break;
    }
    if (poll(p, (nfds_t)np, (int)left) < 0 && errno != EINTR)
      break;
    if (iw >= 0 && (p[iw].revents & (POLLOUT | POLLERR | POLLHUP))) {
      ssize_t w = write(win, body + sent, body_len - sent);
      if (w > 0)
        sent += (size_t)w;
      /* the command may stop reading before the end (EPIPE): its answer still counts */
      if (sent == body_len || (w < 0 && errno != EAGAIN && errno != EINTR)) {
        close(win);
        win = -1;
      }
    }
    if (p[ir].revents & (POLLIN | POLLHUP | POLLERR)) {
      if (cap - r->len < 4096) {
        size_t ncap = cap ? cap * 2 : 16384;
        char *nb = ncap <= MAX_OUT ? realloc(r->out, ncap) : NULL;
        if (!nb) { /* more output than any response should have: end it */
          kill(pid, SIGKILL);
          break;
        }
        r->out = nb;
        cap = ncap;
      }
      ssize_t n = read(rout, r->out + r->len, cap - r->len);
      if (n > 0)
        r->len += (size_t)n;
      else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
        close(rout);
        rout = -1;
      }
    }
  }
  if (win >= 0)
    close(win);
  if (rout >= 0)
    close(rout);
  while (waitpid(pid, &r->status, 0) < 0 && errno == EINTR)
    ;
}

static enum MHD_Result plain(struct MHD_Connection *c, unsigned code, const char *fmt, ...)
{
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  strncat(msg, "\n", sizeof msg - strlen(msg) - 1);
  struct MHD_Response *resp = MHD_create_response_from_buffer(strlen(msg), msg, MHD_RESPMEM_MUST_COPY);
  if (!resp)
    return MHD_NO;
  MHD_add_response_header(resp, "Content-Type", "text/plain");
  enum MHD_Result ret = MHD_queue_response(c, code, resp);
  MHD_destroy_response(resp);
  return ret;
}

/* Turns the command's stdout into the HTTP response: header lines up to the first blank line
 * (LF or CRLF), Status sets the code, Location without Status means 302, others pass through. */
static enum MHD_Result cgi_response(struct MHD_Connection *c, const char *out, size_t len)
{
  const char *end = NULL, *body = NULL;
  for (size_t i = 0; i + 1 < len; i++) {
    if (out[i] == '\n' && out[i + 1] == '\n') {
      end = out + i + 1;
      body = out + i + 2;
      break;
    }
    if (i + 3 < len && memcmp(out + i, "\r\n\r\n", 4) == 0) {
      end = out + i + 2;
      body = out + i + 4;
      break;
    }
  }
  if (!end)
    return plain(c, MHD_HTTP_BAD_GATEWAY, "cgiserve: the handler's output is not a CGI response (no blank line after the headers)");
  struct MHD_Response *resp = MHD_create_response_from_buffer((size_t)(out + len - body), (void *)body, MHD_RESPMEM_MUST_COPY);
  if (!resp)
    return MHD_NO;
  unsigned code = 0;
  int location = 0, typed = 0;
  for (const char *l = out; l < end;) {
    const char *nl = memchr(l, '\n', (size_t)(end - l));
    const char *le = nl ? nl : end;
    size_t n = (size_t)(le - l);
    if (n > 0 && l[n - 1] == '\r')
      n--;
    char line[1024];
    if (n >= sizeof line)
      n = sizeof line - 1;
    memcpy(line, l, n);
    line[n] = 0;
    l = nl ? nl + 1 : end;
    if (n == 0)
      continue;
    char *colon = strchr(line, ':');
    if (!colon || colon == line) {
      MHD_destroy_response(resp);
      return plain(c, MHD_HTTP_BAD_GATEWAY, "cgiserve: malformed CGI header line '%.80s'", line);
    }
    *colon = 0;
    char *v = colon + 1;
    while (*v == ' ' || *v == '\t')
      v++;
    if (strcasecmp(line, "Status") == 0) {
      char *e;
      unsigned long s = strtoul(v, &e, 10);
      if (e == v || s < 100 || s > 599) {
        MHD_destroy_response(resp);
        return plain(c, MHD_HTTP_BAD_GATEWAY, "cgiserve: bad CGI Status '%.80s'", v);
      }
      code = (unsigned)s;
      continue;
    }
    if (strcasecmp(line, "Location") == 0)
      location = 1;
    if (strcasecmp(line, "Content-Type") == 0)
      typed = 1;
    MHD_add_response_header(resp, line, v);
  }
  if (!code)
    code = location ? MHD_HTTP_FOUND : MHD_HTTP_OK;
  if (!typed && !location && code == MHD_HTTP_OK) {
    /* RFC 3875 6.2.1: a document response must say its type */
    MHD_destroy_response(resp);
    return plain(c, MHD_HTTP_BAD_GATEWAY, "cgiserve: the handler's response has no Content-Type");
  }
  enum MHD_Result ret = MHD_queue_response(c, code, resp);
  MHD_destroy_response(resp);
  return ret;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                                  const char *version, const char *data, size_t *data_size, void **con_cls)
{
  (void)cls;
  upload *u = *con_cls;
  if (!u) { /* the headers have arrived; the body, if any, follows in later calls */
    if (!(u = calloc(1, sizeof *u)))
      return MHD_NO;
    *con_cls = u;
    atomic_fetch_add(&in_flight, 1);
    return MHD_YES;
  }
  if (*data_size > 0) {
    if (!u->too_large) {
      if (u->len + *data_size > MAX_BODY) {
        u->too_large = 1;
      } else {
        if (u->len + *data_size > u->cap) {
          size_t ncap = u->cap ? u->cap : 4096;
          while (ncap < u->len + *data_size)
            ncap *= 2;
          char *nb = realloc(u->buf, ncap);
          if (!nb)
            return MHD_NO;
          u->buf = nb;
          u->cap = ncap;
        }
        memcpy(u->buf + u->len, data, *data_size);
        u->len += *data_size;
      }
    }
    *data_size = 0;
    return MHD_YES;
  }
  if (u->too_large)
    return plain(c, MHD_HTTP_CONTENT_TOO_LARGE, "cgiserve: request body over %d bytes", MAX_BODY);
  envlist env = {.n = 0};
  cgi_env(c, &env, method, url, version, u->len);
  run_result r;
  run_command(env.v, u->buf, u->len, &r);
  env_free(&env);
  enum MHD_Result ret;
  if (r.spawn_err)
    ret = plain(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "cgiserve: cannot start %s: %s", cmd_argv[0], strerror(r.spawn_err));
  else if (r.timed_out)
    ret = plain(c, MHD_HTTP_GATEWAY_TIMEOUT, "cgiserve: the handler ran past %d ms and was killed", timeout_ms);
  else if (WIFSIGNALED(r.status))
    ret = plain(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "cgiserve: the handler was killed by signal %d", WTERMSIG(r.status));
  else if (WEXITSTATUS(r.status) != 0)
    ret = plain(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "cgiserve: the handler exited with status %d", WEXITSTATUS(r.status));
  else
    ret = cgi_response(c, r.out ? r.out : "", r.len);
  free(r.out);
  return ret;
}

static void on_done(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode toe)
{
  (void)cls;
  (void)c;
  (void)toe;
  upload *u = *con_cls;
  if (u) {
    free(u->buf);
    free(u);
    *con_cls = NULL;
    atomic_fetch_sub(&in_flight, 1);
  }
}

static int hide_mounts(char **paths, int n)
{
  if (n == 0)
    return 0;
  if (unshare(CLONE_NEWNS) != 0 || mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0) {
    fprintf(stderr, "cgiserve: cannot make a private mount namespace: %s\n", strerror(errno));
    return -1;
  }
  for (int i = 0; i < n; i++)
    if (umount2(paths[i], MNT_DETACH) != 0) {
      fprintf(stderr, "cgiserve: cannot unmount %s: %s\n", paths[i], strerror(errno));
      return -1;
    }
  return 0;
}

static void usage(const char *msg)
{
  if (msg)
    fprintf(stderr, "cgiserve: %s\n", msg);
  fprintf(stderr, "usage: cgiserve [--listen ADDR:PORT] [--timeout S] [--hide-mount PATH]... -- COMMAND [ARG...]\n");
  exit(2);
}

int main(int argc, char **argv)
{
  const char *listen_at = "127.0.0.1:0";
  char *hide[8];
  int nhide = 0, i = 1;
  for (; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--") == 0) {
      i++;
      break;
    }
    if (a[0] != '-')
      break;
    if (i + 1 >= argc)
      usage("an option needs a value");
    if (strcmp(a, "--listen") == 0) {
      listen_at = argv[++i];
    } else if (strcmp(a, "--timeout") == 0) {
      char *e;
      double s = strtod(argv[++i], &e);
      if (*e || !(s > 0) || s > 3600)
        usage("--timeout takes seconds, more than 0 and at most 3600");
      timeout_ms = (int)(s * 1000);
    } else if (strcmp(a, "--hide-mount") == 0) {
      if (nhide == 8)
        usage("at most 8 --hide-mount paths");
      hide[nhide++] = argv[++i];
    } else {
      fprintf(stderr, "cgiserve: unknown option %s\n", a);
      usage(NULL);
    }
  }
  if (i >= argc)
    usage("no COMMAND given");
  cmd_argv = argv + i;
  cmd_argc = argc - i;
  path_env = getenv("PATH");

  const char *colon = strrchr(listen_at, ':');
  char *pe;
  long p = colon ? strtol(colon + 1, &pe, 10) : -1;
  if (!colon || colon == listen_at || (size_t)(colon - listen_at) >= sizeof addr_text || *pe || colon[1] == 0 || p < 0 || p > 65535)
    usage("--listen takes ADDR:PORT (an IPv4 address, PORT 0 for any free one)");
  memcpy(addr_text, listen_at, (size_t)(colon - listen_at));
  addr_text[colon - listen_at] = 0;
  struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((unsigned short)p)};
  if (inet_pton(AF_INET, addr_text, &sa.sin_addr) != 1)
    usage("--listen: the address is not an IPv4 address");

  if (hide_mounts(hide, nhide) != 0)
    return 1;

  /* SIGINT/SIGTERM are taken by sigwait below, in the main thread only: blocked before MHD's
   * threads start, so they inherit the mask. A client gone mid-write must not kill us (SIGPIPE). */
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, NULL);
  signal(SIGPIPE, SIG_IGN);

  /* a thread per connection: each request blocks its thread while its process runs, and requests
   * on other connections must not queue behind it */
  struct MHD_Daemon *d = MHD_start_daemon(MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL | MHD_USE_ITC | MHD_USE_ERROR_LOG,
                                          0, NULL, NULL, on_request, NULL,
                                          MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
                                          MHD_OPTION_NOTIFY_COMPLETED, on_done, NULL,
                                          MHD_OPTION_CONNECTION_LIMIT, 1000u,
                                          MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024u,
                                          MHD_OPTION_END);
  if (!d) {
    fprintf(stderr, "cgiserve: cannot listen on %s\n", listen_at);
    return 1;
  }
  const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
  port = di ? di->port : (unsigned short)p;
  printf("cgiserve: listening on %s:%u\n", addr_text, port);
  fflush(stdout);
  int sig;
  sigwait(&stop, &sig);
  /* No new connections; then the requests in flight finish (MHD_stop_daemon alone would shut
   * their sockets under them), at most a timeout and a few seconds more. */
  MHD_socket ls = MHD_quiesce_daemon(d);
  if (ls != MHD_INVALID_SOCKET)
    close(ls);
  long long until = now_ms() + timeout_ms + 5000;
  while (atomic_load(&in_flight) > 0 && now_ms() < until)
    usleep(10000);
  MHD_stop_daemon(d);
  return 0;
}
