/* table.c: a funcref table from the host: get, set (a host function called by call_indirect), grow to and past its maximum, accesses out of bounds refused, null and mistyped entries trapping; a host-made table. */
#include "host.h"

static const wasm_module_t *module;
static wasm_extern_vec_t exports;
static int host_calls;

/* the host's entry: x * 3 */
static wasm_trap_t *times3(const wasm_val_vec_t *args, wasm_val_vec_t *results) {
  host_calls++;
  results->data[0] = (wasm_val_t)WASM_I32_VAL(args->data[0].of.i32 * 3);
  return NULL;
}

static int32_t call_i(const char *name, size_t n, int32_t a, int32_t b) {
  wasm_val_t args[2] = {WASM_I32_VAL(a), WASM_I32_VAL(b)};
  wasm_val_t r[1] = {WASM_I32_VAL(0)};
  host_call(host_export_func(module, &exports, name), args, n, r, 1);
  return r[0].of.i32;
}

static void call_indirect_traps(int32_t i, const char *want) {
  wasm_val_t args[2] = {WASM_I32_VAL(i), WASM_I32_VAL(1)};
  wasm_val_t r[1] = {WASM_I32_VAL(0)};
  wasm_trap_t *trap = host_call_trap(host_export_func(module, &exports, "call_indirect"), args, 2, r, 1);
  char msg[256];
  host_trap_message(trap, msg, sizeof msg);
  CHECK(strstr(msg, want) != NULL, "call_indirect(%d): message %s, want %s", i, msg, want);
  printf("call_indirect(%d) traps: %s\n", i, want);
  wasm_trap_delete(trap);
}

