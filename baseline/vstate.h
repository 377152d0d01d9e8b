/* vstate.h: the baseline compiler's value state: where each frame slot's value is right now. */
#ifndef WLAB_BASELINE_VSTATE_H
#define WLAB_BASELINE_VSTATE_H

#include <stdbool.h>
#include <stdint.h>

#include "x64/asm.h"

/*
 * The baseline compiler has no IR of its own (docs/baseline.md).  As it walks the shared IR it
 * keeps, for every frame slot, where the slot's current value is:
 *
 *   VS_MEM    in the frame ([r15 + 8*slot]), and nowhere else
 *   VS_REG    in a register (general or xmm); `dirty` when the frame copy is stale
 *   VS_CONST  a known constant (an IR constant operand) not yet written to the frame
 *
 * This is Liftoff's and Winch's abstract value stack, kept per slot because the IR names
 * slots rather than stack positions.  Registers of a slot are a cache: vs_flush writes every
 * dirty value back (before branches and calls), vs_forget drops the cache (at branch
 * targets, where paths with different caches meet).  The exception is a pinned local: the
 * function keeps it in one register for its whole body (chosen by use counts before the
 * walk), so joins agree on it without memory traffic.  Pinned registers that calls clobber are
 * written back before each call and reloaded after it.
 *
 * Registers an instruction is working with are locked until vs_end_inst, so allocating one
 * operand never evicts another.  When no register is free, an unlocked value is written back
 * (if dirty) and its register taken: a clean one if there is one, else the lowest slot, which
 * in a stack machine's frame is the value consumed last.  (That is rare, tens of times in a
 * 2 MB module, so the choice keeps no per-use bookkeeping.)
 */

typedef enum vs_cls { VS_GPR = 0, VS_XMM = 1 } vs_cls;
typedef enum vs_kind { VS_MEM = 0, VS_REG = 1, VS_CONST = 2 } vs_kind;

typedef struct vs_slot {
  uint8_t kind;      /* vs_kind */
  uint8_t reg;       /* VS_REG: register number in its class */
  uint8_t cls;       /* VS_REG: vs_cls */
  uint8_t dirty;     /* VS_REG or VS_CONST: the frame does not hold the value */
  uint8_t type;      /* wlab_valtype of the value (how many bytes a write-back stores) */
  uint8_t pinned;    /* a pinned local: always VS_REG in its own register */
  uint8_t pad[2];
  uint32_t k;        /* VS_CONST: the IR constant operand (IR_CONST_BIT | pool index) */
} vs_slot;

typedef struct vs_regstate {
  int32_t slot;      /* owning slot, or -1 when free */
  bool allocatable;  /* may hold values at all (not rsp, r12-r15) */
  bool pinned;       /* holds a pinned local */
  bool callee_saved; /* survives calls (rbx, rbp) */
} vs_regstate;

typedef struct vstate {
  x64_buf *b;
  vs_slot *slots;
  uint32_t nslots, cap;
  const uint64_t *consts;     /* the function's constant pool */
  vs_regstate regs[2][16];
  uint32_t locked[2];         /* per class, bit per register: in use by this instruction */
  uint32_t cached[2];         /* per class, bit per register: caches an unpinned slot */
  uint32_t usable[2];         /* per class: registers values may be put in (allocatable, unpinned) */
  uint32_t pinned_regs[2];    /* per class: registers holding pinned locals */
  uint32_t pin_slots[32];     /* the pinned locals' slots, npins of them, sorted (joins mark them
                               * stale; the prologue and OSR entries load them) */
  uint32_t npins;
  uint32_t *const_slots;      /* slots now in VS_CONST (unordered, for flushing) */
  uint32_t *const_at;         /* [slot] its index in const_slots, while it is VS_CONST */
  uint32_t nconst, const_cap;
  bool failed;                /* out of registers or memory: the compile is given up */
  uint32_t dead_pins[2];      /* per class: pinned registers whose locals are dead after the
                               * next call (written before read): neither saved nor reloaded */
} vstate;

