/* test_ir.c: the IR the validator emits is the one docs/ir.md promises, and the dump prints it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "wasmlab.h"
#include "core/module.h"
#include "wasm_builder.h"

static wlab_engine *engine;

static int setup(void **state)
{
  (void)state;
  return (engine = wlab_engine_new(NULL)) ? 0 : -1;
}

static int teardown(void **state)
{
  (void)state;
  wlab_engine_free(engine);
  return 0;
}

static wlab_module *one(const char *type, size_t tn, const char *body, size_t bn)
{
  wbuf w;
  wlab_error err;
  wlab_module *m;
  wb_header(&w);
  wb_one_func(&w, type, tn, body, bn);
  m = wlab_module_new(engine, w.b, w.n, &err);
  if (!m)
    fail_msg("%s", err.text);
  return m;
}

#define I32_I32_I32 "\x01\x60\x02\x7f\x7f\x01\x7f", 7

static void folded_operands(void **state)
{
  (void)state;
  /* local.get 0; local.get 1; i32.add -> one add reading the locals, then return */
  wlab_module *m = one(I32_I32_I32, "\x00\x20\x00\x20\x01\x6a\x0b", 7);
  const ir_func *f = m->funcs[0].ir;
  assert_int_equal(f->ninsts, 2);
  assert_int_equal(f->insts[0].op, IR_I32_ADD);
  assert_int_equal(f->insts[0].r, 2); /* the first operand-stack slot */
  assert_int_equal(f->insts[0].a, 0);
  assert_int_equal(f->insts[0].b, 1);
  assert_int_equal(f->insts[1].op, IR_RETURN);
  assert_int_equal(f->insts[1].a, 2);
  assert_int_equal(f->insts[1].b, 1);
  assert_int_equal(f->wasm_offsets[0], m->funcs[0].body_offset + 5); /* the i32.add byte */
  wlab_module_free(m);
  /* a constant operand: local.get 0; i32.const 7; i32.mul */
  m = one(I32_I32_I32, "\x00\x20\x00\x41\x07\x6c\x0b", 7);
  f = m->funcs[0].ir;
  assert_int_equal(f->insts[0].op, IR_I32_MUL);
  assert_true(IR_IS_CONST(f->insts[0].b));
  assert_int_equal(f->consts[IR_CONST_INDEX(f->insts[0].b)], 7);
  wlab_module_free(m);
}

static void local_set_retargets(void **state)
{
  (void)state;
  /* local.get 0; local.get 1; i32.add; local.set 1; local.get 1 */
  wlab_module *m = one(I32_I32_I32, "\x00\x20\x00\x20\x01\x6a\x21\x01\x20\x01\x0b", 11);
  const ir_func *f = m->funcs[0].ir;
  assert_int_equal(f->ninsts, 2);
  assert_int_equal(f->insts[0].op, IR_I32_ADD);
  assert_int_equal(f->insts[0].r, 1); /* written straight into local 1, no copy */
  assert_int_equal(f->insts[1].op, IR_RETURN);
  assert_int_equal(f->insts[1].a, 1); /* returned from the local */
  wlab_module_free(m);
}

static void loops_and_branches(void **state)
{
  (void)state;
  /* loop: local.get 0; i32.const 1; i32.sub; local.tee 0; br_if 0; end; local.get 0 */
  wlab_module *m = one("\x01\x60\x01\x7f\x01\x7f", 6, "\x00\x03\x40\x20\x00\x41\x01\x6b\x22\x00\x0d\x00\x0b\x20\x00\x0b", 16);
  const ir_func *f = m->funcs[0].ir;
  assert_int_equal(f->insts[0].op, IR_LOOP_HEAD);
  assert_int_equal(f->nloops, 1);
  assert_int_equal(f->insts[1].op, IR_I32_SUB);
  assert_int_equal(f->insts[1].r, 0);          /* tee into the local */
  assert_int_equal(f->insts[2].op, IR_BR_IF);
  assert_int_equal(f->insts[2].a, 0);          /* the condition is the local itself */
  assert_int_equal(f->insts[2].b, 0);          /* back to the loop header */
  wlab_module_free(m);
  /* block (result i32): i32.const 5; local.get 0; br_if 0; drop; i32.const 6; end */
  m = one("\x01\x60\x01\x7f\x01\x7f", 6, "\x00\x02\x7f\x41\x05\x20\x00\x0d\x00\x1a\x41\x06\x0b\x0b", 14);
  f = m->funcs[0].ir;
  /* the taken path copies 5 into the block's result slot, the other path falls through */
  assert_int_equal(f->insts[0].op, IR_BR_UNLESS);
  assert_int_equal(f->insts[1].op, IR_COPY);
  assert_int_equal(f->insts[1].r, 1);
  assert_true(IR_IS_CONST(f->insts[1].a));
  assert_int_equal(f->insts[2].op, IR_BR);
  assert_int_equal(f->insts[0].b, 3);          /* br_unless skips to after the br */
  wlab_module_free(m);
}

