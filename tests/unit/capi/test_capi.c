/* test_capi.c: capi/ through wasm.h: records and host info, vectors, types, traps, externs, calls, bad input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "capi/capi.h"

static const char *wasm_path; /* capi.wat assembled, from argv[1] */

static wasm_byte_vec_t read_wasm(void)
{
  wasm_byte_vec_t v = WASM_EMPTY_VEC;
  FILE *f = fopen(wasm_path, "rb");
  assert_non_null(f);
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  wasm_byte_vec_new_uninitialized(&v, (size_t)n);
  assert_int_equal(fread(v.data, 1, (size_t)n, f), (size_t)n);
  fclose(f);
  return v;
}

/* ---- the map from engine pointers to records ---------------------------------------------- */

static void test_map(void **state)
{
  (void)state;
  capi_map map = {0};
  static char keys[3000];
  capi_obj *vals = (capi_obj *)(uintptr_t)0x1000;
  for (int i = 0; i < 3000; i++)
    assert_true(capi_map_put(&map, &keys[i], vals + i));
  for (int i = 0; i < 3000; i++)
    assert_ptr_equal(capi_map_get(&map, &keys[i]), vals + i);
  for (int i = 0; i < 3000; i += 2)
    capi_map_del(&map, &keys[i]);
  for (int i = 0; i < 3000; i++)
    assert_ptr_equal(capi_map_get(&map, &keys[i]), i % 2 ? vals + i : NULL);
  /* churn over tombstones: entries stay findable, the table does not fill up */
  for (int round = 0; round < 20; round++)
    for (int i = 0; i < 3000; i += 2) {
      assert_true(capi_map_put(&map, &keys[i], vals + i));
      capi_map_del(&map, &keys[i]);
    }
  for (int i = 1; i < 3000; i += 2)
    assert_ptr_equal(capi_map_get(&map, &keys[i]), vals + i);
  assert_int_equal(map.used, 1500);
  free(map.keys);
  free(map.vals);
}

/* ---- vectors and types ---------------------------------------------------------------------- */

static void test_vectors_and_types(void **state)
{
  (void)state;
  wasm_byte_vec_t b, c;
  wasm_byte_vec_new(&b, 3, "abc");
  wasm_byte_vec_copy(&c, &b);
  assert_int_equal(c.size, 3);
  assert_ptr_not_equal(c.data, b.data);
  assert_memory_equal(c.data, "abc", 3);
  wasm_byte_vec_delete(&b);
  wasm_byte_vec_delete(&c);
  assert_null(c.data);

  wasm_name_t n;
  wasm_name_new_from_string_nt(&n, "hi");
  assert_int_equal(n.size, 3);
  wasm_name_delete(&n);

  wasm_functype_t *ft = wasm_functype_new_2_1(wasm_valtype_new_i32(), wasm_valtype_new_f64(), wasm_valtype_new_externref());
  assert_int_equal(wasm_functype_params(ft)->size, 2);
  assert_int_equal(wasm_valtype_kind(wasm_functype_params(ft)->data[1]), WASM_F64);
  assert_int_equal(wasm_valtype_kind(wasm_functype_results(ft)->data[0]), WASM_EXTERNREF);
  assert_true(wasm_valtype_is_ref(wasm_functype_results(ft)->data[0]));
  wasm_functype_t *ft2 = wasm_functype_copy(ft);
  wasm_functype_delete(ft);
  assert_int_equal(wasm_valtype_kind(wasm_functype_params(ft2)->data[0]), WASM_I32);
  wasm_externtype_t *et = wasm_functype_as_externtype(ft2);
  assert_int_equal(wasm_externtype_kind(et), WASM_EXTERN_FUNC);
  assert_null(wasm_externtype_as_globaltype(et));
  assert_ptr_equal(wasm_externtype_as_functype_const(et), ft2);

  wasm_functype_vec_t fv, fv2;
  wasm_functype_t *fts[2] = {ft2, wasm_functype_new_0_0()};
  wasm_functype_vec_new(&fv, 2, fts);
  wasm_functype_vec_copy(&fv2, &fv);
  wasm_functype_vec_delete(&fv); /* deletes ft2 and the 0_0 type */
  assert_int_equal(wasm_functype_params(fv2.data[0])->size, 2);
  assert_int_equal(wasm_functype_params(fv2.data[1])->size, 0);
  wasm_functype_vec_delete(&fv2);

  wasm_limits_t lim = {1, wasm_limits_max_default};
  wasm_tabletype_t *tt = wasm_tabletype_new(wasm_valtype_new_funcref(), &lim);
  assert_int_equal(wasm_tabletype_limits(tt)->max, 0xffffffffu);
  assert_int_equal(wasm_valtype_kind(wasm_tabletype_element(tt)), WASM_FUNCREF);
  wasm_tabletype_delete(tt);
  /* a table of numbers does not exist */
  assert_null(wasm_tabletype_new(wasm_valtype_new_i32(), &lim));
  assert_null(wasm_valtype_new(77));

  wasm_globaltype_t *gt = wasm_globaltype_new(wasm_valtype_new_i64(), WASM_VAR);
  assert_int_equal(wasm_globaltype_mutability(gt), WASM_VAR);
  assert_int_equal(wasm_externtype_kind(wasm_globaltype_as_externtype_const(gt)), WASM_EXTERN_GLOBAL);
  wasm_globaltype_delete(gt);
}

