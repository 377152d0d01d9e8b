/* simd.c: the v128 op sequences both JITs emit, in SSE4.1 (SSSE3, SSE4.2 and AVX2 where present), over the interface of simd.h. */
#include "x64/simd.h"

#include "core/ir.h"
#include "wasmlab.h"

/*
 * Every WebAssembly 2.0 SIMD op the IR can carry has a sequence here, for a CPU with SSE4.1
 * and SSSE3 (without them, the JITs run all of them in C).  Not here: v128.load and v128.store
 * (each JIT's plain accesses), v128.const (an operand), and i64x2.lt_s/gt_s/le_s/ge_s on a CPU
 * without SSE4.2's pcmpgtq (C: rare, and the SSE2 emulation is long).
 *
 * v128 values live in xmm registers.  SSE ops overwrite their first operand, so most sequences
 * build the result in a "work" register that starts as a copy of one source: begin() takes the
 * result register (the JIT may give it a dying source's register), falls back to a scratch
 * register when that register still holds another source the sequence reads later, and
 * finish() moves the scratch to the result.  Constant v128 operands are loaded from the JIT's
 * 16-byte pool; masks the sequences need come from there too.  A sequence asks for scratch
 * registers through temp(); x64_simd_xmm_temps says how many it may ask for at most, which is
 * what a JIT that allocates ahead (opt) reserves.
 *
 * Results match core/simd.h bit for bit, NaN payloads included: where both float operands are
 * NaN, the result is the first operand's NaN, quieted, which is x86's rule for `addps a, b` and
 * the rule core/numeric.h writes out for every tier.  min/max give a + b in NaN lanes, as
 * num_f32_min does, and -0 below +0.  f32 and f64 lanes extracted into a scalar register
 * leave the rest of it zero.
 */

#define NONE X64_VNONE
#define GPR X64_VCLS_GPR
#define XMM X64_VCLS_XMM

static inline x64_xmm X(unsigned r) { return (x64_xmm)r; }
static inline x64_gpr G(unsigned r) { return (x64_gpr)r; }

#define REP8(x) (0x0101010101010101ull * (uint8_t)(x))
#define REP16(x) (0x0001000100010001ull * (uint16_t)(x))
#define REP32(x) (0x0000000100000001ull * (uint32_t)(x))

/* The JIT's answers, by the names the sequences use. */
static inline unsigned temp(x64_vjit *s, unsigned cls) { return s->ops->temp(s, cls); }
static inline unsigned def(x64_vjit *s, unsigned cls, uint8_t type, int reuse) { return s->ops->def(s, cls, type, reuse); }
static inline bool is_const(x64_vjit *s, unsigned k) { return s->ops->is_const(s, k); }
static inline uint64_t const_value(x64_vjit *s, unsigned k) { return s->ops->const_value(s, k); }

/* ---- constants ----------------------------------------------------------------------------- */

/* A 16-byte constant as a memory operand (16-byte aligned, as legacy SSE forms require),
 * rip-relative: no register for its address, no lea before each use (in a loop, the lea was
 * a second instruction for every constant operand). */
static x64_mem pool(x64_vjit *s, uint64_t lo, uint64_t hi) { return x64_mem_label(s->ops->const128(s, lo, hi)); }

static void load_const(x64_vjit *s, unsigned r, uint64_t lo, uint64_t hi)
{
  if (!lo && !hi)
    x64_pxor_xmm_xmm(s->b, X(r), X(r));
  else if (lo == ~0ull && hi == ~0ull)
    x64_pcmpeqd_xmm_xmm(s->b, X(r), X(r));
  else
    x64_movaps_xmm_m128(s->b, X(r), pool(s, lo, hi));
}

static unsigned temp_const(x64_vjit *s, uint64_t lo, uint64_t hi)
{
  unsigned r = temp(s, XMM);
  load_const(s, r, lo, hi);
  return r;
}

static unsigned temp_ones(x64_vjit *s) { return temp_const(s, ~0ull, ~0ull); }

/* ---- operands and results -------------------------------------------------------------------- */

/* A v128 operand in an xmm register; a constant is loaded into a scratch register. */
static unsigned use_v(x64_vjit *s, unsigned k)
{
  if (is_const(s, k)) {
    uint64_t lo, hi;
    s->ops->const_v128(s, k, &lo, &hi);
    return temp_const(s, lo, hi);
  }
  return s->ops->use(s, k, XMM, WLAB_V128);
}

static unsigned use_g(x64_vjit *s, unsigned k, uint8_t type) { return s->ops->use(s, k, GPR, type); }
static unsigned use_f(x64_vjit *s, unsigned k, uint8_t type) { return s->ops->use(s, k, XMM, type); }

/* May the result overwrite operand k's register reg (k dies here, is the result, or reg is a
 * scratch copy of a constant)?  The register to hand def(), or NONE. */
static int reuse_of(x64_vjit *s, unsigned k, unsigned reg)
{
  if (is_const(s, k))
    return (int)reg;
  return s->ops->may_overwrite(s, k) ? (int)reg : NONE;
}

/* The register a sequence builds its result in, holding a copy of register `from` (NONE: no
 * copy), never one of k1/k2 (registers it reads after the first write).  `reuse` as for
 * def(). */
static unsigned begin(x64_vjit *s, int reuse, int from, int k1, int k2)
{
  if (reuse >= 0 && (reuse == k1 || reuse == k2))
    reuse = NONE;
  unsigned d = def(s, XMM, WLAB_V128, reuse);
  unsigned w = d;
  if ((int)d == k1 || (int)d == k2)
    w = temp(s, XMM);
  if (from >= 0 && (int)w != from)
    x64_movaps_xmm_xmm(s->b, X(w), X((unsigned)from));
  s->d = d;
  return w;
}

static void finish(x64_vjit *s, unsigned w)
{
  if (w != s->d)
    x64_movaps_xmm_xmm(s->b, X(s->d), X(w));
}

/* The result register of an op that writes it without reading it first (d := f(a)). */
static unsigned def_from(x64_vjit *s, unsigned a, unsigned ra)
{
  return def(s, XMM, WLAB_V128, reuse_of(s, a, ra));
}

static void not_in_place(x64_vjit *s, unsigned w)
{
  unsigned t = temp_ones(s);
  x64_pxor_xmm_xmm(s->b, X(w), X(t));
}

/* ---- memory --------------------------------------------------------------------------------- */

static x64_mem address(x64_vjit *s, unsigned k, unsigned size) { return s->ops->address(s, k, s->offset, size); }

/* Spreads lane 0 of d (of 1, 2, 4 or 8 bytes) over the register. */
static void broadcast(x64_vjit *s, unsigned d, unsigned bytes)
{
  x64_buf *b = s->b;
  if (x64_cpu_features()->avx2) {
    switch (bytes) {
    case 1: x64_vpbroadcastb_xmm_xmm(b, X(d), X(d)); break;
    case 2: x64_vpbroadcastw_xmm_xmm(b, X(d), X(d)); break;
    case 4: x64_vpbroadcastd_xmm_xmm(b, X(d), X(d)); break;
    default: x64_vpbroadcastq_xmm_xmm(b, X(d), X(d)); break;
    }
    return;
  }
  switch (bytes) {
  case 1: {
    unsigned z = temp_const(s, 0, 0);
    x64_pshufb_xmm_xmm(b, X(d), X(z));
    break;
  }
  case 2:
    x64_pshuflw_xmm_xmm_imm8(b, X(d), X(d), 0);
    x64_pshufd_xmm_xmm_imm8(b, X(d), X(d), 0);
    break;
  case 4: x64_pshufd_xmm_xmm_imm8(b, X(d), X(d), 0); break;
  default: x64_punpcklqdq_xmm_xmm(b, X(d), X(d)); break;
  }
}

static unsigned mem_bytes(uint16_t op)
{
  switch (op) {
  case IR_V128_LOAD8_SPLAT: case IR_V128_LOAD8_LANE: case IR_V128_STORE8_LANE: return 1;
  case IR_V128_LOAD16_SPLAT: case IR_V128_LOAD16_LANE: case IR_V128_STORE16_LANE: return 2;
  case IR_V128_LOAD32_SPLAT: case IR_V128_LOAD32_ZERO: case IR_V128_LOAD32_LANE: case IR_V128_STORE32_LANE: return 4;
  default: return 8;
  }
}

/* The loads that shape what they read: r := load(a + b). */
static void shaped_load(x64_vjit *s)
{
  x64_buf *b = s->b;
  uint16_t op = s->op;
  x64_mem m = address(s, 0, mem_bytes(op));
  unsigned d = def(s, XMM, WLAB_V128, NONE);
  switch (op) {
  case IR_V128_LOAD8X8_S: x64_pmovsxbw_xmm_m64(b, X(d), m); break;
  case IR_V128_LOAD8X8_U: x64_pmovzxbw_xmm_m64(b, X(d), m); break;
  case IR_V128_LOAD16X4_S: x64_pmovsxwd_xmm_m64(b, X(d), m); break;
  case IR_V128_LOAD16X4_U: x64_pmovzxwd_xmm_m64(b, X(d), m); break;
  case IR_V128_LOAD32X2_S: x64_pmovsxdq_xmm_m64(b, X(d), m); break;
  case IR_V128_LOAD32X2_U: x64_pmovzxdq_xmm_m64(b, X(d), m); break;
  /* only the lane's own bytes may be read: the access may end at the last byte of memory */
  case IR_V128_LOAD8_SPLAT: x64_pinsrb_xmm_m8_imm8(b, X(d), m, 0); broadcast(s, d, 1); break;
  case IR_V128_LOAD16_SPLAT: x64_pinsrw_xmm_m16_imm8(b, X(d), m, 0); broadcast(s, d, 2); break;
  case IR_V128_LOAD32_SPLAT: x64_movd_xmm_m32(b, X(d), m); broadcast(s, d, 4); break;
  case IR_V128_LOAD64_SPLAT: x64_movddup_xmm_m64(b, X(d), m); break;
  case IR_V128_LOAD32_ZERO: x64_movd_xmm_m32(b, X(d), m); break;
  default: x64_movq_xmm_m64(b, X(d), m); break; /* load64_zero */
  }
}

/* r := a-address, b vector, c offset, aux lane */
static void lane_load(x64_vjit *s)
{
  x64_buf *b = s->b;
  uint16_t op = s->op;
  uint8_t lane = s->lane;
  unsigned rv = use_v(s, 1);
  x64_mem m = address(s, 0, mem_bytes(op));
  unsigned w = begin(s, reuse_of(s, 1, rv), (int)rv, NONE, NONE);
  switch (op) {
  case IR_V128_LOAD8_LANE: x64_pinsrb_xmm_m8_imm8(b, X(w), m, lane); break;
  case IR_V128_LOAD16_LANE: x64_pinsrw_xmm_m16_imm8(b, X(w), m, lane); break;
  case IR_V128_LOAD32_LANE: x64_pinsrd_xmm_m32_imm8(b, X(w), m, lane); break;
  default: x64_pinsrq_xmm_m64_imm8(b, X(w), m, lane); break;
  }
  finish(s, w);
}

