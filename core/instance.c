/* instance.c: the linker, instantiation (imports, memories, tables, globals, segments, start)
 * and calls across the host boundary. */
#include "instance.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "error.h"
#include "validate.h"
#include "core/startup.h"

/* ---- signatures -------------------------------------------------------------------------- */

static bool same_type(const wlab_functype *a, const wlab_functype *b)
{
  return a->nparams == b->nparams && a->nresults == b->nresults &&
         !memcmp(a->params, b->params, a->nparams * sizeof *a->params) &&
         !memcmp(a->results, b->results, a->nresults * sizeof *a->results);
}

uint32_t instance_sig_id(wlab_engine *e, const wlab_functype *t)
{
  uint32_t id;
  pthread_mutex_lock(&e->lock);
  for (id = 0; id < e->nsigs; id++)
    if (same_type(&e->sigs[id], t))
      goto done;
  if (e->nsigs == e->sigs_cap) {
    /* 8 first, not 64: a module of a few signatures (hello has 5) leaves 1.3 KB less heap for a
     * cold start to fault in (docs/aot.md, "Loading", 8); a bigger one doubles from there */
    uint32_t cap = e->sigs_cap ? e->sigs_cap * 2 : 8;
    wlab_functype *p = realloc(e->sigs, cap * sizeof *p);
    if (!p) {
      id = UINT32_MAX; /* never equal to a real id: calls through it trap as mismatches */
      goto done;
    }
    e->sigs = p;
    e->sigs_cap = cap;
  }
  {
    wlab_valtype *types = malloc(((size_t)t->nparams + t->nresults + 1) * sizeof *types);
    if (!types) {
      id = UINT32_MAX;
      goto done;
    }
    memcpy(types, t->params, t->nparams * sizeof *types);
    memcpy(types + t->nparams, t->results, t->nresults * sizeof *types);
    e->sigs[id].nparams = t->nparams;
    e->sigs[id].nresults = t->nresults;
    e->sigs[id].params = types;
    e->sigs[id].results = types + t->nparams;
    e->nsigs++;
  }
done:
  pthread_mutex_unlock(&e->lock);
  return id;
}

const engine_limits *instance_engine_limits(const wlab_engine *engine) { return &engine->limits; }

static wlab_functype module_functype(const wlab_module *m, uint32_t type_index)
{
  const functype *ft = &m->types[type_index];
  wlab_functype t = {ft->nparams, ft->nresults, ft->params, ft->results};
  return t;
}

/* ---- the linker -------------------------------------------------------------------------- */

typedef struct linker_def {
  char *module, *name;       /* name NULL: every export of inst */
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
    if (l->defs[i].inst)
      instance_release(l->defs[i].inst);
  }
  free(l->defs);
  free(l);
}

