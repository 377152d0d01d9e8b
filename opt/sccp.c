/* sccp.c: sparse conditional constant propagation (Wegman and Zadeck), folding through core's value-op table, and exact algebraic identities. */
#include "opt/opt.h"

#include <stdlib.h>
#include <string.h>

#include "core/value_ops.h"

/*
 * What it does.  Every value gets a lattice cell: unknown (nothing seen yet), one constant,
 * or overdefined (more than one value, or not computable here).  Blocks and edges start
 * unexecutable; from the entry, an executable block evaluates its instructions, and its
 * terminator marks the edges it may take (a br_if on a constant takes one edge, a br_table on
 * a constant one entry).  A block parameter is the meet of the arguments on its executable
 * incoming edges.  Cells only go down (unknown -> constant -> overdefined), so the two
 * worklists (edges newly executable, values whose cell changed) empty after each value
 * dropped at most twice and each edge was marked once.
 *
 * Then the rewrite: a value whose cell is a constant becomes that constant (ssa_const),
 * parameters included; a br_if or br_table on a constant becomes a br to the one executable
 * edge, so the blocks no executable edge reaches become unreachable; and, for values that
 * stay unknown, exact identities: x+0, x-0, x*1, x&-1, x|0, x^0, x&x, x|x, shifts and
 * rotates by a multiple of the width, x/1, i32.wrap_i64 of an extend, double neg / abs,
 * reinterpret of a reinterpret, select with equal arms; i32.eqz (or == 0) of an integer
 * compare becomes the inverted compare, and a br_if or select on i32.eqz x swaps its two
 * ways and tests x.  Integer ops get a canonical form: the constant operand second (a
 * compare mirrored), x - c as x + (-c), and (x op c1) op c2 as x op (c1 op c2) for add, mul,
 * and, or, xor, so an address comes out as one add of one constant.
 *
 * Requirements it keeps (docs/ssa.md, "Changing the form"):
 *   - Folding calls core/value_ops.def, the one table of value-op semantics (this file is one
 *     of its includers), so a fold gives exactly what the interpreter computes, NaN bits
 *     included.  An op that would trap at its constant operands (a division by zero, an
 *     out-of-range float-to-int) is left alone: it traps at run time, where it did.  A
 *     division that cannot trap at its operands (10 / 2) folds and goes.
 *   - Float identities only where bit-exact for every input: x*1.0 and x+(-0.0) quiet a
 *     signalling NaN, so they stay; neg and abs are sign-bit operations, so neg(neg x) is x.
 *     i32.eqz of a float compare is the inverted compare only for eq and ne (lt, le... are
 *     false on NaN both ways).
 *   - Loads, calls, globals and anything with an effect are overdefined: nothing is assumed
 *     about memory or instance state.
 *   - A value still unknown at the end in an executable block would make a meet wrong, so
 *     it is pushed to overdefined and the propagation resumed (strict SSA never leaves one;
 *     the check costs one scan and keeps the pass sound if that reasoning ever fails).
 *
 * Cost: O(values + edges) cells, use lists built once (ssa_uses_build), each value's users
 * visited at most twice; a block parameter's meet is updated incrementally from the changed
 * argument, not recomputed over all predecessors.
 */

enum { UNKNOWN, CONST, OVER };

typedef struct cell {
  uint8_t kind;
  uint64_t lo, hi;
} cell;

typedef struct sccp {
  ssa_func *f;
  uint32_t n;            /* values that existed when the pass started (new constants are past it) */
  cell *cells;
  uint8_t *block_exec;
  uint32_t *edge_base;   /* [nblocks]: index of block b's first edge in edge_exec */
  uint8_t *edge_exec;
  uint32_t *edge_work;   /* (block, edge) pairs */
  uint32_t nedge_work, edge_work_cap;
  ssa_id *value_work;
  uint8_t *in_value_work;
  uint32_t nvalue_work;
  ssa_uses uses;
  bool changed_edges;
} sccp;

static bool oom(ssa_func *f)
{
  if (!f->error[0])
    snprintf(f->error, sizeof f->error, "out of memory");
  return false;
}

/* ---- folding through core/value_ops.def ------------------------------------------------ */

/* Evaluates value op `in` over constant operands ops[0..nargs); false when the op is not one
 * of value_ops.def's rows or traps at these operands. */
static bool fold(const ssa_inst *in, const v128_t *ops, v128_t *out)
{
  v128_t s[4];
  memset(s, 0, sizeof s);
  for (uint16_t k = 0; k < in->nargs && k < 3; k++)
    s[1 + k] = ops[k];
  if (in->op == IR_I8X16_SHUFFLE) {
    s[3].u64[0] = in->imm;
    s[3].u64[1] = in->imm2;
  }
  const bool lane_op = in->op < WASM_OP_COUNT && opcodes_info[in->op].imm == IMM_LANE;
#define U32(x) (s[x].u32[0])
#define U64(x) (s[x].u64[0])
#define F32(x) (s[x].f32[0])
#define F64(x) (s[x].f64[0])
#define V128(x) (s[x])
#define R 0
#define A 1
#define B 2
#define C (lane_op ? (uint32_t)in->aux : 3u)
#define TRAP(kind) do { (void)(kind); return false; } while (0)
  switch ((ir_op)in->op) {
#define VOP(id, ...) case IR_##id: { __VA_ARGS__ } break;
#include "core/value_ops.def"
#undef VOP
  default:
    return false;
  }
#undef U32
#undef U64
#undef F32
#undef F64
#undef V128
#undef R
#undef A
#undef B
#undef C
#undef TRAP
  *out = s[0];
  return true;
}

