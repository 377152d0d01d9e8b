/* test_cpu.c: the cpuid feature probe against the hardware itself (each feature's instruction run), and the WLAB_CPU_FEATURES mask. */
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "x64/asm.h"

/* ---- running an instruction the CPU may not have ------------------------------------------- */

static sigjmp_buf on_sigill;

static void sigill_handler(int sig)
{
  (void)sig;
  siglongjmp(on_sigill, 1);
}

/* What running one feature's instruction showed. */
enum outcome {
  RAN_NEW,      /* ran, with the result only the feature gives */
  RAN_LEGACY,   /* ran as the older instruction the same bytes meant before (lzcnt as bsr) */
  FAULTED,      /* SIGILL: the CPU (or, for AVX, the OS) does not have it */
};
static const char *const outcome_name[] = {"ran", "ran as the legacy instruction", "raised SIGILL"};

typedef enum outcome (*try_fn)(void);

/* Each try_ function runs an instruction with inputs whose answer tells the feature apart.
 * The asm is written out by mnemonic: the assembler takes any of them whatever -march says. */

static enum outcome try_ssse3(void)     /* pshufb: byte 0 of the result is byte 3 of the source */
{
  uint8_t src[16], idx[16] = {3};
  for (int i = 0; i < 16; i++)
    src[i] = (uint8_t)(0x10 + i);
  __asm__ volatile("movdqu %1, %%xmm0\n\tmovdqu %2, %%xmm1\n\tpshufb %%xmm1, %%xmm0\n\tmovdqu %%xmm0, %0"
                   : "=m"(src) : "m"(src), "m"(idx) : "xmm0", "xmm1");
  return src[0] == 0x13 && src[1] == 0x10 ? RAN_NEW : RAN_LEGACY;
}

static enum outcome try_sse41(void)     /* pminsd: a signed minimum of 32-bit lanes */
{
  int32_t a[4] = {-5, 7, 0, 9}, b[4] = {3, -8, 0, 10};
  __asm__ volatile("movdqu %1, %%xmm0\n\tmovdqu %2, %%xmm1\n\tpminsd %%xmm1, %%xmm0\n\tmovdqu %%xmm0, %0"
                   : "=m"(a) : "m"(a), "m"(b) : "xmm0", "xmm1");
  return a[0] == -5 && a[1] == -8 && a[3] == 9 ? RAN_NEW : RAN_LEGACY;
}

static enum outcome try_sse42(void)     /* pcmpgtq: a signed 64-bit compare */
{
  int64_t a[2] = {-1, 5}, b[2] = {-2, 6};
  __asm__ volatile("movdqu %1, %%xmm0\n\tmovdqu %2, %%xmm1\n\tpcmpgtq %%xmm1, %%xmm0\n\tmovdqu %%xmm0, %0"
                   : "=m"(a) : "m"(a), "m"(b) : "xmm0", "xmm1");
  return a[0] == -1 && a[1] == 0 ? RAN_NEW : RAN_LEGACY;
}

static enum outcome try_popcnt(void)
{
  uint64_t x = 0xf0f0000000000301u, r;
  __asm__ volatile("popcnt %1, %0" : "=r"(r) : "r"(x) : "cc");
  return r == 11 ? RAN_NEW : RAN_LEGACY;
}

static enum outcome try_lzcnt(void)     /* lzcnt(1) is 31; the same bytes without LZCNT are bsr: 0 */
{
  uint32_t x = 1, r;
  __asm__ volatile("lzcnt %1, %0" : "=r"(r) : "r"(x) : "cc");
  return r == 31 ? RAN_NEW : RAN_LEGACY;
}

static enum outcome try_bmi1(void)      /* andn: ~a & b (VEX-encoded: #UD without BMI1) */
{
  uint64_t a = 0xff00ff00u, b = 0x0ff00ff0u, r;
  __asm__ volatile("andn %2, %1, %0" : "=r"(r) : "r"(a), "r"(b) : "cc");
  return r == 0x00f000f0u ? RAN_NEW : RAN_LEGACY;
}

static enum outcome try_tzcnt(void)     /* tzcnt(0) is 32; without BMI1 the bytes are bsf (dst untouched) */
{
  uint32_t x = 0, r = 77;
  __asm__ volatile("tzcnt %1, %0" : "+r"(r) : "r"(x) : "cc");
  return r == 32 ? RAN_NEW : RAN_LEGACY;
}

static enum outcome try_bmi2(void)      /* shlx: a shift by any register */
{
  uint64_t a = 3, n = 40, r;
  __asm__ volatile("shlx %2, %1, %0" : "=r"(r) : "r"(a), "r"(n));
  return r == 3ull << 40 ? RAN_NEW : RAN_LEGACY;
}

