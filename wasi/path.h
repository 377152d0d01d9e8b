/* path.h: path resolution that stays beneath a preopen, and the path_* functions of preview1. */
#ifndef WLAB_WASI_PATH_H
#define WLAB_WASI_PATH_H

#include "wasi/abi.h"
#include "wasi/ctx.h"

#include <sys/types.h>

/* Opens `path` relative to the directory `root` without leaving it: no "..", absolute path or
 * symlink (of any kind, at any depth) may take the lookup above root.  flags are open(2)
 * flags; O_NOFOLLOW refuses a symlink as the last component.  E_NOTCAPABLE when the path
 * would escape.  Uses openat2(RESOLVE_BENEATH) unless c->no_openat2, else a component walk. */
int path_open_beneath(wasi_ctx *c, int root, const char *path, int flags, mode_t mode, int *out);

WASI_FN(path_create_directory);
WASI_FN(path_filestat_get);
WASI_FN(path_filestat_set_times);
WASI_FN(path_link);
WASI_FN(path_open);
WASI_FN(path_readlink);
WASI_FN(path_remove_directory);
WASI_FN(path_rename);
WASI_FN(path_symlink);
WASI_FN(path_unlink_file);

#endif
