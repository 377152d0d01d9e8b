/* test_pool.c: instance pools: every acquire sees the state instantiation leaves, in every tier and both reset modes, across traps and threads; refusals; code shared between slots. */
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "wasmlab.h"
#include "core/instance.h"

/*
 * (module
 *   (type $ret (func (result i32)))
 *   (memory 1 8)
 *   (data (i32.const 16) "initial!")
 *   (data $p "passive")
 *   (global $g (mut i32) (i32.const 42))
 *   (global $starts (mut i32) (i32.const 0))
 *   (table $t 2 16 funcref)
 *   (elem (i32.const 0) $one $two)
 *   (func $one (result i32) (i32.const 1))
 *   (func $two (result i32) (i32.const 2))
 *   (func $start                       ;; counts its runs in $starts and in the byte at 32
 *     (global.set $starts (i32.add (global.get $starts) (i32.const 1)))
 *     (i32.store8 (i32.const 32) (i32.add (i32.load8_u (i32.const 32)) (i32.const 1))))
 *   (start $start)
 *   (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
 *   (func (export "g") (result i32) (global.get $g))
 *   (func (export "starts") (result i32) (global.get $starts))
 *   (func (export "size") (result i32) (memory.size))
 *   (func (export "tsize") (result i32) (table.size $t))
 *   (func (export "tcall") (param i32) (result i32) (call_indirect (type $ret) (local.get 0)))
 *   (func (export "initp") (result i32)
 *     (memory.init $p (i32.const 100) (i32.const 0) (i32.const 7)) (i32.load8_u (i32.const 100)))
 *   (func (export "growread") (param i32) (result i32)
 *     (drop (memory.grow (i32.const 2))) (i32.load (local.get 0)))
 *   (func (export "scribble")          ;; the secret everywhere the guest can write
 *     (i64.store (i32.const 16) (i64.const 0x5345435245545321))
 *     (i32.store (i32.const 40000) (i32.const 0x5ec7e7))
 *     (global.set $g (i32.const 7777))
 *     (drop (table.grow $t (ref.func $one) (i32.const 3)))
 *     (table.set $t (i32.const 0) (ref.func $two))
 *     (drop (memory.grow (i32.const 2)))
 *     (i32.store (i32.const 70000) (i32.const 0x5ec7e7))
 *     (i32.store (i32.const 150000) (i32.const 0x5ec7e7))
 *     (data.drop $p))
 *   (func (export "trap")
 *     (i32.store (i32.const 16) (i32.const 0x11111111)) (global.set $g (i32.const 5))
 *     (drop (memory.grow (i32.const 1))) unreachable)
 *   (func $sq (param i32) (result i32) (i32.mul (local.get 0) (local.get 0)))
 *   (func (export "sumsq") (param i32) (result i32) (local i32)   ;; n^2 + ... + 1
 *     (block (loop (br_if 1 (i32.eqz (local.get 0)))
 *       (local.set 1 (i32.add (local.get 1) (call $sq (local.get 0))))
 *       (local.set 0 (i32.sub (local.get 0) (i32.const 1))) (br 0)))
 *     (local.get 1)))
 */
static const uint8_t state_wasm[] = {
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x0d, 0x03, 0x60,
  0x00, 0x01, 0x7f, 0x60, 0x00, 0x00, 0x60, 0x01, 0x7f, 0x01, 0x7f, 0x03,
  0x10, 0x0f, 0x00, 0x00, 0x01, 0x02, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00,
  0x02, 0x01, 0x01, 0x02, 0x02, 0x04, 0x05, 0x01, 0x70, 0x01, 0x02, 0x10,
  0x05, 0x04, 0x01, 0x01, 0x01, 0x08, 0x06, 0x0b, 0x02, 0x7f, 0x01, 0x41,
  0x2a, 0x0b, 0x7f, 0x01, 0x41, 0x00, 0x0b, 0x07, 0x59, 0x0b, 0x04, 0x6c,
  0x6f, 0x61, 0x64, 0x00, 0x03, 0x01, 0x67, 0x00, 0x04, 0x06, 0x73, 0x74,
  0x61, 0x72, 0x74, 0x73, 0x00, 0x05, 0x04, 0x73, 0x69, 0x7a, 0x65, 0x00,
  0x06, 0x05, 0x74, 0x73, 0x69, 0x7a, 0x65, 0x00, 0x07, 0x05, 0x74, 0x63,
  0x61, 0x6c, 0x6c, 0x00, 0x08, 0x05, 0x69, 0x6e, 0x69, 0x74, 0x70, 0x00,
  0x09, 0x08, 0x67, 0x72, 0x6f, 0x77, 0x72, 0x65, 0x61, 0x64, 0x00, 0x0a,
  0x08, 0x73, 0x63, 0x72, 0x69, 0x62, 0x62, 0x6c, 0x65, 0x00, 0x0b, 0x04,
  0x74, 0x72, 0x61, 0x70, 0x00, 0x0c, 0x05, 0x73, 0x75, 0x6d, 0x73, 0x71,
  0x00, 0x0e, 0x08, 0x01, 0x02, 0x09, 0x08, 0x01, 0x00, 0x41, 0x00, 0x0b,
  0x02, 0x00, 0x01, 0x0c, 0x01, 0x02, 0x0a, 0xfe, 0x01, 0x0f, 0x04, 0x00,
  0x41, 0x01, 0x0b, 0x04, 0x00, 0x41, 0x02, 0x0b, 0x16, 0x00, 0x23, 0x01,
  0x41, 0x01, 0x6a, 0x24, 0x01, 0x41, 0x20, 0x41, 0x20, 0x2d, 0x00, 0x00,
  0x41, 0x01, 0x6a, 0x3a, 0x00, 0x00, 0x0b, 0x07, 0x00, 0x20, 0x00, 0x28,
  0x02, 0x00, 0x0b, 0x04, 0x00, 0x23, 0x00, 0x0b, 0x04, 0x00, 0x23, 0x01,
  0x0b, 0x04, 0x00, 0x3f, 0x00, 0x0b, 0x05, 0x00, 0xfc, 0x10, 0x00, 0x0b,
  0x07, 0x00, 0x20, 0x00, 0x11, 0x00, 0x00, 0x0b, 0x13, 0x00, 0x41, 0xe4,
  0x00, 0x41, 0x00, 0x41, 0x07, 0xfc, 0x08, 0x01, 0x00, 0x41, 0xe4, 0x00,
  0x2d, 0x00, 0x00, 0x0b, 0x0c, 0x00, 0x41, 0x02, 0x40, 0x00, 0x1a, 0x20,
  0x00, 0x28, 0x02, 0x00, 0x0b, 0x51, 0x00, 0x41, 0x10, 0x42, 0xa1, 0xa6,
  0xd1, 0xaa, 0xa4, 0xea, 0xd0, 0xa2, 0xd3, 0x00, 0x37, 0x03, 0x00, 0x41,
  0xc0, 0xb8, 0x02, 0x41, 0xe7, 0x8f, 0xfb, 0x02, 0x36, 0x02, 0x00, 0x41,
  0xe1, 0x3c, 0x24, 0x00, 0xd2, 0x00, 0x41, 0x03, 0xfc, 0x0f, 0x00, 0x1a,
  0x41, 0x00, 0xd2, 0x01, 0x26, 0x00, 0x41, 0x02, 0x40, 0x00, 0x1a, 0x41,
  0xf0, 0xa2, 0x04, 0x41, 0xe7, 0x8f, 0xfb, 0x02, 0x36, 0x02, 0x00, 0x41,
  0xf0, 0x93, 0x09, 0x41, 0xe7, 0x8f, 0xfb, 0x02, 0x36, 0x02, 0x00, 0xfc,
  0x09, 0x01, 0x0b, 0x17, 0x00, 0x41, 0x10, 0x41, 0x91, 0xa2, 0xc4, 0x88,
  0x01, 0x36, 0x02, 0x00, 0x41, 0x05, 0x24, 0x00, 0x41, 0x01, 0x40, 0x00,
  0x1a, 0x00, 0x0b, 0x07, 0x00, 0x20, 0x00, 0x20, 0x00, 0x6c, 0x0b, 0x23,
  0x01, 0x01, 0x7f, 0x02, 0x40, 0x03, 0x40, 0x20, 0x00, 0x45, 0x0d, 0x01,
  0x20, 0x01, 0x20, 0x00, 0x10, 0x0d, 0x6a, 0x21, 0x01, 0x20, 0x00, 0x41,
  0x01, 0x6b, 0x21, 0x00, 0x0c, 0x00, 0x0b, 0x0b, 0x20, 0x01, 0x0b, 0x0b,
  0x17, 0x02, 0x00, 0x41, 0x10, 0x0b, 0x08, 0x69, 0x6e, 0x69, 0x74, 0x69,
  0x61, 0x6c, 0x21, 0x01, 0x07, 0x70, 0x61, 0x73, 0x73, 0x69, 0x76, 0x65
};

