/* ssa.c: the SSA form's storage (instructions, blocks, edges, the operand pool), value forwarding, constants, and what each op does. */
#include "opt/ssa.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* ---- growth ------------------------------------------------------------------------------- */

/* The big arrays live on the heap (they grow by doubling); small per-block arrays (edges,
 * br_table entries) in the function's arena. */
static bool grow_raw(void **p, uint32_t *cap, uint32_t need, size_t elem, bool zero)
{
  if (need <= *cap)
    return true;
  uint32_t c = *cap ? *cap : 64;
  while (c < need)
    c *= 2;
  void *q = realloc(*p, (size_t)c * elem);
  if (!q)
    return false;
  if (zero)
    memset((char *)q + (size_t)*cap * elem, 0, (size_t)(c - *cap) * elem);
  *p = q;
  *cap = c;
  return true;
}

/* Growth with the new room zeroed. */
static bool grow(void **p, uint32_t *cap, uint32_t need, size_t elem)
{
  return grow_raw(p, cap, need, elem, true);
}

static void oom(ssa_func *f)
{
  if (!f->error[0])
    snprintf(f->error, sizeof f->error, "out of memory building SSA");
}

bool ssa_func_init(ssa_func *f, const wlab_module *m, uint32_t func_index)
{
  memset(f, 0, sizeof *f);
  f->m = m;
  f->func_index = func_index;
  f->ir = m->funcs[func_index].ir;
  f->type = &m->types[m->funcs[func_index].type_index];
  f->ninsts = 1; /* id 0 is "none" */
  f->npool = 1;  /* offset 0 is never handed out */
  if (!grow((void **)&f->insts, &f->insts_cap, 64, sizeof *f->insts) ||
      !grow((void **)&f->forward, &(uint32_t){0}, f->insts_cap, sizeof *f->forward)) {
    oom(f);
    return false;
  }
  return true;
}

void ssa_func_free(ssa_func *f)
{
  free(f->insts);
  free(f->forward);
  free(f->pool);
  free(f->blocks);
  free(f->rpo_order);
  free(f->consts);
  arena_free(&f->mem);
  memset(f, 0, sizeof *f);
}

uint32_t ssa_pool_alloc(ssa_func *f, uint32_t n)
{
  if (!grow((void **)&f->pool, &f->pool_cap, f->npool + n, sizeof *f->pool)) {
    oom(f);
    return UINT32_MAX;
  }
  uint32_t at = f->npool;
  f->npool += n;
  return at;
}

uint32_t ssa_new_block(ssa_func *f)
{
  /* not zeroed: the new block is, and nothing reads past nblocks (clearing each doubling's
   * room cost as much as the blocks themselves) */
  if (!grow_raw((void **)&f->blocks, &f->blocks_cap, f->nblocks + 1, sizeof *f->blocks, false)) {
    oom(f);
    return SSA_NO_BLOCK;
  }
  ssa_block *b = &f->blocks[f->nblocks];
  memset(b, 0, sizeof *b);
  b->loop_ir_number = SSA_NO_LOOP;
  b->rpo = b->idom = b->loop_header = SSA_NO_BLOCK;
  f->cfg_valid = false;
  return f->nblocks++;
}

ssa_id ssa_new_inst(ssa_func *f, uint16_t op, uint8_t type, uint32_t nargs)
{
  uint32_t old_cap = f->insts_cap;
  /* not zeroed: the new instruction is, and nothing reads past ninsts */
  if (!grow_raw((void **)&f->insts, &f->insts_cap, f->ninsts + 1, sizeof *f->insts, false)) {
    oom(f);
    return SSA_NONE;
  }
  if (f->insts_cap != old_cap) {
    ssa_id *fw = realloc(f->forward, (size_t)f->insts_cap * sizeof *fw);
    if (!fw) {
      oom(f);
      return SSA_NONE;
    }
    memset(fw + old_cap, 0, (size_t)(f->insts_cap - old_cap) * sizeof *fw);
    f->forward = fw;
  }
  if (nargs > UINT16_MAX) {
    snprintf(f->error, sizeof f->error, "an instruction with %u operands", nargs);
    return SSA_NONE;
  }
  ssa_id v = f->ninsts;
  ssa_inst *in = &f->insts[v];
  memset(in, 0, sizeof *in);
  in->op = op;
  in->type = type;
  in->nargs = (uint16_t)nargs;
  in->block = SSA_NO_BLOCK;
  in->flags = SSA_F_DEAD;
  in->origin = f->func_index;
  if (nargs > 3) {
    uint32_t at = ssa_pool_alloc(f, nargs);
    if (at == UINT32_MAX)
      return SSA_NONE;
    in = &f->insts[v];
    in->a[0] = at;
  }
  f->ninsts++;
  return v;
}

