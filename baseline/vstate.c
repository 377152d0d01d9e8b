/* vstate.c: the baseline compiler's value state: slot locations, the register cache, spills. */
#include "baseline/vstate.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "wasmlab.h"
#include "core/ir.h"

/* r12 (thread), r13 (instance), r14 (memory base), r15 (frame) and rsp are never allocated
 * (docs/abi.md).  rbx and rbp survive calls, so a function that uses them must save them: they
 * hold only pinned locals (vs_pin), whose registers the prologue saves. */
static const bool gpr_allocatable[16] = {
  [X64_RAX] = true, [X64_RCX] = true, [X64_RDX] = true, [X64_RSI] = true, [X64_RDI] = true,
  [X64_R8] = true, [X64_R9] = true, [X64_R10] = true, [X64_R11] = true,
};

bool vs_init(vstate *v, x64_buf *b, uint32_t nslots, const uint64_t *consts)
{
  v->b = b;
  v->consts = consts;
  if (nslots + 2 > v->cap) {
    uint32_t cap = nslots + 2 > 64 ? nslots + 2 : 64;
    vs_slot *p = realloc(v->slots, cap * sizeof *p);
    uint32_t *q = realloc(v->const_slots, cap * sizeof *q);
    uint32_t *at = realloc(v->const_at, cap * sizeof *at);
    if (p)
      v->slots = p;
    if (q)
      v->const_slots = q;
    if (at)
      v->const_at = at;
    if (!p || !q || !at)
      return false;
    v->cap = v->const_cap = cap;
  }
  v->nslots = nslots;
  memset(v->slots, 0, (nslots + 2) * sizeof *v->slots);
  for (unsigned r = 0; r < 16; r++) {
    v->regs[VS_GPR][r] = (vs_regstate){-1, gpr_allocatable[r], false, r == X64_RBX || r == X64_RBP};
    v->regs[VS_XMM][r] = (vs_regstate){-1, true, false, false};
  }
  v->locked[0] = v->locked[1] = 0;
  v->cached[0] = v->cached[1] = 0;
  v->dead_pins[0] = v->dead_pins[1] = 0;
  v->pinned_regs[0] = v->pinned_regs[1] = 0;
  v->npins = 0;
  v->usable[VS_XMM] = 0xffff;
  v->usable[VS_GPR] = 0;
  for (unsigned r = 0; r < 16; r++)
    if (gpr_allocatable[r])
      v->usable[VS_GPR] |= 1u << r;
  v->nconst = 0;
  v->failed = false;
  return true;
}

void vs_free(vstate *v)
{
  free(v->slots);
  free(v->const_slots);
  free(v->const_at);
  memset(v, 0, sizeof *v);
}

void vs_pin(vstate *v, uint32_t slot, vs_cls cls, unsigned reg, uint8_t type, bool callee_saved)
{
  vs_slot *s = &v->slots[slot];
  *s = (vs_slot){VS_REG, (uint8_t)reg, (uint8_t)cls, 1, type, 1, {0}, 0};
  v->regs[cls][reg].slot = (int32_t)slot;
  v->regs[cls][reg].allocatable = true;
  v->regs[cls][reg].pinned = true;
  v->usable[cls] &= ~(1u << reg);
  v->pinned_regs[cls] |= 1u << reg;
  v->regs[cls][reg].callee_saved = callee_saved;
  /* one per register at most; kept sorted by slot, so that code loading every pin (the prologue,
   * OSR entries) does it in local order */
  if (v->npins < sizeof v->pin_slots / sizeof v->pin_slots[0]) {
    uint32_t at = v->npins++;
    for (; at > 0 && v->pin_slots[at - 1] > slot; at--)
      v->pin_slots[at] = v->pin_slots[at - 1];
    v->pin_slots[at] = slot;
  }
}

bool vs_is_pinned_reg(const vstate *v, vs_cls cls, unsigned reg) { return v->regs[cls][reg].pinned; }

