/* nbody.c: gravitational n-body simulation (softened, leapfrog / kick-drift-kick) with an energy check. */
#include "common.h"

#define NB 96

typedef struct { double x[NB], y[NB], z[NB], vx[NB], vy[NB], vz[NB], ax[NB], ay[NB], az[NB], m[NB]; } bodies;

static const double EPS2 = 1e-4; /* softening length squared */
static const double DT = 1e-3;

static void accelerations(bodies *b)
{
  for (int i = 0; i < NB; i++)
    b->ax[i] = b->ay[i] = b->az[i] = 0.0;
  for (int i = 0; i < NB; i++) {
    double xi = b->x[i], yi = b->y[i], zi = b->z[i];
    double axi = 0.0, ayi = 0.0, azi = 0.0;
    for (int j = i + 1; j < NB; j++) {
      double dx = b->x[j] - xi, dy = b->y[j] - yi, dz = b->z[j] - zi;
      double d2 = dx * dx + dy * dy + dz * dz + EPS2;
      double inv = 1.0 / (d2 * __builtin_sqrt(d2));
      double si = b->m[j] * inv, sj = b->m[i] * inv;
      axi += dx * si;
      ayi += dy * si;
      azi += dz * si;
      b->ax[j] -= dx * sj;
      b->ay[j] -= dy * sj;
      b->az[j] -= dz * sj;
    }
    b->ax[i] += axi;
    b->ay[i] += ayi;
    b->az[i] += azi;
  }
}

static double energy(const bodies *b)
{
  double e = 0.0;
  for (int i = 0; i < NB; i++) {
    e += 0.5 * b->m[i] * (b->vx[i] * b->vx[i] + b->vy[i] * b->vy[i] + b->vz[i] * b->vz[i]);
    for (int j = i + 1; j < NB; j++) {
      double dx = b->x[j] - b->x[i], dy = b->y[j] - b->y[i], dz = b->z[j] - b->z[i];
      e -= b->m[i] * b->m[j] / __builtin_sqrt(dx * dx + dy * dy + dz * dz + EPS2);
    }
  }
  return e;
}

int main(int argc, char **argv)
{
  int steps = (int)suite_size(argc, argv, 20000, 1000, 100000000);
  static bodies b;
  rng_t r = {1969};
  /* A central heavy body and a disc of light ones on roughly circular orbits. */
  b.m[0] = 1.0;
  for (int i = 1; i < NB; i++) {
    double rad = 0.3 + 0.7 * rng_unit(&r);
    double ux = rng_unit(&r) * 2.0 - 1.0, uy = rng_unit(&r) * 2.0 - 1.0;
    double norm = __builtin_sqrt(ux * ux + uy * uy) + 1e-9;
    ux /= norm;
    uy /= norm;
    b.m[i] = 1e-4 * (0.5 + rng_unit(&r));
    b.x[i] = rad * ux;
    b.y[i] = rad * uy;
    b.z[i] = 0.02 * (rng_unit(&r) - 0.5);
    double v = __builtin_sqrt(1.0 / rad);
    b.vx[i] = -v * uy;
    b.vy[i] = v * ux;
    b.vz[i] = 0.01 * (rng_unit(&r) - 0.5);
  }
  /* zero total momentum */
  double px = 0, py = 0, pz = 0, mt = 0;
  for (int i = 0; i < NB; i++) {
    px += b.m[i] * b.vx[i];
    py += b.m[i] * b.vy[i];
    pz += b.m[i] * b.vz[i];
    mt += b.m[i];
  }
  for (int i = 0; i < NB; i++) {
    b.vx[i] -= px / mt;
    b.vy[i] -= py / mt;
    b.vz[i] -= pz / mt;
  }
  double e0 = energy(&b);
  accelerations(&b);
  for (int s = 0; s < steps; s++) {
    for (int i = 0; i < NB; i++) {
      b.vx[i] += 0.5 * DT * b.ax[i];
      b.vy[i] += 0.5 * DT * b.ay[i];
      b.vz[i] += 0.5 * DT * b.az[i];
      b.x[i] += DT * b.vx[i];
      b.y[i] += DT * b.vy[i];
      b.z[i] += DT * b.vz[i];
    }
    accelerations(&b);
    for (int i = 0; i < NB; i++) {
      b.vx[i] += 0.5 * DT * b.ax[i];
      b.vy[i] += 0.5 * DT * b.ay[i];
      b.vz[i] += 0.5 * DT * b.az[i];
    }
  }
  double e1 = energy(&b);
  uint64_t h = HASH_INIT;
  for (int i = 0; i < NB; i++) {
    h = hash_f64(h, b.x[i]);
    h = hash_f64(h, b.y[i]);
    h = hash_f64(h, b.z[i]);
    h = hash_f64(h, b.vx[i]);
  }
  printf("nbody bodies=%d steps=%d e0=%.9f e1=%.9f hash=%016" PRIx64 "\n", NB, steps, e0, e1, h);
  return 0;
}