/* (module (import "env" "memory" (memory 1))) */
static const uint8_t import_memory_wasm[] = {
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x02, 0x0f, 0x01, 0x03, 0x65, 0x6e, 0x76,
  0x06, 0x6d, 0x65, 0x6d, 0x6f, 0x72, 0x79, 0x02, 0x00, 0x01,
};

/* cmocka points SIGSEGV and SIGBUS at its own handler for the length of each test, over the
 * one the engine installs once (core/trap.c) to turn faults in a memory's guard region into
 * traps: each test puts the engine's back first. */
static struct sigaction engine_segv, engine_bus;
static void engine_handlers(void)
{
  sigaction(SIGSEGV, &engine_segv, NULL);
  sigaction(SIGBUS, &engine_bus, NULL);
}

static wlab_engine *engine_for(const char *tier)
{
  engine_handlers();
  wlab_config cfg;
  wlab_config_default(&cfg);
  cfg.tier = tier;
  wlab_engine *e = wlab_engine_new(&cfg);
  assert_non_null(e);
  return e;
}

static bool has_tier(const char *tier)
{
  const char *all = wlab_engine_tiers(NULL);
  size_t n = strlen(tier);
  for (const char *p = all; (p = strstr(p, tier)); p += n)
    if ((p == all || p[-1] == ',') && (p[n] == ',' || p[n] == 0))
      return true;
  return false;
}

/* Calls export name with 0 or 1 i32 argument, expecting an i32 result (or none). */
static wlab_status call(wlab_instance *inst, const char *name, int nargs, int32_t arg, int32_t *result)
{
  wlab_func *f = wlab_instance_func(inst, name);
  wlab_val a = {.type = WLAB_I32, .of.i32 = arg}, r;
  wlab_functype t;
  wlab_error err;
  memset(&r, 0, sizeof r);
  if (!f)
    fail_msg("no export %s", name);
  wlab_func_type(f, &t);
  wlab_status st = wlab_func_call(f, &a, (uint32_t)nargs, &r, t.nresults, &err);
  if (result)
    *result = r.of.i32;
  return st;
}

static int32_t call_ok(wlab_instance *inst, const char *name, int nargs, int32_t arg)
{
  int32_t r = 0;
  assert_int_equal(call(inst, name, nargs, arg, &r), WLAB_OK);
  return r;
}

/* What wlab_instance_new leaves (and start once run): asserted on a fresh or reused instance. */
static void assert_initial(wlab_instance *inst)
{
  int32_t r;
  assert_int_equal(call_ok(inst, "load", 1, 16), 0x74696e69);     /* "init" */
  assert_int_equal(call_ok(inst, "load", 1, 20), 0x216c6169);     /* "ial!" */
  assert_int_equal(call_ok(inst, "load", 1, 32), 1);              /* start ran once */
  assert_int_equal(call_ok(inst, "load", 1, 40000), 0);
  assert_int_equal(call_ok(inst, "g", 0, 0), 42);
  assert_int_equal(call_ok(inst, "starts", 0, 0), 1);
  assert_int_equal(call_ok(inst, "size", 0, 0), 1);
  assert_int_equal(call_ok(inst, "tsize", 0, 0), 2);
  assert_int_equal(call_ok(inst, "tcall", 1, 0), 1);
  assert_int_equal(call_ok(inst, "tcall", 1, 1), 2);
  assert_int_equal(call(inst, "tcall", 1, 2, &r), WLAB_ERR_TRAP); /* past the initial size */
  assert_int_equal(call(inst, "load", 1, 70000, &r), WLAB_ERR_TRAP); /* grown pages: out of reach */
}

/* The checks that change state: the grown pages come back zero, the passive segment is there. */
static void assert_initial_then_grow(wlab_instance *inst)
{
  assert_initial(inst);
  assert_int_equal(call_ok(inst, "growread", 1, 70000), 0);
  assert_int_equal(call_ok(inst, "load", 1, 150000), 0);
  assert_int_equal(call_ok(inst, "initp", 0, 0), 'p');
}

