/* wasi.c: the WASI context and grants, the import table, and args, environ, clocks, random, poll, proc, sched. */
#include "wasi/wasi.h"
#include "core/startup.h"

/*
 * Built on the public API only.  The other files of wasi/ each hold one part of preview1:
 *   abi.h   the interface's numbers and layouts, and checked access to guest memory
 *   fd.c    the descriptor table and fd_*        path.c  resolution beneath a preopen, path_*
 *   sock.c  sock_*                               wasi.c  the rest, and the table of all 46
 * Every pointer and length from the guest is checked against its memory before use (errno
 * FAULT, never a host crash); counts are bounded (abi.h); every failure is a preview1 errno.
 */

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "wasi/abi.h"
#include "wasi/ctx.h"
#include "wasi/fd.h"
#include "wasi/path.h"
#include "wasi/sock.h"

/* ---- context and grants ------------------------------------------------------------------ */

/* The pointers, then the strings, in one block (one allocation, one free): `run --inherit-env`
 * copies every host variable, and a strdup each was a malloc each at start-up. */
WLAB_STARTUP static char **copy_strings(int n, char *const *src)
{
  size_t bytes = ((size_t)n + 1) * sizeof(char *);
  for (int i = 0; i < n; i++)
    bytes += strlen(src[i]) + 1;
  char **out = malloc(bytes), *at;
  if (!out)
    return NULL;
  at = (char *)(out + n + 1);
  for (int i = 0; i < n; i++) {
    size_t len = strlen(src[i]) + 1;
    out[i] = memcpy(at, src[i], len);
    at += len;
  }
  out[n] = NULL;
  return out;
}

wasi_ctx *wasi_new(int argc, char *const *argv, int nenv, char *const *env)
{
  wasi_ctx *c = calloc(1, sizeof *c);
  const char *walk = getenv("WLAB_WASI_NO_OPENAT2");
  if (!c)
    return NULL;
  c->null_fd = -1;
  c->argc = argc;
  c->nenv = nenv;
  /* tests set this to run the component walk on kernels that have openat2 */
  c->no_openat2 = walk && *walk && strcmp(walk, "0") != 0;
  if (!(c->argv = copy_strings(argc, argv)) || !(c->env = copy_strings(nenv, env)) || !fd_init_stdio(c)) {
    wasi_free(c);
    return NULL;
  }
  return c;
}

void wasi_free(wasi_ctx *c)
{
  if (!c)
    return;
  free(c->argv); /* each with its strings (copy_strings) */
  free(c->env);
  fd_close_all(c);
  fd_free_saved(c);
  if (c->null_fd >= 0)
    close(c->null_fd);
  free(c->out[0].data);
  free(c->out[1].data);
  free(c);
}

/* ---- request contexts -------------------------------------------------------------------- */

static int host_errno(int e) { return e == E_NOMEM ? ENOMEM : e == E_INVAL ? EINVAL : EIO; }

int wasi_capture_stdio(wasi_ctx *c, size_t out_limit, size_t err_limit)
{
  int e = fd_save_table(c);
  c->out[0].limit = out_limit;
  c->out[1].limit = err_limit;
  return e == E_SUCCESS ? 0 : host_errno(e);
}

void wasi_set_stdin_buffer(wasi_ctx *c, const uint8_t *data, size_t len)
{
  c->in = data;
  c->in_len = data ? len : 0;
  c->in_pos = 0;
}

int wasi_set_args_env(wasi_ctx *c, int argc, char *const *argv, int nenv, char *const *env)
{
  char **a = copy_strings(argc, argv), **v = a ? copy_strings(nenv, env) : NULL;
  if (!a || !v) {
    free(a);
    return ENOMEM;
  }
  free(c->argv); /* each with its strings (copy_strings) */
  free(c->env);
  c->argc = argc, c->argv = a;
  c->nenv = nenv, c->env = v;
  return 0;
}

const uint8_t *wasi_captured(const wasi_ctx *c, int fd, size_t *len, bool *over)
{
  const mem_out *o = &c->out[fd == 2];
  *len = o->len;
  if (over)
    *over = o->over;
  return o->data;
}

