/* churn.c: many short-lived threads call into wasm, and what each thread had (its value stack,
 * the interpreter's frame records, the baseline's thread context) goes when it exits: address
 * space and resident memory after 2N threads are where they were after N, and the time is
 * linear.  Engines freed while threads that used them still live are fine too; under ASan
 * (scripts/lab) LeakSanitizer must find nothing.
 *
 *   churn THREADS [TIER...]        (tiers: interp baseline tiered0 tiered; default all four)
 *
 * Public API only (include/wasmlab.h).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "wasmlab.h"

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1 /* shadow memory and quarantine make the memory figures meaningless */
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif
#ifndef UNDER_ASAN
#define UNDER_ASAN 0
#endif

/* (func (export "work") (param i32) (result i32)): the sum 1 + 2 + ... + n, in a loop, with a
 * call per iteration (so tiered code calls and compiles), and a memory */
static const uint8_t module_bytes[] = {
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  /* type: (i32) -> i32 */
  0x01, 0x06, 0x01, 0x60, 0x01, 0x7f, 0x01, 0x7f,
  /* func: two of type 0 */
  0x03, 0x03, 0x02, 0x00, 0x00,
  /* memory: 1 page */
  0x05, 0x03, 0x01, 0x00, 0x01,
  /* export "work" = func 1 */
  0x07, 0x08, 0x01, 0x04, 'w', 'o', 'r', 'k', 0x00, 0x01,
  /* code */
  0x0a, 0x29, 0x02,
  /* func 0: (local.get 0) i32.store at 0, return local.get 0 */
  0x0b, 0x00, 0x41, 0x00, 0x20, 0x00, 0x36, 0x02, 0x00, 0x20, 0x00, 0x0b,
  /* func 1: local 1 (sum); loop: sum += f0(n); n -= 1; br_if n; return sum */
  0x1b, 0x01, 0x01, 0x7f,
  0x03, 0x40,                                     /* loop */
  0x20, 0x01, 0x20, 0x00, 0x10, 0x00, 0x6a, 0x21, 0x01, /* sum = sum + f0(n) */
  0x20, 0x00, 0x41, 0x01, 0x6b, 0x22, 0x00,       /* n = n - 1 (tee) */
  0x0d, 0x00,                                     /* br_if 0 */
  0x0b,                                           /* end loop */
  0x20, 0x01, 0x0b,
};

#define WORK_N 2000
#define CONCURRENT 4

static int failures;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void fail(const char *fmt, const char *a, long b)
{
  pthread_mutex_lock(&lock);
  printf("FAIL  ");
  printf(fmt, a, b);
  printf("\n");
  failures++;
  pthread_mutex_unlock(&lock);
}

typedef struct vm {
  const char *name;
  wlab_engine *e;
  wlab_module *m;
  wlab_linker *l;
  wlab_instance *inst;
  wlab_func *work;
} vm;

static int vm_new(vm *v, const char *tier)
{
  wlab_config cfg;
  wlab_error err;
  memset(v, 0, sizeof *v);
  v->name = tier;
  wlab_config_default(&cfg);
  if (strcmp(tier, "tiered0") == 0) {
    cfg.tier = "tiered";
    cfg.tier_up_after = 0; /* compiled at the first tick, on the compiler thread: installs race */
  } else {
    cfg.tier = tier;
  }
  if (!(v->e = wlab_engine_new(&cfg)) || !(v->m = wlab_module_new(v->e, module_bytes, sizeof module_bytes, &err)) ||
      !(v->l = wlab_linker_new(v->e)) || !(v->inst = wlab_instance_new(v->l, v->m, &err)) ||
      !(v->work = wlab_instance_func(v->inst, "work"))) {
    fail("%s: cannot set up the module%.0ld", tier, 0);
    return 0;
  }
  return 1;
}

static void vm_free(vm *v)
{
  wlab_instance_free(v->inst);
  wlab_linker_free(v->l);
  wlab_module_free(v->m);
  wlab_engine_free(v->e);
}

static int call_work(vm *v)
{
  wlab_val arg = {.type = WLAB_I32, .of.i32 = WORK_N}, res = {0};
  wlab_error err;
  if (wlab_func_call(v->work, &arg, 1, &res, 1, &err) != WLAB_OK) {
    fail("%s: work trapped (%ld)", v->name, 0);
    return 0;
  }
  if (res.of.i32 != WORK_N * (WORK_N + 1) / 2) {
    fail("%s: work returned %ld", v->name, res.of.i32);
    return 0;
  }
  return 1;
}

static void *one_call(void *p)
{
  call_work(p);
  return NULL;
}