/* ---- moving values between registers and the frame ---------------------------------------- */

static bool is_wide(uint8_t type) { return type == WLAB_I64 || type == WLAB_F64 || type == WLAB_FUNCREF || type == WLAB_EXTERNREF; }

void vs_store(x64_buf *b, vs_cls cls, unsigned reg, uint32_t slot, uint8_t type)
{
  x64_mem m = vs_slot_mem(slot);
  if (cls == VS_GPR) {
    if (is_wide(type))
      x64_mov_m64_r64(b, m, (x64_gpr)reg);
    else
      x64_mov_m32_r32(b, m, (x64_gpr)reg);
  } else if (type == WLAB_V128) {
    x64_movups_m128_xmm(b, m, (x64_xmm)reg);
  } else if (type == WLAB_F32) {
    x64_movss_m32_xmm(b, m, (x64_xmm)reg);
  } else {
    x64_movsd_m64_xmm(b, m, (x64_xmm)reg);
  }
}

void vs_load(x64_buf *b, vs_cls cls, unsigned reg, uint32_t slot, uint8_t type)
{
  x64_mem m = vs_slot_mem(slot);
  if (cls == VS_GPR) {
    if (is_wide(type))
      x64_mov_r64_m64(b, (x64_gpr)reg, m);
    else
      x64_mov_r32_m32(b, (x64_gpr)reg, m);
  } else if (type == WLAB_V128) {
    x64_movups_xmm_m128(b, (x64_xmm)reg, m);
  } else if (type == WLAB_F32) {
    x64_movss_xmm_m32(b, (x64_xmm)reg, m);
  } else {
    x64_movsd_xmm_m64(b, (x64_xmm)reg, m);
  }
}

/* Writes a constant to a slot without touching registers or flags. */
static void store_const(vstate *v, uint32_t slot, uint32_t k, uint8_t type)
{
  x64_buf *b = v->b;
  uint32_t idx = IR_CONST_INDEX(k);
  uint64_t lo = v->consts[idx];
  uint64_t words[2] = {lo, type == WLAB_V128 ? v->consts[idx + 1] : 0};
  int n = type == WLAB_V128 ? 2 : 1;
  if (!is_wide(type) && type != WLAB_V128) {
    x64_mov_m32_imm32(b, vs_slot_mem(slot), (uint32_t)lo);
    return;
  }
  for (int i = 0; i < n; i++) {
    uint64_t w = words[i];
    x64_mem m = x64_mem_bd(VS_FP, (int32_t)(slot * 8 + 8 * (unsigned)i));
    if (w == (uint64_t)(int64_t)(int32_t)w) {
      x64_mov_m64_simm32(b, m, (int32_t)w);
    } else {
      x64_mov_m32_imm32(b, m, (uint32_t)w);
      m.disp += 4;
      x64_mov_m32_imm32(b, m, (uint32_t)(w >> 32));
    }
  }
}

void vs_load_imm(vstate *v, vs_cls cls, unsigned reg, uint64_t value, uint8_t type, uint32_t k)
{
  x64_buf *b = v->b;
  if (cls == VS_GPR) {
    if (value == 0)
      x64_xor_r32_r32(b, (x64_gpr)reg, (x64_gpr)reg);
    else if (is_wide(type))
      x64_mov_r64_imm(b, (x64_gpr)reg, value);
    else
      x64_mov_r32_imm32(b, (x64_gpr)reg, (uint32_t)value);
    return;
  }
  uint64_t hi = type == WLAB_V128 && IR_IS_CONST(k) ? v->consts[IR_CONST_INDEX(k) + 1] : 0;
  if (value == 0 && hi == 0) {
    x64_xorps_xmm_xmm(b, (x64_xmm)reg, (x64_xmm)reg);
    return;
  }
  unsigned t = vs_temp(v, VS_GPR);
  if (type == WLAB_F32)
    x64_mov_r32_imm32(b, (x64_gpr)t, (uint32_t)value);
  else
    x64_mov_r64_imm(b, (x64_gpr)t, value);
  if (type == WLAB_F32)
    x64_movd_xmm_r32(b, (x64_xmm)reg, (x64_gpr)t);
  else
    x64_movq_xmm_r64(b, (x64_xmm)reg, (x64_gpr)t);
  if (type == WLAB_V128 && hi) {
    x64_mov_r64_imm(b, (x64_gpr)t, hi);
    x64_pinsrq_xmm_r64_imm8(b, (x64_xmm)reg, (x64_gpr)t, 1);
  }
}

