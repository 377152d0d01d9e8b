/* wasi.c: WASI preview1 for C-API hosts (include/wasmlab_wasi.h): the grants, wasmlab's WASI functions put in a module's import vector, and the exit code of proc_exit. */
#include "wasmlab_wasi.h"

#include "capi/capi.h"
#include "wasi/wasi.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * How the imports are filled.  wasi/ defines its functions on a wlab_linker, and
 * wlab_linker_resolve turns a module's imports into engine objects (host functions of their
 * own, so the guest that imports one is its caller and WASI reads that guest's memory).  But
 * resolve takes every import of the module it is given, and a guest's other imports are the
 * host's, unknown to the linker.  So the guest's WASI imports are copied into a module of their
 * own (a type and an import per function, nothing else), that module is resolved, and each
 * object goes back to the slot of the guest's import it came from.
 */

#define WASI_MODULE "wasi_snapshot_preview1"

typedef struct preopen {
  char *host, *guest;
  bool read_only;
} preopen;

struct wasmlab_wasi_config_t {
  char **args;               /* args[0] is the program name */
  int nargs;
  char **env;                /* "NAME=VALUE" */
  int nenv;
  preopen *dirs;
  int ndirs;
};

struct wasmlab_wasi_t {
  wasm_store_t *store;
  wasi_ctx *ctx;             /* the functions' environment */
  wlab_linker *linker;       /* with the 46 functions defined */
};

static void say(char *why, size_t size, const char *fmt, ...)
{
  if (!why || !size)
    return;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(why, size, fmt, ap);
  va_end(ap);
}

/* ---- the configuration ------------------------------------------------------------------ */

/* Appends a copy of s to *list of *n; false when out of memory. */
static bool push_str(char ***list, int *n, const char *s, size_t len)
{
  char *copy = malloc(len + 1);
  char **grown = copy ? realloc(*list, (size_t)(*n + 1) * sizeof *grown) : NULL;
  if (!grown) {
    free(copy);
    return false;
  }
  memcpy(copy, s, len);
  copy[len] = 0;
  grown[(*n)++] = copy;
  *list = grown;
  return true;
}

wasmlab_wasi_config_t *wasmlab_wasi_config_new(const char *program_name)
{
  wasmlab_wasi_config_t *c = calloc(1, sizeof *c);
  if (!program_name)
    program_name = "";
  if (c && !push_str(&c->args, &c->nargs, program_name, strlen(program_name))) {
    free(c);
    return NULL;
  }
  return c;
}

void wasmlab_wasi_config_delete(wasmlab_wasi_config_t *c)
{
  if (!c)
    return;
  for (int i = 0; i < c->nargs; i++)
    free(c->args[i]);
  for (int i = 0; i < c->nenv; i++)
    free(c->env[i]);
  for (int i = 0; i < c->ndirs; i++) {
    free(c->dirs[i].host);
    free(c->dirs[i].guest);
  }
  free(c->args);
  free(c->env);
  free(c->dirs);
  free(c);
}

bool wasmlab_wasi_config_arg(wasmlab_wasi_config_t *c, const char *arg)
{
  return c && arg && push_str(&c->args, &c->nargs, arg, strlen(arg));
}

bool wasmlab_wasi_config_env(wasmlab_wasi_config_t *c, const char *name, const char *value)
{
  if (!c || !name || !*name || strchr(name, '=') || !value)
    return false;
  size_t nlen = strlen(name), vlen = strlen(value);
  char *entry = malloc(nlen + 1 + vlen + 1);
  if (!entry)
    return false;
  memcpy(entry, name, nlen);
  entry[nlen] = '=';
  memcpy(entry + nlen + 1, value, vlen + 1);
  /* a later grant of the same name replaces the earlier one: the guest sees each name once */
  for (int i = 0; i < c->nenv; i++) {
    if (strncmp(c->env[i], entry, nlen + 1) == 0) {
      free(c->env[i]);
      c->env[i] = entry;
      return true;
    }
  }
  bool ok = push_str(&c->env, &c->nenv, entry, nlen + 1 + vlen);
  free(entry);
  return ok;
}

bool wasmlab_wasi_config_preopen_dir(wasmlab_wasi_config_t *c, const char *host_path, const char *guest_path,
                                     bool read_only)
{
  if (!c || !host_path || !*host_path)
    return false;
  if (!guest_path)
    guest_path = host_path;
  preopen *grown = realloc(c->dirs, (size_t)(c->ndirs + 1) * sizeof *grown);
  if (!grown)
    return false;
  c->dirs = grown;
  preopen *p = &c->dirs[c->ndirs];
  p->host = strdup(host_path);
  p->guest = strdup(guest_path);
  p->read_only = read_only;
  if (!p->host || !p->guest) {
    free(p->host);
    free(p->guest);
    return false;
  }
  c->ndirs++;
  return true;
}

