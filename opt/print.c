/* print.c: the SSA form's text form (docs/ssa.md), what `wasmlab dump --ssa` prints. */
#include "opt/ssa.h"

#include <inttypes.h>
#include <string.h>

static const char *type_name(uint8_t t)
{
  switch (t) {
  case WLAB_I32: return "i32";
  case WLAB_I64: return "i64";
  case WLAB_F32: return "f32";
  case WLAB_F64: return "f64";
  case WLAB_V128: return "v128";
  case WLAB_FUNCREF: return "funcref";
  case WLAB_EXTERNREF: return "externref";
  default: return "void";
  }
}

static void print_const(FILE *out, const ssa_inst *in)
{
  switch (in->type) {
  case WLAB_I32: fprintf(out, "%" PRId32, (int32_t)(uint32_t)in->imm); break;
  case WLAB_I64: fprintf(out, "%" PRId64, (int64_t)in->imm); break;
  case WLAB_F32: {
    float x;
    uint32_t bits = (uint32_t)in->imm;
    memcpy(&x, &bits, 4);
    fprintf(out, "%g (0x%08" PRIx32 ")", (double)x, bits);
    break;
  }
  case WLAB_F64: {
    double x;
    memcpy(&x, &in->imm, 8);
    fprintf(out, "%g (0x%016" PRIx64 ")", x, in->imm);
    break;
  }
  case WLAB_V128: fprintf(out, "0x%016" PRIx64 "%016" PRIx64, in->imm2, in->imm); break;
  default: fprintf(out, in->imm ? "0x%" PRIx64 : "null", in->imm); break;
  }
}

static void print_edge(ssa_func *f, FILE *out, const ssa_edge *e)
{
  fprintf(out, "b%u", e->block);
  if (!e->nargs)
    return;
  fputc('(', out);
  for (uint32_t k = 0; k < e->nargs; k++)
    fprintf(out, "%sv%u", k ? ", " : "", ssa_edge_args(f, e)[k]);
  fputc(')', out);
}

void ssa_print_inst(ssa_func *f, FILE *out, ssa_id v)
{
  const ssa_inst *in = &f->insts[v];
  const ssa_block *bl = &f->blocks[in->block];
  fprintf(out, "    ");
  if (in->type != SSA_VOID)
    fprintf(out, "v%u:%s = ", v, type_name(in->type));
  fprintf(out, "%s", ssa_op_name(in->op));
  if (in->op == SSA_CONST) {
    fputc(' ', out);
    print_const(out, in);
    fputc('\n', out);
    return;
  }
  const ssa_id *as = ssa_args(f, (ssa_id)v);
  switch (in->op) {
  case IR_CALL: case IR_RETURN_CALL:
    fprintf(out, " f%" PRIu64, in->imm);
    if (f->m->funcs[in->imm].name)
      fprintf(out, " <%s>", f->m->funcs[in->imm].name);
    break;
  case IR_CALL_INDIRECT: case IR_RETURN_CALL_INDIRECT:
    fprintf(out, " table%u type%" PRIu64, in->aux, in->imm);
    break;
  case IR_GLOBAL_GET: case IR_GLOBAL_SET: fprintf(out, " g%" PRIu64, in->imm); break;
  case IR_REF_FUNC: fprintf(out, " f%" PRIu64, in->imm); break;
  case IR_DATA_DROP: case IR_MEMORY_INIT: fprintf(out, " data%" PRIu64, in->imm); break;
  case IR_ELEM_DROP: fprintf(out, " elem%" PRIu64, in->imm); break;
  case IR_TABLE_INIT: fprintf(out, " elem%" PRIu64 " -> table%u", in->imm, in->aux); break;
  case IR_TABLE_COPY: fprintf(out, " table%" PRIu64 " -> table%u", in->imm, in->aux); break;
  case IR_TABLE_GET: case IR_TABLE_SET: case IR_TABLE_SIZE: case IR_TABLE_GROW: case IR_TABLE_FILL:
    fprintf(out, " table%u", in->aux);
    break;
  case SSA_RESULT: fprintf(out, " %u of", in->aux); break;
  default: break;
  }
  for (uint16_t k = 0; k < in->nargs; k++)
    fprintf(out, "%sv%u", k ? ", " : " ", as[k]);
  if (in->op < WASM_OP_COUNT) {
    const wasm_opinfo *o = &opcodes_info[in->op];
    if (o->imm == IMM_MEMARG)
      fprintf(out, " offset=%" PRIu64, in->imm);
    else if (o->imm == IMM_MEMARG_LANE)
      fprintf(out, " offset=%" PRIu64 " lane=%u", in->imm, in->aux);
    else if (o->imm == IMM_LANE)
      fprintf(out, " lane=%u", in->aux);
    else if (in->op == IR_I8X16_SHUFFLE)
      fprintf(out, " lanes=0x%016" PRIx64 "%016" PRIx64, in->imm2, in->imm);
    if ((in->flags & SSA_F_INDEXED) && (ssa_is_load(in->op) || ssa_is_store(in->op)))
      fprintf(out, " indexed scale=%u", 1u << ssa_access_scale(in));
    if ((in->flags & SSA_F_SCALED) && (ssa_is_load(in->op) || ssa_is_store(in->op)))
      fprintf(out, " scaled=%u", 1u << ssa_access_scale(in));
    if ((in->flags & SSA_F_CHECKED) && (ssa_is_load(in->op) || ssa_is_store(in->op)))
      fprintf(out, " checked");
    if ((in->flags & SSA_F_SAD) && in->op == IR_I16X8_EXTADD_PAIRWISE_I8X16_U)
      fprintf(out, " sad");
  }
  /* the terminator's targets */
  if (in->op == IR_BR && bl->nsuccs == 1) {
    fputc(' ', out);
    print_edge(f, out, &bl->succs[0]);
  } else if (in->op == IR_BR_IF && bl->nsuccs == 2) {
    fprintf(out, ", ");
    print_edge(f, out, &bl->succs[0]);
    fprintf(out, ", ");
    print_edge(f, out, &bl->succs[1]);
  } else if (in->op == IR_BR_TABLE) {
    fprintf(out, " [");
    for (uint32_t k = 0; k < bl->ntable; k++) {
      /* runs of entries to one edge print once, with their count */
      uint32_t run = 1;
      while (k + run < bl->ntable && bl->table[k + run] == bl->table[k])
        run++;
      fprintf(out, "%s", k ? ", " : "");
      if (k + run == bl->ntable)
        fprintf(out, "default ");
      print_edge(f, out, &bl->succs[bl->table[k]]);
      if (run > 1)
        fprintf(out, " x%u", run);
      k += run - 1;
    }
    fputc(']', out);
  }
  const ir_func *origin_ir = f->m->funcs[in->origin].ir;
  if (origin_ir && in->ir < origin_ir->ninsts) {
    fprintf(out, "    ; @0x%x", origin_ir->wasm_offsets[in->ir]);
    if (in->origin != f->func_index)
      fprintf(out, " in f%u", in->origin);
  }
  fputc('\n', out);
}

