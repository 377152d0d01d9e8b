/* test_arena.c: the module arena's chunks: the default first chunk, one sized by its owner, growth past it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/arena.h"

/* Without a size from the owner the first chunk is 16 KB: small allocations share it. */
static void default_first(void **state)
{
  (void)state;
  arena a;
  memset(&a, 0, sizeof a);
  unsigned char *p = arena_alloc(&a, 4096), *q = arena_alloc(&a, 4096);
  assert_non_null(p);
  assert_ptr_equal(q, p + 4096);
  assert_int_equal(a.cap, 16 * 1024);
  arena_free(&a);
}

/* A first chunk of the owner's size (a module loaded from an artifact: its tables' size, so the
 * heap's next allocations follow on pages already touched); what does not fit takes a new chunk,
 * and an allocation bigger than that size still gets all it asked for, zeroed. */
static void sized_first(void **state)
{
  (void)state;
  arena a;
  memset(&a, 0, sizeof a);
  a.first = 1024;
  unsigned char *p = arena_alloc(&a, 512);
  assert_non_null(p);
  assert_int_equal(a.cap, 1024);
  unsigned char *q = arena_alloc(&a, 512);
  assert_ptr_equal(q, p + 512);
  unsigned char *r = arena_alloc(&a, 16); /* the first chunk is full */
  assert_non_null(r);
  assert_true(r < p || r >= p + 1024);
  assert_true(a.cap >= 16 * 1024); /* later chunks as before */
  arena_free(&a);

  memset(&a, 0, sizeof a);
  a.first = 256;
  unsigned char *big = arena_alloc(&a, 3000);
  assert_non_null(big);
  for (int i = 0; i < 3000; i++)
    assert_int_equal(big[i], 0);
  assert_true(a.cap >= 3000);
  arena_free(&a);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(default_first),
    cmocka_unit_test(sized_first),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
