/* vec.c: the vectors of wasm.h (bytes, values, and pointers to every object kind) and values. */
#include "capi/capi.h"

#include <string.h>

/*
 * Every vector is {size, data}.  new_uninitialized zeroes its array (pointer vectors then hold
 * NULLs, which delete skips), so a host that fills only part of one can still delete it.  An
 * allocation that fails leaves an empty vector: the API has no way to say so otherwise.
 */

static void *vec_alloc(size_t n, size_t elem)
{
  return n ? calloc(n, elem) : NULL;
}

/* Vectors of plain elements copied bit for bit. */
#define CAPI_VEC_PLAIN(name, elem_t)                                                             \
  void wasm_##name##_vec_new_empty(wasm_##name##_vec_t *out)                                     \
  {                                                                                              \
    out->size = 0;                                                                               \
    out->data = NULL;                                                                            \
  }                                                                                              \
  void wasm_##name##_vec_new_uninitialized(wasm_##name##_vec_t *out, size_t n)                   \
  {                                                                                              \
    out->data = vec_alloc(n, sizeof(elem_t));                                                    \
    out->size = out->data ? n : 0;                                                               \
  }                                                                                              \
  void wasm_##name##_vec_new(wasm_##name##_vec_t *out, size_t n, elem_t const src[])             \
  {                                                                                              \
    wasm_##name##_vec_new_uninitialized(out, n);                                                 \
    if (out->size && src)                                                                        \
      memcpy(out->data, src, n * sizeof(elem_t));                                                \
  }

CAPI_VEC_PLAIN(byte, wasm_byte_t)

void wasm_byte_vec_copy(wasm_byte_vec_t *out, const wasm_byte_vec_t *src)
{
  if (!src) {
    wasm_byte_vec_new_empty(out);
    return;
  }
  wasm_byte_vec_new(out, src->size, src->data);
}

void wasm_byte_vec_delete(wasm_byte_vec_t *v)
{
  if (!v)
    return;
  free(v->data);
  v->data = NULL;
  v->size = 0;
}

/* Values own the references in them: copies copy those, deletes delete them. */
void wasm_val_delete(wasm_val_t *v)
{
  if (v && wasm_valkind_is_ref(v->kind) && v->of.ref) {
    wasm_ref_delete(v->of.ref);
    v->of.ref = NULL;
  }
}

void wasm_val_copy(wasm_val_t *out, const wasm_val_t *v)
{
  if (!v) {
    out->kind = WASM_EXTERNREF;
    out->of.ref = NULL;
    return;
  }
  *out = *v;
  if (wasm_valkind_is_ref(v->kind) && v->of.ref)
    out->of.ref = wasm_ref_copy(v->of.ref);
}

CAPI_VEC_PLAIN(val, wasm_val_t)

void wasm_val_vec_copy(wasm_val_vec_t *out, const wasm_val_vec_t *src)
{
  wasm_val_vec_new_uninitialized(out, src ? src->size : 0);
  for (size_t i = 0; i < out->size; i++)
    wasm_val_copy(&out->data[i], &src->data[i]);
}

void wasm_val_vec_delete(wasm_val_vec_t *v)
{
  if (!v)
    return;
  for (size_t i = 0; i < v->size; i++)
    wasm_val_delete(&v->data[i]);
  free(v->data);
  v->data = NULL;
  v->size = 0;
}

/* Vectors of owned pointers: copies copy each element, deletes delete each. */
#define CAPI_VEC_PTR(name)                                                                       \
  CAPI_VEC_PLAIN(name, wasm_##name##_t *)                                                        \
  void wasm_##name##_vec_copy(wasm_##name##_vec_t *out, const wasm_##name##_vec_t *src)          \
  {                                                                                              \
    wasm_##name##_vec_new_uninitialized(out, src ? src->size : 0);                               \
    for (size_t i = 0; i < out->size; i++)                                                       \
      out->data[i] = src->data[i] ? wasm_##name##_copy(src->data[i]) : NULL;                     \
  }                                                                                              \
  void wasm_##name##_vec_delete(wasm_##name##_vec_t *v)                                          \
  {                                                                                              \
    if (!v)                                                                                      \
      return;                                                                                    \
    for (size_t i = 0; i < v->size; i++)                                                         \
      if (v->data[i])                                                                            \
        wasm_##name##_delete(v->data[i]);                                                        \
    free(v->data);                                                                               \
    v->data = NULL;                                                                              \
    v->size = 0;                                                                                 \
  }

CAPI_VEC_PTR(frame)
CAPI_VEC_PTR(extern)
CAPI_VEC_PTR(valtype)
CAPI_VEC_PTR(functype)
CAPI_VEC_PTR(globaltype)
CAPI_VEC_PTR(tabletype)
CAPI_VEC_PTR(memorytype)
CAPI_VEC_PTR(externtype)
CAPI_VEC_PTR(importtype)
CAPI_VEC_PTR(exporttype)
