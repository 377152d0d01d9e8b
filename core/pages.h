/* pages.h: big arrays in 2 MiB-aligned mappings on transparent huge pages, grown without copies. */
#ifndef WLAB_PAGES_H
#define WLAB_PAGES_H

#include <stddef.h>

/* A huge page: mappings are aligned to it and rounded up to it. */
#define PAGES_HUGE ((size_t)2 * 1024 * 1024)
/* From this size on an array is a mapping of its own (below it, malloc's).  On the project's VM
 * a 2 MiB huge page costs about 1 ms to fault in and a 4 KiB page about 13 us, so an array
 * that has grown to 256 KiB (and will likely grow on) is cheaper on a huge page than on the 64
 * and more small pages it would take. */
#define PAGES_MAP_MIN ((size_t)256 * 1024)

/* A zeroed mapping of size bytes (a multiple of PAGES_HUGE), 2 MiB-aligned, marked for huge
 * pages; NULL when out of memory.  pages_unmap gives it back. */
void *pages_map(size_t size);
void pages_unmap(void *p, size_t size);

/* Resizes an array of old_bytes of capacity (p NULL: none yet) to new_bytes, keeping its
 * contents up to the smaller size; NULL when out of memory (p is then unchanged).  Below
 * PAGES_MAP_MIN it is malloc's; from there, a mapping rounded up to 2 MiB that grows by moving
 * its pages (mremap), never by copying them.  The caller keeps the capacity: pages_free needs it. */
void *pages_resize(void *p, size_t old_bytes, size_t new_bytes);
void pages_free(void *p, size_t bytes);

#endif
