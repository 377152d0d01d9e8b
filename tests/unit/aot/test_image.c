/* test_image.c: the embedding API's ahead-of-time artifacts: serialised, loaded back from memory and from a file, run with nothing compiled, and refused. */
#include <malloc.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <cmocka.h>

#include "wasmlab.h"

/*
 * (module
 *   (func $sq (param i32) (result i32) (i32.mul (local.get 0) (local.get 0)))
 *   (func (export "sumsq") (param i32) (result i32)      ;; sq(n) + sq(n-1) + ... + sq(1)
 *     (local i32)
 *     (block (loop (br_if 1 (i32.eqz (local.get 0)))
 *       (local.set 1 (i32.add (local.get 1) (call $sq (local.get 0))))
 *       (local.set 0 (i32.sub (local.get 0) (i32.const 1))) (br 0)))
 *     (local.get 1))
 *   (func (export "div") (param i32) (result i32) (i32.div_u (i32.const 100) (local.get 0))))
 */
static const uint8_t module_wasm[] = {
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x06, 0x01, 0x60, 0x01, 0x7f, 0x01, 0x7f, 0x03, 0x04, 0x03,
  0x00, 0x00, 0x00, 0x07, 0x0f, 0x02, 0x05, 0x73, 0x75, 0x6d, 0x73, 0x71, 0x00, 0x01, 0x03, 0x64, 0x69, 0x76, 0x00,
  0x02, 0x0a, 0x36, 0x03, 0x07, 0x00, 0x20, 0x00, 0x20, 0x00, 0x6c, 0x0b, 0x23, 0x01, 0x01, 0x7f, 0x02, 0x40, 0x03,
  0x40, 0x20, 0x00, 0x45, 0x0d, 0x01, 0x20, 0x01, 0x20, 0x00, 0x10, 0x00, 0x6a, 0x21, 0x01, 0x20, 0x00, 0x41, 0x01,
  0x6b, 0x21, 0x00, 0x0c, 0x00, 0x0b, 0x0b, 0x20, 0x01, 0x0b, 0x08, 0x00, 0x41, 0xe4, 0x00, 0x20, 0x00, 0x6e, 0x0b,
};

static wlab_engine *engine_with(const char *tier, wlab_bounds bounds)
{
  wlab_config cfg;
  wlab_config_default(&cfg);
  cfg.tier = tier;
  cfg.bounds = bounds;
  wlab_engine *e = wlab_engine_new(&cfg);
  assert_non_null(e);
  return e;
}

static uint64_t tier_compiled(const wlab_engine *e, const char *tier)
{
  wlab_tier_stats st[8];
  uint32_t n = wlab_engine_tier_stats(e, st, 8);
  for (uint32_t i = 0; i < n && i < 8; i++)
    if (st[i].tier && strcmp(st[i].tier, tier) == 0)
      return st[i].funcs_compiled;
  fail_msg("no %s tier in the stats", tier);
  return 0;
}

/* An artifact of module_wasm with tier's code (NULL: the default, opt). */
static uint8_t *serialize_tier(const char *tier, wlab_bounds bounds, size_t *len)
{
  wlab_engine *e = engine_with(tier ? tier : "opt", bounds);
  uint8_t *art = NULL;
  wlab_error err;
  assert_int_equal(wlab_module_serialize(e, module_wasm, sizeof module_wasm, tier, bounds, &art, len, &err), WLAB_OK);
  assert_non_null(art);
  assert_true(wlab_is_artifact(art, *len));
  assert_false(wlab_is_artifact(module_wasm, sizeof module_wasm));
  assert_string_equal(wlab_artifact_tier(art, *len), tier ? tier : "opt");
  wlab_engine_free(e);
  return art;
}

static uint8_t *serialize(wlab_bounds bounds, size_t *len) { return serialize_tier(NULL, bounds, len); }

