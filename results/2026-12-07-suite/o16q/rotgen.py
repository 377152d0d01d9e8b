#!/usr/bin/env python3
# rotgen.py WASMLAB N SEED: a differential test of opt/unroll.c.  Generates N modules, each a
# function whose loop passes its parameters on to each other in a random pattern (chains, cycles,
# fresh values, i32 and i64, an exit test at the top, the bottom or both, an early exit on a
# value, a load that traps past the memory's end), and compares `run --tier opt` in four
# configurations with the interpreter over several trip counts.  Prints how many functions the
# pass unrolled (dump --ssa: more exit tests than the source has) and every difference.
import os, random, subprocess, sys, tempfile

wasmlab, n, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(seed)
CONFIGS = [[], ["--bounds-checks=explicit"], ["--opt-disable=unroll"], ["ENV:WLAB_OPT_REGS=7,7"]]

def expr(ty, vals, depth=0):
    if depth > 2 or rng.random() < 0.3:
        return f"(local.get ${rng.choice(vals)})" if rng.random() < 0.8 else f"({ty}.const {rng.randrange(1, 1000)})"
    op = rng.choice(["add", "xor", "mul", "rotl", "sub", "or"])
    a, b = expr(ty, vals, depth + 1), expr(ty, vals, depth + 1)
    if op == "rotl":
        b = f"({ty}.const {rng.randrange(1, 31)})"
    return f"({ty}.{op} {a} {b})"

def module():
    ty = rng.choice(["i32", "i64"])
    k = rng.randrange(2, 7)
    names = [f"p{i}" for i in range(k)]
    # each parameter is passed an old parameter or a fresh value
    src = []
    for i in range(k):
        r = rng.random()
        src.append(rng.randrange(k) if r < 0.65 else None)
    if all(s is None for s in src):
        src[rng.randrange(k)] = rng.randrange(k)
    body = []
    body += [f"(local.set $o{i} (local.get $p{i}))" for i in range(k)]
    load = rng.random() < 0.3
    fresh_vals = names + ["i"] if ty == "i32" else names
    for i in range(k):
        if src[i] is None:
            e = expr(ty, fresh_vals)
            if load:
                ld = "(i32.load8_u (i32.add (local.get $base) (local.get $i)))"
                e = f"({ty}.add {e} {ld if ty == 'i32' else '(i64.extend_i32_u ' + ld + ')'})"
            body.append(f"(local.set $t{i} {e})")
    for i in range(k):
        body.append(f"(local.set $p{i} (local.get ${'o' + str(src[i]) if src[i] is not None else 't' + str(i)}))")
    top = rng.random() < 0.5
    early = rng.random() < 0.3
    lines = []
    lines.append(f"(func (export \"f\") (param $n i32) (param $base i32) (param $s {ty}) (result {ty})")
    lines.append("  (local $i i32)")
    for i in range(k):
        lines.append(f"  (local $p{i} {ty}) (local $o{i} {ty}) (local $t{i} {ty})")
    for i in range(k):
        lines.append(f"  (local.set $p{i} ({ty}.add (local.get $s) ({ty}.const {rng.randrange(1, 100000)})))")
    lines.append("  (block $done (loop $l")
    if top:
        lines.append("    (br_if $done (i32.ge_u (local.get $i) (local.get $n)))")
    lines += ["    " + b for b in body]
    if early:
        lines.append(f"    (br_if $done ({ty}.eq ({ty}.and (local.get $p0) ({ty}.const 15)) ({ty}.const 3)))")
    lines.append("    (local.set $i (i32.add (local.get $i) (i32.const 1)))")
    if top:
        lines.append("    (br $l)))")
    else:
        lines.append("    (br_if $l (i32.lt_u (local.get $i) (local.get $n)))))")
    res = f"(local.get $p0)"
    for i in range(1, k):
        res = f"({ty}.add ({ty}.mul {res} ({ty}.const 31)) (local.get $p{i}))"
    lines.append("  " + res + ")")
    return "(module (memory 1)\n" + "\n".join(lines) + ")\n"

tmp = tempfile.mkdtemp()
unrolled = diffs = runs = 0
for m in range(n):
    wat = os.path.join(tmp, "m.wat"); wasm = os.path.join(tmp, "m.wasm")
    open(wat, "w").write(module())
    if subprocess.run(["wat2wasm", wat, "-o", wasm]).returncode:
        print("wat2wasm failed", m); continue
    d_on = subprocess.run([wasmlab, "dump", "--ssa", wasm], capture_output=True, text=True).stdout.count("br_if")
    d_off = subprocess.run([wasmlab, "dump", "--ssa", "--opt-disable=unroll", wasm], capture_output=True, text=True).stdout.count("br_if")
    unrolled += d_on > d_off
    for args in (["0", "0", "5"], ["1", "0", "7"], ["5", "100", "9"], ["13", "3", "11"], ["40", "65520", "13"]):
        want = subprocess.run([wasmlab, "run", "--tier", "interp", "--invoke", "f", wasm] + args, capture_output=True, text=True)
        for c in CONFIGS:
            env = dict(os.environ)
            opts = [x for x in c if not x.startswith("ENV:")]
            for x in c:
                if x.startswith("ENV:"):
                    kk, vv = x[4:].split("=", 1); env[kk] = vv
            got = subprocess.run([wasmlab, "run", "--tier", "opt"] + opts + ["--invoke", "f", wasm] + args, capture_output=True, text=True, env=env)
            runs += 1
            if (got.stdout, got.stderr, got.returncode) != (want.stdout, want.stderr, want.returncode):
                diffs += 1
                print(f"DIFF module {m} {c} {args}: interp {want.stdout.strip()}{want.stderr.strip()} opt {got.stdout.strip()}{got.stderr.strip()}")
                os.makedirs("/tmp/rotgen-fail", exist_ok=True)
                open(f"/tmp/rotgen-fail/m{m}.wat", "w").write(open(wat).read())
print(f"{n} modules, {unrolled} with a loop unrolled, {runs} runs against the interpreter, {diffs} differ")
