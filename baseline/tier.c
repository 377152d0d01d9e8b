/* tier.c: the baseline tier: per-module code tables, lazy and eager compiles, entry, traps, stats. */
#include "baseline/baseline.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/error.h"
#include "core/startup.h"
#include "x64/codemap.h"
#include "x64/codemem.h"

/*
 * Code belongs to the module, so its instances share it: a function compiles once per
 * bounds-check mode (guard pages, or explicit checks where an instance's memory has no
 * reservation) and each instance's code-table entry (wlab_func.entry) is pointed at it on the
 * function's first call.  Machine code reads everything instance-specific through r13 (vmctx).
 *
 * A compile that gives up leaves the function in the interpreter, records why (--stats
 * counts them, WLAB_BASELINE_LOG=1 prints them), and never changes a result.
 */

enum { MODE_GUARD, MODE_EXPLICIT, MODES };

typedef struct bl_module {
  pthread_mutex_t lock;
  const wlab_module *m;
  uint32_t nfuncs;
  bl_code *_Atomic *code[MODES];  /* [func]; NULL until compiled */
  uint8_t *refused[MODES];        /* [func]: the compile gave up */
  x64_codemem *regions;           /* eager compiles: one region each */
  uint32_t nregions, regions_cap;
  x64_codeheap heap;              /* lazy compiles: appended to shared chunks */
  /* an artifact's code (bl_aot_adopt_begin): nothing is compiled; release(release_arg) unmaps it */
  bool adopted;
  unsigned adopted_mode;
  uintptr_t adopted_start, adopted_end;
  void (*release)(void *);
  void *release_arg;
} bl_module;

/* ---- statistics (since the process started) ------------------------------------------------- */

static uint64_t stat_compiled, stat_failed, stat_wasm_bytes, stat_code_bytes, stat_ns, stat_cpu_ns;

#define CPU_CLOCK_MIN 4096 /* bytes of wasm: see compile_one */

