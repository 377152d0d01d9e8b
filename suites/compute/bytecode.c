/* bytecode.c: an assembler and a switch-dispatched stack VM running Collatz, recursive fib, a sieve and gcds. */
#include "common.h"
#include <ctype.h>

enum {
  OP_PUSH, OP_LOAD, OP_STORE, OP_INC, OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_MOD, OP_AND, OP_OR, OP_XOR,
  OP_SHL, OP_SHR, OP_LT, OP_GT, OP_EQ, OP_NE, OP_JMP, OP_JZ, OP_JNZ, OP_CALL, OP_RET, OP_DUP, OP_POP,
  OP_HLOAD, OP_HSTORE, OP_EMIT, NOPS
};
static const char *const opname[NOPS] = {
  "push", "load", "store", "inc", "add", "sub", "mul", "div", "mod", "and", "or", "xor",
  "shl", "shr", "lt", "gt", "eq", "ne", "jmp", "jz", "jnz", "call", "ret", "dup", "pop",
  "hload", "hstore", "emit"};
/* operands: 0 none, 1 number, 2 label, 3 function, 4 two numbers */
static const uint8_t opkind[NOPS] = {1, 1, 1, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 2, 3, 0, 0, 0, 0, 0, 0};

/* The programs. Each function: `func NAME PARAMS LOCALS` (locals include params); `/` separates
 * instructions on a line; labels end in ':' and are local to their function. */
static const char source[] =
  "; total Collatz steps of 1..n\n"
  "func collatz 1 4\n"
  "  push 1 / store 1\n"
  "loop: load 1 / load 0 / gt / jnz done\n"
  "  load 1 / store 3\n"
  "walk: load 3 / push 1 / eq / jnz next\n"
  "  load 3 / push 1 / and / jz even\n"
  "  load 3 / push 3 / mul / push 1 / add / store 3 / inc 2 1 / jmp walk\n"
  "even: load 3 / push 1 / shr / store 3 / inc 2 1 / jmp walk\n"
  "next: inc 1 1 / jmp loop\n"
  "done: load 2 / ret\n"
  "\n"
  "; naive recursive Fibonacci\n"
  "func fib 1 1\n"
  "  load 0 / push 2 / lt / jz rec\n"
  "  load 0 / ret\n"
  "rec: load 0 / push 1 / sub / call fib\n"
  "  load 0 / push 2 / sub / call fib\n"
  "  add / ret\n"
  "\n"
  "; primes up to n in the heap (heap[i] != 0: composite); returns the count\n"
  "func sieve 1 4\n"
  "  push 2 / store 1\n"
  "outer: load 1 / load 0 / gt / jnz fin\n"
  "  load 1 / hload / jnz skip\n"
  "  inc 3 1\n"
  "  load 1 / load 1 / mul / store 2\n"
  "inner: load 2 / load 0 / gt / jnz skip\n"
  "  load 2 / push 1 / hstore\n"
  "  load 2 / load 1 / add / store 2 / jmp inner\n"
  "skip: inc 1 1 / jmp outer\n"
  "fin: load 3 / ret\n"
  "\n"
  "; sum of gcd(i, 3i/2 + 7 xor i) for i in 1..n, by Euclid's algorithm in a called function\n"
  "func gcd 2 3\n"
  "top: load 1 / jz out\n"
  "  load 0 / load 1 / mod / store 2\n"
  "  load 1 / store 0 / load 2 / store 1 / jmp top\n"
  "out: load 0 / ret\n"
  "func gcdsum 1 3\n"
  "  push 1 / store 1\n"
  "again: load 1 / load 0 / gt / jnz end\n"
  "  load 1 / load 1 / push 3 / mul / push 1 / shr / push 7 / add / load 1 / xor / call gcd\n"
  "  dup / emit / load 2 / add / store 2\n"
  "  inc 1 1 / jmp again\n"
  "end: load 2 / ret\n";

#define MAXFN 16
#define MAXLAB 64

typedef struct {
  int32_t *code;
  int ncode, cap;
  struct { char name[24]; int entry, params, locals; } fn[MAXFN];
  int nfn;
} program;

typedef struct { char name[24]; int at; } label;

static void die(int line, const char *msg, const char *tok)
{
  fprintf(stderr, "bytecode: line %d: %s '%s'\n", line, msg, tok);
  exit(1);
}

/* Next token on the line: words, numbers, labels. Returns 0 at end of line. */
static int token(const char **p, char *out, size_t cap)
{
  const char *s = *p;
  while (*s == ' ' || *s == '\t' || *s == '/')
    s++;
  if (*s == ';')
    while (*s && *s != '\n')
      s++;
  if (!*s || *s == '\n') {
    *p = s;
    return 0;
  }
  size_t n = 0;
  while (*s && !isspace((unsigned char)*s) && *s != '/' && *s != ';')
    if (n + 1 < cap)
      out[n++] = *s++;
    else
      s++;
  out[n] = 0;
  *p = s;
  return 1;
}

