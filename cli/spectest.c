/* spectest.c: `wasmlab spec`, the WebAssembly spec-test driver (wast2json's JSON, run through the API).
 *
 * Each .wast file is converted by wast2json into a temporary folder; its commands run in order
 * against the public API only.  Rules:
 *   - every command but `register` counts once, as passed, failed or skipped;
 *   - assert_invalid must fail with WLAB_ERR_INVALID, binary assert_malformed with
 *     WLAB_ERR_MALFORMED (the decoder and validator keep the spec's line between them);
 *   - text-format modules (.wat) are skipped: wasmlab reads the binary format only;
 *   - with no execution tier, commands that need one are skipped, never passed;
 *   - a file's failures are printed before its summary line; the last line is
 *     "N passed, N failed, N skipped".
 */
#include "cli/spec.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "wasmlab.h"
#include "cli/options.h"
#include "cli/wastjson.h"

extern char **environ;

/* The `spectest` module every test may import from, assembled from this text:
 *   (module
 *     (func (export "print")) (func (export "print_i32") (param i32))
 *     (func (export "print_i64") (param i64)) (func (export "print_f32") (param f32))
 *     (func (export "print_f64") (param f64)) (func (export "print_i32_f32") (param i32 f32))
 *     (func (export "print_f64_f64") (param f64 f64))
 *     (global (export "global_i32") i32 (i32.const 666)) (global (export "global_i64") i64 (i64.const 666))
 *     (global (export "global_f32") f32 (f32.const 666.6)) (global (export "global_f64") f64 (f64.const 666.6))
 *     (table (export "table") 10 20 funcref) (memory (export "memory") 1 2))
 * The print functions print nothing: the tests check no output. */
static const uint8_t spectest_wasm[] = {
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x1e, 0x07, 0x60,
    0x00, 0x00, 0x60, 0x01, 0x7f, 0x00, 0x60, 0x01, 0x7e, 0x00, 0x60, 0x01,
    0x7d, 0x00, 0x60, 0x01, 0x7c, 0x00, 0x60, 0x02, 0x7f, 0x7d, 0x00, 0x60,
    0x02, 0x7c, 0x7c, 0x00, 0x03, 0x08, 0x07, 0x00, 0x01, 0x02, 0x03, 0x04,
    0x05, 0x06, 0x04, 0x05, 0x01, 0x70, 0x01, 0x0a, 0x14, 0x05, 0x04, 0x01,
    0x01, 0x01, 0x02, 0x06, 0x21, 0x04, 0x7f, 0x00, 0x41, 0x9a, 0x05, 0x0b,
    0x7e, 0x00, 0x42, 0x9a, 0x05, 0x0b, 0x7d, 0x00, 0x43, 0x66, 0xa6, 0x26,
    0x44, 0x0b, 0x7c, 0x00, 0x44, 0xcd, 0xcc, 0xcc, 0xcc, 0xcc, 0xd4, 0x84,
    0x40, 0x0b, 0x07, 0x9e, 0x01, 0x0d, 0x05, 0x70, 0x72, 0x69, 0x6e, 0x74,
    0x00, 0x00, 0x09, 0x70, 0x72, 0x69, 0x6e, 0x74, 0x5f, 0x69, 0x33, 0x32,
    0x00, 0x01, 0x09, 0x70, 0x72, 0x69, 0x6e, 0x74, 0x5f, 0x69, 0x36, 0x34,
    0x00, 0x02, 0x09, 0x70, 0x72, 0x69, 0x6e, 0x74, 0x5f, 0x66, 0x33, 0x32,
    0x00, 0x03, 0x09, 0x70, 0x72, 0x69, 0x6e, 0x74, 0x5f, 0x66, 0x36, 0x34,
    0x00, 0x04, 0x0d, 0x70, 0x72, 0x69, 0x6e, 0x74, 0x5f, 0x69, 0x33, 0x32,
    0x5f, 0x66, 0x33, 0x32, 0x00, 0x05, 0x0d, 0x70, 0x72, 0x69, 0x6e, 0x74,
    0x5f, 0x66, 0x36, 0x34, 0x5f, 0x66, 0x36, 0x34, 0x00, 0x06, 0x0a, 0x67,
    0x6c, 0x6f, 0x62, 0x61, 0x6c, 0x5f, 0x69, 0x33, 0x32, 0x03, 0x00, 0x0a,
    0x67, 0x6c, 0x6f, 0x62, 0x61, 0x6c, 0x5f, 0x69, 0x36, 0x34, 0x03, 0x01,
    0x0a, 0x67, 0x6c, 0x6f, 0x62, 0x61, 0x6c, 0x5f, 0x66, 0x33, 0x32, 0x03,
    0x02, 0x0a, 0x67, 0x6c, 0x6f, 0x62, 0x61, 0x6c, 0x5f, 0x66, 0x36, 0x34,
    0x03, 0x03, 0x05, 0x74, 0x61, 0x62, 0x6c, 0x65, 0x01, 0x00, 0x06, 0x6d,
    0x65, 0x6d, 0x6f, 0x72, 0x79, 0x02, 0x00, 0x0a, 0x16, 0x07, 0x02, 0x00,
    0x0b, 0x02, 0x00, 0x0b, 0x02, 0x00, 0x0b, 0x02, 0x00, 0x0b, 0x02, 0x00,
    0x0b, 0x02, 0x00, 0x0b, 0x02, 0x00, 0x0b
};

