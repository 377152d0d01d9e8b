/* build.c: SSA construction from the shared IR, in the style of Braun et al. (CC 2013): frame slots are the variables, block parameters appear where definitions meet. */
#include "opt/ssa.h"

#include <stdlib.h>
#include <string.h>

/*
 * The IR is already in register form over frame slots with resolved branches (docs/ir.md), so
 * construction is one walk over it:
 *
 *   1. Block boundaries: index 0, every branch target and loop_head, and the instruction after
 *      every branch, return, unreachable and tail call.  Blocks unreachable from the start are
 *      never built.
 *   2. Blocks are filled in IR order.  A wasm function's forward branches only go forward and
 *      its back edges only to loop_head, so when a block starts, all its predecessors are
 *      filled unless it is a loop header: every other block is "sealed" on arrival, and a loop
 *      header once its last back edge is filled.
 *   3. Each IR operand that is a slot reads the variable: the definition in this block, else
 *      (read_var) the one from the single predecessor, else a new block parameter whose
 *      arguments are the definitions reaching each incoming edge.  In an unsealed block the
 *      parameter waits ("incomplete") until the block is sealed.  A parameter whose arguments
 *      are all one value (or itself) is trivial and is replaced by that value.
 *   4. `copy` creates no instruction: it only says that slot r now holds the value of a.
 *   5. `move` (a branch's values, more than four, to the target's slots) creates nothing
 *      either, and reads nothing when it is met: it stays pending at the end of its block
 *      (the validator emits it just before the branch's br), and a later read of a slot it
 *      writes, at the end of that block, reads its source slot there instead (read_var).  So
 *      a move costs what is read through it: n branches each moving the same m values cost
 *      n x m only when the target's values are all read, and then that is counted below.
 *      Read eagerly (one read and one definition per value at the move), 19,000 br_ifs
 *      carrying 1,000 values each did about 1.1 million units of work before the budget
 *      stopped them, 0.6-0.8 s and 111 MiB for an 85 KB module.
 *
 * OSR versions.  An OSR version (f->osr) starts at a loop_head instead of index 0.  Built from
 * the IR blocks reachable from that loop alone, a loop that encloses it loses its nest: its
 * header no longer dominates the inner one (the entry reaches the inner loop first), so its back
 * edge becomes a second back edge of the inner loop and LICM, loopconst and the allocator see one
 * loop where the normal code has two.  So the version is built from copies of the IR's blocks,
 * the way optimising JITs take an OSR entry apart:
 *
 *   - L0, L1, ..., Ld are the loops around the entry, each inside the one before (Ld the
 *     entry's, L0 the outermost), hk the header of Lk and range(Lk) its IR range (loops are
 *     structured: from its loop_head to its last back edge, and every loop starting inside it
 *     whole; plan_copies).
 *   - Copy 0 is the function as it is.  Copy k (1 <= k <= d) holds range(Lk-1) without hk-1:
 *     the rest of Lk-1's current iteration, with Lk ... Ld whole in it.  The entry block jumps
 *     to hd in copy d.
 *   - An edge from a block of copy k to IR index s goes to the largest j <= k whose copy's
 *     range holds s, else to copy 0 (copy_for).  So Lk-1's back edge leaves copy k for copy
 *     k-1, where hk-1 heads a proper loop, an exit lands in the copy of the loop it exits to,
 *     and in every copy each loop header dominates its loop again.  Reachability from the entry
 *     decides which (copy, block) pairs become blocks.
 *
 * Nothing else changes: the builder's maps are per (copy, IR block) (slot_of), and since a
 * variable is read through the predecessors of the block reading it, not through a map from old
 * values to new, a duplicated block is as correct as the original.  Edges go from a copy to
 * itself or an outer one, so filling copy d first and copy 0 last, each in IR order, keeps
 * step 2's rule: a block's predecessors are filled before it unless it is a loop header.  A
 * block of a copy starts at a loop_head exactly when its IR block does, so the loop marks, the
 * budget checks at loop headers and the OSR constants (the header's values on entry, opt.c)
 * hold in every copy.  Blocks without a predecessor are the entry alone, which reads the frame
 * (frame_slot) as before.
 *
 * The copies cost instructions: the innermost levels are kept while the copies hold at most
 * BUILD_PEEL_FACTOR times the outermost kept loop's range (a nest of three always fits; deeper
 * ones keep their innermost levels) and the function and its copies stay under
 * BUILD_MAX_INSTS; the construction budget grows with the copies' instructions.  Outer levels
 * past that stay flattened in copy 0, as an OSR version was built before, and if the copies
 * exceed the construction budget the version is built once more with none: f->osr_nest_kept
 * and osr_nest_flat say which (the dumps' headers, --trace-tiering).
 *
 * read_var runs on an explicit stack, not by recursion: a long chain of joins between a
 * definition and its use would otherwise take one C frame per join, and the compiler must not
 * depend on the size of its thread's stack.
 *
 * Every edge into a block passes one argument per parameter of the block from the moment
 * both exist: a new parameter puts a placeholder on each edge already in, a new edge one for
 * each parameter already there (a loop header's, waiting for its back edges), and reads fill
 * them by the parameter's index.  A read through a move changes slot on its way, so a second
 * parameter of a block may be made while the first one's arguments are still being read (a
 * loop whose back edge moves its values, read after the loop): appending arguments in order
 * would give the second parameter's to the first.
 *
 * The budget.  Block parameters are made only where a slot is read, but a read that crosses
 * many joins can still cost one parameter argument per incoming edge and one definition per
 * block it passes: 19,000 br_ifs to one block each carrying 1,000 values read after it are 19
 * million edge arguments from an 85 KB module, and what comes after (liveness, allocation,
 * moves) grows with them.  That product of blocks and values is what grows faster than the
 * function, so it is what is counted: edge arguments (placeholders included) plus entries of
 * the definition map, at most BUILD_WORK_PER_INST per IR instruction (plus BUILD_WORK_MIN)
 * and never more than BUILD_WORK_MAX.  Past it the builder stops, with the count in f->error,
 * and the function stays in the tier below (docs/limits.md).  Real code stays far below: the
 * largest ratio in the compute and start-up suites and the spec tests is between 8 and 16 (a
 * 2,047-instruction function).
 *
 * What a refusal may cost is bounded absolutely, not only per instruction: the work by
 * BUILD_WORK_MAX, and what is made before the first unit is spent (the blocks, one per IR
 * block, and the builder's arrays over them) by refusing outright a function of more than
 * BUILD_MAX_INSTS IR instructions, which at 8-16 units per instruction would reach the work
 * cap anyway.  Without the caps a 1.6 MB function of 400,000 br_ifs spent 9.1 s and 1.16 GiB
 * before its refusal (docs/limits.md).
 */
#define BUILD_WORK_PER_INST 16u
#define BUILD_WORK_MIN 131072u
#define BUILD_WORK_MAX 1048576u
#define BUILD_MAX_INSTS 262144u
#define BUILD_PEEL_FACTOR 2u
#define NO_MOVE UINT32_MAX

typedef struct def_entry { uint64_t key; ssa_id v; } def_entry;

