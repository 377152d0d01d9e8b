/* difftest.c: runs modules in several engine configurations in lockstep and reports the first difference. */
#include "wasmlab.h"

#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/*
 * Every configuration gets its own engine, module and instance; they advance together, one step
 * at a time, and each step is compared with configuration 1 before the next one runs:
 *   step 0      instantiation: ok, or the error (a trap in the start function included), with the
 *               host calls the start function made;
 *   step 1..    one call of an exported function, in export order, ROUNDS times over: the results
 *               (exact bits) or the trap (status and message), the host calls it made, and then the
 *               contents and size of every exported memory (so a bad store shows at the call that did it);
 *   last        every exported global (type and bits).
 * The first step at which some configuration differs ends the module's comparison.  Fuel, the time
 * limit and the call-stack limit are hit at tier-specific points, so a step in which any configuration
 * ran into one is "inconclusive": the module's comparison stops there too and nothing after it counts.
 *
 * Each configuration runs on a thread of its own for the whole program: every tier keeps its frames
 * in one value stack per thread, and configurations sharing a thread would hand each other the
 * values left in dead slots, hiding exactly the bugs that read a slot nobody wrote.
 *
 * NaNs.  Exact bits are compared, and the tiers agree on them for nearly every op, but not for all:
 * for SIMD float ops with two NaN operands (f32x4.add/min/max, f64x2.add/mul/min/max, ...) the
 * interpreter's C (core/simd.h, `x + y`) gives whichever payload GCC's operand order picks, the
 * baseline's SSE code the first operand's; even when both tiers ran that C, GCC ordered it
 * differently in interp.c and in the baseline's helpers.  The spec allows it (an arithmetic NaN of
 * either sign, any payload), so:
 *   - f32/f64 values (results, host-call arguments, globals) that differ only as NaNs are a "NaN
 *     note", which stops the module without failing it (--exact-nan: a difference);
 *   - v128 values and memory bytes have no known lane type, and 0xff..f9 is -7 as well as a NaN, so
 *     a difference there confined to NaN-shaped lanes or bytes stays a difference, printed with a hint
 *     (--nan-shapes excuses it too);
 *   - integers computed from NaN bits (reinterpret, a hash of memory) are never excused.
 */

#define NPAT 8                        /* argument patterns per type */
#define TRACE_KEEP (1u << 20)         /* trace bytes kept per step for printing; the rest is hashed */
#define MEM_KEEP ((size_t)256 << 20)  /* memories up to this size are copied; larger ones only hashed */
#define MAX_NEST 32                   /* call-export nesting the host allows (a deterministic trap beyond) */
#define MAX_CONFIGS 20                /* interp, opt, opt-explicit, opt with each pass off, and all off (17 today) */
#define MAX_VALS 64

/* ---- configurations ------------------------------------------------------------------------ */

/* A named engine configuration.  New fields of wlab_config get a column here. */
typedef struct dt_config {
  const char *name;
  const char *tier;
  wlab_bounds bounds;
  int eager;
  int64_t tier_up_after;    /* tiered: the threshold (WLAB_TIER_UP_DEFAULT) */
  int no_background;
  const char *opt_disable;  /* opt: passes switched off ("opt-no-gvn+licm" names "gvn,licm") */
  const char *ladder;       /* tiered: the rungs climbed (NULL: the default) */
  int64_t opt_after;        /* tiered: the second rung's threshold (WLAB_OPT_AFTER_DEFAULT) */
} dt_config;

/* The tiered ones: threshold 0 compiles every function at its first tick (on the compiler thread,
 * so installs race with the running code, or on the running thread: "sync"); threshold 2 lets a
 * function's entry pass and compiles it at its next tick, typically the first loop header, which
 * then moves the activation into machine code (OSR). */
static const dt_config known_configs[] = {
  {"interp", "interp", WLAB_BOUNDS_GUARD, 0, WLAB_TIER_UP_DEFAULT, 0, NULL, NULL, WLAB_OPT_AFTER_DEFAULT},
  {"baseline", "baseline", WLAB_BOUNDS_GUARD, 0, WLAB_TIER_UP_DEFAULT, 0, NULL, NULL, WLAB_OPT_AFTER_DEFAULT},
  {"explicit", "baseline", WLAB_BOUNDS_EXPLICIT, 0, WLAB_TIER_UP_DEFAULT, 0, NULL, NULL, WLAB_OPT_AFTER_DEFAULT},
  {"interp-explicit", "interp", WLAB_BOUNDS_EXPLICIT, 0, WLAB_TIER_UP_DEFAULT, 0, NULL, NULL, WLAB_OPT_AFTER_DEFAULT},
  {"eager", "baseline", WLAB_BOUNDS_GUARD, 1, WLAB_TIER_UP_DEFAULT, 0, NULL, NULL, WLAB_OPT_AFTER_DEFAULT},
  {"tiered", "tiered", WLAB_BOUNDS_GUARD, 0, WLAB_TIER_UP_DEFAULT, 0, NULL, NULL, WLAB_OPT_AFTER_DEFAULT},
  {"tiered0", "tiered", WLAB_BOUNDS_GUARD, 0, 0, 0, NULL, NULL, WLAB_OPT_AFTER_DEFAULT},
  {"tiered0-sync", "tiered", WLAB_BOUNDS_GUARD, 0, 0, 1, NULL, NULL, WLAB_OPT_AFTER_DEFAULT},
  {"tiered2-sync", "tiered", WLAB_BOUNDS_GUARD, 0, 2, 1, NULL, NULL, WLAB_OPT_AFTER_DEFAULT},
  {"tiered0-explicit", "tiered", WLAB_BOUNDS_EXPLICIT, 0, 0, 0, NULL, NULL, WLAB_OPT_AFTER_DEFAULT},
  {"opt", "opt", WLAB_BOUNDS_GUARD, 0, WLAB_TIER_UP_DEFAULT, 0, NULL, NULL, WLAB_OPT_AFTER_DEFAULT},
  {"opt-explicit", "opt", WLAB_BOUNDS_EXPLICIT, 0, WLAB_TIER_UP_DEFAULT, 0, NULL, NULL, WLAB_OPT_AFTER_DEFAULT},
  /* --ladder interp,opt: the same two, into optimised code (its OSR versions) */
  {"interp-opt0", "tiered", WLAB_BOUNDS_GUARD, 0, 0, 0, NULL, "interp,opt", WLAB_OPT_AFTER_DEFAULT},
  {"interp-opt2-sync", "tiered", WLAB_BOUNDS_GUARD, 0, 2, 1, NULL, "interp,opt", WLAB_OPT_AFTER_DEFAULT},
  /* both rungs at 0: baseline and opt code installed by the compiler thread while the module
   * runs, and OSR at both rungs wherever the installs land; at 2 on the running thread: each
   * function's first loop header moves interp -> baseline -> opt */
  {"tiered00", "tiered", WLAB_BOUNDS_GUARD, 0, 0, 0, NULL, NULL, 0},
  {"tiered22-sync", "tiered", WLAB_BOUNDS_GUARD, 0, 2, 1, NULL, NULL, 2},
  {"tiered00-explicit", "tiered", WLAB_BOUNDS_EXPLICIT, 0, 0, 0, NULL, NULL, 0},
};
#define NKNOWN (sizeof known_configs / sizeof *known_configs)

typedef struct options {
  const dt_config *configs[MAX_CONFIGS];
  int nconfigs;
  uint64_t fuel;
  double timeout;
  unsigned rounds;
  bool verbose, exact_nan, nan_shapes, trap_location;
} options;

