/* tier.h: the optimising tier's row in the engine's table of tiers, and its compile function for the tier manager. */
#ifndef WLAB_OPT_TIER_H
#define WLAB_OPT_TIER_H

#include "core/engine.h"

extern const tier_ops opt_tier;

/* f's machine code: its code-table entry, compiled and installed now if it has none and the
 * engine runs this tier itself (--tier opt compiles on first call; a big function the module's
 * background thread is compiling is waited for, docs/opt.md); NULL when f stays below. */
void *opt_resolve(wlab_func *f);
/* Compiles f now (or finds its code compiled for another instance of its module) without
 * installing it; NULL with *why set when it gives up. */
void *opt_compile_func(wlab_func *f, const char **why);
/* Compiles f's OSR version for its loop_head at IR index loop_ir (docs/opt.md, "OSR entries"),
 * once: its entry, or NULL with *why set when it gives up (then, and every later time). */
void *opt_compile_osr(wlab_func *f, uint32_t loop_ir, const char **why);

/* ---- AOT (aot/image.c, docs/aot.md) ---------------------------------------------------------- */

typedef struct opt_site opt_site; /* opt/emit.h */

/* One function's code compiled for an artifact: position-independent (calls to other functions
 * go through the code table), with its trap and fault tables; everything malloc'd. */
typedef struct opt_aot_code {
  uint8_t *code;
  uint32_t size;
  opt_site *sites;   /* trap stubs' return addresses */
  uint32_t nsites;
  opt_site *faults;  /* memory accesses that may fault, ascending pc */
  uint32_t nfaults;
  struct opt_call_fixup *fixups; /* direct calls: where each rel32 is and its callee (opt/emit.h) */
  uint32_t nfixups;
} opt_aot_code;

/* Compiles function index of m for an artifact (no OSR, no hotness counts, budget checks when
 * budget); false with *why when the tier gives up on it.  A call to function g is a direct
 * call rel32 (listed in out->fixups) when direct[g], else it goes through the code table. */
bool opt_aot_compile(const wlab_module *m, uint32_t index, bool explicit_bounds, bool budget, const uint8_t *direct,
                     opt_aot_code *out, const char **why);
void opt_aot_code_free(opt_aot_code *c);
/* Makes m's optimised code, in the bounds mode explicit_bounds, the code of an artifact mapped
 * at [start, end): after this m compiles nothing in either mode (a function without code stays in
 * the interpreter), and release(arg) runs when m's code goes.  Then opt_aot_adopt records each
 * function's code, in ascending address order: up to ncode records holding nentries trap and
 * fault entries in all come from one block made here (more are allocated one by one).  With
 * tables_kept the tables given to opt_aot_adopt stay valid and unchanged until release(arg)
 * (they are in the artifact's mapping), so the records point to them and nentries is 0.  False
 * when out of memory. */
bool opt_aot_adopt_begin(const wlab_module *m, bool explicit_bounds, uintptr_t start, uintptr_t end, uint32_t ncode,
                         size_t nentries, bool tables_kept, void (*release)(void *), void *arg);
bool opt_aot_adopt(const wlab_module *m, uint32_t index, const uint8_t *entry, uint32_t size, const opt_site *sites,
                   uint32_t nsites, const opt_site *faults, uint32_t nfaults);

#endif
