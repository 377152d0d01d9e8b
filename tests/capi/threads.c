/* threads.c: one module compiled once and shared; several threads each obtain it in a store of their own, instantiate it with their own host state and call it many times at once. */
#include "host.h"

#include <pthread.h>

enum { THREADS = 4, CALLS = 200 };

static wasm_engine_t *engine;
static wasm_shared_module_t *shared;

typedef struct worker {
  int id;
  int hellos;      /* calls of hello with this worker's id */
  int wrong;       /* calls of hello with another id */
  int64_t sum;     /* the last sum(1000 + id) */
} worker;

static wasm_trap_t *hello(void *env, const wasm_val_vec_t *args, wasm_val_vec_t *results) {
  (void)results;
  worker *w = env;
  if (args->data[0].of.i32 == w->id)
    w->hellos++;
  else
    w->wrong++;
  return NULL;
}

static void *work(void *arg) {
  worker *w = arg;
  wasm_store_t *store = wasm_store_new(engine);
  CHECK(store != NULL, "thread %d: no store", w->id);
  wasm_module_t *m = wasm_module_obtain(store, shared);
  CHECK(m != NULL, "thread %d: wasm_module_obtain", w->id);
  wasm_functype_t *ft = wasm_functype_new_1_0(wasm_valtype_new_i32());
  wasm_func_t *fn = wasm_func_new_with_env(store, ft, hello, w, NULL);
  wasm_functype_delete(ft);
  wasm_globaltype_t *gt = wasm_globaltype_new(wasm_valtype_new_i32(), WASM_CONST);
  wasm_val_t idv = WASM_I32_VAL(w->id);
  wasm_global_t *g = wasm_global_new(store, gt, &idv);
  wasm_globaltype_delete(gt);
  wasm_extern_t *imports[] = {wasm_func_as_extern(fn), wasm_global_as_extern(g)};
  wasm_extern_vec_t import_vec = WASM_ARRAY_VEC(imports);
  wasm_instance_t *inst = wasm_instance_new(store, m, &import_vec, NULL);
  CHECK(inst != NULL, "thread %d: instantiation failed", w->id);
  wasm_extern_vec_t exports;
  wasm_instance_exports(inst, &exports);
  wasm_func_t *run = host_export_func(m, &exports, "run");
  wasm_func_t *sum = host_export_func(m, &exports, "sum");
  for (int i = 0; i < CALLS; i++) {
    host_call(run, NULL, 0, NULL, 0);
    wasm_val_t a[1] = {WASM_I32_VAL(1000 + w->id)}, r[1];
    host_call(sum, a, 1, r, 1);
    w->sum = r[0].of.i64;
  }
  wasm_extern_vec_delete(&exports);
  wasm_instance_delete(inst);
  wasm_func_delete(fn);
  wasm_global_delete(g);
  wasm_module_delete(m);
  wasm_store_delete(store);
  return NULL;
}

int main(int argc, char **argv) {
  CHECK(argc == 2, "usage: threads threads.wasm");
  engine = wasm_engine_new();
  wasm_store_t *store = wasm_store_new(engine);
  wasm_module_t *m = host_load(store, argv[1]);
  shared = wasm_module_share(m);
  CHECK(shared != NULL, "wasm_module_share");
  /* the store the module was compiled in may go: the shared module stands alone */
  wasm_module_delete(m);
  wasm_store_delete(store);

  pthread_t tids[THREADS];
  worker workers[THREADS];
  for (int i = 0; i < THREADS; i++) {
    workers[i] = (worker){.id = i + 1};
    CHECK(pthread_create(&tids[i], NULL, work, &workers[i]) == 0, "pthread_create");
  }
  for (int i = 0; i < THREADS; i++)
    CHECK(pthread_join(tids[i], NULL) == 0, "pthread_join");
  for (int i = 0; i < THREADS; i++) {
    worker *w = &workers[i];
    int64_t n = 1000 + w->id;
    printf("thread %d: %d hellos with its id, %d with another, sum(%lld) = %lld\n", w->id, w->hellos, w->wrong,
           (long long)n, (long long)w->sum);
    CHECK_EQ_I(w->hellos, CALLS);
    CHECK_EQ_I(w->wrong, 0);
    CHECK_EQ_I(w->sum, n * (n + 1) / 2);
  }
  wasm_shared_module_delete(shared);
  wasm_engine_delete(engine);
  printf("done\n");
  return 0;
}