/* ---- strings ------------------------------------------------------------------------------- */

typedef struct sbuf {
  char *p;
  size_t n, cap;
} sbuf;

static void die_nomem(void)
{
  fprintf(stderr, "difftest: out of memory\n");
  exit(2);
}

static void sb_vprintf(sbuf *b, const char *fmt, va_list ap)
{
  va_list aq;
  int len;
  va_copy(aq, ap);
  len = vsnprintf(NULL, 0, fmt, aq);
  va_end(aq);
  if (len < 0)
    return;
  if (b->n + (size_t)len + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 128;
    while (cap < b->n + (size_t)len + 1)
      cap *= 2;
    if (!(b->p = realloc(b->p, cap)))
      die_nomem();
    b->cap = cap;
  }
  vsnprintf(b->p + b->n, (size_t)len + 1, fmt, ap);
  b->n += (size_t)len;
}

static __attribute__((format(printf, 2, 3))) void sb_printf(sbuf *b, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  sb_vprintf(b, fmt, ap);
  va_end(ap);
}

static const char *sb_str(const sbuf *b) { return b->p ? b->p : ""; }

static void sb_clear(sbuf *b)
{
  b->n = 0;
  if (b->p)
    b->p[0] = 0;
}

/* Text in three renderings: exact; with every f32/f64 NaN read as "a NaN"; and with v128 lanes that
 * look like NaNs read so too (lane types are unknown: only a hint).  See "NaNs" above. */
enum { R_EXACT, R_NAN, R_SHAPE, NREND };
typedef struct text2 {
  sbuf r[NREND];
} text2;

static __attribute__((format(printf, 2, 3))) void t2_printf(text2 *t, const char *fmt, ...)
{
  for (int i = 0; i < NREND; i++) {
    va_list ap;
    va_start(ap, fmt);
    sb_vprintf(&t->r[i], fmt, ap);
    va_end(ap);
  }
}

static void t2_clear(text2 *t)
{
  for (int i = 0; i < NREND; i++)
    sb_clear(&t->r[i]);
}

static void t2_free(text2 *t)
{
  for (int i = 0; i < NREND; i++)
    free(t->r[i].p);
}

static uint64_t fnv(uint64_t h, const void *data, size_t n)
{
  const uint8_t *p = data;
  for (size_t i = 0; i < n; i++)
    h = (h ^ p[i]) * 0x100000001b3ull;
  return h;
}
#define FNV_INIT 0xcbf29ce484222325ull

/* ---- values -------------------------------------------------------------------------------- */

/* Host-made externrefs: their addresses are the identities the guest can pass back. */
static char extern_tokens[2];

static bool f32_nan(uint32_t b) { return (b & 0x7f800000u) == 0x7f800000u && (b & 0x007fffffu); }
static bool f64_nan(uint64_t b)
{
  return (b & 0x7ff0000000000000ull) == 0x7ff0000000000000ull && (b & 0x000fffffffffffffull);
}

static uint32_t load32(const uint8_t *p)
{
  uint32_t v;
  memcpy(&v, p, 4);
  return v;
}

static uint64_t load64(const uint8_t *p)
{
  uint64_t v;
  memcpy(&v, p, 8);
  return v;
}

typedef struct run run;
static void fmt_val(text2 *t, const wlab_val *v, const run *r);

/* Deterministic arguments.  Patterns hit edges (0, -1, min, max), NaNs with payloads and sign (the tiers
 * must carry NaN bits through unchanged), subnormals, and v128 lane shapes. */
static void make_arg(wlab_valtype t, unsigned pat, wlab_func *const *funcs, uint32_t nfuncs, wlab_val *out)
{
  static const uint32_t i32s[NPAT] = {0, 1, 0xffffffffu, 0x7fffffffu, 0x80000000u, 42, 0x12345678u, 0xffffff9cu};
  static const uint64_t i64s[NPAT] = {0, 1, ~0ull, 0x7fffffffffffffffull, 0x8000000000000000ull, 42,
                                      0x123456789abcdef0ull, 0xffffffffffffff9cull};
  static const uint32_t f32s[NPAT] = {0, 0x3f800000u, 0xbfc00000u, 0x7fc00000u, 0x80000000u, 0x7f800000u,
                                      0x00000001u, 0xffa00001u};
  static const uint64_t f64s[NPAT] = {0, 0x3ff0000000000000ull, 0xbff8000000000000ull, 0x7ff8000000000000ull,
                                      0x8000000000000000ull, 0x7ff0000000000000ull, 0x0000000000000001ull,
                                      0xfff4000000000001ull};
  static const uint32_t lanes32[4] = {0x7fc00001u, 0xff800000u, 0x80000000u, 0x4f000000u};
  pat %= NPAT;
  memset(out, 0, sizeof *out);
  out->type = t;
  switch (t) {
  case WLAB_I32: out->of.u32 = i32s[pat]; break;
  case WLAB_I64: out->of.u64 = i64s[pat]; break;
  case WLAB_F32: out->of.u32 = f32s[pat]; break;
  case WLAB_F64: out->of.u64 = f64s[pat]; break;
  case WLAB_V128:
    for (int i = 0; i < 16; i++) {
      uint8_t byte;
      switch (pat) {
      case 0: byte = 0; break;
      case 1: byte = (uint8_t)i; break;
      case 2: byte = 0xff; break;
      case 3: byte = 0x80; break;
      case 4: byte = (uint8_t)(lanes32[i / 4] >> (8 * (i % 4))); break;   /* f32x4 NaN, -inf, -0, 2^31 */
      case 5: byte = (uint8_t)(i * 37 + 11); break;
      case 6: byte = i % 2 ? 0x7f : 0x01; break;
      default: byte = (uint8_t)(i < 8 ? (0x7ff8000000000001ull >> (8 * i)) : 0); break; /* f64x2 NaN, 0 */
      }
      out->of.v128[i] = byte;
    }
    break;
  case WLAB_FUNCREF: out->of.ref = pat % 2 && nfuncs ? funcs[pat / 2 % nfuncs] : NULL; break;
  case WLAB_EXTERNREF: out->of.ref = pat % 3 ? &extern_tokens[pat % 3 - 1] : NULL; break;
  }
}

/* ---- one configuration's run of a module ---------------------------------------------------- */

/* The host calls made during one step: kept up to TRACE_KEEP bytes, all of it hashed (a module may
 * log in a loop until its fuel runs out). */
typedef struct trace {
  sbuf text;                  /* exact */
  uint64_t lines, hash[NREND];
} trace;

typedef enum host_kind { H_LOG, H_CALL_EXPORT, H_CALL_EXPORT_CATCH, H_SLEEP, H_OTHER } host_kind;

typedef struct host_import {
  run *r;
  host_kind kind;
  char *name;                 /* "module.name" */
  wlab_functype type;
  wlab_valtype types[];       /* params then results (the functype points here) */
} host_import;

/* An exported memory, read through a helper instance (see mem_view_open) into a copy after each step. */
typedef struct mem_view {
  char *name;
  size_t name_len;
  wlab_module *m;
  wlab_instance *h;
  wlab_func *go;
  uint8_t *copy;              /* the contents at the last read (NULL when larger than MEM_KEEP) */
  size_t size, cap;
  uint64_t hash;              /* of the contents when not copied */
} mem_view;

