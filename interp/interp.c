/* interp.c: the threaded-code interpreter: IR -> handler addresses, run by computed goto.
 *
 * Threading.  Each IR instruction becomes two or three 8-byte cells:
 *
 *   cell 0   the handler's address
 *   cell 1   r | a        (32 bits each)
 *   cell 2   b | c
 *   cell 3   aux          (only lane loads/stores and table.fill/copy/init; others keep aux in c)
 *
 * Slot operands become byte offsets from the frame pointer.  Constant operands become slots
 * too: the function's constant pool is copied between its locals and its operand stack on entry, so every
 * handler reads operands one way (docs/ir.md explains the IR; docs/interp.md this tier).
 * Branch targets become cell indices.
 *
 * Frames.  One value stack per thread; a callee's frame starts at the caller's argument
 * slots (frames overlap, so arguments are never copied).  Calls do not recurse in C: a small
 * frame record (return cell, caller's frame and code) goes on a per-thread frame stack.
 */
#include "interp/interp.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include "core/error.h"
#include "core/thread.h"
#include "core/value_ops.h"

/* Dispatch: computed goto (GNU C's labels as values) where the compiler has it, else a
 * standard C switch; -DWLAB_INTERP_SWITCH=1 forces the switch (the test configuration
 * builds both).  The handlers are the same labels either way (handlers_list.h). */
#ifndef WLAB_INTERP_SWITCH
#if defined(__GNUC__)
#define WLAB_INTERP_SWITCH 0
#else
#define WLAB_INTERP_SWITCH 1
#endif
#endif

#if WLAB_INTERP_SWITCH
/* handler numbers stand in for addresses in the threaded code */
enum handler_id {
  HID_NONE = 0,
#define H(op, name) HID_##name,
#define HX(op, name) HID_##name,
#define HV(k, name) HID_##name,
#include "interp/handlers_list.h"
#undef H
#undef HX
#undef HV
#define F(name) HID_##name,
#define FC(cmp) HID_BRC_##cmp, HID_BRC_##cmp##_BACK, HID_BRC_##cmp##_K, HID_BRC_##cmp##_K_BACK,
#define FM(kind) HID_##kind, HID_##kind##_X, HID_##kind##_K, HID_##kind##_K_X,
#define FK(op) HID_##op##_K,
#include "interp/fused_list.h"
#undef F
#undef FC
#undef FM
#undef FK
};
#endif

/* the superinstructions' handlers, by number (fused_list.h) */
enum fused_id {
#define F(name) FU_##name,
#define FC(cmp) FU_BRC_##cmp, FU_BRC_##cmp##_BACK, FU_BRC_##cmp##_K, FU_BRC_##cmp##_K_BACK,
#define FM(kind) FU_##kind, FU_##kind##_X, FU_##kind##_K, FU_##kind##_K_X,
#define FK(op) FU_##op##_K,
#include "interp/fused_list.h"
#undef F
#undef FC
#undef FM
#undef FK
  FU_COUNT
};

/* ---- threaded code ----------------------------------------------------------------------- */

typedef union cell {
  const void *h;
  uint64_t u;
  struct {
    uint32_t x, y;
  } w;
} cell;

typedef struct icode {
  wlab_func *func;
  const ir_func *ir;
  uint32_t frame_bytes;      /* locals, operand stack and constants */
  uint32_t param_bytes, local_bytes, const_at;
  uint32_t ncells;
  uint32_t nconsts;          /* the constant pool, copied into each new frame */
  const uint64_t *consts;
  uint32_t *ir_of_cell;      /* instruction index of each cell (for trap offsets) */
  uint32_t *jump_tables;     /* br_table targets as cell indices */
  int32_t budget;            /* counts down at entry and loop heads (hotness, fuel, deadline) */
  int32_t slice;             /* what the budget was last set to */
  uint64_t hot_ticks;        /* entries and iterations counted so far */
  bool reported_hot;
  cell cells[];
} icode;

/* ---- the per-thread execution context ---------------------------------------------------- */

typedef struct frame_rec {
  const cell *ret;           /* where the caller resumes; NULL: return to the host */
  uint8_t *fp;
  icode *code;
} frame_rec;

#define MAX_FRAMES 100000u               /* wasm call depth ("call stack exhausted") */
#define HOT_BUDGET 1000                  /* entries + back edges before the hot callback */

/* Build knob, for measuring what the budget costs: -DWLAB_INTERP_NO_BUDGET=1 drops the
 * check at entries and loop heads (and with it hotness, --fuel and --timeout). */
#ifndef WLAB_INTERP_NO_BUDGET
#define WLAB_INTERP_NO_BUDGET 0
#endif
#define BUDGET_CHECKS (!WLAB_INTERP_NO_BUDGET)

/* The interpreter's per-thread state.  Frames live in the thread's value stack (thread.h),
 * shared with machine code; the frame records of interpreted calls are the interpreter's own. */
typedef struct exec {
  thread_ctx *thread;
  frame_rec *frames;
  uint32_t nframes;
  const cell *volatile pc;   /* the current instruction, kept where a fault can read it */
  icode *volatile code;
  /* on-stack replacement: where budget_expired found machine code to continue in */
  void *transfer_to;
  bool transfer_moves_stack;  /* entering at a loop header: the IR's frame layout first */
} exec;

static _Thread_local exec *tls_exec;

/* Runs on the thread when it exits (thread_attach). */
static void exec_free(void *p)
{
  exec *ex = p;
  if (tls_exec == ex)
    tls_exec = NULL;
  free(ex->frames);
  free(ex);
}

static exec *exec_get(void)
{
  exec *ex = tls_exec;
  thread_ctx *t;
  if (ex)
    return ex;
  if (!(t = thread_current()) || !(ex = calloc(1, sizeof *ex)))
    return NULL;
  ex->thread = t;
  ex->frames = malloc(MAX_FRAMES * sizeof *ex->frames);
  if (!ex->frames || !thread_attach(t, ex, exec_free)) {
    free(ex->frames);
    free(ex);
    return NULL;
  }
  tls_exec = ex;
  return ex;
}

/* ---- threading ----------------------------------------------------------------------------- */

/* The handler table, published by run() when called with code == NULL. */
static const void *const *handlers;
static const void *const *handlers_explicit; /* memory ops with explicit bounds checks */
static const void *const *handlers_fused;    /* by enum fused_id */

