/* test_numeric.c: edge cases of the scalar and vector value-op semantics the interpreter runs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/simd.h"

static void integer_traps(void **state)
{
  uint32_t r32;
  uint64_t r64;
  (void)state;
  assert_int_equal(num_i32_div_s(1, 0, &r32), NUM_TRAP_DIV_ZERO);
  assert_int_equal(num_i32_div_s(0x80000000u, 0xffffffffu, &r32), NUM_TRAP_INT_OVERFLOW);
  assert_int_equal(num_i32_rem_s(0x80000000u, 0xffffffffu, &r32), NUM_OK);
  assert_int_equal(r32, 0);
  assert_int_equal(num_i64_div_s(0x8000000000000000ull, ~0ull, &r64), NUM_TRAP_INT_OVERFLOW);
  assert_int_equal(num_i32_div_s((uint32_t)-7, 2, &r32), NUM_OK);
  assert_int_equal((int32_t)r32, -3); /* truncates toward zero */
}

static void bits_and_shifts(void **state)
{
  (void)state;
  assert_int_equal(num_i32_clz(0), 32);
  assert_int_equal(num_i64_ctz(0), 64);
  assert_int_equal(num_i32_popcnt(0xffffffffu), 32);
  assert_int_equal(num_i32_shl(1, 33), 2);                /* count mod 32 */
  assert_int_equal(num_i32_shr_s(0x80000000u, 31), 0xffffffffu);
  assert_int_equal(num_i32_rotl(0x80000001u, 1), 3);
  assert_true(num_i64_shr_s(0x8000000000000000ull, 63) == ~0ull);
  assert_int_equal(num_i32_extend8_s(0x80), 0xffffff80u);
}

static void floats(void **state)
{
  uint32_t r32;
  uint64_t r64;
  (void)state;
  /* min/max: -0 below +0, NaN wins and is quiet */
  assert_int_equal(f32_bits(num_f32_min(0.0f, -0.0f)), 0x80000000u);
  assert_int_equal(f32_bits(num_f32_max(-0.0f, 0.0f)), 0);
  assert_true((f32_bits(num_f32_min(f32_from(0x7fa00000u), 1.0f)) & 0x7fc00000u) == 0x7fc00000u);
  /* neg, abs, copysign keep NaN payloads exactly */
  assert_int_equal(f32_bits(num_f32_neg(f32_from(0x7fa00001u))), 0xffa00001u);
  assert_true(f64_bits(num_f64_abs(f64_from(0xfff0000000000001ull))) == 0x7ff0000000000001ull);
  /* nearest rounds half to even */
  assert_true(num_f64_nearest(2.5) == 2.0 && num_f64_nearest(-3.5) == -4.0);
  /* trunc: the boundaries */
  assert_int_equal(num_i32_trunc_f32_s(-2147483648.0f, &r32), NUM_OK);
  assert_int_equal(num_i32_trunc_f32_s(2147483648.0f, &r32), NUM_TRAP_INT_OVERFLOW);
  assert_int_equal(num_i32_trunc_f64_s(-2147483648.9, &r32), NUM_OK);
  assert_int_equal(num_i32_trunc_f64_s(-2147483649.0, &r32), NUM_TRAP_INT_OVERFLOW);
  assert_int_equal(num_i32_trunc_f32_u(-0.9f, &r32), NUM_OK);
  assert_int_equal(r32, 0);
  assert_int_equal(num_i64_trunc_f64_u(f64_from(0x7ff8000000000000ull), &r64), NUM_TRAP_INVALID_CONVERSION);
  assert_int_equal(num_i32_trunc_sat_f32_s(f32_from(0x7fc00000u)), 0);
  assert_int_equal(num_i32_trunc_sat_f32_u(1e20f), 0xffffffffu);
  assert_true(num_f32_convert_i64_u(0xffffffffffffffffull) == 18446744073709551616.0f);
}

