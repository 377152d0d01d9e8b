/* image.c: ahead-of-time artifacts: compiles a whole module into one ELF64 image, and checks, maps and adopts one back. */
#include "aot/image.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/engine.h"
#include "baseline/baseline.h"
#include "core/error.h"
#include "core/once.h"
#include "opt/emit.h"
#include "opt/tier.h"
#include "x64/asm.h"
#include "core/startup.h"

/*
 * The file (docs/aot.md has every field):
 *
 *   ELF header, one PT_LOAD program header (R+X) for the headers and .text
 *   .text        at offset 128 (TEXT_OFF): every function's code, 64-byte aligned (as in x64/codemem.c), in index order
 *   .wlab.meta   aot_meta: magic, version, tier, bounds mode, budget, CPU features, build id, wasm hash, checksum
 *   .wlab.funcs  one aot_func row per function, then their trap and fault tables
 *   .wlab.wasm   the module's bytes (its sections decoded at load; a body with code is not validated again
 *                nor lowered: an IR shell, "Loading" in docs/aot.md)
 *   .symtab, .strtab, .shstrtab, then the section headers
 *
 * Code is position-independent (opt_aot_compile, bl_aot_compile): helpers through the thread
 * context, calls through the instance's code table or rel32 within .text, constants and the
 * helpers' IR copies rip-relative.  So .text is mapped straight from
 * the file, read+execute, never written; processes running one artifact share its pages.
 */

enum { SEC_NULL, SEC_TEXT, SEC_META, SEC_FUNCS, SEC_WASM, SEC_SYMTAB, SEC_STRTAB, SEC_SHSTRTAB, NSECS };
static const char *const sec_names[NSECS] = {"", ".text", ".wlab.meta", ".wlab.funcs", ".wlab.wasm",
                                             ".symtab", ".strtab", ".shstrtab"};

/* .text's file offset (and address): right after the ELF and program headers, at the 64 bytes its
 * functions are aligned to.  Format 3 put it at a page (4096), 3,900 bytes of zeros that every
 * load's checksum read; the whole file is mapped anyway (wlab_module_deserialize_exec), and a
 * mapping of the code alone maps the file from its start (wlab_module_deserialize_mapped). */
#define CODE_ALIGN 64u
#define TEXT_OFF 128u

/* Four lanes of 8 bytes, 32 bytes a step, so that their multiplies overlap: the one-lane FNV-style
 * hash this replaces (a multiply chain, 11 instructions each 8 bytes) was 26,000 instructions of
 * the 211,000 of running hello from its artifact, this is about 7,000.  A lane's step (xor a word,
 * multiply by an odd constant, rotate) is a bijection of the lane, and the lanes, the length and
 * the tail words are folded into one value by such steps too, so one changed 8-byte word always
 * changes the result; it is an integrity check against accidents, not a signature (docs/aot.md). */
#define HASH_MUL 0x9e3779b97f4a7c15ull

static inline uint64_t hash_step(uint64_t h, uint64_t w)
{
  h = (h ^ w) * HASH_MUL;
  return h << 31 | h >> 33;
}

WLAB_STARTUP uint64_t aot_hash(const uint8_t *p, size_t n, uint64_t seed)
{
  uint64_t a = seed, b = seed ^ 1, c = seed ^ 2, d = seed ^ 3, h, w, x, y, z;
  size_t i = 0;
  for (; i + 32 <= n; i += 32) { /* four loads into scalars: a 32-byte copy went through the stack */
    memcpy(&w, p + i, 8);
    memcpy(&x, p + i + 8, 8);
    memcpy(&y, p + i + 16, 8);
    memcpy(&z, p + i + 24, 8);
    a = hash_step(a, w);
    b = hash_step(b, x);
    c = hash_step(c, y);
    d = hash_step(d, z);
  }
  h = hash_step(hash_step(hash_step(hash_step(hash_step(seed, (uint64_t)n), a), b), c), d);
  for (; i + 8 <= n; i += 8) {
    memcpy(&w, p + i, 8);
    h = hash_step(h, w);
  }
  if (i < n) {
    w = 0;
    memcpy(&w, p + i, n - i);
    h = hash_step(h, w);
  }
  h ^= h >> 29;
  h *= HASH_MUL;
  return h ^ h >> 32;
}

/* The file's checksum (docs/aot.md, "The checksum"): CRC-32C (Castagnoli, reflected, the polynomial
 * of SSE4.2's crc32 instruction) in three streams taking the file's 8-byte words in turn, so the
 * instruction's 3-cycle latency overlaps; the field itself read as zero; the streams and the length
 * folded into 64 bits by hash_step, a bijection of its lane, so a change any stream sees changes
 * the result.  A CRC detects every error burst of up to 32 bits in its stream, so every changed
 * byte, and the file's other bytes 4 in 2^32 hardly.  It replaces the four-lane multiply hash
 * above (format 3): about 0.2 instructions a byte rather than 0.5, the same bytes covered.  A
 * machine without SSE4.2 computes the same value from a table. */
#define CRC32C_POLY 0x82f63b78u /* reflected */

static uint32_t crc32c_table[256];
static wlab_once crc32c_table_once = WLAB_ONCE_INIT;

static void crc32c_table_init(void)
{
  for (uint32_t i = 0; i < 256; i++) {
    uint32_t c = i;
    for (int k = 0; k < 8; k++)
      c = c >> 1 ^ (c & 1 ? CRC32C_POLY : 0);
    crc32c_table[i] = c;
  }
}

/* crc32 of one little-endian word, as the instruction computes it (no inversions) */
static uint32_t crc32c_word_soft(uint32_t c, uint64_t w)
{
  for (int k = 0; k < 8; k++, w >>= 8)
    c = crc32c_table[(c ^ (uint8_t)w) & 0xff] ^ c >> 8;
  return c;
}

/* The streams' state: stream i takes words i, i + 3, i + 6, ... of the file. */
typedef struct crc3 {
  uint32_t c[3];
  uint64_t words;  /* words taken so far (so the next one's stream) */
} crc3;

__attribute__((target("sse4.2"))) static inline uint64_t crc32c_word_hw(uint64_t c, const uint8_t *p)
{
  uint64_t w;
  memcpy(&w, p, 8);
  return __builtin_ia32_crc32di(c, w);
}

