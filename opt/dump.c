/* dump.c: `wasmlab dump --asm --tier opt`: each SSA instruction of the optimised form with where its result lives and the machine code it became. */
#include "opt/opt.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "opt/emit.h"
#include "x64/jitrt.h"

#ifdef WLAB_HAVE_CAPSTONE
#include "x64/disasm.h"
#endif

/*
 * Like the baseline's dump, this compiles without installing anything, in the module's
 * engine's configuration (bounds-check mode, budget checks), and disassembles from the buffer:
 * opt code has no absolute addresses, everything outside the function is reached through r12,
 * r13 or rip.
 */

static const char *const gpr_names[16] = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
                                          "r8",  "r9",  "r10", "r11", "r12", "r13", "r14", "r15"};

static void print_loc(FILE *out, ra_loc l)
{
  if (l.kind == RA_LOC_REG) {
    if (l.cls == RA_GPR)
      fprintf(out, "%s", gpr_names[l.reg & 15]);
    else
      fprintf(out, "xmm%u", l.reg);
  } else if (l.kind == RA_LOC_STACK) {
    fprintf(out, "[rsp+%u]", l.offset);
  } else {
    fprintf(out, "-");
  }
}

#ifdef WLAB_HAVE_CAPSTONE
static void disassemble(FILE *out, const x64_capstone *cap, csh cs, cs_insn *insn, const uint8_t *code, uint32_t from, uint32_t to)
{
  while (from < to) {
    const uint8_t *p = code + from;
    size_t left = to - from;
    uint64_t addr = from;
    if (*p == 0xCC) { /* alignment padding */
      uint32_t n = 0;
      while (from + n < to && code[from + n] == 0xCC)
        n++;
      fprintf(out, "          %04x  int3 x%u\n", from, n);
      from += n;
      continue;
    }
    if (!cap->cs_disasm_iter(cs, &p, &left, &addr, insn)) {
      fprintf(out, "          %04x  (data) %02x\n", from, code[from]);
      from++;
      continue;
    }
    fprintf(out, "          %04x  %s%s%s\n", from, insn->mnemonic, insn->op_str[0] ? " " : "", insn->op_str);
    from += insn->size;
  }
}
#endif

/* Machine code as hex bytes: a build without capstone, or its library not loadable. */
static void hex_dump(FILE *out, const uint8_t *code, uint32_t from, uint32_t to)
{
  for (uint32_t at = from; at < to; at += 16) {
    fprintf(out, "          %04x ", at);
    for (uint32_t k = at; k < to && k < at + 16; k++)
      fprintf(out, " %02x", code[k]);
    fputc('\n', out);
  }
}

/* Calls to the module's other wasm functions are shown direct, as they run when the callee was
 * compiled first (opt/tier.c); the pool holds the callee's index + 1 where the real code's
 * address would be, so a dump is the same on every run. */
static const void *dump_callee_code(const void *ctx, uint32_t index)
{
  const wlab_module *m = ctx;
  return index < m->nfuncs && m->funcs[index].ir ? (const void *)(uintptr_t)(index + 1) : NULL;
}

/* One function (or its OSR version for the loop_head at osr_loop_ir, WLAB_NONE for its own
 * code): compiled, then printed block by block. */
