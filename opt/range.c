/* range.c: upper bounds of i32 values, loop induction variables first: what addrfold and bce know about an address beyond the accesses that dominate it. */
#include "opt/range.h"

#include <stdlib.h>

#include "core/opcodes.h"

/*
 * An induction variable is a parameter p of a loop header h that every edge from outside the
 * loop passes the same start value x0, and every back edge the same value n = i32.add p, s
 * (s a constant, a step up or, read as signed, down).  Its bound comes from an exit test: a
 * br_if in a block B of the loop that dominates every back edge's source, one successor in the
 * loop and one out, on a compare of t (p or n) with a constant K.  Every iteration that goes on
 * passed that test, so p's values are x0 and what the test let through.  The test is read as
 * "stay while t REL K" (negated when staying is the false edge, mirrored when K is on the
 * left); the rules, with U an upper bound of x0 and everything mod 2^32 unless said:
 *
 *   n <u K     p <= max(U, K - 1): whatever n is, it passed (any step, wrap or not).
 *   p <u K     p <= max(U, K - 1 + s) for s up to 2^31 - 1, when K - 1 + s does not wrap.
 *   t == K     p <= max(U, K) (n) or max(U, K + s) (p).
 *   t != K     exact: x0 a constant, K reached from it by whole steps without wrapping
 *              (K - x0 a multiple of s, K above x0 going up, below going down): p <= K - s
 *              (n) or K (p) going up, p <= x0 going down.
 *   t >u K     going down by m = -s: no wrap below zero when everything that passes is at
 *              least m (K + 1 >= m) and x0 is too (n: x0 a constant >= m): p <= U.
 *   t <s K     going up: x0 non-negative (U < 2^31) and max(U, K - 1) + s < 2^31, so no value
 *              turns negative: p <= max(U, K - 1) (n) or max(U, K - 1 + s) (p).
 *   t >s K     going down: x0 non-negative, and what passes too (n: K >= -1; p: K + 1 >= m,
 *              so that p - m, read at the header before the test, is not negative): p <= U.
 *
 * <=, >= become <, > with K moved by one (when K + 1 or K - 1 exists).  A bound holds wherever p
 * is used, inside the loop or after it.  Anything else (a step that is not a constant, two
 * start values, a bound that is not a constant, a signed test of a value that may be negative,
 * a != that may be stepped over) leaves p unbounded: the passes then know what they knew
 * before.  Headers go in reverse post-order, outer loops first, so an inner loop's start may be
 * an outer induction variable already bounded.  i64 parameters are not bounded (wasm addresses
 * are i32).
 *
 * Cost: per loop, one walk of its body to mark it, then per parameter one look at each edge into
 * the header and each br_if in the body.
 */

#define START_DEPTH 4 /* operands followed when bounding a start value */

enum rel { REL_EQ, REL_NE, REL_LT_U, REL_LE_U, REL_GT_U, REL_GE_U, REL_LT_S, REL_LE_S, REL_GT_S, REL_GE_S, REL_NONE };

static enum rel rel_of(uint16_t op)
{
  switch (op) {
  case IR_I32_EQ: return REL_EQ;
  case IR_I32_NE: return REL_NE;
  case IR_I32_LT_U: return REL_LT_U;
  case IR_I32_LE_U: return REL_LE_U;
  case IR_I32_GT_U: return REL_GT_U;
  case IR_I32_GE_U: return REL_GE_U;
  case IR_I32_LT_S: return REL_LT_S;
  case IR_I32_LE_S: return REL_LE_S;
  case IR_I32_GT_S: return REL_GT_S;
  case IR_I32_GE_S: return REL_GE_S;
  default: return REL_NONE;
  }
}

/* !(a REL b) as a REL' b */
static enum rel rel_negate(enum rel r)
{
  static const enum rel neg[] = {REL_NE, REL_EQ, REL_GE_U, REL_GT_U, REL_LE_U, REL_LT_U, REL_GE_S, REL_GT_S, REL_LE_S, REL_LT_S};
  return neg[r];
}

/* b REL a as a REL' b */
static enum rel rel_mirror(enum rel r)
{
  static const enum rel mir[] = {REL_EQ, REL_NE, REL_GT_U, REL_GE_U, REL_LT_U, REL_LE_U, REL_GT_S, REL_GE_S, REL_LT_S, REL_LE_S};
  return mir[r];
}