int wasi_reset_request(wasi_ctx *c)
{
  c->out[0].len = c->out[1].len = 0;
  c->out[0].over = c->out[1].over = false;
  wasi_set_stdin_buffer(c, NULL, 0);
  return c->saved && fd_restore_table(c) != E_SUCCESS ? ENOMEM : 0;
}

int wasi_preopen_dir(wasi_ctx *c, const char *host_path, const char *guest_name, int read_only)
{
  int host = open(host_path, O_RDONLY | O_DIRECTORY | O_CLOEXEC), err;
  uint32_t fd;
  char *name;
  if (host < 0)
    return errno;
  if (!(name = strdup(guest_name))) {
    close(host);
    return ENOMEM;
  }
  /* Inheriting rights are all rights even when read-only: libc asks path_open for the write
   * rights it needs, and path_open answers EROFS, so fopen("w") fails at the open. */
  err = fd_insert(c, host, FT_DIRECTORY, read_only ? R_DIRECTORY & ~R_DIRECTORY_WRITES : R_DIRECTORY, R_ALL,
                  read_only, &fd);
  if (err != E_SUCCESS) {
    free(name);
    return err == E_NOMEM ? ENOMEM : EMFILE;
  }
  c->fds[fd].preopen = name;
  c->fds[fd].preopen_len = strlen(name);
  return 0;
}

int wasi_preopen_socket(wasi_ctx *c, int host_fd)
{
  struct stat st;
  uint32_t fd;
  int err;
  if (fstat(host_fd, &st) != 0)
    return -1;
  if (!S_ISSOCK(st.st_mode)) {
    errno = ENOTSOCK;
    return -1;
  }
  if ((err = fd_insert(c, host_fd, FT_SOCKET_STREAM, R_SOCKET, 0, false, &fd)) != E_SUCCESS) {
    errno = err == E_NOMEM ? ENOMEM : EMFILE;
    return -1;
  }
  return (int)fd;
}

/* ---- arguments and environment ----------------------------------------------------------- */

static int strings_sizes(abi_mem m, int n, char **s, uint32_t count_ptr, uint32_t size_ptr)
{
  uint64_t total = 0;
  if (!abi_in_bounds(m, count_ptr, 4) || !abi_in_bounds(m, size_ptr, 4))
    return E_FAULT;
  for (int i = 0; i < n; i++)
    total += strlen(s[i]) + 1;
  if (total > UINT32_MAX)
    return E_2BIG;
  abi_put_u32(m, count_ptr, (uint32_t)n);
  abi_put_u32(m, size_ptr, (uint32_t)total);
  return E_SUCCESS;
}

static int strings_get(abi_mem m, int n, char **s, uint32_t ptrs, uint32_t buf)
{
  uint64_t need = 0;
  if (!abi_in_bounds(m, ptrs, (uint64_t)n * 4))
    return E_FAULT;
  for (int i = 0; i < n; i++)
    need += strlen(s[i]) + 1;
  if (!abi_in_bounds(m, buf, need))
    return E_FAULT;
  for (int i = 0; i < n; i++) {
    size_t len = strlen(s[i]) + 1;
    abi_put_u32(m, ptrs + 4 * (uint32_t)i, buf);
    memcpy(m.base + buf, s[i], len);
    buf += (uint32_t)len;
  }
  return E_SUCCESS;
}

static WASI_FN(args_sizes_get)
{
  wasi_ctx *c = env;
  RETURN_ERRNO(strings_sizes(abi_memory(caller), c->argc, c->argv, ARG32(0), ARG32(1)));
}

static WASI_FN(args_get)
{
  wasi_ctx *c = env;
  RETURN_ERRNO(strings_get(abi_memory(caller), c->argc, c->argv, ARG32(0), ARG32(1)));
}

static WASI_FN(environ_sizes_get)
{
  wasi_ctx *c = env;
  RETURN_ERRNO(strings_sizes(abi_memory(caller), c->nenv, c->env, ARG32(0), ARG32(1)));
}