static enum outcome try_avx(void)       /* a 256-bit add: needs the CPU and the OS's ymm state */
{
  float a[8] = {1, 2, 3, 4, 5, 6, 7, 8}, b[8] = {10, 20, 30, 40, 50, 60, 70, 80};
  __asm__ volatile("vmovups %1, %%ymm0\n\tvaddps %2, %%ymm0, %%ymm0\n\tvmovups %%ymm0, %0\n\tvzeroupper"
                   : "=m"(a) : "m"(a), "m"(b) : "xmm0");
  return a[0] == 11 && a[7] == 88 ? RAN_NEW : RAN_LEGACY;
}

static enum outcome try_avx2(void)      /* vpbroadcastb from a register: AVX2 only */
{
  uint8_t a[16] = {0x5a, 1, 2, 3};
  __asm__ volatile("vmovdqu %1, %%xmm0\n\tvpbroadcastb %%xmm0, %%xmm1\n\tvmovdqu %%xmm1, %0"
                   : "=m"(a) : "m"(a) : "xmm0", "xmm1");
  return a[1] == 0x5a && a[15] == 0x5a ? RAN_NEW : RAN_LEGACY;
}

static enum outcome run_guarded(try_fn fn)
{
  struct sigaction sa, old;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = sigill_handler;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGILL, &sa, &old);
  volatile enum outcome o = FAULTED;
  if (sigsetjmp(on_sigill, 1) == 0)
    o = fn();
  sigaction(SIGILL, &old, NULL);
  return o;
}

/* ---- the probe against the hardware -------------------------------------------------------- */

/* The kernel's "flags" line, printed for information only: the hypervisor and the kernel's own
 * masks decide it, and it can legitimately disagree with cpuid (no "abm" on some hosts whose
 * CPUs run lzcnt). */
static void print_kernel_flags(void)
{
  FILE *f = fopen("/proc/cpuinfo", "r");
  if (!f)
    return;
  static char line[1 << 14];
  while (fgets(line, sizeof line, f))
    if (strncmp(line, "flags", 5) == 0) {
      print_message("for information, /proc/cpuinfo%s", strchr(line, ':') ? strchr(line, ':') + 1 : line);
      break;
    }
  fclose(f);
}

/* Where the probe says yes, the instruction must run and give the feature's answer: a wrong
 * yes means the JIT emits code that faults or computes something else.  Where it says no, the
 * instruction faults or runs as its legacy meaning on most machines; a hypervisor that hides a
 * feature from cpuid cannot stop the CPU from running it, so a "no" that runs anyway is
 * reported, not failed (the engine merely leaves the feature unused). */
static void probe_matches_hardware(void **state)
{
  (void)state;
  const x64_cpu *hw = x64_cpu_hardware();
  const struct { const char *name; bool probed; try_fn run; } rows[] = {
    {"ssse3 (pshufb)", hw->ssse3, try_ssse3},   {"sse4.1 (pminsd)", hw->sse41, try_sse41},
    {"sse4.2 (pcmpgtq)", hw->sse42, try_sse42}, {"popcnt", hw->popcnt, try_popcnt},
    {"lzcnt", hw->lzcnt, try_lzcnt},            {"bmi1 (andn)", hw->bmi1, try_bmi1},
    {"bmi1 (tzcnt)", hw->bmi1, try_tzcnt},      {"bmi2 (shlx)", hw->bmi2, try_bmi2},
    {"avx (vaddps ymm)", hw->avx, try_avx},     {"avx2 (vpbroadcastb)", hw->avx2, try_avx2},
  };
  print_kernel_flags();
  int wrong = 0;
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    enum outcome o = run_guarded(rows[i].run);
    const char *note = "";
    if (rows[i].probed && o != RAN_NEW) {
      note = "  <- the probe says yes: WRONG";
      wrong++;
    } else if (!rows[i].probed && o == RAN_NEW) {
      note = "  (hidden from cpuid, left unused)";
    }
    print_message("%-20s probe %d, instruction %s%s\n", rows[i].name, rows[i].probed, outcome_name[o], note);
  }
  assert_int_equal(wrong, 0);
  assert_true(!hw->avx2 || hw->avx);   /* avx2 implies the OS support avx checks */
}

static enum outcome try_ud2(void)
{
  __asm__ volatile("ud2");   /* defined to raise #UD on every CPU */
  return RAN_NEW;
}

/* The harness itself: an instruction that faults is caught and reported, not fatal, so a
 * wrong "yes" from the probe shows as a failed row. */
static void a_fault_is_caught(void **state)
{
  (void)state;
  assert_int_equal(run_guarded(try_ud2), FAULTED);
  assert_int_equal(run_guarded(try_ud2), FAULTED);   /* the handler is re-armed each time */
}

/* ---- the mask ------------------------------------------------------------------------------ */

static const x64_cpu everything = {true, true, true, true, true, true, true, true, true};

