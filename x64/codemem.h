/* codemem.h: W^X memory for machine code: written while read-write, run only once read-execute. */
#ifndef WLAB_X64_CODEMEM_H
#define WLAB_X64_CODEMEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * A region is mapped read-write, filled, then switched to read-execute by
 * x64_codemem_finalize(); it is never writable and executable at the same time, so a bug or an
 * attacker that can write memory cannot write code. Regions are whole pages; put a module's
 * functions in one region rather than one region per function.
 */
typedef struct x64_codemem {
  uint8_t *base;    /* page-aligned, NULL when empty */
  size_t size;      /* mapped bytes, a whole number of pages */
  size_t len;       /* bytes of code in it */
  bool executable;  /* finalized: read-execute, no longer writable */
} x64_codemem;

/* Maps room for len bytes, read-write; false (and nothing mapped) if mmap fails. */
bool x64_codemem_alloc(x64_codemem *cm, size_t len);
/* Read-write -> read-execute, and makes the new code visible to instruction fetch. */
bool x64_codemem_finalize(x64_codemem *cm);
/* alloc, copy, finalize in one step. */
bool x64_codemem_install(x64_codemem *cm, const void *code, size_t len);
void x64_codemem_free(x64_codemem *cm);

size_t x64_codemem_pages(const x64_codemem *cm);
/* Pages mapped by all live regions of the process, for --stats. */
size_t x64_codemem_pages_live(void);

#endif
