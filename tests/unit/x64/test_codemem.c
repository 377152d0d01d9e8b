/* test_codemem.c: emitted code runs from W^X memory, whose pages are never writable and executable. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdlib.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "x64/asm.h"
#include "x64/codemem.h"

/* The permissions of the mapping holding addr, as /proc/self/maps spells them ("r-xp"); and
   whether any mapping overlapping [lo, hi) is writable and executable at once. */
static void perms_of(const void *addr, char perms[5], bool *wx_overlap, const void *lo, const void *hi)
{
  FILE *f = fopen("/proc/self/maps", "r");
  assert_non_null(f);
  char line[512], p[5];
  unsigned long start, end;
  strcpy(perms, "none");
  *wx_overlap = false;
  while (fgets(line, sizeof line, f)) {
    if (sscanf(line, "%lx-%lx %4s", &start, &end, p) != 3)
      continue;
    if ((uintptr_t)addr >= start && (uintptr_t)addr < end)
      memcpy(perms, p, 5);
    if (start < (uintptr_t)hi && end > (uintptr_t)lo && p[1] == 'w' && p[2] == 'x')
      *wx_overlap = true;
  }
  fclose(f);
}

/* int64_t add(int64_t a, int64_t b): SysV passes a in rdi, b in rsi, returns in rax */
static void add_two_args(void **state)
{
  (void)state;
  x64_buf buf, *b = &buf;
  x64_buf_init(b);
  x64_mov_r64_r64(b, X64_RAX, X64_RDI);
  x64_add_r64_r64(b, X64_RAX, X64_RSI);
  x64_ret(b);
  assert_true(x64_buf_ok(b));

  size_t live = x64_codemem_pages_live();
  x64_codemem cm;
  assert_true(x64_codemem_alloc(&cm, b->len));
  char perms[5];
  bool wx;
  perms_of(cm.base, perms, &wx, cm.base, cm.base + cm.size);
  assert_string_equal(perms, "rw-p");   /* writable while being filled, not executable */
  assert_false(wx);
  memcpy(cm.base, b->code, b->len);
  assert_true(x64_codemem_finalize(&cm));
  perms_of(cm.base, perms, &wx, cm.base, cm.base + cm.size);
  assert_string_equal(perms, "r-xp");   /* executable once final, no longer writable */
  assert_false(wx);
  assert_int_equal(x64_codemem_pages(&cm), 1);
  assert_int_equal(x64_codemem_pages_live(), live + 1);

  int64_t (*add)(int64_t, int64_t) = (int64_t (*)(int64_t, int64_t))(void *)cm.base;
  assert_int_equal(add(40, 2), 42);
  assert_int_equal(add(-5, 3), -2);
  assert_int_equal(add(INT64_MAX, 1), INT64_MIN);   /* wraps, as the hardware does */

  x64_codemem_free(&cm);
  assert_int_equal(x64_codemem_pages_live(), live);
  assert_null(cm.base);
  x64_buf_free(b);
}

/* uint64_t sum(uint64_t n): 1 + 2 + ... + n, a loop with a forward exit and a back edge */
static void loop_with_labels(void **state)
{
  (void)state;
  x64_buf buf, *b = &buf;
  x64_buf_init(b);
  x64_label_id top = x64_label(b), done = x64_label(b);
  x64_xor_r32_r32(b, X64_RAX, X64_RAX);
  x64_bind(b, top);
  x64_test_r64_r64(b, X64_RDI, X64_RDI);
  x64_jcc_label(b, X64_CC_E, done);
  x64_add_r64_r64(b, X64_RAX, X64_RDI);
  x64_sub_r64_imm32(b, X64_RDI, 1);
  x64_jmp_label(b, top);
  x64_bind(b, done);
  x64_ret(b);
  assert_true(x64_buf_ok(b));

  x64_codemem cm;
  assert_true(x64_codemem_install(&cm, b->code, b->len));
  uint64_t (*sum)(uint64_t) = (uint64_t (*)(uint64_t))(void *)cm.base;
  assert_int_equal(sum(0), 0);
  assert_int_equal(sum(100), 5050);
  x64_codemem_free(&cm);
  x64_buf_free(b);
}

