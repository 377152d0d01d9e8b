#!/usr/bin/env python3
"""limits.py: every limit of docs/limits.md, just at it and just past it.

A module at a limit must validate ("ok"); one past it must be refused by `wasmlab validate` and
`wasmlab run` with exit status 1, a message that starts "implementation limit:" and names the
limit, no signal, and a peak RSS within 64 bytes per byte of the module beside start-up.  Each module is
the smallest that reaches its limit (the biggest, 10,000,001 element entries, is 10 MB).

  tests/stress/limits.py --wasmlab build/wasmlab [--only NAME,...]
"""
import argparse
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import stress  # noqa: E402
from wasmgen import FUNCREF, I32, Module, Op, name, uleb, vec  # noqa: E402


def raw_module(sections):
    """A module from (id, content) pairs, in the order given."""
    out = bytearray(b'\0asm\1\0\0\0')
    for sid, content in sections:
        out += bytes([sid]) + uleb(len(content)) + content
    return bytes(out)


def counted(n, item):
    """A vector of n copies of one encoded item."""
    return uleb(n) + item * n


EMPTY_TYPE = b'\x60\x00\x00'
ONE_FUNC = [(1, vec([EMPTY_TYPE])), (3, vec([uleb(0)]))]


def one_body(body, locals_=b'\x00'):
    code = locals_ + body + b'\x0b'
    return (10, vec([uleb(len(code)) + code]))


def types(n):
    return raw_module([(1, counted(n, EMPTY_TYPE))])


def params(n):
    return raw_module([(1, vec([b'\x60' + counted(n, bytes([I32])) + b'\x00']))])


def results(n):
    return raw_module([(1, vec([b'\x60\x00' + counted(n, bytes([I32]))]))])


def functions(n):
    return raw_module([(1, vec([EMPTY_TYPE])), (3, counted(n, b'\x00')), (10, counted(n, b'\x02\x00\x0b'))])


def imports(n):
    return raw_module([(2, counted(n, name('m') + name('g') + b'\x03\x7f\x00'))])   # immutable i32 globals


def exports(n):
    entries = [name(f'e{i}') + b'\x00\x00' for i in range(n)]
    return raw_module(ONE_FUNC + [(7, vec(entries)), one_body(b'')])


def globals_(n):
    return raw_module([(6, counted(n, b'\x7f\x00\x41\x00\x0b'))])


def data_segments(n):
    return raw_module([(12, uleb(n)), (11, counted(n, b'\x01\x00'))])   # passive, empty


def elem_entries(n):
    seg = b'\x01\x00' + counted(n, b'\x00')   # passive, elemkind funcref, n times function 0
    return raw_module(ONE_FUNC + [(9, vec([seg])), one_body(b'')])


def body_bytes(n):
    """A body of exactly n bytes (locals vector, nops, end)."""
    return raw_module(ONE_FUNC + [(10, vec([uleb(n) + b'\x00' + b'\x01' * (n - 2) + b'\x0b']))])


def locals_declared(n):
    return raw_module(ONE_FUNC + [one_body(b'', vec([uleb(n) + bytes([I32])]))])


def locals_with_params(n):
    """One parameter and n - 1 declared locals."""
    return raw_module([(1, vec([b'\x60\x01\x7f\x00'])), (3, vec([uleb(0)])),
                       one_body(b'', vec([uleb(n - 1) + bytes([I32])]))])


def tables(n):
    return raw_module([(4, counted(n, bytes([FUNCREF]) + b'\x00\x00'))])


def table_size(n):
    m = Module()
    m.table(n)
    m.func([], [], b'')
    return m.encode()


def frame_slots(n):
    """A function whose operand stack reaches n slots: 1,000-result calls, then i32.consts."""
    calls, rest = divmod(n, 1000)
    m = Module()
    h = m.func([], [I32] * 1000, Op.unreachable)
    m.func([], [], Op.call(h) * calls + Op.i32_const(0) * rest + Op.unreachable, export='run')
    return m.encode()


# name, the limit, the module builder, a phrase the refusal must contain
LIMITS = [
    ('types', 1000000, types, 'too many types'),
    ('params', 1000, params, 'too many parameters'),
    ('results', 1000, results, 'too many results'),
    ('functions', 1000000, functions, 'too many functions'),
    ('imports', 1000000, imports, 'too many imports'),
    ('exports', 1000000, exports, 'too many exports'),
    ('globals', 1000000, globals_, 'too many globals'),
    ('data_segments', 100000, data_segments, 'too many data segments'),
    ('elem_entries', 10000000, elem_entries, 'too many entries in an element segment'),
    ('body_bytes', 7654321, body_bytes, 'function body too large'),
    ('locals', 50000, locals_declared, 'too many locals'),
    ('locals_params', 50000, locals_with_params, 'too many locals (parameters included)'),
    ('tables', 65535, tables, 'too many tables'),
    ('table_size', 10000000, table_size, 'table too large'),
    ('frame_slots', 1000000, frame_slots, 'frame too large'),
]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--wasmlab', default='build/wasmlab')
    ap.add_argument('--only', help='comma-separated limits to check')
    ap.add_argument('--data-limit', type=int, default=4 << 30,
                    help='RLIMIT_DATA of each child in bytes (default 4 GiB; 0: none, as ASan needs)')
    ap.add_argument('--no-rss', action='store_true', help='do not check peak RSS (sanitizer builds)')
    ap.add_argument('--measure', help='the program of measure.c (default: built beside wasmlab, or compiled)')
    o = ap.parse_args()
    stress.find_measure(o.wasmlab, o.measure)
    chosen = [lim for lim in LIMITS if not o.only or lim[0] in o.only.split(',')]
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        for label, limit, build, phrase in chosen:
            for n, past in ((limit, False), (limit + 1, True)):
                wasm = build(n)
                path = os.path.join(tmp, f'{label}-{n}.wasm')
                with open(path, 'wb') as f:
                    f.write(wasm)
                cmds = [('validate', [o.wasmlab, 'validate', path])]
                if past:
                    cmds.append(('run', [o.wasmlab, 'run', '--invoke', 'run', path]))
                for cmd, argv in cmds:
                    r = stress.run_child(argv, 120, o.data_limit)
                    text = (r.out + r.err).strip()
                    rss = r.rss / 2**20
                    verdict = f'{label} = {n} ({len(wasm)} bytes), {cmd}: {r.describe()}, {rss:.0f} MiB: {text[-160:]}'
                    ok = r.status is not None and not r.signalled()
                    if past:
                        ok = ok and r.exit_code() == 1 and 'implementation limit:' in text and phrase in text
                    else:
                        ok = ok and r.exit_code() == 0 and r.out.startswith('ok')
                    # far from the OOM killer: a multiple of the module beside start-up (the
                    # worst is a million functions of 4 bytes, about 210 bytes of record each)
                    ok = ok and (o.no_rss or r.rss < 64 * 2**20 + 64 * len(wasm))
                    print(('ok   ' if ok else 'FAIL ') + verdict, flush=True)
                    if not ok:
                        failures.append(verdict)
                os.unlink(path)
    if failures:
        print(f'limits: {len(failures)} failures')
        return 1
    print(f'limits: all {len(chosen)} limits hold')
    return 0


if __name__ == '__main__':
    sys.exit(main())
