/* licm.c: loop-invariant code motion: values a loop computes the same way on every iteration move to a block that runs once before it. */
#include "opt/opt.h"

#include <stdlib.h>
#include <string.h>

/*
 * What it does.  For each loop, innermost first, an instruction whose operands are all
 * defined outside the loop (or were hoisted before it) moves to the loop's preheader when it
 * is one of:
 *   - a pure op (ssa_op_effects 0), or global.get of an immutable global; but one ALU op with
 *     a constant operand leaves a loop holding loops only from a block every iteration runs
 *     (one_alu_op);
 *   - a division or remainder by a constant that cannot trap (not 0; not -1 for div_s);
 *   - global.get of a mutable global the loop never sets, in a loop without calls;
 *   - memory.size in a loop without memory.grow or calls;
 *   - a load, or an op that may trap, in the loop's header before anything in the header that
 *     stays and may trap or has an effect, in a loop that writes no memory and calls nothing.
 * The preheader is the one block outside the loop that branches to the header, when it
 * branches nowhere else and is not the entry block; otherwise a new block that takes over the
 * header's outside edges, with parameters like the header's, passed straight on.
 *
 * Requirements kept.  Nothing is executed that would not have been, and nothing that may trap
 * runs at another point of the program's order.  A hoisted pure op cannot trap, so running
 * it once before a loop that may run zero times is unobservable.  A load in the header, ahead
 * of anything there that traps or has an effect, runs in the first iteration right after the
 * preheader (the preheader's only successor is the header); hoisted, it traps, when it does,
 * with the same trap, at the same point of what the program shows, and because the loop writes
 * no memory it reads the same bits in every iteration.  Several such loads keep their order.
 * Loop-header budget checks (fuel, --timeout) are the one thing a hoisted trap now precedes on
 * the first iteration: when fuel runs out exactly there and the load would also trap, the
 * trap is reported rather than the exhaustion (the tiers do not promise where fuel runs out
 * to the instruction: inlined calls consume none).
 *
 * The loop marks stay right: the header keeps its loop_ir_number, a new preheader has none,
 * and cfg_valid goes false when a block is added so the driver recomputes the analyses.
 * Within the pass, the predecessor lists of a header and its new preheader are kept current
 * by hand, which is all the loop walks of enclosing loops read.
 *
 * Cost: each loop's body is found by a backward walk from its back edges and sorted, and each
 * of its instructions looked at once: O(n log n) times the loop nesting depth.
 */

typedef struct licm {
  ssa_func *f;
  uint32_t *stamp;     /* [cap] header + 1 of the loop being worked on when the block is in it */
  uint32_t *key;       /* [cap] program order of blocks: 2 * rpo + 1, a new preheader 2 * rpo(header) */
  uint32_t *body;      /* [cap] the loop's blocks */
  uint32_t nbody;
  uint32_t cap;
  /* what the loop does */
  bool writes_mem, calls, grows;
  bool holds_loops;    /* another loop's header is in its body: not innermost */
  uint32_t header;     /* the loop being worked on */
  uint32_t *set_globals;
  uint32_t nset_globals, set_globals_cap;
  uint32_t pre;        /* the preheader, SSA_NO_BLOCK until one is needed */
  bool changed_cfg;
} licm;

static bool oom(ssa_func *f)
{
  if (!f->error[0])
    snprintf(f->error, sizeof f->error, "out of memory in licm");
  return false;
}

/* The natural loop of h: h and the blocks that reach a back edge's source without passing h. */
static void collect_body(licm *l, uint32_t h)
{
  ssa_func *f = l->f;
  uint32_t s = h + 1;
  l->nbody = 0;
  l->stamp[h] = s;
  l->body[l->nbody++] = h;
  uint32_t first = l->nbody; /* the body list doubles as the walk's work list */
  const ssa_block *hb = &f->blocks[h];
  for (uint32_t p = 0; p < hb->npreds; p++) {
    uint32_t src = hb->preds[p].block;
    if (src < f->nblocks && l->stamp[src] != s && f->blocks[src].rpo != SSA_NO_BLOCK && ssa_dominates(f, h, src)) {
      l->stamp[src] = s;
      l->body[l->nbody++] = src;
    }
  }
  for (uint32_t w = first; w < l->nbody; w++) {
    const ssa_block *bl = &f->blocks[l->body[w]];
    for (uint32_t p = 0; p < bl->npreds; p++) {
      uint32_t q = bl->preds[p].block;
      if (l->stamp[q] != s) {
        l->stamp[q] = s;
        l->body[l->nbody++] = q;
      }
    }
  }
}

