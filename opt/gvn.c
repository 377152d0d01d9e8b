/* gvn.c: global value numbering over the dominator tree, with redundant load and global.get elimination and store-to-load forwarding. */
#include "opt/opt.h"

#include <stdlib.h>
#include <string.h>

/*
 * What it does.  Walks the dominator tree from the entry with a scoped hash table: an
 * instruction whose key (op, result type, immediates, lane, operands) is already in the table
 * is the value found there, since that one dominates it; otherwise its key goes in, and leaves
 * again when the walk leaves the subtree of its block.  Keys of commutative integer ops sort
 * their two operands, so `i32.add v3, v4` and `i32.add v4, v3` are one value.
 *
 * Reads of state carry the state in their key:
 *   - loads and memory.size: the memory state (below) at the read;
 *   - global.get of a mutable global: the state of that global; of an immutable one, nothing
 *     (it is pure);
 * so a load meets an earlier identical load only when no write can have come between them,
 * or only stores that cannot touch its bytes: when the load's state was made by a store to
 * the same address value whose bytes [offset, offset + width) are disjoint from the load's,
 * the load is looked up again with the state before that store (up to GVN_MAX_SKIPS stores).
 * A full-width store (`i32.store` ... `v128.store`) puts the key of the load that would read
 * it back, with the state just after the store, in the table: such a load is the stored value.
 * `global.set g, v` does the same for `global.get g`.
 *
 * The states.  State class 0 is linear memory; then one class for the mutable globals this
 * function never sets (only calls change them), one per global it sets (up to 8), and one
 * shared by the globals set beyond those 8.  Within a block, an instruction that may write a
 * class gives it a new state: anything with SSA_E_WRITES_MEM (stores, memory.grow, fill, copy,
 * init, calls) writes memory, global.set g writes g's class, a call writes every class.  At a
 * block's entry the state of a class is the one every predecessor ends with when they all
 * agree, else a state new to that block.  Loop headers take part through their back edges:
 * the states are solved as an optimistic fixed point in reverse post-order (a predecessor not
 * yet seen does not vote), so a loop that writes nothing keeps the state it was entered with
 * and a loop that writes gets new states at its header.
 *
 * Why that is exact: every point with state S is dominated by the point P that created S (the
 * block entry or the write), and on every path from the last passage through P to the point
 * there is no write of the class (each block entry on the way inherited S from the
 * predecessor the path came from, and a block that writes ends with a state other than S).
 * A read R with state S that dominates a read X with state S has run on that path after P,
 * so X reads what R read.  With one store W between them (the state S' made by W is X's, W's
 * own is R's), the same argument gives R ... W ... X with no other write, and the address
 * value, defined above R, W and X, is the same at all three (its definition dominates R, and
 * R dominates X, so the definition cannot run again without R after it): W's bytes and X's are
 * disjoint, so X still reads what R read.  Written down in docs/opt.md ("gvn").
 *
 * Requirements kept: traps keep their place and order.  An op that may trap (division,
 * remainder, float-to-int truncation, loads) is only ever replaced by an identical op that
 * dominates it: that one ran first, with the same operands, and trapped or not as this one
 * would have.  Nothing moves and nothing new is executed.  A store forwards only to a load of
 * its own width and type (the loaded bits are the stored bits); float ops never have their
 * operands swapped (when both operands are NaNs, the first one's payload wins).
 *
 * Cost: one walk over the instructions, constant expected work each (hash look-ups); the
 * state fixed point iterates over blocks and edges times the classes (at most 11), once per
 * level of loop nesting plus two passes in practice, capped.
 */

#define GVN_OWN_GLOBALS 8    /* globals set in the function that get a state class of their own */
#define GVN_MAX_ROUNDS 64    /* fixed-point rounds before the states give up (all new per block) */
#define GVN_MAX_SKIPS 8      /* disjoint stores a load looks past */

enum { CLASS_MEMORY, CLASS_UNSET_GLOBALS, CLASS_OTHER_GLOBALS, CLASS_FIRST_OWN };

/* A table entry: the key of a value and the value. */
typedef struct gvn_key {
  uint16_t op;
  uint8_t type;
  uint8_t nargs;
  uint16_t aux;
  ssa_id a[3];
  uint64_t imm, imm2;
  uint32_t state;
} gvn_key;

typedef struct gvn_entry {
  gvn_key key;
  ssa_id value;
  uint32_t next;      /* next entry in the bucket, + 1 (0: none) */
  uint32_t hash;
} gvn_entry;

