/* api.c: the public embedding API (wasmlab.h) over the decoder, validator and IR. */
#include "wasmlab.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "decode.h"
#include "error.h"
#include "module.h"
#include "validate.h"

struct wlab_engine {
  wlab_config cfg;
};

const char *wlab_version(void) { return WLAB_VERSION; }

const char *wlab_valtype_name(wlab_valtype t)
{
  switch (t) {
  case WLAB_I32: return "i32";
  case WLAB_I64: return "i64";
  case WLAB_F32: return "f32";
  case WLAB_F64: return "f64";
  case WLAB_V128: return "v128";
  case WLAB_FUNCREF: return "funcref";
  case WLAB_EXTERNREF: return "externref";
  }
  return "?";
}

wlab_engine *wlab_engine_new(const wlab_config *cfg)
{
  wlab_engine *e = calloc(1, sizeof *e);
  if (!e)
    return NULL;
  e->cfg.features = cfg ? cfg->features : WLAB_FEATURES_DEFAULT;
  opcodes_init();
  return e;
}

void wlab_engine_free(wlab_engine *engine) { free(engine); }

/* No execution tier is linked into this build yet (the interpreter comes next). */
const char *wlab_engine_tiers(const wlab_engine *engine)
{
  (void)engine;
  return "";
}