static void br_table_and_calls(void **state)
{
  (void)state;
  /* block; block; local.get 0; br_table 0 1 0; end; end; local.get 0; call 0 */
  wlab_module *m = one("\x01\x60\x01\x7f\x01\x7f", 6,
                       "\x00\x02\x40\x02\x40\x20\x00\x0e\x02\x00\x01\x00\x0b\x0b\x20\x00\x10\x00\x0b", 19);
  const ir_func *f = m->funcs[0].ir;
  assert_int_equal(f->insts[0].op, IR_BR_TABLE);
  assert_int_equal(f->insts[0].c, 3);
  assert_int_equal(f->br_tables[f->insts[0].b + 0], 1);
  assert_int_equal(f->br_tables[f->insts[0].b + 1], 1);
  /* the call passes its argument in the first stack slot */
  assert_int_equal(f->insts[1].op, IR_COPY);
  assert_int_equal(f->insts[1].r, 1);
  assert_int_equal(f->insts[2].op, IR_CALL);
  assert_int_equal(f->insts[2].r, 1);
  assert_int_equal(f->insts[2].a, 0);
  wlab_module_free(m);
}

static void v128_slots(void **state)
{
  (void)state;
  /* (param v128 v128) (result v128): i32x4.add of the params */
  wlab_module *m = one("\x01\x60\x02\x7b\x7b\x01\x7b", 7, "\x00\x20\x00\x20\x01\xfd\xae\x01\x0b", 9);
  const ir_func *f = m->funcs[0].ir;
  assert_int_equal(f->local_slot[1], 2);       /* a v128 takes two slots */
  assert_int_equal(f->insts[0].op, IR_I32X4_ADD);
  assert_int_equal(f->insts[0].r, 4);
  assert_int_equal(f->insts[1].op, IR_RETURN);
  assert_int_equal(f->insts[1].b, 2);
  assert_int_equal(f->max_slots, 8); /* folded operands still reserve their home slots */
  wlab_module_free(m);
}

/* [i32] -> [i32], and a block type of six i32 results */
#define SIX_RESULTS "\x02\x60\x01\x7f\x01\x7f\x60\x00\x06\x7f\x7f\x7f\x7f\x7f\x7f", 15

/* block (6 results): 9, then 1..6 above it; k times `local.get 0; br_if 0`; br_table 0 0 0.
 * The values sit one slot above the block's result slots, so every branch must move them. */
static wlab_module *six_values(int k)
{
  char body[128];
  size_t n = 0;
  memcpy(body + n, "\x00\x02\x01\x41\x09", 5), n += 5;
  for (int i = 1; i <= 6; i++)
    body[n++] = 0x41, body[n++] = (char)i;
  for (int i = 0; i < k; i++)
    memcpy(body + n, "\x20\x00\x0d\x00", 4), n += 4;
  memcpy(body + n, "\x20\x00\x0e\x02\x00\x00\x00\x0b\x1a\x1a\x1a\x1a\x1a\x0b", 14), n += 14;
  return one(SIX_RESULTS, body, n);
}

