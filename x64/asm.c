/* asm.c: the x86-64 encoder; prefixes, REX, ModRM, SIB and displacements are built in enc(). */
#include "asm.h"

#include <assert.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define ALWAYS_INLINE inline __attribute__((always_inline))

/* ---- the byte buffer ---------------------------------------------------------------------- */
/*
 * Compile speed is the baseline tier's headline figure, and it emits about a million
 * instructions per 2 MB of wasm, so a form is meant to be a handful of stores. Forms write
 * first and check after: the memory behind code always has SLACK writable bytes past cap, so an
 * instruction is stored without asking, and only then is len compared with cap. The grow call
 * that may follow is the form's last act, with nothing live across it, so the common path saves
 * no registers. Between forms len <= cap holds. No instruction is longer than 15 bytes, and a
 * form may store a little past its own end (a whole disp32 or imm32 where it keeps one byte):
 * the next form overwrites those bytes, and they never count in len.
 */
enum { SLACK = 16 };

/* A buffer with no memory yet (cap 0) writes its first instruction here, and the growth that
   follows at once copies it out; so between forms this holds nothing. Per thread, as several
   compile at once. */
static _Thread_local uint8_t scratch[SLACK];

void x64_buf_init(x64_buf *b)
{
  memset(b, 0, sizeof *b);
  b->code = scratch;
}

void x64_buf_init_external(x64_buf *b, uint8_t *mem, size_t cap)
{
  x64_buf_init(b);
  if (cap > SLACK) {   /* too small to keep the slack in: the heap from the first byte */
    b->code = mem;
    b->cap = cap - SLACK;
    b->external = true;
  }
}

/* code is a heap block of ours (not the caller's memory, not the scratch) */
static bool owned(const x64_buf *b)
{
  return !b->external && b->cap > 0;
}

