/* extern.c: memories, tables, globals and functions as objects: import and export types, host objects, object operations. */
#include "wasmlab.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "instance.h"
#include "module.h"
#include "trap.h"

/*
 * Objects are the run-time structures themselves: a wlab_global is the global_cell code reads,
 * a wlab_table the table, a wlab_memory the memory, a wlab_func the function (instance.h), so an
 * object handed out twice is the same pointer, and importers share it.  Each records the
 * instance that defines it (its owner), which importers retain.
 *
 * A host object is the one export of a hidden instance made from a module generated here: a
 * module that imports a host function and exports it, or defines one global, table or memory
 * and exports it.  Instantiating it is the ordinary path, so a host memory gets the guard-page
 * reservation, a host table the limits, and a host function a wlab_func every tier can call.
 * An importer of a host function gets its own copy of it (instance.c, link_host), so that it is
 * the function's caller; the copy's origin field leads back to the object the host was given.
 */

/* ---- import and export types ------------------------------------------------------------- */

static void limits_out(const limits *l, wlab_limits *out)
{
  out->min = l->min;
  out->max = l->has_max ? l->max : 0;
  out->has_max = l->has_max;
}

static void type_of(const wlab_module *m, wlab_externkind kind, uint32_t index, wlab_externtype *out)
{
  memset(out, 0, sizeof *out);
  out->kind = kind;
  switch (kind) {
  case WLAB_EXTERN_FUNC:
    wlab_module_func_type(m, index, &out->of.func);
    break;
  case WLAB_EXTERN_TABLE:
    out->of.table.elem = (wlab_valtype)m->tables[index].elem;
    limits_out(&m->tables[index].lim, &out->of.table.limits);
    break;
  case WLAB_EXTERN_MEMORY:
    limits_out(&m->memories[index], &out->of.memory.limits);
    break;
  case WLAB_EXTERN_GLOBAL:
    out->of.global.type = (wlab_valtype)m->globals[index].type.type;
    out->of.global.mut = m->globals[index].type.mut;
    break;
  }
}

void wlab_module_import_type(const wlab_module *m, uint32_t i, wlab_externtype *out)
{
  type_of(m, m->imports[i].kind, m->imports[i].index, out);
}

void wlab_module_export_type(const wlab_module *m, uint32_t i, wlab_externtype *out)
{
  type_of(m, m->exports[i].kind, m->exports[i].index, out);
}

/* ---- instances and their objects --------------------------------------------------------- */

void wlab_instance_export(wlab_instance *inst, uint32_t i, wlab_extern *out)
{
  instance_export_object(inst, i, out);
}

wlab_instance *wlab_extern_instance(const wlab_extern *ext) { return instance_object_owner(ext); }

const wlab_module *wlab_instance_module(const wlab_instance *inst) { return inst->module; }

wlab_instance *wlab_func_instance(const wlab_func *f) { return f->origin ? f->origin->inst : f->inst; }

void *wlab_func_env(const wlab_func *f) { return f->host ? f->env : NULL; }

/* What the host is handed for a function reference: a host object, not an importer's copy. */
static void *ref_out(uint8_t type, void *ref)
{
  wlab_func *f = ref;
  return type == WLAB_FUNCREF && f && f->origin ? f->origin : ref;
}

/* ---- host objects ------------------------------------------------------------------------ */

static bool valtype_ok(wlab_valtype t)
{
  switch (t) {
  case WLAB_I32: case WLAB_I64: case WLAB_F32: case WLAB_F64: case WLAB_V128: case WLAB_FUNCREF:
  case WLAB_EXTERNREF:
    return true;
  }
  return false;
}

static bool reftype_ok(wlab_valtype t) { return t == WLAB_FUNCREF || t == WLAB_EXTERNREF; }

/* A module's bytes, written in place (sized by the caller). */
typedef struct wbuf {
  uint8_t *p;
  size_t n;
} wbuf;

static void put(wbuf *b, uint8_t byte) { b->p[b->n++] = byte; }

static void put_leb(wbuf *b, uint64_t v)
{
  do {
    uint8_t byte = v & 0x7f;
    v >>= 7;
    put(b, byte | (v ? 0x80 : 0));
  } while (v);
}

