/* arena.c: chunked bump allocation; chunks grow with the module, big ones on huge pages. */
#include "arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

struct arena_chunk {
  arena_chunk *next;
  size_t size;          /* usable bytes in data[] */
  void *map;            /* mmap'ed region holding this chunk, or NULL when malloc'ed */
  size_t map_size;
  _Alignas(16) unsigned char data[];
};

#define CHUNK_MIN ((size_t)64 * 1024)
#define CHUNK_MAX ((size_t)8 * 1024 * 1024)
#define HUGE_PAGE ARENA_HUGE_PAGE

/* Large chunks are mapped 2 MiB-aligned and marked for transparent huge pages: validating a
 * multi-megabyte module otherwise spends as long in 4 KiB page faults as in validation (on the
 * project's VM a 4 KiB fault costs about 11 us, so 64 MiB touched costs 190 ms of CPU in 4 KiB
 * pages and 11-40 ms in huge pages). */
static arena_chunk *chunk_new(size_t want)
{
  arena_chunk *c;
  if (want > SIZE_MAX / 2)
    return NULL;
  if (want + sizeof *c >= HUGE_PAGE) {
    size_t size = (want + sizeof *c + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
    size_t map_size = size + HUGE_PAGE;
    uint8_t *map = mmap(NULL, map_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    uint8_t *start;
    if (map == MAP_FAILED)
      return NULL;
    start = (uint8_t *)(((uintptr_t)map + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1));
#ifdef MADV_HUGEPAGE
    madvise(start, size, MADV_HUGEPAGE);
#endif
    c = (arena_chunk *)start;
    c->map = map;
    c->map_size = map_size;
    c->size = size - sizeof *c;
    return c;
  }
  c = malloc(sizeof *c + want);
  if (!c)
    return NULL;
  c->map = NULL;
  c->map_size = 0;
  c->size = want;
  return c;
}

static void *bump(arena *a, size_t size)
{
  size = (size + 15) & ~(size_t)15;
  if (size == 0)
    size = 16;
  if (!a->head || a->cap - a->used < size) {
    /* grow with what the module has needed so far, so a big module takes few chunks */
    size_t want = a->total < CHUNK_MIN ? CHUNK_MIN : a->total > CHUNK_MAX ? CHUNK_MAX : a->total;
    arena_chunk *c;
    if (want < size)
      want = size;
    if (!(c = chunk_new(want)))
      return NULL;
    c->next = a->head;
    a->head = c;
    a->used = 0;
    a->cap = c->size;
  }
  void *p = a->head->data + a->used;
  a->used += size;
  a->total += size;
  return p;
}

void *arena_alloc(arena *a, size_t size)
{
  void *p = bump(a, size);
  if (p)
    memset(p, 0, size);
  return p;
}

void *arena_take(arena *a, size_t size) { return bump(a, size); }

void *arena_dup(arena *a, const void *src, size_t n)
{
  void *p = bump(a, n);
  if (p && n)
    memcpy(p, src, n);
  return p;
}

void arena_prefer_huge_pages(void *p, size_t size)
{
#ifdef MADV_HUGEPAGE
  /* every page [p, p + size) touches: a big malloc'ed block is a mapping of its own, and advice
   * on part of it would split it in two, which realloc's mremap then refuses (EFAULT: it moves
   * one mapping only) and replaces by a copy.  The kernel uses a huge page for each aligned
   * 2 MiB inside, and keeps the advice when realloc moves or extends the mapping. */
  uintptr_t start = (uintptr_t)p & ~(uintptr_t)4095, end = ((uintptr_t)p + size + 4095) & ~(uintptr_t)4095;
  if (size >= HUGE_PAGE && end > start)
    madvise((void *)start, end - start, MADV_HUGEPAGE);
#else
  (void)p, (void)size;
#endif
}

void arena_free(arena *a)
{
  arena_chunk *c = a->head;
  while (c) {
    arena_chunk *next = c->next;
    if (c->map)
      munmap(c->map, c->map_size);
    else
      free(c);
    c = next;
  }
  a->head = NULL;
  a->used = a->cap = a->total = 0;
}
