/* stack.c: recursion without end traps "call stack exhausted" in every tier, on whatever native
 * stack the caller gives: the main thread's (under the ulimit stack.sh sets) and threads made
 * with small stacks, some of them the embedder's own memory.  Never a signal.
 *
 *   stack STACK.wasm [THREAD_KIB...]     (default: 256 512 1024; 0 means the main thread only)
 *
 * Uses the public API only (include/wasmlab.h), as an embedder would.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "wasmlab.h"

/* What a host function may use at the deepest point (docs/abi.md: the margin below the limit is
 * at least 64 KiB, of which the engine's own C code takes about 20 KB in the worst case). */
#define HOST_STACK_BYTES (32 << 10)
#define BOUNDED_DEPTH 2000

static const uint8_t *wasm;
static size_t wasm_len;
static int failures;
static pthread_mutex_t out_lock = PTHREAD_MUTEX_INITIALIZER;

static void report(int ok, const char *where, const char *tier, const char *what, const char *detail)
{
  pthread_mutex_lock(&out_lock);
  printf("%s  %-22s %-10s %-10s %s\n", ok ? "ok  " : "FAIL", where, tier, what, detail);
  if (!ok)
    failures++;
  pthread_mutex_unlock(&out_lock);
}

static wlab_status touch(wlab_caller *caller, void *env, const wlab_val *args, wlab_val *results, wlab_error *err)
{
  char buf[HOST_STACK_BYTES];
  (void)caller, (void)env, (void)results, (void)err;
  /* a store in every page, the lowest last (a memset of it all at each of 100,000 levels would
   * make this test slow, and reach no further) */
  for (size_t i = sizeof buf; i >= 64; i -= 4096)
    buf[i - 64] = (char)args[0].of.i32;
  buf[0] = (char)args[0].of.i32;
  __asm__ volatile("" : : "r"(buf) : "memory"); /* the stores happen: the stack is really used */
  return WLAB_OK;
}

static wlab_status reenter(wlab_caller *caller, void *env, const wlab_val *args, wlab_val *results, wlab_error *err)
{
  wlab_func *f = *(wlab_func **)env;
  wlab_val a = {.type = WLAB_I32, .of.i32 = args[0].of.i32};
  (void)caller;
  return wlab_func_call(f, &a, 1, results, 1, err);
}

static const struct tier {
  const char *name, *tier;
  int eager, no_background;
  int64_t tier_up_after;
} tiers[] = {
  {"interp", "interp", 0, 0, WLAB_TIER_UP_DEFAULT},
  {"baseline", "baseline", 0, 0, WLAB_TIER_UP_DEFAULT},
  {"eager", "baseline", 1, 0, WLAB_TIER_UP_DEFAULT},
  {"tiered0", "tiered", 0, 1, 0},
  {"tiered", "tiered", 0, 0, WLAB_TIER_UP_DEFAULT},
  {"opt", "opt", 0, 0, WLAB_TIER_UP_DEFAULT},
};

