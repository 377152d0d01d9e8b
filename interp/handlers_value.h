/* handlers_value.h: the interpreter's handlers of the value ops (numeric, conversion, SIMD):
 * one label per row of core/value_ops.def.  Included inside run(). */

#define VOP(id, ...) L_##id: __VA_ARGS__ NEXT();
#include "core/value_ops.def"
#undef VOP
