/* embed_wasm.c: the wasm.h example of docs/embedding.md: load fac.wasm, call fac(20), clean up. */
#include <stdio.h>
#include <wasm.h>

int main(int argc, char **argv) {
  if (argc != 2) return 2;
  FILE *f = fopen(argv[1], "rb");
  if (!f) return 1;
  wasm_byte_vec_t bytes;
  fseek(f, 0, SEEK_END);
  wasm_byte_vec_new_uninitialized(&bytes, (size_t)ftell(f));
  rewind(f);
  size_t got = fread(bytes.data, 1, bytes.size, f);
  fclose(f);
  wasm_engine_t *engine = wasm_engine_new();
  wasm_store_t *store = wasm_store_new(engine);
  wasm_module_t *module = got == bytes.size ? wasm_module_new(store, &bytes) : NULL;
  wasm_byte_vec_delete(&bytes);
  if (!module) return 1;
  wasm_extern_vec_t imports = WASM_EMPTY_VEC, exports;
  wasm_instance_t *instance = wasm_instance_new(store, module, &imports, NULL);
  if (!instance) return 1;
  wasm_instance_exports(instance, &exports);
  wasm_val_t args[1] = {WASM_I64_VAL(20)}, results[1] = {WASM_INIT_VAL};
  wasm_val_vec_t av = WASM_ARRAY_VEC(args), rv = WASM_ARRAY_VEC(results);
  wasm_trap_t *trap = wasm_func_call(wasm_extern_as_func(exports.data[0]), &av, &rv);
  if (trap) return wasm_trap_delete(trap), 1;
  printf("fac(20) = %lld\n", (long long)results[0].of.i64);
  wasm_extern_vec_delete(&exports);
  wasm_instance_delete(instance);
  wasm_module_delete(module);
  wasm_store_delete(store);
  wasm_engine_delete(engine);
  return 0;
}
