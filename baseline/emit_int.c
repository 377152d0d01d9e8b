/* emit_int.c: the baseline compiler's integer ops: arithmetic, shifts, division, compares, widths.
 *
 * i32 values live in the low half of a general register with the upper half zero (every
 * 32-bit x86 op leaves it so), which is what an i32 address operand needs.  Constant operands
 * become immediates where x86 has the form; a source in the frame is used as a memory operand
 * rather than loaded first.  A compare whose result only feeds the next br_if jumps on the
 * flags instead of materialising 0 or 1.
 */
#include "baseline/compile.h"

#include "core/instance.h"
#include "wasmlab.h"

enum alu { A_ADD, A_SUB, A_AND, A_OR, A_XOR, A_MUL };

static bool fits32(uint64_t v, bool wide) { return !wide || v == (uint64_t)(int64_t)(int32_t)v; }

/* Each alu kind's x86 forms, [kind][wide]: one indirect call where a switch would add a jump
 * (these are the commonest ops a function has). */
typedef void (*alu_rr_fn)(x64_buf *, x64_gpr, x64_gpr);
typedef void (*alu_rm_fn)(x64_buf *, x64_gpr, x64_mem);
typedef void (*alu_ri_fn)(x64_buf *, x64_gpr, int32_t);
static void imul32_ri(x64_buf *b, x64_gpr d, int32_t imm) { x64_imul_r32_r32_imm32(b, d, d, imm); }
static void imul64_ri(x64_buf *b, x64_gpr d, int32_t imm) { x64_imul_r64_r64_imm32(b, d, d, imm); }
static const alu_rr_fn alu_rr_form[][2] = {
  [A_ADD] = {x64_add_r32_r32, x64_add_r64_r64}, [A_SUB] = {x64_sub_r32_r32, x64_sub_r64_r64},
  [A_AND] = {x64_and_r32_r32, x64_and_r64_r64}, [A_OR] = {x64_or_r32_r32, x64_or_r64_r64},
  [A_XOR] = {x64_xor_r32_r32, x64_xor_r64_r64}, [A_MUL] = {x64_imul_r32_r32, x64_imul_r64_r64},
};
static const alu_rm_fn alu_rm_form[][2] = {
  [A_ADD] = {x64_add_r32_m32, x64_add_r64_m64}, [A_SUB] = {x64_sub_r32_m32, x64_sub_r64_m64},
  [A_AND] = {x64_and_r32_m32, x64_and_r64_m64}, [A_OR] = {x64_or_r32_m32, x64_or_r64_m64},
  [A_XOR] = {x64_xor_r32_m32, x64_xor_r64_m64}, [A_MUL] = {x64_imul_r32_m32, x64_imul_r64_m64},
};
static const alu_ri_fn alu_ri_form[][2] = {
  [A_ADD] = {x64_add_r32_imm32, x64_add_r64_imm32}, [A_SUB] = {x64_sub_r32_imm32, x64_sub_r64_imm32},
  [A_AND] = {x64_and_r32_imm32, x64_and_r64_imm32}, [A_OR] = {x64_or_r32_imm32, x64_or_r64_imm32},
  [A_XOR] = {x64_xor_r32_imm32, x64_xor_r64_imm32}, [A_MUL] = {imul32_ri, imul64_ri},
};
static void alu_rr(x64_buf *b, enum alu k, bool w, x64_gpr d, x64_gpr s) { alu_rr_form[k][w](b, d, s); }
static void alu_rm(x64_buf *b, enum alu k, bool w, x64_gpr d, x64_mem m) { alu_rm_form[k][w](b, d, m); }
static void alu_ri(x64_buf *b, enum alu k, bool w, x64_gpr d, int32_t imm) { alu_ri_form[k][w](b, d, imm); }

static void mov_rr(x64_buf *b, bool w, x64_gpr d, x64_gpr s)
{
  if (d != s)
    (w ? x64_mov_r64_r64 : x64_mov_r32_r32)(b, d, s);
}

/* May the instruction overwrite a's register with its result? */
static bool reusable(bl_comp *c, uint32_t a, uint32_t r)
{
  if (IR_IS_CONST(a) || c->v.slots[a].pinned)
    return false;
  return a == r || bl_dies(c, a, r);
}

