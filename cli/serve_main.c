/* serve_main.c: build/wasmlab-serve, `wasmlab serve` for builds whose static wasmlab cannot link the HTTP server. */
#include "cli/serve.h"

/* argv[0] stands for "serve": the arguments are those of `wasmlab serve` */
int main(int argc, char **argv) { return cli_serve(argc, argv); }
