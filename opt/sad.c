/* sad.c: a sum of absolute byte differences accumulated in 16-bit lanes across a short loop and summed across lanes after it: each row's widen becomes one psadbw. */
#include "opt/opt.h"

#include <stdlib.h>

#include "opt/range.h"

/*
 * wasm SIMD has no psadbw.  A motion search's SAD (simd.c) writes it as
 *
 *   loop:  acc = i16x8.add acc, (i16x8.extadd_pairwise_i8x16_u |a - b|)     (per row)
 *   after: i32x4.extadd_pairwise_i16x8_u acc, then the sum of its four lanes
 *
 * with |a - b| as `v128.or (sub_sat_u a b) (sub_sat_u b a)` (or `sub (max_u a b) (min_u a b)`).
 * Only the sum of the sixteen 16-bit lanes reaches anything, and while no lane wraps that sum is
 * the sum of every |a_i - b_i| added, whichever lane each went to.  psadbw a, b puts the sum of
 * bytes 0-7 in lane 0 and of bytes 8-15 in lane 4 (as i16x8; the 64-bit halves of x86's form),
 * zeros elsewhere: the same total in other lanes.  So the extadd of each row is replaced by a
 * psadbw of a and b (an extadd with SSA_F_SAD and the two operands), the adds and the tail stay,
 * when
 *   - acc is a parameter of a loop's header, entered from outside with the zero vector, and the
 *     one back edge passes A: an i16x8.add tree of acc (once) and k such widens (each used only
 *     there), all in blocks of this loop and of no inner one (so each runs at most once an
 *     iteration);
 *   - A's other uses are each an i32x4.extadd_pairwise_i16x8_u whose result only feeds sccp's
 *     lane sum (two shuffle/add halvings, then extract_lane 0 only);
 *   - the loop runs at most N times an entry, from an induction variable that steps up by s from
 *     a constant x0 with its bound M (opt/range.c) and M + s < 2^32 (no wrap, so every value it
 *     takes is a different one of x0, x0 + s, ... <= M): N = (M - x0) / s + 1;
 *   - N * k * 2040 <= 65535: a psadbw lane grows by at most 8 * 255 per widen, the original
 *     lanes by 2 * 255, so neither form wraps a lane and both sums are exact.
 * Each row's `sub_sat`, `sub_sat`, `or`, `extadd` (pmaddubsw with ones) becomes one psadbw; dce
 * removes the rest.  With every leaf a psadbw, acc's lanes other than 0 and 4 stay zero and those
 * two below 2^16, so `i32x4.extadd_pairwise_i16x8_u acc` is acc itself, bit for bit, and goes too
 * (three instructions after each loop).  Before versioning, which then copies the loop with its
 * marks.
 *
 * Cost: nothing for a function without such a widen; otherwise one dce, the ranges and the uses,
 * and a look at each header parameter of type v128.
 */

#define MAX_TERMS 64
#define LANE_LIMIT 65535u
#define PSADBW_MAX 2040u /* 8 * 255: what one psadbw adds to a lane */

typedef struct sad {
  ssa_func *f;
  ssa_uses u;
  range_info r;
  ssa_id terms[MAX_TERMS];
  uint32_t nterms;
} sad;

static bool oom(ssa_func *f)
{
  if (!f->error[0])
    snprintf(f->error, sizeof f->error, "out of memory");
  return false;
}

/* |a - b| per byte in one of its two forms: true with the operands in *a, *b. */
static bool abs_diff(ssa_func *f, ssa_id d, ssa_id *a, ssa_id *b)
{
  const ssa_inst *in = &f->insts[ssa_resolve(f, d)];
  if (in->nargs != 2)
    return false;
  const ssa_inst *x = &f->insts[ssa_resolve(f, in->a[0])], *y = &f->insts[ssa_resolve(f, in->a[1])];
  if (x->nargs != 2 || y->nargs != 2 || x->flags || y->flags)
    return false;
  ssa_id x0 = ssa_resolve(f, x->a[0]), x1 = ssa_resolve(f, x->a[1]);
  ssa_id y0 = ssa_resolve(f, y->a[0]), y1 = ssa_resolve(f, y->a[1]);
  bool crossed = x0 == y1 && x1 == y0, same = x0 == y0 && x1 == y1;
  if (in->op == IR_V128_OR && x->op == IR_I8X16_SUB_SAT_U && y->op == IR_I8X16_SUB_SAT_U && crossed)
    goto yes;
  if (in->op == IR_I8X16_SUB && x->op == IR_I8X16_MAX_U && y->op == IR_I8X16_MIN_U && (crossed || same))
    goto yes;
  return false;
yes:
  *a = x0;
  *b = x1;
  return true;
}

/* A widen this pass can replace: extadd_pairwise_i8x16_u of |a - b|, not yet rewritten. */
static bool is_widen(ssa_func *f, ssa_id v)
{
  const ssa_inst *in = &f->insts[v];
  ssa_id a, b;
  return in->op == IR_I16X8_EXTADD_PAIRWISE_I8X16_U && !(in->flags & SSA_F_SAD) && in->nargs == 1 &&
         abs_diff(f, in->a[0], &a, &b);
}

