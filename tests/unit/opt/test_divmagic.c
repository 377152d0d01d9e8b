/* test_divmagic.c: the multiply-and-shift sequences of opt/divmagic.h, worked in C exactly as opt/emit_int.c emits them, against the division they replace. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "opt/divmagic.h"

typedef unsigned __int128 u128;
typedef __int128 i128;

/* The emitted sequences (divide_unsigned_by, divide_signed_by), step for step. */
static uint32_t udiv32(uint32_t n, const div_magic *m)
{
  if (!m->add)
    return (uint32_t)(((uint64_t)n * m->mul) >> (32 + m->shift));
  uint32_t t = (uint32_t)(((uint64_t)n * m->mul) >> 32);
  return (t + ((n - t) >> 1)) >> m->shift;
}

static uint64_t udiv64(uint64_t n, const div_magic *m)
{
  uint64_t t = (uint64_t)(((u128)n * m->mul) >> 64);
  if (!m->add)
    return t >> m->shift;
  return (t + ((n - t) >> 1)) >> m->shift;
}

static int32_t sdiv32(int32_t n, int32_t d, const div_magic *m)
{
  int64_t f = ((int64_t)n * (int64_t)m->mul) >> (32 + m->shift);
  uint32_t q = (uint32_t)f + ((uint32_t)f >> 31);
  return (int32_t)(d < 0 ? -q : q);
}

static int64_t sdiv64(int64_t n, int64_t d, const div_magic *m)
{
  int64_t hi = (int64_t)(((i128)n * (i128)(int64_t)m->mul) >> 64);
  if (m->add)
    hi = (int64_t)((uint64_t)hi + (uint64_t)n);
  hi >>= m->shift;
  uint64_t q = (uint64_t)hi + ((uint64_t)hi >> 63);
  return (int64_t)(d < 0 ? -q : q);
}

static uint64_t rng = 0x9E3779B97F4A7C15u;
static uint64_t next(void)
{
  rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
  return rng;
}

/* Dividends that break sequences: the ends of the range, around multiples of d, random bits. */
static uint64_t dividend(uint64_t d, unsigned i)
{
  static const uint64_t edge[] = {0, 1, 2, 3, 0x7fffffff, 0x80000000, 0x80000001, 0xfffffffe, 0xffffffff,
                                  0x100000000, 0x7fffffffffffffff, 0x8000000000000000, 0x8000000000000001,
                                  0xfffffffffffffffe, 0xffffffffffffffff};
  unsigned ne = sizeof edge / sizeof edge[0];
  if (i < ne)
    return edge[i];
  uint64_t r = next();
  switch (i % 4) {
  case 0: return r;
  case 1: return (r >> (r & 63)) * d - 1;
  case 2: return (r >> (r & 63)) * d;
  default: return r >> (r & 63);
  }
}

static uint64_t divisor(unsigned i)
{
  if (i < 5000)
    return i + 3;
  static const uint64_t big[] = {0x7fffffff, 0x80000001, 0xfffffffd, 0xffffffff, 641, 6700417, 0x100000001,
                                 0x7fffffffffffffff, 0x8000000000000001, 0xffffffffffffffff, 0xfffffffffffffffd,
                                 1000000007, 10000000000000000000u, 999999999999999989u};
  unsigned nb = sizeof big / sizeof big[0];
  if (i - 5000 < nb)
    return big[i - 5000];
  uint64_t r = next();
  return r >> (r & 63);
}

enum { DIVISORS = 7000, DIVIDENDS = 300 };

static void unsigned_32(void **state)
{
  (void)state;
  unsigned tested = 0;
  for (unsigned i = 0; i < DIVISORS; i++) {
    uint32_t d = (uint32_t)divisor(i);
    div_magic m;
    if (!div_magic_unsigned(d, 32, &m)) {
      assert_true(d < 3 || div_log2_exact(d) >= 0);
      continue;
    }
    tested++;
    for (unsigned j = 0; j < DIVIDENDS; j++) {
      uint32_t n = (uint32_t)dividend(d, j);
      if (udiv32(n, &m) != n / d)
        fail_msg("u32 %u / %u: %u, want %u", n, d, udiv32(n, &m), n / d);
    }
  }
  assert_true(tested > 5000);
}

