/* emit.c: the optimising tier's code generator driver: frame, blocks in layout order, the register allocator's moves, control flow, calls, memory, globals, tables, helpers, traps. */
#include "opt/emit.h"

#include <stdlib.h>
#include <string.h>

/*
 * One walk over the blocks in the allocator's order.  Per block: its label; the moves of its
 * incoming edge when it is the only successor-side place for them; the moves at its start;
 * then each instruction, followed by the moves the allocator placed after it.  A block with
 * one successor makes the moves of that edge before its jump; the lowering split every
 * critical edge, so every edge has one of the two places.  Traps, slow calls and budget
 * refills are out-of-line stubs after the last block, then the 16-byte constants and the
 * instructions C helpers read.
 *
 * Scratch: r10 (T0) and r11 (T1), xmm14 (X0) and xmm15 (X1).  Within one instruction the
 * emitter files use them freely; the moves between instructions use T1/X1 to break cycles and
 * T0/X0 for memory-to-memory moves.
 */

#define THREAD(field) x64_mem_bd(X64_R12, (int32_t)offsetof(jitrt_thread, field))
#define HELPER(id) x64_mem_bd(X64_R12, (int32_t)(offsetof(jitrt_thread, helpers) + 8 * (size_t)(id)))
#define SLOT(k) x64_mem_bd(X64_R15, (int32_t)(8 * (k)))

bool opt_emit_fail(emitter *e, const char *why)
{
  if (!e->error[0])
    snprintf(e->error, sizeof e->error, "%s", why);
  return false;
}

static bool grow(void **p, uint32_t *cap, uint32_t need, size_t elem)
{
  if (need <= *cap)
    return true;
  uint32_t c = *cap ? *cap * 2 : 16;
  while (c < need)
    c *= 2;
  void *q = realloc(*p, (size_t)c * elem);
  if (!q)
    return false;
  *p = q;
  *cap = c;
  return true;
}

/* ---- locations ------------------------------------------------------------------------------ */

ra_loc opt_loc_use(emitter *e, ssa_id v)
{
  ra_loc l = ra_where(e->ra, v, e->cur_pos);
  if (l.kind == RA_LOC_NONE) { /* a constant: in a register through this loop (loopconst.c)? */
    int r = opt_loop_const_reg(e, v);
    if (r >= 0)
      l = (ra_loc){RA_LOC_REG, ra_class_of(e->f->insts[v].type), (uint8_t)r, 0};
  }
  return l;
}
ra_loc opt_loc_def(emitter *e, ssa_id v) { return ra_where(e->ra, v, e->cur_pos + 2); }

x64_mem opt_spill_mem(emitter *e, uint32_t offset)
{
  (void)e;
  return x64_mem_bd(X64_RSP, (int32_t)offset);
}

void opt_load_const(emitter *e, unsigned reg, ssa_id v)
{
  x64_buf *b = e->b;
  const ssa_inst *in = &e->f->insts[v];
  uint8_t t = in->type;
  if (ra_class_of(t) == RA_GPR) {
    if (t == WLAB_I32) {
      if ((uint32_t)in->imm == 0)
        x64_xor_r32_r32(b, (x64_gpr)reg, (x64_gpr)reg);
      else
        x64_mov_r32_imm32(b, (x64_gpr)reg, (uint32_t)in->imm);
    } else if (in->imm == 0) {
      x64_xor_r32_r32(b, (x64_gpr)reg, (x64_gpr)reg);
    } else {
      x64_mov_r64_imm(b, (x64_gpr)reg, in->imm);
    }
    return;
  }
  if (t == WLAB_V128) {
    if (in->imm == 0 && in->imm2 == 0)
      x64_pxor_xmm_xmm(b, (x64_xmm)reg, (x64_xmm)reg);
    else
      x64_movdqu_xmm_m128(b, (x64_xmm)reg, opt_const128_mem(e, in->imm, in->imm2));
    return;
  }
  uint64_t bits = t == WLAB_F32 ? (uint32_t)in->imm : in->imm;
  if (bits == 0) {
    x64_xorps_xmm_xmm(b, (x64_xmm)reg, (x64_xmm)reg);
    return;
  }
  /* from the pool, [rip + constant]: one load, where movabs and movq took two instructions and r10 */
  if (t == WLAB_F32)
    x64_movss_xmm_m32(b, (x64_xmm)reg, opt_const128_mem(e, bits, 0));
  else
    x64_movsd_xmm_m64(b, (x64_xmm)reg, opt_const128_mem(e, bits, 0));
}

void opt_load_loc(emitter *e, unsigned reg, ra_loc from, uint8_t t, ssa_id v)
{
  x64_buf *b = e->b;
  if (from.kind == RA_LOC_NONE) {
    int r = opt_loop_const_reg(e, v);
    if (r < 0)
      opt_load_const(e, reg, v);
    else
      from = (ra_loc){RA_LOC_REG, ra_class_of(t), (uint8_t)r, 0};
  }
  if (from.kind == RA_LOC_NONE)
    return;
  if (from.kind == RA_LOC_REG) {
    if (from.reg == reg)
      return;
    if (ra_class_of(t) == RA_GPR) {
      if (t == WLAB_I32)
        x64_mov_r32_r32(b, (x64_gpr)reg, (x64_gpr)from.reg);
      else
        x64_mov_r64_r64(b, (x64_gpr)reg, (x64_gpr)from.reg);
    } else {
      x64_movaps_xmm_xmm(b, (x64_xmm)reg, (x64_xmm)from.reg);
    }
    return;
  }
  x64_mem m = opt_spill_mem(e, from.offset);
  switch (t) {
  case WLAB_I32: x64_mov_r32_m32(b, (x64_gpr)reg, m); break;
  case WLAB_F32: x64_movss_xmm_m32(b, (x64_xmm)reg, m); break;
  case WLAB_F64: x64_movsd_xmm_m64(b, (x64_xmm)reg, m); break;
  case WLAB_V128: x64_movdqu_xmm_m128(b, (x64_xmm)reg, m); break;
  default: x64_mov_r64_m64(b, (x64_gpr)reg, m); break;
  }
}

void opt_store_loc(emitter *e, ra_loc to, unsigned reg, uint8_t t)
{
  x64_buf *b = e->b;
  if (to.kind == RA_LOC_REG) {
    ra_loc from = {RA_LOC_REG, ra_class_of(t), (uint8_t)reg, 0};
    opt_load_loc(e, to.reg, from, t, SSA_NONE);
    return;
  }
  x64_mem m = opt_spill_mem(e, to.offset);
  switch (t) {
  case WLAB_I32: x64_mov_m32_r32(b, m, (x64_gpr)reg); break;
  case WLAB_F32: x64_movss_m32_xmm(b, m, (x64_xmm)reg); break;
  case WLAB_F64: x64_movsd_m64_xmm(b, m, (x64_xmm)reg); break;
  case WLAB_V128: x64_movdqu_m128_xmm(b, m, (x64_xmm)reg); break;
  default: x64_mov_m64_r64(b, m, (x64_gpr)reg); break;
  }
}

x64_gpr opt_gpr(emitter *e, ssa_id v, x64_gpr tmp)
{
  ra_loc l = opt_loc_use(e, v);
  if (l.kind == RA_LOC_REG)
    return (x64_gpr)l.reg;
  opt_load_loc(e, tmp, l, e->f->insts[v].type, v);
  return tmp;
}

x64_xmm opt_xmm(emitter *e, ssa_id v, x64_xmm tmp)
{
  ra_loc l = opt_loc_use(e, v);
  if (l.kind == RA_LOC_REG)
    return (x64_xmm)l.reg;
  opt_load_loc(e, tmp, l, e->f->insts[v].type, v);
  return tmp;
}

x64_gpr opt_def_gpr(emitter *e, x64_gpr tmp)
{
  ra_loc l = opt_loc_def(e, e->cur);
  return l.kind == RA_LOC_REG ? (x64_gpr)l.reg : tmp;
}

x64_xmm opt_def_xmm(emitter *e, x64_xmm tmp)
{
  ra_loc l = opt_loc_def(e, e->cur);
  return l.kind == RA_LOC_REG ? (x64_xmm)l.reg : tmp;
}

void opt_def_done(emitter *e, unsigned reg)
{
  ra_loc l = opt_loc_def(e, e->cur);
  if (l.kind == RA_LOC_STACK)
    opt_store_loc(e, l, reg, e->f->insts[e->cur].type);
}

/* What choose_fusions decided for an instruction (e->fused). */
enum {
  OPT_FUSED_NONE,
  OPT_FUSED_FLAGS,   /* a compare: flags for the branch (or the fused and) right after it */
  OPT_FUSED_FIRST,   /* the first compare of a fused and: jumps to the false edge when false */
  OPT_FUSED_AND,     /* an and of two fused compares: nothing, the second one's flags stand */
  OPT_FUSED_RMW,     /* a load whose add and store follow: one add to memory (choose_rmw) */
  OPT_FUSED_NOTHING, /* that add and that store: emitted with the load */
  OPT_FUSED_LEA,     /* an add whose operand is the shift by 1-3 right before it: one lea (choose_lea) */
  OPT_FUSED_LOADOP,  /* an add, sub, and, or, xor or mul of the load before it (NOTHING): a memory operand */
  OPT_FUSED_CMOV,    /* a select of the compare before it (FLAGS), or of the run of selects before it: a cmov */
  OPT_FUSED_ANDN,    /* an and of the xor with -1 before it (NOTHING): one andn (andn_chain, BMI1) */
  OPT_FUSED_KEEP,    /* an add of a constant between a compare (FLAGS) and its branch: a lea, which
                      * leaves the flags */
};

/* ---- moves -------------------------------------------------------------------------------- */

static void emit_move(emitter *e, const ra_move *m)
{
  uint8_t t = m->type;
  bool gpr = ra_class_of(t) == RA_GPR;
  if (m->to.kind == RA_LOC_REG) {
    opt_load_loc(e, m->to.reg, m->from, t, m->value);
    return;
  }
  if (m->from.kind == RA_LOC_REG) {
    opt_store_loc(e, m->to, m->from.reg, t);
    return;
  }
  /* memory or constant to memory: through T0 / X0 */
  unsigned tmp = gpr ? (unsigned)OPT_T0 : (unsigned)OPT_X0;
  opt_load_loc(e, tmp, m->from, t, m->value);
  opt_store_loc(e, m->to, tmp, t);
}

static bool emit_moves(emitter *e, const ra_move *ms, uint32_t n)
{
  if (n == UINT32_MAX)
    return opt_emit_fail(e, "too many values meet at one point");
  for (uint32_t i = 0; i < n; i++)
    emit_move(e, &ms[i]);
  return true;
}

static bool moves_at(emitter *e, uint32_t p)
{
  ra_move ms[160];
  return emit_moves(e, ms, ra_moves_at(e->ra, p, ms, 160));
}

static bool edge_moves(emitter *e, uint32_t from, uint32_t edge)
{
  ra_move ms[160];
  return emit_moves(e, ms, ra_edge_moves(e->ra, from, edge, ms, 160));
}

/* ---- stubs, traps, constants ------------------------------------------------------------------ */

static bool frame_is_on(const emitter *e) { return e->frame_on && e->frame_on[e->cur_block]; }

/* What an edge from block a to block b may have to set up or tear down: the native frame, r15's
 * save (plan_r15_blocks).  Equal: nothing, so a jump may skip a block between them. */
static unsigned frame_state(const emitter *e, uint32_t b)
{
  return e->frame_on[b] | (e->r15_on ? (unsigned)e->r15_on[b] << 1 : 0u);
}

static opt_stub *add_stub(emitter *e, opt_stub_kind kind, uint8_t trap)
{
  if (!grow((void **)&e->stubs, &e->stubs_cap, e->nstubs + 1, sizeof *e->stubs)) {
    opt_emit_fail(e, "out of memory");
    static _Thread_local opt_stub sink; /* each compiling thread's */
    sink.label = x64_label(e->b);
    return &sink;
  }
  opt_stub *s = &e->stubs[e->nstubs++];
  memset(s, 0, sizeof *s);
  s->kind = (uint8_t)kind;
  s->trap = trap;
  s->label = x64_label(e->b);
  s->ir = e->cur ? e->f->insts[e->cur].ir : 0;
  s->origin = e->cur ? e->f->insts[e->cur].origin : e->f->func_index;
  /* the stack checks come before the frame is set up, wherever they are */
  s->framed = trap != TRAP_STACK_EXHAUSTED && frame_is_on(e);
  return s;
}

x64_label_id opt_trap_label(emitter *e, uint8_t trap) { return add_stub(e, OSTUB_TRAP, trap)->label; }

static void push_site_framed(emitter *e, opt_site **v, uint32_t *n, uint32_t *cap, uint32_t pc, uint32_t ir,
                             uint32_t origin, bool framed)
{
  bool faults = v == &e->faults;
  uint8_t **fr = faults ? &e->fault_framed : &e->site_framed;
  uint32_t *frcap = faults ? &e->fault_framed_cap : &e->site_framed_cap;
  if (!grow((void **)v, cap, *n + 1, sizeof **v) || !grow((void **)fr, frcap, *n + 1, 1)) {
    opt_emit_fail(e, "out of memory");
    return;
  }
  (*fr)[*n] = framed;
  (*v)[(*n)++] = (opt_site){pc, ir, origin};
}

static void push_site(emitter *e, opt_site **v, uint32_t *n, uint32_t *cap, uint32_t pc, uint32_t ir, uint32_t origin)
{
  push_site_framed(e, v, n, cap, pc, ir, origin, frame_is_on(e));
}

/* A wasm call's return address, just emitted: a site a trap's trace maps to this call (calls
 * run with the frame set up). */
static void call_site(emitter *e)
{
  push_site_framed(e, &e->sites, &e->nsites, &e->sites_cap, (uint32_t)(x64_here(e->b) - e->start),
                   e->cur ? e->f->insts[e->cur].ir : 0, e->cur ? e->f->insts[e->cur].origin : e->f->func_index,
                   true);
}

/* The fault handler takes the nearest note at or before the faulting pc (opt/tier.c). */
void opt_note_fault(emitter *e)
{
  if (e->explicit_bounds)
    return;
  push_site(e, &e->faults, &e->nfaults, &e->faults_cap, (uint32_t)(x64_here(e->b) - e->start),
            e->f->insts[e->cur].ir, e->f->insts[e->cur].origin);
}

x64_label_id opt_const128(emitter *e, uint64_t lo, uint64_t hi)
{
  for (uint32_t i = 0; i < e->npool; i++)
    if (e->pool[i].lo == lo && e->pool[i].hi == hi)
      return e->pool[i].label;
  if (!grow((void **)&e->pool, &e->pool_cap, e->npool + 1, sizeof *e->pool)) {
    opt_emit_fail(e, "out of memory");
    return x64_label(e->b);
  }
  e->pool[e->npool] = (struct opt_pool){lo, hi, x64_label(e->b)};
  return e->pool[e->npool++].label;
}

