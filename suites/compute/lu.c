/* lu.c: LU factorisation with partial pivoting of a dense matrix, then a solve and a residual check. */
#include "common.h"
#include <math.h>

int main(int argc, char **argv)
{
  int n = (int)suite_size(argc, argv, 1300, 480, 4096);
  size_t nn = (size_t)n * (size_t)n;
  double *a = xmalloc(nn * sizeof *a), *orig = xmalloc(nn * sizeof *orig);
  double *x = xmalloc((size_t)n * sizeof *x), *b = xmalloc((size_t)n * sizeof *b);
  int *piv = xmalloc((size_t)n * sizeof *piv);
  rng_t r = {7};
  for (size_t i = 0; i < nn; i++)
    orig[i] = rng_unit(&r) - 0.5;
  memcpy(a, orig, nn * sizeof *a);
  /* b = A * x_true with x_true[i] = 1 + (i mod 7) / 8 */
  for (int i = 0; i < n; i++) {
    double s = 0.0;
    for (int j = 0; j < n; j++)
      s += orig[(size_t)i * n + j] * (1.0 + (j % 7) / 8.0);
    b[i] = s;
  }

  /* Right-looking Doolittle elimination; row k of U and column k of L overwrite A. */
  int swaps = 0;
  for (int k = 0; k < n; k++) {
    int p = k;
    double best = fabs(a[(size_t)k * n + k]);
    for (int i = k + 1; i < n; i++) {
      double v = fabs(a[(size_t)i * n + k]);
      if (v > best) {
        best = v;
        p = i;
      }
    }
    piv[k] = p;
    if (best == 0.0) {
      printf("lu n=%d singular at column %d\n", n, k);
      return 1;
    }
    if (p != k) {
      swaps++;
      double *rk = a + (size_t)k * n, *rp = a + (size_t)p * n;
      for (int j = 0; j < n; j++) {
        double t = rk[j];
        rk[j] = rp[j];
        rp[j] = t;
      }
    }
    const double *rk = a + (size_t)k * n;
    double inv = 1.0 / rk[k];
    for (int i = k + 1; i < n; i++) {
      double *ri = a + (size_t)i * n;
      double l = ri[k] * inv;
      ri[k] = l;
      for (int j = k + 1; j < n; j++)
        ri[j] -= l * rk[j];
    }
  }

  /* Solve L U x = P b. */
  for (int k = 0; k < n; k++)
    if (piv[k] != k) {
      double t = b[k];
      b[k] = b[piv[k]];
      b[piv[k]] = t;
    }
  for (int i = 0; i < n; i++) {
    double s = b[i];
    for (int j = 0; j < i; j++)
      s -= a[(size_t)i * n + j] * x[j];
    x[i] = s;
  }
  for (int i = n - 1; i >= 0; i--) {
    double s = x[i];
    for (int j = i + 1; j < n; j++)
      s -= a[(size_t)i * n + j] * x[j];
    x[i] = s / a[(size_t)i * n + i];
  }

  double err = 0.0, xsum = 0.0;
  uint64_t h = HASH_INIT;
  for (int i = 0; i < n; i++) {
    double e = fabs(x[i] - (1.0 + (i % 7) / 8.0));
    if (e > err)
      err = e;
    xsum += x[i];
  }
  for (size_t i = 0; i < nn; i++)
    h = hash_f64(h, a[i]);
  for (int i = 0; i < n; i++)
    h = hash_f64(h, x[i]);
  printf("lu n=%d swaps=%d xsum=%.6f ok=%s hash=%016" PRIx64 "\n", n, swaps, xsum, err < 1e-6 ? "yes" : "no", h);
  free(a);
  free(orig);
  free(x);
  free(b);
  free(piv);
  return err < 1e-6 ? 0 : 1;
}
