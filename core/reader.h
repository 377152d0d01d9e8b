/* reader.h: bounds-checked reading of the binary format (bytes, LEB128, names). */
#ifndef WLAB_READER_H
#define WLAB_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/startup.h"

/* A cursor over a byte range.  Every read checks the end; on failure it records why in
 * `fail` (a static message) and `fail_at` (the offset) and returns false.  Offsets are
 * relative to `base`, the start of the whole module, so errors can name the byte. */
typedef struct reader {
  const uint8_t *base; /* start of the module */
  const uint8_t *p;    /* current position */
  const uint8_t *end;  /* end of the current range */
  const char *fail;    /* first failure message, or NULL */
  size_t fail_at;      /* module offset of the failure */
} reader;

static inline size_t reader_offset(const reader *r) { return (size_t)(r->p - r->base); }
static inline size_t reader_left(const reader *r) { return (size_t)(r->end - r->p); }
static inline bool reader_done(const reader *r) { return r->p >= r->end; }

static inline bool reader_error(reader *r, const char *msg)
{
  if (!r->fail) {
    r->fail = msg;
    r->fail_at = reader_offset(r);
  }
  return false;
}

static inline bool read_u8(reader *r, uint8_t *out)
{
  if (r->p >= r->end)
    return reader_error(r, "unexpected end");
  *out = *r->p++;
  return true;
}

static inline bool read_bytes(reader *r, size_t n, const uint8_t **out)
{
  if (reader_left(r) < n)
    return reader_error(r, "unexpected end");
  *out = r->p;
  r->p += n;
  return true;
}

/* Unsigned LEB128 of at most `bits` bits (1..64).  The spec's rules: at most ceil(bits/7)
 * bytes ("integer representation too long"), and the unused bits of the last byte must be
 * zero ("integer too large"). */
WLAB_STARTUP static inline bool read_uleb(reader *r, unsigned bits, uint64_t *out)
{
  uint64_t v = 0;
  if (r->p < r->end && !(*r->p & 0x80)) { /* one byte: the common case */
    *out = *r->p++;
    return true;
  }
  unsigned shift = 0;
  const unsigned maxbytes = (bits + 6) / 7;
  for (unsigned i = 0;; i++) {
    uint8_t b;
    if (r->p >= r->end)
      return reader_error(r, "unexpected end");
    b = *r->p++;
    if (i == maxbytes - 1) {
      unsigned used = bits - shift; /* bits this byte may carry */
      if (b & 0x80)
        return reader_error(r, "integer representation too long");
      if (used < 7 && (b >> used) != 0)
        return reader_error(r, "integer too large");
      v |= (uint64_t)b << shift;
      break;
    }
    v |= (uint64_t)(b & 0x7F) << shift;
    shift += 7;
    if (!(b & 0x80))
      break;
  }
  *out = v;
  return true;
}

/* Signed LEB128 of at most `bits` bits: the unused bits of a last full-length byte must be
 * copies of the sign bit. */
static inline bool read_sleb(reader *r, unsigned bits, int64_t *out)
{
  uint64_t v = 0;
  if (r->p < r->end && !(*r->p & 0x80)) { /* one byte: sign-extend bit 6 */
    *out = (int64_t)((uint64_t)*r->p++ << 57) >> 57;
    return true;
  }
  unsigned shift = 0;
  const unsigned maxbytes = (bits + 6) / 7;
  uint8_t b;
  for (unsigned i = 0;; i++) {
    if (r->p >= r->end)
      return reader_error(r, "unexpected end");
    b = *r->p++;
    if (i == maxbytes - 1) {
      unsigned used = bits - shift;
      if (b & 0x80)
        return reader_error(r, "integer representation too long");
      if (used < 7) {
        /* bits [used-1 .. 6] must all equal the sign bit (bit used-1) */
        uint8_t mask = (uint8_t)(0x7F & ~((1u << (used - 1)) - 1));
        uint8_t top = b & mask;
        if (top != 0 && top != mask)
          return reader_error(r, "integer too large");
      }
      v |= (uint64_t)(b & 0x7F) << shift;
      shift += 7;
      break;
    }
    v |= (uint64_t)(b & 0x7F) << shift;
    shift += 7;
    if (!(b & 0x80))
      break;
  }
  if (shift < 64 && (b & 0x40))
    v |= ~(uint64_t)0 << shift;
  *out = (int64_t)v;
  return true;
}

static inline bool read_u32(reader *r, uint32_t *out)
{
  uint64_t v;
  if (!read_uleb(r, 32, &v))
    return false;
  *out = (uint32_t)v;
  return true;
}

static inline bool read_s32(reader *r, int32_t *out)
{
  int64_t v;
  if (!read_sleb(r, 32, &v))
    return false;
  *out = (int32_t)v;
  return true;
}

static inline bool read_s64(reader *r, int64_t *out) { return read_sleb(r, 64, out); }

static inline bool read_fixed32(reader *r, uint32_t *out)
{
  const uint8_t *b;
  if (!read_bytes(r, 4, &b))
    return false;
  memcpy(out, b, 4); /* little-endian host (x86-64) */
  return true;
}

static inline bool read_fixed64(reader *r, uint64_t *out)
{
  const uint8_t *b;
  if (!read_bytes(r, 8, &b))
    return false;
  memcpy(out, b, 8);
  return true;
}

/* A vector length, checked against the bytes left: each element takes at least
 * `min_size` bytes, so a count larger than that cannot be honest.  This keeps a 5-byte
 * count from making us allocate gigabytes. */
static inline bool read_count(reader *r, size_t min_size, uint32_t *out)
{
  if (!read_u32(r, out))
    return false;
  if (min_size && (uint64_t)*out * min_size > reader_left(r))
    return reader_error(r, "unexpected end of section or function");
  return true;
}

#endif
