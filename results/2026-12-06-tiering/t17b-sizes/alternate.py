#!/usr/bin/env python3
"""alternate.py: whole-process wall time of compute programs under two wasmlab binaries, side by
side: ROUNDS rounds, each running every (binary, tier) once per program in an order rotated every
round (a slow spell of the shared machine lands on every command alike); prints each command's
fastest and median run and tiered / best single tier.  Run from the repository's root:

  results/2026-12-06-tiering/t17b-sizes/alternate.py ROUNDS SUITE_DIR OLD_WASMLAB NEW_WASMLAB PROGRAM...

SUITE_DIR holds the programs' .wasm (a build's suites/compute); each runs at its default size from
suites/manifest.txt, and its output is checked against the manifest's before anything is timed."""
import statistics, subprocess, sys, time

rounds, suite, old, new, programs = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:]
manifest = {}
for line in open('suites/manifest.txt'):
    f = line.rstrip('\n').split('\t')
    if len(f) > 5 and f[0] == 'compute':
        manifest[f[1]] = (f[4], f[5])
cmds = [('old tiered', old, 'tiered'), ('new tiered', new, 'tiered'), ('new opt', new, 'opt'),
        ('new baseline', new, 'baseline'), ('old opt', old, 'opt')]
for p in programs:
    size, want = manifest[p]
    runs = {label: [] for label, _, _ in cmds}
    argv = {label: [b, 'run', '--tier', t, f'{suite}/{p}.wasm'] + ([] if size == '-' else [size]) for label, b, t in cmds}
    for label in runs:
        out = subprocess.run(argv[label], capture_output=True, text=True).stdout.strip()
        if out != want:
            sys.exit(f'{p} ({label}): output {out!r}, want {want!r}')
    for r in range(rounds):
        order = list(runs)[r % len(runs):] + list(runs)[:r % len(runs)]
        for label in order:
            t0 = time.perf_counter()
            subprocess.run(argv[label], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
            runs[label].append(time.perf_counter() - t0)
    best = {l: min(t) for l, t in runs.items()}
    single = min(best['new opt'], best['new baseline'], best['old opt'])
    print(f'{p}: ' + ', '.join(f'{l} {best[l]:.3f} (median {statistics.median(runs[l]):.3f})' for l in runs) +
          f'; tiered / best single tier: old {best["old tiered"] / single:.3f}, new {best["new tiered"] / single:.3f}')