typedef struct gvn {
  ssa_func *f;
  uint32_t nclasses;
  uint32_t set_globals[GVN_OWN_GLOBALS]; /* global index of class CLASS_FIRST_OWN + i */
  uint32_t nset_globals;
  bool globals_overflow;                 /* more globals are set than have own classes */
  uint32_t *in;                          /* [nblocks * nclasses] state at each block's entry */
  uint32_t *out;                         /* [nblocks * nclasses] state at each block's end */
  ssa_id *last_write;                    /* [nblocks * nclasses] last writer in the block, or 0 */
  uint32_t *bucket;                      /* [mask + 1] first entry + 1 */
  uint32_t mask;
  gvn_entry *ents;
  uint32_t nents, ents_cap;
  uint32_t *before;                      /* [ninsts] a store's memory state before it */
} gvn;

static bool oom(ssa_func *f)
{
  if (!f->error[0])
    snprintf(f->error, sizeof f->error, "out of memory in gvn");
  return false;
}

/* ---- state classes ---------------------------------------------------------------------- */

static uint32_t global_class(const gvn *g, uint32_t global)
{
  for (uint32_t i = 0; i < g->nset_globals; i++)
    if (g->set_globals[i] == global)
      return CLASS_FIRST_OWN + i;
  return g->globals_overflow ? CLASS_OTHER_GLOBALS : CLASS_UNSET_GLOBALS;
}

/* The globals this function sets, each with its class while there are classes left. */
static void find_set_globals(gvn *g)
{
  ssa_func *f = g->f;
  for (uint32_t i = 0; i < f->nreachable; i++)
    for (ssa_id v = f->blocks[f->rpo_order[i]].first; v; v = f->insts[v].next) {
      if (f->insts[v].op != IR_GLOBAL_SET)
        continue;
      uint32_t gl = (uint32_t)f->insts[v].imm, k = 0;
      while (k < g->nset_globals && g->set_globals[k] != gl)
        k++;
      if (k < g->nset_globals)
        continue;
      if (g->nset_globals < GVN_OWN_GLOBALS)
        g->set_globals[g->nset_globals++] = gl;
      else
        g->globals_overflow = true;
    }
  g->nclasses = CLASS_FIRST_OWN + g->nset_globals;
}

/* Calls back for each class instruction v may write. */
static uint32_t written_classes(const gvn *g, ssa_id v, uint32_t *out)
{
  const ssa_inst *in = &g->f->insts[v];
  unsigned e = ssa_op_effects(in->op);
  uint32_t n = 0;
  if (e & SSA_E_CALL) {
    for (uint32_t c = 0; c < g->nclasses; c++)
      out[n++] = c;
    return n;
  }
  if (e & SSA_E_WRITES_MEM)
    out[n++] = CLASS_MEMORY;
  if (in->op == IR_GLOBAL_SET)
    out[n++] = global_class(g, (uint32_t)in->imm);
  return n;
}

/* State numbers: 0 is "not yet known"; b + 1 is the state new at block b's entry; nblocks + 1
 * + v the state instruction v leaves behind. */
static inline uint32_t block_state(uint32_t b) { return b + 1; }
static inline uint32_t write_state(const ssa_func *f, ssa_id v) { return f->nblocks + 1 + v; }

static bool solve_states(gvn *g)
{
  ssa_func *f = g->f;
  uint32_t K = g->nclasses;
  size_t n = (size_t)f->nblocks * K;
  g->in = calloc(n, sizeof *g->in);
  g->out = calloc(n, sizeof *g->out);
  g->last_write = calloc(n, sizeof *g->last_write);
  if (!g->in || !g->out || !g->last_write)
    return oom(f);
  uint32_t cls[CLASS_FIRST_OWN + GVN_OWN_GLOBALS];
  for (uint32_t i = 0; i < f->nreachable; i++) {
    uint32_t b = f->rpo_order[i];
    for (ssa_id v = f->blocks[b].first; v; v = f->insts[v].next) {
      uint32_t nc = written_classes(g, v, cls);
      for (uint32_t k = 0; k < nc; k++)
        g->last_write[(size_t)b * K + cls[k]] = v;
    }
  }
  bool changed = true;
  for (uint32_t round = 0; changed; round++) {
    if (round == GVN_MAX_ROUNDS) {
      /* every block new: trivially consistent, only reads within one block meet */
      for (uint32_t i = 0; i < f->nreachable; i++) {
        uint32_t b = f->rpo_order[i];
        for (uint32_t c = 0; c < K; c++) {
          size_t at = (size_t)b * K + c;
          g->in[at] = block_state(b);
          g->out[at] = g->last_write[at] ? write_state(f, g->last_write[at]) : g->in[at];
        }
      }
      return true;
    }
    changed = false;
    for (uint32_t i = 0; i < f->nreachable; i++) {
      uint32_t b = f->rpo_order[i];
      const ssa_block *bl = &f->blocks[b];
      for (uint32_t c = 0; c < K; c++) {
        size_t at = (size_t)b * K + c;
        uint32_t s = 0;
        if (g->in[at] == block_state(b)) /* once new, always new: the solution only descends */
          s = block_state(b);
        for (uint32_t p = 0; p < bl->npreds && s != block_state(b); p++) {
          uint32_t o = g->out[(size_t)bl->preds[p].block * K + c];
          if (!o)
            continue; /* not seen yet: no vote */
          s = !s || s == o ? o : block_state(b);
        }
        if (!s)
          s = block_state(b); /* the entry */
        uint32_t o = g->last_write[at] ? write_state(f, g->last_write[at]) : s;
        if (s != g->in[at] || o != g->out[at]) {
          g->in[at] = s;
          g->out[at] = o;
          changed = true;
        }
      }
    }
  }
  return true;
}

