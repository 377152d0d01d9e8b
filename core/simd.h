/* simd.h: the semantics of the v128 value ops, lane by lane, one inline function each.
 *
 * Named after the op (`i16x8.add_sat_s` is simd_i16x8_add_sat_s).  Lanes are little-endian
 * in memory order, as in the spec.  Float lanes reuse numeric.h, so NaN rules, min/max and
 * rounding are the scalar ones.  Portable C: GCC and clang vectorise the simple loops.
 */
#ifndef WLAB_SIMD_H
#define WLAB_SIMD_H

#include <stdint.h>
#include <string.h>

#include "core/numeric.h"

/* may_alias: frames and memories are read through this type */
typedef union __attribute__((may_alias)) v128_t {
  uint8_t b[16];
  int8_t i8[16];
  uint16_t u16[8];
  int16_t i16[8];
  uint32_t u32[4];
  int32_t i32[4];
  uint64_t u64[2];
  int64_t i64[2];
  float f32[4];
  double f64[2];
} v128_t;

#define UNOP(NAME, F, N, EXPR)                                                                 \
  static inline v128_t NAME(v128_t a)                                                          \
  {                                                                                            \
    v128_t r;                                                                                  \
    for (int i = 0; i < N; i++) {                                                              \
      __typeof__(a.F[0]) x = a.F[i];                                                           \
      r.F[i] = (EXPR);                                                                         \
    }                                                                                          \
    return r;                                                                                  \
  }
#define BINOP(NAME, F, N, EXPR)                                                                \
  static inline v128_t NAME(v128_t a, v128_t b)                                                \
  {                                                                                            \
    v128_t r;                                                                                  \
    for (int i = 0; i < N; i++) {                                                              \
      __typeof__(a.F[0]) x = a.F[i], y = b.F[i];                                               \
      r.F[i] = (EXPR);                                                                         \
    }                                                                                          \
    return r;                                                                                  \
  }
/* comparisons: all ones in a lane where true; OUT is the unsigned field of the lane width */
#define CMPOP(NAME, F, OUT, N, OP)                                                             \
  static inline v128_t NAME(v128_t a, v128_t b)                                                \
  {                                                                                            \
    v128_t r;                                                                                  \
    for (int i = 0; i < N; i++)                                                                \
      r.OUT[i] = a.F[i] OP b.F[i] ? (__typeof__(r.OUT[0]))~0ull : 0;                            \
    return r;                                                                                  \
  }

/* ---- shuffles, splats, lanes ------------------------------------------------------------- */

static inline v128_t simd_i8x16_shuffle(v128_t a, v128_t b, v128_t lanes)
{
  v128_t r;
  for (int i = 0; i < 16; i++) {
    uint8_t k = lanes.b[i]; /* validated: < 32 */
    r.b[i] = k < 16 ? a.b[k] : b.b[k & 15];
  }
  return r;
}
static inline v128_t simd_i8x16_swizzle(v128_t a, v128_t s)
{
  v128_t r;
  for (int i = 0; i < 16; i++)
    r.b[i] = s.b[i] < 16 ? a.b[s.b[i]] : 0;
  return r;
}
#define SPLAT(NAME, F, N, T)                                                                   \
  static inline v128_t NAME(T x)                                                               \
  {                                                                                            \
    v128_t r;                                                                                  \
    for (int i = 0; i < N; i++)                                                                \
      r.F[i] = (__typeof__(r.F[0]))x;                                                          \
    return r;                                                                                  \
  }
SPLAT(simd_i8x16_splat, b, 16, uint32_t)
SPLAT(simd_i16x8_splat, u16, 8, uint32_t)
SPLAT(simd_i32x4_splat, u32, 4, uint32_t)
SPLAT(simd_i64x2_splat, u64, 2, uint64_t)
SPLAT(simd_f32x4_splat, f32, 4, float)
SPLAT(simd_f64x2_splat, f64, 2, double)