/* A section whose contents are body[0..len). */
static void put_section(wbuf *b, uint8_t id, const uint8_t *body, size_t len)
{
  put(b, id);
  put_leb(b, len);
  memcpy(b->p + b->n, body, len);
  b->n += len;
}

static void put_limits(wbuf *b, const wlab_limits *l)
{
  put(b, l->has_max ? 1 : 0);
  put_leb(b, l->min);
  if (l->has_max)
    put_leb(b, l->max);
}

/* The one export, named "", of index 0 of kind. */
static void put_export(wbuf *b, wlab_externkind kind)
{
  static const uint8_t exp[4][4] = {{1, 0, 0, 0}, {1, 0, 1, 0}, {1, 0, 2, 0}, {1, 0, 3, 0}};
  put_section(b, 7, exp[kind], 4);
}

/* A type's limits, as the binary format can hold them and the spec allows. */
static wlab_status limits_check(const wlab_limits *l, uint64_t bound, const char *what, wlab_error *err)
{
  if (l->min > bound || (l->has_max && l->max > bound))
    return error_set(err, WLAB_ERR_ARGUMENT, NULL, WLAB_NONE, NULL, WLAB_NONE, "%s type: limits past %llu", what,
                     (unsigned long long)bound);
  if (l->has_max && l->max < l->min)
    return error_set(err, WLAB_ERR_ARGUMENT, NULL, WLAB_NONE, NULL, WLAB_NONE,
                     "%s type: minimum %llu is above the maximum %llu", what, (unsigned long long)l->min,
                     (unsigned long long)l->max);
  return WLAB_OK;
}

/*
 * The hidden instance of a host object: generates the module, instantiates it, and returns the
 * instance (the caller owns its one reference) or NULL.  For a function: the module imports
 * "" "" of the type from a linker holding fn and env, and exports it.  Measured: wlab_func_new
 * plus its free is about 10,500 instructions (callgrind; 6-10 us wall), most of it malloc/free
 * of the module and instance and decoding; a host memory costs what a module's does (its
 * reservation's mmap/munmap, about 100 us).
 */
