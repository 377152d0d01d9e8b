/* asm.c: the x86-64 encoder; prefixes, REX, ModRM, SIB and displacements are built in enc(). */
#include "asm.h"

#include <assert.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* ---- the byte buffer ---------------------------------------------------------------------- */

void x64_buf_init(x64_buf *b)
{
  memset(b, 0, sizeof *b);
}

void x64_buf_free(x64_buf *b)
{
  free(b->code);
  free(b->labels);
  memset(b, 0, sizeof *b);
}

void x64_buf_reset(x64_buf *b)
{
  b->len = 0;
  b->nlabels = 0;
  b->pending = 0;
  b->failed = false;
}

bool x64_buf_ok(const x64_buf *b)
{
  return !b->failed && b->pending == 0;
}

/* Room for n more bytes. Offsets are kept to int32 so that every rel32 can reach every byte. */
static bool reserve(x64_buf *b, size_t n)
{
  if (b->len + n <= b->cap)
    return true;
  size_t cap = b->cap ? b->cap * 2 : 4096;
  while (cap < b->len + n)
    cap *= 2;
  uint8_t *p = cap <= INT32_MAX ? realloc(b->code, cap) : NULL;
  if (!p) {
    b->failed = true;
    return false;
  }
  b->code = p;
  b->cap = cap;
  return true;
}

static void put8(x64_buf *b, unsigned v)
{
  if (reserve(b, 1))
    b->code[b->len++] = (uint8_t)v;
}

static void put16(x64_buf *b, uint16_t v)
{
  put8(b, v & 0xFF);
  put8(b, v >> 8);
}

/* little-endian, as every x86 immediate and displacement */
static void put32(x64_buf *b, uint32_t v)
{
  for (int i = 0; i < 4; i++)
    put8(b, (v >> (8 * i)) & 0xFF);
}

static void put64(x64_buf *b, uint64_t v)
{
  put32(b, (uint32_t)v);
  put32(b, (uint32_t)(v >> 32));
}

static uint32_t get32(const x64_buf *b, size_t at)
{
  uint32_t v;
  memcpy(&v, b->code + at, 4);
  return v;
}

static void set32(x64_buf *b, size_t at, uint32_t v)
{
  memcpy(b->code + at, &v, 4);
}

void x64_emit_bytes(x64_buf *b, const void *bytes, size_t n)
{
  if (n && reserve(b, n)) {
    memcpy(b->code + b->len, bytes, n);
    b->len += n;
  }
}

/* ---- labels ------------------------------------------------------------------------------- */

x64_label_id x64_label(x64_buf *b)
{
  if (b->nlabels == b->label_cap) {
    uint32_t cap = b->label_cap ? b->label_cap * 2 : 64;
    x64_label_slot *p = realloc(b->labels, cap * sizeof *p);
    if (!p) {
      b->failed = true;
      return UINT32_MAX;   /* every later use of it is refused, and x64_buf_ok says so */
    }
    b->labels = p;
    b->label_cap = cap;
  }
  b->labels[b->nlabels] = (x64_label_slot){ -1, -1 };
  return b->nlabels++;
}

static x64_label_slot *slot(x64_buf *b, x64_label_id l)
{
  if (l < b->nlabels)
    return &b->labels[l];
  b->failed = true;
  return NULL;
}

/* A rel32 field aimed at label l, relative to the end of the field (every user here ends its
   instruction with it). An unbound label's field holds the previous link of its chain. */
static void rel32_to(x64_buf *b, x64_label_id l)
{
  x64_label_slot *s = slot(b, l);
  if (!s) {
    put32(b, 0);
    return;
  }
  if (s->pos >= 0) {   /* backward: the distance is known now */
    put32(b, (uint32_t)(s->pos - (int32_t)(b->len + 4)));
    return;
  }
  size_t at = b->len;
  put32(b, (uint32_t)s->chain);
  if (b->failed)
    return;
  s->chain = (int32_t)at;
  b->pending++;
}

void x64_bind(x64_buf *b, x64_label_id l)
{
  x64_label_slot *s = slot(b, l);
  if (!s)
    return;
  if (s->pos >= 0) {   /* bound twice: a compiler bug, reported like any other failure */
    b->failed = true;
    return;
  }
  s->pos = (int32_t)b->len;
  for (int32_t at = s->chain; at >= 0;) {
    int32_t next = (int32_t)get32(b, (size_t)at);
    set32(b, (size_t)at, (uint32_t)(s->pos - (at + 4)));
    b->pending--;
    at = next;
  }
  s->chain = -1;
}

bool x64_label_bound(const x64_buf *b, x64_label_id l)
{
  return l < b->nlabels && b->labels[l].pos >= 0;
}

size_t x64_label_pos(const x64_buf *b, x64_label_id l)
{
  assert(x64_label_bound(b, l) && "position of an unbound label");
  return (size_t)b->labels[l].pos;
}

/* ---- register names ----------------------------------------------------------------------- */

static const char *const gpr_names[] = {
#define X64_GPR(name, asm_name, enc) [enc] = asm_name,
#include "regs.def"
#undef X64_GPR
};

static const char *const xmm_names[] = {
#define X64_XMM(name, asm_name, enc) [enc] = asm_name,
#include "regs.def"
#undef X64_XMM
};

const char *x64_gpr_name(x64_gpr r)
{
  return (unsigned)r < 16 ? gpr_names[r] : "?";
}

