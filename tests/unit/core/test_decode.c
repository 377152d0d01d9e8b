/* test_decode.c: the decoder on hand-made modules: structure errors are malformed, with a place. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "wasmlab.h"
#include "core/module.h"
#include "core/opcodes.h"
#include "wasm_builder.h"

static wlab_engine *engine;

static int setup(void **state)
{
  (void)state;
  engine = wlab_engine_new(NULL);
  return engine ? 0 : -1;
}

static int teardown(void **state)
{
  (void)state;
  wlab_engine_free(engine);
  return 0;
}

/* Expects the bytes to be malformed, with `what` in the message. */
static void expect_malformed(const wbuf *w, const char *what)
{
  wlab_error err;
  wlab_module *m = wlab_module_new(engine, w->b, w->n, &err);
  assert_null(m);
  assert_int_equal(err.status, WLAB_ERR_MALFORMED);
  if (!strstr(err.text, what))
    fail_msg("expected '%s' in '%s'", what, err.text);
}

/* Expects the bytes to be well formed but past a limit of docs/limits.md, named in the message. */
static void expect_limit(const wbuf *w, const char *what)
{
  wlab_error err;
  wlab_module *m = wlab_module_new(engine, w->b, w->n, &err);
  assert_null(m);
  assert_int_equal(err.status, WLAB_ERR_LIMIT);
  if (!strstr(err.text, what) || !strstr(err.text, "implementation limit: "))
    fail_msg("expected '%s' in '%s'", what, err.text);
}

static void header(void **state)
{
  (void)state;
  wbuf w = {.n = 0};
  wb_bytes(&w, "\0asn\1\0\0\0", 8);
  expect_malformed(&w, "magic header not detected");
  w.n = 0;
  wb_bytes(&w, "\0asm\2\0\0\0", 8);
  expect_malformed(&w, "unknown binary version");
  w.n = 0;
  wb_bytes(&w, "\0asm\1\0", 6);
  expect_malformed(&w, "unknown binary version");
  wb_header(&w); /* the empty module is valid */
  wlab_error err;
  wlab_module *m = wlab_module_new(engine, w.b, w.n, &err);
  assert_non_null(m);
  assert_int_equal(wlab_module_func_count(m), 0);
  wlab_module_free(m);
}

static void sections(void **state)
{
  (void)state;
  wbuf w;
  wb_header(&w);
  wb_section(&w, 13, "", 0);
  expect_malformed(&w, "malformed section id");
  /* order: function (3) after code (10) */
  wb_header(&w);
  wb_section(&w, 1, "\x01\x60\x00\x00", 4);
  wb_section(&w, 10, "\x00", 1);
  wb_section(&w, 3, "\x00", 1);
  expect_malformed(&w, "unexpected content after last section");
  /* a duplicate type section */
  wb_header(&w);
  wb_section(&w, 1, "\x00", 1);
  wb_section(&w, 1, "\x00", 1);
  expect_malformed(&w, "unexpected content after last section");
  /* a section whose size runs past the end */
  wb_header(&w);
  wb_bytes(&w, "\x01\x05\x00", 3);
  expect_malformed(&w, "section size mismatch");
  /* a section with bytes left over */
  wb_header(&w);
  wb_section(&w, 1, "\x00\x00", 2);
  expect_malformed(&w, "section size mismatch");
}

static void function_code_counts(void **state)
{
  (void)state;
  wbuf w;
  wb_header(&w);
  wb_section(&w, 1, "\x01\x60\x00\x00", 4);
  wb_section(&w, 3, "\x01\x00", 2);
  expect_malformed(&w, "function and code section have inconsistent lengths");
  wb_header(&w);
  wb_section(&w, 1, "\x01\x60\x00\x00", 4);
  wb_section(&w, 3, "\x01\x00", 2);
  wb_section(&w, 10, "\x02\x02\x00\x0b\x02\x00\x0b", 7);
  expect_malformed(&w, "function and code section have inconsistent lengths");
  /* data count says 1, no data section */
  wb_header(&w);
  wb_section(&w, 12, "\x01", 1);
  expect_malformed(&w, "data count and data section have inconsistent lengths");
}