/* ---- the lattice --------------------------------------------------------------------------- */

static bool push_value(sccp *s, ssa_id v)
{
  if (s->in_value_work[v])
    return true;
  s->in_value_work[v] = 1;
  s->value_work[s->nvalue_work++] = v; /* at most one entry per value: sized n */
  return true;
}

/* Lowers v's cell to its meet with (kind, lo, hi); queues v's users when it changed. */
static void lower(sccp *s, ssa_id v, uint8_t kind, uint64_t lo, uint64_t hi)
{
  if (v >= s->n)
    return;
  cell *c = &s->cells[v];
  if (kind == UNKNOWN || c->kind == OVER)
    return;
  if (c->kind == CONST && (kind == OVER || c->lo != lo || c->hi != hi))
    c->kind = OVER;
  else if (c->kind == UNKNOWN) {
    c->kind = kind;
    c->lo = lo;
    c->hi = hi;
  } else
    return;
  push_value(s, v);
}

static void lower_to(sccp *s, ssa_id v, const cell *x) { lower(s, v, x->kind, x->lo, x->hi); }

static cell cell_of(const sccp *s, ssa_id v)
{
  if (v < s->n)
    return s->cells[v];
  const ssa_inst *in = &s->f->insts[v]; /* a constant made by this pass */
  return (cell){in->op == SSA_CONST ? CONST : OVER, in->imm, in->imm2};
}

static bool is_const(const sccp *s, ssa_id v, uint64_t lo)
{
  cell c = cell_of(s, v);
  return c.kind == CONST && c.lo == lo && c.hi == 0;
}

static bool mark_edge(sccp *s, uint32_t b, uint32_t e)
{
  uint8_t *x = &s->edge_exec[s->edge_base[b] + e];
  if (*x)
    return true;
  *x = 1;
  if (s->nedge_work + 2 > s->edge_work_cap) {
    uint32_t cap = s->edge_work_cap ? s->edge_work_cap * 2 : 64;
    uint32_t *w = realloc(s->edge_work, cap * sizeof *w);
    if (!w)
      return oom(s->f);
    s->edge_work = w;
    s->edge_work_cap = cap;
  }
  s->edge_work[s->nedge_work++] = b;
  s->edge_work[s->nedge_work++] = e;
  return true;
}

static uint64_t width_mask(uint8_t type) { return type == WLAB_I32 || type == WLAB_F32 ? 0xffffffffull : ~0ull; }

/* An integer result that does not depend on an unknown operand: x*0, x&0, x|-1, x-x, x^x,
 * x==x ...  Returns UNKNOWN when no such rule applies. */
static cell absorb(const sccp *s, const ssa_inst *in, const ssa_id *as)
{
  cell none = {UNKNOWN, 0, 0};
  if (in->nargs != 2 || (in->type != WLAB_I32 && in->type != WLAB_I64))
    return none;
  ssa_id x = as[0], y = as[1];
  uint64_t ones = width_mask(in->type);
  switch ((ir_op)in->op) {
  case IR_I32_MUL: case IR_I64_MUL: case IR_I32_AND: case IR_I64_AND:
    if (is_const(s, x, 0) || is_const(s, y, 0))
      return (cell){CONST, 0, 0};
    break;
  case IR_I32_OR: case IR_I64_OR:
    if (is_const(s, x, ones) || is_const(s, y, ones))
      return (cell){CONST, ones, 0};
    break;
  case IR_I32_SHL: case IR_I64_SHL: case IR_I32_SHR_U: case IR_I64_SHR_U: case IR_I32_SHR_S: case IR_I64_SHR_S:
  case IR_I32_ROTL: case IR_I64_ROTL: case IR_I32_ROTR: case IR_I64_ROTR:
    if (is_const(s, x, 0))
      return (cell){CONST, 0, 0};
    if (is_const(s, x, ones) && in->op != IR_I32_SHL && in->op != IR_I64_SHL && in->op != IR_I32_SHR_U &&
        in->op != IR_I64_SHR_U)
      return (cell){CONST, ones, 0};
    break;
  case IR_I32_SUB: case IR_I64_SUB: case IR_I32_XOR: case IR_I64_XOR:
    if (x == y)
      return (cell){CONST, 0, 0};
    break;
  default:
    break;
  }
  /* integer compares of a value with itself (the result is i32 whatever the operands) */
  if (x == y) {
    switch ((ir_op)in->op) {
    case IR_I32_EQ: case IR_I64_EQ: case IR_I32_LE_S: case IR_I32_LE_U: case IR_I32_GE_S: case IR_I32_GE_U:
    case IR_I64_LE_S: case IR_I64_LE_U: case IR_I64_GE_S: case IR_I64_GE_U:
      return (cell){CONST, 1, 0};
    case IR_I32_NE: case IR_I64_NE: case IR_I32_LT_S: case IR_I32_LT_U: case IR_I32_GT_S: case IR_I32_GT_U:
    case IR_I64_LT_S: case IR_I64_LT_U: case IR_I64_GT_S: case IR_I64_GT_U:
      return (cell){CONST, 0, 0};
    default:
      break;
    }
  }
  return none;
}

