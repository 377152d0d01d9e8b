/* main.c: the wasmlab command: validate, dump, compile, run, spec, serve. */
#include "wasmlab.h"

#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>

#include "cli/options.h"
#include "cli/serve.h"
#include "cli/spec.h"
#include "wasi/wasi.h"
#include "core/startup.h"

/* Exit statuses: one per kind of outcome, the same in every tier (README.md, "Exit status").
 * A guest's proc_exit(n) exits with n & 0xff instead. */
#define EXIT_REFUSED 1         /* the module was refused or could not be set up: malformed, invalid,
                                * unlinkable, past a limit, or the host ran out of memory */
#define EXIT_USAGE 2           /* bad command line, unreadable file, no such export, bad arguments */
#define EXIT_TRAP 3            /* a trap: in the call, the start function or a segment */
#define EXIT_INTERRUPTED 4     /* --fuel or --timeout ran out */
#define EXIT_STACK_EXHAUSTED 5 /* the call stack was exhausted */

/* `run` ends the process once its call returns: the kernel takes the address space back at once,
 * so a run leaves its instance, linker, WASI context, module and engine to it (freeing them piece
 * by piece, and unmapping the memory reservation, was about 30,000 of the instructions of
 * `startup/hello` from its artifact).  Sanitizer builds free everything, so that LeakSanitizer
 * still finds what a free path forgets, and so does `--stats` (its counts are read after the
 * instance is gone, as before). */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_LEAK__)
#define RUN_FREES 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(leak_sanitizer)
#define RUN_FREES 1
#endif
#endif
#ifndef RUN_FREES
#define RUN_FREES 0
#endif

/* The exit status for a failure the API reported as st (not WLAB_ERR_EXIT: that exits with the
 * guest's code). */
static int exit_status_of(wlab_status st)
{
  switch (st) {
  case WLAB_OK: return 0;
  case WLAB_ERR_TRAP: case WLAB_ERR_UNINSTANTIABLE: return EXIT_TRAP;
  case WLAB_ERR_INTERRUPTED: return EXIT_INTERRUPTED;
  case WLAB_ERR_EXHAUSTED: return EXIT_STACK_EXHAUSTED;
  case WLAB_ERR_ARGUMENT: return EXIT_USAGE;
  default: return EXIT_REFUSED; /* malformed, invalid, unlinkable, past a limit, out of memory, unsupported */
  }
}

static const char usage[] =
  "usage: wasmlab COMMAND [OPTIONS] ...\n"
  "\n"
  "commands:\n"
  "  validate FILE                    decode and validate a module; prints 'ok' or the error\n"
  "  dump --ir FILE [--func N|NAME]   print the shared IR of every function (or one)\n"
  "  dump --asm FILE [--func N|NAME] [--bounds-checks=guard|explicit]\n"
  "                                   the baseline tier's machine code under each IR line\n"
  "  dump --asm --tier opt | --ssa FILE [--osr-entries]\n"
  "                                   the optimising tier's code or SSA; --osr-entries adds\n"
  "                                   each loop's OSR version after its function\n"
  "  compile [--tier opt|baseline] [--bounds-checks=guard|explicit] [--fuel N|--timeout S] FILE -o OUT\n"
  "                                   compile every function to an artifact (an ELF file,\n"
  "                                   docs/aot.md) that run takes as FILE; --fuel/--timeout\n"
  "                                   compile in the checks those options need at run time\n"
  "  run [OPTIONS] FILE [ARGS...]     run FILE's _start (a WASI command: ARGS are its arguments)\n"
  "                                   or, with --invoke NAME, call that export with ARGS\n"
  "  spec [--tier T] [OPTIONS] PATH...  run WebAssembly spec tests (.wast files or folders);\n"
  "                                   --aot: each module through an artifact, loaded back\n"
  "                                   --bounds-checks and the tiered options below apply\n"
  "  serve [OPTIONS] HANDLER          an HTTP server running the WAGI handler HANDLER (.wasm or\n"
  "                                   .cwasm), a fresh instance per request (serve options below)\n"
  "\n"
  "options:\n"
  "  -h, --help      this text\n"
  "  -V, --version   print the version\n"
  "  --stats         (validate) print sizes and decode/validate times;\n"
  "                  (run) after the run, print compile statistics per tier to stderr\n"
  "\n"
  "run options:\n"
  "  --invoke NAME             call the export NAME with ARGS parsed by its parameter types\n"
  "  --tier T                  execution tier: tiered (the default: the interpreter, then\n"
  "                            baseline code for hot functions), interp or baseline\n"
  CLI_TIERING_HELP
  "  --eager                   (baseline) compile every function when instantiating\n"
  "  --bounds-checks=guard|explicit   guard pages (default) or a check on every access\n"
  "  --max-memory PAGES        cap every memory at PAGES of 64 KiB (memory.grow returns -1)\n"
  "  --fuel N                  stop the guest after about N calls and loop iterations\n"
  "  --timeout SECONDS         stop the guest after SECONDS of running\n"
  "  --env NAME=VALUE          give the guest this environment variable (none by default)\n"
  "  --inherit-env             give the guest this process's environment (--env overrides)\n"
  "  --dir HOST[::GUEST][:ro]  give the guest the directory HOST, named GUEST (default: HOST);\n"
  "                            :ro makes it read-only.  Without --dir the guest sees no files\n"
  "\n"
  "%s"
  "\n"
  "exit status:\n"
  "  0    success\n"
  "  1    the module was refused (malformed, invalid, unlinkable, past a limit), the host ran out\n"
  "       of memory, or (spec) a test failed\n"
  "  2    bad usage, an unreadable file, no such export, bad arguments\n"
  "  3    (run) a trap: in the call, the start function or a segment\n"
  "  4    (run) --fuel or --timeout ran out\n"
  "  5    (run) the call stack was exhausted\n"
  "  n    (run) the guest called WASI proc_exit(n): n & 0xff\n";

