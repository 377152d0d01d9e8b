/* passcheck.c: runs each function's SSA as built and as optimised in one small SSA evaluator, on the same inputs, and compares what they do: a pass that changes a result, a trap or an effect is caught without machine code. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/module.h"
#include "core/value_ops.h"
#include "opt/opt.h"

/*
 *   passcheck [--runs N] [--seed S] [--fuel F] [--opt-disable=a,b] [--quiet] MODULE.wasm...
 *
 * For every defined function: the SSA right after construction (every pass off) is the
 * reference; the SSA after the pipeline (less --opt-disable) is checked against it.  Both
 * run N times on the same arguments (edge values of each type: zeros, ones, extremes, NaNs
 * with payloads, signalling NaNs, infinities, -0, and random bits) from the same memory and
 * globals, and must agree on everything observable:
 *
 *   - how it ended: returned (each result's bits), trapped (the trap kind, and the function
 *     and IR instruction it came from: the wasm offset a trap message names), or a tail call;
 *   - memory (64 KiB, filled from the seed) and globals afterwards;
 *   - the calls made, in order, with their arguments.
 *
 * The evaluator is a model, not the engine: a call changes memory and globals in a way that
 * depends on its callee and arguments (so a pass may not move memory operations across it),
 * and returns values derived from them; call_indirect traps for some indices; memory.grow
 * fails.  Functions using what the model does not cover (table ops other than size, bulk
 * table and data ops) are skipped and counted.  A run that uses up its fuel (blocks
 * entered) in either form is not compared.
 *
 * Exit status: 0 when no function differed, 1 when one did (each printed), 2 on bad usage.
 */

enum { MEM_SIZE = 65536 };

typedef struct outcome {
  enum { ENDED_RETURN, ENDED_TRAP, ENDED_TAIL_CALL, ENDED_FUEL, ENDED_UNSUPPORTED } how;
  uint32_t trap_kind, trap_origin, trap_ir;
  uint32_t nresults;
  v128_t results[16];
  uint64_t memory_hash, globals_hash, calls_hash;
  char what[96];            /* the unsupported op */
} outcome;

typedef struct machine {
  const wlab_module *m;
  uint8_t mem[MEM_SIZE];
  v128_t *globals;
  uint64_t calls_hash;
  uint64_t fuel;
  v128_t *val;              /* [ninsts] */
  v128_t *tmp;              /* edge arguments in flight */
  uint32_t tmp_cap;
} machine;

static uint64_t mix(uint64_t h, uint64_t x)
{
  h ^= x + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
  h *= 0xBF58476D1CE4E5B9ull;
  return h ^ (h >> 31);
}

static uint64_t width_mask(uint8_t type)
{
  return type == WLAB_I32 || type == WLAB_F32 ? 0xffffffffull : ~0ull;
}

/* A value of `type` from bits, kept canonical (the high bits of narrow types zero). */
static v128_t of_type(uint8_t type, uint64_t lo, uint64_t hi)
{
  v128_t v;
  v.u64[0] = lo & width_mask(type);
  v.u64[1] = type == WLAB_V128 ? hi : 0;
  return v;
}

static bool unsupported(outcome *o, const ssa_func *f, ssa_id v)
{
  o->how = ENDED_UNSUPPORTED;
  snprintf(o->what, sizeof o->what, "%s", ssa_op_name(f->insts[v].op));
  return false;
}

static bool trap(outcome *o, const ssa_func *f, ssa_id v, uint32_t kind)
{
  o->how = ENDED_TRAP;
  o->trap_kind = kind;
  o->trap_origin = f->insts[v].origin;
  o->trap_ir = f->insts[v].ir;
  return false;
}

/* A call in the model: mixed into the call record, then memory and a mutable global changed
 * as a function of it; the returned hash seeds the results. */
static uint64_t model_call(machine *mc, uint64_t h)
{
  mc->calls_hash = mix(mc->calls_hash, h);
  uint32_t at = (uint32_t)(h % (MEM_SIZE - 8));
  memcpy(mc->mem + at, &h, 8);
  for (uint32_t g = 0; g < mc->m->nglobals; g++)
    if (mc->m->globals[g].type.mut && (h >> 40) % (mc->m->nglobals + 1) == g)
      mc->globals[g] = of_type(mc->m->globals[g].type.type, mix(h, g), mix(h, g + 1));
  return h;
}

