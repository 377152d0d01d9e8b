/* multi.c: several parameters and results in each direction: a host function of four parameters and four results called from wasm, and wasm functions with two results called from the host. */
#include "host.h"

static int calls;

static wasm_trap_t *reverse(const wasm_val_vec_t *args, wasm_val_vec_t *results) {
  CHECK(args->size == 4 && results->size == 4, "%zu args, %zu results", args->size, results->size);
  CHECK(args->data[0].kind == WASM_I32 && args->data[1].kind == WASM_I64 && args->data[2].kind == WASM_F32 &&
            args->data[3].kind == WASM_F64,
        "argument kinds");
  printf("reverse(%d, %lld, %g, %g)\n", args->data[0].of.i32, (long long)args->data[1].of.i64,
         (double)args->data[2].of.f32, args->data[3].of.f64);
  calls++;
  for (int i = 0; i < 4; i++)
    results->data[i] = args->data[3 - i];
  return NULL;
}

int main(int argc, char **argv) {
  CHECK(argc == 2, "usage: multi multi.wasm");
  wasm_engine_t *engine = wasm_engine_new();
  wasm_store_t *store = wasm_store_new(engine);
  wasm_module_t *m = host_load(store, argv[1]);

  wasm_valtype_t *ps[4] = {wasm_valtype_new_i32(), wasm_valtype_new_i64(), wasm_valtype_new_f32(),
                           wasm_valtype_new_f64()};
  wasm_valtype_t *rs[4] = {wasm_valtype_new_f64(), wasm_valtype_new_f32(), wasm_valtype_new_i64(),
                           wasm_valtype_new_i32()};
  wasm_valtype_vec_t pv, rv;
  wasm_valtype_vec_new(&pv, 4, ps);
  wasm_valtype_vec_new(&rv, 4, rs);
  wasm_functype_t *ft = wasm_functype_new(&pv, &rv);
  wasm_func_t *rev = wasm_func_new(store, ft, reverse);
  CHECK_EQ_I(wasm_func_param_arity(rev), 4);
  CHECK_EQ_I(wasm_func_result_arity(rev), 4);
  wasm_functype_t *back = wasm_func_type(rev);
  CHECK_EQ_I(wasm_valtype_kind(wasm_functype_results(back)->data[0]), WASM_F64);
  CHECK_EQ_I(wasm_valtype_kind(wasm_functype_params(back)->data[1]), WASM_I64);
  wasm_functype_delete(back);
  wasm_functype_delete(ft);

  wasm_extern_t *imports[] = {wasm_func_as_extern(rev)};
  wasm_extern_vec_t import_vec = WASM_ARRAY_VEC(imports);
  wasm_instance_t *instance = wasm_instance_new(store, m, &import_vec, NULL);
  CHECK(instance != NULL, "instantiation failed");
  wasm_extern_vec_t exports;
  wasm_instance_exports(instance, &exports);

  wasm_val_t args[4] = {WASM_I32_VAL(-1), WASM_I64_VAL(0x100000000LL), WASM_F32_VAL(1.5f), WASM_F64_VAL(-2.75)};
  wasm_val_t r[4] = {WASM_INIT_VAL, WASM_INIT_VAL, WASM_INIT_VAL, WASM_INIT_VAL};
  host_call(host_export_func(m, &exports, "roundtrip"), args, 4, r, 4);
  CHECK(r[0].kind == WASM_F64 && r[0].of.f64 == -2.75, "result 0");
  CHECK(r[1].kind == WASM_F32 && r[1].of.f32 == 1.5f, "result 1");
  CHECK(r[2].kind == WASM_I64 && r[2].of.i64 == 0x100000000LL, "result 2");
  CHECK(r[3].kind == WASM_I32 && r[3].of.i32 == -1, "result 3");
  CHECK_EQ_I(calls, 1);
  printf("roundtrip = %g, %g, %lld, %d\n", r[0].of.f64, (double)r[1].of.f32, (long long)r[2].of.i64, r[3].of.i32);

  /* the host function straight from the host */
  host_call(rev, args, 4, r, 4);
  CHECK(r[0].of.f64 == -2.75 && r[3].of.i32 == -1, "direct call");
  CHECK_EQ_I(calls, 2);

  wasm_val_t dargs[2] = {WASM_I32_VAL(47), WASM_I32_VAL(5)};
  host_call(host_export_func(m, &exports, "divmod"), dargs, 2, r, 2);
  CHECK(r[0].of.i32 == 9 && r[1].of.i32 == 2, "divmod: %d %d", r[0].of.i32, r[1].of.i32);
  printf("divmod(47, 5) = %d, %d\n", r[0].of.i32, r[1].of.i32);

  wasm_val_t sargs[2] = {WASM_I64_VAL(INT64_MIN), WASM_I64_VAL(3)};
  host_call(host_export_func(m, &exports, "swap"), sargs, 2, r, 2);
  CHECK(r[0].of.i64 == 3 && r[1].of.i64 == INT64_MIN, "swap");
  printf("swap(INT64_MIN, 3) = %lld, %lld\n", (long long)r[0].of.i64, (long long)r[1].of.i64);

  wasm_extern_vec_delete(&exports);
  wasm_instance_delete(instance);
  wasm_func_delete(rev);
  wasm_module_delete(m);
  wasm_store_delete(store);
  wasm_engine_delete(engine);
  printf("done\n");
  return 0;
}
