/* thread.c: the per-thread execution context: value stack, native stack bounds, freed at thread exit. */
#include "thread.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "engine.h"
#include "once.h"
#include "core/startup.h"

#define VALUE_STACK_BYTES THREAD_VALUE_STACK_BYTES
/* Native stack kept free below the deepest guest frame, for the C code that runs there: host
 * functions (WASI's fd_read and fd_write take 17 KB of it for their iovec copies), the
 * interpreter's run() (1.2 KB), slow calls and lazy compiles (a few KB), libc, and a signal
 * frame (the fault handler runs on the thread's stack; the kernel's frame is 1-3 KB, 11 KB with
 * AMX state).  An eighth of the stack, at least 64 KiB (a 256 KiB thread keeps 192 KiB for wasm)
 * and at most 256 KiB (an 8 MiB main thread leaves host functions as much as before). */
#define NATIVE_MARGIN_MIN ((uintptr_t)64 << 10)
#define NATIVE_MARGIN_MAX ((uintptr_t)256 << 10)
/* However big the stack (`ulimit -s unlimited`, a thread made with a huge one), guest code makes it
 * no deeper than this from its top: the depth a default 8 MiB stack allows.  Calls between the
 * interpreter and machine code take a few KB of C frames each, and a guest must not be able to
 * commit gigabytes of the host's stack. */
#define NATIVE_MAX_DEPTH ((uintptr_t)8 << 20)
/* When nothing says where the stack ends: assume this much below the first entry's sp. */
#define NATIVE_GUESS ((uintptr_t)256 << 10)
/* The kernel refuses to grow the main thread's stack within this gap of the mapping below it
 * (stack_guard_gap, 256 pages by default): with `ulimit -s unlimited` that is the real end. */
#define MAIN_STACK_GUARD_GAP ((uintptr_t)1 << 20)

static _Thread_local thread_ctx *tls_thread;
/* A value stack offered by thread_offer_stack, taken by the next context made */
static uint8_t *_Atomic offered_stack WLAB_STARTUP_DATA;
static pthread_key_t thread_key WLAB_STARTUP_DATA; /* its destructor frees a thread's context when the thread exits */
static wlab_once thread_key_once WLAB_STARTUP_DATA = WLAB_ONCE_INIT;

uintptr_t thread_native_margin(uintptr_t size)
{
  uintptr_t m = size / 8;
  return m < NATIVE_MARGIN_MIN ? NATIVE_MARGIN_MIN : m > NATIVE_MARGIN_MAX ? NATIVE_MARGIN_MAX : m;
}

/* The main thread's stack grows on demand: pthread_getattr_np derives its size from the rlimit
 * but does not know the kernel's guard gap, so read the mappings: the one holding sp ends the
 * stack; it may grow down to rlimit bytes below that end, and no closer than the guard gap to
 * the mapping under it. */
static bool main_stack(uintptr_t sp, uintptr_t *lo, uintptr_t *hi)
{
  FILE *f = fopen("/proc/self/maps", "re");
  char line[512];
  uintptr_t prev_end = 0;
  bool found = false;
  struct rlimit rl;
  if (!f)
    return false;
  while (fgets(line, sizeof line, f)) {
    unsigned long start, end;
    size_t n = strlen(line);
    bool whole = n > 0 && line[n - 1] == '\n';
    if (sscanf(line, "%lx-%lx", &start, &end) == 2) {
      if (start <= sp && sp < end) {
        if (!strstr(line, "[stack]"))
          break; /* sp is elsewhere: a signal stack, a coroutine's */
        uintptr_t floor = prev_end + MAIN_STACK_GUARD_GAP, low = floor;
        if (getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < end &&
            end - rl.rlim_cur > floor)
          low = end - (uintptr_t)rl.rlim_cur;
        *lo = low < start ? low : start; /* pages already mapped are usable whatever the limit */
        *hi = end;
        found = true;
        break;
      }
      prev_end = end;
    }
    while (!whole && fgets(line, sizeof line, f)) { /* the rest of an overlong line (a long path) */
      n = strlen(line);
      whole = n > 0 && line[n - 1] == '\n';
    }
  }
  fclose(f);
  return found;
}

/* Largest stack rlimit main_stack_from_auxv trusts; above it, /proc/self/maps decides. */
#define AUXV_STACK_MAX ((uintptr_t)1 << 30)

/* The main thread's stack without reading /proc/self/maps, which took 50,000 of a cold
 * `wasmlab run`'s 815,000 instructions, five system calls and two page faults to find one
 * number.  The kernel
 * copies the program's path (AT_EXECFN) to the very top of the new stack, followed by one null
 * pointer, so the mapping ends right after them; were that end not page-aligned the layout is not
 * the kernel's (a loader's, valgrind's) and this gives up.  With a finite rlimit the kernel keeps
 * other mappings at least rlimit plus its guard gap below that end (mmap_base's gap), so the
 * stack may grow down to end - rlimit, as main_stack would find. */
