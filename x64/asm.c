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

void x64_buf_init_external(x64_buf *b, uint8_t *mem, size_t cap)
{
  memset(b, 0, sizeof *b);
  b->code = mem;
  b->cap = cap;
  b->external = true;
}

void x64_buf_free(x64_buf *b)
{
  if (!b->external)
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
static __attribute__((noinline)) bool grow(x64_buf *b, size_t n)
{
  size_t cap = b->cap ? b->cap * 2 : 4096;
  while (cap < b->len + n)
    cap *= 2;
  uint8_t *p = cap <= INT32_MAX ? (b->external ? malloc(cap) : realloc(b->code, cap)) : NULL;
  if (!p) {
    b->failed = true;
    return false;
  }
  if (b->external) { /* out of the caller's memory: continue on the heap */
    memcpy(p, b->code, b->len);
    b->external = false;
  }
  b->code = p;
  b->cap = cap;
  return true;
}

static inline bool reserve(x64_buf *b, size_t n)
{
  return b->len + n <= b->cap || grow(b, n);
}

void x64_buf_reserve(x64_buf *b, size_t n)
{
  reserve(b, n);
}

/* every byte goes through here: inlined, one compare on the common path (compile speed is the
   baseline tier's headline figure) */
static inline void put8(x64_buf *b, unsigned v)
{
  if (__builtin_expect(b->len < b->cap, 1) || grow(b, 1))
    b->code[b->len++] = (uint8_t)v;
}

/* Little-endian, as every x86 immediate and displacement: one room check, then the bytes
   (which the compiler writes as one store). */
static inline void put_le(x64_buf *b, uint64_t v, unsigned n)
{
  if (__builtin_expect(b->len + n <= b->cap, 1) || grow(b, n)) {
    uint8_t *p = b->code + b->len;
    for (unsigned i = 0; i < n; i++)
      p[i] = (uint8_t)(v >> (8 * i));
    b->len += n;
  }
}

static inline void put16(x64_buf *b, uint16_t v) { put_le(b, v, 2); }
static inline void put32(x64_buf *b, uint32_t v) { put_le(b, v, 4); }
static inline void put64(x64_buf *b, uint64_t v) { put_le(b, v, 8); }

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

void x64_align(x64_buf *b, unsigned n)
{
  /* a failed put8 leaves len alone: stop rather than loop */
  while (n > 1 && b->len % n != 0 && !b->failed)
    put8(b, 0xCC);
}

void x64_emit_u32(x64_buf *b, uint32_t v) { put32(b, v); }
void x64_emit_u64(x64_buf *b, uint64_t v) { put64(b, v); }

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
   instruction with it: branches, and lea's rip-relative displacement, which the CPU also takes
   from the end of the instruction). An unbound label's field holds the previous link of its
   chain. */
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
 * Every legacy-encoded instruction with a ModRM byte goes through enc(), every VEX-encoded one
 * through enc_vex() (below); opcode-plus-register forms (push, pop, mov r, imm) go through
 * enc_oreg(). Both ModRM builders share emit_modrm(). Layout (Intel SDM vol. 2, 2.1):
 *   [66|F2|F3] [REX] opcode(1-3 bytes) ModRM [SIB] [disp8|disp32]   then the caller's immediate
 * The mandatory prefix must come before REX, and REX must come right before the opcode.
 */

enum {
  F_W = 1,         /* REX.W or VEX.W: 64-bit operand size (or the opcode's W1 variant) */
  F_BYTE_REG = 2,  /* ModRM.reg names a byte register: spl, bpl, sil, dil need a REX */
  F_BYTE_RM = 4,   /* ModRM.rm, when a register, names a byte register */
  F_L = 8,         /* VEX.L: 256-bit ymm operands (no form uses it yet) */
};

/* An r/m operand: a register (general or xmm, by encoding number), memory, or rip-relative
   memory whose disp32 the caller writes next (rel32_to), as the instruction's last field. */
typedef struct rm {
  bool mem, rip;
  unsigned reg;
  x64_mem m;
} rm;

static rm R(unsigned reg) { return (rm){ .reg = reg }; }
static rm M(x64_mem m) { return (rm){ .mem = true, .m = m }; }
static rm RIP(void) { return (rm){ .mem = true, .rip = true }; }

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

/* ModRM, SIB and displacement at p; returns the new end.  An operand the hardware cannot express
   fails the buffer instead of asserting, so a compiler bug costs a failed compile (the function
   stays on the interpreter), not wrong code in a release build. */