static int find_fn(const program *pg, const char *name)
{
  for (int i = 0; i < pg->nfn; i++)
    if (strcmp(pg->fn[i].name, name) == 0)
      return i;
  return -1;
}

static void emit3(program *pg, int32_t a, int32_t b, int32_t c)
{
  if (pg->ncode + 3 > pg->cap) {
    pg->cap = pg->cap ? pg->cap * 2 : 256;
    int32_t *n = xmalloc((size_t)pg->cap * sizeof *n);
    if (pg->code)
      memcpy(n, pg->code, (size_t)pg->ncode * sizeof *n);
    free(pg->code);
    pg->code = n;
  }
  pg->code[pg->ncode++] = a;
  pg->code[pg->ncode++] = b;
  pg->code[pg->ncode++] = c;
}

/* Two passes: the first finds functions and labels (every instruction is 3 words), the second emits. */
static void assemble(program *pg, const char *src)
{
  label labs[MAXFN][MAXLAB];
  int nlab[MAXFN] = {0};
  char tok[32];
  for (int pass = 0; pass < 2; pass++) {
    int pc = 0, cur = -1, line = 1;
    for (const char *p = src; *p; line++) {
      while (token(&p, tok, sizeof tok)) {
        size_t len = strlen(tok);
        if (strcmp(tok, "func") == 0) {
          char a[32], b[32];
          if (!token(&p, tok, sizeof tok) || !token(&p, a, sizeof a) || !token(&p, b, sizeof b))
            die(line, "bad function header", tok);
          if (pass == 0) {
            if (pg->nfn == MAXFN)
              die(line, "too many functions", tok);
            cur = pg->nfn++;
            snprintf(pg->fn[cur].name, sizeof pg->fn[cur].name, "%s", tok);
            pg->fn[cur].entry = pc;
            pg->fn[cur].params = atoi(a);
            pg->fn[cur].locals = atoi(b);
          } else {
            cur = find_fn(pg, tok);
          }
          continue;
        }
        if (cur < 0)
          die(line, "instruction outside a function", tok);
        if (tok[len - 1] == ':') {
          if (pass == 0) {
            if (nlab[cur] == MAXLAB)
              die(line, "too many labels", tok);
            tok[len - 1] = 0;
            snprintf(labs[cur][nlab[cur]].name, sizeof labs[cur][0].name, "%s", tok);
            labs[cur][nlab[cur]++].at = pc;
          }
          continue;
        }
        int op = 0;
        while (op < NOPS && strcmp(opname[op], tok) != 0)
          op++;
        if (op == NOPS)
          die(line, "unknown instruction", tok);
        int32_t a = 0, b = 0;
        char arg[32];
        switch (opkind[op]) {
        case 1:
        case 4:
          if (!token(&p, arg, sizeof arg))
            die(line, "missing operand for", tok);
          a = (int32_t)strtol(arg, NULL, 10);
          if (opkind[op] == 4) {
            if (!token(&p, arg, sizeof arg))
              die(line, "missing second operand for", tok);
            b = (int32_t)strtol(arg, NULL, 10);
          }
          break;
        case 2:
          if (!token(&p, arg, sizeof arg))
            die(line, "missing label for", tok);
          if (pass == 1) {
            int k = 0;
            while (k < nlab[cur] && strcmp(labs[cur][k].name, arg) != 0)
              k++;
            if (k == nlab[cur])
              die(line, "undefined label", arg);
            a = labs[cur][k].at;
          }
          break;
        case 3:
          if (!token(&p, arg, sizeof arg))
            die(line, "missing function for", tok);
          if (pass == 1 && (a = find_fn(pg, arg)) < 0)
            die(line, "undefined function", arg);
          break;
        }
        if (pass == 1)
          emit3(pg, op, a, b);
        pc += 3;
      }
      if (*p == '\n')
        p++;
    }
  }
}

typedef struct {
  const program *pg;
  int64_t *heap;
  int32_t heapsize;
  uint64_t emitted;
  uint64_t steps;
} vm;

#define STACK 4096
#define DEPTH 1024
#define LOCALS 16384

