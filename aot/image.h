/* image.h: ahead-of-time artifacts: a whole module's machine code and tables in one ELF64 file, written and adopted back. */
#ifndef WLAB_AOT_IMAGE_H
#define WLAB_AOT_IMAGE_H

#include <stdint.h>

#include "wasmlab.h"

/*
 * The artifact's layout is docs/aot.md's; the public entry points (include/wasmlab.h) are
 * wlab_module_serialize, wlab_is_artifact, wlab_module_deserialize and
 * wlab_module_deserialize_file, all in image.c.  Everything below is the fixed part of the
 * .wlab.meta section, little-endian, read and written field by field as laid out here.
 */
#define AOT_MAGIC "WLABAOT"        /* 8 bytes with its NUL */
#define AOT_VERSION 4u
#define AOT_BUILD_ID_MAX 32

enum { AOT_TIER_OPT = 1, AOT_TIER_BASELINE = 2 };

typedef struct aot_meta {
  char magic[8];
  uint32_t version;               /* AOT_VERSION */
  uint32_t tier;                  /* AOT_TIER_* */
  uint32_t bounds;                /* 0 guard pages, 1 explicit checks */
  uint32_t budget;                /* 1: entries and loop headers count down fuel/timeout */
  uint64_t cpu_features;          /* bit i: feature i of aot_cpu_bits (what the compiler was allowed) */
  uint32_t build_id_len;
  uint8_t build_id[AOT_BUILD_ID_MAX]; /* the engine's GNU build-id (or its fallback) */
  uint32_t nfuncs;                /* the module's functions, imported included */
  uint64_t wasm_hash;             /* aot_hash of .wlab.wasm */
  uint64_t checksum;              /* aot_checksum of the whole file, this field read as zero */
} aot_meta;

/* One row of .wlab.funcs per function of the module (imports too: size 0), then the tables. */
typedef struct aot_func {
  uint32_t text_off, size;        /* in .text; size 0: no code (runs in the interpreter) */
  uint32_t nsites, nfaults;
  uint32_t table_off;             /* in .wlab.funcs: nsites then nfaults rows of {pc, ir, origin} */
} aot_func;

/* The engine's build id (GNU build-id note of the object holding this code, else the fallback
 * docs/aot.md describes); *len bytes, at most AOT_BUILD_ID_MAX. */
void aot_build_id(uint8_t out[AOT_BUILD_ID_MAX], uint32_t *len);
/* The checks of an artifact that need no engine (structure, checksum, hashes, tables): what
 * loading runs first, and the fuzz target's entry (tests/fuzz/fuzz_aot.c).  Never runs code. */
wlab_status aot_check(const uint8_t *bytes, size_t len, wlab_error *err);
/* Four lanes of a multiply-rotate step over little-endian 8-byte words (docs/aot.md): .wlab.meta's
 * wasm_hash, and the build id's fallback.  Format 3's checksum was this. */
uint64_t aot_hash(const uint8_t *p, size_t n, uint64_t seed);
/* The file's checksum: CRC-32C in three streams over its 8-byte words, the 8-byte field at `at`
 * (8-aligned, at + 8 <= n) read as zero, folded with the length into 64 bits (image.c). */
uint64_t aot_checksum(const uint8_t *p, size_t n, size_t at);
#define AOT_HASH_INIT 0xcbf29ce484222325ull

#endif