static WASI_FN(environ_get)
{
  wasi_ctx *c = env;
  RETURN_ERRNO(strings_get(abi_memory(caller), c->nenv, c->env, ARG32(0), ARG32(1)));
}

/* ---- clocks, random ---------------------------------------------------------------------- */

/* preview1 clock ids 0-3: realtime, monotonic, process and thread CPU time */
static bool clock_of(uint32_t id, clockid_t *out)
{
  static const clockid_t ids[] = {CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_PROCESS_CPUTIME_ID, CLOCK_THREAD_CPUTIME_ID};
  if (id >= sizeof ids / sizeof *ids)
    return false;
  *out = ids[id];
  return true;
}

static uint64_t ns_of(struct timespec ts) { return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec; }

static uint64_t now_ns(clockid_t id)
{
  struct timespec ts;
  clock_gettime(id, &ts);
  return ns_of(ts);
}

/* clock_res_get and clock_time_get: read clock `id` with `get`, store nanoseconds at `out`. */
static int clock_query(abi_mem m, uint32_t id, uint32_t out, int (*get)(clockid_t, struct timespec *))
{
  clockid_t cid;
  struct timespec ts;
  if (!clock_of(id, &cid))
    return E_INVAL;
  if (!abi_in_bounds(m, out, 8))
    return E_FAULT;
  if (get(cid, &ts) != 0)
    return abi_errno_of(errno);
  abi_put_u64(m, out, ns_of(ts));
  return E_SUCCESS;
}

static WASI_FN(clock_res_get) /* (id, resolution*) */
{
  RETURN_ERRNO(clock_query(abi_memory(caller), ARG32(0), ARG32(1), clock_getres));
}

static WASI_FN(clock_time_get) /* (id, precision: i64, time*) */
{
  RETURN_ERRNO(clock_query(abi_memory(caller), ARG32(0), ARG32(2), clock_gettime));
}

static WASI_FN(random_get) /* (buf, len) */
{
  abi_mem m = abi_memory(caller);
  uint32_t ptr = ARG32(0), len = ARG32(1), done = 0;
  if (!abi_in_bounds(m, ptr, len))
    RETURN_ERRNO(E_FAULT);
  while (done < len) {
    ssize_t n = getrandom(m.base + ptr + done, len - done, 0);
    if (n < 0 && errno != EINTR)
      RETURN_ERRNO(abi_errno_of(errno));
    if (n > 0)
      done += (uint32_t)n;
  }
  RETURN_ERRNO(E_SUCCESS);
}

/* ---- poll_oneoff ------------------------------------------------------------------------- */

/* One subscription, copied out of guest memory first: the events may be written over it. */
typedef struct sub {
  uint64_t userdata;
  uint8_t tag;
  uint16_t error;     /* known before waiting (bad clock, bad descriptor): reported at once */
  int poll;           /* index in the pollfd array for descriptor subscriptions, else -1 */
  uint64_t deadline;  /* clock subscriptions: CLOCK_MONOTONIC nanoseconds */
  fd_entry *fd;
} sub;

static void put_event(abi_mem m, uint32_t p, const sub *s, uint16_t error, uint64_t nbytes, uint16_t flags)
{
  memset(m.base + p, 0, EVENT_SIZE);
  abi_put_u64(m, p, s->userdata);
  abi_put_u16(m, p + 8, error);
  abi_put_u8(m, p + 10, s->tag);
  abi_put_u64(m, p + 16, nbytes);
  abi_put_u16(m, p + 24, flags);
}

/* Bytes ready to read: what is left of a regular file, else what the kernel has queued. */
static uint64_t readable_bytes(int host)
{
  struct stat st;
  off_t pos;
  int queued;
  if (fstat(host, &st) == 0 && S_ISREG(st.st_mode) && (pos = lseek(host, 0, SEEK_CUR)) >= 0)
    return st.st_size > pos ? (uint64_t)(st.st_size - pos) : 0;
  return ioctl(host, FIONREAD, &queued) == 0 && queued > 0 ? (uint64_t)queued : 0;
}

