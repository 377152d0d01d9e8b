#!/usr/bin/env python3
"""float_edges.py: writes float_edges.wat beside itself (the f32/f64 edge cases of run_edges.sh).

Each loop export hashes the result bits of one op over every operand (or operand pair) of the
value tables below, calling small functions whose operands are frame slots, constants, values on
the stack, the result's own slot and pinned locals, so every operand form of the baseline's float
emitter is exercised.  The trapping truncations get one export per operand: result or trap.
Run it after changing the tables; the .wat is what the test reads.
"""
import os
import struct

F32 = [0x00000000, 0x80000000, 0x3f800000, 0xbf800000, 0x7f800000, 0xff800000, 0x7fc00000, 0xffc00000,
       0x7f800001, 0x7fa01234, 0xff812345, 0xffc0abcd, 0x00000001, 0x807fffff, 0x7f7fffff, 0xff7fffff,
       0x3f000000, 0xbf000000, 0x3fc00000, 0x40200000, 0xbfc00000, 0xc0200000, 0x3f7fffff, 0xbf7fffff,
       0x4effffff, 0x4f000000, 0xcf000000, 0xcf000001, 0x4f7fffff, 0x4f800000, 0x5effffff, 0x5f000000,
       0xdf000000, 0xdf000001, 0x5f7fffff, 0x5f800000, 0x4b000001, 0xcb7fffff, 0x40490fdb, 0x3eaaaaab]
F64 = [0x0000000000000000, 0x8000000000000000, 0x3ff0000000000000, 0xbff0000000000000, 0x7ff0000000000000,
       0xfff0000000000000, 0x7ff8000000000000, 0xfff8000000000000, 0x7ff0000000000001, 0x7ff4000000001234,
       0xfff0000000000005, 0xfff8000000abcdef, 0x0000000000000001, 0x800fffffffffffff, 0x7fefffffffffffff,
       0xffefffffffffffff, 0x3fe0000000000000, 0xbfe0000000000000, 0x3ff8000000000000, 0x4004000000000000,
       0xbff8000000000000, 0xc004000000000000, 0x3fefffffffffffff, 0xbfefffffffffffff, 0x41dfffffffc00000,
       0x41dfffffffe00000, 0x41e0000000000000, 0xc1e0000000000000, 0xc1e0000000100000, 0xc1e0000000200000,
       0xc1e0000000200001, 0x41efffffffe00000, 0x41f0000000000000, 0x43dfffffffffffff, 0x43e0000000000000,
       0xc3e0000000000000, 0xc3e0000000000001, 0x43efffffffffffff, 0x43f0000000000000, 0x4330000000000001,
       0x400921fb54442d18, 0x36a0000000000000, 0x47efffffe0000000, 0x47efffffefffffff, 0x3810000000000000]
I32 = [0, 1, 0xffffffff, 0x7fffffff, 0x80000000, 0x80000001, 0x01000001, 0x01000003, 0xfeffffff, 0x00ffffff,
       0x7fffffc0, 0x7fffff80, 0xffffff7f, 0x12345678, 0xdeadbeef, 0x00000100]
I64 = [0, 1, 0xffffffffffffffff, 0x7fffffffffffffff, 0x8000000000000000, 0x8000000000000001,
       0x0020000000000001, 0x0020000000000003, 0x8000008000000001, 0x8000008000000000, 0x8000018000000000,
       0x7fffff8000000000, 0x7fffffc000000000, 0x8000000000000400, 0x8000000000000401, 0x8000000000000c00,
       0x9000000000000800, 0xffffffffffffff00, 0xfffffe8000000000, 0x00000000ffffffff, 0x0000000100000000,
       0xffffff8000000001, 0x123456789abcdef0, 0xfedcba9876543210]
TABLES = {'f32': (0, F32, 4), 'f64': (1024, F64, 8), 'i32': (2048, I32, 4), 'i64': (3072, I64, 8)}
# constant operands: -0, a NaN with a payload, an ordinary value, -inf, the smallest subnormal
KS = {'f32': ['-0x0p+0', 'nan:0x12345', '0x1.8p+0', '-inf', '0x1p-149'],
      'f64': ['-0x0p+0', 'nan:0x123456789', '0x1.8p+0', '-inf', '0x1p-1074']}

out = []
w = out.append


def bits_of(t): return {'f32': 'i32', 'f64': 'i64'}.get(t, t)


def hashed(t, e):
    """(call $hT e): fold a value of type t into the hash $h."""
    return '(call $h%s %s)' % (t, e)


def at(t, i):
    """(call $tT i): entry i of the table of type t."""
    return '(call $t%s (local.get %s))' % (t, i)


