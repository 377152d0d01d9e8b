/* measure.c: runs a command and reports its exit status, CPU time and peak RSS, for tests/stress.
 *
 * A child started from Python cannot be measured from Python: the kernel's peak RSS of a process
 * (wait4's ru_maxrss) includes the pages of the process it was forked from, before the exec, so
 * every child would weigh at least what the Python driver weighs.  This program is small, so
 * what its children report is their own.  It also sets their limits (RLIMIT_DATA, and
 * RLIMIT_STACK, which sizes a new program's main-thread stack) and kills them after a timeout.
 *
 *   measure OUT TIMEOUT_S DATA_BYTES STACK_KIB COMMAND [ARGS...]
 *
 * writes to OUT one line: "exit N" or "signal N" or "timeout", then CPU seconds (user + system)
 * and peak RSS in KiB.  DATA_BYTES or STACK_KIB 0: leave that limit alone.  Exit status 0 when
 * the line was written, 2 on a usage or system error.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static pid_t child;
static volatile sig_atomic_t timed_out;

static void on_alarm(int sig)
{
  (void)sig;
  timed_out = 1;
  kill(child, SIGKILL);
}

int main(int argc, char **argv)
{
  struct rusage ru;
  struct sigaction sa;
  int status;
  FILE *out;
  if (argc < 6) {
    fprintf(stderr, "usage: measure OUT TIMEOUT_S DATA_BYTES STACK_KIB COMMAND [ARGS...]\n");
    return 2;
  }
  double timeout = atof(argv[2]);
  unsigned long long data = strtoull(argv[3], NULL, 10), stack_kib = strtoull(argv[4], NULL, 10);
  child = fork();
  if (child < 0) {
    perror("measure: fork");
    return 2;
  }
  if (child == 0) {
    struct rlimit rl;
    if (data) {
      rl.rlim_cur = rl.rlim_max = data;
      setrlimit(RLIMIT_DATA, &rl);
    }
    if (stack_kib) {
      rl.rlim_cur = rl.rlim_max = stack_kib << 10;
      setrlimit(RLIMIT_STACK, &rl);
    }
    execv(argv[5], argv + 5);
    fprintf(stderr, "measure: %s: %s\n", argv[5], strerror(errno));
    _exit(127);
  }
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_alarm;
  sigaction(SIGALRM, &sa, NULL);
  if (timeout > 0) {
    struct itimerval it = {{0, 0}, {(time_t)timeout, (suseconds_t)((timeout - (time_t)timeout) * 1e6)}};
    setitimer(ITIMER_REAL, &it, NULL);
  }
  while (wait4(child, &status, 0, &ru) < 0)
    if (errno != EINTR) {
      perror("measure: wait4");
      return 2;
    }
  if (!(out = fopen(argv[1], "w"))) {
    perror("measure: OUT");
    return 2;
  }
  if (timed_out)
    fprintf(out, "timeout");
  else if (WIFSIGNALED(status))
    fprintf(out, "signal %d", WTERMSIG(status));
  else
    fprintf(out, "exit %d", WEXITSTATUS(status));
  fprintf(out, " %.6f %ld\n",
          (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6,
          ru.ru_maxrss);
  return fclose(out) == 0 ? 0 : 2;
}
