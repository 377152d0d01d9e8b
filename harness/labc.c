/* labc.c: the lab's C module for Lua: clock, process spawning with rusage, the embedding API in-process, PAPI. */
#include "wasmlab.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <lauxlib.h>
#include <lua.h>

#ifdef LABC_PAPI
#include <papi.h>
#endif

#include "wasi/wasi.h"

/*
 * What Lua sees (module "labc"):
 *
 *   now()                       monotonic clock in ns (integer)
 *   spawn_start(path)           starts the launcher, labspawn (spawner.c)
 *   spawn{argv=..., stdin=, hide_mounts=, timeout=}
 *                               through the launcher: clone+exec+wait4, wall ns from before
 *                               clone to after reap, exit status, peak RSS and CPU times of the
 *                               child (its rusage), what it wrote to stdout and stderr
 *   rusage_children()           getrusage(RUSAGE_CHILDREN) of this process so far
 *   stack_limit()               soft RLIMIT_STACK in KiB, or "unlimited" (what `ulimit -s` says)
 *   uname()                     sysname, nodename, release, machine
 *   version(), tiers()          of the linked engine
 *   phases{path=, tier=, args=, stdin=, stdout=}
 *                               one in-process WASI run split into read, decode+validate,
 *                               instantiate and first call, with the module's statistics
 *   iterate{path=, tier=, args=, stdin=, iterations=, invoke=, arg=, papi=}
 *                               steady state: one module, per-iteration times (re-instantiate
 *                               and _start, or repeated calls of an export on one instance)
 *   pool_cycle{path=, reset=, iterations=, tier=, args=, stdin=, stdout=, invoke=, arg=}
 *                               instantiate+reset per request: a pool of one slot (core/pool.c,
 *                               reset "cow" or "copy"), each iteration acquire, the call (_start
 *                               or invoke), release; acquire, call and release ns per iteration,
 *                               outputs, and the reset mode the pool used
 *   papi()                      whether counters work here, and why not
 *
 * Failures are returned as nil, message (Lua's convention) so the harness can report them as
 * rows, never as crashes.
 */

static int64_t now_ns(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int64_t tv_ns(struct timeval tv)
{
  return (int64_t)tv.tv_sec * 1000000000 + (int64_t)tv.tv_usec * 1000;
}

static void push_rusage(lua_State *L, const struct rusage *ru)
{
  lua_pushinteger(L, ru->ru_maxrss); /* KiB on Linux */
  lua_setfield(L, -2, "maxrss_kb");
  lua_pushinteger(L, tv_ns(ru->ru_utime));
  lua_setfield(L, -2, "utime_ns");
  lua_pushinteger(L, tv_ns(ru->ru_stime));
  lua_setfield(L, -2, "stime_ns");
  lua_pushinteger(L, ru->ru_minflt);
  lua_setfield(L, -2, "minflt");
  lua_pushinteger(L, ru->ru_nvcsw + ru->ru_nivcsw);
  lua_setfield(L, -2, "ctxsw");
}

static void set_int(lua_State *L, const char *k, lua_Integer v)
{
  lua_pushinteger(L, v);
  lua_setfield(L, -2, k);
}

static int l_now(lua_State *L)
{
  lua_pushinteger(L, now_ns());
  return 1;
}

/* ---- spawning ------------------------------------------------------------------------ */

static const char *opt_string(lua_State *L, int t, const char *key)
{
  const char *s;
  lua_getfield(L, t, key);
  s = lua_isnil(L, -1) ? NULL : luaL_checkstring(L, -1);
  lua_pop(L, 1); /* strings in a table stay alive while the table does */
  return s;
}

/* The launcher process (labspawn, spawner.c) and the pipes to it.  One per process: it is a
 * helper of this module, like a PAPI event set, not of any Lua state. */
static struct {
  FILE *to, *from;
  pid_t pid;
} launcher = {NULL, NULL, -1};

/* spawn_start(path): starts labspawn.  Children are launched from it, not from this (much
 * larger) process, so that their peak RSS is their own. */
static int l_spawn_start(lua_State *L)
{
  const char *path = luaL_checkstring(L, 1);
  int in[2], out[2];
  posix_spawn_file_actions_t fa;
  char *argv[] = {(char *)path, NULL};
  extern char **environ;
  if (launcher.pid > 0)
    return lua_pushboolean(L, 1), 1;
  if (pipe2(in, O_CLOEXEC) != 0 || pipe2(out, O_CLOEXEC) != 0)
    return luaL_error(L, "pipe: %s", strerror(errno));
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, in[0], 0);
  posix_spawn_file_actions_adddup2(&fa, out[1], 1);
  if (posix_spawn(&launcher.pid, path, &fa, NULL, argv, environ) != 0) {
    posix_spawn_file_actions_destroy(&fa);
    close(in[0]), close(in[1]), close(out[0]), close(out[1]);
    launcher.pid = -1;
    lua_pushnil(L);
    lua_pushfstring(L, "cannot start %s", path);
    return 2;
  }
  posix_spawn_file_actions_destroy(&fa);
  close(in[0]), close(out[1]);
  launcher.to = fdopen(in[1], "w");
  launcher.from = fdopen(out[0], "r");
  lua_pushboolean(L, 1);
  return 1;
}