static wlab_status dump_func(const wlab_module *m, uint32_t index, uint32_t osr_loop_ir, opt_mask disabled, FILE *out,
                             wlab_error *err)
{
  const wlab_engine *eng = m->engine;
  bool explicit_bounds = eng && eng->limits.explicit_bounds;
  bool budget = eng && (eng->cfg.fuel || eng->cfg.timeout > 0);
  ssa_func f;
  regalloc ra;
  emitter e;
  x64_buf b;
  wlab_status st = WLAB_OK;
  memset(&ra, 0, sizeof ra);
  memset(&e, 0, sizeof e);
  x64_buf_init(&b);
  if (!ssa_func_init(&f, m, index)) {
    x64_buf_free(&b);
    return error_set(err, WLAB_ERR_NOMEM, NULL, index, NULL, WLAB_NONE, "out of memory");
  }
  opt_trace trace = {NULL, NULL, true, NULL};
  f.explicit_bounds = explicit_bounds;
  f.budget = budget;
  f.osr = osr_loop_ir != WLAB_NONE;
  f.osr_loop_ir = osr_loop_ir;
  if (!opt_optimise(&f, disabled, &trace) || !opt_split_critical_edges(&f) || !ra_allocate(&ra, &f, opt_isel_info) ||
      !ra_verify(&ra) || !ra_check(&ra)) {
    st = error_set(err, WLAB_ERR_UNSUPPORTED, NULL, index, NULL, WLAB_NONE, "function %u: %s", index, f.error);
    goto out;
  }
  e.f = &f;
  e.ra = &ra;
  e.b = &b;
  e.m = m;
  e.explicit_bounds = explicit_bounds;
  e.budget = budget;
  e.callee_code = dump_callee_code;
  e.callee_ctx = m;
  e.pc_of = calloc(f.ninsts, sizeof *e.pc_of);
  e.block_pc = calloc(f.nblocks, sizeof *e.block_pc);
  if (!e.pc_of || !e.block_pc || !opt_emit_function(&e) || !x64_buf_ok(&b)) {
    st = error_set(err, WLAB_ERR_UNSUPPORTED, NULL, index, NULL, WLAB_NONE, "function %u: emitting: %s", index,
                   e.error[0] ? e.error : "out of memory");
    goto out;
  }
  {
    const uint8_t *code = b.code + e.start;
    uint32_t size = (uint32_t)(b.len - e.start);
    fprintf(out, "func %u", index);
    if (m->funcs[index].name)
      fprintf(out, " <%s>", m->funcs[index].name);
    if (f.osr)
      fprintf(out, ": OSR entry for the loop at IR %u (wasm 0x%x), enclosing loops %u kept as loops, %u flattened",
              osr_loop_ir, f.ir->wasm_offsets[osr_loop_ir], f.osr_nest_kept, f.osr_nest_flat);
    fprintf(out, "  ; opt: %u bytes of machine code, %u in the body; %u blocks; %u spill bytes, %u split%s; %s\n", size,
            e.body_end, f.nreachable, ra.spill_bytes, ra.nsplits, ra.nsplits == 1 ? "" : "s",
            explicit_bounds ? "explicit bounds checks" : "guard-page memory");
#ifdef WLAB_HAVE_CAPSTONE
    csh cs;
    cs_insn *insn = NULL;
    const x64_capstone *cap = x64_capstone_get(NULL);
    bool cs_ready = cap && cap->cs_open(CS_ARCH_X86, CS_MODE_64, &cs) == CS_ERR_OK;
    bool cs_ok = cs_ready && (insn = cap->cs_malloc(cs));
#define DISASM(from, to)                                                                                    \
  do {                                                                                                    \
    if (cs_ok)                                                                                            \
      disassemble(out, cap, cs, insn, code, (from), (to));                                                \
    else                                                                                                  \
      hex_dump(out, code, (from), (to));                                                                  \
  } while (0)
#else
#define DISASM(from, to) hex_dump(out, code, (from), (to))
#endif
    uint32_t first_block = ra.order[0];
    fprintf(out, "  ; prologue\n");
    DISASM(0, e.block_pc[first_block]);
    for (uint32_t i = 0; i < ra.norder; i++) {
      uint32_t bi = ra.order[i];
      ssa_print_block(&f, out, bi);
      uint32_t block_end = i + 1 < ra.norder ? e.block_pc[ra.order[i + 1]] : e.body_end;
      uint32_t at = e.block_pc[bi];
      for (ssa_id v = f.blocks[bi].first; v; v = f.insts[v].next) {
        uint32_t start = e.pc_of[v];
        DISASM(at, start); /* the block's incoming moves, before its first instruction */
        ssa_print_inst(&f, out, v);
        if (f.insts[v].type != SSA_VOID && f.insts[v].op != SSA_CONST) {
          fprintf(out, "          ; v%u in ", v);
          print_loc(out, ra_where(&ra, v, ra.pos[v] + 2));
          fputc('\n', out);
        }
        uint32_t next = f.insts[v].next ? e.pc_of[f.insts[v].next] : block_end;
        DISASM(start, next);
        at = next;
      }
    }
    fprintf(out, "  ; out of line: stubs, constants, helper data\n");
    DISASM(e.body_end, size);
#ifdef WLAB_HAVE_CAPSTONE
    if (insn)
      cap->cs_free(insn, 1);
    if (cs_ready)
      cap->cs_close(&cs);
#endif
#undef DISASM
  }
out:
  opt_emit_free(&e);
  ra_free(&ra);
  ssa_func_free(&f);
  x64_buf_free(&b);
  return st;
}

wlab_status opt_dump_asm(const wlab_module *m, uint32_t func, FILE *out, wlab_error *err)
{
  opt_mask disabled = 0;
  char why[200];
  if (m->engine && !opt_parse_disable(m->engine->opt_disable, &disabled, why, sizeof why))
    return error_set(err, WLAB_ERR_ARGUMENT, NULL, WLAB_NONE, NULL, WLAB_NONE, "--opt-disable: %s", why);
  if (func != WLAB_NONE && func >= m->nfuncs)
    return error_set(err, WLAB_ERR_ARGUMENT, NULL, WLAB_NONE, NULL, WLAB_NONE, "no function %u (the module has %u)",
                     func, m->nfuncs);
  if (!jitrt_tramps())
    return error_set(err, WLAB_ERR_NOMEM, NULL, WLAB_NONE, NULL, WLAB_NONE, "out of memory");
  for (uint32_t i = 0; i < m->nfuncs; i++) {
    if (func != WLAB_NONE ? i != func : m->funcs[i].imported)
      continue;
    if (!m->funcs[i].ir) {
      fprintf(out, "func %u: imported\n", i);
      continue;
    }
    wlab_status st = dump_func(m, i, WLAB_NONE, disabled, out, err);
    /* each loop's OSR version after the function (dump --osr-entries) */
    for (uint32_t j = 0; st == WLAB_OK && m->engine && m->engine->cfg.dump_osr_entries && j < m->funcs[i].ir->ninsts; j++)
      if (m->funcs[i].ir->insts[j].op == IR_LOOP_HEAD) {
        fputc('\n', out);
        st = dump_func(m, i, j, disabled, out, err);
      }
    if (st != WLAB_OK)
      return st;
    if (func == WLAB_NONE)
      fputc('\n', out);
  }
  return WLAB_OK;
}
