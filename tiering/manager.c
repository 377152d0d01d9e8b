/* manager.c: the tier manager: hotness policy, compile queue and thread, code installs, the "tiered" tier. */
#include "tiering/manager.h"

#include <inttypes.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/instance.h"
#include "core/module.h"
#include "tiering/queue.h"

/*
 * Every function starts in the interpreter, which counts its entries and loop iterations
 * (DESIGN.md §3).  When the count passes the engine's threshold the interpreter calls on_hot,
 * once per function; the manager queues the function for the rung above it and compiler threads
 * (started as jobs come, so a program that never gets hot never pays for one) compile it while
 * the interpreter keeps running.  The machine code of every rung but the top counts hotness in
 * the same way (x64/jitrt.h, HOT) and calls on_hot again when its own threshold is reached: the
 * manager compiles for the rung above the one whose code f's code-table entry holds.  The code
 * is installed with one atomic store into that entry: later calls from every tier take it,
 * running activations keep what they have, and the interpreter and counting code move a running
 * activation into it at a loop header (on-stack replacement, interp/interp.c, jitrt_hot).  A
 * compile that gives up leaves the function where it is and says why (--trace-tiering); it never
 * changes a result.
 *
 * The queue holds a reference on each function's instance, so an instance freed while its
 * function waits is freed by the compiler thread once it is done with it.  It is ordered by
 * hotness (queue.c).
 *
 * A job for the interpreter's next rung the compiler threads have not taken after STEAL_AFTER_NS
 * is compiled by the running thread itself, at the interpreter's next budget check: on a virtual
 * machine an idle CPU can take milliseconds to wake, far longer than a baseline compile (tens to
 * hundreds of microseconds), and the program would spend that time interpreting.
 */

#define STEAL_AFTER_NS 500000u
/* A function hot at a loop gets that loop's OSR entry before its own code only up to this size
 * (wasm bytes).  An OSR version is about as big as the function's code, so for a big function the
 * entry doubles the wait of every later call; and the big functions hot at a loop in the suites
 * are called again and again (libc's printf core, 8.5 KB, and malloc, 6.3 KB: json, hashtable),
 * their hot activation gone long before its entry is compiled.  Past the size the function's code
 * comes first, and the tier asks for the entry only if the activation still runs the loop then
 * (on_osr_wanted). */
#define OSR_FIRST_MAX_BYTES 6144u
#define MAX_RUNGS TIER_LADDER_MAX /* rows of the ladder the manager climbs */
#define MAX_COMPILE_THREADS 16

/* What happened at one rung (a rung's tier-ups and compiles are those into it). */
typedef struct rung_stats {
  uint64_t tier_ups, failed, osr_entries, wait_ns, wait_max_ns, compile_ns, stolen;
} rung_stats;

typedef struct manager {
  wlab_engine *e;
  bool background, trace;
  const tier_rung *rungs[MAX_RUNGS]; /* the ladder, bottom first */
  uint32_t nrungs;
  pthread_mutex_t lock;      /* guards the queue, the threads' state and the counters */
  pthread_cond_t wake;
  pthread_t threads[MAX_COMPILE_THREADS];
  uint32_t nthreads, max_threads, idle;
  bool stopping;
  compile_queue queue;       /* by hotness, the job to compile next on top (queue.c) */
  rung_stats rs[MAX_RUNGS];
} manager;

static const char *func_name(const wlab_func *f)
{
  const char *n = f->inst->module->funcs[f->index].name;
  return n ? n : "";
}

/* The rung whose code f's code-table entry holds: 0 (the interpreter) while it has none; -1 when
 * it is code of no rung (nothing to climb from). */
static int rung_of_code(const manager *mg, const void *code)
{
  if (!code)
    return 0;
  for (uint32_t r = 1; r < mg->nrungs; r++) {
    trap_site site;
    if (mg->rungs[r]->tier->site_at && mg->rungs[r]->tier->site_at((uintptr_t)code, false, &site))
      return (int)r;
  }
  return -1;
}