static int64_t host_triple(int64_t x)
{
  return 3 * x;
}

/* int64_t f(int64_t x) { return host_triple(x) + 1; } through x64_call_abs. At entry rsp is
   8 past a 16-byte boundary; one push realigns it for the call, as the SysV ABI requires. */
static void call_into_host(void **state)
{
  (void)state;
  x64_buf buf, *b = &buf;
  x64_buf_init(b);
  x64_push_r64(b, X64_RBX);
  x64_call_abs(b, (const void *)host_triple, X64_R11);
  x64_add_r64_imm32(b, X64_RAX, 1);
  x64_pop_r64(b, X64_RBX);
  x64_ret(b);

  x64_codemem cm;
  assert_true(x64_codemem_install(&cm, b->code, b->len));
  int64_t (*f)(int64_t) = (int64_t (*)(int64_t))(void *)cm.base;
  assert_int_equal(f(14), 43);
  x64_codemem_free(&cm);
  x64_buf_free(b);
}

/* double f(double a, double b, int64_t i) { return trunc(a * b) + (double)i; } and the
   bit pattern of a float through a general register, to exercise SSE forms on real hardware. */
static void floats(void **state)
{
  (void)state;
  x64_buf buf, *b = &buf;
  x64_buf_init(b);
  x64_mulsd_xmm_xmm(b, X64_XMM0, X64_XMM1);
  x64_cvttsd2si_r64_xmm(b, X64_RAX, X64_XMM0);
  x64_cvtsi2sd_xmm_r64(b, X64_XMM0, X64_RAX);
  x64_cvtsi2sd_xmm_r64(b, X64_XMM1, X64_RDI);
  x64_addsd_xmm_xmm(b, X64_XMM0, X64_XMM1);
  x64_ret(b);
  size_t second = x64_here(b);
  /* uint64_t bits(double): movq rax, xmm0 */
  x64_movq_r64_xmm(b, X64_RAX, X64_XMM0);
  x64_ret(b);

  x64_codemem cm;
  assert_true(x64_codemem_install(&cm, b->code, b->len));
  double (*f)(double, double, int64_t) = (double (*)(double, double, int64_t))(void *)cm.base;
  uint64_t (*bits)(double) = (uint64_t (*)(double))(void *)(cm.base + second);
  assert_true(f(2.5, 3.0, 10) == 17.0);
  assert_true(f(-2.5, 3.0, 0) == -7.0);
  assert_int_equal(bits(1.0), 0x3FF0000000000000ull);
  x64_codemem_free(&cm);
  x64_buf_free(b);
}

/* uint64_t f(uint64_t x): x in both halves of xmm1, plus a 16-byte constant from a pool after
   the code, the high half returned. paddd with a memory operand faults unless it is 16-byte
   aligned, so this also shows that x64_align's buffer offsets are addresses' alignment. */
static void constant_pool(void **state)
{
  (void)state;
  x64_buf buf, *b = &buf;
  x64_buf_init(b);
  x64_label_id pool = x64_label(b);
  x64_lea_r64_label(b, X64_R10, pool);
  x64_movq_xmm_r64(b, X64_XMM1, X64_RDI);
  x64_pshufd_xmm_xmm_imm8(b, X64_XMM1, X64_XMM1, 0x44);   /* lanes 0 1 0 1 */
  x64_paddd_xmm_m128(b, X64_XMM1, x64_mem_bd(X64_R10, 0));
  x64_pextrq_r64_xmm_imm8(b, X64_RAX, X64_XMM1, 1);       /* SSE4.1 */
  x64_ret(b);
  x64_align(b, 16);
  x64_bind(b, pool);
  x64_emit_u64(b, 0x1111111111111111);
  x64_emit_u64(b, 0x0000000300000004);
  assert_true(x64_buf_ok(b));
  assert_int_equal(x64_label_pos(b, pool) % 16, 0);
  if (!x64_cpu_features()->sse41) {
    print_message("no SSE4.1: pextrq not run\n");
    x64_buf_free(b);
    skip();
  }
  x64_codemem cm;
  assert_true(x64_codemem_install(&cm, b->code, b->len));
  uint64_t (*f)(uint64_t) = (uint64_t (*)(uint64_t))(void *)cm.base;
  assert_int_equal(f(0x0000000A00000014), 0x0000000D00000018);
  assert_int_equal(f(0xFFFFFFFFFFFFFFFF), 0x0000000200000003);   /* lanes wrap separately */
  x64_codemem_free(&cm);
  x64_buf_free(b);
}