/* ---- the scoped table ---------------------------------------------------------------------- */

static bool is_commutative(uint16_t op)
{
  switch (op) {
  case IR_I32_ADD: case IR_I32_MUL: case IR_I32_AND: case IR_I32_OR: case IR_I32_XOR: case IR_I32_EQ: case IR_I32_NE:
  case IR_I64_ADD: case IR_I64_MUL: case IR_I64_AND: case IR_I64_OR: case IR_I64_XOR: case IR_I64_EQ: case IR_I64_NE:
  case IR_V128_AND: case IR_V128_OR: case IR_V128_XOR:
  case IR_I8X16_ADD: case IR_I16X8_ADD: case IR_I32X4_ADD: case IR_I64X2_ADD:
  case IR_I16X8_MUL: case IR_I32X4_MUL: case IR_I64X2_MUL:
  case IR_I8X16_EQ: case IR_I16X8_EQ: case IR_I32X4_EQ: case IR_I64X2_EQ:
  case IR_I8X16_NE: case IR_I16X8_NE: case IR_I32X4_NE: case IR_I64X2_NE:
    return true;
  default:
    return false;
  }
}

static uint32_t key_hash(const gvn_key *k)
{
  uint64_t h = (uint64_t)k->op << 40 ^ (uint64_t)k->type << 32 ^ (uint64_t)k->aux << 16 ^ k->nargs;
  h = (h ^ k->a[0]) * 0x9E3779B97F4A7C15ull;
  h = (h ^ k->a[1]) * 0x9E3779B97F4A7C15ull;
  h = (h ^ k->a[2]) * 0x9E3779B97F4A7C15ull;
  h = (h ^ k->imm) * 0x9E3779B97F4A7C15ull;
  h = (h ^ k->imm2 ^ (uint64_t)k->state << 32) * 0x9E3779B97F4A7C15ull;
  return (uint32_t)(h >> 32);
}

static bool key_equal(const gvn_key *x, const gvn_key *y)
{
  return x->op == y->op && x->type == y->type && x->nargs == y->nargs && x->aux == y->aux && x->a[0] == y->a[0] &&
         x->a[1] == y->a[1] && x->a[2] == y->a[2] && x->imm == y->imm && x->imm2 == y->imm2 && x->state == y->state;
}

static ssa_id find(const gvn *g, const gvn_key *k, uint32_t h)
{
  for (uint32_t e = g->bucket[h & g->mask]; e; e = g->ents[e - 1].next)
    if (g->ents[e - 1].hash == h && key_equal(&g->ents[e - 1].key, k))
      return g->ents[e - 1].value;
  return SSA_NONE;
}

static bool insert(gvn *g, const gvn_key *k, uint32_t h, ssa_id value)
{
  if (g->nents == g->ents_cap) {
    uint32_t cap = g->ents_cap ? g->ents_cap * 2 : 256;
    gvn_entry *n = realloc(g->ents, (size_t)cap * sizeof *n);
    if (!n)
      return oom(g->f);
    g->ents = n;
    g->ents_cap = cap;
  }
  gvn_entry *e = &g->ents[g->nents];
  e->key = *k;
  e->value = value;
  e->hash = h;
  e->next = g->bucket[h & g->mask];
  g->bucket[h & g->mask] = ++g->nents;
  return true;
}

/* Takes the entries made since `mark` out again (they are at the heads of their buckets). */
static void pop_to(gvn *g, uint32_t mark)
{
  while (g->nents > mark) {
    gvn_entry *e = &g->ents[--g->nents];
    g->bucket[e->hash & g->mask] = e->next;
  }
}

