/* jitrt.h: what machine code of every JIT tier calls at run time: the per-thread context, the helper table, entering machine code and mapping its traps. */
#ifndef WLAB_X64_JITRT_H
#define WLAB_X64_JITRT_H

#include <stddef.h>
#include <stdint.h>

#include "core/engine.h"
#include "x64/trampoline.h"

/*
 * The helper table.  Machine code calls helpers through the thread context, which r12 holds:
 * `call [r12 + offsetof(jitrt_thread, helpers[H])]` is one 8-byte instruction that reaches any
 * address, and dumps can name the helper.  Rows: BL_HELPER(ID, C function or NULL, what).
 * Rows with NULL are routines of the trampoline code (x64/trampoline.h), filled at start-up.
 */
#define JITRT_HELPERS(X)                                                                           \
  X(TRAP,          NULL,                   "trap: edi = kind, the return address names the site") \
  X(CALL_SLOW,     NULL,                   "call rax (no machine code yet): compile, interpret or host") \
  X(BUDGET,        NULL,                   "budget ran out: refill from fuel, check the deadline") \
  X(CALL_SLOW_C,   jitrt_call_slow,        "C side of CALL_SLOW")                                 \
  X(BUDGET_C,      jitrt_budget,           "C side of BUDGET")                                    \
  X(MEMORY_GROW,   jitrt_memory_grow,      "memory.grow")                                         \
  X(MEMORY_FILL,   jitrt_memory_fill,      "memory.fill")                                         \
  X(MEMORY_COPY,   jitrt_memory_copy,      "memory.copy")                                         \
  X(MEMORY_INIT,   jitrt_memory_init,      "memory.init")                                         \
  X(DATA_DROP,     jitrt_data_drop,        "data.drop")                                           \
  X(ELEM_DROP,     jitrt_elem_drop,        "elem.drop")                                           \
  X(TABLE_GROW,    jitrt_table_grow,       "table.grow")                                          \
  X(TABLE_FILL,    jitrt_table_fill,       "table.fill")                                          \
  X(TABLE_COPY,    jitrt_table_copy,       "table.copy")                                          \
  X(TABLE_INIT,    jitrt_table_init,       "table.init")                                          \
  X(VALUE_OP,      jitrt_value_op,         "a value op done in C over frame slots (rare ops)")      \
  X(SIMD_MEM,      jitrt_simd_mem,         "a v128 load or store done in C (widening, splat, lane)") \
  X(HOT,           jitrt_hot,              "a hotness count ran out: the tier manager; an OSR exit or 0")         \
  X(TRACE_C,       jitrt_trace,            "a trap's trace: walks the frames still on the stack")

enum jitrt_helper_id {
#define JITRT_ID(id, fn, what) JITRT_H_##id,
  JITRT_HELPERS(JITRT_ID)
#undef JITRT_ID
  JITRT_H_COUNT
};

/* The per-thread context machine code sees in r12.  Field offsets are part of the ABI of the
 * generated code (docs/abi.md); the compiler takes them from offsetof. */
typedef struct jitrt_thread {
  uintptr_t native_limit;     /* prologues trap "call stack exhausted" when rsp is below this */
  uint8_t *vstack_end;        /* ... or when the frame would pass the end of the value stack */
  uintptr_t entry_rsp;        /* rsp of the innermost entry trampoline: where a trap unwinds to */
  int32_t budget;             /* ticks left before BUDGET runs (entries and loop headers) */
  uint32_t trap_kind;         /* set by TRAP */
  uintptr_t trap_pc;          /* the trap site: a return address inside a trap stub */
  thread_ctx *thread;
  wlab_func *call_func;       /* set by jitrt_call_slow: the function whose entry it returned */
  void *helpers[JITRT_H_COUNT];
  wlab_func *entry_func;      /* the function the innermost entry ran (a trace's outermost frame) */
  trap_site site;             /* a trap raised in C (host function, interpreter): reported as is */
  int site_set;
} jitrt_thread;

/* This thread's context (created with the core thread context). */
jitrt_thread *jitrt_thread_get(void);
/* The trampolines: the ones assembled at build time into the engine's .text (x64/gen_tramps.c),
 * never NULL there; a build without them assembles them once per process and gives NULL when
 * code memory could not be had. */
const x64_tramps *jitrt_tramps(void);

/* The structure offsets the trampolines are assembled for: the run time's and the build-time
 * generator's come from this one place, so the two can never differ. */
static inline x64_tramp_layout jitrt_tramp_layout(void)
{
  return (x64_tramp_layout){
    .entry_rsp = (int32_t)offsetof(jitrt_thread, entry_rsp),
    .trap_kind = (int32_t)offsetof(jitrt_thread, trap_kind),
    .trap_pc = (int32_t)offsetof(jitrt_thread, trap_pc),
    .call_slow_c = (int32_t)(offsetof(jitrt_thread, helpers) + 8 * JITRT_H_CALL_SLOW_C),
    .call_func = (int32_t)offsetof(jitrt_thread, call_func),
    .budget_c = (int32_t)(offsetof(jitrt_thread, helpers) + 8 * JITRT_H_BUDGET_C),
    .trace_c = (int32_t)(offsetof(jitrt_thread, helpers) + 8 * JITRT_H_TRACE_C),
    .func_vm = (int32_t)offsetof(wlab_func, vm),
    .vm_mem = (int32_t)offsetof(vmctx, mem),
    .mem_base = (int32_t)offsetof(memory, base),
  };
}

