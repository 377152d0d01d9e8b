/* test_asm_capstone.c: what the encoder emits, capstone disassembles to the intended text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "x64/asm.h"

#ifndef WLAB_HAVE_CAPSTONE
int main(void)
{
  printf("capstone not found (install libcapstone-dev): disassembler round trip skipped\n");
  return 77;   /* meson's "skipped" */
}
#else
#include <capstone/capstone.h>

#define MB x64_mem_bd
#define MX x64_mem_bisd

static csh cs;

static int setup(void **state)
{
  (void)state;
  return cs_open(CS_ARCH_X86, CS_MODE_64, &cs) == CS_ERR_OK ? 0 : -1;
}

static int teardown(void **state)
{
  (void)state;
  cs_close(&cs);
  return 0;
}

/* All instructions of the buffer, from address 0, as "mnemonic operands; ...". Bytes capstone
   cannot decode, or trailing bytes it leaves, make the text "<undecodable>". */
static void disassemble(const x64_buf *b, char *out, size_t size)
{
  cs_insn *insn;
  size_t n = cs_disasm(cs, b->code, b->len, 0, 0, &insn);
  size_t used = 0, pos = 0;
  out[0] = 0;
  for (size_t i = 0; i < n; i++) {
    pos += (size_t)snprintf(out + pos, size - pos, "%s%s%s%s", i ? "; " : "", insn[i].mnemonic,
                            insn[i].op_str[0] ? " " : "", insn[i].op_str);
    used += insn[i].size;
  }
  if (n)
    cs_free(insn, n);
  if (used != b->len)
    snprintf(out, size, "<undecodable>");
}

static int check_text(const x64_buf *b, const char *what, const char *want)
{
  char got[512];
  disassemble(b, got, sizeof got);
  if (strcmp(got, want) == 0)
    return 0;
  fprintf(stderr, "%s\n  want: %s\n  got:  %s\n", what, want, got);
  return 1;
}

