/* numeric.h: the semantics of the scalar value ops (i32, i64, f32, f64), one inline function each.
 *
 * Named after the op (`i32.div_s` is num_i32_div_s).  Integers travel unsigned; signed views
 * are taken where the op is signed.  No function executes C undefined behaviour on any input
 * (signed overflow, oversized shifts, out-of-range float-to-int): the tests run under UBSan.
 * Ops that can trap return enum num_trap and write their result through a pointer.
 * Float results follow the spec: arithmetic NaNs are quiet (the hardware's), and abs, neg and
 * copysign are pure sign-bit operations that keep NaN payloads.
 */
#ifndef WLAB_NUMERIC_H
#define WLAB_NUMERIC_H

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

enum num_trap { NUM_OK = 0, NUM_TRAP_DIV_ZERO, NUM_TRAP_INT_OVERFLOW, NUM_TRAP_INVALID_CONVERSION };

static inline uint32_t f32_bits(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }
static inline float f32_from(uint32_t u) { float f; memcpy(&f, &u, 4); return f; }
static inline uint64_t f64_bits(double f) { uint64_t u; memcpy(&u, &f, 8); return u; }
static inline double f64_from(uint64_t u) { double f; memcpy(&f, &u, 8); return f; }

/* ---- i32 -------------------------------------------------------------------------------- */

static inline uint32_t num_i32_eqz(uint32_t a) { return a == 0; }
static inline uint32_t num_i32_eq(uint32_t a, uint32_t b) { return a == b; }
static inline uint32_t num_i32_ne(uint32_t a, uint32_t b) { return a != b; }
static inline uint32_t num_i32_lt_s(uint32_t a, uint32_t b) { return (int32_t)a < (int32_t)b; }
static inline uint32_t num_i32_lt_u(uint32_t a, uint32_t b) { return a < b; }
static inline uint32_t num_i32_gt_s(uint32_t a, uint32_t b) { return (int32_t)a > (int32_t)b; }
static inline uint32_t num_i32_gt_u(uint32_t a, uint32_t b) { return a > b; }
static inline uint32_t num_i32_le_s(uint32_t a, uint32_t b) { return (int32_t)a <= (int32_t)b; }
static inline uint32_t num_i32_le_u(uint32_t a, uint32_t b) { return a <= b; }
static inline uint32_t num_i32_ge_s(uint32_t a, uint32_t b) { return (int32_t)a >= (int32_t)b; }
static inline uint32_t num_i32_ge_u(uint32_t a, uint32_t b) { return a >= b; }
static inline uint32_t num_i32_clz(uint32_t a) { return a ? (uint32_t)__builtin_clz(a) : 32; }
static inline uint32_t num_i32_ctz(uint32_t a) { return a ? (uint32_t)__builtin_ctz(a) : 32; }
static inline uint32_t num_i32_popcnt(uint32_t a) { return (uint32_t)__builtin_popcount(a); }
static inline uint32_t num_i32_add(uint32_t a, uint32_t b) { return a + b; }
static inline uint32_t num_i32_sub(uint32_t a, uint32_t b) { return a - b; }
static inline uint32_t num_i32_mul(uint32_t a, uint32_t b) { return a * b; }
static inline enum num_trap num_i32_div_s(uint32_t a, uint32_t b, uint32_t *out)
{
  if (b == 0)
    return NUM_TRAP_DIV_ZERO;
  if (a == 0x80000000u && b == 0xffffffffu)
    return NUM_TRAP_INT_OVERFLOW;
  *out = (uint32_t)((int32_t)a / (int32_t)b);
  return NUM_OK;
}
static inline enum num_trap num_i32_div_u(uint32_t a, uint32_t b, uint32_t *out)
{
  if (b == 0)
    return NUM_TRAP_DIV_ZERO;
  *out = a / b;
  return NUM_OK;
}
static inline enum num_trap num_i32_rem_s(uint32_t a, uint32_t b, uint32_t *out)
{
  if (b == 0)
    return NUM_TRAP_DIV_ZERO;
  *out = b == 0xffffffffu ? 0 : (uint32_t)((int32_t)a % (int32_t)b); /* INT_MIN % -1 is 0 */
  return NUM_OK;
}
static inline enum num_trap num_i32_rem_u(uint32_t a, uint32_t b, uint32_t *out)
{
  if (b == 0)
    return NUM_TRAP_DIV_ZERO;
  *out = a % b;
  return NUM_OK;
}
static inline uint32_t num_i32_and(uint32_t a, uint32_t b) { return a & b; }
static inline uint32_t num_i32_or(uint32_t a, uint32_t b) { return a | b; }
static inline uint32_t num_i32_xor(uint32_t a, uint32_t b) { return a ^ b; }
static inline uint32_t num_i32_shl(uint32_t a, uint32_t b) { return a << (b & 31); }
static inline uint32_t num_i32_shr_s(uint32_t a, uint32_t b)
{
  /* arithmetic shift without relying on implementation-defined >> of negatives */
  uint32_t k = b & 31, sign = a >> 31;
  return (a >> k) | (sign ? ~(0xffffffffu >> k) : 0);
}
static inline uint32_t num_i32_shr_u(uint32_t a, uint32_t b) { return a >> (b & 31); }
static inline uint32_t num_i32_rotl(uint32_t a, uint32_t b) { b &= 31; return (a << b) | (a >> ((32 - b) & 31)); }
static inline uint32_t num_i32_rotr(uint32_t a, uint32_t b) { b &= 31; return (a >> b) | (a << ((32 - b) & 31)); }