/* Operand b as a memory operand, register or immediate (loaded when it does not fit). */
static vs_opnd operand_b(bl_comp *c, uint32_t b, bool wide, uint8_t t)
{
  vs_opnd o = vs_peek(&c->v, b);
  if (o.kind == VS_CONST && !fits32(o.imm, wide)) {
    o.kind = VS_REG;
    o.reg = (uint8_t)vs_use(&c->v, b, VS_GPR, t);
  }
  return o;
}

static void binop(bl_comp *c, const ir_inst *in, enum alu k, bool w)
{
  x64_buf *b = c->b;
  uint8_t t = w ? WLAB_I64 : WLAB_I32;
  bool comm = k != A_SUB;
  uint32_t a = in->a, bb = in->b, r = in->r;
  if (comm && vs_is_const(&c->v, a) && !vs_is_const(&c->v, bb)) {
    uint32_t x = a;
    a = bb;
    bb = x;
  }
  unsigned ra = vs_use(&c->v, a, VS_GPR, t);
  vs_opnd ob = operand_b(c, bb, w, t);
  /* x * k: the three-operand imul needs no copy of a */
  if (k == A_MUL && ob.kind == VS_CONST) {
    unsigned d = vs_def(&c->v, r, VS_GPR, t, reusable(c, a, r) ? (int)ra : -1);
    (w ? x64_imul_r64_r64_imm32 : x64_imul_r32_r32_imm32)(b, (x64_gpr)d, (x64_gpr)ra, (int32_t)ob.imm);
    return;
  }
  unsigned d = vs_def(&c->v, r, VS_GPR, t, reusable(c, a, r) ? (int)ra : -1);
  if (d != ra && ob.kind == VS_REG && ob.reg == d) {
    if (comm) {
      alu_rr(b, k, w, (x64_gpr)d, (x64_gpr)ra);
      return;
    }
    unsigned tmp = vs_temp(&c->v, VS_GPR); /* d = a - d */
    mov_rr(b, w, (x64_gpr)tmp, (x64_gpr)ra);
    alu_rr(b, k, w, (x64_gpr)tmp, (x64_gpr)d);
    mov_rr(b, w, (x64_gpr)d, (x64_gpr)tmp);
    return;
  }
  mov_rr(b, w, (x64_gpr)d, (x64_gpr)ra);
  if (ob.kind == VS_REG)
    alu_rr(b, k, w, (x64_gpr)d, (x64_gpr)ob.reg);
  else if (ob.kind == VS_CONST)
    alu_ri(b, k, w, (x64_gpr)d, (int32_t)ob.imm);
  else
    alu_rm(b, k, w, (x64_gpr)d, x64_mem_bd(VS_FP, ob.disp));
}

/* ---- shifts and rotates ------------------------------------------------------------------------- */

enum shift { S_SHL, S_SHR_S, S_SHR_U, S_ROTL, S_ROTR };

static void shift_imm(x64_buf *b, enum shift k, bool w, x64_gpr d, uint8_t n)
{
  switch (k) {
  case S_SHL: (w ? x64_shl_r64_imm8 : x64_shl_r32_imm8)(b, d, n); break;
  case S_SHR_S: (w ? x64_sar_r64_imm8 : x64_sar_r32_imm8)(b, d, n); break;
  case S_SHR_U: (w ? x64_shr_r64_imm8 : x64_shr_r32_imm8)(b, d, n); break;
  case S_ROTL: (w ? x64_rol_r64_imm8 : x64_rol_r32_imm8)(b, d, n); break;
  case S_ROTR: (w ? x64_ror_r64_imm8 : x64_ror_r32_imm8)(b, d, n); break;
  }
}

static void shift_cl(x64_buf *b, enum shift k, bool w, x64_gpr d)
{
  switch (k) {
  case S_SHL: (w ? x64_shl_r64_cl : x64_shl_r32_cl)(b, d); break;
  case S_SHR_S: (w ? x64_sar_r64_cl : x64_sar_r32_cl)(b, d); break;
  case S_SHR_U: (w ? x64_shr_r64_cl : x64_shr_r32_cl)(b, d); break;
  case S_ROTL: (w ? x64_rol_r64_cl : x64_rol_r32_cl)(b, d); break;
  case S_ROTR: (w ? x64_ror_r64_cl : x64_ror_r32_cl)(b, d); break;
  }
}