/* The cell instruction v computes from its operands' cells (its branches: the edges marked). */
static bool evaluate(sccp *s, ssa_id v)
{
  ssa_func *f = s->f;
  const ssa_inst *in = &f->insts[v];
  const uint32_t b = in->block;
  const ssa_id *as = ssa_args(f, v);
  switch (in->op) {
  case SSA_CONST:
    lower(s, v, CONST, in->imm, in->imm2);
    return true;
  case IR_BR:
    return mark_edge(s, b, 0);
  case IR_BR_IF: {
    cell c = cell_of(s, as[0]);
    if (c.kind == CONST)
      return mark_edge(s, b, (uint32_t)c.lo != 0 ? 0 : 1);
    if (c.kind == OVER)
      return mark_edge(s, b, 0) && mark_edge(s, b, 1);
    return true;
  }
  case IR_BR_TABLE: {
    const ssa_block *bl = &f->blocks[b];
    cell c = cell_of(s, as[0]);
    if (c.kind == CONST) {
      uint32_t k = (uint32_t)c.lo < bl->ntable - 1 ? (uint32_t)c.lo : bl->ntable - 1;
      return mark_edge(s, b, bl->table[k]);
    }
    for (uint32_t e = 0; c.kind == OVER && e < bl->nsuccs; e++)
      if (!mark_edge(s, b, e))
        return false;
    return true;
  }
  case IR_SELECT: {
    cell c = cell_of(s, as[2]);
    if (c.kind == CONST) {
      cell x = cell_of(s, (uint32_t)c.lo ? as[0] : as[1]);
      lower_to(s, v, &x);
    } else if (c.kind == OVER) {
      cell x = cell_of(s, as[0]), y = cell_of(s, as[1]);
      lower_to(s, v, &x);
      lower_to(s, v, &y);
    }
    return true;
  }
  case IR_REF_IS_NULL: {
    cell c = cell_of(s, as[0]);
    if (c.kind == CONST)
      lower(s, v, CONST, c.lo == 0, 0);
    else
      lower(s, v, c.kind, 0, 0);
    return true;
  }
  default:
    break;
  }
  if (in->type == SSA_VOID)
    return true;
  if (in->op >= WASM_OP_COUNT || opcodes_info[in->op].imm == IMM_MEMARG ||
      opcodes_info[in->op].imm == IMM_MEMARG_LANE || in->nargs > 3 || !in->nargs) {
    lower(s, v, OVER, 0, 0); /* results, calls, loads, globals, tables, memory.size, ref.func */
    return true;
  }
  cell a = absorb(s, in, as);
  if (a.kind == CONST) {
    lower_to(s, v, &a);
    return true;
  }
  v128_t ops[3];
  uint8_t worst = CONST;
  for (uint16_t k = 0; k < in->nargs; k++) {
    cell c = cell_of(s, as[k]);
    if (c.kind == OVER)
      worst = OVER;
    else if (c.kind == UNKNOWN && worst != OVER)
      worst = UNKNOWN;
    ops[k].u64[0] = c.lo;
    ops[k].u64[1] = c.hi;
  }
  if (worst != CONST) {
    lower(s, v, worst, 0, 0);
    return true;
  }
  v128_t r;
  if (!fold(in, ops, &r)) {
    lower(s, v, OVER, 0, 0); /* not a foldable op, or it traps here: it stays */
    return true;
  }
  uint64_t lo = r.u64[0], hi = in->type == WLAB_V128 ? r.u64[1] : 0;
  lower(s, v, CONST, lo & width_mask(in->type), hi);
  return true;
}

/* Edge e of block b is newly executable: its arguments meet into the target's parameters, and
 * a target seen for the first time evaluates its instructions. */
static bool visit_edge(sccp *s, uint32_t b, uint32_t e)
{
  ssa_func *f = s->f;
  const ssa_edge *ed = &f->blocks[b].succs[e];
  uint32_t t = ed->block;
  for (uint32_t k = 0; k < ed->nargs; k++) {
    cell c = cell_of(s, ssa_edge_args(f, ed)[k]);
    lower_to(s, ssa_params(f, t)[k], &c);
  }
  if (s->block_exec[t])
    return true;
  s->block_exec[t] = 1;
  for (ssa_id v = f->blocks[t].first; v; v = f->insts[v].next)
    if (!evaluate(s, v))
      return false;
  return true;
}

/* v's cell changed: its users in executable blocks look again (a terminator also passes the
 * new cell to the parameters its executable edges feed with v). */
static bool visit_value(sccp *s, ssa_id v)
{
  ssa_func *f = s->f;
  const ssa_uses *u = &s->uses;
  cell c = s->cells[v];
  for (uint32_t i = u->start[v]; i < u->start[v + 1]; i++) {
    ssa_id user = u->user[i];
    if (i > u->start[v] && u->user[i - 1] == user)
      continue; /* a terminator passing v on several edges is listed once per edge */
    const uint32_t b = f->insts[user].block;
    if (!s->block_exec[b])
      continue;
    if (!evaluate(s, user))
      return false;
    if (user != f->blocks[b].last)
      continue;
    for (uint32_t e = 0; e < f->blocks[b].nsuccs; e++) {
      if (!s->edge_exec[s->edge_base[b] + e])
        continue;
      const ssa_edge *ed = &f->blocks[b].succs[e];
      for (uint32_t k = 0; k < ed->nargs; k++)
        if (ssa_edge_args(f, ed)[k] == v)
          lower_to(s, ssa_params(f, ed->block)[k], &c);
    }
  }
  return true;
}