/* Loads and stores: size from the op's natural alignment (what the access reads or writes). */
static bool memory_op(machine *mc, ssa_func *f, ssa_id v, outcome *o)
{
  const ssa_inst *in = &f->insts[v];
  const ssa_id *as = ssa_args(f, v);
  const wasm_opinfo *op = &opcodes_info[in->op];
  uint32_t n = 1u << op->align;
  uint32_t addr = mc->val[as[0]].u32[0];
  if (in->flags & SSA_F_INDEXED) /* base + (index << scale), wrapping as i32 arithmetic does */
    addr += mc->val[as[in->nargs - 1]].u32[0] << ssa_access_scale(in);
  uint64_t ea = (uint64_t)addr + in->imm;
  if (in->flags & SSA_F_SCALED) /* operand << scale, not wrapped: addrfold proved it below 2^32 */
    ea = ((uint64_t)addr << ssa_access_scale(in)) + in->imm;
  if (ea + n > MEM_SIZE)
    return trap(o, f, v, TRAP_MEMORY_OOB);
  uint8_t *p = mc->mem + ea;
  if (op->result == OPT_NONE) { /* a store: the value is operand 1 */
    const v128_t *x = &mc->val[as[1]];
    if (op->imm == IMM_MEMARG_LANE)
      memcpy(p, x->b + in->aux * n, n);
    else
      memcpy(p, x->b, n);
    return true;
  }
  uint64_t raw[2] = {0, 0};
  memcpy(raw, p, n);
  v128_t r = {0};
  switch ((ir_op)in->op) {
  case IR_I32_LOAD8_S: r.u64[0] = (uint32_t)(int32_t)(int8_t)raw[0]; break;
  case IR_I32_LOAD16_S: r.u64[0] = (uint32_t)(int32_t)(int16_t)raw[0]; break;
  case IR_I64_LOAD8_S: r.u64[0] = (uint64_t)(int64_t)(int8_t)raw[0]; break;
  case IR_I64_LOAD16_S: r.u64[0] = (uint64_t)(int64_t)(int16_t)raw[0]; break;
  case IR_I64_LOAD32_S: r.u64[0] = (uint64_t)(int64_t)(int32_t)raw[0]; break;
  case IR_V128_LOAD8X8_S: r = simd_load8x8_s(raw); break;
  case IR_V128_LOAD8X8_U: r = simd_load8x8_u(raw); break;
  case IR_V128_LOAD16X4_S: r = simd_load16x4_s(raw); break;
  case IR_V128_LOAD16X4_U: r = simd_load16x4_u(raw); break;
  case IR_V128_LOAD32X2_S: r = simd_load32x2_s(raw); break;
  case IR_V128_LOAD32X2_U: r = simd_load32x2_u(raw); break;
  case IR_V128_LOAD8_SPLAT: r = simd_load8_splat(raw); break;
  case IR_V128_LOAD16_SPLAT: r = simd_load16_splat(raw); break;
  case IR_V128_LOAD32_SPLAT: r = simd_load32_splat(raw); break;
  case IR_V128_LOAD64_SPLAT: r = simd_load64_splat(raw); break;
  case IR_V128_LOAD32_ZERO: case IR_V128_LOAD64_ZERO: r = simd_load_zero(raw); break;
  case IR_V128_LOAD8_LANE: case IR_V128_LOAD16_LANE: case IR_V128_LOAD32_LANE: case IR_V128_LOAD64_LANE:
    r = mc->val[as[1]];
    memcpy(r.b + in->aux * n, raw, n);
    break;
  default: /* plain loads, zero-extending */
    r.u64[0] = raw[0];
    r.u64[1] = raw[1];
    break;
  }
  mc->val[v] = of_type(in->type, r.u64[0], r.u64[1]);
  return true;
}

