/* errors.c: which error wins: every fd_*, sock_* and a path_* call on every kind of descriptor, with and without rights; prints a table. */
/*
 * Run by run.sh with fd 3 = /sb and fd 4 = /other (empty directories), stdin the read end of a
 * pipe and stdout the write end of another; run.sh compares the table with errors.expected.  Calls preview1
 * directly.  The rule (docs/wasi.md, "Which error wins"): a descriptor that is not open is
 * EBADF; then what the object is decides (EISDIR, ESPIPE, EINVAL, ENOTDIR, ENOTSOCK); only on a
 * descriptor of the right kind do missing rights give ENOTCAPABLE; the arguments come after.
 * Calls that succeed are harmless: empty reads and writes, a one-byte allocation.
 */
#include <stdio.h>
#include <string.h>
#include <wasi/api.h>

#define SB 3
#define ALL_RIGHTS ((__wasi_rights_t)(1ull << 30) - 1)
/* a directory asking for the writing rights of a file is EISDIR, as open(O_RDWR) is */
#define DIR_RIGHTS (ALL_RIGHTS & ~(__wasi_rights_t)(__WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_ALLOCATE | __WASI_RIGHTS_FD_FILESTAT_SET_SIZE))
#define FILE_RIGHTS                                                                              \
  (__WASI_RIGHTS_FD_DATASYNC | __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_SEEK | __WASI_RIGHTS_FD_FDSTAT_SET_FLAGS | \
   __WASI_RIGHTS_FD_SYNC | __WASI_RIGHTS_FD_TELL | __WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_ADVISE |              \
   __WASI_RIGHTS_FD_ALLOCATE | __WASI_RIGHTS_FD_FILESTAT_GET | __WASI_RIGHTS_FD_FILESTAT_SET_SIZE |                \
   __WASI_RIGHTS_FD_FILESTAT_SET_TIMES | __WASI_RIGHTS_POLL_FD_READWRITE)

/* Imported by hand: sock_accept is newer than this libc's headers, and libc's path_filestat_get
 * measures its path with strlen, which a pointer outside memory would trap in the guest. */
__attribute__((import_module("wasi_snapshot_preview1"), import_name("sock_accept"))) int32_t raw_sock_accept(int32_t fd, int32_t flags, int32_t *out);
__attribute__((import_module("wasi_snapshot_preview1"), import_name("path_filestat_get"))) int32_t
raw_path_filestat_get(int32_t fd, int32_t flags, int32_t path, int32_t path_len, int32_t out);

static const char *name(__wasi_errno_t e)
{
  switch (e) {
  case __WASI_ERRNO_SUCCESS: return "ok";
  case __WASI_ERRNO_BADF: return "EBADF";
  case __WASI_ERRNO_FAULT: return "EFAULT";
  case __WASI_ERRNO_INVAL: return "EINVAL";
  case __WASI_ERRNO_ISDIR: return "EISDIR";
  case __WASI_ERRNO_NOENT: return "ENOENT";
  case __WASI_ERRNO_NOTCAPABLE: return "ENOTCAPABLE";
  case __WASI_ERRNO_NOTDIR: return "ENOTDIR";
  case __WASI_ERRNO_NOTSOCK: return "ENOTSOCK";
  case __WASI_ERRNO_SPIPE: return "ESPIPE";
  default: return "other";
  }
}

/* The descriptors, one per column. */
enum { BAD, FILE_, FILE_NONE, DIR_, DIR_NONE, PREOPEN, PIPE_IN, PIPE_OUT, NCOLS };
static const char *const columns[NCOLS] = {"bad fd", "file", "file-0", "dir", "dir-0", "preopen", "pipe in", "pipe out"};
static __wasi_fd_t fds[NCOLS];

/* One row: the call on each descriptor. */
typedef __wasi_errno_t (*call_fn)(__wasi_fd_t fd);
static void row(const char *what, call_fn call)
{
  printf("%-28s", what);
  for (int c = 0; c < NCOLS; c++)
    printf(c + 1 < NCOLS ? " %-12s" : " %s\n", name(call(fds[c])));
}

static uint8_t buf[64];
static __wasi_size_t n;
static __wasi_filesize_t pos;
static __wasi_iovec_t iov = {buf, 0};
static __wasi_ciovec_t ciov = {buf, 0};
static const __wasi_iovec_t *bad_iov = (const __wasi_iovec_t *)0xfffffff8u; /* past the end of memory */

