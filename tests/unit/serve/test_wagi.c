/* test_wagi.c: the WAGI mapping: request headers as RFC 3875 variables, and CGI responses parsed or refused with a reason. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "serve/wagi.h"

static const char *get(const wagi_env *env, const char *name)
{
  size_t len = strlen(name);
  for (int i = 0; i < env->n; i++)
    if (strncmp(env->vars[i], name, len) == 0 && env->vars[i][len] == '=')
      return env->vars[i] + len + 1;
  return NULL;
}

static void header_names(void **state)
{
  wagi_env env = {0};
  (void)state;
  assert_int_equal(wagi_env_header(&env, "User-Agent", "curl"), 0);
  assert_int_equal(wagi_env_header(&env, "x-lower-case", "a"), 0);
  assert_int_equal(wagi_env_header(&env, "Accept", "text/html"), 0);
  assert_int_equal(wagi_env_header(&env, "accept", "*/*"), 0);       /* repeated: joined */
  assert_int_equal(wagi_env_header(&env, "X_Under", "posing"), 0);   /* not passed */
  assert_int_equal(wagi_env_header(&env, "Content-Type", "a/b"), 0); /* CONTENT_TYPE's */
  assert_int_equal(wagi_env_header(&env, "content-length", "3"), 0);
  assert_string_equal(get(&env, "HTTP_USER_AGENT"), "curl");
  assert_string_equal(get(&env, "HTTP_X_LOWER_CASE"), "a");
  assert_string_equal(get(&env, "HTTP_ACCEPT"), "text/html, */*");
  assert_null(get(&env, "HTTP_X_UNDER"));
  assert_null(get(&env, "HTTP_CONTENT_TYPE"));
  assert_null(get(&env, "HTTP_CONTENT_LENGTH"));
  assert_int_equal(env.n, 3);
  assert_int_equal(wagi_env_set(&env, "PATH_INFO", "/a"), 0);
  assert_int_equal(wagi_env_set(&env, "PATH_INFO", "/b"), 0); /* replaced, not added */
  assert_string_equal(get(&env, "PATH_INFO"), "/b");
  assert_int_equal(env.n, 4);
  wagi_env_free(&env);
}

static int parse(const char *out, wagi_response *r, char *why)
{
  return wagi_parse_response((const uint8_t *)out, strlen(out), r, why, 160);
}

static void responses(void **state)
{
  wagi_response r;
  char why[160];
  (void)state;
  assert_int_equal(parse("Content-Type: text/plain\n\nhello\n", &r, why), 0);
  assert_int_equal(r.status, 200);
  assert_int_equal(r.nheaders, 1);
  assert_string_equal(r.headers[0].name, "Content-Type");
  assert_string_equal(r.headers[0].value, "text/plain");
  assert_int_equal(r.body_len, 6);
  assert_memory_equal(r.body, "hello\n", 6);
  wagi_response_free(&r);
  /* CRLF, Status with a reason, extra headers kept in order, framing headers dropped, value
   * whitespace trimmed, a body with a blank line of its own */
  assert_int_equal(parse("Status: 404 Not Here\r\nContent-Type:\ttext/html\r\nX-A: 1\r\nContent-Length: 99\r\n"
                         "Connection: close\r\n\r\nbody\n\nmore", &r, why), 0);
  assert_int_equal(r.status, 404);
  assert_int_equal(r.nheaders, 2);
  assert_string_equal(r.headers[0].value, "text/html");
  assert_string_equal(r.headers[1].name, "X-A");
  assert_int_equal(r.body_len, 10);
  wagi_response_free(&r);
  /* a redirect needs no Content-Type; Location without Status is a 302, with one it is kept */
  assert_int_equal(parse("Location: /x\n\n", &r, why), 0);
  assert_int_equal(r.status, 302);
  wagi_response_free(&r);
  assert_int_equal(parse("Status: 301\nLocation: /x\n\n", &r, why), 0);
  assert_int_equal(r.status, 301);
  wagi_response_free(&r);
  assert_int_equal(parse("Content-Type: a/b\n\n", &r, why), 0); /* an empty body */
  assert_int_equal(r.body_len, 0);
  wagi_response_free(&r);
}

static void refusals(void **state)
{
  static const struct {
    const char *out, *why;
  } bad[] = {
    {"", "no output"},
    {"Content-Type: text/plain", "no blank line"},
    {"Content-Type: text/plain\nhello\n\n", "not NAME: VALUE"},
    {"X-A: 1\n\nbody", "no Content-Type"},
    {"Location: /x\n\nbody", "no Content-Type"},
    {"Status: 20\nContent-Type: a/b\n\n", "Status"},
    {"Status: 600 Big\nContent-Type: a/b\n\n", "Status"},
    {"Status: 200x\nContent-Type: a/b\n\n", "Status"},
    {"Status: 200\nStatus: 201\nContent-Type: a/b\n\n", "more than one Status"},
    {"Bad Name: 1\nContent-Type: a/b\n\n", "not NAME: VALUE"},
    {": empty\nContent-Type: a/b\n\n", "not NAME: VALUE"},
    {"X-A: a\rSet-Cookie: b\nContent-Type: a/b\n\n", "a CR inside"},
  };
  (void)state;
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    wagi_response r;
    char why[160] = "";
    assert_int_equal(parse(bad[i].out, &r, why), -1);
    assert_non_null(strstr(why, bad[i].why));
    assert_null(r.headers);
  }
  /* a NUL in the headers */
  wagi_response r;
  char why[160];
  assert_int_equal(wagi_parse_response((const uint8_t *)"X-A: a\0b\nContent-Type: a/b\n\n", 27, &r, why, sizeof why), -1);
  assert_non_null(strstr(why, "NUL"));
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(header_names),
    cmocka_unit_test(responses),
    cmocka_unit_test(refusals),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
