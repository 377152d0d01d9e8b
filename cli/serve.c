/* serve.c: the `wasmlab serve` command: its options, the module loaded once, then serve/ runs the server. */
#include "cli/serve.h"

#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/options.h"
#include "serve/server.h"

const char cli_serve_help[] =
  "serve options (wasmlab serve [OPTIONS] HANDLER.wasm|.cwasm: a WAGI handler, docs/serve.md):\n"
  "  --listen ADDR:PORT        where to accept HTTP/1.1 (default 127.0.0.1:8080; PORT 0: any\n"
  "                            free port; the address taken is printed on stderr)\n"
  "  --workers N               requests handled at once, each in its own instance (default 2)\n"
  "  --log FILE|-              an access log line per request (- : stdout)\n"
  "  --stats                   at exit, print requests by status, handling times, pool counters\n"
  "  --max-body BYTES          refuse larger request bodies with 413 (default 16 MiB)\n"
  "  --max-response BYTES      a handler writing more to stdout gets a 500 (default 16 MiB)\n"
  "  --reset cow|copy          memories reset by dropping dirty pages (default) or by copying\n"
  "  --tier, --max-memory, --fuel, --timeout, --env, --dir, --bounds-checks, the tiered ones\n"
  "                            as for run; --fuel and --timeout apply to each request, and a\n"
  "                            request out of time gets a 504\n";

static int usage(const char *fmt, const char *arg)
{
  fprintf(stderr, "wasmlab: serve: ");
  fprintf(stderr, fmt, arg);
  fprintf(stderr, "\nTry 'wasmlab --help'.\n");
  return 2;
}

static bool size_value(const char *s, size_t *out)
{
  char *end;
  unsigned long long n;
  errno = 0;
  n = strtoull(s, &end, 10);
  if (!*s || *end || errno || n == 0 || s[0] == '-')
    return false;
  *out = (size_t)n;
  return true;
}

/* The grants of each pool slot's WASI context: argv[0] is the module's name (each request sets
 * its own arguments and environment over it). */
typedef struct grant_env {
  const cli_grants *g;
  char *name;
} grant_env;

static wasi_ctx *grant(void *user)
{
  grant_env *ge = user;
  int status = 0;
  return cli_wasi_grant(1, &ge->name, ge->g, "serve", &status);
}

static wlab_module *load(wlab_engine *engine, const char *path, bool artifact)
{
  wlab_error err;
  wlab_module *m = NULL;
  if (artifact)
    m = wlab_module_deserialize_file(engine, path, &err);
  else {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    void *p = MAP_FAILED;
    if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
      fprintf(stderr, "wasmlab: serve: cannot read '%s': %s\n", path, fd < 0 ? strerror(errno) : "not a regular file");
      if (fd >= 0)
        close(fd);
      return NULL;
    }
    if (st.st_size > 0 && (p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0)) == MAP_FAILED) {
      fprintf(stderr, "wasmlab: serve: cannot read '%s': %s\n", path, strerror(errno));
      close(fd);
      return NULL;
    }
    close(fd);
    m = wlab_module_new(engine, st.st_size > 0 ? p : (const uint8_t *)"", (size_t)st.st_size, &err);
    if (st.st_size > 0)
      munmap(p, (size_t)st.st_size);
  }
  if (!m)
    fprintf(stderr, "%s: %s\n", path, err.text);
  return m;
}

