/* tier.h: the optimising tier's row in the engine's table of tiers. */
#ifndef WLAB_OPT_TIER_H
#define WLAB_OPT_TIER_H

#include "core/engine.h"

extern const tier_ops opt_tier;

#endif
