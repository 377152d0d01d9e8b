/* recursion.c: rounds of recursive Fibonacci and n-queens backtracking: the hot code is only in called functions. */
#include "rounds.h"

/* The warm-up curve of a program whose hot code a tier manager can move at a function's entry:
 * main only loops over the rounds, and each round is thousands of calls of two recursive
 * functions (compute/mainloop is the opposite case, one hot loop in main).  A round is short
 * (about 0.08 ms natively, 0.9 ms interpreted) so that the curve resolves a tier-up of a
 * millisecond or two; every round makes the same calls, and the size knob is the number of
 * rounds. */
#define FIB_N 22  /* 57,313 calls a round */
#define QUEENS 9  /* 352 placements, 8,394 nodes a round */

/* Global counts are side effects, which keep a compiler from computing a round once for all. */
static uint64_t calls, nodes;

static int64_t fib(int n)
{
  calls++;
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

static uint64_t place(uint32_t all, uint32_t cols, uint32_t diag1, uint32_t diag2)
{
  nodes++;
  if (cols == all)
    return 1;
  uint64_t found = 0;
  uint32_t free_ = all & ~(cols | diag1 | diag2);
  while (free_) {
    uint32_t bit = free_ & (0u - free_);
    free_ ^= bit;
    found += place(all, cols | bit, (diag1 | bit) << 1, (diag2 | bit) >> 1);
  }
  return found;
}

int main(int argc, char **argv)
{
  int trace;
  int rounds = rounds_arg(argc, argv, 4000, 200, &trace);
  int64_t *round_ns = xmalloc((size_t)rounds * sizeof *round_ns);
  uint64_t h = HASH_INIT, solutions = 0;
  int64_t fibsum = 0;
  uint32_t all = (1u << QUEENS) - 1;
  for (int r = 0; r < rounds; r++) {
    int64_t t0 = rounds_now_ns();
    int64_t f = fib(FIB_N);
    uint64_t s = place(all, 0, 0, 0);
    round_ns[r] = rounds_now_ns() - t0;
    fibsum += f;
    solutions += s;
    h = hash_u64(hash_u64(h, (uint64_t)f), s);
  }
  printf("recursion rounds=%d fib=%" PRId64 " calls=%" PRIu64 " solutions=%" PRIu64 " nodes=%" PRIu64
         " hash=%016" PRIx64 "\n", rounds, fibsum, calls, solutions, nodes, h);
  if (trace)
    rounds_print("recursion", round_ns, rounds);
  free(round_ns);
  return 0;
}
