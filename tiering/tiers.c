/* tiers.c: the table of execution tiers the engine can use (the first is the default) and the ladder the tier manager climbs. */
#include "core/engine.h"
#include "baseline/baseline.h"
#include "interp/interp.h"
#include "opt/tier.h"
#include "tiering/manager.h"
#include "x64/asm.h"

#include <stdio.h>

const tier_ops *const tiers_all[] = {
  &tiered_tier,
  &interp_tier,
  &baseline_tier,
  &opt_tier,
  NULL,
};

const tier_ops *const tier_fallback = &interp_tier;

/* Bottom first: where every function starts, then what hot functions are compiled by, a rung
 * at a time: the baseline once the interpreter finds a function hot, the optimising tier once the
 * baseline's code does. */
const tier_rung tier_ladder[] = {
  {&interp_tier, NULL},
  {&baseline_tier, bl_compile_func},
  {&opt_tier, opt_compile_func},
  {NULL, NULL},
};

/* Here rather than in x64/, which knows nothing of the public API: this is where the engine
 * meets the machine tiers. */
wlab_status wlab_cpu_features(char *buf, size_t size)
{
  const char *bad = x64_cpu_mask_error();
  if (bad) {
    snprintf(buf, size, "%s", bad);
    return WLAB_ERR_ARGUMENT;
  }
  x64_cpu_describe(x64_cpu_features(), buf, size);
  return WLAB_OK;
}
