/* start.c: a start function runs at instantiation (its host call and global write seen); one that traps makes wasm_instance_new return NULL with the trap (message and origin); imports missing are refused without a crash. */
#include "host.h"

static int started_calls;

static wasm_trap_t *started(const wasm_val_vec_t *args, wasm_val_vec_t *results) {
  (void)results;
  started_calls++;
  printf("start function called the host with %d\n", args->data[0].of.i32);
  return NULL;
}

int main(int argc, char **argv) {
  CHECK(argc == 2, "usage: start start.wasm");
  wasm_engine_t *engine = wasm_engine_new();
  wasm_store_t *store = wasm_store_new(engine);
  wasm_module_t *m = host_load(store, argv[1]);
  wasm_functype_t *ft = wasm_functype_new_1_0(wasm_valtype_new_i32());
  wasm_func_t *fn = wasm_func_new(store, ft, started);
  wasm_functype_delete(ft);
  wasm_globaltype_t *gt = wasm_globaltype_new(wasm_valtype_new_i32(), WASM_CONST);
  wasm_val_t zero = WASM_I32_VAL(0), one = WASM_I32_VAL(1);
  wasm_global_t *ok = wasm_global_new(store, gt, &zero), *bad = wasm_global_new(store, gt, &one);
  wasm_globaltype_delete(gt);

  /* fail = 0: instantiated, the start function ran once */
  wasm_extern_t *imports[] = {wasm_func_as_extern(fn), wasm_global_as_extern(ok)};
  wasm_extern_vec_t import_vec = WASM_ARRAY_VEC(imports);
  wasm_trap_t *trap = NULL;
  wasm_instance_t *instance = wasm_instance_new(store, m, &import_vec, &trap);
  CHECK(instance != NULL && trap == NULL, "instantiation failed");
  CHECK_EQ_I(started_calls, 1);
  wasm_extern_vec_t exports;
  wasm_instance_exports(instance, &exports);
  wasm_val_t state;
  wasm_global_get(wasm_extern_as_global(host_export(m, &exports, "state")), &state);
  CHECK_EQ_I(state.of.i32, 42);
  printf("instantiated: state = %d\n", state.of.i32);
  wasm_extern_vec_delete(&exports);
  wasm_instance_delete(instance);

  /* fail = 1: the start function traps after calling the host; no instance, the trap given */
  imports[1] = wasm_global_as_extern(bad);
  trap = NULL;
  instance = wasm_instance_new(store, m, &import_vec, &trap);
  CHECK(instance == NULL, "a trapping start function gave an instance");
  CHECK(trap != NULL, "no trap from the start function");
  CHECK_EQ_I(started_calls, 2);
  char msg[256];
  host_trap_message(trap, msg, sizeof msg);
  CHECK(strstr(msg, "unreachable") != NULL, "message: %s", msg);
  wasm_frame_t *origin = wasm_trap_origin(trap);
  CHECK(origin != NULL, "no origin");
  printf("start trapped: unreachable in func %u at module offset 0x%zx\n", wasm_frame_func_index(origin),
         wasm_frame_module_offset(origin));
  CHECK_EQ_I(wasm_frame_func_index(origin), 1);
  CHECK_EQ_I(wasm_frame_module_offset(origin), 0x5a);
  wasm_frame_delete(origin);
  wasm_trap_delete(trap);

  /* an import missing: refused, no crash without a trap pointer, a trap saying why with one */
  wasm_extern_vec_t short_vec = {1, imports};
  instance = wasm_instance_new(store, m, &short_vec, NULL);
  CHECK(instance == NULL, "instantiated with an import missing");
  trap = NULL;
  instance = wasm_instance_new(store, m, &short_vec, &trap);
  CHECK(instance == NULL && trap != NULL, "an import missing: no instance and a trap");
  CHECK(strstr(host_trap_message(trap, msg, sizeof msg), "unlinkable") != NULL, "message: %s", msg);
  wasm_trap_delete(trap);
  /* imports of the wrong kinds: refused, the same way */
  wasm_extern_t *swapped[] = {wasm_global_as_extern(ok), wasm_func_as_extern(fn)};
  wasm_extern_vec_t swapped_vec = WASM_ARRAY_VEC(swapped);
  trap = NULL;
  instance = wasm_instance_new(store, m, &swapped_vec, &trap);
  CHECK(instance == NULL && trap != NULL, "imports of the wrong kinds: no instance and a trap");
  CHECK(strstr(host_trap_message(trap, msg, sizeof msg), "unlinkable") != NULL, "message: %s", msg);
  wasm_trap_delete(trap);
  CHECK_EQ_I(started_calls, 2);
  printf("imports missing or of the wrong kind: refused, start not run\n");

  wasm_func_delete(fn);
  wasm_global_delete(ok);
  wasm_global_delete(bad);
  wasm_module_delete(m);
  wasm_store_delete(store);
  wasm_engine_delete(engine);
  printf("done\n");
  return 0;
}