static int32_t call1(wlab_instance *inst, const char *name, int32_t arg, wlab_status *st, wlab_error *err)
{
  wlab_func *f = wlab_instance_func(inst, name);
  wlab_val a = {.type = WLAB_I32, .of.i32 = arg}, r;
  memset(&r, 0, sizeof r);
  assert_non_null(f);
  *st = wlab_func_call(f, &a, 1, &r, 1, err);
  return r.of.i32;
}

/* Runs m: sumsq(10) = 385 (a loop calling another function), and div(0) traps as the
 * interpreter says, same offset; no function is compiled in the meantime. */
static void check_runs_tier(wlab_engine *e, wlab_module *m, const char *tier)
{
  wlab_error err, want;
  wlab_status st;
  uint64_t before = tier_compiled(e, tier);
  wlab_linker *l = wlab_linker_new(e);
  wlab_instance *inst = wlab_instance_new(l, m, &err);
  assert_non_null(inst);
  assert_int_equal(call1(inst, "sumsq", 10, &st, &err), 385);
  assert_int_equal(st, WLAB_OK);
  assert_int_equal(call1(inst, "div", 7, &st, &err), 14);
  call1(inst, "div", 0, &st, &err);
  assert_int_equal(st, WLAB_ERR_TRAP);
  /* the interpreter's account of the same trap */
  wlab_engine *ie = engine_with("interp", WLAB_BOUNDS_GUARD);
  wlab_module *im = wlab_module_new(ie, module_wasm, sizeof module_wasm, &want);
  wlab_linker *il = wlab_linker_new(ie);
  wlab_instance *ii = wlab_instance_new(il, im, &want);
  assert_non_null(ii);
  call1(ii, "div", 0, &st, &want);
  assert_int_equal(st, WLAB_ERR_TRAP);
  assert_string_equal(err.text, want.text);
  assert_int_equal(err.offset, want.offset);
  assert_int_equal(err.func_index, want.func_index);
  wlab_instance_free(ii);
  wlab_linker_free(il);
  wlab_module_free(im);
  wlab_engine_free(ie);
  assert_int_equal(tier_compiled(e, tier), before);
  wlab_instance_free(inst);
  wlab_linker_free(l);
}

static void check_runs(wlab_engine *e, wlab_module *m) { check_runs_tier(e, m, "opt"); }

static void from_memory(void **state)
{
  (void)state;
  size_t len;
  uint8_t *art = serialize(WLAB_BOUNDS_GUARD, &len);
  wlab_engine *e = engine_with("opt", WLAB_BOUNDS_GUARD);
  wlab_error err;
  wlab_module *m = wlab_module_deserialize(e, art, len, &err);
  free(art); /* the module keeps nothing of the caller's bytes */
  assert_non_null(m);
  check_runs(e, m);
  wlab_module_free(m);
  wlab_engine_free(e);
}

/* A new file at path (a mkstemp template, filled in) holding the artifact; its descriptor. */
static int artifact_file(char *path, const uint8_t *art, size_t len)
{
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  assert_int_equal(write(fd, art, len), (ssize_t)len);
  return fd;
}

static void from_file(void **state)
{
  (void)state;
  size_t len;
  uint8_t *art = serialize(WLAB_BOUNDS_EXPLICIT, &len);
  char path[] = "/tmp/test_image_XXXXXX";
  int fd = artifact_file(path, art, len);
  close(fd);
  free(art);
  wlab_engine *e = engine_with("opt", WLAB_BOUNDS_EXPLICIT);
  wlab_error err;
  wlab_module *m = wlab_module_deserialize_file(e, path, &err);
  unlink(path); /* the code stays mapped */
  assert_non_null(m);
  check_runs(e, m);
  wlab_module_free(m);
  wlab_engine_free(e);
}

/* The file opened and mapped by the caller (as `wasmlab run` does, to read the tier first):
 * loaded from that mapping and descriptor, both closed at once after; its code stays mapped.
 * A corrupted byte in the mapping is refused as from memory. */
