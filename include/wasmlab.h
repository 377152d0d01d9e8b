/* wasmlab.h: the public embedding API of wasmlab, the only public header. */
#ifndef WASMLAB_H
#define WASMLAB_H

/*
 * Life cycle, in the order an embedder uses it:
 *
 *   wlab_engine   configuration and the enabled features; one per process is typical.
 *   wlab_module   decoded and validated code: the bytes are checked once and every function
 *                 is lowered to the shared IR.  Immutable, shareable by many instances.
 *   wlab_linker   names host functions and earlier instances so imports can be resolved.
 *   wlab_instance a module's memories, tables and globals, with its imports resolved.
 *   wlab_func     a callable function of an instance (or a host function).
 *
 * Every fallible call fills a wlab_error (if the pointer is not NULL) and returns a status or
 * NULL.  The error text names what went wrong and where: section, function, byte offset.
 * Nothing in this API aborts the process on bad input.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define WLAB_API __attribute__((visibility("default")))

/* ---- values ---------------------------------------------------------------------------- */

/* Value types, numbered as in the binary format. */
typedef enum wlab_valtype {
  WLAB_I32 = 0x7F,
  WLAB_I64 = 0x7E,
  WLAB_F32 = 0x7D,
  WLAB_F64 = 0x7C,
  WLAB_V128 = 0x7B,
  WLAB_FUNCREF = 0x70,
  WLAB_EXTERNREF = 0x6F,
} wlab_valtype;

/* A value of any type.  Floats travel as their bit patterns too (u32/u64), so NaN payloads
 * survive a round trip.  References are opaque pointers; NULL is the null reference. */
typedef struct wlab_val {
  wlab_valtype type;
  union {
    int32_t i32;
    int64_t i64;
    uint32_t u32;   /* f32 bits */
    uint64_t u64;   /* f64 bits */
    float f32;
    double f64;
    uint8_t v128[16];
    void *ref;
  } of;
} wlab_val;

/* A function type: parameter and result types. Arrays are owned by the module. */
typedef struct wlab_functype {
  uint32_t nparams, nresults;
  const wlab_valtype *params;
  const wlab_valtype *results;
} wlab_functype;

/* Returns "i32", "f64", "funcref", ... */
WLAB_API const char *wlab_valtype_name(wlab_valtype t);

/* ---- errors and traps ------------------------------------------------------------------ */

typedef enum wlab_status {
  WLAB_OK = 0,
  WLAB_ERR_MALFORMED,      /* the bytes are not a well-formed module */
  WLAB_ERR_INVALID,        /* well-formed, but fails validation */
  WLAB_ERR_UNLINKABLE,     /* an import is missing or has the wrong type */
  WLAB_ERR_UNINSTANTIABLE, /* a segment was out of bounds or the start function trapped */
  WLAB_ERR_TRAP,           /* execution trapped */
  WLAB_ERR_EXHAUSTED,      /* the call stack was exhausted (the spec's "exhaustion") */
  WLAB_ERR_UNSUPPORTED,    /* a feature or tier this build does not have */
  WLAB_ERR_NOMEM,          /* the host could not allocate memory */
  WLAB_ERR_ARGUMENT,       /* a bad argument from the embedder (wrong type, count, name) */
  WLAB_ERR_EXIT,           /* the guest asked to exit (WASI proc_exit): see exit_code */
  WLAB_ERR_INTERRUPTED,    /* the embedder's budget stopped the guest: fuel or time ran out */
  WLAB_ERR_LIMIT,          /* valid, but past one of the implementation's limits (docs/limits.md): a
                            * table or memory past its limit, too many functions...; the message names it */
} wlab_status;

/* Where an error happened.  Fields that do not apply are WLAB_NONE. */
#define WLAB_NONE UINT32_MAX

struct wlab_instance;
/* One activation of a wasm function in a trap's trace. */
typedef struct wlab_frame {
  struct wlab_instance *instance; /* the instance it ran in; NULL when unknown (not retained) */
  uint32_t func_index;     /* in the function index space of the instance's module */
  uint32_t func_offset;    /* of the instruction, from the first byte of the function's body
                            * (its locals, after the body size); WLAB_NONE when unknown */
  uint32_t module_offset;  /* of the instruction, from the module's first byte; WLAB_NONE when unknown */
} wlab_frame;
#define WLAB_MAX_FRAMES 32

