/* ir.c: IR op names and the readable listing printed by `wasmlab dump --ir`. */
#include "ir.h"

#include <inttypes.h>
#include <string.h>

#include "module.h"

static const char *const names[IR_OP_COUNT] = {
#define WOP(id, prefix, code, text, imm, r, p1, p2, p3, align, lanes) [IR_##id] = text,
#include "wasm_ops.def"
#undef WOP
#define IROP(id, text, fields) [IR_##id] = text,
#include "ir_ops.def"
#undef IROP
};

const char *ir_op_name(ir_op op)
{
  return op < IR_OP_COUNT ? names[op] : "?";
}

static void print_operand(FILE *out, const ir_func *f, uint32_t x)
{
  if (IR_IS_CONST(x)) {
    uint32_t i = IR_CONST_INDEX(x);
    if (i < f->nconsts)
      fprintf(out, "#0x%" PRIx64, f->consts[i]);
    else
      fprintf(out, "#?");
  } else {
    fprintf(out, "s%u", x);
  }
}

static void print_target(FILE *out, uint32_t t) { fprintf(out, "@%u", t); }

static const char *vt(uint32_t t) { return wlab_valtype_name((wlab_valtype)t); }

/* One instruction.  Field use per op follows docs/ir.md. */
void ir_dump_inst(FILE *out, const wlab_module *m, const ir_func *f, uint32_t i)
{
  const ir_inst *in = &f->insts[i];
  const ir_op op = (ir_op)in->op;
  const char *name = ir_op_name(op);
  fprintf(out, "  %4u  0x%06x  ", i, f->wasm_offsets[i]);
  switch (op) {
  case IR_COPY:
    fprintf(out, "copy.%s s%u, ", vt(in->aux), in->r);
    print_operand(out, f, in->a);
    break;
  case IR_BR:
    fprintf(out, "br ");
    print_target(out, in->a);
    break;
  case IR_BR_IF:
  case IR_BR_UNLESS:
    fprintf(out, "%s ", name);
    print_operand(out, f, in->a);
    fprintf(out, ", ");
    print_target(out, in->b);
    break;
  case IR_BR_TABLE:
    fprintf(out, "br_table ");
    print_operand(out, f, in->a);
    fprintf(out, ", [");
    for (uint32_t k = 0; k < in->c; k++)
      fprintf(out, "%s@%u", k ? " " : "", f->br_tables[in->b + k]);
    fprintf(out, "]");
    break;
  case IR_LOOP_HEAD:
    fprintf(out, "loop_head L%u", in->a);
    break;
  case IR_RETURN:
    fprintf(out, "return s%u, %u slots", in->a, in->b);
    break;
  case IR_MOVE:
    fprintf(out, "move s%u, s%u, %u slots (type %u %s)", in->r, in->a, in->b, in->c, in->aux ? "params" : "results");
    break;
  case IR_UNREACHABLE:
    fprintf(out, "unreachable");
    break;
  case IR_CALL:
  case IR_RETURN_CALL: {
    const char *callee = in->a < m->nfuncs ? m->funcs[in->a].name : NULL;
    fprintf(out, "%s f%u%s%s%s, args at s%u", name, in->a, callee ? " <" : "", callee ? callee : "",
            callee ? ">" : "", in->r);
    break;
  }
  case IR_CALL_INDIRECT:
  case IR_RETURN_CALL_INDIRECT:
    fprintf(out, "%s table%u[", name, in->aux);
    print_operand(out, f, in->a);
    fprintf(out, "] type%u, args at s%u", in->b, in->r);
    break;
  case IR_GLOBAL_GET:
    fprintf(out, "global.get.%s s%u, g%u", vt(in->aux), in->r, in->a);
    break;
  case IR_GLOBAL_SET:
    fprintf(out, "global.set.%s g%u, ", vt(in->aux), in->a);
    print_operand(out, f, in->b);
    break;
  case IR_SELECT:
  case IR_SELECT128:
    fprintf(out, "%s s%u, ", name, in->r);
    print_operand(out, f, in->a);
    fprintf(out, ", ");
    print_operand(out, f, in->b);
    fprintf(out, ", ");
    print_operand(out, f, in->c);
    break;
  case IR_MEMORY_SIZE:
  case IR_TABLE_SIZE:
    fprintf(out, "%s s%u", name, in->r);
    if (op == IR_TABLE_SIZE)
      fprintf(out, ", table%u", in->aux);
    break;
  case IR_MEMORY_INIT:
  case IR_TABLE_INIT:
  case IR_TABLE_COPY:
    fprintf(out, "%s ", name);
    print_operand(out, f, in->a);
    fprintf(out, ", ");
    print_operand(out, f, in->b);
    fprintf(out, ", ");
    print_operand(out, f, in->c);
    if (op == IR_MEMORY_INIT)
      fprintf(out, ", data%u", in->r);
    else if (op == IR_TABLE_INIT)
      fprintf(out, ", elem%u -> table%u", in->r, in->aux);
    else
      fprintf(out, ", table%u -> table%u", in->r, in->aux);
    break;
  case IR_DATA_DROP:
  case IR_ELEM_DROP:
    fprintf(out, "%s %u", name, in->a);
    break;
  case IR_REF_FUNC:
    fprintf(out, "ref.func s%u, f%u", in->r, in->a);
    break;
  default: {
    const wasm_opinfo *o = &opcodes_info[op];
    int nsrc = o->nparams;
    uint32_t src[3] = {in->a, in->b, in->c};
    bool first = true;
    fprintf(out, "%s ", name);
    if (o->result != OPT_NONE && o->result != OPT_SPECIAL) {
      fprintf(out, "s%u", in->r);
      first = false;
    }
    if (o->result == OPT_SPECIAL) {
      /* table.get/set/grow/fill, memory.grow/fill/copy, ref.is_null: r then a, b, c */
      nsrc = (op == IR_TABLE_FILL || op == IR_MEMORY_FILL || op == IR_MEMORY_COPY) ? 3
             : (op == IR_TABLE_SET || op == IR_TABLE_GROW) ? 2 : 1;
      if (op == IR_TABLE_GET || op == IR_TABLE_GROW || op == IR_MEMORY_GROW || op == IR_REF_IS_NULL) {
        fprintf(out, "s%u", in->r);
        first = false;
      }
    }
    for (int k = 0; k < nsrc; k++) {
      fprintf(out, first ? "" : ", ");
      print_operand(out, f, src[k]);
      first = false;
    }
    if (o->imm == IMM_MEMARG) {
      uint32_t off = o->result != OPT_NONE ? in->b : in->c;
      fprintf(out, " offset=%u", off);
    } else if (o->imm == IMM_MEMARG_LANE) {
      fprintf(out, " offset=%u lane=%u", in->c, in->aux);
    } else if (o->imm == IMM_LANE) {
      fprintf(out, " lane=%u", in->aux);
    } else if (op == IR_I8X16_SHUFFLE) {
      uint32_t k = IR_CONST_INDEX(in->c);
      fprintf(out, " lanes=0x%016" PRIx64 "%016" PRIx64, f->consts[k + 1], f->consts[k]);
    }
    if (o->result == OPT_SPECIAL && (op == IR_TABLE_GET || op == IR_TABLE_SET || op == IR_TABLE_GROW ||
                                     op == IR_TABLE_FILL))
      fprintf(out, " table%u", in->aux);
    break;
  }
  }
  fputc('\n', out);
}

