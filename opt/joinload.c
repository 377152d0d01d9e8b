/* joinload.c: store-to-load forwarding across joins: a load at a block every incoming edge of which ends with a store to its address becomes a block parameter. */
#include "opt/opt.h"

#include <stdlib.h>

/*
 * What it does.  gvn forwards a store to a load only along one path: a block with two or more
 * predecessors starts a new memory state, so a load there stays a load even when every
 * predecessor has just written the word it reads.  That is the shape of a counter in linear
 * memory bumped in a loop or on both arms of a branch (fib's `calls++`, once per logical call,
 * inlined into its own loop: `i64.load 4048`, add, store, the load again at the loop's header).
 * Each bump then goes load, add, store through one memory word, a chain of store-to-load
 * forwards in the processor that bounds the whole loop.  Here such a load L in block B becomes
 * a new parameter of B, each edge into B passing the value its predecessor stored.
 *
 * The rule.  L (a full-width load: i32, i64, f32, f64 or v128.load, no flags) has no
 * instruction before it in its block that may write memory, and its block is a join B (two or
 * more predecessors) or hangs below one through a chain of only predecessors that write
 * nothing (inlining leaves the callee's first block below the join: fib's loop header jumps to
 * it); that join is B from here on.  L's address is a constant or a value defined in a block
 * that strictly dominates B.  For every
 * edge P -> B, the last instruction of P that may write memory (a store, memory.grow, fill,
 * copy, init, any call) is a store of L's width and type (i32.store for i32.load, ...) with
 * L's offset and L's address value; a P that writes nothing counts through its only
 * predecessor, up to JOINLOAD_MAX_UP blocks up.  Then the edge's argument is the stored value.
 *
 * Why that is exact.  On any path into B through P, the last write of memory before L is that
 * store S: nothing after S in its block writes, nor does any block after it on the way (each
 * of them has one predecessor and writes nothing), nor anything in B before L.  S wrote the
 * same bytes L reads: the address value is the same dynamic value at S and at L, because its
 * definition strictly dominates B, so it is not run again between S (which it dominates, being
 * an operand) and L; a definition running again on the way would have to be in B, below it, or
 * in one of the single-predecessor blocks after S, which a block dominating S cannot be without a loop
 * entered only through itself.  The same holds for the stored value, which S reads and the
 * edge passes.  L cannot trap: S accessed the same bytes without trapping, and memory never
 * shrinks.  The stored bits are the loaded bits (same width and type, no conversion).
 *
 * Loads of one word below one join share its parameter.
 *
 * Cost: one scan of each block up to its first write, and for each load found a walk up to its
 * join and back over each predecessor's instructions (bounded by JOINLOAD_MAX_UP blocks).  A new
 * parameter can cost a register across a loop; the counter it replaces was a memory round
 * trip on every iteration.
 */

#define JOINLOAD_MAX_UP 8  /* single-predecessor blocks walked up from an edge */

/* The value the last memory write before the end of block p stores at L's address, when that
 * write is a store of L's kind there; SSA_NONE otherwise. */
static ssa_id stored_at_end(ssa_func *f, uint32_t p, uint32_t b, ssa_id load, ssa_id addr, uint16_t store_op)
{
  const ssa_inst *ld = &f->insts[load];
  for (int up = 0; up <= JOINLOAD_MAX_UP && p != b; up++) {
    for (ssa_id v = f->blocks[p].last; v; v = f->insts[v].prev) {
      const ssa_inst *in = &f->insts[v];
      if (!(ssa_op_effects(in->op) & (SSA_E_WRITES_MEM | SSA_E_CALL)))
        continue;
      if (in->op != store_op || in->flags || in->imm != ld->imm || in->aux != ld->aux)
        return SSA_NONE;
      const ssa_id *as = ssa_args(f, v);
      ssa_id val = ssa_resolve(f, as[1]);
      if (ssa_resolve(f, as[0]) != addr || f->insts[val].type != ld->type)
        return SSA_NONE;
      return val;
    }
    if (f->blocks[p].npreds != 1)
      return SSA_NONE;
    p = f->blocks[p].preds[0].block;
  }
  return SSA_NONE;
}

static uint16_t store_of_load(uint16_t op)
{
  switch (op) {
  case IR_I32_LOAD: return IR_I32_STORE;
  case IR_I64_LOAD: return IR_I64_STORE;
  case IR_F32_LOAD: return IR_F32_STORE;
  case IR_F64_LOAD: return IR_F64_STORE;
  case IR_V128_LOAD: return IR_V128_STORE;
  default: return 0;
  }
}

