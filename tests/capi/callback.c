/* callback.c: host functions of each numeric type called from wasm with the values intact, one with an environment, and its finalizer run once. */
#include "host.h"

#include <math.h>

static wasm_trap_t *cb_i32(const wasm_val_vec_t *args, wasm_val_vec_t *results) {
  CHECK(args->data[0].kind == WASM_I32, "kind %d", args->data[0].kind);
  results->data[0] = (wasm_val_t)WASM_I32_VAL(args->data[0].of.i32 ^ 0x55);
  return NULL;
}
static wasm_trap_t *cb_i64(const wasm_val_vec_t *args, wasm_val_vec_t *results) {
  CHECK(args->data[0].kind == WASM_I64, "kind %d", args->data[0].kind);
  results->data[0] = (wasm_val_t)WASM_I64_VAL((int64_t)((uint64_t)args->data[0].of.i64 - 1)) /* wraps, as i64.sub */;
  return NULL;
}
static wasm_trap_t *cb_f32(const wasm_val_vec_t *args, wasm_val_vec_t *results) {
  CHECK(args->data[0].kind == WASM_F32, "kind %d", args->data[0].kind);
  results->data[0] = (wasm_val_t)WASM_F32_VAL(args->data[0].of.f32 * 2.0f);
  return NULL;
}
static wasm_trap_t *cb_f64(const wasm_val_vec_t *args, wasm_val_vec_t *results) {
  CHECK(args->data[0].kind == WASM_F64, "kind %d", args->data[0].kind);
  results->data[0] = (wasm_val_t)WASM_F64_VAL(-args->data[0].of.f64);
  return NULL;
}

/* The environment of add: how often it was called and whether it was finalized. */
typedef struct adder {
  int calls;
  int finalized;
} adder;

static wasm_trap_t *cb_add(void *env, const wasm_val_vec_t *args, wasm_val_vec_t *results) {
  adder *a = env;
  a->calls++;
  results->data[0] = (wasm_val_t)WASM_I32_VAL(args->data[0].of.i32 + args->data[1].of.i32);
  return NULL;
}
static void adder_finalize(void *env) { ((adder *)env)->finalized++; }

static wasm_func_t *unary(wasm_store_t *store, wasm_valkind_t k, wasm_func_callback_t cb) {
  wasm_functype_t *t = wasm_functype_new_1_1(wasm_valtype_new(k), wasm_valtype_new(k));
  wasm_func_t *f = wasm_func_new(store, t, cb);
  wasm_functype_delete(t);
  CHECK(f != NULL, "wasm_func_new");
  return f;
}

int main(int argc, char **argv) {
  CHECK(argc == 2, "usage: callback callback.wasm");
  wasm_engine_t *engine = wasm_engine_new();
  wasm_store_t *store = wasm_store_new(engine);
  wasm_module_t *module = host_load(store, argv[1]);

  static adder add_env;
  wasm_functype_t *add_type = wasm_functype_new_2_1(wasm_valtype_new_i32(), wasm_valtype_new_i32(),
                                                    wasm_valtype_new_i32());
  wasm_func_t *add = wasm_func_new_with_env(store, add_type, cb_add, &add_env, adder_finalize);
  wasm_functype_delete(add_type);
  CHECK(add != NULL, "wasm_func_new_with_env");
  CHECK_EQ_I(wasm_func_param_arity(add), 2);
  CHECK_EQ_I(wasm_func_result_arity(add), 1);

  wasm_func_t *hosts[] = {unary(store, WASM_I32, cb_i32), unary(store, WASM_I64, cb_i64),
                          unary(store, WASM_F32, cb_f32), unary(store, WASM_F64, cb_f64), add};
  wasm_extern_t *imports[5];
  for (int i = 0; i < 5; i++)
    imports[i] = wasm_func_as_extern(hosts[i]);
  wasm_extern_vec_t import_vec = WASM_ARRAY_VEC(imports);
  wasm_instance_t *instance = wasm_instance_new(store, module, &import_vec, NULL);
  CHECK(instance != NULL, "instantiation failed");
  wasm_extern_vec_t exports;
  wasm_instance_exports(instance, &exports);

  wasm_val_t r[1];
  wasm_val_t a_i32[] = {WASM_I32_VAL(0x12345678)};
  host_call(host_export_func(module, &exports, "i32"), a_i32, 1, r, 1);
  CHECK(r[0].kind == WASM_I32 && r[0].of.i32 == (0x12345678 ^ 0x55), "i32: %d", r[0].of.i32);
  printf("i32(0x12345678) = 0x%x\n", (unsigned)r[0].of.i32);

  wasm_val_t a_i64[] = {WASM_I64_VAL(INT64_MIN)};
  host_call(host_export_func(module, &exports, "i64"), a_i64, 1, r, 1);
  CHECK(r[0].kind == WASM_I64 && r[0].of.i64 == INT64_MAX, "i64: %lld", (long long)r[0].of.i64);
  printf("i64(INT64_MIN) = %lld\n", (long long)r[0].of.i64);

  wasm_val_t a_f32[] = {WASM_F32_VAL(1.25f)};
  host_call(host_export_func(module, &exports, "f32"), a_f32, 1, r, 1);
  CHECK(r[0].kind == WASM_F32 && r[0].of.f32 == 2.5f, "f32: %g", (double)r[0].of.f32);
  printf("f32(1.25) = %g\n", (double)r[0].of.f32);

  wasm_val_t a_f64[] = {WASM_F64_VAL(INFINITY)};
  host_call(host_export_func(module, &exports, "f64"), a_f64, 1, r, 1);
  CHECK(r[0].kind == WASM_F64 && isinf(r[0].of.f64) && r[0].of.f64 < 0, "f64: %g", r[0].of.f64);
  printf("f64(inf) = %g\n", r[0].of.f64);

  wasm_val_t a_sum[] = {WASM_I32_VAL(100)};
  host_call(host_export_func(module, &exports, "sum"), a_sum, 1, r, 1);
  CHECK_EQ_I(r[0].of.i32, 5050);
  CHECK_EQ_I(add_env.calls, 100);
  printf("sum(100) = %d after %d calls of add\n", r[0].of.i32, add_env.calls);

  /* Calling a host function straight from the host goes through the callback too. */
  wasm_val_t a_add[] = {WASM_I32_VAL(40), WASM_I32_VAL(2)};
  host_call(add, a_add, 2, r, 1);
  CHECK_EQ_I(r[0].of.i32, 42);
  CHECK_EQ_I(add_env.calls, 101);
  printf("add(40, 2) from the host = %d\n", r[0].of.i32);

  wasm_extern_vec_delete(&exports);
  wasm_instance_delete(instance);
  for (int i = 0; i < 5; i++)
    wasm_func_delete(hosts[i]);
  CHECK_EQ_I(add_env.finalized <= 1, 1);
  wasm_module_delete(module);
  wasm_store_delete(store);
  /* Once nothing refers to add (at the latest when its store goes), its finalizer has run once. */
  CHECK_EQ_I(add_env.finalized, 1);
  printf("finalizer of add ran %d time\n", add_env.finalized);
  wasm_engine_delete(engine);
  return 0;
}