static bool has_aux_cell(ir_op op)
{
  switch (op) {
  case IR_TABLE_FILL: case IR_TABLE_COPY: case IR_TABLE_INIT:
  case IR_V128_LOAD8_LANE: case IR_V128_LOAD16_LANE: case IR_V128_LOAD32_LANE: case IR_V128_LOAD64_LANE:
  case IR_V128_STORE8_LANE: case IR_V128_STORE16_LANE: case IR_V128_STORE32_LANE: case IR_V128_STORE64_LANE:
    return true;
  default:
    return false;
  }
}

static uint32_t inst_cells(ir_op op) { return has_aux_cell(op) ? 4 : 3; }

/* Which of r, a, b, c are slot operands (bit 0 r, 1 a, 2 b, 3 c); the rest are immediates. */
static unsigned slot_fields(const ir_inst *in)
{
  ir_op op = (ir_op)in->op;
  const wasm_opinfo *o = &opcodes_info[(int)op < (int)WASM_OP_COUNT ? (int)op : 0];
  switch (op) {
  case IR_COPY: case IR_MOVE: return 1 | 2;
  case IR_BR: case IR_LOOP_HEAD: case IR_UNREACHABLE: case IR_DATA_DROP: case IR_ELEM_DROP: return 0;
  case IR_BR_IF: case IR_BR_UNLESS: case IR_BR_TABLE: return 2;
  case IR_RETURN: return 2;
  case IR_CALL: case IR_RETURN_CALL: return 1;
  case IR_CALL_INDIRECT: case IR_RETURN_CALL_INDIRECT: return 1 | 2;
  case IR_GLOBAL_GET: return 1;
  case IR_GLOBAL_SET: return 4;
  case IR_SELECT: case IR_SELECT128: return 1 | 2 | 4 | 8;
  case IR_MEMORY_SIZE: case IR_TABLE_SIZE: return 1;
  case IR_MEMORY_GROW: case IR_TABLE_GET: case IR_REF_IS_NULL: return 1 | 2;
  case IR_MEMORY_FILL: case IR_MEMORY_COPY: case IR_TABLE_FILL: return 2 | 4 | 8;
  case IR_MEMORY_INIT: case IR_TABLE_INIT: case IR_TABLE_COPY: return 2 | 4 | 8;
  case IR_TABLE_SET: return 2 | 4;
  case IR_TABLE_GROW: return 1 | 2 | 4;
  case IR_REF_FUNC: return 1;
  case IR_I8X16_SHUFFLE: return 1 | 2 | 4 | 8;
  default: break;
  }
  if (o->imm == IMM_MEMARG)
    return o->result != OPT_NONE ? (1 | 2) : (2 | 4);
  if (o->imm == IMM_MEMARG_LANE)
    return o->result != OPT_NONE ? (1 | 2 | 4) : (2 | 4);
  {
    unsigned m = o->result != OPT_NONE ? 1 : 0;
    for (int i = 0; i < o->nparams; i++)
      m |= 2u << i;
    return m;
  }
}

/* The handler of one IR instruction (some ops pick a variant by type). */
static const void *handler_for(const ir_inst *in, bool explicit_bounds);
/* Fills the handler tables (run() publishes its labels) if that has not happened yet. */
static void load_handlers(void);

/* ---- frame layout ---------------------------------------------------------------------------
 * The interpreter's frame: [params | locals | constants | operand stack].  Constants that an
 * op reads from a slot are copied into the frame on entry; most constants are instead taken
 * from the code by a _K handler, so only the rest are kept, renumbered densely ("the pool").
 * Constants sit below the operand stack so that a callee's frame, which starts at its
 * caller's argument slots, never overlaps them: IR stack slots move up by the pool's size.
 *
 * Threading runs the same decisions twice: a planning pass marks which constants are still
 * read from slots (and how many cells each op takes), the emitting pass writes the cells. */
typedef struct layout {
  const ir_func *ir;
  bool emit;                 /* false: planning */
  uint8_t *const_used;       /* [nconsts] read from a slot somewhere */
  uint32_t *pool_index;      /* [nconsts] its index in the pool */
  uint32_t npool;
} layout;

static uint32_t slot_off(layout *L, uint32_t x)
{
  if (IR_IS_CONST(x)) {
    uint32_t k = IR_CONST_INDEX(x);
    if (!L->emit) {
      /* a v128 constant is two pool entries; marking the next one too keeps them adjacent */
      L->const_used[k] = 1;
      if (k + 1 < L->ir->nconsts)
        L->const_used[k + 1] = 1;
      return 0;
    }
    return (L->ir->local_slots + L->pool_index[k]) * IR_SLOT_BYTES;
  }
  if (x >= L->ir->local_slots)
    x += L->npool;
  return x * IR_SLOT_BYTES;
}

/* Can constant operand x go into a 32-bit code field?  (sign-extended when read as 64 bits) */
static bool const_fits(const ir_func *ir, uint32_t x, bool wide)
{
  uint64_t v;
  if (!IR_IS_CONST(x))
    return false;
  v = ir->consts[IR_CONST_INDEX(x)];
  return wide ? v == (uint64_t)(int64_t)(int32_t)v : true;
}
static uint32_t const_low(const ir_func *ir, uint32_t x) { return (uint32_t)ir->consts[IR_CONST_INDEX(x)]; }

/* The _K handler of a value op (second operand a constant), or -1. */
static int const_variant(ir_op op)
{
  switch (op) {
#define F(name)
#define FC(cmp)
#define FM(kind)
#define FK(op) case IR_##op: return FU_##op##_K;
#include "interp/fused_list.h"
#undef F
#undef FC
#undef FM
#undef FK
  default: return -1;
  }
}
static bool is_wide(ir_op op) { return (int)op < (int)WASM_OP_COUNT && opcodes_info[op].params[0] == WLAB_I64; }

/* ---- superinstructions ---------------------------------------------------------------------
 * Two adjacent IR ops are threaded as one handler (fused_list.h) when the value passed from
 * the first to the second is an operand-stack slot (validation gives each stack value exactly
 * one consumer, so it is dead once the second op has read it) and no branch lands on the
 * second.  The pairs are the ones a dispatch profile of the compute suite ranks highest:
 * docs/interp.md has the figures. */

static bool is_stack_slot(const ir_func *ir, uint32_t x) { return !IR_IS_CONST(x) && x >= ir->local_slots; }