uint64_t range_upper(const range_info *r, ssa_func *f, ssa_id v, unsigned depth)
{
  const ssa_inst *in = &f->insts[v];
  if (in->op == SSA_CONST)
    return (uint32_t)in->imm;
  if (in->type != WLAB_I32)
    return UINT32_MAX;
  if (in->op == SSA_PARAM)
    return r && r->iv_max ? r->iv_max[v] : UINT32_MAX;
  if (depth == 0)
    return UINT32_MAX;
  const ssa_id *a = ssa_args(f, v);
  uint64_t x, y;
  switch (in->op) {
  case IR_I32_AND:
    x = range_upper(r, f, a[0], depth - 1);
    y = range_upper(r, f, a[1], depth - 1);
    return x < y ? x : y;
  case IR_I32_OR: case IR_I32_XOR: {
    /* no bit above the higher operand's top bit */
    x = range_upper(r, f, a[0], depth - 1);
    y = range_upper(r, f, a[1], depth - 1);
    x = x > y ? x : y;
    for (unsigned k = 1; k < 32; k <<= 1)
      x |= x >> k;
    return x;
  }
  case IR_I32_SHR_U:
    if (!ssa_is_const(f, a[1]))
      return UINT32_MAX;
    return range_upper(r, f, a[0], depth - 1) >> (f->insts[a[1]].imm & 31);
  case IR_I32_REM_U:
    x = range_upper(r, f, a[0], depth - 1);
    if (ssa_is_const(f, a[1]) && (uint32_t)f->insts[a[1]].imm != 0 && (uint32_t)f->insts[a[1]].imm - 1 < x)
      return (uint32_t)f->insts[a[1]].imm - 1;
    return x;
  case IR_I32_ADD:
    x = range_upper(r, f, a[0], depth - 1) + range_upper(r, f, a[1], depth - 1);
    return x <= UINT32_MAX ? x : UINT32_MAX; /* may wrap: nothing known */
  case IR_I32_SHL:
    if (!ssa_is_const(f, a[1]))
      return UINT32_MAX;
    x = range_upper(r, f, a[0], depth - 1) << (f->insts[a[1]].imm & 31);
    return x <= UINT32_MAX ? x : UINT32_MAX;
  case IR_I32_MUL:
    if (!ssa_is_const(f, a[1]))
      return UINT32_MAX;
    x = range_upper(r, f, a[0], depth - 1);
    y = (uint32_t)f->insts[a[1]].imm;
    return x == 0 || y <= UINT32_MAX / x ? x * y : UINT32_MAX;
  case IR_I32_LOAD8_U:
    return 0xFF;
  case IR_I32_LOAD16_U:
    return 0xFFFF;
  case IR_I32_EQZ: case IR_I32_EQ: case IR_I32_NE: case IR_I32_LT_S: case IR_I32_LT_U: case IR_I32_GT_S:
  case IR_I32_GT_U: case IR_I32_LE_S: case IR_I32_LE_U: case IR_I32_GE_S: case IR_I32_GE_U: case IR_I64_EQZ:
  case IR_I64_EQ: case IR_I64_NE: case IR_I64_LT_S: case IR_I64_LT_U: case IR_I64_GT_S: case IR_I64_GT_U:
  case IR_I64_LE_S: case IR_I64_LE_U: case IR_I64_GE_S: case IR_I64_GE_U:
    return 1;
  default:
    return UINT32_MAX;
  }
}

static uint64_t max64(uint64_t a, uint64_t b) { return a > b ? a : b; }

/* The bound the rules above give p from one exit test "stay while t REL k", t being n when
 * on_next; UINT32_MAX when they give none.  x0 is the start value, u its upper bound, s the step. */
