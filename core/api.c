/* api.c: the public embedding API (wasmlab.h) over the decoder, validator and IR. */
#include "wasmlab.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "decode.h"
#include "engine.h"
#include "error.h"
#include "module.h"
#include "validate.h"
#include "core/startup.h"


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

WLAB_STARTUP void wlab_config_default(wlab_config *cfg)
{
  memset(cfg, 0, sizeof *cfg);
  cfg->features = WLAB_FEATURES_DEFAULT;
  cfg->bounds = WLAB_BOUNDS_GUARD;
  cfg->tier_up_after = WLAB_TIER_UP_DEFAULT;
  cfg->opt_after = WLAB_OPT_AFTER_DEFAULT;
}

/* A tier that can run code (a row without invoke only provides dumps, for now the
 * optimising tier's SSA). */
static const tier_ops *find_tier(const char *name)
{
  for (int i = 0; tiers_all[i]; i++)
    if (tiers_all[i]->invoke && (!name || strcmp(tiers_all[i]->name, name) == 0))
      return tiers_all[i];
  return NULL;
}

WLAB_STARTUP wlab_engine *wlab_engine_new(const wlab_config *cfg)
{
  wlab_config def;
  wlab_engine *e;
  if (!cfg) {
    wlab_config_default(&def);
    cfg = &def;
  }
  if (cfg->tier && !find_tier(cfg->tier))
    return NULL;
  e = calloc(1, sizeof *e);
  if (!e)
    return NULL;
  e->cfg = *cfg;
  e->cfg.tier = NULL; /* the caller's string need not outlive this call */
  if (cfg->opt_disable && strlen(cfg->opt_disable) >= sizeof e->opt_disable) {
    free(e);
    return NULL;
  }
  /* a bounded copy, not snprintf: that was the run's only formatted print, and it touched two
   * of libc's code pages (the printf engine) in every cold start */
  const char *od = cfg->opt_disable ? cfg->opt_disable : "";
  size_t odn = strnlen(od, sizeof e->opt_disable - 1);
  memcpy(e->opt_disable, od, odn);
  e->opt_disable[odn] = '\0';
  e->cfg.opt_disable = e->opt_disable;
  e->tier = find_tier(cfg->tier);
  e->fallback = tier_fallback;
  if (e->tier && e->tier->resolve) { /* a machine tier chosen outright: every call may enter its code */
    e->machine = e->tier;
    e->compile_on_call = true;
  }
  e->limits.explicit_bounds = cfg->bounds == WLAB_BOUNDS_EXPLICIT;
  e->limits.max_memory_pages = cfg->max_memory_pages;
  e->fuel_left = cfg->fuel;
  pthread_mutex_init(&e->lock, NULL);
  trap_install_handler();
  if (e->tier && e->tier->engine_init && !e->tier->engine_init(e)) {
    pthread_mutex_destroy(&e->lock);
    free(e);
    return NULL;
  }
  e->cfg.ladder = NULL; /* read by engine_init (the tier manager); the caller's string may go */
  return e;
}

void wlab_engine_free(wlab_engine *engine)
{
  if (!engine)
    return;
  if (engine->tier && engine->tier->engine_free) /* its thread may hold instances: first */
    engine->tier->engine_free(engine);
  for (uint32_t i = 0; i < engine->npinned; i++)
    instance_release(engine->pinned[i]);
  free(engine->pinned);
  for (uint32_t i = 0; i < engine->nsigs; i++)
    free((void *)engine->sigs[i].params);
  free(engine->sigs);
  pthread_mutex_destroy(&engine->lock);
  free(engine);
}

/* The tiers built in, whatever the engine (which may be NULL). */
const char *wlab_engine_tiers(const wlab_engine *engine)
{
  static char names[128];
  static int ready;
  (void)engine;
  if (!__atomic_load_n(&ready, __ATOMIC_ACQUIRE)) {
    size_t n = 0;
    for (int i = 0; tiers_all[i] && n < sizeof names - 1; i++)
      if (tiers_all[i]->invoke)
        n += (size_t)snprintf(names + n, sizeof names - n, "%s%s", n ? "," : "", tiers_all[i]->name);
    __atomic_store_n(&ready, 1, __ATOMIC_RELEASE);
  }
  return names;
}

uint32_t wlab_engine_tier_stats(const wlab_engine *engine, wlab_tier_stats *out, uint32_t max)
{
  uint32_t n = 0;
  for (int i = 0; tiers_all[i] && n < max; i++)
    if (tiers_all[i]->stats) {
      memset(&out[n], 0, sizeof out[n]);
      out[n].tier = tiers_all[i]->name;
      tiers_all[i]->stats(engine, &out[n]);
      n++;
    }
  return n;
}

#define LIMIT_SLICE 1000 /* ticks between fuel and deadline checks */

