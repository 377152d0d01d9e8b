/* codemap.c: which function's machine code holds a pc: sorted spans, each with its functions in address order. */
#include "x64/codemap.h"

#include <stdlib.h>
#include <string.h>

/* The number of spans that start at or below pc. */
static uint32_t spans_upto(const x64_codemap *map, uintptr_t pc)
{
  uint32_t lo = 0, hi = map->nspans;
  while (lo < hi) {
    uint32_t mid = (lo + hi) / 2;
    if (map->spans[mid].start <= pc)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

/* hot: with the other functions a cold start runs (core/startup.h; spelt out, x64/ depends on
 * nothing of the project) */
__attribute__((hot))
bool x64_codemap_add(x64_codemap *map, const void *owner, uintptr_t start, uintptr_t end, uintptr_t entry,
                     size_t size, const void *code)
{
  bool ok = false;
  x64_codespan *s;
  pthread_rwlock_wrlock(&map->lock);
  uint32_t at = spans_upto(map, start);
  if (at > 0 && map->spans[at - 1].start == start) {
    s = &map->spans[at - 1];
  } else {
    if (map->nspans == map->cap) {
      uint32_t cap = map->cap ? map->cap * 2 : 4; /* a span a module: few, the heap kept small */
      x64_codespan *p = realloc(map->spans, cap * sizeof *p);
      if (!p)
        goto out;
      map->spans = p;
      map->cap = cap;
    }
    memmove(map->spans + at + 1, map->spans + at, (map->nspans - at) * sizeof *map->spans);
    map->nspans++;
    s = &map->spans[at];
    *s = (x64_codespan){start, end, owner, NULL, 0, 0};
  }
  if (s->n == s->cap) {
    uint32_t cap = s->cap ? s->cap * 2 : 16;
    x64_codemap_fn *p = realloc(s->funcs, cap * sizeof *p);
    if (!p)
      goto out;
    s->funcs = p;
    s->cap = cap;
  }
  s->funcs[s->n++] = (x64_codemap_fn){entry, size, code};
  ok = true;
out:
  pthread_rwlock_unlock(&map->lock);
  return ok;
}

void x64_codemap_remove_owner(x64_codemap *map, const void *owner)
{
  uint32_t kept = 0;
  pthread_rwlock_wrlock(&map->lock);
  for (uint32_t i = 0; i < map->nspans; i++) {
    if (map->spans[i].owner == owner)
      free(map->spans[i].funcs);
    else
      map->spans[kept++] = map->spans[i];
  }
  map->nspans = kept;
  if (kept == 0) {
    /* an empty map holds no memory: a map made and dropped (a test's, an embedder's engine)
     * leaves nothing behind for a leak checker */
    free(map->spans);
    map->spans = NULL;
    map->cap = 0;
  }
  pthread_rwlock_unlock(&map->lock);
}

const void *x64_codemap_find(x64_codemap *map, uintptr_t pc)
{
  const void *found = NULL;
  pthread_rwlock_rdlock(&map->lock);
  uint32_t at = spans_upto(map, pc);
  if (at > 0 && pc < map->spans[at - 1].end) {
    const x64_codespan *s = &map->spans[at - 1];
    uint32_t lo = 0, hi = s->n;
    while (lo < hi) {
      uint32_t mid = (lo + hi) / 2;
      if (s->funcs[mid].entry <= pc)
        lo = mid + 1;
      else
        hi = mid;
    }
    if (lo > 0 && pc < s->funcs[lo - 1].entry + s->funcs[lo - 1].size)
      found = s->funcs[lo - 1].code;
  }
  pthread_rwlock_unlock(&map->lock);
  return found;
}
