/* inline.c: inlining of small direct callees: the callee's SSA, built from its own IR, spliced in place of the call. */
#include "opt/opt.h"

#include <stdlib.h>
#include <string.h>

/*
 * What it does.  A `call` to a function defined in the module (not imported) is replaced by
 * the callee's body when the callee is small (at most INLINE_MAX_CALLEE IR ops), makes no tail
 * call, is not already being inlined on the way to this call (recursion, direct or through a
 * chain; but a recursive caller takes in copies of itself INLINE_SELF_LEVELS deep, as clang
 * -O2 takes several levels of fib into itself), the chain is at most INLINE_MAX_DEPTH deep,
 * and the caller's budget of inlined IR ops (INLINE_BUDGET_MIN, or the caller's own size when
 * larger) has room.  Calls in deeper loops go first, and at one depth the last one first;
 * calls that inlined code brings along are candidates too.
 *
 * How.  The callee's SSA is built from its IR by the same builder (ssa_build) into a function
 * of its own, then copied in:
 *
 *     B: ...; v = call fN(a, b); rest; terminator      B: ...; <callee entry>; br c1(...)
 *                                               ==>    c1 .. ck: the callee's blocks, copied;
 *                                                          each `return x, y` a `br K(x, y)`
 *                                                      K(r0, r1): rest; terminator
 *
 * The callee's parameters are the call's arguments, its constants the caller's, its blocks
 * and values new ones; the call's value and its `result` projections become K's parameters.
 * Every copied instruction keeps `ir` (its index in the callee's IR) and `origin` (the
 * callee), so a trap inside inlined code names the callee's wasm byte offset, and dumps show
 * `in fN`.  Inlined loop headers are loop headers by the CFG analysis, with no IR loop number
 * (loop numbers belong to one function's IR).
 *
 * Requirements kept.  Everything the callee does happens in the same order with the same
 * operands, traps included; only the call itself goes.  Two things a call did are gone with
 * it, as in other engines: the callee's frame (so "call stack exhausted" comes later, if at
 * all) and the fuel and --timeout check at the callee's entry (its loops keep theirs: they
 * are loop headers).  A callee with return_call or return_call_indirect stays a call: those
 * replace the callee's frame, which an inlined body does not have.
 *
 * Cost: building and copying each inlined body, bounded by the budget: at most about twice
 * the caller's size, or INLINE_BUDGET_MIN ops, whichever is larger.
 */

#define INLINE_MAX_CALLEE 30    /* IR ops of a callee that may be inlined */
#define INLINE_BUDGET_MIN 200   /* IR ops a caller may take in, at least ... */
#define INLINE_MAX_DEPTH 4      /* callees inlined into callees inlined into ... the caller */
#define INLINE_SELF_LEVELS 1    /* a recursive caller takes in copies of itself this deep: fib 40,
                                 * user time here, 0.31-0.47 s at 1 level, 0.65-0.73 s at 2 and
                                 * 0.43-0.46 s at 3, though 2 runs the fewest instructions (fib 34,
                                 * callgrind: 378.6M, 353.0M, 363.4M) */

/* A chain of inlined functions: the function a call's code came from and the chain it was
 * inlined along (node 0 is the caller itself). */
typedef struct inl_chain {
  uint32_t func;
  uint32_t parent;  /* UINT32_MAX for node 0 */
  uint32_t depth;
} inl_chain;

typedef struct inl_call {
  ssa_id call;
  uint32_t chain;
  uint32_t depth;   /* loop depth of its block, to take calls in loops first */
  uint32_t order;
} inl_call;

typedef struct inliner {
  ssa_func *f;
  inl_call *calls;
  uint32_t ncalls, calls_cap;
  inl_chain *chains;
  uint32_t nchains, chains_cap;
  uint32_t budget;
} inliner;

static bool oom(ssa_func *f)
{
  if (!f->error[0])
    snprintf(f->error, sizeof f->error, "out of memory in inline");
  return false;
}