static inline __attribute__((always_inline)) uint8_t *put_modrm(x64_buf *b, uint8_t *p, unsigned reg, const rm *o)
{
  if (!o->mem) {
    *p++ = (uint8_t)(0xC0 | (reg & 7) << 3 | (o->reg & 7));
    return p;
  }
  if (o->rip) {   /* mod 00, rm 101: [rip + disp32], no SIB; the caller writes the rel32 */
    *p++ = (uint8_t)((reg & 7) << 3 | 5);
    return p;
  }
  x64_mem m = o->m;
  int scale = scale_bits(m.scale);
  if (m.base == X64_NOREG || m.index == X64_RSP || (m.index != X64_NOREG && scale < 0)) {
    b->failed = true;
    return p;
  }
  unsigned base = m.base & 7;
  /* rm = 100 means "a SIB byte follows", so rsp and r12 as bases need one */
  bool sib = m.index != X64_NOREG || base == 4;
  /* mod = 00 with base 101 means rip-relative (or no base with a SIB), so rbp and r13 take an
     explicit disp8 of 0 */
  unsigned mod = m.disp == 0 && base != 5 ? 0 : m.disp >= -128 && m.disp <= 127 ? 1 : 2;
  *p++ = (uint8_t)(mod << 6 | (reg & 7) << 3 | (sib ? 4 : base));
  if (sib) {
    unsigned index = m.index == X64_NOREG ? 4 : (m.index & 7);  /* 100 without REX.X: none */
    *p++ = (uint8_t)((unsigned)(scale < 0 ? 0 : scale) << 6 | index << 3 | base);
  }
  if (mod == 1) {
    *p++ = (uint8_t)m.disp;
  } else if (mod == 2) {
    uint32_t d = (uint32_t)m.disp;
    memcpy(p, &d, 4);
    p += 4;
  }
  return p;
}

static void emit_modrm(x64_buf *b, unsigned reg, rm o)
{
  if (!reserve(b, 8))
    return;
  b->len = (size_t)(put_modrm(b, b->code + b->len, reg, &o) - b->code);
}

/* Inlined into every form, so each form is straight-line code for its own prefix and opcode
   (compile speed: the baseline tier emits about a million instructions per 2 MB of wasm). */
static inline __attribute__((always_inline)) void enc(x64_buf *b, unsigned pfx, unsigned flags, uint32_t op,
                                                      unsigned reg, rm o)
{
  unsigned x = 0, base;
  bool force = needs_empty_rex(flags, F_BYTE_REG, reg);
  if (o.rip) {
    base = 0;
  } else if (o.mem) {
    base = (unsigned)o.m.base;
    x = o.m.index == X64_NOREG ? 0 : (unsigned)o.m.index;
  } else {
    base = o.reg;
    force |= needs_empty_rex(flags, F_BYTE_RM, o.reg);
  }
  if (!reserve(b, 16))   /* the longest instruction is 15 bytes */
    return;
  uint8_t *p = b->code + b->len;
  if (pfx)
    *p++ = (uint8_t)pfx;
  unsigned rex = (flags & F_W ? 8 : 0) | ((reg >> 3) & 1) << 2 | ((x >> 3) & 1) << 1 | ((base >> 3) & 1);
  if (rex || force)
    *p++ = (uint8_t)(0x40 | rex);
  if (op > 0xFFFF)
    *p++ = (uint8_t)(op >> 16);
  if (op > 0xFF)
    *p++ = (uint8_t)((op >> 8) & 0xFF);
  *p++ = (uint8_t)(op & 0xFF);
  b->len = (size_t)(put_modrm(b, p, reg, &o) - b->code);
}

/* opcode + register in the low 3 bits, the fourth bit in REX.B */
static void enc_oreg(x64_buf *b, unsigned flags, unsigned op, unsigned reg)
{
  emit_rex(b, flags & F_W, 0, 0, reg, false);
  put8(b, op + (reg & 7));
}

/*
 * VEX-encoded instructions (AVX, AVX2, BMI2; Intel SDM vol. 2, 2.3). The VEX prefix replaces
 * the mandatory prefix, REX and the 0F/0F38/0F3A escape, and adds a second source register:
 *   C4 [R X B m-mmmm] [W vvvv L pp] opcode ModRM [SIB] [disp]    three-byte form
 *   C5 [R vvvv L pp] opcode ModRM [SIB] [disp]                   two-byte form
 * R, X, B and vvvv are stored inverted (so an unused vvvv, register 0, is 1111 as required);
 * pp is the implied 66/F3/F2, m-mmmm the escape (1: 0F, 2: 0F38, 3: 0F3A). The two-byte form is
 * only possible for the 0F map with W, X and B all zero, and is what assemblers choose then.
 * pfx and op are written as for enc(): 0x66 and 0x0F38F7 mean VEX.66.0F38 F7.
 */
static void enc_vex(x64_buf *b, unsigned pfx, unsigned flags, uint32_t op, unsigned reg, unsigned vvvv,
                    rm o)
{
  unsigned x = 0, base = o.mem ? 0 : o.reg;
  if (o.mem && !o.rip) {
    base = (unsigned)o.m.base;
    x = o.m.index == X64_NOREG ? 0 : (unsigned)o.m.index;
  }
  unsigned map = op >> 8 == 0x0F ? 1 : op >> 8 == 0x0F38 ? 2 : op >> 8 == 0x0F3A ? 3 : 0;
  unsigned pp = pfx == 0x66 ? 1 : pfx == 0xF3 ? 2 : pfx == 0xF2 ? 3 : 0;
  if (!map || (pfx && !pp)) {   /* not a VEX opcode: an encoder bug, refused like a bad operand */
    b->failed = true;
    return;
  }
  unsigned r = (reg >> 3 & 1) ^ 1, xb = (x >> 3 & 1) ^ 1, bb = (base >> 3 & 1) ^ 1;
  unsigned w = flags & F_W ? 1 : 0, l = flags & F_L ? 1 : 0, v = ~vvvv & 15;
  if (map == 1 && !w && xb && bb) {
    put8(b, 0xC5);
    put8(b, r << 7 | v << 3 | l << 2 | pp);
  } else {
    put8(b, 0xC4);
    put8(b, r << 7 | xb << 6 | bb << 5 | map);
    put8(b, w << 7 | v << 3 | l << 2 | pp);
  }
  put8(b, op & 0xFF);
  emit_modrm(b, reg, o);
}

