/* wagi.h: the WAGI convention (CGI, RFC 3875, for WASI commands): a request as environment variables, stdout as a response. */
#ifndef WLAB_SERVE_WAGI_H
#define WLAB_SERVE_WAGI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The guest's environment, "NAME=VALUE" strings (owned). */
typedef struct wagi_env {
  char **vars;
  int n, cap;
} wagi_env;

/* Adds NAME=VALUE (value NULL: empty).  A name already there is replaced.  0, or -1 when out
 * of memory. */
int wagi_env_set(wagi_env *env, const char *name, const char *value);
/* Adds an HTTP request header as RFC 3875 names it: HTTP_ and the name upper-cased, '-' as
 * '_' ("User-Agent" -> HTTP_USER_AGENT).  A header repeated is joined with ", " (RFC 9110's
 * list rule).  Content-Type and Content-Length are not added: they are CONTENT_TYPE and
 * CONTENT_LENGTH, which the caller sets from the request.  Nor is a name with characters
 * other than letters, digits and '-': another spelling could stand for the same variable
 * ("X_A" and "X-A"), so a client could not impersonate one header with another.  0 or -1. */
int wagi_env_header(wagi_env *env, const char *name, const char *value);
void wagi_env_free(wagi_env *env);

/* A response header the guest gave, to pass on. */
typedef struct wagi_header {
  char *name, *value;
} wagi_header;

/* A CGI response parsed from the guest's stdout. */
typedef struct wagi_response {
  int status;              /* from "Status: NNN reason"; 302 with Location and no Status; else 200 */
  wagi_header *headers;    /* Content-Type, Location and the other headers, in order; not Status */
  int nheaders;
  const uint8_t *body;     /* into the parsed buffer: everything after the blank line */
  size_t body_len;
} wagi_response;

/* Parses out[0..len) as RFC 3875 section 6 has it: header lines (LF or CRLF), a blank line,
 * the body.  It must have a Content-Type (or be a redirect: a Location and no body), every
 * header line must be NAME: VALUE, a Status must be a code from 100 to 599.  Content-Length,
 * Transfer-Encoding and Connection are the server's to set and are dropped.  Returns 0, or -1
 * with why[0..size) saying what is wrong (the body is never quoted). */
int wagi_parse_response(const uint8_t *out, size_t len, wagi_response *r, char *why, size_t size);
void wagi_response_free(wagi_response *r);

#endif