static int usage_error(const char *fmt, const char *arg)
{
  fprintf(stderr, "wasmlab: ");
  fprintf(stderr, fmt, arg);
  fprintf(stderr, "\nTry 'wasmlab --help'.\n");
  return EXIT_USAGE;
}

/* A big module is read into a 2 MiB-aligned mapping advised onto huge pages: on the project's VM
 * a 4 KiB page fault costs about 13 us, and reading a 6 MB module into malloc's memory took
 * 23 ms of CPU, against 1.6 ms so. */
#define READ_MAP_MIN ((size_t)256 * 1024)
#define HUGE_PAGE ((size_t)2 * 1024 * 1024)

static size_t read_map_size(size_t len) { return (len + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1); }

static uint8_t *read_buffer(size_t len)
{
  uint8_t *map, *start;
  size_t size, head;
  if (len < READ_MAP_MIN)
    return malloc(len ? len : 1);
  size = read_map_size(len);
  map = mmap(NULL, size + HUGE_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (map == MAP_FAILED)
    return NULL;
  start = (uint8_t *)(((uintptr_t)map + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1));
  head = (size_t)(start - map);
  if (head)
    munmap(map, head);
  munmap(start + size, HUGE_PAGE - head);
#ifdef MADV_HUGEPAGE
  madvise(start, size, MADV_HUGEPAGE);
#endif
  return start;
}

/* Frees what read_file returned for a file of len bytes. */
static void free_file(uint8_t *buf, size_t len)
{
  if (len < READ_MAP_MIN)
    free(buf);
  else if (buf)
    munmap(buf, read_map_size(len));
}

/* Reads a whole file; on failure prints why, sets *status and returns NULL (free_file frees it). */
static uint8_t *read_file(const char *path, size_t *len, int *status)
{
  FILE *f = fopen(path, "rb");
  struct stat st;
  uint8_t *buf;
  if (!f) {
    fprintf(stderr, "wasmlab: cannot open '%s': %s\n", path, strerror(errno));
    *status = EXIT_USAGE;
    return NULL;
  }
  if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
    fprintf(stderr, "wasmlab: '%s' is not a regular file\n", path);
    fclose(f);
    *status = EXIT_USAGE;
    return NULL;
  }
  buf = read_buffer((size_t)st.st_size);
  if (!buf) {
    fprintf(stderr, "wasmlab: '%s' is too large to read (%lld bytes): out of memory\n", path,
            (long long)st.st_size);
    fclose(f);
    *status = EXIT_REFUSED;
    return NULL;
  }
  *len = fread(buf, 1, (size_t)st.st_size, f);
  if (ferror(f) || *len != (size_t)st.st_size) {
    fprintf(stderr, "wasmlab: cannot read '%s': %s\n", path, strerror(errno));
    free_file(buf, (size_t)st.st_size);
    fclose(f);
    *status = EXIT_USAGE;
    return NULL;
  }
  fclose(f);
  return buf;
}

