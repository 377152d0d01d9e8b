"""shapes.py: valid modules of every shape that scales, each computing a value known in advance.

Each shape is a function of a size n that returns a Case: the module's bytes, the export to call,
its arguments and the answer it must print (computed here, independently of wasmlab), or the trap
it must end in.  n is a count of the shape's unit (nested blocks, locals, br_table entries,
functions, segments, initialiser depth, call depth, pages ...); the module grows linearly with it.
`units` is what the cost is expected to be linear in: the module's size, except for shapes whose
size is a run-time quantity (call depth, memory pages, table elements).

  python3 tests/stress/shapes.py SHAPE N OUT.wasm     writes one module and prints its call

The driver (stress.py) runs each shape at n times its SCALE, so that cheap units run larger.
"""
import struct
import sys

from wasmgen import F64, I32, I64, V128, Module, Op


def s32(x):
    x &= 0xFFFFFFFF
    return x - (1 << 32) if x >= 1 << 31 else x


def s64(x):
    x &= 0xFFFFFFFFFFFFFFFF
    return x - (1 << 64) if x >= 1 << 63 else x


class Case:
    def __init__(self, module, expect=None, args=(), trap=None, units=None, invoke='run', stack_kib=None,
                 tiers=None):
        self.wasm = module.encode()
        self.expect = None if expect is None else str(expect)
        self.trap = trap              # a trap message the run must end with, instead of a value
        self.args = [str(a) for a in args]
        self.invoke = invoke
        self.units = units if units is not None else len(self.wasm)
        self.stack_kib = stack_kib    # RLIMIT_STACK for the run (the main thread's stack)
        self.tiers = tiers            # None: every tier


MAX_LOCALS = 50000    # per function, parameters included (JS-API limit, docs/limits.md)
MAX_RESULTS = 1000    # per function or block type