static x64_cpu masked(const char *spec)
{
  x64_cpu out;
  char err[200] = "";
  bool ok = x64_cpu_mask(&everything, spec, &out, err, sizeof err);
  if (!ok)
    fail_msg("'%s' refused: %s", spec, err);
  return out;
}

static void mask_forms(void **state)
{
  (void)state;
  x64_cpu c = masked("");
  assert_memory_equal(&c, &everything, sizeof c);
  c = masked("all");
  assert_memory_equal(&c, &everything, sizeof c);
  c = masked("none");
  x64_cpu zero = {0};
  assert_memory_equal(&c, &zero, sizeof c);
  c = masked("-avx2,-lzcnt");
  assert_false(c.avx2);
  assert_false(c.lzcnt);
  assert_true(c.avx && c.bmi1 && c.bmi2 && c.popcnt && c.sse41 && c.sse42 && c.ssse3);
  c = masked("sse4.1,ssse3");
  assert_true(c.sse41 && c.ssse3);
  assert_false(c.sse42 || c.popcnt || c.lzcnt || c.bmi1 || c.bmi2 || c.avx || c.avx2);
  c = masked("-avx");        /* avx2 goes with avx: the OS state they share */
  assert_false(c.avx || c.avx2);
  c = masked("avx2");
  assert_false(c.avx2);
  /* a mask never adds what the hardware lacks */
  x64_cpu hw = {0}, out;
  hw.sse41 = true;
  char err[200];
  assert_true(x64_cpu_mask(&hw, "sse4.1,avx2,lzcnt", &out, err, sizeof err));
  assert_true(out.sse41);
  assert_false(out.avx2 || out.lzcnt);
}

static void mask_refusals(void **state)
{
  (void)state;
  x64_cpu out;
  char err[200];
  assert_false(x64_cpu_mask(&everything, "-avx3", &out, err, sizeof err));
  assert_non_null(strstr(err, "unknown feature 'avx3'"));
  assert_non_null(strstr(err, "lzcnt"));                      /* lists the known names */
  assert_false(x64_cpu_mask(&everything, "-avx2,lzcnt", &out, err, sizeof err));
  assert_non_null(strstr(err, "mixes"));
  assert_false(x64_cpu_mask(&everything, "avx2,,lzcnt", &out, err, sizeof err));
  assert_non_null(strstr(err, "unknown feature ''"));
  assert_false(x64_cpu_mask(&everything, "none,avx", &out, err, sizeof err));
}

static void describe_lists_names(void **state)
{
  (void)state;
  char buf[200];
  x64_cpu c = masked("none");
  x64_cpu_describe(&c, buf, sizeof buf);
  assert_string_equal(buf, "sse2");
  x64_cpu_describe(&everything, buf, sizeof buf);
  assert_string_equal(buf, "sse2 ssse3 sse4.1 sse4.2 popcnt lzcnt bmi1 bmi2 avx avx2");
  char small[8];
  x64_cpu_describe(&everything, small, sizeof small);   /* cut, still a string */
  assert_true(strlen(small) < sizeof small);
}

/* The process's own view is the hardware's less WLAB_CPU_FEATURES (meson runs this test with
 * and without it, see meson.build). */
static void features_follow_the_environment(void **state)
{
  (void)state;
  const char *spec = getenv("WLAB_CPU_FEATURES");
  x64_cpu want;
  char err[200];
  assert_true(x64_cpu_mask(x64_cpu_hardware(), spec, &want, err, sizeof err));
  assert_memory_equal(&want, x64_cpu_features(), sizeof want);
  assert_null(x64_cpu_mask_error());
  char buf[200];
  x64_cpu_describe(x64_cpu_features(), buf, sizeof buf);
  print_message("WLAB_CPU_FEATURES=%s: %s\n", spec ? spec : "(unset)", buf);
}

static void *probe_in_thread(void *arg)
{
  (void)arg;
  return (void *)x64_cpu_features();
}

/* Probed once: every caller, on any thread, gets the same answer in the same place. */
static void same_answer_everywhere(void **state)
{
  (void)state;
  enum { N = 8 };
  pthread_t t[N];
  for (int i = 0; i < N; i++)
    assert_int_equal(pthread_create(&t[i], NULL, probe_in_thread, NULL), 0);
  const x64_cpu *mine = x64_cpu_features();
  for (int i = 0; i < N; i++) {
    void *theirs;
    assert_int_equal(pthread_join(t[i], &theirs), 0);
    assert_ptr_equal(theirs, mine);
  }
  x64_cpu copy = *mine;
  assert_memory_equal(&copy, x64_cpu_features(), sizeof copy);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(probe_matches_hardware),
    cmocka_unit_test(a_fault_is_caught),
    cmocka_unit_test(mask_forms),
    cmocka_unit_test(mask_refusals),
    cmocka_unit_test(describe_lists_names),
    cmocka_unit_test(features_follow_the_environment),
    cmocka_unit_test(same_answer_everywhere),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