static void from_mapping(void **state)
{
  (void)state;
  size_t len;
  uint8_t *art = serialize(WLAB_BOUNDS_EXPLICIT, &len);
  char path[] = "/tmp/test_image_XXXXXX";
  int fd = artifact_file(path, art, len);
  wlab_engine *e = engine_with("opt", WLAB_BOUNDS_EXPLICIT);
  wlab_error err;
  const uint8_t *map = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
  assert_true(map != MAP_FAILED);
  assert_string_equal(wlab_artifact_tier(map, len), "opt");
  wlab_module *m = wlab_module_deserialize_mapped(e, fd, map, len, &err);
  munmap((void *)map, len);
  close(fd);
  unlink(path);
  assert_non_null(m);
  check_runs(e, m);
  wlab_module_free(m);
  /* no descriptor: an argument error, not a crash */
  assert_null(wlab_module_deserialize_mapped(e, -1, art, len, &err));
  assert_int_equal(err.status, WLAB_ERR_ARGUMENT);
  art[len - 1] ^= 1; /* the last byte of the section headers */
  memcpy(path + strlen(path) - 6, "XXXXXX", 6);
  fd = artifact_file(path, art, len);
  map = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
  assert_true(map != MAP_FAILED);
  assert_null(wlab_module_deserialize_mapped(e, fd, map, len, &err));
  assert_non_null(strstr(err.text, "artifact"));
  munmap((void *)map, len);
  close(fd);
  unlink(path);
  free(art);
  wlab_engine_free(e);
}

/* Is [p, p + len) mapped?  mincore fails with ENOMEM where a page is not. */
static bool mapped(const void *p, size_t len)
{
  unsigned char vec[64];
  assert_true(len <= sizeof vec * 4096);
  return mincore((void *)p, len, vec) == 0;
}

/* The file mapped whole, read+execute, by the caller (as `wasmlab run` does): the code runs from
 * that mapping, which the module takes over (unmapped when the module goes), the descriptor
 * closed and the file gone at once; a corrupted one is refused, its mapping unmapped too. */
static void from_exec_mapping(void **state)
{
  (void)state;
  size_t len;
  uint8_t *art = serialize(WLAB_BOUNDS_GUARD, &len);
  char path[] = "/tmp/test_image_XXXXXX";
  int fd = artifact_file(path, art, len);
  wlab_engine *e = engine_with("opt", WLAB_BOUNDS_GUARD);
  wlab_error err;
  const uint8_t *map = mmap(NULL, len, PROT_READ | PROT_EXEC, MAP_PRIVATE, fd, 0);
  close(fd);
  unlink(path);
  if (map == MAP_FAILED) /* a file system that refuses executable mappings (noexec /tmp) */
    skip();
  wlab_module *m = wlab_module_deserialize_exec(e, map, len, &err);
  assert_non_null(m);
  check_runs(e, m);
  assert_true(mapped(map, len));
  wlab_module_free(m);
  assert_false(mapped(map, len));
  /* no mapping: an argument error, not a crash */
  assert_null(wlab_module_deserialize_exec(e, NULL, 0, &err));
  assert_int_equal(err.status, WLAB_ERR_ARGUMENT);
  art[len - 1] ^= 1; /* the last byte of the section headers */
  map = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  assert_true(map != MAP_FAILED);
  memcpy((void *)map, art, len);
  assert_int_equal(mprotect((void *)map, len, PROT_READ | PROT_EXEC), 0);
  assert_null(wlab_module_deserialize_exec(e, map, len, &err));
  assert_non_null(strstr(err.text, "checksum mismatch"));
  assert_false(mapped(map, len));
  free(art);
  wlab_engine_free(e);
}

static void refused(wlab_engine *e, const uint8_t *art, size_t len, const char *why)
{
  wlab_error err;
  memset(&err, 0, sizeof err);
  wlab_module *m = wlab_module_deserialize(e, art, len, &err);
  if (m)
    fail_msg("loaded an artifact that should be refused (%s)", why);
  if (!strstr(err.text, why))
    fail_msg("refused with '%s', expected '%s'", err.text, why);
}