/* 1 for every instruction a branch can land on. */
static uint8_t *branch_targets(const ir_func *ir)
{
  uint8_t *t = calloc((size_t)ir->ninsts + 1, 1);
  if (!t)
    return NULL;
  for (uint32_t i = 0; i < ir->ninsts; i++) {
    const ir_inst *in = &ir->insts[i];
    if (in->op == IR_BR)
      t[in->a] = 1;
    else if (in->op == IR_BR_IF || in->op == IR_BR_UNLESS)
      t[in->b] = 1;
  }
  for (uint32_t k = 0; k < ir->ntable; k++)
    t[ir->br_tables[k]] = 1;
  return t;
}

/* The integer compares in the order of fused_list.h's FC rows, and the inverse of each
 * (br_unless on a compare is br_if on its inverse). */
static const uint16_t fused_compares[20] = {
  IR_I32_EQ, IR_I32_NE, IR_I32_LT_S, IR_I32_LT_U, IR_I32_GT_S, IR_I32_GT_U, IR_I32_LE_S, IR_I32_LE_U, IR_I32_GE_S, IR_I32_GE_U,
  IR_I64_EQ, IR_I64_NE, IR_I64_LT_S, IR_I64_LT_U, IR_I64_GT_S, IR_I64_GT_U, IR_I64_LE_S, IR_I64_LE_U, IR_I64_GE_S, IR_I64_GE_U,
};
static const uint8_t inverse_compare[10] = {1, 0, 8, 9, 6, 7, 4, 5, 2, 3};
#define FC_ROWS 4 /* cells of the enum per FC row: plain, back, _K, _K back */
#define FM_ROWS 4 /* per FM row: plain, _X, _K, _K_X */

static int fused_load(ir_op op)
{
  switch (op) {
  case IR_I32_LOAD: case IR_F32_LOAD: return FU_ADD_LOAD32;
  case IR_I64_LOAD: case IR_F64_LOAD: return FU_ADD_LOAD64;
  case IR_V128_LOAD: return FU_ADD_LOAD128;
  case IR_I32_LOAD8_S: return FU_ADD_LOAD8_S;
  case IR_I32_LOAD8_U: return FU_ADD_LOAD8_U;
  case IR_I32_LOAD16_S: return FU_ADD_LOAD16_S;
  case IR_I32_LOAD16_U: return FU_ADD_LOAD16_U;
  default: return -1;
  }
}

static int fused_store(ir_op op)
{
  switch (op) {
  case IR_I32_STORE8: case IR_I64_STORE8: return FU_ADD_STORE8;
  case IR_I32_STORE16: case IR_I64_STORE16: return FU_ADD_STORE16;
  case IR_I32_STORE: case IR_F32_STORE: case IR_I64_STORE32: return FU_ADD_STORE32;
  case IR_I64_STORE: case IR_F64_STORE: return FU_ADD_STORE64;
  case IR_V128_STORE: return FU_ADD_STORE128;
  default: return -1;
  }
}

static bool branches_back(const ir_func *ir, uint32_t target) { return ir->insts[target].op == IR_LOOP_HEAD; }

/* Can x and y be threaded as one?  Returns the cells the pair takes (0: no) and, with p,
 * writes them (cell_of maps instruction indices to cells, for branch targets). */
static uint32_t fuse(layout *L, const ir_inst *x, const ir_inst *y, bool explicit_bounds, const uint32_t *cell_of,
                     cell *p)
{
  const ir_func *ir = L->ir;
  ir_op xo = (ir_op)x->op, yo = (ir_op)y->op;
  uint32_t t = x->r, f[6] = {0};
  int id = -1;
  uint32_t ncells = 3;
#define OFF(s) slot_off(L, s)
  if ((yo == IR_BR_IF || yo == IR_BR_UNLESS) && y->a == t && is_stack_slot(ir, t)) {
    bool back = branches_back(ir, y->b);
    uint32_t target = p ? cell_of[y->b] : 0;
    if (xo == IR_I32_EQZ) { /* br_if (eqz a) is br_unless a, and the reverse */
      bool if_zero = yo == IR_BR_IF;
      uint32_t a = OFF(x->a);
      if (p) {
        p[0].h = back ? handlers_fused[if_zero ? FU_BR_UNLESS_BACK : FU_BR_IF_BACK]
                      : handlers[if_zero ? IR_BR_UNLESS : IR_BR_IF];
        p[1].w.x = 0;
        p[1].w.y = a;
        p[2].w.x = target;
        p[2].w.y = 0;
      }
      return 3;
    }
    if (xo == IR_I32_SUB || xo == IR_I32_XOR) /* a - b and a ^ b are nonzero exactly when a != b */
      xo = IR_I32_NE;
    int row = -1;
    if (xo == IR_I32_AND)
      row = yo == IR_BR_IF ? FU_BRC_I32_AND_NZ : FU_BRC_I32_AND_Z;
    for (int k = 0; k < 20 && row < 0; k++)
      if (fused_compares[k] == xo) {
        int kk = yo == IR_BR_UNLESS ? (k / 10) * 10 + inverse_compare[k % 10] : k;
        row = FU_BRC_I32_EQ + FC_ROWS * kk;
      }
    if (row >= 0) {
      bool k_form = const_fits(ir, x->b, row >= FU_BRC_I64_EQ && row < FU_BRC_I32_AND_NZ);
      id = row + (k_form ? 2 : 0) + (back ? 1 : 0);
      f[0] = k_form ? const_low(ir, x->b) : 0;
      f[1] = OFF(x->a);
      f[2] = k_form ? 0 : OFF(x->b);
      f[3] = target;
    }
  } else if (xo == IR_I32_ADD && is_stack_slot(ir, t) && y->a == t && fused_load(yo) >= 0) {
    bool k_form = const_fits(ir, x->b, false);
    id = fused_load(yo) + (k_form ? 2 : 0) + (explicit_bounds ? 1 : 0);
    f[0] = OFF(y->r);
    f[1] = OFF(x->a);
    f[2] = y->b;
    f[3] = k_form ? const_low(ir, x->b) : OFF(x->b);
  } else if (xo == IR_I32_ADD && is_stack_slot(ir, t) && y->a == t && y->b != t && fused_store(yo) >= 0) {
    bool k_form = const_fits(ir, x->b, false);
    id = fused_store(yo) + (k_form ? 2 : 0) + (explicit_bounds ? 1 : 0);
    f[0] = OFF(x->a);
    f[1] = k_form ? const_low(ir, x->b) : OFF(x->b);
    f[2] = OFF(y->b);
    f[3] = y->c;
  } else if (xo == IR_COPY && yo == IR_COPY && x->aux != WLAB_V128 && y->aux != WLAB_V128 &&
             !IR_IS_CONST(x->a) && !IR_IS_CONST(y->a)) {
    id = FU_COPY2;
    f[0] = OFF(x->r);
    f[1] = OFF(x->a);
    f[2] = OFF(y->r);
    f[3] = OFF(y->a);
  } else if (xo == IR_I32_ADD && yo == IR_I32_ADD && !IR_IS_CONST(x->b) && !IR_IS_CONST(y->b)) {
    id = FU_I32_ADD2;
    ncells = 4;
    f[0] = OFF(x->r);
    f[1] = OFF(x->a);
    f[2] = OFF(x->b);
    f[3] = OFF(y->r);
    f[4] = OFF(y->a);
    f[5] = OFF(y->b);
  } else if (xo == IR_I32_SHL && yo == IR_I32_ADD && IR_IS_CONST(x->b) && is_stack_slot(ir, t) &&
             (y->a == t) != (y->b == t)) {
    id = FU_I32_SHL_ADD;
    f[0] = OFF(y->r);
    f[1] = OFF(x->a);
    f[2] = OFF(y->a == t ? y->b : y->a);
    f[3] = const_low(ir, x->b) & 31;
  } else if (xo == IR_F64_MUL && (yo == IR_F64_ADD || yo == IR_F64_SUB) && is_stack_slot(ir, t) &&
             (y->a == t) != (y->b == t)) {
    bool first = y->a == t;
    id = yo == IR_F64_ADD ? (first ? FU_F64_MUL_ADD : FU_F64_ADD_MUL) : (first ? FU_F64_MUL_SUB : FU_F64_SUB_MUL);
    f[0] = OFF(y->r);
    f[1] = OFF(x->a);
    f[2] = OFF(x->b);
    f[3] = OFF(first ? y->b : y->a);
  }
#undef OFF
  if (id < 0)
    return 0;
  if (p) {
    p[0].h = handlers_fused[id];
    p[1].w.x = f[0];
    p[1].w.y = f[1];
    p[2].w.x = f[2];
    p[2].w.y = f[3];
    if (ncells == 4) {
      p[3].w.x = f[4];
      p[3].w.y = f[5];
    }
  }
  return ncells;
}

