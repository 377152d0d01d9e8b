/* codemem.c: W^X code memory on mmap and mprotect; pages go RW -> RX and never RWX. */
#include "codemem.h"

#include <stdatomic.h>
#include <stdint.h>
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
