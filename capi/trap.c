/* trap.c: traps (made by the host or from the engine's errors) and their frames. */
#include "capi/capi.h"

#include <string.h>

/* The whole message of the last host callback's trap on this thread: the engine carries a
 * host function's failure in a fixed-size message, and a host's trap must come back whole. */
static _Thread_local char *pending_msg;

void capi_trap_pending_set(const char *msg, size_t len)
{
  capi_trap_pending_clear();
  if ((pending_msg = malloc(len + 1))) {
    memcpy(pending_msg, msg, len);
    pending_msg[len] = 0;
  }
}

void capi_trap_pending_clear(void)
{
  free(pending_msg);
  pending_msg = NULL;
}

/* A trap record holding msg[0..len) plus a NUL (unless its last byte already is one). */
static wasm_trap_t *trap_make(wasm_store_t *store, const char *msg, size_t len, const wlab_frame *frames,
                              uint32_t nframes)
{
  if (!store)
    return NULL;
  capi_obj *o = capi_obj_new(store, CAPI_TRAP);
  if (!o)
    return NULL;
  bool has_nul = len && msg[len - 1] == 0;
  o->u.trap.len = has_nul ? len : len + 1;
  o->u.trap.msg = malloc(o->u.trap.len);
  if (nframes)
    o->u.trap.frames = malloc(nframes * sizeof *frames);
  if (!o->u.trap.msg || (nframes && !o->u.trap.frames)) {
    capi_obj_destroy(o);
    return NULL;
  }
  if (len)
    memcpy(o->u.trap.msg, msg, len);
  o->u.trap.msg[o->u.trap.len - 1] = 0;
  if (nframes)
    memcpy(o->u.trap.frames, frames, nframes * sizeof *frames);
  o->u.trap.nframes = nframes;
  wasm_trap_t *h = capi_handle_new(o);
  if (!h)
    capi_obj_destroy(o);
  return h;
}

wasm_trap_t *wasm_trap_new(wasm_store_t *store, const wasm_message_t *message)
{
  if (!message || (message->size && !message->data))
    return trap_make(store, "", 0, NULL, 0);
  return trap_make(store, message->data, message->size, NULL, 0);
}

/* A host callback's trap that unwound to this call comes back with its own message; any other
 * error with the engine's full text (what, where). */
wasm_trap_t *capi_trap_from_error(wasm_store_t *store, const wlab_error *err)
{
  const char *msg = err->text[0] ? err->text : err->message;
  if (pending_msg && err->message[0] && strncmp(pending_msg, err->message, strlen(err->message)) == 0)
    msg = pending_msg;
  uint32_t n = err->nframes <= WLAB_MAX_FRAMES ? err->nframes : WLAB_MAX_FRAMES;
  wasm_trap_t *t = trap_make(store, msg, strlen(msg), err->frames, n);
  capi_obj *o = capi_obj_of(t);
  if (o) {
    o->u.trap.status = err->status;
    o->u.trap.exit_code = err->exit_code;
  }
  capi_trap_pending_clear();
  return t;
}

static capi_obj *trap_of(const wasm_trap_t *h)
{
  capi_obj *o = capi_obj_of(h);
  return o && o->kind == CAPI_TRAP ? o : NULL;
}

void wasm_trap_message(const wasm_trap_t *h, wasm_message_t *out)
{
  capi_obj *o = trap_of(h);
  if (!o) {
    wasm_byte_vec_new_empty(out);
    return;
  }
  wasm_byte_vec_new(out, o->u.trap.len, o->u.trap.msg);
}

/* ---- frames --------------------------------------------------------------------------------- */

static wasm_frame_t *frame_new(wasm_store_t *store, const wlab_frame *f)
{
  wasm_frame_t *fr = malloc(sizeof *fr);
  if (fr) {
    fr->store = store;
    fr->f = *f;
  }
  return fr;
}

wasm_frame_t *wasm_trap_origin(const wasm_trap_t *h)
{
  capi_obj *o = trap_of(h);
  return o && o->u.trap.nframes ? frame_new(o->store, &o->u.trap.frames[0]) : NULL;
}

void wasm_trap_trace(const wasm_trap_t *h, wasm_frame_vec_t *out)
{
  capi_obj *o = trap_of(h);
  wasm_frame_vec_new_uninitialized(out, o ? o->u.trap.nframes : 0);
  for (size_t i = 0; i < out->size; i++)
    out->data[i] = frame_new(o->store, &o->u.trap.frames[i]);
}

void wasm_frame_delete(wasm_frame_t *f) { free(f); }

wasm_frame_t *wasm_frame_copy(const wasm_frame_t *f) { return f ? frame_new(f->store, &f->f) : NULL; }

/* The instance's handle while its record lives in the store (borrowed: not to be deleted), else
 * NULL: frames do not keep instances alive. */
wasm_instance_t *wasm_frame_instance(const wasm_frame_t *f)
{
  if (!f || !f->f.instance)
    return NULL;
  capi_obj *o = capi_map_get(&f->store->map, f->f.instance);
  return o && o->kind == CAPI_INSTANCE ? (wasm_instance_t *)&o->self : NULL;
}

uint32_t wasm_frame_func_index(const wasm_frame_t *f) { return f ? f->f.func_index : WLAB_NONE; }

/* Offsets the engine does not know are SIZE_MAX. */
size_t wasm_frame_func_offset(const wasm_frame_t *f)
{
  return f && f->f.func_offset != WLAB_NONE ? f->f.func_offset : SIZE_MAX;
}

size_t wasm_frame_module_offset(const wasm_frame_t *f)
{
  return f && f->f.module_offset != WLAB_NONE ? f->f.module_offset : SIZE_MAX;
}
