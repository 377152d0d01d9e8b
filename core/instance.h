/* instance.h: instances, functions, tables and globals at run time, and instantiation. */
#ifndef WLAB_INSTANCE_H
#define WLAB_INSTANCE_H

#include <stdbool.h>
#include <stdint.h>

#include "memory.h"
#include "module.h"
#include "trap.h"

/* A function value: what funcref holds and what the code table points at. */
struct wlab_func {
  wlab_instance *inst;      /* owning instance; for a host function, the importer */
  uint32_t index;           /* in the owner's function index space */
  uint32_t sig;             /* engine-wide signature id: equal ids, equal types */
  wlab_functype type;
  wlab_host_fn host;        /* host function, or NULL for wasm code */
  void *env;
  const ir_func *ir;        /* wasm functions: the shared IR */
  /* The _Atomic fields here and in wlab_module are read and written through <stdatomic.h>'s
   * explicit-order functions: GCC's __atomic builtins on an _Atomic object are an extension
   * clang refuses. */
  void *_Atomic code;       /* the interpreter's threaded code, NULL until threaded */
  /* The code-table entry (DESIGN.md section 4): machine code in the ABI of docs/abi.md, or
   * NULL while the function has none (it runs in the interpreter, or compiles on first call).
   * A tier installs code with one atomic store; running activations keep the code they have. */
  void *_Atomic entry;
  struct vmctx *vm;         /* what machine code of inst reads (the importer's, for host code) */
  /* A host object (wlab_func_new) and each importer's copy of it: the object itself, whose
   * hidden instance owns it; NULL for everything else.  What the host is handed for a copy. */
  wlab_func *origin;
};

/* Tables and globals are the public wlab_table and wlab_global (core/extern.c). */
typedef struct wlab_table {
  uint32_t size, max;
  uint8_t elem;             /* WLAB_FUNCREF or WLAB_EXTERNREF */
  void **elems;             /* wlab_func* or host references; NULL is null */
  uint32_t refs;
  wlab_instance *owner;     /* the instance that defines it (importers retain it) */
} table;

typedef struct wlab_global {
  uint64_t v[2];            /* one slot, two for v128: the same layout as a frame slot */
  uint8_t type;
  bool mut;
  wlab_instance *owner;     /* the instance that defines it (importers retain it) */
} global_cell;

struct wlab_instance {
  wlab_engine *engine;
  const wlab_module *module;
  uint32_t refs;            /* the embedder's handle plus importers */
  memory *mem;              /* memory 0, or NULL */
  table **tables;
  global_cell **globals;
  wlab_func **funcs;        /* the function index space */
  wlab_func *own;           /* the functions this instance defines or wraps */
  uint32_t *sigs;           /* signature id of each module type */
  uint8_t *data_dropped, *elem_dropped;
  void ***elem_refs;        /* each element segment's references, evaluated once */
  wlab_instance **deps;     /* instances whose exports this one imports (retained) */
  uint32_t ndeps;
  struct vmctx *vm;         /* the machine-code view of this instance */
  void *tier_state;         /* per-instance data of the execution tier */
  bool pinned;              /* kept by the engine: its functions escaped into a foreign table */
  uint32_t pool_slot;       /* its slot, when a wlab_pool handed it out (core/pool.c) */
  struct reset_plan *reset_plan; /* instance_reset's values, made at its first call */
  void (*finalizer)(void *env); /* a host function's hidden instance: run once as it is freed */
  void *finalizer_env;
};

/*
 * What machine code reads of an instance (docs/abi.md): a register holds it while the
 * instance's code runs.  Arrays follow the header in one allocation, at offsets that depend
 * only on the module, so one compiled body serves every instance of it:
 *
 *   vmctx                           header below
 *   wlab_func   *funcs[nfuncs]      at vmctx_funcs(m): the function index space
 *   global_cell *globals[nglobals]  at vmctx_globals(m)
 *   table       *tables[ntables]    at vmctx_tables(m)
 *   uint32_t     sigs[ntypes]       at vmctx_sigs(m): engine-wide signature id of each type
 *   vmctx_hot    hot[nfuncs]        at vmctx_hot(m): hotness counted by machine code (docs/tiering.md)
 */
typedef struct vmctx {
  memory *mem;              /* memory 0 (memory_none when there is none): base and size are read here */
  wlab_instance *inst;
} vmctx;
static inline uint32_t vmctx_funcs(const wlab_module *m) { (void)m; return (uint32_t)sizeof(vmctx); }
static inline uint32_t vmctx_globals(const wlab_module *m) { return vmctx_funcs(m) + 8 * m->nfuncs; }
static inline uint32_t vmctx_tables(const wlab_module *m) { return vmctx_globals(m) + 8 * m->nglobals; }
static inline uint32_t vmctx_sigs(const wlab_module *m) { return vmctx_tables(m) + 8 * m->ntables; }
/* A function's hotness in machine code that counts it (docs/tiering.md): the code decrements
 * count at entry and at each loop header and calls the tier manager when it goes negative.  It
 * starts at zero (the instance is zero-filled), so the first tick sets it up. */