/* One instruction on its own: its cells (with p) and how many it takes. */
static uint32_t thread_one(layout *L, const ir_inst *in, bool explicit_bounds, const uint32_t *cell_of, cell *p)
{
  const ir_func *ir = L->ir;
  ir_op op = (ir_op)in->op;
  unsigned slots = slot_fields(in);
  uint32_t f4[4] = {in->r, in->a, in->b, in->c};
  const void *h = NULL;
  int kv;
  /* constant second operand that fits the code: the _K handler takes it from field c */
  if ((kv = const_variant(op)) >= 0 && const_fits(ir, in->b, is_wide(op))) {
    h = p ? handlers_fused[kv] : NULL;
    slots &= ~4u;
    f4[3] = const_low(ir, in->b);
    f4[2] = 0;
  } else if (op == IR_COPY && in->aux != WLAB_V128 &&
             const_fits(ir, in->a, in->aux == WLAB_I64 || in->aux == WLAB_F64 || in->aux == WLAB_FUNCREF ||
                                       in->aux == WLAB_EXTERNREF)) {
    /* 32-bit values are read from the low half of their slot: any upper half will do */
    h = p ? handlers_fused[FU_COPYK] : NULL;
    slots &= ~2u;
    f4[1] = const_low(ir, in->a);
  }
  for (int k = 0; k < 4; k++)
    if (slots & (1u << k))
      f4[k] = slot_off(L, f4[k]);
  if (!p)
    return inst_cells(op);
  p[0].h = h ? h : handler_for(in, explicit_bounds);
  switch (op) {
  case IR_BR:
    f4[1] = cell_of[in->a];
    if (branches_back(ir, in->a))
      p[0].h = handlers_fused[FU_BR_BACK];
    break;
  case IR_BR_IF: case IR_BR_UNLESS:
    f4[2] = cell_of[in->b];
    if (branches_back(ir, in->b))
      p[0].h = handlers_fused[op == IR_BR_IF ? FU_BR_IF_BACK : FU_BR_UNLESS_BACK];
    break;
  case IR_MOVE:
    f4[2] = in->b * IR_SLOT_BYTES;
    break;
  case IR_RETURN:
    f4[2] = in->b * IR_SLOT_BYTES;
    if (in->b == 0)
      p[0].h = handlers_fused[FU_RETURN0];
    else if (in->b == 1)
      p[0].h = handlers_fused[FU_RETURN1];
    break;
  default: break;
  }
  if (!has_aux_cell(op) && in->aux && !(slot_fields(in) & 8) && !h)
    f4[3] = in->aux;
  p[1].w.x = f4[0];
  p[1].w.y = f4[1];
  p[2].w.x = f4[2];
  p[2].w.y = f4[3];
  if (has_aux_cell(op))
    p[3].u = in->aux;
  return inst_cells(op);
}

static void free_icode(icode *c)
{
  if (!c)
    return;
  free(c->ir_of_cell);
  free(c->jump_tables);
  free(c);
}