void ssa_print(ssa_func *f, FILE *out)
{
  const func *fn = &f->m->funcs[f->func_index];
  fprintf(out, "func %u", f->func_index);
  if (fn->name)
    fprintf(out, " <%s>", fn->name);
  fprintf(out, " (");
  for (uint32_t i = 0; i < f->type->nparams; i++)
    fprintf(out, "%s%s", i ? " " : "", type_name((uint8_t)f->type->params[i]));
  fprintf(out, ") -> (");
  for (uint32_t i = 0; i < f->type->nresults; i++)
    fprintf(out, "%s%s", i ? " " : "", type_name((uint8_t)f->type->results[i]));
  uint32_t nblocks = 0, nvalues = 0;
  for (uint32_t i = 0; i < f->nreachable; i++) {
    uint32_t b = f->rpo_order[i];
    nblocks++;
    nvalues += f->blocks[b].nparams;
    for (ssa_id v = f->blocks[b].first; v; v = f->insts[v].next)
      nvalues++;
  }
  fprintf(out, ")  ; %u blocks, %u instructions\n", nblocks, nvalues);
  if (f->osr) /* how much of the loop nest around the entry the version keeps (opt/build.c) */
    fprintf(out, "; OSR version for the loop at IR %u: enclosing loops %u kept as loops, %u flattened%s\n",
            f->osr_loop_ir, f->osr_nest_kept, f->osr_nest_flat, f->osr_nest_flat ? " (over the copy budget)" : "");
  for (uint32_t i = 0; i < f->nreachable; i++) {
    uint32_t b = f->rpo_order[i];
    ssa_print_block(f, out, b);
    for (ssa_id v = f->blocks[b].first; v; v = f->insts[v].next)
      ssa_print_inst(f, out, v);
  }
}

void ssa_print_block(ssa_func *f, FILE *out, uint32_t b)
{
    const ssa_block *bl = &f->blocks[b];
    fprintf(out, "  b%u", b);
    if (bl->nparams) {
      fputc('(', out);
      for (uint32_t k = 0; k < bl->nparams; k++) {
        ssa_id p = ssa_params(f, b)[k];
        fprintf(out, "%sv%u:%s", k ? ", " : "", p, type_name(f->insts[p].type));
      }
      fputc(')', out);
    }
    fprintf(out, ":");
    /* what the analyses say about the block, as a comment */
    fprintf(out, "    ;");
    if (b == f->entry)
      fprintf(out, " entry");
    else {
      fprintf(out, " preds");
      for (uint32_t p = 0; p < bl->npreds; p++)
        fprintf(out, " b%u", bl->preds[p].block);
      fprintf(out, ", idom b%u", bl->idom);
    }
    if (bl->is_loop_header)
      fprintf(out, ", loop header");
    if (bl->loop_depth)
      fprintf(out, ", depth %u", bl->loop_depth);
    if (bl->loop_ir_number != SSA_NO_LOOP)
      fprintf(out, ", IR loop %u", bl->loop_ir_number);
    fputc('\n', out);
}