WLAB_STARTUP __attribute__((target("sse4.2"))) static void crc3_words_hw(crc3 *s, const uint8_t *p, size_t nwords)
{
  uint64_t a = s->c[0], b = s->c[1], c = s->c[2];
  unsigned next = (unsigned)(s->words % 3);
  size_t i = 0;
  for (; i < nwords && next; i++, next = (next + 1) % 3) /* to stream 0's turn */
    if (next == 1)
      b = crc32c_word_hw(b, p + 8 * i);
    else
      c = crc32c_word_hw(c, p + 8 * i);
  /* four words of each stream a round: 12 crc32 with their loads folded in, 4 instructions of loop */
  for (; i + 12 <= nwords; i += 12) {
    const uint8_t *q = p + 8 * i;
    a = crc32c_word_hw(a, q);
    b = crc32c_word_hw(b, q + 8);
    c = crc32c_word_hw(c, q + 16);
    a = crc32c_word_hw(a, q + 24);
    b = crc32c_word_hw(b, q + 32);
    c = crc32c_word_hw(c, q + 40);
    a = crc32c_word_hw(a, q + 48);
    b = crc32c_word_hw(b, q + 56);
    c = crc32c_word_hw(c, q + 64);
    a = crc32c_word_hw(a, q + 72);
    b = crc32c_word_hw(b, q + 80);
    c = crc32c_word_hw(c, q + 88);
  }
  for (; i + 3 <= nwords; i += 3) {
    a = crc32c_word_hw(a, p + 8 * i);
    b = crc32c_word_hw(b, p + 8 * i + 8);
    c = crc32c_word_hw(c, p + 8 * i + 16);
  }
  if (i < nwords)
    a = crc32c_word_hw(a, p + 8 * i);
  if (i + 1 < nwords)
    b = crc32c_word_hw(b, p + 8 * i + 8);
  s->c[0] = (uint32_t)a;
  s->c[1] = (uint32_t)b;
  s->c[2] = (uint32_t)c;
  s->words += nwords;
}

static void crc3_words_soft(crc3 *s, const uint8_t *p, size_t nwords)
{
  wlab_once_run(&crc32c_table_once, crc32c_table_init);
  for (size_t i = 0; i < nwords; i++, s->words++) {
    uint64_t w;
    memcpy(&w, p + 8 * i, 8);
    s->c[s->words % 3] = crc32c_word_soft(s->c[s->words % 3], w);
  }
}

WLAB_STARTUP static void crc3_words(crc3 *s, const uint8_t *p, size_t nwords, bool hw)
{
  if (hw)
    crc3_words_hw(s, p, nwords);
  else
    crc3_words_soft(s, p, nwords);
}

WLAB_STARTUP uint64_t aot_checksum(const uint8_t *p, size_t n, size_t at)
{
  static const uint8_t zero[8];
  crc3 s = {{0xffffffffu, 0xfffffffeu, 0xfffffffdu}, 0};
  bool hw = x64_cpu_features()->sse42;
  uint64_t last = 0, h;
  /* the bytes before the field (at is 8-aligned: .wlab.meta is), the field as zero, the rest */
  crc3_words(&s, p, at / 8, hw);
  crc3_words(&s, zero, 1, hw);
  crc3_words(&s, p + at + 8, (n - at - 8) / 8, hw);
  if ((n - at) % 8) { /* the last word, zero-padded */
    memcpy(&last, p + n - (n - at) % 8, (n - at) % 8);
    crc3_words(&s, (const uint8_t *)&last, 1, hw);
  }
  h = hash_step(hash_step(hash_step(hash_step(AOT_HASH_INIT, (uint64_t)n), s.c[0]), s.c[1]), s.c[2]);
  h ^= h >> 29;
  h *= HASH_MUL;
  return h ^ h >> 32;
}

/* ---- the engine's build id ------------------------------------------------------------------ */

typedef struct build_id_search {
  uintptr_t addr;   /* an address inside the engine's code */
  uint8_t *out;
  uint32_t len;
} build_id_search;

WLAB_STARTUP static int find_build_id(struct dl_phdr_info *info, size_t size, void *arg)
{
  build_id_search *s = arg;
  bool mine = false;
  (void)size;
  for (unsigned i = 0; i < info->dlpi_phnum && !mine; i++) {
    const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
    uintptr_t lo = info->dlpi_addr + ph->p_vaddr;
    mine = ph->p_type == PT_LOAD && s->addr >= lo && s->addr < lo + ph->p_memsz;
  }
  if (!mine)
    return 0;
  for (unsigned i = 0; i < info->dlpi_phnum; i++) {
    const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
    if (ph->p_type != PT_NOTE)
      continue;
    const uint8_t *p = (const uint8_t *)(info->dlpi_addr + ph->p_vaddr), *end = p + ph->p_memsz;
    while (p + sizeof(ElfW(Nhdr)) <= end) {
      const ElfW(Nhdr) *nh = (const ElfW(Nhdr) *)p;
      const uint8_t *name = p + sizeof *nh, *desc = name + ((nh->n_namesz + 3) & ~3u);
      if (desc + nh->n_descsz > end)
        break;
      if (nh->n_type == NT_GNU_BUILD_ID && nh->n_namesz == 4 && !memcmp(name, "GNU", 4) && nh->n_descsz) {
        s->len = nh->n_descsz < AOT_BUILD_ID_MAX ? nh->n_descsz : AOT_BUILD_ID_MAX;
        memcpy(s->out, desc, s->len);
        return 1;
      }
      p = desc + ((nh->n_descsz + 3) & ~3u);
    }
  }
  return 1; /* the right object, without a note: the fallback */
}

static uint8_t build_id[AOT_BUILD_ID_MAX] WLAB_STARTUP_DATA;
static uint32_t build_id_len WLAB_STARTUP_DATA;
static wlab_once build_id_once WLAB_STARTUP_DATA = WLAB_ONCE_INIT;

/* The GNU build-id note of the object this file is linked into (the wasmlab executable, or the
 * shared library that embeds the engine).  Without one (a linker told --build-id=none), the
 * fallback: aot_hash of the version and the moment this file was compiled, so an artifact still
 * belongs to one build at most. */
static void build_id_init(void)
{
  build_id_search s = {(uintptr_t)&build_id_init, build_id, 0};
  dl_iterate_phdr(find_build_id, &s);
  build_id_len = s.len;
  if (!build_id_len) {
    static const char stamp[] = "wasmlab " WLAB_VERSION " " __DATE__ " " __TIME__;
    uint64_t h = aot_hash((const uint8_t *)stamp, sizeof stamp - 1, AOT_HASH_INIT);
    memcpy(build_id, &h, sizeof h);
    build_id_len = sizeof h;
  }
}

void aot_build_id(uint8_t out[AOT_BUILD_ID_MAX], uint32_t *len)
{
  wlab_once_run(&build_id_once, build_id_init);
  memcpy(out, build_id, AOT_BUILD_ID_MAX);
  *len = build_id_len;
}

/* ---- CPU features as bits ------------------------------------------------------------------ */

static const struct { const char *name; size_t field; } cpu_bits[] = {
  {"ssse3", offsetof(x64_cpu, ssse3)}, {"sse4.1", offsetof(x64_cpu, sse41)}, {"sse4.2", offsetof(x64_cpu, sse42)},
  {"popcnt", offsetof(x64_cpu, popcnt)}, {"lzcnt", offsetof(x64_cpu, lzcnt)}, {"bmi1", offsetof(x64_cpu, bmi1)},
  {"bmi2", offsetof(x64_cpu, bmi2)}, {"avx", offsetof(x64_cpu, avx)}, {"avx2", offsetof(x64_cpu, avx2)},
};
enum { NCPU_BITS = sizeof cpu_bits / sizeof cpu_bits[0] };

