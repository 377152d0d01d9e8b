/* verify.c: checks the SSA invariants after construction and after every pass, so a pass that breaks them is caught at once, with its name. */
#include "opt/ssa.h"

#include <stdarg.h>
#include <stdlib.h>

/*
 * The invariants (docs/ssa.md):
 *   - every reachable block ends in exactly one terminator, and its edges fit it (br: one,
 *     br_if: two, br_table: its entries index its edges, the rest: none);
 *   - every edge passes as many arguments as its target has parameters, of their types;
 *   - every operand is a live value, not forwarded, whose definition dominates the use
 *     (within a block: comes before it; an edge argument: dominates the edge's source);
 *   - operand types are what the op takes (value ops, by the opcode table).
 */

static bool bad(ssa_func *f, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(f->error, sizeof f->error, fmt, ap);
  va_end(ap);
  return false;
}

/* References of either type share one representation; a parameter made where only "a
 * reference" was known may carry the other name. */
static bool same_type(uint8_t a, uint8_t b)
{
  bool ra = a == WLAB_FUNCREF || a == WLAB_EXTERNREF, rb = b == WLAB_FUNCREF || b == WLAB_EXTERNREF;
  return a == b || (ra && rb);
}

/* Is value d usable at instruction position `pos` of block `b` (pos UINT32_MAX: the end)? */
static bool available(ssa_func *f, const uint32_t *order, ssa_id d, uint32_t b, uint32_t pos)
{
  const ssa_inst *in = &f->insts[d];
  if (in->flags & SSA_F_DEAD)
    return false;
  if (in->block == b)
    return in->op == SSA_PARAM || order[d] < pos;
  return f->blocks[in->block].rpo != SSA_NO_BLOCK && ssa_dominates(f, in->block, b);
}

