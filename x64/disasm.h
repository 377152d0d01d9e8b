/* disasm.h: capstone's disassembler, loaded with dlopen the first time a dump needs it. */
#ifndef WLAB_X64_DISASM_H
#define WLAB_X64_DISASM_H

#ifdef WLAB_HAVE_CAPSTONE
#include <capstone/capstone.h>

/* The capstone functions the dumps call, by capstone's names. */
typedef struct x64_capstone {
  cs_err (*cs_open)(cs_arch arch, cs_mode mode, csh *handle);
  cs_err (*cs_option)(csh handle, cs_opt_type type, size_t value);
  cs_insn *(*cs_malloc)(csh handle);
  bool (*cs_disasm_iter)(csh handle, const uint8_t **code, size_t *size, uint64_t *address, cs_insn *insn);
  void (*cs_free)(cs_insn *insn, size_t count);
  cs_err (*cs_close)(csh *handle);
  bool (*cs_insn_group)(csh handle, const cs_insn *insn, unsigned int group_id);
} x64_capstone;

/* capstone's shared library, loaded once (thread-safe): NULL when it cannot be, with *why (static
 * text) saying why.  WLAB_CAPSTONE names another file to load instead of libcapstone.so.N. */
const x64_capstone *x64_capstone_get(const char **why);
#endif

#endif
