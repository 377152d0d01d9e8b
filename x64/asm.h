/* asm.h: the x86-64 instruction encoder, one function per instruction and operand form. */
#ifndef WLAB_X64_ASM_H
#define WLAB_X64_ASM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Names follow the Intel manual's operand forms: x64_<mnemonic>_<dst>_<src>, where r8/r16/r32/
 * r64 is a general register of that width, m8..m128 a memory operand of that size, m a memory
 * operand whose size the instruction fixes (lea), imm8/imm32/imm64 an immediate and xmm an SSE
 * register. Intel operand order throughout: destination first; the VEX three-operand forms
 * (x64_vpaddd_xmm_xmm_xmm) are dst, first source, second source.
 *
 * Emitting never fails on the spot: running out of memory sets a flag that x64_buf_ok()
 * reports, so a compiler checks once per function instead of after every instruction.
 */

typedef enum x64_gpr {
#define X64_GPR(name, asm_name, enc) name = enc,
#include "regs.def"
#undef X64_GPR
  X64_NOREG = -1,   /* "no index register" in x64_mem */
  X64_RIP_LABEL = -2, /* the base of x64_mem_label's operands */
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

/* cmpps/cmppd/cmpss/cmpsd predicates: each lane becomes all ones where the predicate holds. The
   ordered ones (EQ LT LE ORD) are false when either lane is NaN, the negated ones (NEQ NLT NLE
   UNORD) true, which is what wasm's eq/lt/le and ne need (gt and ge swap the operands). */
typedef enum x64_fcmp {
  X64_FCMP_EQ    = 0,
  X64_FCMP_LT    = 1,
  X64_FCMP_LE    = 2,
  X64_FCMP_UNORD = 3,
  X64_FCMP_NEQ   = 4,
  X64_FCMP_NLT   = 5,
  X64_FCMP_NLE   = 6,
  X64_FCMP_ORD   = 7,
} x64_fcmp;

/* What this CPU can run beyond the x86-64 baseline (SSE2): the compilers pick instruction forms
   by it, because an unsupported one faults (#UD) or, for lzcnt/tzcnt, silently decodes as
   bsr/bsf. avx and avx2 are only true when the OS also saves the ymm state (XCR0). */
typedef struct x64_cpu {
  bool sse41, sse42, ssse3, popcnt, lzcnt, bmi1, bmi2, avx, avx2;
} x64_cpu;

/* cpu.c: probed with cpuid on the first call, from any thread; the result never changes.
 * x64_cpu_features() is what the compilers may use: the hardware's set less what the
 * environment variable WLAB_CPU_FEATURES switches off (docs/x64.md), so that the code paths
 * for older CPUs can be run and tested on a new one.  x64_cpu_hardware() is cpuid's answer. */
const x64_cpu *x64_cpu_features(void);
const x64_cpu *x64_cpu_hardware(void);
/* NULL, or why WLAB_CPU_FEATURES could not be read (then x64_cpu_features() is SSE2 only) */
const char *x64_cpu_mask_error(void);
/* hw less what spec says: "" or "all" (everything), "none" (SSE2 only), "-avx2,-lzcnt" (all but
 * these) or "sse4.1,ssse3" (only these).  False, with the problem in err, when spec is bad. */
bool x64_cpu_mask(const x64_cpu *hw, const char *spec, x64_cpu *out, char *err, size_t err_size);
/* "sse2 ssse3 sse4.1 ..." : the features c has, by the names WLAB_CPU_FEATURES uses */
void x64_cpu_describe(const x64_cpu *c, char *buf, size_t size);

/* A memory operand: [base + index*scale + disp]. index is X64_NOREG when absent; scale is
   1, 2, 4 or 8; index cannot be rsp (the encoding means "no index"); a base is required, but
   for [index*scale + disp32] (x64_mem_isd: a scaled index plus a constant, as lea computes).
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

static inline x64_mem x64_mem_isd(x64_gpr index, unsigned scale, int32_t disp)
{
  return (x64_mem){ X64_NOREG, index, (uint8_t)scale, disp };
}

/* A label is an index into the buffer's label table; forward references to it are chained
   through their own rel32 fields and patched when it is bound. */
typedef uint32_t x64_label_id;

/* [rip + rel32] addressing label l of this buffer (a constant in the function's pool): only for
   the forms with no immediate after the operand that encode through the common legacy path (the
   SSE loads and the SSE ops with a memory source); any other form refuses it (x64_buf_ok turns
   false), since the rel32 must end the instruction. */
static inline x64_mem x64_mem_label(x64_label_id l)
{
  return (x64_mem){ X64_RIP_LABEL, X64_NOREG, 1, (int32_t)l };
}

typedef struct x64_label_slot {
  int32_t pos;    /* bound offset, or -1 */
  int32_t chain;  /* offset of the newest unpatched rel32 that refers here, or -1 */
} x64_label_slot;

typedef struct x64_buf {
  uint8_t *code;
  size_t len, cap;    /* code has 16 writable bytes past cap: forms write first, check after */
  x64_label_slot *labels;
  uint32_t nlabels, label_cap;
  uint32_t pending;   /* references to labels not bound yet */
  bool failed;        /* an allocation failed; the contents are not to be used */
  bool external;      /* code points at memory the caller owns (x64_buf_init_external) */
} x64_buf;

/* buffer; a zeroed x64_buf is not one, x64_buf_init makes it */
void x64_buf_init(x64_buf *b);
void x64_buf_free(x64_buf *b);
void x64_buf_reset(x64_buf *b);   /* empty again, keeping the memory */
/* Emits straight into caller-owned memory of cap bytes (a code region, so nothing is copied
   there later); past cap the buffer moves to the heap, copying what it has, and external turns
   false. The last 16 bytes are the slack: written, never counted in len, so the code there ends
   by cap - 16 (memory of 16 bytes or less is not used at all). x64_buf_free never frees the
   caller's memory. */
void x64_buf_init_external(x64_buf *b, uint8_t *mem, size_t cap);
void x64_buf_reserve(x64_buf *b, size_t n); /* room for n more bytes now (a failure fails the buffer) */
bool x64_buf_ok(const x64_buf *b); /* no allocation failed and every referenced label is bound */
static inline size_t x64_here(const x64_buf *b) { return b->len; }
void x64_emit_bytes(x64_buf *b, const void *bytes, size_t n);

/* data and padding inside the code: constant pools for SIMD masks and loop-head alignment.
   Offsets are the buffer's; x64_codemem places a buffer at a page boundary, so an offset
   aligned to n is an address aligned to n. */
void x64_align(x64_buf *b, unsigned n);      /* int3 (CC) up to a multiple of n; never executed */
void x64_align_nops(x64_buf *b, unsigned n); /* executable padding: the fewest long nops up to a multiple of n */
void x64_emit_u32(x64_buf *b, uint32_t v);   /* little-endian */
void x64_emit_u64(x64_buf *b, uint64_t v);

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
void x64_xchg_r64_r64(x64_buf *b, x64_gpr dst, x64_gpr src);  /* for parallel moves with a cycle */
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
/* lea dst, [rip + rel32]: the address of a label in this buffer (a constant pool, a jump
   table), position-independent, so the code can be installed anywhere */
void x64_lea_r64_label(x64_buf *b, x64_gpr dst, x64_label_id l);

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
/* memory destinations and memory-first compares: counters and limits that live in memory
   (the budget counter, the stack limit) without a register to load them into; and a wasm
   load, add and store of one word whose values nothing else reads (a histogram's count) */
void x64_add_m32_imm32(x64_buf *b, x64_mem m, int32_t imm);
void x64_add_m64_imm32(x64_buf *b, x64_mem m, int32_t imm);
void x64_sub_m32_imm32(x64_buf *b, x64_mem m, int32_t imm);
void x64_cmp_m32_imm32(x64_buf *b, x64_mem m, int32_t imm);
void x64_cmp_m64_imm32(x64_buf *b, x64_mem m, int32_t imm);
void x64_cmp_m64_r64(x64_buf *b, x64_mem m, x64_gpr c);   /* CMP r/m64, r64: the flags of m - c */
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
void x64_mul_r64(x64_buf *b, x64_gpr src);    /* rdx:rax = rax * src, unsigned: the high half of a product */
void x64_imul_r64(x64_buf *b, x64_gpr src);   /* rdx:rax = rax * src, signed */
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

/* BMI2 (VEX-encoded; check x64_cpu_features()->bmi2): shifts by any register that leave the
   flags alone, so the count need not be moved into cl; the count is masked to 5 or 6 bits like
   shl/shr/sar. rorx rotates right by an immediate, also without touching the flags. */
void x64_shlx_r32_r32_r32(x64_buf *b, x64_gpr dst, x64_gpr src, x64_gpr count);
void x64_shlx_r64_r64_r64(x64_buf *b, x64_gpr dst, x64_gpr src, x64_gpr count);
void x64_shrx_r32_r32_r32(x64_buf *b, x64_gpr dst, x64_gpr src, x64_gpr count);
void x64_shrx_r64_r64_r64(x64_buf *b, x64_gpr dst, x64_gpr src, x64_gpr count);
void x64_sarx_r32_r32_r32(x64_buf *b, x64_gpr dst, x64_gpr src, x64_gpr count);
void x64_sarx_r64_r64_r64(x64_buf *b, x64_gpr dst, x64_gpr src, x64_gpr count);
void x64_rorx_r32_r32_imm8(x64_buf *b, x64_gpr dst, x64_gpr src, uint8_t n);
void x64_rorx_r64_r64_imm8(x64_buf *b, x64_gpr dst, x64_gpr src, uint8_t n);

/* BMI1 (VEX; check x64_cpu_features()->bmi1): dst = ~inv & src, flags set as by and */
void x64_andn_r32_r32_r32(x64_buf *b, x64_gpr dst, x64_gpr inv, x64_gpr src);
void x64_andn_r64_r64_r64(x64_buf *b, x64_gpr dst, x64_gpr inv, x64_gpr src);
void x64_andn_r32_r32_m32(x64_buf *b, x64_gpr dst, x64_gpr inv, x64_mem m);
void x64_andn_r64_r64_m64(x64_buf *b, x64_gpr dst, x64_gpr inv, x64_mem m);

/* flags to values */
void x64_setcc_r8(x64_buf *b, x64_cc cc, x64_gpr dst);
void x64_cmovcc_r32_r32(x64_buf *b, x64_cc cc, x64_gpr dst, x64_gpr src);
void x64_cmovcc_r64_r64(x64_buf *b, x64_cc cc, x64_gpr dst, x64_gpr src);
/* the memory forms load (and can fault) even when the condition is false */
void x64_cmovcc_r32_m32(x64_buf *b, x64_cc cc, x64_gpr dst, x64_mem m);
void x64_cmovcc_r64_m64(x64_buf *b, x64_cc cc, x64_gpr dst, x64_mem m);

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
/* call/jmp qword [rip + rel32]: through an address kept at a label of this buffer (a pool) */
void x64_call_m64_label(x64_buf *b, x64_label_id l);
void x64_jmp_m64_label(x64_buf *b, x64_label_id l);
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
void x64_movdqa_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);