typedef struct read_frame {
  uint32_t block;
  uint32_t var;    /* the slot read in this block: the reader's, or a move's source */
  uint8_t state;   /* FR_START, FR_SINGLE, FR_OPERANDS */
  bool moved;      /* var is the source of the block's pending move: its value before it */
  uint32_t k;      /* FR_OPERANDS: next predecessor to read */
  ssa_id phi;
} read_frame;
enum { FR_START, FR_SINGLE, FR_OPERANDS };

typedef struct incomplete { uint32_t var; ssa_id param; uint8_t type; } incomplete;

typedef struct builder {
  ssa_func *f;
  const ir_func *ir;
  uint32_t *block_of;          /* [nslots]: the block of each (copy, IR index) (slot_of), or SSA_NO_BLOCK */
  uint32_t nslots;
  uint32_t ncopies;            /* 1, or in an OSR version 1 + the enclosing loops peeled (below) */
  uint32_t *copy_lo, *copy_hi; /* [ncopies]: copy k >= 1 holds the IR blocks starting in (lo, hi] */
  uint32_t *copy_base;         /* [ncopies]: copy k's first entry in block_of */
  uint32_t copy;               /* the copy of the block being filled */
  bool *filled;                /* [nblocks]: started (translation begun) */
  bool *sealed;                /* [nblocks] */
  uint32_t *preds_left;        /* [nblocks]: reachable predecessor edges not yet created */
  def_entry *defs;             /* (block, slot) -> value */
  uint32_t ndefs, defs_cap;
  incomplete **inc;            /* [nblocks] parameters waiting for sealing */
  uint32_t *ninc, *inc_cap;
  read_frame *stack;
  uint32_t nstack, stack_cap;
  uint32_t *move_at;           /* [nblocks]: the IR move ending the block, not yet read (NO_MOVE) */
  uint64_t work, work_budget;  /* edge arguments and definitions made, and the most allowed */
  bool over_budget;            /* spend refused a unit */
} builder;

/* ---- copies: an OSR version's loop nest (above) --------------------------------------------- */

/* Where (copy c, IR index ir) is in block_of; ir is in copy c's range. */
static inline uint32_t slot_of(const builder *bd, uint32_t c, uint32_t ir)
{
  return c ? bd->copy_base[c] + (ir - bd->copy_lo[c] - 1) : ir;
}

/* The copy an edge from a block of copy `from` to IR index s goes to: the innermost copy at or
 * outside `from` whose range holds s; copy 0, the function as it is, when none does. */
static uint32_t copy_for(const builder *bd, uint32_t from, uint32_t s)
{
  while (from && !(s > bd->copy_lo[from] && s <= bd->copy_hi[from]))
    from--;
  return from;
}

/* The block an edge from copy `from` to IR index s goes to. */
static inline uint32_t block_at(const builder *bd, uint32_t from, uint32_t s)
{
  return bd->block_of[slot_of(bd, copy_for(bd, from, s), s)];
}

static bool fail(builder *bd, const char *what)
{
  if (!bd->f->error[0])
    snprintf(bd->f->error, sizeof bd->f->error, "%s", what);
  return false;
}

/* ---- the (block, slot) -> definition map ------------------------------------------------ */

static inline uint64_t def_key(uint32_t block, uint32_t var) { return (uint64_t)block << 32 | var; }

static inline uint32_t def_hash(uint64_t key, uint32_t mask)
{
  key *= 0x9E3779B97F4A7C15ull;
  return (uint32_t)(key >> 32) & mask;
}

static bool defs_grow(builder *bd)
{
  /* small at first: most functions define few slots, and calloc cleared a 16 KB table for each */
  uint32_t cap = bd->defs_cap ? bd->defs_cap * 2 : 64;
  def_entry *n = calloc(cap, sizeof *n);
  if (!n)
    return false;
  for (uint32_t i = 0; i < bd->defs_cap; i++)
    if (bd->defs[i].v) {
      uint32_t h = def_hash(bd->defs[i].key, cap - 1);
      while (n[h].v)
        h = (h + 1) & (cap - 1);
      n[h] = bd->defs[i];
    }
  free(bd->defs);
  bd->defs = n;
  bd->defs_cap = cap;
  return true;
}

/* One more unit of construction work (an edge argument or a definition); false past the
 * budget. */
static bool spend(builder *bd)
{
  if (++bd->work <= bd->work_budget)
    return true;
  bd->over_budget = true;
  if (!bd->f->error[0])
    snprintf(bd->f->error, sizeof bd->f->error,
             "over the SSA construction budget: more than %llu block arguments and definitions for %u IR "
             "instructions (docs/limits.md)",
             (unsigned long long)bd->work_budget, bd->ir->ninsts);
  return false;
}

static bool add_arg(builder *bd, uint32_t b, uint32_t edge, ssa_id v)
{
  return spend(bd) && ssa_edge_add_arg(bd->f, b, edge, v);
}

static bool write_var(builder *bd, uint32_t block, uint32_t var, ssa_id v)
{
  if (2 * (bd->ndefs + 1) > bd->defs_cap && !defs_grow(bd))
    return fail(bd, "out of memory building SSA");
  uint64_t key = def_key(block, var);
  uint32_t mask = bd->defs_cap - 1, h = def_hash(key, mask);
  while (bd->defs[h].v && bd->defs[h].key != key)
    h = (h + 1) & mask;
  if (!bd->defs[h].v) {
    if (!spend(bd))
      return false;
    bd->ndefs++;
  }
  bd->defs[h].key = key;
  bd->defs[h].v = v;
  return true;
}

static ssa_id lookup_var(builder *bd, uint32_t block, uint32_t var)
{
  if (!bd->defs_cap)
    return SSA_NONE;
  uint64_t key = def_key(block, var);
  uint32_t mask = bd->defs_cap - 1, h = def_hash(key, mask);
  while (bd->defs[h].v) {
    if (bd->defs[h].key == key)
      return ssa_resolve(bd->f, bd->defs[h].v);
    h = (h + 1) & mask;
  }
  return SSA_NONE;
}

/* ---- parameters ------------------------------------------------------------------------------- */

/* The value of a read that no definition reaches: a declared local not yet set (the entry
 * block defines only the parameters), or a path from an unreachable predecessor (a stack slot
 * read before any write cannot happen in valid code): zero of its type. */
static ssa_id undef(builder *bd, uint8_t type) { return ssa_const(bd->f, type, 0, 0); }

/* In an OSR version, a read that reaches the entry without a definition reads what the frame
 * holds in that slot when the tier below jumps in (a local, or an operand below the loop): a
 * parameter of the entry block that names its slot.  Valid code reads no other slot before
 * writing it, so only what the loop and the code after it read is loaded. */
static ssa_id frame_slot(builder *bd, uint32_t slot, uint8_t type)
{
  ssa_id v = ssa_add_param(bd->f, bd->f->entry, type);
  if (v)
    bd->f->insts[v].imm = slot;
  return v;
}

/* Sets argument k of edge (b, edge): every edge into a block passes one argument per
 * parameter from the moment either exists (a placeholder until read), so arguments are set
 * by index and a second parameter of a block may appear while the first one's arguments are
 * still being read (a read that crosses a move changes slot on the way, docs/ssa.md). */
