/* global.c: globals of every numeric type, immutable and mutable, made by the host and imported, or defined and exported by wasm; each side sees the other's writes, and a set of an immutable global changes nothing. */
#include "host.h"

static const char *kind_name(wasm_valkind_t k) {
  switch (k) {
  case WASM_I32: return "i32";
  case WASM_I64: return "i64";
  case WASM_F32: return "f32";
  case WASM_F64: return "f64";
  default: return "ref";
  }
}

static const char *show(const wasm_val_t *v, char *buf, size_t size) {
  switch (v->kind) {
  case WASM_I32: snprintf(buf, size, "%d", v->of.i32); break;
  case WASM_I64: snprintf(buf, size, "%lld", (long long)v->of.i64); break;
  case WASM_F32: snprintf(buf, size, "%g", (double)v->of.f32); break;
  case WASM_F64: snprintf(buf, size, "%g", v->of.f64); break;
  default: snprintf(buf, size, "?"); break;
  }
  return buf;
}

static int same_val(const wasm_val_t *a, const wasm_val_t *b) {
  if (a->kind != b->kind)
    return 0;
  switch (a->kind) {
  case WASM_I32: return a->of.i32 == b->of.i32;
  case WASM_I64: return a->of.i64 == b->of.i64;
  case WASM_F32: return a->of.f32 == b->of.f32;
  case WASM_F64: return a->of.f64 == b->of.f64;
  default: return 0;
  }
}

static wasm_global_t *make(wasm_store_t *store, wasm_mutability_t mut, wasm_val_t v) {
  wasm_globaltype_t *t = wasm_globaltype_new(wasm_valtype_new(v.kind), mut);
  wasm_global_t *g = wasm_global_new(store, t, &v);
  wasm_globaltype_delete(t);
  CHECK(g != NULL, "wasm_global_new");
  /* the type given back is the one made */
  wasm_globaltype_t *back = wasm_global_type(g);
  CHECK_EQ_I(wasm_valtype_kind(wasm_globaltype_content(back)), v.kind);
  CHECK_EQ_I(wasm_globaltype_mutability(back), mut);
  wasm_globaltype_delete(back);
  return g;
}

static void expect_global(const char *what, const wasm_global_t *g, wasm_val_t want) {
  char b1[64], b2[64];
  wasm_val_t got;
  wasm_global_get(g, &got);
  CHECK(same_val(&got, &want), "%s: got %s %s, want %s %s", what, kind_name(got.kind), show(&got, b1, 64),
        kind_name(want.kind), show(&want, b2, 64));
  printf("%s = %s %s\n", what, kind_name(got.kind), show(&got, b1, 64));
}

static const wasm_module_t *module;
static wasm_extern_vec_t exports;

/* A getter export's result must be want. */
static void expect_getter(const char *getter, wasm_val_t want) {
  char b1[64], b2[64];
  wasm_val_t r[1] = {WASM_INIT_VAL};
  host_call(host_export_func(module, &exports, getter), NULL, 0, r, 1);
  CHECK(same_val(&r[0], &want), "%s(): got %s %s, want %s", getter, kind_name(r[0].kind), show(&r[0], b1, 64),
        show(&want, b2, 64));
  printf("%s() = %s %s\n", getter, kind_name(r[0].kind), show(&r[0], b1, 64));
}

static void call_setter(const char *setter, wasm_val_t v) {
  host_call(host_export_func(module, &exports, setter), &v, 1, NULL, 0);
}

static wasm_global_t *export_global(const char *name) {
  wasm_global_t *g = wasm_extern_as_global(host_export(module, &exports, name));
  CHECK(g != NULL, "export %s is not a global", name);
  return g;
}

