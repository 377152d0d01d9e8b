/* options.c: the engine options `run`, `spec` and `serve` share (the tier manager's, the sandbox's). */
#include "cli/options.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/startup.h"

/* Are the passes of list the optimiser's?  The engine takes any list and checks it only when it
 * compiles (what it cannot compile stays in the tier below), so the list is tried here on a module
 * of one empty function, whose SSA dump checks the names; false after saying what is wrong. */
static bool opt_passes_known(const char *list, const char *command)
{
  static const uint8_t one_func[] = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x01, 0x60, 0x00,
                                     0x00, 0x03, 0x02, 0x01, 0x00, 0x0a, 0x04, 0x01, 0x02, 0x00, 0x0b};
  wlab_config cfg;
  wlab_error err = {0};
  wlab_config_default(&cfg);
  cfg.opt_disable = list;
  wlab_engine *e = wlab_engine_new(&cfg);
  wlab_module *m = e ? wlab_module_new(e, one_func, sizeof one_func, &err) : NULL;
  FILE *sink = fopen("/dev/null", "w");
  bool ok = e && m && sink && wlab_module_dump_ssa(m, 0, "build", sink, &err) == WLAB_OK;
  if (!ok)
    fprintf(stderr, "wasmlab: %s: %s\nTry 'wasmlab --help'.\n", command,
            e ? err.text : "--opt-disable: the list is too long");
  if (sink)
    fclose(sink);
  wlab_module_free(m);
  wlab_engine_free(e);
  return ok;
}

/* A count option's value: a whole number from min up; false after saying what is wrong. */
static bool count_value(int argc, char **argv, int *i, const char *option, const char *what, long long min,
                        const char *command, long long *out)
{
  char *end;
  if (++*i == argc) {
    fprintf(stderr, "wasmlab: %s: %s needs a number of %s\nTry 'wasmlab --help'.\n", command, option, what);
    return false;
  }
  errno = 0;
  *out = strtoll(argv[*i], &end, 10);
  if (*end || !*argv[*i] || *out < min || errno) {
    fprintf(stderr, "wasmlab: %s: %s: '%s' is not a number of %s (%lld or more)\n"
            "Try 'wasmlab --help'.\n", command, option, argv[*i], what, min);
    return false;
  }
  return true;
}

WLAB_STARTUP int cli_tiering_option(int argc, char **argv, int *i, wlab_config *cfg, const char *command)
{
  const char *a = argv[*i];
  long long n;
  if (strcmp(a, "--tier-up-after") == 0) {
    if (!count_value(argc, argv, i, a, "ticks", 0, command, &n))
      return -1;
    cfg->tier_up_after = n;
    return 1;
  }
  if (strcmp(a, "--opt-after") == 0) {
    if (!count_value(argc, argv, i, a, "ticks", 0, command, &n))
      return -1;
    cfg->opt_after = n;
    return 1;
  }
  if (strcmp(a, "--compile-threads") == 0) {
    if (!count_value(argc, argv, i, a, "threads", 1, command, &n))
      return -1;
    if (n > 16) {
      fprintf(stderr, "wasmlab: %s: --compile-threads: %lld is more than 16\nTry 'wasmlab --help'.\n", command, n);
      return -1;
    }
    cfg->compile_threads = (int)n;
    return 1;
  }
  if (strcmp(a, "--no-background") == 0)
    return cfg->no_background = 1;
  if (strcmp(a, "--no-osr") == 0)
    return cfg->no_osr = 1;
  if (strcmp(a, "--trace-tiering") == 0)
    return cfg->trace_tiering = 1;
  if (strcmp(a, "--ladder") == 0 || strncmp(a, "--ladder=", 9) == 0) {
    char why[200];
    const char *list = a[8] == '=' ? a + 9 : ++*i < argc ? argv[*i] : NULL;
    if (!list) {
      fprintf(stderr, "wasmlab: %s: --ladder needs a list of rungs (interp,baseline,opt)\nTry 'wasmlab --help'.\n",
              command);
      return -1;
    }
    if (wlab_ladder_check(list, why, sizeof why) != WLAB_OK) {
      fprintf(stderr, "wasmlab: %s: %s\nTry 'wasmlab --help'.\n", command, why);
      return -1;
    }
    cfg->ladder = list;
    return 1;
  }
  if (strncmp(a, "--opt-disable=", 14) == 0) {
    cfg->opt_disable = a + 14;
    return opt_passes_known(cfg->opt_disable, command) ? 1 : -1;
  }
  return 0;
}

