/* handlers.h: the interpreter's handlers, one per IR op, included once inside run() (interp.c).
 * Each handler reads its operands (R, A, B, C, AUX), does its work, and dispatches the next. */

/* ---- control ---------------------------------------------------------------------------- */

L_UNREACHABLE:
  TRAP(TRAP_UNREACHABLE);

L_LOOP_HEAD:
  /* entering a loop from above (back edges tick in their branch and skip this) */
  BUDGET_TICK();
  NEXT();

/* br, br_if, br_unless, and their back-edge forms (GO is JUMP or JUMP_BACK) */
#define BRANCHES(SUFFIX, GO)                                                                   \
  L_BR##SUFFIX:                                                                                \
  GO(A);                                                                                       \
  L_BR_IF##SUFFIX:                                                                             \
  if (U32(A))                                                                                  \
    GO(B);                                                                                     \
  NEXT();                                                                                      \
  L_BR_UNLESS##SUFFIX:                                                                         \
  if (!U32(A))                                                                                 \
    GO(B);                                                                                     \
  NEXT();
BRANCHES(, JUMP)
BRANCHES(_BACK, JUMP_BACK)
#undef BRANCHES

L_BR_TABLE: {
  uint32_t i = U32(A), n = C;
  JUMP(code->jump_tables[B + (i < n - 1 ? i : n - 1)]);
}

L_COPY:
  U64(R) = U64(A);
  NEXT();

L_COPY128:
  memmove(fp + R, fp + A, 16);
  NEXT();

/* a branch's values into its target's slots (B bytes, threaded from the slot count) */
L_MOVE:
  memmove(fp + R, fp + A, B);
  NEXT();

L_SELECT:
  U64(R) = U32(C) ? U64(A) : U64(B);
  NEXT();

L_SELECT128: {
  v128_t v = U32(C) ? V128(A) : V128(B);
  V128(R) = v;
  NEXT();
}

L_RETURN:
  memmove(fp, fp + A, B);
  goto pop_frame;

/* A tail call to a host function left its results at R: return them as `return` would. */
return_from_r:
  memmove(fp, fp + R, tail_results);
pop_frame: {
  frame_rec *rec = &ex->frames[--ex->nframes];
  if (!rec->ret)
    goto done;
  pc = rec->ret;
  fp = rec->fp;
  code = rec->code;
  ex->code = code;
  if (code->func->inst != inst) { /* same instance: mem and memsize are current already */
    inst = code->func->inst;
    RELOAD_MEMORY();
  }
  DISPATCH();
}

/* On-stack replacement: budget_expired found machine code to continue this activation in, from
 * the function's entry (the tick of its call) or from the loop header being ticked.  The machine
 * code runs the rest of the function on this very frame and returns as the function would. */
transfer:
  if (transfer_run(ex, code, fp, &host_trap) != WLAB_OK) {
    res.transferred = true; /* the machine code's trace has this frame */
    TRAP(host_trap.kind);
  }
  RELOAD_MEMORY();
  goto pop_frame;

/* the common returns: one value, or none, need no memmove call */
L_RETURN1:
  U64(0) = U64(A);
  goto pop_frame;
L_RETURN0:
  goto pop_frame;

/* Calls.  The callee's frame starts at the argument slots (R).  A wasm callee gets a frame
 * record and runs here; a host callee, or one with machine code, runs in C and returns its
 * results in place. */
#define ENTER(callee_func, tail)                                                               \
  do {                                                                                         \
    wlab_func *cf_ = (callee_func);                                                            \
    uint8_t *nfp_ = (tail) ? fp : fp + R;                                                      \
    icode *nc_;                                                                                \
    void *me_ = NULL;                                                                          \
    if (cf_->host || (!(tail) && (me_ = machine_entry(cf_)))) {                                \
      trap_site hs_ = {0};                                                                     \
      uint8_t *saved_top_ = ex->thread->top;                                                   \
      wlab_status st_;                                                                         \
      ex->thread->top = fp + code->frame_bytes; /* a nested entry starts above us */           \
      ex->pc = pc;                                                                             \
      st_ = cf_->host ? engine_call_host(cf_, (uint64_t *)(fp + R), &hs_)                      \
                      : cf_->inst->engine->machine->invoke_frame(cf_, fp + R, &hs_);           \
      if (st_ == WLAB_OK && hs_.tail_call) /* its callee tail-called out of machine code */     \
        st_ = engine_run_frame(NULL, fp + R, &hs_);                                            \
      ex->thread->top = saved_top_;                                                            \
      if (st_ != WLAB_OK) {                                                                    \
        host_trap = hs_;                                                                       \
        TRAP(hs_.kind);                                                                        \
      }                                                                                        \
      RELOAD_MEMORY();                                                                         \
      break;                                                                                   \
    }                                                                                          \
    if (!(nc_ = code_of(cf_)))                                                                 \
      TRAP(TRAP_STACK_EXHAUSTED);                                                              \
    if (__builtin_expect(ex->nframes >= MAX_FRAMES ||                                          \
                             nfp_ + nc_->frame_bytes + 64 > ex->thread->stack_end, 0))         \
      TRAP(TRAP_STACK_EXHAUSTED);                                                              \
    if (!(tail))                                                                               \
      ex->frames[ex->nframes++] = (frame_rec){pc + 3, fp, code};                               \
    fp = nfp_;                                                                                 \
    enter_frame(fp, nc_);                                                                      \
    code = nc_;                                                                                \
    ex->code = code;                                                                           \
    if (cf_->inst != inst) {                                                                   \
      inst = cf_->inst;                                                                        \
      RELOAD_MEMORY();                                                                         \
    }                                                                                          \
    pc = code->cells;                                                                          \
    BUDGET_TICK();                                                                             \
    DISPATCH();                                                                                \
  } while (0)

