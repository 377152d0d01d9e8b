/* gen_tramps.c: a build-time tool writing the trampolines as assembly for the engine's .text. */
#include <stdio.h>
#include <stdlib.h>

#include "x64/asm.h"
#include "x64/jitrt.h"

/*
 * The trampolines depend on nothing but the engine build (the structure offsets of
 * jitrt_tramp_layout), so they are assembled here, by the same x64_tramps_emit a run would use,
 * and linked into the binary's .text: a process maps them with the rest of its code, with no
 * mapping, mprotect, buffer or assembly of its own at start-up.  JIT and AOT code reach them as
 * before, through the thread context's helper slots, so an artifact does not depend on where
 * they are.  Each routine is a function symbol (perf and objdump name it), hidden, and named
 * jitrt_ rather than wlab_ so that libwasmlab.a keeps it local (capi/mkstatic.sh); the section is a
 * .text.hot one, placed with the functions a cold start runs (core/startup.h).
 * Usage: gen_tramps OUT.S
 */
int main(int argc, char **argv)
{
  x64_tramp_layout L = jitrt_tramp_layout();
  x64_tramp_offsets at;
  x64_buf b;
  FILE *f;
  if (argc != 2) {
    fprintf(stderr, "usage: gen_tramps OUT.S\n");
    return 2;
  }
  x64_buf_init(&b);
  x64_tramps_emit(&b, &L, &at);
  if (!x64_buf_ok(&b)) {
    fprintf(stderr, "gen_tramps: assembling the trampolines failed\n");
    return 1;
  }
  /* in the order they are emitted, so each one's size is up to the next */
  const struct {
    const char *name;
    size_t off;
  } sym[] = {{"enter", at.enter},         {"unwind", at.unwind}, {"trap", at.trap},
             {"call_slow", at.call_slow}, {"budget", at.budget}};
  size_t n = sizeof sym / sizeof sym[0];
  if (!(f = fopen(argv[1], "w"))) {
    perror(argv[1]);
    return 1;
  }
  fprintf(f, "/* the trampolines, written by x64/gen_tramps.c at build time: do not edit */\n"
             "\t.section .text.hot.wlab_tramps,\"ax\",@progbits\n\t.balign 64\n");
  for (size_t i = 0; i < n; i++) {
    size_t end = i + 1 < n ? sym[i + 1].off : b.len;
    if (sym[i].off > end || (i == 0 && sym[i].off != 0)) {
      fprintf(stderr, "gen_tramps: the routines are not in the order expected\n");
      return 1;
    }
    fprintf(f, "\t.globl jitrt_tramp_%s\n\t.hidden jitrt_tramp_%s\n\t.type jitrt_tramp_%s, @function\n"
               "jitrt_tramp_%s:",
            sym[i].name, sym[i].name, sym[i].name, sym[i].name);
    for (size_t k = sym[i].off; k < end; k++)
      fprintf(f, "%s0x%02x", (k - sym[i].off) % 16 ? "," : "\n\t.byte ", b.code[k]);
    fprintf(f, "\n\t.size jitrt_tramp_%s, %zu\n", sym[i].name, end - sym[i].off);
  }
  fprintf(f, "\t.section .note.GNU-stack,\"\",@progbits\n");
  x64_buf_free(&b);
  if (fclose(f) != 0) {
    perror(argv[1]);
    return 1;
  }
  return 0;
}
