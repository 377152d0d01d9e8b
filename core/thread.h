/* thread.h: the per-thread execution context every tier shares: value stack, limits, deadline. */
#ifndef WLAB_THREAD_H
#define WLAB_THREAD_H

#include <stdbool.h>
#include <stdint.h>

#include "trap.h"

struct wlab_engine;

/*
 * Frames of every tier live in one value stack per thread (docs/abi.md): a callee's frame
 * starts at its caller's argument slots, whichever tier either of them runs in, so a call
 * between the interpreter and machine code passes its arguments and results in place.
 * Machine code also runs on the thread's native stack, which has a limit of its own.
 */
typedef struct thread_ctx {
  uint8_t *stack, *stack_end;  /* the value stack reservation */
  uint8_t *top;                /* first free byte: where an entry from the host puts its frame */
  uintptr_t native_limit;      /* machine code traps "call stack exhausted" below this sp */
  uint32_t host_entries;       /* entries from the host now running on this thread */
  uint64_t deadline_ns;        /* CLOCK_MONOTONIC; 0: no timeout */
  void *tier_data[2];          /* per-thread data of the machine tiers (baseline, opt) */
} thread_ctx;

/* This thread's context, created on first use; NULL when out of memory. */
thread_ctx *thread_current(void);

/* An entry from the host begins or ends: the outermost one starts the engine's timeout. */
void thread_enter(thread_ctx *t, const struct wlab_engine *e);
void thread_leave(thread_ctx *t);

/* Is the native stack pointer sp too deep to run more guest code (or C code that may)? */
static inline bool thread_native_exhausted(const thread_ctx *t, const void *sp)
{
  return (uintptr_t)sp < t->native_limit;
}

uint64_t thread_now_ns(void);

#endif
