"""wasmgen.py: a small WebAssembly binary writer for the stress shapes (tests/stress/shapes.py).

It writes the binary format directly (no wat2wasm), so a module of megabytes takes a fraction of a
second to make.  A Module collects types, imports, functions, tables, memories, globals, exports,
element and data segments, and `encode()` lays them out in section order.
"""

I32, I64, F32, F64, V128, FUNCREF, EXTERNREF = 0x7F, 0x7E, 0x7D, 0x7C, 0x7B, 0x70, 0x6F
EMPTY = 0x40  # the empty block type


def uleb(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def sleb(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if (n == 0 and not b & 0x40) or (n == -1 and b & 0x40):
            out.append(b)
            return bytes(out)
        out.append(b | 0x80)


def vec(items):
    """A vector: its length, then the items (already encoded)."""
    return uleb(len(items)) + b''.join(items)


def name(s):
    b = s.encode()
    return uleb(len(b)) + b


class Op:
    """Instruction encoders, each returning bytes; a body is their concatenation."""
    unreachable = b'\x00'
    nop = b'\x01'
    else_ = b'\x05'
    end = b'\x0b'
    return_ = b'\x0f'
    drop = b'\x1a'
    i32_eqz = b'\x45'
    i32_lt_s = b'\x48'
    i32_lt_u = b'\x49'
    i32_add = b'\x6a'
    i32_sub = b'\x6b'
    i32_mul = b'\x6c'
    i64_add = b'\x7c'
    i64_sub = b'\x7d'
    i64_mul = b'\x7e'
    i64_extend_i32_u = b'\xad'
    ref_is_null = b'\xd1'

    @staticmethod
    def block(bt=EMPTY):
        return b'\x02' + Op._bt(bt)

    @staticmethod
    def loop(bt=EMPTY):
        return b'\x03' + Op._bt(bt)

    @staticmethod
    def if_(bt=EMPTY):
        return b'\x04' + Op._bt(bt)

    @staticmethod
    def _bt(bt):
        # a value type or 0x40 is one byte; ('type', k) is a type index (s33)
        return sleb(bt[1]) if isinstance(bt, tuple) else bytes([bt])

    @staticmethod
    def br(d):
        return b'\x0c' + uleb(d)

    @staticmethod
    def br_if(d):
        return b'\x0d' + uleb(d)

    @staticmethod
    def br_table(depths, default):
        return b'\x0e' + vec([uleb(d) for d in depths]) + uleb(default)

    @staticmethod
    def call(f):
        return b'\x10' + uleb(f)

    @staticmethod
    def call_indirect(type_index, table=0):
        return b'\x11' + uleb(type_index) + uleb(table)

    @staticmethod
    def local_get(i):
        return b'\x20' + uleb(i)

    @staticmethod
    def local_set(i):
        return b'\x21' + uleb(i)

    @staticmethod
    def local_tee(i):
        return b'\x22' + uleb(i)

    @staticmethod
    def global_get(i):
        return b'\x23' + uleb(i)

    @staticmethod
    def global_set(i):
        return b'\x24' + uleb(i)

    @staticmethod
    def table_get(t=0):
        return b'\x25' + uleb(t)

    @staticmethod
    def i32_load(offset=0, align=2):
        return b'\x28' + uleb(align) + uleb(offset)

    @staticmethod
    def i32_load8_u(offset=0):
        return b'\x2d' + uleb(0) + uleb(offset)

    @staticmethod
    def i32_store(offset=0, align=2):
        return b'\x36' + uleb(align) + uleb(offset)

    @staticmethod
    def i32_const(k):
        k &= 0xFFFFFFFF
        return b'\x41' + sleb(k - (1 << 32) if k >= 1 << 31 else k)

    @staticmethod
    def i64_const(k):
        k &= 0xFFFFFFFFFFFFFFFF
        return b'\x42' + sleb(k - (1 << 64) if k >= 1 << 63 else k)

    @staticmethod
    def table_size(t=0):
        return b'\xfc' + uleb(16) + uleb(t)


class Module:
    def __init__(self):
        self.types = []        # (params, results) tuples, deduplicated
        self.imports = []      # encoded import entries
        self.nimported_funcs = 0
        self.funcs = []        # (type index, locals [(count, type)], body bytes)
        self.tables = []       # (elem type, min, max or None)
        self.memories = []     # (min, max or None)
        self.globals = []      # (type, mutable, init expression bytes without the end)
        self.exports = []      # (name, kind, index)
        self.elems = []        # encoded segments
        self.datas = []        # encoded segments
        self.start = None

    def type(self, params, results):
        t = (tuple(params), tuple(results))
        if t not in self.types:
            self.types.append(t)
        return self.types.index(t)

    def import_func(self, module, field, params, results):
        assert not self.funcs, 'imports come before definitions in the index space'
        self.imports.append(name(module) + name(field) + b'\x00' + uleb(self.type(params, results)))
        self.nimported_funcs += 1
        return self.nimported_funcs - 1

    def func(self, params, results, body, locals_=(), export=None):
        """Adds a function (body without its final end) and returns its index."""
        index = self.nimported_funcs + len(self.funcs)
        self.funcs.append((self.type(params, results), list(locals_), body))
        if export:
            self.exports.append((export, 0, index))
        return index

    def declare(self, params, results):
        """Reserves a function index whose body is given later with define()."""
        index = self.func(params, results, b'')
        return index

    def define(self, index, body, locals_=()):
        t, _, _ = self.funcs[index - self.nimported_funcs]
        self.funcs[index - self.nimported_funcs] = (t, list(locals_), body)

    def table(self, minimum, maximum=None, elem=FUNCREF):
        self.tables.append((elem, minimum, maximum))
        return len(self.tables) - 1

    def memory(self, minimum, maximum=None):
        self.memories.append((minimum, maximum))
        return 0

    def global_(self, valtype, mutable, init):
        self.globals.append((valtype, mutable, init))
        return len(self.globals) - 1

    def export(self, field, kind, index):
        self.exports.append((field, kind, index))

    def active_data(self, offset_expr, data):
        self.datas.append(uleb(0) + offset_expr + Op.end + uleb(len(data)) + bytes(data))

    def active_elem(self, offset_expr, funcs):
        self.elems.append(uleb(0) + offset_expr + Op.end + vec([uleb(f) for f in funcs]))

    @staticmethod
    def _limits(minimum, maximum):
        return b'\x00' + uleb(minimum) if maximum is None else b'\x01' + uleb(minimum) + uleb(maximum)

    def encode(self):
        out = bytearray(b'\0asm\1\0\0\0')

        def section(sid, content):
            out.extend(bytes([sid]) + uleb(len(content)) + content)

        section(1, vec([b'\x60' + vec([bytes([t]) for t in p]) + vec([bytes([t]) for t in r])
                        for p, r in self.types]))
        if self.imports:
            section(2, vec(self.imports))
        section(3, vec([uleb(t) for t, _, _ in self.funcs]))
        if self.tables:
            section(4, vec([bytes([e]) + self._limits(lo, hi) for e, lo, hi in self.tables]))
        if self.memories:
            section(5, vec([self._limits(lo, hi) for lo, hi in self.memories]))
        if self.globals:
            section(6, vec([bytes([t, 1 if m else 0]) + init + Op.end for t, m, init in self.globals]))
        if self.exports:
            section(7, vec([name(n) + bytes([k]) + uleb(i) for n, k, i in self.exports]))
        if self.start is not None:
            section(8, uleb(self.start))
        if self.elems:
            section(9, vec(self.elems))
        if self.datas:
            section(12, uleb(len(self.datas)))
        bodies = []
        for _, locals_, body in self.funcs:
            code = vec([uleb(n) + bytes([t]) for n, t in locals_]) + body + Op.end
            bodies.append(uleb(len(code)) + code)
        section(10, vec(bodies))
        if self.datas:
            section(11, vec(self.datas))
        return bytes(out)
