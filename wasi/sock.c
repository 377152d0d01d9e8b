/* sock.c: sock_accept, sock_recv, sock_send and sock_shutdown on descriptors that are host sockets. */
#include "wasi/sock.h"

/*
 * Preview1 cannot create, bind or connect sockets: a guest only uses the ones it is given (a
 * listening socket from wasi_preopen_socket, or a connected one as its stdin, inetd style).
 * So there is nothing to grant here beyond the descriptor itself and its rights.
 */

#include <errno.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include "wasi/fd.h"

WASI_FN(sock_accept) /* (fd, fdflags, fd*) */
{
  abi_mem m = abi_memory(caller);
  uint32_t flags = ARG32(1), out = ARG32(2), newfd;
  fd_entry *e;
  int err = fd_check(env, ARG32(0), USE_SOCKET, R_SOCK_ACCEPT, &e), host;
  if (err != E_SUCCESS)
    RETURN_ERRNO(err);
  if (flags & ~(uint32_t)FDF_NONBLOCK)
    RETURN_ERRNO(E_INVAL); /* only non-blocking mode can be asked for at accept */
  if (!abi_in_bounds(m, out, 4))
    RETURN_ERRNO(E_FAULT);
  do
    host = accept4(e->host, NULL, NULL, SOCK_CLOEXEC | ((flags & FDF_NONBLOCK) ? SOCK_NONBLOCK : 0));
  while (host < 0 && errno == EINTR);
  if (host < 0)
    RETURN_ERRNO(abi_errno_of(errno));
  /* a connection reads, writes and shuts down; it does not accept */
  if ((err = fd_insert(env, host, FT_SOCKET_STREAM, R_SOCKET & ~R_SOCK_ACCEPT, 0, false, &newfd)) != E_SUCCESS)
    RETURN_ERRNO(err);
  abi_put_u32(m, out, newfd);
  RETURN_ERRNO(E_SUCCESS);
}

WASI_FN(sock_recv) /* (fd, ri_data, ri_data_len, riflags, ro_datalen*, ro_flags*) */
{
  abi_mem m = abi_memory(caller);
  struct iovec iov[ABI_MAX_IOVS];
  struct msghdr msg = {.msg_iov = iov};
  int niov = 0;
  uint32_t riflags = ARG32(3);
  fd_entry *e;
  ssize_t got;
  int err = fd_check(env, ARG32(0), USE_SOCKET, R_FD_READ, &e);
  if (err == E_SUCCESS)
    err = abi_gather_iovecs(m, ARG32(1), ARG32(2), iov, &niov);
  msg.msg_iovlen = (size_t)niov;
  if (err == E_SUCCESS && (!abi_in_bounds(m, ARG32(4), 4) || !abi_in_bounds(m, ARG32(5), 2)))
    err = E_FAULT;
  if (err == E_SUCCESS && (riflags & ~(uint32_t)(RI_RECV_PEEK | RI_RECV_WAITALL)))
    err = E_INVAL;
  if (err != E_SUCCESS)
    RETURN_ERRNO(err);
  do
    got = recvmsg(e->host, &msg, ((riflags & RI_RECV_PEEK) ? MSG_PEEK : 0) | ((riflags & RI_RECV_WAITALL) ? MSG_WAITALL : 0));
  while (got < 0 && errno == EINTR);
  if (got < 0)
    RETURN_ERRNO(abi_errno_of(errno));
  /* iovecs may overlap, so more than 4 GiB can arrive in theory: the count saturates */
  abi_put_u32(m, ARG32(4), got > UINT32_MAX ? UINT32_MAX : (uint32_t)got);
  abi_put_u16(m, ARG32(5), (msg.msg_flags & MSG_TRUNC) ? RO_RECV_DATA_TRUNCATED : 0);
  RETURN_ERRNO(E_SUCCESS);
}

WASI_FN(sock_send) /* (fd, si_data, si_data_len, siflags, so_datalen*) */
{
  abi_mem m = abi_memory(caller);
  struct iovec iov[ABI_MAX_IOVS];
  struct msghdr msg = {.msg_iov = iov};
  int niov = 0;
  fd_entry *e;
  ssize_t got;
  int err = fd_check(env, ARG32(0), USE_SOCKET, R_FD_WRITE, &e);
  if (err == E_SUCCESS)
    err = abi_gather_iovecs(m, ARG32(1), ARG32(2), iov, &niov);
  msg.msg_iovlen = (size_t)niov;
  if (err == E_SUCCESS && !abi_in_bounds(m, ARG32(4), 4))
    err = E_FAULT;
  if (err == E_SUCCESS && ARG32(3) != 0)
    err = E_INVAL; /* preview1 defines no send flags */
  if (err != E_SUCCESS)
    RETURN_ERRNO(err);
  do /* MSG_NOSIGNAL: a peer that went away is EPIPE for the guest, not SIGPIPE for the host */
    got = sendmsg(e->host, &msg, MSG_NOSIGNAL);
  while (got < 0 && errno == EINTR);
  if (got < 0)
    RETURN_ERRNO(abi_errno_of(errno));
  abi_put_u32(m, ARG32(4), got > UINT32_MAX ? UINT32_MAX : (uint32_t)got);
  RETURN_ERRNO(E_SUCCESS);
}

WASI_FN(sock_shutdown) /* (fd, sdflags) */
{
  static const int how[] = {0, SHUT_RD, SHUT_WR, SHUT_RDWR};
  fd_entry *e;
  int err = fd_check(env, ARG32(0), USE_SOCKET, R_SOCK_SHUTDOWN, &e);
  if (err == E_SUCCESS && (ARG32(1) == 0 || ARG32(1) > (SD_RD | SD_WR)))
    err = E_INVAL;
  if (err == E_SUCCESS && shutdown(e->host, how[ARG32(1)]) != 0)
    err = abi_errno_of(errno);
  RETURN_ERRNO(err);
}