/* a address, b vector, c offset, aux lane */
static void lane_store(x64_vjit *s)
{
  x64_buf *b = s->b;
  uint16_t op = s->op;
  uint8_t lane = s->lane;
  unsigned rv = use_v(s, 1);
  x64_mem m = address(s, 0, mem_bytes(op));
  switch (op) {
  case IR_V128_STORE8_LANE: x64_pextrb_m8_xmm_imm8(b, m, X(rv), lane); break;
  case IR_V128_STORE16_LANE: x64_pextrw_m16_xmm_imm8(b, m, X(rv), lane); break;
  case IR_V128_STORE32_LANE:
    if (lane == 0)
      x64_movss_m32_xmm(b, m, X(rv));
    else
      x64_pextrd_m32_xmm_imm8(b, m, X(rv), lane);
    break;
  default:
    if (lane == 0)
      x64_movq_m64_xmm(b, m, X(rv));
    else
      x64_pextrq_m64_xmm_imm8(b, m, X(rv), lane);
    break;
  }
}

/* ---- two-operand ops: r := a op b -------------------------------------------------------------- */

typedef void (*rr_fn)(x64_buf *, x64_xmm, x64_xmm);

enum {
  F_COMM = 1,   /* a op b == b op a, bit for bit: either source may be the one overwritten */
  F_SWAP = 2,   /* the instruction computes b op a (lt as gt, pmin, andnot) */
  F_NOT = 4,    /* the result is the complement (ne as eq) */
  F_SSE42 = 8,  /* needs SSE4.2 */
};

#define CMPFN(name, ins, pred)                                                                  \
  static void name(x64_buf *b, x64_xmm d, x64_xmm s) { ins(b, d, s, pred); }
CMPFN(cmpeqps, x64_cmpps_xmm_xmm_imm8, X64_FCMP_EQ)
CMPFN(cmpneqps, x64_cmpps_xmm_xmm_imm8, X64_FCMP_NEQ)
CMPFN(cmpltps, x64_cmpps_xmm_xmm_imm8, X64_FCMP_LT)
CMPFN(cmpleps, x64_cmpps_xmm_xmm_imm8, X64_FCMP_LE)
CMPFN(cmpeqpd, x64_cmppd_xmm_xmm_imm8, X64_FCMP_EQ)
CMPFN(cmpneqpd, x64_cmppd_xmm_xmm_imm8, X64_FCMP_NEQ)
CMPFN(cmpltpd, x64_cmppd_xmm_xmm_imm8, X64_FCMP_LT)
CMPFN(cmplepd, x64_cmppd_xmm_xmm_imm8, X64_FCMP_LE)
CMPFN(cmpunordps, x64_cmpps_xmm_xmm_imm8, X64_FCMP_UNORD)
CMPFN(cmpunordpd, x64_cmppd_xmm_xmm_imm8, X64_FCMP_UNORD)
#undef CMPFN

/* The ops that are one SSE instruction over two registers (perhaps swapped, perhaps negated). */
static rr_fn simple_binop(uint16_t op, unsigned *flags)
{
  enum { C = F_COMM, S = F_SWAP, N = F_NOT };
  switch (op) {
  case IR_I8X16_ADD: *flags = C; return x64_paddb_xmm_xmm;
  case IR_I16X8_ADD: *flags = C; return x64_paddw_xmm_xmm;
  case IR_I32X4_ADD: *flags = C; return x64_paddd_xmm_xmm;
  case IR_I64X2_ADD: *flags = C; return x64_paddq_xmm_xmm;
  case IR_I8X16_SUB: *flags = 0; return x64_psubb_xmm_xmm;
  case IR_I16X8_SUB: *flags = 0; return x64_psubw_xmm_xmm;
  case IR_I32X4_SUB: *flags = 0; return x64_psubd_xmm_xmm;
  case IR_I64X2_SUB: *flags = 0; return x64_psubq_xmm_xmm;
  case IR_I16X8_MUL: *flags = C; return x64_pmullw_xmm_xmm;
  case IR_I32X4_MUL: *flags = C; return x64_pmulld_xmm_xmm;
  case IR_I8X16_ADD_SAT_S: *flags = C; return x64_paddsb_xmm_xmm;
  case IR_I8X16_ADD_SAT_U: *flags = C; return x64_paddusb_xmm_xmm;
  case IR_I16X8_ADD_SAT_S: *flags = C; return x64_paddsw_xmm_xmm;
  case IR_I16X8_ADD_SAT_U: *flags = C; return x64_paddusw_xmm_xmm;
  case IR_I8X16_SUB_SAT_S: *flags = 0; return x64_psubsb_xmm_xmm;
  case IR_I8X16_SUB_SAT_U: *flags = 0; return x64_psubusb_xmm_xmm;
  case IR_I16X8_SUB_SAT_S: *flags = 0; return x64_psubsw_xmm_xmm;
  case IR_I16X8_SUB_SAT_U: *flags = 0; return x64_psubusw_xmm_xmm;
  case IR_I8X16_MIN_S: *flags = C; return x64_pminsb_xmm_xmm;
  case IR_I8X16_MIN_U: *flags = C; return x64_pminub_xmm_xmm;
  case IR_I8X16_MAX_S: *flags = C; return x64_pmaxsb_xmm_xmm;
  case IR_I8X16_MAX_U: *flags = C; return x64_pmaxub_xmm_xmm;
  case IR_I16X8_MIN_S: *flags = C; return x64_pminsw_xmm_xmm;
  case IR_I16X8_MIN_U: *flags = C; return x64_pminuw_xmm_xmm;
  case IR_I16X8_MAX_S: *flags = C; return x64_pmaxsw_xmm_xmm;
  case IR_I16X8_MAX_U: *flags = C; return x64_pmaxuw_xmm_xmm;
  case IR_I32X4_MIN_S: *flags = C; return x64_pminsd_xmm_xmm;
  case IR_I32X4_MIN_U: *flags = C; return x64_pminud_xmm_xmm;
  case IR_I32X4_MAX_S: *flags = C; return x64_pmaxsd_xmm_xmm;
  case IR_I32X4_MAX_U: *flags = C; return x64_pmaxud_xmm_xmm;
  case IR_I8X16_AVGR_U: *flags = C; return x64_pavgb_xmm_xmm;
  case IR_I16X8_AVGR_U: *flags = C; return x64_pavgw_xmm_xmm;
  case IR_I32X4_DOT_I16X8_S: *flags = C; return x64_pmaddwd_xmm_xmm;
  case IR_I8X16_NARROW_I16X8_S: *flags = 0; return x64_packsswb_xmm_xmm;
  case IR_I8X16_NARROW_I16X8_U: *flags = 0; return x64_packuswb_xmm_xmm;
  case IR_I16X8_NARROW_I32X4_S: *flags = 0; return x64_packssdw_xmm_xmm;
  case IR_I16X8_NARROW_I32X4_U: *flags = 0; return x64_packusdw_xmm_xmm;
  case IR_V128_AND: *flags = C; return x64_pand_xmm_xmm;
  case IR_V128_OR: *flags = C; return x64_por_xmm_xmm;
  case IR_V128_XOR: *flags = C; return x64_pxor_xmm_xmm;
  case IR_V128_ANDNOT: *flags = S; return x64_pandn_xmm_xmm; /* ~b & a */
  /* compares: eq, ne, gt_s and lt_s directly; the others are in cmp_minmax */
  case IR_I8X16_EQ: *flags = C; return x64_pcmpeqb_xmm_xmm;
  case IR_I16X8_EQ: *flags = C; return x64_pcmpeqw_xmm_xmm;
  case IR_I32X4_EQ: *flags = C; return x64_pcmpeqd_xmm_xmm;
  case IR_I64X2_EQ: *flags = C; return x64_pcmpeqq_xmm_xmm;
  case IR_I8X16_NE: *flags = C | N; return x64_pcmpeqb_xmm_xmm;
  case IR_I16X8_NE: *flags = C | N; return x64_pcmpeqw_xmm_xmm;
  case IR_I32X4_NE: *flags = C | N; return x64_pcmpeqd_xmm_xmm;
  case IR_I64X2_NE: *flags = C | N; return x64_pcmpeqq_xmm_xmm;
  case IR_I8X16_GT_S: *flags = 0; return x64_pcmpgtb_xmm_xmm;
  case IR_I16X8_GT_S: *flags = 0; return x64_pcmpgtw_xmm_xmm;
  case IR_I32X4_GT_S: *flags = 0; return x64_pcmpgtd_xmm_xmm;
  case IR_I64X2_GT_S: *flags = F_SSE42; return x64_pcmpgtq_xmm_xmm;
  case IR_I8X16_LT_S: *flags = S; return x64_pcmpgtb_xmm_xmm;
  case IR_I16X8_LT_S: *flags = S; return x64_pcmpgtw_xmm_xmm;
  case IR_I32X4_LT_S: *flags = S; return x64_pcmpgtd_xmm_xmm;
  case IR_I64X2_LT_S: *flags = S | F_SSE42; return x64_pcmpgtq_xmm_xmm;
  case IR_I64X2_LE_S: *flags = N | F_SSE42; return x64_pcmpgtq_xmm_xmm;   /* !(a > b) */
  case IR_I64X2_GE_S: *flags = S | N | F_SSE42; return x64_pcmpgtq_xmm_xmm; /* !(b > a) */
  /* floats: not F_COMM, so that a NaN in both lanes propagates a's, as a + b does in C */
  case IR_F32X4_ADD: *flags = 0; return x64_addps_xmm_xmm;
  case IR_F32X4_SUB: *flags = 0; return x64_subps_xmm_xmm;
  case IR_F32X4_MUL: *flags = 0; return x64_mulps_xmm_xmm;
  case IR_F32X4_DIV: *flags = 0; return x64_divps_xmm_xmm;
  case IR_F64X2_ADD: *flags = 0; return x64_addpd_xmm_xmm;
  case IR_F64X2_SUB: *flags = 0; return x64_subpd_xmm_xmm;
  case IR_F64X2_MUL: *flags = 0; return x64_mulpd_xmm_xmm;
  case IR_F64X2_DIV: *flags = 0; return x64_divpd_xmm_xmm;
  /* pmin = b < a ? b : a, which is minps with b first (minps keeps its first operand only
   * when it is the smaller); pmax = a < b ? b : a is maxps with b first */
  case IR_F32X4_PMIN: *flags = S; return x64_minps_xmm_xmm;
  case IR_F32X4_PMAX: *flags = S; return x64_maxps_xmm_xmm;
  case IR_F64X2_PMIN: *flags = S; return x64_minpd_xmm_xmm;
  case IR_F64X2_PMAX: *flags = S; return x64_maxpd_xmm_xmm;
  /* float compares: the ordered predicates are false on NaN, NEQ true, as in C */
  case IR_F32X4_EQ: *flags = C; return cmpeqps;
  case IR_F32X4_NE: *flags = C; return cmpneqps;
  case IR_F32X4_LT: *flags = 0; return cmpltps;
  case IR_F32X4_LE: *flags = 0; return cmpleps;
  case IR_F32X4_GT: *flags = S; return cmpltps;
  case IR_F32X4_GE: *flags = S; return cmpleps;
  case IR_F64X2_EQ: *flags = C; return cmpeqpd;
  case IR_F64X2_NE: *flags = C; return cmpneqpd;
  case IR_F64X2_LT: *flags = 0; return cmpltpd;
  case IR_F64X2_LE: *flags = 0; return cmplepd;
  case IR_F64X2_GT: *flags = S; return cmpltpd;
  case IR_F64X2_GE: *flags = S; return cmplepd;
  default: return NULL;
  }
}

