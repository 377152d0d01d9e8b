/* ssa.h: the optimising tier's SSA form: a control-flow graph of basic blocks with block parameters, built from the shared IR (docs/ssa.md). */
#ifndef WLAB_OPT_SSA_H
#define WLAB_OPT_SSA_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core/arena.h"
#include "core/ir.h"
#include "core/module.h"

/*
 * Terms (docs/ssa.md has the long form):
 *
 *   value      the result of one instruction; instructions and values share one index space
 *              (ssa_id), 0 meaning "none".  Every value is defined once and has one type.
 *   block      a straight run of instructions ending in one terminator (br, br_if, br_table,
 *              return, unreachable, a tail call).  Its parameters are the values that meet
 *              there: each edge into the block passes one argument per parameter (block
 *              parameters instead of phis; an edge is a predecessor's successor entry).
 *   op         the IR's op numbers (IR_I32_ADD, IR_CALL, IR_BR_IF, ...: the same semantics as
 *              docs/ir.md, operands now values), plus the SSA-only ops below IR_OP_COUNT.
 *
 * Instructions live in one array (f->insts), linked in program order within their block.
 * Operands are ssa_ids: up to three in the instruction (a[0..2]); more (call arguments,
 * return values) in the function's operand pool, a[0] then being the pool offset.
 * ssa_args() hides the difference.
 *
 * Nothing is freed during optimisation: a removed instruction is unlinked and marked dead, a
 * replaced value forwards to its replacement (ssa_replace), and ssa_compact sweeps both.
 */

typedef uint32_t ssa_id;
#define SSA_NONE 0u

/* SSA-only ops, numbered after the IR's. */
enum ssa_extra_op {
  SSA_PARAM = IR_OP_COUNT, /* a block parameter: defined on entry to its block */
  SSA_CONST,               /* a constant: imm (and imm2, the high half of a v128) */
  SSA_RESULT,              /* result number aux of the call a[0] */
  SSA_OP_COUNT
};

/* Value types: the wasm value types (WLAB_I32 ... WLAB_EXTERNREF) by their binary codes;
 * 0 for an instruction without a result. */
#define SSA_VOID 0

typedef struct ssa_inst {
  uint16_t op;        /* ir_op or enum ssa_extra_op */
  uint8_t type;       /* result type, SSA_VOID when none */
  uint8_t flags;      /* SSA_F_* */
  uint16_t aux;       /* lane, table, result index, memory access width... as the op says */
  uint16_t nargs;     /* operands: in a[] when <= 3, else in the pool at a[0] */
  uint32_t block;     /* owning block */
  ssa_id prev, next;  /* program order within the block */
  uint32_t ir;        /* the IR instruction it came from, in origin's IR: its wasm byte offset
                       * names a trap, whichever function the code was inlined into */
  uint32_t origin;    /* function index of the IR it came from (the callee, when inlined) */
  ssa_id a[3];
  uint64_t imm;       /* constant bits; memory offset; function, global or type index */
  uint64_t imm2;      /* v128 constant: high half; shuffle: high 8 lanes (low 8 in imm) */
} ssa_inst;

enum {
  SSA_F_DEAD = 1 << 0,      /* unlinked: not in any block */
  SSA_F_CHECKED = 1 << 1,   /* a memory access whose bounds are proven (no explicit check) */
  SSA_F_INDEXED = 1 << 2,   /* a memory access whose address is base + (index << scale), the
                             * index its last operand (opt/addrfold.c, docs/ssa.md) */
  SSA_F_SCALED = 1 << 5,    /* a memory access whose address is its operand << scale, proven
                             * below 2^32: [memory + operand*scale + offset] (opt/addrfold.c) */
  SSA_F_SAD = 1 << 6,       /* an i16x8.extadd_pairwise_i8x16_u of operands a, b: psadbw a, b, the
                             * sums of |a - b| over bytes 0-7 and 8-15 in lanes 0 and 4, where only
                             * the lanes' total matters (opt/sad.c) */
};
#define SSA_F_SCALE_SHIFT 3 /* flags bits 3-4: the indexed access's scale, log2 (0-3) */
static inline unsigned ssa_access_scale(const ssa_inst *in) { return in->flags >> SSA_F_SCALE_SHIFT & 3; }