/* What one configuration did in the current step. */
typedef struct step {
  text2 outcome;              /* "ok", "=> i32:0x...", "trap: ...", a global's value */
  trace tr;                   /* host calls */
  bool inconclusive;          /* fuel, time or call stack ran out somewhere in it */
  bool mem_failed;            /* an exported memory could not be read */
  sbuf mem_error;
} step;

struct run {
  const dt_config *c;
  const options *o;
  wlab_engine *e;
  wlab_module *m;
  wlab_linker *l;
  wlab_instance *inst;
  host_import **imports;
  uint32_t nimports;
  wlab_func **funcs;          /* the exported functions, in export order (call-export indexes this) */
  char **func_names;
  uint32_t nfuncs;
  wlab_func *reset;           /* binaryen's hangLimitInitializer, when exported */
  mem_view *mems;
  uint32_t nmems;
  bool exhausted;             /* a call (at any depth) ran out of fuel, time or stack in this step */
  int depth;
  step st;
  sbuf what;                  /* the current step's call, with its arguments */
};


static void trace_end_line(trace *tr, text2 *line)
{
  t2_printf(line, "\n");
  for (int i = 0; i < NREND; i++)
    tr->hash[i] = fnv(tr->hash[i], line->r[i].p, line->r[i].n);
  tr->lines++;
  if (tr->text.n < TRACE_KEEP)
    sb_printf(&tr->text, "%s", line->r[R_EXACT].p);
  t2_clear(line);
}

static void step_reset(step *s)
{
  t2_clear(&s->outcome);
  sb_clear(&s->tr.text);
  sb_clear(&s->mem_error);
  s->tr.lines = 0;
  for (int i = 0; i < NREND; i++)
    s->tr.hash[i] = FNV_INIT;
  s->inconclusive = s->mem_failed = false;
}

static bool is_exhaustion(wlab_status st, const wlab_error *err)
{
  /* a start function's trap comes back as "uninstantiable": the message says which */
  return st == WLAB_ERR_EXHAUSTED || st == WLAB_ERR_INTERRUPTED || strstr(err->message, "all fuel consumed") ||
         strstr(err->message, "call stack exhausted") || strstr(err->message, "time limit exceeded");
}

/* Calls export k with deterministic arguments (pattern shift) and writes what it did to out; used for
 * the steps and for call-export from the guest.  Returns the call's status. */
static wlab_status call_export(run *r, uint32_t k, unsigned shift, sbuf *args_text, text2 *out)
{
  wlab_functype ft;
  wlab_val args[MAX_VALS], results[MAX_VALS];
  wlab_error err;
  wlab_status st;
  wlab_func_type(r->funcs[k], &ft);
  if (ft.nparams > MAX_VALS || ft.nresults > MAX_VALS) {
    t2_printf(out, "not called: %u params, %u results", ft.nparams, ft.nresults);
    return WLAB_ERR_ARGUMENT;
  }
  for (uint32_t j = 0; j < ft.nparams; j++) {
    make_arg(ft.params[j], j + k + shift, r->funcs, r->nfuncs, &args[j]);
    if (args_text) {
      text2 t = {{{0}}};
      fmt_val(&t, &args[j], r);
      sb_printf(args_text, "%s%s", j ? ", " : "", t.r[R_EXACT].p);
      t2_free(&t);
    }
  }
  memset(&err, 0, sizeof err);
  st = wlab_func_call(r->funcs[k], args, ft.nparams, results, ft.nresults, &err);
  if (st != WLAB_OK && is_exhaustion(st, &err))
    r->exhausted = true;
  if (st == WLAB_OK) {
    t2_printf(out, "=>");
    for (uint32_t j = 0; j < ft.nresults; j++) {
      t2_printf(out, "%s", j ? ", " : " ");
      fmt_val(out, &results[j], r);
    }
  } else {
    t2_printf(out, "%s: %s", wlab_status_name(st), err.message);
    /* where, only on request: the baseline tier does not locate every trap yet */
    if (r->o->trap_location && err.func_index != WLAB_NONE)
      t2_printf(out, " (function %u, offset 0x%x)", err.func_index, err.offset);
  }
  return st;
}

/* Every import the module has becomes one of these.  The fuzzing-support functions of binaryen's
 * translate-to-fuzz do what binaryen's own harness does; anything else is logged and returns zeros. */
static wlab_status host_fn(wlab_caller *caller, void *env, const wlab_val *args, wlab_val *results, wlab_error *err)
{
  host_import *hi = env;
  run *r = hi->r;
  text2 line = {{{0}}};
  wlab_status st = WLAB_OK;
  (void)caller;
  t2_printf(&line, "%s(", hi->name);
  for (uint32_t j = 0; j < hi->type.nparams; j++) {
    t2_printf(&line, "%s", j ? ", " : "");
    fmt_val(&line, &args[j], r);
  }
  t2_printf(&line, ")");
  for (uint32_t j = 0; j < hi->type.nresults; j++) {
    memset(&results[j].of, 0, sizeof results[j].of);
    results[j].type = hi->type.results[j];
  }
  if ((hi->kind == H_CALL_EXPORT || hi->kind == H_CALL_EXPORT_CATCH) && hi->type.nparams >= 1 &&
      hi->type.params[0] == WLAB_I32) {
    /* fuzz_shell.js: call the index-th exported function; a trap propagates, or with -catch returns 1 */
    uint32_t k = (uint32_t)args[0].of.i32;
    text2 out = {{{0}}};
    wlab_status cst = WLAB_ERR_TRAP;
    const char *why = !r->inst ? "call-export while instantiating" : k >= r->nfuncs ? "call-export: no such export"
                      : r->depth >= MAX_NEST ? "call-export: nested too deep" : NULL;
    if (why) {
      t2_printf(&out, "trap: %s", why);
    } else {
      r->depth++;
      cst = call_export(r, k, 0, NULL, &out);
      r->depth--;
    }
    t2_printf(&line, " -> '%s' ", k < r->nfuncs ? r->func_names[k] : "?");
    for (int i = 0; i < NREND; i++)
      sb_printf(&line.r[i], "%s", out.r[i].p);
    if (cst != WLAB_OK) {
      if (hi->kind == H_CALL_EXPORT) {
        snprintf(err->message, sizeof err->message, "call-export: %s", why ? why : "the export trapped");
        st = WLAB_ERR_TRAP;
      } else if (hi->type.nresults == 1 && hi->type.results[0] == WLAB_I32) {
        results[0].of.i32 = 1;
      }
    }
    t2_free(&out);
  } else if (hi->kind == H_SLEEP && hi->type.nresults == 1 && hi->type.nparams >= 1 &&
             hi->type.results[0] == hi->type.params[hi->type.nparams - 1]) {
    results[0] = args[hi->type.nparams - 1]; /* sleep(ms, id) returns id */
  }
  trace_end_line(&r->st.tr, &line);
  t2_free(&line);
  return st;
}

static host_kind kind_of(const char *module, const char *name)
{
  if (strcmp(module, "fuzzing-support") != 0)
    return H_OTHER;
  if (strncmp(name, "log", 3) == 0)
    return H_LOG;
  if (strcmp(name, "call-export") == 0)
    return H_CALL_EXPORT;
  if (strcmp(name, "call-export-catch") == 0)
    return H_CALL_EXPORT_CATCH;
  if (strcmp(name, "sleep") == 0)
    return H_SLEEP;
  return H_OTHER;
}

