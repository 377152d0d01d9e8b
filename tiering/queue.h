/* queue.h: the tier manager's compile queue: a binary heap of jobs, the one to compile next on top. */
#ifndef WLAB_TIERING_QUEUE_H
#define WLAB_TIERING_QUEUE_H

#include <stdbool.h>
#include <stdint.h>

#include "wasmlab.h"

/* One compile the manager owes.  The queue reads only rung, heat and seq (its order); the rest is
 * the manager's. */
typedef struct queue_job {
  wlab_func *f;
  uint32_t loop_ir;          /* where it got hot: a loop header, or WLAB_NONE at a call */
  uint32_t rung;             /* the rung f ran in when it got hot: the compile is for the next */
  uint64_t queued_ns;
  uint64_t heat;             /* how often f was found still hot while it waited */
  uint64_t seq;              /* first come, first served among equals (set by queue_push) */
  bool osr;                  /* an OSR entry for loop_ir in rung + 1's tier (asked by that tier) */
  bool osr_done;             /* hot at loop_ir, whose OSR entry is compiled: only f's code is left */
} queue_job;

/* Zero-initialised is empty.  Not locked: the manager holds its lock around every call. */
typedef struct compile_queue {
  queue_job *heap;           /* heap[0] is the job to compile next */
  uint32_t count, cap;
  uint64_t seq;              /* the next job's seq */
} compile_queue;

/* The order: true when a is compiled before b.  A lower rung first, then the hotter, then the
 * first queued. */
bool queue_before(const queue_job *a, const queue_job *b);

/* Adds j with heat 0 and the next seq; false when out of memory (the queue is unchanged). */
bool queue_push(compile_queue *q, queue_job j);

/* Removes and returns the job at index i (0: the next to compile); i < count. */
queue_job queue_take(compile_queue *q, uint32_t i);

/* The index of f's job to compile f (not an OSR entry), or -1 when none waits: the job a
 * still-hot function warms or takes. */
int64_t queue_find(const compile_queue *q, const wlab_func *f);

/* One more time found still hot: the job at index i moves up past the cooler ones. */
void queue_warm(compile_queue *q, uint32_t i);

/* Frees the storage (the jobs' references are the caller's to drop first). */
void queue_free(compile_queue *q);

#endif