static void refusals(void **state)
{
  (void)state;
  size_t len;
  uint8_t *art = serialize(WLAB_BOUNDS_GUARD, &len);
  wlab_engine *e = engine_with("opt", WLAB_BOUNDS_GUARD);
  refused(e, module_wasm, sizeof module_wasm, "no ELF header");
  refused(e, art, 40, "truncated artifact");
  refused(e, art, len - 100, "truncated artifact");
  art[128] ^= 1; /* the first byte of .text, right after the headers */
  refused(e, art, len, "checksum mismatch");
  art[128] ^= 1;
  wlab_engine *explicit = engine_with("opt", WLAB_BOUNDS_EXPLICIT);
  refused(explicit, art, len, "bounds mode guard");
  wlab_engine_free(explicit);
  wlab_engine *interp = engine_with("interp", WLAB_BOUNDS_GUARD);
  refused(interp, art, len, "whose tier is opt");
  wlab_engine_free(interp);
  /* and still fine after all that */
  wlab_error err;
  wlab_module *m = wlab_module_deserialize(e, art, len, &err);
  assert_non_null(m);
  wlab_module_free(m);
  wlab_engine_free(e);
  free(art);
}

/* The checksum covers every byte of the file (the field itself by comparison): each single flipped
 * bit, wherever it is, is refused; and .text follows the headers (no page of zeros before it). */
static void every_byte_checked(void **state)
{
  (void)state;
  size_t len;
  uint8_t *art = serialize(WLAB_BOUNDS_GUARD, &len);
  wlab_engine *e = engine_with("opt", WLAB_BOUNDS_GUARD);
  wlab_error err;
  uint64_t text_off;
  memcpy(&text_off, art + 40, sizeof text_off); /* e_shoff */
  memcpy(&text_off, art + text_off + 64 + 24, sizeof text_off); /* section 1 (.text): sh_offset */
  assert_int_equal(text_off, 128);
  assert_true(len < 4096); /* this module's whole artifact, once 4 KB of padding and more */
  for (size_t i = 0; i < len; i++)
    for (int bit = 0; bit < 8; bit += 3) {
      art[i] ^= (uint8_t)(1u << bit);
      wlab_module *m = wlab_module_deserialize(e, art, len, &err);
      if (m)
        fail_msg("loaded the artifact with bit %d of byte %zu flipped", bit, i);
      art[i] ^= (uint8_t)(1u << bit);
    }
  wlab_module *m = wlab_module_deserialize(e, art, len, &err);
  assert_non_null(m);
  wlab_module_free(m);
  wlab_engine_free(e);
  free(art);
}

static void invalid_module(void **state)
{
  (void)state;
  wlab_engine *e = engine_with("opt", WLAB_BOUNDS_GUARD);
  uint8_t bad[sizeof module_wasm];
  uint8_t *art = NULL;
  size_t len = 0;
  wlab_error err, want;
  memcpy(bad, module_wasm, sizeof bad);
  bad[sizeof bad - 2] = 0x6a; /* i32.div_u -> i32.add: still valid; then break the type */
  bad[sizeof bad - 4] = 0x42; /* i32.const -> i64.const: i32.add of an i64 */
  assert_null(wlab_module_new(e, bad, sizeof bad, &want));
  assert_int_not_equal(wlab_module_serialize(e, bad, sizeof bad, NULL, WLAB_BOUNDS_GUARD, &art, &len, &err), WLAB_OK);
  assert_null(art);
  assert_int_equal(err.status, want.status);
  assert_string_equal(err.text, want.text);
  assert_int_equal(wlab_module_serialize(e, module_wasm, sizeof module_wasm, "interp", WLAB_BOUNDS_GUARD, &art, &len,
                                         &err),
                   WLAB_ERR_UNSUPPORTED);
  wlab_engine_free(e);
}

/* The baseline's code in an artifact: loads only into a baseline engine, runs the same, traps
 * at the interpreter's offsets, compiles nothing; the module that compiled it is gone first. */
