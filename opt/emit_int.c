/* emit_int.c: the optimising tier's integer instructions: arithmetic with immediates and memory operands folded, lea, shifts, division with its traps, compares (fused into branches), bit counts, extensions, select. */
#include "opt/emit.h"

#include "opt/divmagic.h"

/*
 * Two-address forms: d = a op b is `mov d, a; op d, b`, with b a register, a spill slot read
 * as a memory operand, or an immediate.  When d is b's register (and the op does not commute)
 * b goes to r11 first.  A result that lives on the stack is computed in r10 and stored.
 */

enum alu { A_ADD, A_SUB, A_AND, A_OR, A_XOR, A_MUL };

/* An operand of an arithmetic instruction: a register, a spill slot, or an immediate. */
typedef struct operand {
  enum { OP_REG, OP_MEM, OP_IMM } kind;
  x64_gpr reg;
  x64_mem mem;
  int32_t imm;
} operand;

/* Operand v as the second operand of an ALU instruction (immediates when they fit in 32 bits,
 * sign-extended for 64-bit ops). */
static operand alu_operand(emitter *e, ssa_id v, bool wide, x64_gpr tmp)
{
  operand o = {0};
  if (ssa_is_const(e->f, v)) {
    uint64_t c = opt_const(e, v);
    if (!wide || (int64_t)c == (int32_t)c) {
      o.kind = OP_IMM;
      o.imm = (int32_t)(uint32_t)c;
      return o;
    }
  }
  ra_loc l = opt_loc_use(e, v);
  if (l.kind == RA_LOC_STACK) {
    o.kind = OP_MEM;
    o.mem = opt_spill_mem(e, l.offset);
    return o;
  }
  o.kind = OP_REG;
  o.reg = opt_gpr(e, v, tmp);
  return o;
}

static void mov_rr(emitter *e, bool wide, x64_gpr d, x64_gpr s)
{
  if (d != s)
    (wide ? x64_mov_r64_r64 : x64_mov_r32_r32)(e->b, d, s);
}

/* d op= o */
static void alu(emitter *e, enum alu k, bool wide, x64_gpr d, operand o)
{
  x64_buf *b = e->b;
  static void (*const rr[2][6])(x64_buf *, x64_gpr, x64_gpr) = {
    {x64_add_r32_r32, x64_sub_r32_r32, x64_and_r32_r32, x64_or_r32_r32, x64_xor_r32_r32, x64_imul_r32_r32},
    {x64_add_r64_r64, x64_sub_r64_r64, x64_and_r64_r64, x64_or_r64_r64, x64_xor_r64_r64, x64_imul_r64_r64}};
  static void (*const rm[2][6])(x64_buf *, x64_gpr, x64_mem) = {
    {x64_add_r32_m32, x64_sub_r32_m32, x64_and_r32_m32, x64_or_r32_m32, x64_xor_r32_m32, x64_imul_r32_m32},
    {x64_add_r64_m64, x64_sub_r64_m64, x64_and_r64_m64, x64_or_r64_m64, x64_xor_r64_m64, x64_imul_r64_m64}};
  static void (*const ri[2][5])(x64_buf *, x64_gpr, int32_t) = {
    {x64_add_r32_imm32, x64_sub_r32_imm32, x64_and_r32_imm32, x64_or_r32_imm32, x64_xor_r32_imm32},
    {x64_add_r64_imm32, x64_sub_r64_imm32, x64_and_r64_imm32, x64_or_r64_imm32, x64_xor_r64_imm32}};
  switch (o.kind) {
  case OP_REG: rr[wide][k](b, d, o.reg); break;
  case OP_MEM: rm[wide][k](b, d, o.mem); break;
  case OP_IMM:
    if (k == A_MUL)
      (wide ? x64_imul_r64_r64_imm32 : x64_imul_r32_r32_imm32)(b, d, d, o.imm);
    else
      ri[wide][k](b, d, o.imm);
    break;
  }
}

static bool commutes(enum alu k) { return k != A_SUB; }

/* The displacement of add or sub v of a constant as a lea's, false when it has none. */
static bool flagless_disp(emitter *e, ssa_id v, int32_t *disp)
{
  const ssa_inst *in = &e->f->insts[v];
  bool wide = in->type == WLAB_I64;
  if (in->nargs != 2 || (in->op != (wide ? IR_I64_ADD : IR_I32_ADD) && in->op != (wide ? IR_I64_SUB : IR_I32_SUB)))
    return false;
  const ssa_id *as = ssa_args(e->f, v);
  if (!ssa_is_const(e->f, as[1]) || ssa_is_const(e->f, as[0]))
    return false;
  uint64_t c = e->f->insts[as[1]].imm;
  int64_t d = wide ? (int64_t)c : (int64_t)(int32_t)(uint32_t)c;
  if (in->op == (wide ? IR_I64_SUB : IR_I32_SUB))
    d = d == INT64_MIN ? d : -d;
  /* a 32-bit lea wraps as the i32 add does; a 64-bit one needs the value itself in 32 bits */
  if (d != (int32_t)d && !(!wide && d == (int64_t)INT32_MAX + 1))
    return false;
  *disp = (int32_t)(uint32_t)d;
  return true;
}

bool opt_int_flagless_add(emitter *e, ssa_id v)
{
  int32_t disp;
  if (!flagless_disp(e, v, &disp))
    return false;
  uint32_t p = e->ra->pos[v];
  ra_loc u = ra_where(e->ra, ssa_args(e->f, v)[0], p), d = ra_where(e->ra, v, p + 2);
  return u.kind == RA_LOC_REG && u.cls == RA_GPR && d.kind == RA_LOC_REG && d.cls == RA_GPR;
}

void opt_emit_flagless_add(emitter *e, ssa_id v)
{
  int32_t disp = 0;
  flagless_disp(e, v, &disp);
  bool wide = e->f->insts[v].type == WLAB_I64;
  ra_loc u = opt_loc_use(e, ssa_args(e->f, v)[0]);
  x64_gpr d = opt_def_gpr(e, OPT_T0);
  (wide ? x64_lea_r64_m : x64_lea_r32_m)(e->b, d, x64_mem_bd((x64_gpr)u.reg, disp));
  opt_def_done(e, d);
}