L_CALL:
  ENTER(inst->funcs[A], false);
  NEXT(); /* a host callee returns here */

L_RETURN_CALL:
  tail_callee = inst->funcs[A];
  goto enter_tail_call;

L_CALL_INDIRECT:
  tail_call = false;
  goto call_indirect;
L_RETURN_CALL_INDIRECT:
  tail_call = true;
call_indirect: {
  table *t = inst->tables[C];
  uint32_t i = U32(A);
  wlab_func *callee;
  if (i >= t->size)
    TRAP(TRAP_UNDEFINED_ELEMENT);
  callee = t->elems[i];
  if (!callee)
    TRAP(TRAP_UNINIT_ELEMENT);
  if (callee->sig != inst->sigs[B])
    TRAP(TRAP_SIG_MISMATCH);
  if (!tail_call) {
    ENTER(callee, false);
    NEXT();
  }
  tail_callee = callee;
  goto enter_tail_call;
}

/* Tail calls: the callee takes over this frame.  Its arguments move down to the frame's base;
 * a host callee is called as usual and its results returned from here.  Whether the callee has
 * machine code is read once: the tier manager may install some at any moment, and the frame's
 * fate must follow one answer (a tail ENTER always interprets). */
enter_tail_call:
  tail_machine = !tail_callee->host && machine_entry(tail_callee);
  if (tail_machine && !ex->frames[ex->nframes - 1].ret) {
    /* the frame another tier entered us with tail-calls machine code: hand the call back to
     * that caller, so tail calls alternating between the tiers do not nest */
    memmove(fp, fp + R, type_bytes(tail_callee->type.params, tail_callee->type.nparams));
    res.tail_call = tail_callee;
    goto done;
  }
  if (tail_callee->host || tail_machine) {
    ENTER(tail_callee, false);
    tail_results = type_bytes(tail_callee->type.results, tail_callee->type.nresults);
    goto return_from_r;
  }
  memmove(fp, fp + R, type_bytes(tail_callee->type.params, tail_callee->type.nparams));
  ENTER(tail_callee, true);

/* ---- globals, references, tables --------------------------------------------------------- */

L_GLOBAL_GET:
  U64(R) = inst->globals[A]->v[0];
  NEXT();
L_GLOBAL_GET128:
  memcpy(fp + R, inst->globals[A]->v, 16);
  NEXT();
L_GLOBAL_SET:
  inst->globals[A]->v[0] = U64(B);
  NEXT();
L_GLOBAL_SET128:
  memcpy(inst->globals[A]->v, fp + B, 16);
  NEXT();

L_REF_IS_NULL:
  U32(R) = U64(A) == 0;
  NEXT();
L_REF_FUNC:
  U64(R) = (uintptr_t)inst->funcs[A];
  NEXT();

L_TABLE_GET: {
  table *t = inst->tables[C];
  uint32_t i = U32(A);
  if (i >= t->size)
    TRAP(TRAP_TABLE_OOB);
  U64(R) = (uintptr_t)t->elems[i];
  NEXT();
}
L_TABLE_SET: {
  table *t = inst->tables[C];
  uint32_t i = U32(A);
  if (i >= t->size)
    TRAP(TRAP_TABLE_OOB);
  t->elems[i] = (void *)(uintptr_t)U64(B);
  NEXT();
}
L_TABLE_SIZE:
  U32(R) = inst->tables[C]->size;
  NEXT();
L_TABLE_GROW:
  U32(R) = instance_table_grow(inst, C, (void *)(uintptr_t)U64(A), U32(B));
  NEXT();
