/* extern.c: values across the boundary, and functions, globals, tables, memories as externs. */
#include "capi/capi.h"

#include <string.h>

/* ---- values ------------------------------------------------------------------------------- */

/* A reference given to the engine: funcrefs are the engine's wlab_func, externrefs our record
 * (pinned: wasm may keep it anywhere for as long as the store lives). */
static bool ref_to_wlab(const wasm_ref_t *r, wlab_valtype want, void **out)
{
  capi_obj *o = capi_obj_of(r);
  *out = NULL;
  if (!o)
    return true;
  if (want == WLAB_FUNCREF) {
    if (o->kind != CAPI_FUNC)
      return false;
    o->pinned = true;
    *out = o->u.ext.ext.of.func;
    return true;
  }
  o->pinned = true;
  *out = o;
  return true;
}

bool capi_val_to_wlab(const wasm_val_t *in, wlab_valtype want, wlab_val *out)
{
  memset(out, 0, sizeof *out);
  out->type = want;
  if (!in)
    return false;
  switch (want) {
  case WLAB_I32: out->of.i32 = in->of.i32; return in->kind == WASM_I32;
  case WLAB_I64: out->of.i64 = in->of.i64; return in->kind == WASM_I64;
  /* floats travel as bit patterns: NaN payloads survive */
  case WLAB_F32: memcpy(&out->of.u32, &in->of.f32, 4); return in->kind == WASM_F32;
  case WLAB_F64: memcpy(&out->of.u64, &in->of.f64, 8); return in->kind == WASM_F64;
  case WLAB_FUNCREF:
  case WLAB_EXTERNREF:
    /* WASM_REF_VAL marks every reference externref: the declared type decides */
    return wasm_valkind_is_ref(in->kind) && ref_to_wlab(in->of.ref, want, &out->of.ref);
  default:
    return false;
  }
}

static wasm_ref_t *ref_from_wlab(wasm_store_t *store, wlab_valtype t, void *ref)
{
  if (!ref)
    return NULL;
  if (t == WLAB_FUNCREF) {
    wlab_extern ext = {.kind = WLAB_EXTERN_FUNC, .of.func = ref};
    return capi_handle_new(capi_extern_obj(store, &ext, false));
  }
  return capi_handle_new((capi_obj *)ref);
}

bool capi_val_from_wlab(wasm_store_t *store, const wlab_val *in, wasm_val_t *out)
{
  out->of.i64 = 0;
  if (!capi_valkind_from_wlab(in->type, &out->kind)) {
    out->kind = WASM_EXTERNREF;
    out->of.ref = NULL;
    return false;
  }
  switch (in->type) {
  case WLAB_I32: out->of.i32 = in->of.i32; break;
  case WLAB_I64: out->of.i64 = in->of.i64; break;
  case WLAB_F32: memcpy(&out->of.f32, &in->of.u32, 4); break;
  case WLAB_F64: memcpy(&out->of.f64, &in->of.u64, 8); break;
  default:
    out->of.ref = ref_from_wlab(store, in->type, in->of.ref);
    return out->of.ref || !in->of.ref;
  }
  return true;
}

/* ---- externs ------------------------------------------------------------------------------ */

static capi_obj *ext_of(const void *h, capi_kind kind)
{
  capi_obj *o = capi_obj_of(h);
  return o && o->kind == kind ? o : NULL;
}

static wasm_externkind_t extern_kind_of(capi_kind k)
{
  switch (k) {
  case CAPI_GLOBAL: return WASM_EXTERN_GLOBAL;
  case CAPI_TABLE: return WASM_EXTERN_TABLE;
  case CAPI_MEMORY: return WASM_EXTERN_MEMORY;
  default: return WASM_EXTERN_FUNC;
  }
}

wasm_externkind_t wasm_extern_kind(const wasm_extern_t *h)
{
  capi_obj *o = capi_obj_of(h);
  return o ? extern_kind_of(o->kind) : WASM_EXTERN_FUNC;
}

wasm_externtype_t *wasm_extern_type(const wasm_extern_t *h)
{
  capi_obj *o = capi_obj_of(h);
  switch (o ? o->kind : CAPI_FOREIGN) {
  case CAPI_FUNC: return wasm_functype_as_externtype(wasm_func_type((const wasm_func_t *)h));
  case CAPI_GLOBAL: return wasm_globaltype_as_externtype(wasm_global_type((const wasm_global_t *)h));
  case CAPI_TABLE: return wasm_tabletype_as_externtype(wasm_table_type((const wasm_table_t *)h));
  case CAPI_MEMORY: return wasm_memorytype_as_externtype(wasm_memory_type((const wasm_memory_t *)h));
  default: return NULL;
  }
}