trap_kind engine_next_slice(wlab_engine *e, thread_ctx *t, int32_t want, int32_t *slice)
{
  int32_t s = want;
  if (e->cfg.fuel) {
    uint64_t *left = t ? &t->fuel_left : &e->fuel_left; /* the call's own budget (thread_enter) */
    if (*left == 0)
      return TRAP_OUT_OF_FUEL;
    if (s > LIMIT_SLICE)
      s = LIMIT_SLICE;
    if (*left < (uint64_t)s)
      s = (int32_t)*left;
    *left -= (uint64_t)s;
  }
  if (t && t->deadline_ns) {
    if (thread_now_ns() >= t->deadline_ns)
      return TRAP_TIMEOUT;
    if (s > LIMIT_SLICE)
      s = LIMIT_SLICE;
  }
  *slice = s;
  return TRAP_NONE;
}

static uint64_t now_ns(void) { return thread_now_ns(); }

wlab_module *wlab_module_new(wlab_engine *engine, const uint8_t *bytes, size_t len, wlab_error *err)
{
  return module_new_shells(engine, bytes, len, NULL, 0, false, false, err);
}

WLAB_STARTUP
wlab_module *module_new_shells(wlab_engine *engine, const uint8_t *bytes, size_t len, const uint8_t *shell,
                               uint32_t nshell, bool shell_explicit, bool keep, wlab_error *err)
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
  m->engine = engine;
  m->refs = 1;
  m->timed = !engine->cfg.no_load_times;
  m->bytes_kept = keep && bytes;
  /* From an artifact the arena holds the decoded tables and a copy of the bytes (for the shells),
   * hello's 7 KB for its 3 KB (the tables alone when the bytes are kept): a first chunk that
   * size, not 16 KB, so what the heap hands out next lands on the pages it already touched
   * rather than on pages of their own (a fault each in a cold start).  A module that needs more
   * gets a second chunk. */
  if (shell && nshell)
    m->mem.first = (m->bytes_kept ? 1 : 2) * len + 2048;
  t0 = m->timed ? now_ns() : 0;
  if (decode_module(m, bytes ? bytes : (const uint8_t *)"", len, err) != WLAB_OK) {
    wlab_module_free(m);
    return NULL;
  }
  m->decode_ns = m->timed ? now_ns() - t0 : 0;
  /* shells only for the function count they were listed for (else the caller refuses the count) */
  m->shell_explicit = shell_explicit;
  if (validate_module_shells(m, bytes, len, nshell == m->nfuncs ? shell : NULL, err) != WLAB_OK) {
    wlab_module_free(m);
    return NULL;
  }
  return m;
}

void module_retain(const wlab_module *m)
{
  __atomic_add_fetch(&((wlab_module *)m)->refs, 1, __ATOMIC_RELAXED);
}

/* Instances keep their module alive, so the embedder may free a module before them. */
void module_release(const wlab_module *cm)
{
  wlab_module *m = (wlab_module *)cm;
  if (!m || __atomic_sub_fetch(&m->refs, 1, __ATOMIC_ACQ_REL) != 0)
    return;
  if (m->machine && m->machine_free)
    m->machine_free(m->machine);
  if (m->machine_opt && m->machine_opt_free)
    m->machine_opt_free(m->machine_opt);
  free((void *)m->installed);
  arena_free(&m->mem);
  free(m);
}

void wlab_module_free(wlab_module *m) { module_release(m); }

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

uint32_t wlab_module_func_body_offset(const wlab_module *m, uint32_t func)
{
  if (!m || func >= m->nfuncs || m->funcs[func].imported)
    return WLAB_NONE;
  return m->funcs[func].body_offset;
}

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
  if (kind == WLAB_DUMP_ASM || kind == WLAB_DUMP_ASM_OPT) {
    const char *want = kind == WLAB_DUMP_ASM ? "baseline" : "opt";
    if (func != WLAB_NONE && func >= m->nfuncs)
      return error_set(err, WLAB_ERR_ARGUMENT, NULL, WLAB_NONE, NULL, WLAB_NONE, "no function %u (the module has %u)",
                       func, m->nfuncs);
    for (int i = 0; tiers_all[i]; i++)
      if (tiers_all[i]->dump && strcmp(tiers_all[i]->name, want) == 0)
        return tiers_all[i]->dump(m, func, out, err);
    return error_set(err, WLAB_ERR_UNSUPPORTED, NULL, WLAB_NONE, NULL, WLAB_NONE,
                     "this build has no machine-code tier to dump");
  }
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


wlab_status wlab_module_dump_ssa(const wlab_module *m, uint32_t func, const char *after, FILE *out, wlab_error *err)
{
  for (int i = 0; tiers_all[i]; i++)
    if (tiers_all[i]->dump_ssa)
      return tiers_all[i]->dump_ssa(m, func, after, m->engine ? m->engine->opt_disable : "", out, err);
  return error_set(err, WLAB_ERR_UNSUPPORTED, NULL, WLAB_NONE, NULL, WLAB_NONE, "this build has no optimising tier");
}