/* ---- references and host info -------------------------------------------------------------- */

static int finalized;
static void *finalized_with;
static void count_finalizer(void *p)
{
  finalized++;
  finalized_with = p;
}

static void test_foreign_host_info(void **state)
{
  (void)state;
  wasm_engine_t *engine = wasm_engine_new();
  wasm_store_t *store = wasm_store_new(engine);
  wasm_foreign_t *f = wasm_foreign_new(store);
  wasm_ref_t *r = wasm_ref_copy(wasm_foreign_as_ref(f));
  /* host info set through one handle shows through the other: it belongs to the object */
  wasm_ref_set_host_info_with_finalizer(r, (void *)0x42, count_finalizer);
  assert_ptr_equal(wasm_foreign_get_host_info(f), (void *)0x42);
  assert_true(wasm_ref_same(r, wasm_foreign_as_ref_const(f)));
  assert_ptr_equal(wasm_ref_as_foreign(r), r);
  assert_null(wasm_ref_as_func(r));
  assert_null(wasm_ref_as_extern_const(r));
  finalized = 0;
  wasm_foreign_delete(f);
  assert_int_equal(finalized, 0);  /* one handle left */
  wasm_ref_delete(r);
  assert_int_equal(finalized, 1);  /* the last one went: the object with it */
  assert_ptr_equal(finalized_with, (void *)0x42);

  /* a value owns its reference: copying copies the handle, deleting deletes it */
  wasm_foreign_t *g = wasm_foreign_new(store);
  wasm_foreign_set_host_info_with_finalizer(g, (void *)7, count_finalizer);
  wasm_val_t v = WASM_REF_VAL(wasm_foreign_as_ref(g)), w;
  wasm_val_copy(&w, &v);
  assert_ptr_not_equal(w.of.ref, v.of.ref);
  assert_true(wasm_ref_same(w.of.ref, v.of.ref));
  wasm_foreign_delete(g);
  wasm_val_delete(&w);
  assert_int_equal(finalized, 2);

  /* what is left when the store goes is destroyed with it, finalizers run once */
  wasm_foreign_t *h = wasm_foreign_new(store);
  wasm_foreign_set_host_info_with_finalizer(h, (void *)9, count_finalizer);
  wasm_store_delete(store);
  assert_int_equal(finalized, 3);
  assert_ptr_equal(finalized_with, (void *)9);
  wasm_engine_delete(engine);
}