static void set_arg(builder *bd, uint32_t b, uint32_t edge, uint32_t k, ssa_id v)
{
  ssa_edge_args(bd->f, &bd->f->blocks[b].succs[edge])[k] = v;
}

/* Building for an OSR version's constants: notes v as slot var's value on entry to the probed
 * block, when it is the first parameter made there for var. */
static void note_probe(builder *bd, uint32_t b, uint32_t var, ssa_id v)
{
  ssa_func *f = bd->f;
  if (f->probe && f->probe_ir < bd->ir->ninsts && b == bd->block_of[f->probe_ir] && var < bd->ir->max_slots &&
      !f->probe[var])
    f->probe[var] = v;
}

/* A new parameter of b, with a placeholder argument on each edge already into b. */
static ssa_id new_param(builder *bd, uint32_t b, uint8_t type)
{
  ssa_func *f = bd->f;
  ssa_id v = ssa_add_param(f, b, type);
  if (!v)
    return SSA_NONE;
  for (uint32_t p = 0; p < f->blocks[b].npreds; p++) {
    ssa_pred pr = f->blocks[b].preds[p];
    if (!add_arg(bd, pr.block, pr.edge, SSA_NONE))
      return SSA_NONE;
  }
  return v;
}

/* Replaces param by the one value its arguments agree on, if they do (ignoring itself). */
static ssa_id try_remove_trivial(builder *bd, ssa_id param)
{
  ssa_func *f = bd->f;
  uint32_t b = f->insts[param].block;
  ssa_block *bl = &f->blocks[b];
  uint32_t k = f->insts[param].aux;
  ssa_id same = SSA_NONE;
  for (uint32_t p = 0; p < bl->npreds; p++) {
    const ssa_edge *e = &f->blocks[bl->preds[p].block].succs[bl->preds[p].edge];
    ssa_id a = ssa_resolve(f, ssa_edge_args(f, e)[k]);
    if (a == same || a == param)
      continue;
    if (same)
      return param; /* two different values meet: a real parameter */
    same = a;
  }
  if (!same)
    same = undef(bd, f->insts[param].type);
  ssa_remove_param(f, b, k);
  ssa_replace(f, param, same);
  return ssa_resolve(f, same);
}

static bool push(builder *bd, uint32_t block, uint32_t var)
{
  if (bd->nstack == bd->stack_cap) {
    uint32_t cap = bd->stack_cap ? bd->stack_cap * 2 : 64;
    read_frame *s = realloc(bd->stack, cap * sizeof *s);
    if (!s)
      return fail(bd, "out of memory building SSA");
    bd->stack = s;
    bd->stack_cap = cap;
  }
  bd->stack[bd->nstack++] = (read_frame){block, var, FR_START, false, 0, SSA_NONE};
  return true;
}

static bool add_incomplete(builder *bd, uint32_t b, uint32_t var, ssa_id param, uint8_t type)
{
  if (bd->ninc[b] == bd->inc_cap[b]) {
    uint32_t cap = bd->inc_cap[b] ? bd->inc_cap[b] * 2 : 4;
    incomplete *n = realloc(bd->inc[b], cap * sizeof *n);
    if (!n)
      return fail(bd, "out of memory building SSA");
    bd->inc[b] = n;
    bd->inc_cap[b] = cap;
  }
  bd->inc[b][bd->ninc[b]++] = (incomplete){var, param, type};
  return true;
}

/* Where slot *var's value at the end of b is read from: when the move pending at the end of
 * b writes *var, from the move's source slot as the move found it (*var becomes that slot,
 * true); otherwise from *var itself (false). */
static bool through_move(const builder *bd, uint32_t b, uint32_t *var)
{
  uint32_t at = bd->move_at[b];
  if (at == NO_MOVE)
    return false;
  const ir_inst *mv = &bd->ir->insts[at];
  if (*var - mv->r >= mv->b) /* outside r .. r + b - 1 (unsigned: below r wraps high) */
    return false;
  *var = *var - mv->r + mv->a;
  return true;
}

/* The value of variable var (a slot) at the end of block (or at the current point when
 * block is the one being filled); type is what the reader expects it to be.
 *
 * A block whose pending move writes var answers with the move's source slot before the
 * move: the definitions recorded for the block (its own instructions before the move, and
 * what reads found on entry) are exactly that state, since nothing follows a pending move
 * but its br (translate materializes it otherwise).  Such a read is not recorded under the
 * source slot in a block of one predecessor: the entry there is one lookup away, and not
 * caching it keeps a value read through n moves at n definitions, not 2n. */
static ssa_id read_var(builder *bd, uint32_t block, uint32_t var, uint8_t type)
{
  ssa_func *f = bd->f;
  bool moved = through_move(bd, block, &var);
  ssa_id ret = lookup_var(bd, block, var);
  if (ret)
    return ret;
  uint32_t base = bd->nstack;
  if (!push(bd, block, var))
    return SSA_NONE;
  bd->stack[bd->nstack - 1].moved = moved;
  while (bd->nstack > base) {
    read_frame *fr = &bd->stack[bd->nstack - 1];
    uint32_t b = fr->block;
    ssa_block *bl = &f->blocks[b];
    switch (fr->state) {
    case FR_START: {
      if (!fr->moved)
        fr->moved = through_move(bd, b, &fr->var);
      uint32_t x = fr->var;
      ssa_id v = lookup_var(bd, b, x);
      if (v) {
        ret = v;
        bd->nstack--;
        break;
      }
      if (!bd->sealed[b]) {
        v = new_param(bd, b, type);
        if (!v || !add_incomplete(bd, b, x, v, type) || !write_var(bd, b, x, v))
          return SSA_NONE;
        note_probe(bd, b, x, v);
        ret = v;
        bd->nstack--;
        break;
      }
      if (bl->npreds == 0 && b == f->entry && f->osr) {
        ret = frame_slot(bd, x, type);
        if (!ret || !write_var(bd, b, x, ret))
          return SSA_NONE;
        bd->nstack--;
        break;
      }
      if (bl->npreds == 0) {
        ret = undef(bd, type);
        if (!ret || !write_var(bd, b, x, ret))
          return SSA_NONE;
        bd->nstack--;
        break;
      }
      if (bl->npreds == 1) {
        fr->state = FR_SINGLE;
        if (!push(bd, bl->preds[0].block, x))
          return SSA_NONE;
        break;
      }
      v = new_param(bd, b, type);
      if (!v || !write_var(bd, b, x, v)) /* written first: a cycle back here finds it */
        return SSA_NONE;
      note_probe(bd, b, x, v);
      fr = &bd->stack[bd->nstack - 1];
      fr->phi = v;
      fr->state = FR_OPERANDS;
      fr->k = 0;
      if (!push(bd, f->blocks[b].preds[0].block, x))
        return SSA_NONE;
      break;
    }
    case FR_SINGLE:
      if (!fr->moved && !write_var(bd, b, fr->var, ret))
        return SSA_NONE;
      bd->nstack--;
      break;
    case FR_OPERANDS: {
      /* ret is the value reaching edge preds[k]; the parameter's index is its own (a
       * parameter of this block made meanwhile comes after it, one removed before it
       * moved it down) */
      const ssa_pred *pr = &bl->preds[fr->k];
      set_arg(bd, pr->block, pr->edge, f->insts[fr->phi].aux, ret);
      fr->k++;
      if (fr->k < bl->npreds) {
        if (!push(bd, bl->preds[fr->k].block, fr->var))
          return SSA_NONE;
        break;
      }
      ret = try_remove_trivial(bd, fr->phi);
      if (!write_var(bd, b, fr->var, ret))
        return SSA_NONE;
      bd->nstack--;
      break;
    }
    }
  }
  return ret;
}

