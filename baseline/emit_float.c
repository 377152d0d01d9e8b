/* emit_float.c: the baseline compiler's f32/f64 ops: arithmetic, min/max, signs, rounding, compares, conversions.
 *
 * A float lives in the low 32 or 64 bits of an xmm register; the rest of the register is
 * don't-care.  Every op gives what core/numeric.h gives in the interpreter, bit for bit, NaN
 * payloads included.  With two NaN operands x86 returns the destination's, the first operand:
 * numeric.h's rule too (see arith); abs/neg/copysign are sign-bit masks from
 * the function's constant pool; min/max, the truncations and u64 conversions wrap the SSE forms
 * where x86 and wasm disagree (NaN, -0, out-of-range values).  A source in the frame or a
 * constant becomes a memory operand where SSE has the form.  A compare whose result only feeds
 * the next br_if/br_unless jumps on the flags of ucomiss/ucomisd.
 *
 * Every register an op needs is taken (vs_use/vs_temp/vs_def) before its first conditional
 * jump: an allocation can spill, and a spill on one path only would leave the value state wrong
 * on the other.  Only ceil/floor/trunc/nearest without SSE4.1 are left to C (roundss/roundsd).
 */
#include "baseline/compile.h"

#include "core/numeric.h"
#include "core/trap.h"
#include "wasmlab.h"
#include "x64/floatseq.h"

#define SIGN32 0x8000000080000000ull /* sign masks, repeated over the pool entry's lanes */
#define SIGN64 0x8000000000000000ull

/* May the instruction overwrite a's register with its result?  (emit_int.c's `reusable`.) */
static bool may_overwrite(bl_comp *c, uint32_t a, uint32_t r)
{
  if (IR_IS_CONST(a) || c->v.slots[a].pinned)
    return false;
  return a == r || bl_dies(c, a, r);
}

/* An op whose result lives in the other register class than source x: when x is the result's
 * own slot its cached copy is dropped first (the register stays locked and readable), so the
 * slot is never recorded in both classes at once. */
static void release_if_result(bl_comp *c, uint32_t x, uint32_t r)
{
  if (!IR_IS_CONST(x) && x == r)
    vs_kill(&c->v, x);
}

static void xmov(x64_buf *b, unsigned d, unsigned s)
{
  if (d != s)
    x64_movaps_xmm_xmm(b, (x64_xmm)d, (x64_xmm)s); /* the whole register: no merge with d's old value */
}

/* A 16-byte pool constant as a memory operand, based on general register t (its address). */
static x64_mem pool_mem_at(bl_comp *c, x64_gpr t, uint64_t lo, uint64_t hi)
{
  x64_lea_r64_label(c->b, t, bl_const128(c, lo, hi));
  return x64_mem_bd(t, 0);
}

/* The same through a new scratch register (not on a conditional path: it may spill). */
static x64_mem pool_mem(bl_comp *c, uint64_t lo, uint64_t hi)
{
  return pool_mem_at(c, (x64_gpr)vs_temp(&c->v, VS_GPR), lo, hi);
}


/* Is operand x (a constant) a NaN of type t? */
static bool is_nan_const(bl_comp *c, uint32_t x, uint8_t t)
{
  uint64_t v = vs_const_value(&c->v, x);
  return t == WLAB_F64 ? (v & ~SIGN64) > 0x7ff0000000000000ull : (v & 0x7fffffffu) > 0x7f800000u;
}

/* ---- operands ------------------------------------------------------------------------------- */

/* Where a float operand is: a register, or a memory operand (its frame slot, or a pool copy of
 * a constant), without loading it. */
typedef struct fsrc {
  bool in_reg;
  unsigned reg;
  x64_mem m;
} fsrc;

