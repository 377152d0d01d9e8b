#!/usr/bin/env python3
"""stress.py: runs every shape of tests/stress/shapes.py at two sizes through `wasmlab validate` and
`wasmlab run` in every tier, and fails when a run crashes, hangs or gives a wrong answer, or when
its cost grows faster than the module.

For each shape it makes the module at n and at ratio*n (times the shape's SCALE: cheap units run
larger; --sizes gives the units exactly), runs `validate --stats` and
`run --tier T --invoke run` for each tier, and measures each child itself (CPU time and peak RSS
from wait4's rusage: CPU time, not wall time, so that a machine shared with other work does not
count).  Costs are taken above a reference run (a module of one
function) so that start-up does not count; a cost at the larger size above
  max(floor, GROWTH x (units ratio) x cost at the smaller size)
is super-linear growth (GROWTH is 3: quadratic growth over a 4x step is 16x, linear 4x).  It also
prints validation speed in MB/s against the 50 MB/s goal: the module's bytes over the CPU time of
`wasmlab validate` above the reference's (reading, decoding, validating and freeing it; CPU time,
since --stats' in-process times are wall-clock and a loaded machine stretches them many times);
--min-mbs makes a slower shape a failure.

  tests/stress/stress.py --wasmlab build/wasmlab                   # CI size (n = 1000 and 4000)
  tests/stress/stress.py --wasmlab build/wasmlab --size 25000 --min-mbs 50   # larger, locally
  tests/stress/stress.py --only init_depth --sizes 17,100,100000   # chosen sizes, answers only
  tests/stress/stress.py --tiers opt --sizes 500                   # the optimising tier's answers
  tests/stress/stress.py --tiers opt --only br_if_extra --sizes 400000 --max-rss-mib 320
                                                                   # what an opt refusal may cost

The default tiers are interp, baseline and tiered; opt is there for --tiers and has a run of its
own in CI (meson test stress/opt, at --size 500): its growth is checked the same way, what grows
faster than a function there being under a budget past which the function stays in the tier
below (docs/limits.md).
"""
import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from shapes import SCALE, SHAPES  # noqa: E402
from wasmgen import I32, Module, Op  # noqa: E402

TIERS = ['interp', 'baseline', 'tiered']
BODY_LIMIT = 7654321  # bytes of one function body (docs/limits.md): a shape is not run past it
GROWTH = 3.0          # allowed cost ratio over the units ratio
TIME_FLOOR = 0.25     # seconds: growth below this is never a failure
RSS_FLOOR = 32 << 20  # bytes: likewise for peak RSS


def read_uleb(b, i):
    n = shift = 0
    while True:
        x = b[i]
        i += 1
        n |= (x & 0x7F) << shift
        shift += 7
        if not x & 0x80:
            return n, i


def largest_body(wasm):
    """The size of the module's largest function body (0: none), read from its code section."""
    i = 8
    while i < len(wasm):
        sid = wasm[i]
        size, i = read_uleb(wasm, i + 1)
        if sid == 10:
            count, j = read_uleb(wasm, i)
            largest = 0
            for _ in range(count):
                body, j = read_uleb(wasm, j)
                largest = max(largest, body)
                j += body
            return largest
        i += size
    return 0


def case_within_limit(shape, n):
    """The shape's case at n, or, when that makes a function body past BODY_LIMIT, at an n just
    under it (bodies grow linearly with n: scaled down, then stepped down 0.1% until it fits),
    saying so."""
    case = SHAPES[shape](n)
    body = largest_body(case.wasm)
    if body <= BODY_LIMIT:
        return n, case
    m = n * BODY_LIMIT // body
    while m > 1 and largest_body((case := SHAPES[shape](m)).wasm) > BODY_LIMIT:
        m = m * 999 // 1000
    print(f'{shape}: n={n} makes a function body past the {BODY_LIMIT:,}-byte limit; run at n={m} instead',
          flush=True)
    return m, case


