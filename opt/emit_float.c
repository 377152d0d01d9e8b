/* emit_float.c: the optimising tier's f32/f64 instructions: arithmetic, min/max, sqrt, signs, rounding, compares, promote/demote, conversions to and from integers, reinterpretation, select. */
#include "opt/emit.h"

#include <string.h>

#include "core/numeric.h"
#include "x64/floatseq.h"

/*
 * A float lives in the low lanes of an xmm register.  Every op gives what core/numeric.h gives
 * in the interpreter, bit for bit: with two NaN operands x86 returns the destination's, the
 * first operand, which is numeric.h's rule, so the first operand is always the destination
 * (no commuting).  Where x86 and wasm disagree (min/max on NaN and signed zeros, truncation to
 * integers out of range, unsigned 64-bit conversions) a short sequence looks closer only on the
 * inputs where they differ, so the common case is the one SSE instruction and a branch.
 */

#define SIGN32 0x8000000080000000ull
#define SIGN64 0x8000000000000000ull

enum farith { FA_ADD, FA_SUB, FA_MUL, FA_DIV };

/* r = a op b, a the destination (see above).  b: a register, a spill slot, or a constant. */
static void arith(emitter *e, ssa_id v, enum farith k)
{
  x64_buf *b = e->b;
  ssa_inst *in = &e->f->insts[v];
  bool w = in->type == WLAB_F64;
  ssa_id a = ssa_args(e->f, v)[0], bv = ssa_args(e->f, v)[1];
  x64_xmm d = opt_def_xmm(e, OPT_X0);
  ra_loc la = opt_loc_use(e, a), lb = opt_loc_use(e, bv);
  /* with AVX, both operands in registers: one three-operand instruction, where d being neither
   * took a movaps first and d being b's register took two (b set aside, a moved in) */
  if (x64_cpu_features()->avx && la.kind == RA_LOC_REG && lb.kind == RA_LOC_REG && la.reg != d) {
    static void (*const vrr[2][4])(x64_buf *, x64_xmm, x64_xmm, x64_xmm) = {
      {x64_vaddss_xmm_xmm_xmm, x64_vsubss_xmm_xmm_xmm, x64_vmulss_xmm_xmm_xmm, x64_vdivss_xmm_xmm_xmm},
      {x64_vaddsd_xmm_xmm_xmm, x64_vsubsd_xmm_xmm_xmm, x64_vmulsd_xmm_xmm_xmm, x64_vdivsd_xmm_xmm_xmm}};
    vrr[w][k](b, d, (x64_xmm)la.reg, (x64_xmm)lb.reg);
    opt_def_done(e, d);
    return;
  }
  x64_xmm rb = OPT_X1;
  bool bmem = false, bpool = false;
  x64_mem mb = {0};
  if (lb.kind == RA_LOC_REG && !(lb.reg == d && !(la.kind == RA_LOC_REG && la.reg == d)))
    rb = (x64_xmm)lb.reg;
  else if (lb.kind == RA_LOC_STACK) {
    bmem = true;
    mb = opt_spill_mem(e, lb.offset);
  } else if (lb.kind == RA_LOC_NONE && opt_const(e, bv) != 0)
    bmem = bpool = true; /* a constant: read from the pool (below) */
  else
    opt_load_loc(e, OPT_X1, lb, in->type, bv); /* zero, or b where d must go */
  opt_load_loc(e, d, la, in->type, a);
  /* a constant operand from the function's pool: lea and the memory form, where building it in
   * a register took movabs and movq (after a's load, which may use T0 for a constant itself) */
  if (bpool)
    mb = opt_const128_mem(e, w ? opt_const(e, bv) : (uint32_t)opt_const(e, bv), 0);
  static void (*const rr[2][4])(x64_buf *, x64_xmm, x64_xmm) = {
    {x64_addss_xmm_xmm, x64_subss_xmm_xmm, x64_mulss_xmm_xmm, x64_divss_xmm_xmm},
    {x64_addsd_xmm_xmm, x64_subsd_xmm_xmm, x64_mulsd_xmm_xmm, x64_divsd_xmm_xmm}};
  if (bmem) {
    static void (*const rm32[4])(x64_buf *, x64_xmm, x64_mem) = {x64_addss_xmm_m32, x64_subss_xmm_m32, x64_mulss_xmm_m32,
                                                                 x64_divss_xmm_m32};
    static void (*const rm64[4])(x64_buf *, x64_xmm, x64_mem) = {x64_addsd_xmm_m64, x64_subsd_xmm_m64, x64_mulsd_xmm_m64,
                                                                 x64_divsd_xmm_m64};
    (w ? rm64 : rm32)[k](b, d, mb);
  } else {
    rr[w][k](b, d, rb);
  }
  opt_def_done(e, d);
}