const char *x64_xmm_name(x64_xmm r)
{
  return (unsigned)r < 16 ? xmm_names[r] : "?";
}

/* ---- the encoding core -------------------------------------------------------------------- */
/*
 * Every instruction with a ModRM byte goes through enc(); opcode-plus-register forms (push,
 * pop, mov r, imm) go through enc_oreg(). Layout (Intel SDM vol. 2, 2.1):
 *   [66|F2|F3] [REX] opcode(1-3 bytes) ModRM [SIB] [disp8|disp32]   then the caller's immediate
 * The mandatory prefix must come before REX, and REX must come right before the opcode.
 */

enum {
  F_W = 1,         /* REX.W: 64-bit operand size */
  F_BYTE_REG = 2,  /* ModRM.reg names a byte register: spl, bpl, sil, dil need a REX */
  F_BYTE_RM = 4,   /* ModRM.rm, when a register, names a byte register */
};

/* An r/m operand: a register (general or xmm, by encoding number) or memory. */
typedef struct rm {
  bool mem;
  unsigned reg;
  x64_mem m;
} rm;

static rm R(unsigned reg) { return (rm){ .reg = reg }; }
static rm M(x64_mem m) { return (rm){ .mem = true, .m = m }; }

/* Without any REX, byte registers 4-7 are ah, ch, dh, bh; an empty REX (40) makes them
   spl, bpl, sil, dil. */
static bool needs_empty_rex(unsigned flags, unsigned flag, unsigned reg)
{
  return (flags & flag) && reg >= 4 && reg < 8;
}

static void emit_rex(x64_buf *b, bool w, unsigned r, unsigned x, unsigned base, bool force)
{
  unsigned rex = (w ? 8 : 0) | ((r >> 3) & 1) << 2 | ((x >> 3) & 1) << 1 | ((base >> 3) & 1);
  if (rex || force)
    put8(b, 0x40 | rex);
}

/* opcodes are written most significant byte first: 0x01, 0x0FAF, 0x0F3A0A */
static void emit_opcode(x64_buf *b, uint32_t op)
{
  if (op > 0xFFFF)
    put8(b, op >> 16);
  if (op > 0xFF)
    put8(b, (op >> 8) & 0xFF);
  put8(b, op & 0xFF);
}

/* SIB.scale is log2 of the factor; anything but 1, 2, 4, 8 is not encodable (-1) */
static int scale_bits(unsigned scale)
{
  switch (scale) {
  case 1: return 0;
  case 2: return 1;
  case 4: return 2;
  case 8: return 3;
  }
  return -1;
}

static void emit_modrm(x64_buf *b, unsigned reg, rm o)
{
  if (!o.mem) {
    put8(b, 0xC0 | (reg & 7) << 3 | (o.reg & 7));
    return;
  }
  x64_mem m = o.m;
  int scale = scale_bits(m.scale);
  /* An operand the hardware cannot express fails the buffer instead of asserting, so a
     compiler bug costs a failed compile (the function stays on the interpreter), not wrong code
     in a release build. */
  if (m.base == X64_NOREG || m.index == X64_RSP || (m.index != X64_NOREG && scale < 0)) {
    b->failed = true;
    return;
  }
  unsigned base = m.base & 7;
  /* rm = 100 means "a SIB byte follows", so rsp and r12 as bases need one */
  bool sib = m.index != X64_NOREG || base == 4;
  /* mod = 00 with base 101 means rip-relative (or no base with a SIB), so rbp and r13 take an
     explicit disp8 of 0 */
  unsigned mod = m.disp == 0 && base != 5 ? 0 : m.disp >= -128 && m.disp <= 127 ? 1 : 2;
  put8(b, mod << 6 | (reg & 7) << 3 | (sib ? 4 : base));
  if (sib) {
    unsigned index = m.index == X64_NOREG ? 4 : (m.index & 7);  /* 100 without REX.X: none */
    put8(b, (unsigned)(scale < 0 ? 0 : scale) << 6 | index << 3 | base);
  }
  if (mod == 1)
    put8(b, (uint8_t)m.disp);
  else if (mod == 2)
    put32(b, (uint32_t)m.disp);
}

static void enc(x64_buf *b, unsigned pfx, unsigned flags, uint32_t op, unsigned reg, rm o)
{
  unsigned x = 0, base;
  bool force = needs_empty_rex(flags, F_BYTE_REG, reg);
  if (o.mem) {
    base = (unsigned)o.m.base;
    x = o.m.index == X64_NOREG ? 0 : (unsigned)o.m.index;
  } else {
    base = o.reg;
    force |= needs_empty_rex(flags, F_BYTE_RM, o.reg);
  }
  if (pfx)
    put8(b, pfx);
  emit_rex(b, flags & F_W, reg, x, base, force);
  emit_opcode(b, op);
  emit_modrm(b, reg, o);
}

/* opcode + register in the low 3 bits, the fourth bit in REX.B */
static void enc_oreg(x64_buf *b, unsigned flags, unsigned op, unsigned reg)
{
  emit_rex(b, flags & F_W, 0, 0, reg, false);
  put8(b, op + (reg & 7));
}

static bool fits8(int32_t v)
{
  return v >= -128 && v <= 127;
}

/* ---- moves -------------------------------------------------------------------------------- */

void x64_mov_r32_r32(x64_buf *b, x64_gpr dst, x64_gpr src) { enc(b, 0, 0, 0x89, src, R(dst)); }
void x64_mov_r64_r64(x64_buf *b, x64_gpr dst, x64_gpr src) { enc(b, 0, F_W, 0x89, src, R(dst)); }

