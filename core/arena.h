/* arena.h: a bump allocator that owns everything a module allocates, freed at once. */
#ifndef WLAB_ARENA_H
#define WLAB_ARENA_H

#include <stdbool.h>
#include <stddef.h>

typedef struct arena_chunk arena_chunk;
typedef struct arena {
  arena_chunk *head;
  size_t used, cap;   /* in the head chunk */
  size_t total;       /* bytes handed out, for statistics */
  size_t first;       /* the first chunk's size when the owner can tell (0: the default, 16 KB) */
} arena;

/* Zeroed memory aligned to 16 bytes, or NULL when out of memory. */
void *arena_alloc(arena *a, size_t size);
/* The same, not zeroed: for a caller that writes every byte it reads. */
void *arena_take(arena *a, size_t size);
/* Copies n bytes into the arena (n may be 0: returns a valid pointer). */
void *arena_dup(arena *a, const void *src, size_t n);
/* Takes a mapping of pages_map (or pages_resize's, from PAGES_MAP_MIN on) of size bytes: unmapped
 * with the arena.  A big function's IR arrays join the module so, with no copy.  False when out
 * of memory (the mapping is then still the caller's). */
bool arena_adopt(arena *a, void *map, size_t size);
void arena_free(arena *a);

#endif