/* Converts a clock subscription (id u32 @16, timeout u64 @24, flags u16 @40) into a deadline
 * on the monotonic clock, so that one wait serves every clock. */
static uint16_t clock_deadline(abi_mem m, uint32_t p, uint64_t now_mono, uint64_t *deadline)
{
  clockid_t cid;
  uint64_t timeout = abi_get_u64(m, p + 24), remaining;
  if (!clock_of(abi_get_u32(m, p + 16), &cid))
    return E_INVAL;
  if (abi_get_u16(m, p + 40) & SUBCLOCK_ABSTIME) {
    uint64_t now = now_ns(cid);
    remaining = timeout > now ? timeout - now : 0;
  } else
    remaining = timeout;
  *deadline = remaining > UINT64_MAX - now_mono ? UINT64_MAX : now_mono + remaining;
  return E_SUCCESS;
}

static int poll_oneoff_(wasi_ctx *c, abi_mem m, uint32_t in, uint32_t out, uint32_t n, uint32_t nevents)
{
  sub *subs;
  struct pollfd *pfds;
  uint32_t npoll = 0, nev = 0;
  bool ready_now = false;
  uint64_t now = now_ns(CLOCK_MONOTONIC);
  int err = E_SUCCESS;
  if (n == 0 || n > ABI_MAX_SUBSCRIPTIONS)
    return E_INVAL; /* zero would wait forever with nothing to wake it */
  if (!abi_in_bounds(m, in, (uint64_t)n * SUBSCRIPTION_SIZE) || !abi_in_bounds(m, out, (uint64_t)n * EVENT_SIZE) ||
      !abi_in_bounds(m, nevents, 4))
    return E_FAULT;
  subs = calloc(n, sizeof *subs);
  pfds = calloc(n, sizeof *pfds);
  if (!subs || !pfds) {
    free(subs);
    free(pfds);
    return E_NOMEM;
  }
  for (uint32_t i = 0; i < n && err == E_SUCCESS; i++) {
    uint32_t p = in + i * SUBSCRIPTION_SIZE;
    sub *s = &subs[i];
    s->userdata = abi_get_u64(m, p);
    s->tag = m.base[p + 8];
    s->poll = -1;
    if (s->tag == EVENT_CLOCK)
      s->error = clock_deadline(m, p, now, &s->deadline);
    else if (s->tag == EVENT_FD_READ || s->tag == EVENT_FD_WRITE) {
      fd_entry *e = fd_get(c, abi_get_u32(m, p + 16));
      uint64_t need = s->tag == EVENT_FD_READ ? R_FD_READ : R_FD_WRITE;
      if (!e)
        s->error = E_BADF;
      else if (!(e->base & (need | R_POLL_FD_READWRITE)))
        s->error = E_NOTCAPABLE;
      else {
        s->fd = e;
        s->poll = (int)npoll;
        pfds[npoll].fd = e->host;
        pfds[npoll++].events = s->tag == EVENT_FD_READ ? POLLIN : POLLOUT;
      }
    } else
      err = E_INVAL;
    ready_now |= s->error != E_SUCCESS;
  }
  while (err == E_SUCCESS && nev == 0) {
    uint64_t earliest = UINT64_MAX;
    struct timespec ts, *timeout = NULL;
    for (uint32_t i = 0; i < n; i++)
      if (subs[i].tag == EVENT_CLOCK && !subs[i].error && subs[i].deadline < earliest)
        earliest = subs[i].deadline;
    if (ready_now)
      earliest = now;
    if (earliest != UINT64_MAX) {
      uint64_t wait = earliest > now ? earliest - now : 0;
      ts.tv_sec = (time_t)(wait / 1000000000u);
      ts.tv_nsec = (long)(wait % 1000000000u);
      timeout = &ts;
    }
    if (ppoll(pfds, npoll, timeout, NULL) < 0 && errno != EINTR) {
      err = abi_errno_of(errno);
      break;
    }
    now = now_ns(CLOCK_MONOTONIC);
    for (uint32_t i = 0; i < n; i++) {
      sub *s = &subs[i];
      uint32_t p = out + nev * EVENT_SIZE;
      if (s->error)
        put_event(m, p, s, s->error, 0, 0), nev++;
      else if (s->tag == EVENT_CLOCK && s->deadline <= now)
        put_event(m, p, s, E_SUCCESS, 0, 0), nev++;
      else if (s->poll >= 0 && pfds[s->poll].revents) {
        short r = pfds[s->poll].revents;
        uint16_t error = (r & POLLNVAL) ? E_BADF : (r & POLLERR) && !(r & (POLLIN | POLLOUT)) ? E_IO : E_SUCCESS;
        uint64_t nbytes = s->tag == EVENT_FD_READ && !error ? readable_bytes(s->fd->host) : 0;
        put_event(m, p, s, error, nbytes, (r & POLLHUP) ? EVENTRW_HANGUP : 0);
        nev++;
      }
    }
  }
  if (err == E_SUCCESS)
    abi_put_u32(m, nevents, nev);
  free(subs);
  free(pfds);
  return err;
}