static _Thread_local const uint32_t *sort_keys; /* by_key's, for qsort: a compile's own (several run at once) */
static int by_key(const void *x, const void *y)
{
  uint32_t a = sort_keys[*(const uint32_t *)x], b = sort_keys[*(const uint32_t *)y];
  return a < b ? -1 : a > b;
}

static bool note_set_global(licm *l, uint32_t g)
{
  for (uint32_t i = 0; i < l->nset_globals; i++)
    if (l->set_globals[i] == g)
      return true;
  if (l->nset_globals == l->set_globals_cap) {
    uint32_t cap = l->set_globals_cap ? l->set_globals_cap * 2 : 8;
    uint32_t *n = realloc(l->set_globals, cap * sizeof *n);
    if (!n)
      return oom(l->f);
    l->set_globals = n;
    l->set_globals_cap = cap;
  }
  l->set_globals[l->nset_globals++] = g;
  return true;
}

/* What the loop's instructions may do to state a hoisted read would see. */
static bool scan_effects(licm *l)
{
  ssa_func *f = l->f;
  l->writes_mem = l->calls = l->grows = l->holds_loops = false;
  l->nset_globals = 0;
  for (uint32_t i = 0; i < l->nbody; i++) {
    l->holds_loops |= i > 0 && f->blocks[l->body[i]].is_loop_header; /* body[0] is the header */
    for (ssa_id v = f->blocks[l->body[i]].first; v; v = f->insts[v].next) {
      uint16_t op = f->insts[v].op;
      unsigned e = ssa_op_effects(op);
      l->writes_mem |= (e & SSA_E_WRITES_MEM) != 0;
      l->calls |= (e & SSA_E_CALL) != 0;
      l->grows |= op == IR_MEMORY_GROW;
      if (op == IR_GLOBAL_SET && !note_set_global(l, (uint32_t)f->insts[v].imm))
        return false;
    }
  }
  return true;
}

static bool sets_global(const licm *l, uint32_t g)
{
  for (uint32_t i = 0; i < l->nset_globals; i++)
    if (l->set_globals[i] == g)
      return true;
  return false;
}

/* A division or remainder whose divisor is a constant that makes it unable to trap. */
static bool division_cannot_trap(ssa_func *f, ssa_id v)
{
  const ssa_inst *in = &f->insts[v];
  ssa_id d = ssa_args(f, v)[1];
  if (!ssa_is_const(f, d))
    return false;
  uint64_t c = f->insts[d].imm;
  bool is64 = in->type == WLAB_I64;
  uint64_t minus1 = is64 ? UINT64_MAX : UINT32_MAX;
  c = is64 ? c : (uint32_t)c;
  switch (in->op) {
  case IR_I32_DIV_U: case IR_I64_DIV_U: case IR_I32_REM_U: case IR_I64_REM_U: case IR_I32_REM_S: case IR_I64_REM_S:
    return c != 0;
  case IR_I32_DIV_S: case IR_I64_DIV_S:
    return c != 0 && c != minus1; /* INT_MIN / -1 overflows */
  default:
    return false;
  }
}

/*
 * An integer add, sub, and, or, xor or shift with a constant operand: one instruction (often a
 * lea, or folded into an address).  In a block that an iteration of a loop holding other loops
 * may skip, it stays: hoisted, it would save at most one instruction per iteration that takes the
 * block, and cost a register through every loop inside, or a spill and reloads.  printf_core's
 * main loop holds 55 loops and a case per conversion; hoisting the cases' frame addresses
 * (sp - 256, eight times over) out of it made a 60-instruction prologue of stores to spill
 * slots, run on each of its calls.
 */
static bool one_alu_op(ssa_func *f, ssa_id v)
{
  switch (f->insts[v].op) {
  case IR_I32_ADD: case IR_I64_ADD: case IR_I32_SUB: case IR_I64_SUB: case IR_I32_AND: case IR_I64_AND:
  case IR_I32_OR: case IR_I64_OR: case IR_I32_XOR: case IR_I64_XOR: case IR_I32_SHL: case IR_I64_SHL:
  case IR_I32_SHR_S: case IR_I64_SHR_S: case IR_I32_SHR_U: case IR_I64_SHR_U: {
    const ssa_id *as = ssa_args(f, v);
    return ssa_is_const(f, as[0]) || ssa_is_const(f, as[1]);
  }
  default:
    return false;
  }
}

