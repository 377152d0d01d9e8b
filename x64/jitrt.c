/* jitrt.c: what JIT machine code calls: the thread context, entering and trap mapping, slow calls, bulk ops, C value ops. */
#include "x64/jitrt.h"

#include <pthread.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/value_ops.h"
#include "core/startup.h"

/* ---- the thread context --------------------------------------------------------------------- */

/* The trampolines, assembled at build time into this binary's .text (x64/gen_tramps.c writes
 * them from jitrt_tramp_layout): start-up maps, protects and assembles nothing for them, and they
 * are there before any thread asks, so no once-guard either. */
extern int jitrt_tramp_enter(void *thread, const void *entry, void *fp, void *vm, void *func);
extern const char jitrt_tramp_trap[], jitrt_tramp_unwind[], jitrt_tramp_call_slow[], jitrt_tramp_budget[];

static const x64_tramps tramps = {
  .enter = jitrt_tramp_enter,
  .trap = jitrt_tramp_trap,
  .unwind = jitrt_tramp_unwind,
  .call_slow = jitrt_tramp_call_slow,
  .budget = jitrt_tramp_budget,
};

const x64_tramps *jitrt_tramps(void)
{
  return &tramps;
}

static _Thread_local jitrt_thread *tls_bl;

/* Runs on the thread when it exits (thread_attach). */
static void jitrt_thread_free(void *p)
{
  if (tls_bl == p)
    tls_bl = NULL;
  free(p);
}

jitrt_thread *jitrt_thread_get(void)
{
  jitrt_thread *t = tls_bl;
  thread_ctx *th;
  const x64_tramps *tr;
  if (t)
    return t;
  if (!(th = thread_current()) || !(tr = jitrt_tramps()) || !(t = calloc(1, sizeof *t)))
    return NULL;
  t->thread = th;
  t->native_limit = th->native_limit;
  t->vstack_end = th->stack_end;
  static void *const c_helpers[JITRT_H_COUNT] = {
#define JITRT_FN(id, fn, what) [JITRT_H_##id] = (void *)(fn),
    JITRT_HELPERS(JITRT_FN)
#undef JITRT_FN
  };
  memcpy(t->helpers, c_helpers, sizeof t->helpers);
  t->helpers[JITRT_H_TRAP] = (void *)tr->trap;
  t->helpers[JITRT_H_CALL_SLOW] = (void *)tr->call_slow;
  t->helpers[JITRT_H_BUDGET] = (void *)tr->budget;
  if (!thread_attach(th, t, jitrt_thread_free)) {
    free(t);
    return NULL;
  }
  tls_bl = t;
  return t;
}

/* ---- the bisection knob ------------------------------------------------------------------------ */

bool jitrt_knob_refuses(jitrt_knob *k, uint32_t index)
{
  int mode = __atomic_load_n(&k->mode, __ATOMIC_ACQUIRE);
  if (mode < 0) { /* two threads reading it at once both find the same answer */
    const char *s = getenv(k->name);
    k->ranges = s;
    mode = !s ? 0 : strcmp(s, "odd") == 0 ? 1 : strcmp(s, "even") == 0 ? 2 : strcmp(s, "all") == 0 ? 3 : 4;
    __atomic_store_n(&k->mode, mode, __ATOMIC_RELEASE);
  }
  if (mode != 4)
    return (mode == 1 && index % 2 == 1) || (mode == 2 && index % 2 == 0) || mode == 3;
  const char *s = k->ranges;
  while (s && *s) {
    char *end;
    unsigned long lo = strtoul(s, &end, 10), hi = lo;
    if (*end == '-')
      hi = strtoul(end + 1, &end, 10);
    if (index >= lo && index <= hi)
      return true;
    s = *end == ',' ? end + 1 : NULL;
  }
  return false;
}

/* ---- calls that leave machine code ------------------------------------------------------------ */

static uint32_t frame_room(const wlab_functype *t)
{
  uint32_t n = t->nparams > t->nresults ? t->nparams : t->nresults;
  return 16 * n + 64; /* a v128 takes two slots: a bound for either direction */
}