static wlab_instance *hidden_instance(wlab_engine *engine, wlab_externkind kind, const void *type, wlab_host_fn fn,
                                      void *env, wlab_error *err)
{
  uint8_t small[96], *bytes = small, body_small[64], *body = body_small;
  wbuf b = {NULL, 0}, s = {NULL, 0};
  size_t cap = sizeof small;
  wlab_module *m;
  wlab_instance *inst = NULL;
  if (kind == WLAB_EXTERN_FUNC) { /* the only part whose size the type decides */
    const wlab_functype *ft = type;
    size_t need = 16 + (size_t)ft->nparams + ft->nresults;
    if (need + 64 > cap) {
      cap = need + 64;
      bytes = malloc(cap);
      body = malloc(need);
      if (!bytes || !body) {
        if (bytes != small)
          free(bytes);
        if (body != body_small)
          free(body);
        error_set(err, WLAB_ERR_NOMEM, NULL, WLAB_NONE, NULL, WLAB_NONE, "out of memory");
        return NULL;
      }
    }
  }
  b.p = bytes;
  s.p = body;
  static const uint8_t header[8] = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};
  memcpy(b.p, header, 8);
  b.n = 8;
  switch (kind) {
  case WLAB_EXTERN_FUNC: {
    const wlab_functype *ft = type;
    static const uint8_t import[5] = {1, 0, 0, 0x00, 0}; /* "" "" func, type 0 */
    put(&s, 1);
    put(&s, 0x60);
    put_leb(&s, ft->nparams);
    for (uint32_t i = 0; i < ft->nparams; i++)
      put(&s, (uint8_t)ft->params[i]);
    put_leb(&s, ft->nresults);
    for (uint32_t i = 0; i < ft->nresults; i++)
      put(&s, (uint8_t)ft->results[i]);
    put_section(&b, 1, s.p, s.n);
    put_section(&b, 2, import, 5);
    break;
  }
  case WLAB_EXTERN_TABLE: {
    const wlab_tabletype *tt = type;
    put(&s, 1);
    put(&s, (uint8_t)tt->elem);
    put_limits(&s, &tt->limits);
    put_section(&b, 4, s.p, s.n);
    break;
  }
  case WLAB_EXTERN_MEMORY:
    put(&s, 1);
    put_limits(&s, &((const wlab_memorytype *)type)->limits);
    put_section(&b, 5, s.p, s.n);
    break;
  case WLAB_EXTERN_GLOBAL: {
    const wlab_globaltype *gt = type;
    put(&s, 1);
    put(&s, (uint8_t)gt->type);
    put(&s, gt->mut ? 1 : 0);
    switch (gt->type) { /* a zero of the type: wlab_global_new stores the value after */
    case WLAB_I32: put(&s, 0x41); put(&s, 0); break;
    case WLAB_I64: put(&s, 0x42); put(&s, 0); break;
    case WLAB_F32: put(&s, 0x43); for (int i = 0; i < 4; i++) put(&s, 0); break;
    case WLAB_F64: put(&s, 0x44); for (int i = 0; i < 8; i++) put(&s, 0); break;
    case WLAB_V128: put(&s, 0xfd); put(&s, 12); for (int i = 0; i < 16; i++) put(&s, 0); break;
    case WLAB_FUNCREF: case WLAB_EXTERNREF: put(&s, 0xd0); put(&s, (uint8_t)gt->type); break;
    }
    put(&s, 0x0b);
    put_section(&b, 6, s.p, s.n);
    break;
  }
  }
  put_export(&b, kind);
  m = wlab_module_new(engine, b.p, b.n, err);
  if (bytes != small)
    free(bytes);
  if (body != body_small)
    free(body);
  if (!m)
    return NULL;
  if (kind == WLAB_EXTERN_FUNC) {
    wlab_linker *l = wlab_linker_new(engine);
    if (!l)
      error_set(err, WLAB_ERR_NOMEM, NULL, WLAB_NONE, NULL, WLAB_NONE, "out of memory");
    else if (wlab_linker_define_func(l, "", "", type, fn, env, err) == WLAB_OK)
      inst = wlab_instance_new(l, m, err);
    wlab_linker_free(l);
  } else {
    inst = wlab_instance_new_externs(engine, m, NULL, 0, err);
  }
  wlab_module_free(m); /* the instance keeps it */
  return inst;
}

wlab_func *wlab_func_new(wlab_engine *engine, const wlab_functype *type, wlab_host_fn fn, void *env,
                         void (*finalizer)(void *env), wlab_error *err)
{
  wlab_instance *inst;
  wlab_func *f;
  if (!engine || !type || !fn || (type->nparams && !type->params) || (type->nresults && !type->results)) {
    error_set(err, WLAB_ERR_ARGUMENT, NULL, WLAB_NONE, NULL, WLAB_NONE, "no engine, type or function");
    return NULL;
  }
  for (uint32_t i = 0; i < type->nparams + type->nresults; i++) {
    wlab_valtype t = i < type->nparams ? type->params[i] : type->results[i - type->nparams];
    if (!valtype_ok(t)) {
      error_set(err, WLAB_ERR_ARGUMENT, NULL, WLAB_NONE, NULL, WLAB_NONE, "function type: 0x%x is no value type",
                (unsigned)t);
      return NULL;
    }
  }
  if (!(inst = hidden_instance(engine, WLAB_EXTERN_FUNC, type, fn, env, err)))
    return NULL;
  f = inst->funcs[0];
  f->origin = f;
  inst->finalizer = finalizer;
  inst->finalizer_env = env;
  return f;
}

/* A reference of type t the host gives (NULL is the null reference of either type). */
static void *ref_in(wlab_instance *owner, uint8_t t, void *ref)
{
  if (t == WLAB_FUNCREF)
    instance_ref_escapes(owner, ref);
  return ref;
}

