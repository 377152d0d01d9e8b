/* test_extern.c: memories, tables, globals and functions as objects (core/extern.c, core/instance.c): types, identity and ownership, host objects, instantiation from objects, linker resolution, threads. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "wasmlab.h"
#include "core/instance.h"
#include "wasi/wasi.h"

/*
 * (module
 *   (type $ret (func (result i32)))
 *   (memory (export "mem") 1 4)
 *   (table $t (export "tab") 2 10 funcref)
 *   (global $gi (export "gi") (mut i32) (i32.const 7))
 *   (global (export "gc") f64 (f64.const 2.5))
 *   (func $seven (export "seven") (result i32) (i32.const 7))
 *   (func (export "get_gi") (result i32) (global.get $gi))
 *   (func (export "set_gi") (param i32) (global.set $gi (local.get 0)))
 *   (func (export "tsize") (result i32) (table.size $t))
 *   (func (export "tcall") (param i32) (result i32) (call_indirect $t (type $ret) (local.get 0)))
 *   (func (export "msize") (result i32) (memory.size))
 *   (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
 *   (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))
 */
static const uint8_t exp_wasm[] = {
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x0e, 0x03, 0x60,
  0x00, 0x01, 0x7f, 0x60, 0x01, 0x7f, 0x00, 0x60, 0x01, 0x7f, 0x01, 0x7f,
  0x03, 0x09, 0x08, 0x00, 0x00, 0x01, 0x00, 0x02, 0x00, 0x02, 0x02, 0x04,
  0x05, 0x01, 0x70, 0x01, 0x02, 0x0a, 0x05, 0x04, 0x01, 0x01, 0x01, 0x04,
  0x06, 0x12, 0x02, 0x7f, 0x01, 0x41, 0x07, 0x0b, 0x7c, 0x00, 0x44, 0x00,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0x40, 0x0b, 0x07, 0x57, 0x0c, 0x03,
  0x6d, 0x65, 0x6d, 0x02, 0x00, 0x03, 0x74, 0x61, 0x62, 0x01, 0x00, 0x02,
  0x67, 0x69, 0x03, 0x00, 0x02, 0x67, 0x63, 0x03, 0x01, 0x05, 0x73, 0x65,
  0x76, 0x65, 0x6e, 0x00, 0x00, 0x06, 0x67, 0x65, 0x74, 0x5f, 0x67, 0x69,
  0x00, 0x01, 0x06, 0x73, 0x65, 0x74, 0x5f, 0x67, 0x69, 0x00, 0x02, 0x05,
  0x74, 0x73, 0x69, 0x7a, 0x65, 0x00, 0x03, 0x05, 0x74, 0x63, 0x61, 0x6c,
  0x6c, 0x00, 0x04, 0x05, 0x6d, 0x73, 0x69, 0x7a, 0x65, 0x00, 0x05, 0x04,
  0x6c, 0x6f, 0x61, 0x64, 0x00, 0x06, 0x04, 0x67, 0x72, 0x6f, 0x77, 0x00,
  0x07, 0x0a, 0x34, 0x08, 0x04, 0x00, 0x41, 0x07, 0x0b, 0x04, 0x00, 0x23,
  0x00, 0x0b, 0x06, 0x00, 0x20, 0x00, 0x24, 0x00, 0x0b, 0x05, 0x00, 0xfc,
  0x10, 0x00, 0x0b, 0x07, 0x00, 0x20, 0x00, 0x11, 0x00, 0x00, 0x0b, 0x04,
  0x00, 0x3f, 0x00, 0x0b, 0x07, 0x00, 0x20, 0x00, 0x28, 0x02, 0x00, 0x0b,
  0x06, 0x00, 0x20, 0x00, 0x40, 0x00, 0x0b
};

/*
 * (module
 *   (type $ret (func (result i32)))
 *   (import "env" "f" (func $f (param i32) (result i32)))
 *   (import "env" "grow" (func $grow))
 *   (import "env" "mem" (memory 1))
 *   (import "env" "tab" (table 2 funcref))
 *   (import "env" "gi" (global $gi (mut i32)))
 *   (elem declare func $f)
 *   (func (export "call_f") (param i32) (result i32) (call $f (local.get 0)))
 *   (func (export "get_gi") (result i32) (global.get $gi))
 *   (func (export "msize") (result i32) (memory.size))
 *   (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
 *   (func (export "tcall") (param i32) (result i32) (call_indirect (type $ret) (local.get 0)))
 *   (func (export "tsize") (result i32) (table.size 0))
 *   (func (export "f_ref") (result funcref) (ref.func $f))
 *   (func (export "growload") (param i32) (result i32) (call $grow) (i32.load (local.get 0)))
 *   (func (export "sum") (param i32) (result i32) (local i32)
 *     (block (loop (br_if 1 (i32.eqz (local.get 0)))
 *       (local.set 1 (i32.add (local.get 1) (call $f (local.get 0))))
 *       (local.set 0 (i32.sub (local.get 0) (i32.const 1))) (br 0)))
 *     (local.get 1))
 *   (export "f" (func $f))
 *   (export "mem" (memory 0))
 *   (export "tab" (table 0))
 *   (export "gi" (global $gi)))
 */
