/* module.h: the decoded module, as the decoder fills it and the validator completes it. */
#ifndef WLAB_MODULE_H
#define WLAB_MODULE_H

#include <stdbool.h>
#include <stdint.h>

#include "wasmlab.h"
#include "arena.h"
#include "ir.h"

/* Limits on what a module may hold, where the core spec leaves them to the implementation
 * (docs/limits.md).  A module past one is refused with WLAB_ERR_LIMIT naming it.  The first
 * group is the WebAssembly JS API's, the limits every browser enforces; the second is ours. */
#define LIMIT_MODULE_BYTES 1073741824u /* 1 GiB */
#define LIMIT_TYPES 1000000u           /* entries of the type section */
#define LIMIT_FUNCS 1000000u           /* defined functions */
#define LIMIT_IMPORTS 1000000u
#define LIMIT_EXPORTS 1000000u
#define LIMIT_GLOBALS 1000000u         /* defined globals */
#define LIMIT_DATA_SEGMENTS 100000u
#define LIMIT_ELEM_ENTRIES 10000000u   /* entries of one element segment */
#define LIMIT_PARAMS 1000u             /* of a function type (so of a function or block) */
#define LIMIT_RESULTS 1000u
#define LIMIT_BODY_BYTES 7654321u      /* a function body, its locals declarations included */
#define LIMIT_LOCALS 50000u            /* of a function, its parameters included */
#define LIMIT_TABLE_SIZE 10000000u     /* a table's minimum, and as far as table.grow goes */
#define LIMIT_MEMORY_PAGES 65536u      /* 4 GiB of 64 KiB pages (the core spec's own bound) */
/* wasmlab's own */
#define LIMIT_TABLES 65535u            /* imported and defined (JS API: 100,000): an IR aux field holds the index */
#define LIMIT_FRAME_SLOTS 1000000u     /* a function's frame in 8-byte slots: locals and deepest operand stack */

typedef struct functype {
  uint32_t nparams, nresults;
  wlab_valtype *params, *results;
} functype;

typedef struct limits {
  uint64_t min, max;
  bool has_max;
} limits;

typedef struct tabletype {
  uint8_t elem;     /* WLAB_FUNCREF or WLAB_EXTERNREF */
  limits lim;
} tabletype;

typedef struct globaltype {
  uint8_t type;
  bool mut;
} globaltype;

/* A constant expression, kept as its bytes (up to and including `end`) for instantiation
 * to evaluate; the validator has checked them and recorded how deep their operand stack gets
 * (extended-const: any depth the bytes allow, so evaluation sizes its stack by it). */
typedef struct const_expr {
  const uint8_t *code;
  uint32_t len;
  uint32_t offset;     /* in the module, for error messages */
  uint32_t max_depth;  /* operand stack entries evaluation needs (set by the validator) */
} const_expr;

typedef struct import {
  const char *module, *name;
  uint32_t module_len, name_len;
  wlab_externkind kind;
  uint32_t index;    /* in its index space */
  uint32_t offset;   /* byte offset of the import entry */
} import;

typedef struct export {
  const char *name;
  uint32_t name_len;
  wlab_externkind kind;
  uint32_t index;
} export;

typedef struct func {
  uint32_t type_index;
  bool imported;
  const char *name;     /* name section, else first export, else NULL */
  uint32_t body_offset, body_size; /* code section entry (after the size), defined functions */
  uint32_t nlocal_decls;           /* local declaration runs */
  uint32_t *local_decl_count;      /* [nlocal_decls] */
  uint8_t *local_decl_type;        /* [nlocal_decls] */
  uint32_t nlocals;                /* declared locals, not counting parameters */
  uint32_t code_start;             /* offset of the first instruction */
  ir_func *ir;                     /* set by the validator */
} func;

typedef enum seg_mode { SEG_ACTIVE, SEG_PASSIVE, SEG_DECLARATIVE } seg_mode;

