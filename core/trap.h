/* trap.h: trap kinds, the per-thread execution context, and turning faults into traps. */
#ifndef WLAB_TRAP_H
#define WLAB_TRAP_H

#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>

#include "wasmlab.h"

typedef enum trap_kind {
  TRAP_NONE = 0,
#define TRAP(id, status, text) TRAP_##id,
#include "traps.def"
#undef TRAP
  TRAP_COUNT
} trap_kind;

const char *trap_text(trap_kind k);
wlab_status trap_status(trap_kind k);

/* Where a trap happened, filled by the tier that raised it. */
typedef struct trap_site {
  trap_kind kind;
  uint32_t func_index;     /* WLAB_NONE when unknown */
  uint32_t offset;         /* module byte offset, WLAB_NONE when unknown */
  const struct wlab_module *module;
  char host_message[200];  /* TRAP_HOST: what the host function said */
  int32_t exit_code;       /* TRAP_EXIT */
  /* Not a trap: an invoke_frame that returns WLAB_OK with this set asks its caller to run this
   * function next in the same frame (a tail call out of the tier, arguments already at fp), so
   * tail calls that alternate between tiers still run in constant stack. */
  struct wlab_func *tail_call;
} trap_site;

/* Fills err from a trap site: "trap: <kind> in <function name or index> at wasm offset 0x...",
 * and err's frames from this thread's trace (below) when one is being built for this trap. */
wlab_status trap_to_error(const trap_site *site, wlab_error *err);

/*
 * A trap's trace (docs/abi.md, "Trap traces"): each thread builds one while the trap unwinds.
 * The code that raises a trap begins it (a tier's own trap, or engine_call_host for a host
 * function's); each layer the trap then leaves (an interpreter run, a machine-code entry)
 * pushes the wasm frames it knows, innermost first; trap_to_error takes it.  A layer that cannot
 * tell which frames lie between it and what was pushed before cuts the trace: nothing more is
 * pushed, so a trace may be short but never skips a frame.  Nothing here runs unless a trap did.
 */
typedef struct trap_trace {
  bool live;               /* begun and not yet taken */
  bool cut;                /* the frames past the last one pushed are unknown */
  uint32_t n;
  wlab_frame frames[WLAB_MAX_FRAMES];
} trap_trace;

extern _Thread_local trap_trace trap_trace_tls;

void trap_trace_begin(void);
/* Pushes the next frame outward (m may be NULL when inst is set; offset WLAB_NONE when unknown).
 * False when the trace takes no more (not begun, cut, or full): the caller may stop walking. */
bool trap_trace_push(struct wlab_instance *inst, const struct wlab_module *m, uint32_t func_index,
                     uint32_t module_offset);
void trap_trace_cut(void);
/* True when a trace is being built and takes frames. */
static inline bool trap_trace_open(void)
{
  return trap_trace_tls.live && !trap_trace_tls.cut && trap_trace_tls.n < WLAB_MAX_FRAMES;
}

/* A guest memory fault inside a reservation jumps here (siglongjmp) when a tier has armed
 * it; the tier then reports TRAP_MEMORY_OOB.  Armed per thread, innermost entry wins. */
typedef struct trap_landing {
  sigjmp_buf jmp;
  struct trap_landing *outer;
  uintptr_t fault_pc;      /* the faulting instruction (machine code maps it to a wasm offset) */
  /* machine code's: called by the fault handler with the faulting pc, rsp and r13, on the
   * faulting stack, to walk the frames there for the trace before they are overwritten */
  void (*trace)(struct trap_landing *landing, uintptr_t pc, uintptr_t sp, uintptr_t r13);
} trap_landing;

extern _Thread_local trap_landing *trap_current_landing;

/* Installs the SIGSEGV/SIGBUS handler once per process. */
void trap_install_handler(void);

#endif
