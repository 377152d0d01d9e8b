/* memory.c: a memory's data, size and growth from the host and from wasm, each seeing the other's bytes; an out-of-bounds load traps with a message; growth past the maximum fails and changes nothing; a host-made memory. */
#include "host.h"

static const wasm_module_t *module;
static wasm_extern_vec_t exports;

static int32_t call_i(const char *name, int n, int32_t a, int32_t b) {
  wasm_val_t args[2] = {WASM_I32_VAL(a), WASM_I32_VAL(b)};
  wasm_val_t r[1] = {WASM_I32_VAL(0)};
  int nres = strcmp(name, "store") == 0 ? 0 : 1;
  host_call(host_export_func(module, &exports, name), args, (size_t)n, r, (size_t)nres);
  return r[0].of.i32;
}

int main(int argc, char **argv) {
  CHECK(argc == 2, "usage: memory memory.wasm");
  wasm_engine_t *engine = wasm_engine_new();
  wasm_store_t *store = wasm_store_new(engine);
  wasm_module_t *m = host_load(store, argv[1]);
  module = m;
  wasm_extern_vec_t no_imports = WASM_EMPTY_VEC;
  wasm_instance_t *instance = wasm_instance_new(store, m, &no_imports, NULL);
  CHECK(instance != NULL, "instantiation failed");
  wasm_instance_exports(instance, &exports);
  wasm_memory_t *mem = wasm_extern_as_memory(host_export(m, &exports, "memory"));
  CHECK(mem != NULL, "export memory is not a memory");

  wasm_memorytype_t *t = wasm_memory_type(mem);
  const wasm_limits_t *lim = wasm_memorytype_limits(t);
  CHECK(lim->min == 2 && lim->max == 3, "limits %u..%u", lim->min, lim->max);
  printf("memory: %u pages, max %u\n", lim->min, lim->max);
  wasm_memorytype_delete(t);

  CHECK_EQ_I(wasm_memory_size(mem), 2);
  CHECK_EQ_I(wasm_memory_data_size(mem), 2 * 65536);
  CHECK_EQ_I(call_i("size", 0, 0, 0), 2);
  printf("size: %u pages, %zu bytes\n", wasm_memory_size(mem), wasm_memory_data_size(mem));

  byte_t *data = wasm_memory_data(mem);
  CHECK(data[0x1000] == 1 && data[0x1003] == 4 && data[0x0fff] == 0 && data[0x1004] == 0, "data segment");
  printf("data[0x1000..0x1003] = %d %d %d %d\n", data[0x1000], data[0x1001], data[0x1002], data[0x1003]);
  CHECK_EQ_I(call_i("load", 1, 0x1002, 0), 3);
  CHECK_EQ_I(call_i("load", 1, 0x1ffff, 0), 0);
  printf("load(0x1002) = 3, load(0x1ffff) = 0\n");

  /* writes on either side are seen by the other */
  call_i("store", 2, 0x1ffff, 0xab);
  CHECK_EQ_I((unsigned char)data[0x1ffff], 0xab);
  data[0x2345] = 0x5a;
  CHECK_EQ_I(call_i("load", 1, 0x2345, 0), 0x5a);
  printf("store by wasm seen by the host, store by the host seen by wasm\n");

  /* out of bounds: a trap with a message, memory unchanged */
  const int32_t oob[] = {0x20000, -1};
  for (int i = 0; i < 2; i++) {
    wasm_val_t args[1] = {WASM_I32_VAL(oob[i])};
    wasm_val_t r[1] = {WASM_I32_VAL(0)};
    wasm_trap_t *trap = host_call_trap(host_export_func(m, &exports, "load"), args, 1, r, 1);
    char msg[256];
    host_trap_message(trap, msg, sizeof msg);
    CHECK(strstr(msg, "out of bounds memory access") != NULL, "message: %s", msg);
    printf("load(0x%x) traps: out of bounds memory access\n", (unsigned)oob[i]);
    wasm_trap_delete(trap);
  }
  wasm_val_t sargs[2] = {WASM_I32_VAL(0x20000), WASM_I32_VAL(1)};
  wasm_trap_t *trap = host_call_trap(host_export_func(m, &exports, "store"), sargs, 2, NULL, 0);
  wasm_trap_delete(trap);
  printf("store(0x20000) traps\n");

  /* growth: by the host to the maximum, then past it */
  CHECK(wasm_memory_grow(mem, 1), "grow 1 refused");
  CHECK_EQ_I(wasm_memory_size(mem), 3);
  CHECK_EQ_I(wasm_memory_data_size(mem), 3 * 65536);
  CHECK_EQ_I(call_i("size", 0, 0, 0), 3);
  data = wasm_memory_data(mem); /* may have moved */
  CHECK(data[0x1000] == 1 && (unsigned char)data[0x1ffff] == 0xab && data[0x2ffff] == 0, "contents after grow");
  call_i("store", 2, 0x2ffff, 7);
  CHECK_EQ_I(data[0x2ffff], 7);
  printf("grow(1) by the host: 3 pages, old bytes kept, the new page usable\n");
  CHECK(!wasm_memory_grow(mem, 1), "grow past max accepted");
  CHECK_EQ_I(wasm_memory_size(mem), 3);
  CHECK_EQ_I(call_i("grow", 1, 1, 0), -1);
  CHECK_EQ_I(call_i("size", 0, 0, 0), 3);
  printf("grow past max: refused by the host, -1 in wasm, still 3 pages\n");
  CHECK(wasm_memory_grow(mem, 0), "grow 0 refused");
  CHECK_EQ_I(call_i("grow", 1, 0, 0), 3);
  printf("grow(0) = 3\n");

  /* a memory made by the host */
  wasm_limits_t hl = {1, 2};
  wasm_memorytype_t *ht = wasm_memorytype_new(&hl);
  wasm_memory_t *hmem = wasm_memory_new(store, ht);
  wasm_memorytype_delete(ht);
  CHECK(hmem != NULL, "wasm_memory_new");
  CHECK_EQ_I(wasm_memory_size(hmem), 1);
  CHECK_EQ_I(wasm_memory_data_size(hmem), 65536);
  byte_t *hd = wasm_memory_data(hmem);
  for (size_t i = 0; i < 65536; i++)
    CHECK(hd[i] == 0, "byte %zu of a new memory is %d", i, hd[i]);
  hd[65535] = 9;
  CHECK(wasm_memory_grow(hmem, 1), "host memory grow");
  CHECK(!wasm_memory_grow(hmem, 1), "host memory grew past max");
  CHECK_EQ_I(wasm_memory_size(hmem), 2);
  CHECK_EQ_I(wasm_memory_data(hmem)[65535], 9);
  printf("host memory: 1 page zeroed, grows to 2, not 3\n");
  wasm_memory_delete(hmem);

  wasm_extern_vec_delete(&exports);
  wasm_instance_delete(instance);
  wasm_module_delete(m);
  wasm_store_delete(store);
  wasm_engine_delete(engine);
  printf("done\n");
  return 0;
}