static inline uint32_t simd_i8x16_extract_lane_s(v128_t a, uint32_t l) { return (uint32_t)(int32_t)a.i8[l & 15]; }
static inline uint32_t simd_i8x16_extract_lane_u(v128_t a, uint32_t l) { return a.b[l & 15]; }
static inline uint32_t simd_i16x8_extract_lane_s(v128_t a, uint32_t l) { return (uint32_t)(int32_t)a.i16[l & 7]; }
static inline uint32_t simd_i16x8_extract_lane_u(v128_t a, uint32_t l) { return a.u16[l & 7]; }
static inline uint32_t simd_i32x4_extract_lane(v128_t a, uint32_t l) { return a.u32[l & 3]; }
static inline uint64_t simd_i64x2_extract_lane(v128_t a, uint32_t l) { return a.u64[l & 1]; }
static inline float simd_f32x4_extract_lane(v128_t a, uint32_t l) { return a.f32[l & 3]; }
static inline double simd_f64x2_extract_lane(v128_t a, uint32_t l) { return a.f64[l & 1]; }
static inline v128_t simd_i8x16_replace_lane(v128_t a, uint32_t x, uint32_t l) { a.b[l & 15] = (uint8_t)x; return a; }
static inline v128_t simd_i16x8_replace_lane(v128_t a, uint32_t x, uint32_t l) { a.u16[l & 7] = (uint16_t)x; return a; }
static inline v128_t simd_i32x4_replace_lane(v128_t a, uint32_t x, uint32_t l) { a.u32[l & 3] = x; return a; }
static inline v128_t simd_i64x2_replace_lane(v128_t a, uint64_t x, uint32_t l) { a.u64[l & 1] = x; return a; }
static inline v128_t simd_f32x4_replace_lane(v128_t a, float x, uint32_t l) { a.f32[l & 3] = x; return a; }
static inline v128_t simd_f64x2_replace_lane(v128_t a, double x, uint32_t l) { a.f64[l & 1] = x; return a; }

/* ---- comparisons ------------------------------------------------------------------------- */

CMPOP(simd_i8x16_eq, b, b, 16, ==)
CMPOP(simd_i8x16_ne, b, b, 16, !=)
CMPOP(simd_i8x16_lt_s, i8, b, 16, <)
CMPOP(simd_i8x16_lt_u, b, b, 16, <)
CMPOP(simd_i8x16_gt_s, i8, b, 16, >)
CMPOP(simd_i8x16_gt_u, b, b, 16, >)
CMPOP(simd_i8x16_le_s, i8, b, 16, <=)
CMPOP(simd_i8x16_le_u, b, b, 16, <=)
CMPOP(simd_i8x16_ge_s, i8, b, 16, >=)
CMPOP(simd_i8x16_ge_u, b, b, 16, >=)
CMPOP(simd_i16x8_eq, u16, u16, 8, ==)
CMPOP(simd_i16x8_ne, u16, u16, 8, !=)
CMPOP(simd_i16x8_lt_s, i16, u16, 8, <)
CMPOP(simd_i16x8_lt_u, u16, u16, 8, <)
CMPOP(simd_i16x8_gt_s, i16, u16, 8, >)
CMPOP(simd_i16x8_gt_u, u16, u16, 8, >)
CMPOP(simd_i16x8_le_s, i16, u16, 8, <=)
CMPOP(simd_i16x8_le_u, u16, u16, 8, <=)
CMPOP(simd_i16x8_ge_s, i16, u16, 8, >=)
CMPOP(simd_i16x8_ge_u, u16, u16, 8, >=)
CMPOP(simd_i32x4_eq, u32, u32, 4, ==)
CMPOP(simd_i32x4_ne, u32, u32, 4, !=)
CMPOP(simd_i32x4_lt_s, i32, u32, 4, <)
CMPOP(simd_i32x4_lt_u, u32, u32, 4, <)
CMPOP(simd_i32x4_gt_s, i32, u32, 4, >)
CMPOP(simd_i32x4_gt_u, u32, u32, 4, >)
CMPOP(simd_i32x4_le_s, i32, u32, 4, <=)
CMPOP(simd_i32x4_le_u, u32, u32, 4, <=)
CMPOP(simd_i32x4_ge_s, i32, u32, 4, >=)
CMPOP(simd_i32x4_ge_u, u32, u32, 4, >=)
CMPOP(simd_i64x2_eq, u64, u64, 2, ==)
CMPOP(simd_i64x2_ne, u64, u64, 2, !=)
CMPOP(simd_i64x2_lt_s, i64, u64, 2, <)
CMPOP(simd_i64x2_gt_s, i64, u64, 2, >)
CMPOP(simd_i64x2_le_s, i64, u64, 2, <=)
CMPOP(simd_i64x2_ge_s, i64, u64, 2, >=)
CMPOP(simd_f32x4_eq, f32, u32, 4, ==)
CMPOP(simd_f32x4_ne, f32, u32, 4, !=)
CMPOP(simd_f32x4_lt, f32, u32, 4, <)
CMPOP(simd_f32x4_gt, f32, u32, 4, >)
CMPOP(simd_f32x4_le, f32, u32, 4, <=)
CMPOP(simd_f32x4_ge, f32, u32, 4, >=)
CMPOP(simd_f64x2_eq, f64, u64, 2, ==)
CMPOP(simd_f64x2_ne, f64, u64, 2, !=)
CMPOP(simd_f64x2_lt, f64, u64, 2, <)
CMPOP(simd_f64x2_gt, f64, u64, 2, >)
CMPOP(simd_f64x2_le, f64, u64, 2, <=)
CMPOP(simd_f64x2_ge, f64, u64, 2, >=)