typedef struct wlab_error {
  wlab_status status;
  uint32_t offset;         /* byte offset in the module, or WLAB_NONE */
  uint32_t func_index;     /* function index, or WLAB_NONE */
  const char *section;     /* "type", "code", ...; NULL when not in a section */
  int32_t exit_code;       /* WLAB_ERR_EXIT: the code the guest exits with */
  char message[200];       /* what went wrong, without the location */
  char text[400];          /* the full message: kind, what, and where */
  /* A trap's wasm frames, innermost (the trapping function) first; 0 for errors that are not
   * traps.  Frames the engine cannot see past are left out: docs/embedding.md says which. */
  uint32_t nframes;
  wlab_frame frames[WLAB_MAX_FRAMES];
} wlab_error;

/* "malformed module", "invalid module", "trap", ... */
WLAB_API const char *wlab_status_name(wlab_status s);

/* ---- engine ---------------------------------------------------------------------------- */

/* Features beyond WebAssembly 2.0.  2.0 itself (MVP, sign extension, non-trapping float to
 * int, multi-value, reference types, bulk memory, SIMD) is always on. */
enum {
  WLAB_FEATURE_TAIL_CALL = 1u << 0,
  WLAB_FEATURE_EXTENDED_CONST = 1u << 1,
};
#define WLAB_FEATURES_DEFAULT (WLAB_FEATURE_TAIL_CALL | WLAB_FEATURE_EXTENDED_CONST)

typedef enum wlab_bounds {
  WLAB_BOUNDS_GUARD = 0,    /* guard-page reservation, checks by the MMU (falls back to explicit) */
  WLAB_BOUNDS_EXPLICIT = 1, /* a bounds check in code on every access */
} wlab_bounds;

typedef struct wlab_config {
  uint32_t features;        /* WLAB_FEATURE_* bits */
  const char *tier;         /* execution tier by name; NULL for the default */
  wlab_bounds bounds;
  uint64_t max_memory_pages;/* cap on any memory's size in 64 KiB pages; 0 for none */
  uint64_t fuel;            /* stop guests after about this many function entries and loop
                             * iterations (WLAB_ERR_INTERRUPTED) in one call from the host (each
                             * call, start functions too, has the whole budget); 0 for no limit */
  double timeout;           /* stop a call from the host after this many seconds
                             * (WLAB_ERR_INTERRUPTED); 0: none */
  int eager;                /* machine-code tiers: compile every function when instantiating
                             * instead of on its first call (to measure compile speed) */
  /* The "tiered" tier (the default): functions start in the interpreter and move to machine
   * code once hot (docs/tiering.md). */
  int64_t tier_up_after;    /* hotness ticks (function entries + loop iterations) before a
                             * function is compiled; WLAB_TIER_UP_DEFAULT for the default */
  int no_background;        /* compile on the thread that found the function hot */
  int no_osr;               /* no on-stack replacement: a running activation stays where it is */
  int trace_tiering;        /* print every tier-up event to stderr */
  int64_t opt_after;        /* ticks before a function running in baseline code is compiled by the
                             * optimising tier (the interpreter's carried over);
                             * WLAB_OPT_AFTER_DEFAULT for the default */
  int compile_threads;      /* compiler threads at most; 0 for what the machine can spare */
  const char *ladder;       /* the rungs tiered climbs, bottom first: "interp,opt"; NULL for
                             * "interp,baseline,opt" (docs/tiering.md; wlab_ladder_check) */
  int dump_osr_entries;     /* dumps of opt code and SSA: each function's OSR versions too */
  const char *opt_disable;  /* the optimising tier's passes to switch off, "gvn,licm" (NULL:
                             * none; docs/opt.md lists them); copied by wlab_engine_new */
  int no_load_times;        /* modules' decode and validation not timed (wlab_module_stats'
                             * decode_ns and validate_ns 0): no clock read while loading, for a
                             * run that prints no times (the first read faults in the vDSO's
                             * data page) */
} wlab_config;
#define WLAB_TIER_UP_DEFAULT (-1)
#define WLAB_OPT_AFTER_DEFAULT (-1)

