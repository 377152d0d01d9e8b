/* fannkuch.c: pancake-flip counts over all permutations of 1..k, for every k up to n (short loops, reversals). */
#include "common.h"

/* Flips over all k! permutations: the maximum, and the checksum that adds the flip counts of
 * even-numbered permutations and subtracts those of odd-numbered ones. */
static void fannkuch(int n, int64_t *checksum, int *maxflips)
{
  int perm[16], perm1[16], count[16];
  for (int i = 0; i < n; i++)
    perm1[i] = i;
  int64_t sum = 0, permutations = 0;
  int best = 0, r = n;
  for (;;) {
    for (; r != 1; r--)
      count[r - 1] = r;
    int k = perm1[0];
    if (k != 0) {
      for (int i = 0; i < n; i++)
        perm[i] = perm1[i];
      int flips = 0;
      do {
        for (int i = 0, j = k; i < j; i++, j--) {
          int t = perm[i];
          perm[i] = perm[j];
          perm[j] = t;
        }
        flips++;
        k = perm[0];
      } while (k != 0);
      if (flips > best)
        best = flips;
      sum += (permutations & 1) ? -flips : flips;
    }
    /* next permutation: rotate prefixes, counting down like an odometer */
    for (;;) {
      if (r == n) {
        *checksum = sum;
        *maxflips = best;
        return;
      }
      int first = perm1[0];
      for (int i = 0; i < r; i++)
        perm1[i] = perm1[i + 1];
      perm1[r] = first;
      if (--count[r] > 0)
        break;
      r++;
    }
    permutations++;
  }
}

int main(int argc, char **argv)
{
  int n = (int)suite_size(argc, argv, 10, 9, 12);
  if (n < 2)
    n = 2;
  /* the whole table for k = 2 .. n: about 1.1 times the work of n alone */
  char table[128];
  int len = 0;
  int64_t checksum = 0;
  int maxflips = 0;
  for (int k = 2; k <= n; k++) {
    fannkuch(k, &checksum, &maxflips);
    len += snprintf(table + len, sizeof table - (size_t)len, "%s%d", k > 2 ? "," : "", maxflips);
  }
  printf("fannkuch n=%d checksum=%" PRId64 " maxflips=%d table=%s\n", n, checksum, maxflips, table);
  return 0;
}