static uint64_t thread_cpu_ns(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void count(uint64_t *c, uint64_t n) { __atomic_add_fetch(c, n, __ATOMIC_RELAXED); }

static void baseline_stats(const wlab_engine *e, wlab_tier_stats *out)
{
  (void)e;
  out->funcs_compiled = __atomic_load_n(&stat_compiled, __ATOMIC_RELAXED);
  out->funcs_failed = __atomic_load_n(&stat_failed, __ATOMIC_RELAXED);
  out->wasm_bytes = __atomic_load_n(&stat_wasm_bytes, __ATOMIC_RELAXED);
  out->code_bytes = __atomic_load_n(&stat_code_bytes, __ATOMIC_RELAXED);
  out->compile_ns = __atomic_load_n(&stat_ns, __ATOMIC_RELAXED);
  out->compile_cpu_ns = __atomic_load_n(&stat_cpu_ns, __ATOMIC_RELAXED);
}

/* ---- where each piece of code is (for traps and dumps) -------------------------------------
 * The process's map of baseline code (x64/codemap.h): the region of an eager compile or a
 * chunk of a module's code heap is a span, each function added to its span in address order. */

static x64_codemap code_map WLAB_STARTUP_DATA = X64_CODEMAP_INIT;

static bool registry_add(const bl_code *code, uintptr_t start, uintptr_t end)
{
  return x64_codemap_add(&code_map, code->m, start, end, (uintptr_t)code->entry, code->size, code);
}

const bl_code *bl_code_at(uintptr_t pc)
{
  return x64_codemap_find(&code_map, pc);
}

uint32_t bl_code_ir_at(const bl_code *code, uintptr_t pc)
{
  uint32_t off = (uint32_t)(pc - (uintptr_t)code->entry), lo = 0, hi = code->nfaults;
  for (uint32_t i = 0; i < code->nsites; i++) /* a trap stub's return address */
    if (code->sites[i].pc == off)
      return code->sites[i].ir;
  /* a fault in the body: the last memory access that starts at or before it */
  while (lo < hi) {
    uint32_t mid = (lo + hi) / 2;
    if (code->faults[mid].pc <= off)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo ? code->faults[lo - 1].ir : WLAB_NONE;
}

/* ---- the module's code ------------------------------------------------------------------------ */

static void free_module_code(void *p)
{
  bl_module *bm = p;
  if (bm->m)
    x64_codemap_remove_owner(&code_map, bm->m);
  for (unsigned mode = 0; mode < MODES; mode++) {
    for (uint32_t i = 0; bm->code[mode] && i < bm->nfuncs; i++)
      free(bm->code[mode][i]); /* its site tables are in the same allocation */
    free(bm->code[mode]);
    free(bm->refused[mode]);
  }
  for (uint32_t i = 0; i < bm->nregions; i++)
    x64_codemem_free(&bm->regions[i]);
  free(bm->regions);
  x64_codeheap_free(&bm->heap);
  pthread_mutex_destroy(&bm->lock);
  if (bm->release)
    bm->release(bm->release_arg);
  free(bm);
}

static bl_module *module_code(const wlab_module *cm)
{
  wlab_module *m = (wlab_module *)cm;
  bl_module *bm = atomic_load_explicit(&m->machine, memory_order_acquire);
  void *expected = NULL;
  if (bm)
    return bm;
  if (!(bm = calloc(1, sizeof *bm)))
    return NULL;
  bm->m = m;
  bm->nfuncs = m->nfuncs;
  x64_codeheap_init(&bm->heap);
  pthread_mutex_init(&bm->lock, NULL);
  for (unsigned mode = 0; mode < MODES; mode++) {
    bm->code[mode] = calloc(m->nfuncs + 1, sizeof *bm->code[mode]);
    bm->refused[mode] = calloc(m->nfuncs + 1, 1);
    if (!bm->code[mode] || !bm->refused[mode]) {
      free_module_code(bm);
      return NULL;
    }
  }
  if (!atomic_compare_exchange_strong_explicit(&m->machine, &expected, bm, memory_order_acq_rel,
                                              memory_order_acquire)) {
    free_module_code(bm);
    return expected;
  }
  m->machine_free = free_module_code;
  return bm;
}

static unsigned mode_of(const wlab_instance *inst)
{
  const memory *mem = inst->mem;
  return inst->engine->limits.explicit_bounds || (mem && !mem->guarded) ? MODE_EXPLICIT : MODE_GUARD;
}

static bool budget_of(const wlab_engine *e) { return e->cfg.fuel || e->cfg.timeout > 0; }

/* A test knob (docs/baseline.md): WLAB_BASELINE_REFUSE=odd|even|all|LO-HI[,LO-HI...] leaves those
 * functions (by index, ranges inclusive) in the interpreter, so calls between the tiers get
 * exercised by every test, and a miscompiled function can be found by bisection. */
static bool refused_by_knob(uint32_t index)
{
  static jitrt_knob knob = {"WLAB_BASELINE_REFUSE", -1, NULL};
  return jitrt_knob_refuses(&knob, index);
}

static bool log_failures(void)
{
  static int on = -1;
  if (on < 0) {
    const char *s = getenv("WLAB_BASELINE_LOG");
    on = s && *s && strcmp(s, "0") != 0;
  }
  return on;
}

/* The per-thread compiler and its buffer, reused from compile to compile. */
typedef struct compiler {
  bl_comp c;
  x64_buf b;
} compiler;
static _Thread_local compiler *tls_compiler;
static pthread_key_t compiler_key; /* frees a thread's compiler when the thread ends */
static pthread_once_t compiler_key_once = PTHREAD_ONCE_INIT;

static void compiler_free(void *p)
{
  compiler *cp = p;
  if (tls_compiler == cp)
    tls_compiler = NULL;
  bl_comp_free(&cp->c);
  x64_buf_free(&cp->b);
  free(cp);
}

static void compiler_key_init(void) { pthread_key_create(&compiler_key, compiler_free); }

static compiler *compiler_get(void)
{
  if (!tls_compiler && (tls_compiler = calloc(1, sizeof *tls_compiler))) {
    bl_comp_init(&tls_compiler->c);
    x64_buf_init(&tls_compiler->b);
    tls_compiler->c.b = &tls_compiler->b;
    pthread_once(&compiler_key_once, compiler_key_init);
    pthread_setspecific(compiler_key, tls_compiler);
  }
  return tls_compiler;
}

static bool add_region(bl_module *bm, const x64_codemem *cm)
{
  if (bm->nregions == bm->regions_cap) {
    uint32_t cap = bm->regions_cap ? bm->regions_cap * 2 : 16;
    x64_codemem *p = realloc(bm->regions, cap * sizeof *p);
    if (!p)
      return false;
    bm->regions = p;
    bm->regions_cap = cap;
  }
  bm->regions[bm->nregions++] = *cm;
  return true;
}

/* The record of one compiled function, `size` bytes (its entry is set once installed): one
 * allocation, its site tables right after it. */
static bl_code *make_code(const bl_comp *c, const wlab_module *m, uint32_t index, size_t size)
{
  size_t nsites = c->nsites + (size_t)c->nfaults + c->nosr;
  bl_code *code = malloc(sizeof *code + nsites * sizeof(bl_site));
  bl_site *table;
  if (!code)
    return NULL;
  memset(code, 0, sizeof *code);
  table = (bl_site *)(code + 1);
  code->m = m;
  code->func_index = index;
  code->ir = m->funcs[index].ir;
  code->size = (uint32_t)size;
  code->sites = table;
  code->faults = table + c->nsites;
  code->osr = c->nosr ? table + c->nsites + c->nfaults : NULL;
  if (c->nsites) /* the compiler's arrays stay NULL until it first needs one */
    memcpy(code->sites, c->sites, (size_t)c->nsites * sizeof *code->sites);
  if (c->nfaults)
    memcpy(code->faults, c->faults, (size_t)c->nfaults * sizeof *code->faults);
  if (c->nosr)
    memcpy(code->osr, c->osr_sites, (size_t)c->nosr * sizeof *code->osr);
  code->nsites = c->nsites;
  code->nfaults = c->nfaults;
  code->nosr = c->nosr;
  code->frame_bytes = c->frame_bytes;
  return code;
}

/* Why the last compile on this thread gave up (for the tier manager's log). */
static _Thread_local const char *tls_fail_reason;

static void note_failure(const wlab_module *m, uint32_t index, const bl_comp *c)
{
  count(&stat_failed, 1);
  tls_fail_reason = c->fail ? c->fail : "gave up";
  if (log_failures())
    fprintf(stderr, "wasmlab: baseline: function %u%s%s%s stays in the interpreter: %s (IR %u)\n", index,
            m->funcs[index].name ? " <" : "", m->funcs[index].name ? m->funcs[index].name : "",
            m->funcs[index].name ? ">" : "", c->fail ? c->fail : "gave up", c->fail_ir);
}

/* The record of function i, now at entry, goes where traps and calls find it. */
static void publish(bl_module *bm, const wlab_module *m, unsigned mode, uint32_t i, bl_code *code)
{
  count(&stat_compiled, 1);
  count(&stat_wasm_bytes, m->funcs[i].ir->code_size);
  count(&stat_code_bytes, code->size);
  atomic_store_explicit(&bm->code[mode][i], code, memory_order_release);
}

/* Compiles function i of m into out (appending at a 16-byte boundary) and returns its record,
 * its entry not yet set, with *start its offset in out; NULL when the compile gave up (the
 * function is marked refused) or memory ran out (*oom). */
static bl_code *compile_into(compiler *cp, bl_module *bm, const wlab_module *m, unsigned mode, uint32_t i,
                             x64_buf *out, bool budget, size_t *start, bool *oom)
{
  size_t mark = x64_here(out);
  bl_code *code;
  if (refused_by_knob(i)) {
    bm->refused[mode][i] = 1;
    tls_fail_reason = "left to the interpreter by WLAB_BASELINE_REFUSE";
    return NULL;
  }
  cp->c.b = out;
  bool compiled = bl_compile(&cp->c, m, i, mode == MODE_EXPLICIT, budget, start);
  cp->c.b = &cp->b;
  out->nlabels = 0; /* labels are per function */
  out->pending = 0;
  if (!compiled) {
    note_failure(m, i, &cp->c);
    bm->refused[mode][i] = 1;
    out->len = mark; /* drop what it emitted */
    out->failed = false;
    return NULL;
  }
  if (!(code = make_code(&cp->c, m, i, x64_here(out) - *start)))
    *oom = true;
  return code;
}

/* Under a tier manager with a rung above the baseline, the code counts hotness for it. */
static bool counts_hotness(const wlab_module *m) { return m->engine && m->engine->counting == &baseline_tier; }

/* Compiles functions [first, last) of m that have no code in `mode` yet into one region (an
 * eager compile), emitting straight into it (no copy; pages past the end are never touched).
 * Called with bm->lock held.  Returns false only when out of memory. */
static bool compile_range(bl_module *bm, const wlab_module *m, unsigned mode, uint32_t first, uint32_t last,
                          bool budget, bool osr)
{
  compiler *cp = compiler_get();
  uint64_t t0 = thread_now_ns(), c0 = thread_cpu_ns(), wasm = 0;
  uint32_t n = last - first, done = 0;
  size_t *at = calloc(n + 1, sizeof *at);
  bl_code **made = calloc(n + 1, sizeof *made);
  x64_codemem cm = {0};
  x64_buf out;
  bool good = cp && at && made, direct, oom = false;
  for (uint32_t i = first; i < last; i++)
    wasm += m->funcs[i].ir ? m->funcs[i].ir->code_size : 0;
  /* machine code runs about 2x the wasm bytes; more spills to the heap and is copied once */
  direct = good && x64_codemem_alloc(&cm, (size_t)(3 * wasm + 4096));
  if (direct)
    x64_buf_init_external(&out, cm.base, cm.size);
  else
    x64_buf_init(&out);
  if (good) {
    cp->c.osr = osr;
    cp->c.hot = counts_hotness(m);
    for (uint32_t i = first; i < last && !oom; i++) {
      if (bm->code[mode][i] || bm->refused[mode][i])
        continue;
      if ((made[i - first] = compile_into(cp, bm, m, mode, i, &out, budget, &at[i - first], &oom)))
        done++;
    }
    good = !oom;
  }
  if (good && done && direct && out.external) {
    cm.len = out.len;
    good = x64_codemem_finalize(&cm) && add_region(bm, &cm);
  } else {
    if (direct)
      x64_codemem_free(&cm);
    if (good && done)
      good = x64_codemem_install(&cm, out.code, out.len) && add_region(bm, &cm);
  }
  x64_buf_free(&out);
  for (uint32_t i = first; i < last; i++) {
    bl_code *code = made ? made[i - first] : NULL;
    if (!code)
      continue;
    code->entry = cm.base + at[i - first];
    if (!good || !registry_add(code, (uintptr_t)cm.base, (uintptr_t)cm.base + cm.size)) {
      free(code);
      good = false;
      continue;
    }
    publish(bm, m, mode, i, code);
  }
  count(&stat_ns, thread_now_ns() - t0);
  count(&stat_cpu_ns, thread_cpu_ns() - c0);
  free(at);
  free(made);
  return good;
}

/* Compiles function i of m (a lazy compile: on first call, or once hot) into the thread's
 * buffer and appends it to the module's code heap, where it costs its own bytes.  Called with
 * bm->lock held.  Returns false only when out of memory. */
static bool compile_one(bl_module *bm, const wlab_module *m, unsigned mode, uint32_t i, bool budget, bool osr)
{
  if (bm->code[mode][i] || bm->refused[mode][i]) /* another thread took the lock first */
    return true;
  compiler *cp = compiler_get();
  /* the thread's CPU clock is a system call, which costs more than compiling a small function:
   * below CPU_CLOCK_MIN bytes of wasm the compile's wall time counts as its CPU time */
  bool cpu_clock = m->funcs[i].ir && m->funcs[i].ir->code_size >= CPU_CLOCK_MIN;
  uint64_t t0 = thread_now_ns(), c0 = cpu_clock ? thread_cpu_ns() : 0;
  const x64_codechunk *chunk = NULL;
  bl_code *code = NULL;
  size_t start = 0;
  bool oom = !cp;
  if (cp) {
    x64_buf_reset(&cp->b);
    cp->c.osr = osr;
    cp->c.hot = counts_hotness(m);
    code = compile_into(cp, bm, m, mode, i, &cp->b, budget, &start, &oom);
  }
  if (code) {
    uint8_t *entry = x64_codeheap_add(&bm->heap, cp->b.code + start, code->size, &chunk);
    code->entry = entry;
    if (!entry || !registry_add(code, (uintptr_t)chunk->rx, (uintptr_t)chunk->rx + chunk->size)) {
      free(code);
      oom = true;
    } else {
      publish(bm, m, mode, i, code);
    }
  }
  uint64_t wall = thread_now_ns() - t0;
  count(&stat_ns, wall);
  count(&stat_cpu_ns, cpu_clock ? thread_cpu_ns() - c0 : wall);
  return !oom;
}

/* f's code in its instance's bounds-check mode, compiled now if need be; NULL when the compile
 * gave up (or memory ran out).  Does not install it. */
static bl_code *code_for(wlab_func *f, const char **why)
{
  const wlab_module *m = f->inst->module;
  const wlab_engine *e = f->inst->engine;
  bl_module *bm;
  unsigned mode;
  bl_code *code;
  *why = "out of memory";
  if (f->host || !f->ir)
    return *why = "not a wasm function", NULL;
  if (!(bm = module_code(m)) || !jitrt_tramps())
    return NULL;
  mode = mode_of(f->inst);
  code = atomic_load_explicit(&bm->code[mode][f->index], memory_order_acquire);
  if (!code) {
    if (bm->refused[mode][f->index])
      return *why = "the compiler gave up on it before", NULL;
    if (bm->adopted) /* an artifact's module runs what the artifact holds, and compiles nothing */
      return *why = mode == bm->adopted_mode ? "not in the artifact" : "the artifact holds the other bounds mode", NULL;
    pthread_mutex_lock(&bm->lock);
    tls_fail_reason = NULL;
    compile_one(bm, m, mode, f->index, budget_of(e), e->osr);
    if (tls_fail_reason)
      *why = tls_fail_reason;
    pthread_mutex_unlock(&bm->lock);
    code = atomic_load_explicit(&bm->code[mode][f->index], memory_order_acquire);
  }
  return code;
}

void *bl_resolve(wlab_func *f)
{
  void *e = atomic_load_explicit(&f->entry, memory_order_acquire);
  const char *why;
  bl_code *code;
  /* only a pinned baseline tier compiles on first call; under the tier manager a function gets
   * code when it is hot (bl_compile_func) */
  if (e || !f->inst->engine->compile_on_call || !(code = code_for(f, &why)))
    return e;
  atomic_store_explicit(&f->entry, (void *)code->entry, memory_order_release);
  return (void *)code->entry;
}

void *bl_compile_func(wlab_func *f, const char **why)
{
  bl_code *code = code_for(f, why);
  return code ? (void *)code->entry : NULL;
}

/* ---- AOT: code for an artifact, and an artifact's code adopted ------------------------------- */

bool bl_aot_compile(const wlab_module *m, uint32_t index, bool explicit_bounds, bool budget, bl_aot_code *out,
                    const char **why)
{
  memset(out, 0, sizeof *out);
  *why = "not a wasm function";
  if (index >= m->nfuncs || !m->funcs[index].ir)
    return false;
  *why = "out of memory";
  compiler *cp = compiler_get();
  if (!cp)
    return false;
  uint64_t t0 = thread_now_ns(), c0 = thread_cpu_ns();
  size_t start = 0;
  x64_buf_reset(&cp->b);
  cp->c.osr = false; /* nothing climbs from an artifact: no OSR entries, no hotness counts */
  cp->c.hot = false;
  bool ok = false;
  if (refused_by_knob(index)) {
    *why = "left to the interpreter by WLAB_BASELINE_REFUSE";
  } else if (!bl_compile(&cp->c, m, index, explicit_bounds, budget, &start)) {
    note_failure(m, index, &cp->c);
    *why = cp->c.fail ? cp->c.fail : "gave up";
  } else {
    const bl_comp *c = &cp->c;
    out->size = (uint32_t)(x64_here(&cp->b) - start);
    out->code = malloc(out->size ? out->size : 1);
    out->sites = malloc(((size_t)c->nsites + 1) * sizeof *out->sites);
    out->faults = malloc(((size_t)c->nfaults + 1) * sizeof *out->faults);
    if (out->code && out->sites && out->faults) {
      memcpy(out->code, cp->b.code + start, out->size);
      if (c->nsites)
        memcpy(out->sites, c->sites, (size_t)c->nsites * sizeof *out->sites);
      if (c->nfaults)
        memcpy(out->faults, c->faults, (size_t)c->nfaults * sizeof *out->faults);
      out->nsites = c->nsites;
      out->nfaults = c->nfaults;
      ok = true;
      count(&stat_compiled, 1);
      count(&stat_wasm_bytes, m->funcs[index].ir->code_size);
      count(&stat_code_bytes, out->size);
    } else {
      bl_aot_code_free(out);
    }
  }
  cp->b.nlabels = 0; /* labels are per function */
  cp->b.pending = 0;
  cp->b.failed = false;
  count(&stat_ns, thread_now_ns() - t0);
  count(&stat_cpu_ns, thread_cpu_ns() - c0);
  return ok;
}

void bl_aot_code_free(bl_aot_code *c)
{
  free(c->code);
  free(c->sites);
  free(c->faults);
  memset(c, 0, sizeof *c);
}

bool bl_aot_adopt_begin(const wlab_module *m, bool explicit_bounds, uintptr_t start, uintptr_t end,
                        void (*release)(void *), void *arg)
{
  bl_module *bm = module_code(m);
  if (!bm || bm->adopted || !jitrt_tramps())
    return false;
  bm->adopted = true;
  bm->adopted_mode = explicit_bounds ? MODE_EXPLICIT : MODE_GUARD;
  bm->adopted_start = start;
  bm->adopted_end = end;
  bm->release = release;
  bm->release_arg = arg;
  return true;
}

bool bl_aot_adopt(const wlab_module *m, uint32_t index, const uint8_t *entry, uint32_t size, const bl_site *sites,
                  uint32_t nsites, const bl_site *faults, uint32_t nfaults)
{
  bl_module *bm = atomic_load_explicit(&((wlab_module *)m)->machine, memory_order_acquire);
  bl_code *code;
  if (!bm || !bm->adopted || index >= bm->nfuncs || !m->funcs[index].ir)
    return false;
  /* one allocation, the tables right after the record, as make_code lays them out */
  if (!(code = calloc(1, sizeof *code + ((size_t)nsites + nfaults) * sizeof(bl_site))))
    return false;
  code->entry = entry;
  code->m = m;
  code->size = size;
  code->func_index = index;
  code->ir = m->funcs[index].ir;
  code->sites = (bl_site *)(code + 1);
  code->faults = code->sites + nsites;
  if (nsites)
    memcpy(code->sites, sites, nsites * sizeof *sites);
  if (nfaults)
    memcpy(code->faults, faults, nfaults * sizeof *faults);
  code->nsites = nsites;
  code->nfaults = nfaults;
  code->wasm_sites = true;
  code->frame_bytes = -1; /* not in the artifact: a trace stops at its frames */
  if (!registry_add(code, bm->adopted_start, bm->adopted_end)) {
    free(code);
    return false;
  }
  atomic_store_explicit(&bm->code[bm->adopted_mode][index], code, memory_order_release);
  return true;
}

/* The OSR entry of f's compiled code for loop header loop_ir, or NULL. */
static void *bl_osr_entry(wlab_func *f, uint32_t loop_ir)
{
  bl_module *bm = atomic_load_explicit(&f->inst->module->machine, memory_order_acquire);
  const bl_code *code;
  uint32_t lo = 0, hi;
  if (!bm || f->host || !f->ir)
    return NULL;
  code = atomic_load_explicit(&bm->code[mode_of(f->inst)][f->index], memory_order_acquire);
  if (!code || !code->nosr)
    return NULL;
  hi = code->nosr;
  while (lo < hi) {
    uint32_t mid = (lo + hi) / 2;
    if (code->osr[mid].ir < loop_ir)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < code->nosr && code->osr[lo].ir == loop_ir ? (void *)(code->entry + code->osr[lo].pc) : NULL;
}

/* ---- entering machine code --------------------------------------------------------------------- */

/* tier_ops.site_at: pc is a faulting instruction, or (return_address) what a trap stub's call
 * pushed: that can be the function's very end, so it is looked up one byte back, inside the
 * call.  False when the pc is not in baseline code. */
static bool baseline_site_at(uintptr_t pc, bool return_address, trap_site *site)
{
  const bl_code *code = bl_code_at(return_address ? pc - 1 : pc);
  if (!code)
    return false;
  uint32_t irx = bl_code_ir_at(code, pc);
  site->func_index = code->func_index;
  site->module = code->m;
  if (code->wasm_sites) /* an artifact's: the sites hold wasm offsets, the IR is a shell */
    site->offset = irx != WLAB_NONE ? irx : code->ir->code_offset;
  else
    site->offset = code->ir->ninsts ? code->ir->wasm_offsets[irx != WLAB_NONE ? irx : 0] : code->ir->code_offset;
  return true;
}

/* tier_ops.frame_at: the body's native frame is the same everywhere after the prologue's pushes;
 * only the stack check before them (the one TRAP_STACK_EXHAUSTED stub) runs without it. */
static bool baseline_frame_at(uintptr_t pc, bool return_address, uint32_t kind, uintptr_t sp, trap_site *site,
                              uintptr_t *ret_slot)
{
  const bl_code *code = bl_code_at(return_address ? pc - 1 : pc);
  uint32_t irx, off;
  bool found = false;
  if (!code)
    return false;
  off = (uint32_t)(pc - (uintptr_t)code->entry);
  for (uint32_t i = 0; i < code->nsites && return_address && !found; i++)
    found = code->sites[i].pc == off;
  if (return_address && !found)
    return false;
  irx = bl_code_ir_at(code, pc);
  if (irx == WLAB_NONE)
    return false;
  baseline_site_at(pc, return_address, site);
  *ret_slot = code->frame_bytes < 0 ? 0 : sp + (kind == TRAP_STACK_EXHAUSTED ? 0 : (uintptr_t)code->frame_bytes);
  return true;
}

static wlab_status baseline_invoke_at(wlab_func *f, void *entry, uint8_t *fp, trap_site *site)
{
  return jitrt_invoke_at(f, entry, fp, site);
}

static wlab_status baseline_invoke_frame(wlab_func *f, uint8_t *fp, trap_site *site)
{
  void *entry = bl_resolve(f);
  if (!entry)
    return f->inst->engine->fallback->invoke_frame(f, fp, site);
  return baseline_invoke_at(f, entry, fp, site);
}

static wlab_status baseline_invoke(wlab_func *f, uint64_t *slots, trap_site *site)
{
  return engine_invoke_via_frame(f, slots, site, baseline_invoke_frame);
}

/* --eager: every function of the instance's module compiled now, into one region. */
static wlab_status baseline_instance_ready(wlab_instance *inst, trap_site *site)
{
  const wlab_module *m = inst->module;
  bl_module *bm;
  unsigned mode = mode_of(inst);
  bool ok;
  if (!inst->engine->cfg.eager || m->nfuncs == m->nimported_funcs)
    return WLAB_OK;
  if ((bm = atomic_load_explicit(&m->machine, memory_order_acquire)) && bm->adopted)
    return WLAB_OK; /* an artifact's: its code is all there is */
  if (!(bm = module_code(m)) || !jitrt_tramps()) {
    site->kind = TRAP_HOST;
    snprintf(site->host_message, sizeof site->host_message, "out of memory compiling");
    return WLAB_ERR_NOMEM;
  }
  pthread_mutex_lock(&bm->lock);
  ok = compile_range(bm, m, mode, m->nimported_funcs, m->nfuncs, budget_of(inst->engine), inst->engine->osr);
  pthread_mutex_unlock(&bm->lock);
  if (!ok) {
    site->kind = TRAP_HOST;
    snprintf(site->host_message, sizeof site->host_message, "out of memory compiling");
    return WLAB_ERR_NOMEM;
  }
  for (uint32_t i = m->nimported_funcs; i < m->nfuncs; i++)
    bl_resolve(inst->funcs[i]);
  return WLAB_OK;
}

static void baseline_instance_free(wlab_instance *inst)
{
  (void)inst; /* code belongs to the module; entries die with the instance's functions */
}

const tier_ops baseline_tier = {
  .name = "baseline",
  .invoke = baseline_invoke,
  .instance_free = baseline_instance_free,
  .invoke_frame = baseline_invoke_frame,
  .resolve = bl_resolve,
  .instance_ready = baseline_instance_ready,
  .dump = bl_dump_tier,
  .stats = baseline_stats,
  .osr_entry = bl_osr_entry,
  .invoke_at = baseline_invoke_at,
  .site_at = baseline_site_at,
  .frame_at = baseline_frame_at,
};