/* ---- i64 -------------------------------------------------------------------------------- */

static inline uint32_t num_i64_eqz(uint64_t a) { return a == 0; }
static inline uint32_t num_i64_eq(uint64_t a, uint64_t b) { return a == b; }
static inline uint32_t num_i64_ne(uint64_t a, uint64_t b) { return a != b; }
static inline uint32_t num_i64_lt_s(uint64_t a, uint64_t b) { return (int64_t)a < (int64_t)b; }
static inline uint32_t num_i64_lt_u(uint64_t a, uint64_t b) { return a < b; }
static inline uint32_t num_i64_gt_s(uint64_t a, uint64_t b) { return (int64_t)a > (int64_t)b; }
static inline uint32_t num_i64_gt_u(uint64_t a, uint64_t b) { return a > b; }
static inline uint32_t num_i64_le_s(uint64_t a, uint64_t b) { return (int64_t)a <= (int64_t)b; }
static inline uint32_t num_i64_le_u(uint64_t a, uint64_t b) { return a <= b; }
static inline uint32_t num_i64_ge_s(uint64_t a, uint64_t b) { return (int64_t)a >= (int64_t)b; }
static inline uint32_t num_i64_ge_u(uint64_t a, uint64_t b) { return a >= b; }
static inline uint64_t num_i64_clz(uint64_t a) { return a ? (uint64_t)__builtin_clzll(a) : 64; }
static inline uint64_t num_i64_ctz(uint64_t a) { return a ? (uint64_t)__builtin_ctzll(a) : 64; }
static inline uint64_t num_i64_popcnt(uint64_t a) { return (uint64_t)__builtin_popcountll(a); }
static inline uint64_t num_i64_add(uint64_t a, uint64_t b) { return a + b; }
static inline uint64_t num_i64_sub(uint64_t a, uint64_t b) { return a - b; }
static inline uint64_t num_i64_mul(uint64_t a, uint64_t b) { return a * b; }
static inline enum num_trap num_i64_div_s(uint64_t a, uint64_t b, uint64_t *out)
{
  if (b == 0)
    return NUM_TRAP_DIV_ZERO;
  if (a == 0x8000000000000000ull && b == ~0ull)
    return NUM_TRAP_INT_OVERFLOW;
  *out = (uint64_t)((int64_t)a / (int64_t)b);
  return NUM_OK;
}
static inline enum num_trap num_i64_div_u(uint64_t a, uint64_t b, uint64_t *out)
{
  if (b == 0)
    return NUM_TRAP_DIV_ZERO;
  *out = a / b;
  return NUM_OK;
}
static inline enum num_trap num_i64_rem_s(uint64_t a, uint64_t b, uint64_t *out)
{
  if (b == 0)
    return NUM_TRAP_DIV_ZERO;
  *out = b == ~0ull ? 0 : (uint64_t)((int64_t)a % (int64_t)b);
  return NUM_OK;
}
static inline enum num_trap num_i64_rem_u(uint64_t a, uint64_t b, uint64_t *out)
{
  if (b == 0)
    return NUM_TRAP_DIV_ZERO;
  *out = a % b;
  return NUM_OK;
}
static inline uint64_t num_i64_and(uint64_t a, uint64_t b) { return a & b; }
static inline uint64_t num_i64_or(uint64_t a, uint64_t b) { return a | b; }
static inline uint64_t num_i64_xor(uint64_t a, uint64_t b) { return a ^ b; }
static inline uint64_t num_i64_shl(uint64_t a, uint64_t b) { return a << (b & 63); }
static inline uint64_t num_i64_shr_s(uint64_t a, uint64_t b)
{
  uint64_t k = b & 63, sign = a >> 63;
  return (a >> k) | (sign ? ~(~0ull >> k) : 0);
}
static inline uint64_t num_i64_shr_u(uint64_t a, uint64_t b) { return a >> (b & 63); }
static inline uint64_t num_i64_rotl(uint64_t a, uint64_t b) { b &= 63; return (a << b) | (a >> ((64 - b) & 63)); }
static inline uint64_t num_i64_rotr(uint64_t a, uint64_t b) { b &= 63; return (a >> b) | (a << ((64 - b) & 63)); }