static const uint8_t imp_wasm[] = {
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x11, 0x04, 0x60,
  0x00, 0x01, 0x7f, 0x60, 0x01, 0x7f, 0x01, 0x7f, 0x60, 0x00, 0x00, 0x60,
  0x00, 0x01, 0x70, 0x02, 0x35, 0x05, 0x03, 0x65, 0x6e, 0x76, 0x01, 0x66,
  0x00, 0x01, 0x03, 0x65, 0x6e, 0x76, 0x04, 0x67, 0x72, 0x6f, 0x77, 0x00,
  0x02, 0x03, 0x65, 0x6e, 0x76, 0x03, 0x6d, 0x65, 0x6d, 0x02, 0x00, 0x01,
  0x03, 0x65, 0x6e, 0x76, 0x03, 0x74, 0x61, 0x62, 0x01, 0x70, 0x00, 0x02,
  0x03, 0x65, 0x6e, 0x76, 0x02, 0x67, 0x69, 0x03, 0x7f, 0x01, 0x03, 0x0a,
  0x09, 0x01, 0x00, 0x00, 0x01, 0x01, 0x00, 0x03, 0x01, 0x01, 0x07, 0x60,
  0x0d, 0x06, 0x63, 0x61, 0x6c, 0x6c, 0x5f, 0x66, 0x00, 0x02, 0x06, 0x67,
  0x65, 0x74, 0x5f, 0x67, 0x69, 0x00, 0x03, 0x05, 0x6d, 0x73, 0x69, 0x7a,
  0x65, 0x00, 0x04, 0x04, 0x6c, 0x6f, 0x61, 0x64, 0x00, 0x05, 0x05, 0x74,
  0x63, 0x61, 0x6c, 0x6c, 0x00, 0x06, 0x05, 0x74, 0x73, 0x69, 0x7a, 0x65,
  0x00, 0x07, 0x05, 0x66, 0x5f, 0x72, 0x65, 0x66, 0x00, 0x08, 0x08, 0x67,
  0x72, 0x6f, 0x77, 0x6c, 0x6f, 0x61, 0x64, 0x00, 0x09, 0x03, 0x73, 0x75,
  0x6d, 0x00, 0x0a, 0x01, 0x66, 0x00, 0x00, 0x03, 0x6d, 0x65, 0x6d, 0x02,
  0x00, 0x03, 0x74, 0x61, 0x62, 0x01, 0x00, 0x02, 0x67, 0x69, 0x03, 0x00,
  0x09, 0x05, 0x01, 0x03, 0x00, 0x01, 0x00, 0x0a, 0x5b, 0x09, 0x06, 0x00,
  0x20, 0x00, 0x10, 0x00, 0x0b, 0x04, 0x00, 0x23, 0x00, 0x0b, 0x04, 0x00,
  0x3f, 0x00, 0x0b, 0x07, 0x00, 0x20, 0x00, 0x28, 0x02, 0x00, 0x0b, 0x07,
  0x00, 0x20, 0x00, 0x11, 0x00, 0x00, 0x0b, 0x05, 0x00, 0xfc, 0x10, 0x00,
  0x0b, 0x04, 0x00, 0xd2, 0x00, 0x0b, 0x09, 0x00, 0x10, 0x01, 0x20, 0x00,
  0x28, 0x02, 0x00, 0x0b, 0x23, 0x01, 0x01, 0x7f, 0x02, 0x40, 0x03, 0x40,
  0x20, 0x00, 0x45, 0x0d, 0x01, 0x20, 0x01, 0x20, 0x00, 0x10, 0x00, 0x6a,
  0x21, 0x01, 0x20, 0x00, 0x41, 0x01, 0x6b, 0x21, 0x00, 0x0c, 0x00, 0x0b,
  0x0b, 0x20, 0x01, 0x0b
};

/* ---- helpers ------------------------------------------------------------------------------ */

static wlab_engine *engine_for(const char *tier, wlab_bounds bounds)
{
  wlab_config cfg;
  wlab_config_default(&cfg);
  cfg.tier = tier;
  cfg.bounds = bounds;
  wlab_engine *e = wlab_engine_new(&cfg);
  assert_non_null(e);
  return e;
}

static wlab_module *module_of(wlab_engine *e, const uint8_t *bytes, size_t len)
{
  wlab_error err;
  wlab_module *m = wlab_module_new(e, bytes, len, &err);
  if (!m)
    fail_msg("module: %s", err.text);
  return m;
}

/* The export of inst named name (the test modules have one of each name). */
static uint32_t export_index(wlab_instance *inst, const char *name)
{
  const wlab_module *m = wlab_instance_module(inst);
  for (uint32_t i = 0; i < wlab_module_export_count(m); i++) {
    wlab_extern_desc d;
    wlab_module_export(m, i, &d);
    if (strcmp(d.name, name) == 0)
      return i;
  }
  fail_msg("no export %s", name);
  return 0;
}

static wlab_extern export_of(wlab_instance *inst, const char *name)
{
  wlab_extern x;
  wlab_instance_export(inst, export_index(inst, name), &x);
  return x;
}

static int32_t call_i32(wlab_instance *inst, const char *name, int nargs, int32_t a)
{
  wlab_val arg = {.type = WLAB_I32, .of.i32 = a}, res;
  wlab_error err;
  wlab_func *f = wlab_instance_func(inst, name);
  assert_non_null(f);
  if (wlab_func_call(f, &arg, (uint32_t)nargs, &res, 1, &err) != WLAB_OK)
    fail_msg("%s: %s", name, err.text);
  return res.of.i32;
}

static const wlab_valtype t_i32[] = {WLAB_I32};

/* env.f: its argument plus the i32 at address 0 of its caller's memory plus env's add. */
typedef struct henv {
  int32_t add;
  int calls;             /* atomic: the threads test shares one */
  int finalized;
} henv;

static wlab_status host_f(wlab_caller *caller, void *env, const wlab_val *args, wlab_val *results, wlab_error *err)
{
  henv *h = env;
  size_t size;
  uint8_t *mem = wlab_caller_memory(caller, &size);
  int32_t at0;
  __atomic_add_fetch(&h->calls, 1, __ATOMIC_RELAXED);
  if (!mem || size < 4) {
    snprintf(err->message, sizeof err->message, "no caller memory");
    return WLAB_ERR_TRAP;
  }
  memcpy(&at0, mem, 4);
  results[0].of.i32 = args[0].of.i32 + at0 + h->add;
  return WLAB_OK;
}

static void finalize(void *env) { ((henv *)env)->finalized++; }

/* env.grow: grows the memory env by a page and writes 0x1234 at the new page's first byte. */
static wlab_status host_grow(wlab_caller *caller, void *env, const wlab_val *args, wlab_val *results, wlab_error *err)
{
  uint32_t old;
  size_t size;
  (void)caller; (void)args; (void)results;
  if (wlab_memory_grow(env, 1, &old, err) != WLAB_OK)
    return WLAB_ERR_TRAP;
  uint8_t *base = wlab_memory_data(env, &size);
  int32_t v = 0x1234;
  memcpy(base + (size_t)old * 65536, &v, 4);
  return WLAB_OK;
}

/* () -> i32: returns the int env points at. */
static wlab_status host_ret(wlab_caller *caller, void *env, const wlab_val *args, wlab_val *results, wlab_error *err)
{
  (void)caller; (void)args; (void)err;
  results[0].of.i32 = *(int32_t *)env;
  return WLAB_OK;
}

static const wlab_functype ft_f = {1, 1, t_i32, t_i32};
static const wlab_functype ft_void = {0, 0, NULL, NULL};
static const wlab_functype ft_ret = {0, 1, NULL, t_i32};

/* What imp needs, as host objects: f, grow, a memory, a table and a global.  Each object's
 * hidden instance is owned here until objects_free. */
typedef struct objects {
  wlab_extern x[5];
  henv h;
} objects;