/* v = a op load, the f32.load or f64.load right before it used only here as v's second operand
 * (emit.c, choose_fusions): d = a, then `addsd d, [memory + ...]` (heat's stencil sums).  The
 * access is the load's: its operands where they are at the load, its explicit check, its fault
 * site.  d is an xmm register and the memory operand uses only general ones, so a goes into d
 * whatever registers the address takes. */
void opt_emit_float_load_op(emitter *e, ssa_id v, ssa_id load)
{
  ssa_func *f = e->f;
  const ssa_inst *in = &f->insts[v];
  bool w = in->type == WLAB_F64;
  enum farith k;
  switch (in->op) {
  case IR_F32_ADD: case IR_F64_ADD: k = FA_ADD; break;
  case IR_F32_SUB: case IR_F64_SUB: k = FA_SUB; break;
  case IR_F32_MUL: case IR_F64_MUL: k = FA_MUL; break;
  default: k = FA_DIV; break;
  }
  ssa_id a = ssa_args(f, v)[0];
  x64_xmm d = opt_def_xmm(e, OPT_X0);
  ra_loc la = opt_loc_use(e, a);
  x64_gpr spare;
  x64_mem m = opt_load_operand(e, load, w ? 8 : 4, &spare);
  /* a constant a may be built through r10, which the operand never uses (its offset fits) */
  opt_load_loc(e, d, la, in->type, a);
  opt_note_load_fault(e, load);
  static void (*const rm32[4])(x64_buf *, x64_xmm, x64_mem) = {x64_addss_xmm_m32, x64_subss_xmm_m32, x64_mulss_xmm_m32,
                                                               x64_divss_xmm_m32};
  static void (*const rm64[4])(x64_buf *, x64_xmm, x64_mem) = {x64_addsd_xmm_m64, x64_subsd_xmm_m64, x64_mulsd_xmm_m64,
                                                               x64_divsd_xmm_m64};
  (w ? rm64 : rm32)[k](e->b, d, m);
  opt_def_done(e, d);
}

static void sqrt_op(emitter *e, ssa_id v)
{
  ssa_inst *in = &e->f->insts[v];
  x64_xmm d = opt_def_xmm(e, OPT_X0);
  opt_load_loc(e, d, opt_loc_use(e, ssa_args(e->f, v)[0]), in->type, ssa_args(e->f, v)[0]);
  (in->type == WLAB_F64 ? x64_sqrtsd_xmm_xmm : x64_sqrtss_xmm_xmm)(e->b, d, d);
  opt_def_done(e, d);
}

static void round_op(emitter *e, ssa_id v, x64_round mode)
{
  ssa_inst *in = &e->f->insts[v];
  x64_xmm d = opt_def_xmm(e, OPT_X0);
  opt_load_loc(e, d, opt_loc_use(e, ssa_args(e->f, v)[0]), in->type, ssa_args(e->f, v)[0]);
  (in->type == WLAB_F64 ? x64_roundsd_xmm_xmm : x64_roundss_xmm_xmm)(e->b, d, d, mode);
  opt_def_done(e, d);
}

/* abs, neg: a sign-bit mask from the constant pool */
static void sign_op(emitter *e, ssa_id v, bool neg)
{
  ssa_inst *in = &e->f->insts[v];
  uint64_t sign = in->type == WLAB_F64 ? SIGN64 : SIGN32;
  x64_xmm d = opt_def_xmm(e, OPT_X0);
  opt_load_loc(e, d, opt_loc_use(e, ssa_args(e->f, v)[0]), in->type, ssa_args(e->f, v)[0]);
  x64_mem m = opt_const128_mem(e, neg ? sign : ~sign, neg ? sign : ~sign);
  (neg ? x64_xorps_xmm_m128 : x64_andps_xmm_m128)(e->b, d, m);
  opt_def_done(e, d);
}

