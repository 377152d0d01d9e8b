/* coldloop.c: whole-process cold start of several commands, interleaved: each round runs every
 * command once (the order rotating by round), spawn to wait, stdout to /dev/null, exit status
 * checked; prints each command's fastest and median wall time.  VAR=value words before a command
 * are added to that command's environment (one binary run at several settings, e.g. WLAB_STAGE).
 *   cc -O2 -o coldloop coldloop.c && ./coldloop ROUNDS NAME [VAR=value...] CMD ARGS... -- NAME ... */
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

extern char **environ;

static int cmp(const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
  int rounds = argc > 1 ? atoi(argv[1]) : 0, ncmd = 0;
  char **cmds[16], *names[16];
  if (rounds <= 0 || argc < 4) {
    fprintf(stderr, "usage: coldloop ROUNDS NAME CMD ARGS... [-- NAME CMD ARGS...]...\n");
    return 2;
  }
  for (int i = 2; i < argc && ncmd < 16;) {
    names[ncmd] = argv[i];
    cmds[ncmd++] = &argv[i + 1];
    while (i < argc && strcmp(argv[i], "--") != 0)
      i++;
    if (i < argc)
      argv[i++] = NULL;
  }
  double *t = calloc((size_t)rounds * ncmd, sizeof *t);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
  for (int r = 0; r < rounds; r++)
    for (int k = 0; k < ncmd; k++) {
      int c = (k + r) % ncmd, st;
      struct timespec a, b;
      pid_t pid;
      clock_gettime(CLOCK_MONOTONIC, &a);
      char **av = cmds[c], *envp[64];
      int ne = 0;
      for (; *av && strchr(*av, '=') && ne < 60; av++)
        envp[ne++] = *av;
      for (char **e = environ; *e && ne < 63; e++)
        envp[ne++] = *e;
      envp[ne] = NULL;
      if (posix_spawn(&pid, av[0], &fa, NULL, av, envp) != 0 || waitpid(pid, &st, 0) != pid ||
          !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
        fprintf(stderr, "coldloop: %s failed\n", names[c]);
        return 1;
      }
      clock_gettime(CLOCK_MONOTONIC, &b);
      t[(size_t)c * rounds + r] = (b.tv_sec - a.tv_sec) * 1e6 + (b.tv_nsec - a.tv_nsec) / 1e3;
    }
  printf("%-16s %8s %8s %7s %7s\n", "command", "min us", "med us", "x min", "x med");
  double min0 = 0, med0 = 0;
  for (int c = 0; c < ncmd; c++) {
    double *v = t + (size_t)c * rounds;
    qsort(v, (size_t)rounds, sizeof *v, cmp);
    if (c == 0)
      min0 = v[0], med0 = v[rounds / 2];
    printf("%-16s %8.0f %8.0f %7.2f %7.2f\n", names[c], v[0], v[rounds / 2], v[0] / min0, v[rounds / 2] / med0);
  }
  return 0;
}
