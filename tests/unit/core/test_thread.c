/* test_thread.c: the thread context finds the native stack the system gave the thread, keeps the
 * documented margin, and attached data is freed, last first, when the thread exits. */
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <cmocka.h>

#include "core/memory.h"
#include "core/thread.h"

static uintptr_t sp_here(void) { return (uintptr_t)__builtin_frame_address(0); }

/* The end of the [stack] mapping, as /proc/self/maps lists it (0: not listed). */
static uintptr_t stack_mapping_end(void)
{
  FILE *f = fopen("/proc/self/maps", "re");
  char line[4096];
  unsigned long start, end, found = 0;
  assert_non_null(f);
  while (fgets(line, sizeof line, f))
    if (strstr(line, "[stack]") && sscanf(line, "%lx-%lx", &start, &end) == 2)
      found = end;
  fclose(f);
  return found;
}

/* The main thread's stack: it holds sp, and reaches down as far as the rlimit lets it (the
 * mapping below permitting: the test runs with an ordinary layout, where it does). */
static void main_thread_stack(void **state)
{
  uintptr_t lo, hi, sp = sp_here();
  struct rlimit rl;
  (void)state;
  assert_true(thread_native_stack(sp, &lo, &hi));
  assert_true(lo < sp && sp < hi);
  assert_int_equal(getrlimit(RLIMIT_STACK, &rl), 0);
  if (rl.rlim_cur != RLIM_INFINITY)
    assert_int_equal(hi - lo, rl.rlim_cur); /* the kernel grows it down to exactly this */
  else
    assert_true(hi - lo >= (uintptr_t)8 << 20);
  assert_int_equal(hi, stack_mapping_end()); /* found from the auxiliary vector, it must agree */
}

typedef struct probe {
  bool known;
  uintptr_t sp, lo, hi, limit;
} probe;

static void *probe_stack(void *p)
{
  probe *r = p;
  thread_ctx *t = thread_current();
  r->sp = sp_here();
  r->known = thread_native_stack(r->sp, &r->lo, &r->hi);
  r->limit = t ? t->native_limit : 0;
  return NULL;
}

static void run_on(size_t size, void *own, probe *r)
{
  pthread_attr_t attr;
  pthread_t th;
  pthread_attr_init(&attr);
  if (own)
    assert_int_equal(pthread_attr_setstack(&attr, own, size), 0);
  else
    assert_int_equal(pthread_attr_setstacksize(&attr, size), 0);
  assert_int_equal(pthread_create(&th, &attr, probe_stack, r), 0);
  pthread_join(th, NULL);
  pthread_attr_destroy(&attr);
}

/* A 256 KiB thread: its stack is what was asked for (glibc's guard page below it), and the limit
 * keeps 64 KiB above its end. */
static void small_thread_stack(void **state)
{
  probe r = {0};
  (void)state;
  run_on(256 << 10, NULL, &r);
  assert_true(r.known);
  assert_true(r.lo < r.sp && r.sp < r.hi);
  assert_true(r.hi - r.lo <= 256 << 10 && r.hi - r.lo >= 240 << 10);
  assert_int_equal(r.limit, r.lo + (64 << 10));
  assert_true(r.sp > r.limit);
}

/* A stack the embedder maps itself is taken exactly as given. */
static void own_memory_stack(void **state)
{
  size_t size = 512 << 10;
  void *mem = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  probe r = {0};
  (void)state;
  assert_true(mem != MAP_FAILED);
  run_on(size, mem, &r);
  assert_true(r.known);
  assert_int_equal(r.lo, (uintptr_t)mem);
  assert_int_equal(r.hi, (uintptr_t)mem + size);
  assert_int_equal(r.limit, (uintptr_t)mem + (64 << 10));
  munmap(mem, size);
}

/* A huge stack: the limit is 8 MiB below its top, not at its end. */
static void huge_thread_stack(void **state)
{
  probe r = {0};
  (void)state;
  run_on((size_t)64 << 20, NULL, &r);
  assert_true(r.known);
  assert_true(r.hi - r.lo > (uintptr_t)60 << 20);
  assert_int_equal(r.limit, r.hi - ((uintptr_t)8 << 20));
}

