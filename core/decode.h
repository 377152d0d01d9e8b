/* decode.h: the binary decoder: sections and their structure, no function bodies. */
#ifndef WLAB_DECODE_H
#define WLAB_DECODE_H

#include "module.h"

/* Decodes bytes into m (whose arena it allocates from).  Checks the structure only: magic,
 * version, section order and sizes, LEB128 forms, vector lengths, UTF-8 names, and the
 * local declarations of each body.  Bodies are left for the validator.  Returns WLAB_OK or
 * WLAB_ERR_MALFORMED (or NOMEM) with err filled. */
wlab_status decode_module(wlab_module *m, const uint8_t *bytes, size_t len, wlab_error *err);

/* Reads a constant expression's extent (through its `end`) at r; shared with nothing else:
 * the validator checks what is inside. */
bool decode_const_expr(reader *r, const_expr *out);

#endif
