/* trampoline.c: the routines between C and JIT code (entry, trap unwinding, slow calls, budget). */
#include "x64/trampoline.h"

#include <string.h>

#include "x64/asm.h"

#define T X64_R12 /* the per-thread context, in every routine but enter's first lines */

/* trace_c(thread, rsp, r13, from_c) with [rsp] the return address into the code at hand; rsp may
 * be either 0 or 8 mod 16 here, so it is aligned for the call (rbx survives it; the trap is
 * unwinding, so nothing in rbx is needed). */
static void call_trace(x64_buf *b, const x64_tramp_layout *L, bool from_c)
{
  x64_mov_r64_r64(b, X64_RDI, T);
  x64_mov_r64_r64(b, X64_RSI, X64_RSP);
  x64_mov_r64_r64(b, X64_RDX, X64_R13);
  x64_mov_r32_imm32(b, X64_RCX, from_c ? 1 : 0);
  x64_mov_r64_r64(b, X64_RBX, X64_RSP);
  x64_and_r64_imm32(b, X64_RSP, -16);
  x64_call_m64(b, x64_mem_bd(T, L->trace_c));
  x64_mov_r64_r64(b, X64_RSP, X64_RBX);
}

static const x64_gpr c_saved[] = {X64_RBP, X64_RBX, X64_R12, X64_R13, X64_R14, X64_R15};
static const x64_gpr c_clobbered[] = {X64_RAX, X64_RCX, X64_RDX, X64_RSI, X64_RDI,
                                      X64_R8,  X64_R9,  X64_R10, X64_R11};

