/* cpu.c: which instruction-set extensions this CPU (and OS) supports, from cpuid, probed once, less those WLAB_CPU_FEATURES switches off. */
#include "asm.h"
#include "core/once.h"

#include <cpuid.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One row per feature: the name WLAB_CPU_FEATURES and the dumps use, and its flag.  The order
 * is the order of x64_cpu_describe's list. */
static const struct {
  const char *name;
  size_t field;
} feature_rows[] = {
  {"ssse3", offsetof(x64_cpu, ssse3)},   {"sse4.1", offsetof(x64_cpu, sse41)},
  {"sse4.2", offsetof(x64_cpu, sse42)},  {"popcnt", offsetof(x64_cpu, popcnt)},
  {"lzcnt", offsetof(x64_cpu, lzcnt)},   {"bmi1", offsetof(x64_cpu, bmi1)},
  {"bmi2", offsetof(x64_cpu, bmi2)},     {"avx", offsetof(x64_cpu, avx)},
  {"avx2", offsetof(x64_cpu, avx2)},
};
enum { FEATURE_COUNT = sizeof feature_rows / sizeof feature_rows[0] };

static bool *flag_of(x64_cpu *c, unsigned i) { return (bool *)((char *)c + feature_rows[i].field); }
static bool has(const x64_cpu *c, unsigned i) { return *(const bool *)((const char *)c + feature_rows[i].field); }

/* in .data with the engine's other start-up variables (core/startup.h, WLAB_STARTUP_DATA, spelt
 * out as `hot` is below): every run reads them */
#define STARTUP_DATA __attribute__((section(".data.wlab_startup")))
static x64_cpu hardware STARTUP_DATA, features STARTUP_DATA;
static char mask_error[160] STARTUP_DATA;
static wlab_once once STARTUP_DATA = WLAB_ONCE_INIT;

/* XCR0, the state components the OS saves on a context switch; only readable when
   CPUID.1:ECX.OSXSAVE says the OS enabled xgetbv. */
static uint64_t xgetbv0(void)
{
  uint32_t lo, hi;
  __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
  return (uint64_t)hi << 32 | lo;
}

#if __has_include(<sys/platform/x86.h>)
#include <sys/platform/x86.h>
/* glibc ran cpuid (and xgetbv) for itself before main and keeps what it found, "active" meaning
 * usable: the CPU has it and, for AVX and AVX2, the OS saves the ymm state.  Reading that costs
 * no cpuid: under a hypervisor each cpuid is a trap to it, and the six of probe_cpuid below were
 * about 3% of a cold `wasmlab run` of hello from its artifact (perf, cycles), and of
 * `wasmlab --version`. */
#define FROM_LIBC 1
static void probe_libc(x64_cpu *out)
{
  x64_cpu f = { 0 };
  f.ssse3 = CPU_FEATURE_ACTIVE(SSSE3);
  f.sse41 = CPU_FEATURE_ACTIVE(SSE4_1);
  f.sse42 = CPU_FEATURE_ACTIVE(SSE4_2);
  f.popcnt = CPU_FEATURE_ACTIVE(POPCNT);
  f.lzcnt = CPU_FEATURE_ACTIVE(LZCNT);
  f.bmi1 = CPU_FEATURE_ACTIVE(BMI1);
  f.bmi2 = CPU_FEATURE_ACTIVE(BMI2);
  f.avx = CPU_FEATURE_ACTIVE(AVX);
  f.avx2 = CPU_FEATURE_ACTIVE(AVX2) && f.avx;
  *out = f;
}
#endif

/* Without glibc's record (another libc): cpuid itself. */
static void probe_cpuid(x64_cpu *out)
{
  unsigned a, b, c, d;
  x64_cpu f = { 0 };
  bool os_ymm = false;
  if (__get_cpuid(1, &a, &b, &c, &d)) {
    f.ssse3 = c >> 9 & 1;
    f.sse41 = c >> 19 & 1;
    f.sse42 = c >> 20 & 1;
    f.popcnt = c >> 23 & 1;
    /* AVX needs the CPU (bit 28) and an OS that saves xmm and ymm state (XCR0 bits 1 and 2):
       without the OS part the instructions fault */
    bool osxsave = c >> 27 & 1;
    os_ymm = osxsave && (xgetbv0() & 6) == 6;
    f.avx = (c >> 28 & 1) && os_ymm;
  }
  /* __get_cpuid_count refuses a leaf above the CPU's maximum, so old CPUs read as "none" */
  if (__get_cpuid_count(7, 0, &a, &b, &c, &d)) {
    f.bmi1 = b >> 3 & 1;
    f.avx2 = (b >> 5 & 1) && f.avx;
    f.bmi2 = b >> 8 & 1;
  }
  if (__get_cpuid(0x80000001, &a, &b, &c, &d))
    f.lzcnt = c >> 5 & 1;   /* "ABM" on AMD, "LZCNT" on Intel: the same bit */
  *out = f;
}

