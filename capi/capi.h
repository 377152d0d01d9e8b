/* capi.h: the C API's private structures and the helpers its files (and capi/wasi.c) share. */
#ifndef CAPI_CAPI_H
#define CAPI_CAPI_H

/*
 * How wasm.h's objects sit on wasmlab.h (the only header capi/ uses from the engine):
 *
 *   handle   what a host holds (wasm_func_t *, wasm_ref_t *, ...): a small allocation pointing
 *            at an object record.  Every reference type is a handle, so the as_ref/as_extern
 *            views are casts, and wasm_X_delete frees only the handle.
 *   record   (capi_obj) one per underlying object per store: a wasm function, global, table,
 *            memory, instance, module, trap or foreign object.  Host info lives here, so two
 *            handles of one object see the same host info.  A store keeps its records in a
 *            list (deleting the store destroys what is left, running finalizers) and the
 *            engine objects among them in a map from the engine's pointer, so an object met
 *            again (an export listed twice, a funcref read from a table) finds its record.
 *
 * A record goes when its last handle does, unless it is pinned: pinned records live as long as
 * their store.  Externs (func, global, table, memory) are pinned once they carry host info (the
 * object can be met again and must show it), and any record whose pointer was given to wasm
 * as an externref or funcref is pinned (wasm may keep it in a table or global: the engine never
 * reads or frees an externref, so the record must outlive every place it could be).
 *
 * Externs keep their owning engine instance alive with wlab_instance_retain; an instance record
 * owns one reference to its wlab_instance, a module record one wlab_module.
 */

#include "wasm.h"
#include "wasmlab.h"

#include <stdlib.h>

/* Marks the C API's cross-file internals: they stay out of libwasmlab's exported symbols. */
#define CAPI_INTERNAL __attribute__((visibility("hidden")))

typedef enum capi_kind {
  CAPI_FUNC,
  CAPI_GLOBAL,
  CAPI_TABLE,
  CAPI_MEMORY,
  CAPI_INSTANCE,
  CAPI_MODULE,
  CAPI_TRAP,
  CAPI_FOREIGN,
} capi_kind;

typedef struct capi_obj capi_obj;

/* What every wasm_<ref type>_t pointer points at. */
typedef struct capi_handle {
  capi_obj *obj;
  struct capi_handle *prev, *next; /* the record's live handles, freed with the store */
} capi_handle;

struct capi_obj {
  capi_kind kind;
  wasm_store_t *store;
  capi_obj *prev, *next;      /* the store's list */
  uint32_t handles;           /* live handles */
  capi_handle *hlist;         /* ... in a list */
  bool pinned;                /* kept until the store goes (see above) */
  bool mapped;                /* in the store's map under key */
  const void *key;            /* the engine's pointer for externs and instances */
  void *host_info;
  void (*finalizer)(void *);
  capi_handle self;           /* a handle that is never given away to own: borrowed returns */
  union {
    struct {
      wlab_extern ext;
      wlab_instance *owner;   /* one reference, released with the record */
    } ext;
    struct {
      wlab_instance *inst;
    } inst;
    struct {
      wlab_module *m;
      uint8_t *bytes;         /* the wasm bytes (or the artifact) it was made from */
      size_t len;
      bool artifact;
    } module;
    struct {
      char *msg;              /* NUL-terminated; len counts the NUL */
      size_t len;
      uint32_t nframes;
      wlab_frame *frames;
      wlab_status status;     /* the engine's, for traps made from its errors; WLAB_OK for the host's */
      int32_t exit_code;      /* status WLAB_ERR_EXIT: what the guest exits with (wasmlab_wasi_exit_code) */
    } trap;
  } u;
};

/* A map from engine pointers to records: open addressing, linear probing. */
typedef struct capi_map {
  const void **keys;          /* NULL: empty; CAPI_MAP_TOMB: deleted */
  capi_obj **vals;
  size_t cap, used, tombs;
} capi_map;

struct wasm_config_t {
  wlab_config cfg;
};

struct wasm_engine_t {
  wlab_engine *e;
  wlab_config cfg;
};

struct wasm_store_t {
  wasm_engine_t *engine;
  capi_obj *objs;             /* every record */
  capi_map map;
};

struct wasm_valtype_t {
  wasm_valkind_t kind;
};

/* Function, global, table, memory and extern types are one structure, so the as_externtype
 * views are casts. */