class Result:
    def __init__(self, how, code, wall, cpu, rss, out, err):
        self.how, self.code = how, code          # 'exit' / 'signal' / 'timeout', and its number
        self.wall, self.cpu, self.rss, self.out, self.err = wall, cpu, rss, out, err
        self.status = None if how == 'timeout' else (how, code)

    def signalled(self):
        return self.how == 'signal'

    def exit_code(self):
        return self.code if self.how == 'exit' else None

    def describe(self):
        if self.how == 'timeout':
            return 'timed out'
        if self.how == 'signal':
            return f'killed by signal {self.code} ({signal.Signals(self.code).name})'
        return f'exit {self.code}'


MEASURE = None  # the measure program (measure.c): see find_measure


def find_measure(wasmlab, given=None):
    """measure.c's program: given, built by meson beside wasmlab, or compiled here with cc."""
    global MEASURE
    here = os.path.dirname(os.path.abspath(__file__))
    for path in [given, os.path.join(os.path.dirname(os.path.abspath(wasmlab)), 'tests', 'stress-measure')]:
        if path and os.access(path, os.X_OK):
            MEASURE = path
            return
    if given:
        sys.exit(f'stress: no program at {given}')
    MEASURE = os.path.join(tempfile.mkdtemp(prefix='stress-measure-'), 'measure')
    subprocess.run(['cc', '-O2', '-o', MEASURE, os.path.join(here, 'measure.c')], check=True)


