/* sieve.c: segmented sieve of Eratosthenes over odd numbers: prime count, sum and a gap histogram. */
#include "common.h"

#define SEGMENT 32768 /* odd numbers per segment (one byte each): fits in L1 */

int main(int argc, char **argv)
{
  int64_t limit = suite_size(argc, argv, 300000000, 15000000, INT64_C(4000000000000));
  /* base primes up to sqrt(limit) by a plain sieve */
  uint32_t root = 1;
  while ((uint64_t)(root + 1) * (root + 1) <= (uint64_t)limit)
    root++;
  uint8_t *small = xcalloc((size_t)root + 1, 1);
  uint32_t *base = xmalloc(((size_t)root / 2 + 2) * sizeof *base);
  uint32_t nbase = 0;
  for (uint32_t i = 3; i <= root; i += 2) {
    if (small[i])
      continue;
    base[nbase++] = i;
    for (uint64_t j = (uint64_t)i * i; j <= root; j += 2 * i)
      small[j] = 1;
  }
  /* next[k]: the next odd multiple of base[k] still to strike, as an index of odd numbers */
  uint64_t *next = xmalloc(((size_t)nbase + 1) * sizeof *next);
  for (uint32_t k = 0; k < nbase; k++)
    next[k] = ((uint64_t)base[k] * base[k]) / 2;

  uint8_t *seg = xmalloc(SEGMENT);
  uint64_t count = limit >= 2 ? 1 : 0, sum = limit >= 2 ? 2 : 0, last = 2;
  uint64_t gaps[64] = {0};
  uint64_t h = HASH_INIT;
  uint64_t nodd = ((uint64_t)limit + 1) / 2; /* odd numbers 1, 3, .., <= limit: index i is 2i+1 */
  for (uint64_t lo = 0; lo < nodd; lo += SEGMENT) {
    uint64_t hi = lo + SEGMENT < nodd ? lo + SEGMENT : nodd;
    uint32_t len = (uint32_t)(hi - lo);
    memset(seg, 0, len);
    if (lo == 0)
      seg[0] = 1; /* 1 is not prime */
    for (uint32_t k = 0; k < nbase; k++) {
      uint64_t j = next[k];
      if (j >= hi)
        continue;
      uint32_t p = base[k];
      for (; j < hi; j += p)
        seg[j - lo] = 1;
      next[k] = j;
    }
    for (uint32_t i = 0; i < len; i++) {
      if (seg[i])
        continue;
      uint64_t prime = 2 * (lo + i) + 1;
      count++;
      sum += prime;
      uint64_t gap = prime - last;
      gaps[gap / 2 < 63 ? gap / 2 : 63]++;
      last = prime;
    }
    h = hash_u64(h, count);
  }
  for (int i = 0; i < 64; i++)
    h = hash_u64(h, gaps[i]);
  int widest = 0;
  for (int i = 0; i < 64; i++)
    if (gaps[i])
      widest = i;
  printf("sieve limit=%" PRId64 " primes=%" PRIu64 " sum=%" PRIu64 " largest=%" PRIu64 " maxgap=%d hash=%016" PRIx64
         "\n",
         limit, count, sum, last, widest * 2, h);
  free(small);
  free(base);
  free(next);
  free(seg);
  return 0;
}
