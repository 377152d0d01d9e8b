/* compile.c: the baseline compiler's pass: prologue, control flow, calls, memory, globals, tables.
 *
 * One forward walk over a function's IR emits x86-64 (docs/baseline.md).  Before the walk a
 * pre-pass marks branch targets, finds loop extents and weighs each local by its uses (x8
 * per loop level); the heaviest locals are pinned in registers for the whole function.
 * During the walk the value state (vstate.h) caches every other value in registers within a
 * straight-line run of code: it is written back before each branch and call, and forgotten at
 * each branch target.  Value ops go to the emitter files (emit_int.c, emit_float.c,
 * emit_simd.c); whatever they do not handle runs through one C helper over the frame, so
 * every op compiles.  Traps leave through out-of-line stubs that name their IR op.
 *
 * Register roles (docs/abi.md): r15 frame, r14 memory base, r13 instance context (vmctx),
 * r12 thread context; rsp is 16-byte aligned in the body so helpers are called directly.
 */
#include "baseline/compile.h"

#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "core/instance.h"
#include "core/memory.h"
#include "core/opcodes.h"

#define NO_LABEL UINT32_MAX
#define NO_RESULT UINT32_MAX

/* Registers pinned locals may take, in the order they are handed out: rbx and rbp survive calls
 * (the function saves them), the rest are caller-saved and are written back around calls. */
static const x64_gpr pin_gprs[] = {X64_RBX, X64_RBP, X64_RSI, X64_RDI, X64_R8};
static const unsigned pin_xmms[] = {8, 9, 10, 11, 12, 13};
#define MIN_PIN_WEIGHT 3 /* a local used fewer times than this is not worth a register */

static bool fail(bl_comp *c, const char *why)
{
  if (!c->fail) {
    c->fail = why;
    c->fail_ir = c->cur;
  }
  return false;
}

static void build_op_info(void);

bool bl_comp_init(bl_comp *c)
{
  static pthread_once_t once = PTHREAD_ONCE_INIT;
  memset(c, 0, sizeof *c);
  pthread_once(&once, build_op_info);
  return true;
}

void bl_comp_free(bl_comp *c)
{
  vs_free(&c->v);
  free(c->target);
  free(c->labels);
  free(c->pc_of);
  free(c->weight);
  free(c->loop_end);
  free(c->stubs);
  free(c->sites);
  free(c->faults);
  free(c->osr_sites);
  free(c->pool);
  memset(c, 0, sizeof *c);
}

static bool grow_arrays(bl_comp *c, const ir_func *ir)
{
  uint32_t n = ir->ninsts + 1, ls = ir->local_slots + 1;
  if (n > c->cap_insts) {
    uint8_t *t = realloc(c->target, n);
    x64_label_id *l = realloc(c->labels, n * sizeof *l);
    uint32_t *p = realloc(c->pc_of, n * sizeof *p);
    uint32_t *e = realloc(c->loop_end, n * sizeof *e);
    if (t)
      c->target = t;
    if (l)
      c->labels = l;
    if (p)
      c->pc_of = p;
    if (e)
      c->loop_end = e;
    if (!t || !l || !p || !e)
      return false;
    c->cap_insts = n;
  }
  if (ls > c->cap_slots) {
    uint32_t *w = realloc(c->weight, ls * sizeof *w);
    if (!w)
      return false;
    c->weight = w;
    c->cap_slots = ls;
  }
  return true;
}

/* ---- operand types ------------------------------------------------------------------------ */


/* What the pass asks of every op, worked out once per process into a table (the pass asks
 * it several times per instruction, and compile speed is this tier's headline figure). */
enum { OI_SRC_A = 2, OI_SRC_B = 4, OI_SRC_C = 8, OI_RESULT = 16, OI_VALUE = 32, OI_PREPASS = 64 };
static uint8_t op_info[IR_OP_COUNT];
static uint8_t op_kill[IR_OP_COUNT]; /* op_info's sources and result, less the source copy keeps */
/* what before_call's scan asks: op_info's sources and result, and where the scan stops */
enum { SCAN_BRANCH = 32, SCAN_ENDS = 64, SCAN_RETURN = 128 };
static uint8_t op_scan[IR_OP_COUNT];
/* which code takes an op: the one dispatch of emit_inst (a single indirect jump per op: the
 * jumps of nested switches are the pass's costliest mispredictions) */
enum op_kind {
  K_OTHER, K_INT, K_FLOAT, K_SIMD, K_MEMORY, K_ALU, K_COPY, K_BR, K_BR_COND, K_BR_TABLE, K_LOOP_HEAD,
  K_RETURN, K_UNREACHABLE, K_CALL, K_SELECT, K_MOVE,
};
static uint8_t op_kind[IR_OP_COUNT];

static bool compute_value_op(int op)
{
  if (op >= (int)WASM_OP_COUNT)
    return false;
  const wasm_opinfo *o = &opcodes_info[op];
  return o->result != OPT_SPECIAL && o->params[0] != OPT_SPECIAL && (o->result != OPT_NONE || o->nparams > 0);
}

/* The source fields of an op that are slots (bit 1 a, 2 b, 3 c), for kills and weights.
 * Constants are filtered by the caller. */
static unsigned compute_source_fields(int op)
{
  switch ((ir_op)op) {
  case IR_COPY: case IR_BR_IF: case IR_BR_UNLESS: case IR_BR_TABLE: case IR_TABLE_GET: case IR_MEMORY_GROW:
  case IR_REF_IS_NULL: case IR_CALL_INDIRECT: case IR_RETURN_CALL_INDIRECT:
    return OI_SRC_A;
  case IR_SELECT: case IR_SELECT128: case IR_MEMORY_FILL: case IR_MEMORY_COPY: case IR_MEMORY_INIT:
  case IR_TABLE_FILL: case IR_TABLE_COPY: case IR_TABLE_INIT:
    return OI_SRC_A | OI_SRC_B | OI_SRC_C;
  case IR_GLOBAL_SET:
    return OI_SRC_B;
  case IR_TABLE_SET: case IR_TABLE_GROW: case IR_I8X16_SHUFFLE:
    return OI_SRC_A | OI_SRC_B;
  default:
    break;
  }
  if (op >= (int)WASM_OP_COUNT)
    return 0;
  const wasm_opinfo *o = &opcodes_info[op];
  if (o->imm == IMM_MEMARG)
    return o->result != OPT_NONE ? OI_SRC_A : (OI_SRC_A | OI_SRC_B);
  if (o->imm == IMM_MEMARG_LANE)
    return OI_SRC_A | OI_SRC_B;
  if (!compute_value_op(op))
    return 0;
  return (unsigned)((1u << (o->nparams + 1)) - 2);
}

static bool compute_writes_result(int op)
{
  switch ((ir_op)op) {
  case IR_COPY: case IR_SELECT: case IR_SELECT128: case IR_GLOBAL_GET: case IR_TABLE_GET: case IR_TABLE_SIZE:
  case IR_TABLE_GROW: case IR_MEMORY_SIZE: case IR_MEMORY_GROW: case IR_REF_IS_NULL: case IR_REF_FUNC:
    return true;
  default:
    return op < (int)WASM_OP_COUNT && opcodes_info[op].result != OPT_NONE && opcodes_info[op].result != OPT_SPECIAL;
  }
}

static enum op_kind compute_kind(int op)
{
  switch ((ir_op)op) {
  case IR_COPY: return K_COPY;
  case IR_BR: return K_BR;
  case IR_BR_IF: case IR_BR_UNLESS: return K_BR_COND;
  case IR_BR_TABLE: return K_BR_TABLE;
  case IR_LOOP_HEAD: return K_LOOP_HEAD;
  case IR_RETURN: return K_RETURN;
  case IR_UNREACHABLE: return K_UNREACHABLE;
  case IR_CALL: case IR_CALL_INDIRECT: case IR_RETURN_CALL: case IR_RETURN_CALL_INDIRECT: return K_CALL;
  case IR_SELECT: case IR_SELECT128: return K_SELECT;
  case IR_MOVE: return K_MOVE;
  default: break;
  }
  if (bl_is_alu_op((ir_op)op))
    return K_ALU;
  if (op >= (int)WASM_OP_COUNT)
    return K_OTHER;
  const wasm_opinfo *o = &opcodes_info[op];
  if (o->imm == IMM_MEMARG || o->imm == IMM_MEMARG_LANE)
    return K_MEMORY;
  if (!compute_value_op(op))
    return K_OTHER;
  if (o->prefix == 0xFD)
    return K_SIMD;
  for (int i = 0; i < o->nparams; i++)
    if (o->params[i] == WLAB_F32 || o->params[i] == WLAB_F64)
      return K_FLOAT;
  return o->result == WLAB_F32 || o->result == WLAB_F64 ? K_FLOAT : K_INT;
}

static void build_op_info(void)
{
  for (int op = 0; op < IR_OP_COUNT; op++) {
    enum op_kind k = compute_kind(op);
    bool branch = k == K_BR || k == K_BR_COND || k == K_BR_TABLE;
    bool ends = k == K_RETURN || k == K_UNREACHABLE || op == IR_RETURN_CALL || op == IR_RETURN_CALL_INDIRECT;
    unsigned operands = compute_source_fields(op) | (compute_writes_result(op) ? OI_RESULT : 0);
    op_kind[op] = (uint8_t)k;
    op_info[op] = (uint8_t)(operands | (compute_value_op(op) ? OI_VALUE : 0) |
                            (branch || k == K_CALL || k == K_LOOP_HEAD ? OI_PREPASS : 0));
    op_kill[op] = k == K_COPY ? 0 : (uint8_t)operands;
    op_scan[op] = (uint8_t)(operands | (branch ? SCAN_BRANCH : 0) | (ends ? SCAN_ENDS : 0) |
                            (k == K_RETURN ? SCAN_RETURN : 0));
  }
}

static inline unsigned source_fields(const ir_inst *in) { return op_info[in->op] & (OI_SRC_A | OI_SRC_B | OI_SRC_C); }
static inline bool writes_result(const ir_inst *in) { return op_info[in->op] & OI_RESULT; }


/* After an instruction: its consumed stack operands are dead (validation gives every stack
 * value one consumer; `copy` is the exception: br_if and local.tee keep the value, so its
 * op_kill entry has no sources). */
