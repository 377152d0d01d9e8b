/* reflect.c: every kind of import and export of a module printed with its type, and the instance's exports checked against the module's export types. */
#include "host.h"

static void put_valtype(const wasm_valtype_t *t) {
  switch (wasm_valtype_kind(t)) {
  case WASM_I32: printf("i32"); break;
  case WASM_I64: printf("i64"); break;
  case WASM_F32: printf("f32"); break;
  case WASM_F64: printf("f64"); break;
  case WASM_EXTERNREF: printf("externref"); break;
  case WASM_FUNCREF: printf("funcref"); break;
  default: CHECK(0, "value kind %d", wasm_valtype_kind(t));
  }
}

static void put_valtypes(const wasm_valtype_vec_t *v) {
  printf("(");
  for (size_t i = 0; i < v->size; i++) {
    if (i)
      printf(" ");
    put_valtype(v->data[i]);
  }
  printf(")");
}

static void put_limits(const wasm_limits_t *l) {
  if (l->max == wasm_limits_max_default)
    printf("%u..", l->min);
  else
    printf("%u..%u", l->min, l->max);
}

/* "func (i32) -> (i32 i64 f32)", "global var i64", "table funcref 1..", "memory 1..2" */
static void put_externtype(const wasm_externtype_t *t) {
  switch (wasm_externtype_kind(t)) {
  case WASM_EXTERN_FUNC: {
    const wasm_functype_t *f = wasm_externtype_as_functype_const(t);
    CHECK(f != NULL && wasm_externtype_as_globaltype_const(t) == NULL, "func type");
    printf("func ");
    put_valtypes(wasm_functype_params(f));
    printf(" -> ");
    put_valtypes(wasm_functype_results(f));
    break;
  }
  case WASM_EXTERN_GLOBAL: {
    const wasm_globaltype_t *g = wasm_externtype_as_globaltype_const(t);
    CHECK(g != NULL && wasm_externtype_as_functype_const(t) == NULL, "global type");
    printf("global %s ", wasm_globaltype_mutability(g) == WASM_VAR ? "var" : "const");
    put_valtype(wasm_globaltype_content(g));
    break;
  }
  case WASM_EXTERN_TABLE: {
    const wasm_tabletype_t *tt = wasm_externtype_as_tabletype_const(t);
    CHECK(tt != NULL && wasm_externtype_as_memorytype_const(t) == NULL, "table type");
    printf("table ");
    put_valtype(wasm_tabletype_element(tt));
    printf(" ");
    put_limits(wasm_tabletype_limits(tt));
    break;
  }
  case WASM_EXTERN_MEMORY: {
    const wasm_memorytype_t *mt = wasm_externtype_as_memorytype_const(t);
    CHECK(mt != NULL && wasm_externtype_as_tabletype_const(t) == NULL, "memory type");
    printf("memory ");
    put_limits(wasm_memorytype_limits(mt));
    break;
  }
  default: CHECK(0, "extern kind %d", wasm_externtype_kind(t));
  }
}

static void put_name(const wasm_name_t *n) { printf("%.*s", (int)n->size, n->data); }

static wasm_trap_t *unused(const wasm_val_vec_t *args, wasm_val_vec_t *results) {
  (void)args, (void)results;
  return NULL;
}