/* ---- bitwise ----------------------------------------------------------------------------- */

UNOP(simd_v128_not, u64, 2, ~x)
BINOP(simd_v128_and, u64, 2, x & y)
BINOP(simd_v128_andnot, u64, 2, x & ~y)
BINOP(simd_v128_or, u64, 2, x | y)
BINOP(simd_v128_xor, u64, 2, x ^ y)
static inline v128_t simd_v128_bitselect(v128_t a, v128_t b, v128_t c)
{
  v128_t r;
  for (int i = 0; i < 2; i++)
    r.u64[i] = (a.u64[i] & c.u64[i]) | (b.u64[i] & ~c.u64[i]);
  return r;
}
static inline uint32_t simd_v128_any_true(v128_t a) { return (a.u64[0] | a.u64[1]) != 0; }

#define ALL_TRUE(NAME, F, N)                                                                   \
  static inline uint32_t NAME(v128_t a)                                                        \
  {                                                                                            \
    for (int i = 0; i < N; i++)                                                                \
      if (!a.F[i])                                                                             \
        return 0;                                                                              \
    return 1;                                                                                  \
  }
ALL_TRUE(simd_i8x16_all_true, b, 16)
ALL_TRUE(simd_i16x8_all_true, u16, 8)
ALL_TRUE(simd_i32x4_all_true, u32, 4)
ALL_TRUE(simd_i64x2_all_true, u64, 2)
#define BITMASK(NAME, F, N)                                                                    \
  static inline uint32_t NAME(v128_t a)                                                        \
  {                                                                                            \
    uint32_t m = 0;                                                                            \
    for (int i = 0; i < N; i++)                                                                \
      m |= (uint32_t)(a.F[i] < 0) << i;                                                        \
    return m;                                                                                  \
  }
BITMASK(simd_i8x16_bitmask, i8, 16)
BITMASK(simd_i16x8_bitmask, i16, 8)
BITMASK(simd_i32x4_bitmask, i32, 4)
BITMASK(simd_i64x2_bitmask, i64, 2)

/* ---- integer arithmetic ------------------------------------------------------------------ */

