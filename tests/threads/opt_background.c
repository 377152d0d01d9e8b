/* opt_background.c: --tier opt's background compiles (docs/opt.md) while modules come and go.
 *
 * Each round's first call queues two big functions for the module's background thread; then the
 * round frees everything at once, or calls the big functions first (each call waits for the
 * thread's compile or takes it over), or frees the module before its instance.  Answers must be
 * right, and under ASan (-Db_sanitize=address) nothing may be used after it is freed.
 *
 *   opt_background ROUNDS [--no-background]
 *
 * Public API only (include/wasmlab.h).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "wasmlab.h"

/* Big bodies: STEPS times x = (x * k) ^ k2, about 10 bytes a step, so over the tier's 2 KB */
#define STEPS 320

typedef struct buf {
  uint8_t *p;
  size_t len, cap;
} buf;

static void put(buf *b, uint8_t byte)
{
  if (b->len >= b->cap) {
    size_t cap = b->cap ? 2 * b->cap : 256;
    uint8_t *p = realloc(b->p, cap);
    if (!p) {
      perror("opt_background");
      exit(2);
    }
    b->p = p;
    b->cap = cap;
  }
  b->p[b->len++] = byte;
}

static void put_uleb(buf *b, uint32_t v)
{
  do {
    uint8_t byte = v & 0x7f;
    v >>= 7;
    put(b, byte | (v ? 0x80 : 0));
  } while (v);
}

/* a section: its id, then its contents' size and the contents */
static void put_section(buf *b, uint8_t id, const buf *contents)
{
  put(b, id);
  put_uleb(b, (uint32_t)contents->len);
  for (size_t i = 0; i < contents->len; i++)
    put(b, contents->p[i]);
}

/* the multiplier and the mask of step i of big function which (0 or 1): small enough for a
 * one-byte signed LEB */
static uint8_t mul_of(int which, int i) { return (uint8_t)(3 + (i * 7 + which * 11) % 50); }
static uint8_t xor_of(int which, int i) { return (uint8_t)((i * 13 + which * 5) % 60); }

static uint32_t big_answer(int which, uint32_t x)
{
  for (int i = 0; i < STEPS; i++)
    x = (x * mul_of(which, i)) ^ xor_of(which, i);
  return x;
}

/* func body into code: its size, no locals, the instructions */
static void put_body(buf *code, const buf *insts)
{
  put_uleb(code, (uint32_t)insts->len + 1);
  put(code, 0x00);
  for (size_t i = 0; i < insts->len; i++)
    put(code, insts->p[i]);
}

/* Functions (all (i32) -> i32): 0 and 1 big; 2 small, x + 1; 3 "run": small(x), and the big ones
 * when x > 1000 (reachable, so the walk queues them; not called by the rounds' run(1)).
 * Exports: "run" (3), "big0" (0), "big1" (1). */
static buf make_module(void)
{
  buf m = {0}, s = {0}, code = {0}, body = {0};
  static const uint8_t header[] = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};
  for (size_t i = 0; i < sizeof header; i++)
    put(&m, header[i]);
  static const uint8_t types[] = {0x01, 0x60, 0x01, 0x7f, 0x01, 0x7f};
  for (size_t i = 0; i < sizeof types; i++)
    put(&s, types[i]);
  put_section(&m, 1, &s);
  s.len = 0;
  put(&s, 4);
  for (int i = 0; i < 4; i++)
    put(&s, 0);
  put_section(&m, 3, &s);
  s.len = 0;
  put(&s, 3);
  static const char *names[] = {"run", "big0", "big1"};
  static const uint8_t funcs[] = {3, 0, 1};
  for (int i = 0; i < 3; i++) {
    put_uleb(&s, (uint32_t)strlen(names[i]));
    for (const char *c = names[i]; *c; c++)
      put(&s, (uint8_t)*c);
    put(&s, 0x00);
    put(&s, funcs[i]);
  }
  put_section(&m, 7, &s);
  put(&code, 4);
  for (int which = 0; which < 2; which++) {
    body.len = 0;
    for (int i = 0; i < STEPS; i++) {
      uint8_t step[] = {0x20, 0x00, 0x41, mul_of(which, i), 0x6c, 0x41, xor_of(which, i), 0x73, 0x21, 0x00};
      for (size_t k = 0; k < sizeof step; k++)
        put(&body, step[k]);
    }
    put(&body, 0x20);
    put(&body, 0x00);
    put(&body, 0x0b);
    put_body(&code, &body);
  }
  static const uint8_t small[] = {0x20, 0x00, 0x41, 0x01, 0x6a, 0x0b};
  static const uint8_t run[] = {
    0x20, 0x00, 0x10, 0x02, 0x21, 0x00,                   /* x = small(x) */
    0x20, 0x00, 0x41, 0xe8, 0x07, 0x4b,                   /* x > 1000 (unsigned) */
    0x04, 0x40, 0x20, 0x00, 0x10, 0x00, 0x10, 0x01, 0x21, 0x00, 0x0b, /* if: x = big1(big0(x)) */
    0x20, 0x00, 0x0b,
  };
  body.len = 0;
  for (size_t k = 0; k < sizeof small; k++)
    put(&body, small[k]);
  put_body(&code, &body);
  body.len = 0;
  for (size_t k = 0; k < sizeof run; k++)
    put(&body, run[k]);
  put_body(&code, &body);
  put_section(&m, 10, &code);
  free(s.p);
  free(code.p);
  free(body.p);
  return m;
}