static WASI_FN(poll_oneoff) /* (in, out, nsubscriptions, nevents*) */
{
  RETURN_ERRNO(poll_oneoff_(env, abi_memory(caller), ARG32(0), ARG32(1), ARG32(2), ARG32(3)));
}

/* ---- process ----------------------------------------------------------------------------- */

static WASI_FN(sched_yield_)
{
  sched_yield();
  RETURN_ERRNO(E_SUCCESS);
}

static WASI_FN(proc_exit) /* (code): no result; the call unwinds with WLAB_ERR_EXIT */
{
  (void)caller, (void)env, (void)results;
  fflush(stdout);
  werr->exit_code = args[0].of.i32;
  snprintf(werr->message, sizeof werr->message, "exit %d", werr->exit_code);
  return WLAB_ERR_EXIT;
}

static WASI_FN(proc_raise) /* (signal) */
{
  /* Deliberately unsupported: raising a host signal would act on the runtime, not the guest,
   * and the function is gone from later WASI versions. */
  RETURN_ERRNO(E_NOSYS);
}

/* ---- the table --------------------------------------------------------------------------- */

/* Each function with its parameter types: i = i32, I = i64.  All return an errno (i32) except
 * proc_exit, which does not return. */
static const struct wasi_fn {
  const char *name;
  wlab_host_fn fn;
  const char *params;
} functions[] = {
  {"args_get", args_get, "ii"},
  {"args_sizes_get", args_sizes_get, "ii"},
  {"environ_get", environ_get, "ii"},
  {"environ_sizes_get", environ_sizes_get, "ii"},
  {"clock_res_get", clock_res_get, "ii"},
  {"clock_time_get", clock_time_get, "iIi"},
  {"fd_advise", fd_advise, "iIIi"},
  {"fd_allocate", fd_allocate, "iII"},
  {"fd_close", fd_close, "i"},
  {"fd_datasync", fd_datasync, "i"},
  {"fd_fdstat_get", fd_fdstat_get, "ii"},
  {"fd_fdstat_set_flags", fd_fdstat_set_flags, "ii"},
  {"fd_fdstat_set_rights", fd_fdstat_set_rights, "iII"},
  {"fd_filestat_get", fd_filestat_get, "ii"},
  {"fd_filestat_set_size", fd_filestat_set_size, "iI"},
  {"fd_filestat_set_times", fd_filestat_set_times, "iIIi"},
  {"fd_pread", fd_pread, "iiiIi"},
  {"fd_prestat_get", fd_prestat_get, "ii"},
  {"fd_prestat_dir_name", fd_prestat_dir_name, "iii"},
  {"fd_pwrite", fd_pwrite, "iiiIi"},
  {"fd_read", fd_read, "iiii"},
  {"fd_readdir", fd_readdir, "iiiIi"},
  {"fd_renumber", fd_renumber, "ii"},
  {"fd_seek", fd_seek, "iIii"},
  {"fd_sync", fd_sync, "i"},
  {"fd_tell", fd_tell, "ii"},
  {"fd_write", fd_write, "iiii"},
  {"path_create_directory", path_create_directory, "iii"},
  {"path_filestat_get", path_filestat_get, "iiiii"},
  {"path_filestat_set_times", path_filestat_set_times, "iiiiIIi"},
  {"path_link", path_link, "iiiiiii"},
  {"path_open", path_open, "iiiiiIIii"},
  {"path_readlink", path_readlink, "iiiiii"},
  {"path_remove_directory", path_remove_directory, "iii"},
  {"path_rename", path_rename, "iiiiii"},
  {"path_symlink", path_symlink, "iiiii"},
  {"path_unlink_file", path_unlink_file, "iii"},
  {"poll_oneoff", poll_oneoff, "iiii"},
  {"proc_exit", proc_exit, "i"},
  {"proc_raise", proc_raise, "i"},
  {"sched_yield", sched_yield_, ""},
  {"random_get", random_get, "ii"},
  {"sock_accept", sock_accept, "iii"},
  {"sock_recv", sock_recv, "iiiiii"},
  {"sock_send", sock_send, "iiiii"},
  {"sock_shutdown", sock_shutdown, "ii"},
};

