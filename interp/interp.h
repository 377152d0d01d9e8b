/* interp.h: the threaded-code interpreter tier. */
#ifndef WLAB_INTERP_H
#define WLAB_INTERP_H

#include "core/engine.h"

/* The interpreter as the engine sees it (registered in tiering/tiers.c). */
extern const tier_ops interp_tier;

#endif