static int failures;

static int32_t call(wlab_instance *inst, const char *name, int32_t x)
{
  wlab_val arg = {.type = WLAB_I32, .of.i32 = x}, res = {0};
  wlab_error err;
  wlab_func *f = wlab_instance_func(inst, name);
  if (!f || wlab_func_call(f, &arg, 1, &res, 1, &err) != WLAB_OK) {
    printf("FAIL  %s(%d) did not return\n", name, x);
    failures++;
    return 0;
  }
  return res.of.i32;
}

static void expect(const char *what, int round, int32_t got, int32_t want)
{
  if (got != want) {
    printf("FAIL  round %d: %s = %d, want %d\n", round, what, got, want);
    failures++;
  }
}

int main(int argc, char **argv)
{
  int rounds = argc > 1 ? atoi(argv[1]) : 100;
  buf bytes = make_module();
  for (int round = 0; round < rounds; round++) {
    wlab_config cfg;
    wlab_error err;
    wlab_config_default(&cfg);
    cfg.tier = "opt";
    cfg.bounds = round % 4 == 3 ? WLAB_BOUNDS_EXPLICIT : WLAB_BOUNDS_GUARD;
    cfg.no_background = argc > 2 && strcmp(argv[2], "--no-background") == 0; /* to compare */
    wlab_engine *e = wlab_engine_new(&cfg);
    wlab_module *m = e ? wlab_module_new(e, bytes.p, bytes.len, &err) : NULL;
    wlab_linker *l = m ? wlab_linker_new(e) : NULL;
    wlab_instance *inst = l ? wlab_instance_new(l, m, &err) : NULL;
    if (!inst) {
      printf("FAIL  round %d: cannot set up the module\n", round);
      return 1;
    }
    expect("run(1)", round, call(inst, "run", 1), 2); /* the walk: big0 and big1 queued */
    switch (round % 3) {
    case 0: /* everything goes, before the background thread starts or while it compiles */
      nanosleep(&(struct timespec){0, (round % 7) * 150000L}, NULL);
      wlab_instance_free(inst);
      wlab_linker_free(l);
      wlab_module_free(m);
      wlab_engine_free(e);
      break;
    case 1: /* the big ones called: the thread's compile waited for, or taken over */
      expect("big1(7)", round, call(inst, round & 1 ? "big1" : "big0", 7), (int32_t)big_answer(round & 1, 7));
      expect("run(2000)", round, call(inst, "run", 2000), (int32_t)big_answer(1, big_answer(0, 2001)));
      wlab_instance_free(inst);
      wlab_linker_free(l);
      wlab_module_free(m);
      wlab_engine_free(e);
      break;
    default: /* the module goes first; the instance keeps it, and its background thread, alive */
      wlab_linker_free(l);
      wlab_module_free(m);
      expect("run(5)", round, call(inst, "run", 5), 6);
      wlab_instance_free(inst);
      wlab_engine_free(e);
      break;
    }
  }
  free(bytes.p);
  /* what the background threads did (the tier's figures are the process's): printed, not
   * checked, as it depends on timing */
  wlab_engine *e = wlab_engine_new(NULL);
  wlab_tier_stats ts[8];
  uint32_t n = e ? wlab_engine_tier_stats(e, ts, 8) : 0;
  for (uint32_t k = 0; k < n; k++)
    if (strcmp(ts[k].tier, "opt") == 0)
      printf("opt: %llu compiled, %llu on the background thread; %llu first calls waited for it, %llu took a "
             "queued function over\n", (unsigned long long)ts[k].funcs_compiled,
             (unsigned long long)ts[k].background_compiled, (unsigned long long)ts[k].background_waits,
             (unsigned long long)ts[k].background_claimed);
  wlab_engine_free(e);
  if (failures) {
    printf("%d failed\n", failures);
    return 1;
  }
  printf("%d rounds: every answer right\n", rounds);
  return 0;
}