static void fmt_val(text2 *t, const wlab_val *v, const run *r)
{
  switch (v->type) {
  case WLAB_I32: t2_printf(t, "i32:0x%08" PRIx32, v->of.u32); break;
  case WLAB_I64: t2_printf(t, "i64:0x%016" PRIx64, v->of.u64); break;
  case WLAB_F32:
    sb_printf(&t->r[R_EXACT], "f32:0x%08" PRIx32 "(%.9g)", v->of.u32, (double)v->of.f32);
    for (int i = R_NAN; i < NREND; i++)
      if (f32_nan(v->of.u32))
        sb_printf(&t->r[i], "f32:nan");
      else
        sb_printf(&t->r[i], "f32:0x%08" PRIx32, v->of.u32);
    break;
  case WLAB_F64:
    sb_printf(&t->r[R_EXACT], "f64:0x%016" PRIx64 "(%.17g)", v->of.u64, v->of.f64);
    for (int i = R_NAN; i < NREND; i++)
      if (f64_nan(v->of.u64))
        sb_printf(&t->r[i], "f64:nan");
      else
        sb_printf(&t->r[i], "f64:0x%016" PRIx64, v->of.u64);
    break;
  case WLAB_V128:
    t2_printf(t, "v128:0x");
    for (int i = 15; i >= 0; i--) {
      sb_printf(&t->r[R_EXACT], "%02x", v->of.v128[i]);
      sb_printf(&t->r[R_NAN], "%02x", v->of.v128[i]);
    }
    /* an f64-shaped NaN half, else f32-shaped NaN quarters: but 0xffff... is also a small negative integer */
    for (int h = 1; h >= 0; h--) {
      if (f64_nan(load64(v->of.v128 + 8 * h))) {
        sb_printf(&t->r[R_SHAPE], "<nan64>");
        continue;
      }
      for (int q = 1; q >= 0; q--) {
        uint32_t w = load32(v->of.v128 + 8 * h + 4 * q);
        if (f32_nan(w))
          sb_printf(&t->r[R_SHAPE], "<nan32>");
        else
          sb_printf(&t->r[R_SHAPE], "%08" PRIx32, w);
      }
    }
    break;
  case WLAB_FUNCREF: {
    /* references are opaque, so a funcref is named by the export it is, if any */
    const char *name = NULL;
    for (uint32_t k = 0; r && v->of.ref && k < r->nfuncs && !name; k++)
      if ((void *)r->funcs[k] == v->of.ref)
        name = r->func_names[k];
    if (!v->of.ref)
      t2_printf(t, "funcref:null");
    else if (name)
      t2_printf(t, "funcref:'%s'", name);
    else
      t2_printf(t, "funcref:non-null");
    break;
  }
  case WLAB_EXTERNREF:
    if (!v->of.ref)
      t2_printf(t, "externref:null");
    else if (v->of.ref == &extern_tokens[0] || v->of.ref == &extern_tokens[1])
      t2_printf(t, "externref:#%d", (int)((char *)v->of.ref - extern_tokens));
    else
      t2_printf(t, "externref:foreign");
    break;
  default: t2_printf(t, "type 0x%x?", (unsigned)v->type); break;
  }
}

/* ---- reading exported memories --------------------------------------------------------------
 * The public API reaches a memory only as a host function's caller's memory 0, so a tiny module
 * imports the memory as its memory 0 and calls a host function that copies it:
 *   (import "dt" "peek" (func)) (import "m" NAME (memory 0)) (func (export "go") call 0)          */

static wlab_status peek_fn(wlab_caller *caller, void *env, const wlab_val *args, wlab_val *results, wlab_error *err)
{
  mem_view *mv = env;
  size_t size = 0;
  uint8_t *base = wlab_caller_memory(caller, &size);
  (void)args, (void)results, (void)err;
  mv->size = size;
  mv->hash = FNV_INIT;
  if (size > MEM_KEEP) {
    mv->hash = fnv(mv->hash, base, size);
    return WLAB_OK;
  }
  if (size > mv->cap) {
    free(mv->copy);
    if (!(mv->copy = malloc(size)))
      die_nomem();
    mv->cap = size;
  }
  if (size)
    memcpy(mv->copy, base, size);
  return WLAB_OK;
}

static void put_leb(uint8_t **p, uint32_t v)
{
  do {
    uint8_t b = v & 0x7f;
    v >>= 7;
    *(*p)++ = b | (v ? 0x80 : 0);
  } while (v);
}

/* Instantiates the reader of r's exported memory mv->name; false with msg filled when it cannot. */
static bool mem_view_open(run *r, mem_view *mv, sbuf *msg)
{
  size_t len = mv->name_len;
  uint8_t *bytes = malloc(len + 64), *p = bytes, *sec;
  wlab_error err;
  wlab_linker *l = NULL;
  static const wlab_valtype no_types[1];
  wlab_functype none = {0, 0, no_types, no_types}; /* not NULL: the linker memcpys the arrays */
  bool ok = false;
  if (!bytes)
    die_nomem();
  memcpy(p, "\0asm\1\0\0\0", 8), p += 8;
  memcpy(p, "\x01\x04\x01\x60\x00\x00", 6), p += 6;                    /* type 0: () -> () */
  *p++ = 0x02;                                                            /* import section */
  sec = p, p += 5;                                                        /* size: a 5-byte LEB */
  *p++ = 2;
  memcpy(p, "\x02" "dt" "\x04" "peek" "\x00\x00", 10), p += 10;
  *p++ = 1, *p++ = 'm';
  put_leb(&p, (uint32_t)len);
  memcpy(p, mv->name, len), p += len;
  *p++ = 0x02, *p++ = 0x00, *p++ = 0x00;                                  /* memory, min 0, no max */
  for (int i = 0; i < 5; i++)
    sec[i] = (uint8_t)((((uint32_t)(p - sec - 5) >> (7 * i)) & 0x7f) | (i < 4 ? 0x80 : 0));
  memcpy(p, "\x03\x02\x01\x00", 4), p += 4;                               /* func 1: type 0 */
  memcpy(p, "\x07\x06\x01\x02go\x00\x01", 8), p += 8;                     /* export "go" = func 1 */
  memcpy(p, "\x0a\x06\x01\x04\x00\x10\x00\x0b", 8), p += 8;               /* call 0 */
  if (!(mv->m = wlab_module_new(r->e, bytes, (size_t)(p - bytes), &err)) || !(l = wlab_linker_new(r->e)) ||
      wlab_linker_define_instance(l, "m", r->inst, &err) != WLAB_OK ||
      wlab_linker_define_func(l, "dt", "peek", &none, peek_fn, mv, &err) != WLAB_OK ||
      !(mv->h = wlab_instance_new(l, mv->m, &err)) || !(mv->go = wlab_instance_func(mv->h, "go")))
    sb_printf(msg, "cannot read memory '%s': %s", mv->name, l ? err.text : "out of memory");
  else
    ok = true;
  wlab_linker_free(l);
  free(bytes);
  return ok;
}

/* Reads every exported memory after a step; a failure (the reader's function entry can find the fuel
 * gone) makes the step inconclusive when it is exhaustion, and a difference otherwise. */