/* abs and neg wrap (abs of the minimum is the minimum): compute in unsigned */
UNOP(simd_i8x16_abs, b, 16, (uint8_t)((int8_t)x < 0 ? -x : x))
UNOP(simd_i8x16_neg, b, 16, (uint8_t)-x)
UNOP(simd_i8x16_popcnt, b, 16, (uint8_t)__builtin_popcount(x))
UNOP(simd_i16x8_abs, u16, 8, (uint16_t)((int16_t)x < 0 ? -x : x))
UNOP(simd_i16x8_neg, u16, 8, (uint16_t)-x)
UNOP(simd_i32x4_abs, u32, 4, (int32_t)x < 0 ? -x : x)
UNOP(simd_i32x4_neg, u32, 4, -x)
UNOP(simd_i64x2_abs, u64, 2, (int64_t)x < 0 ? -x : x)
UNOP(simd_i64x2_neg, u64, 2, -x)

BINOP(simd_i8x16_add, b, 16, (uint8_t)(x + y))
BINOP(simd_i8x16_sub, b, 16, (uint8_t)(x - y))
BINOP(simd_i16x8_add, u16, 8, (uint16_t)(x + y))
BINOP(simd_i16x8_sub, u16, 8, (uint16_t)(x - y))
BINOP(simd_i16x8_mul, u16, 8, (uint16_t)((uint32_t)x * y))
BINOP(simd_i32x4_add, u32, 4, x + y)
BINOP(simd_i32x4_sub, u32, 4, x - y)
BINOP(simd_i32x4_mul, u32, 4, x * y)
BINOP(simd_i64x2_add, u64, 2, x + y)
BINOP(simd_i64x2_sub, u64, 2, x - y)
BINOP(simd_i64x2_mul, u64, 2, x * y)

static inline int32_t sat_i(int32_t v, int32_t lo, int32_t hi) { return v < lo ? lo : v > hi ? hi : v; }
BINOP(simd_i8x16_add_sat_s, i8, 16, (int8_t)sat_i(x + y, -128, 127))
BINOP(simd_i8x16_add_sat_u, b, 16, (uint8_t)sat_i(x + y, 0, 255))
BINOP(simd_i8x16_sub_sat_s, i8, 16, (int8_t)sat_i(x - y, -128, 127))
BINOP(simd_i8x16_sub_sat_u, b, 16, (uint8_t)sat_i(x - y, 0, 255))
BINOP(simd_i16x8_add_sat_s, i16, 8, (int16_t)sat_i(x + y, -32768, 32767))
BINOP(simd_i16x8_add_sat_u, u16, 8, (uint16_t)sat_i(x + y, 0, 65535))
BINOP(simd_i16x8_sub_sat_s, i16, 8, (int16_t)sat_i(x - y, -32768, 32767))
BINOP(simd_i16x8_sub_sat_u, u16, 8, (uint16_t)sat_i(x - y, 0, 65535))

BINOP(simd_i8x16_min_s, i8, 16, x < y ? x : y)
BINOP(simd_i8x16_min_u, b, 16, x < y ? x : y)
BINOP(simd_i8x16_max_s, i8, 16, x > y ? x : y)
BINOP(simd_i8x16_max_u, b, 16, x > y ? x : y)
BINOP(simd_i16x8_min_s, i16, 8, x < y ? x : y)
BINOP(simd_i16x8_min_u, u16, 8, x < y ? x : y)
BINOP(simd_i16x8_max_s, i16, 8, x > y ? x : y)
BINOP(simd_i16x8_max_u, u16, 8, x > y ? x : y)
BINOP(simd_i32x4_min_s, i32, 4, x < y ? x : y)
BINOP(simd_i32x4_min_u, u32, 4, x < y ? x : y)
BINOP(simd_i32x4_max_s, i32, 4, x > y ? x : y)
BINOP(simd_i32x4_max_u, u32, 4, x > y ? x : y)
BINOP(simd_i8x16_avgr_u, b, 16, (uint8_t)((x + y + 1) >> 1))
BINOP(simd_i16x8_avgr_u, u16, 8, (uint16_t)((x + y + 1) >> 1))
BINOP(simd_i16x8_q15mulr_sat_s, i16, 8, (int16_t)sat_i((x * y + 0x4000) >> 15, -32768, 32767))

