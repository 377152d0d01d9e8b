/* abi.c: host errno to preview1 errno. */
#include "wasi/abi.h"

#include <errno.h>

int abi_errno_of(int e)
{
  switch (e) {
  case 0: return E_SUCCESS;
#define WASI_ERRNO_CASE(name, n) case E##name: return E_##name;
    WASI_ERRNO_LIST(WASI_ERRNO_CASE)
#undef WASI_ERRNO_CASE
  default: return E_IO; /* preview1 has no name for it */
  }
}
