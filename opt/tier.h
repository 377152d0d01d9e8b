/* tier.h: the optimising tier's row in the engine's table of tiers, and its compile function for the tier manager. */
#ifndef WLAB_OPT_TIER_H
#define WLAB_OPT_TIER_H

#include "core/engine.h"

extern const tier_ops opt_tier;

/* f's machine code: its code-table entry, compiled and installed now if it has none and the
 * engine runs this tier itself (--tier opt compiles on first call); NULL when f stays below. */
void *opt_resolve(wlab_func *f);
/* Compiles f now (or finds its code compiled for another instance of its module) without
 * installing it; NULL with *why set when it gives up. */
void *opt_compile_func(wlab_func *f, const char **why);
/* Compiles f's OSR version for its loop_head at IR index loop_ir (docs/opt.md, "OSR entries"),
 * once: its entry, or NULL with *why set when it gives up (then, and every later time). */
void *opt_compile_osr(wlab_func *f, uint32_t loop_ir, const char **why);

#endif
