/* engine.h: the engine: configuration, signature interning and the table of execution tiers. */
#ifndef WLAB_ENGINE_H
#define WLAB_ENGINE_H

#include <pthread.h>

#include "instance.h"

/* An execution tier as core sees it.  Tiers register in tiering/tiers.c (tiers_all), so core
 * never names a tier: dependencies run from the tiers to core, not back. */
typedef struct tier_ops {
  const char *name;                                /* "interp", "baseline", ... */
  /* Calls f with its arguments in slots[] (one slot each, two for v128); results come back
   * in slots[] from slot 0.  slots has room for max(params, results) slots. */
  wlab_status (*invoke)(wlab_func *f, uint64_t *slots, trap_site *site);
  /* Releases what the tier keeps for an instance (tier_state, per-function code). */
  void (*instance_free)(wlab_instance *inst);
} tier_ops;

extern const tier_ops *const tiers_all[]; /* NULL-terminated; defined in tiering/tiers.c */

struct wlab_engine {
  wlab_config cfg;
  engine_limits limits;
  uint64_t fuel_left;                       /* when cfg.fuel: what is left to hand out */
  const tier_ops *tier;                     /* the tier that runs code */
  char tier_names[64];
  pthread_mutex_t lock;                     /* guards the signature table */
  wlab_functype *sigs;
  uint32_t nsigs, sigs_cap;
  /* The tier manager's hook: called once per function when its entries and loop iterations
   * reach hot_threshold (DESIGN.md §3).  NULL: nobody is listening yet. */
  void (*on_hot)(wlab_func *f, void *arg);
  void *on_hot_arg;
  uint32_t hot_threshold;
  wlab_instance **pinned;                   /* instances whose functions escaped into tables */
  uint32_t npinned;                         /* they live as long as the engine (guarded by lock) */
};

/* Calls f (wasm or host) through the engine's tier. */
wlab_status engine_invoke(wlab_func *f, uint64_t *slots, trap_site *site);

/* Calls a host function with slot-encoded arguments; results go to slots from 0. */
wlab_status engine_call_host(wlab_func *f, uint64_t *slots, trap_site *site);

#endif