static fsrc float_source(bl_comp *c, uint32_t x, uint8_t t)
{
  fsrc s = {false, 0, {0}};
  vs_opnd o = vs_peek(&c->v, x);
  if (o.kind == VS_REG && c->v.slots[x].cls == VS_XMM) {
    s.in_reg = true;
    s.reg = o.reg;
  } else if (o.kind == VS_MEM) {
    s.m = x64_mem_bd(VS_FP, o.disp);
  } else if (o.kind == VS_CONST) {
    s.m = pool_mem(c, t == WLAB_F64 ? o.imm : (uint32_t)o.imm, 0);
  } else { /* cached in a general register (a stack slot reused by another type): vs_use moves it */
    s.in_reg = true;
    s.reg = vs_use(&c->v, x, VS_XMM, t);
  }
  return s;
}

/* The operand that goes into the result register first (a two-operand op's destination): in a
 * register, or left where it is for load_first.  A frame value is loaded straight into the
 * result register rather than cached in one of its own: the op consumes it. */
typedef struct fdst {
  bool in_reg;
  unsigned reg;
  uint32_t x;
  vs_opnd o;
} fdst;

static fdst first_source(bl_comp *c, uint32_t x, uint8_t t)
{
  fdst s = {true, 0, x, {0}};
  s.o = vs_peek(&c->v, x);
  if (s.o.kind == VS_REG && c->v.slots[x].cls == VS_XMM)
    s.reg = s.o.reg;
  else if (s.o.kind == VS_MEM || s.o.kind == VS_CONST)
    s.in_reg = false;
  else
    s.reg = vs_use(&c->v, x, VS_XMM, t);
  return s;
}

/* xmm d := operand x. */
static void load_first(bl_comp *c, unsigned d, const fdst *x, uint8_t t)
{
  if (x->in_reg)
    xmov(c->b, d, x->reg);
  else if (x->o.kind == VS_MEM)
    (t == WLAB_F64 ? x64_movsd_xmm_m64 : x64_movss_xmm_m32)(c->b, (x64_xmm)d, x64_mem_bd(VS_FP, x->o.disp));
  else
    vs_load_imm(&c->v, VS_XMM, d, x->o.imm, t, x->x);
}

/* The result register of an op computed in place, d := x op y, y in register y_reg or not
 * (y_slot its operand).  When y is the result's own slot (`f64.mul s1, s1, s0` after the swap
 * in arith), r gets a new register so that y survives; only a pinned r must keep its register,
 * and then the op runs in a scratch one (*work) copied to d at the end. */
static unsigned def_in_place(bl_comp *c, const ir_inst *in, uint8_t t, const fdst *x, uint32_t y_slot,
                             bool y_in_reg, unsigned y_reg, unsigned *work)
{
  bool same = x->in_reg && y_in_reg && x->reg == y_reg; /* x op x */
  int reuse = x->in_reg && may_overwrite(c, x->x, in->r) ? (int)x->reg : -1;
  if (y_in_reg && !same && y_slot == in->r && reuse < 0 && !c->v.slots[in->r].pinned)
    reuse = (int)vs_temp(&c->v, VS_XMM);
  unsigned d = vs_def(&c->v, in->r, VS_XMM, t, reuse);
  *work = y_in_reg && !same && y_reg == d ? vs_temp(&c->v, VS_XMM) : d;
  return d;
}

/* ---- add, sub, mul, div ----------------------------------------------------------------------- */

enum farith { FA_ADD, FA_SUB, FA_MUL, FA_DIV };

static void arith_rr(x64_buf *b, enum farith k, bool w, x64_xmm d, x64_xmm s)
{
  switch (k) {
  case FA_ADD: (w ? x64_addsd_xmm_xmm : x64_addss_xmm_xmm)(b, d, s); break;
  case FA_SUB: (w ? x64_subsd_xmm_xmm : x64_subss_xmm_xmm)(b, d, s); break;
  case FA_MUL: (w ? x64_mulsd_xmm_xmm : x64_mulss_xmm_xmm)(b, d, s); break;
  case FA_DIV: (w ? x64_divsd_xmm_xmm : x64_divss_xmm_xmm)(b, d, s); break;
  }
}