static bool fits8(int32_t v)
{
  return v >= -128 && v <= 127;
}

/* ---- moves -------------------------------------------------------------------------------- */

void x64_mov_r32_r32(x64_buf *b, x64_gpr dst, x64_gpr src) { enc(b, 0, 0, 0x89, src, R(dst)); }
void x64_mov_r64_r64(x64_buf *b, x64_gpr dst, x64_gpr src) { enc(b, 0, F_W, 0x89, src, R(dst)); }
/* REX.W 87 /r; the assemblers put dst in ModRM.reg (either way is the same exchange) */
void x64_xchg_r64_r64(x64_buf *b, x64_gpr dst, x64_gpr src) { enc(b, 0, F_W, 0x87, dst, R(src)); }

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

void x64_lea_r64_label(x64_buf *b, x64_gpr dst, x64_label_id l)
{
  enc(b, 0, F_W, 0x8D, dst, RIP());
  rel32_to(b, l);
}

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

static void alu_mi(x64_buf *b, enum alu op, unsigned flags, x64_mem m, int32_t imm)
{
  if (fits8(imm)) {
    enc(b, 0, flags, 0x83, op, M(m));
    put8(b, (uint8_t)imm);
  } else {
    enc(b, 0, flags, 0x81, op, M(m));
    put32(b, (uint32_t)imm);
  }
}

static void alu_mr(x64_buf *b, enum alu op, unsigned flags, x64_mem m, x64_gpr src)
{
  enc(b, 0, flags, 8 * op + 1, src, M(m));
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
void x64_add_m64_imm32(x64_buf *b, x64_mem m, int32_t imm) { alu_mi(b, ALU_ADD, F_W, m, imm); }
void x64_sub_m32_imm32(x64_buf *b, x64_mem m, int32_t imm) { alu_mi(b, ALU_SUB, 0, m, imm); }
void x64_cmp_m32_imm32(x64_buf *b, x64_mem m, int32_t imm) { alu_mi(b, ALU_CMP, 0, m, imm); }
void x64_cmp_m64_imm32(x64_buf *b, x64_mem m, int32_t imm) { alu_mi(b, ALU_CMP, F_W, m, imm); }
void x64_cmp_m64_r64(x64_buf *b, x64_mem m, x64_gpr c) { alu_mr(b, ALU_CMP, F_W, m, c); }

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

/* ---- BMI2 (VEX): shlx/shrx/sarx 66/F2/F3.0F38 F7, the count in vvvv; rorx F2.0F3A F0 ------ */

static void bmi2_shift(x64_buf *b, unsigned pfx, unsigned flags, x64_gpr dst, x64_gpr src, x64_gpr count)
{
  enc_vex(b, pfx, flags, 0x0F38F7, dst, count, R(src));
}

static void bmi2_rorx(x64_buf *b, unsigned flags, x64_gpr dst, x64_gpr src, uint8_t n)
{
  enc_vex(b, 0xF2, flags, 0x0F3AF0, dst, 0, R(src));
  put8(b, n);
}

void x64_shlx_r32_r32_r32(x64_buf *b, x64_gpr dst, x64_gpr src, x64_gpr count)
{
  bmi2_shift(b, 0x66, 0, dst, src, count);
}

void x64_shlx_r64_r64_r64(x64_buf *b, x64_gpr dst, x64_gpr src, x64_gpr count)
{
  bmi2_shift(b, 0x66, F_W, dst, src, count);
}

void x64_shrx_r32_r32_r32(x64_buf *b, x64_gpr dst, x64_gpr src, x64_gpr count)
{
  bmi2_shift(b, 0xF2, 0, dst, src, count);
}

void x64_shrx_r64_r64_r64(x64_buf *b, x64_gpr dst, x64_gpr src, x64_gpr count)
{
  bmi2_shift(b, 0xF2, F_W, dst, src, count);
}

void x64_sarx_r32_r32_r32(x64_buf *b, x64_gpr dst, x64_gpr src, x64_gpr count)
{
  bmi2_shift(b, 0xF3, 0, dst, src, count);
}

void x64_sarx_r64_r64_r64(x64_buf *b, x64_gpr dst, x64_gpr src, x64_gpr count)
{
  bmi2_shift(b, 0xF3, F_W, dst, src, count);
}

void x64_rorx_r32_r32_imm8(x64_buf *b, x64_gpr dst, x64_gpr src, uint8_t n) { bmi2_rorx(b, 0, dst, src, n); }
void x64_rorx_r64_r64_imm8(x64_buf *b, x64_gpr dst, x64_gpr src, uint8_t n) { bmi2_rorx(b, F_W, dst, src, n); }

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

void x64_cmovcc_r32_m32(x64_buf *b, x64_cc cc, x64_gpr dst, x64_mem m)
{
  enc(b, 0, 0, 0x0F40 | cc, dst, M(m));
}

void x64_cmovcc_r64_m64(x64_buf *b, x64_cc cc, x64_gpr dst, x64_mem m)
{
  enc(b, 0, F_W, 0x0F40 | cc, dst, M(m));
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

/* ---- SSE: scalar loads and memory sources, masks, float compares -------------------------- */
/* the same layouts with memory as the r/m operand */
static void sse_rm(x64_buf *b, unsigned pfx, uint32_t op, x64_xmm dst, x64_mem m)
{
  enc(b, pfx, 0, op, dst, M(m));
}

/* an imm8 after the ModRM: shuffle control, blend mask, compare predicate, rounding mode */
static void sse_rri(x64_buf *b, unsigned pfx, uint32_t op, x64_xmm dst, x64_xmm src, uint8_t imm)
{
  enc(b, pfx, 0, op, dst, R(src));
  put8(b, imm);
}

/* movdqa 66 0F 6F; movq xmm, xmm/m64 is F3 0F 7E and movq m64, xmm 66 0F D6 (66 REX.W 0F 6E/7E
   are the general-register movq forms above) */
void x64_movdqa_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0F6F, dst, src); }
void x64_movq_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0xF3, 0x0F7E, dst, src); }
void x64_movd_xmm_m32(x64_buf *b, x64_xmm dst, x64_mem m) { sse_rm(b, 0x66, 0x0F6E, dst, m); }
void x64_movq_xmm_m64(x64_buf *b, x64_xmm dst, x64_mem m) { sse_rm(b, 0xF3, 0x0F7E, dst, m); }
void x64_movq_m64_xmm(x64_buf *b, x64_mem m, x64_xmm src) { enc(b, 0x66, 0, 0x0FD6, src, M(m)); }