/* Reads n bytes of the launcher's answer as a Lua string. */
static void push_bytes(lua_State *L, size_t n)
{
  luaL_Buffer b;
  char *p = luaL_buffinitsize(L, &b, n);
  size_t got = n ? fread(p, 1, n, launcher.from) : 0;
  luaL_pushresultsize(&b, got);
}

static int l_spawn(lua_State *L)
{
  lua_Integer argc, nhide = 0;
  const char *in;
  double timeout;
  char line[512];
  long long wall, utime, stime;
  long maxrss, minflt, ctxsw;
  int code, sig, timed_out;
  size_t outlen, errlen;

  luaL_checktype(L, 1, LUA_TTABLE);
  if (!launcher.to)
    return luaL_error(L, "spawn: call spawn_start(path of labspawn) first");
  lua_getfield(L, 1, "argv");
  luaL_checktype(L, -1, LUA_TTABLE);
  argc = luaL_len(L, -1);
  if (argc < 1)
    return luaL_error(L, "spawn: argv is empty");
  in = opt_string(L, 1, "stdin");
  lua_getfield(L, 1, "timeout");
  timeout = luaL_optnumber(L, -1, 0);
  lua_pop(L, 1);
  lua_getfield(L, 1, "hide_mounts");
  if (lua_istable(L, -1))
    nhide = luaL_len(L, -1);
  fprintf(launcher.to, "%lld %lld %ld\n", (long long)argc, (long long)nhide, (long)(timeout * 1000));
  fputs(in ? in : "", launcher.to), fputc(0, launcher.to);
  for (lua_Integer i = 1; i <= nhide; i++) {
    lua_geti(L, -1, i);
    fputs(luaL_checkstring(L, -1), launcher.to), fputc(0, launcher.to);
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
  for (lua_Integer i = 1; i <= argc; i++) {
    lua_geti(L, -1, i);
    fputs(luaL_checkstring(L, -1), launcher.to), fputc(0, launcher.to);
    lua_pop(L, 1);
  }
  if (fflush(launcher.to) != 0 || !fgets(line, sizeof line, launcher.from))
    return luaL_error(L, "spawn: the launcher (labspawn) died");
  if (strncmp(line, "err ", 4) == 0) {
    line[strcspn(line, "\n")] = 0;
    lua_pushnil(L);
    lua_pushstring(L, line + 4);
    return 2;
  }
  if (sscanf(line, "ok %lld %d %d %d %ld %lld %lld %ld %ld %zu %zu", &wall, &code, &sig, &timed_out, &maxrss, &utime,
             &stime, &minflt, &ctxsw, &outlen, &errlen) != 11)
    return luaL_error(L, "spawn: unexpected answer from labspawn: %s", line);
  lua_createtable(L, 0, 12);
  set_int(L, "wall_ns", wall);
  if (sig == 0 && code >= 0)
    set_int(L, "code", code);
  else
    set_int(L, "signal", sig);
  lua_pushboolean(L, timed_out);
  lua_setfield(L, -2, "timed_out");
  set_int(L, "maxrss_kb", maxrss);
  set_int(L, "utime_ns", utime);
  set_int(L, "stime_ns", stime);
  set_int(L, "minflt", minflt);
  set_int(L, "ctxsw", ctxsw);
  push_bytes(L, outlen);
  lua_setfield(L, -2, "stdout");
  push_bytes(L, errlen);
  lua_setfield(L, -2, "stderr");
  return 1;
}

static int l_rusage_children(lua_State *L)
{
  struct rusage ru;
  getrusage(RUSAGE_CHILDREN, &ru);
  lua_createtable(L, 0, 5);
  push_rusage(L, &ru);
  return 1;
}

static int l_stack_limit(lua_State *L)
{
  struct rlimit rl;
  if (getrlimit(RLIMIT_STACK, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY)
    lua_pushstring(L, "unlimited");
  else
    lua_pushinteger(L, (lua_Integer)(rl.rlim_cur / 1024));
  return 1;
}

static int l_uname(lua_State *L)
{
  struct utsname u;
  uname(&u);
  lua_createtable(L, 0, 4);
  lua_pushstring(L, u.sysname);
  lua_setfield(L, -2, "sysname");
  lua_pushstring(L, u.nodename);
  lua_setfield(L, -2, "nodename");
  lua_pushstring(L, u.release);
  lua_setfield(L, -2, "release");
  lua_pushstring(L, u.machine);
  lua_setfield(L, -2, "machine");
  return 1;
}

/* Whether stderr is a terminal: the progress line rewrites itself only there. */
static int l_isatty(lua_State *L)
{
  lua_pushboolean(L, isatty((int)luaL_checkinteger(L, 1)));
  return 1;
}

static int l_version(lua_State *L)
{
  lua_pushstring(L, wlab_version());
  return 1;
}

static int l_tiers(lua_State *L)
{
  lua_pushstring(L, wlab_engine_tiers(NULL));
  return 1;
}

/* ---- PAPI ---------------------------------------------------------------------------- */

/* The counters the lab reports, in CSV column order.  PAPI's state is process-wide by its
 * own design, so one event set for the module is all there can usefully be. */
#define LAB_COUNTERS(X)          \
  X(cycles, PAPI_TOT_CYC)        \
  X(instructions, PAPI_TOT_INS)  \
  X(branch_misses, PAPI_BR_MSP)  \
  X(l1d_misses, PAPI_L1_DCM)     \
  X(llc_misses, PAPI_L3_TCM)
#define COUNTER_NAME(name, ev) #name,
static const char *const counter_names[] = {LAB_COUNTERS(COUNTER_NAME)};
enum { NCOUNTERS = sizeof counter_names / sizeof *counter_names };

typedef struct counters {
  bool tried, ok;
  char why[160];
  int nactive;
  int slot[NCOUNTERS]; /* position in the event set, or -1 when the CPU lacks the event */
#ifdef LABC_PAPI
  int set;
#endif
} counters;

static counters papi_state = {.tried = false};

static void counters_init(counters *c)
{
  if (c->tried)
    return;
  c->tried = true;
  for (int i = 0; i < NCOUNTERS; i++)
    c->slot[i] = -1;
#ifdef LABC_PAPI
  {
    int r = PAPI_library_init(PAPI_VER_CURRENT), events[] = {
#define COUNTER_EVENT(name, ev) ev,
      LAB_COUNTERS(COUNTER_EVENT)
    };
    if (r != PAPI_VER_CURRENT) {
      snprintf(c->why, sizeof c->why, "PAPI_library_init: %s", r < 0 ? PAPI_strerror(r) : "version mismatch");
      return;
    }
    c->set = PAPI_NULL;
    if ((r = PAPI_create_eventset(&c->set)) != PAPI_OK) {
      snprintf(c->why, sizeof c->why, "PAPI_create_eventset: %s", PAPI_strerror(r));
      return;
    }
    /* add one by one: a VM may expose some counters and not others */
    for (int i = 0; i < NCOUNTERS; i++)
      if (PAPI_add_event(c->set, events[i]) == PAPI_OK)
        c->slot[i] = c->nactive++;
    if (c->nactive == 0) {
      snprintf(c->why, sizeof c->why, "no hardware counters exposed (PAPI has no usable event: a VM without a PMU?)");
      return;
    }
    c->ok = true;
  }
#else
  snprintf(c->why, sizeof c->why, "built without PAPI (install libpapi-dev and reconfigure)");
#endif
}

static bool counters_start(counters *c)
{
#ifdef LABC_PAPI
  if (c->ok && PAPI_start(c->set) == PAPI_OK)
    return true;
#else
  (void)c;
#endif
  return false;
}

/* Stops the counters and stores them; values of absent events are -1 (the Lua side says n/a). */
static void counters_stop(counters *c, long long out[NCOUNTERS])
{
  for (int i = 0; i < NCOUNTERS; i++)
    out[i] = -1;
#ifdef LABC_PAPI
  {
    long long v[NCOUNTERS];
    if (PAPI_stop(c->set, v) == PAPI_OK)
      for (int i = 0; i < NCOUNTERS; i++)
        if (c->slot[i] >= 0)
          out[i] = v[c->slot[i]];
  }
#else
  (void)c;
#endif
}

static int l_papi(lua_State *L)
{
  counters_init(&papi_state);
  lua_createtable(L, 0, 3);
  lua_pushboolean(L, papi_state.ok);
  lua_setfield(L, -2, "available");
  lua_pushstring(L, papi_state.ok ? "" : papi_state.why);
  lua_setfield(L, -2, "reason");
  lua_createtable(L, NCOUNTERS, 0);
  for (int i = 0; i < NCOUNTERS; i++) {
    lua_pushstring(L, counter_names[i]);
    lua_rawseti(L, -2, i + 1);
  }
  lua_setfield(L, -2, "names");
  return 1;
}

/* ---- in-process runs ------------------------------------------------------------------- */

/* Standard streams pointed at files for the length of a guest call: WASI writes the host's
 * descriptors 0-2 directly, so this is how the harness sees (and checks) a guest's output. */
typedef struct redirect {
  int saved_in, saved_out;
} redirect;

static bool redirect_begin(redirect *r, const char *in, const char *out, char *why, size_t whylen)
{
  int fin = open(in ? in : "/dev/null", O_RDONLY | O_CLOEXEC), fout;
  if (fin < 0) {
    snprintf(why, whylen, "cannot open stdin file %s: %s", in ? in : "/dev/null", strerror(errno));
    return false;
  }
  if ((fout = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)) < 0) {
    snprintf(why, whylen, "cannot open output file %s: %s", out, strerror(errno));
    close(fin);
    return false;
  }
  fflush(stdout);
  r->saved_in = dup(0);
  r->saved_out = dup(1);
  dup2(fin, 0);
  dup2(fout, 1);
  close(fin);
  close(fout);
  return true;
}

static void redirect_end(redirect *r)
{
  fflush(stdout);
  dup2(r->saved_in, 0);
  dup2(r->saved_out, 1);
  close(r->saved_in);
  close(r->saved_out);
}

/* Pushes a file's contents without its final newline (the manifest's convention). */
static void push_file(lua_State *L, const char *path)
{
  FILE *f = fopen(path, "rb");
  luaL_Buffer b;
  size_t n;
  luaL_buffinit(L, &b);
  if (f) {
    char *p;
    do {
      p = luaL_prepbuffer(&b);
      n = fread(p, 1, LUAL_BUFFERSIZE, f);
      luaL_addsize(&b, n);
    } while (n == LUAL_BUFFERSIZE);
    fclose(f);
  }
  luaL_pushresult(&b);
  n = lua_rawlen(L, -1);
  if (n > 0 && lua_tostring(L, -1)[n - 1] == '\n') {
    lua_pushlstring(L, lua_tostring(L, -1), n - 1);
    lua_remove(L, -2);
  }
}

/* What one in-process run needs: the options from Lua, and the engine objects. */
typedef struct run_opts {
  const char *path, *tier, *in, *out, *invoke;
  const char *argv[64];
  int argc;
  int32_t arg;          /* the i32 argument of `invoke` */
  int iterations;
  bool papi;
} run_opts;

static void get_run_opts(lua_State *L, run_opts *o)
{
  luaL_checktype(L, 1, LUA_TTABLE);
  memset(o, 0, sizeof *o);
  o->path = opt_string(L, 1, "path");
  if (!o->path)
    luaL_error(L, "path is required");
  o->tier = opt_string(L, 1, "tier");
  o->in = opt_string(L, 1, "stdin");
  o->out = opt_string(L, 1, "stdout");
  if (!o->out)
    luaL_error(L, "stdout (a file for the guest's output) is required");
  o->invoke = opt_string(L, 1, "invoke");
  lua_getfield(L, 1, "arg");
  o->arg = (int32_t)luaL_optinteger(L, -1, 0);
  lua_pop(L, 1);
  lua_getfield(L, 1, "iterations");
  o->iterations = (int)luaL_optinteger(L, -1, 1);
  lua_pop(L, 1);
  lua_getfield(L, 1, "papi");
  o->papi = lua_toboolean(L, -1);
  lua_pop(L, 1);
  o->argv[o->argc++] = o->path; /* the guest's argv[0], as `wasmlab run` gives it */
  lua_getfield(L, 1, "args");
  if (lua_istable(L, -1)) {
    lua_Integer n = luaL_len(L, -1);
    for (lua_Integer i = 1; i <= n && o->argc < 63; i++) {
      lua_geti(L, -1, i);
      o->argv[o->argc++] = luaL_checkstring(L, -1);
      lua_pop(L, 1);
    }
  }
  lua_pop(L, 1);
}

/* Reads a whole file; NULL with why filled on failure. */
static uint8_t *read_file(const char *path, size_t *len, char *why, size_t whylen)
{
  FILE *f = fopen(path, "rb");
  uint8_t *buf = NULL;
  long n;
  if (!f) {
    snprintf(why, whylen, "cannot open %s: %s", path, strerror(errno));
    return NULL;
  }
  if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
      (buf = malloc((size_t)n + 1)) && fread(buf, 1, (size_t)n, f) == (size_t)n) {
    *len = (size_t)n;
  } else {
    snprintf(why, whylen, "cannot read %s", path);
    free(buf);
    buf = NULL;
  }
  fclose(f);
  return buf;
}

