/* fd.c: the guest's descriptor table and the fd_* functions of preview1 (I/O, seek, stat, readdir, rights). */
#include "wasi/fd.h"

#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "core/startup.h"

/* Guest descriptors beyond this are EMFILE: the table is an array indexed by number. */
#define FD_MAX 65536

/* ---- the table --------------------------------------------------------------------------- */

uint8_t fd_filetype(mode_t mode)
{
  switch (mode & S_IFMT) {
  case S_IFREG: return FT_REGULAR_FILE;
  case S_IFDIR: return FT_DIRECTORY;
  case S_IFCHR: return FT_CHARACTER_DEVICE;
  case S_IFBLK: return FT_BLOCK_DEVICE;
  case S_IFSOCK: return FT_SOCKET_STREAM;
  case S_IFLNK: return FT_SYMBOLIC_LINK;
  default: return FT_UNKNOWN; /* FIFOs: preview1 has no type for them */
  }
}

/* Rights a descriptor of this type can use at all. */
static uint64_t rights_for_type(uint8_t type)
{
  switch (type) {
  case FT_REGULAR_FILE: case FT_BLOCK_DEVICE: return R_REGULAR;
  case FT_DIRECTORY: return R_DIRECTORY;
  case FT_SOCKET_STREAM: case FT_SOCKET_DGRAM: return R_SOCKET;
  default: return R_STREAM;
  }
}

static int grow(wasi_ctx *c, uint32_t need)
{
  uint32_t cap = c->cap ? c->cap : 4; /* stdio and a preopen; every entry is written: small first */
  fd_entry *fds;
  if (need > FD_MAX)
    return E_MFILE;
  while (cap < need)
    cap *= 2;
  if (cap == c->cap)
    return E_SUCCESS;
  if (!(fds = realloc(c->fds, cap * sizeof *fds)))
    return E_NOMEM;
  for (uint32_t i = c->cap; i < cap; i++)
    fds[i] = (fd_entry){.host = -1};
  c->fds = fds;
  c->cap = cap;
  return E_SUCCESS;
}

int fd_insert(wasi_ctx *c, int host, uint8_t type, uint64_t base, uint64_t inheriting, bool readonly,
              uint32_t *out)
{
  uint32_t fd = 0;
  int e;
  while (fd < c->nfds && c->fds[fd].host >= 0)
    fd++;
  if ((e = grow(c, fd + 1)) != E_SUCCESS) {
    close(host);
    return e;
  }
  /* rights that do not apply to the type are dropped; under a read-only preopen so are the
   * writing ones (the operations refuse with EROFS anyway: this keeps fdstat honest) */
  base &= rights_for_type(type);
  if (readonly)
    base &= ~(R_DIRECTORY_WRITES | R_FILE_WRITES);
  c->fds[fd] = (fd_entry){.host = host, .type = type, .owned = true, .readonly = readonly,
                          .base = base, .inheriting = inheriting};
  if (fd >= c->nfds)
    c->nfds = fd + 1;
  *out = fd;
  return E_SUCCESS;
}

/* The type and rights of a host stdio descriptor, read when the guest first uses it (most
 * programs touch one or two of the three; a cold run made six system calls for all three up
 * front).  Returns the F_GETFL flags just read, or -1, for fd_fdstat_get to use at once. */
WLAB_STARTUP static int stdio_resolve(fd_entry *e)
{
  struct stat st;
  uint8_t type = fstat(e->host, &st) == 0 ? fd_filetype(st.st_mode) : FT_UNKNOWN;
  uint64_t rights = rights_for_type(type);
  int mode = fcntl(e->host, F_GETFL);
  /* the guest may do with each what the host's descriptor allows: a terminal opened O_RDWR
   * can be written through fd 0, as natively; a write-only stdout cannot be read */
  if (mode >= 0 && (mode & O_ACCMODE) == O_RDONLY)
    rights &= ~(R_FILE_WRITES | R_FD_DATASYNC);
  if (mode >= 0 && (mode & O_ACCMODE) == O_WRONLY)
    rights &= ~(uint64_t)R_FD_READ;
  *e = (fd_entry){.host = e->host, .type = type, .owned = false, .base = rights, .inheriting = 0};
  return mode;
}

