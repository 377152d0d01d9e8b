/* handlers_fused.h: the superinstructions of fused_list.h, included inside run() (interp.c).
 * Each does the work of two IR ops in one dispatch; fuse() in interp.c says when that is
 * allowed (the value passed between them is dead afterwards and no branch lands between). */

/* A back edge to a loop header: the loop_head's budget check is done here and the header's
 * cells are skipped, so an iteration costs one dispatch less. */
#define JUMP_BACK(cellidx)                                                                     \
  do {                                                                                         \
    pc = code->cells + (cellidx);                                                              \
    if (BUDGET_CHECKS && __builtin_expect(--code->budget < 0, 0)) {                            \
      ex->pc = pc;                                                                             \
      if ((trap = budget_expired(ex, code)) != TRAP_NONE)                                      \
        TRAP(trap);                                                                            \
    }                                                                                          \
    pc += 3;                                                                                   \
    DISPATCH();                                                                                \
  } while (0)

L_BR_BACK:
  JUMP_BACK(A);
L_BR_IF_BACK:
  if (U32(A))
    JUMP_BACK(B);
  NEXT();
L_BR_UNLESS_BACK:
  if (!U32(A))
    JUMP_BACK(B);
  NEXT();

/* compare a with b and branch to c: integer compares (br_unless takes the inverse compare) */
#define BRC(CMP, ACCESS, FN)                                                                   \
  L_BRC_##CMP:                                                                                 \
  if (FN(ACCESS(A), ACCESS(B)))                                                                \
    JUMP(C);                                                                                   \
  NEXT();                                                                                      \
  L_BRC_##CMP##_BACK:                                                                          \
  if (FN(ACCESS(A), ACCESS(B)))                                                                \
    JUMP_BACK(C);                                                                              \
  NEXT();
BRC(I32_EQ, U32, num_i32_eq)
BRC(I32_NE, U32, num_i32_ne)
BRC(I32_LT_S, U32, num_i32_lt_s)
BRC(I32_LT_U, U32, num_i32_lt_u)
BRC(I32_GT_S, U32, num_i32_gt_s)
BRC(I32_GT_U, U32, num_i32_gt_u)
BRC(I32_LE_S, U32, num_i32_le_s)
BRC(I32_LE_U, U32, num_i32_le_u)
BRC(I32_GE_S, U32, num_i32_ge_s)
BRC(I32_GE_U, U32, num_i32_ge_u)
BRC(I64_EQ, U64, num_i64_eq)
BRC(I64_NE, U64, num_i64_ne)
BRC(I64_LT_S, U64, num_i64_lt_s)
BRC(I64_LT_U, U64, num_i64_lt_u)
BRC(I64_GT_S, U64, num_i64_gt_s)
BRC(I64_GT_U, U64, num_i64_gt_u)
BRC(I64_LE_S, U64, num_i64_le_s)
BRC(I64_LE_U, U64, num_i64_le_u)
BRC(I64_GE_S, U64, num_i64_ge_s)
BRC(I64_GE_U, U64, num_i64_ge_u)
#undef BRC

/* i32.add feeding an address: the sum wraps to 32 bits as the add would, then the offset is
 * added in 64 bits as the access would.  Loads: r result, a + c address, b offset.  Stores:
 * r + a address, b value, c offset. */
#define ADD_EA_LOAD ((uint64_t)(uint32_t)(U32(A) + U32(C)) + (uint64_t)B)
#define ADD_EA_STORE ((uint64_t)(uint32_t)(U32(R) + U32(A)) + (uint64_t)C)
#define ADD_LOAD(ID, TYPE, STORE_AS)                                                           \
  L_##ID: {                                                                                    \
    uint64_t ea = ADD_EA_LOAD;                                                                 \
    TYPE v;                                                                                    \
    ex->pc = pc;                                                                               \
    memcpy(&v, mem + ea, sizeof v);                                                            \
    STORE_AS(R) = v;                                                                           \
    NEXT();                                                                                    \
  }                                                                                            \
  L_##ID##_X: {                                                                                \
    uint64_t ea = ADD_EA_LOAD;                                                                 \
    TYPE v;                                                                                    \
    CHECK(ea, sizeof(TYPE));                                                                   \
    memcpy(&v, mem + ea, sizeof v);                                                            \
    STORE_AS(R) = v;                                                                           \
    NEXT();                                                                                    \
  }
#define ADD_STORE(ID, TYPE, LOAD_AS)                                                           \
  L_##ID: {                                                                                    \
    uint64_t ea = ADD_EA_STORE;                                                                \
    TYPE v = (TYPE)LOAD_AS(B);                                                                 \
    ex->pc = pc;                                                                               \
    memcpy(mem + ea, &v, sizeof v);                                                            \
    NEXT();                                                                                    \
  }                                                                                            \
  L_##ID##_X: {                                                                                \
    uint64_t ea = ADD_EA_STORE;                                                                \
    TYPE v = (TYPE)LOAD_AS(B);                                                                 \
    CHECK(ea, sizeof(TYPE));                                                                   \
    memcpy(mem + ea, &v, sizeof v);                                                            \
    NEXT();                                                                                    \
  }
ADD_LOAD(ADD_LOAD32, uint32_t, U32)
ADD_LOAD(ADD_LOAD64, uint64_t, U64)
ADD_LOAD(ADD_LOAD128, v128_t, V128)
ADD_LOAD(ADD_LOAD8_S, int8_t, S32)
ADD_LOAD(ADD_LOAD8_U, uint8_t, U32)
ADD_LOAD(ADD_LOAD16_S, int16_t, S32)
ADD_LOAD(ADD_LOAD16_U, uint16_t, U32)
ADD_STORE(ADD_STORE8, uint8_t, U64)
ADD_STORE(ADD_STORE16, uint16_t, U64)
ADD_STORE(ADD_STORE32, uint32_t, U64)
ADD_STORE(ADD_STORE64, uint64_t, U64)
ADD_STORE(ADD_STORE128, v128_t, V128)
#undef ADD_LOAD
#undef ADD_STORE

/* two copies (r := a, then b := c), as a call's argument set-up or a loop's moves make them */
L_COPY2:
  U64(R) = U64(A);
  U64(B) = U64(C);
  NEXT();

/* two i32.adds in a row: cells r|a, b|r2, a2|b2 */
L_I32_ADD2:
  U32(R) = U32(A) + U32(B);
  U32(pc[2].w.y) = U32(pc[3].w.x) + U32(pc[3].w.y);
  NEXT4();

/* index scaling: r := b + (a << c), c an immediate shift count */
L_I32_SHL_ADD:
  U32(R) = U32(B) + (U32(A) << C);
  NEXT();

/* a product feeding a sum or difference: r := a*b + c, c + a*b, a*b - c, c - a*b.  Two
 * roundings, as the two wasm ops have (the interpreter is built with -ffp-contract=off). */
L_F64_MUL_ADD:
  F64(R) = num_f64_add(num_f64_mul(F64(A), F64(B)), F64(C));
  NEXT();
L_F64_ADD_MUL:
  F64(R) = num_f64_add(F64(C), num_f64_mul(F64(A), F64(B)));
  NEXT();
L_F64_MUL_SUB:
  F64(R) = num_f64_sub(num_f64_mul(F64(A), F64(B)), F64(C));
  NEXT();
L_F64_SUB_MUL:
  F64(R) = num_f64_sub(F64(C), num_f64_mul(F64(A), F64(B)));
  NEXT();
