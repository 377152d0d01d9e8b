/* test_trace.c: a trap's frames (wlab_error.frames, docs/abi.md "Trap traces") in every tier built in: traps 3 calls deep, guard-page faults, host functions' traps, after OSR, deep recursion and stack exhaustion. */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "wasmlab.h"

/*
 * (module                                                     ;; function index, body offset
 *   (import "env" "fail" (func $fail))                        ;; 0
 *   (memory 1)
 *   (func $f3 (unreachable))                                  ;; 1  0x69
 *   (func $f2 (call $f3))                                     ;; 2  0x6d
 *   (func $f1 (call $f2))                                     ;; 3  0x72
 *   (func (export "deep") (call $f1))                         ;; 4  0x77
 *   (func $load (param i32) (result i32) (i32.load (local.get 0)))          ;; 5  0x7c
 *   (func $mid (param i32) (result i32) (call $load (local.get 0)))         ;; 6  0x84
 *   (func (export "fault") (param i32) (result i32) (call $mid (local.get 0)))  ;; 7  0x8b
 *   (func $h1 (call $fail))                                   ;; 8  0x92
 *   (func (export "host") (call $h1))                         ;; 9  0x97
 *   (func $rec (export "rec") (param i32)                     ;; 10 0x9c
 *     (if (local.get 0) (then (call $rec (i32.sub (local.get 0) (i32.const 1)))) (else unreachable)))
 *   (func $inf (export "inf") (call $inf))                    ;; 11 0xad
 *   (func $spin (param i32)                                   ;; 12 0xb2
 *     (loop (br_if 0 (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
 *     (call $f3))
 *   (func (export "osr") (param i32) (call $spin (local.get 0))))          ;; 13 0xc3
 *
 * Offsets in a body (from its first byte, the locals count): a call or unreachable right at the
 * start is at 1; after a local.get, 3; rec's call is at 10 and its unreachable at 13; spin's call
 * at 13.
 */
static const uint8_t module_wasm[] = {
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x0d, 0x03, 0x60,
  0x00, 0x00, 0x60, 0x01, 0x7f, 0x01, 0x7f, 0x60, 0x01, 0x7f, 0x00, 0x02,
  0x0c, 0x01, 0x03, 0x65, 0x6e, 0x76, 0x04, 0x66, 0x61, 0x69, 0x6c, 0x00,
  0x00, 0x03, 0x0e, 0x0d, 0x00, 0x00, 0x00, 0x00, 0x01, 0x01, 0x01, 0x00,
  0x00, 0x02, 0x00, 0x02, 0x02, 0x05, 0x03, 0x01, 0x00, 0x01, 0x07, 0x29,
  0x06, 0x04, 0x64, 0x65, 0x65, 0x70, 0x00, 0x04, 0x05, 0x66, 0x61, 0x75,
  0x6c, 0x74, 0x00, 0x07, 0x04, 0x68, 0x6f, 0x73, 0x74, 0x00, 0x09, 0x03,
  0x72, 0x65, 0x63, 0x00, 0x0a, 0x03, 0x69, 0x6e, 0x66, 0x00, 0x0b, 0x03,
  0x6f, 0x73, 0x72, 0x00, 0x0d, 0x0a, 0x62, 0x0d, 0x03, 0x00, 0x00, 0x0b,
  0x04, 0x00, 0x10, 0x01, 0x0b, 0x04, 0x00, 0x10, 0x02, 0x0b, 0x04, 0x00,
  0x10, 0x03, 0x0b, 0x07, 0x00, 0x20, 0x00, 0x28, 0x02, 0x00, 0x0b, 0x06,
  0x00, 0x20, 0x00, 0x10, 0x05, 0x0b, 0x06, 0x00, 0x20, 0x00, 0x10, 0x06,
  0x0b, 0x04, 0x00, 0x10, 0x00, 0x0b, 0x04, 0x00, 0x10, 0x08, 0x0b, 0x10,
  0x00, 0x20, 0x00, 0x04, 0x40, 0x20, 0x00, 0x41, 0x01, 0x6b, 0x10, 0x0a,
  0x05, 0x00, 0x0b, 0x0b, 0x04, 0x00, 0x10, 0x0b, 0x0b, 0x10, 0x00, 0x03,
  0x40, 0x20, 0x00, 0x41, 0x01, 0x6b, 0x22, 0x00, 0x0d, 0x00, 0x0b, 0x10,
  0x01, 0x0b, 0x06, 0x00, 0x20, 0x00, 0x10, 0x0c, 0x0b
};

