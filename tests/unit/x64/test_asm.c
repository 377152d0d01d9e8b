/* test_asm.c: golden bytes for every encoder form (cases.h), condition codes, registers, labels. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "x64/asm.h"

#define MB x64_mem_bd
#define MX x64_mem_bisd

/* Compares and prints a readable diff, so one run lists every wrong form at once. */
static int check_bytes(const x64_buf *b, const char *what, const uint8_t *want, size_t n)
{
  if (x64_buf_ok(b) && b->len == n && memcmp(b->code, want, n) == 0)
    return 0;
  fprintf(stderr, "%s\n  want:", what);
  for (size_t i = 0; i < n; i++)
    fprintf(stderr, " %02X", want[i]);
  fprintf(stderr, "\n  got: ");
  for (size_t i = 0; i < b->len; i++)
    fprintf(stderr, " %02X", b->code[i]);
  fprintf(stderr, "\n");
  return 1;
}

static void golden_bytes(void **state)
{
  (void)state;
  x64_buf buf, *b = &buf;
  int bad = 0, total = 0;
  x64_buf_init(b);
#define CASE(call, text, ...)                                              \
  do {                                                                     \
    static const uint8_t want[] = { __VA_ARGS__ };                         \
    x64_buf_reset(b);                                                      \
    call;                                                                  \
    bad += check_bytes(b, #call, want, sizeof want);                       \
    total++;                                                               \
  } while (0);
#include "cases.h"
#undef CASE
  x64_buf_free(b);
  print_message("%d forms, %d wrong\n", total, bad);
  assert_int_equal(bad, 0);
}

/* Jcc is 0F 80+cc, SETcc 0F 90+cc, CMOVcc 0F 40+cc: check the whole nibble range. */
static void condition_codes(void **state)
{
  (void)state;
  x64_buf buf, *b = &buf;
  x64_buf_init(b);
  for (unsigned cc = 0; cc < 16; cc++) {
    x64_buf_reset(b);
    x64_jcc_rel32(b, (x64_cc)cc, 0x11223344);
    x64_setcc_r8(b, (x64_cc)cc, X64_RDX);
    x64_cmovcc_r64_r64(b, (x64_cc)cc, X64_RAX, X64_RDX);
    const uint8_t want[] = { 0x0F, 0x80 + cc, 0x44, 0x33, 0x22, 0x11,
                             0x0F, 0x90 + cc, 0xC2,
                             0x48, 0x0F, 0x40 + cc, 0xC2 };
    assert_int_equal(check_bytes(b, "jcc/setcc/cmovcc", want, sizeof want), 0);
    assert_int_equal(x64_cc_not(x64_cc_not((x64_cc)cc)), cc);
    assert_int_equal(x64_cc_not((x64_cc)cc) ^ cc, 1);
  }
  x64_buf_free(b);
}

/* push/pop put the register in the opcode; r8-r15 add REX.B (41). */
static void every_register_in_opcode(void **state)
{
  (void)state;
  x64_buf buf, *b = &buf;
  x64_buf_init(b);
  for (unsigned r = 0; r < 16; r++) {
    x64_buf_reset(b);
    x64_push_r64(b, (x64_gpr)r);
    x64_pop_r64(b, (x64_gpr)r);
    uint8_t want[4];
    size_t n = 0;
    if (r >= 8)
      want[n++] = 0x41;
    want[n++] = 0x50 + (r & 7);
    if (r >= 8)
      want[n++] = 0x41;
    want[n++] = 0x58 + (r & 7);
    assert_int_equal(check_bytes(b, "push/pop", want, n), 0);
  }
  x64_buf_free(b);
}

static void register_names(void **state)
{
  (void)state;
  assert_string_equal(x64_gpr_name(X64_RAX), "rax");
  assert_string_equal(x64_gpr_name(X64_R15), "r15");
  assert_string_equal(x64_xmm_name(X64_XMM0), "xmm0");
  assert_string_equal(x64_xmm_name(X64_XMM15), "xmm15");
  assert_string_equal(x64_gpr_name(X64_NOREG), "?");
}

static int32_t rel_at(const x64_buf *b, size_t at)
{
  int32_t v;
  memcpy(&v, b->code + at, 4);
  return v;
}

/* Forward references are patched on bind, several to one label; backward ones are direct. */
static void labels(void **state)
{
  (void)state;
  x64_buf buf, *b = &buf;
  x64_buf_init(b);
  x64_label_id top = x64_label(b), end = x64_label(b), fn = x64_label(b);
  x64_bind(b, top);                       /* 0 */
  x64_jcc_label(b, X64_CC_E, end);        /* 0: 0F 84 rel32, ends at 6 */
  x64_jmp_label(b, end);                  /* 6: E9 rel32, ends at 11 */
  x64_call_label(b, fn);                  /* 11: E8 rel32, ends at 16 */
  x64_jmp_label(b, top);                  /* 16: backward, ends at 21 */
  assert_false(x64_buf_ok(b));            /* end and fn are still unbound */
  assert_false(x64_label_bound(b, end));
  x64_bind(b, end);                       /* 21 */
  x64_nop(b);
  x64_bind(b, fn);                        /* 22 */
  x64_ret(b);
  assert_true(x64_buf_ok(b));
  assert_int_equal(b->len, 23);
  assert_int_equal(x64_label_pos(b, end), 21);
  assert_int_equal(rel_at(b, 2), 21 - 6);
  assert_int_equal(rel_at(b, 7), 21 - 11);
  assert_int_equal(rel_at(b, 12), 22 - 16);
  assert_int_equal(rel_at(b, 17), 0 - 21);
  assert_int_equal(b->code[0], 0x0F);
  assert_int_equal(b->code[1], 0x84);
  assert_int_equal(b->code[6], 0xE9);
  assert_int_equal(b->code[11], 0xE8);
  assert_int_equal(b->code[16], 0xE9);
  x64_buf_free(b);
}

/* lea's rip-relative rel32 joins the same chain as the branches: it ends its instruction, so
   "relative to the end of the field" is the CPU's "relative to the next instruction". */
static void lea_shares_the_label_chain(void **state)
{
  (void)state;
  x64_buf buf, *b = &buf;
  x64_buf_init(b);
  x64_label_id l = x64_label(b);
  x64_jmp_label(b, l);                    /* 0: E9 rel32, ends at 5 */
  x64_lea_r64_label(b, X64_RAX, l);       /* 5: 48 8D 05 rel32, ends at 12 */
  x64_jcc_label(b, X64_CC_NE, l);         /* 12: 0F 85 rel32, ends at 18 */
  x64_lea_r64_label(b, X64_R12, l);       /* 18: 4C 8D 25 rel32, ends at 25 */
  assert_false(x64_buf_ok(b));
  x64_bind(b, l);                         /* 25 */
  x64_lea_r64_label(b, X64_RCX, l);       /* 25: backward, ends at 32 */
  assert_true(x64_buf_ok(b));
  assert_int_equal(b->len, 32);
  assert_int_equal(rel_at(b, 1), 25 - 5);
  assert_int_equal(rel_at(b, 8), 25 - 12);
  assert_int_equal(rel_at(b, 14), 25 - 18);
  assert_int_equal(rel_at(b, 21), 0);
  assert_int_equal(rel_at(b, 28), 25 - 32);
  static const uint8_t opcodes[][3] = { { 0x48, 0x8D, 0x05 }, { 0x4C, 0x8D, 0x25 }, { 0x48, 0x8D, 0x0D } };
  assert_memory_equal(b->code + 5, opcodes[0], 3);
  assert_memory_equal(b->code + 18, opcodes[1], 3);
  assert_memory_equal(b->code + 25, opcodes[2], 3);
  x64_buf_free(b);
}

/* An SSE operand at [rip + label] (x64_mem_label) ends its instruction with the rel32 too, so it
   joins the chain; a form with an immediate after the operand, or a VEX form, refuses it. */
static void sse_rip_label_operand(void **state)
{
  (void)state;
  x64_buf buf, *b = &buf;
  x64_buf_init(b);
  x64_label_id l = x64_label(b);
  x64_pmaddubsw_xmm_m128(b, X64_XMM3, x64_mem_label(l)); /* 0: 66 0F 38 04 1D rel32, ends at 9 */
  x64_movaps_xmm_m128(b, X64_XMM12, x64_mem_label(l));   /* 9: 44 0F 28 25 rel32, ends at 17 */
  assert_false(x64_buf_ok(b));
  x64_bind(b, l);                                        /* 17 */
  x64_pand_xmm_m128(b, X64_XMM1, x64_mem_label(l));      /* 17: 66 0F DB 0D rel32, ends at 25 */
  assert_true(x64_buf_ok(b));
  assert_int_equal(b->len, 25);
  static const uint8_t pmaddubsw[] = { 0x66, 0x0F, 0x38, 0x04, 0x1D };
  static const uint8_t movaps[] = { 0x44, 0x0F, 0x28, 0x25 };
  static const uint8_t pand[] = { 0x66, 0x0F, 0xDB, 0x0D };
  assert_memory_equal(b->code, pmaddubsw, sizeof pmaddubsw);
  assert_memory_equal(b->code + 9, movaps, sizeof movaps);
  assert_memory_equal(b->code + 17, pand, sizeof pand);
  assert_int_equal(rel_at(b, 5), 17 - 9);
  assert_int_equal(rel_at(b, 13), 0);
  assert_int_equal(rel_at(b, 21), 17 - 25);
  x64_buf_free(b);
  x64_buf_init(b);
  l = x64_label(b);
  x64_bind(b, l);
  x64_cmp_m32_imm32(b, x64_mem_label(l), 5);             /* an immediate after the rel32 */
  assert_false(x64_buf_ok(b));
  x64_buf_free(b);
}

/* x64_align pads only up to the next multiple, never a whole extra block, and 0 and 1 ask for
   nothing. */
static void align_pads_to_the_next_multiple(void **state)
{
  (void)state;
  x64_buf buf, *b = &buf;
  x64_buf_init(b);
  x64_align(b, 16);
  assert_int_equal(x64_here(b), 0);
  x64_nop(b);
  x64_align(b, 0);
  x64_align(b, 1);
  assert_int_equal(x64_here(b), 1);
  x64_align(b, 16);
  assert_int_equal(x64_here(b), 16);
  x64_align(b, 16);
  x64_align(b, 8);
  assert_int_equal(x64_here(b), 16);
  for (size_t i = 1; i < 16; i++)
    assert_int_equal(b->code[i], 0xCC);
  x64_emit_u64(b, 0x0102030405060708);
  x64_emit_u32(b, 0x0A0B0C0D);
  x64_align(b, 32);
  assert_int_equal(x64_here(b), 32);
  static const uint8_t data[] = { 8, 7, 6, 5, 4, 3, 2, 1, 0x0D, 0x0C, 0x0B, 0x0A, 0xCC };
  assert_memory_equal(b->code + 16, data, sizeof data);
  assert_true(x64_buf_ok(b));
  x64_buf_free(b);
}

static void unknown_label_fails(void **state)
{
  (void)state;
  x64_buf buf, *b = &buf;
  x64_buf_init(b);
  x64_jmp_label(b, 7);   /* never created */
  assert_false(x64_buf_ok(b));
  x64_buf_free(b);
}

static void label_bound_twice_fails(void **state)
{
  (void)state;
  x64_buf buf, *b = &buf;
  x64_buf_init(b);
  x64_label_id l = x64_label(b);
  x64_bind(b, l);
  assert_true(x64_buf_ok(b));
  x64_bind(b, l);
  assert_false(x64_buf_ok(b));
  x64_buf_free(b);
}

/* Operands the hardware cannot encode fail the buffer rather than emit something else. */
static void unencodable_operands_fail(void **state)
{
  (void)state;
  const x64_mem bad[] = {
    MX(X64_RAX, X64_RSP, 1, 0),     /* rsp as an index means "no index" */
    MX(X64_RAX, X64_RCX, 3, 0),     /* no scale 3 */
    MB(X64_NOREG, 16),              /* no base */
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    x64_buf buf, *b = &buf;
    x64_buf_init(b);
    x64_mov_r64_m64(b, X64_RAX, bad[i]);
    assert_false(x64_buf_ok(b));
    x64_buf_free(b);
  }
}

/* Thousands of labels and bytes: the buffer and the label table grow past their first sizes. */
static void growth(void **state)
{
  (void)state;
  x64_buf buf, *b = &buf;
  x64_buf_init(b);
  enum { N = 3000 };
  static x64_label_id ids[N];
  for (int i = 0; i < N; i++) {
    ids[i] = x64_label(b);
    x64_jmp_label(b, ids[i]);
  }
  for (int i = N - 1; i >= 0; i--)
    x64_bind(b, ids[i]);
  assert_true(x64_buf_ok(b));
  assert_int_equal(b->len, 5 * N);
  for (int i = 0; i < N; i++)
    assert_int_equal(rel_at(b, 5 * (size_t)i + 1), 5 * N - 5 * (i + 1));
  x64_buf_free(b);
}

static void raw_bytes_and_reset(void **state)
{
  (void)state;
  x64_buf buf, *b = &buf;
  x64_buf_init(b);
  static const uint8_t pad[] = { 0x66, 0x90 };
  x64_emit_bytes(b, pad, sizeof pad);
  x64_ret(b);
  static const uint8_t want[] = { 0x66, 0x90, 0xC3 };
  assert_int_equal(check_bytes(b, "emit_bytes", want, sizeof want), 0);
  assert_int_equal(x64_here(b), 3);
  x64_buf_reset(b);
  assert_int_equal(x64_here(b), 0);
  assert_true(x64_buf_ok(b));
  x64_buf_free(b);
}

/* Caller memory: code stays there up to 16 bytes short of its end (the encoder's slack, which
   it may write but never counts), then moves to the heap with what it has; nothing is ever
   written past the memory it was given. */
static void external_memory_and_its_slack(void **state)
{
  (void)state;
  enum { CAP = 64, SLACK = 16, GUARD = 32 };
  static uint8_t mem[CAP + GUARD];
  memset(mem, 0xEE, sizeof mem);
  x64_buf buf, *b = &buf;
  x64_buf_init_external(b, mem, CAP);
  /* 7-byte loads, each with the widest disp32 and [r12 + disp] SIB, to the last byte allowed */
  size_t n = 0;
  while (x64_here(b) + 8 <= CAP - SLACK) {
    x64_mov_r64_m64(b, X64_R9, x64_mem_bd(X64_R12, 0x01020304));
    n++;
  }
  assert_true(b->external);
  assert_ptr_equal(b->code, mem);
  x64_mov_r64_m64(b, X64_R9, x64_mem_bd(X64_R12, 0x01020304));   /* past the slack line */
  x64_mov_r32_imm32(b, X64_RAX, 0x11223344);
  n++;
  assert_false(b->external);
  assert_ptr_not_equal(b->code, mem);
  assert_true(x64_buf_ok(b));
  assert_int_equal(x64_here(b), 8 * n + 5);
  static const uint8_t load[] = { 0x4D, 0x8B, 0x8C, 0x24, 0x04, 0x03, 0x02, 0x01 };
  for (size_t i = 0; i < n; i++)
    assert_memory_equal(b->code + 8 * i, load, sizeof load);
  for (size_t i = CAP; i < sizeof mem; i++)
    assert_int_equal(mem[i], 0xEE);
  x64_buf_free(b);   /* frees the heap copy, never mem */

  /* memory too small to hold the slack is not used */
  x64_buf_init_external(b, mem, SLACK);
  assert_false(b->external);
  x64_ret(b);
  assert_true(x64_buf_ok(b));
  assert_int_equal(b->len, 1);
  assert_int_equal(b->code[0], 0xC3);
  x64_buf_free(b);
}

/* Every way a buffer grows (one byte at a time from nothing, a long x64_emit_bytes, x64_align
   over a page) keeps the bytes; a freed buffer can be used again. */
static void growth_keeps_the_bytes(void **state)
{
  (void)state;
  x64_buf buf, *b = &buf;
  x64_buf_init(b);
  for (int round = 0; round < 2; round++) {
    static uint8_t blob[10000];
    for (size_t i = 0; i < sizeof blob; i++)
      blob[i] = (uint8_t)(i * 7 + 1);
    x64_nop(b);
    x64_emit_bytes(b, blob, sizeof blob);
    x64_align(b, 8192);
    x64_add_r32_imm32(b, X64_R11, 1000);
    assert_true(x64_buf_ok(b));
    assert_int_equal(x64_here(b), 16384 + 7);
    assert_int_equal(b->code[0], 0x90);
    assert_memory_equal(b->code + 1, blob, sizeof blob);
    for (size_t i = 1 + sizeof blob; i < 16384; i++)
      assert_int_equal(b->code[i], 0xCC);
    static const uint8_t add[] = { 0x41, 0x81, 0xC3, 0xE8, 0x03, 0x00, 0x00 };
    assert_memory_equal(b->code + 16384, add, sizeof add);
    x64_buf_free(b);
  }
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(golden_bytes),
    cmocka_unit_test(condition_codes),
    cmocka_unit_test(every_register_in_opcode),
    cmocka_unit_test(register_names),
    cmocka_unit_test(labels),
    cmocka_unit_test(lea_shares_the_label_chain),
    cmocka_unit_test(sse_rip_label_operand),
    cmocka_unit_test(align_pads_to_the_next_multiple),
    cmocka_unit_test(unknown_label_fails),
    cmocka_unit_test(label_bound_twice_fails),
    cmocka_unit_test(unencodable_operands_fail),
    cmocka_unit_test(growth),
    cmocka_unit_test(raw_bytes_and_reset),
    cmocka_unit_test(external_memory_and_its_slack),
    cmocka_unit_test(growth_keeps_the_bytes),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
