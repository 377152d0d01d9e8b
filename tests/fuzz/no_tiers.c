/* no_tiers.c: an empty tier table (and no fallback) for targets that decode and validate but never execute. */
#include "core/engine.h"

const tier_ops *const tiers_all[] = {NULL};
const tier_ops *const tier_fallback = NULL;
