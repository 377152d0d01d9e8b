/* escape.c: tries to leave its preopens and to change a read-only one; every attempt must fail with an errno. */
/*
 * Run by run.sh with fd 3 = /sb (read-write) and fd 4 = /ro (read-only), over a tree the
 * script made (see run.sh: symlinks out of /sb, absolute, relative, chained, looping).  Calls
 * preview1 directly so the exact path reaches the runtime, then a few through libc.  Prints
 * one line per attempt: what, and the errno name; the script compares with escape.expected
 * and then checks from the host that nothing outside changed.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wasi/api.h>

#define SB 3
#define RO 4
#define FOLLOW __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW
#define R_READ (__WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_SEEK | __WASI_RIGHTS_FD_FILESTAT_GET)
#define R_WRITE (__WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_SEEK)
#define R_DIR (__WASI_RIGHTS_PATH_OPEN | __WASI_RIGHTS_FD_READDIR | __WASI_RIGHTS_PATH_FILESTAT_GET)

static const char *name(__wasi_errno_t e)
{
  switch (e) {
  case __WASI_ERRNO_SUCCESS: return "OK";
  case __WASI_ERRNO_NOTCAPABLE: return "ENOTCAPABLE";
  case __WASI_ERRNO_ROFS: return "EROFS";
  case __WASI_ERRNO_LOOP: return "ELOOP";
  case __WASI_ERRNO_NOENT: return "ENOENT";
  case __WASI_ERRNO_PERM: return "EPERM";
  case __WASI_ERRNO_EXIST: return "EEXIST";
  case __WASI_ERRNO_BADF: return "EBADF";
  case __WASI_ERRNO_NOTDIR: return "ENOTDIR";
  case __WASI_ERRNO_INVAL: return "EINVAL";
  case __WASI_ERRNO_XDEV: return "EXDEV";
  case __WASI_ERRNO_ISDIR: return "EISDIR";
  default: return "other";
  }
}

static void show(const char *what, __wasi_errno_t e) { printf("%-44s %s\n", what, name(e)); }

/* path_open, closing what it opened: only the errno matters */
static __wasi_errno_t open_(int dir, int follow, const char *path, int oflags, __wasi_rights_t rights, int fdflags)
{
  __wasi_fd_t fd;
  __wasi_errno_t e = __wasi_path_open(dir, follow ? FOLLOW : 0, path, oflags, rights, rights, fdflags, &fd);
  if (e == 0)
    (void)__wasi_fd_close(fd);
  return e;
}

static void show_libc(const char *what, int failed) { printf("%-44s %s\n", what, !failed ? "OK" : errno == EROFS ? "EROFS" : errno == ENOTCAPABLE ? "ENOTCAPABLE" : errno == ENOENT ? "ENOENT" : "other"); }

/* race N: opens swap/secret.txt N times while the host swaps `swap` between a directory of
 * /sb and a symlink to the outside; counts what it read.  Any "outside" is an escape. */
static int race(int times)
{
  int inside = 0, outside = 0, failed = 0;
  for (int i = 0; i < times; i++) {
    __wasi_fd_t fd;
    char buf[16] = {0};
    __wasi_iovec_t iov = {(uint8_t *)buf, sizeof buf - 1};
    __wasi_size_t n;
    if (__wasi_path_open(SB, FOLLOW, "swap/secret.txt", 0, R_READ, 0, 0, &fd) != 0) {
      failed++;
      continue;
    }
    if (__wasi_fd_read(fd, &iov, 1, &n) == 0 && strncmp(buf, "outside", 7) == 0)
      outside++;
    else
      inside++;
    (void)__wasi_fd_close(fd);
  }
  printf("race: outside %d, inside %d, refused %d\n", outside, inside, failed);
  return outside != 0;
}

