/* store.c: configurations, engines, stores, modules (and sharing them) and instances. */
#include "capi/capi.h"

#include <string.h>

/* ---- configuration and engine ------------------------------------------------------------- */

wasm_config_t *wasm_config_new(void)
{
  wasm_config_t *c = malloc(sizeof *c);
  if (c)
    wlab_config_default(&c->cfg);
  return c;
}

void wasm_config_delete(wasm_config_t *c) { free(c); }

wasm_engine_t *wasm_engine_new_with_config(wasm_config_t *config)
{
  wasm_engine_t *e = malloc(sizeof *e);
  if (e) {
    if (config)
      e->cfg = config->cfg;
    else
      wlab_config_default(&e->cfg);
    e->cfg.tier = NULL; /* wlab_engine_new copies what it keeps; the defaults for the rest */
    e->cfg.ladder = NULL;
    e->cfg.opt_disable = NULL;
    if (!(e->e = wlab_engine_new(&e->cfg))) {
      free(e);
      e = NULL;
    }
  }
  free(config);
  return e;
}

wasm_engine_t *wasm_engine_new(void) { return wasm_engine_new_with_config(NULL); }

void wasm_engine_delete(wasm_engine_t *e)
{
  if (!e)
    return;
  wlab_engine_free(e->e);
  free(e);
}

/* ---- store ---------------------------------------------------------------------------------- */

wasm_store_t *wasm_store_new(wasm_engine_t *engine)
{
  wasm_store_t *s = engine ? calloc(1, sizeof *s) : NULL;
  if (s)
    s->engine = engine;
  return s;
}

/* Destroys every record left, running finalizers.  Records go newest first, so a record's
 * finalizer never sees an object made after it already gone. */
void wasm_store_delete(wasm_store_t *s)
{
  if (!s)
    return;
  while (s->objs)
    capi_obj_destroy(s->objs);
  free(s->map.keys);
  free(s->map.vals);
  free(s);
}

/* ---- modules -------------------------------------------------------------------------------- */

static wasm_module_t *module_wrap(wasm_store_t *store, wlab_module *m, const void *bytes, size_t len, bool artifact)
{
  capi_obj *o = capi_obj_new(store, CAPI_MODULE);
  uint8_t *copy = malloc(len ? len : 1);
  if (!o || !copy) {
    if (o)
      capi_obj_destroy(o);
    free(copy);
    wlab_module_free(m);
    return NULL;
  }
  memcpy(copy, bytes, len);
  o->u.module.m = m;
  o->u.module.bytes = copy;
  o->u.module.len = len;
  o->u.module.artifact = artifact;
  wasm_module_t *h = capi_handle_new(o);
  if (!h)
    capi_obj_destroy(o);
  return h;
}

wasm_module_t *wasm_module_new(wasm_store_t *store, const wasm_byte_vec_t *binary)
{
  if (!store || !binary || (!binary->data && binary->size))
    return NULL;
  wlab_error err;
  wlab_module *m = wlab_module_new(store->engine->e, (const uint8_t *)binary->data, binary->size, &err);
  if (!m)
    return NULL;
  return module_wrap(store, m, binary->data, binary->size, false);
}

bool wasm_module_validate(wasm_store_t *store, const wasm_byte_vec_t *binary)
{
  if (!store || !binary || (!binary->data && binary->size))
    return false;
  wlab_error err;
  wlab_module *m = wlab_module_new(store->engine->e, (const uint8_t *)binary->data, binary->size, &err);
  wlab_module_free(m);
  return m != NULL;
}

static const wlab_module *module_of(const wasm_module_t *h)
{
  capi_obj *o = capi_obj_of(h);
  return o && o->kind == CAPI_MODULE ? o->u.module.m : NULL;
}

static wasm_name_t name_of(const char *s, size_t len)
{
  wasm_name_t n;
  wasm_name_new(&n, len, s);
  return n;
}

void wasm_module_imports(const wasm_module_t *h, wasm_importtype_vec_t *out)
{
  const wlab_module *m = module_of(h);
  uint32_t n = m ? wlab_module_import_count(m) : 0;
  wasm_importtype_vec_new_uninitialized(out, n);
  for (uint32_t i = 0; i < out->size; i++) {
    wlab_extern_desc d;
    wlab_externtype t;
    wlab_module_import(m, i, &d);
    wlab_module_import_type(m, i, &t);
    wasm_name_t mod = name_of(d.module, d.module_len), name = name_of(d.name, d.name_len);
    out->data[i] = wasm_importtype_new(&mod, &name, capi_externtype_from_wlab(&t));
  }
}

void wasm_module_exports(const wasm_module_t *h, wasm_exporttype_vec_t *out)
{
  const wlab_module *m = module_of(h);
  uint32_t n = m ? wlab_module_export_count(m) : 0;
  wasm_exporttype_vec_new_uninitialized(out, n);
  for (uint32_t i = 0; i < out->size; i++) {
    wlab_extern_desc d;
    wlab_externtype t;
    wlab_module_export(m, i, &d);
    wlab_module_export_type(m, i, &t);
    wasm_name_t name = name_of(d.name, d.name_len);
    out->data[i] = wasm_exporttype_new(&name, capi_externtype_from_wlab(&t));
  }
}

/* An artifact of the optimising tier's code (docs/aot.md) for the engine's bounds mode; a module
 * that was itself loaded from an artifact gives those bytes back.  Empty when it cannot. */
