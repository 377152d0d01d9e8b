/* validate.h: the validator, which type-checks every body and emits its IR in the same pass. */
#ifndef WLAB_VALIDATE_H
#define WLAB_VALIDATE_H

#include "module.h"

/* Checks the module-level rules (indices, limits, constant expressions, exports, start,
 * segments), then validates each function body of bytes[] and lowers it to IR
 * (m->funcs[i].ir).  Returns WLAB_OK, WLAB_ERR_INVALID, or WLAB_ERR_MALFORMED for a body
 * that does not decode (illegal opcode, bad immediate encoding, missing end). */
wlab_status validate_module(wlab_module *m, const uint8_t *bytes, size_t len, wlab_error *err);

#endif
