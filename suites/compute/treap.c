/* treap.c: an ordered set as a treap of malloc'd nodes: inserts, deletes, rank and k-th queries. */
#include "common.h"

typedef struct tnode {
  struct tnode *l, *r;
  uint32_t key, prio, size;
} tnode;

static inline uint32_t sz(const tnode *t) { return t ? t->size : 0; }
static inline void fix(tnode *t) { t->size = 1 + sz(t->l) + sz(t->r); }

/* Split t into keys < key (*a) and keys >= key (*b). */
static void split(tnode *t, uint32_t key, tnode **a, tnode **b)
{
  if (!t) {
    *a = *b = NULL;
  } else if (t->key < key) {
    split(t->r, key, &t->r, b);
    fix(t);
    *a = t;
  } else {
    split(t->l, key, a, &t->l);
    fix(t);
    *b = t;
  }
}

static tnode *merge(tnode *a, tnode *b)
{
  if (!a)
    return b;
  if (!b)
    return a;
  if (a->prio > b->prio) {
    a->r = merge(a->r, b);
    fix(a);
    return a;
  }
  b->l = merge(a, b->l);
  fix(b);
  return b;
}

static int contains(const tnode *t, uint32_t key)
{
  while (t) {
    if (key == t->key)
      return 1;
    t = key < t->key ? t->l : t->r;
  }
  return 0;
}

static tnode *insert(tnode *t, tnode *n)
{
  if (!t)
    return n;
  if (n->prio > t->prio) {
    split(t, n->key, &n->l, &n->r);
    fix(n);
    return n;
  }
  if (n->key < t->key)
    t->l = insert(t->l, n);
  else
    t->r = insert(t->r, n);
  fix(t);
  return t;
}

static tnode *erase(tnode *t, uint32_t key, int *done)
{
  if (!t)
    return NULL;
  if (t->key == key) {
    tnode *m = merge(t->l, t->r);
    free(t);
    *done = 1;
    return m;
  }
  if (key < t->key)
    t->l = erase(t->l, key, done);
  else
    t->r = erase(t->r, key, done);
  if (*done)
    fix(t);
  return t;
}

/* number of keys < key */
static uint32_t rank(const tnode *t, uint32_t key)
{
  uint32_t k = 0;
  while (t) {
    if (t->key < key) {
      k += sz(t->l) + 1;
      t = t->r;
    } else {
      t = t->l;
    }
  }
  return k;
}

/* k-th smallest key, 0-based */
static uint32_t kth(const tnode *t, uint32_t k)
{
  for (;;) {
    uint32_t ls = sz(t->l);
    if (k < ls)
      t = t->l;
    else if (k == ls)
      return t->key;
    else {
      k -= ls + 1;
      t = t->r;
    }
  }
}

static void release(tnode *t)
{
  while (t) {
    release(t->l);
    tnode *r = t->r;
    free(t);
    t = r;
  }
}

static uint32_t height(const tnode *t)
{
  if (!t)
    return 0;
  uint32_t a = height(t->l), b = height(t->r);
  return 1 + (a > b ? a : b);
}

int main(int argc, char **argv)
{
  int64_t ops = suite_size(argc, argv, 600000, 30000, 500000000);
  uint32_t range = (uint32_t)(ops < 1000000 ? ops : 1000000);
  rng_t r = {31337};
  tnode *root = NULL;
  uint64_t h = HASH_INIT;
  uint64_t inserted = 0, erased = 0;
  for (int64_t i = 0; i < ops; i++) {
    uint32_t op = rng_below(&r, 10), key = rng_below(&r, range);
    if (op < 5) { /* insert */
      if (!contains(root, key)) {
        tnode *n = xmalloc(sizeof *n);
        n->key = key;
        n->prio = rng_u32(&r);
        n->l = n->r = NULL;
        n->size = 1;
        root = insert(root, n);
        inserted++;
      }
    } else if (op < 8) { /* delete */
      int done = 0;
      root = erase(root, key, &done);
      erased += (uint64_t)done;
    } else if (op == 8) { /* rank */
      h = hash_u64(h, rank(root, key));
    } else if (sz(root)) { /* k-th */
      h = hash_u64(h, kth(root, key % sz(root)));
    }
  }
  uint32_t n = sz(root), ht = height(root);
  printf("treap ops=%" PRId64 " size=%u inserted=%" PRIu64 " erased=%" PRIu64 " height=%u median=%u hash=%016" PRIx64
         "\n",
         ops, n, inserted, erased, ht, n ? kth(root, n / 2) : 0, h);
  release(root);
  return 0;
}
