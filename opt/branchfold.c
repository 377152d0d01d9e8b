/* branchfold.c: branch folding and block merging: branches with one way become br, empty forwarding blocks are bypassed, a block and its only successor become one. */
#include "opt/opt.h"

#include <stdlib.h>
#include <string.h>

/*
 * Three rewrites of the graph, in this order:
 *
 *   1. Terminators with one way: a br_if on a constant, or whose two edges go to one block
 *      with the same arguments, becomes a br; a br_table on a constant becomes a br, and its
 *      edges to one block with the same arguments become one edge (a table with one edge
 *      left becomes a br).
 *   2. Forwarders bypassed: a block F holding only `br X(args)` is skipped by every edge into
 *      it, which goes to X directly with F's arguments (F's parameters replaced by what the
 *      edge passed F).  1 and 2 repeat while they change something (a bypass can make two
 *      edges of a br_if one).  The analyses are then recomputed (blocks nothing reaches any
 *      more go).
 *   3. Merging: a block ending in `br S`, where S has no other predecessor, takes S's
 *      instructions and terminator; S's parameters become the arguments the br passed.
 *
 * Requirements it keeps:
 *   - Loop headers stay where they are: a block marked with an IR loop number (loop_head:
 *     OSR, hotness and budget checks hang off it) or found to be a loop header is never
 *     bypassed and never merged into its predecessor (the predecessor may merge its own
 *     successor, so a header keeps its mark and gains code, never the reverse).
 *   - No two edges of one block to one target with different arguments are made: a bypass
 *     that would make them is not done (the register allocator resolves arguments per edge,
 *     and br_table's edges stay one per target).  Nor is a forwarder with arguments bypassed
 *     from a br_if or br_table: it is where the argument moves of that edge go, and the
 *     allocator would only split the edge again.
 *   - Values stay available where used: an argument of F's br that is not one of F's
 *     parameters is defined in a block strictly dominating F, which dominates every
 *     predecessor of F; merged code comes after the code of the block that dominated it.
 *   - No instruction is removed or reordered, so traps and effects keep their order.
 *
 * Cost: O(blocks + edges x arguments) per round of 1 and 2 (a few rounds), one recomputation
 * of the analyses, and O(blocks) for the merges.
 */

enum { MAX_ROUNDS = 4, MAX_HOPS = 16 };

typedef struct branchfold {
  ssa_func *f;
  uint8_t *escapes;     /* [ninsts at the start]: a block parameter used outside its block */
  uint32_t n;
  ssa_id *tmp;          /* an edge's new arguments while a bypass is weighed */
  uint32_t tmp_cap;
  bool changed;
} branchfold;

static bool oom(ssa_func *f)
{
  if (!f->error[0])
    snprintf(f->error, sizeof f->error, "out of memory");
  return false;
}

static bool same_args(ssa_func *f, const ssa_edge *a, const ssa_edge *b)
{
  if (a->block != b->block || a->nargs != b->nargs)
    return false;
  const ssa_id *x = ssa_edge_args(f, a), *y = ssa_edge_args(f, b);
  for (uint32_t k = 0; k < a->nargs; k++)
    if (ssa_resolve(f, x[k]) != ssa_resolve(f, y[k]))
      return false;
  return true;
}

/* The terminator of b becomes `br` along its edge e. */
static void make_br(ssa_func *f, uint32_t b, uint32_t e)
{
  ssa_block *bl = &f->blocks[b];
  ssa_inst *t = &f->insts[bl->last];
  bl->succs[0] = bl->succs[e];
  bl->nsuccs = 1;
  bl->table = NULL;
  bl->ntable = 0;
  t->op = IR_BR;
  t->nargs = 0;
  f->cfg_valid = false;
}

