/* emit_simd.c: the baseline compiler's v128 ops (none inline yet: they run in C). */
#include "baseline/compile.h"

bool bl_emit_simd(bl_comp *c, const ir_inst *in)
{
  (void)c;
  (void)in;
  return false;
}