static inline void kill_sources(bl_comp *c, const ir_inst *in, uint32_t ls)
{
  unsigned f = op_kill[in->op];
  if (!(f & (OI_SRC_A | OI_SRC_B | OI_SRC_C)))
    return;
  uint32_t r = f & OI_RESULT ? in->r : NO_RESULT;
  /* a stack slot is ls <= x < IR_CONST_BIT (constants have bit 31 set): one unsigned compare;
   * stack slots are never pinned */
  uint32_t span = IR_CONST_BIT - ls;
  if ((f & OI_SRC_A) && in->a - ls < span && in->a != r)
    vs_kill_stack(&c->v, in->a);
  if ((f & OI_SRC_B) && in->b - ls < span && in->b != r)
    vs_kill_stack(&c->v, in->b);
  if ((f & OI_SRC_C) && in->c - ls < span && in->c != r)
    vs_kill_stack(&c->v, in->c);
}

/* vs_before_call, told which caller-saved pinned locals need not survive the call: those written
 * before they are read on the straight-line code after it (anything else - a join, a branch, the
 * scan limit - counts as live).  One forward scan settles all of them; a pin is named by one bit,
 * its class x 16 + its register, so each instruction costs a look at its own operands only. */
static void before_call(bl_comp *c)
{
  const ir_func *ir = c->ir;
  const vs_slot *slots = c->v.slots;
  uint32_t ls = ir->local_slots, open = 0, dead = 0;
  for (unsigned cls = 0; cls < 2; cls++)
    for (uint32_t m = c->v.pinned_regs[cls]; m; m &= m - 1) {
      unsigned r = (unsigned)__builtin_ctz(m);
      if (!c->v.regs[cls][r].callee_saved)
        open |= 1u << (cls * 16 + r);
    }
/* the pin bit of slot x, or 0 when x is no pinned local (constants have bit 31 set: never < ls) */
#define PIN_BIT(x) ((x) < ls && slots[x].pinned ? 1u << (slots[x].cls * 16 + slots[x].reg) : 0u)
  uint32_t end = c->cur + 32 < ir->ninsts ? c->cur + 32 : ir->ninsts;
  for (uint32_t j = c->cur + 1; open && j < end && !c->target[j]; j++) {
    const ir_inst *in = &ir->insts[j];
    unsigned f = op_scan[in->op];
    if (f & SCAN_BRANCH)
      break; /* where it goes, they may be read: live */
    uint32_t read = 0;
    if (f & SCAN_RETURN) {
      for (uint32_t m = open; m; m &= m - 1) {
        unsigned bit = (unsigned)__builtin_ctz(m);
        uint32_t s = (uint32_t)c->v.regs[bit / 16][bit % 16].slot;
        if (s >= in->a && s < in->a + in->b)
          read |= 1u << bit;
      }
    } else {
      if (f & OI_SRC_A)
        read |= PIN_BIT(in->a);
      if (f & OI_SRC_B)
        read |= PIN_BIT(in->b);
      if (f & OI_SRC_C)
        read |= PIN_BIT(in->c);
    }
    open &= ~read; /* read first: live across the call */
    if (f & SCAN_ENDS) {
      dead |= open; /* never read again */
      break;
    }
    if (f & OI_RESULT) {
      uint32_t w = PIN_BIT(in->r) & open;
      dead |= w;
      open &= ~w;
    }
  }
#undef PIN_BIT
  c->v.dead_pins[VS_GPR] |= dead & 0xffff;
  c->v.dead_pins[VS_XMM] |= dead >> 16;
  vs_before_call(&c->v);
}

/* ---- labels, stubs, sites ------------------------------------------------------------------ */

static x64_label_id label_at(bl_comp *c, uint32_t target)
{
  if (c->labels[target] == NO_LABEL)
    c->labels[target] = x64_label(c->b);
  return c->labels[target];
}

static bl_stub *add_stub(bl_comp *c, bl_stub_kind kind, uint8_t trap)
{
  if (c->nstubs == c->stubs_cap) {
    uint32_t cap = c->stubs_cap ? c->stubs_cap * 2 : 64;
    bl_stub *p = realloc(c->stubs, cap * sizeof *p);
    if (!p) {
      fail(c, "out of memory");
      static bl_stub dummy;
      return &dummy;
    }
    c->stubs = p;
    c->stubs_cap = cap;
  }
  bl_stub *s = &c->stubs[c->nstubs++];
  s->label = x64_label(c->b);
  s->resume = NO_LABEL;
  s->kind = (uint8_t)kind;
  s->trap = trap;
  s->ir = c->cur;
  return s;
}

x64_label_id bl_trap_label(bl_comp *c, uint8_t trap)
{
  /* one stub per kind and instruction is enough: reuse the last one when it matches */
  if (c->nstubs && c->stubs[c->nstubs - 1].kind == STUB_TRAP && c->stubs[c->nstubs - 1].trap == trap &&
      c->stubs[c->nstubs - 1].ir == c->cur)
    return c->stubs[c->nstubs - 1].label;
  return add_stub(c, STUB_TRAP, trap)->label;
}

/* A new entry at the pool's end (no sharing: helper records need theirs consecutive). */
static x64_label_id pool_add(bl_comp *c, uint64_t lo, uint64_t hi)
{
  if (c->npool == c->pool_cap) {
    uint32_t cap = c->pool_cap ? c->pool_cap * 2 : 16;
    struct bl_pool_entry *p = realloc(c->pool, cap * sizeof *p);
    if (!p) {
      fail(c, "out of memory");
      return x64_label(c->b);
    }
    c->pool = p;
    c->pool_cap = cap;
  }
  c->pool[c->npool] = (struct bl_pool_entry){lo, hi, x64_label(c->b)};
  return c->pool[c->npool++].label;
}

x64_label_id bl_const128(bl_comp *c, uint64_t lo, uint64_t hi)
{
  for (uint32_t i = 0; i < c->npool; i++)
    if (c->pool[i].lo == lo && c->pool[i].hi == hi)
      return c->pool[i].label;
  return pool_add(c, lo, hi);
}

static void emit_pool(bl_comp *c)
{
  if (!c->npool)
    return;
  x64_align(c->b, 16);
  for (uint32_t i = 0; i < c->npool; i++) {
    x64_bind(c->b, c->pool[i].label);
    x64_emit_u64(c->b, c->pool[i].lo);
    x64_emit_u64(c->b, c->pool[i].hi);
  }
}

static void push_site(bl_comp *c, bl_site **v, uint32_t *n, uint32_t *cap, uint32_t pc, uint32_t ir)
{
  if (*n == *cap) {
    uint32_t ncap = *cap ? *cap * 2 : 64;
    bl_site *p = realloc(*v, ncap * sizeof *p);
    if (!p) {
      fail(c, "out of memory");
      return;
    }
    *v = p;
    *cap = ncap;
  }
  (*v)[(*n)++] = (bl_site){pc, ir};
}

static void add_site(bl_comp *c, uint32_t pc, uint32_t ir) { push_site(c, &c->sites, &c->nsites, &c->sites_cap, pc, ir); }

static x64_mem thread_field(size_t off) { return x64_mem_bd(X64_R12, (int32_t)off); }
#define HELPER(id) thread_field(offsetof(jitrt_thread, helpers) + 8 * (size_t)(id))

static void leave_frame(bl_comp *c);

/* The slow path of a hotness count (docs/tiering.md): jitrt_hot is called directly (the body's
 * rsp is aligned).  At the entry nothing lives in a register yet (the tick comes before the
 * pins are loaded).  At a loop header, a join, every value is in its slot but the pinned locals,
 * which are stored first: then every caller-saved register is free for the call, and the frame
 * is complete for an OSR entry.  When jitrt_hot returns one, the native frame is undone as at a
 * return (the return address on top) and the code jumps there, entered as f's entry is;
 * otherwise the pins are loaded again and the loop goes on. */
static void emit_hot_stub(bl_comp *c, const bl_stub *s)
{
  x64_buf *b = c->b;
  bool loop = s->ir != WLAB_NONE;
  for (uint32_t k = 0; loop && k < c->v.npins; k++) {
    const vs_slot *st = &c->v.slots[c->v.pin_slots[k]];
    vs_store(b, (vs_cls)st->cls, st->reg, c->v.pin_slots[k], st->type);
  }
  x64_mov_r64_r64(b, X64_RDI, X64_R12);
  x64_mov_r64_r64(b, X64_RSI, X64_R13);
  x64_mov_r64_imm(b, X64_RDX, (uint64_t)c->func_index << 32 | s->ir);
  x64_call_m64(b, HELPER(JITRT_H_HOT));
  if (!loop) {
    x64_jmp_label(b, s->resume);
    return;
  }
  x64_label_id leave = x64_label(b);
  x64_test_r64_r64(b, X64_RAX, X64_RAX);
  x64_jcc_label(b, X64_CC_NE, leave);
  for (uint32_t k = 0; k < c->v.npins; k++) {
    const vs_slot *st = &c->v.slots[c->v.pin_slots[k]];
    vs_load(b, (vs_cls)st->cls, st->reg, c->v.pin_slots[k], st->type);
  }
  x64_jmp_label(b, s->resume);
  x64_bind(b, leave);
  leave_frame(c);
  x64_jmp_r64(b, X64_RAX);
}

static void emit_stubs(bl_comp *c, size_t start)
{
  x64_buf *b = c->b;
  for (uint32_t i = 0; i < c->nstubs; i++) {
    bl_stub *s = &c->stubs[i];
    x64_bind(b, s->label);
    switch ((bl_stub_kind)s->kind) {
    case STUB_TRAP:
      x64_mov_r32_imm32(b, X64_RDI, s->trap);
      x64_call_m64(b, HELPER(JITRT_H_TRAP));
      add_site(c, (uint32_t)(x64_here(b) - start), s->ir);
      break;
    case STUB_TRAP_EAX:
      x64_mov_r32_r32(b, X64_RDI, X64_RAX);
      x64_call_m64(b, HELPER(JITRT_H_TRAP));
      add_site(c, (uint32_t)(x64_here(b) - start), s->ir);
      break;
    case STUB_CALL_SLOW:
      x64_call_m64(b, HELPER(JITRT_H_CALL_SLOW));
      add_site(c, (uint32_t)(x64_here(b) - start), s->ir); /* a trace's caller frame (docs/abi.md) */
      x64_jmp_label(b, s->resume);
      break;
    case STUB_BUDGET:
      x64_call_m64(b, HELPER(JITRT_H_BUDGET));
      add_site(c, (uint32_t)(x64_here(b) - start), s->ir);
      x64_jmp_label(b, s->resume);
      break;
    case STUB_HOT:
      emit_hot_stub(c, s);
      break;
    }
  }
}

