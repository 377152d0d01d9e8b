/* manager.h: the tier manager: hotness policy, compile queue and thread, code installs, the "tiered" tier. */
#ifndef WLAB_TIERING_MANAGER_H
#define WLAB_TIERING_MANAGER_H

#include "core/engine.h"

/* One rung of the ladder a function climbs (tiers.c): the tier, and how to compile a function for
 * it without installing the code (NULL for the interpreter, where every function starts).
 * Adding a tier is one row. */
typedef struct tier_rung {
  const tier_ops *tier;
  void *(*compile)(wlab_func *f, const char **why);
  /* Compiles f's OSR entry for its loop_head at loop_ir, for a tier whose code has none until
   * asked (tier_ops.osr_entry then asks the manager: on_osr_wanted); NULL for the others. */
  void *(*compile_osr)(wlab_func *f, uint32_t loop_ir, const char **why);
} tier_rung;

extern const tier_rung tier_ladder[]; /* every rung, bottom first; ends with a row whose tier is NULL */

/* The rungs `tiered` climbs when wlab_config.ladder is NULL, and the most a ladder has. */
#define TIER_LADDER_DEFAULT "interp,baseline,opt"
#define TIER_LADDER_MAX 4

/* Reads a --ladder list ("interp,opt") into out[] (room for TIER_LADDER_MAX), bottom first; false
 * with why naming the word at fault. */
bool tier_ladder_parse(const char *list, const tier_rung **out, uint32_t *n, char *why, size_t size);

/* Hotness ticks before a function tiers up when the configuration leaves it to the default.
 * docs/tiering.md says why this number. */
#define TIER_UP_DEFAULT_TICKS 1000
/* The same for the next rung, counted by the code of the rung below it (the interpreter's ticks
 * carried over): --opt-after.  docs/tiering.md says why this number. */
#define OPT_AFTER_DEFAULT_TICKS 50000

/* The tier that lets the manager decide (registered in tiers.c as "tiered"). */
extern const tier_ops tiered_tier;

#endif