void x64_mov_r32_imm32(x64_buf *b, x64_gpr dst, uint32_t imm)
{
  enc_oreg(b, 0, 0xB8, dst);
  put32(b, imm);
}

void x64_mov_r64_simm32(x64_buf *b, x64_gpr dst, int32_t imm)
{
  enc(b, 0, F_W, 0xC7, 0, R(dst));
  put32(b, (uint32_t)imm);
}

void x64_mov_r64_imm64(x64_buf *b, x64_gpr dst, uint64_t imm)
{
  enc_oreg(b, F_W, 0xB8, dst);
  put64(b, imm);
}

void x64_mov_r64_imm(x64_buf *b, x64_gpr dst, uint64_t imm)
{
  if (imm <= UINT32_MAX)
    x64_mov_r32_imm32(b, dst, (uint32_t)imm);   /* 32-bit writes zero the upper half */
  else if ((int64_t)imm >= INT32_MIN && (int64_t)imm <= INT32_MAX)
    x64_mov_r64_simm32(b, dst, (int32_t)imm);
  else
    x64_mov_r64_imm64(b, dst, imm);
}

void x64_mov_r32_m32(x64_buf *b, x64_gpr dst, x64_mem m) { enc(b, 0, 0, 0x8B, dst, M(m)); }
void x64_mov_r64_m64(x64_buf *b, x64_gpr dst, x64_mem m) { enc(b, 0, F_W, 0x8B, dst, M(m)); }
void x64_mov_m8_r8(x64_buf *b, x64_mem m, x64_gpr src) { enc(b, 0, F_BYTE_REG, 0x88, src, M(m)); }
void x64_mov_m16_r16(x64_buf *b, x64_mem m, x64_gpr src) { enc(b, 0x66, 0, 0x89, src, M(m)); }
void x64_mov_m32_r32(x64_buf *b, x64_mem m, x64_gpr src) { enc(b, 0, 0, 0x89, src, M(m)); }
void x64_mov_m64_r64(x64_buf *b, x64_mem m, x64_gpr src) { enc(b, 0, F_W, 0x89, src, M(m)); }

void x64_mov_m8_imm8(x64_buf *b, x64_mem m, uint8_t imm)
{
  enc(b, 0, 0, 0xC6, 0, M(m));
  put8(b, imm);
}

void x64_mov_m16_imm16(x64_buf *b, x64_mem m, uint16_t imm)
{
  enc(b, 0x66, 0, 0xC7, 0, M(m));
  put16(b, imm);
}

void x64_mov_m32_imm32(x64_buf *b, x64_mem m, uint32_t imm)
{
  enc(b, 0, 0, 0xC7, 0, M(m));
  put32(b, imm);
}

void x64_mov_m64_simm32(x64_buf *b, x64_mem m, int32_t imm)
{
  enc(b, 0, F_W, 0xC7, 0, M(m));
  put32(b, (uint32_t)imm);
}

void x64_movzx_r32_m8(x64_buf *b, x64_gpr dst, x64_mem m) { enc(b, 0, 0, 0x0FB6, dst, M(m)); }
void x64_movzx_r32_m16(x64_buf *b, x64_gpr dst, x64_mem m) { enc(b, 0, 0, 0x0FB7, dst, M(m)); }
void x64_movsx_r32_m8(x64_buf *b, x64_gpr dst, x64_mem m) { enc(b, 0, 0, 0x0FBE, dst, M(m)); }
void x64_movsx_r32_m16(x64_buf *b, x64_gpr dst, x64_mem m) { enc(b, 0, 0, 0x0FBF, dst, M(m)); }
void x64_movsx_r64_m8(x64_buf *b, x64_gpr dst, x64_mem m) { enc(b, 0, F_W, 0x0FBE, dst, M(m)); }
void x64_movsx_r64_m16(x64_buf *b, x64_gpr dst, x64_mem m) { enc(b, 0, F_W, 0x0FBF, dst, M(m)); }
void x64_movsxd_r64_m32(x64_buf *b, x64_gpr dst, x64_mem m) { enc(b, 0, F_W, 0x63, dst, M(m)); }

void x64_movzx_r32_r8(x64_buf *b, x64_gpr dst, x64_gpr src)
{
  enc(b, 0, F_BYTE_RM, 0x0FB6, dst, R(src));
}

void x64_movzx_r32_r16(x64_buf *b, x64_gpr dst, x64_gpr src) { enc(b, 0, 0, 0x0FB7, dst, R(src)); }

void x64_movsx_r32_r8(x64_buf *b, x64_gpr dst, x64_gpr src)
{
  enc(b, 0, F_BYTE_RM, 0x0FBE, dst, R(src));
}

void x64_movsx_r32_r16(x64_buf *b, x64_gpr dst, x64_gpr src) { enc(b, 0, 0, 0x0FBF, dst, R(src)); }

void x64_movsx_r64_r8(x64_buf *b, x64_gpr dst, x64_gpr src)
{
  enc(b, 0, F_W | F_BYTE_RM, 0x0FBE, dst, R(src));
}

void x64_movsx_r64_r16(x64_buf *b, x64_gpr dst, x64_gpr src) { enc(b, 0, F_W, 0x0FBF, dst, R(src)); }
void x64_movsxd_r64_r32(x64_buf *b, x64_gpr dst, x64_gpr src) { enc(b, 0, F_W, 0x63, dst, R(src)); }