/* ---- the pre-pass: targets, loops, local weights, pins -------------------------------------- */

static void mark_target(bl_comp *c, uint32_t t)
{
  if (t <= c->ir->ninsts)
    c->target[t] = 1;
}

/* One backward walk: branch targets; whether any call may enter another instance (then the
 * prologue keeps r13 to restore after such calls); and each local's weight, its uses x8 per loop
 * around them.  Backward, a loop's last back edge comes before its header, so the loops around
 * an instruction are known when it is reached. */
/* A use's weight at loop depth d: 8^d, capped at depth 6. */
static inline uint32_t depth_weight(uint32_t d) { return 1u << (3 * (d < 6 ? d : 6)); }

static void prepass(bl_comp *c)
{
  const ir_func *ir = c->ir;
  uint32_t n = ir->ninsts, depth = 0, ls = ir->local_slots, w = 1; /* w: 8^depth, capped */
  uint8_t *inside = (uint8_t *)c->loop_end; /* [ninsts]: 1 while the walk is inside that loop */
  memset(c->target, 0, n + 1);
  memset(c->labels, 0xff, (n + 1) * sizeof *c->labels); /* NO_LABEL */
  memset(inside, 0, n);
  memset(c->weight, 0, ls * sizeof *c->weight);
  c->save_r13 = false;
  uint32_t *weight = c->weight; /* (a local: the byte stores to target[] may alias any field) */
  const ir_inst *insts = ir->insts;
  for (uint32_t i = n; i-- > 0;) {
    const ir_inst *in = &insts[i];
    unsigned info = op_info[in->op];
    if (info & OI_PREPASS) { /* a branch, call or loop head: most ops are none, and skip this */
      uint32_t t = NO_LABEL;
      switch ((ir_op)in->op) {
      case IR_BR: t = in->a; break;
      case IR_BR_IF: case IR_BR_UNLESS: t = in->b; break;
      case IR_BR_TABLE:
        for (uint32_t k = 0; k < in->c; k++) {
          uint32_t e = ir->br_tables[in->b + k];
          mark_target(c, e);
          if (e < i && ir->insts[e].op == IR_LOOP_HEAD && !inside[e]) {
            inside[e] = 1;
            w = depth_weight(++depth);
          }
        }
        break;
      case IR_CALL_INDIRECT: case IR_RETURN_CALL_INDIRECT: c->save_r13 = true; break;
      case IR_CALL: case IR_RETURN_CALL: c->save_r13 |= in->a < c->m->nimported_funcs; break;
      default: break;
      }
      if (t != NO_LABEL) {
        mark_target(c, t);
        if (t < i && ir->insts[t].op == IR_LOOP_HEAD && !inside[t]) {
          inside[t] = 1;
          w = depth_weight(++depth);
        }
      }
    }
    if ((info & OI_RESULT) && in->r < ls)
      weight[in->r] += w;
    if ((info & OI_SRC_A) && in->a < ls) /* constants have bit 31 set: never below ls */
      weight[in->a] += w;
    if ((info & OI_SRC_B) && in->b < ls)
      weight[in->b] += w;
    if ((info & OI_SRC_C) && in->c < ls)
      weight[in->c] += w;
    if ((info & OI_PREPASS) && in->op == IR_LOOP_HEAD && inside[i]) { /* leaving the loop, going up */
      inside[i] = 0;
      w = depth_weight(--depth);
    }
  }
}

/* Pins the heaviest locals: general registers for integers and references, xmm for the rest.
 * One pass over the locals' weights keeps each class's heaviest few in order (by weight, then
 * by index: the order picking the heaviest again and again would give).  A function may declare
 * 50,000 locals and use a few: a pass per register over every local made 100,000 such functions,
 * each called once, take 24 s to compile, so the pass reads only the weights (contiguous, most
 * of them zero) and looks a local up only for a slot heavy enough. */
#define NPIN_GPRS (sizeof pin_gprs / sizeof pin_gprs[0])
#define NPIN_XMMS (sizeof pin_xmms / sizeof pin_xmms[0])
#define NPIN_MAX (NPIN_GPRS > NPIN_XMMS ? NPIN_GPRS : NPIN_XMMS)

/* The local whose first slot is s (local_slot is increasing), or UINT32_MAX: s is inside one. */
static uint32_t local_at_slot(const ir_func *ir, uint32_t s)
{
  uint32_t lo = 0, hi = ir->nlocals;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (ir->local_slot[mid] < s)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < ir->nlocals && ir->local_slot[lo] == s ? lo : UINT32_MAX;
}

static void choose_pins(bl_comp *c)
{
  const ir_func *ir = c->ir;
  const uint32_t *weight = c->weight;
  const unsigned max[2] = {NPIN_GPRS, NPIN_XMMS};
  uint32_t best[2][NPIN_MAX]; /* locals, heaviest first */
  unsigned nbest[2] = {0, 0};
  for (uint32_t s = 0; s < ir->local_slots; s++) {
    uint32_t w = weight[s], l;
    if (w < MIN_PIN_WEIGHT || c->v.slots[s].pinned || (l = local_at_slot(ir, s)) == UINT32_MAX)
      continue;
    unsigned cls = vs_class_of(ir->local_types[l]);
    uint32_t *top = best[cls];
    unsigned n = nbest[cls];
    if (n == max[cls] && w <= weight[ir->local_slot[top[n - 1]]])
      continue;
    if (n < max[cls])
      n = ++nbest[cls];
    unsigned k = n - 1; /* after every entry at least as heavy: an earlier local wins a tie */
    while (k > 0 && weight[ir->local_slot[top[k - 1]]] < w) {
      top[k] = top[k - 1];
      k--;
    }
    top[k] = l;
  }
  bool taken[2][16] = {{false}};
  for (unsigned cls = 0; cls < 2; cls++)
    for (unsigned n = 0; n < nbest[cls]; n++) {
      uint32_t l = best[cls][n];
      unsigned reg = cls == VS_GPR ? (unsigned)pin_gprs[n] : pin_xmms[n];
      bool callee_saved = cls == VS_GPR && (reg == X64_RBX || reg == X64_RBP);
      vs_pin(&c->v, ir->local_slot[l], (vs_cls)cls, reg, ir->local_types[l], callee_saved);
      taken[cls][reg] = true;
    }
  c->save_rbx = taken[VS_GPR][X64_RBX];
  c->save_rbp = taken[VS_GPR][X64_RBP];
}

/* ---- prologue and epilogue ----------------------------------------------------------------- */

/* r14 := the memory base of r13's instance (every instance context has a memory, if only
 * memory_none, so this needs no test). */
static void load_memory_base(x64_buf *b)
{
  x64_mov_r64_m64(b, X64_R14, x64_mem_bd(X64_R13, offsetof(vmctx, mem)));
  x64_mov_r64_m64(b, X64_R14, x64_mem_bd(X64_R14, offsetof(memory, base)));
}

static void reload_memory_base(bl_comp *c)
{
  if (c->has_memory)
    load_memory_base(c->b);
}

static void budget_tick(bl_comp *c)
{
  if (!c->budget)
    return;
  bl_stub *s = add_stub(c, STUB_BUDGET, 0);
  s->resume = x64_label(c->b);
  x64_sub_m32_imm32(c->b, thread_field(offsetof(jitrt_thread, budget)), 1);
  x64_jcc_label(c->b, X64_CC_S, s->label);
  x64_bind(c->b, s->resume);
}

/* One memory decrement and a branch not taken: the hotness count of this function in r13's
 * instance (vmctx_hot), at its entry (loop_ir WLAB_NONE) or at a loop header. */
static void hot_tick(bl_comp *c, uint32_t loop_ir)
{
  if (!c->hot)
    return;
  bl_stub *s = add_stub(c, STUB_HOT, 0);
  s->ir = loop_ir;
  s->resume = x64_label(c->b);
  int32_t at = (int32_t)(vmctx_hot_at(c->m) + sizeof(vmctx_hot) * c->func_index + offsetof(vmctx_hot, count));
  x64_sub_m32_imm32(c->b, x64_mem_bd(X64_R13, at), 1);
  x64_jcc_label(c->b, X64_CC_S, s->label);
  x64_bind(c->b, s->resume);
}

/* The native frame: limit checks, then the pushes (the same for the entry and every OSR entry). */
static void prologue_frame(bl_comp *c)
{
  x64_buf *b = c->b;
  const ir_func *ir = c->ir;
  unsigned pushes = 0;
  x64_label_id overflow = bl_trap_label(c, TRAP_STACK_EXHAUSTED);
  /* limits first, before anything is pushed: both stacks must have room for this frame */
  x64_cmp_r64_m64(b, X64_RSP, thread_field(offsetof(jitrt_thread, native_limit)));
  x64_jcc_label(b, X64_CC_B, overflow);
  x64_lea_r64_m(b, X64_RAX, x64_mem_bd(VS_FP, (int32_t)(ir->max_slots * 8 + 64)));
  x64_cmp_r64_m64(b, X64_RAX, thread_field(offsetof(jitrt_thread, vstack_end)));
  x64_jcc_label(b, X64_CC_A, overflow);
  if (c->save_rbx) {
    x64_push_r64(b, X64_RBX);
    pushes++;
  }
  if (c->save_rbp) {
    x64_push_r64(b, X64_RBP);
    pushes++;
  }
  c->frame_bytes = 8 * (int32_t)pushes;
  if (c->save_r13) {
    /* the instance context, restored after calls that may enter another instance */
    bool pad = (pushes + 1) % 2 == 0; /* an odd number of pushes aligns the body */
    x64_push_r64(b, X64_R13);
    c->frame_bytes += 8;
    if (pad) {
      x64_sub_r64_imm32(b, X64_RSP, 8);
      c->frame_bytes += 8;
    }
    c->r13_at = pad ? 8 : 0;
  } else if (pushes % 2 == 0) {
    x64_sub_r64_imm32(b, X64_RSP, 8); /* rsp was 8 mod 16 after the call: align the body */
    c->frame_bytes += 8;
  }
}

