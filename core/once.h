/* once.h: a run-once initialiser that makes no system call and calls nothing in libc on its first, uncontended run (pthread_once wakes waiters with a futex each time). */
#ifndef WLAB_CORE_ONCE_H
#define WLAB_CORE_ONCE_H

#include <sched.h>
#include <stdatomic.h>

/* glibc's pthread_once ends every init it runs with a FUTEX_WAKE, waiters or not: four of them
 * were system calls of a cold `wasmlab run` (a system call costs 0.3 us or more on this VM).
 * Here the first caller moves the state from NOT_RUN to RUNNING, runs init and publishes DONE
 * (release order); a caller that finds it RUNNING yields until DONE (acquire order), so init
 * runs exactly once and every caller returns after it finished, as with pthread_once.  The
 * inits it guards are short and run at start-up, so waiting by yielding costs nothing in
 * practice; no mutex either (its code was another page first touched).  Not for an init that
 * can call back into its own once (that would spin, as pthread_once would deadlock). */
typedef struct wlab_once {
  atomic_int state;
} wlab_once;

enum { WLAB_ONCE_NOT_RUN, WLAB_ONCE_RUNNING, WLAB_ONCE_DONE };

#define WLAB_ONCE_INIT {WLAB_ONCE_NOT_RUN}

static inline void wlab_once_run(wlab_once *o, void (*init)(void))
{
  int s = atomic_load_explicit(&o->state, memory_order_acquire);
  if (s == WLAB_ONCE_DONE)
    return;
  if (s == WLAB_ONCE_NOT_RUN &&
      atomic_compare_exchange_strong_explicit(&o->state, &s, WLAB_ONCE_RUNNING, memory_order_acquire,
                                              memory_order_acquire)) {
    init();
    atomic_store_explicit(&o->state, WLAB_ONCE_DONE, memory_order_release);
    return;
  }
  while (atomic_load_explicit(&o->state, memory_order_acquire) != WLAB_ONCE_DONE)
    sched_yield();
}

#endif