void x64_lea_r32_m(x64_buf *b, x64_gpr dst, x64_mem m) { enc(b, 0, 0, 0x8D, dst, M(m)); }
void x64_lea_r64_m(x64_buf *b, x64_gpr dst, x64_mem m) { enc(b, 0, F_W, 0x8D, dst, M(m)); }

/* ---- integer arithmetic ------------------------------------------------------------------- */

/* The eight classic ALU operations share one layout: 8*op+1 is "op r/m, r", 8*op+3 is
   "op r, r/m", and 81 /op id or 83 /op ib (sign-extended) the immediate forms. */
enum alu { ALU_ADD = 0, ALU_OR = 1, ALU_AND = 4, ALU_SUB = 5, ALU_XOR = 6, ALU_CMP = 7 };

static void alu_rr(x64_buf *b, enum alu op, unsigned flags, x64_gpr dst, x64_gpr src)
{
  enc(b, 0, flags, 8 * op + 1, src, R(dst));
}

static void alu_rm(x64_buf *b, enum alu op, unsigned flags, x64_gpr dst, x64_mem m)
{
  enc(b, 0, flags, 8 * op + 3, dst, M(m));
}

static void alu_ri(x64_buf *b, enum alu op, unsigned flags, x64_gpr dst, int32_t imm)
{
  if (fits8(imm)) {
    enc(b, 0, flags, 0x83, op, R(dst));
    put8(b, (uint8_t)imm);
  } else {
    enc(b, 0, flags, 0x81, op, R(dst));
    put32(b, (uint32_t)imm);
  }
}

void x64_add_r32_r32(x64_buf *b, x64_gpr dst, x64_gpr src) { alu_rr(b, ALU_ADD, 0, dst, src); }
void x64_add_r64_r64(x64_buf *b, x64_gpr dst, x64_gpr src) { alu_rr(b, ALU_ADD, F_W, dst, src); }
void x64_add_r32_imm32(x64_buf *b, x64_gpr dst, int32_t imm) { alu_ri(b, ALU_ADD, 0, dst, imm); }
void x64_add_r64_imm32(x64_buf *b, x64_gpr dst, int32_t imm) { alu_ri(b, ALU_ADD, F_W, dst, imm); }
void x64_add_r32_m32(x64_buf *b, x64_gpr dst, x64_mem m) { alu_rm(b, ALU_ADD, 0, dst, m); }
void x64_add_r64_m64(x64_buf *b, x64_gpr dst, x64_mem m) { alu_rm(b, ALU_ADD, F_W, dst, m); }
void x64_sub_r32_r32(x64_buf *b, x64_gpr dst, x64_gpr src) { alu_rr(b, ALU_SUB, 0, dst, src); }
void x64_sub_r64_r64(x64_buf *b, x64_gpr dst, x64_gpr src) { alu_rr(b, ALU_SUB, F_W, dst, src); }
void x64_sub_r32_imm32(x64_buf *b, x64_gpr dst, int32_t imm) { alu_ri(b, ALU_SUB, 0, dst, imm); }
void x64_sub_r64_imm32(x64_buf *b, x64_gpr dst, int32_t imm) { alu_ri(b, ALU_SUB, F_W, dst, imm); }
void x64_sub_r32_m32(x64_buf *b, x64_gpr dst, x64_mem m) { alu_rm(b, ALU_SUB, 0, dst, m); }
void x64_sub_r64_m64(x64_buf *b, x64_gpr dst, x64_mem m) { alu_rm(b, ALU_SUB, F_W, dst, m); }
void x64_and_r32_r32(x64_buf *b, x64_gpr dst, x64_gpr src) { alu_rr(b, ALU_AND, 0, dst, src); }
void x64_and_r64_r64(x64_buf *b, x64_gpr dst, x64_gpr src) { alu_rr(b, ALU_AND, F_W, dst, src); }
void x64_and_r32_imm32(x64_buf *b, x64_gpr dst, int32_t imm) { alu_ri(b, ALU_AND, 0, dst, imm); }
void x64_and_r64_imm32(x64_buf *b, x64_gpr dst, int32_t imm) { alu_ri(b, ALU_AND, F_W, dst, imm); }
void x64_and_r32_m32(x64_buf *b, x64_gpr dst, x64_mem m) { alu_rm(b, ALU_AND, 0, dst, m); }
void x64_and_r64_m64(x64_buf *b, x64_gpr dst, x64_mem m) { alu_rm(b, ALU_AND, F_W, dst, m); }
void x64_or_r32_r32(x64_buf *b, x64_gpr dst, x64_gpr src) { alu_rr(b, ALU_OR, 0, dst, src); }
void x64_or_r64_r64(x64_buf *b, x64_gpr dst, x64_gpr src) { alu_rr(b, ALU_OR, F_W, dst, src); }
void x64_or_r32_imm32(x64_buf *b, x64_gpr dst, int32_t imm) { alu_ri(b, ALU_OR, 0, dst, imm); }
void x64_or_r64_imm32(x64_buf *b, x64_gpr dst, int32_t imm) { alu_ri(b, ALU_OR, F_W, dst, imm); }
void x64_or_r32_m32(x64_buf *b, x64_gpr dst, x64_mem m) { alu_rm(b, ALU_OR, 0, dst, m); }
void x64_or_r64_m64(x64_buf *b, x64_gpr dst, x64_mem m) { alu_rm(b, ALU_OR, F_W, dst, m); }
void x64_xor_r32_r32(x64_buf *b, x64_gpr dst, x64_gpr src) { alu_rr(b, ALU_XOR, 0, dst, src); }
void x64_xor_r64_r64(x64_buf *b, x64_gpr dst, x64_gpr src) { alu_rr(b, ALU_XOR, F_W, dst, src); }
void x64_xor_r32_imm32(x64_buf *b, x64_gpr dst, int32_t imm) { alu_ri(b, ALU_XOR, 0, dst, imm); }
void x64_xor_r64_imm32(x64_buf *b, x64_gpr dst, int32_t imm) { alu_ri(b, ALU_XOR, F_W, dst, imm); }
void x64_xor_r32_m32(x64_buf *b, x64_gpr dst, x64_mem m) { alu_rm(b, ALU_XOR, 0, dst, m); }
void x64_xor_r64_m64(x64_buf *b, x64_gpr dst, x64_mem m) { alu_rm(b, ALU_XOR, F_W, dst, m); }
void x64_cmp_r32_r32(x64_buf *b, x64_gpr a, x64_gpr c) { alu_rr(b, ALU_CMP, 0, a, c); }
void x64_cmp_r64_r64(x64_buf *b, x64_gpr a, x64_gpr c) { alu_rr(b, ALU_CMP, F_W, a, c); }
void x64_cmp_r32_imm32(x64_buf *b, x64_gpr a, int32_t imm) { alu_ri(b, ALU_CMP, 0, a, imm); }
void x64_cmp_r64_imm32(x64_buf *b, x64_gpr a, int32_t imm) { alu_ri(b, ALU_CMP, F_W, a, imm); }
void x64_cmp_r32_m32(x64_buf *b, x64_gpr a, x64_mem m) { alu_rm(b, ALU_CMP, 0, a, m); }
void x64_cmp_r64_m64(x64_buf *b, x64_gpr a, x64_mem m) { alu_rm(b, ALU_CMP, F_W, a, m); }

