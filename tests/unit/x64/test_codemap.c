/* test_codemap.c: the code map finds the function holding a pc across spans, forgets an owner's spans, and adds in constant time. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include <cmocka.h>

#include "x64/codemap.h"

static int records[8];

/* Two spans (added out of address order), functions with gaps between them. */
static void finds_each_function(void **state)
{
  (void)state;
  x64_codemap map = X64_CODEMAP_INIT;
  const int owner = 0;
  assert_true(x64_codemap_add(&map, &owner, 0x20000, 0x30000, 0x20000, 0x100, &records[2]));
  assert_true(x64_codemap_add(&map, &owner, 0x20000, 0x30000, 0x20200, 0x10, &records[3]));
  assert_true(x64_codemap_add(&map, &owner, 0x10000, 0x11000, 0x10010, 0x40, &records[0]));
  assert_true(x64_codemap_add(&map, &owner, 0x10000, 0x11000, 0x10050, 0x40, &records[1]));
  assert_ptr_equal(x64_codemap_find(&map, 0x10010), &records[0]);
  assert_ptr_equal(x64_codemap_find(&map, 0x1004f), &records[0]);
  assert_ptr_equal(x64_codemap_find(&map, 0x10050), &records[1]);
  assert_ptr_equal(x64_codemap_find(&map, 0x20000), &records[2]);
  assert_ptr_equal(x64_codemap_find(&map, 0x2020f), &records[3]);
  assert_null(x64_codemap_find(&map, 0x10000));  /* before the span's first function */
  assert_null(x64_codemap_find(&map, 0x10090));  /* after its last, inside the span */
  assert_null(x64_codemap_find(&map, 0x20100));  /* between two functions */
  assert_null(x64_codemap_find(&map, 0x2f000));
  assert_null(x64_codemap_find(&map, 0x1000));   /* before every span */
  assert_null(x64_codemap_find(&map, 0x40000));  /* past every span */
  x64_codemap_remove_owner(&map, &owner);
}

/* Removing one owner keeps the other's spans. */
static void removes_one_owner(void **state)
{
  (void)state;
  x64_codemap map = X64_CODEMAP_INIT;
  const int a = 0, b = 0;
  assert_true(x64_codemap_add(&map, &a, 0x10000, 0x20000, 0x10000, 0x10, &records[0]));
  assert_true(x64_codemap_add(&map, &b, 0x20000, 0x30000, 0x20000, 0x10, &records[1]));
  assert_true(x64_codemap_add(&map, &a, 0x30000, 0x40000, 0x30000, 0x10, &records[2]));
  x64_codemap_remove_owner(&map, &a);
  assert_null(x64_codemap_find(&map, 0x10000));
  assert_ptr_equal(x64_codemap_find(&map, 0x20000), &records[1]);
  assert_null(x64_codemap_find(&map, 0x30000));
  assert_int_equal(map.nspans, 1);
  x64_codemap_remove_owner(&map, &b);
  assert_int_equal(map.nspans, 0);
  assert_null(map.spans);  /* an empty map holds no memory */
}

static double cpu_seconds(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* n functions appended to one span, each found again; 8n costs about 8 times n, not 64 times
 * (an insertion sort at the front was quadratic).  Generous: the ratio must stay under 24. */
static double add_and_find(uint32_t n)
{
  x64_codemap map = X64_CODEMAP_INIT;
  const int owner = 0;
  double t0 = cpu_seconds();
  for (uint32_t i = 0; i < n; i++)
    assert_true(x64_codemap_add(&map, &owner, 0x100000, 0x100000 + 64ull * n, 0x100000 + 64ull * i, 48, &records[i & 7]));
  for (uint32_t i = 0; i < n; i += 97)
    assert_ptr_equal(x64_codemap_find(&map, 0x100000 + 64ull * i + 47), &records[i & 7]);
  double t = cpu_seconds() - t0;
  x64_codemap_remove_owner(&map, &owner);
  return t;
}

static void adds_in_linear_time(void **state)
{
  (void)state;
  double small = add_and_find(50000), big = add_and_find(400000);
  if (small < 1e-3)
    small = 1e-3;
  assert_true(big / small < 24.0);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(finds_each_function),
    cmocka_unit_test(removes_one_owner),
    cmocka_unit_test(adds_in_linear_time),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
