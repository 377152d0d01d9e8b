/* compile.h: the baseline compiler's one pass over a function's IR, shared by its emitter files. */
#ifndef WLAB_BASELINE_COMPILE_H
#define WLAB_BASELINE_COMPILE_H

#include <stdbool.h>
#include <stdint.h>

#include "x64/jitrt.h"
#include "baseline/vstate.h"
#include "core/module.h"
#include "core/opcodes.h"
#include "x64/asm.h"

/* Out-of-line code at the end of a function: trap exits, slow calls, budget refills. */
typedef enum bl_stub_kind {
  STUB_TRAP,       /* trap `trap` (kind known at compile time) */
  STUB_TRAP_EAX,   /* a helper returned a trap kind in eax */
  STUB_CALL_SLOW,  /* a callee without machine code: call the slow routine, resume */
  STUB_BUDGET,     /* the budget ran out: refill (or trap), resume */
  STUB_HOT,        /* the hotness count ran out: the tier manager; resume, or leave for an OSR entry */
} bl_stub_kind;

typedef struct bl_stub {
  x64_label_id label, resume;
  uint8_t kind, trap;
  uint32_t ir;     /* the IR instruction it answers for (STUB_HOT: its loop head, WLAB_NONE at entry) */
} bl_stub;

/* A trap site: the return address of a stub's call into TRAP (or BUDGET), and its IR op. */
typedef struct bl_site {
  uint32_t pc;     /* offset from the function's entry */
  uint32_t ir;
} bl_site;

/* What one compiled function leaves behind (owned by the module's code table, tier.c). */
typedef struct bl_code {
  const uint8_t *entry;     /* in code memory */
  const wlab_module *m;
  uint32_t size;            /* bytes of machine code, stubs included */
  uint32_t func_index;
  const ir_func *ir;
  bl_site *sites;           /* trap stubs' return addresses */
  uint32_t nsites;
  bl_site *faults;          /* where each guest memory access starts (guard-page faults land there) */
  uint32_t nfaults;
  bl_site *osr;             /* on-stack replacement entries: pc of the entry, ir of its loop head */
  uint32_t nosr;            /* (sorted by ir) */
  bool wasm_sites;          /* an artifact's code: each site's ir is the wasm offset itself (its IR is a shell) */
  int32_t frame_bytes;      /* the native frame below the return address in the body (-1: not
                             * known, an artifact's): how a trap's trace finds the caller */
} bl_code;

/* The compiler's state for one function; reused from function to function. */
typedef struct bl_comp {
  const wlab_module *m;
  const ir_func *ir;
  uint32_t func_index;
  bool explicit_bounds;     /* memory accesses check their bounds in code */
  bool budget;              /* entries and loop headers count down the budget (fuel, timeout) */
  bool has_memory;
  bool osr;                 /* emit an OSR entry for every loop (set by the caller; kept) */
  bool hot;                 /* entries and loop headers count hotness (vmctx_hot) for a higher tier
                             * (set by the caller; kept) */
  x64_buf *b;
  vstate v;
  uint32_t cur;             /* the IR instruction being compiled */
  size_t start;             /* where the function's code begins in the buffer (pc_of counts from it) */
  uint32_t skip;            /* instructions after cur that its code also covered (fused) */
  uint8_t *target;          /* [ninsts + 1] branch targets */
  x64_label_id *labels;     /* [ninsts + 1] label of each target */
  uint32_t *pc_of;          /* [ninsts + 1] */
  uint32_t *weight;         /* [local_slots] use counts weighted by loop depth */
  uint32_t *loop_end;       /* [ninsts] for loop heads: the last back edge */
  bl_stub *stubs;
  uint32_t nstubs, stubs_cap;
  bl_site *sites;
  uint32_t nsites, sites_cap;
  bl_site *faults;          /* memory accesses that may fault (guard pages only) */
  uint32_t nfaults, faults_cap;
  bl_site *osr_sites;       /* OSR entries (when osr) */
  uint32_t nosr, osr_cap;
  struct bl_pool_entry { uint64_t lo, hi; x64_label_id label; } *pool;  /* 16-byte constants */
  uint32_t npool, pool_cap;
  uint32_t cap_insts, cap_slots;
  /* the native frame the prologue builds */
  bool save_rbx, save_rbp, save_r13;
  int32_t frame_bytes;      /* pushed and reserved below the return address */
  int32_t r13_at;           /* rsp offset of the saved instance context */
  const char *fail;         /* why the compile was given up (NULL: it was not) */
  uint32_t fail_ir;
} bl_comp;

