/* queue.c: the tier manager's compile queue: a binary heap of jobs, the one to compile next on top. */
#include "tiering/queue.h"

#include <stdlib.h>

/*
 * The order (docs/tiering.md, "The queue is ordered by hotness"): a compile for a lower rung goes
 * first (the interpreter -> baseline step gains about 8x, the next far less), then the function
 * found still hot most often while it waited (each time is another slice of ticks: the
 * interpreter's budget checks, or the rechecks of counting code), then the one queued first.
 * A heap, because jobs come and go while the program runs and only the top is wanted; a job's
 * heat only grows, so warming it moves it up and never down.
 */

bool queue_before(const queue_job *a, const queue_job *b)
{
  if (a->rung != b->rung)
    return a->rung < b->rung;
  if (a->heat != b->heat)
    return a->heat > b->heat;
  return a->seq < b->seq;
}

static void swap(queue_job *h, uint32_t i, uint32_t k)
{
  queue_job t = h[i];
  h[i] = h[k];
  h[k] = t;
}

static void sift_up(compile_queue *q, uint32_t i)
{
  while (i > 0) {
    uint32_t parent = (i - 1) / 2;
    if (!queue_before(&q->heap[i], &q->heap[parent]))
      return;
    swap(q->heap, i, parent);
    i = parent;
  }
}

static void sift_down(compile_queue *q, uint32_t i)
{
  for (;;) {
    uint32_t l = 2 * i + 1, r = l + 1, best = i;
    if (l < q->count && queue_before(&q->heap[l], &q->heap[best]))
      best = l;
    if (r < q->count && queue_before(&q->heap[r], &q->heap[best]))
      best = r;
    if (best == i)
      return;
    swap(q->heap, i, best);
    i = best;
  }
}

bool queue_push(compile_queue *q, queue_job j)
{
  if (q->count == q->cap) {
    uint32_t cap = q->cap ? q->cap * 2 : 64;
    queue_job *h = realloc(q->heap, cap * sizeof *h);
    if (!h)
      return false;
    q->heap = h;
    q->cap = cap;
  }
  j.heat = 0;
  j.seq = q->seq++;
  q->heap[q->count] = j;
  sift_up(q, q->count++);
  return true;
}

queue_job queue_take(compile_queue *q, uint32_t i)
{
  queue_job j = q->heap[i];
  q->heap[i] = q->heap[--q->count];
  if (i < q->count) { /* the last job, moved into the hole, may belong above it or below */
    sift_down(q, i);
    sift_up(q, i);
  }
  return j;
}

int64_t queue_find(const compile_queue *q, const wlab_func *f)
{
  for (uint32_t i = 0; i < q->count; i++)
    if (q->heap[i].f == f && !q->heap[i].osr)
      return i;
  return -1;
}

void queue_warm(compile_queue *q, uint32_t i)
{
  q->heap[i].heat++;
  sift_up(q, i);
}

void queue_free(compile_queue *q)
{
  free(q->heap);
  *q = (compile_queue){0};
}
