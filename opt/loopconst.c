/* loopconst.c: constants kept in registers through innermost loops: registers the allocation leaves free over a whole loop hold the constants the loop uses, loaded once on the way in. */
#include "opt/emit.h"

#include <stdlib.h>
#include <string.h>

/*
 * The allocator gives constants no register: each use is an immediate, or the constant is built
 * where it is used (movabs for a 64-bit integer that does not fit 32 bits, a load from the pool
 * for a float).  Inside a loop that repeats on every iteration; an LCG's multiplier and
 * increment cost two movabs per step (mainloop), a scale factor a load.
 *
 * After allocation, this looks at each innermost loop and the registers nothing occupies over
 * all of it: no interval's range meets one of its blocks, no instruction in it clobbers the
 * register or uses it as scratch, no move out of it writes it.  Those registers are spare: they
 * hold the loop's costliest constants (by uses in the loop), loaded at the end of each block
 * that enters the loop (after that edge's moves, before its jump: the lowering gave every
 * entry edge a block with that one successor).  In the loop's blocks a use of such a constant
 * reads the register (opt_loc_use and the moves' constant loads ask here first).  Register
 * pressure is unchanged by construction: where the loop uses every register there is nothing
 * spare and the constants are built at their uses as before (WLAB_OPT_REGS=7,7).
 *
 * Where no register is spare, a register may still be taken from a value that holds it over the
 * whole loop without the loop reading it (live around the loop, e.g. a pointer kept for after
 * it), when that value is stored in its slot right after its definition: the loop's entries
 * load the constant over it, and every edge out of the loop reloads it from its slot before that
 * edge's moves (mainloop's LCG multiplier and increment, in the registers of two values of the
 * enclosing loop).  That costs a load per exit and adds no pressure: the holder is in memory
 * already, and no value of the loop moves.
 *
 * Only innermost loops: they are disjoint, so a register never holds two loops' constants at
 * one point, and they are where the time goes.  Candidates: i64 constants that are no 32-bit
 * immediate, and f32/f64 constants.  A float zero comes last: it is one xorps at each use, but
 * that is still an instruction on every iteration (mainloop's `r2 >= 0` guard before its
 * truncation), where a spare xmm register left over costs nothing.  rbx and rbp are never taken:
 * the native frame that saves them is set up only on the blocks the allocation needs it on
 * (shrink-wrapping, opt/emit.c plan_frame_blocks).
 */

#define NONE32 UINT32_MAX

typedef struct block_span { uint32_t from, to, loop; } block_span;

static bool candidate(const ssa_func *f, ssa_id v)
{
  const ssa_inst *in = &f->insts[v];
  if (in->op != SSA_CONST)
    return false;
  switch (in->type) {
  case WLAB_I64: return (int64_t)in->imm != (int32_t)in->imm;
  case WLAB_F32: case WLAB_F64: return true;
  default: return false;
  }
}

/* A float zero is one xorps where it is used, a cheaper build than any other candidate's: it takes
 * a spare register only after them (and never a holder's, which costs a reload per exit). */
static bool is_float_zero(const ssa_func *f, ssa_id c)
{
  const ssa_inst *in = &f->insts[c];
  return (in->type == WLAB_F32 && (uint32_t)in->imm == 0) || (in->type == WLAB_F64 && in->imm == 0);
}

/* Sort key of candidate c with n uses in the loop: the non-zero constants first, then by uses. */
static uint64_t rank(const ssa_func *f, ssa_id c, uint32_t n)
{
  return (is_float_zero(f, c) ? 0 : 1ull << 32) | n;
}

/* Whether header h's loop contains no other loop, and every edge into it comes from a block
 * whose only successor it is and which ends in a br (where the loads go). */
static bool usable_loop(const emitter *e, uint32_t h)
{
  const ssa_func *f = e->f;
  const ssa_block *hb = &f->blocks[h];
  if (h == f->entry)
    return false;
  for (uint32_t k = 0; k < hb->npreds; k++) {
    const ssa_block *p = &f->blocks[hb->preds[k].block];
    if (p->loop_header == h)
      continue; /* a back edge */
    if (p->nsuccs != 1 || f->insts[p->last].op != IR_BR)
      return false;
  }
  for (uint32_t i = 0; i < e->ra->norder; i++) {
    const ssa_block *bl = &f->blocks[e->ra->order[i]];
    if (bl->loop_header != h)
      continue;
    for (uint32_t s = 0; s < bl->nsuccs; s++)
      if (f->blocks[bl->succs[s].block].loop_depth > hb->loop_depth)
        return false;
  }
  return true;
}

