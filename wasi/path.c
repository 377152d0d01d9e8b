/* path.c: path resolution that cannot leave a preopen (openat2 or a component walk) and the path_* functions. */
#include "wasi/path.h"

/*
 * The guarantee: whatever path a guest passes, and whatever symlinks exist or appear under the
 * preopen (including ones the guest makes, and ones swapped in while we look), the host object
 * reached lies beneath the directory the lookup started from.
 *
 * Two ways to resolve, one contract (path_open_beneath):
 *
 *  - openat2(root, path, RESOLVE_BENEATH): the kernel refuses "..", absolute paths and symlink
 *    targets that would leave root (EXDEV, reported as ENOTCAPABLE), atomically.  Linux 5.6+.
 *  - walk(): one component at a time, each opened with O_PATH|O_NOFOLLOW relative to the
 *    previous one.  ".." pops our own stack of directory descriptors (never the kernel's "..",
 *    which a concurrent rename could point outside); a symlink is read and its target spliced
 *    in front of the rest of the path; an absolute target, or ".." at the stack's bottom, is
 *    refused.  At most MAX_SYMLINKS expansions (ELOOP).  Nothing is followed by the kernel.
 *
 * Operations that are not opens (unlink, mkdir, rename, link, symlink, readlink, stat, utimes)
 * resolve the parent directory this way, then act on the last component with an *at() call
 * that does not follow it (resolve_parent); a last-component symlink is followed, when asked,
 * by reading it and resolving again.  WLAB_WASI_NO_OPENAT2=1 forces the walk, so tests run
 * both.
 */

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "wasi/fd.h"

#define MAX_SYMLINKS 40       /* expansions per lookup, as Linux allows */
#define WALK_MAX_DEPTH 1024   /* directories held open at once by the walk */

/* ---- the component walk ------------------------------------------------------------------ */

static bool is_dot(const char *s) { return s[0] == '.' && s[1] == 0; }
static bool is_dotdot(const char *s) { return s[0] == '.' && s[1] == '.' && s[2] == 0; }

/* Reads symlink `name` in `dirfd` ("" for an O_PATH descriptor of the link itself) into
 * target[ABI_MAX_PATH + 1] and checks that it can be followed from inside. */
static int read_target(int dirfd, const char *name, char *target)
{
  ssize_t n = readlinkat(dirfd, name, target, ABI_MAX_PATH + 1);
  if (n < 0)
    return abi_errno_of(errno);
  if (n > ABI_MAX_PATH)
    return E_NAMETOOLONG;
  target[n] = 0;
  if (n == 0)
    return E_NOENT;
  if (target[0] == '/')
    return E_NOTCAPABLE; /* absolute: it names the host's root, which the guest was not given */
  return E_SUCCESS;
}

