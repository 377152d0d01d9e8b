/* cfg.c: the analyses every pass relies on: predecessors, reverse post-order, dominators and the dominator tree, loop headers and nesting. */
#include "opt/ssa.h"

#include <stdlib.h>
#include <string.h>

/*
 * Recomputed as a whole from the successor edges whenever a pass changed them (the driver
 * calls ssa_cfg_update when cfg_valid is false): O(blocks + edges) for everything but loop
 * bodies, which cost O(blocks in the loop) per loop.
 *
 * Dominators: Cooper, Harvey and Kennedy, "A Simple, Fast Dominance Algorithm" (2001): the
 * iterative intersection over reverse post-order, which for the reducible graphs structured
 * wasm makes converges in two passes.  Loops: a back edge is an edge to a block that
 * dominates its source; the natural loop is what reaches the source backwards without
 * passing the header.  Headers are processed outermost first (in reverse post-order), so an
 * inner loop's marks overwrite its enclosing loop's.
 */

static bool oom(ssa_func *f)
{
  if (!f->error[0])
    snprintf(f->error, sizeof f->error, "out of memory in the CFG analyses");
  return false;
}

static void kill_block(ssa_func *f, uint32_t b)
{
  ssa_block *bl = &f->blocks[b];
  for (ssa_id v = bl->first; v;) {
    ssa_id next = f->insts[v].next;
    f->insts[v].flags |= SSA_F_DEAD;
    v = next;
  }
  for (uint32_t k = 0; k < bl->nparams; k++)
    f->insts[ssa_params(f, b)[k]].flags |= SSA_F_DEAD;
  bl->dead = true;
  bl->npreds = 0;
  bl->rpo = SSA_NO_BLOCK;
}

/* Reverse post-order from the entry, by an explicit stack of (block, next edge).  tmp has room
 * for 4 * nblocks words (ssa_cfg_update's: one allocation for the analyses' work arrays). */
static bool compute_rpo(ssa_func *f, uint32_t *tmp)
{
  uint32_t n = f->nblocks;
  uint32_t *stack = tmp, *edge = tmp + n, *seen = tmp + 2 * n, *post = tmp + 3 * n;
  memset(edge, 0, 2 * (size_t)n * sizeof *edge); /* edge and seen */
  uint32_t sp = 0, npost = 0;
  stack[sp++] = f->entry;
  seen[f->entry] = 1;
  while (sp) {
    uint32_t b = stack[sp - 1];
    ssa_block *bl = &f->blocks[b];
    if (edge[b] < bl->nsuccs) {
      uint32_t t = bl->succs[edge[b]++].block;
      if (!seen[t]) {
        seen[t] = 1;
        stack[sp++] = t;
      }
    } else {
      post[npost++] = b;
      sp--;
    }
  }
  free(f->rpo_order);
  f->rpo_order = malloc((npost ? npost : 1) * sizeof *f->rpo_order);
  if (!f->rpo_order)
    return oom(f);
  f->nreachable = npost;
  for (uint32_t i = 0; i < npost; i++) {
    f->rpo_order[i] = post[npost - 1 - i];
    f->blocks[f->rpo_order[i]].rpo = i;
  }
  for (uint32_t b = 0; b < n; b++)
    if (!seen[b] && !f->blocks[b].dead)
      kill_block(f, b);
  return true;
}

static bool compute_preds(ssa_func *f, uint32_t *tmp)
{
  for (uint32_t b = 0; b < f->nblocks; b++)
    f->blocks[b].npreds = 0;
  uint32_t *count = tmp;
  memset(count, 0, f->nblocks * sizeof *count);
  for (uint32_t b = 0; b < f->nblocks; b++)
    if (!f->blocks[b].dead)
      for (uint32_t s = 0; s < f->blocks[b].nsuccs; s++)
        count[f->blocks[b].succs[s].block]++;
  for (uint32_t b = 0; b < f->nblocks; b++) {
    if (f->blocks[b].dead)
      continue;
    /* not cleared: every entry is written below (the graph is analysed after every pass that
     * changes it, hundreds of times per module) */
    f->blocks[b].preds = arena_take(&f->mem, (count[b] ? count[b] : 1) * sizeof(ssa_pred));
    if (!f->blocks[b].preds)
      return oom(f);
  }
  /* in RPO order of the sources, so a block's predecessor list reads top to bottom */
  for (uint32_t i = 0; i < f->nreachable; i++) {
    uint32_t b = f->rpo_order[i];
    for (uint32_t s = 0; s < f->blocks[b].nsuccs; s++) {
      ssa_block *t = &f->blocks[f->blocks[b].succs[s].block];
      t->preds[t->npreds++] = (ssa_pred){b, s};
    }
  }
  return true;
}

static uint32_t intersect(const ssa_func *f, uint32_t a, uint32_t b)
{
  while (a != b) {
    while (f->blocks[a].rpo > f->blocks[b].rpo)
      a = f->blocks[a].idom;
    while (f->blocks[b].rpo > f->blocks[a].rpo)
      b = f->blocks[b].idom;
  }
  return a;
}

