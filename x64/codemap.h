/* codemap.h: which function's machine code holds a pc, for traps and dumps: spans of code each listing its functions by address. */
#ifndef WLAB_X64_CODEMAP_H
#define WLAB_X64_CODEMAP_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Code lives in spans: a region (x64_codemem) or a chunk of a code heap (x64_codeheap).
 * Within a span functions are added in ascending address order (a region is filled front to
 * back, a chunk appended to), so a span's list only grows at its end; spans are few (one per
 * region, chunks that double in size) and kept sorted.  A pc is two binary searches away, and
 * adding a function costs O(1) amortised: a 100,000-function module compiled lazily once took
 * an insertion each at the front of one sorted array, quadratic in their number.  Each tier
 * keeps one map for the process; the map's lock makes adds, removals and look-ups safe from
 * any thread.
 */
typedef struct x64_codemap_fn {
  uintptr_t entry;
  size_t size;
  const void *code;      /* the tier's record of the function */
} x64_codemap_fn;

typedef struct x64_codespan {
  uintptr_t start, end;
  const void *owner;     /* what the span's code belongs to (a module): removed with it */
  x64_codemap_fn *funcs; /* ascending by entry */
  uint32_t n, cap;
} x64_codespan;

typedef struct x64_codemap {
  pthread_rwlock_t lock;
  x64_codespan *spans;   /* sorted by start, never overlapping */
  uint32_t nspans, cap;
} x64_codemap;

#define X64_CODEMAP_INIT {PTHREAD_RWLOCK_INITIALIZER, NULL, 0, 0}

/* Records code [entry, entry + size), which lies in the span [start, end) of owner (the span
 * is created if new); a span's functions must be added in ascending order.  False when out of
 * memory. */
bool x64_codemap_add(x64_codemap *map, const void *owner, uintptr_t start, uintptr_t end, uintptr_t entry,
                     size_t size, const void *code);
/* Forgets every span of owner (its code goes all at once). */
void x64_codemap_remove_owner(x64_codemap *map, const void *owner);
/* The code record of the function whose bytes hold pc, or NULL. */
const void *x64_codemap_find(x64_codemap *map, uintptr_t pc);

#endif
