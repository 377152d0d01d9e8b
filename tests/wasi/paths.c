/* paths.c: every path operation on every kind of name, with and without a trailing slash; prints the errno of each as a table. */
/*
 * Built twice from this source, natively and for wasm32-wasi (whose libc turns each *at()
 * call into the preview1 call of the same name), and run in an empty directory: run.sh
 * checks that both print paths.expected, so the table is Linux's answer and wasmlab's
 * (docs/wasi.md, "Trailing slashes").  Each case runs in a fresh directory holding one name of
 * each kind; a '*' after the errno says the call changed that directory (a failed call must
 * change nothing), and a stat or an open that succeeds says what it reached: ok:f a file,
 * ok:d a directory, ok:l a symlink.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "errname.h"

/* The names of a case directory: a file, an empty and a full directory, a dangling, a looping,
 * a file and a directory symlink, a name that does not exist, and the directory itself. */
static const char *const kinds[] = {"file", "dir", "full", "dang", "loop", "lfile", "ldir", "none", "."};
#define NKINDS (int)(sizeof kinds / sizeof *kinds)

static int root, ncase;

/* The row being printed: cells are padded to columns, the line is not. */
static char line[512];
static void put(const char *cell)
{
  size_t n = strlen(line);
  snprintf(line + n, sizeof line - n, n ? " %-11s" : "%-16s", cell);
}
static void end_row(void)
{
  size_t n = strlen(line);
  while (n > 0 && line[n - 1] == ' ')
    line[--n] = 0;
  puts(line);
  line[0] = 0;
}

static void must(int ok, const char *what)
{
  if (!ok) {
    printf("set-up failed: %s: %s\n", what, errname(errno));
    exit(1);
  }
}

/* A fresh case directory, as a descriptor. */
static int make_case(void)
{
  char name[32];
  int d, f;
  snprintf(name, sizeof name, "case%d", ncase++);
  must(mkdirat(root, name, 0777) == 0, name);
  must((d = openat(root, name, O_RDONLY | O_DIRECTORY)) >= 0, name);
  must((f = openat(d, "file", O_WRONLY | O_CREAT, 0666)) >= 0 && write(f, "data\n", 5) == 5 && close(f) == 0, "file");
  must(mkdirat(d, "dir", 0777) == 0 && mkdirat(d, "full", 0777) == 0, "dir");
  must((f = openat(d, "full/x", O_WRONLY | O_CREAT, 0666)) >= 0 && close(f) == 0, "full/x");
  must(symlinkat("nowhere", d, "dang") == 0 && symlinkat("loop", d, "loop") == 0 &&
       symlinkat("file", d, "lfile") == 0 && symlinkat("dir", d, "ldir") == 0, "symlinks");
  return d;
}

/* A directory stream on d, leaving d open (wasi-libc has no dup). */
static DIR *open_dir(int d)
{
  int fd = openat(d, ".", O_RDONLY | O_DIRECTORY);
  return fd < 0 ? NULL : fdopendir(fd);
}

/* Removes everything in directory d (depth two at most: "full/x", or a directory renamed into
 * "full"), then d's entry `name` in root. */