typedef struct vmctx_hot {
  int32_t count;            /* ticks left before the slow path */
  uint32_t state;           /* the slow path's: 0 not started, then counting, reported hot */
  uint64_t left;            /* ticks past what count holds (a threshold above INT32_MAX) */
} vmctx_hot;
static inline uint32_t vmctx_hot_at(const wlab_module *m) { return (vmctx_sigs(m) + 4 * m->ntypes + 15) & ~15u; }
static inline uint32_t vmctx_size(const wlab_module *m) { return vmctx_hot_at(m) + (uint32_t)sizeof(vmctx_hot) * m->nfuncs; }

/* Does machine code of inst check bounds explicitly (no guard reservation)?  Code for one mode
 * does not run in the other (baseline/tier.c, opt/tier.c keep both). */
static inline bool instance_explicit_bounds(const wlab_instance *inst, bool engine_explicit)
{
  return engine_explicit || (inst->mem && !inst->mem->guarded);
}

/* Gives inst's functions the code the tier manager has installed for them in other instances of
 * the module (wlab_module.installed), where it is better than what they have: every install
 * there went up a rung.  Only in the engine the module was made in. */
void instance_adopt_code(wlab_instance *inst);

/* Signature ids: structurally equal function types get the same id in one engine. */
uint32_t instance_sig_id(wlab_engine *engine, const wlab_functype *t);

/* Engine settings the run-time needs. */
typedef struct engine_limits {
  bool explicit_bounds;     /* --bounds-checks=explicit */
  uint64_t max_memory_pages;/* --max-memory */
} engine_limits;
const engine_limits *instance_engine_limits(const wlab_engine *engine);

void instance_retain(wlab_instance *inst);
void instance_release(wlab_instance *inst);
/* Keeps inst until its engine is freed: a reference to one of its functions is being stored
 * where inst's importers cannot vouch for it (a table or global another instance owns). */
void instance_pin(wlab_instance *inst);
/* A function reference stored into a table or global of owner: pins the function's instance
 * when that is not owner (references must live as long as the place that holds them). */
void instance_ref_escapes(wlab_instance *owner, void *funcref);

/* Values and frame slots (one slot, two for v128), both ways. */
void instance_slot_to_val(wlab_valtype t, const uint64_t *slot, wlab_val *out);
void instance_val_to_slot(const wlab_val *v, uint64_t *slot);

/* The bulk-memory and table operations, written once for every tier (spec bounds rules).
 * Each returns TRAP_NONE or the trap; table_grow returns the old size or -1 as wasm does. */
trap_kind instance_memory_fill(wlab_instance *inst, uint32_t d, uint32_t value, uint32_t n);
trap_kind instance_memory_copy(wlab_instance *inst, uint32_t d, uint32_t s, uint32_t n);
trap_kind instance_memory_init(wlab_instance *inst, uint32_t seg, uint32_t d, uint32_t s, uint32_t n);
uint32_t instance_table_grow(wlab_instance *inst, uint32_t t, void *init, uint32_t delta);
uint32_t instance_grow_table(table *t, void *init, uint32_t delta); /* the same on the table itself */
trap_kind instance_table_fill(wlab_instance *inst, uint32_t t, uint32_t i, void *value, uint32_t n);
trap_kind instance_table_copy(wlab_instance *inst, uint32_t dt, uint32_t st, uint32_t d, uint32_t s, uint32_t n);
trap_kind instance_table_init(wlab_instance *inst, uint32_t t, uint32_t seg, uint32_t d, uint32_t s, uint32_t n);

/* Instantiation with hooks for the instance pool (core/pool.c); wlab_instance_new is this
 * without them. */
typedef struct instance_hooks {
  /* memory 0 was just made (not imported), before any segment is applied */
  void (*memory_made)(memory *mem, void *arg);
  void *arg;
} instance_hooks;
wlab_instance *instance_new_hooked(wlab_linker *l, const wlab_module *m, const instance_hooks *hooks,
                                   wlab_error *err);
/* The i-th export of inst as an object (a host object's copy as the object itself). */
void instance_export_object(wlab_instance *inst, uint32_t i, wlab_extern *out);
/* The instance an object belongs to, or NULL when the extern holds no object. */
wlab_instance *instance_object_owner(const wlab_extern *ext);
/* Runs the start function, if any; a trap is WLAB_ERR_UNINSTANTIABLE, other endings keep their
 * status (proc_exit, stack, fuel, time). */
wlab_status instance_run_start(wlab_instance *inst, wlab_error *err);
/* Puts an instance that instantiated without error back to the state instantiation left it in
 * before its start function: tables at their initial size and contents, globals evaluated
 * again, dropped segments back, and with copy_data the active data segments copied into memory
 * 0, which the caller has reset (memory_reset).  For modules importing no table, memory or
 * mutable global (the pool refuses others). */
wlab_status instance_reset(wlab_instance *inst, bool copy_data, wlab_error *err);

/* Evaluates a validated constant expression in an instance, on a stack as deep as validation
 * found the expression needs.  False only when that stack cannot be allocated. */
bool instance_eval_const(wlab_instance *inst, const const_expr *e, uint64_t out[2]);

#endif
