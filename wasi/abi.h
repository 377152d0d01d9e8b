/* abi.h: the preview1 ABI (errno numbers, rights, flags, struct offsets) and checked guest-memory access. */
#ifndef WLAB_WASI_ABI_H
#define WLAB_WASI_ABI_H

/*
 * Everything here is a fact of the preview1 interface (the witx definitions in
 * wasi_snapshot_preview1), written down once so the host functions name them instead of
 * repeating numbers.  Struct layouts are given as byte offsets in guest memory: the host never
 * overlays C structs on guest bytes (alignment, padding and endianness stay explicit).
 */

#include "wasmlab.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

/* errno: X(wasi name, wasi number).  Every entry except SUCCESS and NOTCAPABLE has a host errno
 * of the same name (E##name), which is how errno_of maps the host's errors. */
#define WASI_ERRNO_LIST(X)                                                                       \
  X(2BIG, 1) X(ACCES, 2) X(ADDRINUSE, 3) X(ADDRNOTAVAIL, 4) X(AFNOSUPPORT, 5) X(AGAIN, 6)       \
  X(ALREADY, 7) X(BADF, 8) X(BADMSG, 9) X(BUSY, 10) X(CANCELED, 11) X(CHILD, 12)                 \
  X(CONNABORTED, 13) X(CONNREFUSED, 14) X(CONNRESET, 15) X(DEADLK, 16) X(DESTADDRREQ, 17)        \
  X(DOM, 18) X(DQUOT, 19) X(EXIST, 20) X(FAULT, 21) X(FBIG, 22) X(HOSTUNREACH, 23) X(IDRM, 24)   \
  X(ILSEQ, 25) X(INPROGRESS, 26) X(INTR, 27) X(INVAL, 28) X(IO, 29) X(ISCONN, 30) X(ISDIR, 31)   \
  X(LOOP, 32) X(MFILE, 33) X(MLINK, 34) X(MSGSIZE, 35) X(MULTIHOP, 36) X(NAMETOOLONG, 37)        \
  X(NETDOWN, 38) X(NETRESET, 39) X(NETUNREACH, 40) X(NFILE, 41) X(NOBUFS, 42) X(NODEV, 43)       \
  X(NOENT, 44) X(NOEXEC, 45) X(NOLCK, 46) X(NOLINK, 47) X(NOMEM, 48) X(NOMSG, 49)                \
  X(NOPROTOOPT, 50) X(NOSPC, 51) X(NOSYS, 52) X(NOTCONN, 53) X(NOTDIR, 54) X(NOTEMPTY, 55)       \
  X(NOTRECOVERABLE, 56) X(NOTSOCK, 57) X(NOTSUP, 58) X(NOTTY, 59) X(NXIO, 60) X(OVERFLOW, 61)    \
  X(OWNERDEAD, 62) X(PERM, 63) X(PIPE, 64) X(PROTO, 65) X(PROTONOSUPPORT, 66) X(PROTOTYPE, 67)   \
  X(RANGE, 68) X(ROFS, 69) X(SPIPE, 70) X(SRCH, 71) X(STALE, 72) X(TIMEDOUT, 73) X(TXTBSY, 74)   \
  X(XDEV, 75)

enum {
  E_SUCCESS = 0,
#define WASI_ERRNO_ENUM(name, n) E_##name = n,
  WASI_ERRNO_LIST(WASI_ERRNO_ENUM)
#undef WASI_ERRNO_ENUM
  E_NOTCAPABLE = 76, /* the descriptor lacks a right, or a path would leave its preopen */
};

/* Translates a host errno into a preview1 errno (E_IO for anything preview1 has no name for). */
int abi_errno_of(int host_errno);

/* rights (u64 bit set) */
#define R_FD_DATASYNC (1ull << 0)
#define R_FD_READ (1ull << 1)
#define R_FD_SEEK (1ull << 2)
#define R_FD_FDSTAT_SET_FLAGS (1ull << 3)
#define R_FD_SYNC (1ull << 4)
#define R_FD_TELL (1ull << 5)
#define R_FD_WRITE (1ull << 6)
#define R_FD_ADVISE (1ull << 7)
#define R_FD_ALLOCATE (1ull << 8)
#define R_PATH_CREATE_DIRECTORY (1ull << 9)
#define R_PATH_CREATE_FILE (1ull << 10)
#define R_PATH_LINK_SOURCE (1ull << 11)
#define R_PATH_LINK_TARGET (1ull << 12)
#define R_PATH_OPEN (1ull << 13)
#define R_FD_READDIR (1ull << 14)
#define R_PATH_READLINK (1ull << 15)
#define R_PATH_RENAME_SOURCE (1ull << 16)
#define R_PATH_RENAME_TARGET (1ull << 17)
#define R_PATH_FILESTAT_GET (1ull << 18)
#define R_PATH_FILESTAT_SET_SIZE (1ull << 19)
#define R_PATH_FILESTAT_SET_TIMES (1ull << 20)
#define R_FD_FILESTAT_GET (1ull << 21)
#define R_FD_FILESTAT_SET_SIZE (1ull << 22)
#define R_FD_FILESTAT_SET_TIMES (1ull << 23)
#define R_PATH_SYMLINK (1ull << 24)
#define R_PATH_REMOVE_DIRECTORY (1ull << 25)
#define R_PATH_UNLINK_FILE (1ull << 26)
#define R_POLL_FD_READWRITE (1ull << 27)
#define R_SOCK_SHUTDOWN (1ull << 28)
#define R_SOCK_ACCEPT (1ull << 29)
#define R_ALL ((1ull << 30) - 1)