static wlab_module *state_module(wlab_engine *e)
{
  wlab_error err;
  wlab_module *m = wlab_module_new(e, state_wasm, sizeof state_wasm, &err);
  if (!m)
    fail_msg("module: %s", err.text);
  return m;
}

static void secret_not_kept(const char *tier, wlab_pool_reset mode)
{
  if (!has_tier(tier))
    return;
  wlab_engine *e = engine_for(tier);
  wlab_module *m = state_module(e);
  wlab_pool_config cfg = {.slots = 1, .reset = mode};
  wlab_error err;
  wlab_pool *p = wlab_pool_new(e, m, &cfg, NULL, NULL, &err);
  wlab_pool_stats st;
  uint32_t slot = 99;
  if (!p)
    fail_msg("pool: %s", err.text);
  for (int round = 0; round < 4; round++) {
    wlab_instance *inst = wlab_pool_acquire(p, &slot, &err);
    if (!inst)
      fail_msg("%s round %d: %s", tier, round, err.text);
    assert_int_equal(slot, 0);
    if (round % 2)
      assert_initial_then_grow(inst);
    else
      assert_initial(inst);
    call_ok(inst, "scribble", 0, 0);
    assert_int_equal(call_ok(inst, "load", 1, 16), 0x45545321); /* the secret is there... */
    assert_int_equal(call_ok(inst, "g", 0, 0), 7777);
    assert_int_equal(call_ok(inst, "size", 0, 0), round % 2 ? 5 : 3); /* growread grew 2 pages too */
    assert_int_equal(call_ok(inst, "tsize", 0, 0), 5);
    assert_int_equal(call_ok(inst, "tcall", 1, 0), 2);
    wlab_pool_release(p, inst);                                 /* ...and gone after */
  }
  wlab_pool_stats_get(p, &st);
  assert_int_equal(st.acquires, 4);
  assert_int_equal(st.instantiations, 1);
  assert_int_equal(st.resets, 4);
  assert_int_equal(st.reset, mode);
  assert_int_equal(st.cow_slots, mode == WLAB_POOL_RESET_COW ? 1 : 0);
  assert_string_equal(st.cow_refused, "");
  wlab_pool_free(p);
  wlab_module_free(m);
  wlab_engine_free(e);
}

static void test_secret_interp_cow(void **s) { (void)s; secret_not_kept("interp", WLAB_POOL_RESET_COW); }
static void test_secret_interp_copy(void **s) { (void)s; secret_not_kept("interp", WLAB_POOL_RESET_COPY); }
static void test_secret_baseline_cow(void **s) { (void)s; secret_not_kept("baseline", WLAB_POOL_RESET_COW); }
static void test_secret_baseline_copy(void **s) { (void)s; secret_not_kept("baseline", WLAB_POOL_RESET_COPY); }
static void test_secret_opt_cow(void **s) { (void)s; secret_not_kept("opt", WLAB_POOL_RESET_COW); }
static void test_secret_opt_copy(void **s) { (void)s; secret_not_kept("opt", WLAB_POOL_RESET_COPY); }
static void test_secret_tiered_cow(void **s) { (void)s; secret_not_kept("tiered", WLAB_POOL_RESET_COW); }

/*
 * (module (memory 5) (data (i32.const 16) "initial!") (data (i32.const 8192) "two")
 *   (func (export "fillall") (param i32) (memory.fill (i32.const 0) (i32.const 0x5a) (local.get 0)))
 *   (func (export "fillat") (param i32) (memory.fill (local.get 0) (i32.const 0x5a) (i32.const 6000)))
 *   (func (export "load") (param i32) (result i32) (i32.load (local.get 0))))
 */
static const uint8_t fill_wasm[] = {
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x0a, 0x02, 0x60,
  0x01, 0x7f, 0x00, 0x60, 0x01, 0x7f, 0x01, 0x7f, 0x03, 0x04, 0x03, 0x00,
  0x00, 0x01, 0x05, 0x03, 0x01, 0x00, 0x05, 0x07, 0x1b, 0x03, 0x07, 0x66,
  0x69, 0x6c, 0x6c, 0x61, 0x6c, 0x6c, 0x00, 0x00, 0x06, 0x66, 0x69, 0x6c,
  0x6c, 0x61, 0x74, 0x00, 0x01, 0x04, 0x6c, 0x6f, 0x61, 0x64, 0x00, 0x02,
  0x0a, 0x24, 0x03, 0x0c, 0x00, 0x41, 0x00, 0x41, 0xda, 0x00, 0x20, 0x00,
  0xfc, 0x0b, 0x00, 0x0b, 0x0d, 0x00, 0x20, 0x00, 0x41, 0xda, 0x00, 0x41,
  0xf0, 0x2e, 0xfc, 0x0b, 0x00, 0x0b, 0x07, 0x00, 0x20, 0x00, 0x28, 0x02,
  0x00, 0x0b, 0x0b, 0x18, 0x02, 0x00, 0x41, 0x10, 0x0b, 0x08, 0x69, 0x6e,
  0x69, 0x74, 0x69, 0x61, 0x6c, 0x21, 0x00, 0x41, 0x80, 0xc0, 0x00, 0x0b,
  0x03, 0x74, 0x77, 0x6f
};

/* A COW pool of one slot for fill_wasm, in the interpreter. */
static wlab_pool *fill_pool(wlab_engine **e, wlab_module **m)
{
  wlab_error err;
  wlab_pool_config cfg = {.slots = 1, .reset = WLAB_POOL_RESET_COW};
  *e = engine_for("interp");
  *m = wlab_module_new(*e, fill_wasm, sizeof fill_wasm, &err);
  wlab_pool *p = *m ? wlab_pool_new(*e, *m, &cfg, NULL, NULL, &err) : NULL;
  if (!p)
    fail_msg("pool: %s", err.text);
  return p;
}

/* A COW reset puts back the few pages a user wrote by rewriting them in place (where the kernel
 * can list them) and drops them when they are many: users alternate between the two, writing
 * over the image, across its end and past it, and each next user sees the initial memory. */