/* ---- floats ----------------------------------------------------------------------------- */

/* A NaN result of an op on NaN inputs must be quiet; the hardware ops below already give
 * that.  min/max need care: IEEE fmin ignores NaNs and C's treats -0 == +0. */
static inline float canon_nan_f32(void) { return f32_from(0x7fc00000u); }
static inline double canon_nan_f64(void) { return f64_from(0x7ff8000000000000ull); }

static inline uint32_t num_f32_eq(float a, float b) { return a == b; }
static inline uint32_t num_f32_ne(float a, float b) { return a != b; }
static inline uint32_t num_f32_lt(float a, float b) { return a < b; }
static inline uint32_t num_f32_gt(float a, float b) { return a > b; }
static inline uint32_t num_f32_le(float a, float b) { return a <= b; }
static inline uint32_t num_f32_ge(float a, float b) { return a >= b; }
static inline uint32_t num_f64_eq(double a, double b) { return a == b; }
static inline uint32_t num_f64_ne(double a, double b) { return a != b; }
static inline uint32_t num_f64_lt(double a, double b) { return a < b; }
static inline uint32_t num_f64_gt(double a, double b) { return a > b; }
static inline uint32_t num_f64_le(double a, double b) { return a <= b; }
static inline uint32_t num_f64_ge(double a, double b) { return a >= b; }

static inline float num_f32_abs(float a) { return f32_from(f32_bits(a) & 0x7fffffffu); }
static inline float num_f32_neg(float a) { return f32_from(f32_bits(a) ^ 0x80000000u); }
static inline float num_f32_copysign(float a, float b)
{
  return f32_from((f32_bits(a) & 0x7fffffffu) | (f32_bits(b) & 0x80000000u));
}
static inline double num_f64_abs(double a) { return f64_from(f64_bits(a) & 0x7fffffffffffffffull); }
static inline double num_f64_neg(double a) { return f64_from(f64_bits(a) ^ 0x8000000000000000ull); }
static inline double num_f64_copysign(double a, double b)
{
  return f64_from((f64_bits(a) & 0x7fffffffffffffffull) | (f64_bits(b) & 0x8000000000000000ull));
}