wlab_global *wlab_global_new(wlab_engine *engine, const wlab_globaltype *type, const wlab_val *init, wlab_error *err)
{
  wlab_instance *inst;
  global_cell *g;
  if (!engine || !type || !init) {
    error_set(err, WLAB_ERR_ARGUMENT, NULL, WLAB_NONE, NULL, WLAB_NONE, "no engine, type or initial value");
    return NULL;
  }
  if (!valtype_ok(type->type) || init->type != type->type) {
    error_set(err, WLAB_ERR_ARGUMENT, NULL, WLAB_NONE, NULL, WLAB_NONE,
              "global type: the initial value is %s, the global holds %s", wlab_valtype_name(init->type),
              wlab_valtype_name(type->type));
    return NULL;
  }
  if (!(inst = hidden_instance(engine, WLAB_EXTERN_GLOBAL, type, NULL, NULL, err)))
    return NULL;
  g = inst->globals[0];
  instance_val_to_slot(init, g->v);
  if (type->type == WLAB_FUNCREF)
    ref_in(inst, WLAB_FUNCREF, init->of.ref);
  return g;
}

wlab_table *wlab_table_new(wlab_engine *engine, const wlab_tabletype *type, void *init, wlab_error *err)
{
  wlab_instance *inst;
  table *t;
  if (!engine || !type) {
    error_set(err, WLAB_ERR_ARGUMENT, NULL, WLAB_NONE, NULL, WLAB_NONE, "no engine or type");
    return NULL;
  }
  if (!reftype_ok(type->elem)) {
    error_set(err, WLAB_ERR_ARGUMENT, NULL, WLAB_NONE, NULL, WLAB_NONE, "table type: elements of %s, not a reference",
              wlab_valtype_name(type->elem));
    return NULL;
  }
  if (limits_check(&type->limits, UINT32_MAX, "table", err) != WLAB_OK)
    return NULL;
  if (!(inst = hidden_instance(engine, WLAB_EXTERN_TABLE, type, NULL, NULL, err)))
    return NULL;
  t = inst->tables[0];
  if (init) {
    ref_in(inst, t->elem, init);
    for (uint32_t i = 0; i < t->size; i++)
      t->elems[i] = init;
  }
  return t;
}

wlab_memory *wlab_memory_new(wlab_engine *engine, const wlab_memorytype *type, wlab_error *err)
{
  wlab_instance *inst;
  if (!engine || !type) {
    error_set(err, WLAB_ERR_ARGUMENT, NULL, WLAB_NONE, NULL, WLAB_NONE, "no engine or type");
    return NULL;
  }
  if (limits_check(&type->limits, LIMIT_MEMORY_PAGES, "memory", err) != WLAB_OK)
    return NULL;
  if (!(inst = hidden_instance(engine, WLAB_EXTERN_MEMORY, type, NULL, NULL, err)))
    return NULL;
  return inst->mem;
}

/* ---- globals ----------------------------------------------------------------------------- */

void wlab_global_type(const wlab_global *g, wlab_globaltype *out)
{
  out->type = (wlab_valtype)g->type;
  out->mut = g->mut;
}

void wlab_global_get(const wlab_global *g, wlab_val *out)
{
  instance_slot_to_val((wlab_valtype)g->type, g->v, out);
  if (g->type == WLAB_FUNCREF || g->type == WLAB_EXTERNREF)
    out->of.ref = ref_out(g->type, out->of.ref);
}

wlab_status wlab_global_set(wlab_global *g, const wlab_val *v, wlab_error *err)
{
  uint64_t slot[2] = {0, 0};
  if (!g || !v)
    return error_set(err, WLAB_ERR_ARGUMENT, NULL, WLAB_NONE, NULL, WLAB_NONE, "no global or value");
  if (!g->mut)
    return error_set(err, WLAB_ERR_ARGUMENT, NULL, WLAB_NONE, NULL, WLAB_NONE, "the global is immutable");
  if (v->type != g->type)
    return error_set(err, WLAB_ERR_ARGUMENT, NULL, WLAB_NONE, NULL, WLAB_NONE, "the value is %s, the global holds %s",
                     wlab_valtype_name(v->type), wlab_valtype_name((wlab_valtype)g->type));
  instance_val_to_slot(v, slot);
  if (g->type == WLAB_FUNCREF)
    ref_in(g->owner, WLAB_FUNCREF, v->of.ref);
  memcpy(g->v, slot, sizeof slot);
  return WLAB_OK;
}

