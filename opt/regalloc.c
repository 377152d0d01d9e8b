/* regalloc.c: linear-scan register allocation on SSA: liveness by walking back from uses, intervals with holes, splitting and spilling (Wimmer and Franz, CGO 2010), and the moves that connect the pieces. */
#include "opt/regalloc.h"

#include <stdlib.h>
#include <string.h>

/*
 * How it works (docs/opt.md, "Register allocation"):
 *
 * 1. Layout: blocks in a reverse post-order that keeps each loop's blocks together (loop_order),
 *    positions four apart (regalloc.h).
 * 2. Intervals: one per value that has a result and is not a constant (constants are
 *    rematerialised at their uses).  Liveness comes from SSA directly: from each use walk
 *    backwards through predecessors until the definition, marking the blocks the value is live
 *    in; the interval is the union of those stretches.  Cost: proportional to the total length
 *    of the live ranges, no per-block bit sets.
 * 3. Linear scan over intervals by start.  A free register is taken if one is free for the
 *    whole interval (a hinted one first: a split piece's parent's, a block parameter's or
 *    edge argument's copy partner's, the operand's the instruction would like; then caller-saved
 *    before rbx/rbp, which are the only registers a call leaves alone); one free for a while takes the interval up to a
 *    split point; with none free, the interval whose next use is furthest is spilled (it or
 *    the current one), split before its next use that needs a register.
 * 4. Spill at the definition: a value with any piece on the stack is stored to its slot once,
 *    right after it is defined, so a piece moving to the stack costs nothing and a piece moving
 *    back costs a load.  Split points prefer block boundaries of the lowest loop depth, so
 *    loads land outside loops where they can.  A value defined in a loop that goes to the
 *    stack only outside it is stored where it goes there instead (place_stores).
 * 5. Moves: inside a block where a piece starts in a new register; on every edge for values
 *    whose location differs on the two sides, and for block parameters (their arguments).  The
 *    moves at one point are a parallel move, sequenced with cycles broken by a scratch register.
 *
 * Fixed registers: the instruction selector says which registers an instruction clobbers (a
 * call all caller-saved ones, a division rax and rdx); those positions block the register.  A
 * register it uses as scratch (a v128 sequence's temporaries) is blocked over the instruction's
 * three positions, so it holds neither an operand nor the result.
 */

#define NONE32 UINT32_MAX

static bool oom(regalloc *ra)
{
  if (!ra->f->error[0])
    snprintf(ra->f->error, sizeof ra->f->error, "out of memory allocating registers");
  return false;
}

static bool grow(void **p, uint32_t *cap, uint32_t need, size_t elem)
{
  if (need <= *cap)
    return true;
  uint32_t c = *cap ? *cap : 4;
  while (c < need)
    c *= 2;
  void *q = realloc(*p, (size_t)c * elem);
  if (!q)
    return false;
  *p = q;
  *cap = c;
  return true;
}

/* ---- intervals ---------------------------------------------------------------------------- */

static inline uint32_t ival_start(const ra_ival *it) { return it->ranges[0].from; }
static inline uint32_t ival_end(const ra_ival *it) { return it->ranges[it->nranges - 1].to; }