/* Rounding ops: a NaN operand gives a quiet NaN (adding it to itself quiets it). */
static inline float num_f32_ceil(float a) { return isnan(a) ? a + a : ceilf(a); }
static inline float num_f32_floor(float a) { return isnan(a) ? a + a : floorf(a); }
static inline float num_f32_trunc(float a) { return isnan(a) ? a + a : truncf(a); }
static inline float num_f32_nearest(float a) { return isnan(a) ? a + a : nearbyintf(a); } /* ties to even */
static inline float num_f32_sqrt(float a) { return sqrtf(a); }
static inline double num_f64_ceil(double a) { return isnan(a) ? a + a : ceil(a); }
static inline double num_f64_floor(double a) { return isnan(a) ? a + a : floor(a); }
static inline double num_f64_trunc(double a) { return isnan(a) ? a + a : trunc(a); }
static inline double num_f64_nearest(double a) { return isnan(a) ? a + a : nearbyint(a); }
static inline double num_f64_sqrt(double a) { return sqrt(a); }

/* Which NaN an arithmetic op returns.  The spec lets it be any; wasmlab fixes one, the same in
 * every tier: the first NaN operand, quieted, else (inf - inf, 0 * inf, ...) the hardware's.
 * That is what x86's `addss a, b` gives, so machine code needs no extra work, but C compilers
 * may commute `a + b`, so the rule is written out here rather than left to them. */
static inline float num_f32_nan(float a, float b, float r)
{
  if (isnan(a))
    return f32_from(f32_bits(a) | 0x00400000u);
  if (isnan(b))
    return f32_from(f32_bits(b) | 0x00400000u);
  return r;
}
static inline double num_f64_nan(double a, double b, double r)
{
  if (isnan(a))
    return f64_from(f64_bits(a) | 0x0008000000000000ull);
  if (isnan(b))
    return f64_from(f64_bits(b) | 0x0008000000000000ull);
  return r;
}
#define NUM_FLOAT_OP(T, NAME, OP, NANF)                                                         \
  static inline T NAME(T a, T b)                                                               \
  {                                                                                            \
    T r = a OP b;                                                                              \
    return __builtin_expect(r == r, 1) ? r : NANF(a, b, r);                                    \
  }
NUM_FLOAT_OP(float, num_f32_add, +, num_f32_nan)
NUM_FLOAT_OP(float, num_f32_sub, -, num_f32_nan)
NUM_FLOAT_OP(float, num_f32_mul, *, num_f32_nan)
NUM_FLOAT_OP(float, num_f32_div, /, num_f32_nan)
NUM_FLOAT_OP(double, num_f64_add, +, num_f64_nan)
NUM_FLOAT_OP(double, num_f64_sub, -, num_f64_nan)
NUM_FLOAT_OP(double, num_f64_mul, *, num_f64_nan)
NUM_FLOAT_OP(double, num_f64_div, /, num_f64_nan)
#undef NUM_FLOAT_OP

/* wasm min/max: any NaN operand gives a NaN; -0 is below +0. */
static inline float num_f32_min(float a, float b)
{
  if (isnan(a) || isnan(b))
    return num_f32_add(a, b);
  if (a == b)
    return f32_from(f32_bits(a) | f32_bits(b)); /* -0 wins */
  return a < b ? a : b;
}
static inline float num_f32_max(float a, float b)
{
  if (isnan(a) || isnan(b))
    return num_f32_add(a, b);
  if (a == b)
    return f32_from(f32_bits(a) & f32_bits(b)); /* +0 wins */
  return a > b ? a : b;
}
static inline double num_f64_min(double a, double b)
{
  if (isnan(a) || isnan(b))
    return num_f64_add(a, b);
  if (a == b)
    return f64_from(f64_bits(a) | f64_bits(b));
  return a < b ? a : b;
}
static inline double num_f64_max(double a, double b)
{
  if (isnan(a) || isnan(b))
    return num_f64_add(a, b);
  if (a == b)
    return f64_from(f64_bits(a) & f64_bits(b));
  return a > b ? a : b;
}

