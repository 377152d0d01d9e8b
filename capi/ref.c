/* ref.c: object records and handles, host info, the wasm_ref_t views, foreign objects. */
#include "capi/capi.h"

#include <string.h>

/* ---- the store's map ------------------------------------------------------------------------ */

static const char map_tomb_;
#define CAPI_MAP_TOMB ((const void *)&map_tomb_)

static size_t map_slot(const void *key, size_t cap)
{
  uint64_t h = (uint64_t)(uintptr_t)key;
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull; /* a 64-bit mixer's multiplier: pointers are aligned, spread them */
  h ^= h >> 33;
  return (size_t)h & (cap - 1);
}

capi_obj *capi_map_get(const capi_map *map, const void *key)
{
  if (!map->cap || !key)
    return NULL;
  for (size_t i = map_slot(key, map->cap);; i = (i + 1) & (map->cap - 1)) {
    if (!map->keys[i])
      return NULL;
    if (map->keys[i] == key)
      return map->vals[i];
  }
}

static bool map_grow(capi_map *map)
{
  size_t cap = map->cap ? map->cap * 2 : 64;
  if (map->used * 4 < map->cap)
    cap = map->cap; /* mostly tombstones: rehash at the same size */
  const void **keys = calloc(cap, sizeof *keys);
  capi_obj **vals = calloc(cap, sizeof *vals);
  if (!keys || !vals) {
    free(keys);
    free(vals);
    return false;
  }
  for (size_t i = 0; i < map->cap; i++)
    if (map->keys[i] && map->keys[i] != CAPI_MAP_TOMB) {
      size_t j = map_slot(map->keys[i], cap);
      while (keys[j])
        j = (j + 1) & (cap - 1);
      keys[j] = map->keys[i];
      vals[j] = map->vals[i];
    }
  free(map->keys);
  free(map->vals);
  map->keys = keys;
  map->vals = vals;
  map->cap = cap;
  map->tombs = 0;
  return true;
}

bool capi_map_put(capi_map *map, const void *key, capi_obj *o)
{
  if ((map->used + map->tombs + 1) * 2 > map->cap && !map_grow(map))
    return false;
  size_t i = map_slot(key, map->cap);
  while (map->keys[i] && map->keys[i] != CAPI_MAP_TOMB)
    i = (i + 1) & (map->cap - 1);
  if (map->keys[i] == CAPI_MAP_TOMB)
    map->tombs--;
  map->keys[i] = key;
  map->vals[i] = o;
  map->used++;
  return true;
}

void capi_map_del(capi_map *map, const void *key)
{
  if (!map->cap)
    return;
  for (size_t i = map_slot(key, map->cap); map->keys[i]; i = (i + 1) & (map->cap - 1))
    if (map->keys[i] == key) {
      map->keys[i] = CAPI_MAP_TOMB;
      map->vals[i] = NULL;
      map->used--;
      map->tombs++;
      return;
    }
}

/* ---- records and handles -------------------------------------------------------------------- */

capi_obj *capi_obj_new(wasm_store_t *store, capi_kind kind)
{
  capi_obj *o = calloc(1, sizeof *o);
  if (!o)
    return NULL;
  o->kind = kind;
  o->store = store;
  o->self.obj = o;
  o->next = store->objs;
  if (store->objs)
    store->objs->prev = o;
  store->objs = o;
  return o;
}

void capi_obj_destroy(capi_obj *o)
{
  wasm_store_t *s = o->store;
  if (o->prev)
    o->prev->next = o->next;
  else
    s->objs = o->next;
  if (o->next)
    o->next->prev = o->prev;
  if (o->mapped)
    capi_map_del(&s->map, o->key);
  if (o->finalizer)
    o->finalizer(o->host_info);
  while (o->hlist) { /* handles the host never deleted go with their store */
    capi_handle *h = o->hlist;
    o->hlist = h->next;
    free(h);
  }
  switch (o->kind) {
  case CAPI_FUNC:
  case CAPI_GLOBAL:
  case CAPI_TABLE:
  case CAPI_MEMORY:
    if (o->u.ext.owner)
      wlab_instance_free(o->u.ext.owner);
    break;
  case CAPI_INSTANCE:
    wlab_instance_free(o->u.inst.inst);
    break;
  case CAPI_MODULE:
    wlab_module_free(o->u.module.m);
    free(o->u.module.bytes);
    break;
  case CAPI_TRAP:
    free(o->u.trap.msg);
    free(o->u.trap.frames);
    break;
  case CAPI_FOREIGN:
    break;
  }
  free(o);
}

void *capi_handle_new(capi_obj *o)
{
  if (!o)
    return NULL;
  capi_handle *h = malloc(sizeof *h);
  if (!h)
    return NULL;
  h->obj = o;
  h->prev = NULL;
  h->next = o->hlist;
  if (o->hlist)
    o->hlist->prev = h;
  o->hlist = h;
  o->handles++;
  return h;
}

void capi_handle_delete(void *handle)
{
  capi_obj *o = capi_obj_of(handle);
  if (!o)
    return;
  capi_handle *h = handle;
  if (h == &o->self)
    return; /* a borrowed handle (wasm_frame_instance): not the host's to delete */
  if (h->prev)
    h->prev->next = h->next;
  else
    o->hlist = h->next;
  if (h->next)
    h->next->prev = h->prev;
  free(h);
  if (--o->handles == 0 && !o->pinned)
    capi_obj_destroy(o);
}