static wlab_engine *new_engine(const run_opts *o, char *why, size_t whylen)
{
  wlab_config cfg;
  wlab_engine *e;
  wlab_config_default(&cfg);
  cfg.tier = o->tier;
  if (!(e = wlab_engine_new(&cfg)))
    snprintf(why, whylen, "no tier '%s' in this build (tiers: %s)", o->tier ? o->tier : "default",
             wlab_engine_tiers(NULL));
  return e;
}

/* A fresh WASI context, linker and instance of m.  Returns NULL with why filled. */
typedef struct guest {
  wasi_ctx *wasi;
  wlab_linker *linker;
  wlab_instance *inst;
} guest;

static bool guest_new(guest *g, wlab_engine *e, const wlab_module *m, const run_opts *o, char *why,
                      size_t whylen)
{
  wlab_error err;
  memset(g, 0, sizeof *g);
  g->linker = wlab_linker_new(e);
  g->wasi = wasi_new(o->argc, (char *const *)o->argv, 0, NULL);
  if (!g->linker || !g->wasi) {
    snprintf(why, whylen, "out of memory");
    return false;
  }
  if (wasi_module_uses(m) && wasi_define(g->wasi, g->linker, &err) != WLAB_OK) {
    snprintf(why, whylen, "WASI: %s", err.text);
    return false;
  }
  if (!(g->inst = wlab_instance_new(g->linker, m, &err))) {
    snprintf(why, whylen, "instantiate: %s", err.text);
    return false;
  }
  return true;
}

