/* simd.c: block-matching motion search (sum of absolute differences) in wasm SIMD128, SSE2 or scalar C. */
#include "common.h"

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#elif defined(__SSE2__) && !defined(SUITES_SCALAR)
#include <emmintrin.h>
#endif
/* Build with -DSUITES_SCALAR to force the plain C kernel natively; all three give the same output. */

#define W 640
#define H 360
#define BS 16    /* block size */
#define RANGE 7  /* search window: +-RANGE pixels in each direction */

/* SAD of the 16x16 block at cur against the block at ref; both rows are W bytes apart. */
static uint32_t sad16(const uint8_t *cur, const uint8_t *ref)
{
#if defined(__wasm_simd128__)
  v128_t acc = wasm_i16x8_splat(0);
  for (int y = 0; y < BS; y++) {
    v128_t a = wasm_v128_load(cur + y * W), b = wasm_v128_load(ref + y * W);
    v128_t d = wasm_v128_or(wasm_u8x16_sub_sat(a, b), wasm_u8x16_sub_sat(b, a));
    acc = wasm_i16x8_add(acc, wasm_u16x8_extadd_pairwise_u8x16(d));
  }
  v128_t s = wasm_u32x4_extadd_pairwise_u16x8(acc);
  return wasm_u32x4_extract_lane(s, 0) + wasm_u32x4_extract_lane(s, 1) + wasm_u32x4_extract_lane(s, 2) +
         wasm_u32x4_extract_lane(s, 3);
#elif defined(__SSE2__) && !defined(SUITES_SCALAR)
  __m128i acc = _mm_setzero_si128();
  for (int y = 0; y < BS; y++) {
    __m128i a = _mm_loadu_si128((const __m128i *)(const void *)(cur + y * W));
    __m128i b = _mm_loadu_si128((const __m128i *)(const void *)(ref + y * W));
    acc = _mm_add_epi64(acc, _mm_sad_epu8(a, b));
  }
  return (uint32_t)_mm_cvtsi128_si32(acc) + (uint32_t)_mm_cvtsi128_si32(_mm_srli_si128(acc, 8));
#else
  uint32_t s = 0;
  for (int y = 0; y < BS; y++)
    for (int x = 0; x < BS; x++) {
      int d = cur[y * W + x] - ref[y * W + x];
      s += (uint32_t)(d < 0 ? -d : d);
    }
  return s;
#endif
}

/* A textured frame: smooth gradients, a few moving discs, and noise. */
static void render(uint8_t *f, int t, rng_t *r)
{
  for (int y = 0; y < H; y++)
    for (int x = 0; x < W; x++) {
      int v = ((x + 2 * t) * 3 + (y + t) * 2) & 255;
      v ^= ((x >> 3) + (y >> 3) + t) & 1 ? 0x40 : 0;
      f[y * W + x] = (uint8_t)v;
    }
  for (int d = 0; d < 6; d++) {
    int cx = (97 * d + 5 * t * (d + 1)) % W, cy = (53 * d + 3 * t * (2 - d % 3)) % H, rad = 20 + 7 * d;
    if (cy < 0)
      cy += H;
    for (int y = cy - rad; y <= cy + rad; y++)
      for (int x = cx - rad; x <= cx + rad; x++)
        if (y >= 0 && y < H && x >= 0 && x < W && (x - cx) * (x - cx) + (y - cy) * (y - cy) <= rad * rad)
          f[y * W + x] = (uint8_t)(40 * d + ((x + y) & 15));
  }
  for (int i = 0; i < W * H / 16; i++) {
    uint32_t p = rng_below(r, W * H);
    f[p] = (uint8_t)(f[p] + rng_below(r, 9) - 4);
  }
}

int main(int argc, char **argv)
{
  int frames = (int)suite_size(argc, argv, 300, 15, 100000);
  uint8_t *prev = xmalloc(W * H), *cur = xmalloc(W * H);
  rng_t r = {128};
  render(prev, 0, &r);
  uint64_t total = 0, h = HASH_INIT;
  uint32_t zero = 0;
  for (int t = 1; t <= frames; t++) {
    render(cur, t, &r);
    /* full search for every block away from the border; first minimum in scan order wins */
    for (int by = RANGE; by + BS + RANGE <= H; by += BS)
      for (int bx = RANGE; bx + BS + RANGE <= W; bx += BS) {
        const uint8_t *blk = cur + by * W + bx;
        uint32_t best = UINT32_MAX;
        int bdx = 0, bdy = 0;
        for (int dy = -RANGE; dy <= RANGE; dy++)
          for (int dx = -RANGE; dx <= RANGE; dx++) {
            uint32_t s = sad16(blk, prev + (by + dy) * W + bx + dx);
            if (s < best) {
              best = s;
              bdx = dx;
              bdy = dy;
            }
          }
        total += best;
        zero += bdx == 0 && bdy == 0;
        h = hash_u64(h, (uint64_t)(uint32_t)(bdx + 64) << 40 | (uint64_t)(uint32_t)(bdy + 64) << 32 | best);
      }
    uint8_t *t2 = prev;
    prev = cur;
    cur = t2;
  }
  printf("simd frames=%d sad=%" PRIu64 " still=%u hash=%016" PRIx64 "\n", frames, total, zero, h);
  free(prev);
  free(cur);
  return 0;
}
