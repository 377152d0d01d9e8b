/* tiers.c: the table of execution tiers the engine can use (the first is the default) and the ladder the tier manager climbs. */
#include "core/engine.h"
#include "baseline/baseline.h"
#include "interp/interp.h"
#include "tiering/manager.h"

const tier_ops *const tiers_all[] = {
  &tiered_tier,
  &interp_tier,
  &baseline_tier,
  NULL,
};

const tier_ops *const tier_fallback = &interp_tier;

/* Bottom first: where every function starts, then what hot functions are compiled by.  The
 * optimising tier will be the next row. */
const tier_rung tier_ladder[] = {
  {&interp_tier, NULL},
  {&baseline_tier, bl_compile_func},
  {NULL, NULL},
};