static bool propagate(sccp *s)
{
  while (s->nedge_work || s->nvalue_work) {
    if (s->nedge_work) {
      s->nedge_work -= 2;
      if (!visit_edge(s, s->edge_work[s->nedge_work], s->edge_work[s->nedge_work + 1]))
        return false;
      continue;
    }
    ssa_id v = s->value_work[--s->nvalue_work];
    s->in_value_work[v] = 0;
    if (!visit_value(s, v))
      return false;
  }
  return true;
}

/* Values of executable blocks still unknown go overdefined (see the requirements above);
 * true when there were none. */
static bool settle_unknowns(sccp *s)
{
  ssa_func *f = s->f;
  bool none = true;
  for (uint32_t i = 0; i < f->nreachable; i++) {
    uint32_t b = f->rpo_order[i];
    if (!s->block_exec[b])
      continue;
    for (uint32_t k = 0; k < f->blocks[b].nparams; k++) {
      ssa_id p = ssa_params(f, b)[k];
      if (s->cells[p].kind == UNKNOWN) {
        lower(s, p, OVER, 0, 0);
        none = false;
      }
    }
    for (ssa_id v = f->blocks[b].first; v; v = f->insts[v].next) {
      bool branch = f->insts[v].op == IR_BR_IF || f->insts[v].op == IR_BR_TABLE;
      ssa_id x = branch ? ssa_args(f, v)[0] : v;
      if ((f->insts[v].type != SSA_VOID || branch) && s->cells[x].kind == UNKNOWN) {
        lower(s, x, OVER, 0, 0);
        none = false;
      }
    }
  }
  return none;
}

/* ---- the rewrite ---------------------------------------------------------------------------- */

/* The instruction defining v, after forwarding. */
static const ssa_inst *def_of(ssa_func *f, ssa_id v) { return &f->insts[ssa_resolve(f, v)]; }

/* The compare that is true exactly when `op` is false (0 when there is none that is exact). */
static uint16_t inverted_compare(uint16_t op)
{
  switch ((ir_op)op) {
  case IR_I32_EQ: return IR_I32_NE;
  case IR_I32_NE: return IR_I32_EQ;
  case IR_I32_LT_S: return IR_I32_GE_S;
  case IR_I32_LT_U: return IR_I32_GE_U;
  case IR_I32_GT_S: return IR_I32_LE_S;
  case IR_I32_GT_U: return IR_I32_LE_U;
  case IR_I32_LE_S: return IR_I32_GT_S;
  case IR_I32_LE_U: return IR_I32_GT_U;
  case IR_I32_GE_S: return IR_I32_LT_S;
  case IR_I32_GE_U: return IR_I32_LT_U;
  case IR_I64_EQ: return IR_I64_NE;
  case IR_I64_NE: return IR_I64_EQ;
  case IR_I64_LT_S: return IR_I64_GE_S;
  case IR_I64_LT_U: return IR_I64_GE_U;
  case IR_I64_GT_S: return IR_I64_LE_S;
  case IR_I64_GT_U: return IR_I64_LE_U;
  case IR_I64_LE_S: return IR_I64_GT_S;
  case IR_I64_LE_U: return IR_I64_GT_U;
  case IR_I64_GE_S: return IR_I64_LT_S;
  case IR_I64_GE_U: return IR_I64_LT_U;
  /* floats: only eq and ne are each other's negation when a NaN is involved */
  case IR_F32_EQ: return IR_F32_NE;
  case IR_F32_NE: return IR_F32_EQ;
  case IR_F64_EQ: return IR_F64_NE;
  case IR_F64_NE: return IR_F64_EQ;
  default: return 0;
  }
}

/* Does op give only 0 or 1? (every compare and eqz) */
static bool gives_bool(uint16_t op)
{
  switch ((ir_op)op) {
  case IR_I32_EQZ: case IR_I64_EQZ: case IR_F32_LT: case IR_F32_GT: case IR_F32_LE: case IR_F32_GE:
  case IR_F64_LT: case IR_F64_GT: case IR_F64_LE: case IR_F64_GE:
    return true;
  default:
    return inverted_compare(op) != 0;
  }
}

/* x when v is "x == 0" for an i32 x (i32.eqz x, or i32.eq with a constant 0), else 0. */
static ssa_id eqz_operand(sccp *s, ssa_id v)
{
  const ssa_inst *in = def_of(s->f, v);
  const ssa_id *as = in->nargs <= 3 ? in->a : s->f->pool + in->a[0];
  if (in->op == IR_I32_EQZ)
    return ssa_resolve(s->f, as[0]);
  if (in->op == IR_I32_EQ && is_const(s, as[1], 0))
    return ssa_resolve(s->f, as[0]);
  if (in->op == IR_I32_EQ && is_const(s, as[0], 0))
    return ssa_resolve(s->f, as[1]);
  return SSA_NONE;
}