static void shift(bl_comp *c, const ir_inst *in, enum shift k)
{
  x64_buf *b = c->b;
  uint8_t t = bl_param_type(in, 0);
  bool w = t == WLAB_I64;
  uint32_t a = in->a, cnt = in->b, r = in->r;
  if (vs_is_const(&c->v, cnt)) {
    uint8_t n = (uint8_t)(vs_const_value(&c->v, cnt) & (w ? 63 : 31));
    unsigned ra = vs_use(&c->v, a, VS_GPR, t);
    unsigned d = vs_def(&c->v, r, VS_GPR, t, reusable(c, a, r) ? (int)ra : -1);
    mov_rr(b, w, (x64_gpr)d, (x64_gpr)ra);
    if (n)
      shift_imm(b, k, w, (x64_gpr)d, n);
    return;
  }
  if (k <= S_SHR_U && x64_cpu_features()->bmi2) { /* shlx/sarx/shrx: any registers, no flags */
    unsigned ra = vs_use(&c->v, a, VS_GPR, t);
    unsigned rc = vs_use(&c->v, cnt, VS_GPR, WLAB_I32);
    unsigned d = vs_def(&c->v, r, VS_GPR, t, reusable(c, a, r) ? (int)ra : -1);
    if (k == S_SHL)
      (w ? x64_shlx_r64_r64_r64 : x64_shlx_r32_r32_r32)(b, (x64_gpr)d, (x64_gpr)ra, (x64_gpr)rc);
    else if (k == S_SHR_S)
      (w ? x64_sarx_r64_r64_r64 : x64_sarx_r32_r32_r32)(b, (x64_gpr)d, (x64_gpr)ra, (x64_gpr)rc);
    else
      (w ? x64_shrx_r64_r64_r64 : x64_shrx_r32_r32_r32)(b, (x64_gpr)d, (x64_gpr)ra, (x64_gpr)rc);
    return;
  }
  vs_take(&c->v, VS_GPR, X64_RCX);
  vs_opnd oc = vs_peek(&c->v, cnt);
  if (oc.kind == VS_REG)
    x64_mov_r32_r32(b, X64_RCX, (x64_gpr)oc.reg);
  else
    x64_mov_r32_m32(b, X64_RCX, x64_mem_bd(VS_FP, oc.disp));
  unsigned ra = vs_use(&c->v, a, VS_GPR, t);
  unsigned d = vs_def(&c->v, r, VS_GPR, t, reusable(c, a, r) && ra != X64_RCX ? (int)ra : -1);
  mov_rr(b, w, (x64_gpr)d, (x64_gpr)ra);
  shift_cl(b, k, w, (x64_gpr)d);
}

/* ---- division ---------------------------------------------------------------------------------- */

static void divide(bl_comp *c, const ir_inst *in, bool is_signed, bool rem)
{
  x64_buf *b = c->b;
  uint8_t t = bl_param_type(in, 0);
  bool w = t == WLAB_I64;
  uint64_t minv = w ? 0x8000000000000000ull : 0x80000000u;
  uint64_t ones = w ? ~0ull : 0xffffffffu;
  vs_take(&c->v, VS_GPR, X64_RAX);
  vs_take(&c->v, VS_GPR, X64_RDX);
  bool kb = vs_is_const(&c->v, in->b);
  uint64_t bv = kb ? vs_const_value(&c->v, in->b) & ones : 0;
  if (kb && bv == 0) {
    x64_jmp_label(b, bl_trap_label(c, TRAP_DIV_ZERO));
    vs_def(&c->v, in->r, VS_GPR, t, -1); /* never reached; keeps the state consistent */
    return;
  }
  unsigned rb = vs_use(&c->v, in->b, VS_GPR, t); /* never rax or rdx: both are taken */
  vs_opnd oa = vs_peek(&c->v, in->a);
  if (oa.kind == VS_REG) {
    mov_rr(b, w, X64_RAX, (x64_gpr)oa.reg);
  } else if (oa.kind == VS_CONST) {
    if (w)
      x64_mov_r64_imm(b, X64_RAX, oa.imm);
    else
      x64_mov_r32_imm32(b, X64_RAX, (uint32_t)oa.imm);
  } else if (oa.kind == VS_MEM) {
    (w ? x64_mov_r64_m64 : x64_mov_r32_m32)(b, X64_RAX, x64_mem_bd(VS_FP, oa.disp));
  }
  if (!kb) {
    (w ? x64_test_r64_r64 : x64_test_r32_r32)(b, (x64_gpr)rb, (x64_gpr)rb);
    x64_jcc_label(b, X64_CC_E, bl_trap_label(c, TRAP_DIV_ZERO));
  }
  x64_label_id done = x64_label(b);
  if (is_signed && (!kb || bv == ones)) {
    /* INT_MIN / -1 overflows (a trap in wasm, #DE on x86); INT_MIN % -1 is 0 */
    x64_label_id normal = x64_label(b);
    (w ? x64_cmp_r64_imm32 : x64_cmp_r32_imm32)(b, (x64_gpr)rb, -1);
    x64_jcc_label(b, X64_CC_NE, normal);
    if (rem) {
      x64_xor_r32_r32(b, X64_RDX, X64_RDX);
      x64_jmp_label(b, done);
    } else {
      unsigned tmp = vs_temp(&c->v, VS_GPR);
      x64_mov_r64_imm(b, (x64_gpr)tmp, minv);
      (w ? x64_cmp_r64_r64 : x64_cmp_r32_r32)(b, X64_RAX, (x64_gpr)tmp);
      x64_jcc_label(b, X64_CC_E, bl_trap_label(c, TRAP_INT_OVERFLOW));
    }
    x64_bind(b, normal);
  }
  if (is_signed) {
    (w ? x64_cqo : x64_cdq)(b);
    (w ? x64_idiv_r64 : x64_idiv_r32)(b, (x64_gpr)rb);
  } else {
    x64_xor_r32_r32(b, X64_RDX, X64_RDX);
    (w ? x64_div_r64 : x64_div_r32)(b, (x64_gpr)rb);
  }
  x64_bind(b, done);
  unsigned res = rem ? X64_RDX : X64_RAX;
  unsigned d = vs_def(&c->v, in->r, VS_GPR, t, (int)res);
  mov_rr(b, w, (x64_gpr)d, (x64_gpr)res);
}