/* ---- traps ---------------------------------------------------------------------------------- */

static void test_trap_new(void **state)
{
  (void)state;
  wasm_engine_t *engine = wasm_engine_new();
  wasm_store_t *store = wasm_store_new(engine);
  wasm_message_t m, out;
  wasm_name_new_from_string_nt(&m, "boom");
  wasm_trap_t *t = wasm_trap_new(store, &m);
  wasm_trap_message(t, &out);
  /* the message keeps its NUL, as given */
  assert_int_equal(out.size, 5);
  assert_string_equal(out.data, "boom");
  wasm_name_delete(&out);
  assert_null(wasm_trap_origin(t));
  wasm_frame_vec_t trace;
  wasm_trap_trace(t, &trace);
  assert_int_equal(trace.size, 0);
  wasm_frame_vec_delete(&trace);
  wasm_trap_delete(t);
  wasm_name_delete(&m);
  /* one given without its NUL gets one */
  wasm_name_new_from_string(&m, "bang");
  t = wasm_trap_new(store, &m);
  wasm_trap_message(t, &out);
  assert_int_equal(out.size, 5);
  assert_int_equal(out.data[4], 0);
  wasm_name_delete(&out);
  wasm_name_delete(&m);
  wasm_trap_delete(t);
  wasm_store_delete(store);
  wasm_engine_delete(engine);
}

/* ---- bad input: NULL or false, never a crash ---------------------------------------------- */

static void test_bad_input(void **state)
{
  (void)state;
  wasm_engine_t *engine = wasm_engine_new();
  wasm_store_t *store = wasm_store_new(engine);
  wasm_byte_vec_t junk;
  wasm_byte_vec_new(&junk, 8, "\0asm\2\0\0\0");
  assert_null(wasm_module_new(store, &junk));
  assert_false(wasm_module_validate(store, &junk));
  assert_null(wasm_module_new(store, NULL));
  assert_null(wasm_module_new(NULL, &junk));
  assert_null(wasm_module_deserialize(store, &junk));
  wasm_byte_vec_delete(&junk);
  assert_null(wasm_func_new(store, NULL, NULL));
  assert_null(wasm_global_new(store, NULL, NULL));
  assert_null(wasm_memory_new(store, NULL));
  assert_null(wasm_table_new(store, NULL, NULL));
  assert_null(wasm_func_call(NULL, NULL, NULL));
  assert_false(wasm_memory_grow(NULL, 1));
  assert_false(wasm_table_set(NULL, 0, NULL));
  assert_null(wasm_table_get(NULL, 0));
  assert_null(wasm_instance_new(store, NULL, NULL, NULL));
  wasm_extern_vec_t ex;
  wasm_instance_exports(NULL, &ex);
  assert_int_equal(ex.size, 0);
  assert_null(wasm_extern_as_func(NULL));
  assert_null(wasm_extern_type(NULL));
  wasm_val_t v;
  wasm_global_get(NULL, &v);
  assert_null(v.of.ref);
  wasm_store_delete(store);
  wasm_engine_delete(engine);
}

/* ---- wasm code through the API ------------------------------------------------------------- */

static int env_finalized;
static void env_finalizer(void *env) { env_finalized += *(int *)env; }

static int cb_calls;
static wasm_trap_t *cb_add(void *env, const wasm_val_vec_t *args, wasm_val_vec_t *results)
{
  cb_calls++;
  results->data[0].kind = WASM_I32;
  results->data[0].of.i32 = args->data[0].of.i32 + *(int *)env;
  return NULL;
}

static wasm_store_t *cb_store;
static char long_msg[600];
static wasm_trap_t *cb_trap(void *env, const wasm_val_vec_t *args, wasm_val_vec_t *results)
{
  (void)env;
  (void)args;
  (void)results;
  wasm_message_t m;
  wasm_name_new_from_string_nt(&m, long_msg);
  wasm_trap_t *t = wasm_trap_new(cb_store, &m);
  wasm_name_delete(&m);
  return t;
}

