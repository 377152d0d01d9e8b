/* opcodes.h: the wasm opcode enum and per-opcode facts, generated from wasm_ops.def. */
#ifndef WLAB_OPCODES_H
#define WLAB_OPCODES_H

#include <stdbool.h>
#include <stdint.h>

#include "reader.h"

typedef enum wasm_op {
#define WOP(id, prefix, code, text, imm, r, p1, p2, p3, align, lanes) WASM_##id,
#include "wasm_ops.def"
#undef WOP
  WASM_OP_COUNT
} wasm_op;

/* Two opcodes' bytes in the binary (the enum above numbers ops in table order, not by byte): the
 * shape `i32.const k, end` that most constant expressions have (a segment's offset, a global's
 * value) is read without the tables. */
#define WASM_BYTE_I32_CONST 0x41
#define WASM_BYTE_END 0x0B

/* Whether code[0, len) is exactly `i32.const k, end` with a well-formed LEB, and k. */
static inline bool opcodes_one_i32_const(const uint8_t *code, size_t len, int32_t *k)
{
  reader r = {code, code + 1, code + len, NULL, 0};
  return len >= 3 && code[0] == WASM_BYTE_I32_CONST && code[len - 1] == WASM_BYTE_END && read_s32(&r, k) &&
         r.p == code + len - 1;
}

/* Immediate kinds (the IMM column). */
typedef enum wasm_imm {
  IMM_NONE, IMM_BLOCKTYPE, IMM_LABEL, IMM_BR_TABLE, IMM_FUNC, IMM_CALL_INDIRECT, IMM_SELECT_T,
  IMM_LOCAL, IMM_GLOBAL, IMM_TABLE, IMM_MEMORY, IMM_REFTYPE, IMM_MEMORY_INIT, IMM_DATA,
  IMM_MEMORY_COPY, IMM_TABLE_INIT, IMM_ELEM, IMM_TABLE_COPY, IMM_MEMARG, IMM_MEMARG_LANE,
  IMM_LANE, IMM_I32CONST, IMM_I64CONST, IMM_F32CONST, IMM_F64CONST, IMM_V128CONST, IMM_SHUFFLE,
} wasm_imm;

/* Stack-signature types of the table: value types by their binary code, 0 for none, and
 * OPT_SPECIAL for ops validated by hand. */
#define OPT_NONE 0
#define OPT_SPECIAL 1

typedef struct wasm_opinfo {
  const char *name;
  uint8_t prefix;
  uint32_t code;
  uint8_t imm;     /* wasm_imm */
  uint8_t result;  /* value type code, OPT_NONE or OPT_SPECIAL */
  uint8_t params[3];
  uint8_t nparams;
  uint8_t align;   /* log2 natural alignment, memory ops */
  uint8_t lanes;   /* lane count, lane-indexed ops */
} wasm_opinfo;

extern const wasm_opinfo opcodes_info[WASM_OP_COUNT];

/* Decoded immediates of one instruction. */
typedef struct wasm_imms {
  uint32_t a, b;        /* index, label, alignment, ... per kind */
  uint64_t offset;      /* memarg offset */
  int64_t blocktype;    /* s33: <0 = value type or empty (-64), >=0 = type index */
  uint8_t lane;
  union {
    uint64_t u64;       /* i32/i64/f32/f64 constants, as bits */
    uint8_t v128[16];   /* v128.const and i8x16.shuffle lanes */
  } c;
  const uint8_t *table; /* br_table: start of the label vector (count in a) */
} wasm_imms;

#define OPCODES_NONE 0xFFFF
/* The lookup tables, one per prefix, built at compile time: each entry is its op plus one, 0 for
 * no such opcode, so OPCODES_AT reads a hole as OPCODES_NONE. */
extern const uint16_t opcodes_single[256], opcodes_fc[32], opcodes_fd[256];
#define OPCODES_AT(table, code) ((uint16_t)((table)[code] - 1u))
bool opcodes_read_prefixed(reader *r, uint8_t prefix, wasm_op *op);

/* Reads one opcode (prefix and code) and resolves it.  False with r->fail set for an
 * unknown opcode ("illegal opcode") or a truncated one.  Inline: it runs once per
 * instruction of every body. */
static inline bool opcodes_read(reader *r, wasm_op *op)
{
  uint8_t b;
  uint16_t found;
  if (!read_u8(r, &b))
    return false;
  if (b == 0xFC || b == 0xFD)
    return opcodes_read_prefixed(r, b, op);
  found = OPCODES_AT(opcodes_single, b);
  if (found == OPCODES_NONE) {
    r->p--;
    return reader_error(r, "illegal opcode");
  }
  *op = (wasm_op)found;
  return true;
}

/* Reads the immediates of `op`.  Structural only: LEB forms, reserved zero bytes, lengths.
 * br_table labels are skipped over (imm->table points at them, imm->a is their count). */
bool opcodes_read_imms(reader *r, wasm_op op, wasm_imms *imm);

#endif