/* The VEX forms on real hardware, where the CPU has them: shlx masks its count like shl, and
   vpbroadcastd + vpaddd (three operands, the sources kept) double every lane. */
static void vex_forms(void **state)
{
  (void)state;
  const x64_cpu *cpu = x64_cpu_features();
  if (!cpu->bmi2 || !cpu->avx2 || !cpu->sse41) {
    print_message("no BMI2/AVX2/SSE4.1: VEX forms not run\n");
    skip();
  }
  x64_buf buf, *b = &buf;
  x64_buf_init(b);
  /* uint64_t shl(uint64_t x, uint64_t n) */
  x64_shlx_r64_r64_r64(b, X64_RAX, X64_RDI, X64_RSI);
  x64_ret(b);
  size_t second = x64_here(b);
  /* uint32_t twice_lane3(uint32_t x) */
  x64_movd_xmm_r32(b, X64_XMM0, X64_RDI);
  x64_vpbroadcastd_xmm_xmm(b, X64_XMM9, X64_XMM0);
  x64_vpaddd_xmm_xmm_xmm(b, X64_XMM2, X64_XMM9, X64_XMM9);
  x64_pextrd_r32_xmm_imm8(b, X64_RAX, X64_XMM2, 3);
  x64_ret(b);
  x64_codemem cm;
  assert_true(x64_codemem_install(&cm, b->code, b->len));
  uint64_t (*shl)(uint64_t, uint64_t) = (uint64_t (*)(uint64_t, uint64_t))(void *)cm.base;
  uint32_t (*twice)(uint32_t) = (uint32_t (*)(uint32_t))(void *)(cm.base + second);
  assert_int_equal(shl(3, 4), 48);
  assert_int_equal(shl(1, 65), 2);   /* the count is taken mod 64 */
  assert_int_equal(twice(21), 42);
  assert_int_equal(twice(0x80000001), 2);
  x64_codemem_free(&cm);
  x64_buf_free(b);
}

/* Regions are whole pages: one byte past a page takes two. */
static void page_count(void **state)
{
  (void)state;
  size_t ps = (size_t)sysconf(_SC_PAGESIZE);
  x64_codemem cm;
  assert_true(x64_codemem_alloc(&cm, ps + 1));
  assert_int_equal(x64_codemem_pages(&cm), 2);
  assert_int_equal(cm.size, 2 * ps);
  x64_codemem_free(&cm);
  assert_int_equal(x64_codemem_pages(&cm), 0);
}

/* ---- code heaps ---- */

/* uint32_t f(void) { return k; } */
static size_t return_const(x64_buf *b, uint32_t k)
{
  x64_buf_reset(b);
  x64_mov_r32_imm32(b, X64_RAX, k);
  x64_ret(b);
  assert_true(x64_buf_ok(b));
  return b->len;
}

typedef uint32_t (*const_fn)(void);

/* Functions added one at a time share a chunk: 64-byte aligned (x64/codemem.c says why), ascending, a few bytes each
   rather than a page; the chunk's views are r-x and rw-, and nothing anywhere is both. */
