/* nqueens.c: count all placements of n non-attacking queens by recursive backtracking on bitmasks. */
#include "common.h"

static uint64_t nodes;

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
  int n = (int)suite_size(argc, argv, 14, 12, 20);
  uint32_t all = (uint32_t)((1ull << n) - 1);
  uint64_t total = place(all, 0, 0, 0);
  /* and the first-row breakdown, which shows the board's mirror symmetry */
  uint64_t h = HASH_INIT;
  for (int c = 0; c < n; c++) {
    uint32_t bit = 1u << c;
    h = hash_u64(h, place(all, bit, bit << 1, bit >> 1));
  }
  printf("nqueens n=%d solutions=%" PRIu64 " nodes=%" PRIu64 " hash=%016" PRIx64 "\n", n, total, nodes, h);
  return 0;
}
