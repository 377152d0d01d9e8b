/* test_validate.c: the validator on hand-made bodies: invalid code is caught, and says where. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "wasmlab.h"
#include "wasm_builder.h"

static wlab_engine *engine, *engine_20; /* all features; plain WebAssembly 2.0 */

static int setup(void **state)
{
  wlab_config cfg;
  (void)state;
  engine = wlab_engine_new(NULL);
  wlab_config_default(&cfg);
  cfg.features = 0;
  engine_20 = wlab_engine_new(&cfg);
  return engine && engine_20 ? 0 : -1;
}

static int teardown(void **state)
{
  (void)state;
  wlab_engine_free(engine);
  wlab_engine_free(engine_20);
  return 0;
}

/* A module with type `type` and one function with `body` (locals vector included). */
static wlab_status check(wlab_engine *e, const char *type, size_t tn, const char *body, size_t bn, wlab_error *err)
{
  wbuf w;
  wlab_module *m;
  wb_header(&w);
  wb_one_func(&w, type, tn, body, bn);
  m = wlab_module_new(e, w.b, w.n, err);
  if (m) {
    wlab_module_free(m);
    return WLAB_OK;
  }
  return err->status;
}

#define VOID_TYPE "\x01\x60\x00\x00", 4
#define I32_TYPE "\x01\x60\x00\x01\x7f", 5            /* [] -> [i32] */
#define I32_I32_TYPE "\x01\x60\x01\x7f\x01\x7f", 6     /* [i32] -> [i32] */

static void expect_invalid(const char *type, size_t tn, const char *body, size_t bn, const char *what)
{
  wlab_error err;
  wlab_status st = check(engine, type, tn, body, bn, &err);
  if (st != WLAB_ERR_INVALID || !strstr(err.text, what))
    fail_msg("expected invalid '%s', got %s: %s", what, wlab_status_name(st), st ? err.text : "accepted");
}

static void expect_valid(const char *type, size_t tn, const char *body, size_t bn)
{
  wlab_error err;
  if (check(engine, type, tn, body, bn, &err) != WLAB_OK)
    fail_msg("expected valid: %s", err.text);
}

static void type_mismatches(void **state)
{
  (void)state;
  /* i32.add of an i32 and an f32 */
  expect_invalid(I32_TYPE, "\x00\x41\x01\x43\x00\x00\x80\x3f\x6a\x0b", 10, "type mismatch");
  /* nothing on the stack for the result */
  expect_invalid(I32_TYPE, "\x00\x0b", 2, "type mismatch");
  /* one value too many at the end */
  expect_invalid(VOID_TYPE, "\x00\x41\x01\x0b", 4, "type mismatch");
  /* after unreachable the stack is polymorphic: i32.add with nothing is fine */
  expect_valid(I32_TYPE, "\x00\x00\x6a\x0b", 4);
  /* ... but a known wrong type is still wrong */
  expect_invalid(I32_TYPE, "\x00\x00\x43\x00\x00\x00\x00\x6a\x0b", 9, "type mismatch");
  /* select without a type on references is invalid */
  expect_invalid(VOID_TYPE, "\x00\xd0\x70\xd0\x70\x41\x00\x1b\x1a\x0b", 10, "select");
}

static void unknown_indices(void **state)
{
  (void)state;
  expect_invalid(I32_I32_TYPE, "\x00\x20\x01\x0b", 4, "unknown local 1");
  expect_invalid(VOID_TYPE, "\x00\x23\x00\x1a\x0b", 5, "unknown global 0");
  expect_invalid(VOID_TYPE, "\x00\x10\x05\x0b", 4, "unknown function 5");
  expect_invalid(VOID_TYPE, "\x00\x0c\x01\x0b", 4, "unknown label 1");
  expect_invalid(VOID_TYPE, "\x00\x41\x00\x28\x02\x00\x1a\x0b", 8, "unknown memory");
  expect_invalid(VOID_TYPE, "\x00\x02\x05\x0b\x0b", 5, "unknown type");
}