void ssa_append(ssa_func *f, uint32_t b, ssa_id v)
{
  ssa_block *bl = &f->blocks[b];
  ssa_inst *in = &f->insts[v];
  in->block = b;
  in->flags &= (uint8_t)~SSA_F_DEAD;
  in->prev = bl->last;
  in->next = SSA_NONE;
  if (bl->last)
    f->insts[bl->last].next = v;
  else
    bl->first = v;
  bl->last = v;
}

void ssa_insert_before(ssa_func *f, ssa_id at, ssa_id v)
{
  ssa_inst *pos = &f->insts[at], *in = &f->insts[v];
  ssa_block *bl = &f->blocks[pos->block];
  in->block = pos->block;
  in->flags &= (uint8_t)~SSA_F_DEAD;
  in->next = at;
  in->prev = pos->prev;
  if (pos->prev)
    f->insts[pos->prev].next = v;
  else
    bl->first = v;
  pos->prev = v;
}

void ssa_unlink(ssa_func *f, ssa_id v)
{
  ssa_inst *in = &f->insts[v];
  if (in->flags & SSA_F_DEAD)
    return;
  ssa_block *bl = &f->blocks[in->block];
  if (in->prev)
    f->insts[in->prev].next = in->next;
  else
    bl->first = in->next;
  if (in->next)
    f->insts[in->next].prev = in->prev;
  else
    bl->last = in->prev;
  in->prev = in->next = SSA_NONE;
  in->flags |= SSA_F_DEAD;
}

/* ---- parameters and edges ------------------------------------------------------------------- */

/* Makes room for one more id in a pool-backed list of n ids at *off with capacity *cap
 * (moving it to the end of the pool when full). */
static bool list_room(ssa_func *f, uint32_t *off, uint32_t n, uint32_t *cap)
{
  if (n < *cap)
    return true;
  uint32_t c = *cap ? *cap * 2 : 2;
  uint32_t at = ssa_pool_alloc(f, c);
  if (at == UINT32_MAX)
    return false;
  if (n)
    memcpy(f->pool + at, f->pool + *off, n * sizeof *f->pool);
  *off = at;
  *cap = c;
  return true;
}

bool ssa_loop_used_after(ssa_func *f, const ssa_uses *u, const uint32_t *body, uint32_t nbody, uint32_t h)
{
  for (uint32_t i = 0; i < nbody; i++) {
    uint32_t b = body[i];
    const ssa_id *ps = ssa_params(f, b);
    for (uint32_t k = 0; k < f->blocks[b].nparams; k++)
      for (uint32_t j = u->start[ps[k]]; j < u->start[ps[k] + 1]; j++)
        if (!ssa_in_loop(f, f->insts[u->user[j]].block, h))
          return true;
    for (ssa_id v = f->blocks[b].first; v; v = f->insts[v].next)
      for (uint32_t j = u->start[v]; j < u->start[v + 1]; j++)
        if (!ssa_in_loop(f, f->insts[u->user[j]].block, h))
          return true;
  }
  return false;
}

bool ssa_copy_block(ssa_func *f, uint32_t b, uint32_t nb, bool params, ssa_id *map)
{
  f->blocks[nb].ir_start = f->blocks[b].ir_start;
  for (uint32_t k = 0; params && k < f->blocks[b].nparams; k++) {
    ssa_id p = ssa_params(f, b)[k];
    ssa_id np = ssa_add_param(f, nb, f->insts[p].type);
    if (!np)
      return false;
    f->insts[np].imm = f->insts[p].imm;
    map[p] = np;
  }
  for (ssa_id v = f->blocks[b].first; v; v = f->insts[v].next) {
    ssa_id nv = ssa_new_inst(f, f->insts[v].op, f->insts[v].type, f->insts[v].nargs);
    if (!nv)
      return false;
    ssa_inst *in = &f->insts[v], *ni = &f->insts[nv];
    ni->flags = in->flags;
    ni->aux = in->aux;
    ni->ir = in->ir;
    ni->origin = in->origin;
    ni->imm = in->imm;
    ni->imm2 = in->imm2;
    if (in->nargs <= 3)
      memcpy(ni->a, in->a, sizeof ni->a);
    else
      memcpy(f->pool + ni->a[0], f->pool + in->a[0], in->nargs * sizeof *f->pool);
    ssa_append(f, nb, nv);
    map[v] = nv;
  }
  if (f->blocks[b].ntable) {
    uint32_t *t = arena_alloc(&f->mem, f->blocks[b].ntable * sizeof *t);
    if (!t) {
      oom(f);
      return false;
    }
    memcpy(t, f->blocks[b].table, f->blocks[b].ntable * sizeof *t);
    f->blocks[nb].table = t;
    f->blocks[nb].ntable = f->blocks[b].ntable;
  }
  return true;
}