/* shifts: the count is taken modulo the lane width; signed right shifts via division-free
 * arithmetic on the unsigned value */
#define SHIFT(NAME, F, UF, N, W, EXPR)                                                         \
  static inline v128_t NAME(v128_t a, uint32_t s)                                              \
  {                                                                                            \
    v128_t r;                                                                                  \
    uint32_t k = s & (W - 1);                                                                  \
    for (int i = 0; i < N; i++) {                                                              \
      __typeof__(a.UF[0]) x = a.UF[i];                                                         \
      r.UF[i] = (__typeof__(r.UF[0]))(EXPR);                                                   \
    }                                                                                          \
    return r;                                                                                  \
  }
SHIFT(simd_i8x16_shl, i8, b, 16, 8, (uint32_t)x << k)
SHIFT(simd_i8x16_shr_u, i8, b, 16, 8, x >> k)
SHIFT(simd_i8x16_shr_s, i8, b, 16, 8, (x >> k) | ((x & 0x80u) ? (0xffu << (8 - k)) : 0))
SHIFT(simd_i16x8_shl, i16, u16, 8, 16, (uint32_t)x << k)
SHIFT(simd_i16x8_shr_u, i16, u16, 8, 16, x >> k)
SHIFT(simd_i16x8_shr_s, i16, u16, 8, 16, (x >> k) | ((x & 0x8000u) ? (0xffffu << (16 - k)) : 0))
SHIFT(simd_i32x4_shl, i32, u32, 4, 32, x << k)
SHIFT(simd_i32x4_shr_u, i32, u32, 4, 32, x >> k)
SHIFT(simd_i32x4_shr_s, i32, u32, 4, 32, num_i32_shr_s(x, k))
SHIFT(simd_i64x2_shl, i64, u64, 2, 64, x << k)
SHIFT(simd_i64x2_shr_u, i64, u64, 2, 64, x >> k)
SHIFT(simd_i64x2_shr_s, i64, u64, 2, 64, num_i64_shr_s(x, k))

/* ---- widening and narrowing -------------------------------------------------------------- */

#define EXTEND(NAME, SRC, DST, N, OFF)                                                         \
  static inline v128_t NAME(v128_t a)                                                          \
  {                                                                                            \
    v128_t r;                                                                                  \
    for (int i = 0; i < N; i++)                                                                \
      r.DST[i] = a.SRC[i + OFF];                                                               \
    return r;                                                                                  \
  }
EXTEND(simd_i16x8_extend_low_i8x16_s, i8, i16, 8, 0)
EXTEND(simd_i16x8_extend_high_i8x16_s, i8, i16, 8, 8)
EXTEND(simd_i16x8_extend_low_i8x16_u, b, u16, 8, 0)
EXTEND(simd_i16x8_extend_high_i8x16_u, b, u16, 8, 8)
EXTEND(simd_i32x4_extend_low_i16x8_s, i16, i32, 4, 0)
EXTEND(simd_i32x4_extend_high_i16x8_s, i16, i32, 4, 4)
EXTEND(simd_i32x4_extend_low_i16x8_u, u16, u32, 4, 0)
EXTEND(simd_i32x4_extend_high_i16x8_u, u16, u32, 4, 4)
EXTEND(simd_i64x2_extend_low_i32x4_s, i32, i64, 2, 0)
EXTEND(simd_i64x2_extend_high_i32x4_s, i32, i64, 2, 2)
EXTEND(simd_i64x2_extend_low_i32x4_u, u32, u64, 2, 0)
EXTEND(simd_i64x2_extend_high_i32x4_u, u32, u64, 2, 2)