/* d = a ^ ((a ^ b) & sign): b's sign bit, a's other bits */
static void copy_sign(emitter *e, ssa_id v)
{
  ssa_inst *in = &e->f->insts[v];
  uint64_t sign = in->type == WLAB_F64 ? SIGN64 : SIGN32;
  ssa_id a = ssa_args(e->f, v)[0], bv = ssa_args(e->f, v)[1];
  x64_xmm d = opt_def_xmm(e, OPT_X0);
  opt_load_loc(e, OPT_X1, opt_loc_use(e, bv), in->type, bv); /* first: d may be b's register */
  opt_load_loc(e, d, opt_loc_use(e, a), in->type, a);
  x64_xorps_xmm_xmm(e->b, OPT_X1, d);
  x64_andps_xmm_m128(e->b, OPT_X1, opt_const128_mem(e, sign, sign));
  x64_xorps_xmm_xmm(e->b, d, OPT_X1);
  opt_def_done(e, d);
}

static void promote_demote(emitter *e, ssa_id v, bool promote)
{
  ssa_id a = ssa_args(e->f, v)[0];
  x64_xmm d = opt_def_xmm(e, OPT_X0);
  opt_load_loc(e, d, opt_loc_use(e, a), e->f->insts[a].type, a);
  (promote ? x64_cvtss2sd_xmm_xmm : x64_cvtsd2ss_xmm_xmm)(e->b, d, d);
  opt_def_done(e, d);
}

/* f32/f64.convert_i32_s/u, convert_i64_s: cvtsi2s*, as C's casts (an i32 register's upper half
 * is zero, so the 64-bit form converts it unsigned) */
static void convert_from_int(emitter *e, ssa_id v, bool from64, bool is_signed)
{
  ssa_inst *in = &e->f->insts[v];
  bool w = in->type == WLAB_F64;
  x64_gpr a = opt_gpr(e, ssa_args(e->f, v)[0], OPT_T0);
  x64_xmm d = opt_def_xmm(e, OPT_X0);
  bool wide = from64 || !is_signed;
  x64_xorps_xmm_xmm(e->b, d, d); /* cvtsi2s* writes the low lane only */
  if (w)
    (wide ? x64_cvtsi2sd_xmm_r64 : x64_cvtsi2sd_xmm_r32)(e->b, d, a);
  else
    (wide ? x64_cvtsi2ss_xmm_r64 : x64_cvtsi2ss_xmm_r32)(e->b, d, a);
  opt_def_done(e, d);
}

/* f32/f64.convert_i64_u: below 2^63 the signed form is right; with the top bit set, halve the
 * value keeping the lost bit sticky (round to odd), convert and double: one rounding in all,
 * which is what C's cast (and so the interpreter) gives. */
static void convert_from_u64(emitter *e, ssa_id v)
{
  x64_buf *b = e->b;
  bool w = e->f->insts[v].type == WLAB_F64;
  x64_gpr a = opt_gpr(e, ssa_args(e->f, v)[0], OPT_T0);
  x64_xmm d = opt_def_xmm(e, OPT_X0);
  void (*cvt)(x64_buf *, x64_xmm, x64_gpr) = w ? x64_cvtsi2sd_xmm_r64 : x64_cvtsi2ss_xmm_r64;
  x64_label_id big = x64_label(b), done = x64_label(b);
  x64_xorps_xmm_xmm(b, d, d);
  x64_test_r64_r64(b, a, a);
  x64_jcc_label(b, X64_CC_S, big);
  cvt(b, d, a);
  x64_jmp_label(b, done);
  x64_bind(b, big);
  x64_mov_r64_r64(b, OPT_T1, a);
  x64_shr_r64_imm8(b, OPT_T1, 1);
  x64_mov_r32_r32(b, OPT_T0, a); /* a may be T0: read last */
  x64_and_r32_imm32(b, OPT_T0, 1);
  x64_or_r64_r64(b, OPT_T1, OPT_T0);
  cvt(b, d, OPT_T1);
  (w ? x64_addsd_xmm_xmm : x64_addss_xmm_xmm)(b, d, d);
  x64_bind(b, done);
  opt_def_done(e, d);
}

