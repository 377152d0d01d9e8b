/* hostref.c: host objects (foreign references with host info) passed to wasm as externrefs through a global, a table and a call, and given back as the same object with its host info; null references too. */
#include "host.h"

static const wasm_module_t *module;
static wasm_extern_vec_t exports;
static int echo_calls;

static wasm_trap_t *echo(const wasm_val_vec_t *args, wasm_val_vec_t *results) {
  echo_calls++;
  CHECK(args->data[0].kind == WASM_EXTERNREF, "kind %d", args->data[0].kind);
  wasm_ref_t *r = args->data[0].of.ref;
  printf("  host echo got %s\n", r ? (const char *)wasm_ref_get_host_info(r) : "null");
  results->data[0].kind = WASM_EXTERNREF;
  results->data[0].of.ref = r ? wasm_ref_copy(r) : NULL; /* results are owned by the callee's caller */
  return NULL;
}

static wasm_val_t ref_val(wasm_ref_t *r) {
  wasm_val_t v = WASM_REF_VAL(r);
  return v;
}

/* Calls name, whose one result is an externref; returns it (owned). */
static wasm_ref_t *call_r(const char *name, wasm_val_t *args, size_t nargs) {
  wasm_val_t r[1] = {WASM_INIT_VAL};
  host_call(host_export_func(module, &exports, name), args, nargs, r, 1);
  CHECK(r[0].kind == WASM_EXTERNREF, "%s: result kind %d", name, r[0].kind);
  return r[0].of.ref;
}

/* got (owned, deleted here) must be the same object as want, with its host info. */
static void expect_ref(const char *what, wasm_ref_t *got, const wasm_ref_t *want) {
  if (want == NULL) {
    CHECK(got == NULL, "%s: not null", what);
    printf("%s: null\n", what);
    return;
  }
  CHECK(got != NULL, "%s: null", what);
  CHECK(wasm_ref_same(got, want), "%s: another object", what);
  CHECK(wasm_ref_get_host_info(got) == wasm_ref_get_host_info(want), "%s: host info lost", what);
  printf("%s: %s\n", what, (const char *)wasm_ref_get_host_info(got));
  wasm_ref_delete(got);
}

int main(int argc, char **argv) {
  CHECK(argc == 2, "usage: hostref hostref.wasm");
  wasm_engine_t *engine = wasm_engine_new();
  wasm_store_t *store = wasm_store_new(engine);
  wasm_module_t *m = host_load(store, argv[1]);
  module = m;
  wasm_functype_t *ft = wasm_functype_new_1_1(wasm_valtype_new_externref(), wasm_valtype_new_externref());
  wasm_func_t *fn = wasm_func_new(store, ft, echo);
  wasm_functype_delete(ft);
  wasm_extern_t *imports[] = {wasm_func_as_extern(fn)};
  wasm_extern_vec_t import_vec = WASM_ARRAY_VEC(imports);
  wasm_instance_t *instance = wasm_instance_new(store, m, &import_vec, NULL);
  CHECK(instance != NULL, "instantiation failed");
  wasm_instance_exports(instance, &exports);
  wasm_global_t *global = wasm_extern_as_global(host_export(m, &exports, "global"));
  wasm_table_t *table = wasm_extern_as_table(host_export(m, &exports, "table"));
  CHECK(global != NULL && table != NULL, "exports");

  wasm_foreign_t *f1 = wasm_foreign_new(store), *f2 = wasm_foreign_new(store);
  CHECK(f1 != NULL && f2 != NULL, "wasm_foreign_new");
  wasm_foreign_set_host_info(f1, "host object one");
  wasm_foreign_set_host_info(f2, "host object two");
  wasm_ref_t *h1 = wasm_foreign_as_ref(f1), *h2 = wasm_foreign_as_ref(f2);
  CHECK(!wasm_ref_same(h1, h2), "two foreigns are the same");
  expect_ref("copy of one", wasm_ref_copy(h1), h1);

  printf("-- a call\n");
  wasm_val_t a[2];
  a[0] = ref_val(h1);
  expect_ref("echo(one)", call_r("echo", a, 1), h1);
  a[0] = ref_val(NULL);
  expect_ref("echo(null)", call_r("echo", a, 1), NULL);
  wasm_val_t r[1];
  a[0] = ref_val(h2);
  host_call(host_export_func(m, &exports, "is_null"), a, 1, r, 1);
  CHECK_EQ_I(r[0].of.i32, 0);
  a[0] = ref_val(NULL);
  host_call(host_export_func(m, &exports, "is_null"), a, 1, r, 1);
  CHECK_EQ_I(r[0].of.i32, 1);
  printf("is_null: two 0, null 1\n");

  printf("-- a global\n");
  expect_ref("global.get() at start", call_r("global.get", NULL, 0), NULL);
  a[0] = ref_val(h1);
  host_call(host_export_func(m, &exports, "global.set"), a, 1, NULL, 0);
  wasm_val_t gv;
  wasm_global_get(global, &gv);
  CHECK(gv.kind == WASM_EXTERNREF, "global kind");
  expect_ref("host get after wasm set one", gv.of.ref, h1);
  gv = ref_val(h2);
  wasm_global_set(global, &gv);
  expect_ref("wasm get after host set two", call_r("global.get", NULL, 0), h2);
  gv = ref_val(NULL);
  wasm_global_set(global, &gv);
  expect_ref("wasm get after host set null", call_r("global.get", NULL, 0), NULL);

  printf("-- a table\n");
  a[0] = (wasm_val_t)WASM_I32_VAL(1);
  a[1] = ref_val(h2);
  host_call(host_export_func(m, &exports, "table.set"), a, 2, NULL, 0);
  expect_ref("host table[1] after wasm set two", wasm_table_get(table, 1), h2);
  CHECK(wasm_table_set(table, 3, h1), "table set 3");
  a[0] = (wasm_val_t)WASM_I32_VAL(3);
  expect_ref("wasm table.get(3) after host set one", call_r("table.get", a, 1), h1);
  a[0] = (wasm_val_t)WASM_I32_VAL(0);
  expect_ref("wasm table.get(0)", call_r("table.get", a, 1), NULL);
  CHECK(wasm_table_grow(table, 2, h2), "table grow");
  CHECK_EQ_I(wasm_table_size(table), 6);
  a[0] = (wasm_val_t)WASM_I32_VAL(5);
  expect_ref("wasm table.get(5) after grow with two", call_r("table.get", a, 1), h2);
  CHECK(wasm_table_set(table, 3, NULL), "table set null");
  expect_ref("host table[3] after host set null", wasm_table_get(table, 3), NULL);

  CHECK_EQ_I(echo_calls, 2);
  wasm_extern_vec_delete(&exports);
  wasm_instance_delete(instance);
  wasm_func_delete(fn);
  /* the references still mean their objects after the instance went */
  CHECK(strcmp(wasm_ref_get_host_info(h1), "host object one") == 0, "host info after the instance");
  wasm_foreign_delete(f1);
  wasm_foreign_delete(f2);
  wasm_module_delete(m);
  wasm_store_delete(store);
  wasm_engine_delete(engine);
  printf("done\n");
  return 0;
}
