/* serialize.c: a module serialized, deleted, deserialized in another store, instantiated and called; its types and data survive; damaged or foreign bytes are refused with NULL, never a crash. */
#include "host.h"

static int steps;

static wasm_trap_t *step(const wasm_val_vec_t *args, wasm_val_vec_t *results) {
  (void)results;
  CHECK(args->data[0].of.i64 == 20 - steps, "step %d got %lld", steps, (long long)args->data[0].of.i64);
  steps++;
  return NULL;
}

int main(int argc, char **argv) {
  CHECK(argc == 2, "usage: serialize serialize.wasm");
  wasm_engine_t *engine = wasm_engine_new();
  wasm_store_t *store = wasm_store_new(engine);
  wasm_module_t *m = host_load(store, argv[1]);
  wasm_byte_vec_t blob;
  wasm_module_serialize(m, &blob);
  CHECK(blob.size > 0 && blob.data != NULL, "empty serialization");
  printf("serialized\n");
  wasm_module_delete(m);
  wasm_store_delete(store);

  /* back in a new store */
  store = wasm_store_new(engine);
  m = wasm_module_deserialize(store, &blob);
  CHECK(m != NULL, "deserialize refused its own serialization");
  printf("deserialized\n");
  wasm_importtype_vec_t its;
  wasm_module_imports(m, &its);
  CHECK_EQ_I(its.size, 1);
  const wasm_name_t *iname = wasm_importtype_name(its.data[0]);
  CHECK(iname->size == 4 && memcmp(iname->data, "step", 4) == 0, "import name");
  wasm_importtype_vec_delete(&its);
  wasm_exporttype_vec_t ets;
  wasm_module_exports(m, &ets);
  CHECK_EQ_I(ets.size, 2);
  wasm_exporttype_vec_delete(&ets);

  wasm_functype_t *ft = wasm_functype_new_1_0(wasm_valtype_new_i64());
  wasm_func_t *fn = wasm_func_new(store, ft, step);
  wasm_functype_delete(ft);
  wasm_extern_t *imports[] = {wasm_func_as_extern(fn)};
  wasm_extern_vec_t import_vec = WASM_ARRAY_VEC(imports);
  wasm_instance_t *inst = wasm_instance_new(store, m, &import_vec, NULL);
  CHECK(inst != NULL, "instantiation of the deserialized module failed");
  wasm_extern_vec_t exports;
  wasm_instance_exports(inst, &exports);
  wasm_val_t a[1] = {WASM_I64_VAL(20)}, r[1];
  host_call(host_export_func(m, &exports, "fac"), a, 1, r, 1);
  CHECK_EQ_I(r[0].of.i64, 2432902008176640000LL);
  CHECK_EQ_I(steps, 19);
  printf("fac(20) = %lld after %d host calls\n", (long long)r[0].of.i64, steps);
  wasm_memory_t *mem = wasm_extern_as_memory(host_export(m, &exports, "memory"));
  CHECK(mem != NULL && memcmp(wasm_memory_data(mem) + 16, "serialized", 10) == 0, "data segment");
  printf("data segment: %.10s\n", wasm_memory_data(mem) + 16);
  wasm_extern_vec_delete(&exports);
  wasm_instance_delete(inst);
  wasm_func_delete(fn);
  wasm_module_delete(m);

  /* damaged: truncated, a byte flipped in the middle, plain wasm bytes, nothing */
  wasm_byte_vec_t bad;
  wasm_byte_vec_new(&bad, blob.size / 2, blob.data);
  CHECK(wasm_module_deserialize(store, &bad) == NULL, "a truncated artifact was accepted");
  wasm_byte_vec_delete(&bad);
  wasm_byte_vec_copy(&bad, &blob);
  bad.data[bad.size / 2] ^= 0x5a;
  bad.data[bad.size / 2 + 1] ^= 0x5a;
  CHECK(wasm_module_deserialize(store, &bad) == NULL, "a damaged artifact was accepted");
  wasm_byte_vec_delete(&bad);
  host_read_file(argv[1], &bad);
  wasm_module_t *plain = wasm_module_deserialize(store, &bad);
  CHECK(plain == NULL, "plain wasm was taken as an artifact");
  wasm_byte_vec_delete(&bad);
  wasm_byte_vec_new_empty(&bad);
  CHECK(wasm_module_deserialize(store, &bad) == NULL, "no bytes accepted");
  wasm_byte_vec_delete(&bad);
  printf("truncated, damaged, plain wasm and empty bytes refused\n");

  wasm_byte_vec_delete(&blob);
  wasm_store_delete(store);
  wasm_engine_delete(engine);
  printf("done\n");
  return 0;
}