static void guest_free(guest *g)
{
  if (g->inst)
    wlab_instance_free(g->inst);
  if (g->linker)
    wlab_linker_free(g->linker);
  if (g->wasi)
    wasi_free(g->wasi);
  memset(g, 0, sizeof *g);
}

/* Calls _start (or o->invoke with o->arg).  Returns the exit code the guest chose (0 for a
 * normal return) or -1 with why filled on a trap; *result gets invoke's i32 result. */
static int guest_call(guest *g, const run_opts *o, int32_t *result, char *why, size_t whylen)
{
  const char *name = o->invoke ? o->invoke : "_start";
  wlab_func *f = wlab_instance_func(g->inst, name);
  wlab_functype ft;
  wlab_val arg, res[4];
  wlab_error err;
  wlab_status st;
  if (!f) {
    snprintf(why, whylen, "the module exports no function '%s'", name);
    return -1;
  }
  wlab_func_type(f, &ft);
  if (ft.nparams != (o->invoke ? 1u : 0u) || ft.nresults > 4 ||
      (o->invoke && (ft.params[0] != WLAB_I32 || ft.nresults != 1 || ft.results[0] != WLAB_I32))) {
    snprintf(why, whylen, "'%s' has the wrong type (want %s)", name, o->invoke ? "(i32) -> i32" : "() -> ()");
    return -1;
  }
  arg.type = WLAB_I32;
  arg.of.i32 = o->arg;
  st = wlab_func_call(f, &arg, ft.nparams, res, ft.nresults, &err);
  if (st == WLAB_ERR_EXIT)
    return err.exit_code;
  if (st != WLAB_OK) {
    snprintf(why, whylen, "%s", err.text);
    return -1;
  }
  if (o->invoke)
    *result = res[0].of.i32;
  return 0;
}