/* The rights that mean anything on each kind of descriptor: path_open and sock_accept give a
 * new descriptor the requested rights masked by these. */
#define R_REGULAR                                                                                \
  (R_FD_DATASYNC | R_FD_READ | R_FD_SEEK | R_FD_FDSTAT_SET_FLAGS | R_FD_SYNC | R_FD_TELL |       \
   R_FD_WRITE | R_FD_ADVISE | R_FD_ALLOCATE | R_FD_FILESTAT_GET | R_FD_FILESTAT_SET_SIZE |       \
   R_FD_FILESTAT_SET_TIMES | R_POLL_FD_READWRITE)
#define R_DIRECTORY                                                                              \
  (R_FD_DATASYNC | R_FD_FDSTAT_SET_FLAGS | R_FD_SYNC | R_FD_ADVISE | R_PATH_CREATE_DIRECTORY |  \
   R_PATH_CREATE_FILE | R_PATH_LINK_SOURCE | R_PATH_LINK_TARGET | R_PATH_OPEN | R_FD_READDIR |   \
   R_PATH_READLINK | R_PATH_RENAME_SOURCE | R_PATH_RENAME_TARGET | R_PATH_FILESTAT_GET |         \
   R_PATH_FILESTAT_SET_SIZE | R_PATH_FILESTAT_SET_TIMES | R_FD_FILESTAT_GET |                    \
   R_FD_FILESTAT_SET_TIMES | R_PATH_SYMLINK | R_PATH_REMOVE_DIRECTORY | R_PATH_UNLINK_FILE)
/* Rights that change a directory's contents: a read-only preopen's directories lack them. */
#define R_DIRECTORY_WRITES                                                                       \
  (R_PATH_CREATE_DIRECTORY | R_PATH_CREATE_FILE | R_PATH_LINK_SOURCE | R_PATH_LINK_TARGET |      \
   R_PATH_RENAME_SOURCE | R_PATH_RENAME_TARGET | R_PATH_FILESTAT_SET_SIZE |                      \
   R_PATH_FILESTAT_SET_TIMES | R_FD_FILESTAT_SET_TIMES | R_PATH_SYMLINK |                        \
   R_PATH_REMOVE_DIRECTORY | R_PATH_UNLINK_FILE)
/* Rights on a file that only make sense if it is open for writing. */
#define R_FILE_WRITES (R_FD_WRITE | R_FD_ALLOCATE | R_FD_FILESTAT_SET_SIZE)
/* Terminals, pipes and other streams: no seek or tell (that is how libc's isatty tells). */
#define R_STREAM (R_FD_READ | R_FD_WRITE | R_FD_FDSTAT_SET_FLAGS | R_FD_FILESTAT_GET | R_POLL_FD_READWRITE)
#define R_SOCKET (R_STREAM | R_SOCK_SHUTDOWN | R_SOCK_ACCEPT)

/* filetype (u8) */
enum {
  FT_UNKNOWN = 0, FT_BLOCK_DEVICE = 1, FT_CHARACTER_DEVICE = 2, FT_DIRECTORY = 3,
  FT_REGULAR_FILE = 4, FT_SOCKET_DGRAM = 5, FT_SOCKET_STREAM = 6, FT_SYMBOLIC_LINK = 7,
};

/* fdflags (u16), oflags (u16), lookupflags (u32), fstflags (u16) */
enum { FDF_APPEND = 1, FDF_DSYNC = 2, FDF_NONBLOCK = 4, FDF_RSYNC = 8, FDF_SYNC = 16 };
enum { OF_CREAT = 1, OF_DIRECTORY = 2, OF_EXCL = 4, OF_TRUNC = 8 };
enum { LOOKUP_SYMLINK_FOLLOW = 1 };
enum { FST_ATIM = 1, FST_ATIM_NOW = 2, FST_MTIM = 4, FST_MTIM_NOW = 8 };

/* whence (u8), advice (u8) */
enum { WHENCE_SET = 0, WHENCE_CUR = 1, WHENCE_END = 2 };
enum { ADVICE_NORMAL, ADVICE_SEQUENTIAL, ADVICE_RANDOM, ADVICE_WILLNEED, ADVICE_DONTNEED, ADVICE_NOREUSE };

/* poll_oneoff: eventtype (u8), subclockflags (u16), eventrwflags (u16) */
enum { EVENT_CLOCK = 0, EVENT_FD_READ = 1, EVENT_FD_WRITE = 2 };
enum { SUBCLOCK_ABSTIME = 1 };
enum { EVENTRW_HANGUP = 1 };