/* Loads FILE into a module; prints the error with the file name and returns NULL.  Not inlined:
 * its wlab_error (3.8 KB) would sit in cmd_run's frame in a run from an artifact too, below
 * which the guest's call and its host functions then touch stack pages of their own. */
__attribute__((noinline)) static wlab_module *load(wlab_engine *engine, const char *path, int *status)
{
  size_t len = 0;
  uint8_t *bytes = read_file(path, &len, status);
  wlab_error err;
  wlab_module *m;
  if (!bytes)
    return NULL;
  m = wlab_module_new(engine, bytes, len, &err);
  free_file(bytes, len);
  if (!m) {
    fprintf(stderr, "%s: %s\n", path, err.text);
    *status = EXIT_REFUSED; /* out of memory too: the module is not the caller's mistake */
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
    return EXIT_REFUSED;
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
  const char *file = NULL, *func = NULL, *what = NULL, *after = NULL;
  bool asm_opt = false;
  wlab_dump_kind kind = WLAB_DUMP_IR;
  wlab_config cfg;
  int status = 0;
  wlab_engine *engine;
  wlab_module *m;
  wlab_config_default(&cfg);
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--ir") == 0 || strcmp(argv[i], "--dump=ir") == 0 || strcmp(argv[i], "--asm") == 0 ||
        strcmp(argv[i], "--dump=asm") == 0 || strcmp(argv[i], "--ssa") == 0 || strcmp(argv[i], "--dump=ssa") == 0) {
      const char *now = strstr(argv[i], "ir") ? "--ir" : strstr(argv[i], "ssa") ? "--ssa" : "--asm";
      if (what && strcmp(what, now) != 0)
        return usage_error("%s", "dump: give one of --ir, --ssa and --asm (--asm shows the IR too)");
      what = now;
      kind = strcmp(now, "--ir") == 0 ? WLAB_DUMP_IR : WLAB_DUMP_ASM;
    } else if (strcmp(argv[i], "--after") == 0) {
      if (++i == argc)
        return usage_error("%s", "dump: --after needs a stage (build, each, or a pass name)");
      after = argv[i];
    } else if (strncmp(argv[i], "--after=", 8) == 0)
      after = argv[i] + 8;
    else if (strncmp(argv[i], "--opt-disable=", 14) == 0)
      cfg.opt_disable = argv[i] + 14;
    else if (strcmp(argv[i], "--osr-entries") == 0)
      cfg.dump_osr_entries = 1;
    else if (strcmp(argv[i], "--tier") == 0 || strncmp(argv[i], "--tier=", 7) == 0) {
      const char *t = argv[i][6] == '=' ? argv[i] + 7 : ++i < argc ? argv[i] : NULL;
      if (!t || (strcmp(t, "opt") != 0 && strcmp(t, "baseline") != 0))
        return usage_error("%s", "dump: --tier takes baseline or opt (the machine-code tier --asm shows)");
      asm_opt = strcmp(t, "opt") == 0;
    } else if (strcmp(argv[i], "--bounds-checks=explicit") == 0)
      cfg.bounds = WLAB_BOUNDS_EXPLICIT; /* the engine's mode picks the code --asm shows */
    else if (strcmp(argv[i], "--bounds-checks=guard") == 0)
      cfg.bounds = WLAB_BOUNDS_GUARD;
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
  if (!what)
    return usage_error("%s", "dump: say what to dump (--ir, --ssa or --asm)");
  if (after && strcmp(what, "--ssa") != 0)
    return usage_error("%s", "dump: --after goes with --ssa");
  if (cfg.dump_osr_entries && strcmp(what, "--ssa") != 0 && !asm_opt)
    return usage_error("%s", "dump: --osr-entries goes with --ssa or --asm --tier opt (the baseline's are in its --asm)");
  if (asm_opt && kind == WLAB_DUMP_ASM)
    kind = WLAB_DUMP_ASM_OPT;
  if (!file)
    return usage_error("%s", "dump: no FILE given");
  if (!(engine = wlab_engine_new(&cfg))) {
    fprintf(stderr, "wasmlab: out of memory\n");
    return EXIT_REFUSED;
  }
  m = load(engine, file, &status);
  if (m) {
    uint32_t index = WLAB_NONE;
    wlab_error err;
    if (func && (index = wlab_module_find_func(m, func)) == WLAB_NONE) {
      fprintf(stderr, "wasmlab: dump: %s has no function '%s'\n", file, func);
      status = EXIT_USAGE;
    } else if ((strcmp(what, "--ssa") == 0 ? wlab_module_dump_ssa(m, index, after, stdout, &err)
                                           : wlab_module_dump(m, kind, index, stdout, &err)) != WLAB_OK) {
      fflush(stdout);
      fprintf(stderr, "wasmlab: dump: %s: %s\n", file, err.text);
      status = EXIT_REFUSED;
    }
    wlab_module_free(m);
  }
  wlab_engine_free(engine);
  return status;
}


