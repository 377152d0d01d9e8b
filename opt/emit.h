/* emit.h: the optimising tier's x86-64 emitter, as its files (emit.c, emit_int.c, emit_float.c, emit_simd.c, isel.c) share it. */
#ifndef WLAB_OPT_EMIT_H
#define WLAB_OPT_EMIT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/instance.h"
#include "opt/regalloc.h"
#include "opt/ssa.h"
#include "x64/asm.h"
#include "x64/jitrt.h"

/*
 * Registers (docs/opt.md, docs/abi.md): r15 frame, r14 memory base, r13 instance, r12 thread
 * context; r10 and r11, xmm14 and xmm15 are the emitter's scratch, never allocated; the
 * allocator hands out rax rcx rdx rbx rbp rsi rdi r8 r9 and xmm0-13.  rbx and rbp survive calls,
 * so values live across a call sit there or in a spill slot.  i32 values in a 64-bit register
 * always have their upper half zero (every 32-bit operation writes it so), which lets an i32
 * address index a memory operand directly.
 *
 * Spill slots are on the native stack, [rsp + offset]; the value stack frame (r15) holds only
 * what the ABI says: the arguments on entry, call arguments and results (every call's frame
 * starts at slot 0: nothing of this function's state lives in its slots), and the results on
 * return.
 */

#define OPT_T0 X64_R10         /* scratch GPRs */
#define OPT_T1 X64_R11
#define OPT_X0 X64_XMM14       /* scratch XMM registers */
#define OPT_X1 X64_XMM15

/* Out-of-line code at the function's end. */
typedef enum opt_stub_kind {
  OSTUB_TRAP,       /* trap `trap` */
  OSTUB_TRAP_EAX,   /* a helper returned a trap kind in eax */
  OSTUB_CALL_SLOW,  /* a callee without machine code: call the slow routine, resume */
  OSTUB_BUDGET,     /* the budget ran out: refill (or trap), resume */
} opt_stub_kind;

typedef struct opt_stub {
  x64_label_id label, resume;
  uint8_t kind, trap;
  uint32_t ir, origin;  /* the IR instruction (of function origin) it answers for */
  bool framed;          /* reached with the native frame set up (a trap's trace, docs/abi.md) */
} opt_stub;

/* A place in the code and the wasm instruction behind it: a trap stub's return address, a wasm
 * call's (a trap's trace walks through it), or a memory access that may fault. */
typedef struct opt_site {
  uint32_t pc;       /* offset from the function's entry */
  uint32_t ir;       /* IR instruction */
  uint32_t origin;   /* function whose IR that is (the callee, for inlined code) */
} opt_site;

