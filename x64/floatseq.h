/* floatseq.h: the scalar float sequences both JITs emit where x86 and wasm disagree (float-to-integer truncation, min and max), in registers the JIT chooses. */
#ifndef WLAB_X64_FLOATSEQ_H
#define WLAB_X64_FLOATSEQ_H

#include <stdbool.h>
#include <stdint.h>

#include "x64/asm.h"

/* A 16-byte constant (lo, hi) in the JIT's pool, 16-byte aligned, for `lea` (x64_lea_r64_label). */
typedef x64_label_id (*x64_const128_fn)(void *jit, uint64_t lo, uint64_t hi);

/* i32/i64.trunc_f32/f64_s/u and their _sat forms, with core/numeric.h's bounds and results. */
typedef struct x64_trunc {
  bool from64, to64;      /* f64 operand; i64 result */
  bool is_signed, sat;
  x64_gpr d;              /* the result */
  x64_xmm a;              /* the operand (left as it is) */
  x64_gpr t;              /* scratch: constants and their addresses */
  x64_xmm x;              /* scratch, used only by the unsigned 64-bit forms */
  x64_label_id invalid;   /* the trapping forms: where NaN goes (invalid conversion) */
  x64_label_id overflow;  /* and where an out-of-range value goes (integer overflow) */
  x64_const128_fn const128;
  void *jit;              /* const128's first argument */
} x64_trunc;

void x64_float_trunc(x64_buf *b, const x64_trunc *t);

/* f32/f64.min and max: d = min/max(d, s), d and s registers (distinct). */
void x64_float_min_max(x64_buf *b, bool w, bool is_max, x64_xmm d, x64_xmm s);

#endif