/* ---- the constant list ---------------------------------------------------------------------- */

/* slot, in VS_CONST, leaves the list: its place is known (const_at), so a function of many
 * constant locals does not scan the list at every definition */
static void const_list_remove(vstate *v, uint32_t slot)
{
  uint32_t i = v->const_at[slot], last = v->const_slots[--v->nconst];
  v->const_slots[i] = last;
  v->const_at[last] = i;
}

/* ---- registers ------------------------------------------------------------------------------- */

static void free_reg(vstate *v, vs_cls cls, unsigned reg)
{
  v->regs[cls][reg].slot = -1;
  v->cached[cls] &= ~(1u << reg);
}

/* reg of cls now caches slot (an unpinned value): flushes walk only these registers */
static void own_reg(vstate *v, vs_cls cls, unsigned reg, uint32_t slot)
{
  v->regs[cls][reg].slot = (int32_t)slot;
  v->cached[cls] |= 1u << reg;
}

/* Drops whatever slot x holds (register or constant); x becomes VS_MEM.  Nothing is written. */
static void drop(vstate *v, uint32_t x)
{
  vs_slot *s = &v->slots[x];
  if (s->pinned)
    return;
  if (s->kind == VS_REG)
    free_reg(v, (vs_cls)s->cls, s->reg);
  else if (s->kind == VS_CONST)
    const_list_remove(v, x);
  s->kind = VS_MEM;
  s->dirty = 0;
}

/* Writes slot x back if dirty. */
static void write_back(vstate *v, uint32_t x)
{
  vs_slot *s = &v->slots[x];
  if (!s->dirty)
    return;
  if (s->kind == VS_REG)
    vs_store(v->b, (vs_cls)s->cls, s->reg, x, s->type);
  else if (s->kind == VS_CONST)
    store_const(v, x, s->k, s->type);
  s->dirty = 0;
}

/* A v128 value occupies slots x and x+1: writing either one invalidates a cached v128 at x-1
 * or a cached value at x+1 (possible only when stack slots are reused with other types). */
static __attribute__((noinline, cold)) void clear_overlaps_slow(vstate *v, uint32_t x, uint8_t type)
{
  if (x > 0 && v->slots[x - 1].type == WLAB_V128 && v->slots[x - 1].kind != VS_MEM && !v->slots[x - 1].pinned) {
    write_back(v, x - 1);
    drop(v, x - 1);
  }
  if (type == WLAB_V128 && x + 1 < v->nslots && v->slots[x + 1].kind != VS_MEM && !v->slots[x + 1].pinned)
    drop(v, x + 1); /* overwritten entirely by the new v128 */
}

/* The test inline, the work (rare: v128 values) out of line, so that callers stay leaf-like. */
static inline void clear_overlaps(vstate *v, uint32_t x, uint8_t type)
{
  if ((x > 0 && v->slots[x - 1].type == WLAB_V128) || type == WLAB_V128)
    clear_overlaps_slow(v, x, type);
}

static __attribute__((noinline)) unsigned alloc_reg_evict(vstate *v, vs_cls cls);

/* Picks a register of cls to hold a new value: a free one, else an unlocked one whose value is
 * written back first (see vstate.h). */
