/* gen_module.c: a structured generator from bytes to a valid WebAssembly module (gen_module.h). */
#include "tests/fuzz/gen_module.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/opcodes.h"

/*
 * The generator is type-directed: expr(g, t) emits code that leaves one value of type t,
 * stmt(g) code that leaves nothing, and each picks among the ways to do that which the module
 * so far allows (a local of that type, a load when there is a memory, an op of the opcode table
 * with that result, a block with that result, a call of a function that returns it, ...),
 * making the operands the same way.  Branches, returns, tail calls and `unreachable` may
 * appear anywhere: after them the operand stack is polymorphic, so whatever follows is valid.
 * Depth and a per-function budget bound the size.
 */

enum { I32 = 0x7F, I64 = 0x7E, F32 = 0x7D, F64 = 0x7C, V128 = 0x7B, FUNCREF = 0x70, EXTERNREF = 0x6F };

#define MAX_TYPES 48
#define MAX_PARAMS 5
#define MAX_RESULTS 3
#define MAX_DEFINED 8
#define MAX_FUNCS (MAX_DEFINED + 8)
#define MAX_LOCALS 12        /* declared, besides the parameters */
#define MAX_GLOBALS 10
#define MAX_TABLES 3
#define MAX_SEGMENTS 4
#define MAX_LABELS 16
#define MAX_DEPTH 6
#define MAX_MEM_PAGES 4      /* memories stay small: the runner compares them after every call */

/* Opcodes the generator writes by hand (the value ops come from opcodes_info). */
enum {
  OP_UNREACHABLE = 0x00, OP_NOP = 0x01, OP_BLOCK = 0x02, OP_LOOP = 0x03, OP_IF = 0x04, OP_ELSE = 0x05,
  OP_END = 0x0B, OP_BR = 0x0C, OP_BR_IF = 0x0D, OP_BR_TABLE = 0x0E, OP_RETURN = 0x0F, OP_CALL = 0x10,
  OP_CALL_INDIRECT = 0x11, OP_RETURN_CALL = 0x12, OP_RETURN_CALL_INDIRECT = 0x13, OP_DROP = 0x1A,
  OP_SELECT = 0x1B, OP_SELECT_T = 0x1C, OP_LOCAL_GET = 0x20, OP_LOCAL_SET = 0x21, OP_LOCAL_TEE = 0x22,
  OP_GLOBAL_GET = 0x23, OP_GLOBAL_SET = 0x24, OP_TABLE_GET = 0x25, OP_TABLE_SET = 0x26, OP_MEMORY_SIZE = 0x3F,
  OP_MEMORY_GROW = 0x40, OP_I32_CONST = 0x41, OP_I64_CONST = 0x42, OP_F32_CONST = 0x43, OP_F64_CONST = 0x44,
  OP_I32_EQZ = 0x45, OP_I32_ADD = 0x6A, OP_I32_SUB = 0x6B, OP_I32_MUL = 0x6C, OP_I32_AND = 0x71,
  OP_I64_ADD = 0x7C, OP_I64_SUB = 0x7D, OP_I64_MUL = 0x7E, OP_REF_NULL = 0xD0, OP_REF_IS_NULL = 0xD1,
  OP_REF_FUNC = 0xD2, OP_PREFIX_FC = 0xFC, OP_PREFIX_FD = 0xFD,
  FC_MEMORY_INIT = 8, FC_DATA_DROP = 9, FC_MEMORY_COPY = 10, FC_MEMORY_FILL = 11, FC_TABLE_INIT = 12,
  FC_ELEM_DROP = 13, FC_TABLE_COPY = 14, FC_TABLE_GROW = 15, FC_TABLE_SIZE = 16, FC_TABLE_FILL = 17,
  FD_V128_CONST = 12,
};

/* ---- output buffers ------------------------------------------------------------------------- */

typedef struct buf {
  uint8_t *p;
  size_t n, cap;
  bool oom;
} buf;

static void put(buf *b, uint8_t x)
{
  if (b->n == b->cap) {
    size_t cap = b->cap ? 2 * b->cap : 256;
    uint8_t *p = realloc(b->p, cap);
    if (!p) {
      b->oom = true;
      return;
    }
    b->p = p;
    b->cap = cap;
  }
  b->p[b->n++] = x;
}

static void put_bytes(buf *b, const void *p, size_t n)
{
  for (size_t i = 0; i < n; i++)
    put(b, ((const uint8_t *)p)[i]);
}

static void put_u32(buf *b, uint32_t v)
{
  do {
    uint8_t x = v & 0x7f;
    v >>= 7;
    put(b, x | (v ? 0x80 : 0));
  } while (v);
}

static void put_s64(buf *b, int64_t v)
{
  for (;;) {
    uint8_t x = v & 0x7f;
    v >>= 7; /* arithmetic shift: gcc and clang both keep the sign */
    if ((v == 0 && !(x & 0x40)) || (v == -1 && (x & 0x40))) {
      put(b, x);
      return;
    }
    put(b, x | 0x80);
  }
}

/* A section: id, size, contents. */
static void put_section(buf *out, uint8_t id, const buf *body)
{
  put(out, id);
  put_u32(out, (uint32_t)body->n);
  put_bytes(out, body->p, body->n);
  out->oom |= body->oom;
}

/* ---- the generator's state ------------------------------------------------------------------ */

typedef struct ftype {
  uint8_t np, nr;
  uint8_t p[MAX_PARAMS], r[MAX_RESULTS];
} ftype;

/* The host imports gen_module.h lists, in the order they are considered. */
static const struct {
  const char *name;
  ftype type;
} host_imports[] = {
  {"log_i32", {1, 0, {I32}, {0}}},          {"log_i64", {1, 0, {I64}, {0}}},
  {"log_f32", {1, 0, {F32}, {0}}},          {"log_f64", {1, 0, {F64}, {0}}},
  {"log_v128", {1, 0, {V128}, {0}}},        {"log_ref", {1, 0, {EXTERNREF}, {0}}},
  {"mix", {2, 1, {I32, I64}, {I64}}},       {"reenter", {1, 0, {I32}, {0}}},
};
#define NHOST (sizeof host_imports / sizeof *host_imports)

/* A branch target: the types a branch to it carries (a block's or if's results, a loop's params). */
typedef struct label {
  uint8_t n;
  uint8_t t[MAX_PARAMS + MAX_RESULTS];
} label;