static void arith_rm(x64_buf *b, enum farith k, bool w, x64_xmm d, x64_mem m)
{
  switch (k) {
  case FA_ADD: (w ? x64_addsd_xmm_m64 : x64_addss_xmm_m32)(b, d, m); break;
  case FA_SUB: (w ? x64_subsd_xmm_m64 : x64_subss_xmm_m32)(b, d, m); break;
  case FA_MUL: (w ? x64_mulsd_xmm_m64 : x64_mulss_xmm_m32)(b, d, m); break;
  case FA_DIV: (w ? x64_divsd_xmm_m64 : x64_divss_xmm_m32)(b, d, m); break;
  }
}

static void arith_src(x64_buf *b, enum farith k, bool w, x64_xmm d, const fsrc *s)
{
  if (s->in_reg)
    arith_rr(b, k, w, d, (x64_xmm)s->reg);
  else
    arith_rm(b, k, w, d, s->m);
}

/* r := a op b.  With two NaN operands x86 returns the destination's (quieted), which is the
 * rule core/numeric.h writes out for every tier: the first NaN operand wins, so a is the
 * destination (tests/baseline/float_edges.wat pins this down).  A commutative op may still put
 * a constant that is not a NaN second (a pool memory operand, no register to load it into):
 * then only b can be the NaN, and it wins either way. */
static void arith(bl_comp *c, const ir_inst *in, enum farith k)
{
  uint8_t t = bl_param_type(in, 0);
  bool w = t == WLAB_F64, comm = k == FA_ADD || k == FA_MUL;
  uint32_t x = in->a, y = in->b;
  if (comm && vs_is_const(&c->v, x) && !vs_is_const(&c->v, y) && !is_nan_const(c, x, t)) {
    x = in->b;
    y = in->a;
  }
  fdst fx = first_source(c, x, t);
  fsrc sy = float_source(c, y, t);
  unsigned wr, d = def_in_place(c, in, t, &fx, y, sy.in_reg, sy.reg, &wr);
  load_first(c, wr, &fx, t);
  arith_src(c->b, k, w, (x64_xmm)wr, &sy);
  xmov(c->b, d, wr);
}

/* ---- min, max -------------------------------------------------------------------------------- */

/* wasm min/max (numeric.h; the sequence is x64/floatseq.c's).  Symmetric but for the NaN
 * payload, so a is the destination, as for add (see arith). */
static void min_max(bl_comp *c, const ir_inst *in, bool is_max)
{
  x64_buf *b = c->b;
  uint8_t t = bl_param_type(in, 0);
  bool w = t == WLAB_F64;
  fdst fx = first_source(c, in->a, t);
  unsigned ra = vs_use(&c->v, in->b, VS_XMM, t); /* orps/andps have no scalar memory form */
  unsigned wr, d = def_in_place(c, in, t, &fx, in->b, true, ra, &wr);
  x64_xmm W = (x64_xmm)wr, A = (x64_xmm)ra;
  load_first(c, wr, &fx, t);
  x64_float_min_max(b, w, is_max, W, A);
  xmov(b, d, wr);
}

/* ---- abs, neg, copysign ------------------------------------------------------------------------- */

static void sign_op(bl_comp *c, const ir_inst *in, bool neg)
{
  uint8_t t = bl_param_type(in, 0);
  uint64_t sign = t == WLAB_F64 ? SIGN64 : SIGN32;
  fdst a = first_source(c, in->a, t);
  x64_mem m = pool_mem(c, neg ? sign : ~sign, neg ? sign : ~sign);
  unsigned d = vs_def(&c->v, in->r, VS_XMM, t, a.in_reg && may_overwrite(c, in->a, in->r) ? (int)a.reg : -1);
  load_first(c, d, &a, t);
  (neg ? x64_xorps_xmm_m128 : x64_andps_xmm_m128)(c->b, (x64_xmm)d, m);
}

