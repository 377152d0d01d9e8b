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

/* Fills err from a trap site: "trap: <kind> in <function name or index> at wasm offset 0x...". */
wlab_status trap_to_error(const trap_site *site, wlab_error *err);

/* A guest memory fault inside a reservation jumps here (siglongjmp) when a tier has armed
 * it; the tier then reports TRAP_MEMORY_OOB.  Armed per thread, innermost entry wins. */
typedef struct trap_landing {
  sigjmp_buf jmp;
  struct trap_landing *outer;
  uintptr_t fault_pc;      /* the faulting instruction (machine code maps it to a wasm offset) */
} trap_landing;

extern _Thread_local trap_landing *trap_current_landing;

/* Installs the SIGSEGV/SIGBUS handler once per process. */
void trap_install_handler(void);

#endif