bool fd_init_stdio(wasi_ctx *c)
{
  if (grow(c, 3) != E_SUCCESS)
    return false;
  for (int fd = 0; fd < 3; fd++)
    c->fds[fd] = (fd_entry){.host = fd, .owned = false, .lazy = true};
  c->nfds = 3;
  return true;
}

static void release(fd_entry *e)
{
  if (e->owned)
    close(e->host);
  free(e->preopen);
  *e = (fd_entry){.host = -1};
}

void fd_close_all(wasi_ctx *c)
{
  for (uint32_t i = 0; i < c->nfds; i++)
    if (c->fds[i].host >= 0)
      release(&c->fds[i]);
  free(c->fds);
  c->fds = NULL;
  c->nfds = c->cap = 0;
}

/* ---- request contexts -------------------------------------------------------------------- */

int fd_restore_table(wasi_ctx *c)
{
  int e;
  for (uint32_t i = 0; i < c->nfds; i++)
    if (c->fds[i].host >= 0)
      release(&c->fds[i]); /* closes only what the guest opened: the rest is borrowed */
  c->nfds = 0;
  if ((e = grow(c, c->nsaved)) != E_SUCCESS)
    return e;
  for (uint32_t i = 0; i < c->nsaved; i++) {
    fd_entry *d = &c->fds[i];
    *d = c->saved[i];
    d->owned = false;
    if (d->preopen && !(d->preopen = strdup(d->preopen))) {
      d->host = -1;
      return E_NOMEM;
    }
  }
  c->nfds = c->nsaved;
  return E_SUCCESS;
}

int fd_save_table(wasi_ctx *c)
{
  /* stdio becomes memory: stdin reads the request's buffer, stdout and stderr are captured.
   * FT_UNKNOWN is what a pipe reports, as CGI's stdio would be. */
  static const uint64_t rights[3] = {R_FD_READ | R_FD_FILESTAT_GET | R_POLL_FD_READWRITE,
                                     R_FD_WRITE | R_FD_FILESTAT_GET | R_POLL_FD_READWRITE,
                                     R_FD_WRITE | R_FD_FILESTAT_GET | R_POLL_FD_READWRITE};
  if (c->saved || c->nfds < 3)
    return E_INVAL;
  if ((c->null_fd = open("/dev/null", O_RDWR | O_CLOEXEC)) < 0)
    return abi_errno_of(errno);
  if (!(c->saved = malloc(c->nfds * sizeof *c->saved)))
    return E_NOMEM;
  for (uint32_t fd = 0; fd < 3; fd++) {
    release(&c->fds[fd]);
    c->fds[fd] = (fd_entry){.host = c->null_fd, .type = FT_UNKNOWN, .owned = false,
                            .mem = (uint8_t)(MEM_STDIN + fd), .base = rights[fd]};
  }
  memcpy(c->saved, c->fds, c->nfds * sizeof *c->saved);
  c->nsaved = c->nfds;
  for (uint32_t i = 0; i < c->nfds; i++)
    c->fds[i] = (fd_entry){.host = -1}; /* the saved table owns them now */
  c->nfds = 0;
  return fd_restore_table(c);
}

void fd_free_saved(wasi_ctx *c)
{
  for (uint32_t i = 0; i < c->nsaved; i++)
    if (c->saved[i].host >= 0)
      release(&c->saved[i]);
  free(c->saved);
  c->saved = NULL;
  c->nsaved = 0;
}

/* fd_read and fd_write on a memory stream: stdin from the request's buffer; stdout and stderr
 * appended to their captures, refused whole (EFBIG) past the limit. */
static int mem_rw(wasi_ctx *c, fd_entry *e, const struct iovec *iov, int n, size_t *done)
{
  *done = 0;
  if (e->mem == MEM_STDIN) {
    for (int i = 0; i < n && c->in_pos < c->in_len; i++) {
      size_t k = iov[i].iov_len < c->in_len - c->in_pos ? iov[i].iov_len : c->in_len - c->in_pos;
      memcpy(iov[i].iov_base, c->in + c->in_pos, k);
      c->in_pos += k;
      *done += k;
    }
    return E_SUCCESS;
  }
  mem_out *o = &c->out[e->mem - MEM_STDOUT];
  size_t total = 0;
  for (int i = 0; i < n; i++)
    total += iov[i].iov_len;
  if (total > o->limit - o->len) {
    o->over = true;
    return E_FBIG;
  }
  if (o->len + total > o->size) {
    size_t size = o->size ? o->size : 4096;
    uint8_t *data;
    while (size < o->len + total)
      size *= 2;
    if (!(data = realloc(o->data, size)))
      return E_NOMEM;
    o->data = data;
    o->size = size;
  }
  for (int i = 0; i < n; i++) {
    memcpy(o->data + o->len, iov[i].iov_base, iov[i].iov_len);
    o->len += iov[i].iov_len;
  }
  *done = total;
  return E_SUCCESS;
}