/* ---- options, counts, skips ---------------------------------------------------------------- */

typedef struct skip_rule {
  char *file;      /* base name of the .wast file */
  int line;        /* 0: the whole file */
  char *reason;
} skip_rule;

typedef struct counts {
  unsigned passed, failed, skipped;
} counts;

#define MAX_REASONS 32
typedef struct driver {
  const char *tier;
  wlab_config tiering;       /* the tier manager's options (cli/options.h) */
  bool execute;
  bool verbose;
  bool aot;                  /* --aot: each module through an artifact in memory (docs/aot.md) */
  wlab_bounds bounds;
  skip_rule *skips;
  unsigned nskips;
  counts total;
  const char *reasons[MAX_REASONS];
  unsigned reason_counts[MAX_REASONS];
} driver;

static void note_skip(driver *d, counts *c, const char *reason)
{
  c->skipped++;
  for (int i = 0; i < MAX_REASONS; i++) {
    if (!d->reasons[i]) {
      d->reasons[i] = reason;
      d->reason_counts[i] = 1;
      return;
    }
    if (strcmp(d->reasons[i], reason) == 0) {
      d->reason_counts[i]++;
      return;
    }
  }
}

static void load_skips(driver *d, const char *path, bool must_exist)
{
  FILE *f = fopen(path, "r");
  char line[512];
  if (!f) {
    if (must_exist)
      fprintf(stderr, "wasmlab spec: cannot read skip list '%s': %s\n", path, strerror(errno));
    return;
  }
  while (fgets(line, sizeof line, f)) {
    char *p = line, *name, *reason, *colon;
    skip_rule *r;
    while (*p == ' ' || *p == '\t')
      p++;
    if (*p == '#' || *p == '\n' || !*p)
      continue;
    name = p;
    while (*p && *p != ' ' && *p != '\t' && *p != '\n')
      p++;
    if (*p)
      *p++ = 0;
    while (*p == ' ' || *p == '\t')
      p++;
    reason = p;
    reason[strcspn(reason, "\n")] = 0;
    r = realloc(d->skips, (d->nskips + 1) * sizeof *r);
    if (!r)
      break;
    d->skips = r;
    r = &d->skips[d->nskips++];
    colon = strrchr(name, ':');
    r->line = colon ? atoi(colon + 1) : 0;
    if (colon)
      *colon = 0;
    r->file = strdup(name);
    r->reason = strdup(*reason ? reason : "listed in the skip file");
  }
  fclose(f);
}

static const char *skip_reason(const driver *d, const char *base, int line)
{
  for (unsigned i = 0; i < d->nskips; i++)
    if (strcmp(d->skips[i].file, base) == 0 && (d->skips[i].line == 0 || d->skips[i].line == line))
      return d->skips[i].reason;
  return NULL;
}

/* ---- values ---------------------------------------------------------------------------- */

static wlab_valtype type_named(const char *s)
{
  if (!s) return 0;
  if (!strcmp(s, "i32")) return WLAB_I32;
  if (!strcmp(s, "i64")) return WLAB_I64;
  if (!strcmp(s, "f32")) return WLAB_F32;
  if (!strcmp(s, "f64")) return WLAB_F64;
  if (!strcmp(s, "v128")) return WLAB_V128;
  if (!strcmp(s, "funcref")) return WLAB_FUNCREF;
  if (!strcmp(s, "externref")) return WLAB_EXTERNREF;
  return 0;
}

/* Host references: `ref.extern N` is the opaque pointer N + 1 (0 is the null reference). */
static void *extern_ref(unsigned long long n) { return (void *)(uintptr_t)(n + 1); }

static bool lane_bits(const char *lane_type, int *bits)
{
  static const struct { const char *n; int b; } lanes[] = {{"i8", 8}, {"i16", 16}, {"i32", 32}, {"i64", 64}, {"f32", 32}, {"f64", 64}};
  for (unsigned i = 0; i < sizeof lanes / sizeof *lanes; i++)
    if (lane_type && !strcmp(lane_type, lanes[i].n)) {
      *bits = lanes[i].b;
      return true;
    }
  return false;
}

/* An argument (a concrete value, never a NaN pattern). */
static bool parse_value(const jvalue *j, wlab_val *out)
{
  const char *ts = wastjson_str(j, "type");
  const jvalue *v = wastjson_get(j, "value");
  out->type = type_named(ts);
  memset(&out->of, 0, sizeof out->of);
  if (!out->type)
    return false;
  if (out->type == WLAB_V128) {
    int bits;
    if (!v || v->kind != J_ARRAY || !lane_bits(wastjson_str(j, "lane_type"), &bits) || v->len != 128u / (unsigned)bits)
      return false;
    for (size_t i = 0; i < v->len; i++) {
      unsigned long long x;
      if (v->items[i]->kind != J_STRING)
        return false;
      x = strtoull(v->items[i]->string, NULL, 10);
      memcpy(out->of.v128 + i * (size_t)bits / 8, &x, (size_t)bits / 8);
    }
    return true;
  }
  if (!v || v->kind != J_STRING)
    return false;
  if (out->type == WLAB_FUNCREF || out->type == WLAB_EXTERNREF) {
    out->of.ref = strcmp(v->string, "null") ? extern_ref(strtoull(v->string, NULL, 10)) : NULL;
    return true;
  }
  if (out->type == WLAB_I32 || out->type == WLAB_F32)
    out->of.u32 = (uint32_t)strtoull(v->string, NULL, 10);
  else
    out->of.u64 = strtoull(v->string, NULL, 10);
  return true;
}

