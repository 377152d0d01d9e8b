/* reassoc.c: reassociation of integer add chains in loops, so that the operand that is ready last is added last (a shorter critical path; exact, since integer adds wrap). */
#include "opt/opt.h"

#include <stdlib.h>

/*
 * sha256's round computes t1 = h + S1(e) + ch(e, f, g) + k[i] + w[i] as the C source's order
 * leaves it in wasm: S1(e), three dependent instructions after e, comes second, so the new e
 * (d + t1) is nine dependent instructions after the old one, where native code adds the terms
 * that do not depend on e first and S1(e) last (five).  The loop is bound by that chain, not by
 * its instruction count.
 *
 * For each i32.add or i64.add in a loop block that is a tree's root (its value used other than
 * once by an add of its op in its block), the tree's nodes are the adds of that op in the block
 * used once by the node above; the rest are the leaves.  Each instruction's depth is its longest
 * chain of instructions in the block (operands from elsewhere, parameters and constants: 0).  The
 * tree is rebuilt by always adding the two shallowest (a Huffman order: the least possible
 * depth), each new add placed right after the later of its two operands (so partial sums hold
 * no more registers than the old chain did), the last one the root itself, rewritten in place.
 * Only when that makes the root shallower by two or more, the tree has 3 to 8 leaves and none
 * is a constant (a constant stays where addrfold and the lea forms look for it: `x + c` into an
 * offset).  A function without loops costs one look at its blocks.
 * The old inner adds are left unused (dce removes them).
 */

enum { MAX_LEAVES = 8 };

typedef struct reassoc {
  ssa_func *f;
  uint32_t n;          /* values when the pass started */
  ssa_uses uses;
  uint32_t *depth;     /* [n] */
  uint32_t *order;     /* [n] position in its block, 1-based (0: not in the block being done) */
  ssa_id *orig_next;   /* [n] the instruction after it before this pass inserted anything */
  uint8_t *inner;      /* [n] an add used once by an add of its op in its block */
} reassoc;

/* v is an instruction of the block being done, at or before the walk's point (a parameter is
 * not: it has no place in the block's list) */
static bool in_block(const reassoc *r, ssa_id v)
{
  return v && v < r->n && r->order[v] && r->f->insts[v].op != SSA_CONST;
}

/* The leaves of the tree at v (false when more than MAX_LEAVES); nodes collects the inner adds. */
static bool leaves_of(reassoc *r, ssa_id v, ssa_id *leaf, unsigned *nleaf, ssa_id *node, unsigned *nnode)
{
  ssa_func *f = r->f;
  const ssa_id *as = ssa_args(f, v);
  for (unsigned k = 0; k < 2; k++) {
    ssa_id x = ssa_resolve(f, as[k]);
    if (x < r->n && r->inner[x] && f->insts[x].op == f->insts[v].op) {
      if (*nnode == MAX_LEAVES)
        return false;
      node[(*nnode)++] = x;
      if (!leaves_of(r, x, leaf, nleaf, node, nnode))
        return false;
    } else {
      if (*nleaf == MAX_LEAVES)
        return false;
      leaf[(*nleaf)++] = x;
    }
  }
  return true;
}

/* Rebuilds the tree at root when that shortens it; false only when out of memory. */
static bool rebuild(reassoc *r, ssa_id root, ssa_id first)
{
  ssa_func *f = r->f;
  ssa_id leaf[MAX_LEAVES], node[MAX_LEAVES];
  unsigned nleaf = 0, nnode = 0;
  if (!leaves_of(r, root, leaf, &nleaf, node, &nnode) || nleaf < 3)
    return true;
  /* each item: a value, its depth, and the instruction it follows (0: the block's start) */
  ssa_id val[MAX_LEAVES], anchor[MAX_LEAVES];
  uint32_t dep[MAX_LEAVES];
  for (unsigned k = 0; k < nleaf; k++) {
    if (ssa_is_const(f, leaf[k]))
      return true;
    bool here = in_block(r, leaf[k]);
    val[k] = leaf[k];
    dep[k] = here ? r->depth[leaf[k]] : 0;
    anchor[k] = here ? leaf[k] : SSA_NONE;
  }
  /* the depth the Huffman order reaches, before changing anything */
  uint32_t d[MAX_LEAVES];
  unsigned m = nleaf;
  for (unsigned k = 0; k < m; k++)
    d[k] = dep[k];
  while (m > 1) {
    unsigned i = 0, j = 1;
    if (d[j] < d[i])
      i = 1, j = 0;
    for (unsigned k = 2; k < m; k++) {
      if (d[k] < d[i])
        j = i, i = k;
      else if (d[k] < d[j])
        j = k;
    }
    d[i] = (d[i] > d[j] ? d[i] : d[j]) + 1;
    d[j] = d[--m];
  }
  /* by two or more: one was matmul's address sums, `(base + (i << 3)) + row` as `(base + row) +
   * (i << 3)` in a conditional block of the inner loop, no chain carried by the loop, and 0.3%
   * more instructions there */
  if (d[0] + 2 > r->depth[root])
    return true;
  uint16_t op = f->insts[root].op;
  uint8_t type = f->insts[root].type;
  m = nleaf;
  while (m > 2) {
    /* the two shallowest; of equal depths the one defined first */
    unsigned i = 0, j = 1;
#define BEFORE(p, q) (dep[p] < dep[q] || (dep[p] == dep[q] && (anchor[p] ? r->order[anchor[p]] : 0) < \
                                                                 (anchor[q] ? r->order[anchor[q]] : 0)))
    if (BEFORE(j, i))
      i = 1, j = 0;
    for (unsigned k = 2; k < m; k++) {
      if (BEFORE(k, i))
        j = i, i = k;
      else if (BEFORE(k, j))
        j = k;
    }
