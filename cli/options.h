/* options.h: the engine options `run`, `spec` and `serve` share (the tier manager's, the sandbox's). */
#ifndef WLAB_CLI_OPTIONS_H
#define WLAB_CLI_OPTIONS_H

#include "wasmlab.h"
#include "wasi/wasi.h"

#include <stdbool.h>

/* The help text's lines for these options. */
#define CLI_TIERING_HELP                                                                         \
  "  --tier-up-after N         (tiered) compile a function after N entries + loop iterations\n" \
  "                            (default 1000; 0 compiles each function on its first tick)\n"    \
  "  --opt-after N             (tiered) optimise a function after N ticks, those in baseline\n"  \
  "                            code and the interpreter's before it (default 50000)\n"          \
  "  --compile-threads N       (tiered) compiler threads at most (default: the cores less one,\n" \
  "                            1 to 4)\n"                                                        \
  "  --no-background           (tiered) compile on the running thread, not a compiler thread\n" \
  "  --no-osr                  (tiered) no on-stack replacement: running calls stay put\n"      \
  "  --trace-tiering           (tiered) print each tier-up and OSR event to stderr\n"      \
  "  --ladder LIST             (tiered) the rungs to climb: interp,baseline,opt (default),\n" \
  "                            interp,baseline or interp,opt\n"                             \
  "  --opt-disable=P,Q         (opt) switch the optimiser's passes P, Q off\n"

/* If argv[*i] is one of these options, applies it to cfg (consuming its value) and returns 1;
 * returns 0 when it is not one; -1 after printing what is wrong with it. */
int cli_tiering_option(int argc, char **argv, int *i, wlab_config *cfg, const char *command);

/* What a WASI guest is granted: --env, --inherit-env, --dir.  envs and dirs point at the caller's
 * arrays of CLI_MAX_GRANTS (static ones: only the options write them), so the struct is small
 * enough for the caller's stack: a static copy holding the arrays was a 4 KB object in .bss of
 * which `run` read the counts alone, a page fault of its own in every run. */
#define CLI_MAX_GRANTS 256
typedef struct cli_grants {
  char **envs;
  int nenv;
  char **dirs;
  int ndirs;
  bool inherit_env;
} cli_grants;

/* The sandbox's options, as cli_tiering_option: --tier, --max-memory, --fuel, --timeout,
 * --bounds-checks=guard|explicit, --env, --inherit-env, --dir. */
int cli_sandbox_option(int argc, char **argv, int *i, wlab_config *cfg, cli_grants *g, const char *command);

/* The guest's capabilities: arguments, environment (--env, and with --inherit-env this
 * process's variables that --env does not name), and the --dir preopens.  NULL when out of
 * memory, or with *status set to 2 after saying why when a directory cannot be granted. */
wasi_ctx *cli_wasi_grant(int argc, char **argv, const cli_grants *g, const char *command, int *status);

#endif