void x64_test_r32_r32(x64_buf *b, x64_gpr a, x64_gpr c) { enc(b, 0, 0, 0x85, c, R(a)); }
void x64_test_r64_r64(x64_buf *b, x64_gpr a, x64_gpr c) { enc(b, 0, F_W, 0x85, c, R(a)); }
void x64_test_m32_r32(x64_buf *b, x64_mem m, x64_gpr a) { enc(b, 0, 0, 0x85, a, M(m)); }
void x64_test_m64_r64(x64_buf *b, x64_mem m, x64_gpr a) { enc(b, 0, F_W, 0x85, a, M(m)); }

void x64_test_r32_imm32(x64_buf *b, x64_gpr a, int32_t imm)
{
  enc(b, 0, 0, 0xF7, 0, R(a));
  put32(b, (uint32_t)imm);
}

void x64_test_r64_imm32(x64_buf *b, x64_gpr a, int32_t imm)
{
  enc(b, 0, F_W, 0xF7, 0, R(a));
  put32(b, (uint32_t)imm);
}

void x64_imul_r32_r32(x64_buf *b, x64_gpr dst, x64_gpr src) { enc(b, 0, 0, 0x0FAF, dst, R(src)); }
void x64_imul_r64_r64(x64_buf *b, x64_gpr dst, x64_gpr src) { enc(b, 0, F_W, 0x0FAF, dst, R(src)); }
void x64_imul_r32_m32(x64_buf *b, x64_gpr dst, x64_mem m) { enc(b, 0, 0, 0x0FAF, dst, M(m)); }
void x64_imul_r64_m64(x64_buf *b, x64_gpr dst, x64_mem m) { enc(b, 0, F_W, 0x0FAF, dst, M(m)); }

/* 6B /r ib or 69 /r id */
static void imul_rri(x64_buf *b, unsigned flags, x64_gpr dst, x64_gpr src, int32_t imm)
{
  if (fits8(imm)) {
    enc(b, 0, flags, 0x6B, dst, R(src));
    put8(b, (uint8_t)imm);
  } else {
    enc(b, 0, flags, 0x69, dst, R(src));
    put32(b, (uint32_t)imm);
  }
}

void x64_imul_r32_r32_imm32(x64_buf *b, x64_gpr dst, x64_gpr src, int32_t imm)
{
  imul_rri(b, 0, dst, src, imm);
}

void x64_imul_r64_r64_imm32(x64_buf *b, x64_gpr dst, x64_gpr src, int32_t imm)
{
  imul_rri(b, F_W, dst, src, imm);
}

void x64_cdq(x64_buf *b) { put8(b, 0x99); }

void x64_cqo(x64_buf *b)
{
  emit_rex(b, true, 0, 0, 0, false);
  put8(b, 0x99);
}

/* the F7 group: /2 not, /3 neg, /6 div, /7 idiv */
void x64_div_r32(x64_buf *b, x64_gpr src) { enc(b, 0, 0, 0xF7, 6, R(src)); }
void x64_div_r64(x64_buf *b, x64_gpr src) { enc(b, 0, F_W, 0xF7, 6, R(src)); }
void x64_idiv_r32(x64_buf *b, x64_gpr src) { enc(b, 0, 0, 0xF7, 7, R(src)); }
void x64_idiv_r64(x64_buf *b, x64_gpr src) { enc(b, 0, F_W, 0xF7, 7, R(src)); }
void x64_neg_r32(x64_buf *b, x64_gpr r) { enc(b, 0, 0, 0xF7, 3, R(r)); }
void x64_neg_r64(x64_buf *b, x64_gpr r) { enc(b, 0, F_W, 0xF7, 3, R(r)); }
void x64_not_r32(x64_buf *b, x64_gpr r) { enc(b, 0, 0, 0xF7, 2, R(r)); }
void x64_not_r64(x64_buf *b, x64_gpr r) { enc(b, 0, F_W, 0xF7, 2, R(r)); }

