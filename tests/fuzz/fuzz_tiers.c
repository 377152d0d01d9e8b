/* fuzz_tiers.c: libFuzzer target: each input becomes a valid module (gen_module.c) run in every tier; any difference is a finding. */
#include "wasmlab.h"

#include <inttypes.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/instance.h"
#include "tests/fuzz/gen_module.h"

/*
 * Each configuration (a tier and its settings) runs the module on a thread of its own for the
 * whole process: every tier keeps its frames in one value stack per thread, and configurations
 * sharing a thread would hand each other the values left in dead slots, hiding the bugs that
 * read a slot nobody wrote.  The configurations advance in lockstep, one step at a time:
 *   instantiation (ok, or the error: a start function's trap, a segment out of bounds);
 *   each exported function, called ROUNDS times over with fixed arguments (after "hang_reset",
 *   when the module has a hang limit): its results, bit for bit (NaNs included: core/numeric.h
 *   fixes which NaN every op gives, the same in every tier), or its trap's status and message,
 *   and the host calls it made.
 * After every step the main thread compares the instances themselves with the first
 * configuration's (the workers wait meanwhile): memory size and bytes, every global, every
 * table's size and entries.  The first difference is a finding: it is printed and the process
 * traps, so libFuzzer keeps the input.  Running out of fuel or stack happens at tier-specific
 * points, so once any configuration does, the rest of that module is not compared.
 *
 * Reproducing a finding: run the target on the input with WLAB_FUZZ_SAVE=FILE to get the module
 * (written before each input runs, so a crash leaves it too), then `wasmlab run --tier T --invoke fN FILE ...`, `wasm2wat FILE` or tests/diff's difftest.
 * WLAB_FUZZ_STATS=1 prints, at exit, what the inputs did (how many instantiated, trapped, ...).
 */

#define MAX_CONF 5
#define ROUNDS 2
#define FUEL 100000           /* with a hang limit a call uses a few hundred ticks; without, this stops it */
#define MAX_VALS 16
#define MAX_REENTER 2         /* reenter's nesting */
#define MAX_IMPORTS 16
#define MAX_EXPORTS 16
#define WORKER_STACK ((size_t)8 << 20)

typedef struct conf {
  const char *name, *tier;
  int64_t tier_up_after;
  int no_background;
  bool explicit_if_asked;     /* explicit bounds checks when the input's last byte is odd */
} conf;

/* Tiered at 0 compiles every function at its first tick on the compiler thread, so installs race
 * with running code; at 2 on the running thread, a function is compiled at its first loop header
 * and the activation moves into the new code (on-stack replacement).  The optimising tier is
 * compared when WLAB_FUZZ_OPT=1 (scripts/fuzz --opt, as CI runs it), so that a run can leave it
 * out while it has open findings. */
static const conf confs[MAX_CONF] = {
  {"interp", "interp", WLAB_TIER_UP_DEFAULT, 0, false},
  {"baseline", "baseline", WLAB_TIER_UP_DEFAULT, 0, true},
  {"tiered0", "tiered", 0, 0, false},
  {"tiered2-sync", "tiered", 2, 1, true},
  {"opt", "opt", WLAB_TIER_UP_DEFAULT, 0, true},
};
static int nconf = MAX_CONF - 1;

/* ---- text ----------------------------------------------------------------------------------- */

typedef struct sbuf {
  char *p;
  size_t n, cap;
} sbuf;

static __attribute__((format(printf, 2, 3))) void sb_printf(sbuf *b, const char *fmt, ...)
{
  va_list ap;
  int len;
  va_start(ap, fmt);
  len = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (len < 0)
    return;
  if (b->n + (size_t)len + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->n + (size_t)len + 1)
      cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p)
      abort(); /* the fuzzer's own memory: nothing to compare without it */
    b->p = p;
    b->cap = cap;
  }
  va_start(ap, fmt);
  vsnprintf(b->p + b->n, (size_t)len + 1, fmt, ap);
  va_end(ap);
  b->n += (size_t)len;
}

static const char *sb_str(const sbuf *b) { return b->p ? b->p : ""; }

/* ---- one configuration's worker -------------------------------------------------------------- */

typedef enum job_kind { JOB_OPEN, JOB_CALL, JOB_CLOSE } job_kind;
typedef enum host_kind { HOST_LOG, HOST_MIX, HOST_REENTER } host_kind;