int cli_serve(int argc, char **argv)
{
  static char *envs[CLI_MAX_GRANTS], *dirs[CLI_MAX_GRANTS];
  cli_grants g = {.envs = envs, .dirs = dirs};
  serve_config sc = {.listen = "127.0.0.1:8080", .workers = 2, .max_body = (size_t)16 << 20,
                     .max_response = (size_t)16 << 20, .reset = WLAB_POOL_RESET_COW};
  const char *file = NULL;
  wlab_config cfg;
  int got;
  wlab_config_default(&cfg);
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
      fputs(cli_serve_help, stdout);
      return 0;
    } else if (strcmp(a, "--listen") == 0) {
      if (++i == argc)
        return usage("%s", "--listen needs ADDR:PORT");
      sc.listen = argv[i];
    } else if (strcmp(a, "--workers") == 0) {
      size_t n;
      if (++i == argc || !size_value(argv[i], &n) || n > 256)
        return usage("--workers needs a number from 1 to 256%s", i < argc ? "" : " (none given)");
      sc.workers = (uint32_t)n;
    } else if (strcmp(a, "--log") == 0) {
      if (++i == argc || !argv[i][0])
        return usage("%s", "--log needs a file (or - for stdout)");
      sc.log = argv[i];
    } else if (strcmp(a, "--stats") == 0) {
      sc.stats = true;
    } else if (strcmp(a, "--max-body") == 0 || strcmp(a, "--max-response") == 0) {
      if (++i == argc || !size_value(argv[i], a[6] == 'b' ? &sc.max_body : &sc.max_response))
        return usage("%s needs a positive number of bytes", a);
    } else if (strcmp(a, "--reset") == 0) {
      if (++i == argc || (strcmp(argv[i], "cow") != 0 && strcmp(argv[i], "copy") != 0))
        return usage("%s", "--reset takes cow or copy");
      sc.reset = strcmp(argv[i], "cow") == 0 ? WLAB_POOL_RESET_COW : WLAB_POOL_RESET_COPY;
    } else if ((got = cli_sandbox_option(argc, argv, &i, &cfg, &g, "serve")) != 0 ||
               (got = cli_tiering_option(argc, argv, &i, &cfg, "serve")) != 0) {
      if (got < 0)
        return 2;
    } else if (a[0] == '-' && a[1]) {
      return usage("unknown option '%s'", a);
    } else if (file) {
      return usage("more than one handler given ('%s')", a);
    } else {
      file = a;
    }
  }
  if (!file)
    return usage("%s", "no handler given (a WASI command: HANDLER.wasm or .cwasm)");
  if (g.inherit_env) /* each request's environment is its variables and the --env ones */
    return usage("%s", "--inherit-env: a handler sees the request's variables and --env only");
  if (!serve_available()) {
#ifdef WLAB_SERVE_SIBLING
    /* a static wasmlab: the server is in the dynamically linked program next to it */
    char self[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - sizeof WLAB_SERVE_SIBLING - 1);
    char *slash = n > 0 ? memrchr(self, '/', (size_t)n) : NULL;
    if (slash) {
      strcpy(slash + 1, WLAB_SERVE_SIBLING);
      execv(self, argv);
      fprintf(stderr, "wasmlab: serve: cannot run %s: %s\n", self, strerror(errno));
      return 1;
    }
#endif
    return serve_run(NULL, NULL, &sc); /* says the build has no server */
  }

  /* the grants are checked once here, so a bad --dir is a usage error, not a failing request */
  const char *base = strrchr(file, '/');
  grant_env ge = {&g, (char *)(base ? base + 1 : file)};
  int status = 0;
  wasi_ctx *probe = cli_wasi_grant(1, &ge.name, &g, "serve", &status);
  if (!probe)
    return status ? status : (fprintf(stderr, "wasmlab: serve: out of memory\n"), 1);
  wasi_free(probe);

  /* an artifact holds its tier's code, compiled already */
  bool artifact = false;
  {
    int fd = open(file, O_RDONLY | O_CLOEXEC);
    uint8_t head[64];
    ssize_t n = fd >= 0 ? read(fd, head, sizeof head) : -1;
    if (fd >= 0)
      close(fd);
    if (n > 0 && wlab_is_artifact(head, (size_t)n)) {
      const char *t = wlab_artifact_tier(head, (size_t)n);
      artifact = true;
      if (cfg.tier && t && strcmp(cfg.tier, t) != 0)
        return usage("--tier: an artifact runs its own code, here the %s tier's", t);
      cfg.tier = t ? t : "opt";
    }
  }
  wlab_engine *engine = wlab_engine_new(&cfg);
  if (!engine) {
    fprintf(stderr, "wasmlab: serve: no tier '%s' in this build (tiers: %s)\n", cfg.tier ? cfg.tier : "?",
            wlab_engine_tiers(NULL));
    return 2;
  }
  wlab_module *m = load(engine, file, artifact);
  if (!m) {
    wlab_engine_free(engine);
    return 1;
  }
  sc.name = ge.name;
  sc.nenv = g.nenv;
  sc.env = g.envs;
  sc.grant = grant;
  sc.grant_user = &ge;
  status = serve_run(engine, m, &sc);
  wlab_module_free(m);
  wlab_engine_free(engine);
  return status;
}
