/* manager.c: the tier manager: hotness policy, compile queue and thread, code installs, the "tiered" tier. */
#include "tiering/manager.h"

#include <inttypes.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/instance.h"
#include "core/module.h"

/*
 * Every function starts in the interpreter, which counts its entries and loop iterations
 * (DESIGN.md §3).  When the count passes the engine's threshold the interpreter calls on_hot,
 * once per function; the manager queues the function for the rung above it and a compiler
 * thread (started on the first job, so a program that never gets hot never pays for it)
 * compiles it while the interpreter keeps running.  The code is installed with one atomic store
 * into the function's code-table entry: later calls from every tier take it, running
 * activations keep what they have, and the interpreter moves a running activation into it at its
 * next loop-header tick (on-stack replacement, interp/interp.c).  A compile that gives up leaves
 * the function where it is and says why (--trace-tiering); it never changes a result.
 *
 * The queue holds a reference on each function's instance, so an instance freed while its
 * function waits is freed by the compiler thread once it is done with it.
 *
 * A job the compiler thread has not taken after STEAL_AFTER_NS is compiled by the running thread
 * itself, at the interpreter's next budget check: on a virtual machine an idle CPU can take
 * milliseconds to wake, far longer than a baseline compile (tens to hundreds of microseconds),
 * and the program would spend that time interpreting.
 */

#define STEAL_AFTER_NS 500000u

typedef struct job {
  wlab_func *f;
  uint32_t loop_ir;          /* where it got hot: a loop header, or WLAB_NONE at a call */
  uint64_t queued_ns;
  const tier_rung *osr;      /* an OSR entry for loop_ir asked for by this rung's tier, or NULL */
} job;

typedef struct manager {
  wlab_engine *e;
  bool background, trace;
  pthread_mutex_t lock;      /* guards the queue, the thread's state and the counters */
  pthread_cond_t wake;
  pthread_t thread;
  bool started, stopping;
  job *queue;                /* a ring */
  uint32_t head, count, cap;
  uint64_t tier_ups, failed, osr_entries, wait_ns, wait_max_ns, stolen;
} manager;

static const char *func_name(const wlab_func *f)
{
  const char *n = f->inst->module->funcs[f->index].name;
  return n ? n : "";
}

static const tier_rung *rung_above_interp(const wlab_engine *e) { return e->ladder[1]; }

/* Compiles the OSR entry for loop_ir in r's tier (which keeps it: no install) and tells
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

/* Compiles f for the rung above where it runs, installs the code, and tells --trace-tiering.
 * Hot at a loop, the rung's OSR entry for that loop follows at once where the rung makes them
 * on demand: the activation that got hot is the one waiting for it. */
static void compile_and_install(manager *mg, const job *j)
{
  const tier_rung *r = j->osr ? j->osr : rung_above_interp(mg->e);
  wlab_func *f = j->f;
  if (j->osr) {
    compile_osr(mg, r, f, j->loop_ir, j->queued_ns);
    return;
  }
  uint64_t t0 = thread_now_ns(), t1;
  const char *why = "no compiler";
  void *code = NULL;
  if (!atomic_load_explicit(&f->entry, memory_order_acquire) && r->tier && r->compile)
    code = r->compile(f, &why);
  t1 = thread_now_ns();
  if (code)
    atomic_store_explicit(&f->entry, code, memory_order_release); /* the install: one store */
  pthread_mutex_lock(&mg->lock);
  if (code)
    mg->tier_ups++;
  else
    mg->failed++;
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
            (t0 - j->queued_ns) / 1e6, f->ir->code_size);
  else
    fprintf(stderr, "tiering: function %" PRIu32 " <%s> stays in %s (hot: %s): %s\n", f->index, func_name(f),
            tier_ladder[0].tier->name, where, why);
  if (code && j->loop_ir != WLAB_NONE && r->compile_osr && mg->e->osr)
    compile_osr(mg, r, f, j->loop_ir, t1);
}

static void *compiler_thread(void *arg)
{
  manager *mg = arg;
  pthread_mutex_lock(&mg->lock);
  for (;;) {
    while (!mg->count && !mg->stopping)
      pthread_cond_wait(&mg->wake, &mg->lock);
    if (mg->stopping)
      break;
    job j = mg->queue[mg->head];
    mg->head = (mg->head + 1) % mg->cap;
    mg->count--;
    if (!j.f) /* taken by the running thread */
      continue;
    uint64_t waited = thread_now_ns() - j.queued_ns;
    mg->wait_ns += waited;
    if (waited > mg->wait_max_ns)
      mg->wait_max_ns = waited;
    pthread_mutex_unlock(&mg->lock);
    compile_and_install(mg, &j);
    instance_release(j.f->inst);
    pthread_mutex_lock(&mg->lock);
  }
  pthread_mutex_unlock(&mg->lock);
  return NULL;
}