static bool grow(ssa_func *f, void **p, uint32_t *cap, uint32_t need, size_t elem)
{
  if (need <= *cap)
    return true;
  uint32_t c = *cap ? *cap * 2 : 16;
  while (c < need)
    c *= 2;
  void *q = realloc(*p, (size_t)c * elem);
  if (!q)
    return oom(f);
  *p = q;
  *cap = c;
  return true;
}

static bool add_call(inliner *in, ssa_id v, uint32_t chain, uint32_t depth)
{
  if (!grow(in->f, (void **)&in->calls, &in->calls_cap, in->ncalls + 1, sizeof *in->calls))
    return false;
  in->calls[in->ncalls] = (inl_call){v, chain, depth, in->ncalls};
  in->ncalls++;
  return true;
}

static int deeper_first(const void *x, const void *y)
{
  const inl_call *a = x, *b = y;
  if (a->depth != b->depth)
    return a->depth > b->depth ? -1 : 1;
  /* at one depth the last call first: splicing moves the rest of the call's block into the
   * continuation, so going backwards moves each instruction about once; forwards, a block of
   * 100,000 calls moved its tail 100,000 times (27 s for the stress shape `functions`) */
  return a->order > b->order ? -1 : a->order < b->order;
}

/* May callee be inlined at a call whose code came along chain? */
static bool wanted(const inliner *in, uint32_t callee, uint32_t chain)
{
  const wlab_module *m = in->f->m;
  if (callee >= m->nfuncs || m->funcs[callee].imported || !m->funcs[callee].ir)
    return false;
  const ir_func *ir = m->funcs[callee].ir;
  if (ir->ninsts > INLINE_MAX_CALLEE || ir->ninsts > in->budget)
    return false;
  if (in->chains[chain].depth >= INLINE_MAX_DEPTH)
    return false;
  /* Recursion, direct or through the chain, stops here, except for the caller's calls to
   * itself in its own code or in copies of itself (a chain of the caller only, shorter than
   * INLINE_SELF_LEVELS): each level of copies divides the calls the recursion makes; the
   * deepest copies' calls stay calls (direct ones: opt/emit.c). */
  bool self = in->chains[chain].depth < INLINE_SELF_LEVELS;
  for (uint32_t c = chain; c != UINT32_MAX && self; c = in->chains[c].parent)
    self = in->chains[c].func == callee;
  for (uint32_t c = chain; c != UINT32_MAX && !self; c = in->chains[c].parent)
    if (in->chains[c].func == callee)
      return false;
  for (uint32_t i = 0; i < ir->ninsts; i++)
    if (ir->insts[i].op == IR_RETURN_CALL || ir->insts[i].op == IR_RETURN_CALL_INDIRECT)
      return false;
  return true;
}

/* A copy of instruction u of cf (operands through map) appended to block b of f. */
static ssa_id copy_inst(ssa_func *f, ssa_func *cf, const ssa_id *map, ssa_id u, uint32_t b)
{
  const ssa_inst *cu = &cf->insts[u];
  ssa_id v = ssa_new_inst(f, cu->op, cu->type, cu->nargs);
  if (!v)
    return SSA_NONE;
  cu = &cf->insts[u];
  ssa_inst *nv = &f->insts[v];
  nv->aux = cu->aux;
  nv->imm = cu->imm;
  nv->imm2 = cu->imm2;
  nv->ir = cu->ir;
  nv->origin = cu->origin;
  nv->flags = (uint8_t)(cu->flags & ~SSA_F_DEAD);
  const ssa_id *ca = ssa_args(cf, u);
  ssa_id *na = ssa_args(f, v);
  for (uint32_t k = 0; k < cu->nargs; k++)
    na[k] = map[ca[k]];
  ssa_append(f, b, v);
  return v;
}

