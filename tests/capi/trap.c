/* trap.c: traps: one made by the host (message kept through wasm), unreachable two calls deep (origin and trace: function indices and offsets), a division by zero, and a host-made trap never thrown. */
#include "host.h"

static wasm_store_t *store;
static int fail_calls;

static wasm_trap_t *fail(const wasm_val_vec_t *args, wasm_val_vec_t *results) {
  (void)args, (void)results;
  fail_calls++;
  wasm_message_t msg;
  wasm_name_new_from_string_nt(&msg, "the host says no");
  wasm_trap_t *trap = wasm_trap_new(store, &msg);
  wasm_name_delete(&msg);
  return trap;
}

static void print_frame(const char *what, const wasm_frame_t *f, uint32_t func, size_t func_off, size_t mod_off) {
  CHECK(f != NULL, "%s: no frame", what);
  printf("%s: func %u, func offset %zu, module offset 0x%zx\n", what, wasm_frame_func_index(f),
         wasm_frame_func_offset(f), wasm_frame_module_offset(f));
  CHECK_EQ_I(wasm_frame_func_index(f), func);
  CHECK_EQ_I(wasm_frame_func_offset(f), func_off);
  CHECK_EQ_I(wasm_frame_module_offset(f), mod_off);
}

int main(int argc, char **argv) {
  CHECK(argc == 2, "usage: trap trap.wasm");
  wasm_engine_t *engine = wasm_engine_new();
  store = wasm_store_new(engine);
  wasm_module_t *m = host_load(store, argv[1]);
  wasm_functype_t *ft = wasm_functype_new_0_0();
  wasm_func_t *failf = wasm_func_new(store, ft, fail);
  wasm_functype_delete(ft);
  wasm_extern_t *imports[] = {wasm_func_as_extern(failf)};
  wasm_extern_vec_t import_vec = WASM_ARRAY_VEC(imports);
  wasm_instance_t *instance = wasm_instance_new(store, m, &import_vec, NULL);
  CHECK(instance != NULL, "instantiation failed");
  wasm_extern_vec_t exports;
  wasm_instance_exports(instance, &exports);
  char msg[256];

  /* the host's trap comes back with its message, the wasm caller in its trace */
  wasm_trap_t *trap = host_call_trap(host_export_func(m, &exports, "host"), NULL, 0, NULL, 0);
  CHECK_EQ_I(fail_calls, 1);
  host_trap_message(trap, msg, sizeof msg);
  CHECK(strstr(msg, "the host says no") != NULL, "message: %s", msg);
  printf("host trap: the host says no\n");
  wasm_frame_vec_t trace;
  wasm_trap_trace(trap, &trace);
  CHECK(trace.size >= 1, "host trap: empty trace");
  print_frame("host trap, wasm caller", trace.data[0], 3, 1, 0x5a);
  wasm_frame_vec_delete(&trace);
  wasm_trap_delete(trap);

  /* unreachable in func 1, called by func 2 ("deep") */
  wasm_val_t r[1] = {WASM_I32_VAL(0)};
  trap = host_call_trap(host_export_func(m, &exports, "deep"), NULL, 0, r, 1);
  host_trap_message(trap, msg, sizeof msg);
  CHECK(strstr(msg, "unreachable") != NULL, "message: %s", msg);
  printf("deep: unreachable\n");
  wasm_frame_t *origin = wasm_trap_origin(trap);
  print_frame("origin", origin, 1, 5, 0x4c);
  wasm_frame_t *copy = wasm_frame_copy(origin);
  CHECK(wasm_frame_func_index(copy) == 1 && wasm_frame_module_offset(copy) == 0x4c, "frame copy");
  wasm_frame_delete(copy);
  wasm_frame_delete(origin);
  wasm_trap_trace(trap, &trace);
  CHECK_EQ_I(trace.size, 2);
  print_frame("trace[0]", trace.data[0], 1, 5, 0x4c);
  print_frame("trace[1]", trace.data[1], 2, 3, 0x55);
  wasm_frame_vec_delete(&trace);
  wasm_trap_delete(trap);

  /* an integer division by zero, and the same function fine after it */
  wasm_val_t zero[1] = {WASM_I32_VAL(0)};
  trap = host_call_trap(host_export_func(m, &exports, "div"), zero, 1, r, 1);
  host_trap_message(trap, msg, sizeof msg);
  CHECK(strstr(msg, "integer divide by zero") != NULL, "message: %s", msg);
  printf("div(0): integer divide by zero\n");
  origin = wasm_trap_origin(trap);
  print_frame("origin", origin, 4, 5, 0x63);
  wasm_frame_delete(origin);
  wasm_trap_delete(trap);
  wasm_val_t one[1] = {WASM_I32_VAL(1)};
  host_call(host_export_func(m, &exports, "div"), one, 1, r, 1);
  CHECK_EQ_I(r[0].of.i32, 1);
  printf("div(1) = 1\n");

  /* a trap the host makes and never throws: its message, no frames */
  wasm_message_t text;
  wasm_name_new_from_string_nt(&text, "made, not thrown");
  trap = wasm_trap_new(store, &text);
  wasm_name_delete(&text);
  host_trap_message(trap, msg, sizeof msg);
  CHECK(strcmp(msg, "made, not thrown") == 0, "message: %s", msg);
  CHECK(wasm_trap_origin(trap) == NULL, "a trap never thrown has an origin");
  wasm_trap_trace(trap, &trace);
  CHECK_EQ_I(trace.size, 0);
  wasm_frame_vec_delete(&trace);
  wasm_trap_t *tcopy = wasm_trap_copy(trap);
  host_trap_message(tcopy, msg, sizeof msg);
  CHECK(strcmp(msg, "made, not thrown") == 0, "copy's message: %s", msg);
  wasm_trap_delete(tcopy);
  wasm_trap_delete(trap);
  printf("host-made trap: message kept, no origin, empty trace\n");

  wasm_extern_vec_delete(&exports);
  wasm_instance_delete(instance);
  wasm_func_delete(failf);
  wasm_module_delete(m);
  wasm_store_delete(store);
  wasm_engine_delete(engine);
  printf("done\n");
  return 0;
}
