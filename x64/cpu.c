/* cpu.c: which instruction-set extensions this CPU (and OS) supports, from cpuid, probed once. */
#include "asm.h"

#include <cpuid.h>
#include <pthread.h>

static x64_cpu features;
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* XCR0, the state components the OS saves on a context switch; only readable when
   CPUID.1:ECX.OSXSAVE says the OS enabled xgetbv. */
static uint64_t xgetbv0(void)
{
  uint32_t lo, hi;
  __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
  return (uint64_t)hi << 32 | lo;
}

static void probe(void)
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
  features = f;
}

const x64_cpu *x64_cpu_features(void)
{
  pthread_once(&once, probe);
  return &features;
}