static void binop(emitter *e, ssa_id v, enum alu k)
{
  ssa_inst *in = &e->f->insts[v];
  bool wide = in->type == WLAB_I64;
  ssa_id a = ssa_args(e->f, v)[0], bv = ssa_args(e->f, v)[1];
  x64_gpr d = opt_def_gpr(e, OPT_T0);
  ra_loc la = opt_loc_use(e, a), lb = opt_loc_use(e, bv);
  /* d already holds b (and not a): commute, or set b aside in r11 */
  bool b_in_d = lb.kind == RA_LOC_REG && lb.reg == d && !(la.kind == RA_LOC_REG && la.reg == d);
  if (b_in_d && commutes(k)) {
    ssa_id t = a;
    a = bv;
    bv = t;
    ra_loc tl = la;
    la = lb;
    lb = tl;
    b_in_d = false;
  }
  /* add of a constant into another register: lea, no move */
  if (k == A_ADD && ssa_is_const(e->f, bv) && la.kind == RA_LOC_REG && la.reg != d) {
    uint64_t c = opt_const(e, bv);
    if (!wide || (int64_t)c == (int32_t)c) {
      (wide ? x64_lea_r64_m : x64_lea_r32_m)(e->b, d, x64_mem_bd((x64_gpr)la.reg, (int32_t)c));
      opt_def_done(e, d);
      return;
    }
  }
  /* add of two registers into a third (sub of a constant likewise): lea, no move; a 32-bit lea
   * wraps and zeroes the upper half as the add does */
  if (k == A_ADD && la.kind == RA_LOC_REG && lb.kind == RA_LOC_REG && la.reg != d && lb.reg != d) {
    (wide ? x64_lea_r64_m : x64_lea_r32_m)(e->b, d, x64_mem_bisd((x64_gpr)la.reg, (x64_gpr)lb.reg, 1, 0));
    opt_def_done(e, d);
    return;
  }
  if (k == A_SUB && ssa_is_const(e->f, bv) && la.kind == RA_LOC_REG && la.reg != d) {
    uint64_t c = opt_const(e, bv);
    int32_t c32 = (int32_t)(uint32_t)c; /* an i32's bits; for an i64, only when it fits */
    if ((!wide || (int64_t)c == c32) && c32 != INT32_MIN) {
      (wide ? x64_lea_r64_m : x64_lea_r32_m)(e->b, d, x64_mem_bd((x64_gpr)la.reg, -c32));
      opt_def_done(e, d);
      return;
    }
  }
  /* an and with 0xff or 0xffff into another register: one movzx, no move first (crc32's `c &
   * 0xff` that indexes its table, its value kept for the next shift); movzx leaves the flags,
   * so no flags_value */
  if (k == A_AND && ssa_is_const(e->f, bv) && la.kind == RA_LOC_REG && la.reg != d) {
    uint64_t c = opt_const(e, bv) & (wide ? UINT64_MAX : UINT32_MAX);
    if (c == 0xff || c == 0xffff) {
      (c == 0xff ? x64_movzx_r32_r8 : x64_movzx_r32_r16)(e->b, d, (x64_gpr)la.reg);
      opt_def_done(e, d);
      return;
    }
  }
  operand o;
  if (b_in_d) {
    x64_mov_r64_r64(e->b, OPT_T1, d);
    o.kind = OP_REG;
    o.reg = OPT_T1;
  } else {
    o = alu_operand(e, bv, wide, OPT_T1);
  }
  opt_load_loc(e, d, la, in->type, a);
  alu(e, k, wide, d, o);
  opt_def_done(e, d); /* a store to the result's slot leaves the flags */
  if (k != A_MUL) {
    e->flags_value = v;
    e->flags_end = e->b->len;
  }
}

/* v = a op load, the i32.load or i64.load right before it used only here (emit.c,
 * choose_fusions): `op d, [memory + ...]`, the load's access in the arithmetic (crc32's `crc ^
 * tab[...]`).  The access is the load's: its operands where they are at the load, its explicit
 * check, its fault site (the wasm offset a trap names).  When d is a register of the memory
 * operand (which uses r14, r11 and allocated registers, never r10: the load's offset fits a
 * displacement) and does not hold a already, a cannot go there first: the load goes into d and
 * the op takes a (commuted), or, for a sub, r10 computes a - [memory]. */
void opt_emit_load_op(emitter *e, ssa_id v, ssa_id load)
{
  ssa_func *f = e->f;
  const ssa_inst *in = &f->insts[v];
  bool wide = in->type == WLAB_I64;
  enum alu k;
  switch (in->op) {
  case IR_I32_ADD: case IR_I64_ADD: k = A_ADD; break;
  case IR_I32_SUB: case IR_I64_SUB: k = A_SUB; break;
  case IR_I32_AND: case IR_I64_AND: k = A_AND; break;
  case IR_I32_OR: case IR_I64_OR: k = A_OR; break;
  case IR_I32_XOR: case IR_I64_XOR: k = A_XOR; break;
  default: k = A_MUL; break;
  }
  const ssa_id *as = ssa_args(f, v);
  ssa_id a = as[0] == load ? as[1] : as[0];
  x64_gpr d = opt_def_gpr(e, OPT_T0);
  ra_loc la = opt_loc_use(e, a);
  x64_gpr spare;
  x64_mem m = opt_load_operand(e, load, wide ? 8 : 4, &spare);
  bool a_in_d = la.kind == RA_LOC_REG && la.reg == d, d_in_m = d == m.base || d == m.index;
  if (d_in_m && !a_in_d && k != A_SUB) {
    /* a would overwrite the address: the load into d, then the op with a (commuted) */
    opt_note_load_fault(e, load);
    (wide ? x64_mov_r64_m64 : x64_mov_r32_m32)(e->b, d, m);
    alu(e, k, wide, d, alu_operand(e, a, wide, OPT_T1));
  } else {
    /* d = a (r10 = a when that would overwrite the address), then op d, [memory] */
    x64_gpr acc = d_in_m && !a_in_d ? OPT_T0 : d;
    opt_load_loc(e, acc, la, in->type, a);
    opt_note_load_fault(e, load);
    alu(e, k, wide, acc, (operand){.kind = OP_MEM, .mem = m});
    mov_rr(e, wide, d, acc);
  }
  opt_def_done(e, d);
  if (k != A_MUL) {
    e->flags_value = v;
    e->flags_end = e->b->len;
  }
}