/* The emitter's state for one function. */
typedef struct emitter {
  ssa_func *f;
  regalloc *ra;
  x64_buf *b;
  const wlab_module *m;
  bool explicit_bounds;     /* memory accesses check their bounds in code */
  bool budget;              /* entries and loop headers count down the budget (fuel, timeout) */
  bool has_memory;
  /* The code a call to function i of this module may go to directly (docs/abi.md, "Direct
   * calls"): its optimised code of this bounds mode, or NULL to call through the code table. */
  const void *(*callee_code)(const void *ctx, uint32_t func_index);
  const void *callee_ctx;
  /* An artifact's code (docs/aot.md): a direct call is a call rel32 to the callee's place in the
   * artifact's one .text, resolved when the image is laid out: each is listed here (the offset
   * of its rel32 from the function's entry, and the callee); callee_code only says yes or no. */
  bool aot;
  struct opt_call_fixup { uint32_t at, callee; } *fixups;
  uint32_t nfixups, fixups_cap;
  size_t start;             /* where the function's code begins in the buffer */
  x64_label_id *block_label;/* [nblocks] */
  bool *align_header;       /* [nblocks] a loop header padded to a 32-byte boundary (emit.c) */
  uint32_t skip_block;      /* a back edge's block whose moves its predecessor made before its
                             * jcc (emit.c, hoist_back_edge): emitted as nothing; UINT32_MAX: none */
  uint32_t *uses;           /* [ninsts] use counts (fusion decisions) */
  uint8_t *fused;           /* [ninsts] OPT_FUSED_*: a compare emitted as flags for the branch after it */
  ssa_id cur;               /* the instruction being emitted */
  uint32_t cur_pos;
  /* the native frame */
  bool save_rbx, save_rbp, save_r13;
  bool save_r15;            /* r15 holds values (a function that calls nothing: frame_register_free) */
  uint8_t *r15_on;          /* [nblocks] 1: r15 is not the frame there, its save is (plan_r15_blocks) */
  int32_t r15_at;           /* r15's save, from rsp */
  x64_label_id self_entry;  /* past the value-stack check: where a call to this function itself
                             * enters (its frame is this one's, already checked) */
  bool self_regs;           /* calls to itself pass arguments and take the result in registers */
  x64_label_id self_entry_regs; /* past the parameters' loads: where such a call enters */
  uint8_t self_pass[8];     /* the register each parameter comes in by then (0xff: unused) */
  int32_t frame_bytes;      /* below the return address: pushes, padding, spill area */
  int32_t r13_at;           /* where r13 was saved, from rsp: the spill area and padding below it */
  x64_label_id overflow;    /* the stack-exhaustion trap */
  uint8_t *frame_on;        /* [nblocks] 1: the block runs with the native frame set up (shrink-
                             * wrapping: the paths that need no frame do without) */
  uint32_t cur_block;       /* the block being emitted */
  uint32_t frame_slots;     /* value-stack slots this function's frame uses */
  uint32_t scratch_slot;    /* first of 8 value-stack slots for C helpers' operands */
  /* out-of-line code and tables */
  opt_stub *stubs;
  uint32_t nstubs, stubs_cap;
  opt_site *sites;          /* trap stubs' return addresses */
  uint32_t nsites, sites_cap;
  opt_site *faults;         /* memory accesses that may fault (guard pages) */
  uint32_t nfaults, faults_cap;
  /* [nsites], [nfaults]: 1 where the native frame is set up (frame_bytes below the return
   * address), 0 where rsp is as the call left it: how a trap's trace finds the caller */
  uint8_t *site_framed, *fault_framed;
  uint32_t site_framed_cap, fault_framed_cap;
  struct opt_pool { uint64_t lo, hi; x64_label_id label; } *pool;  /* 16-byte constants */
  uint32_t npool, pool_cap;
  /* br_table jump tables (after the constants): each entry the offset of a target block from
   * the table's start */
  struct opt_jump_table { x64_label_id label; uint32_t block; } *tables;
  uint32_t ntables, tables_cap;
  /* C helpers run IR-shaped instructions (jitrt_value_op, jitrt_simd_mem): their copies */
  ir_inst *helper_insts;
  uint32_t nhelper_insts, helper_insts_cap;
  uint64_t *helper_consts;  /* shuffle patterns the helper instructions point at */
  uint32_t nhelper_consts, helper_consts_cap;
  x64_label_id helper_data, helper_consts_label; /* where both are emitted */
  x64_cc fused_cc;          /* the condition the last fused compare left in the flags */
  ssa_id flags_value;       /* an add/sub/and/or/xor whose result the flags describe (ZF set from it, */
  size_t flags_end;         /* emitted last, ending here): a br_if on it right after needs no test */
  /* constants kept in registers through innermost loops (loopconst.c) */
  uint32_t *const_loop;     /* [nblocks] the loop whose constant registers hold in the block, or UINT32_MAX */
  uint32_t *const_entry;    /* [nblocks] the loop the block enters (it loads that loop's constants
                             * before its jump), or UINT32_MAX */
  /* holder: a value the allocation left in reg through the loop without reading it there,
   * already in its slot; the loop takes reg and its exits reload the holder (SSA_NONE: reg was free) */
  struct opt_loop_const { ssa_id value, holder; uint8_t reg; } *loop_consts;
  bool loop_exiting;        /* emitting a loop exit's reloads and moves: constants from their own places */
  uint32_t *loop_const_start; /* [nloops + 1]: loop k's are loop_consts[start[k] .. start[k + 1]) */
  uint32_t nloops, nloop_consts;
  uint32_t *pc_of;          /* dumps: [ninsts] where each instruction's code starts (or NULL) */
  uint32_t *block_pc;       /* dumps: [nblocks] where each block's code starts */
  uint32_t body_end;        /* where the out-of-line part starts */
  char error[160];
} emitter;