static int64_t run(vm *m, int fn, const int64_t *args)
{
  const program *pg = m->pg;
  const int32_t *code = pg->code;
  static int64_t stack[STACK], locals[LOCALS];
  static struct { int32_t ret, fp; } frames[DEPTH];
  int sp = 0, fp = 0, depth = 0, pc = pg->fn[fn].entry;
  for (int i = 0; i < pg->fn[fn].locals; i++)
    locals[i] = i < pg->fn[fn].params ? args[i] : 0;
  int top_locals = pg->fn[fn].locals;
  uint64_t steps = 0;
#define BIN(expr)                 \
  do {                            \
    uint64_t y = (uint64_t)stack[--sp]; \
    uint64_t x = (uint64_t)stack[sp - 1]; \
    stack[sp - 1] = (int64_t)(expr); \
  } while (0)
  for (;;) {
    const int32_t *in = code + pc;
    pc += 3;
    steps++;
    switch (in[0]) {
    case OP_PUSH: stack[sp++] = in[1]; break;
    case OP_LOAD: stack[sp++] = locals[fp + in[1]]; break;
    case OP_STORE: locals[fp + in[1]] = stack[--sp]; break;
    case OP_INC: locals[fp + in[1]] = (int64_t)((uint64_t)locals[fp + in[1]] + (uint64_t)(int64_t)in[2]); break;
    case OP_ADD: BIN(x + y); break;
    case OP_SUB: BIN(x - y); break;
    case OP_MUL: BIN(x * y); break;
    case OP_DIV:
    case OP_MOD: {
      int64_t y = stack[--sp], x = stack[sp - 1];
      if (y == 0 || (x == INT64_MIN && y == -1)) {
        fprintf(stderr, "bytecode: division trap at %d\n", pc - 3);
        exit(1);
      }
      stack[sp - 1] = in[0] == OP_DIV ? x / y : x % y;
      break;
    }
    case OP_AND: BIN(x & y); break;
    case OP_OR: BIN(x | y); break;
    case OP_XOR: BIN(x ^ y); break;
    case OP_SHL: BIN(x << (y & 63)); break;
    case OP_SHR: BIN(x >> (y & 63)); break;
    case OP_LT: BIN((int64_t)x < (int64_t)y); break;
    case OP_GT: BIN((int64_t)x > (int64_t)y); break;
    case OP_EQ: BIN(x == y); break;
    case OP_NE: BIN(x != y); break;
    case OP_JMP: pc = in[1]; break;
    case OP_JZ: if (stack[--sp] == 0) pc = in[1]; break;
    case OP_JNZ: if (stack[--sp] != 0) pc = in[1]; break;
    case OP_CALL: {
      int f = in[1], np = pg->fn[f].params, nl = pg->fn[f].locals;
      if (depth == DEPTH || top_locals + nl > LOCALS) {
        fprintf(stderr, "bytecode: call stack overflow\n");
        exit(1);
      }
      frames[depth].ret = pc;
      frames[depth].fp = fp;
      depth++;
      fp = top_locals;
      top_locals += nl;
      sp -= np;
      for (int i = 0; i < nl; i++)
        locals[fp + i] = i < np ? stack[sp + i] : 0;
      pc = pg->fn[f].entry;
      break;
    }
    case OP_RET:
      if (depth == 0) {
        m->steps += steps;
        return stack[sp - 1];
      }
      top_locals = fp;
      depth--;
      pc = frames[depth].ret;
      fp = frames[depth].fp;
      break;
    case OP_DUP: stack[sp] = stack[sp - 1]; sp++; break;
    case OP_POP: sp--; break;
    case OP_HLOAD: {
      int64_t a = stack[sp - 1];
      if (a < 0 || a >= m->heapsize) {
        fprintf(stderr, "bytecode: heap load out of range\n");
        exit(1);
      }
      stack[sp - 1] = m->heap[a];
      break;
    }
    case OP_HSTORE: {
      int64_t v = stack[--sp], a = stack[--sp];
      if (a < 0 || a >= m->heapsize) {
        fprintf(stderr, "bytecode: heap store out of range\n");
        exit(1);
      }
      m->heap[a] = v;
      break;
    }
    case OP_EMIT: m->emitted = hash_u64(m->emitted, (uint64_t)stack[--sp]); break;
    default:
      fprintf(stderr, "bytecode: bad opcode %d\n", in[0]);
      exit(1);
    }
    if (sp >= STACK - 2 || sp < 0) {
      fprintf(stderr, "bytecode: operand stack overflow\n");
      exit(1);
    }
  }
#undef BIN
}

int main(int argc, char **argv)
{
  int scale = (int)suite_size(argc, argv, 20, 1, 100000);
  program pg = {0};
  assemble(&pg, source);
  vm m = {&pg, NULL, 0, HASH_INIT, 0};
  m.heapsize = 20000 * scale + 1;
  m.heap = xcalloc((size_t)m.heapsize, sizeof *m.heap);
  int64_t arg;
  arg = 6000 * (int64_t)scale;
  int64_t collatz = run(&m, find_fn(&pg, "collatz"), &arg);
  arg = 22;
  int64_t fib = 0;
  for (int i = 0; i < scale; i++)
    fib += run(&m, find_fn(&pg, "fib"), &arg);
  arg = m.heapsize - 1;
  int64_t primes = run(&m, find_fn(&pg, "sieve"), &arg);
  arg = 4000 * (int64_t)scale;
  int64_t gsum = run(&m, find_fn(&pg, "gcdsum"), &arg);
  printf("bytecode scale=%d collatz=%" PRId64 " fib=%" PRId64 " primes=%" PRId64 " gcdsum=%" PRId64
         " steps=%" PRIu64 " hash=%016" PRIx64 "\n",
         scale, collatz, fib, primes, gsum, m.steps, m.emitted);
  free(m.heap);
  free(pg.code);
  return 0;
}