/* v = and(xor(x, -1), y), the xor right before it used only here (emit.c, andn_chain), with
 * BMI1: `andn d, x, y` where it was `mov d, x; xor d, -1; and d, y` (sha256's `~e & g` in every
 * round).  x is read where the xor would have read it (nothing ran between); y is a register or
 * a spill slot. */
void opt_emit_andn(emitter *e, ssa_id v, ssa_id xor)
{
  ssa_func *f = e->f;
  bool wide = f->insts[v].type == WLAB_I64;
  const ssa_id *xs = ssa_args(f, xor), *as = ssa_args(f, v);
  ssa_id x = ssa_is_const(f, xs[0]) ? xs[1] : xs[0];
  ssa_id y = as[0] == xor ? as[1] : as[0];
  x64_gpr rx = (x64_gpr)ra_where(e->ra, x, e->ra->pos[xor]).reg;
  ra_loc ly = opt_loc_use(e, y);
  x64_gpr d = opt_def_gpr(e, OPT_T0);
  if (ly.kind == RA_LOC_STACK)
    (wide ? x64_andn_r64_r64_m64 : x64_andn_r32_r32_m32)(e->b, d, rx, opt_spill_mem(e, ly.offset));
  else
    (wide ? x64_andn_r64_r64_r64 : x64_andn_r32_r32_r32)(e->b, d, rx, opt_gpr(e, y, OPT_T1));
  opt_def_done(e, d);
  e->flags_value = v; /* ZF and SF as an and leaves them */
  e->flags_end = e->b->len;
}

/* add v = (x << k) + b, k 1-3, b a register or a constant displacement (emit.c, lea_chain): x is
 * read where the shift would have read it, since nothing ran between the two */
bool opt_emit_scaled_add(emitter *e, ssa_id v, ssa_id shl)
{
  ssa_func *f = e->f;
  bool wide = f->insts[v].type == WLAB_I64;
  ssa_id *as = ssa_args(f, v);
  ssa_id other = as[0] == shl ? as[1] : as[0];
  ssa_id x = ssa_args(f, shl)[0];
  unsigned scale = 1u << (opt_const(e, ssa_args(f, shl)[1]) & (wide ? 63 : 31)); /* 2, 4 or 8 */
  x64_gpr rx = (x64_gpr)ra_where(e->ra, x, e->ra->pos[shl]).reg;
  x64_mem m;
  if (ssa_is_const(f, other))
    m = x64_mem_isd(rx, scale, (int32_t)opt_const(e, other));
  else
    m = x64_mem_bisd((x64_gpr)opt_loc_use(e, other).reg, rx, scale, 0);
  x64_gpr d = opt_def_gpr(e, OPT_T0);
  (wide ? x64_lea_r64_m : x64_lea_r32_m)(e->b, d, m);
  opt_def_done(e, d);
  return true;
}

/* ---- shifts and rotates ----------------------------------------------------------------------- */

enum shift { S_SHL, S_SHR_S, S_SHR_U, S_ROTL, S_ROTR };

/* A rotate by a constant of a value in another register than the result's, with BMI2: one
 * `rorx d, a, n` (a left rotate is a right one by width - n) where it was `mov d, a; rol d, n`.
 * sha256's rounds rotate two state words three times each and keep them (six rotates a round,
 * four a word of the message schedule).  rorx leaves the flags; no rotate's flags are read (flags_value). */
static bool rotate_into(emitter *e, enum shift k, bool wide, uint8_t n, x64_gpr d, ra_loc la)
{
  if ((k != S_ROTL && k != S_ROTR) || !n || la.kind != RA_LOC_REG || la.reg == d || !x64_cpu_features()->bmi2)
    return false;
  uint8_t r = k == S_ROTR ? n : (uint8_t)((wide ? 64 : 32) - n);
  (wide ? x64_rorx_r64_r64_imm8 : x64_rorx_r32_r32_imm8)(e->b, d, (x64_gpr)la.reg, r);
  opt_def_done(e, d);
  return true;
}

static void shift(emitter *e, ssa_id v, enum shift k)
{
  x64_buf *b = e->b;
  ssa_inst *in = &e->f->insts[v];
  bool wide = in->type == WLAB_I64;
  ssa_id a = ssa_args(e->f, v)[0], cnt = ssa_args(e->f, v)[1];
  if (ssa_is_const(e->f, cnt)) {
    uint8_t n = (uint8_t)(opt_const(e, cnt) & (wide ? 63 : 31));
    x64_gpr d = opt_def_gpr(e, OPT_T0);
    ra_loc la = opt_loc_use(e, a);
    if (rotate_into(e, k, wide, n, d, la))
      return;
    opt_load_loc(e, d, la, in->type, a);
    if (n) {
      static void (*const f32[5])(x64_buf *, x64_gpr, uint8_t) = {x64_shl_r32_imm8, x64_sar_r32_imm8, x64_shr_r32_imm8,
                                                                  x64_rol_r32_imm8, x64_ror_r32_imm8};
      static void (*const f64[5])(x64_buf *, x64_gpr, uint8_t) = {x64_shl_r64_imm8, x64_sar_r64_imm8, x64_shr_r64_imm8,
                                                                  x64_rol_r64_imm8, x64_ror_r64_imm8};
      (wide ? f64 : f32)[k](b, d, n);
    }
    opt_def_done(e, d);
    return;
  }
  if (k <= S_SHR_U && x64_cpu_features()->bmi2) {
    x64_gpr ra_ = opt_gpr(e, a, OPT_T0), rc = opt_gpr(e, cnt, OPT_T1);
    x64_gpr d = opt_def_gpr(e, OPT_T0);
    static void (*const f32[3])(x64_buf *, x64_gpr, x64_gpr, x64_gpr) = {x64_shlx_r32_r32_r32, x64_sarx_r32_r32_r32,
                                                                         x64_shrx_r32_r32_r32};
    static void (*const f64[3])(x64_buf *, x64_gpr, x64_gpr, x64_gpr) = {x64_shlx_r64_r64_r64, x64_sarx_r64_r64_r64,
                                                                         x64_shrx_r64_r64_r64};
    (wide ? f64 : f32)[k](b, d, ra_, rc);
    opt_def_done(e, d);
    return;
  }
  /* by cl (rcx is clobbered here, so nothing live across uses it): value in r10, count in rcx */
  opt_load_loc(e, OPT_T0, opt_loc_use(e, a), in->type, a);
  opt_load_loc(e, X64_RCX, opt_loc_use(e, cnt), WLAB_I32, cnt);
  static void (*const c32[5])(x64_buf *, x64_gpr) = {x64_shl_r32_cl, x64_sar_r32_cl, x64_shr_r32_cl, x64_rol_r32_cl,
                                                     x64_ror_r32_cl};
  static void (*const c64[5])(x64_buf *, x64_gpr) = {x64_shl_r64_cl, x64_sar_r64_cl, x64_shr_r64_cl, x64_rol_r64_cl,
                                                     x64_ror_r64_cl};
  (wide ? c64 : c32)[k](b, OPT_T0);
  x64_gpr d = opt_def_gpr(e, OPT_T0);
  mov_rr(e, wide, d, OPT_T0);
  opt_def_done(e, d);
}

