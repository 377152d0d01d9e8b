/* pool.c: instance pools: slots instantiated once, reset between users from a copy-on-write image. */
#include "wasmlab.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "engine.h"
#include "error.h"
#include "instance.h"
#include "opcodes.h"
#include "thread.h"

/*
 * A slot is empty until its first acquire, which links a fresh linker through the embedder's
 * callback and instantiates the module (instance_new_hooked): from then on the slot keeps the
 * instance, with its memory reservation, tables, global cells, vmctx and functions, and every
 * later acquire only resets it.  Slots are made on demand so that a pool of 64 slots for a
 * server that sees two concurrent requests costs two instances.
 *
 * Reset happens at release (memory, tables, globals, segments: instance_reset and
 * memory_reset), so that a free slot holds no guest data and its dirty pages go back to the
 * kernel at once; the start function runs at acquire, for the user who will see what it does.
 * A reset or a start function that fails retires the slot: its instance is freed and the next
 * acquire of the slot instantiates again.  Nothing is left half reset.
 *
 * COW: at pool_new the active data segments are written at their constant offsets into a memfd
 * (the image), which each slot maps privately over the start of its memory's reservation.
 * Reset puts back only the pages the user wrote (memory_reset): rewritten in place where the
 * kernel lists them (most resets reuse the last list, core/memory.c says when), else dropped
 * (MADV_DONTNEED: the image's pages read the file again, pages past it read zero), so only the
 * pages the user touched cost anything.  Where that cannot be
 * (an offset reads an imported global, no memfd, a memory without a guard reservation), the
 * slot resets by COPY: zero the memory's initial pages by writing them, copy the segments.
 */

typedef struct pool_slot {
  wlab_instance *inst;       /* NULL until first acquired, or after being retired */
  bool cow;                  /* its memory maps the image: reset drops pages */
  uint32_t installs;         /* the module's install count when its code was last adopted */
  bool busy;
} pool_slot;

struct wlab_pool {
  wlab_engine *engine;
  const wlab_module *m;
  wlab_pool_link_fn link;
  void *user;
  wlab_pool_reset reset;
  uint64_t mem_pages;        /* memory 0's initial size, what reset goes back to */
  int image_fd;              /* the COW image, or -1 */
  size_t image_len;          /* page multiple, at most the initial size */
  const uint8_t *image_view; /* the image mapped read-only: what reset copies written pages back from */
  char cow_refused[96];      /* why COW was not used, "" when it was (or not asked for) */
  pthread_mutex_t lock;      /* guards the free list, the slots' busy flags and the counters */
  uint32_t nslots;
  pool_slot *slots;
  uint32_t *free;            /* indices of free slots, a stack: the last used is reused first */
  uint32_t nfree;
  wlab_pool_stats stats;
};

/* An active data segment's offset when it is a constant expression of constants only (no
 * global.get: an imported global's value is the linker's, slot by slot). */
static bool constant_offset(const const_expr *e, uint64_t *out)
{
  reader r = {e->code, e->code, e->code + e->len, NULL, 0};
  uint64_t stack[16];
  uint32_t sp = 0;
  for (;;) {
    wasm_op op;
    wasm_imms imm;
    if (!opcodes_read(&r, &op) || !opcodes_read_imms(&r, op, &imm))
      return false;
    switch (op) {
    case WASM_END:
      if (sp != 1)
        return false;
      *out = (uint32_t)stack[0];
      return true;
    case WASM_I32_CONST:
      if (sp == 16)
        return false;
      stack[sp++] = imm.c.u64;
      break;
    case WASM_I32_ADD: case WASM_I32_SUB: case WASM_I32_MUL:
      if (sp < 2)
        return false;
      sp--;
      stack[sp - 1] = (uint32_t)(op == WASM_I32_ADD ? stack[sp - 1] + stack[sp]
                                 : op == WASM_I32_SUB ? stack[sp - 1] - stack[sp] : stack[sp - 1] * stack[sp]);
      break;
    default:
      return false;
    }
  }
}