static int walk(int root, const char *path, int flags, mode_t mode, int *out)
{
  char bufs[2][ABI_MAX_PATH + 1], target[ABI_MAX_PATH + 1];
  int stack[WALK_MAX_DEPTH], depth = 0, links = 0, cur = 0, err = E_SUCCESS;
  /* O_CREAT|O_EXCL never follows a last symlink (POSIX): it exists, so EEXIST */
  bool follow_final = !(flags & O_NOFOLLOW) && (flags & (O_CREAT | O_EXCL)) != (O_CREAT | O_EXCL);
  const char *p;
  if (strlen(path) > ABI_MAX_PATH)
    return E_NAMETOOLONG;
  strcpy(bufs[0], path);
  p = bufs[0];
  stack[0] = root; /* borrowed: never closed here */
  if (*p == '/')
    return E_NOTCAPABLE;
  for (;;) {
    char name[NAME_MAX + 1];
    const char *end = strchrnul(p, '/'), *next = end;
    size_t len = (size_t)(end - p);
    bool last, trailing;
    struct stat st;
    int fd;
    while (*next == '/')
      next++;
    last = *next == 0;
    trailing = last && *end == '/'; /* "a/b/": b must be a directory, and a symlink there is followed */
    if (len > NAME_MAX) {
      err = E_NAMETOOLONG;
      break;
    }
    memcpy(name, p, len);
    name[len] = 0;
    if (trailing && (flags & O_CREAT) && !is_dot(name) && !is_dotdot(name)) {
      err = E_ISDIR; /* what O_CREAT would make is no directory: the kernel's answer, before it looks */
      break;
    }
    if (len == 0 || is_dot(name) || is_dotdot(name)) {
      if (is_dotdot(name)) {
        if (depth == 0) {
          err = E_NOTCAPABLE; /* above the directory we started from */
          break;
        }
        close(stack[depth--]);
      }
      if (!last) {
        p = next;
        continue;
      }
      strcpy(name, ".");
    } else if (!last || follow_final || trailing) {
      /* look at the component without following it */
      fd = openat(stack[depth], name, O_PATH | O_NOFOLLOW | O_CLOEXEC);
      if (fd < 0 && !(last && errno == ENOENT)) { /* a missing last component may be created */
        err = abi_errno_of(errno);
        break;
      }
      if (fd >= 0 && fstat(fd, &st) != 0) {
        err = abi_errno_of(errno);
        close(fd);
        break;
      }
      if (fd >= 0 && S_ISLNK(st.st_mode)) {
        int n;
        err = ++links > MAX_SYMLINKS ? E_LOOP : read_target(fd, "", target);
        close(fd);
        if (err != E_SUCCESS)
          break;
        /* the target replaces the link: "target/rest" (a trailing slash is kept) */
        n = snprintf(bufs[cur ^ 1], sizeof bufs[0], "%s%s%s", target, last ? (trailing ? "/" : "") : "/",
                     last ? "" : next);
        if (n < 0 || n > ABI_MAX_PATH) {
          err = E_NAMETOOLONG;
          break;
        }
        cur ^= 1;
        p = bufs[cur];
        continue;
      }
      if (fd >= 0 && !last) {
        if (!S_ISDIR(st.st_mode) || depth + 1 == WALK_MAX_DEPTH) {
          err = S_ISDIR(st.st_mode) ? E_NAMETOOLONG : E_NOTDIR;
          close(fd);
          break;
        }
        stack[++depth] = fd;
        p = next;
        continue;
      }
      if (fd >= 0)
        close(fd);
    }
    /* The last component, known not to be a symlink a moment ago: O_NOFOLLOW makes a symlink
     * swapped in since then fail (ELOOP) rather than be followed by the kernel.  A trailing
     * slash asks for a directory; with O_CREAT only "." or ".." get here, which the kernel
     * answers itself (EISDIR, or EEXIST with O_EXCL; O_DIRECTORY would make it EINVAL). */
    fd = openat(stack[depth], name,
                flags | O_NOFOLLOW | O_CLOEXEC | (trailing && !(flags & O_CREAT) ? O_DIRECTORY : 0), mode);
    if (fd < 0)
      err = abi_errno_of(errno);
    else
      *out = fd;
    break;
  }
  while (depth > 0)
    close(stack[depth--]);
  return err;
}

/* ---- openat2 ----------------------------------------------------------------------------- */

int path_open_beneath(wasi_ctx *c, int root, const char *path, int flags, mode_t mode, int *out)
{
  if (!c->no_openat2) {
    struct open_how how = {.flags = (uint64_t)(unsigned)(flags | O_CLOEXEC),
                           .mode = (flags & O_CREAT) ? mode : 0,
                           .resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS};
    for (int tries = 0; tries < 16; tries++) {
      long fd = syscall(SYS_openat2, root, path, &how, sizeof how);
      if (fd >= 0) {
        *out = (int)fd;
        return E_SUCCESS;
      }
      if (errno == EAGAIN || errno == EINTR)
        continue; /* a rename elsewhere raced the lookup: the kernel asks us to try again */
      if (errno == ENOSYS) {
        c->no_openat2 = true; /* an older kernel (or a filter): walk from now on */
        break;
      }
      return errno == EXDEV ? E_NOTCAPABLE : abi_errno_of(errno);
    }
    if (!c->no_openat2)
      return E_AGAIN;
  }
  return walk(root, path, flags, mode, out);
}