static icode *thread_func(wlab_func *f, bool explicit_bounds)
{
  const ir_func *ir = f->ir;
  uint32_t ncells = 0, *cell_of = NULL;
  uint8_t *target = NULL, *paired = NULL;
  icode *c = NULL;
  layout L = {ir, false, NULL, NULL, 0};
  load_handlers();
  cell_of = malloc(((size_t)ir->ninsts + 1) * sizeof *cell_of);
  target = branch_targets(ir);
  paired = calloc((size_t)ir->ninsts + 1, 1);
  L.const_used = calloc((size_t)ir->nconsts + 1, 1);
  L.pool_index = calloc((size_t)ir->nconsts + 1, sizeof *L.pool_index);
  if (!cell_of || !target || !paired || !L.const_used || !L.pool_index)
    goto fail;
  /* planning: pairs, cells, and the constants still read from slots */
  for (uint32_t i = 0; i < ir->ninsts; i++) {
    uint32_t n = 0;
    cell_of[i] = ncells;
    if (i + 1 < ir->ninsts && !target[i + 1] &&
        (n = fuse(&L, &ir->insts[i], &ir->insts[i + 1], explicit_bounds, NULL, NULL)) != 0) {
      paired[i] = 1;
      cell_of[++i] = ncells;
      ncells += n;
      continue;
    }
    ncells += thread_one(&L, &ir->insts[i], explicit_bounds, NULL, NULL);
  }
  cell_of[ir->ninsts] = ncells;
  for (uint32_t k = 0; k < ir->nconsts; k++)
    if (L.const_used[k])
      L.pool_index[k] = L.npool++;
  c = calloc(1, sizeof *c + ((size_t)ncells + 1) * sizeof(cell) + (size_t)L.npool * sizeof(uint64_t));
  if (!c)
    goto fail;
  c->func = f;
  c->ir = ir;
  c->ncells = ncells;
  c->param_bytes = ir->param_slots * IR_SLOT_BYTES;
  c->local_bytes = ir->local_slots * IR_SLOT_BYTES;
  c->const_at = ir->local_slots * IR_SLOT_BYTES;
  c->nconsts = L.npool;
  {
    uint64_t *pool = (uint64_t *)&c->cells[ncells + 1]; /* the pool lives after the cells */
    for (uint32_t k = 0; k < ir->nconsts; k++)
      if (L.const_used[k])
        pool[L.pool_index[k]] = ir->consts[k];
    c->consts = pool;
  }
  c->frame_bytes = (ir->max_slots + L.npool) * IR_SLOT_BYTES;
  c->budget = 0; /* the first tick takes a slice (fuel) or starts the hot count */
  c->ir_of_cell = malloc(((size_t)ncells + 1) * sizeof *c->ir_of_cell);
  c->jump_tables = malloc(((size_t)ir->ntable + 1) * sizeof *c->jump_tables);
  if (!c->ir_of_cell || !c->jump_tables)
    goto fail;
  for (uint32_t t = 0; t < ir->ntable; t++)
    c->jump_tables[t] = cell_of[ir->br_tables[t]];
  /* emitting */
  L.emit = true;
  for (uint32_t i = 0; i < ir->ninsts; i++) {
    cell *p = &c->cells[cell_of[i]];
    uint32_t n;
    if (paired[i]) {
      /* the pair's cells answer for the second op: it is the one that can trap */
      n = fuse(&L, &ir->insts[i], &ir->insts[i + 1], explicit_bounds, cell_of, p);
      for (uint32_t k = 0; k < n; k++)
        c->ir_of_cell[cell_of[i] + k] = i + 1;
      i++;
      continue;
    }
    n = thread_one(&L, &ir->insts[i], explicit_bounds, cell_of, p);
    for (uint32_t k = 0; k < n; k++)
      c->ir_of_cell[cell_of[i] + k] = i;
  }
  c->ir_of_cell[ncells] = ir->ninsts ? ir->ninsts - 1 : 0;
  free(cell_of);
  free(target);
  free(paired);
  free(L.const_used);
  free(L.pool_index);
  return c;
fail:
  free(cell_of);
  free(target);
  free(paired);
  free(L.const_used);
  free(L.pool_index);
  free_icode(c);
  return NULL;
}

/* What threading has cost (since the process started): --stats. */
static uint64_t stat_threaded, stat_thread_ns;

static void interp_stats(const wlab_engine *e, wlab_tier_stats *out)
{
  (void)e;
  out->funcs_compiled = __atomic_load_n(&stat_threaded, __ATOMIC_RELAXED);
  out->compile_ns = __atomic_load_n(&stat_thread_ns, __ATOMIC_RELAXED);
}

/* The code-table entry of f: threaded on first call.  Two threads racing here both thread
 * the function; one result wins the store and the other is freed. */
static icode *code_of(wlab_func *f)
{
  icode *c = atomic_load_explicit(&f->code, memory_order_acquire);
  void *expected = NULL;
  uint64_t t0;
  if (c)
    return c;
  t0 = thread_now_ns();
  c = thread_func(f, instance_engine_limits(f->inst->engine)->explicit_bounds || !f->inst->mem ||
                         !f->inst->mem->guarded);
  if (!c)
    return NULL;
  __atomic_add_fetch(&stat_threaded, 1, __ATOMIC_RELAXED);
  __atomic_add_fetch(&stat_thread_ns, thread_now_ns() - t0, __ATOMIC_RELAXED);
  if (!atomic_compare_exchange_strong_explicit(&f->code, &expected, c, memory_order_acq_rel, memory_order_acquire)) {
    free_icode(c);
    c = expected;
  }
  return c;
}

static void free_code(wlab_func *f)
{
  free_icode(f->code);
  f->code = NULL;
}

static void interp_instance_free(wlab_instance *inst)
{
  const wlab_module *m = inst->module;
  for (uint32_t i = 0; i < m->nfuncs - m->nimported_funcs; i++)
    free_code(&inst->own[i]);
}

/* ---- the budget: hotness, fuel and deadline at one check ---------------------------------
 * Function entries and loop heads decrement the function's budget.  When it runs out, this
 * slow path (1) tells the tier manager the function is hot once its ticks pass the engine's
 * threshold (the slice is cut so that it runs out right there), (2) takes the next slice from
 * the engine's fuel, trapping when none is left, and checks the deadline, (3) once the
 * function has machine code, says so (TICK_TRANSFER) when this activation can continue in it:
 * at its entry, or at a loop header that has an OSR entry.  With fuel or a timeout the slice is
 * short, so a guest runs at most about LIMIT_SLICE ticks per function past its limit. */
enum { TICK_TRANSFER = 0x100 }; /* not a trap kind */

/* The loop header whose tick this is (the IR index of its loop_head), or WLAB_NONE: a call's. */
static uint32_t ticked_loop(const exec *ex, const icode *code)
{
  uint32_t cellidx = (uint32_t)(ex->pc - code->cells), irx;
  if (cellidx > code->ncells || !code->ir->ninsts)
    return WLAB_NONE;
  irx = code->ir_of_cell[cellidx];
  return code->ir->insts[irx].op == IR_LOOP_HEAD ? irx : WLAB_NONE;
}

/* Where this activation can continue in machine code, if anywhere: at its entry, f's code-table
 * entry; at a loop header, the OSR entry of the highest machine tier of the ladder that has one
 * for that loop (asked top first: code of a higher rung may exist before it has OSR entries). */