typedef struct capi_type {
  wasm_externkind_t kind;
  wasm_valtype_vec_t params, results;  /* func */
  wasm_valtype_t *content;             /* global: value type; table: element type */
  wasm_mutability_t mut;
  wasm_limits_t limits;                /* table, memory */
} capi_type;

struct wasm_importtype_t {
  wasm_name_t module, name;
  wasm_externtype_t *type;
};

struct wasm_exporttype_t {
  wasm_name_t name;
  wasm_externtype_t *type;
};

struct wasm_frame_t {
  wasm_store_t *store;
  wlab_frame f;
};

struct wasm_shared_module_t {
  uint8_t *bytes;
  size_t len;
  bool artifact;
};

/* ---- records and handles (ref.c) ---------------------------------------------------------- */

static inline capi_obj *capi_obj_of(const void *handle) {
  return handle ? ((const capi_handle *)handle)->obj : NULL;
}

/* A new record of kind in store (in its list, not in its map), or NULL when out of memory. */
CAPI_INTERNAL capi_obj *capi_obj_new(wasm_store_t *store, capi_kind kind);
/* A new handle on o (NULL when out of memory or o is NULL). */
CAPI_INTERNAL void *capi_handle_new(capi_obj *o);
/* Drops a handle; the record goes with its last one unless pinned. */
CAPI_INTERNAL void capi_handle_delete(void *handle);
/* Destroys a record now: finalizer, engine references, memory. */
CAPI_INTERNAL void capi_obj_destroy(capi_obj *o);
/* The record of an engine extern in store, made (retaining its owner) if there is none; owned:
 * the caller gives the record its one reference to the owner (host objects just made). */
CAPI_INTERNAL capi_obj *capi_extern_obj(wasm_store_t *store, const wlab_extern *ext, bool owned);
CAPI_INTERNAL capi_obj *capi_map_get(const capi_map *map, const void *key);
CAPI_INTERNAL bool capi_map_put(capi_map *map, const void *key, capi_obj *o);
CAPI_INTERNAL void capi_map_del(capi_map *map, const void *key);

/* ---- values (extern.c) ---------------------------------------------------------------------- */

CAPI_INTERNAL wlab_valtype capi_valkind_to_wlab(wasm_valkind_t k);
/* false for a type the C API cannot name (v128) */
CAPI_INTERNAL bool capi_valkind_from_wlab(wlab_valtype t, wasm_valkind_t *out);
/* A wasm value as the engine's, of type want: false when the kinds do not match (or a funcref
 * is not a function).  References given to the engine are pinned. */
CAPI_INTERNAL bool capi_val_to_wlab(const wasm_val_t *in, wlab_valtype want, wlab_val *out);
/* The engine's value as a wasm value owning a new handle for a reference (false when out of
 * memory or of a type the C API cannot name). */
CAPI_INTERNAL bool capi_val_from_wlab(wasm_store_t *store, const wlab_val *in, wasm_val_t *out);

/* ---- types (types.c) ------------------------------------------------------------------------ */

/* A new type object from the engine's (NULL when out of memory or not expressible). */
CAPI_INTERNAL wasm_externtype_t *capi_externtype_from_wlab(const wlab_externtype *t);
CAPI_INTERNAL wasm_functype_t *capi_functype_from_wlab(const wlab_functype *t);
/* Fills the engine's function type; its arrays are malloc'd into *arrays (free it). */
CAPI_INTERNAL bool capi_functype_to_wlab(const wasm_functype_t *t, wlab_functype *out, wlab_valtype **arrays);
CAPI_INTERNAL void capi_limits_to_wlab(const wasm_limits_t *in, wlab_limits *out);
CAPI_INTERNAL void capi_limits_from_wlab(const wlab_limits *in, wasm_limits_t *out);

/* ---- traps (trap.c) ------------------------------------------------------------------------- */

/* A new trap handle from an engine error (its message and frames). */
CAPI_INTERNAL wasm_trap_t *capi_trap_from_error(wasm_store_t *store, const wlab_error *err);
/* A host callback's trap, remembered on this thread so that the call it unwinds to reports its
 * whole message (the engine keeps a shorter copy). */
CAPI_INTERNAL void capi_trap_pending_set(const char *msg, size_t len);
CAPI_INTERNAL void capi_trap_pending_clear(void);

#endif /* CAPI_CAPI_H */