typedef struct elem_seg {
  seg_mode mode;
  uint8_t type;        /* WLAB_FUNCREF or WLAB_EXTERNREF */
  uint32_t table;
  const_expr offset;
  uint32_t count;
  uint32_t *funcs;     /* [count] function indices, when the segment lists indices */
  const_expr *exprs;   /* [count] expressions, when it lists expressions */
  uint32_t where;      /* byte offset of the segment */
} elem_seg;

typedef struct data_seg {
  seg_mode mode;
  uint32_t memory;
  const_expr offset;
  const uint8_t *bytes;
  uint32_t len;
  uint32_t where;
} data_seg;

typedef struct global {
  globaltype type;
  bool imported;
  const_expr init;
} global;

struct wlab_module {
  arena mem;
  uint32_t refs;              /* the embedder's handle plus each instance (atomic) */
  uint32_t features;
  uint32_t ntypes;
  functype *types;
  uint32_t nimports;
  import *imports;
  uint32_t nfuncs, nimported_funcs;
  func *funcs;
  uint32_t ntables, nimported_tables;
  tabletype *tables;
  uint32_t nmemories, nimported_memories;
  limits *memories;
  uint32_t nglobals, nimported_globals;
  global *globals;
  uint32_t nexports;
  export *exports;
  bool has_start;
  uint32_t start;
  uint32_t nelems;
  elem_seg *elems;
  bool has_datacount;
  uint32_t datacount;
  uint32_t ndatas;
  data_seg *datas;
  uint32_t code_count;        /* entries in the code section */
  bool has_code_section;
  const char *name;           /* module name from the name section */
  uint32_t *declared_refs;    /* bitset over functions: may appear in ref.func */
  uint64_t code_bytes, ir_insts, decode_ns, validate_ns;
  bool timed;                 /* decode_ns and validate_ns measured (not the engine's no_load_times) */
  /* validate_module_shells: [nfuncs] whose IR is a shell (no instructions), until lowered; the
   * module's bytes to lower them from; the bounds mode their compiled code is for */
  uint8_t *ir_shell;
  const uint8_t *shell_bytes;
  /* the bytes decoded outlive the module (an artifact's file, mapped for as long as its code
   * is): shell_bytes, data segments and constant expressions point into them, not copies */
  bool bytes_kept;
  size_t shell_len;
  bool shell_explicit;
  const struct wlab_engine *engine;  /* the engine it was made in (its settings shape compiled code) */
  /* Machine code compiled for this module, shared by its instances, owned by the tier that
   * compiled it; freed with the module through machine_free. */
  void *_Atomic machine;
  void (*machine_free)(void *machine);
  /* The same for the optimising tier's code (a module may have code of both). */
  void *_Atomic machine_opt;
  void (*machine_opt_free)(void *machine);
  /* Code and hotness shared by instances (tiering/manager.c installs, instance_adopt_code reads):
   * the best code the tier manager has installed for each function in any instance the module's
   * own engine made, [2][nfuncs] by bounds mode (guard pages, then explicit checks, whose code
   * differs); NULL until the first install.  installs counts them, so a pooled instance can tell
   * whether there is anything new to adopt. */
  void *_Atomic *_Atomic installed;
  uint32_t _Atomic installs;
};

const char *module_section_name(uint8_t id);
void module_retain(const wlab_module *m);
/* wlab_module_new whose functions i with shell[i] get IR shells (validate_module_shells), their
 * code compiled for shell_explicit's bounds mode; shell is ignored unless nshell is the
 * module's function count.  keep: bytes stay valid, unchanged, until the module is freed, so
 * it points into them rather than copying (bytes_kept).  core/api.c */
wlab_module *module_new_shells(struct wlab_engine *engine, const uint8_t *bytes, size_t len, const uint8_t *shell,
                               uint32_t nshell, bool shell_explicit, bool keep, wlab_error *err);
void module_release(const wlab_module *m);

#endif
