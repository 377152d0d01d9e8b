/* hashtable.c: word counting in an open-addressing hash table with string keys, growth and deletions. */
#include "common.h"

typedef struct {
  char *key;       /* NULL: empty; TOMB: deleted */
  uint32_t hash, count;
} slot;

static char tomb_mark;
#define TOMB (&tomb_mark)

typedef struct {
  slot *s;
  uint32_t cap, used, live; /* used counts live entries and tombstones */
} table;

static uint32_t strhash(const char *s, size_t *len)
{
  uint32_t h = 2166136261u;
  const char *p = s;
  for (; *p; p++)
    h = (h ^ (uint8_t)*p) * 16777619u;
  *len = (size_t)(p - s);
  return h ^ (h >> 15);
}

static void grow(table *t);

static slot *find(table *t, const char *key, uint32_t h, int insert)
{
  uint32_t mask = t->cap - 1, i = h & mask;
  slot *free_slot = NULL;
  for (;;) {
    slot *e = &t->s[i];
    if (!e->key) {
      if (!insert)
        return NULL;
      return free_slot ? free_slot : e;
    }
    if (e->key == TOMB) {
      if (!free_slot)
        free_slot = e;
    } else if (e->hash == h && strcmp(e->key, key) == 0) {
      return e;
    }
    i = (i + 1) & mask;
  }
}

static void add(table *t, const char *key)
{
  size_t len;
  uint32_t h = strhash(key, &len);
  slot *e = find(t, key, h, 1);
  if (e->key && e->key != TOMB) {
    e->count++;
    return;
  }
  if (!e->key)
    t->used++;
  e->key = xmalloc(len + 1);
  memcpy(e->key, key, len + 1);
  e->hash = h;
  e->count = 1;
  t->live++;
  if (t->used * 10 > t->cap * 7)
    grow(t);
}

static void grow(table *t)
{
  slot *old = t->s;
  uint32_t oldcap = t->cap;
  /* double only when live entries need it; otherwise rebuild in place to drop tombstones */
  t->cap = t->live * 10 > oldcap * 4 ? oldcap * 2 : oldcap;
  t->s = xcalloc(t->cap, sizeof *t->s);
  t->used = t->live;
  for (uint32_t i = 0; i < oldcap; i++)
    if (old[i].key && old[i].key != TOMB) {
      uint32_t j = old[i].hash & (t->cap - 1);
      while (t->s[j].key)
        j = (j + 1) & (t->cap - 1);
      t->s[j] = old[i];
    }
  free(old);
}

static void make_word(uint32_t id, char *out)
{
  static const char *syl[16] = {"ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo",
                                "bre", "chu", "dai", "fen", "gor", "hil", "jun", "qua"};
  int n = 0;
  uint32_t x = id * 2654435761u + 12345;
  int parts = 1 + (int)(id % 4);
  for (int i = 0; i < parts; i++) {
    const char *s = syl[(x >> (4 * i)) & 15];
    while (*s)
      out[n++] = *s++;
  }
  n += sprintf(out + n, "%u", id % 97); /* keeps words distinct across ids */
  out[n] = 0;
}

int main(int argc, char **argv)
{
  int64_t words = suite_size(argc, argv, 3000000, 150000, 100000000);
  const uint32_t vocab = 200000;
  table t = {xcalloc(1024, sizeof(slot)), 1024, 0, 0};
  rng_t r = {4242};
  char w[64];
  for (int64_t i = 0; i < words; i++) {
    /* skewed choice: a uniform rank below a uniform bound favours small ids */
    uint32_t id = rng_below(&r, rng_below(&r, vocab) + 1);
    make_word(id * 7919u % vocab + (uint32_t)(id > vocab / 2) * vocab, w);
    add(&t, w);
    /* now and then delete rare words, leaving tombstones behind */
    if ((i & 1023) == 1023) {
      for (int k = 0; k < 64; k++) {
        make_word(rng_below(&r, 2 * vocab), w);
        size_t len;
        uint32_t h = strhash(w, &len);
        slot *e = find(&t, w, h, 0);
        if (e && e->count < 3) {
          free(e->key);
          e->key = TOMB;
          t.live--;
        }
      }
    }
  }
  /* order-independent summary of the whole table, plus the most frequent word */
  uint64_t sum = 0, total = 0;
  uint32_t best = 0;
  const char *bestkey = "";
  for (uint32_t i = 0; i < t.cap; i++) {
    slot *e = &t.s[i];
    if (!e->key || e->key == TOMB)
      continue;
    total += e->count;
    sum += hash_u64(HASH_INIT ^ e->hash, e->count);
    if (e->count > best || (e->count == best && strcmp(e->key, bestkey) < 0)) {
      best = e->count;
      bestkey = e->key;
    }
  }
  printf("hashtable words=%" PRId64 " distinct=%u counted=%" PRIu64 " top=%s:%u hash=%016" PRIx64 "\n", words, t.live,
         total, bestkey, best, sum);
  for (uint32_t i = 0; i < t.cap; i++)
    if (t.s[i].key && t.s[i].key != TOMB)
      free(t.s[i].key);
  free(t.s);
  return 0;
}