/* The views between an extern and its kind are casts of one handle. */
#define CAPI_EXTERN_VIEWS(name, kind_)                                                           \
  wasm_extern_t *wasm_##name##_as_extern(wasm_##name##_t *h) { return (wasm_extern_t *)h; }      \
  const wasm_extern_t *wasm_##name##_as_extern_const(const wasm_##name##_t *h)                   \
  {                                                                                              \
    return (const wasm_extern_t *)h;                                                             \
  }                                                                                              \
  wasm_##name##_t *wasm_extern_as_##name(wasm_extern_t *h)                                       \
  {                                                                                              \
    return ext_of(h, kind_) ? (wasm_##name##_t *)h : NULL;                                       \
  }                                                                                              \
  const wasm_##name##_t *wasm_extern_as_##name##_const(const wasm_extern_t *h)                   \
  {                                                                                              \
    return ext_of(h, kind_) ? (const wasm_##name##_t *)h : NULL;                                 \
  }

CAPI_EXTERN_VIEWS(func, CAPI_FUNC)
CAPI_EXTERN_VIEWS(global, CAPI_GLOBAL)
CAPI_EXTERN_VIEWS(table, CAPI_TABLE)
CAPI_EXTERN_VIEWS(memory, CAPI_MEMORY)

/* A host object just made by the engine: its record owns the hidden instance's reference. */
static void *host_object(wasm_store_t *store, wlab_externkind kind, void *ptr)
{
  wlab_extern ext = {.kind = kind};
  ext.of.func = ptr; /* every member is a pointer */
  switch (kind) {
  case WLAB_EXTERN_GLOBAL: ext.of.global = ptr; break;
  case WLAB_EXTERN_TABLE: ext.of.table = ptr; break;
  case WLAB_EXTERN_MEMORY: ext.of.memory = ptr; break;
  default: break;
  }
  capi_obj *o = capi_extern_obj(store, &ext, true);
  void *h = capi_handle_new(o);
  if (o && !h && !o->handles && !o->pinned)
    capi_obj_destroy(o);
  return h;
}

/* ---- functions ---------------------------------------------------------------------------- */

/* What a host function's engine env points at. */
typedef struct host_env {
  wasm_store_t *store;
  wasm_func_callback_t cb;
  wasm_func_callback_with_env_t cb_env;
  void *env;
  void (*finalizer)(void *);
  wlab_valtype *types;        /* the engine functype's arrays */
  wlab_functype ft;
} host_env;

static void host_finalize(void *p)
{
  host_env *h = p;
  if (h->finalizer)
    h->finalizer(h->env);
  free(h->types);
  free(h);
}

/* The engine calls this for every call of a host function made with wasm_func_new*. */
static wlab_status host_call(wlab_caller *caller, void *env, const wlab_val *args, wlab_val *results,
                             wlab_error *err)
{
  (void)caller;
  host_env *h = env;
  wasm_val_t small_a[8], small_r[8];
  wasm_val_t *a = h->ft.nparams <= 8 ? small_a : calloc(h->ft.nparams, sizeof *a);
  wasm_val_t *r = h->ft.nresults <= 8 ? small_r : calloc(h->ft.nresults, sizeof *r);
  wasm_trap_t *trap = NULL;
  wlab_status st = WLAB_OK;
  if (!a || !r) {
    st = WLAB_ERR_NOMEM;
    snprintf(err->message, sizeof err->message, "out of memory calling a host function");
    goto out;
  }
  for (uint32_t i = 0; i < h->ft.nparams; i++)
    capi_val_from_wlab(h->store, &args[i], &a[i]);
  for (uint32_t i = 0; i < h->ft.nresults; i++) {
    memset(&r[i], 0, sizeof r[i]);
    capi_valkind_from_wlab(h->ft.results[i], &r[i].kind);
  }
  wasm_val_vec_t av = {h->ft.nparams, a}, rv = {h->ft.nresults, r};
  trap = h->cb_env ? h->cb_env(h->env, &av, &rv) : h->cb(&av, &rv);
  for (uint32_t i = 0; i < h->ft.nparams; i++)
    wasm_val_delete(&a[i]);
  if (trap) {
    capi_obj *t = capi_obj_of(trap);
    const char *msg = t && t->kind == CAPI_TRAP && t->u.trap.msg ? t->u.trap.msg : "host function trapped";
    size_t len = strlen(msg);
    capi_trap_pending_set(msg, len);
    snprintf(err->message, sizeof err->message, "%s", msg);
    snprintf(err->text, sizeof err->text, "trap: %s", msg);
    err->status = st = WLAB_ERR_TRAP;
    wasm_trap_delete(trap);
  } else {
    for (uint32_t i = 0; i < h->ft.nresults; i++)
      if (!capi_val_to_wlab(&r[i], h->ft.results[i], &results[i])) {
        snprintf(err->message, sizeof err->message, "host function result %u is not a %s", i,
                 wlab_valtype_name(h->ft.results[i]));
        err->status = st = WLAB_ERR_TRAP;
        break;
      }
  }
  for (uint32_t i = 0; i < h->ft.nresults; i++)
    wasm_val_delete(&r[i]); /* references given to the engine stay pinned in their records */
out:
  if (a != small_a)
    free(a);
  if (r != small_r)
    free(r);
  return st;
}

static wasm_func_t *func_new(wasm_store_t *store, const wasm_functype_t *type, wasm_func_callback_t cb,
                             wasm_func_callback_with_env_t cb_env, void *env, void (*finalizer)(void *))
{
  host_env *h = store && type && (cb || cb_env) ? calloc(1, sizeof *h) : NULL;
  if (!h || !capi_functype_to_wlab(type, &h->ft, &h->types)) {
    free(h);
    return NULL; /* the finalizer is not run: the host still owns env */
  }
  h->store = store;
  h->cb = cb;
  h->cb_env = cb_env;
  h->env = env;
  h->finalizer = finalizer;
  wlab_error err;
  wlab_func *f = wlab_func_new(store->engine->e, &h->ft, host_call, h, host_finalize, &err);
  if (!f) {
    free(h->types);
    free(h);
    return NULL;
  }
  return host_object(store, WLAB_EXTERN_FUNC, f);
}

wasm_func_t *wasm_func_new(wasm_store_t *store, const wasm_functype_t *type, wasm_func_callback_t cb)
{
  return func_new(store, type, cb, NULL, NULL, NULL);
}

wasm_func_t *wasm_func_new_with_env(wasm_store_t *store, const wasm_functype_t *type,
                                    wasm_func_callback_with_env_t cb, void *env, void (*finalizer)(void *))
{
  return func_new(store, type, NULL, cb, env, finalizer);
}

wasm_functype_t *wasm_func_type(const wasm_func_t *h)
{
  capi_obj *o = ext_of(h, CAPI_FUNC);
  if (!o)
    return NULL;
  wlab_functype ft;
  wlab_func_type(o->u.ext.ext.of.func, &ft);
  return capi_functype_from_wlab(&ft);
}

size_t wasm_func_param_arity(const wasm_func_t *h)
{
  capi_obj *o = ext_of(h, CAPI_FUNC);
  wlab_functype ft = {0};
  if (o)
    wlab_func_type(o->u.ext.ext.of.func, &ft);
  return ft.nparams;
}

size_t wasm_func_result_arity(const wasm_func_t *h)
{
  capi_obj *o = ext_of(h, CAPI_FUNC);
  wlab_functype ft = {0};
  if (o)
    wlab_func_type(o->u.ext.ext.of.func, &ft);
  return ft.nresults;
}

static wasm_trap_t *call_refused(wasm_store_t *store, const char *msg)
{
  wlab_error err;
  memset(&err, 0, sizeof err);
  err.status = WLAB_ERR_ARGUMENT;
  err.offset = err.func_index = WLAB_NONE;
  snprintf(err.message, sizeof err.message, "%s", msg);
  snprintf(err.text, sizeof err.text, "%s", msg);
  return capi_trap_from_error(store, &err);
}

/* Arguments are checked against the type (count and kinds); a mismatch is a trap that says so,
 * as is a results vector too small for the results of a call that returns.  What this layer
 * costs: a call of (i32, i32) -> i32 is 728 instructions through here against 476 through
 * wlab_func_call directly (callgrind, 20,000 calls, default engine), the checks, the value
 * conversions and the engine's type lookup. */
wasm_trap_t *wasm_func_call(const wasm_func_t *h, const wasm_val_vec_t *args, wasm_val_vec_t *results)
{
  capi_obj *o = ext_of(h, CAPI_FUNC);
  if (!o)
    return NULL;
  wasm_store_t *store = o->store;
  wlab_func *f = o->u.ext.ext.of.func;
  wlab_functype ft;
  wlab_func_type(f, &ft);
  size_t nargs = args ? args->size : 0, nres = results ? results->size : 0;
  if (nargs != ft.nparams || (nargs && !args->data))
    return call_refused(store, "wrong number of arguments");
  wlab_val small_a[8], small_r[8];
  wlab_val *a = ft.nparams <= 8 ? small_a : calloc(ft.nparams, sizeof *a);
  wlab_val *r = ft.nresults <= 8 ? small_r : calloc(ft.nresults, sizeof *r);
  wasm_trap_t *trap = NULL;
  if (!a || !r) {
    trap = call_refused(store, "out of memory");
    goto out;
  }
  for (uint32_t i = 0; i < ft.nparams; i++)
    if (!capi_val_to_wlab(&args->data[i], ft.params[i], &a[i])) {
      char msg[96];
      snprintf(msg, sizeof msg, "argument %u is not a %s", i, wlab_valtype_name(ft.params[i]));
      trap = call_refused(store, msg);
      goto out;
    }
  wlab_error err;
  capi_trap_pending_clear();
  if (wlab_func_call(f, a, ft.nparams, r, ft.nresults, &err) != WLAB_OK) {
    trap = capi_trap_from_error(store, &err);
    goto out;
  }
  /* room for the results is checked after the call: a call that traps needs none (hosts pass
   * an empty vector to functions they expect to trap) */
  if (nres < ft.nresults || (ft.nresults && !results->data)) {
    trap = call_refused(store, "results vector too small");
    goto out;
  }
  for (uint32_t i = 0; i < ft.nresults; i++)
    capi_val_from_wlab(store, &r[i], &results->data[i]);
out:
  capi_trap_pending_clear();
  if (a && a != small_a)
    free(a);
  if (r && r != small_r)
    free(r);
  return trap;
}

/* ---- globals ------------------------------------------------------------------------------ */

wasm_global_t *wasm_global_new(wasm_store_t *store, const wasm_globaltype_t *type, const wasm_val_t *val)
{
  const capi_type *t = (const capi_type *)type;
  if (!store || !t || t->kind != WASM_EXTERN_GLOBAL || !t->content || !val)
    return NULL;
  wlab_globaltype gt = {.type = capi_valkind_to_wlab(t->content->kind), .mut = t->mut == WASM_VAR};
  wlab_val v;
  if (!capi_val_to_wlab(val, gt.type, &v))
    return NULL;
  wlab_error err;
  wlab_global *g = wlab_global_new(store->engine->e, &gt, &v, &err);
  return g ? host_object(store, WLAB_EXTERN_GLOBAL, g) : NULL;
}

wasm_globaltype_t *wasm_global_type(const wasm_global_t *h)
{
  capi_obj *o = ext_of(h, CAPI_GLOBAL);
  if (!o)
    return NULL;
  wlab_externtype et = {.kind = WLAB_EXTERN_GLOBAL};
  wlab_global_type(o->u.ext.ext.of.global, &et.of.global);
  return wasm_externtype_as_globaltype(capi_externtype_from_wlab(&et));
}

void wasm_global_get(const wasm_global_t *h, wasm_val_t *out)
{
  capi_obj *o = ext_of(h, CAPI_GLOBAL);
  if (!out)
    return;
  if (!o) {
    out->kind = WASM_EXTERNREF;
    out->of.ref = NULL;
    return;
  }
  wlab_val v;
  wlab_global_get(o->u.ext.ext.of.global, &v);
  capi_val_from_wlab(o->store, &v, out);
}

/* An immutable global or a value of another type leaves the global as it was. */
void wasm_global_set(wasm_global_t *h, const wasm_val_t *val)
{
  capi_obj *o = ext_of(h, CAPI_GLOBAL);
  if (!o || !val)
    return;
  wlab_globaltype gt;
  wlab_global_type(o->u.ext.ext.of.global, &gt);
  wlab_val v;
  wlab_error err;
  if (gt.mut && capi_val_to_wlab(val, gt.type, &v))
    wlab_global_set(o->u.ext.ext.of.global, &v, &err);
}

/* ---- tables ------------------------------------------------------------------------------- */

static bool table_ref(const capi_obj *t, wasm_ref_t *r, void **out)
{
  wlab_tabletype tt;
  wlab_table_type(t->u.ext.ext.of.table, &tt);
  return ref_to_wlab(r, tt.elem, out);
}

wasm_table_t *wasm_table_new(wasm_store_t *store, const wasm_tabletype_t *type, wasm_ref_t *init)
{
  const capi_type *t = (const capi_type *)type;
  if (!store || !t || t->kind != WASM_EXTERN_TABLE || !t->content)
    return NULL;
  wlab_tabletype tt = {.elem = capi_valkind_to_wlab(t->content->kind)};
  capi_limits_to_wlab(&t->limits, &tt.limits);
  void *r;
  if (!ref_to_wlab(init, tt.elem, &r))
    return NULL;
  wlab_error err;
  wlab_table *tab = wlab_table_new(store->engine->e, &tt, r, &err);
  return tab ? host_object(store, WLAB_EXTERN_TABLE, tab) : NULL;
}

wasm_tabletype_t *wasm_table_type(const wasm_table_t *h)
{
  capi_obj *o = ext_of(h, CAPI_TABLE);
  if (!o)
    return NULL;
  wlab_externtype et = {.kind = WLAB_EXTERN_TABLE};
  wlab_table_type(o->u.ext.ext.of.table, &et.of.table);
  return wasm_externtype_as_tabletype(capi_externtype_from_wlab(&et));
}

/* NULL for a null element and for an index out of bounds alike. */
wasm_ref_t *wasm_table_get(const wasm_table_t *h, wasm_table_size_t index)
{
  capi_obj *o = ext_of(h, CAPI_TABLE);
  wlab_val v;
  wlab_error err;
  if (!o || wlab_table_get(o->u.ext.ext.of.table, index, &v, &err) != WLAB_OK)
    return NULL;
  return ref_from_wlab(o->store, v.type, v.of.ref);
}

bool wasm_table_set(wasm_table_t *h, wasm_table_size_t index, wasm_ref_t *ref)
{
  capi_obj *o = ext_of(h, CAPI_TABLE);
  wlab_val v = {0};
  wlab_error err;
  if (!o || index >= wlab_table_size(o->u.ext.ext.of.table) || !table_ref(o, ref, &v.of.ref))
    return false;
  wlab_tabletype tt;
  wlab_table_type(o->u.ext.ext.of.table, &tt);
  v.type = tt.elem;
  return wlab_table_set(o->u.ext.ext.of.table, index, &v, &err) == WLAB_OK;
}

wasm_table_size_t wasm_table_size(const wasm_table_t *h)
{
  capi_obj *o = ext_of(h, CAPI_TABLE);
  return o ? wlab_table_size(o->u.ext.ext.of.table) : 0;
}

bool wasm_table_grow(wasm_table_t *h, wasm_table_size_t delta, wasm_ref_t *init)
{
  capi_obj *o = ext_of(h, CAPI_TABLE);
  void *r;
  wlab_error err;
  if (!o || !table_ref(o, init, &r))
    return false;
  return wlab_table_grow(o->u.ext.ext.of.table, delta, r, NULL, &err) == WLAB_OK;
}

/* ---- memories ----------------------------------------------------------------------------- */

wasm_memory_t *wasm_memory_new(wasm_store_t *store, const wasm_memorytype_t *type)
{
  const capi_type *t = (const capi_type *)type;
  if (!store || !t || t->kind != WASM_EXTERN_MEMORY)
    return NULL;
  wlab_memorytype mt;
  capi_limits_to_wlab(&t->limits, &mt.limits);
  wlab_error err;
  wlab_memory *m = wlab_memory_new(store->engine->e, &mt, &err);
  return m ? host_object(store, WLAB_EXTERN_MEMORY, m) : NULL;
}

wasm_memorytype_t *wasm_memory_type(const wasm_memory_t *h)
{
  capi_obj *o = ext_of(h, CAPI_MEMORY);
  if (!o)
    return NULL;
  wlab_externtype et = {.kind = WLAB_EXTERN_MEMORY};
  wlab_memory_type(o->u.ext.ext.of.memory, &et.of.memory);
  return wasm_externtype_as_memorytype(capi_externtype_from_wlab(&et));
}

byte_t *wasm_memory_data(wasm_memory_t *h)
{
  capi_obj *o = ext_of(h, CAPI_MEMORY);
  size_t size;
  return o ? (byte_t *)wlab_memory_data(o->u.ext.ext.of.memory, &size) : NULL;
}

size_t wasm_memory_data_size(const wasm_memory_t *h)
{
  capi_obj *o = ext_of(h, CAPI_MEMORY);
  size_t size = 0;
  if (o)
    wlab_memory_data(o->u.ext.ext.of.memory, &size);
  return size;
}

wasm_memory_pages_t wasm_memory_size(const wasm_memory_t *h)
{
  capi_obj *o = ext_of(h, CAPI_MEMORY);
  return o ? wlab_memory_pages(o->u.ext.ext.of.memory) : 0;
}

bool wasm_memory_grow(wasm_memory_t *h, wasm_memory_pages_t delta)
{
  capi_obj *o = ext_of(h, CAPI_MEMORY);
  wlab_error err;
  return o && wlab_memory_grow(o->u.ext.ext.of.memory, delta, NULL, &err) == WLAB_OK;
}