/* ---- numbering ----------------------------------------------------------------------------- */

/* The load that reads back what store op wrote, bit for bit; 0 when there is none. */
static uint16_t load_of_store(uint16_t op)
{
  switch (op) {
  case IR_I32_STORE: return IR_I32_LOAD;
  case IR_I64_STORE: return IR_I64_LOAD;
  case IR_F32_STORE: return IR_F32_LOAD;
  case IR_F64_STORE: return IR_F64_LOAD;
  case IR_V128_STORE: return IR_V128_LOAD;
  default: return 0;
  }
}

/* The key of v given the current states, or false when v is not numbered. */
static bool make_key(gvn *g, ssa_id v, const uint32_t *state, gvn_key *k)
{
  ssa_func *f = g->f;
  const ssa_inst *in = &f->insts[v];
  if (in->type == SSA_VOID || in->op == SSA_CONST || in->op == SSA_PARAM || in->nargs > 3)
    return false;
  unsigned e = ssa_op_effects(in->op);
  uint32_t s = 0;
  if (ssa_is_load(in->op) || in->op == IR_MEMORY_SIZE)
    s = state[CLASS_MEMORY];
  else if (in->op == IR_GLOBAL_GET) {
    if (f->m->globals[in->imm].type.mut)
      s = state[global_class(g, (uint32_t)in->imm)];
  } else if (e & ~SSA_E_TRAPS)
    return false; /* effects, calls, tables: not values of their operands alone */
  memset(k, 0, sizeof *k);
  k->op = in->op;
  k->type = in->type;
  k->nargs = (uint8_t)in->nargs;
  k->aux = in->aux;
  k->imm = in->imm;
  k->imm2 = in->imm2;
  k->state = s;
  const ssa_id *as = ssa_args(f, v);
  for (uint32_t i = 0; i < in->nargs; i++)
    k->a[i] = as[i];
  if (in->nargs == 2 && is_commutative(in->op) && k->a[0] > k->a[1]) {
    ssa_id t = k->a[0];
    k->a[0] = k->a[1];
    k->a[1] = t;
  }
  return true;
}

/* Bytes an access reads or writes: its natural alignment (the table's log2) is its width. */
static inline uint64_t access_width(uint16_t op) { return 1ull << opcodes_info[op].align; }

/* An address value as root + delta (mod 2^32): i32.add and i32.sub of constants peeled off. */
static ssa_id address_root(const ssa_func *f, ssa_id a, uint32_t *delta)
{
  *delta = 0;
  for (int n = 0; n < 4; n++) {
    const ssa_inst *in = &f->insts[a];
    if (in->op != IR_I32_ADD && in->op != IR_I32_SUB)
      break;
    const ssa_id *as = ssa_args((ssa_func *)f, a);
    ssa_id x = ssa_resolve(f, as[0]), y = ssa_resolve(f, as[1]);
    if (ssa_is_const(f, y)) {
      uint32_t c = (uint32_t)f->insts[y].imm;
      *delta += in->op == IR_I32_ADD ? c : 0u - c;
      a = x;
    } else if (in->op == IR_I32_ADD && ssa_is_const(f, x)) {
      *delta += (uint32_t)f->insts[x].imm;
      a = y;
    } else
      break;
  }
  return a;
}

/* Can a write of ww bytes at root + dw + ow (delta mod 2^32, then + offset, never wrapped)
 * touch a read of wr bytes at root + dr + or?  Each address is its linear value minus 2^32
 * when its 32-bit sum wrapped, so the distance between them is the difference of the linear
 * values, or that -+ 2^32: disjoint when none of the three brings them closer than a width. */
static bool may_overlap(uint32_t dw, uint64_t ow, uint64_t ww, uint32_t dr, uint64_t or_, uint64_t wr)
{
  int64_t diff = ((int64_t)dw + (int64_t)ow) - ((int64_t)dr + (int64_t)or_);
  const int64_t wrap = (int64_t)1 << 32;
  for (int k = -1; k <= 1; k++) {
    int64_t d = diff + k * wrap;
    if (d > -(int64_t)ww && d < (int64_t)wr)
      return true;
  }
  return false;
}

/* The value of load v (key k) from before the stores since an identical read, when those
 * stores wrote bytes disjoint from v's through the same address root; or none. */
