#!/usr/bin/env python3
# stats.py: `run --tier opt --stats` of two builds on the compute suite, alternating, ROUNDS each:
# the optimising tier's compile time on the program's thread (all of it for main; for the new
# build the background line's figure plus the first calls' waits for the thread), the background
# thread's, and its waits and claims; the smallest of the rounds for the program's thread, and
# the geometric mean of main's over the new build's.
#   stats.py MAIN_BUILD NEW_BUILD ROUNDS [PROGRAM...]      (run from the repository's top)
import math, re, subprocess, sys

main, new, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
only = set(sys.argv[4:])
progs = []
for line in open("suites/manifest.txt"):
    f = line.rstrip("\n").split("\t")
    if line.startswith("#") or len(f) < 6 or f[0] != "compute" or (only and f[1] not in only):
        continue
    progs.append((f[1], [] if f[4] == "-" else f[4].split()))

def stats(b, name, args):
    p = subprocess.run([f"{b}/wasmlab", "run", "--tier", "opt", "--stats", f"{b}/suites/compute/{name}.wasm"] + args,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    m = re.search(r"^opt: (\d+) functions? compiled .* -> (\d+) bytes of machine code in ([\d.]+) ms", p.stderr, re.M)
    bg = re.search(r"^opt: background: (\d+) functions? compiled in ([\d.]+) ms on its thread; (\d+) first calls? "
                   r"waited ([\d.]+) ms for it, (\d+) compiled .*; ([\d.]+) ms of compiling on the calling", p.stderr, re.M)
    total = float(m.group(3))
    b_n, b_ms, w_n, w_ms, c_n, caller = (int(bg.group(1)), float(bg.group(2)), int(bg.group(3)), float(bg.group(4)),
                                         int(bg.group(5)), float(bg.group(6))) if bg else (0, 0.0, 0, 0.0, 0, total)
    return int(m.group(1)), caller, b_ms, w_n, w_ms, c_n, int(m.group(2))

print("| program | functions compiled | main: ms compiling on the program's thread | new: ms compiling or waiting for the background thread on the program's thread | "
      "new: background thread, ms per round | new: first calls that waited (ms), and that compiled a queued one, per round | "
      "new: code bytes, every round |")
print("|---|---:|---:|---:|---|---|---|")
logs = []
for name, args in progs:
    runs = {"main": [], "new": []}
    for r in range(rounds):
        runs["main"].append(stats(main, name, args))
        runs["new"].append(stats(new, name, args))
    mm = min(x[1] for x in runs["main"])
    nm = min(x[1] + x[4] for x in runs["new"])  # compiling, and waiting for the thread
    nn = runs["new"]
    print(f"| {name} | {runs['main'][0][0]} / {nn[0][0]} | {mm:.2f} | {nm:.2f} | "
          + ", ".join(f"{x[2]:.1f}" for x in nn) + " ms | "
          + ", ".join(f"{x[3]} ({x[4]:.1f} ms) / {x[5]}" for x in nn) + " | "
          + (f"{nn[0][6]} each" if len(set(x[6] for x in nn)) == 1 else "DIFFER " + " ".join(str(x[6]) for x in nn)) + " |")
    logs.append(math.log(mm / nm))
print(f"| geometric mean of main / new ({len(logs)}) | | {math.exp(sum(logs) / len(logs)):.3f} | | | | |")
