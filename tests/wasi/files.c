/* files.c: files and directories through libc; run in a fresh directory, it prints the same natively and under WASI. */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "errname.h"

/* prints "what: OK" or "what: ENAME" for a call that returns -1 on failure */
#define TRY(what, call) printf("%s: %s\n", what, (call) == -1 ? errname(errno) : "OK")

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void list(const char *dir)
{
  char *names[64];
  int n = 0;
  DIR *d = opendir(dir);
  struct dirent *e;
  if (!d) {
    printf("opendir %s: %s\n", dir, errname(errno));
    return;
  }
  while ((e = readdir(d)) && n < 64)
    if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
      names[n++] = strdup(e->d_name);
  closedir(d);
  qsort(names, (size_t)n, sizeof *names, cmp);
  printf("%s:", dir);
  for (int i = 0; i < n; i++) {
    struct stat st;
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, names[i]);
    lstat(path, &st);
    printf(" %s%s", names[i], S_ISDIR(st.st_mode) ? "/" : S_ISLNK(st.st_mode) ? "@" : "");
    free(names[i]);
  }
  printf("\n");
}

int main(void)
{
  char buf[256];
  struct stat st;
  int fd;
  ssize_t n;
  FILE *f;

  /* create, write, read */
  fd = open("a.txt", O_CREAT | O_WRONLY | O_TRUNC, 0644);
  printf("open a.txt: %s\n", fd >= 0 ? "OK" : errname(errno));
  printf("write: %zd\n", write(fd, "hello, world\n", 13));
  close(fd);
  TRY("open excl", open("a.txt", O_CREAT | O_EXCL | O_WRONLY, 0644));
  TRY("open missing", open("nope.txt", O_RDONLY));
  fd = open("a.txt", O_RDWR);
  n = read(fd, buf, sizeof buf);
  printf("read %zd: %.*s", n, (int)n, buf);

  /* seek, tell, pread, pwrite */
  printf("seek set 7: %ld\n", (long)lseek(fd, 7, SEEK_SET));
  n = read(fd, buf, 5);
  printf("read after seek: %.*s\n", (int)n, buf);
  printf("tell: %ld\n", (long)lseek(fd, 0, SEEK_CUR));
  printf("seek end -6: %ld\n", (long)lseek(fd, -6, SEEK_END));
  printf("pwrite: %zd\n", pwrite(fd, "WORLD", 5, 7));
  n = pread(fd, buf, 12, 0);
  printf("pread: %.*s\n", (int)n, buf);
  printf("tell after pread/pwrite: %ld\n", (long)lseek(fd, 0, SEEK_CUR));
  TRY("seek negative", lseek(fd, -100, SEEK_SET));

  /* stat, truncate, allocate, sync */
  fstat(fd, &st);
  printf("fstat: size=%lld regular=%d nlink=%lu\n", (long long)st.st_size, S_ISREG(st.st_mode), (unsigned long)st.st_nlink);
  TRY("ftruncate 5", ftruncate(fd, 5));
  fstat(fd, &st);
  printf("size after truncate: %lld\n", (long long)st.st_size);
  printf("posix_fallocate: %s\n", errname(posix_fallocate(fd, 0, 100)));
  fstat(fd, &st);
  printf("size after allocate: %lld\n", (long long)st.st_size);
  TRY("ftruncate 5 again", ftruncate(fd, 5));
  printf("posix_fadvise: %s\n", errname(posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL)));
  TRY("fsync", fsync(fd));
  TRY("fdatasync", fdatasync(fd));
  close(fd);
  TRY("read closed", read(fd, buf, 1));

  /* append mode, stdio on files */
  f = fopen("a.txt", "a");
  fprintf(f, " appended %d\n", 42);
  fclose(f);
  f = fopen("a.txt", "r");
  printf("fgets: %s", fgets(buf, sizeof buf, f));
  fclose(f);

  /* directories */
  TRY("mkdir d", mkdir("d", 0755));
  TRY("mkdir d again", mkdir("d", 0755));
  TRY("mkdir d/e", mkdir("d/e", 0755));
  TRY("mkdir missing/x", mkdir("missing/x", 0755));
  stat("d", &st);
  printf("stat d: dir=%d\n", S_ISDIR(st.st_mode));
  TRY("rename a.txt d/b.txt", rename("a.txt", "d/b.txt"));
  TRY("stat a.txt", stat("a.txt", &st));
  TRY("link d/b.txt c.txt", link("d/b.txt", "c.txt"));
  stat("c.txt", &st);
  printf("nlink: %lu size: %lld\n", (unsigned long)st.st_nlink, (long long)st.st_size);
  TRY("symlink d/b.txt s", symlink("d/b.txt", "s"));
  n = readlink("s", buf, sizeof buf);
  printf("readlink s: %.*s\n", (int)n, buf);
  TRY("lstat s", lstat("s", &st));
  printf("lstat s: link=%d\n", S_ISLNK(st.st_mode));
  stat("s", &st);
  printf("stat s: regular=%d size=%lld\n", S_ISREG(st.st_mode), (long long)st.st_size);
  f = fopen("s", "r");
  printf("through symlink: %s", fgets(buf, sizeof buf, f));
  fclose(f);
  TRY("symlink dangling", symlink("nowhere", "dangling"));
  TRY("open dangling", open("dangling", O_RDONLY));
  TRY("readlink regular", readlink("c.txt", buf, sizeof buf));
  TRY("rmdir non-empty", rmdir("d"));
  TRY("unlink dir", unlink("d/e"));
  TRY("rmdir file", rmdir("c.txt"));
  TRY("rmdir d/e", rmdir("d/e"));
  list(".");
  list("d");

  /* times */
  {
    struct timespec ts[2] = {{1000000000, 0}, {1234567890, 500}};
    TRY("utimensat", utimensat(AT_FDCWD, "c.txt", ts, 0));
    stat("c.txt", &st);
    printf("times: atime=%lld mtime=%lld.%09ld\n", (long long)st.st_atim.tv_sec, (long long)st.st_mtim.tv_sec,
           st.st_mtim.tv_nsec);
  }

  /* remove, and what is left for the host to check */
  TRY("unlink c.txt", unlink("c.txt"));
  TRY("unlink c.txt again", unlink("c.txt"));
  TRY("unlink s", unlink("s"));
  TRY("unlink dangling", unlink("dangling"));
  f = fopen("d/result.txt", "w");
  for (int i = 0; i < 1000; i++)
    fprintf(f, "line %d\n", i);
  fclose(f);
  stat("d/result.txt", &st);
  printf("result size: %lld\n", (long long)st.st_size);
  list(".");
  list("d");
  return 0;
}
