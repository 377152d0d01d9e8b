/* finalize.c: host info with finalizers on many instances, host functions' environments and a module, in two stores: every finalizer runs exactly once, with its own data, by the time its store is deleted. */
#include "host.h"

enum { ROUNDS = 2, INSTANCES = 500 };

static int inst_finalized, env_finalized, module_finalized;
static long inst_sum, env_sum;

static void inst_finalizer(void *info) {
  inst_finalized++;
  inst_sum += (long)(intptr_t)info;
}

typedef struct env {
  int id;
  int ticks;
} env;

static void env_finalizer(void *p) {
  env *e = p;
  env_finalized++;
  env_sum += e->id;
  CHECK_EQ_I(e->ticks, 1);
  free(e);
}

static void module_finalizer(void *info) {
  CHECK(info == (void *)&module_finalized, "module host info");
  module_finalized++;
}

static wasm_trap_t *tick(void *p, const wasm_val_vec_t *args, wasm_val_vec_t *results) {
  (void)args;
  env *e = p;
  e->ticks++;
  results->data[0] = (wasm_val_t)WASM_I32_VAL(e->id);
  return NULL;
}

int main(int argc, char **argv) {
  CHECK(argc == 2, "usage: finalize finalize.wasm");
  wasm_engine_t *engine = wasm_engine_new();
  long want_sum = 0;
  for (int round = 0; round < ROUNDS; round++) {
    wasm_store_t *store = wasm_store_new(engine);
    wasm_module_t *m = host_load(store, argv[1]);
    wasm_module_set_host_info_with_finalizer(m, &module_finalized, module_finalizer);
    CHECK(wasm_module_get_host_info(m) == &module_finalized, "module host info");
    wasm_functype_t *ft = wasm_functype_new_0_1(wasm_valtype_new_i32());
    for (int i = 0; i < INSTANCES; i++) {
      int id = round * INSTANCES + i + 1;
      want_sum += id;
      env *e = calloc(1, sizeof *e);
      CHECK(e != NULL, "out of memory");
      e->id = id;
      wasm_func_t *fn = wasm_func_new_with_env(store, ft, tick, e, env_finalizer);
      wasm_extern_t *imports[] = {wasm_func_as_extern(fn)};
      wasm_extern_vec_t import_vec = WASM_ARRAY_VEC(imports);
      wasm_instance_t *inst = wasm_instance_new(store, m, &import_vec, NULL);
      CHECK(inst != NULL, "instantiation %d failed", id);
      wasm_instance_set_host_info_with_finalizer(inst, (void *)(intptr_t)id, inst_finalizer);
      CHECK(wasm_instance_get_host_info(inst) == (void *)(intptr_t)id, "instance host info");
      wasm_extern_vec_t exports;
      wasm_instance_exports(inst, &exports);
      wasm_val_t r[1];
      host_call(host_export_func(m, &exports, "f"), NULL, 0, r, 1);
      CHECK_EQ_I(r[0].of.i32, id);
      wasm_extern_vec_delete(&exports);
      /* the instance still holds the function it imports: the env outlives this delete */
      wasm_func_delete(fn);
      wasm_instance_delete(inst);
    }
    wasm_functype_delete(ft);
    wasm_module_delete(m);
    wasm_store_delete(store);
    printf("round %d: store deleted: %d instance finalizers, %d environment finalizers, %d module finalizers\n",
           round, inst_finalized, env_finalized, module_finalized);
    CHECK_EQ_I(inst_finalized, (round + 1) * INSTANCES);
    CHECK_EQ_I(env_finalized, (round + 1) * INSTANCES);
    CHECK_EQ_I(module_finalized, round + 1);
    CHECK_EQ_I(inst_sum, want_sum);
    CHECK_EQ_I(env_sum, want_sum);
  }
  wasm_engine_delete(engine);
  printf("every finalizer ran once with its own data (sum of ids %ld)\n", want_sum);
  return 0;
}