/* One engine configuration, and whether its traces are complete (docs/abi.md says which are). */
typedef struct config {
  const char *name;
  const char *tier;
  wlab_bounds bounds;
  int64_t tier_up_after;
  const char *ladder;
  bool complete;           /* every frame; else the frames given must be the innermost ones */
  bool opt;                /* code may get to the optimising tier with inlining (whose traces stop
                            * at an inlined frame) when a function gets hot */
  const char *opt_disable;
} config;

static const config configs[] = {
  {"interp", "interp", WLAB_BOUNDS_GUARD, WLAB_TIER_UP_DEFAULT, NULL, true, false, NULL},
  {"baseline", "baseline", WLAB_BOUNDS_GUARD, WLAB_TIER_UP_DEFAULT, NULL, true, false, NULL},
  {"baseline-explicit", "baseline", WLAB_BOUNDS_EXPLICIT, WLAB_TIER_UP_DEFAULT, NULL, true, false, NULL},
  /* inlined code is one native frame for several wasm frames: the trace stops at it */
  {"opt", "opt", WLAB_BOUNDS_GUARD, WLAB_TIER_UP_DEFAULT, NULL, false, true, NULL},
  {"opt-explicit", "opt", WLAB_BOUNDS_EXPLICIT, WLAB_TIER_UP_DEFAULT, NULL, false, true, NULL},
  /* without inlining, opt code's frames are walked whole */
  {"opt-noinline", "opt", WLAB_BOUNDS_GUARD, WLAB_TIER_UP_DEFAULT, NULL, true, false, "inline"},
  {"opt-noinline-explicit", "opt", WLAB_BOUNDS_EXPLICIT, WLAB_TIER_UP_DEFAULT, NULL, true, false, "inline"},
  /* the default: nothing here gets hot but the unbounded recursion */
  {"tiered", "tiered", WLAB_BOUNDS_GUARD, WLAB_TIER_UP_DEFAULT, NULL, true, true, NULL},
  /* everything compiled by the baseline at its first tick, on the running thread */
  {"tiered-baseline0", "tiered", WLAB_BOUNDS_GUARD, 0, "interp,baseline", true, false, NULL},
  {"tiered0", "tiered", WLAB_BOUNDS_GUARD, 0, NULL, false, true, NULL},
};

typedef struct fixture {
  const config *cfg;
  wlab_engine *e;
  wlab_module *m;
  wlab_linker *l;
  wlab_instance *inst;
} fixture;

static wlab_status host_fail(wlab_caller *caller, void *env, const wlab_val *args, wlab_val *results, wlab_error *err)
{
  (void)caller;
  (void)env;
  (void)args;
  (void)results;
  snprintf(err->message, sizeof err->message, "the host says no");
  return WLAB_ERR_TRAP;
}

static bool tier_built(const char *tier)
{
  const char *all = wlab_engine_tiers(NULL);
  size_t n = strlen(tier);
  for (const char *p = all; (p = strstr(p, tier)); p += n)
    if ((p == all || p[-1] == ',') && (p[n] == ',' || p[n] == 0))
      return true;
  return false;
}

/* cmocka points SIGSEGV and SIGBUS at its own handler for the length of each test, over the one
 * the engine installs once (core/trap.c) for guard-page faults: each fixture puts it back. */
static struct sigaction engine_segv, engine_bus;

static fixture *fixture_new(const config *c, bool osr_quick)
{
  fixture *fx = calloc(1, sizeof *fx);
  wlab_config cfg;
  wlab_error err;
  assert_non_null(fx);
  sigaction(SIGSEGV, &engine_segv, NULL);
  sigaction(SIGBUS, &engine_bus, NULL);
  wlab_config_default(&cfg);
  cfg.tier = c->tier;
  cfg.bounds = c->bounds;
  cfg.tier_up_after = osr_quick ? 100 : c->tier_up_after;
  cfg.ladder = c->ladder;
  cfg.opt_disable = c->opt_disable;
  cfg.no_background = 1; /* compiles happen where the test can count on them */
  fx->cfg = c;
  fx->e = wlab_engine_new(&cfg);
  assert_non_null(fx->e);
  fx->m = wlab_module_new(fx->e, module_wasm, sizeof module_wasm, &err);
  assert_non_null(fx->m);
  fx->l = wlab_linker_new(fx->e);
  wlab_functype ft = {0};
  assert_int_equal(wlab_linker_define_func(fx->l, "env", "fail", &ft, host_fail, NULL, &err), WLAB_OK);
  fx->inst = wlab_instance_new(fx->l, fx->m, &err);
  assert_non_null(fx->inst);
  return fx;
}

static void fixture_free(fixture *fx)
{
  wlab_instance_free(fx->inst);
  wlab_linker_free(fx->l);
  wlab_module_free(fx->m);
  wlab_engine_free(fx->e);
  free(fx);
}