WLAB_STARTUP uintptr_t jitrt_call_slow(jitrt_thread *t, wlab_func *f, uint8_t *fp)
{
  trap_site site = {0};
  wlab_status st = WLAB_OK;
  thread_ctx *th = t->thread;
  uint8_t *saved_top = th->top;
  /* f, and then whatever it tail-calls out of the interpreter, until machine code takes over
   * (entered by the trampoline as a jump: the chain runs in constant stack) or it is done */
  while (f) {
    const tier_ops *machine = f->host ? NULL : f->inst->engine->machine;
    void *entry = machine && machine->resolve ? machine->resolve(f) : NULL;
    if (entry) {
      th->top = saved_top;
      t->call_func = f;
      return (uintptr_t)entry;
    }
    /* nested entries from the host (or the interpreter's frames) start above the arguments */
    th->top = fp + frame_room(&f->type);
    site.tail_call = NULL;
    if (f->host)
      st = engine_call_host(f, (uint64_t *)fp, &site);
    else
      st = f->inst->engine->fallback->invoke_frame(f, fp, &site);
    f = st == WLAB_OK ? site.tail_call : NULL;
  }
  th->top = saved_top;
  if (st == WLAB_OK)
    return 0;
  t->site = site;
  t->site_set = 1;
  return 1;
}

uint32_t jitrt_budget(jitrt_thread *t, vmctx *vm)
{
  int32_t slice = 0;
  trap_kind k = engine_next_slice(vm->inst->engine, t->thread, 1000, &slice);
  t->budget = slice;
  return (uint32_t)k;
}

/* ---- hotness counted by machine code ------------------------------------------------------------ */

enum { HOT_UNSTARTED, HOT_COUNTING, HOT_REPORTED };

/* Once a function is reported hot its code keeps asking, at loop headers, whether a higher tier
 * has an OSR entry for the loop: after HOT_RECHECK ticks, then twice as many each time up to
 * HOT_RECHECK_MAX, so a loop that waits long for its compile pays a slow path per 65,536
 * iterations, and one whose code comes soon moves soon. */
enum { HOT_RECHECK = 1000, HOT_RECHECK_MAX = 65536 };

/* A test knob (docs/tiering.md): WLAB_TIERING_OSR_SELF=N lets the lookup return the counting
 * tier's own OSR entry, every N ticks once a function is hot, so code leaves its frame for its
 * own loop: the exit is taken with nothing above it yet.  0 (or unset): off; at least 2, as the
 * entry ticks the loop header again (every tick would leave and never run the body). */
static uint32_t osr_self(void)
{
  static int64_t every = -1;
  int64_t v = __atomic_load_n(&every, __ATOMIC_ACQUIRE);
  if (v < 0) {
    const char *s = getenv("WLAB_TIERING_OSR_SELF");
    v = s ? strtol(s, NULL, 10) : 0;
    v = v <= 0 ? 0 : v < 2 ? 2 : v > HOT_RECHECK_MAX ? HOT_RECHECK_MAX : v;
    __atomic_store_n(&every, v, __ATOMIC_RELEASE);
  }
  return (uint32_t)v;
}

static void count_next(vmctx_hot *h, uint64_t n)
{
  uint64_t slice = n < (uint64_t)INT32_MAX ? n : (uint64_t)INT32_MAX;
  h->count = (int32_t)(slice - 1); /* the slow path runs again at the slice's last tick */
  h->left = n - slice;
}

uintptr_t jitrt_hot(jitrt_thread *t, vmctx *vm, uint64_t where)
{
  wlab_instance *inst = vm->inst;
  wlab_engine *e = inst->engine;
  uint32_t index = (uint32_t)(where >> 32), loop_ir = (uint32_t)where;
  vmctx_hot *h = (vmctx_hot *)((uint8_t *)vm + vmctx_hot_at(inst->module)) + index;
  wlab_func *f = inst->funcs[index];
  (void)t;
  if (h->state == HOT_UNSTARTED) {
    /* the interpreter reported f after hot_threshold ticks: they count toward this rung too */
    uint64_t carried = e->hot_threshold;
    h->state = HOT_COUNTING;
    h->left = e->counted_threshold > carried ? e->counted_threshold - carried - 1 : 0; /* this tick */
  }
  if (h->state == HOT_COUNTING) {
    if (h->left) {
      count_next(h, h->left);
      return 0;
    }
    h->state = HOT_REPORTED;
    h->left = HOT_RECHECK; /* from now on: the interval between lookups */
    if (e->on_hot)
      e->on_hot(f, loop_ir, e->on_hot_arg); /* may compile and install right here (--no-background) */
  } else if (e->on_still_hot) {
    e->on_still_hot(f, e->on_hot_arg);
  }
  uint32_t self = osr_self();
  uint64_t interval = self ? self : h->left ? h->left : HOT_RECHECK;
  if (loop_ir != WLAB_NONE && e->osr) {
    for (unsigned k = 0; k < sizeof e->osr_tiers / sizeof *e->osr_tiers && e->osr_tiers[k]; k++) {
      const tier_ops *up = e->osr_tiers[k];
      if (up == e->counting && !self)
        break; /* only the tiers above this code's */
      void *at = up->osr_entry ? up->osr_entry(f, loop_ir) : NULL;
      if (at) {
        count_next(h, interval);
        h->left = interval;
        if (e->on_osr)
          e->on_osr(f, loop_ir, e->counting, up, e->on_hot_arg);
        return (uintptr_t)at;
      }
    }
    if (!self && interval < HOT_RECHECK_MAX)
      interval *= 2;
  }
  count_next(h, interval);
  h->left = interval;
  return 0;
}