/* Where an operand is, without moving it. */
typedef struct vs_opnd {
  uint8_t kind;      /* VS_REG, VS_CONST (imm valid) or VS_MEM (disp from r15 valid) */
  uint8_t reg;
  int32_t disp;
  uint64_t imm;
} vs_opnd;

/* The frame slot addressing every tier shares: slot k is 8 bytes at fp + 8k. */
#define VS_FP X64_R15
static inline x64_mem vs_slot_mem(uint32_t slot) { return x64_mem_bd(VS_FP, (int32_t)(slot * 8)); }
static inline vs_cls vs_class_of(uint8_t type)
{
  return type == 0x7D || type == 0x7C || type == 0x7B ? VS_XMM : VS_GPR; /* f32, f64, v128 */
}

bool vs_init(vstate *v, x64_buf *b, uint32_t nslots, const uint64_t *consts);
void vs_free(vstate *v);
/* Keeps `slot` (a local of `type`) in register `reg` of its class for the whole function. */
void vs_pin(vstate *v, uint32_t slot, vs_cls cls, unsigned reg, uint8_t type, bool callee_saved);
bool vs_is_pinned_reg(const vstate *v, vs_cls cls, unsigned reg);

/* The value of operand x (a slot, or an IR constant) as it is now; a register it is in is
 * locked.  Inline: every operand of every instruction is looked at this way (compile speed). */
static inline vs_opnd vs_peek(vstate *v, uint32_t x)
{
  vs_opnd o = {VS_MEM, 0, 0, 0};
  if (x & 0x80000000u) { /* IR_CONST_BIT */
    o.kind = VS_CONST;
    o.imm = v->consts[x & 0x7fffffffu];
    return o;
  }
  vs_slot *s = &v->slots[x];
  if (s->kind == VS_REG) {
    o.kind = VS_REG;
    o.reg = s->reg;
    v->locked[s->cls] |= 1u << s->reg;
  } else if (s->kind == VS_CONST) {
    o.kind = VS_CONST;
    o.imm = v->consts[s->k & 0x7fffffffu];
  } else {
    o.disp = (int32_t)(x * 8);
  }
  return o;
}
uint64_t vs_const_value(const vstate *v, uint32_t x);   /* x a constant operand or VS_CONST slot */
/* Is x a constant operand, or a slot holding a known constant? */
static inline bool vs_is_const(const vstate *v, uint32_t x)
{
  return (x & 0x80000000u) || v->slots[x].kind == VS_CONST;
}
/* x in a register of class cls (loaded or materialised if needed), locked.  The common case,
 * a slot already in such a register, is inline (compile speed). */
unsigned vs_use_slow(vstate *v, uint32_t x, vs_cls cls, uint8_t type);
static inline unsigned vs_use(vstate *v, uint32_t x, vs_cls cls, uint8_t type)
{
  if (!(x & 0x80000000u)) { /* not a constant operand (IR_CONST_BIT) */
    vs_slot *s = &v->slots[x];
    if (s->kind == VS_REG && s->cls == cls) {
      v->locked[cls] |= 1u << s->reg;
      return s->reg;
    }
  }
  return vs_use_slow(v, x, cls, type);
}
/* A scratch register owned by nobody, locked until vs_end_inst. */
unsigned vs_temp(vstate *v, vs_cls cls);
/* Makes register reg of cls free (its value moves or is written back) and locks it. */
void vs_take(vstate *v, vs_cls cls, unsigned reg);
/* Is x's register one that this instruction may overwrite (x dies here or is the result)? */
bool vs_reg_dies(const vstate *v, uint32_t x, uint32_t result);
/* Registers of cls free for a new value: usable, caching nothing, not locked. */
static inline uint32_t vs_free_regs(const vstate *v, vs_cls cls)
{
  return v->usable[cls] & ~v->cached[cls] & ~v->locked[cls];
}
/* The register that will hold the new value of slot r: its pinned register, else `reuse`
 * (a register this instruction may overwrite, or -1), else a free one.  Marks r dirty. */
