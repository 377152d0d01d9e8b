/* server.h: `wasmlab serve`: an HTTP/1.1 server (libmicrohttpd) running a WAGI handler, a fresh instance from the pool per request. */
#ifndef WLAB_SERVE_SERVER_H
#define WLAB_SERVE_SERVER_H

#include "wasmlab.h"
#include "wasi/wasi.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Makes the WASI context of one pool slot, with the server's grants (--dir, --env); NULL after
 * saying why.  The server turns it into a request context (wasi_capture_stdio). */
typedef wasi_ctx *(*serve_grant_fn)(void *user);

typedef struct serve_config {
  const char *listen;       /* "ADDR:PORT", "[ADDR6]:PORT" or ":PORT" (all addresses); port 0: any free one */
  uint32_t workers;         /* requests handled at once: HTTP threads, and instances in the pool */
  const char *name;         /* argv[0] and SCRIPT_FILENAME for the guest: the module's file name */
  int nenv;                 /* variables every request gets (--env), "NAME=VALUE" */
  char *const *env;
  serve_grant_fn grant;     /* a slot's WASI context */
  void *grant_user;
  size_t max_body;          /* a request body larger is refused (413) */
  size_t max_response;      /* a guest writing more to stdout gets a 500 */
  const char *log;          /* the access log: a file, "-" for stdout, NULL for none */
  bool stats;               /* counters on stderr at exit */
  wlab_pool_reset reset;    /* how the pool resets memories */
} serve_config;

/* Does this build have the HTTP server (libmicrohttpd)? */
bool serve_available(void);

/* Serves m until SIGINT or SIGTERM, then stops accepting, lets the requests in flight finish
 * and returns 0.  Prints "wasmlab serve: listening on http://ADDR:PORT/" on stderr once it
 * accepts.  Returns 1 after saying why when it cannot start (address in use, no pool). */
int serve_run(wlab_engine *engine, const wlab_module *m, const serve_config *cfg);

#endif