fd_entry *fd_get(wasi_ctx *c, uint32_t fd)
{
  fd_entry *e = fd < c->nfds && c->fds[fd].host >= 0 ? &c->fds[fd] : NULL;
  if (e && e->lazy)
    stdio_resolve(e);
  return e;
}

/* The kinds of object a descriptor can be, as far as which operations apply. */
enum { KIND_FILE, KIND_DIRECTORY, KIND_STREAM, KIND_SOCKET, KIND_COUNT };

static int kind_of(uint8_t type)
{
  switch (type) {
  case FT_REGULAR_FILE: case FT_BLOCK_DEVICE: return KIND_FILE;
  case FT_DIRECTORY: return KIND_DIRECTORY;
  case FT_SOCKET_STREAM: case FT_SOCKET_DGRAM: return KIND_SOCKET;
  default: return KIND_STREAM; /* terminals and other character devices, pipes */
  }
}

/* [use][kind]: the errno for a kind of object the use does not apply to, 0 where it applies.
 * Linux's answer for that kind where it has one (lseek and pread on a pipe ESPIPE, ftruncate
 * and fsync on a pipe or socket EINVAL, getdents on a file ENOTDIR, shutdown on a file
 * ENOTSOCK).  A directory has no bytes and no offset: EISDIR for all of them (Linux says EBADF
 * for write, pwrite and fallocate there, from the open mode a directory always has; a
 * preview1 descriptor has rights instead, which come after the kind). */
static const uint8_t wrong_kind[USE_COUNT][KIND_COUNT] = {
  /*                 file       directory  stream     socket */
  [USE_ANY] =       {0,         0,         0,         0},
  [USE_BYTES] =     {0,         E_ISDIR,   0,         0},
  [USE_OFFSET] =    {0,         E_ISDIR,   E_SPIPE,   E_SPIPE},
  [USE_SIZE] =      {0,         E_ISDIR,   E_INVAL,   E_INVAL},
  [USE_ADVICE] =    {0,         0,         E_SPIPE,   E_SPIPE},
  [USE_SYNC] =      {0,         0,         E_INVAL,   E_INVAL},
  [USE_DIRECTORY] = {E_NOTDIR,  0,         E_NOTDIR,  E_NOTDIR},
  [USE_SOCKET] =    {E_NOTSOCK, E_NOTSOCK, E_NOTSOCK, 0},
};

int fd_check(wasi_ctx *c, uint32_t fd, fd_use use, uint64_t rights, fd_entry **out)
{
  fd_entry *e = fd_get(c, fd);
  if (!e)
    return E_BADF;
  if (wrong_kind[use][kind_of(e->type)])
    return wrong_kind[use][kind_of(e->type)];
  if ((e->base & rights) != rights)
    return E_NOTCAPABLE;
  *out = e;
  return E_SUCCESS;
}

/* ---- shared helpers ---------------------------------------------------------------------- */

static uint64_t ns_of(struct timespec ts) { return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec; }

void fd_put_filestat(abi_mem m, uint32_t p, const struct stat *st)
{
  memset(m.base + p, 0, FILESTAT_SIZE);
  abi_put_u64(m, p + 0, (uint64_t)st->st_dev);
  abi_put_u64(m, p + 8, (uint64_t)st->st_ino);
  abi_put_u8(m, p + 16, fd_filetype(st->st_mode));
  abi_put_u64(m, p + 24, (uint64_t)st->st_nlink);
  abi_put_u64(m, p + 32, (uint64_t)st->st_size);
  abi_put_u64(m, p + 40, ns_of(st->st_atim));
  abi_put_u64(m, p + 48, ns_of(st->st_mtim));
  abi_put_u64(m, p + 56, ns_of(st->st_ctim));
}