static uint64_t cpu_mask(const x64_cpu *c)
{
  uint64_t m = 0;
  for (unsigned i = 0; i < NCPU_BITS; i++)
    if (*(const bool *)((const char *)c + cpu_bits[i].field))
      m |= 1ull << i;
  return m;
}

/* "avx2 bmi2" (bits of mask), or "bit 40" for a bit no feature has */
static void cpu_names(uint64_t mask, char *buf, size_t size)
{
  size_t at = 0;
  buf[0] = 0;
  for (unsigned i = 0; i < 64 && at < size; i++)
    if (mask >> i & 1) {
      int n = i < NCPU_BITS ? snprintf(buf + at, size - at, "%s%s", at ? " " : "", cpu_bits[i].name)
                            : snprintf(buf + at, size - at, "%sbit %u", at ? " " : "", i);
      at += n > 0 ? (size_t)n : 0;
    }
}

/* ---- writing -------------------------------------------------------------------------------- */

typedef struct bytes {
  uint8_t *p;
  size_t len, cap;
  bool oom;
} bytes;

static size_t put(bytes *b, const void *data, size_t n)
{
  size_t at = b->len;
  if (!n) /* an empty part (a module without code): nothing to copy, maybe nowhere yet */
    return at;
  if (b->len + n > b->cap) {
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->len + n)
      cap *= 2;
    uint8_t *p = realloc(b->p, cap);
    if (!p) {
      b->oom = true;
      return at;
    }
    b->p = p;
    b->cap = cap;
  }
  if (data)
    memcpy(b->p + b->len, data, n);
  else
    memset(b->p + b->len, 0, n);
  b->len += n;
  return at;
}

static void align(bytes *b, size_t a)
{
  if (b->len % a)
    put(b, NULL, a - b->len % a);
}

static void set_section(Elf64_Shdr *sh, uint32_t name, uint32_t type, uint64_t flags, uint64_t addr, uint64_t off,
                        uint64_t size, uint32_t link, uint32_t info, uint64_t align_, uint64_t entsize)
{
  *sh = (Elf64_Shdr){name, type, flags, addr, off, size, link, info, align_, entsize};
}

/* The baseline's code for function i in opt_aot_code's shape (no direct calls: the baseline
 * calls through the code table), its sites' origin the function itself. */
static bool baseline_aot_compile(const wlab_module *m, uint32_t i, bool explicit_bounds, bool budget,
                                 opt_aot_code *out, const char **why)
{
  bl_aot_code b;
  memset(out, 0, sizeof *out);
  if (!bl_aot_compile(m, i, explicit_bounds, budget, &b, why))
    return false;
  out->sites = malloc(((size_t)b.nsites + 1) * sizeof *out->sites);
  out->faults = malloc(((size_t)b.nfaults + 1) * sizeof *out->faults);
  if (!out->sites || !out->faults) {
    bl_aot_code_free(&b);
    opt_aot_code_free(out);
    *why = "out of memory";
    return false;
  }
  for (uint32_t k = 0; k < b.nsites; k++)
    out->sites[k] = (opt_site){b.sites[k].pc, b.sites[k].ir, i};
  for (uint32_t k = 0; k < b.nfaults; k++)
    out->faults[k] = (opt_site){b.faults[k].pc, b.faults[k].ir, i};
  out->nsites = b.nsites;
  out->nfaults = b.nfaults;
  out->code = b.code;
  out->size = b.size;
  b.code = NULL;
  bl_aot_code_free(&b);
  return true;
}

