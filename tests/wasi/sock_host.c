/* sock_host.c: embeds wasmlab to run sock_guest.wasm with a preopened listening socket, and talks to it. */
#include "wasmlab.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "wasi/wasi.h"

/* The CLI has no option to preopen sockets (preview1 cannot make them), so this test is the
 * embedder: it listens, connects and sends before the guest runs (the kernel queues both the
 * connection and the bytes), runs the guest, then reads the answer. */
int main(int argc, char **argv)
{
  struct sockaddr_un addr = {.sun_family = AF_UNIX};
  char reply[16] = {0}, *argv0 = "sock_guest";
  int lsock, client, gfd;
  FILE *f;
  long len;
  uint8_t *bytes;
  wlab_error err;
  if (argc != 2) {
    fprintf(stderr, "usage: sock_host sock_guest.wasm\n");
    return 2;
  }
  /* an abstract socket name: nothing on disk to clean up */
  snprintf(addr.sun_path + 1, sizeof addr.sun_path - 1, "wlab-wasi-sock-%d", (int)getpid());
  lsock = socket(AF_UNIX, SOCK_STREAM, 0);
  client = socket(AF_UNIX, SOCK_STREAM, 0);
  if (bind(lsock, (struct sockaddr *)&addr, sizeof addr) != 0 || listen(lsock, 1) != 0 ||
      connect(client, (struct sockaddr *)&addr, sizeof addr) != 0 || write(client, "ping", 4) != 4) {
    perror("sock_host: set-up");
    return 1;
  }
  f = fopen(argv[1], "rb");
  if (!f || fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0 ||
      !(bytes = malloc((size_t)len)) || fread(bytes, 1, (size_t)len, f) != (size_t)len) {
    perror(argv[1]);
    return 1;
  }
  fclose(f);

  wlab_engine *engine = wlab_engine_new(NULL);
  wlab_module *m = wlab_module_new(engine, bytes, (size_t)len, &err);
  wlab_linker *linker = wlab_linker_new(engine);
  wasi_ctx *wasi = wasi_new(1, &argv0, 0, NULL);
  wlab_instance *inst = NULL;
  wlab_status st = WLAB_OK;
  free(bytes);
  if (!m || !wasi || (gfd = wasi_preopen_socket(wasi, lsock)) < 0 || wasi_define(wasi, linker, &err) != WLAB_OK ||
      !(inst = wlab_instance_new(linker, m, &err))) {
    fprintf(stderr, "sock_host: %s\n", m ? err.text : "cannot load the guest");
    return 1;
  }
  printf("host: listening socket is guest fd %d\n", gfd);
  fflush(stdout);
  st = wlab_func_call(wlab_instance_func(inst, "_start"), NULL, 0, NULL, 0, &err);
  if (st != WLAB_OK && !(st == WLAB_ERR_EXIT && err.exit_code == 0)) {
    fprintf(stderr, "sock_host: guest failed: %s\n", err.text);
    return 1;
  }
  len = read(client, reply, sizeof reply - 1);
  printf("host: got [%s]", len > 0 ? reply : "");
  printf(", then %s\n", read(client, reply, 1) == 0 ? "end of stream" : "more data");
  wlab_instance_free(inst);
  wlab_linker_free(linker);
  wasi_free(wasi);
  wlab_module_free(m);
  wlab_engine_free(engine);
  close(client);
  return 0;
}