/* ---- conversions ------------------------------------------------------------------------- */

static inline uint32_t num_i32_wrap_i64(uint64_t a) { return (uint32_t)a; }
static inline uint64_t num_i64_extend_i32_s(uint32_t a) { return (uint64_t)(int64_t)(int32_t)a; }
static inline uint64_t num_i64_extend_i32_u(uint32_t a) { return a; }
static inline uint32_t num_i32_extend8_s(uint32_t a) { return (uint32_t)(int32_t)(int8_t)(uint8_t)a; }
static inline uint32_t num_i32_extend16_s(uint32_t a) { return (uint32_t)(int32_t)(int16_t)(uint16_t)a; }
static inline uint64_t num_i64_extend8_s(uint64_t a) { return (uint64_t)(int64_t)(int8_t)(uint8_t)a; }
static inline uint64_t num_i64_extend16_s(uint64_t a) { return (uint64_t)(int64_t)(int16_t)(uint16_t)a; }
static inline uint64_t num_i64_extend32_s(uint64_t a) { return (uint64_t)(int64_t)(int32_t)(uint32_t)a; }

/* Float to int: the bounds are exclusive powers of two (exactly representable), so the checks
 * are exact: x must satisfy lo < x < hi after truncation toward zero. */
#define TRUNC(NAME, FT, IT, LO, HI)                                                            \
  static inline enum num_trap NAME(FT a, IT *out)                                              \
  {                                                                                            \
    if (isnan(a))                                                                              \
      return NUM_TRAP_INVALID_CONVERSION;                                                      \
    if (!(a > (FT)(LO) && a < (FT)(HI)))                                                       \
      return NUM_TRAP_INT_OVERFLOW;                                                            \
    *out = (IT)a;                                                                              \
    return NUM_OK;                                                                             \
  }
/* signed: -2^31 - 1 < x < 2^31 (x = -2^31 itself is fine: the lower bound is one below) */
static inline enum num_trap num_i32_trunc_f32_s(float a, uint32_t *out)
{
  if (isnan(a))
    return NUM_TRAP_INVALID_CONVERSION;
  if (!(a >= -2147483648.0f && a < 2147483648.0f))
    return NUM_TRAP_INT_OVERFLOW;
  *out = (uint32_t)(int32_t)a;
  return NUM_OK;
}
static inline enum num_trap num_i32_trunc_f64_s(double a, uint32_t *out)
{
  if (isnan(a))
    return NUM_TRAP_INVALID_CONVERSION;
  if (!(a > -2147483649.0 && a < 2147483648.0))
    return NUM_TRAP_INT_OVERFLOW;
  *out = (uint32_t)(int32_t)a;
  return NUM_OK;
}
static inline enum num_trap num_i64_trunc_f32_s(float a, uint64_t *out)
{
  if (isnan(a))
    return NUM_TRAP_INVALID_CONVERSION;
  if (!(a >= -9223372036854775808.0f && a < 9223372036854775808.0f))
    return NUM_TRAP_INT_OVERFLOW;
  *out = (uint64_t)(int64_t)a;
  return NUM_OK;
}
static inline enum num_trap num_i64_trunc_f64_s(double a, uint64_t *out)
{
  if (isnan(a))
    return NUM_TRAP_INVALID_CONVERSION;
  if (!(a >= -9223372036854775808.0 && a < 9223372036854775808.0))
    return NUM_TRAP_INT_OVERFLOW;
  *out = (uint64_t)(int64_t)a;
  return NUM_OK;
}
TRUNC(num_i32_trunc_f32_u, float, uint32_t, -1.0f, 4294967296.0f)
TRUNC(num_i32_trunc_f64_u, double, uint32_t, -1.0, 4294967296.0)
TRUNC(num_i64_trunc_f32_u, float, uint64_t, -1.0f, 18446744073709551616.0f)
TRUNC(num_i64_trunc_f64_u, double, uint64_t, -1.0, 18446744073709551616.0)
#undef TRUNC

