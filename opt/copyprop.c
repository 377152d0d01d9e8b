/* copyprop.c: copy propagation: block parameters that only copy a value (trivial or redundant) and selects of one value are replaced by that value. */
#include "opt/opt.h"

#include <stdlib.h>
#include <string.h>

/*
 * The SSA form has no copy instruction (construction already reads through `copy`), so the
 * copies left are the ones the graph makes:
 *
 *   - a trivial parameter: every incoming edge passes one value x, or the parameter itself
 *     (around a loop): the parameter is x.  (Construction removes these, but the passes
 *     before this one make more: sccp folds arguments into one constant, gvn makes two
 *     arguments one value.)
 *   - a redundant parameter: two parameters p and q of one block whose arguments are the same
 *     value on every edge (where an edge passing p to p and q to q counts as the same: both
 *     keep their value around a loop): p is q.  On the first entry both get one value; on
 *     every later one either one value or each its own, which are equal by induction.
 *   - select(a, a, c) is a; a select on a constant is the arm it picks.
 *
 * Each replacement may make more: the blocks whose incoming edges pass the replaced value are
 * looked at again (a worklist), until nothing changes.
 *
 * Requirements it keeps: a trivial parameter's one value x dominates the block (every path
 * into the block enters it first through an edge that passes x, from a block x dominates), so
 * every use of the parameter may read x.  Nothing else moves; edges are not changed, so the
 * predecessor lists stay valid throughout.  The entry block's parameters are the function's
 * and are never touched.
 *
 * Cost: each block is looked at once, then again per replaced value its edges pass; a look
 * costs O(parameters x predecessors), with the redundant pairs found by hashing each
 * parameter's column of arguments (no pairwise compare unless two hashes match).
 */

typedef struct copyprop {
  ssa_func *f;
  uint32_t n;               /* values when the pass started: the use lists cover these */
  ssa_uses uses;
  uint32_t *work;           /* blocks to look at */
  uint32_t nwork;
  uint8_t *in_work;
  ssa_id *selects;          /* selects to look at (a worklist too: no recursion through chains) */
  uint32_t nselects;
  uint8_t *in_selects;
  ssa_id *alias_next;       /* values replaced by the same value, chained: their users are its users */
  ssa_id *alias_tail;
  struct column *cols;      /* per parameter of the block being looked at: its column's hash */
  uint32_t *into;           /* ... and the parameter it merges into, UINT32_MAX for none */
  uint32_t scratch_cap;
} copyprop;

static bool oom(ssa_func *f)
{
  if (!f->error[0])
    snprintf(f->error, sizeof f->error, "out of memory");
  return false;
}

static void push_block(copyprop *c, uint32_t b)
{
  if (c->in_work[b] || !c->f->blocks[b].nparams || b == c->f->entry)
    return;
  c->in_work[b] = 1;
  c->work[c->nwork++] = b;
}

static void replaced(copyprop *c, ssa_id old, ssa_id with);

/* select(a, a, c) and select on a constant: the arm. */
static void simplify_select(copyprop *c, ssa_id v)
{
  ssa_func *f = c->f;
  ssa_inst *in = &f->insts[v];
  if (in->op != IR_SELECT || (in->flags & SSA_F_DEAD))
    return;
  ssa_id a = ssa_resolve(f, in->a[0]), b = ssa_resolve(f, in->a[1]), k = ssa_resolve(f, in->a[2]);
  ssa_id to = SSA_NONE;
  if (a == b)
    to = a;
  else if (ssa_is_const(f, k))
    to = (uint32_t)f->insts[k].imm ? a : b;
  if (!to || f->insts[to].type != in->type)
    return;
  ssa_unlink(f, v);
  replaced(c, v, to);
}

/* old now reads as `with`: whoever used old (or anything replaced by old before) looks again. */
static void replaced(copyprop *c, ssa_id old, ssa_id with)
{
  ssa_func *f = c->f;
  ssa_replace(f, old, with);
  for (ssa_id w = old; w; w = c->alias_next[w]) {
    if (w >= c->n)
      continue;
    for (uint32_t i = c->uses.start[w]; i < c->uses.start[w + 1]; i++) {
      ssa_id u = c->uses.user[i];
      if (f->insts[u].flags & SSA_F_DEAD)
        continue;
      uint32_t b = f->insts[u].block;
      if (u == f->blocks[b].last)
        for (uint32_t s = 0; s < f->blocks[b].nsuccs; s++)
          push_block(c, f->blocks[b].succs[s].block);
      else if (f->insts[u].op == IR_SELECT && u < c->n && !c->in_selects[u]) {
        c->in_selects[u] = 1;
        c->selects[c->nselects++] = u;
      }
    }
  }
  /* old's chain joins the chain of what it now is */
  with = ssa_resolve(f, with);
  if (with < c->n) {
    c->alias_next[c->alias_tail[with]] = old;
    c->alias_tail[with] = c->alias_tail[old];
  }
}

static inline ssa_id arg_of(ssa_func *f, const ssa_pred *pr, uint32_t k)
{
  const ssa_edge *e = &f->blocks[pr->block].succs[pr->edge];
  return ssa_resolve(f, ssa_edge_args(f, e)[k]);
}

/* The one value parameter k of b copies, or 0 when two different values meet there. */
static ssa_id trivial_value(ssa_func *f, uint32_t b, uint32_t k)
{
  const ssa_block *bl = &f->blocks[b];
  ssa_id p = ssa_params(f, b)[k], same = SSA_NONE;
  for (uint32_t i = 0; i < bl->npreds; i++) {
    ssa_id a = arg_of(f, &bl->preds[i], k);
    if (a == p || a == same)
      continue;
    if (same)
      return SSA_NONE;
    same = a;
  }
  return same;
}