/* Writes the image of memory 0 into a memfd; false with pool->cow_refused saying why. */
static bool build_image(wlab_pool *p)
{
  const wlab_module *m = p->m;
  uint64_t end = 0, size = p->mem_pages * WASM_PAGE;
  long page = sysconf(_SC_PAGESIZE);
  if (p->engine->limits.explicit_bounds) {
    snprintf(p->cow_refused, sizeof p->cow_refused, "explicit bounds checks (no reservation to map into)");
    return false;
  }
  for (uint32_t i = 0; i < m->ndatas; i++) {
    uint64_t off;
    if (m->datas[i].mode != SEG_ACTIVE)
      continue;
    if (!constant_offset(&m->datas[i].offset, &off)) {
      snprintf(p->cow_refused, sizeof p->cow_refused, "data segment %u's offset is not a constant", i);
      return false;
    }
    if (off + m->datas[i].len > size) {
      /* instantiation will fail, by the order of segments: let it say so */
      snprintf(p->cow_refused, sizeof p->cow_refused, "data segment %u is out of bounds", i);
      return false;
    }
    if (m->datas[i].len && off + m->datas[i].len > end)
      end = off + m->datas[i].len;
  }
  p->image_len = (size_t)((end + (uint64_t)page - 1) & ~((uint64_t)page - 1));
  if (p->image_len == 0)
    return true; /* no data: every page reads zero, dropping is the whole reset */
  p->image_fd = memfd_create("wasmlab-pool-image", MFD_CLOEXEC);
  if (p->image_fd < 0) {
    snprintf(p->cow_refused, sizeof p->cow_refused, "memfd_create refused");
    return false;
  }
  if (ftruncate(p->image_fd, (off_t)p->image_len) != 0)
    goto refused;
  for (uint32_t i = 0; i < m->ndatas; i++) {
    uint64_t off;
    if (m->datas[i].mode != SEG_ACTIVE || !m->datas[i].len)
      continue;
    constant_offset(&m->datas[i].offset, &off);
    /* in order: a later segment overwrites an earlier one, as instantiation does */
    for (size_t done = 0; done < m->datas[i].len;) {
      ssize_t n = pwrite(p->image_fd, m->datas[i].bytes + done, m->datas[i].len - done, (off_t)(off + done));
      if (n <= 0)
        goto refused;
      done += (size_t)n;
    }
  }
  void *view = mmap(NULL, p->image_len, PROT_READ, MAP_SHARED, p->image_fd, 0);
  if (view == MAP_FAILED)
    goto refused;
  p->image_view = view;
  return true;
refused:
  snprintf(p->cow_refused, sizeof p->cow_refused, "cannot write the memory image (memfd)");
  close(p->image_fd);
  p->image_fd = -1;
  p->image_len = 0;
  return false;
}

