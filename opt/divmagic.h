/* divmagic.h: the multiplier and shifts that replace a division by a constant with a multiply (docs/opt.md, "Division by a constant"). */
#ifndef WLAB_OPT_DIVMAGIC_H
#define WLAB_OPT_DIVMAGIC_H

#include <stdbool.h>
#include <stdint.h>

/*
 * For an N-bit division (N = 32 or 64) by a constant d, with mulhi(a, b) the high N bits of
 * the 2N-bit product, the quotient q of n / d is (T. Granlund and P. Montgomery, "Division by
 * invariant integers using multiplication", PLDI 1994; H. Warren, "Hacker's Delight", ch. 10):
 *
 *   unsigned, add false:   q = mulhi(mul, n) >> shift
 *   unsigned, add true:    t = mulhi(mul, n);  q = (t + ((n - t) >> 1)) >> shift
 *                          (mul is the low N bits of an N+1-bit multiplier)
 *   signed, d > 0:         t = mulhs(mul, n) [+ n when add];  t >>= shift (arithmetic);
 *                          q = t + (t >>> (N - 1))        (one more when n < 0: truncation)
 *   signed, d < 0:         the same for |d|, negated
 *
 * mulhs reads mul as a signed N-bit value; add says it is really mul + 2^N (its top bit set),
 * which the "+ n" restores.  A remainder is n - q * d.  Divisors that are powers of two, 0, 1
 * (and -1 for signed) have no magic: the emitter shifts, masks, or divides as before.
 */
typedef struct div_magic {
  uint64_t mul;
  uint8_t shift;
  bool add;
} div_magic;

/* Magic for an unsigned division of `bits` (32 or 64) by d; false for 0 and powers of two. */
bool div_magic_unsigned(uint64_t d, unsigned bits, div_magic *out);
/* Magic for a signed division by d (sign-extended from `bits`), for |d|; false when |d| is 0,
 * 1 or a power of two. */
bool div_magic_signed(int64_t d, unsigned bits, div_magic *out);

/* The exponent k when x is 2^k, else -1. */
int div_log2_exact(uint64_t x);

#endif