ssa_id ssa_add_param(ssa_func *f, uint32_t b, uint8_t type)
{
  ssa_id v = ssa_new_inst(f, SSA_PARAM, type, 0);
  if (!v)
    return SSA_NONE;
  ssa_block *bl = &f->blocks[b];
  if (!list_room(f, &bl->params, bl->nparams, &bl->params_cap))
    return SSA_NONE;
  bl = &f->blocks[b];
  f->insts[v].aux = (uint16_t)(bl->nparams < UINT16_MAX ? bl->nparams : UINT16_MAX);
  f->insts[v].block = b;
  f->insts[v].flags &= (uint8_t)~SSA_F_DEAD;
  f->pool[bl->params + bl->nparams++] = v;
  return v;
}

void ssa_remove_param(ssa_func *f, uint32_t b, uint32_t k)
{
  ssa_block *bl = &f->blocks[b];
  ssa_id *ps = ssa_params(f, b);
  f->insts[ps[k]].flags |= SSA_F_DEAD;
  memmove(ps + k, ps + k + 1, (bl->nparams - k - 1) * sizeof *ps);
  bl->nparams--;
  for (uint32_t i = k; i < bl->nparams; i++)
    f->insts[ps[i]].aux = (uint16_t)(i < UINT16_MAX ? i : UINT16_MAX);
  for (uint32_t p = 0; p < bl->npreds; p++) {
    ssa_edge *e = &f->blocks[bl->preds[p].block].succs[bl->preds[p].edge];
    if (e->nargs > k) {
      ssa_id *as = ssa_edge_args(f, e);
      memmove(as + k, as + k + 1, (e->nargs - k - 1) * sizeof *as);
      e->nargs--;
    }
  }
}

void ssa_move_succs(ssa_func *f, uint32_t from, uint32_t to)
{
  ssa_block *fb = &f->blocks[from], *tb = &f->blocks[to];
  tb->succs = fb->succs;
  tb->nsuccs = fb->nsuccs;
  tb->succs_cap = fb->succs_cap;
  tb->table = fb->table;
  tb->ntable = fb->ntable;
  fb->succs = NULL;
  fb->nsuccs = fb->succs_cap = 0;
  fb->table = NULL;
  fb->ntable = 0;
}

uint32_t ssa_add_edge(ssa_func *f, uint32_t b, uint32_t target)
{
  ssa_block *bl = &f->blocks[b];
  if (bl->nsuccs == bl->succs_cap) {
    uint32_t c = bl->succs_cap ? bl->succs_cap * 2 : 2;
    ssa_edge *e = arena_alloc(&f->mem, c * sizeof *e);
    if (!e) {
      oom(f);
      return UINT32_MAX;
    }
    if (bl->nsuccs)
      memcpy(e, bl->succs, bl->nsuccs * sizeof *e);
    bl->succs = e;
    bl->succs_cap = c;
  }
  ssa_edge *e = &bl->succs[bl->nsuccs];
  memset(e, 0, sizeof *e);
  e->block = target;
  f->cfg_valid = false;
  return bl->nsuccs++;
}

bool ssa_edge_add_arg(ssa_func *f, uint32_t b, uint32_t edge, ssa_id v)
{
  ssa_edge *e = &f->blocks[b].succs[edge];
  uint32_t off = e->args, cap = e->args_cap;
  if (!list_room(f, &off, e->nargs, &cap))
    return false;
  e = &f->blocks[b].succs[edge];
  e->args = off;
  e->args_cap = cap;
  f->pool[e->args + e->nargs++] = v;
  return true;
}