static void objects_make_env(wlab_engine *e, objects *o, uint64_t mem_max, uint32_t tab_min, int32_t g0, henv *h)
{
  wlab_error err;
  wlab_memorytype mt = {{1, mem_max, true}};
  wlab_tabletype tt = {WLAB_FUNCREF, {tab_min, 0, false}};
  wlab_globaltype gt = {WLAB_I32, true};
  wlab_val init = {.type = WLAB_I32, .of.i32 = g0};
  memset(o, 0, sizeof *o);
  o->x[2].kind = WLAB_EXTERN_MEMORY;
  if (!(o->x[2].of.memory = wlab_memory_new(e, &mt, &err)))
    fail_msg("memory_new: %s", err.text);
  o->x[0].kind = WLAB_EXTERN_FUNC;
  if (!(o->x[0].of.func = wlab_func_new(e, &ft_f, host_f, h ? h : &o->h, finalize, &err)))
    fail_msg("func_new: %s", err.text);
  o->x[1].kind = WLAB_EXTERN_FUNC;
  if (!(o->x[1].of.func = wlab_func_new(e, &ft_void, host_grow, o->x[2].of.memory, NULL, &err)))
    fail_msg("func_new: %s", err.text);
  o->x[3].kind = WLAB_EXTERN_TABLE;
  if (!(o->x[3].of.table = wlab_table_new(e, &tt, NULL, &err)))
    fail_msg("table_new: %s", err.text);
  o->x[4].kind = WLAB_EXTERN_GLOBAL;
  if (!(o->x[4].of.global = wlab_global_new(e, &gt, &init, &err)))
    fail_msg("global_new: %s", err.text);
}

static void objects_make(wlab_engine *e, objects *o, uint64_t mem_max, uint32_t tab_min, int32_t g0)
{
  objects_make_env(e, o, mem_max, tab_min, g0, NULL);
}

static void objects_free(objects *o)
{
  for (int i = 0; i < 5; i++)
    wlab_instance_free(wlab_extern_instance(&o->x[i]));
}

static wlab_instance *imp_new(wlab_engine *e, const wlab_module *m, const wlab_extern *x)
{
  wlab_error err;
  wlab_instance *inst = wlab_instance_new_externs(e, m, x, 5, &err);
  if (!inst)
    fail_msg("instantiate: %s", err.text);
  return inst;
}

/* Every tier the build has, then the default engine with explicit bounds. */
static int each_engine(int k, wlab_engine **e)
{
  static char names[128];
  char *save, *tok;
  int i = 0;
  snprintf(names, sizeof names, "%s", wlab_engine_tiers(NULL));
  for (tok = strtok_r(names, ",", &save); tok; tok = strtok_r(NULL, ",", &save), i++)
    if (i == k) {
      *e = engine_for(tok, WLAB_BOUNDS_GUARD);
      return 1;
    }
  if (k == i) {
    *e = engine_for(NULL, WLAB_BOUNDS_EXPLICIT);
    return 1;
  }
  return 0;
}

/* ---- tests -------------------------------------------------------------------------------- */

static void test_types(void **state)
{
  (void)state;
  wlab_engine *e = engine_for(NULL, WLAB_BOUNDS_GUARD);
  wlab_module *me = module_of(e, exp_wasm, sizeof exp_wasm), *mi = module_of(e, imp_wasm, sizeof imp_wasm);
  wlab_externtype t;
  wlab_extern_desc d;
  /* exp's exports, in order: mem tab gi gc seven ... */
  wlab_module_export_type(me, 0, &t);
  assert_int_equal(t.kind, WLAB_EXTERN_MEMORY);
  assert_int_equal(t.of.memory.limits.min, 1);
  assert_true(t.of.memory.limits.has_max);
  assert_int_equal(t.of.memory.limits.max, 4);
  wlab_module_export_type(me, 1, &t);
  assert_int_equal(t.kind, WLAB_EXTERN_TABLE);
  assert_int_equal(t.of.table.elem, WLAB_FUNCREF);
  assert_int_equal(t.of.table.limits.min, 2);
  assert_int_equal(t.of.table.limits.max, 10);
  wlab_module_export_type(me, 2, &t);
  assert_int_equal(t.kind, WLAB_EXTERN_GLOBAL);
  assert_int_equal(t.of.global.type, WLAB_I32);
  assert_true(t.of.global.mut);
  wlab_module_export_type(me, 3, &t);
  assert_int_equal(t.of.global.type, WLAB_F64);
  assert_false(t.of.global.mut);
  wlab_module_export(me, 4, &d);
  assert_string_equal(d.name, "seven");
  wlab_module_export_type(me, 4, &t);
  assert_int_equal(t.kind, WLAB_EXTERN_FUNC);
  assert_int_equal(t.of.func.nparams, 0);
  assert_int_equal(t.of.func.nresults, 1);
  assert_int_equal(t.of.func.results[0], WLAB_I32);
  /* imp's imports: f grow mem tab gi */
  assert_int_equal(wlab_module_import_count(mi), 5);
  wlab_module_import_type(mi, 0, &t);
  assert_int_equal(t.kind, WLAB_EXTERN_FUNC);
  assert_int_equal(t.of.func.nparams, 1);
  assert_int_equal(t.of.func.params[0], WLAB_I32);
  assert_int_equal(t.of.func.results[0], WLAB_I32);
  wlab_module_import_type(mi, 2, &t);
  assert_int_equal(t.kind, WLAB_EXTERN_MEMORY);
  assert_int_equal(t.of.memory.limits.min, 1);
  assert_false(t.of.memory.limits.has_max);
  wlab_module_import_type(mi, 3, &t);
  assert_int_equal(t.kind, WLAB_EXTERN_TABLE);
  assert_int_equal(t.of.table.limits.min, 2);
  assert_false(t.of.table.limits.has_max);
  wlab_module_import_type(mi, 4, &t);
  assert_int_equal(t.kind, WLAB_EXTERN_GLOBAL);
  assert_true(t.of.global.mut);
  wlab_module_free(me);
  wlab_module_free(mi);
  wlab_engine_free(e);
}