static void copy_sign(bl_comp *c, const ir_inst *in)
{
  x64_buf *b = c->b;
  uint8_t t = bl_param_type(in, 0);
  uint64_t sign = t == WLAB_F64 ? SIGN64 : SIGN32;
  fdst a = first_source(c, in->a, t);
  if (vs_is_const(&c->v, in->b)) { /* a known sign: clear the bit or set it */
    uint64_t bv = vs_const_value(&c->v, in->b);
    bool negative = t == WLAB_F64 ? bv >> 63 : bv >> 31 & 1;
    x64_mem m = pool_mem(c, negative ? sign : ~sign, negative ? sign : ~sign);
    unsigned d = vs_def(&c->v, in->r, VS_XMM, t, a.in_reg && may_overwrite(c, in->a, in->r) ? (int)a.reg : -1);
    load_first(c, d, &a, t);
    (negative ? x64_orps_xmm_m128 : x64_andps_xmm_m128)(b, (x64_xmm)d, m);
    return;
  }
  /* d = a ^ ((a ^ b) & sign): b's sign bit, every other bit a's */
  fsrc sb = float_source(c, in->b, t);
  x64_mem m = pool_mem(c, sign, sign);
  unsigned x = vs_temp(&c->v, VS_XMM);
  unsigned d = vs_def(&c->v, in->r, VS_XMM, t, a.in_reg && may_overwrite(c, in->a, in->r) ? (int)a.reg : -1);
  if (sb.in_reg) /* first: d may be b's register */
    xmov(b, x, sb.reg);
  else
    (t == WLAB_F64 ? x64_movsd_xmm_m64 : x64_movss_xmm_m32)(b, (x64_xmm)x, sb.m);
  load_first(c, d, &a, t);
  x64_xorps_xmm_xmm(b, (x64_xmm)x, (x64_xmm)d);
  x64_andps_xmm_m128(b, (x64_xmm)x, m);
  x64_xorps_xmm_xmm(b, (x64_xmm)d, (x64_xmm)x);
}

/* ---- sqrt, rounding, promote, demote ---------------------------------------------------------------- */

enum funary { FU_SQRT, FU_ROUND, FU_PROMOTE, FU_DEMOTE };

/* r := op(a) for the ops that only have a register source.  The op runs on d itself after a full
 * copy of a (or a load), so d's old contents (merged into the upper lanes otherwise) are no
 * dependency. */
static void unary(bl_comp *c, const ir_inst *in, enum funary k, x64_round mode)
{
  x64_buf *b = c->b;
  uint8_t ta = bl_param_type(in, 0), tr = bl_result_type(in);
  fdst a = first_source(c, in->a, ta);
  unsigned d = vs_def(&c->v, in->r, VS_XMM, tr, a.in_reg && may_overwrite(c, in->a, in->r) ? (int)a.reg : -1);
  x64_xmm D = (x64_xmm)d;
  load_first(c, d, &a, ta);
  switch (k) {
  case FU_SQRT: (ta == WLAB_F64 ? x64_sqrtsd_xmm_xmm : x64_sqrtss_xmm_xmm)(b, D, D); break;
  case FU_ROUND: (ta == WLAB_F64 ? x64_roundsd_xmm_xmm : x64_roundss_xmm_xmm)(b, D, D, mode); break;
  case FU_PROMOTE: x64_cvtss2sd_xmm_xmm(b, D, D); break; /* quiets a NaN, as C's (double) does */
  case FU_DEMOTE: x64_cvtsd2ss_xmm_xmm(b, D, D); break;
  }
}

/* ---- compares ------------------------------------------------------------------------------------- */

/* What ucomis(x, y) must show.  lt and le swap their operands into gt and ge: "above" is false
 * for unordered operands (CF=1), "below" would not be. */
enum fcond { FC_EQ, FC_NE, FC_GT, FC_GE };

/* Emits the jump of br (a br_if or br_unless) to its target when cc holds: bl_branch_on negates
 * its condition for br_unless, so it gets cc pre-negated. */