static void run_tier(const char *where, const struct tier *t)
{
  wlab_config cfg;
  wlab_error err;
  wlab_valtype i32 = WLAB_I32;
  wlab_functype touch_type = {1, 0, &i32, NULL}, reenter_type = {1, 1, &i32, &i32};
  wlab_func *reenter_export = NULL;
  wlab_engine *e;
  wlab_module *m;
  wlab_linker *l;
  wlab_instance *inst;
  static const char *const unbounded[] = {"deep", "deep_host", "ping", "reenter", "wide"};
  char detail[512];

  wlab_config_default(&cfg);
  cfg.tier = t->tier;
  cfg.eager = t->eager;
  cfg.no_background = t->no_background;
  cfg.tier_up_after = t->tier_up_after;
  if (!(e = wlab_engine_new(&cfg))) {
    report(0, where, t->name, "engine", "wlab_engine_new failed");
    return;
  }
  if (!(m = wlab_module_new(e, wasm, wasm_len, &err))) {
    report(0, where, t->name, "module", err.text);
    wlab_engine_free(e);
    return;
  }
  l = wlab_linker_new(e);
  if (wlab_linker_define_func(l, "env", "touch", &touch_type, touch, NULL, &err) != WLAB_OK ||
      wlab_linker_define_func(l, "env", "reenter", &reenter_type, reenter, &reenter_export, &err) != WLAB_OK ||
      !(inst = wlab_instance_new(l, m, &err))) {
    report(0, where, t->name, "instance", err.text);
    wlab_linker_free(l);
    wlab_module_free(m);
    wlab_engine_free(e);
    return;
  }
  reenter_export = wlab_instance_func(inst, "reenter");

  for (size_t i = 0; i < sizeof unbounded / sizeof unbounded[0]; i++) {
    wlab_val arg = {.type = WLAB_I32, .of.i32 = 0}, res;
    wlab_status st = wlab_func_call(wlab_instance_func(inst, unbounded[i]), &arg, 1, &res, 1, &err);
    int ok = (st == WLAB_ERR_EXHAUSTED || st == WLAB_ERR_TRAP) && strstr(err.text, "call stack exhausted");
    snprintf(detail, sizeof detail, "%s", st == WLAB_OK ? "returned" : err.text);
    report(ok, where, t->name, unbounded[i], detail);
  }
  /* a guard-page fault (or, with explicit bounds, the check) 16 frames above the deepest point:
   * the fault handler runs on what is left below */
  {
    wlab_val arg = {.type = WLAB_I32, .of.i32 = 0}, res, depth = {0};
    wlab_func_call(wlab_instance_func(inst, "measure"), &arg, 1, &res, 1, &err);
    wlab_instance_global(inst, "depth", &depth);
    wlab_status st = wlab_func_call(wlab_instance_func(inst, "oob_at"), &arg, 1, &res, 1, &err);
    int ok = st != WLAB_OK && (strstr(err.text, "out of bounds memory access") ||
                               /* under the tier manager the two recursions need not mix tiers alike */
                               (strcmp(t->name, "tiered") == 0 && strstr(err.text, "call stack exhausted")));
    snprintf(detail, sizeof detail, "depth %d: %s", depth.of.i32, st == WLAB_OK ? "returned" : err.text);
    report(ok, where, t->name, "oob_at", detail);
  }
  /* and a deep but finite recursion still runs to its end afterwards */
  {
    wlab_val arg = {.type = WLAB_I32, .of.i32 = BOUNDED_DEPTH}, res = {0};
    wlab_status st = wlab_func_call(wlab_instance_func(inst, "bounded"), &arg, 1, &res, 1, &err);
    snprintf(detail, sizeof detail, "%s", st != WLAB_OK ? err.text : "");
    if (st == WLAB_OK && res.of.i32 != BOUNDED_DEPTH)
      snprintf(detail, sizeof detail, "returned %d, want %d", res.of.i32, BOUNDED_DEPTH);
    report(st == WLAB_OK && res.of.i32 == BOUNDED_DEPTH, where, t->name, "bounded", detail);
  }
  wlab_instance_free(inst);
  wlab_linker_free(l);
  wlab_module_free(m);
  wlab_engine_free(e);
}

static void *run_all(void *where)
{
  for (size_t i = 0; i < sizeof tiers / sizeof tiers[0]; i++)
    run_tier(where, &tiers[i]);
  return NULL;
}

/* A thread on a stack of kib KiB: glibc's own (with its guard page) or, when own_memory, one the
 * embedder maps itself (no guard page at all: overrunning it would write over other memory). */
static void on_thread(size_t kib, int own_memory)
{
  pthread_attr_t attr;
  pthread_t th;
  char where[64];
  void *mem = NULL;
  size_t size = kib << 10;
  snprintf(where, sizeof where, "thread %zu KiB%s", kib, own_memory ? " (own)" : "");
  pthread_attr_init(&attr);
  if (own_memory) {
    mem = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mem == MAP_FAILED || pthread_attr_setstack(&attr, mem, size) != 0) {
      report(0, where, "-", "setup", "cannot map the stack");
      return;
    }
  } else if (pthread_attr_setstacksize(&attr, size) != 0) {
    report(0, where, "-", "setup", "pthread_attr_setstacksize failed");
    return;
  }
  if (pthread_create(&th, &attr, run_all, where) != 0) {
    report(0, where, "-", "setup", "pthread_create failed");
  } else {
    pthread_join(th, NULL);
  }
  pthread_attr_destroy(&attr);
  if (mem)
    munmap(mem, size);
}

int main(int argc, char **argv)
{
  FILE *f;
  long n;
  static uint8_t *buf;
  int only_main = 0;
  if (argc < 2) {
    fprintf(stderr, "usage: stack STACK.wasm [THREAD_KIB...]\n");
    return 2;
  }
  if (!(f = fopen(argv[1], "rb")) || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) <= 0 ||
      fseek(f, 0, SEEK_SET) != 0 || !(buf = malloc((size_t)n)) || fread(buf, 1, (size_t)n, f) != (size_t)n) {
    fprintf(stderr, "stack: cannot read %s\n", argv[1]);
    return 2;
  }
  fclose(f);
  wasm = buf;
  wasm_len = (size_t)n;
  setvbuf(stdout, NULL, _IOLBF, 0);

  run_all("main thread");
  for (int i = 2; i < argc; i++)
    if (strtoul(argv[i], NULL, 10) == 0)
      only_main = 1;
  if (!only_main) {
    static const size_t sizes[] = {256, 512, 1024};
    if (argc > 2) {
      for (int i = 2; i < argc; i++)
        on_thread(strtoul(argv[i], NULL, 10), 0);
    } else {
      for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
        on_thread(sizes[i], 0);
    }
    on_thread(256, 1);
  }
  free(buf);
  printf("%s: %d failed\n", failures ? "FAIL" : "ok", failures);
  return failures ? 1 : 0;
}
