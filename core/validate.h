/* validate.h: the validator, which type-checks every body and emits its IR in the same pass. */
#ifndef WLAB_VALIDATE_H
#define WLAB_VALIDATE_H

#include "module.h"

/* Checks the module-level rules (indices, limits, constant expressions, exports, start,
 * segments), then validates each function body of bytes[] and lowers it to IR
 * (m->funcs[i].ir).  Returns WLAB_OK, WLAB_ERR_INVALID, or WLAB_ERR_MALFORMED for a body
 * that does not decode (illegal opcode, bad immediate encoding, missing end). */
wlab_status validate_module(wlab_module *m, const uint8_t *bytes, size_t len, wlab_error *err);

/* The same, but a function i with shell[i] (shell: [m->nfuncs], or NULL for none) is neither
 * validated nor lowered: its IR is a shell (signature, locals, frame, body offsets, no
 * instructions), for a module whose bodies were validated before and whose code is already
 * compiled (an artifact's, aot/image.c).  m keeps a copy of bytes for validate_lower_shells. */
wlab_status validate_module_shells(wlab_module *m, const uint8_t *bytes, size_t len, const uint8_t *shell,
                                   wlab_error *err);
/* Validates and lowers every shell of m (once, whoever asks first; thread-safe), for something
 * that must run them in the interpreter. */
wlab_status validate_lower_shells(wlab_module *m, wlab_error *err);

#endif