void x64_addss_xmm_m32(x64_buf *b, x64_xmm dst, x64_mem m) { sse_rm(b, 0xF3, 0x0F58, dst, m); }
void x64_addsd_xmm_m64(x64_buf *b, x64_xmm dst, x64_mem m) { sse_rm(b, 0xF2, 0x0F58, dst, m); }
void x64_subss_xmm_m32(x64_buf *b, x64_xmm dst, x64_mem m) { sse_rm(b, 0xF3, 0x0F5C, dst, m); }
void x64_subsd_xmm_m64(x64_buf *b, x64_xmm dst, x64_mem m) { sse_rm(b, 0xF2, 0x0F5C, dst, m); }
void x64_mulss_xmm_m32(x64_buf *b, x64_xmm dst, x64_mem m) { sse_rm(b, 0xF3, 0x0F59, dst, m); }
void x64_mulsd_xmm_m64(x64_buf *b, x64_xmm dst, x64_mem m) { sse_rm(b, 0xF2, 0x0F59, dst, m); }
void x64_divss_xmm_m32(x64_buf *b, x64_xmm dst, x64_mem m) { sse_rm(b, 0xF3, 0x0F5E, dst, m); }
void x64_divsd_xmm_m64(x64_buf *b, x64_xmm dst, x64_mem m) { sse_rm(b, 0xF2, 0x0F5E, dst, m); }
void x64_ucomiss_xmm_m32(x64_buf *b, x64_xmm a, x64_mem m) { sse_rm(b, 0, 0x0F2E, a, m); }
void x64_ucomisd_xmm_m64(x64_buf *b, x64_xmm a, x64_mem m) { sse_rm(b, 0x66, 0x0F2E, a, m); }

void x64_andps_xmm_m128(x64_buf *b, x64_xmm dst, x64_mem m) { sse_rm(b, 0, 0x0F54, dst, m); }
void x64_andpd_xmm_m128(x64_buf *b, x64_xmm dst, x64_mem m) { sse_rm(b, 0x66, 0x0F54, dst, m); }
void x64_andnps_xmm_m128(x64_buf *b, x64_xmm dst, x64_mem m) { sse_rm(b, 0, 0x0F55, dst, m); }
void x64_orps_xmm_m128(x64_buf *b, x64_xmm dst, x64_mem m) { sse_rm(b, 0, 0x0F56, dst, m); }
void x64_xorps_xmm_m128(x64_buf *b, x64_xmm dst, x64_mem m) { sse_rm(b, 0, 0x0F57, dst, m); }
void x64_xorpd_xmm_m128(x64_buf *b, x64_xmm dst, x64_mem m) { sse_rm(b, 0x66, 0x0F57, dst, m); }

/* 0F C2 /r ib, the predicate in the immediate */
void x64_cmpps_xmm_xmm_imm8(x64_buf *b, x64_xmm dst, x64_xmm src, x64_fcmp pred)
{
  sse_rri(b, 0, 0x0FC2, dst, src, pred);
}

void x64_cmppd_xmm_xmm_imm8(x64_buf *b, x64_xmm dst, x64_xmm src, x64_fcmp pred)
{
  sse_rri(b, 0x66, 0x0FC2, dst, src, pred);
}

void x64_cmpss_xmm_xmm_imm8(x64_buf *b, x64_xmm dst, x64_xmm src, x64_fcmp pred)
{
  sse_rri(b, 0xF3, 0x0FC2, dst, src, pred);
}

void x64_cmpsd_xmm_xmm_imm8(x64_buf *b, x64_xmm dst, x64_xmm src, x64_fcmp pred)
{
  sse_rri(b, 0xF2, 0x0FC2, dst, src, pred);
}

