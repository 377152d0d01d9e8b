/* stdio.c: printf, qsort, malloc, time and getenv; prints the same natively and under WASI (given the same environment). */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int cmp_int(const void *a, const void *b)
{
  int x = *(const int *)a, y = *(const int *)b;
  return (x > y) - (x < y);
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(void)
{
  static const char *words[] = {"pear", "apple", "fig", "banana", "cherry", "date", "elderberry"};
  const char *sorted[7];
  uint64_t x = 88172645463325252ull, sum = 0;
  int *v;
  char *big, line[128];
  struct tm tm;
  time_t fixed = 1234567890, now = time(NULL);
  struct timespec ts;

  /* printf: integers, floats, strings, widths */
  printf("ints: %d %i %u %x %X %o %ld %lld %" PRIu64 "\n", -42, 17, 4000000000u, 0xbeef, 0xbeef, 8, -1L, 123456789012LL,
         UINT64_MAX);
  printf("floats: %f %.3f %e %g %g %g %a\n", 3.14159265358979, 2.0 / 3, 6.02214076e23, 1e-5, 100000.0, 1e20, 1.0);
  printf("math: %.12f %.12f %.12f %.6f\n", sqrt(2.0), sin(1.0), exp(1.0), pow(2.0, 0.5));
  printf("widths: [%5d] [%-5d] [%05d] [%+d] [%10.4f] [%-8s] [%.3s] [%c]\n", 42, 42, 42, 42, 3.14159, "ab", "abcdef", 'z');
  snprintf(line, sizeof line, "%s-%d-%.2f", "snprintf", 7, 0.125);
  printf("%s strtod=%g strtol=%ld atoi=%d\n", line, strtod("2.5e3", NULL), strtol("-0x1f", NULL, 16), atoi("  12abc"));

  /* qsort */
  v = malloc(1000 * sizeof *v);
  for (int i = 0; i < 1000; i++) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    v[i] = (int)(x % 100000) - 50000;
  }
  qsort(v, 1000, sizeof *v, cmp_int);
  for (int i = 0; i < 1000; i++)
    sum = sum * 31 + (uint64_t)(uint32_t)v[i];
  printf("qsort ints: min=%d median=%d max=%d hash=%016" PRIx64 "\n", v[0], v[500], v[999], sum);
  memcpy(sorted, words, sizeof words);
  qsort(sorted, 7, sizeof *sorted, cmp_str);
  printf("qsort strings:");
  for (int i = 0; i < 7; i++)
    printf(" %s", sorted[i]);
  printf("\n");

  /* malloc: many small blocks, one large one, realloc, calloc */
  {
    void *blocks[4096];
    size_t total = 0;
    for (int i = 0; i < 4096; i++) {
      blocks[i] = malloc((size_t)(i % 97) + 1);
      memset(blocks[i], i & 0xff, (size_t)(i % 97) + 1);
      total += (size_t)(i % 97) + 1;
    }
    for (int i = 0; i < 4096; i += 2)
      free(blocks[i]);
    big = malloc(16 << 20);
    memset(big, 7, 16 << 20);
    big = realloc(big, 32 << 20);
    int *z = calloc(1000, sizeof *z);
    int zeros = 0;
    for (int i = 0; i < 1000; i++)
      zeros += z[i] == 0;
    printf("malloc: small=%zu big[16M-1]=%d calloc zeros=%d\n", total, big[(16 << 20) - 1], zeros);
    free(z);
    free(big);
    for (int i = 1; i < 4096; i += 2)
      free(blocks[i]);
  }
  free(v);

  /* time: a fixed instant formatted, and the current time being plausible */
  gmtime_r(&fixed, &tm);
  strftime(line, sizeof line, "%Y-%m-%d %H:%M:%S %a %j", &tm);
  printf("gmtime: %s\n", line);
  printf("mktime-ish: year=%d yday=%d\n", tm.tm_year + 1900, tm.tm_yday);
  printf("time now plausible: %d\n", now > 1600000000 && now < 4000000000);
  clock_gettime(CLOCK_MONOTONIC, &ts);
  printf("monotonic: %d\n", ts.tv_sec > 0 || ts.tv_nsec > 0);

  /* getenv */
  printf("getenv WASI_TEST_VAR=%s\n", getenv("WASI_TEST_VAR") ? getenv("WASI_TEST_VAR") : "(unset)");
  printf("getenv HOME=%s\n", getenv("HOME") ? getenv("HOME") : "(unset)");
  setenv("WASI_TEST_SET", "x", 1);
  printf("setenv/getenv: %s\n", getenv("WASI_TEST_SET"));
  fflush(stdout);
  fprintf(stderr, "to stderr\n");
  puts("done");
  return 0;
}