bool ir_dump_head(FILE *out, const wlab_module *m, uint32_t index)
{
  const func *fn = &m->funcs[index];
  const functype *ft = &m->types[fn->type_index];
  const ir_func *f = fn->ir;
  fprintf(out, "func %u", index);
  if (fn->name)
    fprintf(out, " <%s>", fn->name);
  fprintf(out, " (");
  for (uint32_t i = 0; i < ft->nparams; i++)
    fprintf(out, "%s%s", i ? " " : "", vt(ft->params[i]));
  fprintf(out, ") -> (");
  for (uint32_t i = 0; i < ft->nresults; i++)
    fprintf(out, "%s%s", i ? " " : "", vt(ft->results[i]));
  fprintf(out, ")");
  if (fn->imported || !f) {
    fprintf(out, " imported\n");
    return false;
  }
  fprintf(out, "  ; %u wasm bytes at 0x%x, %u IR ops, %u slots, %u loops\n", f->code_size, f->code_offset,
          f->ninsts, f->max_slots, f->nloops);
  fprintf(out, "  locals:");
  for (uint32_t i = 0; i < f->nlocals; i++)
    fprintf(out, " s%u:%s%s", f->local_slot[i], vt(f->local_types[i]), i < f->nparams ? "(param)" : "");
  fprintf(out, "%s\n", f->nlocals ? "" : " none");
  return true;
}

void ir_dump_func(FILE *out, const wlab_module *m, uint32_t index)
{
  const ir_func *f = m->funcs[index].ir;
  if (!ir_dump_head(out, m, index))
    return;
  for (uint32_t i = 0; i < f->ninsts; i++)
    ir_dump_inst(out, m, f, i);
}