static void jump_if(bl_comp *c, const ir_inst *br, x64_cc cc)
{
  bl_branch_on(c, br, br->op == IR_BR_IF ? cc : x64_cc_not(cc));
}

/* The branch fused with a compare: br_if jumps when the compare holds, br_unless when it does not. */
static void branch_on_cond(bl_comp *c, const ir_inst *br, enum fcond cond)
{
  bool on_true = br->op == IR_BR_IF;
  if (cond == FC_GT || cond == FC_GE) {
    x64_cc cc = cond == FC_GT ? X64_CC_A : X64_CC_AE;
    jump_if(c, br, on_true ? cc : x64_cc_not(cc));
  } else if ((cond == FC_EQ) == on_true) { /* jump when equal and ordered: ZF=1, PF=0 */
    x64_label_id skip = x64_label(c->b);
    x64_jcc_label(c->b, X64_CC_P, skip);
    jump_if(c, br, X64_CC_E);
    x64_bind(c->b, skip);
  } else { /* jump when different or unordered: ZF=0 or PF=1 */
    jump_if(c, br, X64_CC_P);
    uint32_t at = c->pc_of[c->cur + 1];
    jump_if(c, br, X64_CC_NE);
    c->pc_of[c->cur + 1] = at; /* the branch's code starts at its first jump */
  }
}

static void compare(bl_comp *c, const ir_inst *in)
{
  x64_buf *b = c->b;
  uint8_t t = bl_param_type(in, 0);
  bool w = t == WLAB_F64;
  uint32_t x = in->a, y = in->b;
  enum fcond cond;
  switch ((ir_op)in->op) {
  case IR_F32_EQ: case IR_F64_EQ: cond = FC_EQ; break;
  case IR_F32_NE: case IR_F64_NE: cond = FC_NE; break;
  case IR_F32_GT: case IR_F64_GT: cond = FC_GT; break;
  case IR_F32_GE: case IR_F64_GE: cond = FC_GE; break;
  case IR_F32_LT: case IR_F64_LT: cond = FC_GT; x = in->b; y = in->a; break;
  default: cond = FC_GE; x = in->b; y = in->a; break; /* le */
  }
  /* eq and ne are symmetric: keep a register operand first, the one that needs no load */
  if (cond <= FC_NE && vs_peek(&c->v, x).kind != VS_REG && vs_peek(&c->v, y).kind == VS_REG) {
    uint32_t s = x;
    x = y;
    y = s;
  }
  const ir_inst *br = bl_fusable_branch(c, in);
  unsigned rx = vs_use(&c->v, x, VS_XMM, t);
  fsrc sy = float_source(c, y, t);
  if (br) {
    /* the branch consumes the result, which is never written: a stack operand in r's slot
     * dies here too, so the flush does not store it */
    const uint32_t src[2] = {in->a, in->b};
    for (int k = 0; k < 2; k++)
      if (bl_dies(c, src[k], UINT32_MAX))
        vs_kill(&c->v, src[k]);
    vs_flush(&c->v);
    if (sy.in_reg)
      (w ? x64_ucomisd_xmm_xmm : x64_ucomiss_xmm_xmm)(b, (x64_xmm)rx, (x64_xmm)sy.reg);
    else
      (w ? x64_ucomisd_xmm_m64 : x64_ucomiss_xmm_m32)(b, (x64_xmm)rx, sy.m);
    branch_on_cond(c, br, cond);
    return;
  }
  release_if_result(c, in->a, in->r);
  release_if_result(c, in->b, in->r);
  unsigned d = vs_def(&c->v, in->r, VS_GPR, WLAB_I32, -1);
  unsigned p = cond <= FC_NE ? vs_temp(&c->v, VS_GPR) : d;
  x64_xor_r32_r32(b, (x64_gpr)d, (x64_gpr)d); /* before the compare: xor writes the flags */
  if (p != d)
    x64_xor_r32_r32(b, (x64_gpr)p, (x64_gpr)p);
  if (sy.in_reg)
    (w ? x64_ucomisd_xmm_xmm : x64_ucomiss_xmm_xmm)(b, (x64_xmm)rx, (x64_xmm)sy.reg);
  else
    (w ? x64_ucomisd_xmm_m64 : x64_ucomiss_xmm_m32)(b, (x64_xmm)rx, sy.m);
  switch (cond) {
  case FC_EQ: /* equal and ordered */
    x64_setcc_r8(b, X64_CC_E, (x64_gpr)d);
    x64_setcc_r8(b, X64_CC_NP, (x64_gpr)p);
    x64_and_r32_r32(b, (x64_gpr)d, (x64_gpr)p);
    break;
  case FC_NE: /* different or unordered */
    x64_setcc_r8(b, X64_CC_NE, (x64_gpr)d);
    x64_setcc_r8(b, X64_CC_P, (x64_gpr)p);
    x64_or_r32_r32(b, (x64_gpr)d, (x64_gpr)p);
    break;
  case FC_GT: x64_setcc_r8(b, X64_CC_A, (x64_gpr)d); break;
  case FC_GE: x64_setcc_r8(b, X64_CC_AE, (x64_gpr)d); break;
  }
}

