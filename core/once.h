/* once.h: a run-once initialiser that makes no system call on its first, uncontended run (pthread_once wakes waiters with a futex each time). */
#ifndef WLAB_CORE_ONCE_H
#define WLAB_CORE_ONCE_H

#include <pthread.h>
#include <stdatomic.h>

/* glibc's pthread_once ends every init it runs with a FUTEX_WAKE, waiters or not: four of them
 * were system calls of a cold `wasmlab run` (each a few microseconds under a seccomp filter).
 * A flag read with acquire order, then an uncontended mutex (no system call unless another
 * thread holds it), gives the same guarantee: init runs exactly once, and every caller returns
 * after it finished. */
typedef struct wlab_once {
  atomic_bool done;
  pthread_mutex_t lock;
} wlab_once;

#define WLAB_ONCE_INIT {false, PTHREAD_MUTEX_INITIALIZER}

static inline void wlab_once_run(wlab_once *o, void (*init)(void))
{
  if (atomic_load_explicit(&o->done, memory_order_acquire))
    return;
  pthread_mutex_lock(&o->lock);
  if (!atomic_load_explicit(&o->done, memory_order_relaxed)) {
    init();
    atomic_store_explicit(&o->done, true, memory_order_release);
  }
  pthread_mutex_unlock(&o->lock);
}

#endif
