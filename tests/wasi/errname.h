/* errname.h: errno names for the wasi test programs (strerror texts differ between libcs; names do not). */
#ifndef WASI_TEST_ERRNAME_H
#define WASI_TEST_ERRNAME_H

#include <errno.h>

static const char *errname(int e)
{
  switch (e) {
  case 0: return "OK";
  case ENOENT: return "ENOENT";
  case EEXIST: return "EEXIST";
  case ENOTDIR: return "ENOTDIR";
  case EISDIR: return "EISDIR";
  case ENOTEMPTY: return "ENOTEMPTY";
  case EBADF: return "EBADF";
  case EINVAL: return "EINVAL";
  case EACCES: return "EACCES";
  case EPERM: return "EPERM";
  case ELOOP: return "ELOOP";
  case EROFS: return "EROFS";
  case EXDEV: return "EXDEV";
  case ENAMETOOLONG: return "ENAMETOOLONG";
  case ESPIPE: return "ESPIPE";
  case EBUSY: return "EBUSY";
  case ENOTSOCK: return "ENOTSOCK";
  case EFAULT: return "EFAULT";
#ifdef ENOTCAPABLE
  case ENOTCAPABLE: return "ENOTCAPABLE";
#endif
  default: return "other";
  }
}

#endif
