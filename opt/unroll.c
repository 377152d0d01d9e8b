/* unroll.c: loop unrolling of rotating loops: an innermost loop whose back edge passes header parameters on to other header parameters is copied until every parameter gets a value computed in the body, so that the rotation becomes renaming instead of register moves. */
#include "opt/opt.h"

#include <stdlib.h>
#include <string.h>

/*
 * A loop that shifts values along its parameters, `h = g; g = f; f = e; e = d + t1` (sha256's
 * rounds), ends every iteration with a parallel move that is a permutation of the registers the
 * parameters live in: each value moves one place, and with every register held the cycles are
 * broken through a scratch register (sha256's round: 11 moves and a jmp for 8 values rotated,
 * ~50 instructions a round).  In a copy of the body that follows the body directly, the header's
 * parameters are just the values the body passed, so the shift costs nothing there; copied until
 * every parameter is passed a value computed in the body (k iterations for a chain of k
 * parameters, p2 = p1, p3 = p2, ... p1 fresh; a cycle of k parameters comes back to itself), the
 * one remaining back edge passes fresh values, which the allocator's copy hints can compute into
 * the parameters' registers directly.
 *
 * Every copy keeps its exit tests: the unrolled loop runs exactly the instructions of the
 * original iterations in the same order, so it needs no trip count, and whatever held in an
 * iteration (a bounds check proven, an address folded) holds in the copy that runs it.  A copy's
 * header is no loop header: the back edge of copy j goes to copy j + 1, the last one's to the
 * header with the original arguments as the last copy computed them.
 *
 * Which loops:
 *   - innermost, not holding the entry block, one back edge (from a block of the loop that
 *     ends in br or br_if);
 *   - k >= 2: some parameter passed another header parameter on the back edge; k is the longest
 *     chain of parameters passed on (a cycle counts its length), at most MAX_FACTOR, and after k
 *     iterations every parameter is passed a value of the body or itself (not so for a chain
 *     into a cycle, or a cycle whose length does not divide k: moves would remain);
 *   - k times its instructions at most MAX_UNROLLED;
 *   - a value of the loop used after it needs a single exit block entered only from the loop,
 *     which gets a parameter for it (each copy's exits pass their own);
 *   - not when fuel or a timeout count loop headers (f->budget): the count would change.
 * The pass runs after the passes that reason about loops (licm, versioning, bce, addrfold: an
 * induction variable stepped in several copies is no longer one that range.c recognises),
 * before branchfold, which merges each copy's header into the block before it.
 *
 * sha256's rounds (k = 4): 11 moves and a jmp a round became 5 moves and a jmp every four
 * rounds, its JIT code 731.0 M -> 630.6 M instructions (callgrind, size 8); no other compute
 * program has such a loop (docs/opt.md, "unroll").
 *
 * Cost: a look at each loop header's back edges; where one passes a parameter on, the
 * uses and a look at each loop's instructions and back edge, again after each loop unrolled (a
 * loop after it may read its values, which then come through the exit block's parameters), at
 * most MAX_LOOPS times; a loop copied adds k - 1 copies of its body and a walk over the
 * function's blocks for the uses after it.
 */

#define MAX_FACTOR 8      /* copies of a loop at most */
#define MAX_UNROLLED 256  /* instructions of a loop after unrolling at most */
#define MAX_LOOPS 16      /* loops unrolled in one function at most */

typedef struct uloop {
  uint32_t header, latch, latch_edge;
  uint32_t exit;   /* the one exit block when values flow out, else SSA_NO_BLOCK */
  uint32_t factor; /* k: the loop becomes k copies of its body */
} uloop;

typedef struct unroller {
  ssa_func *f;
  ssa_uses u;
  uint32_t *start; /* [nblocks + 1] blocks grouped by their innermost loop's header */
  uint32_t *order;
  uloop *loops;
  uint32_t nloops, loops_cap;
} unroller;

static bool oom(ssa_func *f)
{
  if (!f->error[0])
    snprintf(f->error, sizeof f->error, "out of memory");
  return false;
}