typedef struct gen {
  const uint8_t *in, *end;
  ftype types[MAX_TYPES];
  uint32_t ntypes;
  uint32_t nimports, nfuncs;            /* imports first in the function index space */
  uint32_t ncallable;                   /* all but hang_reset, which comes last: no call,
                                         * table or reference reaches it, so nothing but the
                                         * runner re-arms the hang limit */
  uint32_t func_type[MAX_FUNCS];
  uint8_t import_of[MAX_FUNCS];         /* index into host_imports */
  uint8_t global_type[MAX_GLOBALS];
  bool global_mut[MAX_GLOBALS];
  uint32_t nglobals;                    /* global 0 is the hang counter */
  bool memory;
  uint32_t mem_min, mem_max;
  uint8_t table_type[MAX_TABLES];
  uint32_t table_min[MAX_TABLES], table_max[MAX_TABLES];
  uint32_t ntables;
  uint32_t ndata;                       /* data segments (memory.init, data.drop take any) */
  uint32_t nelem;                       /* element segments, all funcref */
  bool hang;
  /* the function being made */
  buf *code;
  const ftype *fn;
  uint8_t locals[MAX_PARAMS + MAX_LOCALS];
  uint32_t nlocals;
  label labels[MAX_LABELS];
  uint32_t nlabels;
  uint32_t depth;
  int32_t budget;
  /* value ops of opcodes_info by result type: pure ones, loads; and stores */
  uint16_t *ops[5], *loads[5], *stores;
  uint32_t nops[5], nloads[5], nstores;
} gen;

/* The next choice in [0, n): one input byte (two when n > 256); 0 once the input is used up. */
static uint32_t pick(gen *g, uint32_t n)
{
  uint32_t v;
  if (n <= 1 || g->in >= g->end)
    return 0;
  v = *g->in++;
  if (n > 256 && g->in < g->end)
    v = v << 8 | *g->in++;
  return v % n;
}

/* n raw bytes of the input (zeros past its end): constants. */
static void take(gen *g, void *out, size_t n)
{
  uint8_t *o = out;
  for (size_t i = 0; i < n; i++)
    o[i] = g->in < g->end ? *g->in++ : 0;
}

static int numeric_index(uint8_t t)
{
  switch (t) {
  case I32: return 0;
  case I64: return 1;
  case F32: return 2;
  case F64: return 3;
  case V128: return 4;
  default: return -1;
  }
}

static bool is_ref(uint8_t t) { return t == FUNCREF || t == EXTERNREF; }

/* A value type, numbers more often than vectors and references. */
static uint8_t pick_type(gen *g)
{
  static const uint8_t types[] = {I32, I64, F32, F64, I32, I64, V128, FUNCREF, EXTERNREF, I32};
  return types[pick(g, sizeof types)];
}

static bool same_types(const uint8_t *a, uint32_t na, const uint8_t *b, uint32_t nb)
{
  return na == nb && (na == 0 || memcmp(a, b, na) == 0);
}

/* The index of type t, added when new; -1 when the type table is full. */
static int type_index(gen *g, const ftype *t)
{
  for (uint32_t i = 0; i < g->ntypes; i++)
    if (same_types(g->types[i].p, g->types[i].np, t->p, t->np) &&
        same_types(g->types[i].r, g->types[i].nr, t->r, t->nr))
      return (int)i;
  if (g->ntypes == MAX_TYPES)
    return -1;
  g->types[g->ntypes] = *t;
  return (int)g->ntypes++;
}

static void random_ftype(gen *g, ftype *t, uint32_t max_params, uint32_t max_results)
{
  memset(t, 0, sizeof *t);
  t->np = (uint8_t)pick(g, max_params + 1);
  t->nr = (uint8_t)pick(g, max_results + 1);
  for (uint32_t i = 0; i < t->np; i++)
    t->p[i] = pick_type(g);
  for (uint32_t i = 0; i < t->nr; i++)
    t->r[i] = pick_type(g);
}

/* Value ops by result type, from the opcode table: every op whose signature the table alone
 * checks (plain value types) and whose immediate the generator can make. */
static bool index_ops(gen *g)
{
  for (int pass = 0; pass < 2; pass++) {
    memset(g->nops, 0, sizeof g->nops);
    memset(g->nloads, 0, sizeof g->nloads);
    g->nstores = 0;
    for (uint32_t op = 0; op < WASM_OP_COUNT; op++) {
      const wasm_opinfo *in = &opcodes_info[op];
      int r = numeric_index(in->result);
      bool typed = true, mem = in->imm == IMM_MEMARG || in->imm == IMM_MEMARG_LANE;
      for (uint32_t k = 0; k < in->nparams; k++)
        typed &= numeric_index(in->params[k]) >= 0;
      if (!typed || (in->result != OPT_NONE && r < 0))
        continue;
      if (in->result == OPT_NONE && mem) {
        if (pass)
          g->stores[g->nstores] = (uint16_t)op;
        g->nstores++;
      } else if (r >= 0 && mem) {
        if (pass)
          g->loads[r][g->nloads[r]] = (uint16_t)op;
        g->nloads[r]++;
      } else if (r >= 0 && (in->imm == IMM_NONE || in->imm == IMM_LANE || in->imm == IMM_SHUFFLE)) {
        if (pass)
          g->ops[r][g->nops[r]] = (uint16_t)op;
        g->nops[r]++;
      }
    }
    if (pass == 0) {
      for (int r = 0; r < 5; r++) {
        g->ops[r] = calloc(g->nops[r] + 1, sizeof *g->ops[r]);
        g->loads[r] = calloc(g->nloads[r] + 1, sizeof *g->loads[r]);
        if (!g->ops[r] || !g->loads[r])
          return false;
      }
      if (!(g->stores = calloc(g->nstores + 1, sizeof *g->stores)))
        return false;
    }
  }
  return true;
}

static void free_ops(gen *g)
{
  for (int r = 0; r < 5; r++) {
    free(g->ops[r]);
    free(g->loads[r]);
  }
  free(g->stores);
}

/* ---- emitting ------------------------------------------------------------------------------- */

static void op(gen *g, uint8_t code) { put(g->code, code); }

static void op_fc(gen *g, uint32_t code)
{
  put(g->code, OP_PREFIX_FC);
  put_u32(g->code, code);
}

static void emit_opinfo(gen *g, uint32_t o)
{
  const wasm_opinfo *in = &opcodes_info[o];
  if (in->prefix) {
    put(g->code, in->prefix);
    put_u32(g->code, in->code);
  } else {
    put(g->code, (uint8_t)in->code);
  }
}