static bool transfer_ready(exec *ex, icode *code)
{
  wlab_func *f = code->func;
  wlab_engine *e = f->inst->engine;
  uint32_t irx = ticked_loop(ex, code);
  const tier_ops *into = NULL; /* NULL: whichever tier f's entry belongs to */
  void *entry = atomic_load_explicit(&f->entry, memory_order_acquire);
  if (!entry || !e->machine)
    return false;
  if (irx != WLAB_NONE) {
    void *at = NULL;
    for (unsigned k = 0; !at && k < sizeof e->osr_tiers / sizeof *e->osr_tiers && e->osr_tiers[k]; k++)
      if (e->osr_tiers[k]->osr_entry && (at = e->osr_tiers[k]->osr_entry(f, irx)))
        into = e->osr_tiers[k];
    if (!at)
      return false;
    ex->transfer_to = at;
    ex->transfer_moves_stack = true;
  } else if (ex->pc == code->cells) { /* the tick of the call: nothing has run yet */
    ex->transfer_to = entry;
    ex->transfer_moves_stack = false;
  } else {
    return false;
  }
  if (e->on_osr)
    e->on_osr(f, irx, &interp_tier, into, e->on_hot_arg);
  return true;
}

static __attribute__((noinline)) int budget_expired(exec *ex, icode *code)
{
  wlab_engine *e = code->func->inst->engine;
  int32_t slice = HOT_BUDGET;
  trap_kind k;
  code->hot_ticks += (uint64_t)code->slice + 1;
  if (e->on_hot && !code->reported_hot) {
    if (code->hot_ticks >= e->hot_threshold) {
      code->reported_hot = true;
      e->on_hot(code->func, ticked_loop(ex, code), e->on_hot_arg);
    } else if (e->hot_threshold - code->hot_ticks < (uint64_t)slice) {
      slice = (int32_t)(e->hot_threshold - code->hot_ticks);
    }
  }
  if ((k = engine_next_slice(e, ex->thread, slice, &slice)) != TRAP_NONE)
    return k;
  code->budget = code->slice = slice;
  if (code->reported_hot && e->on_still_hot && !atomic_load_explicit(&code->func->entry, memory_order_acquire))
    e->on_still_hot(code->func, e->on_hot_arg);
  if (code->reported_hot && e->osr && transfer_ready(ex, code))
    return TICK_TRANSFER;
  return TRAP_NONE;
}

/* ---- running ----------------------------------------------------------------------------- */

typedef __attribute__((may_alias)) uint32_t u32a;
typedef __attribute__((may_alias)) uint64_t u64a;
typedef __attribute__((may_alias)) int32_t s32a;
typedef __attribute__((may_alias)) int64_t s64a;
typedef __attribute__((may_alias)) float f32a;
typedef __attribute__((may_alias)) double f64a;
typedef v128_t v128a; /* declared may_alias in simd.h */

/* Operand access: X is a byte offset into the frame. */
#define U32(x) (*(u32a *)(fp + (x)))
#define U64(x) (*(u64a *)(fp + (x)))
#define F32(x) (*(f32a *)(fp + (x)))
#define F64(x) (*(f64a *)(fp + (x)))
#define V128(x) (*(v128a *)(fp + (x)))
#define R (pc[1].w.x)
#define A (pc[1].w.y)
#define B (pc[2].w.x)
#define C (pc[2].w.y)
#define AUX (pc[3].u)
#if WLAB_INTERP_SWITCH
#define DISPATCH() goto dispatch
#else
#define DISPATCH() goto *pc->h
#endif
#define NEXT() do { pc += 3; DISPATCH(); } while (0)
#define NEXT4() do { pc += 4; DISPATCH(); } while (0)
#define JUMP(cellidx) do { pc = code->cells + (cellidx); DISPATCH(); } while (0)
/* A back edge to a loop header: the loop_head's budget tick is done here and the header's
 * cells are skipped, so an iteration costs one dispatch less. */
#define JUMP_BACK(cellidx)                                                                     \
  do {                                                                                         \
    pc = code->cells + (cellidx);                                                              \
    BUDGET_TICK();                                                                             \
    pc += 3;                                                                                   \
    DISPATCH();                                                                                \
  } while (0)
#define TRAP(kind) do { trap = (kind); goto trapped; } while (0)
/* One tick of the budget (a function entry or a loop back edge): the slow path runs only when
 * it has run out (hotness, fuel, deadline). */
#define BUDGET_TICK()                                                                          \
  do {                                                                                         \
    if (BUDGET_CHECKS && __builtin_expect(--code->budget < 0, 0)) {                            \
      ex->pc = pc;                                                                             \
      if ((tick = budget_expired(ex, code)) != TRAP_NONE)                                      \
        goto ticked; /* one shared exit: a trap or a transfer */                               \
    }                                                                                          \
  } while (0)

/* Memory: with a guard reservation the address is used as is (a fault becomes a trap);
 * with explicit checks, ea + size must fit the memory. */
#define EA(size) ((uint64_t)U32(A) + (uint64_t)B)
#define EA_ST(size) ((uint64_t)U32(A) + (uint64_t)C)
#define CHECK(ea, size) do { if ((ea) + (size) > memsize) TRAP(TRAP_MEMORY_OOB); } while (0)

/* Bytes that values of these types take in a frame. */
static inline uint32_t type_bytes(const wlab_valtype *t, uint32_t n)
{
  uint32_t bytes = 0;
  for (uint32_t i = 0; i < n; i++)
    bytes += t[i] == WLAB_V128 ? 16 : 8;
  return bytes;
}

/* A new frame: declared locals zeroed, the constant pool copied in.  Word loops for the
 * common small frames (a library call costs more than the copy); memset and memcpy for big
 * ones, where their vector loops win. */
/* The machine code a call to f runs, if f has any (a machine tier may compile it now). */
static inline void *machine_entry(wlab_func *f)
{
  void *e = atomic_load_explicit(&f->entry, memory_order_acquire);
  const wlab_engine *eng;
  if (__builtin_expect(e != NULL, 0))
    return e;
  eng = f->inst->engine;
  return eng->compile_on_call ? eng->machine->resolve(f) : NULL; /* --tier baseline: compile now */
}

static inline void enter_frame(uint8_t *fp, const icode *c)
{
  uint32_t zero = c->local_bytes - c->param_bytes;
  if (zero <= 8 * IR_SLOT_BYTES)
    for (uint32_t o = c->param_bytes; o < c->local_bytes; o += IR_SLOT_BYTES)
      *(u64a *)(fp + o) = 0;
  else
    memset(fp + c->param_bytes, 0, zero);
  if (c->nconsts <= 8)
    for (uint32_t k = 0; k < c->nconsts; k++)
      *(u64a *)(fp + c->const_at + k * IR_SLOT_BYTES) = c->consts[k];
  else
    memcpy(fp + c->const_at, c->consts, c->nconsts * IR_SLOT_BYTES);
}