/* The leaves of the i16x8.add tree at v (inner adds used once, in loop h's own blocks): acc once,
 * the rest widens used once, collected in s->terms. */
static bool tree(sad *s, ssa_id v, ssa_id acc, uint32_t h, bool root, unsigned *nacc)
{
  ssa_func *f = s->f;
  v = ssa_resolve(f, v);
  const ssa_inst *in = &f->insts[v];
  if (v == acc) {
    (*nacc)++;
    return true;
  }
  if (f->blocks[in->block].loop_header != h || (!root && s->u.count[v] != 1))
    return false;
  if (in->op == IR_I16X8_ADD)
    return tree(s, in->a[0], acc, h, false, nacc) && tree(s, in->a[1], acc, h, false, nacc);
  if (!is_widen(f, v) || s->nterms == MAX_TERMS)
    return false;
  s->terms[s->nterms++] = v;
  return true;
}

static bool shuffle_of(const ssa_func *f, ssa_id v, ssa_id x, uint64_t lo, uint64_t hi)
{
  const ssa_inst *in = &f->insts[v];
  return in->op == IR_I8X16_SHUFFLE && ssa_resolve((ssa_func *)f, in->a[0]) == x &&
         ssa_resolve((ssa_func *)f, in->a[1]) == x && in->imm == lo && in->imm2 == hi;
}

/* One halving of sccp's lane sum: x's uses are h = shuffle(x, x) and x + h, nothing else;
 * returns the add, SSA_NONE when not. */
static ssa_id halving(sad *s, ssa_id x, uint64_t lo, uint64_t hi)
{
  ssa_func *f = s->f;
  ssa_id h = SSA_NONE, t = SSA_NONE;
  for (uint32_t i = s->u.start[x]; i < s->u.start[x + 1]; i++) { /* the shuffle uses x twice */
    ssa_id w = s->u.user[i];
    if (shuffle_of(f, w, x, lo, hi) && (!h || h == w))
      h = w;
    else if (f->insts[w].op == IR_I32X4_ADD && !t)
      t = w;
    else
      return SSA_NONE;
  }
  if (!h || !t || s->u.count[h] != 1)
    return SSA_NONE;
  ssa_id t0 = ssa_resolve(f, f->insts[t].a[0]), t1 = ssa_resolve(f, f->insts[t].a[1]);
  return (t0 == x && t1 == h) || (t0 == h && t1 == x) ? t : SSA_NONE;
}

/* y = i32x4.extadd_pairwise_i16x8_u of the accumulator, used only for the sum of its lanes. */
static bool lane_sum_only(sad *s, ssa_id y)
{
  ssa_func *f = s->f;
  if (f->insts[y].op != IR_I32X4_EXTADD_PAIRWISE_I16X8_U)
    return false;
  ssa_id t = halving(s, y, 0x0F0E0D0C0B0A0908ull, 0x0706050403020100ull);
  ssa_id u = t ? halving(s, t, 0x0302010007060504ull, 0x0B0A09080F0E0D0Cull) : SSA_NONE;
  if (!u)
    return false;
  for (uint32_t i = s->u.start[u]; i < s->u.start[u + 1]; i++) {
    const ssa_inst *e = &f->insts[s->u.user[i]];
    if (e->op != IR_I32X4_EXTRACT_LANE || e->aux != 0)
      return false;
  }
  return true;
}

/* The most iterations of loop h per entry, from one of its induction variables; UINT64_MAX
 * when none bounds it. */
static uint64_t trip_bound(sad *s, uint32_t h, uint32_t from_out, uint32_t back)
{
  ssa_func *f = s->f;
  const ssa_block *hb = &f->blocks[h];
  const ssa_block *ob = &f->blocks[hb->preds[from_out].block], *bb = &f->blocks[hb->preds[back].block];
  const ssa_id *oa = ssa_edge_args(f, &ob->succs[hb->preds[from_out].edge]);
  const ssa_id *ba = ssa_edge_args(f, &bb->succs[hb->preds[back].edge]);
  uint64_t best = UINT64_MAX;
  for (uint32_t k = 0; k < hb->nparams; k++) {
    ssa_id p = ssa_params(f, h)[k], x0 = ssa_resolve(f, oa[k]), n = ssa_resolve(f, ba[k]);
    uint64_t m = s->r.iv_max[p];
    if (f->insts[p].type != WLAB_I32 || m >= UINT32_MAX || !ssa_is_const(f, x0) || f->insts[n].op != IR_I32_ADD)
      continue;
    ssa_id n0 = ssa_resolve(f, f->insts[n].a[0]), n1 = ssa_resolve(f, f->insts[n].a[1]);
    ssa_id c = n0 == p ? n1 : n1 == p ? n0 : SSA_NONE;
    if (!c || !ssa_is_const(f, c))
      continue;
    uint64_t step = (uint32_t)f->insts[c].imm, start = (uint32_t)f->insts[x0].imm;
    if (step == 0 || step >= 1u << 31 || m + step > UINT32_MAX || start > m)
      continue;
    uint64_t trips = (m - start) / step + 1;
    if (trips < best)
      best = trips;
  }
  return best;
}