/* phases{...}: one cold in-process run, each phase timed on the monotonic clock.  A tier with
 * a separate compile step would report it between decode and instantiate; the interpreter
 * threads its code while validating, so `compile_ns` is absent (n/a) for it. */
static int l_phases(lua_State *L)
{
  run_opts o;
  char why[512] = "";
  int64_t t0 = 0, t1 = 0, t2 = 0, t3 = 0, t4 = 0, t5 = 0;
  uint8_t *bytes = NULL;
  size_t len = 0;
  wlab_engine *e = NULL;
  wlab_module *m = NULL;
  wlab_error err;
  guest g = {0};
  redirect r;
  int code = -1;
  int32_t result = 0;

  get_run_opts(L, &o);
  if (!redirect_begin(&r, o.in, o.out, why, sizeof why)) {
    lua_pushnil(L);
    lua_pushstring(L, why);
    return 2;
  }
  t0 = now_ns();
  if (!(e = new_engine(&o, why, sizeof why)))
    goto done;
  t1 = now_ns();
  if (!(bytes = read_file(o.path, &len, why, sizeof why)))
    goto done;
  t2 = now_ns();
  if (!(m = wlab_module_new(e, bytes, len, &err))) {
    snprintf(why, sizeof why, "%s", err.text);
    goto done;
  }
  t3 = now_ns();
  if (!guest_new(&g, e, m, &o, why, sizeof why))
    goto done;
  t4 = now_ns();
  code = guest_call(&g, &o, &result, why, sizeof why);
  t5 = now_ns();
done:
  redirect_end(&r);
  guest_free(&g);
  if (m && code >= 0) {
    wlab_module_stats s;
    wlab_module_stats_get(m, &s);
    lua_createtable(L, 0, 16);
    set_int(L, "engine_ns", t1 - t0);
    set_int(L, "read_ns", t2 - t1);
    set_int(L, "decode_validate_ns", t3 - t2);
    set_int(L, "decode_ns", (lua_Integer)s.decode_ns);
    set_int(L, "validate_ns", (lua_Integer)s.validate_ns);
    set_int(L, "instantiate_ns", t4 - t3);
    set_int(L, "first_call_ns", t5 - t4);
    set_int(L, "total_ns", t5 - t0);
    set_int(L, "code", code);
    set_int(L, "result", result);
    set_int(L, "bytes", (lua_Integer)len);
    set_int(L, "funcs", s.funcs_defined);
    set_int(L, "code_bytes", (lua_Integer)s.code_bytes);
    set_int(L, "ir_insts", (lua_Integer)s.ir_insts);
    push_file(L, o.out);
    lua_setfield(L, -2, "output");
  }
  wlab_module_free(m);
  wlab_engine_free(e);
  free(bytes);
  if (m && code >= 0)
    return 1;
  lua_pushnil(L);
  lua_pushstring(L, why[0] ? why : "failed");
  return 2;
}