static void read_memories(run *r)
{
  for (uint32_t i = 0; i < r->nmems && !r->st.mem_failed; i++) {
    mem_view *mv = &r->mems[i];
    wlab_error err;
    memset(&err, 0, sizeof err);
    if (!mv->go) {
      r->st.mem_failed = true;
    } else if (wlab_func_call(mv->go, NULL, 0, NULL, 0, &err) != WLAB_OK) {
      r->st.mem_failed = true;
      sb_printf(&r->st.mem_error, "cannot read memory '%s': %s", mv->name, err.text);
      if (is_exhaustion(err.status, &err))
        r->st.inconclusive = true;
    }
  }
}

static char *xstrndup(const char *s, size_t n)
{
  char *p = strndup(s, n);
  if (!p)
    die_nomem();
  return p;
}

/* Step 0: engine, module, imports as host functions, instance, and the exports and memory readers. */
static void run_open(run *r, const options *o, const dt_config *c, const uint8_t *bytes, size_t len)
{
  wlab_config cfg;
  wlab_error err;
  uint32_t nexports;
  memset(r, 0, sizeof *r);
  r->c = c;
  r->o = o;
  step_reset(&r->st);
  wlab_config_default(&cfg);
  cfg.tier = c->tier;
  cfg.bounds = c->bounds;
  cfg.eager = c->eager;
  cfg.tier_up_after = c->tier_up_after;
  cfg.no_background = c->no_background;
  cfg.opt_disable = c->opt_disable;
  cfg.ladder = c->ladder;
  cfg.opt_after = c->opt_after;
  cfg.fuel = o->fuel;
  cfg.timeout = o->timeout;
  if (!(r->e = wlab_engine_new(&cfg))) {
    fprintf(stderr, "difftest: configuration '%s': no tier '%s' in this build (tiers: %s)\n", c->name, c->tier,
            wlab_engine_tiers(NULL));
    exit(2);
  }
  if (!(r->m = wlab_module_new(r->e, bytes, len, &err))) {
    t2_printf(&r->st.outcome, "%s", err.text);
    return;
  }
  nexports = wlab_module_export_count(r->m);
  r->nimports = wlab_module_import_count(r->m);
  r->funcs = calloc(nexports + 1, sizeof *r->funcs);
  r->func_names = calloc(nexports + 1, sizeof *r->func_names);
  r->mems = calloc(nexports + 1, sizeof *r->mems);
  r->imports = calloc(r->nimports + 1, sizeof *r->imports);
  if (!r->funcs || !r->func_names || !r->mems || !r->imports || !(r->l = wlab_linker_new(r->e)))
    die_nomem();
  for (uint32_t i = 0; i < r->nimports; i++) {
    wlab_extern_desc d;
    wlab_functype ft;
    host_import *hi;
    sbuf name = {0};
    wlab_module_import(r->m, i, &d);
    if (d.kind != WLAB_EXTERN_FUNC)
      continue; /* not linked: instantiation fails the same way in every configuration */
    wlab_module_func_type(r->m, d.index, &ft);
    if (!(hi = calloc(1, sizeof *hi + (ft.nparams + ft.nresults) * sizeof(wlab_valtype))))
      die_nomem();
    r->imports[i] = hi;
    hi->r = r;
    hi->kind = kind_of(d.module, d.name);
    sb_printf(&name, "%s.%s", d.module, d.name);
    hi->name = name.p;
    if (ft.nparams) /* the arrays may be NULL when empty */
      memcpy(hi->types, ft.params, ft.nparams * sizeof *ft.params);
    if (ft.nresults)
      memcpy(hi->types + ft.nparams, ft.results, ft.nresults * sizeof *ft.results);
    hi->type = (wlab_functype){ft.nparams, ft.nresults, hi->types, hi->types + ft.nparams};
    /* a name imported twice keeps its first definition, in every configuration alike */
    wlab_linker_define_func(r->l, d.module, d.name, &hi->type, host_fn, hi, &err);
  }
  memset(&err, 0, sizeof err);
  if (!(r->inst = wlab_instance_new(r->l, r->m, &err))) {
    r->st.inconclusive = r->exhausted || is_exhaustion(err.status, &err);
    /* as for calls: the kind of failure, and where only on request */
    t2_printf(&r->st.outcome, "%s: %s", wlab_status_name(err.status), err.message);
    if (o->trap_location && err.func_index != WLAB_NONE)
      t2_printf(&r->st.outcome, " (function %u, offset 0x%x)", err.func_index, err.offset);
    return;
  }
  t2_printf(&r->st.outcome, "ok");
  for (uint32_t i = 0; i < nexports; i++) {
    wlab_extern_desc d;
    wlab_module_export(r->m, i, &d);
    if (d.kind == WLAB_EXTERN_FUNC && (r->funcs[r->nfuncs] = wlab_instance_func_n(r->inst, d.name, d.name_len))) {
      r->func_names[r->nfuncs++] = xstrndup(d.name, d.name_len);
    } else if (d.kind == WLAB_EXTERN_MEMORY) {
      mem_view *mv = &r->mems[r->nmems++];
      mv->name = xstrndup(d.name, d.name_len);
      mv->name_len = d.name_len;
      if (!mem_view_open(r, mv, &r->st.mem_error))
        r->st.mem_failed = true;
    }
  }
  /* binaryen bounds every loop and call by a global that this export resets: resetting it before
   * each call gives every export its whole budget rather than what earlier calls left of it */
  if ((r->reset = wlab_instance_func(r->inst, "hangLimitInitializer"))) {
    wlab_functype rt;
    wlab_func_type(r->reset, &rt);
    if (rt.nparams || rt.nresults)
      r->reset = NULL;
  }
  r->st.inconclusive |= r->exhausted;
  read_memories(r);
}

/* A step that calls export k. */
static void run_call(run *r, uint32_t k, unsigned round)
{
  sbuf *what = &r->what;
  wlab_error err;
  step_reset(&r->st);
  r->exhausted = false;
  if (r->reset && wlab_func_call(r->reset, NULL, 0, NULL, 0, &err) != WLAB_OK) {
    if (is_exhaustion(err.status, &err))
      r->exhausted = true;
    t2_printf(&r->st.outcome, "hangLimitInitializer: %s; ", err.message);
  }
  sb_clear(what);
  sb_printf(what, "call '%s'(", r->func_names[k]);
  call_export(r, k, 3 * round, what, &r->st.outcome);
  sb_printf(what, ")");
  r->st.inconclusive = r->exhausted;
  read_memories(r);
}

/* The last step: exported globals. */
static void run_globals(run *r)
{
  uint32_t n = wlab_module_export_count(r->m);
  step_reset(&r->st);
  for (uint32_t i = 0; i < n; i++) {
    wlab_extern_desc d;
    wlab_val v;
    wlab_module_export(r->m, i, &d);
    if (d.kind != WLAB_EXTERN_GLOBAL)
      continue;
    t2_printf(&r->st.outcome, "global '%.*s' ", (int)d.name_len, d.name);
    if (strlen(d.name) != d.name_len)
      t2_printf(&r->st.outcome, "(a NUL in the name: not readable through the API)");
    else if (wlab_instance_global(r->inst, d.name, &v) != WLAB_OK)
      t2_printf(&r->st.outcome, "cannot read");
    else
      fmt_val(&r->st.outcome, &v, r);
    t2_printf(&r->st.outcome, "; ");
  }
}

