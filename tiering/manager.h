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
} tier_rung;

extern const tier_rung tier_ladder[]; /* bottom first; ends with a row whose tier is NULL */

/* Hotness ticks before a function tiers up when the configuration leaves it to the default.
 * docs/tiering.md says why this number. */
#define TIER_UP_DEFAULT_TICKS 1000
/* The same for the next rung, counted by the code of the rung below it (the interpreter's ticks
 * carried over): --opt-after.  docs/tiering.md says why this number. */
#define OPT_AFTER_DEFAULT_TICKS 50000

/* The tier that lets the manager decide (registered in tiers.c as "tiered"). */
extern const tier_ops tiered_tier;

#endif
