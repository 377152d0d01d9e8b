/* spawner.c: labspawn, the lab's small process launcher: the harness sends it commands on a pipe and it runs and times them. */
#include "launch.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Why a separate process: a child's peak RSS (ru_maxrss) includes the memory of the process
 * it was cloned from, until its exec.  Launched from the Lua harness (several MiB) every
 * program would look that big; launched from this small static program it reads as what
 * `/usr/bin/time` reports.
 *
 * Protocol, one request after another on stdin:
 *   "ARGC NHIDE TIMEOUT_MS\n", then NUL-terminated strings: the stdin file ("" for none),
 *   NHIDE mount points, ARGC arguments.
 * Answer on stdout:
 *   "ok WALL_NS CODE SIGNAL TIMED_OUT MAXRSS_KB UTIME_NS STIME_NS MINFLT CTXSW OUTLEN ERRLEN\n"
 *   followed by OUTLEN bytes of the child's stdout and ERRLEN of its stderr, or
 *   "err MESSAGE\n".
 */

static int64_t tv_ns(struct timeval tv)
{
  return (int64_t)tv.tv_sec * 1000000000 + (int64_t)tv.tv_usec * 1000;
}

int main(void)
{
  int argc, nhide;
  long timeout_ms;
  while (scanf("%d %d %ld", &argc, &nhide, &timeout_ms) == 3 && getchar() == '\n') {
    char **strs;
    size_t cap = 0;
    int n = 1 + nhide + argc;
    launch_req req = {0};
    launch_res res;
    if (argc < 1 || argc > 4096 || nhide < 0 || nhide > 64 || !(strs = calloc((size_t)n + 1, sizeof *strs)))
      return 2;
    for (int i = 0; i < n; i++) {
      cap = 0;
      if (getdelim(&strs[i], &cap, '\0', stdin) < 0)
        return 2;
    }
    req.in = strs[0][0] ? strs[0] : NULL;
    req.hide = (const char *const *)strs + 1;
    req.nhide = nhide;
    req.argv = (const char *const *)strs + 1 + nhide; /* strs[n] is the NULL terminator */
    req.timeout = (double)timeout_ms / 1000;
    if (launch_run(&req, &res) != 0) {
      printf("err %s\n", res.why);
    } else {
      printf("ok %" PRId64 " %d %d %d %ld %" PRId64 " %" PRId64 " %ld %ld %zu %zu\n", res.wall_ns, res.code, res.sig,
             res.timed_out, res.ru.ru_maxrss, tv_ns(res.ru.ru_utime), tv_ns(res.ru.ru_stime), res.ru.ru_minflt,
             res.ru.ru_nvcsw + res.ru.ru_nivcsw, res.outlen, res.errlen);
      fwrite(res.out, 1, res.outlen, stdout);
      fwrite(res.err, 1, res.errlen, stdout);
    }
    fflush(stdout);
    free(res.out);
    free(res.err);
    for (int i = 0; i < n; i++)
      free(strs[i]);
    free(strs);
  }
  return 0;
}