static void prologue(bl_comp *c)
{
  x64_buf *b = c->b;
  const ir_func *ir = c->ir;
  prologue_frame(c);
  hot_tick(c, WLAB_NONE); /* before the locals: nothing is in a register yet */
  /* r14 is set by the caller (docs/abi.md): a call within an instance keeps it as it is */
  /* declared locals start at zero (parameters are in place); a pinned local's zero is in its
   * register, its frame copy stale until written back */
  uint32_t first = ir->param_slots, n = ir->local_slots - ir->param_slots, unpinned = 0;
  for (uint32_t k = 0; k < n && n <= 16; k++)
    unpinned += !c->v.slots[first + k].pinned;
  if (n > 16 || unpinned) {
    x64_xor_r32_r32(b, X64_RAX, X64_RAX);
    if (n <= 16) {
      for (uint32_t k = 0; k < n; k++)
        if (!c->v.slots[first + k].pinned)
          x64_mov_m64_r64(b, vs_slot_mem(first + k), X64_RAX);
    } else {
      x64_label_id loop = x64_label(b);
      x64_lea_r64_m(b, X64_RCX, vs_slot_mem(first));
      x64_lea_r64_m(b, X64_RDX, vs_slot_mem(first + n));
      x64_bind(b, loop);
      x64_mov_m64_r64(b, x64_mem_bd(X64_RCX, 0), X64_RAX);
      x64_add_r64_imm32(b, X64_RCX, 8);
      x64_cmp_r64_r64(b, X64_RCX, X64_RDX);
      x64_jcc_label(b, X64_CC_B, loop);
    }
  }
  /* pinned locals into their registers (the value state lists them by slot: a walk over the
   * pins, not over every local) */
  for (uint32_t k = 0; k < c->v.npins; k++) {
    uint32_t s = c->v.pin_slots[k];
    vs_slot *st = &c->v.slots[s];
    if (s < ir->param_slots)
      vs_load(b, (vs_cls)st->cls, st->reg, s, st->type);
    else if (st->cls == VS_GPR)
      x64_xor_r32_r32(b, (x64_gpr)st->reg, (x64_gpr)st->reg);
    else
      x64_xorps_xmm_xmm(b, (x64_xmm)st->reg, (x64_xmm)st->reg);
    st->dirty = s >= ir->param_slots && n <= 16; /* the frame has the parameter, or the loop's zero */
  }
  budget_tick(c);
}

/* On-stack replacement entries (docs/tiering.md): for each loop header that is a branch target, code
 * entered like the function (the same trampoline and native frame) whose frame already holds the
 * activation's state as the IR lays it out.  Every value lives in its frame slot at a join
 * (vs_join), and pinned locals are the truth there, so loading them from their slots makes the
 * state the loop's code expects.  Then it jumps to the header. */
static void emit_osr_entries(bl_comp *c, size_t start)
{
  const ir_func *ir = c->ir;
  for (uint32_t i = 0; i < ir->ninsts; i++) {
    if (ir->insts[i].op != IR_LOOP_HEAD || !c->target[i])
      continue;
    x64_align(c->b, 16);
    push_site(c, &c->osr_sites, &c->nosr, &c->osr_cap, (uint32_t)(x64_here(c->b) - start), i);
    c->cur = i;
    prologue_frame(c);
    for (uint32_t k = 0; k < c->v.npins; k++) { /* the pins only: an entry costs what it loads */
      uint32_t s = c->v.pin_slots[k];
      const vs_slot *st = &c->v.slots[s];
      vs_load(c->b, (vs_cls)st->cls, st->reg, s, st->type);
    }
    x64_jmp_label(c->b, label_at(c, i));
  }
}

/* Undoes the prologue's pushes: after it, rsp points at the return address. */
static void leave_frame(bl_comp *c)
{
  x64_buf *b = c->b;
  int32_t extra = c->frame_bytes - 8 * ((c->save_rbx ? 1 : 0) + (c->save_rbp ? 1 : 0) + (c->save_r13 ? 1 : 0));
  if (c->save_r13) {
    if (c->r13_at)
      x64_add_r64_imm32(b, X64_RSP, c->r13_at);
    x64_pop_r64(b, X64_R13);
  } else if (extra) {
    x64_add_r64_imm32(b, X64_RSP, extra);
  }
  if (c->save_rbp)
    x64_pop_r64(b, X64_RBP);
  if (c->save_rbx)
    x64_pop_r64(b, X64_RBX);
}

/* ---- moving values ---------------------------------------------------------------------------- */

/* Writes the value of operand x (of type t) into frame slot dst, from wherever it is. */
static void store_operand_to(bl_comp *c, uint32_t x, uint8_t t, uint32_t dst)
{
  x64_buf *b = c->b;
  vs_opnd o = vs_peek(&c->v, x);
  if (o.kind == VS_REG) {
    vs_store(b, vs_class_of(t), o.reg, dst, t);
  } else if (o.kind == VS_CONST) {
    uint32_t k = IR_IS_CONST(x) ? x : c->v.slots[x].k;
    uint64_t lo = c->ir->consts[IR_CONST_INDEX(k)];
    if (t == WLAB_V128) {
      uint64_t hi = c->ir->consts[IR_CONST_INDEX(k) + 1];
      x64_mov_r64_imm(b, X64_RAX, lo);
      x64_mov_m64_r64(b, vs_slot_mem(dst), X64_RAX);
      x64_mov_r64_imm(b, X64_RAX, hi);
      x64_mov_m64_r64(b, vs_slot_mem(dst + 1), X64_RAX);
    } else if (lo == (uint64_t)(int64_t)(int32_t)lo) {
      x64_mov_m64_simm32(b, vs_slot_mem(dst), (int32_t)lo);
    } else {
      x64_mov_r64_imm(b, X64_RAX, lo);
      x64_mov_m64_r64(b, vs_slot_mem(dst), X64_RAX);
    }
  } else if (x != dst) {
    if (t == WLAB_V128) {
      x64_movups_xmm_m128(b, X64_XMM15, vs_slot_mem(x));
      x64_movups_m128_xmm(b, vs_slot_mem(dst), X64_XMM15);
    } else {
      x64_mov_r64_m64(b, X64_RAX, vs_slot_mem(x));
      x64_mov_m64_r64(b, vs_slot_mem(dst), X64_RAX);
    }
  }
}

static void emit_copy(bl_comp *c, const ir_inst *in)
{
  uint8_t t = (uint8_t)in->aux;
  vs_cls cls = vs_class_of(t);
  if (in->r == in->a)
    return;
  if (vs_is_const(&c->v, in->a)) {
    uint32_t k = IR_IS_CONST(in->a) ? in->a : c->v.slots[in->a].k;
    vs_def_const(&c->v, in->r, k, t);
    return;
  }
  if (c->v.slots[in->a].kind == VS_MEM && !c->v.slots[in->a].pinned) {
    /* from the frame: load straight into the destination (the source stays uncached) */
    unsigned d = vs_def(&c->v, in->r, cls, t, -1);
    vs_load(c->b, cls, d, in->a, t);
    return;
  }
  unsigned src = vs_use(&c->v, in->a, cls, t);
  unsigned dst = vs_def(&c->v, in->r, cls, t, -1);
  if (src == dst)
    return;
  if (cls == VS_GPR)
    x64_mov_r64_r64(c->b, (x64_gpr)dst, (x64_gpr)src);
  else
    x64_movaps_xmm_xmm(c->b, (x64_xmm)dst, (x64_xmm)src);
}

/* move: slots a.. to r.., b of them, ascending (a branch's values into its target's slots; the
 * ranges may overlap with r below a).  Every value goes to the frame first and the copy is
 * memory to memory; a long one is a loop, so the code stays the same size whatever b is. */
static void emit_move(bl_comp *c, const ir_inst *in)
{
  x64_buf *b = c->b;
  uint32_t n = in->b;
  vs_forget(&c->v);
  unsigned t = vs_temp(&c->v, VS_GPR);
  if (n <= 4) {
    for (uint32_t i = 0; i < n; i++) {
      x64_mov_r64_m64(b, (x64_gpr)t, vs_slot_mem(in->a + i));
      x64_mov_m64_r64(b, vs_slot_mem(in->r + i), (x64_gpr)t);
    }
    return;
  }
  /* k runs from -n up to 0 over both ranges' ends */
  unsigned k = vs_temp(&c->v, VS_GPR);
  x64_label_id top = x64_label(b);
  x64_mov_r64_imm(b, (x64_gpr)k, (uint64_t)-(int64_t)n);
  x64_bind(b, top);
  x64_mov_r64_m64(b, (x64_gpr)t, x64_mem_bisd(VS_FP, (x64_gpr)k, 8, (int32_t)((in->a + n) * 8)));
  x64_mov_m64_r64(b, x64_mem_bisd(VS_FP, (x64_gpr)k, 8, (int32_t)((in->r + n) * 8)), (x64_gpr)t);
  x64_add_r64_imm32(b, (x64_gpr)k, 1);
  x64_jcc_label(b, X64_CC_NE, top);
}

/* ---- branches ---------------------------------------------------------------------------------- */

/* A condition operand for a branch: in a register, or a constant (then *known is set). */
static void cond_test(bl_comp *c, uint32_t x, bool *is_const, uint32_t *value)
{
  x64_buf *b = c->b;
  vs_opnd o = vs_peek(&c->v, x);
  *is_const = false;
  if (o.kind == VS_CONST) {
    *is_const = true;
    *value = (uint32_t)o.imm;
    return;
  }
  if (o.kind == VS_REG) {
    if (bl_dies(c, x, NO_RESULT))
      vs_kill(&c->v, x);
    vs_flush(&c->v);
    x64_test_r32_r32(b, (x64_gpr)o.reg, (x64_gpr)o.reg);
    return;
  }
  if (bl_dies(c, x, NO_RESULT))
    vs_kill(&c->v, x);
  vs_flush(&c->v);
  x64_cmp_m32_imm32(b, vs_slot_mem(x), 0);
}

static void emit_br_cond(bl_comp *c, const ir_inst *in)
{
  bool k;
  uint32_t value = 0;
  x64_label_id to = label_at(c, in->b);
  cond_test(c, in->a, &k, &value);
  if (k) {
    vs_flush(&c->v);
    if ((value != 0) == (in->op == IR_BR_IF))
      x64_jmp_label(c->b, to);
    return;
  }
  x64_jcc_label(c->b, in->op == IR_BR_IF ? X64_CC_NE : X64_CC_E, to);
}

const ir_inst *bl_fusable_branch(bl_comp *c, const ir_inst *in)
{
  uint32_t next = c->cur + 1;
  if (next >= c->ir->ninsts || c->target[next])
    return NULL;
  const ir_inst *br = &c->ir->insts[next];
  if ((br->op != IR_BR_IF && br->op != IR_BR_UNLESS) || br->a != in->r || in->r < c->ir->local_slots)
    return NULL;
  return br;
}

