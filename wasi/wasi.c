/* wasi.c: WASI preview1 host functions: arguments, environment, clocks, random, stdio, exit.
 *
 * Built on the public API only.  Every pointer and length from the guest is checked against
 * its memory before use (errno FAULT, never a host crash); iovec counts are bounded.  This
 * file holds the part of preview1 that needs no file system: descriptors 0, 1 and 2 are the
 * host's stdio and no directory is preopened, so the guest sees no files (issue: WASI with
 * capability grants adds preopens, paths and the rest).
 */
#include "wasi/wasi.h"

#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

/* preview1 errno values (witx: typenames.witx, enum errno) */
enum {
  E_SUCCESS = 0, E_2BIG = 1, E_ACCES = 2, E_AGAIN = 6, E_BADF = 8, E_FAULT = 21, E_INTR = 27,
  E_INVAL = 28, E_IO = 29, E_ISDIR = 31, E_NOENT = 44, E_NOMEM = 48, E_NOSPC = 51, E_NOSYS = 52,
  E_PERM = 63, E_PIPE = 64, E_SPIPE = 70, E_NOTCAPABLE = 76,
};

/* file types and rights used by fd_fdstat_get */
enum { FT_UNKNOWN = 0, FT_BLOCK = 1, FT_CHAR = 2, FT_DIR = 3, FT_REGULAR = 4, FT_SOCKET_STREAM = 6 };
#define RIGHT_FD_READ (1ull << 1)
#define RIGHT_FD_SEEK (1ull << 2)
#define RIGHT_FD_FDSTAT_SET_FLAGS (1ull << 3)
#define RIGHT_FD_SYNC (1ull << 4)
#define RIGHT_FD_TELL (1ull << 5)
#define RIGHT_FD_WRITE (1ull << 6)
#define RIGHT_FD_FILESTAT_GET (1ull << 21)
#define RIGHT_POLL_FD_READWRITE (1ull << 27)

#define MAX_IOVS 1024 /* as the host's IOV_MAX: more is refused with INVAL */
#define NFDS 3

struct wasi_ctx {
  int argc, nenv;
  char **argv, **env;
  bool closed[NFDS];
};

/* ---- context ----------------------------------------------------------------------------- */

static char **copy_strings(int n, char *const *src)
{
  char **out = calloc((size_t)n + 1, sizeof *out);
  if (!out)
    return NULL;
  for (int i = 0; i < n; i++)
    if (!(out[i] = strdup(src[i]))) {
      while (i-- > 0)
        free(out[i]);
      free(out);
      return NULL;
    }
  return out;
}

wasi_ctx *wasi_new(int argc, char *const *argv, int nenv, char *const *env)
{
  wasi_ctx *c = calloc(1, sizeof *c);
  if (!c)
    return NULL;
  c->argc = argc;
  c->nenv = nenv;
  if (!(c->argv = copy_strings(argc, argv)) || !(c->env = copy_strings(nenv, env))) {
    wasi_free(c);
    return NULL;
  }
  return c;
}

void wasi_free(wasi_ctx *c)
{
  if (!c)
    return;
  for (int i = 0; c->argv && i < c->argc; i++)
    free(c->argv[i]);
  for (int i = 0; c->env && i < c->nenv; i++)
    free(c->env[i]);
  free(c->argv);
  free(c->env);
  free(c);
}

/* ---- guest memory ------------------------------------------------------------------------ */

typedef struct mem {
  uint8_t *base;
  size_t size;
} mem;

static mem memory_of(wlab_caller *caller)
{
  mem m;
  m.base = wlab_caller_memory(caller, &m.size);
  return m;
}

/* Is [ptr, ptr+len) inside the memory?  (64-bit sums: no wrap-around) */
static bool in_bounds(mem m, uint32_t ptr, uint64_t len) { return m.base && (uint64_t)ptr + len <= m.size; }

static void put_u32(mem m, uint32_t ptr, uint32_t v) { memcpy(m.base + ptr, &v, 4); }
static void put_u64(mem m, uint32_t ptr, uint64_t v) { memcpy(m.base + ptr, &v, 8); }
static uint32_t get_u32(mem m, uint32_t ptr)
{
  uint32_t v;
  memcpy(&v, m.base + ptr, 4);
  return v;
}

