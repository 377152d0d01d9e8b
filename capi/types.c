/* types.c: value, function, global, table, memory, extern, import and export types. */
#include "capi/capi.h"

#include <string.h>

/* ---- value types ---------------------------------------------------------------------------- */

static bool valkind_ok(wasm_valkind_t k)
{
  return k <= WASM_F64 || k == WASM_EXTERNREF || k == WASM_FUNCREF;
}

wasm_valtype_t *wasm_valtype_new(wasm_valkind_t k)
{
  if (!valkind_ok(k))
    return NULL;
  wasm_valtype_t *t = malloc(sizeof *t);
  if (t)
    t->kind = k;
  return t;
}

void wasm_valtype_delete(wasm_valtype_t *t) { free(t); }
wasm_valtype_t *wasm_valtype_copy(const wasm_valtype_t *t) { return t ? wasm_valtype_new(t->kind) : NULL; }
wasm_valkind_t wasm_valtype_kind(const wasm_valtype_t *t) { return t ? t->kind : WASM_I32; }

wlab_valtype capi_valkind_to_wlab(wasm_valkind_t k)
{
  switch (k) {
  case WASM_I32: return WLAB_I32;
  case WASM_I64: return WLAB_I64;
  case WASM_F32: return WLAB_F32;
  case WASM_F64: return WLAB_F64;
  case WASM_FUNCREF: return WLAB_FUNCREF;
  default: return WLAB_EXTERNREF;
  }
}

bool capi_valkind_from_wlab(wlab_valtype t, wasm_valkind_t *out)
{
  switch (t) {
  case WLAB_I32: *out = WASM_I32; return true;
  case WLAB_I64: *out = WASM_I64; return true;
  case WLAB_F32: *out = WASM_F32; return true;
  case WLAB_F64: *out = WASM_F64; return true;
  case WLAB_FUNCREF: *out = WASM_FUNCREF; return true;
  case WLAB_EXTERNREF: *out = WASM_EXTERNREF; return true;
  default: return false; /* v128: the C API has no kind for it */
  }
}

/* ---- the four extern types, one structure ------------------------------------------------- */

static capi_type *type_new(wasm_externkind_t kind)
{
  capi_type *t = calloc(1, sizeof *t);
  if (t)
    t->kind = kind;
  return t;
}

static void type_delete(capi_type *t)
{
  if (!t)
    return;
  wasm_valtype_vec_delete(&t->params);
  wasm_valtype_vec_delete(&t->results);
  wasm_valtype_delete(t->content);
  free(t);
}

static capi_type *type_copy(const capi_type *t)
{
  if (!t)
    return NULL;
  capi_type *c = type_new(t->kind);
  if (!c)
    return NULL;
  c->mut = t->mut;
  c->limits = t->limits;
  wasm_valtype_vec_copy(&c->params, &t->params);
  wasm_valtype_vec_copy(&c->results, &t->results);
  c->content = wasm_valtype_copy(t->content);
  if (c->params.size != t->params.size || c->results.size != t->results.size || (t->content && !c->content)) {
    type_delete(c);
    return NULL;
  }
  return c;
}

