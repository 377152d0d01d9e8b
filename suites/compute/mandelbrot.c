/* mandelbrot.c: escape-time Mandelbrot set on a square grid, packed to a bitmap and hashed. */
#include "common.h"

#define MAXIT 64

int main(int argc, char **argv)
{
  int w = (int)suite_size(argc, argv, 3000, 670, 32768);
  int rowbytes = (w + 7) / 8;
  uint8_t *row = xmalloc((size_t)rowbytes);
  uint64_t h = HASH_INIT, inside = 0, iters = 0;
  for (int y = 0; y < w; y++) {
    double ci = 3.0 * y / w - 1.5;
    memset(row, 0, (size_t)rowbytes);
    for (int x = 0; x < w; x++) {
      double cr = 3.0 * x / w - 2.0;
      double zr = 0.0, zi = 0.0, zr2 = 0.0, zi2 = 0.0;
      int it = 0;
      while (it < MAXIT && zr2 + zi2 <= 4.0) {
        zi = 2.0 * zr * zi + ci;
        zr = zr2 - zi2 + cr;
        zr2 = zr * zr;
        zi2 = zi * zi;
        it++;
      }
      iters += (uint64_t)it;
      if (it == MAXIT) {
        inside++;
        row[x >> 3] |= (uint8_t)(0x80u >> (x & 7));
      }
    }
    for (int i = 0; i < rowbytes; i++)
      h = hash_u64(h, row[i]);
  }
  printf("mandelbrot size=%d maxit=%d inside=%" PRIu64 " iterations=%" PRIu64 " hash=%016" PRIx64 "\n", w, MAXIT,
         inside, iters, h);
  free(row);
  return 0;
}