static x64_label_id pool_label(void *e, uint64_t lo, uint64_t hi) { return opt_const128(e, lo, hi); }

/* i32/i64.trunc_f32/f64_s/u and their _sat forms, native (x64/floatseq.c; through C they made
 * every loop that converts a float to an index call out, and values live across the loop leave
 * the caller-saved registers).  Scratch: the result's register (or T0), T1 for pool addresses
 * and constants, X1 for the u64 case. */
/* Constant v (f32 or f64) as a double: exact for both. */
static double const_double(const ssa_func *f, ssa_id v)
{
  if (f->insts[v].type == WLAB_F32) {
    float x;
    uint32_t bits = (uint32_t)f->insts[v].imm;
    memcpy(&x, &bits, sizeof x);
    return x;
  }
  double x;
  memcpy(&x, &f->insts[v].imm, sizeof x);
  return x;
}

/* Whether compare c bounds a: below hi (`a < K`, K <= hi, or `a <= K`, K < hi) sets *below, above
 * lo (`a >= K`, K > lo, or `a > K`, K >= lo) *above.  NaN makes every such compare false. */
static void bound_by(const ssa_func *f, ssa_id c, ssa_id a, double lo, double hi, bool *below, bool *above)
{
  const ssa_inst *in = &f->insts[c];
  if (in->nargs != 2 || ssa_args((ssa_func *)f, c)[0] != a || !ssa_is_const(f, ssa_args((ssa_func *)f, c)[1]))
    return;
  double k = const_double(f, ssa_args((ssa_func *)f, c)[1]);
  switch (in->op) {
  case IR_F32_LT: case IR_F64_LT: *below |= k <= hi; break;
  case IR_F32_LE: case IR_F64_LE: *below |= k < hi; break;
  case IR_F32_GE: case IR_F64_GE: *above |= k > lo; break;
  case IR_F32_GT: case IR_F64_GT: *above |= k >= lo; break;
  default: break;
  }
}

/* Whether the truncation v's operand a is known to lie strictly between lo and hi: v's block is
 * entered only by the taken edge of a branch on two compares that say so (C's cast of a double
 * to uint32_t compiles to wasm as such a test around i32.trunc_f64_u: mainloop's histogram
 * index).  Then the conversion cannot trap or saturate. */
static bool guarded_in_range(const emitter *e, ssa_id v, ssa_id a, double lo, double hi)
{
  const ssa_func *f = e->f;
  const ssa_block *bl = &f->blocks[f->insts[v].block];
  if (bl->npreds != 1)
    return false;
  const ssa_block *p = &f->blocks[bl->preds[0].block];
  if (p->nsuccs != 2 || p->succs[0].block != f->insts[v].block || p->succs[1].block == f->insts[v].block ||
      f->insts[p->last].op != IR_BR_IF)
    return false;
  ssa_id c = ssa_args((ssa_func *)f, p->last)[0];
  if (f->insts[c].op != IR_I32_AND)
    return false;
  bool below = false, above = false;
  for (int k = 0; k < 2; k++)
    bound_by(f, ssa_args((ssa_func *)f, c)[k], a, lo, hi, &below, &above);
  return below && above;
}

static void trunc_to_int(emitter *e, ssa_id v, bool is_signed, bool sat)
{
  ssa_id a = ssa_args(e->f, v)[0];
  bool from64 = e->f->insts[a].type == WLAB_F64;
  if (e->f->insts[v].type == WLAB_I32 &&
      guarded_in_range(e, v, a, is_signed ? -2147483649.0 : -1.0, is_signed ? 2147483648.0 : 4294967296.0)) {
    /* in range: one conversion; unsigned through 64 bits, which leaves the upper half zero */
    x64_xmm s = opt_xmm(e, a, OPT_X0);
    x64_gpr d = opt_def_gpr(e, OPT_T0);
    if (from64)
      (is_signed ? x64_cvttsd2si_r32_xmm : x64_cvttsd2si_r64_xmm)(e->b, d, s);
    else
      (is_signed ? x64_cvttss2si_r32_xmm : x64_cvttss2si_r64_xmm)(e->b, d, s);
    opt_def_done(e, d);
    return;
  }
  x64_trunc t = {.from64 = e->f->insts[a].type == WLAB_F64, .to64 = e->f->insts[v].type == WLAB_I64,
                 .is_signed = is_signed, .sat = sat, .t = OPT_T1, .x = OPT_X1,
                 .const128 = pool_label, .jit = e};
  /* in this order: the operand's load comes before the result's register is taken */
  t.a = opt_xmm(e, a, OPT_X0);
  t.d = opt_def_gpr(e, OPT_T0);
  if (!sat) {
    t.invalid = opt_trap_label(e, TRAP_BAD_CONVERSION);
    t.overflow = opt_trap_label(e, TRAP_INT_OVERFLOW);
  }
  x64_float_trunc(e->b, &t);
  opt_def_done(e, t.d);
}

