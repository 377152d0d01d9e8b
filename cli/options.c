/* options.c: the engine options `run` and `spec` share (the tier manager's). */
#include "cli/options.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cli_tiering_option(int argc, char **argv, int *i, wlab_config *cfg, const char *command)
{
  const char *a = argv[*i];
  if (strcmp(a, "--tier-up-after") == 0) {
    char *end;
    long long n;
    if (++*i == argc) {
      fprintf(stderr, "wasmlab: %s: --tier-up-after needs a number of ticks\nTry 'wasmlab --help'.\n", command);
      return -1;
    }
    n = strtoll(argv[*i], &end, 10);
    if (*end || !*argv[*i] || n < 0) {
      fprintf(stderr, "wasmlab: %s: --tier-up-after: '%s' is not a number of ticks (0 or more)\n"
              "Try 'wasmlab --help'.\n", command, argv[*i]);
      return -1;
    }
    cfg->tier_up_after = n;
    return 1;
  }
  if (strcmp(a, "--no-background") == 0)
    return cfg->no_background = 1;
  if (strcmp(a, "--no-osr") == 0)
    return cfg->no_osr = 1;
  if (strcmp(a, "--trace-tiering") == 0)
    return cfg->trace_tiering = 1;
  return 0;
}