static wlab_status call(fixture *fx, const char *name, const wlab_val *args, uint32_t nargs, wlab_error *err)
{
  wlab_func *f = wlab_instance_func(fx->inst, name);
  wlab_val r[1];
  memset(r, 0, sizeof r);
  assert_non_null(f);
  memset(err, 0xa5, sizeof *err); /* nothing of a previous error may show through */
  wlab_functype t;
  wlab_func_type(f, &t);
  return wlab_func_call(f, args, nargs, r, t.nresults, err);
}

typedef struct want { uint32_t func, func_offset; } want;

/* err's frames are want[0..n) (all of them when the configuration's traces are complete, else
 * at least the innermost), each with its module offset, in fx's instance or an unknown one. */
static void check_frames(const fixture *fx, const wlab_error *err, const want *w, uint32_t n)
{
  if (fx->cfg->complete && err->nframes != n)
    fail_msg("%s: %u frames, want %u", fx->cfg->name, err->nframes, n);
  else
    assert_in_range(err->nframes, 1, n);
  for (uint32_t i = 0; i < err->nframes; i++) {
    const wlab_frame *fr = &err->frames[i];
    if (fr->func_index != w[i].func || fr->func_offset != w[i].func_offset)
      fail_msg("%s: frame %u is function %u at +%u, want %u at +%u", fx->cfg->name, i, fr->func_index,
               fr->func_offset, w[i].func, w[i].func_offset);
    assert_int_equal(fr->module_offset, wlab_module_func_body_offset(fx->m, fr->func_index) + w[i].func_offset);
    assert_true(fr->instance == NULL || fr->instance == fx->inst);
  }
  /* the trapping frame is what the error's location says (a host function's trap names the host
   * function there: its frames start at the caller) */
  if (!strstr(err->text, "the host says no")) {
    assert_int_equal(err->frames[0].func_index, err->func_index);
    assert_int_equal(err->frames[0].module_offset, err->offset);
  }
}

static void run_configs(void (*body)(fixture *fx))
{
  for (size_t i = 0; i < sizeof configs / sizeof configs[0]; i++) {
    if (!tier_built(configs[i].tier))
      continue;
    fixture *fx = fixture_new(&configs[i], false);
    body(fx);
    fixture_free(fx);
  }
}

/* ---- the tests ---------------------------------------------------------------------------- */

static void body_offsets(void **state)
{
  (void)state;
  wlab_engine *e = wlab_engine_new(NULL);
  wlab_error err;
  assert_non_null(e);
  wlab_module *m = wlab_module_new(e, module_wasm, sizeof module_wasm, &err);
  assert_non_null(m);
  assert_int_equal(wlab_module_func_body_offset(m, 0), WLAB_NONE); /* the import */
  assert_int_equal(wlab_module_func_body_offset(m, 1), 0x69);
  assert_int_equal(wlab_module_func_body_offset(m, 4), 0x77);
  assert_int_equal(wlab_module_func_body_offset(m, 13), 0xc3);
  assert_int_equal(wlab_module_func_body_offset(m, 14), WLAB_NONE); /* past the last */
  wlab_module_free(m);
  wlab_engine_free(e);
}

static void deep_body(fixture *fx)
{
  wlab_error err;
  static const want w[] = {{1, 1}, {2, 1}, {3, 1}, {4, 1}};
  for (int k = 0; k < 3; k++) { /* the first call may compile; later ones run what is there */
    assert_int_equal(call(fx, "deep", NULL, 0, &err), WLAB_ERR_TRAP);
    assert_int_equal(err.func_index, 1);
    assert_int_equal(err.offset, 0x6a);
    check_frames(fx, &err, w, 4);
    if (fx->cfg->complete || err.frames[0].instance) /* r13, or the interpreter's */
      assert_ptr_equal(err.frames[0].instance, fx->inst);
    if (fx->cfg->complete)
      assert_ptr_equal(err.frames[3].instance, fx->inst);
  }
}
static void unreachable_3_deep(void **state) { (void)state; run_configs(deep_body); }

static void fault_body(fixture *fx)
{
  wlab_error err;
  wlab_val a = {.type = WLAB_I32, .of.i32 = 65536 - 2}; /* straddles the end of the memory */
  static const want w[] = {{5, 3}, {6, 3}, {7, 3}};
  for (int k = 0; k < 2; k++) {
    assert_int_equal(call(fx, "fault", &a, 1, &err), WLAB_ERR_TRAP);
    assert_non_null(strstr(err.text, "out of bounds memory access"));
    check_frames(fx, &err, w, 3);
  }
}
static void memory_fault_2_deep(void **state) { (void)state; run_configs(fault_body); }