static void expr(gen *g, uint8_t t);
static void stmts(gen *g, uint32_t n);

/* Constants: edges (0, -1, min, max, bounds of float-to-int conversions, NaNs with payloads,
 * infinities, subnormals) more often than the input's raw bits. */
static void constant(gen *g, buf *b, uint8_t t, bool allow_func_refs)
{
  static const uint32_t i32s[] = {0, 1, 0xffffffffu, 0x7fffffffu, 0x80000000u, 31, 32, 0xffff, 0x10000, 0xfffffff0u};
  static const uint64_t i64s[] = {0, 1, ~0ull, 0x7fffffffffffffffull, 0x8000000000000000ull, 63, 64,
                                  0xffffffffull, 0x100000000ull, 0xfffffffffffffff0ull};
  static const uint32_t f32s[] = {0, 0x80000000u, 0x3f800000u, 0xbfc00000u, 0x7f800000u, 0xff800000u,
                                  0x7fc00000u, 0x7fa00001u, 0xffc00123u, 0x00000001u, 0x7f7fffffu,
                                  0x4f000000u, 0xcf000000u, 0x4f800000u, 0x5f000000u, 0x3f000000u};
  static const uint64_t f64s[] = {0, 0x8000000000000000ull, 0x3ff0000000000000ull, 0xbff8000000000000ull,
                                  0x7ff0000000000000ull, 0xfff0000000000000ull, 0x7ff8000000000000ull,
                                  0x7ff4000000000001ull, 0xfff8000000000123ull, 0x0000000000000001ull,
                                  0x7fefffffffffffffull, 0x41e0000000000000ull, 0xc1e0000000000000ull,
                                  0x41f0000000000000ull, 0x43e0000000000000ull, 0x3fe0000000000000ull};
  bool raw = pick(g, 4) == 3;
  switch (t) {
  case I32: {
    uint32_t v = i32s[pick(g, sizeof i32s / sizeof *i32s)];
    if (raw)
      take(g, &v, 4);
    put(b, OP_I32_CONST);
    put_s64(b, (int32_t)v);
    break;
  }
  case I64: {
    uint64_t v = i64s[pick(g, sizeof i64s / sizeof *i64s)];
    if (raw)
      take(g, &v, 8);
    put(b, OP_I64_CONST);
    put_s64(b, (int64_t)v);
    break;
  }
  case F32: {
    uint32_t v = f32s[pick(g, sizeof f32s / sizeof *f32s)];
    if (raw)
      take(g, &v, 4);
    put(b, OP_F32_CONST);
    put_bytes(b, &v, 4); /* little-endian host, as the format */
    break;
  }
  case F64: {
    uint64_t v = f64s[pick(g, sizeof f64s / sizeof *f64s)];
    if (raw)
      take(g, &v, 8);
    put(b, OP_F64_CONST);
    put_bytes(b, &v, 8);
    break;
  }
  case V128: {
    uint8_t v[16];
    uint32_t shape = pick(g, 4);
    if (shape == 0) {
      memset(v, 0, 16);
    } else if (shape == 1) { /* f32x4 lanes from the edges */
      for (int i = 0; i < 4; i++)
        memcpy(v + 4 * i, &f32s[pick(g, sizeof f32s / sizeof *f32s)], 4);
    } else if (shape == 2) {
      for (int i = 0; i < 2; i++)
        memcpy(v + 8 * i, &f64s[pick(g, sizeof f64s / sizeof *f64s)], 8);
    } else {
      take(g, v, 16);
    }
    put(b, OP_PREFIX_FD);
    put_u32(b, FD_V128_CONST);
    put_bytes(b, v, 16);
    break;
  }
  default: /* references: null, or a defined function (every one is exported, so declared) */
    if (t == FUNCREF && allow_func_refs && g->ncallable > g->nimports && pick(g, 2)) {
      put(b, OP_REF_FUNC);
      put_u32(b, g->nimports + pick(g, g->ncallable - g->nimports));
    } else {
      put(b, OP_REF_NULL);
      put(b, t);
    }
    break;
  }
}

/* A constant expression of type t (without its end): i32 and i64 ones sometimes as
 * extended-const arithmetic, nested. */
static void const_expr(gen *g, buf *b, uint8_t t, int depth)
{
  if ((t == I32 || t == I64) && depth < 6 && pick(g, 3) == 1) {
    static const uint8_t ops32[] = {OP_I32_ADD, OP_I32_SUB, OP_I32_MUL}, ops64[] = {OP_I64_ADD, OP_I64_SUB, OP_I64_MUL};
    const_expr(g, b, t, depth + 1);
    const_expr(g, b, t, depth + 1);
    put(b, t == I32 ? ops32[pick(g, 3)] : ops64[pick(g, 3)]);
    return;
  }
  constant(g, b, t, true);
}

/* An i32 offset expression that is usually `value` exactly (sometimes as a sum), rarely anything. */
static void offset_expr(gen *g, buf *b, uint32_t value)
{
  uint32_t how = pick(g, 16);
  if (how == 15) {
    const_expr(g, b, I32, 0);
  } else if (how >= 12) {
    uint32_t part = pick(g, 256);
    put(b, OP_I32_CONST);
    put_s64(b, (int32_t)(value - part));
    put(b, OP_I32_CONST);
    put_s64(b, (int32_t)part);
    put(b, OP_I32_ADD);
  } else {
    put(b, OP_I32_CONST);
    put_s64(b, (int32_t)value);
  }
}

static int find_local(gen *g, uint8_t t)
{
  uint32_t start, n = g->nlocals;
  if (n == 0)
    return -1;
  start = pick(g, n);
  for (uint32_t k = 0; k < n; k++)
    if (g->locals[(start + k) % n] == t)
      return (int)((start + k) % n);
  return -1;
}

static int find_global(gen *g, uint8_t t, bool mut)
{
  uint32_t n = g->nglobals, start;
  if (n <= 1)
    return -1;
  start = 1 + pick(g, n - 1); /* global 0 is the hang counter: never written by the body */
  for (uint32_t k = 0; k < n - 1; k++) {
    uint32_t i = 1 + (start - 1 + k) % (n - 1);
    if (g->global_type[i] == t && (!mut || g->global_mut[i]))
      return (int)i;
  }
  return -1;
}

static int find_table(gen *g, uint8_t t)
{
  uint32_t n = g->ntables, start;
  if (n == 0)
    return -1;
  start = pick(g, n);
  for (uint32_t k = 0; k < n; k++)
    if (g->table_type[(start + k) % n] == t)
      return (int)((start + k) % n);
  return -1;
}

