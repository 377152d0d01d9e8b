/* addrfold.c: address-mode folding: a scalar access's address computation folded into its x86 operand, a shifted index as base + index*scale, a constant add into the static offset where that cannot change the address. */
#include "opt/opt.h"

#include <stdlib.h>

#include "opt/range.h"

/*
 * Two rewrites of a scalar load or store (v128 accesses are left alone):
 *
 * 1. Index.  The address `i32.add x, (i32.shl y, k)` (k 1-3) becomes an indexed access: base x, index y, scale 1 << k (SSA_F_INDEXED, the index
 *    its last operand).  Its address is still the wasm one, (x + (y << k)) mod 2^32, plus the
 *    offset: the emitter computes the first part with a 32-bit lea (which wraps exactly as
 *    i32.add and i32.shl do) into a scratch register that indexes the memory base.  It saves
 *    the shift, the add, their moves and the registers of their results.  The add is folded only
 *    when this access is its one use (else it stays computed and nothing is saved); the shift
 *    may have other uses.
 *
 *    A 64-bit [base + x + y*8] without the lea would be wrong: it does not wrap, so when x + y*8
 *    passes 2^32 (x holding a small negative number, say) it reaches past the memory where wasm
 *    reaches its start.
 *
 * 2. Constant.  `load (i32.add x, C) offset=o` becomes `load x offset=o+C` only when x + C
 *    cannot wrap, since the offset is added without wrapping (the 33-bit effective address)
 *    and the add wraps mod 2^32: with a wrap, wasm reads at x + C - 2^32 + o, a small address
 *    perhaps in bounds, where the folded access would reach past 4 GiB and trap.  Two proofs:
 *
 *    - An access that dominates this one: `access x offset=o2` of s2 bytes that did not trap
 *      means x + o2 + s2 <= the memory's size then, which is at most its maximum M (4 GiB, or
 *      less: below) and never shrinks; so x + C <= M - (o2 + s2) + C < 2^32 whenever
 *      C < o2 + s2 + (2^32 - M).  Such a fact is kept for the address values of the accesses
 *      on the dominator-tree path from the entry (the access's own address x, not folded or
 *      indexed; the largest o2 + s2 per value).
 *    - x's upper bound (opt/range.c: an induction variable bounded by its loop's exit test, or
 *      what is built from one without wrapping): x + C <= that bound + C < 2^32.
 *
 * 3. Scale.  An address `i32.shl y, k` (k 1-3), what is left after rewrite 2 or the address
 *    itself, becomes a scaled access when y << k cannot wrap (y's upper bound from opt/range.c,
 *    shifted, below 2^32): operand y, scale 1 << k (SSA_F_SCALED), and the emitter reads
 *    [memory + y*scale + offset], the shift in the operand (crc32's table loads, `tab[(c ^ b) &
 *    0xff]`: `lea r, [r*4 + tab]` then the load become the load alone).  Only when this access
 *    is the shift's one use; otherwise the shift stays computed and nothing is saved.
 *
 *    M is the memory's declared maximum when it has one (core/instance.c never lets a memory
 *    grow past it), 4 GiB, 65536 pages, else.  Only a memory the module defines: an imported
 *    one is someone else's.  The engine's --max-memory cap, lower still, is not used: the
 *    code belongs to the module, and an instance takes its limits from its linker's engine,
 *    which nothing ties to the module's (docs/ssa.md).  Guard pages or explicit
 *    checks, the folded access computes the same effective address, so both modes trap exactly
 *    where wasm does.
 */

static bool oom(ssa_func *f)
{
  snprintf(f->error, sizeof f->error, "out of memory");
  return false;
}

/* An i32 shift left by a constant 0-3 (mod 32, as wasm takes it): its operand and the amount. */
static bool small_shift(ssa_func *f, ssa_id v, ssa_id *y, unsigned *k)
{
  ssa_inst *in = &f->insts[v];
  if (in->op != IR_I32_SHL || !ssa_is_const(f, in->a[1]))
    return false;
  uint32_t amount = (uint32_t)f->insts[in->a[1]].imm & 31;
  if (amount > 3)
    return false;
  *y = in->a[0];
  *k = amount;
  return true;
}

/* Rewrite 1 on access v (its address an add used only here): operands and flags. */
static bool fold_index(ssa_func *f, ssa_id v, ssa_id addr)
{
  ssa_inst *ad = &f->insts[addr];
  ssa_id x = ad->a[0], y = ad->a[1];
  if (ssa_is_const(f, x) || ssa_is_const(f, y))
    return true; /* a constant part is rewrite 2's, when it can be */
  unsigned k = 0;
  ssa_id z;
  if (small_shift(f, y, &z, &k) && k)
    y = z;
  else if (small_shift(f, x, &z, &k) && k)
    x = y, y = z;
  else
    return true; /* a plain sum: the lea would only replace the add, keeping both its operands
                  * live up to the access (sieve ran 4% more instructions with it folded) */
  ssa_inst *in = &f->insts[v];
  if (in->nargs == 1) { /* a load: base, index */
    in->a[0] = x;
    in->a[1] = y;
    in->nargs = 2;
  } else { /* a store: base, value, index */
    in->a[0] = x;
    in->a[2] = y;
    in->nargs = 3;
  }
  in->flags = (uint8_t)((in->flags & ~(3u << SSA_F_SCALE_SHIFT)) | SSA_F_INDEXED | k << SSA_F_SCALE_SHIFT);
  return true;
}