int main(int argc, char **argv) {
  CHECK(argc == 2, "usage: global global.wasm");
  wasm_engine_t *engine = wasm_engine_new();
  wasm_store_t *store = wasm_store_new(engine);
  wasm_module_t *m = host_load(store, argv[1]);
  module = m;

  wasm_global_t *host[8] = {
      make(store, WASM_CONST, (wasm_val_t)WASM_I32_VAL(1)), make(store, WASM_CONST, (wasm_val_t)WASM_I64_VAL(2)),
      make(store, WASM_CONST, (wasm_val_t)WASM_F32_VAL(3.5f)), make(store, WASM_CONST, (wasm_val_t)WASM_F64_VAL(4.25)),
      make(store, WASM_VAR, (wasm_val_t)WASM_I32_VAL(5)), make(store, WASM_VAR, (wasm_val_t)WASM_I64_VAL(6)),
      make(store, WASM_VAR, (wasm_val_t)WASM_F32_VAL(7.5f)), make(store, WASM_VAR, (wasm_val_t)WASM_F64_VAL(8.25)),
  };
  wasm_extern_t *imports[8];
  for (int i = 0; i < 8; i++)
    imports[i] = wasm_global_as_extern(host[i]);
  wasm_extern_vec_t import_vec = WASM_ARRAY_VEC(imports);
  wasm_instance_t *instance = wasm_instance_new(store, m, &import_vec, NULL);
  CHECK(instance != NULL, "instantiation failed");
  wasm_instance_exports(instance, &exports);

  printf("-- wasm reads the host's globals\n");
  expect_getter("get_const_i32", (wasm_val_t)WASM_I32_VAL(1));
  expect_getter("get_const_i64", (wasm_val_t)WASM_I64_VAL(2));
  expect_getter("get_const_f32", (wasm_val_t)WASM_F32_VAL(3.5f));
  expect_getter("get_const_f64", (wasm_val_t)WASM_F64_VAL(4.25));
  expect_getter("get_var_i32", (wasm_val_t)WASM_I32_VAL(5));
  expect_getter("get_var_i64", (wasm_val_t)WASM_I64_VAL(6));
  expect_getter("get_var_f32", (wasm_val_t)WASM_F32_VAL(7.5f));
  expect_getter("get_var_f64", (wasm_val_t)WASM_F64_VAL(8.25));

  printf("-- the host sets, wasm reads\n");
  wasm_val_t v;
  v = (wasm_val_t)WASM_I32_VAL(-50); wasm_global_set(host[4], &v);
  v = (wasm_val_t)WASM_I64_VAL(INT64_MAX); wasm_global_set(host[5], &v);
  v = (wasm_val_t)WASM_F32_VAL(-0.5f); wasm_global_set(host[6], &v);
  v = (wasm_val_t)WASM_F64_VAL(1e300); wasm_global_set(host[7], &v);
  expect_getter("get_var_i32", (wasm_val_t)WASM_I32_VAL(-50));
  expect_getter("get_var_i64", (wasm_val_t)WASM_I64_VAL(INT64_MAX));
  expect_getter("get_var_f32", (wasm_val_t)WASM_F32_VAL(-0.5f));
  expect_getter("get_var_f64", (wasm_val_t)WASM_F64_VAL(1e300));

  printf("-- wasm sets, the host reads\n");
  call_setter("set_var_i32", (wasm_val_t)WASM_I32_VAL(123));
  call_setter("set_var_i64", (wasm_val_t)WASM_I64_VAL(-1234567890123LL));
  call_setter("set_var_f32", (wasm_val_t)WASM_F32_VAL(0.25f));
  call_setter("set_var_f64", (wasm_val_t)WASM_F64_VAL(-2.5));
  expect_global("host var_i32", host[4], (wasm_val_t)WASM_I32_VAL(123));
  expect_global("host var_i64", host[5], (wasm_val_t)WASM_I64_VAL(-1234567890123LL));
  expect_global("host var_f32", host[6], (wasm_val_t)WASM_F32_VAL(0.25f));
  expect_global("host var_f64", host[7], (wasm_val_t)WASM_F64_VAL(-2.5));

  printf("-- wasm's own globals, exported\n");
  expect_global("own_const_i32", export_global("own_const_i32"), (wasm_val_t)WASM_I32_VAL(11));
  expect_global("own_const_i64", export_global("own_const_i64"), (wasm_val_t)WASM_I64_VAL(12));
  expect_global("own_const_f32", export_global("own_const_f32"), (wasm_val_t)WASM_F32_VAL(13.5f));
  expect_global("own_const_f64", export_global("own_const_f64"), (wasm_val_t)WASM_F64_VAL(14.25));
  expect_global("own_var_i32", export_global("own_var_i32"), (wasm_val_t)WASM_I32_VAL(21));
  expect_global("own_var_i64", export_global("own_var_i64"), (wasm_val_t)WASM_I64_VAL(22));
  expect_global("own_var_f32", export_global("own_var_f32"), (wasm_val_t)WASM_F32_VAL(23.5f));
  expect_global("own_var_f64", export_global("own_var_f64"), (wasm_val_t)WASM_F64_VAL(24.25));
  const char *names[] = {"own_const_i32", "own_const_f64", "own_var_i32", "own_var_f64"};
  for (int i = 0; i < 4; i++) {
    wasm_globaltype_t *t = wasm_global_type(export_global(names[i]));
    CHECK_EQ_I(wasm_globaltype_mutability(t), i < 2 ? WASM_CONST : WASM_VAR);
    printf("%s is %s\n", names[i], wasm_globaltype_mutability(t) == WASM_VAR ? "var" : "const");
    wasm_globaltype_delete(t);
  }
  v = (wasm_val_t)WASM_I32_VAL(100);
  wasm_global_set(export_global("own_var_i32"), &v);
  v = (wasm_val_t)WASM_F64_VAL(0.125);
  wasm_global_set(export_global("own_var_f64"), &v);
  expect_getter("get_own_var_i32", (wasm_val_t)WASM_I32_VAL(100));
  expect_getter("get_own_var_f64", (wasm_val_t)WASM_F64_VAL(0.125));
  call_setter("set_own_var_i32", (wasm_val_t)WASM_I32_VAL(-7));
  call_setter("set_own_var_i64", (wasm_val_t)WASM_I64_VAL(-8));
  expect_global("own_var_i32", export_global("own_var_i32"), (wasm_val_t)WASM_I32_VAL(-7));
  expect_global("own_var_i64", export_global("own_var_i64"), (wasm_val_t)WASM_I64_VAL(-8));

  printf("-- an imported global re-exported is the host's object\n");
  wasm_global_t *reexported = export_global("var_i32");
  CHECK(wasm_global_same(reexported, host[4]), "export var_i32 is not the imported global");
  v = (wasm_val_t)WASM_I32_VAL(77);
  wasm_global_set(reexported, &v);
  expect_global("host var_i32", host[4], (wasm_val_t)WASM_I32_VAL(77));
  expect_getter("get_var_i32", (wasm_val_t)WASM_I32_VAL(77));

  printf("-- sets of immutable globals and of values of another type change nothing\n");
  v = (wasm_val_t)WASM_I32_VAL(999);
  wasm_global_set(host[0], &v);
  expect_global("host const_i32", host[0], (wasm_val_t)WASM_I32_VAL(1));
  expect_getter("get_const_i32", (wasm_val_t)WASM_I32_VAL(1));
  v = (wasm_val_t)WASM_F64_VAL(999);
  wasm_global_set(host[3], &v);
  expect_global("host const_f64", host[3], (wasm_val_t)WASM_F64_VAL(4.25));
  v = (wasm_val_t)WASM_I32_VAL(999);
  wasm_global_set(export_global("own_const_i32"), &v);
  expect_global("own_const_i32", export_global("own_const_i32"), (wasm_val_t)WASM_I32_VAL(11));
  v = (wasm_val_t)WASM_I64_VAL(999);
  wasm_global_set(host[4], &v); /* var_i32 given an i64 */
  expect_global("host var_i32", host[4], (wasm_val_t)WASM_I32_VAL(77));

  wasm_extern_vec_delete(&exports);
  wasm_instance_delete(instance);
  for (int i = 0; i < 8; i++)
    wasm_global_delete(host[i]);
  wasm_module_delete(m);
  wasm_store_delete(store);
  wasm_engine_delete(engine);
  printf("done\n");
  return 0;
}
