/* asm.h: the x86-64 instruction encoder, one function per instruction and operand form. */
#ifndef WLAB_X64_ASM_H
#define WLAB_X64_ASM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Names follow the Intel manual's operand forms: x64_<mnemonic>_<dst>_<src>, where r8/r16/r32/
 * r64 is a general register of that width, m8..m64 a memory operand of that size, m a memory
 * operand whose size the instruction fixes (lea), imm8/imm32/imm64 an immediate and xmm an SSE
 * register. Intel operand order throughout: destination first.
 *
 * Emitting never fails on the spot: running out of memory sets a flag that x64_buf_ok()
 * reports, so a compiler checks once per function instead of after every instruction.
 */

typedef enum x64_gpr {
#define X64_GPR(name, asm_name, enc) name = enc,
#include "regs.def"
#undef X64_GPR
  X64_NOREG = -1,   /* "no index register" in x64_mem */
} x64_gpr;

typedef enum x64_xmm {
#define X64_XMM(name, asm_name, enc) name = enc,
#include "regs.def"
#undef X64_XMM
} x64_xmm;

/* Condition codes: the low nibble of Jcc (0F 80+cc), SETcc (0F 90+cc) and CMOVcc (0F 40+cc).
   Flipping bit 0 negates a condition (x64_cc_not). */
typedef enum x64_cc {
  X64_CC_O  = 0x0,  /* overflow */
  X64_CC_NO = 0x1,
  X64_CC_B  = 0x2,  /* below (unsigned <), carry */
  X64_CC_AE = 0x3,  /* above or equal (unsigned >=) */
  X64_CC_E  = 0x4,  /* equal, zero */
  X64_CC_NE = 0x5,
  X64_CC_BE = 0x6,  /* unsigned <= */
  X64_CC_A  = 0x7,  /* unsigned > */
  X64_CC_S  = 0x8,  /* sign */
  X64_CC_NS = 0x9,
  X64_CC_P  = 0xA,  /* parity: after ucomiss/ucomisd, "unordered" (a NaN operand) */
  X64_CC_NP = 0xB,
  X64_CC_L  = 0xC,  /* signed < */
  X64_CC_GE = 0xD,
  X64_CC_LE = 0xE,
  X64_CC_G  = 0xF,  /* signed > */
} x64_cc;

static inline x64_cc x64_cc_not(x64_cc cc) { return (x64_cc)(cc ^ 1); }

/* SSE4.1 roundss/roundsd immediates (bits 0-1 the mode; bit 3 suppresses the inexact
   exception, which wasm never observes). */
typedef enum x64_round {
  X64_ROUND_NEAREST = 0x8,
  X64_ROUND_FLOOR   = 0x9,
  X64_ROUND_CEIL    = 0xA,
  X64_ROUND_TRUNC   = 0xB,
} x64_round;

/* A memory operand: [base + index*scale + disp]. index is X64_NOREG when absent; scale is
   1, 2, 4 or 8; index cannot be rsp (the encoding means "no index"); a base is required.
   An operand outside these rules makes x64_buf_ok() false. */
typedef struct x64_mem {
  x64_gpr base;
  x64_gpr index;
  uint8_t scale;
  int32_t disp;
} x64_mem;

static inline x64_mem x64_mem_bd(x64_gpr base, int32_t disp)
{
  return (x64_mem){ base, X64_NOREG, 1, disp };
}

static inline x64_mem x64_mem_bisd(x64_gpr base, x64_gpr index, unsigned scale, int32_t disp)
{
  return (x64_mem){ base, index, (uint8_t)scale, disp };
}

/* A label is an index into the buffer's label table; forward references to it are chained
   through their own rel32 fields and patched when it is bound. */
typedef uint32_t x64_label_id;

typedef struct x64_label_slot {
  int32_t pos;    /* bound offset, or -1 */
  int32_t chain;  /* offset of the newest unpatched rel32 that refers here, or -1 */
} x64_label_slot;

typedef struct x64_buf {
  uint8_t *code;
  size_t len, cap;
  x64_label_slot *labels;
  uint32_t nlabels, label_cap;
  uint32_t pending;   /* references to labels not bound yet */
  bool failed;        /* an allocation failed; the contents are not to be used */
} x64_buf;

/* buffer */
void x64_buf_init(x64_buf *b);
void x64_buf_free(x64_buf *b);
void x64_buf_reset(x64_buf *b);   /* empty again, keeping the memory */
bool x64_buf_ok(const x64_buf *b); /* no allocation failed and every referenced label is bound */
static inline size_t x64_here(const x64_buf *b) { return b->len; }
void x64_emit_bytes(x64_buf *b, const void *bytes, size_t n);

