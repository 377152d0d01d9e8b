/* emit_simd.c: the baseline compiler's v128 ops: x64/simd.c's sequences over the value state (vstate.h). */
#include "baseline/compile.h"

#include "core/instance.h"
#include "core/memory.h"
#include "wasmlab.h"
#include "x64/simd.h"

/*
 * The sequences (and which ops have one: SSE4.1 and SSSE3 needed, SSE4.2 for the i64x2 signed
 * compares) are x64/simd.c's, shared with the optimising tier; the rest run in C.  This file
 * answers their questions from the value state: operand k is the IR instruction's a, b or c; an
 * operand's register is vs_use's (a constant is loaded into a scratch register, its slot, if
 * any, staying a constant); the result register is vs_def's, which may take a source's register
 * when the source dies here; scratch registers are vs_temp's; 16-byte constants come from the
 * function's pool (bl_const128).  A v128 test whose i32 only feeds the next br_if jumps on
 * ptest's flags.
 */

typedef struct bl_vjit {
  x64_vjit j;          /* first: the sequences' view */
  bl_comp *c;
  const ir_inst *in;
} bl_vjit;

static inline bl_vjit *BJ(x64_vjit *j) { return (bl_vjit *)j; }

/* The slot (or IR constant operand) that is operand k. */
static uint32_t operand(x64_vjit *j, unsigned k)
{
  const ir_inst *in = BJ(j)->in;
  return k == 0 ? in->a : k == 1 ? in->b : in->c;
}

static bool b_is_const(x64_vjit *j, unsigned k) { return vs_is_const(&BJ(j)->c->v, operand(j, k)); }

static void b_const_v128(x64_vjit *j, unsigned k, uint64_t *lo, uint64_t *hi)
{
  bl_comp *c = BJ(j)->c;
  uint32_t x = operand(j, k);
  uint32_t kk = IR_IS_CONST(x) ? x : c->v.slots[x].k;
  *lo = c->ir->consts[IR_CONST_INDEX(kk)];
  *hi = c->ir->consts[IR_CONST_INDEX(kk) + 1];
}

static uint64_t b_const_value(x64_vjit *j, unsigned k) { return vs_const_value(&BJ(j)->c->v, operand(j, k)); }

static unsigned b_use(x64_vjit *j, unsigned k, unsigned cls, uint8_t type)
{
  return vs_use(&BJ(j)->c->v, operand(j, k), (vs_cls)cls, type);
}

static bool b_may_overwrite(x64_vjit *j, unsigned k)
{
  bl_comp *c = BJ(j)->c;
  uint32_t x = operand(j, k), r = BJ(j)->in->r;
  if (c->v.slots[x].pinned)
    return false;
  return x == r || bl_dies(c, x, r);
}

static unsigned b_def(x64_vjit *j, unsigned cls, uint8_t type, int reuse)
{
  return vs_def(&BJ(j)->c->v, BJ(j)->in->r, (vs_cls)cls, type, reuse);
}

static unsigned b_temp(x64_vjit *j, unsigned cls) { return vs_temp(&BJ(j)->c->v, (vs_cls)cls); }

static x64_label_id b_const128(x64_vjit *j, uint64_t lo, uint64_t hi) { return bl_const128(BJ(j)->c, lo, hi); }

/* The address of an access of `size` bytes at operand k + offset: a memory operand based on
 * r14, bounds-checked first when checks are explicit (compile.c's access_address). */