/* Objects keep their identity through exports, imports and re-exports; owners are the definers. */
static void test_identity(void **state)
{
  (void)state;
  wlab_engine *e = engine_for(NULL, WLAB_BOUNDS_GUARD);
  wlab_module *me = module_of(e, exp_wasm, sizeof exp_wasm), *mi = module_of(e, imp_wasm, sizeof imp_wasm);
  wlab_linker *l = wlab_linker_new(e);
  wlab_error err;
  wlab_instance *ex = wlab_instance_new(l, me, &err);
  objects o;
  assert_non_null(ex);
  assert_ptr_equal(wlab_instance_module(ex), me);
  wlab_extern a = export_of(ex, "mem"), b = export_of(ex, "mem");
  assert_int_equal(a.kind, WLAB_EXTERN_MEMORY);
  assert_ptr_equal(a.of.memory, b.of.memory);
  assert_ptr_equal(wlab_extern_instance(&a), ex);
  assert_ptr_equal(export_of(ex, "seven").of.func, wlab_instance_func(ex, "seven"));
  assert_ptr_equal(wlab_func_instance(export_of(ex, "seven").of.func), ex);
  assert_null(wlab_func_env(export_of(ex, "seven").of.func));

  /* imp from exp's memory, table and global and two host functions: its re-exports are them */
  objects_make(e, &o, 4, 2, 0);
  wlab_extern x[5] = {o.x[0], o.x[1], export_of(ex, "mem"), export_of(ex, "tab"), export_of(ex, "gi")};
  wlab_instance *im = imp_new(e, mi, x);
  assert_ptr_equal(export_of(im, "mem").of.memory, a.of.memory);
  assert_ptr_equal(export_of(im, "tab").of.table, export_of(ex, "tab").of.table);
  assert_ptr_equal(export_of(im, "gi").of.global, export_of(ex, "gi").of.global);
  wlab_extern rf = export_of(im, "tab");
  assert_ptr_equal(wlab_extern_instance(&rf), ex);
  /* the host function re-exported is the object given, owned by its hidden instance */
  wlab_extern hf = export_of(im, "f");
  assert_ptr_equal(hf.of.func, o.x[0].of.func);
  assert_ptr_equal(wlab_extern_instance(&hf), wlab_func_instance(o.x[0].of.func));
  assert_ptr_equal(wlab_func_env(hf.of.func), &o.h);
  assert_non_null(wlab_instance_module(wlab_func_instance(hf.of.func)));
  assert_ptr_not_equal(wlab_func_instance(hf.of.func), im);
  /* imp keeps exp alive: freeing the embedder's handles first leaves imp working */
  wlab_instance_retain(ex);
  wlab_instance_free(ex);
  wlab_linker_free(l);
  wlab_instance_free(ex);
  int32_t v = 0x55;
  memcpy(wlab_memory_data(a.of.memory, NULL), &v, 4);
  assert_int_equal(call_i32(im, "load", 1, 0), 0x55);
  assert_int_equal(call_i32(im, "get_gi", 0, 0), 7);
  wlab_instance_free(im);
  objects_free(&o);
  wlab_module_free(me);
  wlab_module_free(mi);
  wlab_engine_free(e);
}

static void test_globals(void **state)
{
  (void)state;
  wlab_engine *e;
  for (int k = 0; each_engine(k, &e); k++) {
    wlab_module *me = module_of(e, exp_wasm, sizeof exp_wasm), *mi = module_of(e, imp_wasm, sizeof imp_wasm);
    wlab_linker *l = wlab_linker_new(e);
    wlab_error err;
    wlab_instance *ex = wlab_instance_new(l, me, &err);
    wlab_val v, w = {.type = WLAB_I32, .of.i32 = 42};
    wlab_globaltype gt;
    wlab_global *gi = export_of(ex, "gi").of.global, *gc = export_of(ex, "gc").of.global;
    wlab_global_type(gi, &gt);
    assert_int_equal(gt.type, WLAB_I32);
    assert_true(gt.mut);
    wlab_global_get(gi, &v);
    assert_int_equal(v.type, WLAB_I32);
    assert_int_equal(v.of.i32, 7);
    /* the host's write is what wasm reads, and wasm's is what the host reads */
    assert_int_equal(wlab_global_set(gi, &w, &err), WLAB_OK);
    assert_int_equal(call_i32(ex, "get_gi", 0, 0), 42);
    call_i32(ex, "set_gi", 1, -9);
    wlab_global_get(gi, &v);
    assert_int_equal(v.of.i32, -9);
    /* refusals: immutable, another type; nothing changes */
    wlab_global_get(gc, &v);
    assert_int_equal(v.type, WLAB_F64);
    assert_true(v.of.f64 == 2.5);
    v.of.f64 = 1.0;
    assert_int_equal(wlab_global_set(gc, &v, &err), WLAB_ERR_ARGUMENT);
    assert_non_null(strstr(err.message, "immutable"));
    wlab_global_get(gc, &v);
    assert_true(v.of.f64 == 2.5);
    w.type = WLAB_I64;
    w.of.i64 = 1;
    assert_int_equal(wlab_global_set(gi, &w, &err), WLAB_ERR_ARGUMENT);
    assert_string_equal(err.message, "the value is i64, the global holds i32");
    assert_int_equal(call_i32(ex, "get_gi", 0, 0), -9);
    /* a host global imported by imp: set by the host, read by wasm */
    objects o;
    objects_make(e, &o, 4, 2, 5);
    wlab_instance *im = imp_new(e, mi, o.x);
    assert_int_equal(call_i32(im, "get_gi", 0, 0), 5);
    w.type = WLAB_I32;
    w.of.i32 = 77;
    assert_int_equal(wlab_global_set(o.x[4].of.global, &w, &err), WLAB_OK);
    assert_int_equal(call_i32(im, "get_gi", 0, 0), 77);
    /* a constant host global, and a global_new of the wrong type */
    wlab_globaltype ct = {WLAB_I64, false};
    wlab_val c = {.type = WLAB_I64, .of.i64 = -5};
    wlab_global *hg = wlab_global_new(e, &ct, &c, &err);
    assert_non_null(hg);
    wlab_global_get(hg, &v);
    assert_int_equal(v.of.i64, -5);
    assert_int_equal(wlab_global_set(hg, &c, &err), WLAB_ERR_ARGUMENT);
    wlab_extern hx = {.kind = WLAB_EXTERN_GLOBAL, .of.global = hg};
    wlab_instance_free(wlab_extern_instance(&hx));
    assert_null(wlab_global_new(e, &ct, &w, &err));
    assert_int_equal(err.status, WLAB_ERR_ARGUMENT);
    wlab_instance_free(im);
    objects_free(&o);
    wlab_instance_free(ex);
    wlab_linker_free(l);
    wlab_module_free(me);
    wlab_module_free(mi);
    wlab_engine_free(e);
  }
}

