/* launch.h: one measured child process: clone+exec+wait4 with its wall time, rusage and captured output. */
#ifndef LAB_LAUNCH_H
#define LAB_LAUNCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/resource.h>

typedef struct launch_req {
  const char *const *argv;  /* NULL-terminated; argv[0] is looked up on PATH */
  const char *in;           /* file for standard input; NULL: /dev/null */
  const char *const *hide;  /* mounts to hide in a private mount namespace (crun, hybrid cgroups) */
  int nhide;
  double timeout;           /* seconds; 0: none */
} launch_req;

typedef struct launch_res {
  int64_t wall_ns;          /* from before clone to after wait4 */
  int code, sig;            /* exit status, or the signal that ended it (code -1) */
  bool timed_out;
  struct rusage ru;
  char *out, *err;          /* malloc'd captured stdout and stderr (up to 16 MiB each) */
  size_t outlen, errlen;
  char why[256];            /* when launch_run fails */
} launch_res;

/* 0 on success (whatever the child's status), -1 with res->why when no child could run. */
int launch_run(const launch_req *req, launch_res *res);

#endif