int main(int argc, char **argv) {
  CHECK(argc == 2, "usage: reflect reflect.wasm");
  wasm_engine_t *engine = wasm_engine_new();
  wasm_store_t *store = wasm_store_new(engine);
  wasm_module_t *m = host_load(store, argv[1]);

  wasm_importtype_vec_t imports;
  wasm_module_imports(m, &imports);
  CHECK_EQ_I(imports.size, 6);
  printf("%zu imports\n", imports.size);
  for (size_t i = 0; i < imports.size; i++) {
    printf("  ");
    put_name(wasm_importtype_module(imports.data[i]));
    printf(".");
    put_name(wasm_importtype_name(imports.data[i]));
    printf(": ");
    put_externtype(wasm_importtype_type(imports.data[i]));
    printf("\n");
  }

  wasm_exporttype_vec_t exports;
  wasm_module_exports(m, &exports);
  CHECK_EQ_I(exports.size, 8);
  printf("%zu exports\n", exports.size);
  for (size_t i = 0; i < exports.size; i++) {
    printf("  ");
    put_name(wasm_exporttype_name(exports.data[i]));
    printf(": ");
    put_externtype(wasm_exporttype_type(exports.data[i]));
    printf("\n");
  }

  /* a copy of the vectors holds the same */
  wasm_importtype_vec_t icopy;
  wasm_importtype_vec_copy(&icopy, &imports);
  CHECK_EQ_I(icopy.size, imports.size);
  for (size_t i = 0; i < icopy.size; i++)
    CHECK_EQ_I(wasm_externtype_kind(wasm_importtype_type(icopy.data[i])),
               wasm_externtype_kind(wasm_importtype_type(imports.data[i])));
  wasm_importtype_vec_delete(&icopy);

  /* import types made by the host, as a host would describe its own objects */
  wasm_name_t mod, name;
  wasm_name_new_from_string(&mod, "made");
  wasm_name_new_from_string(&name, "by_host");
  wasm_limits_t lim = {4, wasm_limits_max_default};
  wasm_importtype_t *made =
      wasm_importtype_new(&mod, &name, wasm_memorytype_as_externtype(wasm_memorytype_new(&lim)));
  printf("host-made import ");
  put_name(wasm_importtype_module(made));
  printf(".");
  put_name(wasm_importtype_name(made));
  printf(": ");
  put_externtype(wasm_importtype_type(made));
  printf("\n");
  wasm_importtype_delete(made);

  /* instantiate with objects of those types and compare the instance's exports */
  wasm_valtype_t *ps[6] = {wasm_valtype_new_i32(), wasm_valtype_new_i64(), wasm_valtype_new_f32(),
                           wasm_valtype_new_f64(), wasm_valtype_new_externref(), wasm_valtype_new_funcref()};
  wasm_valtype_t *rs[1] = {wasm_valtype_new_i32()};
  wasm_valtype_vec_t pv, rv;
  wasm_valtype_vec_new(&pv, 6, ps);
  wasm_valtype_vec_new(&rv, 1, rs);
  wasm_functype_t *f0t = wasm_functype_new(&pv, &rv);
  wasm_functype_t *f1t = wasm_functype_new_0_0();
  wasm_func_t *f0 = wasm_func_new(store, f0t, unused), *f1 = wasm_func_new(store, f1t, unused);
  wasm_functype_delete(f0t);
  wasm_functype_delete(f1t);
  wasm_globaltype_t *gct = wasm_globaltype_new(wasm_valtype_new_f64(), WASM_CONST);
  wasm_globaltype_t *gvt = wasm_globaltype_new(wasm_valtype_new_i64(), WASM_VAR);
  wasm_val_t gc = WASM_F64_VAL(1), gv = WASM_I64_VAL(2);
  wasm_global_t *g_const = wasm_global_new(store, gct, &gc), *g_var = wasm_global_new(store, gvt, &gv);
  wasm_globaltype_delete(gct);
  wasm_globaltype_delete(gvt);
  wasm_limits_t tl = {1, wasm_limits_max_default}, ml = {1, 2};
  wasm_tabletype_t *tt = wasm_tabletype_new(wasm_valtype_new_funcref(), &tl);
  wasm_table_t *t = wasm_table_new(store, tt, NULL);
  wasm_tabletype_delete(tt);
  wasm_memorytype_t *mt = wasm_memorytype_new(&ml);
  wasm_memory_t *mem = wasm_memory_new(store, mt);
  wasm_memorytype_delete(mt);
  wasm_extern_t *objs[] = {wasm_func_as_extern(f0), wasm_func_as_extern(f1), wasm_global_as_extern(g_const),
                           wasm_global_as_extern(g_var), wasm_table_as_extern(t), wasm_memory_as_extern(mem)};
  wasm_extern_vec_t ivec = WASM_ARRAY_VEC(objs);
  wasm_instance_t *inst = wasm_instance_new(store, m, &ivec, NULL);
  CHECK(inst != NULL, "instantiation failed");
  wasm_extern_vec_t xs;
  wasm_instance_exports(inst, &xs);
  CHECK_EQ_I(xs.size, exports.size);
  for (size_t i = 0; i < xs.size; i++) {
    wasm_externtype_t *et = wasm_extern_type(xs.data[i]);
    CHECK_EQ_I(wasm_extern_kind(xs.data[i]), wasm_externtype_kind(wasm_exporttype_type(exports.data[i])));
    CHECK_EQ_I(wasm_externtype_kind(et), wasm_extern_kind(xs.data[i]));
    printf("  instance export %zu: ", i);
    put_externtype(et);
    printf("\n");
    wasm_externtype_delete(et);
  }
  /* the re-exported imports are the host's objects */
  CHECK(wasm_func_same(wasm_extern_as_func(xs.data[7]), f1), "imported_func is not f1");
  CHECK(wasm_table_same(wasm_extern_as_table(xs.data[5]), t), "imported_table is not t");
  wasm_extern_vec_delete(&xs);
  wasm_instance_delete(inst);
  wasm_func_delete(f0);
  wasm_func_delete(f1);
  wasm_global_delete(g_const);
  wasm_global_delete(g_var);
  wasm_table_delete(t);
  wasm_memory_delete(mem);

  wasm_importtype_vec_delete(&imports);
  wasm_exporttype_vec_delete(&exports);
  wasm_module_delete(m);
  wasm_store_delete(store);
  wasm_engine_delete(engine);
  printf("done\n");
  return 0;
}
