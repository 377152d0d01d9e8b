/* tier.c: the optimising tier as the engine sees it: compiling a function (SSA, passes, lowering, allocation, emission), its code per module (--tier opt: on first call, big callees on a background thread), entering it, mapping its traps, statistics. */
#include "opt/tier.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/error.h"
#include "core/startup.h"
#include "opt/emit.h"
#include "opt/opt.h"
#include "x64/codemap.h"
#include "x64/codemem.h"
#include "x64/jitrt.h"

/*
 * Code belongs to the module (wlab_module.machine_opt), one per bounds-check mode, and is
 * shared by its instances as the baseline's is: machine code reaches everything
 * instance-specific through r13.  Each compiled function is appended to the module's code
 * heap (x64/codemem.h), so it costs its own bytes rather than a mapping and a page of its own,
 * and is found again from a pc through the process's code map (x64/codemap.h), where adding
 * one costs O(1).  A function the tier cannot compile (too large, or a stage that gives up)
 * stays in the tier below; why is kept, counted, and printed with WLAB_OPT_LOG=1.
 */

enum { MODE_GUARD, MODE_EXPLICIT, MODES };

typedef struct opt_code {
  const uint8_t *entry;
  uint32_t size;
  const wlab_module *m;
  uint32_t func_index;
  uint32_t osr_loop_ir;     /* an OSR version: its loop_head; WLAB_NONE for the function's code */
  uint32_t nest_kept, nest_flat; /* an OSR version: enclosing loops kept as loops, and flattened */
  opt_site *sites;          /* trap stubs' return addresses */
  uint32_t nsites;
  opt_site *faults;         /* memory accesses (guard pages), ascending pc */
  uint32_t nfaults;
  bool wasm_sites;          /* an artifact's: each site's ir is the wasm offset itself (its IR is not built) */
  /* for a trap's trace (docs/abi.md): [nsites], [nfaults] whether the native frame, frame_bytes
   * below the return address, is set up there; NULL for an artifact's (not recorded) */
  uint8_t *site_framed, *fault_framed;
  int32_t frame_bytes;
  bool inlined;             /* holds inlined code: the trace stops at its frame */
  bool in_block;            /* an artifact's, with its tables, in opt_module.adopted_block: not freed alone */
} opt_code;

/* A function's OSR versions, one per loop asked for (docs/opt.md, "OSR entries"): a list each
 * function's head points to, prepended under the module's osr_lock (never held over a compile,
 * so an interpreter asking for an entry does not wait for one) and read without it. */
typedef struct opt_osr {
  uint32_t loop_ir;
  _Atomic int state;        /* OSR_* */
  opt_code *_Atomic code;   /* OSR_READY */
  struct opt_osr *next;
} opt_osr;
enum { OSR_WANTED, OSR_READY, OSR_REFUSED };

/* What a compile depends on besides the function and its bounds mode: the same for every
 * compile of one engine's module, whichever thread does it, so that its code does not depend
 * on which thread compiled it or when. */
typedef struct compile_how {
  bool budget;              /* fuel or timeout checks */
  const char *disable;      /* --opt-disable's list, or NULL */
  uint32_t table_over;      /* callees with bodies larger than this go through the table (0: none do) */
} compile_how;

typedef struct opt_module {
  pthread_mutex_t lock;
  const wlab_module *m;
  uint32_t nfuncs;
  opt_code *_Atomic *code[MODES];
  uint8_t *refused[MODES];
  opt_osr *_Atomic *osr[MODES]; /* [nfuncs] each function's OSR versions */
  pthread_mutex_t osr_lock;
  x64_codeheap heap;        /* every compiled function's code, appended to shared chunks */
  /* compile_callees_first's walk (under lock): a stamp per function, the path being walked */
  uint32_t *seen, walk;
  struct walk_step { uint32_t func, at; } *path;
  /* an artifact's code (opt_aot_adopt_begin): nothing is compiled; release(release_arg) unmaps it */
  bool adopted;
  unsigned adopted_mode;
  uintptr_t adopted_start, adopted_end;
  void (*release)(void *);
  void *release_arg;
  /* the adopted functions' records and their tables, carved in order (opt_aot_adopt): one
   * allocation where each function took three (a cold run's malloc calls, and their heap) */
  unsigned char *adopted_block;
  size_t adopted_used, adopted_size;
  bool adopted_tables_kept; /* the records point to the artifact's own tables (opt_aot_adopt_begin) */
  /* appends to heap: compiles under lock and the background thread's (which does not take lock) */
  pthread_mutex_t heap_lock;
  /* --tier opt's background compiles (docs/opt.md, "Compiling on first call"): the big callees
   * the walks left to the table, in walk order, compiled by a thread of the module's own while
   * any are left; each function's state per mode (BG_*) in bg_state, under bg_lock */
  pthread_mutex_t bg_lock;
  pthread_cond_t bg_done;   /* a background compile finished (BG_RUNNING -> BG_DONE) */
  struct bg_job { uint32_t func; uint8_t mode; } *bg_jobs;
  uint32_t bg_njobs, bg_next, bg_cap;
  _Atomic uint8_t *bg_state[MODES];
  pthread_t bg_thread;
  bool bg_running;          /* bg_thread is working through bg_jobs */
  bool bg_joinable;         /* bg_thread was started and not joined */
  bool bg_stop;             /* the module goes: the thread takes no new job */
  compile_how bg_how;       /* the jobs' compile_how, set by the first; its disable list points to
                             * bg_disable, a copy (the engine may go before the module) */
  char bg_disable[sizeof ((wlab_engine *)0)->opt_disable];
} opt_module;

/* A function's background state in one mode: not queued; queued by a walk; being compiled by the
 * background thread; compiled (or refused) by it; taken by a first call, which compiles it. */
enum { BG_NONE, BG_QUEUED, BG_RUNNING, BG_DONE, BG_CLAIMED };

/* ---- statistics ------------------------------------------------------------------------------- */

static uint64_t stat_compiled, stat_failed, stat_wasm_bytes, stat_code_bytes, stat_ns, stat_cpu_ns;
static uint64_t stat_stage_ns[OPT_MAX_STAGES];
/* the background thread's compiles and its time; first calls that waited for one, and their
 * wait; first calls that took a queued function before the thread got to it */
static uint64_t stat_bg_compiled, stat_bg_ns, stat_bg_waits, stat_bg_wait_ns, stat_bg_claimed;
/* the time of the compiles on any other thread (the program's): what a first call waits for */
static uint64_t stat_caller_ns;
static _Thread_local bool tls_background; /* this thread is a module's background thread */

