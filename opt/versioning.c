/* versioning.c: loop versioning: an innermost loop whose accesses add a constant to an address that may wrap gets one test before it and a second copy, so that the first copy's constants fold into the accesses' offsets. */
#include "opt/opt.h"

#include <stdlib.h>
#include <string.h>

#include "opt/range.h"

/*
 * addrfold turns `load (i32.add x, C) offset=o` into `load x offset=o+C` only when x + C cannot
 * wrap mod 2^32: wasm adds the constant with wrapping and the offset without, so a wrapping x + C
 * reads a small address where the folded access would reach past 4 GiB.  Inside a loop the proof
 * often is not there: x = i32.add a, inv, with a an induction variable (opt/range.c bounds it by
 * U) and inv a pointer computed before the loop, of which nothing is known (a row of an image at
 * `p` and the next row at `p + 640`, the later row read first).
 *
 * A test before the loop gives the proof: when inv <=u 2^32 - 1 - U - C, then a + inv <= 2^32 -
 * 1 - C, so x is that sum exactly and x + C does not wrap, in every iteration.  The loop is
 * copied; the test branches to the original, in which each such access becomes `load x
 * offset=o+C` (the same effective address, so the same trap at the same access, guard pages or
 * explicit checks, with any memory size up to 4 GiB), or to the copy, which is the loop as it
 * was.  The test only compares values computed before the loop, so it traps on nothing and
 * costs a compare and a branch per invariant each time the loop is entered.
 *
 * Which loops:
 *   - innermost, of at most MAX_BODY instructions, not holding the entry block;
 *   - entered from one block outside it, the preheader (licm makes one), which ends in `br`;
 *   - its exit blocks entered only from the loop; a value of the loop used after it needs a
 *     single exit block, which gets a parameter for it (each copy passes its own);
 *   - at least MIN_FOLDS accesses as above: a scalar or plain v128 load or store whose address is an
 *     i32.add of a constant C and x, where x + C is not proven already (x's range, or an access
 *     to x that dominates this one and reaches at least as far: addrfold folds those), and x is
 *     i32.add of a value bounded by U (U + C < 2^32) and a value defined before the loop;
 *   - at most MAX_TESTS distinct invariants to test.
 * A fold saves an instruction (a lea) an iteration; the test costs a compare and a branch each
 * time the loop is entered, and the copy makes the function bigger for the allocator, which then
 * places other values differently.  With a single fold that did not pay for itself reliably over
 * the compute suite (json's one such loop ran 13 k instructions more, crc32's 1.06 M fewer, at the
 * manifest's small sizes), so a loop needs two.
 * Everything is planned from one snapshot of the function (the ranges, the loop marks, the
 * uses) before any loop is copied; the copies only read operands at the time they are made.
 *
 * Cost: per loop a look at each of its instructions, and for one that is copied a walk over the
 * function's blocks for the uses of the loop's values after it.  The code grows by each copied
 * loop.
 */

#define RANGE_DEPTH 6 /* operands followed when bounding a value from above (as addrfold) */
#define MAX_BODY 256  /* instructions of a loop copied at most */
#define MAX_TESTS 4   /* distinct invariants tested before one loop */
#define MIN_FOLDS 2   /* folds a loop needs to be copied (see "Which loops") */

/* One access of a plan: x = a + inv (inv is operand inv_k of x), folded with constant c. */
typedef struct vfold {
  ssa_id access, x;
  uint32_t inv_k;
  uint32_t c;
  uint64_t limit; /* inv <=u limit proves that x + c does not wrap */
  uint64_t end;   /* explicit bounds: inv + end <= the memory's size proves the access in bounds */
} vfold;

typedef struct vloop {
  uint32_t header, pre, exit; /* exit: the one exit block when values flow out, else SSA_NO_BLOCK */
  uint32_t first, nfolds;     /* its folds in the plan */
} vloop;

typedef struct versioning {
  ssa_func *f;
  range_info r;
  ssa_uses u;
  uint64_t slack;      /* 2^32 - the memory's largest size (as addrfold's) */
  uint32_t *start;     /* [nblocks + 1] blocks grouped by their innermost loop's header */
  uint32_t *order;
  vfold *folds;
  uint32_t nfolds, folds_cap;
  vloop *loops;
  uint32_t nloops, loops_cap;
} versioning;