/* Two NaN operands: the first one's payload, quieted, whatever order the compiler picks for a
 * commutative op; one NaN: that one; none (inf - inf): the hardware's default NaN. */
static void nan_payloads(void **state)
{
  (void)state;
  float p = f32_from(0x7fa00001u), q = f32_from(0xffc00002u), inf = f32_from(0x7f800000u);
  double dp = f64_from(0x7ff4000000000001ull), dq = f64_from(0xfff8000000000002ull);
  assert_int_equal(f32_bits(num_f32_add(p, q)), 0x7fe00001u);
  assert_int_equal(f32_bits(num_f32_add(q, p)), 0xffc00002u);
  assert_int_equal(f32_bits(num_f32_mul(p, q)), 0x7fe00001u);
  assert_int_equal(f32_bits(num_f32_sub(1.0f, q)), 0xffc00002u);
  assert_int_equal(f32_bits(num_f32_div(p, 2.0f)), 0x7fe00001u);
  assert_int_equal(f32_bits(num_f32_min(q, p)), 0xffc00002u);
  assert_int_equal(f32_bits(num_f32_max(p, q)), 0x7fe00001u);
  assert_true(isnan(num_f32_sub(inf, inf)));
  assert_int_equal(f64_bits(num_f64_add(dp, dq)), 0x7ffc000000000001ull);
  assert_int_equal(f64_bits(num_f64_mul(dq, dp)), 0xfff8000000000002ull);
  assert_int_equal(f64_bits(num_f64_min(dp, dq)), 0x7ffc000000000001ull);
  v128_t a, b, r;
  for (int i = 0; i < 4; i++) {
    a.u32[i] = 0x7fa00000u + (uint32_t)i;
    b.u32[i] = 0xffc00010u + (uint32_t)i;
  }
  r = simd_f32x4_add(a, b);
  for (int i = 0; i < 4; i++)
    assert_int_equal(r.u32[i], 0x7fe00000u + (uint32_t)i);
  r = simd_f32x4_mul(b, a);
  for (int i = 0; i < 4; i++)
    assert_int_equal(r.u32[i], 0xffc00010u + (uint32_t)i);
}

static void vectors(void **state)
{
  v128_t a, b, lanes, r;
  (void)state;
  for (int i = 0; i < 16; i++) {
    a.b[i] = (uint8_t)i;
    b.b[i] = (uint8_t)(100 + i);
    lanes.b[i] = (uint8_t)(31 - i);
  }
  r = simd_i8x16_shuffle(a, b, lanes);
  assert_int_equal(r.b[0], 115);
  assert_int_equal(r.b[15], 100);              /* lane 16 is b[0] */
  lanes.b[0] = 200; /* swizzle: out-of-range indices give 0 */
  r = simd_i8x16_swizzle(a, lanes);
  assert_int_equal(r.b[0], 0);
  assert_int_equal(r.b[15], 0);                /* index 16 is out of range too */
  a = simd_i16x8_splat(0x8000);
  r = simd_i16x8_q15mulr_sat_s(a, a);
  assert_int_equal(r.u16[0], 0x7fff);           /* saturates */
  r = simd_i8x16_narrow_i16x8_s(simd_i16x8_splat(300), simd_i16x8_splat((uint32_t)-300));
  assert_int_equal(r.i8[0], 127);
  assert_int_equal(r.i8[15], -128);
  assert_int_equal(simd_i8x16_bitmask(simd_i8x16_splat(0x80)), 0xffff);
  r = simd_i32x4_shl(simd_i32x4_splat(1), 33);  /* count mod 32 */
  assert_int_equal(r.u32[3], 2);
  r = simd_f32x4_min(simd_f32x4_splat(-0.0f), simd_f32x4_splat(0.0f));
  assert_int_equal(r.u32[0], 0x80000000u);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(integer_traps),
    cmocka_unit_test(bits_and_shifts),
    cmocka_unit_test(floats),
    cmocka_unit_test(vectors),
    cmocka_unit_test(nan_payloads),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
