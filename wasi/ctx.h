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
  uint64_t base;          /* rights on this descriptor */
  uint64_t inheriting;    /* rights descriptors opened through it may have */
  char *preopen;          /* guest name of a preopened directory, else NULL */
  size_t preopen_len;
} fd_entry;

struct wasi_ctx {
  int argc, nenv;
  char **argv, **env;
  fd_entry *fds;          /* the table: 0, 1, 2 are stdio, then the preopens in grant order */
  uint32_t nfds, cap;
  bool no_openat2;        /* resolve paths by the component walk (no openat2, or forced) */
};

#endif