static void run_close(run *r)
{
  for (uint32_t i = 0; i < r->nmems; i++) {
    wlab_instance_free(r->mems[i].h);
    wlab_module_free(r->mems[i].m);
    free(r->mems[i].copy);
    free(r->mems[i].name);
  }
  wlab_instance_free(r->inst);
  wlab_linker_free(r->l);
  wlab_module_free(r->m);
  wlab_engine_free(r->e);
  for (uint32_t i = 0; i < r->nimports; i++)
    if (r->imports[i]) {
      free(r->imports[i]->name);
      free(r->imports[i]);
    }
  for (uint32_t k = 0; k < r->nfuncs; k++)
    free(r->func_names[k]);
  free(r->imports);
  free(r->func_names);
  free(r->funcs);
  free(r->mems);
  t2_free(&r->st.outcome);
  free(r->st.tr.text.p);
  free(r->st.mem_error.p);
  free(r->what.p);
}

/* ---- one thread per configuration ---------------------------------------------------------- */

typedef enum job_kind { J_OPEN, J_CALL, J_GLOBALS, J_CLOSE } job_kind;

typedef struct worker {
  pthread_t thread;
  sem_t go;
  const options *o;
  const dt_config *c;
  run r;
  job_kind job;
  const uint8_t *bytes;       /* J_OPEN */
  size_t len;
  uint32_t k;                 /* J_CALL */
  unsigned round;
} worker;

static sem_t jobs_done;

static void *worker_main(void *arg)
{
  worker *w = arg;
  for (;;) {
    while (sem_wait(&w->go) != 0)
      ;
    switch (w->job) {
    case J_OPEN: run_open(&w->r, w->o, w->c, w->bytes, w->len); break;
    case J_CALL: run_call(&w->r, w->k, w->round); break;
    case J_GLOBALS: run_globals(&w->r); break;
    case J_CLOSE: run_close(&w->r); break;
    }
    sem_post(&jobs_done);
  }
  return NULL;
}

/* Gives every worker the same job and waits until all have done it (the semaphores order memory). */
static void dispatch(worker *ws, int n, job_kind job, uint32_t k, unsigned round)
{
  fflush(stdout); /* a crash in a tier should not eat what was printed before it */
  for (int i = 0; i < n; i++) {
    ws[i].job = job;
    ws[i].k = k;
    ws[i].round = round;
    sem_post(&ws[i].go);
  }
  for (int i = 0; i < n; i++)
    while (sem_wait(&jobs_done) != 0)
      ;
}

/* ---- comparing ----------------------------------------------------------------------------- */

typedef struct counts {
  uint64_t modules, calls, inconclusive, differences, nan_notes, errors;
} counts;

/* Worse is larger.  NAN_SHAPED: differs, but only in bytes that are NaNs of some width in both (v128
 * lanes, memory): maybe just NaN payloads, maybe integers such as -7 (0xff..f9 is a NaN too). */
typedef enum verdict { SAME, NAN_ONLY, NAN_SHAPED, DIFFERENT } verdict;

static const char *const verdict_note[] = {
  "", "  only NaN payloads or signs of f32/f64 values differ (the spec allows that; --exact-nan fails it)\n",
  ("  every differing byte is inside an f32 or f64 NaN on both sides: perhaps only NaN payloads (the spec\n"
   "  allows them) but perhaps integers that look like NaNs; --nan-shapes excuses these\n"),
  ""};

/* Is the differing byte at p inside a window that both memories read as a NaN of the same width? */
static bool nan_window(const uint8_t *a, const uint8_t *b, size_t size, size_t p)
{
  for (size_t w = 8; w >= 4; w -= 4)
    for (size_t s = p >= w - 1 ? p - (w - 1) : 0; s <= p && s + w <= size; s++)
      if (w == 8 ? f64_nan(load64(a + s)) && f64_nan(load64(b + s)) : f32_nan(load32(a + s)) && f32_nan(load32(b + s)))
        return true;
  return false;
}

/* Compares memory i of runs a and b: SAME, NAN_SHAPED or DIFFERENT, with a description in msg. */
static verdict compare_memory(const mem_view *a, const mem_view *b, const char *na, const char *nb, sbuf *msg)
{
  size_t first = 0, ndiff = 0;
  bool nan_only = true;
  if (a->size != b->size) {
    sb_printf(msg, "memory '%s': %s %zu bytes, %s %zu bytes", a->name, na, a->size, nb, b->size);
    return DIFFERENT;
  }
  if (!a->copy || !b->copy) {
    if (a->hash == b->hash)
      return SAME;
    sb_printf(msg, "memory '%s': contents differ (hashes %016" PRIx64 ", %016" PRIx64 ")", a->name, a->hash, b->hash);
    return DIFFERENT;
  }
  if (memcmp(a->copy, b->copy, a->size) == 0)
    return SAME;
  for (size_t j = 0; j < a->size; j++)
    if (a->copy[j] != b->copy[j]) {
      if (!ndiff++)
        first = j;
      if (nan_only && !nan_window(a->copy, b->copy, a->size, j))
        nan_only = false;
    }
  sb_printf(msg, "memory '%s' (%zu bytes): %zu bytes differ, the first at 0x%zx:", a->name, a->size, ndiff, first);
  for (int w = 0; w < 2; w++) {
    const mem_view *m = w ? b : a;
    size_t from = first & ~(size_t)15;
    sb_printf(msg, "\n    %-10s 0x%06zx:", w ? nb : na, from);
    for (size_t j = from; j < from + 16 && j < m->size; j++)
      sb_printf(msg, " %02x", m->copy[j]);
  }
  return nan_only ? NAN_SHAPED : DIFFERENT;
}

/* The first line where two traces differ, for the report. */
static void print_trace_diff(const run *a, const run *b)
{
  const char *pa = sb_str(&a->st.tr.text), *pb = sb_str(&b->st.tr.text);
  uint64_t line = 1;
  while (*pa && *pb) {
    size_t la = strcspn(pa, "\n"), lb = strcspn(pb, "\n");
    if (la != lb || memcmp(pa, pb, la) != 0)
      break;
    pa += la + (pa[la] == '\n');
    pb += lb + (pb[lb] == '\n');
    line++;
  }
  if (!*pa)
    pa = "(no more host calls)";
  if (!*pb)
    pb = "(no more host calls)";
  printf("  host call %" PRIu64 " (of %" PRIu64 " / %" PRIu64 "):\n", line, a->st.tr.lines, b->st.tr.lines);
  printf("    %-10s %.*s\n", a->c->name, (int)strcspn(pa, "\n"), pa);
  printf("    %-10s %.*s\n", b->c->name, (int)strcspn(pb, "\n"), pb);
}

