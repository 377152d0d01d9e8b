/* memory.c: linear memories: guard-page reservations (or explicit bounds), growth, limits. */
#include "memory.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "error.h"

/* Reservations live in a fixed table that the fault handler can read without locks. */
#define MAX_RESERVATIONS 4096
static struct { uintptr_t lo, hi; } reservations[MAX_RESERVATIONS]; /* accessed with __atomic builtins */

static bool register_reservation(uint8_t *lo, size_t size)
{
  for (int i = 0; i < MAX_RESERVATIONS; i++) {
    uintptr_t expected = 0;
    if (__atomic_compare_exchange_n(&reservations[i].lo, &expected, (uintptr_t)lo, false, __ATOMIC_SEQ_CST,
                                    __ATOMIC_SEQ_CST)) {
      __atomic_store_n(&reservations[i].hi, (uintptr_t)lo + size, __ATOMIC_SEQ_CST);
      return true;
    }
  }
  return false;
}

static void unregister_reservation(uint8_t *lo)
{
  for (int i = 0; i < MAX_RESERVATIONS; i++)
    if (__atomic_load_n(&reservations[i].lo, __ATOMIC_SEQ_CST) == (uintptr_t)lo) {
      __atomic_store_n(&reservations[i].hi, 0, __ATOMIC_SEQ_CST);
      __atomic_store_n(&reservations[i].lo, 0, __ATOMIC_SEQ_CST);
      return;
    }
}

memory memory_none;

bool memory_owns_fault(const void *addr)
{
  uintptr_t a = (uintptr_t)addr;
  for (int i = 0; i < MAX_RESERVATIONS; i++) {
    uintptr_t lo = __atomic_load_n(&reservations[i].lo, __ATOMIC_RELAXED);
    if (lo && a >= lo && a < __atomic_load_n(&reservations[i].hi, __ATOMIC_RELAXED))
      return true;
  }
  return false;
}

static bool commit(memory *m, uint64_t from, uint64_t to)
{
  if (to == from)
    return true;
  return mprotect(m->base + from, to - from, PROT_READ | PROT_WRITE) == 0;
}

memory *memory_new(uint64_t min_pages, uint64_t max_pages, bool want_guard, wlab_error *err)
{
  memory *m = calloc(1, sizeof *m);
  if (!m) {
    error_set(err, WLAB_ERR_NOMEM, NULL, WLAB_NONE, NULL, WLAB_NONE, "out of memory for a linear memory");
    return NULL;
  }
  m->refs = 1;
  m->max_pages = max_pages;
  m->size = min_pages * WASM_PAGE;
  if (want_guard) {
    size_t size = MEMORY_RESERVATION + WASM_PAGE;
    void *p = mmap(NULL, size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p != MAP_FAILED) {
      m->map = p;
      m->map_size = size;
      m->base = p;
      if (register_reservation(m->map, m->map_size) && commit(m, 0, m->size)) {
        m->guarded = true;
        return m;
      }
      unregister_reservation(m->map);
      munmap(p, size);
      m->map = NULL;
    }
  }
  /* explicit bounds checks: an ordinary zeroed block that grows by moving */
  m->map_size = m->size ? m->size : 1;
  m->map = mmap(NULL, m->map_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (m->map == MAP_FAILED) {
    free(m);
    error_set(err, WLAB_ERR_NOMEM, NULL, WLAB_NONE, NULL, WLAB_NONE,
              "cannot allocate a linear memory of %llu pages", (unsigned long long)min_pages);
    return NULL;
  }
  m->base = m->map;
  return m;
}

int64_t memory_grow(memory *m, uint64_t delta)
{
  uint64_t old_pages = m->size / WASM_PAGE, new_pages = old_pages + delta;
  if (delta > m->max_pages || new_pages > m->max_pages)
    return -1;
  if (delta == 0)
    return (int64_t)old_pages;
  if (m->guarded) {
    if (!commit(m, m->size, new_pages * WASM_PAGE))
      return -1;
  } else {
    size_t size = new_pages * WASM_PAGE;
    void *p = mremap(m->map, m->map_size, size, MREMAP_MAYMOVE);
    if (p == MAP_FAILED)
      return -1;
    m->map = m->base = p;
    m->map_size = size;
  }
  m->size = new_pages * WASM_PAGE;
  return (int64_t)old_pages;
}

bool memory_map_image(memory *m, int fd, size_t len)
{
  if (!m->guarded || len > m->size)
    return false;
  if (len == 0)
    return true;
  /* MAP_FIXED replaces the reservation's first pages in place: the guard region after them and
   * the registration the fault handler reads are unchanged */
  return mmap(m->base, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED, fd, 0) != MAP_FAILED;
}

bool memory_reset(memory *m, uint64_t pages, bool drop)
{
  uint64_t keep = pages * WASM_PAGE;
  if (keep > m->size)
    return false;
  if (m->guarded) {
    if (m->size > keep) {
      /* the grown pages: contents gone first, then out of reach as before the growth */
      if (madvise(m->base + keep, m->size - keep, MADV_DONTNEED) != 0 ||
          mprotect(m->base + keep, m->size - keep, PROT_NONE) != 0)
        return false;
    }
    if (drop && keep && madvise(m->base, keep, MADV_DONTNEED) != 0)
      return false;
  } else if (m->size > keep) {
    size_t size = keep ? keep : 1;
    void *p = mremap(m->map, m->map_size, size, MREMAP_MAYMOVE);
    if (p == MAP_FAILED)
      return false;
    m->map = m->base = p;
    m->map_size = size;
  }
  m->size = keep;
  if (!drop || !m->guarded)
    memset(m->base, 0, keep);
  return true;
}

void memory_retain(memory *m) { m->refs++; }

void memory_release(memory *m)
{
  if (!m || --m->refs > 0)
    return;
  if (m->guarded)
    unregister_reservation(m->map);
  munmap(m->map, m->map_size);
  free(m);
}
