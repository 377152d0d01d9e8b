/* lookups.c: rounds of hash-table counts and lookups: the hot code is in small helpers called every operation. */
#include "rounds.h"

/* The warm-up curve of a program whose hot code is in small helpers called from a loop, as in
 * an interpreter's runtime or a service's request path: main only loops over the rounds, each
 * round counts ROUND_KEYS keys into a fresh open-addressing table and looks ROUND_KEYS others up,
 * two calls of helpers per operation (count_key or lookup, and find).  A round
 * is short (about 0.15 ms natively, 0.9 ms interpreted); every round does the same number of
 * operations on fresh keys, and the size knob is the number of rounds. */
#define SLOTS 8192      /* a power of two; 128 KiB of slots */
#define ROUND_KEYS 5000 /* counted, then as many looked up: the table ends about half full */
#define KEY_RANGE 6500  /* keys repeat within a round: some counts pass 1 */

/* Knuth's MMIX LCG, as in compute/mainloop: the key stream goes on from round to round. */
#define LCG_MUL 6364136223846793005ULL
#define LCG_INC 1442695040888963407ULL

typedef struct slot {
  uint64_t key; /* 0: empty (keys are 1..KEY_RANGE) */
  uint64_t count;
} slot;

static slot table[SLOTS];
static uint32_t used;

/* The helpers are kept out of line in every build: calls of small functions are what this
 * program measures, and both clang and gcc would otherwise inline them into the round.  binaryen
 * (wasm-opt, run after clang's link) does not see the attribute: it inlines a function with a
 * single caller whatever its size, so count_key and lookup have a second caller (the check before
 * the rounds), and call find, which keeps them out of its small-function inlining too.  key_hash
 * is small enough that wasm-opt inlines it into find, and that is left so. */
__attribute__((noinline)) static uint32_t key_hash(uint64_t key)
{
  key ^= key >> 33;
  key *= 0xff51afd7ed558ccdULL;
  key ^= key >> 33;
  return (uint32_t)key & (SLOTS - 1);
}

/* The slot holding key, or the empty slot where it would go (linear probing). */
__attribute__((noinline)) static slot *find(uint64_t key)
{
  uint32_t i = key_hash(key);
  while (table[i].key != 0 && table[i].key != key)
    i = (i + 1) & (SLOTS - 1);
  return &table[i];
}

__attribute__((noinline)) static void count_key(uint64_t key)
{
  slot *s = find(key);
  if (s->key == 0) {
    s->key = key;
    used++;
  }
  s->count++;
}

__attribute__((noinline)) static uint64_t lookup(uint64_t key)
{
  slot *s = find(key);
  return s->key == key ? s->count : 0;
}

static uint64_t next_key(uint64_t *state)
{
  *state = *state * LCG_MUL + LCG_INC;
  return (uint32_t)(*state >> 32) % KEY_RANGE + 1;
}

int main(int argc, char **argv)
{
  int trace;
  int rounds = rounds_arg(argc, argv, 4000, 200, &trace);
  int64_t *round_ns = xmalloc((size_t)rounds * sizeof *round_ns);
  /* the seed depends on the number of rounds, known only at run time */
  uint64_t state = 0x9e3779b97f4a7c15ULL ^ ((uint64_t)rounds << 21);
  uint64_t h = HASH_INIT, distinct = 0, found = 0, maxcount = 0;
  /* the helpers on one key before anything is timed (and their second caller: see above) */
  count_key(KEY_RANGE);
  count_key(KEY_RANGE);
  if (lookup(KEY_RANGE) != 2 || lookup(1) != 0 || used != 1) {
    fprintf(stderr, "lookups: the table's helpers fail their check\n");
    return 1;
  }
  for (int r = 0; r < rounds; r++) {
    int64_t t0 = rounds_now_ns();
    memset(table, 0, sizeof table);
    used = 0;
    for (int i = 0; i < ROUND_KEYS; i++)
      count_key(next_key(&state));
    uint64_t hits = 0, sum = 0;
    for (int i = 0; i < ROUND_KEYS; i++) {
      uint64_t c = lookup(next_key(&state));
      hits += c != 0;
      sum += c;
      if (c > maxcount)
        maxcount = c;
    }
    round_ns[r] = rounds_now_ns() - t0;
    distinct += used;
    found += hits;
    h = hash_u64(hash_u64(hash_u64(h, used), hits), sum);
  }
  printf("lookups rounds=%d keys=%" PRIu64 " distinct=%" PRIu64 " found=%" PRIu64 " maxcount=%" PRIu64
         " hash=%016" PRIx64 "\n", rounds, (uint64_t)rounds * ROUND_KEYS * 2, distinct, found, maxcount, h);
  if (trace)
    rounds_print("lookups", round_ns, rounds);
  free(round_ns);
  return 0;
}
