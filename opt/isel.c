/* isel.c: what each SSA instruction asks of the register allocator: operands that must be in registers, registers it destroys, which operand's register the result would like. */
#include "opt/emit.h"

/*
 * The emitter and the allocator must agree: an instruction that calls C (a call, a bulk-memory
 * or table helper, a value op left to C) destroys every caller-saved register; a division rax
 * and rdx; a shift by a register without BMI2 rcx.  An operand the emitter can read from a
 * spill slot (a memory operand, or a load into a scratch register) is RA_USE_ANY, so the
 * allocator need not reload it.  The per-kind files answer for their own ops (opt_int_info,
 * opt_float_info, opt_simd_info); this file for the rest.
 */

bool opt_int_info(ssa_func *f, ssa_id v, ra_inst_info *out);
bool opt_float_info(ssa_func *f, ssa_id v, ra_inst_info *out);
bool opt_simd_info(ssa_func *f, ssa_id v, ra_inst_info *out);

/* rax rcx rdx rsi rdi r8 r9 (r10, r11 are never allocated) and xmm0-13 */
static void clobber_caller_saved(ra_inst_info *out)
{
  out->clobber[RA_GPR] |= 1u << X64_RAX | 1u << X64_RCX | 1u << X64_RDX | 1u << X64_RSI | 1u << X64_RDI |
                          1u << X64_R8 | 1u << X64_R9;
  out->clobber[RA_XMM] |= 0x3FFF;
}

static void all_any(ra_inst_info *out)
{
  for (int k = 0; k < 4; k++)
    out->use_kind[k] = RA_USE_ANY;
}

/* Plain loads and stores are native (emit.c); the lane-shaping v128 ones are emit_simd.c's
 * sequences, or call C on a CPU without them. */
static bool plain_memory(uint16_t op)
{
  switch (op) {
  case IR_I32_LOAD: case IR_I64_LOAD: case IR_F32_LOAD: case IR_F64_LOAD: case IR_V128_LOAD: case IR_I32_LOAD8_S:
  case IR_I32_LOAD8_U: case IR_I64_LOAD8_U: case IR_I32_LOAD16_S: case IR_I32_LOAD16_U: case IR_I64_LOAD16_U:
  case IR_I64_LOAD8_S: case IR_I64_LOAD16_S: case IR_I64_LOAD32_S: case IR_I64_LOAD32_U:
  case IR_I32_STORE: case IR_I64_STORE32: case IR_I64_STORE: case IR_I32_STORE8: case IR_I64_STORE8:
  case IR_I32_STORE16: case IR_I64_STORE16: case IR_F32_STORE: case IR_F64_STORE: case IR_V128_STORE:
    return true;
  default:
    return false;
  }
}

static void inst_info(ssa_func *f, ssa_id v, ra_inst_info *out)
{
  ssa_inst *in = &f->insts[v];
  uint16_t op = in->op;
  switch (op) {
  case SSA_CONST: case SSA_RESULT:
    all_any(out);
    return;
  case IR_CALL: case IR_CALL_INDIRECT: case IR_RETURN_CALL: case IR_RETURN_CALL_INDIRECT:
    all_any(out);
    clobber_caller_saved(out);
    return;
  case IR_RETURN: case IR_BR: case IR_UNREACHABLE:
    all_any(out);
    return;
  case IR_BR_IF: {
    /* an integer compare right before the branch becomes flags for it (emit.c, choose_fusions)
     * and needs no register: asking for one made a full loop evict a value live around it, to
     * be reloaded on every back edge, for a result that is never written.  (Not fused after
     * all, the branch tests it where it is.)  Any other condition wants a register: a load's
     * byte say, which would otherwise be stored and read back. */
    ssa_id c = ssa_args(f, v)[0];
    if (in->prev == c && (opt_isel_fusable_compare(f, c) || opt_isel_fusable_and(f, c)))
      out->use_kind[0] = RA_USE_ANY;
    return;
  }
  case IR_BR_TABLE:
    return; /* the index in a register */
  case IR_GLOBAL_GET: case IR_GLOBAL_SET: case IR_REF_FUNC: case IR_REF_IS_NULL: case IR_TABLE_GET:
  case IR_TABLE_SET: case IR_TABLE_SIZE: case IR_MEMORY_SIZE:
    all_any(out);
    return;
  case IR_MEMORY_GROW: case IR_MEMORY_FILL: case IR_MEMORY_COPY: case IR_MEMORY_INIT: case IR_DATA_DROP:
  case IR_ELEM_DROP: case IR_TABLE_GROW: case IR_TABLE_FILL: case IR_TABLE_COPY: case IR_TABLE_INIT:
    all_any(out);
    clobber_caller_saved(out);
    return;
  default:
    break;
  }
  if (ssa_is_load(op) || ssa_is_store(op)) {
    if (plain_memory(op)) {
      out->use_kind[1] = RA_USE_ANY; /* a store's value */
      return;
    }
    if (opt_simd_info(f, v, out))
      return;
    all_any(out);
    clobber_caller_saved(out);
    return;
  }
  if (op == IR_I32_AND && in->next && f->insts[in->next].op == IR_BR_IF && ssa_args(f, in->next)[0] == v &&
      opt_isel_fusable_and(f, v)) {
    /* two compares for a branch: never computed into registers (emit.c, choose_fusions) */
    out->use_kind[0] = out->use_kind[1] = RA_USE_ANY;
    return;
  }
  if (opt_int_info(f, v, out) || opt_float_info(f, v, out) || opt_simd_info(f, v, out))
    return;
  /* a value op left to C */
  all_any(out);
  clobber_caller_saved(out);
}