/* x when v is "x != 0" for an i32 x (i32.ne with a constant 0), else 0. */
static ssa_id nez_operand(sccp *s, ssa_id v)
{
  const ssa_inst *in = def_of(s->f, v);
  if (in->op != IR_I32_NE)
    return SSA_NONE;
  if (is_const(s, in->a[1], 0))
    return ssa_resolve(s->f, in->a[0]);
  if (is_const(s, in->a[0], 0))
    return ssa_resolve(s->f, in->a[1]);
  return SSA_NONE;
}

/* The operand v equals when an exact identity makes it a copy, else 0. */
static ssa_id identity(sccp *s, ssa_id v)
{
  ssa_func *f = s->f;
  const ssa_inst *in = &f->insts[v];
  if (in->nargs > 3)
    return SSA_NONE;
  ssa_id x = in->nargs > 0 ? ssa_resolve(f, in->a[0]) : 0, y = in->nargs > 1 ? ssa_resolve(f, in->a[1]) : 0;
  uint64_t ones = width_mask(in->type);
  const ssa_inst *dx = x ? &f->insts[x] : NULL;
  switch ((ir_op)in->op) {
  case IR_I32_ADD: case IR_I64_ADD: case IR_I32_OR: case IR_I64_OR: case IR_I32_XOR: case IR_I64_XOR:
    if (is_const(s, y, 0)) return x;
    if (is_const(s, x, 0)) return y;
    if (x == y && (in->op == IR_I32_OR || in->op == IR_I64_OR)) return x;
    break;
  case IR_I32_SUB: case IR_I64_SUB:
    if (is_const(s, y, 0)) return x;
    break;
  case IR_I32_MUL: case IR_I64_MUL:
    if (is_const(s, y, 1)) return x;
    if (is_const(s, x, 1)) return y;
    break;
  case IR_I32_DIV_S: case IR_I32_DIV_U: case IR_I64_DIV_S: case IR_I64_DIV_U:
    if (is_const(s, y, 1)) return x; /* x / 1 neither traps nor overflows */
    break;
  case IR_I32_AND: case IR_I64_AND:
    if (is_const(s, y, ones)) return x;
    if (is_const(s, x, ones)) return y;
    if (x == y) return x;
    break;
  case IR_I32_SHL: case IR_I32_SHR_S: case IR_I32_SHR_U: case IR_I32_ROTL: case IR_I32_ROTR:
  case IR_I64_SHL: case IR_I64_SHR_S: case IR_I64_SHR_U: case IR_I64_ROTL: case IR_I64_ROTR: {
    cell c = cell_of(s, y); /* the count is taken modulo the width */
    if (c.kind == CONST && (c.lo & (in->type == WLAB_I32 ? 31 : 63)) == 0)
      return x;
    break;
  }
  case IR_I32_WRAP_I64:
    if (dx->op == IR_I64_EXTEND_I32_S || dx->op == IR_I64_EXTEND_I32_U)
      return ssa_resolve(f, dx->a[0]);
    break;
  case IR_F32_NEG: case IR_F64_NEG:
    if (dx->op == in->op)
      return ssa_resolve(f, dx->a[0]); /* a sign flip twice: every bit back, NaNs too */
    break;
  case IR_F32_ABS: case IR_F64_ABS:
    if (dx->op == in->op)
      return x;
    break;
  case IR_I32_REINTERPRET_F32: case IR_F32_REINTERPRET_I32: case IR_I64_REINTERPRET_F64: case IR_F64_REINTERPRET_I64:
    if ((in->op == IR_I32_REINTERPRET_F32 && dx->op == IR_F32_REINTERPRET_I32) ||
        (in->op == IR_F32_REINTERPRET_I32 && dx->op == IR_I32_REINTERPRET_F32) ||
        (in->op == IR_I64_REINTERPRET_F64 && dx->op == IR_F64_REINTERPRET_I64) ||
        (in->op == IR_F64_REINTERPRET_I64 && dx->op == IR_I64_REINTERPRET_F64))
      return ssa_resolve(f, dx->a[0]);
    break;
  case IR_SELECT: {
    cell c = cell_of(s, in->a[2]);
    if (c.kind == CONST)
      return ssa_resolve(f, (uint32_t)c.lo ? in->a[0] : in->a[1]);
    if (x == y)
      return x;
    break;
  }
  case IR_I32_EQZ: {
    /* eqz(eqz(b)) of a 0/1 value b is b */
    ssa_id inner = eqz_operand(s, v);
    if (inner && f->insts[inner].op == IR_I32_EQZ) {
      ssa_id b = ssa_resolve(f, f->insts[inner].a[0]);
      if (gives_bool(f->insts[b].op))
        return b;
    }
    break;
  }
  case IR_I32_NE:
    /* (b != 0) of a 0/1 value b is b */
    if (is_const(s, y, 0) && gives_bool(dx->op))
      return x;
    break;
  default:
    break;
  }
  return SSA_NONE;
}

