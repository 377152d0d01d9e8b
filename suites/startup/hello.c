/* hello.c: the smallest useful WASI command: print one line and exit. */
#include <stdio.h>

int main(void)
{
  printf("Hello, world!\n");
  return 0;
}
