/* spectral.c: spectral norm of the infinite matrix A(i,j) = 1/((i+j)(i+j+1)/2 + i + 1) by power iteration. */
#include "common.h"

static inline double entry(int i, int j) { return 1.0 / (double)((int64_t)(i + j) * (i + j + 1) / 2 + i + 1); }

static void mul_a(const double *v, double *out, int n)
{
  for (int i = 0; i < n; i++) {
    double s = 0.0;
    for (int j = 0; j < n; j++)
      s += entry(i, j) * v[j];
    out[i] = s;
  }
}

static void mul_at(const double *v, double *out, int n)
{
  for (int i = 0; i < n; i++) {
    double s = 0.0;
    for (int j = 0; j < n; j++)
      s += entry(j, i) * v[j];
    out[i] = s;
  }
}

static void mul_ata(const double *v, double *out, double *tmp, int n)
{
  mul_a(v, tmp, n);
  mul_at(tmp, out, n);
}

int main(int argc, char **argv)
{
  int n = (int)suite_size(argc, argv, 2400, 540, 100000);
  double *u = xmalloc((size_t)n * sizeof *u), *v = xmalloc((size_t)n * sizeof *v);
  double *t = xmalloc((size_t)n * sizeof *t);
  for (int i = 0; i < n; i++)
    u[i] = 1.0;
  for (int k = 0; k < 10; k++) {
    mul_ata(u, v, t, n);
    mul_ata(v, u, t, n);
  }
  double uv = 0.0, vv = 0.0;
  for (int i = 0; i < n; i++) {
    uv += u[i] * v[i];
    vv += v[i] * v[i];
  }
  uint64_t h = HASH_INIT;
  for (int i = 0; i < n; i++)
    h = hash_f64(h, u[i]);
  printf("spectral n=%d norm=%.9f hash=%016" PRIx64 "\n", n, __builtin_sqrt(uv / vv), h);
  free(u);
  free(v);
  free(t);
  return 0;
}