/* The VEX.128.66 opcode of an SSE integer op of simple_binop's (the same opcode byte as its 66
 * legacy form, Intel SDM vol. 2), 0 for those left two-operand. */
static uint32_t vex_form(rr_fn f)
{
  static const struct {
    rr_fn f;
    uint32_t op;
  } forms[] = {
      {x64_paddb_xmm_xmm, 0x0FFC},   {x64_paddw_xmm_xmm, 0x0FFD},   {x64_paddd_xmm_xmm, 0x0FFE},
      {x64_paddq_xmm_xmm, 0x0FD4},   {x64_psubb_xmm_xmm, 0x0FF8},   {x64_psubw_xmm_xmm, 0x0FF9},
      {x64_psubd_xmm_xmm, 0x0FFA},   {x64_psubq_xmm_xmm, 0x0FFB},   {x64_pmullw_xmm_xmm, 0x0FD5},
      {x64_pmulld_xmm_xmm, 0x0F3840}, {x64_paddsb_xmm_xmm, 0x0FEC},  {x64_paddusb_xmm_xmm, 0x0FDC},
      {x64_paddsw_xmm_xmm, 0x0FED},  {x64_paddusw_xmm_xmm, 0x0FDD}, {x64_psubsb_xmm_xmm, 0x0FE8},
      {x64_psubusb_xmm_xmm, 0x0FD8}, {x64_psubsw_xmm_xmm, 0x0FE9},  {x64_psubusw_xmm_xmm, 0x0FD9},
      {x64_pminsb_xmm_xmm, 0x0F3838}, {x64_pminub_xmm_xmm, 0x0FDA},  {x64_pmaxsb_xmm_xmm, 0x0F383C},
      {x64_pmaxub_xmm_xmm, 0x0FDE},  {x64_pminsw_xmm_xmm, 0x0FEA},  {x64_pminuw_xmm_xmm, 0x0F383A},
      {x64_pmaxsw_xmm_xmm, 0x0FEE},  {x64_pmaxuw_xmm_xmm, 0x0F383E}, {x64_pminsd_xmm_xmm, 0x0F3839},
      {x64_pminud_xmm_xmm, 0x0F383B}, {x64_pmaxsd_xmm_xmm, 0x0F383D}, {x64_pmaxud_xmm_xmm, 0x0F383F},
      {x64_pavgb_xmm_xmm, 0x0FE0},   {x64_pavgw_xmm_xmm, 0x0FE3},   {x64_pmaddwd_xmm_xmm, 0x0FF5},
      {x64_pand_xmm_xmm, 0x0FDB},    {x64_por_xmm_xmm, 0x0FEB},     {x64_pxor_xmm_xmm, 0x0FEF},
      {x64_pandn_xmm_xmm, 0x0FDF},   {x64_pcmpeqb_xmm_xmm, 0x0F74}, {x64_pcmpeqw_xmm_xmm, 0x0F75},
      {x64_pcmpeqd_xmm_xmm, 0x0F76}, {x64_pcmpgtb_xmm_xmm, 0x0F64}, {x64_pcmpgtw_xmm_xmm, 0x0F65},
      {x64_pcmpgtd_xmm_xmm, 0x0F66},
  };
  for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++)
    if (forms[i].f == f)
      return forms[i].op;
  return 0;
}

static void binop(x64_vjit *s, rr_fn f, unsigned flags)
{
  unsigned x = 0, y = 1;
  if (flags & F_SWAP) {
    x = 1;
    y = 0;
  }
  unsigned rx = use_v(s, x), ry = use_v(s, y);
  int ux = reuse_of(s, x, rx), uy = reuse_of(s, y, ry);
  if ((flags & F_COMM) && ux < 0 && uy >= 0) { /* overwrite whichever source dies */
    unsigned t = rx;
    rx = ry;
    ry = t;
    ux = uy;
  }
  /* with AVX, where the SSE form would copy a source first (neither may be overwritten), the
   * three-operand form writes the result register straight (simd's SAD kernel: 2 movaps a row) */
  uint32_t vop = ux < 0 && x64_cpu_features()->avx ? vex_form(f) : 0;
  if (vop) {
    unsigned d = begin(s, NONE, NONE, NONE, NONE);
    x64_vex66_xmm_xmm_xmm(s->b, vop, X(d), X(rx), X(ry));
    if (flags & F_NOT)
      not_in_place(s, d);
    finish(s, d);
    return;
  }
  unsigned w = begin(s, ux, (int)rx, (int)ry, NONE);
  f(s->b, X(w), X(ry));
  if (flags & F_NOT)
    not_in_place(s, w);
  finish(s, w);
}

/* Integer compares through min/max: a >= b is max(a, b) == a, a <= b is min(a, b) == a, and
 * the strict ones are their complements. */
static void cmp_minmax(x64_vjit *s, rr_fn minmax, rr_fn eq, bool negate)
{
  unsigned ra = use_v(s, 0), rb = use_v(s, 1);
  unsigned w = begin(s, reuse_of(s, 1, rb), (int)rb, (int)ra, NONE);
  minmax(s->b, X(w), X(ra));
  eq(s->b, X(w), X(ra));
  if (negate)
    not_in_place(s, w);
  finish(s, w);
}

static bool compare_minmax(uint16_t op, rr_fn *mm, rr_fn *eq, bool *neg)
{
  switch (op) {
  case IR_I8X16_GE_S: *mm = x64_pmaxsb_xmm_xmm; *eq = x64_pcmpeqb_xmm_xmm; *neg = false; return true;
  case IR_I8X16_LE_S: *mm = x64_pminsb_xmm_xmm; *eq = x64_pcmpeqb_xmm_xmm; *neg = false; return true;
  case IR_I8X16_GE_U: *mm = x64_pmaxub_xmm_xmm; *eq = x64_pcmpeqb_xmm_xmm; *neg = false; return true;
  case IR_I8X16_LE_U: *mm = x64_pminub_xmm_xmm; *eq = x64_pcmpeqb_xmm_xmm; *neg = false; return true;
  case IR_I8X16_LT_U: *mm = x64_pmaxub_xmm_xmm; *eq = x64_pcmpeqb_xmm_xmm; *neg = true; return true;
  case IR_I8X16_GT_U: *mm = x64_pminub_xmm_xmm; *eq = x64_pcmpeqb_xmm_xmm; *neg = true; return true;
  case IR_I16X8_GE_S: *mm = x64_pmaxsw_xmm_xmm; *eq = x64_pcmpeqw_xmm_xmm; *neg = false; return true;
  case IR_I16X8_LE_S: *mm = x64_pminsw_xmm_xmm; *eq = x64_pcmpeqw_xmm_xmm; *neg = false; return true;
  case IR_I16X8_GE_U: *mm = x64_pmaxuw_xmm_xmm; *eq = x64_pcmpeqw_xmm_xmm; *neg = false; return true;
  case IR_I16X8_LE_U: *mm = x64_pminuw_xmm_xmm; *eq = x64_pcmpeqw_xmm_xmm; *neg = false; return true;
  case IR_I16X8_LT_U: *mm = x64_pmaxuw_xmm_xmm; *eq = x64_pcmpeqw_xmm_xmm; *neg = true; return true;
  case IR_I16X8_GT_U: *mm = x64_pminuw_xmm_xmm; *eq = x64_pcmpeqw_xmm_xmm; *neg = true; return true;
  case IR_I32X4_GE_S: *mm = x64_pmaxsd_xmm_xmm; *eq = x64_pcmpeqd_xmm_xmm; *neg = false; return true;
  case IR_I32X4_LE_S: *mm = x64_pminsd_xmm_xmm; *eq = x64_pcmpeqd_xmm_xmm; *neg = false; return true;
  case IR_I32X4_GE_U: *mm = x64_pmaxud_xmm_xmm; *eq = x64_pcmpeqd_xmm_xmm; *neg = false; return true;
  case IR_I32X4_LE_U: *mm = x64_pminud_xmm_xmm; *eq = x64_pcmpeqd_xmm_xmm; *neg = false; return true;
  case IR_I32X4_LT_U: *mm = x64_pmaxud_xmm_xmm; *eq = x64_pcmpeqd_xmm_xmm; *neg = true; return true;
  case IR_I32X4_GT_U: *mm = x64_pminud_xmm_xmm; *eq = x64_pcmpeqd_xmm_xmm; *neg = true; return true;
  default: return false;
  }
}

/* f32x4/f64x2 min and max: minps/maxps give their second operand when either lane is NaN or
 * both are zero.  Both orders, merged (or for min: -0 wins; and for max: +0 wins), then a + b
 * in the lanes where either operand is NaN, which is what num_f32_min returns there. */
static void float_minmax(x64_vjit *s, bool dbl, bool is_max)
{
  x64_buf *b = s->b;
  unsigned ra = use_v(s, 0), rb = use_v(s, 1);
  unsigned t1 = temp(s, XMM), t2 = temp(s, XMM);
  rr_fn mm = dbl ? (is_max ? x64_maxpd_xmm_xmm : x64_minpd_xmm_xmm) : (is_max ? x64_maxps_xmm_xmm : x64_minps_xmm_xmm);
  x64_movaps_xmm_xmm(b, X(t1), X(ra));
  mm(b, X(t1), X(rb));
  x64_movaps_xmm_xmm(b, X(t2), X(rb));
  mm(b, X(t2), X(ra));
  if (is_max)
    (dbl ? x64_andpd_xmm_xmm : x64_andps_xmm_xmm)(b, X(t1), X(t2));
  else
    (dbl ? x64_orpd_xmm_xmm : x64_orps_xmm_xmm)(b, X(t1), X(t2));
  x64_movaps_xmm_xmm(b, X(t2), X(ra));
  (dbl ? cmpunordpd : cmpunordps)(b, X(t2), X(rb));
  unsigned w = begin(s, reuse_of(s, 0, ra), (int)ra, (int)rb, NONE);
  (dbl ? x64_addpd_xmm_xmm : x64_addps_xmm_xmm)(b, X(w), X(rb));
  (dbl ? x64_andpd_xmm_xmm : x64_andps_xmm_xmm)(b, X(w), X(t2));
  (dbl ? x64_andnpd_xmm_xmm : x64_andnps_xmm_xmm)(b, X(t2), X(t1));
  (dbl ? x64_orpd_xmm_xmm : x64_orps_xmm_xmm)(b, X(w), X(t2));
  finish(s, w);
}

