/* spec.h: `wasmlab spec`, the spec-test driver. */
#ifndef WLAB_SPEC_H
#define WLAB_SPEC_H

/* argv[0] is "spec"; returns the exit status (0 all passed, 1 something failed, 2 usage). */
int spec_main(int argc, char **argv);

#endif