/* ---- compares ----------------------------------------------------------------------------------- */

static x64_cc compare_cc(ir_op op)
{
  switch (op) {
  case IR_I32_EQ: case IR_I64_EQ: return X64_CC_E;
  case IR_I32_NE: case IR_I64_NE: return X64_CC_NE;
  case IR_I32_LT_S: case IR_I64_LT_S: return X64_CC_L;
  case IR_I32_LT_U: case IR_I64_LT_U: return X64_CC_B;
  case IR_I32_GT_S: case IR_I64_GT_S: return X64_CC_G;
  case IR_I32_GT_U: case IR_I64_GT_U: return X64_CC_A;
  case IR_I32_LE_S: case IR_I64_LE_S: return X64_CC_LE;
  case IR_I32_LE_U: case IR_I64_LE_U: return X64_CC_BE;
  case IR_I32_GE_S: case IR_I64_GE_S: return X64_CC_GE;
  default: return X64_CC_AE; /* ge_u */
  }
}

/* cc with its operands swapped (a < b is b > a) */
static x64_cc swap_cc(x64_cc cc)
{
  switch (cc) {
  case X64_CC_L: return X64_CC_G;
  case X64_CC_G: return X64_CC_L;
  case X64_CC_LE: return X64_CC_GE;
  case X64_CC_GE: return X64_CC_LE;
  case X64_CC_B: return X64_CC_A;
  case X64_CC_A: return X64_CC_B;
  case X64_CC_BE: return X64_CC_AE;
  case X64_CC_AE: return X64_CC_BE;
  default: return cc;
  }
}

/* Emits "flags := a ? b" then either a jump (fused with the next br_if) or r := cc. */
static void finish_compare(bl_comp *c, const ir_inst *in, const ir_inst *br, x64_cc cc, void (*emit_cmp)(bl_comp *, void *),
                           void *arg)
{
  if (br) {
    /* the operands die before the flush, so it does not write them back (eqz has only a) */
    const uint32_t x[2] = {in->a, in->b};
    int n = in->op == IR_I32_EQZ || in->op == IR_I64_EQZ ? 1 : 2;
    for (int k = 0; k < n; k++)
      if (bl_dies(c, x[k], in->r))
        vs_kill(&c->v, x[k]);
    vs_flush(&c->v);
    emit_cmp(c, arg);
    bl_branch_on(c, br, cc);
    return;
  }
  unsigned d = vs_def(&c->v, in->r, VS_GPR, WLAB_I32, -1);
  emit_cmp(c, arg);
  x64_setcc_r8(c->b, cc, (x64_gpr)d);
  x64_movzx_r32_r8(c->b, (x64_gpr)d, (x64_gpr)d);
}

typedef struct cmp_args {
  bool w, test;       /* test: eqz (test a, a) */
  unsigned ra;
  vs_opnd ob;
  bool a_in_mem;
  int32_t a_disp;
} cmp_args;