static bool shift_uses_cl(const ssa_func *f, ssa_id v, enum shift k)
{
  return !ssa_is_const(f, ssa_args((ssa_func *)f, v)[1]) && !(k <= S_SHR_U && x64_cpu_features()->bmi2);
}

/* ---- division ---------------------------------------------------------------------------------- */

/* rax and rdx are clobbered (isel.c): the dividend goes to rax, the divisor to r11. */
/* ---- division by a constant: a multiply and shifts (opt/divmagic.h) --------------------------- */

/* d *= c, with c an immediate when it fits (32-bit forms take any 32-bit pattern). */
static void mul_const(emitter *e, bool wide, x64_gpr d, uint64_t c)
{
  if (!wide)
    x64_imul_r32_r32_imm32(e->b, d, d, (int32_t)(uint32_t)c);
  else if ((int64_t)c == (int32_t)c)
    x64_imul_r64_r64_imm32(e->b, d, d, (int32_t)c);
  else {
    x64_mov_r64_imm(e->b, OPT_T1, c);
    x64_imul_r64_r64(e->b, d, OPT_T1);
  }
}

/* d &= c, the same way. */
static void and_const(emitter *e, bool wide, x64_gpr d, uint64_t c)
{
  if (!wide)
    x64_and_r32_imm32(e->b, d, (int32_t)(uint32_t)c);
  else if ((int64_t)c == (int32_t)c)
    x64_and_r64_imm32(e->b, d, (int32_t)c);
  else {
    x64_mov_r64_imm(e->b, OPT_T1, c);
    x64_and_r64_r64(e->b, d, OPT_T1);
  }
}

/* An unsigned quotient or remainder by c (not 0): with n in rax, returns the register holding
 * the result.  A power of two is a shift or a mask; any other divisor a multiply by its magic
 * (found by divide_by_constant). */
static x64_gpr divide_unsigned_by(emitter *e, bool wide, bool rem, uint64_t c, const div_magic *magic)
{
  x64_buf *b = e->b;
  int k = div_log2_exact(c);
  if (k >= 0) {
    if (rem)
      and_const(e, wide, X64_RAX, c - 1);
    else if (k)
      (wide ? x64_shr_r64_imm8 : x64_shr_r32_imm8)(b, X64_RAX, (uint8_t)k);
    return X64_RAX;
  }
  div_magic mg = *magic;
  x64_gpr q;
  if (rem || mg.add)
    x64_mov_r64_r64(b, OPT_T0, X64_RAX); /* n, kept */
  if (!wide) {
    /* 32 x 32 bits fit one 64-bit imul: n is zero-extended, the multiplier below 2^32 */
    x64_mov_r64_imm(b, OPT_T1, mg.mul);
    x64_imul_r64_r64(b, X64_RAX, OPT_T1);
    x64_shr_r64_imm8(b, X64_RAX, (uint8_t)(32 + (mg.add ? 0 : mg.shift)));
    q = X64_RAX; /* the high half, or with add false the quotient */
  } else {
    x64_mov_r64_imm(b, X64_RDX, mg.mul);
    x64_mul_r64(b, X64_RDX);
    if (!mg.add && mg.shift)
      x64_shr_r64_imm8(b, X64_RDX, mg.shift);
    q = X64_RDX;
  }
  if (mg.add) { /* q = (t + ((n - t) >> 1)) >> shift, t the high half, in the other of rax, rdx */
    x64_gpr t = q;
    q = t == X64_RAX ? X64_RDX : X64_RAX;
    mov_rr(e, wide, q, OPT_T0);
    (wide ? x64_sub_r64_r64 : x64_sub_r32_r32)(b, q, t);
    (wide ? x64_shr_r64_imm8 : x64_shr_r32_imm8)(b, q, 1);
    (wide ? x64_add_r64_r64 : x64_add_r32_r32)(b, q, t);
    if (mg.shift)
      (wide ? x64_shr_r64_imm8 : x64_shr_r32_imm8)(b, q, mg.shift);
  }
  if (!rem)
    return q;
  mul_const(e, wide, q, c); /* n - q * c */
  (wide ? x64_sub_r64_r64 : x64_sub_r32_r32)(b, OPT_T0, q);
  return OPT_T0;
}

/* A signed quotient or remainder by c (|c| >= 2; c is the divisor sign-extended): with n in rax,
 * returns the register holding the result.  The quotient by |c|, negated for a negative c; a
 * remainder takes the dividend's sign whatever the divisor's. */