static void heap_functions_share_a_chunk(void **state)
{
  (void)state;
  x64_buf buf;
  x64_codeheap h;
  const x64_codechunk *chunk = NULL, *first_chunk;
  uint8_t *prev = NULL, *fns[1000];
  size_t ps = (size_t)sysconf(_SC_PAGESIZE), live = x64_codemem_pages_live();
  char perms[5];
  bool wx;
  x64_buf_init(&buf);
  x64_codeheap_init(&h);
  for (uint32_t k = 0; k < 1000; k++) {
    size_t len = return_const(&buf, k);
    uint8_t *f = x64_codeheap_add(&h, buf.code, len, &chunk);
    assert_non_null(f);
    assert_int_equal((uintptr_t)f % 64, 0);
    assert_true(f > prev);
    assert_true(f >= chunk->rx && f + len <= chunk->rx + chunk->size);
    prev = fns[k] = f;
  }
  assert_int_equal(h.nchunks, 1);
  first_chunk = chunk;
  assert_true(first_chunk->used <= 1000 * 64);
  assert_int_equal(x64_codemem_pages_live(), live + first_chunk->size / ps); /* 16 pages, not 1000 */
  for (uint32_t k = 0; k < 1000; k++)
    assert_int_equal(((const_fn)(void *)fns[k])(), k);
  if (!first_chunk->fresh_pages) { /* the dual mapping (unless this system refuses it) */
    uint8_t *rw = first_chunk->rw;
    assert_non_null(rw);
    perms_of(first_chunk->rx, perms, &wx, (void *)0, (void *)UINTPTR_MAX);
    assert_string_equal(perms, "r-xs");
    assert_false(wx);
    perms_of(rw, perms, &wx, (void *)0, (void *)UINTPTR_MAX);
    assert_string_equal(perms, "rw-s");
    assert_false(wx);
    /* fill it: a second chunk takes over, and the first one's writable view goes */
    for (uint32_t k = 1000; h.nchunks < 2; k++) {
      size_t len = return_const(&buf, k);
      assert_non_null(x64_codeheap_add(&h, buf.code, len, &chunk));
    }
    assert_null(h.chunks[0].rw);
    perms_of(rw, perms, &wx, (void *)0, (void *)UINTPTR_MAX);
    assert_string_not_equal(perms, "rw-s");
    assert_non_null(h.chunks[1].rw);
    assert_true(h.chunks[1].size == 2 * h.chunks[0].size); /* chunks double */
    for (uint32_t k = 0; k < 1000; k++) /* the full chunk's code still runs */
      assert_int_equal(((const_fn)(void *)fns[k])(), k);
  }
  x64_codeheap_free(&h);
  assert_int_equal(x64_codemem_pages_live(), live);
  x64_buf_free(&buf);
}

/* The fallback without a dual mapping: each function on fresh pages made read-execute. */
static void heap_fresh_pages(void **state)
{
  (void)state;
  x64_buf buf;
  x64_codeheap h;
  const x64_codechunk *chunk;
  uint8_t *fns[3];
  size_t ps = (size_t)sysconf(_SC_PAGESIZE);
  char perms[5];
  bool wx;
  x64_buf_init(&buf);
  x64_codeheap_init(&h);
  h.fresh_pages_only = true;
  for (uint32_t k = 0; k < 3; k++) {
    size_t len = return_const(&buf, 7 * k);
    assert_non_null(fns[k] = x64_codeheap_add(&h, buf.code, len, &chunk));
    assert_true(chunk->fresh_pages);
    assert_null(chunk->rw);
    assert_int_equal((uintptr_t)fns[k] % ps, 0);
    perms_of(fns[k], perms, &wx, (void *)0, (void *)UINTPTR_MAX);
    assert_string_equal(perms, "r-xp");
    assert_false(wx);
  }
  assert_int_equal(fns[1] - fns[0], (ptrdiff_t)ps);
  for (uint32_t k = 0; k < 3; k++)
    assert_int_equal(((const_fn)(void *)fns[k])(), 7 * k);
  x64_codeheap_free(&h);
  x64_buf_free(&buf);
}

/* A function bigger than the largest chunk gets a chunk of its own. */
static void heap_big_function(void **state)
{
  (void)state;
  size_t len = ((size_t)4 << 20) + 100;
  uint8_t *code = malloc(len), *f;
  x64_codeheap h;
  const x64_codechunk *chunk;
  assert_non_null(code);
  memset(code, 0x90, len);       /* nops, */
  code[len - 6] = 0xB8;           /* then mov eax, 77 */
  memcpy(code + len - 5, (uint8_t[]){77, 0, 0, 0}, 4);
  code[len - 1] = 0xC3;           /* ret */
  x64_codeheap_init(&h);
  assert_non_null(f = x64_codeheap_add(&h, code, len, &chunk));
  assert_true(chunk->size >= len);
  assert_int_equal(((const_fn)(void *)f)(), 77);
  x64_codeheap_free(&h);
  free(code);
}