static uint32_t count_op(const ir_func *f, ir_op op)
{
  uint32_t n = 0;
  for (uint32_t i = 0; i < f->ninsts; i++)
    n += f->insts[i].op == op;
  return n;
}

static void moves(void **state)
{
  (void)state;
  wlab_module *one_branch = six_values(1), *five_branches = six_values(5);
  const ir_func *f = five_branches->funcs[0].ir, *g = one_branch->funcs[0].ir;
  uint32_t stub = f->br_tables[0];
  /* the constants go home once; then each branch moves them with one instruction */
  assert_int_equal(count_op(f, IR_COPY), 6);
  assert_int_equal(count_op(g, IR_COPY), 6);
  assert_int_equal(count_op(f, IR_MOVE), 5 + 1);
  assert_int_equal(f->ninsts - g->ninsts, 4 * 3); /* br_unless, move, br per br_if */
  for (uint32_t i = 0; i < f->ninsts; i++) {
    if (f->insts[i].op == IR_MOVE) {
      assert_int_equal(f->insts[i].r, 1); /* six slots down one, into the block's result slots */
      assert_int_equal(f->insts[i].a, 2);
      assert_int_equal(f->insts[i].b, 6);
      assert_int_equal(f->insts[i].c, 1);   /* the values' types: type 1's results */
      assert_int_equal(f->insts[i].aux, 0);
    }
  }
  /* the br_table's three entries share one stub: the move, then the jump to the block's end */
  for (uint32_t i = 0; i < f->ntable; i++)
    assert_int_equal(f->br_tables[i], stub);
  assert_int_equal(f->insts[stub].op, IR_MOVE);
  assert_int_equal(f->insts[stub + 1].op, IR_BR);
  assert_int_equal(f->insts[f->insts[stub + 1].a].op, IR_RETURN);
  wlab_module_free(one_branch);
  wlab_module_free(five_branches);
}

static void pending_local_read(void **state)
{
  (void)state;
  /* local.get 0 (deep); i32.const 1; i32.const 2; local.set 0; i32.add... the value read
   * before the set is copied home before the set writes the local */
  wlab_module *m = one(I32_I32_I32, "\x00\x20\x00\x41\x01\x41\x02\x21\x00\x6a\x0b", 11);
  const ir_func *f = m->funcs[0].ir;
  assert_int_equal(f->insts[0].op, IR_COPY);   /* the pending read of local 0 goes home */
  assert_int_equal(f->insts[0].r, 2);
  assert_int_equal(f->insts[0].a, 0);
  assert_int_equal(f->insts[1].op, IR_COPY);   /* then local 0 := 2 */
  assert_int_equal(f->insts[1].r, 0);
  assert_true(IR_IS_CONST(f->insts[1].a));
  assert_int_equal(f->insts[2].op, IR_I32_ADD);
  assert_int_equal(f->insts[2].a, 2);          /* the add reads the copy, not the local */
  wlab_module_free(m);
}

static void dump(void **state)
{
  (void)state;
  char *text = NULL;
  size_t len = 0;
  FILE *out = open_memstream(&text, &len);
  wlab_error err;
  wlab_module *m = one(I32_I32_I32, "\x00\x20\x00\x41\x07\x6c\x0b", 7);
  assert_int_equal(wlab_module_dump(m, WLAB_DUMP_IR, WLAB_NONE, out, &err), WLAB_OK);
  fclose(out);
  assert_non_null(strstr(text, "func 0 (i32 i32) -> (i32)"));
  assert_non_null(strstr(text, "i32.mul s2, s0, #0x7"));
  assert_non_null(strstr(text, "return s2, 1 slots"));
  free(text);
  assert_int_equal(wlab_module_dump(m, WLAB_DUMP_IR, 5, stdout, &err), WLAB_ERR_ARGUMENT);
  wlab_module_free(m);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(folded_operands),
    cmocka_unit_test(local_set_retargets),
    cmocka_unit_test(loops_and_branches),
    cmocka_unit_test(br_table_and_calls),
    cmocka_unit_test(v128_slots),
    cmocka_unit_test(moves),
    cmocka_unit_test(pending_local_read),
    cmocka_unit_test(dump),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