static void baseline_tier(void **state)
{
  (void)state;
  wlab_error err;
  for (int b = 0; b < 2; b++) {
    wlab_bounds bounds = b ? WLAB_BOUNDS_EXPLICIT : WLAB_BOUNDS_GUARD;
    size_t len;
    uint8_t *art = serialize_tier("baseline", bounds, &len);
    wlab_engine *opt = engine_with("opt", bounds);
    assert_null(wlab_module_deserialize(opt, art, len, &err));
    assert_non_null(strstr(err.text, "the baseline tier's"));
    wlab_engine_free(opt);
    wlab_engine *e = engine_with("baseline", bounds);
    wlab_module *m = wlab_module_deserialize(e, art, len, &err);
    free(art);
    assert_non_null(m);
    check_runs_tier(e, m, "baseline");
    wlab_module_free(m);
    wlab_engine_free(e);
  }
  /* an opt artifact is refused by a baseline engine */
  size_t len;
  uint8_t *art = serialize(WLAB_BOUNDS_GUARD, &len);
  wlab_engine *e = engine_with("baseline", WLAB_BOUNDS_GUARD);
  assert_null(wlab_module_deserialize(e, art, len, &err));
  assert_non_null(strstr(err.text, "whose tier is opt"));
  wlab_engine_free(e);
  free(art);
  assert_null(wlab_artifact_tier(module_wasm, sizeof module_wasm));
}

/* An opt artifact in the default engine (tiered, as the C API makes it): its code is each
 * function's from the start, nothing is compiled (not even with every function hot at its first
 * tick) nor interpreted, and its traps carry their frame.  A ladder whose top is not opt refuses
 * it (the manager would replace the code). */
static void tiered_engine(void **state)
{
  (void)state;
  wlab_error err;
  for (int b = 0; b < 2; b++) {
    wlab_bounds bounds = b ? WLAB_BOUNDS_EXPLICIT : WLAB_BOUNDS_GUARD;
    size_t len;
    uint8_t *art = serialize(bounds, &len);
    wlab_config cfg;
    wlab_config_default(&cfg);
    cfg.bounds = bounds;
    cfg.tier_up_after = 0;
    cfg.no_background = 1;
    wlab_engine *e = wlab_engine_new(&cfg);
    assert_non_null(e);
    wlab_module *m = wlab_module_deserialize(e, art, len, &err);
    if (!m)
      fail_msg("%s", err.text);
    uint64_t interp = tier_compiled(e, "interp"), baseline = tier_compiled(e, "baseline");
    /* (interp counts are process-wide: check_runs_tier runs the interpreter for its reference) */
    wlab_linker *l = wlab_linker_new(e);
    wlab_instance *inst = wlab_instance_new(l, m, &err);
    wlab_status st;
    assert_non_null(inst);
    assert_int_equal(call1(inst, "sumsq", 10, &st, &err), 385);
    assert_int_equal(st, WLAB_OK);
    assert_int_equal(tier_compiled(e, "interp"), interp);
    /* the trap in div(0) names its frame, in opt code adopted from the artifact */
    call1(inst, "div", 0, &st, &err);
    assert_int_equal(st, WLAB_ERR_TRAP);
    assert_true(err.nframes >= 1);
    assert_int_equal(err.frames[0].func_index, 2);
    assert_int_equal(err.frames[0].module_offset, err.offset);
    assert_int_equal(err.frames[0].func_offset, err.offset - wlab_module_func_body_offset(m, 2));
    assert_int_equal(tier_compiled(e, "interp"), interp);
    wlab_instance_free(inst);
    wlab_linker_free(l);
    check_runs_tier(e, m, "opt");
    assert_int_equal(tier_compiled(e, "baseline"), baseline);
    wlab_module_free(m);
    wlab_engine_free(e);
    cfg.ladder = "interp,baseline";
    e = wlab_engine_new(&cfg);
    assert_non_null(e);
    refused(e, art, len, "ladder's top rung");
    wlab_engine_free(e);
    free(art);
  }
}