static bool nan_ok(const char *pattern, uint64_t bits, int width)
{
  uint64_t exp_mask = width == 32 ? 0x7f800000u : 0x7ff0000000000000ull;
  uint64_t quiet = width == 32 ? 0x00400000u : 0x0008000000000000ull;
  uint64_t frac = width == 32 ? 0x007fffffu : 0x000fffffffffffffull;
  if ((bits & exp_mask) != exp_mask || !(bits & frac))
    return false; /* not a NaN */
  if (!strcmp(pattern, "nan:canonical"))
    return (bits & frac) == quiet;
  return (bits & quiet) != 0; /* nan:arithmetic */
}

/* Does the result match the expected value (NaN patterns allowed)? */
static bool matches(const jvalue *j, const wlab_val *got)
{
  const char *ts = wastjson_str(j, "type");
  const jvalue *v = wastjson_get(j, "value");
  wlab_valtype t = type_named(ts);
  if (t != got->type)
    return false;
  if (t == WLAB_V128) {
    int bits;
    if (!v || v->kind != J_ARRAY || !lane_bits(wastjson_str(j, "lane_type"), &bits))
      return false;
    bool is_float = wastjson_str(j, "lane_type")[0] == 'f';
    for (size_t i = 0; i < v->len; i++) {
      uint64_t have = 0, want;
      memcpy(&have, got->of.v128 + i * (size_t)bits / 8, (size_t)bits / 8);
      if (is_float && !strncmp(v->items[i]->string, "nan:", 4)) {
        if (!nan_ok(v->items[i]->string, have, bits))
          return false;
        continue;
      }
      want = strtoull(v->items[i]->string, NULL, 10);
      if (bits < 64)
        want &= (1ull << bits) - 1;
      if (have != want)
        return false;
    }
    return true;
  }
  if (!v)
    return true; /* a type only */
  if (t == WLAB_FUNCREF || t == WLAB_EXTERNREF) {
    if (!strcmp(v->string, "null"))
      return got->of.ref == NULL;
    if (t == WLAB_FUNCREF)
      return got->of.ref != NULL;
    return got->of.ref == extern_ref(strtoull(v->string, NULL, 10));
  }
  if ((t == WLAB_F32 || t == WLAB_F64) && !strncmp(v->string, "nan:", 4))
    return nan_ok(v->string, t == WLAB_F32 ? got->of.u32 : got->of.u64, t == WLAB_F32 ? 32 : 64);
  if (t == WLAB_I32 || t == WLAB_F32)
    return got->of.u32 == (uint32_t)strtoull(v->string, NULL, 10);
  return got->of.u64 == strtoull(v->string, NULL, 10);
}

static void format_val(const wlab_val *v, char *buf, size_t n)
{
  switch (v->type) {
  case WLAB_I32: snprintf(buf, n, "i32:%u", v->of.u32); break;
  case WLAB_I64: snprintf(buf, n, "i64:%llu", (unsigned long long)v->of.u64); break;
  case WLAB_F32: snprintf(buf, n, "f32:%g (0x%08x)", (double)v->of.f32, v->of.u32); break;
  case WLAB_F64: snprintf(buf, n, "f64:%g (0x%016llx)", v->of.f64, (unsigned long long)v->of.u64); break;
  case WLAB_V128: {
    size_t k = (size_t)snprintf(buf, n, "v128:");
    for (int i = 15; i >= 0 && k + 3 < n; i--)
      k += (size_t)snprintf(buf + k, n - k, "%02x", v->of.v128[i]);
    break;
  }
  default: snprintf(buf, n, "%s:%p", wlab_valtype_name(v->type), v->of.ref); break;
  }
}

/* ---- one file ---------------------------------------------------------------------------- */

typedef struct file_state {
  driver *d;
  const char *display;       /* the path as the user sees it */
  const char *base;          /* its base name, for the skip list */
  const char *dir;           /* the temporary folder */
  wlab_engine *engine;
  wlab_linker *linker;
  wlab_instance *current;
  struct named_inst { char *name; wlab_instance *inst; } *named; /* every instance, by name */
  unsigned nnamed, named_cap;
  counts c;
} file_state;