/* The compare that gives the same answer with its operands swapped (c < x is x > c). */
static uint16_t mirrored_compare(uint16_t op)
{
  switch ((ir_op)op) {
  case IR_I32_EQ: case IR_I32_NE: case IR_I64_EQ: case IR_I64_NE: return op;
  case IR_I32_LT_S: return IR_I32_GT_S;
  case IR_I32_LT_U: return IR_I32_GT_U;
  case IR_I32_GT_S: return IR_I32_LT_S;
  case IR_I32_GT_U: return IR_I32_LT_U;
  case IR_I32_LE_S: return IR_I32_GE_S;
  case IR_I32_LE_U: return IR_I32_GE_U;
  case IR_I32_GE_S: return IR_I32_LE_S;
  case IR_I32_GE_U: return IR_I32_LE_U;
  case IR_I64_LT_S: return IR_I64_GT_S;
  case IR_I64_LT_U: return IR_I64_GT_U;
  case IR_I64_GT_S: return IR_I64_LT_S;
  case IR_I64_GT_U: return IR_I64_LT_U;
  case IR_I64_LE_S: return IR_I64_GE_S;
  case IR_I64_LE_U: return IR_I64_GE_U;
  case IR_I64_GE_S: return IR_I64_LE_S;
  case IR_I64_GE_U: return IR_I64_LE_U;
  default: return 0;
  }
}

/* Integer ops where (x op c1) op c2 is x op (c1 op c2), and whose operands commute. */
static bool assoc_commutative(uint16_t op)
{
  switch ((ir_op)op) {
  case IR_I32_ADD: case IR_I32_MUL: case IR_I32_AND: case IR_I32_OR: case IR_I32_XOR:
  case IR_I64_ADD: case IR_I64_MUL: case IR_I64_AND: case IR_I64_OR: case IR_I64_XOR:
    return true;
  default:
    return false;
  }
}

static uint64_t combine(uint16_t op, uint64_t a, uint64_t b, uint64_t mask)
{
  switch ((ir_op)op) {
  case IR_I32_ADD: case IR_I64_ADD: return (a + b) & mask;
  case IR_I32_MUL: case IR_I64_MUL: return (a * b) & mask;
  case IR_I32_AND: case IR_I64_AND: return a & b;
  case IR_I32_OR: case IR_I64_OR: return a | b;
  default: return a ^ b;
  }
}

/* Integer canonical forms, each exact (integers wrap): a constant operand goes second (a
 * compare mirrored: 5 < x is x > 5), x - c becomes x + (-c), and (x op c1) op c2 becomes
 * x op (c1 op c2) for add, mul, and, or, xor.  The instruction computes the same value;
 * address arithmetic comes out as one add of one constant, the form instruction selection
 * folds into an operand.  False when out of memory. */
static bool canonicalise(sccp *s, ssa_id v)
{
  ssa_func *f = s->f;
  ssa_inst *in = &f->insts[v];
  if (in->nargs != 2 || in->op >= WASM_OP_COUNT)
    return true;
  ssa_id x = ssa_resolve(f, in->a[0]), y = ssa_resolve(f, in->a[1]);
  cell cx = cell_of(s, x), cy = cell_of(s, y);
  if (cx.kind == CONST && cy.kind != CONST) {
    uint16_t m = assoc_commutative(in->op) ? in->op : mirrored_compare(in->op);
    if (!m)
      return true;
    in->op = m;
    in->a[0] = y;
    in->a[1] = x;
    ssa_id t = x;
    x = y;
    y = t;
    cell tc = cx;
    cx = cy;
    cy = tc;
  }
  if (cy.kind != CONST || (in->type != WLAB_I32 && in->type != WLAB_I64))
    return true;
  uint64_t mask = width_mask(in->type);
  if (in->op == IR_I32_SUB || in->op == IR_I64_SUB) {
    ssa_id k = ssa_const(f, in->type, (0 - cy.lo) & mask, 0);
    if (!k)
      return false;
    in = &f->insts[v];
    in->op = in->op == IR_I32_SUB ? IR_I32_ADD : IR_I64_ADD;
    in->a[1] = y = k;
    cy.lo = f->insts[k].imm;
  }
  if (!assoc_commutative(in->op))
    return true;
  const ssa_inst *inner = &f->insts[x];
  if (inner->op != in->op || inner->nargs != 2)
    return true;
  cell c1 = cell_of(s, ssa_resolve(f, inner->a[1]));
  if (c1.kind != CONST || cell_of(s, ssa_resolve(f, inner->a[0])).kind == CONST)
    return true;
  ssa_id k = ssa_const(f, in->type, combine(in->op, c1.lo, cy.lo, mask), 0);
  if (!k)
    return false;
  in = &f->insts[v];
  in->a[0] = ssa_resolve(f, f->insts[x].a[0]);
  in->a[1] = k;
  return true;
}

/* Rewrites v in place when it is "compare == 0": the inverted compare of the same operands. */
static void invert_in_place(sccp *s, ssa_id v)
{
  ssa_func *f = s->f;
  ssa_id x = eqz_operand(s, v);
  if (!x || !inverted_compare(f->insts[x].op) || f->insts[x].nargs != 2)
    return;
  ssa_inst *in = &f->insts[v];
  const ssa_inst *cmp = &f->insts[x];
  in->op = inverted_compare(cmp->op);
  in->nargs = 2;
  in->a[0] = cmp->a[0];
  in->a[1] = cmp->a[1];
}

