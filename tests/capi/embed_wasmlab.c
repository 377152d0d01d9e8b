/* embed_wasmlab.c: the wasmlab.h example of docs/embedding.md: load fac.wasm, call fac(20), clean up. */
#include <stdio.h>
#include <stdlib.h>
#include <wasmlab.h>

int main(int argc, char **argv) {
  if (argc != 2) return 2;
  FILE *f = fopen(argv[1], "rb");
  if (!f) return 1;
  fseek(f, 0, SEEK_END);
  size_t len = (size_t)ftell(f);
  uint8_t *bytes = malloc(len);
  rewind(f);
  size_t got = bytes ? fread(bytes, 1, len, f) : 0;
  fclose(f);
  wlab_error err;
  wlab_engine *engine = wlab_engine_new(NULL);
  wlab_module *m = got == len ? wlab_module_new(engine, bytes, len, &err) : NULL;
  free(bytes); /* the module keeps no pointer into them */
  if (!m) return fprintf(stderr, "%s\n", got == len ? err.text : "short read"), 1;
  wlab_linker *linker = wlab_linker_new(engine);
  wlab_instance *inst = wlab_instance_new(linker, m, &err);
  if (!inst) return fprintf(stderr, "%s\n", err.text), 1;
  wlab_val arg = {.type = WLAB_I64, .of.i64 = 20}, result;
  if (wlab_func_call(wlab_instance_func(inst, "fac"), &arg, 1, &result, 1, &err) != WLAB_OK)
    return fprintf(stderr, "%s\n", err.text), 1;
  printf("fac(20) = %lld\n", (long long)result.of.i64);
  wlab_instance_free(inst);
  wlab_linker_free(linker);
  wlab_module_free(m);
  wlab_engine_free(engine);
  return 0;
}