x64_mem opt_const128_mem(emitter *e, uint64_t lo, uint64_t hi)
{
  return x64_mem_label(opt_const128(e, lo, hi));
}

static void call_helper(emitter *e, unsigned helper, bool can_trap)
{
  if (!e->frame_on[e->cur_block])
    opt_emit_fail(e, "a helper call in a block without the native frame");
  x64_call_m64(e->b, HELPER(helper));
  if (can_trap) {
    opt_stub *s = add_stub(e, OSTUB_TRAP_EAX, 0);
    x64_test_r32_r32(e->b, X64_RAX, X64_RAX);
    x64_jcc_label(e->b, X64_CC_NE, s->label);
  }
}

static void budget_tick(emitter *e)
{
  if (!e->budget)
    return;
  opt_stub *s = add_stub(e, OSTUB_BUDGET, 0);
  s->resume = x64_label(e->b);
  x64_sub_m32_imm32(e->b, THREAD(budget), 1);
  x64_jcc_label(e->b, X64_CC_S, s->label);
  x64_bind(e->b, s->resume);
}

static void emit_stubs(emitter *e)
{
  x64_buf *b = e->b;
  for (uint32_t i = 0; i < e->nstubs; i++) {
    opt_stub *s = &e->stubs[i];
    x64_bind(b, s->label);
    switch (s->kind) {
    case OSTUB_TRAP:
      x64_mov_r32_imm32(b, X64_RDI, s->trap);
      x64_call_m64(b, HELPER(JITRT_H_TRAP));
      push_site_framed(e, &e->sites, &e->nsites, &e->sites_cap, (uint32_t)(x64_here(b) - e->start), s->ir, s->origin,
                       s->framed);
      break;
    case OSTUB_TRAP_EAX:
      x64_mov_r32_r32(b, X64_RDI, X64_RAX);
      x64_call_m64(b, HELPER(JITRT_H_TRAP));
      push_site_framed(e, &e->sites, &e->nsites, &e->sites_cap, (uint32_t)(x64_here(b) - e->start), s->ir, s->origin,
                       s->framed);
      break;
    case OSTUB_CALL_SLOW:
      x64_call_m64(b, HELPER(JITRT_H_CALL_SLOW));
      push_site_framed(e, &e->sites, &e->nsites, &e->sites_cap, (uint32_t)(x64_here(b) - e->start), s->ir, s->origin,
                       s->framed);
      x64_jmp_label(b, s->resume);
      break;
    case OSTUB_BUDGET:
      x64_call_m64(b, HELPER(JITRT_H_BUDGET));
      push_site_framed(e, &e->sites, &e->nsites, &e->sites_cap, (uint32_t)(x64_here(b) - e->start), s->ir, s->origin,
                       s->framed);
      x64_jmp_label(b, s->resume);
      break;
    }
  }
}

/* ---- the frame ------------------------------------------------------------------------------ */

static uint32_t type_slots(const wlab_valtype *t, uint32_t n)
{
  uint32_t s = 0;
  for (uint32_t i = 0; i < n; i++)
    s += ir_type_slots((uint8_t)t[i]);
  return s;
}

static const functype *callee_type(emitter *e, ssa_id v)
{
  const ssa_inst *in = &e->f->insts[v];
  const wlab_module *m = e->m;
  if (in->op == IR_CALL || in->op == IR_RETURN_CALL)
    return &m->types[m->funcs[in->imm].type_index];
  return &m->types[in->imm];
}

/* The value-stack slots the frame needs: arguments and results of this function and of every
 * call (all at slot 0), and 8 slots where C helpers find their operands. */
static void size_frame(emitter *e)
{
  ssa_func *f = e->f;
  uint32_t n = type_slots(f->type->params, f->type->nparams);
  uint32_t r = type_slots(f->type->results, f->type->nresults);
  if (r > n)
    n = r;
  bool cross = false;
  for (uint32_t i = 0; i < e->ra->norder; i++)
    for (ssa_id v = f->blocks[e->ra->order[i]].first; v; v = f->insts[v].next) {
      uint16_t op = f->insts[v].op;
      if (op != IR_CALL && op != IR_CALL_INDIRECT && op != IR_RETURN_CALL && op != IR_RETURN_CALL_INDIRECT)
        continue;
      const functype *ft = callee_type(e, v);
      uint32_t a = type_slots(ft->params, ft->nparams), res = type_slots(ft->results, ft->nresults);
      if (a > n)
        n = a;
      if (res > n)
        n = res;
      if (op == IR_CALL_INDIRECT || op == IR_RETURN_CALL_INDIRECT || f->insts[v].imm < e->m->nimported_funcs)
        cross = true;
    }
  e->scratch_slot = n;
  e->frame_slots = n + 8;
  e->save_r13 = cross;
}

/* The native frame's shape: the callee-saved registers the code uses, r13 when it calls another
 * instance, the spill area, padded so the body runs 16-byte aligned (rsp was 8 mod 16 on entry). */
static void plan_frame(emitter *e)
{
  unsigned pushes = (e->save_rbx ? 1u : 0u) + (e->save_rbp ? 1u : 0u) + (e->save_r13 ? 1u : 0u);
  uint32_t spill = (e->ra->spill_bytes + 15) & ~15u;
  e->r15_at = (int32_t)spill; /* r15's save (frame_register), above the spill slots */
  if (e->save_r15)
    spill += 8;
  if ((8 + 8 * pushes + spill) % 16)
    spill += 8;
  e->frame_bytes = (int32_t)(8 * pushes + spill);
  e->r13_at = (int32_t)spill; /* r13 is pushed last: just above the spill area */
}

/* The value-stack check, at the first entry only. */
static void prologue_frame(emitter *e)
{
  x64_buf *b = e->b;
  e->overflow = opt_trap_label(e, TRAP_STACK_EXHAUSTED);
  x64_lea_r64_m(b, OPT_T0, SLOT(e->frame_slots + 8));
  x64_cmp_r64_m64(b, OPT_T0, THREAD(vstack_end));
  x64_jcc_label(b, X64_CC_A, e->overflow);
  /* A call to this function itself comes in here: every call's frame starts at this frame's
   * slot 0 (r15 unchanged), so the value stack was checked for it already; the native stack
   * grows with every call and is checked where the frame is set up (enter_frame), on every
   * path that can call. */
  x64_bind(b, e->self_entry);
}

/* Sets up the native frame: the native-stack check, the saves, the spill area.  At the entry,
 * or on the edges into the blocks that need it (plan_frame_blocks). */
static void enter_frame(emitter *e)
{
  x64_buf *b = e->b;
  x64_cmp_r64_m64(b, X64_RSP, THREAD(native_limit));
  x64_jcc_label(b, X64_CC_B, e->overflow);
  if (e->save_rbx)
    x64_push_r64(b, X64_RBX);
  if (e->save_rbp)
    x64_push_r64(b, X64_RBP);
  if (e->save_r13)
    x64_push_r64(b, X64_R13);
  if (e->r13_at) /* the spill area and padding: everything below the saves */
    x64_sub_r64_imm32(b, X64_RSP, e->r13_at);
}

static void leave_frame(emitter *e)
{
  x64_buf *b = e->b;
  if (e->r13_at)
    x64_add_r64_imm32(b, X64_RSP, e->r13_at);
  if (e->save_r13)
    x64_pop_r64(b, X64_R13);
  if (e->save_rbp)
    x64_pop_r64(b, X64_RBP);
  if (e->save_rbx)
    x64_pop_r64(b, X64_RBX);
}

/* Marks every block that is both reachable from a marked block and reaches one: a region
 * (the native frame, r15's save) stays set up between two blocks that need it, so no path
 * tears it down and sets it up again, and a loop that needs it has it all round its back
 * edge.  stack has room for a block each; false when out of memory. */
static bool mark_between(const ssa_func *f, uint8_t *on, uint32_t *stack)
{
  uint8_t *reach = calloc(f->nblocks, 1); /* bit 0: reached from a marked block; bit 1: reaches one */
  if (!reach)
    return false;
  uint32_t top = 0;
  for (int dir = 0; dir < 2; dir++) {
    uint8_t bit = (uint8_t)(1u << dir);
    for (uint32_t b = 0; b < f->nblocks; b++)
      if (on[b])
        stack[top++] = b;
    while (top) {
      const ssa_block *bl = &f->blocks[stack[--top]];
      uint32_t m = dir == 0 ? bl->nsuccs : bl->npreds;
      for (uint32_t k = 0; k < m; k++) {
        uint32_t y = dir == 0 ? bl->succs[k].block : bl->preds[k].block;
        if (!(reach[y] & bit) && !on[y]) {
          reach[y] |= bit;
          stack[top++] = y;
        }
      }
    }
  }
  for (uint32_t b = 0; b < f->nblocks; b++)
    if (reach[b] == 3)
      on[b] = 1;
  free(reach);
  return true;
}

/*
 * Shrink-wrapping: which blocks run with the native frame set up.  A block needs it when it
 * calls (a function or a C helper: the native-stack check must come first on every path that
 * can recurse, and C wants rsp aligned) or when some value is in rbx or rbp or a spill slot
 * anywhere in it (its moves included: a value's ranges cover each block it is live in or moved
 * on the edges of).  So does a block between two such blocks (reached from one, reaching one):
 * every block of a loop that needs the frame, through its back edge, and of the loops around
 * it, so no set-up or tear-down runs inside them; and no path tears the frame down to set it
 * up again.  The rest go without: the paths before the first need (a recursive function's
 * early return, fib's n < 2, runs no check, no saves and no restores) and after the last.  An edge from a block without the frame to one with it sets it up before
 * its moves (which may write rbx, rbp or a slot), an edge the other way tears it down after
 * them, both at the place the edge's moves go (docs/abi.md: the lowering split every critical
 * edge).  With fuel or a timeout every block has the frame (the budget stub calls C).
 */
#define CALLER_SAVED_GPRS (1u << X64_RAX | 1u << X64_RCX | 1u << X64_RDX | 1u << X64_RSI | 1u << X64_RDI | 1u << X64_R8 | 1u << X64_R9)

static bool plan_frame_blocks(emitter *e)
{
  ssa_func *f = e->f;
  const regalloc *ra = e->ra;
  uint32_t n = ra->norder;
  if (!(e->frame_on = calloc(f->nblocks, 1)))
    return opt_emit_fail(e, "out of memory");
  if (e->budget) {
    memset(e->frame_on, 1, f->nblocks);
    return true;
  }
  for (uint32_t i = 0; i < n; i++)
    for (ssa_id v = f->blocks[ra->order[i]].first; v; v = f->insts[v].next)
      if ((ra->info[v].clobber[RA_GPR] & CALLER_SAVED_GPRS) == CALLER_SAVED_GPRS)
        e->frame_on[ra->order[i]] = 1;
  /* the blocks each range of a value in rbx, rbp or a slot overlaps, as a count of ranges open
   * at each block in layout order (+1 at its first block, -1 past its last) */
  int32_t *open = calloc(n + 1, sizeof *open);
  uint32_t *memo = malloc(f->nblocks * sizeof *memo); /* then a work list of blocks */
  uint32_t *index_at = malloc((ra->npos / 4 + 1) * sizeof *index_at); /* layout index by slot */
  if (!open || !memo || !index_at) {
    free(open);
    free(memo);
    free(index_at);
    return opt_emit_fail(e, "out of memory");
  }
  for (uint32_t i = 0; i < n; i++)
    for (uint32_t q = ra->header_pos[ra->order[i]] / 4; q < ra->end_pos[ra->order[i]] / 4 && q <= ra->npos / 4; q++)
      index_at[q] = i;
  for (uint32_t k = 0; k < ra->nivals; k++) {
    const ra_ival *it = &ra->ivals[k];
    bool saved_reg = it->cls == RA_GPR && (it->reg == X64_RBX || it->reg == X64_RBP || it->reg == X64_R15);
    if (!saved_reg && ra->slot_of[it->value] == UINT32_MAX)
      continue;
    for (uint32_t r = 0; r < it->nranges; r++) {
      if (it->ranges[r].to <= it->ranges[r].from)
        continue;
      open[index_at[it->ranges[r].from / 4]]++;
      open[index_at[(it->ranges[r].to - 1) / 4] + 1]--;
    }
  }
  free(index_at);
  int32_t depth = 0;
  for (uint32_t i = 0; i < n; i++) {
    depth += open[i];
    if (depth > 0)
      e->frame_on[ra->order[i]] = 1;
  }
  free(open);
  /* between two blocks that need it the frame stays: a block reachable from one and reaching
   * one has it too (every block of a loop that needs it, through the back edge, and a path that
   * would otherwise tear the frame down and set it up again) */
  bool ok = mark_between(f, e->frame_on, memo);
  free(memo);
  return ok || opt_emit_fail(e, "out of memory");
}

/* The frame's state changes on the edge from `from` to `to`: set it up before the edge's moves,
 * tear it down after them. */
static void frame_before_moves(emitter *e, uint32_t from, uint32_t to)
{
  if (!e->frame_on[from] && e->frame_on[to])
    enter_frame(e);
  if (e->r15_on && !e->r15_on[from] && e->r15_on[to])
    x64_mov_m64_r64(e->b, x64_mem_bd(X64_RSP, e->r15_at), X64_R15);
}

static void frame_after_moves(emitter *e, uint32_t from, uint32_t to)
{
  if (e->r15_on && e->r15_on[from] && !e->r15_on[to])
    x64_mov_r64_m64(e->b, X64_R15, x64_mem_bd(X64_RSP, e->r15_at));
  if (e->frame_on[from] && !e->frame_on[to])
    leave_frame(e);
}

/*
 * frame_register: where r15 holds values (docs/abi.md: the value-stack frame, read in a function
 * that calls nothing only at the entry and the returns).  The blocks any piece in r15 overlaps,
 * and those between two of them (reached from one, reaching one: a loop's every block, so no save
 * or restore runs inside it), as plan_frame_blocks does for the native frame; every such block
 * has the native frame (a piece in r15 sets it up there, and the frame's blocks are closed the same
 * way).  r15 is saved in the spill area on the edges into them and read back on the edges out,
 * around the edges' moves, and at a return from one of them: a function whose code in r15 is a loop
 * off the common path costs nothing on it (sort's memcpy, whose unaligned loop takes r15, runs
 * aligned copies).
 */