wlab_status wlab_module_serialize(wlab_engine *engine, const uint8_t *wasm, size_t wasm_len, const char *tier,
                                  wlab_bounds bounds, uint8_t **out, size_t *out_len, wlab_error *err)
{
  wlab_module *m;
  if (!engine || !out || !out_len || (!wasm && wasm_len))
    return error_set(err, WLAB_ERR_ARGUMENT, NULL, WLAB_NONE, NULL, WLAB_NONE, "no engine, bytes or output");
  *out = NULL;
  *out_len = 0;
  bool baseline = tier && strcmp(tier, "baseline") == 0;
  if (tier && strcmp(tier, "opt") != 0 && !baseline)
    return error_set(err, WLAB_ERR_UNSUPPORTED, NULL, WLAB_NONE, NULL, WLAB_NONE,
                     "artifacts hold the opt or the baseline tier's code; no AOT compile with tier '%s'", tier);
  if (!(m = wlab_module_new(engine, wasm, wasm_len, err)))
    return err ? err->status : WLAB_ERR_MALFORMED;
  bool explicit_bounds = bounds == WLAB_BOUNDS_EXPLICIT;
  bool budget = engine->cfg.fuel || engine->cfg.timeout > 0;
  uint32_t n = m->nfuncs;
  opt_aot_code *codes = calloc(n + 1, sizeof *codes);
  aot_func *rows = calloc(n + 1, sizeof *rows);
  bytes f = {0}, text = {0}, tables = {0}, strtab = {0}, symtab = {0}, shstr = {0};
  wlab_status st = WLAB_OK;
  if (!codes || !rows)
    st = WLAB_ERR_NOMEM;
  /* Calls between the module's functions are direct (call rel32 within .text), assuming every
   * function compiles; a function opt gives up on runs in the interpreter, so its callers are
   * compiled again calling it through the table, until no call points at a function without
   * code (one pass when everything compiles). */
  uint8_t *direct = calloc(n + 1, 1), *redo = calloc(n + 1, 1);
  if (!direct || !redo)
    st = WLAB_ERR_NOMEM;
  for (uint32_t i = m->nimported_funcs; i < n && st == WLAB_OK; i++)
    direct[i] = redo[i] = m->funcs[i].ir != NULL;
  for (bool again = true; again && st == WLAB_OK;) {
    again = false;
    for (uint32_t i = m->nimported_funcs; i < n; i++) {
      const char *why;
      if (!redo[i])
        continue;
      redo[i] = 0;
      opt_aot_code_free(&codes[i]);
      if (baseline ? !baseline_aot_compile(m, i, explicit_bounds, budget, &codes[i], &why)
                   : !opt_aot_compile(m, i, explicit_bounds, budget, direct, &codes[i], &why)) {
        if (getenv(baseline ? "WLAB_BASELINE_LOG" : "WLAB_OPT_LOG"))
          fprintf(stderr, "wasmlab: compile: function %u stays in the interpreter: %s\n", i, why);
        if (direct[i])
          again = true;
        direct[i] = 0;
      }
    }
    for (uint32_t i = m->nimported_funcs; again && i < n; i++)
      for (uint32_t k = 0; k < codes[i].nfixups && !redo[i]; k++)
        redo[i] = codes[i].size && !direct[codes[i].fixups[k].callee];
  }
  for (uint32_t i = m->nimported_funcs; i < n && st == WLAB_OK; i++) {
    if (!codes[i].size)
      continue;
    align(&text, 64);
    rows[i].text_off = (uint32_t)put(&text, codes[i].code, codes[i].size);
    rows[i].size = codes[i].size;
  }
  /* the direct calls' displacements, now that every function has its place */
  for (uint32_t i = m->nimported_funcs; i < n && st == WLAB_OK && !text.oom; i++)
    for (uint32_t k = 0; k < codes[i].nfixups; k++) {
      const struct opt_call_fixup *fx = &codes[i].fixups[k];
      int32_t rel = (int32_t)((int64_t)rows[fx->callee].text_off - ((int64_t)rows[i].text_off + fx->at + 4));
      memcpy(text.p + rows[i].text_off + fx->at, &rel, sizeof rel);
    }
  free(direct);
  free(redo);
  /* .wlab.funcs: the rows, then each function's sites and faults */
  size_t rows_bytes = (size_t)n * sizeof *rows;
  for (uint32_t i = 0; i < n && st == WLAB_OK; i++) {
    rows[i].nsites = codes[i].nsites;
    rows[i].nfaults = codes[i].nfaults;
    rows[i].table_off = (uint32_t)(rows_bytes + tables.len);
    /* each entry's IR index as the wasm offset it maps to: the loader builds no IR for
     * functions with code, so trap mapping needs none (docs/aot.md, "Loading") */
    for (uint32_t k = 0; k < codes[i].nsites + codes[i].nfaults; k++) {
      opt_site *s = k < codes[i].nsites ? &codes[i].sites[k] : &codes[i].faults[k - codes[i].nsites];
      const ir_func *ir = m->funcs[s->origin].ir;
      s->ir = ir && s->ir < ir->ninsts ? ir->wasm_offsets[s->ir] : ir ? ir->code_offset : WLAB_NONE;
    }
    put(&tables, codes[i].sites, (size_t)codes[i].nsites * sizeof(opt_site));
    put(&tables, codes[i].faults, (size_t)codes[i].nfaults * sizeof(opt_site));
  }
  /* symbols: one STT_FUNC per compiled function */
  put(&strtab, "", 1);
  put(&symtab, NULL, sizeof(Elf64_Sym));
  for (uint32_t i = 0; i < n && st == WLAB_OK; i++) {
    if (!rows[i].size)
      continue;
    char name[300];
    const char *fn = m->funcs[i].name;
    if (fn)
      snprintf(name, sizeof name, "wasm_func_%u_%.250s", i, fn);
    else
      snprintf(name, sizeof name, "wasm_func_%u", i);
    Elf64_Sym sym = {(uint32_t)put(&strtab, name, strlen(name) + 1), ELF64_ST_INFO(STB_GLOBAL, STT_FUNC),
                     STV_DEFAULT, SEC_TEXT, TEXT_OFF + rows[i].text_off, rows[i].size};
    put(&symtab, &sym, sizeof sym);
  }
  uint32_t name_at[NSECS];
  for (unsigned s = 0; s < NSECS; s++)
    name_at[s] = (uint32_t)put(&shstr, sec_names[s], strlen(sec_names[s]) + 1);
  if (text.oom || tables.oom || strtab.oom || symtab.oom || shstr.oom)
    st = WLAB_ERR_NOMEM;

  /* the file */
  Elf64_Ehdr eh;
  Elf64_Phdr ph;
  Elf64_Shdr sh[NSECS];
  aot_meta meta;
  size_t off[NSECS] = {0};
  memset(&meta, 0, sizeof meta);
  memcpy(meta.magic, AOT_MAGIC, sizeof AOT_MAGIC);
  meta.version = AOT_VERSION;
  meta.tier = baseline ? AOT_TIER_BASELINE : AOT_TIER_OPT;
  meta.bounds = explicit_bounds;
  meta.budget = budget;
  meta.cpu_features = cpu_mask(x64_cpu_features());
  aot_build_id(meta.build_id, &meta.build_id_len);
  meta.nfuncs = n;
  meta.wasm_hash = aot_hash(wasm, wasm_len, AOT_HASH_INIT);
  if (st == WLAB_OK) {
    put(&f, NULL, sizeof eh + sizeof ph);
    align(&f, TEXT_OFF);
    off[SEC_TEXT] = put(&f, text.p, text.len);
    align(&f, 8);
    off[SEC_META] = put(&f, &meta, sizeof meta);
    align(&f, 8);
    off[SEC_FUNCS] = put(&f, rows, rows_bytes);
    put(&f, tables.p, tables.len);
    off[SEC_WASM] = put(&f, wasm, wasm_len);
    align(&f, 8);
    off[SEC_SYMTAB] = put(&f, symtab.p, symtab.len);
    off[SEC_STRTAB] = put(&f, strtab.p, strtab.len);
    off[SEC_SHSTRTAB] = put(&f, shstr.p, shstr.len);
    align(&f, 8);
    set_section(&sh[SEC_NULL], 0, SHT_NULL, 0, 0, 0, 0, 0, 0, 0, 0);
    set_section(&sh[SEC_TEXT], name_at[SEC_TEXT], SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR, TEXT_OFF,
                off[SEC_TEXT], text.len, 0, 0, CODE_ALIGN, 0);
    set_section(&sh[SEC_META], name_at[SEC_META], SHT_PROGBITS, 0, 0, off[SEC_META], sizeof meta, 0, 0, 8, 0);
    set_section(&sh[SEC_FUNCS], name_at[SEC_FUNCS], SHT_PROGBITS, 0, 0, off[SEC_FUNCS], rows_bytes + tables.len, 0,
                0, 4, 0);
    set_section(&sh[SEC_WASM], name_at[SEC_WASM], SHT_PROGBITS, 0, 0, off[SEC_WASM], wasm_len, 0, 0, 1, 0);
    set_section(&sh[SEC_SYMTAB], name_at[SEC_SYMTAB], SHT_SYMTAB, 0, 0, off[SEC_SYMTAB], symtab.len, SEC_STRTAB, 1,
                8, sizeof(Elf64_Sym));
    set_section(&sh[SEC_STRTAB], name_at[SEC_STRTAB], SHT_STRTAB, 0, 0, off[SEC_STRTAB], strtab.len, 0, 0, 1, 0);
    set_section(&sh[SEC_SHSTRTAB], name_at[SEC_SHSTRTAB], SHT_STRTAB, 0, 0, off[SEC_SHSTRTAB], shstr.len, 0, 0, 1,
                0);
    size_t shoff = put(&f, sh, sizeof sh);
    memset(&eh, 0, sizeof eh);
    memcpy(eh.e_ident, ELFMAG, SELFMAG);
    eh.e_ident[EI_CLASS] = ELFCLASS64;
    eh.e_ident[EI_DATA] = ELFDATA2LSB;
    eh.e_ident[EI_VERSION] = EV_CURRENT;
    eh.e_ident[EI_OSABI] = ELFOSABI_NONE;
    eh.e_type = ET_DYN;
    eh.e_machine = EM_X86_64;
    eh.e_version = EV_CURRENT;
    eh.e_phoff = sizeof eh;
    eh.e_shoff = shoff;
    eh.e_ehsize = sizeof eh;
    eh.e_phentsize = sizeof ph;
    eh.e_phnum = 1;
    eh.e_shentsize = sizeof(Elf64_Shdr);
    eh.e_shnum = NSECS;
    eh.e_shstrndx = SEC_SHSTRTAB;
    /* as an executable's first segment: from the file's start (headers included), address = offset */
    ph = (Elf64_Phdr){PT_LOAD, PF_R | PF_X, 0, 0, 0, TEXT_OFF + text.len, TEXT_OFF + text.len, 4096};
    if (f.oom) {
      st = WLAB_ERR_NOMEM;
    } else {
      memcpy(f.p, &eh, sizeof eh);
      memcpy(f.p + sizeof eh, &ph, sizeof ph);
      meta.checksum = aot_checksum(f.p, f.len, off[SEC_META] + offsetof(aot_meta, checksum));
      memcpy(f.p + off[SEC_META] + offsetof(aot_meta, checksum), &meta.checksum, sizeof meta.checksum);
    }
  }
  for (uint32_t i = 0; codes && i < n; i++)
    opt_aot_code_free(&codes[i]);
  free(codes);
  free(rows);
  free(text.p);
  free(tables.p);
  free(strtab.p);
  free(symtab.p);
  free(shstr.p);
  wlab_module_free(m);
  if (st != WLAB_OK) {
    free(f.p);
    return error_set(err, st, NULL, WLAB_NONE, NULL, WLAB_NONE, "out of memory writing the artifact");
  }
  *out = f.p;
  *out_len = f.len;
  return WLAB_OK;
}

