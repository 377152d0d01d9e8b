/* launch.c: runs and times one child: clone(CLONE_VM|CLONE_VFORK), exec, wait4 with a pidfd timeout, output in memory files. */
#include "launch.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int64_t now_ns(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* Child side, between clone and exec: the child shares the parent's memory (CLONE_VM) until
 * it execs, so it makes plain system calls only and leaves with _exit (127: could not run, as
 * shells say; 126: could not hide the mounts). */
typedef struct child_args {
  const char *const *argv;
  const char *const *hide;
  int nhide, fin, fout, ferr;
} child_args;

static void child_dup(int from, int to)
{
  if (from != to)
    dup2(from, to);
}

/* Hides mounts in a private mount namespace of the child.  Used for crun on hosts with hybrid
 * cgroups: crun refuses such a layout unless the cgroup2 mount is out of sight. */
static void child_hide_mounts(const char *const *paths, int n)
{
  if (n == 0)
    return;
  if (unshare(CLONE_NEWNS) != 0 || mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
    _exit(126);
  for (int i = 0; i < n; i++)
    if (umount2(paths[i], MNT_DETACH) != 0)
      _exit(126);
}

static int child_main(void *p)
{
  const child_args *a = p;
  child_dup(a->fin, 0);
  child_dup(a->fout, 1);
  child_dup(a->ferr, 2);
  child_hide_mounts(a->hide, a->nhide);
  execvp(a->argv[0], (char *const *)a->argv);
  _exit(127);
}

/* clone(CLONE_VM | CLONE_VFORK) on a stack of its own, as posix_spawn does: the parent's page
 * tables are not copied, so the measured time does not grow with the harness's own size; and
 * unlike posix_spawn the child can still unshare a mount namespace first. */
enum { CHILD_STACK = 64 * 1024 };

static pid_t start_child(child_args *a, void *stack)
{
  return clone(child_main, (char *)stack + CHILD_STACK, CLONE_VM | CLONE_VFORK | SIGCHLD, a);
}

static char *read_memfd(int fd, size_t max, size_t *len)
{
  off_t size = lseek(fd, 0, SEEK_END);
  size_t n = size > 0 ? (size_t)size : 0;
  char *buf;
  if (n > max)
    n = max;
  if (!(buf = malloc(n + 1)))
    n = 0;
  else if (n > 0 && pread(fd, buf, n, 0) != (ssize_t)n)
    n = 0;
  if (buf)
    buf[n] = 0;
  *len = n;
  return buf;
}

int launch_run(const launch_req *req, launch_res *res)
{
  static char stack[CHILD_STACK] __attribute__((aligned(16)));
  child_args child;
  int status, pidfd = -1, fin, fout, ferr;
  int64_t t0;
  pid_t pid;

  memset(res, 0, sizeof *res);
  /* Everything that can fail is opened before the clock starts; output goes to memory files,
   * so no file system is in the measured path. */
  fin = open(req->in ? req->in : "/dev/null", O_RDONLY | O_CLOEXEC);
  fout = memfd_create("lab-stdout", MFD_CLOEXEC);
  ferr = memfd_create("lab-stderr", MFD_CLOEXEC);
  if (fin < 0 || fout < 0 || ferr < 0) {
    snprintf(res->why, sizeof res->why, "cannot open %s: %s", fin < 0 ? (req->in ? req->in : "/dev/null") : "a memory file",
             strerror(errno));
    goto fail;
  }
  child = (child_args){.argv = req->argv, .hide = req->hide, .nhide = req->nhide, .fin = fin, .fout = fout, .ferr = ferr};
  fflush(NULL); /* nothing buffered may be written twice */
  t0 = now_ns();
  if ((pid = start_child(&child, stack)) < 0) {
    snprintf(res->why, sizeof res->why, "clone: %s", strerror(errno));
    goto fail;
  }
  /* A pidfd lets us wait with a timeout without polling loops that would blur the timing. */
  if (req->timeout > 0)
    pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
  if (pidfd >= 0) {
    struct pollfd p = {.fd = pidfd, .events = POLLIN};
    int r;
    do
      r = poll(&p, 1, (int)(req->timeout * 1000));
    while (r < 0 && errno == EINTR);
    if (r == 0) {
      kill(pid, SIGKILL);
      res->timed_out = true;
    }
    close(pidfd);
  }
  while (wait4(pid, &status, 0, &res->ru) < 0)
    if (errno != EINTR) {
      snprintf(res->why, sizeof res->why, "wait4: %s", strerror(errno));
      goto fail;
    }
  res->wall_ns = now_ns() - t0;
  res->code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  res->sig = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
  res->out = read_memfd(fout, (size_t)1 << 24, &res->outlen);
  /* stderr as much as stdout: it carries programs' own per-round timings (Lab:rounds), not only messages */
  res->err = read_memfd(ferr, (size_t)1 << 24, &res->errlen);
  close(fin), close(fout), close(ferr);
  return 0;
fail:
  if (fin >= 0) close(fin);
  if (fout >= 0) close(fout);
  if (ferr >= 0) close(ferr);
  return -1;
}