static void failed(file_state *fs, int line, const char *cmd, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void failed(file_state *fs, int line, const char *cmd, const char *fmt, ...)
{
  va_list ap;
  fs->c.failed++;
  printf("%s:%d: %s: ", fs->display, line, cmd);
  va_start(ap, fmt);
  vprintf(fmt, ap);
  va_end(ap);
  printf("\n");
}

static uint8_t *read_all(const char *path, size_t *len)
{
  FILE *f = fopen(path, "rb");
  uint8_t *buf = NULL;
  size_t cap = 0, n = 0;
  if (!f)
    return NULL;
  for (;;) {
    if (n == cap) {
      uint8_t *p = realloc(buf, cap = cap ? cap * 2 : 65536);
      if (!p) {
        free(buf);
        fclose(f);
        return NULL;
      }
      buf = p;
    }
    size_t got = fread(buf + n, 1, cap - n, f);
    n += got;
    if (got == 0)
      break;
  }
  fclose(f);
  *len = n;
  return buf;
}

static wlab_module *load_module(file_state *fs, const char *filename, wlab_error *err)
{
  char path[4096];
  size_t len;
  uint8_t *bytes;
  wlab_module *m;
  snprintf(path, sizeof path, "%s/%s", fs->dir, filename);
  if (!(bytes = read_all(path, &len))) {
    snprintf(err->text, sizeof err->text, "cannot read %.300s", path);
    err->status = WLAB_ERR_ARGUMENT;
    return NULL;
  }
  if (fs->d->aot) {
    /* compiled to an artifact (the module that compiled it is gone by then, so a stray absolute
     * address in the code points at freed memory), then loaded back into a fresh module */
    uint8_t *art = NULL;
    size_t art_len = 0;
    m = NULL;
    if (wlab_module_serialize(fs->engine, bytes, len, fs->d->tier, fs->d->bounds, &art, &art_len, err) == WLAB_OK) {
      /* loaded as `run` loads a file: from a read+execute mapping of the whole artifact, which
       * the module takes over (its code run in place, its wasm bytes pointed into, not copied) */
      void *x = mmap(NULL, art_len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
      if (x == MAP_FAILED) {
        snprintf(err->text, sizeof err->text, "cannot map an artifact of %zu bytes", art_len);
        err->status = WLAB_ERR_NOMEM;
      } else {
        memcpy(x, art, art_len);
        if (mprotect(x, art_len, PROT_READ | PROT_EXEC) == 0) {
          m = wlab_module_deserialize_exec(fs->engine, x, art_len, err);
        } else {
          munmap(x, art_len);
          snprintf(err->text, sizeof err->text, "cannot make an artifact's mapping executable");
          err->status = WLAB_ERR_NOMEM;
        }
      }
    }
    free(art);
  } else {
    m = wlab_module_new(fs->engine, bytes, len, err);
  }
  free(bytes);
  return m;
}

static wlab_instance *instance_named(file_state *fs, const char *name)
{
  if (!name)
    return fs->current;
  for (unsigned i = fs->nnamed; i-- > 0;)
    if (fs->named[i].name && !strcmp(fs->named[i].name, name))
      return fs->named[i].inst;
  return NULL;
}

/* Runs an action; returns the status, with results in out[] and their count in *nout. */
static wlab_status do_action(file_state *fs, const jvalue *action, wlab_val *out, uint32_t *nout, wlab_error *err)
{
  const char *type = wastjson_str(action, "type"), *field = wastjson_str(action, "field");
  wlab_instance *inst = instance_named(fs, wastjson_str(action, "module"));
  *nout = 0;
  if (!inst || !field || !type) {
    snprintf(err->text, sizeof err->text, "no instance or no field for this action");
    return err->status = WLAB_ERR_ARGUMENT;
  }
  if (!strcmp(type, "get")) {
    if (wlab_instance_global(inst, field, out) != WLAB_OK) {
      snprintf(err->text, sizeof err->text, "no exported global '%s'", field);
      return err->status = WLAB_ERR_ARGUMENT;
    }
    *nout = 1;
    return WLAB_OK;
  }
  const jvalue *fieldv = wastjson_get(action, "field");
  wlab_func *f = wlab_instance_func_n(inst, field, fieldv->len); /* names may hold NULs */
  const jvalue *args = wastjson_get(action, "args");
  wlab_val argv[64];
  wlab_functype ft;
  if (!f) {
    snprintf(err->text, sizeof err->text, "no exported function '%s'", field);
    return err->status = WLAB_ERR_ARGUMENT;
  }
  if (!args || args->kind != J_ARRAY || args->len > 64) {
    snprintf(err->text, sizeof err->text, "bad arguments");
    return err->status = WLAB_ERR_ARGUMENT;
  }
  for (size_t i = 0; i < args->len; i++)
    if (!parse_value(args->items[i], &argv[i])) {
      snprintf(err->text, sizeof err->text, "cannot read argument %zu", i + 1);
      return err->status = WLAB_ERR_ARGUMENT;
    }
  wlab_func_type(f, &ft);
  if (ft.nresults > 64) {
    snprintf(err->text, sizeof err->text, "too many results");
    return err->status = WLAB_ERR_ARGUMENT;
  }
  *nout = ft.nresults;
  return wlab_func_call(f, argv, (uint32_t)args->len, out, ft.nresults, err);
}

static bool make_linker(file_state *fs, wlab_instance *spectest)
{
  wlab_error err;
  fs->linker = wlab_linker_new(fs->engine);
  if (!fs->linker)
    return false;
  return !spectest || wlab_linker_define_instance(fs->linker, "spectest", spectest, &err) == WLAB_OK;
}

static void run_command(file_state *fs, const jvalue *cmd)
{
  driver *d = fs->d;
  const char *type = wastjson_str(cmd, "type");
  const jvalue *linev = wastjson_get(cmd, "line");
  int line = linev && linev->kind == J_NUMBER ? (int)linev->number : 0;
  const char *reason, *filename = wastjson_str(cmd, "filename");
  wlab_error err;
  memset(&err, 0, sizeof err);
  if (!type)
    return failed(fs, line, "?", "command without a type");
  if (d->verbose)
    printf("%s:%d: %s\n", fs->display, line, type);
  if (!strcmp(type, "register")) {
    wlab_instance *inst = instance_named(fs, wastjson_str(cmd, "name"));
    const char *as = wastjson_str(cmd, "as");
    if (d->execute && inst && as)
      wlab_linker_define_instance(fs->linker, as, inst, &err);
    return; /* not counted */
  }
  if ((reason = skip_reason(d, fs->base, line)))
    return note_skip(d, &fs->c, reason);

  if (!strcmp(type, "module")) {
    wlab_module *m = load_module(fs, filename ? filename : "", &err);
    if (!m)
      return failed(fs, line, type, "expected a valid module / %s", err.text);
    if (!d->execute) {
      wlab_module_free(m);
      fs->current = NULL;
      fs->c.passed++;
      return;
    }
    wlab_instance *inst = wlab_instance_new(fs->linker, m, &err);
    wlab_module_free(m); /* the instance keeps what it needs */
    if (!inst) {
      fs->current = NULL;
      return failed(fs, line, type, "expected instantiation to succeed / %s", err.text);
    }
    /* the file state owns one reference of each instance through the linker-like list */
    fs->current = inst;
    const char *name = wastjson_str(cmd, "name");
    if (fs->nnamed == fs->named_cap) {
      unsigned cap = fs->named_cap ? fs->named_cap * 2 : 64;
      struct named_inst *p = realloc(fs->named, cap * sizeof *p);
      if (!p) {
        wlab_instance_free(inst);
        fs->current = NULL;
        return failed(fs, line, type, "out of memory");
      }
      fs->named = p;
      fs->named_cap = cap;
    }
    fs->named[fs->nnamed].name = strdup(name ? name : "");
    fs->named[fs->nnamed++].inst = inst;
    fs->c.passed++;
    return;
  }
  if (!strcmp(type, "assert_malformed") || !strcmp(type, "assert_invalid")) {
    bool malformed_cmd = type[7] == 'm';
    const char *mt = wastjson_str(cmd, "module_type");
    wlab_status want = malformed_cmd ? WLAB_ERR_MALFORMED : WLAB_ERR_INVALID;
    if (mt && !strcmp(mt, "text"))
      return note_skip(d, &fs->c, "text-format module (wasmlab reads binary modules)");
    wlab_module *m = load_module(fs, filename ? filename : "", &err);
    if (m) {
      wlab_module_free(m);
      return failed(fs, line, type, "expected \"%s\" / the module was accepted", wastjson_str(cmd, "text"));
    }
    if (err.status != want)
      return failed(fs, line, type, "expected %s (\"%s\") / %s", wlab_status_name(want), wastjson_str(cmd, "text"),
                    err.text);
    fs->c.passed++;
    return;
  }
  if (!strcmp(type, "assert_unlinkable") || !strcmp(type, "assert_uninstantiable")) {
    bool unlinkable = type[7] == 'u' && type[9] == 'l';
    wlab_module *m = load_module(fs, filename ? filename : "", &err);
    if (!m)
      return failed(fs, line, type, "expected a valid module / %s", err.text);
    if (!d->execute) {
      wlab_module_free(m);
      return note_skip(d, &fs->c, "needs an execution tier");
    }
    wlab_instance *inst = wlab_instance_new(fs->linker, m, &err);
    if (inst) {
      wlab_instance_free(inst);
      wlab_module_free(m);
      return failed(fs, line, type, "expected \"%s\" / instantiation succeeded", wastjson_str(cmd, "text"));
    }
    wlab_module_free(m);
    if (unlinkable ? err.status != WLAB_ERR_UNLINKABLE
                   : (err.status != WLAB_ERR_UNINSTANTIABLE && err.status != WLAB_ERR_TRAP))
      return failed(fs, line, type, "expected \"%s\" / %s", wastjson_str(cmd, "text"), err.text);
    fs->c.passed++;
    return;
  }
  if (!strcmp(type, "action") || !strcmp(type, "assert_return") || !strcmp(type, "assert_trap") ||
      !strcmp(type, "assert_exhaustion")) {
    const jvalue *action = wastjson_get(cmd, "action");
    wlab_val out[64];
    uint32_t nout;
    wlab_status st;
    if (!d->execute)
      return note_skip(d, &fs->c, "needs an execution tier");
    st = do_action(fs, action, out, &nout, &err);
    if (!strcmp(type, "assert_trap") || !strcmp(type, "assert_exhaustion")) {
      wlab_status want = type[7] == 't' ? WLAB_ERR_TRAP : WLAB_ERR_EXHAUSTED;
      if (st != want)
        return failed(fs, line, type, "expected \"%s\" / %s", wastjson_str(cmd, "text"),
                      st == WLAB_OK ? "returned normally" : err.text);
      fs->c.passed++;
      return;
    }
    if (st != WLAB_OK)
      return failed(fs, line, type, "expected a result / %s", err.text);
    if (!strcmp(type, "assert_return")) {
      const jvalue *expected = wastjson_get(cmd, "expected");
      if (!expected || expected->kind != J_ARRAY || expected->len != nout)
        return failed(fs, line, type, "expected %zu results / got %u", expected ? expected->len : 0, nout);
      for (uint32_t i = 0; i < nout; i++)
        if (!matches(expected->items[i], &out[i])) {
          char got[96];
          const jvalue *ev = wastjson_get(expected->items[i], "value");
          format_val(&out[i], got, sizeof got);
          return failed(fs, line, type, "result %u: expected %s:%s / got %s", i + 1,
                        wastjson_str(expected->items[i], "type"),
                        ev && ev->kind == J_STRING ? ev->string : ev ? "[lanes]" : "any", got);
        }
    }
    fs->c.passed++;
    return;
  }
  failed(fs, line, type, "unknown command");
}

/* ---- conversion and files ------------------------------------------------------------------ */

typedef struct group {
  const char *folder;       /* proposals/<folder>/ */
  const char *flag;         /* wast2json flag */
  uint32_t feature;         /* engine feature; 0 for a proposal wasmlab does not implement */
  const char *skip_reason;
} group;

static const group groups[] = {
  {"tail-call", "--enable-tail-call", WLAB_FEATURE_TAIL_CALL, NULL},
  {"extended-const", "--enable-extended-const", WLAB_FEATURE_EXTENDED_CONST, NULL},
  {"exception-handling", "--enable-exceptions", 0, "proposal exception-handling not supported"},
  {"memory64", "--enable-memory64", 0, "proposal memory64 not supported"},
  {"multi-memory", "--enable-multi-memory", 0, "proposal multi-memory not supported"},
  {"threads", "--enable-threads", 0, "proposal threads not supported"},
};

static const group *group_of(const char *path, bool *supported)
{
  const char *p = strstr(path, "proposals/");
  *supported = true;
  if (!p)
    return NULL;
  p += strlen("proposals/");
  for (unsigned i = 0; i < sizeof groups / sizeof *groups; i++) {
    size_t n = strlen(groups[i].folder);
    if (!strncmp(p, groups[i].folder, n) && p[n] == '/') {
      *supported = groups[i].feature != 0;
      return &groups[i];
    }
  }
  *supported = false;
  return NULL;
}

/* Runs wast2json; true when it exits 0 and writes nothing to stderr. */
static bool convert(const char *wast, const char *flag, const char *json, const char *errfile, char *why, size_t n)
{
  posix_spawn_file_actions_t fa;
  char *argv[8];
  int i = 0, status;
  pid_t pid;
  struct stat st;
  argv[i++] = "wast2json";
  if (flag)
    argv[i++] = (char *)flag;
  argv[i++] = (char *)wast;
  argv[i++] = "-o";
  argv[i++] = (char *)json;
  argv[i] = NULL;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, errfile, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&fa, 2, errfile, O_WRONLY | O_CREAT | O_APPEND, 0600);
  if (posix_spawnp(&pid, "wast2json", &fa, NULL, argv, environ) != 0) {
    posix_spawn_file_actions_destroy(&fa);
    snprintf(why, n, "cannot run wast2json: %s", strerror(errno));
    return false;
  }
  posix_spawn_file_actions_destroy(&fa);
  if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    snprintf(why, n, "wast2json failed (status %d)", status);
    return false;
  }
  if (stat(errfile, &st) == 0 && st.st_size > 0) {
    snprintf(why, n, "wast2json printed warnings (see %.200s)", errfile);
    return false;
  }
  return true;
}

