/* arena.c: chunked bump allocation; big requests get a chunk of their own. */
#include "arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct arena_chunk {
  arena_chunk *next;
  size_t size;
  _Alignas(16) unsigned char data[];
};

#define CHUNK_MIN (64 * 1024)

void *arena_alloc(arena *a, size_t size)
{
  size = (size + 15) & ~(size_t)15;
  if (size == 0)
    size = 16;
  if (!a->head || a->cap - a->used < size) {
    size_t want = size > CHUNK_MIN ? size : CHUNK_MIN;
    arena_chunk *c;
    if (want > SIZE_MAX - sizeof *c)
      return NULL;
    c = calloc(1, sizeof *c + want);
    if (!c)
      return NULL;
    c->size = want;
    if (a->head && size > CHUNK_MIN) {
      /* a large block: keep the current chunk as head so its free space is still used */
      c->next = a->head->next;
      a->head->next = c;
      a->total += size;
      return c->data;
    }
    c->next = a->head;
    a->head = c;
    a->used = 0;
    a->cap = want;
  }
  void *p = a->head->data + a->used;
  a->used += size;
  a->total += size;
  return p;
}

void *arena_dup(arena *a, const void *src, size_t n)
{
  void *p = arena_alloc(a, n);
  if (p && n)
    memcpy(p, src, n);
  return p;
}

void arena_free(arena *a)
{
  arena_chunk *c = a->head;
  while (c) {
    arena_chunk *next = c->next;
    free(c);
    c = next;
  }
  a->head = NULL;
  a->used = a->cap = a->total = 0;
}