/* Saturating: NaN is 0, out-of-range clamps. */
static inline uint32_t num_i32_trunc_sat_f32_s(float a)
{
  if (isnan(a)) return 0;
  if (a < -2147483648.0f) return 0x80000000u;
  if (a >= 2147483648.0f) return 0x7fffffffu;
  return (uint32_t)(int32_t)a;
}
static inline uint32_t num_i32_trunc_sat_f32_u(float a)
{
  if (isnan(a) || a <= -1.0f) return 0;
  if (a >= 4294967296.0f) return 0xffffffffu;
  return (uint32_t)a;
}
static inline uint32_t num_i32_trunc_sat_f64_s(double a)
{
  if (isnan(a)) return 0;
  if (a <= -2147483649.0) return 0x80000000u;
  if (a >= 2147483648.0) return 0x7fffffffu;
  return (uint32_t)(int32_t)a;
}
static inline uint32_t num_i32_trunc_sat_f64_u(double a)
{
  if (isnan(a) || a <= -1.0) return 0;
  if (a >= 4294967296.0) return 0xffffffffu;
  return (uint32_t)a;
}
static inline uint64_t num_i64_trunc_sat_f32_s(float a)
{
  if (isnan(a)) return 0;
  if (a < -9223372036854775808.0f) return 0x8000000000000000ull;
  if (a >= 9223372036854775808.0f) return 0x7fffffffffffffffull;
  return (uint64_t)(int64_t)a;
}
static inline uint64_t num_i64_trunc_sat_f32_u(float a)
{
  if (isnan(a) || a <= -1.0f) return 0;
  if (a >= 18446744073709551616.0f) return ~0ull;
  return (uint64_t)a;
}
static inline uint64_t num_i64_trunc_sat_f64_s(double a)
{
  if (isnan(a)) return 0;
  if (a < -9223372036854775808.0) return 0x8000000000000000ull;
  if (a >= 9223372036854775808.0) return 0x7fffffffffffffffull;
  return (uint64_t)(int64_t)a;
}
static inline uint64_t num_i64_trunc_sat_f64_u(double a)
{
  if (isnan(a) || a <= -1.0) return 0;
  if (a >= 18446744073709551616.0) return ~0ull;
  return (uint64_t)a;
}

static inline float num_f32_convert_i32_s(uint32_t a) { return (float)(int32_t)a; }
static inline float num_f32_convert_i32_u(uint32_t a) { return (float)a; }
static inline float num_f32_convert_i64_s(uint64_t a) { return (float)(int64_t)a; }
static inline float num_f32_convert_i64_u(uint64_t a) { return (float)a; }
static inline double num_f64_convert_i32_s(uint32_t a) { return (double)(int32_t)a; }
static inline double num_f64_convert_i32_u(uint32_t a) { return (double)a; }
static inline double num_f64_convert_i64_s(uint64_t a) { return (double)(int64_t)a; }
static inline double num_f64_convert_i64_u(uint64_t a) { return (double)a; }
static inline float num_f32_demote_f64(double a) { return (float)a; }     /* quiets NaNs */
static inline double num_f64_promote_f32(float a) { return (double)a; }   /* quiets NaNs */
static inline uint32_t num_i32_reinterpret_f32(float a) { return f32_bits(a); }
static inline uint64_t num_i64_reinterpret_f64(double a) { return f64_bits(a); }
static inline float num_f32_reinterpret_i32(uint32_t a) { return f32_from(a); }
static inline double num_f64_reinterpret_i64(uint64_t a) { return f64_from(a); }

#endif