#define RANGE_DEPTH 6 /* operands followed when bounding an address from above */

/* Rewrite 3 on access v (whose address operand is now a[0]): true when it became scaled. */
static bool fold_scale(ssa_func *f, const ssa_uses *u, const range_info *r, ssa_id v, ssa_id orig)
{
  ssa_inst *in = &f->insts[v];
  ssa_id x = in->a[0], y;
  unsigned k;
  /* the shift used only by the access, directly or through rewrite 2's add, used only here */
  if (!small_shift(f, x, &y, &k) || k == 0 || ssa_is_const(f, y) || u->count[x] != 1 ||
      (orig != x && u->count[orig] != 1))
    return false;
  if (range_upper(r, f, y, RANGE_DEPTH) << k > UINT32_MAX)
    return false;
  in->a[0] = y;
  in->flags = (uint8_t)((in->flags & ~(3u << SSA_F_SCALE_SHIFT)) | SSA_F_SCALED | k << SSA_F_SCALE_SHIFT);
  return true;
}

static unsigned access_bytes(uint16_t op)
{
  return 1u << opcodes_info[op].align;
}

typedef struct undo { ssa_id value; uint64_t old_end; } undo;


bool opt_addrfold(ssa_func *f)
{
  ssa_uses u;
  if (!ssa_uses_build(f, &u))
    return oom(f);
  range_info r;
  if (!range_build(f, &r)) {
    ssa_uses_free(&u);
    return false;
  }
  uint64_t slack = range_wrap_slack(f);
  uint64_t *end = calloc(f->ninsts, sizeof *end); /* [value] largest o + s of a dominating access at it */
  uint32_t *stack = malloc((f->nblocks + 1) * sizeof *stack);
  uint32_t *mark = malloc((f->nblocks + 1) * sizeof *mark); /* undo depth when the block was entered */
  undo *log = NULL;
  uint32_t nlog = 0, log_cap = 0;
  bool ok = false;
  if (!end || !stack || !mark)
    goto out;
  /* the dominator tree in preorder, facts undone when a subtree is left */
  uint32_t sp = 0;
  stack[sp++] = f->entry;
  bool *entered = calloc(f->nblocks, sizeof *entered);
  if (!entered)
    goto out;
  while (sp) {
    uint32_t b = stack[sp - 1];
    if (entered[b]) {
      sp--;
      while (nlog > mark[b]) {
        nlog--;
        end[log[nlog].value] = log[nlog].old_end;
      }
      continue;
    }
    entered[b] = true;
    mark[b] = nlog;
    for (ssa_id v = f->blocks[b].first; v; v = f->insts[v].next) {
      ssa_inst *in = &f->insts[v];
      if (!ssa_is_plain_access(in->op, false) || (in->flags & (SSA_F_INDEXED | SSA_F_SCALED)))
        continue;
      ssa_id addr = in->a[0], orig = addr;
      ssa_inst *ad = &f->insts[addr];
      if (ad->op == IR_I32_ADD) {
        ssa_id x = ad->a[0], c = ad->a[1];
        if (ssa_is_const(f, x))
          x = ad->a[1], c = ad->a[0];
        if (ssa_is_const(f, c) && !ssa_is_const(f, x)) {
          uint64_t k = (uint32_t)f->insts[c].imm;
          bool no_wrap = (end[x] && k < end[x] + slack) || range_upper(&r, f, x, RANGE_DEPTH) + k <= UINT32_MAX;
          if (no_wrap && in->imm + k <= UINT32_MAX) {
            in->a[0] = x;
            in->imm += k;
            addr = x;
          }
        } else if (u.count[addr] == 1 && !fold_index(f, v, addr)) {
          goto out_entered;
        }
      }
      if (in->flags & SSA_F_INDEXED)
        continue;
      if (fold_scale(f, &u, &r, v, orig))
        continue;
      /* this access not trapping bounds in->a[0] + imm + bytes by the memory's size */
      uint64_t e = in->imm + access_bytes(in->op);
      if (e > end[addr]) {
        if (nlog == log_cap) {
          uint32_t cap = log_cap ? log_cap * 2 : 64;
          undo *nl = realloc(log, cap * sizeof *nl);
          if (!nl)
            goto out_entered;
          log = nl;
          log_cap = cap;
        }
        log[nlog++] = (undo){addr, end[addr]};
        end[addr] = e;
      }
    }
    for (uint32_t c = f->blocks[b].dom_child; c != SSA_NO_BLOCK; c = f->blocks[c].dom_sibling)
      stack[sp++] = c;
  }
  ok = true;
out_entered:
  free(entered);
out:
  if (!ok && !f->error[0])
    oom(f);
  ssa_uses_free(&u);
  range_free(&r);
  free(end), free(stack), free(mark), free(log);
  return ok;
}