/* ---- float to integer ---------------------------------------------------------------------------- */

static x64_label_id pool_label(void *c, uint64_t lo, uint64_t hi) { return bl_const128(c, lo, hi); }

/* i32/i64.trunc_f32/f64_s/u and their _sat forms: x64/floatseq.c's sequence, in a result
 * register, a general scratch and, for unsigned 64-bit results, an xmm scratch. */
static void trunc_to_int(bl_comp *c, const ir_inst *in, bool is_signed, bool sat)
{
  uint8_t ta = bl_param_type(in, 0), tr = bl_result_type(in);
  x64_trunc t = {.from64 = ta == WLAB_F64, .to64 = tr == WLAB_I64, .is_signed = is_signed, .sat = sat,
                 .const128 = pool_label, .jit = c};
  t.a = (x64_xmm)vs_use(&c->v, in->a, VS_XMM, ta);
  t.t = (x64_gpr)vs_temp(&c->v, VS_GPR);
  t.x = !is_signed && t.to64 ? (x64_xmm)vs_temp(&c->v, VS_XMM) : X64_XMM0;
  release_if_result(c, in->a, in->r);
  t.d = (x64_gpr)vs_def(&c->v, in->r, VS_GPR, tr, -1);
  if (!sat) {
    t.invalid = bl_trap_label(c, TRAP_BAD_CONVERSION);
    t.overflow = bl_trap_label(c, TRAP_INT_OVERFLOW);
  }
  x64_float_trunc(c->b, &t);
}

/* ---- integer to float, reinterpretation ------------------------------------------------------- */

static void cvtsi(x64_buf *b, bool w, bool from64, x64_xmm d, x64_gpr s)
{
  if (w)
    (from64 ? x64_cvtsi2sd_xmm_r64 : x64_cvtsi2sd_xmm_r32)(b, d, s);
  else
    (from64 ? x64_cvtsi2ss_xmm_r64 : x64_cvtsi2ss_xmm_r32)(b, d, s);
}

/* f32/f64.convert_i32/i64_s/u, rounding as C's casts do (the same instructions a C compiler
 * emits for them, so the interpreter and this code agree on every input). */