static int rung_of(const manager *mg, wlab_func *f)
{
  return rung_of_code(mg, atomic_load_explicit(&f->entry, memory_order_acquire));
}

static int rung_of_tier(const manager *mg, const tier_ops *t)
{
  for (uint32_t r = 0; r < mg->nrungs; r++)
    if (mg->rungs[r]->tier == t)
      return (int)r;
  return -1;
}

static void count_wait(manager *mg, const queue_job *j, uint64_t now)
{
  rung_stats *st = &mg->rs[j->rung + 1];
  uint64_t waited = now - j->queued_ns;
  st->wait_ns += waited;
  if (waited > st->wait_max_ns)
    st->wait_max_ns = waited;
}

/* ---- compiling and installing ------------------------------------------------------------------ */

/* Compiles the OSR entry for loop_ir in r's tier (which keeps it: nothing is installed) and tells
 * --trace-tiering. */
static void compile_osr(manager *mg, const tier_rung *r, wlab_func *f, uint32_t loop_ir, uint64_t queued_ns)
{
  const char *why = "no compiler";
  uint64_t t0 = thread_now_ns();
  void *code = r->compile_osr ? r->compile_osr(f, loop_ir, &why) : NULL;
  uint64_t t1 = thread_now_ns();
  if (!mg->trace)
    return;
  if (code)
    fprintf(stderr, "tiering: function %" PRIu32 " <%s>: %s OSR entry for the loop at 0x%" PRIx32 " compiled in "
            "%.3f ms, queued %.3f ms\n", f->index, func_name(f), r->tier->name, f->ir->wasm_offsets[loop_ir],
            (t1 - t0) / 1e6, (t0 - queued_ns) / 1e6);
  else
    fprintf(stderr, "tiering: function %" PRIu32 " <%s>: no %s OSR entry for the loop at 0x%" PRIx32 ": %s\n",
            f->index, func_name(f), r->tier->name, f->ir->wasm_offsets[loop_ir], why);
}

/* The module's shared entry of f (wlab_module.installed) for f's bounds mode, the array made on
 * the first install; NULL when f's instance is of another engine than the module (its code may
 * have been compiled for other settings) or out of memory. */
static void *_Atomic *shared_entry(wlab_func *f, bool make)
{
  wlab_module *m = (wlab_module *)f->inst->module;
  void *_Atomic *shared = atomic_load_explicit(&m->installed, memory_order_acquire);
  if (f->inst->engine != m->engine)
    return NULL;
  if (!shared && make) {
    void *_Atomic *fresh = calloc(2 * (size_t)m->nfuncs + 1, sizeof *fresh);
    void *_Atomic *expected = NULL; /* (its own declaration: the declarator list would make it void *) */
    if (!fresh)
      return NULL;
    if (atomic_compare_exchange_strong_explicit(&m->installed, &expected, fresh, memory_order_acq_rel,
                                                memory_order_acquire))
      shared = fresh;
    else {
      free((void *)fresh); /* another thread made it first */
      shared = expected;
    }
  }
  if (!shared)
    return NULL;
  return &shared[(instance_explicit_bounds(f->inst, f->inst->engine->limits.explicit_bounds) ? m->nfuncs : 0) +
                 f->index];
}

/* Code installed for f is offered to every instance of its module made after (and to pooled
 * instances at their next acquire): only ever a higher rung than what is there. */
static void share_install(manager *mg, wlab_func *f, void *code, int rung)
{
  void *_Atomic *slot = shared_entry(f, true);
  void *cur;
  if (!slot)
    return;
  cur = atomic_load_explicit(slot, memory_order_acquire);
  do {
    if (cur && rung_of_code(mg, cur) >= rung)
      return;
  } while (!atomic_compare_exchange_weak_explicit(slot, &cur, code, memory_order_acq_rel, memory_order_acquire));
  atomic_fetch_add_explicit(&((wlab_module *)f->inst->module)->installs, 1, memory_order_release);
}

