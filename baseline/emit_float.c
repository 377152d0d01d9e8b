/* emit_float.c: the baseline compiler's f32 and f64 ops (none inline yet: they run in C). */
#include "baseline/compile.h"

bool bl_emit_float(bl_comp *c, const ir_inst *in)
{
  (void)c;
  (void)in;
  return false;
}
