/* wasi_guest.c: the guest of tests/capi/wasi (a wasm32-wasi command): prints its arguments and one granted variable, reads a file beneath its read-only preopen, fails to write there, calls a host import, and exits with a code. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A non-WASI import: the host fills its slot itself. */
__attribute__((import_module("env"), import_name("add"))) int host_add(int a, int b);

int main(int argc, char **argv) {
  printf("guest: %d arguments\n", argc);
  for (int i = 0; i < argc; i++)
    printf("guest: argv[%d] = %s\n", i, argv[i]);
  const char *greeting = getenv("GREETING");
  printf("guest: GREETING = %s, HOME %s\n", greeting ? greeting : "(none)", getenv("HOME") ? "set" : "not set");

  FILE *f = fopen("/data/message.txt", "r");
  if (!f) {
    printf("guest: cannot open /data/message.txt: %s\n", strerror(errno));
    return 1;
  }
  char line[128];
  if (!fgets(line, sizeof line, f)) {
    printf("guest: cannot read /data/message.txt\n");
    return 1;
  }
  fclose(f);
  printf("guest: read: %s", line);

  int fd = open("/data/written.txt", O_WRONLY | O_CREAT, 0644);
  printf("guest: creating /data/written.txt: %s\n", fd < 0 ? "refused" : "allowed");
  FILE *outside = fopen("/data/../message.txt", "r");
  printf("guest: /data/../message.txt: %s\n", outside ? "opened" : "refused");

  printf("guest: host add(40, 2) = %d\n", host_add(40, 2));
  fflush(stdout);
  exit(fd < 0 && !outside ? 7 : 1);
}