/* Runs machine code `entry` of f (its entry, or an OSR entry) with the frame at fp until f
 * returns (results at fp).  A trap inside, in whichever machine tier's code, comes back as its
 * status with *site filled: the pc is mapped to a function and wasm offset by asking each tier
 * (tier_ops.site_at). */
wlab_status jitrt_invoke_at(wlab_func *f, void *entry, uint8_t *fp, trap_site *site);

/* A bisection knob of a compiling tier: the environment variable `name` set to
 * odd|even|all|LO-HI[,LO-HI...] names the functions (by index, ranges inclusive) the tier must
 * leave to the tier below, so calls between tiers get exercised and a miscompiled function can
 * be found by halving.  Read once; declare it static with mode -1. */
typedef struct jitrt_knob {
  const char *name;
  int mode;            /* -1 unread, 0 unset, 1 odd, 2 even, 3 all, 4 ranges */
  const char *ranges;
} jitrt_knob;
bool jitrt_knob_refuses(jitrt_knob *k, uint32_t index);

/* The helpers (C side).  CALL_SLOW_C resolves the callee through the engine's machine tier
 * (tier_ops.resolve), so code of one tier reaches functions compiled by another. */
/* The helpers (C side).  They run on the guest's native stack with r12-r15 preserved. */
uintptr_t jitrt_call_slow(jitrt_thread *t, wlab_func *f, uint8_t *fp);
uint32_t jitrt_budget(jitrt_thread *t, vmctx *vm);
/* A trap's trace (docs/abi.md, "Trap traces"), called by the trampolines on the trap path only:
 * slot holds the return address into the code that trapped (a trap stub's call) or, from_c, into
 * the code whose call trapped in C (whose frames, if any, are in the trace already); r13 is the
 * trapping code's instance context (not from_c).  Pushes the machine frames of the innermost
 * entry, walking the native stack up to the entry's return address. */
void jitrt_trace(jitrt_thread *t, uintptr_t *slot, uintptr_t r13, uint32_t from_c);
uint32_t jitrt_memory_grow(vmctx *vm, uint32_t delta);
uint32_t jitrt_memory_fill(vmctx *vm, uint32_t d, uint32_t value, uint32_t n);
uint32_t jitrt_memory_copy(vmctx *vm, uint32_t d, uint32_t s, uint32_t n);
uint32_t jitrt_memory_init(vmctx *vm, uint32_t seg, uint32_t d, uint32_t s, uint32_t n);
uint32_t jitrt_data_drop(vmctx *vm, uint32_t seg);
uint32_t jitrt_elem_drop(vmctx *vm, uint32_t seg);
uint32_t jitrt_table_grow(vmctx *vm, uint32_t table, void *init, uint32_t delta);
uint32_t jitrt_table_fill(vmctx *vm, uint32_t table, uint32_t i, void *value, uint32_t n);
uint32_t jitrt_table_copy(vmctx *vm, uint32_t dst, uint32_t src, uint32_t d, uint32_t s, uint32_t n);
uint32_t jitrt_table_init(vmctx *vm, uint32_t table, uint32_t seg, uint32_t d, uint32_t s, uint32_t n);
/* Hotness counted by machine code (docs/tiering.md): the count of function `where >> 32` of vm's
 * instance ran out at its entry (low half WLAB_NONE) or at the loop header of IR `(uint32_t)where`.
 * Starts the count (carrying over the interpreter's ticks), reports the function hot to the tier
 * manager once it reaches the engine's counted_threshold, and sets the next count.  Returns the
 * code to leave for, an OSR entry of a higher tier for that loop (the caller stores its pinned
 * locals, unwinds its native frame and jumps there), or 0 to go on.  Runs on the guest's native
 * stack, called directly by the code (which saved what it keeps in caller-saved registers). */
uintptr_t jitrt_hot(jitrt_thread *t, vmctx *vm, uint64_t where);
/* A value op the compiler leaves to C, run over the frame at fp (its operands written back
 * first; consts is the function's constant pool).  Returns a trap kind, or 0. */
uint32_t jitrt_value_op(uint8_t *fp, const ir_inst *in, const uint64_t *consts);
/* The same for a v128 load or store that shapes lanes; ea is the address operand plus the
 * static offset, checked against the memory here. */
uint32_t jitrt_simd_mem(uint8_t *fp, const ir_inst *in, const uint64_t *consts, vmctx *vm, uint64_t ea);

#endif /* WLAB_X64_JITRT_H */