static wasm_trap_t *cb_ref(const wasm_val_vec_t *args, wasm_val_vec_t *results)
{
  wasm_val_copy(&results->data[0], &args->data[0]);
  return NULL;
}

static wasm_func_t *export_func(const wasm_extern_vec_t *ex, size_t i)
{
  assert_true(i < ex->size);
  wasm_func_t *f = wasm_extern_as_func(ex->data[i]);
  assert_non_null(f);
  return f;
}

/* exports in capi.wat's order */
enum { X_MEM, X_G, X_R, X_TAB, X_ADD, X_CALL_CB, X_PASS_REF, X_DIV, X_SWAP, X_LOAD, X_COUNT };

static wasm_instance_t *instantiate(wasm_store_t *store, wasm_module_t *module, wasm_func_t *cb, wasm_func_t *ref)
{
  wasm_extern_t *imps[] = {wasm_func_as_extern(cb), wasm_func_as_extern(ref)};
  wasm_extern_vec_t iv = WASM_ARRAY_VEC(imps);
  wasm_trap_t *trap = NULL;
  wasm_instance_t *inst = wasm_instance_new(store, module, &iv, &trap);
  assert_null(trap);
  assert_non_null(inst);
  return inst;
}

static void test_module_reflection(void **state)
{
  (void)state;
  wasm_engine_t *engine = wasm_engine_new();
  wasm_store_t *store = wasm_store_new(engine);
  wasm_byte_vec_t bin = read_wasm();
  assert_true(wasm_module_validate(store, &bin));
  wasm_module_t *module = wasm_module_new(store, &bin);
  assert_non_null(module);
  wasm_importtype_vec_t imps;
  wasm_module_imports(module, &imps);
  assert_int_equal(imps.size, 2);
  assert_int_equal(wasm_importtype_module(imps.data[0])->size, 4);
  assert_memory_equal(wasm_importtype_name(imps.data[1])->data, "ref", 3);
  const wasm_functype_t *ft = wasm_externtype_as_functype_const(wasm_importtype_type(imps.data[1]));
  assert_non_null(ft);
  assert_int_equal(wasm_valtype_kind(wasm_functype_params(ft)->data[0]), WASM_EXTERNREF);
  wasm_importtype_vec_delete(&imps);
  wasm_exporttype_vec_t exps;
  wasm_module_exports(module, &exps);
  assert_int_equal(exps.size, X_COUNT);
  const wasm_limits_t *ml = wasm_memorytype_limits(wasm_externtype_as_memorytype_const(wasm_exporttype_type(exps.data[X_MEM])));
  assert_int_equal(ml->min, 1);
  assert_int_equal(ml->max, 4);
  const wasm_globaltype_t *gt = wasm_externtype_as_globaltype_const(wasm_exporttype_type(exps.data[X_G]));
  assert_int_equal(wasm_globaltype_mutability(gt), WASM_VAR);
  const wasm_tabletype_t *tt = wasm_externtype_as_tabletype_const(wasm_exporttype_type(exps.data[X_TAB]));
  assert_int_equal(wasm_tabletype_limits(tt)->max, 10);
  const wasm_functype_t *swap = wasm_externtype_as_functype_const(wasm_exporttype_type(exps.data[X_SWAP]));
  assert_int_equal(wasm_valtype_kind(wasm_functype_results(swap)->data[0]), WASM_I64);
  wasm_exporttype_vec_delete(&exps);
  /* a shared module is obtained as a module of its own with the same exports */
  wasm_shared_module_t *sh = wasm_module_share(module);
  wasm_module_t *again = wasm_module_obtain(store, sh);
  assert_non_null(again);
  assert_false(wasm_module_same(again, module));
  wasm_module_exports(again, &exps);
  assert_int_equal(exps.size, X_COUNT);
  wasm_exporttype_vec_delete(&exps);
  wasm_shared_module_delete(sh);
  wasm_module_delete(again);
  wasm_module_delete(module);
  wasm_byte_vec_delete(&bin);
  wasm_store_delete(store);
  wasm_engine_delete(engine);
}