WLAB_STARTUP bool wlab_is_artifact(const uint8_t *bytes, size_t len)
{
  return len >= SELFMAG && memcmp(bytes, ELFMAG, SELFMAG) == 0;
}

/* Only finds .wlab.meta's tier field (bounds-checked): loading checks the rest, once. */
WLAB_STARTUP const char *wlab_artifact_tier(const uint8_t *p, size_t n)
{
  Elf64_Ehdr eh;
  if (!wlab_is_artifact(p, n) || n < sizeof eh)
    return NULL;
  memcpy(&eh, p, sizeof eh);
  if (eh.e_shentsize != sizeof(Elf64_Shdr) || eh.e_shstrndx >= eh.e_shnum || eh.e_shoff > n || eh.e_shoff % 8 ||
      (uint64_t)eh.e_shnum * sizeof(Elf64_Shdr) > n - eh.e_shoff)
    return NULL;
  const Elf64_Shdr *sh = (const Elf64_Shdr *)(p + eh.e_shoff), *names = &sh[eh.e_shstrndx];
  if (names->sh_offset > n || names->sh_size > n - names->sh_offset)
    return NULL;
  for (unsigned i = 0; i < eh.e_shnum; i++) {
    const char *name = (const char *)p + names->sh_offset + sh[i].sh_name;
    uint32_t tier;
    if (sh[i].sh_name >= names->sh_size || strnlen(name, names->sh_size - sh[i].sh_name) != strlen(".wlab.meta") ||
        memcmp(name, ".wlab.meta", strlen(".wlab.meta")) != 0)
      continue;
    if (sh[i].sh_offset > n || sh[i].sh_size < sizeof(aot_meta) || sh[i].sh_size > n - sh[i].sh_offset)
      return NULL;
    memcpy(&tier, p + sh[i].sh_offset + offsetof(aot_meta, tier), sizeof tier);
    return tier == AOT_TIER_OPT ? "opt" : tier == AOT_TIER_BASELINE ? "baseline" : NULL;
  }
  return NULL;
}

/* ---- checking ----------------------------------------------------------------------------- */

typedef struct parsed {
  const Elf64_Shdr *sec[NSECS]; /* by our index; NULL when absent */
  aot_meta meta;
  const aot_func *rows;
  const uint8_t *funcs;         /* .wlab.funcs */
  const uint8_t *wasm;
  size_t wasm_len;
} parsed;

#define REFUSE(...) error_set(err, WLAB_ERR_MALFORMED, NULL, WLAB_NONE, NULL, WLAB_NONE, __VA_ARGS__)

/* Structural checks and the checksum; engine-independent, never executes anything (the fuzz
 * target's entry). */