/* v128.bitselect: (a & c) | (b & ~c), as ((a ^ b) & c) ^ b */
static void bitselect(x64_vjit *s)
{
  x64_buf *b = s->b;
  unsigned ra = use_v(s, 0), rb = use_v(s, 1), rc = use_v(s, 2);
  unsigned w = begin(s, reuse_of(s, 0, ra), (int)ra, (int)rb, (int)rc);
  x64_pxor_xmm_xmm(b, X(w), X(rb));
  x64_pand_xmm_xmm(b, X(w), X(rc));
  x64_pxor_xmm_xmm(b, X(w), X(rb));
  finish(s, w);
}

/* i64x2.mul: a_lo*b_lo + ((a_hi*b_lo + a_lo*b_hi) << 32), from pmuludq's 32x32->64 products */
static void i64x2_mul(x64_vjit *s)
{
  x64_buf *b = s->b;
  unsigned ra = use_v(s, 0), rb = use_v(s, 1);
  unsigned t1 = temp(s, XMM), t2 = temp(s, XMM);
  x64_movaps_xmm_xmm(b, X(t1), X(ra));
  x64_psrlq_xmm_imm8(b, X(t1), 32);
  x64_pmuludq_xmm_xmm(b, X(t1), X(rb));
  x64_movaps_xmm_xmm(b, X(t2), X(rb));
  x64_psrlq_xmm_imm8(b, X(t2), 32);
  x64_pmuludq_xmm_xmm(b, X(t2), X(ra));
  x64_paddq_xmm_xmm(b, X(t1), X(t2));
  x64_psllq_xmm_imm8(b, X(t1), 32);
  unsigned w = begin(s, reuse_of(s, 0, ra), (int)ra, (int)rb, NONE);
  x64_pmuludq_xmm_xmm(b, X(w), X(rb));
  x64_paddq_xmm_xmm(b, X(w), X(t1));
  finish(s, w);
}

/* i16x8.q15mulr_sat_s: pmulhrsw rounds the same way; only -32768 * -32768 overflows, to
 * 0x8000 (which no other product gives), and must saturate to 0x7fff */
static void q15mulr(x64_vjit *s)
{
  x64_buf *b = s->b;
  unsigned ra = use_v(s, 0), rb = use_v(s, 1);
  unsigned w = begin(s, reuse_of(s, 0, ra), (int)ra, (int)rb, NONE);
  x64_pmulhrsw_xmm_xmm(b, X(w), X(rb));
  unsigned t = temp_const(s, REP16(0x8000), REP16(0x8000));
  x64_pcmpeqw_xmm_xmm(b, X(t), X(w));
  x64_pxor_xmm_xmm(b, X(w), X(t));
  finish(s, w);
}

/* The extended multiplies: i16x8 from sign- or zero-extended bytes (pmullw), i32x4 from the low
 * and high halves of the 16-bit products (pmullw, pmulhw/pmulhuw) interleaved, i64x2 from
 * pmuldq/pmuludq on lanes moved to 0 and 2. */
static void extmul(x64_vjit *s, uint16_t op)
{
  x64_buf *b = s->b;
  unsigned ra = use_v(s, 0), rb = use_v(s, 1);
  unsigned t = temp(s, XMM), w;
  switch (op) {
  case IR_I16X8_EXTMUL_LOW_I8X16_S: case IR_I16X8_EXTMUL_HIGH_I8X16_S:
  case IR_I16X8_EXTMUL_LOW_I8X16_U: case IR_I16X8_EXTMUL_HIGH_I8X16_U: {
    bool high = op == IR_I16X8_EXTMUL_HIGH_I8X16_S || op == IR_I16X8_EXTMUL_HIGH_I8X16_U;
    rr_fn ext = op == IR_I16X8_EXTMUL_LOW_I8X16_S || op == IR_I16X8_EXTMUL_HIGH_I8X16_S ? x64_pmovsxbw_xmm_xmm
                                                                                       : x64_pmovzxbw_xmm_xmm;
    if (high) {
      x64_pshufd_xmm_xmm_imm8(b, X(t), X(ra), 0xEE);
      ext(b, X(t), X(t));
    } else {
      ext(b, X(t), X(ra));
    }
    w = begin(s, reuse_of(s, 1, rb), NONE, NONE, NONE); /* ra is no longer read */
    if (high) {
      x64_pshufd_xmm_xmm_imm8(b, X(w), X(rb), 0xEE);
      ext(b, X(w), X(w));
    } else {
      ext(b, X(w), X(rb));
    }
    x64_pmullw_xmm_xmm(b, X(w), X(t));
    break;
  }
  case IR_I32X4_EXTMUL_LOW_I16X8_S: case IR_I32X4_EXTMUL_HIGH_I16X8_S:
  case IR_I32X4_EXTMUL_LOW_I16X8_U: case IR_I32X4_EXTMUL_HIGH_I16X8_U: {
    bool sgn = op == IR_I32X4_EXTMUL_LOW_I16X8_S || op == IR_I32X4_EXTMUL_HIGH_I16X8_S;
    bool high = op == IR_I32X4_EXTMUL_HIGH_I16X8_S || op == IR_I32X4_EXTMUL_HIGH_I16X8_U;
    x64_movaps_xmm_xmm(b, X(t), X(ra));
    (sgn ? x64_pmulhw_xmm_xmm : x64_pmulhuw_xmm_xmm)(b, X(t), X(rb));
    w = begin(s, reuse_of(s, 0, ra), (int)ra, (int)rb, NONE);
    x64_pmullw_xmm_xmm(b, X(w), X(rb));
    (high ? x64_punpckhwd_xmm_xmm : x64_punpcklwd_xmm_xmm)(b, X(w), X(t));
    break;
  }
  default: { /* i64x2 */
    bool sgn = op == IR_I64X2_EXTMUL_LOW_I32X4_S || op == IR_I64X2_EXTMUL_HIGH_I32X4_S;
    uint8_t sel = op == IR_I64X2_EXTMUL_LOW_I32X4_S || op == IR_I64X2_EXTMUL_LOW_I32X4_U ? 0x50 : 0xFA;
    x64_pshufd_xmm_xmm_imm8(b, X(t), X(ra), sel);
    w = begin(s, reuse_of(s, 1, rb), NONE, NONE, NONE);
    x64_pshufd_xmm_xmm_imm8(b, X(w), X(rb), sel);
    (sgn ? x64_pmuldq_xmm_xmm : x64_pmuludq_xmm_xmm)(b, X(w), X(t));
    break;
  }
  }
  finish(s, w);
}

/* ---- shifts ------------------------------------------------------------------------------------ */

enum shift_kind { SH_SHL, SH_SHR_S, SH_SHR_U };

/* w <<= n or >>= n in lanes of `bits` (n already taken modulo bits, not 0).  x86 has no byte
 * shifts: shift words and mask, or (signed) shift each byte in the high half of a word. */
static void shift_imm(x64_vjit *s, unsigned w, unsigned bits, enum shift_kind k, uint8_t n)
{
  x64_buf *b = s->b;
  switch (bits) {
  case 8:
    if (k == SH_SHL) {
      x64_psllw_xmm_imm8(b, X(w), n);
      x64_pand_xmm_m128(b, X(w), pool(s, REP8(0xFF << n), REP8(0xFF << n)));
    } else if (k == SH_SHR_U) {
      x64_psrlw_xmm_imm8(b, X(w), n);
      x64_pand_xmm_m128(b, X(w), pool(s, REP8(0xFF >> n), REP8(0xFF >> n)));
    } else {
      unsigned t = temp(s, XMM);
      x64_movaps_xmm_xmm(b, X(t), X(w));
      x64_punpckhbw_xmm_xmm(b, X(t), X(t));
      x64_psraw_xmm_imm8(b, X(t), (uint8_t)(n + 8));
      x64_punpcklbw_xmm_xmm(b, X(w), X(w));
      x64_psraw_xmm_imm8(b, X(w), (uint8_t)(n + 8));
      x64_packsswb_xmm_xmm(b, X(w), X(t));
    }
    break;
  case 16:
    (k == SH_SHL ? x64_psllw_xmm_imm8 : k == SH_SHR_U ? x64_psrlw_xmm_imm8 : x64_psraw_xmm_imm8)(b, X(w), n);
    break;
  case 32:
    (k == SH_SHL ? x64_pslld_xmm_imm8 : k == SH_SHR_U ? x64_psrld_xmm_imm8 : x64_psrad_xmm_imm8)(b, X(w), n);
    break;
  default:
    if (k == SH_SHR_S) { /* no psraq: (x >>u n ^ m) - m with m the sign bit shifted alike */
      uint64_t m = 0x8000000000000000ull >> n;
      unsigned t = temp_const(s, m, m);
      x64_psrlq_xmm_imm8(b, X(w), n);
      x64_pxor_xmm_xmm(b, X(w), X(t));
      x64_psubq_xmm_xmm(b, X(w), X(t));
    } else {
      (k == SH_SHL ? x64_psllq_xmm_imm8 : x64_psrlq_xmm_imm8)(b, X(w), n);
    }
    break;
  }
}

