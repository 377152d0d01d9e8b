/* scan-cost.c: what the pool's COW reset pays per part, alone: PAGEMAP_SCAN with and without the file-page test, split at the image's end, getrusage, and putting back the handler's six written pages. */
/*
 * The memory is laid out as startup/handler's after a request: a 2-page image mapped privately
 * from a memfd over the start of an 8 GiB reservation, the rest of the initial memory anonymous,
 * pages 0, 1, 257, 265, 281 and the last one written (what core/memory.c's scan finds there).
 * Each measurement is timed alone, all of them in turn per iteration, so the VM's drift falls on
 * every one alike; min, median and p90 in ns.
 * usage: cc -O2 -o scan-cost results/2026-12-07-serve/scan-cost.c -lpthread
 *        ./scan-cost [PAGES (288)] [COLD (0: 1 writes 4 MiB before each, as a guest's call would)] [IDLE_THREADS (0)]
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

/* the kernel's ABI (<linux/fs.h>, Linux 6.7), which Debian 12's headers predate */
struct page_region {
  uint64_t start, end, categories;
};
struct pm_scan_arg {
  uint64_t size, flags, start, end, walk_end, vec, vec_len, max_pages;
  uint64_t category_inverted, category_mask, category_anyof_mask, return_mask;
};
#define PAGEMAP_SCAN _IOWR('f', 16, struct pm_scan_arg)
#define PAGE_IS_FILE (1u << 2)
#define PAGE_IS_PRESENT (1u << 3)
#define PAGE_IS_SWAPPED (1u << 4)
#define PAGE_IS_PFNZERO (1u << 5)

enum { N = 4000, K = 6 };
static uint64_t t[K][N];

static uint64_t now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static int cmp(const void *a, const void *b)
{
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

static void *idle(void *a)
{
  (void)a;
  for (;;)
    pause();
  return NULL;
}

static int scan(int pm, uintptr_t lo, uintptr_t hi, uint32_t not_these, struct page_region *runs)
{
  struct pm_scan_arg a = {.size = sizeof a, .start = lo, .end = hi, .vec = (uintptr_t)runs, .vec_len = 32,
                          .max_pages = 65, .category_inverted = not_these, .category_mask = not_these,
                          .category_anyof_mask = PAGE_IS_PRESENT | PAGE_IS_SWAPPED,
                          .return_mask = PAGE_IS_PRESENT | PAGE_IS_SWAPPED};
  return ioctl(pm, PAGEMAP_SCAN, &a);
}

int main(int argc, char **argv)
{
  size_t pages = argc > 1 ? strtoul(argv[1], NULL, 0) : 288;
  int cold = argc > 2 ? atoi(argv[2]) : 0, nthreads = argc > 3 ? atoi(argv[3]) : 0;
  size_t img = 2 * 4096, keep = pages * 4096;
  const char *names[K] = {"scan, not file nor zero", "scan, not zero (no file test)", "two scans split at the image",
                          "getrusage(RUSAGE_SELF)", "getrusage(RUSAGE_THREAD)", "put back the 6 pages"};
  struct page_region runs[32];
  if (pages < 283) {
    fprintf(stderr, "scan-cost: PAGES must be at least 283 (the handler writes page 281)\n");
    return 2;
  }
  for (int i = 0; i < nthreads; i++) {
    pthread_t th;
    if (pthread_create(&th, NULL, idle, NULL) != 0)
      return 1;
  }
  uint8_t *res = mmap(NULL, 8ull << 30, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  int fd = memfd_create("image", 0), pm = open("/proc/self/pagemap", O_RDONLY);
  if (res == MAP_FAILED || fd < 0 || pm < 0 || mprotect(res, keep, PROT_READ | PROT_WRITE) != 0 ||
      ftruncate(fd, (off_t)img) != 0 || pwrite(fd, "image", 5, 1024) != 5 ||
      mmap(res, img, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED, fd, 0) == MAP_FAILED) {
    perror("scan-cost: setting up");
    return 1;
  }
  const uint8_t *view = mmap(NULL, img, PROT_READ, MAP_SHARED, fd, 0);
  size_t written[] = {0, 1, 257, 265, 281, pages - 1};
  uint8_t *junk = malloc(4 << 20);
  if (view == MAP_FAILED || !junk)
    return 1;
  for (int it = 0; it < N; it++)
    for (int k = 0; k < K; k++) {
      struct rusage ru;
      int n = 0;
      if (cold)
        memset(junk, it, 4 << 20);
      for (int i = 0; i < 6; i++)
        res[written[i] * 4096 + 8] = 1;
      uint64_t t0 = now();
      switch (k) {
      case 0: n = scan(pm, (uintptr_t)res, (uintptr_t)res + keep, PAGE_IS_FILE | PAGE_IS_PFNZERO, runs); break;
      case 1: n = scan(pm, (uintptr_t)res, (uintptr_t)res + keep, PAGE_IS_PFNZERO, runs); break;
      case 2:
        n = scan(pm, (uintptr_t)res, (uintptr_t)res + img, PAGE_IS_FILE | PAGE_IS_PFNZERO, runs);
        n = n < 0 ? n : scan(pm, (uintptr_t)res + img, (uintptr_t)res + keep, PAGE_IS_PFNZERO, runs);
        break;
      case 3: getrusage(RUSAGE_SELF, &ru); break;
      case 4: getrusage(RUSAGE_THREAD, &ru); break;
      default:
        memcpy(res, view, img);
        for (int i = 2; i < 6; i++)
          memset(res + written[i] * 4096, 0, 4096);
      }
      t[k][it] = now() - t0;
      if (n < 0) {
        perror("scan-cost: PAGEMAP_SCAN");
        return 1;
      }
    }
  printf("pages=%zu cold=%d threads=%d\n", pages, cold, nthreads);
  for (int k = 0; k < K; k++) {
    qsort(t[k], N, sizeof t[k][0], cmp);
    printf("  %-32s min %6llu  p50 %6llu  p90 %6llu ns\n", names[k], (unsigned long long)t[k][0],
           (unsigned long long)t[k][N / 2], (unsigned long long)t[k][N * 9 / 10]);
  }
  return 0;
}