static x64_gpr divide_signed_by(emitter *e, bool wide, bool rem, int64_t c, const div_magic *magic)
{
  x64_buf *b = e->b;
  unsigned bits = wide ? 64 : 32;
  uint64_t a = c < 0 ? -(uint64_t)c : (uint64_t)c;
  int k = div_log2_exact(a);
  if (k >= 1) {
    /* n + (2^k - 1 when n < 0): the shift then truncates toward zero */
    x64_mov_r64_r64(b, OPT_T0, X64_RAX);
    (wide ? x64_sar_r64_imm8 : x64_sar_r32_imm8)(b, OPT_T0, (uint8_t)(bits - 1));
    (wide ? x64_shr_r64_imm8 : x64_shr_r32_imm8)(b, OPT_T0, (uint8_t)(bits - (unsigned)k));
    (wide ? x64_add_r64_r64 : x64_add_r32_r32)(b, OPT_T0, X64_RAX);
    if (rem) { /* n - that rounded down to a multiple of 2^k */
      and_const(e, wide, OPT_T0, -(uint64_t)a);
      (wide ? x64_sub_r64_r64 : x64_sub_r32_r32)(b, X64_RAX, OPT_T0);
      return X64_RAX;
    }
    (wide ? x64_sar_r64_imm8 : x64_sar_r32_imm8)(b, OPT_T0, (uint8_t)k);
    if (c < 0)
      (wide ? x64_neg_r64 : x64_neg_r32)(b, OPT_T0);
    return OPT_T0;
  }
  div_magic mg = *magic;
  x64_gpr q;
  if (!wide) {
    /* n sign-extended times the positive multiplier (below 2^32) is exact in 64 bits */
    x64_movsxd_r64_r32(b, X64_RAX, X64_RAX);
    if (rem)
      x64_mov_r64_r64(b, OPT_T0, X64_RAX);
    if (mg.mul <= INT32_MAX)
      x64_imul_r64_r64_imm32(b, X64_RAX, X64_RAX, (int32_t)mg.mul);
    else {
      x64_mov_r64_imm(b, OPT_T1, mg.mul);
      x64_imul_r64_r64(b, X64_RAX, OPT_T1);
    }
    x64_sar_r64_imm8(b, X64_RAX, (uint8_t)(32 + mg.shift));
    x64_mov_r32_r32(b, X64_RDX, X64_RAX); /* one more when negative */
    x64_shr_r32_imm8(b, X64_RDX, 31);
    x64_add_r32_r32(b, X64_RAX, X64_RDX);
    q = X64_RAX;
  } else {
    if (rem || mg.add)
      x64_mov_r64_r64(b, OPT_T0, X64_RAX); /* n, kept */
    x64_mov_r64_imm(b, X64_RDX, mg.mul);
    x64_imul_r64(b, X64_RDX); /* rdx = the signed high half, of mul - 2^64 when add */
    if (mg.add)
      x64_add_r64_r64(b, X64_RDX, OPT_T0);
    if (mg.shift)
      x64_sar_r64_imm8(b, X64_RDX, mg.shift);
    x64_mov_r64_r64(b, X64_RAX, X64_RDX);
    x64_shr_r64_imm8(b, X64_RAX, 63);
    x64_add_r64_r64(b, X64_RDX, X64_RAX);
    q = X64_RDX;
  }
  if (rem) {
    mul_const(e, wide, q, a);
    (wide ? x64_sub_r64_r64 : x64_sub_r32_r32)(b, OPT_T0, q);
    return OPT_T0;
  }
  if (c < 0)
    (wide ? x64_neg_r64 : x64_neg_r32)(b, q);
  return q;
}

/* A division or remainder whose divisor is a constant that cannot trap: no check, no div.  False
 * for the divisors left to divide() (0, and for signed ones 1 and -1). */
static bool divide_by_constant(emitter *e, ssa_id v, bool sign, bool rem)
{
  ssa_inst *in = &e->f->insts[v];
  bool wide = in->type == WLAB_I64;
  ssa_id a = ssa_args(e->f, v)[0], dv = ssa_args(e->f, v)[1];
  if (!ssa_is_const(e->f, dv))
    return false;
  uint64_t c = opt_const(e, dv);
  if (!wide)
    c = sign ? (uint64_t)(int64_t)(int32_t)c : (uint32_t)c;
  if (c == 0 || (sign && (c == 1 || c == UINT64_MAX)))
    return false;
  /* every other divisor has its shift or its magic (divmagic.c; checked for 27 M divisors);
   * were one without, it would keep its div */
  uint64_t abs_c = sign && (int64_t)c < 0 ? 0 - c : c;
  div_magic mg = {0};
  if (div_log2_exact(abs_c) < 0 &&
      !(sign ? div_magic_signed((int64_t)c, wide ? 64 : 32, &mg) : div_magic_unsigned(c, wide ? 64 : 32, &mg)))
    return false;
  opt_load_loc(e, X64_RAX, opt_loc_use(e, a), in->type, a);
  x64_gpr r = sign ? divide_signed_by(e, wide, rem, (int64_t)c, &mg) : divide_unsigned_by(e, wide, rem, c, &mg);
  x64_gpr d = opt_def_gpr(e, OPT_T0);
  mov_rr(e, wide, d, r);
  opt_def_done(e, d);
  return true;
}

static void divide(emitter *e, ssa_id v, bool sign, bool rem)
{
  x64_buf *b = e->b;
  if (divide_by_constant(e, v, sign, rem))
    return;
  ssa_inst *in = &e->f->insts[v];
  bool wide = in->type == WLAB_I64;
  ssa_id a = ssa_args(e->f, v)[0], dv = ssa_args(e->f, v)[1];
  opt_load_loc(e, OPT_T1, opt_loc_use(e, dv), in->type, dv);
  opt_load_loc(e, X64_RAX, opt_loc_use(e, a), in->type, a);
  (wide ? x64_test_r64_r64 : x64_test_r32_r32)(b, OPT_T1, OPT_T1);
  x64_jcc_label(b, X64_CC_E, opt_trap_label(e, TRAP_DIV_ZERO));
  x64_label_id done = x64_label(b);
  if (sign) {
    /* INT_MIN / -1: div_s traps, rem_s is 0 (idiv itself would fault) */
    x64_label_id normal = x64_label(b);
    (wide ? x64_cmp_r64_imm32 : x64_cmp_r32_imm32)(b, OPT_T1, -1);
    x64_jcc_label(b, X64_CC_NE, normal);
    if (rem) {
      x64_xor_r32_r32(b, X64_RDX, X64_RDX);
      x64_jmp_label(b, done);
    } else {
      if (wide) {
        x64_mov_r64_imm(b, OPT_T0, (uint64_t)INT64_MIN);
        x64_cmp_r64_r64(b, X64_RAX, OPT_T0);
      } else {
        x64_cmp_r32_imm32(b, X64_RAX, INT32_MIN);
      }
      x64_jcc_label(b, X64_CC_E, opt_trap_label(e, TRAP_INT_OVERFLOW));
    }
    x64_bind(b, normal);
    (wide ? x64_cqo : x64_cdq)(b);
    (wide ? x64_idiv_r64 : x64_idiv_r32)(b, OPT_T1);
  } else {
    x64_xor_r32_r32(b, X64_RDX, X64_RDX);
    (wide ? x64_div_r64 : x64_div_r32)(b, OPT_T1);
  }
  x64_bind(b, done);
  x64_gpr d = opt_def_gpr(e, OPT_T0);
  mov_rr(e, wide, d, rem ? X64_RDX : X64_RAX);
  opt_def_done(e, d);
}