typedef struct worker worker;

typedef struct host_env {
  worker *w;
  host_kind kind;
  char name[16];
} host_env;

struct worker {
  const conf *c;
  pthread_t thread;
  sem_t go, done;
  /* the job the main thread set before posting go */
  job_kind job;
  const gen_result *mod;
  bool explicit_bounds;
  uint32_t call;              /* JOB_CALL: the export */
  unsigned round;
  /* the module's run */
  wlab_engine *e;
  wlab_module *m;
  wlab_linker *l;
  wlab_instance *inst;
  wlab_func *exports[MAX_EXPORTS];
  uint32_t nexports;
  wlab_func *reset;
  host_env hosts[MAX_IMPORTS];
  int depth;
  /* what the step did */
  sbuf out;
  bool inconclusive;          /* fuel or stack ran out somewhere in the step */
  bool refused;               /* the module did not decode or validate */
};

static char extern_tokens[2]; /* externrefs the host passes: their addresses are their identities */

static void fmt_val(sbuf *b, const wlab_val *v)
{
  switch (v->type) {
  case WLAB_I32: sb_printf(b, "i32:0x%08" PRIx32, v->of.u32); break;
  case WLAB_I64: sb_printf(b, "i64:0x%016" PRIx64, v->of.u64); break;
  case WLAB_F32: sb_printf(b, "f32:0x%08" PRIx32, v->of.u32); break;
  case WLAB_F64: sb_printf(b, "f64:0x%016" PRIx64, v->of.u64); break;
  case WLAB_V128:
    sb_printf(b, "v128:0x");
    for (int i = 15; i >= 0; i--)
      sb_printf(b, "%02x", v->of.v128[i]);
    break;
  case WLAB_FUNCREF:
    /* a function value is named by its index in its instance's function space */
    if (v->of.ref)
      sb_printf(b, "funcref:%u", ((const wlab_func *)v->of.ref)->index);
    else
      sb_printf(b, "funcref:null");
    break;
  case WLAB_EXTERNREF:
    if (!v->of.ref)
      sb_printf(b, "externref:null");
    else if (v->of.ref == &extern_tokens[0] || v->of.ref == &extern_tokens[1])
      sb_printf(b, "externref:#%d", (int)((char *)v->of.ref - extern_tokens));
    else
      sb_printf(b, "externref:foreign");
    break;
  }
}

/* Fixed arguments: edges, NaNs with payloads, subnormals, lane shapes; the pattern shifts per round. */
static void make_arg(wlab_valtype t, unsigned pat, wlab_func *const *funcs, uint32_t nfuncs, wlab_val *out)
{
  static const uint32_t i32s[] = {0, 1, 0xffffffffu, 0x7fffffffu, 0x80000000u, 42, 0x12345678u, 0xffffff9cu};
  static const uint64_t i64s[] = {0, 1, ~0ull, 0x7fffffffffffffffull, 0x8000000000000000ull, 42,
                                  0x123456789abcdef0ull, 0xffffffffffffff9cull};
  static const uint32_t f32s[] = {0, 0x3f800000u, 0xbfc00000u, 0x7fc00000u, 0x80000000u, 0x7f800000u,
                                  0x00000001u, 0xffa00001u};
  static const uint64_t f64s[] = {0, 0x3ff0000000000000ull, 0xbff8000000000000ull, 0x7ff8000000000000ull,
                                  0x8000000000000000ull, 0x7ff0000000000000ull, 0x0000000000000001ull,
                                  0xfff4000000000001ull};
  pat %= 8;
  memset(out, 0, sizeof *out);
  out->type = t;
  switch (t) {
  case WLAB_I32: out->of.u32 = i32s[pat]; break;
  case WLAB_I64: out->of.u64 = i64s[pat]; break;
  case WLAB_F32: out->of.u32 = f32s[pat]; break;
  case WLAB_F64: out->of.u64 = f64s[pat]; break;
  case WLAB_V128:
    for (int i = 0; i < 16; i++)
      out->of.v128[i] = (uint8_t)(pat < 2 ? pat * 0xff : pat % 2 ? i * 37 + pat : (0x7fc00001u >> (8 * (i % 4))));
    break;
  case WLAB_FUNCREF: out->of.ref = pat % 2 && nfuncs ? funcs[pat / 2 % nfuncs] : NULL; break;
  case WLAB_EXTERNREF: out->of.ref = pat % 3 ? &extern_tokens[pat % 3 - 1] : NULL; break;
  }
}