/* ---- arguments --------------------------------------------------------------------------- */

/* Copies the guest's path (ptr, len) into out[ABI_MAX_PATH + 1], NUL-terminated.  A NUL inside
 * would make the host see a shorter path than the guest passed: refused. */
static int copy_path(abi_mem m, uint32_t ptr, uint32_t len, char *out)
{
  if (!abi_in_bounds(m, ptr, len))
    return E_FAULT;
  if (len > ABI_MAX_PATH)
    return E_NAMETOOLONG;
  if (memchr(m.base + ptr, 0, len))
    return E_INVAL;
  memcpy(out, m.base + ptr, len);
  out[len] = 0;
  return E_SUCCESS;
}

/* The directory descriptor fd, which must hold `rights` (and be writable if `writes`), and the
 * path at (ptr, len).  In this order: open (EBADF), a directory (ENOTDIR), writable (EROFS: a
 * change through a read-only preopen, whose directories lack the writing rights, says what
 * Linux says on a read-only mount), the rights (ENOTCAPABLE), then the path itself. */
static int dir_and_path(wasi_ctx *c, abi_mem m, uint32_t fd, uint64_t rights, bool writes, uint32_t ptr,
                        uint32_t len, fd_entry **dir, char *path)
{
  fd_entry *e;
  int err = fd_check(c, fd, USE_DIRECTORY, 0, &e);
  if (err != E_SUCCESS)
    return err;
  if (writes && e->readonly)
    return E_ROFS;
  if ((e->base & rights) != rights)
    return E_NOTCAPABLE;
  *dir = e;
  return copy_path(m, ptr, len, path);
}

/* ---- the parent of the last component ---------------------------------------------------- */

typedef struct parent {
  int fd;                     /* the directory holding `name` (an O_PATH descriptor) */
  char name[NAME_MAX + 2];    /* one component, never "..": no '/', but for an entry (below)
                               * the path's trailing slash */
  bool trailing;              /* the path ended in '/' */
} parent;

/*
 * What the last component is to an operation.  A trailing slash ("name/") says that name is a
 * directory; the rule, Linux's, depends on which of the two an operation acts on:
 *
 *  - LAST_OBJECT: the object the path leads to (filestat_get, filestat_set_times, readlink, the
 *    source of link; opens are resolved as a whole by path_open_beneath, to the same rule).
 *    "name/" is "name/.": a symlink there is followed like one in the middle of a path, whatever
 *    the lookup flags say, and what it leads to must be a directory (ENOTDIR, ENOENT when
 *    dangling, ELOOP when looping).
 *  - LAST_ENTRY: the directory entry itself, made, removed or moved (create_directory,
 *    remove_directory, unlink_file, both names of rename, the new name of link and symlink).
 *    Never followed.  The name keeps its trailing slash into the *at() call, which applies the
 *    kernel's rule: the entry must be a directory, or for a new name one that will be (mkdir,
 *    or a directory renamed): ENOTDIR for a file or a symlink, ENOENT for a missing new name of
 *    link or symlink (what they would make is no directory), EEXIST for one that exists.  None
 *    of these calls follows a last component, with or without the slash, so nothing outside is
 *    reached.
 */
enum last { LAST_OBJECT, LAST_ENTRY };

/* Resolves all but the last component of path (rewritten in place) beneath root.  With follow,
 * a last component that is a symlink is read and the lookup starts again from its target. */