static bool enqueue(manager *mg, wlab_func *f, uint32_t loop_ir, uint32_t rung, bool osr, bool osr_done);

/* Compiles f for the rung above the one it ran in when it got hot, installs the code, and tells
 * --trace-tiering.  Nothing to do when f has moved since (another instance of the job) or no
 * rung is above.  Hot at a loop, where the rung makes OSR entries on demand, the entry for that
 * loop is compiled first and the function's code after it (on a compiler thread, as a job queued
 * again): the activation that got hot is the one waiting, and a function whose hot loop runs in
 * one call (a `main`) may never be called again; unless the function is big (OSR_FIRST_MAX_BYTES).
 * An OSR job (asked for by the rung's tier, opt/tier.c) compiles only that entry. */
static void compile_and_install(manager *mg, const queue_job *j)
{
  wlab_func *f = j->f;
  uint32_t to = j->rung + 1;
  if (to < mg->nrungs && j->osr) {
    compile_osr(mg, mg->rungs[to], f, j->loop_ir, j->queued_ns);
    return;
  }
  if (to >= mg->nrungs || rung_of(mg, f) != (int)j->rung)
    return;
  const tier_rung *r = mg->rungs[to];
  /* another instance of the module got there first: its code is this instance's too */
  void *_Atomic *shared = shared_entry(f, false);
  void *have = shared ? atomic_load_explicit(shared, memory_order_acquire) : NULL;
  if (have && rung_of_code(mg, have) >= (int)to) {
    atomic_store_explicit(&f->entry, have, memory_order_release);
    pthread_mutex_lock(&mg->lock);
    mg->rs[to].tier_ups++;
    pthread_mutex_unlock(&mg->lock);
    if (mg->trace)
      fprintf(stderr, "tiering: function %" PRIu32 " <%s> -> %s: code another instance installed\n", f->index,
              func_name(f), r->tier->name);
    return;
  }
  uint64_t osr_ns = 0; /* spent on the OSR entry first: not a wait in the queue */
  if (j->loop_ir != WLAB_NONE && !j->osr_done && r->compile_osr && mg->e->osr &&
      f->ir->code_size <= OSR_FIRST_MAX_BYTES) {
    uint64_t s0 = thread_now_ns();
    compile_osr(mg, r, f, j->loop_ir, j->queued_ns);
    osr_ns = thread_now_ns() - s0;
    /* f's own code goes back into the queue as a job of its own, so the jobs queued while the
     * OSR entry compiled come first: most are f's callees, compiled ahead by its walk and
     * waiting only to be installed, which then wait for one compile rather than two (json's
     * printf core, before the size rule above: six of them waited 10-20 ms, in baseline code,
     * behind its OSR entry and its code; docs/tiering.md) */
    if (mg->background && enqueue(mg, f, j->loop_ir, j->rung, false, true))
      return;
  }
  uint64_t t0 = thread_now_ns(), t1;
  const char *why = "no compiler";
  void *code = r->compile ? r->compile(f, &why) : NULL;
  t1 = thread_now_ns();
  if (code) {
    atomic_store_explicit(&f->entry, code, memory_order_release); /* the install: one store */
    share_install(mg, f, code, (int)to);
  }
  pthread_mutex_lock(&mg->lock);
  if (code)
    mg->rs[to].tier_ups++;
  else
    mg->rs[to].failed++;
  mg->rs[to].compile_ns += t1 - t0;
  pthread_mutex_unlock(&mg->lock);
  if (!mg->trace)
    return;
  char where[64];
  if (j->loop_ir == WLAB_NONE)
    snprintf(where, sizeof where, "calls");
  else
    snprintf(where, sizeof where, "loop at 0x%" PRIx32, f->ir->wasm_offsets[j->loop_ir]);
  if (code)
    fprintf(stderr, "tiering: function %" PRIu32 " <%s> -> %s (hot: %s) compiled in %.3f ms, queued %.3f ms, "
            "%" PRIu32 " wasm bytes\n", f->index, func_name(f), r->tier->name, where, (t1 - t0) / 1e6,
            (t0 - osr_ns - j->queued_ns) / 1e6, f->ir->code_size);
  else
    fprintf(stderr, "tiering: function %" PRIu32 " <%s> stays in %s (hot: %s): %s\n", f->index, func_name(f),
            mg->rungs[j->rung]->tier->name, where, why);
}