static void test_calls_and_externs(void **state)
{
  (void)state;
  wasm_engine_t *engine = wasm_engine_new();
  wasm_store_t *store = cb_store = wasm_store_new(engine);
  wasm_byte_vec_t bin = read_wasm();
  wasm_module_t *module = wasm_module_new(store, &bin);
  wasm_byte_vec_delete(&bin);
  static int ten = 10;
  wasm_functype_t *ii = wasm_functype_new_1_1(wasm_valtype_new_i32(), wasm_valtype_new_i32());
  wasm_functype_t *rr = wasm_functype_new_1_1(wasm_valtype_new_externref(), wasm_valtype_new_externref());
  env_finalized = 0;
  wasm_func_t *cb = wasm_func_new_with_env(store, ii, cb_add, &ten, env_finalizer);
  wasm_func_t *ref = wasm_func_new(store, rr, cb_ref);
  wasm_instance_t *inst = instantiate(store, module, cb, ref);
  wasm_func_delete(cb); /* the instance imports it: it lives on */
  wasm_module_delete(module);
  wasm_extern_vec_t ex;
  wasm_instance_exports(inst, &ex);
  assert_int_equal(ex.size, X_COUNT);
  assert_int_equal(wasm_extern_kind(ex.data[X_MEM]), WASM_EXTERN_MEMORY);
  assert_int_equal(wasm_extern_kind(ex.data[X_TAB]), WASM_EXTERN_TABLE);
  assert_int_equal(wasm_extern_kind(ex.data[X_G]), WASM_EXTERN_GLOBAL);

  /* a host function with env */
  wasm_val_t a1[1] = {WASM_I32_VAL(5)}, r1[1] = {WASM_INIT_VAL};
  wasm_val_vec_t av = WASM_ARRAY_VEC(a1), rv = WASM_ARRAY_VEC(r1);
  cb_calls = 0;
  assert_null(wasm_func_call(export_func(&ex, X_CALL_CB), &av, &rv));
  assert_int_equal(cb_calls, 1);
  assert_int_equal(r1[0].kind, WASM_I32);
  assert_int_equal(r1[0].of.i32, 15);

  /* multi-value */
  wasm_val_t a2[2] = {WASM_I32_VAL(3), WASM_I64_VAL(-4)}, r2[2] = {WASM_INIT_VAL, WASM_INIT_VAL};
  wasm_val_vec_t av2 = WASM_ARRAY_VEC(a2), rv2 = WASM_ARRAY_VEC(r2);
  assert_null(wasm_func_call(export_func(&ex, X_SWAP), &av2, &rv2));
  assert_int_equal(r2[0].kind, WASM_I64);
  assert_int_equal(r2[0].of.i64, -4);
  assert_int_equal(r2[1].of.i32, 3);

  /* wrong argument kinds and counts are traps that say so, not crashes */
  wasm_val_t bad[2] = {WASM_I64_VAL(3), WASM_I64_VAL(4)};
  wasm_val_vec_t badv = WASM_ARRAY_VEC(bad);
  wasm_trap_t *t = wasm_func_call(export_func(&ex, X_SWAP), &badv, &rv2);
  assert_non_null(t);
  wasm_message_t msg;
  wasm_trap_message(t, &msg);
  assert_non_null(strstr(msg.data, "argument 0"));
  wasm_name_delete(&msg);
  wasm_trap_delete(t);
  t = wasm_func_call(export_func(&ex, X_SWAP), &av, &rv2);
  assert_non_null(t);
  wasm_trap_delete(t);

  /* a wasm trap */
  wasm_val_t a3[2] = {WASM_I32_VAL(1), WASM_I32_VAL(0)};
  wasm_val_vec_t av3 = WASM_ARRAY_VEC(a3);
  t = wasm_func_call(export_func(&ex, X_DIV), &av3, &rv);
  assert_non_null(t);
  wasm_trap_message(t, &msg);
  assert_int_equal(msg.data[msg.size - 1], 0);
  assert_non_null(strstr(msg.data, "divide by zero"));
  wasm_name_delete(&msg);
  /* its origin: div (function 5, after 2 imports and 3 functions), at the i32.div_s 5 bytes into
   * its body (a locals count byte, two local.get of 2 bytes), in this instance */
  wasm_frame_t *fr = wasm_trap_origin(t);
  assert_non_null(fr);
  assert_int_equal(wasm_frame_func_index(fr), 5);
  assert_int_equal(wasm_frame_func_offset(fr), 5);
  assert_true(wasm_frame_module_offset(fr) > 5 && wasm_frame_module_offset(fr) != SIZE_MAX);
  assert_true(wasm_instance_same(wasm_frame_instance(fr), inst));
  wasm_frame_t *fr2 = wasm_frame_copy(fr);
  assert_int_equal(wasm_frame_module_offset(fr2), wasm_frame_module_offset(fr));
  wasm_frame_delete(fr2);
  wasm_frame_delete(fr);
  wasm_frame_vec_t trace;
  wasm_trap_trace(t, &trace);
  assert_int_equal(trace.size, 1);
  assert_int_equal(wasm_frame_func_index(trace.data[0]), 5);
  wasm_frame_vec_delete(&trace);
  wasm_trap_delete(t);
  /* a call that traps needs no room for results: the trap comes back, not a complaint */
  wasm_val_vec_t none = WASM_EMPTY_VEC;
  t = wasm_func_call(export_func(&ex, X_DIV), &av3, &none);
  assert_non_null(t);
  wasm_trap_message(t, &msg);
  assert_non_null(strstr(msg.data, "divide by zero"));
  wasm_name_delete(&msg);
  wasm_trap_delete(t);
  /* one that returns does */
  wasm_val_t a6[2] = {WASM_I32_VAL(6), WASM_I32_VAL(3)};
  wasm_val_vec_t av6 = WASM_ARRAY_VEC(a6);
  t = wasm_func_call(export_func(&ex, X_DIV), &av6, &none);
  assert_non_null(t);
  wasm_trap_message(t, &msg);
  assert_non_null(strstr(msg.data, "results vector too small"));
  wasm_name_delete(&msg);
  wasm_trap_delete(t);

  /* globals: two handles of the one exported global share host info and value */
  wasm_extern_vec_t ex2;
  wasm_instance_exports(inst, &ex2);
  wasm_global_t *g1 = wasm_extern_as_global(ex.data[X_G]), *g2 = wasm_extern_as_global(ex2.data[X_G]);
  assert_ptr_not_equal(g1, g2);
  assert_true(wasm_global_same(g1, g2));
  wasm_global_set_host_info(g1, (void *)0x77);
  wasm_extern_vec_delete(&ex2);
  wasm_instance_exports(inst, &ex2);
  assert_ptr_equal(wasm_global_get_host_info(wasm_extern_as_global(ex2.data[X_G])), (void *)0x77);
  wasm_extern_vec_delete(&ex2);
  wasm_val_t gv;
  wasm_global_get(g1, &gv);
  assert_int_equal(gv.of.i32, 7);
  wasm_val_t nine = WASM_I32_VAL(9), wrong = WASM_I64_VAL(1);
  wasm_global_set(g1, &nine);
  wasm_global_set(g1, &wrong); /* ignored: another type */
  wasm_global_get(g1, &gv);
  assert_int_equal(gv.of.i32, 9);

  /* externrefs through a global and a function keep their identity and host info */
  wasm_foreign_t *fo = wasm_foreign_new(store);
  wasm_foreign_set_host_info(fo, (void *)0x99);
  wasm_val_t rval = WASM_REF_VAL(wasm_foreign_as_ref(fo));
  wasm_global_set(wasm_extern_as_global(ex.data[X_R]), &rval);
  wasm_foreign_delete(fo); /* wasm holds it now */
  wasm_global_get(wasm_extern_as_global(ex.data[X_R]), &gv);
  assert_int_equal(gv.kind, WASM_EXTERNREF);
  assert_ptr_equal(wasm_ref_get_host_info(gv.of.ref), (void *)0x99);
  wasm_val_t ra[1], rr1[1] = {WASM_INIT_VAL};
  wasm_val_copy(&ra[0], &gv);
  wasm_val_vec_t rav = WASM_ARRAY_VEC(ra), rrv = WASM_ARRAY_VEC(rr1);
  assert_null(wasm_func_call(export_func(&ex, X_PASS_REF), &rav, &rrv));
  assert_true(wasm_ref_same(rr1[0].of.ref, gv.of.ref));
  wasm_val_delete(&ra[0]);
  wasm_val_delete(&rr1[0]);
  wasm_val_delete(&gv);

  /* tables: a funcref read back is the same function, and callable */
  wasm_table_t *tab = wasm_extern_as_table(ex.data[X_TAB]);
  assert_int_equal(wasm_table_size(tab), 2);
  wasm_ref_t *f0 = wasm_table_get(tab, 0);
  assert_non_null(f0);
  assert_true(wasm_ref_same(f0, wasm_func_as_ref(export_func(&ex, X_ADD))));
  assert_null(wasm_table_get(tab, 1));
  assert_null(wasm_table_get(tab, 99));
  assert_true(wasm_table_set(tab, 1, f0));
  assert_false(wasm_table_set(tab, 2, f0));
  wasm_foreign_t *not_func = wasm_foreign_new(store);
  assert_false(wasm_table_set(tab, 1, wasm_foreign_as_ref(not_func)));
  wasm_foreign_delete(not_func);
  assert_true(wasm_table_grow(tab, 3, f0));
  assert_int_equal(wasm_table_size(tab), 5);
  assert_false(wasm_table_grow(tab, 100, NULL));
  wasm_ref_t *f4 = wasm_table_get(tab, 4);
  wasm_val_t a4[2] = {WASM_I32_VAL(2), WASM_I32_VAL(40)};
  wasm_val_vec_t av4 = WASM_ARRAY_VEC(a4);
  assert_null(wasm_func_call(wasm_ref_as_func(f4), &av4, &rv));
  assert_int_equal(r1[0].of.i32, 42);
  wasm_ref_delete(f4);
  wasm_ref_delete(f0);

  /* memories */
  wasm_memory_t *mem = wasm_extern_as_memory(ex.data[X_MEM]);
  assert_int_equal(wasm_memory_size(mem), 1);
  assert_int_equal(wasm_memory_data_size(mem), 65536);
  wasm_memory_data(mem)[100] = 123;
  wasm_val_t a5[1] = {WASM_I32_VAL(100)};
  wasm_val_vec_t av5 = WASM_ARRAY_VEC(a5);
  assert_null(wasm_func_call(export_func(&ex, X_LOAD), &av5, &rv));
  assert_int_equal(r1[0].of.i32, 123);
  assert_true(wasm_memory_grow(mem, 3));
  assert_int_equal(wasm_memory_size(mem), 4);
  assert_false(wasm_memory_grow(mem, 1));
  assert_int_equal(wasm_memory_data_size(mem), 4 * 65536);

  wasm_extern_vec_delete(&ex);
  wasm_instance_delete(inst);
  wasm_func_delete(ref);
  wasm_functype_delete(ii);
  wasm_functype_delete(rr);
  assert_int_equal(env_finalized, 0);
  wasm_store_delete(store);
  /* the host function's env finalizer ran exactly once, with the store */
  assert_int_equal(env_finalized, 10);
  wasm_engine_delete(engine);
}