unsigned vs_def_slow(vstate *v, uint32_t r, vs_cls cls, uint8_t type, int reuse);
static inline unsigned vs_def(vstate *v, uint32_t r, vs_cls cls, uint8_t type, int reuse)
{
  vs_slot *s = &v->slots[r];
  if (s->pinned && s->cls == cls) { /* a pinned local: its register, now ahead of its slot */
    s->dirty = 1;
    v->locked[cls] |= 1u << s->reg;
    return s->reg;
  }
  /* the two commonest cases of the rest, inline; neither involves a v128 (which spans two slots) */
  if (type != 0x7B && !(r > 0 && s[-1].type == 0x7B)) {
    uint32_t free = vs_free_regs(v, cls);
    if (s->kind == VS_MEM && reuse < 0 && free) { /* a new value in a free register */
      unsigned reg = (unsigned)__builtin_ctz(free);
      *s = (vs_slot){VS_REG, (uint8_t)reg, (uint8_t)cls, 1, type, 0, {0}, 0};
      v->regs[cls][reg].slot = (int32_t)r;
      v->cached[cls] |= 1u << reg;
      v->locked[cls] |= 1u << reg;
      return reg;
    }
    if (s->kind == VS_REG && s->cls == cls && (int)s->reg == reuse) { /* r = r op ...: in place */
      s->dirty = 1;
      s->type = type;
      v->locked[cls] |= 1u << s->reg;
      return s->reg;
    }
  }
  return vs_def_slow(v, r, cls, type, reuse);
}
/* Slot r now holds the constant operand k (not yet written anywhere). */
void vs_def_const(vstate *v, uint32_t r, uint32_t k, uint8_t type);
/* Slot r was written in the frame by other means (a helper, a callee): drop any cached copy. */
void vs_def_mem(vstate *v, uint32_t r, uint8_t slots);
/* Stack slot x has been consumed: its value is dead, its register free (nothing written). */
void vs_kill(vstate *v, uint32_t x);
/* The same for x known to be a stack slot (never a constant operand, never pinned); the test
 * inline, since most consumed values are already only in the frame. */
void vs_drop(vstate *v, uint32_t x);
static inline void vs_kill_stack(vstate *v, uint32_t x)
{
  if (v->slots[x].kind != VS_MEM)
    vs_drop(v, x);
}
void vs_end_inst(vstate *v);
/* Asserts that the registers and slots agree (after every instruction in builds with asserts;
 * the unit tests call it). */
bool vs_check(const vstate *v);

/* Writes every dirty value to the frame (registers stay valid: flags are not touched). */
void vs_flush(vstate *v);
/* Flush, then forget every unpinned cached value. */
void vs_forget(vstate *v);
/* At a branch target: forget, and count every pinned local's frame copy as stale (the state
 * the walk has here is only one of the paths that meet). */
void vs_join(vstate *v);
/* Before a call (which clobbers caller-saved registers): flush, forget every value in a
 * clobbered register, and write back clobbered pinned locals; vs_after_call reloads those
 * (except the ones in dead_pins, which it then clears). */
void vs_before_call(vstate *v);
void vs_after_call(vstate *v);
/* Writes slot x to the frame if its frame copy is stale (for code that reads the frame). */
void vs_sync(vstate *v, uint32_t x);

/* Stores register reg of cls to slot (type decides the width), and loads it back. */
void vs_store(x64_buf *b, vs_cls cls, unsigned reg, uint32_t slot, uint8_t type);
void vs_load(x64_buf *b, vs_cls cls, unsigned reg, uint32_t slot, uint8_t type);
/* Loads a 64-bit constant into a register of cls (xmm constants go through r11 when needed). */
void vs_load_imm(vstate *v, vs_cls cls, unsigned reg, uint64_t value, uint8_t type, uint32_t k);

#endif