/* ---- SSE packed float: none/66 for ps/pd, 66 0F 3A for the SSE4.1 round/blend forms ------- */
void x64_addps_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0, 0x0F58, dst, src); }
void x64_addpd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0F58, dst, src); }
void x64_subps_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0, 0x0F5C, dst, src); }
void x64_subpd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0F5C, dst, src); }
void x64_mulps_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0, 0x0F59, dst, src); }
void x64_mulpd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0F59, dst, src); }
void x64_divps_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0, 0x0F5E, dst, src); }
void x64_divpd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0F5E, dst, src); }
void x64_sqrtps_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0, 0x0F51, dst, src); }
void x64_sqrtpd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0F51, dst, src); }
void x64_minps_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0, 0x0F5D, dst, src); }
void x64_minpd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0F5D, dst, src); }
void x64_maxps_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0, 0x0F5F, dst, src); }
void x64_maxpd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0F5F, dst, src); }

void x64_roundps_xmm_xmm_imm8(x64_buf *b, x64_xmm dst, x64_xmm src, x64_round mode)
{
  sse_rri(b, 0x66, 0x0F3A08, dst, src, mode);
}

void x64_roundpd_xmm_xmm_imm8(x64_buf *b, x64_xmm dst, x64_xmm src, x64_round mode)
{
  sse_rri(b, 0x66, 0x0F3A09, dst, src, mode);
}

void x64_cvtdq2ps_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0, 0x0F5B, dst, src); }
void x64_cvttps2dq_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0xF3, 0x0F5B, dst, src); }
void x64_cvtps2pd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0, 0x0F5A, dst, src); }
void x64_cvtpd2ps_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0F5A, dst, src); }
void x64_cvtdq2pd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0xF3, 0x0FE6, dst, src); }
void x64_cvttpd2dq_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0FE6, dst, src); }
void x64_unpcklps_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0, 0x0F14, dst, src); }
void x64_unpckhps_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0, 0x0F15, dst, src); }
void x64_unpcklpd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0F14, dst, src); }
void x64_unpckhpd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0F15, dst, src); }
void x64_movlhps_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0, 0x0F16, dst, src); }
void x64_movhlps_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0, 0x0F12, dst, src); }
void x64_movddup_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0xF2, 0x0F12, dst, src); }
void x64_movddup_xmm_m64(x64_buf *b, x64_xmm dst, x64_mem m) { sse_rm(b, 0xF2, 0x0F12, dst, m); }

void x64_shufps_xmm_xmm_imm8(x64_buf *b, x64_xmm dst, x64_xmm src, uint8_t imm)
{
  sse_rri(b, 0, 0x0FC6, dst, src, imm);
}

void x64_shufpd_xmm_xmm_imm8(x64_buf *b, x64_xmm dst, x64_xmm src, uint8_t imm)
{
  sse_rri(b, 0x66, 0x0FC6, dst, src, imm);
}

void x64_blendps_xmm_xmm_imm8(x64_buf *b, x64_xmm dst, x64_xmm src, uint8_t mask)
{
  sse_rri(b, 0x66, 0x0F3A0C, dst, src, mask);
}

void x64_blendpd_xmm_xmm_imm8(x64_buf *b, x64_xmm dst, x64_xmm src, uint8_t mask)
{
  sse_rri(b, 0x66, 0x0F3A0D, dst, src, mask);
}

/* blendvps/blendvpd (66 0F 38 14/15) read their mask from xmm0, which no operand names */
void x64_blendvps_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0F3814, dst, src); }
void x64_blendvpd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0F3815, dst, src); }

void x64_insertps_xmm_xmm_imm8(x64_buf *b, x64_xmm dst, x64_xmm src, uint8_t imm)
{
  sse_rri(b, 0x66, 0x0F3A21, dst, src, imm);
}

