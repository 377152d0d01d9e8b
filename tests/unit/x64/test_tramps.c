/* test_tramps.c: the trampolines linked into .text at build time are the bytes x64_tramps_emit assembles now. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "x64/asm.h"
#include "x64/jitrt.h"

/* x64/gen_tramps.c's assembly file, linked into this test as into the engine */
extern const uint8_t jitrt_tramp_enter[], jitrt_tramp_unwind[], jitrt_tramp_trap[], jitrt_tramp_call_slow[],
    jitrt_tramp_budget[];

/* Each routine, at its symbol, holds what the encoder emits for it with jitrt.h's layout: the
 * build's copy can never be stale or assembled for other structure offsets. */
static void built_in_equals_emitted(void **state)
{
  (void)state;
  x64_tramp_layout L = jitrt_tramp_layout();
  x64_tramp_offsets at;
  x64_buf b;
  x64_buf_init(&b);
  x64_tramps_emit(&b, &L, &at);
  assert_true(x64_buf_ok(&b));
  const struct {
    const uint8_t *sym;
    size_t off;
  } r[] = {{jitrt_tramp_enter, at.enter},         {jitrt_tramp_unwind, at.unwind}, {jitrt_tramp_trap, at.trap},
           {jitrt_tramp_call_slow, at.call_slow}, {jitrt_tramp_budget, at.budget}};
  size_t n = sizeof r / sizeof r[0];
  assert_int_equal(at.enter, 0);
  assert_int_equal((uintptr_t)jitrt_tramp_enter % 64, 0);
  for (size_t i = 0; i < n; i++) {
    size_t end = i + 1 < n ? r[i + 1].off : b.len;
    assert_true(end > r[i].off);
    /* laid out as emitted: each symbol where the emitted offset says */
    assert_ptr_equal(r[i].sym, jitrt_tramp_enter + r[i].off);
    assert_memory_equal(r[i].sym, b.code + r[i].off, end - r[i].off);
  }
  x64_buf_free(&b);
}

/* The run-time path still assembles the same routines into code memory. */
static void build_at_run_time_matches(void **state)
{
  (void)state;
  x64_tramp_layout L = jitrt_tramp_layout();
  x64_tramps t;
  assert_true(x64_tramps_build(&t, &L));
  assert_memory_equal(t.mem.base, jitrt_tramp_enter, (size_t)(jitrt_tramp_budget - jitrt_tramp_enter));
  assert_int_equal((const uint8_t *)t.trap - t.mem.base, jitrt_tramp_trap - jitrt_tramp_enter);
  assert_int_equal((const uint8_t *)t.budget - t.mem.base, jitrt_tramp_budget - jitrt_tramp_enter);
  x64_codemem_free(&t.mem);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(built_in_equals_emitted),
    cmocka_unit_test(build_at_run_time_matches),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