static ssa_id find_past_stores(const gvn *g, ssa_id v, gvn_key k)
{
  const ssa_func *f = g->f;
  uint32_t dr, dw;
  ssa_id root = address_root(f, k.a[0], &dr);
  uint64_t off = f->insts[v].imm, width = access_width(f->insts[v].op);
  for (uint32_t n = 0; n < GVN_MAX_SKIPS && k.state > f->nblocks; n++) {
    ssa_id w = k.state - f->nblocks - 1; /* the write that made the state */
    const ssa_inst *st = &f->insts[w];
    if (!ssa_is_store(st->op) || address_root(f, ssa_args((ssa_func *)f, w)[0], &dw) != root ||
        may_overlap(dw, st->imm, access_width(st->op), dr, off, width))
      return SSA_NONE;
    k.state = g->before[w];
    ssa_id same = find(g, &k, key_hash(&k));
    if (same)
      return same;
  }
  return SSA_NONE;
}

static bool number_block(gvn *g, uint32_t b)
{
  ssa_func *f = g->f;
  uint32_t K = g->nclasses;
  uint32_t state[CLASS_FIRST_OWN + GVN_OWN_GLOBALS], cls[CLASS_FIRST_OWN + GVN_OWN_GLOBALS];
  memcpy(state, g->in + (size_t)b * K, K * sizeof *state);
  for (ssa_id v = f->blocks[b].first, next; v; v = next) {
    next = f->insts[v].next;
    ssa_inst *in = &f->insts[v];
    if (in->op != SSA_CONST) {
      ssa_id *as = ssa_args(f, v);
      for (uint32_t i = 0; i < in->nargs; i++)
        as[i] = ssa_resolve(f, as[i]);
    }
    gvn_key k;
    if (make_key(g, v, state, &k)) {
      uint32_t h = key_hash(&k);
      ssa_id same = find(g, &k, h);
      if (!same && ssa_is_load(in->op))
        same = find_past_stores(g, v, k);
      if (same) {
        ssa_replace(f, v, same);
        ssa_unlink(f, v);
        continue;
      }
      if (!insert(g, &k, h, v))
        return false;
    }
    if (ssa_is_store(in->op))
      g->before[v] = state[CLASS_MEMORY];
    uint32_t nc = written_classes(g, v, cls);
    for (uint32_t i = 0; i < nc; i++)
      state[cls[i]] = write_state(f, v);
    /* what a write leaves behind, readable by the next identical read */
    uint16_t lop = load_of_store(in->op);
    if (lop) {
      const ssa_id *as = ssa_args(f, v);
      gvn_key lk = {.op = lop, .type = f->insts[as[1]].type, .nargs = 1, .a = {as[0]}, .imm = in->imm,
                    .state = state[CLASS_MEMORY]};
      if (!insert(g, &lk, key_hash(&lk), as[1]))
        return false;
    } else if (in->op == IR_GLOBAL_SET) {
      uint32_t gl = (uint32_t)in->imm;
      gvn_key gk = {.op = IR_GLOBAL_GET, .type = f->m->globals[gl].type.type, .imm = gl,
                    .state = state[global_class(g, gl)]};
      if (!insert(g, &gk, key_hash(&gk), ssa_args(f, v)[0]))
        return false;
    }
  }
  return true;
}

bool opt_gvn(ssa_func *f)
{
  gvn g = {.f = f};
  bool ok = false;
  uint32_t *stack = NULL, *mark = NULL;
  uint8_t *entered = NULL;
  find_set_globals(&g);
  if (!solve_states(&g))
    goto out;
  uint32_t size = 64;
  while (size < 2 * f->ninsts)
    size *= 2;
  g.mask = size - 1;
  g.bucket = calloc(size, sizeof *g.bucket);
  g.before = malloc(f->ninsts * sizeof *g.before);
  stack = malloc((f->nreachable ? f->nreachable : 1) * sizeof *stack);
  mark = malloc(f->nblocks * sizeof *mark);
  entered = calloc(f->nblocks, 1);
  if (!g.bucket || !g.before || !stack || !mark || !entered) {
    oom(f);
    goto out;
  }
  /* preorder over the dominator tree; a block's entries leave when its subtree is done */
  uint32_t sp = 0;
  stack[sp++] = f->entry;
  while (sp) {
    uint32_t b = stack[sp - 1];
    if (entered[b]) {
      pop_to(&g, mark[b]);
      sp--;
      continue;
    }
    entered[b] = 1;
    mark[b] = g.nents;
    if (!number_block(&g, b))
      goto out;
    for (uint32_t c = f->blocks[b].dom_child; c != SSA_NO_BLOCK; c = f->blocks[c].dom_sibling)
      stack[sp++] = c;
  }
  ok = true;
out:
  free(stack);
  free(mark);
  free(entered);
  free(g.bucket);
  free(g.before);
  free(g.ents);
  free(g.in);
  free(g.out);
  free(g.last_write);
  return ok;
}