def loop(var, t, body, indent):
    n = len(TABLES[t][1])
    w('%s(loop $l%s' % (indent, var[1:]))
    for line in body:
        w('%s  %s' % (indent, line))
    w('%s  (br_if $l%s (i32.lt_u (local.tee %s (i32.add (local.get %s) (i32.const 1))) (i32.const %d))))'
      % (indent, var[1:], var, var, n))


def export(name, locals_, body):
    w('  (func (export "%s") (result i64) %s' % (name, locals_))
    w('    (global.set $h (i64.const 0))')
    for line in body:
        w('    ' + line)
    w('    (global.get $h))')


w(';; float_edges.wat: f32/f64 edge cases for tests/baseline/run_edges.sh, which runs every export in the')
w(';; interpreter and the baseline JIT and wants the same output (result bits, NaN payloads, traps).')
w(';; Written by float_edges.py (its docstring says what is covered): edit that and rerun it.')
w('(module')
w('  (memory 1)')
for t, (addr, vals, size) in TABLES.items():
    raw = b''.join(struct.pack('<I' if size == 4 else '<Q', v) for v in vals)
    w('  (data (i32.const %d)' % addr)
    for k in range(0, len(raw), 32):
        w('    "%s"' % ''.join('\\%02x' % x for x in raw[k:k + 32]))
    w('  )')
w('  (global $h (mut i64) (i64.const 0))')
w('  (func $hi64 (param i64)')
w('    (global.set $h (i64.mul (i64.xor (global.get $h) (local.get 0)) (i64.const 0x100000001b3))))')
w('  (func $hi32 (param i32) (call $hi64 (i64.extend_i32_u (local.get 0))))')
w('  (func $hf32 (param f32) (call $hi32 (i32.reinterpret_f32 (local.get 0))))')
w('  (func $hf64 (param f64) (call $hi64 (i64.reinterpret_f64 (local.get 0))))')
for t, (addr, vals, size) in TABLES.items():
    w('  (func $t%s (param i32) (result %s) (%s.load offset=%d (i32.shl (local.get 0) (i32.const %d))))'
      % (t, t, t, addr, 2 if size == 4 else 3))

# ---- binary ops: ss (slots), aa (a == b), rb (the result retargets operand b, in a register or
# ---- not), st (operands on the stack), sk/ks (a constant b or a)
for t in ('f32', 'f64'):
    for op in ['add', 'sub', 'mul', 'div', 'min', 'max', 'copysign']:
        n = '%s_%s' % (t, op)
        sig = '(param %s %s) (result %s)' % (t, t, t)
        w('  (func $%s_ss %s (%s.%s (local.get 0) (local.get 1)))' % (n, sig, t, op))
        w('  (func $%s_aa %s (%s.%s (local.get 0) (local.get 0)))' % (n, sig, t, op))
        w('  (func $%s_rb %s (local.set 1 (%s.neg (%s.neg (local.get 1))))' % (n, sig, t, t))
        w('    (local.set 1 (%s.%s (local.get 0) (local.get 1))) (local.get 1))' % (t, op))
        w('  (func $%s_rbm %s (local.set 1 (%s.%s (local.get 0) (local.get 1))) (local.get 1))' % (n, sig, t, op))
        w('  (func $%s_st %s (%s.%s (%s.abs (%s.neg (local.get 0))) (%s.neg (local.get 1))))' % (n, sig, t, op, t, t, t))
        for k, kv in enumerate(KS[t]):
            w('  (func $%s_sk%d (param %s) (result %s) (%s.%s (local.get 0) (%s.const %s)))' % (n, k, t, t, t, op, t, kv))
            w('  (func $%s_ks%d (param %s) (result %s) (%s.%s (%s.const %s) (local.get 0)))' % (n, k, t, t, t, op, t, kv))
        inner = [hashed(t, '(call $%s_%s %s %s)' % (n, s, at(t, '$i'), at(t, '$j'))) for s in ('ss', 'rb', 'rbm', 'st')]
        body = ['(local.set $j (i32.const 0))']
        outer_tail = [hashed(t, '(call $%s_aa %s %s)' % (n, at(t, '$i'), at(t, '$i')))]
        outer_tail += [hashed(t, '(call $%s_%s%d %s)' % (n, s, k, at(t, '$i'))) for k in range(len(KS[t])) for s in ('sk', 'ks')]
        export(n, '(local $i i32) (local $j i32)', [])
        out.pop()  # reopen the body: nested loops are written by hand here
        w('    (loop $li (local.set $j (i32.const 0))')
        loop('$j', t, inner, '      ')
        for line in outer_tail:
            w('      ' + line)
        w('      (br_if $li (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const %d))))'
          % len(TABLES[t][1]))
        w('    (global.get $h))')

