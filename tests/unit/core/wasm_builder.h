/* wasm_builder.h: builds small modules byte by byte for the unit tests (sections get their sizes). */
#ifndef WASM_BUILDER_H
#define WASM_BUILDER_H

#include <stdint.h>
#include <string.h>

typedef struct wbuf {
  uint8_t b[4096];
  size_t n;
} wbuf;

static inline void wb_bytes(wbuf *w, const void *p, size_t n)
{
  memcpy(w->b + w->n, p, n);
  w->n += n;
}
static inline void wb_byte(wbuf *w, uint8_t x) { w->b[w->n++] = x; }
static inline void wb_u32(wbuf *w, uint32_t v)
{
  do {
    uint8_t x = v & 0x7F;
    v >>= 7;
    wb_byte(w, (uint8_t)(x | (v ? 0x80 : 0)));
  } while (v);
}
static inline void wb_header(wbuf *w)
{
  w->n = 0;
  wb_bytes(w, "\0asm\1\0\0\0", 8);
}
/* A section: id, then the contents with their size in front. */
static inline void wb_section(wbuf *w, uint8_t id, const void *content, size_t n)
{
  wb_byte(w, id);
  wb_u32(w, (uint32_t)n);
  wb_bytes(w, content, n);
}
/* One function of type index 0 with the given body (locals vector and code, no size). */
static inline void wb_one_func(wbuf *w, const void *type, size_t type_n, const void *body, size_t body_n)
{
  uint8_t code[2048];
  size_t k = 0;
  wb_section(w, 1, type, type_n);
  wb_section(w, 3, "\x01\x00", 2);
  code[k++] = 1; /* one body */
  code[k++] = (uint8_t)body_n; /* bodies in these tests are < 128 bytes */
  memcpy(code + k, body, body_n);
  k += body_n;
  wb_section(w, 10, code, k);
}

#endif
