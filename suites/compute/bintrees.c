/* bintrees.c: allocate, walk and free many complete binary trees (malloc/free throughput, pointer chasing). */
#include "common.h"

typedef struct node {
  struct node *left, *right;
  uint32_t value;
} node;

static node *build(int depth, uint32_t value)
{
  node *n = xmalloc(sizeof *n);
  n->value = value;
  if (depth > 0) {
    n->left = build(depth - 1, value * 2);
    n->right = build(depth - 1, value * 2 + 1);
  } else {
    n->left = n->right = NULL;
  }
  return n;
}

/* Number of nodes, and a value-dependent sum so the walk cannot be skipped. */
static uint32_t walk(const node *n, uint64_t *sum)
{
  if (!n->left) {
    *sum += n->value & 0xff;
    return 1;
  }
  *sum += n->value & 3;
  return 1 + walk(n->left, sum) + walk(n->right, sum);
}

static void release(node *n)
{
  if (n->left) {
    release(n->left);
    release(n->right);
  }
  free(n);
}

int main(int argc, char **argv)
{
  int maxd = (int)suite_size(argc, argv, 16, 12, 24);
  if (maxd < 6)
    maxd = 6;
  uint64_t h = HASH_INIT, sum = 0;
  node *stretch = build(maxd + 1, 1);
  uint32_t sn = walk(stretch, &sum);
  release(stretch);
  h = hash_u64(h, sn);
  node *longlived = build(maxd, 1);
  uint64_t total = 0;
  for (int d = 4; d <= maxd; d += 2) {
    uint32_t iters = 1u << (maxd - d + 4);
    uint64_t nodes = 0;
    for (uint32_t i = 0; i < iters; i++) {
      node *t = build(d, i);
      nodes += walk(t, &sum);
      release(t);
    }
    total += nodes;
    h = hash_u64(h, nodes);
  }
  uint32_t ln = walk(longlived, &sum);
  release(longlived);
  h = hash_u64(h, ln);
  h = hash_u64(h, sum);
  printf("bintrees depth=%d stretch=%u nodes=%" PRIu64 " longlived=%u sum=%" PRIu64 " hash=%016" PRIx64 "\n", maxd,
         sn, total, ln, sum, h);
  return 0;
}