/* wasm min/max (core/numeric.h; the sequence is x64/floatseq.c's): a in the result's register,
 * b in another. */
static void min_max(emitter *e, ssa_id v, bool is_max)
{
  x64_buf *b = e->b;
  ssa_inst *in = &e->f->insts[v];
  bool w = in->type == WLAB_F64;
  ssa_id a = ssa_args(e->f, v)[0], bv = ssa_args(e->f, v)[1];
  x64_xmm d = opt_def_xmm(e, OPT_X0);
  ra_loc la = opt_loc_use(e, a), lb = opt_loc_use(e, bv);
  x64_xmm rb = OPT_X1;
  if (lb.kind == RA_LOC_REG && !(lb.reg == d && !(la.kind == RA_LOC_REG && la.reg == d)))
    rb = (x64_xmm)lb.reg;
  else
    opt_load_loc(e, OPT_X1, lb, in->type, bv); /* a slot, a constant, or b where d must go */
  opt_load_loc(e, d, la, in->type, a);
  x64_float_min_max(b, w, is_max, d, rb);
  opt_def_done(e, d);
}

static void reinterpret(emitter *e, ssa_id v)
{
  ssa_inst *in = &e->f->insts[v];
  ssa_id a = ssa_args(e->f, v)[0];
  bool to_int = ra_class_of(in->type) == RA_GPR, wide = in->type == WLAB_I64 || in->type == WLAB_F64;
  if (to_int) {
    x64_xmm s = opt_xmm(e, a, OPT_X0);
    x64_gpr d = opt_def_gpr(e, OPT_T0);
    (wide ? x64_movq_r64_xmm : x64_movd_r32_xmm)(e->b, d, s);
    opt_def_done(e, d);
  } else {
    x64_gpr s = opt_gpr(e, a, OPT_T0);
    x64_xmm d = opt_def_xmm(e, OPT_X0);
    (wide ? x64_movq_xmm_r64 : x64_movd_xmm_r32)(e->b, d, s);
    opt_def_done(e, d);
  }
}

/* eq: equal and ordered; ne: different or unordered; gt/ge as "above" (false when unordered);
 * lt/le swap their operands into gt/ge. */
enum fcond { FC_EQ, FC_NE, FC_GT, FC_GE };

static enum fcond compare_cond(uint16_t op)
{
  switch (op) {
  case IR_F32_EQ: case IR_F64_EQ: return FC_EQ;
  case IR_F32_NE: case IR_F64_NE: return FC_NE;
  case IR_F32_GT: case IR_F64_GT: case IR_F32_LT: case IR_F64_LT: return FC_GT;
  default: return FC_GE;
  }
}

bool opt_is_float_branch_compare(uint16_t op)
{
  switch (op) {
  case IR_F32_GT: case IR_F64_GT: case IR_F32_GE: case IR_F64_GE:
  case IR_F32_LT: case IR_F64_LT: case IR_F32_LE: case IR_F64_LE:
    return true;
  default:
    return false;
  }
}

/* The operands of compare v, ready for ucomis rx, y: a non-zero constant y is read from the pool
 * ([rip + constant], the memory form: no register), and so is a non-zero constant x, the one
 * lt/le's swap puts first (loaded from the pool rather than built in a GPR and moved over);
 * a constant a loop keeps in a register (loopconst.c) is read there.  Scratch: X0 and X1. */
typedef struct fcompare { enum fcond cond; bool wide, ypool; x64_xmm rx, ry; x64_mem my; } fcompare;

