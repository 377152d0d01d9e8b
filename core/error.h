/* error.h: filling a wlab_error with what went wrong and where. */
#ifndef WLAB_ERROR_H
#define WLAB_ERROR_H

#include "wasmlab.h"

/* Fills err (may be NULL) and returns status.  section may be NULL, func_index and offset
 * may be WLAB_NONE, func_name may be NULL. */
wlab_status error_set(wlab_error *err, wlab_status status, const char *section,
                      uint32_t func_index, const char *func_name, uint32_t offset,
                      const char *fmt, ...) __attribute__((format(printf, 7, 8)));

#endif