/* sockets: riflags (u16), roflags (u16), sdflags (u8) */
enum { RI_RECV_PEEK = 1, RI_RECV_WAITALL = 2 };
enum { RO_RECV_DATA_TRUNCATED = 1 };
enum { SD_RD = 1, SD_WR = 2 };

/* struct layouts: sizes and field offsets in guest memory */
enum {
  IOVEC_SIZE = 8,          /* buf u32 @0, buf_len u32 @4 (iovec and ciovec alike) */
  FDSTAT_SIZE = 24,        /* filetype u8 @0, flags u16 @2, rights_base u64 @8, inheriting u64 @16 */
  FILESTAT_SIZE = 64,      /* dev @0, ino @8, filetype u8 @16, nlink @24, size @32, atim @40,
                            * mtim @48, ctim @56 (u64 unless said) */
  DIRENT_SIZE = 24,        /* d_next u64 @0, d_ino u64 @8, d_namlen u32 @16, d_type u8 @20; name follows */
  PRESTAT_SIZE = 8,        /* tag u8 @0 (0: dir), pr_name_len u32 @4 */
  SUBSCRIPTION_SIZE = 48,  /* userdata u64 @0, tag u8 @8, then @16: clock {id u32 @16,
                            * timeout u64 @24, precision u64 @32, flags u16 @40} or fd u32 @16 */
  EVENT_SIZE = 32,         /* userdata u64 @0, error u16 @8, type u8 @10, nbytes u64 @16, flags u16 @24 */
};

/* Limits on what one call may ask of the host. */
#define ABI_MAX_IOVS 1024      /* the host's IOV_MAX: more is EINVAL, as writev(2) would say */
#define ABI_MAX_PATH 4096      /* bytes in a path, as PATH_MAX: more is ENAMETOOLONG */
#define ABI_MAX_SUBSCRIPTIONS 4096 /* poll_oneoff subscriptions per call: more is EINVAL */

/* ---- guest memory ------------------------------------------------------------------------ */

/* The calling instance's memory for the length of one host call (a host call cannot grow it). */
typedef struct abi_mem {
  uint8_t *base;
  size_t size;
} abi_mem;

static inline abi_mem abi_memory(wlab_caller *caller)
{
  abi_mem m;
  m.base = wlab_caller_memory(caller, &m.size);
  return m;
}

/* Is [ptr, ptr+len) inside the memory?  64-bit sums: no wrap-around.  Every guest pointer
 * goes through this before it is dereferenced. */
static inline bool abi_in_bounds(abi_mem m, uint32_t ptr, uint64_t len)
{
  return m.base && (uint64_t)ptr + len <= m.size;
}

static inline void abi_put_u8(abi_mem m, uint32_t p, uint8_t v) { m.base[p] = v; }
static inline void abi_put_u16(abi_mem m, uint32_t p, uint16_t v) { memcpy(m.base + p, &v, 2); }
static inline void abi_put_u32(abi_mem m, uint32_t p, uint32_t v) { memcpy(m.base + p, &v, 4); }
static inline void abi_put_u64(abi_mem m, uint32_t p, uint64_t v) { memcpy(m.base + p, &v, 8); }
static inline uint16_t abi_get_u16(abi_mem m, uint32_t p) { uint16_t v; memcpy(&v, m.base + p, 2); return v; }
static inline uint32_t abi_get_u32(abi_mem m, uint32_t p) { uint32_t v; memcpy(&v, m.base + p, 4); return v; }
static inline uint64_t abi_get_u64(abi_mem m, uint32_t p) { uint64_t v; memcpy(&v, m.base + p, 8); return v; }

struct iovec;
/* The guest's iovec array (count n at iovs) as host iovecs in out[ABI_MAX_IOVS], every buffer
 * checked; *count is how many.  E_INVAL past ABI_MAX_IOVS, E_FAULT outside the memory. */
int abi_gather_iovecs(abi_mem m, uint32_t iovs, uint32_t n, struct iovec *out, int *count);

/* ---- host functions ------------------------------------------------------------------------ */

/* Every preview1 function has this signature; the table in wasi.c gives each its wasm type. */
#define WASI_FN(name) wlab_status name(wlab_caller *caller, void *env, const wlab_val *args, \
                                       wlab_val *results, wlab_error *werr)
/* Arguments by position, as the unsigned 32- or 64-bit values the witx types are. */
#define ARG32(i) ((uint32_t)args[i].of.i32)
#define ARG64(i) ((uint64_t)args[i].of.i64)
/* Returns errno e to the guest. */
#define RETURN_ERRNO(e)                                                                          \
  do {                                                                                           \
    results[0].type = WLAB_I32;                                                                  \
    results[0].of.i32 = (e);                                                                     \
    (void)caller, (void)env, (void)args, (void)werr;                                            \
    return WLAB_OK;                                                                              \
  } while (0)

#endif