/* Compares run b's step with run a's; prints what differs when print is set. */
static verdict compare_step(const run *a, const run *b, bool print)
{
  verdict v = SAME;
  const step *x = &a->st, *y = &b->st;
  sbuf msg = {0};
  /* the first rendering in which they agree says how bad it is */
  for (int i = 0; i < NREND; i++)
    if (strcmp(sb_str(&x->outcome.r[i]), sb_str(&y->outcome.r[i])) == 0)
      break;
    else
      v = i == R_EXACT ? NAN_ONLY : i == R_NAN ? NAN_SHAPED : DIFFERENT;
  if (v != SAME && print)
    printf("  %-10s %s\n  %-10s %s\n", a->c->name, sb_str(&x->outcome.r[R_EXACT]), b->c->name,
           sb_str(&y->outcome.r[R_EXACT]));
  if (x->tr.lines != y->tr.lines || x->tr.hash[R_EXACT] != y->tr.hash[R_EXACT]) {
    verdict t = x->tr.lines != y->tr.lines ? DIFFERENT : x->tr.hash[R_NAN] == y->tr.hash[R_NAN] ? NAN_ONLY
                : x->tr.hash[R_SHAPE] == y->tr.hash[R_SHAPE] ? NAN_SHAPED : DIFFERENT;
    v = t > v ? t : v;
    if (print)
      print_trace_diff(a, b);
  }
  if (x->mem_failed || y->mem_failed) {
    if (x->mem_failed != y->mem_failed || strcmp(sb_str(&x->mem_error), sb_str(&y->mem_error)) != 0) {
      v = DIFFERENT;
      if (print)
        printf("  %-10s %s\n  %-10s %s\n", a->c->name, x->mem_failed ? sb_str(&x->mem_error) : "memory read",
               b->c->name, y->mem_failed ? sb_str(&y->mem_error) : "memory read");
    }
  } else {
    for (uint32_t i = 0; i < a->nmems && i < b->nmems; i++) {
      verdict m = compare_memory(&a->mems[i], &b->mems[i], a->c->name, b->c->name, &msg);
      v = m > v ? m : v;
      if (m != SAME && print)
        printf("  %s\n", msg.p);
      sb_clear(&msg);
    }
  }
  free(msg.p);
  return v;
}

static void print_step(const run *r, size_t index, const char *what)
{
  const char *p = sb_str(&r->st.tr.text);
  printf("  [%s] %zu %s %s%s%s%s\n", r->c->name, index, what, sb_str(&r->st.outcome.r[R_EXACT]),
         r->st.inconclusive ? " (inconclusive)" : "", r->st.mem_failed ? "; " : "", sb_str(&r->st.mem_error));
  while (*p) {
    size_t l = strcspn(p, "\n");
    printf("      %.*s\n", (int)l, p);
    p += l + (p[l] == '\n');
  }
  if (r->st.tr.text.n >= TRACE_KEEP)
    printf("      ... (%" PRIu64 " host calls in all)\n", r->st.tr.lines);
  for (uint32_t i = 0; i < r->nmems; i++) {
    const mem_view *mv = &r->mems[i];
    printf("      memory '%s': %zu bytes, hash %016" PRIx64 "\n", mv->name, mv->size,
           mv->copy ? fnv(FNV_INIT, mv->copy, mv->size) : mv->hash);
  }
}

/* Compares the current step of every run with run 0.  Returns true when the module's comparison
 * must stop (a difference, a NaN note, or an inconclusive step). */
static bool check_step(const char *file, const options *o, run *runs, size_t index, const char *what,
                       const char *export_name, bool is_call, counts *cn)
{
  verdict worst = SAME, v[MAX_CONFIGS] = {SAME};
  bool excused;
  if (o->verbose)
    for (int k = 0; k < o->nconfigs; k++)
      print_step(&runs[k], index, what);
  for (int k = 0; k < o->nconfigs; k++)
    if (runs[k].st.inconclusive) {
      cn->inconclusive++;
      if (o->verbose)
        printf("  inconclusive: %s ran out of fuel, time or stack at step %zu\n", runs[k].c->name, index);
      return true;
    }
  for (int k = 1; k < o->nconfigs; k++) {
    v[k] = compare_step(&runs[0], &runs[k], false);
    worst = v[k] > worst ? v[k] : worst;
  }
  if (worst == SAME) {
    cn->calls += is_call;
    return false;
  }
  /* a difference fails unless it is excused: typed NaNs unless --exact-nan, NaN shapes with --nan-shapes */
  excused = (worst == NAN_ONLY && !o->exact_nan) || (worst == NAN_SHAPED && o->nan_shapes);
  for (int k = 1; k < o->nconfigs; k++) {
    if (v[k] == SAME)
      continue;
    printf("%s %s: %s vs %s at step %zu (%s%s%s):\n", excused ? "NAN-NOTE" : "DIFF", file, runs[k].c->name,
           runs[0].c->name, index, export_name ? "export '" : "",
           export_name ? export_name : index ? "exported globals" : "instantiation", export_name ? "'" : "");
    printf("%s  %s\n", verdict_note[v[k]], what);
    compare_step(&runs[0], &runs[k], true);
  }
  if (excused)
    cn->nan_notes++;
  else
    cn->differences++;
  return true;
}

static void compare_module(const char *file, const options *o, worker *ws, const uint8_t *bytes, size_t len,
                           counts *cn)
{
  run runs[MAX_CONFIGS];
  size_t index = 0;
  bool stop, all_open = true;
  if (o->verbose)
    printf("%s:\n", file);
  for (int k = 0; k < o->nconfigs; k++)
    ws[k].bytes = bytes, ws[k].len = len;
  dispatch(ws, o->nconfigs, J_OPEN, 0, 0);
  for (int k = 0; k < o->nconfigs; k++) {
    runs[k] = ws[k].r; /* a snapshot for comparing: the workers wait until the next job */
    all_open &= runs[k].inst != NULL;
  }
  stop = check_step(file, o, runs, index++, "instantiate", NULL, true, cn) || !all_open;
  for (unsigned round = 0; !stop && round < o->rounds; round++)
    for (uint32_t f = 0; !stop && f < runs[0].nfuncs; f++) {
      dispatch(ws, o->nconfigs, J_CALL, f, round);
      for (int k = 0; k < o->nconfigs; k++)
        runs[k] = ws[k].r;
      stop = check_step(file, o, runs, index++, runs[0].what.p, runs[0].func_names[f], true, cn);
    }
  if (!stop) {
    dispatch(ws, o->nconfigs, J_GLOBALS, 0, 0);
    for (int k = 0; k < o->nconfigs; k++)
      runs[k] = ws[k].r;
    check_step(file, o, runs, index, "exported globals", NULL, false, cn);
  }
  dispatch(ws, o->nconfigs, J_CLOSE, 0, 0);
}

static uint8_t *read_file(const char *path, size_t *len)
{
  FILE *f = fopen(path, "rb");
  struct stat st;
  uint8_t *buf;
  if (!f || fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
    fprintf(stderr, "difftest: cannot read '%s': %s\n", path, f ? "not a regular file" : strerror(errno));
    if (f)
      fclose(f);
    return NULL;
  }
  if (!(buf = malloc(st.st_size ? (size_t)st.st_size : 1)))
    die_nomem();
  *len = fread(buf, 1, (size_t)st.st_size, f);
  fclose(f);
  if (*len != (size_t)st.st_size) {
    fprintf(stderr, "difftest: cannot read '%s'\n", path);
    free(buf);
    return NULL;
  }
  return buf;
}

/* The engine takes any opt_disable list and checks it only when it compiles (a function it cannot
 * compile stays in the tier below): an unknown pass name would quietly compare the interpreter with
 * itself.  So each list is tried once on a module of one empty function, whose SSA dump says. */
static void check_opt_disable(const dt_config *c)
{
  static const uint8_t one_func[] = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x01, 0x60, 0x00,
                                     0x00, 0x03, 0x02, 0x01, 0x00, 0x0a, 0x04, 0x01, 0x02, 0x00, 0x0b};
  wlab_config cfg;
  wlab_error err;
  wlab_config_default(&cfg);
  cfg.opt_disable = c->opt_disable;
  wlab_engine *e = wlab_engine_new(&cfg);
  wlab_module *m = e ? wlab_module_new(e, one_func, sizeof one_func, &err) : NULL;
  FILE *sink = fopen("/dev/null", "w");
  if (!e || !m || !sink)
    die_nomem();
  if (wlab_module_dump_ssa(m, 0, "build", sink, &err) != WLAB_OK) {
    fprintf(stderr, "difftest: configuration '%s': %s\n", c->name, err.text);
    exit(2);
  }
  fclose(sink);
  wlab_module_free(m);
  wlab_engine_free(e);
}