/* Fills cfg with the defaults (all features above on, default tier, guard pages). */
WLAB_API void wlab_config_default(wlab_config *cfg);

typedef struct wlab_engine wlab_engine;

/* cfg may be NULL for the defaults.  Returns NULL when out of memory or when cfg names a
 * tier this build does not have (see wlab_engine_tiers). */
WLAB_API wlab_engine *wlab_engine_new(const wlab_config *cfg);
WLAB_API void wlab_engine_free(wlab_engine *engine);
WLAB_API const char *wlab_version(void);

/* Execution tiers built into this library, as a comma-separated list ("" when none). */
WLAB_API const char *wlab_engine_tiers(const wlab_engine *engine); /* engine may be NULL */

/* The x86-64 extensions the machine-code tiers may use, as "sse2 ssse3 sse4.1 ...": what cpuid
 * reports, less those the environment variable WLAB_CPU_FEATURES switches off (docs/x64.md).
 * Writes the list into buf and returns WLAB_OK; when WLAB_CPU_FEATURES cannot be read, writes
 * why and returns WLAB_ERR_ARGUMENT (the tiers then use SSE2 alone, which every x86-64 has).
 * With size 0 (buf may be NULL) it only checks. */
WLAB_API wlab_status wlab_cpu_features(char *buf, size_t size);
/* Checks a wlab_config.ladder list: WLAB_OK, or WLAB_ERR_ARGUMENT with why (size bytes) naming
 * the word at fault.  wlab_engine_new returns NULL for a list this refuses. */
WLAB_API wlab_status wlab_ladder_check(const char *ladder, char *why, size_t size);

/* What a compiling tier has done so far in this engine. */
typedef struct wlab_tier_stats {
  const char *tier;         /* "baseline", ... */
  uint64_t funcs_compiled;
  uint64_t funcs_failed;    /* compiles given up: those functions stayed in the interpreter */
  uint64_t wasm_bytes;      /* bytes of function bodies compiled */
  uint64_t code_bytes;      /* machine code emitted */
  uint64_t compile_ns;      /* time spent compiling (wall clock) */
  uint64_t compile_cpu_ns;  /* CPU time of the compiling threads: what one core spent, whatever
                             * else the machine was doing */
  /* the optimising tier pinned (--tier opt): compiles its background thread did (counted in the
   * figures above too) and their wall time; first calls that waited for one of them, and how
   * long in all; first calls that compiled a queued function before the thread got to it */
  uint64_t background_compiled, background_ns;
  uint64_t background_waits, background_wait_ns;
  uint64_t background_claimed;
  uint64_t caller_compile_ns; /* the optimising tier: wall time of its function compiles on the
                             * program's threads (not the background thread's) */
  /* the tier manager ("tiered"): */
  uint64_t tier_ups;        /* functions installed in a higher tier */
  uint64_t tier_up_failed;  /* compiles that gave up (those functions stayed where they were) */
  uint64_t osr_entries;     /* running activations moved into machine code */
  uint64_t queue_wait_ns;   /* total time hot functions waited for the compiler thread */
  uint64_t queue_wait_max_ns;
  uint64_t tier_ups_in_place; /* compiled by the running thread: the compiler thread was late */
  /* ... and the same by rung of its ladder, bottom first ("interp", "baseline", "opt"; the names
   * end at the first NULL): tier-ups, compiles and OSR entries into that rung's tier */
#define WLAB_MAX_RUNGS 4
#define WLAB_MAX_STAGES 24 /* the optimising tier's timed stages: construction, passes, backend */
  const char *rung_names[WLAB_MAX_RUNGS];
  uint64_t rung_tier_ups[WLAB_MAX_RUNGS], rung_failed[WLAB_MAX_RUNGS], rung_osr_entries[WLAB_MAX_RUNGS];
  uint64_t rung_queue_wait_ns[WLAB_MAX_RUNGS], rung_queue_wait_max_ns[WLAB_MAX_RUNGS];
  uint64_t rung_compile_ns[WLAB_MAX_RUNGS]; /* wall time of the compiles, given up or not */
  /* the optimising tier ("opt"): wall time of each stage of its compiles, summed over them (SSA
   * construction, each pass, splitting edges, register allocation, emission); stage_names ends
   * at the first NULL */
  const char *stage_names[WLAB_MAX_STAGES];
  uint64_t stage_ns[WLAB_MAX_STAGES];
} wlab_tier_stats;
/* Fills out[0..max) with one record per compiling tier built in; returns how many it filled. */
WLAB_API uint32_t wlab_engine_tier_stats(const wlab_engine *engine, wlab_tier_stats *out, uint32_t max);