static bool oom(ssa_func *f)
{
  if (!f->error[0])
    snprintf(f->error, sizeof f->error, "out of memory");
  return false;
}

static uint64_t access_bytes(uint16_t op)
{
  return 1u << opcodes_info[op].align;
}

/* Is instruction a before b in their (one) block? */
static bool before_in_block(const ssa_func *f, ssa_id a, ssa_id b)
{
  for (ssa_id v = f->insts[a].next; v; v = f->insts[v].next)
    if (v == b)
      return true;
  return false;
}

/* Does an access to address value x that dominates `access` already prove x + c (what
 * addrfold's rewrite 2 uses)? */
static bool covered(versioning *vs, ssa_id x, ssa_id access, uint64_t c)
{
  ssa_func *f = vs->f;
  uint32_t b = f->insts[access].block;
  for (uint32_t i = vs->u.start[x]; i < vs->u.start[x + 1]; i++) {
    ssa_id w = vs->u.user[i];
    const ssa_inst *in = &f->insts[w];
    if (w == access || !ssa_is_plain_access(in->op, true) || in->a[0] != x)
      continue;
    if (in->block == b ? !before_in_block(f, w, access) : !ssa_dominates(f, in->block, b))
      continue;
    if (c < in->imm + access_bytes(in->op) + vs->slack)
      return true;
  }
  return false;
}

/* The fold of access v in loop h, when it has one. */
static bool plan_access(versioning *vs, uint32_t h, ssa_id v, vfold *out)
{
  ssa_func *f = vs->f;
  const ssa_inst *in = &f->insts[v];
  if (!ssa_is_plain_access(in->op, true) || (in->flags & (SSA_F_INDEXED | SSA_F_SCALED)))
    return false;
  const ssa_inst *ad = &f->insts[in->a[0]];
  if (ad->op != IR_I32_ADD)
    return false;
  ssa_id x = ad->a[0], cv = ad->a[1];
  if (ssa_is_const(f, x))
    x = ad->a[1], cv = ad->a[0];
  uint64_t c = 0;
  if (!ssa_is_const(f, cv)) {
    if (!f->explicit_bounds)
      return false;
    x = in->a[0]; /* explicit bounds: an access at y + p without a constant, to check before */
  } else {
    c = (uint32_t)f->insts[cv].imm;
    if (ssa_is_const(f, x) || c == 0 || in->imm + c > UINT32_MAX)
      return false;
    if (!f->explicit_bounds && (range_upper(&vs->r, f, x, RANGE_DEPTH) + c <= UINT32_MAX || covered(vs, x, v, c)))
      return false; /* addrfold folds it as it is */
  }
  const ssa_inst *xi = &f->insts[x];
  if (xi->op != IR_I32_ADD)
    return false;
  bool found = false;
  for (uint32_t k = 0; k < 2; k++) {
    ssa_id inv = xi->a[k], a = xi->a[1 - k];
    if (ssa_is_const(f, inv) || ssa_in_loop(f, f->insts[inv].block, h))
      continue;
    uint64_t ub = range_upper(&vs->r, f, a, RANGE_DEPTH);
    if (ub + c > UINT32_MAX)
      continue;
    uint64_t limit = UINT32_MAX - ub - c, end = ub + c + in->imm + access_bytes(in->op);
    if (f->explicit_bounds && end > (uint64_t)65536 * 65536)
      continue; /* beyond any memory: the test would always fail */
    if (!found || limit > out->limit)
      *out = (vfold){v, x, k, (uint32_t)c, limit, end};
    found = true;
  }
  return found;
}

static bool push_fold(versioning *vs, const vfold *fd)
{
  if (vs->nfolds == vs->folds_cap) {
    uint32_t cap = vs->folds_cap ? vs->folds_cap * 2 : 16;
    vfold *n = realloc(vs->folds, cap * sizeof *n);
    if (!n)
      return false;
    vs->folds = n;
    vs->folds_cap = cap;
  }
  vs->folds[vs->nfolds++] = *fd;
  return true;
}