static const char usage[] =
  "usage: difftest [--configs A,B,...] [--fuel N] [--timeout S] [--rounds R] [--exact-nan]\n"
  "                [--nan-shapes] [--trap-location] [--verbose] FILE.wasm...\n"
  "Runs every module in each configuration (default interp,baseline) in lockstep, calling every exported\n"
  "function R times (default 2) with fixed arguments, and compares results, traps (their kind; with\n"
  "--trap-location also function and offset), host calls and the exported memories (after every call)\n"
  "and globals with the first configuration.  f32/f64 values differing only as NaNs are notes (the spec\n"
  "allows it) unless --exact-nan; v128 lanes and memory bytes that are NaN-shaped on both sides are\n"
  "excused only with --nan-shapes.  --fuel is each call's budget (default 1000000); running\n"
  "out of it, of time (--timeout, default 10 s per call) or of stack makes the rest of that module\n"
  "inconclusive.\n"
  "Exit status: 0 no difference, 1 a difference, 2 usage or I/O error.\n"
  "Configurations (and opt-no-P+Q... or opt-explicit-no-P+Q...: the opt tier with passes P, Q... switched off):";

int main(int argc, char **argv)
{
  static worker workers[MAX_CONFIGS];
  options o = {.fuel = 1000000, .timeout = 10, .rounds = 2};
  const char *configs = "interp,baseline";
  counts cn = {0};
  int first_file = argc;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    char *end;
    if (strcmp(a, "--configs") == 0 && i + 1 < argc) {
      configs = argv[++i];
    } else if (strncmp(a, "--configs=", 10) == 0) {
      configs = a + 10;
    } else if (strcmp(a, "--fuel") == 0 && i + 1 < argc) {
      o.fuel = strtoull(argv[++i], &end, 10);
      if (*end || !o.fuel)
        return fprintf(stderr, "difftest: --fuel needs a positive number\n"), 2;
    } else if (strcmp(a, "--timeout") == 0 && i + 1 < argc) {
      o.timeout = strtod(argv[++i], &end);
      if (*end || o.timeout < 0)
        return fprintf(stderr, "difftest: --timeout needs seconds\n"), 2;
    } else if (strcmp(a, "--rounds") == 0 && i + 1 < argc) {
      o.rounds = (unsigned)strtoul(argv[++i], &end, 10);
      if (*end || !o.rounds)
        return fprintf(stderr, "difftest: --rounds needs a positive number\n"), 2;
    } else if (strcmp(a, "--trap-location") == 0) {
      o.trap_location = true;
    } else if (strcmp(a, "--nan-shapes") == 0) {
      o.nan_shapes = true;
    } else if (strcmp(a, "--exact-nan") == 0) {
      o.exact_nan = true;
    } else if (strcmp(a, "--verbose") == 0 || strcmp(a, "-v") == 0) {
      o.verbose = true;
    } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
      printf("%s", usage);
      for (size_t k = 0; k < NKNOWN; k++)
        printf(" %s (tier %s%s%s)", known_configs[k].name, known_configs[k].tier,
               known_configs[k].bounds == WLAB_BOUNDS_EXPLICIT ? ", explicit bounds checks" : "",
               known_configs[k].eager ? ", eager compiles" : "");
      printf("\n");
      return 0;
    } else if (strcmp(a, "--") == 0) {
      first_file = i + 1;
      break;
    } else if (a[0] == '-') {
      fprintf(stderr, "difftest: unknown option '%s' (see --help)\n", a);
      return 2;
    } else {
      first_file = i;
      break;
    }
  }
  for (const char *p = configs; *p;) {
    size_t len = strcspn(p, ",");
    const dt_config *c = NULL;
    if (o.nconfigs == MAX_CONFIGS) {
      fprintf(stderr, "difftest: too many configurations at '%.*s' (at most %d)\n", (int)len, p, MAX_CONFIGS);
      return 2;
    }
    for (size_t k = 0; k < NKNOWN && !c; k++)
      if (strlen(known_configs[k].name) == len && strncmp(known_configs[k].name, p, len) == 0)
        c = &known_configs[k];
    size_t pre = len > 7 && strncmp(p, "opt-no-", 7) == 0 ? 7 : len > 16 && strncmp(p, "opt-explicit-no-", 16) == 0 ? 16 : 0;
    if (!c && pre) {
      /* the opt tier with passes switched off: the engine checks the names */
      static dt_config off[MAX_CONFIGS];
      dt_config *d = &off[o.nconfigs];
      char *name = strndup(p, len), *passes = strndup(p + pre, len - pre);
      if (!name || !passes)
        die_nomem();
      for (char *q = passes; *q; q++)
        if (*q == '+')
          *q = ',';
      *d = (dt_config){name, "opt", pre == 16 ? WLAB_BOUNDS_EXPLICIT : WLAB_BOUNDS_GUARD, 0, WLAB_TIER_UP_DEFAULT, 0,
                       passes, NULL, 0};
      check_opt_disable(d);
      c = d;
    }
    if (!c) {
      fprintf(stderr, "difftest: no configuration '%.*s' (see --help)\n", (int)len, p);
      return 2;
    }
    o.configs[o.nconfigs++] = c;
    p += len + (p[len] == ',');
  }
  if (o.nconfigs < 2)
    return fprintf(stderr, "difftest: give at least two configurations\n"), 2;
  if (first_file >= argc)
    return fprintf(stderr, "difftest: no FILE given (see --help)\n"), 2;
  if (sem_init(&jobs_done, 0, 0) != 0)
    return fprintf(stderr, "difftest: sem_init: %s\n", strerror(errno)), 2;
  for (int k = 0; k < o.nconfigs; k++) {
    pthread_attr_t attr;
    workers[k].o = &o;
    workers[k].c = o.configs[k];
    /* as deep a native stack as a main thread's usual 8 MiB, for guests that recurse */
    if (sem_init(&workers[k].go, 0, 0) != 0 || pthread_attr_init(&attr) != 0 ||
        pthread_attr_setstacksize(&attr, (size_t)16 << 20) != 0 ||
        pthread_create(&workers[k].thread, &attr, worker_main, &workers[k]) != 0)
      return fprintf(stderr, "difftest: cannot start a thread\n"), 2;
    pthread_attr_destroy(&attr);
  }
  for (int i = first_file; i < argc; i++) {
    size_t len = 0;
    uint8_t *bytes = read_file(argv[i], &len);
    if (!bytes) {
      cn.errors++;
      continue;
    }
    cn.modules++;
    compare_module(argv[i], &o, workers, bytes, len, &cn);
    free(bytes);
  }
  /* the workers are not ended: the library keeps per-thread state (value stack, interpreter and
   * compiler contexts) that a thread's end does not free, and LeakSanitizer would report it */
  if (cn.nan_notes)
    printf("%" PRIu64 " modules stopped at a NaN-payload-only difference (allowed by the spec)\n", cn.nan_notes);
  printf("%" PRIu64 " modules, %" PRIu64 " calls compared, %" PRIu64 " inconclusive (fuel/stack), %" PRIu64
         " differences\n", cn.modules, cn.calls, cn.inconclusive, cn.differences);
  return cn.errors ? 2 : cn.differences ? 1 : 0;
}