static bool ran_out(wlab_status st) { return st == WLAB_ERR_EXHAUSTED || st == WLAB_ERR_INTERRUPTED; }

/* Calls export k with the arguments of pattern shift; writes what happened to out. */
static wlab_status call_export(worker *w, uint32_t k, unsigned shift, sbuf *out)
{
  wlab_functype ft;
  wlab_val args[MAX_VALS], results[MAX_VALS];
  wlab_error err;
  wlab_status st;
  wlab_func_type(w->exports[k], &ft);
  if (ft.nparams > MAX_VALS || ft.nresults > MAX_VALS) {
    sb_printf(out, "not called: %u params, %u results", ft.nparams, ft.nresults);
    return WLAB_ERR_ARGUMENT;
  }
  for (uint32_t j = 0; j < ft.nparams; j++)
    make_arg(ft.params[j], j + k + shift, w->exports, w->nexports, &args[j]);
  memset(&err, 0, sizeof err);
  st = wlab_func_call(w->exports[k], args, ft.nparams, results, ft.nresults, &err);
  if (ran_out(st))
    w->inconclusive = true;
  if (st == WLAB_OK) {
    sb_printf(out, "=>");
    for (uint32_t j = 0; j < ft.nresults; j++) {
      sb_printf(out, " ");
      fmt_val(out, &results[j]);
    }
  } else {
    sb_printf(out, "%s: %s", wlab_status_name(st), err.message);
  }
  return st;
}

/* The host imports of gen_module.h: logs write a line, mix computes from its arguments, reenter
 * calls an export again (nested in the caller's call, in the same tier). */
static wlab_status host_fn(wlab_caller *caller, void *env, const wlab_val *args, wlab_val *results, wlab_error *err)
{
  host_env *h = env;
  worker *w = h->w;
  (void)caller, (void)err;
  sb_printf(&w->out, "  host %s(", h->name);
  fmt_val(&w->out, &args[0]);
  if (h->kind == HOST_MIX) {
    sb_printf(&w->out, ", ");
    fmt_val(&w->out, &args[1]);
    results[0].type = WLAB_I64;
    results[0].of.u64 = (uint64_t)(uint32_t)args[0].of.i32 * 0x9e3779b97f4a7c15ull ^ args[1].of.u64;
  }
  sb_printf(&w->out, ")");
  if (h->kind == HOST_REENTER && w->inst && w->nexports) {
    if (w->depth >= MAX_REENTER) {
      sb_printf(&w->out, " not reentered: nested too deep");
    } else {
      sbuf nested = {0};
      w->depth++;
      call_export(w, (uint32_t)args[0].of.i32 % w->nexports, 5, &nested);
      w->depth--;
      sb_printf(&w->out, " -> f%u %s", (uint32_t)args[0].of.i32 % w->nexports, sb_str(&nested));
      free(nested.p);
    }
  }
  sb_printf(&w->out, "\n");
  return WLAB_OK;
}