static bool plan_r15_blocks(emitter *e)
{
  ssa_func *f = e->f;
  const regalloc *ra = e->ra;
  if (!e->save_r15)
    return true;
  if (!(e->r15_on = calloc(f->nblocks, 1)))
    return opt_emit_fail(e, "out of memory");
  for (uint32_t i = 0; i < ra->norder; i++) {
    uint32_t b = ra->order[i];
    for (uint32_t k = 0; k < ra->nivals && !e->r15_on[b]; k++) {
      const ra_ival *it = &ra->ivals[k];
      if (it->cls != RA_GPR || it->reg != X64_R15)
        continue;
      for (uint32_t r = 0; r < it->nranges; r++)
        if (it->ranges[r].from < ra->end_pos[b] && it->ranges[r].to > ra->header_pos[b]) {
          e->r15_on[b] = 1;
          break;
        }
    }
  }
  uint32_t *stack = malloc(f->nblocks * sizeof *stack);
  bool ok = stack && mark_between(f, e->r15_on, stack);
  free(stack);
  if (!ok)
    return opt_emit_fail(e, "out of memory");
  for (uint32_t b = 0; b < f->nblocks; b++)
    if (e->r15_on[b] && !e->frame_on[b] && !e->error[0])
      opt_emit_fail(e, "r15 holds a value in a block without the native frame");
  return !e->error[0];
}

/* The entry block's parameters come from the frame's slots: the function's parameters in order,
 * or in an OSR version the slot each names. */
static void load_params(emitter *e)
{
  ssa_func *f = e->f;
  uint32_t h = e->ra->header_pos[f->entry];
  uint32_t n = f->blocks[f->entry].nparams, last = UINT32_MAX;
  /* a parameter that goes to r15 (the frame, frame_register) is loaded after all the others */
  for (uint32_t k = 0; k < n && e->save_r15; k++) {
    ra_loc to = ra_where(e->ra, ssa_params(f, f->entry)[k], h + 2);
    if (to.kind == RA_LOC_REG && to.cls == RA_GPR && to.reg == X64_R15)
      last = k;
  }
  for (uint32_t i = 0; i <= n; i++) {
    uint32_t k = i < n ? i : last;
    if (k == UINT32_MAX || (i < n && k == last))
      continue;
    ssa_id p = ssa_params(f, f->entry)[k];
    uint8_t t = f->insts[p].type;
    uint32_t slot = 0;
    for (uint32_t j = 0; j < k; j++)
      slot += ir_type_slots(f->insts[ssa_params(f, f->entry)[j]].type);
    if (f->osr)
      slot = (uint32_t)f->insts[p].imm;
    ra_loc to = ra_where(e->ra, p, h + 2);
    if (to.kind != RA_LOC_NONE && e->ra->ival_of[p] != UINT32_MAX) {
      unsigned reg = to.kind == RA_LOC_REG ? to.reg : ra_class_of(t) == RA_GPR ? (unsigned)OPT_T0 : (unsigned)OPT_X0;
      x64_mem m = SLOT(slot);
      switch (t) {
      case WLAB_I32: x64_mov_r32_m32(e->b, (x64_gpr)reg, m); break;
      case WLAB_F32: x64_movss_xmm_m32(e->b, (x64_xmm)reg, m); break;
      case WLAB_F64: x64_movsd_xmm_m64(e->b, (x64_xmm)reg, m); break;
      case WLAB_V128: x64_movdqu_xmm_m128(e->b, (x64_xmm)reg, m); break;
      default: x64_mov_r64_m64(e->b, (x64_gpr)reg, m); break;
      }
      if (to.kind == RA_LOC_STACK)
        opt_store_loc(e, to, reg, t);
    }
  }
}

/* Whether this function's calls to itself pass their arguments in registers and take the result
 * in rax (docs/abi.md, "Direct calls"), and in which registers: the caller moves the arguments
 * there and calls past the entry's loads from the slots, where a call through the slots would
 * store each argument for the callee to load back at once (a store-forwarding round trip on the
 * recursion's critical path, the result's the same).  A parameter the entry keeps in a
 * caller-saved register comes in that register; one in rbx, rbp or a spill slot comes in a
 * caller-saved register the others leave free and is moved to its place once the frame is set
 * up (the public entry loads it into that register too).  Integer parameters and result only.
 * Not with a tail call to another function: its callee would return to a self-call's return
 * address with the result only in its slot. */
static bool plan_self_regs(emitter *e)
{
  static const x64_gpr pool[] = {X64_RAX, X64_RCX, X64_RDX, X64_RSI, X64_RDI, X64_R8, X64_R9};
  ssa_func *f = e->f;
  const functype *ft = f->type;
  if (f->osr || ft->nparams > 8 || ft->nresults > 1)
    return false;
  if (ft->nresults == 1 && ra_class_of((uint8_t)ft->results[0]) != RA_GPR)
    return false;
  bool self = false;
  for (uint32_t i = 0; i < e->ra->norder; i++)
    for (ssa_id v = f->blocks[e->ra->order[i]].first; v; v = f->insts[v].next) {
      uint16_t op = f->insts[v].op;
      bool to_self = f->insts[v].imm == f->func_index;
      if (op == IR_RETURN_CALL_INDIRECT || (op == IR_RETURN_CALL && !to_self))
        return false;
      if (op == IR_CALL && to_self)
        self = true;
    }
  if (!self)
    return false;
  uint32_t h = e->ra->header_pos[f->entry], taken = 0;
  bool moved = false;
  memset(e->self_pass, 0xff, sizeof e->self_pass);
  for (uint32_t k = 0; k < f->blocks[f->entry].nparams; k++) { /* the ones already in place */
    ssa_id p = ssa_params(f, f->entry)[k];
    ra_loc to = ra_where(e->ra, p, h + 2);
    if (e->ra->ival_of[p] == UINT32_MAX || to.kind == RA_LOC_NONE)
      continue;
    if (ra_class_of(f->insts[p].type) != RA_GPR)
      return false;
    if (to.kind == RA_LOC_REG && (CALLER_SAVED_GPRS >> to.reg & 1)) {
      e->self_pass[k] = to.reg;
      taken |= 1u << to.reg;
    } else {
      moved = true;
    }
  }
  if (moved && !e->frame_on[f->entry])
    return false;
  for (uint32_t k = 0; k < f->blocks[f->entry].nparams; k++) { /* the others: a free register */
    ssa_id p = ssa_params(f, f->entry)[k];
    ra_loc to = ra_where(e->ra, p, h + 2);
    if (e->ra->ival_of[p] == UINT32_MAX || to.kind == RA_LOC_NONE || e->self_pass[k] != 0xff)
      continue;
    unsigned i = 0;
    while (i < sizeof pool / sizeof pool[0] && (taken >> pool[i] & 1))
      i++;
    if (i == sizeof pool / sizeof pool[0])
      return false;
    e->self_pass[k] = (uint8_t)pool[i];
    taken |= 1u << pool[i];
  }
  return true;
}

/* The entry when calls to itself pass registers (plan_self_regs): each parameter loaded from its
 * slot into its register, the entry those calls take, the frame, then the parameters kept in rbx,
 * rbp or a spill slot moved there. */
static void self_regs_prologue(emitter *e)
{
  ssa_func *f = e->f;
  uint32_t h = e->ra->header_pos[f->entry], slot = 0;
  for (uint32_t k = 0; k < f->blocks[f->entry].nparams; k++) {
    uint8_t t = f->insts[ssa_params(f, f->entry)[k]].type;
    if (e->self_pass[k] != 0xff) {
      if (t == WLAB_I32)
        x64_mov_r32_m32(e->b, (x64_gpr)e->self_pass[k], SLOT(slot));
      else
        x64_mov_r64_m64(e->b, (x64_gpr)e->self_pass[k], SLOT(slot));
    }
    slot += ir_type_slots(t);
  }
  x64_bind(e->b, e->self_entry_regs);
  if (e->frame_on[f->entry])
    enter_frame(e);
  for (uint32_t k = 0; k < f->blocks[f->entry].nparams; k++) {
    ssa_id p = ssa_params(f, f->entry)[k];
    ra_loc to = ra_where(e->ra, p, h + 2);
    if (e->self_pass[k] != 0xff && !(to.kind == RA_LOC_REG && to.reg == e->self_pass[k]))
      opt_store_loc(e, to, e->self_pass[k], f->insts[p].type);
  }
}

/* ---- memory ---------------------------------------------------------------------------------- */

static void load_memory_base(emitter *e)
{
  x64_mov_r64_m64(e->b, X64_R14, x64_mem_bd(X64_R13, offsetof(vmctx, mem)));
  x64_mov_r64_m64(e->b, X64_R14, x64_mem_bd(X64_R14, offsetof(memory, base)));
}

static unsigned access_size(uint16_t op)
{
  switch (op) {
  case IR_I32_LOAD8_S: case IR_I32_LOAD8_U: case IR_I64_LOAD8_S: case IR_I64_LOAD8_U: case IR_I32_STORE8:
  case IR_I64_STORE8: case IR_V128_LOAD8_SPLAT: case IR_V128_LOAD8_LANE: case IR_V128_STORE8_LANE:
    return 1;
  case IR_I32_LOAD16_S: case IR_I32_LOAD16_U: case IR_I64_LOAD16_S: case IR_I64_LOAD16_U: case IR_I32_STORE16:
  case IR_I64_STORE16: case IR_V128_LOAD16_SPLAT: case IR_V128_LOAD16_LANE: case IR_V128_STORE16_LANE:
    return 2;
  case IR_I32_LOAD: case IR_F32_LOAD: case IR_I64_LOAD32_S: case IR_I64_LOAD32_U: case IR_I32_STORE:
  case IR_F32_STORE: case IR_I64_STORE32: case IR_V128_LOAD32_SPLAT: case IR_V128_LOAD32_ZERO:
  case IR_V128_LOAD32_LANE: case IR_V128_STORE32_LANE:
    return 4;
  case IR_V128_LOAD: case IR_V128_STORE:
    return 16;
  default:
    return 8;
  }
}

/* The explicit bounds check: traps unless address + end (address in a, end = offset + size)
 * is within the memory's size.  Uses T0 and T1; a is not T0 (it may be T1). */
static void check_end(emitter *e, x64_gpr a, uint64_t end)
{
  x64_buf *b = e->b;
  if (end <= INT32_MAX) {
    x64_lea_r64_m(b, OPT_T0, x64_mem_bd(a, (int32_t)end));
  } else {
    x64_mov_r64_imm(b, OPT_T0, end);
    x64_add_r64_r64(b, OPT_T0, a);
  }
  x64_mov_r64_m64(b, OPT_T1, x64_mem_bd(X64_R13, offsetof(vmctx, mem)));
  x64_cmp_r64_m64(b, OPT_T0, x64_mem_bd(OPT_T1, offsetof(memory, size)));
  x64_jcc_label(b, X64_CC_A, opt_trap_label(e, TRAP_MEMORY_OOB));
}

/* [r14 + addr + off]; *spare is the scratch register the operand leaves free (for a store's
 * value): r10 unless the offset is too big for a displacement. */
x64_mem opt_access(emitter *e, ssa_id addr, uint64_t offset, unsigned size, bool checked, x64_gpr *spare)
{
  x64_buf *b = e->b;
  bool check = e->explicit_bounds && !checked;
  *spare = OPT_T0;
  const ssa_inst *in = &e->f->insts[e->cur];
  if (in->flags & SSA_F_INDEXED) {
    /* base + (index << scale) mod 2^32 (opt/addrfold.c): a 32-bit lea into r11 wraps as the
     * i32 arithmetic it replaces does; base and index are in registers (isel asks for that) */
    ssa_id idx = ssa_args(e->f, e->cur)[in->nargs - 1];
    x64_gpr base = opt_gpr(e, addr, OPT_T1), index = opt_gpr(e, idx, OPT_T0);
    x64_lea_r32_m(b, OPT_T1, x64_mem_bisd(base, index, 1u << ssa_access_scale(in), 0));
    if (check) {
      check_end(e, OPT_T1, offset + size);
      /* the address again: the check used both scratch registers */
      base = opt_gpr(e, addr, OPT_T1), index = opt_gpr(e, idx, OPT_T0);
      x64_lea_r32_m(b, OPT_T1, x64_mem_bisd(base, index, 1u << ssa_access_scale(in), 0));
    }
    if (offset <= INT32_MAX)
      return x64_mem_bisd(X64_R14, OPT_T1, 1, (int32_t)offset);
    x64_mov_r32_imm32(b, OPT_T0, (uint32_t)offset);
    x64_add_r64_r64(b, OPT_T0, OPT_T1);
    *spare = OPT_T1;
    return x64_mem_bisd(X64_R14, OPT_T0, 1, 0);
  }
  if (in->flags & SSA_F_SCALED) {
    /* addr << scale, proven below 2^32 (opt/addrfold.c): the scale in the operand; through r11
     * when checked explicitly or past a displacement */
    unsigned sc = 1u << ssa_access_scale(in);
    x64_gpr y = opt_gpr(e, addr, OPT_T1);
    if (!check && offset <= INT32_MAX)
      return x64_mem_bisd(X64_R14, y, sc, (int32_t)offset);
    x64_lea_r64_m(b, OPT_T1, x64_mem_isd(y, sc, 0));
    if (check) {
      check_end(e, OPT_T1, offset + size);
      /* the address again: the check used both scratch registers */
      y = opt_gpr(e, addr, OPT_T1);
      x64_lea_r64_m(b, OPT_T1, x64_mem_isd(y, sc, 0));
    }
    if (offset <= INT32_MAX)
      return x64_mem_bisd(X64_R14, OPT_T1, 1, (int32_t)offset);
    x64_mov_r32_imm32(b, OPT_T0, (uint32_t)offset);
    x64_add_r64_r64(b, OPT_T0, OPT_T1);
    *spare = OPT_T1;
    return x64_mem_bisd(X64_R14, OPT_T0, 1, 0);
  }
  if (ssa_is_const(e->f, addr)) {
    uint64_t ea = (uint64_t)(uint32_t)opt_const(e, addr) + offset;
    if (check) {
      x64_mov_r64_imm(b, OPT_T1, ea + size);
      x64_mov_r64_m64(b, OPT_T0, x64_mem_bd(X64_R13, offsetof(vmctx, mem)));
      x64_cmp_r64_m64(b, OPT_T1, x64_mem_bd(OPT_T0, offsetof(memory, size)));
      x64_jcc_label(b, X64_CC_A, opt_trap_label(e, TRAP_MEMORY_OOB));
    }
    if (ea <= INT32_MAX)
      return x64_mem_bd(X64_R14, (int32_t)ea);
    x64_mov_r64_imm(b, OPT_T1, ea);
    return x64_mem_bisd(X64_R14, OPT_T1, 1, 0);
  }
  ra_loc where = opt_loc_use(e, addr);
  x64_gpr a = opt_gpr(e, addr, OPT_T1);
  if (check) {
    /* end = address + offset + size, compared with the memory's size (through r11 when the
     * address is in a register of its own, else reloading the address after) */
    check_end(e, a, offset + size);
    if (where.kind != RA_LOC_REG)
      a = opt_gpr(e, addr, OPT_T1);
  }
  if (offset <= INT32_MAX)
    return x64_mem_bisd(X64_R14, a, 1, (int32_t)offset);
  x64_mov_r32_imm32(b, OPT_T0, (uint32_t)offset);
  x64_add_r64_r64(b, OPT_T0, a);
  *spare = OPT_T1;
  return x64_mem_bisd(X64_R14, OPT_T0, 1, 0);
}