/* iterate{...}: steady state.  The module is decoded once, as a server would keep it.  With
 * `invoke`, one instance and the export called `iterations` times (true warm-up curves); without
 * it (WASI commands, whose _start may run once per instance) a fresh instance per iteration,
 * timed apart from the call.  Each iteration's output is returned for the caller to check. */
static int l_iterate(lua_State *L)
{
  run_opts o;
  char why[512] = "";
  uint8_t *bytes = NULL;
  size_t len = 0;
  wlab_engine *e = NULL;
  wlab_module *m = NULL;
  wlab_error err;
  guest g = {0};
  bool ok = false, use_papi;
  int tcall, tinst, touts, tcodes, tcnt;

  get_run_opts(L, &o);
  counters_init(&papi_state);
  use_papi = o.papi && papi_state.ok;
  lua_createtable(L, 0, 8);
  lua_createtable(L, o.iterations, 0), tcall = lua_gettop(L);
  lua_createtable(L, o.iterations, 0), tinst = lua_gettop(L);
  lua_createtable(L, o.iterations, 0), touts = lua_gettop(L);
  lua_createtable(L, o.iterations, 0), tcodes = lua_gettop(L);
  lua_createtable(L, 0, NCOUNTERS), tcnt = lua_gettop(L);
  for (int k = 0; k < NCOUNTERS; k++) {
    lua_createtable(L, o.iterations, 0);
    lua_setfield(L, tcnt, counter_names[k]);
  }

  if (!(e = new_engine(&o, why, sizeof why)) || !(bytes = read_file(o.path, &len, why, sizeof why)))
    goto done;
  if (!(m = wlab_module_new(e, bytes, len, &err))) {
    snprintf(why, sizeof why, "%s", err.text);
    goto done;
  }
  for (int it = 1; it <= o.iterations; it++) {
    redirect r;
    int64_t t0, t1, t2;
    int code;
    int32_t result = 0;
    long long cv[NCOUNTERS];
    bool counting;
    if (!redirect_begin(&r, o.in, o.out, why, sizeof why))
      goto done;
    t0 = now_ns();
    if (!g.inst && !guest_new(&g, e, m, &o, why, sizeof why)) {
      redirect_end(&r);
      goto done;
    }
    t1 = now_ns();
    counting = use_papi && counters_start(&papi_state);
    code = guest_call(&g, &o, &result, why, sizeof why);
    if (counting)
      counters_stop(&papi_state, cv);
    t2 = now_ns();
    redirect_end(&r);
    if (code < 0)
      goto done;
    lua_pushinteger(L, t2 - t1), lua_rawseti(L, tcall, it);
    lua_pushinteger(L, t1 - t0), lua_rawseti(L, tinst, it);
    lua_pushinteger(L, code), lua_rawseti(L, tcodes, it);
    if (o.invoke)
      lua_pushinteger(L, result);
    else
      push_file(L, o.out);
    lua_rawseti(L, touts, it);
    for (int k = 0; counting && k < NCOUNTERS; k++) {
      lua_getfield(L, tcnt, counter_names[k]);
      lua_pushinteger(L, cv[k]);
      lua_rawseti(L, -2, it);
      lua_pop(L, 1);
    }
    if (!o.invoke)
      guest_free(&g); /* the next _start gets a fresh instance */
  }
  ok = true;
done:
  guest_free(&g);
  wlab_module_free(m);
  wlab_engine_free(e);
  free(bytes);
  if (!ok) {
    lua_pushnil(L);
    lua_pushstring(L, why[0] ? why : "failed");
    return 2;
  }
  lua_pushvalue(L, tcall), lua_setfield(L, tcall - 1, "call_ns");
  lua_pushvalue(L, tinst), lua_setfield(L, tcall - 1, "instantiate_ns");
  lua_pushvalue(L, touts), lua_setfield(L, tcall - 1, "outputs");
  lua_pushvalue(L, tcodes), lua_setfield(L, tcall - 1, "codes");
  lua_pushvalue(L, tcnt), lua_setfield(L, tcall - 1, "counters");
  lua_pushboolean(L, use_papi), lua_setfield(L, tcall - 1, "papi");
  lua_settop(L, tcall - 1);
  return 1;
}