/* A function whose first result is t (any when t is 0), or -1. */
static int find_func(gen *g, uint8_t t)
{
  uint32_t n = g->ncallable, start;
  if (n == 0)
    return -1;
  start = pick(g, n);
  for (uint32_t k = 0; k < n; k++) {
    const ftype *ft = &g->types[g->func_type[(start + k) % n]];
    if (!t || (ft->nr > 0 && ft->r[0] == t))
      return (int)((start + k) % n);
  }
  return -1;
}

/* Counts down global 0 and traps at zero: at function entries and loop headers. */
static void hang_check(gen *g)
{
  if (!g->hang)
    return;
  op(g, OP_GLOBAL_GET), put_u32(g->code, 0);
  op(g, OP_I32_EQZ);
  op(g, OP_IF), put(g->code, 0x40);
  op(g, OP_UNREACHABLE);
  op(g, OP_END);
  op(g, OP_GLOBAL_GET), put_u32(g->code, 0);
  op(g, OP_I32_CONST), put(g->code, 1);
  op(g, OP_I32_SUB);
  op(g, OP_GLOBAL_SET), put_u32(g->code, 0);
}

static void drop_n(gen *g, uint32_t n)
{
  while (n--)
    op(g, OP_DROP);
}

static void args(gen *g, const uint8_t *types, uint32_t n)
{
  for (uint32_t i = 0; i < n; i++)
    expr(g, types[i]);
}

/* A memory address: in bounds more often than not, sometimes anything (a trap ends the call, and
 * what follows it in the function then never runs). */
static void address(gen *g)
{
  uint32_t how = pick(g, 8);
  if (how <= 3) {
    op(g, OP_I32_CONST);
    put_s64(g->code, (int32_t)pick(g, g->mem_min ? g->mem_min * 65536u - 16 : 64u));
  } else if (how <= 6) {
    expr(g, I32);
    op(g, OP_I32_CONST);
    put_s64(g->code, pick(g, 2) ? 0xffff : 0xfff);
    op(g, OP_I32_AND);
  } else {
    expr(g, I32);
  }
}

static void memarg(gen *g, uint32_t natural_align)
{
  static const uint32_t far[] = {0xfff0u, 0x10000u, 0x7fffffffu, 0xfffffff0u, 0xffffffffu};
  uint32_t how = pick(g, 8);
  put_u32(g->code, pick(g, natural_align + 1));
  put_u32(g->code, how < 5 ? 0 : how < 7 ? pick(g, 64) : far[pick(g, 5)]);
}

/* One value op of the opcode table: operands, the op, its immediates. */
static void value_op(gen *g, uint32_t o)
{
  const wasm_opinfo *in = &opcodes_info[o];
  bool mem = in->imm == IMM_MEMARG || in->imm == IMM_MEMARG_LANE;
  for (uint32_t k = 0; k < in->nparams; k++) {
    if (mem && k == 0)
      address(g);
    else
      expr(g, in->params[k]);
  }
  emit_opinfo(g, o);
  if (mem)
    memarg(g, in->align);
  if (in->imm == IMM_LANE || in->imm == IMM_MEMARG_LANE)
    put(g->code, (uint8_t)pick(g, in->lanes));
  if (in->imm == IMM_SHUFFLE)
    for (int i = 0; i < 16; i++)
      put(g->code, (uint8_t)pick(g, 32));
}

/* The block type for params -> results; false when it needs a type index and the table is full. */
static bool block_type(gen *g, const uint8_t *p, uint32_t np, const uint8_t *r, uint32_t nr)
{
  ftype t;
  int index;
  if (np == 0 && nr == 0) {
    put(g->code, 0x40);
    return true;
  }
  if (np == 0 && nr == 1) {
    put(g->code, r[0]);
    return true;
  }
  memset(&t, 0, sizeof t);
  t.np = (uint8_t)np, t.nr = (uint8_t)nr;
  memcpy(t.p, p, np);
  memcpy(t.r, r, nr);
  if ((index = type_index(g, &t)) < 0)
    return false;
  put_s64(g->code, index);
  return true;
}

static void push_label(gen *g, const uint8_t *t, uint32_t n)
{
  label *l = &g->labels[g->nlabels++];
  l->n = (uint8_t)n;
  memcpy(l->t, t, n);
}

/* The body of a block, loop or if arm: takes its params off the stack (into locals of their
 * type or dropped), runs statements, and leaves its results. */
static void block_body(gen *g, bool loop, const uint8_t *p, uint32_t np, const uint8_t *r, uint32_t nr)
{
  for (uint32_t i = np; i-- > 0;) {
    int l = pick(g, 2) ? find_local(g, p[i]) : -1;
    if (l >= 0)
      op(g, OP_LOCAL_SET), put_u32(g->code, (uint32_t)l);
    else
      op(g, OP_DROP);
  }
  if (loop)
    hang_check(g);
  stmts(g, pick(g, 4));
  if (loop && pick(g, 2)) { /* a way back to the header, taken while the condition holds */
    args(g, p, np);
    expr(g, I32);
    op(g, OP_BR_IF), put_u32(g->code, 0);
    drop_n(g, np);
  }
  args(g, r, nr);
}

/* A block, loop or if from params to results (params made here first); leaves the results.
 * False, having emitted nothing, when the construct cannot be made here. */
static bool control(gen *g, uint8_t kind, const uint8_t *p, uint32_t np, const uint8_t *r, uint32_t nr)
{
  size_t mark = g->code->n;
  if (g->nlabels == MAX_LABELS)
    return false;
  args(g, p, np);
  if (kind == OP_IF)
    expr(g, I32);
  op(g, kind);
  if (!block_type(g, p, np, r, nr)) {
    g->code->n = mark;
    return false;
  }
  push_label(g, kind == OP_LOOP ? p : r, kind == OP_LOOP ? np : nr);
  block_body(g, kind == OP_LOOP, p, np, r, nr);
  /* an if without else must map its params to the same results: with any, write both arms */
  if (kind == OP_IF && (np || nr || pick(g, 2))) {
    op(g, OP_ELSE);
    block_body(g, false, p, np, r, nr);
  }
  g->nlabels--;
  op(g, OP_END);
  return true;
}

/* A block, loop or if whose first result is t (0: none) with random params and extra results,
 * which are dropped. */
