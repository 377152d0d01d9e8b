/* heat.c: 2-D heat equation by Jacobi iteration (5-point stencil) on a plate with fixed edges and a source. */
#include "common.h"

#define GRID 384 /* interior points per side */

int main(int argc, char **argv)
{
  int steps = (int)suite_size(argc, argv, 3000, 150, 1000000);
  const int w = GRID + 2;
  size_t cells = (size_t)w * (size_t)w;
  double *u = xcalloc(cells, sizeof *u), *v = xcalloc(cells, sizeof *v);
  /* Edges: the top is held at 100, the left at 50, the others at 0. */
  for (int j = 0; j < w; j++) {
    u[j] = v[j] = 100.0;
  }
  for (int i = 1; i < w; i++) {
    u[(size_t)i * w] = v[(size_t)i * w] = 50.0;
  }
  const int si = GRID / 3, sj = 2 * GRID / 3; /* a 9x9 heater held at 200 */
  const double k = 0.2;
  for (int s = 0; s < steps; s++) {
    for (int i = 1; i <= GRID; i++) {
      const double *up = u + (size_t)(i - 1) * w, *uc = u + (size_t)i * w, *dn = u + (size_t)(i + 1) * w;
      double *out = v + (size_t)i * w;
      for (int j = 1; j <= GRID; j++)
        out[j] = uc[j] + k * ((up[j] + dn[j]) + (uc[j - 1] + uc[j + 1]) - 4.0 * uc[j]);
    }
    for (int i = si - 4; i <= si + 4; i++)
      for (int j = sj - 4; j <= sj + 4; j++)
        v[(size_t)i * w + j] = 200.0;
    double *t = u;
    u = v;
    v = t;
  }
  double sum = 0.0, hottest = 0.0;
  uint64_t h = HASH_INIT;
  for (int i = 1; i <= GRID; i++)
    for (int j = 1; j <= GRID; j++) {
      double x = u[(size_t)i * w + j];
      sum += x;
      if (x > hottest && (i < si - 4 || i > si + 4 || j < sj - 4 || j > sj + 4))
        hottest = x;
      h = hash_f64(h, x);
    }
  printf("heat grid=%d steps=%d mean=%.6f center=%.6f hottest=%.6f hash=%016" PRIx64 "\n", GRID, steps,
         sum / ((double)GRID * GRID), u[(size_t)(GRID / 2) * w + GRID / 2], hottest, h);
  free(u);
  free(v);
  return 0;
}
