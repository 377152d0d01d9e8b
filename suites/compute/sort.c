/* sort.c: quicksort (median of three, insertion sort for short runs) and a stable top-down mergesort. */
#include "common.h"

typedef struct { uint32_t key, id; } rec;

static void insertion(uint32_t *a, int64_t n)
{
  for (int64_t i = 1; i < n; i++) {
    uint32_t v = a[i];
    int64_t j = i - 1;
    while (j >= 0 && a[j] > v) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = v;
  }
}

static void quicksort(uint32_t *a, int64_t n)
{
  while (n > 24) {
    int64_t mid = n / 2;
    /* median of three to a[mid] */
    if (a[mid] < a[0]) { uint32_t t = a[mid]; a[mid] = a[0]; a[0] = t; }
    if (a[n - 1] < a[0]) { uint32_t t = a[n - 1]; a[n - 1] = a[0]; a[0] = t; }
    if (a[n - 1] < a[mid]) { uint32_t t = a[n - 1]; a[n - 1] = a[mid]; a[mid] = t; }
    uint32_t pivot = a[mid];
    int64_t i = -1, j = n;
    for (;;) { /* Hoare partition */
      do i++; while (a[i] < pivot);
      do j--; while (a[j] > pivot);
      if (i >= j)
        break;
      uint32_t t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    /* recurse into the smaller half, loop on the larger */
    int64_t left = j + 1;
    if (left < n - left) {
      quicksort(a, left);
      a += left;
      n -= left;
    } else {
      quicksort(a + left, n - left);
      n = left;
    }
  }
  insertion(a, n);
}

static void merge_sort(rec *a, rec *tmp, int64_t n)
{
  if (n < 2)
    return;
  if (n <= 16) {
    for (int64_t i = 1; i < n; i++) {
      rec v = a[i];
      int64_t j = i - 1;
      while (j >= 0 && a[j].key > v.key) {
        a[j + 1] = a[j];
        j--;
      }
      a[j + 1] = v;
    }
    return;
  }
  int64_t h = n / 2;
  merge_sort(a, tmp, h);
  merge_sort(a + h, tmp, n - h);
  if (a[h - 1].key <= a[h].key)
    return;
  memcpy(tmp, a, (size_t)h * sizeof *a);
  int64_t i = 0, j = h, k = 0;
  while (i < h && j < n)
    a[k++] = a[j].key < tmp[i].key ? a[j++] : tmp[i++];
  while (i < h)
    a[k++] = tmp[i++];
}

int main(int argc, char **argv)
{
  int64_t n = suite_size(argc, argv, 3000000, 150000, 200000000);
  uint32_t *q = xmalloc((size_t)n * sizeof *q);
  rec *m = xmalloc((size_t)n * sizeof *m), *tmp = xmalloc((size_t)(n / 2 + 1) * sizeof *tmp);
  rng_t r = {99};
  for (int64_t i = 0; i < n; i++) {
    /* half the keys from a narrow range, so there are many duplicates to keep in order */
    uint32_t k = rng_u32(&r);
    q[i] = (i & 1) ? k : k % 1000;
    m[i].key = q[i];
    m[i].id = (uint32_t)i;
  }
  /* a sorted run and a reversed run in the middle: the classic bad cases for naive pivots */
  for (int64_t i = 0; i < n / 8; i++) {
    q[n / 4 + i] = m[n / 4 + i].key = (uint32_t)i * 3;
    q[n / 2 + i] = m[n / 2 + i].key = (uint32_t)(n - i) * 5;
  }
  quicksort(q, n);
  merge_sort(m, tmp, n);
  int64_t bad = 0;
  uint64_t h = HASH_INIT;
  for (int64_t i = 0; i < n; i++) {
    if (q[i] != m[i].key || (i && q[i - 1] > q[i]) || (i && m[i - 1].key == m[i].key && m[i - 1].id > m[i].id))
      bad++;
    if ((i & 15) == 0)
      h = hash_u64(h, (uint64_t)q[i] << 32 | m[i].id);
  }
  printf("sort n=%" PRId64 " min=%u median=%u max=%u ok=%s hash=%016" PRIx64 "\n", n, q[0], q[n / 2], q[n - 1],
         bad ? "no" : "yes", h);
  free(q);
  free(m);
  free(tmp);
  return bad ? 1 : 0;
}
