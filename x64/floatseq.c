/* floatseq.c: the scalar float sequences both JITs emit where x86 and wasm disagree (float-to-integer truncation, min and max). */
#include "x64/floatseq.h"

#include <string.h>

#define SIGN64 0x8000000000000000ull

/* The bits of x as a float of the width given (f64 when w). */
static uint64_t fbits(double x, bool w)
{
  if (w) {
    uint64_t u;
    memcpy(&u, &x, 8);
    return u;
  }
  float f = (float)x;
  uint32_t u;
  memcpy(&u, &f, 4);
  return u;
}

static void cvtt(x64_buf *b, bool from64, bool to64, x64_gpr d, x64_xmm s)
{
  if (from64)
    (to64 ? x64_cvttsd2si_r64_xmm : x64_cvttsd2si_r32_xmm)(b, d, s);
  else
    (to64 ? x64_cvttss2si_r64_xmm : x64_cvttss2si_r32_xmm)(b, d, s);
}

static void ucomis_m(x64_buf *b, bool w, x64_xmm a, x64_mem m) { (w ? x64_ucomisd_xmm_m64 : x64_ucomiss_xmm_m32)(b, a, m); }
static void ucomis_self(x64_buf *b, bool w, x64_xmm a) { (w ? x64_ucomisd_xmm_xmm : x64_ucomiss_xmm_xmm)(b, a, a); }

/* The constant (lo, hi) as a memory operand through t. */
static x64_mem pool(x64_buf *b, const x64_trunc *t, uint64_t lo, uint64_t hi)
{
  x64_lea_r64_label(b, t->t, t->const128(t->jit, lo, hi));
  return x64_mem_bd(t->t, 0);
}

/* cvtts*2si gives the "integer indefinite" value (the minimum) for NaN and out-of-range inputs,
 * so an in-range value costs one conversion and one predictable branch; the code looks closer
 * only when it sees that value (or, unsigned, a result outside the range). */