/* Parses ARG as a value of type t; false with a message when it does not fit. */
static bool parse_arg(const char *arg, wlab_valtype t, wlab_val *out)
{
  char *end;
  errno = 0;
  out->type = t;
  memset(&out->of, 0, sizeof out->of);
  switch (t) {
  case WLAB_I32: {
    long long v = strtoll(arg, &end, 0);
    if (*arg == 0 || *end || errno || v < INT32_MIN || v > (long long)UINT32_MAX)
      return false;
    out->of.i32 = (int32_t)(uint32_t)v;
    return true;
  }
  case WLAB_I64: {
    if (arg[0] != '-') {
      unsigned long long u = strtoull(arg, &end, 0);
      if (*arg == 0 || *end || errno)
        return false;
      out->of.i64 = (int64_t)u;
    } else {
      long long v = strtoll(arg, &end, 0);
      if (*end || errno)
        return false;
      out->of.i64 = v;
    }
    return true;
  }
  case WLAB_F32:
    out->of.f32 = strtof(arg, &end);
    return *arg && !*end;
  case WLAB_F64:
    out->of.f64 = strtod(arg, &end);
    return *arg && !*end;
  default:
    return false; /* v128 and references cannot be given on the command line */
  }
}

static void print_val(const wlab_val *v)
{
  switch (v->type) {
  case WLAB_I32: printf("%" PRId32 "\n", v->of.i32); break;
  case WLAB_I64: printf("%" PRId64 "\n", v->of.i64); break;
  case WLAB_F32: printf("%.9g\n", (double)v->of.f32); break;
  case WLAB_F64: printf("%.17g\n", v->of.f64); break;
  case WLAB_V128:
    printf("0x");
    for (int i = 15; i >= 0; i--)
      printf("%02x", v->of.v128[i]);
    printf("\n");
    break;
  case WLAB_FUNCREF: case WLAB_EXTERNREF: printf("%s\n", v->of.ref ? "ref" : "null"); break;
  }
}

/* run --stats: what each compiling tier did and what loading the module cost, on stderr so the
 * guest's stdout stays its own.  Not inlined: its tables would widen cmd_run's frame (load says
 * why that costs). */
