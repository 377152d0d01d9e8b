/* wasi.c: a C-API host running a wasm32-wasi command with wasmlab's WASI (wasmlab_wasi.h): arguments, one variable, a read-only preopen, a host import of its own in the same vector, and the exit code of proc_exit. */
#include "host.h"

#include <wasmlab_wasi.h>

static int add_calls;

static wasm_trap_t *add(const wasm_val_vec_t *args, wasm_val_vec_t *results) {
  add_calls++;
  results->data[0] = (wasm_val_t)WASM_I32_VAL(args->data[0].of.i32 + args->data[1].of.i32);
  return NULL;
}

int main(int argc, char **argv) {
  CHECK(argc == 5, "usage: wasi guest.wasm DIR wasi_unknown.wasm wasi_mistyped.wasm");
  char why[256];
  wasm_engine_t *engine = wasm_engine_new();
  wasm_store_t *store = wasm_store_new(engine);
  wasm_module_t *m = host_load(store, argv[1]);
  CHECK(wasmlab_wasi_module_uses(m), "the guest imports nothing from WASI");

  /* a directory that is not there: refused, named */
  wasmlab_wasi_config_t *cfg = wasmlab_wasi_config_new("guest");
  CHECK(cfg != NULL, "wasmlab_wasi_config_new");
  CHECK(wasmlab_wasi_config_preopen_dir(cfg, "/nonexistent/wasmlab-capi", "/data", true), "preopen");
  CHECK(wasmlab_wasi_new(store, cfg, why, sizeof why) == NULL, "a missing directory was granted");
  CHECK(strstr(why, "/nonexistent/wasmlab-capi") != NULL, "why: %s", why);
  printf("host: a missing directory is refused, named\n");
  CHECK(!wasmlab_wasi_config_env(cfg, "A=B", "c"), "a name with '=' accepted");
  wasmlab_wasi_config_delete(cfg);

  cfg = wasmlab_wasi_config_new("guest");
  CHECK(wasmlab_wasi_config_arg(cfg, "one") && wasmlab_wasi_config_arg(cfg, "two words"), "args");
  CHECK(wasmlab_wasi_config_env(cfg, "GREETING", "hello") && wasmlab_wasi_config_env(cfg, "GREETING", "hi"), "env");
  CHECK(wasmlab_wasi_config_preopen_dir(cfg, argv[2], "/data", true), "preopen");
  wasmlab_wasi_t *wasi = wasmlab_wasi_new(store, cfg, why, sizeof why);
  CHECK(wasi != NULL, "wasmlab_wasi_new: %s", why);
  wasmlab_wasi_config_delete(cfg); /* copied by wasmlab_wasi_new */

  wasm_extern_vec_t imports;
  CHECK(wasmlab_wasi_imports(wasi, m, &imports, why, sizeof why), "wasmlab_wasi_imports: %s", why);
  wasm_importtype_vec_t types;
  wasm_module_imports(m, &types);
  CHECK_EQ_I(imports.size, types.size);
  size_t filled = 0;
  for (size_t i = 0; i < imports.size; i++) {
    const wasm_name_t *mod = wasm_importtype_module(types.data[i]);
    int is_wasi = mod->size == 22 && memcmp(mod->data, "wasi_snapshot_preview1", 22) == 0;
    CHECK((imports.data[i] != NULL) == is_wasi, "import %zu: filled %d, from WASI %d", i, imports.data[i] != NULL,
          is_wasi);
    filled += is_wasi;
    if (!is_wasi) {
      /* ours: the vector owns it from here (wasm_extern_vec_delete deletes it) */
      wasm_functype_t *ft = wasm_functype_new_2_1(wasm_valtype_new_i32(), wasm_valtype_new_i32(),
                                                  wasm_valtype_new_i32());
      imports.data[i] = wasm_func_as_extern(wasm_func_new(store, ft, add));
      wasm_functype_delete(ft);
    }
  }
  wasm_importtype_vec_delete(&types);
  printf("host: %zu WASI imports filled, 1 left to the host\n", filled);
  CHECK_EQ_I(filled + 1, imports.size);

  /* WASI imports preview1 does not have, or of another type: refused, named */
  const char *bad[2][2] = {{argv[3], "no_such_function"}, {argv[4], "fd_write"}};
  for (int i = 0; i < 2; i++) {
    wasm_module_t *bm = host_load(store, bad[i][0]);
    wasm_extern_vec_t bv;
    why[0] = 0;
    CHECK(!wasmlab_wasi_imports(wasi, bm, &bv, why, sizeof why), "%s accepted", bad[i][1]);
    CHECK(bv.size == 0, "a refused vector is not empty");
    CHECK(strstr(why, bad[i][1]) != NULL, "why: %s", why);
    wasm_extern_vec_delete(&bv);
    wasm_module_delete(bm);
  }
  printf("host: an unknown WASI function and a mistyped one are refused, named\n");

  wasm_trap_t *trap = NULL;
  wasm_instance_t *inst = wasm_instance_new(store, m, &imports, &trap);
  CHECK(inst != NULL && trap == NULL, "instantiation failed");
  wasm_extern_vec_t exports;
  wasm_instance_exports(inst, &exports);
  fflush(stdout); /* the guest writes to descriptor 1 itself */
  trap = wasm_func_call(host_export_func(m, &exports, "_start"), &(wasm_val_vec_t)WASM_EMPTY_VEC,
                        &(wasm_val_vec_t)WASM_EMPTY_VEC);
  CHECK(trap != NULL, "_start returned without proc_exit");
  int code = -1;
  char msg[256];
  CHECK(wasmlab_wasi_exit_code(trap, &code), "not an exit: %s", host_trap_message(trap, msg, sizeof msg));
  printf("host: the guest exited with %d\n", code);
  CHECK_EQ_I(code, 7);
  CHECK_EQ_I(add_calls, 1);
  wasm_trap_delete(trap);

  /* a trap of another kind is no exit */
  wasm_message_t text;
  wasm_name_new_from_string_nt(&text, "trap: exit 7"); /* a host's message that reads exactly like one */
  trap = wasm_trap_new(store, &text);
  wasm_name_delete(&text);
  CHECK(!wasmlab_wasi_exit_code(trap, &code), "a host trap taken for an exit");
  wasm_trap_delete(trap);
  printf("host: another trap is not an exit\n");

  wasm_extern_vec_delete(&exports);
  wasm_instance_delete(inst);
  wasm_extern_vec_delete(&imports);
  wasmlab_wasi_delete(wasi);
  wasm_module_delete(m);
  wasm_store_delete(store);
  wasm_engine_delete(engine);
  printf("host: done\n");
  return 0;
}