L_TABLE_FILL:
  if ((trap = instance_table_fill(inst, (uint32_t)AUX, U32(A), (void *)(uintptr_t)U64(B), U32(C))) != TRAP_NONE)
    TRAP(trap);
  NEXT4();
L_TABLE_COPY:
  if ((trap = instance_table_copy(inst, (uint32_t)AUX, R, U32(A), U32(B), U32(C))) != TRAP_NONE)
    TRAP(trap);
  NEXT4();
L_TABLE_INIT:
  if ((trap = instance_table_init(inst, (uint32_t)AUX, R, U32(A), U32(B), U32(C))) != TRAP_NONE)
    TRAP(trap);
  NEXT4();
L_ELEM_DROP:
  inst->elem_dropped[A] = 1;
  NEXT();

/* ---- memory size and bulk operations ------------------------------------------------------ */

L_MEMORY_SIZE:
  U32(R) = (uint32_t)(memsize / WASM_PAGE);
  NEXT();
L_MEMORY_GROW:
  U32(R) = (uint32_t)memory_grow(inst->mem, U32(A));
  RELOAD_MEMORY();
  NEXT();
L_MEMORY_FILL:
  if ((trap = instance_memory_fill(inst, U32(A), U32(B), U32(C))) != TRAP_NONE)
    TRAP(trap);
  NEXT();
L_MEMORY_COPY:
  if ((trap = instance_memory_copy(inst, U32(A), U32(B), U32(C))) != TRAP_NONE)
    TRAP(trap);
  NEXT();
L_MEMORY_INIT:
  if ((trap = instance_memory_init(inst, R, U32(A), U32(B), U32(C))) != TRAP_NONE)
    TRAP(trap);
  NEXT();
L_DATA_DROP:
  inst->data_dropped[A] = 1;
  NEXT();

/* ---- loads and stores (two variants each: guard pages, explicit checks) ------------------- */

#define LOAD(ID, TYPE, STORE_AS)                                                               \
  L_##ID: {                                                                                    \
    uint64_t ea = EA(sizeof(TYPE));                                                            \
    TYPE v;                                                                                    \
    ex->pc = pc;                                                                               \
    memcpy(&v, mem + ea, sizeof v);                                                            \
    STORE_AS(R) = v;                                                                           \
    NEXT();                                                                                    \
  }                                                                                            \
  L_##ID##_X: {                                                                                \
    uint64_t ea = EA(sizeof(TYPE));                                                            \
    TYPE v;                                                                                    \
    CHECK(ea, sizeof(TYPE));                                                                   \
    memcpy(&v, mem + ea, sizeof v);                                                            \
    STORE_AS(R) = v;                                                                           \
    NEXT();                                                                                    \
  }

#define STORE(ID, TYPE, LOAD_AS)                                                               \
  L_##ID: {                                                                                    \
    uint64_t ea = EA_ST(sizeof(TYPE));                                                         \
    TYPE v = (TYPE)LOAD_AS(B);                                                                 \
    ex->pc = pc;                                                                               \
    memcpy(mem + ea, &v, sizeof v);                                                            \
    NEXT();                                                                                    \
  }                                                                                            \
  L_##ID##_X: {                                                                                \
    uint64_t ea = EA_ST(sizeof(TYPE));                                                         \
    TYPE v = (TYPE)LOAD_AS(B);                                                                 \
    CHECK(ea, sizeof(TYPE));                                                                   \
    memcpy(mem + ea, &v, sizeof v);                                                            \
    NEXT();                                                                                    \
  }

#define S32(x) (*(s32a *)(fp + (x)))
#define S64(x) (*(s64a *)(fp + (x)))

LOAD(I32_LOAD, uint32_t, U32)
LOAD(I64_LOAD, uint64_t, U64)
LOAD(F32_LOAD, uint32_t, U32)
LOAD(F64_LOAD, uint64_t, U64)
LOAD(I32_LOAD8_S, int8_t, S32)
LOAD(I32_LOAD8_U, uint8_t, U32)
LOAD(I32_LOAD16_S, int16_t, S32)
LOAD(I32_LOAD16_U, uint16_t, U32)
LOAD(I64_LOAD8_S, int8_t, S64)
LOAD(I64_LOAD8_U, uint8_t, U64)
LOAD(I64_LOAD16_S, int16_t, S64)
LOAD(I64_LOAD16_U, uint16_t, U64)
LOAD(I64_LOAD32_S, int32_t, S64)
LOAD(I64_LOAD32_U, uint32_t, U64)
STORE(I32_STORE, uint32_t, U32)
STORE(I64_STORE, uint64_t, U64)
STORE(F32_STORE, uint32_t, U32)
STORE(F64_STORE, uint64_t, U64)
STORE(I32_STORE8, uint8_t, U32)
STORE(I32_STORE16, uint16_t, U32)
STORE(I64_STORE8, uint8_t, U64)
STORE(I64_STORE16, uint16_t, U64)
STORE(I64_STORE32, uint32_t, U64)
STORE(V128_STORE, v128_t, V128)
LOAD(V128_LOAD, v128_t, V128)

