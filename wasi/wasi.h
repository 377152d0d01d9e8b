/* wasi.h: WASI preview1 for a guest, built on the public API only (wasmlab.h): what the embedder grants, and the imports. */
#ifndef WLAB_WASI_H
#define WLAB_WASI_H

#include "wasmlab.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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

/* ---- request contexts (serve/: one context per pool slot, reused request after request) ---- */

/* Makes ctx a request context, after its grants: descriptors 0-2 become memory streams (stdin
 * reads the buffer of wasi_set_stdin_buffer; stdout and stderr are captured, each up to its
 * limit in bytes: a write past it fails with EFBIG and marks the capture over), and the table
 * as granted now (stdio and preopens) is what wasi_reset_request returns to.  `wasmlab run`
 * never calls this: its guests keep the host's stdio.  Returns 0, or an errno value. */
int wasi_capture_stdio(wasi_ctx *ctx, size_t out_limit, size_t err_limit);
/* The guest's stdin for this request: data[0..len) is not copied, and must live until the
 * next wasi_reset_request. */
void wasi_set_stdin_buffer(wasi_ctx *ctx, const uint8_t *data, size_t len);
/* Replaces the arguments and environment (copied).  Returns 0, or ENOMEM (then unchanged). */
int wasi_set_args_env(wasi_ctx *ctx, int argc, char *const *argv, int nenv, char *const *env);
/* What the guest wrote to fd 1 (fd = 1) or 2 (fd = 2) since the last reset; *over: a write
 * was refused at the limit. */
const uint8_t *wasi_captured(const wasi_ctx *ctx, int fd, size_t *len, bool *over);
/* Back to the granted state for the next request: descriptors the guest opened closed, stdio
 * and preopens back at their numbers (whatever the guest closed or renumbered), captures and
 * stdin emptied.  Returns 0, or ENOMEM. */
int wasi_reset_request(wasi_ctx *ctx);

/* Defines all 46 functions of wasi_snapshot_preview1 in the linker. */
wlab_status wasi_define(wasi_ctx *ctx, wlab_linker *linker, wlab_error *err);

/* Defines the functions of wasi_snapshot_preview1 that module m imports (each once): what a
 * linker made for one module needs, without 46 definitions. */
wlab_status wasi_define_imports(wasi_ctx *ctx, wlab_linker *linker, const wlab_module *m, wlab_error *err);

/* Does the module import anything from WASI? */
int wasi_module_uses(const wlab_module *m);

#endif