/* ---- tables ------------------------------------------------------------------------------ */

void wlab_table_type(const wlab_table *t, wlab_tabletype *out)
{
  out->elem = (wlab_valtype)t->elem;
  out->limits.min = t->size;
  out->limits.has_max = t->max != UINT32_MAX;
  out->limits.max = out->limits.has_max ? t->max : 0;
}

uint32_t wlab_table_size(const wlab_table *t) { return t->size; }

static wlab_status table_oob(wlab_error *err)
{
  return error_set(err, WLAB_ERR_TRAP, NULL, WLAB_NONE, NULL, WLAB_NONE, "%s", trap_text(TRAP_TABLE_OOB));
}

wlab_status wlab_table_get(const wlab_table *t, uint32_t i, wlab_val *out, wlab_error *err)
{
  if (i >= t->size)
    return table_oob(err);
  out->type = (wlab_valtype)t->elem;
  memset(&out->of, 0, sizeof out->of);
  out->of.ref = ref_out(t->elem, t->elems[i]);
  return WLAB_OK;
}

wlab_status wlab_table_set(wlab_table *t, uint32_t i, const wlab_val *v, wlab_error *err)
{
  if (!v || v->type != t->elem)
    return error_set(err, WLAB_ERR_ARGUMENT, NULL, WLAB_NONE, NULL, WLAB_NONE, "the value is %s, the table holds %s",
                     v ? wlab_valtype_name(v->type) : "missing", wlab_valtype_name((wlab_valtype)t->elem));
  if (i >= t->size)
    return table_oob(err);
  t->elems[i] = ref_in(t->owner, t->elem, v->of.ref);
  return WLAB_OK;
}

wlab_status wlab_table_grow(wlab_table *t, uint32_t delta, void *init, uint32_t *old, wlab_error *err)
{
  uint32_t was = t->size;
  if (instance_grow_table(t, init, delta) == (uint32_t)-1)
    return error_set(err, WLAB_ERR_LIMIT, NULL, WLAB_NONE, NULL, WLAB_NONE,
                     "table of %u elements cannot grow by %u (its maximum is %u, the limit %u)", was, delta,
                     t->max, LIMIT_TABLE_SIZE);
  if (init && delta)
    ref_in(t->owner, t->elem, init);
  if (old)
    *old = was;
  return WLAB_OK;
}

/* ---- memories ---------------------------------------------------------------------------- */

void wlab_memory_type(const wlab_memory *mem, wlab_memorytype *out)
{
  const limits *l = mem->owner ? &mem->owner->module->memories[0] : NULL; /* as defined */
  out->limits.min = mem->size / WASM_PAGE;
  out->limits.has_max = l && l->has_max;
  out->limits.max = out->limits.has_max ? l->max : 0;
}

uint8_t *wlab_memory_data(wlab_memory *mem, size_t *size)
{
  if (size)
    *size = mem->size;
  return mem->base;
}

uint32_t wlab_memory_pages(const wlab_memory *mem) { return (uint32_t)(mem->size / WASM_PAGE); }

/* memory.grow's own code path (memory_grow): code of every instance sharing the memory reads
 * its size from it, and reloads its base after calls (docs/abi.md), so a growth by the host,
 * even inside a host function, is seen by the next access. */
wlab_status wlab_memory_grow(wlab_memory *mem, uint32_t delta, uint32_t *old, wlab_error *err)
{
  uint64_t was = mem->size / WASM_PAGE;
  if (memory_grow(mem, delta) < 0)
    return error_set(err, WLAB_ERR_LIMIT, NULL, WLAB_NONE, NULL, WLAB_NONE,
                     "memory of %llu pages cannot grow by %u (its maximum is %llu pages)", (unsigned long long)was,
                     delta, (unsigned long long)mem->max_pages);
  if (old)
    *old = (uint32_t)was;
  return WLAB_OK;
}