/* scalar loads and moves that zero the rest of the register (v128.load32_zero/load64_zero,
   i64x2 lanes); movq m64, xmm stores the low half */
void x64_movd_xmm_m32(x64_buf *b, x64_xmm dst, x64_mem m);
void x64_movq_xmm_m64(x64_buf *b, x64_xmm dst, x64_mem m);
void x64_movq_m64_xmm(x64_buf *b, x64_mem m, x64_xmm src);
void x64_movq_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);   /* low 64 bits, upper half zeroed */

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
/* the same with a memory source (a spilled or constant operand) */
void x64_addss_xmm_m32(x64_buf *b, x64_xmm dst, x64_mem m);
void x64_addsd_xmm_m64(x64_buf *b, x64_xmm dst, x64_mem m);
void x64_subss_xmm_m32(x64_buf *b, x64_xmm dst, x64_mem m);
void x64_subsd_xmm_m64(x64_buf *b, x64_xmm dst, x64_mem m);
void x64_mulss_xmm_m32(x64_buf *b, x64_xmm dst, x64_mem m);
void x64_mulsd_xmm_m64(x64_buf *b, x64_xmm dst, x64_mem m);
void x64_divss_xmm_m32(x64_buf *b, x64_xmm dst, x64_mem m);
void x64_divsd_xmm_m64(x64_buf *b, x64_xmm dst, x64_mem m);
void x64_ucomiss_xmm_m32(x64_buf *b, x64_xmm a, x64_mem m);
void x64_ucomisd_xmm_m64(x64_buf *b, x64_xmm a, x64_mem m);

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
/* with a constant-pool mask in memory (abs, neg, copysign); 16-byte aligned like movaps */
void x64_andps_xmm_m128(x64_buf *b, x64_xmm dst, x64_mem m);
void x64_andpd_xmm_m128(x64_buf *b, x64_xmm dst, x64_mem m);
void x64_andnps_xmm_m128(x64_buf *b, x64_xmm dst, x64_mem m);
void x64_orps_xmm_m128(x64_buf *b, x64_xmm dst, x64_mem m);
void x64_xorps_xmm_m128(x64_buf *b, x64_xmm dst, x64_mem m);
void x64_xorpd_xmm_m128(x64_buf *b, x64_xmm dst, x64_mem m);