static uint64_t bound_from_test(ssa_func *f, enum rel rel, uint32_t k, bool on_next, ssa_id x0, uint64_t u, uint32_t s)
{
  const uint64_t none = UINT32_MAX;
  const int64_t smax = INT32_MAX;
  bool up = (int32_t)s > 0;
  uint64_t m = (uint32_t)-s; /* the step down, when !up */
  bool x0c = ssa_is_const(f, x0);
  uint64_t x0v = (uint32_t)f->insts[x0].imm;
  int64_t ks = (int32_t)k;
  /* <= and >= as < and > */
  switch (rel) {
  case REL_LE_U: if (k == UINT32_MAX) return none; rel = REL_LT_U, k++; break;
  case REL_GE_U: if (k == 0) return none; rel = REL_GT_U, k--; break;
  case REL_LE_S: if (k == (uint32_t)INT32_MAX) return none; rel = REL_LT_S, k++; break;
  case REL_GE_S: if (k == (uint32_t)INT32_MIN) return none; rel = REL_GT_S, k--; break;
  default: break;
  }
  ks = (int32_t)k;
  switch (rel) {
  case REL_LT_U:
    if (k == 0)
      return u; /* nothing passes: p is x0 */
    if (on_next)
      return max64(u, k - 1);
    return up && (uint64_t)k - 1 + s <= UINT32_MAX ? max64(u, (uint64_t)k - 1 + s) : none;
  case REL_EQ:
    return max64(u, on_next ? k : (uint32_t)(k + s));
  case REL_NE:
    if (!x0c)
      return none;
    if (up) {
      if (k < x0v || (on_next && k == x0v) || (k - x0v) % s != 0)
        return none;
      return on_next ? k - s : k;
    }
    if (x0v < k || (on_next && k == x0v) || (x0v - k) % m != 0)
      return none;
    return x0v;
  case REL_GT_U:
    if (up || (uint64_t)k + 1 < m)
      return none;
    if (on_next)
      return x0c && x0v >= m ? x0v : none;
    return u;
  case REL_LT_S:
    if (!up || u > (uint64_t)smax)
      return none;
    if (ks <= 0) /* x0 non-negative, and so n = x0 + s when it does not overflow: nothing passes */
      return on_next ? ((int64_t)u + (int64_t)s <= smax ? u : none) : u;
    if ((int64_t)max64(u, (uint64_t)ks - 1) + (int64_t)s > smax)
      return none;
    return on_next ? max64(u, (uint64_t)ks - 1) : max64(u, (uint64_t)ks - 1 + s);
  case REL_GT_S:
    if (up || u > (uint64_t)smax)
      return none;
    if (on_next)
      return ks >= -1 ? u : none;
    return ks + 1 >= (int64_t)m ? u : none;
  default:
    return none;
  }
}

/* Marks the body of loop h (stamp[b] == h + 1): the blocks that reach one of its back edges
 * without passing h.  Then lists in tests[] its exit tests: the blocks ending in a br_if with
 * one successor in the body and one out, that dominate the source of every back edge (so every
 * iteration that goes on passed them); returns how many. */
static uint32_t exit_tests(ssa_func *f, uint32_t h, uint32_t *stamp, uint32_t *work, uint32_t *tests)
{
  uint32_t nwork = 0, nbody = 0, ntests = 0;
  stamp[h] = h + 1;
  work[nwork++] = h;
  const ssa_block *hb = &f->blocks[h];
  for (uint32_t p = 0; p < hb->npreds; p++) {
    uint32_t src = hb->preds[p].block;
    if (ssa_dominates(f, h, src) && stamp[src] != h + 1) {
      stamp[src] = h + 1;
      work[nwork++] = src;
    }
  }
  /* work[0 .. nbody) are the body blocks visited, work[nbody .. nwork) still to visit */
  while (nbody < nwork) {
    const ssa_block *bl = &f->blocks[work[nbody++]];
    if (bl == hb)
      continue;
    for (uint32_t p = 0; p < bl->npreds; p++) {
      uint32_t q = bl->preds[p].block;
      if (stamp[q] != h + 1) {
        stamp[q] = h + 1;
        work[nwork++] = q;
      }
    }
  }
  for (uint32_t i = 0; i < nbody; i++) {
    uint32_t b = work[i];
    const ssa_block *bl = &f->blocks[b];
    if (!bl->last || f->insts[bl->last].op != IR_BR_IF || bl->nsuccs != 2)
      continue;
    if ((stamp[bl->succs[0].block] == h + 1) == (stamp[bl->succs[1].block] == h + 1))
      continue;
    bool dominates_all = true;
    for (uint32_t j = 0; j < hb->npreds && dominates_all; j++)
      if (ssa_dominates(f, h, hb->preds[j].block) && !ssa_dominates(f, b, hb->preds[j].block))
        dominates_all = false;
    if (dominates_all)
      tests[ntests++] = b;
  }
  return ntests;
}