static bool main_stack_from_auxv(uintptr_t sp, uintptr_t *lo, uintptr_t *hi)
{
  const char *fn = (const char *)getauxval(AT_EXECFN);
  uintptr_t end, page = (uintptr_t)sysconf(_SC_PAGESIZE);
  struct rlimit rl;
  if (!fn || getrlimit(RLIMIT_STACK, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur > AUXV_STACK_MAX)
    return false;
  end = (uintptr_t)fn + strlen(fn) + 1 + sizeof(void *);
  if ((end & (page - 1)) != 0 || sp >= end || end - sp >= rl.rlim_cur)
    return false;
  *lo = end - (uintptr_t)rl.rlim_cur;
  *hi = end;
  return true;
}

bool thread_native_stack(uintptr_t sp, uintptr_t *lo, uintptr_t *hi)
{
  pthread_attr_t attr;
  stack_t ss;
  /* The auxv reading first: it asks no system call to know this is the main thread (another
   * thread's stack, or a signal stack, is a mapping the kernel keeps more than the rlimit below
   * the main stack's end, so sp is not within it).  gettid and getpid (two system calls of a
   * cold run) only guard the /proc/self/maps reading, which the auxv one leaves to odd layouts. */
  if (main_stack_from_auxv(sp, lo, hi) || (gettid() == getpid() && main_stack(sp, lo, hi)))
    return true;
  if (pthread_getattr_np(pthread_self(), &attr) == 0) {
    void *addr = NULL;
    size_t size = 0;
    bool ok = pthread_attr_getstack(&attr, &addr, &size) == 0 && addr && (uintptr_t)addr <= sp &&
              sp < (uintptr_t)addr + size;
    pthread_attr_destroy(&attr);
    if (ok) { /* glibc reports the usable stack: its guard page is below addr */
      *lo = (uintptr_t)addr;
      *hi = (uintptr_t)addr + size;
      return true;
    }
  }
  /* not the thread's own stack: an alternate signal stack, if the thread is running on one */
  if (sigaltstack(NULL, &ss) == 0 && (ss.ss_flags & SS_ONSTACK) && (uintptr_t)ss.ss_sp <= sp &&
      sp < (uintptr_t)ss.ss_sp + ss.ss_size) {
    *lo = (uintptr_t)ss.ss_sp;
    *hi = (uintptr_t)ss.ss_sp + ss.ss_size;
    return true;
  }
  *lo = sp > NATIVE_GUESS ? sp - NATIVE_GUESS : 0;
  *hi = sp + NATIVE_GUESS;
  return false;
}

/* Works out native_limit for the stack sp is on. */
WLAB_STARTUP static void find_native_stack(thread_ctx *t, uintptr_t sp)
{
  uintptr_t lo, hi;
  thread_native_stack(sp, &lo, &hi);
  t->native_lo = lo;
  t->native_hi = hi;
  t->native_limit = lo + thread_native_margin(hi - lo);
  if (hi - lo > NATIVE_MAX_DEPTH && t->native_limit < hi - NATIVE_MAX_DEPTH)
    t->native_limit = hi - NATIVE_MAX_DEPTH;
}

static void thread_exit(void *p)
{
  thread_ctx *t = p;
  while (t->nattached > 0) {
    t->nattached--;
    t->attached[t->nattached].free(t->attached[t->nattached].data);
  }
  munmap(t->stack, VALUE_STACK_BYTES);
  if (tls_thread == t)
    tls_thread = NULL;
  free(t);
}

static void thread_key_init(void) { pthread_key_create(&thread_key, thread_exit); }

WLAB_STARTUP thread_ctx *thread_current(void)
{
  thread_ctx *t = tls_thread;
  if (t)
    return t;
  wlab_once_run(&thread_key_once, thread_key_init);
  t = calloc(1, sizeof *t);
  if (!t)
    return NULL;
  t->stack = atomic_exchange_explicit(&offered_stack, NULL, memory_order_acquire);
  if (!t->stack)
    t->stack = mmap(NULL, VALUE_STACK_BYTES, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                    -1, 0);
  if (t->stack == MAP_FAILED) {
    free(t);
    return NULL;
  }
  if (pthread_setspecific(thread_key, t) != 0) {
    munmap(t->stack, VALUE_STACK_BYTES);
    free(t);
    return NULL;
  }
  t->stack_end = t->stack + VALUE_STACK_BYTES;
  t->top = t->stack;
  find_native_stack(t, (uintptr_t)__builtin_frame_address(0));
  tls_thread = t;
  return t;
}

WLAB_STARTUP bool thread_stack_wanted(void)
{
  return !tls_thread && !atomic_load_explicit(&offered_stack, memory_order_relaxed);
}

WLAB_STARTUP bool thread_offer_stack(uint8_t *p)
{
  uint8_t *none = NULL;
  return atomic_compare_exchange_strong_explicit(&offered_stack, &none, p, memory_order_release,
                                                 memory_order_relaxed);
}

bool thread_attach(thread_ctx *t, void *data, void (*free_fn)(void *data))
{
  if (t->nattached == sizeof t->attached / sizeof t->attached[0])
    return false;
  t->attached[t->nattached].data = data;
  t->attached[t->nattached].free = free_fn;
  t->nattached++;
  return true;
}

uint64_t thread_now_ns(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

void thread_enter(thread_ctx *t, const wlab_engine *e)
{
  if (t->host_entries++ == 0) {
    double s = e->cfg.timeout;
    uintptr_t sp = (uintptr_t)__builtin_frame_address(0);
    t->deadline_ns = s > 0 ? thread_now_ns() + (uint64_t)(s * 1e9) : 0;
    t->fuel_left = e->cfg.fuel;
    if (sp < t->native_lo || sp >= t->native_hi)
      find_native_stack(t, sp);
  }
}

void thread_leave(thread_ctx *t)
{
  t->host_entries--;
}