/* The same by the count in the low bits of xc (already modulo bits; plus 8 for i8x16.shr_s). */
static void shift_var(x64_vjit *s, unsigned w, unsigned bits, enum shift_kind k, unsigned xc)
{
  x64_buf *b = s->b;
  switch (bits) {
  case 8:
    if (k == SH_SHL) { /* the byte mask: 0xff << n in the low byte of every word, spread */
      unsigned m = temp_ones(s);
      x64_psllw_xmm_xmm(b, X(w), X(xc));
      x64_psllw_xmm_xmm(b, X(m), X(xc));
      x64_pxor_xmm_xmm(b, X(xc), X(xc));
      x64_pshufb_xmm_xmm(b, X(m), X(xc));
      x64_pand_xmm_xmm(b, X(w), X(m));
    } else if (k == SH_SHR_U) { /* 0xff >> n in the high byte of every word, packed */
      unsigned m = temp_ones(s);
      x64_psrlw_xmm_xmm(b, X(w), X(xc));
      x64_psrlw_xmm_xmm(b, X(m), X(xc));
      x64_psrlw_xmm_imm8(b, X(m), 8);
      x64_packuswb_xmm_xmm(b, X(m), X(m));
      x64_pand_xmm_xmm(b, X(w), X(m));
    } else {
      unsigned t = temp(s, XMM);
      x64_movaps_xmm_xmm(b, X(t), X(w));
      x64_punpckhbw_xmm_xmm(b, X(t), X(t));
      x64_psraw_xmm_xmm(b, X(t), X(xc));
      x64_punpcklbw_xmm_xmm(b, X(w), X(w));
      x64_psraw_xmm_xmm(b, X(w), X(xc));
      x64_packsswb_xmm_xmm(b, X(w), X(t));
    }
    break;
  case 16:
    (k == SH_SHL ? x64_psllw_xmm_xmm : k == SH_SHR_U ? x64_psrlw_xmm_xmm : x64_psraw_xmm_xmm)(b, X(w), X(xc));
    break;
  case 32:
    (k == SH_SHL ? x64_pslld_xmm_xmm : k == SH_SHR_U ? x64_psrld_xmm_xmm : x64_psrad_xmm_xmm)(b, X(w), X(xc));
    break;
  default:
    if (k == SH_SHR_S) {
      unsigned t = temp_const(s, 0x8000000000000000ull, 0x8000000000000000ull);
      x64_psrlq_xmm_xmm(b, X(t), X(xc));
      x64_psrlq_xmm_xmm(b, X(w), X(xc));
      x64_pxor_xmm_xmm(b, X(w), X(t));
      x64_psubq_xmm_xmm(b, X(w), X(t));
    } else {
      (k == SH_SHL ? x64_psllq_xmm_xmm : x64_psrlq_xmm_xmm)(b, X(w), X(xc));
    }
    break;
  }
}

/* r := a shifted by b: the count is taken modulo the lane width (SSE shifts would zero the lanes) */
static void shift(x64_vjit *s, unsigned bits, enum shift_kind k)
{
  x64_buf *b = s->b;
  if (is_const(s, 1)) {
    uint8_t n = (uint8_t)(const_value(s, 1) & (bits - 1));
    unsigned ra = use_v(s, 0);
    unsigned w = begin(s, reuse_of(s, 0, ra), (int)ra, NONE, NONE);
    if (n)
      shift_imm(s, w, bits, k, n);
    finish(s, w);
    return;
  }
  unsigned rc = use_g(s, 1, WLAB_I32), g = temp(s, GPR), xc = temp(s, XMM);
  x64_mov_r32_r32(b, G(g), G(rc));
  x64_and_r32_imm32(b, G(g), (int32_t)(bits - 1));
  if (bits == 8 && k == SH_SHR_S)
    x64_add_r32_imm32(b, G(g), 8); /* the bytes are shifted in the high half of words */
  x64_movd_xmm_r32(b, X(xc), G(g));
  unsigned ra = use_v(s, 0);
  unsigned w = begin(s, reuse_of(s, 0, ra), (int)ra, NONE, NONE);
  shift_var(s, w, bits, k, xc);
  finish(s, w);
}

/* ---- shuffles, splats, lanes --------------------------------------------------------------------- */

/* i8x16.shuffle: from one source a pshufd (whole dwords) or a pshufb; from both a palignr (a
 * run of consecutive bytes) or a pshufb of each, merged. */
static void shuffle(x64_vjit *s)
{
  x64_buf *b = s->b;
  uint64_t lo = s->shuffle[0], hi = s->shuffle[1];
  uint8_t L[16];
  for (int i = 0; i < 16; i++)
    L[i] = (uint8_t)((i < 8 ? lo >> (8 * i) : hi >> (8 * (i - 8))) & 31);
  bool same = s->same_operands, from_a = true, from_b = true;
  for (int i = 0; i < 16; i++) {
    from_a &= L[i] < 16;
    from_b &= L[i] >= 16;
  }
  if (same || from_a || from_b) {
    unsigned x = from_b ? 1 : 0;
    uint8_t idx[16], imm = 0;
    bool dwords = true;
    for (int i = 0; i < 16; i++)
      idx[i] = L[i] & 15;
    for (int j = 0; j < 4; j++) {
      dwords &= idx[4 * j] % 4 == 0;
      for (int k = 1; k < 4; k++)
        dwords &= idx[4 * j + k] == idx[4 * j] + k;
      imm = (uint8_t)(imm | (idx[4 * j] / 4) << (2 * j));
    }
    unsigned rx = use_v(s, x);
    if (dwords) {
      x64_pshufd_xmm_xmm_imm8(b, X(def_from(s, x, rx)), X(rx), imm);
      return;
    }
    uint64_t mlo = 0, mhi = 0;
    for (int i = 0; i < 8; i++) {
      mlo |= (uint64_t)idx[i] << (8 * i);
      mhi |= (uint64_t)idx[i + 8] << (8 * i);
    }
    unsigned w = begin(s, reuse_of(s, x, rx), (int)rx, NONE, NONE);
    x64_pshufb_xmm_m128(b, X(w), pool(s, mlo, mhi));
    finish(s, w);
    return;
  }
  unsigned ra = use_v(s, 0), rb = use_v(s, 1);
  bool run = L[0] > 0;
  for (int i = 1; i < 16; i++)
    run &= L[i] == L[0] + i;
  if (run) { /* bytes L[0].. of the 32-byte b:a */
    unsigned w = begin(s, reuse_of(s, 1, rb), (int)rb, (int)ra, NONE);
    x64_palignr_xmm_xmm_imm8(b, X(w), X(ra), L[0]);
    finish(s, w);
    return;
  }
  /* pshufb zeroes a byte whose index has bit 7 set: each source fills its own lanes */
  uint64_t alo = 0, ahi = 0, blo = 0, bhi = 0;
  for (int i = 0; i < 16; i++) {
    uint64_t ia = L[i] < 16 ? L[i] : 0x80, ib = L[i] >= 16 ? L[i] - 16u : 0x80;
    if (i < 8) {
      alo |= ia << (8 * i);
      blo |= ib << (8 * i);
    } else {
      ahi |= ia << (8 * (i - 8));
      bhi |= ib << (8 * (i - 8));
    }
  }
  unsigned t = temp(s, XMM);
  x64_movaps_xmm_xmm(b, X(t), X(ra));
  x64_pshufb_xmm_m128(b, X(t), pool(s, alo, ahi));
  unsigned w = begin(s, reuse_of(s, 1, rb), (int)rb, NONE, NONE); /* ra is no longer read */
  x64_pshufb_xmm_m128(b, X(w), pool(s, blo, bhi));
  x64_por_xmm_xmm(b, X(w), X(t));
  finish(s, w);
}

/* i8x16.swizzle: an index of 16 or more gives 0; adding 0x70 with unsigned saturation sets bit
 * 7 (pshufb's zero) on exactly those and keeps the low four bits of the others */
static void swizzle(x64_vjit *s)
{
  x64_buf *b = s->b;
  unsigned ra = use_v(s, 0), ri = use_v(s, 1);
  unsigned t = temp_const(s, REP8(0x70), REP8(0x70));
  x64_paddusb_xmm_xmm(b, X(t), X(ri));
  unsigned w = begin(s, reuse_of(s, 0, ra), (int)ra, NONE, NONE);
  x64_pshufb_xmm_xmm(b, X(w), X(t));
  finish(s, w);
}

static void splat(x64_vjit *s, uint16_t op)
{
  x64_buf *b = s->b;
  if (is_const(s, 0)) { /* a constant vector */
    uint64_t k = const_value(s, 0), half;
    switch (op) {
    case IR_I8X16_SPLAT: half = REP8(k); break;
    case IR_I16X8_SPLAT: half = REP16(k); break;
    case IR_I32X4_SPLAT: case IR_F32X4_SPLAT: half = REP32(k); break;
    default: half = k; break;
    }
    load_const(s, def(s, XMM, WLAB_V128, NONE), half, half);
    return;
  }
  if (op == IR_F32X4_SPLAT || op == IR_F64X2_SPLAT) {
    bool dbl = op == IR_F64X2_SPLAT;
    unsigned rx = use_f(s, 0, dbl ? WLAB_F64 : WLAB_F32);
    unsigned d = def(s, XMM, WLAB_V128, reuse_of(s, 0, rx));
    if (x64_cpu_features()->avx2)
      (dbl ? x64_vpbroadcastq_xmm_xmm : x64_vpbroadcastd_xmm_xmm)(b, X(d), X(rx));
    else if (dbl)
      x64_movddup_xmm_xmm(b, X(d), X(rx));
    else
      x64_pshufd_xmm_xmm_imm8(b, X(d), X(rx), 0);
    return;
  }
  bool wide = op == IR_I64X2_SPLAT;
  unsigned rx = use_g(s, 0, wide ? WLAB_I64 : WLAB_I32);
  unsigned d = def(s, XMM, WLAB_V128, NONE);
  if (wide)
    x64_movq_xmm_r64(b, X(d), G(rx));
  else
    x64_movd_xmm_r32(b, X(d), G(rx));
  broadcast(s, d, op == IR_I8X16_SPLAT ? 1 : op == IR_I16X8_SPLAT ? 2 : wide ? 8 : 4);
}

static void extract_lane(x64_vjit *s, uint16_t op)
{
  x64_buf *b = s->b;
  uint8_t lane = s->lane;
  unsigned ra = use_v(s, 0);
  if (op == IR_F32X4_EXTRACT_LANE) { /* lane `lane` to lane 0, the rest zeroed */
    unsigned d = def(s, XMM, WLAB_F32, reuse_of(s, 0, ra));
    x64_insertps_xmm_xmm_imm8(b, X(d), X(ra), (uint8_t)(lane << 6 | 0x0E));
    return;
  }
  if (op == IR_F64X2_EXTRACT_LANE) {
    unsigned d = def(s, XMM, WLAB_F64, reuse_of(s, 0, ra));
    if (lane == 0) {
      x64_movq_xmm_xmm(b, X(d), X(ra));
    } else {
      if (d != ra)
        x64_movaps_xmm_xmm(b, X(d), X(ra));
      x64_psrldq_xmm_imm8(b, X(d), 8);
    }
    return;
  }
  unsigned d = def(s, GPR, op == IR_I64X2_EXTRACT_LANE ? WLAB_I64 : WLAB_I32, NONE);
  x64_gpr D = G(d);
  switch (op) {
  case IR_I8X16_EXTRACT_LANE_S: x64_pextrb_r32_xmm_imm8(b, D, X(ra), lane); x64_movsx_r32_r8(b, D, D); break;
  case IR_I8X16_EXTRACT_LANE_U: x64_pextrb_r32_xmm_imm8(b, D, X(ra), lane); break;
  case IR_I16X8_EXTRACT_LANE_S: x64_pextrw_r32_xmm_imm8(b, D, X(ra), lane); x64_movsx_r32_r16(b, D, D); break;
  case IR_I16X8_EXTRACT_LANE_U: x64_pextrw_r32_xmm_imm8(b, D, X(ra), lane); break;
  case IR_I32X4_EXTRACT_LANE:
    if (lane == 0)
      x64_movd_r32_xmm(b, D, X(ra));
    else
      x64_pextrd_r32_xmm_imm8(b, D, X(ra), lane);
    break;
  default:
    if (lane == 0)
      x64_movq_r64_xmm(b, D, X(ra));
    else
      x64_pextrq_r64_xmm_imm8(b, D, X(ra), lane);
    break;
  }
}