static bool covers(const ra_ival *it, uint32_t p)
{
  uint32_t lo = 0, hi = it->nranges;
  while (lo < hi) {
    uint32_t mid = (lo + hi) / 2;
    if (it->ranges[mid].to <= p)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < it->nranges && it->ranges[lo].from <= p;
}

/* Whether `it` covers p, for the scan, whose positions only grow but for a step back now and
 * then: the interval's cursor (its first range not over at the last position asked) moves
 * forward from where it was instead of a search from the start each time. */
static bool covers_scan(ra_ival *it, uint32_t p)
{
  uint32_t k = it->cursor;
  if (k > it->nranges || (k > 0 && it->ranges[k - 1].to > p))
    k = 0;
  while (k < it->nranges && it->ranges[k].to <= p)
    k++;
  it->cursor = k;
  return k < it->nranges && it->ranges[k].from <= p;
}

/* The first position >= from where both cover, or NONE32. */
static uint32_t next_intersection(const ra_ival *a, const ra_ival *b, uint32_t from)
{
  uint32_t i = a->cursor, j = 0;
  if (i > a->nranges || (i > 0 && a->ranges[i - 1].to > from))
    i = 0; /* a's cursor is past from: start over */
  while (i < a->nranges && a->ranges[i].to <= from)
    i++;
  while (j < b->nranges && b->ranges[j].to <= from)
    j++;
  while (i < a->nranges && j < b->nranges) {
    uint32_t lo = a->ranges[i].from > b->ranges[j].from ? a->ranges[i].from : b->ranges[j].from;
    uint32_t hi = a->ranges[i].to < b->ranges[j].to ? a->ranges[i].to : b->ranges[j].to;
    if (lo < from)
      lo = from;
    if (lo < hi)
      return lo;
    if (a->ranges[i].to < b->ranges[j].to)
      i++;
    else
      j++;
  }
  return NONE32;
}

/* The first use at or after p (of kind RA_USE_REG when reg_only), or NONE32. */
static uint32_t next_use(const ra_ival *it, uint32_t p, bool reg_only)
{
  uint32_t lo = 0, hi = it->nuses;
  while (lo < hi) {
    uint32_t mid = (lo + hi) / 2;
    if (it->uses[mid].pos < p)
      lo = mid + 1;
    else
      hi = mid;
  }
  for (; lo < it->nuses; lo++)
    if (!reg_only || it->uses[lo].kind == RA_USE_REG)
      return it->uses[lo].pos;
  return NONE32;
}

static uint32_t new_ival(regalloc *ra)
{
  if (!grow((void **)&ra->ivals, &ra->ivals_cap, ra->nivals + 1, sizeof *ra->ivals))
    return NONE32;
  ra_ival *it = &ra->ivals[ra->nivals];
  memset(it, 0, sizeof *it);
  it->reg = it->hint = RA_NOREG;
  it->next = it->hint_ival = NONE32;
  it->root = ra->nivals;
  return ra->nivals++;
}

/* ---- layout ------------------------------------------------------------------------------- */

/* The blocks in a reverse post-order that keeps every loop's blocks together: the depth-first
 * walk takes a block's successors in increasing loop depth (those leaving its loop first), so
 * they finish first and come after the loop's own blocks.  Any reverse post-order puts a
 * dominator before what it dominates; this one also puts a loop's back-edge blocks (the lowering
 * gives a conditional back edge a block of its own) inside the loop's stretch of positions.  In
 * the plain order such a block could land after the rest of the outer loop, where values live
 * around the outer loop are back in registers: every inner iteration then reloaded them on its
 * back edge, and a value held over the stretch kept its register through the whole inner loop. */
static bool loop_order(regalloc *ra)
{
  ssa_func *f = ra->f;
  uint32_t n = f->nblocks, nedges = 0;
  for (uint32_t i = 0; i < f->nreachable; i++)
    nedges += f->blocks[f->rpo_order[i]].nsuccs;
  uint32_t *stack = malloc((n ? n : 1) * sizeof *stack), *next = calloc(n ? n : 1, sizeof *next);
  uint32_t *first = malloc((n ? n : 1) * sizeof *first), *succ = malloc((nedges ? nedges : 1) * sizeof *succ);
  uint8_t *seen = calloc(n ? n : 1, 1);
  bool ok = stack && next && first && succ && seen;
  if (ok) {
    /* each block's successors, sorted by loop depth (stable: the lowering's order otherwise) */
    uint32_t at = 0;
    for (uint32_t i = 0; i < f->nreachable; i++) {
      uint32_t b = f->rpo_order[i];
      const ssa_block *bl = &f->blocks[b];
      first[b] = at;
      for (uint32_t k = 0; k < bl->nsuccs; k++) {
        uint32_t t = bl->succs[k].block, j = at + k;
        while (j > at && f->blocks[succ[j - 1]].loop_depth > f->blocks[t].loop_depth) {
          succ[j] = succ[j - 1];
          j--;
        }
        succ[j] = t;
      }
      at += bl->nsuccs;
    }
    uint32_t sp = 0, npost = f->nreachable;
    stack[sp++] = f->entry;
    seen[f->entry] = 1;
    while (sp) {
      uint32_t b = stack[sp - 1];
      if (next[b] < f->blocks[b].nsuccs) {
        uint32_t t = succ[first[b] + next[b]++];
        if (!seen[t]) {
          seen[t] = 1;
          stack[sp++] = t;
        }
      } else {
        ra->order[--npost] = b;
        sp--;
      }
    }
    if (npost != 0) /* (cannot happen: the graph rpo_order was computed on) */
      memcpy(ra->order, f->rpo_order, f->nreachable * sizeof *ra->order);
  }
  free(stack), free(next), free(first), free(succ), free(seen);
  return ok || oom(ra);
}

/* Positions of the blocks and instructions, and what each instruction asks of the registers,
 * in one walk over the layout. */
static bool layout(regalloc *ra, void (*isel_info)(ssa_func *f, ssa_id v, ra_inst_info *out))
{
  ssa_func *f = ra->f;
  uint32_t nb = f->nblocks ? f->nblocks : 1, ni = f->ninsts ? f->ninsts : 1;
  ra->norder = f->nreachable;
  ra->order = arena_alloc(&ra->mem, (f->nreachable ? f->nreachable : 1) * sizeof *ra->order);
  ra->header_pos = arena_alloc(&ra->mem, nb * sizeof *ra->header_pos);
  ra->end_pos = arena_alloc(&ra->mem, nb * sizeof *ra->end_pos);
  ra->pos = arena_alloc(&ra->mem, ni * sizeof *ra->pos);
  ra->info = arena_alloc(&ra->mem, ni * sizeof *ra->info);
  ra->slot_of = arena_take(&ra->mem, ni * sizeof *ra->slot_of);
  /* a slot per reachable block and per instruction in one: at most this many */
  ra->inst_at = arena_take(&ra->mem, (f->nreachable + f->ninsts) * sizeof *ra->inst_at);
  if (!ra->order || !ra->header_pos || !ra->end_pos || !ra->pos || !ra->info || !ra->slot_of || !ra->inst_at)
    return oom(ra);
  memset(ra->slot_of, 0xFF, f->ninsts * sizeof *ra->slot_of);
  if (!loop_order(ra))
    return false;
  uint32_t slot = 0;
  for (uint32_t i = 0; i < ra->norder; i++) {
    uint32_t b = ra->order[i];
    ra->inst_at[slot] = SSA_NONE;
    ra->header_pos[b] = 4 * slot++;
    for (ssa_id v = f->blocks[b].first; v; v = f->insts[v].next) {
      ra->inst_at[slot] = v;
      ra->pos[v] = 4 * slot++;
      ra->info[v].hint_operand = -1;
      isel_info(f, v, &ra->info[v]);
    }
    ra->end_pos[b] = 4 * slot;
  }
  ra->npos = 4 * slot;
  return true;
}

/* ---- building intervals ------------------------------------------------------------------- */

static bool has_interval(const ssa_func *f, ssa_id v)
{
  const ssa_inst *in = &f->insts[v];
  return in->type != SSA_VOID && in->op != SSA_CONST;
}

static inline uint32_t def_pos(const regalloc *ra, ssa_id v)
{
  const ssa_inst *in = &ra->f->insts[v];
  return in->op == SSA_PARAM ? ra->header_pos[in->block] + 2 : ra->pos[v] + 2;
}

/* Live-in pairs (a value live into a block) are blocks times values live across them, the
 * quantity liveness, splitting and edge moves grow with; past RA_LIVE_IN_PER_INST per
 * instruction (plus RA_LIVE_IN_MIN), or RA_LIVE_IN_MAX in all, the function stays in the tier
 * below (docs/limits.md; the compute suite's largest ratio is 4.5).  The cap bounds what a
 * refusal costs, as BUILD_WORK_MAX does for construction. */
#define RA_LIVE_IN_PER_INST 16u
#define RA_LIVE_IN_MIN 131072u
#define RA_LIVE_IN_MAX 1048576u

/* A value live into a block, and where its range in that block ends. */
typedef struct live_in { uint32_t block; ssa_id value; uint32_t end; } live_in;

/* The working state of the liveness walk. */
typedef struct liveness {
  ra_use *use_pool;         /* every interval's uses, one slice each */
  uint32_t *use_block;      /* the block of each use, beside use_pool */
  uint32_t *in_of, *out_of; /* [nblocks] the last value found live into / out of the block */
  uint32_t *last_use;       /* [nblocks] the value's last use in the block, + 1 */
  uint32_t *work;           /* [nblocks] blocks whose predecessors are still to visit */
  live_in *pairs;           /* in the order found: by value, then as the walk meets them */
  uint32_t npairs, pairs_cap;
  uint32_t budget;          /* the most pairs the function may have */
  uint32_t room;            /* min(pairs_cap, budget): below it, a pair needs no check */
} liveness;

/* The slow side of note_live_in: over the budget, or the array full. */
static bool note_live_in_grow(regalloc *ra, liveness *lv)
{
  if (lv->npairs >= lv->budget) {
    snprintf(ra->f->error, sizeof ra->f->error,
             "over the register allocator's budget: more than %u values live into blocks for %u instructions "
             "(docs/limits.md)", lv->npairs, ra->f->ninsts);
    return false;
  }
  return grow((void **)&lv->pairs, &lv->pairs_cap, lv->npairs + 1, sizeof *lv->pairs) || oom(ra);
}

/* Remembers that v is live into block b (for the moves on b's incoming edges).  Called once per
 * pair, 40 thousand times for a 25 KB module: the test that the array has room (and the
 * function is within budget) is the only one on the way. */
static inline bool note_live_in(regalloc *ra, liveness *lv, uint32_t b, ssa_id v)
{
  if (lv->npairs >= lv->room && !note_live_in_grow(ra, lv))
    return false;
  lv->room = lv->pairs_cap < lv->budget ? lv->pairs_cap : lv->budget;
  lv->pairs[lv->npairs++] = (live_in){b, v, 0};
  return true;
}

/* One interval per value with a result (constants excepted), in layout order, each with its
 * uses: the uses are counted first, so every value's use array is a slice of one array, filled
 * in layout order and so sorted by position with no sort.  The registers each instruction
 * clobbers are counted the same way. */
static bool make_intervals(regalloc *ra, liveness *lv)
{
  ssa_func *f = ra->f;
  ra->ival_of = arena_take(&ra->mem, (f->ninsts ? f->ninsts : 1) * sizeof *ra->ival_of);
  uint32_t *nuses = arena_alloc(&ra->mem, (f->ninsts ? f->ninsts : 1) * sizeof *nuses);
  if (!ra->ival_of || !nuses)
    return oom(ra);
  memset(ra->ival_of, 0xFF, f->ninsts * sizeof *ra->ival_of);
  /* roots, for every value defined in a live block */
  for (uint32_t i = 0; i < ra->norder; i++) {
    uint32_t b = ra->order[i];
    for (uint32_t k = 0; k < f->blocks[b].nparams; k++) {
      ssa_id p = ssa_params(f, b)[k];
      uint32_t it = new_ival(ra);
      if (it == NONE32)
        return oom(ra);
      ra->ivals[it].value = p;
      ra->ivals[it].type = f->insts[p].type;
      ra->ivals[it].cls = ra_class_of(f->insts[p].type);
      ra->ival_of[p] = it;
    }
    for (ssa_id v = f->blocks[b].first; v; v = f->insts[v].next)
      if (has_interval(f, v)) {
        uint32_t it = new_ival(ra);
        if (it == NONE32)
          return oom(ra);
        ra->ivals[it].value = v;
        ra->ivals[it].type = f->insts[v].type;
        ra->ivals[it].cls = ra_class_of(f->insts[v].type);
        ra->ival_of[v] = it;
      }
  }
  /* counts: uses of each value, clobbered positions of each register, clobbering instructions */
  uint32_t total = 0, nslots = ra->npos / 4;
  for (int c = 0; c < RA_CLASSES; c++)
    if (!(ra->clobbering_before[c] = arena_alloc(&ra->mem, (nslots + 1) * sizeof(uint32_t))))
      return oom(ra);
  for (uint32_t i = 0; i < ra->norder; i++) {
    const ssa_block *bl = &f->blocks[ra->order[i]];
    for (ssa_id v = bl->first; v; v = f->insts[v].next) {
      const ra_inst_info *info = &ra->info[v];
      const ssa_id *as = ssa_args(f, v);
      uint16_t n = f->insts[v].op == SSA_CONST ? 0 : f->insts[v].nargs;
      for (uint16_t k = 0; k < n; k++)
        nuses[as[k]]++;
      for (int c = 0; c < RA_CLASSES; c++) {
        unsigned m = info->clobber[c] | info->temp[c];
        ra->clobbering_before[c][ra->pos[v] / 4 + 1] = m != 0;
        for (; m; m &= m - 1) {
          unsigned r = (unsigned)__builtin_ctz(m);
          ra->nclobbers[c][r] += info->temp[c] >> r & 1 ? 3 : 1;
        }
      }
    }
    for (uint32_t s = 0; s < bl->nsuccs; s++) {
      const ssa_edge *e = &bl->succs[s];
      const ssa_id *args = ssa_edge_args(f, e);
      for (uint32_t k = 0; k < e->nargs; k++)
        nuses[args[k]]++;
    }
  }
  for (int c = 0; c < RA_CLASSES; c++)
    for (uint32_t k = 0; k < nslots; k++)
      ra->clobbering_before[c][k + 1] += ra->clobbering_before[c][k];
  for (uint32_t i = 0; i < ra->nivals; i++)
    total += nuses[ra->ivals[i].value];
  ra_use *use_pool = arena_take(&ra->mem, (total ? total : 1) * sizeof *use_pool);
  lv->use_pool = use_pool;
  lv->use_block = arena_take(&ra->mem, (total ? total : 1) * sizeof *lv->use_block);
  if (!use_pool || !lv->use_block)
    return oom(ra);
  for (uint32_t i = 0, at = 0; i < ra->nivals; i++) {
    ra->ivals[i].uses = use_pool + at;
    at += nuses[ra->ivals[i].value];
  }
  for (int c = 0; c < RA_CLASSES; c++)
    for (unsigned r = 0; r < RA_MAX_REGS; r++) {
      if (!ra->nclobbers[c][r])
        continue;
      if (!(ra->clobbers[c][r] = arena_take(&ra->mem, ra->nclobbers[c][r] * sizeof(uint32_t))))
        return oom(ra);
      ra->nclobbers[c][r] = 0;
    }
  /* every use, with the kind the instruction asks for, and the hints */
  for (uint32_t i = 0; i < ra->norder; i++) {
    uint32_t b = ra->order[i];
    const ssa_block *bl = &f->blocks[b];
    for (ssa_id v = bl->first; v; v = f->insts[v].next) {
      const ra_inst_info *info = &ra->info[v];
      const ssa_id *as = ssa_args(f, v);
      uint16_t n = f->insts[v].op == SSA_CONST ? 0 : f->insts[v].nargs;
      for (uint16_t k = 0; k < n; k++) {
        uint32_t it = ra->ival_of[as[k]];
        if (it == NONE32)
          continue;
        ra_ival *iv = &ra->ivals[it];
        lv->use_block[iv->uses - use_pool + iv->nuses] = b;
        iv->uses[iv->nuses++] = (ra_use){ra->pos[v], k < 4 ? info->use_kind[k] : RA_USE_ANY};
      }
      /* the result would like the register of an operand that dies here */
      if (info->hint_operand >= 0 && info->hint_operand < n && ra->ival_of[v] != NONE32) {
        uint32_t src = ra->ival_of[as[info->hint_operand]];
        if (src != NONE32)
          ra->ivals[ra->ival_of[v]].hint_ival = src;
      }
      /* registers the instruction clobbers (blocked at p + 1) or uses as scratch (p to p + 2) */
      for (int c = 0; c < RA_CLASSES; c++)
        for (unsigned m = info->clobber[c] | info->temp[c]; m; m &= m - 1) {
          unsigned r = (unsigned)__builtin_ctz(m);
          bool temp = info->temp[c] >> r & 1;
          for (uint32_t q = temp ? 0 : 1; q <= (temp ? 2u : 1u); q++)
            ra->clobbers[c][r][ra->nclobbers[c][r]++] = ra->pos[v] + q;
        }
    }
    /* edge arguments: used at the terminator, in any location */
    for (uint32_t s = 0; s < bl->nsuccs; s++) {
      const ssa_edge *e = &bl->succs[s];
      for (uint32_t k = 0; k < e->nargs; k++) {
        ssa_id a = ssa_edge_args(f, e)[k];
        uint32_t it = ra->ival_of[a];
        uint32_t pit = ra->ival_of[ssa_params(f, e->block)[k]];
        if (pit != NONE32 && ra->ivals[pit].hint_ival == NONE32 && it != NONE32)
          ra->ivals[pit].hint_ival = it;
        if (it == NONE32)
          continue;
        if (pit != NONE32 && ra->ivals[it].hint_ival == NONE32)
          ra->ivals[it].hint_ival = pit;
        ra_ival *iv = &ra->ivals[it];
        lv->use_block[iv->uses - use_pool + iv->nuses] = b;
        iv->uses[iv->nuses++] = (ra_use){ra->pos[bl->last], RA_USE_ANY};
      }
    }
  }
  return true;
}

/* Liveness of value v from SSA: from each use, backwards through predecessors to the
 * definition; the blocks it is live into are noted (in lv->pairs, with where the value's range
 * ends in each), and the range in its own block, which comes first in the layout (the block
 * dominates every block the value is live in), is the interval's first range.  Each block the
 * value is live in costs its predecessors once: no per-block sets. */
static bool live_range(regalloc *ra, liveness *lv, ssa_id v)
{
  ssa_func *f = ra->f;
  ra_ival *it = &ra->ivals[ra->ival_of[v]];
  uint32_t d = f->insts[v].block, dp = def_pos(ra, v), nwork = 0, first = lv->npairs;
  uint32_t def_end = dp + 1; /* a value nothing uses still needs a place for its definition */
  const uint32_t *use_block = lv->use_block + (it->uses - lv->use_pool);
  for (uint32_t s = 0; s < it->nuses; s++) {
    uint32_t u = use_block[s], p = it->uses[s].pos;
    if (u == d && p >= dp) {
      if (p + 1 > def_end)
        def_end = p + 1;
      continue;
    }
    if (lv->in_of[u] != v) {
      lv->in_of[u] = v;
      lv->last_use[u] = p + 1;
      lv->work[nwork++] = u;
      if (!note_live_in(ra, lv, u, v))
        return false;
    } else if (p + 1 > lv->last_use[u]) {
      lv->last_use[u] = p + 1;
    }
  }
  while (nwork) {
    const ssa_block *bl = &f->blocks[lv->work[--nwork]];
    for (uint32_t k = 0; k < bl->npreds; k++) {
      uint32_t q = bl->preds[k].block;
      if (lv->out_of[q] == v)
        continue;
      lv->out_of[q] = v;
      if (q == d || lv->in_of[q] == v)
        continue;
      lv->in_of[q] = v;
      lv->work[nwork++] = q;
      if (!note_live_in(ra, lv, q, v))
        return false;
    }
  }
  /* where the range ends in each block: the block's end when the value is live out of it, else
   * just past its last use there */
  for (uint32_t k = first; k < lv->npairs; k++) {
    uint32_t b = lv->pairs[k].block;
    lv->pairs[k].end = lv->out_of[b] == v ? ra->end_pos[b] : lv->last_use[b];
  }
  if (lv->out_of[d] == v)
    def_end = ra->end_pos[d];
  it->ranges = arena_take(&ra->mem, (1 + lv->npairs - first) * sizeof *it->ranges);
  if (!it->ranges)
    return oom(ra);
  it->ranges[0] = (ra_range){dp, def_end};
  it->nranges = 1;
  return true;
}

static bool build_intervals(regalloc *ra)
{
  ssa_func *f = ra->f;
  liveness lv = {0};
  if (!make_intervals(ra, &lv))
    return false;
  uint32_t nb = f->nblocks ? f->nblocks : 1;
  lv.in_of = arena_take(&ra->mem, nb * sizeof *lv.in_of);
  lv.out_of = arena_take(&ra->mem, nb * sizeof *lv.out_of);
  lv.last_use = arena_take(&ra->mem, nb * sizeof *lv.last_use);
  lv.work = arena_take(&ra->mem, nb * sizeof *lv.work);
  ra->live_in_start = arena_alloc(&ra->mem, (f->nblocks + 1) * sizeof *ra->live_in_start);
  if (!lv.in_of || !lv.out_of || !lv.last_use || !lv.work || !ra->live_in_start)
    return oom(ra);
  memset(lv.in_of, 0xFF, nb * sizeof *lv.in_of);
  memset(lv.out_of, 0xFF, nb * sizeof *lv.out_of);
  uint64_t budget = (uint64_t)RA_LIVE_IN_PER_INST * f->ninsts + RA_LIVE_IN_MIN;
  lv.budget = budget < RA_LIVE_IN_MAX ? (uint32_t)budget : RA_LIVE_IN_MAX;
  /* values in increasing order, so that each block's live-in list comes out by value */
  bool ok = true;
  for (ssa_id v = 0; ok && v < f->ninsts; v++)
    if (ra->ival_of[v] != NONE32)
      ok = live_range(ra, &lv, v);
  if (!ok) {
    free(lv.pairs);
    return false;
  }
  /* the live-in pairs by block (a stable counting sort: by value within a block) */
  ra->nlive_in = lv.npairs;
  ra->live_in_pairs = arena_take(&ra->mem, (lv.npairs ? lv.npairs : 1) * sizeof *ra->live_in_pairs);
  uint32_t *end = arena_take(&ra->mem, (lv.npairs ? lv.npairs : 1) * sizeof *end);
  if (!ra->live_in_pairs || !end) {
    free(lv.pairs);
    return oom(ra);
  }
  for (uint32_t k = 0; k < lv.npairs; k++)
    ra->live_in_start[lv.pairs[k].block + 1]++;
  for (uint32_t b = 0; b < f->nblocks; b++)
    ra->live_in_start[b + 1] += ra->live_in_start[b];
  uint32_t *next = lv.work; /* free again: where the next pair of each block goes */
  memcpy(next, ra->live_in_start, f->nblocks * sizeof *next);
  for (uint32_t k = 0; k < lv.npairs; k++) {
    uint32_t at = next[lv.pairs[k].block]++;
    ra->live_in_pairs[at] = (ra_pair){lv.pairs[k].block, lv.pairs[k].value};
    end[at] = lv.pairs[k].end;
  }
  free(lv.pairs);
  /* the other ranges, block by block in layout order, so each interval's come out sorted;
   * ranges that touch (consecutive blocks the value lives through) become one */
  for (uint32_t i = 0; i < ra->norder; i++) {
    uint32_t b = ra->order[i], from = ra->header_pos[b];
    for (uint32_t k = ra->live_in_start[b]; k < ra->live_in_start[b + 1]; k++) {
      ra_ival *it = &ra->ivals[ra->ival_of[ra->live_in_pairs[k].value]];
      ra_range *last = &it->ranges[it->nranges - 1];
      if (from <= last->to) {
        if (end[k] > last->to)
          last->to = end[k];
      } else {
        it->ranges[it->nranges++] = (ra_range){from, end[k]};
      }
    }
  }
  return true;
}

/* ---- splitting ---------------------------------------------------------------------------- */

/* The block whose positions include p (binary search over the layout). */
static uint32_t block_at(const regalloc *ra, uint32_t p)
{
  uint32_t lo = 0, hi = ra->norder;
  while (lo + 1 < hi) {
    uint32_t mid = (lo + hi) / 2;
    if (ra->header_pos[ra->order[mid]] <= p)
      lo = mid;
    else
      hi = mid;
  }
  return ra->order[lo];
}

/* Where to split an interval that must be split somewhere in (min, max]: max itself when both
 * are in one block; otherwise the header of the block of lowest loop depth in between (the
 * latest of those), so the move lands outside as many loops as possible. */
static uint32_t choose_split(const regalloc *ra, uint32_t min, uint32_t max)
{
  /* the slot after a terminator is never reached: the one before it is */
  if ((max & 3) == 3) {
    ssa_id v = ra->inst_at[max / 4];
    if (v && (ssa_op_effects(ra->f->insts[v].op) & SSA_E_TERMINATOR))
      max -= 4;
  }
  uint32_t bmax = block_at(ra, max);
  if (ra->header_pos[bmax] <= min || max <= min)
    return max;
  uint32_t best = max, best_depth = ra->f->blocks[bmax].loop_depth;
  /* walk back over the blocks from bmax while their headers are > min (bounded, so a long
   * function does not make each split scan all of it) */
  uint32_t lo = 0, hi = ra->norder;
  while (lo + 1 < hi) {
    uint32_t mid = (lo + hi) / 2;
    if (ra->header_pos[ra->order[mid]] <= max)
      lo = mid;
    else
      hi = mid;
  }
  for (uint32_t i = lo, steps = 0; steps < 64; i--, steps++) {
    uint32_t b = ra->order[i];
    uint32_t h = ra->header_pos[b];
    if (h <= min)
      break;
    if (ra->f->blocks[b].loop_depth < best_depth) {
      best_depth = ra->f->blocks[b].loop_depth;
      best = h;
    }
    if (i == 0)
      break;
  }
  return best;
}

/* Splits interval i at position p (start of the new piece, a move point or a definition's
 * position); returns the new piece, which follows i in its value's chain.  NONE32 when i does
 * not extend past p. */
static uint32_t split_at(regalloc *ra, uint32_t i, uint32_t p)
{
  if (ival_end(&ra->ivals[i]) <= p || ival_start(&ra->ivals[i]) >= p)
    return NONE32;
  uint32_t c = new_ival(ra);
  if (c == NONE32)
    return NONE32;
  ra_ival *it = &ra->ivals[i], *ch = &ra->ivals[c];
  ch->value = it->value;
  ch->cls = it->cls;
  ch->type = it->type;
  ch->root = it->root;
  ch->hint = it->reg != RA_NOREG ? it->reg : it->hint;
  ch->hint_ival = it->hint_ival;
  /* ranges */
  uint32_t k = 0;
  while (k < it->nranges && it->ranges[k].to <= p)
    k++;
  bool cut = it->ranges[k].from < p;
  uint32_t nmove = it->nranges - k;
  ch->ranges = arena_dup(&ra->mem, it->ranges + k, nmove * sizeof *ch->ranges);
  if (!ch->ranges) {
    ra->nivals--;
    return NONE32;
  }
  ch->nranges = nmove;
  if (cut) {
    ch->ranges[0].from = p;
    it->ranges[k].to = p;
    it->nranges = k + 1;
  } else {
    it->nranges = k;
  }
  /* uses at or after p: the tail of the parent's slice */
  uint32_t u = 0;
  while (u < it->nuses && it->uses[u].pos < p)
    u++;
  ch->uses = it->uses + u;
  ch->nuses = it->nuses - u;
  it->nuses = u;
  ch->next = it->next;
  it->next = c;
  ra->nsplits++;
  return c;
}

/* ---- the unhandled queue: a binary heap by start --------------------------------------------- */

/* Each entry keeps its interval's start (which never changes once the interval exists), so
 * sifting compares keys without going through the interval's ranges. */
typedef struct heap_entry { uint32_t key, it; } heap_entry;
typedef struct heap { heap_entry *a; uint32_t n, cap; } heap;

static bool heap_push(regalloc *ra, heap *h, uint32_t it)
{
  if (!grow((void **)&h->a, &h->cap, h->n + 1, sizeof *h->a))
    return false;
  uint32_t i = h->n++;
  uint32_t key = ival_start(&ra->ivals[it]);
  while (i > 0) {
    uint32_t parent = (i - 1) / 2;
    if (h->a[parent].key <= key)
      break;
    h->a[i] = h->a[parent];
    i = parent;
  }
  h->a[i] = (heap_entry){key, it};
  return true;
}

static uint32_t heap_pop(heap *h)
{
  uint32_t top = h->a[0].it, i = 0;
  heap_entry last = h->a[--h->n];
  for (;;) {
    uint32_t l = 2 * i + 1, r = l + 1, m = i;
    uint32_t mk = last.key;
    if (l < h->n && h->a[l].key < mk) {
      m = l;
      mk = h->a[l].key;
    }
    if (r < h->n && h->a[r].key < mk)
      m = r;
    if (m == i)
      break;
    h->a[i] = h->a[m];
    i = m;
  }
  if (h->n)
    h->a[i] = last;
  return top;
}

/* ---- the scan ----------------------------------------------------------------------------- */

/* A block parameter and one of its arguments, seen from one end: `other` is the value at the
 * far end (the parameter when other_is_param), `edge_pos` the position of the edge's moves (its
 * source's terminator), `depth` the loop depth of the edge's source (how often it runs). */
typedef struct ra_copy { ssa_id other; uint32_t edge_pos, depth; bool other_is_param; } ra_copy;

typedef struct scan {
  regalloc *ra;
  heap unhandled;
  uint32_t *active, nactive, active_cap;
  uint32_t *inactive, ninactive, inactive_cap;
  /* the copies each value takes part in (as parameter or argument), by value:
   * copies[copy_start[v] .. copy_start[v + 1]], deepest edge first */
  ra_copy *copies;
  uint32_t *copy_start;
  /* try_free_reg's starting point per class: NONE32 for an allocatable register, else 0 */
  uint32_t free_init[RA_CLASSES][RA_MAX_REGS];
} scan;

static const ra_ival *piece_at(const regalloc *ra, ssa_id v, uint32_t p);

/* The copy graph of the block parameters: each argument with the parameter it flows into, both
 * ways round, so that a value can prefer the register of a value it is copied from or to (a
 * loop's parameter and the value its back edge passes, which then need no move). */
static bool build_copies(scan *s)
{
  regalloc *ra = s->ra;
  ssa_func *f = ra->f;
  uint32_t n = f->ninsts ? f->ninsts : 1;
  s->copy_start = arena_alloc(&ra->mem, (n + 1) * sizeof *s->copy_start);
  uint32_t *fill = arena_alloc(&ra->mem, n * sizeof *fill);
  if (!s->copy_start || !fill)
    return oom(ra);
  for (int pass = 0; pass < 2; pass++) {
    for (uint32_t i = 0; i < ra->norder; i++) {
      const ssa_block *bl = &f->blocks[ra->order[i]];
      for (uint32_t e = 0; e < bl->nsuccs; e++) {
        const ssa_edge *edge = &bl->succs[e];
        const ssa_id *args = ssa_edge_args(f, edge), *params = ssa_params(f, edge->block);
        for (uint32_t k = 0; k < edge->nargs; k++) {
          ssa_id ends[2] = {args[k], params[k]};
          if (ra->ival_of[ends[0]] == NONE32 || ra->ival_of[ends[1]] == NONE32 || ends[0] == ends[1])
            continue;
          for (int w = 0; w < 2; w++) {
            ssa_id v = ends[w];
            if (pass == 0) {
              s->copy_start[v + 1]++;
              continue;
            }
            /* deepest edge first (an insertion: a value has few copies) */
            ra_copy c = {ends[1 - w], ra->pos[bl->last], bl->loop_depth, w == 0};
            uint32_t lo = s->copy_start[v], j = lo + fill[v]++;
            while (j > lo && s->copies[j - 1].depth < c.depth) {
              s->copies[j] = s->copies[j - 1];
              j--;
            }
            s->copies[j] = c;
          }
        }
      }
    }
    if (pass == 0) {
      for (uint32_t v = 0; v < f->ninsts; v++)
        s->copy_start[v + 1] += s->copy_start[v];
      uint32_t total = s->copy_start[f->ninsts];
      if (!(s->copies = arena_take(&ra->mem, (total ? total : 1) * sizeof *s->copies)))
        return oom(ra);
    }
  }
  return true;
}

/* The register of the far end of copy c: a parameter's where its block starts it, an argument's
 * where it is at the edge.  RA_NOREG when on the stack or not allocated yet. */
static unsigned copy_reg(const regalloc *ra, const ra_copy *c)
{
  const ra_ival *it = c->other_is_param ? &ra->ivals[ra->ival_of[c->other]] : piece_at(ra, c->other, c->edge_pos);
  return it ? it->reg : RA_NOREG;
}

/* Whether register r is what another parameter of v's block, not allocated yet, would get from
 * a copy on an edge at least `depth` deep: two parameters whose arguments sit in each other's
 * registers on one edge and elsewhere on another would take the first edge's registers in turn
 * and leave the second a swap (fft's bit reversal, on its loop's exit). */
static bool contested(const scan *s, ssa_id v, unsigned r, uint32_t depth)
{
  const regalloc *ra = s->ra;
  ssa_func *f = ra->f;
  if (f->insts[v].op != SSA_PARAM)
    return false;
  uint32_t b = f->insts[v].block;
  for (uint32_t k = 0; k < f->blocks[b].nparams; k++) {
    ssa_id q = ssa_params(f, b)[k];
    if (q == v || ra->ival_of[q] == NONE32 || ra->ivals[ra->ival_of[q]].reg != RA_NOREG)
      continue;
    for (uint32_t j = s->copy_start[q]; j < s->copy_start[q + 1]; j++)
      if (s->copies[j].depth >= depth && copy_reg(ra, &s->copies[j]) == r)
        return true;
  }
  return false;
}

/* The register cur's copies would like, free for all of cur (free_until[r] >= end): that of a
 * value it is copied from or to, deepest edge first (at one depth, one no other parameter of the
 * block wants first); then, through a partner not allocated yet, that partner's own partners (a
 * value passed to a join's parameter that is passed on, round the loop, to the header's).
 * RA_NOREG when none is free. */
static unsigned copy_hint(const scan *s, ssa_id v, int cls, const uint32_t free_until[RA_MAX_REGS], uint32_t end)
{
  const regalloc *ra = s->ra;
  unsigned taken = RA_NOREG;
  uint32_t taken_depth = 0;
  for (uint32_t k = s->copy_start[v]; k < s->copy_start[v + 1]; k++) {
    const ra_copy *c = &s->copies[k];
    unsigned r = copy_reg(ra, c);
    if (r == RA_NOREG || free_until[r] < end)
      continue;
    if (taken != RA_NOREG && c->depth < taken_depth)
      break;
    if (!contested(s, v, r, c->depth))
      return r;
    if (taken == RA_NOREG)
      taken = r, taken_depth = c->depth;
  }
  if (taken != RA_NOREG)
    return taken;
  for (uint32_t k = s->copy_start[v]; k < s->copy_start[v + 1]; k++) {
    const ra_copy *c = &s->copies[k];
    if (ra->ivals[ra->ival_of[c->other]].reg != RA_NOREG)
      continue; /* (allocated: seen above) */
    for (uint32_t j = s->copy_start[c->other]; j < s->copy_start[c->other + 1]; j++) {
      const ra_copy *d = &s->copies[j];
      if (d->other == v)
        continue;
      unsigned r = copy_reg(ra, d);
      if (r != RA_NOREG && ra->ivals[ra->ival_of[d->other]].cls == cls && free_until[r] >= end)
        return r;
    }
  }
  return RA_NOREG;
}

/* The first clobber of register r (class c) that interval `it` covers, at or after `from`. */
static uint32_t first_clobber(const regalloc *ra, int c, unsigned r, const ra_ival *it, uint32_t from)
{
  const uint32_t *cl = ra->clobbers[c][r];
  uint32_t n = ra->nclobbers[c][r];
  if (!n)
    return NONE32;
  for (uint32_t k = 0; k < it->nranges; k++) {
    const ra_range *rg = &it->ranges[k];
    if (rg->to <= from)
      continue;
    uint32_t lo_pos = rg->from > from ? rg->from : from;
    uint32_t lo = 0, hi = n;
    while (lo < hi) {
      uint32_t mid = (lo + hi) / 2;
      if (cl[mid] < lo_pos)
        lo = mid + 1;
      else
        hi = mid;
    }
    if (lo < n && cl[lo] < rg->to)
      return cl[lo];
  }
  return NONE32;
}

/* Whether no instruction clobbers a register of class c, or uses one as scratch, anywhere from
 * `from` to the end of interval `it` (then first_clobber finds nothing for any register).  An
 * instruction at slot s does so at positions 4s to 4s + 2. */
static bool clobber_free(const regalloc *ra, int c, const ra_ival *it, uint32_t from)
{
  uint32_t lo = from <= 2 ? 0 : (from + 1) / 4, hi = (ival_end(it) + 3) / 4;
  return hi <= lo || ra->clobbering_before[c][hi] == ra->clobbering_before[c][lo];
}

static bool list_add(uint32_t **a, uint32_t *n, uint32_t *cap, uint32_t v)
{
  if (!grow((void **)a, cap, *n + 1, sizeof **a))
    return false;
  (*a)[(*n)++] = v;
  return true;
}

static uint32_t spill_slot(regalloc *ra, ssa_id v, uint8_t type)
{
  if (ra->slot_of[v] != NONE32)
    return ra->slot_of[v];
  uint32_t size = type == WLAB_V128 ? 16 : 8;
  ra->spill_bytes = (ra->spill_bytes + size - 1) & ~(size - 1);
  ra->slot_of[v] = ra->spill_bytes;
  ra->spill_bytes += size;
  ra->nspilled_values++;
  return ra->slot_of[v];
}

/* Puts interval i on the stack (its value gets a slot); its later uses that need a register
 * get a piece of their own, queued, starting after `min` (the scan's position: a piece queued
 * behind it would be allocated against intervals already retired). */
static bool spill_after(scan *s, uint32_t i, uint32_t min)
{
  regalloc *ra = s->ra;
  ra_ival *it = &ra->ivals[i];
  it->reg = RA_NOREG;
  spill_slot(ra, it->value, it->type);
  if (min < ival_start(it))
    min = ival_start(it);
  uint32_t u = next_use(it, min, true);
  if (u == NONE32)
    return true;
  /* reload before that use: the move point just before it, or earlier at a better block */
  uint32_t at = choose_split(ra, min, u - 1);
  if (at <= min)
    at = u - 1;
  uint32_t c = split_at(ra, i, at);
  if (c == NONE32)
    return ival_end(&ra->ivals[i]) <= at ? true : oom(ra);
  return heap_push(ra, &s->unhandled, c);
}

static bool spill(scan *s, uint32_t i) { return spill_after(s, i, 0); }

/* Whether v is a parameter of a block that ends in a return. */
static bool returns_param(const ssa_func *f, ssa_id v)
{
  if (f->insts[v].op != SSA_PARAM)
    return false;
  const ssa_block *bl = &f->blocks[f->insts[v].block];
  return f->insts[bl->last].op == IR_RETURN;
}

/* Whether every block interval `it` is live in is outside every loop. */
static bool outside_loops(const regalloc *ra, const ra_ival *it)
{
  for (uint32_t k = 0; k < it->nranges; k++)
    for (uint32_t p = it->ranges[k].from; p < it->ranges[k].to;) {
      uint32_t b = block_at(ra, p);
      if (ra->f->blocks[b].loop_depth)
        return false;
      p = ra->end_pos[b];
    }
  return true;
}

static bool try_free_reg(scan *s, uint32_t cur)
{
  regalloc *ra = s->ra;
  ra_ival *it = &ra->ivals[cur];
  int c = it->cls;
  uint32_t start = ival_start(it), end = ival_end(it);
  uint32_t free_until[RA_MAX_REGS];
  memcpy(free_until, s->free_init[c], sizeof free_until);
  for (uint32_t k = 0; k < s->nactive; k++) {
    const ra_ival *a = &ra->ivals[s->active[k]];
    if (a->cls == c)
      free_until[a->reg] = 0;
  }
  for (uint32_t k = 0; k < s->ninactive; k++) {
    const ra_ival *a = &ra->ivals[s->inactive[k]];
    if (a->cls != c || !free_until[a->reg])
      continue;
    uint32_t x = next_intersection(a, it, start);
    if (x != NONE32 && x < free_until[a->reg])
      free_until[a->reg] = x;
  }
  if (!clobber_free(ra, c, it, start))
    for (unsigned r = 0; r < RA_MAX_REGS; r++)
      if (free_until[r]) {
        uint32_t x = first_clobber(ra, c, r, it, start);
        if (x < free_until[r])
          free_until[r] = x;
      }
  /* the hint first, then any register free to the end (caller-saved before callee-saved), then
   * the one free the longest */
  unsigned hint = it->hint;
  if (it->hint_ival != NONE32 && ra->ivals[it->hint_ival].cls == c) {
    /* the hinted value's piece where cur starts (an operand reloaded for the instruction that
     * defines cur is in its reload register there, not in its first piece's) */
    const ra_ival *h = piece_at(ra, ra->ivals[it->hint_ival].value, start > 2 ? start - 2 : 0);
    if (h && h->reg != RA_NOREG)
      hint = h->reg;
    else if (ra->ivals[it->hint_ival].reg != RA_NOREG)
      hint = ra->ivals[it->hint_ival].reg;
  }
  /* a piece split off keeps its parent's register if it can; then a register that saves a copy
   * into or out of a block parameter; then the operand's the result would like */
  int best = -1;
  bool from_copy = false;
  if (it->hint != RA_NOREG && free_until[it->hint] >= end)
    best = (int)it->hint;
  if (best < 0) {
    unsigned r = copy_hint(s, it->value, c, free_until, end);
    if (r != RA_NOREG)
      best = (int)r, from_copy = true;
  }
  if (best < 0 && hint != RA_NOREG && free_until[hint] >= end)
    best = (int)hint;
  static const uint8_t gpr_order[] = {0, 1, 2, 6, 7, 8, 9, 10, 11, 3, 5, 12, 13, 14, 15, 4};
  /* Outside loops, a parameter of a join that returns gives up rbx or rbp, hinted by a copy
   * partner, for a caller-saved register free for its whole interval: the copy this may cost
   * runs once, and a path that keeps out of rbx and rbp can run without the native frame
   * (shrink-wrapping, opt/emit.c: fib's early return, whose result would otherwise take the
   * register of the sum the recursive path returns).  Not for other joins, nor for an
   * operand's hint: fannkuch's JIT code ran 0.6% more instructions with those. */
  if (from_copy && c == RA_GPR && (best == 3 || best == 5) && returns_param(ra->f, it->value) && it->root == cur &&
      outside_loops(ra, it))
    for (unsigned k = 0; k < 9; k++)
      if (free_until[gpr_order[k]] >= end) {
        best = (int)gpr_order[k];
        break;
      }
  for (unsigned k = 0; best < 0 && k < RA_MAX_REGS; k++) {
    unsigned r = c == RA_GPR ? gpr_order[k] : k;
    if (free_until[r] >= end)
      best = (int)r;
  }
  if (best < 0) {
    for (unsigned r = 0; r < RA_MAX_REGS; r++)
      if (free_until[r] && (best < 0 || free_until[r] > free_until[best]))
        best = (int)r;
    if (hint != RA_NOREG && best >= 0 && free_until[hint] == free_until[best])
      best = (int)hint;
  }
  if (best < 0 || free_until[best] <= start + 1)
    return false;
  if (free_until[best] < end) {
    /* free for a while: take it up to a split point before it stops being free */
    uint32_t limit = free_until[best];
    uint32_t max = (limit & ~3u) - 1; /* the move point before the instruction at or before limit */
    if (max <= start || max >= limit)
      return false;
    uint32_t at = choose_split(ra, start, max);
    uint32_t ch = split_at(ra, cur, at);
    if (ch == NONE32)
      return false;
    if (!heap_push(ra, &s->unhandled, ch))
      return oom(ra);
    it = &ra->ivals[cur];
  }
  it->reg = (uint8_t)best;
  return true;
}

/* Where an interval evicted at `cut` should leave its register: at the header of the outermost
 * loop around `cut` it is live into and not used in between, rather than at `cut` itself.  Cut
 * inside the loop, the piece before the cut holds the register at the header, so every back
 * edge would reload the value from its slot for a loop that never reads it; cut at the header,
 * the value stays in its slot through the loop and comes back once, at its next use. */
static uint32_t eviction_point(const regalloc *ra, const ra_ival *it, uint32_t cut)
{
  const ssa_func *f = ra->f;
  uint32_t best = cut;
  uint32_t h = f->blocks[block_at(ra, cut)].loop_header;
  while (h != SSA_NO_BLOCK) {
    uint32_t hp = ra->header_pos[h];
    if (hp <= ival_start(it) || !covers(it, hp) || next_use(it, hp, false) < cut)
      break;
    best = hp;
    /* the loop around h: up the dominator tree to a block of smaller depth */
    uint32_t y = h;
    while (y != f->entry && f->blocks[y].loop_depth >= f->blocks[h].loop_depth)
      y = f->blocks[y].idom;
    h = f->blocks[y].loop_depth ? f->blocks[y].loop_header : SSA_NO_BLOCK;
  }
  return best;
}

/* Inside a loop, the register to take when none is free: one whose holder the loop never reads.
 * Its holder leaves the register at the loop's header (eviction_point) and comes back after the
 * loop, once per entry; the rule by next use alone could spill cur instead (a store and a load
 * on every iteration: a compare's result the next instruction reads from its slot, mainloop's
 * hot loop), or evict a value the loop does read, because its read comes earlier in the body
 * than cur and so "never" again in positions, which reloads it on every back edge.  The loop's
 * blocks are contiguous (loop_order), from its header to its last back edge; a holder must have
 * held the register since before the header and have no use (nor a clobber) in that stretch.
 * -1 when cur does not start inside a loop or no register qualifies. */
static int idle_in_loop(scan *s, uint32_t cur, const uint32_t use_pos[RA_MAX_REGS])
{
  regalloc *ra = s->ra;
  const ssa_func *f = ra->f;
  const ra_ival *it = &ra->ivals[cur];
  uint32_t start = ival_start(it);
  uint32_t h = f->blocks[block_at(ra, start)].loop_header;
  if (h == SSA_NO_BLOCK)
    return -1;
  uint32_t head = ra->header_pos[h], end = 0;
  for (uint32_t q = 0; q < f->blocks[h].npreds; q++) {
    uint32_t p = f->blocks[h].preds[q].block;
    if (ssa_dominates(f, h, p) && ra->end_pos[p] > end)
      end = ra->end_pos[p];
  }
  if (end <= start)
    return -1;
  bool busy[RA_MAX_REGS] = {0}, held[RA_MAX_REGS] = {0};
  for (int list = 0; list < 2; list++) {
    const uint32_t *v = list ? s->inactive : s->active;
    uint32_t n = list ? s->ninactive : s->nactive;
    for (uint32_t k = 0; k < n; k++) {
      const ra_ival *a = &ra->ivals[v[k]];
      if (a->cls != it->cls)
        continue;
      held[a->reg] |= !list;
      if (ival_start(a) >= head || next_use(a, head, false) < end)
        busy[a->reg] = true;
    }
  }
  int best = -1;
  for (unsigned r = 0; r < RA_MAX_REGS; r++)
    if (held[r] && !busy[r] && use_pos[r] >= end && (best < 0 || use_pos[r] > use_pos[best]))
      best = (int)r;
  return best;
}

/* Whether a value only ever read from wherever it is (no use that needs a register) should still
 * take register r from its holders: when it is passed to a block parameter (which can then take
 * the same register, a copy that costs nothing), the holders need r for none of cur's life
 * (their next use, use_pos, is past its end), and each holder's value is stored already or is
 * defined outside cur's loop, so that moving it to the stack costs at most one load, where
 * spilling cur would cost a store and a load on every pass through it (matmul's inner loop
 * entry: two values computed, stored and read back on every iteration of the middle loop). */
static bool cheap_eviction(const scan *s, uint32_t cur, unsigned r, uint32_t use_pos)
{
  const regalloc *ra = s->ra;
  const ssa_func *f = ra->f;
  const ra_ival *it = &ra->ivals[cur];
  ssa_id v = it->value;
  bool copied = false;
  for (uint32_t k = s->copy_start[v]; k < s->copy_start[v + 1] && !copied; k++)
    copied = s->copies[k].other_is_param;
  if (!copied || use_pos < ival_end(it))
    return false;
  uint32_t depth = f->blocks[block_at(ra, ival_start(it))].loop_depth;
  for (int list = 0; list < 2; list++) {
    const uint32_t *a = list ? s->inactive : s->active;
    uint32_t n = list ? s->ninactive : s->nactive;
    for (uint32_t k = 0; k < n; k++) {
      const ra_ival *h = &ra->ivals[a[k]];
      if (h->cls != it->cls || h->reg != r)
        continue;
      if (ra->slot_of[h->value] == NONE32 && f->blocks[f->insts[h->value].block].loop_depth >= depth)
        return false;
    }
  }
  return true;
}

/* A register for a value whose uses all take it from wherever it is (a memory operand will do),
 * taken from its holders, or -1.  Spilled at its definition, such a value costs a store and a
 * load right away, a store-to-load round trip on the critical path when the load comes within a
 * few instructions (sha256's rounds: a rotate's result stored, then xor'ed from its slot).  The
 * holders pay instead with a reload at their next use, and a store where they are defined if
 * they have no slot yet, so the trade is taken only where it cannot cost more than it saves:
 * - cur starts at its definition (a later piece has its store made already) and its first use is
 *   within 16 positions (about four instructions) in its own block b, and
 *   cur is not a value the emitter folds into the instruction after it (a shift into a lea, a
 *   compare into a branch: never written, its "spill" costs nothing);
 * - each holder's next use is after cur's last one and in b, so its reload runs exactly as often
 *   as the round trip it replaces, never in a block of the loop that b is one case of (bytecode's
 *   dispatch loop: a case block taking the register of a value the loop carries reloaded it on
 *   every iteration, through every other case);
 * - each holder has a slot already, or is defined in b (its store runs as often as b does), and
 *   its next use is more than 16 positions after its definition, where it is stored: else the
 *   eviction only moves the round trip to the holder (fannkuch's flip loop: a difference stored
 *   and read back by the compare four instructions on, for a shift that needed no register).
 * Of the registers that qualify, the one whose holders are needed last (Wimmer and Franz). */
static int soon_used(const scan *s, uint32_t cur, const uint32_t use_pos[RA_MAX_REGS])
{
  const regalloc *ra = s->ra;
  const ssa_func *f = ra->f;
  const ra_ival *it = &ra->ivals[cur];
  if (it->root != cur || ra->info[it->value].folds_into_next)
    return -1;
  uint32_t start = ival_start(it), end = ival_end(it), u = next_use(it, start, false);
  uint32_t b = block_at(ra, start);
  if (u == NONE32 || u - start > 16 || u >= ra->end_pos[b])
    return -1;
  bool bad[RA_MAX_REGS] = {0};
  for (int list = 0; list < 2; list++) {
    const uint32_t *v = list ? s->inactive : s->active;
    uint32_t n = list ? s->ninactive : s->nactive;
    for (uint32_t k = 0; k < n; k++) {
      const ra_ival *h = &ra->ivals[v[k]];
      if (h->cls != it->cls || (list && next_intersection(h, it, start) == NONE32))
        continue;
      uint32_t hu = next_use(h, start, false);
      ssa_id hv = h->value;
      uint32_t hb = f->insts[hv].block;
      if (hu == NONE32 || hu < end || hu >= ra->end_pos[b] || (ra->slot_of[hv] == NONE32 && hb != b) ||
          hu - def_pos(ra, hv) <= 16)
        bad[h->reg] = true;
    }
  }
  int best = -1;
  for (unsigned r = 0; r < RA_MAX_REGS; r++)
    if (!bad[r] && use_pos[r] > end && use_pos[r] != NONE32 && (best < 0 || use_pos[r] > use_pos[best]))
      best = (int)r;
  return best;
}

/* In an OSR version, a register for a value the loop carries (passed to its own loop's header)
 * that needs none for any one use, taken from the OSR entry's parameters, or -1.  Those are the
 * frame slots loaded at the entry, all live from its first position, so they hold the registers
 * before anything in the loop asks; spilling cur instead stores and reloads it on every
 * iteration (bytecode's dispatch loop: pc + 3, stored in each opcode's block and read back at
 * the header, where the normal code keeps it in a register).  An entry parameter evicted is
 * stored once, at the entry, and reloaded at its next use.  Of the registers whose holders are
 * all entry parameters, the one needed last (Wimmer and Franz), if after cur's start.  Only in
 * the loop the entry jumps to, where its parameters crowd the registers: in the loops after it
 * (lu's and fft's OSR versions run the rest of main) the trade cost 0.1% more instructions. */
static int osr_entry_eviction(const scan *s, uint32_t cur, const uint32_t use_pos[RA_MAX_REGS])
{
  const regalloc *ra = s->ra;
  const ssa_func *f = ra->f;
  const ra_ival *it = &ra->ivals[cur];
  if (!f->osr)
    return -1;
  uint32_t start = ival_start(it);
  uint32_t h = f->blocks[block_at(ra, start)].loop_header;
  if (h == SSA_NO_BLOCK || f->blocks[f->entry].nsuccs != 1 || f->blocks[f->entry].succs[0].block != h)
    return -1;
  bool carried = false;
  for (uint32_t k = s->copy_start[it->value]; k < s->copy_start[it->value + 1] && !carried; k++)
    carried = s->copies[k].other_is_param && f->blocks[f->insts[s->copies[k].other].block].loop_depth;
  if (!carried)
    return -1;
  bool bad[RA_MAX_REGS] = {0}, held[RA_MAX_REGS] = {0};
  for (int list = 0; list < 2; list++) {
    const uint32_t *v = list ? s->inactive : s->active;
    uint32_t n = list ? s->ninactive : s->nactive;
    for (uint32_t k = 0; k < n; k++) {
      const ra_ival *a = &ra->ivals[v[k]];
      if (a->cls != it->cls || (list && next_intersection(a, it, start) == NONE32))
        continue;
      ssa_id av = a->value;
      held[a->reg] = true;
      if (f->insts[av].op != SSA_PARAM || f->insts[av].block != f->entry)
        bad[a->reg] = true;
    }
  }
  int best = -1;
  for (unsigned r = 0; r < RA_MAX_REGS; r++)
    if (held[r] && !bad[r] && use_pos[r] > start + 1 && (best < 0 || use_pos[r] > use_pos[best]))
      best = (int)r;
  return best;
}

static bool alloc_blocked(scan *s, uint32_t cur)
{
  regalloc *ra = s->ra;
  ra_ival *it = &ra->ivals[cur];
  int c = it->cls;
  uint32_t start = ival_start(it);
  uint32_t use_pos[RA_MAX_REGS], block_pos[RA_MAX_REGS];
  for (unsigned r = 0; r < RA_MAX_REGS; r++)
    use_pos[r] = block_pos[r] = ra->allocatable[c] >> r & 1 ? NONE32 : 0;
  for (uint32_t k = 0; k < s->nactive; k++) {
    const ra_ival *a = &ra->ivals[s->active[k]];
    if (a->cls != c)
      continue;
    uint32_t u = next_use(a, start, false);
    if (u < use_pos[a->reg])
      use_pos[a->reg] = u;
  }
  for (uint32_t k = 0; k < s->ninactive; k++) {
    const ra_ival *a = &ra->ivals[s->inactive[k]];
    if (a->cls != c || next_intersection(a, it, start) == NONE32)
      continue;
    uint32_t u = next_use(a, start, false);
    if (u < use_pos[a->reg])
      use_pos[a->reg] = u;
  }
  bool no_clobber = clobber_free(ra, c, it, start);
  for (unsigned r = 0; r < RA_MAX_REGS && !no_clobber; r++)
    if (block_pos[r]) {
      uint32_t x = first_clobber(ra, c, r, it, start);
      if (x < block_pos[r])
        block_pos[r] = x;
      if (x < use_pos[r])
        use_pos[r] = x;
    }
  int best = -1;
  for (unsigned r = 0; r < RA_MAX_REGS; r++)
    if (use_pos[r] && (best < 0 || use_pos[r] > use_pos[best]))
      best = (int)r;
  uint32_t first_reg_use = next_use(it, start, true);
  int idle = idle_in_loop(s, cur, use_pos), soon;
  if (idle >= 0) {
    best = idle;
    first_reg_use = start + 2; /* (taken: no reason below to spill cur) */
  } else if (first_reg_use == NONE32 && best >= 0 && cheap_eviction(s, cur, (unsigned)best, use_pos[best])) {
    first_reg_use = start + 2; /* (taken: the holder's move to the stack costs nothing) */
  } else if (first_reg_use == NONE32 && (soon = osr_entry_eviction(s, cur, use_pos)) >= 0) {
    best = soon;
    first_reg_use = start + 2; /* (taken: an entry parameter reloads once per use, not per iteration) */
  } else if (first_reg_use == NONE32 && (soon = soon_used(s, cur, use_pos)) >= 0) {
    best = soon;
    first_reg_use = start + 2; /* (taken: a register for a few instructions beats a store and a load) */
  }
  if (best < 0 || (first_reg_use != NONE32 && use_pos[best] < first_reg_use) || first_reg_use == NONE32 ||
      use_pos[best] <= start + 1) {
    /* every register is needed sooner than this interval needs one: it goes to the stack */
    return spill(s, cur);
  }
  it->reg = (uint8_t)best;
  if (block_pos[best] < ival_end(it)) {
    uint32_t max = (block_pos[best] & ~3u) - 1;
    if (max <= start)
      return spill(s, cur);
    uint32_t ch = split_at(ra, cur, choose_split(ra, start, max));
    if (ch != NONE32 && !heap_push(ra, &s->unhandled, ch))
      return oom(ra);
  }
  /* the intervals holding the register from here on move to the stack (and come back at
   * their next use).  When cur is a block parameter (defined at header + 2) they leave the
   * register at the header itself: a piece still in the register over [header, header + 2)
   * would be where the block's incoming edges put the value, on top of the parameter. */
  uint32_t cut = start;
  if ((start & 3) == 2 && ra->inst_at[start / 4] == SSA_NONE)
    cut = start & ~3u;
  it = &ra->ivals[cur];
  for (uint32_t k = 0; k < s->nactive;) {
    uint32_t a = s->active[k];
    if (ra->ivals[a].cls != c || ra->ivals[a].reg != best) {
      k++;
      continue;
    }
    s->active[k] = s->active[--s->nactive];
    uint32_t at = eviction_point(ra, &ra->ivals[a], cut);
    uint32_t ch = split_at(ra, a, at);
    if (ch != NONE32 && !spill_after(s, ch, cut))
      return false;
    if (ch == NONE32 && ival_start(&ra->ivals[a]) >= at && !spill_after(s, a, cut))
      return false;
  }
  for (uint32_t k = 0; k < s->ninactive;) {
    uint32_t a = s->inactive[k];
    if (ra->ivals[a].cls != c || ra->ivals[a].reg != best) {
      k++;
      continue;
    }
    uint32_t x = next_intersection(&ra->ivals[a], &ra->ivals[cur], cut);
    if (x == NONE32) {
      k++;
      continue;
    }
    s->inactive[k] = s->inactive[--s->ninactive];
    /* it is in a hole now: the piece from here on is spilled and reloaded at its next use */
    uint32_t ch = split_at(ra, a, cut);
    if (ch != NONE32 && !spill(s, ch))
      return false;
  }
  return true;
}

static bool linear_scan(regalloc *ra)
{
  scan s = {.ra = ra};
  bool ok = false;
  if (!build_copies(&s))
    return false;
  for (int c = 0; c < RA_CLASSES; c++)
    for (unsigned r = 0; r < RA_MAX_REGS; r++)
      s.free_init[c][r] = ra->allocatable[c] >> r & 1 ? NONE32 : 0;
  for (uint32_t i = 0; i < ra->nivals; i++)
    if (!heap_push(ra, &s.unhandled, i))
      goto out;
  while (s.unhandled.n) {
    uint32_t cur = heap_pop(&s.unhandled);
    if (ra->ivals[cur].reg != RA_NOREG || !ra->ivals[cur].nranges)
      continue;
    uint32_t pos = ival_start(&ra->ivals[cur]);
    for (uint32_t k = 0; k < s.nactive;) {
      uint32_t a = s.active[k];
      if (ival_end(&ra->ivals[a]) <= pos) {
        s.active[k] = s.active[--s.nactive];
      } else if (!covers_scan(&ra->ivals[a], pos)) {
        s.active[k] = s.active[--s.nactive];
        if (!list_add(&s.inactive, &s.ninactive, &s.inactive_cap, a))
          goto out;
      } else {
        k++;
      }
    }
    for (uint32_t k = 0; k < s.ninactive;) {
      uint32_t a = s.inactive[k];
      if (ival_end(&ra->ivals[a]) <= pos) {
        s.inactive[k] = s.inactive[--s.ninactive];
      } else if (covers_scan(&ra->ivals[a], pos)) {
        s.inactive[k] = s.inactive[--s.ninactive];
        if (!list_add(&s.active, &s.nactive, &s.active_cap, a))
          goto out;
      } else {
        k++;
      }
    }
    if (!try_free_reg(&s, cur)) {
      if (ra->f->error[0] || !alloc_blocked(&s, cur))
        goto out;
    }
    if (ra->ivals[cur].reg != RA_NOREG && !list_add(&s.active, &s.nactive, &s.active_cap, cur))
      goto out;
  }
  ok = !ra->f->error[0];
out:
  free(s.unhandled.a);
  free(s.active);
  free(s.inactive);
  return ok || oom(ra);
}

/* ---- locations and moves ------------------------------------------------------------------ */

static ra_loc loc_of_piece(const regalloc *ra, const ra_ival *it)
{
  ra_loc l = {RA_LOC_REG, it->cls, it->reg, 0};
  if (it->reg == RA_NOREG) {
    l.kind = RA_LOC_STACK;
    l.reg = RA_NOREG;
    l.offset = ra->slot_of[it->value];
  }
  return l;
}

/* The piece of split root i's chain in force at p, once the pieces are indexed: the last one
 * starting at or before p (the root when none does), the one found last time or the next (the
 * emitter asks in layout order), else by binary search. */
static inline const ra_ival *indexed_piece(const regalloc *ra, uint32_t i, uint32_t p)
{
  const uint32_t *from = ra->piece_from + ra->piece_first[i];
  uint32_t k = ra->piece_cursor[i], n = ra->piece_count[i];
  if (from[k] <= p && k + 1 < n && from[k + 1] <= p)
    k++;
  if (!(from[k] <= p && (k + 1 == n || from[k + 1] > p))) {
    uint32_t lo = 1, hi = n;
    while (lo < hi) {
      uint32_t mid = (lo + hi) / 2;
      if (from[mid] <= p)
        lo = mid + 1;
      else
        hi = mid;
    }
    k = lo - 1;
  }
  ra->piece_cursor[i] = k;
  return &ra->ivals[ra->piece_ival[ra->piece_first[i] + k]];
}

/* The piece of v's chain in force at p: the last one starting at or before p. */
static const ra_ival *piece_at(const regalloc *ra, ssa_id v, uint32_t p)
{
  uint32_t i = ra->ival_of[v];
  if (i == NONE32)
    return NULL;
  const ra_ival *found = &ra->ivals[i];
  if (found->next == NONE32)
    return found;
  if (ra->piece_first)
    return indexed_piece(ra, i, p);
  for (uint32_t k = ra->ivals[i].next; k != NONE32; k = ra->ivals[k].next) {
    if (ival_start(&ra->ivals[k]) > p)
      break;
    found = &ra->ivals[k];
  }
  return found;
}

ra_loc ra_where(const regalloc *ra, ssa_id v, uint32_t p)
{
  const ra_ival *it = piece_at(ra, v, p);
  if (!it)
    return (ra_loc){RA_LOC_NONE, ra_class_of(ra->f->insts[v].type), RA_NOREG, 0};
  return loc_of_piece(ra, it);
}

/* The index piece_at searches once the pieces are final (after the scan). */
static bool index_pieces(regalloc *ra)
{
  uint32_t n = ra->nivals ? ra->nivals : 1;
  uint32_t *first = arena_take(&ra->mem, n * sizeof *first), *count = arena_take(&ra->mem, n * sizeof *count);
  uint32_t *from = arena_take(&ra->mem, n * sizeof *from), *ival = arena_take(&ra->mem, n * sizeof *ival);
  uint32_t *cursor = arena_take(&ra->mem, n * sizeof *cursor);
  if (!first || !count || !from || !ival || !cursor)
    return oom(ra);
  uint32_t at = 0;
  for (uint32_t i = 0; i < ra->nivals; i++) {
    if (ra->ivals[i].root != i || ra->ivals[i].next == NONE32)
      continue;
    first[i] = at;
    for (uint32_t k = i; k != NONE32; k = ra->ivals[k].next) {
      from[at] = ival_start(&ra->ivals[k]);
      ival[at++] = k;
    }
    count[i] = at - first[i];
    cursor[i] = 0;
  }
  ra->piece_first = first;
  ra->piece_count = count;
  ra->piece_from = from;
  ra->piece_ival = ival;
  ra->piece_cursor = cursor;
  return true;
}

static bool same_loc(ra_loc a, ra_loc b)
{
  return a.kind == b.kind && (a.kind == RA_LOC_REG ? a.cls == b.cls && a.reg == b.reg : a.offset == b.offset);
}

/* ---- where spilled values are stored -------------------------------------------------------- */

/*
 * By default a value with a piece on the stack is stored to its slot right after its
 * definition, and every later move to the stack is free.  That store runs as often as the
 * definition: for a value defined in a loop and sent to the stack only after it (a sum kept in
 * a register through the loop, spilled at a call after it) it runs every iteration, for a slot
 * read once per loop.  Such a value is stored where it goes to the stack instead: at each point
 * where a piece on the stack follows one in a register, inside a block (the move point of the
 * split) or on an edge (the edge's moves).  The pieces of a value are its locations along every
 * path, so every path to a read of the slot passes one of those stores.  The choice is made
 * when all of those points are at a smaller loop depth than the definition, so the stores run
 * less often than the one they replace.
 */

/* The move point at which a piece starting at p inside a block takes over: p for a move slot;
 * for a piece that starts at an instruction's result (evicted by it), the slot before that
 * instruction, where the value is still in the register the instruction is about to write. */
static inline uint32_t takeover_point(uint32_t p) { return (p & 3) == 3 ? p : (p & ~3u) - 1; }

static inline uint32_t depth_of(const regalloc *ra, uint32_t p)
{
  return ra->f->blocks[block_at(ra, p)].loop_depth;
}

static bool place_stores(regalloc *ra)
{
  ssa_func *f = ra->f;
  uint32_t n = f->ninsts ? f->ninsts : 1;
  ra->store_late = arena_alloc(&ra->mem, n);
  /* per candidate: 1 + the deepest loop depth at which it would be stored (0: nowhere yet) */
  uint32_t *deepest = arena_alloc(&ra->mem, n * sizeof *deepest);
  if (!ra->store_late || !deepest)
    return oom(ra);
  bool any = false;
  for (ssa_id v = 1; v < f->ninsts; v++) {
    uint32_t i = ra->ival_of[v];
    if (i == NONE32 || ra->slot_of[v] == NONE32 || ra->ivals[i].reg == RA_NOREG || !depth_of(ra, def_pos(ra, v)))
      continue;
    ra->store_late[v] = 1; /* a candidate, for now */
    any = true;
  }
  if (!any)
    return true;
  /* the splits inside blocks from a register to the stack */
  for (uint32_t i = 0; i < ra->nivals; i++) {
    const ra_ival *it = &ra->ivals[i];
    uint32_t p = it->nranges ? ival_start(it) : 0;
    if (it->root == i || it->reg != RA_NOREG || !ra->store_late[it->value] || (p & 3) == 0)
      continue;
    uint32_t q = takeover_point(p);
    if (ra_where(ra, it->value, q - 1).kind != RA_LOC_REG)
      continue;
    uint32_t d = depth_of(ra, q) + 1;
    if (d > deepest[it->value])
      deepest[it->value] = d;
  }
  /* the edges where it is in a register at the end of the predecessor and on the stack at the
   * start of the successor (the moves go to the predecessor's end when it has one successor,
   * else to the successor's start: lower.c keeps edges non-critical) */
  for (uint32_t k = 0; k < ra->norder; k++) {
    uint32_t b = ra->order[k];
    for (uint32_t e = 0; e < f->blocks[b].nsuccs; e++) {
      uint32_t to = f->blocks[b].succs[e].block;
      uint32_t d = f->blocks[f->blocks[b].nsuccs == 1 ? b : to].loop_depth + 1;
      for (uint32_t q = ra->live_in_start[to]; q < ra->live_in_start[to + 1]; q++) {
        ssa_id v = ra->live_in_pairs[q].value;
        if (!ra->store_late[v] || d <= deepest[v])
          continue;
        if (ra_where(ra, v, ra->header_pos[to]).kind == RA_LOC_STACK &&
            ra_where(ra, v, ra->end_pos[b] - 1).kind == RA_LOC_REG)
          deepest[v] = d;
      }
    }
  }
  for (ssa_id v = 1; v < f->ninsts; v++)
    if (ra->store_late[v]) {
      ra->store_late[v] = deepest[v] <= depth_of(ra, def_pos(ra, v));
      ra->nstored_late += ra->store_late[v];
    }
  return true;
}

/* The moves as collect_moves finds them, with their positions. */
typedef struct move_list { ra_move *a; uint32_t *pos; uint32_t n, cap; } move_list;

static bool add_move(move_list *l, uint32_t p, ra_loc from, ra_loc to, uint8_t type, ssa_id v)
{
  uint32_t cap = l->cap;
  if (!grow((void **)&l->a, &l->cap, l->n + 1, sizeof *l->a))
    return false;
  if (l->cap != cap) {
    uint32_t *mp = realloc(l->pos, l->cap * sizeof *mp);
    if (!mp)
      return false;
    l->pos = mp;
  }
  l->a[l->n] = (ra_move){from, to, type, v};
  l->pos[l->n++] = p;
  return true;
}

/* The moves inside blocks: a piece starting at an instruction's move slot in a register
 * (reloads and register-to-register moves), and the store of every spilled value after its
 * definition, or for one stored late where a piece on the stack follows one in a register. */
static bool collect_moves(regalloc *ra)
{
  move_list l = {0};
  for (uint32_t i = 0; i < ra->nivals; i++) {
    const ra_ival *it = &ra->ivals[i];
    if (it->root != i) {
      /* a piece cut inside a range (its start is an instruction's move slot) in a register:
       * the value was live just before, in the previous piece's location.  Pieces starting at
       * a header get their moves on the edges; pieces starting on the stack need none, the
       * value having been stored at its definition. */
      uint32_t p = ival_start(it);
      if (it->reg == RA_NOREG && ra->store_late[it->value] && (p & 3) != 0) {
        uint32_t q = takeover_point(p);
        ra_loc from = ra_where(ra, it->value, q - 1);
        ra_loc slot = {RA_LOC_STACK, it->cls, RA_NOREG, ra->slot_of[it->value]};
        if (from.kind == RA_LOC_REG && !add_move(&l, q, from, slot, it->type, it->value))
          goto nomem;
        continue;
      }
      if ((p & 3) != 3 || it->reg == RA_NOREG)
        continue;
      const ra_ival *prev = piece_at(ra, it->value, p - 1);
      if (!prev || prev == it)
        continue;
      ra_loc from = loc_of_piece(ra, prev), to = loc_of_piece(ra, it);
      if (!same_loc(from, to) && !add_move(&l, p, from, to, it->type, it->value))
        goto nomem;
      continue;
    }
    /* a root: the spill store after the definition when any piece is on the stack */
    if (ra->slot_of[it->value] == NONE32 || it->reg == RA_NOREG || ra->store_late[it->value])
      continue;
    uint32_t p = def_pos(ra, it->value) + 1; /* header + 3, or the instruction's move slot */
    ra_loc slot = {RA_LOC_STACK, it->cls, RA_NOREG, ra->slot_of[it->value]};
    if (!add_move(&l, p, loc_of_piece(ra, it), slot, it->type, it->value))
      goto nomem;
  }
  /* by slot (every move is at a slot's 4s + 3), in the order found within one slot: a stable
   * counting sort */
  uint32_t nslots = ra->npos / 4;
  ra->nmoves = l.n;
  ra->moves = arena_take(&ra->mem, (l.n ? l.n : 1) * sizeof *ra->moves);
  ra->move_start = arena_alloc(&ra->mem, (nslots + 2) * sizeof *ra->move_start);
  if (!ra->moves || !ra->move_start)
    goto nomem;
  for (uint32_t i = 0; i < l.n; i++)
    ra->move_start[l.pos[i] / 4 + 2]++;
  for (uint32_t k = 2; k <= nslots + 1; k++)
    ra->move_start[k] += ra->move_start[k - 1];
  for (uint32_t i = 0; i < l.n; i++)
    ra->moves[ra->move_start[l.pos[i] / 4 + 1]++] = l.a[i];
  free(l.a);
  free(l.pos);
  return true;
nomem:
  free(l.a);
  free(l.pos);
  return oom(ra);
}

/* ---- sequencing parallel moves -------------------------------------------------------------- */

uint32_t ra_sequence(const ra_move *in, uint32_t n, const ra_loc scratch[RA_CLASSES], ra_move *out, uint32_t max)
{
  ra_move pending[64];
  uint32_t np = 0, nout = 0;
  if (n > 64)
    return UINT32_MAX; /* the caller splits larger sets (never happens: few values meet) */
  for (uint32_t i = 0; i < n; i++)
    if (!same_loc(in[i].from, in[i].to) || in[i].from.kind == RA_LOC_NONE)
      pending[np++] = in[i];
  while (np) {
    bool progress = false;
    for (uint32_t i = 0; i < np;) {
      bool read_later = false;
      for (uint32_t j = 0; j < np && !read_later; j++)
        read_later = j != i && pending[j].from.kind != RA_LOC_NONE && same_loc(pending[j].from, pending[i].to);
      if (read_later) {
        i++;
        continue;
      }
      if (nout == max)
        return UINT32_MAX;
      out[nout++] = pending[i];
      pending[i] = pending[--np];
      progress = true;
    }
    if (progress || !np)
      continue;
    /* only cycles are left: save one destination in the scratch register and let the moves
     * that read it read the scratch instead */
    ra_loc d = pending[0].to;
    ra_loc tmp = scratch[d.cls];
    if (nout == max)
      return UINT32_MAX;
    /* the value saved is the one d holds now, read by another move of the cycle: its type, not
     * that of the move into d (an i32 moving into the register of an i64 would save the i64's
     * low half only) */
    uint8_t held = pending[0].type;
    ssa_id held_value = pending[0].value;
    for (uint32_t j = 0; j < np; j++)
      if (same_loc(pending[j].from, d)) {
        held = pending[j].type;
        held_value = pending[j].value;
        break;
      }
    out[nout++] = (ra_move){d, tmp, held, held_value};
    for (uint32_t j = 0; j < np; j++)
      if (same_loc(pending[j].from, d))
        pending[j].from = tmp;
  }
  return nout;
}

uint32_t ra_moves_at(const regalloc *ra, uint32_t p, ra_move *out, uint32_t max)
{
  if ((p & 3) != 3 || p >= ra->npos)
    return 0;
  uint32_t lo = ra->move_start[p / 4], n = ra->move_start[p / 4 + 1] - lo;
  if (!n)
    return 0;
  const ra_loc scratch[RA_CLASSES] = {{RA_LOC_REG, RA_GPR, 11, 0}, {RA_LOC_REG, RA_XMM, 15, 0}};
  return ra_sequence(ra->moves + lo, n, scratch, out, max);
}

/* The moves for an edge, worked out from the intervals (ra_edge_moves remembers them). */
static uint32_t work_out_edge_moves(const regalloc *ra, uint32_t from, uint32_t e, ra_move *out, uint32_t max)
{
  ssa_func *f = ra->f;
  const ssa_edge *edge = &f->blocks[from].succs[e];
  uint32_t to = edge->block, end = ra->end_pos[from] - 1, head = ra->header_pos[to];
  ra_move set[64];
  uint32_t n = 0;
  /* arguments into parameters: the parameter's definition */
  for (uint32_t k = 0; k < edge->nargs; k++) {
    ssa_id p = ssa_params(f, to)[k], a = ssa_edge_args(f, edge)[k];
    if (ra->ival_of[p] == NONE32)
      continue;
    ra_loc dst = loc_of_piece(ra, &ra->ivals[ra->ival_of[p]]);
    ra_loc src = ra_where(ra, a, end);
    if (src.kind == RA_LOC_NONE || !same_loc(src, dst)) {
      if (n == 64)
        return UINT32_MAX;
      set[n++] = (ra_move){src, dst, f->insts[p].type, src.kind == RA_LOC_NONE ? a : p};
    }
  }
  /* values live across the edge whose location differs on the two sides (a move to the stack
   * only for a value stored late: any other was stored there when it was defined) */
  uint32_t lo = ra->live_in_start[to], hi = ra->live_in_start[to + 1];
  for (uint32_t k = lo; k < hi; k++) {
    ssa_id v = ra->live_in_pairs[k].value;
    uint32_t root = ra->ival_of[v];
    if (root != NONE32 && ra->ivals[root].next == NONE32)
      continue; /* never split: one location on both sides (most values in a large function) */
    ra_loc src, dst;
    if (root != NONE32 && ra->piece_first) { /* (always, after ra_allocate: ra_where's work, inline) */
      src = loc_of_piece(ra, indexed_piece(ra, root, end));
      dst = loc_of_piece(ra, indexed_piece(ra, root, head));
    } else {
      src = ra_where(ra, v, end);
      dst = ra_where(ra, v, head);
    }
    if (same_loc(src, dst))
      continue;
    if (dst.kind != RA_LOC_REG && !(dst.kind == RA_LOC_STACK && src.kind == RA_LOC_REG && ra->store_late[v]))
      continue;
    if (n == 64)
      return UINT32_MAX;
    set[n++] = (ra_move){src, dst, f->insts[v].type, v};
  }
  const ra_loc scratch[RA_CLASSES] = {{RA_LOC_REG, RA_GPR, 11, 0}, {RA_LOC_REG, RA_XMM, 15, 0}};
  return ra_sequence(set, n, scratch, out, max);
}

/* Every sequence ra_edge_moves has worked out, one after another (grown as edges are asked
 * about: the allocator is const to its callers, and its answers never change). */
struct ra_edge_memo { ra_move *a; uint32_t n, cap; };
#define EDGE_UNASKED (UINT32_MAX - 1)
#define EDGE_MOVES_MAX 160 /* the longest sequence remembered: the emitter's largest buffer */

uint32_t ra_edge_moves(const regalloc *ra, uint32_t from, uint32_t e, ra_move *out, uint32_t max)
{
  if (!ra->edge_count || max > EDGE_MOVES_MAX)
    return work_out_edge_moves(ra, from, e, out, max);
  uint32_t at = ra->edge_base[from] + e, count = ra->edge_count[at];
  struct ra_edge_memo *m = ra->edge_memo;
  if (count == EDGE_UNASKED) {
    ra_move seq[EDGE_MOVES_MAX];
    count = work_out_edge_moves(ra, from, e, seq, EDGE_MOVES_MAX);
    if (count != UINT32_MAX && count) {
      if (!grow((void **)&m->a, &m->cap, m->n + count, sizeof *m->a))
        return work_out_edge_moves(ra, from, e, out, max); /* not remembered: worked out each time */
      memcpy(m->a + m->n, seq, count * sizeof *seq);
      ra->edge_first[at] = m->n;
      m->n += count;
    }
    ra->edge_count[at] = count;
  }
  /* ra_sequence's answer for a shorter buffer: too many (UINT32_MAX) past max */
  if (count == UINT32_MAX || count > max)
    return UINT32_MAX;
  if (count)
    memcpy(out, m->a + ra->edge_first[at], count * sizeof *out);
  return count;
}

/* Room for ra_edge_moves' answers (without it, it just works them out each time). */
static void edge_answers(regalloc *ra)
{
  ssa_func *f = ra->f;
  uint32_t n = 0;
  if (!(ra->edge_base = arena_alloc(&ra->mem, (f->nblocks + 1) * sizeof *ra->edge_base)))
    return;
  for (uint32_t b = 0; b < f->nblocks; b++) {
    ra->edge_base[b] = n;
    n += f->blocks[b].nsuccs;
  }
  ra->edge_base[f->nblocks] = n;
  uint32_t *count = arena_take(&ra->mem, (n ? n : 1) * sizeof *count);
  uint32_t *first = arena_take(&ra->mem, (n ? n : 1) * sizeof *first);
  struct ra_edge_memo *m = arena_alloc(&ra->mem, sizeof *m);
  if (!count || !first || !m)
    return;
  for (uint32_t k = 0; k < n; k++)
    count[k] = EDGE_UNASKED;
  ra->edge_count = count;
  ra->edge_first = first;
  ra->edge_memo = m;
}

/*
 * Whether r15, the value-stack frame, can hold values: in a function that calls nothing (no wasm
 * call, no C helper: each clobbers every caller-saved register) and has no budget checks (whose
 * stub calls C), the frame is read only at the entry (the parameters) and at the returns (the
 * results), so the emitter saves r15 with rbx and rbp where the native frame is set up and reads
 * the frame's address back from that save at a return (opt/emit.c, docs/abi.md).  A trap needs
 * only rsp and r13, and the trap helper never returns.
 */
static bool frame_register_free(const regalloc *ra)
{
  const ssa_func *f = ra->f;
  const uint16_t caller_saved = 1u << 0 | 1u << 1 | 1u << 2 | 1u << 6 | 1u << 7 | 1u << 8 | 1u << 9;
  if (f->budget)
    return false;
  for (uint32_t i = 0; i < ra->norder; i++)
    for (ssa_id v = f->blocks[ra->order[i]].first; v; v = f->insts[v].next)
      if ((ra->info[v].clobber[RA_GPR] & caller_saved) == caller_saved)
        return false;
  return true;
}

bool ra_allocate(regalloc *ra, ssa_func *f, void (*isel_info)(ssa_func *f, ssa_id v, ra_inst_info *out))
{
  memset(ra, 0, sizeof *ra);
  ra->f = f;
  /* rax rcx rdx rbx rbp rsi rdi r8 r9; r10 and r11 are the emitter's scratch, r12-r15 pinned
   * (docs/abi.md), r15 free in a function that calls nothing (frame_register_free); xmm0-13,
   * with xmm14 and xmm15 the scratch */
  ra->allocatable[RA_GPR] = 1u << 0 | 1u << 1 | 1u << 2 | 1u << 3 | 1u << 5 | 1u << 6 | 1u << 7 | 1u << 8 | 1u << 9;
  ra->allocatable[RA_XMM] = 0x3FFF;
  if (!layout(ra, isel_info))
    return false;
  if (frame_register_free(ra))
    ra->allocatable[RA_GPR] |= 1u << 15;
  /* a stress knob: fewer registers, so splits, spills and edge moves happen in small functions
   * (WLAB_OPT_REGS=gprmask,xmmmask in hex, e.g. 7,7: rax rcx rdx and xmm0-2) */
  const char *knob = getenv("WLAB_OPT_REGS");
  if (knob) {
    char *end;
    uint16_t g = (uint16_t)strtoul(knob, &end, 16), x = *end == ',' ? (uint16_t)strtoul(end + 1, NULL, 16) : 0x3FFF;
    if (g & ra->allocatable[RA_GPR])
      ra->allocatable[RA_GPR] &= g;
    if (x & ra->allocatable[RA_XMM])
      ra->allocatable[RA_XMM] &= x;
  }
  if (!build_intervals(ra) || !linear_scan(ra) || !index_pieces(ra) || !place_stores(ra) || !collect_moves(ra))
    return false;
  edge_answers(ra);
  for (uint32_t i = 0; i < ra->nivals; i++)
    if (ra->ivals[i].cls == RA_GPR && ra->ivals[i].reg != RA_NOREG &&
        (ra->ivals[i].reg == 3 || ra->ivals[i].reg == 5 || ra->ivals[i].reg == 15))
      ra->callee_saved_used |= (uint16_t)(1u << ra->ivals[i].reg);
  return true;
}

/* ---- checking the result ------------------------------------------------------------------------ */

typedef struct owned_range { uint32_t from, to, ival; } owned_range;

static int cmp_owned(const void *a, const void *b)
{
  const owned_range *x = a, *y = b;
  return x->from < y->from ? -1 : x->from > y->from;
}

bool ra_verify(regalloc *ra)
{
  ssa_func *f = ra->f;
  /* each value's pieces: ordered by start, not overlapping */
  for (uint32_t i = 0; i < ra->nivals; i++) {
    const ra_ival *it = &ra->ivals[i];
    if (it->root != i)
      continue;
    uint32_t last_end = 0;
    for (uint32_t k = i; k != NONE32; k = ra->ivals[k].next) {
      const ra_ival *p = &ra->ivals[k];
      if (!p->nranges)
        continue;
      if (ival_start(p) < last_end) {
        snprintf(f->error, sizeof f->error, "regalloc: v%u's pieces overlap or are out of order at %u", it->value,
                 ival_start(p));
        return false;
      }
      last_end = ival_end(p);
    }
  }
  /* no register holds two values at once, nor a value where an instruction destroys it */
  for (int c = 0; c < RA_CLASSES; c++)
    for (unsigned r = 0; r < RA_MAX_REGS; r++) {
      owned_range *v = NULL;
      uint32_t n = 0, cap = 0;
      for (uint32_t i = 0; i < ra->nivals; i++) {
        const ra_ival *it = &ra->ivals[i];
        if (it->cls != c || it->reg != r)
          continue;
        for (uint32_t k = 0; k < it->nranges; k++) {
          if (!grow((void **)&v, &cap, n + 1, sizeof *v)) {
            free(v);
            return oom(ra);
          }
          v[n++] = (owned_range){it->ranges[k].from, it->ranges[k].to, i};
          for (uint32_t q = 0; q < ra->nclobbers[c][r]; q++) {
            uint32_t x = ra->clobbers[c][r][q];
            if (x >= it->ranges[k].from && x < it->ranges[k].to) {
              snprintf(f->error, sizeof f->error, "regalloc: v%u in %s%u across a clobber at %u", it->value,
                       c ? "xmm" : "r", r, x);
              free(v);
              return false;
            }
          }
        }
      }
      if (n > 1)
        qsort(v, n, sizeof *v, cmp_owned);
      for (uint32_t k = 1; k < n; k++)
        if (v[k].from < v[k - 1].to && ra->ivals[v[k].ival].value != ra->ivals[v[k - 1].ival].value) {
          snprintf(f->error, sizeof f->error, "regalloc: v%u and v%u both in %s%u at %u", ra->ivals[v[k - 1].ival].value,
                   ra->ivals[v[k].ival].value, c ? "xmm" : "r", r, v[k].from);
          free(v);
          return false;
        }
      free(v);
    }
  return true;
}

/*
 * The moves checked by running them: each block is walked with what every register holds,
 * starting from where the allocation says its live-in values and parameters are, through the
 * moves at each point, the clobbers and definitions of each instruction, and its incoming and
 * outgoing edges' moves.  Every operand read from a register must find its value there, and at
 * the end of each edge every value the target expects in a register must be in it.  ra_verify
 * checks the intervals; this checks what the emitter will do with them.
 */
typedef struct check_state { ssa_id reg[RA_CLASSES][RA_MAX_REGS]; } check_state;

/* the value owning each 8-byte spill slot (a slot holds its value from the definition on, or,
 * for a value stored late, once check_stored says a store reached it) */
static _Thread_local ssa_id *check_slots;
/* [slots] a value stored late has been stored on the path walked (reset at each block) */
static _Thread_local uint8_t *check_stored;

static ssa_id check_read(const regalloc *ra, const check_state *st, ra_loc l, ssa_id fallback)
{
  if (l.kind == RA_LOC_REG)
    return st->reg[l.cls][l.reg & 15];
  if (l.kind == RA_LOC_STACK) {
    ssa_id owner = check_slots[l.offset / 8];
    return !ra->store_late[owner] || check_stored[l.offset / 8] ? owner : SSA_NONE;
  }
  return fallback; /* a constant */
}

static void check_moves(const regalloc *ra, check_state *st, const ra_move *ms, uint32_t n)
{
  for (uint32_t i = 0; i < n; i++) {
    ssa_id x = check_read(ra, st, ms[i].from, ms[i].value);
    if (ms[i].to.kind == RA_LOC_REG)
      st->reg[ms[i].to.cls][ms[i].to.reg & 15] = x;
    else if (ms[i].to.kind == RA_LOC_STACK)
      check_stored[ms[i].to.offset / 8] = x == check_slots[ms[i].to.offset / 8];
  }
}

static bool check_fail_slot(regalloc *ra, const char *what, ssa_id v, uint32_t b, ra_loc l)
{
  snprintf(ra->f->error, sizeof ra->f->error, "regalloc check: %s v%u in b%u read from its slot [%u] before any store",
           what, v, b, l.offset);
  return false;
}

static bool check_fail(regalloc *ra, const char *what, ssa_id v, uint32_t b, ra_loc l, ssa_id found)
{
  snprintf(ra->f->error, sizeof ra->f->error, "regalloc check: %s v%u in b%u expected in %s%u, which holds v%u", what,
           v, b, l.cls ? "xmm" : "r", l.reg, found);
  return false;
}

/* The registers at the start of block b, as the allocation says they are. */
static void check_entry(const regalloc *ra, uint32_t b, check_state *st)
{
  ssa_func *f = ra->f;
  memset(st, 0, sizeof *st);
  uint32_t head = ra->header_pos[b];
  memset(check_stored, 0, ra->spill_bytes / 8 + 1);
  for (uint32_t k = ra->live_in_start[b]; k < ra->live_in_start[b + 1]; k++) {
    ssa_id v = ra->live_in_pairs[k].value;
    ra_loc l = ra_where(ra, v, head);
    if (l.kind == RA_LOC_REG)
      st->reg[l.cls][l.reg & 15] = v;
    else if (l.kind == RA_LOC_STACK)
      check_stored[l.offset / 8] = 1; /* the incoming edges' check says so */
  }
  for (uint32_t k = 0; k < f->blocks[b].nparams; k++) {
    ssa_id p = ssa_params(f, b)[k];
    if (ra->ival_of[p] == NONE32)
      continue;
    ra_loc l = loc_of_piece(ra, &ra->ivals[ra->ival_of[p]]);
    if (l.kind == RA_LOC_REG)
      st->reg[l.cls][l.reg & 15] = p;
    else if (l.kind == RA_LOC_STACK)
      check_stored[l.offset / 8] = 1;
  }
}

/* After an edge's moves: each argument and live-in value where the target expects it. */
static bool check_edge_targets(regalloc *ra, const check_state *st, const ssa_edge *edge)
{
  ssa_func *f = ra->f;
  uint32_t to = edge->block;
  uint32_t head = ra->header_pos[to];
  for (uint32_t k = 0; k < edge->nargs; k++) {
    ssa_id p = ssa_params(f, to)[k], a = ssa_edge_args(f, edge)[k];
    if (ra->ival_of[p] == NONE32)
      continue;
    ra_loc l = loc_of_piece(ra, &ra->ivals[ra->ival_of[p]]);
    if (l.kind == RA_LOC_REG && st->reg[l.cls][l.reg & 15] != a)
      return check_fail(ra, "argument", a, to, l, st->reg[l.cls][l.reg & 15]);
  }
  for (uint32_t k = ra->live_in_start[to]; k < ra->live_in_start[to + 1]; k++) {
    ssa_id v = ra->live_in_pairs[k].value;
    ra_loc l = ra_where(ra, v, head);
    if (l.kind == RA_LOC_REG && st->reg[l.cls][l.reg & 15] != v)
      return check_fail(ra, "live-in", v, to, l, st->reg[l.cls][l.reg & 15]);
    if (l.kind == RA_LOC_STACK && check_read(ra, st, l, v) != v)
      return check_fail_slot(ra, "live-in", v, to, l);
  }
  return true;
}

static bool check_edge(regalloc *ra, const check_state *at_end, uint32_t from, uint32_t e)
{
  ssa_func *f = ra->f;
  const ssa_edge *edge = &f->blocks[from].succs[e];
  check_state st = *at_end;
  ra_move ms[160];
  uint32_t n = ra_edge_moves(ra, from, e, ms, 160);
  if (n == UINT32_MAX)
    return true; /* the emitter refuses the function */
  /* this edge's stores are its own: the block's state is put back for the next edge */
  uint32_t nslots = ra->spill_bytes / 8 + 1;
  uint8_t *stored_at_end = malloc(nslots);
  if (!stored_at_end)
    return oom(ra);
  memcpy(stored_at_end, check_stored, nslots);
  check_moves(ra, &st, ms, n);
  bool ok = check_edge_targets(ra, &st, edge);
  memcpy(check_stored, stored_at_end, nslots);
  free(stored_at_end);
  return ok;
}

static bool check_blocks(regalloc *ra);

bool ra_check(regalloc *ra)
{
  check_slots = calloc(ra->spill_bytes / 8 + 1, sizeof *check_slots);
  check_stored = calloc(ra->spill_bytes / 8 + 1, 1);
  bool ok = check_slots && check_stored;
  if (ok) {
    for (uint32_t v = 0; v < ra->f->ninsts; v++)
      if (ra->slot_of[v] != NONE32)
        check_slots[ra->slot_of[v] / 8] = v;
    ok = check_blocks(ra);
  } else {
    oom(ra);
  }
  free(check_slots);
  free(check_stored);
  check_slots = NULL;
  check_stored = NULL;
  return ok;
}

static bool check_blocks(regalloc *ra)
{
  ssa_func *f = ra->f;
  ra_move ms[160];
  for (uint32_t i = 0; i < ra->norder; i++) {
    uint32_t b = ra->order[i];
    check_state st;
    check_entry(ra, b, &st);
    uint32_t n = ra_moves_at(ra, ra->header_pos[b] + 3, ms, 160);
    if (n != UINT32_MAX)
      check_moves(ra, &st, ms, n);
    for (ssa_id v = f->blocks[b].first; v; v = f->insts[v].next) {
      uint32_t p = ra->pos[v];
      const ssa_inst *in = &f->insts[v];
      for (uint32_t k = 0; k < in->nargs; k++) {
        ssa_id a = ssa_args(f, v)[k];
        if (!a || !has_interval(f, a))
          continue;
        ra_loc l = ra_where(ra, a, p);
        if (l.kind == RA_LOC_REG && st.reg[l.cls][l.reg & 15] != a)
          return check_fail(ra, "operand", a, b, l, st.reg[l.cls][l.reg & 15]);
        if (l.kind == RA_LOC_STACK && check_read(ra, &st, l, a) != a)
          return check_fail_slot(ra, "operand", a, b, l);
      }
      for (int c = 0; c < RA_CLASSES; c++)
        for (unsigned r = 0; r < RA_MAX_REGS; r++)
          if ((ra->info[v].clobber[c] | ra->info[v].temp[c]) >> r & 1)
            st.reg[c][r] = SSA_NONE;
      if (has_interval(f, v)) {
        ra_loc l = ra_where(ra, v, p + 2);
        if (l.kind == RA_LOC_REG)
          st.reg[l.cls][l.reg & 15] = v;
        else if (l.kind == RA_LOC_STACK)
          check_stored[l.offset / 8] = 1;
      }
      if (v == f->blocks[b].last) {
        for (uint32_t e = 0; e < f->blocks[b].nsuccs; e++)
          if (!check_edge(ra, &st, b, e))
            return false;
        break;
      }
      n = ra_moves_at(ra, p + 3, ms, 160);
      if (n != UINT32_MAX)
        check_moves(ra, &st, ms, n);
    }
  }
  return true;
}

void ra_free(regalloc *ra)
{
  if (ra->edge_memo)
    free(ra->edge_memo->a);
  free(ra->ivals);
  arena_free(&ra->mem);
  memset(ra, 0, sizeof *ra);
}