/* ---- emit.c: the function as a whole (tier.c and dump.c call these) ------------------------- */

/* Emits the allocated function into e->b; false with e->error on giving up. */
bool opt_emit_function(emitter *e);
/* Frees what emitting allocated (the tables the caller did not take: set those fields to NULL). */
void opt_emit_free(emitter *e);
/* lower.c: gives every critical edge a block of its own (before allocation). */
bool opt_split_critical_edges(ssa_func *f);

/* ---- emit.c: shared by the emitter files ------------------------------------------------------ */

bool opt_emit_fail(emitter *e, const char *why);
/* Where a value is at the current instruction (operands: as read; results: as written). */
ra_loc opt_loc_use(emitter *e, ssa_id v);
ra_loc opt_loc_def(emitter *e, ssa_id v);
/* A register holding operand v: its own, or `tmp` loaded from its slot or constant. */
x64_gpr opt_gpr(emitter *e, ssa_id v, x64_gpr tmp);
x64_xmm opt_xmm(emitter *e, ssa_id v, x64_xmm tmp);
/* The register the result of the current instruction goes to: its own, or `tmp` when it lives
 * on the stack (then opt_def_done stores it). */
x64_gpr opt_def_gpr(emitter *e, x64_gpr tmp);
x64_xmm opt_def_xmm(emitter *e, x64_xmm tmp);
void opt_def_done(emitter *e, unsigned reg);
/* Loads / stores a value of type t between a register and a location. */
void opt_load_loc(emitter *e, unsigned reg, ra_loc from, uint8_t type, ssa_id v);
void opt_store_loc(emitter *e, ra_loc to, unsigned reg, uint8_t type);
/* Builds constant v in register reg of its class (movabs, xor, a pool load), never from a
 * loop's constant register. */
void opt_load_const(emitter *e, unsigned reg, ssa_id v);
/* A memory operand for spill slot `offset`. */
x64_mem opt_spill_mem(emitter *e, uint32_t offset);
/* The constant's bits (v must be a constant). */
static inline uint64_t opt_const(const emitter *e, ssa_id v) { return e->f->insts[v].imm; }
/* A trap exit for the current instruction, taken by jcc/jmp to the label. */
x64_label_id opt_trap_label(emitter *e, uint8_t trap);
/* A 16-byte constant in the function's pool (after the code): a label for rip-relative forms,
 * and the operand [rip + label] (only for the legacy SSE forms without an immediate: x64_mem_label). */
x64_label_id opt_const128(emitter *e, uint64_t lo, uint64_t hi);
x64_mem opt_const128_mem(emitter *e, uint64_t lo, uint64_t hi);
/* The memory operand for an access of `size` bytes at address value addr + offset by the
 * current instruction, bounds-checked first when checks are explicit and the access is not
 * `checked` (proven in bounds).  Uses r10 and r11; *spare is the one the operand leaves free. */
x64_mem opt_access(emitter *e, ssa_id addr, uint64_t offset, unsigned size, bool checked, x64_gpr *spare);
/* The memory operand of load (size bytes), made where the load stands (its registers, its
 * check and fault site), for the instruction after it that reads memory in its place. */
x64_mem opt_load_operand(emitter *e, ssa_id load, unsigned size, x64_gpr *spare);
/* The fault site of the next instruction emitted, which reads load's memory operand: load's
 * trap offset, not the instruction's that took it in. */
void opt_note_load_fault(emitter *e, ssa_id load);
/* Notes that the memory access about to be emitted may fault on a guard page (the fault names
 * the current instruction: the nearest note at or before the faulting pc). */
