/* engine.h: the engine: configuration, signature interning and the table of execution tiers. */
#ifndef WLAB_ENGINE_H
#define WLAB_ENGINE_H

#include <pthread.h>

#include "instance.h"
#include "thread.h"

/* An execution tier as core sees it.  Tiers register in tiering/tiers.c (tiers_all), so core
 * never names a tier: dependencies run from the tiers to core, not back. */
typedef struct tier_ops {
  const char *name;                                /* "interp", "baseline", ... */
  /* Calls f with its arguments in slots[] (one slot each, two for v128); results come back
   * in slots[] from slot 0.  slots has room for max(params, results) slots. */
  wlab_status (*invoke)(wlab_func *f, uint64_t *slots, trap_site *site);
  /* Releases what the tier keeps for an instance (tier_state, per-function code). */
  void (*instance_free)(wlab_instance *inst);
  /* Calls wasm function f whose frame (arguments in place) starts at fp in this thread's value
   * stack (thread.h); results come back at fp.  How one tier calls into another. */
  wlab_status (*invoke_frame)(wlab_func *f, uint8_t *fp, trap_site *site);
  /* Machine-code tiers: f's entry (machine code in the ABI of docs/abi.md), compiling it now if
   * this tier compiles on first call; NULL when f is to stay in the interpreter. */
  void *(*resolve)(wlab_func *f);
  /* Called once an instance is complete, before its start function (eager compilation). */
  wlab_status (*instance_ready)(wlab_instance *inst, trap_site *site);
  /* Prints f's machine code (func = index, or WLAB_NONE for all); NULL: the tier has none. */
  wlab_status (*dump)(const wlab_module *m, uint32_t func, FILE *out, wlab_error *err);
  /* Adds this tier's counters to *out (NULL: it keeps none). */
  void (*stats)(const wlab_engine *e, wlab_tier_stats *out);
  /* The engine's own tier only: set up and tear down what it keeps per engine (the tier
   * manager's queue and thread).  engine_init returns false when out of memory. */
  bool (*engine_init)(wlab_engine *e);
  void (*engine_free)(wlab_engine *e);
  /* Machine-code tiers, for on-stack replacement: the code that continues f at its loop header
   * `loop_ir` (an IR_LOOP_HEAD) with the frame laid out as the IR says, or NULL when there is
   * none; and entering f at such an address (or at f->entry) with the frame at fp, running
   * until f returns (results at fp). */
  void *(*osr_entry)(wlab_func *f, uint32_t loop_ir);
  wlab_status (*invoke_at)(wlab_func *f, void *code, uint8_t *fp, trap_site *site);
  /* Machine-code tiers: if pc is in code of this tier, fills site's function, module and wasm
   * offset and returns true.  pc is a faulting instruction, or (return_address) what a trap
   * stub's call pushed. */
  bool (*site_at)(uintptr_t pc, bool return_address, trap_site *site);
  /* Machine-code tiers, for a trap's trace (docs/abi.md, "Trap traces"): as site_at, but only
   * for a pc this tier knows exactly (a trap stub's or a wasm call's return address, a memory
   * access that may fault); sp is rsp in the function's body there.  *ret_slot is where the
   * function's own return address is (0 when the tier cannot tell: the walk stops there). */
  bool (*frame_at)(uintptr_t pc, bool return_address, uint32_t kind, uintptr_t sp, trap_site *site,
                   uintptr_t *ret_slot);
  /* The optimising tier: prints the SSA form (wlab_module_dump_ssa); NULL for the others. */
  wlab_status (*dump_ssa)(const wlab_module *m, uint32_t func, const char *after, const char *disable, FILE *out,
                          wlab_error *err);
} tier_ops;

extern const tier_ops *const tiers_all[]; /* NULL-terminated; defined in tiering/tiers.c */
extern const tier_ops *const tier_fallback; /* runs what a compiler leaves: the interpreter */