/* ---- compares ---------------------------------------------------------------------------------- */

bool opt_is_int_compare(uint16_t op)
{
  return (op >= IR_I32_EQZ && op <= IR_I32_GE_U) || (op >= IR_I64_EQZ && op <= IR_I64_GE_U);
}

static x64_cc compare_cc(uint16_t op)
{
  switch (op) {
  case IR_I32_EQZ: case IR_I64_EQZ: case IR_I32_EQ: case IR_I64_EQ: return X64_CC_E;
  case IR_I32_NE: case IR_I64_NE: return X64_CC_NE;
  case IR_I32_LT_S: case IR_I64_LT_S: return X64_CC_L;
  case IR_I32_LT_U: case IR_I64_LT_U: return X64_CC_B;
  case IR_I32_GT_S: case IR_I64_GT_S: return X64_CC_G;
  case IR_I32_GT_U: case IR_I64_GT_U: return X64_CC_A;
  case IR_I32_LE_S: case IR_I64_LE_S: return X64_CC_LE;
  case IR_I32_LE_U: case IR_I64_LE_U: return X64_CC_BE;
  case IR_I32_GE_S: case IR_I64_GE_S: return X64_CC_GE;
  default: return X64_CC_AE;
  }
}

/* The condition with its operands swapped (a < b is b > a). */
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

x64_cc opt_emit_compare_flags(emitter *e, ssa_id v)
{
  x64_buf *b = e->b;
  ssa_inst *in = &e->f->insts[v];
  uint16_t op = in->op;
  bool wide = op >= IR_I64_EQZ;
  ssa_id a = ssa_args(e->f, v)[0];
  if (op == IR_I32_EQZ || op == IR_I64_EQZ) {
    ra_loc l = opt_loc_use(e, a);
    if (l.kind == RA_LOC_STACK) {
      (wide ? x64_cmp_m64_imm32 : x64_cmp_m32_imm32)(b, opt_spill_mem(e, l.offset), 0);
    } else {
      x64_gpr r = opt_gpr(e, a, OPT_T0);
      (wide ? x64_test_r64_r64 : x64_test_r32_r32)(b, r, r);
    }
    return X64_CC_E;
  }
  ssa_id bv = ssa_args(e->f, v)[1];
  x64_cc cc = compare_cc(op);
  /* a constant on the left compares the other way round */
  if (ssa_is_const(e->f, a) && !ssa_is_const(e->f, bv)) {
    ssa_id t = a;
    a = bv;
    bv = t;
    cc = swap_cc(cc);
  }
  x64_gpr ra_ = opt_gpr(e, a, OPT_T0);
  operand o = alu_operand(e, bv, wide, OPT_T1);
  switch (o.kind) {
  case OP_REG: (wide ? x64_cmp_r64_r64 : x64_cmp_r32_r32)(b, ra_, o.reg); break;
  case OP_MEM: (wide ? x64_cmp_r64_m64 : x64_cmp_r32_m32)(b, ra_, o.mem); break;
  case OP_IMM:
    if (o.imm == 0 && (cc == X64_CC_E || cc == X64_CC_NE))
      (wide ? x64_test_r64_r64 : x64_test_r32_r32)(b, ra_, ra_);
    else
      (wide ? x64_cmp_r64_imm32 : x64_cmp_r32_imm32)(b, ra_, o.imm);
    break;
  }
  return cc;
}

static void compare(emitter *e, ssa_id v)
{
  x64_cc cc = opt_emit_compare_flags(e, v);
  x64_gpr d = opt_def_gpr(e, OPT_T0);
  x64_setcc_r8(e->b, cc, d);
  x64_movzx_r32_r8(e->b, d, d);
  opt_def_done(e, d);
}

/* ---- one operand -------------------------------------------------------------------------------- */

/* Whether i32.wrap_i64 v may leave the upper half of its register as it is: its operand's is
 * zero already (a shift right by 32 or more), or its one use is the next instruction, a 32-bit
 * add, sub, and, or, xor or mul, which reads only the lower half and zeroes the upper one
 * (mainloop's `(uint32_t)(state >> 16) & 0xffffff`). */
static bool wrap_is_free(emitter *e, ssa_id v)
{
  ssa_func *f = e->f;
  const ssa_inst *src = &f->insts[ssa_args(f, v)[0]];
  if (src->op == IR_I64_SHR_U && ssa_is_const(f, ssa_args(f, ssa_args(f, v)[0])[1]) &&
      (opt_const(e, ssa_args(f, ssa_args(f, v)[0])[1]) & 63) >= 32)
    return true;
  ssa_id n = f->insts[v].next;
  if (e->uses[v] != 1 || !n)
    return false;
  switch (f->insts[n].op) {
  case IR_I32_ADD: case IR_I32_SUB: case IR_I32_AND: case IR_I32_OR: case IR_I32_XOR: case IR_I32_MUL:
    return ssa_args(f, n)[0] == v || ssa_args(f, n)[1] == v;
  default:
    return false;
  }
}