/* labels */
x64_label_id x64_label(x64_buf *b);
void x64_bind(x64_buf *b, x64_label_id l);
bool x64_label_bound(const x64_buf *b, x64_label_id l);
size_t x64_label_pos(const x64_buf *b, x64_label_id l);

const char *x64_gpr_name(x64_gpr r);   /* the 64-bit name */
const char *x64_xmm_name(x64_xmm r);

/* moves */
void x64_mov_r32_r32(x64_buf *b, x64_gpr dst, x64_gpr src);  /* zero-extends into 64 bits */
void x64_mov_r64_r64(x64_buf *b, x64_gpr dst, x64_gpr src);
void x64_mov_r32_imm32(x64_buf *b, x64_gpr dst, uint32_t imm);
void x64_mov_r64_simm32(x64_buf *b, x64_gpr dst, int32_t imm);   /* sign-extended */
void x64_mov_r64_imm64(x64_buf *b, x64_gpr dst, uint64_t imm);   /* movabs, always 10 bytes */
void x64_mov_r64_imm(x64_buf *b, x64_gpr dst, uint64_t imm);     /* the shortest of the three */
void x64_mov_r32_m32(x64_buf *b, x64_gpr dst, x64_mem m);
void x64_mov_r64_m64(x64_buf *b, x64_gpr dst, x64_mem m);
void x64_mov_m8_r8(x64_buf *b, x64_mem m, x64_gpr src);
void x64_mov_m16_r16(x64_buf *b, x64_mem m, x64_gpr src);
void x64_mov_m32_r32(x64_buf *b, x64_mem m, x64_gpr src);
void x64_mov_m64_r64(x64_buf *b, x64_mem m, x64_gpr src);
void x64_mov_m8_imm8(x64_buf *b, x64_mem m, uint8_t imm);
void x64_mov_m16_imm16(x64_buf *b, x64_mem m, uint16_t imm);
void x64_mov_m32_imm32(x64_buf *b, x64_mem m, uint32_t imm);
void x64_mov_m64_simm32(x64_buf *b, x64_mem m, int32_t imm);

/* widening loads and register extensions (32-bit destinations zero the upper half) */
void x64_movzx_r32_m8(x64_buf *b, x64_gpr dst, x64_mem m);
void x64_movzx_r32_m16(x64_buf *b, x64_gpr dst, x64_mem m);
void x64_movsx_r32_m8(x64_buf *b, x64_gpr dst, x64_mem m);
void x64_movsx_r32_m16(x64_buf *b, x64_gpr dst, x64_mem m);
void x64_movsx_r64_m8(x64_buf *b, x64_gpr dst, x64_mem m);
void x64_movsx_r64_m16(x64_buf *b, x64_gpr dst, x64_mem m);
void x64_movsxd_r64_m32(x64_buf *b, x64_gpr dst, x64_mem m);
void x64_movzx_r32_r8(x64_buf *b, x64_gpr dst, x64_gpr src);
void x64_movzx_r32_r16(x64_buf *b, x64_gpr dst, x64_gpr src);
void x64_movsx_r32_r8(x64_buf *b, x64_gpr dst, x64_gpr src);
void x64_movsx_r32_r16(x64_buf *b, x64_gpr dst, x64_gpr src);
void x64_movsx_r64_r8(x64_buf *b, x64_gpr dst, x64_gpr src);
void x64_movsx_r64_r16(x64_buf *b, x64_gpr dst, x64_gpr src);
void x64_movsxd_r64_r32(x64_buf *b, x64_gpr dst, x64_gpr src);

void x64_lea_r32_m(x64_buf *b, x64_gpr dst, x64_mem m);
void x64_lea_r64_m(x64_buf *b, x64_gpr dst, x64_mem m);