/* ---- modules --------------------------------------------------------------------------- */

typedef struct wlab_module wlab_module;

/* Decodes and validates bytes[0..len) and lowers every function to IR.  The bytes are not
 * kept: the caller may free them on return.  NULL with *err filled on failure. */
WLAB_API wlab_module *wlab_module_new(wlab_engine *engine, const uint8_t *bytes, size_t len,
                                      wlab_error *err);
WLAB_API void wlab_module_free(wlab_module *module);

/* Ahead-of-time artifacts (docs/aot.md): an ELF64 file holding the module's bytes and the opt
 * tier's code for every function, compiled for one bounds mode (with fuel/timeout checks when
 * engine has fuel or a timeout).  Serialising compiles `wasm` (tier NULL or "opt"); *out is
 * malloc'd, free() it.  Deserialising checks the artifact (structure, checksum, engine build,
 * CPU features, bounds mode, budget), decodes and validates its module, and adopts its code:
 * nothing is compiled.  engine's tier must be "opt".  From a file the code is mapped straight
 * from it (shared between processes); from memory it is copied.  A refusal says which check
 * failed. */
WLAB_API wlab_status wlab_module_serialize(wlab_engine *engine, const uint8_t *wasm, size_t len, const char *tier,
                                           wlab_bounds bounds, uint8_t **out, size_t *out_len, wlab_error *err);
WLAB_API bool wlab_is_artifact(const uint8_t *bytes, size_t len); /* an ELF header: load it as one */
/* The tier whose code an artifact holds ("opt" or "baseline": load it in an engine of that
 * tier), or NULL when the bytes are not one. */
WLAB_API const char *wlab_artifact_tier(const uint8_t *bytes, size_t len);
WLAB_API wlab_module *wlab_module_deserialize(wlab_engine *engine, const uint8_t *bytes, size_t len,
                                              wlab_error *err);
WLAB_API wlab_module *wlab_module_deserialize_file(wlab_engine *engine, const char *path, wlab_error *err);
/* The same from a file the caller has open and mapped whole (fd read-only, bytes its len bytes,
 * from offset 0): a caller that read the artifact's tier from that mapping loads it without
 * opening and mapping it again.  fd and the mapping stay the caller's (close them after). */
WLAB_API wlab_module *wlab_module_deserialize_mapped(wlab_engine *engine, int fd, const uint8_t *bytes, size_t len,
                                                     wlab_error *err);
/* The same from the caller's mapping of the whole file, read+execute (PROT_READ | PROT_EXEC,
 * MAP_PRIVATE, from offset 0): the code runs where that mapping has it, so the load maps nothing
 * of its own (a system call and a page fault fewer).  The mapping becomes the loader's whatever
 * happens: the module's, unmapped when it goes, or unmapped at once when the load fails. */
WLAB_API wlab_module *wlab_module_deserialize_exec(wlab_engine *engine, const uint8_t *bytes, size_t len,
                                                   wlab_error *err);

typedef enum wlab_externkind {
  WLAB_EXTERN_FUNC = 0,
  WLAB_EXTERN_TABLE = 1,
  WLAB_EXTERN_MEMORY = 2,
  WLAB_EXTERN_GLOBAL = 3,
} wlab_externkind;

/* An import or export.  Names are UTF-8, not NUL-terminated inside the module but given
 * here NUL-terminated (embedded NULs are legal in wasm names: use the lengths). */