static void unsigned_64(void **state)
{
  (void)state;
  unsigned tested = 0;
  for (unsigned i = 0; i < DIVISORS; i++) {
    uint64_t d = divisor(i);
    div_magic m;
    if (!div_magic_unsigned(d, 64, &m)) {
      assert_true(d < 3 || div_log2_exact(d) >= 0);
      continue;
    }
    tested++;
    for (unsigned j = 0; j < DIVIDENDS; j++) {
      uint64_t n = dividend(d, j);
      if (udiv64(n, &m) != n / d)
        fail_msg("u64 %llu / %llu: %llu, want %llu", (unsigned long long)n, (unsigned long long)d,
                 (unsigned long long)udiv64(n, &m), (unsigned long long)(n / d));
    }
  }
  assert_true(tested > 5000);
}

static void signed_32(void **state)
{
  (void)state;
  unsigned tested = 0;
  for (unsigned i = 0; i < 2 * DIVISORS; i++) {
    int32_t d = (int32_t)(uint32_t)divisor(i / 2);
    if (i & 1)
      d = (int32_t)(0u - (uint32_t)d);
    div_magic m;
    if (!div_magic_signed(d, 32, &m))
      continue;
    tested++;
    for (unsigned j = 0; j < DIVIDENDS; j++) {
      int32_t n = (int32_t)(uint32_t)dividend((uint64_t)(d < 0 ? -(int64_t)d : d), j);
      if (sdiv32(n, d, &m) != (int32_t)((int64_t)n / d))
        fail_msg("s32 %d / %d: %d, want %d", n, d, sdiv32(n, d, &m), (int32_t)((int64_t)n / d));
    }
  }
  assert_true(tested > 10000);
}

static void signed_64(void **state)
{
  (void)state;
  unsigned tested = 0;
  for (unsigned i = 0; i < 2 * DIVISORS; i++) {
    int64_t d = (int64_t)divisor(i / 2);
    if (i & 1)
      d = (int64_t)(0 - (uint64_t)d);
    div_magic m;
    if (!div_magic_signed(d, 64, &m))
      continue;
    tested++;
    for (unsigned j = 0; j < DIVIDENDS; j++) {
      int64_t n = (int64_t)dividend(d < 0 ? 0 - (uint64_t)d : (uint64_t)d, j);
      int64_t want = (n == INT64_MIN && d == -1) ? n : n / d;
      if (sdiv64(n, d, &m) != want)
        fail_msg("s64 %lld / %lld: %lld, want %lld", (long long)n, (long long)d, (long long)sdiv64(n, d, &m),
                 (long long)want);
    }
  }
  assert_true(tested > 10000);
}

/* What has no magic: 0, 1, 2 and powers of two (shifts), and for signed -1, INT_MIN. */
static void refused(void **state)
{
  (void)state;
  div_magic m;
  assert_false(div_magic_unsigned(0, 32, &m));
  assert_false(div_magic_unsigned(1, 64, &m));
  assert_false(div_magic_unsigned(2, 32, &m));
  assert_false(div_magic_unsigned(1u << 20, 32, &m));
  assert_false(div_magic_unsigned(0x8000000000000000u, 64, &m));
  assert_false(div_magic_unsigned(0x100000003u, 32, &m)); /* not a 32-bit divisor */
  assert_false(div_magic_signed(-1, 32, &m));
  assert_false(div_magic_signed(INT32_MIN, 32, &m));
  assert_false(div_magic_signed(INT64_MIN, 64, &m));
  assert_false(div_magic_signed(-8, 64, &m));
  assert_int_equal(div_log2_exact(1), 0);
  assert_int_equal(div_log2_exact(0x8000000000000000u), 63);
  assert_int_equal(div_log2_exact(12), -1);
  assert_int_equal(div_log2_exact(0), -1);
  /* the short form where one exists: 10 needs no add, 7 (32 bits) does */
  assert_true(div_magic_unsigned(10, 32, &m));
  assert_false(m.add);
  assert_int_equal(m.mul, 0xcccccccdu);
  assert_int_equal(m.shift, 3);
  assert_true(div_magic_unsigned(7, 32, &m));
  assert_true(m.add);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(unsigned_32), cmocka_unit_test(unsigned_64), cmocka_unit_test(signed_32),
      cmocka_unit_test(signed_64),   cmocka_unit_test(refused),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