/* SSE compares into masks (all ones where pred holds), packed and scalar */
void x64_cmpps_xmm_xmm_imm8(x64_buf *b, x64_xmm dst, x64_xmm src, x64_fcmp pred);
void x64_cmppd_xmm_xmm_imm8(x64_buf *b, x64_xmm dst, x64_xmm src, x64_fcmp pred);
void x64_cmpss_xmm_xmm_imm8(x64_buf *b, x64_xmm dst, x64_xmm src, x64_fcmp pred);
void x64_cmpsd_xmm_xmm_imm8(x64_buf *b, x64_xmm dst, x64_xmm src, x64_fcmp pred);

/* SSE packed float arithmetic (ps: 4 x f32, pd: 2 x f64); min/max have the scalar forms'
   NaN and signed-zero behaviour, so the compiler wraps them for wasm */
void x64_addps_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_addpd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_subps_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_subpd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_mulps_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_mulpd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_divps_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_divpd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_sqrtps_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_sqrtpd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_minps_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_minpd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_maxps_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_maxpd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_roundps_xmm_xmm_imm8(x64_buf *b, x64_xmm dst, x64_xmm src, x64_round mode);   /* SSE4.1 */
void x64_roundpd_xmm_xmm_imm8(x64_buf *b, x64_xmm dst, x64_xmm src, x64_round mode);   /* SSE4.1 */