static void names_and_locals(void **state)
{
  (void)state;
  wbuf w;
  wlab_error err;
  /* import names must be UTF-8 */
  wb_header(&w);
  wb_section(&w, 1, "\x01\x60\x00\x00", 4);
  wb_section(&w, 2, "\x01\x01\xff\x01x\x00\x00", 7);
  expect_malformed(&w, "malformed UTF-8 encoding");
  /* more than 2^32 - 1 locals: the binary format's own bound */
  wb_header(&w);
  wb_one_func(&w, "\x01\x60\x00\x00", 4, "\x02\xff\xff\xff\xff\x0f\x7f\x02\x7e\x0b", 10);
  expect_malformed(&w, "too many locals");
  /* 2^32 - 1 locals, and 50,001: well formed, past the limit of 50,000 (docs/limits.md) */
  wb_header(&w);
  wb_one_func(&w, "\x01\x60\x00\x00", 4, "\x01\xff\xff\xff\xff\x0f\x7f\x0b", 8);
  expect_limit(&w, "too many locals: 4294967295 (the limit is 50000");
  wb_header(&w);
  wb_one_func(&w, "\x01\x60\x00\x00", 4, "\x02\xd0\x86\x03\x7f\x01\x7e\x0b", 8);
  expect_limit(&w, "too many locals: 50001 (the limit is 50000");
  /* the name section names functions; exports and imports are listed */
  wb_header(&w);
  wb_section(&w, 1, "\x01\x60\x00\x00", 4);
  wb_section(&w, 2, "\x01\x03""env\x01""g\x00\x00", 9);
  wb_section(&w, 3, "\x01\x00", 2);
  wb_section(&w, 7, "\x01\x03run\x00\x01", 7);
  wb_section(&w, 10, "\x01\x02\x00\x0b", 4);
  {
    const uint8_t names[] = {4, 'n', 'a', 'm', 'e', 1, 6, 1, 1, 3, 'f', 'o', 'o'};
    wb_section(&w, 0, names, sizeof names);
  }
  wlab_module *m = wlab_module_new(engine, w.b, w.n, &err);
  assert_non_null(m);
  assert_int_equal(wlab_module_func_count(m), 2);
  assert_string_equal(wlab_module_func_name(m, 1), "foo");
  assert_int_equal(wlab_module_find_func(m, "run"), 1);
  assert_int_equal(wlab_module_find_func(m, "1"), 1);
  assert_int_equal(wlab_module_find_func(m, "nope"), WLAB_NONE);
  wlab_extern_desc d;
  assert_int_equal(wlab_module_import_count(m), 1);
  wlab_module_import(m, 0, &d);
  assert_string_equal(d.module, "env");
  assert_string_equal(d.name, "g");
  assert_int_equal(d.kind, WLAB_EXTERN_FUNC);
  wlab_module_export(m, 0, &d);
  assert_string_equal(d.name, "run");
  assert_int_equal(d.index, 1);
  wlab_module_free(m);
}