void x64_buf_free(x64_buf *b)
{
  if (owned(b))
    free(b->code);
  free(b->labels);
  x64_buf_init(b);
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

/* Makes cap at least need, with SLACK more bytes behind it. Offsets are kept to int32 so that
   every rel32 can reach every byte. On failure the buffer fails and len is pulled back to cap,
   so the forms, which write before they check, stay inside the memory it still has. */
static __attribute__((noinline, cold)) bool grow(x64_buf *b, size_t need)
{
  size_t cap = b->cap ? b->cap * 2 : 4096;
  while (cap < need)
    cap *= 2;
  uint8_t *p = cap <= INT32_MAX ? (owned(b) ? realloc(b->code, cap + SLACK) : malloc(cap + SLACK)) : NULL;
  if (!p) {
    b->failed = true;
    if (b->len > b->cap)
      b->len = b->cap;
    return false;
  }
  if (!owned(b)) { /* out of the caller's memory or the scratch: continue on the heap */
    memcpy(p, b->code, b->len);
    b->external = false;
  }
  b->code = p;
  b->cap = cap;
  return true;
}

void x64_buf_reserve(x64_buf *b, size_t n)
{
  if (n > b->cap - b->len)
    grow(b, b->len + n);
}

static ALWAYS_INLINE uint8_t *here(const x64_buf *b)
{
  return b->code + b->len;
}

/* Ends a form whose bytes end at end: the one check, and growth in tail position. */
static ALWAYS_INLINE void commit(x64_buf *b, uint8_t *end)
{
  b->len = (size_t)(end - b->code);
  if (__builtin_expect(b->len > b->cap, 0))
    grow(b, b->len);
}

static ALWAYS_INLINE uint8_t *put_u32(uint8_t *p, uint32_t v)
{
  memcpy(p, &v, 4);   /* x86 is little-endian, as its immediates and displacements */
  return p + 4;
}

static inline void put8(x64_buf *b, unsigned v)
{
  uint8_t *p = here(b);
  *p = (uint8_t)v;
  commit(b, p + 1);
}

static inline void put32(x64_buf *b, uint32_t v) { commit(b, put_u32(here(b), v)); }

static inline void put64(x64_buf *b, uint64_t v)
{
  uint8_t *p = here(b);
  memcpy(p, &v, 8);
  commit(b, p + 8);
}

/* the forms that may write more than SLACK bytes make room first */
void x64_emit_bytes(x64_buf *b, const void *bytes, size_t n)
{
  if (!n || (n > b->cap - b->len && !grow(b, b->len + n)))
    return;
  memcpy(here(b), bytes, n);
  b->len += n;
}

void x64_align(x64_buf *b, unsigned n)
{
  size_t pad = n > 1 ? (n - b->len % n) % n : 0;
  if (!pad || (pad > b->cap - b->len && !grow(b, b->len + pad)))
    return;
  memset(here(b), 0xCC, pad);
  b->len += pad;
}

/* The recommended nop of each length 1-9 (the 0F 1F /0 forms with a zero displacement and an
 * operand-size prefix for the odd ones): a run of k bytes decodes as one instruction, so padding
 * that falls through costs at most a few decode slots. */
void x64_align_nops(x64_buf *b, unsigned n)
{
  static const uint8_t nops[9][9] = {
      {0x90},
      {0x66, 0x90},
      {0x0F, 0x1F, 0x00},
      {0x0F, 0x1F, 0x40, 0x00},
      {0x0F, 0x1F, 0x44, 0x00, 0x00},
      {0x66, 0x0F, 0x1F, 0x44, 0x00, 0x00},
      {0x0F, 0x1F, 0x80, 0x00, 0x00, 0x00, 0x00},
      {0x0F, 0x1F, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00},
      {0x66, 0x0F, 0x1F, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00},
  };
  size_t pad = n > 1 ? (n - b->len % n) % n : 0;
  while (pad) {
    size_t k = pad < 9 ? pad : 9;
    x64_emit_bytes(b, nops[k - 1], k);
    pad -= k;
  }
}

void x64_emit_u32(x64_buf *b, uint32_t v) { put32(b, v); }
void x64_emit_u64(x64_buf *b, uint64_t v) { put64(b, v); }

/* ---- labels ------------------------------------------------------------------------------- */

static ALWAYS_INLINE x64_label_id new_label(x64_buf *b)
{
  b->labels[b->nlabels] = (x64_label_slot){ -1, -1 };
  return b->nlabels++;
}

/* x64_label() with a full table: out of line and in tail position, so x64_label keeps no frame */
static __attribute__((noinline, cold)) x64_label_id new_label_grown(x64_buf *b)
{
  uint32_t cap = b->label_cap ? b->label_cap * 2 : 64;
  x64_label_slot *p = realloc(b->labels, cap * sizeof *p);
  if (!p) {
    b->failed = true;
    return UINT32_MAX;   /* every later use of it is refused, and x64_buf_ok says so */
  }
  b->labels = p;
  b->label_cap = cap;
  return new_label(b);
}

x64_label_id x64_label(x64_buf *b)
{
  if (__builtin_expect(b->nlabels == b->label_cap, 0))
    return new_label_grown(b);
  return new_label(b);
}

/* The rel32 field at p aimed at label l, relative to the end of the field, and the end of the
   form (every user ends its instruction with it: branches, and lea's rip-relative displacement,
   which the CPU also takes from the end of the instruction). An unbound label's field holds the
   previous link of its chain. */
static ALWAYS_INLINE void put_rel32_label(x64_buf *b, uint8_t *p, x64_label_id l)
{
  int32_t at = (int32_t)(p - b->code), v = 0;
  if (__builtin_expect(l < b->nlabels, 1)) {
    x64_label_slot *s = &b->labels[l];
    if (s->pos >= 0) {   /* backward: the distance is known now */
      v = s->pos - (at + 4);
    } else {
      v = s->chain;
      s->chain = at;
      b->pending++;
    }
  } else {
    b->failed = true;   /* no such label */
  }
  commit(b, put_u32(p, (uint32_t)v));
}

void x64_bind(x64_buf *b, x64_label_id l)
{
  /* an unknown label, or one bound twice: a compiler bug, reported like any other failure */
  if (l >= b->nlabels || b->labels[l].pos >= 0) {
    b->failed = true;
    return;
  }
  x64_label_slot *s = &b->labels[l];
  int32_t pos = (int32_t)b->len, at = s->chain;
  s->pos = pos;
  s->chain = -1;
  /* A failed growth pulls len back over bytes that may hold chain links, so a failed buffer's
     chains are not followed (nothing of it is used anyway). */
  if (at < 0 || b->failed)
    return;
  uint8_t *code = b->code;   /* (the stores would make the compiler reload b->code) */
  do {
    int32_t next;
    memcpy(&next, code + at, 4);
    put_u32(code + at, (uint32_t)(pos - (at + 4)));
    b->pending--;
    at = next;
  } while (at >= 0);
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
 * enc_oreg(). Layout (Intel SDM vol. 2, 2.1):
 *   [66|F2|F3] [REX] opcode(1-3 bytes) ModRM [SIB] [disp8|disp32] [imm8|imm16|imm32]
 * The mandatory prefix must come before REX, and REX must come right before the opcode.
 * enc() is inlined into every form, so each is straight-line code for its own prefix, opcode
 * and immediate: a register, or [base + disp] (nearly every memory operand: frame slots, the
 * instance, the thread), with one branch to the indexed shape and one out of line for operands
 * the hardware cannot express.
 */

enum {
  F_W = 1,         /* REX.W or VEX.W: 64-bit operand size (or the opcode's W1 variant) */
  F_BYTE_REG = 2,  /* ModRM.reg names a byte register: spl, bpl, sil, dil need a REX */
  F_BYTE_RM = 4,   /* ModRM.rm, when a register, names a byte register */
  F_L = 8,         /* VEX.L: 256-bit ymm operands (no form uses it yet) */
};

/* An r/m operand: a register (general or xmm, by encoding number), memory, or rip-relative
   memory whose disp32 the caller writes next (put_rel32_label), as the instruction's last
   field. */
typedef struct rm {
  bool mem, rip;
  unsigned reg;
  x64_mem m;
} rm;

static ALWAYS_INLINE rm R(unsigned reg) { return (rm){ .reg = reg }; }
static ALWAYS_INLINE rm M(x64_mem m) { return (rm){ .mem = true, .m = m }; }
static ALWAYS_INLINE rm RIP(void) { return (rm){ .mem = true, .rip = true }; }

static ALWAYS_INLINE bool fits8(int32_t v)
{
  return v >= -128 && v <= 127;
}

/* Without any REX, byte registers 4-7 are ah, ch, dh, bh; an empty REX (40) makes them
   spl, bpl, sil, dil. */
static ALWAYS_INLINE bool needs_empty_rex(unsigned flags, unsigned flag, unsigned reg)
{
  return (flags & flag) && reg >= 4 && reg < 8;
}

/* [prefix] [REX] opcode at p; opcodes are given most significant byte first: 0x01, 0x0FAF,
   0x0F3A0A. The REX byte is stored either way and kept only when needed: cheaper than a branch
   that follows the register numbers. */
static ALWAYS_INLINE uint8_t *put_head(uint8_t *p, unsigned pfx, unsigned rex, bool force, uint32_t op)
{
  if (pfx)
    *p++ = (uint8_t)pfx;
  *p = (uint8_t)(0x40 | rex);
  p += rex || force;
  if (op > 0xFFFF)
    *p++ = (uint8_t)(op >> 16);
  if (op > 0xFF)
    *p++ = (uint8_t)((op >> 8) & 0xFF);
  *p++ = (uint8_t)(op & 0xFF);
  return p;
}

static ALWAYS_INLINE unsigned rex_bits(unsigned flags, unsigned r, unsigned x, unsigned base)
{
  return (flags & F_W ? 8 : 0) | ((r >> 3) & 1) << 2 | ((x >> 3) & 1) << 1 | ((base >> 3) & 1);
}

/* an opcode alone (no prefix, no REX) at here(b); returns where its operand goes */
static ALWAYS_INLINE uint8_t *put_op(x64_buf *b, uint32_t op)
{
  return put_head(here(b), 0, 0, false, op);
}

/* SIB.scale, shifted into place, for a factor of 1, 2, 4 or 8 (anything else is refused when
   there is an index, and ignored, as 0, when there is none) */
static const uint8_t sib_scale[256] = { [2] = 1 << 6, [4] = 2 << 6, [8] = 3 << 6 };

static bool scale_ok(unsigned scale)
{
  return scale == 1 || scale == 2 || scale == 4 || scale == 8;
}

/* ModRM.mod for a displacement: 00 none, 01 disp8, 10 disp32. mod 00 with base 101 means
   rip-relative (or, after a SIB, no base), so rbp and r13 take an explicit disp8 of 0. */
static ALWAYS_INLINE unsigned disp_mod(int32_t disp, unsigned base)
{
  if (!fits8(disp))
    return 2;
  return disp != 0 || (base & 7) == 5;
}

/* The displacement for mod at p: a disp8 is the low byte of the disp32, the rest is slack. */
static ALWAYS_INLINE uint8_t *put_disp(uint8_t *p, int32_t disp, unsigned mod)
{
  put_u32(p, (uint32_t)disp);
  return p + mod + (mod & 2);   /* 0, 1 or 4 bytes */
}

/* ModRM, SIB and displacement of [base + disp], no index, at p; returns the new end. */
static ALWAYS_INLINE uint8_t *put_modrm_bd(uint8_t *p, unsigned reg, x64_mem m)
{
  unsigned base = m.base & 7, mod = disp_mod(m.disp, base);
  *p++ = (uint8_t)(mod << 6 | (reg & 7) << 3 | base);
  if (base == 4)   /* rm 100 means "a SIB follows": rsp and r12 need one, with no index (100) */
    *p++ = (uint8_t)(sib_scale[m.scale] | 4 << 3 | 4);
  return put_disp(p, m.disp, mod);
}

/* the same for [base + index*scale + disp], an operand already checked: rm 100 and a SIB; with
   no base (X64_NOREG), mod 00 and SIB.base 101, which mean [index*scale + disp32] */
static ALWAYS_INLINE uint8_t *put_modrm_sib(uint8_t *p, unsigned reg, x64_mem m)
{
  if (m.base == X64_NOREG) {
    *p++ = (uint8_t)((reg & 7) << 3 | 4);
    *p++ = (uint8_t)(sib_scale[m.scale] | (m.index & 7) << 3 | 5);
    put_u32(p, (uint32_t)m.disp);
    return p + 4;
  }
  unsigned base = m.base & 7, mod = disp_mod(m.disp, base);
  *p++ = (uint8_t)(mod << 6 | (reg & 7) << 3 | 4);
  *p++ = (uint8_t)(sib_scale[m.scale] | (m.index & 7) << 3 | base);
  return put_disp(p, m.disp, mod);
}

/* Whether the hardware can express a memory operand. One it cannot fails the buffer instead of
   asserting, so a compiler bug costs a failed compile (the function stays on the interpreter),
   not wrong code in a release build. */
static bool mem_ok(x64_mem m)
{
  return ((int)m.base >= 0 || (m.base == X64_NOREG && m.index != X64_NOREG)) && m.index != X64_RSP &&
         (m.index == X64_NOREG || scale_ok(m.scale));
}

/* ModRM, SIB and displacement of any operand at p, for enc_vex(); returns the new end. */
static uint8_t *put_modrm_any(x64_buf *b, uint8_t *p, unsigned reg, const rm *o)
{
  if (!o->mem) {
    *p++ = (uint8_t)(0xC0 | (reg & 7) << 3 | (o->reg & 7));
    return p;
  }
  if (o->rip) {   /* mod 00, rm 101: [rip + disp32], no SIB; the caller writes the rel32 */
    *p++ = (uint8_t)((reg & 7) << 3 | 5);
    return p;
  }
  if (!mem_ok(o->m)) {
    b->failed = true;
    return p;
  }
  return o->m.index == X64_NOREG ? put_modrm_bd(p, reg, o->m) : put_modrm_sib(p, reg, o->m);
}

static ALWAYS_INLINE uint8_t *put_imm(uint8_t *p, uint32_t imm, unsigned ilen)
{
  if (ilen)
    put_u32(p, imm);   /* an imm8 or imm16 is its low bytes */
  return p + ilen;
}

/* operands only a compiler bug makes: out of line */
static __attribute__((noinline, cold)) void refuse(x64_buf *b)
{
  b->failed = true;
}

/* Prefix, REX, opcode and ModRM (with SIB and displacement) of a register, [base + disp] or
   rip-relative operand at here(b); returns the end, for the caller's immediate. */
static ALWAYS_INLINE uint8_t *enc_at(x64_buf *b, unsigned pfx, unsigned flags, uint32_t op, unsigned reg, rm o)
{
  bool force = needs_empty_rex(flags, F_BYTE_REG, reg);
  unsigned base;
  if (o.rip) {
    base = 0;
  } else if (o.mem) {
    base = (unsigned)o.m.base;
  } else {
    base = o.reg;
    force |= needs_empty_rex(flags, F_BYTE_RM, o.reg);
  }
  uint8_t *p = put_head(here(b), pfx, rex_bits(flags, reg, 0, base), force, op);
  if (!o.mem)
    *p++ = (uint8_t)(0xC0 | (reg & 7) << 3 | (o.reg & 7));
  else if (o.rip)   /* mod 00, rm 101: [rip + disp32], no SIB; the caller writes the rel32 */
    *p++ = (uint8_t)((reg & 7) << 3 | 5);
  else
    p = put_modrm_bd(p, reg, o.m);
  return p;
}

/* a whole instruction with an immediate of ilen (0, 1, 2 or 4) bytes */
static ALWAYS_INLINE void enc_imm(x64_buf *b, unsigned pfx, unsigned flags, uint32_t op, unsigned reg, rm o,
                                  uint32_t imm, unsigned ilen)
{
  if (o.mem && !o.rip && __builtin_expect(o.m.index != X64_NOREG, 0)) {
    /* [base + index*scale + disp]: wasm memory accesses at a register address */
    if (!mem_ok(o.m)) {
      refuse(b);
      return;
    }
    unsigned rex = rex_bits(flags, reg, (unsigned)o.m.index, o.m.base == X64_NOREG ? 0 : (unsigned)o.m.base);
    uint8_t *p = put_head(here(b), pfx, rex, needs_empty_rex(flags, F_BYTE_REG, reg), op);
    commit(b, put_imm(put_modrm_sib(p, reg, o.m), imm, ilen));
    return;
  }
  if (o.mem && !o.rip && __builtin_expect((int)o.m.base < 0, 0)) {
    /* [rip + label] (x64_mem_label): the rel32 ends the instruction, so no immediate */
    if (o.m.base == X64_RIP_LABEL && !ilen)
      put_rel32_label(b, enc_at(b, pfx, flags, op, reg, RIP()), (x64_label_id)o.m.disp);
    else
      refuse(b);
    return;
  }
  commit(b, put_imm(enc_at(b, pfx, flags, op, reg, o), imm, ilen));
}

static ALWAYS_INLINE void enc(x64_buf *b, unsigned pfx, unsigned flags, uint32_t op, unsigned reg, rm o)
{
  enc_imm(b, pfx, flags, op, reg, o, 0, 0);
}

/* opcode + register in the low 3 bits, the fourth bit in REX.B; returns the end, for the
   immediate */
static ALWAYS_INLINE uint8_t *enc_oreg(x64_buf *b, unsigned flags, unsigned op, unsigned reg)
{
  return put_head(here(b), 0, rex_bits(flags, 0, 0, reg), false, op + (reg & 7));
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
    base = o.m.base == X64_NOREG ? 0 : (unsigned)o.m.base;
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
  uint8_t *p = here(b);
  if (map == 1 && !w && xb && bb) {
    *p++ = 0xC5;
    *p++ = (uint8_t)(r << 7 | v << 3 | l << 2 | pp);
  } else {
    *p++ = 0xC4;
    *p++ = (uint8_t)(r << 7 | xb << 6 | bb << 5 | map);
    *p++ = (uint8_t)(w << 7 | v << 3 | l << 2 | pp);
  }
  *p++ = (uint8_t)(op & 0xFF);
  commit(b, put_modrm_any(b, p, reg, &o));
}

/* ---- moves -------------------------------------------------------------------------------- */

void x64_mov_r32_r32(x64_buf *b, x64_gpr dst, x64_gpr src) { enc(b, 0, 0, 0x89, src, R(dst)); }
void x64_mov_r64_r64(x64_buf *b, x64_gpr dst, x64_gpr src) { enc(b, 0, F_W, 0x89, src, R(dst)); }
/* REX.W 87 /r; the assemblers put dst in ModRM.reg (either way is the same exchange) */
void x64_xchg_r64_r64(x64_buf *b, x64_gpr dst, x64_gpr src) { enc(b, 0, F_W, 0x87, dst, R(src)); }

void x64_mov_r32_imm32(x64_buf *b, x64_gpr dst, uint32_t imm)
{
  commit(b, put_u32(enc_oreg(b, 0, 0xB8, dst), imm));
}

void x64_mov_r64_simm32(x64_buf *b, x64_gpr dst, int32_t imm)
{
  enc_imm(b, 0, F_W, 0xC7, 0, R(dst), (uint32_t)imm, 4);
}

void x64_mov_r64_imm64(x64_buf *b, x64_gpr dst, uint64_t imm)
{
  uint8_t *p = enc_oreg(b, F_W, 0xB8, dst);
  memcpy(p, &imm, 8);
  commit(b, p + 8);
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
  enc_imm(b, 0, 0, 0xC6, 0, M(m), imm, 1);
}

void x64_mov_m16_imm16(x64_buf *b, x64_mem m, uint16_t imm)
{
  enc_imm(b, 0x66, 0, 0xC7, 0, M(m), imm, 2);
}

void x64_mov_m32_imm32(x64_buf *b, x64_mem m, uint32_t imm)
{
  enc_imm(b, 0, 0, 0xC7, 0, M(m), imm, 4);
}

void x64_mov_m64_simm32(x64_buf *b, x64_mem m, int32_t imm)
{
  enc_imm(b, 0, F_W, 0xC7, 0, M(m), (uint32_t)imm, 4);
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
  put_rel32_label(b, enc_at(b, 0, F_W, 0x8D, dst, RIP()), l);
}

/* ---- integer arithmetic ------------------------------------------------------------------- */

/* The eight classic ALU operations share one layout: 8*op+1 is "op r/m, r", 8*op+3 is
   "op r, r/m", and 81 /op id or 83 /op ib (sign-extended) the immediate forms. */
enum alu { ALU_ADD = 0, ALU_OR = 1, ALU_AND = 4, ALU_SUB = 5, ALU_XOR = 6, ALU_CMP = 7 };

static ALWAYS_INLINE void alu_rr(x64_buf *b, enum alu op, unsigned flags, x64_gpr dst, x64_gpr src)
{
  enc(b, 0, flags, 8 * op + 1, src, R(dst));
}

static ALWAYS_INLINE void alu_rm(x64_buf *b, enum alu op, unsigned flags, x64_gpr dst, x64_mem m)
{
  enc(b, 0, flags, 8 * op + 3, dst, M(m));
}

/* one path for both sizes: the opcode and the immediate's length are picked without a branch */
static ALWAYS_INLINE void alu_ri(x64_buf *b, enum alu op, unsigned flags, x64_gpr dst, int32_t imm)
{
  bool short_imm = fits8(imm);
  enc_imm(b, 0, flags, short_imm ? 0x83 : 0x81, op, R(dst), (uint32_t)imm, short_imm ? 1 : 4);
}

/* (two paths here: with a memory operand, one would run out of registers) */
static ALWAYS_INLINE void alu_mi(x64_buf *b, enum alu op, unsigned flags, x64_mem m, int32_t imm)
{
  if (fits8(imm))
    enc_imm(b, 0, flags, 0x83, op, M(m), (uint32_t)imm, 1);
  else
    enc_imm(b, 0, flags, 0x81, op, M(m), (uint32_t)imm, 4);
}

static ALWAYS_INLINE void alu_mr(x64_buf *b, enum alu op, unsigned flags, x64_mem m, x64_gpr src)
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
void x64_add_m32_imm32(x64_buf *b, x64_mem m, int32_t imm) { alu_mi(b, ALU_ADD, 0, m, imm); }
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
  enc_imm(b, 0, 0, 0xF7, 0, R(a), (uint32_t)imm, 4);
}

void x64_test_r64_imm32(x64_buf *b, x64_gpr a, int32_t imm)
{
  enc_imm(b, 0, F_W, 0xF7, 0, R(a), (uint32_t)imm, 4);
}

void x64_imul_r32_r32(x64_buf *b, x64_gpr dst, x64_gpr src) { enc(b, 0, 0, 0x0FAF, dst, R(src)); }
void x64_imul_r64_r64(x64_buf *b, x64_gpr dst, x64_gpr src) { enc(b, 0, F_W, 0x0FAF, dst, R(src)); }
void x64_imul_r32_m32(x64_buf *b, x64_gpr dst, x64_mem m) { enc(b, 0, 0, 0x0FAF, dst, M(m)); }
void x64_imul_r64_m64(x64_buf *b, x64_gpr dst, x64_mem m) { enc(b, 0, F_W, 0x0FAF, dst, M(m)); }

/* 6B /r ib or 69 /r id */
static ALWAYS_INLINE void imul_rri(x64_buf *b, unsigned flags, x64_gpr dst, x64_gpr src, int32_t imm)
{
  bool short_imm = fits8(imm);
  enc_imm(b, 0, flags, short_imm ? 0x6B : 0x69, dst, R(src), (uint32_t)imm, short_imm ? 1 : 4);
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

void x64_cqo(x64_buf *b) { commit(b, put_head(here(b), 0, rex_bits(F_W, 0, 0, 0), false, 0x99)); }

/* the F7 group: /2 not, /3 neg, /6 div, /7 idiv */
void x64_div_r32(x64_buf *b, x64_gpr src) { enc(b, 0, 0, 0xF7, 6, R(src)); }
void x64_div_r64(x64_buf *b, x64_gpr src) { enc(b, 0, F_W, 0xF7, 6, R(src)); }
void x64_mul_r64(x64_buf *b, x64_gpr src) { enc(b, 0, F_W, 0xF7, 4, R(src)); }
void x64_imul_r64(x64_buf *b, x64_gpr src) { enc(b, 0, F_W, 0xF7, 5, R(src)); }
void x64_idiv_r32(x64_buf *b, x64_gpr src) { enc(b, 0, 0, 0xF7, 7, R(src)); }
void x64_idiv_r64(x64_buf *b, x64_gpr src) { enc(b, 0, F_W, 0xF7, 7, R(src)); }
void x64_neg_r32(x64_buf *b, x64_gpr r) { enc(b, 0, 0, 0xF7, 3, R(r)); }
void x64_neg_r64(x64_buf *b, x64_gpr r) { enc(b, 0, F_W, 0xF7, 3, R(r)); }
void x64_not_r32(x64_buf *b, x64_gpr r) { enc(b, 0, 0, 0xF7, 2, R(r)); }
void x64_not_r64(x64_buf *b, x64_gpr r) { enc(b, 0, F_W, 0xF7, 2, R(r)); }

/* ---- shifts and rotates: D3 /op by cl, C1 /op ib by an immediate ------------------------- */

enum shift { SH_ROL = 0, SH_ROR = 1, SH_SHL = 4, SH_SHR = 5, SH_SAR = 7 };

static ALWAYS_INLINE void shift_cl(x64_buf *b, enum shift op, unsigned flags, x64_gpr r)
{
  enc(b, 0, flags, 0xD3, op, R(r));
}

static ALWAYS_INLINE void shift_imm(x64_buf *b, enum shift op, unsigned flags, x64_gpr r, uint8_t n)
{
  enc_imm(b, 0, flags, 0xC1, op, R(r), n, 1);
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

/* ---- BMI1 (VEX): andn 0F38 F2, dst = ~vvvv & r/m (sha256's `(~e & g)` in one instruction) -- */

void x64_andn_r32_r32_r32(x64_buf *b, x64_gpr dst, x64_gpr inv, x64_gpr src) { enc_vex(b, 0, 0, 0x0F38F2, dst, inv, R(src)); }
void x64_andn_r64_r64_r64(x64_buf *b, x64_gpr dst, x64_gpr inv, x64_gpr src) { enc_vex(b, 0, F_W, 0x0F38F2, dst, inv, R(src)); }
void x64_andn_r32_r32_m32(x64_buf *b, x64_gpr dst, x64_gpr inv, x64_mem m) { enc_vex(b, 0, 0, 0x0F38F2, dst, inv, M(m)); }
void x64_andn_r64_r64_m64(x64_buf *b, x64_gpr dst, x64_gpr inv, x64_mem m) { enc_vex(b, 0, F_W, 0x0F38F2, dst, inv, M(m)); }

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

/* E9 jmp, E8 call and 0F 80+cc jcc, each followed by its rel32 */
void x64_jmp_rel32(x64_buf *b, int32_t rel) { commit(b, put_u32(put_op(b, 0xE9), (uint32_t)rel)); }
void x64_jcc_rel32(x64_buf *b, x64_cc cc, int32_t rel) { commit(b, put_u32(put_op(b, 0x0F80 | cc), (uint32_t)rel)); }
void x64_call_rel32(x64_buf *b, int32_t rel) { commit(b, put_u32(put_op(b, 0xE8), (uint32_t)rel)); }
void x64_jmp_label(x64_buf *b, x64_label_id l) { put_rel32_label(b, put_op(b, 0xE9), l); }
void x64_jcc_label(x64_buf *b, x64_cc cc, x64_label_id l) { put_rel32_label(b, put_op(b, 0x0F80 | cc), l); }
void x64_call_label(x64_buf *b, x64_label_id l) { put_rel32_label(b, put_op(b, 0xE8), l); }

/* FF /2 call, FF /4 jmp: 64-bit operand size is the default for near branches, no REX.W */
void x64_jmp_r64(x64_buf *b, x64_gpr target) { enc(b, 0, 0, 0xFF, 4, R(target)); }
void x64_call_r64(x64_buf *b, x64_gpr target) { enc(b, 0, 0, 0xFF, 2, R(target)); }
void x64_jmp_m64(x64_buf *b, x64_mem m) { enc(b, 0, 0, 0xFF, 4, M(m)); }
void x64_call_m64(x64_buf *b, x64_mem m) { enc(b, 0, 0, 0xFF, 2, M(m)); }
void x64_call_m64_label(x64_buf *b, x64_label_id l) { put_rel32_label(b, enc_at(b, 0, 0, 0xFF, 2, RIP()), l); }
void x64_jmp_m64_label(x64_buf *b, x64_label_id l) { put_rel32_label(b, enc_at(b, 0, 0, 0xFF, 4, RIP()), l); }

void x64_call_abs(x64_buf *b, const void *fn, x64_gpr scratch)
{
  x64_mov_r64_imm64(b, scratch, (uint64_t)(uintptr_t)fn);
  x64_call_r64(b, scratch);
}

void x64_push_r64(x64_buf *b, x64_gpr r) { commit(b, enc_oreg(b, 0, 0x50, r)); }
void x64_pop_r64(x64_buf *b, x64_gpr r) { commit(b, enc_oreg(b, 0, 0x58, r)); }
void x64_ret(x64_buf *b) { put8(b, 0xC3); }
void x64_ud2(x64_buf *b) { commit(b, put_op(b, 0x0F0B)); }
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
static ALWAYS_INLINE void sse_rr(x64_buf *b, unsigned pfx, uint32_t op, x64_xmm dst, x64_xmm src)
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
  enc_imm(b, 0x66, 0, 0x0F3A0A, dst, R(src), mode, 1);
}

void x64_roundsd_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src, x64_round mode)
{
  enc_imm(b, 0x66, 0, 0x0F3A0B, dst, R(src), mode, 1);
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
static ALWAYS_INLINE void sse_rm(x64_buf *b, unsigned pfx, uint32_t op, x64_xmm dst, x64_mem m)
{
  enc(b, pfx, 0, op, dst, M(m));
}

/* an imm8 after the ModRM: shuffle control, blend mask, compare predicate, rounding mode */
static ALWAYS_INLINE void sse_rri(x64_buf *b, unsigned pfx, uint32_t op, x64_xmm dst, x64_xmm src, uint8_t imm)
{
  enc_imm(b, pfx, 0, op, dst, R(src), imm, 1);
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
void x64_psadbw_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm src) { sse_rr(b, 0x66, 0x0FF6, dst, src); }
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
void x64_pmaddwd_xmm_m128(x64_buf *b, x64_xmm dst, x64_mem m) { sse_rm(b, 0x66, 0x0FF5, dst, m); }
void x64_pmaddubsw_xmm_m128(x64_buf *b, x64_xmm dst, x64_mem m) { sse_rm(b, 0x66, 0x0F3804, dst, m); }
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
static ALWAYS_INLINE void sse_shift_imm(x64_buf *b, uint32_t op, unsigned digit, x64_xmm r, uint8_t n)
{
  enc_imm(b, 0x66, 0, op, digit, R(r), n, 1);
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
static ALWAYS_INLINE void sse_lane(x64_buf *b, unsigned flags, uint32_t op, unsigned reg, rm o, uint8_t lane)
{
  enc_imm(b, 0x66, flags, op, reg, o, lane, 1);
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
void x64_vex66_xmm_xmm_xmm(x64_buf *b, uint32_t op, x64_xmm dst, x64_xmm a, x64_xmm c)
{
  enc_vex(b, 0x66, 0, op, dst, a, R(c));
}
void x64_vaddps_xmm_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm a, x64_xmm c) { enc_vex(b, 0, 0, 0x0F58, dst, a, R(c)); }
void x64_vaddss_xmm_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm a, x64_xmm c) { enc_vex(b, 0xF3, 0, 0x0F58, dst, a, R(c)); }
void x64_vaddsd_xmm_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm a, x64_xmm c) { enc_vex(b, 0xF2, 0, 0x0F58, dst, a, R(c)); }
void x64_vsubss_xmm_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm a, x64_xmm c) { enc_vex(b, 0xF3, 0, 0x0F5C, dst, a, R(c)); }
void x64_vsubsd_xmm_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm a, x64_xmm c) { enc_vex(b, 0xF2, 0, 0x0F5C, dst, a, R(c)); }
void x64_vmulss_xmm_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm a, x64_xmm c) { enc_vex(b, 0xF3, 0, 0x0F59, dst, a, R(c)); }
void x64_vmulsd_xmm_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm a, x64_xmm c) { enc_vex(b, 0xF2, 0, 0x0F59, dst, a, R(c)); }
void x64_vdivss_xmm_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm a, x64_xmm c) { enc_vex(b, 0xF3, 0, 0x0F5E, dst, a, R(c)); }
void x64_vdivsd_xmm_xmm_xmm(x64_buf *b, x64_xmm dst, x64_xmm a, x64_xmm c) { enc_vex(b, 0xF2, 0, 0x0F5E, dst, a, R(c)); }