static void test_tables(void **state)
{
  (void)state;
  wlab_engine *e;
  for (int k = 0; each_engine(k, &e); k++) {
    wlab_module *me = module_of(e, exp_wasm, sizeof exp_wasm), *mi = module_of(e, imp_wasm, sizeof imp_wasm);
    wlab_linker *l = wlab_linker_new(e);
    wlab_error err;
    wlab_instance *ex = wlab_instance_new(l, me, &err);
    wlab_table *t = export_of(ex, "tab").of.table;
    wlab_func *seven = export_of(ex, "seven").of.func;
    wlab_tabletype tt;
    wlab_val v = {.type = WLAB_FUNCREF, .of.ref = seven}, got;
    uint32_t old = 0;
    wlab_table_type(t, &tt);
    assert_int_equal(tt.elem, WLAB_FUNCREF);
    assert_int_equal(tt.limits.min, 2);
    assert_int_equal(tt.limits.max, 10);
    assert_int_equal(wlab_table_size(t), 2);
    /* a funcref the host stores is what call_indirect calls */
    assert_int_equal(wlab_table_set(t, 1, &v, &err), WLAB_OK);
    assert_int_equal(call_i32(ex, "tcall", 1, 1), 7);
    assert_int_equal(wlab_table_get(t, 1, &got, &err), WLAB_OK);
    assert_int_equal(got.type, WLAB_FUNCREF);
    assert_ptr_equal(got.of.ref, seven);
    assert_int_equal(wlab_table_get(t, 0, &got, &err), WLAB_OK);
    assert_null(got.of.ref);
    /* out of bounds: a trap, the table's words */
    assert_int_equal(wlab_table_get(t, 2, &got, &err), WLAB_ERR_TRAP);
    assert_string_equal(err.message, "out of bounds table access");
    assert_int_equal(wlab_table_set(t, 2, &v, &err), WLAB_ERR_TRAP);
    assert_string_equal(err.message, "out of bounds table access");
    v.type = WLAB_EXTERNREF;
    assert_int_equal(wlab_table_set(t, 0, &v, &err), WLAB_ERR_ARGUMENT);
    /* growth seen by table.size; past the maximum nothing changes */
    assert_int_equal(wlab_table_grow(t, 3, seven, &old, &err), WLAB_OK);
    assert_int_equal(old, 2);
    assert_int_equal(call_i32(ex, "tsize", 0, 0), 5);
    assert_int_equal(call_i32(ex, "tcall", 1, 4), 7);
    assert_int_equal(wlab_table_grow(t, 6, NULL, &old, &err), WLAB_ERR_LIMIT);
    assert_int_equal(wlab_table_size(t), 5);
    assert_int_equal(call_i32(ex, "tsize", 0, 0), 5);
    wlab_table_type(t, &tt);
    assert_int_equal(tt.limits.min, 5);
    /* a host table of host functions, imported by imp: wasm calls what the host put there */
    objects o;
    int32_t ret = 31;
    wlab_tabletype ht = {WLAB_FUNCREF, {2, 3, true}};
    objects_make(e, &o, 4, 2, 0);
    wlab_func *hr = wlab_func_new(e, &ft_ret, host_ret, &ret, NULL, &err);
    assert_non_null(hr);
    wlab_table *tab = wlab_table_new(e, &ht, hr, &err);
    assert_non_null(tab);
    wlab_instance_free(wlab_extern_instance(&o.x[3]));
    o.x[3].of.table = tab;
    wlab_instance *im = imp_new(e, mi, o.x);
    assert_int_equal(call_i32(im, "tcall", 1, 0), 31);
    v.type = WLAB_FUNCREF;
    v.of.ref = seven; /* another instance's function in the host table */
    assert_int_equal(wlab_table_set(tab, 1, &v, &err), WLAB_OK);
    assert_int_equal(call_i32(im, "tcall", 1, 1), 7);
    assert_int_equal(wlab_table_grow(tab, 1, NULL, NULL, &err), WLAB_OK);
    assert_int_equal(call_i32(im, "tsize", 0, 0), 3);
    assert_int_equal(wlab_table_grow(tab, 1, NULL, NULL, &err), WLAB_ERR_LIMIT);
    /* the table holds exp's function: exp lives as long as the table does, past its handle */
    wlab_instance_free(ex);
    wlab_linker_free(l);
    assert_int_equal(call_i32(im, "tcall", 1, 1), 7);
    wlab_instance_free(im);
    wlab_instance_free(wlab_func_instance(hr));
    objects_free(&o);
    wlab_module_free(me);
    wlab_module_free(mi);
    wlab_engine_free(e);
  }
}

static void test_memories(void **state)
{
  (void)state;
  wlab_engine *e;
  for (int k = 0; each_engine(k, &e); k++) {
    wlab_module *me = module_of(e, exp_wasm, sizeof exp_wasm), *mi = module_of(e, imp_wasm, sizeof imp_wasm);
    wlab_linker *l = wlab_linker_new(e);
    wlab_error err;
    wlab_instance *ex = wlab_instance_new(l, me, &err);
    wlab_memory *mem = export_of(ex, "mem").of.memory;
    wlab_memorytype mt;
    size_t size;
    uint32_t old;
    int32_t v = 0x01020304;
    wlab_memory_type(mem, &mt);
    assert_int_equal(mt.limits.min, 1);
    assert_true(mt.limits.has_max);
    assert_int_equal(mt.limits.max, 4);
    /* data written by the host is what wasm loads */
    memcpy(wlab_memory_data(mem, &size) + 100, &v, 4);
    assert_int_equal(size, 65536);
    assert_int_equal(call_i32(ex, "load", 1, 100), 0x01020304);
    /* growth by the host: memory.size sees it, and the new page is there */
    assert_int_equal(wlab_memory_grow(mem, 2, &old, &err), WLAB_OK);
    assert_int_equal(old, 1);
    assert_int_equal(call_i32(ex, "msize", 0, 0), 3);
    assert_int_equal(wlab_memory_pages(mem), 3);
    memcpy(wlab_memory_data(mem, &size) + 3 * 65536 - 4, &v, 4);
    assert_int_equal(size, 3 * 65536);
    assert_int_equal(call_i32(ex, "load", 1, 3 * 65536 - 4), 0x01020304);
    /* ... and by wasm, seen by the host */
    assert_int_equal(call_i32(ex, "grow", 1, 1), 3);
    assert_int_equal(wlab_memory_pages(mem), 4);
    /* past the maximum: refused, nothing changed */
    assert_int_equal(wlab_memory_grow(mem, 1, &old, &err), WLAB_ERR_LIMIT);
    assert_int_equal(wlab_memory_pages(mem), 4);
    assert_int_equal(call_i32(ex, "msize", 0, 0), 4);
    /* a host memory: the same reservation as a module's, shared with imp, grown inside a call */
    objects o;
    objects_make(e, &o, 3, 2, 0);
    wlab_memory *hm = o.x[2].of.memory;
    assert_int_equal(((memory *)hm)->guarded, ((memory *)mem)->guarded);
    if (((memory *)mem)->guarded)
      assert_int_equal(((memory *)hm)->map_size, ((memory *)mem)->map_size);
    wlab_memory_type(hm, &mt);
    assert_int_equal(mt.limits.min, 1);
    assert_int_equal(mt.limits.max, 3);
    wlab_instance *im = imp_new(e, mi, o.x);
    v = 0x4321;
    memcpy(wlab_memory_data(hm, NULL) + 8, &v, 4);
    assert_int_equal(call_i32(im, "load", 1, 8), 0x4321);
    assert_int_equal(call_i32(im, "msize", 0, 0), 1);
    /* env.grow grows hm from inside the call: the load after it reaches the new page (with
     * explicit bounds the memory may have moved) */
    assert_int_equal(call_i32(im, "growload", 1, 65536), 0x1234);
    assert_int_equal(call_i32(im, "msize", 0, 0), 2);
    assert_int_equal(wlab_memory_grow(hm, 1, NULL, &err), WLAB_OK);
    assert_int_equal(call_i32(im, "msize", 0, 0), 3);
    assert_int_equal(wlab_memory_grow(hm, 1, NULL, &err), WLAB_ERR_LIMIT);
    assert_int_equal(err.status, WLAB_ERR_LIMIT);
    assert_int_equal(call_i32(im, "load", 1, 8), 0x4321);
    wlab_instance_free(im);
    objects_free(&o);
    wlab_instance_free(ex);
    wlab_linker_free(l);
    wlab_module_free(me);
    wlab_module_free(mi);
    wlab_engine_free(e);
  }
}