static void replace_lane(x64_vjit *s, uint16_t op)
{
  x64_buf *b = s->b;
  uint8_t lane = s->lane;
  unsigned ra = use_v(s, 0);
  if (op == IR_F32X4_REPLACE_LANE || op == IR_F64X2_REPLACE_LANE) {
    bool dbl = op == IR_F64X2_REPLACE_LANE;
    unsigned rx = use_f(s, 1, dbl ? WLAB_F64 : WLAB_F32);
    unsigned w = begin(s, reuse_of(s, 0, ra), (int)ra, (int)rx, NONE);
    if (!dbl)
      x64_insertps_xmm_xmm_imm8(b, X(w), X(rx), (uint8_t)(lane << 4));
    else if (lane == 0)
      x64_movsd_xmm_xmm(b, X(w), X(rx));
    else
      x64_movlhps_xmm_xmm(b, X(w), X(rx));
    finish(s, w);
    return;
  }
  unsigned rx = use_g(s, 1, op == IR_I64X2_REPLACE_LANE ? WLAB_I64 : WLAB_I32);
  unsigned w = begin(s, reuse_of(s, 0, ra), (int)ra, NONE, NONE);
  switch (op) {
  case IR_I8X16_REPLACE_LANE: x64_pinsrb_xmm_r32_imm8(b, X(w), G(rx), lane); break;
  case IR_I16X8_REPLACE_LANE: x64_pinsrw_xmm_r32_imm8(b, X(w), G(rx), lane); break;
  case IR_I32X4_REPLACE_LANE: x64_pinsrd_xmm_r32_imm8(b, X(w), G(rx), lane); break;
  default: x64_pinsrq_xmm_r64_imm8(b, X(w), G(rx), lane); break;
  }
  finish(s, w);
}

/* ---- one-operand ops ----------------------------------------------------------------------------- */

static void popcnt(x64_vjit *s)
{
  /* each nibble's count from a 16-entry pshufb table */
  static const uint64_t lut_lo = 0x0302020102010100ull, lut_hi = 0x0403030203020201ull;
  x64_buf *b = s->b;
  unsigned ra = use_v(s, 0), t = temp(s, XMM), l = temp(s, XMM);
  x64_movaps_xmm_xmm(b, X(t), X(ra));
  x64_psrlw_xmm_imm8(b, X(t), 4);
  x64_pand_xmm_m128(b, X(t), pool(s, REP8(0x0F), REP8(0x0F)));
  unsigned w = begin(s, reuse_of(s, 0, ra), (int)ra, NONE, NONE);
  x64_pand_xmm_m128(b, X(w), pool(s, REP8(0x0F), REP8(0x0F)));
  x64_movaps_xmm_m128(b, X(l), pool(s, lut_lo, lut_hi));
  x64_pshufb_xmm_xmm(b, X(l), X(w));
  x64_movaps_xmm_m128(b, X(w), pool(s, lut_lo, lut_hi));
  x64_pshufb_xmm_xmm(b, X(w), X(t));
  x64_paddb_xmm_xmm(b, X(w), X(l));
  finish(s, w);
}

static void extadd_pairwise(x64_vjit *s, uint16_t op)
{
  x64_buf *b = s->b;
  unsigned ra = use_v(s, 0), w;
  switch (op) {
  case IR_I16X8_EXTADD_PAIRWISE_I8X16_S: /* pmaddubsw: unsigned first operand times signed second */
    w = begin(s, NONE, NONE, (int)ra, NONE);
    load_const(s, w, REP8(1), REP8(1));
    x64_pmaddubsw_xmm_xmm(b, X(w), X(ra));
    break;
  /* the ones as a memory operand: no register to load them into */
  case IR_I16X8_EXTADD_PAIRWISE_I8X16_U:
    w = begin(s, reuse_of(s, 0, ra), (int)ra, NONE, NONE);
    x64_pmaddubsw_xmm_m128(b, X(w), pool(s, REP8(1), REP8(1)));
    break;
  case IR_I32X4_EXTADD_PAIRWISE_I16X8_S:
    w = begin(s, reuse_of(s, 0, ra), (int)ra, NONE, NONE);
    x64_pmaddwd_xmm_m128(b, X(w), pool(s, REP16(1), REP16(1)));
    break;
  default: /* i32x4 from u16: pmaddwd's pairs are signed, so each half biased by -0x8000 (the
            * xor flips its top bit) and the pair's sum by +0x10000 after; no temporary */
    w = begin(s, reuse_of(s, 0, ra), (int)ra, NONE, NONE);
    x64_pxor_xmm_m128(b, X(w), pool(s, REP16(0x8000), REP16(0x8000)));
    x64_pmaddwd_xmm_m128(b, X(w), pool(s, REP16(1), REP16(1)));
    x64_paddd_xmm_m128(b, X(w), pool(s, REP32(0x10000), REP32(0x10000)));
    break;
  }
  finish(s, w);
}

/* f32x4.convert_i32x4_u: the low 16 bits and the rest convert exactly on their own (the rest
 * halved to stay positive, then doubled); their sum rounds once */
static void convert_u32_f32(x64_vjit *s)
{
  x64_buf *b = s->b;
  unsigned ra = use_v(s, 0), t = temp(s, XMM);
  unsigned w = begin(s, reuse_of(s, 0, ra), (int)ra, NONE, NONE);
  x64_pxor_xmm_xmm(b, X(t), X(t));
  x64_pblendw_xmm_xmm_imm8(b, X(t), X(w), 0x55);
  x64_psubd_xmm_xmm(b, X(w), X(t));
  x64_cvtdq2ps_xmm_xmm(b, X(t), X(t));
  x64_psrld_xmm_imm8(b, X(w), 1);
  x64_cvtdq2ps_xmm_xmm(b, X(w), X(w));
  x64_addps_xmm_xmm(b, X(w), X(w));
  x64_addps_xmm_xmm(b, X(w), X(t));
  finish(s, w);
}

/* f64x2.convert_low_i32x4_u: 2^52 + u as a double is the u32 in the low mantissa bits */
static void convert_u32_f64(x64_vjit *s)
{
  x64_buf *b = s->b;
  const uint64_t two52 = 0x4330000000000000ull;
  unsigned ra = use_v(s, 0);
  unsigned w = begin(s, reuse_of(s, 0, ra), NONE, NONE, NONE);
  x64_pmovzxdq_xmm_xmm(b, X(w), X(ra));
  x64_por_xmm_m128(b, X(w), pool(s, two52, two52));
  unsigned t = temp_const(s, two52, two52);
  x64_subpd_xmm_xmm(b, X(w), X(t));
  finish(s, w);
}

/* i32x4.trunc_sat_f32x4_s: NaN lanes zeroed first; cvttps2dq gives 0x80000000 on overflow,
 * which becomes 0x7fffffff where the input was positive */
static void trunc_sat_f32_s(x64_vjit *s)
{
  x64_buf *b = s->b;
  unsigned ra = use_v(s, 0), t = temp(s, XMM);
  unsigned w = begin(s, reuse_of(s, 0, ra), (int)ra, NONE, NONE);
  x64_movaps_xmm_xmm(b, X(t), X(w));
  cmpeqps(b, X(t), X(w));
  x64_andps_xmm_xmm(b, X(w), X(t));
  x64_pxor_xmm_xmm(b, X(t), X(w));
  x64_cvttps2dq_xmm_xmm(b, X(w), X(w));
  x64_pand_xmm_xmm(b, X(t), X(w));
  x64_psrad_xmm_imm8(b, X(t), 31);
  x64_pxor_xmm_xmm(b, X(w), X(t));
  finish(s, w);
}

/* i32x4.trunc_sat_f32x4_u: clamp NaN and negatives to 0; lanes >= 2^31 convert x - 2^31 and add
 * 0x80000000 (cvttps2dq's overflow value) back; lanes >= 2^32 saturate through the mask */
static void trunc_sat_f32_u(x64_vjit *s)
{
  x64_buf *b = s->b;
  unsigned ra = use_v(s, 0), t1 = temp(s, XMM), t2 = temp(s, XMM);
  unsigned w = begin(s, reuse_of(s, 0, ra), (int)ra, NONE, NONE);
  x64_xorps_xmm_xmm(b, X(t1), X(t1));
  x64_maxps_xmm_xmm(b, X(w), X(t1));
  x64_pcmpeqd_xmm_xmm(b, X(t1), X(t1));
  x64_psrld_xmm_imm8(b, X(t1), 1);
  x64_cvtdq2ps_xmm_xmm(b, X(t1), X(t1)); /* 2^31 */
  x64_movaps_xmm_xmm(b, X(t2), X(w));
  x64_subps_xmm_xmm(b, X(t2), X(t1));
  cmpleps(b, X(t1), X(t2));
  x64_cvttps2dq_xmm_xmm(b, X(t2), X(t2));
  x64_pxor_xmm_xmm(b, X(t2), X(t1));
  x64_pxor_xmm_xmm(b, X(t1), X(t1));
  x64_pmaxsd_xmm_xmm(b, X(t2), X(t1));
  x64_cvttps2dq_xmm_xmm(b, X(w), X(w));
  x64_paddd_xmm_xmm(b, X(w), X(t2));
  finish(s, w);
}

/* i32x4.trunc_sat_f64x2_s_zero: clamp above at INT32_MAX (NaN lanes to 0), cvttpd2dq gives
 * INT32_MIN below and zeroes the upper lanes */
static void trunc_sat_f64_s(x64_vjit *s)
{
  x64_buf *b = s->b;
  const uint64_t max = 0x41DFFFFFFFC00000ull; /* 2147483647.0 */
  unsigned ra = use_v(s, 0), t = temp(s, XMM);
  unsigned w = begin(s, reuse_of(s, 0, ra), (int)ra, NONE, NONE);
  x64_movaps_xmm_xmm(b, X(t), X(w));
  cmpeqpd(b, X(t), X(w));
  x64_andpd_xmm_m128(b, X(t), pool(s, max, max));
  x64_minpd_xmm_xmm(b, X(w), X(t));
  x64_cvttpd2dq_xmm_xmm(b, X(w), X(w));
  finish(s, w);
}

/* i32x4.trunc_sat_f64x2_u_zero: clamp to [0, UINT32_MAX] (NaN to 0), truncate, and take the
 * low 32 bits of 2^52 + x */