static linker_def *linker_add(wlab_linker *l, const char *module, const char *name, wlab_error *err)
{
  linker_def *d;
  if (l->n == l->cap) {
    uint32_t cap = l->cap ? l->cap * 2 : 4; /* a module's few imports: a cold start's heap smaller */
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
    return WLAB_ERR_NOMEM;
  d->types = malloc(((size_t)type->nparams + type->nresults + 1) * sizeof *d->types);
  if (!d->types)
    return error_set(err, WLAB_ERR_NOMEM, NULL, WLAB_NONE, NULL, WLAB_NONE, "out of memory");
  if (type->nparams) /* the arrays may be NULL when empty */
    memcpy(d->types, type->params, type->nparams * sizeof *d->types);
  if (type->nresults)
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
    return WLAB_ERR_NOMEM;
  instance_retain(inst);
  d->inst = inst;
  return WLAB_OK;
}

/* An export of an instance by name and kind; NULL when there is none. */
static const export *find_export(const wlab_instance *inst, const char *name, size_t len, wlab_externkind kind)
{
  const wlab_module *m = inst->module;
  for (uint32_t i = 0; i < m->nexports; i++)
    if (m->exports[i].kind == kind && m->exports[i].name_len == len && !memcmp(m->exports[i].name, name, len))
      return &m->exports[i];
  return NULL;
}

/* The latest definition wins, as when a later `register` shadows an earlier one. */
static const linker_def *linker_find(const wlab_linker *l, const import *im, const export **ex)
{
  for (uint32_t i = l->n; i-- > 0;) {
    const linker_def *d = &l->defs[i];
    if (strlen(d->module) != im->module_len || memcmp(d->module, im->module, im->module_len))
      continue;
    if (d->inst) {
      const export *e = find_export(d->inst, im->name, im->name_len, im->kind);
      if (e) {
        *ex = e;
        return d;
      }
      /* the same name with another kind is an incompatible import, reported by the caller */
      for (int k = 0; k < 4; k++)
        if ((e = find_export(d->inst, im->name, im->name_len, (wlab_externkind)k))) {
          *ex = e;
          return d;
        }
    } else if (strlen(d->name) == im->name_len && !memcmp(d->name, im->name, im->name_len)) {
      *ex = NULL;
      return d;
    }
  }
  return NULL;
}

/* Each import as an object: a linker's host function becomes a host object of its own (one
 * hidden instance each, so the importer that gets it is its caller), an instance's export is
 * that object.  The caller owns a reference to each object's owner. */
wlab_status wlab_linker_resolve(wlab_linker *l, const wlab_module *m, wlab_extern *out, wlab_error *err)
{
  uint32_t i;
  wlab_error local;
  if (!err)
    err = &local; /* undo returns the status it holds */
  if (!l || !m || (!out && m->nimports))
    return error_set(err, WLAB_ERR_ARGUMENT, NULL, WLAB_NONE, NULL, WLAB_NONE, "no linker, module or room for objects");
  for (i = 0; i < m->nimports; i++) {
    const import *im = &m->imports[i];
    const export *ex = NULL;
    const linker_def *d = linker_find(l, im, &ex);
    if (!d) {
      error_set(err, WLAB_ERR_UNLINKABLE, NULL, WLAB_NONE, NULL, WLAB_NONE, "unknown import %s.%s", im->module,
                im->name);
      goto undo;
    }
    /* the kind and signature are checked here, as the linker checks them, so that a wrong
     * definition is named by this call rather than by the instantiation the objects go to */
    if (d->inst && ex->kind != im->kind) {
      error_set(err, WLAB_ERR_UNLINKABLE, NULL, WLAB_NONE, NULL, WLAB_NONE,
                "incompatible import type for %s.%s (kind differs)", im->module, im->name);
      goto undo;
    }
    if (d->inst) {
      instance_export_object(d->inst, (uint32_t)(ex - d->inst->module->exports), &out[i]);
      instance_retain(instance_object_owner(&out[i]));
      continue;
    }
    if (im->kind != WLAB_EXTERN_FUNC) {
      error_set(err, WLAB_ERR_UNLINKABLE, NULL, WLAB_NONE, NULL, WLAB_NONE,
                "incompatible import type for %s.%s (a host function)", im->module, im->name);
      goto undo;
    }
    wlab_functype want = module_functype(m, m->funcs[im->index].type_index);
    if (!same_type(&want, &d->type)) {
      error_set(err, WLAB_ERR_UNLINKABLE, NULL, WLAB_NONE, NULL, WLAB_NONE,
                "incompatible import type for %s.%s (signature differs)", im->module, im->name);
      goto undo;
    }
    out[i].kind = WLAB_EXTERN_FUNC;
    if (!(out[i].of.func = wlab_func_new(l->engine, &d->type, d->fn, d->env, NULL, err)))
      goto undo;
  }
  return WLAB_OK;
undo:
  while (i-- > 0)
    instance_release(instance_object_owner(&out[i]));
  return err->status;
}

/* ---- instances --------------------------------------------------------------------------- */

/* Atomic: the tier manager's compiler thread holds instances while it compiles their code. */
void instance_retain(wlab_instance *inst) { __atomic_add_fetch(&inst->refs, 1, __ATOMIC_RELAXED); }

static void instance_destroy(wlab_instance *inst)
{
  const wlab_module *m = inst->module;
  for (int i = 0; tiers_all[i]; i++) /* any tier may have run some of its functions */
    if (tiers_all[i]->instance_free)
      tiers_all[i]->instance_free(inst);
  if (inst->finalizer)
    inst->finalizer(inst->finalizer_env);
  memory_release(inst->mem);
  for (uint32_t i = 0; i < m->ntables; i++) {
    table *t = inst->tables ? inst->tables[i] : NULL;
    if (t && i >= m->nimported_tables && --t->refs == 0) {
      free(t->elems);
      free(t);
    }
  }
  if (inst->globals)
    for (uint32_t i = m->nimported_globals; i < m->nglobals; i++)
      free(inst->globals[i]);
  for (uint32_t i = 0; i < inst->ndeps; i++)
    instance_release(inst->deps[i]);
  if (inst->elem_refs)
    for (uint32_t i = 0; i < m->nelems; i++)
      free(inst->elem_refs[i]);
  free(inst->deps);
  free(inst->own); /* and the other per-index tables, in its block (per_index_tables) */
  free(inst->reset_plan);
  free(inst->vm);
  module_release(m);
  free(inst);
}

void instance_release(wlab_instance *inst)
{
  if (inst && __atomic_sub_fetch(&inst->refs, 1, __ATOMIC_ACQ_REL) == 0)
    instance_destroy(inst);
}

void wlab_instance_free(wlab_instance *inst) { instance_release(inst); }
void wlab_instance_retain(wlab_instance *inst) { instance_retain(inst); }

WLAB_STARTUP bool instance_eval_const(wlab_instance *inst, const const_expr *e, uint64_t out[2])
{
  reader r = {e->code, e->code, e->code + e->len, NULL, 0};
  uint64_t small[16][2], (*stack)[2] = small;
  uint32_t sp = 0, cap = 16;
  bool ok = true;
  int32_t k;
  if (opcodes_one_i32_const(e->code, e->len, &k)) { /* the usual shape, without the opcode tables */
    out[0] = (uint32_t)k;
    out[1] = 0;
    return true;
  }
  /* the common initialiser is one constant: only a deep extended-const one allocates */
  if (e->max_depth > cap) {
    if (!(stack = malloc((size_t)e->max_depth * sizeof *stack)))
      return false;
    cap = e->max_depth;
  }
  for (;;) {
    wasm_op op;
    wasm_imms imm;
    if (!opcodes_read(&r, &op) || !opcodes_read_imms(&r, op, &imm))
      break; /* validated: cannot happen */
    if (op == WASM_END)
      break;
    if (sp == cap && opcodes_info[op].nparams == 0) {
      ok = false; /* deeper than validation measured: cannot happen, and never a wrong value */
      break;
    }
    if (sp < cap)
      stack[sp][1] = 0;
    switch (op) {
    case WASM_I32_CONST: case WASM_I64_CONST: case WASM_F32_CONST: case WASM_F64_CONST:
      stack[sp++][0] = imm.c.u64;
      break;
    case WASM_V128_CONST:
      memcpy(stack[sp++], imm.c.v128, 16);
      break;
    case WASM_REF_NULL:
      stack[sp++][0] = 0;
      break;
    case WASM_REF_FUNC:
      stack[sp++][0] = (uintptr_t)inst->funcs[imm.a];
      break;
    case WASM_GLOBAL_GET:
      memcpy(stack[sp++], inst->globals[imm.a]->v, 16);
      break;
    case WASM_I32_ADD: sp--; stack[sp - 1][0] = (uint32_t)(stack[sp - 1][0] + stack[sp][0]); break;
    case WASM_I32_SUB: sp--; stack[sp - 1][0] = (uint32_t)(stack[sp - 1][0] - stack[sp][0]); break;
    case WASM_I32_MUL: sp--; stack[sp - 1][0] = (uint32_t)(stack[sp - 1][0] * stack[sp][0]); break;
    case WASM_I64_ADD: sp--; stack[sp - 1][0] += stack[sp][0]; break;
    case WASM_I64_SUB: sp--; stack[sp - 1][0] -= stack[sp][0]; break;
    case WASM_I64_MUL: sp--; stack[sp - 1][0] *= stack[sp][0]; break;
    default:
      break;
    }
  }
  out[0] = sp ? stack[sp - 1][0] : 0;
  out[1] = sp ? stack[sp - 1][1] : 0;
  if (stack != small)
    free(stack);
  return ok;
}

static bool limits_match(uint64_t min, bool has_max, uint64_t max, const limits *want)
{
  if (min < want->min)
    return false;
  if (want->has_max && (!has_max || max > want->max))
    return false;
  return true;
}

static wlab_instance *fail(wlab_instance *inst, wlab_error *err, wlab_status st, const char *fmt, const char *a,
                           const char *b)
{
  error_set(err, st, NULL, WLAB_NONE, NULL, WLAB_NONE, fmt, a, b);
  if (inst)
    instance_release(inst); /* a pinned instance lives on in the engine */
  return NULL;
}

/* This instance's functions are about to be stored in a table it does not own: references
 * must stay valid as long as that table, so the engine keeps the instance until it is freed. */
void instance_pin(wlab_instance *inst)
{
  wlab_engine *e = inst->engine;
  wlab_instance **p;
  if (inst->pinned)
    return;
  pthread_mutex_lock(&e->lock);
  p = realloc(e->pinned, (e->npinned + 1) * sizeof *p);
  if (p) {
    e->pinned = p;
    e->pinned[e->npinned++] = inst;
    instance_retain(inst);
    inst->pinned = true;
  }
  pthread_mutex_unlock(&e->lock);
}

void instance_ref_escapes(wlab_instance *owner, void *funcref)
{
  wlab_func *f = funcref;
  if (f && f->inst != owner)
    instance_pin(f->inst);
}

static bool add_dep(wlab_instance *inst, wlab_instance *dep)
{
  for (uint32_t i = 0; i < inst->ndeps; i++)
    if (inst->deps[i] == dep)
      return true;
  wlab_instance **p = realloc(inst->deps, (inst->ndeps + 1) * sizeof *p);
  if (!p)
    return false;
  inst->deps = p;
  inst->deps[inst->ndeps++] = dep;
  instance_retain(dep);
  return true;
}

/* Binds import im to a host function: a copy of it in inst's own functions, so that inst is
 * its caller (wlab_caller_memory gives inst's memory).  origin: the host object it copies
 * (wlab_func_new), NULL for a linker's definition. */
WLAB_STARTUP
static wlab_instance *link_host(wlab_instance *inst, const import *im, const wlab_functype *type, wlab_host_fn fn,
                                void *env, wlab_func *origin, uint32_t *nhost, wlab_error *err)
{
  const wlab_module *m = inst->module;
  wlab_func *f = &inst->own[m->nfuncs - m->nimported_funcs + (*nhost)++];
  if (im->kind != WLAB_EXTERN_FUNC)
    return fail(inst, err, WLAB_ERR_UNLINKABLE, "incompatible import type for %s.%s (a host function)", im->module,
                im->name);
  wlab_functype want = module_functype(m, m->funcs[im->index].type_index);
  if (!same_type(&want, type))
    return fail(inst, err, WLAB_ERR_UNLINKABLE, "incompatible import type for %s.%s (signature differs)", im->module,
                im->name);
  f->inst = inst;
  f->index = im->index;
  f->type = want;
  f->sig = inst->sigs[m->funcs[im->index].type_index];
  f->host = fn;
  f->env = env;
  f->vm = inst->vm;
  f->origin = origin;
  inst->funcs[im->index] = f;
  return inst;
}

/* Binds import im to an object (an export of an instance, or a host object), checking its kind
 * and type; inst retains the object's owner.  Both the linker and instantiation from objects
 * come here, so both refuse the same things with the same words. */
static wlab_instance *link_object(wlab_instance *inst, const import *im, const wlab_extern *ext, uint32_t *nhost,
                                  wlab_error *err)
{
  const wlab_module *m = inst->module;
  wlab_instance *owner = instance_object_owner(ext);
  if (!owner)
    return fail(inst, err, WLAB_ERR_ARGUMENT, "no object given for import %s.%s", im->module, im->name);
  if (owner->engine != inst->engine)
    return fail(inst, err, WLAB_ERR_ARGUMENT, "the object given for import %s.%s belongs to another engine",
                im->module, im->name);
  if (ext->kind != im->kind)
    return fail(inst, err, WLAB_ERR_UNLINKABLE, "incompatible import type for %s.%s (kind differs)", im->module,
                im->name);
  switch (im->kind) {
  case WLAB_EXTERN_FUNC: {
    wlab_func *f = ext->of.func;
    if (f->origin) { /* a host object: this importer's own copy (retaining the hidden instance below) */
      if (!link_host(inst, im, &f->type, f->host, f->env, f->origin, nhost, err))
        return NULL;
      break;
    }
    if (f->sig != inst->sigs[m->funcs[im->index].type_index])
      return fail(inst, err, WLAB_ERR_UNLINKABLE, "incompatible import type for %s.%s (signature differs)",
                  im->module, im->name);
    inst->funcs[im->index] = f;
    break;
  }
  case WLAB_EXTERN_TABLE: {
    table *t = ext->of.table;
    const tabletype *want = &m->tables[im->index];
    if (t->elem != want->elem || !limits_match(t->size, t->max != UINT32_MAX, t->max, &want->lim))
      return fail(inst, err, WLAB_ERR_UNLINKABLE, "incompatible import type for %s.%s (table type)", im->module,
                  im->name);
    inst->tables[im->index] = t;
    break;
  }
  case WLAB_EXTERN_MEMORY: {
    memory *mem = ext->of.memory;
    const limits *want = &m->memories[im->index];
    const limits *have = &owner->module->memories[0]; /* the type it was defined with */
    if (!limits_match(mem->size / WASM_PAGE, have->has_max, have->max, want))
      return fail(inst, err, WLAB_ERR_UNLINKABLE, "incompatible import type for %s.%s (memory limits)", im->module,
                  im->name);
    memory_retain(mem);
    inst->mem = mem;
    break;
  }
  case WLAB_EXTERN_GLOBAL: {
    global_cell *g = ext->of.global;
    const globaltype *want = &m->globals[im->index].type;
    if (g->type != want->type || g->mut != want->mut)
      return fail(inst, err, WLAB_ERR_UNLINKABLE, "incompatible import type for %s.%s (global type)", im->module,
                  im->name);
    inst->globals[im->index] = g;
    break;
  }
  }
  if (!add_dep(inst, owner))
    return fail(inst, err, WLAB_ERR_NOMEM, "out of memory%s%s", "", "");
  return inst;
}

static wlab_instance *link_imports(wlab_instance *inst, const wlab_linker *l, wlab_error *err)
{
  const wlab_module *m = inst->module;
  uint32_t nhost = 0;
  for (uint32_t i = 0; i < m->nimports; i++) {
    const import *im = &m->imports[i];
    const export *ex = NULL;
    const linker_def *d = linker_find(l, im, &ex);
    wlab_extern obj;
    if (!d)
      return fail(inst, err, WLAB_ERR_UNLINKABLE, "unknown import %s.%s", im->module, im->name);
    if (!d->inst) {
      if (!link_host(inst, im, &d->type, d->fn, d->env, NULL, &nhost, err))
        return NULL;
      continue;
    }
    instance_export_object(d->inst, (uint32_t)(ex - d->inst->module->exports), &obj);
    if (!link_object(inst, im, &obj, &nhost, err))
      return NULL;
  }
  return inst;
}

/* The same from objects given in import order (wlab_instance_new_externs). */
static wlab_instance *link_objects(wlab_instance *inst, const wlab_extern *objs, uint32_t n, wlab_error *err)
{
  const wlab_module *m = inst->module;
  uint32_t nhost = 0;
  if (n != m->nimports) {
    char what[120];
    snprintf(what, sizeof what, "the module has %u imports, %u objects were given", m->nimports, n);
    return fail(inst, err, WLAB_ERR_ARGUMENT, "%s%s", what, "");
  }
  if (n && !objs)
    return fail(inst, err, WLAB_ERR_ARGUMENT, "no objects given for the module's imports%s%s", "", "");
  for (uint32_t i = 0; i < n; i++)
    if (!link_object(inst, &m->imports[i], &objs[i], &nhost, err))
      return NULL;
  return inst;
}

void instance_export_object(wlab_instance *inst, uint32_t i, wlab_extern *out)
{
  const export *ex = &inst->module->exports[i];
  out->kind = ex->kind;
  switch (ex->kind) {
  case WLAB_EXTERN_FUNC: {
    wlab_func *f = inst->funcs[ex->index];
    out->of.func = f->origin ? f->origin : f;
    break;
  }
  case WLAB_EXTERN_TABLE: out->of.table = inst->tables[ex->index]; break;
  case WLAB_EXTERN_MEMORY: out->of.memory = inst->mem; break;
  case WLAB_EXTERN_GLOBAL: out->of.global = inst->globals[ex->index]; break;
  }
}

wlab_instance *instance_object_owner(const wlab_extern *ext)
{
  if (!ext)
    return NULL;
  switch (ext->kind) {
  case WLAB_EXTERN_FUNC:
    return !ext->of.func ? NULL : ext->of.func->origin ? ext->of.func->origin->inst : ext->of.func->inst;
  case WLAB_EXTERN_TABLE: return ext->of.table ? ext->of.table->owner : NULL;
  case WLAB_EXTERN_MEMORY: return ext->of.memory ? ext->of.memory->owner : NULL;
  case WLAB_EXTERN_GLOBAL: return ext->of.global ? ext->of.global->owner : NULL;
  }
  return NULL;
}

/* The machine-code view: the index spaces copied where compiled code finds them. */
static void fill_vmctx(wlab_instance *inst)
{
  const wlab_module *m = inst->module;
  uint8_t *base = (uint8_t *)inst->vm;
  inst->vm->mem = inst->mem ? inst->mem : &memory_none;
  memcpy(base + vmctx_funcs(m), inst->funcs, 8 * (size_t)m->nfuncs);
  memcpy(base + vmctx_globals(m), inst->globals, 8 * (size_t)m->nglobals);
  memcpy(base + vmctx_tables(m), inst->tables, 8 * (size_t)m->ntables);
  memcpy(base + vmctx_sigs(m), inst->sigs, 4 * (size_t)m->ntypes);
}

static uint32_t count_host_imports(const wlab_module *m)
{
  return m->nimported_funcs; /* upper bound: each imported function may be a host function */
}

static wlab_instance *instantiate(wlab_engine *e, const wlab_module *m, const wlab_linker *l, const wlab_extern *objs,
                                  uint32_t n, const instance_hooks *hooks, wlab_error *err);

wlab_instance *wlab_instance_new(wlab_linker *l, const wlab_module *m, wlab_error *err)
{
  return instance_new_hooked(l, m, NULL, err);
}

wlab_instance *instance_new_hooked(wlab_linker *l, const wlab_module *m, const instance_hooks *hooks, wlab_error *err)
{
  if (!l || !m)
    return fail(NULL, err, WLAB_ERR_ARGUMENT, "no linker or module%s%s", "", "");
  return instantiate(l->engine, m, l, NULL, 0, hooks, err);
}

wlab_instance *wlab_instance_new_externs(wlab_engine *engine, const wlab_module *m, const wlab_extern *imports,
                                         uint32_t n, wlab_error *err)
{
  if (!engine || !m)
    return fail(NULL, err, WLAB_ERR_ARGUMENT, "no engine or module%s%s", "", "");
  if (m->engine && m->engine != engine)
    return fail(NULL, err, WLAB_ERR_ARGUMENT, "the module was made in another engine%s%s", "", "");
  return instantiate(engine, m, NULL, imports, n, NULL, err);
}

/* Where the next of `count` items of `size` bytes, aligned to `align`, goes in a block that has
 * *at bytes so far; advances *at past them. */
static size_t block_place(size_t *at, size_t count, size_t size, size_t align)
{
  size_t off = (*at + align - 1) & ~(align - 1);
  *at = off + count * size;
  return off;
}

/* The instance's eight per-index tables in one zeroed block that inst->own starts (freed with
 * it): one calloc rather than eight, each a chunk of the heap and about 200 instructions of a
 * cold start.  False when out of memory. */
WLAB_STARTUP static bool per_index_tables(wlab_instance *inst, const wlab_module *m)
{
  size_t at = 0;
  size_t own = block_place(&at, m->nfuncs - m->nimported_funcs + count_host_imports(m) + 1, sizeof *inst->own,
                           _Alignof(wlab_func));
  size_t tables = block_place(&at, m->ntables + 1, sizeof *inst->tables, _Alignof(table *));
  size_t globals = block_place(&at, m->nglobals + 1, sizeof *inst->globals, _Alignof(global_cell *));
  size_t funcs = block_place(&at, m->nfuncs + 1, sizeof *inst->funcs, _Alignof(wlab_func *));
  size_t refs = block_place(&at, m->nelems + 1, sizeof *inst->elem_refs, _Alignof(void **));
  size_t sigs = block_place(&at, m->ntypes + 1, sizeof *inst->sigs, _Alignof(uint32_t));
  size_t data = block_place(&at, m->ndatas + 1, 1, 1);
  size_t elem = block_place(&at, m->nelems + 1, 1, 1);
  uint8_t *b = calloc(1, at);
  if (!b)
    return false;
  inst->own = (wlab_func *)(void *)(b + own);
  inst->tables = (table **)(void *)(b + tables);
  inst->globals = (global_cell **)(void *)(b + globals);
  inst->funcs = (wlab_func **)(void *)(b + funcs);
  inst->elem_refs = (void ***)(void *)(b + refs);
  inst->sigs = (uint32_t *)(void *)(b + sigs);
  inst->data_dropped = b + data;
  inst->elem_dropped = b + elem;
  return true;
}

/* Instantiation; imports through the linker l, else from the objects objs[0..n). */
WLAB_STARTUP
static wlab_instance *instantiate(wlab_engine *e, const wlab_module *m, const wlab_linker *l, const wlab_extern *objs,
                                  uint32_t n, const instance_hooks *hooks, wlab_error *err)
{
  wlab_instance *inst;
  const engine_limits *lim = &e->limits;
  if (!e->tier)
    return fail(NULL, err, WLAB_ERR_UNSUPPORTED, "this build has no execution tier%s%s", "", "");
  inst = calloc(1, sizeof *inst);
  if (!inst)
    return fail(NULL, err, WLAB_ERR_NOMEM, "out of memory%s%s", "", "");
  inst->engine = e;
  inst->module = m;
  module_retain(m);
  inst->refs = 1;
  if (!per_index_tables(inst, m))
    return fail(inst, err, WLAB_ERR_NOMEM, "out of memory%s%s", "", "");
  for (uint32_t i = 0; i < m->ntypes; i++) {
    wlab_functype t = module_functype(m, i);
    inst->sigs[i] = instance_sig_id(e, &t);
  }
  if (!(inst->vm = calloc(1, vmctx_size(m))))
    return fail(inst, err, WLAB_ERR_NOMEM, "out of memory%s%s", "", "");
  inst->vm->inst = inst;
  if (!(l ? link_imports(inst, l, err) : link_objects(inst, objs, n, err)))
    return NULL;

  /* defined functions */
  for (uint32_t i = m->nimported_funcs; i < m->nfuncs; i++) {
    wlab_func *f = &inst->own[i - m->nimported_funcs];
    f->inst = inst;
    f->index = i;
    f->type = module_functype(m, m->funcs[i].type_index);
    f->sig = inst->sigs[m->funcs[i].type_index];
    f->ir = m->funcs[i].ir;
    f->vm = inst->vm;
    inst->funcs[i] = f;
  }
  /* memory */
  for (uint32_t i = m->nimported_memories; i < m->nmemories; i++) {
    const limits *ml = &m->memories[i];
    uint64_t max = ml->has_max ? ml->max : LIMIT_MEMORY_PAGES;
    if (lim->max_memory_pages && max > lim->max_memory_pages)
      max = lim->max_memory_pages;
    if (ml->min > max) {
      char what[120];
      snprintf(what, sizeof what, "memory of %llu pages is larger than the --max-memory cap of %llu pages",
               (unsigned long long)ml->min, (unsigned long long)max);
      return fail(inst, err, WLAB_ERR_LIMIT, "%s%s", what, "");
    }
    if (!(inst->mem = memory_new(ml->min, max, !lim->explicit_bounds, err))) {
      instance_release(inst);
      return NULL;
    }
    inst->mem->owner = inst;
  }
  if (hooks && hooks->memory_made && inst->mem)
    hooks->memory_made(inst->mem, hooks->arg);
  /* An artifact's module whose code is for the other bounds mode (its guard reservation failed,
   * or an imported memory without guard pages) runs in the interpreter, which needs the IR the
   * load left out (docs/aot.md, "Loading") */
  if (m->ir_shell && (lim->explicit_bounds || (inst->mem && !inst->mem->guarded)) != m->shell_explicit) {
    if (validate_lower_shells((wlab_module *)m, err) != WLAB_OK) {
      instance_release(inst);
      return NULL;
    }
    for (uint32_t i = m->nimported_funcs; i < m->nfuncs; i++)
      inst->own[i - m->nimported_funcs].ir = m->funcs[i].ir;
  }
  /* code other instances made hot (the memory's bounds mode picks which) */
  instance_adopt_code(inst);
  /* tables */
  for (uint32_t i = m->nimported_tables; i < m->ntables; i++) {
    const tabletype *tt = &m->tables[i];
    table *t = calloc(1, sizeof *t);
    if (!t)
      return fail(inst, err, WLAB_ERR_NOMEM, "out of memory%s%s", "", "");
    inst->tables[i] = t;
    t->refs = 1;
    t->owner = inst;
    t->elem = tt->elem;
    t->size = (uint32_t)tt->lim.min;
    t->max = tt->lim.has_max ? (uint32_t)tt->lim.max : UINT32_MAX;
    if (t->size > LIMIT_TABLE_SIZE) {
      char what[120];
      snprintf(what, sizeof what, "table %u of %u elements is larger than the limit of %u elements", i, t->size,
               LIMIT_TABLE_SIZE);
      return fail(inst, err, WLAB_ERR_LIMIT, "%s%s", what, "");
    }
    t->elems = calloc(t->size + 1, sizeof *t->elems);
    if (!t->elems)
      return fail(inst, err, WLAB_ERR_NOMEM, "out of memory%s%s", "", "");
  }
  /* globals (initialisers may read imported globals and take function references) */
  for (uint32_t i = m->nimported_globals; i < m->nglobals; i++) {
    global_cell *g = calloc(1, sizeof *g);
    if (!g)
      return fail(inst, err, WLAB_ERR_NOMEM, "out of memory%s%s", "", "");
    g->type = m->globals[i].type.type;
    g->mut = m->globals[i].type.mut;
    g->owner = inst;
    inst->globals[i] = g;
    if (!instance_eval_const(inst, &m->globals[i].init, g->v))
      return fail(inst, err, WLAB_ERR_NOMEM, "out of memory (a global's initialiser)%s%s", "", "");
  }
  fill_vmctx(inst);
  /* element segments: evaluate every segment's references once */
  for (uint32_t i = 0; i < m->nelems; i++) {
    const elem_seg *s = &m->elems[i];
    void **refs = calloc(s->count + 1, sizeof *refs);
    if (!refs)
      return fail(inst, err, WLAB_ERR_NOMEM, "out of memory%s%s", "", "");
    inst->elem_refs[i] = refs;
    for (uint32_t k = 0; k < s->count; k++) {
      if (s->funcs) {
        refs[k] = inst->funcs[s->funcs[k]];
      } else {
        uint64_t v[2];
        if (!instance_eval_const(inst, &s->exprs[k], v))
          return fail(inst, err, WLAB_ERR_NOMEM, "out of memory (element segment expression)%s%s", "", "");
        refs[k] = (void *)(uintptr_t)v[0];
      }
    }
  }
  /* active element segments, then active data segments, in order; the first out-of-bounds
   * one stops instantiation (what was written before it stays written: tables and memories
   * may be shared) */
  for (uint32_t i = 0; i < m->nelems; i++) {
    const elem_seg *s = &m->elems[i];
    if (s->mode == SEG_PASSIVE)
      continue;
    inst->elem_dropped[i] = 1;
    if (s->mode == SEG_DECLARATIVE)
      continue;
    uint64_t off[2];
    table *t = inst->tables[s->table];
    if (!instance_eval_const(inst, &s->offset, off))
      return fail(inst, err, WLAB_ERR_NOMEM, "out of memory (element segment offset)%s%s", "", "");
    if ((uint64_t)(uint32_t)off[0] + s->count > t->size)
      return fail(inst, err, WLAB_ERR_UNINSTANTIABLE, "trap: %s (element segment)%s", trap_text(TRAP_TABLE_OOB), "");
    if (s->table < m->nimported_tables && s->count)
      instance_pin(inst);
    memcpy(t->elems + (uint32_t)off[0], inst->elem_refs[i], s->count * sizeof(void *));
  }
  for (uint32_t i = 0; i < m->ndatas; i++) {
    const data_seg *s = &m->datas[i];
    if (s->mode != SEG_ACTIVE)
      continue;
    uint64_t off[2];
    if (!instance_eval_const(inst, &s->offset, off))
      return fail(inst, err, WLAB_ERR_NOMEM, "out of memory (data segment offset)%s%s", "", "");
    inst->data_dropped[i] = 1;
    if ((uint64_t)(uint32_t)off[0] + s->len > inst->mem->size)
      return fail(inst, err, WLAB_ERR_UNINSTANTIABLE, "trap: %s (data segment)%s", trap_text(TRAP_MEMORY_OOB), "");
    memcpy(inst->mem->base + (uint32_t)off[0], s->bytes, s->len);
  }
  if (e->tier->instance_ready) {
    trap_site site = {0};
    if (e->tier->instance_ready(inst, &site) != WLAB_OK) {
      trap_to_error(&site, err);
      instance_release(inst);
      return NULL;
    }
  }
  if (instance_run_start(inst, err) != WLAB_OK) {
    instance_release(inst);
    return NULL;
  }
  return inst;
}

void instance_adopt_code(wlab_instance *inst)
{
  const wlab_module *m = inst->module;
  void *_Atomic *shared = atomic_load_explicit(&((wlab_module *)m)->installed, memory_order_acquire);
  if (!shared || inst->engine != m->engine)
    return;
  shared += instance_explicit_bounds(inst, inst->engine->limits.explicit_bounds) ? m->nfuncs : 0;
  for (uint32_t i = m->nimported_funcs; i < m->nfuncs; i++) {
    void *code = atomic_load_explicit(&shared[i], memory_order_acquire);
    wlab_func *f = &inst->own[i - m->nimported_funcs];
    if (code && atomic_load_explicit(&f->entry, memory_order_relaxed) != code)
      atomic_store_explicit(&f->entry, code, memory_order_release);
  }
}

wlab_status instance_run_start(wlab_instance *inst, wlab_error *err)
{
  const wlab_module *m = inst->module;
  if (m->has_start) {
    trap_site site = {0};
    uint64_t slots[2] = {0, 0};
    wlab_status st = engine_invoke(inst->funcs[m->start], slots, &site);
    if (st != WLAB_OK) {
      trap_to_error(&site, err);
      /* a trap makes the module uninstantiable; an exit (proc_exit), the stack, fuel or time
       * running out, or the host's memory keep their own status, as in a call */
      st = st == WLAB_ERR_TRAP ? WLAB_ERR_UNINSTANTIABLE : st;
      if (err)
        err->status = st;
      return st;
    }
  }
  return WLAB_OK;
}

/*
 * What instance_reset writes, computed at its first call and kept with the instance.  Every
 * value in it comes from a constant expression whose inputs are constants, this instance's own
 * function records (ref.func) and immutable globals (global.get: a constant expression reads no
 * mutable one, and the pool refuses modules importing a mutable global), so each reset would
 * compute the same again: keeping the results makes the reset copies only, where decoding the
 * expressions was about half of it for startup/handler (docs/serve.md).
 */
typedef struct reset_plan {
  uint64_t (*globals)[2];   /* each defined global's initial value, from nimported_globals on */
  uint32_t *elem_off;       /* each active element segment's offset in its table */
  uint32_t *data_off;       /* each active data segment's offset in memory 0 */
  uint8_t *elem_dropped;    /* the flags instantiation leaves: active and declarative dropped */
  uint8_t *data_dropped;
} reset_plan;

/* Evaluates the plan; the globals are written on the way, in order, as instantiation does. */
static reset_plan *make_reset_plan(wlab_instance *inst)
{
  const wlab_module *m = inst->module;
  uint32_t nglobals = m->nglobals - m->nimported_globals;
  size_t size = sizeof(reset_plan) + (size_t)nglobals * sizeof(uint64_t[2]) +
                ((size_t)m->nelems + m->ndatas) * (sizeof(uint32_t) + 1);
  reset_plan *p = malloc(size);
  uint8_t *at;
  if (!p)
    return NULL;
  at = (uint8_t *)(p + 1); /* the header's size keeps the globals 8-byte aligned */
  p->globals = (uint64_t(*)[2])at, at += (size_t)nglobals * sizeof(uint64_t[2]);
  p->elem_off = (uint32_t *)at, at += (size_t)m->nelems * sizeof(uint32_t);
  p->data_off = (uint32_t *)at, at += (size_t)m->ndatas * sizeof(uint32_t);
  p->elem_dropped = at, at += m->nelems;
  p->data_dropped = at;
  for (uint32_t i = m->nimported_globals; i < m->nglobals; i++) {
    global_cell *g = inst->globals[i];
    if (!instance_eval_const(inst, &m->globals[i].init, g->v))
      goto fail;
    memcpy(p->globals[i - m->nimported_globals], g->v, sizeof g->v);
  }
  for (uint32_t i = 0; i < m->nelems; i++) {
    uint64_t off[2] = {0, 0};
    p->elem_dropped[i] = m->elems[i].mode != SEG_PASSIVE;
    if (m->elems[i].mode == SEG_ACTIVE && !instance_eval_const(inst, &m->elems[i].offset, off))
      goto fail;
    p->elem_off[i] = (uint32_t)off[0];
  }
  for (uint32_t i = 0; i < m->ndatas; i++) {
    uint64_t off[2] = {0, 0};
    p->data_dropped[i] = m->datas[i].mode == SEG_ACTIVE;
    if (m->datas[i].mode == SEG_ACTIVE && !instance_eval_const(inst, &m->datas[i].offset, off))
      goto fail;
    p->data_off[i] = (uint32_t)off[0];
  }
  return p;
fail:
  free(p);
  return NULL;
}

/* What instantiation does after the allocations, again, on the instance's own tables, globals
 * and memory (the pool, core/pool.c).  Everything it does not touch is the same in every
 * instantiation of the module with the same imports: the function index space and its code,
 * the signature ids, the element segments' references (ref.func of this instance's own
 * functions and immutable imported globals), the vmctx arrays (pointers to the same cells). */
wlab_status instance_reset(wlab_instance *inst, bool copy_data, wlab_error *err)
{
  const wlab_module *m = inst->module;
  reset_plan *p = inst->reset_plan;
  if (!p && !(p = inst->reset_plan = make_reset_plan(inst)))
    return error_set(err, WLAB_ERR_NOMEM, NULL, WLAB_NONE, NULL, WLAB_NONE, "out of memory (the initial values of a reset)");
  for (uint32_t i = m->nimported_tables; i < m->ntables; i++) {
    table *t = inst->tables[i];
    /* a grown table keeps its larger block: the elements past the size are never read, and
     * table.grow writes every element it adds */
    t->size = (uint32_t)m->tables[i].lim.min;
    memset(t->elems, 0, ((size_t)t->size + 1) * sizeof *t->elems);
  }
  for (uint32_t i = m->nimported_globals; i < m->nglobals; i++)
    memcpy(inst->globals[i]->v, p->globals[i - m->nimported_globals], sizeof inst->globals[i]->v);
  for (uint32_t i = 0; i < m->nelems; i++)
    /* instantiation succeeded with the same offsets and sizes, so every segment fits */
    if (m->elems[i].mode == SEG_ACTIVE)
      memcpy(inst->tables[m->elems[i].table]->elems + p->elem_off[i], inst->elem_refs[i],
             m->elems[i].count * sizeof(void *));
  memcpy(inst->elem_dropped, p->elem_dropped, m->nelems);
  memcpy(inst->data_dropped, p->data_dropped, m->ndatas);
  if (copy_data)
    for (uint32_t i = 0; i < m->ndatas; i++)
      if (m->datas[i].mode == SEG_ACTIVE)
        memcpy(inst->mem->base + p->data_off[i], m->datas[i].bytes, m->datas[i].len);
  return WLAB_OK;
}

/* ---- bulk memory and table operations (every tier calls these) ---------------------------- */

trap_kind instance_memory_fill(wlab_instance *inst, uint32_t d, uint32_t value, uint32_t n)
{
  memory *mem = inst->mem;
  if ((uint64_t)d + n > mem->size)
    return TRAP_MEMORY_OOB;
  memset(mem->base + d, (int)value, n);
  return TRAP_NONE;
}

trap_kind instance_memory_copy(wlab_instance *inst, uint32_t d, uint32_t s, uint32_t n)
{
  memory *mem = inst->mem;
  if ((uint64_t)d + n > mem->size || (uint64_t)s + n > mem->size)
    return TRAP_MEMORY_OOB;
  memmove(mem->base + d, mem->base + s, n);
  return TRAP_NONE;
}

trap_kind instance_memory_init(wlab_instance *inst, uint32_t seg, uint32_t d, uint32_t s, uint32_t n)
{
  memory *mem = inst->mem;
  uint32_t len = inst->data_dropped[seg] ? 0 : inst->module->datas[seg].len;
  if ((uint64_t)d + n > mem->size || (uint64_t)s + n > len)
    return TRAP_MEMORY_OOB;
  memcpy(mem->base + d, inst->module->datas[seg].bytes + s, n);
  return TRAP_NONE;
}

uint32_t instance_table_grow(wlab_instance *inst, uint32_t ti, void *init, uint32_t delta)
{
  return instance_grow_table(inst->tables[ti], init, delta);
}

uint32_t instance_grow_table(table *t, void *init, uint32_t delta)
{
  uint32_t old = t->size;
  uint64_t want = (uint64_t)old + delta;
  void **p;
  if (want > t->max || want > LIMIT_TABLE_SIZE || !(p = realloc(t->elems, (want + 1) * sizeof *p)))
    return (uint32_t)-1;
  for (uint64_t k = old; k < want; k++)
    p[k] = init;
  t->elems = p;
  t->size = (uint32_t)want;
  return old;
}

trap_kind instance_table_fill(wlab_instance *inst, uint32_t ti, uint32_t i, void *value, uint32_t n)
{
  table *t = inst->tables[ti];
  if ((uint64_t)i + n > t->size)
    return TRAP_TABLE_OOB;
  for (uint32_t k = 0; k < n; k++)
    t->elems[i + k] = value;
  return TRAP_NONE;
}

trap_kind instance_table_copy(wlab_instance *inst, uint32_t dti, uint32_t sti, uint32_t d, uint32_t s, uint32_t n)
{
  table *dt = inst->tables[dti], *st = inst->tables[sti];
  if ((uint64_t)d + n > dt->size || (uint64_t)s + n > st->size)
    return TRAP_TABLE_OOB;
  memmove(dt->elems + d, st->elems + s, (size_t)n * sizeof(void *));
  return TRAP_NONE;
}

trap_kind instance_table_init(wlab_instance *inst, uint32_t ti, uint32_t seg, uint32_t d, uint32_t s, uint32_t n)
{
  table *t = inst->tables[ti];
  uint32_t len = inst->elem_dropped[seg] ? 0 : inst->module->elems[seg].count;
  if ((uint64_t)d + n > t->size || (uint64_t)s + n > len)
    return TRAP_TABLE_OOB;
  memcpy(t->elems + d, inst->elem_refs[seg] + s, (size_t)n * sizeof(void *));
  return TRAP_NONE;
}

/* ---- calls from the host ----------------------------------------------------------------- */

wlab_func *wlab_instance_func_n(wlab_instance *inst, const char *name, size_t len)
{
  const export *e = inst && name ? find_export(inst, name, len, WLAB_EXTERN_FUNC) : NULL;
  return e ? inst->funcs[e->index] : NULL;
}

wlab_func *wlab_instance_func(wlab_instance *inst, const char *name)
{
  return name ? wlab_instance_func_n(inst, name, strlen(name)) : NULL;
}

void instance_slot_to_val(wlab_valtype t, const uint64_t *slot, wlab_val *out)
{
  out->type = t;
  memset(&out->of, 0, sizeof out->of);
  switch (t) {
  case WLAB_I32: case WLAB_F32: out->of.u32 = (uint32_t)slot[0]; break;
  case WLAB_I64: case WLAB_F64: out->of.u64 = slot[0]; break;
  case WLAB_V128: memcpy(out->of.v128, slot, 16); break;
  case WLAB_FUNCREF: case WLAB_EXTERNREF: out->of.ref = (void *)(uintptr_t)slot[0]; break;
  }
}

void instance_val_to_slot(const wlab_val *v, uint64_t *slot)
{
  switch (v->type) {
  case WLAB_I32: case WLAB_F32: slot[0] = v->of.u32; break;
  case WLAB_I64: case WLAB_F64: slot[0] = v->of.u64; break;
  case WLAB_V128: memcpy(slot, v->of.v128, 16); break;
  case WLAB_FUNCREF: case WLAB_EXTERNREF: slot[0] = (uintptr_t)v->of.ref; break;
  }
}

wlab_status wlab_instance_global(wlab_instance *inst, const char *name, wlab_val *out)
{
  const export *e = inst && name ? find_export(inst, name, strlen(name), WLAB_EXTERN_GLOBAL) : NULL;
  if (!e)
    return WLAB_ERR_ARGUMENT;
  instance_slot_to_val((wlab_valtype)inst->globals[e->index]->type, inst->globals[e->index]->v, out);
  return WLAB_OK;
}

void wlab_func_type(const wlab_func *f, wlab_functype *out) { *out = f->type; }

static uint32_t slots_of(const wlab_valtype *t, uint32_t n)
{
  uint32_t s = 0;
  for (uint32_t i = 0; i < n; i++)
    s += t[i] == WLAB_V128 ? 2 : 1;
  return s;
}

WLAB_STARTUP
wlab_status wlab_func_call(wlab_func *f, const wlab_val *args, uint32_t nargs, wlab_val *results, uint32_t nresults,
                           wlab_error *err)
{
  uint64_t small[32], *slots = small;
  uint32_t n, s = 0;
  trap_site site = {0};
  wlab_status st;
  if (!f)
    return error_set(err, WLAB_ERR_ARGUMENT, NULL, WLAB_NONE, NULL, WLAB_NONE, "no function");
  if (nargs != f->type.nparams || nresults < f->type.nresults)
    return error_set(err, WLAB_ERR_ARGUMENT, NULL, WLAB_NONE, NULL, WLAB_NONE,
                     "function takes %u arguments and returns %u results (given %u and room for %u)",
                     f->type.nparams, f->type.nresults, nargs, nresults);
  for (uint32_t i = 0; i < nargs; i++)
    if (args[i].type != f->type.params[i])
      return error_set(err, WLAB_ERR_ARGUMENT, NULL, WLAB_NONE, NULL, WLAB_NONE,
                       "argument %u is %s, the function takes %s", i + 1, wlab_valtype_name(args[i].type),
                       wlab_valtype_name(f->type.params[i]));
  n = slots_of(f->type.params, f->type.nparams);
  if (slots_of(f->type.results, f->type.nresults) > n)
    n = slots_of(f->type.results, f->type.nresults);
  if (n > 32 && !(slots = calloc(n, sizeof *slots)))
    return error_set(err, WLAB_ERR_NOMEM, NULL, WLAB_NONE, NULL, WLAB_NONE, "out of memory");
  for (uint32_t i = 0; i < nargs; i++) {
    instance_val_to_slot(&args[i], slots + s);
    s += args[i].type == WLAB_V128 ? 2 : 1;
  }
  st = engine_invoke(f, slots, &site);
  if (st == WLAB_OK) {
    s = 0;
    for (uint32_t i = 0; i < f->type.nresults; i++) {
      instance_slot_to_val(f->type.results[i], slots + s, &results[i]);
      s += f->type.results[i] == WLAB_V128 ? 2 : 1;
    }
  } else if (err) {
    trap_to_error(&site, err);
    err->status = st; /* what the tier returned: a host function's trap passes on a nested call's status */
  }
  if (slots != small)
    free(slots);
  return st;
}

/* ---- host functions ---------------------------------------------------------------------- */

struct wlab_caller {
  wlab_instance *inst;
};

uint8_t *wlab_caller_memory(wlab_caller *caller, size_t *size)
{
  if (!caller || !caller->inst || !caller->inst->mem) {
    *size = 0;
    return NULL;
  }
  *size = caller->inst->mem->size;
  return caller->inst->mem->base;
}

WLAB_STARTUP wlab_status engine_call_host(wlab_func *f, uint64_t *slots, trap_site *site)
{
  wlab_val small_args[16], small_res[16], *args = small_args, *res = small_res;
  wlab_caller caller = {f->inst};
  wlab_error err;
  wlab_status st;
  uint32_t s = 0;
  if (f->type.nparams > 16 && !(args = calloc(f->type.nparams, sizeof *args)))
    goto nomem;
  if (f->type.nresults > 16 && !(res = calloc(f->type.nresults, sizeof *res)))
    goto nomem;
  for (uint32_t i = 0; i < f->type.nparams; i++) {
    instance_slot_to_val(f->type.params[i], slots + s, &args[i]);
    s += f->type.params[i] == WLAB_V128 ? 2 : 1;
  }
  for (uint32_t i = 0; i < f->type.nresults; i++)
    res[i].type = f->type.results[i];
  err.message[0] = 0;
  st = f->host(&caller, f->env, args, res, &err);
  if (st == WLAB_OK) {
    s = 0;
    for (uint32_t i = 0; i < f->type.nresults; i++) {
      res[i].type = f->type.results[i];
      instance_val_to_slot(&res[i], slots + s);
      s += f->type.results[i] == WLAB_V128 ? 2 : 1;
    }
  } else if (st == WLAB_ERR_EXIT) {
    site->kind = TRAP_EXIT; /* unwinds like a trap, reported as an exit */
    site->exit_code = err.exit_code;
  } else {
    site->kind = TRAP_HOST;
    snprintf(site->host_message, sizeof site->host_message, "%s", err.message[0] ? err.message : "host function failed");
    site->func_index = f->index;
    site->module = f->inst ? f->inst->module : NULL;
    site->offset = WLAB_NONE;
  }
  if (st != WLAB_OK)
    trap_trace_begin(); /* its frames start at the wasm function that called it (docs/abi.md) */
  if (args != small_args)
    free(args);
  if (res != small_res)
    free(res);
  /* a host function's failure is a trap, unless it passes on how a nested call ended */
  return st == WLAB_OK || st == WLAB_ERR_EXHAUSTED || st == WLAB_ERR_INTERRUPTED || st == WLAB_ERR_EXIT ? st
                                                                                                  : WLAB_ERR_TRAP;
nomem:
  if (args != small_args)
    free(args);
  site->kind = TRAP_HOST;
  snprintf(site->host_message, sizeof site->host_message, "out of memory calling a host function");
  return WLAB_ERR_TRAP;
}

static uint32_t value_bytes(const wlab_valtype *t, uint32_t n)
{
  uint32_t bytes = 0;
  for (uint32_t i = 0; i < n; i++)
    bytes += t[i] == WLAB_V128 ? 16 : 8;
  return bytes;
}

wlab_status engine_invoke_via_frame(wlab_func *f, uint64_t *slots, trap_site *site,
                                    wlab_status (*invoke_frame)(wlab_func *f, uint8_t *fp, trap_site *site))
{
  thread_ctx *t = thread_current();
  uint8_t *fp, *saved_top;
  uint32_t nparam_bytes = value_bytes(f->type.params, f->type.nparams);
  uint32_t nresult_bytes = value_bytes(f->type.results, f->type.nresults);
  wlab_status st;
  if (!t) {
    site->kind = TRAP_HOST;
    snprintf(site->host_message, sizeof site->host_message, "out of memory starting a thread's stacks");
    return WLAB_ERR_NOMEM;
  }
  saved_top = fp = t->top;
  if (fp + nparam_bytes + nresult_bytes + 64 > t->stack_end) {
    site->kind = TRAP_STACK_EXHAUSTED;
    site->func_index = f->index;
    site->module = f->inst->module;
    site->offset = WLAB_NONE;
    return WLAB_ERR_EXHAUSTED;
  }
  memcpy(fp, slots, nparam_bytes);
  thread_enter(t, f->inst->engine);
  site->tail_call = NULL;
  st = invoke_frame(f, fp, site);
  if (st == WLAB_OK && site->tail_call)
    st = engine_run_frame(NULL, fp, site);
  thread_leave(t);
  t->top = saved_top;
  if (st == WLAB_OK)
    memcpy(slots, fp, nresult_bytes);
  return st;
}

wlab_status engine_run_frame(wlab_func *f, uint8_t *fp, trap_site *site)
{
  wlab_status st = WLAB_OK;
  if (!f) { /* continue with the tail call the site holds */
    f = site->tail_call;
    site->tail_call = NULL;
  }
  while (f) {
    site->tail_call = NULL;
    if (f->host) {
      thread_ctx *t = thread_current();
      uint8_t *saved_top = t->top;
      uint32_t n = f->type.nparams > f->type.nresults ? f->type.nparams : f->type.nresults;
      t->top = fp + 16 * n + 64; /* a nested entry from the host goes above the arguments */
      st = engine_call_host(f, (uint64_t *)fp, site);
      t->top = saved_top;
    } else {
      st = f->inst->engine->tier->invoke_frame(f, fp, site);
    }
    f = st == WLAB_OK ? site->tail_call : NULL;
  }
  site->tail_call = NULL;
  return st;
}

wlab_status engine_invoke(wlab_func *f, uint64_t *slots, trap_site *site)
{
  if (f->host)
    return engine_call_host(f, slots, site);
  return f->inst->engine->tier->invoke(f, slots, site);
}