static uint64_t now_ns(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

wlab_module *wlab_module_new(wlab_engine *engine, const uint8_t *bytes, size_t len, wlab_error *err)
{
  wlab_module *m;
  uint64_t t0;
  if (!engine || (!bytes && len)) {
    error_set(err, WLAB_ERR_ARGUMENT, NULL, WLAB_NONE, NULL, WLAB_NONE, "no engine or no bytes");
    return NULL;
  }
  m = calloc(1, sizeof *m);
  if (!m) {
    error_set(err, WLAB_ERR_NOMEM, NULL, WLAB_NONE, NULL, WLAB_NONE, "out of memory");
    return NULL;
  }
  m->features = engine->cfg.features;
  t0 = now_ns();
  if (decode_module(m, bytes ? bytes : (const uint8_t *)"", len, err) != WLAB_OK) {
    wlab_module_free(m);
    return NULL;
  }
  m->decode_ns = now_ns() - t0;
  if (validate_module(m, bytes, len, err) != WLAB_OK) {
    wlab_module_free(m);
    return NULL;
  }
  return m;
}

void wlab_module_free(wlab_module *m)
{
  if (!m)
    return;
  arena_free(&m->mem);
  free(m);
}

uint32_t wlab_module_import_count(const wlab_module *m) { return m->nimports; }
uint32_t wlab_module_export_count(const wlab_module *m) { return m->nexports; }

void wlab_module_import(const wlab_module *m, uint32_t i, wlab_extern_desc *out)
{
  const import *im = &m->imports[i];
  out->module = im->module;
  out->module_len = im->module_len;
  out->name = im->name;
  out->name_len = im->name_len;
  out->kind = im->kind;
  out->index = im->index;
}

void wlab_module_export(const wlab_module *m, uint32_t i, wlab_extern_desc *out)
{
  const export *e = &m->exports[i];
  out->module = NULL;
  out->module_len = 0;
  out->name = e->name;
  out->name_len = e->name_len;
  out->kind = e->kind;
  out->index = e->index;
}

uint32_t wlab_module_func_count(const wlab_module *m) { return m->nfuncs; }

void wlab_module_func_type(const wlab_module *m, uint32_t func, wlab_functype *out)
{
  const functype *ft = &m->types[m->funcs[func].type_index];
  out->nparams = ft->nparams;
  out->nresults = ft->nresults;
  out->params = ft->params;
  out->results = ft->results;
}

const char *wlab_module_func_name(const wlab_module *m, uint32_t func)
{
  return func < m->nfuncs ? m->funcs[func].name : NULL;
}

uint32_t wlab_module_find_func(const wlab_module *m, const char *s)
{
  char *end;
  unsigned long idx;
  if (!s || !*s)
    return WLAB_NONE;
  for (uint32_t i = 0; i < m->nfuncs; i++)
    if (m->funcs[i].name && strcmp(m->funcs[i].name, s) == 0)
      return i;
  for (uint32_t i = 0; i < m->nexports; i++)
    if (m->exports[i].kind == WLAB_EXTERN_FUNC && strcmp(m->exports[i].name, s) == 0)
      return m->exports[i].index;
  idx = strtoul(s, &end, 10);
  if (*end == 0 && s[0] >= '0' && s[0] <= '9' && idx < m->nfuncs)
    return (uint32_t)idx;
  return WLAB_NONE;
}

void wlab_module_stats_get(const wlab_module *m, wlab_module_stats *out)
{
  out->funcs_defined = m->nfuncs - m->nimported_funcs;
  out->code_bytes = m->code_bytes;
  out->ir_insts = m->ir_insts;
  out->decode_ns = m->decode_ns;
  out->validate_ns = m->validate_ns;
}

wlab_status wlab_module_dump(const wlab_module *m, wlab_dump_kind kind, uint32_t func, FILE *out, wlab_error *err)
{
  if (kind != WLAB_DUMP_IR)
    return error_set(err, WLAB_ERR_UNSUPPORTED, NULL, WLAB_NONE, NULL, WLAB_NONE, "unknown dump kind %d", (int)kind);
  if (func != WLAB_NONE && func >= m->nfuncs)
    return error_set(err, WLAB_ERR_ARGUMENT, NULL, WLAB_NONE, NULL, WLAB_NONE, "no function %u (the module has %u)",
                     func, m->nfuncs);
  for (uint32_t i = 0; i < m->nfuncs; i++) {
    if (func != WLAB_NONE ? i != func : m->funcs[i].imported)
      continue;
    ir_dump_func(out, m, i);
    if (func == WLAB_NONE)
      fputc('\n', out);
  }
  return WLAB_OK;
}

/* ---- linking and instances ----------------------------------------------------------------
 * The linker keeps its definitions; instantiation needs an execution tier, which this
 * build does not have yet, so it reports that plainly. */

typedef struct linker_def {
  char *module, *name;
  wlab_functype type;
  wlab_valtype *types;
  wlab_host_fn fn;
  void *env;
  wlab_instance *inst;
} linker_def;

struct wlab_linker {
  wlab_engine *engine;
  linker_def *defs;
  uint32_t n, cap;
};

wlab_linker *wlab_linker_new(wlab_engine *engine)
{
  wlab_linker *l = calloc(1, sizeof *l);
  if (l)
    l->engine = engine;
  return l;
}

void wlab_linker_free(wlab_linker *l)
{
  if (!l)
    return;
  for (uint32_t i = 0; i < l->n; i++) {
    free(l->defs[i].module);
    free(l->defs[i].name);
    free(l->defs[i].types);
  }
  free(l->defs);
  free(l);
}

static linker_def *linker_add(wlab_linker *l, const char *module, const char *name, wlab_error *err)
{
  linker_def *d;
  if (l->n == l->cap) {
    uint32_t cap = l->cap ? l->cap * 2 : 16;
    linker_def *p = realloc(l->defs, cap * sizeof *p);
    if (!p) {
      error_set(err, WLAB_ERR_NOMEM, NULL, WLAB_NONE, NULL, WLAB_NONE, "out of memory");
      return NULL;
    }
    l->defs = p;
    l->cap = cap;
  }
  d = &l->defs[l->n];
  memset(d, 0, sizeof *d);
  d->module = strdup(module);
  d->name = name ? strdup(name) : NULL;
  if (!d->module || (name && !d->name)) {
    free(d->module);
    free(d->name);
    error_set(err, WLAB_ERR_NOMEM, NULL, WLAB_NONE, NULL, WLAB_NONE, "out of memory");
    return NULL;
  }
  l->n++;
  return d;
}

wlab_status wlab_linker_define_func(wlab_linker *l, const char *module, const char *name, const wlab_functype *type,
                                    wlab_host_fn fn, void *env, wlab_error *err)
{
  linker_def *d;
  if (!l || !module || !name || !type || !fn)
    return error_set(err, WLAB_ERR_ARGUMENT, NULL, WLAB_NONE, NULL, WLAB_NONE, "missing linker argument");
  if (!(d = linker_add(l, module, name, err)))
    return err ? err->status : WLAB_ERR_NOMEM;
  d->types = malloc(((size_t)type->nparams + type->nresults + 1) * sizeof *d->types);
  if (!d->types)
    return error_set(err, WLAB_ERR_NOMEM, NULL, WLAB_NONE, NULL, WLAB_NONE, "out of memory");
  memcpy(d->types, type->params, type->nparams * sizeof *d->types);
  memcpy(d->types + type->nparams, type->results, type->nresults * sizeof *d->types);
  d->type.nparams = type->nparams;
  d->type.nresults = type->nresults;
  d->type.params = d->types;
  d->type.results = d->types + type->nparams;
  d->fn = fn;
  d->env = env;
  return WLAB_OK;
}

wlab_status wlab_linker_define_instance(wlab_linker *l, const char *module, wlab_instance *inst, wlab_error *err)
{
  linker_def *d;
  if (!l || !module || !inst)
    return error_set(err, WLAB_ERR_ARGUMENT, NULL, WLAB_NONE, NULL, WLAB_NONE, "missing linker argument");
  if (!(d = linker_add(l, module, NULL, err)))
    return err ? err->status : WLAB_ERR_NOMEM;
  d->inst = inst;
  return WLAB_OK;
}

wlab_instance *wlab_instance_new(wlab_linker *l, const wlab_module *m, wlab_error *err)
{
  (void)l;
  (void)m;
  error_set(err, WLAB_ERR_UNSUPPORTED, NULL, WLAB_NONE, NULL, WLAB_NONE,
            "this build has no execution tier (wlab_engine_tiers is empty)");
  return NULL;
}

void wlab_instance_free(wlab_instance *inst) { (void)inst; }

wlab_func *wlab_instance_func(wlab_instance *inst, const char *export_name)
{
  (void)inst;
  (void)export_name;
  return NULL;
}

wlab_status wlab_instance_global(wlab_instance *inst, const char *export_name, wlab_val *out)
{
  (void)inst;
  (void)out;
  return export_name ? WLAB_ERR_ARGUMENT : WLAB_ERR_ARGUMENT;
}

void wlab_func_type(const wlab_func *f, wlab_functype *out)
{
  (void)f;
  memset(out, 0, sizeof *out);
}

wlab_status wlab_func_call(wlab_func *f, const wlab_val *args, uint32_t nargs, wlab_val *results, uint32_t nresults,
                           wlab_error *err)
{
  (void)f, (void)args, (void)nargs, (void)results, (void)nresults;
  return error_set(err, WLAB_ERR_UNSUPPORTED, NULL, WLAB_NONE, NULL, WLAB_NONE, "this build has no execution tier");
}

uint8_t *wlab_caller_memory(wlab_caller *caller, size_t *size)
{
  (void)caller;
  *size = 0;
  return NULL;
}
