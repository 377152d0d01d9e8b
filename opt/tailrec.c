/* tailrec.c: a linear recursion's self calls returned through an associative integer operation (and its plain tail calls) made jumps back to a loop at the function's start, a bounded number per activation. */
#include "opt/opt.h"

#include <stdlib.h>
#include <string.h>

/*
 * What it does.  A call of the function to itself whose result is returned directly (a tail
 * call), or returned through one i32/i64 add, mul, and, or or xor with a value computed before
 * the call (`return x + f(n - 2)`), becomes a jump back to a loop header at the function's
 * start, as LLVM's tail-recursion elimination does:
 *
 *     b0(p): consts; br b1                 b0(p): consts; br H(p, ID, K)
 *     b1: ...                              H(q, acc, cnt): ...          (b1's code, q for p)
 *     B: ...; v = call fSELF(a)      ==>   B: ...; br_if cnt, J, C
 *        u = i64.add x, v                  J: c = i32.sub cnt, 1; acc2 = i64.add acc, x; br H(a, acc2, c)
 *        return u                          C: v = call fSELF(a); u = i64.add x, v; w = i64.add acc, u; return w
 *
 * and every return of the function returns `acc OP value` (ID, the operation's identity, at
 * entry).  The return may be reached through blocks that hold nothing but a `br` passing the
 * value on (TAILREC_MAX_HOPS of them), as the builder leaves a wasm `return` in a block or a
 * result at the function's end.  Sites with a different operation than the first one found
 * stay calls; a plain tail call passes acc on unchanged, so it mixes with any operation.  Only
 * a linear recursion with an accumulator is changed: every self call of the function a site,
 * one of them through an operation (the measurements are at the test in opt_tailrec).
 *
 * Requirements kept.
 *   - Overflow: i32/i64 add and mul wrap, and and/or/xor are exact, so each of the five is
 *     associative and commutative mod 2^n and `acc OP (x OP f(..))` is `(acc OP x) OP f(..)`
 *     bit for bit.  Floats are never touched (their adds do not reassociate), nor a
 *     subtraction.  x is defined before the call, so computing it first changes nothing.
 *   - A runaway recursion still traps "call stack exhausted": a loop would run forever where
 *     the calls exhausted the stack.  So each activation takes at most TAILREC_MAX_JUMPS self
 *     tail calls as jumps (cnt, a parameter of the loop, counts them down) and then makes the
 *     real call, whose activation starts again at K: an endless recursion grows the stack at
 *     one frame per K + 1 activations and still exhausts it (K + 1 times the work), while a
 *     terminating one makes K + 1 times fewer frames on its tail chain.
 *   - Fuel and --timeout: H is a loop header by the CFG analysis, so its check runs on every
 *     jump, as the function's entry check ran on every call (the entry keeps its own).
 *   - A trap names the same wasm byte offset; the stack trace shows one frame of the function
 *     for the activations a run of jumps stands for, as a `return_call` to itself would.
 *   - `return_call` is left alone: a function holding one (or return_call_indirect) is not
 *     changed at all, since an accumulator cannot be added to what another function returns.
 *     An OSR version (whose entry is a loop's middle) is not changed either.
 *
 * Before inline (first in the table): the pattern is the builder's, and the calls left (the
 * cnt-exhausted ones) are then inlined and made direct as before.
 *
 * Cost: one walk over the instructions to find the sites, one to rename the entry's
 * parameters when there is one, and a few new instructions per site.
 */

#define TAILREC_MAX_JUMPS 64 /* self tail calls one activation makes as jumps: K above */
#define TAILREC_MAX_HOPS 4   /* blocks of a lone br between the call and its return */

typedef struct tr_site {
  ssa_id call;
  ssa_id op;    /* the operation applied to the result, SSA_NONE for a plain tail call */
  ssa_id other; /* its operand computed before the call */
} tr_site;

static bool oom(ssa_func *f)
{
  if (!f->error[0])
    snprintf(f->error, sizeof f->error, "out of memory in tailrec");
  return false;
}

/* Is op an associative and commutative integer operation on values of type t (wrapping)? */
static bool acc_op(uint16_t op, uint8_t t)
{
  switch (op) {
  case IR_I32_ADD: case IR_I32_MUL: case IR_I32_AND: case IR_I32_OR: case IR_I32_XOR: return t == WLAB_I32;
  case IR_I64_ADD: case IR_I64_MUL: case IR_I64_AND: case IR_I64_OR: case IR_I64_XOR: return t == WLAB_I64;
  default: return false;
  }
}

