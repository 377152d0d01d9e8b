/* trap.c: trap kinds and messages, and the fault handler that turns guard-page hits into traps. */
#include "trap.h"

#include <signal.h>
#include <stdio.h>
#include <ucontext.h>
#include <string.h>

#include "error.h"
#include "core/startup.h"
#include "instance.h"
#include "memory.h"
#include "module.h"

static const char *const texts[TRAP_COUNT] = {
  [TRAP_NONE] = "no trap",
#define TRAP(id, status, text) [TRAP_##id] = text,
#include "traps.def"
#undef TRAP
};

static const wlab_status statuses[TRAP_COUNT] = {
  [TRAP_NONE] = WLAB_OK,
#define TRAP(id, status, text) [TRAP_##id] = status,
#include "traps.def"
#undef TRAP
};

const char *trap_text(trap_kind k) { return k < TRAP_COUNT ? texts[k] : "unknown trap"; }
wlab_status trap_status(trap_kind k) { return k < TRAP_COUNT ? statuses[k] : WLAB_ERR_TRAP; }

wlab_status trap_to_error(const trap_site *site, wlab_error *err)
{
  const char *name = NULL;
  char what[200];
  if (site->module && site->func_index != WLAB_NONE && site->func_index < site->module->nfuncs)
    name = site->module->funcs[site->func_index].name;
  if (site->kind == TRAP_EXIT)
    snprintf(what, sizeof what, "exit %d", site->exit_code);
  else if (site->kind == TRAP_HOST && site->host_message[0])
    snprintf(what, sizeof what, "%s", site->host_message);
  else
    snprintf(what, sizeof what, "%s", trap_text(site->kind));
  if (!err) {
    trap_trace_tls.live = false;
    return trap_status(site->kind);
  }
  err->status = trap_status(site->kind);
  err->exit_code = site->exit_code;
  err->section = NULL;
  err->func_index = site->func_index;
  err->offset = site->offset;
  err->nframes = 0;
  if (trap_trace_tls.live) {
    trap_trace *tr = &trap_trace_tls;
    /* the trace is this trap's when its innermost frame is where the site says it trapped (a
     * host function's trap names the host function: its trace starts at the caller) */
    bool ours = site->kind == TRAP_HOST ||
                (tr->n && tr->frames[0].func_index == site->func_index && tr->frames[0].module_offset == site->offset);
    if (ours) {
      err->nframes = tr->n;
      memcpy(err->frames, tr->frames, tr->n * sizeof tr->frames[0]);
    }
    tr->live = false;
  }
  if (site->kind == TRAP_EXIT)
    err->nframes = 0; /* an exit is not a trap: no frames (wasmlab.h) */
  if (!err->nframes && site->func_index != WLAB_NONE && site->kind != TRAP_HOST && site->kind != TRAP_EXIT &&
      site->module) {
    /* no trace: the trapping function is known all the same */
    err->frames[0] = (wlab_frame){NULL, site->func_index, WLAB_NONE, site->offset};
    if (site->offset != WLAB_NONE && site->func_index < site->module->nfuncs &&
        !site->module->funcs[site->func_index].imported)
      err->frames[0].func_offset = site->offset - site->module->funcs[site->func_index].body_offset;
    err->nframes = 1;
  }
  /* the message field is shorter than `what` can be: cut it on purpose */
  memcpy(err->message, what, sizeof err->message - 1);
  err->message[sizeof err->message - 1] = 0;
  if (site->func_index == WLAB_NONE)
    snprintf(err->text, sizeof err->text, "trap: %s", what);
  else if (name)
    snprintf(err->text, sizeof err->text, "trap: %s in %s at wasm offset 0x%x", what, name, site->offset);
  else
    snprintf(err->text, sizeof err->text, "trap: %s in function %u at wasm offset 0x%x", what, site->func_index,
             site->offset);
  return err->status;
}

_Thread_local trap_trace trap_trace_tls;

void trap_trace_begin(void)
{
  trap_trace_tls.live = true;
  trap_trace_tls.cut = false;
  trap_trace_tls.n = 0;
}

void trap_trace_cut(void) { trap_trace_tls.cut = true; }

bool trap_trace_push(struct wlab_instance *inst, const struct wlab_module *m, uint32_t func_index,
                     uint32_t module_offset)
{
  trap_trace *tr = &trap_trace_tls;
  wlab_frame *fr;
  if (!trap_trace_open())
    return false;
  if (!m && inst)
    m = inst->module;
  fr = &tr->frames[tr->n++];
  fr->instance = inst;
  fr->func_index = func_index;
  fr->module_offset = module_offset;
  fr->func_offset = WLAB_NONE;
  if (m && module_offset != WLAB_NONE && func_index < m->nfuncs && !m->funcs[func_index].imported &&
      module_offset >= m->funcs[func_index].body_offset)
    fr->func_offset = module_offset - m->funcs[func_index].body_offset;
  return tr->n < WLAB_MAX_FRAMES;
}

_Thread_local trap_landing *trap_current_landing;

static struct sigaction previous_segv WLAB_STARTUP_DATA, previous_bus WLAB_STARTUP_DATA;

static void on_fault(int sig, siginfo_t *info, void *uctx)
{
  trap_landing *landing = trap_current_landing;
  if (landing && memory_owns_fault(info->si_addr)) {
#if defined(__x86_64__) && defined(__linux__)
    landing->fault_pc = (uintptr_t)((ucontext_t *)uctx)->uc_mcontext.gregs[REG_RIP];
    if (landing->trace)
      landing->trace(landing, landing->fault_pc, (uintptr_t)((ucontext_t *)uctx)->uc_mcontext.gregs[REG_RSP],
                     (uintptr_t)((ucontext_t *)uctx)->uc_mcontext.gregs[REG_R13]);
#endif
    siglongjmp(landing->jmp, 1);
  }
  /* not ours: behave as if we were never installed */
  struct sigaction *prev = sig == SIGSEGV ? &previous_segv : &previous_bus;
  if (prev->sa_flags & SA_SIGINFO && prev->sa_sigaction) {
    prev->sa_sigaction(sig, info, uctx);
    return;
  }
  if (prev->sa_handler != SIG_DFL && prev->sa_handler != SIG_IGN && prev->sa_handler) {
    prev->sa_handler(sig);
    return;
  }
  signal(sig, SIG_DFL);
  raise(sig);
}

void trap_install_handler(void)
{
  static int installed WLAB_STARTUP_DATA;
  struct sigaction sa;
  if (__atomic_exchange_n(&installed, 1, __ATOMIC_SEQ_CST))
    return;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_fault;
  /* SA_NODEFER: we leave the handler by siglongjmp, and the next fault must be caught too */
  sa.sa_flags = SA_SIGINFO | SA_NODEFER | SA_ONSTACK;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGSEGV, &sa, &previous_segv);
  sigaction(SIGBUS, &sa, &previous_bus);
}
