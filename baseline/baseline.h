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
/* The IR instruction behind a pc inside code (a trap stub's return address or a fault), or
 * WLAB_NONE when no site covers it; for an artifact's code (wasm_sites), the wasm offset. */
uint32_t bl_code_ir_at(const bl_code *code, uintptr_t pc);

/* Ahead-of-time artifacts (docs/aot.md): a function's code and tables, position-independent. */
typedef struct bl_aot_code {
  uint8_t *code;
  uint32_t size;
  bl_site *sites;    /* trap stubs' return addresses */
  uint32_t nsites;
  bl_site *faults;   /* memory accesses that may fault, ascending pc */
  uint32_t nfaults;
} bl_aot_code;
/* Compiles function index of m for an artifact (no hotness counts, no OSR entries, budget
 * checks when budget); false with *why when the compile gives up. */
bool bl_aot_compile(const wlab_module *m, uint32_t index, bool explicit_bounds, bool budget, bl_aot_code *out,
                    const char **why);
void bl_aot_code_free(bl_aot_code *c);
/* Makes m's baseline code, in the bounds mode explicit_bounds, the code of an artifact mapped at
 * [start, end): after this m compiles nothing in either mode (a function without code stays in
 * the interpreter), and release(arg) runs when m's code goes.  Then bl_aot_adopt records each
 * function's code (its tables copied), in ascending address order.  False when out of memory. */
bool bl_aot_adopt_begin(const wlab_module *m, bool explicit_bounds, uintptr_t start, uintptr_t end,
                        void (*release)(void *), void *arg);
bool bl_aot_adopt(const wlab_module *m, uint32_t index, const uint8_t *entry, uint32_t size, const bl_site *sites,
                  uint32_t nsites, const bl_site *faults, uint32_t nfaults);

/* dump.c: prints function `func` of m (or every defined one, func = WLAB_NONE) as this tier
 * compiles it - each IR line followed by its machine code, then the out-of-line stubs and the
 * constant pool - without installing anything.  Budget checks follow m's engine (fuel, timeout).
 * bl_dump_tier is the tier_ops form: the bounds-check mode of m's engine. */
wlab_status bl_dump(const wlab_module *m, uint32_t func, bool explicit_bounds, FILE *out, wlab_error *err);
wlab_status bl_dump_tier(const wlab_module *m, uint32_t func, FILE *out, wlab_error *err);

#endif
