/* thread.c: the per-thread execution context: value stack reservation and native stack limit. */
#include "thread.h"

#include <pthread.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>

#include "engine.h"

#define VALUE_STACK_BYTES ((size_t)64 << 20)  /* reserved; pages are committed when touched */
/* Native stack kept free below the deepest machine-code frame: room for the C code it calls
 * (host functions, the interpreter, libc), the fault handler, and the trap path itself. */
#define NATIVE_MARGIN ((size_t)256 << 10)

static _Thread_local thread_ctx *tls_thread;

static uintptr_t native_limit_of_this_thread(void)
{
  pthread_attr_t attr;
  void *addr = NULL;
  size_t size = 0;
  uintptr_t here = (uintptr_t)__builtin_frame_address(0);
  if (pthread_getattr_np(pthread_self(), &attr) == 0) {
    if (pthread_attr_getstack(&attr, &addr, &size) != 0)
      addr = NULL;
    pthread_attr_destroy(&attr);
  }
  if (!addr || size <= 2 * NATIVE_MARGIN || here < (uintptr_t)addr || here > (uintptr_t)addr + size)
    return here > ((uintptr_t)1 << 20) ? here - ((uintptr_t)1 << 20) : 0; /* unknown: assume 1 MiB */
  return (uintptr_t)addr + NATIVE_MARGIN;
}

thread_ctx *thread_current(void)
{
  thread_ctx *t = tls_thread;
  if (t)
    return t;
  t = calloc(1, sizeof *t);
  if (!t)
    return NULL;
  t->stack = mmap(NULL, VALUE_STACK_BYTES, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1,
                  0);
  if (t->stack == MAP_FAILED) {
    free(t);
    return NULL;
  }
  t->stack_end = t->stack + VALUE_STACK_BYTES;
  t->top = t->stack;
  t->native_limit = native_limit_of_this_thread();
  tls_thread = t;
  return t;
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
    t->deadline_ns = s > 0 ? thread_now_ns() + (uint64_t)(s * 1e9) : 0;
  }
}

void thread_leave(thread_ctx *t)
{
  t->host_entries--;
}