static fcompare compare_operands(emitter *e, ssa_id v)
{
  uint16_t op = e->f->insts[v].op;
  ssa_id x = ssa_args(e->f, v)[0], y = ssa_args(e->f, v)[1];
  fcompare c = {.cond = compare_cond(op), .wide = e->f->insts[x].type == WLAB_F64};
  if (op == IR_F32_LT || op == IR_F64_LT || op == IR_F32_LE || op == IR_F64_LE) {
    x = ssa_args(e->f, v)[1];
    y = ssa_args(e->f, v)[0];
  }
  if (ssa_is_const(e->f, x) && opt_const(e, x) != 0 && opt_loop_const_reg(e, x) < 0) {
    uint64_t bits = c.wide ? opt_const(e, x) : (uint32_t)opt_const(e, x);
    (c.wide ? x64_movsd_xmm_m64 : x64_movss_xmm_m32)(e->b, OPT_X0, opt_const128_mem(e, bits, 0));
    c.rx = OPT_X0;
  } else {
    c.rx = opt_xmm(e, x, OPT_X0);
  }
  c.ypool = ssa_is_const(e->f, y) && opt_const(e, y) != 0 && opt_loop_const_reg(e, y) < 0;
  if (c.ypool)
    c.my = opt_const128_mem(e, c.wide ? opt_const(e, y) : (uint32_t)opt_const(e, y), 0);
  c.ry = c.ypool ? OPT_X1 : opt_xmm(e, y, OPT_X1);
  return c;
}

static void compare_flags(emitter *e, const fcompare *c)
{
  if (c->ypool)
    (c->wide ? x64_ucomisd_xmm_m64 : x64_ucomiss_xmm_m32)(e->b, c->rx, c->my);
  else
    (c->wide ? x64_ucomisd_xmm_xmm : x64_ucomiss_xmm_xmm)(e->b, c->rx, c->ry);
}

/* The flags for a gt/ge/lt/le compare fused into the branch after it (opt_is_float_branch_compare):
 * one jcc, since "above" and "above or equal" are false when unordered. */
x64_cc opt_emit_float_compare_flags(emitter *e, ssa_id v)
{
  fcompare c = compare_operands(e, v);
  compare_flags(e, &c);
  return c.cond == FC_GT ? X64_CC_A : X64_CC_AE;
}

static void compare(emitter *e, ssa_id v)
{
  x64_buf *b = e->b;
  fcompare c = compare_operands(e, v);
  x64_gpr d = opt_def_gpr(e, OPT_T0);
  /* the zeroing xors come before the compare: xor writes the flags */
  x64_xor_r32_r32(b, d, d);
  if (c.cond <= FC_NE)
    x64_xor_r32_r32(b, OPT_T1, OPT_T1);
  compare_flags(e, &c);
  switch (c.cond) {
  case FC_EQ:
    x64_setcc_r8(b, X64_CC_E, d);
    x64_setcc_r8(b, X64_CC_NP, OPT_T1);
    x64_and_r32_r32(b, d, OPT_T1);
    break;
  case FC_NE:
    x64_setcc_r8(b, X64_CC_NE, d);
    x64_setcc_r8(b, X64_CC_P, OPT_T1);
    x64_or_r32_r32(b, d, OPT_T1);
    break;
  case FC_GT: x64_setcc_r8(b, X64_CC_A, d); break;
  case FC_GE: x64_setcc_r8(b, X64_CC_AE, d); break;
  }
  opt_def_done(e, d);
}

/* r = c ? a : b for floats and vectors: a branch around the move of b. */
static void select_xmm(emitter *e, ssa_id v)
{
  ssa_inst *in = &e->f->insts[v];
  const ssa_id *as = ssa_args(e->f, v);
  x64_xmm d = opt_def_xmm(e, OPT_X0);
  ra_loc lb = opt_loc_use(e, as[1]);
  x64_gpr c = opt_gpr(e, as[2], OPT_T1);
  if (lb.kind == RA_LOC_REG && lb.reg == d) {
    /* d holds b: move a in when c */
    x64_label_id skip = x64_label(e->b);
    x64_test_r32_r32(e->b, c, c);
    x64_jcc_label(e->b, X64_CC_E, skip);
    opt_load_loc(e, d, opt_loc_use(e, as[0]), in->type, as[0]);
    x64_bind(e->b, skip);
  } else {
    x64_label_id skip = x64_label(e->b);
    opt_load_loc(e, d, opt_loc_use(e, as[0]), in->type, as[0]);
    x64_test_r32_r32(e->b, c, c);
    x64_jcc_label(e->b, X64_CC_NE, skip);
    opt_load_loc(e, d, lb, in->type, as[1]);
    x64_bind(e->b, skip);
  }
  opt_def_done(e, d);
}