static __wasi_errno_t read_(__wasi_fd_t fd) { return __wasi_fd_read(fd, &iov, 1, &n); }
static __wasi_errno_t write_(__wasi_fd_t fd) { return __wasi_fd_write(fd, &ciov, 1, &n); }
static __wasi_errno_t pread_(__wasi_fd_t fd) { return __wasi_fd_pread(fd, &iov, 1, 0, &n); }
static __wasi_errno_t pwrite_(__wasi_fd_t fd) { return __wasi_fd_pwrite(fd, &ciov, 1, 0, &n); }
static __wasi_errno_t seek_(__wasi_fd_t fd) { return __wasi_fd_seek(fd, 0, __WASI_WHENCE_SET, &pos); }
static __wasi_errno_t tell_(__wasi_fd_t fd) { return __wasi_fd_tell(fd, &pos); }
static __wasi_errno_t allocate_(__wasi_fd_t fd) { return __wasi_fd_allocate(fd, 0, 1); }
static __wasi_errno_t set_size_(__wasi_fd_t fd) { return __wasi_fd_filestat_set_size(fd, 1); }
static __wasi_errno_t advise_(__wasi_fd_t fd) { return __wasi_fd_advise(fd, 0, 0, __WASI_ADVICE_NORMAL); }
static __wasi_errno_t sync_(__wasi_fd_t fd) { return __wasi_fd_sync(fd); }
static __wasi_errno_t datasync_(__wasi_fd_t fd) { return __wasi_fd_datasync(fd); }
static __wasi_errno_t readdir_(__wasi_fd_t fd) { return __wasi_fd_readdir(fd, buf, sizeof buf, 0, &n); }
static __wasi_errno_t fdstat_(__wasi_fd_t fd)
{
  __wasi_fdstat_t st;
  return __wasi_fd_fdstat_get(fd, &st);
}
static __wasi_errno_t set_flags_(__wasi_fd_t fd)
{
  __wasi_fdstat_t st;
  __wasi_errno_t e = __wasi_fd_fdstat_get(fd, &st);
  return e ? e : __wasi_fd_fdstat_set_flags(fd, st.fs_flags); /* to what they are: a change of nothing */
}
static __wasi_errno_t filestat_(__wasi_fd_t fd)
{
  __wasi_filestat_t st;
  return __wasi_fd_filestat_get(fd, &st);
}
static __wasi_errno_t set_times_(__wasi_fd_t fd)
{
  return __wasi_fd_filestat_set_times(fd, 0, 0, __WASI_FSTFLAGS_ATIM_NOW | __WASI_FSTFLAGS_MTIM_NOW);
}
static __wasi_errno_t prestat_(__wasi_fd_t fd)
{
  __wasi_prestat_t p;
  return __wasi_fd_prestat_get(fd, &p);
}
static __wasi_errno_t accept_(__wasi_fd_t fd)
{
  int32_t out;
  return (__wasi_errno_t)raw_sock_accept((int32_t)fd, 0, &out);
}
static __wasi_errno_t recv_(__wasi_fd_t fd)
{
  __wasi_roflags_t ro;
  return __wasi_sock_recv(fd, &iov, 1, 0, &n, &ro);
}
static __wasi_errno_t send_(__wasi_fd_t fd) { return __wasi_sock_send(fd, &ciov, 1, 0, &n); }
static __wasi_errno_t shutdown_(__wasi_fd_t fd) { return __wasi_sock_shutdown(fd, __WASI_SDFLAGS_WR); }
static __wasi_errno_t path_open_(__wasi_fd_t fd)
{
  __wasi_fd_t out;
  return __wasi_path_open(fd, 0, "missing", 0, 0, 0, 0, &out);
}
static __wasi_errno_t path_stat_(__wasi_fd_t fd)
{
  __wasi_filestat_t st;
  return __wasi_path_filestat_get(fd, 0, "missing", &st);
}
static __wasi_errno_t mkdir_(__wasi_fd_t fd) { return __wasi_path_create_directory(fd, "missing/x"); }