typedef struct run_result {
  wlab_func *tail_call;      /* the entry frame tail-called machine code: the caller runs it */
  trap_kind trap;
  const cell *pc;
  icode *code;
  trap_site host;            /* a host function's trap, as it reported it */
  bool transferred;          /* the trap came from machine code that ran this activation (OSR):
                              * its frame is in the trace already */
} run_result;

/* Refreshes the cached memory base and size (after calls and memory.grow). */
#define RELOAD_MEMORY() do { mem = inst->mem ? inst->mem->base : NULL; memsize = inst->mem ? inst->mem->size : 0; } while (0)

/* On-stack replacement, the interpreter's side (docs/tiering.md): budget_expired found machine code
 * to continue this activation in, from the function's entry (the tick of its call) or from the
 * loop header being ticked.  The machine code runs the rest of the function on this very frame
 * and returns as the function would: results at fp.  Out of line, so that run() keeps its
 * registers for the handlers. */
static __attribute__((noinline)) wlab_status transfer_run(exec *ex, icode *code, uint8_t *fp, trap_site *site)
{
  uint8_t *saved_top = ex->thread->top;
  wlab_status st;
  memset(site, 0, sizeof *site);
  if (ex->transfer_moves_stack && code->nconsts) /* the constant pool sits between locals and stack */
    memmove(fp + code->local_bytes, fp + code->local_bytes + code->nconsts * IR_SLOT_BYTES,
            (size_t)(code->ir->max_slots - code->ir->local_slots) * IR_SLOT_BYTES);
  ex->thread->top = fp + code->frame_bytes; /* a nested entry starts above us */
  st = code->func->inst->engine->machine->invoke_at(code->func, ex->transfer_to, fp, site);
  if (st == WLAB_OK && site->tail_call) /* it tail-called out of machine code */
    st = engine_run_frame(NULL, fp, site);
  ex->thread->top = saved_top;
  return st;
}

/* noinline: the fault landing must be armed before any guest access, which a compiler may
 * not reorder across a call. */