static void job_open(worker *w)
{
  wlab_config cfg;
  wlab_error err;
  uint32_t nimports;
  wlab_config_default(&cfg);
  cfg.tier = w->c->tier;
  cfg.tier_up_after = w->c->tier_up_after;
  cfg.no_background = w->c->no_background;
  cfg.bounds = w->explicit_bounds ? WLAB_BOUNDS_EXPLICIT : WLAB_BOUNDS_GUARD;
  cfg.fuel = FUEL;
  w->nexports = 0;
  w->reset = NULL;
  w->depth = 0;
  if (!(w->e = wlab_engine_new(&cfg))) {
    fprintf(stderr, "fuzz_tiers: no engine for configuration %s (tiers: %s)\n", w->c->name, wlab_engine_tiers(NULL));
    abort();
  }
  if (!(w->m = wlab_module_new(w->e, w->mod->bytes, w->mod->len, &err))) {
    sb_printf(&w->out, "refused: %s", err.text);
    w->refused = err.status != WLAB_ERR_NOMEM;
    return;
  }
  if (!(w->l = wlab_linker_new(w->e)))
    abort();
  nimports = wlab_module_import_count(w->m);
  for (uint32_t i = 0; i < nimports && i < MAX_IMPORTS; i++) {
    wlab_extern_desc d;
    wlab_functype ft;
    host_env *h = &w->hosts[i];
    wlab_module_import(w->m, i, &d);
    wlab_module_func_type(w->m, d.index, &ft);
    h->w = w;
    h->kind = strcmp(d.name, "mix") == 0 ? HOST_MIX : strcmp(d.name, "reenter") == 0 ? HOST_REENTER : HOST_LOG;
    snprintf(h->name, sizeof h->name, "%s", d.name);
    wlab_linker_define_func(w->l, d.module, d.name, &ft, host_fn, h, &err);
  }
  memset(&err, 0, sizeof err);
  if (!(w->inst = wlab_instance_new(w->l, w->m, &err))) {
    sb_printf(&w->out, "%s: %s", wlab_status_name(err.status), err.message);
    w->inconclusive = ran_out(err.status);
    return;
  }
  sb_printf(&w->out, "instantiated");
  for (uint32_t k = 0; k < w->mod->nexports && k < MAX_EXPORTS; k++) {
    char name[16];
    snprintf(name, sizeof name, "f%u", k);
    if ((w->exports[w->nexports] = wlab_instance_func(w->inst, name)))
      w->nexports++;
  }
  if (w->mod->hang_limit)
    w->reset = wlab_instance_func(w->inst, "hang_reset");
}

static void job_call(worker *w)
{
  wlab_error err;
  sbuf outcome = {0};
  if (w->reset) {
    wlab_status st = wlab_func_call(w->reset, NULL, 0, NULL, 0, &err);
    if (st != WLAB_OK) {
      sb_printf(&w->out, "hang_reset: %s\n", err.message);
      w->inconclusive |= ran_out(st);
    }
  }
  /* the host calls it makes come first, a line each, then its outcome */
  call_export(w, w->call, 3 * w->round, &outcome);
  sb_printf(&w->out, "f%u: %s\n", w->call, sb_str(&outcome));
  free(outcome.p);
}

static void job_close(worker *w)
{
  wlab_instance_free(w->inst);
  wlab_linker_free(w->l);
  wlab_module_free(w->m);
  wlab_engine_free(w->e);
  w->inst = NULL, w->l = NULL, w->m = NULL, w->e = NULL;
}

static void *worker_main(void *arg)
{
  worker *w = arg;
  for (;;) {
    while (sem_wait(&w->go) != 0)
      ;
    w->out.n = 0;
    if (w->out.p)
      w->out.p[0] = 0;
    w->inconclusive = w->refused = false;
    switch (w->job) {
    case JOB_OPEN: job_open(w); break;
    case JOB_CALL: if (w->inst) job_call(w); break;
    case JOB_CLOSE: job_close(w); break;
    }
    sem_post(&w->done);
  }
  return NULL;
}

static worker workers[MAX_CONF];

static void start_workers(void)
{
  for (int k = 0; k < nconf; k++) {
    pthread_attr_t attr;
    workers[k].c = &confs[k];
    if (sem_init(&workers[k].go, 0, 0) != 0 || sem_init(&workers[k].done, 0, 0) != 0 ||
        pthread_attr_init(&attr) != 0 || pthread_attr_setstacksize(&attr, WORKER_STACK) != 0 ||
        pthread_create(&workers[k].thread, &attr, worker_main, &workers[k]) != 0) {
      fprintf(stderr, "fuzz_tiers: cannot start the workers\n");
      abort();
    }
    pthread_attr_destroy(&attr);
  }
}

/* Runs the job set in every worker, all at once, and waits for them. */
static void run_step(void)
{
  for (int k = 0; k < nconf; k++)
    sem_post(&workers[k].go);
  for (int k = 0; k < nconf; k++)
    while (sem_wait(&workers[k].done) != 0)
      ;
}

/* ---- comparing ------------------------------------------------------------------------------ */

/* A reference in a table or global, named the same way in every configuration. */
static void fmt_ref(sbuf *b, uint8_t type, const void *ref)
{
  wlab_val v;
  memset(&v, 0, sizeof v);
  v.type = (wlab_valtype)type;
  v.of.ref = (void *)ref;
  fmt_val(b, &v);
}

