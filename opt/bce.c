/* bce.c: bounds-check elimination for explicit bounds: marks the memory accesses whose bounds are already proven, so the emitter leaves out their checks. */
#include "opt/opt.h"

#include <stdlib.h>
#include <string.h>

#include "core/opcodes.h"
#include "opt/range.h"

/*
 * Only with explicit bounds checks (--bounds-checks=explicit, or a memory without guard
 * pages); with guard pages there are no checks to remove.  An access of `width` bytes at
 * address value a and static offset o touches [a + o, a + o + width), with a + o computed
 * without wrapping (wasm's effective address is 33 bits wide); it is in bounds when
 * a + o + width <= the memory's size.  Two facts make a check provably redundant:
 *
 *   1. The memory never shrinks.  Its size is at least its declared minimum from instantiation
 *      on, and memory.grow only adds pages.  So an access whose end is at most the minimum is
 *      in bounds whatever happens before it: its address needs an upper bound, and
 *      opt/range.c gives one for i32 values built from constants, induction variables bounded
 *      by their loop's exit test, `and`, `shr_u`, `rem_u`, narrow loads, compares, and
 *      non-wrapping `add`, `shl` and `mul` (up to RANGE_DEPTH operands deep).
 *   2. For the same reason, a check that passed stays passed: an access dominated by an access
 *      to the same address value whose end is at least its own is in bounds, whatever runs in
 *      between (stores, calls, memory.grow).  Dominance means the earlier access ran, and did
 *      not trap, on every path here; the address value is the same number at both.
 *
 * The pass walks the dominator tree with an explicit stack, keeping for each address value the
 * largest end proven on the way down (undone on the way up), and sets SSA_F_CHECKED on what it
 * proves.  Nothing moves, so traps keep their places: a check is only dropped where it cannot
 * fail.  Loops: an access in a loop body is covered by one before the loop, or in the loop's
 * header, to the same address value (an invariant address); an access whose address is built
 * from an induction variable with a constant bound (a static array indexed by the loop's
 * counter) is covered by fact 1 over the whole loop.  A check against a bound only known at run
 * time (a heap array) is not hoisted: that needs a test before the loop and a second, checked
 * copy of the loop for the iterations that would trap, see docs/ssa.md.
 *
 * Cost: one visit per block and per instruction, the range look-ups bounded by RANGE_DEPTH,
 * and one array of proven ends indexed by value.
 */

#define RANGE_DEPTH 6        /* operands followed when bounding an address from above */

static uint64_t access_width(uint16_t op) { return 1ull << opcodes_info[op].align; }

/* An undo record: value's proven end before a block of the walk raised it. */
typedef struct bce_undo {
  ssa_id value;
  uint64_t end;
} bce_undo;

typedef struct bce {
  ssa_func *f;
  uint64_t min_bytes;  /* the memory's size is never below this */
  range_info range;    /* upper bounds of induction variables (opt/range.c) */
  uint64_t *proven;    /* [ninsts] largest end proven for an address value on the current path */
  bce_undo *undo;
  uint32_t nundo, undo_cap;
} bce;

static bool raise_end(bce *s, ssa_id addr, uint64_t end)
{
  if (s->proven[addr] >= end)
    return true;
  if (s->nundo == s->undo_cap) {
    uint32_t cap = s->undo_cap ? s->undo_cap * 2 : 64;
    bce_undo *p = realloc(s->undo, cap * sizeof *p);
    if (!p)
      return false;
    s->undo = p;
    s->undo_cap = cap;
  }
  s->undo[s->nundo++] = (bce_undo){addr, s->proven[addr]};
  s->proven[addr] = end;
  return true;
}

static bool visit_block(bce *s, uint32_t b)
{
  ssa_func *f = s->f;
  for (ssa_id v = f->blocks[b].first; v; v = f->insts[v].next) {
    ssa_inst *in = &f->insts[v];
    if (!ssa_is_load(in->op) && !ssa_is_store(in->op))
      continue;
    ssa_id addr = ssa_args(f, v)[0];
    uint64_t end = in->imm + access_width(in->op);
    if (s->proven[addr] >= end || range_upper(&s->range, f, addr, RANGE_DEPTH) + end <= s->min_bytes)
      in->flags |= SSA_F_CHECKED;
    else if (!raise_end(s, addr, end)) /* checked here: later accesses below it are covered */
      return false;
  }
  return true;
}

bool opt_bce(ssa_func *f)
{
  const wlab_module *m = f->m;
  if (!f->explicit_bounds || m->nmemories == 0)
    return true;
  bce s = {.f = f, .min_bytes = m->memories[0].min * 65536u};
  if (!range_build(f, &s.range))
    return false;
  /* the walk: (block, undo mark) pairs; a block is pushed when its parent's instructions are
   * done, and popped (its marks undone) after its subtree */
  typedef struct frame { uint32_t block, mark; bool entered; } frame;
  frame *stack = malloc(((size_t)f->nblocks + 1) * sizeof *stack);
  s.proven = calloc(f->ninsts, sizeof *s.proven);
  bool ok = stack && s.proven;
  uint32_t depth = 0;
  if (ok)
    stack[depth++] = (frame){f->entry, 0, false};
  while (ok && depth) {
    frame *top = &stack[depth - 1];
    if (top->entered) {
      while (s.nundo > top->mark) {
        s.nundo--;
        s.proven[s.undo[s.nundo].value] = s.undo[s.nundo].end;
      }
      depth--;
      continue;
    }
    top->entered = true;
    top->mark = s.nundo;
    uint32_t b = top->block;
    if (!visit_block(&s, b)) {
      ok = false;
      break;
    }
    for (uint32_t c = f->blocks[b].dom_child; c != SSA_NO_BLOCK; c = f->blocks[c].dom_sibling)
      stack[depth++] = (frame){c, 0, false};
  }
  free(stack);
  range_free(&s.range);
  free(s.proven);
  free(s.undo);
  if (!ok)
    snprintf(f->error, sizeof f->error, "out of memory");
  return ok;
}