WLAB_STARTUP static wlab_status parse(const uint8_t *p, size_t n, parsed *out, wlab_error *err)
{
  Elf64_Ehdr eh;
  memset(out, 0, sizeof *out);
  if (!wlab_is_artifact(p, n))
    return REFUSE("not a wasmlab artifact: no ELF header");
  if (n < sizeof eh)
    return REFUSE("truncated artifact: %zu bytes, shorter than an ELF header", n);
  memcpy(&eh, p, sizeof eh);
  if (eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_ident[EI_DATA] != ELFDATA2LSB || eh.e_machine != EM_X86_64)
    return REFUSE("not a wasmlab artifact: not an x86-64 little-endian ELF64 file");
  if (eh.e_shentsize != sizeof(Elf64_Shdr) || eh.e_shnum == 0 || eh.e_shstrndx >= eh.e_shnum)
    return REFUSE("not a wasmlab artifact: no usable section headers");
  if (eh.e_shoff > n || (uint64_t)eh.e_shnum * sizeof(Elf64_Shdr) > n - eh.e_shoff || eh.e_shoff % 8)
    return REFUSE("truncated artifact: section headers at byte %llu end past the file's %zu bytes",
                  (unsigned long long)eh.e_shoff, n);
  const Elf64_Shdr *sh = (const Elf64_Shdr *)(p + eh.e_shoff), *names = &sh[eh.e_shstrndx];
  if (names->sh_offset > n || names->sh_size > n - names->sh_offset)
    return REFUSE("truncated artifact: its section names end past the file's %zu bytes", n);
  for (unsigned i = 0; i < eh.e_shnum; i++) {
    if (sh[i].sh_type == SHT_NOBITS || sh[i].sh_type == SHT_NULL)
      continue;
    if (sh[i].sh_offset > n || sh[i].sh_size > n - sh[i].sh_offset)
      return REFUSE("truncated artifact: section %u ends past the file's %zu bytes", i, n);
    if (sh[i].sh_name >= names->sh_size)
      continue;
    const char *name = (const char *)p + names->sh_offset + sh[i].sh_name;
    size_t room = names->sh_size - sh[i].sh_name;
    for (unsigned s = 1; s < NSECS; s++)
      if (strnlen(name, room) < room && !strcmp(name, sec_names[s]) && !out->sec[s])
        out->sec[s] = &sh[i];
  }
  const Elf64_Shdr *ms = out->sec[SEC_META];
  if (!ms)
    return REFUSE("not a wasmlab artifact: an ELF file without a .wlab.meta section");
  if (ms->sh_size < sizeof out->meta || ms->sh_offset % 8)
    return REFUSE("corrupted artifact: .wlab.meta is %llu bytes, not %zu", (unsigned long long)ms->sh_size,
                  sizeof out->meta);
  memcpy(&out->meta, p + ms->sh_offset, sizeof out->meta);
  if (memcmp(out->meta.magic, AOT_MAGIC, sizeof AOT_MAGIC) != 0)
    return REFUSE("not a wasmlab artifact: .wlab.meta has no wasmlab magic");
  if (out->meta.version != AOT_VERSION)
    return REFUSE("artifact format version %u, this engine reads version %u: compile it again", out->meta.version,
                  AOT_VERSION);
  /* the checksum: the file's bytes around the checksum field (meta lies inside the file: checked) */
  uint64_t h = aot_checksum(p, n, ms->sh_offset + offsetof(aot_meta, checksum));
  if (h != out->meta.checksum)
    return REFUSE("corrupted artifact: checksum mismatch (the file says %016llx, its bytes hash to %016llx)",
                  (unsigned long long)out->meta.checksum, (unsigned long long)h);
  for (unsigned s = 1; s < NSECS; s++)
    if (!out->sec[s] && s != SEC_SYMTAB && s != SEC_STRTAB)
      return REFUSE("corrupted artifact: no %s section", sec_names[s]);
  const Elf64_Shdr *ts = out->sec[SEC_TEXT], *fs = out->sec[SEC_FUNCS], *ws = out->sec[SEC_WASM];
  if (ts->sh_offset % CODE_ALIGN || ts->sh_size > UINT32_MAX)
    return REFUSE("corrupted artifact: .text is not 64-byte aligned in the file");
  if (out->meta.build_id_len > AOT_BUILD_ID_MAX || (out->meta.tier != AOT_TIER_OPT && out->meta.tier != AOT_TIER_BASELINE) || out->meta.bounds > 1 ||
      out->meta.budget > 1)
    return REFUSE("corrupted artifact: .wlab.meta has a field out of range");
  out->wasm = p + ws->sh_offset;
  out->wasm_len = ws->sh_size;
  /* meta.wasm_hash is not checked again: the checksum above covers these bytes and that field
   * (a second pass over the module's bytes was 1,700 instructions of hello's load) */
  uint64_t nf = out->meta.nfuncs;
  if (fs->sh_offset % 4 || nf > fs->sh_size / sizeof(aot_func))
    return REFUSE("corrupted artifact: .wlab.funcs is too short for %llu functions", (unsigned long long)nf);
  out->funcs = p + fs->sh_offset;
  out->rows = (const aot_func *)out->funcs;
  uint64_t last_end = 0;
  for (uint64_t i = 0; i < nf; i++) {
    const aot_func *r = &out->rows[i];
    uint64_t tend = (uint64_t)r->table_off + ((uint64_t)r->nsites + r->nfaults) * sizeof(opt_site);
    if (r->size && ((uint64_t)r->text_off + r->size > ts->sh_size || r->text_off < last_end))
      return REFUSE("corrupted artifact: function %llu's code is outside .text", (unsigned long long)i);
    if (r->table_off % 4 || tend > fs->sh_size)
      return REFUSE("corrupted artifact: function %llu's tables are outside .wlab.funcs", (unsigned long long)i);
    if (r->size)
      last_end = (uint64_t)r->text_off + r->size;
  }
  return WLAB_OK;
}

/* What this engine needs of a parsed artifact: its build, the CPU, the bounds mode, the budget. */
WLAB_STARTUP static wlab_status check_engine(const parsed *a, const wlab_engine *e, wlab_error *err)
{
  uint8_t id[AOT_BUILD_ID_MAX];
  uint32_t id_len;
  char have[64] = "", want[64] = "";
  aot_build_id(id, &id_len);
  if (id_len != a->meta.build_id_len || memcmp(id, a->meta.build_id, id_len) != 0) {
    for (uint32_t i = 0; i < id_len && i < 20; i++)
      snprintf(have + 2 * i, 3, "%02x", id[i]);
    for (uint32_t i = 0; i < a->meta.build_id_len && i < 20; i++)
      snprintf(want + 2 * i, 3, "%02x", a->meta.build_id[i]);
    return error_set(err, WLAB_ERR_UNSUPPORTED, NULL, WLAB_NONE, NULL, WLAB_NONE,
                     "artifact from another engine build (its build id %s, this engine's %s): compile it again",
                     want, have);
  }
  uint64_t missing = a->meta.cpu_features & ~cpu_mask(x64_cpu_features());
  if (missing) {
    char names[160];
    cpu_names(missing, names, sizeof names);
    return error_set(err, WLAB_ERR_UNSUPPORTED, NULL, WLAB_NONE, NULL, WLAB_NONE,
                     "artifact's code needs CPU features this machine lacks (or WLAB_CPU_FEATURES switched off): %s",
                     names);
  }
  if ((bool)a->meta.bounds != e->limits.explicit_bounds)
    return error_set(err, WLAB_ERR_UNSUPPORTED, NULL, WLAB_NONE, NULL, WLAB_NONE,
                     "artifact compiled for bounds mode %s, run with %s: compile it with --bounds-checks=%s",
                     a->meta.bounds ? "explicit" : "guard", e->limits.explicit_bounds ? "explicit" : "guard",
                     e->limits.explicit_bounds ? "explicit" : "guard");
  if ((e->cfg.fuel || e->cfg.timeout > 0) && !a->meta.budget)
    return error_set(err, WLAB_ERR_UNSUPPORTED, NULL, WLAB_NONE, NULL, WLAB_NONE,
                     "artifact compiled without fuel/timeout checks, run with --fuel or --timeout: compile it "
                     "with the same option");
  const tier_ops *want_tier = a->meta.tier == AOT_TIER_BASELINE ? &baseline_tier : &opt_tier;
  /* the tier manager's engine: its top rung must be the artifact's tier, so nothing ever
   * replaces the code (no rung above it compiles; its functions have only IR shells) */
  if (strcmp(e->tier->name, "tiered") == 0 && e->on_hot) {
    if (e->osr_tiers[0] != want_tier)
      return error_set(err, WLAB_ERR_UNSUPPORTED, NULL, WLAB_NONE, NULL, WLAB_NONE,
                       "an artifact's code is the %s tier's: a tiered engine loads it only when %s is its "
                       "ladder's top rung (this one's is %s)",
                       want_tier->name, want_tier->name, e->osr_tiers[0] ? e->osr_tiers[0]->name : "interp");
    return WLAB_OK;
  }
  if (e->tier != want_tier)
    return error_set(err, WLAB_ERR_UNSUPPORTED, NULL, WLAB_NONE, NULL, WLAB_NONE,
                     "an artifact's code is the %s tier's: load it in an engine whose tier is %s (this one's is %s)",
                     want_tier->name, want_tier->name, e->tier->name);
  return WLAB_OK;
}