/* The instance's globals and tables as text (memories are compared byte for byte instead). */
static void describe_state(const worker *w, sbuf *b)
{
  const wlab_instance *inst = w->inst;
  const wlab_module *m = w->m;
  for (uint32_t i = 0; inst && i < m->nglobals; i++) {
    const global_cell *g = inst->globals[i];
    wlab_val v;
    memset(&v, 0, sizeof v);
    v.type = (wlab_valtype)g->type;
    if (g->type == WLAB_V128)
      memcpy(v.of.v128, g->v, 16);
    else if (g->type == WLAB_FUNCREF || g->type == WLAB_EXTERNREF)
      v.of.ref = (void *)(uintptr_t)g->v[0];
    else
      v.of.u64 = g->v[0];
    sb_printf(b, "global %u = ", i);
    fmt_val(b, &v);
    sb_printf(b, "\n");
  }
  for (uint32_t i = 0; inst && i < m->ntables; i++) {
    const table *t = inst->tables[i];
    sb_printf(b, "table %u: size %u [", i, t->size);
    for (uint32_t k = 0; k < t->size && k < 64; k++) {
      sb_printf(b, k ? " " : "");
      fmt_ref(b, t->elem, t->elems[k]);
    }
    sb_printf(b, "]\n");
  }
}

/* WLAB_FUZZ_SAVE=FILE: the module goes to FILE before it runs. */
static void save_module(const gen_result *mod)
{
  const char *save = getenv("WLAB_FUZZ_SAVE");
  FILE *f;
  if (!save)
    return;
  if (!(f = fopen(save, "wb")) || fwrite(mod->bytes, 1, mod->len, f) != mod->len)
    fprintf(stderr, "fuzz_tiers: cannot write %s\n", save);
  if (f)
    fclose(f);
}

static __attribute__((noreturn)) void finding(const char *what, const char *step)
{
  fprintf(stderr, "\nfuzz_tiers: FINDING at %s: %s\n", step, what);
  for (int k = 0; k < nconf; k++) {
    sbuf state = {0};
    describe_state(&workers[k], &state);
    fprintf(stderr, "--- %s%s:\n%s\n%s", workers[k].c->name, workers[k].explicit_bounds ? " (explicit bounds)" : "",
            sb_str(&workers[k].out), sb_str(&state));
    free(state.p);
  }
  if (getenv("WLAB_FUZZ_SAVE"))
    fprintf(stderr, "fuzz_tiers: the module is in %s\n", getenv("WLAB_FUZZ_SAVE"));
  else
    fprintf(stderr, "fuzz_tiers: run this input again with WLAB_FUZZ_SAVE=FILE to get the module\n");
  __builtin_trap();
}

/* Compares every configuration's step with the first one's; false when the module's run must
 * stop (a configuration ran out of fuel or stack, or could not instantiate). */
static bool compare(const char *step)
{
  const worker *a = &workers[0];
  sbuf sa = {0};
  bool go_on = true;
  for (int k = 0; k < nconf; k++) {
    if (workers[k].refused)
      finding("a generated module was refused (the generator makes valid modules only)", step);
    if (workers[k].inconclusive)
      go_on = false;
  }
  if (!go_on)
    return false;
  describe_state(a, &sa);
  for (int k = 1; k < nconf; k++) {
    const worker *b = &workers[k];
    sbuf sb = {0};
    char what[160];
    if (strcmp(sb_str(&a->out), sb_str(&b->out)) != 0) {
      snprintf(what, sizeof what, "%s and %s differ in results, traps or host calls", a->c->name, b->c->name);
      finding(what, step);
    }
    if (!a->inst != !b->inst)
      finding("one instantiated and the other did not", step);
    if (a->inst && (a->inst->mem != NULL) != (b->inst->mem != NULL))
      finding("one has a memory and the other does not", step);
    if (a->inst && a->inst->mem) {
      const memory *ma = a->inst->mem, *mb = b->inst->mem;
      if (ma->size != mb->size) {
        snprintf(what, sizeof what, "memory sizes differ: %s %" PRIu64 " bytes, %s %" PRIu64, a->c->name, ma->size,
                 b->c->name, mb->size);
        finding(what, step);
      }
      if (memcmp(ma->base, mb->base, ma->size) != 0) {
        uint64_t at = 0;
        while (ma->base[at] == mb->base[at])
          at++;
        snprintf(what, sizeof what, "memories differ from byte 0x%" PRIx64 ": %s has %02x, %s has %02x", at,
                 a->c->name, ma->base[at], b->c->name, mb->base[at]);
        finding(what, step);
      }
    }
    describe_state(b, &sb);
    if (strcmp(sb_str(&sa), sb_str(&sb)) != 0) {
      snprintf(what, sizeof what, "globals or tables differ between %s and %s", a->c->name, b->c->name);
      finding(what, step);
    }
    free(sb.p);
  }
  free(sa.p);
  return a->inst != NULL;
}