static void remove_case(int d, const char *name)
{
  DIR *dir = open_dir(d);
  struct dirent *e;
  while (dir && (e = readdir(dir))) {
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
      continue;
    if (unlinkat(d, e->d_name, 0) != 0) {
      int sub = openat(d, e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
      if (sub >= 0) {
        remove_case(sub, NULL);
        close(sub);
      }
      unlinkat(d, e->d_name, AT_REMOVEDIR);
    }
  }
  if (dir)
    closedir(dir);
  if (name)
    unlinkat(root, name, AT_REMOVEDIR);
}

/* What directory d holds, as a number: names, kinds, sizes, link targets and one level of
 * subdirectories, in any order. */
static unsigned long shape(int d, int depth)
{
  DIR *dir = open_dir(d);
  struct dirent *e;
  unsigned long sum = 0;
  while (dir && (e = readdir(dir))) {
    struct stat st;
    char target[64] = {0};
    unsigned long h = 5381;
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..") || fstatat(d, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
      continue;
    for (const char *c = e->d_name; *c; c++)
      h = h * 33 + (unsigned char)*c;
    h = h * 33 + (unsigned long)(st.st_mode & S_IFMT) + (S_ISREG(st.st_mode) ? (unsigned long)st.st_size : 0);
    if (S_ISLNK(st.st_mode) && readlinkat(d, e->d_name, target, sizeof target - 1) > 0)
      for (const char *c = target; *c; c++)
        h = h * 33 + (unsigned char)*c;
    if (S_ISDIR(st.st_mode) && depth == 0) {
      int sub = openat(d, e->d_name, O_RDONLY | O_DIRECTORY);
      if (sub >= 0) {
        h += 7 * shape(sub, 1);
        close(sub);
      }
    }
    sum += h * 2654435761u;
  }
  if (dir)
    closedir(dir);
  return sum;
}

enum op {
  MKDIR, RMDIR, UNLINK, STAT, STAT_FOLLOW, UTIMES, UTIMES_FOLLOW, READLINK, SYMLINK,
  OPEN, OPEN_FOLLOW, OPEN_DIR, CREAT, CREAT_EXCL, CREAT_FOLLOW, NOPS1,
  LINK = NOPS1, LINK_FOLLOW, RENAME,
};
static const char *const op_names[] = {
  "mkdir", "rmdir", "unlink", "stat", "stat follow", "utimes", "utimes follow", "readlink", "symlink x",
  "open", "open follow", "open dir", "creat", "creat excl", "creat follow", "link", "link follow", "rename",
};

static char reached; /* what a stat or an open that succeeded reached: 'f', 'd', 'l' */

static char type_of(const struct stat *st)
{
  return S_ISREG(st->st_mode) ? 'f' : S_ISDIR(st->st_mode) ? 'd' : S_ISLNK(st->st_mode) ? 'l' : '?';
}

/* One call in directory d: 0 or the errno. */
static int run(int d, enum op op, const char *a, const char *b)
{
  struct stat st;
  char buf[64];
  int r, fd;
  reached = 0;
  switch (op) {
  case MKDIR: r = mkdirat(d, a, 0777); break;
  case RMDIR: r = unlinkat(d, a, AT_REMOVEDIR); break;
  case UNLINK: r = unlinkat(d, a, 0); break;
  case STAT: r = fstatat(d, a, &st, AT_SYMLINK_NOFOLLOW); reached = r ? 0 : type_of(&st); break;
  case STAT_FOLLOW: r = fstatat(d, a, &st, 0); reached = r ? 0 : type_of(&st); break;
  case UTIMES: r = utimensat(d, a, NULL, AT_SYMLINK_NOFOLLOW); break;
  case UTIMES_FOLLOW: r = utimensat(d, a, NULL, 0); break;
  case READLINK: r = readlinkat(d, a, buf, sizeof buf) < 0 ? -1 : 0; break;
  case SYMLINK: r = symlinkat("x", d, a); break;
  case LINK: r = linkat(d, a, d, b, 0); break;
  case LINK_FOLLOW: r = linkat(d, a, d, b, AT_SYMLINK_FOLLOW); break;
  case RENAME: r = renameat(d, a, d, b); break;
  default: {
    static const int flags[] = {[OPEN] = O_RDONLY | O_NOFOLLOW, [OPEN_FOLLOW] = O_RDONLY,
                                [OPEN_DIR] = O_RDONLY | O_DIRECTORY | O_NOFOLLOW, [CREAT] = O_RDWR | O_CREAT | O_NOFOLLOW,
                                [CREAT_EXCL] = O_RDWR | O_CREAT | O_EXCL, [CREAT_FOLLOW] = O_RDWR | O_CREAT};
    fd = openat(d, a, flags[op], 0666);
    if (fd >= 0 && fstat(fd, &st) == 0)
      reached = type_of(&st);
    r = fd < 0 ? -1 : close(fd);
  }
  }
  return r == 0 ? 0 : errno;
}

/* One case: a fresh directory, the call, what it answered and whether the directory changed. */
static void cell(enum op op, const char *a, const char *b)
{
  char name[32], out[16], what[3] = {0};
  int d = make_case(), e;
  unsigned long before = shape(d, 0);
  snprintf(name, sizeof name, "case%d", ncase - 1);
  e = run(d, op, a, b);
  if (reached)
    what[0] = ':', what[1] = reached;
  snprintf(out, sizeof out, "%s%s%s", e ? errname(e) : "ok", what, shape(d, 0) != before ? "*" : "");
  put(out);
  remove_case(d, name);
  close(d);
}

static void name_of(char *out, int kind, int slash)
{
  sprintf(out, "%s%s", kinds[kind], slash ? "/" : "");
}

/* Column headings: the names, with or without a slash. */
static void heading(const char *title, int slash)
{
  char n[16];
  put(title);
  for (int k = 0; k < NKINDS; k++) {
    name_of(n, k, slash);
    put(n);
  }
  end_row();
}

int main(void)
{
  char a[16], b[16];
  if ((root = open(".", O_RDONLY | O_DIRECTORY)) < 0) {
    printf("cannot open .: %s\n", errname(errno));
    return 1;
  }
  for (int slash = 0; slash < 2; slash++) {
    heading(slash ? "-- with a slash" : "-- one name", slash);
    for (int op = 0; op < NOPS1; op++) {
      put(op_names[op]);
      for (int k = 0; k < NKINDS; k++) {
        name_of(a, k, slash);
        cell(op, a, NULL);
      }
      end_row();
    }
  }
  for (int op = LINK; op <= RENAME; op++)
    for (int nslash = 0; nslash < 2; nslash++) {
      puts("");
      snprintf(b, sizeof b, "-- %s", op_names[op]);
      heading(b, nslash);
      for (int oslash = 0; oslash < 2; oslash++)
        for (int ok = 0; ok < NKINDS; ok++) {
          name_of(a, ok, oslash);
          put(a);
          for (int nk = 0; nk < NKINDS; nk++) {
            name_of(b, nk, nslash);
            cell(op, a, b);
          }
          end_row();
        }
    }
  return 0;
}