static void trunc_sat_f64_u(x64_vjit *s)
{
  x64_buf *b = s->b;
  const uint64_t max = 0x41EFFFFFFFE00000ull, two52 = 0x4330000000000000ull; /* 4294967295.0, 2^52 */
  unsigned ra = use_v(s, 0), t = temp(s, XMM);
  unsigned w = begin(s, reuse_of(s, 0, ra), (int)ra, NONE, NONE);
  x64_xorpd_xmm_xmm(b, X(t), X(t));
  x64_maxpd_xmm_xmm(b, X(w), X(t));
  load_const(s, t, max, max);
  x64_minpd_xmm_xmm(b, X(w), X(t));
  x64_roundpd_xmm_xmm_imm8(b, X(w), X(w), X64_ROUND_TRUNC);
  load_const(s, t, two52, two52);
  x64_addpd_xmm_xmm(b, X(w), X(t));
  x64_xorpd_xmm_xmm(b, X(t), X(t));
  x64_shufps_xmm_xmm_imm8(b, X(w), X(t), 0x88);
  finish(s, w);
}

static void unary(x64_vjit *s, uint16_t op)
{
  x64_buf *b = s->b;
  unsigned a = 0;
  unsigned ra = use_v(s, a);
  switch (op) {
  case IR_V128_NOT: {
    unsigned w = begin(s, reuse_of(s, a, ra), (int)ra, NONE, NONE);
    not_in_place(s, w);
    finish(s, w);
    return;
  }
  case IR_I8X16_NEG: case IR_I16X8_NEG: case IR_I32X4_NEG: case IR_I64X2_NEG: {
    unsigned w = begin(s, NONE, NONE, (int)ra, NONE);
    x64_pxor_xmm_xmm(b, X(w), X(w));
    (op == IR_I8X16_NEG ? x64_psubb_xmm_xmm : op == IR_I16X8_NEG ? x64_psubw_xmm_xmm
     : op == IR_I32X4_NEG ? x64_psubd_xmm_xmm : x64_psubq_xmm_xmm)(b, X(w), X(ra));
    finish(s, w);
    return;
  }
  case IR_I64X2_ABS: { /* (x ^ m) - m with m the sign of each lane */
    unsigned t = temp(s, XMM);
    x64_movaps_xmm_xmm(b, X(t), X(ra));
    x64_psrad_xmm_imm8(b, X(t), 31);
    x64_pshufd_xmm_xmm_imm8(b, X(t), X(t), 0xF5);
    unsigned w = begin(s, reuse_of(s, a, ra), (int)ra, NONE, NONE);
    x64_pxor_xmm_xmm(b, X(w), X(t));
    x64_psubq_xmm_xmm(b, X(w), X(t));
    finish(s, w);
    return;
  }
  case IR_F32X4_ABS: case IR_F32X4_NEG: case IR_F64X2_ABS: case IR_F64X2_NEG: {
    bool dbl = op == IR_F64X2_ABS || op == IR_F64X2_NEG, abs = op == IR_F32X4_ABS || op == IR_F64X2_ABS;
    uint64_t sign = dbl ? 0x8000000000000000ull : REP32(0x80000000u);
    unsigned w = begin(s, reuse_of(s, a, ra), (int)ra, NONE, NONE);
    if (abs)
      x64_andps_xmm_m128(b, X(w), pool(s, ~sign, ~sign));
    else
      x64_xorps_xmm_m128(b, X(w), pool(s, sign, sign));
    finish(s, w);
    return;
  }
  default:
    break;
  }
  /* d := f(a): one instruction that does not read d */
  unsigned d = def_from(s, a, ra);
  x64_xmm D = X(d), A = X(ra);
  switch (op) {
  case IR_I8X16_ABS: x64_pabsb_xmm_xmm(b, D, A); break;
  case IR_I16X8_ABS: x64_pabsw_xmm_xmm(b, D, A); break;
  case IR_I32X4_ABS: x64_pabsd_xmm_xmm(b, D, A); break;
  case IR_I16X8_EXTEND_LOW_I8X16_S: x64_pmovsxbw_xmm_xmm(b, D, A); break;
  case IR_I16X8_EXTEND_LOW_I8X16_U: x64_pmovzxbw_xmm_xmm(b, D, A); break;
  case IR_I32X4_EXTEND_LOW_I16X8_S: x64_pmovsxwd_xmm_xmm(b, D, A); break;
  case IR_I32X4_EXTEND_LOW_I16X8_U: x64_pmovzxwd_xmm_xmm(b, D, A); break;
  case IR_I64X2_EXTEND_LOW_I32X4_S: x64_pmovsxdq_xmm_xmm(b, D, A); break;
  case IR_I64X2_EXTEND_LOW_I32X4_U: x64_pmovzxdq_xmm_xmm(b, D, A); break;
  /* high halves: the upper eight bytes down first */
  case IR_I16X8_EXTEND_HIGH_I8X16_S: x64_pshufd_xmm_xmm_imm8(b, D, A, 0xEE); x64_pmovsxbw_xmm_xmm(b, D, D); break;
  case IR_I16X8_EXTEND_HIGH_I8X16_U: x64_pshufd_xmm_xmm_imm8(b, D, A, 0xEE); x64_pmovzxbw_xmm_xmm(b, D, D); break;
  case IR_I32X4_EXTEND_HIGH_I16X8_S: x64_pshufd_xmm_xmm_imm8(b, D, A, 0xEE); x64_pmovsxwd_xmm_xmm(b, D, D); break;
  case IR_I32X4_EXTEND_HIGH_I16X8_U: x64_pshufd_xmm_xmm_imm8(b, D, A, 0xEE); x64_pmovzxwd_xmm_xmm(b, D, D); break;
  case IR_I64X2_EXTEND_HIGH_I32X4_S: x64_pshufd_xmm_xmm_imm8(b, D, A, 0xEE); x64_pmovsxdq_xmm_xmm(b, D, D); break;
  case IR_I64X2_EXTEND_HIGH_I32X4_U: x64_pshufd_xmm_xmm_imm8(b, D, A, 0xEE); x64_pmovzxdq_xmm_xmm(b, D, D); break;
  case IR_F32X4_SQRT: x64_sqrtps_xmm_xmm(b, D, A); break;
  case IR_F64X2_SQRT: x64_sqrtpd_xmm_xmm(b, D, A); break;
  /* roundps/roundpd quiet a NaN, as the C rounding ops do (a + a) */
  case IR_F32X4_CEIL: x64_roundps_xmm_xmm_imm8(b, D, A, X64_ROUND_CEIL); break;
  case IR_F32X4_FLOOR: x64_roundps_xmm_xmm_imm8(b, D, A, X64_ROUND_FLOOR); break;
  case IR_F32X4_TRUNC: x64_roundps_xmm_xmm_imm8(b, D, A, X64_ROUND_TRUNC); break;
  case IR_F32X4_NEAREST: x64_roundps_xmm_xmm_imm8(b, D, A, X64_ROUND_NEAREST); break;
  case IR_F64X2_CEIL: x64_roundpd_xmm_xmm_imm8(b, D, A, X64_ROUND_CEIL); break;
  case IR_F64X2_FLOOR: x64_roundpd_xmm_xmm_imm8(b, D, A, X64_ROUND_FLOOR); break;
  case IR_F64X2_TRUNC: x64_roundpd_xmm_xmm_imm8(b, D, A, X64_ROUND_TRUNC); break;
  case IR_F64X2_NEAREST: x64_roundpd_xmm_xmm_imm8(b, D, A, X64_ROUND_NEAREST); break;
  case IR_F32X4_CONVERT_I32X4_S: x64_cvtdq2ps_xmm_xmm(b, D, A); break;
  case IR_F64X2_CONVERT_LOW_I32X4_S: x64_cvtdq2pd_xmm_xmm(b, D, A); break;
  case IR_F32X4_DEMOTE_F64X2_ZERO: x64_cvtpd2ps_xmm_xmm(b, D, A); break;
  case IR_F64X2_PROMOTE_LOW_F32X4: x64_cvtps2pd_xmm_xmm(b, D, A); break;
  default: s->failed = true; break; /* unreachable: supported() and emit() disagree */
  }
}

/* ---- reductions to i32: any_true, all_true, bitmask ------------------------------------------------ */

/* A test whose result only feeds the next br_if jumps on ptest's flags instead. */
static void test_result(x64_vjit *s, unsigned x, unsigned y, x64_cc cc)
{
  if (s->ops->branch_on_test && s->ops->branch_on_test(s, X(x), X(y), cc))
    return;
  unsigned d = def(s, GPR, WLAB_I32, NONE);
  x64_xor_r32_r32(s->b, G(d), G(d));
  x64_ptest_xmm_xmm(s->b, X(x), X(y));
  x64_setcc_r8(s->b, cc, G(d));
}

static void reduce(x64_vjit *s, uint16_t op)
{
  x64_buf *b = s->b;
  unsigned ra = use_v(s, 0);
  switch (op) {
  case IR_V128_ANY_TRUE: test_result(s, ra, ra, X64_CC_NE); return;
  case IR_I8X16_ALL_TRUE: case IR_I16X8_ALL_TRUE: case IR_I32X4_ALL_TRUE: case IR_I64X2_ALL_TRUE: {
    /* all lanes non-zero: no lane equals zero */
    unsigned t = temp_const(s, 0, 0);
    (op == IR_I8X16_ALL_TRUE ? x64_pcmpeqb_xmm_xmm : op == IR_I16X8_ALL_TRUE ? x64_pcmpeqw_xmm_xmm
     : op == IR_I32X4_ALL_TRUE ? x64_pcmpeqd_xmm_xmm : x64_pcmpeqq_xmm_xmm)(b, X(t), X(ra));
    test_result(s, t, t, X64_CC_E);
    return;
  }
  case IR_I16X8_BITMASK: { /* signed saturation keeps each word's sign in a byte */
    unsigned t = temp(s, XMM);
    x64_movaps_xmm_xmm(b, X(t), X(ra));
    x64_packsswb_xmm_xmm(b, X(t), X(t));
      unsigned d = def(s, GPR, WLAB_I32, NONE);
    x64_pmovmskb_r32_xmm(b, G(d), X(t));
    x64_movzx_r32_r8(b, G(d), G(d));
    return;
  }
  default: {
      unsigned d = def(s, GPR, WLAB_I32, NONE);
    (op == IR_I8X16_BITMASK ? x64_pmovmskb_r32_xmm : op == IR_I32X4_BITMASK ? x64_movmskps_r32_xmm
     : x64_movmskpd_r32_xmm)(b, G(d), X(ra));
    return;
  }
  }
}

/* ---- dispatch ------------------------------------------------------------------------------------ */