/* ---- statistics (WLAB_FUZZ_STATS=1) ---------------------------------------------------------- */

#define MAX_OUTCOMES 24

static struct {
  uint64_t inputs, instantiated, calls, inconclusive;
  struct {
    char what[48];
    uint64_t n;
  } outcomes[MAX_OUTCOMES];   /* of calls and instantiations: "returned" or the trap's message */
} stats;

static void print_stats(void)
{
  fprintf(stderr, "fuzz_tiers: %" PRIu64 " modules, %" PRIu64 " instantiated, %" PRIu64 " calls compared, %" PRIu64
          " modules stopped early (fuel or stack)\n", stats.inputs, stats.instantiated, stats.calls,
          stats.inconclusive);
  for (int i = 0; i < MAX_OUTCOMES && stats.outcomes[i].n; i++)
    fprintf(stderr, "  %8" PRIu64 "  %s\n", stats.outcomes[i].n, stats.outcomes[i].what);
}

/* Counts how a step ended: the last line of its outcome, less the export's name and values. */
static void count_outcome(const worker *w)
{
  const char *out = sb_str(&w->out), *p;
  char what[48];
  size_t n = strlen(out);
  while (n && out[n - 1] == '\n')
    n--;
  while (n && out[n - 1] != '\n')
    n--;
  out += n;
  if (out[0] == 'f' && (p = strstr(out, ": ")))
    out = p + 2; /* "fN: " */
  n = strcspn(out, "\n");
  if (strncmp(out, "=>", 2) == 0)
    n = 2;
  snprintf(what, sizeof what, "%.*s", (int)(n < sizeof what ? n : sizeof what - 1), out);
  for (int i = 0; i < MAX_OUTCOMES; i++) {
    if (!stats.outcomes[i].n)
      snprintf(stats.outcomes[i].what, sizeof stats.outcomes[i].what, "%s", what);
    if (strcmp(stats.outcomes[i].what, what) == 0) {
      stats.outcomes[i].n++;
      return;
    }
  }
}

/* ---- the target ----------------------------------------------------------------------------- */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  static bool started, want_stats;
  gen_result mod;
  bool explicit_bounds = size && (data[size - 1] & 1);
  char step[64];
  if (!started) {
    const char *opt = getenv("WLAB_FUZZ_OPT");
    if (opt && strcmp(opt, "1") == 0)
      nconf = MAX_CONF;
    start_workers();
    want_stats = getenv("WLAB_FUZZ_STATS") != NULL;
    if (want_stats)
      atexit(print_stats);
    started = true;
  }
  if (!gen_module(data, size, &mod))
    return 0;
  save_module(&mod);
  stats.inputs++;
  for (int k = 0; k < nconf; k++) {
    workers[k].job = JOB_OPEN;
    workers[k].mod = &mod;
    workers[k].explicit_bounds = workers[k].c->explicit_if_asked && explicit_bounds;
  }
  run_step();
  if (want_stats)
    count_outcome(&workers[0]);
  if (compare("instantiation")) {
    stats.instantiated++;
    for (unsigned round = 0; round < ROUNDS; round++) {
      bool go_on = true;
      for (uint32_t k = 0; k < workers[0].nexports && go_on; k++) {
        for (int c = 0; c < nconf; c++) {
          workers[c].job = JOB_CALL;
          workers[c].call = k;
          workers[c].round = round;
        }
        run_step();
        snprintf(step, sizeof step, "round %u, call of f%u", round + 1, k);
        go_on = compare(step);
        if (go_on) {
          stats.calls++;
          if (want_stats)
            count_outcome(&workers[0]);
        } else {
          stats.inconclusive++;
        }
      }
      if (!go_on)
        break;
    }
  }
  for (int k = 0; k < nconf; k++)
    workers[k].job = JOB_CLOSE;
  run_step();
  free(mod.bytes);
  return 0;
}
