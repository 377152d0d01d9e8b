/* ctx.h: the state of one WASI guest (arguments, environment, descriptor table), shared by the wasi/ files. */
#ifndef WLAB_WASI_CTX_H
#define WLAB_WASI_CTX_H

#include "wasi/wasi.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One guest descriptor.  The guest's number is the index in wasi_ctx.fds; the host descriptor
 * behind it is never shown to the guest. */
typedef struct fd_entry {
  int host;               /* host descriptor; -1: the slot is free */
  uint8_t type;           /* preview1 filetype, fixed when the descriptor is made */
  bool owned;             /* closed with the entry (false for the host's stdio, which stays open) */
  bool readonly;          /* under a read-only preopen: nothing reached through it may change */
  uint8_t mem;            /* a memory stream of a request context (MEM_*), else MEM_NONE */
  bool lazy;              /* the host's stdio, type and rights not read yet (fd_get reads them) */
  uint64_t base;          /* rights on this descriptor */
  uint64_t inheriting;    /* rights descriptors opened through it may have */
  char *preopen;          /* guest name of a preopened directory, else NULL */
  size_t preopen_len;
} fd_entry;

/* fd_entry.mem: what a request context's stdio is instead of the host's descriptors */
enum { MEM_NONE, MEM_STDIN, MEM_STDOUT, MEM_STDERR };

/* A capture of stdout or stderr: grows up to `limit` bytes, kept allocated between requests. */
typedef struct mem_out {
  uint8_t *data;
  size_t len, size, limit;
  bool over;              /* a write was refused: it would have passed the limit */
} mem_out;

struct wasi_ctx {
  int argc, nenv;
  char **argv, **env;
  fd_entry *fds;          /* the table: 0, 1, 2 are stdio, then the preopens in grant order */
  uint32_t nfds, cap;
  bool no_openat2;        /* resolve paths by the component walk (no openat2, or forced) */
  /* A request context (wasi_capture_stdio): the table as granted, which owns its host
   * descriptors and which wasi_reset_request restores; the live table only borrows them. */
  fd_entry *saved;
  uint32_t nsaved;
  int null_fd;            /* /dev/null: the host descriptor behind the memory streams (fstat) */
  const uint8_t *in;      /* stdin: the request's body, not owned */
  size_t in_len, in_pos;
  mem_out out[2];         /* stdout, stderr */
};

#endif