bool opt_emit_float(emitter *e, ssa_id v)
{
  ssa_inst *in = &e->f->insts[v];
  bool sse41 = x64_cpu_features()->sse41;
  switch (in->op) {
  case IR_F32_ADD: case IR_F64_ADD: arith(e, v, FA_ADD); return true;
  case IR_F32_SUB: case IR_F64_SUB: arith(e, v, FA_SUB); return true;
  case IR_F32_MUL: case IR_F64_MUL: arith(e, v, FA_MUL); return true;
  case IR_F32_DIV: case IR_F64_DIV: arith(e, v, FA_DIV); return true;
  case IR_F32_SQRT: case IR_F64_SQRT: sqrt_op(e, v); return true;
  case IR_F32_ABS: case IR_F64_ABS: sign_op(e, v, false); return true;
  case IR_F32_NEG: case IR_F64_NEG: sign_op(e, v, true); return true;
  case IR_F32_COPYSIGN: case IR_F64_COPYSIGN: copy_sign(e, v); return true;
  case IR_F32_CEIL: case IR_F64_CEIL: if (!sse41) return false; round_op(e, v, X64_ROUND_CEIL); return true;
  case IR_F32_FLOOR: case IR_F64_FLOOR: if (!sse41) return false; round_op(e, v, X64_ROUND_FLOOR); return true;
  case IR_F32_TRUNC: case IR_F64_TRUNC: if (!sse41) return false; round_op(e, v, X64_ROUND_TRUNC); return true;
  case IR_F32_NEAREST: case IR_F64_NEAREST: if (!sse41) return false; round_op(e, v, X64_ROUND_NEAREST); return true;
  case IR_F64_PROMOTE_F32: promote_demote(e, v, true); return true;
  case IR_F32_DEMOTE_F64: promote_demote(e, v, false); return true;
  case IR_F32_CONVERT_I32_S: case IR_F64_CONVERT_I32_S: convert_from_int(e, v, false, true); return true;
  case IR_F32_CONVERT_I32_U: case IR_F64_CONVERT_I32_U: convert_from_int(e, v, false, false); return true;
  case IR_F32_CONVERT_I64_S: case IR_F64_CONVERT_I64_S: convert_from_int(e, v, true, true); return true;
  case IR_F32_CONVERT_I64_U: case IR_F64_CONVERT_I64_U: convert_from_u64(e, v); return true;
  case IR_F32_MIN: case IR_F64_MIN: min_max(e, v, false); return true;
  case IR_F32_MAX: case IR_F64_MAX: min_max(e, v, true); return true;
  case IR_I32_TRUNC_F32_S: case IR_I32_TRUNC_F64_S: case IR_I64_TRUNC_F32_S: case IR_I64_TRUNC_F64_S:
    trunc_to_int(e, v, true, false);
    return true;
  case IR_I32_TRUNC_F32_U: case IR_I32_TRUNC_F64_U: case IR_I64_TRUNC_F32_U: case IR_I64_TRUNC_F64_U:
    trunc_to_int(e, v, false, false);
    return true;
  case IR_I32_TRUNC_SAT_F32_S: case IR_I32_TRUNC_SAT_F64_S: case IR_I64_TRUNC_SAT_F32_S: case IR_I64_TRUNC_SAT_F64_S:
    trunc_to_int(e, v, true, true);
    return true;
  case IR_I32_TRUNC_SAT_F32_U: case IR_I32_TRUNC_SAT_F64_U: case IR_I64_TRUNC_SAT_F32_U: case IR_I64_TRUNC_SAT_F64_U:
    trunc_to_int(e, v, false, true);
    return true;
  case IR_I32_REINTERPRET_F32: case IR_I64_REINTERPRET_F64: case IR_F32_REINTERPRET_I32: case IR_F64_REINTERPRET_I64:
    reinterpret(e, v);
    return true;
  case IR_F32_EQ: case IR_F32_NE: case IR_F32_LT: case IR_F32_GT: case IR_F32_LE: case IR_F32_GE:
  case IR_F64_EQ: case IR_F64_NE: case IR_F64_LT: case IR_F64_GT: case IR_F64_LE: case IR_F64_GE:
    compare(e, v);
    return true;
  case IR_SELECT:
    if (ra_class_of(in->type) != RA_XMM)
      return false;
    select_xmm(e, v);
    return true;
  default:
    return false;
  }
}

