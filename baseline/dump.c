/* dump.c: `wasmlab dump --asm`: each function's baseline machine code under the IR line that produced it. */
#include "baseline/baseline.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/instance.h"
#include "core/trap.h"

#ifdef WLAB_HAVE_CAPSTONE
#include "x64/disasm.h"
#endif

/*
 * The dump compiles with its own compiler state and buffer and never installs anything: it
 * shows the code the tier would install for this module in this engine (bounds-check mode and
 * budget checks from the engine's configuration), without an instance.  The code is read from
 * the buffer, so absolute addresses in it would be meaningless - but baseline code has none:
 * everything outside the function is reached through r12 (thread), r13 (vmctx) or rip.
 */

#define CODE_COL 10   /* indentation of machine-code lines: under the IR line's op column */
#define BYTES_COL 30  /* room for 10 bytes of hex before the instruction text */
#define TEXT_COL 40   /* width of the instruction text before an annotation */
#define PROLOGUE UINT32_MAX
#define OUT_OF_LINE (UINT32_MAX - 1)

typedef struct dumper {
  FILE *out;
  const wlab_module *m;
  const bl_comp *c;
  const uint8_t *code;     /* the function's first byte in the buffer */
  size_t at;               /* ... and its offset there (label positions are the buffer's) */
  uint32_t size;           /* bytes of code, out-of-line part included */
  uint32_t body_end;       /* pc_of[ninsts]: where the out-of-line part starts */
  uint32_t *stub_at;       /* [nstubs] each stub's offset (UINT32_MAX: not bound) */
  uint32_t pool_at;        /* the constant pool's offset, or size when there is none */
  uint8_t *from_prologue;  /* [nstubs] the prologue jumps to it (its IR is only nominal) */
  uint32_t owner;          /* the IR instruction whose code is being printed; PROLOGUE, OUT_OF_LINE */
#ifdef WLAB_HAVE_CAPSTONE
  const x64_capstone *cap; /* capstone's functions, NULL: its library could not be loaded */
  csh cs;
  bool cs_ready;           /* cs is a handle to close */
  cs_insn *insn;           /* NULL: capstone could not start, print hex */
#endif
} dumper;

static const char *stub_kind_text(const bl_stub *s)
{
  switch ((bl_stub_kind)s->kind) {
  case STUB_TRAP: return "trap stub";
  case STUB_TRAP_EAX: return "trap stub for a helper's trap (kind in eax)";
  case STUB_CALL_SLOW: return "slow-call stub (the callee has no machine code yet)";
  case STUB_BUDGET: return "budget stub (fuel or deadline: refill or trap)";
  case STUB_HOT: return "hotness stub (the tier manager; at a loop: stay, or leave for a higher tier's OSR entry)";
  }
  return "stub";
}

/* n bytes in hex, padded to `width` columns. */
static void print_bytes(FILE *out, const uint8_t *p, size_t n, int width)
{
  int w = 0;
  for (size_t i = 0; i < n; i++)
    w += fprintf(out, "%s%02x", i ? " " : "", p[i]);
  fprintf(out, "%*s", w < width ? width - w : 0, "");
}

#ifdef WLAB_HAVE_CAPSTONE
/* ---- annotations: what the disassembled code refers to (needs capstone's operands) ---------- */

static const char *const helper_names[JITRT_H_COUNT] = {
#define BL_NAME(id, fn, what) #id,
  JITRT_HELPERS(BL_NAME)
#undef BL_NAME
};

static const struct {
  size_t off;
  const char *name;
} thread_fields[] = {
  {offsetof(jitrt_thread, native_limit), "native_limit"},
  {offsetof(jitrt_thread, vstack_end), "vstack_end"},
  {offsetof(jitrt_thread, entry_rsp), "entry_rsp"},
  {offsetof(jitrt_thread, budget), "budget"},
  {offsetof(jitrt_thread, trap_kind), "trap_kind"},
  {offsetof(jitrt_thread, trap_pc), "trap_pc"},
  {offsetof(jitrt_thread, thread), "thread"},
  {offsetof(jitrt_thread, call_func), "call_func"},
};

