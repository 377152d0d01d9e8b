/* hello.c: the smallest host: an engine, a store, a module from a file, one host function imported, one export called. */
#include "host.h"

static int calls;

/* hello(n) = n * 10, counted */
static wasm_trap_t *hello(const wasm_val_vec_t *args, wasm_val_vec_t *results) {
  CHECK(args->size == 1 && args->data[0].kind == WASM_I32, "hello's argument");
  CHECK(results->size == 1, "hello's results");
  printf("hello from the host: %d\n", args->data[0].of.i32);
  calls++;
  results->data[0].kind = WASM_I32;
  results->data[0].of.i32 = args->data[0].of.i32 * 10;
  return NULL;
}

int main(int argc, char **argv) {
  CHECK(argc == 2, "usage: hello hello.wasm");
  wasm_engine_t *engine = wasm_engine_new();
  CHECK(engine != NULL, "no engine");
  wasm_store_t *store = wasm_store_new(engine);
  CHECK(store != NULL, "no store");
  wasm_module_t *module = host_load(store, argv[1]);

  wasm_functype_t *type = wasm_functype_new_1_1(wasm_valtype_new_i32(), wasm_valtype_new_i32());
  wasm_func_t *fn = wasm_func_new(store, type, hello);
  wasm_functype_delete(type);
  CHECK(fn != NULL, "wasm_func_new");

  wasm_extern_t *imports[] = {wasm_func_as_extern(fn)};
  wasm_extern_vec_t import_vec = WASM_ARRAY_VEC(imports);
  wasm_trap_t *trap = NULL;
  wasm_instance_t *instance = wasm_instance_new(store, module, &import_vec, &trap);
  CHECK(instance != NULL && trap == NULL, "instantiation failed");

  wasm_extern_vec_t exports;
  wasm_instance_exports(instance, &exports);
  CHECK_EQ_I(exports.size, 1);
  wasm_func_t *run = host_export_func(module, &exports, "run");
  CHECK_EQ_I(wasm_func_param_arity(run), 1);
  CHECK_EQ_I(wasm_func_result_arity(run), 1);

  for (int32_t n = 1; n <= 3; n++) {
    wasm_val_t args[] = {WASM_I32_VAL(n)};
    wasm_val_t results[] = {WASM_INIT_VAL};
    host_call(run, args, 1, results, 1);
    CHECK(results[0].kind == WASM_I32, "run's result kind %d", results[0].kind);
    CHECK_EQ_I(results[0].of.i32, (n + 1) * 10 * 2);
    printf("run(%d) = %d\n", n, results[0].of.i32);
  }
  CHECK_EQ_I(calls, 3);

  wasm_extern_vec_delete(&exports);
  wasm_instance_delete(instance);
  wasm_func_delete(fn);
  wasm_module_delete(module);
  wasm_store_delete(store);
  wasm_engine_delete(engine);
  printf("done\n");
  return 0;
}
