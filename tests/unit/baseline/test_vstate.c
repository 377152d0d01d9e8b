/* test_vstate.c: the baseline compiler's value state, checked by running the code it emits on a frame. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "baseline/vstate.h"
#include "core/ir.h"
#include "x64/codemem.h"

/*
 * Each test drives a vstate over a small frame the way the compiler does (use, def, kill,
 * flush, forget, calls), then closes the code with a return and runs it: the frame (r15)
 * afterwards shows whether every value the state promised to write back arrived, and whether
 * values it said were dead stayed unwritten.  vs_check runs after every step.
 */

#define NSLOTS 32
#define K(i) (IR_CONST_BIT | (i))

static const uint64_t consts[] = {
  7, 0x1122334455667788ull, 0xffffffffu, 0x0102030405060708ull, 0x1112131415161718ull, 42,
};

typedef struct harness {
  x64_buf b;
  vstate v;
} harness;

/* void f(uint64_t *frame): saves what C expects kept (rbx, rbp, r12-r15), r15 := frame */
static void begin(harness *h)
{
  memset(h, 0, sizeof *h);
  x64_buf_init(&h->b);
  assert_true(vs_init(&h->v, &h->b, NSLOTS, consts));
  x64_push_r64(&h->b, X64_RBX);
  x64_push_r64(&h->b, X64_RBP);
  x64_push_r64(&h->b, X64_R15);
  x64_mov_r64_r64(&h->b, X64_R15, X64_RDI);
}

static void step(harness *h)
{
  vs_end_inst(&h->v);
  assert_true(vs_check(&h->v));
  assert_false(h->v.failed);
}

/* Closes the function, runs it on frame, frees everything. */
static void run(harness *h, uint64_t *frame)
{
  x64_codemem cm;
  x64_pop_r64(&h->b, X64_R15);
  x64_pop_r64(&h->b, X64_RBP);
  x64_pop_r64(&h->b, X64_RBX);
  x64_ret(&h->b);
  assert_true(x64_buf_ok(&h->b));
  assert_true(x64_codemem_install(&cm, h->b.code, h->b.len));
  ((void (*)(uint64_t *))(void *)cm.base)(frame);
  x64_codemem_free(&cm);
  x64_buf_free(&h->b);
  vs_free(&h->v);
}

/* slot[r] := slot[a] + slot[b] (i64), the way emit_int does it */
static void add64(harness *h, uint32_t r, uint32_t a, uint32_t b)
{
  unsigned ra = vs_use(&h->v, a, VS_GPR, 0x7E);
  unsigned rb = vs_use(&h->v, b, VS_GPR, 0x7E);
  unsigned d = vs_def(&h->v, r, VS_GPR, 0x7E, -1);
  if (d != ra)
    x64_mov_r64_r64(&h->b, (x64_gpr)d, (x64_gpr)ra);
  x64_add_r64_r64(&h->b, (x64_gpr)d, (x64_gpr)rb);
  step(h);
}

static void constants_are_written_when_flushed(void **state)
{
  (void)state;
  harness h;
  uint64_t frame[NSLOTS] = {0};
  begin(&h);
  vs_def_const(&h.v, 20, K(0), 0x7F);   /* i32 7 */
  vs_def_const(&h.v, 21, K(1), 0x7E);   /* i64 that needs two 32-bit halves */
  vs_def_const(&h.v, 22, K(3), 0x7B);   /* v128 over slots 22 and 23 */
  step(&h);
  assert_true(vs_is_const(&h.v, 20));
  assert_int_equal(vs_const_value(&h.v, 21), consts[1]);
  vs_flush(&h.v);
  step(&h);
  run(&h, frame);
  assert_int_equal((uint32_t)frame[20], 7);
  assert_int_equal(frame[21], consts[1]);
  assert_int_equal(frame[22], consts[3]);
  assert_int_equal(frame[23], consts[4]);
}