/* The parameter of header h that value v is, or n (its parameter count) when v is none. */
static uint32_t param_index(ssa_func *f, uint32_t h, ssa_id v)
{
  uint32_t n = f->blocks[h].nparams, j = 0;
  const ssa_id *ps = ssa_params(f, h);
  while (j < n && ps[j] != v)
    j++;
  return j;
}

/* k for the back edge's arguments args of header h's parameters: the longest chain of
 * parameters each passed the one before (a cycle: its length), 1 when none is passed on; and 1
 * as well when k iterations would still leave a parameter passed another one (a cycle whose
 * length does not divide k, or a chain running into a cycle), where unrolling would not end the
 * moves. */
static uint32_t rotation_factor(ssa_func *f, uint32_t h, const ssa_id *args)
{
  uint32_t n = f->blocks[h].nparams, k = 1;
  for (uint32_t i = 0; i < n; i++) {
    /* walk back from parameter i through the parameters it is passed from */
    uint32_t len = 1, at = i;
    while (len <= MAX_FACTOR) {
      uint32_t j = param_index(f, h, args[at]);
      if (j == n || j == i)
        break; /* a fresh value (or a cycle closed): the chain ends */
      at = j;
      len++;
    }
    if (len > k)
      k = len;
  }
  if (k > MAX_FACTOR)
    return 1;
  /* after k iterations each parameter must be passed a fresh value or itself */
  for (uint32_t i = 0; i < n; i++) {
    uint32_t at = i;
    for (uint32_t step = 0; step < k && at < n; step++)
      at = param_index(f, h, args[at]);
    if (at < n && at != i)
      return 1;
  }
  return k;
}

/* Plans loop h (an innermost loop's header): false only when out of memory. */
static bool plan_loop(unroller *ur, uint32_t h)
{
  ssa_func *f = ur->f;
  const uint32_t *body = ur->order + ur->start[h];
  uint32_t nbody = ur->start[h + 1] - ur->start[h];
  uint32_t depth = f->blocks[h].loop_depth, ninsts = 0;
  uint32_t exit = SSA_NO_BLOCK, nexits = 0, latch = SSA_NO_BLOCK, latch_edge = 0, nback = 0;
  if (!f->blocks[h].nparams)
    return true;
  for (uint32_t i = 0; i < nbody; i++) {
    const ssa_block *bl = &f->blocks[body[i]];
    if (body[i] == f->entry)
      return true;
    for (ssa_id v = bl->first; v; v = f->insts[v].next)
      ninsts++;
    for (uint32_t s = 0; s < bl->nsuccs; s++) {
      uint32_t t = bl->succs[s].block;
      if (t == h) {
        latch = body[i];
        latch_edge = s;
        nback++;
        continue;
      }
      if (ssa_in_loop(f, t, h))
        continue;
      if (f->blocks[t].loop_depth > depth)
        return true; /* an inner loop */
      if (t == exit)
        continue;
      exit = t;
      nexits++;
    }
  }
  if (nback != 1 || f->blocks[latch].ntable)
    return true;
  uint16_t term = f->insts[f->blocks[latch].last].op;
  if (term != IR_BR && term != IR_BR_IF)
    return true;
  uint32_t k = rotation_factor(f, h, ssa_edge_args(f, &f->blocks[latch].succs[latch_edge]));
  if (k < 2 || (uint64_t)ninsts * k > MAX_UNROLLED)
    return true;
  /* values of the loop used after it need the one exit block, entered from the loop alone */
  bool flows_out = ssa_loop_used_after(f, &ur->u, body, nbody, h);
  if (flows_out) {
    if (nexits != 1)
      return true;
    for (uint32_t p = 0; p < f->blocks[exit].npreds; p++)
      if (!ssa_in_loop(f, f->blocks[exit].preds[p].block, h))
        return true;
  }
  if (ur->nloops == ur->loops_cap) {
    uint32_t cap = ur->loops_cap ? ur->loops_cap * 2 : 8;
    uloop *n = realloc(ur->loops, cap * sizeof *n);
    if (!n)
      return oom(f);
    ur->loops = n;
    ur->loops_cap = cap;
  }
  ur->loops[ur->nloops++] = (uloop){h, latch, latch_edge, flows_out ? exit : SSA_NO_BLOCK, k};
  return true;
}

