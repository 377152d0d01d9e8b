/* isa_check.c: reads `wasmlab dump --asm` on stdin and fails if any instruction needs a CPU feature the process may not use (WLAB_CPU_FEATURES). */
#include <capstone/capstone.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "x64/asm.h"

/*
 * Usage: WLAB_CPU_FEATURES=... wasmlab dump --asm m.wasm | WLAB_CPU_FEATURES=... isa_check [--expect-each]
 *
 * Every machine-code line of the dump (ten spaces, a hex offset, two spaces, hex bytes) is
 * decoded again by capstone with details on, and each instruction's extension is looked up:
 * from capstone's instruction groups, and by instruction id for the three capstone files under
 * no group of their own (popcnt, lzcnt, tzcnt).  The allowed set is x64_cpu_features(), the
 * same probe and mask the compiler used.  --expect-each also fails when a feature the process
 * has is never used, so that a fixture that stops exercising a feature is noticed.
 */

enum need { N_SSE3, N_SSSE3, N_SSE41, N_SSE42, N_POPCNT, N_LZCNT, N_BMI1, N_BMI2, N_AVX, N_AVX2, N_OTHER, N_COUNT };
static const char *const need_name[N_COUNT] = {
  "sse3", "ssse3", "sse4.1", "sse4.2", "popcnt", "lzcnt", "bmi1", "bmi2", "avx", "avx2",
  "an extension the engine never uses",
};

static bool allowed(enum need n, const x64_cpu *c)
{
  switch (n) {
  case N_SSE3: return c->ssse3;   /* not probed on its own: every CPU with SSSE3 has SSE3 */
  case N_SSSE3: return c->ssse3;
  case N_SSE41: return c->sse41;
  case N_SSE42: return c->sse42;
  case N_POPCNT: return c->popcnt;
  case N_LZCNT: return c->lzcnt;
  case N_BMI1: return c->bmi1;
  case N_BMI2: return c->bmi2;
  case N_AVX: return c->avx;
  case N_AVX2: return c->avx2;
  default: return false;
  }
}

/* The extensions one instruction needs, as a bit set of enum need. */
static unsigned needs_of(const cs_insn *insn)
{
  unsigned set = 0;
  switch (insn->id) {
  case X86_INS_POPCNT: set |= 1u << N_POPCNT; break;
  case X86_INS_LZCNT: set |= 1u << N_LZCNT; break;
  case X86_INS_TZCNT: set |= 1u << N_BMI1; break;
  default: break;
  }
  const cs_detail *d = insn->detail;
  for (unsigned i = 0; d && i < d->groups_count; i++) {
    switch (d->groups[i]) {
    case X86_GRP_SSE3: set |= 1u << N_SSE3; break;
    case X86_GRP_SSSE3: set |= 1u << N_SSSE3; break;
    case X86_GRP_SSE41: set |= 1u << N_SSE41; break;
    case X86_GRP_SSE42: set |= 1u << N_SSE42; break;
    case X86_GRP_BMI: set |= 1u << N_BMI1; break;
    case X86_GRP_BMI2: set |= 1u << N_BMI2; break;
    case X86_GRP_AVX: set |= 1u << N_AVX; break;
    case X86_GRP_AVX2: set |= 1u << N_AVX2; break;
    case X86_GRP_AVX512: case X86_GRP_FMA: case X86_GRP_FMA4: case X86_GRP_F16C: case X86_GRP_XOP:
    case X86_GRP_SSE4A: case X86_GRP_3DNOW: case X86_GRP_TBM: case X86_GRP_AES: case X86_GRP_SHA:
    case X86_GRP_PCLMUL: case X86_GRP_ADX:
      set |= 1u << N_OTHER;
      break;
    default: break;
    }
  }
  /* AVX-encoded forms of BMI and of vector instructions carry both groups; AVX2 implies AVX */
  if (set & 1u << N_AVX2)
    set |= 1u << N_AVX;
  return set;
}

static int hex_digit(char ch)
{
  return ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : -1;
}

/* A machine-code line, "          0000  49 3b 24 24      cmp rsp, ...": its bytes.  0 for any
 * other line, and for the constant pool's lines (bytes, then only a "; 0x..." comment): data. */
static size_t parse_code_line(const char *line, uint8_t *bytes, size_t max)
{
  if (strncmp(line, "          ", 10) != 0)
    return 0;
  const char *p = line + 10;
  size_t hex = strspn(p, "0123456789abcdef");
  if (hex < 4 || strncmp(p + hex, "  ", 2) != 0)
    return 0;
  p += hex + 2;
  size_t n = 0;
  /* bytes are two digits each, one space apart; two spaces end them */
  while (n < max && hex_digit(p[0]) >= 0 && hex_digit(p[1]) >= 0 && (p[2] == ' ' || p[2] == '\n' || !p[2])) {
    bytes[n++] = (uint8_t)(hex_digit(p[0]) << 4 | hex_digit(p[1]));
    p += 2;
    if (p[0] != ' ' || p[1] == ' ')
      break;
    p++;
  }
  p += strspn(p, " ");
  return *p == ';' ? 0 : n;
}

int main(int argc, char **argv)
{
  bool expect_each = argc > 1 && strcmp(argv[1], "--expect-each") == 0;
  if (x64_cpu_mask_error()) {
    fprintf(stderr, "isa_check: %s\n", x64_cpu_mask_error());
    return 2;
  }
  const x64_cpu *cpu = x64_cpu_features();
  csh cs;
  if (cs_open(CS_ARCH_X86, CS_MODE_64, &cs) != CS_ERR_OK) {
    fprintf(stderr, "isa_check: capstone could not start\n");
    return 2;
  }
  cs_option(cs, CS_OPT_DETAIL, CS_OPT_ON);
  cs_insn *insn = cs_malloc(cs);
  static char line[4096];
  unsigned long used[N_COUNT] = {0}, instructions = 0, bad = 0, lineno = 0;
  while (fgets(line, sizeof line, stdin)) {
    lineno++;
    uint8_t bytes[32];
    size_t n = parse_code_line(line, bytes, sizeof bytes);
    if (!n)
      continue;
    const uint8_t *p = bytes;
    size_t left = n;
    uint64_t addr = 0;
    while (left && cs_disasm_iter(cs, &p, &left, &addr, insn)) {
      instructions++;
      unsigned set = needs_of(insn);
      for (unsigned k = 0; k < N_COUNT; k++) {
        if (!(set >> k & 1))
          continue;
        used[k]++;
        if (!allowed((enum need)k, cpu)) {
          bad++;
          printf("line %lu: %s %s needs %s, which this process may not use\n", lineno, insn->mnemonic,
                 insn->op_str, need_name[k]);
        }
      }
    }
  }
  cs_free(insn, 1);
  cs_close(&cs);
  char have[200];
  x64_cpu_describe(cpu, have, sizeof have);
  printf("%lu instructions checked against [%s]; used:", instructions, have);
  for (unsigned k = 0; k < N_OTHER; k++)
    if (used[k])
      printf(" %s %lu", need_name[k], used[k]);
  printf("\n");
  if (instructions == 0) {
    printf("no machine code in the input\n");
    return 1;
  }
  if (expect_each)
    for (unsigned k = N_SSSE3; k < N_OTHER; k++)
      if (allowed((enum need)k, cpu) && !used[k]) {
        printf("%s is available but no instruction used it\n", need_name[k]);
        bad++;
      }
  return bad ? 1 : 0;
}