/* ---- memory and tables ------------------------------------------------------------------------ */

uint32_t jitrt_memory_grow(vmctx *vm, uint32_t delta) { return (uint32_t)memory_grow(vm->mem, delta); }
uint32_t jitrt_memory_fill(vmctx *vm, uint32_t d, uint32_t value, uint32_t n)
{
  return instance_memory_fill(vm->inst, d, value, n);
}
uint32_t jitrt_memory_copy(vmctx *vm, uint32_t d, uint32_t s, uint32_t n) { return instance_memory_copy(vm->inst, d, s, n); }
uint32_t jitrt_memory_init(vmctx *vm, uint32_t seg, uint32_t d, uint32_t s, uint32_t n)
{
  return instance_memory_init(vm->inst, seg, d, s, n);
}
uint32_t jitrt_data_drop(vmctx *vm, uint32_t seg)
{
  vm->inst->data_dropped[seg] = 1;
  return 0;
}
uint32_t jitrt_elem_drop(vmctx *vm, uint32_t seg)
{
  vm->inst->elem_dropped[seg] = 1;
  return 0;
}
uint32_t jitrt_table_grow(vmctx *vm, uint32_t table, void *init, uint32_t delta)
{
  return instance_table_grow(vm->inst, table, init, delta);
}
uint32_t jitrt_table_fill(vmctx *vm, uint32_t table, uint32_t i, void *value, uint32_t n)
{
  return instance_table_fill(vm->inst, table, i, value, n);
}
uint32_t jitrt_table_copy(vmctx *vm, uint32_t dst, uint32_t src, uint32_t d, uint32_t s, uint32_t n)
{
  return instance_table_copy(vm->inst, dst, src, d, s, n);
}
uint32_t jitrt_table_init(vmctx *vm, uint32_t table, uint32_t seg, uint32_t d, uint32_t s, uint32_t n)
{
  return instance_table_init(vm->inst, table, seg, d, s, n);
}

/* ---- value ops in C ----------------------------------------------------------------------------- */

typedef __attribute__((may_alias)) uint32_t u32a;
typedef __attribute__((may_alias)) uint64_t u64a;
typedef __attribute__((may_alias)) float f32a;
typedef __attribute__((may_alias)) double f64a;

/* An operand's bytes: a frame slot, or an entry of the constant pool. */
static inline void *operand(uint8_t *fp, const uint64_t *consts, uint32_t x)
{
  return IR_IS_CONST(x) ? (void *)&consts[IR_CONST_INDEX(x)] : (void *)(fp + 8 * (size_t)x);
}

uint32_t jitrt_value_op(uint8_t *fp, const ir_inst *in, const uint64_t *consts)
{
  const bool lane_op = in->op < WASM_OP_COUNT && opcodes_info[in->op].imm == IMM_LANE;
  trap_kind trap = TRAP_NONE;
#define P(x) operand(fp, consts, (x))
#define U32(x) (*(u32a *)P(x))
#define U64(x) (*(u64a *)P(x))
#define F32(x) (*(f32a *)P(x))
#define F64(x) (*(f64a *)P(x))
#define V128(x) (*(v128_t *)P(x))
#define R (in->r)
#define A (in->a)
#define B (in->b)
#define C (lane_op ? (uint32_t)in->aux : in->c)
#define TRAP(kind) do { trap = (kind); goto out; } while (0)
  switch ((ir_op)in->op) {
#define VOP(id, ...) case IR_##id: { __VA_ARGS__ } break;
#include "core/value_ops.def"
#undef VOP
  default:
    trap = TRAP_UNREACHABLE; /* not a value op: the compiler never sends one here */
    break;
  }
out:
  return (uint32_t)trap;
#undef TRAP
}