/* Whether v is one the emitter may fold into the instruction right after it (emit.c,
 * choose_fusions, which decides after allocation): a shift by 1-3 into the add's lea, a compare
 * (or the and of two) into the branch's flags, a load's add of a constant into the store of it
 * back.  The emitter asks more (one use, no moves between); this is what the allocator needs to
 * know that a register for v may buy nothing. */
static bool folds_into_next(ssa_func *f, ssa_id v)
{
  const ssa_inst *in = &f->insts[v];
  if (!in->next || in->op == SSA_CONST)
    return false;
  ssa_id n = in->next;
  const ssa_inst *nx = &f->insts[n];
  const ssa_id *as = ssa_args(f, v), *ns = ssa_args(f, n);
  if (nx->op == IR_BR_IF)
    return ns[0] == v && (opt_isel_fusable_compare(f, v) || opt_isel_fusable_and(f, v));
  if (in->op == IR_I32_SHL || in->op == IR_I64_SHL) {
    uint64_t k = ssa_is_const(f, as[1]) ? f->insts[as[1]].imm & (in->op == IR_I64_SHL ? 63 : 31) : 0;
    return k >= 1 && k <= 3 && nx->op == (in->op == IR_I64_SHL ? IR_I64_ADD : IR_I32_ADD) && (ns[0] == v || ns[1] == v);
  }
  if ((in->op == IR_I32_ADD || in->op == IR_I64_ADD || in->op == IR_I32_SUB || in->op == IR_I64_SUB) &&
      (nx->op == IR_I32_STORE || nx->op == IR_I64_STORE) && ns[1] == v && in->prev &&
      ssa_is_load(f->insts[in->prev].op))
    return as[0] == in->prev || as[1] == in->prev;
  return false;
}

void opt_isel_info(ssa_func *f, ssa_id v, ra_inst_info *out)
{
  inst_info(f, v, out);
  out->folds_into_next = folds_into_next(f, v);
}

bool opt_isel_fusable_compare(const ssa_func *f, ssa_id c)
{
  return opt_is_int_compare(f->insts[c].op) || opt_is_float_branch_compare(f->insts[c].op);
}

/* c = i32.and a, b with a and b the two compares right before it (in either order): the branch
 * on c becomes the first compare's jcc to the false edge and the second's to the true one, the
 * and itself nothing (mainloop's range test before a float-to-integer truncation). */
bool opt_isel_fusable_and(ssa_func *f, ssa_id c)
{
  const ssa_inst *in = &f->insts[c];
  if (in->op != IR_I32_AND || !in->prev || !f->insts[in->prev].prev)
    return false;
  ssa_id x = ssa_args(f, c)[0], y = ssa_args(f, c)[1];
  ssa_id second = in->prev, first = f->insts[second].prev;
  return x != y && (x == first || x == second) && (y == first || y == second) && opt_isel_fusable_compare(f, first) &&
         opt_isel_fusable_compare(f, second);
}