typedef struct wlab_extern_desc {
  const char *module;      /* import module name; NULL for exports */
  size_t module_len;
  const char *name;
  size_t name_len;
  wlab_externkind kind;
  uint32_t index;          /* index in the function/table/memory/global index space */
} wlab_extern_desc;

WLAB_API uint32_t wlab_module_import_count(const wlab_module *m);
WLAB_API uint32_t wlab_module_export_count(const wlab_module *m);
WLAB_API void wlab_module_import(const wlab_module *m, uint32_t i, wlab_extern_desc *out);
WLAB_API void wlab_module_export(const wlab_module *m, uint32_t i, wlab_extern_desc *out);

/* Functions, imported ones first (the function index space). */
WLAB_API uint32_t wlab_module_func_count(const wlab_module *m);
WLAB_API void wlab_module_func_type(const wlab_module *m, uint32_t func, wlab_functype *out);
/* The function's name from the name section, else its first export name, else NULL. */
WLAB_API const char *wlab_module_func_name(const wlab_module *m, uint32_t func);
/* Looks a function up by name (name section or export) or by decimal index.
 * Returns WLAB_NONE when there is no such function. */
WLAB_API uint32_t wlab_module_find_func(const wlab_module *m, const char *name_or_index);

/* Size figures of a module, for statistics. */
typedef struct wlab_module_stats {
  uint32_t funcs_defined;
  uint64_t code_bytes;     /* bytes of function bodies */
  uint64_t ir_insts;       /* IR instructions emitted */
  uint64_t decode_ns;      /* time spent decoding sections (0: no_load_times) */
  uint64_t validate_ns;    /* time spent validating and emitting IR (0: no_load_times) */
} wlab_module_stats;
WLAB_API void wlab_module_stats_get(const wlab_module *m, wlab_module_stats *out);

/* Dumps of the stages. */
typedef enum wlab_dump_kind {
  WLAB_DUMP_IR = 0,        /* the shared IR of each function (docs/ir.md) */
  WLAB_DUMP_ASM = 1,       /* the baseline tier's machine code, interleaved with the IR */
  WLAB_DUMP_ASM_OPT = 2,   /* the optimising tier's machine code, under each SSA instruction */
} wlab_dump_kind;

/* Prints one function (func = index) or every defined function (func = WLAB_NONE). */
WLAB_API wlab_status wlab_module_dump(const wlab_module *m, wlab_dump_kind kind, uint32_t func,
                                      FILE *out, wlab_error *err);
/* The optimising tier's SSA form (docs/ssa.md) of one function or all, after the stage
 * `after`: "build" (construction), a pass name, "each" (after every stage), or NULL (after
 * the whole pipeline), with the engine's opt_disable passes switched off. */
WLAB_API wlab_status wlab_module_dump_ssa(const wlab_module *m, uint32_t func, const char *after,
                                          FILE *out, wlab_error *err);

/* ---- linking and instances ------------------------------------------------------------- */

typedef struct wlab_linker wlab_linker;
typedef struct wlab_instance wlab_instance;
typedef struct wlab_func wlab_func;
typedef struct wlab_caller wlab_caller;

/* A host function.  args has the type's nparams values, results room for its nresults.
 * Return WLAB_OK, or fill err (e.g. a trap with a message) and return its status. */
typedef wlab_status (*wlab_host_fn)(wlab_caller *caller, void *env, const wlab_val *args,
                                    wlab_val *results, wlab_error *err);

WLAB_API wlab_linker *wlab_linker_new(wlab_engine *engine);
WLAB_API void wlab_linker_free(wlab_linker *linker);
/* Makes module.name resolve to a host function of the given type (copied). */
WLAB_API wlab_status wlab_linker_define_func(wlab_linker *linker, const char *module,
                                             const char *name, const wlab_functype *type,
                                             wlab_host_fn fn, void *env, wlab_error *err);
/* Makes every export of inst resolvable as module.<export name>. */
WLAB_API wlab_status wlab_linker_define_instance(wlab_linker *linker, const char *module,
                                                 wlab_instance *inst, wlab_error *err);