/* All of b's predecessors are filled: its waiting parameters get their arguments. */
static bool seal(builder *bd, uint32_t b)
{
  ssa_func *f = bd->f;
  bd->sealed[b] = true;
  for (uint32_t i = 0; i < bd->ninc[b]; i++) {
    incomplete in = bd->inc[b][i];
    for (uint32_t p = 0; p < f->blocks[b].npreds; p++) {
      ssa_pred pr = f->blocks[b].preds[p];
      ssa_id v = read_var(bd, pr.block, in.var, in.type);
      if (!v)
        return false;
      set_arg(bd, pr.block, pr.edge, f->insts[in.param].aux, v);
    }
    try_remove_trivial(bd, in.param);
  }
  bd->ninc[b] = 0;
  return true;
}

/* ---- edges --------------------------------------------------------------------------------- */

/* An edge from b to the block starting at IR index target, with a placeholder argument for
 * each parameter the target already has (a loop header's, waiting for its back edges);
 * records it as target's predecessor. */
static uint32_t edge_to(builder *bd, uint32_t b, uint32_t target_ir)
{
  ssa_func *f = bd->f;
  uint32_t t = block_at(bd, bd->copy, target_ir);
  uint32_t e = ssa_add_edge(f, b, t);
  if (e == UINT32_MAX)
    return UINT32_MAX;
  ssa_block *tb = &f->blocks[t];
  tb->preds[tb->npreds++] = (ssa_pred){b, e}; /* sized up front from the predecessor counts */
  bd->preds_left[t]--;
  for (uint32_t k = 0, n = f->blocks[t].nparams; k < n; k++)
    if (!add_arg(bd, b, e, SSA_NONE))
      return UINT32_MAX;
  return e;
}

/* ---- the walk --------------------------------------------------------------------------------- */

static bool ends_block(ir_op op)
{
  switch (op) {
  case IR_BR: case IR_BR_IF: case IR_BR_UNLESS: case IR_BR_TABLE: case IR_RETURN: case IR_UNREACHABLE:
  case IR_RETURN_CALL: case IR_RETURN_CALL_INDIRECT:
    return true;
  default:
    return false;
  }
}

/* Block starts (step 1); false when a target is out of range (the validator never makes one).
 * Unreachable code after a return may branch to ninsts, the end: no block starts there. */
static bool find_blocks(builder *bd, uint8_t *start)
{
  const ir_func *ir = bd->ir;
  start[0] = 1;
  for (uint32_t i = 0; i < ir->ninsts; i++) {
    const ir_inst *in = &ir->insts[i];
    switch ((ir_op)in->op) {
    case IR_BR:
      if (in->a > ir->ninsts) return false;
      start[in->a] = 1;
      break;
    case IR_BR_IF: case IR_BR_UNLESS:
      if (in->b > ir->ninsts) return false;
      start[in->b] = 1;
      break;
    case IR_BR_TABLE:
      for (uint32_t k = 0; k < in->c; k++) {
        uint32_t t = ir->br_tables[in->b + k];
        if (t > ir->ninsts) return false;
        start[t] = 1;
      }
      break;
    case IR_LOOP_HEAD:
      start[i] = 1;
      break;
    default:
      break;
    }
    if (ends_block((ir_op)in->op))
      start[i + 1] = 1;
  }
  return true;
}

/* The IR successors of the block ending at IR index last (its terminator, or the last
 * instruction before the next block's start, which falls through). */
static uint32_t ir_succs(const ir_func *ir, uint32_t last, uint32_t *out, uint32_t max)
{
  const ir_inst *in = &ir->insts[last];
  uint32_t n = 0;
  switch ((ir_op)in->op) {
  case IR_BR: out[n++] = in->a; break;
  case IR_BR_IF: case IR_BR_UNLESS: out[n++] = in->b; out[n++] = last + 1; break;
  case IR_BR_TABLE:
    for (uint32_t k = 0; k < in->c && n < max; k++)
      out[n++] = ir->br_tables[in->b + k];
    break;
  case IR_RETURN: case IR_UNREACHABLE: case IR_RETURN_CALL: case IR_RETURN_CALL_INDIRECT: break;
  default: out[n++] = last + 1; break;
  }
  return n;
}

/* Reads IR operand x as a value of type t in block b. */
static ssa_id operand(builder *bd, uint32_t b, uint32_t x, uint8_t t)
{
  if (IR_IS_CONST(x)) {
    uint32_t k = IR_CONST_INDEX(x);
    return ssa_const(bd->f, t, bd->ir->consts[k], t == WLAB_V128 ? bd->ir->consts[k + 1] : 0);
  }
  return read_var(bd, b, x, t);
}

static bool define(builder *bd, uint32_t b, uint32_t slot, ssa_id v)
{
  if (!v)
    return false;
  return write_var(bd, b, slot, v);
}

/* A new instruction for IR instruction i appended to b, with operands read from IR fields. */
static ssa_id emit(builder *bd, uint32_t b, uint32_t i, uint16_t op, uint8_t type, uint32_t n, const uint32_t *fields,
                   const uint8_t *types)
{
  ssa_func *f = bd->f;
  ssa_id args[3];
  for (uint32_t k = 0; k < n; k++)
    if (!(args[k] = operand(bd, b, fields[k], types[k])))
      return SSA_NONE;
  ssa_id v = ssa_new_inst(f, op, type, n);
  if (!v)
    return SSA_NONE;
  for (uint32_t k = 0; k < n; k++)
    ssa_args(f, v)[k] = args[k];
  f->insts[v].ir = i;
  ssa_append(f, b, v);
  return v;
}