static inline unsigned alloc_reg(vstate *v, vs_cls cls)
{
  uint32_t free = vs_free_regs(v, cls);
  if (free) /* the common case: no scan */
    return (unsigned)__builtin_ctz(free);
  return alloc_reg_evict(v, cls);
}

static unsigned alloc_reg_evict(vstate *v, vs_cls cls)
{
  int best = -1, best_clean = -1;
  for (unsigned r = 0; r < 16; r++) {
    vs_regstate *rs = &v->regs[cls][r];
    if (!rs->allocatable || rs->pinned || (v->locked[cls] >> r & 1))
      continue;
    if (rs->slot < 0)
      return r;
    if (!v->slots[rs->slot].dirty && (best_clean < 0 || rs->slot < v->regs[cls][best_clean].slot))
      best_clean = (int)r;
    if (best < 0 || rs->slot < v->regs[cls][best].slot)
      best = (int)r;
  }
  if (best_clean >= 0)
    best = best_clean;
  if (best < 0) { /* every register locked: an instruction wanting more than there are */
    v->failed = true;
    return cls == VS_GPR ? X64_R11 : 15;
  }
  uint32_t owner = (uint32_t)v->regs[cls][best].slot;
  write_back(v, owner);
  drop(v, owner);
  return (unsigned)best;
}

static void lock(vstate *v, vs_cls cls, unsigned reg)
{
  v->locked[cls] |= 1u << reg;
}

unsigned vs_temp(vstate *v, vs_cls cls)
{
  unsigned r = alloc_reg(v, cls);
  lock(v, cls, r);
  return r;
}

void vs_take(vstate *v, vs_cls cls, unsigned reg)
{
  vs_regstate *rs = &v->regs[cls][reg];
  if (rs->slot >= 0 && !rs->pinned) {
    uint32_t owner = (uint32_t)rs->slot;
    vs_slot *s = &v->slots[owner];
    if (v->locked[cls] >> reg & 1) {
      /* an operand of this very instruction: move it, keep it usable under its new name */
      unsigned nr = alloc_reg(v, cls);
      if (cls == VS_GPR)
        x64_mov_r64_r64(v->b, (x64_gpr)nr, (x64_gpr)reg);
      else
        x64_movaps_xmm_xmm(v->b, (x64_xmm)nr, (x64_xmm)reg);
      s->reg = (uint8_t)nr;
      own_reg(v, cls, nr, owner);
      lock(v, cls, nr);
    } else {
      write_back(v, owner);
      drop(v, owner);
    }
  } else if (rs->pinned || (v->locked[cls] >> reg & 1)) {
    /* pinned registers are never ones an instruction needs by name, and a scratch register
     * already handed out must be asked for first: either is a compiler bug, caught here */
    v->failed = true;
  }
  free_reg(v, cls, reg);
  lock(v, cls, reg);
}

/* ---- operands ---------------------------------------------------------------------------- */

uint64_t vs_const_value(const vstate *v, uint32_t x)
{
  uint32_t k = IR_IS_CONST(x) ? x : v->slots[x].k;
  return v->consts[IR_CONST_INDEX(k)];
}

unsigned vs_use_slow(vstate *v, uint32_t x, vs_cls cls, uint8_t type)
{
  if (IR_IS_CONST(x)) {
    unsigned r = vs_temp(v, cls);
    vs_load_imm(v, cls, r, v->consts[IR_CONST_INDEX(x)], type, x);
    return r;
  }
  vs_slot *s = &v->slots[x];
  if (s->kind == VS_REG && s->cls == cls) {
    lock(v, cls, s->reg);
    return s->reg;
  }
  if (s->kind == VS_REG) { /* cached in the other class (only after a type pun): go through memory */
    write_back(v, x);
    drop(v, x);
  }
  if (s->pinned) { /* a pinned register of another class than the use: cannot happen in valid code */
    v->failed = true;
    return s->reg;
  }
  unsigned r = alloc_reg(v, cls);
  lock(v, cls, r);
  if (s->kind == VS_CONST) {
    uint32_t k = s->k;
    const_list_remove(v, x);
    vs_load_imm(v, cls, r, v->consts[IR_CONST_INDEX(k)], type, k);
    s->dirty = 1;
  } else {
    vs_load(v->b, cls, r, x, type);
    s->dirty = 0;
  }
  s->kind = VS_REG;
  s->cls = (uint8_t)cls;
  s->reg = (uint8_t)r;
  s->type = type;
  own_reg(v, cls, r, x);
  return r;
}

