/* fft.c: big-integer multiplication by complex radix-2 FFT (convolution of base-1000 limbs), exact check. */
#include "common.h"

typedef struct { double re, im; } cplx;

static int ilog2(uint32_t n)
{
  int k = 0;
  while ((1u << k) < n)
    k++;
  return k;
}

/* Twiddles w[k] = exp(-2 pi i k / n) for k < n/2, built from half-angle formulas and products of
 * accurate values only (no libm, so every platform computes the same bits). */
static void make_twiddles(cplx *w, uint32_t n)
{
  uint32_t half = n / 2;
  w[0].re = 1.0;
  w[0].im = 0.0;
  if (half == 1)
    return;
  /* base[j] = exp(-2 pi i / 2^(j+1)) for j = 1 .. log2(n)-1 : angle pi/2, pi/4, ... */
  int levels = ilog2(n);
  double c = 0.0, s = 1.0; /* cos and sin of pi/2 */
  for (int j = 1; j < levels; j++) {
    /* entry with index n / 2^(j+1) has angle 2 pi / 2^(j+1) */
    uint32_t idx = n >> (j + 1);
    w[idx].re = c;
    w[idx].im = -s;
    double c2 = __builtin_sqrt((1.0 + c) * 0.5);
    s = s / (2.0 * c2);
    c = c2;
  }
  /* fill by doubling: w[a + b] = w[a] * w[b] with a the largest power-of-two part */
  for (uint32_t step = half >> 1; step >= 1; step >>= 1) {
    for (uint32_t k = step * 3; k < half; k += step * 2) {
      /* k = odd multiple of step; k = (k - step) + step */
      const cplx *x = &w[k - step], *y = &w[step];
      w[k].re = x->re * y->re - x->im * y->im;
      w[k].im = x->re * y->im + x->im * y->re;
    }
    if (step == 1)
      break;
  }
}

static void fft(cplx *a, uint32_t n, const cplx *w, int inverse)
{
  for (uint32_t i = 1, j = 0; i < n; i++) {
    uint32_t bit = n >> 1;
    for (; j & bit; bit >>= 1)
      j ^= bit;
    j ^= bit;
    if (i < j) {
      cplx t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
  for (uint32_t len = 2; len <= n; len <<= 1) {
    uint32_t hl = len >> 1, stride = n / len;
    for (uint32_t i = 0; i < n; i += len) {
      for (uint32_t j = 0; j < hl; j++) {
        cplx t = w[j * stride];
        if (inverse)
          t.im = -t.im;
        cplx *u = &a[i + j], *v = &a[i + j + hl];
        double vr = v->re * t.re - v->im * t.im;
        double vi = v->re * t.im + v->im * t.re;
        v->re = u->re - vr;
        v->im = u->im - vi;
        u->re += vr;
        u->im += vi;
      }
    }
  }
}

int main(int argc, char **argv)
{
  int reps = (int)suite_size(argc, argv, 100, 5, 100000);
  const uint32_t limbs = 1u << 15; /* per factor: 98304 decimal digits */
  const uint32_t n = limbs * 2;
  cplx *w = xmalloc((n / 2) * sizeof *w);
  cplx *fa = xmalloc(n * sizeof *fa), *fb = xmalloc(n * sizeof *fb);
  uint32_t *x = xmalloc(limbs * sizeof *x), *y = xmalloc(limbs * sizeof *y);
  uint32_t *prod = xmalloc(n * sizeof *prod);
  make_twiddles(w, n);
  rng_t r = {2024};
  uint64_t h = HASH_INIT;
  double worst = 0.0;
  uint32_t bad = 0;
  const uint32_t p = 1000003; /* residue check modulo a prime */
  for (int rep = 0; rep < reps; rep++) {
    for (uint32_t i = 0; i < limbs; i++) {
      x[i] = rng_below(&r, 1000);
      y[i] = rng_below(&r, 1000);
    }
    for (uint32_t i = 0; i < n; i++) {
      fa[i].re = i < limbs ? (double)x[i] : 0.0;
      fa[i].im = i < limbs ? (double)y[i] : 0.0;
    }
    /* One transform of x + i y gives both spectra: X = (F[k] + conj F[n-k]) / 2, Y = ... / 2i. */
    fft(fa, n, w, 0);
    for (uint32_t k = 0; k < n; k++) {
      uint32_t m = (n - k) & (n - 1);
      double ar = fa[k].re, ai = fa[k].im, br = fa[m].re, bi = -fa[m].im;
      double xr = (ar + br) * 0.5, xi = (ai + bi) * 0.5;
      double yr = (ai - bi) * 0.5, yi = (br - ar) * 0.5;
      fb[k].re = xr * yr - xi * yi;
      fb[k].im = xr * yi + xi * yr;
    }
    fft(fb, n, w, 1);
    uint64_t carry = 0;
    for (uint32_t i = 0; i < n; i++) {
      double v = fb[i].re / (double)n;
      double rv = __builtin_floor(v + 0.5);
      double e = v - rv;
      if (e < 0)
        e = -e;
      if (e > worst)
        worst = e;
      uint64_t t = (uint64_t)rv + carry;
      prod[i] = (uint32_t)(t % 1000);
      carry = t / 1000;
    }
    if (carry)
      bad++;
    /* value mod p of x, y and the product (limbs little-endian, base 1000) */
    uint64_t mx = 0, my = 0, mp = 0;
    for (uint32_t i = limbs; i-- > 0;) {
      mx = (mx * 1000 + x[i]) % p;
      my = (my * 1000 + y[i]) % p;
    }
    for (uint32_t i = n; i-- > 0;)
      mp = (mp * 1000 + prod[i]) % p;
    if (mp != mx * my % p)
      bad++;
    for (uint32_t i = 0; i < n; i += 7)
      h = hash_u64(h, prod[i]);
    h = hash_u64(h, mp);
  }
  uint32_t top = n;
  while (top > 1 && prod[top - 1] == 0)
    top--;
  printf("fft n=%u reps=%d digits=%u lead=%03u%03u ok=%s hash=%016" PRIx64 "\n", n, reps,
         (top - 1) * 3 + (prod[top - 1] >= 100 ? 3 : prod[top - 1] >= 10 ? 2 : 1), prod[top - 1],
         prod[top - 2], (bad == 0 && worst < 0.2) ? "yes" : "no", h);
  free(w);
  free(fa);
  free(fb);
  free(x);
  free(y);
  free(prod);
  return bad == 0 && worst < 0.2 ? 0 : 1;
}