/* An engine with no_load_times reads no clock while loading (a run that prints no times does
 * not fault in the vDSO's data page for them): its modules' decode and validation times are 0,
 * and they run the same; the default engine's are measured. */
static void load_times(void **state)
{
  (void)state;
  size_t len;
  uint8_t *art = serialize(WLAB_BOUNDS_GUARD, &len);
  wlab_config cfg;
  wlab_module_stats ms;
  wlab_error err;
  for (int untimed = 0; untimed < 2; untimed++) {
    wlab_config_default(&cfg);
    cfg.tier = "opt";
    cfg.no_load_times = untimed;
    wlab_engine *e = wlab_engine_new(&cfg);
    assert_non_null(e);
    wlab_module *m = wlab_module_deserialize(e, art, len, &err);
    assert_non_null(m);
    wlab_module_stats_get(m, &ms);
    if (untimed) {
      assert_int_equal(ms.decode_ns, 0);
      assert_int_equal(ms.validate_ns, 0);
    } else {
      assert_true(ms.decode_ns + ms.validate_ns > 0);
    }
    check_runs(e, m);
    wlab_module_free(m);
    wlab_engine_free(e);
  }
  free(art);
}

static wlab_status host_nop(wlab_caller *caller, void *env, const wlab_val *args, wlab_val *results,
                            wlab_error *err)
{
  (void)caller, (void)env, (void)args, (void)results, (void)err;
  return WLAB_OK;
}

/* What one load of art into a new engine, a linker with one host definition, an instance and a
 * call hold on the heap (mallinfo2: bytes in use, chunk headers counted). */
static size_t heap_held(const uint8_t *art, size_t len)
{
  wlab_error err;
  wlab_status st;
  size_t before = mallinfo2().uordblks;
  wlab_engine *e = engine_with("opt", WLAB_BOUNDS_GUARD);
  wlab_module *m = wlab_module_deserialize(e, art, len, &err);
  assert_non_null(m);
  wlab_linker *l = wlab_linker_new(e);
  wlab_functype ft = {0};
  assert_int_equal(wlab_linker_define_func(l, "env", "nop", &ft, host_nop, NULL, &err), WLAB_OK);
  wlab_instance *inst = wlab_instance_new(l, m, &err);
  assert_non_null(inst);
  assert_int_equal(call1(inst, "sumsq", 10, &st, &err), 385);
  size_t used = mallinfo2().uordblks - before;
  wlab_instance_free(inst);
  wlab_linker_free(l);
  wlab_module_free(m);
  wlab_engine_free(e);
  return used;
}

/*
 * The heap a small module's load from an artifact holds, all of it written (a cold start faults
 * in each page it touches): the engine's signature table and the linker's definitions start
 * small (8 and 4 entries, not 64 and 16; the code map's spans 4, not 16) and double from there.
 * Measured the second time, so that what a thread makes once (its context) is not counted
 * whichever tests ran before.  This module held 7,200 bytes with the bigger tables, 4,480 with
 * these; the bound sits between.  Under a sanitizer's allocator mallinfo2 counts
 * nothing and the bound holds trivially.
 */
static void small_heap(void **state)
{
  (void)state;
  size_t len;
  uint8_t *art = serialize(WLAB_BOUNDS_GUARD, &len);
  heap_held(art, len);
  size_t used = heap_held(art, len);
  print_message("heap held: %zu bytes\n", used);
  assert_in_range(used, 0, 5600);
  free(art);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(from_memory),
    cmocka_unit_test(from_file),
    cmocka_unit_test(from_mapping),
    cmocka_unit_test(from_exec_mapping),
    cmocka_unit_test(refusals),
    cmocka_unit_test(every_byte_checked),
    cmocka_unit_test(invalid_module),
    cmocka_unit_test(baseline_tier),
    cmocka_unit_test(tiered_engine),
    cmocka_unit_test(load_times),
    cmocka_unit_test(small_heap),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