#undef BEFORE
    ssa_id v = ssa_new_inst(f, op, type, 2);
    if (!v)
      return false;
    ssa_inst *in = &f->insts[v];
    in->a[0] = val[i];
    in->a[1] = val[j];
    in->ir = f->insts[root].ir;
    in->origin = f->insts[root].origin;
    ssa_id at = anchor[i], aj = anchor[j];
    if (!at || (aj && r->order[aj] > r->order[at]))
      at = aj;
    /* after the later operand, after what was put there before (its original successor);
     * at the block's start when both come from elsewhere */
    ssa_insert_before(f, at ? r->orig_next[at] : first, v);
    val[i] = v;
    dep[i] = (dep[i] > dep[j] ? dep[i] : dep[j]) + 1;
    anchor[i] = at;
    val[j] = val[m - 1];
    dep[j] = dep[m - 1];
    anchor[j] = anchor[m - 1];
    m--;
  }
  ssa_inst *rt = &f->insts[root];
  rt->a[0] = val[0];
  rt->a[1] = val[1];
  return true;
}

static bool do_block(reassoc *r, uint32_t b)
{
  ssa_func *f = r->f;
  ssa_id first = f->blocks[b].first;
  uint32_t pos = 0;
  for (ssa_id v = first; v; v = f->insts[v].next) {
    r->order[v] = ++pos;
    r->orig_next[v] = f->insts[v].next;
    uint32_t dv = 0;
    const ssa_id *as = ssa_args(f, v);
    for (uint32_t k = 0; k < f->insts[v].nargs; k++) {
      ssa_id x = ssa_resolve(f, as[k]);
      if (in_block(r, x) && r->depth[x] + 1 > dv)
        dv = r->depth[x] + 1;
    }
    r->depth[v] = f->insts[v].op == SSA_CONST ? 0 : (dv ? dv : 1);
    uint16_t op = f->insts[v].op;
    if (op == IR_I32_ADD || op == IR_I64_ADD)
      for (unsigned k = 0; k < 2; k++) {
        ssa_id x = ssa_resolve(f, as[k]);
        if (in_block(r, x) && f->insts[x].op == op && r->uses.count[x] == 1)
          r->inner[x] = 1;
      }
  }
  bool ok = true;
  for (ssa_id v = first; v && ok; v = r->orig_next[v]) {
    uint16_t op = f->insts[v].op;
    if ((op == IR_I32_ADD || op == IR_I64_ADD) && !r->inner[v])
      ok = rebuild(r, v, first);
  }
  for (ssa_id v = first; v; v = r->orig_next[v])
    r->order[v] = 0;
  return ok;
}

bool opt_reassoc(ssa_func *f)
{
  bool loops = false;
  for (uint32_t i = 0; i < f->nreachable && !loops; i++)
    loops = f->blocks[f->rpo_order[i]].loop_depth > 0;
  if (!loops)
    return true;
  reassoc r = {.f = f, .n = f->ninsts};
  bool ok = false;
  r.depth = calloc(r.n, sizeof *r.depth);
  r.order = calloc(r.n, sizeof *r.order);
  r.orig_next = calloc(r.n, sizeof *r.orig_next);
  r.inner = calloc(r.n, 1);
  if (r.depth && r.order && r.orig_next && r.inner && ssa_uses_build(f, &r.uses)) {
    ok = true;
    for (uint32_t i = 0; i < f->nreachable && ok; i++) {
      uint32_t b = f->rpo_order[i];
      if (!f->blocks[b].dead && f->blocks[b].loop_depth > 0)
        ok = do_block(&r, b);
    }
    ssa_uses_free(&r.uses);
  }
  if (!ok && !f->error[0])
    snprintf(f->error, sizeof f->error, "out of memory");
  free(r.depth);
  free(r.order);
  free(r.orig_next);
  free(r.inner);
  return ok;
}
