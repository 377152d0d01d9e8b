/* opt.c: the optimising tier's pass driver: SSA construction, then the passes of one table in order, each checked and dumpable. */
#include "opt/opt.h"

#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/engine.h"
#include "core/thread.h"

/*
 * The pipeline (docs/opt.md):
 *
 *   IR --build--> SSA --pass--> ... --pass--> SSA --regalloc, isel--> x86-64
 *
 * Each pass is one file and one row below; the driver runs the rows in order, skipping the
 * ones switched off (--opt-disable), recomputing the CFG analyses when a pass changed the
 * graph, verifying the invariants when asked, and printing the form after the stage dump
 * --ssa --after names.  A pass that gives up stops the compile: the function stays in the
 * tier below, with the pass named in the reason.
 */
const opt_pass opt_passes[] = {
  {"tailrec", "a linear recursion's self calls returned through an integer add, mul, and, or, xor (and its tail calls) as jumps to a loop with an accumulator, bounded", opt_tailrec},
  /* early (after tailrec), so that the passes after it see the callees' code with the call's arguments */
  {"inline", "inlining of small direct callees, recursion guarded, within a size budget", opt_inline},
  {"sccp", "sparse conditional constant propagation, folding, exact identities", opt_sccp},
  {"copyprop", "copy propagation: trivial and redundant block parameters, selects of one value", opt_copyprop},
  /* after sccp and copyprop: their constants, canonical forms and merged parameters make more
   * values equal */
  {"gvn", "global value numbering, redundant loads and global.gets, store-to-load forwarding", opt_gvn},
  /* before licm: a partial sum of invariant terms it makes is hoisted */
  {"reassoc", "reassociation of add chains in loops: the operand ready last added last", opt_reassoc},
  {"licm", "loop-invariant code motion into a preheader, innermost loops first", opt_licm},
  /* before versioning, which copies the loop with its marks */
  {"sad", "sums of absolute byte differences: a row's widen to 16-bit lanes as psadbw", opt_sad},
  /* after licm (a preheader, the invariants before the loop), before bce and addrfold (which
   * then see the folded accesses of the original loop) */
  {"versioning", "loop versioning: a test before an innermost loop, a copy in which constant address offsets fold", opt_versioning},
  /* after gvn and licm: equal addresses are one value by then; before addrfold, which changes
   * what an access's operands mean (the folded access reaches the same bytes, so its mark holds) */
  {"bce", "bounds-check elimination (explicit bounds): accesses covered by a dominating one or below the minimum size", opt_bce},
  /* after the passes that reason about addresses (gvn's forwarding, licm's hoisting of loads,
   * bce): it changes their operands' meaning */
  {"addrfold", "address-mode folding: shifted indexes and provably safe constant offsets into the access", opt_addrfold},
  /* after the passes that reason about loops and their induction variables (a variable stepped
   * in several copies is not one range.c recognises); before branchfold, which merges each
   * copy's header into the block before it */
  {"unroll", "unrolling of loops that rotate values through their parameters, until the rotation is renaming", opt_unroll},
  /* last, to clean up what the passes before left: one-way branches, empty blocks, dead values */
  {"branchfold", "branch folding, empty blocks bypassed, a block merged with its only successor", opt_branchfold},
  {"dce", "dead code elimination: unused instructions and block parameters", opt_dce},
  {NULL, NULL, NULL},
};
const uint32_t opt_npasses = sizeof opt_passes / sizeof opt_passes[0] - 1;
_Static_assert(sizeof opt_passes / sizeof opt_passes[0] - 1 + 4 <= OPT_MAX_STAGES, "OPT_MAX_STAGES too small");

const char *opt_stage_name(uint32_t stage)
{
  if (stage == OPT_STAGE_BUILD)
    return "build";
  if (stage <= opt_npasses)
    return opt_passes[stage - 1].name;
  if (stage == opt_stage_lower())
    return "lower";
  if (stage == opt_stage_regalloc())
    return "regalloc";
  return stage == opt_stage_emit() ? "emit" : NULL;
}

