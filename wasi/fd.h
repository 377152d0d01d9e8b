/* fd.h: the guest's descriptor table and the fd_* functions of preview1. */
#ifndef WLAB_WASI_FD_H
#define WLAB_WASI_FD_H

#include "wasi/abi.h"
#include "wasi/ctx.h"

#include <sys/stat.h>
#include <time.h>

/* The table */
bool fd_init_stdio(wasi_ctx *c);
void fd_close_all(wasi_ctx *c);
/* The open entry for guest descriptor fd, or NULL. */
fd_entry *fd_get(wasi_ctx *c, uint32_t fd);
/* What an operation needs its descriptor to be.  Each use applies to some kinds of object
 * (files, directories, streams, sockets); on the others it fails with the errno Linux gives for
 * that kind (the table in fd.c; docs/wasi.md, "Which error wins"). */
typedef enum fd_use {
  USE_ANY,        /* every kind: fdstat, filestat, set_times, set_flags */
  USE_BYTES,      /* fd_read, fd_write: not a directory (EISDIR) */
  USE_OFFSET,     /* pread, pwrite, seek, tell, allocate: a file (EISDIR; streams ESPIPE) */
  USE_SIZE,       /* filestat_set_size: a file (EISDIR; streams EINVAL, as ftruncate) */
  USE_ADVICE,     /* fd_advise: a file or directory (streams ESPIPE) */
  USE_SYNC,       /* fd_sync, fd_datasync: a file or directory (streams EINVAL, as fsync) */
  USE_DIRECTORY,  /* fd_readdir and the base of every path_* call (ENOTDIR) */
  USE_SOCKET,     /* sock_* (ENOTSOCK) */
  USE_COUNT
} fd_use;

/* The entry for fd, checked in this order: it is open (else E_BADF); it is of a kind `use`
 * applies to (else that kind's errno); it holds every right in `rights` (else E_NOTCAPABLE).
 * What the object is decides before what the descriptor may do, as on Linux, where
 * shutdown(stdout) is ENOTSOCK whatever the descriptor's mode. */
int fd_check(wasi_ctx *c, uint32_t fd, fd_use use, uint64_t rights, fd_entry **out);
/* Adds a descriptor at the lowest free number; takes host.  E_MFILE/E_NOMEM on failure
 * (host is then closed). */
int fd_insert(wasi_ctx *c, int host, uint8_t type, uint64_t base, uint64_t inheriting,
              bool readonly, uint32_t *out);
uint8_t fd_filetype(mode_t mode);

/* Request contexts (wasi_capture_stdio): moves the table into c->saved, makes 0-2 memory
 * streams; fd_restore_table puts the saved table back as borrowed entries, closing what the
 * guest opened; fd_free_saved closes the saved table's descriptors.  E_NOMEM on failure. */
int fd_save_table(wasi_ctx *c);
int fd_restore_table(wasi_ctx *c);
void fd_free_saved(wasi_ctx *c);

/* Shared with path.c: filestat layout and the set-times flags. */
void fd_put_filestat(abi_mem m, uint32_t ptr, const struct stat *st);
int fd_times(uint64_t atim, uint64_t mtim, uint32_t fst, struct timespec ts[2]);

WASI_FN(fd_advise);
WASI_FN(fd_allocate);
WASI_FN(fd_close);
WASI_FN(fd_datasync);
WASI_FN(fd_fdstat_get);
WASI_FN(fd_fdstat_set_flags);
WASI_FN(fd_fdstat_set_rights);
WASI_FN(fd_filestat_get);
WASI_FN(fd_filestat_set_size);
WASI_FN(fd_filestat_set_times);
WASI_FN(fd_pread);
WASI_FN(fd_prestat_get);
WASI_FN(fd_prestat_dir_name);
WASI_FN(fd_pwrite);
WASI_FN(fd_read);
WASI_FN(fd_readdir);
WASI_FN(fd_renumber);
WASI_FN(fd_seek);
WASI_FN(fd_sync);
WASI_FN(fd_tell);
WASI_FN(fd_write);

#endif