static void *compiler_thread(void *arg)
{
  manager *mg = arg;
  pthread_mutex_lock(&mg->lock);
  for (;;) {
    while (!mg->queue.count && !mg->stopping) {
      mg->idle++;
      pthread_cond_wait(&mg->wake, &mg->lock);
      mg->idle--;
    }
    if (mg->stopping)
      break;
    queue_job j = queue_take(&mg->queue, 0);
    count_wait(mg, &j, thread_now_ns());
    pthread_mutex_unlock(&mg->lock);
    compile_and_install(mg, &j);
    instance_release(j.f->inst);
    pthread_mutex_lock(&mg->lock);
  }
  pthread_mutex_unlock(&mg->lock);
  return NULL;
}

/* Compiler threads when the configuration leaves it to the default: what the machine can spare
 * beside the thread running the program (docs/tiering.md measures 1 against 2 on two cores). */
static uint32_t default_compile_threads(void)
{
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  if (n <= 2)
    return 1;
  return n - 1 < 4 ? (uint32_t)(n - 1) : 4;
}

/* Queues f; false when it cannot (out of memory, no thread): the caller compiles it itself.  A
 * thread is started for the job when none is idle, up to the engine's number: a program that
 * never gets hot never pays for one. */
static bool enqueue(manager *mg, wlab_func *f, uint32_t loop_ir, uint32_t rung, bool osr, bool osr_done)
{
  bool ok = true;
  pthread_mutex_lock(&mg->lock);
  if (!mg->max_threads) /* decided at the first job: a program that never gets hot never asks */
    mg->max_threads = default_compile_threads();
  if (!mg->idle && mg->nthreads < mg->max_threads) {
    if (pthread_create(&mg->threads[mg->nthreads], NULL, compiler_thread, mg) == 0)
      mg->nthreads++;
    else if (!mg->nthreads) {
      mg->background = false; /* compile on the calling threads from now on */
      ok = false;
      goto out;
    }
  }
  if (!queue_push(&mg->queue, (queue_job){f, loop_ir, rung, thread_now_ns(), 0, 0, osr, osr_done})) {
    ok = false;
    goto out;
  }
  instance_retain(f->inst);
  pthread_cond_signal(&mg->wake);
out:
  pthread_mutex_unlock(&mg->lock);
  return ok;
}

static void on_hot(wlab_func *f, uint32_t loop_ir, void *arg)
{
  manager *mg = arg;
  int rung = rung_of(mg, f);
  if (rung < 0 || (uint32_t)rung + 1 >= mg->nrungs)
    return; /* at the top already, or in code the ladder does not know */
  if (mg->background && enqueue(mg, f, loop_ir, (uint32_t)rung, false, false))
    return;
  queue_job j = {f, loop_ir, (uint32_t)rung, thread_now_ns(), 0, 0, false, false};
  compile_and_install(mg, &j);
}

/* A running activation of f reached loop_ir, and tier has code for f but no OSR entry there yet
 * (asked once per loop by the tier itself). */
static void on_osr_wanted(const tier_ops *tier, wlab_func *f, uint32_t loop_ir, void *arg)
{
  manager *mg = arg;
  int rung = rung_of_tier(mg, tier);
  if (rung < 1 || !mg->rungs[rung]->compile_osr)
    return;
  if (mg->background && enqueue(mg, f, loop_ir, (uint32_t)rung - 1, true, false))
    return;
  compile_osr(mg, mg->rungs[rung], f, loop_ir, thread_now_ns());
}

