/* test_queue.c: the tier manager's compile queue: which job a compiler thread takes next. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "tiering/queue.h"

/*
 * The order the manager promises (docs/tiering.md): a compile for a lower rung first, then the
 * function found still hot most often while it waited, then the one queued first.  The small
 * tests pin each rule on its own; the last one drives the queue through a long mix of what the
 * manager does (queue, warm, take the top, take from the middle as a stolen job) and checks every
 * job taken from the top against a plain scan of what is queued, ordered by the rules written
 * out again here, so that a change to queue_before or to the heap shows up.
 */

#define NFUNCS 512

static char funcs[NFUNCS]; /* stand-ins: the queue only compares the pointers */

static wlab_func *fn(uint32_t i)
{
  return (wlab_func *)(void *)&funcs[i];
}

static uint32_t fn_index(const wlab_func *f)
{
  return (uint32_t)((const char *)(const void *)f - funcs);
}

static void push(compile_queue *q, uint32_t func, uint32_t rung, bool osr)
{
  assert_true(queue_push(q, (queue_job){.f = fn(func), .loop_ir = WLAB_NONE, .rung = rung, .osr = osr}));
}

static uint32_t take_top(compile_queue *q)
{
  assert_true(q->count > 0);
  return fn_index(queue_take(q, 0).f);
}

static void warm(compile_queue *q, uint32_t func, int times)
{
  for (int k = 0; k < times; k++) {
    int64_t i = queue_find(q, fn(func));
    assert_true(i >= 0);
    queue_warm(q, (uint32_t)i);
  }
}

/* Every parent comes before its children: the heap's own invariant. */
static void check_heap(const compile_queue *q)
{
  for (uint32_t i = 1; i < q->count; i++)
    assert_false(queue_before(&q->heap[i], &q->heap[(i - 1) / 2]));
}

static void lower_rung_first(void **state)
{
  (void)state;
  compile_queue q = {0};
  push(&q, 1, 1, false); /* waiting for opt, queued first and very hot */
  warm(&q, 1, 1000);
  push(&q, 2, 2, false); /* for a rung above opt */
  push(&q, 3, 0, false); /* waiting for the baseline, queued last and never warmed */
  assert_int_equal(take_top(&q), 3);
  assert_int_equal(take_top(&q), 1);
  assert_int_equal(take_top(&q), 2);
  assert_int_equal(q.count, 0);
  queue_free(&q);
}

static void hotter_first_within_a_rung(void **state)
{
  (void)state;
  compile_queue q = {0};
  for (uint32_t f = 0; f < 4; f++)
    push(&q, f, 0, false);
  warm(&q, 2, 3);
  warm(&q, 3, 1);
  warm(&q, 1, 2);
  assert_int_equal(take_top(&q), 2);
  assert_int_equal(take_top(&q), 1);
  assert_int_equal(take_top(&q), 3);
  assert_int_equal(take_top(&q), 0);
  queue_free(&q);
}

static void first_come_among_equals(void **state)
{
  (void)state;
  compile_queue q = {0};
  /* past the first allocation (64 jobs): growing keeps the order */
  for (uint32_t f = 0; f < 300; f++)
    push(&q, f, 1, false);
  for (uint32_t f = 0; f < 300; f++)
    assert_int_equal(take_top(&q), f);
  /* equal heat after warming: still first come first */
  for (uint32_t f = 0; f < 5; f++)
    push(&q, f, 0, false);
  for (uint32_t f = 5; f-- > 0;)
    warm(&q, f, 2);
  for (uint32_t f = 0; f < 5; f++)
    assert_int_equal(take_top(&q), f);
  queue_free(&q);
}

/* A push starts cold and takes the next number, whatever the job said. */
static void push_sets_heat_and_seq(void **state)
{
  (void)state;
  compile_queue q = {0};
  assert_true(queue_push(&q, (queue_job){.f = fn(7), .rung = 0, .heat = 99, .seq = 99}));
  assert_true(queue_push(&q, (queue_job){.f = fn(8), .rung = 0, .heat = 5, .seq = 0}));
  assert_int_equal(q.heap[0].heat, 0);
  assert_int_equal(take_top(&q), 7);
  queue_job j = queue_take(&q, 0);
  assert_int_equal(fn_index(j.f), 8);
  assert_int_equal(j.heat, 0);
  assert_int_equal(j.seq, 1);
  queue_free(&q);
}

