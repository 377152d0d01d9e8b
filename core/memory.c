/* memory.c: linear memories: guard-page reservations (or explicit bounds), growth, limits. */
#include "memory.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include "error.h"
#include "core/startup.h"
#include "thread.h"

/* Reservations live in a fixed table that the fault handler can read without locks. */
#define MAX_RESERVATIONS 4096
/* The first few in .data with the other variables a run touches (core/startup.h): a run's one
 * reservation was the only thing written on the 64 KB table's first .bss page, a page fault of
 * its own.  The rest stay in .bss, untouched until a process holds that many memories. */
#define HOT_RESERVATIONS 16
typedef struct reservation { uintptr_t lo, hi; } reservation; /* accessed with __atomic builtins */
static reservation reservations_hot[HOT_RESERVATIONS] WLAB_STARTUP_DATA;
static reservation reservations_rest[MAX_RESERVATIONS - HOT_RESERVATIONS];

static reservation *reservation_at(int i)
{
  return i < HOT_RESERVATIONS ? &reservations_hot[i] : &reservations_rest[i - HOT_RESERVATIONS];
}

static bool register_reservation(uint8_t *lo, size_t size)
{
  for (int i = 0; i < MAX_RESERVATIONS; i++) {
    uintptr_t expected = 0;
    if (__atomic_compare_exchange_n(&reservation_at(i)->lo, &expected, (uintptr_t)lo, false, __ATOMIC_SEQ_CST,
                                    __ATOMIC_SEQ_CST)) {
      __atomic_store_n(&reservation_at(i)->hi, (uintptr_t)lo + size, __ATOMIC_SEQ_CST);
      return true;
    }
  }
  return false;
}

static void unregister_reservation(uint8_t *lo)
{
  for (int i = 0; i < MAX_RESERVATIONS; i++)
    if (__atomic_load_n(&reservation_at(i)->lo, __ATOMIC_SEQ_CST) == (uintptr_t)lo) {
      __atomic_store_n(&reservation_at(i)->hi, 0, __ATOMIC_SEQ_CST);
      __atomic_store_n(&reservation_at(i)->lo, 0, __ATOMIC_SEQ_CST);
      return;
    }
}

memory memory_none;