WLAB_STARTUP
int cli_sandbox_option(int argc, char **argv, int *i, wlab_config *cfg, cli_grants *g, const char *command)
{
  const char *a = argv[*i];
  char *end;
  if (strcmp(a, "--tier") == 0) {
    if (++*i == argc) {
      fprintf(stderr, "wasmlab: %s: --tier needs a tier name\nTry 'wasmlab --help'.\n", command);
      return -1;
    }
    cfg->tier = argv[*i];
    return 1;
  }
  if (strcmp(a, "--bounds-checks=explicit") == 0 || strcmp(a, "--bounds-checks=guard") == 0) {
    cfg->bounds = strcmp(a, "--bounds-checks=explicit") == 0 ? WLAB_BOUNDS_EXPLICIT : WLAB_BOUNDS_GUARD;
    return 1;
  }
  if (strcmp(a, "--max-memory") == 0 || strcmp(a, "--fuel") == 0) {
    bool fuel = a[2] == 'f';
    long long n;
    if (!count_value(argc, argv, i, a, fuel ? "ticks" : "64 KiB pages", fuel ? 1 : 0, command, &n))
      return -1;
    if (fuel)
      cfg->fuel = (uint64_t)n;
    else
      cfg->max_memory_pages = (uint64_t)n;
    return 1;
  }
  if (strcmp(a, "--timeout") == 0) {
    if (++*i == argc || (cfg->timeout = strtod(argv[*i], &end), *end || !*argv[*i] || !(cfg->timeout > 0))) {
      fprintf(stderr, "wasmlab: %s: --timeout needs a positive number of seconds%s%s%s\nTry 'wasmlab --help'.\n",
              command, *i < argc ? " ('" : "", *i < argc ? argv[*i] : "", *i < argc ? "' is not one)" : "");
      return -1;
    }
    return 1;
  }
  if (strcmp(a, "--env") == 0 || strcmp(a, "--dir") == 0) {
    bool env = a[2] == 'e';
    if (++*i == argc || (env ? !strchr(argv[*i], '=') || argv[*i][0] == '=' : !argv[*i][0])) {
      fprintf(stderr, "wasmlab: %s: %s needs %s\nTry 'wasmlab --help'.\n", command, a,
              env ? "NAME=VALUE" : "HOST[::GUEST][:ro]");
      return -1;
    }
    if ((env ? g->nenv : g->ndirs) == CLI_MAX_GRANTS) {
      fprintf(stderr, "wasmlab: %s: more than %d %s options\n", command, CLI_MAX_GRANTS, a);
      return -1;
    }
    if (env)
      g->envs[g->nenv++] = argv[*i];
    else
      g->dirs[g->ndirs++] = argv[*i];
    return 1;
  }
  if (strcmp(a, "--inherit-env") == 0)
    return g->inherit_env = true;
  return 0;
}

wasi_ctx *cli_wasi_grant(int argc, char **argv, const cli_grants *g, const char *command, int *status)
{
  extern char **environ;
  char **all = (char **)g->envs;
  int nall = g->nenv;
  wasi_ctx *wasi;
  if (g->inherit_env) {
    int n = 0;
    while (environ[n])
      n++;
    if (!(all = calloc((size_t)(n + g->nenv) + 1, sizeof *all)))
      return NULL;
    nall = 0;
    for (int k = 0; k < n; k++) {
      size_t len = strcspn(environ[k], "=");
      bool overridden = false;
      for (int j = 0; j < g->nenv && !overridden; j++)
        overridden = strncmp(g->envs[j], environ[k], len) == 0 && g->envs[j][len] == '=';
      if (!overridden)
        all[nall++] = environ[k];
    }
    for (int j = 0; j < g->nenv; j++)
      all[nall++] = g->envs[j];
  }
  wasi = wasi_new(argc, argv, nall, all);
  if (all != g->envs)
    free(all);
  for (int k = 0; wasi && k < g->ndirs; k++) {
    /* HOST[::GUEST][:ro]: the suffix first, then the first "::" splits host from guest name */
    const char *d = g->dirs[k];
    size_t len = strlen(d);
    bool ro = len > 3 && strcmp(d + len - 3, ":ro") == 0;
    char *spec = strndup(d, ro ? len - 3 : len), *sep;
    const char *guest;
    int e;
    if (!spec) {
      wasi_free(wasi);
      return NULL;
    }
    guest = spec;
    if ((sep = strstr(spec, "::"))) {
      *sep = 0;
      guest = sep + 2;
    }
    if (!*spec || !*guest)
      e = EINVAL;
    else
      e = wasi_preopen_dir(wasi, spec, guest, ro);
    if (e) {
      fprintf(stderr, "wasmlab: %s: --dir '%s': %s\n", command, d, e == EINVAL ? "give HOST[::GUEST][:ro]" : strerror(e));
      *status = 2;
    }
    free(spec);
    if (e) {
      wasi_free(wasi);
      return NULL;
    }
  }
  return wasi;
}
