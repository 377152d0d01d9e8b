/* fuzz_module.c: libFuzzer target: decode, validate and dump arbitrary bytes; nothing may crash. */
#include <stdint.h>
#include <stdio.h>

#include "wasmlab.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  static wlab_engine *engine;
  static FILE *sink;
  wlab_error err;
  wlab_module *m;
  if (!engine) {
    engine = wlab_engine_new(NULL);
    sink = fopen("/dev/null", "w");
  }
  m = wlab_module_new(engine, data, size, &err);
  if (m) {
    /* a module that validates must also dump: every IR op the validator emits is printable */
    wlab_module_dump(m, WLAB_DUMP_IR, WLAB_NONE, sink, &err);
    wlab_module_free(m);
  } else if (err.text[0] == 0) {
    __builtin_trap(); /* a rejection must always say why */
  }
  return 0;
}