/* Does every iteration of the loop being worked on run block b (b dominates each back edge)? */
static bool every_iteration(const licm *l, uint32_t b)
{
  ssa_func *f = l->f;
  uint32_t h = l->header;
  const ssa_block *hb = &f->blocks[h];
  for (uint32_t p = 0; p < hb->npreds; p++) {
    uint32_t src = hb->preds[p].block;
    if (l->stamp[src] == h + 1 && !ssa_dominates(f, b, src))
      return false;
  }
  return true;
}

enum hoist { STAY, HOIST_ANYWHERE, HOIST_IF_FIRST };

/* May v leave the loop (operands aside)?  HOIST_IF_FIRST: only from the header, ahead of
 * anything staying there that may trap or has an effect. */
static enum hoist may_hoist(const licm *l, ssa_id v)
{
  ssa_func *f = l->f;
  const ssa_inst *in = &f->insts[v];
  if (in->op == SSA_PARAM || in->op == SSA_CONST || in->type == SSA_VOID)
    return STAY;
  unsigned e = ssa_op_effects(in->op);
  if (e == 0)
    return l->holds_loops && one_alu_op(f, v) && !every_iteration(l, in->block) ? STAY : HOIST_ANYWHERE;
  if (in->op == IR_GLOBAL_GET) {
    uint32_t g = (uint32_t)in->imm;
    return !f->m->globals[g].type.mut || (!l->calls && !sets_global(l, g)) ? HOIST_ANYWHERE : STAY;
  }
  if (in->op == IR_MEMORY_SIZE)
    return !l->calls && !l->grows ? HOIST_ANYWHERE : STAY;
  if (e == SSA_E_TRAPS)
    return division_cannot_trap(f, v) ? HOIST_ANYWHERE : HOIST_IF_FIRST;
  if (ssa_is_load(in->op))
    return !l->writes_mem && !l->calls ? HOIST_IF_FIRST : STAY;
  return STAY;
}

/* Are all of v's operands defined outside the loop of header h? */
static bool invariant(const licm *l, ssa_id v, uint32_t h)
{
  ssa_func *f = l->f;
  const ssa_id *as = ssa_args(f, v);
  for (uint32_t k = 0; k < f->insts[v].nargs; k++)
    if (l->stamp[f->insts[ssa_resolve(f, as[k])].block] == h + 1)
      return false;
  return true;
}