/* A host object imported is called with the importer as its caller, also through a funcref
 * taken out of the importer; the finalizer runs once, when the last holder goes. */
static void test_host_funcs(void **state)
{
  (void)state;
  wlab_engine *e;
  for (int k = 0; each_engine(k, &e); k++) {
    wlab_module *mi = module_of(e, imp_wasm, sizeof imp_wasm);
    wlab_error err;
    objects o;
    int32_t v = 1000;
    objects_make(e, &o, 4, 2, 0);
    o.h.add = 3;
    memcpy(wlab_memory_data(o.x[2].of.memory, NULL), &v, 4);
    wlab_instance *im = imp_new(e, mi, o.x);
    assert_int_equal(call_i32(im, "call_f", 1, 5), 1008);
    assert_int_equal(call_i32(im, "sum", 1, 3), 3 + 2 + 1 + 3 * 1003);
    /* a funcref out of imp (ref.func of the import) calls the same function with imp's memory */
    wlab_func *fr = wlab_instance_func(im, "f_ref");
    wlab_val ref, arg = {.type = WLAB_I32, .of.i32 = 1}, res;
    assert_int_equal(wlab_func_call(fr, NULL, 0, &ref, 1, &err), WLAB_OK);
    assert_non_null(ref.of.ref);
    assert_ptr_equal(wlab_func_env(ref.of.ref), &o.h);
    assert_int_equal(wlab_func_call(ref.of.ref, &arg, 1, &res, 1, &err), WLAB_OK);
    assert_int_equal(res.of.i32, 1004);
    /* called outside any importer, the host object has no caller memory */
    assert_int_equal(wlab_func_call(o.x[0].of.func, &arg, 1, &res, 1, &err), WLAB_ERR_TRAP);
    assert_non_null(strstr(err.message, "no caller memory"));
    /* the finalizer waits for imp, which holds the function */
    assert_int_equal(o.h.calls, 6);
    wlab_instance_free(wlab_extern_instance(&o.x[0]));
    assert_int_equal(o.h.finalized, 0);
    assert_int_equal(call_i32(im, "call_f", 1, 0), 1003);
    wlab_instance_free(im);
    assert_int_equal(o.h.finalized, 1);
    for (int i = 1; i < 5; i++)
      wlab_instance_free(wlab_extern_instance(&o.x[i]));
    assert_int_equal(o.h.finalized, 1);
    /* a finalizer of a function never imported runs when its handle goes */
    henv h2 = {0};
    wlab_func *lone = wlab_func_new(e, &ft_f, host_f, &h2, finalize, &err);
    assert_non_null(lone);
    assert_int_equal(h2.finalized, 0);
    wlab_instance_free(wlab_func_instance(lone));
    assert_int_equal(h2.finalized, 1);
    /* bad types are refused with why */
    wlab_valtype bad = (wlab_valtype)0x40;
    wlab_functype bt = {1, 0, &bad, NULL};
    assert_null(wlab_func_new(e, &bt, host_f, NULL, NULL, &err));
    assert_int_equal(err.status, WLAB_ERR_ARGUMENT);
    assert_non_null(strstr(err.message, "no value type"));
    wlab_memorytype big = {{70000, 0, false}};
    assert_null(wlab_memory_new(e, &big, &err));
    assert_int_equal(err.status, WLAB_ERR_ARGUMENT);
    wlab_tabletype inv = {WLAB_FUNCREF, {5, 2, true}};
    assert_null(wlab_table_new(e, &inv, NULL, &err));
    assert_non_null(strstr(err.message, "above the maximum"));
    wlab_module_free(mi);
    wlab_engine_free(e);
  }
}