void bl_branch_on(bl_comp *c, const ir_inst *br, x64_cc cc)
{
  c->skip = 1;
  c->pc_of[c->cur + 1] = (uint32_t)(x64_here(c->b) - c->start);
  x64_jcc_label(c->b, br->op == IR_BR_IF ? cc : x64_cc_not(cc), label_at(c, br->b));
}

static void emit_br_table(bl_comp *c, const ir_inst *in)
{
  x64_buf *b = c->b;
  uint32_t n = in->c;
  vs_opnd o = vs_peek(&c->v, in->a);
  if (o.kind == VS_CONST) {
    uint32_t i = (uint32_t)o.imm;
    vs_flush(&c->v);
    x64_jmp_label(b, label_at(c, c->ir->br_tables[in->b + (i < n - 1 ? i : n - 1)]));
    return;
  }
  /* rax = min(index, n - 1); jump into a table of n 5-byte jumps.  The flush comes first: it
   * needs the registers as they are (rax may hold a dirty value); every target is a join, so
   * nothing is cached after it. */
  if (bl_dies(c, in->a, NO_RESULT))
    vs_kill(&c->v, in->a);
  vs_flush(&c->v);
  if (o.kind == VS_REG)
    x64_mov_r32_r32(b, X64_RAX, (x64_gpr)o.reg);
  else
    x64_mov_r32_m32(b, X64_RAX, vs_slot_mem(in->a));
  x64_mov_r32_imm32(b, X64_RCX, n - 1);
  x64_cmp_r32_r32(b, X64_RAX, X64_RCX);
  x64_cmovcc_r32_r32(b, X64_CC_A, X64_RAX, X64_RCX);
  x64_label_id table = x64_label(b);
  x64_lea_r64_label(b, X64_RCX, table);
  x64_lea_r64_m(b, X64_RAX, x64_mem_bisd(X64_RAX, X64_RAX, 4, 0));
  x64_add_r64_r64(b, X64_RAX, X64_RCX);
  x64_jmp_r64(b, X64_RAX);
  x64_bind(b, table);
  for (uint32_t k = 0; k < n; k++)
    x64_jmp_label(b, label_at(c, c->ir->br_tables[in->b + k]));
}

/* ---- returns and calls ---------------------------------------------------------------------- */

static const functype *func_type_of(const wlab_module *m, uint32_t f) { return &m->types[m->funcs[f].type_index]; }

static void emit_return(bl_comp *c, const ir_inst *in)
{
  const functype *ft = func_type_of(c->m, c->func_index);
  uint32_t src = in->a, dst = 0;
  /* with more than one result, copies go through rax and xmm15, which may cache a later
   * source: write everything back and drop the cache first (nothing after the return needs it) */
  if (ft->nresults > 1)
    vs_forget(&c->v);
  for (uint32_t i = 0; i < ft->nresults; i++) {
    uint8_t t = (uint8_t)ft->results[i];
    if (src != dst || c->v.slots[src].kind != VS_MEM)
      store_operand_to(c, src, t, dst);
    src += ir_type_slots(t);
    dst += ir_type_slots(t);
  }
  leave_frame(c);
  x64_ret(c->b);
}

static uint32_t type_slots(const functype *ft, bool results)
{
  uint32_t n = 0, count = results ? ft->nresults : ft->nparams;
  const wlab_valtype *t = results ? ft->results : ft->params;
  for (uint32_t i = 0; i < count; i++)
    n += ir_type_slots((uint8_t)t[i]);
  return n;
}

/* The call itself, with rax = the callee's wlab_func and r15 already at its frame. */
static void call_through_entry(bl_comp *c, bool cross_instance)
{
  x64_buf *b = c->b;
  bl_stub *s = add_stub(c, STUB_CALL_SLOW, 0);
  s->resume = x64_label(b);
  x64_mov_r64_m64(b, X64_RCX, x64_mem_bd(X64_RAX, offsetof(wlab_func, entry)));
  if (cross_instance) {
    x64_mov_r64_m64(b, X64_R13, x64_mem_bd(X64_RAX, offsetof(wlab_func, vm)));
    load_memory_base(b);
  }
  x64_test_r64_r64(b, X64_RCX, X64_RCX);
  x64_jcc_label(b, X64_CC_E, s->label);
  x64_call_r64(b, X64_RCX);
  /* the return address is a site too: a trap's trace maps it to this call (docs/abi.md) */
  add_site(c, (uint32_t)(x64_here(b) - c->start), c->cur);
  x64_bind(b, s->resume);
}

/* Loads the table element for call_indirect into rax, trapping as the spec says. */
static void indirect_callee(bl_comp *c, const ir_inst *in, uint32_t index_slot_or_const, vs_opnd where)
{
  x64_buf *b = c->b;
  const wlab_module *m = c->m;
  if (where.kind == VS_CONST)
    x64_mov_r32_imm32(b, X64_RCX, (uint32_t)where.imm);
  else if (where.kind == VS_REG)
    x64_mov_r32_r32(b, X64_RCX, (x64_gpr)where.reg);
  else
    x64_mov_r32_m32(b, X64_RCX, vs_slot_mem(index_slot_or_const));
  x64_mov_r64_m64(b, X64_RDX, x64_mem_bd(X64_R13, (int32_t)(vmctx_tables(m) + 8 * in->aux)));
  x64_cmp_r32_m32(b, X64_RCX, x64_mem_bd(X64_RDX, offsetof(table, size)));
  x64_jcc_label(b, X64_CC_AE, bl_trap_label(c, TRAP_UNDEFINED_ELEMENT));
  x64_mov_r64_m64(b, X64_RDX, x64_mem_bd(X64_RDX, offsetof(table, elems)));
  x64_mov_r64_m64(b, X64_RAX, x64_mem_bisd(X64_RDX, X64_RCX, 8, 0));
  x64_test_r64_r64(b, X64_RAX, X64_RAX);
  x64_jcc_label(b, X64_CC_E, bl_trap_label(c, TRAP_UNINIT_ELEMENT));
  x64_mov_r32_m32(b, X64_RDX, x64_mem_bd(X64_R13, (int32_t)(vmctx_sigs(m) + 4 * in->b)));
  x64_cmp_r32_m32(b, X64_RDX, x64_mem_bd(X64_RAX, offsetof(wlab_func, sig)));
  x64_jcc_label(b, X64_CC_NE, bl_trap_label(c, TRAP_SIG_MISMATCH));
}

static void emit_call(bl_comp *c, const ir_inst *in)
{
  x64_buf *b = c->b;
  bool indirect = in->op == IR_CALL_INDIRECT || in->op == IR_RETURN_CALL_INDIRECT;
  bool tail = in->op == IR_RETURN_CALL || in->op == IR_RETURN_CALL_INDIRECT;
  bool cross = indirect || in->a < c->m->nimported_funcs;
  const functype *ft = indirect ? &c->m->types[in->b] : func_type_of(c->m, in->a);
  uint32_t base = in->r;
  vs_opnd where = {0};
  if (indirect)
    where = vs_peek(&c->v, in->a);
  before_call(c); /* only stores: a register operand peeked above still holds its value */
  if (indirect)
    indirect_callee(c, in, in->a, where);
  else
    x64_mov_r64_m64(b, X64_RAX, x64_mem_bd(X64_R13, (int32_t)(vmctx_funcs(c->m) + 8 * in->a)));

  if (tail) {
    /* the callee takes over this frame: arguments move down to slot 0 */
    uint32_t n = type_slots(ft, false);
    for (uint32_t k = 0; k < n && base; k++) {
      x64_mov_r64_m64(b, X64_RCX, vs_slot_mem(base + k));
      x64_mov_m64_r64(b, vs_slot_mem(k), X64_RCX);
    }
    x64_label_id normal = x64_label(b);
    if (cross) {
      /* only a callee of this instance can replace the frame: r13 must survive the return */
      x64_cmp_r64_m64(b, X64_R13, x64_mem_bd(X64_RAX, offsetof(wlab_func, vm)));
      x64_jcc_label(b, X64_CC_NE, normal);
    }
    x64_mov_r64_m64(b, X64_RCX, x64_mem_bd(X64_RAX, offsetof(wlab_func, entry)));
    leave_frame(c);
    x64_label_id slow = x64_label(b);
    x64_test_r64_r64(b, X64_RCX, X64_RCX);
    x64_jcc_label(b, X64_CC_E, slow);
    x64_jmp_r64(b, X64_RCX);
    x64_bind(b, slow);
    x64_jmp_m64(b, HELPER(JITRT_H_CALL_SLOW));
    x64_bind(b, normal);
    if (cross) {
      call_through_entry(c, true);
      x64_mov_r64_m64(b, X64_R13, x64_mem_bd(X64_RSP, c->r13_at));
      leave_frame(c);
      x64_ret(b);
    }
    return;
  }
  if (base)
    x64_add_r64_imm32(b, VS_FP, (int32_t)(base * 8));
  call_through_entry(c, cross);
  if (base)
    x64_sub_r64_imm32(b, VS_FP, (int32_t)(base * 8));
  if (cross)
    x64_mov_r64_m64(b, X64_R13, x64_mem_bd(X64_RSP, c->r13_at));
  if (cross || c->explicit_bounds)
    reload_memory_base(c);
  vs_after_call(&c->v);
  /* the results are in the frame from slot base on (vs_before_call left nothing cached there) */
}

/* ---- helpers from machine code ------------------------------------------------------------- */

void bl_arg_operand(bl_comp *c, x64_gpr reg, uint32_t x, uint8_t type)
{
  x64_buf *b = c->b;
  bool wide = type == WLAB_I64 || type == WLAB_FUNCREF || type == WLAB_EXTERNREF;
  if (vs_is_const(&c->v, x)) {
    uint64_t v = vs_const_value(&c->v, x);
    if (wide)
      x64_mov_r64_imm(b, reg, v);
    else
      x64_mov_r32_imm32(b, reg, (uint32_t)v);
    return;
  }
  vs_slot *s = &c->v.slots[x];
  /* after vs_before_call only a callee-saved pinned local is still in a register (rbx, rbp: never
   * an argument register, so earlier arguments cannot have overwritten it); everything else,
   * caller-saved pinned locals included, is in the frame: the caller synced the operands */
  if (s->kind == VS_REG && s->cls == VS_GPR && c->v.regs[VS_GPR][s->reg].callee_saved) {
    if (wide)
      x64_mov_r64_r64(b, reg, (x64_gpr)s->reg);
    else
      x64_mov_r32_r32(b, reg, (x64_gpr)s->reg);
    return;
  }
  if (wide)
    x64_mov_r64_m64(b, reg, vs_slot_mem(x));
  else
    x64_mov_r32_m32(b, reg, vs_slot_mem(x));
}