uint32_t jitrt_simd_mem(uint8_t *fp, const ir_inst *in, const uint64_t *consts, vmctx *vm, uint64_t ea)
{
  const memory *mem = vm->mem;
  uint64_t raw[2] = {0, 0};
  unsigned n;
  switch ((ir_op)in->op) {
  case IR_V128_LOAD8_SPLAT: case IR_V128_LOAD8_LANE: case IR_V128_STORE8_LANE: n = 1; break;
  case IR_V128_LOAD16_SPLAT: case IR_V128_LOAD16_LANE: case IR_V128_STORE16_LANE: n = 2; break;
  case IR_V128_LOAD32_SPLAT: case IR_V128_LOAD32_ZERO: case IR_V128_LOAD32_LANE: case IR_V128_STORE32_LANE: n = 4; break;
  default: n = 8; break;
  }
  if (ea + n > mem->size)
    return TRAP_MEMORY_OOB;
  if (in->op == IR_V128_STORE8_LANE || in->op == IR_V128_STORE16_LANE || in->op == IR_V128_STORE32_LANE ||
      in->op == IR_V128_STORE64_LANE) {
    v128_t v = V128(B);
    memcpy(mem->base + ea, v.b + in->aux * n, n);
    return 0;
  }
  memcpy(raw, mem->base + ea, n);
  switch ((ir_op)in->op) {
  case IR_V128_LOAD8X8_S: V128(R) = simd_load8x8_s(raw); break;
  case IR_V128_LOAD8X8_U: V128(R) = simd_load8x8_u(raw); break;
  case IR_V128_LOAD16X4_S: V128(R) = simd_load16x4_s(raw); break;
  case IR_V128_LOAD16X4_U: V128(R) = simd_load16x4_u(raw); break;
  case IR_V128_LOAD32X2_S: V128(R) = simd_load32x2_s(raw); break;
  case IR_V128_LOAD32X2_U: V128(R) = simd_load32x2_u(raw); break;
  case IR_V128_LOAD8_SPLAT: V128(R) = simd_load8_splat(raw); break;
  case IR_V128_LOAD16_SPLAT: V128(R) = simd_load16_splat(raw); break;
  case IR_V128_LOAD32_SPLAT: V128(R) = simd_load32_splat(raw); break;
  case IR_V128_LOAD64_SPLAT: V128(R) = simd_load64_splat(raw); break;
  case IR_V128_LOAD32_ZERO: case IR_V128_LOAD64_ZERO: V128(R) = simd_load_zero(raw); break;
  case IR_V128_LOAD8_LANE: case IR_V128_LOAD16_LANE: case IR_V128_LOAD32_LANE: case IR_V128_LOAD64_LANE: {
    v128_t v = V128(B);
    memcpy(v.b + in->aux * n, raw, n);
    V128(R) = v;
    break;
  }
  default:
    return TRAP_UNREACHABLE;
  }
  return 0;
#undef P
#undef U32
#undef U64
#undef F32
#undef F64
#undef V128
#undef R
#undef A
#undef B
#undef C
}

/* ---- entering machine code --------------------------------------------------------------------- */

/* pc is a faulting instruction, or (return_address) what a trap stub's call pushed: the tier
 * whose code holds it says which function and wasm offset that is. */
static void site_of_pc(uintptr_t pc, bool return_address, trap_kind kind, trap_site *site)
{
  site->kind = kind;
  for (int i = 0; tiers_all[i]; i++)
    if (tiers_all[i]->site_at && tiers_all[i]->site_at(pc, return_address, site)) {
      site->kind = kind;
      return;
    }
  site->func_index = WLAB_NONE;
  site->offset = WLAB_NONE;
  site->module = NULL;
}

/* ---- a trap's trace (docs/abi.md, "Trap traces") ------------------------------------------------ */