static void remove_dir(const char *dir)
{
  DIR *dp = opendir(dir);
  struct dirent *e;
  char path[4096];
  if (!dp)
    return;
  while ((e = readdir(dp)))
    if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
      snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
      unlink(path);
    }
  closedir(dp);
  rmdir(dir);
}

static wlab_instance *spectest_instance(wlab_engine *engine, wlab_module **mod)
{
  wlab_error err;
  wlab_linker *l;
  wlab_instance *inst = NULL;
  *mod = wlab_module_new(engine, spectest_wasm, sizeof spectest_wasm, &err);
  if (!*mod)
    return NULL;
  if ((l = wlab_linker_new(engine))) {
    inst = wlab_instance_new(l, *mod, &err);
    wlab_linker_free(l);
  }
  return inst;
}

static void run_file(driver *d, const char *path)
{
  char tmpl[] = "/tmp/wasmlab-spec-XXXXXX", json[4200], errfile[4200], why[300];
  file_state fs;
  bool supported;
  const group *g = group_of(path, &supported);
  const char *slash = strrchr(path, '/');
  char *text = NULL;
  size_t len = 0;
  jvalue *root = NULL;
  wlab_module *spectest_mod = NULL;
  wlab_instance *spectest = NULL;
  memset(&fs, 0, sizeof fs);
  fs.d = d;
  fs.display = path;
  fs.base = slash ? slash + 1 : path;
  if (!mkdtemp(tmpl)) {
    printf("%s: cannot make a temporary folder: %s\n", path, strerror(errno));
    d->total.failed++;
    return;
  }
  fs.dir = tmpl;
  snprintf(json, sizeof json, "%s/t.json", tmpl);
  snprintf(errfile, sizeof errfile, "%s/wast2json.err", tmpl);
  if (!convert(path, g ? g->flag : NULL, json, errfile, why, sizeof why)) {
    printf("%s: %s\n", path, why);
    fs.c.failed++;
    goto out;
  }
  if (!(text = (char *)read_all(json, &len)) || !(root = wastjson_parse(text, len, why, sizeof why))) {
    printf("%s: %s\n", path, text ? why : "cannot read wast2json's output");
    fs.c.failed++;
    goto out;
  }
  const jvalue *cmds = wastjson_get(root, "commands");
  if (!cmds || cmds->kind != J_ARRAY) {
    printf("%s: no commands in wast2json's output\n", path);
    fs.c.failed++;
    goto out;
  }
  if (!supported) {
    const char *reason = g ? g->skip_reason : "proposal not supported";
    for (size_t i = 0; i < cmds->len; i++) {
      const char *t = wastjson_str(cmds->items[i], "type");
      if (!t || strcmp(t, "register"))
        note_skip(d, &fs.c, reason);
    }
    goto out;
  }
  {
    wlab_config cfg;
    wlab_config_default(&cfg);
    cfg.features = g ? g->feature : 0;
    cfg.tier = d->tier;
    cfg.bounds = d->bounds;
    cfg.tier_up_after = d->tiering.tier_up_after;
    cfg.no_background = d->tiering.no_background;
    cfg.no_osr = d->tiering.no_osr;
    cfg.trace_tiering = d->tiering.trace_tiering;
    cfg.opt_after = d->tiering.opt_after;
    cfg.compile_threads = d->tiering.compile_threads;
    cfg.opt_disable = d->tiering.opt_disable;
    cfg.ladder = d->tiering.ladder;
    fs.engine = wlab_engine_new(&cfg);
  }
  if (!fs.engine) {
    printf("%s: cannot create an engine\n", path);
    fs.c.failed++;
    goto out;
  }
  if (d->execute && !(spectest = spectest_instance(fs.engine, &spectest_mod))) {
    printf("%s: cannot instantiate the spectest module\n", path);
    fs.c.failed++;
    goto out;
  }
  if (!make_linker(&fs, spectest)) {
    printf("%s: out of memory\n", path);
    fs.c.failed++;
    goto out;
  }
  for (size_t i = 0; i < cmds->len; i++)
    run_command(&fs, cmds->items[i]);
out:
  printf("%s: %u passed, %u failed, %u skipped\n", path, fs.c.passed, fs.c.failed, fs.c.skipped);
  fflush(stdout);
  d->total.passed += fs.c.passed;
  d->total.failed += fs.c.failed;
  d->total.skipped += fs.c.skipped;
  for (unsigned i = 0; i < fs.nnamed; i++) {
    wlab_instance_free(fs.named[i].inst);
    free(fs.named[i].name);
  }
  free(fs.named);
  wlab_linker_free(fs.linker);
  wlab_instance_free(spectest);
  wlab_module_free(spectest_mod);
  wlab_engine_free(fs.engine);
  wastjson_free(root);
  free(text);
  remove_dir(tmpl);
}