wlab_status aot_check(const uint8_t *bytes, size_t len, wlab_error *err)
{
  parsed a;
  return parse(bytes, len, &a, err);
}

/* ---- adopting ------------------------------------------------------------------------------- */

/* The mapping that holds an artifact's code, and where in it its .text is: a mapping of .text
 * alone, or the caller's mapping of the whole file (wlab_module_deserialize_exec). */
typedef struct text_map {
  void *base;
  size_t size;
  const uint8_t *code;
  size_t code_size;
  bool whole_file; /* base is the artifact's whole file: the module's wasm bytes are kept there */
} text_map;

static void text_unmap(void *arg)
{
  text_map *t = arg;
  munmap(t->base, t->size);
  free(t);
}

/* bl_aot_adopt of function i's code at entry, its checked table rows as the baseline's sites. */
static bool adopt_baseline(const wlab_module *m, uint32_t i, const uint8_t *entry, const aot_func *r,
                           const opt_site *t)
{
  uint32_t n = r->nsites + r->nfaults;
  bl_site *s = malloc(((size_t)n + 1) * sizeof *s);
  if (!s)
    return false;
  for (uint32_t k = 0; k < n; k++)
    s[k] = (bl_site){t[k].pc, t[k].ir};
  bool ok = bl_aot_adopt(m, i, entry, r->size, s, r->nsites, s + r->nsites, r->nfaults);
  free(s);
  return ok;
}

/* In a tiered engine: the artifact's code is what the tier manager would have installed in
 * every instance (wlab_module.installed, for the artifact's bounds mode), so each instance starts
 * with it in its functions' entries (instance_adopt_code) and, the ladder's top rung, nothing
 * replaces it; a function without code starts in the interpreter and climbs as ever. */
static bool install_shared(wlab_module *m, const parsed *a, const text_map *tm)
{
  void *_Atomic *shared = calloc(2 * (size_t)m->nfuncs + 1, sizeof *shared);
  if (!shared)
    return false;
  for (uint32_t i = m->nimported_funcs; i < m->nfuncs; i++)
    if (a->rows[i].size)
      atomic_store_explicit(&shared[(a->meta.bounds ? m->nfuncs : 0) + i],
                            (void *)(tm->code + a->rows[i].text_off), memory_order_relaxed);
  atomic_store_explicit(&m->installed, shared, memory_order_release);
  atomic_store_explicit(&m->installs, 1, memory_order_release);
  return true;
}

/* The module of a checked artifact, its code at text (mapped read+execute, owned by tm from now
 * on, whatever happens). */
WLAB_STARTUP static wlab_module *adopt(wlab_engine *e, const parsed *a, text_map *tm, wlab_error *err)
{
  /* The module's sections are decoded and checked, but a function with code keeps an IR shell:
   * its body was validated when the artifact was compiled and the checksum vouches for the
   * bytes, and its traps map through the wasm offsets in its tables (docs/aot.md, "Loading") */
  uint8_t *shell = calloc(a->meta.nfuncs ? a->meta.nfuncs : 1, 1);
  if (!shell) {
    text_unmap(tm);
    error_set(err, WLAB_ERR_NOMEM, NULL, WLAB_NONE, NULL, WLAB_NONE, "out of memory adopting the artifact");
    return NULL;
  }
  for (uint32_t i = 0; i < a->meta.nfuncs; i++)
    shell[i] = a->rows[i].size != 0;
  wlab_module *m = module_new_shells(e, a->wasm, a->wasm_len, shell, a->meta.nfuncs, a->meta.bounds, tm->whole_file, err);
  free(shell);
  if (!m) {
    text_unmap(tm);
    return NULL;
  }
  if (m->nfuncs != a->meta.nfuncs) {
    uint32_t has = m->nfuncs;
    text_unmap(tm);
    wlab_module_free(m);
    REFUSE("corrupted artifact: %u functions in its tables, %u in its module", a->meta.nfuncs, has);
    return NULL;
  }
  uintptr_t base = (uintptr_t)tm->code;
  bool baseline = a->meta.tier == AOT_TIER_BASELINE;
  uint32_t ncode = 0;
  size_t nentries = 0; /* bounded by .wlab.funcs' size (parse) */
  for (uint32_t i = m->nimported_funcs; i < m->nfuncs; i++)
    if (a->rows[i].size) {
      ncode++;
      nentries += (size_t)a->rows[i].nsites + a->rows[i].nfaults;
    }
  if (baseline ? !bl_aot_adopt_begin(m, a->meta.bounds, base, base + tm->code_size, text_unmap, tm)
               : !opt_aot_adopt_begin(m, a->meta.bounds, base, base + tm->code_size, ncode,
                                      tm->whole_file ? 0 : nentries, tm->whole_file, text_unmap, tm)) {
    text_unmap(tm);
    wlab_module_free(m);
    error_set(err, WLAB_ERR_NOMEM, NULL, WLAB_NONE, NULL, WLAB_NONE, "out of memory adopting the artifact");
    return NULL;
  }
  for (uint32_t i = 0; i < m->nfuncs; i++) {
    const aot_func *r = &a->rows[i];
    if (!r->size || i < m->nimported_funcs)
      continue;
    const opt_site *t = (const opt_site *)(a->funcs + r->table_off);
    for (uint32_t k = 0; k < r->nsites + r->nfaults; k++) /* trap mapping reads the origin's IR shell */
      if (t[k].origin >= m->nfuncs || !m->funcs[t[k].origin].ir || t[k].pc > r->size ||
          (baseline && t[k].origin != i)) { /* the baseline inlines nothing */
        wlab_module_free(m);
        REFUSE("corrupted artifact: function %u's trap tables point outside it or its module", i);
        return NULL;
      }
    if (baseline ? !adopt_baseline(m, i, tm->code + r->text_off, r, t)
                 : !opt_aot_adopt(m, i, tm->code + r->text_off, r->size, t, r->nsites,
                                  t + r->nsites, r->nfaults)) {
      wlab_module_free(m); /* unmaps the code */
      error_set(err, WLAB_ERR_NOMEM, NULL, WLAB_NONE, NULL, WLAB_NONE, "out of memory adopting the artifact");
      return NULL;
    }
  }
  if (e->tier != (baseline ? &baseline_tier : &opt_tier) && !install_shared(m, a, tm)) {
    wlab_module_free(m);
    error_set(err, WLAB_ERR_NOMEM, NULL, WLAB_NONE, NULL, WLAB_NONE, "out of memory adopting the artifact");
    return NULL;
  }
  return m;
}

static size_t page_round(size_t n)
{
  size_t page = (size_t)sysconf(_SC_PAGESIZE);
  return (n + page - 1) / page * page;
}

