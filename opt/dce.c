/* dce.c: dead code elimination: instructions and block parameters nothing live needs, found by marking from the effects. */
#include "opt/opt.h"

#include <stdlib.h>

/*
 * Mark and sweep.  The roots are the instructions that may not go whatever uses them
 * (ssa_removable is false: terminators, stores, calls, global and table writes, and anything
 * that may trap, loads included).  A live instruction makes its operands live; a live block
 * parameter makes the matching argument of every edge into its block live.  An edge
 * argument is not a use by itself: a parameter that only feeds itself around a loop (a
 * counter nobody reads) is never reached from a root, and goes with its arguments.
 * Everything unmarked in a reachable block is then removed: instructions unlinked,
 * parameters dropped with their arguments (ssa_remove_param).
 *
 * Requirements it keeps: only what ssa_removable allows goes, so no trap, store or call is
 * lost; the entry block's parameters are the function's signature and stay.  Edges are not
 * changed, so the predecessor lists stay valid.
 *
 * Cost: O(instructions + parameters x predecessors): each value is marked once, and marking
 * a parameter visits its block's incoming edges once.
 */

static bool oom(ssa_func *f)
{
  if (!f->error[0])
    snprintf(f->error, sizeof f->error, "out of memory");
  return false;
}

/* The position of parameter p among its block's parameters. */
static uint32_t param_index(ssa_func *f, ssa_id p)
{
  uint32_t b = f->insts[p].block, k = f->insts[p].aux;
  if (k < UINT16_MAX)
    return k;
  for (k = 0; ssa_params(f, b)[k] != p; k++)
    ;
  return k;
}

bool opt_dce(ssa_func *f)
{
  uint32_t n = f->ninsts;
  uint8_t *live = calloc(n, 1);
  ssa_id *stack = malloc(n * sizeof *stack);
  if (!live || !stack) {
    free(live), free(stack);
    return oom(f);
  }
  uint32_t sp = 0;
#define MARK(v) do { ssa_id v_ = (v); if (!live[v_]) { live[v_] = 1; stack[sp++] = v_; } } while (0)
  for (uint32_t i = 0; i < f->nreachable; i++)
    for (ssa_id v = f->blocks[f->rpo_order[i]].first; v; v = f->insts[v].next)
      if (!ssa_removable(f, v))
        MARK(v);
  while (sp) {
    ssa_id v = stack[--sp];
    const ssa_inst *in = &f->insts[v];
    if (in->op == SSA_PARAM) {
      const ssa_block *bl = &f->blocks[in->block];
      uint32_t k = param_index(f, v);
      for (uint32_t p = 0; p < bl->npreds; p++) {
        const ssa_edge *e = &f->blocks[bl->preds[p].block].succs[bl->preds[p].edge];
        MARK(ssa_resolve(f, ssa_edge_args(f, e)[k]));
      }
      continue;
    }
    if (in->op == SSA_CONST)
      continue;
    const ssa_id *as = ssa_args(f, v);
    for (uint16_t k = 0; k < in->nargs; k++)
      MARK(ssa_resolve(f, as[k]));
  }
#undef MARK
  for (uint32_t i = 0; i < f->nreachable; i++) {
    uint32_t b = f->rpo_order[i];
    for (ssa_id v = f->blocks[b].first, next; v; v = next) {
      next = f->insts[v].next;
      if (!live[v])
        ssa_unlink(f, v);
    }
    if (b == f->entry)
      continue;
    for (uint32_t k = f->blocks[b].nparams; k-- > 0;)
      if (!live[ssa_params(f, b)[k]])
        ssa_remove_param(f, b, k);
  }
  free(live);
  free(stack);
  return true;
}