static void convert_from_int(bl_comp *c, const ir_inst *in, bool is_signed)
{
  x64_buf *b = c->b;
  uint8_t ta = bl_param_type(in, 0), tr = bl_result_type(in);
  bool from64 = ta == WLAB_I64, w = tr == WLAB_F64;
  unsigned ra = vs_use(&c->v, in->a, VS_GPR, ta);
  bool u64 = !is_signed && from64;
  unsigned t1 = u64 ? vs_temp(&c->v, VS_GPR) : 0, t2 = u64 ? vs_temp(&c->v, VS_GPR) : 0;
  release_if_result(c, in->a, in->r);
  unsigned d = vs_def(&c->v, in->r, VS_XMM, tr, -1);
  x64_xmm D = (x64_xmm)d;
  x64_gpr A = (x64_gpr)ra, T1 = (x64_gpr)t1, T2 = (x64_gpr)t2;
  x64_xorps_xmm_xmm(b, D, D); /* cvtsi2s* writes the low lane only: no dependency on d's old value */
  if (!u64) {
    /* u32: an i32 register's upper half is zero, so the 64-bit form converts it as unsigned */
    cvtsi(b, w, from64 || !is_signed, D, A);
    return;
  }
  /* u64 with the top bit set: halve it keeping the lost bit sticky (round to odd), convert,
   * double; one rounding in all, so the result is the correctly rounded one */
  x64_label_id big = x64_label(b), done = x64_label(b);
  x64_test_r64_r64(b, A, A);
  x64_jcc_label(b, X64_CC_S, big);
  cvtsi(b, w, true, D, A);
  x64_jmp_label(b, done);
  x64_bind(b, big);
  x64_mov_r64_r64(b, T1, A);
  x64_shr_r64_imm8(b, T1, 1);
  x64_mov_r32_r32(b, T2, A);
  x64_and_r32_imm32(b, T2, 1);
  x64_or_r64_r64(b, T1, T2);
  cvtsi(b, w, true, D, T1);
  (w ? x64_addsd_xmm_xmm : x64_addss_xmm_xmm)(b, D, D);
  x64_bind(b, done);
}

/* i32/i64.reinterpret_f32/f64 and back: the bits move between register classes unchanged. */
static void reinterpret(bl_comp *c, const ir_inst *in)
{
  x64_buf *b = c->b;
  uint8_t ta = bl_param_type(in, 0), tr = bl_result_type(in);
  bool to_int = vs_class_of(tr) == VS_GPR, wide = tr == WLAB_I64 || tr == WLAB_F64;
  vs_cls from = to_int ? VS_XMM : VS_GPR, to = to_int ? VS_GPR : VS_XMM;
  vs_opnd o = vs_peek(&c->v, in->a);
  if (o.kind == VS_CONST) { /* the same bits: the same constant */
    vs_def_const(&c->v, in->r, IR_IS_CONST(in->a) ? in->a : c->v.slots[in->a].k, tr);
    return;
  }
  if (o.kind == VS_MEM) { /* load the frame's bits straight into the result's class */
    x64_mem m = x64_mem_bd(VS_FP, o.disp);
    unsigned d = vs_def(&c->v, in->r, to, tr, -1);
    if (to_int)
      (wide ? x64_mov_r64_m64 : x64_mov_r32_m32)(b, (x64_gpr)d, m);
    else
      (wide ? x64_movsd_xmm_m64 : x64_movss_xmm_m32)(b, (x64_xmm)d, m);
    return;
  }
  unsigned ra = vs_use(&c->v, in->a, from, ta);
  release_if_result(c, in->a, in->r);
  unsigned d = vs_def(&c->v, in->r, to, tr, -1);
  if (to_int)
    (wide ? x64_movq_r64_xmm : x64_movd_r32_xmm)(b, (x64_gpr)d, (x64_xmm)ra); /* movd zeroes the upper half */
  else
    (wide ? x64_movq_xmm_r64 : x64_movd_xmm_r32)(b, (x64_xmm)d, (x64_gpr)ra);
}

/* ---- the op table ----------------------------------------------------------------------------------- */

static bool round_op(bl_comp *c, const ir_inst *in, x64_round mode)
{
  /* roundss/roundsd are SSE4.1; a CPU without it (none made since 2011 that runs x86-64 servers)
   * gets the C helper rather than a long emulation here */
  if (!x64_cpu_features()->sse41)
    return false;
  unary(c, in, FU_ROUND, mode);
  return true;
}