int main(int argc, char **argv)
{
  __wasi_fd_t fd;
  __wasi_filestat_t st;
  __wasi_size_t n;
  char buf[64];

  if (argc > 2 && strcmp(argv[1], "race") == 0)
    return race(atoi(argv[2]));
  puts("-- escapes from /sb");
  show("open ../outside/victim.txt", open_(SB, 1, "../outside/victim.txt", 0, R_READ, 0));
  show("open sub/../../outside/victim.txt", open_(SB, 1, "sub/../../outside/victim.txt", 0, R_READ, 0));
  show("open /etc/passwd", open_(SB, 1, "/etc/passwd", 0, R_READ, 0));
  show("open abs/passwd (-> /etc)", open_(SB, 1, "abs/passwd", 0, R_READ, 0));
  show("open abs2/victim.txt (-> host path)", open_(SB, 1, "abs2/victim.txt", 0, R_READ, 0));
  show("open up/victim.txt (-> ../outside)", open_(SB, 1, "up/victim.txt", 0, R_READ, 0));
  show("open c1/victim.txt (c1->c2->c3->..)", open_(SB, 1, "c1/victim.txt", 0, R_READ, 0));
  show("open c1 (chain, last component)", open_(SB, 1, "c1", __WASI_OFLAGS_DIRECTORY, R_DIR, 0));
  show("open sub/deep/victim.txt", open_(SB, 1, "sub/deep/victim.txt", 0, R_READ, 0));
  show("open loop", open_(SB, 1, "loop", 0, R_READ, 0));
  show("open up (nofollow)", open_(SB, 0, "up", 0, R_READ, 0));
  show("create ../created.txt", open_(SB, 1, "../created.txt", __WASI_OFLAGS_CREAT, R_WRITE, 0));
  show("create up/created.txt", open_(SB, 1, "up/created.txt", __WASI_OFLAGS_CREAT, R_WRITE, 0));

  puts("-- symlinks made by the guest");
  show("symlink mine -> ../outside", __wasi_path_symlink("../outside", SB, "mine"));
  show("open mine/victim.txt", open_(SB, 1, "mine/victim.txt", 0, R_READ, 0));
  show("create mine/new.txt", open_(SB, 1, "mine/new.txt", __WASI_OFLAGS_CREAT, R_WRITE, 0));
  show("symlink dang -> ../outside/created2.txt", __wasi_path_symlink("../outside/created2.txt", SB, "dang"));
  show("create through dang", open_(SB, 1, "dang", __WASI_OFLAGS_CREAT, R_WRITE, 0));
  show("symlink mine_abs -> /etc", __wasi_path_symlink("/etc", SB, "mine_abs"));
  show("symlink ../evil -> inside.txt", __wasi_path_symlink("inside.txt", SB, "../evil"));
  show("symlink self -> self", __wasi_path_symlink("self", SB, "self"));
  show("open self", open_(SB, 1, "self", 0, R_READ, 0));

  puts("-- other operations");
  show("rename inside.txt -> ../outside/moved.txt", __wasi_path_rename(SB, "inside.txt", SB, "../outside/moved.txt"));
  show("rename ../outside/victim.txt -> stolen.txt", __wasi_path_rename(SB, "../outside/victim.txt", SB, "stolen.txt"));
  show("rename inside.txt -> up/moved.txt", __wasi_path_rename(SB, "inside.txt", SB, "up/moved.txt"));
  show("link inside.txt -> ../outside/linked.txt", __wasi_path_link(SB, 0, "inside.txt", SB, "../outside/linked.txt"));
  show("link ../outside/victim.txt -> l.txt", __wasi_path_link(SB, 0, "../outside/victim.txt", SB, "l.txt"));
  show("link (follow) up/victim.txt -> l2.txt", __wasi_path_link(SB, FOLLOW, "up/victim.txt", SB, "l2.txt"));
  show("link (follow) abs2 -> l3", __wasi_path_link(SB, FOLLOW, "abs2", SB, "l3"));
  show("mkdir ../outside/newdir", __wasi_path_create_directory(SB, "../outside/newdir"));
  show("mkdir up/newdir", __wasi_path_create_directory(SB, "up/newdir"));
  show("unlink ../outside/victim.txt", __wasi_path_unlink_file(SB, "../outside/victim.txt"));
  show("unlink up/victim.txt", __wasi_path_unlink_file(SB, "up/victim.txt"));
  show("rmdir ../outside", __wasi_path_remove_directory(SB, "../outside"));
  show("rmdir ..", __wasi_path_remove_directory(SB, ".."));
  show("rmdir sub/..", __wasi_path_remove_directory(SB, "sub/.."));
  show("stat ../outside/victim.txt", __wasi_path_filestat_get(SB, 0, "../outside/victim.txt", &st));
  show("stat (follow) up", __wasi_path_filestat_get(SB, FOLLOW, "up", &st));
  show("stat (follow) abs", __wasi_path_filestat_get(SB, FOLLOW, "abs", &st));
  show("stat up (the link itself)", __wasi_path_filestat_get(SB, 0, "up", &st));
  show("stat ..", __wasi_path_filestat_get(SB, 0, "..", &st));
  show("readlink up", __wasi_path_readlink(SB, "up", (uint8_t *)buf, sizeof buf, &n));
  show("readlink ../outside/x", __wasi_path_readlink(SB, "../outside/x", (uint8_t *)buf, sizeof buf, &n));
  show("utimes ../outside/victim.txt", __wasi_path_filestat_set_times(SB, 0, "../outside/victim.txt", 1, 1, __WASI_FSTFLAGS_MTIM));
  show("utimes (follow) up/victim.txt", __wasi_path_filestat_set_times(SB, FOLLOW, "up/victim.txt", 1, 1, __WASI_FSTFLAGS_MTIM));

  puts("-- trailing slashes: up/ follows no link out");
  show("stat up/", __wasi_path_filestat_get(SB, 0, "up/", &st));
  show("utimes up/", __wasi_path_filestat_set_times(SB, 0, "up/", 1, 1, __WASI_FSTFLAGS_MTIM));
  show("readlink up/", __wasi_path_readlink(SB, "up/", (uint8_t *)buf, sizeof buf, &n));
  show("link up/ -> l4", __wasi_path_link(SB, 0, "up/", SB, "l4"));
  show("link abs/ -> l5", __wasi_path_link(SB, 0, "abs/", SB, "l5"));
  show("open up/ (nofollow)", open_(SB, 0, "up/", __WASI_OFLAGS_DIRECTORY, R_DIR, 0));
  show("mkdir up/", __wasi_path_create_directory(SB, "up/"));
  show("rmdir up/", __wasi_path_remove_directory(SB, "up/"));
  show("unlink up/", __wasi_path_unlink_file(SB, "up/"));
  show("rename up/ -> moved", __wasi_path_rename(SB, "up/", SB, "moved"));
  show("rename sub -> up/", __wasi_path_rename(SB, "sub", SB, "up/"));
  show("rename inside.txt -> abs2/", __wasi_path_rename(SB, "inside.txt", SB, "abs2/"));
  show("symlink x -> up/", __wasi_path_symlink("x", SB, "up/"));
  show("link inside.txt -> up/", __wasi_path_link(SB, 0, "inside.txt", SB, "up/"));
  show("create up/", open_(SB, 0, "up/", __WASI_OFLAGS_CREAT, R_WRITE, 0));

  puts("-- staying inside is fine");
  show("open inside.txt", open_(SB, 1, "inside.txt", 0, R_READ, 0));
  show("open sub/../inside.txt", open_(SB, 1, "sub/../inside.txt", 0, R_READ, 0));
  show("open ./sub/./../sub", open_(SB, 1, "./sub/./../sub", __WASI_OFLAGS_DIRECTORY, R_DIR, 0));
  show("symlink sub/in -> ../inside.txt", __wasi_path_symlink("../inside.txt", SB, "sub/in"));
  show("open sub/in", open_(SB, 1, "sub/in", 0, R_READ, 0));

  {
    __wasi_fd_t a, b;
    __wasi_iovec_t iov = {(uint8_t *)buf, sizeof buf};
    (void)__wasi_path_open(SB, 0, "inside.txt", 0, R_READ, 0, 0, &a);
    (void)__wasi_path_open(SB, 0, "sub", __WASI_OFLAGS_DIRECTORY, R_DIR, 0, 0, &b);
    show("renumber inside.txt onto sub", __wasi_fd_renumber(a, b));
    show("  read the old number", __wasi_fd_read(a, &iov, 1, &n));
    show("  read the new number", __wasi_fd_read(b, &iov, 1, &n));
    printf("  it holds: %.*s", (int)n, buf);
    (void)__wasi_fd_close(b);
  }

  puts("-- rights");
  show("open sub (inheriting: read only)", __wasi_path_open(SB, 0, "sub", __WASI_OFLAGS_DIRECTORY, R_DIR, R_READ, 0, &fd));
  show("  open sub/../inside.txt via sub", open_(fd, 1, "../inside.txt", 0, R_READ, 0));
  show("  create file via sub (write right)", open_(fd, 1, "w.txt", __WASI_OFLAGS_CREAT, R_WRITE, 0));
  show("  mkdir via sub (no create right)", __wasi_path_create_directory(fd, "x"));
  show("  add rights back", __wasi_fd_fdstat_set_rights(fd, R_DIR | __WASI_RIGHTS_PATH_CREATE_DIRECTORY, R_READ));
  show("  drop rights", __wasi_fd_fdstat_set_rights(fd, __WASI_RIGHTS_FD_READDIR, 0));
  show("  open after drop", open_(fd, 1, "x", 0, 0, 0));
  (void)__wasi_fd_close(fd);
  show("open inside.txt read-only", __wasi_path_open(SB, 0, "inside.txt", 0, R_READ, 0, 0, &fd));
  {
    __wasi_ciovec_t iov = {(const uint8_t *)"x", 1};
    show("  write to it", __wasi_fd_write(fd, &iov, 1, &n));
    show("  truncate it", __wasi_fd_filestat_set_size(fd, 0));
  }
  (void)__wasi_fd_close(fd);

  puts("-- the read-only preopen /ro");
  show("open file.txt for reading", open_(RO, 1, "file.txt", 0, R_READ, 0));
  show("open file.txt for writing", open_(RO, 1, "file.txt", 0, R_WRITE, 0));
  show("open file.txt append", open_(RO, 1, "file.txt", 0, R_READ, __WASI_FDFLAGS_APPEND));
  show("open file.txt truncate", open_(RO, 1, "file.txt", __WASI_OFLAGS_TRUNC, R_READ, 0));
  show("create new.txt", open_(RO, 1, "new.txt", __WASI_OFLAGS_CREAT, R_READ, 0));
  show("mkdir newdir", __wasi_path_create_directory(RO, "newdir"));
  show("unlink file.txt", __wasi_path_unlink_file(RO, "file.txt"));
  show("rmdir dir", __wasi_path_remove_directory(RO, "dir"));
  show("rename file.txt -> x", __wasi_path_rename(RO, "file.txt", RO, "x"));
  show("rename /ro/file.txt -> /sb/stolen", __wasi_path_rename(RO, "file.txt", SB, "stolen"));
  show("rename /sb/inside.txt -> /ro/planted", __wasi_path_rename(SB, "inside.txt", RO, "planted"));
  show("link /ro/file.txt -> /sb/l", __wasi_path_link(RO, 0, "file.txt", SB, "l"));
  show("symlink in /ro", __wasi_path_symlink("file.txt", RO, "s"));
  show("utimes file.txt", __wasi_path_filestat_set_times(RO, 0, "file.txt", 1, 1, __WASI_FSTFLAGS_MTIM));
  show("open dir, then create in it", __wasi_path_open(RO, 0, "dir", __WASI_OFLAGS_DIRECTORY, R_DIR | __WASI_RIGHTS_PATH_CREATE_FILE, R_READ | R_WRITE, 0, &fd));
  show("  create dir/f", open_(fd, 1, "f", __WASI_OFLAGS_CREAT, R_READ, 0));
  show("  mkdir dir/d", __wasi_path_create_directory(fd, "d"));
  (void)__wasi_fd_close(fd);
  show("open file.txt, then write", __wasi_path_open(RO, 0, "file.txt", 0, R_READ, 0, 0, &fd));
  {
    __wasi_ciovec_t iov = {(const uint8_t *)"x", 1};
    show("  fd_write", __wasi_fd_write(fd, &iov, 1, &n));
    show("  fd_pwrite", __wasi_fd_pwrite(fd, &iov, 1, 0, &n));
    show("  fd_filestat_set_size", __wasi_fd_filestat_set_size(fd, 0));
    show("  fd_filestat_set_times", __wasi_fd_filestat_set_times(fd, 1, 1, __WASI_FSTFLAGS_MTIM));
    show("  fd_allocate", __wasi_fd_allocate(fd, 0, 100));
    show("  fd_fdstat_set_flags append", __wasi_fd_fdstat_set_flags(fd, __WASI_FDFLAGS_APPEND));
  }
  (void)__wasi_fd_close(fd);

  puts("-- through libc");
  show_libc("fopen /sb/../outside/victim.txt r", !fopen("/sb/../outside/victim.txt", "r"));
  show_libc("fopen /etc/passwd r", !fopen("/etc/passwd", "r"));
  show_libc("fopen /ro/file.txt r", !fopen("/ro/file.txt", "r"));
  show_libc("fopen /ro/file.txt w", !fopen("/ro/file.txt", "w"));
  show_libc("fopen /ro/file.txt a", !fopen("/ro/file.txt", "a"));
  show_libc("fopen /ro/new.txt w", !fopen("/ro/new.txt", "w"));
  show_libc("open /ro/file.txt O_RDWR", open("/ro/file.txt", O_RDWR) < 0);
  {
    FILE *f = fopen("/sb/written.txt", "w");
    show_libc("fopen /sb/written.txt w", !f);
    if (f) {
      fputs("written by the guest\n", f);
      fclose(f);
    }
  }
  return 0;
}
