/* codemem.c: W^X code memory on mmap and mprotect; pages go RW -> RX and never RWX. */
#include "codemem.h"

#include <stdatomic.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static atomic_size_t pages_live;

static size_t page_size(void)
{
  return (size_t)sysconf(_SC_PAGESIZE);
}

bool x64_codemem_alloc(x64_codemem *cm, size_t len)
{
  size_t ps = page_size();
  size_t size = len ? (len + ps - 1) / ps * ps : ps;
  memset(cm, 0, sizeof *cm);
  void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED)
    return false;
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
