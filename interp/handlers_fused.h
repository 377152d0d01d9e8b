/* handlers_fused.h: the superinstructions of fused_list.h, included inside run() (interp.c).
 * Each does the work of two IR ops in one dispatch; fuse() in interp.c says when that is
 * allowed (the value passed between them is dead afterwards and no branch lands between). */

/* compare a with b and branch to c: integer compares (br_unless takes the inverse compare).
 * The _K forms take b from the code: 32 bits in field r, sign-extended for i64. */
#define KX32(x) ((uint32_t)(x))
#define KX64(x) ((uint64_t)(int64_t)(int32_t)(x))
#define BRC_(NAME, BVAL, ACCESS, FN)                                                           \
  L_BRC_##NAME:                                                                                \
  if (FN(ACCESS(A), BVAL))                                                                     \
    JUMP(C);                                                                                   \
  NEXT();                                                                                      \
  L_BRC_##NAME##_BACK:                                                                         \
  if (FN(ACCESS(A), BVAL))                                                                     \
    JUMP_BACK(C);                                                                              \
  NEXT();
#define BRC(CMP, ACCESS, FN, KX)                                                               \
  BRC_(CMP, ACCESS(B), ACCESS, FN)                                                             \
  BRC_(CMP##_K, KX(R), ACCESS, FN)
BRC(I32_EQ, U32, num_i32_eq, KX32)
BRC(I32_NE, U32, num_i32_ne, KX32)
BRC(I32_LT_S, U32, num_i32_lt_s, KX32)
BRC(I32_LT_U, U32, num_i32_lt_u, KX32)
BRC(I32_GT_S, U32, num_i32_gt_s, KX32)
BRC(I32_GT_U, U32, num_i32_gt_u, KX32)
BRC(I32_LE_S, U32, num_i32_le_s, KX32)
BRC(I32_LE_U, U32, num_i32_le_u, KX32)
BRC(I32_GE_S, U32, num_i32_ge_s, KX32)
BRC(I32_GE_U, U32, num_i32_ge_u, KX32)
BRC(I64_EQ, U64, num_i64_eq, KX64)
BRC(I64_NE, U64, num_i64_ne, KX64)
BRC(I64_LT_S, U64, num_i64_lt_s, KX64)
BRC(I64_LT_U, U64, num_i64_lt_u, KX64)
BRC(I64_GT_S, U64, num_i64_gt_s, KX64)
BRC(I64_GT_U, U64, num_i64_gt_u, KX64)
BRC(I64_LE_S, U64, num_i64_le_s, KX64)
BRC(I64_LE_U, U64, num_i64_le_u, KX64)
BRC(I64_GE_S, U64, num_i64_ge_s, KX64)
BRC(I64_GE_U, U64, num_i64_ge_u, KX64)
/* a bit test: i32.and whose result only decides a branch */
#define AND_NZ(x, y) (((x) & (y)) != 0)
#define AND_Z(x, y) (((x) & (y)) == 0)
BRC(I32_AND_NZ, U32, AND_NZ, KX32)
BRC(I32_AND_Z, U32, AND_Z, KX32)
#undef AND_NZ
#undef AND_Z
#undef BRC
#undef BRC_

/* i32.add feeding an address: the sum wraps to 32 bits as the add would, then the offset is
 * added in 64 bits as the access would.  Loads: r result, a + c address, b offset.  Stores:
 * r + a address, b value, c offset.  The _K forms have the add's constant in c (loads) or a
 * (stores) instead of a slot. */
#define ADD_LOAD_(ID, TYPE, STORE_AS, ADDEND)                                                  \
  L_##ID: {                                                                                    \
    uint64_t ea = (uint64_t)(uint32_t)(U32(A) + (ADDEND)) + (uint64_t)B;                       \
    TYPE v;                                                                                    \
    ex->pc = pc;                                                                               \
    memcpy(&v, mem + ea, sizeof v);                                                            \
    STORE_AS(R) = v;                                                                           \
    NEXT();                                                                                    \
  }                                                                                            \
  L_##ID##_X: {                                                                                \
    uint64_t ea = (uint64_t)(uint32_t)(U32(A) + (ADDEND)) + (uint64_t)B;                       \
    TYPE v;                                                                                    \
    CHECK(ea, sizeof(TYPE));                                                                   \
    memcpy(&v, mem + ea, sizeof v);                                                            \
    STORE_AS(R) = v;                                                                           \
    NEXT();                                                                                    \
  }