int fd_times(uint64_t atim, uint64_t mtim, uint32_t fst, struct timespec ts[2])
{
  uint64_t t[2] = {atim, mtim};
  uint32_t set[2] = {FST_ATIM, FST_MTIM}, now[2] = {FST_ATIM_NOW, FST_MTIM_NOW};
  if (fst & ~(uint32_t)(FST_ATIM | FST_ATIM_NOW | FST_MTIM | FST_MTIM_NOW))
    return E_INVAL;
  for (int i = 0; i < 2; i++) {
    if ((fst & set[i]) && (fst & now[i]))
      return E_INVAL; /* "set to this time" and "set to now" at once */
    ts[i].tv_sec = 0;
    ts[i].tv_nsec = (fst & now[i]) ? UTIME_NOW : (fst & set[i]) ? 0 : UTIME_OMIT;
    if (fst & set[i]) {
      ts[i].tv_sec = (time_t)(t[i] / 1000000000u);
      ts[i].tv_nsec = (long)(t[i] % 1000000000u);
    }
  }
  return E_SUCCESS;
}


/* ---- read and write ---------------------------------------------------------------------- */

enum rw_kind { RW_READ, RW_WRITE, RW_PREAD, RW_PWRITE };

/* fd_read, fd_write: (fd, iovs, iovs_len, nread*); fd_pread, fd_pwrite: (fd, iovs, iovs_len,
 * offset: i64, nread*). */
WLAB_STARTUP
static int rw_iovs(wlab_caller *caller, wasi_ctx *c, const wlab_val *args, enum rw_kind k, struct iovec *iov)
{
  static const uint64_t needs[] = {R_FD_READ, R_FD_WRITE, R_FD_READ | R_FD_SEEK, R_FD_WRITE | R_FD_SEEK};
  abi_mem m = abi_memory(caller);
  bool positioned = k == RW_PREAD || k == RW_PWRITE, writing = k == RW_WRITE || k == RW_PWRITE;
  uint32_t out = positioned ? ARG32(4) : ARG32(3);
  uint64_t offset = positioned ? ARG64(3) : 0;
  fd_entry *e;
  ssize_t got;
  int n, err;
  if ((err = fd_check(c, ARG32(0), positioned ? USE_OFFSET : USE_BYTES, needs[k], &e)) != E_SUCCESS)
    return err;
  if (writing && e->readonly)
    return E_ROFS;
  if ((err = abi_gather_iovecs(m, ARG32(1), ARG32(2), iov, &n)) != E_SUCCESS)
    return err;
  if (!abi_in_bounds(m, out, 4))
    return E_FAULT;
  if (positioned && offset > INT64_MAX)
    return E_INVAL;
  if (e->mem) {
    size_t done;
    if ((err = mem_rw(c, e, iov, n, &done)) == E_SUCCESS)
      abi_put_u32(m, out, (uint32_t)done);
    return err;
  }
  /* output the host buffered (in an embedder, or the CLI) goes first, so the guest's writes
   * to the same stream land in order */
  if (writing && (e->host == 1 || e->host == 2))
    fflush(stdout), fflush(stderr);
  do {
    switch (k) {
    case RW_READ: got = readv(e->host, iov, n); break;
    case RW_PREAD: got = preadv(e->host, iov, n, (off_t)offset); break;
    case RW_PWRITE: got = pwritev(e->host, iov, n, (off_t)offset); break;
    default:
      if (e->type == FT_SOCKET_STREAM) {
        /* sendmsg can say MSG_NOSIGNAL: a closed peer is EPIPE, never SIGPIPE in the host */
        struct msghdr msg = {.msg_iov = iov, .msg_iovlen = (size_t)n};
        got = sendmsg(e->host, &msg, MSG_NOSIGNAL);
        if (got < 0 && errno == ENOTSOCK)
          got = writev(e->host, iov, n);
      } else
        got = writev(e->host, iov, n);
      break;
    }
  } while (got < 0 && errno == EINTR);
  if (got < 0)
    return abi_errno_of(errno);
  abi_put_u32(m, out, (uint32_t)got);
  return E_SUCCESS;
}

/* The host iovecs: on the stack for the few a guest passes (wasi-libc's stdio passes two), from
 * the heap past that.  An array for the 1,024 allowed made this a 16 KB frame, and the pages it
 * spans below the guest's stack were page faults in every cold start that writes. */
#define RW_STACK_IOVS 16

