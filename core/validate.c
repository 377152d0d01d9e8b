/* validate.c: the validator, which type-checks every body and emits its IR in the same pass.
 *
 * One pass per body, following the spec's validation algorithm (an operand stack of types
 * and a control stack of frames), with a second job: every operand-stack entry also knows
 * where its value lives, so the pass can emit three-address IR over frame slots.
 *
 *   frame slots: [params | locals | operand stack ...]     one 8-byte slot per value,
 *                                                          two for a v128
 *   an entry's home slot = local slots + slots of the entries below it
 *
 * An entry is HOME (its value is in its home slot), LOCAL (it is a local.get that has not
 * been copied: the value is still in the local's slot) or CONST (a constant operand).  Ops
 * read LOCAL and CONST entries in place, so `local.get; i32.const; i32.add` becomes one
 * instruction.  A LOCAL entry is copied home before its local is written, and at every block
 * entry (so that all paths into a join agree on where values are).  Values that flow along a
 * branch are copied into the target's result slots on the branch's own path.
 * docs/ir.md gives the contract this produces.
 */
#include "validate.h"

#include <assert.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "decode.h"
#include "error.h"
#include "pages.h"
#include "core/startup.h"

#define T_UNKNOWN 0 /* the bottom type of unreachable code */

enum { E_HOME, E_LOCAL, E_CONST };

typedef struct entry {
  uint8_t type;
  uint8_t kind;
  uint32_t home;     /* home slot */
  uint32_t src;      /* LOCAL: the local's slot; CONST: the operand (IR_CONST_BIT | index) */
  uint32_t next_ref; /* LOCAL: the next LOCAL entry down the stack reading the same local */
  uint32_t serial;   /* which push made it (validator.pushes): an entry still on the stack with
                      * the serial it had means nothing at or below it changed since (popped
                      * and pushed back as it was, by push_types, at most) */
} entry;

#define NO_REF UINT32_MAX

enum { C_FUNC, C_BLOCK, C_LOOP, C_IF, C_ELSE };

/* A frame of the control stack.  A body nested a million deep has a million of them, so a frame
 * is small (24 bytes): its types are found through its block type (ctrl_params, results_of),
 * and what a br_table notes about its targets is kept beside the stack (validator.table_marks). */
typedef struct ctrl {
  uint8_t kind;
  bool unreachable;
  uint8_t single;        /* a value-type block: its one result's type (0: none) */
  uint32_t type_index;   /* a block of a type index, and the function: that type (NO_TYPE: none) */
  uint32_t height;       /* operand stack height (entries) at entry, below the params */
  uint32_t base_slot;    /* home slot of the first param/result */
  uint32_t label;        /* blocks, ifs, the function: the branch target's label id (an if's else
                          * label is the next one); loops: the header's instruction index */
  uint32_t typed_serial; /* the top entry's serial when a br_if last checked this frame's label
                          * types against the top values (0: never); a serial is one push's, at
                          * one stack index, so it says the height too */
} ctrl;

#define NO_LABEL UINT32_MAX
#define NO_TYPE UINT32_MAX
/* A branch carrying at most this many values copies them one by one (from wherever they are:
 * constants and locals too); more are first copied home, once, and then moved with one `move`
 * instruction, so a branch costs a bounded number of instructions whatever it carries. */
#define INLINE_MOVES 4

/* A jump table to resolve at the end: its entries hold labels (or positions known already,
 * with TABLE_RESOLVED set).  A branch instruction's target is resolved when its label is bound
 * (labels, use_label), with no record of its own. */
typedef struct fixup {
  uint32_t count;        /* entries */
  uint32_t where;        /* br_tables index of the first */
} fixup;

#define TABLE_RESOLVED 0x80000000u

#define VEC(T) struct { T *v; uint32_t n, cap; }

typedef struct validator {
  wlab_module *m;
  reader r;
  wlab_error *err;
  wlab_status status;
  uint32_t func_index;
  const functype *ft;
  uint32_t op_offset;    /* offset of the op being validated */
  uint32_t local_slots;
  uint32_t nlocals;
  const uint8_t *local_types; /* [nlocals]: the scratch arrays below, or shared ones */
  const uint32_t *local_slot;
  bool shared_locals;         /* they are arrays shared by every function of one local type */
  uint8_t *types_buf;         /* scratch for the locals of a function of several types */
  uint32_t *slot_buf;
  uint32_t locals_cap;
  /* Locals of one type only (parameters included) are the usual case, and 50,000 of them
   * would cost 250 KB of IR in every function: such functions share these, one per type and
   * one per slot width, in the module's arena, growing geometrically as functions need more. */
  uint8_t *same_types[7];
  uint32_t same_types_n[7];
  uint32_t *same_slots[2];
  uint32_t same_slots_n[2];
  uint32_t slot_top;     /* first free slot above the operand stack */
  uint32_t max_slots;
  uint32_t local_refs;   /* LOCAL entries on the stack */
  /* Stack indices, ascending, of the entries that may be LOCAL or CONST (an entry copied home
   * out of turn stays listed until a walk meets it): a copy of the top n values home, and the
   * test whether they are all home, visit only these, never the whole stack. */
  VEC(uint32_t) loose;
  uint32_t pushes;       /* entries pushed in this function (entry.serial) */
  /* What the last pop_to left above the stack: entries [intact_base, intact_top) were HOME
   * entries, and are still as they were while nothing has been pushed since (pushes is still
   * intact_pushes).  A run of the same types pushed back at intact_base, as a block's end or
   * else pushes the values a branch or the end itself popped, is then already there. */
  uint32_t intact_base, intact_top, intact_pushes;
  /* For each local slot, the topmost LOCAL entry reading it (a stack index), the head of a
   * list through entry.next_ref: a write to a local copies home exactly the entries that read
   * it, without looking at the rest of the stack.  NO_REF between functions. */
  uint32_t *ref_head;
  uint32_t ref_head_cap;
  int32_t last_def;      /* instruction that defined the top entry's home slot, or -1 */
  VEC(entry) stack;
  /* [stack.n]: each entry's type again, packed, so that the types of a run of entries (a
   * block's params, a label's values, a call's arguments) are compared with one memcmp */
  uint8_t *stack_types;
  uint32_t stack_types_cap;
  VEC(ctrl) ctrls;
  VEC(ir_inst) insts;
  VEC(uint32_t) offsets;
  VEC(uint64_t) consts;
  VEC(uint32_t) tables;
  /* Each label's instruction index once bound; before, -1, or the last branch waiting for it
   * as LABEL_WAITING(instruction, field), whose target field holds the one before it. */
  VEC(int32_t) labels;
  uint32_t waiting;      /* branch fields waiting for a label (0 at the end of a valid body) */
  VEC(fixup) fixups;
  VEC(uint8_t) ctypes;   /* a constant expression's operand stack (types) */
  uint32_t table_serial; /* br_table passes seen in this module (table_marks) */
  /* [2 * table_marks_cap], per control frame (by index from the bottom): the table_serial of the
   * br_table pass that last looked at it as a target, and the label that table's entries to it
   * jump to (NO_LABEL: a loop's header).  Kept here, not in the frame, since few frames are a
   * br_table's target; serials grow over the whole module, so an old mark never matches. */
  uint32_t *table_marks;
  uint32_t table_marks_cap;
  uint32_t nloops;
  /* [2 * ntypes]: the slots taken by each type's params, then by its results, so a branch
   * moving a type's values costs the same whatever their number */
  uint32_t *type_slots;
  /* each type's params and then its results as bytes (value types), from type_bytes_at[type]:
   * the runs check_top compares the stack's types with */
  uint8_t *type_bytes;
  uint32_t *type_bytes_at;
} validator;

#define HOT static inline __attribute__((always_inline))

WLAB_STARTUP static __attribute__((noinline)) bool grow(void **v, uint32_t *cap, uint32_t need, size_t size)
{
  uint32_t n = *cap ? *cap : 16;
  void *p;
  while (n < need)
    n *= 2;
  p = pages_resize(*v, (size_t)*cap * size, (size_t)n * size); /* a big body's: on huge pages */
  if (!p)
    return false;
  *v = p;
  *cap = n;
  return true;
}

#define VEC_FREE(vec) pages_free((vec).v, (size_t)(vec).cap * sizeof *(vec).v)

#define VEC_PUSH(val, vec, x)                                                                  \
  (__builtin_expect((vec).n < (vec).cap, 1) || grow((void **)&(vec).v, &(vec).cap, (vec).n + 1, sizeof *(vec).v)    \
       ? ((vec).v[(vec).n++] = (x), true)                                                      \
       : nomem(val))

/* ---- errors ------------------------------------------------------------------------------ */

static bool nomem(validator *v)
{
  if (v->status == WLAB_OK)
    v->status = error_set(v->err, WLAB_ERR_NOMEM, "code", v->func_index, NULL, v->op_offset, "out of memory");
  return false;
}