x64_mem opt_load_operand(emitter *e, ssa_id load, unsigned size, x64_gpr *spare)
{
  ssa_id cur = e->cur;
  uint32_t cur_pos = e->cur_pos;
  const ssa_inst *ld = &e->f->insts[load];
  e->cur = load;
  e->cur_pos = e->ra->pos[load];
  x64_mem m = opt_access(e, ssa_args(e->f, load)[0], ld->imm, size, ld->flags & SSA_F_CHECKED, spare);
  e->cur = cur;
  e->cur_pos = cur_pos;
  return m;
}

void opt_note_load_fault(emitter *e, ssa_id load)
{
  ssa_id cur = e->cur;
  e->cur = load;
  opt_note_fault(e);
  e->cur = cur;
}

static bool emit_load(emitter *e, ssa_id v)
{
  x64_buf *b = e->b;
  ssa_inst *in = &e->f->insts[v];
  uint16_t op = in->op;
  ssa_id addr = ssa_args(e->f, v)[0];
  switch (op) {
  case IR_I32_LOAD: case IR_I64_LOAD: case IR_F32_LOAD: case IR_F64_LOAD: case IR_V128_LOAD:
  case IR_I32_LOAD8_S: case IR_I32_LOAD8_U: case IR_I32_LOAD16_S: case IR_I32_LOAD16_U:
  case IR_I64_LOAD8_S: case IR_I64_LOAD8_U: case IR_I64_LOAD16_S: case IR_I64_LOAD16_U:
  case IR_I64_LOAD32_S: case IR_I64_LOAD32_U:
    break;
  default:
    return false;
  }
  x64_gpr spare;
  x64_mem m = opt_access(e, addr, in->imm, access_size(op), in->flags & SSA_F_CHECKED, &spare);
  bool xmm = op == IR_F32_LOAD || op == IR_F64_LOAD || op == IR_V128_LOAD;
  unsigned d = xmm ? (unsigned)opt_def_xmm(e, OPT_X0) : (unsigned)opt_def_gpr(e, spare);
  opt_note_fault(e);
  switch (op) {
  case IR_I32_LOAD: case IR_I64_LOAD32_U: x64_mov_r32_m32(b, (x64_gpr)d, m); break;
  case IR_I64_LOAD: x64_mov_r64_m64(b, (x64_gpr)d, m); break;
  case IR_F32_LOAD: x64_movss_xmm_m32(b, (x64_xmm)d, m); break;
  case IR_F64_LOAD: x64_movsd_xmm_m64(b, (x64_xmm)d, m); break;
  case IR_V128_LOAD: x64_movdqu_xmm_m128(b, (x64_xmm)d, m); break;
  case IR_I32_LOAD8_S: x64_movsx_r32_m8(b, (x64_gpr)d, m); break;
  case IR_I32_LOAD8_U: case IR_I64_LOAD8_U: x64_movzx_r32_m8(b, (x64_gpr)d, m); break;
  case IR_I32_LOAD16_S: x64_movsx_r32_m16(b, (x64_gpr)d, m); break;
  case IR_I32_LOAD16_U: case IR_I64_LOAD16_U: x64_movzx_r32_m16(b, (x64_gpr)d, m); break;
  case IR_I64_LOAD8_S: x64_movsx_r64_m8(b, (x64_gpr)d, m); break;
  case IR_I64_LOAD16_S: x64_movsx_r64_m16(b, (x64_gpr)d, m); break;
  case IR_I64_LOAD32_S: x64_movsxd_r64_m32(b, (x64_gpr)d, m); break;
  default: break;
  }
  opt_def_done(e, d);
  return true;
}

static bool emit_store(emitter *e, ssa_id v)
{
  x64_buf *b = e->b;
  ssa_inst *in = &e->f->insts[v];
  uint16_t op = in->op;
  switch (op) {
  case IR_I32_STORE: case IR_I64_STORE: case IR_F32_STORE: case IR_F64_STORE: case IR_V128_STORE:
  case IR_I32_STORE8: case IR_I32_STORE16: case IR_I64_STORE8: case IR_I64_STORE16: case IR_I64_STORE32:
    break;
  default:
    return false;
  }
  ssa_id addr = ssa_args(e->f, v)[0], val = ssa_args(e->f, v)[1];
  bool xmm = op == IR_F32_STORE || op == IR_F64_STORE || op == IR_V128_STORE;
  bool imm = !xmm && ssa_is_const(e->f, val) && (op != IR_I64_STORE || (int64_t)opt_const(e, val) == (int32_t)opt_const(e, val));
  x64_gpr spare;
  x64_mem m = opt_access(e, addr, in->imm, access_size(op), in->flags & SSA_F_CHECKED, &spare);
  /* the value after the address: a register of its own, or the scratch the operand left free */
  unsigned r = 0;
  if (xmm)
    r = opt_xmm(e, val, OPT_X0);
  else if (!imm)
    r = opt_gpr(e, val, spare);
  opt_note_fault(e);
  uint64_t c = imm ? opt_const(e, val) : 0;
  switch (op) {
  case IR_I32_STORE: case IR_I64_STORE32:
    if (imm) x64_mov_m32_imm32(b, m, (uint32_t)c); else x64_mov_m32_r32(b, m, (x64_gpr)r);
    break;
  case IR_I64_STORE:
    if (imm) x64_mov_m64_simm32(b, m, (int32_t)c); else x64_mov_m64_r64(b, m, (x64_gpr)r);
    break;
  case IR_I32_STORE8: case IR_I64_STORE8:
    if (imm) x64_mov_m8_imm8(b, m, (uint8_t)c); else x64_mov_m8_r8(b, m, (x64_gpr)r);
    break;
  case IR_I32_STORE16: case IR_I64_STORE16:
    if (imm) x64_mov_m16_imm16(b, m, (uint16_t)c); else x64_mov_m16_r16(b, m, (x64_gpr)r);
    break;
  case IR_F32_STORE: x64_movss_m32_xmm(b, m, (x64_xmm)r); break;
  case IR_F64_STORE: x64_movsd_m64_xmm(b, m, (x64_xmm)r); break;
  case IR_V128_STORE: x64_movdqu_m128_xmm(b, m, (x64_xmm)r); break;
  default: break;
  }
  return true;
}

/* A v128 load or store that shapes lanes on a CPU without the SSE4.1 and SSSE3 its sequence
 * needs (emit_simd.c has the rest), through the C helper: the address plus offset in a
 * register, the vector operand in a scratch slot. */
static bool emit_simd_mem_c(emitter *e, ssa_id v);

/* ---- C helpers ---------------------------------------------------------------------------- */

/* Moves the operands to the C argument registers, as one parallel move (an operand may sit in
 * another argument's register), with immediates first in their own registers. */
static void helper_args(emitter *e, const x64_gpr *regs, const ssa_id *ops, unsigned n)
{
  ra_move ms[8], seq[16];
  unsigned k = 0;
  for (unsigned i = 0; i < n; i++) {
    ra_loc to = {RA_LOC_REG, RA_GPR, (uint8_t)regs[i], 0};
    ra_loc from = opt_loc_use(e, ops[i]);
    ms[k++] = (ra_move){from, to, e->f->insts[ops[i]].type, ops[i]};
  }
  const ra_loc scratch[RA_CLASSES] = {{RA_LOC_REG, RA_GPR, OPT_T1, 0}, {RA_LOC_REG, RA_XMM, OPT_X1, 0}};
  uint32_t s = ra_sequence(ms, k, scratch, seq, 16);
  emit_moves(e, seq, s);
}

/* A bulk-memory or table helper: (vm, [imm, [imm2,]] operands...) -> eax. */
static void emit_helper(emitter *e, ssa_id v, unsigned helper, int nimm, uint32_t imm1, uint32_t imm2, bool can_trap,
                        bool result)
{
  static const x64_gpr regs[] = {X64_RDI, X64_RSI, X64_RDX, X64_RCX, X64_R8, X64_R9};
  unsigned n = e->f->insts[v].nargs;
  helper_args(e, regs + 1 + nimm, ssa_args(e->f, v), n);
  x64_mov_r64_r64(e->b, X64_RDI, X64_R13);
  if (nimm > 0)
    x64_mov_r32_imm32(e->b, X64_RSI, imm1);
  if (nimm > 1)
    x64_mov_r32_imm32(e->b, X64_RDX, imm2);
  call_helper(e, helper, can_trap);
  if (result) {
    x64_gpr d = opt_def_gpr(e, OPT_T0);
    x64_mov_r32_r32(e->b, d, X64_RAX);
    opt_def_done(e, d);
  }
}

/* An IR instruction for a C helper, kept in the code after the stubs; its operands in the
 * scratch slots: a at S, b at S + 2, c at S + 4, the result at S + 6 (two slots each). */
static uint32_t helper_inst(emitter *e, ssa_id v)
{
  const ssa_inst *in = &e->f->insts[v];
  if (!grow((void **)&e->helper_insts, &e->helper_insts_cap, e->nhelper_insts + 1, sizeof *e->helper_insts)) {
    opt_emit_fail(e, "out of memory");
    return 0;
  }
  uint32_t S = e->scratch_slot;
  ir_inst x = {in->op, in->aux, S + 6, S, S + 2, S + 4};
  const wasm_opinfo *o = &opcodes_info[in->op];
  if (o->imm == IMM_MEMARG_LANE) {
    /* jitrt_simd_mem: r := lanes of b and the memory; the lane in aux */
    x.b = S + 2;
  }
  if (in->op == IR_I8X16_SHUFFLE) {
    if (!grow((void **)&e->helper_consts, &e->helper_consts_cap, e->nhelper_consts + 2, sizeof *e->helper_consts)) {
      opt_emit_fail(e, "out of memory");
      return 0;
    }
    x.c = IR_CONST_BIT | e->nhelper_consts;
    e->helper_consts[e->nhelper_consts++] = in->imm;
    e->helper_consts[e->nhelper_consts++] = in->imm2;
  }
  e->helper_insts[e->nhelper_insts] = x;
  return e->nhelper_insts++;
}


/* Stores v into slot `slot` of the frame whose address is in `base` (r15, or r11 at a return
 * where r15 holds values: frame_base_at_return). */
static void store_slot_of(emitter *e, x64_gpr base, uint32_t slot, ssa_id v)
{
  uint8_t t = e->f->insts[v].type;
  x64_mem m = x64_mem_bd(base, (int32_t)(8 * slot));
  if (ra_class_of(t) == RA_GPR) {
    x64_gpr r = opt_gpr(e, v, OPT_T0);
    if (t == WLAB_I32)
      x64_mov_m32_r32(e->b, m, r);
    else
      x64_mov_m64_r64(e->b, m, r);
    return;
  }
  x64_xmm r = opt_xmm(e, v, OPT_X0);
  if (t == WLAB_F32)
    x64_movss_m32_xmm(e->b, m, r);
  else if (t == WLAB_F64)
    x64_movsd_m64_xmm(e->b, m, r);
  else
    x64_movdqu_m128_xmm(e->b, m, r);
}

static void store_slot(emitter *e, uint32_t slot, ssa_id v) { store_slot_of(e, X64_R15, slot, v); }

static void load_result_slot(emitter *e, uint32_t slot)
{
  uint8_t t = e->f->insts[e->cur].type;
  if (ra_class_of(t) == RA_GPR) {
    x64_gpr d = opt_def_gpr(e, OPT_T0);
    if (t == WLAB_I32)
      x64_mov_r32_m32(e->b, d, SLOT(slot));
    else
      x64_mov_r64_m64(e->b, d, SLOT(slot));
    opt_def_done(e, d);
    return;
  }
  x64_xmm d = opt_def_xmm(e, OPT_X0);
  if (t == WLAB_F32)
    x64_movss_xmm_m32(e->b, d, SLOT(slot));
  else if (t == WLAB_F64)
    x64_movsd_xmm_m64(e->b, d, SLOT(slot));
  else
    x64_movdqu_xmm_m128(e->b, d, SLOT(slot));
  opt_def_done(e, d);
}

/* lea reg, [the k-th helper instruction] (the data follows the stubs; its label is bound then) */
static void lea_helper_inst(emitter *e, x64_gpr reg, uint32_t k)
{
  x64_lea_r64_label(e->b, reg, e->helper_data);
  if (k)
    x64_add_r64_imm32(e->b, reg, (int32_t)(k * sizeof(ir_inst)));
}

bool opt_emit_value_op_c(emitter *e, ssa_id v)
{
  const ssa_inst *in = &e->f->insts[v];
  uint32_t k = helper_inst(e, v);
  uint32_t S = e->scratch_slot;
  for (uint16_t i = 0; i < in->nargs && i < 3; i++)
    store_slot(e, S + 2 * i, ssa_args(e->f, v)[i]);
  x64_mov_r64_r64(e->b, X64_RDI, X64_R15);
  lea_helper_inst(e, X64_RSI, k);
  x64_lea_r64_label(e->b, X64_RDX, e->helper_consts_label); /* shuffle patterns */
  call_helper(e, JITRT_H_VALUE_OP, true);
  if (in->type != SSA_VOID)
    load_result_slot(e, S + 6);
  return true;
}

static bool emit_simd_mem_c(emitter *e, ssa_id v)
{
  const ssa_inst *in = &e->f->insts[v];
  uint32_t k = helper_inst(e, v);
  uint32_t S = e->scratch_slot;
  if (in->nargs > 1)
    store_slot(e, S + 2, ssa_args(e->f, v)[1]);
  /* r8 = address + offset, 64-bit */
  ssa_id addr = ssa_args(e->f, v)[0];
  x64_gpr a = opt_gpr(e, addr, OPT_T0);
  x64_mov_r32_r32(e->b, X64_R8, a);
  if (in->imm) {
    x64_mov_r64_imm(e->b, OPT_T1, in->imm);
    x64_add_r64_r64(e->b, X64_R8, OPT_T1);
  }
  x64_mov_r64_r64(e->b, X64_RDI, X64_R15);
  lea_helper_inst(e, X64_RSI, k);
  x64_xor_r32_r32(e->b, X64_RDX, X64_RDX);
  x64_mov_r64_r64(e->b, X64_RCX, X64_R13);
  call_helper(e, JITRT_H_SIMD_MEM, true);
  if (in->type != SSA_VOID)
    load_result_slot(e, S + 6);
  return true;
}

/* ---- globals, tables, references, memory size ------------------------------------------------- */