/* Value v as copy map names it: its copy when the loop defines it (or, for a header parameter,
 * what the copy before passed), else v. */
static ssa_id mapped(const ssa_id *map, ssa_id n0, ssa_id v)
{
  return map && v < n0 && map[v] ? map[v] : v;
}

/* Copies the blocks and instructions of the loop's body once (copy j, map and bmap its own),
 * the header's parameters named by what prev (NULL: the original) passes on the back edge. */
static bool copy_body(ssa_func *f, const uloop *l, const uint32_t *body, uint32_t nbody, const ssa_id *back_args,
                      const ssa_id *prev, ssa_id n0, ssa_id *map, uint32_t *bmap)
{
  uint32_t h = l->header;
  for (uint32_t k = 0; k < f->blocks[h].nparams; k++)
    map[ssa_params(f, h)[k]] = mapped(prev, n0, back_args[k]);
  for (uint32_t i = 0; i < nbody; i++) {
    uint32_t nb = ssa_new_block(f);
    if (nb == SSA_NO_BLOCK)
      return false;
    bmap[body[i]] = nb;
    /* the header's copy has no parameters (the copy before passes them by map), is no loop
     * header, and is merged into the block before it */
    if (!ssa_copy_block(f, body[i], nb, body[i] != h, map))
      return false;
    f->blocks[nb].loop_ir_number = body[i] == h ? SSA_NO_LOOP : f->blocks[body[i]].loop_ir_number;
  }
  return true;
}

/* The edges of copy j's blocks (and its operands renamed): inside the loop to its own blocks,
 * the back edge to the next copy's header (no arguments) or, from the last copy, to the header
 * with the back edge's arguments as this copy computed them; exits as the original's. */
static bool link_copy(ssa_func *f, const uloop *l, const uint32_t *body, uint32_t nbody, const ssa_id *back_args,
                      ssa_id n0, const ssa_id *map, const uint32_t *bmap, const uint32_t *next_bmap)
{
  uint32_t h = l->header;
  for (uint32_t i = 0; i < nbody; i++) {
    uint32_t b = body[i], nb = bmap[b];
    for (ssa_id v = f->blocks[nb].first; v; v = f->insts[v].next) {
      ssa_id *as = ssa_args(f, v);
      for (uint32_t k = 0; k < f->insts[v].nargs; k++)
        as[k] = mapped(map, n0, as[k]);
    }
    for (uint32_t s = 0; s < f->blocks[b].nsuccs; s++) {
      uint32_t t = f->blocks[b].succs[s].block;
      bool back = b == l->latch && s == l->latch_edge;
      uint32_t to = back ? (next_bmap ? next_bmap[h] : h) : ssa_in_loop(f, t, h) ? bmap[t] : t;
      uint32_t e = ssa_add_edge(f, nb, to);
      if (e == UINT32_MAX)
        return false;
      if (back) {
        if (!next_bmap)
          for (uint32_t k = 0; k < f->blocks[h].nparams; k++)
            if (!ssa_edge_add_arg(f, nb, e, mapped(map, n0, back_args[k])))
              return false;
        continue;
      }
      for (uint32_t k = 0; k < f->blocks[b].succs[s].nargs; k++)
        if (!ssa_edge_add_arg(f, nb, e, mapped(map, n0, ssa_edge_args(f, &f->blocks[b].succs[s])[k])))
          return false;
    }
  }
  return true;
}

/* The copies of loop l, for finding each copy's exits. */
typedef struct ucopies {
  const uloop *l;
  const uint32_t *body;
  uint32_t nbody, ncopies, nb0;
  ssa_id n0;
  const ssa_id *maps;    /* [ncopies][n0] */
  const uint32_t *bmaps; /* [ncopies][nb0] */
  ssa_id *pmap;          /* [n0] a value of the loop: its parameter of the exit block */
} ucopies;

/* A use *use after the loop: pass 0 gives a value of the loop its parameter of the exit block
 * (each exit edge, of the original and of every copy, passing its own), pass 1 rewrites the use
 * to that parameter.  Pass 0 only reads *use: adding parameters and arguments may move the pool. */
