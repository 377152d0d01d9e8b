/* runtime.h: what baseline machine code calls at run time: the per-thread context and helpers. */
#ifndef WLAB_BASELINE_RUNTIME_H
#define WLAB_BASELINE_RUNTIME_H

#include <stddef.h>
#include <stdint.h>

#include "core/engine.h"

/*
 * The helper table.  Machine code calls helpers through the thread context, which r12 holds:
 * `call [r12 + offsetof(bl_thread, helpers[H])]` is one 8-byte instruction that reaches any
 * address, and dumps can name the helper.  Rows: BL_HELPER(ID, C function or NULL, what).
 * Rows with NULL are routines of the trampoline code (x64/trampoline.h), filled at start-up.
 */
#define BL_HELPERS(X)                                                                           \
  X(TRAP,          NULL,                   "trap: edi = kind, the return address names the site") \
  X(CALL_SLOW,     NULL,                   "call rax (no machine code yet): compile, interpret or host") \
  X(BUDGET,        NULL,                   "budget ran out: refill from fuel, check the deadline") \
  X(CALL_SLOW_C,   bl_rt_call_slow,        "C side of CALL_SLOW")                                 \
  X(BUDGET_C,      bl_rt_budget,           "C side of BUDGET")                                    \
  X(MEMORY_GROW,   bl_rt_memory_grow,      "memory.grow")                                         \
  X(MEMORY_FILL,   bl_rt_memory_fill,      "memory.fill")                                         \
  X(MEMORY_COPY,   bl_rt_memory_copy,      "memory.copy")                                         \
  X(MEMORY_INIT,   bl_rt_memory_init,      "memory.init")                                         \
  X(DATA_DROP,     bl_rt_data_drop,        "data.drop")                                           \
  X(ELEM_DROP,     bl_rt_elem_drop,        "elem.drop")                                           \
  X(TABLE_GROW,    bl_rt_table_grow,       "table.grow")                                          \
  X(TABLE_FILL,    bl_rt_table_fill,       "table.fill")                                          \
  X(TABLE_COPY,    bl_rt_table_copy,       "table.copy")                                          \
  X(TABLE_INIT,    bl_rt_table_init,       "table.init")                                          \
  X(VALUE_OP,      bl_rt_value_op,         "a value op done in C over frame slots (rare ops)")      \
  X(SIMD_MEM,      bl_rt_simd_mem,         "a v128 load or store done in C (widening, splat, lane)")

enum bl_helper_id {
#define BL_ID(id, fn, what) BL_H_##id,
  BL_HELPERS(BL_ID)
#undef BL_ID
  BL_H_COUNT
};

/* The per-thread context machine code sees in r12.  Field offsets are part of the ABI of the
 * generated code (docs/abi.md); the compiler takes them from offsetof. */
typedef struct bl_thread {
  uintptr_t native_limit;     /* prologues trap "call stack exhausted" when rsp is below this */
  uint8_t *vstack_end;        /* ... or when the frame would pass the end of the value stack */
  uintptr_t entry_rsp;        /* rsp of the innermost entry trampoline: where a trap unwinds to */
  int32_t budget;             /* ticks left before BUDGET runs (entries and loop headers) */
  uint32_t trap_kind;         /* set by TRAP */
  uintptr_t trap_pc;          /* the trap site: a return address inside a trap stub */
  thread_ctx *thread;
  wlab_func *call_func;       /* set by bl_rt_call_slow: the function whose entry it returned */
  void *helpers[BL_H_COUNT];
  trap_site site;             /* a trap raised in C (host function, interpreter): reported as is */
  int site_set;
} bl_thread;

/* This thread's context (created with the core thread context). */
bl_thread *bl_thread_get(void);

/* The helpers (C side).  They run on the guest's native stack with r12-r15 preserved. */
uintptr_t bl_rt_call_slow(bl_thread *t, wlab_func *f, uint8_t *fp);
uint32_t bl_rt_budget(bl_thread *t, vmctx *vm);
uint32_t bl_rt_memory_grow(vmctx *vm, uint32_t delta);
uint32_t bl_rt_memory_fill(vmctx *vm, uint32_t d, uint32_t value, uint32_t n);
uint32_t bl_rt_memory_copy(vmctx *vm, uint32_t d, uint32_t s, uint32_t n);
uint32_t bl_rt_memory_init(vmctx *vm, uint32_t seg, uint32_t d, uint32_t s, uint32_t n);
uint32_t bl_rt_data_drop(vmctx *vm, uint32_t seg);
uint32_t bl_rt_elem_drop(vmctx *vm, uint32_t seg);
uint32_t bl_rt_table_grow(vmctx *vm, uint32_t table, void *init, uint32_t delta);
uint32_t bl_rt_table_fill(vmctx *vm, uint32_t table, uint32_t i, void *value, uint32_t n);
uint32_t bl_rt_table_copy(vmctx *vm, uint32_t dst, uint32_t src, uint32_t d, uint32_t s, uint32_t n);
uint32_t bl_rt_table_init(vmctx *vm, uint32_t table, uint32_t seg, uint32_t d, uint32_t s, uint32_t n);
/* A value op the compiler leaves to C, run over the frame at fp (its operands written back
 * first; consts is the function's constant pool).  Returns a trap kind, or 0. */
uint32_t bl_rt_value_op(uint8_t *fp, const ir_inst *in, const uint64_t *consts);
/* The same for a v128 load or store that shapes lanes; ea is the address operand plus the
 * static offset, checked against the memory here. */
uint32_t bl_rt_simd_mem(uint8_t *fp, const ir_inst *in, const uint64_t *consts, vmctx *vm, uint64_t ea);

#endif