#define EXTMUL(NAME, SRC, DST, N, OFF, WT)                                                     \
  static inline v128_t NAME(v128_t a, v128_t b)                                                \
  {                                                                                            \
    v128_t r;                                                                                  \
    for (int i = 0; i < N; i++)                                                                \
      r.DST[i] = (__typeof__(r.DST[0]))((WT)a.SRC[i + OFF] * (WT)b.SRC[i + OFF]);              \
    return r;                                                                                  \
  }
EXTMUL(simd_i16x8_extmul_low_i8x16_s, i8, i16, 8, 0, int32_t)
EXTMUL(simd_i16x8_extmul_high_i8x16_s, i8, i16, 8, 8, int32_t)
EXTMUL(simd_i16x8_extmul_low_i8x16_u, b, u16, 8, 0, uint32_t)
EXTMUL(simd_i16x8_extmul_high_i8x16_u, b, u16, 8, 8, uint32_t)
EXTMUL(simd_i32x4_extmul_low_i16x8_s, i16, i32, 4, 0, int64_t)
EXTMUL(simd_i32x4_extmul_high_i16x8_s, i16, i32, 4, 4, int64_t)
EXTMUL(simd_i32x4_extmul_low_i16x8_u, u16, u32, 4, 0, uint64_t)
EXTMUL(simd_i32x4_extmul_high_i16x8_u, u16, u32, 4, 4, uint64_t)
EXTMUL(simd_i64x2_extmul_low_i32x4_s, i32, u64, 2, 0, int64_t)
EXTMUL(simd_i64x2_extmul_high_i32x4_s, i32, u64, 2, 2, int64_t)
EXTMUL(simd_i64x2_extmul_low_i32x4_u, u32, u64, 2, 0, uint64_t)
EXTMUL(simd_i64x2_extmul_high_i32x4_u, u32, u64, 2, 2, uint64_t)

#define EXTADD(NAME, SRC, DST, N)                                                              \
  static inline v128_t NAME(v128_t a)                                                          \
  {                                                                                            \
    v128_t r;                                                                                  \
    for (int i = 0; i < N; i++)                                                                \
      r.DST[i] = (__typeof__(r.DST[0]))(a.SRC[2 * i] + a.SRC[2 * i + 1]);                      \
    return r;                                                                                  \
  }
EXTADD(simd_i16x8_extadd_pairwise_i8x16_s, i8, i16, 8)
EXTADD(simd_i16x8_extadd_pairwise_i8x16_u, b, u16, 8)
EXTADD(simd_i32x4_extadd_pairwise_i16x8_s, i16, i32, 4)
EXTADD(simd_i32x4_extadd_pairwise_i16x8_u, u16, u32, 4)

static inline v128_t simd_i32x4_dot_i16x8_s(v128_t a, v128_t b)
{
  v128_t r;
  for (int i = 0; i < 4; i++) {
    /* each product fits in 31 bits; their sum can reach 2^31 and wraps */
    uint32_t p0 = (uint32_t)((int32_t)a.i16[2 * i] * b.i16[2 * i]);
    uint32_t p1 = (uint32_t)((int32_t)a.i16[2 * i + 1] * b.i16[2 * i + 1]);
    r.u32[i] = p0 + p1;
  }
  return r;
}

#define NARROW(NAME, SRC, DST, N, LO, HI)                                                      \
  static inline v128_t NAME(v128_t a, v128_t b)                                                \
  {                                                                                            \
    v128_t r;                                                                                  \
    for (int i = 0; i < N; i++) {                                                              \
      int32_t x = i < N / 2 ? a.SRC[i] : b.SRC[i - N / 2];                                     \
      r.DST[i] = (__typeof__(r.DST[0]))sat_i(x, LO, HI);                                       \
    }                                                                                          \
    return r;                                                                                  \
  }
NARROW(simd_i8x16_narrow_i16x8_s, i16, i8, 16, -128, 127)
NARROW(simd_i8x16_narrow_i16x8_u, i16, b, 16, 0, 255)
NARROW(simd_i16x8_narrow_i32x4_s, i32, i16, 8, -32768, 32767)
NARROW(simd_i16x8_narrow_i32x4_u, i32, u16, 8, 0, 65535)