void opt_note_fault(emitter *e);
/* Runs the current instruction (a value op) through the C helper over scratch frame slots. */
bool opt_emit_value_op_c(emitter *e, ssa_id v);
/* Is the current instruction's result unused? */
static inline bool opt_unused(const emitter *e, ssa_id v) { return e->uses[v] == 0; }

/* ---- the per-kind emitters: false when the op is not theirs --------------------------------- */

bool opt_emit_int(emitter *e, ssa_id v);
bool opt_emit_float(emitter *e, ssa_id v);
bool opt_emit_simd(emitter *e, ssa_id v);
/* emit_int.c: sets the flags for the compare v (fused into the branch after it) and returns the
 * condition code under which it is true. */
x64_cc opt_emit_compare_flags(emitter *e, ssa_id v);
bool opt_is_int_compare(uint16_t op);
/* emit_int.c: v = a op load, the load right before it folded in as a memory operand. */
void opt_emit_load_op(emitter *e, ssa_id v, ssa_id load);
/* emit_int.c: v = and(xor(x, -1), y) as one andn, xor the instruction before it (choose_fusions, BMI1). */
void opt_emit_andn(emitter *e, ssa_id v, ssa_id xor);
/* emit_float.c: v = a op load for f32/f64 add, sub, mul, div, the load its second operand. */
void opt_emit_float_load_op(emitter *e, ssa_id v, ssa_id load);
/* emit_int.c: select v on the flags of the compare before it, true under cc (choose_fusions). */
void opt_emit_select_cc(emitter *e, ssa_id v, x64_cc cc);
/* An add or sub of an i32 or i64 constant (in 32 bits) whose operand and result the allocator keeps
 * in general registers: it can be a lea, which leaves the flags (a compare's, for its branch after
 * it); and that lea. */
bool opt_int_flagless_add(emitter *e, ssa_id v);
void opt_emit_flagless_add(emitter *e, ssa_id v);
/* emit_int.c: add v of shift `shl` (by 1-3, right before it, emitted with it) as one lea. */
bool opt_emit_scaled_add(emitter *e, ssa_id v, ssa_id shl);
/* emit_float.c: the same for a float gt/ge/lt/le (one jcc each; eq/ne need two and are not fused). */
x64_cc opt_emit_float_compare_flags(emitter *e, ssa_id v);
bool opt_is_float_branch_compare(uint16_t op);

/* ---- loopconst.c: constants in registers through innermost loops ----------------------------- */

/* After allocation, before the prologue: gives the constants each innermost loop uses the
 * registers no value of the loop occupies (may set save_rbx, save_rbp).  False when out of memory. */
bool opt_loop_consts(emitter *e);
/* The register holding constant v in the current instruction's block, or -1. */
int opt_loop_const_reg(const emitter *e, ssa_id v);
/* Whether block `block` enters a loop whose constants it loads, and the loads (at its end, after
 * its edge's moves, before its jump). */
bool opt_loop_consts_entry(const emitter *e, uint32_t block);
void opt_loop_consts_load(emitter *e, uint32_t block);
/* Whether the edge from -> to leaves a loop whose constants took a holder's register, and the
 * holders' reloads from their slots (before that edge's moves, which may read them). */
bool opt_loop_consts_exit(const emitter *e, uint32_t from, uint32_t to);
void opt_loop_consts_reload(emitter *e, uint32_t from, uint32_t to);

/* ---- isel.c: what each instruction asks of the register allocator ------------------------------ */

void opt_isel_info(ssa_func *f, ssa_id v, ra_inst_info *out);
/* Whether the condition c of the br_if right after it can be flags for the branch (emit.c,
 * choose_fusions): a compare with one jcc, or an i32.and of two such compares right before it,
 * each used only there. */
bool opt_isel_fusable_compare(const ssa_func *f, ssa_id c);
bool opt_isel_fusable_and(ssa_func *f, ssa_id c);

#endif
