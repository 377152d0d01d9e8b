/* wasi.h: WASI preview1 host functions, built on the public API only (wasmlab.h). */
#ifndef WLAB_WASI_H
#define WLAB_WASI_H

#include "wasmlab.h"

/* What a guest may see: its arguments and the environment variables it was granted.
 * Nothing is inherited: the embedder lists every variable. */
typedef struct wasi_ctx wasi_ctx;

/* argv[0] is the program name the guest sees.  env entries are "NAME=VALUE".  The strings
 * are copied.  NULL when out of memory. */
wasi_ctx *wasi_new(int argc, char *const *argv, int nenv, char *const *env);
void wasi_free(wasi_ctx *ctx);

/* Defines every function this build implements under "wasi_snapshot_preview1". */
wlab_status wasi_define(wasi_ctx *ctx, wlab_linker *linker, wlab_error *err);

/* Does the module import anything from WASI? */
int wasi_module_uses(const wlab_module *m);

#endif