struct wlab_engine {
  wlab_config cfg;
  engine_limits limits;
  uint64_t fuel_left;                       /* when cfg.fuel: what is left to hand out */
  const tier_ops *tier;                     /* the tier that runs code */
  const tier_ops *fallback;                 /* runs what a compiler gives up on: the interpreter */
  const tier_ops *machine;                  /* the tier f->entry code belongs to, or NULL */
  bool compile_on_call;                     /* a machine tier pinned: calls compile (machine->resolve) */
  char tier_names[64];
  char opt_disable[160];                    /* cfg.opt_disable, copied */
  pthread_mutex_t lock;                     /* guards the signature table */
  wlab_functype *sigs;
  uint32_t nsigs, sigs_cap;
  /* The tier manager's hooks (on_hot_arg is passed to each).  on_hot: called once per function
   * when its entries and loop iterations reach hot_threshold (DESIGN.md §3).  NULL: nobody is
   * listening (a tier was pinned). */
  void (*on_hot)(wlab_func *f, uint32_t loop_ir, void *arg); /* loop_ir: WLAB_NONE at a call */
  void *on_hot_arg;
  uint64_t hot_threshold;
  bool osr;                                 /* running activations move up at loop headers */
  /* told of each such move: from one tier's activation into code of another (at its entry when
   * loop_ir is WLAB_NONE) */
  void (*on_osr)(wlab_func *f, uint32_t loop_ir, const tier_ops *from, const tier_ops *into, void *arg);
  /* The machine tiers of the tier manager's ladder, top first, NULL-terminated: where a running
   * activation looks for an OSR entry (tier_ops.osr_entry), the first that has one wins. */
  const tier_ops *osr_tiers[4];
  /* The machine tier whose code counts hotness (x64/jitrt.h, HOT), because a rung is above it;
   * NULL when none does.  Its code calls on_hot when a function's count reaches
   * counted_threshold, carrying over the hot_threshold ticks the interpreter counted. */
  const tier_ops *counting;
  uint64_t counted_threshold;
  /* Called by the interpreter at each budget check of a function reported hot that still has
   * no machine code (the manager may compile it there rather than wait for its thread). */
  void (*on_still_hot)(wlab_func *f, void *arg);
  /* Called by a machine tier's osr_entry the first time it is asked for a loop it has no OSR
   * code for: the manager compiles it (tier's rung, compile_osr) on its thread or right there. */
  void (*on_osr_wanted)(const tier_ops *tier, wlab_func *f, uint32_t loop_ir, void *arg);
  wlab_instance **pinned;                   /* instances whose functions escaped into tables */
  uint32_t npinned;                         /* they live as long as the engine (guarded by lock) */
};

/* Takes the next slice of the budget that function entries and loop iterations count down
 * (DESIGN.md section 5): at most `want` ticks of the engine's fuel, fewer near the thread's
 * deadline check.  TRAP_OUT_OF_FUEL or TRAP_TIMEOUT when the guest must stop. */
trap_kind engine_next_slice(wlab_engine *e, thread_ctx *t, int32_t want, int32_t *slice);

/* A tier's invoke from the host, written once: copies the arguments to the top of this
 * thread's value stack, runs invoke_frame there (the outermost entry starts the timeout) and
 * copies the results back. */
wlab_status engine_invoke_via_frame(wlab_func *f, uint64_t *slots, trap_site *site,
                                    wlab_status (*invoke_frame)(wlab_func *f, uint8_t *fp, trap_site *site));

/* Runs f with its frame at fp in whichever tier the engine runs it in (host functions
 * directly), following tail calls handed back through site->tail_call until none is left. */
wlab_status engine_run_frame(wlab_func *f, uint8_t *fp, trap_site *site);

/* Calls f (wasm or host) through the engine's tier. */
wlab_status engine_invoke(wlab_func *f, uint64_t *slots, trap_site *site);

/* Calls a host function with slot-encoded arguments; results go to slots from 0. */
wlab_status engine_call_host(wlab_func *f, uint64_t *slots, trap_site *site);

#endif