void x64_tramps_emit(x64_buf *b, const x64_tramp_layout *L, x64_tramp_offsets *at)
{
  x64_label_id l_exit, l_unwind, l_done, l_trapped, l_slow_trapped;
  size_t at_enter, at_trap, at_unwind, at_slow, at_budget;
  l_exit = x64_label(b);
  l_unwind = x64_label(b);

  /* enter(rdi thread, rsi entry, rdx fp, rcx vm, r8 func): on entry rsp = 8 mod 16 */
  at_enter = x64_here(b);
  for (unsigned i = 0; i < 6; i++)
    x64_push_r64(b, c_saved[i]);
  x64_mov_r64_m64(b, X64_RAX, x64_mem_bd(X64_RDI, L->entry_rsp));
  x64_push_r64(b, X64_RAX);                       /* the outer entry's rsp; now rsp = 0 mod 16 */
  x64_mov_m64_r64(b, x64_mem_bd(X64_RDI, L->entry_rsp), X64_RSP);
  x64_mov_r64_r64(b, T, X64_RDI);
  x64_mov_r64_r64(b, X64_R15, X64_RDX);
  x64_mov_r64_r64(b, X64_R13, X64_RCX);
  x64_mov_r64_m64(b, X64_R14, x64_mem_bd(X64_R13, L->vm_mem));
  x64_mov_r64_m64(b, X64_R14, x64_mem_bd(X64_R14, L->mem_base));
  x64_mov_r64_r64(b, X64_RAX, X64_R8);
  x64_call_r64(b, X64_RSI);
  x64_xor_r32_r32(b, X64_RAX, X64_RAX);
  x64_bind(b, l_exit);
  x64_pop_r64(b, X64_RCX);
  x64_mov_m64_r64(b, x64_mem_bd(T, L->entry_rsp), X64_RCX);
  for (unsigned i = 6; i-- > 0;)
    x64_pop_r64(b, c_saved[i]);
  x64_ret(b);

  /* unwind: back to the innermost enter, which returns 1 */
  x64_align(b, 16);
  at_unwind = x64_here(b);
  x64_bind(b, l_unwind);
  x64_mov_r64_m64(b, X64_RSP, x64_mem_bd(T, L->entry_rsp));
  x64_mov_r32_imm32(b, X64_RAX, 1);
  x64_jmp_label(b, l_exit);

  /* trap(edi kind): the return address is the site */
  x64_align(b, 16);
  at_trap = x64_here(b);
  x64_mov_m32_r32(b, x64_mem_bd(T, L->trap_kind), X64_RDI);
  call_trace(b, L, false);
  x64_pop_r64(b, X64_RSI);
  x64_mov_m64_r64(b, x64_mem_bd(T, L->trap_pc), X64_RSI);
  x64_jmp_label(b, l_unwind);

  /* call_slow(rax func, r15 its frame) */
  x64_align(b, 16);
  at_slow = x64_here(b);
  l_done = x64_label(b);
  l_slow_trapped = x64_label(b);
  x64_push_r64(b, X64_RAX);                       /* rsp = 0 mod 16 for the C call */
  x64_mov_r64_r64(b, X64_RDI, T);
  x64_mov_r64_r64(b, X64_RSI, X64_RAX);
  x64_mov_r64_r64(b, X64_RDX, X64_R15);
  x64_call_m64(b, x64_mem_bd(T, L->call_slow_c));
  x64_pop_r64(b, X64_RCX);
  x64_cmp_r64_imm32(b, X64_RAX, 1);
  x64_jcc_label(b, X64_CC_B, l_done);             /* 0: done, results in the frame */
  x64_jcc_label(b, X64_CC_E, l_slow_trapped);     /* 1: trapped */
  x64_mov_r64_m64(b, X64_RCX, x64_mem_bd(T, L->call_func));
  x64_mov_r64_m64(b, X64_R13, x64_mem_bd(X64_RCX, L->func_vm));
  x64_mov_r64_m64(b, X64_R14, x64_mem_bd(X64_R13, L->vm_mem));
  x64_mov_r64_m64(b, X64_R14, x64_mem_bd(X64_R14, L->mem_base));
  x64_mov_r64_r64(b, X64_RDX, X64_RAX);
  x64_mov_r64_r64(b, X64_RAX, X64_RCX);
  x64_jmp_r64(b, X64_RDX);                        /* the callee returns straight to our caller */
  x64_bind(b, l_done);
  x64_ret(b);
  x64_bind(b, l_slow_trapped);                    /* [rsp]: the return address into the caller */
  call_trace(b, L, true);
  x64_jmp_label(b, l_unwind);

  /* budget: everything a C call may clobber is saved around it */
  x64_align(b, 16);
  at_budget = x64_here(b);
  l_trapped = x64_label(b);
  for (unsigned i = 0; i < 9; i++)
    x64_push_r64(b, c_clobbered[i]);              /* 9 pushes after the call: rsp = 0 mod 16 */
  x64_sub_r64_imm32(b, X64_RSP, 256);
  for (unsigned k = 0; k < 16; k++)
    x64_movdqu_m128_xmm(b, x64_mem_bd(X64_RSP, (int32_t)(16 * k)), (x64_xmm)k);
  x64_mov_r64_r64(b, X64_RDI, T);
  x64_mov_r64_r64(b, X64_RSI, X64_R13);
  x64_call_m64(b, x64_mem_bd(T, L->budget_c));
  for (unsigned k = 0; k < 16; k++)
    x64_movdqu_xmm_m128(b, (x64_xmm)k, x64_mem_bd(X64_RSP, (int32_t)(16 * k)));
  x64_add_r64_imm32(b, X64_RSP, 256);
  x64_test_r32_r32(b, X64_RAX, X64_RAX);
  x64_jcc_label(b, X64_CC_NE, l_trapped);
  for (unsigned i = 9; i-- > 0;)
    x64_pop_r64(b, c_clobbered[i]);
  x64_ret(b);
  x64_bind(b, l_trapped);
  x64_mov_r32_r32(b, X64_RDI, X64_RAX);
  x64_add_r64_imm32(b, X64_RSP, 9 * 8);           /* now [rsp] is the budget stub's site */
  x64_mov_m32_r32(b, x64_mem_bd(T, L->trap_kind), X64_RDI);
  call_trace(b, L, false);
  x64_mov_r64_m64(b, X64_RSI, x64_mem_bd(X64_RSP, 0));
  x64_add_r64_imm32(b, X64_RSP, 8);
  x64_mov_m64_r64(b, x64_mem_bd(T, L->trap_pc), X64_RSI);
  x64_jmp_label(b, l_unwind);
  *at = (x64_tramp_offsets){.enter = at_enter, .trap = at_trap, .unwind = at_unwind,
                            .call_slow = at_slow, .budget = at_budget};
}

bool x64_tramps_build(x64_tramps *t, const x64_tramp_layout *L)
{
  x64_buf buf;
  x64_tramp_offsets at;
  bool ok;
  memset(t, 0, sizeof *t);
  x64_buf_init(&buf);
  x64_tramps_emit(&buf, L, &at);
  ok = x64_buf_ok(&buf) && x64_codemem_install(&t->mem, buf.code, buf.len);
  if (ok) {
    t->enter = (x64_enter_fn)(void *)(t->mem.base + at.enter);
    t->unwind = t->mem.base + at.unwind;
    t->trap = t->mem.base + at.trap;
    t->call_slow = t->mem.base + at.call_slow;
    t->budget = t->mem.base + at.budget;
  }
  x64_buf_free(&buf);
  return ok;
}
