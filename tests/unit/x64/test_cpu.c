/* test_cpu.c: the cpuid feature probe agrees with the kernel's flags in /proc/cpuinfo. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "x64/asm.h"

/* The first "flags" line, with a space at each end so " name " finds whole words only. */
static bool read_flags(char *out, size_t size)
{
  FILE *f = fopen("/proc/cpuinfo", "r");
  if (!f)
    return false;
  static char line[1 << 14];
  bool found = false;
  while (!found && fgets(line, sizeof line, f)) {
    if (strncmp(line, "flags", 5) != 0)
      continue;
    char *colon = strchr(line, ':');
    if (!colon)
      continue;
    line[strcspn(line, "\n")] = 0;
    snprintf(out, size, "%s ", colon + 1);   /* colon + 1 starts with the separating space */
    found = true;
  }
  fclose(f);
  return found;
}

static bool has_flag(const char *flags, const char *name)
{
  char word[64];
  snprintf(word, sizeof word, " %s ", name);
  return strstr(flags, word) != NULL;
}

static void agrees_with_proc_cpuinfo(void **state)
{
  (void)state;
  static char flags[1 << 14];
  if (!read_flags(flags, sizeof flags)) {
    print_message("no flags line in /proc/cpuinfo: nothing to compare with\n");
    skip();
  }
  const x64_cpu *c = x64_cpu_features();
  const struct { const char *flag; bool probed; } want[] = {
    { "ssse3", c->ssse3 }, { "sse4_1", c->sse41 }, { "sse4_2", c->sse42 },
    { "popcnt", c->popcnt }, { "abm", c->lzcnt }, { "bmi1", c->bmi1 }, { "bmi2", c->bmi2 },
    { "avx", c->avx }, { "avx2", c->avx2 },
  };
  int bad = 0;
  for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
    bool kernel = has_flag(flags, want[i].flag);
    print_message("%-7s probe %d, /proc/cpuinfo %d\n", want[i].flag, want[i].probed, kernel);
    bad += kernel != want[i].probed;
  }
  assert_int_equal(bad, 0);
  assert_true(!c->avx2 || c->avx);   /* avx2 implies the OS support avx checks */
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
    cmocka_unit_test(agrees_with_proc_cpuinfo),
    cmocka_unit_test(same_answer_everywhere),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
