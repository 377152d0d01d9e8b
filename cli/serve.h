/* serve.h: the `wasmlab serve` command (cli/serve.c). */
#ifndef WLAB_CLI_SERVE_H
#define WLAB_CLI_SERVE_H

/* The help text's lines for serve. */
extern const char cli_serve_help[];

/* wasmlab serve ARGS: argv[0] is "serve".  Returns the exit status. */
int cli_serve(int argc, char **argv);

#endif