/* Executes instruction v (not a terminator); false when the run ends here. */
static bool step(machine *mc, ssa_func *f, ssa_id v, outcome *o)
{
  ssa_inst *in = &f->insts[v];
  const ssa_id *as = ssa_args(f, v);
  v128_t *val = mc->val;
  switch (in->op) {
  case SSA_CONST:
    val[v] = of_type(in->type, in->imm, in->imm2);
    return true;
  case SSA_RESULT:
    val[v] = of_type(in->type, mix(val[as[0]].u64[0], in->aux), mix(val[as[0]].u64[1], in->aux));
    return true;
  case IR_SELECT:
    val[v] = val[val[as[2]].u32[0] ? as[0] : as[1]];
    return true;
  case IR_CALL: case IR_CALL_INDIRECT: {
    uint64_t h = mix(in->op, in->imm);
    for (uint16_t k = 0; k < in->nargs; k++)
      h = mix(mix(h, val[as[k]].u64[0]), val[as[k]].u64[1]);
    if (in->op == IR_CALL_INDIRECT && val[as[0]].u32[0] % 7 == 3)
      return trap(o, f, v, TRAP_UNINIT_ELEMENT);
    h = model_call(mc, h);
    if (in->type != SSA_VOID)
      val[v] = of_type(in->type, h, mix(h, 1));
    return true;
  }
  case IR_GLOBAL_GET:
    val[v] = mc->globals[in->imm];
    return true;
  case IR_GLOBAL_SET:
    mc->globals[in->imm] = val[as[0]];
    return true;
  case IR_MEMORY_SIZE:
    val[v] = of_type(WLAB_I32, MEM_SIZE / 65536, 0);
    return true;
  case IR_MEMORY_GROW:
    mc->calls_hash = mix(mc->calls_hash, 0x67726f77u ^ val[as[0]].u32[0]);
    val[v] = of_type(WLAB_I32, 0xffffffffu, 0);
    return true;
  case IR_MEMORY_FILL: case IR_MEMORY_COPY: {
    uint64_t d = val[as[0]].u32[0], s = val[as[1]].u32[0], n = val[as[2]].u32[0];
    if (d + n > MEM_SIZE || (in->op == IR_MEMORY_COPY && s + n > MEM_SIZE))
      return trap(o, f, v, TRAP_MEMORY_OOB);
    if (in->op == IR_MEMORY_FILL)
      memset(mc->mem + d, (int)(s & 0xff), n);
    else
      memmove(mc->mem + d, mc->mem + s, n);
    return true;
  }
  case IR_REF_FUNC:
    val[v] = of_type(in->type, in->imm + 1, 0);
    return true;
  case IR_REF_IS_NULL:
    val[v] = of_type(WLAB_I32, val[as[0]].u64[0] == 0, 0);
    return true;
  case IR_TABLE_SIZE:
    val[v] = of_type(WLAB_I32, 3, 0);
    return true;
  case IR_I16X8_EXTADD_PAIRWISE_I8X16_U:
    if (!(in->flags & SSA_F_SAD))
      break;
    /* opt/sad.c's psadbw a, b: the two halves' sums of |a - b| in lanes 0 and 4 */
    memset(&val[v], 0, sizeof val[v]);
    for (unsigned h = 0; h < 2; h++)
      for (unsigned i = 8 * h; i < 8 * h + 8; i++) {
        int d = (int)val[as[0]].b[i] - (int)val[as[1]].b[i];
        val[v].u16[4 * h] = (uint16_t)(val[v].u16[4 * h] + (d < 0 ? -d : d));
      }
    return true;
  default:
    break;
  }
  if (in->op >= WASM_OP_COUNT)
    return unsupported(o, f, v);
  const wasm_opinfo *info = &opcodes_info[in->op];
  if (info->imm == IMM_MEMARG || info->imm == IMM_MEMARG_LANE)
    return memory_op(mc, f, v, o);
  /* a value op: the row of core/value_ops.def, over the value array */
  const bool lane_op = info->imm == IMM_LANE;
  if (in->op == IR_I8X16_SHUFFLE) {
    val[0].u64[0] = in->imm; /* id 0 is never a value: the lane pattern's slot */
    val[0].u64[1] = in->imm2;
  }
  memset(&val[v], 0, sizeof val[v]);
  const ssa_id self = v; /* value_ops.def's rows declare their own `v` */
#define U32(x) (val[x].u32[0])
#define U64(x) (val[x].u64[0])
#define F32(x) (val[x].f32[0])
#define F64(x) (val[x].f64[0])
#define V128(x) (val[x])
#define R self
#define A as[0]
#define B as[1]
#define C (lane_op ? (uint32_t)in->aux : in->op == IR_I8X16_SHUFFLE ? 0u : as[2])
#define TRAP(kind) return trap(o, f, self, (kind))
  switch ((ir_op)in->op) {
#define VOP(id, ...) case IR_##id: { __VA_ARGS__ } break;
#include "core/value_ops.def"
#undef VOP
  default:
    return unsupported(o, f, v);
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
  val[self] = of_type(in->type, val[self].u64[0], val[self].u64[1]);
  return true;
}

/* Takes edge e of block b: the arguments, all read before any parameter is written. */
static bool take_edge(machine *mc, ssa_func *f, uint32_t b, uint32_t e, uint32_t *next)
{
  const ssa_edge *ed = &f->blocks[b].succs[e];
  if (ed->nargs > mc->tmp_cap) {
    free(mc->tmp);
    mc->tmp_cap = ed->nargs * 2;
    if (!(mc->tmp = malloc(mc->tmp_cap * sizeof *mc->tmp)))
      return false;
  }
  for (uint32_t k = 0; k < ed->nargs; k++)
    mc->tmp[k] = mc->val[ssa_edge_args(f, ed)[k]];
  for (uint32_t k = 0; k < ed->nargs; k++)
    mc->val[ssa_params(f, ed->block)[k]] = mc->tmp[k];
  *next = ed->block;
  return true;
}

static void run(machine *mc, ssa_func *f, const v128_t *args, uint64_t fuel, outcome *o)
{
  memset(o, 0, sizeof *o);
  free(mc->val);
  mc->val = calloc(f->ninsts, sizeof *mc->val);
  if (!mc->val) {
    o->how = ENDED_UNSUPPORTED;
    snprintf(o->what, sizeof o->what, "out of memory");
    return;
  }
  for (uint32_t k = 0; k < f->blocks[f->entry].nparams; k++)
    mc->val[ssa_params(f, f->entry)[k]] = args[k];
  uint32_t b = f->entry;
  for (;;) {
    if (!fuel--) {
      o->how = ENDED_FUEL;
      return;
    }
    ssa_block *bl = &f->blocks[b];
    ssa_id v = bl->first;
    for (; v != bl->last; v = f->insts[v].next)
      if (!step(mc, f, v, o))
        return;
    ssa_inst *t = &f->insts[v];
    const ssa_id *as = ssa_args(f, v);
    uint32_t e;
    switch (t->op) {
    case IR_BR: e = 0; break;
    case IR_BR_IF: e = mc->val[as[0]].u32[0] ? 0 : 1; break;
    case IR_BR_TABLE: {
      uint32_t i = mc->val[as[0]].u32[0];
      e = bl->table[i < bl->ntable - 1 ? i : bl->ntable - 1];
      break;
    }
    case IR_RETURN:
      o->how = ENDED_RETURN;
      o->nresults = t->nargs < 16 ? t->nargs : 16;
      for (uint32_t k = 0; k < o->nresults; k++)
        o->results[k] = mc->val[as[k]];
      return;
    case IR_UNREACHABLE:
      trap(o, f, v, TRAP_UNREACHABLE);
      return;
    case IR_RETURN_CALL: case IR_RETURN_CALL_INDIRECT: {
      uint64_t h = mix(t->op, t->imm);
      for (uint16_t k = 0; k < t->nargs; k++)
        h = mix(mix(h, mc->val[as[k]].u64[0]), mc->val[as[k]].u64[1]);
      if (t->op == IR_RETURN_CALL_INDIRECT && mc->val[as[0]].u32[0] % 7 == 3) {
        trap(o, f, v, TRAP_UNINIT_ELEMENT);
        return;
      }
      model_call(mc, h);
      o->how = ENDED_TAIL_CALL;
      return;
    }
    default:
      unsupported(o, f, v);
      return;
    }
    if (!take_edge(mc, f, b, e, &b)) {
      o->how = ENDED_UNSUPPORTED;
      snprintf(o->what, sizeof o->what, "out of memory");
      return;
    }
  }
}

/* ---- inputs --------------------------------------------------------------------------------- */

static uint64_t rng_state;
static uint64_t rnd(void)
{
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return rng_state;
}

static v128_t arg_of_type(uint8_t type)
{
  static const uint64_t i32s[] = {0, 1, 2, 0xffffffff, 0x80000000, 0x7fffffff, 31, 32, 33, 255, 0xfffffffe, 16, 65535};
  static const uint64_t i64s[] = {0, 1, 2, ~0ull, 0x8000000000000000ull, 0x7fffffffffffffffull, 63, 64, 65,
                                  0xffffffff, 0x100000000ull, 16};
  static const uint64_t f32s[] = {0, 0x80000000, 0x3f800000, 0xbf800000, 0x7f800000, 0xff800000, 0x7fc00000,
                                  0xffc00001, 0x7fa00000 /* signalling */, 0x00000001, 0x4f000000, 0xcf000000,
                                  0x3f000000, 0x7f7fffff};
  static const uint64_t f64s[] = {0, 0x8000000000000000ull, 0x3ff0000000000000ull, 0xbff0000000000000ull,
                                  0x7ff0000000000000ull, 0xfff0000000000000ull, 0x7ff8000000000000ull,
                                  0x7ff4000000000001ull /* signalling */, 0xfff8000000000123ull, 1,
                                  0x41e0000000000000ull, 0xc1e0000000200000ull, 0x3fe0000000000000ull};
  uint64_t r = rnd(), lo, hi = 0;
  bool pick = r % 3 != 0;
  r = rnd();
  switch (type) {
  case WLAB_I32: lo = pick ? i32s[r % (sizeof i32s / 8)] : rnd() >> (rnd() % 32); break;
  case WLAB_I64: lo = pick ? i64s[r % (sizeof i64s / 8)] : rnd() >> (rnd() % 64); break;
  case WLAB_F32: lo = pick ? f32s[r % (sizeof f32s / 8)] : rnd(); break;
  case WLAB_F64: lo = pick ? f64s[r % (sizeof f64s / 8)] : rnd(); break;
  case WLAB_V128: lo = pick ? f64s[r % (sizeof f64s / 8)] | i32s[rnd() % (sizeof i32s / 8)] : rnd(); hi = rnd(); break;
  default: lo = pick ? 0 : (rnd() | 1); break; /* references: null or a non-null pointer-ish value */
  }
  return of_type(type, lo, hi);
}

/* ---- the check -------------------------------------------------------------------------------- */

static uint64_t hash_bytes(const void *p, size_t n)
{
  uint64_t h = 1469598103934665603ull;
  const uint8_t *b = p;
  for (size_t i = 0; i < n; i++)
    h = (h ^ b[i]) * 1099511628211ull;
  return h;
}

static void reset_state(machine *mc, uint64_t seed)
{
  uint64_t s = seed | 1;
  for (uint32_t i = 0; i < MEM_SIZE; i += 8) {
    s ^= s << 13, s ^= s >> 7, s ^= s << 17;
    uint64_t x = i < 4096 ? (s & 0x0000000f0000000full) : s; /* small numbers low, so loaded addresses hit */
    memcpy(mc->mem + i, &x, 8);
  }
  for (uint32_t g = 0; g < mc->m->nglobals; g++)
    mc->globals[g] = of_type(mc->m->globals[g].type.type, mix(seed, g) % 4096, mix(seed, g + 7));
  mc->calls_hash = 0;
}

static void finish(machine *mc, outcome *o)
{
  o->memory_hash = hash_bytes(mc->mem, MEM_SIZE);
  o->globals_hash = hash_bytes(mc->globals, mc->m->nglobals * sizeof *mc->globals);
  o->calls_hash = mc->calls_hash;
}

static bool same(const outcome *a, const outcome *b, uint8_t const *types)
{
  if (a->how != b->how || a->memory_hash != b->memory_hash || a->globals_hash != b->globals_hash ||
      a->calls_hash != b->calls_hash)
    return false;
  if (a->how == ENDED_TRAP)
    return a->trap_kind == b->trap_kind && a->trap_origin == b->trap_origin && a->trap_ir == b->trap_ir;
  if (a->how != ENDED_RETURN)
    return true;
  if (a->nresults != b->nresults)
    return false;
  for (uint32_t k = 0; k < a->nresults; k++) {
    uint64_t mask = width_mask(types[k]);
    if ((a->results[k].u64[0] & mask) != (b->results[k].u64[0] & mask) ||
        (types[k] == WLAB_V128 && a->results[k].u64[1] != b->results[k].u64[1]))
      return false;
  }
  return true;
}

static void describe(const outcome *o, FILE *out)
{
  switch (o->how) {
  case ENDED_RETURN:
    fprintf(out, "returned");
    for (uint32_t k = 0; k < o->nresults; k++)
      fprintf(out, " 0x%" PRIx64 "%s", o->results[k].u64[0], o->results[k].u64[1] ? "+hi" : "");
    break;
  case ENDED_TRAP: fprintf(out, "trap %u at f%u ir %u", o->trap_kind, o->trap_origin, o->trap_ir); break;
  case ENDED_TAIL_CALL: fprintf(out, "tail call"); break;
  case ENDED_FUEL: fprintf(out, "out of fuel"); break;
  case ENDED_UNSUPPORTED: fprintf(out, "unsupported: %s", o->what); break;
  }
  fprintf(out, " (memory %016" PRIx64 ", globals %016" PRIx64 ", calls %016" PRIx64 ")\n", o->memory_hash,
          o->globals_hash, o->calls_hash);
}

typedef struct totals {
  uint64_t funcs, checked, skipped, runs, compared, differed, failed_builds;
} totals;

static void check_module(const char *path, const wlab_module *m, opt_mask disabled, uint32_t runs, uint64_t seed,
                         uint64_t fuel, bool quiet, totals *t)
{
  machine *mc = calloc(1, sizeof *mc);
  if (!mc)
    return;
  mc->m = m;
  mc->globals = calloc(m->nglobals + 1, sizeof *mc->globals);
  opt_mask all = ~(opt_mask)0;
  opt_trace verify = {NULL, NULL, true, NULL};
  for (uint32_t i = 0; i < m->nfuncs; i++) {
    if (m->funcs[i].imported || !m->funcs[i].ir)
      continue;
    t->funcs++;
    ssa_func ref, opt;
    bool ok_ref = ssa_func_init(&ref, m, i) && opt_optimise(&ref, all, &verify);
    bool ok_opt = ssa_func_init(&opt, m, i) && opt_optimise(&opt, disabled, &verify);
    if (!ok_ref || !ok_opt) {
      t->failed_builds++;
      printf("FAIL  %s: function %u: %s\n", path, i, !ok_ref ? ref.error : opt.error);
      ssa_func_free(&ref);
      ssa_func_free(&opt);
      continue;
    }
    const functype *ft = ref.type;
    uint8_t types[16] = {0};
    for (uint32_t k = 0; k < ft->nresults && k < 16; k++)
      types[k] = (uint8_t)ft->results[k];
    bool counted = false, skipped = false;
    v128_t *args = calloc(ft->nparams + 1, sizeof *args);
    for (uint32_t r = 0; r < runs && args; r++) {
      for (uint32_t k = 0; k < ft->nparams; k++)
        args[k] = arg_of_type((uint8_t)ft->params[k]);
      uint64_t state_seed = mix(seed, mix(i, r));
      outcome a, b;
      reset_state(mc, state_seed);
      run(mc, &ref, args, fuel, &a);
      finish(mc, &a);
      reset_state(mc, state_seed);
      run(mc, &opt, args, fuel, &b);
      finish(mc, &b);
      t->runs++;
      if (a.how == ENDED_UNSUPPORTED || b.how == ENDED_UNSUPPORTED) {
        skipped = true;
        break;
      }
      if (a.how == ENDED_FUEL || b.how == ENDED_FUEL)
        continue;
      t->compared++;
      counted = true;
      if (!same(&a, &b, types)) {
        t->differed++;
        printf("DIFF  %s: function %u, run %u, arguments", path, i, r);
        for (uint32_t k = 0; k < ft->nparams; k++)
          printf(" 0x%" PRIx64 "%s", args[k].u64[0], args[k].u64[1] ? "+hi" : "");
        printf("\n  built:     ");
        describe(&a, stdout);
        printf("  optimised: ");
        describe(&b, stdout);
        break;
      }
    }
    free(args);
    if (skipped)
      t->skipped++;
    else if (counted)
      t->checked++;
    if (!quiet && skipped)
      printf("skip  %s: function %u (not in the model)\n", path, i);
    ssa_func_free(&ref);
    ssa_func_free(&opt);
  }
  free(mc->val);
  free(mc->tmp);
  free(mc->globals);
  free(mc);
}

int main(int argc, char **argv)
{
  uint32_t runs = 24;
  uint64_t seed = 20261206, fuel = 20000;
  const char *disable = NULL;
  bool quiet = false;
  int first = 1;
  for (; first < argc && argv[first][0] == '-'; first++) {
    const char *a = argv[first];
    if (strcmp(a, "--runs") == 0 && first + 1 < argc)
      runs = (uint32_t)strtoul(argv[++first], NULL, 0);
    else if (strcmp(a, "--seed") == 0 && first + 1 < argc)
      seed = strtoull(argv[++first], NULL, 0);
    else if (strcmp(a, "--fuel") == 0 && first + 1 < argc)
      fuel = strtoull(argv[++first], NULL, 0);
    else if (strncmp(a, "--opt-disable=", 14) == 0)
      disable = a + 14;
    else if (strcmp(a, "--quiet") == 0)
      quiet = true;
    else {
      fprintf(stderr, "passcheck: unknown option %s\n", a);
      return 2;
    }
  }
  if (first >= argc) {
    fprintf(stderr, "usage: passcheck [--runs N] [--seed S] [--fuel F] [--opt-disable=a,b] [--quiet] MODULE.wasm...\n");
    return 2;
  }
  opt_mask disabled;
  char why[200];
  if (!opt_parse_disable(disable, &disabled, why, sizeof why)) {
    fprintf(stderr, "passcheck: --opt-disable: %s\n", why);
    return 2;
  }
  rng_state = seed | 1;
  wlab_engine *e = wlab_engine_new(NULL);
  totals t = {0};
  uint32_t modules = 0;
  for (int i = first; i < argc; i++) {
    FILE *in = fopen(argv[i], "rb");
    if (!in) {
      fprintf(stderr, "passcheck: cannot open %s\n", argv[i]);
      return 2;
    }
    fseek(in, 0, SEEK_END);
    long len = ftell(in);
    fseek(in, 0, SEEK_SET);
    uint8_t *bytes = malloc(len > 0 ? (size_t)len : 1);
    size_t got = bytes ? fread(bytes, 1, (size_t)len, in) : 0;
    fclose(in);
    wlab_error err;
    wlab_module *m = got == (size_t)len ? wlab_module_new(e, bytes, got, &err) : NULL;
    free(bytes);
    if (!m)
      continue; /* invalid modules are the validator's business */
    modules++;
    check_module(argv[i], m, disabled, runs, seed, fuel, quiet, &t);
    wlab_module_free(m);
  }
  wlab_engine_free(e);
  printf("%u modules, %" PRIu64 " functions: %" PRIu64 " compared (%" PRIu64 " runs of %" PRIu64
         "), %" PRIu64 " outside the model, %" PRIu64 " differed, %" PRIu64 " failed to build\n",
         modules, t.funcs, t.checked, t.compared, t.runs, t.skipped, t.differed, t.failed_builds);
  return t.differed || t.failed_builds ? 1 : 0;
}