__attribute__((noinline)) static void print_run_stats(const wlab_engine *engine, const wlab_module *m)
{
  wlab_tier_stats ts[8];
  wlab_module_stats ms;
  uint32_t n = wlab_engine_tier_stats(engine, ts, sizeof ts / sizeof *ts);
  fflush(stdout);
  for (uint32_t k = 0; k < n; k++) {
    if (strcmp(ts[k].tier, "tiered") == 0) { /* the manager: events, not compiles */
      fprintf(stderr, "tiered: %" PRIu64 " function%s tiered up (%" PRIu64 " gave up), %" PRIu64 " OSR entr%s; "
              "queue wait %.3f ms in all, %.3f ms at most; %" PRIu64 " compiled in place after waiting\n",
              ts[k].tier_ups, ts[k].tier_ups == 1 ? "" : "s", ts[k].tier_up_failed, ts[k].osr_entries,
              ts[k].osr_entries == 1 ? "y" : "ies", ts[k].queue_wait_ns / 1e6, ts[k].queue_wait_max_ns / 1e6,
              ts[k].tier_ups_in_place);
      for (uint32_t r = 1; r < WLAB_MAX_RUNGS && ts[k].rung_names[r]; r++)
        fprintf(stderr, "tiered: -> %s: %" PRIu64 " tier-up%s (%" PRIu64 " gave up, compiling %.3f ms), %" PRIu64
                " OSR entr%s; queue wait %.3f ms in all, %.3f ms at most\n", ts[k].rung_names[r],
                ts[k].rung_tier_ups[r], ts[k].rung_tier_ups[r] == 1 ? "" : "s", ts[k].rung_failed[r],
                ts[k].rung_compile_ns[r] / 1e6, ts[k].rung_osr_entries[r], ts[k].rung_osr_entries[r] == 1 ? "y" : "ies",
                ts[k].rung_queue_wait_ns[r] / 1e6, ts[k].rung_queue_wait_max_ns[r] / 1e6);
      continue;
    }
    if (strcmp(ts[k].tier, "interp") == 0) { /* the interpreter's compile is threading its code */
      fprintf(stderr, "interp: %" PRIu64 " function%s threaded in %.3f ms\n", ts[k].funcs_compiled,
              ts[k].funcs_compiled == 1 ? "" : "s", ts[k].compile_ns / 1e6);
      continue;
    }
    fprintf(stderr, "%s: %" PRIu64 " function%s compiled (%" PRIu64 " given up), %" PRIu64 " wasm bytes -> %" PRIu64
            " bytes of machine code in %.3f ms", ts[k].tier, ts[k].funcs_compiled, ts[k].funcs_compiled == 1 ? "" : "s",
            ts[k].funcs_failed, ts[k].wasm_bytes, ts[k].code_bytes, ts[k].compile_ns / 1e6);
    if (ts[k].compile_ns)
      fprintf(stderr, " (%.1f MB/s)", ts[k].wasm_bytes * 1e3 / (double)ts[k].compile_ns);
    if (ts[k].compile_cpu_ns) /* on a busy machine the CPU time is the compiler's own cost */
      fprintf(stderr, ", %.3f ms of CPU (%.1f MB/s per core)", ts[k].compile_cpu_ns / 1e6,
              ts[k].wasm_bytes * 1e3 / (double)ts[k].compile_cpu_ns);
    fputc('\n', stderr);
    if (ts[k].background_compiled || ts[k].background_waits || ts[k].background_claimed)
      fprintf(stderr, "%s: background: %" PRIu64 " function%s compiled in %.3f ms on its thread; %" PRIu64
              " first call%s waited %.3f ms for it, %" PRIu64 " compiled on the calling thread first; %.3f ms of"
              " compiling on the calling threads\n", ts[k].tier,
              ts[k].background_compiled, ts[k].background_compiled == 1 ? "" : "s", ts[k].background_ns / 1e6,
              ts[k].background_waits, ts[k].background_waits == 1 ? "" : "s", ts[k].background_wait_ns / 1e6,
              ts[k].background_claimed, ts[k].caller_compile_ns / 1e6);
    uint64_t staged = 0;
    for (uint32_t i = 0; i < WLAB_MAX_STAGES && ts[k].stage_names[i]; i++)
      staged += ts[k].stage_ns[i];
    if (staged) { /* where the compile time went, stage by stage */
      fprintf(stderr, "%s: stages:", ts[k].tier);
      for (uint32_t i = 0; i < WLAB_MAX_STAGES && ts[k].stage_names[i]; i++)
        fprintf(stderr, "%s %s %.3f ms (%.0f%%)", i ? "," : "", ts[k].stage_names[i], ts[k].stage_ns[i] / 1e6,
                100.0 * (double)ts[k].stage_ns[i] / (double)staged);
      fputc('\n', stderr);
    }
  }
  wlab_module_stats_get(m, &ms);
  fprintf(stderr, "module: %u functions, %" PRIu64 " bytes of code, %" PRIu64 " IR ops; decode %.3f ms, "
          "validate %.3f ms\n", ms.funcs_defined, ms.code_bytes, ms.ir_insts, ms.decode_ns / 1e6, ms.validate_ns / 1e6);
}

