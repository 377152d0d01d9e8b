/* range.h: upper bounds of i32 values for the passes that reason about addresses: loop induction variables from their start, step and exit test, and what is built from them (docs/ssa.md, "Value ranges"). */
#ifndef WLAB_OPT_RANGE_H
#define WLAB_OPT_RANGE_H

#include <stdbool.h>
#include <stdint.h>

#include "opt/ssa.h"

/* Per value: the largest unsigned value an i32 induction variable (a loop header's parameter)
 * can hold anywhere it is used, UINT32_MAX when nothing is proven.  A snapshot of f as it was
 * when built: valid while the passes using it do not change a loop's edges or compares. */
typedef struct range_info {
  ssa_func *f;
  uint32_t *iv_max;   /* [ninsts]; only parameters are ever below UINT32_MAX */
  uint32_t nivs;      /* induction variables bounded (dumps, tests) */
} range_info;

/* Finds the bounded induction variables of f's loops (the CFG analyses must be current).
 * False when out of memory (f->error says so). */
bool range_build(ssa_func *f, range_info *r);
void range_free(range_info *r);

/* An upper bound of the unsigned value of i32 value v wherever it is defined (UINT32_MAX when
 * nothing is known): constants, bounded induction variables, and and/shr_u/rem_u/narrow loads/
 * compares, non-wrapping add, shl and mul of them, followed up to `depth` operands deep.  r may
 * be NULL (no induction variables). */
uint64_t range_upper(const range_info *r, ssa_func *f, ssa_id v, unsigned depth);

/* 2^32 minus the largest size f's memory can reach: how far past an access proven in bounds a
 * constant may reach without wrapping mod 2^32 (0 with no memory, an imported one or no room). */
uint64_t range_wrap_slack(const ssa_func *f);

#endif