/* Plans loop h (an innermost loop's header): false only when out of memory. */
static bool plan_loop(versioning *vs, uint32_t h)
{
  ssa_func *f = vs->f;
  const uint32_t *body = vs->order + vs->start[h];
  uint32_t nbody = vs->start[h + 1] - vs->start[h];
  uint32_t depth = f->blocks[h].loop_depth, ninsts = 0;
  uint32_t exit = SSA_NO_BLOCK, nexits = 0, pre = SSA_NO_BLOCK;
  /* the way in: one block outside, ending in br */
  for (uint32_t p = 0; p < f->blocks[h].npreds; p++) {
    uint32_t q = f->blocks[h].preds[p].block;
    if (ssa_in_loop(f, q, h))
      continue;
    if (pre != SSA_NO_BLOCK)
      return true;
    pre = q;
  }
  if (pre == SSA_NO_BLOCK || f->blocks[pre].nsuccs != 1 || f->insts[f->blocks[pre].last].op != IR_BR)
    return true;
  /* innermost, small, and left only to blocks entered from it alone */
  for (uint32_t i = 0; i < nbody; i++) {
    const ssa_block *bl = &f->blocks[body[i]];
    if (body[i] == f->entry)
      return true;
    for (ssa_id v = bl->first; v; v = f->insts[v].next)
      ninsts++;
    for (uint32_t s = 0; s < bl->nsuccs; s++) {
      uint32_t t = bl->succs[s].block;
      if (ssa_in_loop(f, t, h))
        continue;
      if (f->blocks[t].loop_depth > depth)
        return true; /* an inner loop */
      if (t == exit)
        continue;
      for (uint32_t p = 0; p < f->blocks[t].npreds; p++)
        if (!ssa_in_loop(f, f->blocks[t].preds[p].block, h))
          return true;
      exit = t;
      nexits++;
    }
  }
  if (ninsts > MAX_BODY)
    return true;
  /* the folds */
  uint32_t first = vs->nfolds;
  ssa_id invs[MAX_TESTS];
  uint32_t ninvs = 0;
  for (uint32_t i = 0; i < nbody; i++)
    for (ssa_id v = f->blocks[body[i]].first; v; v = f->insts[v].next) {
      vfold fd;
      if (!plan_access(vs, h, v, &fd))
        continue;
      ssa_id inv = f->insts[fd.x].a[fd.inv_k];
      uint32_t k = 0;
      while (k < ninvs && invs[k] != inv)
        k++;
      if (k == ninvs) {
        if (ninvs == MAX_TESTS)
          continue;
        invs[ninvs++] = inv;
      }
      if (!push_fold(vs, &fd))
        return oom(f);
    }
  if (vs->nfolds - first < MIN_FOLDS) {
    vs->nfolds = first;
    return true;
  }
  /* values of the loop used after it need the one exit block */
  bool flows_out = ssa_loop_used_after(f, &vs->u, body, nbody, h);
  if (flows_out && nexits != 1) {
    vs->nfolds = first;
    return true;
  }
  if (vs->nloops == vs->loops_cap) {
    uint32_t cap = vs->loops_cap ? vs->loops_cap * 2 : 8;
    vloop *n = realloc(vs->loops, cap * sizeof *n);
    if (!n)
      return oom(f);
    vs->loops = n;
    vs->loops_cap = cap;
  }
  vs->loops[vs->nloops++] = (vloop){h, pre, flows_out ? exit : SSA_NO_BLOCK, first, vs->nfolds - first};
  return true;
}

/* Operand v of the copy: its copy when the loop defines it. */
static ssa_id mapped(const ssa_id *vmap, ssa_id n0, ssa_id v)
{
  return v < n0 && vmap[v] ? vmap[v] : v;
}

/* A use *use after loop l: pass 0 gives a value of the loop its parameter of the exit block (each
 * edge from either copy passing its own value), pass 1 rewrites the use to that parameter. */