static bool emit_other(emitter *e, ssa_id v)
{
  x64_buf *b = e->b;
  ssa_inst *in = &e->f->insts[v];
  const wlab_module *m = e->m;
  const ssa_id *as = ssa_args(e->f, v);
  switch (in->op) {
  case IR_GLOBAL_GET: {
    uint8_t t = in->type;
    x64_mov_r64_m64(b, OPT_T1, x64_mem_bd(X64_R13, (int32_t)(vmctx_globals(m) + 8 * in->imm)));
    x64_mem cell = x64_mem_bd(OPT_T1, offsetof(global_cell, v));
    if (ra_class_of(t) == RA_GPR) {
      x64_gpr d = opt_def_gpr(e, OPT_T0);
      if (t == WLAB_I32)
        x64_mov_r32_m32(b, d, cell);
      else
        x64_mov_r64_m64(b, d, cell);
      opt_def_done(e, d);
    } else {
      x64_xmm d = opt_def_xmm(e, OPT_X0);
      if (t == WLAB_F32)
        x64_movss_xmm_m32(b, d, cell);
      else if (t == WLAB_F64)
        x64_movsd_xmm_m64(b, d, cell);
      else
        x64_movdqu_xmm_m128(b, d, cell);
      opt_def_done(e, d);
    }
    return true;
  }
  case IR_GLOBAL_SET: {
    uint8_t t = e->f->insts[as[0]].type;
    unsigned r = ra_class_of(t) == RA_GPR ? (unsigned)opt_gpr(e, as[0], OPT_T0) : (unsigned)opt_xmm(e, as[0], OPT_X0);
    x64_mov_r64_m64(b, OPT_T1, x64_mem_bd(X64_R13, (int32_t)(vmctx_globals(m) + 8 * in->imm)));
    x64_mem cell = x64_mem_bd(OPT_T1, offsetof(global_cell, v));
    switch (t) {
    case WLAB_I32: x64_mov_m32_r32(b, cell, (x64_gpr)r); break;
    case WLAB_F32: x64_movss_m32_xmm(b, cell, (x64_xmm)r); break;
    case WLAB_F64: x64_movsd_m64_xmm(b, cell, (x64_xmm)r); break;
    case WLAB_V128: x64_movdqu_m128_xmm(b, cell, (x64_xmm)r); break;
    default: x64_mov_m64_r64(b, cell, (x64_gpr)r); break;
    }
    return true;
  }
  case IR_REF_FUNC: {
    x64_gpr d = opt_def_gpr(e, OPT_T0);
    x64_mov_r64_m64(b, d, x64_mem_bd(X64_R13, (int32_t)(vmctx_funcs(m) + 8 * in->imm)));
    opt_def_done(e, d);
    return true;
  }
  case IR_REF_IS_NULL: {
    x64_gpr a = opt_gpr(e, as[0], OPT_T0);
    x64_test_r64_r64(b, a, a);
    x64_gpr d = opt_def_gpr(e, OPT_T0);
    x64_setcc_r8(b, X64_CC_E, d);
    x64_movzx_r32_r8(b, d, d);
    opt_def_done(e, d);
    return true;
  }
  case IR_TABLE_GET: case IR_TABLE_SET: {
    x64_gpr idx = opt_gpr(e, as[0], OPT_T0);
    x64_mov_r64_m64(b, OPT_T1, x64_mem_bd(X64_R13, (int32_t)(vmctx_tables(m) + 8 * in->aux)));
    x64_cmp_r32_m32(b, idx, x64_mem_bd(OPT_T1, offsetof(table, size)));
    x64_jcc_label(b, X64_CC_AE, opt_trap_label(e, TRAP_TABLE_OOB));
    x64_mov_r64_m64(b, OPT_T1, x64_mem_bd(OPT_T1, offsetof(table, elems)));
    if (in->op == IR_TABLE_GET) {
      x64_mov_r64_m64(b, OPT_T1, x64_mem_bisd(OPT_T1, idx, 8, 0));
      x64_gpr d = opt_def_gpr(e, OPT_T1);
      x64_mov_r64_r64(b, d, OPT_T1);
      opt_def_done(e, d);
    } else {
      if (idx != OPT_T0)
        x64_mov_r32_r32(b, OPT_T0, idx);
      x64_lea_r64_m(b, OPT_T1, x64_mem_bisd(OPT_T1, OPT_T0, 8, 0));
      x64_gpr val = opt_gpr(e, as[1], OPT_T0);
      x64_mov_m64_r64(b, x64_mem_bd(OPT_T1, 0), val);
    }
    return true;
  }
  case IR_TABLE_SIZE: {
    x64_mov_r64_m64(b, OPT_T1, x64_mem_bd(X64_R13, (int32_t)(vmctx_tables(m) + 8 * in->aux)));
    x64_gpr d = opt_def_gpr(e, OPT_T0);
    x64_mov_r32_m32(b, d, x64_mem_bd(OPT_T1, offsetof(table, size)));
    opt_def_done(e, d);
    return true;
  }
  case IR_MEMORY_SIZE: {
    x64_gpr d = opt_def_gpr(e, OPT_T0);
    x64_mov_r64_m64(b, d, x64_mem_bd(X64_R13, offsetof(vmctx, mem)));
    x64_mov_r64_m64(b, d, x64_mem_bd(d, offsetof(memory, size)));
    x64_shr_r64_imm8(b, d, 16);
    opt_def_done(e, d);
    return true;
  }
  case IR_MEMORY_GROW:
    emit_helper(e, v, JITRT_H_MEMORY_GROW, 0, 0, 0, false, true);
    if (e->has_memory)
      load_memory_base(e);
    return true;
  case IR_MEMORY_FILL: emit_helper(e, v, JITRT_H_MEMORY_FILL, 0, 0, 0, true, false); return true;
  case IR_MEMORY_COPY: emit_helper(e, v, JITRT_H_MEMORY_COPY, 0, 0, 0, true, false); return true;
  case IR_MEMORY_INIT: emit_helper(e, v, JITRT_H_MEMORY_INIT, 1, (uint32_t)in->imm, 0, true, false); return true;
  case IR_DATA_DROP: emit_helper(e, v, JITRT_H_DATA_DROP, 1, (uint32_t)in->imm, 0, false, false); return true;
  case IR_ELEM_DROP: emit_helper(e, v, JITRT_H_ELEM_DROP, 1, (uint32_t)in->imm, 0, false, false); return true;
  case IR_TABLE_GROW: emit_helper(e, v, JITRT_H_TABLE_GROW, 1, in->aux, 0, false, true); return true;
  case IR_TABLE_FILL: emit_helper(e, v, JITRT_H_TABLE_FILL, 1, in->aux, 0, true, false); return true;
  /* (vm, dst table, src table / segment, d, s, n) */
  case IR_TABLE_COPY: emit_helper(e, v, JITRT_H_TABLE_COPY, 2, in->aux, (uint32_t)in->imm, true, false); return true;
  case IR_TABLE_INIT: emit_helper(e, v, JITRT_H_TABLE_INIT, 2, in->aux, (uint32_t)in->imm, true, false); return true;
  default:
    return false;
  }
}

/* ---- calls ---------------------------------------------------------------------------------- */

/* Stores the call's arguments into slots from 0 (the callee's frame starts at this one's). */
static void store_args(emitter *e, const ssa_id *args, const functype *ft)
{
  uint32_t slot = 0;
  for (uint32_t i = 0; i < ft->nparams; i++) {
    ssa_id a = args[i];
    uint8_t t = (uint8_t)ft->params[i];
    if (ssa_is_const(e->f, a) && ra_class_of(t) == RA_GPR) {
      uint64_t c = opt_const(e, a);
      if (t == WLAB_I32)
        x64_mov_m32_imm32(e->b, SLOT(slot), (uint32_t)c);
      else if ((int64_t)c == (int32_t)c)
        x64_mov_m64_simm32(e->b, SLOT(slot), (int32_t)c);
      else {
        x64_mov_r64_imm(e->b, OPT_T0, c);
        x64_mov_m64_r64(e->b, SLOT(slot), OPT_T0);
      }
    } else {
      store_slot(e, slot, a);
    }
    slot += ir_type_slots(t);
  }
}

/* rax = the callee's wlab_func (the table element, checked as the spec says); index in r11. */
static void indirect_callee(emitter *e, const ssa_inst *in)
{
  x64_buf *b = e->b;
  const wlab_module *m = e->m;
  x64_mov_r64_m64(b, X64_RDX, x64_mem_bd(X64_R13, (int32_t)(vmctx_tables(m) + 8 * in->aux)));
  x64_cmp_r32_m32(b, OPT_T1, x64_mem_bd(X64_RDX, offsetof(table, size)));
  x64_jcc_label(b, X64_CC_AE, opt_trap_label(e, TRAP_UNDEFINED_ELEMENT));
  x64_mov_r64_m64(b, X64_RDX, x64_mem_bd(X64_RDX, offsetof(table, elems)));
  x64_mov_r64_m64(b, X64_RAX, x64_mem_bisd(X64_RDX, OPT_T1, 8, 0));
  x64_test_r64_r64(b, X64_RAX, X64_RAX);
  x64_jcc_label(b, X64_CC_E, opt_trap_label(e, TRAP_UNINIT_ELEMENT));
  x64_mov_r32_m32(b, X64_RDX, x64_mem_bd(X64_R13, (int32_t)(vmctx_sigs(m) + 4 * in->imm)));
  x64_cmp_r32_m32(b, X64_RDX, x64_mem_bd(X64_RAX, offsetof(wlab_func, sig)));
  x64_jcc_label(b, X64_CC_NE, opt_trap_label(e, TRAP_SIG_MISMATCH));
}

static void call_through_entry(emitter *e, bool cross)
{
  x64_buf *b = e->b;
  opt_stub *s = add_stub(e, OSTUB_CALL_SLOW, 0);
  s->resume = x64_label(b);
  x64_mov_r64_m64(b, X64_RCX, x64_mem_bd(X64_RAX, offsetof(wlab_func, entry)));
  if (cross) {
    x64_mov_r64_m64(b, X64_R13, x64_mem_bd(X64_RAX, offsetof(wlab_func, vm)));
    load_memory_base(e);
  }
  x64_test_r64_r64(b, X64_RCX, X64_RCX);
  x64_jcc_label(b, X64_CC_E, s->label);
  x64_call_r64(b, X64_RCX);
  call_site(e);
  x64_bind(b, s->resume);
}

/* A call to this function itself with the arguments and result in registers (plan_self_regs):
 * the arguments as one parallel move into the registers the parameters come in, the call past
 * the entry's loads, the result from rax. */
static void self_call_regs(emitter *e, const ssa_id *as)
{
  ssa_func *f = e->f;
  ra_move ms[8], seq[16];
  uint32_t k = 0;
  for (uint32_t i = 0; i < f->blocks[f->entry].nparams; i++) {
    if (e->self_pass[i] == 0xff)
      continue;
    ra_loc to = {RA_LOC_REG, RA_GPR, e->self_pass[i], 0};
    ms[k++] = (ra_move){opt_loc_use(e, as[i]), to, f->insts[ssa_params(f, f->entry)[i]].type, as[i]};
  }
  const ra_loc scratch[RA_CLASSES] = {{RA_LOC_REG, RA_GPR, OPT_T1, 0}, {RA_LOC_REG, RA_XMM, OPT_X1, 0}};
  emit_moves(e, seq, ra_sequence(ms, k, scratch, seq, 16));
  x64_call_label(e->b, e->self_entry_regs);
  call_site(e);
  if (e->explicit_bounds && e->has_memory)
    load_memory_base(e);
  uint8_t t = f->insts[e->cur].type;
  if (t == SSA_VOID)
    return;
  x64_gpr d = opt_def_gpr(e, X64_RAX);
  if (d != X64_RAX) {
    if (t == WLAB_I32)
      x64_mov_r32_r32(e->b, d, X64_RAX);
    else
      x64_mov_r64_r64(e->b, d, X64_RAX);
  }
  opt_def_done(e, d);
}

static void emit_call(emitter *e, ssa_id v)
{
  x64_buf *b = e->b;
  const ssa_inst *in = &e->f->insts[v];
  bool indirect = in->op == IR_CALL_INDIRECT || in->op == IR_RETURN_CALL_INDIRECT;
  bool tail = in->op == IR_RETURN_CALL || in->op == IR_RETURN_CALL_INDIRECT;
  bool cross = indirect || in->imm < e->m->nimported_funcs;
  const functype *ft = callee_type(e, v);
  const ssa_id *as = ssa_args(e->f, v);
  if (!e->frame_on[e->cur_block])
    opt_emit_fail(e, "a call in a block without the native frame");
  if (indirect) {
    /* the element index first, in r11: storing the arguments touches only r10 */
    x64_gpr idx = opt_gpr(e, as[0], OPT_T1);
    if (idx != OPT_T1)
      x64_mov_r32_r32(b, OPT_T1, idx);
    store_args(e, as + 1, ft);
    indirect_callee(e, in);
  } else if (in->imm == e->f->func_index && !e->f->osr) {
    /* A call to this function itself (docs/abi.md, "Direct calls"): the code is this code, the
     * instance this instance, so no table load, no test for missing code, and an entry past the
     * value-stack check.  Not in an OSR version, whose prologue loads an OSR entry's state: its
     * calls to itself take the function's normal entry, as any other call does. */
    if (!tail && e->self_regs) {
      self_call_regs(e, as);
      return;
    }
    store_args(e, as, ft);
    if (tail) {
      leave_frame(e);
      x64_jmp_label(b, e->self_entry);
      return;
    }
    x64_call_label(b, e->self_entry);
    call_site(e);
    if (e->explicit_bounds && e->has_memory)
      load_memory_base(e);
    if (in->type != SSA_VOID)
      load_result_slot(e, 0);
    return;
  } else {
    store_args(e, as, ft);
    /* (the pool is searched linearly: a function calling thousands of others keeps the table) */
    const void *code = NULL;
    if (!cross && e->callee_code && e->npool < 256)
      code = e->callee_code(e->callee_ctx, in->imm);
    if (code && e->aot) {
      /* In an artifact: a call rel32 whose displacement the image fills in (docs/aot.md) */
      if (tail)
        leave_frame(e);
      if (tail)
        x64_jmp_rel32(b, 0);
      else
        x64_call_rel32(b, 0);
      if (!tail)
        call_site(e);
      if (e->nfixups == e->fixups_cap) {
        uint32_t cap = e->fixups_cap ? 2 * e->fixups_cap : 16;
        struct opt_call_fixup *p = realloc(e->fixups, cap * sizeof *p);
        if (!p) {
          opt_emit_fail(e, "out of memory");
          return;
        }
        e->fixups = p;
        e->fixups_cap = cap;
      }
      e->fixups[e->nfixups++] = (struct opt_call_fixup){(uint32_t)(x64_here(b) - 4 - e->start), in->imm};
      if (tail)
        return;
      if (e->explicit_bounds && e->has_memory)
        load_memory_base(e);
      if (in->type != SSA_VOID)
        load_result_slot(e, 0);
      return;
    }
    if (code) {
      /* Another function's optimised code (docs/abi.md, "Direct calls"): it is what the table
       * holds or will hold, never replaced, so the call goes through its address in this
       * function's pool, with no table load and no test for missing code. */
      x64_label_id at = opt_const128(e, (uint64_t)(uintptr_t)code, 0);
      if (tail) {
        leave_frame(e);
        x64_jmp_m64_label(b, at);
        return;
      }
      x64_call_m64_label(b, at);
      call_site(e);
      if (e->explicit_bounds && e->has_memory)
        load_memory_base(e);
      if (in->type != SSA_VOID)
        load_result_slot(e, 0);
      return;
    }
    x64_mov_r64_m64(b, X64_RAX, x64_mem_bd(X64_R13, (int32_t)(vmctx_funcs(e->m) + 8 * in->imm)));
  }
  if (tail) {
    x64_label_id normal = x64_label(b);
    if (cross) {
      /* only a callee of this instance can replace the frame: r13 must survive the return */
      x64_cmp_r64_m64(b, X64_R13, x64_mem_bd(X64_RAX, offsetof(wlab_func, vm)));
      x64_jcc_label(b, X64_CC_NE, normal);
    }
    x64_mov_r64_m64(b, X64_RCX, x64_mem_bd(X64_RAX, offsetof(wlab_func, entry)));
    leave_frame(e);
    x64_label_id slow = x64_label(b);
    x64_test_r64_r64(b, X64_RCX, X64_RCX);
    x64_jcc_label(b, X64_CC_E, slow);
    x64_jmp_r64(b, X64_RCX);
    x64_bind(b, slow);
    x64_jmp_m64(b, HELPER(JITRT_H_CALL_SLOW));
    x64_bind(b, normal);
    if (cross) {
      call_through_entry(e, true);
      x64_mov_r64_m64(b, X64_R13, x64_mem_bd(X64_RSP, e->r13_at));
      leave_frame(e);
      x64_ret(b);
    }
    return;
  }
  call_through_entry(e, cross);
  if (cross)
    x64_mov_r64_m64(b, X64_R13, x64_mem_bd(X64_RSP, e->r13_at));
  if ((cross || e->explicit_bounds) && e->has_memory)
    load_memory_base(e);
  if (in->type != SSA_VOID)
    load_result_slot(e, 0);
}