/* SSE packed conversions; cvtt* give 0x80000000 in a lane on NaN or overflow */
void x64_cvtdq2ps_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_cvttps2dq_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_cvtps2pd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);    /* the low two lanes */
void x64_cvtpd2ps_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);    /* into the low two, upper zeroed */
void x64_cvtdq2pd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);    /* the low two lanes */
void x64_cvttpd2dq_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);   /* into the low two, upper zeroed */

/* SSE float shuffles, blends and lane moves; blendv* take their mask implicitly in xmm0 (the
   top bit of each lane), so the compiler must put it there */
void x64_unpcklps_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_unpckhps_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_unpcklpd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_unpckhpd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_movlhps_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);    /* dst.high = src.low */
void x64_movhlps_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);    /* dst.low = src.high */
void x64_movddup_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);    /* SSE3: both halves = src.low */
void x64_movddup_xmm_m64(x64_buf *b, x64_xmm dst, x64_mem m);      /* SSE3: v128.load64_splat */
void x64_shufps_xmm_xmm_imm8(x64_buf *b, x64_xmm dst, x64_xmm src, uint8_t imm);
void x64_shufpd_xmm_xmm_imm8(x64_buf *b, x64_xmm dst, x64_xmm src, uint8_t imm);
void x64_blendps_xmm_xmm_imm8(x64_buf *b, x64_xmm dst, x64_xmm src, uint8_t mask);      /* SSE4.1 */
void x64_blendpd_xmm_xmm_imm8(x64_buf *b, x64_xmm dst, x64_xmm src, uint8_t mask);      /* SSE4.1 */
void x64_blendvps_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);   /* SSE4.1; mask in xmm0 */
void x64_blendvpd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);   /* SSE4.1; mask in xmm0 */
void x64_insertps_xmm_xmm_imm8(x64_buf *b, x64_xmm dst, x64_xmm src, uint8_t imm);      /* SSE4.1 */

/* SSE2 packed integer arithmetic (b/w/d/q: 8/16/32/64-bit lanes); SSSE3 and SSE4.x where
   marked. Saturating forms: s signed, us unsigned. */