/* two-operand integer arithmetic; the _imm32 forms use the imm8 encoding when it fits */
void x64_add_r32_r32(x64_buf *b, x64_gpr dst, x64_gpr src);
void x64_add_r64_r64(x64_buf *b, x64_gpr dst, x64_gpr src);
void x64_add_r32_imm32(x64_buf *b, x64_gpr dst, int32_t imm);
void x64_add_r64_imm32(x64_buf *b, x64_gpr dst, int32_t imm);
void x64_add_r32_m32(x64_buf *b, x64_gpr dst, x64_mem m);
void x64_add_r64_m64(x64_buf *b, x64_gpr dst, x64_mem m);
void x64_sub_r32_r32(x64_buf *b, x64_gpr dst, x64_gpr src);
void x64_sub_r64_r64(x64_buf *b, x64_gpr dst, x64_gpr src);
void x64_sub_r32_imm32(x64_buf *b, x64_gpr dst, int32_t imm);
void x64_sub_r64_imm32(x64_buf *b, x64_gpr dst, int32_t imm);
void x64_sub_r32_m32(x64_buf *b, x64_gpr dst, x64_mem m);
void x64_sub_r64_m64(x64_buf *b, x64_gpr dst, x64_mem m);
void x64_and_r32_r32(x64_buf *b, x64_gpr dst, x64_gpr src);
void x64_and_r64_r64(x64_buf *b, x64_gpr dst, x64_gpr src);
void x64_and_r32_imm32(x64_buf *b, x64_gpr dst, int32_t imm);
void x64_and_r64_imm32(x64_buf *b, x64_gpr dst, int32_t imm);
void x64_and_r32_m32(x64_buf *b, x64_gpr dst, x64_mem m);
void x64_and_r64_m64(x64_buf *b, x64_gpr dst, x64_mem m);
void x64_or_r32_r32(x64_buf *b, x64_gpr dst, x64_gpr src);
void x64_or_r64_r64(x64_buf *b, x64_gpr dst, x64_gpr src);
void x64_or_r32_imm32(x64_buf *b, x64_gpr dst, int32_t imm);
void x64_or_r64_imm32(x64_buf *b, x64_gpr dst, int32_t imm);
void x64_or_r32_m32(x64_buf *b, x64_gpr dst, x64_mem m);
void x64_or_r64_m64(x64_buf *b, x64_gpr dst, x64_mem m);
void x64_xor_r32_r32(x64_buf *b, x64_gpr dst, x64_gpr src);
void x64_xor_r64_r64(x64_buf *b, x64_gpr dst, x64_gpr src);
void x64_xor_r32_imm32(x64_buf *b, x64_gpr dst, int32_t imm);
void x64_xor_r64_imm32(x64_buf *b, x64_gpr dst, int32_t imm);
void x64_xor_r32_m32(x64_buf *b, x64_gpr dst, x64_mem m);
void x64_xor_r64_m64(x64_buf *b, x64_gpr dst, x64_mem m);
void x64_cmp_r32_r32(x64_buf *b, x64_gpr a, x64_gpr c);
void x64_cmp_r64_r64(x64_buf *b, x64_gpr a, x64_gpr c);
void x64_cmp_r32_imm32(x64_buf *b, x64_gpr a, int32_t imm);
void x64_cmp_r64_imm32(x64_buf *b, x64_gpr a, int32_t imm);
void x64_cmp_r32_m32(x64_buf *b, x64_gpr a, x64_mem m);
void x64_cmp_r64_m64(x64_buf *b, x64_gpr a, x64_mem m);
void x64_test_r32_r32(x64_buf *b, x64_gpr a, x64_gpr c);
void x64_test_r64_r64(x64_buf *b, x64_gpr a, x64_gpr c);
void x64_test_r32_imm32(x64_buf *b, x64_gpr a, int32_t imm);   /* no imm8 form exists */
void x64_test_r64_imm32(x64_buf *b, x64_gpr a, int32_t imm);
void x64_test_m32_r32(x64_buf *b, x64_mem m, x64_gpr a);       /* TEST r/m, r: memory first */
void x64_test_m64_r64(x64_buf *b, x64_mem m, x64_gpr a);

/* multiply, divide, negate */
void x64_imul_r32_r32(x64_buf *b, x64_gpr dst, x64_gpr src);
void x64_imul_r64_r64(x64_buf *b, x64_gpr dst, x64_gpr src);
void x64_imul_r32_m32(x64_buf *b, x64_gpr dst, x64_mem m);
void x64_imul_r64_m64(x64_buf *b, x64_gpr dst, x64_mem m);
void x64_imul_r32_r32_imm32(x64_buf *b, x64_gpr dst, x64_gpr src, int32_t imm);
void x64_imul_r64_r64_imm32(x64_buf *b, x64_gpr dst, x64_gpr src, int32_t imm);
void x64_cdq(x64_buf *b);   /* edx:eax = sign-extend eax, before idiv r32 */
void x64_cqo(x64_buf *b);   /* rdx:rax = sign-extend rax, before idiv r64 */
void x64_div_r32(x64_buf *b, x64_gpr src);    /* edx:eax / src: eax quotient, edx remainder */
void x64_div_r64(x64_buf *b, x64_gpr src);
void x64_idiv_r32(x64_buf *b, x64_gpr src);
void x64_idiv_r64(x64_buf *b, x64_gpr src);
void x64_neg_r32(x64_buf *b, x64_gpr r);
void x64_neg_r64(x64_buf *b, x64_gpr r);
void x64_not_r32(x64_buf *b, x64_gpr r);
void x64_not_r64(x64_buf *b, x64_gpr r);