static bool outside_use(ssa_func *f, const vloop *l, const uint32_t *body, uint32_t nbody, const uint32_t *bmap,
                        const ssa_id *vmap, ssa_id *pmap, ssa_id n0, int pass, ssa_id *use)
{
  ssa_id w = *use;
  if (w >= n0 || !vmap[w] || !ssa_in_loop(f, f->insts[w].block, l->header))
    return true;
  if (pass == 1) {
    *use = pmap[w];
    return true;
  }
  if (pmap[w])
    return true;
  ssa_id p = ssa_add_param(f, l->exit, f->insts[w].type);
  if (!p)
    return false;
  pmap[w] = p;
  for (uint32_t i = 0; i < nbody; i++)
    for (uint32_t c = 0; c < 2; c++) {
      uint32_t from = c ? bmap[body[i]] : body[i];
      for (uint32_t e = 0; e < f->blocks[from].nsuccs; e++)
        if (f->blocks[from].succs[e].block == l->exit && !ssa_edge_add_arg(f, from, e, c ? vmap[w] : w))
          return false;
    }
  return true;
}

/* An instruction of the test, of n operands a, b, before the preheader's terminator term;
 * SSA_NONE when out of memory, or when an operand is SSA_NONE (it could not be made). */
static ssa_id test_op(ssa_func *f, ssa_id term, uint16_t op, uint8_t type, uint32_t n, ssa_id a, ssa_id b)
{
  if ((n >= 1 && !a) || (n == 2 && !b))
    return SSA_NONE;
  ssa_id v = ssa_new_inst(f, op, type, n);
  if (!v)
    return SSA_NONE;
  f->insts[v].a[0] = n >= 1 ? a : SSA_NONE;
  f->insts[v].a[1] = n == 2 ? b : SSA_NONE;
  f->insts[v].ir = f->insts[term].ir;
  f->insts[v].origin = f->insts[term].origin;
  ssa_insert_before(f, term, v);
  return v;
}