static bool some_control(gen *g, uint8_t t)
{
  static const uint8_t kinds[] = {OP_BLOCK, OP_LOOP, OP_IF};
  uint8_t p[MAX_PARAMS], r[MAX_RESULTS];
  uint32_t np = pick(g, 3), nr = t ? 1 + pick(g, 2) : pick(g, 3);
  for (uint32_t i = 0; i < np; i++)
    p[i] = pick_type(g);
  for (uint32_t i = 0; i < nr; i++)
    r[i] = pick_type(g);
  if (t)
    r[0] = t;
  if (!control(g, kinds[pick(g, 3)], p, np, r, nr))
    return false;
  drop_n(g, t ? nr - 1 : nr);
  return true;
}

/* Branch label index (relative depth) of a random open label. */
static uint32_t random_depth(gen *g) { return pick(g, g->nlabels); }

/* Code after which the stack is polymorphic: a branch, br_table, return, a tail call, unreachable. */
static void diverge(gen *g)
{
  uint32_t how = pick(g, 8);
  if (how <= 2 && g->nlabels) { /* br */
    uint32_t d = random_depth(g);
    const label *l = &g->labels[g->nlabels - 1 - d];
    args(g, l->t, l->n);
    op(g, OP_BR), put_u32(g->code, d);
  } else if (how <= 4 && g->nlabels) { /* br_table over the labels that carry the default's types */
    uint32_t d = random_depth(g), targets[8], n = 0, count = pick(g, 8);
    const label *l = &g->labels[g->nlabels - 1 - d];
    for (uint32_t k = 0; k < count; k++) {
      uint32_t e = random_depth(g);
      const label *m = &g->labels[g->nlabels - 1 - e];
      if (same_types(m->t, m->n, l->t, l->n))
        targets[n++] = e;
    }
    args(g, l->t, l->n);
    if (pick(g, 2)) {
      op(g, OP_I32_CONST), put_s64(g->code, (int32_t)pick(g, n + 2));
    } else {
      expr(g, I32);
    }
    op(g, OP_BR_TABLE), put_u32(g->code, n);
    for (uint32_t k = 0; k < n; k++)
      put_u32(g->code, targets[k]);
    put_u32(g->code, d);
  } else if (how == 5) {
    args(g, g->fn->r, g->fn->nr);
    op(g, OP_RETURN);
  } else if (how == 6) { /* a tail call of a function with this function's results */
    uint32_t n = g->ncallable, start = pick(g, n ? n : 1);
    for (uint32_t k = 0; k < n; k++) {
      uint32_t f = (start + k) % n;
      const ftype *ft = &g->types[g->func_type[f]];
      if (!same_types(ft->r, ft->nr, g->fn->r, g->fn->nr))
        continue;
      args(g, ft->p, ft->np);
      int tab = pick(g, 2) ? find_table(g, FUNCREF) : -1;
      if (tab >= 0) {
        op(g, OP_I32_CONST), put_s64(g->code, (int32_t)pick(g, g->table_min[tab] + 1));
        op(g, OP_RETURN_CALL_INDIRECT), put_u32(g->code, g->func_type[f]), put_u32(g->code, (uint32_t)tab);
      } else {
        op(g, OP_RETURN_CALL), put_u32(g->code, f);
      }
      return;
    }
    op(g, OP_UNREACHABLE);
  } else {
    op(g, OP_UNREACHABLE);
  }
}

/* A call of f with made arguments, or through a funcref table; leaves f's results. */
static void call(gen *g, uint32_t f)
{
  const ftype *ft = &g->types[g->func_type[f]];
  int tab = pick(g, 3) == 0 ? find_table(g, FUNCREF) : -1;
  args(g, ft->p, ft->np);
  if (tab >= 0) {
    /* the element segments put functions at the start of the table: an index among those
     * calls something, often of another type (a trap every tier must agree on) */
    if (pick(g, 4)) {
      op(g, OP_I32_CONST), put_s64(g->code, (int32_t)pick(g, g->table_min[tab] + 1));
    } else {
      expr(g, I32);
    }
    op(g, OP_CALL_INDIRECT), put_u32(g->code, g->func_type[f]), put_u32(g->code, (uint32_t)tab);
  } else {
    op(g, OP_CALL), put_u32(g->code, f);
  }
}

/* i32-only sources that need a memory, a table or a reference. */
static bool special_i32(gen *g)
{
  uint32_t how = pick(g, 5);
  int tab;
  if (how == 0 && g->memory) {
    op(g, OP_MEMORY_SIZE), put(g->code, 0);
  } else if (how == 1 && g->memory) {
    op(g, OP_I32_CONST), put_s64(g->code, (int32_t)pick(g, 3)); /* delta: small, and the max is small */
    op(g, OP_MEMORY_GROW), put(g->code, 0);
  } else if (how == 2 && (tab = find_table(g, pick(g, 2) ? FUNCREF : EXTERNREF)) >= 0) {
    op_fc(g, FC_TABLE_SIZE), put_u32(g->code, (uint32_t)tab);
  } else if (how == 3 && (tab = find_table(g, pick(g, 2) ? FUNCREF : EXTERNREF)) >= 0) {
    expr(g, g->table_type[tab]);
    op(g, OP_I32_CONST), put_s64(g->code, (int32_t)pick(g, 4));
    op_fc(g, FC_TABLE_GROW), put_u32(g->code, (uint32_t)tab);
  } else if (how == 4) {
    expr(g, pick(g, 2) ? FUNCREF : EXTERNREF);
    op(g, OP_REF_IS_NULL);
  } else {
    return false;
  }
  return true;
}

/* A leaf: a local, a global or a constant of type t. */
static void leaf(gen *g, uint8_t t)
{
  uint32_t how = pick(g, 4);
  int i;
  if (how == 1 && (i = find_local(g, t)) >= 0) {
    op(g, OP_LOCAL_GET), put_u32(g->code, (uint32_t)i);
  } else if (how == 2 && (i = find_global(g, t, false)) >= 0) {
    op(g, OP_GLOBAL_GET), put_u32(g->code, (uint32_t)i);
  } else if (how == 3 && (i = find_local(g, t)) >= 0) {
    op(g, OP_LOCAL_GET), put_u32(g->code, (uint32_t)i);
  } else {
    constant(g, g->code, t, true);
  }
}

