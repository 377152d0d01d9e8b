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
 * Machine code also runs on the thread's native stack, which has a limit of its own: the
 * lowest address of the stack the thread is running on (read from the system, not assumed)
 * plus a margin for the C code that runs below the deepest guest frame (docs/abi.md).
 *
 * A thread's context, and whatever the tiers attach to it, is freed when the thread exits.
 */
typedef struct thread_ctx {
  uint8_t *stack, *stack_end;  /* the value stack reservation */
  uint8_t *top;                /* first free byte: where an entry from the host puts its frame */
  uintptr_t native_limit;      /* machine code traps "call stack exhausted" below this sp */
  uintptr_t native_lo, native_hi; /* the native stack native_limit was worked out for */
  uint32_t host_entries;       /* entries from the host now running on this thread */
  uint64_t deadline_ns;        /* CLOCK_MONOTONIC; 0: no timeout */
  uint64_t fuel_left;          /* with fuel: what is left of this call's budget (each call from the
                                * host starts with the engine's whole fuel, so one call that ran
                                * out, on this thread or another, never starves the next) */
  uint32_t nattached;
  struct {
    void *data;
    void (*free)(void *data);
  } attached[4];               /* per-thread data of the tiers, freed with the thread */
} thread_ctx;

/* This thread's context, created on first use; NULL when out of memory. */
thread_ctx *thread_current(void);

/* A value stack's reservation: pages are committed when touched. */
#define THREAD_VALUE_STACK_BYTES ((size_t)64 << 20)

/* Does a value stack made elsewhere help?  True when this thread has no context yet and no
 * offered stack is waiting: then the caller may reserve THREAD_VALUE_STACK_BYTES with a mapping
 * of its own and offer them (memory_new, below a linear memory's reservation: one mmap for both,
 * where a cold `run` made two). */
bool thread_stack_wanted(void);
/* Offers p (THREAD_VALUE_STACK_BYTES, read-write, MAP_NORESERVE) as the value stack of the next
 * thread context made, on any thread; it owns p from then on.  False when one is waiting already
 * (p stays the caller's). */
bool thread_offer_stack(uint8_t *p);

/* Hands `data` to this thread's context: free_fn(data) runs on the thread when it exits, before
 * the context itself goes (last attached, first freed).  False when every place is taken. */
bool thread_attach(thread_ctx *t, void *data, void (*free_fn)(void *data));

/* An entry from the host begins or ends: the outermost one starts the engine's timeout, and
 * finds the native stack's bounds again if the thread is running on another stack than the
 * last time (a signal stack, a coroutine's). */
void thread_enter(thread_ctx *t, const struct wlab_engine *e);
void thread_leave(thread_ctx *t);

/* Is the native stack pointer sp too deep to run more guest code (or C code that may)? */
static inline bool thread_native_exhausted(const thread_ctx *t, const void *sp)
{
  return (uintptr_t)sp < t->native_limit;
}

/* The native stack around sp, as the system reports it: [*lo, *hi).  False when it cannot tell
 * (then *lo and *hi are a guess: 256 KiB below sp).  (tests/unit/core/test_thread.c) */
bool thread_native_stack(uintptr_t sp, uintptr_t *lo, uintptr_t *hi);
/* Bytes kept free below the deepest guest frame on a native stack of `size` bytes. */
uintptr_t thread_native_margin(uintptr_t size);

uint64_t thread_now_ns(void);

#endif