static bool unary(emitter *e, ssa_id v)
{
  x64_buf *b = e->b;
  ssa_inst *in = &e->f->insts[v];
  const x64_cpu *cpu = x64_cpu_features();
  uint16_t op = in->op;
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
  x64_gpr a = opt_gpr(e, ssa_args(e->f, v)[0], OPT_T0);
  x64_gpr d = opt_def_gpr(e, OPT_T0);
  switch (op) {
  case IR_I32_CLZ: x64_lzcnt_r32_r32(b, d, a); break;
  case IR_I64_CLZ: x64_lzcnt_r64_r64(b, d, a); break;
  case IR_I32_CTZ: x64_tzcnt_r32_r32(b, d, a); break;
  case IR_I64_CTZ: x64_tzcnt_r64_r64(b, d, a); break;
  case IR_I32_POPCNT: x64_popcnt_r32_r32(b, d, a); break;
  case IR_I64_POPCNT: x64_popcnt_r64_r64(b, d, a); break;
  case IR_I32_EXTEND8_S: x64_movsx_r32_r8(b, d, a); break;
  case IR_I32_EXTEND16_S: x64_movsx_r32_r16(b, d, a); break;
  case IR_I64_EXTEND8_S: x64_movsx_r64_r8(b, d, a); break;
  case IR_I64_EXTEND16_S: x64_movsx_r64_r16(b, d, a); break;
  case IR_I64_EXTEND32_S: case IR_I64_EXTEND_I32_S: x64_movsxd_r64_r32(b, d, a); break;
  case IR_I64_EXTEND_I32_U: x64_mov_r32_r32(b, d, a); break;
  case IR_I32_WRAP_I64:
    if (d != a || d == OPT_T0 || !wrap_is_free(e, v)) /* (T0: a value in a slot, stored whole) */
      x64_mov_r32_r32(b, d, a);
    break;
  default: break;
  }
  opt_def_done(e, d);
  return true;
}

/* ---- select ----------------------------------------------------------------------------------- */

/* r = c ? a : b for integer and reference types: cmov.  A constant loaded with xor changes the
 * flags, so every load comes before the test. */
static void select_gpr(emitter *e, ssa_id v)
{
  x64_buf *b = e->b;
  ssa_inst *in = &e->f->insts[v];
  bool wide = in->type != WLAB_I32;
  void (*cmov)(x64_buf *, x64_cc, x64_gpr, x64_gpr) = wide ? x64_cmovcc_r64_r64 : x64_cmovcc_r32_r32;
  const ssa_id *as = ssa_args(e->f, v);
  ssa_id a = as[0], bv = as[1], c = as[2];
  x64_gpr d = opt_def_gpr(e, OPT_T0);
  ra_loc la = opt_loc_use(e, a), lb = opt_loc_use(e, bv), lc = opt_loc_use(e, c);
  /* the condition in a register d does not overwrite: its own, or r11 */
  x64_gpr rc = OPT_T1;
  if (lc.kind == RA_LOC_REG && lc.reg != d)
    rc = (x64_gpr)lc.reg;
  else
    opt_load_loc(e, OPT_T1, lc, WLAB_I32, c);
  if (lb.kind == RA_LOC_REG && lb.reg == d) {
    /* d holds b: if (c) d = a (d is a real register here, so r10 is free for a) */
    x64_gpr ra_ = opt_gpr(e, a, OPT_T0);
    x64_test_r32_r32(b, rc, rc);
    cmov(b, X64_CC_NE, d, ra_);
    opt_def_done(e, d);
    return;
  }
  /* d = a; if (!c) d = b */
  opt_load_loc(e, d, la, in->type, a);
  if (lb.kind == RA_LOC_STACK) {
    x64_test_r32_r32(b, rc, rc);
    (wide ? x64_cmovcc_r64_m64 : x64_cmovcc_r32_m32)(b, X64_CC_E, d, opt_spill_mem(e, lb.offset));
  } else if (lb.kind == RA_LOC_REG) {
    x64_test_r32_r32(b, rc, rc);
    cmov(b, X64_CC_E, d, (x64_gpr)lb.reg);
  } else if (d != OPT_T0) {
    opt_load_loc(e, OPT_T0, lb, in->type, bv);
    x64_test_r32_r32(b, rc, rc);
    cmov(b, X64_CC_E, d, OPT_T0);
  } else {
    /* d is r10 and the condition may be in r11: a branch instead */
    x64_label_id skip = x64_label(b);
    x64_test_r32_r32(b, rc, rc);
    x64_jcc_label(b, X64_CC_NE, skip);
    opt_load_loc(e, d, lb, in->type, bv);
    x64_bind(b, skip);
  }
  opt_def_done(e, d);
}

/* reg := v (a register, a slot or a constant) with the flags left as they are: no xor for zero */
static void load_keep_flags(emitter *e, x64_gpr reg, ra_loc l, uint8_t t, ssa_id v)
{
  if (l.kind == RA_LOC_NONE) {
    uint64_t k = opt_const(e, v);
    if (t == WLAB_I32 || k >> 32 == 0)
      x64_mov_r32_imm32(e->b, reg, (uint32_t)k);
    else
      x64_mov_r64_imm64(e->b, reg, k);
    return;
  }
  opt_load_loc(e, reg, l, t, v);
}

/* r = c ? a : b where c is the integer compare right before (or a run of such selects before):
 * its flags stand, true under cc (emit.c, choose_fusions), so no setcc, movzx and test; the
 * operands are loaded without touching the flags. */
void opt_emit_select_cc(emitter *e, ssa_id v, x64_cc cc)
{
  x64_buf *b = e->b;
  ssa_inst *in = &e->f->insts[v];
  bool wide = in->type != WLAB_I32;
  void (*cmov)(x64_buf *, x64_cc, x64_gpr, x64_gpr) = wide ? x64_cmovcc_r64_r64 : x64_cmovcc_r32_r32;
  void (*cmov_m)(x64_buf *, x64_cc, x64_gpr, x64_mem) = wide ? x64_cmovcc_r64_m64 : x64_cmovcc_r32_m32;
  const ssa_id *as = ssa_args(e->f, v);
  ssa_id a = as[0], bv = as[1];
  x64_gpr d = opt_def_gpr(e, OPT_T0);
  ra_loc la = opt_loc_use(e, a), lb = opt_loc_use(e, bv);
  if (lb.kind == RA_LOC_REG && lb.reg == d) {
    /* d holds b: if (c) d = a (d is a real register here, so r10 is free for a) */
    if (la.kind == RA_LOC_STACK) {
      cmov_m(b, cc, d, opt_spill_mem(e, la.offset));
    } else {
      x64_gpr ra_ = la.kind == RA_LOC_REG ? (x64_gpr)la.reg : OPT_T0;
      if (la.kind != RA_LOC_REG)
        load_keep_flags(e, OPT_T0, la, in->type, a);
      cmov(b, cc, d, ra_);
    }
    opt_def_done(e, d);
    return;
  }
  /* d = a; if (!c) d = b */
  load_keep_flags(e, d, la, in->type, a);
  if (lb.kind == RA_LOC_STACK) {
    cmov_m(b, x64_cc_not(cc), d, opt_spill_mem(e, lb.offset));
  } else if (lb.kind == RA_LOC_REG) {
    cmov(b, x64_cc_not(cc), d, (x64_gpr)lb.reg);
  } else {
    x64_gpr t = d == OPT_T0 ? OPT_T1 : OPT_T0;
    load_keep_flags(e, t, lb, in->type, bv);
    cmov(b, x64_cc_not(cc), d, t);
  }
  opt_def_done(e, d);
}