static uint64_t thread_cpu_ns(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void count(uint64_t *c, uint64_t n) { __atomic_add_fetch(c, n, __ATOMIC_RELAXED); }

static void opt_stats(const wlab_engine *e, wlab_tier_stats *out)
{
  (void)e;
  out->funcs_compiled = __atomic_load_n(&stat_compiled, __ATOMIC_RELAXED);
  out->funcs_failed = __atomic_load_n(&stat_failed, __ATOMIC_RELAXED);
  out->wasm_bytes = __atomic_load_n(&stat_wasm_bytes, __ATOMIC_RELAXED);
  out->code_bytes = __atomic_load_n(&stat_code_bytes, __ATOMIC_RELAXED);
  out->compile_ns = __atomic_load_n(&stat_ns, __ATOMIC_RELAXED);
  out->compile_cpu_ns = __atomic_load_n(&stat_cpu_ns, __ATOMIC_RELAXED);
  out->background_compiled = __atomic_load_n(&stat_bg_compiled, __ATOMIC_RELAXED);
  out->background_ns = __atomic_load_n(&stat_bg_ns, __ATOMIC_RELAXED);
  out->background_waits = __atomic_load_n(&stat_bg_waits, __ATOMIC_RELAXED);
  out->background_wait_ns = __atomic_load_n(&stat_bg_wait_ns, __ATOMIC_RELAXED);
  out->background_claimed = __atomic_load_n(&stat_bg_claimed, __ATOMIC_RELAXED);
  out->caller_compile_ns = __atomic_load_n(&stat_caller_ns, __ATOMIC_RELAXED);
  _Static_assert(OPT_MAX_STAGES <= sizeof out->stage_ns / sizeof out->stage_ns[0], "wlab_tier_stats.stage_ns");
  for (uint32_t i = 0; i < opt_nstages(); i++) {
    out->stage_names[i] = opt_stage_name(i);
    out->stage_ns[i] = __atomic_load_n(&stat_stage_ns[i], __ATOMIC_RELAXED);
  }
}

/* ---- where each function's code is ---------------------------------------------------------- */

static x64_codemap code_map WLAB_STARTUP_DATA = X64_CODEMAP_INIT;

/* The site of pc at offset off in c: a return address is a call's or trap stub's site, exactly;
 * any other pc (a fault) the last memory access starting at or before it.  *k gets its index in
 * c->sites or c->faults. */
static const opt_site *find_site(const opt_code *c, uint32_t off, bool return_address, uint32_t *k)
{
  if (return_address) {
    for (uint32_t i = 0; i < c->nsites; i++)
      if (c->sites[i].pc == off) {
        *k = i;
        return &c->sites[i];
      }
    return NULL;
  }
  uint32_t a = 0, z = c->nfaults;
  while (a < z) {
    uint32_t mid = (a + z) / 2;
    if (c->faults[mid].pc <= off)
      a = mid + 1;
    else
      z = mid;
  }
  if (!a)
    return NULL;
  *k = a - 1;
  return &c->faults[a - 1];
}

/* Fills site from c's site s (NULL: the function, at its start). */
static void site_fill(const opt_code *c, const opt_site *s, trap_site *site)
{
  const wlab_module *m = c->m;
  uint32_t fi = s ? s->origin : c->func_index;
  const ir_func *ir = m->funcs[fi].ir;
  site->func_index = fi;
  site->module = m;
  if (s && c->wasm_sites)
    site->offset = s->ir;
  else
    site->offset = s && ir && s->ir < ir->ninsts ? ir->wasm_offsets[s->ir] : ir ? ir->code_offset : WLAB_NONE;
}

/* tier_ops.site_at */
static bool opt_site_at(uintptr_t pc, bool return_address, trap_site *site)
{
  const opt_code *c = x64_codemap_find(&code_map, return_address ? pc - 1 : pc);
  uint32_t k;
  if (!c)
    return false;
  site_fill(c, find_site(c, (uint32_t)(pc - (uintptr_t)c->entry), return_address, &k), site);
  return true;
}

/* tier_ops.frame_at: each site says whether the native frame (frame_bytes) is set up there
 * (shrink-wrapping: some blocks run without it).  A function with inlined code (another
 * function's, or a copy of itself) has one native frame for several wasm frames, and where each
 * was inlined is not kept: the trace gives the innermost (the inlined function's, at its
 * instruction) and stops there; so does an artifact's code (no frame records). */
static bool opt_frame_at(uintptr_t pc, bool return_address, uint32_t kind, uintptr_t sp, trap_site *site,
                         uintptr_t *ret_slot)
{
  const opt_code *c = x64_codemap_find(&code_map, return_address ? pc - 1 : pc);
  uint32_t k;
  (void)kind;
  if (!c)
    return false;
  const opt_site *s = find_site(c, (uint32_t)(pc - (uintptr_t)c->entry), return_address, &k);
  if (!s)
    return false;
  const uint8_t *framed = return_address ? c->site_framed : c->fault_framed;
  site_fill(c, s, site);
  *ret_slot = 0;
  if (framed && !c->inlined && s->origin == c->func_index)
    *ret_slot = sp + (framed[k] ? (uintptr_t)c->frame_bytes : 0);
  return true;
}

/* ---- per-module code ------------------------------------------------------------------------ */

static void free_code(opt_code *c)
{
  if (!c || c->in_block) /* its module's adopted_block holds it */
    return;
  free(c->sites);
  free(c->faults);
  free(c->site_framed);
  free(c->fault_framed);
  free(c);
}

static void free_module_code(void *p)
{
  opt_module *om = p;
  /* the background thread finishes the compile it is in (its code goes with the heap) and
   * takes no other */
  pthread_mutex_lock(&om->bg_lock);
  om->bg_stop = true;
  bool join = om->bg_joinable;
  om->bg_joinable = false;
  pthread_mutex_unlock(&om->bg_lock);
  if (join)
    pthread_join(om->bg_thread, NULL);
  free(om->bg_jobs);
  x64_codemap_remove_owner(&code_map, om->m);
  for (unsigned mode = 0; mode < MODES; mode++) {
    for (uint32_t i = 0; i < om->nfuncs; i++)
      free_code(om->code[mode][i]);
    for (uint32_t i = 0; i < om->nfuncs; i++)
      for (opt_osr *o = om->osr[mode][i], *next; o; o = next) {
        next = o->next;
        free_code(o->code);
        free(o);
      }
  } /* the per-function arrays are om's own allocation (module_code) */
  free(om->seen);
  free(om->path);
  x64_codeheap_free(&om->heap);
  pthread_mutex_destroy(&om->lock);
  pthread_mutex_destroy(&om->osr_lock);
  pthread_mutex_destroy(&om->heap_lock);
  pthread_mutex_destroy(&om->bg_lock);
  pthread_cond_destroy(&om->bg_done);
  if (om->release)
    om->release(om->release_arg);
  free(om->adopted_block);
  free(om);
}

WLAB_STARTUP static opt_module *module_code(const wlab_module *cm)
{
  wlab_module *m = (wlab_module *)cm;
  opt_module *om = atomic_load_explicit(&m->machine_opt, memory_order_acquire);
  void *expected = NULL;
  if (om)
    return om;
  /* om and its per-mode arrays in one allocation (seven callocs of a cold run were one each):
   * the code and OSR pointers of each mode, then the refused flags, then the background states */
  size_t n = (size_t)m->nfuncs + 1;
  if (!(om = calloc(1, sizeof *om + MODES * n * (sizeof *om->code[0] + sizeof *om->osr[0] + 2))))
    return NULL;
  om->m = m;
  om->nfuncs = m->nfuncs;
  pthread_mutex_init(&om->lock, NULL);
  pthread_mutex_init(&om->osr_lock, NULL);
  pthread_mutex_init(&om->heap_lock, NULL);
  pthread_mutex_init(&om->bg_lock, NULL);
  /* the initializer, not pthread_cond_init: an artifact's cold start calls nothing more of libc's
   * (pthread_cond_init's page was one more page fault of every `run m.cwasm`) */
  om->bg_done = (pthread_cond_t)PTHREAD_COND_INITIALIZER;
  x64_codeheap_init(&om->heap);
  _Static_assert(sizeof(opt_module) % _Alignof(void *) == 0, "module_code's layout");
  void **slots = (void **)(om + 1);
  for (unsigned mode = 0; mode < MODES; mode++) {
    om->code[mode] = (opt_code *_Atomic *)(slots + 2 * mode * n);
    om->osr[mode] = (opt_osr *_Atomic *)(slots + (2 * mode + 1) * n);
    om->refused[mode] = (uint8_t *)(slots + 2 * MODES * n) + mode * n;
    om->bg_state[mode] = (_Atomic uint8_t *)((uint8_t *)(slots + 2 * MODES * n) + (MODES + mode) * n);
  }
  if (!atomic_compare_exchange_strong_explicit(&m->machine_opt, &expected, om, memory_order_acq_rel,
                                              memory_order_acquire)) {
    free_module_code(om);
    return expected;
  }
  m->machine_opt_free = free_module_code;
  return om;
}

static unsigned mode_of(const wlab_instance *inst)
{
  const memory *mem = inst->mem;
  return inst->engine->limits.explicit_bounds || (mem && !mem->guarded) ? MODE_EXPLICIT : MODE_GUARD;
}

static bool budget_of(const wlab_engine *e) { return e->cfg.fuel || e->cfg.timeout > 0; }

/* --tier opt's first-call compiles leave a callee larger than this (wasm body bytes) to the
 * background thread and call it through the table: smaller ones are compiled at once, ahead of
 * their callers.  Chosen from the compute suite (results/2026-12-07-suite/o16p): the bodies above
 * it (printf's core and malloc, and a program's own big function now and then) are most of the
 * compile time before _start and run late, rarely or once; between 1 and 2 KB are free, a printf
 * helper and a few programs' own loops, which a hot loop may call. */
enum { BACKGROUND_MIN_BYTES = 2 * 1024 };

/* Whether eng's first-call compiles hand big callees to a background thread: --tier opt (not
 * the tier manager's compiles, which are on a thread of their own already), unless
 * --no-background asks for everything on the calling thread. */
static bool defers(const wlab_engine *eng) { return eng && eng->compile_on_call && !eng->cfg.no_background; }

static compile_how how_of(const wlab_engine *eng, const wlab_module *m)
{
  return (compile_how){budget_of(eng), m->engine ? m->engine->opt_disable : NULL, defers(eng) ? BACKGROUND_MIN_BYTES : 0};
}

static bool log_failures(void)
{
  static int on = -1;
  if (on < 0) {
    const char *s = getenv("WLAB_OPT_LOG");
    on = s && *s && strcmp(s, "0") != 0;
  }
  return on;
}

/* Verifying the SSA after every pass (tests, debugging: WLAB_OPT_VERIFY=1). */
static bool verify_passes(void)
{
  static int on = -1;
  if (on < 0) {
    const char *s = getenv("WLAB_OPT_VERIFY");
    on = s && *s && strcmp(s, "0") != 0;
  }
  return on;
}

/* ---- compiling ------------------------------------------------------------------------------ */

static _Thread_local char tls_why[200];

/* What a call in code being compiled may go to directly: the callee's code in the same mode,
 * if it has some already (docs/abi.md, "Direct calls"). */
typedef struct callee_lookup {
  const opt_module *om;
  unsigned mode;
  uint32_t table_over;      /* compile_how's */
} callee_lookup;

static const void *callee_code(const void *ctx, uint32_t index)
{
  const callee_lookup *l = ctx;
  if (index >= l->om->nfuncs)
    return NULL;
  /* a big callee is compiled in the background: through the table whether its code is there
   * yet or not, so the caller's code does not depend on the other thread's progress */
  if (l->table_over && l->om->m->funcs[index].ir && l->om->m->funcs[index].ir->code_size > l->table_over)
    return NULL;
  opt_code *code = atomic_load_explicit(&l->om->code[l->mode][index], memory_order_acquire);
  return code ? code->entry : NULL;
}

static opt_code *compile_for(opt_module *om, const wlab_module *m, uint32_t index, uint32_t osr_loop_ir,
                             bool explicit_bounds, compile_how how, opt_aot_code *aot, const uint8_t *direct,
                             const char **why);

/* For an artifact: which callees get a direct call (ctx: the flags, or NULL for none); the
 * address is the image's business, so any non-NULL answer says yes. */
static const void *aot_callee(const void *ctx, uint32_t index)
{
  const uint8_t *direct = ctx;
  return direct && direct[index] ? (const void *)ctx : NULL;
}

/* Compiles function index of m into om's code heap and the code map (om->lock held, or on the
 * background thread a function no one else compiles), or its OSR version for the loop_head at
 * osr_loop_ir (WLAB_NONE: the function's own code); NULL with why (a static or thread-local
 * string) on giving up. */
static opt_code *compile(opt_module *om, uint32_t index, uint32_t osr_loop_ir, bool explicit_bounds, compile_how how,
                         const char **why)
{
  return compile_for(om, om->m, index, osr_loop_ir, explicit_bounds, how, NULL, NULL, why);
}

/* compile, or (aot set) for an artifact: no absolute address in the code (docs/aot.md): a call
 * to another function is a call rel32 the image resolves when direct[callee] (direct may be
 * NULL), else goes through the code table; the code and its tables go to *aot instead of the
 * module's heap, and the result is then a non-NULL token, not a record. */
static opt_code *compile_for(opt_module *om, const wlab_module *m, uint32_t index, uint32_t osr_loop_ir,
                             bool explicit_bounds, compile_how how, opt_aot_code *aot, const uint8_t *direct,
                             const char **why)
{
  bool budget = how.budget;
  const ir_func *ir = m->funcs[index].ir;
  if (!ir) {
    *why = "not a wasm function";
    return NULL;
  }
  static jitrt_knob knob = {"WLAB_OPT_REFUSE", -1, NULL};
  if (jitrt_knob_refuses(&knob, index)) {
    *why = "left to the tier below by WLAB_OPT_REFUSE";
    return NULL;
  }
  opt_mask disabled = 0;
  char err[200];
  if (how.disable && !opt_parse_disable(how.disable, &disabled, err, sizeof err)) {
    snprintf(tls_why, sizeof tls_why, "%s", err);
    *why = tls_why;
    return NULL;
  }
  ssa_func f;
  regalloc ra;
  emitter e;
  x64_buf b;
  opt_code *code = NULL;
  memset(&ra, 0, sizeof ra);
  memset(&e, 0, sizeof e);
  x64_buf_init(&b);
  if (!ssa_func_init(&f, m, index)) {
    *why = "out of memory";
    x64_buf_free(&b);
    return NULL;
  }
  uint64_t stage_ns[OPT_MAX_STAGES] = {0};
  opt_trace trace = {NULL, NULL, verify_passes(), stage_ns};
  f.explicit_bounds = explicit_bounds;
  f.budget = budget;
  f.osr = osr_loop_ir != WLAB_NONE;
  f.osr_loop_ir = osr_loop_ir;
  bool ok = opt_optimise(&f, disabled, &trace);
  uint64_t t = thread_now_ns();
  ok = ok && opt_split_critical_edges(&f) && (!trace.verify || ssa_verify(&f));
  stage_ns[opt_stage_lower()] += thread_now_ns() - t;
  t = thread_now_ns();
  ok = ok && ra_allocate(&ra, &f, opt_isel_info) && (!trace.verify || (ra_verify(&ra) && ra_check(&ra)));
  stage_ns[opt_stage_regalloc()] += thread_now_ns() - t;
  if (!ok) {
    snprintf(tls_why, sizeof tls_why, "%s", f.error[0] ? f.error : "gave up");
    *why = tls_why;
    goto out;
  }
  e.f = &f;
  e.ra = &ra;
  e.b = &b;
  e.m = m;
  e.explicit_bounds = explicit_bounds;
  e.budget = budget;
  callee_lookup lookup = {om, explicit_bounds ? MODE_EXPLICIT : MODE_GUARD, how.table_over};
  e.callee_code = aot ? aot_callee : callee_code;
  e.callee_ctx = aot ? (const void *)direct : &lookup;
  e.aot = aot != NULL;
  t = thread_now_ns();
  ok = opt_emit_function(&e);
  stage_ns[opt_stage_emit()] += thread_now_ns() - t;
  if (!ok) {
    snprintf(tls_why, sizeof tls_why, "emitting: %s", e.error[0] ? e.error : "out of memory");
    *why = tls_why;
    goto out;
  }
  if (aot) {
    if (!(aot->code = malloc(b.len ? b.len : 1))) {
      *why = "out of memory";
      goto out;
    }
    memcpy(aot->code, b.code, b.len);
    aot->size = (uint32_t)b.len;
    aot->sites = e.sites;
    aot->nsites = e.nsites;
    aot->faults = e.faults;
    aot->nfaults = e.nfaults;
    aot->fixups = e.fixups;
    aot->nfixups = e.nfixups;
    e.sites = e.faults = NULL;
    e.fixups = NULL;
    code = (opt_code *)aot;
    goto out;
  }
  const x64_codechunk *chunk = NULL;
  bool placed = false;
  if ((code = calloc(1, sizeof *code))) {
    pthread_mutex_lock(&om->heap_lock); /* chunk is valid until the next add, on whichever thread */
    code->entry = x64_codeheap_add(&om->heap, b.code, b.len, &chunk);
    placed = code->entry && x64_codemap_add(&code_map, m, (uintptr_t)chunk->rx, (uintptr_t)chunk->rx + chunk->size,
                                            (uintptr_t)code->entry, b.len, code);
    pthread_mutex_unlock(&om->heap_lock);
  }
  if (!placed) {
    free(code); /* code already in the heap stays there unused until the module goes */
    code = NULL;
    *why = "out of memory";
    goto out;
  }
  code->size = (uint32_t)b.len;
  code->m = m;
  code->func_index = index;
  code->osr_loop_ir = osr_loop_ir;
  code->nest_kept = f.osr_nest_kept;
  code->nest_flat = f.osr_nest_flat;
  code->sites = e.sites;
  code->nsites = e.nsites;
  code->faults = e.faults;
  code->nfaults = e.nfaults;
  code->site_framed = e.site_framed;
  code->fault_framed = e.fault_framed;
  code->frame_bytes = e.frame_bytes;
  code->inlined = f.inlined;
  e.sites = e.faults = NULL;
  e.site_framed = e.fault_framed = NULL;
out:
  for (uint32_t i = 0; i < opt_nstages(); i++)
    count(&stat_stage_ns[i], stage_ns[i]);
  opt_emit_free(&e);
  ra_free(&ra);
  ssa_func_free(&f);
  x64_buf_free(&b);
  return code;
}

/* Compiles function index in mode (om->lock held, or on the background thread), counts it, and
 * keeps and logs a refusal. */
static opt_code *compile_counted(opt_module *om, uint32_t index, unsigned mode, compile_how how, const char **why)
{
  const wlab_module *m = om->m;
  uint64_t t0 = thread_now_ns(), c0 = thread_cpu_ns();
  opt_code *code = compile(om, index, WLAB_NONE, mode == MODE_EXPLICIT, how, why);
  count(&stat_ns, thread_now_ns() - t0);
  if (!tls_background)
    count(&stat_caller_ns, thread_now_ns() - t0);
  count(&stat_cpu_ns, thread_cpu_ns() - c0);
  if (code) {
    count(&stat_compiled, 1);
    count(&stat_wasm_bytes, m->funcs[index].ir->code_size);
    count(&stat_code_bytes, code->size);
    atomic_store_explicit(&om->code[mode][index], code, memory_order_release);
  } else {
    __atomic_store_n(&om->refused[mode][index], 1, __ATOMIC_RELEASE); /* read without lock */
    count(&stat_failed, 1);
    if (log_failures())
      fprintf(stderr, "wasmlab: opt: function %u%s%s%s stays in the tier below: %s\n", index,
              m->funcs[index].name ? " <" : "", m->funcs[index].name ? m->funcs[index].name : "",
              m->funcs[index].name ? ">" : "", *why);
  }
  return code;
}

/* The wasm bytes one walk compiles ahead of the function it starts from, at most: a first call
 * into a large module waits for a bounded part of it (about 20 ms at opt's compile speed). */
enum { WALK_MAX_BYTES = 128 * 1024 };
/* The same for the tier manager's compiles (below): the hot function, or the activation waiting
 * for its OSR version, waits for the walk, so it is kept to a few milliseconds. */
enum { WARM_WALK_MAX_BYTES = 32 * 1024 };
/* and takes no warm callee larger than this: its compile is what the waiting activation would
 * wait for (hashtable's hot loop in _start waited for its 8.5 KB printf core and 6.3 KB malloc),
 * and a call through the table costs little beside a body that size; it gets its own job when it
 * gets hot */
enum { WARM_CALLEE_MAX_BYTES = 2 * 1024 };

/* A function a walk from root should compile before its caller: a wasm function of the module,
 * without code or a refusal in this mode, not queued for the background thread, not seen yet in
 * this walk. */
static bool walk_takes(opt_module *om, unsigned mode, uint32_t g, const wlab_instance *warm_in)
{
  const wlab_module *m = om->m;
  return g < om->nfuncs && m->funcs[g].ir && !atomic_load_explicit(&om->code[mode][g], memory_order_relaxed) &&
         !atomic_load_explicit(&om->bg_state[mode][g], memory_order_relaxed) &&
         !__atomic_load_n(&om->refused[mode][g], __ATOMIC_RELAXED) && om->seen[g] != om->walk &&
         (!warm_in || (atomic_load_explicit(&warm_in->funcs[g]->entry, memory_order_relaxed) &&
                       m->funcs[g].ir->code_size <= WARM_CALLEE_MAX_BYTES));
}

/* ---- the background thread (--tier opt) ----------------------------------------------------- */

/* Queues function g (mode) for the background thread (om->lock held); false when out of memory
 * (the caller compiles it itself). */
static bool bg_queue(opt_module *om, uint32_t g, unsigned mode, compile_how how)
{
  bool ok = true;
  pthread_mutex_lock(&om->bg_lock);
  if (om->bg_njobs == om->bg_cap) {
    uint32_t cap = om->bg_cap ? 2 * om->bg_cap : 16;
    struct bg_job *jobs = realloc(om->bg_jobs, cap * sizeof *jobs);
    if (!jobs) {
      ok = false;
      goto out;
    }
    om->bg_jobs = jobs;
    om->bg_cap = cap;
  }
  if (!om->bg_njobs) { /* every job of a module is compiled alike (how_of: one engine) */
    om->bg_how = how;
    if (how.disable) {
      snprintf(om->bg_disable, sizeof om->bg_disable, "%s", how.disable);
      om->bg_how.disable = om->bg_disable;
    }
  }
  om->bg_jobs[om->bg_njobs++] = (struct bg_job){g, (uint8_t)mode};
  atomic_store_explicit(&om->bg_state[mode][g], BG_QUEUED, memory_order_relaxed);
out:
  pthread_mutex_unlock(&om->bg_lock);
  return ok;
}

/* The background thread: the queued jobs in order, each unless a first call took it; it ends
 * when none is left (bg_start starts another for later ones) or the module goes. */
static void *bg_main(void *arg)
{
  opt_module *om = arg;
  tls_background = true;
  pthread_mutex_lock(&om->bg_lock);
  while (!om->bg_stop && om->bg_next < om->bg_njobs) {
    struct bg_job job = om->bg_jobs[om->bg_next++];
    _Atomic uint8_t *state = &om->bg_state[job.mode][job.func];
    if (atomic_load_explicit(state, memory_order_relaxed) != BG_QUEUED)
      continue; /* claimed */
    atomic_store_explicit(state, BG_RUNNING, memory_order_relaxed);
    compile_how how = om->bg_how;
    pthread_mutex_unlock(&om->bg_lock);
    const char *why;
    uint64_t t0 = thread_now_ns();
    if (compile_counted(om, job.func, job.mode, how, &why))
      count(&stat_bg_compiled, 1);
    count(&stat_bg_ns, thread_now_ns() - t0);
    pthread_mutex_lock(&om->bg_lock);
    atomic_store_explicit(state, BG_DONE, memory_order_relaxed);
    pthread_cond_broadcast(&om->bg_done);
  }
  om->bg_running = false;
  pthread_mutex_unlock(&om->bg_lock);
  return NULL;
}

/* Starts the background thread on the queued jobs if it is not running.  Without a thread they
 * stay queued, and each is compiled on its first call. */
static void bg_start(opt_module *om)
{
  pthread_mutex_lock(&om->bg_lock);
  if (!om->bg_running && !om->bg_stop && om->bg_next < om->bg_njobs) {
    if (om->bg_joinable) /* the last one ran out of jobs: it is ending, or has ended */
      pthread_join(om->bg_thread, NULL);
    om->bg_joinable = false;
    /* signals are the program's threads' business (a --timeout alarm, a trap's fault is
     * synchronous and not affected): the thread starts with them blocked */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    if (pthread_create(&om->bg_thread, NULL, bg_main, om) == 0)
      om->bg_running = om->bg_joinable = true;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
  }
  pthread_mutex_unlock(&om->bg_lock);
}

/* Before a first call compiles function g (mode) itself: if the background thread is compiling
 * it, waits for that compile to finish (its code, or its refusal, is then in om); if it is
 * queued, claims it, so the thread skips it and the caller compiles it. */
static void bg_claim_or_wait(opt_module *om, uint32_t g, unsigned mode)
{
  _Atomic uint8_t *state = &om->bg_state[mode][g];
  if (atomic_load_explicit(state, memory_order_relaxed) == BG_NONE)
    return;
  pthread_mutex_lock(&om->bg_lock);
  if (atomic_load_explicit(state, memory_order_relaxed) == BG_RUNNING) {
    uint64_t t0 = thread_now_ns();
    while (atomic_load_explicit(state, memory_order_relaxed) == BG_RUNNING)
      pthread_cond_wait(&om->bg_done, &om->bg_lock);
    count(&stat_bg_waits, 1);
    count(&stat_bg_wait_ns, thread_now_ns() - t0);
  } else if (atomic_load_explicit(state, memory_order_relaxed) == BG_QUEUED) {
    atomic_store_explicit(state, BG_CLAIMED, memory_order_relaxed);
    count(&stat_bg_claimed, 1);
  }
  pthread_mutex_unlock(&om->bg_lock);
}

/*
 * Before root is compiled on its first call (--tier opt), the functions it calls directly are
 * compiled, and theirs, leaves first, so that its calls go straight to their code rather than through the
 * table (docs/abi.md, "Direct calls").  A function on the path being walked (a recursion
 * through several functions) is left to the table.  The walk reads each function's IR once,
 * when it compiles it, and runs without recursion (a path as long as the module has functions
 * costs no C stack).  What is reachable but never runs is compiled too: the price, measured in
 * results/2026-12-06-opt, "Calls between functions", and bounded by WALK_MAX_BYTES; past that
 * the calls left go through the table.  Out of memory, it just does nothing.
 *
 * Under the tier manager (warm_in set: the instance whose hot function or loop is compiled) the
 * walk takes only callees that are warm, those with machine code in that instance (the baseline's:
 * they ran past the first rung's threshold), so it compiles what is likely to get hot anyway and
 * nothing that never ran; without it a hot caller compiled before its callees calls them through
 * the table for the rest of the run (treap: about 10% more instructions a step).
 */
static void compile_callees_first(opt_module *om, uint32_t root, unsigned mode, const wlab_engine *eng,
                                  const wlab_instance *warm_in)
{
  const wlab_module *m = om->m;
  compile_how how = how_of(eng, m);
  if (!om->seen && !(om->seen = calloc(om->nfuncs, sizeof *om->seen)))
    return;
  if (!om->path && !(om->path = malloc(om->nfuncs * sizeof *om->path)))
    return;
  if (++om->walk == 0) { /* the stamps wrapped: start them again */
    memset(om->seen, 0, om->nfuncs * sizeof *om->seen);
    om->walk = 1;
  }
  uint32_t depth = 0;
  uint64_t bytes = 0;
  om->seen[root] = om->walk;
  om->path[depth++] = (struct walk_step){root, 0};
  while (depth) {
    struct walk_step *s = &om->path[depth - 1];
    const ir_func *ir = m->funcs[s->func].ir;
    bool pushed = false;
    while (s->at < ir->ninsts && !pushed) {
      const ir_inst *in = &ir->insts[s->at++];
      if ((in->op == IR_CALL || in->op == IR_RETURN_CALL) && bytes < (warm_in ? WARM_WALK_MAX_BYTES : WALK_MAX_BYTES) && walk_takes(om, mode, in->a, warm_in)) {
        om->seen[in->a] = om->walk;
        om->path[depth++] = (struct walk_step){in->a, 0};
        pushed = true;
      }
    }
    if (pushed)
      continue; /* its callees first */
    depth--;
    if (s->func != root) {
      const char *why;
      /* a big callee goes to the background thread, once the walk and root are done (code_for),
       * when everything it may call directly has been compiled: all its callees were taken,
       * within the byte budget, so they are compiled, refused, or on the path (compiled before
       * the walk ends) */
      bool to_background = how.table_over && ir->code_size > how.table_over && !warm_in &&
                           bytes < WALK_MAX_BYTES && bg_queue(om, s->func, mode, how);
      bytes += ir->code_size;
      if (to_background)
        continue;
      if (compile_counted(om, s->func, mode, how, &why) && warm_in && eng->cfg.trace_tiering)
        fprintf(stderr, "tiering: function %u <%s>: opt code compiled ahead of its caller %u (warm: it has machine code)\n",
                s->func, m->funcs[s->func].name ? m->funcs[s->func].name : "", root);
    }
  }
}

/* f's code in its instance's mode, compiled now if need be; NULL (why set) when it gave up. */
WLAB_STARTUP static opt_code *code_for(wlab_func *f, const char **why)
{
  const wlab_module *m = f->inst->module;
  const wlab_engine *eng = f->inst->engine;
  opt_module *om;
  *why = "out of memory";
  if (f->host || !f->ir)
    return *why = "not a wasm function", NULL;
  if (!(om = module_code(m)) || !jitrt_tramps())
    return NULL;
  unsigned mode = mode_of(f->inst);
  opt_code *code = atomic_load_explicit(&om->code[mode][f->index], memory_order_acquire);
  if (code)
    return code;
  if (om->adopted) /* an artifact's module runs what the artifact holds, and compiles nothing */
    return *why = mode == om->adopted_mode ? "not in the artifact" : "the artifact holds the other bounds mode", NULL;
  bg_claim_or_wait(om, f->index, mode); /* queued for the background thread: its compile, or ours */
  if ((code = atomic_load_explicit(&om->code[mode][f->index], memory_order_acquire)))
    return code;
  if (__atomic_load_n(&om->refused[mode][f->index], __ATOMIC_ACQUIRE))
    return *why = "the optimising tier gave up on it before", NULL;
  pthread_mutex_lock(&om->lock);
  code = atomic_load_explicit(&om->code[mode][f->index], memory_order_acquire);
  if (!code && !__atomic_load_n(&om->refused[mode][f->index], __ATOMIC_ACQUIRE)) {
    if (eng->compile_on_call) /* --tier opt; the tier manager compiles only what is hot */
      compile_callees_first(om, f->index, mode, eng, NULL);
    else /* the tier manager's compile of a hot function: its callees that are warm */
      compile_callees_first(om, f->index, mode, eng, f->inst);
    code = compile_counted(om, f->index, mode, how_of(eng, m), why);
  }
  pthread_mutex_unlock(&om->lock);
  bg_start(om); /* what the walk queued, now that root is compiled too */
  return code;
}

WLAB_STARTUP void *opt_resolve(wlab_func *f)
{
  void *entry = atomic_load_explicit(&f->entry, memory_order_acquire);
  const char *why;
  opt_code *code;
  if (entry || !f->inst->engine->compile_on_call || !(code = code_for(f, &why)))
    return entry;
  atomic_store_explicit(&f->entry, (void *)code->entry, memory_order_release);
  return (void *)code->entry;
}

void *opt_compile_func(wlab_func *f, const char **why)
{
  opt_code *code = code_for(f, why);
  return code ? (void *)code->entry : NULL;
}

/* ---- AOT: code for an artifact, and an artifact's code adopted ------------------------------- */

bool opt_aot_compile(const wlab_module *m, uint32_t index, bool explicit_bounds, bool budget, const uint8_t *direct,
                     opt_aot_code *out, const char **why)
{
  memset(out, 0, sizeof *out);
  *why = "not a wasm function";
  if (index >= m->nfuncs || !m->funcs[index].ir)
    return false;
  uint64_t t0 = thread_now_ns(), c0 = thread_cpu_ns();
  compile_how how = {budget, m->engine ? m->engine->opt_disable : NULL, 0};
  bool ok = compile_for(NULL, m, index, WLAB_NONE, explicit_bounds, how, out, direct, why) != NULL;
  count(&stat_ns, thread_now_ns() - t0);
  count(&stat_cpu_ns, thread_cpu_ns() - c0);
  if (ok) {
    count(&stat_compiled, 1);
    count(&stat_wasm_bytes, m->funcs[index].ir->code_size);
    count(&stat_code_bytes, out->size);
  } else {
    count(&stat_failed, 1);
  }
  return ok;
}

void opt_aot_code_free(opt_aot_code *c)
{
  free(c->fixups);
  free(c->code);
  free(c->sites);
  free(c->faults);
  memset(c, 0, sizeof *c);
}

bool opt_aot_adopt_begin(const wlab_module *m, bool explicit_bounds, uintptr_t start, uintptr_t end, uint32_t ncode,
                         size_t nentries, bool tables_kept, void (*release)(void *), void *arg)
{
  opt_module *om = module_code(m);
  /* each record's tables padded to the next record's alignment: at most 4 bytes, as a table
   * entry is 12 (opt_aot_adopt) */
  size_t size = (size_t)ncode * (sizeof(opt_code) + 4) + nentries * sizeof(opt_site);
  if (!om || om->adopted || !jitrt_tramps())
    return false;
  if (size && !(om->adopted_block = malloc(size))) /* each record cleared when carved, tables copied in */
    return false;
  om->adopted_size = size;
  om->adopted_tables_kept = tables_kept;
  om->adopted = true;
  om->adopted_mode = explicit_bounds ? MODE_EXPLICIT : MODE_GUARD;
  om->adopted_start = start;
  om->adopted_end = end;
  om->release = release;
  om->release_arg = arg;
  return true;
}

bool opt_aot_adopt(const wlab_module *m, uint32_t index, const uint8_t *entry, uint32_t size, const opt_site *sites,
                   uint32_t nsites, const opt_site *faults, uint32_t nfaults)
{
  opt_module *om = atomic_load_explicit(&((wlab_module *)m)->machine_opt, memory_order_acquire);
  opt_code *code;
  size_t tables = om && om->adopted_tables_kept ? 0 : ((size_t)nsites + nfaults) * sizeof(opt_site);
  size_t carve = sizeof *code + (tables + _Alignof(opt_code) - 1) / _Alignof(opt_code) * _Alignof(opt_code);
  if (!om || !om->adopted || index >= om->nfuncs)
    return false;
  if (om->adopted_block && om->adopted_size - om->adopted_used >= carve) {
    /* a record, its sites, its faults, padding to the next record: opt_aot_adopt_begin's sizes */
    _Static_assert(sizeof(opt_site) == 12 && _Alignof(opt_code) == 8 && sizeof(opt_code) % 8 == 0,
                   "adopted_block's layout");
    code = (opt_code *)(om->adopted_block + om->adopted_used);
    memset(code, 0, sizeof *code);
    code->in_block = true;
    om->adopted_used += carve;
    if (om->adopted_tables_kept) { /* read only, as every record's tables are */
      code->sites = nsites ? (opt_site *)sites : NULL;
      code->faults = nfaults ? (opt_site *)faults : NULL;
    } else {
      code->sites = nsites ? (opt_site *)(code + 1) : NULL;
      code->faults = nfaults ? (opt_site *)(code + 1) + nsites : NULL;
    }
  } else if ((code = calloc(1, sizeof *code))) {
    code->sites = nsites ? malloc(nsites * sizeof *sites) : NULL;
    code->faults = nfaults ? malloc(nfaults * sizeof *faults) : NULL;
  } else {
    return false;
  }
  code->entry = entry;
  code->size = size;
  code->m = m;
  code->func_index = index;
  code->osr_loop_ir = WLAB_NONE;
  code->wasm_sites = true;
  if ((nsites && !code->sites) || (nfaults && !code->faults) ||
      !x64_codemap_add(&code_map, m, om->adopted_start, om->adopted_end, (uintptr_t)entry, size, code)) {
    free_code(code);
    return false;
  }
  if (nsites && code->sites != sites)
    memcpy(code->sites, sites, nsites * sizeof *sites);
  if (nfaults && code->faults != faults)
    memcpy(code->faults, faults, nfaults * sizeof *faults);
  code->nsites = nsites;
  code->nfaults = nfaults;
  atomic_store_explicit(&om->code[om->adopted_mode][index], code, memory_order_release);
  return true;
}

/* ---- OSR versions ---------------------------------------------------------------------------- */

static opt_osr *osr_find(opt_module *om, unsigned mode, uint32_t index, uint32_t loop_ir)
{
  for (opt_osr *o = atomic_load_explicit(&om->osr[mode][index], memory_order_acquire); o; o = o->next)
    if (o->loop_ir == loop_ir)
      return o;
  return NULL;
}

/* The record of f's OSR version for loop_ir, made (OSR_WANTED) when there is none yet; *made
 * says whether this call made it.  NULL when out of memory. */
static opt_osr *osr_record(opt_module *om, unsigned mode, uint32_t index, uint32_t loop_ir, bool *made)
{
  opt_osr *o = osr_find(om, mode, index, loop_ir);
  *made = false;
  if (o)
    return o;
  pthread_mutex_lock(&om->osr_lock);
  if (!(o = osr_find(om, mode, index, loop_ir)) && (o = calloc(1, sizeof *o))) {
    o->loop_ir = loop_ir;
    o->next = atomic_load_explicit(&om->osr[mode][index], memory_order_relaxed);
    atomic_store_explicit(&om->osr[mode][index], o, memory_order_release);
    *made = true;
  }
  pthread_mutex_unlock(&om->osr_lock);
  return o;
}

static bool is_loop_head(const wlab_func *f, uint32_t loop_ir)
{
  return f->ir && loop_ir < f->ir->ninsts && f->ir->insts[loop_ir].op == IR_LOOP_HEAD;
}

void *opt_compile_osr(wlab_func *f, uint32_t loop_ir, const char **why)
{
  const wlab_module *m = f->inst->module;
  const wlab_engine *eng = f->inst->engine;
  opt_module *om;
  bool made;
  *why = "out of memory";
  if (f->host || !is_loop_head(f, loop_ir))
    return *why = "not a loop of a wasm function", NULL;
  if (!(om = module_code(m)) || !jitrt_tramps())
    return NULL;
  unsigned mode = mode_of(f->inst);
  if (om->adopted)
    return *why = "an artifact's module compiles nothing", NULL;
  opt_osr *o = osr_record(om, mode, f->index, loop_ir, &made);
  if (!o)
    return NULL;
  pthread_mutex_lock(&om->lock); /* compiles are one at a time per module; this one once */
  if (atomic_load_explicit(&o->state, memory_order_acquire) == OSR_WANTED) {
    compile_callees_first(om, f->index, mode, eng, eng->compile_on_call ? NULL : f->inst);
    uint64_t t0 = thread_now_ns(), c0 = thread_cpu_ns();
    opt_code *code = compile(om, f->index, loop_ir, mode == MODE_EXPLICIT, how_of(eng, m), why);
    count(&stat_ns, thread_now_ns() - t0);
    count(&stat_cpu_ns, thread_cpu_ns() - c0);
    if (code) {
      count(&stat_code_bytes, code->size);
      if (eng && eng->cfg.trace_tiering) /* how much of the loop nest the version keeps (opt/build.c) */
        fprintf(stderr, "tiering: function %u: opt OSR version for the loop at 0x%x: enclosing loops %u kept as loops, "
                "%u flattened%s\n", f->index, f->ir->wasm_offsets[loop_ir], code->nest_kept, code->nest_flat,
                code->nest_flat ? " (over the copy budget)" : "");
      atomic_store_explicit(&o->code, code, memory_order_release);
      atomic_store_explicit(&o->state, OSR_READY, memory_order_release);
    } else {
      count(&stat_failed, 1);
      atomic_store_explicit(&o->state, OSR_REFUSED, memory_order_release);
      if (log_failures())
        fprintf(stderr, "wasmlab: opt: function %u, loop at IR %u: no OSR version: %s\n", f->index, loop_ir, *why);
    }
  } else if (atomic_load_explicit(&o->state, memory_order_acquire) == OSR_REFUSED) {
    *why = "the optimising tier gave up on it before";
  }
  opt_code *code = atomic_load_explicit(&o->code, memory_order_acquire);
  pthread_mutex_unlock(&om->lock);
  bg_start(om); /* anything the walk queued */
  return code ? (void *)code->entry : NULL;
}

/* tier_ops.osr_entry: the OSR version's entry if it is compiled.  The first time a loop is asked
 * for, the engine's manager is asked to compile it (on its thread, or here under
 * --no-background); until then, and when it gave up, NULL: the tier below keeps running. */
static void *opt_osr_entry(wlab_func *f, uint32_t loop_ir)
{
  wlab_engine *eng = f->inst->engine;
  opt_module *om;
  bool made;
  if (f->host || !is_loop_head(f, loop_ir) || !(om = module_code(f->inst->module)))
    return NULL;
  unsigned mode = mode_of(f->inst);
  opt_osr *o = osr_find(om, mode, f->index, loop_ir);
  if (!o) {
    /* Only for a function that has climbed to this tier: the tier manager asks every tier above
     * the one running, and a function just found hot for the baseline is not worth an opt
     * compile yet. */
    if (!atomic_load_explicit(&om->code[mode][f->index], memory_order_acquire))
      return NULL;
    if (!eng->on_osr_wanted || !(o = osr_record(om, mode, f->index, loop_ir, &made)))
      return NULL;
    if (made)
      eng->on_osr_wanted(&opt_tier, f, loop_ir, eng->on_hot_arg);
  }
  opt_code *code = atomic_load_explicit(&o->code, memory_order_acquire);
  return code ? (void *)code->entry : NULL;
}

/* ---- entering ----------------------------------------------------------------------------------- */

WLAB_STARTUP static wlab_status opt_invoke_frame(wlab_func *f, uint8_t *fp, trap_site *site)
{
  void *entry = opt_resolve(f);
  if (!entry)
    return f->inst->engine->fallback->invoke_frame(f, fp, site);
  return jitrt_invoke_at(f, entry, fp, site);
}

WLAB_STARTUP static wlab_status opt_invoke(wlab_func *f, uint64_t *slots, trap_site *site)
{
  return engine_invoke_via_frame(f, slots, site, opt_invoke_frame);
}

static wlab_status opt_invoke_at(wlab_func *f, void *entry, uint8_t *fp, trap_site *site)
{
  return jitrt_invoke_at(f, entry, fp, site);
}

/* --eager: every function of the instance's module compiled now. */
WLAB_STARTUP static wlab_status opt_instance_ready(wlab_instance *inst, trap_site *site)
{
  const wlab_module *m = inst->module;
  (void)site;
  if (!inst->engine->cfg.eager)
    return WLAB_OK;
  for (uint32_t i = m->nimported_funcs; i < m->nfuncs; i++)
    opt_resolve(inst->funcs[i]);
  return WLAB_OK;
}

static void opt_instance_free(wlab_instance *inst)
{
  (void)inst; /* code belongs to the module */
}

const tier_ops opt_tier = {
  .name = "opt",
  .invoke = opt_invoke,
  .instance_free = opt_instance_free,
  .invoke_frame = opt_invoke_frame,
  .resolve = opt_resolve,
  .instance_ready = opt_instance_ready,
  .stats = opt_stats,
  .invoke_at = opt_invoke_at,
  .osr_entry = opt_osr_entry,
  .site_at = opt_site_at,
  .frame_at = opt_frame_at,
  .dump = opt_dump_asm,
  .dump_ssa = opt_dump_ssa,
};