static bool outside_use(ssa_func *f, ucopies *uc, int pass, ssa_id *use)
{
  ssa_id w = *use;
  if (w >= uc->n0 || !ssa_in_loop(f, f->insts[w].block, uc->l->header))
    return true;
  if (pass == 1) {
    *use = uc->pmap[w];
    return true;
  }
  if (uc->pmap[w])
    return true;
  uint32_t x = uc->l->exit;
  ssa_id p = ssa_add_param(f, x, f->insts[w].type);
  if (!p)
    return false;
  uc->pmap[w] = p;
  for (uint32_t c = 0; c <= uc->ncopies; c++) {
    const ssa_id *map = c ? uc->maps + (size_t)(c - 1) * uc->n0 : NULL;
    for (uint32_t i = 0; i < uc->nbody; i++) {
      uint32_t from = c ? uc->bmaps[(size_t)(c - 1) * uc->nb0 + uc->body[i]] : uc->body[i];
      for (uint32_t e = 0; e < f->blocks[from].nsuccs; e++)
        if (f->blocks[from].succs[e].block == x && !ssa_edge_add_arg(f, from, e, mapped(map, uc->n0, w)))
          return false;
    }
  }
  return true;
}

/* Unrolls loop l by its factor. */
static bool unroll_loop(unroller *ur, const uloop *l)
{
  ssa_func *f = ur->f;
  uint32_t h = l->header, nb0 = f->nblocks, ncopies = l->factor - 1;
  ssa_id n0 = f->ninsts;
  const uint32_t *body = ur->order + ur->start[h];
  uint32_t nbody = ur->start[h + 1] - ur->start[h];
  uint32_t nparams = f->blocks[h].nparams;
  ssa_id *maps = calloc((size_t)ncopies * n0, sizeof *maps), *pmap = NULL;
  uint32_t *bmaps = malloc((size_t)ncopies * nb0 * sizeof *bmaps);
  ssa_id *back_args = malloc(nparams * sizeof *back_args);
  bool ok = false;
  if (!maps || !bmaps || !back_args)
    goto out;
  memcpy(back_args, ssa_edge_args(f, &f->blocks[l->latch].succs[l->latch_edge]), nparams * sizeof *back_args);
  for (uint32_t j = 0; j < ncopies; j++) {
    for (uint32_t b = 0; b < nb0; b++)
      bmaps[(size_t)j * nb0 + b] = SSA_NO_BLOCK;
    if (!copy_body(f, l, body, nbody, back_args, j ? maps + (size_t)(j - 1) * n0 : NULL, n0, maps + (size_t)j * n0,
                   bmaps + (size_t)j * nb0))
      goto out;
  }
  for (uint32_t j = 0; j < ncopies; j++)
    if (!link_copy(f, l, body, nbody, back_args, n0, maps + (size_t)j * n0, bmaps + (size_t)j * nb0,
                   j + 1 < ncopies ? bmaps + (size_t)(j + 1) * nb0 : NULL))
      goto out;
  /* the original's back edge enters the first copy, which names what it passed directly */
  ssa_edge *back = &f->blocks[l->latch].succs[l->latch_edge];
  back->block = bmaps[h];
  back->nargs = 0;
  /* a value of the loop used after it: a parameter of the exit block; first the parameters,
   * then the uses */
  if (l->exit != SSA_NO_BLOCK) {
    pmap = calloc(n0, sizeof *pmap);
    if (!pmap)
      goto out;
    ucopies uc = {l, body, nbody, ncopies, nb0, n0, maps, bmaps, pmap};
    for (int pass = 0; pass < 2; pass++)
      for (uint32_t b = 0; b < nb0; b++) {
        if (f->blocks[b].dead || f->blocks[b].rpo == SSA_NO_BLOCK || ssa_in_loop(f, b, h))
          continue;
        for (ssa_id v = f->blocks[b].first; v; v = f->insts[v].next) {
          uint16_t op = f->insts[v].op;
          uint32_t n = op == SSA_CONST || op == SSA_PARAM ? 0 : f->insts[v].nargs;
          for (uint32_t q = 0; q < n; q++)
            if (!outside_use(f, &uc, pass, &ssa_args(f, v)[q]))
              goto out;
        }
        for (uint32_t s = 0; s < f->blocks[b].nsuccs; s++)
          for (uint32_t q = 0; q < f->blocks[b].succs[s].nargs; q++)
            if (!outside_use(f, &uc, pass, &ssa_edge_args(f, &f->blocks[b].succs[s])[q]))
              goto out;
      }
  }
  f->cfg_valid = false;
  ok = true;
out:
  free(maps), free(bmaps), free(back_args), free(pmap);
  return ok || oom(f);
}