/* Resolves imports through the linker, allocates memories, tables and globals, applies
 * segments and runs the start function.  Returns NULL with *err filled on failure:
 * WLAB_ERR_UNLINKABLE; WLAB_ERR_LIMIT or WLAB_ERR_NOMEM for a memory or table it cannot have;
 * WLAB_ERR_UNINSTANTIABLE for a segment out of bounds or a trap in the start function; the
 * start function's own status when it exhausts the stack, runs out of fuel or time, or exits;
 * WLAB_ERR_UNSUPPORTED when the build has no execution tier. */
WLAB_API wlab_instance *wlab_instance_new(wlab_linker *linker, const wlab_module *m,
                                          wlab_error *err);
WLAB_API void wlab_instance_free(wlab_instance *inst);

/* An exported function, or NULL.  The pointer lives as long as the instance.  The _n form
 * takes names with embedded NULs (legal in wasm). */
WLAB_API wlab_func *wlab_instance_func(wlab_instance *inst, const char *export_name);
WLAB_API wlab_func *wlab_instance_func_n(wlab_instance *inst, const char *name, size_t len);
/* Reads an exported global into *out; WLAB_ERR_ARGUMENT if there is none by that name. */
WLAB_API wlab_status wlab_instance_global(wlab_instance *inst, const char *export_name,
                                          wlab_val *out);

WLAB_API void wlab_func_type(const wlab_func *f, wlab_functype *out);
/* Calls f.  Arguments must match its parameter types in number and type.  A trap returns
 * WLAB_ERR_TRAP (WLAB_ERR_EXHAUSTED for the call stack, WLAB_ERR_INTERRUPTED for fuel or time)
 * and err, whose status is the same, names the trap, function and offset. */
WLAB_API wlab_status wlab_func_call(wlab_func *f, const wlab_val *args, uint32_t nargs,
                                    wlab_val *results, uint32_t nresults, wlab_error *err);

/* ---- externs: memories, tables, globals and functions as objects ------------------------ */

/*
 * What the standard C API (wasm.h, capi/) is built on: the objects an instance exports, host
 * objects made without a module, and instantiation from objects given in import order.
 *
 * Every object belongs to an instance: an export to the instance that exports it, a host object
 * to a hidden instance made for it.  wlab_extern_instance gives that owner;
 * wlab_instance_retain/wlab_instance_free keep and drop it, and an object lives as long as its
 * owner does.  An instance that imports an object keeps the object's owner alive.
 *
 * References in wlab_val: a funcref is a wlab_func *, an externref any non-NULL pointer of the
 * embedder's (the engine never reads or frees it); NULL is the null reference of either.
 */
typedef struct wlab_global wlab_global;
typedef struct wlab_table wlab_table;
typedef struct wlab_memory wlab_memory;

typedef struct wlab_limits {
  uint64_t min;            /* memories: 64 KiB pages; tables: elements */
  uint64_t max;            /* when has_max */
  bool has_max;
} wlab_limits;

typedef struct wlab_globaltype { wlab_valtype type; bool mut; } wlab_globaltype;
typedef struct wlab_tabletype { wlab_valtype elem; wlab_limits limits; } wlab_tabletype;
typedef struct wlab_memorytype { wlab_limits limits; } wlab_memorytype;

/* The type of an import or export (a functype's arrays are owned by the module). */
typedef struct wlab_externtype {
  wlab_externkind kind;
  union {
    wlab_functype func;
    wlab_globaltype global;
    wlab_tabletype table;
    wlab_memorytype memory;
  } of;
} wlab_externtype;
WLAB_API void wlab_module_import_type(const wlab_module *m, uint32_t i, wlab_externtype *out);
WLAB_API void wlab_module_export_type(const wlab_module *m, uint32_t i, wlab_externtype *out);
/* Where function func's body starts in the module (the first byte after its size), for
 * frames' function offsets; WLAB_NONE for an imported function. */
WLAB_API uint32_t wlab_module_func_body_offset(const wlab_module *m, uint32_t func);

typedef struct wlab_extern {
  wlab_externkind kind;
  union {
    wlab_func *func;
    wlab_global *global;
    wlab_table *table;
    wlab_memory *memory;
  } of;
} wlab_extern;