/* ---- forwarding -------------------------------------------------------------------------------- */

void ssa_replace(ssa_func *f, ssa_id old, ssa_id with)
{
  with = ssa_resolve(f, with);
  if (old != with) {
    f->forward[old] = with;
    f->nreplaced++;
  }
}

void ssa_apply_forwards(ssa_func *f)
{
  /* nothing replaced since the last rewrite: every operand already names a live value (a pass
   * that made none, which most are, costs no walk over the function) */
  if (!f->nreplaced)
    return;
  f->nreplaced = 0;
  for (uint32_t b = 0; b < f->nblocks; b++) {
    ssa_block *bl = &f->blocks[b];
    if (bl->dead)
      continue;
    for (ssa_id v = bl->first; v; v = f->insts[v].next) {
      ssa_id *as = ssa_args(f, v);
      uint16_t n = f->insts[v].op == SSA_CONST || f->insts[v].op == SSA_PARAM ? 0 : f->insts[v].nargs;
      for (uint16_t k = 0; k < n; k++)
        as[k] = ssa_resolve(f, as[k]);
    }
    for (uint32_t s = 0; s < bl->nsuccs; s++) {
      ssa_id *as = ssa_edge_args(f, &bl->succs[s]);
      for (uint32_t k = 0; k < bl->succs[s].nargs; k++)
        as[k] = ssa_resolve(f, as[k]);
    }
  }
}

/* ---- uses ---------------------------------------------------------------------------------- */

/* Calls visit(f, user, used, ctx) for every operand and edge argument of the live blocks. */
static void each_use(ssa_func *f, void (*visit)(ssa_id user, ssa_id used, void *ctx), void *ctx)
{
  for (uint32_t b = 0; b < f->nblocks; b++) {
    ssa_block *bl = &f->blocks[b];
    if (bl->dead)
      continue;
    for (ssa_id v = bl->first; v; v = f->insts[v].next) {
      if (f->insts[v].op == SSA_CONST)
        continue;
      ssa_id *as = ssa_args(f, v);
      for (uint16_t k = 0; k < f->insts[v].nargs; k++)
        visit(v, as[k], ctx);
    }
    for (uint32_t s = 0; s < bl->nsuccs; s++) {
      ssa_id *as = ssa_edge_args(f, &bl->succs[s]);
      for (uint32_t k = 0; k < bl->succs[s].nargs; k++)
        visit(bl->last, as[k], ctx);
    }
  }
}

static void count_use(ssa_id user, ssa_id used, void *ctx)
{
  (void)user;
  ((uint32_t *)ctx)[used]++;
}

typedef struct fill_ctx { ssa_uses *u; uint32_t *at; } fill_ctx;
static void fill_use(ssa_id user, ssa_id used, void *ctx)
{
  fill_ctx *c = ctx;
  c->u->user[c->at[used]++] = user;
}

bool ssa_uses_build(ssa_func *f, ssa_uses *u)
{
  memset(u, 0, sizeof *u);
  uint32_t n = f->ninsts;
  u->count = calloc(n, sizeof *u->count);
  u->start = malloc((n + 1) * sizeof *u->start);
  uint32_t *at = malloc((n + 1) * sizeof *at);
  if (!u->count || !u->start || !at) {
    free(at);
    ssa_uses_free(u);
    oom(f);
    return false;
  }
  each_use(f, count_use, u->count);
  uint32_t total = 0;
  for (uint32_t v = 0; v < n; v++) {
    u->start[v] = total;
    total += u->count[v];
  }
  u->start[n] = total;
  u->user = malloc((total ? total : 1) * sizeof *u->user);
  if (!u->user) {
    free(at);
    ssa_uses_free(u);
    oom(f);
    return false;
  }
  memcpy(at, u->start, (n + 1) * sizeof *at);
  fill_ctx c = {u, at};
  each_use(f, fill_use, &c);
  free(at);
  return true;
}

void ssa_uses_free(ssa_uses *u)
{
  free(u->start);
  free(u->user);
  free(u->count);
  memset(u, 0, sizeof *u);
}

/* ---- constants ------------------------------------------------------------------------------- */