/* What these instructions ask of the allocator (isel.c): false when the op is not emitted here. */
bool opt_float_info(ssa_func *f, ssa_id v, ra_inst_info *out);
bool opt_float_info(ssa_func *f, ssa_id v, ra_inst_info *out)
{
  ssa_inst *in = &f->insts[v];
  bool sse41 = x64_cpu_features()->sse41;
  switch (in->op) {
  case IR_F32_ADD: case IR_F64_ADD: case IR_F32_SUB: case IR_F64_SUB: case IR_F32_MUL: case IR_F64_MUL:
  case IR_F32_DIV: case IR_F64_DIV:
    out->use_kind[1] = RA_USE_ANY;
    out->hint_operand = 0;
    return true;
  case IR_F32_MIN: case IR_F64_MIN: case IR_F32_MAX: case IR_F64_MAX:
    out->use_kind[0] = out->use_kind[1] = RA_USE_ANY;
    out->hint_operand = 0;
    return true;
  case IR_F32_SQRT: case IR_F64_SQRT: case IR_F32_ABS: case IR_F64_ABS: case IR_F32_NEG: case IR_F64_NEG:
  case IR_F32_COPYSIGN: case IR_F64_COPYSIGN: case IR_F64_PROMOTE_F32: case IR_F32_DEMOTE_F64:
    out->hint_operand = 0;
    return true;
  case IR_F32_CEIL: case IR_F64_CEIL: case IR_F32_FLOOR: case IR_F64_FLOOR: case IR_F32_TRUNC: case IR_F64_TRUNC:
  case IR_F32_NEAREST: case IR_F64_NEAREST:
    out->hint_operand = 0;
    return sse41;
  case IR_F32_CONVERT_I32_S: case IR_F64_CONVERT_I32_S: case IR_F32_CONVERT_I32_U: case IR_F64_CONVERT_I32_U:
  case IR_F32_CONVERT_I64_S: case IR_F64_CONVERT_I64_S: case IR_F32_CONVERT_I64_U: case IR_F64_CONVERT_I64_U:
  case IR_I32_TRUNC_F32_S: case IR_I32_TRUNC_F64_S: case IR_I64_TRUNC_F32_S: case IR_I64_TRUNC_F64_S:
  case IR_I32_TRUNC_F32_U: case IR_I32_TRUNC_F64_U: case IR_I64_TRUNC_F32_U: case IR_I64_TRUNC_F64_U:
  case IR_I32_TRUNC_SAT_F32_S: case IR_I32_TRUNC_SAT_F64_S: case IR_I64_TRUNC_SAT_F32_S: case IR_I64_TRUNC_SAT_F64_S:
  case IR_I32_TRUNC_SAT_F32_U: case IR_I32_TRUNC_SAT_F64_U: case IR_I64_TRUNC_SAT_F32_U: case IR_I64_TRUNC_SAT_F64_U:
  case IR_I32_REINTERPRET_F32: case IR_I64_REINTERPRET_F64: case IR_F32_REINTERPRET_I32: case IR_F64_REINTERPRET_I64:
  case IR_F32_EQ: case IR_F32_NE: case IR_F32_LT: case IR_F32_GT: case IR_F32_LE: case IR_F32_GE:
  case IR_F64_EQ: case IR_F64_NE: case IR_F64_LT: case IR_F64_GT: case IR_F64_LE: case IR_F64_GE:
    return true;
  case IR_SELECT:
    if (ra_class_of(in->type) != RA_XMM)
      return false;
    out->use_kind[0] = out->use_kind[1] = RA_USE_ANY;
    out->hint_operand = 1;
    return true;
  default:
    return false;
  }
}
