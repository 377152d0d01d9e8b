/* simd.h: the v128 op sequences both JITs emit (SSE4.1 and SSSE3; SSE4.2 and AVX2 where present), over a small interface each JIT implements. */
#ifndef WLAB_X64_SIMD_H
#define WLAB_X64_SIMD_H

#include <stdbool.h>
#include <stdint.h>

#include "x64/asm.h"

/*
 * A sequence names its operands by position (0, 1, 2: the op's first, second and third
 * operand, as docs/ir.md orders them) and asks the JIT, through x64_vjit_ops, for what only
 * the JIT knows: where an operand is, which register the result goes to, scratch registers,
 * the address of a 16-byte constant and of a memory access.  The baseline answers from its
 * value state (baseline/emit_simd.c), the optimising tier from its register allocation
 * (opt/emit_simd.c).  Op numbers are the IR's (core/ir.h); the result is bit-exact with
 * core/simd.h, NaN payloads included (simd.c says how).
 *
 * Register classes are numbered as both JITs number them: 0 general, 1 xmm.
 */

enum { X64_VCLS_GPR = 0, X64_VCLS_XMM = 1 };
#define X64_VNONE (-1)

typedef struct x64_vjit x64_vjit;

typedef struct x64_vjit_ops {
  /* Is operand k a constant?  Its bits: a v128's two halves, or a scalar's 64 bits. */
  bool (*is_const)(x64_vjit *j, unsigned k);
  void (*const_v128)(x64_vjit *j, unsigned k, uint64_t *lo, uint64_t *hi);
  uint64_t (*const_value)(x64_vjit *j, unsigned k);
  /* Operand k (not a v128 constant) in a register of class cls, held until the op is done. */
  unsigned (*use)(x64_vjit *j, unsigned k, unsigned cls, uint8_t type);
  /* May the result overwrite operand k's register (k dies here, or is the result)? */
  bool (*may_overwrite)(x64_vjit *j, unsigned k);
  /* The result's register of class cls; `reuse` is an operand register the JIT may give it
   * (or X64_VNONE).  The sequence writes it before reading any operand not named to begin(). */
  unsigned (*def)(x64_vjit *j, unsigned cls, uint8_t type, int reuse);
  /* A scratch register of cls, distinct from the operands', the result's and earlier temps. */
  unsigned (*temp)(x64_vjit *j, unsigned cls);
  /* A 16-byte constant, 16-byte aligned, for `lea` (x64_lea_r64_label). */
  x64_label_id (*const128)(x64_vjit *j, uint64_t lo, uint64_t hi);
  /* The memory operand of an access of `size` bytes at operand k + offset, bounds-checked as
   * the JIT checks them (only for the memory ops). */
  x64_mem (*address)(x64_vjit *j, unsigned k, uint64_t offset, unsigned size);
  /* A reduction whose result only a branch reads: sets the flags with ptest x, y and branches
   * on cc itself, returning true; false when the result is wanted as an i32 (may be NULL). */
  bool (*branch_on_test)(x64_vjit *j, x64_xmm x, x64_xmm y, x64_cc cc);
} x64_vjit_ops;

/* One op to emit: the JIT fills the first part (and embeds the struct in its own state). */
struct x64_vjit {
  const x64_vjit_ops *ops;
  x64_buf *b;
  uint16_t op;           /* ir_op */
  uint8_t lane;          /* lane ops: the lane */
  uint64_t offset;       /* memory ops: the static offset */
  uint64_t shuffle[2];   /* i8x16.shuffle: the 16 lane indices, low 8 first */
  bool same_operands;    /* i8x16.shuffle: operands 0 and 1 are the same value */
  bool failed;           /* set when the op is not one x64_simd_emit knows (a JIT bug) */
  /* the sequences' own state */
  unsigned d;            /* the result register begin() chose */
};

/* Can this CPU run op's sequence?  (SSE4.1 and SSSE3 for all; SSE4.2 for the i64x2 signed
 * compares; v128.load, v128.store and v128.const are not SIMD sequences.) */
bool x64_simd_supported(uint16_t op);
/* Is op one of the memory ops (an address operand and an offset)? */
bool x64_simd_is_memory(uint16_t op);
/* The most xmm scratch registers op's sequence asks for with `temp`, counting the result's
 * register when def() hands out a scratch one (a result in a spill slot), not counting the
 * register a constant operand is loaded into (one each: v128 operands, and replace_lane's
 * scalar).  imm_count: a shift's count is a constant. */
unsigned x64_simd_xmm_temps(uint16_t op, bool imm_count);
/* The same for general registers, not counting those `address` takes. */
unsigned x64_simd_gpr_temps(uint16_t op, bool imm_count);
/* Emits op (j->d, j->failed are set here). */
void x64_simd_emit(x64_vjit *j);

#endif