bool bl_comp_init(bl_comp *c);
void bl_comp_free(bl_comp *c);
/* Compiles function `index` of m into c->b (appended at the current end, 16-byte aligned);
 * *at receives its offset in the buffer.  False with c->fail set when it gives up. */
bool bl_compile(bl_comp *c, const wlab_module *m, uint32_t index, bool explicit_bounds, bool budget, size_t *at);

/* ---- for the emitter files ------------------------------------------------------------------ */

/* A value op's operand types, from the opcode table. */
static inline uint8_t bl_param_type(const ir_inst *in, int i)
{
  return in->op < WASM_OP_COUNT ? opcodes_info[in->op].params[i] : 0;
}
static inline uint8_t bl_result_type(const ir_inst *in)
{
  return in->op < WASM_OP_COUNT ? opcodes_info[in->op].result : 0;
}
/* A 16-byte constant in the function's pool (emitted 16-byte aligned after the code): a label
 * for x64_lea_r64_label, whose register is then a memory operand base for SSE forms. */
x64_label_id bl_const128(bl_comp *c, uint64_t lo, uint64_t hi);
/* A trap exit for the current instruction, taken by jcc/jmp to the returned label. */
x64_label_id bl_trap_label(bl_comp *c, uint8_t trap);
/* Calls a helper of the thread context (JITRT_H_*), with C arguments prepared by bl_arg_*; the
 * caller has run vs_before_call.  When `can_trap`, a non-zero eax exits as that trap. */
void bl_call_helper(bl_comp *c, unsigned helper, bool can_trap);
/* Loads a C argument (SysV register `reg`) from IR operand x after vs_before_call. */
void bl_arg_operand(bl_comp *c, x64_gpr reg, uint32_t x, uint8_t type);
/* A value op done by the generic C helper (runtime.c): correct for every op, slow. */
void bl_emit_value_op_c(bl_comp *c, const ir_inst *in);
/* Is the stack slot x dead after the current instruction (consumed by it)? */
static inline bool bl_dies(const bl_comp *c, uint32_t x, uint32_t result)
{
  return !IR_IS_CONST(x) && x >= c->ir->local_slots && x != result;
}
/* Does the instruction after the current one consume cur's result as a branch condition
 * (so a compare can jump instead of materialising 0 or 1)?  Returns that branch, or NULL. */
const ir_inst *bl_fusable_branch(bl_comp *c, const ir_inst *in);
/* Emits the conditional jump of a br_if/br_unless whose condition is "cc holds". */
void bl_branch_on(bl_comp *c, const ir_inst *br, x64_cc cc);

/* The emitters: each returns false for an op it does not handle, and then must not have
 * emitted anything or touched the value state (the next emitter, or C, takes the op). */
bool bl_emit_int(bl_comp *c, const ir_inst *in);
/* The two-operand integer ops (add, sub, mul, and, or, xor of i32 and i64): the pass's
 * commonest, dispatched straight to their emitter. */
bool bl_is_alu_op(ir_op op);
void bl_emit_alu(bl_comp *c, const ir_inst *in);
bool bl_emit_float(bl_comp *c, const ir_inst *in);
bool bl_emit_simd(bl_comp *c, const ir_inst *in);

#endif
