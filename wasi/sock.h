/* sock.h: the sock_* functions of preview1, on sockets the embedder preopened (or inherited as stdio). */
#ifndef WLAB_WASI_SOCK_H
#define WLAB_WASI_SOCK_H

#include "wasi/abi.h"
#include "wasi/ctx.h"

WASI_FN(sock_accept);
WASI_FN(sock_recv);
WASI_FN(sock_send);
WASI_FN(sock_shutdown);

#endif