wlab_pool *wlab_pool_new(wlab_engine *engine, const wlab_module *m, const wlab_pool_config *cfg,
                         wlab_pool_link_fn link, void *user, wlab_error *err)
{
  wlab_pool *p;
  uint32_t nslots = cfg && cfg->slots ? cfg->slots : 1;
  wlab_pool_reset reset = cfg ? cfg->reset : WLAB_POOL_RESET_COW;
  if (!engine || !m) {
    error_set(err, WLAB_ERR_ARGUMENT, NULL, WLAB_NONE, NULL, WLAB_NONE, "no engine or module for the pool");
    return NULL;
  }
  if (reset != WLAB_POOL_RESET_COW && reset != WLAB_POOL_RESET_COPY) {
    error_set(err, WLAB_ERR_ARGUMENT, NULL, WLAB_NONE, NULL, WLAB_NONE, "unknown pool reset mode %d", (int)reset);
    return NULL;
  }
  if (nslots > 1u << 20) {
    error_set(err, WLAB_ERR_ARGUMENT, NULL, WLAB_NONE, NULL, WLAB_NONE, "pool of %u slots: at most %u", nslots,
              1u << 20);
    return NULL;
  }
  /* state a reset cannot put back: it belongs to another instance or the embedder */
  for (uint32_t i = 0; i < m->nimports; i++) {
    const import *im = &m->imports[i];
    const char *what = im->kind == WLAB_EXTERN_MEMORY  ? "a memory"
                       : im->kind == WLAB_EXTERN_TABLE ? "a table"
                       : im->kind == WLAB_EXTERN_GLOBAL && m->globals[im->index].type.mut ? "a mutable global"
                                                                                          : NULL;
    if (what) {
      error_set(err, WLAB_ERR_UNSUPPORTED, "import", WLAB_NONE, NULL, im->offset,
                "the pool cannot reset a module that imports %s: %.*s.%.*s", what, (int)im->module_len,
                im->module, (int)im->name_len, im->name);
      return NULL;
    }
  }
  if (!(p = calloc(1, sizeof *p)) || !(p->slots = calloc(nslots, sizeof *p->slots)) ||
      !(p->free = calloc(nslots, sizeof *p->free))) {
    if (p)
      free(p->slots);
    free(p);
    error_set(err, WLAB_ERR_NOMEM, NULL, WLAB_NONE, NULL, WLAB_NONE, "out of memory for a pool of %u slots", nslots);
    return NULL;
  }
  p->engine = engine;
  p->m = m;
  module_retain(m);
  p->link = link;
  p->user = user;
  p->reset = reset;
  p->image_fd = -1;
  p->nslots = nslots;
  p->mem_pages = m->nmemories > m->nimported_memories ? m->memories[0].min : 0;
  pthread_mutex_init(&p->lock, NULL);
  for (uint32_t i = 0; i < nslots; i++)
    p->free[i] = nslots - 1 - i; /* slot 0 on top */
  p->nfree = nslots;
  if (reset == WLAB_POOL_RESET_COW && m->nmemories > m->nimported_memories && !build_image(p))
    p->reset = WLAB_POOL_RESET_COPY;
  return p;
}

static void map_image(memory *mem, void *arg)
{
  pool_slot **sp = arg;
  wlab_pool *p = (wlab_pool *)sp[0];
  pool_slot *s = sp[1];
  s->cow = p->reset == WLAB_POOL_RESET_COW && memory_map_image(mem, p->image_fd, p->image_len);
}

static uint64_t elapsed(uint64_t t0) { return thread_now_ns() - t0; }

/* The slot's first instance: a linker of its own, the embedder's imports, instantiation. */
static wlab_instance *instantiate(wlab_pool *p, uint32_t i, wlab_error *err)
{
  pool_slot *s = &p->slots[i];
  wlab_linker *l = wlab_linker_new(p->engine);
  void *arg[2] = {p, s};
  instance_hooks hooks = {map_image, arg};
  wlab_instance *inst;
  if (!l) {
    error_set(err, WLAB_ERR_NOMEM, NULL, WLAB_NONE, NULL, WLAB_NONE, "out of memory for a pool slot's linker");
    return NULL;
  }
  if (p->link && p->link(p->user, i, l, err) != WLAB_OK) {
    wlab_linker_free(l);
    return NULL;
  }
  s->cow = false;
  inst = instance_new_hooked(l, p->m, &hooks, err);
  wlab_linker_free(l);
  return inst;
}