/* ---- one guest's WASI ------------------------------------------------------------------- */

wasmlab_wasi_t *wasmlab_wasi_new(wasm_store_t *store, const wasmlab_wasi_config_t *c, char *why, size_t why_size)
{
  if (!store || !c) {
    say(why, why_size, "wasmlab_wasi_new: no %s", store ? "configuration" : "store");
    return NULL;
  }
  wasmlab_wasi_t *w = calloc(1, sizeof *w);
  if (!w || !(w->ctx = wasi_new(c->nargs, c->args, c->nenv, c->env))) {
    free(w);
    say(why, why_size, "out of memory");
    return NULL;
  }
  w->store = store;
  for (int i = 0; i < c->ndirs; i++) {
    int rc = wasi_preopen_dir(w->ctx, c->dirs[i].host, c->dirs[i].guest, c->dirs[i].read_only);
    if (rc) {
      say(why, why_size, "cannot preopen directory %s: %s", c->dirs[i].host, strerror(rc));
      wasmlab_wasi_delete(w);
      return NULL;
    }
  }
  wlab_error err;
  if (!(w->linker = wlab_linker_new(store->engine->e)) || wasi_define(w->ctx, w->linker, &err) != WLAB_OK) {
    say(why, why_size, "%s", w->linker ? err.text : "out of memory");
    wasmlab_wasi_delete(w);
    return NULL;
  }
  return w;
}

void wasmlab_wasi_delete(wasmlab_wasi_t *w)
{
  if (!w)
    return;
  wlab_linker_free(w->linker);
  wasi_free(w->ctx);
  free(w);
}

/* ---- a module of the guest's WASI imports alone ------------------------------------------ */

typedef struct buf {
  uint8_t *p;
  size_t len, cap;
  bool nomem;
} buf;

static void put(buf *b, const void *data, size_t n)
{
  if (b->nomem)
    return;
  if (b->len + n > b->cap) {
    size_t cap = b->cap ? b->cap * 2 : 256;
    while (cap < b->len + n)
      cap *= 2;
    uint8_t *p = realloc(b->p, cap);
    if (!p) {
      b->nomem = true;
      return;
    }
    b->p = p;
    b->cap = cap;
  }
  memcpy(b->p + b->len, data, n);
  b->len += n;
}

static void put_byte(buf *b, uint8_t v) { put(b, &v, 1); }

static void put_u32(buf *b, uint32_t v)
{
  do {
    uint8_t byte = v & 0x7f;
    v >>= 7;
    put_byte(b, byte | (v ? 0x80 : 0));
  } while (v);
}

static void put_name(buf *b, const char *s, size_t len)
{
  put_u32(b, (uint32_t)len);
  put(b, s, len);
}

/* A section: id, size, then the body. */
static void put_section(buf *b, uint8_t id, const buf *body)
{
  put_byte(b, id);
  put_u32(b, (uint32_t)body->len);
  put(b, body->p, body->len);
}

static bool is_wasi(const wlab_extern_desc *d)
{
  return d->module_len == strlen(WASI_MODULE) && memcmp(d->module, WASI_MODULE, d->module_len) == 0;
}

/* The module's WASI imports as a module of their own: one function type and one import each, in
 * the guest's order.  Indices of those imports go to at[0..*n).  NULL with why filled when one
 * is not a function or when out of memory. */
static wlab_module *wasi_only(wlab_engine *engine, const wlab_module *m, uint32_t *at, uint32_t *n, char *why,
                              size_t why_size)
{
  uint32_t count = 0, total = wlab_module_import_count(m);
  buf types = {0}, imports = {0}, mod = {0};
  for (uint32_t i = 0; i < total; i++) {
    wlab_extern_desc d;
    wlab_module_import(m, i, &d);
    if (is_wasi(&d))
      at[count++] = i;
  }
  put_u32(&types, count);
  put_u32(&imports, count);
  for (uint32_t k = 0; k < count; k++) {
    wlab_extern_desc d;
    wlab_externtype t;
    wlab_module_import(m, at[k], &d);
    wlab_module_import_type(m, at[k], &t);
    if (t.kind != WLAB_EXTERN_FUNC) {
      say(why, why_size, "import %u (" WASI_MODULE ".%.*s) is not a function", at[k], (int)d.name_len, d.name);
      goto fail;
    }
    put_byte(&types, 0x60);
    put_u32(&types, t.of.func.nparams);
    for (uint32_t j = 0; j < t.of.func.nparams; j++)
      put_byte(&types, (uint8_t)t.of.func.params[j]); /* wlab_valtype is the binary code */
    put_u32(&types, t.of.func.nresults);
    for (uint32_t j = 0; j < t.of.func.nresults; j++)
      put_byte(&types, (uint8_t)t.of.func.results[j]);
    put_name(&imports, d.module, d.module_len);
    put_name(&imports, d.name, d.name_len);
    put_byte(&imports, 0x00); /* a function, */
    put_u32(&imports, k);     /* of type k */
  }
  static const uint8_t header[8] = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};
  put(&mod, header, sizeof header);
  put_section(&mod, 1, &types);
  put_section(&mod, 2, &imports);
  if (types.nomem || imports.nomem || mod.nomem) {
    say(why, why_size, "out of memory");
    goto fail;
  }
  wlab_error err;
  wlab_module *only = wlab_module_new(engine, mod.p, mod.len, &err);
  if (!only)
    say(why, why_size, "the WASI imports: %s", err.text);
  free(types.p);
  free(imports.p);
  free(mod.p);
  *n = count;
  return only;