bool memory_owns_fault(const void *addr)
{
  uintptr_t a = (uintptr_t)addr;
  for (int i = 0; i < MAX_RESERVATIONS; i++) {
    uintptr_t lo = __atomic_load_n(&reservation_at(i)->lo, __ATOMIC_RELAXED);
    if (lo && a >= lo && a < __atomic_load_n(&reservation_at(i)->hi, __ATOMIC_RELAXED))
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
    /* A thread without its value stack yet (a cold `run`: the instance is made before the first
     * call) gets one from this mapping, just below the memory: one mmap and one mprotect for
     * both rather than an mmap more.  Wasm addresses never go below the base, and the stack's
     * owner unmaps it (its thread's exit); the memory unmaps [map, map + map_size) alone. */
    size_t below = thread_stack_wanted() ? THREAD_VALUE_STACK_BYTES : 0;
    uint8_t *p = mmap(NULL, below + size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p != MAP_FAILED) {
      m->map = p + below;
      m->map_size = size;
      m->base = m->map;
      if (register_reservation(m->map, m->map_size) &&
          (below ? mprotect(p, below + m->size, PROT_READ | PROT_WRITE) == 0 : commit(m, 0, m->size))) {
        m->guarded = true;
        if (below && !thread_offer_stack(p)) /* another memory offered one first */
          munmap(p, below);
        return m;
      }
      unregister_reservation(m->map);
      munmap(p, below + size);
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
  /* MAP_FIXED replaces the reservation's first pages in place: the guard region after them and
   * the registration the fault handler reads are unchanged */
  if (len && mmap(m->base, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED, fd, 0) == MAP_FAILED)
    return false;
  /* No huge pages in a pooled memory: the reset skips its scan when no page fault happened
   * (restore_written), and a huge page, made at a fault or later by khugepaged out of the pages
   * around a written one, would give the guest pages it writes without faulting.  A kernel
   * without huge pages refuses the advice (EINVAL) and needs none. */
  m->no_thp = madvise(m->map, m->map_size, MADV_NOHUGEPAGE) == 0 || errno == EINVAL;
  free(m->restore); /* another mapping: what the last scan listed is not its pages */
  m->restore = NULL;
  return true;
}

/* ---- restoring written pages in place (the pool's COW reset) ------------------------------ */

/* PAGEMAP_SCAN (Linux 6.7, <linux/fs.h>): the kernel's page-table walk over a range, reporting
 * runs of pages by category.  Declared here because Debian 12's kernel headers predate it; the
 * values are the kernel's ABI. */
#ifndef PAGEMAP_SCAN
struct page_region {
  uint64_t start, end, categories;
};
struct pm_scan_arg {
  uint64_t size, flags, start, end, walk_end, vec, vec_len, max_pages;
  uint64_t category_inverted, category_mask, category_anyof_mask, return_mask;
};
#define PAGEMAP_SCAN _IOWR('f', 16, struct pm_scan_arg)
#define PAGE_IS_FILE (1u << 2)
#define PAGE_IS_PRESENT (1u << 3)
#define PAGE_IS_SWAPPED (1u << 4)
#define PAGE_IS_PFNZERO (1u << 5)
#endif

/* Pages restored in place at most per reset; a user who wrote more is reset by dropping. */
#define RESTORE_MAX_PAGES 64
#define RESTORE_MAX_RUNS 32

/* What a memory's last scan listed (restore_written), for the resets that need no scan. */
typedef struct restore_memo {
  uint64_t faults; /* the process's page faults when that scan began */
  unsigned epoch;  /* fork_epoch then */
  size_t keep;     /* the bytes scanned */
  int n;           /* runs, or -1: nothing listed (the memory was dropped, or not scanned) */
  struct page_region runs[RESTORE_MAX_RUNS];
} restore_memo;

/* One more in every forked child: a child counts page faults from zero, so a count remembered
 * in the parent says nothing there. */
static _Atomic unsigned fork_epoch;

/* This process's /proc/self/pagemap, opened on first use; -1 once the kernel has shown it has no
 * PAGEMAP_SCAN.  A forked child's pagemap is its own: the fork handler forgets the parent's
 * descriptor in the child, so the child opens its own (the reset path pays no getpid). */
static pthread_mutex_t pagemap_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t pagemap_once = PTHREAD_ONCE_INIT;
static _Atomic int pagemap_fd = -2;

static void pagemap_forget_in_child(void)
{
  int fd = atomic_load(&pagemap_fd);
  atomic_fetch_add(&fork_epoch, 1);
  if (fd >= 0) {
    close(fd); /* the parent's, inherited */
    atomic_store(&pagemap_fd, -2);
  }
}

static void pagemap_register(void) { pthread_atfork(NULL, NULL, pagemap_forget_in_child); }

static int pagemap(void)
{
  int fd = atomic_load_explicit(&pagemap_fd, memory_order_acquire);
  if (fd != -2)
    return fd;
  pthread_once(&pagemap_once, pagemap_register);
  pthread_mutex_lock(&pagemap_lock);
  if ((fd = atomic_load(&pagemap_fd)) == -2) {
    fd = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
    atomic_store_explicit(&pagemap_fd, fd < 0 ? -1 : fd, memory_order_release);
  }
  pthread_mutex_unlock(&pagemap_lock);
  return fd < 0 ? -1 : fd;
}

/* The kernel has no PAGEMAP_SCAN: every reset drops pages from now on.  The descriptor stays
 * open (another thread may be in its ioctl); it is one per process. */
static void pagemap_unsupported(void) { atomic_store(&pagemap_fd, -1); }

/* The page faults this process has taken (minor and major, every thread, and those of the
 * kernel's own copies into its memory, e.g. a read(2) into a guest buffer); false if the kernel
 * will not say. */
static bool process_faults(uint64_t *out)
{
  struct rusage ru;
  if (getrusage(RUSAGE_SELF, &ru) != 0)
    return false;
  *out = (uint64_t)ru.ru_minflt + (uint64_t)ru.ru_majflt;
  return true;
}

/* Copies the listed runs back from the image, or zeroes them past its end. */
static void restore_runs(memory *m, const struct page_region *runs, int n, const uint8_t *image, size_t image_len)
{
  for (int i = 0; i < n; i++) {
    size_t from = (size_t)(runs[i].start - (uintptr_t)m->base), to = (size_t)(runs[i].end - (uintptr_t)m->base);
    size_t mid = to < image_len ? to : from > image_len ? from : image_len;
    if (mid > from)
      memcpy(m->base + from, image + from, mid - from);
    if (to > mid)
      memset(m->base + mid, 0, to - mid);
  }
}

/*
 * Puts the first `keep` bytes of a memory mapped over an image (memory_map_image) back by
 * rewriting only the pages the last user wrote.  A written page is a private copy: anonymous,
 * so not one of the image's file pages, nor the shared zero page that a read past the image
 * maps; it may also have been swapped out.  PAGEMAP_SCAN lists exactly those, and each is copied
 * back from the image (or zeroed past it).  The pages stay resident, so the next user does not
 * fault them in again: on this VM a fault costs about 2.4 us a page, and a request of
 * startup/handler writes six pages (docs/serve.md).  Such a page stays a private copy, so
 * every later reset rewrites it even if it was not written again: that is why a user who wrote
 * more than RESTORE_MAX_PAGES is reset by dropping instead.  False when the scan is unavailable
 * (older kernels) or the pages are too many: the caller drops them.
 *
 * The scan is most of a reset (a syscall that walks the page tables of the whole range: 2-5 us
 * on this VM, growing with the memory's size), and it mostly lists what the last one did: the
 * pages a request writes are the ones the request before wrote, kept resident.  Between two
 * scans, a page can join the list only by a page fault: a first write to a page that was not
 * mapped, mapped the zero page, the image's file page or was swapped out is a fault, and a page
 * already listed stays listed (it is rewritten in place, never dropped).  Huge pages, which
 * could map many pages at one fault or with none (khugepaged), are kept out of pooled memories
 * (memory_map_image).  So when the process has taken no page fault since the last scan began,
 * the pages to put back are the ones it listed, and the reset rewrites them without scanning:
 * one getrusage (0.7-1.3 us here, a little more with many threads) instead of the walk.  The
 * count is the whole process's, so a fault on any thread, or the kernel's copy into a guest
 * buffer, makes the next reset scan.  What it does not see is another process writing this one's
 * memory (process_vm_writev, /proc/PID/mem: a debugger, which can write any page anyway).
 */
static bool restore_written(memory *m, size_t keep, const uint8_t *image, size_t image_len)
{
  struct page_region runs[RESTORE_MAX_RUNS];
  restore_memo *memo = m->restore;
  uint64_t faults = 0;
  unsigned epoch = atomic_load(&fork_epoch);
  int fd = pagemap();
  if (fd < 0 || (!image && image_len))
    return false;
  /* read before the scan: a fault during or after it makes the next reset scan again */
  bool counted = m->no_thp && process_faults(&faults);
  if (counted && memo && memo->n >= 0 && memo->faults == faults && memo->epoch == epoch && memo->keep == keep) {
    restore_runs(m, memo->runs, memo->n, image, image_len);
    m->scans_skipped++;
    return true;
  }
  if (memo)
    memo->n = -1; /* until this scan has listed the pages and they are put back */
  struct pm_scan_arg arg = {
    .size = sizeof arg,
    .start = (uintptr_t)m->base,
    .end = (uintptr_t)m->base + keep,
    .vec = (uintptr_t)runs,
    .vec_len = RESTORE_MAX_RUNS,
    .max_pages = RESTORE_MAX_PAGES + 1,
    /* neither a file page nor the zero page, and present or swapped.  The zero page is what a
     * read past the image maps: it reads zero, as it should, and a guest that read many pages
     * would otherwise fill the runs with pages that need nothing and be reset by dropping. */
    .category_inverted = PAGE_IS_FILE | PAGE_IS_PFNZERO,
    .category_mask = PAGE_IS_FILE | PAGE_IS_PFNZERO,
    .category_anyof_mask = PAGE_IS_PRESENT | PAGE_IS_SWAPPED,
    .return_mask = PAGE_IS_PRESENT | PAGE_IS_SWAPPED,
  };
  m->scans++;
  int n = ioctl(fd, PAGEMAP_SCAN, &arg);
  if (n < 0) {
    if (errno == ENOTTY || errno == EINVAL || errno == EOPNOTSUPP)
      pagemap_unsupported();
    return false;
  }
  size_t total = 0;
  for (int i = 0; i < n; i++)
    total += (size_t)(runs[i].end - runs[i].start);
  if (arg.walk_end != arg.end || total > (size_t)RESTORE_MAX_PAGES * 4096)
    return false; /* more runs or pages than restoring is worth (or the scan stopped short) */
  restore_runs(m, runs, n, image, image_len);
  if (counted && (memo || (memo = m->restore = malloc(sizeof *memo)))) {
    memo->faults = faults;
    memo->epoch = epoch;
    memo->keep = keep;
    memo->n = n;
    memcpy(memo->runs, runs, (size_t)n * sizeof *runs);
  }
  return true;
}

bool memory_reset(memory *m, uint64_t pages, bool drop, const uint8_t *image, size_t image_len)
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
    if (drop && keep && !restore_written(m, (size_t)keep, image, image_len) &&
        madvise(m->base, keep, MADV_DONTNEED) != 0)
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
  free(m->restore);
  free(m);
}
