/* host.h: what every C-API host in tests/capi shares: a failed check names itself and exits 1, and loading a module from a file. */
#ifndef CAPI_HOST_H
#define CAPI_HOST_H

#include <wasm.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A wrong value ends the host at once with what differed: the runner then reports a failure even
 * when stdout happens to match NAME.out so far. */
#define CHECK(cond, ...)                                                                  \
  do {                                                                                    \
    if (!(cond)) {                                                                        \
      fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__, __LINE__, #cond);            \
      fprintf(stderr, __VA_ARGS__);                                                       \
      fputc('\n', stderr);                                                                \
      exit(1);                                                                            \
    }                                                                                     \
  } while (0)

#define CHECK_EQ_I(got, want)                                                             \
  CHECK((long long)(got) == (long long)(want), "got %lld, want %lld", (long long)(got),  \
        (long long)(want))

/* Reads path into an owned byte vector (the caller deletes it). */
static inline void host_read_file(const char *path, wasm_byte_vec_t *out) {
  FILE *f = fopen(path, "rb");
  CHECK(f != NULL, "cannot open %s", path);
  CHECK(fseek(f, 0, SEEK_END) == 0, "cannot seek %s", path);
  long len = ftell(f);
  CHECK(len > 0, "%s is empty", path);
  rewind(f);
  wasm_byte_vec_new_uninitialized(out, (size_t)len);
  CHECK(fread(out->data, 1, (size_t)len, f) == (size_t)len, "short read of %s", path);
  fclose(f);
}

/* The module in the file at path, compiled in store; never NULL. */
static inline wasm_module_t *host_load(wasm_store_t *store, const char *path) {
  wasm_byte_vec_t bytes;
  host_read_file(path, &bytes);
  CHECK(wasm_module_validate(store, &bytes), "%s does not validate", path);
  wasm_module_t *m = wasm_module_new(store, &bytes);
  wasm_byte_vec_delete(&bytes);
  CHECK(m != NULL, "%s: wasm_module_new failed", path);
  return m;
}

/* The export of instance called name (looked up in the module's export types, whose order is
 * the instance's): borrowed from exports, which the caller keeps and deletes. */
static inline wasm_extern_t *host_export(const wasm_module_t *m, const wasm_extern_vec_t *exports,
                                         const char *name) {
  wasm_exporttype_vec_t types;
  wasm_module_exports(m, &types);
  CHECK(types.size == exports->size, "%zu export types, %zu exports", types.size, exports->size);
  wasm_extern_t *found = NULL;
  for (size_t i = 0; i < types.size; i++) {
    const wasm_name_t *n = wasm_exporttype_name(types.data[i]);
    if (n->size == strlen(name) && memcmp(n->data, name, n->size) == 0)
      found = exports->data[i];
  }
  wasm_exporttype_vec_delete(&types);
  CHECK(found != NULL, "no export %s", name);
  return found;
}

static inline wasm_func_t *host_export_func(const wasm_module_t *m, const wasm_extern_vec_t *exports,
                                            const char *name) {
  wasm_func_t *f = wasm_extern_as_func(host_export(m, exports, name));
  CHECK(f != NULL, "export %s is not a function", name);
  return f;
}

/* A trap's message as a C string in buf (the message vector holds its NUL). */
static inline const char *host_trap_message(const wasm_trap_t *trap, char *buf, size_t size) {
  wasm_message_t msg;
  wasm_trap_message(trap, &msg);
  size_t n = msg.size < size ? msg.size : size - 1;
  memcpy(buf, msg.data, n);
  buf[n] = 0;
  wasm_byte_vec_delete(&msg);
  return buf;
}

/* Calls f and checks it did not trap (the trap's message otherwise). */
static inline void host_call(const wasm_func_t *f, const wasm_val_t *args, size_t nargs, wasm_val_t *results,
                             size_t nresults) {
  wasm_val_vec_t a = {nargs, (wasm_val_t *)args};
  wasm_val_vec_t r = {nresults, results};
  wasm_trap_t *trap = wasm_func_call(f, &a, &r);
  if (trap) {
    char buf[256];
    host_trap_message(trap, buf, sizeof buf);
    wasm_trap_delete(trap);
    CHECK(trap == NULL, "unexpected trap: %s", buf);
  }
}

/* Calls f and returns its trap (owned), which must be there. */
static inline wasm_trap_t *host_call_trap(const wasm_func_t *f, const wasm_val_t *args, size_t nargs,
                                          wasm_val_t *results, size_t nresults) {
  wasm_val_vec_t a = {nargs, (wasm_val_t *)args};
  wasm_val_vec_t r = {nresults, results};
  wasm_trap_t *trap = wasm_func_call(f, &a, &r);
  CHECK(trap != NULL, "the call did not trap");
  return trap;
}

#endif