static void host_body(fixture *fx)
{
  wlab_error err;
  static const want w[] = {{8, 1}, {9, 1}};
  for (int k = 0; k < 2; k++) {
    assert_int_equal(call(fx, "host", NULL, 0, &err), WLAB_ERR_TRAP);
    assert_non_null(strstr(err.text, "the host says no"));
    check_frames(fx, &err, w, 2);
  }
}
static void host_trap_2_deep(void **state) { (void)state; run_configs(host_body); }

static void rec_body(fixture *fx)
{
  wlab_error err;
  want w[WLAB_MAX_FRAMES];
  wlab_val a = {.type = WLAB_I32, .of.i32 = 200};
  w[0] = (want){10, 13};
  for (int i = 1; i < WLAB_MAX_FRAMES; i++)
    w[i] = (want){10, 10};
  assert_int_equal(call(fx, "rec", &a, 1, &err), WLAB_ERR_TRAP);
  check_frames(fx, &err, w, WLAB_MAX_FRAMES); /* 201 frames: the innermost 32 */
  a.of.i32 = 5;                               /* and a short one after it: 6 frames */
  assert_int_equal(call(fx, "rec", &a, 1, &err), WLAB_ERR_TRAP);
  check_frames(fx, &err, w, 6);
}
static void deep_recursion_truncates(void **state) { (void)state; run_configs(rec_body); }

static void inf_body(fixture *fx)
{
  wlab_error err;
  want w[WLAB_MAX_FRAMES];
  for (int i = 0; i < WLAB_MAX_FRAMES; i++)
    w[i] = (want){11, 1};
  assert_int_equal(call(fx, "inf", NULL, 0, &err), WLAB_ERR_EXHAUSTED);
  assert_in_range(err.nframes, 1, WLAB_MAX_FRAMES);
  for (uint32_t i = 0; i < err.nframes; i++) {
    assert_int_equal(err.frames[i].func_index, w[i].func);
    assert_int_equal(err.frames[i].func_offset, w[i].func_offset);
  }
  if (fx->cfg->complete && !fx->cfg->opt && err.nframes != WLAB_MAX_FRAMES)
    fail_msg("%s: %u frames", fx->cfg->name, err.nframes);
  /* and the engine still runs */
  static const want d[] = {{1, 1}, {2, 1}, {3, 1}, {4, 1}};
  assert_int_equal(call(fx, "deep", NULL, 0, &err), WLAB_ERR_TRAP);
  check_frames(fx, &err, d, 4);
}
static void stack_exhaustion(void **state) { (void)state; run_configs(inf_body); }

static uint64_t osr_entries(const wlab_engine *e)
{
  wlab_tier_stats st[8];
  uint32_t n = wlab_engine_tier_stats(e, st, 8);
  uint64_t total = 0;
  for (uint32_t i = 0; i < n && i < 8; i++)
    total += st[i].osr_entries;
  return total;
}

/* (d): spin's loop moves into machine code (OSR) while the interpreter runs it, then its call to
 * f3 traps: f3, spin (now machine code), osr (still interpreted). */
static void after_osr(void **state)
{
  (void)state;
  static const config cs[] = {
    {"tiered-osr-baseline", "tiered", WLAB_BOUNDS_GUARD, 0, "interp,baseline", true, false, NULL},
    {"tiered-osr", "tiered", WLAB_BOUNDS_GUARD, 0, NULL, false, true, NULL},
    /* into an OSR version of opt code */
    {"tiered-osr-opt", "tiered", WLAB_BOUNDS_GUARD, 0, "interp,opt", true, false, "inline"},
  };
  static const want w[] = {{1, 1}, {12, 13}, {13, 3}};
  if (!tier_built("tiered"))
    skip();
  for (size_t i = 0; i < sizeof cs / sizeof cs[0]; i++) {
    fixture *fx = fixture_new(&cs[i], true);
    wlab_error err;
    wlab_val a = {.type = WLAB_I32, .of.i32 = 100000};
    uint64_t before = osr_entries(fx->e);
    assert_int_equal(call(fx, "osr", &a, 1, &err), WLAB_ERR_TRAP);
    assert_true(osr_entries(fx->e) > before);
    check_frames(fx, &err, w, 3);
    fixture_free(fx);
  }
}

int main(void)
{
  wlab_engine_free(wlab_engine_new(NULL)); /* installs the fault handler */
  sigaction(SIGSEGV, NULL, &engine_segv);
  sigaction(SIGBUS, NULL, &engine_bus);
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(body_offsets),
    cmocka_unit_test(unreachable_3_deep),
    cmocka_unit_test(memory_fault_2_deep),
    cmocka_unit_test(host_trap_2_deep),
    cmocka_unit_test(deep_recursion_truncates),
    cmocka_unit_test(stack_exhaustion),
    cmocka_unit_test(after_osr),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
