/* test_wastjson.c: the JSON reader the spec driver uses, on valid and malformed text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "cli/wastjson.h"

static jvalue *parse(const char *s, char *err)
{
  return wastjson_parse(s, strlen(s), err, 200);
}

static void values(void **state)
{
  char err[200];
  (void)state;
  jvalue *v = parse("{\"a\": [1, -2.5e3, true, null], \"s\": \"x\\n\\u00e9\\ud83d\\ude00\", \"o\": {}}", err);
  assert_non_null(v);
  const jvalue *a = wastjson_get(v, "a");
  assert_int_equal(a->kind, J_ARRAY);
  assert_int_equal(a->len, 4);
  assert_true(a->items[1]->number == -2500.0);
  assert_true(a->items[2]->boolean);
  assert_int_equal(a->items[3]->kind, J_NULL);
  assert_string_equal(wastjson_str(v, "s"), "x\n\xc3\xa9\xf0\x9f\x98\x80");
  assert_int_equal(wastjson_get(v, "o")->kind, J_OBJECT);
  assert_null(wastjson_get(v, "missing"));
  wastjson_free(v);
  /* a NUL escape stays inside the string, with its length */
  v = parse("\"a\\u0000b\"", err);
  assert_int_equal(v->len, 3);
  wastjson_free(v);
}

static void malformed(void **state)
{
  static const char *const bad[] = {"", "{", "[1,]", "{\"a\" 1}", "\"abc", "tru", "[1] 2", "{\"a\":\"\\q\"}", "01x"};
  char err[200];
  (void)state;
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    jvalue *v = parse(bad[i], err);
    if (v)
      fail_msg("accepted malformed JSON '%s'", bad[i]);
    assert_non_null(strstr(err, "JSON line 1"));
  }
  /* nesting beyond the limit is refused, not a stack overflow */
  char deep[200];
  memset(deep, '[', sizeof deep - 1);
  deep[sizeof deep - 1] = 0;
  assert_null(parse(deep, err));
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(values),
    cmocka_unit_test(malformed),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