/* Groups the blocks by innermost loop and plans every loop; false only when out of memory. */
static bool plan(unroller *ur)
{
  ssa_func *f = ur->f;
  uint32_t nb = f->nblocks;
  ur->nloops = 0;
  if (!ssa_uses_build(f, &ur->u))
    return false;
  /* a counting sort on the header */
  ur->start = calloc(nb + 1, sizeof *ur->start);
  ur->order = malloc((nb ? nb : 1) * sizeof *ur->order);
  uint32_t *fill = malloc((nb ? nb : 1) * sizeof *fill);
  bool ok = ur->start && ur->order && fill;
  if (ok) {
    for (uint32_t b = 0; b < nb; b++)
      if (!f->blocks[b].dead && f->blocks[b].rpo != SSA_NO_BLOCK && f->blocks[b].loop_header != SSA_NO_BLOCK)
        ur->start[f->blocks[b].loop_header + 1]++;
    for (uint32_t h = 0; h < nb; h++)
      ur->start[h + 1] += ur->start[h];
    memcpy(fill, ur->start, nb * sizeof *fill);
    for (uint32_t b = 0; b < nb; b++)
      if (!f->blocks[b].dead && f->blocks[b].rpo != SSA_NO_BLOCK && f->blocks[b].loop_header != SSA_NO_BLOCK)
        ur->order[fill[f->blocks[b].loop_header]++] = b;
    for (uint32_t i = 0; i < f->nreachable && ok; i++) {
      uint32_t h = f->rpo_order[i];
      if (f->blocks[h].is_loop_header)
        ok = plan_loop(ur, h);
    }
  }
  free(fill);
  ssa_uses_free(&ur->u);
  return ok;
}

/* Does a back edge into block h pass one of h's parameters to another?  (A look before the
 * planning, which builds the uses: most functions have no such loop.) */
static bool passes_on(ssa_func *f, uint32_t h)
{
  const ssa_block *bl = &f->blocks[h];
  if (!bl->is_loop_header || bl->nparams < 2)
    return false;
  for (uint32_t p = 0; p < bl->npreds; p++) {
    uint32_t from = bl->preds[p].block;
    if (!ssa_dominates(f, h, from))
      continue;
    const ssa_edge *e = &f->blocks[from].succs[bl->preds[p].edge];
    for (uint32_t k = 0; k < e->nargs; k++) {
      uint32_t j = param_index(f, h, ssa_edge_args(f, e)[k]);
      if (j < bl->nparams && j != k)
        return true;
    }
  }
  return false;
}

bool opt_unroll(ssa_func *f)
{
  if (f->budget)
    return true;
  bool any = false; /* a back edge that passes a header parameter on to another one */
  for (uint32_t i = 0; i < f->nreachable && !any; i++)
    any = passes_on(f, f->rpo_order[i]);
  if (!any)
    return true;
  /* one loop at a time, planned on the graph as it is then: a loop after another one may read
   * the other's values, which after its unrolling reach it through the exit block's parameters */
  uint32_t done[MAX_LOOPS], ndone = 0;
  bool ok = true;
  while (ok && ndone < MAX_LOOPS) {
    unroller ur = {.f = f};
    ok = plan(&ur);
    const uloop *l = NULL;
    for (uint32_t i = 0; ok && i < ur.nloops && !l; i++) {
      uint32_t d = 0;
      while (d < ndone && done[d] != ur.loops[i].header)
        d++;
      if (d == ndone)
        l = &ur.loops[i];
    }
    if (l) {
      done[ndone++] = l->header;
      ok = unroll_loop(&ur, l) && ssa_cfg_update(f);
    }
    free(ur.start), free(ur.order), free(ur.loops);
    if (!l)
      break;
  }
  return ok || oom(f);
}