/* Result k of a call: in its slot since the call returned (nothing in between writes slots). */
static void emit_result(emitter *e, ssa_id v)
{
  const ssa_inst *in = &e->f->insts[v];
  const functype *ft = callee_type(e, ssa_args(e->f, v)[0]);
  load_result_slot(e, type_slots(ft->results, in->aux));
}

/* The register holding the frame's address at a return: r15, or in r15's region
 * (plan_r15_blocks) r11 loaded from r15's save.  A result may be in r15; none is in r11. */
static x64_gpr frame_base_at_return(emitter *e)
{
  if (!e->r15_on || !e->r15_on[e->cur_block])
    return X64_R15;
  x64_mov_r64_m64(e->b, OPT_T1, x64_mem_bd(X64_RSP, e->r15_at));
  return OPT_T1;
}

static void emit_return(emitter *e, ssa_id v)
{
  const functype *ft = e->f->type;
  const ssa_id *as = ssa_args(e->f, v);
  uint32_t slot = 0;
  x64_gpr base = ft->nresults ? frame_base_at_return(e) : X64_R15;
  for (uint32_t i = 0; i < ft->nresults; i++) {
    store_slot_of(e, base, slot, as[i]);
    slot += ir_type_slots((uint8_t)ft->results[i]);
  }
  if (e->self_regs && ft->nresults == 1) /* for a call from itself (plan_self_regs) */
    opt_load_loc(e, X64_RAX, opt_loc_use(e, as[0]), (uint8_t)ft->results[0], as[0]);
  if (e->r15_on && e->r15_on[e->cur_block])
    x64_mov_r64_m64(e->b, X64_R15, x64_mem_bd(X64_RSP, e->r15_at));
  if (e->frame_on[e->cur_block])
    leave_frame(e);
  x64_ret(e->b);
}

/* ---- control flow ------------------------------------------------------------------------------ */

static uint32_t next_in_layout(emitter *e, uint32_t i) { return i + 1 < e->ra->norder ? e->ra->order[i + 1] : UINT32_MAX; }

static void jump_to(emitter *e, uint32_t target, uint32_t next)
{
  if (target != next)
    x64_jmp_label(e->b, e->block_label[target]);
}

/* Where a branch to block t may go instead: past blocks that hold only a `br` and make no
 * moves (the blocks splitting critical edges mostly), so a loop's back edge is one jcc rather
 * than a jcc to a jmp.  A loop header is never passed: its budget check is at its start. */
static uint32_t branch_target(emitter *e, uint32_t t)
{
  ssa_func *f = e->f;
  ra_move ms[4];
  for (int hops = 0; hops < 4; hops++) {
    ssa_block *bl = &f->blocks[t];
    if (bl->first != bl->last || f->insts[bl->last].op != IR_BR || bl->is_loop_header || bl->succs[0].block == t ||
        opt_loop_consts_entry(e, t) || opt_loop_consts_exit(e, t, bl->succs[0].block) ||
        (bl->npreds == 1 && opt_loop_consts_exit(e, bl->preds[0].block, t)))
      break;
    if (bl->npreds == 1 && f->blocks[bl->preds[0].block].nsuccs > 1 &&
        ra_edge_moves(e->ra, bl->preds[0].block, bl->preds[0].edge, ms, 4) != 0)
      break;
    if (ra_moves_at(e->ra, e->ra->header_pos[t] + 3, ms, 4) != 0 || ra_edge_moves(e->ra, t, 0, ms, 4) != 0)
      break;
    /* nor one where the frame is set up or torn down (shrink-wrapping) */
    if (frame_state(e, t) != frame_state(e, bl->succs[0].block) ||
        (bl->npreds == 1 && f->blocks[bl->preds[0].block].nsuccs > 1 && frame_state(e, bl->preds[0].block) != frame_state(e, t)))
      break;
    t = bl->succs[0].block;
  }
  return t;
}

static bool same_loc(ra_loc a, ra_loc b)
{
  return a.kind == b.kind && (a.kind == RA_LOC_REG ? a.cls == b.cls && a.reg == b.reg : a.kind != RA_LOC_STACK || a.offset == b.offset);
}

/* A conditional branch of block b whose one arm, s (laid out next), is a block that only makes
 * moves and jumps back to its loop's header, and whose other arm o leaves the loop: s's moves
 * made in b after the compare, then one jcc to the header, and s emitted as nothing, where
 * it was a jcc out, the moves and a jmp back (heat's stencil loop: uc[j + 1] becomes the next
 * point's uc[j], one movaps).  Sound when the moves leave the flags (no constant into a general
 * register, which may be an xor) and write no location that the exit reads: no value live into
 * o, no argument or move of the edge to o, is where a move writes.  The moves' sources are
 * where they are at b's end, the same on s's entry (s has no other predecessor).  Only register
 * moves (and float constants), only when the exit falls through (o, past empty blocks, is laid
 * out after s), and only in an innermost loop that makes no call (the loops headers_to_align
 * picks): the exit runs the moves for nothing, which pays only where iterations outnumber exits.
 * With spill reloads among the moves and a jmp on the exit, nqueens' short loops ran 4% more
 * instructions; with a loop around a call, fib's (most of its calls exit after one iteration)
 * 0.4% more.  Writes the moves to ms (at most max) and returns how many, or UINT32_MAX when
 * the form does not apply. */
static uint32_t hoist_back_edge(emitter *e, uint32_t b, uint32_t s, uint32_t o, ra_move *ms, uint32_t max)
{
  ssa_func *f = e->f;
  regalloc *ra = e->ra;
  const ssa_block *sb = &f->blocks[s];
  if (s == o || sb->npreds != 1 || sb->first != sb->last || f->insts[sb->last].op != IR_BR || sb->is_loop_header)
    return UINT32_MAX;
  uint32_t h = sb->succs[0].block;
  if (h == s || !f->blocks[h].is_loop_header || !ssa_dominates(f, h, b) || !e->align_header[h])
    return UINT32_MAX;
  if (frame_state(e, b) != frame_state(e, s) || frame_state(e, s) != frame_state(e, h) || opt_loop_consts_entry(e, s) ||
      opt_loop_consts_exit(e, b, s) || opt_loop_consts_exit(e, s, h) || opt_loop_consts_exit(e, b, o))
    return UINT32_MAX;
  const ssa_block *bl = &f->blocks[b];
  uint32_t es = bl->succs[0].block == s ? 0 : 1, eo = 1 - es;
  uint32_t n = ra_edge_moves(ra, b, es, ms, max);
  if (n == UINT32_MAX)
    return UINT32_MAX;
  uint32_t k = ra_moves_at(ra, ra->header_pos[s] + 3, ms + n, max - n);
  if (k == UINT32_MAX)
    return UINT32_MAX;
  n += k;
  k = ra_edge_moves(ra, s, 0, ms + n, max - n);
  if (k == UINT32_MAX || n + k == 0)
    return UINT32_MAX;
  n += k;
  ra_move om[16];
  uint32_t no = ra_edge_moves(ra, b, eo, om, 16);
  if (no == UINT32_MAX)
    return UINT32_MAX;
  uint32_t at = ra->pos[bl->last];
  const ssa_edge *ed = &bl->succs[eo];
  for (uint32_t i = 0; i < n; i++) {
    if (ms[i].to.kind != RA_LOC_REG || ms[i].from.kind == RA_LOC_STACK ||
        (ms[i].from.kind == RA_LOC_NONE && ra_class_of(ms[i].type) == RA_GPR))
      return UINT32_MAX;
    for (uint32_t j = 0; j < no; j++)
      if (same_loc(ms[i].to, om[j].from))
        return UINT32_MAX;
    for (uint32_t j = 0; j < ed->nargs; j++)
      if (same_loc(ms[i].to, ra_where(ra, ssa_edge_args((ssa_func *)f, ed)[j], at)))
        return UINT32_MAX;
    for (uint32_t j = ra->live_in_start[o]; j < ra->live_in_start[o + 1]; j++)
      if (same_loc(ms[i].to, ra_where(ra, ra->live_in_pairs[j].value, at)))
        return UINT32_MAX;
  }
  return n;
}

static bool emit_terminator(emitter *e, uint32_t b, uint32_t layout_i)
{
  x64_buf *x = e->b;
  ssa_func *f = e->f;
  ssa_block *bl = &f->blocks[b];
  ssa_id v = bl->last;
  ssa_inst *in = &f->insts[v];
  uint32_t next = next_in_layout(e, layout_i);
  switch (in->op) {
  case IR_BR: {
    frame_before_moves(e, b, bl->succs[0].block);
    opt_loop_consts_reload(e, b, bl->succs[0].block);
    if (!edge_moves(e, b, 0))
      return false;
    e->loop_exiting = false;
    frame_after_moves(e, b, bl->succs[0].block);
    opt_loop_consts_load(e, b); /* entering a loop that keeps constants in registers */
    uint32_t t = bl->succs[0].block == next ? next : branch_target(e, bl->succs[0].block);
    /* the next block may lead there with nothing to do (an empty block of the other arm of an
     * if, before their join): fall into it rather than jump over it */
    if (t != next && next != UINT32_MAX && branch_target(e, next) == t)
      t = next;
    jump_to(e, t, next);
    return true;
  }
  case IR_BR_IF: {
    ssa_id c = ssa_args(f, v)[0];
    uint32_t t = bl->succs[0].block, fl = bl->succs[1].block;
    x64_cc cc;
    if (e->fused[c] == OPT_FUSED_FLAGS || e->fused[c] == OPT_FUSED_AND) {
      cc = e->fused_cc;
    } else if (ssa_is_const(f, c)) {
      jump_to(e, (uint32_t)opt_const(e, c) ? t : fl, next);
      return true;
    } else if (e->flags_value == c && e->flags_end == x->len && f->insts[c].block == b) {
      cc = X64_CC_NE; /* the add or logic op that computed c was the last thing emitted: ZF is its */
    } else {
      x64_gpr r = opt_gpr(e, c, OPT_T0);
      x64_test_r32_r32(x, r, r);
      cc = X64_CC_NE;
    }
    /* the next block, a back edge's moves and jmp, folded into this one (hoist_back_edge) */
    if ((t == next || fl == next) && e->fused[c] != OPT_FUSED_AND) { /* (whose first jcc goes to fl) */
      ra_move ms[16];
      uint32_t o = t == next ? fl : t;
      uint32_t n = branch_target(e, o) == next_in_layout(e, layout_i + 1) ? hoist_back_edge(e, b, next, o, ms, 16)
                                                                           : UINT32_MAX;
      if (n != UINT32_MAX) {
        ssa_id cur = e->cur;
        e->cur = f->blocks[next].first;
        e->cur_block = next;
        emit_moves(e, ms, n);
        e->cur = cur;
        e->cur_block = b;
        x64_jcc_label(x, t == next ? cc : x64_cc_not(cc), e->block_label[f->blocks[next].succs[0].block]);
        e->skip_block = next; /* and o follows it */
        return true;
      }
    }
    /* fall through into the next block, unless that block only jumps back to a loop's header
     * (a back edge's block, laid out right after the loop's last block): then the loop's
     * iterations take one jcc to the header and only its exit runs a jmp */
    uint32_t tt = branch_target(e, t), ft = branch_target(e, fl);
    bool back = tt != t && f->blocks[tt].is_loop_header && ssa_dominates(f, tt, b);
    if (t == next && !back) {
      x64_jcc_label(x, x64_cc_not(cc), e->block_label[ft]);
    } else {
      x64_jcc_label(x, cc, e->block_label[tt]);
      jump_to(e, fl == next && ft == fl ? fl : ft, next);
    }
    return true;
  }
  case IR_BR_TABLE: {
    ssa_id idx = ssa_args(f, v)[0];
    uint32_t n = bl->ntable;
    if (bl->nsuccs == 1) { /* every entry takes the one edge: its moves, and a jump */
      frame_before_moves(e, b, bl->succs[0].block);
      opt_loop_consts_reload(e, b, bl->succs[0].block);
      if (!edge_moves(e, b, 0))
        return false;
      e->loop_exiting = false;
      frame_after_moves(e, b, bl->succs[0].block);
      opt_loop_consts_load(e, b);
      jump_to(e, bl->succs[0].block, next);
      return true;
    }
    if (ssa_is_const(f, idx)) {
      uint32_t i = (uint32_t)opt_const(e, idx);
      jump_to(e, bl->succs[bl->table[i < n - 1 ? i : n - 1]].block, next);
      return true;
    }
    /* an index past the table's n - 1 entries takes the default with a jcc; the others jump
     * through a table of 32-bit offsets from its start (emitted after the constants):
     * the target in one indirect jump, as a C compiler dispatches a dense switch, rather than a
     * jump into a table of jumps */
    if (!grow((void **)&e->tables, &e->tables_cap, e->ntables + 1, sizeof *e->tables))
      return opt_emit_fail(e, "out of memory");
    x64_gpr r = opt_gpr(e, idx, OPT_T0); /* an i32: its upper half is zero */
    x64_cmp_r32_imm32(x, r, (int32_t)(n - 2));
    x64_jcc_label(x, X64_CC_A, e->block_label[branch_target(e, bl->succs[bl->table[n - 1]].block)]);
    x64_label_id table = x64_label(x);
    x64_lea_r64_label(x, OPT_T1, table);
    x64_movsxd_r64_m32(x, OPT_T0, x64_mem_bisd(OPT_T1, r, 4, 0));
    x64_add_r64_r64(x, OPT_T0, OPT_T1);
    x64_jmp_r64(x, OPT_T0);
    e->tables[e->ntables++] = (struct opt_jump_table){table, b};
    return true;
  }
  case IR_RETURN:
    emit_return(e, v);
    return true;
  case IR_UNREACHABLE:
    x64_jmp_label(x, opt_trap_label(e, TRAP_UNREACHABLE));
    return true;
  case IR_RETURN_CALL: case IR_RETURN_CALL_INDIRECT:
    emit_call(e, v);
    return true;
  default:
    return opt_emit_fail(e, "a block without a terminator");
  }
}


