/* memory.h: linear memories: guard-page reservations (or explicit bounds), growth, limits. */
#ifndef WLAB_MEMORY_H
#define WLAB_MEMORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "wasmlab.h"

#define WASM_PAGE ((uint64_t)65536)
/* Any i32 address plus a u32 offset plus a 16-byte access stays below this, so a guarded
 * memory needs no bounds checks in any tier (DESIGN.md §5). */
#define MEMORY_RESERVATION ((uint64_t)8 << 30)

/* The public wlab_memory (core/extern.c). */
typedef struct wlab_memory {
  uint8_t *base;        /* byte 0 of the linear memory; fixed for a guarded memory */
  uint64_t size;        /* accessible bytes (pages * 64 KiB) */
  uint64_t max_pages;   /* the type's maximum, lowered by the embedder's cap */
  bool guarded;         /* accesses past size fault inside the reservation */
  uint8_t *map;         /* the mapping (reservation, or the explicit-mode block) */
  size_t map_size;
  uint32_t refs;
  struct wlab_instance *owner;  /* the instance that defines it; NULL for memory_none */
  bool no_thp;          /* a pooled memory (memory_map_image) that no huge page can back */
  struct restore_memo *restore; /* what the last reset's scan found (core/memory.c), or NULL */
  uint64_t scans, scans_skipped; /* resets that scanned the page tables, and that did not need to */
} memory;

/* Creates a memory of min_pages (zeroed).  want_guard asks for the reservation; where it
 * cannot be had (address space limits) the memory uses explicit bounds checks instead. */
memory *memory_new(uint64_t min_pages, uint64_t max_pages, bool want_guard, wlab_error *err);
/* Grows by delta pages; returns the old size in pages, or -1 (the wasm result) when the
 * maximum or the host refuses.  An explicit-mode memory may move: reload base after. */
int64_t memory_grow(memory *m, uint64_t delta);
/* For the instance pool (core/pool.c).  Maps len bytes of fd (a page multiple, at most the
 * memory's size) privately over the start of a guarded memory: its pages read the file until
 * written, and dropping a written page brings the file's contents back.  False when the memory
 * is not guarded or the kernel refuses. */
bool memory_map_image(memory *m, int fd, size_t len);
/* Puts the memory back to `pages` (at most its size) pages: pages grown past them become
 * inaccessible again and their contents are gone.  drop (a memory mapped over an image): the
 * pages the guest wrote below are put back, rewritten in place from `image` (image_len bytes,
 * a readable view of the mapped image; NULL when there is none) where the kernel can list them
 * and they are few, else dropped (zero, or the image's contents), at the cost of the pages
 * touched only; without drop they are zeroed by writing them.  False when the kernel refuses
 * (the memory is then not to be reused). */
bool memory_reset(memory *m, uint64_t pages, bool drop, const uint8_t *image, size_t image_len);
void memory_retain(memory *m);
void memory_release(memory *m);

/* The memory of an instance that has none, as machine code sees it (vmctx.mem is never NULL):
 * base NULL, size 0. */
extern memory memory_none;

/* Is addr inside some guarded memory's reservation?  Safe to call from a signal handler. */
bool memory_owns_fault(const void *addr);

#endif