/* br_if / select on "x == 0" tests x with its two ways swapped; on "x != 0" tests x. */
static void simplify_condition(sccp *s, ssa_id v)
{
  ssa_func *f = s->f;
  ssa_inst *in = &f->insts[v];
  uint32_t at = in->op == IR_BR_IF ? 0 : 2;
  for (int rounds = 0; rounds < 8; rounds++) {
    ssa_id c = in->a[at], x;
    if ((x = nez_operand(s, c))) {
      in->a[at] = x;
    } else if ((x = eqz_operand(s, c))) {
      in->a[at] = x;
      if (in->op == IR_BR_IF) {
        ssa_block *bl = &f->blocks[in->block];
        ssa_edge t = bl->succs[0];
        bl->succs[0] = bl->succs[1];
        bl->succs[1] = t;
        f->cfg_valid = false; /* the predecessor lists name edges by index */
      } else {
        ssa_id t = in->a[0];
        in->a[0] = in->a[1];
        in->a[1] = t;
      }
    } else
      return;
  }
}

/* A br_if or br_table whose condition is a constant becomes a br along its one taken edge. */
static void fold_branch(sccp *s, uint32_t b)
{
  ssa_func *f = s->f;
  ssa_block *bl = &f->blocks[b];
  ssa_inst *t = &f->insts[bl->last];
  if (t->op != IR_BR_IF && t->op != IR_BR_TABLE)
    return;
  cell c = cell_of(s, t->a[0]);
  if (c.kind != CONST)
    return;
  uint32_t e = t->op == IR_BR_IF ? ((uint32_t)c.lo ? 0 : 1)
                                 : bl->table[(uint32_t)c.lo < bl->ntable - 1 ? (uint32_t)c.lo : bl->ntable - 1];
  bl->succs[0] = bl->succs[e];
  bl->nsuccs = 1;
  bl->table = NULL;
  bl->ntable = 0;
  t->op = IR_BR;
  t->nargs = 0;
  f->cfg_valid = false;
}

/* ---- a sum of a vector's four i32 lanes ---------------------------------------------------- */

/* Collects the leaves of the i32.add tree at v into leaf[] (at most 4; false past that): an
 * add is a node when it is the root or used once, in the root's block; anything else a leaf. */
static bool sum_leaves(sccp *s, ssa_id v, bool root, uint32_t b, ssa_id *leaf, unsigned *n)
{
  ssa_func *f = s->f;
  v = ssa_resolve(f, v);
  const ssa_inst *in = &f->insts[v];
  if (in->op == IR_I32_ADD && in->block == b && (root || (v < s->n && s->uses.count[v] == 1)))
    return sum_leaves(s, in->a[0], false, b, leaf, n) && sum_leaves(s, in->a[1], false, b, leaf, n);
  if (*n == 4)
    return false;
  leaf[(*n)++] = v;
  return true;
}

static ssa_id lane_sum_inst(sccp *s, ssa_id at, uint16_t op, uint8_t type, ssa_id x, ssa_id y)
{
  ssa_func *f = s->f;
  ssa_id v = ssa_new_inst(f, op, type, y ? 2 : 1);
  if (!v)
    return SSA_NONE;
  ssa_inst *in = &f->insts[v];
  in->a[0] = x;
  if (y)
    in->a[1] = y;
  in->ir = f->insts[at].ir;
  in->origin = f->insts[at].origin;
  ssa_insert_before(f, at, v);
  return v;
}

/* An i32.add that sums the four lanes of one i32x4 vector x, lane by lane in any order and
 * association (the lanes extracted only for the sum): becomes two halving steps,
 *   t = x + shuffle(x: lanes 2 3 0 1),  u = t + shuffle(t: lanes 1 0 3 2),  extract_lane u 0,
 * the horizontal sum wasm SIMD has no op for.  Exact: i32 adds wrap, so every order gives the
 * same sum.  On x86 two pshufd and two paddd and a movd, for a movd, three pextrd (two uops
 * each, a chain of three cycles' latency before the adds) and three adds: simd's SAD ends
 * with it.  Returns the new value, v itself when the pattern is not there, SSA_NONE when out
 * of memory. */
static ssa_id lane_sum(sccp *s, ssa_id v)
{
  ssa_func *f = s->f;
  ssa_id leaf[4];
  unsigned n = 0, lanes = 0;
  if (!sum_leaves(s, v, true, f->insts[v].block, leaf, &n) || n != 4)
    return v;
  ssa_id x = SSA_NONE;
  for (unsigned k = 0; k < 4; k++) {
    const ssa_inst *e = &f->insts[leaf[k]];
    if (e->op != IR_I32X4_EXTRACT_LANE || leaf[k] >= s->n || s->uses.count[leaf[k]] != 1)
      return v;
    ssa_id src = ssa_resolve(f, e->a[0]);
    if (x && src != x)
      return v;
    x = src;
    lanes |= 1u << (e->aux & 3);
  }
  if (lanes != 15)
    return v;
  /* shuffle lanes are bytes: imm the low eight, imm2 the high eight */
  ssa_id h = lane_sum_inst(s, v, IR_I8X16_SHUFFLE, WLAB_V128, x, x);
  if (!h)
    return SSA_NONE;
  f->insts[h].imm = 0x0706050403020100ull + 0x0808080808080808ull;
  f->insts[h].imm2 = 0x0706050403020100ull;
  ssa_id t = lane_sum_inst(s, v, IR_I32X4_ADD, WLAB_V128, x, h);
  ssa_id q = t ? lane_sum_inst(s, v, IR_I8X16_SHUFFLE, WLAB_V128, t, t) : SSA_NONE;
  if (!q)
    return SSA_NONE;
  f->insts[q].imm = 0x0302010007060504ull;
  f->insts[q].imm2 = 0x0B0A09080F0E0D0Cull;
  ssa_id u = lane_sum_inst(s, v, IR_I32X4_ADD, WLAB_V128, t, q);
  ssa_id r = u ? lane_sum_inst(s, v, IR_I32X4_EXTRACT_LANE, WLAB_I32, u, SSA_NONE) : SSA_NONE;
  if (!r)
    return SSA_NONE;
  f->insts[r].aux = 0;
  return r;
}