static uint32_t const_hash(uint8_t type, uint64_t lo, uint64_t hi, uint32_t mask)
{
  uint64_t h = (lo * 0x9E3779B97F4A7C15ull) ^ (hi * 0xC2B2AE3D27D4EB4Full) ^ type;
  h ^= h >> 29;
  return (uint32_t)(h * 0xBF58476D1CE4E5B9ull >> 32) & mask;
}

/* Is v (an index entry) still a constant of the entry block?  A pass may have removed it. */
static bool const_live(const ssa_func *f, ssa_id v)
{
  const ssa_inst *in = &f->insts[v];
  return in->op == SSA_CONST && !(in->flags & SSA_F_DEAD) && !f->forward[v];
}

static bool consts_grow(ssa_func *f)
{
  uint32_t cap = f->consts_cap ? f->consts_cap * 2 : 64;
  ssa_id *t = calloc(cap, sizeof *t);
  if (!t)
    return false;
  uint32_t n = 0;
  for (uint32_t i = 0; i < f->consts_cap; i++) {
    ssa_id v = f->consts[i];
    if (!v || !const_live(f, v))
      continue;
    uint32_t h = const_hash(f->insts[v].type, f->insts[v].imm, f->insts[v].imm2, cap - 1);
    while (t[h])
      h = (h + 1) & (cap - 1);
    t[h] = v;
    n++;
  }
  free(f->consts);
  f->consts = t;
  f->consts_cap = cap;
  f->nconsts = n;
  return true;
}

ssa_id ssa_const(ssa_func *f, uint8_t type, uint64_t lo, uint64_t hi)
{
  /* interned through a hash index over the entry block's constants (a function of generated
   * code may have tens of thousands); an entry whose constant a pass removed is reused */
  if (2 * (f->nconsts + 1) > f->consts_cap && !consts_grow(f)) {
    oom(f);
    return SSA_NONE;
  }
  uint32_t mask = f->consts_cap - 1, h = const_hash(type, lo, hi, mask), stale = UINT32_MAX;
  for (; f->consts[h]; h = (h + 1) & mask) {
    ssa_id v = f->consts[h];
    const ssa_inst *in = &f->insts[v];
    if (!const_live(f, v)) {
      if (stale == UINT32_MAX)
        stale = h;
      continue;
    }
    if (in->type == type && in->imm == lo && in->imm2 == hi)
      return v;
  }
  ssa_id v = ssa_new_inst(f, SSA_CONST, type, 0);
  if (!v)
    return SSA_NONE;
  f->insts[v].imm = lo;
  f->insts[v].imm2 = hi;
  ssa_block *e = &f->blocks[f->entry];
  if (e->first)
    ssa_insert_before(f, e->first, v);
  else
    ssa_append(f, f->entry, v);
  if (stale != UINT32_MAX)
    h = stale;
  else
    f->nconsts++;
  f->consts[h] = v;
  return v;
}

/* ---- what an op does ------------------------------------------------------------------------- */

static uint8_t effects[SSA_OP_COUNT];
static bool effects_ready;

static void set(unsigned e, int n, ...)
{
  va_list ap;
  va_start(ap, n);
  for (int i = 0; i < n; i++)
    effects[va_arg(ap, int)] = (uint8_t)e;
  va_end(ap);
}