/* A host callback's trap comes back from the call whole, past the engine's message length. */
static void test_host_trap(void **state)
{
  (void)state;
  wasm_engine_t *engine = wasm_engine_new();
  wasm_store_t *store = cb_store = wasm_store_new(engine);
  memset(long_msg, 'x', sizeof long_msg - 1);
  memcpy(long_msg, "host says no", 12);
  wasm_byte_vec_t bin = read_wasm();
  wasm_module_t *module = wasm_module_new(store, &bin);
  wasm_byte_vec_delete(&bin);
  wasm_functype_t *ii = wasm_functype_new_1_1(wasm_valtype_new_i32(), wasm_valtype_new_i32());
  wasm_functype_t *rr = wasm_functype_new_1_1(wasm_valtype_new_externref(), wasm_valtype_new_externref());
  wasm_func_t *cb = wasm_func_new_with_env(store, ii, cb_trap, NULL, NULL);
  wasm_func_t *ref = wasm_func_new(store, rr, cb_ref);
  wasm_instance_t *inst = instantiate(store, module, cb, ref);
  wasm_extern_vec_t ex;
  wasm_instance_exports(inst, &ex);
  wasm_val_t a1[1] = {WASM_I32_VAL(5)}, r1[1] = {WASM_INIT_VAL};
  wasm_val_vec_t av = WASM_ARRAY_VEC(a1), rv = WASM_ARRAY_VEC(r1);
  wasm_trap_t *t = wasm_func_call(export_func(&ex, X_CALL_CB), &av, &rv);
  assert_non_null(t);
  wasm_message_t msg;
  wasm_trap_message(t, &msg);
  assert_int_equal(msg.size, sizeof long_msg);
  assert_string_equal(msg.data, long_msg);
  wasm_name_delete(&msg);
  wasm_trap_delete(t);
  /* the same host function called directly traps the same way */
  t = wasm_func_call(cb, &av, &rv);
  assert_non_null(t);
  wasm_trap_message(t, &msg);
  assert_string_equal(msg.data, long_msg);
  wasm_name_delete(&msg);
  wasm_trap_delete(t);
  /* a missing import is refused with a trap that says why */
  wasm_extern_t *one[] = {wasm_func_as_extern(cb)};
  wasm_extern_vec_t iv = WASM_ARRAY_VEC(one);
  wasm_trap_t *it = NULL;
  assert_null(wasm_instance_new(store, module, &iv, &it));
  assert_non_null(it);
  wasm_trap_delete(it);
  /* and an import of the wrong type */
  wasm_extern_t *swapped[] = {wasm_func_as_extern(ref), wasm_func_as_extern(cb)};
  wasm_extern_vec_t sv = WASM_ARRAY_VEC(swapped);
  it = NULL;
  assert_null(wasm_instance_new(store, module, &sv, &it));
  assert_non_null(it);
  wasm_trap_delete(it);
  wasm_extern_vec_delete(&ex);
  wasm_instance_delete(inst);
  wasm_module_delete(module);
  wasm_func_delete(cb);
  wasm_func_delete(ref);
  wasm_functype_delete(ii);
  wasm_functype_delete(rr);
  wasm_store_delete(store);
  wasm_engine_delete(engine);
}

int main(int argc, char **argv)
{
  if (argc < 2) {
    fprintf(stderr, "usage: test_capi CAPI-TEST.wasm\n");
    return 2;
  }
  wasm_path = argv[1];
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_map),
    cmocka_unit_test(test_vectors_and_types),
    cmocka_unit_test(test_foreign_host_info),
    cmocka_unit_test(test_trap_new),
    cmocka_unit_test(test_bad_input),
    cmocka_unit_test(test_module_reflection),
    cmocka_unit_test(test_calls_and_externs),
    cmocka_unit_test(test_host_trap),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