wlab_module *wlab_module_deserialize(wlab_engine *engine, const uint8_t *bytes, size_t len, wlab_error *err)
{
  parsed a;
  if (!engine || (!bytes && len)) {
    error_set(err, WLAB_ERR_ARGUMENT, NULL, WLAB_NONE, NULL, WLAB_NONE, "no engine or no bytes");
    return NULL;
  }
  if (parse(bytes, len, &a, err) != WLAB_OK || check_engine(&a, engine, err) != WLAB_OK)
    return NULL;
  /* from memory: copied into fresh pages, then made read+execute (never both writable and executable) */
  const Elf64_Shdr *ts = a.sec[SEC_TEXT];
  text_map *tm = malloc(sizeof *tm);
  size_t size = page_round(ts->sh_size ? ts->sh_size : 1);
  void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (!tm || p == MAP_FAILED) {
    free(tm);
    if (p != MAP_FAILED)
      munmap(p, size);
    error_set(err, WLAB_ERR_NOMEM, NULL, WLAB_NONE, NULL, WLAB_NONE, "out of memory mapping the artifact's code");
    return NULL;
  }
  memcpy(p, bytes + ts->sh_offset, ts->sh_size);
  if (mprotect(p, size, PROT_READ | PROT_EXEC) != 0) {
    munmap(p, size);
    free(tm);
    error_set(err, WLAB_ERR_NOMEM, NULL, WLAB_NONE, NULL, WLAB_NONE, "cannot make the artifact's code executable");
    return NULL;
  }
  tm->base = p;
  tm->size = size;
  tm->code = p;
  tm->code_size = size;
  tm->whole_file = false;
  return adopt(engine, &a, tm, err);
}

WLAB_STARTUP
wlab_module *wlab_module_deserialize_mapped(wlab_engine *engine, int fd, const uint8_t *file, size_t len,
                                            wlab_error *err)
{
  parsed a;
  if (!engine || fd < 0 || (!file && len)) {
    error_set(err, WLAB_ERR_ARGUMENT, NULL, WLAB_NONE, NULL, WLAB_NONE, "no engine, file or bytes");
    return NULL;
  }
  if (parse(file ? file : (const uint8_t *)"", len, &a, err) != WLAB_OK || check_engine(&a, engine, err) != WLAB_OK)
    return NULL;
  /* .text straight from the file, read+execute, private: nothing is written into it, so every
   * process running this artifact shares these pages in the page cache.  .text is not at a page
   * of the file (TEXT_OFF): the mapping starts at the file's start, as an executable's first
   * segment does, and takes the headers before .text along */
  const Elf64_Shdr *ts = a.sec[SEC_TEXT];
  size_t size = page_round(ts->sh_offset + ts->sh_size);
  text_map *tm = malloc(sizeof *tm);
  void *p = tm ? mmap(NULL, size, PROT_READ | PROT_EXEC, MAP_PRIVATE, fd, 0) : MAP_FAILED;
  if (p == MAP_FAILED) {
    free(tm);
    error_set(err, WLAB_ERR_NOMEM, NULL, WLAB_NONE, NULL, WLAB_NONE, "cannot map the artifact's code: %s",
              strerror(errno));
    return NULL;
  }
  tm->base = p;
  tm->size = size;
  tm->code = (const uint8_t *)p + ts->sh_offset;
  tm->code_size = ts->sh_size;
  tm->whole_file = false;
  return adopt(engine, &a, tm, err);
}

WLAB_STARTUP
wlab_module *wlab_module_deserialize_exec(wlab_engine *engine, const uint8_t *file, size_t len, wlab_error *err)
{
  parsed a;
  text_map *tm;
  if (!engine || !file || !len) {
    error_set(err, WLAB_ERR_ARGUMENT, NULL, WLAB_NONE, NULL, WLAB_NONE, "no engine or no mapping");
    return NULL;
  }
  if (parse(file, len, &a, err) != WLAB_OK || check_engine(&a, engine, err) != WLAB_OK) {
    munmap((void *)file, len);
    return NULL;
  }
  /* the code runs where the file's mapping has it: no mapping of .text of its own, and its pages,
   * read by the checksum already, are not faulted in again.  The file's other bytes (headers,
   * tables, the module's wasm) are executable too: nothing in them is more of a guest's choosing
   * than the constants compiled into .text, and nothing of it is ever writable */
  if (!(tm = malloc(sizeof *tm))) {
    munmap((void *)file, len);
    error_set(err, WLAB_ERR_NOMEM, NULL, WLAB_NONE, NULL, WLAB_NONE, "out of memory adopting the artifact");
    return NULL;
  }
  tm->base = (void *)file;
  tm->size = len;
  tm->code = file + a.sec[SEC_TEXT]->sh_offset;
  tm->code_size = a.sec[SEC_TEXT]->sh_size;
  tm->whole_file = true; /* unmapped with the module's code, after everything that reads it */
  return adopt(engine, &a, tm, err);
}

wlab_module *wlab_module_deserialize_file(wlab_engine *engine, const char *path, wlab_error *err)
{
  struct stat st;
  wlab_module *m;
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (!engine || fd < 0) {
    error_set(err, WLAB_ERR_ARGUMENT, NULL, WLAB_NONE, NULL, WLAB_NONE, "cannot open '%s': %s", path,
              engine ? strerror(errno) : "no engine");
    if (fd >= 0)
      close(fd);
    return NULL;
  }
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    close(fd);
    error_set(err, WLAB_ERR_ARGUMENT, NULL, WLAB_NONE, NULL, WLAB_NONE, "'%s' is not a regular file", path);
    return NULL;
  }
  size_t len = (size_t)st.st_size;
  /* mapped once, read+execute, its code run in place; where the file system refuses executable
   * mappings (noexec), read-only, for the load to say why it cannot map the code */
  void *x = len ? mmap(NULL, len, PROT_READ | PROT_EXEC, MAP_PRIVATE, fd, 0) : MAP_FAILED;
  if (x != MAP_FAILED) {
    close(fd);
    return wlab_module_deserialize_exec(engine, x, len, err);
  }
  const uint8_t *file = len ? mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0) : (const uint8_t *)"";
  if (file == MAP_FAILED) {
    close(fd);
    error_set(err, WLAB_ERR_NOMEM, NULL, WLAB_NONE, NULL, WLAB_NONE, "cannot map '%s': %s", path, strerror(errno));
    return NULL;
  }
  m = wlab_module_deserialize_mapped(engine, fd, file, len, err);
  if (len)
    munmap((void *)file, len);
  close(fd);
  return m;
}

_Static_assert(sizeof(aot_meta) == 88 && offsetof(aot_meta, cpu_features) == 24 && offsetof(aot_meta, build_id) == 36 &&
                   offsetof(aot_meta, checksum) == 80,
               "aot_meta's layout is the file format (docs/aot.md, tests/aot/aot.sh)");
_Static_assert(sizeof(Elf64_Ehdr) + sizeof(Elf64_Phdr) <= TEXT_OFF && TEXT_OFF % CODE_ALIGN == 0,
               ".text follows the headers, at its functions' alignment");
_Static_assert(sizeof(aot_func) == 20 && sizeof(opt_site) == 12, ".wlab.funcs rows are the file format");