/* ---- SSE packed integer: 66 0F, 66 0F 38 (SSSE3, SSE4.x), 66 0F 3A with an imm8 ----------- */
void x64_paddb_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0FFC, dst, src); }
void x64_paddw_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0FFD, dst, src); }
void x64_paddd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0FFE, dst, src); }
void x64_paddq_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0FD4, dst, src); }
void x64_psubb_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0FF8, dst, src); }
void x64_psubw_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0FF9, dst, src); }
void x64_psubd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0FFA, dst, src); }
void x64_psubq_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0FFB, dst, src); }
void x64_pmullw_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0FD5, dst, src); }
void x64_pmulld_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0F3840, dst, src); }
void x64_pmuludq_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0FF4, dst, src); }
void x64_pmuldq_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0F3828, dst, src); }
void x64_pmulhw_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0FE5, dst, src); }
void x64_pmulhuw_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0FE4, dst, src); }
void x64_pmulhrsw_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0F380B, dst, src); }
void x64_pmaddwd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0FF5, dst, src); }
void x64_pmaddubsw_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0F3804, dst, src); }
void x64_paddsb_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0FEC, dst, src); }
void x64_paddsw_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0FED, dst, src); }
void x64_paddusb_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0FDC, dst, src); }
void x64_paddusw_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0FDD, dst, src); }
void x64_psubsb_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0FE8, dst, src); }
void x64_psubsw_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0FE9, dst, src); }
void x64_psubusb_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0FD8, dst, src); }
void x64_psubusw_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0FD9, dst, src); }
void x64_pminsb_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0F3838, dst, src); }
void x64_pminsw_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0FEA, dst, src); }
void x64_pminsd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0F3839, dst, src); }
void x64_pminub_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0FDA, dst, src); }
void x64_pminuw_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0F383A, dst, src); }
void x64_pminud_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0F383B, dst, src); }
void x64_pmaxsb_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0F383C, dst, src); }
void x64_pmaxsw_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0FEE, dst, src); }
void x64_pmaxsd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0F383D, dst, src); }
void x64_pmaxub_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0FDE, dst, src); }
void x64_pmaxuw_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0F383E, dst, src); }
void x64_pmaxud_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0F383F, dst, src); }
void x64_pavgb_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0FE0, dst, src); }
void x64_pavgw_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0FE3, dst, src); }
void x64_pabsb_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0F381C, dst, src); }
void x64_pabsw_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0F381D, dst, src); }
void x64_pabsd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0F381E, dst, src); }
void x64_pand_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0FDB, dst, src); }
void x64_pandn_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0FDF, dst, src); }
void x64_por_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0FEB, dst, src); }
void x64_pxor_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0FEF, dst, src); }
void x64_pcmpeqb_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0F74, dst, src); }
void x64_pcmpeqw_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0F75, dst, src); }
void x64_pcmpeqd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0F76, dst, src); }
void x64_pcmpeqq_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0F3829, dst, src); }
void x64_pcmpgtb_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0F64, dst, src); }
void x64_pcmpgtw_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0F65, dst, src); }
void x64_pcmpgtd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0F66, dst, src); }
void x64_pcmpgtq_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0F3837, dst, src); }
void x64_ptest_xmm_xmm(x64_buf *b, x64_xmm a, x64_xmm c) { sse_rr(b, 0x66, 0x0F3817, a, c); }
void x64_pand_xmm_m128(x64_buf *b, x64_xmm dst, x64_mem m) { sse_rm(b, 0x66, 0x0FDB, dst, m); }
void x64_pandn_xmm_m128(x64_buf *b, x64_xmm dst, x64_mem m) { sse_rm(b, 0x66, 0x0FDF, dst, m); }
void x64_por_xmm_m128(x64_buf *b, x64_xmm dst, x64_mem m) { sse_rm(b, 0x66, 0x0FEB, dst, m); }
void x64_pxor_xmm_m128(x64_buf *b, x64_xmm dst, x64_mem m) { sse_rm(b, 0x66, 0x0FEF, dst, m); }
void x64_pcmpeqb_xmm_m128(x64_buf *b, x64_xmm dst, x64_mem m) { sse_rm(b, 0x66, 0x0F74, dst, m); }
void x64_paddd_xmm_m128(x64_buf *b, x64_xmm dst, x64_mem m) { sse_rm(b, 0x66, 0x0FFE, dst, m); }
void x64_psubd_xmm_m128(x64_buf *b, x64_xmm dst, x64_mem m) { sse_rm(b, 0x66, 0x0FFA, dst, m); }
void x64_pmulld_xmm_m128(x64_buf *b, x64_xmm dst, x64_mem m) { sse_rm(b, 0x66, 0x0F3840, dst, m); }
void x64_pminsw_xmm_m128(x64_buf *b, x64_xmm dst, x64_mem m) { sse_rm(b, 0x66, 0x0FEA, dst, m); }
void x64_pshufb_xmm_m128(x64_buf *b, x64_xmm dst, x64_mem m) { sse_rm(b, 0x66, 0x0F3800, dst, m); }
void x64_packsswb_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0F63, dst, src); }
void x64_packssdw_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0F6B, dst, src); }
void x64_packuswb_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0F67, dst, src); }
void x64_packusdw_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0F382B, dst, src); }
void x64_punpcklbw_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0F60, dst, src); }
void x64_punpcklwd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0F61, dst, src); }
void x64_punpckldq_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0F62, dst, src); }
void x64_punpcklqdq_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0F6C, dst, src); }
void x64_punpckhbw_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0F68, dst, src); }
void x64_punpckhwd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0F69, dst, src); }
void x64_punpckhdq_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0F6A, dst, src); }
void x64_punpckhqdq_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0F6D, dst, src); }
void x64_pmovsxbw_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0F3820, dst, src); }
void x64_pmovsxwd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0F3823, dst, src); }
void x64_pmovsxdq_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0F3825, dst, src); }
void x64_pmovzxbw_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0F3830, dst, src); }
void x64_pmovzxwd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0F3833, dst, src); }
void x64_pmovzxdq_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0F3835, dst, src); }
void x64_pmovsxbw_xmm_m64(x64_buf *b, x64_xmm dst, x64_mem m) { sse_rm(b, 0x66, 0x0F3820, dst, m); }
void x64_pmovsxwd_xmm_m64(x64_buf *b, x64_xmm dst, x64_mem m) { sse_rm(b, 0x66, 0x0F3823, dst, m); }
void x64_pmovsxdq_xmm_m64(x64_buf *b, x64_xmm dst, x64_mem m) { sse_rm(b, 0x66, 0x0F3825, dst, m); }
void x64_pmovzxbw_xmm_m64(x64_buf *b, x64_xmm dst, x64_mem m) { sse_rm(b, 0x66, 0x0F3830, dst, m); }
void x64_pmovzxwd_xmm_m64(x64_buf *b, x64_xmm dst, x64_mem m) { sse_rm(b, 0x66, 0x0F3833, dst, m); }
void x64_pmovzxdq_xmm_m64(x64_buf *b, x64_xmm dst, x64_mem m) { sse_rm(b, 0x66, 0x0F3835, dst, m); }
void x64_pshufb_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0F3800, dst, src); }

void x64_pshufd_xmm_xmm_imm8(x64_buf *b, x64_xmm dst, x64_xmm src, uint8_t imm)
{
  sse_rri(b, 0x66, 0x0F70, dst, src, imm);
}