/* The i-th export of inst, in the module's export order (wlab_module_export). */
WLAB_API void wlab_instance_export(wlab_instance *inst, uint32_t i, wlab_extern *out);
/* The instance an object belongs to (for a host object, the hidden instance made for it). */
WLAB_API wlab_instance *wlab_extern_instance(const wlab_extern *ext);
/* Keeps inst alive until a matching wlab_instance_free. */
WLAB_API void wlab_instance_retain(wlab_instance *inst);
/* The module an instance was made from (hidden instances have modules too). */
WLAB_API const wlab_module *wlab_instance_module(const wlab_instance *inst);

/* Instantiates m with imports[i] for its i-th import (n must be its import count), checking
 * each object's kind and type as the linker does (WLAB_ERR_UNLINKABLE naming the import);
 * otherwise as wlab_instance_new.  A host function imported this way is called with the new
 * instance as its caller (wlab_caller_memory gives the importer's memory). */
WLAB_API wlab_instance *wlab_instance_new_externs(wlab_engine *engine, const wlab_module *m,
                                                  const wlab_extern *imports, uint32_t n, wlab_error *err);
/* Resolves m's imports through linker into objects, in import order (out has room for
 * wlab_module_import_count(m)): what a host that instantiates from objects needs to use
 * definitions made on a linker (WASI's, say).  Host functions become host objects of their
 * own; the caller owns one reference to each out[i]'s instance (wlab_instance_free them). */
WLAB_API wlab_status wlab_linker_resolve(wlab_linker *linker, const wlab_module *m, wlab_extern *out,
                                         wlab_error *err);

/* Host objects.  Each returns an object whose hidden instance the caller owns one reference to
 * (wlab_instance_free(wlab_extern_instance(...)) ends it), or NULL with *err filled.
 * wlab_func_new: finalizer (may be NULL) is called with env once the function is freed. */
WLAB_API wlab_func *wlab_func_new(wlab_engine *engine, const wlab_functype *type, wlab_host_fn fn, void *env,
                                  void (*finalizer)(void *env), wlab_error *err);
/* init must have the global's type */
WLAB_API wlab_global *wlab_global_new(wlab_engine *engine, const wlab_globaltype *type, const wlab_val *init,
                                      wlab_error *err);
/* every element starts as init (a reference of the table's element type, or NULL) */
WLAB_API wlab_table *wlab_table_new(wlab_engine *engine, const wlab_tabletype *type, void *init, wlab_error *err);
WLAB_API wlab_memory *wlab_memory_new(wlab_engine *engine, const wlab_memorytype *type, wlab_error *err);

/* The instance a function belongs to: wasm code's, or a host function's hidden one. */
WLAB_API wlab_instance *wlab_func_instance(const wlab_func *f);
/* Host functions: their env, else NULL. */
WLAB_API void *wlab_func_env(const wlab_func *f);

WLAB_API void wlab_global_type(const wlab_global *g, wlab_globaltype *out);
WLAB_API void wlab_global_get(const wlab_global *g, wlab_val *out);
/* WLAB_ERR_ARGUMENT for an immutable global or a value of another type. */
WLAB_API wlab_status wlab_global_set(wlab_global *g, const wlab_val *v, wlab_error *err);

/* The current size is in limits.min. */
WLAB_API void wlab_table_type(const wlab_table *t, wlab_tabletype *out);
WLAB_API uint32_t wlab_table_size(const wlab_table *t);
/* WLAB_ERR_TRAP when i is out of bounds (the table's "out of bounds table access"). */
WLAB_API wlab_status wlab_table_get(const wlab_table *t, uint32_t i, wlab_val *out, wlab_error *err);
WLAB_API wlab_status wlab_table_set(wlab_table *t, uint32_t i, const wlab_val *v, wlab_error *err);
/* Grows by delta elements set to init; *old (if not NULL) gets the size before.  WLAB_ERR_LIMIT
 * past the maximum, as table.grow's -1. */
WLAB_API wlab_status wlab_table_grow(wlab_table *t, uint32_t delta, void *init, uint32_t *old, wlab_error *err);