/* Copies cf's edges out of cb to f's block nb (targets through bmap, arguments through map). */
static bool copy_edges(ssa_func *f, ssa_func *cf, const ssa_id *map, const uint32_t *bmap, uint32_t cb, uint32_t nb)
{
  const ssa_block *cbl = &cf->blocks[cb];
  for (uint32_t s = 0; s < cbl->nsuccs; s++) {
    const ssa_edge *ce = &cbl->succs[s];
    uint32_t e = ssa_add_edge(f, nb, bmap[ce->block]);
    if (e == UINT32_MAX)
      return false;
    for (uint32_t k = 0; k < ce->nargs; k++)
      if (!ssa_edge_add_arg(f, nb, e, map[ssa_edge_args(cf, ce)[k]]))
        return false;
  }
  if (cbl->ntable) {
    uint32_t *table = arena_alloc(&f->mem, cbl->ntable * sizeof *table);
    if (!table)
      return oom(f);
    memcpy(table, cbl->table, cbl->ntable * sizeof *table);
    f->blocks[nb].table = table;
    f->blocks[nb].ntable = cbl->ntable;
  }
  return true;
}

/* Replaces call v (in block b) by the body of cf; calls in the body join the work list. */
static bool splice(inliner *in, ssa_id v, uint32_t chain, ssa_func *cf)
{
  ssa_func *f = in->f;
  const functype *ft = cf->type;
  uint32_t b = f->insts[v].block;
  bool ok = false;
  ssa_id *map = calloc(cf->ninsts, sizeof *map);
  uint32_t *bmap = malloc(cf->nblocks * sizeof *bmap);
  ssa_id *args = malloc((ft->nparams ? ft->nparams : 1) * sizeof *args);
  if (!map || !bmap || !args) {
    oom(f);
    goto out;
  }
  memcpy(args, ssa_args(f, v), ft->nparams * sizeof *args);

  /* the continuation: the rest of b, with the call's results as parameters */
  uint32_t k = ssa_new_block(f);
  if (k == SSA_NO_BLOCK)
    goto out;
  for (uint32_t r = 0; r < ft->nresults; r++)
    if (!ssa_add_param(f, k, (uint8_t)ft->results[r]))
      goto out;
  ssa_move_succs(f, b, k);
  f->blocks[k].ir_start = f->blocks[b].ir_start;
  for (ssa_id u = f->insts[v].next, next; u; u = next) {
    next = f->insts[u].next;
    ssa_unlink(f, u);
    ssa_append(f, k, u);
  }
  if (ft->nresults)
    ssa_replace(f, v, ssa_params(f, k)[0]);
  while (f->blocks[k].first && f->insts[f->blocks[k].first].op == SSA_RESULT &&
         ssa_args(f, f->blocks[k].first)[0] == v) { /* the projections follow the call */
    ssa_id u = f->blocks[k].first;
    ssa_replace(f, u, ssa_params(f, k)[f->insts[u].aux]);
    ssa_unlink(f, u);
  }
  ssa_unlink(f, v);

  /* the callee's blocks: its entry is what is left of b, the others new */
  for (uint32_t i = 0; i < cf->nreachable; i++) {
    uint32_t cb = cf->rpo_order[i];
    if (cb == cf->entry) {
      bmap[cb] = b;
      for (uint32_t p = 0; p < cf->blocks[cb].nparams; p++)
        map[ssa_params(cf, cb)[p]] = args[p];
      continue;
    }
    uint32_t nb = ssa_new_block(f);
    if (nb == SSA_NO_BLOCK)
      goto out;
    bmap[cb] = nb;
    f->blocks[nb].ir_start = cf->blocks[cb].ir_start;
    for (uint32_t p = 0; p < cf->blocks[cb].nparams; p++) {
      ssa_id cp = ssa_params(cf, cb)[p];
      if (!(map[cp] = ssa_add_param(f, nb, cf->insts[cp].type)))
        goto out;
    }
  }
  /* their instructions, in reverse post-order so definitions are mapped before uses */
  for (uint32_t i = 0; i < cf->nreachable; i++) {
    uint32_t cb = cf->rpo_order[i], nb = bmap[cb];
    for (ssa_id u = cf->blocks[cb].first; u; u = cf->insts[u].next) {
      const ssa_inst *cu = &cf->insts[u];
      if (cu->op == SSA_CONST) {
        if (!(map[u] = ssa_const(f, cu->type, cu->imm, cu->imm2)))
          goto out;
        continue;
      }
      if (cu->op == IR_RETURN) { /* to the continuation, with the results */
        ssa_id br = ssa_new_inst(f, IR_BR, SSA_VOID, 0);
        if (!br)
          goto out;
        f->insts[br].ir = cf->insts[u].ir;
        f->insts[br].origin = cf->insts[u].origin;
        ssa_append(f, nb, br);
        uint32_t e = ssa_add_edge(f, nb, k);
        if (e == UINT32_MAX)
          goto out;
        for (uint32_t r = 0; r < cf->insts[u].nargs; r++)
          if (!ssa_edge_add_arg(f, nb, e, map[ssa_args(cf, u)[r]]))
            goto out;
        continue;
      }
      ssa_id nv = copy_inst(f, cf, map, u, nb);
      if (!nv)
        goto out;
      map[u] = nv;
      if (f->insts[nv].op == IR_CALL && !add_call(in, nv, chain, f->blocks[b].loop_depth))
        goto out;
    }
    if (!copy_edges(f, cf, map, bmap, cb, nb))
      goto out;
  }
  in->budget -= cf->ir->ninsts;
  f->cfg_valid = false;
  f->inlined = true;
  ok = true;
out:
  free(map);
  free(bmap);
  free(args);
  return ok;
}