/* A call's arguments from slots base.. (and an extra first operand for call_indirect). */
static ssa_id emit_call(builder *bd, uint32_t b, uint32_t i, const ir_inst *in, const functype *ft, bool indirect)
{
  ssa_func *f = bd->f;
  uint32_t n = ft->nparams + (indirect ? 1 : 0);
  ssa_id *tmp = n ? malloc(n * sizeof *tmp) : NULL;
  if (n && !tmp) {
    fail(bd, "out of memory building SSA");
    return SSA_NONE;
  }
  uint32_t k = 0, slot = in->r;
  if (indirect && !(tmp[k++] = operand(bd, b, in->a, WLAB_I32)))
    goto bad;
  for (uint32_t p = 0; p < ft->nparams; p++) {
    if (!(tmp[k++] = operand(bd, b, slot, (uint8_t)ft->params[p])))
      goto bad;
    slot += ir_type_slots((uint8_t)ft->params[p]);
  }
  bool tail = in->op == IR_RETURN_CALL || in->op == IR_RETURN_CALL_INDIRECT;
  uint8_t type = !tail && ft->nresults ? (uint8_t)ft->results[0] : SSA_VOID;
  ssa_id v = ssa_new_inst(f, in->op, type, n);
  if (!v)
    goto bad;
  if (n) /* a call without arguments has no tmp: memcpy wants a pointer even for 0 bytes */
    memcpy(ssa_args(f, v), tmp, n * sizeof *tmp);
  free(tmp);
  f->insts[v].ir = i;
  f->insts[v].imm = indirect ? in->b : in->a;
  f->insts[v].aux = indirect ? in->aux : 0;
  ssa_append(f, b, v);
  if (tail)
    return v;
  /* results come back in slots from the base: result 0 is the call's value, the others are
   * projections */
  slot = in->r;
  for (uint32_t r = 0; r < ft->nresults; r++) {
    ssa_id rv = v;
    if (r > 0) {
      if (!(rv = ssa_new_inst(f, SSA_RESULT, (uint8_t)ft->results[r], 1)))
        return SSA_NONE;
      ssa_args(f, rv)[0] = v;
      f->insts[rv].aux = (uint16_t)r;
      f->insts[rv].ir = i;
      ssa_append(f, b, rv);
    }
    if (!define(bd, b, slot, rv))
      return SSA_NONE;
    slot += ir_type_slots((uint8_t)ft->results[r]);
  }
  return v;
bad:
  free(tmp);
  return SSA_NONE;
}

static uint8_t table_type(const ssa_func *f, uint32_t t) { return f->m->tables[t].elem; }

/* Performs block b's pending move now, one copy per value: c names the function type whose
 * params (aux = 1: a loop's) or results are the values moved.  Ascending order with r below
 * a reads every source before a destination overwrites it, as the memmove of the other tiers
 * does.  Only when something other than the move's br follows it in the block, which the
 * validator never emits (docs/ir.md): the move stays pending otherwise. */
static bool materialize_move(builder *bd, uint32_t b)
{
  const ir_inst *in = &bd->ir->insts[bd->move_at[b]];
  const functype *ft = &bd->f->m->types[in->c];
  uint32_t n = in->aux ? ft->nparams : ft->nresults;
  const wlab_valtype *ts = in->aux ? ft->params : ft->results;
  bd->move_at[b] = NO_MOVE; /* the sources are read as they are before the move */
  for (uint32_t k = 0, off = 0; k < n; off += ir_type_slots((uint8_t)ts[k]), k++)
    if (!define(bd, b, in->r + off, read_var(bd, b, in->a + off, (uint8_t)ts[k])))
      return false;
  return true;
}