/* The identity of acc_op op on values of type t, as the constant's bits. */
static uint64_t identity(uint16_t op, uint8_t t)
{
  uint64_t ones = t == WLAB_I32 ? 0xFFFFFFFFu : UINT64_MAX;
  switch (op) {
  case IR_I32_MUL: case IR_I64_MUL: return 1;
  case IR_I32_AND: case IR_I64_AND: return ones;
  default: return 0;
  }
}

/* Does the code from instruction at (block b's terminator, nothing else) return t unchanged
 * (t SSA_NONE: return nothing), through at most hops blocks of a lone br? */
static bool returns(ssa_func *f, uint32_t b, ssa_id at, ssa_id t, unsigned hops)
{
  const ssa_block *bl = &f->blocks[b];
  if (!at || at != bl->last)
    return false;
  const ssa_inst *in = &f->insts[at];
  if (in->op == IR_RETURN)
    return t ? in->nargs == 1 && ssa_args(f, at)[0] == t : in->nargs == 0;
  if (in->op != IR_BR || !hops || bl->nsuccs != 1)
    return false;
  const ssa_edge *e = &bl->succs[0];
  const ssa_block *kb = &f->blocks[e->block];
  if (!kb->first || kb->first != kb->last)
    return false;
  if (!t)
    return returns(f, e->block, kb->first, SSA_NONE, hops - 1);
  for (uint32_t j = 0; j < e->nargs; j++)
    if (ssa_edge_args(f, e)[j] == t && returns(f, e->block, kb->first, ssa_params(f, e->block)[j], hops - 1))
      return true;
  return false;
}

/* The site call v makes, if it is one: *s filled, true. */
static bool site_of(ssa_func *f, ssa_id v, tr_site *s)
{
  const ssa_inst *c = &f->insts[v];
  if (c->op != IR_CALL || c->imm != f->func_index || c->origin != f->func_index)
    return false;
  uint32_t b = c->block;
  const functype *ft = f->type;
  if (ft->nresults > 1)
    return false;
  if (returns(f, b, c->next, ft->nresults ? v : SSA_NONE, TAILREC_MAX_HOPS)) {
    *s = (tr_site){v, SSA_NONE, SSA_NONE};
    return true;
  }
  ssa_id u = c->next;
  if (!ft->nresults || !u || !acc_op(f->insts[u].op, f->insts[u].type) || f->insts[u].type != c->type)
    return false;
  const ssa_id *a = ssa_args(f, u);
  ssa_id other = a[0] == v ? a[1] : a[1] == v ? a[0] : SSA_NONE;
  if (!other || other == v || !returns(f, b, f->insts[u].next, u, TAILREC_MAX_HOPS))
    return false;
  *s = (tr_site){v, u, other};
  return true;
}

/* A new instruction op of type t with operands x, y (nargs of them) appended to block b, or
 * put before instruction before when that is set; ir names the wasm offset. */
static ssa_id add_inst(ssa_func *f, uint32_t b, ssa_id before, uint16_t op, uint8_t t, uint32_t nargs, ssa_id x,
                       ssa_id y, uint32_t ir)
{
  ssa_id v = ssa_new_inst(f, op, t, nargs);
  if (!v)
    return SSA_NONE;
  f->insts[v].a[0] = x;
  f->insts[v].a[1] = y;
  f->insts[v].ir = ir;
  if (before)
    ssa_insert_before(f, before, v);
  else
    ssa_append(f, b, v);
  return v;
}

/* The entry's code moved to a new block h whose parameters are the function's, then acc (when
 * op), then cnt; the entry keeps its constants and branches to h.  Returns h. */