/* Parameter k of header h: its bound from the loop's shape, UINT32_MAX when none. */
static uint64_t bound_param(const range_info *r, ssa_func *f, uint32_t h, uint32_t k, const uint32_t *stamp,
                            const uint32_t *tests, uint32_t ntests)
{
  const ssa_block *hb = &f->blocks[h];
  ssa_id p = ssa_params(f, h)[k];
  if (f->insts[p].type != WLAB_I32)
    return UINT32_MAX;
  ssa_id x0 = SSA_NONE, n = SSA_NONE;
  for (uint32_t i = 0; i < hb->npreds; i++) {
    const ssa_block *src = &f->blocks[hb->preds[i].block];
    ssa_id arg = ssa_edge_args(f, &src->succs[hb->preds[i].edge])[k];
    ssa_id *which = ssa_dominates(f, h, hb->preds[i].block) ? &n : &x0;
    if (*which && *which != arg)
      return UINT32_MAX;
    *which = arg;
  }
  if (!x0 || !n || f->insts[n].op != IR_I32_ADD)
    return UINT32_MAX;
  const ssa_id *na = ssa_args(f, n);
  ssa_id c = na[0] == p ? na[1] : na[1] == p ? na[0] : SSA_NONE;
  if (!c || !ssa_is_const(f, c) || (uint32_t)f->insts[c].imm == 0)
    return UINT32_MAX;
  uint32_t s = (uint32_t)f->insts[c].imm;
  uint64_t u = range_upper(r, f, x0, START_DEPTH);
  uint64_t best = UINT32_MAX;
  for (uint32_t i = 0; i < ntests; i++) {
    const ssa_block *bl = &f->blocks[tests[i]];
    bool in0 = stamp[bl->succs[0].block] == h + 1;
    ssa_id cond = f->insts[bl->last].a[0];
    bool stay_if_true = in0;
    if (f->insts[cond].op == IR_I32_EQZ) {
      cond = f->insts[cond].a[0];
      stay_if_true = !stay_if_true;
    }
    enum rel rel;
    ssa_id a;
    uint32_t kv;
    if (cond == p || cond == n) { /* br_if t: t != 0 (sccp's form of i32.ne t, 0) */
      rel = REL_NE, a = cond, kv = 0;
    } else {
      rel = rel_of(f->insts[cond].op);
      if (rel == REL_NONE)
        continue;
      a = f->insts[cond].a[0];
      ssa_id kb = f->insts[cond].a[1];
      if (ssa_is_const(f, a)) {
        ssa_id t = a;
        a = kb, kb = t;
        rel = rel_mirror(rel);
      }
      if ((a != p && a != n) || !ssa_is_const(f, kb))
        continue;
      kv = (uint32_t)f->insts[kb].imm;
    }
    if (!stay_if_true)
      rel = rel_negate(rel);
    uint64_t hi = bound_from_test(f, rel, kv, a == n, x0, u, s);
    if (hi < best)
      best = hi;
  }
  return best;
}

bool range_build(ssa_func *f, range_info *r)
{
  r->f = f;
  r->nivs = 0;
  r->iv_max = malloc((f->ninsts ? f->ninsts : 1) * sizeof *r->iv_max);
  uint32_t *stamp = calloc(f->nblocks ? f->nblocks : 1, sizeof *stamp);
  uint32_t *work = malloc((f->nblocks ? f->nblocks : 1) * sizeof *work);
  uint32_t *tests = malloc((f->nblocks ? f->nblocks : 1) * sizeof *tests);
  if (!r->iv_max || !stamp || !work || !tests) {
    free(stamp), free(work), free(tests);
    range_free(r);
    snprintf(f->error, sizeof f->error, "out of memory");
    return false;
  }
  for (uint32_t v = 0; v < f->ninsts; v++)
    r->iv_max[v] = UINT32_MAX;
  for (uint32_t i = 0; i < f->nreachable; i++) {
    uint32_t h = f->rpo_order[i];
    if (!f->blocks[h].is_loop_header || !f->blocks[h].nparams)
      continue;
    bool any_i32 = false;
    for (uint32_t k = 0; k < f->blocks[h].nparams; k++)
      any_i32 |= f->insts[ssa_params(f, h)[k]].type == WLAB_I32;
    if (!any_i32)
      continue;
    uint32_t ntests = exit_tests(f, h, stamp, work, tests);
    for (uint32_t k = 0; k < f->blocks[h].nparams && ntests; k++) {
      uint64_t hi = bound_param(r, f, h, k, stamp, tests, ntests);
      if (hi < UINT32_MAX) {
        r->iv_max[ssa_params(f, h)[k]] = (uint32_t)hi;
        r->nivs++;
      }
    }
  }
  free(stamp), free(work), free(tests);
  return true;
}

void range_free(range_info *r)
{
  free(r->iv_max);
  r->iv_max = NULL;
}

uint64_t range_wrap_slack(const ssa_func *f)
{
  const wlab_module *m = f->m;
  const uint64_t four_gib = (uint64_t)65536 * 65536;
  if (m->nmemories == 0 || m->nimported_memories > 0)
    return 0;
  uint64_t pages = m->memories[0].has_max ? m->memories[0].max : 65536;
  return pages >= 65536 ? 0 : four_gib - pages * 65536;
}