/* Translates IR instruction i into block b; false when it gives up. */
static bool translate(builder *bd, uint32_t b, uint32_t i)
{
  ssa_func *f = bd->f;
  const ir_func *ir = bd->ir;
  const ir_inst *in = &ir->insts[i];
  const wlab_module *m = f->m;
  static const uint8_t i32x3[3] = {WLAB_I32, WLAB_I32, WLAB_I32};
  uint32_t fields[3] = {in->a, in->b, in->c};
  uint8_t types[3];
  ssa_id v;
  if (bd->move_at[b] != NO_MOVE && in->op != IR_BR && !materialize_move(bd, b))
    return false;
  switch ((ir_op)in->op) {
  case IR_COPY: {
    uint8_t t = (uint8_t)in->aux;
    return define(bd, b, in->r, operand(bd, b, in->a, t));
  }
  case IR_MOVE:
    /* Pending: it costs nothing until a successor reads one of the slots it writes, and then
     * one read of the source (read_var).  n branches each moving the same m values to one
     * block cost n x m only when the block's results are all read, and that is counted. */
    bd->move_at[b] = i;
    return true;
  case IR_LOOP_HEAD:
    return true; /* the block is marked; nothing to compute */
  case IR_BR: {
    if (!(v = emit(bd, b, i, IR_BR, SSA_VOID, 0, NULL, NULL)))
      return false;
    return edge_to(bd, b, in->a) != UINT32_MAX;
  }
  case IR_BR_IF: case IR_BR_UNLESS: {
    if (!(v = emit(bd, b, i, IR_BR_IF, SSA_VOID, 1, fields, i32x3)))
      return false;
    /* br_if: cond != 0 goes to succs[0]; br_unless is the same branch with the edges swapped */
    uint32_t taken = in->b, fall = i + 1;
    if (in->op == IR_BR_UNLESS) {
      taken = i + 1;
      fall = in->b;
    }
    return edge_to(bd, b, taken) != UINT32_MAX && edge_to(bd, b, fall) != UINT32_MAX;
  }
  case IR_BR_TABLE: {
    if (!(v = emit(bd, b, i, IR_BR_TABLE, SSA_VOID, 1, fields, i32x3)))
      return false;
    uint32_t n = in->c;
    uint32_t *table = arena_alloc(&f->mem, n * sizeof *table);
    if (!table)
      return fail(bd, "out of memory building SSA");
    for (uint32_t k = 0; k < n; k++) {
      uint32_t t = block_at(bd, bd->copy, ir->br_tables[in->b + k]);
      uint32_t e = UINT32_MAX;
      for (uint32_t s = 0; s < f->blocks[b].nsuccs; s++) /* one edge per distinct target */
        if (f->blocks[b].succs[s].block == t)
          e = s;
      if (e == UINT32_MAX && (e = edge_to(bd, b, ir->br_tables[in->b + k])) == UINT32_MAX)
        return false;
      table[k] = e;
    }
    f->blocks[b].table = table;
    f->blocks[b].ntable = n;
    return true;
  }
  case IR_RETURN: {
    const functype *ft = f->type;
    if (!(v = ssa_new_inst(f, IR_RETURN, SSA_VOID, ft->nresults)))
      return false;
    uint32_t slot = in->a;
    for (uint32_t r = 0; r < ft->nresults; r++) {
      ssa_id x = operand(bd, b, slot, (uint8_t)ft->results[r]);
      if (!x)
        return false;
      ssa_args(f, v)[r] = x;
      slot += ir_type_slots((uint8_t)ft->results[r]);
    }
    f->insts[v].ir = i;
    ssa_append(f, b, v);
    return true;
  }
  case IR_UNREACHABLE:
    return emit(bd, b, i, IR_UNREACHABLE, SSA_VOID, 0, NULL, NULL) != SSA_NONE;
  case IR_CALL: case IR_RETURN_CALL:
    return emit_call(bd, b, i, in, &m->types[m->funcs[in->a].type_index], false) != SSA_NONE;
  case IR_CALL_INDIRECT: case IR_RETURN_CALL_INDIRECT:
    return emit_call(bd, b, i, in, &m->types[in->b], true) != SSA_NONE;
  case IR_SELECT: case IR_SELECT128: {
    uint8_t t = in->op == IR_SELECT128 ? WLAB_V128 : (uint8_t)in->aux;
    const uint8_t ts[3] = {t, t, WLAB_I32};
    return define(bd, b, in->r, emit(bd, b, i, IR_SELECT, t, 3, fields, ts));
  }
  case IR_GLOBAL_GET:
    if (!(v = emit(bd, b, i, IR_GLOBAL_GET, (uint8_t)in->aux, 0, NULL, NULL)))
      return false;
    f->insts[v].imm = in->a;
    return define(bd, b, in->r, v);
  case IR_GLOBAL_SET:
    types[0] = (uint8_t)in->aux;
    if (!(v = emit(bd, b, i, IR_GLOBAL_SET, SSA_VOID, 1, &fields[1], types)))
      return false;
    f->insts[v].imm = in->a;
    return true;
  case IR_MEMORY_SIZE:
    return define(bd, b, in->r, emit(bd, b, i, IR_MEMORY_SIZE, WLAB_I32, 0, NULL, NULL));
  case IR_MEMORY_GROW:
    return define(bd, b, in->r, emit(bd, b, i, IR_MEMORY_GROW, WLAB_I32, 1, fields, i32x3));
  case IR_MEMORY_FILL: case IR_MEMORY_COPY:
    return emit(bd, b, i, in->op, SSA_VOID, 3, fields, i32x3) != SSA_NONE;
  case IR_MEMORY_INIT: case IR_TABLE_COPY: case IR_TABLE_INIT:
    if (!(v = emit(bd, b, i, in->op, SSA_VOID, 3, fields, i32x3)))
      return false;
    f->insts[v].imm = in->r;
    f->insts[v].aux = in->aux;
    return true;
  case IR_DATA_DROP: case IR_ELEM_DROP:
    if (!(v = emit(bd, b, i, in->op, SSA_VOID, 0, NULL, NULL)))
      return false;
    f->insts[v].imm = in->a;
    return true;
  case IR_TABLE_GET:
    if (!(v = emit(bd, b, i, IR_TABLE_GET, table_type(f, in->aux), 1, fields, i32x3)))
      return false;
    f->insts[v].aux = in->aux;
    return define(bd, b, in->r, v);
  case IR_TABLE_SET:
    types[0] = WLAB_I32;
    types[1] = table_type(f, in->aux);
    if (!(v = emit(bd, b, i, IR_TABLE_SET, SSA_VOID, 2, fields, types)))
      return false;
    f->insts[v].aux = in->aux;
    return true;
  case IR_TABLE_SIZE:
    if (!(v = emit(bd, b, i, IR_TABLE_SIZE, WLAB_I32, 0, NULL, NULL)))
      return false;
    f->insts[v].aux = in->aux;
    return define(bd, b, in->r, v);
  case IR_TABLE_GROW:
    types[0] = table_type(f, in->aux);
    types[1] = WLAB_I32;
    if (!(v = emit(bd, b, i, IR_TABLE_GROW, WLAB_I32, 2, fields, types)))
      return false;
    f->insts[v].aux = in->aux;
    return define(bd, b, in->r, v);
  case IR_TABLE_FILL:
    types[0] = WLAB_I32;
    types[1] = table_type(f, in->aux);
    types[2] = WLAB_I32;
    if (!(v = emit(bd, b, i, IR_TABLE_FILL, SSA_VOID, 3, fields, types)))
      return false;
    f->insts[v].aux = in->aux;
    return true;
  case IR_REF_IS_NULL:
    /* either reference type: both are one pointer-sized slot */
    types[0] = WLAB_FUNCREF;
    return define(bd, b, in->r, emit(bd, b, i, IR_REF_IS_NULL, WLAB_I32, 1, fields, types));
  case IR_REF_FUNC:
    if (!(v = emit(bd, b, i, IR_REF_FUNC, WLAB_FUNCREF, 0, NULL, NULL)))
      return false;
    f->insts[v].imm = in->a;
    return define(bd, b, in->r, v);
  default:
    break;
  }
  if (in->op >= WASM_OP_COUNT)
    return fail(bd, "an IR op the SSA builder does not know");
  /* a value op: operands per the opcode table, the memory offset and lanes as immediates */
  const wasm_opinfo *o = &opcodes_info[in->op];
  if (o->result == OPT_SPECIAL || o->nparams > 3)
    return fail(bd, "an IR op the SSA builder does not know");
  for (uint32_t k = 0; k < o->nparams; k++)
    types[k] = o->params[k];
  uint32_t n = o->nparams;
  uint8_t rt = o->result == OPT_NONE ? SSA_VOID : o->result;
  if (in->op == IR_I8X16_SHUFFLE)
    n = 2; /* c is the lane pattern, a constant */
  if (!(v = emit(bd, b, i, in->op, rt, n, fields, types)))
    return false;
  ssa_inst *si = &f->insts[v];
  if (o->imm == IMM_MEMARG)
    si->imm = rt != SSA_VOID ? in->b : in->c;
  else if (o->imm == IMM_MEMARG_LANE) {
    si->imm = in->c;
    si->aux = in->aux;
  } else if (o->imm == IMM_LANE)
    si->aux = in->aux;
  else if (in->op == IR_I8X16_SHUFFLE) {
    uint32_t k = IR_CONST_INDEX(in->c);
    si->imm = ir->consts[k];
    si->imm2 = ir->consts[k + 1];
  }
  return rt == SSA_VOID || define(bd, b, in->r, v);
}

/* Removes block parameters that turned trivial after construction (a parameter whose
 * arguments are one other value, or itself), until none is left. */
static bool remove_trivial_params(ssa_func *f)
{
  bool changed = true;
  while (changed) {
    changed = false;
    for (uint32_t b = 0; b < f->nblocks; b++) {
      ssa_block *bl = &f->blocks[b];
      for (uint32_t k = 0; k < bl->nparams;) {
        ssa_id param = ssa_params(f, b)[k], same = SSA_NONE;
        bool real = false;
        for (uint32_t p = 0; p < bl->npreds && !real; p++) {
          const ssa_edge *e = &f->blocks[bl->preds[p].block].succs[bl->preds[p].edge];
          ssa_id a = ssa_resolve(f, ssa_edge_args(f, e)[k]);
          if (a == same || a == param)
            continue;
          if (same)
            real = true;
          same = a;
        }
        if (real || !bl->npreds || !same) {
          k++;
          continue;
        }
        ssa_remove_param(f, b, k);
        ssa_replace(f, param, same);
        changed = true;
      }
    }
  }
  return true;
}

/* The loops enclosing the OSR entry's, and which of them the version keeps as loops (the
 * copies, above): fills the builder's copy ranges and f->osr_nest_kept / osr_nest_flat.  With
 * peel false, or outside an OSR version, one copy: the function as it is.  False when out of
 * memory. */