static uint16_t reg_bit(unsigned r) { return (uint16_t)(1u << r); }

/* The destinations of moves, as registers made busy for loop k. */
static void moves_busy(const ra_move *ms, uint32_t n, uint16_t *busy)
{
  if (n == UINT32_MAX)
    return;
  for (uint32_t i = 0; i < n; i++)
    if (ms[i].to.kind == RA_LOC_REG)
      busy[ms[i].to.cls] |= reg_bit(ms[i].to.reg);
}

/* Whether value v (holding a register through loop k) may give it up: stored at its definition,
 * defined outside the loop, read by none of the loop's instructions or edges, and its interval
 * ival covers every block of the loop whole. */
static bool may_give_up(const emitter *e, uint32_t ival, uint32_t k, const block_span *spans, uint32_t nspans)
{
  const ssa_func *f = e->f;
  const regalloc *ra = e->ra;
  const ra_ival *it = &ra->ivals[ival];
  ssa_id v = it->value;
  if (ra->slot_of[v] == UINT32_MAX || ra->store_late[v] || e->const_loop[f->insts[v].block] == k)
    return false;
  for (uint32_t s = 0; s < nspans; s++) {
    if (spans[s].loop != k)
      continue;
    bool covered = false;
    for (uint32_t r = 0; r < it->nranges && !covered; r++)
      covered = it->ranges[r].from <= spans[s].from && it->ranges[r].to >= spans[s].to;
    if (!covered)
      return false;
  }
  for (uint32_t i = 0; i < ra->norder; i++) {
    uint32_t b = ra->order[i];
    if (e->const_loop[b] != k)
      continue;
    const ssa_block *bl = &f->blocks[b];
    for (ssa_id x = bl->first; x; x = f->insts[x].next)
      for (uint16_t a = 0; a < f->insts[x].nargs; a++)
        if (ssa_args((ssa_func *)f, x)[a] == v)
          return false;
    for (uint32_t su = 0; su < bl->nsuccs; su++)
      for (uint32_t a = 0; a < bl->succs[su].nargs; a++)
        if (ssa_edge_args((ssa_func *)f, &bl->succs[su])[a] == v)
          return false;
  }
  return true;
}

#define MANY32 (UINT32_MAX - 1)

