/* wasi.h: WASI preview1 for a guest, built on the public API only (wasmlab.h): what the embedder grants, and the imports. */
#ifndef WLAB_WASI_H
#define WLAB_WASI_H

#include "wasmlab.h"

/* What a guest may see: its arguments, the environment variables it was granted, the host's
 * stdio as descriptors 0-2, and the directories and sockets preopened for it.  Nothing is
 * ambient: no file is reachable without a preopen, no variable is inherited unless the
 * embedder lists it. */
typedef struct wasi_ctx wasi_ctx;

/* argv[0] is the program name the guest sees.  env entries are "NAME=VALUE".  The strings
 * are copied.  NULL when out of memory. */
wasi_ctx *wasi_new(int argc, char *const *argv, int nenv, char *const *env);
void wasi_free(wasi_ctx *ctx);

/* Grants the host directory host_path to the guest as guest_name (its next descriptor, from
 * 3 up).  read_only: the guest may read but never create, write, rename, link or remove
 * anything under it (EROFS).  Returns 0, or the host errno (the directory cannot be opened). */
int wasi_preopen_dir(wasi_ctx *ctx, const char *host_path, const char *guest_name, int read_only);

/* Grants a host socket (listening or connected); ctx takes it over.  Returns the guest's
 * descriptor number, or -1 with errno set (ENOTSOCK if it is not a socket). */
int wasi_preopen_socket(wasi_ctx *ctx, int host_fd);

/* Defines all 46 functions of wasi_snapshot_preview1 in the linker. */
wlab_status wasi_define(wasi_ctx *ctx, wlab_linker *linker, wlab_error *err);

/* Does the module import anything from WASI? */
int wasi_module_uses(const wlab_module *m);

#endif