/* ---- shifts and rotates: D3 /op by cl, C1 /op ib by an immediate ------------------------- */

enum shift { SH_ROL = 0, SH_ROR = 1, SH_SHL = 4, SH_SHR = 5, SH_SAR = 7 };

static void shift_cl(x64_buf *b, enum shift op, unsigned flags, x64_gpr r)
{
  enc(b, 0, flags, 0xD3, op, R(r));
}

static void shift_imm(x64_buf *b, enum shift op, unsigned flags, x64_gpr r, uint8_t n)
{
  enc(b, 0, flags, 0xC1, op, R(r));
  put8(b, n);
}

void x64_shl_r32_cl(x64_buf *b, x64_gpr r) { shift_cl(b, SH_SHL, 0, r); }
void x64_shl_r64_cl(x64_buf *b, x64_gpr r) { shift_cl(b, SH_SHL, F_W, r); }
void x64_shl_r32_imm8(x64_buf *b, x64_gpr r, uint8_t n) { shift_imm(b, SH_SHL, 0, r, n); }
void x64_shl_r64_imm8(x64_buf *b, x64_gpr r, uint8_t n) { shift_imm(b, SH_SHL, F_W, r, n); }
void x64_shr_r32_cl(x64_buf *b, x64_gpr r) { shift_cl(b, SH_SHR, 0, r); }
void x64_shr_r64_cl(x64_buf *b, x64_gpr r) { shift_cl(b, SH_SHR, F_W, r); }
void x64_shr_r32_imm8(x64_buf *b, x64_gpr r, uint8_t n) { shift_imm(b, SH_SHR, 0, r, n); }
void x64_shr_r64_imm8(x64_buf *b, x64_gpr r, uint8_t n) { shift_imm(b, SH_SHR, F_W, r, n); }
void x64_sar_r32_cl(x64_buf *b, x64_gpr r) { shift_cl(b, SH_SAR, 0, r); }
void x64_sar_r64_cl(x64_buf *b, x64_gpr r) { shift_cl(b, SH_SAR, F_W, r); }
void x64_sar_r32_imm8(x64_buf *b, x64_gpr r, uint8_t n) { shift_imm(b, SH_SAR, 0, r, n); }
void x64_sar_r64_imm8(x64_buf *b, x64_gpr r, uint8_t n) { shift_imm(b, SH_SAR, F_W, r, n); }
void x64_rol_r32_cl(x64_buf *b, x64_gpr r) { shift_cl(b, SH_ROL, 0, r); }
void x64_rol_r64_cl(x64_buf *b, x64_gpr r) { shift_cl(b, SH_ROL, F_W, r); }
void x64_rol_r32_imm8(x64_buf *b, x64_gpr r, uint8_t n) { shift_imm(b, SH_ROL, 0, r, n); }
void x64_rol_r64_imm8(x64_buf *b, x64_gpr r, uint8_t n) { shift_imm(b, SH_ROL, F_W, r, n); }
void x64_ror_r32_cl(x64_buf *b, x64_gpr r) { shift_cl(b, SH_ROR, 0, r); }
void x64_ror_r64_cl(x64_buf *b, x64_gpr r) { shift_cl(b, SH_ROR, F_W, r); }
void x64_ror_r32_imm8(x64_buf *b, x64_gpr r, uint8_t n) { shift_imm(b, SH_ROR, 0, r, n); }
void x64_ror_r64_imm8(x64_buf *b, x64_gpr r, uint8_t n) { shift_imm(b, SH_ROR, F_W, r, n); }

/* ---- bit counts: lzcnt/tzcnt/popcnt are F3-prefixed; bsr/bsf share their opcodes bare ------ */

void x64_lzcnt_r32_r32(x64_buf *b, x64_gpr dst, x64_gpr src) { enc(b, 0xF3, 0, 0x0FBD, dst, R(src)); }
void x64_lzcnt_r64_r64(x64_buf *b, x64_gpr dst, x64_gpr src) { enc(b, 0xF3, F_W, 0x0FBD, dst, R(src)); }
void x64_tzcnt_r32_r32(x64_buf *b, x64_gpr dst, x64_gpr src) { enc(b, 0xF3, 0, 0x0FBC, dst, R(src)); }
void x64_tzcnt_r64_r64(x64_buf *b, x64_gpr dst, x64_gpr src) { enc(b, 0xF3, F_W, 0x0FBC, dst, R(src)); }
void x64_popcnt_r32_r32(x64_buf *b, x64_gpr dst, x64_gpr src) { enc(b, 0xF3, 0, 0x0FB8, dst, R(src)); }
void x64_popcnt_r64_r64(x64_buf *b, x64_gpr dst, x64_gpr src) { enc(b, 0xF3, F_W, 0x0FB8, dst, R(src)); }
void x64_bsr_r32_r32(x64_buf *b, x64_gpr dst, x64_gpr src) { enc(b, 0, 0, 0x0FBD, dst, R(src)); }
void x64_bsr_r64_r64(x64_buf *b, x64_gpr dst, x64_gpr src) { enc(b, 0, F_W, 0x0FBD, dst, R(src)); }
void x64_bsf_r32_r32(x64_buf *b, x64_gpr dst, x64_gpr src) { enc(b, 0, 0, 0x0FBC, dst, R(src)); }
void x64_bsf_r64_r64(x64_buf *b, x64_gpr dst, x64_gpr src) { enc(b, 0, F_W, 0x0FBC, dst, R(src)); }