/* Instantiation from objects refuses what the linker refuses, in the same words. */
static void test_unlinkable(void **state)
{
  (void)state;
  wlab_engine *e = engine_for(NULL, WLAB_BOUNDS_GUARD);
  wlab_module *mi = module_of(e, imp_wasm, sizeof imp_wasm);
  wlab_error err, lerr;
  objects o;
  wlab_extern x[5];
  objects_make(e, &o, 4, 2, 0);
  /* a global where a function goes */
  memcpy(x, o.x, sizeof x);
  x[0] = o.x[4];
  assert_null(wlab_instance_new_externs(e, mi, x, 5, &err));
  assert_int_equal(err.status, WLAB_ERR_UNLINKABLE);
  assert_string_equal(err.message, "incompatible import type for env.f (kind differs)");
  /* a function of another signature: the same words as the linker's */
  memcpy(x, o.x, sizeof x);
  x[0] = o.x[1];
  assert_null(wlab_instance_new_externs(e, mi, x, 5, &err));
  assert_string_equal(err.message, "incompatible import type for env.f (signature differs)");
  wlab_linker *l = wlab_linker_new(e);
  assert_int_equal(wlab_linker_define_func(l, "env", "f", &ft_void, host_grow, NULL, &lerr), WLAB_OK);
  assert_null(wlab_instance_new(l, mi, &lerr));
  assert_int_equal(lerr.status, WLAB_ERR_UNLINKABLE);
  assert_string_equal(lerr.message, err.message);
  wlab_linker_free(l);
  /* a table too small, a memory too small, a constant global */
  wlab_tabletype small = {WLAB_FUNCREF, {1, 0, false}};
  wlab_memorytype none = {{0, 1, true}};
  wlab_globaltype cg = {WLAB_I32, false};
  wlab_val zero = {.type = WLAB_I32, .of.i32 = 0};
  wlab_extern bad[3] = {{.kind = WLAB_EXTERN_TABLE, .of.table = wlab_table_new(e, &small, NULL, &err)},
                        {.kind = WLAB_EXTERN_MEMORY, .of.memory = wlab_memory_new(e, &none, &err)},
                        {.kind = WLAB_EXTERN_GLOBAL, .of.global = wlab_global_new(e, &cg, &zero, &err)}};
  static const char *const why[3] = {"incompatible import type for env.tab (table type)",
                                     "incompatible import type for env.mem (memory limits)",
                                     "incompatible import type for env.gi (global type)"};
  for (int i = 0; i < 3; i++) {
    assert_non_null(bad[i].of.table);
    memcpy(x, o.x, sizeof x);
    x[2 + (i == 0 ? 1 : i == 1 ? 0 : 2)] = bad[i];
    assert_null(wlab_instance_new_externs(e, mi, x, 5, &err));
    assert_int_equal(err.status, WLAB_ERR_UNLINKABLE);
    assert_string_equal(err.message, why[i]);
    wlab_instance_free(wlab_extern_instance(&bad[i]));
  }
  /* the wrong count, a missing object, and the good objects after all that */
  assert_null(wlab_instance_new_externs(e, mi, o.x, 4, &err));
  assert_int_equal(err.status, WLAB_ERR_ARGUMENT);
  assert_string_equal(err.message, "the module has 5 imports, 4 objects were given");
  memcpy(x, o.x, sizeof x);
  x[4].of.global = NULL;
  assert_null(wlab_instance_new_externs(e, mi, x, 5, &err));
  assert_int_equal(err.status, WLAB_ERR_ARGUMENT);
  wlab_instance *im = imp_new(e, mi, o.x);
  wlab_instance_free(im);
  /* an object of another engine */
  wlab_engine *e2 = engine_for(NULL, WLAB_BOUNDS_GUARD);
  objects o2;
  objects_make(e2, &o2, 4, 2, 0);
  assert_null(wlab_instance_new_externs(e, mi, o2.x, 5, &err));
  assert_int_equal(err.status, WLAB_ERR_ARGUMENT);
  assert_non_null(strstr(err.message, "another engine"));
  objects_free(&o2);
  wlab_engine_free(e2);
  objects_free(&o);
  wlab_module_free(mi);
  wlab_engine_free(e);
}

/* A linker's host function and an instance's exports, resolved into objects and instantiated. */
static void test_linker_resolve(void **state)
{
  (void)state;
  wlab_engine *e = engine_for(NULL, WLAB_BOUNDS_GUARD);
  wlab_module *me = module_of(e, exp_wasm, sizeof exp_wasm), *mi = module_of(e, imp_wasm, sizeof imp_wasm);
  wlab_linker *l = wlab_linker_new(e);
  wlab_error err;
  wlab_instance *ex = wlab_instance_new(l, me, &err);
  henv h = {.add = 10};
  wlab_extern out[5];
  int32_t v = 500;
  /* exp's own "grow" is shadowed by the host's, defined later */
  assert_int_equal(wlab_linker_define_instance(l, "env", ex, &err), WLAB_OK);
  assert_int_equal(wlab_linker_define_func(l, "env", "f", &ft_f, host_f, &h, &err), WLAB_OK);
  assert_int_equal(wlab_linker_define_func(l, "env", "grow", &ft_void, host_grow,
                                           export_of(ex, "mem").of.memory, &err), WLAB_OK);
  assert_int_equal(wlab_linker_resolve(l, mi, out, &err), WLAB_OK);
  assert_int_equal(out[0].kind, WLAB_EXTERN_FUNC);
  assert_ptr_equal(wlab_func_env(out[0].of.func), &h);
  assert_ptr_not_equal(wlab_extern_instance(&out[0]), ex);
  assert_ptr_equal(out[2].of.memory, export_of(ex, "mem").of.memory);
  assert_ptr_equal(out[3].of.table, export_of(ex, "tab").of.table);
  assert_ptr_equal(out[4].of.global, export_of(ex, "gi").of.global);
  assert_ptr_equal(wlab_extern_instance(&out[4]), ex);
  /* the objects outlive the linker and exp's handle: the caller owns a reference to each */
  wlab_linker_free(l);
  wlab_instance_free(ex);
  wlab_instance *im = imp_new(e, mi, out);
  memcpy(wlab_memory_data(out[2].of.memory, NULL), &v, 4);
  assert_int_equal(call_i32(im, "call_f", 1, 1), 511); /* caller memory: exp's, imported by imp */
  assert_int_equal(call_i32(im, "get_gi", 0, 0), 7);
  for (int i = 0; i < 5; i++)
    wlab_instance_free(wlab_extern_instance(&out[i]));
  assert_int_equal(call_i32(im, "call_f", 1, 2), 512);
  wlab_instance_free(im);
  /* an unknown import names itself and leaves nothing behind */
  l = wlab_linker_new(e);
  assert_int_equal(wlab_linker_define_func(l, "env", "f", &ft_f, host_f, &h, &err), WLAB_OK);
  assert_int_equal(wlab_linker_resolve(l, mi, out, &err), WLAB_ERR_UNLINKABLE);
  assert_string_equal(err.message, "unknown import env.grow");
  wlab_linker_free(l);
  /* a host function of another signature is named here, not at instantiation */
  l = wlab_linker_new(e);
  assert_int_equal(wlab_linker_define_func(l, "env", "f", &ft_void, host_grow, NULL, &err), WLAB_OK);
  assert_int_equal(wlab_linker_resolve(l, mi, out, &err), WLAB_ERR_UNLINKABLE);
  assert_string_equal(err.message, "incompatible import type for env.f (signature differs)");
  wlab_linker_free(l);
  wlab_module_free(me);
  wlab_module_free(mi);
  wlab_engine_free(e);
}