static void emit_cmp(bl_comp *c, void *p)
{
  cmp_args *k = p;
  x64_buf *b = c->b;
  if (k->test) {
    if (k->a_in_mem)
      (k->w ? x64_cmp_m64_imm32 : x64_cmp_m32_imm32)(b, x64_mem_bd(VS_FP, k->a_disp), 0);
    else
      (k->w ? x64_test_r64_r64 : x64_test_r32_r32)(b, (x64_gpr)k->ra, (x64_gpr)k->ra);
    return;
  }
  if (k->ob.kind == VS_REG)
    (k->w ? x64_cmp_r64_r64 : x64_cmp_r32_r32)(b, (x64_gpr)k->ra, (x64_gpr)k->ob.reg);
  else if (k->ob.kind == VS_CONST)
    (k->w ? x64_cmp_r64_imm32 : x64_cmp_r32_imm32)(b, (x64_gpr)k->ra, (int32_t)k->ob.imm);
  else
    (k->w ? x64_cmp_r64_m64 : x64_cmp_r32_m32)(b, (x64_gpr)k->ra, x64_mem_bd(VS_FP, k->ob.disp));
}

static void compare(bl_comp *c, const ir_inst *in)
{
  uint8_t t = bl_param_type(in, 0);
  cmp_args k = {t == WLAB_I64, false, 0, {0}, false, 0};
  x64_cc cc = compare_cc((ir_op)in->op);
  uint32_t a = in->a, bb = in->b;
  const ir_inst *br = bl_fusable_branch(c, in);
  if (vs_is_const(&c->v, a) && !vs_is_const(&c->v, bb)) {
    uint32_t x = a;
    a = bb;
    bb = x;
    cc = swap_cc(cc);
  }
  k.ra = vs_use(&c->v, a, VS_GPR, t);
  k.ob = operand_b(c, bb, k.w, t);
  finish_compare(c, in, br, cc, emit_cmp, &k);
}

static void eqz(bl_comp *c, const ir_inst *in)
{
  uint8_t t = bl_param_type(in, 0);
  cmp_args k = {t == WLAB_I64, true, 0, {0}, false, 0};
  const ir_inst *br = bl_fusable_branch(c, in);
  vs_opnd o = vs_peek(&c->v, in->a);
  if (o.kind == VS_MEM) {
    k.a_in_mem = true;
    k.a_disp = o.disp;
  } else {
    k.ra = vs_use(&c->v, in->a, VS_GPR, t);
  }
  finish_compare(c, in, br, X64_CC_E, emit_cmp, &k);
}

/* ---- one-operand ops ------------------------------------------------------------------------------ */

static bool unary(bl_comp *c, const ir_inst *in)
{
  x64_buf *b = c->b;
  const x64_cpu *cpu = x64_cpu_features();
  ir_op op = (ir_op)in->op;
  uint8_t ta = bl_param_type(in, 0), tr = bl_result_type(in);
  /* decide before emitting anything: an op not handled here must leave the state untouched */
  switch (op) {
  case IR_I32_CLZ: case IR_I64_CLZ: if (!cpu->lzcnt) return false; break;
  case IR_I32_CTZ: case IR_I64_CTZ: if (!cpu->bmi1) return false; break;
  case IR_I32_POPCNT: case IR_I64_POPCNT: if (!cpu->popcnt) return false; break;
  case IR_I32_EXTEND8_S: case IR_I32_EXTEND16_S: case IR_I64_EXTEND8_S: case IR_I64_EXTEND16_S:
  case IR_I64_EXTEND32_S: case IR_I64_EXTEND_I32_S: case IR_I64_EXTEND_I32_U: case IR_I32_WRAP_I64:
    break;
  default:
    return false;
  }
  unsigned ra = vs_use(&c->v, in->a, VS_GPR, ta);
  unsigned d = vs_def(&c->v, in->r, VS_GPR, tr, reusable(c, in->a, in->r) ? (int)ra : -1);
  x64_gpr D = (x64_gpr)d, A = (x64_gpr)ra;
  switch (op) {
  case IR_I32_CLZ: x64_lzcnt_r32_r32(b, D, A); break;
  case IR_I64_CLZ: x64_lzcnt_r64_r64(b, D, A); break;
  case IR_I32_CTZ: x64_tzcnt_r32_r32(b, D, A); break;
  case IR_I64_CTZ: x64_tzcnt_r64_r64(b, D, A); break;
  case IR_I32_POPCNT: x64_popcnt_r32_r32(b, D, A); break;
  case IR_I64_POPCNT: x64_popcnt_r64_r64(b, D, A); break;
  case IR_I32_EXTEND8_S: x64_movsx_r32_r8(b, D, A); break;
  case IR_I32_EXTEND16_S: x64_movsx_r32_r16(b, D, A); break;
  case IR_I64_EXTEND8_S: x64_movsx_r64_r8(b, D, A); break;
  case IR_I64_EXTEND16_S: x64_movsx_r64_r16(b, D, A); break;
  case IR_I64_EXTEND32_S: case IR_I64_EXTEND_I32_S: x64_movsxd_r64_r32(b, D, A); break;
  case IR_I64_EXTEND_I32_U: case IR_I32_WRAP_I64: x64_mov_r32_r32(b, D, A); break;
  default: return false;
  }
  return true;
}