/* pool_cycle{...}: what a server pays per request for a fresh instance.  One slot, so every
 * iteration after the first reuses it: acquire (the start function, if any, and code adoption)
 * and release (the reset) are timed apart from the call between them, which dirties the memory
 * as a request would. */
typedef struct pool_guest {
  const run_opts *o;
  wasi_ctx *wasi;
} pool_guest;

static wlab_status pool_link(void *user, uint32_t slot, wlab_linker *l, wlab_error *err)
{
  pool_guest *pg = user;
  (void)slot;
  if (!pg->wasi && !(pg->wasi = wasi_new(pg->o->argc, (char *const *)pg->o->argv, 0, NULL))) {
    snprintf(err->text, sizeof err->text, "out of memory for a WASI context");
    return err->status = WLAB_ERR_NOMEM;
  }
  return wasi_define(pg->wasi, l, err);
}

static int l_pool_cycle(lua_State *L)
{
  run_opts o;
  char why[512] = "";
  uint8_t *bytes = NULL;
  size_t len = 0;
  wlab_engine *e = NULL;
  wlab_module *m = NULL;
  wlab_pool *pool = NULL;
  wlab_error err;
  pool_guest pg = {&o, NULL};
  wlab_pool_config cfg = {1, WLAB_POOL_RESET_COW};
  wlab_pool_stats st;
  const char *mode;
  bool ok = false;
  int tacq, trel, tcall, touts, tcodes;

  get_run_opts(L, &o);
  mode = opt_string(L, 1, "reset");
  if (mode && strcmp(mode, "cow") && strcmp(mode, "copy"))
    return luaL_error(L, "reset must be \"cow\" or \"copy\", not \"%s\"", mode);
  cfg.reset = mode && !strcmp(mode, "copy") ? WLAB_POOL_RESET_COPY : WLAB_POOL_RESET_COW;
  lua_createtable(L, 0, 10);
  lua_createtable(L, o.iterations, 0), tacq = lua_gettop(L);
  lua_createtable(L, o.iterations, 0), trel = lua_gettop(L);
  lua_createtable(L, o.iterations, 0), tcall = lua_gettop(L);
  lua_createtable(L, o.iterations, 0), touts = lua_gettop(L);
  lua_createtable(L, o.iterations, 0), tcodes = lua_gettop(L);
  if (!(e = new_engine(&o, why, sizeof why)) || !(bytes = read_file(o.path, &len, why, sizeof why)))
    goto done;
  if (!(m = wlab_module_new(e, bytes, len, &err)) ||
      !(pool = wlab_pool_new(e, m, &cfg, wasi_module_uses(m) ? pool_link : NULL, &pg, &err))) {
    snprintf(why, sizeof why, "%s", err.text);
    goto done;
  }
  for (int it = 1; it <= o.iterations; it++) {
    redirect r;
    int64_t t0, t1, t2, t3;
    int code;
    int32_t result = 0;
    guest g = {0};
    if (!redirect_begin(&r, o.in, o.out, why, sizeof why))
      goto done;
    t0 = now_ns();
    g.inst = wlab_pool_acquire(pool, NULL, &err);
    t1 = now_ns();
    if (!g.inst) {
      redirect_end(&r);
      snprintf(why, sizeof why, "acquire: %s", err.text);
      goto done;
    }
    code = guest_call(&g, &o, &result, why, sizeof why);
    t2 = now_ns();
    wlab_pool_release(pool, g.inst);
    t3 = now_ns();
    redirect_end(&r);
    if (code < 0)
      goto done;
    lua_pushinteger(L, t1 - t0), lua_rawseti(L, tacq, it);
    lua_pushinteger(L, t3 - t2), lua_rawseti(L, trel, it);
    lua_pushinteger(L, t2 - t1), lua_rawseti(L, tcall, it);
    lua_pushinteger(L, code), lua_rawseti(L, tcodes, it);
    if (o.invoke)
      lua_pushinteger(L, result);
    else
      push_file(L, o.out);
    lua_rawseti(L, touts, it);
  }
  ok = true;
  wlab_pool_stats_get(pool, &st);
done:
  wlab_pool_free(pool);
  if (pg.wasi)
    wasi_free(pg.wasi);
  wlab_module_free(m);
  wlab_engine_free(e);
  free(bytes);
  if (!ok) {
    lua_pushnil(L);
    lua_pushstring(L, why[0] ? why : "failed");
    return 2;
  }
  lua_pushvalue(L, tacq), lua_setfield(L, tacq - 1, "acquire_ns");
  lua_pushvalue(L, trel), lua_setfield(L, tacq - 1, "release_ns");
  lua_pushvalue(L, tcall), lua_setfield(L, tacq - 1, "call_ns");
  lua_pushvalue(L, touts), lua_setfield(L, tacq - 1, "outputs");
  lua_pushvalue(L, tcodes), lua_setfield(L, tacq - 1, "codes");
  lua_settop(L, tacq - 1);
  lua_pushstring(L, st.reset == WLAB_POOL_RESET_COW ? "cow" : "copy"), lua_setfield(L, -2, "reset");
  lua_pushstring(L, st.cow_refused), lua_setfield(L, -2, "cow_refused");
  set_int(L, "instantiations", (lua_Integer)st.instantiations);
  set_int(L, "resets", (lua_Integer)st.resets);
  return 1;
}

int luaopen_labc(lua_State *L); /* the entry point Lua's require looks up */

int luaopen_labc(lua_State *L)
{
  static const luaL_Reg fns[] = {
    {"now", l_now},
    {"spawn_start", l_spawn_start},
    {"spawn", l_spawn},
    {"rusage_children", l_rusage_children},
    {"stack_limit", l_stack_limit},
    {"uname", l_uname},
    {"isatty", l_isatty},
    {"version", l_version},
    {"tiers", l_tiers},
    {"phases", l_phases},
    {"iterate", l_iterate},
    {"pool_cycle", l_pool_cycle},
    {"papi", l_papi},
    {NULL, NULL},
  };
  luaL_newlib(L, fns);
  return 1;
}