/* Rewrite 1 on block b. */
static void simplify_terminator(branchfold *bf, uint32_t b)
{
  ssa_func *f = bf->f;
  ssa_block *bl = &f->blocks[b];
  ssa_inst *t = &f->insts[bl->last];
  if (t->op == IR_BR_IF) {
    ssa_id c = ssa_resolve(f, t->a[0]);
    if (ssa_is_const(f, c))
      make_br(f, b, (uint32_t)f->insts[c].imm ? 0 : 1);
    else if (same_args(f, &bl->succs[0], &bl->succs[1]))
      make_br(f, b, 0);
    else
      return;
    bf->changed = true;
  } else if (t->op == IR_BR_TABLE) {
    ssa_id c = ssa_resolve(f, t->a[0]);
    if (ssa_is_const(f, c)) {
      uint32_t k = (uint32_t)f->insts[c].imm;
      make_br(f, b, bl->table[k < bl->ntable - 1 ? k : bl->ntable - 1]);
      bf->changed = true;
      return;
    }
    /* edges equal to an earlier one fold into it; the table entries follow */
    uint32_t *to = bf->tmp; /* old edge -> new edge (tmp has room: see opt_branchfold) */
    uint32_t n = 0;
    for (uint32_t e = 0; e < bl->nsuccs; e++) {
      uint32_t same = UINT32_MAX;
      for (uint32_t d = 0; d < n && same == UINT32_MAX; d++)
        if (bl->succs[d].block == bl->succs[e].block && same_args(f, &bl->succs[d], &bl->succs[e]))
          same = d;
      if (same != UINT32_MAX) {
        to[e] = same;
        continue;
      }
      bl->succs[n] = bl->succs[e];
      to[e] = n++;
    }
    if (n == bl->nsuccs) {
      if (n == 1) { /* every entry to one block */
        make_br(f, b, 0);
        bf->changed = true;
      }
      return;
    }
    for (uint32_t k = 0; k < bl->ntable; k++)
      bl->table[k] = to[bl->table[k]];
    bl->nsuccs = n;
    f->cfg_valid = false;
    bf->changed = true;
    if (n == 1)
      make_br(f, b, 0);
  }
}

/* Is F a block that only forwards to another (and may be skipped)?  Its parameters must not be
 * read beyond its own br: a block F dominates may use them directly, and F may go. */
static bool is_forwarder(const branchfold *bf, uint32_t F)
{
  ssa_func *f = bf->f;
  const ssa_block *bl = &f->blocks[F];
  for (uint32_t k = 0; k < bl->nparams; k++) {
    ssa_id p = ssa_params(f, F)[k];
    if (p >= bf->n || bf->escapes[p])
      return false;
  }
  return F != f->entry && !bl->dead && bl->first && bl->first == bl->last && f->insts[bl->first].op == IR_BR &&
         bl->nsuccs == 1 && bl->succs[0].block != F && bl->loop_ir_number == SSA_NO_LOOP && !bl->is_loop_header &&
         bl->nparams < UINT16_MAX;
}

/* Rewrite 2 on edge e of block b: while its target forwards, the edge goes where it forwards. */
static bool bypass(branchfold *bf, uint32_t b, uint32_t e)
{
  ssa_func *f = bf->f;
  for (int hop = 0; hop < MAX_HOPS; hop++) {
    const ssa_edge *in = &f->blocks[b].succs[e];
    uint32_t F = in->block;
    if (!is_forwarder(bf, F))
      return true;
    const ssa_edge *out = &f->blocks[F].succs[0];
    uint32_t X = out->block;
    /* F holding the moves of an edge that leaves a branch with several ways (a critical edge:
     * the register allocator would split it again) stays */
    if (out->nargs && f->blocks[b].nsuccs > 1)
      return true;
    if (out->nargs > bf->tmp_cap) {
      ssa_id *t = realloc(bf->tmp, out->nargs * 2 * sizeof *t);
      if (!t)
        return oom(f);
      bf->tmp = t;
      bf->tmp_cap = out->nargs * 2;
      in = &f->blocks[b].succs[e];
      out = &f->blocks[F].succs[0];
    }
    /* F's arguments, its own parameters replaced by what this edge passed them */
    for (uint32_t k = 0; k < out->nargs; k++) {
      ssa_id a = ssa_resolve(f, ssa_edge_args(f, out)[k]);
      const ssa_inst *ai = &f->insts[a];
      if (ai->op == SSA_PARAM && ai->block == F)
        a = ssa_resolve(f, ssa_edge_args(f, in)[ai->aux]);
      bf->tmp[k] = a;
    }
    /* another edge of b to X with other arguments: not done (see the requirements) */
    const ssa_block *bl = &f->blocks[b];
    for (uint32_t d = 0; d < bl->nsuccs; d++) {
      if (d == e || bl->succs[d].block != X)
        continue;
      const ssa_id *da = ssa_edge_args(f, &bl->succs[d]);
      for (uint32_t k = 0; k < out->nargs; k++)
        if (ssa_resolve(f, da[k]) != bf->tmp[k])
          return true;
    }
    uint32_t nargs = out->nargs;
    uint32_t at = nargs ? ssa_pool_alloc(f, nargs) : 0;
    if (at == UINT32_MAX)
      return false;
    if (nargs) /* no memcpy from a null tmp when the forwarder passes nothing (UBSan) */
      memcpy(f->pool + at, bf->tmp, nargs * sizeof *bf->tmp);
    ssa_edge *ed = &f->blocks[b].succs[e];
    ed->block = X;
    ed->args = at;
    ed->nargs = ed->args_cap = nargs;
    f->cfg_valid = false;
    bf->changed = true;
  }
  return true;
}