/* the kind (or the rights) before the arguments */
static __wasi_errno_t seek_bad_whence(__wasi_fd_t fd) { return __wasi_fd_seek(fd, 0, 9, &pos); }
static __wasi_errno_t pread_bad_iovs(__wasi_fd_t fd) { return __wasi_fd_pread(fd, bad_iov, 1, 0, &n); }
static __wasi_errno_t read_bad_iovs(__wasi_fd_t fd) { return __wasi_fd_read(fd, bad_iov, 1, &n); }
static __wasi_errno_t readdir_bad_buf(__wasi_fd_t fd) { return __wasi_fd_readdir(fd, (uint8_t *)0xfffffff0u, 64, 0, &n); }
static __wasi_errno_t advise_bad(__wasi_fd_t fd) { return __wasi_fd_advise(fd, 0, 0, 99); }
static __wasi_errno_t shutdown_bad_how(__wasi_fd_t fd) { return __wasi_sock_shutdown(fd, 0); }
static __wasi_errno_t path_bad_ptr(__wasi_fd_t fd)
{
  __wasi_filestat_t st;
  return (__wasi_errno_t)raw_path_filestat_get((int32_t)fd, 0, (int32_t)0xfffffff0u, 16, (int32_t)(uintptr_t)&st);
}

int main(void)
{
  /* the descriptors: a file and a directory with all the rights that apply, and with none */
  fds[BAD] = 99;
  if (__wasi_path_open(SB, 0, "file", __WASI_OFLAGS_CREAT, FILE_RIGHTS, 0, 0, &fds[FILE_]) ||
      __wasi_path_open(SB, 0, "file", 0, 0, 0, 0, &fds[FILE_NONE]) || __wasi_path_create_directory(SB, "dir") ||
      __wasi_path_open(SB, 0, "dir", __WASI_OFLAGS_DIRECTORY, DIR_RIGHTS, ALL_RIGHTS, 0, &fds[DIR_]) ||
      __wasi_path_open(SB, 0, "dir", __WASI_OFLAGS_DIRECTORY, 0, 0, 0, &fds[DIR_NONE])) {
    printf("set-up failed\n");
    return 1;
  }
  fds[PREOPEN] = SB;
  fds[PIPE_IN] = 0;
  fds[PIPE_OUT] = 1;

  printf("%-28s", "-- which error wins");
  for (int c = 0; c < NCOLS; c++)
    printf(c + 1 < NCOLS ? " %-12s" : " %s\n", columns[c]);
  row("fd_read", read_);
  row("fd_write", write_);
  row("fd_pread", pread_);
  row("fd_pwrite", pwrite_);
  row("fd_seek", seek_);
  row("fd_tell", tell_);
  row("fd_allocate", allocate_);
  row("fd_filestat_set_size", set_size_);
  row("fd_advise", advise_);
  row("fd_sync", sync_);
  row("fd_datasync", datasync_);
  row("fd_readdir", readdir_);
  row("fd_fdstat_get", fdstat_);
  row("fd_fdstat_set_flags", set_flags_);
  row("fd_filestat_get", filestat_);
  row("fd_filestat_set_times", set_times_);
  row("fd_prestat_get", prestat_);
  row("sock_accept", accept_);
  row("sock_recv", recv_);
  row("sock_send", send_);
  row("sock_shutdown", shutdown_);
  row("path_open missing", path_open_);
  row("path_filestat_get missing", path_stat_);
  row("path_create_directory m/x", mkdir_);
  printf("-- then the arguments\n");
  row("fd_seek whence 9", seek_bad_whence);
  row("fd_read iovecs outside", read_bad_iovs);
  row("fd_pread iovecs outside", pread_bad_iovs);
  row("fd_readdir buffer outside", readdir_bad_buf);
  row("fd_advise advice 99", advise_bad);
  row("sock_shutdown how 0", shutdown_bad_how);
  row("path_filestat_get path out", path_bad_ptr);

  /* a preopen is a directory like another: it can be renumbered over and closed, and is then
   * no preopen (fd 4 is a second preopen) */
  printf("-- preopens\n");
  printf("%-28s %s\n", "fd_renumber file-0 onto 4", name(__wasi_fd_renumber(fds[FILE_NONE], 4)));
  printf("%-28s %s\n", "  fd_prestat_get 4", name(prestat_(4)));
  printf("%-28s %s\n", "  fd_read 4 (file-0 now)", name(read_(4)));
  printf("%-28s %s\n", "  fd_read file-0", name(read_(fds[FILE_NONE])));
  printf("%-28s %s\n", "fd_close the preopen 3", name(__wasi_fd_close(SB)));
  printf("%-28s %s\n", "  path_open through it", name(path_open_(SB)));
  printf("%-28s %s\n", "  fd_prestat_get 3", name(prestat_(SB)));
  return 0;
}
