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
/* Pages mapped by all live regions and code heaps of the process, for --stats. */
size_t x64_codemem_pages_live(void);

/*
 * A code heap takes functions one at a time (a JIT compiling lazily) and appends each to a
 * shared chunk, so a function costs its own bytes, not a page, and code already running is
 * never touched.  W^X by a dual mapping: a chunk is a memfd mapped twice, read-execute (for
 * the chunk's whole life; its pages never change protection) and read-write (the view code is
 * copied in through, while the chunk is the one being filled; unmapped once a new chunk takes
 * over).  No mapping is ever writable and executable.  Where the system refuses an executable
 * memfd, each function takes fresh whole pages of a reserved chunk instead (written, then made
 * read-execute: a page per function, as before).  Chunks double from 64 KiB to 4 MiB; a
 * function bigger than that gets a chunk of its own.  Not thread-safe: the caller serialises
 * adds.  docs/x64.md has the choice and its measurements.
 */
typedef struct x64_codechunk {
  uint8_t *rx;          /* the executable view */
  uint8_t *rw;          /* the writable view, while this is the chunk being filled; else NULL */
  size_t size;          /* bytes mapped (each view) */
  size_t used;          /* bytes handed out, from the start */
  bool fresh_pages;     /* no dual mapping: each function takes fresh pages, made read-execute */
} x64_codechunk;

typedef struct x64_codeheap {
  x64_codechunk *chunks; /* in the order they were made; the last is the one being filled */
  uint32_t nchunks, cap;
  bool fresh_pages_only; /* never dual-map (set before the first add: the fallback, for tests) */
  /* heaps with a dual-mapped chunk, for fork(): the chunks are shared memory, so a child stops
   * filling the parent's open chunk (it would write where the parent writes next) */
  bool listed;
  struct x64_codeheap *prev, *next;
} x64_codeheap;

void x64_codeheap_init(x64_codeheap *h);
/* Copies len bytes of code into the heap at a 16-byte aligned address, which it returns (NULL
 * when out of memory); *chunk, if not NULL, gets the chunk it went into, valid until the next
 * add (code in one chunk ascends in the order it was added). */
uint8_t *x64_codeheap_add(x64_codeheap *h, const void *code, size_t len, const x64_codechunk **chunk);
/* Unmaps every chunk: no code in it may run any more. */
void x64_codeheap_free(x64_codeheap *h);
/* (A forked child's heaps start new chunks for what it compiles: pthread_atfork, set up by the
 * first dual-mapped chunk.) */

#endif