static uint32_t make_header(ssa_func *f, uint16_t op, uint8_t rtype, ssa_id *acc, ssa_id *cnt)
{
  uint32_t e0 = f->entry;
  uint32_t h = ssa_new_block(f);
  if (h == SSA_NO_BLOCK)
    return SSA_NO_BLOCK;
  uint32_t ir = f->blocks[e0].first ? f->insts[f->blocks[e0].last].ir : 0;
  for (ssa_id u = f->blocks[e0].first, next; u; u = next) {
    next = f->insts[u].next;
    if (f->insts[u].op != SSA_CONST) {
      ssa_unlink(f, u);
      ssa_append(f, h, u);
    }
  }
  ssa_move_succs(f, e0, h);
  f->blocks[h].ir_start = f->blocks[e0].ir_start;
  uint32_t np = f->blocks[e0].nparams;
  for (uint32_t p = 0; p < np; p++)
    if (!ssa_add_param(f, h, f->insts[ssa_params(f, e0)[p]].type))
      return SSA_NO_BLOCK;
  *acc = op ? ssa_add_param(f, h, rtype) : SSA_NONE;
  if ((op && !*acc) || !(*cnt = ssa_add_param(f, h, WLAB_I32)))
    return SSA_NO_BLOCK;
  /* every use of an entry parameter now reads h's (the entry itself has only constants) */
  for (uint32_t b = 0; b < f->nblocks; b++) {
    ssa_block *bl = &f->blocks[b];
    if (bl->dead || b == e0)
      continue;
    for (ssa_id v = bl->first; v; v = f->insts[v].next) {
      ssa_id *as = ssa_args(f, v);
      uint16_t n = f->insts[v].op == SSA_CONST || f->insts[v].op == SSA_PARAM ? 0 : f->insts[v].nargs;
      for (uint16_t k = 0; k < n; k++)
        if (f->insts[as[k]].op == SSA_PARAM && f->insts[as[k]].block == e0)
          as[k] = ssa_params(f, h)[f->insts[as[k]].aux];
    }
    for (uint32_t s = 0; s < bl->nsuccs; s++) {
      ssa_id *as = ssa_edge_args(f, &bl->succs[s]);
      for (uint32_t k = 0; k < bl->succs[s].nargs; k++)
        if (f->insts[as[k]].op == SSA_PARAM && f->insts[as[k]].block == e0)
          as[k] = ssa_params(f, h)[f->insts[as[k]].aux];
    }
  }
  ssa_id id = op ? ssa_const(f, rtype, identity(op, rtype), 0) : SSA_NONE;
  ssa_id k = ssa_const(f, WLAB_I32, TAILREC_MAX_JUMPS, 0);
  if ((op && !id) || !k || !add_inst(f, e0, SSA_NONE, IR_BR, SSA_VOID, 0, SSA_NONE, SSA_NONE, ir))
    return SSA_NO_BLOCK;
  uint32_t e = ssa_add_edge(f, e0, h);
  if (e == UINT32_MAX)
    return SSA_NO_BLOCK;
  for (uint32_t p = 0; p < np; p++)
    if (!ssa_edge_add_arg(f, e0, e, ssa_params(f, e0)[p]))
      return SSA_NO_BLOCK;
  if ((op && !ssa_edge_add_arg(f, e0, e, id)) || !ssa_edge_add_arg(f, e0, e, k))
    return SSA_NO_BLOCK;
  return h;
}

/* Site s becomes a jump to h while cnt is not zero, the call as it was otherwise. */
static bool rewrite_site(ssa_func *f, const tr_site *s, uint32_t h, uint16_t op, ssa_id acc, ssa_id cnt)
{
  ssa_id v = s->call;
  uint32_t b = f->insts[v].block, ir = f->insts[v].ir;
  uint32_t c = ssa_new_block(f), j = ssa_new_block(f);
  if (c == SSA_NO_BLOCK || j == SSA_NO_BLOCK)
    return false;
  /* C: the call and the rest of b */
  ssa_move_succs(f, b, c);
  f->blocks[c].ir_start = ir;
  f->blocks[j].ir_start = ir;
  for (ssa_id u = v, next; u; u = next) {
    next = f->insts[u].next;
    ssa_unlink(f, u);
    ssa_append(f, c, u);
  }
  if (!add_inst(f, b, SSA_NONE, IR_BR_IF, SSA_VOID, 1, cnt, SSA_NONE, ir) || ssa_add_edge(f, b, j) == UINT32_MAX ||
      ssa_add_edge(f, b, c) == UINT32_MAX)
    return false;
  /* J: one jump fewer left, the operand folded into acc, back to h with the call's arguments */
  ssa_id one = ssa_const(f, WLAB_I32, 1, 0);
  ssa_id left = one ? add_inst(f, j, SSA_NONE, IR_I32_SUB, WLAB_I32, 2, cnt, one, ir) : SSA_NONE;
  if (!left)
    return false;
  /* the operand as make_header renamed it, when it is a parameter of the function */
  ssa_id other = s->other;
  if (other && f->insts[other].op == SSA_PARAM && f->insts[other].block == f->entry)
    other = ssa_params(f, h)[f->insts[other].aux];
  ssa_id acc2 = acc;
  if (s->op && !(acc2 = add_inst(f, j, SSA_NONE, f->insts[s->op].op, f->insts[s->op].type, 2, acc, other, ir)))
    return false;
  if (!add_inst(f, j, SSA_NONE, IR_BR, SSA_VOID, 0, SSA_NONE, SSA_NONE, ir))
    return false;
  uint32_t e = ssa_add_edge(f, j, h);
  if (e == UINT32_MAX)
    return false;
  for (uint32_t k = 0; k < f->insts[v].nargs; k++)
    if (!ssa_edge_add_arg(f, j, e, ssa_args(f, v)[k]))
      return false;
  if ((op && !ssa_edge_add_arg(f, j, e, acc2)) || !ssa_edge_add_arg(f, j, e, left))
    return false;
  return true;
}