bool bl_emit_float(bl_comp *c, const ir_inst *in)
{
  switch ((ir_op)in->op) {
  case IR_F32_ADD: case IR_F64_ADD: arith(c, in, FA_ADD); return true;
  case IR_F32_SUB: case IR_F64_SUB: arith(c, in, FA_SUB); return true;
  case IR_F32_MUL: case IR_F64_MUL: arith(c, in, FA_MUL); return true;
  case IR_F32_DIV: case IR_F64_DIV: arith(c, in, FA_DIV); return true;
  case IR_F32_MIN: case IR_F64_MIN: min_max(c, in, false); return true;
  case IR_F32_MAX: case IR_F64_MAX: min_max(c, in, true); return true;
  case IR_F32_ABS: case IR_F64_ABS: sign_op(c, in, false); return true;
  case IR_F32_NEG: case IR_F64_NEG: sign_op(c, in, true); return true;
  case IR_F32_COPYSIGN: case IR_F64_COPYSIGN: copy_sign(c, in); return true;
  case IR_F32_SQRT: case IR_F64_SQRT: unary(c, in, FU_SQRT, 0); return true;
  case IR_F32_CEIL: case IR_F64_CEIL: return round_op(c, in, X64_ROUND_CEIL);
  case IR_F32_FLOOR: case IR_F64_FLOOR: return round_op(c, in, X64_ROUND_FLOOR);
  case IR_F32_TRUNC: case IR_F64_TRUNC: return round_op(c, in, X64_ROUND_TRUNC);
  case IR_F32_NEAREST: case IR_F64_NEAREST: return round_op(c, in, X64_ROUND_NEAREST);
  case IR_F64_PROMOTE_F32: unary(c, in, FU_PROMOTE, 0); return true;
  case IR_F32_DEMOTE_F64: unary(c, in, FU_DEMOTE, 0); return true;
  case IR_F32_EQ: case IR_F32_NE: case IR_F32_LT: case IR_F32_GT: case IR_F32_LE: case IR_F32_GE:
  case IR_F64_EQ: case IR_F64_NE: case IR_F64_LT: case IR_F64_GT: case IR_F64_LE: case IR_F64_GE:
    compare(c, in);
    return true;
  case IR_I32_TRUNC_F32_S: case IR_I32_TRUNC_F64_S: case IR_I64_TRUNC_F32_S: case IR_I64_TRUNC_F64_S:
    trunc_to_int(c, in, true, false);
    return true;
  case IR_I32_TRUNC_F32_U: case IR_I32_TRUNC_F64_U: case IR_I64_TRUNC_F32_U: case IR_I64_TRUNC_F64_U:
    trunc_to_int(c, in, false, false);
    return true;
  case IR_I32_TRUNC_SAT_F32_S: case IR_I32_TRUNC_SAT_F64_S: case IR_I64_TRUNC_SAT_F32_S:
  case IR_I64_TRUNC_SAT_F64_S:
    trunc_to_int(c, in, true, true);
    return true;
  case IR_I32_TRUNC_SAT_F32_U: case IR_I32_TRUNC_SAT_F64_U: case IR_I64_TRUNC_SAT_F32_U:
  case IR_I64_TRUNC_SAT_F64_U:
    trunc_to_int(c, in, false, true);
    return true;
  case IR_F32_CONVERT_I32_S: case IR_F32_CONVERT_I64_S: case IR_F64_CONVERT_I32_S: case IR_F64_CONVERT_I64_S:
    convert_from_int(c, in, true);
    return true;
  case IR_F32_CONVERT_I32_U: case IR_F32_CONVERT_I64_U: case IR_F64_CONVERT_I32_U: case IR_F64_CONVERT_I64_U:
    convert_from_int(c, in, false);
    return true;
  case IR_I32_REINTERPRET_F32: case IR_I64_REINTERPRET_F64: case IR_F32_REINTERPRET_I32:
  case IR_F64_REINTERPRET_I64:
    reinterpret(c, in);
    return true;
  default:
    return false;
  }
}
