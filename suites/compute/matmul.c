/* matmul.c: dense double-precision matrix multiply C = A*B, cache-blocked, i-k-j inner order. */
#include "common.h"

#define BLOCK 48

int main(int argc, char **argv)
{
  int n = (int)suite_size(argc, argv, 800, 295, 4096);
  size_t nn = (size_t)n * (size_t)n;
  double *a = xmalloc(nn * sizeof *a), *b = xmalloc(nn * sizeof *b), *c = xcalloc(nn, sizeof *c);
  rng_t r = {42};
  for (size_t i = 0; i < nn; i++)
    a[i] = rng_unit(&r) * 2.0 - 1.0;
  for (size_t i = 0; i < nn; i++)
    b[i] = rng_unit(&r) * 2.0 - 1.0;

  /* Blocked over i, k and j; every C[i][j] still sums its k terms in increasing k order, so the
   * result does not depend on vectorisation of the j loop. */
  for (int ii = 0; ii < n; ii += BLOCK) {
    int ie = ii + BLOCK < n ? ii + BLOCK : n;
    for (int kk = 0; kk < n; kk += BLOCK) {
      int ke = kk + BLOCK < n ? kk + BLOCK : n;
      for (int jj = 0; jj < n; jj += BLOCK) {
        int je = jj + BLOCK < n ? jj + BLOCK : n;
        for (int i = ii; i < ie; i++) {
          double *ci = c + (size_t)i * n;
          const double *ai = a + (size_t)i * n;
          for (int k = kk; k < ke; k++) {
            double aik = ai[k];
            const double *bk = b + (size_t)k * n;
            for (int j = jj; j < je; j++)
              ci[j] += aik * bk[j];
          }
        }
      }
    }
  }

  double trace = 0.0, sum = 0.0;
  uint64_t h = HASH_INIT;
  for (int i = 0; i < n; i++) {
    trace += c[(size_t)i * n + i];
    for (int j = 0; j < n; j++) {
      sum += c[(size_t)i * n + j];
      h = hash_f64(h, c[(size_t)i * n + j]);
    }
  }
  printf("matmul n=%d trace=%.6f sum=%.6f hash=%016" PRIx64 "\n", n, trace, sum, h);
  free(a);
  free(b);
  free(c);
  return 0;
}