WLAB_STARTUP static int rw(wlab_caller *caller, wasi_ctx *c, const wlab_val *args, enum rw_kind k)
{
  struct iovec small[RW_STACK_IOVS], *iov = small;
  uint32_t n = ARG32(2);
  int err;
  /* more than ABI_MAX_IOVS is refused (E_INVAL) by abi_gather_iovecs before it writes any */
  if (n > RW_STACK_IOVS && n <= ABI_MAX_IOVS && !(iov = malloc(n * sizeof *iov)))
    return E_NOMEM;
  err = rw_iovs(caller, c, args, k, iov);
  if (iov != small)
    free(iov);
  return err;
}

WASI_FN(fd_read) { RETURN_ERRNO(rw(caller, env, args, RW_READ)); }
WLAB_STARTUP WASI_FN(fd_write) { RETURN_ERRNO(rw(caller, env, args, RW_WRITE)); }
WASI_FN(fd_pread) { RETURN_ERRNO(rw(caller, env, args, RW_PREAD)); }
WASI_FN(fd_pwrite) { RETURN_ERRNO(rw(caller, env, args, RW_PWRITE)); }

/* ---- position ---------------------------------------------------------------------------- */

static int seek(wlab_caller *caller, wasi_ctx *c, uint32_t fd, int64_t offset, uint32_t whence, uint32_t out)
{
  static const int whences[] = {SEEK_SET, SEEK_CUR, SEEK_END};
  abi_mem m = abi_memory(caller);
  /* asking where we are needs only the tell right */
  uint64_t need = offset == 0 && whence == WHENCE_CUR ? R_FD_TELL : R_FD_SEEK;
  fd_entry *e;
  off_t pos;
  int err;
  /* streams: ESPIPE, as natively, which libc relies on */
  if ((err = fd_check(c, fd, USE_OFFSET, need, &e)) != E_SUCCESS)
    return err;
  if (whence > WHENCE_END)
    return E_INVAL;
  if (!abi_in_bounds(m, out, 8))
    return E_FAULT;
  if ((pos = lseek(e->host, (off_t)offset, whences[whence])) < 0)
    return abi_errno_of(errno);
  abi_put_u64(m, out, (uint64_t)pos);
  return E_SUCCESS;
}

WASI_FN(fd_seek) /* (fd, offset: i64, whence, newoffset*) */
{
  RETURN_ERRNO(seek(caller, env, ARG32(0), (int64_t)ARG64(1), ARG32(2), ARG32(3)));
}

WASI_FN(fd_tell) /* (fd, offset*) */
{
  RETURN_ERRNO(seek(caller, env, ARG32(0), 0, WHENCE_CUR, ARG32(1)));
}

/* ---- close and renumber ------------------------------------------------------------------ */

WASI_FN(fd_close)
{
  fd_entry *e = fd_get(env, ARG32(0));
  if (!e)
    RETURN_ERRNO(E_BADF);
  release(e); /* the host's stdio stays open for the host */
  RETURN_ERRNO(E_SUCCESS);
}

WASI_FN(fd_renumber) /* (from, to): to, which must be open, is closed and becomes from */
{
  wasi_ctx *c = env;
  fd_entry *from = fd_get(c, ARG32(0)), *to = fd_get(c, ARG32(1));
  if (!from || !to)
    RETURN_ERRNO(E_BADF);
  if (from != to) {
    release(to);
    *to = *from;
    *from = (fd_entry){.host = -1};
  }
  RETURN_ERRNO(E_SUCCESS);
}

/* ---- descriptor state -------------------------------------------------------------------- */

