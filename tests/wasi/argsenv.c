/* argsenv.c: prints its arguments and its whole environment (what the runtime granted, nothing more). */
#include <stdio.h>

extern char **environ;

int main(int argc, char **argv)
{
  printf("argc=%d\n", argc);
  for (int i = 1; i < argc; i++) /* argv[0] is the file name, which differs between runs */
    printf("argv[%d]=[%s]\n", i, argv[i]);
  int n = 0;
  for (char **e = environ; e && *e; e++, n++)
    printf("env[%d]=[%s]\n", n, *e);
  printf("envc=%d\n", n);
  return 0;
}
