/* disasm.c: capstone, opened with dlopen on the first dump that disassembles, never at start-up. */
#include "x64/disasm.h"

#ifdef WLAB_HAVE_CAPSTONE
#include <dlfcn.h>
#include <pthread.h>
#include <stdlib.h>

/* Linked in, capstone's archive (every architecture it knows) made the static wasmlab 6.9 MB
 * instead of 2.0 MB, and the scattered layout cost every cold `wasmlab run` 10 page faults (79 -> 69)
 * and about 50 us, for the benefit of `dump --asm` alone.  Loaded on demand, runs pay nothing; a
 * static wasmlab loads it through glibc's static dlopen, which needs the glibc it was linked
 * with at run time (the build machine's own, where the dumps are used): the link's warning
 * that says so is expected. */
#define STR_(x) #x
#define STR(x) STR_(x)
#define CAPSTONE_SONAME "libcapstone.so." STR(CS_API_MAJOR)

static pthread_once_t once = PTHREAD_ONCE_INIT;
static x64_capstone api;
static const x64_capstone *loaded;
static const char *failure;

static void load(void)
{
  const char *name = getenv("WLAB_CAPSTONE");
  void *h = dlopen(name && *name ? name : CAPSTONE_SONAME, RTLD_NOW | RTLD_LOCAL);
  if (!h) {
    failure = "cannot load " CAPSTONE_SONAME " (or the file WLAB_CAPSTONE names)";
    return;
  }
  /* a symbol missing is an incompatible library: refuse it whole, never call through NULL */
#define SYM(f)                                                                                         \
  if (!(*(void **)&api.f = dlsym(h, #f))) {                                                            \
    failure = "the capstone library loaded lacks " #f;                                                 \
    dlclose(h);                                                                                        \
    return;                                                                                            \
  }
  SYM(cs_open)
  SYM(cs_option)
  SYM(cs_malloc)
  SYM(cs_disasm_iter)
  SYM(cs_free)
  SYM(cs_close)
  SYM(cs_insn_group)
#undef SYM
  loaded = &api; /* kept open for the process's life: code it returned may still be in use */
}

const x64_capstone *x64_capstone_get(const char **why)
{
  pthread_once(&once, load);
  if (!loaded && why)
    *why = failure;
  return loaded;
}
#endif