static bool invalid(validator *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static bool invalid(validator *v, const char *fmt, ...)
{
  char msg[160];
  va_list ap;
  if (v->status != WLAB_OK)
    return false;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  v->status = error_set(v->err, WLAB_ERR_INVALID, v->func_index == WLAB_NONE ? NULL : "code", v->func_index,
                        v->func_index == WLAB_NONE ? NULL : v->m->funcs[v->func_index].name, v->op_offset,
                        "%s", msg);
  return false;
}

/* Past one of the limits of docs/limits.md: a valid module wasmlab refuses, saying which limit. */
static bool over_limit(validator *v, const char *what, uint64_t n, uint64_t limit)
{
  if (v->status != WLAB_OK)
    return false;
  v->status = error_set(v->err, WLAB_ERR_LIMIT, v->func_index == WLAB_NONE ? NULL : "code", v->func_index,
                        v->func_index == WLAB_NONE ? NULL : v->m->funcs[v->func_index].name, v->op_offset,
                        "%s: %llu (the limit is %llu, docs/limits.md)", what, (unsigned long long)n,
                        (unsigned long long)limit);
  return false;
}

/* A decoding failure inside a body: the module is malformed, not invalid. */
static bool malformed(validator *v)
{
  if (v->status != WLAB_OK)
    return false;
  v->status = error_set(v->err, WLAB_ERR_MALFORMED, "code", v->func_index, v->m->funcs[v->func_index].name,
                        (uint32_t)v->r.fail_at, "%s", v->r.fail ? v->r.fail : "malformed");
  return false;
}

static const char *tname(uint8_t t)
{
  return t == T_UNKNOWN ? "unknown" : wlab_valtype_name((wlab_valtype)t);
}

static bool is_ref(uint8_t t) { return t == WLAB_FUNCREF || t == WLAB_EXTERNREF; }

/* ---- emission ---------------------------------------------------------------------------- */

HOT bool reachable(validator *v) { return !v->ctrls.v[v->ctrls.n - 1].unreachable; }

/* Appends an instruction (only in reachable code) and returns its index, or -1. */
HOT int32_t emit(validator *v, ir_op op, uint32_t r, uint32_t a, uint32_t b, uint32_t c, uint32_t aux)
{
  ir_inst in = {(uint16_t)op, (uint16_t)aux, r, a, b, c};
  if (!reachable(v))
    return -1;
  if (__builtin_expect(v->insts.n == v->insts.cap || v->offsets.n == v->offsets.cap, 0)) {
    if (!grow((void **)&v->insts.v, &v->insts.cap, v->insts.n + 1, sizeof *v->insts.v) ||
        !grow((void **)&v->offsets.v, &v->offsets.cap, v->offsets.n + 1, sizeof *v->offsets.v))
      return nomem(v), -1;
  }
  v->insts.v[v->insts.n++] = in;
  v->offsets.v[v->offsets.n++] = v->op_offset;
  v->last_def = -1;
  return (int32_t)v->insts.n - 1;
}

static uint32_t new_label(validator *v)
{
  VEC_PUSH(v, v->labels, -1);
  return v->labels.n - 1;
}

/* An unbound label's waiting branches form a list through their own target fields (field 0:
 * a, 1: b), so a forward branch costs no memory of its own: the list's head is in the label. */
#define LABEL_WAITING(inst, field) (-2 - (int32_t)((uint32_t)(inst) << 1 | (field)))
#define WAITING_INST(x) ((uint32_t)(-2 - (x)) >> 1)
#define WAITING_FIELD(x) ((uint32_t)(-2 - (x)) & 1)

static uint32_t *target_field(validator *v, uint32_t inst, uint32_t field)
{
  return field == 0 ? &v->insts.v[inst].a : &v->insts.v[inst].b;
}

static void bind_label(validator *v, uint32_t label)
{
  int32_t x = v->labels.v[label];
  while (x < -1) { /* the branches waiting for it */
    uint32_t *f = target_field(v, WAITING_INST(x), WAITING_FIELD(x));
    x = (int32_t)*f;
    *f = v->insts.n;
    v->waiting--;
  }
  v->labels.v[label] = (int32_t)v->insts.n;
  v->last_def = -1; /* a join: the previous instruction no longer defines the top alone */
}

/* Sets field `field` of instruction `inst` to the position of `label` (now, or when it is bound). */
static void use_label(validator *v, int32_t inst, uint8_t field, uint32_t label)
{
  int32_t x = v->labels.v[label];
  if (inst < 0)
    return;
  if (x >= 0) {
    *target_field(v, (uint32_t)inst, field) = (uint32_t)x;
    return;
  }
  *target_field(v, (uint32_t)inst, field) = (uint32_t)x;
  v->labels.v[label] = LABEL_WAITING(inst, field);
  v->waiting++;
}

HOT uint32_t add_const(validator *v, uint64_t bits)
{
  uint32_t idx = v->consts.n;
  VEC_PUSH(v, v->consts, bits);
  return IR_CONST_BIT | idx;
}

static uint32_t add_const128(validator *v, const uint8_t bytes[16])
{
  uint64_t lo, hi;
  uint32_t idx;
  memcpy(&lo, bytes, 8);
  memcpy(&hi, bytes + 8, 8);
  idx = add_const(v, lo);
  add_const(v, hi);
  return idx;
}

/* ---- the operand stack ------------------------------------------------------------------- */

HOT ctrl *top_ctrl(validator *v) { return &v->ctrls.v[v->ctrls.n - 1]; }

HOT uint32_t operand(const entry *e)
{
  return e->kind == E_HOME ? e->home : e->src;
}

HOT bool push_entry(validator *v, uint8_t type, uint8_t kind, uint32_t src)
{
  entry e = {type, kind, v->slot_top, src, NO_REF, ++v->pushes};
  if (kind != E_HOME && !VEC_PUSH(v, v->loose, v->stack.n))
    return false;
  if (__builtin_expect(v->stack.n >= v->stack_types_cap, 0) &&
      !grow((void **)&v->stack_types, &v->stack_types_cap, v->stack.n + 1, 1))
    return nomem(v);
  v->stack_types[v->stack.n] = type;
  v->slot_top += ir_type_slots(type);
  if (v->slot_top > v->max_slots) {
    v->max_slots = v->slot_top;
    if (__builtin_expect(v->max_slots > LIMIT_FRAME_SLOTS, 0))
      return over_limit(v, "frame too large (locals and operand stack, in 8-byte slots)", v->max_slots,
                        LIMIT_FRAME_SLOTS);
  }
  if (kind == E_LOCAL) {
    if (!VEC_PUSH(v, v->stack, e))
      return false;
    v->local_refs++;
    v->stack.v[v->stack.n - 1].next_ref = v->ref_head[src];
    v->ref_head[src] = v->stack.n - 1;
    return true;
  }
  return VEC_PUSH(v, v->stack, e);
}

/* A LOCAL entry stops reading its local (popped or copied home).  Entries leave a local's
 * list only from its head: pops take the top of the stack, and every copying walk goes down
 * the stack, so no LOCAL entry of the same local sits above the one leaving. */
HOT void unlink_ref(validator *v, const entry *e)
{
  assert(v->ref_head[e->src] == (uint32_t)(e - v->stack.v) && "a LOCAL entry leaves its list from the head");
  v->local_refs--;
  v->ref_head[e->src] = e->next_ref;
}

/* Pushes a value computed into its home slot; returns that slot. */
HOT uint32_t push_home(validator *v, uint8_t type)
{
  uint32_t home = v->slot_top;
  push_entry(v, type, E_HOME, 0);
  return home;
}

/* Pushes n values in their home slots, of the given types (last on top): a block's results,
 * an else's params, a call's results.  One run: the checks for room and for the frame limit
 * are made once, not per value. */
static bool push_types(validator *v, uint32_t n, const uint8_t *types)
{
  uint32_t at = v->stack.n, slot = v->slot_top, serial;
  entry *e;
  if (n == 0)
    return true;
  if (v->pushes == v->intact_pushes && at == v->intact_base && n <= v->intact_top - at &&
      v->stack.v[at].home == slot && memcmp(v->stack_types + at, types, n) == 0) {
    /* the same values in the same slots (each entry's home follows from the one below and
     * its type): push them back as they are */
    v->stack.n = at + n;
    v->slot_top = v->stack.v[at + n - 1].home + ir_type_slots(types[n - 1]);
    return true;
  }
  if ((at + n > v->stack.cap && !grow((void **)&v->stack.v, &v->stack.cap, at + n, sizeof *v->stack.v)) ||
      (at + n > v->stack_types_cap && !grow((void **)&v->stack_types, &v->stack_types_cap, at + n, 1)))
    return nomem(v);
  serial = v->pushes;
  v->pushes += n;
  e = v->stack.v + at;
  for (uint32_t i = 0; i < n; i++) {
    e[i] = (entry){types[i], E_HOME, slot, 0, NO_REF, ++serial};
    slot += ir_type_slots(types[i]);
  }
  memcpy(v->stack_types + at, types, n);
  v->stack.n = at + n;
  v->slot_top = slot;
  if (slot > v->max_slots) {
    v->max_slots = slot;
    if (__builtin_expect(v->max_slots > LIMIT_FRAME_SLOTS, 0))
      return over_limit(v, "frame too large (locals and operand stack, in 8-byte slots)", v->max_slots,
                        LIMIT_FRAME_SLOTS);
  }
  return true;
}

/* Pops every entry above `height` (types checked already, or not to be checked: code after a
 * branch).  Only the LOCAL and CONST entries among them need looking at (the loose list): a
 * block of many params leaves in one step. */
static void pop_to(validator *v, uint32_t height)
{
  uint32_t home_top = v->stack.n;
  if (v->stack.n <= height)
    return;
  while (v->loose.n && v->loose.v[v->loose.n - 1] >= height) {
    entry *e = &v->stack.v[home_top = v->loose.v[--v->loose.n]];
    if (e->kind == E_LOCAL)
      unlink_ref(v, e); /* going down: each is its local's head */
  }
  v->intact_base = height;
  v->intact_top = home_top; /* below the lowest LOCAL or CONST entry popped, all were HOME */
  v->intact_pushes = v->pushes;
  v->slot_top = v->stack.v[height].home;
  v->stack.n = height;
}

/* Pops one entry, checking its type (expect T_UNKNOWN: any).  In unreachable code the stack
 * is polymorphic: popping below the frame yields an entry of the unknown type. */
HOT bool pop_entry(validator *v, uint8_t expect, entry *out)
{
  ctrl *c = top_ctrl(v);
  entry e;
  if (v->stack.n == c->height) {
    if (!c->unreachable) {
      if (expect == T_UNKNOWN)
        return invalid(v, "type mismatch: expected a value on the stack, found nothing");
      return invalid(v, "type mismatch: expected %s on the stack, found nothing", tname(expect));
    }
    e.type = expect;
    e.kind = E_HOME;
    e.home = v->slot_top;
    e.src = 0;
    *out = e;
    return true;
  }
  e = v->stack.v[--v->stack.n];
  if (expect != T_UNKNOWN && e.type != T_UNKNOWN && e.type != expect)
    return invalid(v, "type mismatch: expected %s, found %s", tname(expect), tname(e.type));
  if (v->loose.n && v->loose.v[v->loose.n - 1] == v->stack.n)
    v->loose.n--;
  if (e.kind == E_LOCAL)
    unlink_ref(v, &v->stack.v[v->stack.n]);
  v->slot_top = e.home;
  if (e.type == T_UNKNOWN)
    e.type = expect;
  *out = e;
  return true;
}

/* Copies a LOCAL or CONST entry into its home slot.  A LOCAL entry must be the topmost one
 * reading its local (see unlink_ref): callers walk down the stack. */
static void materialize(validator *v, entry *e)
{
  if (e->kind == E_HOME)
    return;
  if (e->kind == E_LOCAL)
    unlink_ref(v, e);
  emit(v, IR_COPY, e->home, e->src, 0, 0, e->type);
  e->kind = E_HOME;
}

/* Copies home the entries from `from` up (only the LOCAL ones if locals_only): LOCAL entries
 * leave their lists going down the stack, then the copies are emitted going up, in stack
 * order. */
static void materialize_from(validator *v, uint32_t from, bool locals_only)
{
  uint32_t first = v->loose.n, kept;
  while (first > 0 && v->loose.v[first - 1] >= from)
    first--;
  for (uint32_t k = v->loose.n; k-- > first;) {
    entry *e = &v->stack.v[v->loose.v[k]];
    if (e->kind == E_LOCAL)
      unlink_ref(v, e);
  }
  kept = first;
  for (uint32_t k = first; k < v->loose.n; k++) {
    uint32_t i = v->loose.v[k];
    entry *e = &v->stack.v[i];
    if (e->kind == E_LOCAL || (e->kind == E_CONST && !locals_only)) {
      emit(v, IR_COPY, e->home, e->src, 0, 0, e->type);
      e->kind = E_HOME;
    }
    if (e->kind != E_HOME)
      v->loose.v[kept++] = i; /* a constant staying in place (locals_only) */
  }
  v->loose.n = kept;
}

/* Whether the top n values are all in their home slots. */
static bool top_home(validator *v, uint32_t n)
{
  while (v->loose.n && v->stack.v[v->loose.v[v->loose.n - 1]].kind == E_HOME)
    v->loose.n--; /* copied home out of turn */
  return v->loose.n == 0 || v->loose.v[v->loose.n - 1] < v->stack.n - n;
}

static void materialize_top(validator *v, uint32_t n)
{
  materialize_from(v, v->stack.n - n, false);
}

/* Before a local's slot is written: entries still reading it get their own copy.  Only
 * those entries are visited (the local's list), however deep they sit. */
static void preserve_local(validator *v, uint32_t slot)
{
  uint32_t i = v->ref_head[slot];
  while (i != NO_REF) {
    entry *e = &v->stack.v[i];
    i = e->next_ref;
    materialize(v, e);
  }
}

/* At a block entry: every LOCAL entry is copied home.  The walk goes down from the top only
 * as far as the lowest one, so it visits only entries pushed since the previous such walk
 * (which left no LOCAL entry below): linear over a body. */
static void preserve_all_locals(validator *v)
{
  uint32_t k = v->loose.n, left = v->local_refs;
  if (left == 0)
    return;
  while (left > 0)
    if (v->stack.v[v->loose.v[--k]].kind == E_LOCAL)
      left--;
  materialize_from(v, v->loose.v[k], true);
}

/* Checks that the top of the stack holds `types` (without popping).  In unreachable code the
 * values missing below are polymorphic: only the ones there are compared, so a return or a
 * branch after `unreachable` costs what is on the stack, not its label's arity.  The types are
 * compared as one run; only when that fails (an unknown-typed entry of unreachable code, or an
 * error to name) one by one. */
static bool check_top(validator *v, uint32_t n, const uint8_t *types)
{
  ctrl *c = top_ctrl(v);
  uint32_t have = v->stack.n - c->height;
  if (n == 0 || (have >= n && memcmp(v->stack_types + v->stack.n - n, types, n) == 0))
    return true;
  if (have < n && !c->unreachable)
    return invalid(v, "type mismatch: expected %u values on the stack, found %u", n, have);
  for (uint32_t i = have < n ? n - have : 0; i < n; i++) {
    uint8_t want = types[i];
    uint8_t got = v->stack_types[v->stack.n - n + i];
    if (got != T_UNKNOWN && got != want)
      return invalid(v, "type mismatch: expected %s, found %s", tname(want), tname(got));
  }
  return true;
}

/* Pops n values that check_top has checked (in unreachable code, those of them there are). */
static void pop_checked(validator *v, uint32_t n)
{
  uint32_t have = v->stack.n - top_ctrl(v)->height;
  pop_to(v, v->stack.n - (have < n ? have : n));
}

/* In unreachable code the missing label values are unknown-typed placeholders: push them so
 * that the entries below the top n are real.  Returns false on a type error. */
static bool fill_polymorphic(validator *v, uint32_t n, const uint8_t *types)
{
  ctrl *c = top_ctrl(v);
  uint32_t have = v->stack.n - c->height;
  if (!check_top(v, n, types))
    return false;
  if (have >= n)
    return true;
  /* pop what is there and push all n back with their types */
  pop_to(v, c->height);
  return push_types(v, n, types);
}

/* ---- control ----------------------------------------------------------------------------- */

static uint32_t label_arity(const validator *v, const struct ctrl *c);
static const uint8_t *label_types(const validator *v, const struct ctrl *c);

/* br_if's type check of the values it carries (they stay on the stack).  Checking a frame of
 * n label types costs n; a br_if repeated on the same values costs it once: if the top entry
 * is the very push the last check saw, at the same height, and the values are all in the
 * current frame, nothing below was popped since and the check still holds. */
static bool branch_typed(validator *v, ctrl *t)
{
  uint32_t n = label_arity(v, t);
  bool in_frame = v->stack.n - top_ctrl(v)->height >= n;
  if (in_frame && n > 0 && t->typed_serial == v->stack.v[v->stack.n - 1].serial)
    return true;
  if (!fill_polymorphic(v, n, label_types(v, t)))
    return false;
  if (in_frame && n > 0) {
    t->typed_serial = v->stack.v[v->stack.n - 1].serial;
  }
  return true;
}

/* A value-type block's one result, as a list of one type. */
static const uint8_t one_type[128] = {
  [WLAB_I32] = WLAB_I32, [WLAB_I64] = WLAB_I64, [WLAB_F32] = WLAB_F32, [WLAB_F64] = WLAB_F64,
  [WLAB_V128] = WLAB_V128, [WLAB_FUNCREF] = WLAB_FUNCREF, [WLAB_EXTERNREF] = WLAB_EXTERNREF,
};

/* A frame's params and results, from its block type (the function's frame has no params). */
static uint32_t ctrl_nparams(const validator *v, const ctrl *c)
{
  return c->type_index == NO_TYPE || c->kind == C_FUNC ? 0 : v->m->types[c->type_index].nparams;
}
/* A type's params and results, as runs of value-type bytes. */
static const uint8_t *type_params(const validator *v, uint32_t type_index)
{
  return v->type_bytes + v->type_bytes_at[type_index];
}
static const uint8_t *type_results(const validator *v, uint32_t type_index)
{
  return type_params(v, type_index) + v->m->types[type_index].nparams;
}
static const uint8_t *ctrl_params(const validator *v, const ctrl *c)
{
  return c->type_index == NO_TYPE || c->kind == C_FUNC ? NULL : type_params(v, c->type_index);
}
static uint32_t ctrl_nresults(const validator *v, const ctrl *c)
{
  return c->type_index != NO_TYPE ? v->m->types[c->type_index].nresults : c->single != 0;
}
static const uint8_t *results_of(const validator *v, const ctrl *c)
{
  return c->type_index != NO_TYPE ? type_results(v, c->type_index) : &one_type[c->single & 0x7F];
}
static uint32_t label_arity(const validator *v, const ctrl *c)
{
  return c->kind == C_LOOP ? ctrl_nparams(v, c) : ctrl_nresults(v, c);
}
static const uint8_t *label_types(const validator *v, const ctrl *c)
{
  return c->kind == C_LOOP ? ctrl_params(v, c) : results_of(v, c);
}

/* Emits what moves the top label values into the target's slots: one copy each, or (more
 * than INLINE_MOVES values, which the caller has copied home: consecutive slots) one move.
 * Returns how many instructions it emitted. */
static uint32_t emit_transfer(validator *v, const ctrl *target)
{
  uint32_t n = label_arity(v, target), dst = target->base_slot, copies = 0;
  const uint8_t *types = label_types(v, target);
  if (n > INLINE_MOVES) {
    /* only a type index gives a label more than one value */
    uint32_t src = v->stack.v[v->stack.n - n].home, slots = v->type_slots[2 * target->type_index + (target->kind != C_LOOP)];
    if (src == dst)
      return 0;
    /* the values' types, which a move's slots do not say, for a tier that reads values (opt/) */
    emit(v, IR_MOVE, dst, src, slots, target->type_index, target->kind == C_LOOP);
    return 1;
  }
  for (uint32_t i = 0; i < n; i++) {
    const entry *e = &v->stack.v[v->stack.n - n + i];
    if (operand(e) != dst) {
      emit(v, IR_COPY, dst, operand(e), 0, 0, types[i]);
      copies++;
    }
    dst += ir_type_slots(types[i]);
  }
  return copies;
}

static bool transfer_needed(validator *v, const ctrl *target)
{
  uint32_t n = label_arity(v, target), dst = target->base_slot;
  const uint8_t *types = label_types(v, target);
  if (n == 0)
    return false;
  /* all home: their slots are consecutive, as the target's are, so the first one decides */
  if (top_home(v, n))
    return v->stack.v[v->stack.n - n].home != dst;
  for (uint32_t i = 0; i < n; i++) {
    if (operand(&v->stack.v[v->stack.n - n + i]) != dst)
      return true;
    dst += ir_type_slots(types[i]);
  }
  return false;
}

/* An unconditional jump to a label (the function label means return). */
static void emit_jump(validator *v, const ctrl *target)
{
  if (target->kind == C_LOOP) {
    emit(v, IR_BR, 0, target->label, 0, 0, 0);
  } else {
    int32_t at = emit(v, IR_BR, 0, 0, 0, 0, 0);
    use_label(v, at, 0, target->label);
  }
}

/* Before a branch carrying more than INLINE_MOVES values to t: the values go home (once:
 * they stay there for every later branch), on the path both sides of a br_if share, so that
 * emit_transfer can move them with one instruction. */
static void settle_for_move(validator *v, const ctrl *t)
{
  if (t->kind != C_FUNC && label_arity(v, t) > INLINE_MOVES)
    materialize_top(v, label_arity(v, t));
}

/* Returns the top results, which the caller has materialized (on a path every later
 * reader shares: materializing changes what the validator believes about the entries). */
/* Before a return: results go home, except a single result read from a local. */
static void settle_results(validator *v, uint32_t n)
{
  if (n == 1 && v->stack.n > top_ctrl(v)->height && v->stack.v[v->stack.n - 1].kind == E_LOCAL)
    return;
  materialize_top(v, n);
}

static void emit_return(validator *v)
{
  const functype *ft = v->ft;
  uint32_t slots = 0;
  const entry *top = ft->nresults == 1 ? &v->stack.v[v->stack.n - 1] : NULL;
  if (top && top->kind == E_LOCAL) {
    /* one result still in its local: return it from there */
    emit(v, IR_RETURN, 0, top->src, ir_type_slots((uint8_t)ft->results[0]), 0, 0);
    return;
  }
  for (uint32_t i = 0; i < ft->nresults; i++)
    slots += ir_type_slots((uint8_t)ft->results[i]);
  emit(v, IR_RETURN, 0, ft->nresults ? v->stack.v[v->stack.n - ft->nresults].home : 0, slots, 0, 0);
}

static void set_unreachable(validator *v)
{
  ctrl *c = top_ctrl(v);
  pop_to(v, c->height);
  c->unreachable = true;
}

static bool read_blocktype(validator *v, int64_t bt, ctrl *c)
{
  c->type_index = NO_TYPE;
  c->single = 0;
  if (bt == -64) /* 0x40: empty */
    return true;
  if (bt < 0) {
    uint8_t t = (uint8_t)(bt & 0x7F);
    if (!((t >= WLAB_V128 && t <= WLAB_I32) || t == WLAB_FUNCREF || t == WLAB_EXTERNREF)) {
      v->r.fail = "malformed value type";
      v->r.fail_at = v->op_offset + 1;
      return malformed(v);
    }
    c->single = t;
    return true;
  }
  if ((uint64_t)bt >= v->m->ntypes)
    return invalid(v, "unknown type %lld", (long long)bt);
  c->type_index = (uint32_t)bt;
  return true;
}

/* Opens a block, loop or if whose params are already checked on the stack. */
static bool push_ctrl(validator *v, const ctrl *c)
{
  uint32_t params = c->type_index == NO_TYPE || c->kind == C_FUNC ? 0 : v->type_slots[2 * c->type_index];
  ctrl *f;
  if (v->ctrls.n == v->ctrls.cap && !grow((void **)&v->ctrls.v, &v->ctrls.cap, v->ctrls.n + 1, sizeof *v->ctrls.v))
    return nomem(v);
  /* field by field: a frame copied whole from the caller's, just written field by field too,
   * stalls on the store forwarding (12% of br_param_blocks' time) */
  f = &v->ctrls.v[v->ctrls.n++];
  f->kind = c->kind;
  f->unreachable = false;
  f->single = c->single;
  f->type_index = c->type_index;
  f->height = v->stack.n - ctrl_nparams(v, c);
  /* in unreachable code the params may be placeholders: base_slot is then arbitrary */
  f->base_slot = v->slot_top - params;
  f->label = c->label;
  f->typed_serial = 0;
  return true;
}

/* Makes table_marks cover every frame on the control stack, new marks zero (no serial). */
static bool table_marks_cover(validator *v)
{
  uint32_t old = v->table_marks_cap;
  if (v->ctrls.n <= old)
    return true;
  if (!grow((void **)&v->table_marks, &v->table_marks_cap, v->ctrls.n, 2 * sizeof *v->table_marks))
    return nomem(v);
  memset(v->table_marks + 2 * (size_t)old, 0, 2 * sizeof *v->table_marks * (size_t)(v->table_marks_cap - old));
  return true;
}

static ctrl *label_at(validator *v, uint32_t depth)
{
  if (depth >= v->ctrls.n) {
    invalid(v, "unknown label %u", depth);
    return NULL;
  }
  return &v->ctrls.v[v->ctrls.n - 1 - depth];
}

/* ---- function-level helpers -------------------------------------------------------------- */

static bool check_memory(validator *v)
{
  if (v->m->nmemories == 0)
    return invalid(v, "unknown memory 0");
  return true;
}

static const functype *func_type(const wlab_module *m, uint32_t f)
{
  return &m->types[m->funcs[f].type_index];
}

/* Pops the arguments of a call to a function of type `type_index` and returns the slot where
 * they start (after materializing them there, since a call passes its arguments in
 * consecutive slots). */
static bool pop_args(validator *v, uint32_t type_index, uint32_t *base)
{
  uint32_t n = v->m->types[type_index].nparams;
  if (!check_top(v, n, type_params(v, type_index)))
    return false;
  if (reachable(v))
    materialize_top(v, n);
  pop_checked(v, n);
  *base = v->slot_top;
  return true;
}

static bool same_results(const functype *a, const functype *b)
{
  if (a->nresults != b->nresults)
    return false;
  for (uint32_t i = 0; i < a->nresults; i++)
    if (a->results[i] != b->results[i])
      return false;
  return true;
}

/* The fast path: an op with no immediates whose whole type is in the opcode table. */
static bool plain_op(validator *v, wasm_op op)
{
  const wasm_opinfo *o = &opcodes_info[op];
  entry in[3] = {{0}};
  uint32_t r = 0, ops[3] = {0, 0, 0};
  int32_t at;
  for (int i = o->nparams; i-- > 0;) {
    if (!pop_entry(v, o->params[i], &in[i]))
      return false;
    ops[i] = operand(&in[i]);
  }
  if (o->result == OPT_NONE)
    return emit(v, (ir_op)op, 0, ops[0], ops[1], ops[2], 0), true;
  r = push_home(v, o->result);
  at = emit(v, (ir_op)op, r, ops[0], ops[1], ops[2], 0);
  v->last_def = at;
  return true;
}

/* The generic path: an op whose whole type is in the opcode table. */
static bool simple_op(validator *v, wasm_op op, const wasm_imms *imm)
{
  const wasm_opinfo *o = &opcodes_info[op];
  entry in[3] = {{0}};
  uint32_t r = 0, ops[3] = {0, 0, 0}, aux = 0;
  int32_t at;

  if (o->imm == IMM_MEMARG || o->imm == IMM_MEMARG_LANE) {
    if (!check_memory(v))
      return false;
    if (imm->a >= 32 || (1u << imm->a) > (1u << o->align))
      return invalid(v, "alignment must not be larger than natural");
  }
  if (o->lanes && imm->lane >= o->lanes)
    return invalid(v, "invalid lane index %u", imm->lane);

  for (int i = o->nparams; i-- > 0;)
    if (!pop_entry(v, o->params[i], &in[i]))
      return false;
  for (int i = 0; i < o->nparams; i++)
    ops[i] = operand(&in[i]);
  if (o->result != OPT_NONE)
    r = push_home(v, o->result);

  switch ((wasm_imm)o->imm) {
  case IMM_MEMARG:
    /* loads: r, a=addr, b=offset; stores: a=addr, b=value, c=offset */
    if (o->result != OPT_NONE)
      at = emit(v, (ir_op)op, r, ops[0], (uint32_t)imm->offset, 0, 0);
    else
      at = emit(v, (ir_op)op, 0, ops[0], ops[1], (uint32_t)imm->offset, 0);
    break;
  case IMM_MEMARG_LANE:
    at = emit(v, (ir_op)op, r, ops[0], ops[1], (uint32_t)imm->offset, imm->lane);
    break;
  case IMM_LANE:
    aux = imm->lane;
    /* fall through */
  default:
    at = emit(v, (ir_op)op, r, ops[0], ops[1], ops[2], aux);
    break;
  }
  if (o->result != OPT_NONE)
    v->last_def = at;
  return true;
}

static bool check_table(validator *v, uint32_t t)
{
  if (t >= v->m->ntables)
    return invalid(v, "unknown table %u", t);
  return true;
}

static bool check_func(validator *v, uint32_t f)
{
  if (f >= v->m->nfuncs)
    return invalid(v, "unknown function %u", f);
  return true;
}

static bool check_data(validator *v, uint32_t d)
{
  if (!v->m->has_datacount && d >= v->m->ndatas)
    return invalid(v, "unknown data segment %u", d);
  if (!v->m->has_datacount) {
    v->r.fail = "data count section required";
    v->r.fail_at = v->op_offset;
    return malformed(v);
  }
  if (d >= v->m->datacount)
    return invalid(v, "unknown data segment %u", d);
  return true;
}

static bool check_elem(validator *v, uint32_t e)
{
  if (e >= v->m->nelems)
    return invalid(v, "unknown elem segment %u", e);
  return true;
}

/* Without the feature, the tail-call opcodes do not exist: the module is malformed. */
static bool tail_calls_enabled(validator *v)
{
  if (v->m->features & WLAB_FEATURE_TAIL_CALL)
    return true;
  v->r.fail = "illegal opcode (tail calls are not enabled)";
  v->r.fail_at = v->op_offset;
  return malformed(v);
}

static bool func_declared(const wlab_module *m, uint32_t f)
{
  return (m->declared_refs[f / 32] >> (f % 32)) & 1;
}

/* local.get, local.set, local.tee: the commonest ops, so the main loop calls this directly. */
HOT bool local_op(validator *v, wasm_op op, uint32_t index)
{
  entry a = {0};
  uint32_t slot;
  uint8_t t;
  int32_t def;
  if (index >= v->nlocals)
    return invalid(v, "unknown local %u", index);
  slot = v->local_slot[index];
  t = v->local_types[index];
  if (op == WASM_LOCAL_GET)
    return push_entry(v, t, E_LOCAL, slot);
  /* a value computed by the last instruction can be computed straight into the local */
  def = v->last_def;
  if (!pop_entry(v, t, &a))
    return false;
  if (reachable(v)) {
    preserve_local(v, slot);
    if (a.kind == E_HOME && def >= 0 && def == (int32_t)v->insts.n - 1 && v->insts.v[def].r == a.home)
      v->insts.v[def].r = slot;
    else if (operand(&a) != slot)
      emit(v, IR_COPY, slot, operand(&a), 0, 0, t);
  }
  if (op == WASM_LOCAL_TEE)
    return push_entry(v, t, E_LOCAL, slot);
  return true;
}

/* ---- one instruction --------------------------------------------------------------------- */

static bool instruction(validator *v, wasm_op op, const wasm_imms *imm)
{
  wlab_module *m = v->m;
  entry a = {0}, b = {0}, c = {0};
  uint32_t r;
  int32_t at;

  switch (op) {
  case WASM_UNREACHABLE:
    emit(v, IR_UNREACHABLE, 0, 0, 0, 0, 0);
    set_unreachable(v);
    return true;
  case WASM_NOP:
    return true;

  case WASM_BLOCK: case WASM_LOOP: case WASM_IF: {
    ctrl nc = {0};
    entry cond = {0};
    nc.kind = op == WASM_BLOCK ? C_BLOCK : op == WASM_LOOP ? C_LOOP : C_IF;
    if (!read_blocktype(v, imm->blocktype, &nc))
      return false;
    if (op == WASM_IF && !pop_entry(v, WLAB_I32, &cond))
      return false;
    if (!fill_polymorphic(v, ctrl_nparams(v, &nc), ctrl_params(v, &nc)))
      return false;
    if (reachable(v)) {
      preserve_all_locals(v);
      materialize_top(v, ctrl_nparams(v, &nc));
    }
    if (op != WASM_LOOP)
      nc.label = new_label(v);
    if (op == WASM_IF) {
      uint32_t else_label = new_label(v); /* label + 1 */
      at = emit(v, IR_BR_UNLESS, 0, operand(&cond), 0, 0, 0);
      use_label(v, at, 1, else_label);
    }
    if (op == WASM_LOOP) {
      nc.label = v->insts.n;
      emit(v, IR_LOOP_HEAD, 0, v->nloops++, 0, 0, 0);
      v->last_def = -1;
    }
    return push_ctrl(v, &nc);
  }

  case WASM_ELSE: {
    ctrl *cur = top_ctrl(v);
    uint32_t nresults = ctrl_nresults(v, cur), nparams = ctrl_nparams(v, cur);
    const uint8_t *params = ctrl_params(v, cur);
    if (cur->kind != C_IF)
      return invalid(v, "else without matching if");
    if (!check_top(v, nresults, results_of(v, cur)))
      return false;
    if (v->stack.n - cur->height > nresults || (v->stack.n - cur->height < nresults && !cur->unreachable))
      return invalid(v, "type mismatch: block has %u values left, expected %u", v->stack.n - cur->height, nresults);
    if (reachable(v)) {
      materialize_top(v, nresults);
      at = emit(v, IR_BR, 0, 0, 0, 0, 0);
      use_label(v, at, 0, cur->label);
    }
    set_unreachable(v);
    bind_label(v, cur->label + 1);
    cur->kind = C_ELSE;
    cur->unreachable = false;
    /* the params again, in their home slots */
    v->slot_top = cur->base_slot;
    return push_types(v, nparams, params);
  }

  case WASM_END: {
    ctrl *cur = top_ctrl(v);
    ctrl done;
    uint32_t nresults = ctrl_nresults(v, cur);
    const uint8_t *results = results_of(v, cur);
    if (!check_top(v, nresults, results))
      return false;
    if (v->stack.n - cur->height > nresults || (v->stack.n - cur->height < nresults && !cur->unreachable))
      return invalid(v, "type mismatch: block has %u values left, expected %u", v->stack.n - cur->height, nresults);
    if (cur->kind == C_IF) {
      /* no else: the false path passes the params through as the results */
      if (ctrl_nparams(v, cur) != nresults || (nresults && memcmp(ctrl_params(v, cur), results, nresults) != 0))
        return invalid(v, "type mismatch: if without else must have matching param and result types");
    }
    if (cur->kind == C_FUNC) {
      if (reachable(v)) {
        settle_results(v, nresults);
        emit_return(v);
      }
      v->ctrls.n--;
      return true;
    }
    if (reachable(v))
      materialize_top(v, nresults);
    done = *cur;
    set_unreachable(v);
    v->ctrls.n--;
    if (done.kind == C_IF)
      bind_label(v, done.label + 1);
    if (done.kind != C_LOOP)
      bind_label(v, done.label);
    else
      v->last_def = -1; /* no branch targets a loop's end, but the IR stays what it was */
    v->slot_top = done.base_slot;
    return push_types(v, nresults, results);
  }

  case WASM_BR: {
    ctrl *t = label_at(v, imm->a);
    if (!t || !check_top(v, label_arity(v, t), label_types(v, t)))
      return false;
    if (reachable(v)) {
      if (t->kind == C_FUNC) {
        settle_results(v, label_arity(v, t));
        emit_return(v);
      } else {
        if (transfer_needed(v, t))
          settle_for_move(v, t);
        emit_transfer(v, t);
        emit_jump(v, t);
      }
    }
    set_unreachable(v);
    return true;
  }

  case WASM_BR_IF: {
    ctrl *t;
    if (!pop_entry(v, WLAB_I32, &c))
      return false;
    if (!(t = label_at(v, imm->a)) || !branch_typed(v, t))
      return false;
    if (!reachable(v))
      return true;
    if (t->kind == C_FUNC)
      settle_results(v, label_arity(v, t)); /* before the branch: both paths see it */
    if (t->kind != C_FUNC && transfer_needed(v, t))
      settle_for_move(v, t); /* home, on the path both sides share */
    if (t->kind == C_FUNC || transfer_needed(v, t)) {
      uint32_t skip = new_label(v);
      at = emit(v, IR_BR_UNLESS, 0, operand(&c), 0, 0, 0);
      use_label(v, at, 1, skip);
      if (t->kind == C_FUNC) {
        /* return copies the results home; the fall-through path must see the same */
        emit_return(v);
      } else {
        emit_transfer(v, t);
        emit_jump(v, t);
      }
      bind_label(v, skip);
    } else if (t->kind == C_LOOP) {
      emit(v, IR_BR_IF, 0, operand(&c), t->label, 0, 0);
    } else {
      at = emit(v, IR_BR_IF, 0, operand(&c), 0, 0, 0);
      use_label(v, at, 1, t->label);
    }
    return true;
  }

  case WASM_BR_TABLE: {
    reader lr = {v->r.base, imm->table, v->r.end, NULL, 0};
    uint32_t n = imm->a, arity = 0, start, depth = 0, serial = ++v->table_serial, *mark;
    ctrl *dflt;
    bool any_copies = false;
    if (!pop_entry(v, WLAB_I32, &c) || !table_marks_cover(v))
      return false;
    if (!(dflt = label_at(v, imm->b)))
      return false;
    arity = label_arity(v, dflt);
    /* first pass: validate every label, the types once per distinct target */
    for (uint32_t i = 0; i <= n; i++) {
      ctrl *t;
      if (i < n)
        read_u32(&lr, &depth);
      else
        depth = imm->b;
      if (!(t = label_at(v, depth)))
        return false;
      if (label_arity(v, t) != arity)
        return invalid(v, "type mismatch: br_table targets have different arities");
      mark = &v->table_marks[2 * (uint32_t)(t - v->ctrls.v)];
      if (mark[0] == serial)
        continue;
      mark[0] = serial;
      if (!check_top(v, arity, label_types(v, t)))
        return false;
      if (reachable(v) && (t->kind == C_FUNC || transfer_needed(v, t)))
        any_copies = true;
    }
    if (reachable(v)) {
      /* the jump table: n entries and the default; a target needing copies is reached
       * through a stub emitted after the table jump, one for all the entries that go there */
      start = v->tables.n;
      for (uint32_t i = 0; i <= n; i++)
        VEC_PUSH(v, v->tables, 0);
      if (any_copies)
        materialize_top(v, arity); /* stubs are reached on different paths: settle first */
      emit(v, IR_BR_TABLE, 0, operand(&c), start, n + 1, 0);
      serial = ++v->table_serial;
      lr.p = imm->table;
      for (uint32_t i = 0; i <= n; i++) {
        ctrl *t;
        if (i < n)
          read_u32(&lr, &depth);
        else
          depth = imm->b;
        t = label_at(v, depth);
        mark = &v->table_marks[2 * (uint32_t)(t - v->ctrls.v)];
        if (mark[0] != serial) {
          mark[0] = serial;
          if (t->kind == C_FUNC || transfer_needed(v, t)) {
            mark[1] = new_label(v);
            bind_label(v, mark[1]);
            if (t->kind == C_FUNC) {
              emit_return(v);
            } else {
              emit_transfer(v, t);
              emit_jump(v, t);
            }
          } else {
            mark[1] = t->kind == C_LOOP ? NO_LABEL : t->label;
          }
        }
        /* a label for now, or a loop's header known already; resolve_labels makes them positions */
        v->tables.v[start + i] = mark[1] == NO_LABEL ? t->label | TABLE_RESOLVED : mark[1];
      }
      { /* one fixup for the whole table, not one per entry */
        fixup f = {n + 1, start};
        VEC_PUSH(v, v->fixups, f);
      }
    }
    set_unreachable(v);
    return true;
  }

  case WASM_RETURN:
    if (!check_top(v, v->ft->nresults, results_of(v, &v->ctrls.v[0])))
      return false;
    if (reachable(v)) {
      settle_results(v, v->ft->nresults);
      emit_return(v);
    }
    set_unreachable(v);
    return true;

  case WASM_CALL: case WASM_RETURN_CALL: {
    const functype *ft;
    uint32_t base;
    if (op == WASM_RETURN_CALL && !tail_calls_enabled(v))
      return false;
    if (!check_func(v, imm->a))
      return false;
    ft = func_type(m, imm->a);
    if (op == WASM_RETURN_CALL && !same_results(ft, v->ft))
      return invalid(v, "type mismatch: return_call callee results differ from the caller's");
    if (!pop_args(v, m->funcs[imm->a].type_index, &base))
      return false;
    emit(v, op == WASM_CALL ? IR_CALL : IR_RETURN_CALL, base, imm->a, 0, 0, 0);
    if (op == WASM_RETURN_CALL)
      set_unreachable(v);
    else
      return push_types(v, ft->nresults, type_results(v, m->funcs[imm->a].type_index));
    return true;
  }

  case WASM_CALL_INDIRECT: case WASM_RETURN_CALL_INDIRECT: {
    const functype *ft;
    uint32_t base;
    if (op == WASM_RETURN_CALL_INDIRECT && !tail_calls_enabled(v))
      return false;
    if (!check_table(v, imm->b))
      return false;
    if (m->tables[imm->b].elem != WLAB_FUNCREF)
      return invalid(v, "type mismatch: call_indirect table must hold funcref");
    if (imm->a >= m->ntypes)
      return invalid(v, "unknown type %u", imm->a);
    ft = &m->types[imm->a];
    if (op == WASM_RETURN_CALL_INDIRECT && !same_results(ft, v->ft))
      return invalid(v, "type mismatch: return_call_indirect callee results differ from the caller's");
    if (!pop_entry(v, WLAB_I32, &c) || !pop_args(v, imm->a, &base))
      return false;
    emit(v, op == WASM_CALL_INDIRECT ? IR_CALL_INDIRECT : IR_RETURN_CALL_INDIRECT, base, operand(&c), imm->a, 0,
         imm->b);
    if (op == WASM_RETURN_CALL_INDIRECT)
      set_unreachable(v);
    else
      return push_types(v, ft->nresults, type_results(v, imm->a));
    return true;
  }

  case WASM_DROP:
    return pop_entry(v, T_UNKNOWN, &a);

  case WASM_SELECT: case WASM_SELECT_T: {
    uint8_t t;
    if (!pop_entry(v, WLAB_I32, &c))
      return false;
    if (op == WASM_SELECT_T) {
      if (imm->a != 1)
        return invalid(v, "invalid result arity: select takes one type, given %u", imm->a);
      t = (uint8_t)imm->b;
      if (!((t >= WLAB_V128 && t <= WLAB_I32) || is_ref(t))) {
        v->r.fail = "malformed value type";
        v->r.fail_at = v->op_offset + 2;
        return malformed(v);
      }
      if (!pop_entry(v, t, &b) || !pop_entry(v, t, &a))
        return false;
    } else {
      if (!pop_entry(v, T_UNKNOWN, &b) || !pop_entry(v, T_UNKNOWN, &a))
        return false;
      if (is_ref(a.type) || is_ref(b.type))
        return invalid(v, "type mismatch: select without a type needs numeric or vector operands");
      if (a.type != b.type && a.type != T_UNKNOWN && b.type != T_UNKNOWN)
        return invalid(v, "type mismatch: select operands are %s and %s", tname(a.type), tname(b.type));
      t = a.type != T_UNKNOWN ? a.type : b.type;
    }
    r = push_home(v, t);
    at = emit(v, t == WLAB_V128 ? IR_SELECT128 : IR_SELECT, r, operand(&a), operand(&b), operand(&c), t);
    v->last_def = at;
    return true;
  }

  case WASM_LOCAL_GET: case WASM_LOCAL_SET: case WASM_LOCAL_TEE:
    return local_op(v, op, imm->a);

  case WASM_GLOBAL_GET:
    if (imm->a >= m->nglobals)
      return invalid(v, "unknown global %u", imm->a);
    r = push_home(v, m->globals[imm->a].type.type);
    v->last_def = emit(v, IR_GLOBAL_GET, r, imm->a, 0, 0, m->globals[imm->a].type.type);
    return true;

  case WASM_GLOBAL_SET:
    if (imm->a >= m->nglobals)
      return invalid(v, "unknown global %u", imm->a);
    if (!m->globals[imm->a].type.mut)
      return invalid(v, "global is immutable: global.set of global %u", imm->a);
    if (!pop_entry(v, m->globals[imm->a].type.type, &a))
      return false;
    emit(v, IR_GLOBAL_SET, 0, imm->a, operand(&a), 0, m->globals[imm->a].type.type);
    return true;

  case WASM_TABLE_GET:
    if (!check_table(v, imm->a) || !pop_entry(v, WLAB_I32, &a))
      return false;
    r = push_home(v, m->tables[imm->a].elem);
    v->last_def = emit(v, IR_TABLE_GET, r, operand(&a), 0, 0, imm->a);
    return true;
  case WASM_TABLE_SET:
    if (!check_table(v, imm->a) || !pop_entry(v, m->tables[imm->a].elem, &b) || !pop_entry(v, WLAB_I32, &a))
      return false;
    emit(v, IR_TABLE_SET, 0, operand(&a), operand(&b), 0, imm->a);
    return true;
  case WASM_TABLE_SIZE:
    if (!check_table(v, imm->a))
      return false;
    r = push_home(v, WLAB_I32);
    v->last_def = emit(v, IR_TABLE_SIZE, r, 0, 0, 0, imm->a);
    return true;
  case WASM_TABLE_GROW:
    if (!check_table(v, imm->a) || !pop_entry(v, WLAB_I32, &b) || !pop_entry(v, m->tables[imm->a].elem, &a))
      return false;
    r = push_home(v, WLAB_I32);
    v->last_def = emit(v, IR_TABLE_GROW, r, operand(&a), operand(&b), 0, imm->a);
    return true;
  case WASM_TABLE_FILL:
    if (!check_table(v, imm->a) || !pop_entry(v, WLAB_I32, &c) || !pop_entry(v, m->tables[imm->a].elem, &b) ||
        !pop_entry(v, WLAB_I32, &a))
      return false;
    emit(v, IR_TABLE_FILL, 0, operand(&a), operand(&b), operand(&c), imm->a);
    return true;
  case WASM_TABLE_COPY: /* a = destination table, b = source table */
    if (!check_table(v, imm->a) || !check_table(v, imm->b))
      return false;
    if (m->tables[imm->a].elem != m->tables[imm->b].elem)
      return invalid(v, "type mismatch: table.copy between %s and %s tables", tname(m->tables[imm->b].elem),
                     tname(m->tables[imm->a].elem));
    if (!pop_entry(v, WLAB_I32, &c) || !pop_entry(v, WLAB_I32, &b) || !pop_entry(v, WLAB_I32, &a))
      return false;
    emit(v, IR_TABLE_COPY, imm->b, operand(&a), operand(&b), operand(&c), imm->a);
    return true;
  case WASM_TABLE_INIT: /* a = elem segment, b = table */
    if (!check_table(v, imm->b) || !check_elem(v, imm->a))
      return false;
    if (m->tables[imm->b].elem != m->elems[imm->a].type)
      return invalid(v, "type mismatch: table.init of a %s segment into a %s table", tname(m->elems[imm->a].type),
                     tname(m->tables[imm->b].elem));
    if (!pop_entry(v, WLAB_I32, &c) || !pop_entry(v, WLAB_I32, &b) || !pop_entry(v, WLAB_I32, &a))
      return false;
    emit(v, IR_TABLE_INIT, imm->a, operand(&a), operand(&b), operand(&c), imm->b);
    return true;
  case WASM_ELEM_DROP:
    if (!check_elem(v, imm->a))
      return false;
    emit(v, IR_ELEM_DROP, 0, imm->a, 0, 0, 0);
    return true;

  case WASM_MEMORY_SIZE:
    if (!check_memory(v))
      return false;
    r = push_home(v, WLAB_I32);
    v->last_def = emit(v, IR_MEMORY_SIZE, r, 0, 0, 0, 0);
    return true;
  case WASM_MEMORY_GROW:
    if (!check_memory(v) || !pop_entry(v, WLAB_I32, &a))
      return false;
    r = push_home(v, WLAB_I32);
    v->last_def = emit(v, IR_MEMORY_GROW, r, operand(&a), 0, 0, 0);
    return true;
  case WASM_MEMORY_FILL: case WASM_MEMORY_COPY:
    if (!check_memory(v) || !pop_entry(v, WLAB_I32, &c) || !pop_entry(v, WLAB_I32, &b) ||
        !pop_entry(v, WLAB_I32, &a))
      return false;
    emit(v, (ir_op)op, 0, operand(&a), operand(&b), operand(&c), 0);
    return true;
  case WASM_MEMORY_INIT:
    if (!check_memory(v) || !check_data(v, imm->a))
      return false;
    if (!pop_entry(v, WLAB_I32, &c) || !pop_entry(v, WLAB_I32, &b) || !pop_entry(v, WLAB_I32, &a))
      return false;
    emit(v, IR_MEMORY_INIT, imm->a, operand(&a), operand(&b), operand(&c), 0);
    return true;
  case WASM_DATA_DROP:
    if (!check_data(v, imm->a))
      return false;
    emit(v, IR_DATA_DROP, 0, imm->a, 0, 0, 0);
    return true;

  case WASM_REF_NULL:
    if (!is_ref((uint8_t)imm->a)) {
      v->r.fail = "malformed reference type";
      v->r.fail_at = v->op_offset + 1;
      return malformed(v);
    }
    return push_entry(v, (uint8_t)imm->a, E_CONST, add_const(v, 0));
  case WASM_REF_IS_NULL:
    if (!pop_entry(v, T_UNKNOWN, &a))
      return false;
    if (!is_ref(a.type) && a.type != T_UNKNOWN)
      return invalid(v, "type mismatch: ref.is_null needs a reference, found %s", tname(a.type));
    r = push_home(v, WLAB_I32);
    v->last_def = emit(v, IR_REF_IS_NULL, r, operand(&a), 0, 0, 0);
    return true;
  case WASM_REF_FUNC:
    if (!check_func(v, imm->a))
      return false;
    if (!func_declared(m, imm->a))
      return invalid(v, "undeclared function reference %u", imm->a);
    r = push_home(v, WLAB_FUNCREF);
    v->last_def = emit(v, IR_REF_FUNC, r, imm->a, 0, 0, 0);
    return true;

  case WASM_I32_CONST: case WASM_I64_CONST: case WASM_F32_CONST: case WASM_F64_CONST:
    return push_entry(v, opcodes_info[op].result, E_CONST, add_const(v, imm->c.u64));
  case WASM_V128_CONST:
    return push_entry(v, WLAB_V128, E_CONST, add_const128(v, imm->c.v128));
  case WASM_I8X16_SHUFFLE:
    for (int i = 0; i < 16; i++)
      if (imm->c.v128[i] >= 32)
        return invalid(v, "invalid lane index %u", imm->c.v128[i]);
    if (!pop_entry(v, WLAB_V128, &b) || !pop_entry(v, WLAB_V128, &a))
      return false;
    r = push_home(v, WLAB_V128);
    v->last_def = emit(v, IR_I8X16_SHUFFLE, r, operand(&a), operand(&b), add_const128(v, imm->c.v128), 0);
    return true;

  default:
    return simple_op(v, op, imm);
  }
}

/* ---- one function ------------------------------------------------------------------------ */

static void reset(validator *v)
{
  v->stack.n = v->ctrls.n = v->insts.n = v->offsets.n = 0;
  v->consts.n = v->tables.n = v->labels.n = v->fixups.n = 0;
  v->waiting = 0;
  v->local_refs = 0;
  v->loose.n = 0;
  v->pushes = 0;
  v->intact_base = v->intact_top = v->intact_pushes = 0;
  v->last_def = -1;
  v->nloops = 0;
}

static bool resolve_labels(validator *v)
{
  if (v->waiting)
    return invalid(v, "internal: unbound label"); /* cannot happen for a validated body */
  for (uint32_t i = 0; i < v->fixups.n; i++) {
    fixup *f = &v->fixups.v[i];
    for (uint32_t k = f->where; k < f->where + f->count; k++) {
      uint32_t x = v->tables.v[k];
      if (!(x & TABLE_RESOLVED) && v->labels.v[x] < 0)
        return invalid(v, "internal: unbound label"); /* cannot happen for a validated body */
      v->tables.v[k] = x & TABLE_RESOLVED ? x & ~TABLE_RESOLVED : (uint32_t)v->labels.v[x];
    }
  }
  return true;
}

/* An array of the validator's that is a mapping of its own (PAGES_MAP_MIN or more) and fills at
 * least a quarter of it becomes the IR's as it is: the module's arena adopts its mapping, and
 * the validator starts a new one (copying it would touch as much memory again, each new page a
 * fault).  One filled less (a small function after a big one) is copied: adopting it would keep
 * a mapping mostly empty. */
#define ADOPT(vec)                                                                             \
  ((size_t)(vec).cap * sizeof *(vec).v >= PAGES_MAP_MIN &&                                     \
   (size_t)(vec).n * sizeof *(vec).v * 4 >= (((size_t)(vec).cap * sizeof *(vec).v + PAGES_HUGE - 1) & ~(PAGES_HUGE - 1)) && \
   arena_adopt(&m->mem, (vec).v, (size_t)(vec).cap * sizeof *(vec).v))

/* The function's IR, in one block of the module's arena (a small function's IR is mostly its
 * header: one allocation, one rounding), but for the big arrays of a big function, which the
 * arena adopts: copying them would cost their size again in time and in peak memory. */
WLAB_STARTUP static bool finish_ir(validator *v, func *f)
{
  wlab_module *m = v->m;
  size_t ni = v->insts.n, nk = v->consts.n, nt = v->tables.n, nl = v->shared_locals ? 0 : v->nlocals;
  bool own_insts = ADOPT(v->insts), own_offsets = own_insts && ADOPT(v->offsets), own_consts = ADOPT(v->consts);
  size_t size = sizeof(ir_func) + (own_consts ? 0 : nk * sizeof(uint64_t)) + (own_insts ? 0 : ni * sizeof(ir_inst)) +
                (own_offsets ? 0 : ni * sizeof(uint32_t)) + (nt + nl) * sizeof(uint32_t) + nl;
  uint8_t *p = arena_take(&m->mem, size); /* every field and array is written below */
  ir_func *ir = (ir_func *)p;
  if (!p)
    return nomem(v);
  _Static_assert(sizeof(ir_func) % 8 == 0, "the constants after the header stay 8-byte aligned");
  p += sizeof *ir;
  ir->consts = own_consts ? v->consts.v : (uint64_t *)p, p += own_consts ? 0 : nk * sizeof(uint64_t);
  ir->insts = own_insts ? v->insts.v : (ir_inst *)p, p += own_insts ? 0 : ni * sizeof(ir_inst);
  ir->wasm_offsets = own_offsets ? v->offsets.v : (uint32_t *)p, p += own_offsets ? 0 : ni * sizeof(uint32_t);
  ir->br_tables = (uint32_t *)p, p += nt * sizeof(uint32_t);
  if (v->shared_locals) {
    ir->local_slot = (uint32_t *)v->local_slot;
    ir->local_types = (uint8_t *)v->local_types;
  } else {
    ir->local_slot = (uint32_t *)p, p += nl * sizeof(uint32_t);
    ir->local_types = p;
    if (nl) {
      memcpy(ir->local_slot, v->local_slot, nl * sizeof(uint32_t));
      memcpy(ir->local_types, v->local_types, nl);
    }
  }
  if (nk && !own_consts)
    memcpy(ir->consts, v->consts.v, nk * sizeof(uint64_t));
  if (ni && !own_insts)
    memcpy(ir->insts, v->insts.v, ni * sizeof(ir_inst));
  if (ni && !own_offsets)
    memcpy(ir->wasm_offsets, v->offsets.v, ni * sizeof(uint32_t));
  /* adopted arrays are the IR's now: the next function grows new ones */
  if (own_insts)
    v->insts.v = NULL, v->insts.cap = 0;
  if (own_offsets)
    v->offsets.v = NULL, v->offsets.cap = 0;
  if (own_consts)
    v->consts.v = NULL, v->consts.cap = 0;
  if (nt)
    memcpy(ir->br_tables, v->tables.v, nt * sizeof(uint32_t));
  ir->type_index = f->type_index;
  ir->nparams = v->ft->nparams;
  ir->nresults = v->ft->nresults;
  ir->param_slots = v->nlocals ? v->local_slot[v->ft->nparams < v->nlocals ? v->ft->nparams : 0] : 0;
  if (v->ft->nparams == v->nlocals)
    ir->param_slots = v->local_slots;
  ir->local_slots = v->local_slots;
  ir->max_slots = v->max_slots;
  ir->nlocals = v->nlocals;
  ir->ninsts = v->insts.n;
  ir->nconsts = v->consts.n;
  ir->ntable = v->tables.n;
  ir->nloops = v->nloops;
  ir->code_offset = f->body_offset;
  ir->code_size = f->body_size;
  f->ir = ir;
  m->ir_insts += ir->ninsts;
  return true;
}

/* The one type of all of a function's locals (parameters included), or 0 when they have
 * several: looks at the declarations, never at each local. */
static uint8_t one_local_type(const functype *ft, const func *f)
{
  uint8_t t = 0;
  for (uint32_t i = 0; i < ft->nparams; i++) {
    if (t && (uint8_t)ft->params[i] != t)
      return 0;
    t = (uint8_t)ft->params[i];
  }
  for (uint32_t d = 0; d < f->nlocal_decls; d++) {
    if (!f->local_decl_count[d])
      continue;
    if (t && f->local_decl_type[d] != t)
      return 0;
    t = f->local_decl_type[d];
  }
  return t;
}

/* Points local_types and local_slot at the module's shared arrays for n locals of type t. */
static bool share_locals(validator *v, uint8_t t, uint32_t n)
{
  unsigned ti = t >= WLAB_V128 ? (unsigned)(WLAB_I32 - t) : t == WLAB_FUNCREF ? 5u : 6u, wide = t == WLAB_V128;
  if (v->same_types_n[ti] < n) {
    uint32_t cap = v->same_types_n[ti] * 2 > n ? v->same_types_n[ti] * 2 : n;
    uint8_t *p = arena_take(&v->m->mem, cap);
    if (!p)
      return nomem(v);
    memset(p, t, cap);
    v->same_types[ti] = p;
    v->same_types_n[ti] = cap;
  }
  if (v->same_slots_n[wide] < n) {
    uint32_t cap = v->same_slots_n[wide] * 2 > n ? v->same_slots_n[wide] * 2 : n;
    uint32_t *p = arena_take(&v->m->mem, (size_t)cap * sizeof *p);
    if (!p)
      return nomem(v);
    for (uint32_t i = 0; i < cap; i++)
      p[i] = i << wide;
    v->same_slots[wide] = p;
    v->same_slots_n[wide] = cap;
  }
  v->local_types = v->same_types[ti];
  v->local_slot = v->same_slots[wide];
  v->shared_locals = true;
  return true;
}

/* A function's locals and their slots, before its body. */
WLAB_STARTUP static bool begin_func(validator *v, uint32_t index)
{
  wlab_module *m = v->m;
  func *f = &m->funcs[index];
  const functype *ft = &m->types[f->type_index];
  uint32_t nlocals = ft->nparams + f->nlocals, slot = 0, k = 0;
  uint8_t t;

  reset(v);
  v->func_index = index;
  v->ft = ft;
  v->op_offset = f->body_offset;
  if (nlocals > LIMIT_LOCALS) /* the decoder checked the declared ones; parameters count too */
    return over_limit(v, "too many locals (parameters included)", nlocals, LIMIT_LOCALS);
  v->nlocals = nlocals;
  v->shared_locals = false;
  if (nlocals > 0 && (t = one_local_type(ft, f)) != 0) {
    if (!share_locals(v, t, nlocals))
      return false;
    slot = nlocals * ir_type_slots(t);
  } else {
    if (nlocals > v->locals_cap) {
      free(v->types_buf);
      free(v->slot_buf);
      v->types_buf = malloc(nlocals);
      v->slot_buf = malloc((size_t)nlocals * sizeof(uint32_t));
      if (!v->types_buf || !v->slot_buf)
        return nomem(v);
      v->locals_cap = nlocals;
    }
    for (uint32_t i = 0; i < ft->nparams; i++, k++) {
      v->types_buf[k] = (uint8_t)ft->params[i];
      v->slot_buf[k] = slot;
      slot += ir_type_slots(v->types_buf[k]);
    }
    for (uint32_t d = 0; d < f->nlocal_decls; d++)
      for (uint32_t i = 0; i < f->local_decl_count[d]; i++, k++) {
        v->types_buf[k] = f->local_decl_type[d];
        v->slot_buf[k] = slot;
        slot += ir_type_slots(v->types_buf[k]);
      }
    v->local_types = v->types_buf;
    v->local_slot = v->slot_buf;
  }
  v->local_slots = v->slot_top = v->max_slots = slot;
  if (slot > v->ref_head_cap) {
    uint32_t *p = realloc(v->ref_head, (size_t)slot * sizeof *p);
    if (!p)
      return nomem(v);
    for (uint32_t i = v->ref_head_cap; i < slot; i++)
      p[i] = NO_REF;
    v->ref_head = p;
    v->ref_head_cap = slot;
  }
  return true;
}

/* A function's IR shell: its signature, locals, frame and body offsets, no instructions
 * (validate.h, validate_module_shells). */
static bool shell_func(validator *v, uint32_t index)
{
  return begin_func(v, index) && finish_ir(v, &v->m->funcs[index]);
}

static bool validate_func(validator *v, uint32_t index, const uint8_t *bytes)
{
  wlab_module *m = v->m;
  func *f = &m->funcs[index];
  ctrl fc = {0};

  if (!begin_func(v, index))
    return false;
  fc.kind = C_FUNC;
  fc.type_index = f->type_index;
  fc.label = new_label(v);
  if (!push_ctrl(v, &fc))
    return false;

  v->r.base = bytes;
  v->r.p = bytes + f->code_start;
  v->r.end = bytes + f->body_offset + f->body_size;
  v->r.fail = NULL;
  while (v->ctrls.n > 0) {
    wasm_op op;
    wasm_imms imm;
    if (__builtin_expect(v->status != WLAB_OK, 0)) /* a push past a limit, or out of memory */
      return false;
    v->op_offset = (uint32_t)reader_offset(&v->r);
    if (reader_done(&v->r)) {
      v->r.fail = "unexpected end of section or function (END opcode expected)";
      v->r.fail_at = v->op_offset;
      return malformed(v);
    }
    if (!opcodes_read(&v->r, &op))
      return malformed(v);
    if (op == WASM_LOCAL_GET || op == WASM_LOCAL_SET || op == WASM_LOCAL_TEE) {
      uint32_t index;
      if (!read_u32(&v->r, &index))
        return malformed(v);
      if (!local_op(v, op, index))
        return false;
      continue;
    }
    if (op == WASM_I32_CONST) {
      int32_t k;
      if (!read_s32(&v->r, &k))
        return malformed(v);
      if (!push_entry(v, WLAB_I32, E_CONST, add_const(v, (uint32_t)k)))
        return false;
      continue;
    }
    if (opcodes_info[op].imm == IMM_NONE && opcodes_info[op].result != OPT_SPECIAL) {
      /* most ops: no immediates, type from the table (one predictable branch, no switch) */
      if (!plain_op(v, op))
        return false;
      continue;
    }
    if (!opcodes_read_imms(&v->r, op, &imm))
      return malformed(v);
    if (!instruction(v, op, &imm))
      return false;
  }
  if (v->status != WLAB_OK)
    return false;
  if (!reader_done(&v->r)) {
    v->r.fail = "section size mismatch: bytes after the function's final end";
    v->r.fail_at = reader_offset(&v->r);
    return malformed(v);
  }
  /* leave every local's list empty for the next function (what is left is the results) */
  for (uint32_t i = 0; i < v->stack.n; i++)
    if (v->stack.v[i].kind == E_LOCAL)
      v->ref_head[v->stack.v[i].src] = NO_REF;
  return resolve_labels(v) && finish_ir(v, f);
}

/* ---- module level ------------------------------------------------------------------------ */

static bool check_limits(validator *v, const limits *l, uint64_t bound, const char *what)
{
  if (l->min > bound)
    return invalid(v, "%s size must be at most %llu", what, (unsigned long long)bound);
  if (l->has_max && l->max > bound)
    return invalid(v, "%s size must be at most %llu", what, (unsigned long long)bound);
  if (l->has_max && l->min > l->max)
    return invalid(v, "size minimum must not be greater than maximum");
  return true;
}

/* Checks a constant expression and that it produces `want`, and records how deep its operand
 * stack gets, so that instantiation evaluates it on a stack of that depth.  The spec sets no
 * depth limit (extended-const lets a valid initialiser be as deep as its bytes are long), so
 * the type stack grows as needed.  Only imported globals may be read (wasm 2.0). */
WLAB_STARTUP static bool const_expr_ok(validator *v, const_expr *e, uint8_t want)
{
  reader r = {e->code, e->code, e->code + e->len, NULL, 0};
  uint32_t depth = 0;
  v->op_offset = e->offset;
  v->ctypes.n = 0;
  /* the usual shape, i32.const k, end, without the opcode tables */
  int32_t k;
  if (opcodes_one_i32_const(e->code, e->len, &k)) {
    if (want != WLAB_I32)
      return invalid(v, "type mismatch: constant expression must produce one %s", tname(want));
    e->max_depth = 1;
    return true;
  }
  for (;;) {
    wasm_op op;
    wasm_imms imm;
    uint8_t t = 0;
    v->op_offset = e->offset + (uint32_t)(r.p - e->code);
    if (!opcodes_read(&r, &op) || !opcodes_read_imms(&r, op, &imm))
      return invalid(v, "constant expression required");
    switch (op) {
    case WASM_END:
      if (v->ctypes.n != 1 || v->ctypes.v[0] != want)
        return invalid(v, "type mismatch: constant expression must produce one %s", tname(want));
      e->max_depth = depth;
      return true;
    case WASM_I32_CONST: t = WLAB_I32; break;
    case WASM_I64_CONST: t = WLAB_I64; break;
    case WASM_F32_CONST: t = WLAB_F32; break;
    case WASM_F64_CONST: t = WLAB_F64; break;
    case WASM_V128_CONST: t = WLAB_V128; break;
    case WASM_REF_NULL:
      if (!is_ref((uint8_t)imm.a))
        return invalid(v, "malformed reference type");
      t = (uint8_t)imm.a;
      break;
    case WASM_REF_FUNC:
      if (imm.a >= v->m->nfuncs)
        return invalid(v, "unknown function %u", imm.a);
      t = WLAB_FUNCREF;
      break;
    case WASM_GLOBAL_GET:
      if (imm.a >= v->m->nimported_globals)
        return invalid(v, "unknown global %u (constant expressions may read only imported globals)", imm.a);
      if (v->m->globals[imm.a].type.mut)
        return invalid(v, "constant expression required: global %u is mutable", imm.a);
      t = v->m->globals[imm.a].type.type;
      break;
    case WASM_I32_ADD: case WASM_I32_SUB: case WASM_I32_MUL:
    case WASM_I64_ADD: case WASM_I64_SUB: case WASM_I64_MUL: {
      uint32_t sp = v->ctypes.n;
      if (!(v->m->features & WLAB_FEATURE_EXTENDED_CONST))
        return invalid(v, "constant expression required: %s", opcodes_info[op].name);
      t = opcodes_info[op].result;
      if (sp < 2 || v->ctypes.v[sp - 1] != t || v->ctypes.v[sp - 2] != t)
        return invalid(v, "type mismatch in constant expression");
      v->ctypes.n -= 2;
      break;
    }
    default:
      return invalid(v, "constant expression required: %s is not constant", opcodes_info[op].name);
    }
    if (!VEC_PUSH(v, v->ctypes, t))
      return false;
    if (v->ctypes.n > depth)
      depth = v->ctypes.n;
  }
}

WLAB_STARTUP static void declare_refs_in(wlab_module *m, const const_expr *e)
{
  reader r = {e->code, e->code, e->code + e->len, NULL, 0};
  wasm_op op;
  wasm_imms imm;
  while (opcodes_read(&r, &op) && opcodes_read_imms(&r, op, &imm) && op != WASM_END)
    if (op == WASM_REF_FUNC && imm.a < m->nfuncs)
      m->declared_refs[imm.a / 32] |= 1u << (imm.a % 32);
}

static void declare(wlab_module *m, uint32_t f)
{
  if (f < m->nfuncs)
    m->declared_refs[f / 32] |= 1u << (f % 32);
}

WLAB_STARTUP static int export_cmp(const void *pa, const void *pb)
{
  const export *a = *(const export *const *)pa, *b = *(const export *const *)pb;
  uint32_t n = a->name_len < b->name_len ? a->name_len : b->name_len;
  int c = memcmp(a->name, b->name, n);
  return c ? c : (a->name_len > b->name_len) - (a->name_len < b->name_len);
}

/* Export names must be distinct: sort pointers by name and compare neighbours, so a module
 * exporting everything (thousands of names) is checked in n log n, not n^2. */
static bool exports_unique(validator *v)
{
  wlab_module *m = v->m;
  const export **sorted;
  bool ok = true;
  if (m->nexports < 2)
    return true;
  if (!(sorted = malloc(m->nexports * sizeof *sorted)))
    return nomem(v);
  for (uint32_t i = 0; i < m->nexports; i++)
    sorted[i] = &m->exports[i];
  qsort(sorted, m->nexports, sizeof *sorted, export_cmp);
  for (uint32_t i = 1; i < m->nexports && ok; i++)
    if (export_cmp(&sorted[i - 1], &sorted[i]) == 0)
      ok = invalid(v, "duplicate export name '%s'", sorted[i]->name);
  free(sorted);
  return ok;
}

static bool module_rules(validator *v)
{
  wlab_module *m = v->m;
  v->func_index = WLAB_NONE;
  for (uint32_t i = 0; i < m->nimports; i++) {
    import *im = &m->imports[i];
    v->op_offset = im->offset;
    if (im->kind == WLAB_EXTERN_FUNC && m->funcs[im->index].type_index >= m->ntypes)
      return invalid(v, "unknown type %u in import %u", m->funcs[im->index].type_index, i);
  }
  for (uint32_t i = m->nimported_funcs; i < m->nfuncs; i++)
    if (m->funcs[i].type_index >= m->ntypes)
      return invalid(v, "unknown type %u for function %u", m->funcs[i].type_index, i);
  v->op_offset = WLAB_NONE;
  for (uint32_t i = 0; i < m->ntables; i++) {
    if (!check_limits(v, &m->tables[i].lim, UINT32_MAX, "table"))
      return false;
    if (m->tables[i].lim.min > LIMIT_TABLE_SIZE)
      return over_limit(v, "table too large (its minimum, in elements)", m->tables[i].lim.min, LIMIT_TABLE_SIZE);
  }
  if (m->nmemories > 1)
    return invalid(v, "multiple memories");
  for (uint32_t i = 0; i < m->nmemories; i++)
    if (!check_limits(v, &m->memories[i], LIMIT_MEMORY_PAGES, "memory (in 64 KiB pages)"))
      return false;

  m->declared_refs = arena_alloc(&m->mem, ((size_t)m->nfuncs / 32 + 1) * sizeof(uint32_t));
  if (!m->declared_refs)
    return nomem(v);
  for (uint32_t i = m->nimported_globals; i < m->nglobals; i++) {
    if (!const_expr_ok(v, &m->globals[i].init, m->globals[i].type.type))
      return false;
    declare_refs_in(m, &m->globals[i].init);
  }
  for (uint32_t i = 0; i < m->nexports; i++) {
    export *e = &m->exports[i];
    uint32_t bound = e->kind == WLAB_EXTERN_FUNC ? m->nfuncs : e->kind == WLAB_EXTERN_TABLE ? m->ntables
                     : e->kind == WLAB_EXTERN_MEMORY ? m->nmemories : m->nglobals;
    static const char *what[] = {"function", "table", "memory", "global"};
    if (e->index >= bound)
      return invalid(v, "unknown %s %u in export '%s'", what[e->kind], e->index, e->name);
    if (e->kind == WLAB_EXTERN_FUNC)
      declare(m, e->index);
  }
  if (!exports_unique(v))
    return false;
  if (m->has_start) {
    if (m->start >= m->nfuncs)
      return invalid(v, "unknown function %u as start function", m->start);
    const functype *ft = func_type(m, m->start);
    if (ft->nparams || ft->nresults)
      return invalid(v, "start function must have type [] -> []");
  }
  for (uint32_t i = 0; i < m->nelems; i++) {
    elem_seg *e = &m->elems[i];
    v->op_offset = e->where;
    if (e->mode == SEG_ACTIVE) {
      if (e->table >= m->ntables)
        return invalid(v, "unknown table %u in element segment %u", e->table, i);
      if (m->tables[e->table].elem != e->type)
        return invalid(v, "type mismatch: element segment %u of %s for a %s table", i, tname(e->type),
                       tname(m->tables[e->table].elem));
      if (!const_expr_ok(v, &e->offset, WLAB_I32))
        return false;
    }
    for (uint32_t k = 0; k < e->count; k++) {
      if (e->funcs) {
        if (e->funcs[k] >= m->nfuncs)
          return invalid(v, "unknown function %u in element segment %u", e->funcs[k], i);
        declare(m, e->funcs[k]);
      } else {
        if (!const_expr_ok(v, &e->exprs[k], e->type))
          return false;
        declare_refs_in(m, &e->exprs[k]);
      }
    }
  }
  for (uint32_t i = 0; i < m->ndatas; i++) {
    data_seg *d = &m->datas[i];
    v->op_offset = d->where;
    if (d->mode == SEG_ACTIVE) {
      if (d->memory >= m->nmemories)
        return invalid(v, "unknown memory %u in data segment %u", d->memory, i);
      if (!const_expr_ok(v, &d->offset, WLAB_I32))
        return false;
    }
  }
  return true;
}

static uint64_t now_ns(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* The spec decodes a whole module before validating any of it, so a module that is both
 * invalid and malformed is malformed.  We validate while decoding bodies; when validation
 * fails, this re-reads every body structurally (opcodes, immediates, block nesting) to find
 * out whether a decoding error should take precedence.  It runs only on the failure path. */
static bool bodies_well_formed(validator *v, const uint8_t *bytes)
{
  wlab_module *m = v->m;
  for (uint32_t i = m->nimported_funcs; i < m->nfuncs; i++) {
    func *f = &m->funcs[i];
    reader r = {bytes, bytes + f->code_start, bytes + f->body_offset + f->body_size, NULL, 0};
    uint32_t depth = 1;
    v->func_index = i;
    while (depth > 0) {
      wasm_op op;
      wasm_imms imm;
      if (reader_done(&r)) {
        reader_error(&r, "unexpected end of section or function (END opcode expected)");
        break;
      }
      if (!opcodes_read(&r, &op) || !opcodes_read_imms(&r, op, &imm))
        break;
      if (op == WASM_BLOCK || op == WASM_LOOP || op == WASM_IF)
        depth++;
      else if (op == WASM_END)
        depth--;
      else if ((op == WASM_MEMORY_INIT || op == WASM_DATA_DROP) && !m->has_datacount && imm.a < m->ndatas)
        reader_error(&r, "data count section required");
      if (r.fail)
        break;
    }
    if (!r.fail && !reader_done(&r))
      reader_error(&r, "section size mismatch: bytes after the function's final end");
    if (r.fail) {
      v->r = r;
      return false;
    }
  }
  return true;
}

/* v->type_slots and v->type_bytes, before any body. */
WLAB_STARTUP static bool count_type_slots(validator *v)
{
  const wlab_module *m = v->m;
  size_t nbytes = 0, at = 0;
  for (uint32_t t = 0; t < m->ntypes; t++)
    nbytes += (size_t)m->types[t].nparams + m->types[t].nresults;
  if (!(v->type_slots = malloc(((size_t)m->ntypes * 2 + 1) * sizeof *v->type_slots)) ||
      !(v->type_bytes_at = malloc(((size_t)m->ntypes + 1) * sizeof *v->type_bytes_at)) ||
      !(v->type_bytes = malloc(nbytes + 1)))
    return nomem(v);
  for (uint32_t t = 0; t < m->ntypes; t++) {
    uint32_t p = 0, r = 0;
    v->type_bytes_at[t] = (uint32_t)at;
    for (uint32_t i = 0; i < m->types[t].nparams; i++) {
      p += ir_type_slots((uint8_t)m->types[t].params[i]);
      v->type_bytes[at++] = (uint8_t)m->types[t].params[i];
    }
    for (uint32_t i = 0; i < m->types[t].nresults; i++) {
      r += ir_type_slots((uint8_t)m->types[t].results[i]);
      v->type_bytes[at++] = (uint8_t)m->types[t].results[i];
    }
    v->type_slots[2 * t] = p;
    v->type_slots[2 * t + 1] = r;
  }
  return true;
}

static void validator_free(validator *v);

static void validator_init(validator *v, wlab_module *m, const uint8_t *bytes, size_t len, wlab_error *err)
{
  memset(v, 0, sizeof *v);
  v->m = m;
  v->err = err;
  v->status = WLAB_OK;
  v->func_index = WLAB_NONE;
  v->r.base = bytes;
  v->r.end = bytes + len;
}

WLAB_STARTUP
wlab_status validate_module_shells(wlab_module *m, const uint8_t *bytes, size_t len, const uint8_t *shell,
                                   wlab_error *err)
{
  validator v;
  uint64_t t0 = m->timed ? now_ns() : 0;
  bool any = false;
  validator_init(&v, m, bytes, len, err);
  if (module_rules(&v)) {
    /* the types' slot counts are for bodies' blocks and branches: a module of shells alone (an
     * artifact's, every function compiled) needs none, and skips their three allocations */
    bool counted = false;
    for (uint32_t i = m->nimported_funcs; i < m->nfuncs; i++) {
      bool sh = shell && shell[i];
      any |= sh;
      if (!sh && !counted && !(counted = count_type_slots(&v)))
        break;
      if (!(sh ? shell_func(&v, i) : validate_func(&v, i, bytes)))
        break;
    }
  }
  if (v.status == WLAB_ERR_INVALID && !bodies_well_formed(&v, bytes)) {
    v.status = WLAB_OK;
    malformed(&v);
  }
  /* what lowering the shells later needs: which they are, and the bytes (the caller's go) */
  if (v.status == WLAB_OK && any) {
    if (!(m->ir_shell = arena_dup(&m->mem, shell, m->nfuncs)) ||
        !(m->shell_bytes = m->bytes_kept ? bytes : arena_dup(&m->mem, bytes, len)))
      nomem(&v);
    m->shell_len = len;
  }
  validator_free(&v);
  if (m->timed)
    m->validate_ns = now_ns() - t0;
  return v.status;
}

wlab_status validate_module(wlab_module *m, const uint8_t *bytes, size_t len, wlab_error *err)
{
  return validate_module_shells(m, bytes, len, NULL, err);
}

/* Shells are lowered at most once, whichever instance asks first. */
static pthread_mutex_t shells_lock = PTHREAD_MUTEX_INITIALIZER;

wlab_status validate_lower_shells(wlab_module *m, wlab_error *err)
{
  validator v;
  pthread_mutex_lock(&shells_lock);
  validator_init(&v, m, m->shell_bytes, m->shell_len, err);
  if (m->ir_shell && count_type_slots(&v)) {
    for (uint32_t i = m->nimported_funcs; i < m->nfuncs && v.status == WLAB_OK; i++)
      if (m->ir_shell[i] && validate_func(&v, i, m->shell_bytes))
        m->ir_shell[i] = 0;
    if (v.status == WLAB_OK)
      m->ir_shell = NULL;
  }
  validator_free(&v);
  pthread_mutex_unlock(&shells_lock);
  return v.status;
}

WLAB_STARTUP static void validator_free(validator *v)
{
  free(v->type_slots);
  free(v->type_bytes_at);
  free(v->type_bytes);
  pages_free(v->stack_types, v->stack_types_cap);
  VEC_FREE(v->stack);
  VEC_FREE(v->ctrls);
  VEC_FREE(v->insts);
  VEC_FREE(v->offsets);
  VEC_FREE(v->consts);
  VEC_FREE(v->tables);
  VEC_FREE(v->labels);
  VEC_FREE(v->fixups);
  VEC_FREE(v->ctypes);
  pages_free(v->table_marks, (size_t)v->table_marks_cap * 2 * sizeof *v->table_marks);
  free(v->ref_head);
  VEC_FREE(v->loose);
  free(v->types_buf);
  free(v->slot_buf);
}