void x64_float_trunc(x64_buf *b, const x64_trunc *t)
{
  bool w = t->from64, to64 = t->to64, sat = t->sat;
  x64_gpr d = t->d, s = t->t;
  x64_xmm x = t->a;
  x64_label_id done = x64_label(b);
  if (t->is_signed) {
    cvtt(b, w, to64, d, x);
    (to64 ? x64_cmp_r64_imm32 : x64_cmp_r32_imm32)(b, d, 1); /* overflows only for the minimum */
    x64_jcc_label(b, X64_CC_NO, done);
    if (sat) { /* NaN -> 0, positive -> the maximum, negative stays the minimum */
      ucomis_m(b, w, x, pool(b, t, 0, 0));
      x64_mov_r64_imm(b, s, to64 ? 0x7fffffffffffffffull : 0x7fffffffu); /* mov leaves the flags */
      (to64 ? x64_cmovcc_r64_r64 : x64_cmovcc_r32_r32)(b, X64_CC_A, d, s);
      x64_mov_r32_imm32(b, s, 0);
      (to64 ? x64_cmovcc_r64_r64 : x64_cmovcc_r32_r32)(b, X64_CC_P, d, s);
    } else {
      ucomis_self(b, w, x);
      x64_jcc_label(b, X64_CC_P, t->invalid);
      if (w && !to64) { /* f64 -> i32: all of (-2^31 - 1, -2^31] truncates to the minimum */
        x64_mem m = pool(b, t, fbits(-2147483649.0, true), fbits(-2147483648.0, true));
        ucomis_m(b, true, x, m);
        x64_jcc_label(b, X64_CC_BE, t->overflow);
        m.disp = 8;
        ucomis_m(b, true, x, m);
        x64_jcc_label(b, X64_CC_A, t->overflow);
      } else { /* only -2^31 (-2^63) itself is in range */
        ucomis_m(b, w, x, pool(b, t, fbits(to64 ? -9223372036854775808.0 : -2147483648.0, w), 0));
        x64_jcc_label(b, X64_CC_NE, t->overflow);
      }
    }
    x64_bind(b, done);
    return;
  }
  if (!to64) {
    /* unsigned 32: convert to 64 bits; in range iff the upper half is zero (-1 < x < 0 too) */
    cvtt(b, w, true, d, x);
    x64_mov_r64_r64(b, s, d);
    x64_shr_r64_imm8(b, s, 32);
    x64_jcc_label(b, X64_CC_E, done);
    if (sat) { /* from 2^32 on -> UINT32_MAX, NaN or negative -> 0 */
      ucomis_m(b, w, x, pool(b, t, 0, 0));
      x64_mov_r32_imm32(b, d, 0xffffffffu);
      x64_jcc_label(b, X64_CC_A, done);
      x64_mov_r32_imm32(b, d, 0);
    } else {
      ucomis_self(b, w, x);
      x64_jcc_label(b, X64_CC_P, t->invalid);
      x64_jmp_label(b, t->overflow);
    }
    x64_bind(b, done);
    return;
  }
  /* unsigned 64: below 2^63 as signed; from 2^63 on, convert x - 2^63 and set the top bit */
  x64_label_id big = x64_label(b);
  x64_mem two63 = pool(b, t, fbits(9223372036854775808.0, w), 0);
  ucomis_m(b, w, x, two63);
  x64_jcc_label(b, X64_CC_AE, big); /* not taken for NaN (CF=1) */
  cvtt(b, w, true, d, x);
  x64_test_r64_r64(b, d, d);
  x64_jcc_label(b, X64_CC_NS, done); /* -1 < x < 2^63; what is left is NaN or x <= -1 */
  if (sat) {
    x64_mov_r32_imm32(b, d, 0);
    x64_jmp_label(b, done);
  } else {
    ucomis_self(b, w, x);
    x64_jcc_label(b, X64_CC_P, t->invalid);
    x64_jmp_label(b, t->overflow);
  }
  x64_bind(b, big);
  x64_movaps_xmm_xmm(b, t->x, x);
  (w ? x64_subsd_xmm_m64 : x64_subss_xmm_m32)(b, t->x, two63); /* exact; s still holds the address */
  cvtt(b, w, true, d, t->x);
  x64_test_r64_r64(b, d, d);
  if (sat) {
    x64_label_id max = x64_label(b);
    x64_jcc_label(b, X64_CC_S, max); /* x >= 2^64 */
    x64_mov_r64_imm(b, s, SIGN64);
    x64_or_r64_r64(b, d, s);
    x64_jmp_label(b, done);
    x64_bind(b, max);
    x64_mov_r64_simm32(b, d, -1);
  } else {
    x64_jcc_label(b, X64_CC_S, t->overflow);
    x64_mov_r64_imm(b, s, SIGN64);
    x64_or_r64_r64(b, d, s);
  }
  x64_bind(b, done);
}

/* wasm min/max (core/numeric.h): a NaN operand gives d + s, equal operands (+0 and -0) combine
 * their bits (or: -0 wins the min; and: +0 wins the max), otherwise minss/maxss are right. */
void x64_float_min_max(x64_buf *b, bool w, bool is_max, x64_xmm d, x64_xmm s)
{
  x64_label_id ne = x64_label(b), nan = x64_label(b), done = x64_label(b);
  (w ? x64_ucomisd_xmm_xmm : x64_ucomiss_xmm_xmm)(b, d, s);
  x64_jcc_label(b, X64_CC_NE, ne); /* ordered and different: the common case */
  x64_jcc_label(b, X64_CC_P, nan);
  (is_max ? x64_andps_xmm_xmm : x64_orps_xmm_xmm)(b, d, s);
  x64_jmp_label(b, done);
  x64_bind(b, nan);
  (w ? x64_addsd_xmm_xmm : x64_addss_xmm_xmm)(b, d, s);
  x64_jmp_label(b, done);
  x64_bind(b, ne);
  if (is_max)
    (w ? x64_maxsd_xmm_xmm : x64_maxss_xmm_xmm)(b, d, s);
  else
    (w ? x64_minsd_xmm_xmm : x64_minss_xmm_xmm)(b, d, s);
  x64_bind(b, done);
}