/* Pushes the frames of the innermost entry from code at pc (a return address, or a faulting
 * instruction) whose body runs with rsp = sp, outward, while each tier knows where the frame's
 * return address is; stops at the entry's own (enter's) return address, or cuts the trace where
 * no tier can tell.  Runs below the frames it reads. */
static void trace_walk(jitrt_thread *t, uintptr_t pc, bool return_address, uint32_t kind, uintptr_t sp,
                       wlab_instance *inst)
{
  uintptr_t end = t->entry_rsp - 8; /* where enter's call left its return address */
  wlab_instance *outer = t->entry_func ? t->entry_func->inst : NULL;
  while (trap_trace_open()) {
    trap_site s;
    uintptr_t ret = 0;
    uint32_t at = trap_trace_tls.n;
    bool known = false;
    memset(&s, 0, sizeof s);
    for (int i = 0; tiers_all[i] && !known; i++)
      known = tiers_all[i]->frame_at && tiers_all[i]->frame_at(pc, return_address, kind, sp, &s, &ret);
    if (!known) {
      trap_trace_cut();
      return;
    }
    trap_trace_push(inst, s.module, s.func_index, s.offset);
    if (ret == end) {
      /* the entry's function, unless a tail call out of it changed module on the way */
      if (at < trap_trace_tls.n && !inst && outer && outer->module == s.module)
        trap_trace_tls.frames[at].instance = outer;
      return;
    }
    if (!ret || ret < sp || ret > end) {
      trap_trace_cut();
      return;
    }
    pc = *(const uintptr_t *)ret;
    sp = ret + 8;
    return_address = true;
    kind = TRAP_NONE;
    inst = NULL; /* r13 is known only where the trap happened */
  }
}

void jitrt_trace(jitrt_thread *t, uintptr_t *slot, uintptr_t r13, uint32_t from_c)
{
  if (!from_c)
    trap_trace_begin();
  else if (!trap_trace_open())
    return;
  trace_walk(t, *slot, true, from_c ? TRAP_NONE : t->trap_kind, (uintptr_t)(slot + 1),
             !from_c && r13 ? ((vmctx *)r13)->inst : NULL);
}

/* trap_landing.trace: a guard-page fault, on the faulting stack */
static void fault_trace(trap_landing *landing, uintptr_t pc, uintptr_t sp, uintptr_t r13)
{
  jitrt_thread *t = tls_bl;
  (void)landing;
  trap_trace_begin();
  if (t)
    trace_walk(t, pc, false, TRAP_MEMORY_OOB, sp, r13 ? ((vmctx *)r13)->inst : NULL);
}

WLAB_STARTUP wlab_status jitrt_invoke_at(wlab_func *f, void *entry, uint8_t *fp, trap_site *site)
{
  jitrt_thread *volatile t;
  const x64_tramps *tr;
  volatile uintptr_t saved_rsp;
  wlab_func *volatile saved_func;
  trap_landing landing;
  int r;
  t = jitrt_thread_get();
  tr = jitrt_tramps();
  if (!t || !tr) {
    site->kind = TRAP_HOST;
    snprintf(site->host_message, sizeof site->host_message, "out of memory entering machine code");
    return WLAB_ERR_NOMEM;
  }
  saved_rsp = t->entry_rsp;
  saved_func = t->entry_func;
  t->entry_func = f;
  t->site_set = 0;
  t->native_limit = t->thread->native_limit; /* thread_enter finds it again on another stack */
  landing.outer = trap_current_landing;
  landing.fault_pc = 0;
  landing.trace = fault_trace;
  if (sigsetjmp(landing.jmp, 0)) {
    /* a guard-page fault in machine code of this entry */
    trap_current_landing = landing.outer;
    t->entry_rsp = saved_rsp;
    t->entry_func = saved_func;
    site_of_pc(landing.fault_pc, false, TRAP_MEMORY_OOB, site);
    return trap_status(TRAP_MEMORY_OOB);
  }
  trap_current_landing = &landing;
  __asm__ volatile("" ::: "memory");
  r = tr->enter(t, entry, fp, f->vm, f);
  trap_current_landing = landing.outer;
  t->entry_func = saved_func;
  if (r == 0)
    return WLAB_OK;
  if (t->site_set) {
    *site = t->site;
    t->site_set = 0;
    return trap_status(site->kind);
  }
  site_of_pc(t->trap_pc, true, (trap_kind)t->trap_kind, site);
  return trap_status(site->kind);
}