WLAB_STARTUP WASI_FN(fd_fdstat_get) /* (fd, fdstat*) */
{
  abi_mem m = abi_memory(caller);
  wasi_ctx *c = env;
  uint32_t fd = ARG32(0);
  fd_entry *e = fd < c->nfds && c->fds[fd].host >= 0 ? &c->fds[fd] : NULL;
  uint16_t flags = 0;
  bool fresh = e && e->lazy; /* stdio read just now: its flags are the ones that read gave */
  int fl = fresh ? stdio_resolve(e) : -1;
  if (!e)
    RETURN_ERRNO(E_BADF);
  if (!abi_in_bounds(m, ARG32(1), FDSTAT_SIZE))
    RETURN_ERRNO(E_FAULT);
  if (!fresh)
    fl = fcntl(e->host, F_GETFL);
  if (fl >= 0) {
    flags |= (fl & O_APPEND) ? FDF_APPEND : 0;
    flags |= (fl & O_NONBLOCK) ? FDF_NONBLOCK : 0;
    /* O_SYNC includes the O_DSYNC bit on Linux: test the wider flag first */
    flags |= (fl & O_SYNC) == O_SYNC ? FDF_SYNC : (fl & O_DSYNC) ? FDF_DSYNC : 0;
  }
  memset(m.base + ARG32(1), 0, FDSTAT_SIZE);
  abi_put_u8(m, ARG32(1), e->type);
  abi_put_u16(m, ARG32(1) + 2, flags);
  abi_put_u64(m, ARG32(1) + 8, e->base);
  abi_put_u64(m, ARG32(1) + 16, e->inheriting);
  RETURN_ERRNO(E_SUCCESS);
}

WASI_FN(fd_fdstat_set_flags) /* (fd, fdflags) */
{
  fd_entry *e;
  uint32_t want = ARG32(1);
  int err = fd_check(env, ARG32(0), USE_ANY, R_FD_FDSTAT_SET_FLAGS, &e), fl;
  if (err != E_SUCCESS)
    RETURN_ERRNO(err);
  if (want & ~(uint32_t)(FDF_APPEND | FDF_DSYNC | FDF_NONBLOCK | FDF_RSYNC | FDF_SYNC))
    RETURN_ERRNO(E_INVAL);
  if ((fl = fcntl(e->host, F_GETFL)) < 0)
    RETURN_ERRNO(abi_errno_of(errno));
  if (want & (FDF_DSYNC | FDF_RSYNC | FDF_SYNC))
    RETURN_ERRNO(E_NOTSUP); /* Linux cannot switch the sync modes of an open file */
  if (e->readonly && (want & FDF_APPEND))
    RETURN_ERRNO(E_ROFS);
  fl = (fl & ~(O_APPEND | O_NONBLOCK)) | ((want & FDF_APPEND) ? O_APPEND : 0) | ((want & FDF_NONBLOCK) ? O_NONBLOCK : 0);
  /* the host's stdio is shared with the shell that started us (O_NONBLOCK on a terminal
   * would break it): the guest may not change it */
  if (!e->owned) {
    int cur = fcntl(e->host, F_GETFL);
    RETURN_ERRNO(cur == fl ? E_SUCCESS : E_NOTCAPABLE);
  }
  if (fcntl(e->host, F_SETFL, fl) != 0)
    RETURN_ERRNO(abi_errno_of(errno));
  RETURN_ERRNO(E_SUCCESS);
}

WASI_FN(fd_fdstat_set_rights) /* (fd, base: i64, inheriting: i64): rights can only be dropped */
{
  fd_entry *e = fd_get(env, ARG32(0));
  uint64_t base = ARG64(1), inh = ARG64(2);
  if (!e)
    RETURN_ERRNO(E_BADF);
  if ((base & ~e->base) || (inh & ~e->inheriting))
    RETURN_ERRNO(E_NOTCAPABLE);
  e->base = base;
  e->inheriting = inh;
  RETURN_ERRNO(E_SUCCESS);
}

/* ---- file state -------------------------------------------------------------------------- */

WASI_FN(fd_filestat_get) /* (fd, filestat*) */
{
  abi_mem m = abi_memory(caller);
  struct stat st;
  fd_entry *e;
  int err = fd_check(env, ARG32(0), USE_ANY, R_FD_FILESTAT_GET, &e);
  if (err != E_SUCCESS)
    RETURN_ERRNO(err);
  if (!abi_in_bounds(m, ARG32(1), FILESTAT_SIZE))
    RETURN_ERRNO(E_FAULT);
  if (fstat(e->host, &st) != 0)
    RETURN_ERRNO(abi_errno_of(errno));
  fd_put_filestat(m, ARG32(1), &st);
  RETURN_ERRNO(E_SUCCESS);
}