bool ssa_verify(ssa_func *f)
{
  if (!f->cfg_valid)
    return bad(f, "the CFG analyses are stale");
  uint32_t *order = calloc(f->ninsts ? f->ninsts : 1, sizeof *order);
  if (!order)
    return bad(f, "out of memory verifying");
  bool ok = false;
  for (uint32_t i = 0; i < f->nreachable; i++) {
    uint32_t b = f->rpo_order[i], pos = 0;
    for (ssa_id v = f->blocks[b].first; v; v = f->insts[v].next)
      order[v] = pos++;
  }
  for (uint32_t i = 0; i < f->nreachable; i++) {
    uint32_t b = f->rpo_order[i];
    ssa_block *bl = &f->blocks[b];
    if (bl->dead) {
      bad(f, "b%u is reachable but marked dead", b);
      goto out;
    }
    if (!bl->last) {
      bad(f, "b%u is empty", b);
      goto out;
    }
    for (uint32_t k = 0; k < bl->nparams; k++) {
      ssa_id p = ssa_params(f, b)[k];
      if (f->insts[p].op != SSA_PARAM || f->insts[p].block != b || (f->insts[p].flags & SSA_F_DEAD) ||
          f->insts[p].aux != k) {
        bad(f, "b%u: parameter %u (v%u) is not a live parameter of the block at that position", b, k, p);
        goto out;
      }
    }
    for (ssa_id v = bl->first; v; v = f->insts[v].next) {
      ssa_inst *in = &f->insts[v];
      unsigned e = ssa_op_effects(in->op);
      if (in->block != b || (in->flags & SSA_F_DEAD)) {
        bad(f, "v%u is listed in b%u but says otherwise", v, b);
        goto out;
      }
      if (in->op == SSA_PARAM) {
        bad(f, "v%u: a parameter in an instruction list", v);
        goto out;
      }
      if (((e & SSA_E_TERMINATOR) != 0) != (v == bl->last)) {
        bad(f, "b%u: v%u (%s) %s", b, v, ssa_op_name(in->op),
            v == bl->last ? "ends the block but is no terminator" : "is a terminator before the block's end");
        goto out;
      }
      ssa_id *as = ssa_args(f, v);
      uint16_t n = in->op == SSA_CONST ? 0 : in->nargs;
      for (uint16_t k = 0; k < n; k++) {
        ssa_id a = as[k];
        if (!a || a >= f->ninsts || f->forward[a]) {
          bad(f, "v%u (%s): operand %u is %s", v, ssa_op_name(in->op), k, !a ? "missing" : "a replaced value");
          goto out;
        }
        if (!available(f, order, a, b, order[v])) {
          bad(f, "v%u (%s): operand v%u does not dominate its use", v, ssa_op_name(in->op), a);
          goto out;
        }
        if (f->insts[a].type == SSA_VOID) {
          bad(f, "v%u (%s): operand v%u has no value", v, ssa_op_name(in->op), a);
          goto out;
        }
      }
      if ((in->flags & SSA_F_INDEXED) && (ssa_is_load(in->op) || ssa_is_store(in->op)) &&
          (in->nargs != (ssa_is_load(in->op) ? 2 : 3) || f->insts[as[0]].type != WLAB_I32 ||
           f->insts[as[in->nargs - 1]].type != WLAB_I32)) {
        bad(f, "v%u (%s): an indexed access takes an i32 base and an i32 index", v, ssa_op_name(in->op));
        goto out;
      }
      if ((in->flags & SSA_F_SCALED) && (ssa_is_load(in->op) || ssa_is_store(in->op)) &&
          ((in->flags & SSA_F_INDEXED) || in->nargs != (ssa_is_load(in->op) ? 1 : 2) ||
           f->insts[as[0]].type != WLAB_I32)) {
        bad(f, "v%u (%s): a scaled access takes one i32 address operand", v, ssa_op_name(in->op));
        goto out;
      }
      /* value ops: operand types from the opcode table */
      if (in->op < WASM_OP_COUNT && opcodes_info[in->op].result != OPT_SPECIAL) {
        const wasm_opinfo *o = &opcodes_info[in->op];
        uint32_t np = in->op == IR_I8X16_SHUFFLE ? 2 : o->nparams;
        if (o->result != OPT_NONE && o->result != OPT_SPECIAL && np == in->nargs) {
          for (uint32_t k = 0; k < np; k++)
            if (!same_type(f->insts[as[k]].type, o->params[k])) {
              bad(f, "v%u (%s): operand %u has type 0x%x, the op takes 0x%x", v, ssa_op_name(in->op), k,
                  f->insts[as[k]].type, o->params[k]);
              goto out;
            }
          if (!same_type(in->type, o->result)) {
            bad(f, "v%u (%s): result type 0x%x, the op gives 0x%x", v, ssa_op_name(in->op), in->type, o->result);
            goto out;
          }
        }
      }
    }
    /* the terminator's edges */
    ssa_inst *t = &f->insts[bl->last];
    uint32_t want = t->op == IR_BR ? 1 : t->op == IR_BR_IF ? 2 : t->op == IR_BR_TABLE ? bl->nsuccs : 0;
    if (bl->nsuccs != want || (t->op == IR_BR_TABLE && (!bl->ntable || !bl->nsuccs))) {
      bad(f, "b%u: %s with %u edges", b, ssa_op_name(t->op), bl->nsuccs);
      goto out;
    }
    for (uint32_t k = 0; t->op == IR_BR_TABLE && k < bl->ntable; k++)
      if (bl->table[k] >= bl->nsuccs) {
        bad(f, "b%u: br_table entry %u names edge %u of %u", b, k, bl->table[k], bl->nsuccs);
        goto out;
      }
    for (uint32_t s = 0; s < bl->nsuccs; s++) {
      const ssa_edge *e = &bl->succs[s];
      const ssa_block *tb = &f->blocks[e->block];
      if (e->block >= f->nblocks || tb->dead || e->block == f->entry) {
        bad(f, "b%u: edge %u goes to b%u, %s", b, s, e->block, e->block == f->entry ? "the entry" : "a dead block");
        goto out;
      }
      if (e->nargs != tb->nparams) {
        bad(f, "b%u -> b%u passes %u arguments for %u parameters", b, e->block, e->nargs, tb->nparams);
        goto out;
      }
      for (uint32_t k = 0; k < e->nargs; k++) {
        ssa_id a = ssa_edge_args(f, e)[k];
        if (!a || f->forward[a] || !available(f, order, a, b, UINT32_MAX)) {
          bad(f, "b%u -> b%u: argument %u (v%u) is not available at the edge", b, e->block, k, a);
          goto out;
        }
        if (!same_type(f->insts[a].type, f->insts[ssa_params(f, e->block)[k]].type)) {
          bad(f, "b%u -> b%u: argument %u (v%u) has the wrong type", b, e->block, k, a);
          goto out;
        }
      }
    }
  }
  ok = true;
out:
  free(order);
  return ok;
}
