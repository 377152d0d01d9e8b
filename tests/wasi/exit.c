/* exit.c: exit codes and output order: `exit N`, `return N`, `trap`, `abort`, `order` (stdout and stderr interleaved). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
  const char *mode = argc > 1 ? argv[1] : "";
  int n = argc > 2 ? atoi(argv[2]) : 0;
  if (strcmp(mode, "exit") == 0) {
    printf("exiting with %d\n", n); /* buffered: exit() must flush it */
    exit(n);
  }
  if (strcmp(mode, "return") == 0)
    return n;
  if (strcmp(mode, "trap") == 0) {
    printf("before the trap\n");
    fflush(stdout);
    __builtin_trap();
  }
  if (strcmp(mode, "abort") == 0)
    abort();
  if (strcmp(mode, "order") == 0) {
    /* the runtime writes both streams straight to the host descriptors: the order survives */
    for (int i = 0; i < 3; i++) {
      printf("out %d\n", i);
      fflush(stdout);
      fprintf(stderr, "err %d\n", i);
    }
    write(1, "raw out\n", 8);
    write(2, "raw err\n", 8);
    puts("last");
    return 0;
  }
  fprintf(stderr, "usage: exit exit|return|trap|abort|order [N]\n");
  return 2;
}