/* The current size in pages is in limits.min. */
WLAB_API void wlab_memory_type(const wlab_memory *mem, wlab_memorytype *out);
/* The base address and size in bytes; the base moves only when the memory grows. */
WLAB_API uint8_t *wlab_memory_data(wlab_memory *mem, size_t *size);
WLAB_API uint32_t wlab_memory_pages(const wlab_memory *mem);
/* As memory.grow: WLAB_ERR_LIMIT (nothing changed) when it cannot; *old gets the pages before. */
WLAB_API wlab_status wlab_memory_grow(wlab_memory *mem, uint32_t delta, uint32_t *old, wlab_error *err);

/* ---- instance pools (docs/serve.md) ---------------------------------------------------- */

/*
 * A pool keeps up to `slots` instances of one module and hands them out one at a time.  Every
 * acquire returns an instance in the state wlab_instance_new would leave it in: memory restored
 * from a copy-on-write image of the data segments (or by copying, to compare), globals and
 * tables initialised again, dropped segments back, the start function run again.  Nothing one
 * user of a slot left in memory, globals or tables is visible to the next.  Reservations,
 * tables, globals and vmctx are allocated at a slot's first acquire and reused (the value and
 * call stacks are the calling thread's, as for any call); code the tier manager installed for
 * any instance of the module serves them all, and a slot keeps its code across resets.  Modules that import memories, tables or mutable
 * globals are refused (WLAB_ERR_UNSUPPORTED): their state is not the pool's to reset.
 */
typedef struct wlab_pool wlab_pool;

/* Defines the imports of one slot's instance in linker (fresh for each slot).  Host functions
 * whose env belongs to the slot (a WASI context, say) are how the embedder gives each slot
 * its own host state. */
typedef wlab_status (*wlab_pool_link_fn)(void *user, uint32_t slot, wlab_linker *linker,
                                         wlab_error *err);

typedef enum wlab_pool_reset {
  WLAB_POOL_RESET_COW = 0,  /* drop the dirty pages of a private mapping of the image */
  WLAB_POOL_RESET_COPY = 1, /* zero the memory and copy the data segments again */
} wlab_pool_reset;

typedef struct wlab_pool_config {
  uint32_t slots;           /* instances at most; 0 means 1 */
  wlab_pool_reset reset;
} wlab_pool_config;

typedef struct wlab_pool_stats {
  uint64_t acquires;        /* instances handed out */
  uint64_t instantiations;  /* slots instantiated the first time */
  uint64_t resets;          /* slots reset for reuse */
  uint64_t reset_ns;        /* time spent resetting and re-initialising, in total */
  wlab_pool_reset reset;    /* how slots reset: COPY when COW was asked for but cannot be had */
  uint32_t cow_slots;       /* instantiated slots whose memory maps the image (the others copy:
                             * their memory has no guard reservation to map into) */
  char cow_refused[96];     /* why the pool copies though COW was asked for; "" otherwise */
} wlab_pool_stats;

WLAB_API wlab_pool *wlab_pool_new(wlab_engine *engine, const wlab_module *m,
                                  const wlab_pool_config *cfg, wlab_pool_link_fn link,
                                  void *user, wlab_error *err);
/* A fresh instance from a free slot; *slot (if not NULL) receives the slot's number.  Safe
 * to call from several threads.  NULL with WLAB_ERR_LIMIT when every slot is in use, or with
 * the error wlab_instance_new would give (the link callback's, or the start function's: that
 * slot is then freed, and instantiated anew at its next acquire). */
WLAB_API wlab_instance *wlab_pool_acquire(wlab_pool *pool, uint32_t *slot, wlab_error *err);
/* Gives the instance back; it must not be used after (never wlab_instance_free it). */
WLAB_API void wlab_pool_release(wlab_pool *pool, wlab_instance *inst);
/* Frees the pool and its instances; every acquired instance must have been released. */
WLAB_API void wlab_pool_free(wlab_pool *pool);
WLAB_API void wlab_pool_stats_get(const wlab_pool *pool, wlab_pool_stats *out);

/* The caller's memory 0 (for host functions such as WASI): base and size in bytes, or
 * NULL and 0 when the calling instance has no memory. */
WLAB_API uint8_t *wlab_caller_memory(wlab_caller *caller, size_t *size);

#ifdef __cplusplus
}
#endif
#endif /* WASMLAB_H */