/* An edge: the successor block and the arguments for its parameters. */
typedef struct ssa_edge {
  uint32_t block;
  uint32_t nargs, args_cap;
  uint32_t args;      /* offset of nargs ssa_ids in the pool (room for args_cap) */
} ssa_edge;

/* An incoming edge, as the target sees it: which block, which of its successor entries. */
typedef struct ssa_pred {
  uint32_t block;
  uint32_t edge;
} ssa_pred;

#define SSA_NO_LOOP 0xFFFFu
#define SSA_NO_BLOCK UINT32_MAX

typedef struct ssa_block {
  ssa_id first, last;       /* instruction list; last is the terminator once the block is done */
  uint32_t nparams;
  uint32_t params;          /* pool offset of nparams ssa_ids (each an SSA_PARAM instruction) */
  uint32_t params_cap;
  ssa_edge *succs;          /* arena; distinct edges (a br_table lists its entries in table) */
  uint32_t nsuccs, succs_cap;
  uint32_t *table;          /* br_table: [ntable] index into succs for each entry, default last */
  uint32_t ntable;
  ssa_pred *preds;          /* filled by ssa_cfg_update */
  uint32_t npreds;
  uint32_t ir_start;        /* first IR instruction of the block (dumps) */
  uint16_t loop_ir_number;  /* the IR's loop number when the block starts at a loop_head */
  bool dead;                /* removed from the graph */
  /* kept current by ssa_cfg_update (docs/ssa.md, "Analyses"): */
  uint32_t rpo;             /* position in reverse post-order; SSA_NO_BLOCK when unreachable */
  uint32_t idom;            /* immediate dominator; the entry's is itself */
  uint32_t dom_child, dom_sibling; /* the dominator tree as first-child / next-sibling lists */
  uint32_t dom_pre, dom_post;      /* preorder numbering of the tree: a dominates b iff
                                    * a.dom_pre <= b.dom_pre && b.dom_post <= a.dom_post */
  uint32_t loop_header;     /* innermost loop's header, or SSA_NO_BLOCK */
  uint32_t loop_depth;      /* 0 outside any loop */
  bool is_loop_header;      /* target of a back edge (an edge from a block it dominates) */
} ssa_block;

typedef struct ssa_func {
  arena mem;
  const wlab_module *m;
  uint32_t func_index;
  const ir_func *ir;
  const functype *type;

  ssa_inst *insts;          /* [0] is unused: ssa_id 0 is "none" */
  uint32_t ninsts, insts_cap;
  ssa_id *forward;          /* [insts_cap] replacement of a value, SSA_NONE when none */
  uint32_t nreplaced;       /* ssa_replace calls since ssa_apply_forwards last rewrote the operands */
  uint32_t *pool;           /* operand pool: call arguments, return values, edge args, params */
  uint32_t npool, pool_cap;
  ssa_block *blocks;
  uint32_t nblocks, blocks_cap;
  uint32_t entry;           /* the entry block (its parameters are the function's) */

  uint32_t *rpo_order;      /* [nreachable] block indices in reverse post-order */
  uint32_t nreachable;
  ssa_id *consts;           /* [consts_cap] open-addressed index of the entry's constants (ssa_const) */
  uint32_t nconsts, consts_cap;
  bool cfg_valid;           /* preds, rpo, dominators and loops describe the graph */
  bool explicit_bounds;     /* memory accesses need explicit checks (the engine's mode) */
  bool budget;              /* fuel or a timeout: every loop header calls C when it runs out */
  bool inlined;             /* opt/inline.c copied a callee in: one native frame holds several wasm
                             * frames, which a trap's trace cannot tell apart (docs/abi.md) */
  /* An OSR version (docs/opt.md, "OSR entries"): the function continued at the loop_head at IR
   * index osr_loop_ir.  Its entry block jumps there, and its parameters are the frame slots the
   * code reads before writing them, each parameter's imm naming its slot. */
  bool osr;
  uint32_t osr_loop_ir;
  /* Of the loops enclosing that one, how many the version keeps as loops (the innermost; the
   * builder's copies, opt/build.c) and how many outer ones it leaves flattened (over the copy
   * budget). */
  uint32_t osr_nest_kept, osr_nest_flat;
  /* Building the normal function for an OSR version's constants (opt.c): the parameter made
   * first for each slot at the block of IR index probe_ir, per slot (probe[slot], 0: none). */
  ssa_id *probe;
  uint32_t probe_ir;
  char error[160];          /* why building or a pass gave up */
} ssa_func;