/* each two-operand op's alu kind plus one (0: not such an op), and ALU_WIDE for i64 */
enum { ALU_WIDE = 16 };
static const uint8_t alu_of[IR_OP_COUNT] = {
  [IR_I32_ADD] = 1 + A_ADD, [IR_I32_SUB] = 1 + A_SUB, [IR_I32_MUL] = 1 + A_MUL,
  [IR_I32_AND] = 1 + A_AND, [IR_I32_OR] = 1 + A_OR, [IR_I32_XOR] = 1 + A_XOR,
  [IR_I64_ADD] = ALU_WIDE + 1 + A_ADD, [IR_I64_SUB] = ALU_WIDE + 1 + A_SUB, [IR_I64_MUL] = ALU_WIDE + 1 + A_MUL,
  [IR_I64_AND] = ALU_WIDE + 1 + A_AND, [IR_I64_OR] = ALU_WIDE + 1 + A_OR, [IR_I64_XOR] = ALU_WIDE + 1 + A_XOR,
};

bool bl_is_alu_op(ir_op op) { return op < IR_OP_COUNT && alu_of[op]; }

void bl_emit_alu(bl_comp *c, const ir_inst *in)
{
  unsigned x = alu_of[in->op];
  binop(c, in, (enum alu)((x & (ALU_WIDE - 1)) - 1), x & ALU_WIDE);
}

bool bl_emit_int(bl_comp *c, const ir_inst *in)
{
  switch ((ir_op)in->op) {
  case IR_I32_ADD: case IR_I64_ADD: case IR_I32_SUB: case IR_I64_SUB: case IR_I32_MUL: case IR_I64_MUL:
  case IR_I32_AND: case IR_I64_AND: case IR_I32_OR: case IR_I64_OR: case IR_I32_XOR: case IR_I64_XOR:
    bl_emit_alu(c, in);
    return true;
  case IR_I32_SHL: case IR_I64_SHL: shift(c, in, S_SHL); return true;
  case IR_I32_SHR_S: case IR_I64_SHR_S: shift(c, in, S_SHR_S); return true;
  case IR_I32_SHR_U: case IR_I64_SHR_U: shift(c, in, S_SHR_U); return true;
  case IR_I32_ROTL: case IR_I64_ROTL: shift(c, in, S_ROTL); return true;
  case IR_I32_ROTR: case IR_I64_ROTR: shift(c, in, S_ROTR); return true;
  case IR_I32_DIV_S: case IR_I64_DIV_S: divide(c, in, true, false); return true;
  case IR_I32_DIV_U: case IR_I64_DIV_U: divide(c, in, false, false); return true;
  case IR_I32_REM_S: case IR_I64_REM_S: divide(c, in, true, true); return true;
  case IR_I32_REM_U: case IR_I64_REM_U: divide(c, in, false, true); return true;
  case IR_I32_EQ: case IR_I32_NE: case IR_I32_LT_S: case IR_I32_LT_U: case IR_I32_GT_S: case IR_I32_GT_U:
  case IR_I32_LE_S: case IR_I32_LE_U: case IR_I32_GE_S: case IR_I32_GE_U:
  case IR_I64_EQ: case IR_I64_NE: case IR_I64_LT_S: case IR_I64_LT_U: case IR_I64_GT_S: case IR_I64_GT_U:
  case IR_I64_LE_S: case IR_I64_LE_U: case IR_I64_GE_S: case IR_I64_GE_U:
    compare(c, in);
    return true;
  case IR_I32_EQZ: case IR_I64_EQZ: eqz(c, in); return true;
  default: return unary(c, in);
  }
}