capi_obj *capi_extern_obj(wasm_store_t *store, const wlab_extern *ext, bool owned)
{
  const void *key = ext->of.func; /* every member is a pointer: the union's first reads any */
  capi_obj *o = capi_map_get(&store->map, key);
  if (o) {
    if (owned)
      wlab_instance_free(wlab_extern_instance(ext));
    return o;
  }
  static const capi_kind kinds[] = {
    [WLAB_EXTERN_FUNC] = CAPI_FUNC, [WLAB_EXTERN_TABLE] = CAPI_TABLE,
    [WLAB_EXTERN_MEMORY] = CAPI_MEMORY, [WLAB_EXTERN_GLOBAL] = CAPI_GLOBAL,
  };
  if (!key || (unsigned)ext->kind > WLAB_EXTERN_GLOBAL || !(o = capi_obj_new(store, kinds[ext->kind]))) {
    if (owned && key)
      wlab_instance_free(wlab_extern_instance(ext));
    return NULL;
  }
  o->u.ext.ext = *ext;
  o->u.ext.owner = wlab_extern_instance(ext);
  if (!owned && o->u.ext.owner)
    wlab_instance_retain(o->u.ext.owner);
  o->key = key;
  o->mapped = capi_map_put(&store->map, key, o);
  return o;
}

/* ---- the reference base of every kind ----------------------------------------------------- */

static bool is_extern(capi_kind k) { return k <= CAPI_MEMORY; }

static void *ref_copy(const void *h)
{
  return capi_handle_new(capi_obj_of(h));
}

static bool ref_same(const void *a, const void *b)
{
  return capi_obj_of(a) == capi_obj_of(b);
}

static void *ref_host_info(const void *h)
{
  capi_obj *o = capi_obj_of(h);
  return o ? o->host_info : NULL;
}

static void ref_set_host_info(void *h, void *info, void (*fin)(void *))
{
  capi_obj *o = capi_obj_of(h);
  if (!o)
    return;
  /* the object keeps its host info for as long as it can be met again */
  if (is_extern(o->kind))
    o->pinned = true;
  o->host_info = info;
  o->finalizer = fin;
}

#define CAPI_REF_BASE(name)                                                                       \
  void wasm_##name##_delete(wasm_##name##_t *h) { capi_handle_delete(h); }                        \
  wasm_##name##_t *wasm_##name##_copy(const wasm_##name##_t *h) { return ref_copy(h); }           \
  bool wasm_##name##_same(const wasm_##name##_t *a, const wasm_##name##_t *b) { return ref_same(a, b); } \
  void *wasm_##name##_get_host_info(const wasm_##name##_t *h) { return ref_host_info(h); }        \
  void wasm_##name##_set_host_info(wasm_##name##_t *h, void *info) { ref_set_host_info(h, info, NULL); } \
  void wasm_##name##_set_host_info_with_finalizer(wasm_##name##_t *h, void *info, void (*fin)(void *)) \
  {                                                                                               \
    ref_set_host_info(h, info, fin);                                                              \
  }

/* as_ref views are casts: every reference type is a handle.  ref_as_X checks the kind. */
#define CAPI_REF(name, test)                                                                      \
  CAPI_REF_BASE(name)                                                                             \
  wasm_ref_t *wasm_##name##_as_ref(wasm_##name##_t *h) { return (wasm_ref_t *)h; }                \
  const wasm_ref_t *wasm_##name##_as_ref_const(const wasm_##name##_t *h) { return (const wasm_ref_t *)h; } \
  wasm_##name##_t *wasm_ref_as_##name(wasm_ref_t *r)                                              \
  {                                                                                               \
    capi_obj *o = capi_obj_of(r);                                                                 \
    return o && (test) ? (wasm_##name##_t *)r : NULL;                                             \
  }                                                                                               \
  const wasm_##name##_t *wasm_ref_as_##name##_const(const wasm_ref_t *r)                          \
  {                                                                                               \
    capi_obj *o = capi_obj_of(r);                                                                 \
    return o && (test) ? (const wasm_##name##_t *)r : NULL;                                       \
  }

CAPI_REF_BASE(ref)
CAPI_REF(trap, o->kind == CAPI_TRAP)
CAPI_REF(foreign, o->kind == CAPI_FOREIGN)
CAPI_REF(module, o->kind == CAPI_MODULE)
CAPI_REF(func, o->kind == CAPI_FUNC)
CAPI_REF(global, o->kind == CAPI_GLOBAL)
CAPI_REF(table, o->kind == CAPI_TABLE)
CAPI_REF(memory, o->kind == CAPI_MEMORY)
CAPI_REF(extern, is_extern(o->kind))
CAPI_REF(instance, o->kind == CAPI_INSTANCE)

/* ---- foreign objects ------------------------------------------------------------------------ */

wasm_foreign_t *wasm_foreign_new(wasm_store_t *store)
{
  if (!store)
    return NULL;
  capi_obj *o = capi_obj_new(store, CAPI_FOREIGN);
  wasm_foreign_t *h = capi_handle_new(o);
  if (o && !h)
    capi_obj_destroy(o);
  return h;
}