/* Code that leaves one value of type t. */
static void expr(gen *g, uint8_t t)
{
  int n = numeric_index(t), i;
  uint32_t how;
  if (g->depth >= MAX_DEPTH || g->budget <= 0) {
    leaf(g, t);
    return;
  }
  g->budget--;
  g->depth++;
  how = pick(g, 24);
  switch (how) {
  case 0: case 1: case 2:
    leaf(g, t);
    break;
  case 3: case 4: case 5: case 6: case 7: case 8: /* a value op */
    if (n >= 0 && g->nops[n])
      value_op(g, g->ops[n][pick(g, g->nops[n])]);
    else if (t == FUNCREF || t == EXTERNREF) /* refs: from a table */
      goto table_get;
    else
      leaf(g, t);
    break;
  case 9: case 10: /* a load */
    if (n >= 0 && g->memory && g->nloads[n])
      value_op(g, g->loads[n][pick(g, g->nloads[n])]);
    else
      leaf(g, t);
    break;
  case 11: case 12: /* a block, loop or if */
    if (!some_control(g, t))
      leaf(g, t);
    break;
  case 13: case 14: /* a call, dropping the extra results */
    if ((i = find_func(g, t)) >= 0) {
      call(g, (uint32_t)i);
      drop_n(g, g->types[g->func_type[i]].nr - 1u);
    } else {
      leaf(g, t);
    }
    break;
  case 15: /* local.tee */
    if ((i = find_local(g, t)) >= 0) {
      expr(g, t);
      op(g, OP_LOCAL_TEE), put_u32(g->code, (uint32_t)i);
    } else {
      leaf(g, t);
    }
    break;
  case 16: /* select: untyped for numbers and vectors, typed for anything */
    expr(g, t);
    expr(g, t);
    expr(g, I32);
    if (is_ref(t) || pick(g, 2)) {
      op(g, OP_SELECT_T), put(g->code, 1), put(g->code, t);
    } else {
      op(g, OP_SELECT);
    }
    break;
  case 17: /* br_if to a label whose first branch type is t: the values stay when not taken */
    for (uint32_t k = 0; k < g->nlabels; k++) {
      uint32_t d = (k + pick(g, g->nlabels)) % g->nlabels;
      const label *l = &g->labels[g->nlabels - 1 - d];
      if (l->n >= 1 && l->t[0] == t) {
        args(g, l->t, l->n);
        expr(g, I32);
        op(g, OP_BR_IF), put_u32(g->code, d);
        drop_n(g, l->n - 1u);
        goto done;
      }
    }
    leaf(g, t);
    break;
  case 18: /* memory, table and reference queries */
    if (t != I32 || !special_i32(g))
      leaf(g, t);
    break;
  case 19:
  table_get:
    if (is_ref(t) && (i = find_table(g, t)) >= 0) {
      if (pick(g, 4)) {
        op(g, OP_I32_CONST), put_s64(g->code, (int32_t)pick(g, g->table_min[i] + 2));
      } else {
        expr(g, I32);
      }
      op(g, OP_TABLE_GET), put_u32(g->code, (uint32_t)i);
    } else {
      leaf(g, t);
    }
    break;
  case 20: /* polymorphic: anything after it is valid, nothing after it runs */
    if (pick(g, 4) == 0)
      diverge(g);
    else
      leaf(g, t);
    break;
  default:
    leaf(g, t);
    break;
  }
done:
  g->depth--;
}

/* Bulk memory: fill, copy, init, data.drop. */
static void memory_stmt(gen *g)
{
  uint32_t how = pick(g, 4);
  if (how >= 2 && g->ndata == 0)
    how = 0;
  if (how == 3) {
    op_fc(g, FC_DATA_DROP), put_u32(g->code, pick(g, g->ndata));
    return;
  }
  for (int k = 0; k < 3; k++) { /* destination, value or source, length: small mostly */
    if (pick(g, 3)) {
      op(g, OP_I32_CONST);
      put_s64(g->code, (int32_t)pick(g, k == 2 ? 300 : g->mem_min * 65536u + 16));
    } else {
      expr(g, I32);
    }
  }
  if (how == 0) {
    op_fc(g, FC_MEMORY_FILL), put(g->code, 0);
  } else if (how == 1) {
    op_fc(g, FC_MEMORY_COPY), put(g->code, 0), put(g->code, 0);
  } else {
    op_fc(g, FC_MEMORY_INIT), put_u32(g->code, pick(g, g->ndata)), put(g->code, 0);
  }
}

/* Table ops: set, fill, copy (between tables of one type), init (funcref), elem.drop. */
static void table_stmt(gen *g)
{
  int t = (int)pick(g, g->ntables), u;
  uint8_t type = g->table_type[t];
  uint32_t how = pick(g, 5);
  if (how == 0) {
    op(g, OP_I32_CONST), put_s64(g->code, (int32_t)pick(g, g->table_min[t] + 2));
    expr(g, type);
    op(g, OP_TABLE_SET), put_u32(g->code, (uint32_t)t);
  } else if (how == 1) {
    op(g, OP_I32_CONST), put_s64(g->code, (int32_t)pick(g, g->table_min[t] + 2));
    expr(g, type);
    op(g, OP_I32_CONST), put_s64(g->code, (int32_t)pick(g, 4));
    op_fc(g, FC_TABLE_FILL), put_u32(g->code, (uint32_t)t);
  } else if (how == 2 && (u = find_table(g, type)) >= 0) {
    for (int k = 0; k < 3; k++)
      op(g, OP_I32_CONST), put_s64(g->code, (int32_t)pick(g, g->table_min[t] + 2));
    op_fc(g, FC_TABLE_COPY), put_u32(g->code, (uint32_t)t), put_u32(g->code, (uint32_t)u);
  } else if (how == 3 && type == FUNCREF && g->nelem) {
    for (int k = 0; k < 3; k++)
      op(g, OP_I32_CONST), put_s64(g->code, (int32_t)pick(g, g->table_min[t] + 2));
    op_fc(g, FC_TABLE_INIT), put_u32(g->code, pick(g, g->nelem)), put_u32(g->code, (uint32_t)t);
  } else if (g->nelem) {
    op_fc(g, FC_ELEM_DROP), put_u32(g->code, pick(g, g->nelem));
  }
}