static int find_feature(const char *name, size_t len)
{
  for (unsigned i = 0; i < FEATURE_COUNT; i++)
    if (strlen(feature_rows[i].name) == len && memcmp(feature_rows[i].name, name, len) == 0)
      return (int)i;
  return -1;
}

bool x64_cpu_mask(const x64_cpu *hw, const char *spec, x64_cpu *out, char *err, size_t err_size)
{
  *out = *hw;
  if (!spec || !*spec)
    return true;
  if (strcmp(spec, "all") == 0)
    return true;
  if (strcmp(spec, "none") == 0) {
    memset(out, 0, sizeof *out);   /* only the x86-64 baseline, SSE2 */
    return true;
  }
  x64_cpu keep = { 0 };       /* the listed features, for the "keep only these" form */
  int removing = -1;          /* not yet known: the first item decides the form */
  for (const char *p = spec; *p;) {
    size_t len = strcspn(p, ",");
    bool minus = *p == '-';
    const char *name = p + minus;
    size_t nlen = len - minus;
    if (removing >= 0 && removing != minus) {
      snprintf(err, err_size, "'%s' mixes features to switch off (-NAME) with features to keep", spec);
      return false;
    }
    removing = minus;
    int i = find_feature(name, nlen);
    if (i < 0) {
      char known[128] = "";
      for (unsigned k = 0; k < FEATURE_COUNT; k++)
        snprintf(known + strlen(known), sizeof known - strlen(known), "%s%s", k ? ", " : "",
                 feature_rows[k].name);
      snprintf(err, err_size, "unknown feature '%.*s' (known: %s; or 'none', 'all')", (int)nlen, name, known);
      return false;
    }
    if (minus)
      *flag_of(out, (unsigned)i) = false;
    else
      *flag_of(&keep, (unsigned)i) = true;
    p += len;
    if (*p == ',')
      p++;
  }
  if (!removing)
    for (unsigned i = 0; i < FEATURE_COUNT; i++)
      *flag_of(out, i) = has(out, i) && has(&keep, i);
  /* avx2 is only usable where avx (the OS's ymm state) is */
  out->avx2 = out->avx2 && out->avx;
  return true;
}

/* hot: placed with the other functions a cold start runs (core/startup.h says why; x64/ depends
 * on nothing of the project, so the attribute is spelt out) */
__attribute__((hot)) static void probe(void)
{
#ifdef FROM_LIBC
  probe_libc(&hardware);
  (void)probe_cpuid;
#else
  probe_cpuid(&hardware);
#endif
  const char *spec = getenv("WLAB_CPU_FEATURES");
  char why[128];
  if (!x64_cpu_mask(&hardware, spec, &features, why, sizeof why)) {
    /* the safe reading of a mask we cannot parse: nothing beyond SSE2; x64_cpu_mask_error()
       tells the command line, which refuses to run */
    memset(&features, 0, sizeof features);
    snprintf(mask_error, sizeof mask_error, "WLAB_CPU_FEATURES: %s", why);
  }
}

const x64_cpu *x64_cpu_hardware(void)
{
  wlab_once_run(&once, probe);
  return &hardware;
}

const x64_cpu *x64_cpu_features(void)
{
  wlab_once_run(&once, probe);
  return &features;
}

const char *x64_cpu_mask_error(void)
{
  wlab_once_run(&once, probe);
  return mask_error[0] ? mask_error : NULL;
}

void x64_cpu_describe(const x64_cpu *c, char *buf, size_t size)
{
  size_t n = (size_t)snprintf(buf, size, "sse2");   /* every x86-64 CPU has it */
  for (unsigned i = 0; i < FEATURE_COUNT && n < size; i++)
    if (has(c, i))
      n += (size_t)snprintf(buf + n, size - n, " %s", feature_rows[i].name);
}