static void test_cow_reset_many_and_few_pages(void **s)
{
  (void)s;
  wlab_engine *e;
  wlab_module *m;
  wlab_error err;
  wlab_pool *p = fill_pool(&e, &m);
  /* every page (80 host pages), two pages over the image's end, one page past it, every page */
  static const struct { const char *fn; int32_t arg; } writes[] = {
    {"fillall", 5 * 65536}, {"fillat", 4096}, {"fillat", 4096}, {"fillat", 200000}, {"fillall", 5 * 65536},
    {"fillat", 0}, {"fillat", 100000},
  };
  for (size_t round = 0; round < sizeof writes / sizeof writes[0]; round++) {
    wlab_instance *inst = wlab_pool_acquire(p, NULL, &err);
    if (!inst)
      fail_msg("round %zu: %s", round, err.text);
    assert_int_equal(call_ok(inst, "load", 1, 16), 0x74696e69);   /* "init" */
    assert_int_equal(call_ok(inst, "load", 1, 8192), 0x006f7774);  /* "two" */
    assert_int_equal(call_ok(inst, "load", 1, 0), 0);
    assert_int_equal(call_ok(inst, "load", 1, 8196), 0);
    assert_int_equal(call_ok(inst, "load", 1, 100000), 0);
    assert_int_equal(call_ok(inst, "load", 1, 204000), 0);
    assert_int_equal(call_ok(inst, "load", 1, 5 * 65536 - 4), 0);
    call_ok(inst, writes[round].fn, 1, writes[round].arg);
    assert_int_equal(call_ok(inst, "load", 1, writes[round].arg < 65536 * 5 ? writes[round].arg : 0), 0x5a5a5a5a);
    wlab_pool_release(p, inst);
  }
  wlab_pool_free(p);
  wlab_module_free(m);
  wlab_engine_free(e);
}

/* Whether the host page at addr is in memory (mapped, not dropped). */
static bool resident(const uint8_t *addr)
{
  unsigned char v = 0;
  const uint8_t *page = (const uint8_t *)((uintptr_t)addr & ~(uintptr_t)4095);
  assert_int_equal(mincore((void *)page, 4096, &v), 0);
  return v & 1;
}

/* A page a user only read past the image maps the shared zero page, which needs no reset: the
 * reset's scan leaves those out, so a user who read many separate pages (more runs than one
 * scan returns) and wrote a few still has the few rewritten in place, resident for the next
 * user, rather than every page dropped to be faulted in again. */
static void test_cow_reset_after_many_reads(void **s)
{
  (void)s;
  wlab_engine *e;
  wlab_module *m;
  wlab_error err;
  wlab_pool *p = fill_pool(&e, &m);
  wlab_instance *inst = wlab_pool_acquire(p, NULL, &err);
  uint8_t *base;
  assert_non_null(inst);
  base = inst->mem->base;
  call_ok(inst, "fillat", 1, 200000);
  wlab_pool_release(p, inst);
  if (!resident(base + 200000)) {
    /* this kernel cannot list the written pages (no PAGEMAP_SCAN): every reset drops them */
    wlab_pool_free(p);
    wlab_module_free(m);
    wlab_engine_free(e);
    skip();
  }
  inst = wlab_pool_acquire(p, NULL, &err);
  assert_non_null(inst);
  for (int32_t page = 4; page < 80; page += 2) /* 38 pages read, none next to another */
    assert_int_equal(call_ok(inst, "load", 1, page * 4096), 0);
  call_ok(inst, "fillat", 1, 100000);
  wlab_pool_release(p, inst);
  assert_true(resident(base + 100000));
  assert_true(resident(base + 200000));
  inst = wlab_pool_acquire(p, NULL, &err);
  assert_non_null(inst);
  assert_int_equal(call_ok(inst, "load", 1, 100000), 0);
  assert_int_equal(call_ok(inst, "load", 1, 104000), 0);
  assert_int_equal(call_ok(inst, "load", 1, 200000), 0);
  assert_int_equal(call_ok(inst, "load", 1, 16), 0x74696e69); /* "init" */
  wlab_pool_release(p, inst);
  wlab_pool_free(p);
  wlab_module_free(m);
  wlab_engine_free(e);
}

/* The reset reads the process's own page tables: a forked child must read its own, not its
 * parent's (where the pages it wrote are not written), or its next user would see its data. */
static void test_cow_reset_in_forked_child(void **s)
{
  (void)s;
  wlab_engine *e;
  wlab_module *m;
  wlab_error err;
  wlab_pool *p = fill_pool(&e, &m);
  wlab_instance *inst = wlab_pool_acquire(p, NULL, &err);
  assert_non_null(inst);
  call_ok(inst, "fillat", 1, 4096); /* the parent's reset opens the page map */
  wlab_pool_release(p, inst);
  fflush(NULL);
  pid_t pid = fork();
  assert_true(pid >= 0);
  if (pid == 0) {
    int bad = 0;
    for (int round = 0; round < 3; round++) {
      wlab_instance *ci = wlab_pool_acquire(p, NULL, NULL);
      if (!ci)
        _exit(2);
      int32_t r = 0;
      bad |= call(ci, "load", 1, 100000, &r) != WLAB_OK || r != 0;
      bad |= call(ci, "load", 1, 16, &r) != WLAB_OK || r != 0x74696e69;
      call(ci, "fillat", 1, 98000, &r);
      wlab_pool_release(p, ci);
    }
    _exit(bad);
  }
  int status = 0;
  assert_int_equal(waitpid(pid, &status, 0), pid);
  assert_true(WIFEXITED(status));
  assert_int_equal(WEXITSTATUS(status), 0);
  wlab_pool_free(p);
  wlab_module_free(m);
  wlab_engine_free(e);
}

/* One user of fill_pool's slot: checks the initial memory, writes 6000 bytes at each of the
 * given offsets (0 ends the list), releases. */
static void fill_round(wlab_pool *p, const int32_t *at)
{
  wlab_error err;
  wlab_instance *inst = wlab_pool_acquire(p, NULL, &err);
  if (!inst)
    fail_msg("acquire: %s", err.text);
  assert_int_equal(call_ok(inst, "load", 1, 16), 0x74696e69);  /* "init" */
  assert_int_equal(call_ok(inst, "load", 1, 8192), 0x006f7774); /* "two" */
  for (int32_t off = 4096; off < 5 * 65536; off += 4096)       /* every other page reads zero */
    if (off != 8192)
      assert_int_equal(call_ok(inst, "load", 1, off), 0);
  for (; *at; at++)
    call_ok(inst, "fillat", 1, *at);
  wlab_pool_release(p, inst);
}