static void every_form(void **state)
{
  (void)state;
  x64_buf buf, *b = &buf;
  int bad = 0, total = 0;
  x64_buf_init(b);
#define CASE(call, text, ...)                 \
  do {                                        \
    x64_buf_reset(b);                         \
    call;                                     \
    bad += check_text(b, #call, text);        \
    total++;                                  \
  } while (0);
#include "cases.h"
#undef CASE
  x64_buf_free(b);
  print_message("%d forms, %d differ\n", total, bad);
  assert_int_equal(bad, 0);
}

/* capstone's spelling of the sixteen conditions, in encoding order */
static const char *const cc_names[16] = {
  "o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l", "ge", "le", "g",
};

static void every_condition(void **state)
{
  (void)state;
  x64_buf buf, *b = &buf;
  int bad = 0;
  char want[128];
  x64_buf_init(b);
  for (unsigned cc = 0; cc < 16; cc++) {
    x64_buf_reset(b);
    x64_jcc_rel32(b, (x64_cc)cc, 0x100);
    x64_setcc_r8(b, (x64_cc)cc, X64_R8);
    x64_cmovcc_r32_r32(b, (x64_cc)cc, X64_RAX, X64_RDI);
    snprintf(want, sizeof want, "j%s 0x106; set%s r8b; cmov%s eax, edi", cc_names[cc], cc_names[cc],
             cc_names[cc]);
    bad += check_text(b, "condition", want);
  }
  x64_buf_free(b);
  assert_int_equal(bad, 0);
}

/* capstone prints displacements up to 9 in decimal and larger ones in hex */
static int fmt_num(char *out, size_t size, int64_t v)
{
  uint64_t a = v < 0 ? (uint64_t)-v : (uint64_t)v;
  return a <= 9 ? snprintf(out, size, "%llu", (unsigned long long)a)
                : snprintf(out, size, "0x%llx", (unsigned long long)a);
}

static void fmt_mem(char *out, size_t size, x64_mem m)
{
  int n = snprintf(out, size, "[%s", x64_gpr_name(m.base));
  if (m.index != X64_NOREG) {
    n += snprintf(out + n, size - (size_t)n, " + %s", x64_gpr_name(m.index));
    if (m.scale != 1)
      n += snprintf(out + n, size - (size_t)n, "*%u", m.scale);
  }
  if (m.disp) {
    n += snprintf(out + n, size - (size_t)n, " %c ", m.disp < 0 ? '-' : '+');
    n += fmt_num(out + n, size - (size_t)n, m.disp);
  }
  snprintf(out + n, size - (size_t)n, "]");
}

/* Every base, every index (none, or any but rsp), every scale, displacements of each size:
   the SIB and the rbp/r13 and rsp/r12 special cases all meet here. */
static void every_address(void **state)
{
  (void)state;
  static const int32_t disps[] = { 0, 1, -1, 127, 128, -128, -129, 0x12345678, INT32_MIN };
  static const unsigned scales[] = { 1, 2, 4, 8 };
  x64_buf buf, *b = &buf;
  int bad = 0, total = 0;
  char mem[96], want[160];
  x64_buf_init(b);
  for (int base = 0; base < 16; base++)
    for (int index = -1; index < 16; index++) {
      if (index == X64_RSP)
        continue;
      for (size_t s = 0; s < (index < 0 ? 1 : 4); s++)
        for (size_t d = 0; d < sizeof disps / sizeof disps[0]; d++) {
          x64_mem m = MX((x64_gpr)base, (x64_gpr)index, scales[s], disps[d]);
          x64_buf_reset(b);
          x64_mov_r64_m64(b, (x64_gpr)((base + index + 16) % 16), m);
          fmt_mem(mem, sizeof mem, m);
          snprintf(want, sizeof want, "mov %s, qword ptr %s", x64_gpr_name((x64_gpr)((base + index + 16) % 16)),
                   mem);
          bad += check_text(b, "address", want);
          total++;
        }
    }
  x64_buf_free(b);
  print_message("%d addresses, %d differ\n", total, bad);
  assert_int_equal(bad, 0);
}

/* Every register pair in a ModRM register-register form, in each width. */
static void every_register_pair(void **state)
{
  (void)state;
  static const char *const r32[16] = {
    "eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi",
    "r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d",
  };
  x64_buf buf, *b = &buf;
  int bad = 0;
  char want[96];
  x64_buf_init(b);
  for (int d = 0; d < 16; d++)
    for (int s = 0; s < 16; s++) {
      x64_buf_reset(b);
      x64_add_r64_r64(b, (x64_gpr)d, (x64_gpr)s);
      x64_imul_r32_r32(b, (x64_gpr)d, (x64_gpr)s);
      x64_addsd_xmm_xmm(b, (x64_xmm)d, (x64_xmm)s);
      snprintf(want, sizeof want, "add %s, %s; imul %s, %s; addsd %s, %s", x64_gpr_name((x64_gpr)d),
               x64_gpr_name((x64_gpr)s), r32[d], r32[s], x64_xmm_name((x64_xmm)d), x64_xmm_name((x64_xmm)s));
      bad += check_text(b, "register pair", want);
    }
  x64_buf_free(b);
  assert_int_equal(bad, 0);
}

/* setcc on each of the sixteen byte registers: 4-7 must come out as spl..dil, never ah..bh. */
static void every_byte_register(void **state)
{
  (void)state;
  static const char *const r8[16] = {
    "al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil",
    "r8b", "r9b", "r10b", "r11b", "r12b", "r13b", "r14b", "r15b",
  };
  x64_buf buf, *b = &buf;
  int bad = 0;
  char want[96];
  x64_buf_init(b);
  for (int r = 0; r < 16; r++) {
    x64_buf_reset(b);
    x64_setcc_r8(b, X64_CC_E, (x64_gpr)r);
    x64_movzx_r32_r8(b, X64_RAX, (x64_gpr)r);
    x64_mov_m8_r8(b, MB(X64_RAX, 0), (x64_gpr)r);
    snprintf(want, sizeof want, "sete %s; movzx eax, %s; mov byte ptr [rax], %s", r8[r], r8[r], r8[r]);
    bad += check_text(b, "byte register", want);
  }
  x64_buf_free(b);
  assert_int_equal(bad, 0);
}

static const char *const r32_names[16] = {
  "eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi",
  "r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d",
};

/* SSE forms with a three-byte opcode (66 REX 0F 38/3A), mixed xmm and general operands, and a
   two-operand VEX form, over every register pair: REX.R and REX.B (VEX.R and VEX.B) land on
   the right operand whichever side holds the xmm. */
static void every_simd_register_pair(void **state)
{
  (void)state;
  x64_buf buf, *b = &buf;
  int bad = 0;
  char want[256];
  x64_buf_init(b);
  for (int d = 0; d < 16; d++)
    for (int s = 0; s < 16; s++) {
      x64_buf_reset(b);
      x64_pshufb_xmm_xmm(b, (x64_xmm)d, (x64_xmm)s);
      x64_pinsrq_xmm_r64_imm8(b, (x64_xmm)d, (x64_gpr)s, 1);
      x64_pextrd_r32_xmm_imm8(b, (x64_gpr)d, (x64_xmm)s, 3);
      x64_pmovmskb_r32_xmm(b, (x64_gpr)d, (x64_xmm)s);
      x64_vpbroadcastq_xmm_xmm(b, (x64_xmm)d, (x64_xmm)s);
      snprintf(want, sizeof want,
               "pshufb xmm%d, xmm%d; pinsrq xmm%d, %s, 1; pextrd %s, xmm%d, 3; pmovmskb %s, xmm%d; "
               "vpbroadcastq xmm%d, xmm%d",
               d, s, d, x64_gpr_name((x64_gpr)s), r32_names[d], s, r32_names[d], s, d, s);
      bad += check_text(b, "simd register pair", want);
    }
  x64_buf_free(b);
  assert_int_equal(bad, 0);
}

/* Every register triple through enc_vex: the two-byte VEX where it suffices (vpaddd, vaddps with
   rm below 8), the three-byte one otherwise (BMI2 always: map 0F38), vvvv inverted. */
static void every_vex_register_triple(void **state)
{
  (void)state;
  x64_buf buf, *b = &buf;
  int bad = 0;
  char want[256];
  x64_buf_init(b);
  for (int d = 0; d < 16; d++)
    for (int v = 0; v < 16; v++)
      for (int r = 0; r < 16; r++) {
        x64_buf_reset(b);
        x64_vpaddd_xmm_xmm_xmm(b, (x64_xmm)d, (x64_xmm)v, (x64_xmm)r);
        x64_vaddps_xmm_xmm_xmm(b, (x64_xmm)d, (x64_xmm)v, (x64_xmm)r);
        x64_shlx_r64_r64_r64(b, (x64_gpr)d, (x64_gpr)r, (x64_gpr)v);
        x64_sarx_r32_r32_r32(b, (x64_gpr)d, (x64_gpr)r, (x64_gpr)v);
        snprintf(want, sizeof want,
                 "vpaddd xmm%d, xmm%d, xmm%d; vaddps xmm%d, xmm%d, xmm%d; shlx %s, %s, %s; sarx %s, %s, %s",
                 d, v, r, d, v, r, x64_gpr_name((x64_gpr)d), x64_gpr_name((x64_gpr)r), x64_gpr_name((x64_gpr)v),
                 r32_names[d], r32_names[r], r32_names[v]);
        bad += check_text(b, "vex register triple", want);
      }
  x64_buf_free(b);
  assert_int_equal(bad, 0);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(every_form),
    cmocka_unit_test(every_condition),
    cmocka_unit_test(every_address),
    cmocka_unit_test(every_register_pair),
    cmocka_unit_test(every_byte_register),
    cmocka_unit_test(every_simd_register_pair),
    cmocka_unit_test(every_vex_register_triple),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
#endif