static void results_reach_the_frame_and_dead_values_do_not(void **state)
{
  (void)state;
  harness h;
  uint64_t frame[NSLOTS] = {0};
  frame[1] = 100;
  frame[2] = 23;
  begin(&h);
  add64(&h, 20, 1, 2);         /* s20 = 123, only in a register so far */
  add64(&h, 21, 20, 20);       /* s21 = 246 */
  vs_kill(&h.v, 20);           /* s20 consumed: must never reach the frame */
  step(&h);
  vs_flush(&h.v);
  step(&h);
  run(&h, frame);
  assert_int_equal(frame[21], 246);
  assert_int_equal(frame[20], 0);
}

static void every_register_busy_spills_the_oldest(void **state)
{
  (void)state;
  harness h;
  uint64_t frame[NSLOTS] = {0};
  for (int i = 0; i < 4; i++)
    frame[i] = (uint64_t)i + 1;
  begin(&h);
  /* more live values than allocatable general registers: each is a new slot */
  for (uint32_t k = 0; k < 20; k++)
    add64(&h, 8 + k, k % 4, (k + 1) % 4);
  vs_forget(&h.v);
  step(&h);
  run(&h, frame);
  for (uint32_t k = 0; k < 20; k++)
    assert_int_equal(frame[8 + k], (k % 4 + 1) + ((k + 1) % 4 + 1));
}

static void pinned_locals_live_in_their_register(void **state)
{
  (void)state;
  harness h;
  uint64_t frame[NSLOTS] = {0};
  frame[0] = 5;
  frame[1] = 9;
  begin(&h);
  vs_pin(&h.v, 0, VS_GPR, X64_RBX, 0x7E, true);    /* survives calls */
  vs_pin(&h.v, 1, VS_GPR, X64_RSI, 0x7E, false);   /* written back around calls */
  vs_load(&h.b, VS_GPR, X64_RBX, 0, 0x7E);
  vs_load(&h.b, VS_GPR, X64_RSI, 1, 0x7E);
  h.v.slots[0].dirty = h.v.slots[1].dirty = 0;
  add64(&h, 0, 0, 1);          /* s0 = 14 in rbx */
  add64(&h, 1, 1, 1);          /* s1 = 18 in rsi */
  assert_true(vs_is_pinned_reg(&h.v, VS_GPR, X64_RBX));
  /* a flush never writes pinned locals (their register is their home) ... */
  vs_flush(&h.v);
  step(&h);
  /* ... a call writes back the caller-saved one, and reloads it */
  vs_before_call(&h.v);
  x64_mov_r64_imm(&h.b, X64_RSI, 0xdead);          /* the call clobbers rsi */
  vs_after_call(&h.v);
  add64(&h, 2, 0, 1);          /* s2 = 14 + 18, with rsi reloaded */
  vs_flush(&h.v);
  step(&h);
  run(&h, frame);
  assert_int_equal(frame[0], 5);                    /* never written: rbx held it */
  assert_int_equal(frame[1], 18);                   /* written before the call */
  assert_int_equal(frame[2], 32);
}

static void a_join_makes_pinned_frame_copies_stale(void **state)
{
  (void)state;
  harness h;
  uint64_t frame[NSLOTS] = {0};
  frame[1] = 3;
  begin(&h);
  vs_pin(&h.v, 1, VS_GPR, X64_RDI, 0x7E, false);
  vs_load(&h.b, VS_GPR, X64_RDI, 1, 0x7E);
  h.v.slots[1].dirty = 0;
  vs_join(&h.v);               /* other paths may have changed rdi without writing it back */
  step(&h);
  assert_true(h.v.slots[1].dirty);
  vs_before_call(&h.v);        /* so the call must write it back */
  vs_after_call(&h.v);
  step(&h);
  run(&h, frame);
  assert_int_equal(frame[1], 3);
}

static void dead_pins_are_not_saved_around_a_call(void **state)
{
  (void)state;
  harness h;
  uint64_t frame[NSLOTS] = {0};
  frame[1] = 3;
  begin(&h);
  vs_pin(&h.v, 1, VS_GPR, X64_RDI, 0x7E, false);
  vs_load(&h.b, VS_GPR, X64_RDI, 1, 0x7E);
  add64(&h, 1, 1, 1);          /* s1 = 6, dirty */
  h.v.dead_pins[VS_GPR] = 1u << X64_RDI;
  vs_before_call(&h.v);
  vs_after_call(&h.v);
  assert_int_equal(h.v.dead_pins[VS_GPR], 0);
  step(&h);
  run(&h, frame);
  assert_int_equal(frame[1], 3); /* the dead value was not stored */
}

