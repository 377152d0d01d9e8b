/* fib.c: doubly recursive Fibonacci and Tak: call and return overhead, deep recursion. */
#include "common.h"

static uint64_t calls;

static int64_t fib(int n)
{
  calls++;
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

static int tak(int x, int y, int z)
{
  calls++;
  return y < x ? tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y)) : z;
}

int main(int argc, char **argv)
{
  int n = (int)suite_size(argc, argv, 40, 34, 60);
  int64_t f = fib(n);
  uint64_t fibcalls = calls;
  /* Takeuchi's function with arguments grown from n */
  int t = tak(3 * n / 5, 2 * n / 5, n / 5);
  printf("fib n=%d fib=%" PRId64 " calls=%" PRIu64 " tak=%d takcalls=%" PRIu64 "\n", n, f, fibcalls, t,
         calls - fibcalls);
  return 0;
}