/* shifts and rotates, by cl or by an immediate (the hardware masks the count to 5 or 6 bits,
   as wasm wants) */
void x64_shl_r32_cl(x64_buf *b, x64_gpr r);
void x64_shl_r64_cl(x64_buf *b, x64_gpr r);
void x64_shl_r32_imm8(x64_buf *b, x64_gpr r, uint8_t n);
void x64_shl_r64_imm8(x64_buf *b, x64_gpr r, uint8_t n);
void x64_shr_r32_cl(x64_buf *b, x64_gpr r);
void x64_shr_r64_cl(x64_buf *b, x64_gpr r);
void x64_shr_r32_imm8(x64_buf *b, x64_gpr r, uint8_t n);
void x64_shr_r64_imm8(x64_buf *b, x64_gpr r, uint8_t n);
void x64_sar_r32_cl(x64_buf *b, x64_gpr r);
void x64_sar_r64_cl(x64_buf *b, x64_gpr r);
void x64_sar_r32_imm8(x64_buf *b, x64_gpr r, uint8_t n);
void x64_sar_r64_imm8(x64_buf *b, x64_gpr r, uint8_t n);
void x64_rol_r32_cl(x64_buf *b, x64_gpr r);
void x64_rol_r64_cl(x64_buf *b, x64_gpr r);
void x64_rol_r32_imm8(x64_buf *b, x64_gpr r, uint8_t n);
void x64_rol_r64_imm8(x64_buf *b, x64_gpr r, uint8_t n);
void x64_ror_r32_cl(x64_buf *b, x64_gpr r);
void x64_ror_r64_cl(x64_buf *b, x64_gpr r);
void x64_ror_r32_imm8(x64_buf *b, x64_gpr r, uint8_t n);
void x64_ror_r64_imm8(x64_buf *b, x64_gpr r, uint8_t n);

/* bit counts: lzcnt needs ABM/LZCNT, tzcnt BMI1, popcnt POPCNT; on older CPUs lzcnt and tzcnt
   decode as bsr and bsf (different results), so the compiler must check CPUID first */
void x64_lzcnt_r32_r32(x64_buf *b, x64_gpr dst, x64_gpr src);
void x64_lzcnt_r64_r64(x64_buf *b, x64_gpr dst, x64_gpr src);
void x64_tzcnt_r32_r32(x64_buf *b, x64_gpr dst, x64_gpr src);
void x64_tzcnt_r64_r64(x64_buf *b, x64_gpr dst, x64_gpr src);
void x64_popcnt_r32_r32(x64_buf *b, x64_gpr dst, x64_gpr src);
void x64_popcnt_r64_r64(x64_buf *b, x64_gpr dst, x64_gpr src);
void x64_bsr_r32_r32(x64_buf *b, x64_gpr dst, x64_gpr src);
void x64_bsr_r64_r64(x64_buf *b, x64_gpr dst, x64_gpr src);
void x64_bsf_r32_r32(x64_buf *b, x64_gpr dst, x64_gpr src);
void x64_bsf_r64_r64(x64_buf *b, x64_gpr dst, x64_gpr src);

/* flags to values */
void x64_setcc_r8(x64_buf *b, x64_cc cc, x64_gpr dst);
void x64_cmovcc_r32_r32(x64_buf *b, x64_cc cc, x64_gpr dst, x64_gpr src);
void x64_cmovcc_r64_r64(x64_buf *b, x64_cc cc, x64_gpr dst, x64_gpr src);

/* control flow; rel32 is relative to the end of the instruction */
void x64_jmp_rel32(x64_buf *b, int32_t rel);
void x64_jcc_rel32(x64_buf *b, x64_cc cc, int32_t rel);
void x64_call_rel32(x64_buf *b, int32_t rel);
void x64_jmp_label(x64_buf *b, x64_label_id l);
void x64_jcc_label(x64_buf *b, x64_cc cc, x64_label_id l);
void x64_call_label(x64_buf *b, x64_label_id l);
void x64_jmp_r64(x64_buf *b, x64_gpr target);
void x64_call_r64(x64_buf *b, x64_gpr target);
void x64_jmp_m64(x64_buf *b, x64_mem m);    /* through a code-table slot */
void x64_call_m64(x64_buf *b, x64_mem m);
/* A call to a host C function anywhere in the address space: movabs scratch, fn; call scratch.
   scratch must not hold an argument (r11 is the usual choice: caller-saved, never an argument). */