static int errno_of(int e)
{
  switch (e) {
  case EBADF: return E_BADF;
  case EFAULT: return E_FAULT;
  case EINTR: return E_INTR;
  case EINVAL: return E_INVAL;
  case EAGAIN: return E_AGAIN;
  case ESPIPE: return E_SPIPE;
  case EPIPE: return E_PIPE;
  case ENOSPC: return E_NOSPC;
  case EACCES: return E_ACCES;
  case EPERM: return E_PERM;
  case ENOMEM: return E_NOMEM;
  case EISDIR: return E_ISDIR;
  case ENOENT: return E_NOENT;
  default: return E_IO;
  }
}

#define RET(e) do { results[0].type = WLAB_I32; results[0].of.i32 = (e); return WLAB_OK; } while (0)
#define ARG(i) ((uint32_t)args[i].of.i32)
#define HOST(name) static wlab_status name(wlab_caller *caller, void *env, const wlab_val *args, wlab_val *results, wlab_error *err)

/* ---- arguments and environment ----------------------------------------------------------- */

static int strings_sizes(mem m, int n, char **s, uint32_t count_ptr, uint32_t size_ptr)
{
  uint64_t total = 0;
  if (!in_bounds(m, count_ptr, 4) || !in_bounds(m, size_ptr, 4))
    return E_FAULT;
  for (int i = 0; i < n; i++)
    total += strlen(s[i]) + 1;
  if (total > UINT32_MAX)
    return E_2BIG;
  put_u32(m, count_ptr, (uint32_t)n);
  put_u32(m, size_ptr, (uint32_t)total);
  return E_SUCCESS;
}

static int strings_get(mem m, int n, char **s, uint32_t ptrs, uint32_t buf)
{
  uint64_t need = 0;
  if (!in_bounds(m, ptrs, (uint64_t)n * 4))
    return E_FAULT;
  for (int i = 0; i < n; i++)
    need += strlen(s[i]) + 1;
  if (!in_bounds(m, buf, need))
    return E_FAULT;
  for (int i = 0; i < n; i++) {
    size_t len = strlen(s[i]) + 1;
    put_u32(m, ptrs + 4 * (uint32_t)i, buf);
    memcpy(m.base + buf, s[i], len);
    buf += (uint32_t)len;
  }
  return E_SUCCESS;
}

HOST(args_sizes_get)
{
  wasi_ctx *c = env;
  (void)err;
  RET(strings_sizes(memory_of(caller), c->argc, c->argv, ARG(0), ARG(1)));
}

HOST(args_get)
{
  wasi_ctx *c = env;
  (void)err;
  RET(strings_get(memory_of(caller), c->argc, c->argv, ARG(0), ARG(1)));
}

HOST(environ_sizes_get)
{
  wasi_ctx *c = env;
  (void)err;
  RET(strings_sizes(memory_of(caller), c->nenv, c->env, ARG(0), ARG(1)));
}

HOST(environ_get)
{
  wasi_ctx *c = env;
  (void)err;
  RET(strings_get(memory_of(caller), c->nenv, c->env, ARG(0), ARG(1)));
}

/* ---- clocks, random, scheduling, exit ---------------------------------------------------- */

static bool clock_of(uint32_t id, clockid_t *out)
{
  static const clockid_t ids[] = {CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_PROCESS_CPUTIME_ID, CLOCK_THREAD_CPUTIME_ID};
  if (id >= 4)
    return false;
  *out = ids[id];
  return true;
}