/* Code running on one thread while another fills the heap, chunk after chunk: the running
   code's pages are never made non-executable (a fault here would kill the test). */
static const_fn running_fns[64];
static volatile int stop_running, wrong_answers;
static void *run_fns(void *p)
{
  uint64_t *calls = p;
  while (!stop_running)
    for (uint32_t k = 0; k < 64; k++) {
      if (running_fns[k]() != k) /* (cmocka's asserts are for the main thread) */
        wrong_answers++;
      (*calls)++;
    }
  return NULL;
}

static void heap_running_code_keeps_running(void **state)
{
  (void)state;
  x64_buf buf;
  x64_codeheap h;
  pthread_t th;
  uint64_t calls = 0;
  x64_buf_init(&buf);
  x64_codeheap_init(&h);
  for (uint32_t k = 0; k < 64; k++) {
    size_t len = return_const(&buf, k);
    assert_non_null(running_fns[k] = (const_fn)(void *)x64_codeheap_add(&h, buf.code, len, NULL));
  }
  stop_running = wrong_answers = 0;
  assert_int_equal(pthread_create(&th, NULL, run_fns, &calls), 0);
  for (uint32_t k = 0; k < 40000; k++) { /* 640 KB: chunks of 64, 128, 256 and 512 KiB */
    size_t len = return_const(&buf, k);
    assert_non_null(x64_codeheap_add(&h, buf.code, len, NULL));
  }
  stop_running = 1;
  pthread_join(th, NULL);
  assert_int_equal(wrong_answers, 0);
  assert_true(h.nchunks >= 4);
  print_message("%llu calls while %u chunks were made\n", (unsigned long long)calls, h.nchunks);
  x64_codeheap_free(&h);
  x64_buf_free(&buf);
}

/* After fork() the child compiles into chunks of its own: the parent's open chunk is shared
   memory, and a child appending to it would overwrite what the parent puts there next. */
static void heap_fork(void **state)
{
  (void)state;
  x64_buf buf;
  x64_codeheap h;
  const x64_codechunk *chunk;
  uint8_t *a, *c;
  int go[2], status = 0;
  pid_t pid;
  x64_buf_init(&buf);
  x64_codeheap_init(&h);
  assert_non_null(a = x64_codeheap_add(&h, buf.code, return_const(&buf, 111), &chunk));
  if (chunk->fresh_pages) { /* private pages: fork copies them, nothing to check */
    x64_codeheap_free(&h);
    x64_buf_free(&buf);
    skip();
  }
  assert_int_equal(pipe(go), 0);
  pid = fork();
  assert_true(pid >= 0);
  if (pid == 0) { /* the child: once the parent has added its next function, add one too */
    char byte;
    uint8_t *b;
    if (read(go[0], &byte, 1) != 1)
      _exit(2);
    b = x64_codeheap_add(&h, buf.code, return_const(&buf, 222), &chunk);
    _exit(!b || ((const_fn)(void *)b)() != 222 || ((const_fn)(void *)a)() != 111 ? 1 : 0);
  }
  assert_non_null(c = x64_codeheap_add(&h, buf.code, return_const(&buf, 333), NULL));
  assert_int_equal(write(go[1], "x", 1), 1);
  assert_int_equal(waitpid(pid, &status, 0), pid);
  assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  assert_int_equal(((const_fn)(void *)c)(), 333); /* not the child's 222 */
  assert_int_equal(((const_fn)(void *)a)(), 111);
  close(go[0]);
  close(go[1]);
  x64_codeheap_free(&h);
  x64_buf_free(&buf);
}

int main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(add_two_args),
    cmocka_unit_test(loop_with_labels),
    cmocka_unit_test(call_into_host),
    cmocka_unit_test(floats),
    cmocka_unit_test(constant_pool),
    cmocka_unit_test(vex_forms),
    cmocka_unit_test(page_count),
    cmocka_unit_test(heap_functions_share_a_chunk),
    cmocka_unit_test(heap_fresh_pages),
    cmocka_unit_test(heap_big_function),
    cmocka_unit_test(heap_running_code_keeps_running),
    cmocka_unit_test(heap_fork),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
