/* error.c: error messages that name the problem, the section, the function and the byte. */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *wlab_status_name(wlab_status s)
{
  switch (s) {
  case WLAB_OK: return "ok";
  case WLAB_ERR_MALFORMED: return "malformed module";
  case WLAB_ERR_INVALID: return "invalid module";
  case WLAB_ERR_UNLINKABLE: return "unlinkable";
  case WLAB_ERR_UNINSTANTIABLE: return "uninstantiable";
  case WLAB_ERR_TRAP: return "trap";
  case WLAB_ERR_EXHAUSTED: return "exhausted";
  case WLAB_ERR_UNSUPPORTED: return "unsupported";
  case WLAB_ERR_NOMEM: return "out of memory";
  case WLAB_ERR_ARGUMENT: return "bad argument";
  case WLAB_ERR_EXIT: return "exit";
  case WLAB_ERR_INTERRUPTED: return "interrupted";
  case WLAB_ERR_LIMIT: return "implementation limit";
  }
  return "error";
}

wlab_status error_set(wlab_error *err, wlab_status status, const char *section,
                      uint32_t func_index, const char *func_name, uint32_t offset,
                      const char *fmt, ...)
{
  va_list ap;
  size_t n;
  if (!err)
    return status;
  err->status = status;
  err->section = section;
  err->func_index = func_index;
  err->offset = offset;
  err->nframes = 0; /* a trap's frames are added by trap_to_error */
  va_start(ap, fmt);
  vsnprintf(err->message, sizeof err->message, fmt, ap);
  va_end(ap);

  n = (size_t)snprintf(err->text, sizeof err->text, "%s: %s", wlab_status_name(status), err->message);
  if (n < sizeof err->text && func_index != WLAB_NONE) {
    if (func_name)
      n += (size_t)snprintf(err->text + n, sizeof err->text - n, " in function %u '%s'", func_index, func_name);
    else
      n += (size_t)snprintf(err->text + n, sizeof err->text - n, " in function %u", func_index);
  }
  if (n < sizeof err->text && section)
    n += (size_t)snprintf(err->text + n, sizeof err->text - n, " (%s section)", section);
  if (n < sizeof err->text && offset != WLAB_NONE)
    snprintf(err->text + n, sizeof err->text - n, " at offset 0x%x", offset);
  return status;
}