void bl_call_helper(bl_comp *c, unsigned helper, bool can_trap)
{
  x64_call_m64(c->b, HELPER(helper));
  if (can_trap) {
    bl_stub *s = add_stub(c, STUB_TRAP_EAX, 0);
    x64_test_r32_r32(c->b, X64_RAX, X64_RAX);
    x64_jcc_label(c->b, X64_CC_NE, s->label);
  }
}

/* rsi = a copy of `in` in the function's pool, rdx = the constants it names (fields: OI_SRC_*),
 * copied into the pool entries right after it with the fields renumbered to match: the C
 * helpers read both there, so the code holds no address of the module's IR and runs wherever
 * it is mapped (an artifact's .text, docs/aot.md).  Two instructions, as the two 64-bit
 * immediates were. */
static void lea_helper_inst(bl_comp *c, const ir_inst *in, unsigned fields)
{
  ir_inst x = *in;
  uint32_t *field[4] = {&x.r, &x.a, &x.b, &x.c};
  uint64_t k[6], words[4] = {0, 0, 0, 0};
  unsigned nk = 0;
  for (int i = 1; i < 4; i++) {
    if (!(fields >> i & 1) || !IR_IS_CONST(*field[i]))
      continue;
    uint32_t j = IR_CONST_INDEX(*field[i]);
    k[nk] = j < c->ir->nconsts ? c->ir->consts[j] : 0;
    k[nk + 1] = j + 1 < c->ir->nconsts ? c->ir->consts[j + 1] : 0; /* a v128's high half */
    *field[i] = IR_CONST_BIT | nk;
    nk += 2;
  }
  _Static_assert(sizeof x <= sizeof words, "an instruction fits two pool entries");
  memcpy(words, &x, sizeof x);
  x64_label_id rec = pool_add(c, words[0], words[1]);
  pool_add(c, words[2], words[3]);
  for (unsigned i = 0; i < nk; i += 2)
    pool_add(c, k[i], k[i + 1]);
  x64_lea_r64_label(c->b, X64_RSI, rec);
  x64_lea_r64_m(c->b, X64_RDX, x64_mem_bd(X64_RSI, (int32_t)sizeof words));
}

void bl_emit_value_op_c(bl_comp *c, const ir_inst *in)
{
  x64_buf *b = c->b;
  unsigned f = source_fields(in);
  const uint32_t x[4] = {in->r, in->a, in->b, in->c};
  for (int k = 1; k < 4; k++)
    if (f >> k & 1)
      vs_sync(&c->v, x[k]);
  before_call(c);
  x64_mov_r64_r64(b, X64_RDI, VS_FP);
  lea_helper_inst(c, in, f | (in->op == IR_I8X16_SHUFFLE ? OI_SRC_C : 0)); /* c: the lane pattern */
  bl_call_helper(c, JITRT_H_VALUE_OP, true);
  vs_after_call(&c->v);
  if (writes_result(in))
    vs_def_mem(&c->v, in->r, (uint8_t)ir_type_slots(bl_result_type(in)));
}

/* A helper taking (vm, operands...) as C arguments; the result (eax) goes to slot r if set. */
static void emit_helper_call(bl_comp *c, unsigned helper, const uint32_t *ops, const uint8_t *types, unsigned n,
                             uint32_t imm_first, bool with_imm, bool can_trap, uint32_t result, uint8_t rtype)
{
  static const x64_gpr args[] = {X64_RDI, X64_RSI, X64_RDX, X64_RCX, X64_R8, X64_R9};
  x64_buf *b = c->b;
  unsigned a = 0;
  for (unsigned i = 0; i < n; i++) /* in the frame, where bl_arg_operand reads them */
    vs_sync(&c->v, ops[i]);
  before_call(c);
  x64_mov_r64_r64(b, args[a++], X64_R13);
  if (with_imm)
    x64_mov_r32_imm32(b, args[a++], imm_first);
  for (unsigned i = 0; i < n; i++)
    bl_arg_operand(c, args[a++], ops[i], types[i]);
  bl_call_helper(c, helper, can_trap);
  vs_after_call(&c->v);
  if (result != NO_RESULT) {
    unsigned r = vs_def(&c->v, result, VS_GPR, rtype, -1);
    x64_mov_r32_r32(b, (x64_gpr)r, X64_RAX);
  }
}

/* ---- memory ----------------------------------------------------------------------------------- */

/* The address of an access of `size` bytes at operand addr + offset: a memory operand based on
 * r14, with the bounds check emitted first when checks are explicit. */
static x64_mem access_address(bl_comp *c, uint32_t addr, uint64_t offset, unsigned size)
{
  x64_buf *b = c->b;
  vs_opnd o = vs_peek(&c->v, addr);
  x64_gpr base_reg;
  if (o.kind == VS_CONST) {
    uint64_t ea = (uint64_t)(uint32_t)o.imm + offset;
    if (c->explicit_bounds) {
      unsigned t = vs_temp(&c->v, VS_GPR), m = vs_temp(&c->v, VS_GPR);
      x64_mov_r64_imm(b, (x64_gpr)t, ea + size);
      x64_mov_r64_m64(b, (x64_gpr)m, x64_mem_bd(X64_R13, offsetof(vmctx, mem)));
      x64_cmp_r64_m64(b, (x64_gpr)t, x64_mem_bd((x64_gpr)m, offsetof(memory, size)));
      x64_jcc_label(b, X64_CC_A, bl_trap_label(c, TRAP_MEMORY_OOB));
    }
    if (ea <= INT32_MAX)
      return x64_mem_bd(X64_R14, (int32_t)ea);
    unsigned t = vs_temp(&c->v, VS_GPR);
    x64_mov_r64_imm(b, (x64_gpr)t, ea);
    return x64_mem_bisd(X64_R14, (x64_gpr)t, 1, 0);
  }
  base_reg = (x64_gpr)vs_use(&c->v, addr, VS_GPR, WLAB_I32);
  if (c->explicit_bounds) {
    unsigned t = vs_temp(&c->v, VS_GPR), m = vs_temp(&c->v, VS_GPR);
    if (offset + size <= INT32_MAX) {
      x64_lea_r64_m(b, (x64_gpr)t, x64_mem_bd(base_reg, (int32_t)(offset + size)));
    } else {
      x64_mov_r64_imm(b, (x64_gpr)t, offset + size);
      x64_add_r64_r64(b, (x64_gpr)t, base_reg);
    }
    x64_mov_r64_m64(b, (x64_gpr)m, x64_mem_bd(X64_R13, offsetof(vmctx, mem)));
    x64_cmp_r64_m64(b, (x64_gpr)t, x64_mem_bd((x64_gpr)m, offsetof(memory, size)));
    x64_jcc_label(b, X64_CC_A, bl_trap_label(c, TRAP_MEMORY_OOB));
  }
  if (offset <= INT32_MAX)
    return x64_mem_bisd(X64_R14, base_reg, 1, (int32_t)offset);
  unsigned t = vs_temp(&c->v, VS_GPR);
  x64_mov_r32_imm32(b, (x64_gpr)t, (uint32_t)offset);
  x64_add_r64_r64(b, (x64_gpr)t, base_reg);
  return x64_mem_bisd(X64_R14, (x64_gpr)t, 1, 0);
}

static unsigned access_size(ir_op op)
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

static bool plain_access(ir_op op)
{
  switch (op) {
  case IR_I32_LOAD: case IR_I64_LOAD: case IR_F32_LOAD: case IR_F64_LOAD: case IR_V128_LOAD: case IR_I32_LOAD8_S:
  case IR_I32_LOAD8_U: case IR_I64_LOAD8_U: case IR_I32_LOAD16_S: case IR_I32_LOAD16_U: case IR_I64_LOAD16_U:
  case IR_I64_LOAD8_S: case IR_I64_LOAD16_S: case IR_I64_LOAD32_S: case IR_I64_LOAD32_U:
  case IR_I32_STORE: case IR_I64_STORE32: case IR_I64_STORE: case IR_I32_STORE8: case IR_I64_STORE8:
  case IR_I32_STORE16: case IR_I64_STORE16: case IR_F32_STORE: case IR_F64_STORE: case IR_V128_STORE:
    return true;
  default:
    return false;
  }
}

static bool emit_load(bl_comp *c, const ir_inst *in)
{
  x64_buf *b = c->b;
  ir_op op = (ir_op)in->op;
  uint8_t rt = bl_result_type(in);
  if (!plain_access(op))
    return false;
  x64_mem m = access_address(c, in->a, in->b, access_size(op));
  int reuse = -1;
  vs_opnd ao = vs_peek(&c->v, in->a);
  if (ao.kind == VS_REG && vs_class_of(rt) == VS_GPR && bl_dies(c, in->a, in->r) && m.base == X64_R14 &&
      m.index == (x64_gpr)ao.reg)
    reuse = ao.reg; /* the address register can take the loaded value */
  unsigned r = vs_def(&c->v, in->r, vs_class_of(rt), rt, reuse);
  x64_gpr g = (x64_gpr)r;
  switch (op) {
  case IR_I32_LOAD: x64_mov_r32_m32(b, g, m); break;
  case IR_I64_LOAD: x64_mov_r64_m64(b, g, m); break;
  case IR_F32_LOAD: x64_movss_xmm_m32(b, (x64_xmm)r, m); break;
  case IR_F64_LOAD: x64_movsd_xmm_m64(b, (x64_xmm)r, m); break;
  case IR_V128_LOAD: x64_movdqu_xmm_m128(b, (x64_xmm)r, m); break;
  case IR_I32_LOAD8_S: x64_movsx_r32_m8(b, g, m); break;
  case IR_I32_LOAD8_U: case IR_I64_LOAD8_U: x64_movzx_r32_m8(b, g, m); break;
  case IR_I32_LOAD16_S: x64_movsx_r32_m16(b, g, m); break;
  case IR_I32_LOAD16_U: case IR_I64_LOAD16_U: x64_movzx_r32_m16(b, g, m); break;
  case IR_I64_LOAD8_S: x64_movsx_r64_m8(b, g, m); break;
  case IR_I64_LOAD16_S: x64_movsx_r64_m16(b, g, m); break;
  case IR_I64_LOAD32_S: x64_movsxd_r64_m32(b, g, m); break;
  case IR_I64_LOAD32_U: x64_mov_r32_m32(b, g, m); break;
  default: return false;
  }
  return true;
}