/* Code that leaves nothing. */
static void stmt(gen *g)
{
  int i;
  if (g->budget <= 0)
    return;
  g->budget--;
  switch (pick(g, 16)) {
  case 0: case 1: /* local.set */
    if (g->nlocals) {
      i = (int)pick(g, g->nlocals);
      expr(g, g->locals[i]);
      op(g, OP_LOCAL_SET), put_u32(g->code, (uint32_t)i);
    }
    break;
  case 2: { /* global.set */
    uint8_t t = pick_type(g);
    if ((i = find_global(g, t, true)) >= 0) {
      expr(g, t);
      op(g, OP_GLOBAL_SET), put_u32(g->code, (uint32_t)i);
    }
    break;
  }
  case 3: case 4: /* a store */
    if (g->memory && g->nstores)
      value_op(g, g->stores[pick(g, g->nstores)]);
    break;
  case 5: /* drop */
    expr(g, pick_type(g));
    op(g, OP_DROP);
    break;
  case 6: case 7: /* a block, loop or if */
    some_control(g, 0);
    break;
  case 8: case 9: /* a call: a host import (logging) or any function */
    if ((i = find_func(g, 0)) >= 0) {
      call(g, (uint32_t)i);
      drop_n(g, g->types[g->func_type[i]].nr);
    }
    break;
  case 10: /* br_if to any label, dropping its values when it is not taken */
    if (g->nlabels) {
      uint32_t d = random_depth(g);
      const label *l = &g->labels[g->nlabels - 1 - d];
      args(g, l->t, l->n);
      expr(g, I32);
      op(g, OP_BR_IF), put_u32(g->code, d);
      drop_n(g, l->n);
    }
    break;
  case 11:
    if (g->memory)
      memory_stmt(g);
    break;
  case 12:
    if (g->ntables)
      table_stmt(g);
    break;
  case 13: /* rarely: leave the block */
    if (pick(g, 3) == 0)
      diverge(g);
    break;
  default:
    op(g, OP_NOP);
    break;
  }
}

static void stmts(gen *g, uint32_t n)
{
  for (uint32_t i = 0; i < n && g->budget > 0; i++)
    stmt(g);
}

/* ---- the module ----------------------------------------------------------------------------- */

/* A defined function's body (locals and code) into out. */
static void function_body(gen *g, uint32_t f, buf *out)
{
  buf code = {0};
  const ftype *ft = &g->types[g->func_type[f]];
  uint32_t ndeclared = pick(g, MAX_LOCALS + 1);
  g->code = &code;
  g->fn = ft;
  g->nlocals = 0;
  for (uint32_t i = 0; i < ft->np; i++)
    g->locals[g->nlocals++] = ft->p[i];
  for (uint32_t i = 0; i < ndeclared; i++)
    g->locals[g->nlocals++] = pick_type(g);
  g->nlabels = 0;
  g->depth = 0;
  g->budget = 10 + (int32_t)pick(g, 150);
  push_label(g, ft->r, ft->nr); /* the function body: a branch to it returns */
  hang_check(g);
  stmts(g, 1 + pick(g, 8));
  args(g, ft->r, ft->nr);
  op(g, OP_END);
  /* locals: one (count, type) entry each, in declaration order */
  buf body = {0};
  put_u32(&body, ndeclared);
  for (uint32_t i = ft->np; i < g->nlocals; i++) {
    put_u32(&body, 1);
    put(&body, g->locals[i]);
  }
  put_bytes(&body, code.p, code.n);
  body.oom |= code.oom;
  put_u32(out, (uint32_t)body.n);
  put_bytes(out, body.p, body.n);
  out->oom |= body.oom;
  free(body.p);
  free(code.p);
}

static void put_name(buf *b, const char *name)
{
  put_u32(b, (uint32_t)strlen(name));
  put_bytes(b, name, strlen(name));
}

