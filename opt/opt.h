/* opt.h: the optimising tier's pipeline as the rest of the engine sees it: the pass table, the driver, the SSA dump. */
#ifndef WLAB_OPT_H
#define WLAB_OPT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "opt/ssa.h"

/* One optimisation pass: its name (for --opt-disable and --after), what it does, and the
 * function that runs it over f (false when it gives up: f->error says why). */
typedef struct opt_pass {
  const char *name;
  const char *what;
  bool (*run)(ssa_func *f);
} opt_pass;

/* The passes in the order the driver runs them (opt.c). */
extern const opt_pass opt_passes[];
extern const uint32_t opt_npasses;

/* The passes in pipeline order, one file each (opt/<name>.c, whose opening comment says what it
 * keeps); each returns false with f->error when it gives up. */
bool opt_tailrec(ssa_func *f);
bool opt_inline(ssa_func *f);
bool opt_sccp(ssa_func *f);
bool opt_copyprop(ssa_func *f);
bool opt_gvn(ssa_func *f);
bool opt_reassoc(ssa_func *f);
bool opt_licm(ssa_func *f);
bool opt_sad(ssa_func *f);
bool opt_versioning(ssa_func *f);
bool opt_bce(ssa_func *f);
bool opt_addrfold(ssa_func *f);
bool opt_unroll(ssa_func *f);
bool opt_branchfold(ssa_func *f);
bool opt_dce(ssa_func *f);

/* Passes switched off, as a bit set over opt_passes (bit i: opt_passes[i]). */
typedef uint64_t opt_mask;

/* Parses "gvn,licm" into a mask; false with the unknown name in err. */
bool opt_parse_disable(const char *list, opt_mask *out, char *err, size_t err_size);

/* The stages --stats times, in order: SSA construction (0), each pass of opt_passes (1 + its
 * index), then the backend's: critical edges split, registers allocated, code emitted. */
#define OPT_MAX_STAGES 24 /* room for passes to come; wlab_tier_stats holds as many */
enum { OPT_STAGE_BUILD = 0 };
static inline uint32_t opt_stage_lower(void) { return 1 + opt_npasses; }
static inline uint32_t opt_stage_regalloc(void) { return 2 + opt_npasses; }
static inline uint32_t opt_stage_emit(void) { return 3 + opt_npasses; }
static inline uint32_t opt_nstages(void) { return 4 + opt_npasses; }
const char *opt_stage_name(uint32_t stage);

/* What the driver prints while it works (dump --ssa): nothing, the form after one stage
 * ("build" or a pass name), after every stage ("each"), or only the final form. */
typedef struct opt_trace {
  FILE *out;
  const char *after;   /* NULL: the final form; "build"; a pass name; "each" */
  bool verify;         /* check the invariants after every stage (tests, debugging) */
  uint64_t *stage_ns;  /* when set: [opt_nstages()] wall time of each stage, added to */
} opt_trace;

/* Builds f's SSA and runs every pass not in `disabled`, checking the invariants after each
 * when trace->verify.  False with f->error (naming the stage) when a stage gives up. */
bool opt_optimise(ssa_func *f, opt_mask disabled, const opt_trace *trace);

/* dump --ssa: function `func` (or every defined one, WLAB_NONE) of m after `after`. */
wlab_status opt_dump_ssa(const wlab_module *m, uint32_t func, const char *after, const char *disable, FILE *out,
                         wlab_error *err);

/* dump --asm --tier opt: function `func` (or every defined one) as this tier compiles it. */
wlab_status opt_dump_asm(const wlab_module *m, uint32_t func, FILE *out, wlab_error *err);

#endif
