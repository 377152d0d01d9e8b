/* lower.c: prepares the optimised SSA for the backend: every critical edge gets a block of its own, so the moves of each edge have one place to go. */
#include "opt/opt.h"

/*
 * An edge from a block with several successors to a block with several predecessors is
 * critical: moves made on it (block arguments, values the allocator placed differently on the
 * two sides) can go neither at the end of the source nor at the start of the target.  Such an
 * edge gets a new block holding only `br`, which takes over the edge's arguments.  br_table
 * entries that share an edge share its new block.
 */
bool opt_split_critical_edges(ssa_func *f)
{
  uint32_t n = f->nblocks;
  for (uint32_t b = 0; b < n; b++) {
    ssa_block *bl = &f->blocks[b];
    if (bl->dead || bl->nsuccs < 2)
      continue;
    for (uint32_t s = 0; s < f->blocks[b].nsuccs; s++) {
      uint32_t t = f->blocks[b].succs[s].block;
      if (f->blocks[t].npreds < 2)
        continue;
      uint32_t nb = ssa_new_block(f);
      if (nb == SSA_NO_BLOCK)
        return false;
      ssa_id br = ssa_new_inst(f, IR_BR, SSA_VOID, 0);
      if (!br)
        return false;
      f->insts[br].ir = f->insts[f->blocks[b].last].ir;
      f->insts[br].origin = f->insts[f->blocks[b].last].origin;
      ssa_append(f, nb, br);
      f->blocks[nb].ir_start = f->blocks[t].ir_start;
      /* the new block's edge to t takes the arguments; b's edge now goes to the new block */
      uint32_t e = ssa_add_edge(f, nb, t);
      if (e == UINT32_MAX)
        return false;
      ssa_edge *old = &f->blocks[b].succs[s];
      ssa_edge *ne = &f->blocks[nb].succs[e];
      ne->args = old->args;
      ne->nargs = old->nargs;
      ne->args_cap = old->args_cap;
      old->block = nb;
      old->nargs = 0;
      old->args_cap = 0;
      old->args = 0;
    }
  }
  f->cfg_valid = false;
  return ssa_cfg_update(f);
}