bool opt_parse_disable(const char *list, opt_mask *out, char *err, size_t err_size)
{
  *out = 0;
  if (!list || !*list)
    return true;
  for (const char *p = list; *p;) {
    size_t len = strcspn(p, ",");
    uint32_t i = 0;
    while (i < opt_npasses && !(strlen(opt_passes[i].name) == len && memcmp(opt_passes[i].name, p, len) == 0))
      i++;
    if (i == opt_npasses) {
      char known[256] = "";
      for (uint32_t k = 0; k < opt_npasses; k++)
        snprintf(known + strlen(known), sizeof known - strlen(known), "%s%s", k ? ", " : "", opt_passes[k].name);
      snprintf(err, err_size, "unknown pass '%.*s' (passes: %s)", (int)len, p, known);
      return false;
    }
    *out |= (opt_mask)1 << i;
    p += len;
    if (*p == ',')
      p++;
  }
  return true;
}

static bool wants(const opt_trace *t, const char *stage)
{
  return t && t->out && t->after && (strcmp(t->after, "each") == 0 || strcmp(t->after, stage) == 0);
}

static void show(ssa_func *f, const opt_trace *t, const char *stage)
{
  if (strcmp(t->after, "each") == 0)
    fprintf(t->out, "; after %s\n", stage);
  ssa_print(f, t->out);
}

/* After a stage: analyses current, invariants checked, the form printed if asked. */
static bool settle(ssa_func *f, const opt_trace *t, const char *stage)
{
  if (!f->cfg_valid && !ssa_cfg_update(f))
    return false;
  if (t && t->verify && !ssa_verify(f)) {
    char why[sizeof f->error];
    memcpy(why, f->error, sizeof why);
    snprintf(f->error, sizeof f->error, "after %s: %.120s", stage, why);
    return false;
  }
  if (wants(t, stage))
    show(f, t, stage);
  return true;
}

/* Adds the time since *since to stage's total and restarts the lap, when timing (wall clock: the
 * thread's CPU clock is a system call, too dear to read a dozen times per function).  A stage's
 * time includes bringing the CFG analyses up to date after it. */
static void lap(const opt_trace *t, uint32_t stage, uint64_t *since)
{
  if (!t || !t->stage_ns)
    return;
  uint64_t now = thread_now_ns();
  t->stage_ns[stage] += now - *since;
  *since = now;
}

/*
 * An OSR version loads from the frame what its loop reads (docs/opt.md, "OSR entries"), which
 * hides what the normal code knows: a local set to a constant before the loop that the loop
 * never changes, or changes to the same value (a rotation of zero), is a constant there, and
 * SCCP folds it and everything it feeds.  So the normal function is built once more, with the
 * loop header's parameter of each slot noted, and SCCP run on it alone: a slot whose value on
 * entry to the header is a constant in every run of the function is that constant in the OSR
 * version too (the tier below reached the header by such a run), and its entry parameter is
 * replaced by it.  Out of memory or over budget, the version just keeps its loads.
 */
static void osr_constants(ssa_func *f)
{
  ssa_func n;
  const ir_func *ir = f->ir;
  ssa_block *entry = &f->blocks[f->entry];
  if (!entry->nparams || !ssa_func_init(&n, f->m, f->func_index))
    return;
  n.explicit_bounds = f->explicit_bounds;
  n.probe_ir = f->osr_loop_ir;
  if ((n.probe = calloc(ir->max_slots + 1, sizeof *n.probe)) && ssa_build(&n) && opt_sccp(&n)) {
    for (uint32_t k = 0; k < entry->nparams; k++) {
      ssa_id p = ssa_params(f, f->entry)[k];
      uint64_t slot = f->insts[p].imm;
      ssa_id v = slot < ir->max_slots && n.probe[slot] ? ssa_resolve(&n, n.probe[slot]) : SSA_NONE;
      if (!v || !ssa_is_const(&n, v) || n.insts[v].type != f->insts[p].type)
        continue;
      ssa_id c = ssa_const(f, n.insts[v].type, n.insts[v].imm, n.insts[v].imm2);
      if (!c)
        break;
      ssa_replace(f, p, c);
      entry = &f->blocks[f->entry];
    }
    ssa_apply_forwards(f);
  }
  free(n.probe);
  ssa_func_free(&n);
}