bool opt_inline(ssa_func *f)
{
  inliner in = {.f = f};
  in.budget = f->ir->ninsts > INLINE_BUDGET_MIN ? f->ir->ninsts : INLINE_BUDGET_MIN;
  bool ok = false;
  if (!grow(f, (void **)&in.chains, &in.chains_cap, 1, sizeof *in.chains))
    goto out;
  in.chains[in.nchains++] = (inl_chain){f->func_index, UINT32_MAX, 0};
  for (uint32_t i = 0; i < f->nreachable; i++) {
    uint32_t b = f->rpo_order[i];
    for (ssa_id v = f->blocks[b].first; v; v = f->insts[v].next)
      if (f->insts[v].op == IR_CALL && !add_call(&in, v, 0, f->blocks[b].loop_depth))
        goto out;
  }
  if (in.ncalls > 1)
    qsort(in.calls, in.ncalls, sizeof *in.calls, deeper_first);
  for (uint32_t i = 0; i < in.ncalls && in.budget; i++) {
    inl_call c = in.calls[i];
    uint32_t callee = (uint32_t)f->insts[c.call].imm;
    if (!wanted(&in, callee, c.chain))
      continue;
    ssa_func cf;
    if (!ssa_func_init(&cf, f->m, callee))
      return oom(f);
    cf.explicit_bounds = f->explicit_bounds;
    if (!ssa_build(&cf)) {
      ssa_func_free(&cf); /* the callee stays a call: its own compile will say why */
      continue;
    }
    /* calls the body brings along belong to a chain one longer */
    if (!grow(f, (void **)&in.chains, &in.chains_cap, in.nchains + 1, sizeof *in.chains)) {
      ssa_func_free(&cf);
      goto out;
    }
    in.chains[in.nchains] = (inl_chain){callee, c.chain, in.chains[c.chain].depth + 1};
    bool spliced = splice(&in, c.call, in.nchains++, &cf);
    ssa_func_free(&cf);
    if (!spliced)
      goto out;
  }
  ok = true;
out:
  free(in.calls);
  free(in.chains);
  return ok;
}