/* Rewrite 3: b ends in br to s, s's only predecessor: s's code moves to the end of b. */
static void merge(ssa_func *f, uint32_t b, uint32_t s)
{
  ssa_block *bl = &f->blocks[b], *sl = &f->blocks[s];
  const ssa_edge *e = &bl->succs[0];
  for (uint32_t k = 0; k < sl->nparams; k++) {
    ssa_id p = ssa_params(f, s)[k];
    ssa_replace(f, p, ssa_edge_args(f, e)[k]);
    f->insts[p].flags |= SSA_F_DEAD;
  }
  sl->nparams = 0;
  ssa_unlink(f, bl->last);
  for (ssa_id v = sl->first; v; v = f->insts[v].next)
    f->insts[v].block = b;
  if (sl->first) {
    if (bl->last) {
      f->insts[bl->last].next = sl->first;
      f->insts[sl->first].prev = bl->last;
    } else
      bl->first = sl->first;
    bl->last = sl->last;
  }
  bl->succs = sl->succs;
  bl->nsuccs = sl->nsuccs;
  bl->succs_cap = sl->succs_cap;
  bl->table = sl->table;
  bl->ntable = sl->ntable;
  sl->first = sl->last = SSA_NONE;
  sl->succs = NULL;
  sl->nsuccs = sl->succs_cap = sl->ntable = 0;
  sl->table = NULL;
  sl->dead = true;
  sl->npreds = 0;
  f->cfg_valid = false;
}

static bool mergeable(ssa_func *f, uint32_t b)
{
  const ssa_block *bl = &f->blocks[b];
  if (bl->dead || !bl->last || f->insts[bl->last].op != IR_BR || bl->nsuccs != 1)
    return false;
  uint32_t s = bl->succs[0].block;
  const ssa_block *sl = &f->blocks[s];
  return s != b && s != f->entry && !sl->dead && sl->npreds == 1 && sl->loop_ir_number == SSA_NO_LOOP &&
         !sl->is_loop_header;
}

/* Marks the block parameters read outside their own block (by an instruction or an edge). */
static void find_escapes(branchfold *bf)
{
  ssa_func *f = bf->f;
  for (uint32_t i = 0; i < f->nreachable; i++) {
    uint32_t b = f->rpo_order[i];
    const ssa_block *bl = &f->blocks[b];
    for (ssa_id v = bl->first; v; v = f->insts[v].next) {
      const ssa_id *as = ssa_args(f, v);
      for (uint16_t k = 0; f->insts[v].op != SSA_CONST && k < f->insts[v].nargs; k++) {
        ssa_id a = ssa_resolve(f, as[k]);
        if (f->insts[a].op == SSA_PARAM && f->insts[a].block != b)
          bf->escapes[a] = 1;
      }
    }
    for (uint32_t e = 0; e < bl->nsuccs; e++)
      for (uint32_t k = 0; k < bl->succs[e].nargs; k++) {
        ssa_id a = ssa_resolve(f, ssa_edge_args(f, &bl->succs[e])[k]);
        if (f->insts[a].op == SSA_PARAM && f->insts[a].block != b)
          bf->escapes[a] = 1;
      }
  }
}

bool opt_branchfold(ssa_func *f)
{
  branchfold bf = {.f = f, .n = f->ninsts};
  bf.escapes = calloc(bf.n, 1);
  if (!bf.escapes)
    return oom(f);
  find_escapes(&bf);
  uint32_t most = 2;
  for (uint32_t b = 0; b < f->nblocks; b++)
    if (!f->blocks[b].dead && f->blocks[b].nsuccs > most)
      most = f->blocks[b].nsuccs;
  bf.tmp_cap = most;
  bf.tmp = malloc(most * sizeof *bf.tmp);
  if (!bf.tmp) {
    free(bf.escapes);
    return oom(f);
  }
  bool ok = false;
  for (int round = 0; round < MAX_ROUNDS; round++) {
    bf.changed = false;
    for (uint32_t i = 0; i < f->nreachable; i++) {
      uint32_t b = f->rpo_order[i];
      if (f->blocks[b].dead)
        continue;
      for (uint32_t e = 0; e < f->blocks[b].nsuccs; e++)
        if (!bypass(&bf, b, e))
          goto out;
      simplify_terminator(&bf, b);
    }
    if (!bf.changed)
      break;
    if (!ssa_cfg_update(f))
      goto out;
  }
  if (!f->cfg_valid && !ssa_cfg_update(f))
    goto out;
  for (uint32_t i = 0; i < f->nreachable; i++) {
    uint32_t b = f->rpo_order[i];
    while (mergeable(f, b))
      merge(f, b, f->blocks[b].succs[0].block);
  }
  ok = true;
out:
  free(bf.tmp);
  free(bf.escapes);
  return ok;
}