/* ---- floats ------------------------------------------------------------------------------ */

UNOP(simd_f32x4_abs, f32, 4, num_f32_abs(x))
UNOP(simd_f32x4_neg, f32, 4, num_f32_neg(x))
UNOP(simd_f32x4_sqrt, f32, 4, num_f32_sqrt(x))
UNOP(simd_f32x4_ceil, f32, 4, num_f32_ceil(x))
UNOP(simd_f32x4_floor, f32, 4, num_f32_floor(x))
UNOP(simd_f32x4_trunc, f32, 4, num_f32_trunc(x))
UNOP(simd_f32x4_nearest, f32, 4, num_f32_nearest(x))
UNOP(simd_f64x2_abs, f64, 2, num_f64_abs(x))
UNOP(simd_f64x2_neg, f64, 2, num_f64_neg(x))
UNOP(simd_f64x2_sqrt, f64, 2, num_f64_sqrt(x))
UNOP(simd_f64x2_ceil, f64, 2, num_f64_ceil(x))
UNOP(simd_f64x2_floor, f64, 2, num_f64_floor(x))
UNOP(simd_f64x2_trunc, f64, 2, num_f64_trunc(x))
UNOP(simd_f64x2_nearest, f64, 2, num_f64_nearest(x))
BINOP(simd_f32x4_add, f32, 4, num_f32_add(x, y))
BINOP(simd_f32x4_sub, f32, 4, num_f32_sub(x, y))
BINOP(simd_f32x4_mul, f32, 4, num_f32_mul(x, y))
BINOP(simd_f32x4_div, f32, 4, num_f32_div(x, y))
BINOP(simd_f32x4_min, f32, 4, num_f32_min(x, y))
BINOP(simd_f32x4_max, f32, 4, num_f32_max(x, y))
BINOP(simd_f32x4_pmin, f32, 4, y < x ? y : x)
BINOP(simd_f32x4_pmax, f32, 4, x < y ? y : x)
BINOP(simd_f64x2_add, f64, 2, num_f64_add(x, y))
BINOP(simd_f64x2_sub, f64, 2, num_f64_sub(x, y))
BINOP(simd_f64x2_mul, f64, 2, num_f64_mul(x, y))
BINOP(simd_f64x2_div, f64, 2, num_f64_div(x, y))
BINOP(simd_f64x2_min, f64, 2, num_f64_min(x, y))
BINOP(simd_f64x2_max, f64, 2, num_f64_max(x, y))
BINOP(simd_f64x2_pmin, f64, 2, y < x ? y : x)
BINOP(simd_f64x2_pmax, f64, 2, x < y ? y : x)

