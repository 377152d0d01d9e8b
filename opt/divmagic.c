/* divmagic.c: the multiplier and shifts that replace a division by a constant with a multiply. */
#include "opt/divmagic.h"

typedef unsigned __int128 u128;

int div_log2_exact(uint64_t x)
{
  return x && !(x & (x - 1)) ? __builtin_ctzll(x) : -1;
}

/*
 * Unsigned.  With m = ceil(2^(N+s) / d) and e = m * d - 2^(N+s) (1 <= e < d, as d is not a
 * power of two), m * n / 2^(N+s) = n / d + e * n / (d * 2^(N+s)); writing n = q * d + r, the
 * floor is q whenever e * n < 2^(N+s), which e <= 2^s makes true for every n < 2^N.  The
 * smallest such s whose m fits in N bits is the short sequence.  Some divisors (7 in 32 bits)
 * have none: then the N+1-bit multiplier for s = ceil(log2 d) (which always satisfies e <= 2^s),
 * less its top bit, and the add-and-halve sequence that puts it back without overflowing.
 */
bool div_magic_unsigned(uint64_t d, unsigned bits, div_magic *out)
{
  if ((bits != 32 && bits != 64) || d < 3 || div_log2_exact(d) >= 0 || (bits == 32 && d > UINT32_MAX))
    return false;
  unsigned l = 64 - (unsigned)__builtin_clzll(d - 1); /* ceil(log2 d) */
  u128 top = (u128)1 << bits;
  for (unsigned s = 0; s <= l && bits + s < 128; s++) { /* 1 << 128 overflows (and that m would need 65 bits) */
    u128 p = (u128)1 << (bits + s);
    u128 m = p / d + 1;
    if (m < top && m * d - p <= ((u128)1 << s)) {
      *out = (div_magic){.mul = (uint64_t)m, .shift = (uint8_t)s, .add = false};
      return true;
    }
  }
  u128 m = (top * (((u128)1 << l) - d)) / d + 1; /* 2^(N+l) / d + 1, less 2^N */
  *out = (div_magic){.mul = (uint64_t)m, .shift = (uint8_t)(l - 1), .add = true};
  return true;
}

/*
 * Signed, for a = |d| (Warren, ch. 10-1): the smallest p >= N with 2^p > nc * (a - 2^p mod a),
 * where nc = 2^(N-1) - 1 - (2^(N-1) mod a) is the largest dividend with remainder a - 1; then
 * M = floor(2^p / a) + 1 < 2^N and floor(M * n / 2^p) is the quotient for n >= 0, one short of it
 * for n < 0.
 */
bool div_magic_signed(int64_t d, unsigned bits, div_magic *out)
{
  if (bits != 32 && bits != 64)
    return false;
  if (bits == 32 && (d < INT32_MIN || d > INT32_MAX))
    return false;
  uint64_t a = d < 0 ? -(uint64_t)d : (uint64_t)d;
  if (a < 3 || div_log2_exact(a) >= 0)
    return false;
  u128 half = (u128)1 << (bits - 1);
  u128 nc = half - 1 - half % a;
  for (unsigned p = bits; p < 2 * bits; p++) {
    u128 two_p = (u128)1 << p;
    if (two_p > nc * (a - two_p % a)) {
      u128 m = two_p / a + 1;
      if (m >= ((u128)1 << bits))
        return false;
      *out = (div_magic){.mul = (uint64_t)m, .shift = (uint8_t)(p - bits), .add = m >= half};
      return true;
    }
  }
  return false;
}