/* ---- building blocks (ssa.c) ------------------------------------------------------------ */

/* Initialises f for function func_index of m (its IR must exist); false when out of memory. */
bool ssa_func_init(ssa_func *f, const wlab_module *m, uint32_t func_index);
void ssa_func_free(ssa_func *f);

uint32_t ssa_new_block(ssa_func *f);
/* A new instruction, not yet in any block; SSA_NONE when out of memory (f->error says so). */
ssa_id ssa_new_inst(ssa_func *f, uint16_t op, uint8_t type, uint32_t nargs);
/* Puts instruction v at the end of block b / before instruction at. */
void ssa_append(ssa_func *f, uint32_t b, ssa_id v);
void ssa_insert_before(ssa_func *f, ssa_id at, ssa_id v);
/* Takes v out of its block (it stays in the array, marked dead). */
void ssa_unlink(ssa_func *f, ssa_id v);

/* Operands of v (nargs of them). */
static inline ssa_id *ssa_args(ssa_func *f, ssa_id v)
{
  ssa_inst *in = &f->insts[v];
  return in->nargs <= 3 ? in->a : f->pool + in->a[0];
}
/* Room for n ids in the pool; returns the offset (UINT32_MAX when out of memory). */
uint32_t ssa_pool_alloc(ssa_func *f, uint32_t n);

/* A block parameter of type t appended to b's parameters; edges into b must get an argument
 * each (ssa_edge_add_arg). */
ssa_id ssa_add_param(ssa_func *f, uint32_t b, uint8_t type);
/* Removes parameter k of b and the k-th argument of every edge into b (preds must be current). */
void ssa_remove_param(ssa_func *f, uint32_t b, uint32_t k);
static inline ssa_id *ssa_params(ssa_func *f, uint32_t b) { return f->pool + f->blocks[b].params; }
/* Block from's successor edges (and br_table entries) handed to block to, which has none; from
 * is left with none (its terminator is the caller's to replace).  Predecessor lists are not
 * touched: a cfg update after the edit makes them current. */
void ssa_move_succs(ssa_func *f, uint32_t from, uint32_t to);
/* Copies block b into the new block nb: its parameters (when params), its instructions and its
 * br_table entries; map[x] names each copy of x.  Operands still name the originals (the caller
 * renames them) and nb has no edges yet: the caller adds them in b's order, which the table's
 * entries index.  False when out of memory.  Loop copies use it (versioning.c, unroll.c). */
bool ssa_copy_block(ssa_func *f, uint32_t b, uint32_t nb, bool params, ssa_id *map);
/* A new successor edge of b to target; returns its index. */
uint32_t ssa_add_edge(ssa_func *f, uint32_t b, uint32_t target);
bool ssa_edge_add_arg(ssa_func *f, uint32_t b, uint32_t edge, ssa_id v);
static inline ssa_id *ssa_edge_args(ssa_func *f, const ssa_edge *e) { return f->pool + e->args; }

/* Every later use of `old` reads `with` (a forwarding entry; ssa_resolve follows chains). */
void ssa_replace(ssa_func *f, ssa_id old, ssa_id with);
static inline ssa_id ssa_resolve(const ssa_func *f, ssa_id v)
{
  while (v && f->forward[v])
    v = f->forward[v];
  return v;
}
/* Rewrites every operand and edge argument through the forwarding entries. */
void ssa_apply_forwards(ssa_func *f);

/* A constant of type t (one per function per value: interned in the entry block). */
ssa_id ssa_const(ssa_func *f, uint8_t type, uint64_t lo, uint64_t hi);
static inline bool ssa_is_const(const ssa_func *f, ssa_id v) { return f->insts[v].op == SSA_CONST; }