static void margins(void **state)
{
  (void)state;
  assert_int_equal(thread_native_margin(128 << 10), 64 << 10);
  assert_int_equal(thread_native_margin(256 << 10), 64 << 10);
  assert_int_equal(thread_native_margin(1 << 20), 128 << 10);
  assert_int_equal(thread_native_margin(8 << 20), 256 << 10);
  assert_int_equal(thread_native_margin((uintptr_t)1 << 30), 256 << 10);
}

/* On an alternate signal stack (a handler calling in), that stack's range is the one found. */
static probe in_handler;
static void on_usr1(int sig)
{
  (void)sig;
  in_handler.sp = sp_here();
  in_handler.known = thread_native_stack(in_handler.sp, &in_handler.lo, &in_handler.hi);
}

static void signal_stack(void **state)
{
  size_t size = 128 << 10;
  void *mem = malloc(size);
  stack_t ss = {.ss_sp = mem, .ss_size = size, .ss_flags = 0}, old;
  struct sigaction sa, prev;
  (void)state;
  assert_non_null(mem);
  assert_int_equal(sigaltstack(&ss, &old), 0);
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_usr1;
  sa.sa_flags = SA_ONSTACK;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGUSR1, &sa, &prev);
  raise(SIGUSR1);
  sigaction(SIGUSR1, &prev, NULL);
  ss.ss_flags = SS_DISABLE;
  sigaltstack(&ss, NULL);
  assert_true(in_handler.known);
  assert_int_equal(in_handler.lo, (uintptr_t)mem);
  assert_int_equal(in_handler.hi, (uintptr_t)mem + size);
  free(mem);
}

/* Data attached to a thread's context is freed when the thread exits, last attached first. */
static int freed[3], nfreed;
static void note_free(void *p) { freed[nfreed++] = *(int *)p; }
static int tags[3] = {1, 2, 3};

static void *attach_three(void *p)
{
  thread_ctx *t = thread_current();
  (void)p;
  for (int i = 0; i < 3; i++)
    if (!t || !thread_attach(t, &tags[i], note_free))
      return (void *)1;
  return NULL;
}

static void attached_data_freed_at_exit(void **state)
{
  pthread_t th;
  void *ret;
  (void)state;
  nfreed = 0;
  assert_int_equal(pthread_create(&th, NULL, attach_three, NULL), 0);
  pthread_join(th, &ret);
  assert_null(ret);
  assert_int_equal(nfreed, 3);
  assert_int_equal(freed[0], 3);
  assert_int_equal(freed[1], 2);
  assert_int_equal(freed[2], 1);
}

/* A guarded memory made on a thread without a context yet carries that thread's value stack
 * just below its reservation (one mmap for both): the thread's context takes it, it is writable
 * to its end, and it outlives the memory; then the thread wants no other. */
static void *stack_from_memory(void *p)
{
  wlab_error err;
  (void)p;
  if (!thread_stack_wanted())
    return (void *)"a fresh thread wants no stack";
  memory *m = memory_new(1, 1, true, &err);
  if (!m || !m->guarded)
    return (void *)"no guarded memory";
  uint8_t *base = m->base;
  if (thread_stack_wanted())
    return (void *)"a stack is still wanted after the memory offered one";
  thread_ctx *t = thread_current();
  if (!t || t->stack != base - THREAD_VALUE_STACK_BYTES || t->stack_end != base)
    return (void *)"the context's value stack is not the one below the memory";
  memset(t->stack, 0xa5, 4096);
  t->stack_end[-1] = 1;
  base[0] = 2; /* the memory's first page, committed by the same mprotect */
  memory_release(m);
  t->stack[0] = 3; /* the stack is the thread's: the memory's release leaves it mapped */
  t->stack_end[-1] = 4;
  return thread_stack_wanted() ? (void *)"a thread with its context wants a stack" : NULL;
}

static void value_stack_from_memory(void **state)
{
  pthread_t th;
  void *ret;
  (void)state;
  assert_int_equal(pthread_create(&th, NULL, stack_from_memory, NULL), 0);
  pthread_join(th, &ret);
  if (ret)
    fail_msg("%s", (const char *)ret);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(main_thread_stack),
    cmocka_unit_test(small_thread_stack),
    cmocka_unit_test(own_memory_stack),
    cmocka_unit_test(huge_thread_stack),
    cmocka_unit_test(margins),
    cmocka_unit_test(signal_stack),
    cmocka_unit_test(attached_data_freed_at_exit),
    cmocka_unit_test(value_stack_from_memory),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