int main(int argc, char **argv) {
  CHECK(argc == 2, "usage: table table.wasm");
  wasm_engine_t *engine = wasm_engine_new();
  wasm_store_t *store = wasm_store_new(engine);
  wasm_module_t *m = host_load(store, argv[1]);
  module = m;
  wasm_extern_vec_t no_imports = WASM_EMPTY_VEC;
  wasm_instance_t *instance = wasm_instance_new(store, m, &no_imports, NULL);
  CHECK(instance != NULL, "instantiation failed");
  wasm_instance_exports(instance, &exports);
  wasm_table_t *table = wasm_extern_as_table(host_export(m, &exports, "table"));
  CHECK(table != NULL, "export table is not a table");
  wasm_func_t *plus7 = host_export_func(m, &exports, "plus7");

  wasm_tabletype_t *tt = wasm_table_type(table);
  CHECK_EQ_I(wasm_valtype_kind(wasm_tabletype_element(tt)), WASM_FUNCREF);
  CHECK(wasm_tabletype_limits(tt)->min == 2 && wasm_tabletype_limits(tt)->max == 10, "limits");
  printf("table: funcref, %u..%u\n", wasm_tabletype_limits(tt)->min, wasm_tabletype_limits(tt)->max);
  wasm_tabletype_delete(tt);
  CHECK_EQ_I(wasm_table_size(table), 2);

  /* get: null at 0, plus7 at 1 (the same function as the export), nothing past the end */
  wasm_ref_t *r0 = wasm_table_get(table, 0);
  CHECK(r0 == NULL, "entry 0 is not null");
  wasm_ref_t *r1 = wasm_table_get(table, 1);
  CHECK(r1 != NULL, "entry 1 is null");
  wasm_func_t *f1 = wasm_ref_as_func(r1);
  CHECK(f1 != NULL && wasm_func_same(f1, plus7), "entry 1 is not plus7");
  wasm_val_t a[1] = {WASM_I32_VAL(35)}, res[1];
  host_call(f1, a, 1, res, 1);
  CHECK_EQ_I(res[0].of.i32, 42);
  wasm_ref_delete(r1);
  CHECK(wasm_table_get(table, 2) == NULL, "entry 2 of 2");
  printf("get: 0 null, 1 plus7 (plus7(35) = 42), 2 out of bounds\n");

  CHECK_EQ_I(call_i("call_indirect", 2, 1, 5), 12);
  call_indirect_traps(0, "uninitialized element");
  call_indirect_traps(2, "undefined element");

  /* set a host function at 0 and call it from wasm */
  wasm_functype_t *ft = wasm_functype_new_1_1(wasm_valtype_new_i32(), wasm_valtype_new_i32());
  wasm_func_t *host = wasm_func_new(store, ft, times3);
  wasm_functype_delete(ft);
  CHECK(wasm_table_set(table, 0, wasm_func_as_ref(host)), "set 0");
  CHECK_EQ_I(call_i("call_indirect", 2, 0, 14), 42);
  CHECK_EQ_I(host_calls, 1);
  wasm_ref_t *back = wasm_table_get(table, 0);
  CHECK(back != NULL && wasm_func_same(wasm_ref_as_func(back), host), "entry 0 is not the host function");
  wasm_ref_delete(back);
  printf("set 0 to a host function: call_indirect(0, 14) = 42 through the host\n");
  CHECK(!wasm_table_set(table, 2, wasm_func_as_ref(host)), "set past the end accepted");
  printf("set 2 of 2 refused\n");

  /* an entry of another type traps in call_indirect */
  CHECK(wasm_table_set(table, 1, wasm_func_as_ref(host_export_func(m, &exports, "wrong"))), "set 1");
  call_indirect_traps(1, "indirect call type mismatch");
  /* and null clears */
  CHECK(wasm_table_set(table, 1, NULL), "set 1 to null");
  call_indirect_traps(1, "uninitialized element");

  /* grow: by the host with an initial value, by wasm, to the maximum and past it */
  CHECK(wasm_table_grow(table, 3, wasm_func_as_ref(plus7)), "grow 3");
  CHECK_EQ_I(wasm_table_size(table), 5);
  CHECK_EQ_I(call_i("size", 0, 0, 0), 5);
  for (int32_t i = 2; i < 5; i++)
    CHECK_EQ_I(call_i("call_indirect", 2, i, i), i + 7);
  printf("grow 3 with plus7: size 5, entries 2..4 call plus7\n");
  CHECK_EQ_I(call_i("grow", 1, 4, 0), 5);
  CHECK_EQ_I(wasm_table_size(table), 9);
  CHECK(wasm_table_get(table, 8) == NULL, "entry 8 after grow is not null");
  call_indirect_traps(8, "uninitialized element");
  printf("table.grow 4 in wasm: was 5, size 9\n");
  CHECK(!wasm_table_grow(table, 2, NULL), "grow past max accepted");
  CHECK_EQ_I(call_i("grow", 1, 2, 0), -1);
  CHECK_EQ_I(wasm_table_size(table), 9);
  CHECK(wasm_table_grow(table, 1, NULL), "grow to max");
  CHECK_EQ_I(wasm_table_size(table), 10);
  CHECK(!wasm_table_grow(table, 1, NULL), "grow past max accepted");
  printf("grow past 10 refused (host and wasm), grow to 10 accepted\n");

  /* a table made by the host */
  wasm_limits_t hl = {3, 4};
  wasm_tabletype_t *htt = wasm_tabletype_new(wasm_valtype_new_funcref(), &hl);
  wasm_table_t *htab = wasm_table_new(store, htt, wasm_func_as_ref(host));
  wasm_tabletype_delete(htt);
  CHECK(htab != NULL, "wasm_table_new");
  CHECK_EQ_I(wasm_table_size(htab), 3);
  for (uint32_t i = 0; i < 3; i++) {
    wasm_ref_t *e = wasm_table_get(htab, i);
    CHECK(e != NULL && wasm_func_same(wasm_ref_as_func(e), host), "host table entry %u", i);
    wasm_ref_delete(e);
  }
  CHECK(wasm_table_grow(htab, 1, NULL) && !wasm_table_grow(htab, 1, NULL), "host table grow");
  printf("host table: 3 entries of the initial function, grows to 4, not 5\n");
  wasm_table_delete(htab);

  wasm_func_delete(host);
  wasm_extern_vec_delete(&exports);
  wasm_instance_delete(instance);
  wasm_module_delete(m);
  wasm_store_delete(store);
  wasm_engine_delete(engine);
  printf("done\n");
  return 0;
}