def arity(n):
    """Values carried by a branch in the multi-value shapes: grows with n up to the limit."""
    return max(8, min(MAX_RESULTS, n // 8))


def sum_adds(count, op=Op.i32_add):
    return op * count


# ---- control --------------------------------------------------------------------------------

def nest_block(n):
    """n nested blocks with a result; each level adds 3 on the way out."""
    m = Module()
    body = Op.block(I32) * n + Op.i32_const(7) + (Op.end + Op.i32_const(3) + Op.i32_add) * n
    m.func([], [I32], body, export='run')
    return Case(m, s32(7 + 3 * n))


def nest_if(n):
    """n nested if/else with results, every condition true."""
    m = Module()
    body = (Op.local_get(0) + Op.if_(I32)) * n + Op.i32_const(5)
    body += (Op.else_ + Op.i32_const(-1) + Op.end + Op.i32_const(1) + Op.i32_add) * n
    m.func([I32], [I32], body, export='run')
    return Case(m, s32(5 + n), args=[1])


def nest_loop(n):
    """n nested loops; the innermost branches back to the outermost header twice."""
    m = Module()
    inner = (Op.local_get(0) + Op.i32_const(1) + Op.i32_add + Op.local_tee(0) + Op.i32_const(3) + Op.i32_lt_s +
             Op.br_if(n - 1))
    body = Op.loop() * n + inner + Op.end * n + Op.local_get(0)
    m.func([], [I32], body, locals_=[(1, I32)], export='run')
    return Case(m, 3)


def br_table_wide(n):
    """One br_table of n entries over 32 nested blocks that each hold an extra value, so every
    target needs its value moved: the entries share one move per target."""
    k = 32
    m = Module()
    body = (Op.block(I32) + Op.i32_const(0)) * k
    depths = [j % k for j in range(n)]
    body += Op.i32_const(5) + Op.local_get(0) + Op.br_table(depths, k - 1)
    weights = {}
    for level in range(k - 1, -1, -1):   # closing the innermost (level k-1) first
        body += Op.end
        if level > 0:
            body += Op.i32_add            # the enclosing level's extra 0
        body += Op.i32_const(level + 1) + Op.i32_add
        weights[level] = level + 1
    m.func([I32], [I32], body, export='run')
    x = n // 2 + 3
    depth = depths[x] if x < n else k - 1
    landing = k - 1 - depth
    return Case(m, s32(5 + sum(weights[lv] for lv in range(landing + 1))), args=[x])


def _multi_block(m, r):
    return m.type([], [I32] * r)


def br_table_same(n):
    """br_table of n entries, all to one block of arity(n) results above an extra value."""
    r = arity(n)
    m = Module()
    t = _multi_block(m, r)
    body = Op.block(('type', t)) + Op.i32_const(9) + b''.join(Op.i32_const(i + 1) for i in range(r))
    body += Op.local_get(0) + Op.br_table([0] * n, 0) + Op.end + sum_adds(r - 1)
    m.func([I32], [I32], body, export='run')
    return Case(m, s32(r * (r + 1) // 2), args=[n // 3])


def br_if_const(n):
    """n br_ifs to a block of arity(n) results whose values are still constants."""
    r = arity(n)
    m = Module()
    t = _multi_block(m, r)
    body = Op.block(('type', t)) + b''.join(Op.i32_const(i + 1) for i in range(r))
    body += (Op.i32_const(0) + Op.br_if(0)) * n + Op.local_get(0) + Op.br_if(0)
    body += Op.drop * r + Op.i32_const(100) * r + Op.end + sum_adds(r - 1)
    m.func([I32], [I32], body, export='run')
    return Case(m, s32(r * (r + 1) // 2), args=[1])


def br_if_extra(n):
    """As br_if_const with an extra value below the results: the values stay above the block's
    result slots, so every branch must move them."""
    r = arity(n)
    m = Module()
    t = _multi_block(m, r)
    body = Op.block(('type', t)) + Op.i32_const(9) + b''.join(Op.i32_const(i + 1) for i in range(r))
    body += (Op.i32_const(0) + Op.br_if(0)) * n + Op.local_get(0) + Op.br_if(0)
    body += Op.drop * (r + 1) + Op.i32_const(100) * r + Op.end + sum_adds(r - 1)
    m.func([I32], [I32], body, export='run')
    return Case(m, s32(r * (r + 1) // 2), args=[1])


def br_param_blocks(n):
    """n blocks taking 64 parameters, each `br 1` to an outer block of as many results above an
    extra value (the first one is taken).  Entering and leaving a block of 64 values costs 64
    whatever the IR does, so the arity stays fixed here: what must not grow is the cost per branch."""
    r = 64
    m = Module()
    t = _multi_block(m, r)
    tp = m.type([I32] * r, [I32] * r)
    body = Op.block(('type', t)) + Op.i32_const(9) + b''.join(Op.i32_const(i + 1) for i in range(r))
    body += (Op.block(('type', tp)) + Op.br(1) + Op.end) * n
    body += Op.drop * (r + 1) + Op.i32_const(100) * r + Op.end + sum_adds(r - 1)
    m.func([], [I32], body, export='run')
    return Case(m, s32(r * (r + 1) // 2))


def br_mixed(n):
    """n br_ifs (the last one taken) carrying eight values of five types, a v128 among them, from
    above an extra value: each branch moves them as one block of slots."""
    types = [I64, I32, V128, I64, F64, I32, I64, I32]
    m = Module()
    t = m.type([], types)
    values = [1000000000007, -5, (11, 22), -3, 2.5e9, 7, 1 << 40, 9]

    def push(ty, v):
        if ty == I64:
            return Op.i64_const(v)
        if ty == I32:
            return Op.i32_const(v)
        if ty == F64:
            return b'\x44' + struct.pack('<d', v)
        return b'\xfd\x0c' + struct.pack('<qq', *v)   # v128.const
    zeros = {I64: 0, I32: 0, F64: 0.0, V128: (0, 0)}
    body = Op.block(('type', t)) + Op.i32_const(9) + b''.join(push(ty, v) for ty, v in zip(types, values))
    body += (Op.i32_const(0) + Op.br_if(0)) * n + Op.local_get(0) + Op.br_if(0)
    body += Op.drop * 9 + b''.join(push(ty, zeros[ty]) for ty in types) + Op.end
    local_of = [1 + i for i in range(len(types))]       # local i+1 has types[i]
    body += b''.join(Op.local_set(local_of[i]) for i in reversed(range(len(types))))
    extend_s, trunc_f64_s = b'\xac', b'\xb0'
    lane = lambda k: b'\xfd\x1d' + bytes([k])          # i64x2.extract_lane
    body += (Op.local_get(1) + Op.local_get(2) + extend_s + Op.i64_add +
             Op.local_get(3) + lane(0) + Op.i64_add + Op.local_get(3) + lane(1) + Op.i64_add +
             Op.local_get(4) + Op.i64_add + Op.local_get(5) + trunc_f64_s + Op.i64_add +
             Op.local_get(6) + extend_s + Op.i64_add + Op.local_get(7) + Op.i64_add +
             Op.local_get(8) + extend_s + Op.i64_add)
    m.func([I32], [I64], body, locals_=[(1, ty) for ty in types], export='run')
    total = values[0] + values[1] + 11 + 22 + values[3] + int(values[4]) + values[5] + values[6] + values[7]
    return Case(m, s64(total), args=[1])


# ---- locals and the operand stack -------------------------------------------------------------

def locals_chain(n):
    """A function with n locals (one a v128, shifting the slots of those after it): each local is
    the one before it plus one."""
    total = min(n, MAX_LOCALS)
    half = total // 2
    m = Module()
    decls = [(half, I32), (1, V128), (total - half - 1, I32)]
    parts = []   # joined once: adding to one bytes object would copy it at every local
    prev, count = 0, 0
    for i in range(1, total):
        if i == half:
            continue
        parts.append(Op.local_get(prev) + Op.i32_const(1) + Op.i32_add + Op.local_set(i))
        prev, count = i, count + 1
    body = b''.join(parts) + Op.local_get(prev)
    m.func([], [I32], body, locals_=decls, export='run')
    return Case(m, count)


def locals_loops(n):
    """A function with 50,000 locals and n loops (each runs once)."""
    m = Module()
    loop = Op.loop() + Op.local_get(0) + Op.i32_const(1) + Op.i32_add + Op.local_set(0) + Op.end
    body = loop * n + Op.local_get(0) + Op.local_get(MAX_LOCALS - 1) + Op.i32_add
    m.func([], [I32], body, locals_=[(MAX_LOCALS, I32)], export='run')
    return Case(m, n)


def pending_get(n):
    """A local.get left deep in the operand stack under n values, then n local.sets of another
    local (each must not look at the whole stack)."""
    m = Module()
    body = Op.local_get(0) + Op.i32_const(1) * n
    body += b''.join(Op.i32_const(i) + Op.local_set(1) for i in range(n))
    body += sum_adds(n) + Op.local_get(1) + Op.i32_add
    m.func([I32], [I32], body, locals_=[(1, I32)], export='run')
    return Case(m, s32(5 + n + (n - 1)), args=[5])


def pending_get_many(n):
    """n local.gets of n different locals left on the stack, then each local set again: every
    value read must be the one from before its local's set."""
    k = min(n, MAX_LOCALS - 1)
    m = Module()
    body = b''.join(Op.i32_const(i + 1) + Op.local_set(i) for i in range(k))
    body += b''.join(Op.local_get(i) for i in range(k))
    body += b''.join(Op.i32_const(1000 + i) + Op.local_set(i) for i in range(k))
    body += sum_adds(k - 1) + Op.local_get(0) + Op.i32_add
    m.func([], [I32], body, locals_=[(k, I32)], export='run')
    return Case(m, s32(k * (k + 1) // 2 + 1000))


def pending_block(n):
    """n values on the stack, then n times a local.get followed by a block (every block entry
    must not look at the whole stack)."""
    m = Module()
    body = Op.i32_const(1) * n + (Op.local_get(0) + Op.block() + Op.end + Op.drop) * n + sum_adds(n - 1)
    m.func([I32], [I32], body, export='run')
    return Case(m, n, args=[4])


def stack_deep(n):
    """An operand stack n values deep."""
    m = Module()
    body = b''.join(Op.i32_const(i) for i in range(n)) + sum_adds(n - 1)
    m.func([], [I32], body, export='run')
    return Case(m, s32(n * (n - 1) // 2))


def big_body(n):
    """One straight-line function of 4n instructions."""
    m = Module()
    body = b''.join(Op.local_get(0) + Op.i32_const(i * 7 + 1) + Op.i32_add + Op.local_set(0) for i in range(n))
    body += Op.local_get(0)
    m.func([I32], [I32], body, export='run')
    return Case(m, s32(3 + sum(i * 7 + 1 for i in range(n))), args=[3])


# ---- module-level counts --------------------------------------------------------------------

def functions(n):
    """n exported functions, each called once (each compiled lazily by the baseline)."""
    m = Module()
    run = m.declare([], [I32])
    fs = [m.func([], [I32], Op.i32_const(i), export=f'f{i}') for i in range(n)]
    m.define(run, Op.i32_const(0) + b''.join(Op.call(f) + Op.i32_add for f in fs))
    m.export('run', 0, run)
    return Case(m, s32(n * (n - 1) // 2))


def funcs_locals(n):
    """n functions of 50,000 locals each (a few bytes of body each), each called once."""
    m = Module()
    run = m.declare([], [I32])
    fs = [m.func([], [I32], Op.i32_const(i) + Op.local_set(i % MAX_LOCALS) + Op.local_get(i % MAX_LOCALS),
                 locals_=[(MAX_LOCALS, I32)]) for i in range(n)]
    m.define(run, Op.i32_const(0) + b''.join(Op.call(f) + Op.i32_add for f in fs))
    m.export('run', 0, run)
    return Case(m, s32(n * (n - 1) // 2))


def imports(n):
    """n imported functions (WASI's sched_yield), each called once."""
    m = Module()
    fs = [m.import_func('wasi_snapshot_preview1', 'sched_yield', [], [I32]) for _ in range(n)]
    m.func([], [I32], Op.i32_const(0) + b''.join(Op.call(f) + Op.i32_eqz + Op.i32_add for f in fs), export='run')
    return Case(m, n)


def globals_(n):
    """n mutable globals, each read, written and read again."""
    m = Module()
    gs = [m.global_(I32, True, Op.i32_const(3 * i)) for i in range(n)]
    body = Op.i32_const(0) + b''.join(Op.global_get(g) + Op.i32_add for g in gs)
    body += b''.join(Op.global_get(g) + Op.i32_const(1) + Op.i32_add + Op.global_set(g) for g in gs)
    body += b''.join(Op.global_get(g) + Op.i32_add for g in gs)
    m.func([], [I32], body, export='run')
    return Case(m, s32(2 * sum(3 * i for i in range(n)) + n))


def _count_loop(n, step_body):
    """i from 0 to n (local 0), acc in local 1; step_body adds to the acc on the stack."""
    return (Op.block() + Op.loop() + Op.local_get(0) + Op.i32_const(n) + Op.i32_lt_u + Op.i32_eqz + Op.br_if(1) +
            Op.local_get(1) + step_body + Op.local_set(1) +
            Op.local_get(0) + Op.i32_const(1) + Op.i32_add + Op.local_set(0) + Op.br(0) + Op.end + Op.end +
            Op.local_get(1))


def data_segments(n):
    """n active data segments of 4 bytes each; the export sums what they wrote."""
    m = Module()
    m.memory((4 * n) // 65536 + 1)
    for i in range(n):
        m.active_data(Op.i32_const(4 * i), (i + 1).to_bytes(4, 'little'))
    step = Op.local_get(0) + Op.i32_const(4) + Op.i32_mul + Op.i32_load() + Op.i32_add
    m.func([], [I32], _count_loop(n, step), locals_=[(2, I32)], export='run')
    return Case(m, s32(n * (n + 1) // 2))


def elem_segments(n):
    """n active element segments of one function each into a table of n; the export calls
    every entry through call_indirect."""
    m = Module()
    run = m.declare([], [I32])
    gs = [m.func([], [I32], Op.i32_const(k + 1)) for k in range(4)]
    m.table(n)
    for i in range(n):
        m.active_elem(Op.i32_const(i), [gs[i % 4]])
    step = Op.local_get(0) + Op.call_indirect(m.type([], [I32])) + Op.i32_add
    m.define(run, _count_loop(n, step), locals_=[(2, I32)])
    m.export('run', 0, run)
    return Case(m, s32(sum(i % 4 + 1 for i in range(n))))


def init_depth(n):
    """Extended-const initialisers whose operand stack is n deep: an i32 and an i64 global, a
    data segment's offset and an element segment's offset."""
    m = Module()
    g32 = m.global_(I32, False, Op.i32_const(1) * n + Op.i32_add * (n - 1))
    g64 = m.global_(I64, False, Op.i64_const(3) * n + Op.i64_mul * (n - 1))
    m.memory(1)
    m.active_data(Op.i32_const(0) * (n - 1) + Op.i32_const(16) + Op.i32_add * (n - 1), [42])
    run = m.declare([], [I64])
    seven = m.func([], [I32], Op.i32_const(7))
    m.table(2)
    m.active_elem(Op.i32_const(1) * n + Op.i32_mul * (n - 1), [seven])   # 1 * 1 * ... = 1
    body = (Op.global_get(g64) + Op.global_get(g32) + Op.i64_extend_i32_u + Op.i64_add +
            Op.i32_const(0) + Op.i32_load8_u(16) + Op.i64_extend_i32_u + Op.i64_add +
            Op.i32_const(1) + Op.call_indirect(m.type([], [I32])) + Op.i64_extend_i32_u + Op.i64_add)
    m.define(run, body)
    m.export('run', 0, run)
    return Case(m, s64(pow(3, n, 1 << 64) + n + 42 + 7))


# ---- run-time sizes -------------------------------------------------------------------------

def call_depth(n):
    """Recursion n calls deep (the units are calls, not bytes)."""
    depth = min(n, 60000)
    m = Module()
    f = m.declare([I32], [I32])
    body = (Op.local_get(0) + Op.i32_eqz + Op.if_(I32) + Op.i32_const(0) + Op.else_ +
            Op.local_get(0) + Op.i32_const(1) + Op.i32_sub + Op.call(f) + Op.i32_const(1) + Op.i32_add + Op.end)
    m.define(f, body)
    m.export('run', 0, f)
    return Case(m, depth, args=[depth], units=depth)


def call_exhaust(n, stack_kib=None):
    """Unbounded recursion: must trap 'call stack exhausted', never crash."""
    m = Module()
    f = m.declare([I32], [I32])
    m.define(f, Op.local_get(0) + Op.i32_const(1) + Op.i32_add + Op.call(f) + Op.i32_const(1) + Op.i32_add)
    m.export('run', 0, f)
    return Case(m, trap='call stack exhausted', args=[0], units=1, stack_kib=stack_kib)


def call_exhaust_small_stack(n):
    """The same on a 256 KiB native stack (ulimit -s 256)."""
    return call_exhaust(n, stack_kib=256)


def memory_pages(n):
    """A memory of n pages (at most 16,384: 1 GiB), one word written and read in each."""
    pages = min(n, 16384)
    m = Module()
    m.memory(pages)
    step = (Op.local_get(0) + Op.i32_const(65536) + Op.i32_mul + Op.local_get(0) + Op.i32_store() +
            Op.local_get(0) + Op.i32_const(65536) + Op.i32_mul + Op.i32_load() + Op.i32_add)
    m.func([], [I32], _count_loop(pages, step), locals_=[(2, I32)], export='run')
    return Case(m, s32(pages * (pages - 1) // 2), units=pages)


def table_elems(n):
    """A table of 100n elements (at most 10,000,000): its size and its last element."""
    size = min(100 * n, 10000000)
    m = Module()
    m.table(size)
    body = Op.table_size() + Op.i32_const(size - 1) + Op.table_get() + Op.ref_is_null + Op.i32_add
    m.func([], [I32], body, export='run')
    return Case(m, size + 1, units=size)


SHAPES = {
    'nest_block': nest_block,
    'nest_if': nest_if,
    'nest_loop': nest_loop,
    'br_table_wide': br_table_wide,
    'br_table_same': br_table_same,
    'br_if_const': br_if_const,
    'br_if_extra': br_if_extra,
    'br_param_blocks': br_param_blocks,
    'br_mixed': br_mixed,
    'locals': locals_chain,
    'locals_loops': locals_loops,
    'pending_get': pending_get,
    'pending_get_many': pending_get_many,
    'pending_block': pending_block,
    'stack_deep': stack_deep,
    'big_body': big_body,
    'functions': functions,
    'funcs_locals': funcs_locals,
    'imports': imports,
    'globals': globals_,
    'data_segments': data_segments,
    'elem_segments': elem_segments,
    'init_depth': init_depth,
    'call_depth': call_depth,
    'call_exhaust': call_exhaust,
    'call_exhaust_256k': call_exhaust_small_stack,
    'memory_pages': memory_pages,
    'table_elems': table_elems,
}


# How many units of each shape one step of the driver's size is: shapes whose unit costs a few
# bytes and microseconds run larger, so that a quadratic cost would show at the CI size.
SCALE = {
    'nest_block': 10, 'nest_if': 10, 'nest_loop': 10, 'br_table_wide': 10, 'br_table_same': 4,
    'br_if_const': 4, 'br_if_extra': 4, 'br_mixed': 10, 'locals': 4, 'locals_loops': 4,
    'pending_get': 10, 'pending_get_many': 4, 'pending_block': 10, 'stack_deep': 10, 'big_body': 10,
    'init_depth': 10, 'call_depth': 10,
}


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in SHAPES:
        sys.exit('usage: shapes.py SHAPE N OUT.wasm\nshapes: ' + ' '.join(SHAPES))
    case = SHAPES[sys.argv[1]](int(sys.argv[2]))
    with open(sys.argv[3], 'wb') as f:
        f.write(case.wasm)
    stack = f'ulimit -s {case.stack_kib}; ' if case.stack_kib else ''
    answer = f'traps: {case.trap}' if case.trap else f'prints {case.expect}'
    print(f'{sys.argv[3]}: {len(case.wasm)} bytes; {stack}wasmlab run --invoke {case.invoke} {sys.argv[3]} '
          f'{" ".join(case.args)}  # {answer}')


if __name__ == '__main__':
    main()