static bool emit_store(bl_comp *c, const ir_inst *in)
{
  x64_buf *b = c->b;
  ir_op op = (ir_op)in->op;
  if (!plain_access(op))
    return false;
  uint8_t vt = bl_param_type(in, 1);
  vs_opnd vo = vs_peek(&c->v, in->b);
  unsigned val = 0;
  bool imm = vo.kind == VS_CONST && vs_class_of(vt) == VS_GPR &&
             (op != IR_I64_STORE || vo.imm == (uint64_t)(int64_t)(int32_t)vo.imm);
  if (!imm)
    val = vs_use(&c->v, in->b, vs_class_of(vt), vt);
  x64_mem m = access_address(c, in->a, in->c, access_size(op));
  x64_gpr g = (x64_gpr)val;
  switch (op) {
  case IR_I32_STORE: case IR_I64_STORE32:
    if (imm) x64_mov_m32_imm32(b, m, (uint32_t)vo.imm); else x64_mov_m32_r32(b, m, g);
    break;
  case IR_I64_STORE:
    if (imm) x64_mov_m64_simm32(b, m, (int32_t)vo.imm); else x64_mov_m64_r64(b, m, g);
    break;
  case IR_I32_STORE8: case IR_I64_STORE8:
    if (imm) x64_mov_m8_imm8(b, m, (uint8_t)vo.imm); else x64_mov_m8_r8(b, m, g);
    break;
  case IR_I32_STORE16: case IR_I64_STORE16:
    if (imm) x64_mov_m16_imm16(b, m, (uint16_t)vo.imm); else x64_mov_m16_r16(b, m, g);
    break;
  case IR_F32_STORE: x64_movss_m32_xmm(b, m, (x64_xmm)val); break;
  case IR_F64_STORE: x64_movsd_m64_xmm(b, m, (x64_xmm)val); break;
  case IR_V128_STORE: x64_movdqu_m128_xmm(b, m, (x64_xmm)val); break;
  default: return false;
  }
  return true;
}

/* A v128 access done by the C helper: (fp, inst, consts, vm, address + offset). */
static void emit_simd_mem_c(bl_comp *c, const ir_inst *in)
{
  x64_buf *b = c->b;
  bool lane = opcodes_info[in->op].imm == IMM_MEMARG_LANE;
  bool store = opcodes_info[in->op].result == OPT_NONE;
  uint64_t offset = lane || store ? in->c : in->b;
  if (lane || store)
    vs_sync(&c->v, in->b); /* the vector operand is read from the frame */
  vs_sync(&c->v, in->a);
  before_call(c);
  bl_arg_operand(c, X64_R8, in->a, WLAB_I32);
  if (offset <= INT32_MAX) {
    if (offset)
      x64_add_r64_imm32(b, X64_R8, (int32_t)offset);
  } else {
    x64_mov_r32_imm32(b, X64_RAX, (uint32_t)offset);
    x64_add_r64_r64(b, X64_R8, X64_RAX);
  }
  x64_mov_r64_r64(b, X64_RDI, VS_FP);
  lea_helper_inst(c, in, lane || store ? OI_SRC_B : 0); /* b: the vector operand */
  x64_mov_r64_r64(b, X64_RCX, X64_R13);
  bl_call_helper(c, JITRT_H_SIMD_MEM, true);
  vs_after_call(&c->v);
  if (!store)
    vs_def_mem(&c->v, in->r, 2);
}

/* ---- globals, references, tables, bulk memory ------------------------------------------------ */

static void emit_global_get(bl_comp *c, const ir_inst *in)
{
  x64_buf *b = c->b;
  uint8_t t = (uint8_t)in->aux;
  unsigned cell = vs_temp(&c->v, VS_GPR);
  x64_mov_r64_m64(b, (x64_gpr)cell, x64_mem_bd(X64_R13, (int32_t)(vmctx_globals(c->m) + 8 * in->a)));
  unsigned r = vs_def(&c->v, in->r, vs_class_of(t), t, -1);
  x64_mem m = x64_mem_bd((x64_gpr)cell, offsetof(global_cell, v));
  if (vs_class_of(t) == VS_GPR) {
    if (t == WLAB_I32)
      x64_mov_r32_m32(b, (x64_gpr)r, m);
    else
      x64_mov_r64_m64(b, (x64_gpr)r, m);
  } else if (t == WLAB_F32) {
    x64_movss_xmm_m32(b, (x64_xmm)r, m);
  } else if (t == WLAB_F64) {
    x64_movsd_xmm_m64(b, (x64_xmm)r, m);
  } else {
    x64_movdqu_xmm_m128(b, (x64_xmm)r, m);
  }
}

static void emit_global_set(bl_comp *c, const ir_inst *in)
{
  x64_buf *b = c->b;
  uint8_t t = (uint8_t)in->aux;
  unsigned val = vs_use(&c->v, in->b, vs_class_of(t), t);
  unsigned cell = vs_temp(&c->v, VS_GPR);
  x64_mov_r64_m64(b, (x64_gpr)cell, x64_mem_bd(X64_R13, (int32_t)(vmctx_globals(c->m) + 8 * in->a)));
  x64_mem m = x64_mem_bd((x64_gpr)cell, offsetof(global_cell, v));
  if (vs_class_of(t) == VS_GPR) {
    if (t == WLAB_I32)
      x64_mov_m32_r32(b, m, (x64_gpr)val);
    else
      x64_mov_m64_r64(b, m, (x64_gpr)val);
  } else if (t == WLAB_F32) {
    x64_movss_m32_xmm(b, m, (x64_xmm)val);
  } else if (t == WLAB_F64) {
    x64_movsd_m64_xmm(b, m, (x64_xmm)val);
  } else {
    x64_movdqu_m128_xmm(b, m, (x64_xmm)val);
  }
}

/* table t's struct into a temp, then [elems + 8*i] with i bounds-checked */
static void table_element(bl_comp *c, uint32_t table_index, uint32_t index_operand, unsigned *elems, unsigned *idx)
{
  x64_buf *b = c->b;
  *idx = vs_use(&c->v, index_operand, VS_GPR, WLAB_I32);
  *elems = vs_temp(&c->v, VS_GPR);
  x64_mov_r64_m64(b, (x64_gpr)*elems, x64_mem_bd(X64_R13, (int32_t)(vmctx_tables(c->m) + 8 * table_index)));
  x64_cmp_r32_m32(b, (x64_gpr)*idx, x64_mem_bd((x64_gpr)*elems, offsetof(table, size)));
  x64_jcc_label(b, X64_CC_AE, bl_trap_label(c, TRAP_TABLE_OOB));
  x64_mov_r64_m64(b, (x64_gpr)*elems, x64_mem_bd((x64_gpr)*elems, offsetof(table, elems)));
}