/* The reset skips its page-table scan when the process has taken no page fault since the last
 * one began, rewriting the pages that scan listed: users who write the same pages (over the
 * image and past it) are reset that way, and a page written for the first time after them (its
 * write a fault) is found and put back all the same.  Taking the pages listed before without
 * looking at the faults leaves that page's bytes to the next user, which this test sees. */
static void test_cow_reset_skips_scan_until_a_fault(void **s)
{
  (void)s;
  wlab_engine *e;
  wlab_module *m;
  wlab_error err;
  wlab_pool *p = fill_pool(&e, &m);
  static const int32_t same[] = {4096, 100000, 0}, more[] = {4096, 100000, 200000, 0}, none[] = {0};
  wlab_instance *inst = wlab_pool_acquire(p, NULL, &err);
  assert_non_null(inst);
  memory *mem = inst->mem;
  wlab_pool_release(p, inst);
  for (int round = 0; round < 12; round++)
    fill_round(p, same);
  uint64_t scans = mem->scans, skipped = mem->scans_skipped;
  fill_round(p, more); /* pages 48-50: their first writes fault */
  fill_round(p, none); /* ...so this user sees them zero again */
  fill_round(p, more);
  fill_round(p, none);
  if (scans == 0) {
    /* no PAGEMAP_SCAN in this kernel: every reset drops the pages, nothing is skipped */
    wlab_pool_free(p);
    wlab_module_free(m);
    wlab_engine_free(e);
    skip();
  }
  assert_true(mem->scans > scans); /* the new pages were looked for */
  wlab_pool_free(p);
  wlab_module_free(m);
  wlab_engine_free(e);
  if (skipped == 0)
    fail_msg("12 users wrote the same pages and every reset scanned (%llu scans): a page fault "
             "between every two resets?", (unsigned long long)scans);
}

/* The skipped scans need every page the guest writes for the first time to be a page fault: a
 * huge page would map 512 at once, or khugepaged could make one around a written page with no
 * fault at all.  A pooled memory's mappings carry the advice against them (smaps' "nh"). */
static void test_cow_memory_has_no_huge_pages(void **s)
{
  (void)s;
  wlab_engine *e;
  wlab_module *m;
  wlab_error err;
  char line[512];
  if (access("/sys/kernel/mm/transparent_hugepage", F_OK) != 0)
    skip(); /* a kernel without huge pages */
  wlab_pool *p = fill_pool(&e, &m);
  wlab_instance *inst = wlab_pool_acquire(p, NULL, &err);
  assert_non_null(inst);
  uintptr_t lo = (uintptr_t)inst->mem->base, hi = lo + inst->mem->size;
  FILE *f = fopen("/proc/self/smaps", "r");
  assert_non_null(f);
  int seen = 0;
  bool inside = false;
  while (fgets(line, sizeof line, f)) {
    unsigned long a, b;
    if (sscanf(line, "%lx-%lx ", &a, &b) == 2) /* a mapping's first line */
      inside = a < hi && b > lo;
    else if (inside && !strncmp(line, "VmFlags:", 8)) {
      seen++;
      if (!strstr(line, " nh"))
        fail_msg("a mapping of the pooled memory may get huge pages: %s", line);
    }
  }
  fclose(f);
  assert_true(seen >= 2); /* the image, and the pages past it */
  wlab_pool_release(p, inst);
  wlab_pool_free(p);
  wlab_module_free(m);
  wlab_engine_free(e);
}

/* Explicit bounds checks have no reservation to map an image into: COW falls back to COPY and
 * says why, and the reset is as complete. */
static void test_explicit_bounds_copies(void **s)
{
  (void)s;
  wlab_config cfg;
  engine_handlers();
  wlab_config_default(&cfg);
  cfg.tier = "interp";
  cfg.bounds = WLAB_BOUNDS_EXPLICIT;
  wlab_engine *e = wlab_engine_new(&cfg);
  wlab_module *m = state_module(e);
  wlab_pool_config pc = {.slots = 1, .reset = WLAB_POOL_RESET_COW};
  wlab_error err;
  wlab_pool *p = wlab_pool_new(e, m, &pc, NULL, NULL, &err);
  wlab_pool_stats st;
  assert_non_null(p);
  for (int round = 0; round < 3; round++) {
    wlab_instance *inst = wlab_pool_acquire(p, NULL, &err);
    assert_non_null(inst);
    assert_initial_then_grow(inst);
    call_ok(inst, "scribble", 0, 0);
    wlab_pool_release(p, inst);
  }
  wlab_pool_stats_get(p, &st);
  assert_int_equal(st.reset, WLAB_POOL_RESET_COPY);
  assert_non_null(strstr(st.cow_refused, "explicit"));
  wlab_pool_free(p);
  wlab_module_free(m);
  wlab_engine_free(e);
}

/* A call that traps half-way through leaves nothing for the next user. */
static void test_trap_then_reuse(void **s)
{
  (void)s;
  const char *tiers[] = {"interp", "baseline", "opt"};
  for (int t = 0; t < 3; t++) {
    if (!has_tier(tiers[t]))
      continue;
    for (int mode = 0; mode < 2; mode++) {
      wlab_engine *e = engine_for(tiers[t]);
      wlab_module *m = state_module(e);
      wlab_pool_config cfg = {.slots = 2, .reset = (wlab_pool_reset)mode};
      wlab_error err;
      wlab_pool *p = wlab_pool_new(e, m, &cfg, NULL, NULL, &err);
      assert_non_null(p);
      for (int round = 0; round < 3; round++) {
        int32_t r;
        wlab_instance *inst = wlab_pool_acquire(p, NULL, &err);
        assert_non_null(inst);
        assert_initial(inst);
        assert_int_equal(call(inst, "trap", 0, 0, &r), WLAB_ERR_TRAP);
        assert_int_equal(call_ok(inst, "g", 0, 0), 5); /* the trap came after the writes */
        wlab_pool_release(p, inst);
      }
      wlab_pool_free(p);
      wlab_module_free(m);
      wlab_engine_free(e);
    }
  }
}

