/* tiers.c: the table of execution tiers the engine can use; the first is the default. */
#include "core/engine.h"
#include "baseline/baseline.h"
#include "interp/interp.h"

const tier_ops *const tiers_all[] = {
  &interp_tier,
  &baseline_tier,
  NULL,
};