static bool emit_other(bl_comp *c, const ir_inst *in)
{
  x64_buf *b = c->b;
  const uint32_t ops3[3] = {in->a, in->b, in->c};
  static const uint8_t i32x3[3] = {WLAB_I32, WLAB_I32, WLAB_I32};
  switch ((ir_op)in->op) {
  case IR_GLOBAL_GET: emit_global_get(c, in); return true;
  case IR_GLOBAL_SET: emit_global_set(c, in); return true;
  case IR_REF_FUNC: {
    unsigned r = vs_def(&c->v, in->r, VS_GPR, WLAB_FUNCREF, -1);
    x64_mov_r64_m64(b, (x64_gpr)r, x64_mem_bd(X64_R13, (int32_t)(vmctx_funcs(c->m) + 8 * in->a)));
    return true;
  }
  case IR_REF_IS_NULL: {
    unsigned a = vs_use(&c->v, in->a, VS_GPR, WLAB_FUNCREF);
    x64_test_r64_r64(b, (x64_gpr)a, (x64_gpr)a);
    unsigned r = vs_def(&c->v, in->r, VS_GPR, WLAB_I32, bl_dies(c, in->a, in->r) ? (int)a : -1);
    x64_setcc_r8(b, X64_CC_E, (x64_gpr)r);
    x64_movzx_r32_r8(b, (x64_gpr)r, (x64_gpr)r);
    return true;
  }
  case IR_TABLE_GET: {
    unsigned elems, idx;
    table_element(c, in->aux, in->a, &elems, &idx);
    unsigned r = vs_def(&c->v, in->r, VS_GPR, WLAB_FUNCREF, -1);
    x64_mov_r64_m64(b, (x64_gpr)r, x64_mem_bisd((x64_gpr)elems, (x64_gpr)idx, 8, 0));
    return true;
  }
  case IR_TABLE_SET: {
    unsigned val = vs_use(&c->v, in->b, VS_GPR, WLAB_FUNCREF), elems, idx;
    table_element(c, in->aux, in->a, &elems, &idx);
    x64_mov_m64_r64(b, x64_mem_bisd((x64_gpr)elems, (x64_gpr)idx, 8, 0), (x64_gpr)val);
    return true;
  }
  case IR_TABLE_SIZE: {
    unsigned t = vs_temp(&c->v, VS_GPR);
    x64_mov_r64_m64(b, (x64_gpr)t, x64_mem_bd(X64_R13, (int32_t)(vmctx_tables(c->m) + 8 * in->aux)));
    unsigned r = vs_def(&c->v, in->r, VS_GPR, WLAB_I32, -1);
    x64_mov_r32_m32(b, (x64_gpr)r, x64_mem_bd((x64_gpr)t, offsetof(table, size)));
    return true;
  }
  case IR_MEMORY_SIZE: {
    unsigned r = vs_def(&c->v, in->r, VS_GPR, WLAB_I32, -1);
    x64_mov_r64_m64(b, (x64_gpr)r, x64_mem_bd(X64_R13, offsetof(vmctx, mem)));
    x64_mov_r64_m64(b, (x64_gpr)r, x64_mem_bd((x64_gpr)r, offsetof(memory, size)));
    x64_shr_r64_imm8(b, (x64_gpr)r, 16);
    return true;
  }
  case IR_MEMORY_GROW: {
    static const uint8_t t1[1] = {WLAB_I32};
    emit_helper_call(c, JITRT_H_MEMORY_GROW, ops3, t1, 1, 0, false, false, in->r, WLAB_I32);
    reload_memory_base(c);
    return true;
  }
  case IR_MEMORY_FILL:
    emit_helper_call(c, JITRT_H_MEMORY_FILL, ops3, i32x3, 3, 0, false, true, NO_RESULT, 0);
    return true;
  case IR_MEMORY_COPY:
    emit_helper_call(c, JITRT_H_MEMORY_COPY, ops3, i32x3, 3, 0, false, true, NO_RESULT, 0);
    return true;
  case IR_MEMORY_INIT:
    emit_helper_call(c, JITRT_H_MEMORY_INIT, ops3, i32x3, 3, in->r, true, true, NO_RESULT, 0);
    return true;
  case IR_DATA_DROP:
    emit_helper_call(c, JITRT_H_DATA_DROP, NULL, NULL, 0, in->a, true, false, NO_RESULT, 0);
    return true;
  case IR_ELEM_DROP:
    emit_helper_call(c, JITRT_H_ELEM_DROP, NULL, NULL, 0, in->a, true, false, NO_RESULT, 0);
    return true;
  case IR_TABLE_GROW: {
    static const uint8_t t2[2] = {WLAB_FUNCREF, WLAB_I32};
    emit_helper_call(c, JITRT_H_TABLE_GROW, ops3, t2, 2, in->aux, true, false, in->r, WLAB_I32);
    return true;
  }
  case IR_TABLE_FILL: {
    static const uint8_t t3[3] = {WLAB_I32, WLAB_FUNCREF, WLAB_I32};
    emit_helper_call(c, JITRT_H_TABLE_FILL, ops3, t3, 3, in->aux, true, true, NO_RESULT, 0);
    return true;
  }
  case IR_TABLE_COPY: {
    /* (vm, dst table, src table, d, s, n): the source table index goes first among the operands */
    static const x64_gpr args[] = {X64_RDX, X64_RCX, X64_R8, X64_R9};
    for (unsigned i = 0; i < 3; i++)
      vs_sync(&c->v, ops3[i]);
    before_call(c);
    x64_mov_r64_r64(b, X64_RDI, X64_R13);
    x64_mov_r32_imm32(b, X64_RSI, in->aux);
    x64_mov_r32_imm32(b, args[0], in->r);
    for (unsigned i = 0; i < 3; i++)
      bl_arg_operand(c, args[i + 1], ops3[i], WLAB_I32);
    bl_call_helper(c, JITRT_H_TABLE_COPY, true);
    vs_after_call(&c->v);
    return true;
  }
  case IR_TABLE_INIT: {
    static const x64_gpr args[] = {X64_RDX, X64_RCX, X64_R8, X64_R9};
    for (unsigned i = 0; i < 3; i++)
      vs_sync(&c->v, ops3[i]);
    before_call(c);
    x64_mov_r64_r64(b, X64_RDI, X64_R13);
    x64_mov_r32_imm32(b, X64_RSI, in->aux);
    x64_mov_r32_imm32(b, args[0], in->r);
    for (unsigned i = 0; i < 3; i++)
      bl_arg_operand(c, args[i + 1], ops3[i], WLAB_I32);
    bl_call_helper(c, JITRT_H_TABLE_INIT, true);
    vs_after_call(&c->v);
    return true;
  }
  default:
    return false;
  }
}

/* ---- select ------------------------------------------------------------------------------------ */

static void emit_select(bl_comp *c, const ir_inst *in)
{
  x64_buf *b = c->b;
  uint8_t t = in->op == IR_SELECT128 ? WLAB_V128 : (uint8_t)in->aux;
  vs_cls cls = vs_class_of(t);
  vs_opnd co = vs_peek(&c->v, in->c);
  if (co.kind == VS_CONST) { /* a known condition is a copy */
    ir_inst cp = {IR_COPY, t, in->r, co.imm ? in->a : in->b, 0, 0};
    emit_copy(c, &cp);
    return;
  }
  unsigned cond = vs_use(&c->v, in->c, VS_GPR, WLAB_I32);
  unsigned a = vs_use(&c->v, in->a, cls, t);
  unsigned bb = vs_use(&c->v, in->b, cls, t);
  /* test first: r may be the condition's own register (select s0, .., .., s0) */
  x64_test_r32_r32(b, (x64_gpr)cond, (x64_gpr)cond);
  unsigned r = vs_def(&c->v, in->r, cls, t, -1); /* only stores, which keep the flags */
  if (cls == VS_GPR) {
    if (r == a) {
      x64_cmovcc_r64_r64(b, X64_CC_E, (x64_gpr)r, (x64_gpr)bb);
    } else {
      if (r != bb)
        x64_mov_r64_r64(b, (x64_gpr)r, (x64_gpr)bb);
      x64_cmovcc_r64_r64(b, X64_CC_NE, (x64_gpr)r, (x64_gpr)a);
    }
    return;
  }
  x64_label_id pick_b = x64_label(b), done = x64_label(b);
  if (r == a || r == bb) {
    unsigned keep = r == a ? bb : a; /* the other value, copied into r on its branch */
    x64_jcc_label(b, r == a ? X64_CC_NE : X64_CC_E, done);
    x64_movaps_xmm_xmm(b, (x64_xmm)r, (x64_xmm)keep);
    x64_bind(b, done);
    x64_bind(b, pick_b);
    return;
  }
  x64_jcc_label(b, X64_CC_E, pick_b);
  x64_movaps_xmm_xmm(b, (x64_xmm)r, (x64_xmm)a);
  x64_jmp_label(b, done);
  x64_bind(b, pick_b);
  x64_movaps_xmm_xmm(b, (x64_xmm)r, (x64_xmm)bb);
  x64_bind(b, done);
}

/* ---- one instruction ------------------------------------------------------------------------- */

static bool emit_inst(bl_comp *c, const ir_inst *in)
{
  ir_op op = (ir_op)in->op;
  bool done;
  switch ((enum op_kind)op_kind[op]) {
  case K_ALU: bl_emit_alu(c, in); return true;
  case K_COPY: emit_copy(c, in); return true;
  case K_BR: vs_flush(&c->v); x64_jmp_label(c->b, label_at(c, in->a)); return true;
  case K_BR_COND: emit_br_cond(c, in); return true;
  case K_BR_TABLE: emit_br_table(c, in); return true;
  case K_LOOP_HEAD:
    budget_tick(c);
    if (c->target[c->cur]) /* a loop that loops: a join, nothing cached */
      hot_tick(c, c->cur);
    return true;
  case K_RETURN: emit_return(c, in); return true;
  case K_UNREACHABLE: x64_jmp_label(c->b, bl_trap_label(c, TRAP_UNREACHABLE)); return true;
  case K_CALL: emit_call(c, in); return true;
  case K_SELECT: emit_select(c, in); return true;
  case K_MOVE: emit_move(c, in); return true;
  case K_INT: done = bl_emit_int(c, in); break;
  case K_FLOAT: done = bl_emit_float(c, in); break;
  case K_SIMD: done = bl_emit_simd(c, in); break;
  case K_MEMORY:
    if (!c->explicit_bounds) /* a guard-page fault names this op */
      push_site(c, &c->faults, &c->nfaults, &c->faults_cap, c->pc_of[c->cur], c->cur);
    if (opcodes_info[op].imm == IMM_MEMARG &&
        (opcodes_info[op].result != OPT_NONE ? emit_load(c, in) : emit_store(c, in)))
      return true;
    /* the v128 accesses that widen, splat, zero or take one lane: C unless emit_simd has them */
    if (!bl_emit_simd(c, in))
      emit_simd_mem_c(c, in);
    return true;
  default:
    if (emit_other(c, in))
      return true;
    return fail(c, "an IR op the baseline compiler does not know");
  }
  if (!done) /* an op its emitter leaves to C */
    bl_emit_value_op_c(c, in);
  return true;
}

bool bl_compile(bl_comp *c, const wlab_module *m, uint32_t index, bool explicit_bounds, bool budget, size_t *at)
{
  const ir_func *ir = m->funcs[index].ir;
  x64_buf *b = c->b;
  size_t start;
  c->m = m;
  c->ir = ir;
  c->func_index = index;
  c->explicit_bounds = explicit_bounds;
  c->budget = budget;
  c->has_memory = m->nmemories > 0;
  c->fail = NULL;
  c->cur = 0;
  c->nstubs = c->nsites = c->npool = c->nfaults = c->nosr = 0;
  if (!ir)
    return fail(c, "no IR (an imported function)");
  if (!grow_arrays(c, ir) || !vs_init(&c->v, b, ir->max_slots + 2, ir->consts))
    return fail(c, "out of memory");
  x64_align(b, 16);
  start = *at = c->start = x64_here(b);
  prepass(c);
  choose_pins(c);
  prologue(c);
  /* in locals: the emitters store code through byte pointers, which may alias anything, so
   * fields read after them would be loaded again */
  const ir_inst *insts = ir->insts;
  const uint8_t *target = c->target;
  uint32_t *pc_of = c->pc_of, ninsts = ir->ninsts, ls = ir->local_slots;
  for (uint32_t i = 0; i < ninsts; i++) {
    const ir_inst *in = &insts[i];
    if (target[i]) {
      vs_join(&c->v);
      x64_bind(b, label_at(c, i));
    }
    c->cur = i;
    c->skip = 0;
    pc_of[i] = (uint32_t)(x64_here(b) - start);
    if (!emit_inst(c, in))
      return false;
    kill_sources(c, in, ls);
    vs_end_inst(&c->v);
    if (c->v.failed)
      return fail(c, "out of registers");
    i += c->skip;
  }
  c->pc_of[ir->ninsts] = (uint32_t)(x64_here(b) - start);
  if (c->target[ir->ninsts]) {
    x64_bind(b, label_at(c, ir->ninsts));
    c->cur = ir->ninsts ? ir->ninsts - 1 : 0;
    x64_jmp_label(b, bl_trap_label(c, TRAP_UNREACHABLE));
  }
  /* out of line: OSR entries, the stubs, then the constant pool */
  if (c->osr)
    emit_osr_entries(c, start);
  emit_stubs(c, start);
  emit_pool(c);
  if (!x64_buf_ok(b))
    return fail(c, b->failed ? "out of memory, or an operand the encoder cannot express" : "a label never bound");
  return c->fail == NULL;
}