WASI_FN(fd_filestat_set_size) /* (fd, size: i64) */
{
  fd_entry *e;
  int err = fd_check(env, ARG32(0), USE_SIZE, R_FD_FILESTAT_SET_SIZE, &e);
  if (err != E_SUCCESS)
    RETURN_ERRNO(err);
  if (e->readonly)
    RETURN_ERRNO(E_ROFS);
  if (ARG64(1) > INT64_MAX)
    RETURN_ERRNO(E_INVAL);
  RETURN_ERRNO(ftruncate(e->host, (off_t)ARG64(1)) == 0 ? E_SUCCESS : abi_errno_of(errno));
}

WASI_FN(fd_filestat_set_times) /* (fd, atim: i64, mtim: i64, fstflags) */
{
  struct timespec ts[2];
  fd_entry *e;
  int err = fd_check(env, ARG32(0), USE_ANY, R_FD_FILESTAT_SET_TIMES, &e);
  if (err == E_SUCCESS && e->readonly)
    err = E_ROFS;
  if (err == E_SUCCESS)
    err = fd_times(ARG64(1), ARG64(2), ARG32(3), ts);
  if (err == E_SUCCESS && futimens(e->host, ts) != 0)
    err = abi_errno_of(errno);
  RETURN_ERRNO(err);
}

WASI_FN(fd_advise) /* (fd, offset: i64, len: i64, advice) */
{
  static const int advice[] = {POSIX_FADV_NORMAL, POSIX_FADV_SEQUENTIAL, POSIX_FADV_RANDOM,
                               POSIX_FADV_WILLNEED, POSIX_FADV_DONTNEED, POSIX_FADV_NOREUSE};
  fd_entry *e;
  int err = fd_check(env, ARG32(0), USE_ADVICE, R_FD_ADVISE, &e);
  if (err != E_SUCCESS)
    RETURN_ERRNO(err);
  if (ARG32(3) > ADVICE_NOREUSE || ARG64(1) > INT64_MAX || ARG64(2) > INT64_MAX)
    RETURN_ERRNO(E_INVAL);
  err = posix_fadvise(e->host, (off_t)ARG64(1), (off_t)ARG64(2), advice[ARG32(3)]);
  RETURN_ERRNO(err == 0 ? E_SUCCESS : abi_errno_of(err));
}

WASI_FN(fd_allocate) /* (fd, offset: i64, len: i64) */
{
  fd_entry *e;
  uint64_t off = ARG64(1), len = ARG64(2);
  int err = fd_check(env, ARG32(0), USE_OFFSET, R_FD_ALLOCATE, &e);
  if (err != E_SUCCESS)
    RETURN_ERRNO(err);
  if (e->readonly)
    RETURN_ERRNO(E_ROFS);
  if (off > INT64_MAX || len > INT64_MAX || off + len > INT64_MAX)
    RETURN_ERRNO(E_INVAL);
  err = posix_fallocate(e->host, (off_t)off, (off_t)len);
  if (err == EOPNOTSUPP || err == ENOTSUP) {
    /* file systems without allocation still honour the size part of the contract */
    struct stat st;
    if (fstat(e->host, &st) != 0)
      RETURN_ERRNO(abi_errno_of(errno));
    err = (uint64_t)st.st_size < off + len && ftruncate(e->host, (off_t)(off + len)) != 0 ? errno : 0;
  }
  RETURN_ERRNO(err == 0 ? E_SUCCESS : abi_errno_of(err));
}

WASI_FN(fd_sync)
{
  fd_entry *e;
  int err = fd_check(env, ARG32(0), USE_SYNC, R_FD_SYNC, &e);
  if (err == E_SUCCESS && fsync(e->host) != 0)
    err = abi_errno_of(errno);
  RETURN_ERRNO(err);
}

WASI_FN(fd_datasync)
{
  fd_entry *e;
  int err = fd_check(env, ARG32(0), USE_SYNC, R_FD_DATASYNC, &e);
  if (err == E_SUCCESS && fdatasync(e->host) != 0)
    err = abi_errno_of(errno);
  RETURN_ERRNO(err);
}

/* ---- preopens ---------------------------------------------------------------------------- */

WASI_FN(fd_prestat_get) /* (fd, prestat*) */
{
  abi_mem m = abi_memory(caller);
  fd_entry *e = fd_get(env, ARG32(0));
  /* libc asks 3, 4, ... until EBADF: every descriptor that is not a preopen answers EBADF */
  if (!e || !e->preopen)
    RETURN_ERRNO(E_BADF);
  if (!abi_in_bounds(m, ARG32(1), PRESTAT_SIZE))
    RETURN_ERRNO(E_FAULT);
  memset(m.base + ARG32(1), 0, PRESTAT_SIZE);
  abi_put_u32(m, ARG32(1) + 4, (uint32_t)e->preopen_len);
  RETURN_ERRNO(E_SUCCESS);
}