bool vs_reg_dies(const vstate *v, uint32_t x, uint32_t result)
{
  return !IR_IS_CONST(x) && x == result && !v->slots[x].pinned;
}

/* vs_def's other cases (the pinned one is inline in vstate.h). */
unsigned vs_def_slow(vstate *v, uint32_t r, vs_cls cls, uint8_t type, int reuse)
{
  vs_slot *s = &v->slots[r];
  if (s->pinned) {
    if (s->cls != cls)
      v->failed = true;
    s->dirty = 1;
    lock(v, cls, s->reg);
    return s->reg;
  }
  clear_overlaps(v, r, type);
  unsigned reg;
  if (reuse >= 0 && !v->regs[cls][reuse].pinned) {
    reg = (unsigned)reuse;
    int32_t owner = v->regs[cls][reg].slot;
    if (owner >= 0 && (uint32_t)owner != r)
      drop(v, (uint32_t)owner); /* its value dies with this instruction */
  } else if (s->kind == VS_REG && s->cls == cls) {
    reg = s->reg; /* overwrite the slot's own register */
  } else {
    reg = alloc_reg(v, cls);
  }
  if (s->kind == VS_REG && (s->reg != reg || s->cls != cls))
    free_reg(v, (vs_cls)s->cls, s->reg);
  else if (s->kind == VS_CONST)
    const_list_remove(v, r);
  s->kind = VS_REG;
  s->cls = (uint8_t)cls;
  s->reg = (uint8_t)reg;
  s->type = type;
  s->dirty = 1;
  own_reg(v, cls, reg, r);
  lock(v, cls, reg);
  return reg;
}

void vs_def_const(vstate *v, uint32_t r, uint32_t k, uint8_t type)
{
  vs_slot *s = &v->slots[r];
  if (s->pinned) {
    unsigned reg = s->reg;
    lock(v, (vs_cls)s->cls, reg);
    vs_load_imm(v, (vs_cls)s->cls, reg, v->consts[IR_CONST_INDEX(k)], type, k);
    s->dirty = 1;
    return;
  }
  clear_overlaps(v, r, type);
  if (s->kind == VS_REG)
    free_reg(v, (vs_cls)s->cls, s->reg);
  if (s->kind != VS_CONST) {
    if (v->nconst >= v->const_cap) {
      v->failed = true;
      return;
    }
    v->const_at[r] = v->nconst;
    v->const_slots[v->nconst++] = r;
  }
  s->kind = VS_CONST;
  s->k = k;
  s->type = type;
  s->dirty = 1;
}

void vs_def_mem(vstate *v, uint32_t r, uint8_t nslots)
{
  for (uint32_t x = r; x < r + nslots && x < v->nslots; x++) {
    if (v->slots[x].pinned) {
      vs_slot *s = &v->slots[x];
      vs_load(v->b, (vs_cls)s->cls, s->reg, x, s->type);
      s->dirty = 0;
      continue;
    }
    clear_overlaps(v, x, 0);
    drop(v, x);
  }
}

void vs_drop(vstate *v, uint32_t x) { drop(v, x); }

void vs_kill(vstate *v, uint32_t x)
{
  if (IR_IS_CONST(x) || v->slots[x].kind == VS_MEM || v->slots[x].pinned)
    return;
  drop(v, x);
}