void wasm_module_serialize(const wasm_module_t *h, wasm_byte_vec_t *out)
{
  capi_obj *o = capi_obj_of(h);
  wasm_byte_vec_new_empty(out);
  if (!o || o->kind != CAPI_MODULE)
    return;
  if (o->u.module.artifact) {
    wasm_byte_vec_new(out, o->u.module.len, (const wasm_byte_t *)o->u.module.bytes);
    return;
  }
  wasm_engine_t *e = o->store->engine;
  uint8_t *bytes = NULL;
  size_t len = 0;
  wlab_error err;
  if (wlab_module_serialize(e->e, o->u.module.bytes, o->u.module.len, NULL, e->cfg.bounds, &bytes, &len, &err) ==
      WLAB_OK)
    wasm_byte_vec_new(out, len, (const wasm_byte_t *)bytes);
  free(bytes);
}

/* NULL when the engine refuses the artifact (docs/embedding.md: which engines load them). */
wasm_module_t *wasm_module_deserialize(wasm_store_t *store, const wasm_byte_vec_t *bytes)
{
  if (!store || !bytes || !bytes->data || !wlab_is_artifact((const uint8_t *)bytes->data, bytes->size))
    return NULL;
  wlab_error err;
  wlab_module *m = wlab_module_deserialize(store->engine->e, (const uint8_t *)bytes->data, bytes->size, &err);
  if (!m)
    return NULL;
  return module_wrap(store, m, bytes->data, bytes->size, true);
}

/* Sharing: the module's bytes travel, and each store that obtains them builds its own module
 * from them (validation again; the engine's modules are not tied to a store, but this keeps a
 * store's objects its own). */
wasm_shared_module_t *wasm_module_share(const wasm_module_t *h)
{
  capi_obj *o = capi_obj_of(h);
  if (!o || o->kind != CAPI_MODULE)
    return NULL;
  wasm_shared_module_t *s = malloc(sizeof *s);
  if (!s || !(s->bytes = malloc(o->u.module.len ? o->u.module.len : 1))) {
    free(s);
    return NULL;
  }
  memcpy(s->bytes, o->u.module.bytes, o->u.module.len);
  s->len = o->u.module.len;
  s->artifact = o->u.module.artifact;
  return s;
}

void wasm_shared_module_delete(wasm_shared_module_t *s)
{
  if (!s)
    return;
  free(s->bytes);
  free(s);
}

wasm_module_t *wasm_module_obtain(wasm_store_t *store, const wasm_shared_module_t *s)
{
  if (!store || !s)
    return NULL;
  wasm_byte_vec_t v = {s->len, (wasm_byte_t *)s->bytes};
  return s->artifact ? wasm_module_deserialize(store, &v) : wasm_module_new(store, &v);
}

/* ---- instances ------------------------------------------------------------------------------ */

static wasm_trap_t *trap_text(wasm_store_t *store, wlab_status st, const char *msg)
{
  wlab_error err;
  memset(&err, 0, sizeof err);
  err.status = st;
  err.offset = err.func_index = WLAB_NONE;
  snprintf(err.message, sizeof err.message, "%s", msg);
  snprintf(err.text, sizeof err.text, "%s: %s", wlab_status_name(st), msg);
  return capi_trap_from_error(store, &err);
}

wasm_instance_t *wasm_instance_new(wasm_store_t *store, const wasm_module_t *module,
                                   const wasm_extern_vec_t *imports, wasm_trap_t **trap)
{
  if (trap)
    *trap = NULL;
  const wlab_module *m = module_of(module);
  if (!store || !m)
    return NULL;
  uint32_t n = wlab_module_import_count(m);
  size_t given = imports ? imports->size : 0;
  if (given != n || (n && !imports->data)) {
    if (trap) {
      char msg[96];
      snprintf(msg, sizeof msg, "the module has %u imports, %zu were given", n, given);
      *trap = trap_text(store, WLAB_ERR_UNLINKABLE, msg);
    }
    return NULL;
  }
  wlab_extern *ext = calloc(n ? n : 1, sizeof *ext);
  if (!ext)
    return NULL;
  for (uint32_t i = 0; i < n; i++) {
    capi_obj *o = capi_obj_of(imports->data[i]);
    if (!o || o->kind > CAPI_MEMORY || o->store != store) {
      free(ext);
      if (trap) {
        char msg[96];
        snprintf(msg, sizeof msg, "import %u is not a function, global, table or memory of this store", i);
        *trap = trap_text(store, WLAB_ERR_UNLINKABLE, msg);
      }
      return NULL;
    }
    ext[i] = o->u.ext.ext;
  }
  wlab_error err;
  wlab_instance *inst = wlab_instance_new_externs(store->engine->e, m, ext, n, &err);
  free(ext);
  if (!inst) {
    if (trap)
      *trap = capi_trap_from_error(store, &err);
    return NULL;
  }
  capi_obj *o = capi_obj_new(store, CAPI_INSTANCE);
  if (!o) {
    wlab_instance_free(inst);
    return NULL;
  }
  o->u.inst.inst = inst;
  o->key = inst;
  o->mapped = capi_map_put(&store->map, inst, o);
  wasm_instance_t *h = capi_handle_new(o);
  if (!h)
    capi_obj_destroy(o);
  return h;
}

void wasm_instance_exports(const wasm_instance_t *h, wasm_extern_vec_t *out)
{
  capi_obj *o = capi_obj_of(h);
  if (!o || o->kind != CAPI_INSTANCE) {
    wasm_extern_vec_new_empty(out);
    return;
  }
  wlab_instance *inst = o->u.inst.inst;
  uint32_t n = wlab_module_export_count(wlab_instance_module(inst));
  wasm_extern_vec_new_uninitialized(out, n);
  for (uint32_t i = 0; i < out->size; i++) {
    wlab_extern ext;
    wlab_instance_export(inst, i, &ext);
    out->data[i] = capi_handle_new(capi_extern_obj(o->store, &ext, false));
  }
}