static int resolve_parent(wasi_ctx *c, int root, char *path, bool follow, parent *out)
{
  char target[ABI_MAX_PATH + 1], joined[ABI_MAX_PATH + 2];
  for (int links = 0;;) {
    size_t n = strlen(path);
    char *slash;
    const char *dir = ".", *base = path;
    struct stat st;
    int err, len;
    if (n == 0)
      return E_NOENT;
    if (path[0] == '/')
      return E_NOTCAPABLE;
    out->trailing = false;
    while (n > 1 && path[n - 1] == '/')
      path[--n] = 0, out->trailing = true;
    if ((slash = strrchr(path, '/'))) {
      *slash = 0;
      dir = path;
      base = slash + 1;
    }
    if (is_dotdot(base)) {
      /* "a/..": the directory itself is the object; an *at() call on ".." would act on
       * whatever is above the parent, possibly above the preopen */
      if (slash)
        *slash = '/';
      dir = path;
      base = ".";
    }
    if (strlen(base) > NAME_MAX)
      return E_NAMETOOLONG;
    if ((err = path_open_beneath(c, root, dir, O_PATH | O_DIRECTORY, 0, &out->fd)) != E_SUCCESS)
      return err;
    strcpy(out->name, base);
    if (!follow || is_dot(base) || fstatat(out->fd, base, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISLNK(st.st_mode))
      return E_SUCCESS;
    err = ++links > MAX_SYMLINKS ? E_LOOP : read_target(out->fd, base, target);
    close(out->fd);
    if (err != E_SUCCESS)
      return err;
    len = snprintf(joined, sizeof joined, "%s%s%s%s", slash ? dir : "", slash ? "/" : "", target,
                   out->trailing ? "/" : "");
    if (len < 0 || len > ABI_MAX_PATH)
      return E_NAMETOOLONG;
    memcpy(path, joined, (size_t)len + 1);
  }
}

/* resolve_parent, then the trailing-slash rule for `last` (above).  follow: the guest's
 * LOOKUP_SYMLINK_FOLLOW, for a LAST_OBJECT.  On success out->fd is open. */
static int resolve(wasi_ctx *c, int root, char *path, enum last last, bool follow, parent *out)
{
  size_t n = strlen(path);
  bool trailing = n > 1 && path[n - 1] == '/';
  struct stat st;
  int err = resolve_parent(c, root, path, last == LAST_OBJECT && (follow || trailing), out);
  if (err != E_SUCCESS || !trailing)
    return err;
  if (last == LAST_ENTRY) {
    strcat(out->name, "/");
    return E_SUCCESS;
  }
  if (fstatat(out->fd, out->name, &st, AT_SYMLINK_NOFOLLOW) != 0)
    err = abi_errno_of(errno);
  else if (!S_ISDIR(st.st_mode))
    err = E_NOTDIR;
  if (err != E_SUCCESS)
    close(out->fd);
  return err;
}

/* ---- path_open --------------------------------------------------------------------------- */

WASI_FN(path_open) /* (fd, dirflags, path, path_len, oflags, base: i64, inheriting: i64, fdflags, fd*) */
{
  wasi_ctx *c = env;
  abi_mem m = abi_memory(caller);
  char path[ABI_MAX_PATH + 1];
  uint32_t oflags = ARG32(4), fdflags = ARG32(7), out = ARG32(8), newfd;
  uint64_t base = ARG64(5), inh = ARG64(6);
  uint64_t need = R_PATH_OPEN | ((oflags & OF_CREAT) ? R_PATH_CREATE_FILE : 0) |
                  ((oflags & OF_TRUNC) ? R_PATH_FILESTAT_SET_SIZE : 0);
  /* a read-only preopen refuses the open itself when the guest means to write (libc asks for
   * the write rights it needs), so that fopen("w") fails there and not at the first write */
  bool writes = (oflags & (OF_CREAT | OF_TRUNC)) || (fdflags & FDF_APPEND) || (base & R_FILE_WRITES);
  bool reads = base & (R_FD_READ | R_FD_READDIR), writable = base & R_FILE_WRITES;
  int flags = O_NOCTTY | (reads && writable ? O_RDWR : writable ? O_WRONLY : O_RDONLY), host, err;
  fd_entry *dir;
  struct stat st;
  if ((err = dir_and_path(c, m, ARG32(0), need, writes, ARG32(2), ARG32(3), &dir, path)) != E_SUCCESS)
    RETURN_ERRNO(err);
  if (!abi_in_bounds(m, out, 4))
    RETURN_ERRNO(E_FAULT);
  if ((oflags & ~(uint32_t)(OF_CREAT | OF_DIRECTORY | OF_EXCL | OF_TRUNC)) ||
      (fdflags & ~(uint32_t)(FDF_APPEND | FDF_DSYNC | FDF_NONBLOCK | FDF_RSYNC | FDF_SYNC)))
    RETURN_ERRNO(E_INVAL);
  if ((base | inh) & ~dir->inheriting)
    RETURN_ERRNO(E_NOTCAPABLE); /* a descriptor cannot hand out rights it was not given */
  if (path[0] == 0)
    RETURN_ERRNO(E_NOENT);
  flags |= (oflags & OF_CREAT ? O_CREAT : 0) | (oflags & OF_DIRECTORY ? O_DIRECTORY : 0) |
           (oflags & OF_EXCL ? O_EXCL : 0) | (oflags & OF_TRUNC ? O_TRUNC : 0);
  flags |= (fdflags & FDF_APPEND ? O_APPEND : 0) | (fdflags & FDF_NONBLOCK ? O_NONBLOCK : 0) |
           (fdflags & FDF_DSYNC ? O_DSYNC : 0) | (fdflags & FDF_SYNC ? O_SYNC : 0) |
           (fdflags & FDF_RSYNC ? O_RSYNC : 0);
  if (!(ARG32(1) & LOOKUP_SYMLINK_FOLLOW))
    flags |= O_NOFOLLOW;
  if ((err = path_open_beneath(c, dir->host, path, flags, 0666, &host)) != E_SUCCESS)
    RETURN_ERRNO(err);
  if (fstat(host, &st) != 0) {
    err = abi_errno_of(errno);
    close(host);
    RETURN_ERRNO(err);
  }
  if ((err = fd_insert(c, host, fd_filetype(st.st_mode), base, inh, dir->readonly, &newfd)) != E_SUCCESS)
    RETURN_ERRNO(err);
  abi_put_u32(m, out, newfd);
  RETURN_ERRNO(E_SUCCESS);
}

/* ---- operations on the last component ---------------------------------------------------- */

WASI_FN(path_create_directory) /* (fd, path, path_len) */
{
  char path[ABI_MAX_PATH + 1];
  fd_entry *dir;
  parent p;
  int err = dir_and_path(env, abi_memory(caller), ARG32(0), R_PATH_CREATE_DIRECTORY, true, ARG32(1), ARG32(2), &dir, path);
  if (err == E_SUCCESS && (err = resolve(env, dir->host, path, LAST_ENTRY, false, &p)) == E_SUCCESS) {
    if (mkdirat(p.fd, p.name, 0777) != 0)
      err = abi_errno_of(errno);
    close(p.fd);
  }
  RETURN_ERRNO(err);
}

WASI_FN(path_filestat_get) /* (fd, lookupflags, path, path_len, filestat*) */
{
  abi_mem m = abi_memory(caller);
  char path[ABI_MAX_PATH + 1];
  struct stat st;
  fd_entry *dir;
  parent p;
  int err = dir_and_path(env, m, ARG32(0), R_PATH_FILESTAT_GET, false, ARG32(2), ARG32(3), &dir, path);
  if (err == E_SUCCESS && !abi_in_bounds(m, ARG32(4), FILESTAT_SIZE))
    err = E_FAULT;
  if (err == E_SUCCESS &&
      (err = resolve(env, dir->host, path, LAST_OBJECT, ARG32(1) & LOOKUP_SYMLINK_FOLLOW, &p)) == E_SUCCESS) {
    if (fstatat(p.fd, p.name, &st, AT_SYMLINK_NOFOLLOW) != 0)
      err = abi_errno_of(errno);
    else
      fd_put_filestat(m, ARG32(4), &st);
    close(p.fd);
  }
  RETURN_ERRNO(err);
}

WASI_FN(path_filestat_set_times) /* (fd, lookupflags, path, path_len, atim: i64, mtim: i64, fstflags) */
{
  char path[ABI_MAX_PATH + 1];
  struct timespec ts[2];
  fd_entry *dir;
  parent p;
  int err = dir_and_path(env, abi_memory(caller), ARG32(0), R_PATH_FILESTAT_SET_TIMES, true, ARG32(2), ARG32(3), &dir, path);
  if (err == E_SUCCESS)
    err = fd_times(ARG64(4), ARG64(5), ARG32(6), ts);
  if (err == E_SUCCESS &&
      (err = resolve(env, dir->host, path, LAST_OBJECT, ARG32(1) & LOOKUP_SYMLINK_FOLLOW, &p)) == E_SUCCESS) {
    if (utimensat(p.fd, p.name, ts, AT_SYMLINK_NOFOLLOW) != 0)
      err = abi_errno_of(errno);
    close(p.fd);
  }
  RETURN_ERRNO(err);
}

WASI_FN(path_readlink) /* (fd, path, path_len, buf, buf_len, bufused*) */
{
  abi_mem m = abi_memory(caller);
  char path[ABI_MAX_PATH + 1];
  fd_entry *dir;
  parent p;
  int err = dir_and_path(env, m, ARG32(0), R_PATH_READLINK, false, ARG32(1), ARG32(2), &dir, path);
  if (err == E_SUCCESS && (!abi_in_bounds(m, ARG32(3), ARG32(4)) || !abi_in_bounds(m, ARG32(5), 4)))
    err = E_FAULT;
  if (err == E_SUCCESS && (err = resolve(env, dir->host, path, LAST_OBJECT, false, &p)) == E_SUCCESS) {
    ssize_t n = readlinkat(p.fd, p.name, (char *)m.base + ARG32(3), ARG32(4));
    if (n < 0)
      err = abi_errno_of(errno);
    else
      abi_put_u32(m, ARG32(5), (uint32_t)n); /* a target longer than the buffer is cut, as readlink(2) */
    close(p.fd);
  }
  RETURN_ERRNO(err);
}

WASI_FN(path_remove_directory) /* (fd, path, path_len) */
{
  char path[ABI_MAX_PATH + 1];
  fd_entry *dir;
  parent p;
  int err = dir_and_path(env, abi_memory(caller), ARG32(0), R_PATH_REMOVE_DIRECTORY, true, ARG32(1), ARG32(2), &dir, path);
  if (err == E_SUCCESS && (err = resolve(env, dir->host, path, LAST_ENTRY, false, &p)) == E_SUCCESS) {
    if (unlinkat(p.fd, p.name, AT_REMOVEDIR) != 0)
      err = abi_errno_of(errno);
    close(p.fd);
  }
  RETURN_ERRNO(err);
}

WASI_FN(path_unlink_file) /* (fd, path, path_len) */
{
  char path[ABI_MAX_PATH + 1];
  fd_entry *dir;
  parent p;
  int err = dir_and_path(env, abi_memory(caller), ARG32(0), R_PATH_UNLINK_FILE, true, ARG32(1), ARG32(2), &dir, path);
  /* "name/" names a directory, never a file to unlink: EISDIR or ENOTDIR from the kernel */
  if (err == E_SUCCESS && (err = resolve(env, dir->host, path, LAST_ENTRY, false, &p)) == E_SUCCESS) {
    if (unlinkat(p.fd, p.name, 0) != 0)
      err = abi_errno_of(errno);
    close(p.fd);
  }
  RETURN_ERRNO(err);
}

WASI_FN(path_symlink) /* (old_path, old_path_len, fd, new_path, new_path_len) */
{
  abi_mem m = abi_memory(caller);
  char target[ABI_MAX_PATH + 1], path[ABI_MAX_PATH + 1];
  fd_entry *dir;
  parent p;
  int err = dir_and_path(env, m, ARG32(2), R_PATH_SYMLINK, true, ARG32(3), ARG32(4), &dir, path);
  if (err == E_SUCCESS)
    err = copy_path(m, ARG32(0), ARG32(1), target);
  /* An absolute target could never be followed from inside (it names the host's root), and
   * would mislead host programs that do follow it: refused.  A relative target pointing above
   * the preopen is allowed (the guest may rename things around it) and fails when followed. */
  if (err == E_SUCCESS && target[0] == '/')
    err = E_NOTCAPABLE;
  if (err == E_SUCCESS && (err = resolve(env, dir->host, path, LAST_ENTRY, false, &p)) == E_SUCCESS) {
    if (symlinkat(target, p.fd, p.name) != 0)
      err = abi_errno_of(errno);
    close(p.fd);
  }
  RETURN_ERRNO(err);
}

/* path_link and path_rename: two directories, two paths. */
static int two_paths(wlab_caller *caller, wasi_ctx *c, uint32_t ofd, uint32_t optr, uint32_t olen, uint64_t oright,
                     bool ofollow, uint32_t nfd, uint32_t nptr, uint32_t nlen, uint64_t nright, bool is_link)
{
  abi_mem m = abi_memory(caller);
  char opath[ABI_MAX_PATH + 1], npath[ABI_MAX_PATH + 1];
  fd_entry *odir, *ndir;
  parent op, np;
  /* the source counts as a write too: linking a file of a read-only preopen into a writable
   * one would make it writable there */
  int err = dir_and_path(c, m, ofd, oright, true, optr, olen, &odir, opath);
  if (err == E_SUCCESS)
    err = dir_and_path(c, m, nfd, nright, true, nptr, nlen, &ndir, npath);
  /* the old name first, then the new one, as Linux: "link file/ x" is ENOTDIR whatever x is.
   * The source of link is an object (a trailing slash follows it); a renamed entry is not */
  if (err != E_SUCCESS ||
      (err = resolve(c, odir->host, opath, is_link ? LAST_OBJECT : LAST_ENTRY, ofollow, &op)) != E_SUCCESS)
    return err;
  if ((err = resolve(c, ndir->host, npath, LAST_ENTRY, false, &np)) == E_SUCCESS) {
    if ((is_link ? linkat(op.fd, op.name, np.fd, np.name, 0) : renameat(op.fd, op.name, np.fd, np.name)) != 0)
      err = abi_errno_of(errno);
    close(np.fd);
  }
  close(op.fd);
  return err;
}

WASI_FN(path_link) /* (old_fd, old_flags, old_path, old_path_len, new_fd, new_path, new_path_len) */
{
  RETURN_ERRNO(two_paths(caller, env, ARG32(0), ARG32(2), ARG32(3), R_PATH_LINK_SOURCE, ARG32(1) & LOOKUP_SYMLINK_FOLLOW,
                         ARG32(4), ARG32(5), ARG32(6), R_PATH_LINK_TARGET, true));
}

WASI_FN(path_rename) /* (fd, old_path, old_path_len, new_fd, new_path, new_path_len) */
{
  RETURN_ERRNO(two_paths(caller, env, ARG32(0), ARG32(1), ARG32(2), R_PATH_RENAME_SOURCE, false,
                         ARG32(3), ARG32(4), ARG32(5), R_PATH_RENAME_TARGET, false));
}