def run_child(argv, timeout, data_limit, stack_kib=None):
    """Runs argv through measure: its status, wall and CPU time, peak RSS (bytes) and output."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile('r') as report:
        t0 = time.monotonic()
        cmd = [MEASURE, report.name, str(timeout), str(data_limit or 0), str(stack_kib or 0)] + list(argv)
        p = subprocess.run(cmd, stdout=out, stderr=err, timeout=timeout + 30)
        wall = time.monotonic() - t0
        out.seek(0)
        err.seek(0)
        line = report.read().split()
        if p.returncode != 0 or len(line) < 3:
            sys.exit(f'stress: measure failed on {" ".join(argv)}: {err.read().decode(errors="replace")}')
        how, code = line[0], (int(line[1]) if line[0] != 'timeout' else None)
        cpu, rss = float(line[-2]), int(line[-1]) * 1024
        return Result(how, code, wall, cpu, rss, out.read().decode(errors='replace'),
                      err.read().decode(errors='replace'))


class Runner:
    def __init__(self, opts, workdir):
        self.o = opts
        self.dir = workdir
        self.failures = []
        self.rows = []
        self.reference = {}

    def commands(self, path, case):
        cmds = [('validate', [self.o.wasmlab, 'validate', '--stats', path])]
        for tier in self.o.tiers:
            if case is None or case.tiers is None or tier in case.tiers:
                argv = [self.o.wasmlab, 'run', '--tier', tier]
                if case is not None:
                    argv += ['--invoke', case.invoke, path] + case.args
                else:
                    argv += ['--invoke', 'run', path]
                cmds.append((tier, argv))
        return cmds

    def measure_reference(self):
        """Start-up cost of each command on a module of one tiny function."""
        m = Module()
        m.func([], [I32], Op.i32_const(1), export='run')
        path = os.path.join(self.dir, 'reference.wasm')
        with open(path, 'wb') as f:
            f.write(m.encode())
        for name, argv in self.commands(path, None):
            best = None
            for _ in range(3):
                r = run_child(argv, 30, self.o.data_limit)
                if best is None or r.cpu < best.cpu:
                    best = r
            self.reference[name] = (best.cpu, best.rss)

    def fail(self, shape, what):
        self.failures.append(f'{shape}: {what}')
        print(f'  FAIL {shape}: {what}', flush=True)

    def check_run(self, shape, n, cmd, case, r):
        where = f'{cmd} at n={n}'
        if r.status is None:
            return self.fail(shape, f'{where} timed out after {self.o.timeout:.0f} s')
        if r.signalled():
            return self.fail(shape, f'{where} {r.describe()}: {r.err.strip()[-300:]}')
        if cmd == 'validate':
            if r.exit_code() != 0 or not r.out.startswith('ok'):
                self.fail(shape, f'{where}: {r.describe()}: {(r.out + r.err).strip()[-300:]}')
            return
        if case.trap:
            if case.trap not in r.err or r.exit_code() == 0:
                self.fail(shape, f'{where}: expected the trap "{case.trap}", got {r.describe()}: '
                                 f'{(r.out + r.err).strip()[-300:]}')
            return
        got = r.out.strip()
        if r.exit_code() != 0 or got != case.expect:
            self.fail(shape, f'{where}: expected {case.expect}, got {r.describe()} "{got[-100:]}" '
                             f'{r.err.strip()[-300:]}')

    def run_shape(self, shape, sizes):
        measured = []   # per size: (n, bytes, units, {cmd: Result}, validate seconds)
        for n in sizes:
            n *= 1 if self.o.sizes else SCALE.get(shape, 1)
            n, case = case_within_limit(shape, n)
            path = os.path.join(self.dir, f'{shape}-{n}.wasm')
            with open(path, 'wb') as f:
                f.write(case.wasm)
            results = {}
            vsec = None
            for cmd, argv in self.commands(path, case):
                r = run_child(argv, self.o.timeout, self.o.data_limit, case.stack_kib if cmd != 'validate' else None)
                results[cmd] = r
                self.check_run(shape, n, cmd, case, r)
                if cmd == 'validate' and r.exit_code() == 0:
                    # the best of several, for the speed and the growth check alike: a shared machine
                    # is noisy, and a process's first touch of memory another has just freed can cost
                    # several times its usual CPU time on the project's VM
                    for _ in range(self.o.repeat - 1):
                        again = run_child(argv, self.o.timeout, self.o.data_limit)
                        if again.status == r.status and again.cpu < r.cpu:
                            r = again
                    results[cmd] = r
                    vsec = max(r.cpu - self.reference['validate'][0], 1e-4)
            measured.append((n, len(case.wasm), case.units, results, vsec))
            if not self.o.keep:
                os.unlink(path)
        self.report(shape, measured)

    def report(self, shape, measured):
        cmds = list(measured[0][3])
        n0, b0, u0, r0, _ = measured[0]
        for n1, b1, u1, r1, _ in measured[1:]:
            ratio = u1 / u0
            if ratio <= 1.0:
                continue
            for cmd in cmds:
                a, b = r0.get(cmd), r1.get(cmd)
                if a is None or b is None or a.status is None or b.status is None:
                    continue
                ref_t, ref_rss = self.reference[cmd]
                ta, tb = max(a.cpu - ref_t, 0.0), max(b.cpu - ref_t, 0.0)
                ra, rb = max(a.rss - ref_rss, 0), max(b.rss - ref_rss, 0)
                if tb > max(TIME_FLOOR, GROWTH * ratio * ta):
                    self.fail(shape, f'{cmd}: time grows super-linearly: {ta:.3f} s at n={n0} -> {tb:.3f} s at '
                                     f'n={n1} ({tb / max(ta, 1e-3):.1f}x for {ratio:.1f}x the units)')
                if rb > max(RSS_FLOOR, GROWTH * ratio * ra):
                    self.fail(shape, f'{cmd}: peak RSS grows super-linearly: {ra / 2**20:.1f} MiB at n={n0} -> '
                                     f'{rb / 2**20:.1f} MiB at n={n1} ({rb / max(ra, 1):.1f}x for {ratio:.1f}x the units)')
        for n, size, units, results, vsec in measured:
            mbs = size / vsec / 1e6 if vsec else None
            for cmd in cmds:
                r = results[cmd]
                over = (r.rss - self.reference[cmd][1]) / 2**20
                if self.o.max_rss_mib and r.status is not None and over > self.o.max_rss_mib:
                    self.fail(shape, f'{cmd} at n={n}: peak RSS {over:.0f} MiB above the reference, '
                                     f'more than --max-rss-mib {self.o.max_rss_mib:.0f}')
            row = [shape, n, size] + [(results[cmd].cpu, results[cmd].rss) for cmd in cmds]
            self.rows.append((row, cmds, mbs))
            cells = ' '.join(f'{c}={r[0]:.3f}s/{r[1] / 2**20:.0f}M' for c, r in zip(cmds, row[3:]))
            speed = f'{mbs:8.1f} MB/s' if mbs is not None else '       - MB/s'
            print(f'{shape:18} n={n:<8} {size:>10} B  validate {speed}  {cells}', flush=True)
        if self.o.min_mbs and mbs is not None and mbs < self.o.min_mbs and size >= 100000:
            self.fail(shape, f'validation at {mbs:.1f} MB/s, below {self.o.min_mbs} MB/s ({size} bytes)')

    def json(self, path):
        import json
        with open(path, 'w') as f:
            for row, cmds, mbs in self.rows:
                cells = {c: {'cpu': r[0], 'rss': r[1]} for c, r in zip(cmds, row[3:])}
                f.write(json.dumps({'shape': row[0], 'n': row[1], 'bytes': row[2], 'validate_mbs': mbs,
                                    'runs': cells}) + '\n')

    def markdown(self):
        if not self.rows:
            return
        cmds = self.rows[0][1]
        print('\n| shape | n | bytes | validate MB/s | ' + ' | '.join(f'{c} CPU s / MiB' for c in cmds) + ' |')
        print('|---|---:|---:|---:|' + '---:|' * len(cmds))
        for row, _, mbs in self.rows:
            cells = ' | '.join(f'{w:.3f} / {r / 2**20:.0f}' for w, r in row[3:])
            speed = f'{mbs:.1f}' if mbs is not None else '-'
            print(f'| {row[0]} | {row[1]} | {row[2]} | {speed} | {cells} |')


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--wasmlab', default='build/wasmlab')
    ap.add_argument('--size', type=int, default=1000, help='n of the smaller run (default 1000)')
    ap.add_argument('--ratio', type=int, default=4, help='the larger run is ratio*n (default 4)')
    ap.add_argument('--sizes', help='comma-separated sizes instead of n and ratio*n')
    ap.add_argument('--only', help='comma-separated shapes to run')
    ap.add_argument('--skip', help='comma-separated shapes not to run')
    ap.add_argument('--tiers', default=','.join(TIERS))
    ap.add_argument('--timeout', type=float, default=60.0, help='seconds per child (default 60)')
    ap.add_argument('--data-limit', type=int, default=4 << 30,
                    help='RLIMIT_DATA of each child in bytes (default 4 GiB; 0: none)')
    ap.add_argument('--repeat', type=int, default=3,
                    help='validate this many times and keep the best run (default 3)')
    ap.add_argument('--min-mbs', type=float, default=0.0,
                    help='fail a shape of 100 KB or more that validates slower than this')
    ap.add_argument('--max-rss-mib', type=float, default=0.0,
                    help='fail a run whose peak RSS above the reference run is more than this many MiB')
    ap.add_argument('--keep', help='keep the modules in this directory')
    ap.add_argument('--measure', help='the program of measure.c (default: built beside wasmlab, or compiled)')
    ap.add_argument('--markdown', action='store_true', help='print a table at the end')
    ap.add_argument('--json', help='write each measured run to this file, one JSON object a line')
    ap.add_argument('--list', action='store_true', help='list the shapes and exit')
    o = ap.parse_args()
    if o.list:
        for name, fn in SHAPES.items():
            print(f'{name:18} {fn.__doc__.splitlines()[0]}')
        return 0
    o.tiers = [t for t in o.tiers.split(',') if t]
    find_measure(o.wasmlab, o.measure)
    shapes = list(SHAPES)
    if o.only:
        shapes = [s for s in o.only.split(',') if s]
        unknown = [s for s in shapes if s not in SHAPES]
        if unknown:
            ap.error(f'unknown shapes: {" ".join(unknown)}')
    if o.skip:
        shapes = [s for s in shapes if s not in o.skip.split(',')]
    sizes = [int(s) for s in o.sizes.split(',')] if o.sizes else [o.size, o.size * o.ratio]
    if o.keep:
        os.makedirs(o.keep, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        r = Runner(o, o.keep or tmp)
        r.measure_reference()
        print(f'stress: {len(shapes)} shapes at n = {", ".join(map(str, sizes))}; tiers {", ".join(o.tiers)}',
              flush=True)
        for shape in shapes:
            r.run_shape(shape, sizes)
        if o.markdown:
            r.markdown()
        if o.json:
            r.json(o.json)
    if r.failures:
        print(f'stress: {len(r.failures)} failures:')
        for f in r.failures:
            print(f'  {f}')
        return 1
    print(f'stress: all {len(shapes)} shapes passed')
    return 0


if __name__ == '__main__':
    sys.exit(main())