/* compile: FILE to an artifact at OUT (nothing on stdout). */
static int cmd_compile(int argc, char **argv)
{
  const char *file = NULL, *outpath = NULL, *tier = NULL;
  wlab_config cfg;
  int status = 0;
  wlab_config_default(&cfg);
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "-o") == 0) {
      if (++i == argc)
        return usage_error("%s", "compile: -o needs a file");
      outpath = argv[i];
    } else if (strcmp(a, "--tier") == 0) {
      if (++i == argc)
        return usage_error("%s", "compile: --tier needs a tier name");
      tier = argv[i];
    } else if (strcmp(a, "--bounds-checks=explicit") == 0) {
      cfg.bounds = WLAB_BOUNDS_EXPLICIT;
    } else if (strcmp(a, "--bounds-checks=guard") == 0) {
      cfg.bounds = WLAB_BOUNDS_GUARD;
    } else if (strcmp(a, "--fuel") == 0 || strcmp(a, "--timeout") == 0) {
      if (++i == argc)
        return usage_error("compile: %s needs a number", a);
      cfg.fuel = 1; /* the checks go in; the amount is the run's */
    } else if (a[0] == '-' && a[1]) {
      return usage_error("compile: unknown option '%s'", a);
    } else if (file) {
      return usage_error("compile: more than one file given ('%s')", a);
    } else {
      file = a;
    }
  }
  if (!file)
    return usage_error("%s", "compile: no FILE given");
  if (!outpath)
    return usage_error("%s", "compile: no output given (-o OUT)");
  if (tier && strcmp(tier, "opt") != 0 && strcmp(tier, "baseline") != 0)
    return usage_error("compile: tier '%s': artifacts hold the opt or the baseline tier's code", tier);
  wlab_engine *engine = wlab_engine_new(&cfg);
  size_t len = 0, out_len = 0;
  uint8_t *bytes, *out = NULL;
  wlab_error err;
  if (!engine) {
    fprintf(stderr, "wasmlab: compile: out of memory\n");
    return EXIT_REFUSED;
  }
  if ((bytes = read_file(file, &len, &status))) {
    if (wlab_is_artifact(bytes, len)) {
      fprintf(stderr, "wasmlab: compile: '%s' is an ELF file (an artifact already?): compile takes a .wasm module\n", file);
      status = EXIT_REFUSED;
    } else if (wlab_module_serialize(engine, bytes, len, tier, cfg.bounds, &out, &out_len, &err) != WLAB_OK) {
      fprintf(stderr, "%s: %s\n", file, err.text);
      status = EXIT_REFUSED;
    } else {
      FILE *f = fopen(outpath, "wb");
      if (!f || fwrite(out, 1, out_len, f) != out_len || fclose(f) != 0) {
        fprintf(stderr, "wasmlab: compile: cannot write '%s': %s\n", outpath, strerror(errno));
        status = EXIT_USAGE;
      }
    }
    free(out);
    free_file(bytes, len);
  }
  wlab_engine_free(engine);
  return status;
}

/* An artifact given to `run`: opened and mapped once, for its tier (which makes the engine) and
 * then its load (wlab_module_deserialize_mapped); opening and mapping it twice was five system
 * calls and a page fault of every cold start from an artifact. */
typedef struct run_file {
  int fd;
  const uint8_t *map;
  size_t len;
  bool exec; /* map is read+execute: the load runs its code in place (wlab_module_deserialize_exec) */
} run_file;

static void run_file_close(run_file *f)
{
  if (f->map)
    munmap((void *)f->map, f->len);
  if (f->fd >= 0)
    close(f->fd);
  f->fd = -1;
  f->map = NULL;
}

/* Does the file at path start as an artifact does (an ELF header)?  False when unreadable (the
 * load says why).  *tier: the tier whose code it holds, "opt" when it cannot tell (the load
 * then refuses it, saying why).  When true, *f holds it open and mapped. */