static void compute_dominators(ssa_func *f)
{
  for (uint32_t i = 0; i < f->nreachable; i++)
    f->blocks[f->rpo_order[i]].idom = SSA_NO_BLOCK;
  f->blocks[f->entry].idom = f->entry;
  bool changed = true;
  while (changed) {
    changed = false;
    for (uint32_t i = 1; i < f->nreachable; i++) {
      uint32_t b = f->rpo_order[i];
      ssa_block *bl = &f->blocks[b];
      uint32_t idom = SSA_NO_BLOCK;
      for (uint32_t p = 0; p < bl->npreds; p++) {
        uint32_t q = bl->preds[p].block;
        if (f->blocks[q].idom == SSA_NO_BLOCK)
          continue;
        idom = idom == SSA_NO_BLOCK ? q : intersect(f, q, idom);
      }
      if (idom != bl->idom) {
        bl->idom = idom;
        changed = true;
      }
    }
  }
}

/* The dominator tree as child/sibling lists, and pre/post numbers for O(1) dominance tests. */
static void number_dom_tree(ssa_func *f, uint32_t *tmp)
{
  for (uint32_t i = 0; i < f->nreachable; i++) {
    ssa_block *bl = &f->blocks[f->rpo_order[i]];
    bl->dom_child = bl->dom_sibling = SSA_NO_BLOCK;
  }
  /* children in reverse RPO order, so each child list ends up in RPO order */
  for (uint32_t i = f->nreachable; i-- > 1;) {
    uint32_t b = f->rpo_order[i];
    ssa_block *p = &f->blocks[f->blocks[b].idom];
    f->blocks[b].dom_sibling = p->dom_child;
    p->dom_child = b;
  }
  uint32_t *stack = tmp, *entered = tmp + f->nblocks;
  memset(entered, 0, f->nblocks * sizeof *entered);
  uint32_t sp = 0, counter = 0;
  stack[sp++] = f->entry;
  while (sp) {
    uint32_t b = stack[sp - 1];
    ssa_block *bl = &f->blocks[b];
    if (!entered[b]) {
      entered[b] = 1;
      bl->dom_pre = counter++;
      /* push children in reverse so the first child is visited first */
      uint32_t n = 0;
      for (uint32_t c = bl->dom_child; c != SSA_NO_BLOCK; c = f->blocks[c].dom_sibling)
        n++;
      uint32_t at = sp + n;
      for (uint32_t c = bl->dom_child; c != SSA_NO_BLOCK; c = f->blocks[c].dom_sibling)
        stack[--at] = c;
      sp += n;
    } else {
      bl->dom_post = counter++;
      sp--;
    }
  }
}

static void compute_loops(ssa_func *f, uint32_t *tmp)
{
  for (uint32_t i = 0; i < f->nreachable; i++) {
    ssa_block *bl = &f->blocks[f->rpo_order[i]];
    bl->loop_header = SSA_NO_BLOCK;
    bl->loop_depth = 0;
    bl->is_loop_header = false;
  }
  uint32_t *work = tmp;
  uint32_t *mark = tmp + f->nblocks; /* last header whose walk reached the block, + 1 */
  memset(mark, 0, f->nblocks * sizeof *mark);
  for (uint32_t i = 0; i < f->nreachable; i++) {
    uint32_t h = f->rpo_order[i];
    ssa_block *hb = &f->blocks[h];
    uint32_t nwork = 0;
    bool back = false;
    for (uint32_t p = 0; p < hb->npreds; p++) {
      uint32_t src = hb->preds[p].block;
      if (!ssa_dominates(f, h, src))
        continue;
      back = true;
      if (src != h && mark[src] != h + 1) { /* a block that loops to itself is its own body */
        mark[src] = h + 1;
        work[nwork++] = src;
      }
    }
    if (!back)
      continue;
    hb->is_loop_header = true;
    uint32_t parent = hb->loop_header; /* set by an enclosing loop, processed earlier */
    uint32_t depth = parent == SSA_NO_BLOCK ? 1 : f->blocks[parent].loop_depth + 1;
    mark[h] = h + 1;
    hb->loop_header = h;
    hb->loop_depth = depth;
    while (nwork) {
      uint32_t b = work[--nwork];
      ssa_block *bl = &f->blocks[b];
      bl->loop_header = h;
      bl->loop_depth = depth;
      for (uint32_t p = 0; p < bl->npreds; p++) {
        uint32_t q = bl->preds[p].block;
        if (mark[q] != h + 1) {
          mark[q] = h + 1;
          work[nwork++] = q;
        }
      }
    }
  }
}

bool ssa_cfg_update(ssa_func *f)
{
  uint32_t *tmp = malloc(4 * (size_t)(f->nblocks ? f->nblocks : 1) * sizeof *tmp);
  if (!tmp)
    return oom(f);
  bool ok = compute_rpo(f, tmp) && compute_preds(f, tmp);
  if (ok) {
    compute_dominators(f);
    number_dom_tree(f, tmp);
    compute_loops(f, tmp);
    f->cfg_valid = true;
  }
  free(tmp);
  return ok;
}
