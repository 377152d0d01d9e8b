/* mainloop.c: Monte Carlo sampling whose only hot loop is inline in main, called once: the program on-stack replacement is for. */
#include <time.h>

#include "common.h"

/* Every round does the same work, so the time per round shows how fast the code runs at that
 * moment: a tier manager that can only switch at function entry never speeds main up.  A round
 * is short (about 0.1 ms natively, 2 ms interpreted) so that the curve resolves a tier-up that
 * takes a millisecond or two; the size knob is the number of rounds. */
#define ROUND_POINTS 25000
#define BINS 4096 /* bins of r^2 in [0, 2); 16 KiB of counters stay in L1 */

/* Knuth's MMIX multiplier and increment: a full-period 64-bit LCG, written out in the loop
 * (not through rng_u64) so that the loop holds no call in any build. */
#define LCG_MUL 6364136223846793005ULL
#define LCG_INC 1442695040888963407ULL

static uint32_t hist[BINS];

static int64_t monotonic_ns(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int main(int argc, char **argv)
{
  /* N: rounds of ROUND_POINTS points; a second argument "trace" prints every round's time to stderr */
  int rounds = (int)suite_size(argc, argv, 4000, 200, 1000000);
  int trace = 0;
  if (argc >= 3) {
    if (argc > 3 || strcmp(argv[2], "trace") != 0) {
      fprintf(stderr, "usage: %s [small|default|N] [trace]\n", argv[0]);
      return 2;
    }
    trace = 1;
  }
  /* The seed depends on N, which is only known at run time, so nothing folds to a constant. */
  uint64_t state = 0x853c49e6748fea9bULL ^ ((uint64_t)rounds << 17);
  uint64_t inside = 0, h = HASH_INIT;
  double moment = 0.0;
  int64_t *round_ns = xmalloc((size_t)rounds * sizeof *round_ns);
  for (int r = 0; r < rounds; r++) {
    int64_t t0 = monotonic_ns();
    uint32_t inside_round = 0;
    double moment_round = 0.0;
    /* The hot loop: a point in the unit square from the top and middle bits of the LCG state,
     * a hit count for the quarter disc (an estimate of pi), a histogram of r^2 (a scattered
     * read-modify-write that keeps compilers from vectorising) and a float moment whose
     * in-order sum keeps the float pipeline busy. */
    for (uint32_t i = 0; i < ROUND_POINTS; i++) {
      state = state * LCG_MUL + LCG_INC;
      uint32_t ux = (uint32_t)(state >> 40), uy = (uint32_t)(state >> 16) & 0xffffffu;
      double x = (double)ux * 0x1p-24, y = (double)uy * 0x1p-24;
      double r2 = x * x + y * y;
      inside_round += r2 < 1.0;
      hist[(uint32_t)(r2 * (BINS / 2))]++;
      moment_round += r2 * x - y;
    }
    round_ns[r] = monotonic_ns() - t0;
    inside += inside_round;
    moment += moment_round;
    h = hash_f64(hash_u64(h, inside_round), moment_round);
  }
  uint32_t peak = 0;
  uint64_t checksum = 0; /* the histogram weighted by bin number: moves if any point lands elsewhere */
  for (int b = 0; b < BINS; b++) {
    h = hash_u64(h, hist[b]);
    checksum += (uint64_t)(b + 1) * hist[b];
    if (hist[b] > hist[peak])
      peak = (uint32_t)b;
  }
  uint64_t total = (uint64_t)rounds * ROUND_POINTS;
  printf("mainloop rounds=%d points=%" PRIu64 " inside=%" PRIu64 " pi=%.6f moment=%.6f peak=%" PRIu32
         " checksum=%" PRIu64 " hash=%016" PRIx64 "\n",
         rounds, total, inside, 4.0 * (double)inside / (double)total, moment / (double)total, peak, checksum, h);
  /* Printed after the rounds, so no output lands in a timed round; buffered, since thousands of
   * unbuffered lines would be thousands of writes. */
  if (trace) {
    static char buf[1 << 16];
    setvbuf(stderr, buf, _IOFBF, sizeof buf);
    for (int r = 0; r < rounds; r++)
      fprintf(stderr, "mainloop round=%d ns=%" PRId64 "\n", r + 1, round_ns[r]);
    fflush(stderr);
  }
  free(round_ns);
  return 0;
}
