/* gen_module.h: turns any bytes into a valid WebAssembly module, for the execution fuzzer. */
#ifndef WLAB_GEN_MODULE_H
#define WLAB_GEN_MODULE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Every byte of the input is a choice (which instruction, which type, which constant, how many);
 * when the bytes run out every choice is 0, which always picks something that ends the
 * construct being made, so any input gives a module, and a small change to the input a small
 * change to the module.  The module uses all of WebAssembly 2.0 that has a value: numeric and
 * SIMD ops (from core/wasm_ops.def), locals, globals with extended constant initialisers, one
 * memory with active and passive data, funcref and externref tables with active and passive
 * elements, blocks, loops and ifs with parameters and several results, br, br_if, br_table,
 * calls, indirect calls, tail calls, host imports, bulk memory and table ops, a start function.
 *
 * Termination: with a hang limit, global 0 counts down at every function entry and loop header
 * and `unreachable` traps at zero, so a call runs at most GEN_HANG_LIMIT calls plus loop
 * iterations before it traps, the same way in every tier (the export "hang_reset" sets it
 * again).  Without one the module may loop or recurse for ever: the runner's fuel stops it.
 *
 * Host imports, all from module "env" (the runner defines every one it finds):
 *   log_i32 (i32)   log_i64 (i64)   log_f32 (f32)   log_f64 (f64)   log_v128 (v128)
 *   log_ref (externref)   mix (i32 i64) -> i64   reenter (i32): calls export N again
 */
#define GEN_HANG_LIMIT 100

typedef struct gen_result {
  uint8_t *bytes;           /* the module (malloc'd) */
  size_t len;
  uint32_t nexports;        /* functions exported as "f0", "f1", ...: every defined one */
  bool hang_limit;          /* "hang_reset" is exported too */
} gen_result;

/* Makes the module for data[0..size); false only when out of memory. */
bool gen_module(const uint8_t *data, size_t size, gen_result *out);

#endif