/* clock_res_get and clock_time_get: read clock `id` with `get`, store nanoseconds at `out`. */
static int clock_query(mem m, uint32_t id, uint32_t out, int (*get)(clockid_t, struct timespec *))
{
  clockid_t cid;
  struct timespec ts;
  if (!clock_of(id, &cid))
    return E_INVAL;
  if (!in_bounds(m, out, 8))
    return E_FAULT;
  if (get(cid, &ts) != 0)
    return errno_of(errno);
  put_u64(m, out, (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec);
  return E_SUCCESS;
}

HOST(clock_res_get)
{
  (void)env, (void)err;
  RET(clock_query(memory_of(caller), ARG(0), ARG(1), clock_getres));
}

HOST(clock_time_get) /* (id, precision: i64, time ptr) */
{
  (void)env, (void)err;
  RET(clock_query(memory_of(caller), ARG(0), ARG(2), clock_gettime));
}

HOST(random_get)
{
  mem m = memory_of(caller);
  uint32_t ptr = ARG(0), len = ARG(1), done = 0;
  (void)env, (void)err;
  if (!in_bounds(m, ptr, len))
    RET(E_FAULT);
  while (done < len) {
    ssize_t n = getrandom(m.base + ptr + done, len - done, 0);
    if (n < 0 && errno != EINTR)
      RET(errno_of(errno));
    if (n > 0)
      done += (uint32_t)n;
  }
  RET(E_SUCCESS);
}

HOST(wasi_sched_yield)
{
  (void)caller, (void)env, (void)args, (void)err;
  sched_yield();
  RET(E_SUCCESS);
}

HOST(proc_exit)
{
  (void)caller, (void)env, (void)results;
  fflush(stdout);
  err->exit_code = args[0].of.i32;
  snprintf(err->message, sizeof err->message, "exit %d", err->exit_code);
  return WLAB_ERR_EXIT;
}

/* ---- descriptors: the host's stdio ------------------------------------------------------- */

static bool fd_ok(wasi_ctx *c, uint32_t fd) { return fd < NFDS && !c->closed[fd]; }

/* Reads the guest's iovec array into host iovecs, checking every buffer. */
static int gather(mem m, uint32_t iovs, uint32_t n, struct iovec *out, uint64_t *total)
{
  *total = 0;
  if (n > MAX_IOVS)
    return E_INVAL;
  if (!in_bounds(m, iovs, (uint64_t)n * 8))
    return E_FAULT;
  for (uint32_t i = 0; i < n; i++) {
    uint32_t buf = get_u32(m, iovs + 8 * i), len = get_u32(m, iovs + 8 * i + 4);
    if (!in_bounds(m, buf, len))
      return E_FAULT;
    out[i].iov_base = m.base + buf;
    out[i].iov_len = len;
    *total += len;
  }
  return E_SUCCESS;
}

static wlab_status rw(wlab_caller *caller, wasi_ctx *c, const wlab_val *args, wlab_val *results, bool write)
{
  mem m = memory_of(caller);
  struct iovec iov[MAX_IOVS];
  uint64_t total;
  uint32_t fd = ARG(0), n = ARG(2), out = ARG(3);
  ssize_t got;
  int e;
  if (!fd_ok(c, fd))
    RET(E_BADF);
  if ((write && fd == 0) || (!write && fd != 0))
    RET(E_NOTCAPABLE); /* stdin is read-only, stdout and stderr write-only */
  if ((e = gather(m, ARG(1), n, iov, &total)) != E_SUCCESS)
    RET(e);
  if (!in_bounds(m, out, 4))
    RET(E_FAULT);
  if (write && fd == 2)
    fflush(stdout); /* keep stdout and stderr in order */
  do
    got = write ? writev((int)fd, iov, (int)n) : readv((int)fd, iov, (int)n);
  while (got < 0 && errno == EINTR);
  if (got < 0)
    RET(errno_of(errno));
  put_u32(m, out, (uint32_t)got);
  RET(E_SUCCESS);
}

HOST(fd_write)
{
  (void)err;
  return rw(caller, env, args, results, true);
}

HOST(fd_read)
{
  (void)err;
  return rw(caller, env, args, results, false);
}

HOST(fd_close)
{
  wasi_ctx *c = env;
  (void)caller, (void)err;
  if (!fd_ok(c, ARG(0)))
    RET(E_BADF);
  c->closed[ARG(0)] = true; /* the host's own descriptor stays open */
  RET(E_SUCCESS);
}

HOST(fd_seek) /* (fd, offset: i64, whence, newoffset ptr) */
{
  wasi_ctx *c = env;
  mem m = memory_of(caller);
  static const int whences[] = {SEEK_SET, SEEK_CUR, SEEK_END};
  off_t pos;
  (void)err;
  if (!fd_ok(c, ARG(0)))
    RET(E_BADF);
  if (ARG(2) > 2)
    RET(E_INVAL);
  if (!in_bounds(m, ARG(3), 8))
    RET(E_FAULT);
  pos = lseek((int)ARG(0), (off_t)args[1].of.i64, whences[ARG(2)]);
  if (pos < 0)
    RET(errno_of(errno));
  put_u64(m, ARG(3), (uint64_t)pos);
  RET(E_SUCCESS);
}

HOST(fd_fdstat_get)
{
  wasi_ctx *c = env;
  mem m = memory_of(caller);
  uint32_t fd = ARG(0), out = ARG(1);
  struct stat st;
  uint8_t type = FT_UNKNOWN;
  uint64_t rights;
  (void)err;
  if (!fd_ok(c, fd))
    RET(E_BADF);
  if (!in_bounds(m, out, 24))
    RET(E_FAULT);
  if (fstat((int)fd, &st) == 0)
    type = S_ISCHR(st.st_mode) ? FT_CHAR : S_ISREG(st.st_mode) ? FT_REGULAR : S_ISDIR(st.st_mode) ? FT_DIR
         : S_ISBLK(st.st_mode) ? FT_BLOCK : S_ISSOCK(st.st_mode) ? FT_SOCKET_STREAM : FT_UNKNOWN;
  rights = (fd == 0 ? RIGHT_FD_READ : RIGHT_FD_WRITE) | RIGHT_FD_FILESTAT_GET | RIGHT_POLL_FD_READWRITE;
  if (type == FT_REGULAR)
    rights |= RIGHT_FD_SEEK | RIGHT_FD_TELL; /* a terminal has neither: that is how libc's isatty tells */
  memset(m.base + out, 0, 24);
  m.base[out] = type;
  put_u64(m, out + 8, rights);
  put_u64(m, out + 16, 0);
  RET(E_SUCCESS);
}

HOST(fd_fdstat_set_flags)
{
  wasi_ctx *c = env;
  (void)caller, (void)err;
  if (!fd_ok(c, ARG(0)))
    RET(E_BADF);
  /* the descriptors are the host's own: their flags are not the guest's to change */
  RET(ARG(1) == 0 ? E_SUCCESS : E_NOTCAPABLE);
}

HOST(fd_prestat_get)
{
  (void)caller, (void)env, (void)args, (void)err;
  RET(E_BADF); /* no preopened directories: the first descriptor after stdio does not exist */
}

HOST(fd_prestat_dir_name)
{
  (void)caller, (void)env, (void)args, (void)err;
  RET(E_BADF);
}

/* ---- the table ----------------------------------------------------------------------------- */

#define I WLAB_I32
#define L WLAB_I64
static const struct wasi_fn {
  const char *name;
  wlab_host_fn fn;
  uint32_t nparams;
  wlab_valtype params[4];
} functions[] = {
  {"args_get", args_get, 2, {I, I}},
  {"args_sizes_get", args_sizes_get, 2, {I, I}},
  {"environ_get", environ_get, 2, {I, I}},
  {"environ_sizes_get", environ_sizes_get, 2, {I, I}},
  {"clock_res_get", clock_res_get, 2, {I, I}},
  {"clock_time_get", clock_time_get, 3, {I, L, I}},
  {"random_get", random_get, 2, {I, I}},
  {"sched_yield", wasi_sched_yield, 0, {0}},
  {"proc_exit", proc_exit, 1, {I}},
  {"fd_write", fd_write, 4, {I, I, I, I}},
  {"fd_read", fd_read, 4, {I, I, I, I}},
  {"fd_close", fd_close, 1, {I}},
  {"fd_seek", fd_seek, 4, {I, L, I, I}},
  {"fd_fdstat_get", fd_fdstat_get, 2, {I, I}},
  {"fd_fdstat_set_flags", fd_fdstat_set_flags, 2, {I, I}},
  {"fd_prestat_get", fd_prestat_get, 2, {I, I}},
  {"fd_prestat_dir_name", fd_prestat_dir_name, 3, {I, I, I}},
};
#undef I
#undef L

wlab_status wasi_define(wasi_ctx *ctx, wlab_linker *linker, wlab_error *err)
{
  static const wlab_valtype errno_result[] = {WLAB_I32};
  for (size_t i = 0; i < sizeof functions / sizeof *functions; i++) {
    const struct wasi_fn *f = &functions[i];
    bool is_exit = f->fn == proc_exit;
    wlab_functype t = {f->nparams, is_exit ? 0 : 1, f->params, errno_result};
    wlab_status st = wlab_linker_define_func(linker, "wasi_snapshot_preview1", f->name, &t, f->fn, ctx, err);
    if (st != WLAB_OK)
      return st;
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