fail:
  free(types.p);
  free(imports.p);
  free(mod.p);
  return NULL;
}

static bool same_functype(const wlab_functype *a, const wlab_functype *b)
{
  return a->nparams == b->nparams && a->nresults == b->nresults &&
         (!a->nparams || memcmp(a->params, b->params, a->nparams * sizeof *a->params) == 0) &&
         (!a->nresults || memcmp(a->results, b->results, a->nresults * sizeof *a->results) == 0);
}

static const wlab_module *module_of(const wasm_module_t *h)
{
  capi_obj *o = capi_obj_of(h);
  return o && o->kind == CAPI_MODULE ? o->u.module.m : NULL;
}

bool wasmlab_wasi_imports(wasmlab_wasi_t *w, const wasm_module_t *module, wasm_extern_vec_t *out, char *why,
                          size_t why_size)
{
  wasm_extern_vec_new_empty(out);
  const wlab_module *m = module_of(module);
  if (!w || !m) {
    say(why, why_size, "wasmlab_wasi_imports: no %s", w ? "module" : "WASI state");
    return false;
  }
  uint32_t total = wlab_module_import_count(m), n = 0;
  uint32_t *at = malloc((total ? total : 1) * sizeof *at);
  wlab_extern *objs = calloc(total ? total : 1, sizeof *objs);
  wlab_module *only = at && objs ? wasi_only(w->store->engine->e, m, at, &n, why, why_size) : NULL;
  if (!only) {
    if (!at || !objs)
      say(why, why_size, "out of memory");
    free(at);
    free(objs);
    return false;
  }
  wlab_error err;
  wlab_status st = wlab_linker_resolve(w->linker, only, objs, &err);
  wlab_module_free(only);
  if (st != WLAB_OK) {
    say(why, why_size, "%s", err.text); /* names the import: not a preview1 function, or another type */
    free(at);
    free(objs);
    return false;
  }
  /* resolve hands over preview1's function by name whatever the import's type (instantiation
   * would refuse it later, naming no WASI): refuse it here, named */
  for (uint32_t k = 0; k < n; k++) {
    wlab_functype have;
    wlab_externtype want;
    wlab_func_type(objs[k].of.func, &have);
    wlab_module_import_type(m, at[k], &want);
    if (!same_functype(&have, &want.of.func)) {
      wlab_extern_desc d;
      wlab_module_import(m, at[k], &d);
      say(why, why_size, "import %u (" WASI_MODULE ".%.*s) does not have preview1's type for it", at[k],
          (int)d.name_len, d.name);
      for (uint32_t j = 0; j < n; j++)
        wlab_instance_free(wlab_extern_instance(&objs[j]));
      free(at);
      free(objs);
      return false;
    }
  }
  wasm_extern_vec_new_uninitialized(out, total);
  for (uint32_t i = 0; i < total; i++)
    out->data[i] = NULL;
  bool ok = true;
  for (uint32_t k = 0; k < n; k++) {
    /* the record takes the one reference resolve gave us (or drops it when the store already has
     * one for that object) */
    capi_obj *o = capi_extern_obj(w->store, &objs[k], true);
    if (!o || !(out->data[at[k]] = capi_handle_new(o)))
      ok = false;
  }
  free(at);
  free(objs);
  if (!ok) {
    wasm_extern_vec_delete(out);
    wasm_extern_vec_new_empty(out);
    say(why, why_size, "out of memory");
  }
  return ok;
}

bool wasmlab_wasi_module_uses(const wasm_module_t *module)
{
  const wlab_module *m = module_of(module);
  return m && wasi_module_uses(m);
}

/* proc_exit(n) ends a call with the engine's status WLAB_ERR_EXIT, which the trap made from it
 * keeps with n; a trap the host made itself, whatever its message, is never an exit. */
bool wasmlab_wasi_exit_code(const wasm_trap_t *trap, int *code)
{
  capi_obj *o = capi_obj_of(trap);
  if (!o || o->kind != CAPI_TRAP || o->u.trap.status != WLAB_ERR_EXIT)
    return false;
  if (code)
    *code = o->u.trap.exit_code;
  return true;
}