/* An argument as the redundancy test sees it: a parameter passed to itself is "unchanged". */
#define UNCHANGED UINT32_MAX
static inline ssa_id column_entry(ssa_func *f, uint32_t b, const ssa_pred *pr, uint32_t k)
{
  ssa_id a = arg_of(f, pr, k);
  return a == ssa_params(f, b)[k] ? UNCHANGED : a;
}

static bool same_column(ssa_func *f, uint32_t b, uint32_t j, uint32_t k)
{
  const ssa_block *bl = &f->blocks[b];
  if (f->insts[ssa_params(f, b)[j]].type != f->insts[ssa_params(f, b)[k]].type)
    return false;
  for (uint32_t i = 0; i < bl->npreds; i++)
    if (column_entry(f, b, &bl->preds[i], j) != column_entry(f, b, &bl->preds[i], k))
      return false;
  return true;
}

typedef struct column { uint64_t hash; uint32_t k; } column;

static int by_hash(const void *x, const void *y)
{
  const column *a = x, *b = y;
  if (a->hash != b->hash)
    return a->hash < b->hash ? -1 : 1;
  return a->k < b->k ? -1 : a->k > b->k;
}

static bool look_at(copyprop *c, uint32_t b)
{
  ssa_func *f = c->f;
  /* trivial parameters, from the last so the indices of the ones still to look at hold */
  for (uint32_t k = f->blocks[b].nparams; k-- > 0;) {
    ssa_id x = trivial_value(f, b, k);
    if (!x)
      continue;
    ssa_id p = ssa_params(f, b)[k];
    ssa_remove_param(f, b, k);
    replaced(c, p, x);
  }
  /* redundant pairs: equal columns of arguments, found among equal hashes */
  uint32_t np = f->blocks[b].nparams;
  if (np < 2)
    return true;
  if (np > c->scratch_cap) {
    uint32_t cap = np * 2;
    column *cols = realloc(c->cols, cap * sizeof *cols);
    if (!cols)
      return oom(f);
    c->cols = cols;
    uint32_t *into = realloc(c->into, cap * sizeof *into);
    if (!into)
      return oom(f);
    c->into = into;
    c->scratch_cap = cap;
  }
  const ssa_block *bl = &f->blocks[b];
  for (uint32_t k = 0; k < np; k++) {
    uint64_t h = f->insts[ssa_params(f, b)[k]].type;
    for (uint32_t i = 0; i < bl->npreds; i++)
      h = (h ^ column_entry(f, b, &bl->preds[i], k)) * 0x100000001B3ull;
    c->cols[k] = (column){h, k};
    c->into[k] = UINT32_MAX;
  }
  qsort(c->cols, np, sizeof *c->cols, by_hash);
  /* each parameter merges into the first kept one of its run with an equal column (a lower
   * index: runs are sorted by index) */
  bool any = false;
  for (uint32_t i = 1; i < np; i++) {
    uint32_t k = c->cols[i].k;
    for (uint32_t j0 = i; j0-- > 0 && c->cols[j0].hash == c->cols[i].hash;) {
      uint32_t j = c->cols[j0].k;
      if (c->into[j] == UINT32_MAX && same_column(f, b, j, k)) {
        c->into[k] = j;
        any = true;
        break;
      }
    }
  }
  if (!any)
    return true;
  /* highest index first: removing parameter k shifts only the ones after it, and every kept
   * one is below what merges into it */
  for (uint32_t k = np; k-- > 0;) {
    if (c->into[k] == UINT32_MAX)
      continue;
    ssa_id p = ssa_params(f, b)[k], q = ssa_params(f, b)[c->into[k]];
    ssa_remove_param(f, b, k);
    replaced(c, p, q);
  }
  return true;
}

bool opt_copyprop(ssa_func *f)
{
  copyprop c = {.f = f, .n = f->ninsts};
  bool ok = false;
  c.work = malloc((f->nblocks ? f->nblocks : 1) * sizeof *c.work);
  c.in_work = calloc(f->nblocks ? f->nblocks : 1, 1);
  c.selects = malloc(c.n * sizeof *c.selects);
  c.in_selects = calloc(c.n, 1);
  c.alias_next = calloc(c.n, sizeof *c.alias_next);
  c.alias_tail = malloc(c.n * sizeof *c.alias_tail);
  if (!c.work || !c.in_work || !c.selects || !c.in_selects || !c.alias_next || !c.alias_tail || !ssa_uses_build(f, &c.uses))
    goto out;
  for (ssa_id v = 0; v < c.n; v++)
    c.alias_tail[v] = v;
  for (uint32_t i = 0; i < f->nreachable; i++) {
    uint32_t b = f->rpo_order[i];
    for (ssa_id v = f->blocks[b].first, next; v; v = next) {
      next = f->insts[v].next;
      simplify_select(&c, v);
    }
  }
  for (uint32_t i = f->nreachable; i-- > 0;) /* popped from the end: reverse post-order */
    push_block(&c, f->rpo_order[i]);
  while (c.nwork || c.nselects) {
    if (c.nselects) {
      ssa_id v = c.selects[--c.nselects];
      c.in_selects[v] = 0;
      simplify_select(&c, v);
      continue;
    }
    uint32_t b = c.work[--c.nwork];
    c.in_work[b] = 0;
    if (!look_at(&c, b))
      goto out;
  }
  ok = true;
out:
  if (!ok)
    oom(f);
  ssa_uses_free(&c.uses);
  free(c.work);
  free(c.in_work);
  free(c.selects);
  free(c.in_selects);
  free(c.alias_next);
  free(c.alias_tail);
  free(c.cols);
  free(c.into);
  return ok;
}
