/* rounds.h: what the warm-up programs share: the rounds argument, a clock, each round's time on stderr. */
#ifndef SUITES_ROUNDS_H
#define SUITES_ROUNDS_H

#include <time.h>

#include "../compute/common.h"

/* argv[1] is the size knob of every suite program (common.h: the number of rounds here); a second
 * argument "trace" asks for every round's time on stderr (*trace set), as compute/mainloop does. */
static inline int rounds_arg(int argc, char **argv, int64_t def, int64_t small, int *trace)
{
  int rounds = (int)suite_size(argc, argv, def, small, 1000000);
  *trace = 0;
  if (argc >= 3) {
    if (argc > 3 || strcmp(argv[2], "trace") != 0) {
      fprintf(stderr, "usage: %s [small|default|N] [trace]\n", argv[0]);
      exit(2);
    }
    *trace = 1;
  }
  return rounds;
}

static inline int64_t rounds_now_ns(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* `NAME round=R ns=T`, one line a round, what harness/lib/rounds.lua reads.  Called after the
 * result line, so no output lands in a timed round; buffered, since thousands of unbuffered
 * lines would be thousands of writes. */
static inline void rounds_print(const char *name, const int64_t *round_ns, int rounds)
{
  static char buf[1 << 16];
  setvbuf(stderr, buf, _IOFBF, sizeof buf);
  for (int r = 0; r < rounds; r++)
    fprintf(stderr, "%s round=%d ns=%" PRId64 "\n", name, r + 1, round_ns[r]);
  fflush(stderr);
}

#endif