/* A request that ran out of fuel (or time) leaves the next with its whole budget. */
static void test_fuel_then_reuse(void **s)
{
  (void)s;
  const char *tiers[] = {"interp", "baseline", "opt"};
  for (int t = 0; t < 3; t++) {
    if (!has_tier(tiers[t]))
      continue;
    engine_handlers();
    wlab_config cfg;
    wlab_config_default(&cfg);
    cfg.tier = tiers[t];
    cfg.fuel = 200000;
    wlab_engine *e = wlab_engine_new(&cfg);
    wlab_module *m = state_module(e);
    wlab_error err;
    wlab_pool *p = wlab_pool_new(e, m, NULL, NULL, NULL, &err);
    for (int round = 0; round < 3; round++) {
      int32_t r;
      wlab_instance *inst = wlab_pool_acquire(p, NULL, &err);
      if (!inst)
        fail_msg("%s round %d: %s", tiers[t], round, err.text);
      assert_initial(inst);
      assert_int_equal(call(inst, "sumsq", 1, 1000000000, &r), WLAB_ERR_INTERRUPTED);
      wlab_pool_release(p, inst);
      inst = wlab_pool_acquire(p, NULL, &err);
      assert_non_null(inst);
      assert_int_equal(call_ok(inst, "sumsq", 1, 1000), 333833500);
      wlab_pool_release(p, inst);
    }
    wlab_pool_free(p);
    wlab_module_free(m);
    wlab_engine_free(e);
  }
}

/* Every slot busy: WLAB_ERR_LIMIT; release makes one free again. Two slots are two instances. */
static void test_slots_exhausted(void **s)
{
  (void)s;
  wlab_engine *e = engine_for("interp");
  wlab_module *m = state_module(e);
  wlab_pool_config cfg = {.slots = 2, .reset = WLAB_POOL_RESET_COW};
  wlab_error err;
  wlab_pool *p = wlab_pool_new(e, m, &cfg, NULL, NULL, &err);
  uint32_t s0, s1;
  wlab_instance *a = wlab_pool_acquire(p, &s0, &err), *b = wlab_pool_acquire(p, &s1, &err);
  assert_non_null(a);
  assert_non_null(b);
  assert_true(a != b && s0 != s1);
  call_ok(a, "scribble", 0, 0);
  assert_initial(b); /* slots share nothing the guest can write */
  assert_null(wlab_pool_acquire(p, NULL, &err));
  assert_int_equal(err.status, WLAB_ERR_LIMIT);
  wlab_pool_release(p, a);
  wlab_instance *c = wlab_pool_acquire(p, &s0, &err);
  assert_ptr_equal(c, a);
  assert_initial(c);
  wlab_pool_release(p, c);
  wlab_pool_release(p, b);
  wlab_pool_free(p);
  wlab_module_free(m);
  wlab_engine_free(e);
}

static void test_refuses_imported_memory(void **s)
{
  (void)s;
  wlab_engine *e = engine_for("interp");
  wlab_error err;
  wlab_module *m = wlab_module_new(e, import_memory_wasm, sizeof import_memory_wasm, &err);
  assert_non_null(m);
  assert_null(wlab_pool_new(e, m, NULL, NULL, NULL, &err));
  assert_int_equal(err.status, WLAB_ERR_UNSUPPORTED);
  assert_non_null(strstr(err.message, "memory"));
  assert_non_null(strstr(err.message, "env.memory"));
  wlab_module_free(m);
  wlab_engine_free(e);
}

/* A link callback that fails: the error comes back, the slot stays usable. */
static int link_calls;
static wlab_status link_fails_once(void *user, uint32_t slot, wlab_linker *l, wlab_error *err)
{
  (void)user, (void)slot, (void)l;
  if (link_calls++ == 0) {
    snprintf(err->message, sizeof err->message, "no host state for this slot");
    snprintf(err->text, sizeof err->text, "no host state for this slot");
    err->status = WLAB_ERR_UNLINKABLE;
    return WLAB_ERR_UNLINKABLE;
  }
  return WLAB_OK;
}

static void test_link_failure(void **s)
{
  (void)s;
  wlab_engine *e = engine_for("interp");
  wlab_module *m = state_module(e);
  wlab_error err;
  wlab_pool *p = wlab_pool_new(e, m, NULL, link_fails_once, NULL, &err);
  link_calls = 0;
  assert_null(wlab_pool_acquire(p, NULL, &err));
  assert_int_equal(err.status, WLAB_ERR_UNLINKABLE);
  wlab_instance *inst = wlab_pool_acquire(p, NULL, &err);
  assert_non_null(inst);
  assert_initial(inst);
  wlab_pool_release(p, inst);
  wlab_pool_free(p);
  wlab_module_free(m);
  wlab_engine_free(e);
}

/*
 * (module (import "env" "check" (func $check))
 *   (memory 1) (data (i32.const 0) "\01")
 *   (global $g (mut i32) (i32.const 3))
 *   (func $start (global.set $g (i32.add (global.get $g) (i32.const 1))) (call $check))
 *   (start $start)
 *   (func (export "g") (result i32) (global.get $g))
 *   (func (export "set") (global.set $g (i32.const 9))))
 */
static const uint8_t start_check_wasm[] = {
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x60, 0x00, 0x00, 0x60, 0x00, 0x01, 0x7f, 0x02,
  0x0d, 0x01, 0x03, 0x65, 0x6e, 0x76, 0x05, 0x63, 0x68, 0x65, 0x63, 0x6b, 0x00, 0x00, 0x03, 0x04, 0x03, 0x00, 0x01,
  0x00, 0x05, 0x03, 0x01, 0x00, 0x01, 0x06, 0x06, 0x01, 0x7f, 0x01, 0x41, 0x03, 0x0b, 0x07, 0x0b, 0x02, 0x01, 0x67,
  0x00, 0x02, 0x03, 0x73, 0x65, 0x74, 0x00, 0x03, 0x08, 0x01, 0x01, 0x0a, 0x19, 0x03, 0x0b, 0x00, 0x23, 0x00, 0x41,
  0x01, 0x6a, 0x24, 0x00, 0x10, 0x00, 0x0b, 0x04, 0x00, 0x23, 0x00, 0x0b, 0x06, 0x00, 0x41, 0x09, 0x24, 0x00, 0x0b,
  0x0b, 0x07, 0x01, 0x00, 0x41, 0x00, 0x0b, 0x01, 0x01,
};

/* the host's check: traps while refuse is set */
static int refuse_start;
static wlab_status check(wlab_caller *c, void *env, const wlab_val *args, wlab_val *res, wlab_error *err)
{
  (void)c, (void)env, (void)args, (void)res;
  if (!refuse_start)
    return WLAB_OK;
  snprintf(err->message, sizeof err->message, "the host refuses");
  return WLAB_ERR_TRAP;
}