void x64_pshuflw_xmm_xmm_imm8(x64_buf *b, x64_xmm dst, x64_xmm src, uint8_t imm)
{
  sse_rri(b, 0xF2, 0x0F70, dst, src, imm);
}

void x64_pshufhw_xmm_xmm_imm8(x64_buf *b, x64_xmm dst, x64_xmm src, uint8_t imm)
{
  sse_rri(b, 0xF3, 0x0F70, dst, src, imm);
}

void x64_palignr_xmm_xmm_imm8(x64_buf *b, x64_xmm dst, x64_xmm src, uint8_t imm)
{
  sse_rri(b, 0x66, 0x0F3A0F, dst, src, imm);
}

void x64_pblendw_xmm_xmm_imm8(x64_buf *b, x64_xmm dst, x64_xmm src, uint8_t mask)
{
  sse_rri(b, 0x66, 0x0F3A0E, dst, src, mask);
}

/* pblendvb (66 0F 38 10) reads its mask from xmm0, which no operand names */
void x64_pblendvb_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0F3810, dst, src); }

/* ---- SSE packed shifts: 66 0F 71/72/73 /digit ib by an immediate, 66 0F D1-F3 by xmm ------ */
/* the shifted register is ModRM.rm and the digit ModRM.reg: /2 psrl, /4 psra, /6 psll, and in
   73 also /3 psrldq, /7 pslldq */
static void sse_shift_imm(x64_buf *b, uint32_t op, unsigned digit, x64_xmm r, uint8_t n)
{
  enc(b, 0x66, 0, op, digit, R(r));
  put8(b, n);
}

void x64_psllw_xmm_imm8(x64_buf *b, x64_xmm r, uint8_t n) { sse_shift_imm(b, 0x0F71, 6, r, n); }
void x64_pslld_xmm_imm8(x64_buf *b, x64_xmm r, uint8_t n) { sse_shift_imm(b, 0x0F72, 6, r, n); }
void x64_psllq_xmm_imm8(x64_buf *b, x64_xmm r, uint8_t n) { sse_shift_imm(b, 0x0F73, 6, r, n); }
void x64_psrlw_xmm_imm8(x64_buf *b, x64_xmm r, uint8_t n) { sse_shift_imm(b, 0x0F71, 2, r, n); }
void x64_psrld_xmm_imm8(x64_buf *b, x64_xmm r, uint8_t n) { sse_shift_imm(b, 0x0F72, 2, r, n); }
void x64_psrlq_xmm_imm8(x64_buf *b, x64_xmm r, uint8_t n) { sse_shift_imm(b, 0x0F73, 2, r, n); }
void x64_psraw_xmm_imm8(x64_buf *b, x64_xmm r, uint8_t n) { sse_shift_imm(b, 0x0F71, 4, r, n); }
void x64_psrad_xmm_imm8(x64_buf *b, x64_xmm r, uint8_t n) { sse_shift_imm(b, 0x0F72, 4, r, n); }
void x64_pslldq_xmm_imm8(x64_buf *b, x64_xmm r, uint8_t n) { sse_shift_imm(b, 0x0F73, 7, r, n); }
void x64_psrldq_xmm_imm8(x64_buf *b, x64_xmm r, uint8_t n) { sse_shift_imm(b, 0x0F73, 3, r, n); }
void x64_psllw_xmm_xmm(x64_buf *b, x64_xmm r, x64_xmm count) { sse_rr(b, 0x66, 0x0FF1, r, count); }
void x64_pslld_xmm_xmm(x64_buf *b, x64_xmm r, x64_xmm count) { sse_rr(b, 0x66, 0x0FF2, r, count); }
void x64_psllq_xmm_xmm(x64_buf *b, x64_xmm r, x64_xmm count) { sse_rr(b, 0x66, 0x0FF3, r, count); }
void x64_psrlw_xmm_xmm(x64_buf *b, x64_xmm r, x64_xmm count) { sse_rr(b, 0x66, 0x0FD1, r, count); }
void x64_psrld_xmm_xmm(x64_buf *b, x64_xmm r, x64_xmm count) { sse_rr(b, 0x66, 0x0FD2, r, count); }
void x64_psrlq_xmm_xmm(x64_buf *b, x64_xmm r, x64_xmm count) { sse_rr(b, 0x66, 0x0FD3, r, count); }
void x64_psraw_xmm_xmm(x64_buf *b, x64_xmm r, x64_xmm count) { sse_rr(b, 0x66, 0x0FE1, r, count); }
void x64_psrad_xmm_xmm(x64_buf *b, x64_xmm r, x64_xmm count) { sse_rr(b, 0x66, 0x0FE2, r, count); }

/* ---- SSE lane inserts and extracts, and sign masks ---------------------------------------- */
/* 66 [REX.W] 0F 3A 14-22 /r ib and 66 0F C4/C5 /r ib. The xmm is ModRM.reg in every form but
   pextrw r32, xmm, ib (C5), whose ModRM.reg is the general register; REX.W makes pinsrq/pextrq. */
static void sse_lane(x64_buf *b, unsigned flags, uint32_t op, unsigned reg, rm o, uint8_t lane)
{
  enc(b, 0x66, flags, op, reg, o);
  put8(b, lane);
}

void x64_pinsrb_xmm_r32_imm8(x64_buf *b, x64_xmm dst, x64_gpr src, uint8_t lane)
{
  sse_lane(b, 0, 0x0F3A20, dst, R(src), lane);
}