/* load, add of a constant, store back to the same place (choose_rmw): `add [mem], imm` at the
 * load, which checks the bounds (or faults) for the three, as the load would have first */
static void emit_rmw(emitter *e, ssa_id load)
{
  ssa_func *f = e->f;
  ssa_inst *in = &f->insts[load];
  ssa_id add = in->next;
  ssa_id *as = ssa_args(f, add);
  ssa_id c = as[0] == load ? as[1] : as[0];
  int32_t imm = (int32_t)opt_const(e, c);
  uint16_t aop = f->insts[add].op;
  if (aop == IR_I32_SUB || aop == IR_I64_SUB)
    imm = -imm;
  bool wide = in->op == IR_I64_LOAD;
  x64_gpr spare;
  x64_mem m = opt_access(e, ssa_args(f, load)[0], in->imm, wide ? 8 : 4, in->flags & SSA_F_CHECKED, &spare);
  opt_note_fault(e);
  (wide ? x64_add_m64_imm32 : x64_add_m32_imm32)(e->b, m, imm);
}

static bool emit_fused(emitter *e, ssa_id v)
{
  ssa_func *f = e->f;
  if (e->fused[v] == OPT_FUSED_AND)
    return true;
  e->fused_cc = opt_is_int_compare(f->insts[v].op) ? opt_emit_compare_flags(e, v) : opt_emit_float_compare_flags(e, v);
  if (e->fused[v] == OPT_FUSED_FIRST) {
    /* the and is false: take the branch's false edge (its moves, if any, are in its block) */
    ssa_block *bl = &f->blocks[f->insts[v].block];
    x64_jcc_label(e->b, x64_cc_not(e->fused_cc), e->block_label[branch_target(e, bl->succs[1].block)]);
  }
  return true;
}

static bool emit_inst(emitter *e, ssa_id v)
{
  ssa_inst *in = &e->f->insts[v];
  if (e->fused[v] == OPT_FUSED_RMW) {
    emit_rmw(e, v);
    return true;
  }
  if (e->fused[v] == OPT_FUSED_NOTHING)
    return true;
  if (e->fused[v] == OPT_FUSED_LEA)
    return opt_emit_scaled_add(e, v, in->prev);
  if (e->fused[v] == OPT_FUSED_LOADOP) {
    if (in->type == WLAB_F32 || in->type == WLAB_F64)
      opt_emit_float_load_op(e, v, in->prev);
    else
      opt_emit_load_op(e, v, in->prev);
    return true;
  }
  if (e->fused[v] == OPT_FUSED_CMOV) {
    opt_emit_select_cc(e, v, e->fused_cc);
    return true;
  }
  if (e->fused[v] == OPT_FUSED_KEEP) {
    opt_emit_flagless_add(e, v);
    return true;
  }
  if (e->fused[v] == OPT_FUSED_ANDN) {
    opt_emit_andn(e, v, in->prev);
    return true;
  }
  switch (in->op) {
  case SSA_CONST:
    return true; /* rematerialised where used */
  case SSA_RESULT:
    emit_result(e, v);
    return true;
  case IR_CALL: case IR_CALL_INDIRECT:
    emit_call(e, v);
    return true;
  case IR_SELECT:
    break;
  default:
    if (ssa_is_load(in->op)) {
      if (emit_load(e, v) || opt_emit_simd(e, v))
        return true;
      return emit_simd_mem_c(e, v);
    }
    if (ssa_is_store(in->op)) {
      if (emit_store(e, v) || opt_emit_simd(e, v))
        return true;
      return emit_simd_mem_c(e, v);
    }
    if (emit_other(e, v))
      return true;
    break;
  }
  if (e->fused[v]) /* a compare that leaves flags for the branch after it (choose_fusions) */
    return emit_fused(e, v);
  if (opt_emit_int(e, v) || opt_emit_float(e, v) || opt_emit_simd(e, v))
    return true;
  if (in->op < WASM_OP_COUNT && opcodes_info[in->op].result != OPT_SPECIAL)
    return opt_emit_value_op_c(e, v);
  return opt_emit_fail(e, "an instruction the optimising tier cannot emit");
}

static bool no_moves_after(emitter *e, ssa_id v)
{
  ra_move ms[4];
  return ra_moves_at(e->ra, e->ra->pos[v] + 3, ms, 4) == 0;
}

/* A load, an add (or sub) of a constant to what it read, and a store of the sum to the same
 * address, one after the other with no moves between and each value used once: mainloop's
 * histogram count, `hist[i]++`.  One `add [mem], imm` does the three; the allocator's registers
 * for the two values are left unwritten (nothing reads them). */
static bool rmw_chain(emitter *e, ssa_id load)
{
  ssa_func *f = e->f;
  ssa_inst *ld = &f->insts[load];
  bool wide = ld->op == IR_I64_LOAD;
  if ((ld->op != IR_I32_LOAD && !wide) || !ld->next || e->uses[load] != 1)
    return false;
  ssa_id add = ld->next;
  ssa_inst *ad = &f->insts[add];
  if (!ad->next || e->uses[add] != 1 || ad->nargs != 2)
    return false;
  ssa_id *as = ssa_args(f, add);
  bool sub = ad->op == (wide ? IR_I64_SUB : IR_I32_SUB);
  if (ad->op != (wide ? IR_I64_ADD : IR_I32_ADD) && !sub)
    return false;
  ssa_id c = as[0] == load ? as[1] : as[1] == load && !sub ? as[0] : SSA_NONE;
  if (c == SSA_NONE || !ssa_is_const(f, c))
    return false;
  int64_t k = wide ? (int64_t)opt_const(e, c) : (int32_t)(uint32_t)opt_const(e, c);
  if (k != (int32_t)k || (sub && k == INT32_MIN))
    return false;
  ssa_id store = ad->next;
  ssa_inst *st = &f->insts[store];
  if (st->op != (wide ? IR_I64_STORE : IR_I32_STORE) || ssa_args(f, store)[0] != ssa_args(f, load)[0] ||
      ssa_args(f, store)[1] != add || st->imm != ld->imm || store == f->blocks[st->block].last ||
      ((st->flags ^ ld->flags) & (SSA_F_INDEXED | SSA_F_SCALED | 3u << SSA_F_SCALE_SHIFT)))
    return false;
  return no_moves_after(e, load) && no_moves_after(e, add);
}

/* A shift left by 1, 2 or 3 whose one use is an add right after it (no moves between), of a
 * register or a constant that fits a displacement: `lea d, [b + x*scale]` or `[x*scale + c]`
 * does both (mainloop's histogram address, `(i << 2) + hist`).  A 32-bit lea wraps as the i32
 * shift and add do: the low half of the sum depends only on the low halves.  x must be in a
 * register at the shift, where the add then finds it still (nothing runs between). */
static bool lea_chain(emitter *e, ssa_id shl)
{
  ssa_func *f = e->f;
  ssa_inst *sh = &f->insts[shl];
  bool wide = sh->op == IR_I64_SHL;
  if ((sh->op != IR_I32_SHL && !wide) || !sh->next || e->uses[shl] != 1)
    return false;
  ssa_id x = ssa_args(f, shl)[0], n = ssa_args(f, shl)[1];
  if (!ssa_is_const(f, n) || ssa_is_const(f, x))
    return false;
  unsigned k = (unsigned)(opt_const(e, n) & (wide ? 63 : 31));
  if (k < 1 || k > 3)
    return false;
  ssa_id add = sh->next;
  ssa_inst *ad = &f->insts[add];
  if (ad->op != (wide ? IR_I64_ADD : IR_I32_ADD) || ad->nargs != 2)
    return false;
  ssa_id *as = ssa_args(f, add);
  ssa_id other = as[0] == shl ? as[1] : as[1] == shl ? as[0] : SSA_NONE;
  if (other == SSA_NONE || other == shl || !no_moves_after(e, shl))
    return false;
  if (ra_where(e->ra, x, e->ra->pos[shl]).kind != RA_LOC_REG)
    return false;
  if (ssa_is_const(f, other)) {
    uint64_t c = opt_const(e, other);
    return !wide || (int64_t)c == (int32_t)c;
  }
  return ra_where(e->ra, other, e->ra->pos[add]).kind == RA_LOC_REG;
}

/* The instruction that may take load as its memory operand: the two-operand one of its type right
 * after it (not a block's last), load's only use, no moves between, neither fused yet, the
 * offset a displacement; SSA_NONE when there is none. */
static ssa_id operand_taker(emitter *e, ssa_id load)
{
  ssa_func *f = e->f;
  const ssa_inst *ld = &f->insts[load];
  if (!ld->next || e->uses[load] != 1 || ld->imm > INT32_MAX || e->fused[load] || e->fused[ld->next] ||
      !no_moves_after(e, load))
    return SSA_NONE;
  ssa_id v = ld->next;
  const ssa_inst *in = &f->insts[v];
  if (in->nargs != 2 || in->type != ld->type || v == f->blocks[in->block].last)
    return SSA_NONE;
  return v;
}

/* An i32.load or i64.load whose one use is the add, sub (as what is subtracted), and, or, xor
 * or mul of its width right after it, no moves between: one instruction reading memory
 * (emit_int.c, opt_emit_load_op). */
static bool load_op_chain(emitter *e, ssa_id load)
{
  ssa_func *f = e->f;
  uint16_t op = f->insts[load].op;
  ssa_id v = op == IR_I32_LOAD || op == IR_I64_LOAD ? operand_taker(e, load) : SSA_NONE;
  if (v == SSA_NONE)
    return false;
  const ssa_inst *in = &f->insts[v];
  const ssa_id *as = ssa_args(f, v);
  if (as[0] == as[1])
    return false;
  switch (in->op) {
  case IR_I32_SUB: case IR_I64_SUB:
    return as[1] == load;
  case IR_I32_ADD: case IR_I64_ADD: case IR_I32_AND: case IR_I64_AND: case IR_I32_OR: case IR_I64_OR:
  case IR_I32_XOR: case IR_I64_XOR: case IR_I32_MUL: case IR_I64_MUL:
    return as[0] == load || as[1] == load;
  default:
    return false;
  }
}

/* An xor with all ones (a not) whose one use is the and of its width right after it, no moves
 * between, the xor's operand in a register there and the and's other operand not a constant:
 * with BMI1 one andn (emit_int.c, opt_emit_andn). */
static bool andn_chain(emitter *e, ssa_id xor)
{
  ssa_func *f = e->f;
  const ssa_inst *in = &f->insts[xor];
  bool wide = in->op == IR_I64_XOR;
  if ((in->op != IR_I32_XOR && !wide) || !in->next || e->uses[xor] != 1 || e->fused[xor] || e->fused[in->next] ||
      !x64_cpu_features()->bmi1)
    return false;
  const ssa_id *xs = ssa_args(f, xor);
  ssa_id m = ssa_is_const(f, xs[1]) ? xs[1] : xs[0], x = m == xs[1] ? xs[0] : xs[1];
  if (!ssa_is_const(f, m) || ssa_is_const(f, x))
    return false;
  if (wide ? opt_const(e, m) != UINT64_MAX : (uint32_t)opt_const(e, m) != UINT32_MAX)
    return false;
  ssa_id v = in->next;
  const ssa_inst *an = &f->insts[v];
  if (an->op != (wide ? IR_I64_AND : IR_I32_AND) || an->nargs != 2)
    return false;
  const ssa_id *as = ssa_args(f, v);
  ssa_id y = as[0] == xor ? as[1] : as[1] == xor ? as[0] : SSA_NONE;
  if (y == SSA_NONE || y == xor || ssa_is_const(f, y) || !no_moves_after(e, xor))
    return false;
  return ra_where(e->ra, x, e->ra->pos[xor]).kind == RA_LOC_REG;
}

/* An f32.load or f64.load whose one use is the second operand of the add, sub, mul or div of
 * its type right after it, no moves between: the arithmetic's memory operand (emit_float.c,
 * opt_emit_float_load_op).  Only the second: x86 gives the first operand's NaN when both are,
 * and the first is the destination. */
static bool float_load_op_chain(emitter *e, ssa_id load)
{
  ssa_func *f = e->f;
  uint16_t op = f->insts[load].op;
  ssa_id v = op == IR_F32_LOAD || op == IR_F64_LOAD ? operand_taker(e, load) : SSA_NONE;
  if (v == SSA_NONE)
    return false;
  const ssa_inst *in = &f->insts[v];
  const ssa_id *as = ssa_args(f, v);
  switch (in->op) {
  case IR_F32_ADD: case IR_F32_SUB: case IR_F32_MUL: case IR_F32_DIV:
  case IR_F64_ADD: case IR_F64_SUB: case IR_F64_MUL: case IR_F64_DIV:
    break;
  default:
    return false;
  }
  if (as[1] != load || as[0] == load)
    return false;
  /* with AVX, a first operand that stays in its register while the result goes elsewhere is one
   * three-operand instruction from registers (emit_float.c, arith): the memory form would need
   * a movaps first (matmul's a[i][k] * b[k][j], a kept for the next j) */
  if (x64_cpu_features()->avx) {
    ra_loc la = ra_where(e->ra, as[0], e->ra->pos[v]), lr = ra_where(e->ra, v, e->ra->pos[v] + 2);
    if (la.kind == RA_LOC_REG && !(lr.kind == RA_LOC_REG && lr.reg == la.reg))
      return false;
  }
  return true;
}

/* Whether the moves after v (if any) leave the flags: none loads a constant into a general
 * register, which may be an xor. */
static bool flags_kept_after(emitter *e, ssa_id v)
{
  ra_move ms[8];
  uint32_t n = ra_moves_at(e->ra, e->ra->pos[v] + 3, ms, 8);
  if (n == UINT32_MAX)
    return false;
  for (uint32_t i = 0; i < n; i++)
    if (ms[i].from.kind == RA_LOC_NONE && ra_class_of(ms[i].type) == RA_GPR)
      return false;
  return true;
}

