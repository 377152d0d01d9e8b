/* opcodes.c: the opcode table, opcode lookup and immediate decoding. */
#include "opcodes.h"
#include "core/startup.h"

#define T_I32 0x7F
#define T_I64 0x7E
#define T_F32 0x7D
#define T_F64 0x7C
#define T_V128 0x7B
#define T__ OPT_NONE
#define T_X OPT_SPECIAL
#define NP(p1, p2, p3) ((T_##p1 > 1) + (T_##p2 > 1) + (T_##p3 > 1))

const wasm_opinfo opcodes_info[WASM_OP_COUNT] = {
#define WOP(id, prefix, code, text, imm, r, p1, p2, p3, align, lanes) \
  [WASM_##id] = {text, prefix, code, IMM_##imm, T_##r, {T_##p1, T_##p2, T_##p3}, NP(p1, p2, p3), align, lanes},
#include "wasm_ops.def"
#undef WOP
};

/* Opcode lookup: one table per prefix, each entry the op plus one (0: a hole, OPCODES_AT), laid
 * out by the compiler from wasm_ops.def: a function that filled writable tables at start-up was
 * 4,600 instructions and 1 KB of data written in every cold run.  The PREFIX column is one of
 * three literal tokens, so pasting it onto a table's name keeps that table's rows alone. */
#define SINGLE_0x00(...) __VA_ARGS__
#define SINGLE_0xFC(...)
#define SINGLE_0xFD(...)
#define FC_0x00(...)
#define FC_0xFC(...) __VA_ARGS__
#define FC_0xFD(...)
#define FD_0x00(...)
#define FD_0xFC(...)
#define FD_0xFD(...) __VA_ARGS__
const uint16_t opcodes_single[256] = {
#define WOP(id, prefix, code, ...) SINGLE_##prefix([code] = WASM_##id + 1, )
#include "wasm_ops.def"
#undef WOP
};
const uint16_t opcodes_fc[32] = {
#define WOP(id, prefix, code, ...) FC_##prefix([code] = WASM_##id + 1, )
#include "wasm_ops.def"
#undef WOP
};
const uint16_t opcodes_fd[256] = {
#define WOP(id, prefix, code, ...) FD_##prefix([code] = WASM_##id + 1, )
#include "wasm_ops.def"
#undef WOP
};

bool opcodes_read_prefixed(reader *r, uint8_t prefix, wasm_op *op)
{
  uint32_t code;
  uint16_t found;
  if (!read_u32(r, &code))
    return false;
  if (prefix == 0xFC)
    found = code < 32 ? OPCODES_AT(opcodes_fc, code) : OPCODES_NONE;
  else
    found = code < 256 ? OPCODES_AT(opcodes_fd, code) : OPCODES_NONE;
  if (found == OPCODES_NONE)
    return reader_error(r, "illegal opcode");
  *op = (wasm_op)found;
  return true;
}

static bool read_zero_byte(reader *r)
{
  uint8_t b;
  if (!read_u8(r, &b))
    return false;
  if (b != 0)
    return reader_error(r, "zero byte expected");
  return true;
}

WLAB_STARTUP bool opcodes_read_imms(reader *r, wasm_op op, wasm_imms *imm)
{
  const wasm_opinfo *o = &opcodes_info[op];
  uint64_t u;
  int64_t s;
  const uint8_t *bytes;
  switch ((wasm_imm)o->imm) {
  case IMM_NONE:
    return true;
  case IMM_BLOCKTYPE:
    if (!read_sleb(r, 33, &s))
      return false;
    imm->blocktype = s;
    return true;
  case IMM_LABEL: case IMM_FUNC: case IMM_LOCAL: case IMM_GLOBAL: case IMM_TABLE:
  case IMM_DATA: case IMM_ELEM:
    return read_u32(r, &imm->a);
  case IMM_BR_TABLE: {
    uint32_t n, label;
    if (!read_count(r, 1, &n))
      return false;
    imm->a = n;
    imm->table = r->p;
    for (uint32_t i = 0; i < n; i++)
      if (!read_u32(r, &label))
        return false;
    return read_u32(r, &imm->b); /* default label */
  }
  case IMM_CALL_INDIRECT:
    return read_u32(r, &imm->a) && read_u32(r, &imm->b); /* type, table */
  case IMM_SELECT_T: {
    uint8_t t;
    /* a vector of types; only one is valid, which the validator checks */
    if (!read_count(r, 1, &imm->a))
      return false;
    imm->b = 0;
    for (uint32_t i = 0; i < imm->a; i++) {
      if (!read_u8(r, &t))
        return false;
      if (i == 0)
        imm->b = t;
    }
    return true;
  }
  case IMM_MEMORY:
    return read_zero_byte(r);
  case IMM_REFTYPE: {
    uint8_t t;
    if (!read_u8(r, &t))
      return false;
    imm->a = t;
    return true;
  }
  case IMM_MEMORY_INIT:
    return read_u32(r, &imm->a) && read_zero_byte(r);
  case IMM_MEMORY_COPY:
    return read_zero_byte(r) && read_zero_byte(r);
  case IMM_TABLE_INIT: /* elem index, then table index */
  case IMM_TABLE_COPY: /* destination table, then source table */
    return read_u32(r, &imm->a) && read_u32(r, &imm->b);
  case IMM_MEMARG_LANE:
  case IMM_MEMARG:
    /* alignment (log2) then offset; memory index is 0 in wasm 2.0 */
    if (!read_u32(r, &imm->a) || !read_uleb(r, 32, &u))
      return false;
    imm->offset = u;
    if (o->imm == IMM_MEMARG)
      return true;
    __attribute__((fallthrough)); /* to the lane byte */
  case IMM_LANE:
    return read_u8(r, &imm->lane);
  case IMM_I32CONST:
    if (!read_sleb(r, 32, &s))
      return false;
    imm->c.u64 = (uint32_t)s;
    return true;
  case IMM_I64CONST:
    if (!read_sleb(r, 64, &s))
      return false;
    imm->c.u64 = (uint64_t)s;
    return true;
  case IMM_F32CONST: {
    uint32_t bits;
    if (!read_fixed32(r, &bits))
      return false;
    imm->c.u64 = bits;
    return true;
  }
  case IMM_F64CONST:
    return read_fixed64(r, &imm->c.u64);
  case IMM_V128CONST:
  case IMM_SHUFFLE:
    if (!read_bytes(r, 16, &bytes))
      return false;
    memcpy(imm->c.v128, bytes, 16);
    return true;
  }
  return reader_error(r, "illegal opcode");
}