/* v128 loads that widen or splat: read N bytes, then let the SIMD helpers shape them */
#define LOAD_SHAPED(ID, NBYTES, SHAPE)                                                         \
  L_##ID: {                                                                                    \
    uint64_t ea = EA(NBYTES), raw[2] = {0, 0};                                                 \
    ex->pc = pc;                                                                               \
    memcpy(raw, mem + ea, NBYTES);                                                             \
    V128(R) = SHAPE(raw);                                                                      \
    NEXT();                                                                                    \
  }                                                                                            \
  L_##ID##_X: {                                                                                \
    uint64_t ea = EA(NBYTES), raw[2] = {0, 0};                                                 \
    CHECK(ea, NBYTES);                                                                         \
    memcpy(raw, mem + ea, NBYTES);                                                             \
    V128(R) = SHAPE(raw);                                                                      \
    NEXT();                                                                                    \
  }

LOAD_SHAPED(V128_LOAD8X8_S, 8, simd_load8x8_s)
LOAD_SHAPED(V128_LOAD8X8_U, 8, simd_load8x8_u)
LOAD_SHAPED(V128_LOAD16X4_S, 8, simd_load16x4_s)
LOAD_SHAPED(V128_LOAD16X4_U, 8, simd_load16x4_u)
LOAD_SHAPED(V128_LOAD32X2_S, 8, simd_load32x2_s)
LOAD_SHAPED(V128_LOAD32X2_U, 8, simd_load32x2_u)
LOAD_SHAPED(V128_LOAD8_SPLAT, 1, simd_load8_splat)
LOAD_SHAPED(V128_LOAD16_SPLAT, 2, simd_load16_splat)
LOAD_SHAPED(V128_LOAD32_SPLAT, 4, simd_load32_splat)
LOAD_SHAPED(V128_LOAD64_SPLAT, 8, simd_load64_splat)
LOAD_SHAPED(V128_LOAD32_ZERO, 4, simd_load_zero)
LOAD_SHAPED(V128_LOAD64_ZERO, 8, simd_load_zero)

/* lane loads and stores: a address, b vector, c offset, aux lane */
#define LOAD_LANE(ID, NBYTES)                                                                  \
  L_##ID: {                                                                                    \
    uint64_t ea = (uint64_t)U32(A) + C;                                                        \
    v128_t v = V128(B);                                                                        \
    ex->pc = pc;                                                                               \
    memcpy(v.b + AUX * NBYTES, mem + ea, NBYTES);                                              \
    V128(R) = v;                                                                               \
    NEXT4();                                                                                   \
  }                                                                                            \
  L_##ID##_X: {                                                                                \
    uint64_t ea = (uint64_t)U32(A) + C;                                                        \
    v128_t v = V128(B);                                                                        \
    CHECK(ea, NBYTES);                                                                         \
    memcpy(v.b + AUX * NBYTES, mem + ea, NBYTES);                                              \
    V128(R) = v;                                                                               \
    NEXT4();                                                                                   \
  }
#define STORE_LANE(ID, NBYTES)                                                                 \
  L_##ID: {                                                                                    \
    uint64_t ea = (uint64_t)U32(A) + C;                                                        \
    v128_t v = V128(B);                                                                        \
    ex->pc = pc;                                                                               \
    memcpy(mem + ea, v.b + AUX * NBYTES, NBYTES);                                              \
    NEXT4();                                                                                   \
  }                                                                                            \
  L_##ID##_X: {                                                                                \
    uint64_t ea = (uint64_t)U32(A) + C;                                                        \
    v128_t v = V128(B);                                                                        \
    CHECK(ea, NBYTES);                                                                         \
    memcpy(mem + ea, v.b + AUX * NBYTES, NBYTES);                                              \
    NEXT4();                                                                                   \
  }

LOAD_LANE(V128_LOAD8_LANE, 1)
LOAD_LANE(V128_LOAD16_LANE, 2)
LOAD_LANE(V128_LOAD32_LANE, 4)
LOAD_LANE(V128_LOAD64_LANE, 8)
STORE_LANE(V128_STORE8_LANE, 1)
STORE_LANE(V128_STORE16_LANE, 2)
STORE_LANE(V128_STORE32_LANE, 4)
STORE_LANE(V128_STORE64_LANE, 8)

/* ---- value ops ----------------------------------------------------------------------------- */

#include "interp/handlers_value.h"
#include "interp/handlers_fused.h"

done:
  return res;