# ---- unary ops, promote and demote
for t in ('f32', 'f64'):
    ops = [('%s.%s' % (t, o), t, t) for o in ['abs', 'neg', 'sqrt', 'ceil', 'floor', 'trunc', 'nearest']]
    ops.append(('f64.promote_f32', 'f32', 'f64') if t == 'f32' else ('f32.demote_f64', 'f64', 'f32'))
    for (op, ta, tr) in ops:
        n = op.replace('.', '_')
        w('  (func $%s_s (param %s) (result %s) (%s (local.get 0)))' % (n, ta, tr, op))
        w('  (func $%s_st (param %s) (result %s) (%s (%s.add (local.get 0) (%s.const -0x0p+0))))' % (n, ta, tr, op, ta, ta))
        w('  (func $%s_k (result %s) (%s (%s.const nan:0x1)))' % (n, tr, op, ta))
        export(n, '(local $i i32)', [hashed(tr, '(call $%s_k)' % n)])
        out.pop()
        loop('$i', ta, [hashed(tr, '(call $%s_%s %s)' % (n, s, at(ta, '$i'))) for s in ('s', 'st')], '    ')
        w('    (global.get $h))')

# ---- compares: materialised, fused with br_if, with if (br_unless), under select, constants, and
# ---- with the result in operand a's slot
for t in ('f32', 'f64'):
    for op in ['eq', 'ne', 'lt', 'gt', 'le', 'ge']:
        n = '%s_%s' % (t, op)
        e = '(%s.%s (local.get 0) (local.get 1))' % (t, op)
        sig = '(param %s %s) (result i32)' % (t, t)
        w('  (func $%s_v %s %s)' % (n, sig, e))
        w('  (func $%s_brif %s (block (br_if 0 %s) (return (i32.const 7))) (i32.const 9))' % (n, sig, e))
        w('  (func $%s_if %s (if (result i32) %s (then (i32.const 3)) (else (i32.const 5))))' % (n, sig, e))
        w('  (func $%s_sel %s (select (i32.const 11) (i32.const 13) %s))' % (n, sig, e))
        w('  (func $%s_st %s (%s.%s (%s.neg (local.get 0)) (%s.neg (local.get 1))))' % (n, sig, t, op, t, t))
        w('  (func $%s_k1 (param %s) (result i32) (%s.%s (local.get 0) (%s.const 0x1p+0)))' % (n, t, t, op, t))
        w('  (func $%s_k2 (param %s) (result i32) (%s.%s (%s.const nan) (local.get 0)))' % (n, t, t, op, t))
        w('  (func $%s_k3 (param %s) (result i32)' % (n, t))
        w('    (if (result i32) (%s.%s (%s.const -0x0p+0) (local.get 0)) (then (i32.const 1)) (else (i32.const 2))))'
          % (t, op, t))
        inner = [hashed('i32', '(call $%s_%s %s %s)' % (n, s, at(t, '$i'), at(t, '$j')))
                 for s in ('v', 'brif', 'if', 'sel', 'st')]
        export(n, '(local $i i32) (local $j i32)', [])
        out.pop()
        w('    (loop $li (local.set $j (i32.const 0))')
        loop('$j', t, inner, '      ')
        for k in (1, 2, 3):
            w('      ' + hashed('i32', '(call $%s_k%d %s)' % (n, k, at(t, '$i'))))
        w('      (br_if $li (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const %d))))'
          % len(TABLES[t][1]))
        w('    (global.get $h))')

# ---- saturating truncations and int -> float conversions, over the tables
for r in ('i32', 'i64'):
    for t in ('f32', 'f64'):
        for s in ('s', 'u'):
            op = '%s.trunc_sat_%s_%s' % (r, t, s)
            n = op.replace('.', '_')
            w('  (func $%s_s (param %s) (result %s) (%s (local.get 0)))' % (n, t, r, op))
            w('  (func $%s_st (param %s) (result %s) (%s (%s.neg (local.get 0))))' % (n, t, r, op, t))
            export(n, '(local $i i32)', [])
            out.pop()
            loop('$i', t, [hashed(r, '(call $%s_%s %s)' % (n, sh, at(t, '$i'))) for sh in ('s', 'st')], '    ')
            w('    (global.get $h))')