void x64_call_abs(x64_buf *b, const void *fn, x64_gpr scratch);
void x64_push_r64(x64_buf *b, x64_gpr r);
void x64_pop_r64(x64_buf *b, x64_gpr r);
void x64_ret(x64_buf *b);
void x64_ud2(x64_buf *b);   /* a guaranteed invalid opcode: the trap for unreachable paths */
void x64_int3(x64_buf *b);
void x64_nop(x64_buf *b);

/* moves between general and SSE registers (bit patterns, no conversion) */
void x64_movd_xmm_r32(x64_buf *b, x64_xmm dst, x64_gpr src);
void x64_movq_xmm_r64(x64_buf *b, x64_xmm dst, x64_gpr src);
void x64_movd_r32_xmm(x64_buf *b, x64_gpr dst, x64_xmm src);
void x64_movq_r64_xmm(x64_buf *b, x64_gpr dst, x64_xmm src);

/* SSE loads, stores and register moves */
void x64_movss_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_movss_xmm_m32(x64_buf *b, x64_xmm dst, x64_mem m);
void x64_movss_m32_xmm(x64_buf *b, x64_mem m, x64_xmm src);
void x64_movsd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_movsd_xmm_m64(x64_buf *b, x64_xmm dst, x64_mem m);
void x64_movsd_m64_xmm(x64_buf *b, x64_mem m, x64_xmm src);
void x64_movaps_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);  /* whole-register copy */
void x64_movaps_xmm_m128(x64_buf *b, x64_xmm dst, x64_mem m);   /* 16-byte aligned */
void x64_movaps_m128_xmm(x64_buf *b, x64_mem m, x64_xmm src);
void x64_movups_xmm_m128(x64_buf *b, x64_xmm dst, x64_mem m);
void x64_movups_m128_xmm(x64_buf *b, x64_mem m, x64_xmm src);
void x64_movdqu_xmm_m128(x64_buf *b, x64_xmm dst, x64_mem m);
void x64_movdqu_m128_xmm(x64_buf *b, x64_mem m, x64_xmm src);

/* SSE scalar arithmetic (ss: f32, sd: f64) */
void x64_addss_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_addsd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_subss_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_subsd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_mulss_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_mulsd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_divss_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_divsd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_sqrtss_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_sqrtsd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
/* minss/maxss return the second operand when either is NaN or both are zero, unlike wasm's
   min/max: the compiler wraps them */
void x64_minss_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_minsd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_maxss_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_maxsd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_ucomiss_xmm_xmm(x64_buf *b, x64_xmm a, x64_xmm c);
void x64_ucomisd_xmm_xmm(x64_buf *b, x64_xmm a, x64_xmm c);
void x64_roundss_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src, x64_round mode);  /* SSE4.1 */
void x64_roundsd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src, x64_round mode);

/* conversions; cvtt* truncate and give the "integer indefinite" value (INT_MIN) on NaN and
   overflow, so wasm's trapping conversions check around them */
void x64_cvtsi2ss_xmm_r32(x64_buf *b, x64_xmm dst, x64_gpr src);
void x64_cvtsi2ss_xmm_r64(x64_buf *b, x64_xmm dst, x64_gpr src);
void x64_cvtsi2sd_xmm_r32(x64_buf *b, x64_xmm dst, x64_gpr src);
void x64_cvtsi2sd_xmm_r64(x64_buf *b, x64_xmm dst, x64_gpr src);
void x64_cvttss2si_r32_xmm(x64_buf *b, x64_gpr dst, x64_xmm src);
void x64_cvttss2si_r64_xmm(x64_buf *b, x64_gpr dst, x64_xmm src);
void x64_cvttsd2si_r32_xmm(x64_buf *b, x64_gpr dst, x64_xmm src);
void x64_cvttsd2si_r64_xmm(x64_buf *b, x64_gpr dst, x64_xmm src);
void x64_cvtss2sd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_cvtsd2ss_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);

/* SSE bitwise (abs, neg and copysign are masks; xorps x, x zeroes a register) */
void x64_andps_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_andpd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_andnps_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_andnpd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_orps_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_orpd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_xorps_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_xorpd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);

#endif