/* f is still hot and waits for its code: its job moves up the queue; and if it waits for the
 * interpreter's next rung and the compiler threads have not taken it after STEAL_AFTER_NS, it is
 * taken out of the queue and compiled here (a baseline compile is short; a compile for a higher
 * rung is left to the threads, which may be busy with another). */
static void on_still_hot(wlab_func *f, void *arg)
{
  manager *mg = arg;
  queue_job j = {NULL, 0, 0, 0, 0, 0, false, false};
  uint64_t now = thread_now_ns();
  pthread_mutex_lock(&mg->lock);
  int64_t i = queue_find(&mg->queue, f);
  if (i >= 0) {
    const queue_job *q = &mg->queue.heap[i];
    if (q->rung == 0 && now - q->queued_ns >= STEAL_AFTER_NS) {
      j = queue_take(&mg->queue, (uint32_t)i);
      mg->rs[1].stolen++;
      count_wait(mg, &j, now);
    } else {
      queue_warm(&mg->queue, (uint32_t)i);
    }
  }
  pthread_mutex_unlock(&mg->lock);
  if (!j.f)
    return;
  if (mg->trace)
    fprintf(stderr, "tiering: function %" PRIu32 " <%s>: the compiler thread has not started it after %.3f ms: "
            "compiling it here\n", f->index, func_name(f), (now - j.queued_ns) / 1e6);
  compile_and_install(mg, &j);
  instance_release(j.f->inst);
}

static void on_osr(wlab_func *f, uint32_t loop_ir, const tier_ops *from, const tier_ops *into, void *arg)
{
  manager *mg = arg;
  int rung = into ? rung_of_tier(mg, into) : rung_of(mg, f);
  if (!into)
    into = rung > 0 ? mg->rungs[rung]->tier : mg->e->machine;
  pthread_mutex_lock(&mg->lock);
  mg->rs[rung > 0 ? rung : 1].osr_entries++;
  pthread_mutex_unlock(&mg->lock);
  if (!mg->trace)
    return;
  if (loop_ir == WLAB_NONE)
    fprintf(stderr, "tiering: function %" PRIu32 " <%s>: a running call enters %s code at its start\n", f->index,
            func_name(f), into->name);
  else
    fprintf(stderr, "tiering: function %" PRIu32 " <%s>: OSR into %s code at the loop at 0x%" PRIx32 " (from %s)\n",
            f->index, func_name(f), into->name, f->ir->wasm_offsets[loop_ir], from ? from->name : "?");
}

/* ---- the "tiered" tier ----------------------------------------------------------------------- */

static bool tiered_engine_init(wlab_engine *e)
{
  char why[200];
  manager *mg = calloc(1, sizeof *mg);
  if (!mg)
    return false;
  if (!tier_ladder_parse(e->cfg.ladder, mg->rungs, &mg->nrungs, why, sizeof why)) {
    free(mg);
    return false; /* wlab_ladder_check says why */
  }
  mg->e = e;
  mg->background = !e->cfg.no_background;
  mg->trace = e->cfg.trace_tiering != 0;
  /* 0 until the first job when left to the default: counting the cores reads a file in /sys,
   * which a program that never gets hot should not pay for */
  mg->max_threads = e->cfg.compile_threads > 0 ? (uint32_t)e->cfg.compile_threads : 0;
  if (mg->max_threads > MAX_COMPILE_THREADS)
    mg->max_threads = MAX_COMPILE_THREADS;
  pthread_mutex_init(&mg->lock, NULL);
  pthread_cond_init(&mg->wake, NULL);
  e->machine = mg->nrungs > 1 ? mg->rungs[1]->tier : NULL;
  e->hot_threshold = e->cfg.tier_up_after < 0 ? TIER_UP_DEFAULT_TICKS : (uint64_t)e->cfg.tier_up_after;
  e->counted_threshold = e->cfg.opt_after < 0 ? OPT_AFTER_DEFAULT_TICKS : (uint64_t)e->cfg.opt_after;
  /* the rung below the top counts hotness in its code when it is a machine tier */
  e->counting = mg->nrungs > 2 ? mg->rungs[mg->nrungs - 2]->tier : NULL;
  for (uint32_t r = mg->nrungs, k = 0; r-- > 1;)
    e->osr_tiers[k++] = mg->rungs[r]->tier;
  e->osr = !e->cfg.no_osr;
  e->on_hot = on_hot;
  e->on_osr = on_osr;
  e->on_osr_wanted = on_osr_wanted;
  e->on_still_hot = on_still_hot; /* moves jobs up the queue, and steals them in the background */
  e->on_hot_arg = mg;
  return true;
}