static bool rewrite(sccp *s)
{
  ssa_func *f = s->f;
  /* parameters first, while the predecessor lists still describe the edges */
  for (uint32_t i = 0; i < f->nreachable; i++) {
    uint32_t b = f->rpo_order[i];
    if (!s->block_exec[b] || b == f->entry)
      continue;
    for (uint32_t k = f->blocks[b].nparams; k-- > 0;) {
      ssa_id p = ssa_params(f, b)[k];
      const cell *c = &s->cells[p];
      if (c->kind != CONST)
        continue;
      ssa_id k_const = ssa_const(f, f->insts[p].type, c->lo, c->hi);
      if (!k_const)
        return false;
      ssa_replace(f, p, k_const);
      ssa_remove_param(f, b, k);
    }
  }
  for (uint32_t i = 0; i < f->nreachable; i++) {
    uint32_t b = f->rpo_order[i];
    if (!s->block_exec[b])
      continue;
    for (ssa_id v = f->blocks[b].first, next; v; v = next) {
      next = f->insts[v].next;
      if (v >= s->n)
        continue;
      ssa_inst *in = &f->insts[v];
      const cell *c = &s->cells[v];
      if (in->op == SSA_CONST || in->type == SSA_VOID) {
        if (in->op == IR_BR_IF || in->op == IR_SELECT)
          simplify_condition(s, v);
        continue;
      }
      if (c->kind == CONST) {
        ssa_id k = ssa_const(f, in->type, c->lo, c->hi);
        if (!k)
          return false;
        ssa_replace(f, v, k);
        ssa_unlink(f, v);
        continue;
      }
      ssa_id x = identity(s, v);
      if (x && x != v && f->insts[x].type == in->type) {
        ssa_replace(f, v, x);
        ssa_unlink(f, v);
        continue;
      }
      if (!canonicalise(s, v))
        return false;
      in = &f->insts[v];
      if ((x = identity(s, v)) && x != v && f->insts[x].type == in->type) {
        ssa_replace(f, v, x); /* x + c1 + c2 where c2 == -c1 ... */
        ssa_unlink(f, v);
        continue;
      }
      if (in->op == IR_I32_ADD) {
        if (!(x = lane_sum(s, v)))
          return false;
        if (x != v) {
          ssa_replace(f, v, x);
          ssa_unlink(f, v);
          continue;
        }
      }
      if (in->op == IR_I32_EQZ || in->op == IR_I32_EQ)
        invert_in_place(s, v);
      if (in->op == IR_SELECT)
        simplify_condition(s, v);
    }
    fold_branch(s, b);
  }
  return true;
}

bool opt_sccp(ssa_func *f)
{
  sccp s = {.f = f, .n = f->ninsts};
  bool ok = false;
  uint32_t nedges = 0;
  s.cells = calloc(s.n, sizeof *s.cells);
  s.block_exec = calloc(f->nblocks, 1);
  s.edge_base = malloc((f->nblocks + 1) * sizeof *s.edge_base);
  s.value_work = malloc(s.n * sizeof *s.value_work);
  s.in_value_work = calloc(s.n, 1);
  if (!s.cells || !s.block_exec || !s.edge_base || !s.value_work || !s.in_value_work)
    goto out;
  for (uint32_t b = 0; b < f->nblocks; b++) {
    s.edge_base[b] = nedges;
    nedges += f->blocks[b].dead ? 0 : f->blocks[b].nsuccs;
  }
  s.edge_exec = calloc(nedges ? nedges : 1, 1);
  if (!s.edge_exec || !ssa_uses_build(f, &s.uses))
    goto out;
  /* the function's parameters are anything */
  for (uint32_t k = 0; k < f->blocks[f->entry].nparams; k++)
    s.cells[ssa_params(f, f->entry)[k]].kind = OVER;
  s.block_exec[f->entry] = 1;
  for (ssa_id v = f->blocks[f->entry].first; v; v = f->insts[v].next)
    if (!evaluate(&s, v))
      goto out;
  do {
    if (!propagate(&s))
      goto out;
  } while (!settle_unknowns(&s));
  ok = rewrite(&s);
out:
  if (!ok)
    oom(f);
  ssa_uses_free(&s.uses);
  free(s.cells);
  free(s.block_exec);
  free(s.edge_base);
  free(s.edge_exec);
  free(s.edge_work);
  free(s.value_work);
  free(s.in_value_work);
  return ok;
}
