/* emit_simd.c: the optimising tier's v128 ops and v128 memory ops: x64/simd.c's sequences over the register allocation (those the CPU cannot run go through C). */
#include "opt/emit.h"

#include <string.h>

#include "wasmlab.h"
#include "x64/simd.h"

/*
 * The sequences are x64/simd.c's, shared with the baseline, so both tiers compute every op
 * alike (bit-exact with core/simd.h).  What differs is who decides registers: here the
 * allocator has, before the code is emitted, so opt_simd_info tells it what a sequence needs:
 *
 *   - every operand in a register (a v128 constant is loaded from the function's 16-byte pool
 *     into a scratch register by the sequence itself);
 *   - scratch registers: xmm14, xmm15, r10 and r11 are the emitter's and never hold values;
 *     when a sequence may want more (x64_simd_xmm_temps: f32x4.min wants three, counting a
 *     result that lives in a spill slot; plus one per constant operand it loads) the allocator
 *     keeps xmm13, xmm12 ... (r9, r8 ...) free over the instruction (ra_inst_info.temp);
 *   - the result would like operand 0's register (most sequences start from a copy of it);
 *     when it gets the register of an operand the sequence reads after writing the result,
 *     the sequence builds it in a scratch register (x64/simd.c's begin()).
 *
 * The memory ops (load splat, zero and extend, load_lane, store_lane; plain v128.load and
 * v128.store are emit.c's) take their address as the scalar accesses do (opt_access: the
 * explicit bounds check, the same trap exit, a guard-page fault noted as this instruction's),
 * so every tier names the same wasm offset for the same out-of-bounds access.
 *
 * Ops the CPU cannot run (no SSE4.1 or SSSE3, or the i64x2 signed compares without SSE4.2)
 * still call C: the value ops through the value-op helper, the memory ops through
 * jitrt_simd_mem (emit.c).
 */

typedef struct opt_vjit {
  x64_vjit j;            /* first: the sequences' view */
  emitter *e;
  const ssa_id *args;
  uint16_t ntemps[RA_CLASSES];   /* scratch registers handed out so far */
  uint8_t pool[RA_CLASSES][8];   /* the scratch registers of this instruction, in order */
  uint8_t npool[RA_CLASSES];
  int def_reg;                   /* the register o_def answered (-1: not asked) */
} opt_vjit;

static inline opt_vjit *OJ(x64_vjit *j) { return (opt_vjit *)j; }

/* The registers past the emitter's own scratch ones an op's sequence may need: xmm13 down,
 * r9 down. */
static void reserve(ra_inst_info *out, unsigned cls, unsigned need)
{
  static const uint8_t order[RA_CLASSES][6] = {{X64_R9, X64_R8, X64_RDI, X64_RSI, X64_RDX, X64_RCX},
                                               {13, 12, 11, 10, 9, 8}};
  for (unsigned k = 2; k < need && k - 2 < 6; k++)
    out->temp[cls] |= (uint16_t)(1u << order[cls][k - 2]);
}

static bool native(uint16_t op) { return x64_simd_supported(op); }

/* opt/sad.c's psadbw (SSE2, so on every CPU, whether the plain extadd has a sequence or not) */
static bool sad_mark(const ssa_inst *in)
{
  return (in->flags & SSA_F_SAD) && in->op == IR_I16X8_EXTADD_PAIRWISE_I8X16_U && in->nargs == 2;
}

/* The lane accesses: operand 1 is the vector (load_lane's result starts as a copy of it). */
static bool lane_access(uint16_t op) { return op >= IR_V128_LOAD8_LANE && op <= IR_V128_STORE64_LANE; }