/* A module whose imports are preview1 functions, by name: fd_write (i32 x4 -> i32) and args_get
 * (i32 x2 -> i32) as asked. */
static size_t wasi_importer(uint8_t *out, const char *const *names, uint32_t n)
{
  static const uint8_t head[] = {0, 'a', 's', 'm', 1, 0, 0, 0,
                                 1, 15, 2, 0x60, 4, 0x7f, 0x7f, 0x7f, 0x7f, 1, 0x7f, 0x60, 2, 0x7f, 0x7f, 1, 0x7f};
  uint8_t sec[256];
  size_t len = 0, at = sizeof head;
  memcpy(out, head, sizeof head);
  sec[len++] = (uint8_t)n;
  for (uint32_t i = 0; i < n; i++) {
    sec[len++] = 22;
    memcpy(sec + len, "wasi_snapshot_preview1", 22);
    len += 22;
    sec[len++] = (uint8_t)strlen(names[i]);
    memcpy(sec + len, names[i], strlen(names[i]));
    len += strlen(names[i]);
    sec[len++] = 0; /* a function */
    sec[len++] = strcmp(names[i], "args_get") == 0 ? 1 : 0;
  }
  out[at++] = 2;
  out[at++] = (uint8_t)len;
  memcpy(out + at, sec, len);
  return at + len;
}

/* wasi_define_imports defines what the module imports, each once (an import named twice
 * included), and nothing else: a second module's other import stays unknown. */
static void test_wasi_imports(void **state)
{
  (void)state;
  static const char *const twice[] = {"fd_write", "args_get", "fd_write"}, *const other[] = {"args_sizes_get"},
                           *const both[] = {"args_get", "fd_write"};
  wlab_engine *e = engine_for(NULL, WLAB_BOUNDS_GUARD);
  uint8_t bytes[512];
  wlab_module *m = module_of(e, bytes, wasi_importer(bytes, twice, 3));
  wlab_module *m2 = module_of(e, bytes, wasi_importer(bytes, both, 2));
  wasi_ctx *w = wasi_new(0, NULL, 0, NULL);
  wlab_linker *l = wlab_linker_new(e);
  wlab_extern out[3];
  wlab_error err;
  assert_non_null(w);
  assert_int_equal(wasi_define_imports(w, l, m, &err), WLAB_OK);
  assert_int_equal(wlab_linker_resolve(l, m, out, &err), WLAB_OK);
  assert_ptr_equal(wlab_func_env(out[0].of.func), w);
  for (int i = 0; i < 3; i++)
    wlab_instance_free(wlab_extern_instance(&out[i]));
  assert_int_equal(wlab_linker_resolve(l, m2, out, &err), WLAB_OK);
  for (int i = 0; i < 2; i++)
    wlab_instance_free(wlab_extern_instance(&out[i]));
  wlab_module_free(m);
  /* args_sizes_get (i32 x2 -> i32, as args_get) was not imported, so not defined */
  m = module_of(e, bytes, wasi_importer(bytes, other, 1));
  assert_int_equal(wlab_linker_resolve(l, m, out, &err), WLAB_ERR_UNLINKABLE);
  assert_string_equal(err.message, "unknown import wasi_snapshot_preview1.args_sizes_get");
  wlab_module_free(m);
  /* a module without preview1 imports defines nothing, and fails nothing */
  m = module_of(e, exp_wasm, sizeof exp_wasm);
  assert_int_equal(wasi_define_imports(w, l, m, &err), WLAB_OK);
  wlab_linker_free(l);
  wlab_module_free(m);
  wlab_module_free(m2);
  wasi_free(w);
  wlab_engine_free(e);
}

/* Threads each make their own objects and instances of one module in one engine, and call
 * them, at once. */
typedef struct worker {
  wlab_engine *e;
  const wlab_module *m;
  int32_t result;
  int failed;
  henv h;                /* every round's f: the finalizers may run as late as the engine's end */
} worker;

static void *work(void *arg)
{
  worker *w = arg;
  for (int round = 0; round < 20; round++) {
    objects o;
    wlab_error err;
    objects_make_env(w->e, &o, 4, 2, round, &w->h);
    int32_t one = 1;
    memcpy(wlab_memory_data(o.x[2].of.memory, NULL), &one, 4);
    wlab_instance *im = wlab_instance_new_externs(w->e, w->m, o.x, 5, &err);
    if (!im) {
      w->failed = 1;
      objects_free(&o);
      return NULL;
    }
    wlab_val arg1 = {.type = WLAB_I32, .of.i32 = 100}, res;
    if (wlab_func_call(wlab_instance_func(im, "sum"), &arg1, 1, &res, 1, &err) != WLAB_OK)
      w->failed = 1;
    w->result = res.of.i32;
    wlab_val g;
    if (wlab_func_call(wlab_instance_func(im, "get_gi"), NULL, 0, &g, 1, &err) != WLAB_OK || g.of.i32 != round)
      w->failed = 1;
    wlab_instance_free(im);
    objects_free(&o);
  }
  return NULL;
}

static void test_threads(void **state)
{
  (void)state;
  wlab_engine *e = engine_for(NULL, WLAB_BOUNDS_GUARD);
  wlab_module *mi = module_of(e, imp_wasm, sizeof imp_wasm);
  pthread_t th[4];
  worker w[4];
  for (int i = 0; i < 4; i++) {
    w[i] = (worker){e, mi, 0, 0, {0, 0, 0}};
    assert_int_equal(pthread_create(&th[i], NULL, work, &w[i]), 0);
  }
  for (int i = 0; i < 4; i++) {
    pthread_join(th[i], NULL);
    assert_false(w[i].failed);
    assert_int_equal(w[i].result, 5050 + 100);
    assert_int_equal(w[i].h.calls, 20 * 100);
  }
  wlab_module_free(mi);
  wlab_engine_free(e);
  for (int i = 0; i < 4; i++) /* each round's function finalized once */
    assert_int_equal(w[i].h.finalized, 20);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_types),
    cmocka_unit_test(test_identity),
    cmocka_unit_test(test_globals),
    cmocka_unit_test(test_tables),
    cmocka_unit_test(test_memories),
    cmocka_unit_test(test_host_funcs),
    cmocka_unit_test(test_unlinkable),
    cmocka_unit_test(test_linker_resolve),
    cmocka_unit_test(test_wasi_imports),
    cmocka_unit_test(test_threads),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
