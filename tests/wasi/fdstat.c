/* fdstat.c: fd_fdstat_get on the host's stdio, each descriptor's first use either the fdstat itself or a read or write before it (the runtime reads stdio's type and rights lazily). */
#include <stdio.h>
#include <string.h>
#include <wasi/api.h>

static char report[512];
static size_t used;

static void describe(__wasi_fd_t fd)
{
  __wasi_fdstat_t st;
  __wasi_errno_t e = __wasi_fd_fdstat_get(fd, &st);
  if (e) {
    used += (size_t)snprintf(report + used, sizeof report - used, "fd %u: errno %u\n", fd, e);
    return;
  }
  used += (size_t)snprintf(report + used, sizeof report - used,
                           "fd %u: filetype %u, read %d, write %d, seek %d, append %d\n", fd,
                           st.fs_filetype, !!(st.fs_rights_base & __WASI_RIGHTS_FD_READ),
                           !!(st.fs_rights_base & __WASI_RIGHTS_FD_WRITE),
                           !!(st.fs_rights_base & __WASI_RIGHTS_FD_SEEK),
                           !!(st.fs_flags & __WASI_FDFLAGS_APPEND));
}

static void flush(void)
{
  __wasi_ciovec_t iov = {(const uint8_t *)report, used};
  __wasi_size_t n;
  __wasi_fd_write(2, &iov, 1, &n);
  used = 0;
}

int main(void)
{
  uint8_t byte;
  __wasi_iovec_t in = {&byte, 0};
  __wasi_size_t n;
  describe(1); /* stdout: first used by the fdstat */
  __wasi_errno_t e = __wasi_fd_read(0, &in, 1, &n); /* stdin: first used by a read */
  used += (size_t)snprintf(report + used, sizeof report - used, "fd 0: read errno %u\n", e);
  describe(0);
  flush(); /* stderr: first used by this write */
  describe(2);
  describe(1); /* asked again: the same */
  flush();
  return 0;
}