/* Does block b hold an instruction that may write memory? */
static bool writes_memory(const ssa_func *f, uint32_t b)
{
  for (ssa_id v = f->blocks[b].first; v; v = f->insts[v].next)
    if (ssa_op_effects(f->insts[v].op) & (SSA_E_WRITES_MEM | SSA_E_CALL))
      return true;
  return false;
}

/* The join above block b: b itself when it has two or more predecessors, else the first such
 * block up its chain of only predecessors, every block on the way (b excepted: the caller
 * looks at b's instructions before the load) writing nothing; SSA_NO_BLOCK when there is none. */
static uint32_t join_above(const ssa_func *f, uint32_t b)
{
  for (int up = 0; up <= JOINLOAD_MAX_UP; up++) {
    if (b == f->entry || f->blocks[b].npreds == 0)
      return SSA_NO_BLOCK;
    if (up > 0 && writes_memory(f, b))
      return SSA_NO_BLOCK;
    if (f->blocks[b].npreds >= 2)
      return b;
    b = f->blocks[b].preds[0].block;
  }
  return SSA_NO_BLOCK;
}

/* A parameter made for a join: loads of the same word below the same join share it. */
typedef struct joined {
  uint32_t block;
  ssa_id addr, param;
  uint16_t op;
  uint64_t offset;
} joined;

typedef struct joinload {
  ssa_func *f;
  ssa_id *vals;        /* [most predecessors] the stored value on each edge */
  joined *made;
  uint32_t nmade, made_cap;
} joinload;

/* Forwards load v (in a block with no write before it) when every edge into the join above it
 * brings a stored value; false when out of memory. */
static bool forward_load(joinload *jl, ssa_id v)
{
  ssa_func *f = jl->f;
  const ssa_inst *ld = &f->insts[v];
  uint16_t sop = store_of_load(ld->op);
  if (!sop || ld->flags)
    return true;
  uint32_t b = join_above(f, ld->block);
  if (b == SSA_NO_BLOCK)
    return true;
  ssa_id addr = ssa_resolve(f, ssa_args(f, v)[0]);
  uint32_t db = f->insts[addr].block;
  if (!ssa_is_const(f, addr) && (db == b || !ssa_dominates(f, db, b)))
    return true;
  for (uint32_t i = 0; i < jl->nmade; i++) {
    const joined *m = &jl->made[i];
    if (m->block == b && m->addr == addr && m->op == ld->op && m->offset == ld->imm) {
      ssa_replace(f, v, m->param);
      ssa_unlink(f, v);
      return true;
    }
  }
  const ssa_block *bl = &f->blocks[b];
  for (uint32_t k = 0; k < bl->npreds; k++)
    if (!(jl->vals[k] = stored_at_end(f, bl->preds[k].block, b, v, addr, sop)))
      return true;
  if (jl->nmade == jl->made_cap) {
    uint32_t cap = jl->made_cap ? 2 * jl->made_cap : 8;
    joined *n = realloc(jl->made, cap * sizeof *n);
    if (!n)
      return false;
    jl->made = n;
    jl->made_cap = cap;
  }
  ssa_id p = ssa_add_param(f, b, ld->type);
  if (!p)
    return false;
  jl->made[jl->nmade++] = (joined){.block = b, .addr = addr, .param = p, .op = ld->op, .offset = ld->imm};
  for (uint32_t k = 0; k < f->blocks[b].npreds; k++) {
    ssa_pred pr = f->blocks[b].preds[k];
    if (!ssa_edge_add_arg(f, pr.block, pr.edge, jl->vals[k]))
      return false;
  }
  ssa_replace(f, v, p);
  ssa_unlink(f, v);
  return true;
}

bool opt_joinload(ssa_func *f)
{
  uint32_t maxpreds = 0;
  for (uint32_t i = 0; i < f->nreachable; i++) {
    uint32_t np = f->blocks[f->rpo_order[i]].npreds;
    maxpreds = np > maxpreds ? np : maxpreds;
  }
  if (maxpreds < 2)
    return true;
  joinload jl = {.f = f, .vals = malloc(maxpreds * sizeof *jl.vals)};
  bool ok = jl.vals != NULL;
  for (uint32_t i = 0; i < f->nreachable && ok; i++) {
    uint32_t b = f->rpo_order[i];
    if (b == f->entry)
      continue;
    for (ssa_id v = f->blocks[b].first, next; v && ok; v = next) {
      next = f->insts[v].next;
      if (ssa_op_effects(f->insts[v].op) & (SSA_E_WRITES_MEM | SSA_E_CALL | SSA_E_TERMINATOR))
        break;
      if (ssa_is_load(f->insts[v].op))
        ok = forward_load(&jl, v);
    }
  }
  free(jl.vals);
  free(jl.made);
  if (!ok && !f->error[0])
    snprintf(f->error, sizeof f->error, "out of memory in joinload");
  return ok;
}
