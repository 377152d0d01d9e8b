/* sock_guest.c: accepts a connection on its preopened listening socket (fd 3), answers "ping" with "pong", shuts down. */
#include <stdio.h>
#include <string.h>
#include <wasi/api.h>

/* sock_accept is newer than this libc's headers: imported by hand */
__attribute__((import_module("wasi_snapshot_preview1"), import_name("sock_accept"))) int32_t raw_sock_accept(int32_t fd, int32_t flags, int32_t *out);

int main(void)
{
  char buf[16] = {0};
  __wasi_iovec_t in = {(uint8_t *)buf, sizeof buf - 1};
  __wasi_ciovec_t out = {(const uint8_t *)"pong", 4};
  __wasi_size_t n = 0;
  __wasi_roflags_t roflags = 0;
  __wasi_fdstat_t st;
  int32_t conn = -1;
  int e;
  (void)__wasi_fd_fdstat_get(3, &st);
  printf("listener: type %s, accept right %d\n", st.fs_filetype == __WASI_FILETYPE_SOCKET_STREAM ? "socket_stream" : "other",
         (st.fs_rights_base & __WASI_RIGHTS_SOCK_ACCEPT) != 0);
  printf("accept: %d\n", e = raw_sock_accept(3, 0, &conn));
  if (e)
    return 1;
  printf("accept bad flags: %d\n", raw_sock_accept(3, 1, &conn));
  printf("recv: %d", __wasi_sock_recv(conn, &in, 1, __WASI_RIFLAGS_RECV_WAITALL * 0, &n, &roflags));
  printf(" [%.*s] flags %u\n", (int)n, buf, roflags);
  printf("send: %d", __wasi_sock_send(conn, &out, 1, 0, &n));
  printf(" %u bytes\n", (unsigned)n);
  printf("send bad flags: %d\n", __wasi_sock_send(conn, &out, 1, 1, &n));
  printf("shutdown bad how: %d\n", __wasi_sock_shutdown(conn, 0));
  printf("shutdown wr: %d\n", __wasi_sock_shutdown(conn, __WASI_SDFLAGS_WR));
  printf("send after shutdown: %d\n", __wasi_sock_send(conn, &out, 1, 0, &n));
  printf("recv on stdin (not a socket): %d\n", __wasi_sock_recv(0, &in, 1, 0, &n, &roflags));
  printf("accept on a connection: %d\n", raw_sock_accept(conn, 0, &conn));
  /* a socket is a stream: no offset, no sync, no directory (docs/wasi.md, "Which error wins") */
  {
    __wasi_filesize_t pos;
    __wasi_fd_t fd;
    uint8_t dirbuf[64];
    printf("recv iovecs out of bounds: %d\n", __wasi_sock_recv(conn, (const __wasi_iovec_t *)0xfffffff8u, 1, 0, &n, &roflags));
    printf("seek on a connection: %d\n", __wasi_fd_seek(conn, 0, __WASI_WHENCE_SET, &pos));
    printf("pread on a connection: %d\n", __wasi_fd_pread(conn, &in, 1, 0, &n));
    printf("sync on a connection: %d\n", __wasi_fd_sync(conn));
    printf("readdir on a connection: %d\n", __wasi_fd_readdir(conn, dirbuf, sizeof dirbuf, 0, &n));
    printf("path_open on the listener: %d\n", __wasi_path_open(3, 0, "x", 0, 0, 0, 0, &fd));
    printf("shutdown on stdin (not a socket), bad how: %d\n", __wasi_sock_shutdown(0, 0));
    printf("accept on stdin (not a socket): %d\n", raw_sock_accept(0, 0, &conn));
  }
  return 0;
}
