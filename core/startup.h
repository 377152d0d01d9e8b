/* startup.h: WLAB_STARTUP marks the functions a cold `run` executes, so the linker places them together. */
#ifndef WLAB_CORE_STARTUP_H
#define WLAB_CORE_STARTUP_H

/*
 * GCC puts a function marked hot in .text.hot (LTO keeps the mark), and the default linker script
 * places every .text.hot section together ahead of the rest of .text.  A cold start touches each
 * 64 KB window of the binary's code it runs in, one page fault each (the kernel maps a faulting
 * file page's neighbours with it): the functions of `wasmlab run` from an artifact, left where
 * their files put them, were spread over 830 KB of .text.  Only what that path runs is marked:
 * the module's decoding and shell validation, the artifact's checks and adoption, the instance,
 * the CLI's run and WASI's writes (docs/aot.md, "Measured").  The mark also tells GCC to
 * optimise these for speed, which they were already (-O2).
 */
#if defined(__GNUC__) && !defined(__clang__)
#define WLAB_STARTUP __attribute__((hot))
#else
#define WLAB_STARTUP
#endif

#endif