WLAB_STARTUP static bool file_is_artifact(const char *path, const char **tier, run_file *f)
{
  struct stat st;
  bool yes = false;
  *tier = "opt";
  f->map = NULL;
  if ((f->fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
    return false;
  if (fstat(f->fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= 4) {
    /* read+execute at once, so that an artifact's code runs from this mapping (a second one of
     * its .text was a system call and a page fault); read-only where the file system refuses
     * (noexec: the load then says it cannot map the code) */
    void *p = mmap(NULL, (size_t)st.st_size, PROT_READ | PROT_EXEC, MAP_PRIVATE, f->fd, 0);
    f->exec = p != MAP_FAILED;
    if (!f->exec)
      p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, f->fd, 0);
    if (p != MAP_FAILED) {
      const char *t = wlab_artifact_tier(p, (size_t)st.st_size);
      yes = wlab_is_artifact(p, (size_t)st.st_size);
      *tier = t ? t : "opt";
      f->map = p;
      f->len = (size_t)st.st_size;
    }
  }
  if (!yes)
    run_file_close(f);
  return yes;
}

WLAB_STARTUP static int cmd_run(int argc, char **argv)
{
  const char *file = NULL, *invoke = NULL;
  static char *grant_envs[CLI_MAX_GRANTS], *grant_dirs[CLI_MAX_GRANTS]; /* touched by --env and --dir only */
  cli_grants grants = {.envs = grant_envs, .dirs = grant_dirs};
  /* large too (a trap's frames, 3.8 KB): two on the stack made this frame 7.9 KB, a page touched
   * (and faulted in) that native start-up never needs */
  static wlab_error err;
  bool stats = false;
  wlab_config cfg;
  int status = 0, i, got;
  wlab_engine *engine;
  wlab_module *m;
  wlab_config_default(&cfg);
  for (i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--invoke") == 0) {
      if (++i == argc)
        return usage_error("%s", "run: --invoke needs an export name");
      invoke = argv[i];
    } else if ((got = cli_tiering_option(argc, argv, &i, &cfg, "run")) != 0) {
      if (got < 0)
        return EXIT_USAGE;
    } else if (strcmp(a, "--eager") == 0) {
      cfg.eager = 1;
    } else if (strcmp(a, "--stats") == 0) {
      stats = true;
    } else if ((got = cli_sandbox_option(argc, argv, &i, &cfg, &grants, "run")) != 0) {
      if (got < 0)
        return EXIT_USAGE;
    } else if (a[0] == '-' && a[1] && !file) {
      return usage_error("run: unknown option '%s'", a);
    } else {
      file = a;
      i++;
      break; /* the rest are the guest's arguments */
    }
  }
  if (!file)
    return usage_error("%s", "run: no FILE given");
  /* load times only for --stats to print: the clock's first read faults in a page (the vDSO's) */
  cfg.no_load_times = !stats;
  const char *artifact_tier;
  run_file af;
  bool artifact = file_is_artifact(file, &artifact_tier, &af);
  if (artifact) { /* its code is the tier's that compiled it, compiled already */
    if (cfg.tier && strcmp(cfg.tier, artifact_tier) != 0) {
      run_file_close(&af);
      return strcmp(artifact_tier, "baseline") == 0
                 ? usage_error("run: --tier %s: an artifact runs its own code, here the baseline tier's", cfg.tier)
                 : usage_error("run: --tier %s: an artifact runs its own code, here the opt tier's", cfg.tier);
    }
    cfg.tier = artifact_tier;
  }
  if (!(engine = wlab_engine_new(&cfg))) {
    if (artifact)
      run_file_close(&af);
    fprintf(stderr, "wasmlab: run: no tier '%s' in this build (tiers: %s)\n", cfg.tier ? cfg.tier : "?",
            wlab_engine_tiers(NULL));
    return EXIT_USAGE;
  }
  if (artifact) {
    if (af.exec) { /* the mapping is the module's from now on */
      m = wlab_module_deserialize_exec(engine, af.map, af.len, &err);
      af.map = NULL;
    } else {
      m = wlab_module_deserialize_mapped(engine, af.fd, af.map, af.len, &err);
    }
    /* with deserialize_mapped the module keeps its own mapping of the code, and the file's goes
     * with the process unless this run frees everything (RUN_FREES): a munmap fewer.  The
     * descriptor goes with the process too (a close fewer), unless it took one of the stdio
     * numbers (a host started with one closed), which the guest's stdio would then reach. */
    if (RUN_FREES || stats)
      run_file_close(&af);
    else if (af.fd <= 2)
      close(af.fd);
    if (!m) {
      fprintf(stderr, "%s: %s\n", file, err.text);
      status = EXIT_REFUSED;
    }
  } else {
    m = load(engine, file, &status);
  }
  if (m) {
    wlab_linker *linker = wlab_linker_new(engine);
    wlab_instance *inst = NULL;
    /* a WASI command sees FILE and the arguments after it; an --invoke call sees only FILE */
    char **wasi_argv = calloc((size_t)(argc - i) + 2, sizeof *wasi_argv);
    int wasi_argc = 0;
    wasi_ctx *wasi = NULL;
    if (wasi_argv) {
      wasi_argv[wasi_argc++] = (char *)file;
      for (int k = i; !invoke && k < argc; k++)
        wasi_argv[wasi_argc++] = argv[k];
      wasi = cli_wasi_grant(wasi_argc, wasi_argv, &grants, "run", &status);
    }
    if (status != 0) {
      /* wasi_grant said why */
    } else if (!linker || !wasi) {
      fprintf(stderr, "wasmlab: out of memory\n");
      status = EXIT_REFUSED;
    } else if (wasi_define_imports(wasi, linker, m, &err) != WLAB_OK) {
      fprintf(stderr, "wasmlab: %s\n", err.text);
      status = exit_status_of(err.status);
    } else if (!(inst = wlab_instance_new(linker, m, &err))) {
      if (err.status == WLAB_ERR_EXIT) /* the start function exited */
        status = err.exit_code & 0xff;
      else {
        fflush(stdout);
        fprintf(stderr, "%s: %s\n", file, err.text);
        /* a trap while instantiating (start function, segments) exits as a trap in a call does;
         * the stack or the budget running out in the start function as in a call too */
        status = exit_status_of(err.status);
      }
    }
    free(wasi_argv);
    if (inst) {
      const char *name = invoke ? invoke : "_start";
      wlab_func *f = wlab_instance_func(inst, name);
      if (!f) {
        fprintf(stderr, "wasmlab: run: %s exports no function '%s'\n", file, name);
        status = EXIT_USAGE;
      } else {
        wlab_functype ft;
        static wlab_val args[64], results[64]; /* 2 KB: off the stack (load says why) */
        uint32_t nargs = invoke ? (uint32_t)(argc - i) : 0;
        wlab_func_type(f, &ft);
        if (nargs != ft.nparams || ft.nparams > 64 || ft.nresults > 64) {
          fprintf(stderr, "wasmlab: run: '%s' takes %u arguments, %u given\n", name, ft.nparams, nargs);
          status = EXIT_USAGE;
        } else {
          for (uint32_t k = 0; k < nargs && status == 0; k++)
            if (!parse_arg(argv[i + k], ft.params[k], &args[k])) {
              fprintf(stderr, "wasmlab: run: argument %u '%s' is not a valid %s\n", k + 1, argv[i + k],
                      wlab_valtype_name(ft.params[k]));
              status = EXIT_USAGE;
            }
          if (status == 0) {
            wlab_status st = wlab_func_call(f, args, nargs, results, ft.nresults, &err);
            if (st == WLAB_ERR_EXIT) {
              status = err.exit_code & 0xff; /* proc_exit(n): exit with n, as a process would */
            } else if (st != WLAB_OK) {
              fflush(stdout);
              fprintf(stderr, "%s\n", err.text);
              status = exit_status_of(st);
            } else {
              for (uint32_t k = 0; k < ft.nresults; k++)
                print_val(&results[k]);
            }
          }
        }
      }
      if (RUN_FREES || stats)
        wlab_instance_free(inst);
    }
    if (stats) /* also after a trap or an exit: compiles happened all the same */
      print_run_stats(engine, m);
    if (!RUN_FREES && !stats)
      return status; /* the process ends: see RUN_FREES */
    wlab_linker_free(linker);
    wasi_free(wasi);
    wlab_module_free(m);
  }
  wlab_engine_free(engine);
  return status;
}

WLAB_STARTUP int main(int argc, char **argv)
{
  const char *cmd;
  int status;
  if (argc < 2) {
    fprintf(stderr, usage, cli_serve_help);
    return EXIT_USAGE;
  }
  cmd = argv[1];
  if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "help") == 0) {
    printf(usage, cli_serve_help);
    return 0;
  }
  /* a feature mask that cannot be read would silently mean SSE2 only: refuse it up front */
  char cpu[200];
  if (wlab_cpu_features(NULL, 0) != WLAB_OK) { /* the list itself only for --version */
    wlab_cpu_features(cpu, sizeof cpu);
    return usage_error("%s", cpu);
  }
  if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
    wlab_cpu_features(cpu, sizeof cpu);
    printf("wasmlab %s (tiers: %s; x86-64: %s)\n", wlab_version(), wlab_engine_tiers(NULL), cpu);
    return 0;
  }
  if (strcmp(cmd, "validate") == 0)
    status = cmd_validate(argc - 1, argv + 1);
  else if (strcmp(cmd, "dump") == 0)
    status = cmd_dump(argc - 1, argv + 1);
  else if (strcmp(cmd, "compile") == 0)
    status = cmd_compile(argc - 1, argv + 1);
  else if (strcmp(cmd, "run") == 0)
    status = cmd_run(argc - 1, argv + 1);
  else if (strcmp(cmd, "spec") == 0)
    status = spec_main(argc - 1, argv + 1);
  else if (strcmp(cmd, "serve") == 0)
    status = cli_serve(argc - 1, argv + 1);
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
