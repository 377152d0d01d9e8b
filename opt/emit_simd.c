/* emit_simd.c: the optimising tier's v128 instructions (those not emitted here run through the C value-op helper). */
#include "opt/emit.h"

/*
 * Today every v128 value op goes through the C helper (emit.c, opt_emit_value_op_c), correct
 * for all 236 of them; plain v128.load/store, constants and moves are native (emit.c).  Native
 * SSE forms come here, one family at a time, with their allocator needs in opt_simd_info.
 */

bool opt_emit_simd(emitter *e, ssa_id v)
{
  (void)e;
  (void)v;
  return false;
}

bool opt_simd_info(ssa_func *f, ssa_id v, ra_inst_info *out);
bool opt_simd_info(ssa_func *f, ssa_id v, ra_inst_info *out)
{
  (void)f;
  (void)v;
  (void)out;
  return false;
}