static x64_mem b_address(x64_vjit *j, unsigned k, uint64_t offset, unsigned size)
{
  bl_comp *c = BJ(j)->c;
  vstate *v = &c->v;
  x64_buf *b = c->b;
  uint32_t addr = operand(j, k);
  vs_opnd o = vs_peek(v, addr);
  if (o.kind == VS_CONST) {
    uint64_t ea = (uint64_t)(uint32_t)o.imm + offset;
    if (c->explicit_bounds) {
      unsigned t = vs_temp(v, VS_GPR), m = vs_temp(v, VS_GPR);
      x64_mov_r64_imm(b, (x64_gpr)t, ea + size);
      x64_mov_r64_m64(b, (x64_gpr)m, x64_mem_bd(X64_R13, offsetof(vmctx, mem)));
      x64_cmp_r64_m64(b, (x64_gpr)t, x64_mem_bd((x64_gpr)m, offsetof(memory, size)));
      x64_jcc_label(b, X64_CC_A, bl_trap_label(c, TRAP_MEMORY_OOB));
    }
    if (ea <= INT32_MAX)
      return x64_mem_bd(X64_R14, (int32_t)ea);
    unsigned t = vs_temp(v, VS_GPR);
    x64_mov_r64_imm(b, (x64_gpr)t, ea);
    return x64_mem_bisd(X64_R14, (x64_gpr)t, 1, 0);
  }
  x64_gpr base = (x64_gpr)vs_use(v, addr, VS_GPR, WLAB_I32);
  if (c->explicit_bounds) {
    unsigned t = vs_temp(v, VS_GPR), m = vs_temp(v, VS_GPR);
    if (offset + size <= INT32_MAX) {
      x64_lea_r64_m(b, (x64_gpr)t, x64_mem_bd(base, (int32_t)(offset + size)));
    } else {
      x64_mov_r64_imm(b, (x64_gpr)t, offset + size);
      x64_add_r64_r64(b, (x64_gpr)t, base);
    }
    x64_mov_r64_m64(b, (x64_gpr)m, x64_mem_bd(X64_R13, offsetof(vmctx, mem)));
    x64_cmp_r64_m64(b, (x64_gpr)t, x64_mem_bd((x64_gpr)m, offsetof(memory, size)));
    x64_jcc_label(b, X64_CC_A, bl_trap_label(c, TRAP_MEMORY_OOB));
  }
  if (offset <= INT32_MAX)
    return x64_mem_bisd(X64_R14, base, 1, (int32_t)offset);
  unsigned t = vs_temp(v, VS_GPR);
  x64_mov_r32_imm32(b, (x64_gpr)t, (uint32_t)offset);
  x64_add_r64_r64(b, (x64_gpr)t, base);
  return x64_mem_bisd(X64_R14, (x64_gpr)t, 1, 0);
}

/* A test whose result only feeds the next br_if jumps on ptest's flags instead. */
static bool b_branch_on_test(x64_vjit *j, x64_xmm x, x64_xmm y, x64_cc cc)
{
  bl_comp *c = BJ(j)->c;
  const ir_inst *in = BJ(j)->in;
  const ir_inst *br = bl_fusable_branch(c, in);
  if (!br)
    return false;
  /* the operand dies here, even in r's slot (r is never written: only the branch reads it) */
  if (bl_dies(c, in->a, in->r) || (!IR_IS_CONST(in->a) && in->a == in->r))
    vs_kill(&c->v, in->a);
  vs_flush(&c->v);
  x64_ptest_xmm_xmm(c->b, x, y);
  bl_branch_on(c, br, cc);
  return true;
}

static const x64_vjit_ops bl_vjit_ops = {
  b_is_const, b_const_v128, b_const_value, b_use, b_may_overwrite, b_def, b_temp, b_const128, b_address,
  b_branch_on_test,
};

bool bl_emit_simd(bl_comp *c, const ir_inst *in)
{
  ir_op op = (ir_op)in->op;
  if (!x64_simd_supported((uint16_t)op))
    return false;
  bl_vjit s = {{0}, c, in};
  s.j.ops = &bl_vjit_ops;
  s.j.b = c->b;
  s.j.op = (uint16_t)op;
  s.j.lane = (uint8_t)in->aux;
  /* the static offset: b of the shaped loads, c of the lane accesses (a is the address) */
  s.j.offset = op >= IR_V128_LOAD8_LANE && op <= IR_V128_STORE64_LANE ? in->c : in->b;
  if (op == IR_I8X16_SHUFFLE) {
    uint64_t lo, hi;
    b_const_v128(&s.j, 2, &lo, &hi);
    s.j.shuffle[0] = lo;
    s.j.shuffle[1] = hi;
    s.j.same_operands = in->a == in->b;
  }
  x64_simd_emit(&s.j);
  if (s.j.failed)
    c->v.failed = true; /* unreachable: x64_simd_supported and x64_simd_emit disagree */
  return true;
}