/* Header h's v128 parameters that accumulate such a sum: their widens marked. */
static void loop(sad *s, uint32_t h)
{
  ssa_func *f = s->f;
  const ssa_block *hb = &f->blocks[h];
  if (hb->npreds != 2 || hb->loop_header != h)
    return;
  uint32_t from_out = ssa_dominates(f, h, hb->preds[0].block) ? 1 : 0, back = 1 - from_out;
  if (ssa_dominates(f, h, hb->preds[from_out].block) || !ssa_dominates(f, h, hb->preds[back].block) ||
      f->blocks[hb->preds[back].block].loop_header != h)
    return;
  uint64_t trips = UINT64_MAX;
  bool have_trips = false;
  const ssa_block *ob = &f->blocks[hb->preds[from_out].block], *bb = &f->blocks[hb->preds[back].block];
  const ssa_edge *oe = &ob->succs[hb->preds[from_out].edge], *be = &bb->succs[hb->preds[back].edge];
  for (uint32_t k = 0; k < hb->nparams; k++) {
    ssa_id p = ssa_params(f, h)[k];
    if (f->insts[p].type != WLAB_V128 || s->u.count[p] != 1)
      continue;
    ssa_id z = ssa_resolve(f, ssa_edge_args(f, oe)[k]), a = ssa_resolve(f, ssa_edge_args(f, be)[k]);
    if (!ssa_is_const(f, z) || f->insts[z].imm || f->insts[z].imm2 || a == p)
      continue;
    unsigned nacc = 0;
    s->nterms = 0;
    if (!tree(s, a, p, h, true, &nacc) || nacc != 1 || !s->nterms)
      continue;
    /* a's uses: the back edge's argument for p (only there), and lane sums */
    bool ok = true;
    for (uint32_t i = s->u.start[a]; i < s->u.start[a + 1] && ok; i++) {
      ssa_id w = s->u.user[i];
      if (w == bb->last) {
        const ssa_block *wb = &f->blocks[f->insts[w].block];
        for (uint32_t e = 0; e < wb->nsuccs && ok; e++)
          for (uint32_t j = 0; j < wb->succs[e].nargs && ok; j++)
            if (ssa_resolve(f, ssa_edge_args(f, &wb->succs[e])[j]) == a)
              ok = &wb->succs[e] == be && j == k;
        for (uint16_t j = 0; j < f->insts[w].nargs && ok; j++)
          ok = ssa_resolve(f, ssa_args(f, w)[j]) != a;
      } else {
        ok = lane_sum_only(s, w);
      }
    }
    if (!ok)
      continue;
    if (!have_trips) {
      trips = trip_bound(s, h, from_out, back);
      have_trips = true;
    }
    if (trips == UINT64_MAX || trips * s->nterms * PSADBW_MAX > LANE_LIMIT)
      continue;
    for (uint32_t t = 0; t < s->nterms; t++) {
      ssa_inst *in = &f->insts[s->terms[t]];
      ssa_id x, y;
      abs_diff(f, in->a[0], &x, &y);
      in->nargs = 2;
      in->a[0] = x;
      in->a[1] = y;
      in->flags |= SSA_F_SAD;
    }
    /* every leaf is a psadbw now: a's 16-bit lanes other than 0 and 4 are zero and those two
     * below 2^16, so the unsigned pairwise widen of a is a itself, bit for bit */
    for (uint32_t i = s->u.start[a]; i < s->u.start[a + 1]; i++) {
      ssa_id w = s->u.user[i];
      if (w != bb->last && !(f->insts[w].flags & SSA_F_DEAD)) {
        ssa_replace(f, w, a);
        ssa_unlink(f, w);
      }
    }
  }
}

bool opt_sad(ssa_func *f)
{
  bool any = false;
  for (uint32_t i = 0; i < f->nreachable && !any; i++)
    for (ssa_id v = f->blocks[f->rpo_order[i]].first; v && !any; v = f->insts[v].next)
      any = is_widen(f, v);
  if (!any)
    return true;
  /* dead lane extracts (sccp's lane sum leaves the ones it replaced) would count as uses */
  if (!opt_dce(f))
    return false;
  sad s = {.f = f};
  if (!range_build(f, &s.r))
    return false;
  if (!ssa_uses_build(f, &s.u)) {
    range_free(&s.r);
    return oom(f);
  }
  for (uint32_t i = 0; i < f->nreachable; i++) {
    uint32_t h = f->rpo_order[i];
    if (f->blocks[h].is_loop_header)
      loop(&s, h);
  }
  ssa_uses_free(&s.u);
  range_free(&s.r);
  return true;
}
