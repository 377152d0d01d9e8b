/* arena.c: chunked bump allocation; chunks grow with the module, big ones on huge pages. */
#include "arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pages.h"
#include "core/startup.h"

struct arena_chunk {
  arena_chunk *next;
  size_t size;          /* usable bytes in data[] */
  void *map;            /* pages_map'ed region holding this chunk (or, adopted, only its data: the
                         * chunk is then a malloc'ed record of it, size 0), or NULL when malloc'ed */
  size_t map_size;
  _Alignas(16) unsigned char data[];
};

/* 16 KB first: a small module fills much of it (hello from its artifact touches two pages), where
 * a 64 KB one put the heap's next header, and what is allocated after it, on pages of their own:
 * a page fault each in a cold start.  A big module's chunks still double up to CHUNK_MAX. */
#define CHUNK_MIN ((size_t)16 * 1024)
#define CHUNK_MAX ((size_t)8 * 1024 * 1024)

/* Large chunks (PAGES_MAP_MIN and more) are pages_map's (2 MiB-aligned, on transparent huge
 * pages, the whole mapping usable): validating a multi-megabyte module otherwise spends as long
 * in 4 KiB page faults as in validation. */
static arena_chunk *chunk_new(size_t want)
{
  arena_chunk *c;
  if (want > SIZE_MAX / 2)
    return NULL;
  if (want + sizeof *c >= PAGES_MAP_MIN) {
    size_t size = (want + sizeof *c + PAGES_HUGE - 1) & ~(PAGES_HUGE - 1);
    if (!(c = pages_map(size)))
      return NULL;
    c->map = c;
    c->map_size = size;
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

WLAB_STARTUP static void *bump(arena *a, size_t size)
{
  size = (size + 15) & ~(size_t)15;
  if (size == 0)
    size = 16;
  if (!a->head || a->cap - a->used < size) {
    /* grow with what the module has needed so far, so a big module takes few chunks */
    size_t want = a->total < CHUNK_MIN ? CHUNK_MIN : a->total > CHUNK_MAX ? CHUNK_MAX : a->total;
    if (!a->head && a->first && a->first < want)
      want = a->first;
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

WLAB_STARTUP void *arena_alloc(arena *a, size_t size)
{
  void *p = bump(a, size);
  if (p)
    memset(p, 0, size);
  return p;
}

void *arena_take(arena *a, size_t size) { return bump(a, size); }

WLAB_STARTUP void *arena_dup(arena *a, const void *src, size_t n)
{
  void *p = bump(a, n);
  if (p && n)
    memcpy(p, src, n);
  return p;
}

bool arena_adopt(arena *a, void *map, size_t size)
{
  arena_chunk *c = malloc(sizeof *c);
  if (!c)
    return false;
  c->size = 0;
  c->map = map;
  c->map_size = (size + PAGES_HUGE - 1) & ~(PAGES_HUGE - 1);
  if (a->head) { /* behind the chunk bump() takes from */
    c->next = a->head->next;
    a->head->next = c;
  } else {
    c->next = NULL;
    a->head = c;
    a->used = a->cap = 0;
  }
  a->total += size;
  return true;
}

void arena_free(arena *a)
{
  arena_chunk *c = a->head;
  while (c) {
    arena_chunk *next = c->next;
    bool record = c->map != (void *)c; /* read before the mapping that may hold c goes */
    if (c->map)
      pages_unmap(c->map, c->map_size);
    if (record)
      free(c);
    c = next;
  }
  a->head = NULL;
  a->used = a->cap = a->total = 0;
}