/* ---- flags to values ---------------------------------------------------------------------- */

void x64_setcc_r8(x64_buf *b, x64_cc cc, x64_gpr dst)
{
  enc(b, 0, F_BYTE_RM, 0x0F90 | cc, 0, R(dst));
}

void x64_cmovcc_r32_r32(x64_buf *b, x64_cc cc, x64_gpr dst, x64_gpr src)
{
  enc(b, 0, 0, 0x0F40 | cc, dst, R(src));
}

void x64_cmovcc_r64_r64(x64_buf *b, x64_cc cc, x64_gpr dst, x64_gpr src)
{
  enc(b, 0, F_W, 0x0F40 | cc, dst, R(src));
}

/* ---- control flow ------------------------------------------------------------------------- */
/* Branches are always rel32: one size means a forward reference never needs re-layout. */

void x64_jmp_rel32(x64_buf *b, int32_t rel)
{
  put8(b, 0xE9);
  put32(b, (uint32_t)rel);
}

void x64_jcc_rel32(x64_buf *b, x64_cc cc, int32_t rel)
{
  emit_opcode(b, 0x0F80 | cc);
  put32(b, (uint32_t)rel);
}

void x64_call_rel32(x64_buf *b, int32_t rel)
{
  put8(b, 0xE8);
  put32(b, (uint32_t)rel);
}

void x64_jmp_label(x64_buf *b, x64_label_id l)
{
  put8(b, 0xE9);
  rel32_to(b, l);
}

void x64_jcc_label(x64_buf *b, x64_cc cc, x64_label_id l)
{
  emit_opcode(b, 0x0F80 | cc);
  rel32_to(b, l);
}

void x64_call_label(x64_buf *b, x64_label_id l)
{
  put8(b, 0xE8);
  rel32_to(b, l);
}

/* FF /2 call, FF /4 jmp: 64-bit operand size is the default for near branches, no REX.W */
void x64_jmp_r64(x64_buf *b, x64_gpr target) { enc(b, 0, 0, 0xFF, 4, R(target)); }
void x64_call_r64(x64_buf *b, x64_gpr target) { enc(b, 0, 0, 0xFF, 2, R(target)); }
void x64_jmp_m64(x64_buf *b, x64_mem m) { enc(b, 0, 0, 0xFF, 4, M(m)); }
void x64_call_m64(x64_buf *b, x64_mem m) { enc(b, 0, 0, 0xFF, 2, M(m)); }

void x64_call_abs(x64_buf *b, const void *fn, x64_gpr scratch)
{
  x64_mov_r64_imm64(b, scratch, (uint64_t)(uintptr_t)fn);
  x64_call_r64(b, scratch);
}

void x64_push_r64(x64_buf *b, x64_gpr r) { enc_oreg(b, 0, 0x50, r); }
void x64_pop_r64(x64_buf *b, x64_gpr r) { enc_oreg(b, 0, 0x58, r); }
void x64_ret(x64_buf *b) { put8(b, 0xC3); }
void x64_ud2(x64_buf *b) { emit_opcode(b, 0x0F0B); }
void x64_int3(x64_buf *b) { put8(b, 0xCC); }
void x64_nop(x64_buf *b) { put8(b, 0x90); }

/* ---- SSE ---------------------------------------------------------------------------------- */
/* 66 0F 6E movd/movq xmm, r/m; 66 0F 7E movd/movq r/m, xmm (the xmm is always ModRM.reg) */

void x64_movd_xmm_r32(x64_buf *b, x64_xmm dst, x64_gpr src) { enc(b, 0x66, 0, 0x0F6E, dst, R(src)); }
void x64_movq_xmm_r64(x64_buf *b, x64_xmm dst, x64_gpr src) { enc(b, 0x66, F_W, 0x0F6E, dst, R(src)); }
void x64_movd_r32_xmm(x64_buf *b, x64_gpr dst, x64_xmm src) { enc(b, 0x66, 0, 0x0F7E, src, R(dst)); }
void x64_movq_r64_xmm(x64_buf *b, x64_gpr dst, x64_xmm src) { enc(b, 0x66, F_W, 0x0F7E, src, R(dst)); }

