/* codemem.c: W^X code memory: regions that go RW -> RX, and code heaps of dual-mapped chunks. */
#include "codemem.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static atomic_size_t pages_live;

static size_t page_size(void)
{
  return (size_t)sysconf(_SC_PAGESIZE);
}

#define HUGE ((size_t)2 << 20)

bool x64_codemem_alloc(x64_codemem *cm, size_t len)
{
  size_t ps = page_size();
  size_t size = len ? (len + ps - 1) / ps * ps : ps;
  memset(cm, 0, sizeof *cm);
  void *p;
  if (size >= 2 * HUGE) {
    /* a big region (a whole module compiled at once): 2 MiB aligned and backed by huge pages
       where the kernel allows it, so filling it takes a few page faults rather than one per
       4 KiB (on a virtual machine each fault is expensive) */
    size = (size + HUGE - 1) / HUGE * HUGE;
    uint8_t *q = mmap(NULL, size + HUGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (q == MAP_FAILED)
      return false;
    uint8_t *aligned = (uint8_t *)(((uintptr_t)q + HUGE - 1) & ~(uintptr_t)(HUGE - 1));
    if (aligned > q)
      munmap(q, (size_t)(aligned - q));
    if (aligned + size < q + size + HUGE)
      munmap(aligned + size, (size_t)(q + size + HUGE - (aligned + size)));
#ifdef MADV_HUGEPAGE
    madvise(aligned, size, MADV_HUGEPAGE);
#endif
    p = aligned;
  } else {
    p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
      return false;
  }
  cm->base = p;
  cm->size = size;
  cm->len = len;
  atomic_fetch_add(&pages_live, size / ps);
  return true;
}

bool x64_codemem_finalize(x64_codemem *cm)
{
  if (!cm->base || cm->executable)
    return cm->executable;
  if (mprotect(cm->base, cm->size, PROT_READ | PROT_EXEC) != 0)
    return false;
  /* x86 keeps instruction fetch coherent with stores, so this compiles to nothing there; it is
     the portable statement that the bytes are now code */
  __builtin___clear_cache((char *)cm->base, (char *)cm->base + cm->len);
  cm->executable = true;
  return true;
}

bool x64_codemem_install(x64_codemem *cm, const void *code, size_t len)
{
  if (!x64_codemem_alloc(cm, len))
    return false;
  memcpy(cm->base, code, len);
  if (x64_codemem_finalize(cm))
    return true;
  x64_codemem_free(cm);
  return false;
}

void x64_codemem_free(x64_codemem *cm)
{
  if (cm->base) {
    munmap(cm->base, cm->size);
    atomic_fetch_sub(&pages_live, cm->size / page_size());
  }
  memset(cm, 0, sizeof *cm);
}

size_t x64_codemem_pages(const x64_codemem *cm)
{
  return cm->size / page_size();
}

size_t x64_codemem_pages_live(void)
{
  return atomic_load(&pages_live);
}

/* ---- code heaps ------------------------------------------------------------------------------- */

#define CHUNK_MIN ((size_t)64 << 10)
#define CHUNK_MAX ((size_t)4 << 20)
/* A function starts on a 64-byte boundary (its constant pool is 16-byte aligned from its start).
 * At 16, where a function's hot loop fell against the front end's 32- and 64-byte fetch windows
 * depended on the size of the functions compiled before it: matmul ran 11% slower in the JIT than
 * the same code loaded from an AOT artifact, and equal at 64.  Interleaved against 16 (min of 9,
 * opt/native): bytecode 1.23 -> 1.13, hashtable 1.48 -> 1.42, matmul and sha256 equal.  The cost
 * is 24 bytes of padding a function on average. */
#define CODE_ALIGN 64
#ifndef MFD_EXEC
#define MFD_EXEC 0x0010U /* Linux 6.3: asks for an executable memfd where vm.memfd_noexec is set */
#endif

static size_t round_up(size_t n, size_t to) { return (n + to - 1) / to * to; }

void x64_codeheap_init(x64_codeheap *h) { memset(h, 0, sizeof *h); }

/* Every heap with a dual-mapped chunk.  A chunk's memfd is shared memory, which fork() does not
 * copy: a child filling the open chunk of its copy of a heap would write where the parent writes
 * its next function, and each would run the other's code.  So the child closes every heap's
 * open chunk (its writable view goes; what it compiles goes into chunks of its own), and the
 * parent carries on; full chunks are only ever read, by both. */
static pthread_mutex_t heaps_lock = PTHREAD_MUTEX_INITIALIZER;
static x64_codeheap *heaps;
static pthread_once_t atfork_once = PTHREAD_ONCE_INIT;

static void fork_prepare(void) { pthread_mutex_lock(&heaps_lock); }
static void fork_parent(void) { pthread_mutex_unlock(&heaps_lock); }
static void fork_child(void)
{
  for (x64_codeheap *h = heaps; h; h = h->next) {
    x64_codechunk *c = h->nchunks ? &h->chunks[h->nchunks - 1] : NULL;
    if (c && c->rw) {
      munmap(c->rw, c->size);
      c->rw = NULL;
      c->used = c->size; /* full: the next add makes a new chunk */
    }
  }
  pthread_mutex_unlock(&heaps_lock);
}

static void atfork_init(void) { pthread_atfork(fork_prepare, fork_parent, fork_child); }

static void heap_list(x64_codeheap *h)
{
  if (h->listed)
    return;
  pthread_once(&atfork_once, atfork_init);
  pthread_mutex_lock(&heaps_lock);
  h->prev = NULL;
  h->next = heaps;
  if (heaps)
    heaps->prev = h;
  heaps = h;
  h->listed = true;
  pthread_mutex_unlock(&heaps_lock);
}

static void heap_unlist(x64_codeheap *h)
{
  if (!h->listed)
    return;
  pthread_mutex_lock(&heaps_lock);
  if (h->prev)
    h->prev->next = h->next;
  else
    heaps = h->next;
  if (h->next)
    h->next->prev = h->prev;
  h->listed = false;
  pthread_mutex_unlock(&heaps_lock);
}

/* The same pages twice: read-execute for running, read-write for filling. */
static bool chunk_dual(x64_codechunk *c, size_t size)
{
  int fd = memfd_create("wasmlab-code", MFD_CLOEXEC | MFD_EXEC);
  void *rx = MAP_FAILED, *rw = MAP_FAILED;
  if (fd < 0 && errno == EINVAL) /* a kernel before 6.3 refuses the flag it does not know */
    fd = memfd_create("wasmlab-code", MFD_CLOEXEC);
  if (fd < 0)
    return false;
  if (ftruncate(fd, (off_t)size) == 0) {
    rx = mmap(NULL, size, PROT_READ | PROT_EXEC, MAP_SHARED, fd, 0);
    rw = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  }
  close(fd); /* the mappings keep the memory; no descriptor stays open per chunk */
  if (rx == MAP_FAILED || rw == MAP_FAILED) {
    if (rx != MAP_FAILED)
      munmap(rx, size);
    if (rw != MAP_FAILED)
      munmap(rw, size);
    return false;
  }
  c->rx = rx;
  c->rw = rw;
  return true;
}

/* The fallback: address space only; each function's pages become read-write, then read-execute. */
static bool chunk_reserved(x64_codechunk *c, size_t size)
{
  void *p = mmap(NULL, size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED)
    return false;
  c->rx = p;
  c->fresh_pages = true;
  return true;
}

static x64_codechunk *new_chunk(x64_codeheap *h, size_t len)
{
  size_t ps = page_size(), last = h->nchunks ? h->chunks[h->nchunks - 1].size : 0;
  size_t size = last ? 2 * last : CHUNK_MIN;
  x64_codechunk c = {0};
  if (size > CHUNK_MAX)
    size = CHUNK_MAX;
  if (size < round_up(len, ps))
    size = round_up(len, ps);
  if (h->nchunks == h->cap) {
    uint32_t cap = h->cap ? 2 * h->cap : 4;
    x64_codechunk *p = realloc(h->chunks, cap * sizeof *p);
    if (!p)
      return NULL;
    h->chunks = p;
    h->cap = cap;
  }
  c.size = size;
  if ((h->fresh_pages_only || !chunk_dual(&c, size)) && !chunk_reserved(&c, size))
    return NULL;
  if (c.rw)
    heap_list(h);
  if (h->nchunks && h->chunks[h->nchunks - 1].rw) { /* the old chunk is full: no more writing */
    munmap(h->chunks[h->nchunks - 1].rw, h->chunks[h->nchunks - 1].size);
    h->chunks[h->nchunks - 1].rw = NULL;
  }
  atomic_fetch_add(&pages_live, size / ps);
  h->chunks[h->nchunks] = c;
  return &h->chunks[h->nchunks++];
}

uint8_t *x64_codeheap_add(x64_codeheap *h, const void *code, size_t len, const x64_codechunk **chunk)
{
  size_t ps = page_size(), at = 0;
  x64_codechunk *c = h->nchunks ? &h->chunks[h->nchunks - 1] : NULL;
  if (c) {
    at = round_up(c->used, c->fresh_pages ? ps : CODE_ALIGN);
    if (at + (c->fresh_pages ? round_up(len, ps) : len) > c->size)
      c = NULL;
  }
  if (!c) {
    if (!(c = new_chunk(h, len)))
      return NULL;
    at = 0;
  }
  if (c->fresh_pages) {
    size_t span = round_up(len ? len : 1, ps);
    if (mprotect(c->rx + at, span, PROT_READ | PROT_WRITE) != 0)
      return NULL;
    memcpy(c->rx + at, code, len);
    if (mprotect(c->rx + at, span, PROT_READ | PROT_EXEC) != 0) {
      mprotect(c->rx + at, span, PROT_NONE); /* never left writable */
      return NULL;
    }
    c->used = at + span;
  } else {
    memcpy(c->rw + at, code, len);
    c->used = at + len;
  }
  /* x86 keeps instruction fetch coherent with stores (through either view: the same physical
     pages), so this compiles to nothing there; it is the portable statement that these are code */
  __builtin___clear_cache((char *)c->rx + at, (char *)c->rx + at + len);
  if (chunk)
    *chunk = c;
  return c->rx + at;
}

void x64_codeheap_free(x64_codeheap *h)
{
  heap_unlist(h);
  for (uint32_t i = 0; i < h->nchunks; i++) {
    x64_codechunk *c = &h->chunks[i];
    munmap(c->rx, c->size);
    if (c->rw)
      munmap(c->rw, c->size);
    atomic_fetch_sub(&pages_live, c->size / page_size());
  }
  free(h->chunks);
  memset(h, 0, sizeof *h);
}