#define CAPI_TYPE_BASICS(name, kind_)                                                            \
  void wasm_##name##_delete(wasm_##name##_t *t) { type_delete((capi_type *)t); }                 \
  wasm_##name##_t *wasm_##name##_copy(const wasm_##name##_t *t)                                  \
  {                                                                                              \
    return (wasm_##name##_t *)type_copy((const capi_type *)t);                                   \
  }                                                                                              \
  wasm_externtype_t *wasm_##name##_as_externtype(wasm_##name##_t *t) { return (wasm_externtype_t *)t; } \
  const wasm_externtype_t *wasm_##name##_as_externtype_const(const wasm_##name##_t *t)           \
  {                                                                                              \
    return (const wasm_externtype_t *)t;                                                         \
  }                                                                                              \
  wasm_##name##_t *wasm_externtype_as_##name(wasm_externtype_t *t)                               \
  {                                                                                              \
    return t && ((capi_type *)t)->kind == kind_ ? (wasm_##name##_t *)t : NULL;                   \
  }                                                                                              \
  const wasm_##name##_t *wasm_externtype_as_##name##_const(const wasm_externtype_t *t)           \
  {                                                                                              \
    return t && ((const capi_type *)t)->kind == kind_ ? (const wasm_##name##_t *)t : NULL;       \
  }

CAPI_TYPE_BASICS(functype, WASM_EXTERN_FUNC)
CAPI_TYPE_BASICS(globaltype, WASM_EXTERN_GLOBAL)
CAPI_TYPE_BASICS(tabletype, WASM_EXTERN_TABLE)
CAPI_TYPE_BASICS(memorytype, WASM_EXTERN_MEMORY)

void wasm_externtype_delete(wasm_externtype_t *t) { type_delete((capi_type *)t); }
wasm_externtype_t *wasm_externtype_copy(const wasm_externtype_t *t)
{
  return (wasm_externtype_t *)type_copy((const capi_type *)t);
}
wasm_externkind_t wasm_externtype_kind(const wasm_externtype_t *t)
{
  return t ? ((const capi_type *)t)->kind : WASM_EXTERN_FUNC;
}

/* Function types take the vectors' elements over (the vectors are left empty). */
wasm_functype_t *wasm_functype_new(wasm_valtype_vec_t *params, wasm_valtype_vec_t *results)
{
  capi_type *t = type_new(WASM_EXTERN_FUNC);
  if (!t) {
    wasm_valtype_vec_delete(params);
    wasm_valtype_vec_delete(results);
    return NULL;
  }
  if (params) {
    t->params = *params;
    params->size = 0;
    params->data = NULL;
  }
  if (results) {
    t->results = *results;
    results->size = 0;
    results->data = NULL;
  }
  return (wasm_functype_t *)t;
}

static const wasm_valtype_vec_t empty_types = {0, NULL};

const wasm_valtype_vec_t *wasm_functype_params(const wasm_functype_t *t)
{
  return t ? &((const capi_type *)t)->params : &empty_types;
}

const wasm_valtype_vec_t *wasm_functype_results(const wasm_functype_t *t)
{
  return t ? &((const capi_type *)t)->results : &empty_types;
}

wasm_globaltype_t *wasm_globaltype_new(wasm_valtype_t *content, wasm_mutability_t mut)
{
  capi_type *t = content && mut <= WASM_VAR ? type_new(WASM_EXTERN_GLOBAL) : NULL;
  if (!t) {
    wasm_valtype_delete(content);
    return NULL;
  }
  t->content = content;
  t->mut = mut;
  return (wasm_globaltype_t *)t;
}

const wasm_valtype_t *wasm_globaltype_content(const wasm_globaltype_t *t)
{
  return t ? ((const capi_type *)t)->content : NULL;
}

wasm_mutability_t wasm_globaltype_mutability(const wasm_globaltype_t *t)
{
  return t ? ((const capi_type *)t)->mut : WASM_CONST;
}

wasm_tabletype_t *wasm_tabletype_new(wasm_valtype_t *elem, const wasm_limits_t *limits)
{
  capi_type *t = elem && limits && wasm_valkind_is_ref(elem->kind) ? type_new(WASM_EXTERN_TABLE) : NULL;
  if (!t) {
    wasm_valtype_delete(elem);
    return NULL;
  }
  t->content = elem;
  t->limits = *limits;
  return (wasm_tabletype_t *)t;
}

const wasm_valtype_t *wasm_tabletype_element(const wasm_tabletype_t *t)
{
  return t ? ((const capi_type *)t)->content : NULL;
}

const wasm_limits_t *wasm_tabletype_limits(const wasm_tabletype_t *t)
{
  return t ? &((const capi_type *)t)->limits : NULL;
}

wasm_memorytype_t *wasm_memorytype_new(const wasm_limits_t *limits)
{
  capi_type *t = limits ? type_new(WASM_EXTERN_MEMORY) : NULL;
  if (t)
    t->limits = *limits;
  return (wasm_memorytype_t *)t;
}

const wasm_limits_t *wasm_memorytype_limits(const wasm_memorytype_t *t)
{
  return t ? &((const capi_type *)t)->limits : NULL;
}

/* ---- from and to the engine's types ------------------------------------------------------- */

void capi_limits_to_wlab(const wasm_limits_t *in, wlab_limits *out)
{
  out->min = in->min;
  out->has_max = in->max != wasm_limits_max_default;
  out->max = out->has_max ? in->max : 0;
}

void capi_limits_from_wlab(const wlab_limits *in, wasm_limits_t *out)
{
  out->min = in->min > UINT32_MAX ? UINT32_MAX : (uint32_t)in->min;
  out->max = !in->has_max || in->max >= UINT32_MAX ? wasm_limits_max_default : (uint32_t)in->max;
}

static bool valtypes_from_wlab(wasm_valtype_vec_t *out, uint32_t n, const wlab_valtype *ts)
{
  wasm_valtype_vec_new_uninitialized(out, n);
  if (out->size != n)
    return false;
  for (uint32_t i = 0; i < n; i++) {
    wasm_valkind_t k;
    if (!capi_valkind_from_wlab(ts[i], &k) || !(out->data[i] = wasm_valtype_new(k)))
      return false;
  }
  return true;
}

wasm_functype_t *capi_functype_from_wlab(const wlab_functype *ft)
{
  capi_type *t = type_new(WASM_EXTERN_FUNC);
  if (t && valtypes_from_wlab(&t->params, ft->nparams, ft->params) &&
      valtypes_from_wlab(&t->results, ft->nresults, ft->results))
    return (wasm_functype_t *)t;
  type_delete(t);
  return NULL;
}

wasm_externtype_t *capi_externtype_from_wlab(const wlab_externtype *et)
{
  capi_type *t = NULL;
  wasm_valkind_t k;
  switch (et->kind) {
  case WLAB_EXTERN_FUNC:
    return (wasm_externtype_t *)capi_functype_from_wlab(&et->of.func);
  case WLAB_EXTERN_GLOBAL:
    if (!capi_valkind_from_wlab(et->of.global.type, &k) || !(t = type_new(WASM_EXTERN_GLOBAL)))
      return NULL;
    t->mut = et->of.global.mut ? WASM_VAR : WASM_CONST;
    break;
  case WLAB_EXTERN_TABLE:
    if (!capi_valkind_from_wlab(et->of.table.elem, &k) || !(t = type_new(WASM_EXTERN_TABLE)))
      return NULL;
    capi_limits_from_wlab(&et->of.table.limits, &t->limits);
    break;
  case WLAB_EXTERN_MEMORY:
    if (!(t = type_new(WASM_EXTERN_MEMORY)))
      return NULL;
    capi_limits_from_wlab(&et->of.memory.limits, &t->limits);
    return (wasm_externtype_t *)t;
  default:
    return NULL;
  }
  if (!(t->content = wasm_valtype_new(k))) {
    type_delete(t);
    return NULL;
  }
  return (wasm_externtype_t *)t;
}

bool capi_functype_to_wlab(const wasm_functype_t *ft, wlab_functype *out, wlab_valtype **arrays)
{
  const capi_type *t = (const capi_type *)ft;
  *arrays = NULL;
  if (!t || t->kind != WASM_EXTERN_FUNC || t->params.size > UINT32_MAX / 2 || t->results.size > UINT32_MAX / 2)
    return false;
  size_t n = t->params.size + t->results.size;
  wlab_valtype *a = malloc((n ? n : 1) * sizeof *a);
  if (!a)
    return false;
  for (size_t i = 0; i < t->params.size; i++) {
    if (!t->params.data[i])
      goto bad;
    a[i] = capi_valkind_to_wlab(t->params.data[i]->kind);
  }
  for (size_t i = 0; i < t->results.size; i++) {
    if (!t->results.data[i])
      goto bad;
    a[t->params.size + i] = capi_valkind_to_wlab(t->results.data[i]->kind);
  }
  out->nparams = (uint32_t)t->params.size;
  out->nresults = (uint32_t)t->results.size;
  out->params = a;
  out->results = a + t->params.size;
  *arrays = a;
  return true;
bad:
  free(a);
  return false;
}

/* ---- import and export types ---------------------------------------------------------------- */

static void name_take(wasm_name_t *dst, wasm_name_t *src)
{
  if (src) {
    *dst = *src;
    src->size = 0;
    src->data = NULL;
  } else {
    wasm_name_new_empty(dst);
  }
}

wasm_importtype_t *wasm_importtype_new(wasm_name_t *module, wasm_name_t *name, wasm_externtype_t *type)
{
  wasm_importtype_t *t = type ? calloc(1, sizeof *t) : NULL;
  if (!t) {
    wasm_name_delete(module);
    wasm_name_delete(name);
    wasm_externtype_delete(type);
    return NULL;
  }
  name_take(&t->module, module);
  name_take(&t->name, name);
  t->type = type;
  return t;
}

void wasm_importtype_delete(wasm_importtype_t *t)
{
  if (!t)
    return;
  wasm_name_delete(&t->module);
  wasm_name_delete(&t->name);
  wasm_externtype_delete(t->type);
  free(t);
}

wasm_importtype_t *wasm_importtype_copy(const wasm_importtype_t *t)
{
  if (!t)
    return NULL;
  wasm_name_t m, n;
  wasm_name_copy(&m, &t->module);
  wasm_name_copy(&n, &t->name);
  return wasm_importtype_new(&m, &n, wasm_externtype_copy(t->type));
}

const wasm_name_t *wasm_importtype_module(const wasm_importtype_t *t) { return t ? &t->module : NULL; }
const wasm_name_t *wasm_importtype_name(const wasm_importtype_t *t) { return t ? &t->name : NULL; }
const wasm_externtype_t *wasm_importtype_type(const wasm_importtype_t *t) { return t ? t->type : NULL; }

wasm_exporttype_t *wasm_exporttype_new(wasm_name_t *name, wasm_externtype_t *type)
{
  wasm_exporttype_t *t = type ? calloc(1, sizeof *t) : NULL;
  if (!t) {
    wasm_name_delete(name);
    wasm_externtype_delete(type);
    return NULL;
  }
  name_take(&t->name, name);
  t->type = type;
  return t;
}

void wasm_exporttype_delete(wasm_exporttype_t *t)
{
  if (!t)
    return;
  wasm_name_delete(&t->name);
  wasm_externtype_delete(t->type);
  free(t);
}

wasm_exporttype_t *wasm_exporttype_copy(const wasm_exporttype_t *t)
{
  if (!t)
    return NULL;
  wasm_name_t n;
  wasm_name_copy(&n, &t->name);
  return wasm_exporttype_new(&n, wasm_externtype_copy(t->type));
}

const wasm_name_t *wasm_exporttype_name(const wasm_exporttype_t *t) { return t ? &t->name : NULL; }
const wasm_externtype_t *wasm_exporttype_type(const wasm_exporttype_t *t) { return t ? t->type : NULL; }