WASI_FN(fd_prestat_dir_name) /* (fd, path, path_len) */
{
  abi_mem m = abi_memory(caller);
  fd_entry *e = fd_get(env, ARG32(0));
  if (!e || !e->preopen)
    RETURN_ERRNO(E_BADF);
  if (!abi_in_bounds(m, ARG32(1), ARG32(2)))
    RETURN_ERRNO(E_FAULT);
  if (ARG32(2) < e->preopen_len)
    RETURN_ERRNO(E_NAMETOOLONG);
  memcpy(m.base + ARG32(1), e->preopen, e->preopen_len);
  RETURN_ERRNO(E_SUCCESS);
}

/* ---- directories ------------------------------------------------------------------------- */

/* getdents64 records: read directly so the guest's cookie can be the kernel's own d_off (a
 * position lseek accepts), with no DIR* cache to keep in step. */
struct host_dirent {
  uint64_t d_ino;
  int64_t d_off;
  unsigned short d_reclen;
  unsigned char d_type;
  char d_name[];
};

static uint8_t dirent_type(int dirfd, const struct host_dirent *d)
{
  struct stat st;
  switch (d->d_type) {
  case DT_REG: return FT_REGULAR_FILE;
  case DT_DIR: return FT_DIRECTORY;
  case DT_LNK: return FT_SYMBOLIC_LINK;
  case DT_CHR: return FT_CHARACTER_DEVICE;
  case DT_BLK: return FT_BLOCK_DEVICE;
  case DT_SOCK: return FT_SOCKET_STREAM;
  case DT_UNKNOWN: /* some file systems do not say: ask */
    return fstatat(dirfd, d->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 ? fd_filetype(st.st_mode) : FT_UNKNOWN;
  default: return FT_UNKNOWN;
  }
}

WASI_FN(fd_readdir) /* (fd, buf, buf_len, cookie: i64, bufused*) */
{
  abi_mem m = abi_memory(caller);
  uint32_t buf = ARG32(1), len = ARG32(2), used = 0;
  uint64_t cookie = ARG64(3);
  _Alignas(8) char host[8192];
  fd_entry *e;
  int err = fd_check(env, ARG32(0), USE_DIRECTORY, R_FD_READDIR, &e);
  if (err != E_SUCCESS)
    RETURN_ERRNO(err);
  if (!abi_in_bounds(m, buf, len) || !abi_in_bounds(m, ARG32(4), 4))
    RETURN_ERRNO(E_FAULT);
  if (cookie > INT64_MAX || lseek(e->host, (off_t)cookie, SEEK_SET) < 0)
    RETURN_ERRNO(cookie > INT64_MAX ? E_INVAL : abi_errno_of(errno));
  /* Entries are copied until the buffer is full; the last one may be cut short, which tells
   * libc to call again with a larger buffer (preview1's contract). */
  while (used < len) {
    long n = syscall(SYS_getdents64, e->host, host, sizeof host);
    if (n < 0)
      RETURN_ERRNO(abi_errno_of(errno));
    if (n == 0)
      break;
    for (long off = 0; off < n && used < len;) {
      const struct host_dirent *d = (const struct host_dirent *)(host + off);
      uint8_t rec[DIRENT_SIZE] = {0};
      size_t namelen = strlen(d->d_name);
      uint64_t next = (uint64_t)d->d_off, ino = d->d_ino;
      uint32_t namlen = (uint32_t)namelen, take;
      memcpy(rec + 0, &next, 8);
      memcpy(rec + 8, &ino, 8);
      memcpy(rec + 16, &namlen, 4);
      rec[20] = dirent_type(e->host, d);
      take = len - used < DIRENT_SIZE ? len - used : DIRENT_SIZE;
      memcpy(m.base + buf + used, rec, take);
      used += take;
      take = len - used < namlen ? len - used : namlen;
      memcpy(m.base + buf + used, d->d_name, take);
      used += take;
      off += d->d_reclen;
    }
  }
  abi_put_u32(m, ARG32(4), used);
  RETURN_ERRNO(E_SUCCESS);
}