static inline v128_t simd_i32x4_trunc_sat_f32x4_s(v128_t a)
{
  v128_t r;
  for (int i = 0; i < 4; i++)
    r.u32[i] = num_i32_trunc_sat_f32_s(a.f32[i]);
  return r;
}
static inline v128_t simd_i32x4_trunc_sat_f32x4_u(v128_t a)
{
  v128_t r;
  for (int i = 0; i < 4; i++)
    r.u32[i] = num_i32_trunc_sat_f32_u(a.f32[i]);
  return r;
}
static inline v128_t simd_i32x4_trunc_sat_f64x2_s_zero(v128_t a)
{
  v128_t r = {{0}};
  r.u32[0] = num_i32_trunc_sat_f64_s(a.f64[0]);
  r.u32[1] = num_i32_trunc_sat_f64_s(a.f64[1]);
  return r;
}
static inline v128_t simd_i32x4_trunc_sat_f64x2_u_zero(v128_t a)
{
  v128_t r = {{0}};
  r.u32[0] = num_i32_trunc_sat_f64_u(a.f64[0]);
  r.u32[1] = num_i32_trunc_sat_f64_u(a.f64[1]);
  return r;
}
static inline v128_t simd_f32x4_convert_i32x4_s(v128_t a)
{
  v128_t r;
  for (int i = 0; i < 4; i++)
    r.f32[i] = (float)a.i32[i];
  return r;
}
static inline v128_t simd_f32x4_convert_i32x4_u(v128_t a)
{
  v128_t r;
  for (int i = 0; i < 4; i++)
    r.f32[i] = (float)a.u32[i];
  return r;
}
static inline v128_t simd_f64x2_convert_low_i32x4_s(v128_t a)
{
  v128_t r;
  r.f64[0] = a.i32[0];
  r.f64[1] = a.i32[1];
  return r;
}
static inline v128_t simd_f64x2_convert_low_i32x4_u(v128_t a)
{
  v128_t r;
  r.f64[0] = a.u32[0];
  r.f64[1] = a.u32[1];
  return r;
}
static inline v128_t simd_f32x4_demote_f64x2_zero(v128_t a)
{
  v128_t r = {{0}};
  r.f32[0] = (float)a.f64[0];
  r.f32[1] = (float)a.f64[1];
  return r;
}
static inline v128_t simd_f64x2_promote_low_f32x4(v128_t a)
{
  v128_t r;
  r.f64[0] = a.f32[0];
  r.f64[1] = a.f32[1];
  return r;
}

#undef UNOP
#undef BINOP
#undef CMPOP
#undef SPLAT
#undef ALL_TRUE
#undef BITMASK
#undef SHIFT
#undef EXTEND
#undef EXTMUL
#undef EXTADD
#undef NARROW

/* ---- loads that shape what they read ------------------------------------------------------ */

/* Shaping the bytes of the widening and splatting v128 loads: N narrow lanes read from
 * memory, each widened (sign or zero) into a lane twice as wide. */
#define WIDEN_LOAD(NAME, FROM, TO, N)                                                          \
  static inline v128_t NAME(const uint64_t raw[2])                                             \
  {                                                                                            \
    v128_t v;                                                                                  \
    FROM lanes[N];                                                                             \
    memcpy(lanes, raw, sizeof lanes);                                                          \
    for (int i = 0; i < N; i++) {                                                              \
      TO x = lanes[i];                                                                         \
      memcpy(v.b + i * sizeof x, &x, sizeof x);                                                \
    }                                                                                          \
    return v;                                                                                  \
  }
WIDEN_LOAD(simd_load8x8_s, int8_t, int16_t, 8)
WIDEN_LOAD(simd_load8x8_u, uint8_t, uint16_t, 8)
WIDEN_LOAD(simd_load16x4_s, int16_t, int32_t, 4)
WIDEN_LOAD(simd_load16x4_u, uint16_t, uint32_t, 4)
WIDEN_LOAD(simd_load32x2_s, int32_t, int64_t, 2)
WIDEN_LOAD(simd_load32x2_u, uint32_t, uint64_t, 2)
#undef WIDEN_LOAD

static inline v128_t simd_splat_bytes(const uint64_t raw[2], int n)
{
  v128_t v;
  for (int i = 0; i < 16; i += n)
    memcpy(v.b + i, raw, (size_t)n);
  return v;
}
static inline v128_t simd_load8_splat(const uint64_t raw[2]) { return simd_splat_bytes(raw, 1); }
static inline v128_t simd_load16_splat(const uint64_t raw[2]) { return simd_splat_bytes(raw, 2); }
static inline v128_t simd_load32_splat(const uint64_t raw[2]) { return simd_splat_bytes(raw, 4); }
static inline v128_t simd_load64_splat(const uint64_t raw[2]) { return simd_splat_bytes(raw, 8); }
static inline v128_t simd_load_zero(const uint64_t raw[2])
{
  v128_t v;
  memcpy(v.b, raw, 16); /* the bytes past the loaded ones were zeroed by the handler */
  return v;
}

#endif