for t in ('f32', 'f64'):
    for a in ('i32', 'i64'):
        for s in ('s', 'u'):
            op = '%s.convert_%s_%s' % (t, a, s)
            n = op.replace('.', '_')
            w('  (func $%s_s (param %s) (result %s) (%s (local.get 0)))' % (n, a, t, op))
            w('  (func $%s_st (param %s) (result %s) (%s (%s.xor (local.get 0) (%s.const -1))))' % (n, a, t, op, a, a))
            export(n, '(local $i i32)', [])
            out.pop()
            loop('$i', a, [hashed(t, '(call $%s_%s %s)' % (n, sh, at(a, '$i'))) for sh in ('s', 'st')], '    ')
            w('    (global.get $h))')

# ---- reinterpretations: of constants, from memory, from registers, through the same slot
export('reinterpret', '(local $i i32) (local $f f32) (local $d f64)', [
    hashed('i32', '(i32.reinterpret_f32 (f32.const nan:0x7))'),
    hashed('i64', '(i64.reinterpret_f64 (f64.reinterpret_i64 (i64.const -3)))')])
out.pop()
loop('$i', 'f32', [
    '(local.set $f %s)' % at('f32', '$i'),
    hashed('i32', '(i32.reinterpret_f32 (local.get $f))'),
    hashed('i32', '(i32.reinterpret_f32 (f32.reinterpret_i32 (i32.load (i32.shl (local.get $i) (i32.const 2)))))'),
    '(local.set $d %s)' % at('f64', '$i'),
    hashed('i64', '(i64.reinterpret_f64 (f64.neg (local.get $d)))'),
    hashed('i64', '(i64.reinterpret_f64 (f64.reinterpret_i64 (i64.add (global.get $h) (i64.const 1))))')], '    ')
w('    (global.get $h))')

# ---- pinned locals: accumulators in a loop, results retargeted onto their operands (r == a, r == b)
for t in ('f32', 'f64'):
    n = len(TABLES[t][1])
    export('%s_pinned' % t, '(local $i i32)\n    (local $a %s) (local $b %s) (local $c %s) (local $m %s) (local $n %s)'
           ' (local $s %s) (local $x %s) (local $y %s)' % ((t,) * 8), [
               '(local.set $a (%s.const 0x1.8p+0)) (local.set $m (%s.const inf)) (local.set $n (%s.const -inf))'
               % (t, t, t)])
    out.pop()
    loop('$i', t, [
        '(local.set $x %s)' % at(t, '$i'),
        '(local.set $y (call $t%s (i32.sub (i32.const %d) (local.get $i))))' % (t, n - 1),
        '(local.set $m (%s.min (local.get $m) (local.get $x)))' % t,
        '(local.set $n (%s.max (local.get $x) (local.get $n)))' % t,
        '(local.set $b (%s.sub (local.get $x) (local.get $b)))' % t,
        '(local.set $c (%s.div (local.get $y) (local.get $c)))' % t,
        '(local.set $s (%s.copysign (local.get $s) (local.get $x)))' % t,
        '(local.set $s (%s.add (local.get $s) (%s.copysign (local.get $a) (local.get $y))))' % (t, t),
        '(local.set $a (%s.mul (local.get $a) (%s.nearest (local.get $y))))' % (t, t)] +
        [hashed(t, '(local.get %s)' % v) for v in ('$a', '$b', '$c', '$m', '$n', '$s')] + [
        '(if (%s.lt (local.get $x) (local.get $y)) (then (call $hi32 (i32.const 1))))' % t,
        '(if (%s.ne (local.get $m) (local.get $n)) (then (call $hi32 (i32.const 2))))' % t], '    ')
    w('    (global.get $h))')

# ---- trapping truncations, one export per table entry (and one constant operand)
for r in ('i32', 'i64'):
    for t in ('f32', 'f64'):
        for s in ('s', 'u'):
            op = '%s.trunc_%s_%s' % (r, t, s)
            n = op.replace('.', '_')
            w('  (func $%s (param %s) (result %s) (%s (local.get 0)))' % (n, t, r, op))
            for k in range(len(TABLES[t][1])):
                w('  (func (export "%s_%d") (result %s) (call $%s (call $t%s (i32.const %d))))' % (n, k, r, n, t, k))
            w('  (func (export "%s_k") (result %s) (%s (%s.const -0x1.fffffep-1)))' % (n, r, op, t))
w(')')


def wrap(line):
    """Breaks a line longer than 120 columns before a ' (', indenting the rest 4 columns deeper."""
    lines, indent = [], len(line) - len(line.lstrip()) + 4
    while len(line) > 120:
        cut = line.rindex(' (', indent, 119)
        lines.append(line[:cut])
        line = ' ' * indent + line[cut + 1:]
    return lines + [line]


text = '\n'.join(l for line in '\n'.join(out).split('\n') for l in wrap(line)) + '\n'
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'float_edges.wat'), 'w') as f:
    f.write(text)
