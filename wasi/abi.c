/* abi.c: host errno to preview1 errno. */
#include "wasi/abi.h"

#include <errno.h>
#include <sys/uio.h>

#include "core/startup.h"

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

/* Reads the guest's iovec array into host iovecs, checking every buffer.  The total is capped
 * at UINT32_MAX (buffers may overlap, so the sum can exceed memory) because the count returned
 * to the guest is 32 bits: a longer transfer is simply short, as POSIX allows. */
WLAB_STARTUP int abi_gather_iovecs(abi_mem m, uint32_t iovs, uint32_t n, struct iovec *out, int *count)
{
  uint64_t total = 0;
  *count = 0;
  if (n > ABI_MAX_IOVS)
    return E_INVAL;
  if (!abi_in_bounds(m, iovs, (uint64_t)n * IOVEC_SIZE))
    return E_FAULT;
  for (uint32_t i = 0; i < n; i++) {
    uint32_t buf = abi_get_u32(m, iovs + IOVEC_SIZE * i), len = abi_get_u32(m, iovs + IOVEC_SIZE * i + 4);
    if (!abi_in_bounds(m, buf, len))
      return E_FAULT;
    if (total + len > UINT32_MAX)
      len = (uint32_t)(UINT32_MAX - total);
    out[*count].iov_base = m.base + buf;
    out[*count].iov_len = len;
    ++*count;
    total += len;
  }
  return E_SUCCESS;
}