void vs_end_inst(vstate *v)
{
  v->locked[0] = v->locked[1] = 0;
  assert(vs_check(v) && "the value state is inconsistent");
}

bool vs_check(const vstate *v)
{
  for (unsigned c = 0; c < 2; c++)
    for (unsigned r = 0; r < 16; r++) {
      const vs_regstate *rs = &v->regs[c][r];
      bool cached = v->cached[c] >> r & 1;
      if (rs->slot < 0) {
        if (cached)
          return false; /* a free register marked as caching a slot */
        continue;
      }
      const vs_slot *s = &v->slots[rs->slot];
      if (s->kind != VS_REG || s->cls != c || s->reg != r || cached == (bool)rs->pinned)
        return false; /* the register's slot is elsewhere, or the cache mask disagrees */
    }
  for (uint32_t i = 0; i < v->nconst; i++)
    if (v->slots[v->const_slots[i]].kind != VS_CONST)
      return false;
  return true;
}

/* ---- joins and calls -------------------------------------------------------------------------- */

void vs_flush(vstate *v)
{
  for (unsigned c = 0; c < 2; c++)
    for (uint32_t m = v->cached[c]; m; m &= m - 1)
      write_back(v, (uint32_t)v->regs[c][__builtin_ctz(m)].slot);
  for (uint32_t i = 0; i < v->nconst; i++)
    write_back(v, v->const_slots[i]);
}

void vs_forget(vstate *v)
{
  /* vs_flush and then drop every cached value, in one walk */
  for (unsigned c = 0; c < 2; c++) {
    for (uint32_t m = v->cached[c]; m; m &= m - 1) {
      vs_regstate *rs = &v->regs[c][__builtin_ctz(m)];
      vs_slot *s = &v->slots[rs->slot];
      if (s->dirty)
        vs_store(v->b, (vs_cls)c, s->reg, (uint32_t)rs->slot, s->type);
      s->kind = VS_MEM;
      s->dirty = 0;
      rs->slot = -1;
    }
    v->cached[c] = 0;
  }
  for (uint32_t i = 0; i < v->nconst; i++) {
    uint32_t x = v->const_slots[i];
    vs_slot *s = &v->slots[x];
    if (s->dirty)
      store_const(v, x, s->k, s->type);
    s->kind = VS_MEM;
    s->dirty = 0;
  }
  v->nconst = 0;
}

void vs_join(vstate *v)
{
  vs_forget(v);
  for (uint32_t k = 0; k < v->npins; k++) /* another path in may have changed them: frame copies are stale */
    v->slots[v->pin_slots[k]].dirty = 1;
}

void vs_before_call(vstate *v)
{
  vs_forget(v);
  for (unsigned c = 0; c < 2; c++)
    for (uint32_t m = v->pinned_regs[c] & ~v->dead_pins[c]; m; m &= m - 1) {
      vs_regstate *rs = &v->regs[c][__builtin_ctz(m)];
      if (!rs->callee_saved)
        write_back(v, (uint32_t)rs->slot);
    }
}

void vs_sync(vstate *v, uint32_t x)
{
  if (!IR_IS_CONST(x))
    write_back(v, x);
}

void vs_after_call(vstate *v)
{
  for (unsigned c = 0; c < 2; c++) {
    for (uint32_t m = v->pinned_regs[c]; m; m &= m - 1) {
      unsigned r = (unsigned)__builtin_ctz(m);
      vs_regstate *rs = &v->regs[c][r];
      if (rs->callee_saved)
        continue;
      vs_slot *s = &v->slots[rs->slot];
      if (v->dead_pins[c] >> r & 1) {
        s->dirty = 1; /* garbage until its next write, which comes before any read */
        continue;
      }
      vs_load(v->b, (vs_cls)c, r, (uint32_t)rs->slot, s->type);
    }
    v->dead_pins[c] = 0;
  }
}
