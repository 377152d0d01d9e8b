/* baseline.h: the single-pass baseline JIT tier (x86-64), as the engine and its other files see it. */
#ifndef WLAB_BASELINE_H
#define WLAB_BASELINE_H

#include "baseline/compile.h"
#include "core/engine.h"
#include "x64/trampoline.h"

/* The tier (registered in tiering/tiers.c). */
extern const tier_ops baseline_tier;

/* f's machine code: its code-table entry, compiled and installed now if it has none yet and the
 * engine runs the baseline tier itself (--tier baseline compiles on first call); NULL when f
 * stays in the interpreter (a host function, a compile that gave up, or the tier manager
 * decides when f is compiled). */
void *bl_resolve(wlab_func *f);
/* Compiles f now (or finds its code compiled for another instance of its module) without
 * installing it: the tier manager's compile function.  NULL with *why set when it gives up. */
void *bl_compile_func(wlab_func *f, const char **why);
/* The compiled function whose code contains pc, or NULL. */
const bl_code *bl_code_at(uintptr_t pc);
/* The IR instruction behind a pc inside code (a trap stub's return address or a fault). */
uint32_t bl_code_ir_at(const bl_code *code, uintptr_t pc);

/* dump.c: prints function `func` of m (or every defined one, func = WLAB_NONE) as this tier
 * compiles it - each IR line followed by its machine code, then the out-of-line stubs and the
 * constant pool - without installing anything.  Budget checks follow m's engine (fuel, timeout).
 * bl_dump_tier is the tier_ops form: the bounds-check mode of m's engine. */
wlab_status bl_dump(const wlab_module *m, uint32_t func, bool explicit_bounds, FILE *out, wlab_error *err);
wlab_status bl_dump_tier(const wlab_module *m, uint32_t func, FILE *out, wlab_error *err);

#endif