static wlab_status define_fn(wasi_ctx *ctx, wlab_linker *linker, const struct wasi_fn *f, wlab_error *err)
{
  static const wlab_valtype errno_result[] = {WLAB_I32};
  wlab_valtype params[16];
  uint32_t n = 0;
  for (const char *t = f->params; *t; t++)
    params[n++] = *t == 'I' ? WLAB_I64 : WLAB_I32;
  wlab_functype type = {n, f->fn == proc_exit ? 0 : 1, params, errno_result};
  return wlab_linker_define_func(linker, "wasi_snapshot_preview1", f->name, &type, f->fn, ctx, err);
}

wlab_status wasi_define(wasi_ctx *ctx, wlab_linker *linker, wlab_error *err)
{
  _Static_assert(sizeof functions / sizeof *functions == 46, "preview1 has 46 functions");
  for (size_t i = 0; i < sizeof functions / sizeof *functions; i++) {
    wlab_status st = define_fn(ctx, linker, &functions[i], err);
    if (st != WLAB_OK)
      return st;
  }
  return WLAB_OK;
}

/* Defining all 46 (two name copies and a host function each) was 30,000 instructions of a cold
 * `wasmlab run` of hello, which imports four.  A name preview1 lacks stays undefined, as it was. */
wlab_status wasi_define_imports(wasi_ctx *ctx, wlab_linker *linker, const wlab_module *m, wlab_error *err)
{
  uint64_t defined = 0;
  _Static_assert(sizeof functions / sizeof *functions <= 64, "one bit a function");
  for (uint32_t i = 0; i < wlab_module_import_count(m); i++) {
    wlab_extern_desc d;
    wlab_module_import(m, i, &d);
    if (d.module_len != 22 || memcmp(d.module, "wasi_snapshot_preview1", 22) != 0)
      continue;
    for (size_t k = 0; k < sizeof functions / sizeof *functions; k++) {
      if (strlen(functions[k].name) != d.name_len || memcmp(functions[k].name, d.name, d.name_len) != 0)
        continue;
      if (!(defined >> k & 1)) {
        wlab_status st = define_fn(ctx, linker, &functions[k], err);
        if (st != WLAB_OK)
          return st;
        defined |= (uint64_t)1 << k;
      }
      break;
    }
  }
  return WLAB_OK;
}

int wasi_module_uses(const wlab_module *m)
{
  for (uint32_t i = 0; i < wlab_module_import_count(m); i++) {
    wlab_extern_desc d;
    wlab_module_import(m, i, &d);
    if (d.module_len == 22 && memcmp(d.module, "wasi_snapshot_preview1", 22) == 0)
      return 1;
  }
  return 0;
}