static __attribute__((noinline)) run_result run(exec *ex, icode *code, uint8_t *fp)
{
#if WLAB_INTERP_SWITCH
#define HANDLER(name) ((const void *)(uintptr_t)HID_##name)
#else
#define HANDLER(name) (&&L_##name)
#endif
  static const void *const table_guard[IR_OP_COUNT + 3] = {
#define H(op, name) [op] = HANDLER(name),
#define HX(op, name)
#define HV(k, name) [IR_OP_COUNT + k] = HANDLER(name),
#include "interp/handlers_list.h"
#undef H
#undef HX
#undef HV
  };
  static const void *const table_explicit[IR_OP_COUNT] = {
#define H(op, name)
#define HX(op, name) [op] = HANDLER(name),
#define HV(k, name)
#include "interp/handlers_list.h"
#undef H
#undef HX
#undef HV
  };
  static const void *const table_fused[FU_COUNT] = {
#define F(name) [FU_##name] = HANDLER(name),
#define FC(cmp) [FU_BRC_##cmp] = HANDLER(BRC_##cmp), [FU_BRC_##cmp##_BACK] = HANDLER(BRC_##cmp##_BACK), \
    [FU_BRC_##cmp##_K] = HANDLER(BRC_##cmp##_K), [FU_BRC_##cmp##_K_BACK] = HANDLER(BRC_##cmp##_K_BACK),
#define FM(kind) [FU_##kind] = HANDLER(kind), [FU_##kind##_X] = HANDLER(kind##_X), \
    [FU_##kind##_K] = HANDLER(kind##_K), [FU_##kind##_K_X] = HANDLER(kind##_K_X),
#define FK(op) [FU_##op##_K] = HANDLER(op##_K),
#include "interp/fused_list.h"
#undef F
#undef FC
#undef FM
#undef FK
  };
#undef HANDLER
  run_result res = {NULL, TRAP_NONE, NULL, NULL, {0}, false};
  trap_site host_trap = {0};
  uint32_t tail_results = 0;
  bool tail_call = false, tail_machine = false;
  wlab_func *tail_callee = NULL;
  const cell *pc;
  wlab_instance *inst;
  uint8_t *mem;
  uint64_t memsize;
  trap_kind trap = TRAP_NONE;
  int tick;

  if (!code) {
    handlers = table_guard;
    handlers_explicit = table_explicit;
    handlers_fused = table_fused;
    return res;
  }
  inst = code->func->inst;
  RELOAD_MEMORY();
  pc = code->cells;
  ex->code = code;
  DISPATCH();

#if WLAB_INTERP_SWITCH
dispatch:
  switch ((enum handler_id)pc->u) {
#define H(op, name) case HID_##name: goto L_##name;
#define HX(op, name) case HID_##name: goto L_##name;
#define HV(k, name) case HID_##name: goto L_##name;
#include "interp/handlers_list.h"
#undef H
#undef HX
#undef HV
#define F(name) case HID_##name: goto L_##name;
#define FC(cmp) case HID_BRC_##cmp: goto L_BRC_##cmp; case HID_BRC_##cmp##_BACK: goto L_BRC_##cmp##_BACK; \
    case HID_BRC_##cmp##_K: goto L_BRC_##cmp##_K; case HID_BRC_##cmp##_K_BACK: goto L_BRC_##cmp##_K_BACK;
#define FM(kind) case HID_##kind: goto L_##kind; case HID_##kind##_X: goto L_##kind##_X; \
    case HID_##kind##_K: goto L_##kind##_K; case HID_##kind##_K_X: goto L_##kind##_K_X;
#define FK(op) case HID_##op##_K: goto L_##op##_K;
#include "interp/fused_list.h"
#undef F
#undef FC
#undef FM
#undef FK
  case HID_NONE:
    break;
  }
  TRAP(TRAP_UNREACHABLE); /* a threaded cell without a handler: cannot happen */
#endif

#include "interp/handlers.h"

ticked:
  if (tick == TICK_TRANSFER)
    goto transfer;
  TRAP((trap_kind)tick);

trapped:
  if (trap == TRAP_HOST || host_trap.kind != TRAP_NONE)
    res.host = host_trap;
  res.trap = trap;
  res.pc = pc;
  res.code = code;
  return res;
}

/* ---- handlers and their table ------------------------------------------------------------ */

static void load_handlers(void)
{
  if (!handlers)
    run(NULL, NULL, NULL);
}

static const void *handler_for(const ir_inst *in, bool explicit_bounds)
{
  ir_op op = (ir_op)in->op;
  load_handlers();
  switch (op) {
  case IR_COPY:
    return handlers[in->aux == WLAB_V128 ? IR_OP_COUNT + 0 : IR_COPY];
  case IR_GLOBAL_GET:
    return handlers[in->aux == WLAB_V128 ? IR_OP_COUNT + 1 : IR_GLOBAL_GET];
  case IR_GLOBAL_SET:
    return handlers[in->aux == WLAB_V128 ? IR_OP_COUNT + 2 : IR_GLOBAL_SET];
  default:
    break;
  }
  if (explicit_bounds && handlers_explicit[op])
    return handlers_explicit[op];
  return handlers[op];
}

/* ---- entry from the host and from other tiers --------------------------------------------- */

/* The wasm offset of the instruction at pc in c. */
static uint32_t offset_at(const icode *c, const cell *pc)
{
  uint32_t cellidx = pc ? (uint32_t)(pc - c->cells) : 0;
  uint32_t irx = cellidx <= c->ncells ? c->ir_of_cell[cellidx] : 0;
  return c->ir->ninsts ? c->ir->wasm_offsets[irx] : c->ir->code_offset;
}

/* A trap's trace (docs/abi.md, "Trap traces"): this run's frames, from the one at pc in c outward
 * through the frame records above `base` (each names its caller's code and where it resumes, just
 * past the call's 3 cells); the current one is left out when it is in the trace already (it ran
 * on in machine code).  Stops as soon as the trace takes no more: a trap 100,000 calls deep
 * walks 32 records. */
static __attribute__((noinline)) void trace_frames(const exec *ex, uint32_t base, const icode *c, const cell *pc,
                                                   bool skip_current)
{
  if (!skip_current)
    trap_trace_push(c->func->inst, NULL, c->func->index, offset_at(c, pc));
  for (uint32_t k = ex->nframes; k-- > base + 1 && trap_trace_open();) {
    const frame_rec *rec = &ex->frames[k];
    if (!rec->ret || !rec->code)
      break;
    trap_trace_push(rec->code->func->inst, NULL, rec->code->func->index, offset_at(rec->code, rec->ret - 3));
  }
}

/* Runs f with its frame (arguments in place) at fp in this thread's value stack. */
static wlab_status interp_invoke_frame(wlab_func *f, uint8_t *fp_in, trap_site *site)
{
  /* volatile: these are read again after a fault's siglongjmp */
  exec *volatile ex = exec_get();
  icode *volatile code;
  uint8_t *volatile fp = fp_in;
  volatile uint32_t saved_frames;
  run_result res;
  trap_landing landing;

  if (!ex || !(code = code_of(f))) {
    site->kind = TRAP_HOST;
    snprintf(site->host_message, sizeof site->host_message, "out of memory starting the interpreter");
    return WLAB_ERR_NOMEM;
  }
  saved_frames = ex->nframes;
  /* a call from machine code recurses in C: the native stack bounds it too */
  if (ex->nframes >= MAX_FRAMES || fp + code->frame_bytes + 64 > ex->thread->stack_end ||
      thread_native_exhausted(ex->thread, __builtin_frame_address(0))) {
    site->kind = TRAP_STACK_EXHAUSTED;
    site->func_index = f->index;
    site->module = f->inst->module;
    /* at the function's first instruction, where the machine tiers' prologues report it */
    site->offset = code->ir->ninsts ? code->ir->wasm_offsets[0] : code->ir->code_offset;
    trap_trace_begin();
    trap_trace_push(f->inst, NULL, f->index, site->offset);
    return WLAB_ERR_EXHAUSTED;
  }
  enter_frame(fp, code);
  ex->frames[ex->nframes++] = (frame_rec){NULL, NULL, NULL};
  /* an entry from another tier or the host ticks as a call does (here, not in run(), whose
   * handlers GCC lays out worse with one more tick site) */
  if (BUDGET_CHECKS && --code->budget < 0) {
    int tick;
    ex->pc = code->cells;
    if ((tick = budget_expired(ex, code)) == TICK_TRANSFER) {
      wlab_status st = transfer_run(ex, code, fp, site);
      ex->nframes = saved_frames;
      return st;
    }
    if (tick != TRAP_NONE) {
      ex->nframes = saved_frames;
      site->kind = (trap_kind)tick;
      site->func_index = f->index;
      site->module = f->inst->module;
      site->offset = code->ir->ninsts ? code->ir->wasm_offsets[code->ir_of_cell[0]] : code->ir->code_offset;
      trap_trace_begin();
      trap_trace_push(f->inst, NULL, f->index, site->offset);
      return trap_status(site->kind);
    }
  }

  landing.outer = trap_current_landing;
  landing.trace = NULL; /* the frame records say it all */
  if (sigsetjmp(landing.jmp, 0)) {
    /* a guard-page fault in this activation: the handler jumped here */
    trap_current_landing = landing.outer;
    memset(&res, 0, sizeof res);
    res.trap = TRAP_MEMORY_OOB;
    res.pc = ex->pc;
    res.code = ex->code;
  } else {
    trap_current_landing = &landing;
    __asm__ volatile("" ::: "memory");
    res = run(ex, code, fp);
    trap_current_landing = landing.outer;
  }
  if (res.trap != TRAP_NONE) {
    /* the callee's frames (another tier's) or a host function's trap began the trace; else
     * it starts here */
    if (res.host.kind == TRAP_NONE)
      trap_trace_begin();
    trace_frames(ex, saved_frames, res.code ? res.code : code, res.pc, res.transferred);
  }
  ex->nframes = saved_frames;
  if (res.tail_call) {
    site->tail_call = res.tail_call;
    return WLAB_OK;
  }
  if (res.trap != TRAP_NONE) {
    icode *c = res.code ? res.code : code;
    if (res.host.kind != TRAP_NONE) {
      *site = res.host; /* a host function (or another tier) trapped: report it as it said */
      return trap_status(res.host.kind);
    }
    site->kind = res.trap;
    site->func_index = c->func->index;
    site->module = c->func->inst->module;
    site->offset = offset_at(c, res.pc);
    return trap_status(res.trap);
  }
  return WLAB_OK;
}

static wlab_status interp_invoke(wlab_func *f, uint64_t *slots, trap_site *site)
{
  return engine_invoke_via_frame(f, slots, site, interp_invoke_frame);
}

const tier_ops interp_tier = {
  .name = "interp",
  .invoke = interp_invoke,
  .instance_free = interp_instance_free,
  .invoke_frame = interp_invoke_frame,
  .stats = interp_stats,
};