/* Queues f; false when it cannot (out of memory, no thread): the caller compiles it itself. */
static bool enqueue(manager *mg, wlab_func *f, uint32_t loop_ir, const tier_rung *osr)
{
  bool ok = true;
  pthread_mutex_lock(&mg->lock);
  if (mg->count == mg->cap) {
    uint32_t cap = mg->cap ? mg->cap * 2 : 64;
    job *q = malloc(cap * sizeof *q);
    if (!q) {
      ok = false;
      goto out;
    }
    for (uint32_t i = 0; i < mg->count; i++)
      q[i] = mg->queue[(mg->head + i) % mg->cap];
    free(mg->queue);
    mg->queue = q;
    mg->head = 0;
    mg->cap = cap;
  }
  if (!mg->started) {
    if (pthread_create(&mg->thread, NULL, compiler_thread, mg) != 0) {
      mg->background = false; /* compile on the calling threads from now on */
      ok = false;
      goto out;
    }
    mg->started = true;
  }
  instance_retain(f->inst);
  mg->queue[(mg->head + mg->count) % mg->cap] = (job){f, loop_ir, thread_now_ns(), osr};
  mg->count++;
  pthread_cond_signal(&mg->wake);
out:
  pthread_mutex_unlock(&mg->lock);
  return ok;
}

static void on_hot(wlab_func *f, uint32_t loop_ir, void *arg)
{
  manager *mg = arg;
  if (mg->background && enqueue(mg, f, loop_ir, NULL))
    return;
  job j = {f, loop_ir, thread_now_ns(), NULL};
  compile_and_install(mg, &j);
}

/* A running activation of f reached loop_ir, and tier has code for f but no OSR entry there yet. */
static void on_osr_wanted(const tier_ops *tier, wlab_func *f, uint32_t loop_ir, void *arg)
{
  manager *mg = arg;
  const tier_rung *r = NULL;
  for (uint32_t k = 1; k < mg->e->nladder && !r; k++)
    if (mg->e->ladder[k]->tier == tier && mg->e->ladder[k]->compile_osr)
      r = mg->e->ladder[k];
  if (!r || (mg->background && enqueue(mg, f, loop_ir, r)))
    return;
  compile_osr(mg, r, f, loop_ir, thread_now_ns());
}

/* f is still hot and has no code: if its job is still waiting for the compiler thread after
 * STEAL_AFTER_NS, take it out of the queue and compile it here. */
static void on_still_hot(wlab_func *f, void *arg)
{
  manager *mg = arg;
  job j = {NULL, 0, 0, NULL};
  uint64_t now = thread_now_ns();
  pthread_mutex_lock(&mg->lock);
  for (uint32_t i = 0; i < mg->count; i++) {
    job *q = &mg->queue[(mg->head + i) % mg->cap];
    if (q->f == f) {
      if (now - q->queued_ns >= STEAL_AFTER_NS) {
        j = *q;
        q->f = NULL;
        mg->stolen++;
        mg->wait_ns += now - j.queued_ns;
        if (now - j.queued_ns > mg->wait_max_ns)
          mg->wait_max_ns = now - j.queued_ns;
      }
      break;
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

static void on_osr(wlab_func *f, uint32_t loop_ir, void *arg)
{
  manager *mg = arg;
  pthread_mutex_lock(&mg->lock);
  mg->osr_entries++;
  pthread_mutex_unlock(&mg->lock);
  if (!mg->trace)
    return;
  if (loop_ir == WLAB_NONE)
    fprintf(stderr, "tiering: function %" PRIu32 " <%s>: a running call enters %s code at its start\n", f->index,
            func_name(f), f->inst->engine->machine->name);
  else
    fprintf(stderr, "tiering: function %" PRIu32 " <%s>: OSR into %s code at the loop at 0x%" PRIx32 "\n", f->index,
            func_name(f), f->inst->engine->machine->name, f->ir->wasm_offsets[loop_ir]);
}

/* ---- the "tiered" tier ----------------------------------------------------------------------- */

static bool tiered_engine_init(wlab_engine *e)
{
  char why[200];
  if (!tier_ladder_parse(e->cfg.ladder, e->ladder, &e->nladder, why, sizeof why))
    return false; /* wlab_ladder_check says why */
  manager *mg = calloc(1, sizeof *mg);
  if (!mg)
    return false;
  mg->e = e;
  mg->background = !e->cfg.no_background;
  mg->trace = e->cfg.trace_tiering != 0;
  pthread_mutex_init(&mg->lock, NULL);
  pthread_cond_init(&mg->wake, NULL);
  e->machine = rung_above_interp(e)->tier;
  e->hot_threshold = e->cfg.tier_up_after < 0 ? TIER_UP_DEFAULT_TICKS : (uint64_t)e->cfg.tier_up_after;
  e->osr = !e->cfg.no_osr;
  e->on_hot = on_hot;
  e->on_osr = on_osr;
  e->on_osr_wanted = on_osr_wanted;
  if (mg->background)
    e->on_still_hot = on_still_hot;
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
  pthread_cond_signal(&mg->wake);
  pthread_mutex_unlock(&mg->lock);
  if (mg->started)
    pthread_join(mg->thread, NULL);
  for (uint32_t i = 0; i < mg->count; i++) /* never compiled: the engine is going */
    if (mg->queue[(mg->head + i) % mg->cap].f)
      instance_release(mg->queue[(mg->head + i) % mg->cap].f->inst);
  free(mg->queue);
  pthread_cond_destroy(&mg->wake);
  pthread_mutex_destroy(&mg->lock);
  free(mg);
  e->on_hot = NULL;
  e->on_still_hot = NULL;
  e->on_osr = NULL;
  e->on_osr_wanted = NULL;
  e->on_hot_arg = NULL;
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
  out->tier_ups = mg->tier_ups;
  out->tier_up_failed = mg->failed;
  out->osr_entries = mg->osr_entries;
  out->queue_wait_ns = mg->wait_ns;
  out->queue_wait_max_ns = mg->wait_max_ns;
  out->tier_ups_in_place = mg->stolen;
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