/* Calls of the function to itself, in its reachable blocks. */
static uint32_t self_calls(ssa_func *f)
{
  uint32_t n = 0;
  for (uint32_t i = 0; i < f->nreachable; i++)
    for (ssa_id v = f->blocks[f->rpo_order[i]].first; v; v = f->insts[v].next)
      n += f->insts[v].op == IR_CALL && f->insts[v].imm == f->func_index;
  return n;
}

bool opt_tailrec(ssa_func *f)
{
  const functype *ft = f->type;
  if (f->osr || ft->nresults > 1)
    return true;
  tr_site *sites = NULL;
  uint32_t nsites = 0, cap = 0;
  uint16_t op = 0;
  for (uint32_t i = 0; i < f->nreachable; i++) {
    uint32_t b = f->rpo_order[i];
    for (ssa_id v = f->blocks[b].first; v; v = f->insts[v].next) {
      uint16_t o = f->insts[v].op;
      if (o == IR_RETURN_CALL || o == IR_RETURN_CALL_INDIRECT) {
        free(sites);
        return true;
      }
      tr_site s;
      if (!site_of(f, v, &s))
        continue;
      if (s.op && op && f->insts[s.op].op != op)
        continue; /* one operation per function: acc holds one kind of partial result */
      if (s.op)
        op = f->insts[s.op].op;
      if (nsites == cap) {
        cap = cap ? 2 * cap : 4;
        tr_site *grown = realloc(sites, cap * sizeof *grown);
        if (!grown) {
          free(sites);
          return oom(f);
        }
        sites = grown;
      }
      sites[nsites++] = s;
    }
  }
  /* Linear recursion only, every call of the function to itself a site, and an accumulator
   * among them.  In a tree recursion (fib's fib(n - 1) + fib(n - 2), tak's three inner calls)
   * most activations end within a jump or two, so the loop's parameters (live across the calls
   * left, spilled) cost every activation more than the calls saved: JIT instructions of naive
   * fib 25 and tak 22 14 7 rose 1.31x and 1.21x with every site taken.  A plain tail call's jump
   * costs about what the direct self-call with arguments in registers does (opt/emit.c), the
   * inlined level halving those: a count of 100,000 plain tail calls ran 1.03x, a countdown
   * storing to memory 1.21x, while sums, products and hashes over 100,000 levels ran 0.85-0.93x
   * (results/2026-12-07-suite/o16o/). */
  if (!nsites || !op || self_calls(f) != nsites) {
    free(sites);
    return true;
  }
  bool ok = false;
  uint8_t rtype = ft->nresults ? (uint8_t)ft->results[0] : SSA_VOID;
  ssa_id acc = SSA_NONE, cnt = SSA_NONE;
  /* the returns there are now (the sites' new blocks hold none) */
  ssa_id *rets = NULL;
  uint32_t nrets = 0;
  if (op) {
    rets = malloc(f->ninsts * sizeof *rets);
    if (!rets) {
      oom(f);
      goto out;
    }
    for (uint32_t i = 0; i < f->nreachable; i++) {
      ssa_id t = f->blocks[f->rpo_order[i]].last;
      if (t && f->insts[t].op == IR_RETURN)
        rets[nrets++] = t;
    }
  }
  uint32_t h = make_header(f, op, rtype, &acc, &cnt);
  if (h == SSA_NO_BLOCK) {
    oom(f);
    goto out;
  }
  for (uint32_t i = 0; i < nsites; i++)
    if (!rewrite_site(f, &sites[i], h, op, acc, cnt)) {
      oom(f);
      goto out;
    }
  /* every return gives acc OP its value */
  for (uint32_t i = 0; i < nrets; i++) {
    ssa_id r = rets[i];
    ssa_id w = add_inst(f, 0, r, op, rtype, 2, acc, ssa_args(f, r)[0], f->insts[r].ir);
    if (!w) {
      oom(f);
      goto out;
    }
    ssa_args(f, r)[0] = w;
  }
  f->cfg_valid = false;
  ok = true;
out:
  free(sites);
  free(rets);
  return ok;
}