bool x64_simd_supported(uint16_t op)
{
  const x64_cpu *cpu = x64_cpu_features();
  unsigned flags = 0;
  if (op < IR_V128_LOAD || op > IR_F64X2_CONVERT_LOW_I32X4_U || op == IR_V128_LOAD || op == IR_V128_STORE ||
      op == IR_V128_CONST)
    return false;
  if (!cpu->sse41 || !cpu->ssse3)
    return false;
  if (simple_binop(op, &flags) && (flags & F_SSE42) && !cpu->sse42)
    return false;
  return true;
}

bool x64_simd_is_memory(uint16_t op)
{
  return (op >= IR_V128_LOAD8X8_S && op <= IR_V128_LOAD64_SPLAT) || (op >= IR_V128_LOAD8_LANE && op <= IR_V128_LOAD64_ZERO);
}

static void emit(x64_vjit *s)
{
  uint16_t op = s->op;
  unsigned flags = 0;
  rr_fn f = simple_binop(op, &flags), mm, eq;
  bool neg;
  if (f) {
    binop(s, f, flags);
    return;
  }
  if (compare_minmax(op, &mm, &eq, &neg)) {
    cmp_minmax(s, mm, eq, neg);
    return;
  }
  switch (op) {
  case IR_V128_LOAD8X8_S: case IR_V128_LOAD8X8_U: case IR_V128_LOAD16X4_S: case IR_V128_LOAD16X4_U:
  case IR_V128_LOAD32X2_S: case IR_V128_LOAD32X2_U: case IR_V128_LOAD8_SPLAT: case IR_V128_LOAD16_SPLAT:
  case IR_V128_LOAD32_SPLAT: case IR_V128_LOAD64_SPLAT: case IR_V128_LOAD32_ZERO: case IR_V128_LOAD64_ZERO:
    shaped_load(s);
    return;
  case IR_V128_LOAD8_LANE: case IR_V128_LOAD16_LANE: case IR_V128_LOAD32_LANE: case IR_V128_LOAD64_LANE:
    lane_load(s);
    return;
  case IR_V128_STORE8_LANE: case IR_V128_STORE16_LANE: case IR_V128_STORE32_LANE: case IR_V128_STORE64_LANE:
    lane_store(s);
    return;
  case IR_I8X16_SHUFFLE: shuffle(s); return;
  case IR_I8X16_SWIZZLE: swizzle(s); return;
  case IR_I8X16_SPLAT: case IR_I16X8_SPLAT: case IR_I32X4_SPLAT: case IR_I64X2_SPLAT: case IR_F32X4_SPLAT:
  case IR_F64X2_SPLAT:
    splat(s, op);
    return;
  case IR_I8X16_EXTRACT_LANE_S: case IR_I8X16_EXTRACT_LANE_U: case IR_I16X8_EXTRACT_LANE_S:
  case IR_I16X8_EXTRACT_LANE_U: case IR_I32X4_EXTRACT_LANE: case IR_I64X2_EXTRACT_LANE: case IR_F32X4_EXTRACT_LANE:
  case IR_F64X2_EXTRACT_LANE:
    extract_lane(s, op);
    return;
  case IR_I8X16_REPLACE_LANE: case IR_I16X8_REPLACE_LANE: case IR_I32X4_REPLACE_LANE: case IR_I64X2_REPLACE_LANE:
  case IR_F32X4_REPLACE_LANE: case IR_F64X2_REPLACE_LANE:
    replace_lane(s, op);
    return;
  case IR_V128_BITSELECT: bitselect(s); return;
  case IR_V128_ANY_TRUE: case IR_I8X16_ALL_TRUE: case IR_I16X8_ALL_TRUE: case IR_I32X4_ALL_TRUE:
  case IR_I64X2_ALL_TRUE: case IR_I8X16_BITMASK: case IR_I16X8_BITMASK: case IR_I32X4_BITMASK: case IR_I64X2_BITMASK:
    reduce(s, op);
    return;
  case IR_I8X16_SHL: shift(s, 8, SH_SHL); return;
  case IR_I8X16_SHR_S: shift(s, 8, SH_SHR_S); return;
  case IR_I8X16_SHR_U: shift(s, 8, SH_SHR_U); return;
  case IR_I16X8_SHL: shift(s, 16, SH_SHL); return;
  case IR_I16X8_SHR_S: shift(s, 16, SH_SHR_S); return;
  case IR_I16X8_SHR_U: shift(s, 16, SH_SHR_U); return;
  case IR_I32X4_SHL: shift(s, 32, SH_SHL); return;
  case IR_I32X4_SHR_S: shift(s, 32, SH_SHR_S); return;
  case IR_I32X4_SHR_U: shift(s, 32, SH_SHR_U); return;
  case IR_I64X2_SHL: shift(s, 64, SH_SHL); return;
  case IR_I64X2_SHR_S: shift(s, 64, SH_SHR_S); return;
  case IR_I64X2_SHR_U: shift(s, 64, SH_SHR_U); return;
  case IR_I64X2_MUL: i64x2_mul(s); return;
  case IR_I16X8_Q15MULR_SAT_S: q15mulr(s); return;
  case IR_I16X8_EXTMUL_LOW_I8X16_S: case IR_I16X8_EXTMUL_HIGH_I8X16_S: case IR_I16X8_EXTMUL_LOW_I8X16_U:
  case IR_I16X8_EXTMUL_HIGH_I8X16_U: case IR_I32X4_EXTMUL_LOW_I16X8_S: case IR_I32X4_EXTMUL_HIGH_I16X8_S:
  case IR_I32X4_EXTMUL_LOW_I16X8_U: case IR_I32X4_EXTMUL_HIGH_I16X8_U: case IR_I64X2_EXTMUL_LOW_I32X4_S:
  case IR_I64X2_EXTMUL_HIGH_I32X4_S: case IR_I64X2_EXTMUL_LOW_I32X4_U: case IR_I64X2_EXTMUL_HIGH_I32X4_U:
    extmul(s, op);
    return;
  case IR_I16X8_EXTADD_PAIRWISE_I8X16_S: case IR_I16X8_EXTADD_PAIRWISE_I8X16_U:
  case IR_I32X4_EXTADD_PAIRWISE_I16X8_S: case IR_I32X4_EXTADD_PAIRWISE_I16X8_U:
    extadd_pairwise(s, op);
    return;
  case IR_I8X16_POPCNT: popcnt(s); return;
  case IR_F32X4_MIN: float_minmax(s, false, false); return;
  case IR_F32X4_MAX: float_minmax(s, false, true); return;
  case IR_F64X2_MIN: float_minmax(s, true, false); return;
  case IR_F64X2_MAX: float_minmax(s, true, true); return;
  case IR_F32X4_CONVERT_I32X4_U: convert_u32_f32(s); return;
  case IR_F64X2_CONVERT_LOW_I32X4_U: convert_u32_f64(s); return;
  case IR_I32X4_TRUNC_SAT_F32X4_S: trunc_sat_f32_s(s); return;
  case IR_I32X4_TRUNC_SAT_F32X4_U: trunc_sat_f32_u(s); return;
  case IR_I32X4_TRUNC_SAT_F64X2_S_ZERO: trunc_sat_f64_s(s); return;
  case IR_I32X4_TRUNC_SAT_F64X2_U_ZERO: trunc_sat_f64_u(s); return;
  default: unary(s, op); return;
  }
}

void x64_simd_emit(x64_vjit *j)
{
  j->d = 0;
  j->failed = false;
  emit(j);
}

/* The counts below take the result's register as a scratch register where the JIT's def() may
 * hand one out (a result in a spill slot); begin()'s own scratch register and that one are never
 * both taken, since a scratch result register is never a source's. */
static bool is_shift(uint16_t op)
{
  switch (op) {
  case IR_I8X16_SHL: case IR_I8X16_SHR_S: case IR_I8X16_SHR_U: case IR_I16X8_SHL: case IR_I16X8_SHR_S:
  case IR_I16X8_SHR_U: case IR_I32X4_SHL: case IR_I32X4_SHR_S: case IR_I32X4_SHR_U: case IR_I64X2_SHL:
  case IR_I64X2_SHR_S: case IR_I64X2_SHR_U:
    return true;
  default:
    return false;
  }
}

unsigned x64_simd_xmm_temps(uint16_t op, bool imm_count)
{
  unsigned flags = 0;
  rr_fn mm, eq;
  bool neg;
  if (is_shift(op))
    return imm_count ? 2 : 3; /* the result; a mask or copy; the count's register */
  switch (op) {
  case IR_F32X4_MIN: case IR_F32X4_MAX: case IR_F64X2_MIN: case IR_F64X2_MAX: case IR_I64X2_MUL:
  case IR_I8X16_POPCNT: case IR_I32X4_TRUNC_SAT_F32X4_U:
    return 3;
  case IR_I16X8_Q15MULR_SAT_S: case IR_I8X16_SHUFFLE: case IR_I8X16_SWIZZLE: case IR_I8X16_SPLAT:
  case IR_I16X8_EXTMUL_LOW_I8X16_S: case IR_I16X8_EXTMUL_HIGH_I8X16_S: case IR_I16X8_EXTMUL_LOW_I8X16_U:
  case IR_I16X8_EXTMUL_HIGH_I8X16_U: case IR_I32X4_EXTMUL_LOW_I16X8_S: case IR_I32X4_EXTMUL_HIGH_I16X8_S:
  case IR_I32X4_EXTMUL_LOW_I16X8_U: case IR_I32X4_EXTMUL_HIGH_I16X8_U: case IR_I64X2_EXTMUL_LOW_I32X4_S:
  case IR_I64X2_EXTMUL_HIGH_I32X4_S: case IR_I64X2_EXTMUL_LOW_I32X4_U: case IR_I64X2_EXTMUL_HIGH_I32X4_U:
  case IR_I16X8_EXTADD_PAIRWISE_I8X16_S: case IR_I16X8_EXTADD_PAIRWISE_I8X16_U:
  case IR_I32X4_EXTADD_PAIRWISE_I16X8_S: case IR_I32X4_EXTADD_PAIRWISE_I16X8_U:
  case IR_F32X4_CONVERT_I32X4_U: case IR_F64X2_CONVERT_LOW_I32X4_U: case IR_I32X4_TRUNC_SAT_F32X4_S:
  case IR_I32X4_TRUNC_SAT_F64X2_S_ZERO: case IR_I32X4_TRUNC_SAT_F64X2_U_ZERO: case IR_V128_NOT: case IR_I64X2_ABS:
    return 2;
  default:
    break;
  }
  if (x64_simd_is_memory(op))
    return 2; /* the result; a splat's zero shuffle mask */
  if (simple_binop(op, &flags))
    return flags & F_NOT ? 2 : 1;
  if (compare_minmax(op, &mm, &eq, &neg))
    return 2;
  return 1;
}

unsigned x64_simd_gpr_temps(uint16_t op, bool imm_count)
{
  (void)op;
  (void)imm_count;
  return 1; /* a shift's count, or a general result (constants are rip-relative) */
}