#define ADD_STORE_(ID, TYPE, LOAD_AS, ADDEND)                                                  \
  L_##ID: {                                                                                    \
    uint64_t ea = (uint64_t)(uint32_t)(U32(R) + (ADDEND)) + (uint64_t)C;                       \
    TYPE v = (TYPE)LOAD_AS(B);                                                                 \
    ex->pc = pc;                                                                               \
    memcpy(mem + ea, &v, sizeof v);                                                            \
    NEXT();                                                                                    \
  }                                                                                            \
  L_##ID##_X: {                                                                                \
    uint64_t ea = (uint64_t)(uint32_t)(U32(R) + (ADDEND)) + (uint64_t)C;                       \
    TYPE v = (TYPE)LOAD_AS(B);                                                                 \
    CHECK(ea, sizeof(TYPE));                                                                   \
    memcpy(mem + ea, &v, sizeof v);                                                            \
    NEXT();                                                                                    \
  }
#define ADD_LOAD(ID, TYPE, STORE_AS) ADD_LOAD_(ID, TYPE, STORE_AS, U32(C)) ADD_LOAD_(ID##_K, TYPE, STORE_AS, C)
#define ADD_STORE(ID, TYPE, LOAD_AS) ADD_STORE_(ID, TYPE, LOAD_AS, U32(A)) ADD_STORE_(ID##_K, TYPE, LOAD_AS, A)
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
#undef ADD_LOAD_
#undef ADD_STORE_

/* two copies (r := a, then b := c), as a call's argument set-up or a loop's moves make them */
L_COPY2:
  U64(R) = U64(A);
  U64(B) = U64(C);
  NEXT();

/* a copy of a constant that fits 32 bits (sign-extended to the slot's 64) */
L_COPYK:
  U64(R) = KX64(A);
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

/* value ops whose second operand is a constant, taken from field c of the code: the frame then
 * needs no copy of that constant (fewer constants to copy into each new frame) */
#define OPK32(OP, FN) L_##OP##_K: U32(R) = FN(U32(A), KX32(C)); NEXT();
#define OPK64(OP, FN) L_##OP##_K: U64(R) = FN(U64(A), KX64(C)); NEXT();
#define CMPK64(OP, FN) L_##OP##_K: U32(R) = FN(U64(A), KX64(C)); NEXT();
OPK32(I32_ADD, num_i32_add)
OPK32(I32_SUB, num_i32_sub)
OPK32(I32_MUL, num_i32_mul)
OPK32(I32_AND, num_i32_and)
OPK32(I32_OR, num_i32_or)
OPK32(I32_XOR, num_i32_xor)
OPK32(I32_SHL, num_i32_shl)
OPK32(I32_SHR_S, num_i32_shr_s)
OPK32(I32_SHR_U, num_i32_shr_u)
OPK32(I32_ROTL, num_i32_rotl)
OPK32(I32_ROTR, num_i32_rotr)
OPK32(I32_EQ, num_i32_eq)
OPK32(I32_NE, num_i32_ne)
OPK32(I32_LT_S, num_i32_lt_s)
OPK32(I32_LT_U, num_i32_lt_u)
OPK32(I32_GT_S, num_i32_gt_s)
OPK32(I32_GT_U, num_i32_gt_u)
OPK32(I32_LE_S, num_i32_le_s)
OPK32(I32_LE_U, num_i32_le_u)
OPK32(I32_GE_S, num_i32_ge_s)
OPK32(I32_GE_U, num_i32_ge_u)
OPK64(I64_ADD, num_i64_add)
OPK64(I64_SUB, num_i64_sub)
OPK64(I64_MUL, num_i64_mul)
OPK64(I64_AND, num_i64_and)
OPK64(I64_OR, num_i64_or)
OPK64(I64_XOR, num_i64_xor)
OPK64(I64_SHL, num_i64_shl)
OPK64(I64_SHR_S, num_i64_shr_s)
OPK64(I64_SHR_U, num_i64_shr_u)
CMPK64(I64_EQ, num_i64_eq)
CMPK64(I64_NE, num_i64_ne)
CMPK64(I64_LT_S, num_i64_lt_s)
CMPK64(I64_LT_U, num_i64_lt_u)
CMPK64(I64_GT_S, num_i64_gt_s)
CMPK64(I64_GT_U, num_i64_gt_u)
CMPK64(I64_LE_S, num_i64_le_s)
CMPK64(I64_LE_U, num_i64_le_u)
CMPK64(I64_GE_S, num_i64_ge_s)
CMPK64(I64_GE_U, num_i64_ge_u)
#undef OPK32
#undef OPK64
#undef CMPK64