bool opt_simd_info(ssa_func *f, ssa_id v, ra_inst_info *out);
bool opt_simd_info(ssa_func *f, ssa_id v, ra_inst_info *out)
{
  const ssa_inst *in = &f->insts[v];
  if (!native(in->op) && !sad_mark(in))
    return false;
  const ssa_id *as = ssa_args(f, v);
  /* a shift by a constant takes it as an immediate (no count register) */
  bool imm_count = in->nargs == 2 && f->insts[as[1]].op == SSA_CONST;
  unsigned need[RA_CLASSES] = {x64_simd_gpr_temps(in->op, imm_count), x64_simd_xmm_temps(in->op, imm_count)};
  for (uint16_t k = 0; k < in->nargs; k++) {
    const ssa_inst *a = &f->insts[as[k]];
    if (k < 4)
      out->use_kind[k] = RA_USE_REG;
    /* a constant the sequence loads into a scratch register: a v128, or a lane to replace */
    if (a->op == SSA_CONST && (a->type == WLAB_V128 || k == 1))
      need[ra_class_of(a->type)]++;
  }
  reserve(out, RA_GPR, need[RA_GPR]);
  reserve(out, RA_XMM, need[RA_XMM]);
  out->hint_operand = 0;
  if (x64_simd_is_memory(in->op))
    out->hint_operand = lane_access(in->op) ? 1 : -1; /* operand 0 is the address */
  return true;
}

/* ---- the interface x64/simd.c asks through ---------------------------------------------------- */

static unsigned o_temp(x64_vjit *j, unsigned cls)
{
  opt_vjit *o = OJ(j);
  if (o->ntemps[cls] >= o->npool[cls]) {
    opt_emit_fail(o->e, "a v128 sequence wanted more scratch registers than it reserved");
    return o->pool[cls][0];
  }
  return o->pool[cls][o->ntemps[cls]++];
}

static bool o_is_const(x64_vjit *j, unsigned k) { return OJ(j)->e->f->insts[OJ(j)->args[k]].op == SSA_CONST; }

static void o_const_v128(x64_vjit *j, unsigned k, uint64_t *lo, uint64_t *hi)
{
  const ssa_inst *c = &OJ(j)->e->f->insts[OJ(j)->args[k]];
  *lo = c->imm;
  *hi = c->imm2;
}

static uint64_t o_const_value(x64_vjit *j, unsigned k) { return OJ(j)->e->f->insts[OJ(j)->args[k]].imm; }

static unsigned o_use(x64_vjit *j, unsigned k, unsigned cls, uint8_t type)
{
  opt_vjit *o = OJ(j);
  ssa_id a = o->args[k];
  ra_loc l = opt_loc_use(o->e, a);
  if (l.kind == RA_LOC_REG && o->e->f->insts[a].op != SSA_CONST)
    return l.reg;
  /* a constant (the allocator keeps the rest in registers), copied even when a loop keeps it in
   * a register (loopconst.c): the sequences were written for registers the allocator gave */
  unsigned t = o_temp(j, cls);
  opt_load_loc(o->e, t, l, type, a);
  return t;
}

/* The result overwrites operand k's register only when the allocator gave it that register. */
static bool o_may_overwrite(x64_vjit *j, unsigned k)
{
  opt_vjit *o = OJ(j);
  ra_loc u = opt_loc_use(o->e, o->args[k]), d = opt_loc_def(o->e, o->e->cur);
  return u.kind == RA_LOC_REG && d.kind == RA_LOC_REG && u.cls == d.cls && u.reg == d.reg;
}

static unsigned o_def(x64_vjit *j, unsigned cls, uint8_t type, int reuse)
{
  (void)type;
  (void)reuse;
  opt_vjit *o = OJ(j);
  ra_loc l = opt_loc_def(o->e, o->e->cur);
  if (l.kind == RA_LOC_REG && l.cls == cls)
    o->def_reg = l.reg;
  else
    o->def_reg = (int)o_temp(j, cls); /* a result in a spill slot: stored once the sequence is done */
  return (unsigned)o->def_reg;
}

static x64_label_id o_const128(x64_vjit *j, uint64_t lo, uint64_t hi) { return opt_const128(OJ(j)->e, lo, hi); }

