/* test_reader.c: LEB128 and vector-length reading exactly as the binary format requires. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/reader.h"

static reader over(const uint8_t *b, size_t n)
{
  reader r = {b, b, b + n, NULL, 0};
  return r;
}

static void u32_forms(void **state)
{
  (void)state;
  uint32_t v;
  const uint8_t max[] = {0xff, 0xff, 0xff, 0xff, 0x0f};
  const uint8_t zero_long[] = {0x80, 0x80, 0x80, 0x80, 0x00}; /* overlong but legal: 5 bytes */
  const uint8_t six[] = {0x80, 0x80, 0x80, 0x80, 0x80, 0x00};
  const uint8_t big[] = {0xff, 0xff, 0xff, 0xff, 0x1f};
  const uint8_t big2[] = {0x80, 0x80, 0x80, 0x80, 0x70};
  reader r = over(max, 5);
  assert_true(read_u32(&r, &v));
  assert_int_equal(v, 0xffffffffu);
  assert_true(reader_done(&r));
  r = over(zero_long, 5);
  assert_true(read_u32(&r, &v));
  assert_int_equal(v, 0);
  r = over(six, 6);
  assert_false(read_u32(&r, &v));
  assert_string_equal(r.fail, "integer representation too long");
  r = over(big, 5);
  assert_false(read_u32(&r, &v));
  assert_string_equal(r.fail, "integer too large");
  r = over(big2, 5);
  assert_false(read_u32(&r, &v));
  assert_string_equal(r.fail, "integer too large");
}

static void s32_forms(void **state)
{
  (void)state;
  int32_t v;
  const uint8_t minus1[] = {0x7f};
  const uint8_t min[] = {0x80, 0x80, 0x80, 0x80, 0x78};     /* INT32_MIN */
  const uint8_t neg_long[] = {0xff, 0xff, 0xff, 0xff, 0x7f}; /* -1 in five bytes: legal */
  const uint8_t bad_pos[] = {0x80, 0x80, 0x80, 0x80, 0x10};  /* bits past 31 not a sign copy */
  const uint8_t bad_neg[] = {0xff, 0xff, 0xff, 0xff, 0x4f};
  reader r = over(minus1, 1);
  assert_true(read_s32(&r, &v));
  assert_int_equal(v, -1);
  r = over(min, 5);
  assert_true(read_s32(&r, &v));
  assert_int_equal(v, INT32_MIN);
  r = over(neg_long, 5);
  assert_true(read_s32(&r, &v));
  assert_int_equal(v, -1);
  r = over(bad_pos, 5);
  assert_false(read_s32(&r, &v));
  assert_string_equal(r.fail, "integer too large");
  r = over(bad_neg, 5);
  assert_false(read_s32(&r, &v));
  assert_string_equal(r.fail, "integer too large");
}

static void s64_and_s33(void **state)
{
  (void)state;
  int64_t v;
  const uint8_t min64[] = {0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f};
  const uint8_t bad64[] = {0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01};
  const uint8_t long64[] = {0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00};
  const uint8_t empty_bt[] = {0x40};
  const uint8_t bt_big[] = {0xff, 0xff, 0xff, 0xff, 0x0f}; /* s33: 2^32 - 1, a type index */
  reader r = over(min64, 10);
  assert_true(read_s64(&r, &v));
  assert_true(v == INT64_MIN);
  r = over(bad64, 10);
  assert_false(read_s64(&r, &v));
  assert_string_equal(r.fail, "integer too large");
  r = over(long64, 11);
  assert_false(read_s64(&r, &v));
  assert_string_equal(r.fail, "integer representation too long");
  r = over(empty_bt, 1);
  assert_true(read_sleb(&r, 33, &v));
  assert_int_equal(v, -64);
  r = over(bt_big, 5);
  assert_true(read_sleb(&r, 33, &v));
  assert_true(v == 0xffffffffll);
}

static void truncation_and_counts(void **state)
{
  (void)state;
  uint32_t v;
  const uint8_t cut[] = {0x80, 0x80};
  const uint8_t count[] = {0x05, 1, 2, 3};
  reader r = over(cut, 2);
  assert_false(read_u32(&r, &v));
  assert_string_equal(r.fail, "unexpected end");
  assert_int_equal(r.fail_at, 2);
  /* five elements of at least one byte cannot fit in three bytes */
  r = over(count, 4);
  assert_false(read_count(&r, 1, &v));
  r = over(count, 4);
  assert_true(read_u32(&r, &v) && v == 5);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(u32_forms),
    cmocka_unit_test(s32_forms),
    cmocka_unit_test(s64_and_s33),
    cmocka_unit_test(truncation_and_counts),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