wlab_instance *wlab_pool_acquire(wlab_pool *p, uint32_t *slot, wlab_error *err)
{
  uint32_t i;
  pool_slot *s;
  wlab_instance *inst;
  uint64_t t0;
  if (!p) {
    error_set(err, WLAB_ERR_ARGUMENT, NULL, WLAB_NONE, NULL, WLAB_NONE, "no pool");
    return NULL;
  }
  pthread_mutex_lock(&p->lock);
  if (!p->nfree) {
    pthread_mutex_unlock(&p->lock);
    error_set(err, WLAB_ERR_LIMIT, NULL, WLAB_NONE, NULL, WLAB_NONE, "every slot of the pool (%u) is in use",
              p->nslots);
    return NULL;
  }
  i = p->free[--p->nfree];
  s = &p->slots[i];
  s->busy = true;
  if (s->inst && !p->m->has_start &&
      atomic_load_explicit(&((wlab_module *)p->m)->installs, memory_order_acquire) == s->installs) {
    /* reset at release, no start function, no newer code to adopt: nothing left to do, and
     * nothing to time (this is most acquires of a server) */
    inst = s->inst;
    inst->pool_slot = i;
    p->stats.acquires++;
    pthread_mutex_unlock(&p->lock);
    if (slot)
      *slot = i;
    return inst;
  }
  pthread_mutex_unlock(&p->lock);
  t0 = thread_now_ns();
  if (!s->inst) {
    s->installs = atomic_load_explicit(&((wlab_module *)p->m)->installs, memory_order_acquire);
    inst = instantiate(p, i, err);
    pthread_mutex_lock(&p->lock);
    if (inst)
      p->stats.instantiations++;
  } else {
    /* reset at release: what is left is the start function, for this user to see */
    uint32_t installs = atomic_load_explicit(&((wlab_module *)p->m)->installs, memory_order_acquire);
    inst = s->inst;
    if (installs != s->installs) { /* other slots made functions hot since: take their code */
      s->installs = installs;
      instance_adopt_code(inst);
    }
    if (instance_run_start(inst, err) != WLAB_OK) {
      /* what the start function did before it stopped is a half-made state: retire the slot */
      wlab_instance_free(inst);
      inst = NULL;
    }
    pthread_mutex_lock(&p->lock);
    p->stats.reset_ns += elapsed(t0);
  }
  s->inst = inst;
  if (inst) {
    inst->pool_slot = i;
    p->stats.acquires++;
    if (slot)
      *slot = i;
  } else {
    s->busy = false;
    p->free[p->nfree++] = i;
  }
  pthread_mutex_unlock(&p->lock);
  return inst;
}

void wlab_pool_release(wlab_pool *p, wlab_instance *inst)
{
  uint32_t i;
  pool_slot *s;
  bool ok;
  uint64_t t0;
  if (!p || !inst)
    return;
  pthread_mutex_lock(&p->lock);
  i = inst->pool_slot;
  if (i >= p->nslots || p->slots[i].inst != inst || !p->slots[i].busy) {
    pthread_mutex_unlock(&p->lock);
    return; /* not one of ours, or released twice: nothing to give back */
  }
  pthread_mutex_unlock(&p->lock);
  s = &p->slots[i];
  t0 = thread_now_ns();
  ok = !inst->mem || memory_reset(inst->mem, p->mem_pages, s->cow, p->image_view, p->image_len);
  ok = ok && instance_reset(inst, !s->cow, NULL) == WLAB_OK;
  if (!ok)
    wlab_instance_free(inst);
  pthread_mutex_lock(&p->lock);
  if (!ok)
    s->inst = NULL; /* retired: the next acquire of this slot instantiates anew */
  p->stats.resets += ok;
  p->stats.reset_ns += elapsed(t0);
  s->busy = false;
  p->free[p->nfree++] = i;
  pthread_mutex_unlock(&p->lock);
}

void wlab_pool_free(wlab_pool *p)
{
  if (!p)
    return;
  for (uint32_t i = 0; i < p->nslots; i++)
    wlab_instance_free(p->slots[i].inst);
  if (p->image_view)
    munmap((void *)p->image_view, p->image_len);
  if (p->image_fd >= 0)
    close(p->image_fd);
  pthread_mutex_destroy(&p->lock);
  module_release(p->m);
  free(p->slots);
  free(p->free);
  free(p);
}

void wlab_pool_stats_get(const wlab_pool *p, wlab_pool_stats *out)
{
  memset(out, 0, sizeof *out);
  if (!p)
    return;
  pthread_mutex_lock((pthread_mutex_t *)&p->lock);
  *out = p->stats;
  for (uint32_t i = 0; i < p->nslots; i++)
    out->cow_slots += p->slots[i].inst && p->slots[i].cow;
  out->reset = p->reset;
  snprintf(out->cow_refused, sizeof out->cow_refused, "%s", p->cow_refused);
  pthread_mutex_unlock((pthread_mutex_t *)&p->lock);
}