static bool plan_copies(builder *bd, uint32_t entry_ir, bool peel)
{
  ssa_func *f = bd->f;
  const ir_func *ir = bd->ir;
  uint32_t n = ir->ninsts, nheads = 0, d = 0, kept = 0;
  bd->ncopies = 1;
  bd->nslots = n + 1;
  uint32_t *head = NULL, *end = NULL, *skip = NULL, *chain = NULL, *succ = NULL;
  bool ok = false;
  if (f->osr)
    for (uint32_t i = 0; i < n; i++)
      nheads += ir->insts[i].op == IR_LOOP_HEAD;
  if (nheads) {
    head = malloc(nheads * sizeof *head);
    end = malloc(nheads * sizeof *end);
    skip = malloc(nheads * sizeof *skip);
    chain = malloc(nheads * sizeof *chain);
    succ = malloc((ir->ntable + 2) * sizeof *succ);
    if (!head || !end || !skip || !chain || !succ)
      goto out;
    for (uint32_t i = 0, k = 0; i < n; i++)
      if (ir->insts[i].op == IR_LOOP_HEAD) {
        head[k] = end[k] = i;
        k++;
      }
    /* each loop's last back edge: a branch at i to the loop_head t <= i */
    for (uint32_t i = 0; i < n; i++) {
      ir_op op = (ir_op)ir->insts[i].op;
      if (op != IR_BR && op != IR_BR_IF && op != IR_BR_UNLESS && op != IR_BR_TABLE)
        continue;
      uint32_t ns = ir_succs(ir, i, succ, ir->ntable + 2);
      for (uint32_t k = 0; k < ns; k++) {
        uint32_t t = succ[k];
        if (t > i || t >= n || ir->insts[t].op != IR_LOOP_HEAD)
          continue;
        uint32_t lo = 0, hi = nheads; /* head[] is sorted: find t */
        while (hi - lo > 1) {
          uint32_t mid = lo + (hi - lo) / 2;
          if (head[mid] <= t)
            lo = mid;
          else
            hi = mid;
        }
        if (end[lo] < i)
          end[lo] = i;
      }
    }
    /* ranges closed under nesting, innermost first: a loop starting inside one ends inside it
     * (skip[p] is the first loop after p's range, so each loop visits its direct children) */
    for (uint32_t p = nheads; p-- > 0;) {
      uint32_t e = end[p], q = p + 1;
      while (q < nheads && head[q] <= e) {
        if (end[q] > e)
          e = end[q];
        q = skip[q];
      }
      end[p] = e;
      skip[p] = q;
    }
    for (uint32_t p = 0; p < nheads && head[p] < entry_ir; p++)
      if (end[p] >= entry_ir)
        chain[d++] = p; /* outermost first */
    /* keep the innermost levels while the copies fit the budget */
    uint64_t total = 0;
    for (uint32_t k = d; peel && k >= 1; k--) {
      uint32_t p = chain[k - 1];
      uint64_t size = end[p] - head[p];
      total += size;
      if (total > BUILD_PEEL_FACTOR * (size + 1) || n + total > BUILD_MAX_INSTS)
        break;
      kept++;
    }
    bd->ncopies = kept + 1;
  }
  bd->copy_lo = calloc(bd->ncopies, sizeof *bd->copy_lo);
  bd->copy_hi = calloc(bd->ncopies, sizeof *bd->copy_hi);
  bd->copy_base = calloc(bd->ncopies, sizeof *bd->copy_base);
  if (!bd->copy_lo || !bd->copy_hi || !bd->copy_base)
    goto out;
  for (uint32_t c = 1; c < bd->ncopies; c++) {
    uint32_t p = chain[d - kept + c - 1];
    bd->copy_lo[c] = head[p];
    bd->copy_hi[c] = end[p];
    bd->copy_base[c] = bd->nslots;
    bd->nslots += end[p] - head[p];
  }
  f->osr_nest_kept = kept;
  f->osr_nest_flat = d - kept;
  ok = true;
out:
  free(head);
  free(end);
  free(skip);
  free(chain);
  free(succ);
  return ok;
}