void x64_pinsrw_xmm_r32_imm8(x64_buf *b, x64_xmm dst, x64_gpr src, uint8_t lane)
{
  sse_lane(b, 0, 0x0FC4, dst, R(src), lane);
}

void x64_pinsrd_xmm_r32_imm8(x64_buf *b, x64_xmm dst, x64_gpr src, uint8_t lane)
{
  sse_lane(b, 0, 0x0F3A22, dst, R(src), lane);
}

void x64_pinsrq_xmm_r64_imm8(x64_buf *b, x64_xmm dst, x64_gpr src, uint8_t lane)
{
  sse_lane(b, F_W, 0x0F3A22, dst, R(src), lane);
}

void x64_pinsrb_xmm_m8_imm8(x64_buf *b, x64_xmm dst, x64_mem m, uint8_t lane)
{
  sse_lane(b, 0, 0x0F3A20, dst, M(m), lane);
}

void x64_pinsrw_xmm_m16_imm8(x64_buf *b, x64_xmm dst, x64_mem m, uint8_t lane)
{
  sse_lane(b, 0, 0x0FC4, dst, M(m), lane);
}

void x64_pinsrd_xmm_m32_imm8(x64_buf *b, x64_xmm dst, x64_mem m, uint8_t lane)
{
  sse_lane(b, 0, 0x0F3A22, dst, M(m), lane);
}

void x64_pinsrq_xmm_m64_imm8(x64_buf *b, x64_xmm dst, x64_mem m, uint8_t lane)
{
  sse_lane(b, F_W, 0x0F3A22, dst, M(m), lane);
}

void x64_pextrb_r32_xmm_imm8(x64_buf *b, x64_gpr dst, x64_xmm src, uint8_t lane)
{
  sse_lane(b, 0, 0x0F3A14, src, R(dst), lane);
}

void x64_pextrw_r32_xmm_imm8(x64_buf *b, x64_gpr dst, x64_xmm src, uint8_t lane)
{
  sse_lane(b, 0, 0x0FC5, dst, R(src), lane);
}

void x64_pextrd_r32_xmm_imm8(x64_buf *b, x64_gpr dst, x64_xmm src, uint8_t lane)
{
  sse_lane(b, 0, 0x0F3A16, src, R(dst), lane);
}

void x64_pextrq_r64_xmm_imm8(x64_buf *b, x64_gpr dst, x64_xmm src, uint8_t lane)
{
  sse_lane(b, F_W, 0x0F3A16, src, R(dst), lane);
}

void x64_pextrb_m8_xmm_imm8(x64_buf *b, x64_mem m, x64_xmm src, uint8_t lane)
{
  sse_lane(b, 0, 0x0F3A14, src, M(m), lane);
}

void x64_pextrw_m16_xmm_imm8(x64_buf *b, x64_mem m, x64_xmm src, uint8_t lane)
{
  sse_lane(b, 0, 0x0F3A15, src, M(m), lane);
}

void x64_pextrd_m32_xmm_imm8(x64_buf *b, x64_mem m, x64_xmm src, uint8_t lane)
{
  sse_lane(b, 0, 0x0F3A16, src, M(m), lane);
}

void x64_pextrq_m64_xmm_imm8(x64_buf *b, x64_mem m, x64_xmm src, uint8_t lane)
{
  sse_lane(b, F_W, 0x0F3A16, src, M(m), lane);
}

void x64_extractps_r32_xmm_imm8(x64_buf *b, x64_gpr dst, x64_xmm src, uint8_t lane)
{
  sse_lane(b, 0, 0x0F3A17, src, R(dst), lane);
}

void x64_pmovmskb_r32_xmm(x64_buf *b, x64_gpr dst, x64_xmm src) { enc(b, 0x66, 0, 0x0FD7, dst, R(src)); }
void x64_movmskps_r32_xmm(x64_buf *b, x64_gpr dst, x64_xmm src) { enc(b, 0, 0, 0x0F50, dst, R(src)); }
void x64_movmskpd_r32_xmm(x64_buf *b, x64_gpr dst, x64_xmm src) { enc(b, 0x66, 0, 0x0F50, dst, R(src)); }

/* ---- AVX and AVX2 (VEX.128): dst in ModRM.reg, the first source in VEX.vvvv --------------- */
/* vpbroadcast* have one source, so vvvv is unused (1111) */
void x64_vpbroadcastb_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { enc_vex(b, 0x66, 0, 0x0F3878, dst, 0, R(src)); }
void x64_vpbroadcastw_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { enc_vex(b, 0x66, 0, 0x0F3879, dst, 0, R(src)); }
void x64_vpbroadcastd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { enc_vex(b, 0x66, 0, 0x0F3858, dst, 0, R(src)); }
void x64_vpbroadcastq_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { enc_vex(b, 0x66, 0, 0x0F3859, dst, 0, R(src)); }

void x64_vpaddd_xmm_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm a, x64_xmm c)
{
  enc_vex(b, 0x66, 0, 0x0FFE, dst, a, R(c));
}

void x64_vpxor_xmm_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm a, x64_xmm c) { enc_vex(b, 0x66, 0, 0x0FEF, dst, a, R(c)); }
void x64_vaddps_xmm_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm a, x64_xmm c) { enc_vex(b, 0, 0, 0x0F58, dst, a, R(c)); }