static wlab_status link_check(void *user, uint32_t slot, wlab_linker *l, wlab_error *err)
{
  wlab_functype t = {0, 0, NULL, NULL};
  (void)user, (void)slot;
  return wlab_linker_define_func(l, "env", "check", &t, check, NULL, err);
}

/* A start function that traps at a reuse, after it changed a global: the acquire fails as
 * instantiation would, the slot is retired, and the next acquire instantiates it anew (nothing
 * half made is handed out: kept, the slot would start from g = 4 and give 5). */
static void test_start_traps_at_reuse(void **s)
{
  (void)s;
  wlab_engine *e = engine_for("interp");
  wlab_error err;
  wlab_module *m = wlab_module_new(e, start_check_wasm, sizeof start_check_wasm, &err);
  wlab_pool *p = wlab_pool_new(e, m, NULL, link_check, NULL, &err);
  wlab_pool_stats st;
  assert_non_null(p);
  refuse_start = 0;
  wlab_instance *inst = wlab_pool_acquire(p, NULL, &err);
  assert_non_null(inst);
  assert_int_equal(call_ok(inst, "g", 0, 0), 4);
  call(inst, "set", 0, 0, NULL);
  wlab_pool_release(p, inst);
  refuse_start = 1;
  assert_null(wlab_pool_acquire(p, NULL, &err));
  assert_int_equal(err.status, WLAB_ERR_UNINSTANTIABLE);
  assert_non_null(strstr(err.text, "the host refuses"));
  refuse_start = 0;
  inst = wlab_pool_acquire(p, NULL, &err);
  assert_non_null(inst);
  assert_int_equal(call_ok(inst, "g", 0, 0), 4); /* start ran once on the initial value */
  wlab_pool_release(p, inst);
  wlab_pool_stats_get(p, &st);
  assert_int_equal(st.instantiations, 2);
  assert_int_equal(st.acquires, 2);
  wlab_pool_free(p);
  wlab_module_free(m);
  wlab_engine_free(e);
}

/* (module (global $g (mut i32) (i32.const 3)) (func (export "set") (global.set $g (i32.const 9)))
 *   (func (export "g") (result i32) (global.get $g))): no memory to reset, globals still are */
static const uint8_t no_memory_wasm[] = {
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x60, 0x00, 0x00, 0x60, 0x00, 0x01, 0x7f, 0x03,
  0x03, 0x02, 0x00, 0x01, 0x06, 0x06, 0x01, 0x7f, 0x01, 0x41, 0x03, 0x0b, 0x07, 0x0b, 0x02, 0x03, 0x73, 0x65, 0x74,
  0x00, 0x00, 0x01, 0x67, 0x00, 0x01, 0x0a, 0x0d, 0x02, 0x06, 0x00, 0x41, 0x09, 0x24, 0x00, 0x0b, 0x04, 0x00, 0x23,
  0x00, 0x0b,
};

static void test_no_memory(void **s)
{
  (void)s;
  for (int mode = 0; mode < 2; mode++) {
    wlab_engine *e = engine_for("interp");
    wlab_error err;
    wlab_module *m = wlab_module_new(e, no_memory_wasm, sizeof no_memory_wasm, &err);
    wlab_pool_config cfg = {.slots = 1, .reset = (wlab_pool_reset)mode};
    wlab_pool *p = wlab_pool_new(e, m, &cfg, NULL, NULL, &err);
    assert_non_null(p);
    for (int round = 0; round < 3; round++) {
      wlab_instance *inst = wlab_pool_acquire(p, NULL, &err);
      assert_non_null(inst);
      assert_int_equal(call_ok(inst, "g", 0, 0), 3);
      call(inst, "set", 0, 0, NULL);
      assert_int_equal(call_ok(inst, "g", 0, 0), 9);
      wlab_pool_release(p, inst);
    }
    wlab_pool_free(p);
    wlab_module_free(m);
    wlab_engine_free(e);
  }
}

/* Threads acquiring and releasing at once: each sees a fresh instance and computes right. */
typedef struct worker {
  wlab_pool *p;
  int rounds, failures, busy;
} worker;

static void *work(void *arg)
{
  worker *w = arg;
  for (int i = 0; i < w->rounds; i++) {
    wlab_error err;
    int32_t r = 0;
    wlab_instance *inst = wlab_pool_acquire(w->p, NULL, &err);
    if (!inst) {
      w->busy += err.status == WLAB_ERR_LIMIT;
      w->failures += err.status != WLAB_ERR_LIMIT;
      continue;
    }
    if (call(inst, "g", 0, 0, &r) != WLAB_OK || r != 42 || call(inst, "load", 1, 16, &r) != WLAB_OK ||
        r != 0x74696e69 || call(inst, "load", 1, 32, &r) != WLAB_OK || r != 1 ||
        call(inst, "sumsq", 1, 100 + i % 7, &r) != WLAB_OK || r != (100 + i % 7) * (101 + i % 7) * (201 + 2 * (i % 7)) / 6)
      w->failures++;
    call(inst, "scribble", 0, 0, NULL);
    wlab_pool_release(w->p, inst);
  }
  return NULL;
}

static void concurrent(const char *tier, wlab_pool_reset mode)
{
  if (!has_tier(tier))
    return;
  wlab_engine *e = engine_for(tier);
  wlab_module *m = state_module(e);
  wlab_pool_config cfg = {.slots = 3, .reset = mode};
  wlab_error err;
  wlab_pool *p = wlab_pool_new(e, m, &cfg, NULL, NULL, &err);
  pthread_t th[4];
  worker w[4];
  wlab_pool_stats st;
  uint64_t done = 0;
  for (int i = 0; i < 4; i++) {
    w[i] = (worker){p, 1500, 0, 0};
    assert_int_equal(pthread_create(&th[i], NULL, work, &w[i]), 0);
  }
  for (int i = 0; i < 4; i++) {
    pthread_join(th[i], NULL);
    assert_int_equal(w[i].failures, 0);
    done += (uint64_t)(w[i].rounds - w[i].busy);
  }
  wlab_pool_stats_get(p, &st);
  assert_int_equal(st.acquires, done);
  assert_true(st.instantiations >= 1 && st.instantiations <= 3);
  assert_int_equal(st.resets, done);
  wlab_pool_free(p);
  wlab_module_free(m);
  wlab_engine_free(e);
}

static void test_threads_interp(void **s) { (void)s; concurrent("interp", WLAB_POOL_RESET_COW); }
static void test_threads_baseline_copy(void **s) { (void)s; concurrent("baseline", WLAB_POOL_RESET_COPY); }
static void test_threads_tiered(void **s) { (void)s; concurrent("tiered", WLAB_POOL_RESET_COW); }

