/* fuzz_aot.c: libFuzzer target: mutated AOT artifacts through the loader's checks and adoption, never running their code. */
#include <elf.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "aot/image.h"
#include "wasmlab.h"

/*
 * Seeds are artifacts this build's wasmlab compiled (scripts/fuzz).  A mutation almost always
 * breaks the checksum, which is the first thing the loader checks after the ELF headers; so for
 * half the inputs (the low bit of the middle byte) the build id is set to this target's and the
 * checksum recomputed here before loading, and the
 * structural checks after it (sections, meta fields, hashes, the function tables) get mutated
 * data to look at.  An input the checks pass is loaded into a module - its wasm decoded and
 * validated, its code mapped and adopted - and freed, without a call: nothing runs its code.
 * Every other one (the low bit of the byte a third in) is loaded as `wasmlab run` loads a file,
 * from a read+execute mapping the module takes over (wlab_module_deserialize_exec), whose wasm
 * bytes and trap tables it points into rather than copies.
 */

static wlab_engine *engine;

/* Makes p this build's (the seeds came from the wasmlab executable, whose build id is not this
 * target's) and recomputes .wlab.meta's checksum, if the headers lead to it (every read checked). */
static void fix_checksum(uint8_t *p, size_t n)
{
  Elf64_Ehdr eh;
  if (n < sizeof eh)
    return;
  memcpy(&eh, p, sizeof eh);
  if (eh.e_shentsize != sizeof(Elf64_Shdr) || eh.e_shoff > n || eh.e_shstrndx >= eh.e_shnum ||
      (uint64_t)eh.e_shnum * sizeof(Elf64_Shdr) > n - eh.e_shoff)
    return;
  Elf64_Shdr names, sh;
  memcpy(&names, p + eh.e_shoff + (size_t)eh.e_shstrndx * sizeof sh, sizeof names);
  if (names.sh_offset > n || names.sh_size > n - names.sh_offset)
    return;
  for (unsigned i = 0; i < eh.e_shnum; i++) {
    memcpy(&sh, p + eh.e_shoff + (size_t)i * sizeof sh, sizeof sh);
    if (sh.sh_name >= names.sh_size || names.sh_size - sh.sh_name < sizeof ".wlab.meta" ||
        memcmp(p + names.sh_offset + sh.sh_name, ".wlab.meta", sizeof ".wlab.meta") != 0)
      continue;
    if (sh.sh_offset > n || n - sh.sh_offset < sizeof(aot_meta))
      return;
    size_t at = sh.sh_offset + offsetof(aot_meta, checksum);
    uint8_t id[AOT_BUILD_ID_MAX];
    uint32_t id_len;
    uint64_t h;
    aot_build_id(id, &id_len);
    memcpy(p + sh.sh_offset + offsetof(aot_meta, build_id_len), &id_len, sizeof id_len);
    memcpy(p + sh.sh_offset + offsetof(aot_meta, build_id), id, sizeof id);
    memset(p + at, 0, sizeof h);
    h = aot_checksum(p, n, at);
    memcpy(p + at, &h, sizeof h);
    return;
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  if (!engine) {
    wlab_config cfg;
    wlab_config_default(&cfg);
    cfg.tier = "opt";
    engine = wlab_engine_new(&cfg);
    if (!engine)
      abort();
  }
  uint8_t *p = malloc(size ? size : 1);
  if (!p)
    return 0;
  memcpy(p, data, size);
  if (size && (data[size / 2] & 1)) /* not data[0]: every ELF file starts with an odd 0x7f */
    fix_checksum(p, size);
  wlab_error err;
  if (aot_check(p, size, &err) == WLAB_OK) {
    wlab_module *m = NULL;
    void *x = data[size / 3] & 1 ? mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
                                 : MAP_FAILED;
    if (x != MAP_FAILED) {
      memcpy(x, p, size);
      if (mprotect(x, size, PROT_READ | PROT_EXEC) == 0)
        m = wlab_module_deserialize_exec(engine, x, size, &err); /* x is its from here on */
      else
        munmap(x, size);
    } else {
      m = wlab_module_deserialize(engine, p, size, &err);
    }
    if (m)
      wlab_module_free(m);
  } else if (!err.text[0]) {
    abort(); /* a refusal always says why */
  }
  free(p);
  return 0;
}