static void immediates(void **state)
{
  wbuf w;
  wlab_error err;
  wlab_module *m;
  (void)state;
  /* alignment 2^3 on a 4-byte load */
  wb_header(&w);
  wb_section(&w, 1, "\x01\x60\x00\x00", 4);
  wb_section(&w, 3, "\x01\x00", 2);
  wb_section(&w, 5, "\x01\x00\x01", 3);
  wb_section(&w, 10, "\x01\x08\x00\x41\x00\x28\x03\x00\x1a\x0b", 10);
  assert_null(m = wlab_module_new(engine, w.b, w.n, &err));
  assert_int_equal(err.status, WLAB_ERR_INVALID);
  assert_non_null(strstr(err.text, "alignment must not be larger than natural"));
  assert_int_equal(err.func_index, 0);
  assert_int_equal(err.offset, w.n - 5); /* the i32.load */
  /* lane 4 of an i32x4 */
  expect_invalid(VOID_TYPE, "\x00\xfd\x0c\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"
                            "\xfd\x1b\x04\x1a\x0b", 24, "invalid lane index");
}

static void module_rules(void **state)
{
  wbuf w;
  wlab_error err;
  (void)state;
  wb_header(&w);
  wb_section(&w, 5, "\x02\x00\x01\x00\x01", 5);
  assert_null(wlab_module_new(engine, w.b, w.n, &err));
  assert_non_null(strstr(err.text, "multiple memories"));
  /* a duplicate export name */
  wb_header(&w);
  wb_section(&w, 1, "\x01\x60\x00\x00", 4);
  wb_section(&w, 3, "\x01\x00", 2);
  wb_section(&w, 7, "\x02\x01x\x00\x00\x01x\x00\x00", 9);
  wb_section(&w, 10, "\x01\x02\x00\x0b", 4);
  assert_null(wlab_module_new(engine, w.b, w.n, &err));
  assert_non_null(strstr(err.text, "duplicate export name"));
  /* a start function with a parameter */
  wb_header(&w);
  wb_section(&w, 1, "\x01\x60\x01\x7f\x00", 5);
  wb_section(&w, 3, "\x01\x00", 2);
  wb_section(&w, 8, "\x00", 1);
  wb_section(&w, 10, "\x01\x02\x00\x0b", 4);
  assert_null(wlab_module_new(engine, w.b, w.n, &err));
  assert_non_null(strstr(err.text, "start function"));
  /* global.set of an immutable global */
  wb_header(&w);
  wb_section(&w, 1, "\x01\x60\x00\x00", 4);
  wb_section(&w, 3, "\x01\x00", 2);
  wb_section(&w, 6, "\x01\x7f\x00\x41\x00\x0b", 6);
  wb_section(&w, 10, "\x01\x06\x00\x41\x01\x24\x00\x0b", 8);
  assert_null(wlab_module_new(engine, w.b, w.n, &err));
  assert_non_null(strstr(err.text, "immutable"));
  /* ref.func of a function no segment, export or global declares */
  wb_header(&w);
  wb_section(&w, 1, "\x01\x60\x00\x00", 4);
  wb_section(&w, 3, "\x01\x00", 2);
  wb_section(&w, 10, "\x01\x05\x00\xd2\x00\x1a\x0b", 7);
  assert_null(wlab_module_new(engine, w.b, w.n, &err));
  assert_non_null(strstr(err.text, "undeclared function reference"));
}

static void features(void **state)
{
  wbuf w;
  wlab_error err;
  wlab_module *m;
  (void)state;
  /* extended-const: i32.add in a global initialiser */
  wb_header(&w);
  wb_section(&w, 6, "\x01\x7f\x00\x41\x01\x41\x02\x6a\x0b", 9);
  assert_null(wlab_module_new(engine_20, w.b, w.n, &err));
  assert_int_equal(err.status, WLAB_ERR_INVALID);
  assert_non_null(strstr(err.text, "constant expression required"));
  assert_non_null(m = wlab_module_new(engine, w.b, w.n, &err));
  wlab_module_free(m);
  /* tail calls: return_call is an unknown opcode without the feature */
  assert_int_equal(check(engine_20, VOID_TYPE, "\x00\x12\x00\x0b", 4, &err), WLAB_ERR_MALFORMED);
  assert_int_equal(check(engine, VOID_TYPE, "\x00\x12\x00\x0b", 4, &err), WLAB_OK);
  /* return_call must return what the caller returns */
  assert_int_equal(check(engine, I32_TYPE, "\x00\x12\x00\x0b", 4, &err), WLAB_OK);
}

static void malformed_beats_invalid(void **state)
{
  wlab_error err;
  (void)state;
  /* an invalid i32.add followed by an illegal opcode: the module is malformed */
  assert_int_equal(check(engine, VOID_TYPE, "\x00\x6a\xff\x0b", 4, &err), WLAB_ERR_MALFORMED);
  assert_non_null(strstr(err.text, "illegal opcode"));
  /* a body that ends before its last end */
  assert_int_equal(check(engine, VOID_TYPE, "\x00\x02\x40\x0b", 4, &err), WLAB_ERR_MALFORMED);
}

