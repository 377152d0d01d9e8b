/* value_ops.h: what the rows of value_ops.def use: the scalar and vector semantics, trap kinds. */
#ifndef WLAB_VALUE_OPS_H
#define WLAB_VALUE_OPS_H

#include "core/numeric.h"
#include "core/simd.h"
#include "core/trap.h"

static inline trap_kind num_trap_kind(enum num_trap t)
{
  return t == NUM_TRAP_DIV_ZERO ? TRAP_DIV_ZERO : t == NUM_TRAP_INT_OVERFLOW ? TRAP_INT_OVERFLOW : TRAP_BAD_CONVERSION;
}

#endif