/* Collects .wast files under path (or path itself), sorted. */
static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static bool collect(const char *path, char ***files, size_t *n, size_t *cap)
{
  struct stat st;
  if (stat(path, &st) != 0) {
    fprintf(stderr, "wasmlab spec: cannot read '%s': %s\n", path, strerror(errno));
    return false;
  }
  if (S_ISDIR(st.st_mode)) {
    DIR *dp = opendir(path);
    struct dirent *e;
    char **sub = NULL;
    size_t nsub = 0, capsub = 0;
    bool ok = true;
    if (!dp) {
      fprintf(stderr, "wasmlab spec: cannot open '%s': %s\n", path, strerror(errno));
      return false;
    }
    while ((e = readdir(dp))) {
      char *child;
      if (e->d_name[0] == '.')
        continue;
      if (asprintf(&child, "%s/%s", path, e->d_name) < 0)
        continue;
      if (nsub == capsub) {
        char **p = realloc(sub, (capsub = capsub ? capsub * 2 : 64) * sizeof *p);
        if (!p) {
          free(child);
          break;
        }
        sub = p;
      }
      sub[nsub++] = child;
    }
    closedir(dp);
    qsort(sub, nsub, sizeof *sub, cmp_str);
    for (size_t i = 0; i < nsub; i++) {
      struct stat cst;
      size_t l = strlen(sub[i]);
      if (stat(sub[i], &cst) == 0 && (S_ISDIR(cst.st_mode) || (l > 5 && !strcmp(sub[i] + l - 5, ".wast"))))
        ok = collect(sub[i], files, n, cap) && ok;
      free(sub[i]);
    }
    free(sub);
    return ok;
  }
  if (*n == *cap) {
    char **p = realloc(*files, (*cap = *cap ? *cap * 2 : 256) * sizeof *p);
    if (!p)
      return false;
    *files = p;
  }
  (*files)[(*n)++] = strdup(path);
  return true;
}

