/* startup.h: WLAB_STARTUP and WLAB_STARTUP_DATA mark the functions a cold `run` executes and the variables it touches, so the linker places each together. */
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

/*
 * WLAB_STARTUP_DATA marks the engine's variables a cold `run` reads or writes, so that they sit
 * together at the start of .data (named .data.* sections go there, the engine's objects before
 * libc's).  Left in .bss, they were spread over its 100 KB among variables a run never touches,
 * and two .bss pages were faulted in for them alone; .data's pages are touched by libc's own
 * start (its malloc state, stdio, the dynamic linker's records) whatever the engine does, so the
 * marked variables cost no page fault of their own (docs/aot.md, "Loading").  Only small
 * variables: each costs its size in the binary's file.  Not for _Thread_local variables.
 */
#if defined(__GNUC__) || defined(__clang__)
#define WLAB_STARTUP_DATA __attribute__((section(".data.wlab_startup")))
#else
#define WLAB_STARTUP_DATA
#endif

#endif