/* Copies loop l, puts the test in its preheader and folds the plan's accesses in the original. */
static bool version_loop(versioning *vs, const vloop *l)
{
  ssa_func *f = vs->f;
  uint32_t h = l->header, nb0 = f->nblocks;
  ssa_id n0 = f->ninsts;
  const uint32_t *body = vs->order + vs->start[h];
  uint32_t nbody = vs->start[h + 1] - vs->start[h];
  uint32_t *bmap = malloc(nb0 * sizeof *bmap);
  ssa_id *vmap = calloc(n0, sizeof *vmap), *pmap = NULL, *args = NULL;
  bool ok = false;
  if (!bmap || !vmap)
    goto out;
  for (uint32_t b = 0; b < nb0; b++)
    bmap[b] = SSA_NO_BLOCK;
  /* blocks, parameters, instructions */
  for (uint32_t i = 0; i < nbody; i++) {
    uint32_t nb = ssa_new_block(f);
    if (nb == SSA_NO_BLOCK)
      goto out;
    bmap[body[i]] = nb;
    if (!ssa_copy_block(f, body[i], nb, true, vmap))
      goto out;
    f->blocks[nb].loop_ir_number = f->blocks[body[i]].loop_ir_number;
  }
  /* the copy's operands and edges name the copy */
  for (uint32_t i = 0; i < nbody; i++) {
    uint32_t b = body[i], nb = bmap[b];
    for (ssa_id v = f->blocks[nb].first; v; v = f->insts[v].next) {
      ssa_id *as = ssa_args(f, v);
      for (uint32_t k = 0; k < f->insts[v].nargs; k++)
        as[k] = mapped(vmap, n0, as[k]);
    }
    for (uint32_t s = 0; s < f->blocks[b].nsuccs; s++) {
      uint32_t t = f->blocks[b].succs[s].block;
      uint32_t e = ssa_add_edge(f, nb, t < nb0 && bmap[t] != SSA_NO_BLOCK ? bmap[t] : t);
      if (e == UINT32_MAX)
        goto out;
      for (uint32_t k = 0; k < f->blocks[b].succs[s].nargs; k++)
        if (!ssa_edge_add_arg(f, nb, e, mapped(vmap, n0, ssa_edge_args(f, &f->blocks[b].succs[s])[k])))
          goto out;
    }
  }
  /* a value of the loop used after it: a parameter of the exit block, from each copy */
  if (l->exit != SSA_NO_BLOCK) {
    pmap = calloc(n0, sizeof *pmap);
    if (!pmap)
      goto out;
    /* first the parameters (adding them may move the pool), then the uses */
    for (int pass = 0; pass < 2; pass++)
      for (uint32_t b = 0; b < nb0; b++) {
        if (f->blocks[b].dead || f->blocks[b].rpo == SSA_NO_BLOCK || ssa_in_loop(f, b, h))
          continue;
        for (ssa_id v = f->blocks[b].first; v; v = f->insts[v].next) {
          uint16_t op = f->insts[v].op;
          uint32_t n = op == SSA_CONST || op == SSA_PARAM ? 0 : f->insts[v].nargs;
          for (uint32_t k = 0; k < n; k++)
            if (!outside_use(f, l, body, nbody, bmap, vmap, pmap, n0, pass, &ssa_args(f, v)[k]))
              goto out;
        }
        for (uint32_t s = 0; s < f->blocks[b].nsuccs; s++)
          for (uint32_t k = 0; k < f->blocks[b].succs[s].nargs; k++)
            if (!outside_use(f, l, body, nbody, bmap, vmap, pmap, n0, pass, &ssa_edge_args(f, &f->blocks[b].succs[s])[k]))
              goto out;
      }
  }
  /* the tests, one an invariant: is it above its limit (explicit bounds: is an access out of
   * bounds at its largest address)?  Each a compare and a branch to the copy when true, the
   * next test (a new block) or the original loop when false: the branch's first successor,
   * which the reverse post-order, and so the code's layout, puts after the other, so that the
   * tests fall through to the folded loop */
  uint32_t nargs = f->blocks[l->pre].succs[0].nargs, at = l->pre;
  args = malloc((nargs ? nargs : 1) * sizeof *args);
  if (!args)
    goto out;
  memcpy(args, ssa_edge_args(f, &f->blocks[l->pre].succs[0]), nargs * sizeof *args);
  ssa_id term = f->blocks[l->pre].last, pages64 = SSA_NONE;
  uint32_t ntests = 0, done_tests = 0;
  for (uint32_t pass = 0; pass < 2; pass++)
    for (uint32_t i = 0; i < l->nfolds; i++) {
      const vfold *fd = &vs->folds[l->first + i];
      ssa_id inv = f->insts[fd->x].a[fd->inv_k];
      uint64_t limit = fd->limit, end = fd->end;
      bool done = false;
      for (uint32_t j = 0; j < l->nfolds; j++) { /* this invariant's tightest figures, once */
        const vfold *g = &vs->folds[l->first + j];
        if (f->insts[g->x].a[g->inv_k] != inv)
          continue;
        if (j < i) {
          done = true;
          break;
        }
        if (g->limit < limit)
          limit = g->limit;
        if (g->end > end)
          end = g->end;
      }
      if (done)
        continue;
      if (pass == 0) { /* first count them */
        ntests++;
        continue;
      }
      ssa_id c;
      if (!f->explicit_bounds) {
        c = test_op(f, term, IR_I32_GT_U, WLAB_I32, 2, inv, ssa_const(f, WLAB_I32, limit, 0));
      } else {
        /* (u64)inv + end >u the memory's size in bytes: pages << 16, read once */
        if (!pages64) {
          ssa_id pages = test_op(f, term, IR_MEMORY_SIZE, WLAB_I32, 0, SSA_NONE, SSA_NONE);
          ssa_id wide = test_op(f, term, IR_I64_EXTEND_I32_U, WLAB_I64, 1, pages, SSA_NONE);
          pages64 = test_op(f, term, IR_I64_SHL, WLAB_I64, 2, wide, ssa_const(f, WLAB_I64, 16, 0));
          if (!pages64)
            goto out;
        }
        ssa_id w = test_op(f, term, IR_I64_EXTEND_I32_U, WLAB_I64, 1, inv, SSA_NONE);
        ssa_id sum = test_op(f, term, IR_I64_ADD, WLAB_I64, 2, w, ssa_const(f, WLAB_I64, end, 0));
        c = test_op(f, term, IR_I64_GT_U, WLAB_I32, 2, sum, pages64);
      }
      if (!c)
        goto out;
      bool last = ++done_tests == ntests;
      uint32_t next = last ? h : ssa_new_block(f);
      if (next == SSA_NO_BLOCK)
        goto out;
      f->blocks[at].nsuccs = 0;
      uint32_t e0 = ssa_add_edge(f, at, bmap[h]), e1 = e0 == UINT32_MAX ? e0 : ssa_add_edge(f, at, next);
      if (e1 == UINT32_MAX)
        goto out;
      for (uint32_t k = 0; k < nargs; k++)
        if (!ssa_edge_add_arg(f, at, e0, args[k]) || (last && !ssa_edge_add_arg(f, at, e1, args[k])))
          goto out;
      f->insts[term].op = IR_BR_IF;
      f->insts[term].nargs = 1;
      f->insts[term].a[0] = c;
      if (!last) {
        f->blocks[next].ir_start = f->blocks[at].ir_start;
        ssa_id br = ssa_new_inst(f, IR_BR, SSA_VOID, 0);
        if (!br)
          goto out;
        f->insts[br].ir = f->insts[term].ir;
        f->insts[br].origin = f->insts[term].origin;
        ssa_append(f, next, br);
        at = next;
        term = br;
      }
    }
  /* the folds, in the original (with explicit bounds, its accesses checked by the test) */
  for (uint32_t i = 0; i < l->nfolds; i++) {
    const vfold *fd = &vs->folds[l->first + i];
    f->insts[fd->access].a[0] = fd->x;
    f->insts[fd->access].imm += fd->c;
    if (f->explicit_bounds)
      f->insts[fd->access].flags |= SSA_F_CHECKED;
  }
  f->cfg_valid = false;
  ok = true;
out:
  free(bmap), free(vmap), free(pmap), free(args);
  return ok || oom(f);
}