static bool have_wast2json(void)
{
  const char *path = getenv("PATH");
  char buf[4096];
  if (!path)
    return false;
  while (*path) {
    size_t n = strcspn(path, ":");
    snprintf(buf, sizeof buf, "%.*s/wast2json", (int)n, path);
    if (access(buf, X_OK) == 0)
      return true;
    path += n + (path[n] == ':');
  }
  return false;
}

int spec_main(int argc, char **argv)
{
  driver d;
  char **files = NULL;
  size_t n = 0, cap = 0;
  const char *skip_file = NULL;
  bool ok = true;
  int npaths = 0;
  memset(&d, 0, sizeof d);
  wlab_config_default(&d.tiering);
  for (int i = 1; i < argc; i++) {
    int got = cli_tiering_option(argc, argv, &i, &d.tiering, "spec");
    if (got < 0)
      return 2;
    if (got > 0)
      continue;
    if (!strcmp(argv[i], "--tier")) {
      if (++i == argc) {
        fprintf(stderr, "wasmlab spec: --tier needs a tier name\n");
        return 2;
      }
      d.tier = argv[i];
    } else if (!strcmp(argv[i], "--skip")) {
      if (++i == argc) {
        fprintf(stderr, "wasmlab spec: --skip needs a file\n");
        return 2;
      }
      skip_file = argv[i];
    } else if (!strcmp(argv[i], "--verbose")) {
      d.verbose = true;
    } else if (!strcmp(argv[i], "--aot")) {
      d.aot = true;
    } else if (!strcmp(argv[i], "--bounds-checks=explicit")) {
      d.bounds = WLAB_BOUNDS_EXPLICIT;
    } else if (!strcmp(argv[i], "--bounds-checks=guard")) {
      d.bounds = WLAB_BOUNDS_GUARD;
    } else if (argv[i][0] == '-') {
      fprintf(stderr, "wasmlab spec: unknown option '%s'\nTry 'wasmlab --help'.\n", argv[i]);
      return 2;
    } else {
      npaths++;
    }
  }
  if (d.aot) { /* artifacts hold the opt (default) or the baseline tier's code, and run in it */
    if (d.tier && strcmp(d.tier, "opt") != 0 && strcmp(d.tier, "baseline") != 0) {
      fprintf(stderr, "wasmlab spec: --aot runs the opt or the baseline tier's code (not --tier %s)\n", d.tier);
      return 2;
    }
    if (!d.tier)
      d.tier = "opt";
  }
  if (!npaths) {
    fprintf(stderr, "wasmlab spec: no PATH given (a .wast file or a folder)\n");
    return 2;
  }
  {
    const char *tiers = wlab_engine_tiers(NULL);
    d.execute = tiers[0] != 0;
    if (d.tier) {
      size_t l = strlen(d.tier);
      const char *p = strstr(tiers, d.tier);
      if (!p || (p != tiers && p[-1] != ',') || (p[l] && p[l] != ',')) {
        fprintf(stderr, "wasmlab spec: tier '%s' is not built in (available: %s)\n", d.tier, *tiers ? tiers : "none");
        return 2;
      }
    }
  }
  if (!have_wast2json()) {
    fprintf(stderr, "wasmlab spec: wast2json is not on PATH (apt-get install wabt)\n");
    return 2;
  }
  load_skips(&d, skip_file ? skip_file : "tests/spec/skip.txt", skip_file != NULL);
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--tier") || !strcmp(argv[i], "--skip") || !strcmp(argv[i], "--tier-up-after") ||
        !strcmp(argv[i], "--opt-after") || !strcmp(argv[i], "--compile-threads") || !strcmp(argv[i], "--ladder")) {
      i++;
      continue;
    }
    if (argv[i][0] == '-')
      continue;
    ok = collect(argv[i], &files, &n, &cap) && ok;
  }
  if (!ok) {
    for (size_t i = 0; i < n; i++)
      free(files[i]);
    free(files);
    return 2;
  }
  for (size_t i = 0; i < n; i++) {
    run_file(&d, files[i]);
    free(files[i]);
  }
  free(files);
  for (int i = 0; i < MAX_REASONS && d.reasons[i]; i++)
    printf("skipped %u: %s\n", d.reason_counts[i], d.reasons[i]);
  for (unsigned i = 0; i < d.nskips; i++) {
    free(d.skips[i].file);
    free(d.skips[i].reason);
  }
  free(d.skips);
  printf("%u passed, %u failed, %u skipped\n", d.total.passed, d.total.failed, d.total.skipped);
  return d.total.failed ? 1 : 0;
}