/* VmSize and VmRSS from /proc/self/status, in KiB */
static void vm_figures(long *size, long *rss)
{
  char line[256];
  FILE *f = fopen("/proc/self/status", "r");
  *size = *rss = -1;
  if (!f)
    return;
  while (fgets(line, sizeof line, f)) {
    sscanf(line, "VmSize: %ld", size);
    sscanf(line, "VmRSS: %ld", rss);
  }
  fclose(f);
}

static double now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* n threads, CONCURRENT at a time, each calling work once and exiting */
static void run_threads(vm *v, int n)
{
  for (int i = 0; i < n; i += CONCURRENT) {
    pthread_t th[CONCURRENT];
    int k = n - i < CONCURRENT ? n - i : CONCURRENT, made = 0;
    for (int j = 0; j < k; j++)
      if (pthread_create(&th[j], NULL, one_call, v) == 0)
        made++;
      else
        fail("%s: pthread_create failed at thread %ld", v->name, i + j);
    for (int j = 0; j < made; j++)
      pthread_join(th[j], NULL);
  }
}

static void churn(const char *tier, int n)
{
  vm v;
  long size0, rss0, size1, rss1, size2, rss2;
  double t0, t1, t2;
  if (!vm_new(&v, tier))
    return;
  call_work(&v);              /* the main thread too */
  run_threads(&v, 50);        /* warm-up: allocator arenas, glibc's stack cache, code compiled */
  vm_figures(&size0, &rss0);
  t0 = now();
  run_threads(&v, n);
  vm_figures(&size1, &rss1);
  t1 = now();
  run_threads(&v, n);
  vm_figures(&size2, &rss2);
  t2 = now();
  printf("%-9s %5d threads: VmSize %+7ld KiB, VmRSS %+6ld KiB, %.3f s; %d more: VmSize %+7ld KiB, VmRSS %+6ld KiB, "
         "%.3f s\n", tier, n, size1 - size0, rss1 - rss0, t1 - t0, n, size2 - size1, rss2 - rss1, t2 - t1);
  if (!UNDER_ASAN) {
    /* before threads freed their state, each kept 64 MiB of value stack reservation (68 MB of
     * address space in all): n threads would add n * 68 MB */
    if (size2 - size0 > 256 * 1024)
      fail("%s: address space grew by %ld KiB over the threads' runs", tier, size2 - size0);
    if (rss2 - rss0 > 64 * 1024)
      fail("%s: resident memory grew by %ld KiB over the threads' runs", tier, rss2 - rss0);
    /* the second batch costs what the first did (linear in the thread count), give or take a
     * busy machine: a generous factor */
    if (t2 - t1 > 3 * (t1 - t0) + 0.5)
      fail("%s: the second batch of threads took %.0f ms", tier, (long)((t2 - t1) * 1000));
  }
  vm_free(&v);
}

/* Threads that called into an engine outlive it: their state goes when they exit, after it. */
static pthread_barrier_t called, freed;

static void *call_then_wait(void *p)
{
  call_work(p);
  pthread_barrier_wait(&called);
  pthread_barrier_wait(&freed);
  return NULL;
}

static void outlive(const char *tier)
{
  enum { K = 8 };
  pthread_t th[K];
  vm v;
  if (!vm_new(&v, tier))
    return;
  pthread_barrier_init(&called, NULL, K + 1);
  pthread_barrier_init(&freed, NULL, K + 1);
  for (int i = 0; i < K; i++)
    pthread_create(&th[i], NULL, call_then_wait, &v);
  pthread_barrier_wait(&called);
  vm_free(&v); /* the engine goes first */
  pthread_barrier_wait(&freed);
  for (int i = 0; i < K; i++)
    pthread_join(th[i], NULL);
  pthread_barrier_destroy(&called);
  pthread_barrier_destroy(&freed);
  printf("%-9s %d threads outlived their engine\n", tier, K);
}

int main(int argc, char **argv)
{
  static const char *const all[] = {"interp", "baseline", "tiered0", "tiered"};
  int n = argc > 1 ? atoi(argv[1]) : 0;
  if (n <= 0) {
    fprintf(stderr, "usage: churn THREADS [interp|baseline|tiered0|tiered...]\n");
    return 2;
  }
  setvbuf(stdout, NULL, _IOLBF, 0);
  for (int i = 0; i < (argc > 2 ? argc - 2 : 4); i++) {
    const char *tier = argc > 2 ? argv[i + 2] : all[i];
    churn(tier, n);
    outlive(tier);
  }
  printf("%s: %d failed\n", failures ? "FAIL" : "ok", failures);
  return failures ? 1 : 0;
}