static void segments(void **state)
{
  (void)state;
  wbuf w;
  wlab_error err;
  /* element segments of every kind 0..7 decode; 8 does not */
  wb_header(&w);
  wb_section(&w, 1, "\x01\x60\x00\x00", 4);
  wb_section(&w, 3, "\x01\x00", 2);
  wb_section(&w, 4, "\x01\x70\x00\x0a", 4);
  {
    const uint8_t elems[] = {8,
      0x00, 0x41, 0x00, 0x0b, 0x01, 0x00,                  /* 0: active, table 0, indices */
      0x01, 0x00, 0x01, 0x00,                              /* 1: passive, indices */
      0x02, 0x00, 0x41, 0x01, 0x0b, 0x00, 0x01, 0x00,      /* 2: active, table index, indices */
      0x03, 0x00, 0x01, 0x00,                              /* 3: declarative, indices */
      0x04, 0x41, 0x02, 0x0b, 0x01, 0xd2, 0x00, 0x0b,      /* 4: active, expressions */
      0x05, 0x70, 0x01, 0xd0, 0x70, 0x0b,                  /* 5: passive, expressions */
      0x06, 0x00, 0x41, 0x03, 0x0b, 0x70, 0x01, 0xd2, 0x00, 0x0b, /* 6 */
      0x07, 0x70, 0x01, 0xd2, 0x00, 0x0b};                 /* 7: declarative, expressions */
    wb_section(&w, 9, elems, sizeof elems);
  }
  wb_section(&w, 10, "\x01\x02\x00\x0b", 4);
  wlab_module *m = wlab_module_new(engine, w.b, w.n, &err);
  if (!m)
    fail_msg("%s", err.text);
  assert_int_equal(m->nelems, 8);
  assert_int_equal(m->elems[1].mode, SEG_PASSIVE);
  assert_int_equal(m->elems[3].mode, SEG_DECLARATIVE);
  assert_non_null(m->elems[7].exprs);
  wlab_module_free(m);
  wb_header(&w);
  wb_section(&w, 9, "\x01\x08\x00\x00", 4);
  expect_malformed(&w, "malformed elements segment kind");
  wb_header(&w);
  wb_section(&w, 5, "\x01\x00\x01", 3);
  wb_section(&w, 11, "\x01\x03\x00", 3);
  expect_malformed(&w, "malformed data segment kind");
}

/* The constant expressions decode, validation and instantiation read without the opcode tables:
 * exactly `i32.const k, end`, the LEB well-formed (the spec's rules), nothing else. */
static void one_i32_const(void **state)
{
  (void)state;
  static const struct { uint8_t b[8]; size_t n; bool one; int32_t k; } cases[] = {
    {{0x41, 0x05, 0x0b}, 3, true, 5},
    {{0x41, 0x7f, 0x0b}, 3, true, -1},
    {{0x41, 0x0b, 0x0b}, 3, true, 11},                          /* a LEB byte that is end's */
    {{0x41, 0x80, 0x80, 0x80, 0x80, 0x78, 0x0b}, 7, true, INT32_MIN},
    {{0x41, 0x80, 0x80, 0x80, 0x80, 0x80, 0x0b}, 7, false, 0},  /* too long */
    {{0x41, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x0b}, 7, false, 0},  /* too large for 32 bits */
    {{0x41, 0x05, 0x41, 0x06, 0x6a, 0x0b}, 6, false, 0},        /* extended-const: the tables' way */
    {{0x41, 0x05, 0x0b, 0x0b}, 4, false, 0},                    /* bytes after the end */
    {{0x41, 0x85}, 2, false, 0},                                /* cut short */
    {{0x23, 0x00, 0x0b}, 3, false, 0},                          /* global.get */
    {{0x42, 0x05, 0x0b}, 3, false, 0},                          /* i64.const */
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    int32_t k = 0;
    bool one = opcodes_one_i32_const(cases[i].b, cases[i].n, &k);
    if (one != cases[i].one || (one && k != cases[i].k))
      fail_msg("case %zu: %d %d, expected %d %d", i, one, k, cases[i].one, cases[i].k);
  }
}

static void errors_name_the_place(void **state)
{
  (void)state;
  wbuf w;
  wlab_error err;
  wb_header(&w);
  wb_section(&w, 1, "\x01\x61\x00\x00", 4); /* 0x61 is not the function-type form */
  assert_null(wlab_module_new(engine, w.b, w.n, &err));
  assert_int_equal(err.status, WLAB_ERR_MALFORMED);
  assert_string_equal(err.section, "type");
  assert_int_equal(err.offset, 11);
  assert_non_null(strstr(err.text, "(type section) at offset 0xb"));
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(header),
    cmocka_unit_test(sections),
    cmocka_unit_test(function_code_counts),
    cmocka_unit_test(names_and_locals),
    cmocka_unit_test(segments),
    cmocka_unit_test(one_i32_const),
    cmocka_unit_test(errors_name_the_place),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