/* The preheader of h, made when h has no block that can serve. */
static bool make_preheader(licm *l, uint32_t h)
{
  ssa_func *f = l->f;
  const ssa_block *hb = &f->blocks[h];
  uint32_t nout = 0, only = SSA_NO_BLOCK;
  for (uint32_t p = 0; p < hb->npreds; p++)
    if (l->stamp[hb->preds[p].block] != h + 1) {
      nout++;
      only = hb->preds[p].block;
    }
  if (nout == 1 && only != f->entry && f->blocks[only].nsuccs == 1) {
    l->pre = only;
    return true;
  }
  uint32_t P = ssa_new_block(f);
  if (P == SSA_NO_BLOCK)
    return false;
  l->changed_cfg = true;
  /* several outside edges meet in P's parameters, like the header's; one passes its
   * arguments on through P */
  hb = &f->blocks[h];
  for (uint32_t k = 0; nout > 1 && k < hb->nparams; k++)
    if (!ssa_add_param(f, P, f->insts[ssa_params(f, h)[k]].type))
      return false;
  ssa_id br = ssa_new_inst(f, IR_BR, SSA_VOID, 0);
  if (!br)
    return false;
  ssa_id at = f->blocks[h].first; /* the jump into the loop speaks for the header */
  f->insts[br].ir = f->insts[at].ir;
  f->insts[br].origin = f->insts[at].origin;
  ssa_append(f, P, br);
  if (ssa_add_edge(f, P, h) == UINT32_MAX)
    return false;
  for (uint32_t k = 0; k < f->blocks[P].nparams; k++)
    if (!ssa_edge_add_arg(f, P, 0, ssa_params(f, P)[k]))
      return false;
  /* the outside edges now go to P; the predecessor lists follow */
  ssa_pred *pp = arena_alloc(&f->mem, nout * sizeof *pp);
  ssa_pred *hp = arena_alloc(&f->mem, (f->blocks[h].npreds - nout + 1) * sizeof *hp);
  if (!pp || !hp)
    return oom(f);
  uint32_t np = 0, nh = 0;
  hb = &f->blocks[h];
  for (uint32_t p = 0; p < hb->npreds; p++) {
    ssa_pred pr = hb->preds[p];
    if (l->stamp[pr.block] == h + 1)
      hp[nh++] = pr;
    else {
      ssa_edge *e = &f->blocks[pr.block].succs[pr.edge];
      e->block = P;
      if (nout == 1) { /* the arguments now travel on P's edge */
        ssa_edge *pe = &f->blocks[P].succs[0];
        pe->args = e->args;
        pe->nargs = e->nargs;
        pe->args_cap = e->args_cap;
        e->args = e->nargs = e->args_cap = 0;
      }
      pp[np++] = pr;
    }
  }
  hp[nh++] = (ssa_pred){P, 0};
  ssa_block *pb = &f->blocks[P];
  pb->preds = pp;
  pb->npreds = np;
  pb->idom = f->blocks[h].idom;
  pb->ir_start = f->blocks[h].ir_start;
  pb->rpo = f->blocks[h].rpo;
  f->blocks[h].preds = hp;
  f->blocks[h].npreds = nh;
  f->blocks[h].idom = P;
  l->key[P] = 2 * f->blocks[h].rpo;
  l->pre = P;
  return true;
}

static bool hoist(licm *l, uint32_t h, ssa_id v)
{
  ssa_func *f = l->f;
  if (l->pre == SSA_NO_BLOCK && !make_preheader(l, h))
    return false;
  ssa_unlink(f, v);
  ssa_insert_before(f, f->blocks[l->pre].last, v);
  return true;
}

static bool loop(licm *l, uint32_t h)
{
  ssa_func *f = l->f;
  l->header = h;
  collect_body(l, h);
  if (!scan_effects(l))
    return false;
  sort_keys = l->key;
  qsort(l->body, l->nbody, sizeof *l->body, by_key);
  l->pre = SSA_NO_BLOCK;
  for (uint32_t i = 0; i < l->nbody; i++) {
    uint32_t b = l->body[i];
    bool first = b == h; /* nothing that stays has trapped or had an effect yet */
    for (ssa_id v = f->blocks[b].first, next; v; v = next) {
      next = f->insts[v].next;
      enum hoist how = may_hoist(l, v);
      if (how != STAY && (how == HOIST_ANYWHERE || first) && invariant(l, v, h)) {
        if (!hoist(l, h, v))
          return false;
        continue;
      }
      if (ssa_op_effects(f->insts[v].op) & (SSA_E_TRAPS | SSA_E_EFFECT | SSA_E_CALL | SSA_E_WRITES_MEM))
        first = false;
    }
  }
  return true;
}

bool opt_licm(ssa_func *f)
{
  uint32_t nheaders = 0;
  for (uint32_t i = 0; i < f->nreachable; i++)
    nheaders += f->blocks[f->rpo_order[i]].is_loop_header;
  if (!nheaders)
    return true;
  licm l = {.f = f, .cap = f->nblocks + nheaders};
  l.stamp = calloc(l.cap, sizeof *l.stamp);
  l.key = calloc(l.cap, sizeof *l.key);
  l.body = malloc(l.cap * sizeof *l.body);
  bool ok = false;
  if (!l.stamp || !l.key || !l.body) {
    oom(f);
    goto out;
  }
  for (uint32_t i = 0; i < f->nreachable; i++)
    l.key[f->rpo_order[i]] = 2 * i + 1;
  /* inner loops first: an inner header comes after its enclosing one in reverse post-order */
  for (uint32_t i = f->nreachable; i-- > 0;) {
    uint32_t h = f->rpo_order[i];
    if (f->blocks[h].is_loop_header && !loop(&l, h))
      goto out;
  }
  ok = true;
out:
  if (l.changed_cfg)
    f->cfg_valid = false;
  free(l.stamp);
  free(l.key);
  free(l.body);
  free(l.set_globals);
  return ok;
}
