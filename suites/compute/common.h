/* common.h: helpers shared by the compute programs (size argument, PRNG, result hashing). */
#ifndef SUITES_COMMON_H
#define SUITES_COMMON_H

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The size knob is argv[1]: absent or "default" gives def, "small" gives small (about 1/20 of
 * the work), anything else must be a positive decimal number within [1, max]. */
static inline int64_t suite_size(int argc, char **argv, int64_t def, int64_t small, int64_t max)
{
  if (argc < 2 || strcmp(argv[1], "default") == 0)
    return def;
  if (strcmp(argv[1], "small") == 0)
    return small;
  char *end;
  long long v = strtoll(argv[1], &end, 10);
  if (end == argv[1] || *end != '\0' || v < 1 || v > max) {
    fprintf(stderr, "usage: %s [small|default|N]   (N in 1..%" PRId64 ", default %" PRId64 ")\n",
            argv[0], max, def);
    exit(2);
  }
  return (int64_t)v;
}

/* splitmix64: small, fast, and the same sequence on every platform. */
typedef struct { uint64_t s; } rng_t;

static inline uint64_t rng_u64(rng_t *r)
{
  uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

static inline uint32_t rng_u32(rng_t *r) { return (uint32_t)(rng_u64(r) >> 32); }

/* Uniform in [0, n) without division (multiply-shift; n < 2^32). */
static inline uint32_t rng_below(rng_t *r, uint32_t n) { return (uint32_t)(((uint64_t)rng_u32(r) * n) >> 32); }

/* Uniform double in [0, 1): 53 random bits, exact conversion. */
static inline double rng_unit(rng_t *r) { return (double)(rng_u64(r) >> 11) * 0x1.0p-53; }

/* Order-dependent 64-bit hash for checksums. */
#define HASH_INIT 0xcbf29ce484222325ULL

static inline uint64_t hash_u64(uint64_t h, uint64_t v)
{
  h ^= v;
  h *= 0x100000001b3ULL;
  h ^= h >> 32;
  h *= 0x9e3779b97f4a7c15ULL;
  return h ^ (h >> 29);
}

/* Hash of a double's bit pattern: identical results give identical hashes. */
static inline uint64_t hash_f64(uint64_t h, double d)
{
  uint64_t bits;
  memcpy(&bits, &d, sizeof bits);
  return hash_u64(h, bits);
}

static inline void *xmalloc(size_t n)
{
  void *p = malloc(n ? n : 1);
  if (!p) {
    fprintf(stderr, "out of memory (%zu bytes)\n", n);
    exit(3);
  }
  return p;
}

static inline void *xcalloc(size_t n, size_t size)
{
  void *p = calloc(n ? n : 1, size ? size : 1);
  if (!p) {
    fprintf(stderr, "out of memory (%zu x %zu bytes)\n", n, size);
    exit(3);
  }
  return p;
}

#endif