/* ---- dispatch ----------------------------------------------------------------------------------- */

bool opt_emit_int(emitter *e, ssa_id v)
{
  ssa_inst *in = &e->f->insts[v];
  switch (in->op) {
  case IR_I32_ADD: case IR_I64_ADD: binop(e, v, A_ADD); return true;
  case IR_I32_SUB: case IR_I64_SUB: binop(e, v, A_SUB); return true;
  case IR_I32_MUL: case IR_I64_MUL: binop(e, v, A_MUL); return true;
  case IR_I32_AND: case IR_I64_AND: binop(e, v, A_AND); return true;
  case IR_I32_OR: case IR_I64_OR: binop(e, v, A_OR); return true;
  case IR_I32_XOR: case IR_I64_XOR: binop(e, v, A_XOR); return true;
  case IR_I32_SHL: case IR_I64_SHL: shift(e, v, S_SHL); return true;
  case IR_I32_SHR_S: case IR_I64_SHR_S: shift(e, v, S_SHR_S); return true;
  case IR_I32_SHR_U: case IR_I64_SHR_U: shift(e, v, S_SHR_U); return true;
  case IR_I32_ROTL: case IR_I64_ROTL: shift(e, v, S_ROTL); return true;
  case IR_I32_ROTR: case IR_I64_ROTR: shift(e, v, S_ROTR); return true;
  case IR_I32_DIV_S: case IR_I64_DIV_S: divide(e, v, true, false); return true;
  case IR_I32_DIV_U: case IR_I64_DIV_U: divide(e, v, false, false); return true;
  case IR_I32_REM_S: case IR_I64_REM_S: divide(e, v, true, true); return true;
  case IR_I32_REM_U: case IR_I64_REM_U: divide(e, v, false, true); return true;
  case IR_SELECT:
    if (ra_class_of(in->type) != RA_GPR)
      return false;
    select_gpr(e, v);
    return true;
  default:
    if (opt_is_int_compare(in->op)) {
      compare(e, v);
      return true;
    }
    return unary(e, v);
  }
}

/* What these instructions ask of the allocator (isel.c calls this first): false when the op
 * is not emitted here. */
bool opt_int_info(ssa_func *f, ssa_id v, ra_inst_info *out);
bool opt_int_info(ssa_func *f, ssa_id v, ra_inst_info *out)
{
  ssa_inst *in = &f->insts[v];
  const x64_cpu *cpu = x64_cpu_features();
  switch (in->op) {
  case IR_I32_ADD: case IR_I64_ADD: case IR_I32_SUB: case IR_I64_SUB: case IR_I32_MUL: case IR_I64_MUL:
  case IR_I32_AND: case IR_I64_AND: case IR_I32_OR: case IR_I64_OR: case IR_I32_XOR: case IR_I64_XOR:
    out->use_kind[1] = RA_USE_ANY; /* a spill slot is read as a memory operand */
    out->hint_operand = 0;
    return true;
  case IR_I32_SHL: case IR_I64_SHL: case IR_I32_SHR_S: case IR_I64_SHR_S: case IR_I32_SHR_U: case IR_I64_SHR_U:
  case IR_I32_ROTL: case IR_I64_ROTL: case IR_I32_ROTR: case IR_I64_ROTR: {
    enum shift k = in->op == IR_I32_SHL || in->op == IR_I64_SHL ? S_SHL
                   : in->op == IR_I32_SHR_S || in->op == IR_I64_SHR_S ? S_SHR_S
                   : in->op == IR_I32_SHR_U || in->op == IR_I64_SHR_U ? S_SHR_U
                   : in->op == IR_I32_ROTL || in->op == IR_I64_ROTL ? S_ROTL : S_ROTR;
    if (shift_uses_cl(f, v, k))
      out->clobber[RA_GPR] |= 1u << X64_RCX;
    out->hint_operand = 0;
    return true;
  }
  case IR_I32_DIV_S: case IR_I64_DIV_S: case IR_I32_DIV_U: case IR_I64_DIV_U: case IR_I32_REM_S: case IR_I64_REM_S:
  case IR_I32_REM_U: case IR_I64_REM_U:
    out->clobber[RA_GPR] |= 1u << X64_RAX | 1u << X64_RDX;
    out->use_kind[0] = out->use_kind[1] = RA_USE_ANY;
    return true;
  case IR_SELECT:
    if (ra_class_of(in->type) != RA_GPR)
      return false;
    out->use_kind[1] = out->use_kind[2] = RA_USE_ANY;
    out->hint_operand = 0;
    return true;
  case IR_I32_CLZ: case IR_I64_CLZ: return cpu->lzcnt;
  case IR_I32_CTZ: case IR_I64_CTZ: return cpu->bmi1;
  case IR_I32_POPCNT: case IR_I64_POPCNT: return cpu->popcnt;
  case IR_I32_EXTEND8_S: case IR_I32_EXTEND16_S: case IR_I64_EXTEND8_S: case IR_I64_EXTEND16_S:
  case IR_I64_EXTEND32_S: case IR_I64_EXTEND_I32_S: case IR_I64_EXTEND_I32_U: case IR_I32_WRAP_I64:
    out->hint_operand = 0;
    return true;
  default:
    if (opt_is_int_compare(in->op)) {
      out->use_kind[1] = RA_USE_ANY;
      return true;
    }
    return false;
  }
}