/* Types of a run of values (a block's params and results, a label's values) are compared as one
 * run, popped as one, and pushed back as they were when a block's end pushes what was just
 * popped: each of these must stay as strict as comparing value by value. */
#define RUN_TYPES "\x04\x60\x00\x00" /* 0: [] -> [] */                                      \
                  "\x60\x02\x7f\x7e\x02\x7f\x7e" /* 1: [i32 i64] -> [i32 i64] */            \
                  "\x60\x02\x7f\x7e\x02\x7e\x7f" /* 2: [i32 i64] -> [i64 i32] */            \
                  "\x60\x00\x02\x7f\x7e",          /* 3: [] -> [i32 i64] */                   \
                  23

static void type_runs(void **state)
{
  (void)state;
  /* params given in the wrong order */
  expect_invalid(RUN_TYPES, "\x00\x42\x02\x41\x01\x02\x01\x0b\x1a\x1a\x0b", 11, "type mismatch");
  /* params branched out as results, pushed back at the end */
  expect_valid(RUN_TYPES, "\x00\x41\x01\x42\x02\x02\x01\x0c\x00\x0b\x1a\x1a\x0b", 13);
  /* the values pushed back keep their types: i32.add of an i32 and an i64 */
  expect_invalid(RUN_TYPES, "\x00\x41\x01\x42\x02\x02\x01\x0b\x6a\x1a\x0b", 11, "type mismatch");
  /* a branch carrying [i32 i64] to a label of [i64 i32] */
  expect_invalid(RUN_TYPES, "\x00\x41\x01\x42\x02\x02\x02\x0c\x00\x0b\x1a\x1a\x0b", 13, "type mismatch");
  /* after unreachable, the end pushes the block's results [i64 i32], not the params it popped */
  expect_valid(RUN_TYPES, "\x00\x41\x01\x42\x02\x02\x02\x00\x0b\x1a\x50\x1a\x0b", 13);
  expect_invalid(RUN_TYPES, "\x00\x41\x01\x42\x02\x02\x02\x00\x0b\x6a\x1a\x0b", 12, "type mismatch");
  /* a br_if checked once, then the values replaced by others of other types at the same height */
  expect_invalid(RUN_TYPES,
                 "\x00\x02\x03\x41\x01\x42\x02\x41\x00\x0d\x00\x1a\x1a\x42\x02\x41\x01\x41\x00\x0d\x00"
                 "\x1a\x1a\x41\x01\x42\x02\x0b\x1a\x1a\x0b",
                 31, "type mismatch");
}

/* What a br_table notes about its targets outlives the function: a later function's br_table
 * must not take those notes for its own (here, skipping the check of its second target). */
static void br_table_targets_per_function(void **state)
{
  wbuf w;
  wlab_error err;
  (void)state;
  wb_header(&w);
  wb_section(&w, 1, "\x01\x60\x00\x00", 4);
  wb_section(&w, 3, "\x02\x00\x00", 3);
  /* 0: block block unreachable i32.const 0 br_table 0 1 1 end end end
   * 1: block (i32) block (i64) i64.const 5 i32.const 0 br_table 0 1 1 end drop i32.const 0 end drop end */
  wb_section(&w, 10,
             "\x02\x10\x00\x02\x40\x02\x40\x00\x41\x00\x0e\x02\x00\x01\x01\x0b\x0b\x0b"
             "\x15\x00\x02\x7f\x02\x7e\x42\x05\x41\x00\x0e\x02\x00\x01\x01\x0b\x1a\x41\x00\x0b\x1a\x0b",
             40);
  assert_null(wlab_module_new(engine, w.b, w.n, &err));
  assert_int_equal(err.status, WLAB_ERR_INVALID);
  assert_non_null(strstr(err.text, "type mismatch"));
  assert_int_equal(err.func_index, 1);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(type_mismatches),
    cmocka_unit_test(unknown_indices),
    cmocka_unit_test(immediates),
    cmocka_unit_test(module_rules),
    cmocka_unit_test(features),
    cmocka_unit_test(malformed_beats_invalid),
    cmocka_unit_test(type_runs),
    cmocka_unit_test(br_table_targets_per_function),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