/* The access's memory operand (in r10/r11 and the address's register), noted as a possible
 * guard-page fault: the sequence's access follows with nothing between that can fault. */
static x64_mem o_address(x64_vjit *j, unsigned k, uint64_t offset, unsigned size)
{
  emitter *e = OJ(j)->e;
  x64_gpr spare;
  x64_mem m = opt_access(e, OJ(j)->args[k], offset, size, e->f->insts[e->cur].flags & SSA_F_CHECKED, &spare);
  opt_note_fault(e);
  return m;
}

static const x64_vjit_ops opt_vjit_ops = {
  o_is_const, o_const_v128, o_const_value, o_use, o_may_overwrite, o_def, o_temp, o_const128, o_address, NULL,
};

/* A row of a sum of absolute differences (opt/sad.c, SSA_F_SAD): psadbw of the two operands,
 * which is symmetric, so the result may overwrite either; with AVX the three-operand form when
 * neither may be overwritten. */
static void sad_row(opt_vjit *o)
{
  x64_vjit *j = &o->j;
  unsigned ra = o_use(j, 0, RA_XMM, WLAB_V128), rb = o_use(j, 1, RA_XMM, WLAB_V128);
  unsigned d = o_def(j, RA_XMM, WLAB_V128, -1);
  if (d == rb) {
    rb = ra;
    ra = d;
  }
  if (d == ra)
    x64_psadbw_xmm_xmm(j->b, (x64_xmm)d, (x64_xmm)rb);
  else if (x64_cpu_features()->avx)
    x64_vex66_xmm_xmm_xmm(j->b, 0x0FF6, (x64_xmm)d, (x64_xmm)ra, (x64_xmm)rb);
  else {
    x64_movaps_xmm_xmm(j->b, (x64_xmm)d, (x64_xmm)ra);
    x64_psadbw_xmm_xmm(j->b, (x64_xmm)d, (x64_xmm)rb);
  }
}

bool opt_emit_simd(emitter *e, ssa_id v)
{
  const ssa_inst *in = &e->f->insts[v];
  if (!native(in->op) && !sad_mark(in))
    return false;
  const ra_inst_info *info = &e->ra->info[v];
  opt_vjit o;
  memset(&o, 0, sizeof o);
  o.e = e;
  o.def_reg = -1;
  o.args = ssa_args(e->f, v);
  o.j.ops = &opt_vjit_ops;
  o.j.b = e->b;
  o.j.op = in->op;
  o.j.lane = (uint8_t)in->aux;
  o.j.offset = in->imm; /* memory ops: the static offset */
  o.j.shuffle[0] = in->imm;
  o.j.shuffle[1] = in->imm2;
  o.j.same_operands = in->nargs >= 2 && o.args[0] == o.args[1];
  /* r11 before r10: an f32/f64 constant operand is materialised through r10 (opt_load_loc) */
  o.pool[RA_GPR][o.npool[RA_GPR]++] = OPT_T1;
  o.pool[RA_GPR][o.npool[RA_GPR]++] = OPT_T0;
  o.pool[RA_XMM][o.npool[RA_XMM]++] = OPT_X1;
  o.pool[RA_XMM][o.npool[RA_XMM]++] = OPT_X0;
  for (int c = 0; c < RA_CLASSES; c++)
    for (int r = RA_MAX_REGS - 1; r >= 0; r--)
      if (info->temp[c] >> r & 1 && o.npool[c] < 8)
        o.pool[c][o.npool[c]++] = (uint8_t)r;
  if (sad_mark(in))
    sad_row(&o);
  else
    x64_simd_emit(&o.j);
  if (o.j.failed)
    return opt_emit_fail(e, "a v128 op without a sequence");
  if (in->type != SSA_VOID && o.def_reg >= 0)
    opt_def_done(e, (unsigned)o.def_reg);
  return true;
}
