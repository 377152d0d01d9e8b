#!/usr/bin/env python3
"""compiletime.py: CPU time (user + system, from the kernel's accounting of each child) of
`wasmlab compile --tier opt X.wasm` for two builds, alternating run by run; prints the median and
the minimum of each.  Usage: compiletime.py OLD_WASMLAB NEW_WASMLAB RUNS X.wasm..."""
import os
import resource
import statistics
import subprocess
import sys
import tempfile

def cpu_ms(binary, wasm, out):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([binary, 'compile', '--tier', 'opt', wasm, '-o', out], check=True,
                   stdout=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return 1000 * ((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))

def main():
    if len(sys.argv) < 5:
        sys.exit(__doc__)
    old, new, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, 'out.cwasm')
        print('| module | before median ms | after median ms | before min ms | after min ms | median before / after |')
        print('|---|---:|---:|---:|---:|---:|')
        for wasm in sys.argv[4:]:
            times = {old: [], new: []}
            for _ in range(runs):
                for b in (old, new):
                    times[b].append(cpu_ms(b, wasm, out))
            mo, mn = statistics.median(times[old]), statistics.median(times[new])
            print(f'| {os.path.basename(wasm)[:-5]} | {mo:.2f} | {mn:.2f} | {min(times[old]):.2f} | '
                  f'{min(times[new]):.2f} | {mo / mn:.3f} |')

main()