/* Who uses each value: users of v are user[start[v] .. start[v + 1]), instruction ids, an
 * edge argument counting as a use by its block's terminator (an id may repeat).  A snapshot:
 * built by ssa_uses_build over the live blocks, stale after the pass changes operands. */
typedef struct ssa_uses {
  uint32_t *start;   /* [ninsts + 1] */
  ssa_id *user;
  uint32_t *count;   /* [ninsts] number of uses */
} ssa_uses;
bool ssa_uses_build(ssa_func *f, ssa_uses *u);
void ssa_uses_free(ssa_uses *u);

/* Is block b in the loop of header h (loop_header current: cfg analyses)? */
static inline bool ssa_in_loop(const ssa_func *f, uint32_t b, uint32_t h)
{
  return b < f->nblocks && f->blocks[b].loop_header == h;
}
/* Does a value the loop of header h defines (a parameter or an instruction of its nbody blocks)
 * have a use outside the loop?  Loop copies need such values passed to one exit block. */
bool ssa_loop_used_after(ssa_func *f, const ssa_uses *u, const uint32_t *body, uint32_t nbody, uint32_t h);

/* ---- what an op does (ssa.c) -------------------------------------------------------------- */

enum {
  SSA_E_TRAPS = 1 << 0,       /* may trap (division, conversion, access, table, call) */
  SSA_E_READS_MEM = 1 << 1,   /* reads linear memory */
  SSA_E_WRITES_MEM = 1 << 2,  /* writes linear memory (or may: calls) */
  SSA_E_GLOBALS = 1 << 3,     /* reads or writes globals, tables or other instance state */
  SSA_E_CALL = 1 << 4,        /* calls out: anything may happen */
  SSA_E_TERMINATOR = 1 << 5,  /* ends a block */
  SSA_E_EFFECT = 1 << 6,      /* has an effect beyond its result (stores, global.set, ...) */
};
/* SSA_E_* of op: 0 means pure (same operands, same result, no other effect). */
unsigned ssa_op_effects(uint16_t op);
/* May v be removed when nothing uses it? (pure, or a read that cannot trap) */
bool ssa_removable(const ssa_func *f, ssa_id v);
const char *ssa_op_name(uint16_t op);
/* Is op a memory load / store (of the value ops: the memarg ones)? */
bool ssa_is_load(uint16_t op);
bool ssa_is_store(uint16_t op);
/* Is op a scalar load or store (value ops, one address and a static offset: what addrfold and
 * versioning rewrite), or with_v128 also a whole v128.load / v128.store? */
bool ssa_is_plain_access(uint16_t op, bool with_v128);

/* ---- analyses (cfg.c) -------------------------------------------------------------------- */

/* Recomputes predecessors, reverse post-order, dominators, the dominator tree and loop nesting
 * from the successor edges, and marks unreachable blocks dead (their instructions too).
 * Passes that change edges call it (or leave cfg_valid false for the driver to). */
bool ssa_cfg_update(ssa_func *f);
static inline bool ssa_dominates(const ssa_func *f, uint32_t a, uint32_t b)
{
  return f->blocks[a].dom_pre <= f->blocks[b].dom_pre && f->blocks[b].dom_post <= f->blocks[a].dom_post;
}

/* ---- construction (build.c) ---------------------------------------------------------------- */

/* Builds f's SSA from its IR (Braun et al., CC 2013: variables are frame slots, definitions
 * are looked up per block on demand, block parameters created where definitions meet and
 * removed again when trivial).  False with f->error when it gives up. */
bool ssa_build(ssa_func *f);

/* ---- checking and printing (verify.c, print.c) ------------------------------------------- */

/* Checks the invariants docs/ssa.md lists (operands defined and dominating, types, edge
 * arities, terminators); false with the first problem in f->error. */
bool ssa_verify(ssa_func *f);
/* The text form (docs/ssa.md). */
void ssa_print(ssa_func *f, FILE *out);
/* One block's header line, and one instruction's line (as ssa_print prints them). */
void ssa_print_block(ssa_func *f, FILE *out, uint32_t b);
void ssa_print_inst(ssa_func *f, FILE *out, ssa_id v);

#endif