void x64_paddb_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_paddw_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_paddd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_paddq_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_psubb_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_psubw_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_psubd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_psubq_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_pmullw_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_pmulld_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);      /* SSE4.1 */
void x64_pmuludq_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);     /* lanes 0 and 2, widened to 64 */
void x64_pmuldq_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);      /* SSE4.1; signed pmuludq */
void x64_pmulhw_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_pmulhuw_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_pmulhrsw_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);    /* SSSE3: q15mulr; -32768^2 stays -32768 */
void x64_pmaddwd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);     /* i32x4.dot_i16x8_s */
void x64_pmaddubsw_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);   /* SSSE3: unsigned dst x signed src */
void x64_psadbw_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);      /* sums of |dst - src| bytes, per 64-bit half */
void x64_paddsb_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_paddsw_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_paddusb_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_paddusw_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_psubsb_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_psubsw_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_psubusb_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_psubusw_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_pminsb_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);      /* SSE4.1 */
void x64_pminsw_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_pminsd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);      /* SSE4.1 */
void x64_pminub_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_pminuw_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);      /* SSE4.1 */
void x64_pminud_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);      /* SSE4.1 */
void x64_pmaxsb_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);      /* SSE4.1 */
void x64_pmaxsw_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_pmaxsd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);      /* SSE4.1 */
void x64_pmaxub_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_pmaxuw_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);      /* SSE4.1 */
void x64_pmaxud_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);      /* SSE4.1 */
void x64_pavgb_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);       /* unsigned, rounding up */
void x64_pavgw_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_pabsb_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);       /* SSSE3 */
void x64_pabsw_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);       /* SSSE3 */
void x64_pabsd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);       /* SSSE3 */

/* SSE2 packed integer bitwise and compares (pcmpeq/pcmpgt give all-ones lanes; gt is signed) */
void x64_pand_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_pandn_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);       /* dst = ~dst & src */
void x64_por_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_pxor_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_pcmpeqb_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_pcmpeqw_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_pcmpeqd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_pcmpeqq_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);     /* SSE4.1 */
void x64_pcmpgtb_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_pcmpgtw_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_pcmpgtd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_pcmpgtq_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);     /* SSE4.2 */
void x64_ptest_xmm_xmm(x64_buf *b, x64_xmm a, x64_xmm c);           /* SSE4.1: ZF = (a & c) == 0 */

/* packed integer ops with a memory source (a constant-pool mask or a spilled operand; 16-byte
   aligned unless movdqu'd into a register first) */
void x64_pand_xmm_m128(x64_buf *b, x64_xmm dst, x64_mem m);
void x64_pandn_xmm_m128(x64_buf *b, x64_xmm dst, x64_mem m);
void x64_por_xmm_m128(x64_buf *b, x64_xmm dst, x64_mem m);
void x64_pxor_xmm_m128(x64_buf *b, x64_xmm dst, x64_mem m);
void x64_pcmpeqb_xmm_m128(x64_buf *b, x64_xmm dst, x64_mem m);
void x64_paddd_xmm_m128(x64_buf *b, x64_xmm dst, x64_mem m);
void x64_psubd_xmm_m128(x64_buf *b, x64_xmm dst, x64_mem m);
void x64_pmulld_xmm_m128(x64_buf *b, x64_xmm dst, x64_mem m);       /* SSE4.1 */
void x64_pminsw_xmm_m128(x64_buf *b, x64_xmm dst, x64_mem m);
void x64_pshufb_xmm_m128(x64_buf *b, x64_xmm dst, x64_mem m);       /* SSSE3 */
void x64_pmaddwd_xmm_m128(x64_buf *b, x64_xmm dst, x64_mem m);
void x64_pmaddubsw_xmm_m128(x64_buf *b, x64_xmm dst, x64_mem m);    /* SSSE3: unsigned dst x signed m */