/* An integer compare whose every use is the condition of one of the selects (of general
 * registers) right after it, two or more, with nothing between but moves that keep the flags:
 * the compare sets the flags once and each select is a cmov on them, where each tested a setcc
 * result (simd's three selects on `s < best` after each SAD).  Not for one select: fused, sieve's
 * counting loop (`cmp`, `mov`, `cmovae` for `cmp`, `setb`, `movzx`, `mov`, `test`, `cmove`, the
 * cmov's result indexing an add to memory) ran 0.30 -> 0.34 s, twice, also ahead of time; the
 * cause was not found (no PMU counters here). */
static bool select_chain(emitter *e, ssa_id c)
{
  ssa_func *f = e->f;
  if (!opt_is_int_compare(f->insts[c].op) || e->uses[c] < 2)
    return false;
  uint32_t n = 0;
  for (ssa_id s = c; n < e->uses[c]; n++) {
    if (!flags_kept_after(e, s))
      return false;
    s = f->insts[s].next;
    if (!s || f->insts[s].op != IR_SELECT || ra_class_of(f->insts[s].type) != RA_GPR)
      return false;
    const ssa_id *as = ssa_args(f, s);
    if (as[2] != c || as[0] == c || as[1] == c)
      return false;
  }
  return true;
}

/* Decides which compares become flags for the branch right after them (or for the selects
 * right after them), and which loads, adds and stores become one add to memory. */
static void choose_fusions(emitter *e)
{
  ssa_func *f = e->f;
  for (uint32_t i = 0; i < e->ra->norder; i++)
    for (ssa_id v = f->blocks[e->ra->order[i]].first; v; v = f->insts[v].next)
      if (lea_chain(e, v)) {
        e->fused[v] = OPT_FUSED_NOTHING;
        e->fused[f->insts[v].next] = OPT_FUSED_LEA;
      }
  for (uint32_t i = 0; i < e->ra->norder; i++)
    for (ssa_id v = f->blocks[e->ra->order[i]].first; v; v = f->insts[v].next)
      if (rmw_chain(e, v)) {
        e->fused[v] = OPT_FUSED_RMW;
        e->fused[f->insts[v].next] = e->fused[f->insts[f->insts[v].next].next] = OPT_FUSED_NOTHING;
      }
  for (uint32_t i = 0; i < e->ra->norder; i++)
    for (ssa_id v = f->blocks[e->ra->order[i]].first; v; v = f->insts[v].next)
      if (load_op_chain(e, v) || float_load_op_chain(e, v)) {
        e->fused[v] = OPT_FUSED_NOTHING;
        e->fused[f->insts[v].next] = OPT_FUSED_LOADOP;
      }
  for (uint32_t i = 0; i < e->ra->norder; i++)
    for (ssa_id v = f->blocks[e->ra->order[i]].first; v; v = f->insts[v].next)
      if (andn_chain(e, v)) {
        e->fused[v] = OPT_FUSED_NOTHING;
        e->fused[f->insts[v].next] = OPT_FUSED_ANDN;
      }
  for (uint32_t i = 0; i < e->ra->norder; i++)
    for (ssa_id v = f->blocks[e->ra->order[i]].first; v; v = f->insts[v].next)
      if (!e->fused[v] && select_chain(e, v)) {
        e->fused[v] = OPT_FUSED_FLAGS;
        for (ssa_id s = f->insts[v].next, k = 0; k < e->uses[v]; k++, s = f->insts[s].next)
          e->fused[s] = OPT_FUSED_CMOV;
      }
  for (uint32_t i = 0; i < e->ra->norder; i++) {
    ssa_block *bl = &f->blocks[e->ra->order[i]];
    ssa_id t = bl->last;
    if (f->insts[t].op != IR_BR_IF)
      continue;
    ssa_id c = ssa_args(f, t)[0];
    /* adds of constants between the compare and the branch (fannkuch's flip loop, `i < j`
     * then `i + 1`): each a lea, which leaves the flags */
    ssa_id keep = f->insts[t].prev;
    while (keep && keep != c && !e->fused[keep] && no_moves_after(e, keep) && opt_int_flagless_add(e, keep))
      keep = f->insts[keep].prev;
    if (keep == c && f->insts[t].prev != c && f->insts[c].block == e->ra->order[i] && e->uses[c] == 1 &&
        !e->fused[c] && no_moves_after(e, c) && opt_isel_fusable_compare(f, c)) {
      e->fused[c] = OPT_FUSED_FLAGS;
      for (ssa_id k = f->insts[c].next; k != t; k = f->insts[k].next)
        e->fused[k] = OPT_FUSED_KEEP;
      continue;
    }
    /* no moves between them: a move may be a constant's xor, which changes the flags */
    if (f->insts[t].prev != c || e->uses[c] != 1 || !no_moves_after(e, c))
      continue;
    if (opt_isel_fusable_compare(f, c)) {
      e->fused[c] = OPT_FUSED_FLAGS;
    } else if (opt_isel_fusable_and(f, c)) {
      ssa_id second = f->insts[c].prev, first = f->insts[second].prev;
      if (e->uses[first] == 1 && e->uses[second] == 1 && no_moves_after(e, first) && no_moves_after(e, second)) {
        e->fused[first] = OPT_FUSED_FIRST;
        e->fused[second] = OPT_FUSED_FLAGS;
        e->fused[c] = OPT_FUSED_AND;
      }
    }
  }
}

static void count_uses(emitter *e)
{
  ssa_func *f = e->f;
  for (uint32_t i = 0; i < e->ra->norder; i++) {
    uint32_t b = e->ra->order[i];
    for (ssa_id v = f->blocks[b].first; v; v = f->insts[v].next) {
      if (f->insts[v].op == SSA_CONST)
        continue;
      ssa_id *as = ssa_args(f, v);
      for (uint16_t k = 0; k < f->insts[v].nargs; k++)
        e->uses[as[k]]++;
    }
    for (uint32_t s = 0; s < f->blocks[b].nsuccs; s++)
      for (uint32_t k = 0; k < f->blocks[b].succs[s].nargs; k++)
        e->uses[ssa_edge_args(f, &f->blocks[b].succs[s])[k]]++;
  }
}

void opt_emit_free(emitter *e)
{
  free(e->block_label);
  free(e->align_header);
  free(e->frame_on);
  free(e->r15_on);
  free(e->uses);
  free(e->fused);
  free(e->stubs);
  free(e->sites);
  free(e->faults);
  free(e->site_framed);
  free(e->fault_framed);
  free(e->pool);
  free(e->tables);
  free(e->helper_insts);
  free(e->helper_consts);
  free(e->fixups);
  free(e->pc_of);
  free(e->block_pc);
  free(e->const_loop);
  free(e->const_entry);
  free(e->loop_consts);
  free(e->loop_const_start);
  memset(e, 0, sizeof *e);
}

#define LOOP_ALIGN 32

/* The loop headers worth padding to LOOP_ALIGN: those of innermost loops with no call in their
 * own blocks.
 * A loop that calls is bound by the call, and its nops would run once per entry (fib's loops,
 * entered once a call: +9% instructions for nothing). */
static bool *headers_to_align(const ssa_func *f)
{
  bool *align = calloc(f->nblocks, sizeof *align);
  if (!align)
    return NULL;
  for (uint32_t i = 0; i < f->nblocks; i++)
    align[i] = f->blocks[i].is_loop_header && !f->blocks[i].dead;
  /* innermost loops only: an outer loop's header is entered once per pass of the loop around it
   * and its body is longer than a fetch window anyway (bytecode's dispatch loop, padded, ran
   * 1.21x -> 1.54x native); the enclosing loop of an inner header is the innermost loop of the
   * nearest dominator one level shallower */
  for (uint32_t i = 0; i < f->nblocks; i++) {
    const ssa_block *h = &f->blocks[i];
    if (!h->is_loop_header || h->dead || h->loop_depth < 2)
      continue;
    for (uint32_t d = h->idom, steps = 0; d < f->nblocks && steps < f->nblocks; d = f->blocks[d].idom, steps++) {
      if (f->blocks[d].loop_depth < h->loop_depth) {
        if (f->blocks[d].loop_header < f->nblocks)
          align[f->blocks[d].loop_header] = false;
        break;
      }
      if (d == f->blocks[d].idom)
        break;
    }
  }
  for (uint32_t i = 0; i < f->nblocks; i++) {
    const ssa_block *bl = &f->blocks[i];
    if (bl->dead || bl->loop_header == SSA_NO_BLOCK || bl->loop_header >= f->nblocks)
      continue;
    for (ssa_id v = bl->first; v; v = f->insts[v].next) {
      uint16_t op = f->insts[v].op;
      if (op == IR_CALL || op == IR_CALL_INDIRECT || op == IR_RETURN_CALL || op == IR_RETURN_CALL_INDIRECT) {
        align[bl->loop_header] = false;
        break;
      }
    }
  }
  return align;
}

bool opt_emit_function(emitter *e)
{
  ssa_func *f = e->f;
  regalloc *ra = e->ra;
  x64_buf *b = e->b;
  e->block_label = calloc(f->nblocks, sizeof *e->block_label);
  e->uses = calloc(f->ninsts, sizeof *e->uses);
  e->fused = calloc(f->ninsts, 1);
  e->align_header = headers_to_align(f);
  if (!e->block_label || !e->uses || !e->fused || !e->align_header)
    return opt_emit_fail(e, "out of memory");
  count_uses(e);
  choose_fusions(e);
  size_frame(e);
  e->save_rbx = ra->callee_saved_used >> X64_RBX & 1;
  e->save_rbp = ra->callee_saved_used >> X64_RBP & 1;
  e->save_r15 = ra->callee_saved_used >> X64_R15 & 1;
  plan_frame(e);
  if (!plan_frame_blocks(e) || !plan_r15_blocks(e))
    return false;
  e->has_memory = e->m->nmemories > 0;
  e->cur = SSA_NONE;
  if (!opt_loop_consts(e))
    return false;
  for (uint32_t i = 0; i < f->nblocks; i++)
    e->block_label[i] = x64_label(b);
  e->helper_data = x64_label(b);
  e->helper_consts_label = x64_label(b);
  e->self_entry = x64_label(b);
  e->self_entry_regs = x64_label(b);
  e->self_regs = plan_self_regs(e);
  e->start = x64_here(b);
  e->skip_block = UINT32_MAX;
  e->cur = SSA_NONE;
  e->cur_block = f->entry;
  prologue_frame(e);
  /* a function that calls itself never has r15 allocatable (frame_register_free wants no
   * call), so the two entries below never meet */
  if (e->self_regs) {
    self_regs_prologue(e);
  } else {
    if (e->frame_on[f->entry])
      enter_frame(e);
    if (e->r15_on && e->r15_on[f->entry])
      x64_mov_m64_r64(b, x64_mem_bd(X64_RSP, e->r15_at), X64_R15);
    load_params(e);
  }
  budget_tick(e);
  for (uint32_t i = 0; i < ra->norder; i++) {
    uint32_t bi = ra->order[i];
    ssa_block *bl = &f->blocks[bi];
    /* a loop's first instruction on a 32-byte boundary: a short loop at an arbitrary offset
     * often straddles a 32-byte fetch window, and sieve's 5-instruction strike loop ran 35%
     * slower so (the same code, JIT vs AOT, 0.42 vs 0.31 s).  The nops run once per entry. */
    if (bi != f->entry && e->align_header[bi])
      x64_align_nops(b, LOOP_ALIGN);
    x64_bind(b, e->block_label[bi]);
    if (e->block_pc)
      e->block_pc[bi] = (uint32_t)(x64_here(b) - e->start);
    if (bi == e->skip_block) { /* its moves and jump are its predecessor's (hoist_back_edge) */
      e->skip_block = UINT32_MAX;
      if (e->pc_of)
        e->pc_of[bl->first] = (uint32_t)(x64_here(b) - e->start);
      continue;
    }
    e->cur = bl->first;
    e->cur_pos = ra->header_pos[bi];
    e->cur_block = bi;
    /* the moves of the one incoming edge, when its source has several successors */
    if (bl->npreds == 1 && f->blocks[bl->preds[0].block].nsuccs > 1) {
      uint32_t from = bl->preds[0].block;
      frame_before_moves(e, from, bi);
      opt_loop_consts_reload(e, from, bi); /* leaving a loop that took a holder's register */
      if (!edge_moves(e, from, bl->preds[0].edge))
        return false;
      e->loop_exiting = false;
      frame_after_moves(e, from, bi);
    }
    if (bi != f->entry && bl->is_loop_header)
      budget_tick(e);
    if (!moves_at(e, ra->header_pos[bi] + 3))
      return false;
    for (ssa_id v = bl->first; v; v = f->insts[v].next) {
      e->cur = v;
      e->cur_pos = ra->pos[v];
      if (e->pc_of)
        e->pc_of[v] = (uint32_t)(x64_here(b) - e->start);
      if (v == bl->last) {
        if (!emit_terminator(e, bi, i))
          return false;
        break;
      }
      if (!emit_inst(e, v) || !moves_at(e, ra->pos[v] + 3))
        return false;
    }
    if (e->error[0] || b->failed) /* (labels of later blocks and stubs are still pending) */
      return opt_emit_fail(e, "out of memory emitting code");
  }
  e->body_end = (uint32_t)(x64_here(b) - e->start);
  emit_stubs(e);
  /* the 16-byte constants, then the helpers' instructions and shuffle patterns */
  if (e->npool) {
    x64_align(b, 16);
    for (uint32_t i = 0; i < e->npool; i++) {
      x64_bind(b, e->pool[i].label);
      x64_emit_u64(b, e->pool[i].lo);
      x64_emit_u64(b, e->pool[i].hi);
    }
  }
  for (uint32_t i = 0; i < e->ntables; i++) {
    const ssa_block *bl = &f->blocks[e->tables[i].block];
    x64_align(b, 4);
    x64_bind(b, e->tables[i].label);
    size_t at = x64_here(b);
    for (uint32_t k = 0; k + 1 < bl->ntable; k++) {
      uint32_t t = branch_target(e, bl->succs[bl->table[k]].block);
      x64_emit_u32(b, (uint32_t)(int32_t)((int64_t)x64_label_pos(b, e->block_label[t]) - (int64_t)at));
    }
  }
  x64_align(b, 8);
  x64_bind(b, e->helper_data);
  x64_emit_bytes(b, e->helper_insts, e->nhelper_insts * sizeof *e->helper_insts);
  x64_align(b, 8);
  x64_bind(b, e->helper_consts_label);
  for (uint32_t i = 0; i < e->nhelper_consts; i++)
    x64_emit_u64(b, e->helper_consts[i]);
  return !e->error[0] && x64_buf_ok(b);
}