bool opt_loop_consts(emitter *e)
{
  ssa_func *f = e->f;
  regalloc *ra = e->ra;
  e->nloops = 0;
  /* the innermost loops that use a candidate constant */
  uint32_t *loop_of_header = malloc(f->nblocks * sizeof *loop_of_header);
  uint32_t *headers = malloc(f->nblocks * sizeof *headers);
  if (!loop_of_header || !headers) {
    free(loop_of_header);
    free(headers);
    return opt_emit_fail(e, "out of memory");
  }
  uint32_t nloops = 0;
  for (uint32_t i = 0; i < ra->norder; i++) {
    uint32_t b = ra->order[i];
    loop_of_header[b] = NONE32;
    if (!f->blocks[b].is_loop_header || !usable_loop(e, b))
      continue;
    bool uses_one = false;
    for (uint32_t j = 0; j < ra->norder && !uses_one; j++) {
      const ssa_block *bl = &f->blocks[ra->order[j]];
      if (bl->loop_header != b)
        continue;
      for (ssa_id v = bl->first; v && !uses_one; v = f->insts[v].next)
        for (uint16_t k = 0; k < f->insts[v].nargs; k++)
          if (candidate(f, ssa_args(f, v)[k]))
            uses_one = true;
    }
    if (uses_one) {
      loop_of_header[b] = nloops;
      headers[nloops++] = b;
    }
  }
  if (!nloops) {
    free(loop_of_header);
    free(headers);
    return true;
  }
  e->const_loop = malloc(f->nblocks * sizeof *e->const_loop);
  e->const_entry = malloc(f->nblocks * sizeof *e->const_entry);
  e->loop_const_start = calloc(nloops + 1, sizeof *e->loop_const_start);
  uint16_t(*busy)[RA_CLASSES] = calloc(nloops, sizeof *busy);
  uint16_t *hard = calloc(nloops, sizeof *hard);         /* GPRs clobbered, scratch or written on exit */
  uint32_t(*holder)[RA_MAX_REGS] = malloc(nloops * sizeof *holder); /* the one interval holding a GPR */
  block_span *spans = malloc(ra->norder * sizeof *spans);
  uint32_t *count = calloc(f->ninsts, sizeof *count);
  ssa_id *cands = malloc(f->ninsts * sizeof *cands);
  bool ok = e->const_loop && e->const_entry && e->loop_const_start && busy && hard && holder && spans && count && cands;
  if (!ok)
    goto done;
  for (uint32_t k = 0; k < nloops; k++)
    for (int r = 0; r < RA_MAX_REGS; r++)
      holder[k][r] = UINT32_MAX;
  for (uint32_t b = 0; b < f->nblocks; b++)
    e->const_loop[b] = e->const_entry[b] = NONE32;

  /* what the loops' blocks make busy: clobbers and scratch, and the moves out of the loop */
  uint32_t nspans = 0;
  for (uint32_t i = 0; i < ra->norder; i++) {
    uint32_t b = ra->order[i];
    const ssa_block *bl = &f->blocks[b];
    uint32_t h = bl->loop_header;
    if (h == SSA_NO_BLOCK || f->blocks[h].dead || loop_of_header[h] == NONE32)
      continue;
    uint32_t k = loop_of_header[h];
    e->const_loop[b] = k;
    spans[nspans++] = (block_span){ra->header_pos[b], ra->end_pos[b], k};
    for (ssa_id v = bl->first; v; v = f->insts[v].next)
      for (int c = 0; c < RA_CLASSES; c++)
        busy[k][c] |= ra->info[v].clobber[c] | ra->info[v].temp[c];
    /* an exit's moves at the end of a loop block write registers for the block after the loop,
     * which no interval of the loop's need cover */
    if (bl->nsuccs == 1 && f->blocks[bl->succs[0].block].loop_header != h) {
      ra_move ms[160];
      moves_busy(ms, ra_edge_moves(ra, b, 0, ms, 160), busy[k]);
    }
  }
  for (uint32_t k = 0; k < nloops; k++)
    hard[k] = busy[k][RA_GPR];
  /* every register an interval holds in one of the loops' blocks (spans are in layout order,
   * which is position order) */
  for (uint32_t i = 0; i < ra->nivals; i++) {
    const ra_ival *it = &ra->ivals[i];
    if (it->reg == RA_NOREG || !it->nranges)
      continue;
    for (uint32_t r = 0; r < it->nranges; r++) {
      uint32_t from = it->ranges[r].from, to = it->ranges[r].to;
      uint32_t lo = 0, hi = nspans;
      while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        if (spans[mid].to <= from)
          lo = mid + 1;
        else
          hi = mid;
      }
      for (uint32_t s = lo; s < nspans && spans[s].from < to; s++) {
        busy[spans[s].loop][it->cls] |= reg_bit(it->reg);
        if (it->cls == RA_GPR) {
          uint32_t *h = &holder[spans[s].loop][it->reg];
          *h = *h == UINT32_MAX || *h == i ? i : MANY32;
        }
      }
    }
  }

  /* per loop, its candidates by uses, each given a spare register of its class while any is left */
  uint32_t nconsts = 0, cap = 0;
  for (uint32_t k = 0; k < nloops; k++) {
    uint32_t h = headers[k], ncands = 0;
    e->loop_const_start[k] = nconsts;
    for (uint32_t i = 0; i < ra->norder; i++) {
      const ssa_block *bl = &f->blocks[ra->order[i]];
      if (bl->loop_header != h)
        continue;
      for (ssa_id v = bl->first; v; v = f->insts[v].next)
        for (uint16_t a = 0; a < f->insts[v].nargs; a++) {
          ssa_id c = ssa_args(f, v)[a];
          if (candidate(f, c) && count[c]++ == 0)
            cands[ncands++] = c;
        }
    }
    /* non-zero constants first, most uses first (insertion sort: a loop has a handful) */
    for (uint32_t i = 1; i < ncands; i++)
      for (uint32_t j = i; j > 0 && rank(f, cands[j], count[cands[j]]) > rank(f, cands[j - 1], count[cands[j - 1]]); j--) {
        ssa_id t = cands[j];
        cands[j] = cands[j - 1];
        cands[j - 1] = t;
      }
    for (uint32_t i = 0; i < ncands; i++) {
      ssa_id c = cands[i];
      count[c] = 0;
      int cls = ra_class_of(f->insts[c].type);
      uint16_t spare = (uint16_t)(ra->allocatable[cls] & ~busy[k][cls]);
      /* never rbx, rbp or r15: where the native frame is set up is decided per block (shrink-wrapping,
       * plan_frame_blocks) from the allocation alone, so a loop without the frame must not
       * write a callee-saved register */
      uint16_t not_saved = (uint16_t)~(reg_bit(X64_RBX) | reg_bit(X64_RBP) | reg_bit(X64_R15));
      if (cls == RA_GPR)
        spare &= not_saved;
      ssa_id held = SSA_NONE;
      if (!spare && cls == RA_GPR && !e->budget && e->frame_on[h]) {
        /* a register whose one holder the loop never reads, reloaded at the loop's exits */
        uint16_t takeable = (uint16_t)(ra->allocatable[RA_GPR] & not_saved & ~hard[k]);
        for (unsigned r = 0; r < RA_MAX_REGS && !spare; r++)
          if ((takeable & reg_bit(r)) && (busy[k][RA_GPR] & reg_bit(r)) && holder[k][r] < MANY32 &&
              may_give_up(e, holder[k][r], k, spans, nspans)) {
            spare = reg_bit(r);
            held = ra->ivals[holder[k][r]].value;
            holder[k][r] = MANY32; /* taken */
          }
      }
      if (!spare)
        continue;
      unsigned r = (unsigned)__builtin_ctz(spare);
      busy[k][cls] |= reg_bit(r);
      if (nconsts == cap) {
        cap = cap ? 2 * cap : 16;
        struct opt_loop_const *p = realloc(e->loop_consts, cap * sizeof *p);
        if (!p) {
          ok = false;
          goto done;
        }
        e->loop_consts = p;
      }
      e->loop_consts[nconsts++] = (struct opt_loop_const){c, held, (uint8_t)r};
    }
    /* the blocks entering the loop load them */
    const ssa_block *hb = &f->blocks[h];
    for (uint32_t p = 0; p < hb->npreds; p++)
      if (f->blocks[hb->preds[p].block].loop_header != h)
        e->const_entry[hb->preds[p].block] = k;
  }
  e->loop_const_start[nloops] = nconsts;
  e->nloops = nloops;
  e->nloop_consts = nconsts;