/* The job a still-hot function warms is its compile, never an OSR entry it also waits for. */
static void find_skips_osr_jobs(void **state)
{
  (void)state;
  compile_queue q = {0};
  push(&q, 4, 1, true);
  assert_int_equal(queue_find(&q, fn(4)), -1);
  push(&q, 5, 0, false);
  push(&q, 4, 1, false);
  int64_t i = queue_find(&q, fn(4));
  assert_true(i >= 0);
  assert_int_equal(fn_index(q.heap[i].f), 4);
  assert_false(q.heap[i].osr);
  assert_int_equal(queue_find(&q, fn(6)), -1);
  queue_free(&q);
}

/* Taking a job out of the middle (the running thread steals a baseline job) leaves the rest in
 * order. */
static void take_from_the_middle(void **state)
{
  (void)state;
  compile_queue q = {0};
  for (uint32_t f = 0; f < 40; f++)
    push(&q, f, f % 3, false);
  for (uint32_t f = 0; f < 40; f += 7)
    warm(&q, f, (int)(f % 5));
  int64_t i = queue_find(&q, fn(13));
  assert_true(i >= 0);
  assert_int_equal(fn_index(queue_take(&q, (uint32_t)i).f), 13);
  check_heap(&q);
  assert_int_equal(queue_find(&q, fn(13)), -1);
  assert_int_equal(q.count, 39);
  queue_free(&q);
}

/* ---- the long mix, against a plain list ------------------------------------------------------- */

typedef struct shadow {
  bool queued;
  uint32_t rung;
  uint64_t heat, order; /* order: when it was queued, counted here */
} shadow;

static uint64_t rng = 0x2545f4914f6cdd1dull;

static uint32_t below(uint32_t n)
{
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return (uint32_t)((rng >> 32) % n);
}

/* The documented order, written out again: rung up, heat down, order of arrival up. */
static bool shadow_first(const shadow *a, const shadow *b)
{
  if (a->rung != b->rung)
    return a->rung < b->rung;
  if (a->heat != b->heat)
    return a->heat > b->heat;
  return a->order < b->order;
}

static void random_mix_matches_the_documented_order(void **state)
{
  (void)state;
  compile_queue q = {0};
  shadow sh[NFUNCS];
  memset(sh, 0, sizeof sh);
  uint64_t arrivals = 0, taken = 0;
  for (int step = 0; step < 20000; step++) {
    uint32_t f = below(NFUNCS), op = below(10);
    if (op < 4 && !sh[f].queued) { /* a function gets hot: queued for the rung above its own */
      uint32_t rung = below(3);
      push(&q, f, rung, false);
      sh[f] = (shadow){true, rung, 0, arrivals++};
    } else if (op < 7 && sh[f].queued) { /* found still hot while it waits */
      warm(&q, f, 1);
      sh[f].heat++;
    } else if (op < 9 && q.count > 0) { /* a compiler thread takes the next job */
      uint32_t want = NFUNCS;
      for (uint32_t g = 0; g < NFUNCS; g++)
        if (sh[g].queued && (want == NFUNCS || shadow_first(&sh[g], &sh[want])))
          want = g;
      uint32_t got = take_top(&q);
      assert_int_equal(got, want);
      sh[got].queued = false;
      taken++;
    } else if (sh[f].queued) { /* stolen by the running thread */
      int64_t i = queue_find(&q, fn(f));
      assert_true(i >= 0);
      assert_int_equal(fn_index(queue_take(&q, (uint32_t)i).f), f);
      sh[f].queued = false;
    }
    check_heap(&q);
  }
  assert_true(taken > 1000); /* the mix did exercise the order */
  queue_free(&q);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(lower_rung_first),
    cmocka_unit_test(hotter_first_within_a_rung),
    cmocka_unit_test(first_come_among_equals),
    cmocka_unit_test(push_sets_heat_and_seq),
    cmocka_unit_test(find_skips_osr_jobs),
    cmocka_unit_test(take_from_the_middle),
    cmocka_unit_test(random_mix_matches_the_documented_order),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
