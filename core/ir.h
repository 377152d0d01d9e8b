/* ir.h: the shared IR, produced by validation and consumed by every tier (docs/ir.md). */
#ifndef WLAB_IR_H
#define WLAB_IR_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "opcodes.h"

/* IR ops: the wasm ops (same numbers) and then the IR-only rows of ir_ops.def. */
typedef enum ir_op {
#define WOP(id, prefix, code, text, imm, r, p1, p2, p3, align, lanes) IR_##id,
#include "wasm_ops.def"
#undef WOP
#define IROP(id, text, fields) IR_##id,
#include "ir_ops.def"
#undef IROP
  IR_OP_COUNT
} ir_op;

/* One instruction: three-address over frame slots.  Field use depends on the op
 * (docs/ir.md); as a rule r is the result slot, a/b/c are source operands. */
typedef struct ir_inst {
  uint16_t op;   /* ir_op */
  uint16_t aux;  /* small immediate: lane, value type, table index */
  uint32_t r;
  uint32_t a, b, c;
} ir_inst;

/* A source operand is a frame slot number, or a constant: IR_CONST_BIT | index into the
 * function's constant pool (v128 constants take two consecutive pool entries). */
#define IR_CONST_BIT 0x80000000u
#define IR_IS_CONST(x) (((x) & IR_CONST_BIT) != 0)
#define IR_CONST_INDEX(x) ((x) & ~IR_CONST_BIT)
/* A jump target field holds an instruction index. */

typedef struct ir_func {
  uint32_t type_index;
  uint32_t nparams, nresults;   /* in values */
  uint32_t param_slots;         /* slots taken by the parameters */
  uint32_t local_slots;         /* slots taken by parameters and locals */
  uint32_t max_slots;           /* frame size in slots (locals + deepest operand stack) */
  uint32_t nlocals;             /* parameters and declared locals, in values */
  uint8_t *local_types;         /* [nlocals] value types */
  uint32_t *local_slot;         /* [nlocals] first slot of each local */
  uint32_t ninsts;
  ir_inst *insts;
  uint32_t *wasm_offsets;       /* [ninsts] module byte offset of the wasm op */
  uint32_t nconsts;
  uint64_t *consts;             /* constant pool */
  uint32_t ntable;
  uint32_t *br_tables;          /* jump-table targets; a br_table op indexes into this */
  uint32_t nloops;              /* loop headers (IR_LOOP_HEAD ops) */
  uint32_t code_offset, code_size; /* the body's bytes in the module */
} ir_func;

/* Each frame slot is 8 bytes; a v128 value takes two adjacent slots. */
#define IR_SLOT_BYTES 8
static inline uint32_t ir_type_slots(uint8_t valtype) { return valtype == 0x7B ? 2 : 1; }

const char *ir_op_name(ir_op op);

struct wlab_module;
/* Prints the IR of one function as a readable listing: ir_dump_head, then ir_dump_inst for each
 * instruction.  Other dumps (the baseline's --asm) interleave their lines with the same two, so
 * every listing shows the IR in one format. */
void ir_dump_func(FILE *out, const struct wlab_module *m, uint32_t func_index);
/* The function's header and locals lines; false (after saying "imported") when it has no IR. */
bool ir_dump_head(FILE *out, const struct wlab_module *m, uint32_t func_index);
/* One instruction's line: index, wasm byte offset, op and operands, and a newline. */
void ir_dump_inst(FILE *out, const struct wlab_module *m, const ir_func *f, uint32_t i);

#endif
