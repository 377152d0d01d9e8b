/* wasmlab_wasi.h: WASI preview1 for hosts of the standard C API (wasm.h): what a guest is granted, its imports filled, and the exit code of proc_exit. */
#ifndef WASMLAB_WASI_H
#define WASMLAB_WASI_H

/*
 * The standard C API has no WASI.  A host written against wasm.h gets wasmlab's WASI preview1
 * (all of wasi_snapshot_preview1, docs/wasi.md) in three calls:
 *
 *   wasmlab_wasi_config_t *cfg = wasmlab_wasi_config_new("prog");   // argv[0]
 *   wasmlab_wasi_config_arg(cfg, "--verbose");
 *   wasmlab_wasi_config_preopen_dir(cfg, "data", "/data", true);    // read-only
 *   wasmlab_wasi_t *wasi = wasmlab_wasi_new(store, cfg, why, sizeof why);
 *   wasmlab_wasi_imports(wasi, module, &imports, why, sizeof why);  // WASI's slots filled
 *   ... fill the NULL slots (the module's other imports), wasm_instance_new, call "_start";
 *   a trap whose wasmlab_wasi_exit_code is true is the guest's proc_exit(code).
 *
 * Capabilities only, as in `wasmlab run`: the guest sees its arguments, the environment
 * variables the host lists and no others, the host's stdin, stdout and stderr as descriptors
 * 0-2 (always inherited), and one descriptor per preopened directory from 3 up, in the order
 * they were added.  Paths never escape a preopen.
 *
 * Every function that can fail returns false or NULL and writes why (a NUL-terminated sentence
 * naming the argument, directory or import at fault) into why[0..why_size) when why is not NULL.
 */

#include <wasm.h>

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifndef WASMLAB_WASI_API
#define WASMLAB_WASI_API __attribute__((visibility("default")))
#endif

/* ---- what the guest is granted --------------------------------------------------------- */

typedef struct wasmlab_wasi_config_t wasmlab_wasi_config_t;

/* A configuration with argv[0] = program_name (copied), no other argument, no environment and
 * no directory.  NULL when out of memory. */
WASMLAB_WASI_API wasmlab_wasi_config_t *wasmlab_wasi_config_new(const char *program_name);
WASMLAB_WASI_API void wasmlab_wasi_config_delete(wasmlab_wasi_config_t *config);

/* Appends one argument (copied).  false when out of memory. */
WASMLAB_WASI_API bool wasmlab_wasi_config_arg(wasmlab_wasi_config_t *config, const char *arg);
/* Grants the environment variable name=value (copied); a later one of the same name wins.
 * false when name is empty or holds '=', or when out of memory. */
WASMLAB_WASI_API bool wasmlab_wasi_config_env(wasmlab_wasi_config_t *config, const char *name, const char *value);
/* Grants the host directory host_path as guest_path (the name the guest opens it by: "/data",
 * "."; NULL: host_path itself).  read_only: the guest may read but never create, write, rename
 * or remove anything beneath it.  The directory is opened by wasmlab_wasi_new.  false when out
 * of memory. */
WASMLAB_WASI_API bool wasmlab_wasi_config_preopen_dir(wasmlab_wasi_config_t *config, const char *host_path,
                                                      const char *guest_path, bool read_only);

/* ---- one guest's WASI ------------------------------------------------------------------ */

typedef struct wasmlab_wasi_t wasmlab_wasi_t;

/* The WASI state of one guest, as config grants (config is copied: the host may delete it or
 * make more from it).  store gives the engine; the functions this state fills imports with
 * belong to store.  NULL when a preopened directory cannot be opened (why names it and the
 * host's error) or when out of memory. */
WASMLAB_WASI_API wasmlab_wasi_t *wasmlab_wasi_new(wasm_store_t *store, const wasmlab_wasi_config_t *config,
                                                  char *why, size_t why_size);
/* Frees the state: after every instance that imports its functions is deleted. */
WASMLAB_WASI_API void wasmlab_wasi_delete(wasmlab_wasi_t *wasi);

/* Makes *out a vector of module's import count: the slot of each import from
 * wasi_snapshot_preview1 holds wasmlab's function of that name (owned by the vector), every
 * other slot is NULL for the host to fill.  The vector owns its elements: put there externs the
 * host no longer deletes itself (or set the slot back to NULL before wasm_extern_vec_delete).
 * false, with *out empty, when a WASI import names no preview1 function or has another type
 * than preview1's (why names it), or when out of memory. */
WASMLAB_WASI_API bool wasmlab_wasi_imports(wasmlab_wasi_t *wasi, const wasm_module_t *module,
                                           wasm_extern_vec_t *out, char *why, size_t why_size);

/* Does module import anything from wasi_snapshot_preview1? */
WASMLAB_WASI_API bool wasmlab_wasi_module_uses(const wasm_module_t *module);

/* true when trap is the guest's proc_exit (the call ended there), with the code it gave in
 * *code (when code is not NULL); false for every other trap. */
WASMLAB_WASI_API bool wasmlab_wasi_exit_code(const wasm_trap_t *trap, int *code);

#ifdef __cplusplus
}
#endif
#endif /* WASMLAB_WASI_H */