bool gen_module(const uint8_t *data, size_t size, gen_result *out)
{
  gen *g = calloc(1, sizeof *g);
  buf mod = {0}, sec = {0}, bodies = {0};
  uint32_t ndefined, start = UINT32_MAX, hang_reset = UINT32_MAX;
  bool ok;
  char name[16];
  memset(out, 0, sizeof *out);
  if (!g)
    return false;
  if (!index_ops(g)) {
    free_ops(g);
    free(g);
    return false;
  }
  g->in = data;
  g->end = data + size;

  /* the module's shape first: imports, functions and their types, tables, memory, globals */
  g->hang = pick(g, 8) != 7;
  for (uint32_t k = 0; k < NHOST; k++)
    if (pick(g, 3) == 0) {
      g->import_of[g->nimports] = (uint8_t)k;
      g->func_type[g->nimports++] = (uint32_t)type_index(g, &host_imports[k].type);
    }
  g->nfuncs = g->nimports;
  ndefined = 1 + pick(g, MAX_DEFINED - 2);
  for (uint32_t k = 0; k < ndefined; k++) {
    ftype t;
    random_ftype(g, &t, MAX_PARAMS, MAX_RESULTS);
    int ti = type_index(g, &t);
    g->func_type[g->nfuncs++] = ti >= 0 ? (uint32_t)ti : 0;
  }
  if (pick(g, 4) == 0) { /* a start function: () -> () */
    ftype none = {0};
    start = g->nfuncs;
    g->func_type[g->nfuncs++] = (uint32_t)type_index(g, &none);
    ndefined++;
  }
  g->ncallable = g->nfuncs;
  if (g->hang) { /* hang_reset: () -> (), not counted in the exports f0.. */
    ftype none = {0};
    hang_reset = g->nfuncs;
    g->func_type[g->nfuncs++] = (uint32_t)type_index(g, &none);
  }
  g->ntables = pick(g, MAX_TABLES + 1);
  for (uint32_t k = 0; k < g->ntables; k++) {
    g->table_type[k] = k == 0 || pick(g, 2) ? FUNCREF : EXTERNREF;
    g->table_min[k] = pick(g, 9);
    g->table_max[k] = pick(g, 2) ? g->table_min[k] + pick(g, 9) : UINT32_MAX;
  }
  g->memory = pick(g, 6) != 0;
  if (g->memory) {
    g->mem_min = pick(g, 3);
    g->mem_max = g->mem_min + pick(g, MAX_MEM_PAGES - g->mem_min + 1);
  }
  g->global_type[0] = I32, g->global_mut[0] = true; /* the hang counter */
  g->nglobals = 1 + pick(g, MAX_GLOBALS);
  for (uint32_t k = 1; k < g->nglobals; k++) {
    g->global_type[k] = pick_type(g);
    g->global_mut[k] = pick(g, 3) != 0;
  }
  g->ndata = g->memory ? pick(g, MAX_SEGMENTS + 1) : 0;
  g->nelem = pick(g, MAX_SEGMENTS + 1);

  /* bodies next: they may add block types */
  put_u32(&bodies, g->nfuncs - g->nimports);
  for (uint32_t f = g->nimports; f < g->nfuncs; f++) {
    if (f == hang_reset) {
      buf b = {0};
      put(&b, 0); /* no locals */
      put(&b, OP_I32_CONST), put_s64(&b, GEN_HANG_LIMIT);
      put(&b, OP_GLOBAL_SET), put_u32(&b, 0);
      put(&b, OP_END);
      put_u32(&bodies, (uint32_t)b.n);
      put_bytes(&bodies, b.p, b.n);
      bodies.oom |= b.oom;
      free(b.p);
    } else {
      function_body(g, f, &bodies);
    }
  }

  put_bytes(&mod, "\0asm\1\0\0\0", 8);
  /* types */
  put_u32(&sec, g->ntypes);
  for (uint32_t i = 0; i < g->ntypes; i++) {
    const ftype *t = &g->types[i];
    put(&sec, 0x60);
    put_u32(&sec, t->np);
    put_bytes(&sec, t->p, t->np);
    put_u32(&sec, t->nr);
    put_bytes(&sec, t->r, t->nr);
  }
  put_section(&mod, 1, &sec), sec.n = 0;
  /* imports */
  put_u32(&sec, g->nimports);
  for (uint32_t i = 0; i < g->nimports; i++) {
    put_name(&sec, "env");
    put_name(&sec, host_imports[g->import_of[i]].name);
    put(&sec, 0x00);
    put_u32(&sec, g->func_type[i]);
  }
  put_section(&mod, 2, &sec), sec.n = 0;
  /* functions */
  put_u32(&sec, g->nfuncs - g->nimports);
  for (uint32_t f = g->nimports; f < g->nfuncs; f++)
    put_u32(&sec, g->func_type[f]);
  put_section(&mod, 3, &sec), sec.n = 0;
  /* tables */
  put_u32(&sec, g->ntables);
  for (uint32_t i = 0; i < g->ntables; i++) {
    put(&sec, g->table_type[i]);
    put(&sec, g->table_max[i] != UINT32_MAX);
    put_u32(&sec, g->table_min[i]);
    if (g->table_max[i] != UINT32_MAX)
      put_u32(&sec, g->table_max[i]);
  }
  put_section(&mod, 4, &sec), sec.n = 0;
  /* memory */
  put_u32(&sec, g->memory);
  if (g->memory) {
    put(&sec, 1);
    put_u32(&sec, g->mem_min);
    put_u32(&sec, g->mem_max);
  }
  put_section(&mod, 5, &sec), sec.n = 0;
  /* globals */
  put_u32(&sec, g->nglobals);
  for (uint32_t i = 0; i < g->nglobals; i++) {
    put(&sec, g->global_type[i]);
    put(&sec, g->global_mut[i]);
    if (i == 0) {
      put(&sec, OP_I32_CONST), put_s64(&sec, GEN_HANG_LIMIT);
    } else {
      const_expr(g, &sec, g->global_type[i], 0);
    }
    put(&sec, OP_END);
  }
  put_section(&mod, 6, &sec), sec.n = 0;
  /* exports: f0.. for every defined function but hang_reset, then hang_reset and the memory */
  put_u32(&sec, ndefined + (hang_reset != UINT32_MAX) + g->memory);
  for (uint32_t f = g->nimports, k = 0; f < g->nfuncs; f++) {
    if (f == hang_reset)
      continue;
    snprintf(name, sizeof name, "f%u", k++);
    put_name(&sec, name);
    put(&sec, 0x00);
    put_u32(&sec, f);
  }
  if (hang_reset != UINT32_MAX) {
    put_name(&sec, "hang_reset");
    put(&sec, 0x00);
    put_u32(&sec, hang_reset);
  }
  if (g->memory) {
    put_name(&sec, "mem");
    put(&sec, 0x02);
    put_u32(&sec, 0);
  }
  put_section(&mod, 7, &sec), sec.n = 0;
  if (start != UINT32_MAX) {
    put_u32(&sec, start);
    put_section(&mod, 8, &sec), sec.n = 0;
  }
  /* elements: all funcref; active ones on a funcref table at an offset that fits (rarely not),
   * passive ones for table.init */
  put_u32(&sec, g->nelem);
  for (uint32_t i = 0; i < g->nelem; i++) {
    int tab = find_table(g, FUNCREF);
    uint32_t count = pick(g, 6);
    if (tab >= 0 && count <= g->table_min[tab] && pick(g, 3)) {
      uint32_t at = pick(g, 16) ? pick(g, g->table_min[tab] - count + 1) : pick(g, 20);
      if (tab == 0) {
        put(&sec, 0x00);
      } else {
        put(&sec, 0x02);
        put_u32(&sec, (uint32_t)tab);
      }
      offset_expr(g, &sec, at);
      put(&sec, OP_END);
      if (tab != 0)
        put(&sec, 0x00); /* elemkind funcref */
    } else {
      put(&sec, 0x01);
      put(&sec, 0x00);
    }
    put_u32(&sec, count);
    for (uint32_t k = 0; k < count; k++)
      put_u32(&sec, pick(g, g->ncallable));
  }
  put_section(&mod, 9, &sec), sec.n = 0;
  /* the data count (memory.init and data.drop need it before the code) */
  put_u32(&sec, g->ndata);
  put_section(&mod, 12, &sec), sec.n = 0;
  put_section(&mod, 10, &bodies);
  /* data: active ones at an offset that fits (rarely not), passive ones for memory.init */
  put_u32(&sec, g->ndata);
  for (uint32_t i = 0; i < g->ndata; i++) {
    uint8_t bytes[32];
    uint32_t len = pick(g, 33);
    take(g, bytes, len);
    if (len <= g->mem_min * 65536u && pick(g, 3)) {
      put(&sec, 0x00);
      offset_expr(g, &sec, pick(g, 16) ? pick(g, g->mem_min * 65536u - len + 1) : pick(g, 70000));
      put(&sec, OP_END);
    } else {
      put(&sec, 0x01);
    }
    put_u32(&sec, len);
    put_bytes(&sec, bytes, len);
  }
  put_section(&mod, 11, &sec), sec.n = 0;

  ok = !mod.oom && !sec.oom && !bodies.oom;
  free(sec.p);
  free(bodies.p);
  free_ops(g);
  if (!ok) {
    free(mod.p);
    free(g);
    return false;
  }
  out->bytes = mod.p;
  out->len = mod.n;
  out->nexports = ndefined;
  out->hang_limit = g->hang;
  free(g);
  return true;
}