/* Code and hotness are the module's: a slot whose function got machine code hands it to slots
 * instantiated after, and to slots reused after, without their counting from zero again. */
static void *entry_of(wlab_instance *inst, const char *name)
{
  wlab_func *f = wlab_instance_func(inst, name);
  assert_non_null(f);
  return f->entry;
}

static uint64_t tier_ups(const wlab_engine *e)
{
  wlab_tier_stats st[8];
  uint32_t n = wlab_engine_tier_stats(e, st, 8);
  for (uint32_t i = 0; i < n && i < 8; i++)
    if (st[i].tier && strcmp(st[i].tier, "tiered") == 0)
      return st[i].tier_ups;
  fail_msg("no tiered tier in the stats");
  return 0;
}

static void test_code_shared(void **s)
{
  (void)s;
  if (!has_tier("tiered") || !has_tier("baseline"))
    return;
  wlab_config cfg;
  engine_handlers();
  wlab_config_default(&cfg);
  cfg.tier = "tiered";
  cfg.tier_up_after = 50;
  cfg.opt_after = (int64_t)1 << 40; /* baseline code only: nothing climbs further while we look */
  cfg.no_background = 1;            /* compiled at the tick that found it hot */
  wlab_engine *e = wlab_engine_new(&cfg);
  wlab_module *m = state_module(e);
  wlab_pool_config pc = {.slots = 3, .reset = WLAB_POOL_RESET_COW};
  wlab_error err;
  wlab_pool *p = wlab_pool_new(e, m, &pc, NULL, NULL, &err);
  uint32_t sa, sb, sc;
  wlab_instance *a = wlab_pool_acquire(p, &sa, &err), *b = wlab_pool_acquire(p, &sb, &err), *c;
  assert_non_null(a);
  assert_non_null(b);
  assert_null(entry_of(a, "sumsq"));
  assert_null(entry_of(b, "sumsq"));
  for (int i = 0; i < 20; i++)
    assert_int_equal(call_ok(a, "sumsq", 1, 100), 338350);
  void *code = entry_of(a, "sumsq");
  assert_non_null(code);
  uint64_t ups = tier_ups(e);
  assert_true(ups >= 1);
  /* a slot instantiated now starts with it */
  c = wlab_pool_acquire(p, &sc, &err);
  assert_non_null(c);
  assert_ptr_equal(entry_of(c, "sumsq"), code);
  /* b was made before: it takes the code at its next acquire */
  assert_null(entry_of(b, "sumsq"));
  wlab_pool_release(p, b);
  wlab_instance *b2 = wlab_pool_acquire(p, &sc, &err);
  assert_ptr_equal(b2, b);
  assert_ptr_equal(entry_of(b2, "sumsq"), code);
  /* and runs it: no function gets hot again, nothing more is installed */
  for (int i = 0; i < 20; i++) {
    assert_int_equal(call_ok(b2, "sumsq", 1, 100), 338350);
    assert_int_equal(call_ok(c, "sumsq", 1, 100), 338350);
  }
  assert_int_equal(tier_ups(e), ups);
  /* a's own code survives its resets */
  wlab_pool_release(p, a);
  a = wlab_pool_acquire(p, NULL, &err);
  assert_ptr_equal(entry_of(a, "sumsq"), code);
  wlab_pool_release(p, a);
  wlab_pool_release(p, b2);
  wlab_pool_release(p, c);
  wlab_pool_free(p);
  /* outside pools too: a plain instance of the module starts with the code */
  wlab_linker *l = wlab_linker_new(e);
  wlab_instance *plain = wlab_instance_new(l, m, &err);
  assert_non_null(plain);
  assert_ptr_equal(entry_of(plain, "sumsq"), code);
  wlab_instance_free(plain);
  wlab_linker_free(l);
  wlab_module_free(m);
  wlab_engine_free(e);
}

/* The interpreter alone never installs anything: instances stay without code. */
static void test_interp_installs_nothing(void **s)
{
  (void)s;
  wlab_engine *e = engine_for("interp");
  wlab_module *m = state_module(e);
  wlab_error err;
  wlab_pool *p = wlab_pool_new(e, m, NULL, NULL, NULL, &err);
  wlab_instance *a = wlab_pool_acquire(p, NULL, &err);
  for (int i = 0; i < 50; i++)
    assert_int_equal(call_ok(a, "sumsq", 1, 100), 338350);
  wlab_pool_release(p, a);
  a = wlab_pool_acquire(p, NULL, &err);
  assert_null(entry_of(a, "sumsq"));
  wlab_pool_release(p, a);
  wlab_pool_free(p);
  wlab_module_free(m);
  wlab_engine_free(e);
}

int main(void)
{
  wlab_engine_free(wlab_engine_new(NULL)); /* installs the handler */
  sigaction(SIGSEGV, NULL, &engine_segv);
  sigaction(SIGBUS, NULL, &engine_bus);
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_secret_interp_cow),
    cmocka_unit_test(test_secret_interp_copy),
    cmocka_unit_test(test_secret_baseline_cow),
    cmocka_unit_test(test_secret_baseline_copy),
    cmocka_unit_test(test_secret_opt_cow),
    cmocka_unit_test(test_secret_opt_copy),
    cmocka_unit_test(test_secret_tiered_cow),
    cmocka_unit_test(test_cow_reset_many_and_few_pages),
    cmocka_unit_test(test_cow_reset_in_forked_child),
    cmocka_unit_test(test_cow_reset_after_many_reads),
    cmocka_unit_test(test_cow_reset_skips_scan_until_a_fault),
    cmocka_unit_test(test_cow_memory_has_no_huge_pages),
    cmocka_unit_test(test_explicit_bounds_copies),
    cmocka_unit_test(test_trap_then_reuse),
    cmocka_unit_test(test_fuel_then_reuse),
    cmocka_unit_test(test_slots_exhausted),
    cmocka_unit_test(test_refuses_imported_memory),
    cmocka_unit_test(test_link_failure),
    cmocka_unit_test(test_start_traps_at_reuse),
    cmocka_unit_test(test_no_memory),
    cmocka_unit_test(test_threads_interp),
    cmocka_unit_test(test_threads_baseline_copy),
    cmocka_unit_test(test_threads_tiered),
    cmocka_unit_test(test_code_shared),
    cmocka_unit_test(test_interp_installs_nothing),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
