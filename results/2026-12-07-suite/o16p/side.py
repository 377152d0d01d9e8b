#!/usr/bin/env python3
# side.py: two builds' --tier baseline and --tier opt on the compute suite in one interleaved run
# (each round runs every command once, order rotated), whole process: fastest wall time, and the
# runs' minor page faults; outputs checked against the manifest first.  The JSON is rewritten
# after each program.
#
#   side.py MAIN_BUILD NEW_BUILD ROUNDS OUT.json [PROGRAM...]     (run from the repository's top)
import json, math, os, subprocess, sys, time

main, new, rounds, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
only = set(sys.argv[5:])
progs = []
for line in open("suites/manifest.txt"):
    if line.startswith("#") or not line.strip():
        continue
    f = line.rstrip("\n").split("\t")
    if f[0] != "compute" or (only and f[1] not in only):
        continue
    args = [] if f[4] == "-" else f[4].split()
    progs.append((f[1], args, f[5]))

def run(argv):
    """wall seconds, minor faults, stdout"""
    t0 = time.perf_counter()
    p = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    outp = p.stdout.read()
    _, status, ru = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - t0, ru.ru_minflt, outp.decode().strip(), p.returncode

results = {}
for name, args, want in progs:
    cmds = []
    for label, b in (("main", main), ("new", new)):
        for tier in ("baseline", "opt"):
            cmds.append((f"{label}-{tier}", [f"{b}/wasmlab", "run", "--tier", tier, f"{b}/suites/compute/{name}.wasm"] + args))
    ok = True
    for label, argv in cmds:  # outputs checked, and a warm-up run of each
        _, _, got, rc = run(argv)
        if got != want or rc:
            print(f"side: {name}: {label}: wrong output '{got}' (exit {rc})", file=sys.stderr)
            ok = False
    if not ok:
        continue
    times = {l: [] for l, _ in cmds}
    faults = {l: [] for l, _ in cmds}
    for r in range(rounds):
        k = r % len(cmds)
        for label, argv in cmds[k:] + cmds[:k]:
            t, flt, _, _ = run(argv)
            times[label].append(t)
            faults[label].append(flt)
    results[name] = {"times": times, "faults": faults}
    m = {l: min(v) for l, v in times.items()}
    print(f"{name}: " + ", ".join(f"{l} {m[l]:.3f}" for l in m), file=sys.stderr, flush=True)
    json.dump(results, open(out, "w"), indent=1)