/* narrowing (signed saturation ss, unsigned us), interleaving and widening */
void x64_packsswb_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_packssdw_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_packuswb_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_packusdw_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);    /* SSE4.1 */
void x64_punpcklbw_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_punpcklwd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_punpckldq_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_punpcklqdq_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_punpckhbw_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_punpckhwd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_punpckhdq_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_punpckhqdq_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
/* SSE4.1 widening of the low half (the m64 forms are v128.load8x8_s and friends) */
void x64_pmovsxbw_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_pmovsxwd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_pmovsxdq_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_pmovzxbw_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_pmovzxwd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_pmovzxdq_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_pmovsxbw_xmm_m64(x64_buf *b, x64_xmm dst, x64_mem m);
void x64_pmovsxwd_xmm_m64(x64_buf *b, x64_xmm dst, x64_mem m);
void x64_pmovsxdq_xmm_m64(x64_buf *b, x64_xmm dst, x64_mem m);
void x64_pmovzxbw_xmm_m64(x64_buf *b, x64_xmm dst, x64_mem m);
void x64_pmovzxwd_xmm_m64(x64_buf *b, x64_xmm dst, x64_mem m);
void x64_pmovzxdq_xmm_m64(x64_buf *b, x64_xmm dst, x64_mem m);

/* integer shuffles and blends; pblendvb takes its mask implicitly in xmm0 (the top bit of each
   byte), so the compiler must put it there */
void x64_pshufb_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);      /* SSSE3: index bit 7 zeroes */
void x64_pshufd_xmm_xmm_imm8(x64_buf *b, x64_xmm dst, x64_xmm src, uint8_t imm);
void x64_pshuflw_xmm_xmm_imm8(x64_buf *b, x64_xmm dst, x64_xmm src, uint8_t imm);
void x64_pshufhw_xmm_xmm_imm8(x64_buf *b, x64_xmm dst, x64_xmm src, uint8_t imm);
void x64_palignr_xmm_xmm_imm8(x64_buf *b, x64_xmm dst, x64_xmm src, uint8_t imm);       /* SSSE3 */
void x64_pblendw_xmm_xmm_imm8(x64_buf *b, x64_xmm dst, x64_xmm src, uint8_t mask);      /* SSE4.1 */
void x64_pblendvb_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);    /* SSE4.1; mask in xmm0 */

/* packed shifts: by an immediate, or by the low 64 bits of an xmm count. Unlike the general
   shifts a count past the lane width is not masked: the lanes become 0 (or all sign bits for
   psra), so wasm's modulo count is the compiler's job. pslldq/psrldq shift the whole register
   by bytes. */
void x64_psllw_xmm_imm8(x64_buf *b, x64_xmm r, uint8_t n);
void x64_pslld_xmm_imm8(x64_buf *b, x64_xmm r, uint8_t n);
void x64_psllq_xmm_imm8(x64_buf *b, x64_xmm r, uint8_t n);
void x64_psrlw_xmm_imm8(x64_buf *b, x64_xmm r, uint8_t n);
void x64_psrld_xmm_imm8(x64_buf *b, x64_xmm r, uint8_t n);
void x64_psrlq_xmm_imm8(x64_buf *b, x64_xmm r, uint8_t n);
void x64_psraw_xmm_imm8(x64_buf *b, x64_xmm r, uint8_t n);
void x64_psrad_xmm_imm8(x64_buf *b, x64_xmm r, uint8_t n);
void x64_pslldq_xmm_imm8(x64_buf *b, x64_xmm r, uint8_t n);
void x64_psrldq_xmm_imm8(x64_buf *b, x64_xmm r, uint8_t n);
void x64_psllw_xmm_xmm(x64_buf *b, x64_xmm r, x64_xmm count);
void x64_pslld_xmm_xmm(x64_buf *b, x64_xmm r, x64_xmm count);
void x64_psllq_xmm_xmm(x64_buf *b, x64_xmm r, x64_xmm count);
void x64_psrlw_xmm_xmm(x64_buf *b, x64_xmm r, x64_xmm count);
void x64_psrld_xmm_xmm(x64_buf *b, x64_xmm r, x64_xmm count);
void x64_psrlq_xmm_xmm(x64_buf *b, x64_xmm r, x64_xmm count);
void x64_psraw_xmm_xmm(x64_buf *b, x64_xmm r, x64_xmm count);
void x64_psrad_xmm_xmm(x64_buf *b, x64_xmm r, x64_xmm count);

/* lane inserts and extracts (SSE4.1 except the pinsrw/pextrw register forms, SSE2); the lane
   index is masked to the lane count; extracts into r32 zero-extend */
