/* pages.c: big arrays in 2 MiB-aligned mappings on transparent huge pages, grown without copies.
 *
 * On the project's VM a 4 KiB page fault costs about 11 us: 64 MiB touched in 4 KiB pages takes
 * 190 ms of CPU, in huge pages 11-40 ms.  Validating a multi-megabyte body fills arrays of tens
 * of megabytes, so they live here: mapped 2 MiB-aligned (a huge page needs an aligned 2 MiB) and
 * advised MADV_HUGEPAGE, and grown by moving the old pages to the head of a bigger aligned
 * mapping, which the kernel does a page table at a time.  malloc's realloc would move them to an
 * unaligned place (losing the huge pages at both ends) or, once advice split its mapping, copy.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* mremap */
#endif
#include "pages.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

static size_t round_huge(size_t n) { return (n + PAGES_HUGE - 1) & ~(PAGES_HUGE - 1); }

void *pages_map(size_t size)
{
  uint8_t *map, *start;
  size_t head;
  if (size == 0 || size > SIZE_MAX / 2)
    return NULL;
  map = mmap(NULL, size + PAGES_HUGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (map == MAP_FAILED)
    return NULL;
  start = (uint8_t *)(((uintptr_t)map + PAGES_HUGE - 1) & ~(uintptr_t)(PAGES_HUGE - 1));
  head = (size_t)(start - map);
  /* keep exactly [start, start + size): the mapping is then one region a later mremap can move */
  if (head)
    munmap(map, head);
  if (PAGES_HUGE - head)
    munmap(start + size, PAGES_HUGE - head);
#ifdef MADV_HUGEPAGE
  madvise(start, size, MADV_HUGEPAGE);
#endif
  return start;
}

void pages_unmap(void *p, size_t size)
{
  if (p)
    munmap(p, size);
}

void *pages_resize(void *p, size_t old_bytes, size_t new_bytes)
{
  size_t old_map = p ? round_huge(old_bytes) : 0, new_map = round_huge(new_bytes);
  uint8_t *q;
  if (new_bytes < PAGES_MAP_MIN) {
    if (!p || old_bytes < PAGES_MAP_MIN)
      return realloc(p, new_bytes ? new_bytes : 1);
    if (!(q = malloc(new_bytes ? new_bytes : 1)))
      return NULL;
    memcpy(q, p, new_bytes);
    munmap(p, old_map);
    return q;
  }
  if (p && old_bytes >= PAGES_MAP_MIN && new_map == old_map)
    return p;
  if (!(q = pages_map(new_map)))
    return NULL;
  if (!p)
    return q;
  if (old_bytes < PAGES_MAP_MIN) {
    memcpy(q, p, old_bytes < new_bytes ? old_bytes : new_bytes);
    free(p);
    return q;
  }
  if (new_map > old_map && mremap(p, old_map, old_map, MREMAP_MAYMOVE | MREMAP_FIXED, q) != MAP_FAILED)
    return q; /* the old pages now head the new mapping, which the rest of it extends */
  memcpy(q, p, old_bytes < new_bytes ? old_bytes : new_bytes);
  munmap(p, old_map);
  return q;
}

void pages_free(void *p, size_t bytes)
{
  if (!p)
    return;
  if (bytes < PAGES_MAP_MIN)
    free(p);
  else
    munmap(p, round_huge(bytes));
}
