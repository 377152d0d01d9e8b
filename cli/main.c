/* main.c: the wasmlab command: validate, dump, spec (and, as tiers land, run). */
#include "wasmlab.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/spec.h"

#define EXIT_USAGE 2

static const char usage[] =
  "usage: wasmlab COMMAND [OPTIONS] ...\n"
  "\n"
  "commands:\n"
  "  validate FILE                    decode and validate a module; prints 'ok' or the error\n"
  "  dump --ir FILE [--func N|NAME]   print the shared IR of every function (or one)\n"
  "  spec [--tier T] PATH...          run WebAssembly spec tests (.wast files or folders)\n"
  "\n"
  "options:\n"
  "  -h, --help      this text\n"
  "  -V, --version   print the version\n"
  "  --stats         (validate) print sizes and decode/validate times\n"
  "\n"
  "exit status: 0 success, 1 the module or a test failed, 2 bad usage or unreadable file\n";

static int usage_error(const char *fmt, const char *arg)
{
  fprintf(stderr, "wasmlab: ");
  fprintf(stderr, fmt, arg);
  fprintf(stderr, "\nTry 'wasmlab --help'.\n");
  return EXIT_USAGE;
}

/* Reads a whole file; on failure prints why and returns NULL. */
static uint8_t *read_file(const char *path, size_t *len)
{
  FILE *f = fopen(path, "rb");
  struct stat st;
  uint8_t *buf;
  if (!f) {
    fprintf(stderr, "wasmlab: cannot open '%s': %s\n", path, strerror(errno));
    return NULL;
  }
  if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
    fprintf(stderr, "wasmlab: '%s' is not a regular file\n", path);
    fclose(f);
    return NULL;
  }
  buf = malloc(st.st_size ? (size_t)st.st_size : 1);
  if (!buf) {
    fprintf(stderr, "wasmlab: '%s' is too large to read (%lld bytes)\n", path, (long long)st.st_size);
    fclose(f);
    return NULL;
  }
  *len = fread(buf, 1, (size_t)st.st_size, f);
  if (ferror(f) || *len != (size_t)st.st_size) {
    fprintf(stderr, "wasmlab: cannot read '%s': %s\n", path, strerror(errno));
    free(buf);
    fclose(f);
    return NULL;
  }
  fclose(f);
  return buf;
}

/* Loads FILE into a module; prints the error with the file name and returns NULL. */
static wlab_module *load(wlab_engine *engine, const char *path, int *status)
{
  size_t len = 0;
  uint8_t *bytes = read_file(path, &len);
  wlab_error err;
  wlab_module *m;
  if (!bytes) {
    *status = EXIT_USAGE;
    return NULL;
  }
  m = wlab_module_new(engine, bytes, len, &err);
  free(bytes);
  if (!m) {
    fprintf(stderr, "%s: %s\n", path, err.text);
    *status = err.status == WLAB_ERR_NOMEM ? EXIT_USAGE : 1;
  }
  return m;
}

static int cmd_validate(int argc, char **argv)
{
  const char *file = NULL;
  bool stats = false;
  int status = 0;
  wlab_engine *engine;
  wlab_module *m;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--stats") == 0)
      stats = true;
    else if (argv[i][0] == '-' && argv[i][1])
      return usage_error("validate: unknown option '%s'", argv[i]);
    else if (file)
      return usage_error("validate: more than one file given ('%s')", argv[i]);
    else
      file = argv[i];
  }
  if (!file)
    return usage_error("%s", "validate: no FILE given");
  if (!(engine = wlab_engine_new(NULL))) {
    fprintf(stderr, "wasmlab: out of memory\n");
    return EXIT_USAGE;
  }
  m = load(engine, file, &status);
  if (m) {
    printf("ok\n");
    if (stats) {
      wlab_module_stats s;
      wlab_module_stats_get(m, &s);
      printf("functions: %u defined\ncode: %llu bytes\nir: %llu ops\ndecode: %.3f ms\nvalidate: %.3f ms\n",
             s.funcs_defined, (unsigned long long)s.code_bytes, (unsigned long long)s.ir_insts,
             s.decode_ns / 1e6, s.validate_ns / 1e6);
    }
    wlab_module_free(m);
  }
  wlab_engine_free(engine);
  return status;
}

static int cmd_dump(int argc, char **argv)
{
  const char *file = NULL, *func = NULL;
  bool ir = false;
  int status = 0;
  wlab_engine *engine;
  wlab_module *m;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--ir") == 0 || strcmp(argv[i], "--dump=ir") == 0)
      ir = true;
    else if (strcmp(argv[i], "--func") == 0) {
      if (++i == argc)
        return usage_error("%s", "dump: --func needs an index or a name");
      func = argv[i];
    } else if (strncmp(argv[i], "--func=", 7) == 0)
      func = argv[i] + 7;
    else if (argv[i][0] == '-' && argv[i][1])
      return usage_error("dump: unknown option '%s'", argv[i]);
    else if (file)
      return usage_error("dump: more than one file given ('%s')", argv[i]);
    else
      file = argv[i];
  }
  if (!ir)
    return usage_error("%s", "dump: say what to dump (--ir)");
  if (!file)
    return usage_error("%s", "dump: no FILE given");
  if (!(engine = wlab_engine_new(NULL))) {
    fprintf(stderr, "wasmlab: out of memory\n");
    return EXIT_USAGE;
  }
  m = load(engine, file, &status);
  if (m) {
    uint32_t index = WLAB_NONE;
    wlab_error err;
    if (func && (index = wlab_module_find_func(m, func)) == WLAB_NONE) {
      fprintf(stderr, "wasmlab: dump: %s has no function '%s'\n", file, func);
      status = EXIT_USAGE;
    } else if (wlab_module_dump(m, WLAB_DUMP_IR, index, stdout, &err) != WLAB_OK) {
      fprintf(stderr, "wasmlab: dump: %s\n", err.text);
      status = 1;
    }
    wlab_module_free(m);
  }
  wlab_engine_free(engine);
  return status;
}

int main(int argc, char **argv)
{
  const char *cmd;
  int status;
  if (argc < 2) {
    fputs(usage, stderr);
    return EXIT_USAGE;
  }
  cmd = argv[1];
  if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "help") == 0) {
    fputs(usage, stdout);
    return 0;
  }
  if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
    printf("wasmlab %s\n", wlab_version());
    return 0;
  }
  if (strcmp(cmd, "validate") == 0)
    status = cmd_validate(argc - 1, argv + 1);
  else if (strcmp(cmd, "dump") == 0)
    status = cmd_dump(argc - 1, argv + 1);
  else if (strcmp(cmd, "spec") == 0)
    status = spec_main(argc - 1, argv + 1);
  else if (cmd[0] == '-')
    status = usage_error("unknown option '%s'", cmd);
  else
    status = usage_error("unknown command '%s'", cmd);
  if (fflush(stdout) != 0 && status == 0) {
    fprintf(stderr, "wasmlab: cannot write output: %s\n", strerror(errno));
    status = EXIT_USAGE;
  }
  return status;
}