/* One construction; with peel, an OSR version keeps the loops around its entry as loops. */
static bool build(ssa_func *f, bool peel, bool *over_budget)
{
  const ir_func *ir = f->ir;
  builder bd = {.f = f, .ir = ir};
  if (ir->ninsts > BUILD_MAX_INSTS) {
    snprintf(f->error, sizeof f->error,
             "a function of %u IR instructions, more than the %u the SSA construction takes (docs/limits.md)",
             ir->ninsts, BUILD_MAX_INSTS);
    return false;
  }
  if (f->osr && (f->osr_loop_ir >= ir->ninsts || ir->insts[f->osr_loop_ir].op != IR_LOOP_HEAD)) {
    snprintf(f->error, sizeof f->error, "an OSR entry at IR %u, which is not a loop_head", f->osr_loop_ir);
    return false;
  }
  bool ok = false;
  uint32_t start_ir = f->osr ? f->osr_loop_ir : 0;
  uint8_t *start = calloc(ir->ninsts + 1, 1);
  uint32_t *succ = malloc((ir->ntable + 2) * sizeof *succ);
  uint32_t *work = NULL;
  uint8_t *reach = NULL;
  if (!start || !succ || !plan_copies(&bd, start_ir, peel)) {
    fail(&bd, "out of memory building SSA");
    goto out;
  }
  /* the budget counts the copies' instructions as the function's */
  bd.work_budget = (uint64_t)BUILD_WORK_PER_INST * (bd.nslots - 1) + BUILD_WORK_MIN;
  if (bd.work_budget > BUILD_WORK_MAX)
    bd.work_budget = BUILD_WORK_MAX;
  bd.block_of = malloc(bd.nslots * sizeof *bd.block_of);
  reach = calloc(bd.nslots, 1);
  work = malloc(2 * (size_t)bd.nslots * sizeof *work);
  if (!bd.block_of || !reach || !work) {
    fail(&bd, "out of memory building SSA");
    goto out;
  }
  if (!find_blocks(&bd, start)) {
    fail(&bd, "a branch target outside the function");
    goto out;
  }
  /* reachability over (copy, IR block) from the entry's target: work holds pairs */
  uint32_t nwork = 0, top = bd.ncopies - 1;
  reach[slot_of(&bd, top, start_ir)] = 1;
  work[nwork++] = top;
  work[nwork++] = start_ir;
  while (nwork) {
    uint32_t s = work[--nwork], c = work[--nwork], last = s;
    while (last + 1 < ir->ninsts && !start[last + 1])
      last++;
    uint32_t n = ir_succs(ir, last, succ, ir->ntable + 2);
    for (uint32_t k = 0; k < n; k++) {
      if (succ[k] >= ir->ninsts)
        continue;
      uint32_t tc = copy_for(&bd, c, succ[k]), ts = slot_of(&bd, tc, succ[k]);
      if (!reach[ts]) {
        reach[ts] = 1;
        work[nwork++] = tc;
        work[nwork++] = succ[k];
      }
    }
  }
  /* blocks: a separate entry block (parameters and zeroed locals, no predecessors), then one
   * per reachable (copy, IR block), the innermost copy first and each in IR order: the order
   * they are filled in */
  f->entry = ssa_new_block(f);
  for (uint32_t i = 0; i < bd.nslots; i++)
    bd.block_of[i] = SSA_NO_BLOCK;
  for (uint32_t c = bd.ncopies; c-- > 0;)
    for (uint32_t i = c ? bd.copy_lo[c] + 1 : 0; i < (c ? bd.copy_hi[c] + 1 : ir->ninsts); i++) {
      uint32_t at = slot_of(&bd, c, i);
      if (!start[i] || !reach[at])
        continue;
      uint32_t b = ssa_new_block(f);
      if (b == SSA_NO_BLOCK)
        goto out;
      bd.block_of[at] = b;
      f->blocks[b].ir_start = i;
      if (ir->insts[i].op == IR_LOOP_HEAD) {
        f->blocks[b].loop_ir_number = (uint16_t)ir->insts[i].a;
        f->blocks[b].is_loop_header = true; /* until ssa_cfg_update says otherwise */
      }
    }
  /* predecessor counts, to size the preds arrays and know when a block is sealed */
  bd.preds_left = calloc(f->nblocks, sizeof *bd.preds_left);
  bd.sealed = calloc(f->nblocks, sizeof *bd.sealed);
  bd.filled = calloc(f->nblocks, sizeof *bd.filled);
  bd.inc = calloc(f->nblocks, sizeof *bd.inc);
  bd.ninc = calloc(f->nblocks, sizeof *bd.ninc);
  bd.inc_cap = calloc(f->nblocks, sizeof *bd.inc_cap);
  bd.move_at = malloc(f->nblocks * sizeof *bd.move_at);
  if (!bd.preds_left || !bd.sealed || !bd.filled || !bd.inc || !bd.ninc || !bd.inc_cap || !bd.move_at) {
    fail(&bd, "out of memory building SSA");
    goto out;
  }
  bd.preds_left[block_at(&bd, top, start_ir)]++; /* from the entry block */
  for (uint32_t c = 0; c < bd.ncopies; c++)
    for (uint32_t i = c ? bd.copy_lo[c] + 1 : 0; i < (c ? bd.copy_hi[c] + 1 : ir->ninsts); i++) {
      if (!start[i] || !reach[slot_of(&bd, c, i)])
        continue;
      uint32_t last = i;
      while (last + 1 < ir->ninsts && !start[last + 1])
        last++;
      uint32_t n = ir_succs(ir, last, succ, ir->ntable + 2);
      for (uint32_t k = 0; k < n; k++) {
        if (succ[k] >= ir->ninsts) {
          fail(&bd, "a block falls off the end of the function");
          goto out;
        }
        if (ir->insts[last].op == IR_BR_TABLE) { /* one edge per distinct target */
          bool seen = false;
          for (uint32_t j = 0; j < k && !seen; j++)
            seen = succ[j] == succ[k];
          if (seen)
            continue;
        }
        bd.preds_left[block_at(&bd, c, succ[k])]++;
      }
    }
  for (uint32_t b = 0; b < f->nblocks; b++)
    bd.move_at[b] = NO_MOVE;
  for (uint32_t b = 0; b < f->nblocks; b++) {
    f->blocks[b].preds = arena_alloc(&f->mem, (bd.preds_left[b] ? bd.preds_left[b] : 1) * sizeof(ssa_pred));
    if (!f->blocks[b].preds) {
      fail(&bd, "out of memory building SSA");
      goto out;
    }
  }

  /* the entry block: the parameters.  A declared local needs no definition there: a read
   * that reaches the entry without finding one gets zero of its type (undef), which is what
   * a declared local holds, so a function of 50,000 locals that touches two costs two */
  bd.sealed[f->entry] = true;
  bd.filled[f->entry] = true;
  for (uint32_t l = 0; l < ir->nparams && !f->osr; l++) /* an OSR version's come from reads (frame_slot) */
    if (!define(&bd, f->entry, ir->local_slot[l], ssa_add_param(f, f->entry, ir->local_types[l])))
      goto out;
  if (!(ssa_new_inst(f, IR_BR, SSA_VOID, 0)))
    goto out;
  ssa_append(f, f->entry, f->ninsts - 1);
  bd.copy = top;
  if (edge_to(&bd, f->entry, start_ir) == UINT32_MAX)
    goto out;

  /* step 2: fill the blocks, copy by copy from the innermost (edges only go from a copy to
   * itself or an outer one), each in IR order */
  for (uint32_t c = bd.ncopies; c-- > 0;) {
    bd.copy = c;
    for (uint32_t i = c ? bd.copy_lo[c] + 1 : 0; i < (c ? bd.copy_hi[c] + 1 : ir->ninsts); i++) {
      uint32_t b = bd.block_of[slot_of(&bd, c, i)];
      if (b == SSA_NO_BLOCK)
        continue;
      bd.filled[b] = true;
      if (bd.preds_left[b] == 0 && !bd.sealed[b] && !seal(&bd, b))
        goto out;
      uint32_t last = i;
      while (last + 1 < ir->ninsts && !start[last + 1])
        last++;
      for (uint32_t j = i; j <= last; j++)
        if (!translate(&bd, b, j))
          goto out;
      if (!ends_block((ir_op)ir->insts[last].op)) { /* falls through */
        if (!ssa_new_inst(f, IR_BR, SSA_VOID, 0))
          goto out;
        f->insts[f->ninsts - 1].ir = last;
        ssa_append(f, b, f->ninsts - 1);
        if (edge_to(&bd, b, last + 1) == UINT32_MAX)
          goto out;
      }
      /* seal the loop headers (already started) this block was the last predecessor of */
      for (uint32_t s = 0; s < f->blocks[b].nsuccs; s++) {
        uint32_t t = f->blocks[b].succs[s].block;
        if (!bd.sealed[t] && bd.preds_left[t] == 0 && bd.filled[t] && !seal(&bd, t))
          goto out;
      }
      i = last;
    }
  }
  for (uint32_t b = 0; b < f->nblocks; b++)
    if (!bd.sealed[b]) {
      fail(&bd, "a block was never sealed");
      goto out;
    }
  remove_trivial_params(f);
  ssa_apply_forwards(f);
  ok = ssa_cfg_update(f);
out:
  *over_budget = bd.over_budget;
  for (uint32_t b = 0; bd.inc && b < f->nblocks; b++)
    free(bd.inc[b]);
  free(bd.inc);
  free(bd.ninc);
  free(bd.inc_cap);
  free(bd.sealed);
  free(bd.filled);
  free(bd.preds_left);
  free(bd.move_at);
  free(bd.defs);
  free(bd.stack);
  free(bd.block_of);
  free(bd.copy_lo);
  free(bd.copy_hi);
  free(bd.copy_base);
  free(start);
  free(succ);
  free(work);
  free(reach);
  return ok && !f->error[0];
}

bool ssa_build(ssa_func *f)
{
  bool over_budget = false;
  if (build(f, true, &over_budget))
    return true;
  if (!f->osr || !f->osr_nest_kept || !over_budget)
    return false;
  /* the copies did not fit the construction budget: build the version flattened */
  ssa_func keep = *f;
  ssa_func_free(f);
  if (!ssa_func_init(f, keep.m, keep.func_index))
    return false;
  f->explicit_bounds = keep.explicit_bounds;
  f->osr = keep.osr;
  f->osr_loop_ir = keep.osr_loop_ir;
  f->probe = keep.probe;
  f->probe_ir = keep.probe_ir;
  return build(f, false, &over_budget);
}