static void fill_effects(void)
{
  for (unsigned op = 0; op < WASM_OP_COUNT; op++) {
    const wasm_opinfo *o = &opcodes_info[op];
    if (o->imm == IMM_MEMARG || o->imm == IMM_MEMARG_LANE)
      effects[op] = o->result != OPT_NONE ? SSA_E_TRAPS | SSA_E_READS_MEM
                                          : SSA_E_TRAPS | SSA_E_WRITES_MEM | SSA_E_EFFECT;
  }
  const unsigned call = SSA_E_CALL | SSA_E_TRAPS | SSA_E_READS_MEM | SSA_E_WRITES_MEM | SSA_E_GLOBALS | SSA_E_EFFECT;
  set(SSA_E_TRAPS, 16, IR_I32_DIV_S, IR_I32_DIV_U, IR_I32_REM_S, IR_I32_REM_U, IR_I64_DIV_S, IR_I64_DIV_U,
      IR_I64_REM_S, IR_I64_REM_U, IR_I32_TRUNC_F32_S, IR_I32_TRUNC_F32_U, IR_I32_TRUNC_F64_S, IR_I32_TRUNC_F64_U,
      IR_I64_TRUNC_F32_S, IR_I64_TRUNC_F32_U, IR_I64_TRUNC_F64_S, IR_I64_TRUNC_F64_U);
  set(call, 2, IR_CALL, IR_CALL_INDIRECT);
  set(call | SSA_E_TERMINATOR, 2, IR_RETURN_CALL, IR_RETURN_CALL_INDIRECT);
  set(SSA_E_TERMINATOR, 4, IR_BR, IR_BR_IF, IR_BR_TABLE, IR_RETURN);
  set(SSA_E_TERMINATOR | SSA_E_TRAPS | SSA_E_EFFECT, 1, IR_UNREACHABLE);
  set(SSA_E_GLOBALS, 2, IR_GLOBAL_GET, IR_TABLE_SIZE);
  set(SSA_E_GLOBALS | SSA_E_EFFECT, 3, IR_GLOBAL_SET, IR_DATA_DROP, IR_ELEM_DROP);
  set(SSA_E_READS_MEM, 1, IR_MEMORY_SIZE);
  set(SSA_E_READS_MEM | SSA_E_WRITES_MEM | SSA_E_EFFECT, 1, IR_MEMORY_GROW);
  set(SSA_E_TRAPS | SSA_E_READS_MEM | SSA_E_WRITES_MEM | SSA_E_EFFECT, 3, IR_MEMORY_FILL, IR_MEMORY_COPY,
      IR_MEMORY_INIT);
  set(SSA_E_TRAPS | SSA_E_GLOBALS, 1, IR_TABLE_GET);
  set(SSA_E_TRAPS | SSA_E_GLOBALS | SSA_E_EFFECT, 4, IR_TABLE_SET, IR_TABLE_FILL, IR_TABLE_COPY, IR_TABLE_INIT);
  set(SSA_E_GLOBALS | SSA_E_EFFECT, 1, IR_TABLE_GROW);
  __atomic_store_n(&effects_ready, true, __ATOMIC_RELEASE);
}

unsigned ssa_op_effects(uint16_t op)
{
  if (!__atomic_load_n(&effects_ready, __ATOMIC_ACQUIRE))
    fill_effects(); /* idempotent: two threads racing here write the same bytes */
  return op < SSA_OP_COUNT ? effects[op] : SSA_E_EFFECT;
}

bool ssa_removable(const ssa_func *f, ssa_id v)
{
  unsigned e = ssa_op_effects(f->insts[v].op);
  return !(e & (SSA_E_TRAPS | SSA_E_EFFECT | SSA_E_TERMINATOR | SSA_E_CALL));
}

bool ssa_is_load(uint16_t op)
{
  return op < WASM_OP_COUNT && (opcodes_info[op].imm == IMM_MEMARG || opcodes_info[op].imm == IMM_MEMARG_LANE) &&
         opcodes_info[op].result != OPT_NONE;
}

bool ssa_is_store(uint16_t op)
{
  return op < WASM_OP_COUNT && (opcodes_info[op].imm == IMM_MEMARG || opcodes_info[op].imm == IMM_MEMARG_LANE) &&
         opcodes_info[op].result == OPT_NONE;
}

bool ssa_is_plain_access(uint16_t op, bool with_v128)
{
  switch (op) {
  case IR_I32_LOAD: case IR_I64_LOAD: case IR_F32_LOAD: case IR_F64_LOAD: case IR_I32_LOAD8_S:
  case IR_I32_LOAD8_U: case IR_I64_LOAD8_U: case IR_I32_LOAD16_S: case IR_I32_LOAD16_U: case IR_I64_LOAD16_U:
  case IR_I64_LOAD8_S: case IR_I64_LOAD16_S: case IR_I64_LOAD32_S: case IR_I64_LOAD32_U:
  case IR_I32_STORE: case IR_I64_STORE32: case IR_I64_STORE: case IR_I32_STORE8: case IR_I64_STORE8:
  case IR_I32_STORE16: case IR_I64_STORE16: case IR_F32_STORE: case IR_F64_STORE:
    return true;
  case IR_V128_LOAD: case IR_V128_STORE:
    return with_v128;
  default:
    return false;
  }
}

const char *ssa_op_name(uint16_t op)
{
  switch (op) {
  case SSA_PARAM: return "param";
  case SSA_CONST: return "const";
  case SSA_RESULT: return "result";
  case IR_SELECT: return "select";
  default: return op < IR_OP_COUNT ? ir_op_name((ir_op)op) : "?";
  }
}
