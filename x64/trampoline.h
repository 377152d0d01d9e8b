/* trampoline.h: the machine-code routines between C and JIT code: entry, trap unwinding, slow calls. */
#ifndef WLAB_X64_TRAMPOLINE_H
#define WLAB_X64_TRAMPOLINE_H

#include <stdbool.h>
#include <stdint.h>

#include "x64/codemem.h"

/*
 * Assembled at build time (x64/gen_tramps.c writes them into the engine's own .text, so a process
 * maps them with the binary: no mapping, mprotect or assembly at start-up; x64/jitrt.c), or at run
 * time into W^X code memory by x64_tramps_build, for the register
 * convention of docs/abi.md: r12 the per-thread context, r13 the instance context, r15 the
 * frame, rsp 16-byte aligned in function bodies.  The trampolines know the per-thread context
 * only through the offsets in x64_tramp_layout, so every JIT tier can share them.
 *
 *   enter(thread, entry, fp, vm, func)   C -> machine code.  Saves the C callee-saved
 *       registers and the previous entry's rsp, sets r12, r13, r14 (vm's memory base), r15 and
 *       rax (func), calls entry.  Returns 0 when entry returned, 1 when a trap unwound to it.
 *   trap          called with edi = trap kind; the return address (inside a trap stub) names
 *       the site.  Records both in the thread context and unwinds to the innermost enter.
 *   unwind        jumped to (r12 = thread) when the trap was recorded elsewhere.
 *   call_slow     called with rax = callee (a wlab_func without machine code), r15 = its frame.
 *       Runs the C side: 0 = it ran the callee (results are in its frame), 1 = it trapped
 *       (unwind), else the machine code to enter as a tail jump: that of the function the C side
 *       left in the thread context's call_func (the callee, or one it tail-called).
 *   budget        called when the budget counter runs out: saves every register a C call may
 *       clobber, runs the C side (eax = 0 to go on, else a trap kind, reported as trap is).
 *
 * On a trap (trap, budget's, or call_slow's C side reporting one), before unwinding, each calls
 * trace_c on the guest's native stack, below its frames, with the address of the slot holding
 * the return address into the trapping (or calling) code: the C side walks the frames while
 * they are still there (docs/abi.md, "Trap traces").  Only trap paths do this.
 */
typedef struct x64_tramp_layout {
  int32_t entry_rsp;     /* thread: u64, rsp of the innermost enter */
  int32_t trap_kind;     /* thread: u32 */
  int32_t trap_pc;       /* thread: u64 */
  int32_t call_slow_c;   /* thread: slot holding uintptr_t (*)(thread, func, fp) */
  int32_t call_func;     /* thread: u64, the function call_slow's C side says to enter */
  int32_t budget_c;      /* thread: slot holding uint32_t (*)(thread, vm) */
  int32_t trace_c;       /* thread: slot holding void (*)(thread, slot, r13, from_c): a trap's trace */
  int32_t func_vm;       /* wlab_func: its instance context */
  int32_t vm_mem;        /* instance context: its memory (never NULL) */
  int32_t mem_base;      /* memory: the address of byte 0, which r14 holds */
} x64_tramp_layout;

typedef int (*x64_enter_fn)(void *thread, const void *entry, void *fp, void *vm, void *func);

typedef struct x64_tramps {
  x64_codemem mem;
  x64_enter_fn enter;
  const void *trap, *unwind, *call_slow, *budget;
} x64_tramps;

/* Where each routine starts in the code x64_tramps_emit appends (offsets from its first byte,
 * which must be 16-byte aligned). */
typedef struct x64_tramp_offsets {
  size_t enter, trap, unwind, call_slow, budget;
} x64_tramp_offsets;

/* Appends the routines to b (from a 16-byte aligned offset 0); x64_buf_ok tells success. */
struct x64_buf;
void x64_tramps_emit(struct x64_buf *b, const x64_tramp_layout *layout, x64_tramp_offsets *at);
/* Emits and installs the routines; false when out of memory (no machine code can run). */
bool x64_tramps_build(x64_tramps *t, const x64_tramp_layout *layout);

#endif