static void tiered_engine_free(wlab_engine *e)
{
  manager *mg = e->on_hot_arg;
  if (!mg)
    return;
  pthread_mutex_lock(&mg->lock);
  mg->stopping = true;
  pthread_cond_broadcast(&mg->wake);
  pthread_mutex_unlock(&mg->lock);
  for (uint32_t i = 0; i < mg->nthreads; i++)
    pthread_join(mg->threads[i], NULL);
  for (uint32_t i = 0; i < mg->queue.count; i++) /* never compiled: the engine is going */
    instance_release(mg->queue.heap[i].f->inst);
  queue_free(&mg->queue);
  pthread_cond_destroy(&mg->wake);
  pthread_mutex_destroy(&mg->lock);
  free(mg);
  e->on_hot = NULL;
  e->on_still_hot = NULL;
  e->on_osr = NULL;
  e->on_osr_wanted = NULL;
  e->on_hot_arg = NULL;
  e->counting = NULL;
  memset(e->osr_tiers, 0, sizeof e->osr_tiers);
}

/* Code where the function has some, the interpreter where it does not yet. */
static wlab_status tiered_invoke_frame(wlab_func *f, uint8_t *fp, trap_site *site)
{
  wlab_engine *e = f->inst->engine;
  if (atomic_load_explicit(&f->entry, memory_order_acquire) && e->machine)
    return e->machine->invoke_frame(f, fp, site);
  return e->fallback->invoke_frame(f, fp, site);
}

static wlab_status tiered_invoke(wlab_func *f, uint64_t *slots, trap_site *site)
{
  return engine_invoke_via_frame(f, slots, site, tiered_invoke_frame);
}

static void tiered_stats(const wlab_engine *e, wlab_tier_stats *out)
{
  manager *mg = e ? e->on_hot_arg : NULL;
  if (!mg || e->tier != &tiered_tier)
    return;
  pthread_mutex_lock(&mg->lock);
  for (uint32_t r = 0; r < mg->nrungs && r < WLAB_MAX_RUNGS; r++) {
    const rung_stats *st = &mg->rs[r];
    out->rung_names[r] = mg->rungs[r]->tier->name;
    out->rung_tier_ups[r] = st->tier_ups;
    out->rung_failed[r] = st->failed;
    out->rung_osr_entries[r] = st->osr_entries;
    out->rung_queue_wait_ns[r] = st->wait_ns;
    out->rung_queue_wait_max_ns[r] = st->wait_max_ns;
    out->rung_compile_ns[r] = st->compile_ns;
    out->tier_ups += st->tier_ups;
    out->tier_up_failed += st->failed;
    out->osr_entries += st->osr_entries;
    out->queue_wait_ns += st->wait_ns;
    if (st->wait_max_ns > out->queue_wait_max_ns)
      out->queue_wait_max_ns = st->wait_max_ns;
    out->tier_ups_in_place += st->stolen;
  }
  pthread_mutex_unlock(&mg->lock);
}

const tier_ops tiered_tier = {
  .name = "tiered",
  .invoke = tiered_invoke,
  .invoke_frame = tiered_invoke_frame,
  .stats = tiered_stats,
  .engine_init = tiered_engine_init,
  .engine_free = tiered_engine_free,
};