done:
  free(loop_of_header);
  free(headers);
  free(busy);
  free(hard);
  free(holder);
  free(spans);
  free(count);
  free(cands);
  if (!ok) {
    e->nloops = 0;
    return opt_emit_fail(e, "out of memory");
  }
  return true;
}

int opt_loop_const_reg(const emitter *e, ssa_id v)
{
  if (!e->nloop_consts || e->cur == SSA_NONE)
    return -1;
  uint32_t k = e->const_loop[e->f->insts[e->cur].block];
  if (k == NONE32)
    return -1;
  for (uint32_t i = e->loop_const_start[k]; i < e->loop_const_start[k + 1]; i++)
    if (e->loop_consts[i].value == v)
      return e->loop_exiting && e->loop_consts[i].holder != SSA_NONE ? -1 : e->loop_consts[i].reg;
  return -1;
}

bool opt_loop_consts_exit(const emitter *e, uint32_t from, uint32_t to)
{
  if (!e->nloop_consts)
    return false;
  uint32_t k = e->const_loop[from];
  if (k == NONE32 || e->const_loop[to] == k)
    return false;
  for (uint32_t i = e->loop_const_start[k]; i < e->loop_const_start[k + 1]; i++)
    if (e->loop_consts[i].holder != SSA_NONE)
      return true;
  return false;
}

void opt_loop_consts_reload(emitter *e, uint32_t from, uint32_t to)
{
  if (!opt_loop_consts_exit(e, from, to))
    return;
  uint32_t k = e->const_loop[from];
  e->loop_exiting = true; /* the edge's moves build these constants themselves */
  for (uint32_t i = e->loop_const_start[k]; i < e->loop_const_start[k + 1]; i++) {
    ssa_id h = e->loop_consts[i].holder;
    if (h == SSA_NONE)
      continue;
    uint8_t t = e->f->insts[h].type;
    opt_load_loc(e, e->loop_consts[i].reg, (ra_loc){RA_LOC_STACK, RA_GPR, 0, e->ra->slot_of[h]}, t, h);
  }
}

void opt_loop_consts_load(emitter *e, uint32_t block)
{
  if (!e->nloop_consts || e->const_entry[block] == NONE32)
    return;
  uint32_t k = e->const_entry[block];
  for (uint32_t i = e->loop_const_start[k]; i < e->loop_const_start[k + 1]; i++)
    opt_load_const(e, e->loop_consts[i].reg, e->loop_consts[i].value);
}

bool opt_loop_consts_entry(const emitter *e, uint32_t block)
{
  return e->nloop_consts && e->const_entry[block] != NONE32 &&
         e->loop_const_start[e->const_entry[block]] != e->loop_const_start[e->const_entry[block] + 1];
}