static void taking_a_register_moves_its_operand(void **state)
{
  (void)state;
  harness h;
  uint64_t frame[NSLOTS] = {0};
  frame[2] = 1000;
  frame[3] = 11;
  begin(&h);
  /* registers are handed out in order: s2 lands in rax, s3 in rcx, both locked */
  unsigned r2 = vs_use(&h.v, 2, VS_GPR, 0x7E), r3 = vs_use(&h.v, 3, VS_GPR, 0x7E);
  assert_int_equal(r2, X64_RAX);
  assert_int_equal(r3, X64_RCX);
  vs_take(&h.v, VS_GPR, X64_RCX);                  /* as a shift count would: s3 must move */
  assert_true(vs_check(&h.v));
  unsigned moved = h.v.slots[3].reg;
  assert_int_not_equal(moved, X64_RCX);
  assert_int_not_equal(moved, X64_RAX);
  x64_mov_r64_imm(&h.b, X64_RCX, 99);              /* rcx is the instruction's now */
  unsigned d = vs_def(&h.v, 4, VS_GPR, 0x7E, -1);
  x64_mov_r64_r64(&h.b, (x64_gpr)d, (x64_gpr)moved);
  x64_add_r64_r64(&h.b, (x64_gpr)d, X64_RCX);
  x64_add_r64_r64(&h.b, (x64_gpr)d, X64_RAX);
  step(&h);
  vs_flush(&h.v);
  step(&h);
  run(&h, frame);
  assert_int_equal(frame[4], 1110);
}

static void a_v128_write_retires_the_value_beneath(void **state)
{
  (void)state;
  harness h;
  uint64_t frame[NSLOTS] = {0};
  frame[5] = 77;
  begin(&h);
  add64(&h, 10, 5, 5);                             /* s10 = 154 cached */
  vs_def_const(&h.v, 9, K(3), 0x7B);               /* a v128 at s9..s10 replaces it */
  step(&h);
  assert_int_equal(h.v.slots[10].kind, VS_MEM);
  vs_flush(&h.v);
  step(&h);
  run(&h, frame);
  assert_int_equal(frame[9], consts[3]);
  assert_int_equal(frame[10], consts[4]);
}

static void floats_round_trip_through_xmm(void **state)
{
  (void)state;
  harness h;
  uint64_t frame[NSLOTS] = {0};
  double x = 1.5, y;
  memcpy(&frame[6], &x, 8);
  begin(&h);
  unsigned a = vs_use(&h.v, 6, VS_XMM, 0x7C);
  unsigned d = vs_def(&h.v, 12, VS_XMM, 0x7C, -1);
  x64_movaps_xmm_xmm(&h.b, (x64_xmm)d, (x64_xmm)a);
  x64_addsd_xmm_xmm(&h.b, (x64_xmm)d, (x64_xmm)a);
  step(&h);
  /* the same slot redefined in a general register: the xmm copy must be let go */
  unsigned g = vs_def(&h.v, 12, VS_GPR, 0x7E, -1);
  x64_mov_r64_imm(&h.b, (x64_gpr)g, 5);
  step(&h);
  vs_forget(&h.v);
  step(&h);
  run(&h, frame);
  assert_int_equal(frame[12], 5);
  memcpy(&y, &frame[6], 8);
  assert_true(y == 1.5);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(constants_are_written_when_flushed),
    cmocka_unit_test(results_reach_the_frame_and_dead_values_do_not),
    cmocka_unit_test(every_register_busy_spills_the_oldest),
    cmocka_unit_test(pinned_locals_live_in_their_register),
    cmocka_unit_test(a_join_makes_pinned_frame_copies_stale),
    cmocka_unit_test(dead_pins_are_not_saved_around_a_call),
    cmocka_unit_test(taking_a_register_moves_its_operand),
    cmocka_unit_test(a_v128_write_retires_the_value_beneath),
    cmocka_unit_test(floats_round_trip_through_xmm),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