/* Appends "text" to an annotation being built in buf (", "-separated). */
static void note(char *buf, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void note(char *buf, size_t cap, const char *fmt, ...)
{
  size_t n = strlen(buf);
  va_list ap;
  if (n + 3 >= cap)
    return;
  if (n) {
    memcpy(buf + n, ", ", 3);
    n += 2;
  }
  va_start(ap, fmt);
  vsnprintf(buf + n, cap - n, fmt, ap);
  va_end(ap);
}

/* What lives at function offset `to` when code jumps or points there. */
static void note_target(dumper *d, char *buf, size_t cap, uint64_t to)
{
  const bl_comp *c = d->c;
  const ir_func *ir = c->ir;
  if (to < d->body_end || (to == d->body_end && c->target[ir->ninsts])) {
    for (uint32_t k = 0; k <= ir->ninsts; k++)
      if (c->target[k] && c->pc_of[k] == to) {
        note(buf, cap, k == ir->ninsts ? "@%u (the end)" : "@%u", k);
        return;
      }
    /* a label inside one instruction's code: worth naming only from a stub resuming there */
    for (uint32_t k = ir->ninsts; d->owner == OUT_OF_LINE && k-- > 0;)
      if (c->pc_of[k] <= to) {
        note(buf, cap, "back into IR %u", k);
        return;
      }
    return;
  }
  for (uint32_t i = 0; i < c->nstubs; i++)
    if (d->stub_at[i] == to) {
      const bl_stub *s = &c->stubs[i];
      if (d->owner == PROLOGUE)
        d->from_prologue[i] = 1;
      static const char *const short_names[] = {[STUB_TRAP] = "trap", [STUB_TRAP_EAX] = "trap if eax",
                                                 [STUB_CALL_SLOW] = "slow call", [STUB_BUDGET] = "budget",
                                                 [STUB_HOT] = "hotness"};
      if (s->kind == STUB_TRAP)
        note(buf, cap, "-> trap: %s", trap_text((trap_kind)s->trap));
      else
        note(buf, cap, "-> %s stub", s->kind <= STUB_HOT ? short_names[s->kind] : "?");
      return;
    }
  for (uint32_t i = 0; i < c->npool; i++)
    if (d->pool_at + 16 * i == to) {
      note(buf, cap, "const 0x%016" PRIx64 "%016" PRIx64, c->pool[i].hi, c->pool[i].lo);
      return;
    }
}

/* Names a memory operand through one of the pinned registers (docs/abi.md roles). */
static void note_mem(dumper *d, char *buf, size_t cap, const cs_x86_op *op, uint64_t next_pc, bool lea)
{
  const x86_op_mem *mem = &op->mem;
  const wlab_module *m = d->m;
  int64_t disp = mem->disp;
  if (mem->base == X86_REG_RIP) {
    uint64_t to = (uint64_t)((int64_t)next_pc + disp);
    size_t had = strlen(buf);
    note_target(d, buf, cap, to);
    if (strlen(buf) == had) /* a label inside the code, such as a br_table's jump table */
      note(buf, cap, "-> %04" PRIx64, to);
    return;
  }
  if (mem->index != X86_REG_INVALID || disp < 0)
    return;
  if (mem->base == X86_REG_R15) { /* the frame: 8-byte slots */
    if (disp % IR_SLOT_BYTES)
      note(buf, cap, "%ss%" PRId64 "+%" PRId64, lea ? "&" : "", disp / IR_SLOT_BYTES, disp % IR_SLOT_BYTES);
    else
      note(buf, cap, "%ss%" PRId64, lea ? "&" : "", disp / IR_SLOT_BYTES);
  } else if (mem->base == X86_REG_R12) { /* the thread context */
    size_t helpers = offsetof(jitrt_thread, helpers);
    if ((size_t)disp >= helpers && (size_t)disp < helpers + 8 * JITRT_H_COUNT && (disp - helpers) % 8 == 0) {
      note(buf, cap, "helper %s", helper_names[(disp - helpers) / 8]);
      return;
    }
    for (size_t i = 0; i < sizeof thread_fields / sizeof *thread_fields; i++)
      if (thread_fields[i].off == (size_t)disp)
        note(buf, cap, "thread %s", thread_fields[i].name);
  } else if (mem->base == X86_REG_R13) { /* the instance context (core/instance.h) */
    uint32_t off = (uint32_t)disp;
    if (off == offsetof(vmctx, mem))
      note(buf, cap, "vmctx memory");
    else if (off == offsetof(vmctx, inst))
      note(buf, cap, "vmctx instance");
    else if (off >= vmctx_funcs(m) && off < vmctx_globals(m) && (off - vmctx_funcs(m)) % 8 == 0)
      note(buf, cap, "vmctx f%u", (off - vmctx_funcs(m)) / 8);
    else if (off >= vmctx_globals(m) && off < vmctx_tables(m) && (off - vmctx_globals(m)) % 8 == 0)
      note(buf, cap, "vmctx g%u", (off - vmctx_globals(m)) / 8);
    else if (off >= vmctx_tables(m) && off < vmctx_sigs(m) && (off - vmctx_tables(m)) % 8 == 0)
      note(buf, cap, "vmctx table%u", (off - vmctx_tables(m)) / 8);
    else if (off >= vmctx_sigs(m) && off < vmctx_sigs(m) + 4 * m->ntypes && (off - vmctx_sigs(m)) % 4 == 0)
      note(buf, cap, "vmctx signature id of type%u", (off - vmctx_sigs(m)) / 4);
    else if (off >= vmctx_hot_at(m) && off < vmctx_size(m) && (off - vmctx_hot_at(m)) % sizeof(vmctx_hot) == 0)
      note(buf, cap, "vmctx hotness count of f%u", (unsigned)((off - vmctx_hot_at(m)) / sizeof(vmctx_hot)));
  }
}
/* ---- printing disassembled code -------------------------------------------------------------- */

static void print_line(dumper *d, uint32_t at, size_t n, const char *text, const char *annotation)
{
  fprintf(d->out, "%*s%04x  ", CODE_COL, "", at);
  print_bytes(d->out, d->code + at, n, BYTES_COL);
  if (annotation && *annotation)
    fprintf(d->out, "  %-*s ; %s\n", TEXT_COL, text, annotation);
  else
    fprintf(d->out, "  %s\n", text);
}

/* The trap sites (bl_site) whose return address is `end`: what a trap there reports. */
static void note_sites(const dumper *d, char *buf, size_t cap, uint32_t end)
{
  const bl_comp *c = d->c;
  for (uint32_t i = 0; i < c->nsites; i++)
    if (c->sites[i].pc == end && c->sites[i].ir < c->ir->ninsts)
      note(buf, cap, "trap site: IR %u, wasm 0x%x", c->sites[i].ir, c->ir->wasm_offsets[c->sites[i].ir]);
}

/* Runs of int3 are alignment padding (x64_align): one line for a run. */
static uint32_t print_padding(dumper *d, uint32_t at, uint32_t end)
{
  uint32_t n = 0;
  while (at + n < end && d->code[at + n] == 0xCC)
    n++;
  char text[64];
  snprintf(text, sizeof text, "int3 x%u", n);
  fprintf(d->out, "%*s%04x  ", CODE_COL, "", at);
  print_bytes(d->out, d->code + at, n < 4 ? n : 4, BYTES_COL);
  fprintf(d->out, "  %-*s ; padding, never executed\n", TEXT_COL, text);
  return n;
}

#endif /* WLAB_HAVE_CAPSTONE */

/* ---- printing code: disassembled, or as hex without capstone ---------------------------------- */

/* Disassembles code [from, to) of the function, one instruction per line. */
static void print_code(dumper *d, uint32_t from, uint32_t to)
{
  if (to > d->size)
    to = d->size;
#ifdef WLAB_HAVE_CAPSTONE
  if (d->insn) {
    uint32_t at = from;
    while (at < to) {
      const uint8_t *p = d->code + at;
      size_t left = to - at;
      uint64_t addr = at;
      char text[256], annotation[256] = "";
      if (*p == 0xCC) {
        at += print_padding(d, at, to);
        continue;
      }
      if (!d->cap->cs_disasm_iter(d->cs, &p, &left, &addr, d->insn)) {
        print_line(d, at, 1, "(bad)", "capstone cannot decode this byte");
        at++;
        continue;
      }
      const cs_insn *in = d->insn;
      const cs_x86 *x = &in->detail->x86;
      uint64_t next = in->address + in->size;
      bool branch = d->cap->cs_insn_group(d->cs, in, CS_GRP_JUMP) || d->cap->cs_insn_group(d->cs, in, CS_GRP_CALL);
      for (uint8_t k = 0; k < x->op_count; k++) {
        if (x->operands[k].type == X86_OP_MEM)
          note_mem(d, annotation, sizeof annotation, &x->operands[k], next, in->id == X86_INS_LEA);
        else if (x->operands[k].type == X86_OP_IMM && branch)
          note_target(d, annotation, sizeof annotation, (uint64_t)x->operands[k].imm);
      }
      if (d->cap->cs_insn_group(d->cs, in, CS_GRP_CALL))
        note_sites(d, annotation, sizeof annotation, (uint32_t)next);
      snprintf(text, sizeof text, "%s%s%s", in->mnemonic, in->op_str[0] ? " " : "", in->op_str);
      print_line(d, at, in->size, text, annotation);
      at = (uint32_t)next;
    }
    return;
  }
#endif
  for (uint32_t at = from; at < to; at += 16) {
    uint32_t n = to - at < 16 ? to - at : 16;
    fprintf(d->out, "%*s%04x  ", CODE_COL, "", at);
    print_bytes(d->out, d->code + at, n, 0);
    fputc('\n', d->out);
  }
}

static void print_pool(dumper *d)
{
  const bl_comp *c = d->c;
  if (d->pool_at > d->size || !c->npool)
    return;
  fprintf(d->out, "  ; constant pool: %u 16-byte constant%s (SSE masks and operands, read rip-relative)\n", c->npool,
          c->npool == 1 ? "" : "s");
  for (uint32_t i = 0; i < c->npool && d->pool_at + 16 * (i + 1) <= d->size; i++) {
    uint32_t at = d->pool_at + 16 * i;
    fprintf(d->out, "%*s%04x  ", CODE_COL, "", at);
    print_bytes(d->out, d->code + at, 16, 0);
    fprintf(d->out, "  ; 0x%016" PRIx64 "%016" PRIx64 "\n", c->pool[i].hi, c->pool[i].lo);
  }
}

/* The out-of-line part: what follows the last instruction's code. */
static void print_out_of_line(dumper *d)
{
  const bl_comp *c = d->c;
  const ir_func *ir = c->ir;
  uint32_t at = d->body_end, end = d->pool_at, first_stub = end;
  fprintf(d->out, "  ; out of line\n");
  d->owner = OUT_OF_LINE;
  for (uint32_t k = 0; k < c->nstubs; k++)
    if (d->stub_at[k] != UINT32_MAX) {
      first_stub = d->stub_at[k];
      break;
    }
  /* under the tier manager: the OSR entries, one per looping header, before the stubs */
  for (uint32_t k = 0; k < c->nosr; k++) {
    uint32_t from = c->osr_sites[k].pc, to = k + 1 < c->nosr ? c->osr_sites[k + 1].pc : first_stub;
    uint32_t loop = c->osr_sites[k].ir;
    if (from > at) {
      if (k == 0 && c->target[ir->ninsts])
        fprintf(d->out, "  ; the end of the body (a branch target): the unreachable trap\n");
      print_code(d, at, from);
    }
    fprintf(d->out, "  ; OSR entry for the loop at IR %u (wasm 0x%x): the prologue's frame, pinned locals "
            "from their slots, then a jump to the loop\n", loop, ir->wasm_offsets[loop]);
    print_code(d, from, to);
    at = to;
  }
  /* stubs are emitted in the order they were made, each at its own label */
  for (uint32_t i = 0; i <= c->nstubs; i++) {
    uint32_t next = end;
    for (uint32_t k = i; k < c->nstubs; k++)
      if (d->stub_at[k] != UINT32_MAX) {
        next = d->stub_at[k];
        break;
      }
    if (next > at) {
      if (i == 0) /* code before the first stub: the end of the body is a branch target */
        fprintf(d->out, "  ; the end of the body (a branch target): the unreachable trap\n");
      print_code(d, at, next);
      at = next;
    }
    if (i == c->nstubs || d->stub_at[i] == UINT32_MAX)
      continue;
    const bl_stub *s = &c->stubs[i];
    fprintf(d->out, "  ; %s", stub_kind_text(s));
    if (s->kind == STUB_TRAP)
      fprintf(d->out, ": %s", trap_text((trap_kind)s->trap));
    if (d->from_prologue[i] && s->ir < ir->ninsts)
      fprintf(d->out, ", for the prologue (its traps report IR %u at wasm 0x%x)", s->ir, ir->wasm_offsets[s->ir]);
    else if (s->ir < ir->ninsts)
      fprintf(d->out, ", for IR %u (%s at wasm 0x%x)", s->ir, ir_op_name((ir_op)ir->insts[s->ir].op),
              ir->wasm_offsets[s->ir]);
    if ((s->kind == STUB_CALL_SLOW || s->kind == STUB_BUDGET || s->kind == STUB_HOT) && x64_label_bound(c->b, s->resume))
      fprintf(d->out, ", resumes at %04zx", x64_label_pos(c->b, s->resume) - d->at);
    fputc('\n', d->out);
  }
  print_pool(d);
}

/* ---- one function ------------------------------------------------------------------------------ */

static wlab_status dump_func(dumper *d, bl_comp *c, uint32_t index, bool explicit_bounds, bool budget,
                             wlab_error *err)
{
  const wlab_module *m = d->m;
  const ir_func *ir = m->funcs[index].ir;
  size_t at = 0;
  if (!ir_dump_head(d->out, m, index))
    return WLAB_OK;
  x64_buf_reset(c->b);
  if (!bl_compile(c, m, index, explicit_bounds, budget, &at)) {
    if (c->fail && strcmp(c->fail, "out of memory") == 0)
      return error_set(err, WLAB_ERR_NOMEM, NULL, index, m->funcs[index].name, WLAB_NONE,
                       "out of memory compiling for the dump");
    fprintf(d->out, "  ; baseline gives up on this function (it stays in the interpreter): %s, at IR %u\n",
            c->fail ? c->fail : "no reason given", c->fail_ir);
    if (c->fail_ir < ir->ninsts)
      ir_dump_inst(d->out, m, ir, c->fail_ir);
    return WLAB_OK;
  }
  d->c = c;
  d->at = at;
  d->code = c->b->code + at;
  d->size = (uint32_t)(x64_here(c->b) - at);
  d->body_end = c->pc_of[ir->ninsts] < d->size ? c->pc_of[ir->ninsts] : d->size;
  d->pool_at = c->npool && x64_label_bound(c->b, c->pool[0].label)
                 ? (uint32_t)(x64_label_pos(c->b, c->pool[0].label) - at) : d->size;
  free(d->stub_at);
  free(d->from_prologue);
  d->stub_at = malloc(((size_t)c->nstubs + 1) * sizeof *d->stub_at);
  d->from_prologue = calloc((size_t)c->nstubs + 1, 1);
  if (!d->stub_at || !d->from_prologue)
    return error_set(err, WLAB_ERR_NOMEM, NULL, index, m->funcs[index].name, WLAB_NONE, "out of memory dumping");
  for (uint32_t i = 0; i < c->nstubs; i++)
    d->stub_at[i] = x64_label_bound(c->b, c->stubs[i].label)
                      ? (uint32_t)(x64_label_pos(c->b, c->stubs[i].label) - at) : UINT32_MAX;
  fprintf(d->out, "  ; baseline: %u bytes of machine code, %u in the body, %u out of line (%u stub%s, %u constant%s)",
          d->size, d->body_end, d->size - d->body_end, c->nstubs, c->nstubs == 1 ? "" : "s", c->npool,
          c->npool == 1 ? "" : "s");
  fprintf(d->out, "; %s%s\n", explicit_bounds ? "explicit bounds checks" : "guard-page memory",
          budget ? ", budget checks (fuel or timeout)" : "");
  fprintf(d->out, "  ; prologue\n");
  /* each IR instruction owns [pc_of[i], pc_of[i+1]); clamped so a stale entry cannot overrun */
  uint32_t from = 0;
  d->owner = PROLOGUE;
  for (uint32_t i = 0; i <= ir->ninsts; i++) {
    uint32_t to = c->pc_of[i];
    if (to < from)
      to = from;
    if (to > d->body_end)
      to = d->body_end;
    print_code(d, from, to);
    from = to;
    d->owner = i;
    if (i < ir->ninsts)
      ir_dump_inst(d->out, m, ir, i);
  }
  print_out_of_line(d);
  return WLAB_OK;
}

wlab_status bl_dump(const wlab_module *m, uint32_t func, bool explicit_bounds, FILE *out, wlab_error *err)
{
  const wlab_engine *e = m->engine;
  bool budget = e && (e->cfg.fuel || e->cfg.timeout > 0); /* as tier.c's budget_of: the code it would make */
  dumper d = {.out = out, .m = m};
  bl_comp c;
  x64_buf b;
  wlab_status st = WLAB_OK;
  if (func != WLAB_NONE && func >= m->nfuncs)
    return error_set(err, WLAB_ERR_ARGUMENT, NULL, WLAB_NONE, NULL, WLAB_NONE, "no function %u (the module has %u)",
                     func, m->nfuncs);
  memset(&c, 0, sizeof c);
  x64_buf_init(&b);
  if (!bl_comp_init(&c)) {
    x64_buf_free(&b);
    return error_set(err, WLAB_ERR_NOMEM, NULL, WLAB_NONE, NULL, WLAB_NONE, "out of memory starting the compiler");
  }
  c.b = &b;
  c.osr = e && e->osr; /* the tier manager's code has OSR entries (docs/tiering.md) */
  c.hot = e && e->counting == &baseline_tier; /* and counts hotness when a rung is above it */
#ifdef WLAB_HAVE_CAPSTONE
  const char *why = NULL;
  if (!(d.cap = x64_capstone_get(&why)))
    fprintf(out, "; %s: machine code as hex bytes\n", why);
  else {
    if ((d.cs_ready = d.cap->cs_open(CS_ARCH_X86, CS_MODE_64, &d.cs) == CS_ERR_OK)) {
      d.cap->cs_option(d.cs, CS_OPT_DETAIL, CS_OPT_ON);
      d.insn = d.cap->cs_malloc(d.cs);
    }
    if (!d.insn)
      fprintf(out, "; capstone could not be started: machine code as hex bytes\n");
  }
#else
  fprintf(out, "; this build has no capstone (install libcapstone-dev and rebuild): machine code as hex bytes\n");
#endif
  for (uint32_t i = 0; i < m->nfuncs && st == WLAB_OK; i++) {
    if (func != WLAB_NONE ? i != func : m->funcs[i].imported)
      continue;
    st = dump_func(&d, &c, i, explicit_bounds, budget, err);
    if (func == WLAB_NONE)
      fputc('\n', out);
  }
#ifdef WLAB_HAVE_CAPSTONE
  if (d.insn)
    d.cap->cs_free(d.insn, 1);
  if (d.cs_ready)
    d.cap->cs_close(&d.cs);
#endif
  free(d.stub_at);
  free(d.from_prologue);
  bl_comp_free(&c);
  x64_buf_free(&b);
  return st;
}

wlab_status bl_dump_tier(const wlab_module *m, uint32_t func, FILE *out, wlab_error *err)
{
  return bl_dump(m, func, m->engine && m->engine->limits.explicit_bounds, out, err);
}