void x64_pinsrb_xmm_r32_imm8(x64_buf *b, x64_xmm dst, x64_gpr src, uint8_t lane);
void x64_pinsrw_xmm_r32_imm8(x64_buf *b, x64_xmm dst, x64_gpr src, uint8_t lane);
void x64_pinsrd_xmm_r32_imm8(x64_buf *b, x64_xmm dst, x64_gpr src, uint8_t lane);
void x64_pinsrq_xmm_r64_imm8(x64_buf *b, x64_xmm dst, x64_gpr src, uint8_t lane);
void x64_pinsrb_xmm_m8_imm8(x64_buf *b, x64_xmm dst, x64_mem m, uint8_t lane);
void x64_pinsrw_xmm_m16_imm8(x64_buf *b, x64_xmm dst, x64_mem m, uint8_t lane);   /* SSE2 */
void x64_pinsrd_xmm_m32_imm8(x64_buf *b, x64_xmm dst, x64_mem m, uint8_t lane);
void x64_pinsrq_xmm_m64_imm8(x64_buf *b, x64_xmm dst, x64_mem m, uint8_t lane);
void x64_pextrb_r32_xmm_imm8(x64_buf *b, x64_gpr dst, x64_xmm src, uint8_t lane);
void x64_pextrw_r32_xmm_imm8(x64_buf *b, x64_gpr dst, x64_xmm src, uint8_t lane);
void x64_pextrd_r32_xmm_imm8(x64_buf *b, x64_gpr dst, x64_xmm src, uint8_t lane);
void x64_pextrq_r64_xmm_imm8(x64_buf *b, x64_gpr dst, x64_xmm src, uint8_t lane);
void x64_pextrb_m8_xmm_imm8(x64_buf *b, x64_mem m, x64_xmm src, uint8_t lane);
void x64_pextrw_m16_xmm_imm8(x64_buf *b, x64_mem m, x64_xmm src, uint8_t lane);   /* 0F 3A 15 */
void x64_pextrd_m32_xmm_imm8(x64_buf *b, x64_mem m, x64_xmm src, uint8_t lane);
void x64_pextrq_m64_xmm_imm8(x64_buf *b, x64_mem m, x64_xmm src, uint8_t lane);
void x64_extractps_r32_xmm_imm8(x64_buf *b, x64_gpr dst, x64_xmm src, uint8_t lane);

/* the top bit of each lane into the low bits of a general register (all_true, bitmask) */
void x64_pmovmskb_r32_xmm(x64_buf *b, x64_gpr dst, x64_xmm src);
void x64_movmskps_r32_xmm(x64_buf *b, x64_gpr dst, x64_xmm src);
void x64_movmskpd_r32_xmm(x64_buf *b, x64_gpr dst, x64_xmm src);

/* AVX2 (VEX.128; check x64_cpu_features()->avx2): one lane of src into every lane of dst */
void x64_vpbroadcastb_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_vpbroadcastw_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_vpbroadcastd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);
void x64_vpbroadcastq_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src);

/* AVX three-operand forms (VEX.128; check ->avx): dst = a op c, neither source is overwritten,
   which saves the movdqa an SSE two-operand form needs. VEX.128 zeroes bits 128-255 of dst. */
void x64_vpaddd_xmm_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm a, x64_xmm c);
void x64_vpxor_xmm_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm a, x64_xmm c);
/* any VEX.128.66 op of the 0F or 0F38 map over registers (op as 0x0FD8 or 0x0F3838): the
   three-operand form of an SSE2/SSE4 integer op whose legacy encoding is 66 op */
void x64_vex66_xmm_xmm_xmm(x64_buf *b, uint32_t op, x64_xmm dst, x64_xmm a, x64_xmm c);
void x64_vaddps_xmm_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm a, x64_xmm c);
/* scalar: the low lane of dst = a op c, the rest of a's low 128 bits above it */
void x64_vaddss_xmm_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm a, x64_xmm c);
void x64_vaddsd_xmm_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm a, x64_xmm c);
void x64_vsubss_xmm_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm a, x64_xmm c);
void x64_vsubsd_xmm_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm a, x64_xmm c);
void x64_vmulss_xmm_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm a, x64_xmm c);
void x64_vmulsd_xmm_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm a, x64_xmm c);
void x64_vdivss_xmm_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm a, x64_xmm c);
void x64_vdivsd_xmm_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm a, x64_xmm c);

#endif