void x64_movss_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { enc(b, 0xF3, 0, 0x0F10, dst, R(src)); }
void x64_movss_xmm_m32(x64_buf *b, x64_xmm dst, x64_mem m) { enc(b, 0xF3, 0, 0x0F10, dst, M(m)); }
void x64_movss_m32_xmm(x64_buf *b, x64_mem m, x64_xmm src) { enc(b, 0xF3, 0, 0x0F11, src, M(m)); }
void x64_movsd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { enc(b, 0xF2, 0, 0x0F10, dst, R(src)); }
void x64_movsd_xmm_m64(x64_buf *b, x64_xmm dst, x64_mem m) { enc(b, 0xF2, 0, 0x0F10, dst, M(m)); }
void x64_movsd_m64_xmm(x64_buf *b, x64_mem m, x64_xmm src) { enc(b, 0xF2, 0, 0x0F11, src, M(m)); }
void x64_movaps_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { enc(b, 0, 0, 0x0F28, dst, R(src)); }
void x64_movaps_xmm_m128(x64_buf *b, x64_xmm dst, x64_mem m) { enc(b, 0, 0, 0x0F28, dst, M(m)); }
void x64_movaps_m128_xmm(x64_buf *b, x64_mem m, x64_xmm src) { enc(b, 0, 0, 0x0F29, src, M(m)); }
void x64_movups_xmm_m128(x64_buf *b, x64_xmm dst, x64_mem m) { enc(b, 0, 0, 0x0F10, dst, M(m)); }
void x64_movups_m128_xmm(x64_buf *b, x64_mem m, x64_xmm src) { enc(b, 0, 0, 0x0F11, src, M(m)); }
void x64_movdqu_xmm_m128(x64_buf *b, x64_xmm dst, x64_mem m) { enc(b, 0xF3, 0, 0x0F6F, dst, M(m)); }
void x64_movdqu_m128_xmm(x64_buf *b, x64_mem m, x64_xmm src) { enc(b, 0xF3, 0, 0x0F7F, src, M(m)); }

/* SSE register-register forms: F3 0F op for single, F2 0F op for double, 66 or none for
   packed and the compares */
static void sse_rr(x64_buf *b, unsigned pfx, uint32_t op, x64_xmm dst, x64_xmm src)
{
  enc(b, pfx, 0, op, dst, R(src));
}

void x64_addss_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0xF3, 0x0F58, dst, src); }
void x64_addsd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0xF2, 0x0F58, dst, src); }
void x64_mulss_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0xF3, 0x0F59, dst, src); }
void x64_mulsd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0xF2, 0x0F59, dst, src); }
void x64_subss_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0xF3, 0x0F5C, dst, src); }
void x64_subsd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0xF2, 0x0F5C, dst, src); }
void x64_minss_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0xF3, 0x0F5D, dst, src); }
void x64_minsd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0xF2, 0x0F5D, dst, src); }
void x64_divss_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0xF3, 0x0F5E, dst, src); }
void x64_divsd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0xF2, 0x0F5E, dst, src); }
void x64_maxss_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0xF3, 0x0F5F, dst, src); }
void x64_maxsd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0xF2, 0x0F5F, dst, src); }
void x64_sqrtss_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0xF3, 0x0F51, dst, src); }
void x64_sqrtsd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0xF2, 0x0F51, dst, src); }
void x64_ucomiss_xmm_xmm(x64_buf *b, x64_xmm a, x64_xmm c) { sse_rr(b, 0, 0x0F2E, a, c); }
void x64_ucomisd_xmm_xmm(x64_buf *b, x64_xmm a, x64_xmm c) { sse_rr(b, 0x66, 0x0F2E, a, c); }
void x64_cvtss2sd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0xF3, 0x0F5A, dst, src); }
void x64_cvtsd2ss_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0xF2, 0x0F5A, dst, src); }
void x64_andps_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0, 0x0F54, dst, src); }
void x64_andpd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0F54, dst, src); }
void x64_andnps_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0, 0x0F55, dst, src); }
void x64_andnpd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0F55, dst, src); }
void x64_orps_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0, 0x0F56, dst, src); }
void x64_orpd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0F56, dst, src); }
void x64_xorps_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0, 0x0F57, dst, src); }
void x64_xorpd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0F57, dst, src); }

/* 66 0F 3A 0A/0B /r ib */
void x64_roundss_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src, x64_round mode)
{
  enc(b, 0x66, 0, 0x0F3A0A, dst, R(src));
  put8(b, mode);
}

void x64_roundsd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src, x64_round mode)
{
  enc(b, 0x66, 0, 0x0F3A0B, dst, R(src));
  put8(b, mode);
}

/* F3/F2 0F 2A cvtsi2ss/sd xmm, r/m (REX.W: a 64-bit source); F3/F2 0F 2C cvttss/sd2si r, xmm */
void x64_cvtsi2ss_xmm_r32(x64_buf *b, x64_xmm dst, x64_gpr src) { enc(b, 0xF3, 0, 0x0F2A, dst, R(src)); }
void x64_cvtsi2ss_xmm_r64(x64_buf *b, x64_xmm dst, x64_gpr src) { enc(b, 0xF3, F_W, 0x0F2A, dst, R(src)); }
void x64_cvtsi2sd_xmm_r32(x64_buf *b, x64_xmm dst, x64_gpr src) { enc(b, 0xF2, 0, 0x0F2A, dst, R(src)); }
void x64_cvtsi2sd_xmm_r64(x64_buf *b, x64_xmm dst, x64_gpr src) { enc(b, 0xF2, F_W, 0x0F2A, dst, R(src)); }
void x64_cvttss2si_r32_xmm(x64_buf *b, x64_gpr dst, x64_xmm src) { enc(b, 0xF3, 0, 0x0F2C, dst, R(src)); }
void x64_cvttss2si_r64_xmm(x64_buf *b, x64_gpr dst, x64_xmm src) { enc(b, 0xF3, F_W, 0x0F2C, dst, R(src)); }
void x64_cvttsd2si_r32_xmm(x64_buf *b, x64_gpr dst, x64_xmm src) { enc(b, 0xF2, 0, 0x0F2C, dst, R(src)); }
void x64_cvttsd2si_r64_xmm(x64_buf *b, x64_gpr dst, x64_xmm src) { enc(b, 0xF2, F_W, 0x0F2C, dst, R(src)); }
