/* wagi.c: the WAGI convention: request variables for the guest's environment, and the guest's stdout parsed as a CGI response. */
#include "serve/wagi.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- the environment --------------------------------------------------------------------- */

static int find(const wagi_env *env, const char *name, size_t len)
{
  for (int i = 0; i < env->n; i++)
    if (strncmp(env->vars[i], name, len) == 0 && env->vars[i][len] == '=')
      return i;
  return -1;
}

int wagi_env_set(wagi_env *env, const char *name, const char *value)
{
  size_t nlen = strlen(name), vlen = value ? strlen(value) : 0;
  char *var = malloc(nlen + vlen + 2);
  int at = find(env, name, nlen);
  if (!var)
    return -1;
  memcpy(var, name, nlen);
  var[nlen] = '=';
  memcpy(var + nlen + 1, value ? value : "", vlen + 1);
  if (at >= 0) {
    free(env->vars[at]);
    env->vars[at] = var;
    return 0;
  }
  if (env->n == env->cap) {
    int cap = env->cap ? env->cap * 2 : 32;
    char **vars = realloc(env->vars, (size_t)cap * sizeof *vars);
    if (!vars) {
      free(var);
      return -1;
    }
    env->vars = vars;
    env->cap = cap;
  }
  env->vars[env->n++] = var;
  return 0;
}

int wagi_env_header(wagi_env *env, const char *name, const char *value)
{
  char var[256];
  size_t len = strlen(name);
  int at;
  if (len == 0 || len > sizeof var - 6 || strcasecmp(name, "Content-Type") == 0 ||
      strcasecmp(name, "Content-Length") == 0)
    return 0;
  memcpy(var, "HTTP_", 5);
  for (size_t i = 0; i < len; i++) {
    unsigned char ch = (unsigned char)name[i];
    if (!isalnum(ch) && ch != '-')
      return 0;
    var[5 + i] = ch == '-' ? '_' : (char)toupper(ch);
  }
  var[5 + len] = 0;
  if ((at = find(env, var, 5 + len)) >= 0) {
    const char *old = env->vars[at] + 6 + len;
    size_t olen = strlen(old), vlen = strlen(value ? value : "");
    char *joined = malloc(olen + vlen + 3);
    int e;
    if (!joined)
      return -1;
    memcpy(joined, old, olen);
    memcpy(joined + olen, ", ", 2);
    memcpy(joined + olen + 2, value ? value : "", vlen + 1);
    e = wagi_env_set(env, var, joined);
    free(joined);
    return e;
  }
  return wagi_env_set(env, var, value);
}

void wagi_env_free(wagi_env *env)
{
  for (int i = 0; i < env->n; i++)
    free(env->vars[i]);
  free(env->vars);
  *env = (wagi_env){0};
}

/* ---- the response ------------------------------------------------------------------------ */

/* RFC 9110's token characters: what a header name may be made of */
static bool is_tchar(unsigned char ch)
{
  return isalnum(ch) || (ch && strchr("!#$%&'*+-.^_`|~", ch));
}

static int fail(char *why, size_t size, const char *fmt, const char *what)
{
  snprintf(why, size, fmt, what);
  return -1;
}

static bool add_header(wagi_response *r, const char *name, size_t nlen, const char *value, size_t vlen)
{
  wagi_header *h = realloc(r->headers, (size_t)(r->nheaders + 1) * sizeof *h);
  if (!h)
    return false;
  r->headers = h;
  h = &h[r->nheaders];
  h->name = strndup(name, nlen);
  h->value = strndup(value, vlen);
  if (!h->name || !h->value) {
    free(h->name);
    free(h->value);
    return false;
  }
  r->nheaders++;
  return true;
}

int wagi_parse_response(const uint8_t *out, size_t len, wagi_response *r, char *why, size_t size)
{
  const char *p = (const char *)out, *end = p + len;
  bool content_type = false, location = false, status = false;
  *r = (wagi_response){.status = 200};
  for (;;) {
    const char *eol = memchr(p, '\n', (size_t)(end - p)), *line_end, *colon, *v;
    char name[64];
    if (!eol) {
      wagi_response_free(r);
      return fail(why, size, "%s", len ? "no blank line after the headers" : "no output at all (no headers, no blank line)");
    }
    line_end = eol > p && eol[-1] == '\r' ? eol - 1 : eol;
    if (line_end == p) { /* the blank line: the body follows */
      p = eol + 1;
      break;
    }
    if (memchr(p, 0, (size_t)(line_end - p))) {
      wagi_response_free(r);
      return fail(why, size, "%s", "a NUL byte in the headers");
    }
    for (colon = p; colon < line_end && is_tchar((unsigned char)*colon); colon++)
      ;
    if (colon == p || colon == line_end || *colon != ':') {
      wagi_response_free(r);
      return fail(why, size, "a header line is not NAME: VALUE (%s)",
                  colon == p ? "no name" : colon == line_end ? "no colon" : "a space or other character in the name");
    }
    for (v = colon + 1; v < line_end && (*v == ' ' || *v == '\t'); v++)
      ;
    snprintf(name, sizeof name, "%.*s", (int)(colon - p), p);
    if (strcasecmp(name, "Status") == 0) {
      int code = 0, digits = 0;
      while (v + digits < line_end && digits < 4 && isdigit((unsigned char)v[digits]))
        code = code * 10 + (v[digits++] - '0');
      if (digits != 3 || code < 100 || code > 599 || (v + 3 < line_end && v[3] != ' ')) {
        wagi_response_free(r);
        return fail(why, size, "%s", "the Status header is not a code from 100 to 599 and a reason");
      }
      if (status) {
        wagi_response_free(r);
        return fail(why, size, "%s", "more than one Status header");
      }
      status = true;
      r->status = code;
    } else if (strcasecmp(name, "Content-Length") == 0 || strcasecmp(name, "Transfer-Encoding") == 0 ||
               strcasecmp(name, "Connection") == 0) {
      /* framing is the server's: the length of what the guest wrote is the length */
    } else {
      content_type |= strcasecmp(name, "Content-Type") == 0;
      location |= strcasecmp(name, "Location") == 0;
      if (!add_header(r, p, (size_t)(colon - p), v, (size_t)(line_end - v))) {
        wagi_response_free(r);
        return fail(why, size, "%s", "out of memory");
      }
    }
    p = eol + 1;
  }
  r->body = (const uint8_t *)p;
  r->body_len = (size_t)(end - p);
  if (!content_type && !(location && r->body_len == 0)) {
    wagi_response_free(r);
    return fail(why, size, "%s", "no Content-Type header (only a redirect, a Location with no body, may go without)");
  }
  if (location && !status)
    r->status = 302; /* RFC 3875 6.2.4: a client redirect */
  return 0;
}

void wagi_response_free(wagi_response *r)
{
  for (int i = 0; i < r->nheaders; i++) {
    free(r->headers[i].name);
    free(r->headers[i].value);
  }
  free(r->headers);
  r->headers = NULL;
  r->nheaders = 0;
}