bool opt_versioning(ssa_func *f)
{
  if (f->m->nmemories == 0)
    return true;
  versioning vs = {.f = f, .slack = range_wrap_slack(f)};
  bool ok = false, have_range = false, have_uses = false;
  if (!range_build(f, &vs.r))
    return false;
  have_range = true;
  if (vs.r.nivs == 0) { /* nothing bounded: no fold can be proven */
    ok = true;
    goto out;
  }
  if (!ssa_uses_build(f, &vs.u))
    goto out;
  have_uses = true;
  /* blocks grouped by innermost loop (a counting sort on the header) */
  uint32_t nb = f->nblocks;
  vs.start = calloc(nb + 1, sizeof *vs.start);
  vs.order = malloc((nb ? nb : 1) * sizeof *vs.order);
  if (!vs.start || !vs.order)
    goto out;
  for (uint32_t b = 0; b < nb; b++)
    if (!f->blocks[b].dead && f->blocks[b].rpo != SSA_NO_BLOCK && f->blocks[b].loop_header != SSA_NO_BLOCK)
      vs.start[f->blocks[b].loop_header + 1]++;
  for (uint32_t h = 0; h < nb; h++)
    vs.start[h + 1] += vs.start[h];
  uint32_t *fill = malloc((nb ? nb : 1) * sizeof *fill);
  if (!fill)
    goto out;
  memcpy(fill, vs.start, nb * sizeof *fill);
  for (uint32_t b = 0; b < nb; b++)
    if (!f->blocks[b].dead && f->blocks[b].rpo != SSA_NO_BLOCK && f->blocks[b].loop_header != SSA_NO_BLOCK)
      vs.order[fill[f->blocks[b].loop_header]++] = b;
  free(fill);
  for (uint32_t i = 0; i < f->nreachable; i++) {
    uint32_t h = f->rpo_order[i];
    if (f->blocks[h].is_loop_header && !plan_loop(&vs, h))
      goto out;
  }
  for (uint32_t i = 0; i < vs.nloops; i++)
    if (!version_loop(&vs, &vs.loops[i]))
      goto out;
  ok = true;
out:
  if (!ok)
    oom(f);
  if (have_uses)
    ssa_uses_free(&vs.u);
  if (have_range)
    range_free(&vs.r);
  free(vs.start), free(vs.order), free(vs.folds), free(vs.loops);
  return ok;
}