bool opt_optimise(ssa_func *f, opt_mask disabled, const opt_trace *trace)
{
  uint64_t since = trace && trace->stage_ns ? thread_now_ns() : 0;
  bool ok = ssa_build(f);
  if (ok && f->osr)
    osr_constants(f);
  ok = ok && settle(f, trace, "build");
  lap(trace, OPT_STAGE_BUILD, &since);
  if (!ok)
    return false;
  for (uint32_t i = 0; i < opt_npasses; i++) {
    if (disabled >> i & 1)
      continue;
    if (!opt_passes[i].run(f)) {
      char why[sizeof f->error];
      memcpy(why, f->error, sizeof why);
      snprintf(f->error, sizeof f->error, "%s: %.120s", opt_passes[i].name, why[0] ? why : "gave up");
      return false;
    }
    ssa_apply_forwards(f);
    ok = settle(f, trace, opt_passes[i].name);
    lap(trace, 1 + i, &since);
    if (!ok)
      return false;
  }
  if (trace && trace->out && !trace->after)
    ssa_print(f, trace->out);
  return true;
}

wlab_status opt_dump_ssa(const wlab_module *m, uint32_t func, const char *after, const char *disable, FILE *out,
                         wlab_error *err)
{
  opt_mask mask;
  char why[200];
  if (!opt_parse_disable(disable, &mask, why, sizeof why))
    return error_set(err, WLAB_ERR_ARGUMENT, NULL, WLAB_NONE, NULL, WLAB_NONE, "--opt-disable: %s", why);
  if (after && strcmp(after, "build") != 0 && strcmp(after, "each") != 0) {
    uint32_t i = 0;
    while (i < opt_npasses && strcmp(opt_passes[i].name, after) != 0)
      i++;
    if (i == opt_npasses)
      return error_set(err, WLAB_ERR_ARGUMENT, NULL, WLAB_NONE, NULL, WLAB_NONE,
                       "--after: no stage '%s' (build, each, or a pass name)", after);
    if (mask >> i & 1)
      return error_set(err, WLAB_ERR_ARGUMENT, NULL, WLAB_NONE, NULL, WLAB_NONE,
                       "--after %s: that pass is switched off", after);
  }
  if (func != WLAB_NONE && func >= m->nfuncs)
    return error_set(err, WLAB_ERR_ARGUMENT, NULL, WLAB_NONE, NULL, WLAB_NONE, "no function %u (the module has %u)",
                     func, m->nfuncs);
  opt_trace t = {out, after, true, NULL};
  for (uint32_t i = 0; i < m->nfuncs; i++) {
    if (func != WLAB_NONE ? i != func : m->funcs[i].imported)
      continue;
    if (!m->funcs[i].ir) {
      fprintf(out, "func %u: imported\n", i);
      continue;
    }
    /* the function, then (dump --osr-entries) the OSR version for each of its loops */
    bool osr_too = m->engine && m->engine->cfg.dump_osr_entries;
    for (uint32_t at = WLAB_NONE, j = 0;; at = j++) {
      if (at != WLAB_NONE)
        fprintf(out, "\n; func %u: OSR entry for the loop at IR %u (wasm 0x%x)\n", i, at, m->funcs[i].ir->wasm_offsets[at]);
      ssa_func f;
      if (!ssa_func_init(&f, m, i))
        return error_set(err, WLAB_ERR_NOMEM, NULL, WLAB_NONE, NULL, WLAB_NONE, "out of memory");
      f.explicit_bounds = m->engine && m->engine->limits.explicit_bounds; /* what bce works for */
      f.osr = at != WLAB_NONE;
      f.osr_loop_ir = at;
      bool ok = opt_optimise(&f, mask, &t);
      if (!ok) {
        wlab_status s = error_set(err, WLAB_ERR_UNSUPPORTED, NULL, i, NULL, WLAB_NONE, "SSA of function %u%s: %s", i,
                                  f.osr ? " (an OSR version)" : "", f.error);
        ssa_func_free(&f);
        return s;
      }
      ssa_func_free(&f);
      while (osr_too && j < m->funcs[i].ir->ninsts && m->funcs[i].ir->insts[j].op != IR_LOOP_HEAD)
        j++;
      if (!osr_too || j >= m->funcs[i].ir->ninsts)
        break;
    }
    if (func == WLAB_NONE)
      fputc('\n', out);
  }
  return WLAB_OK;
}
