#!/usr/bin/env python3
# touched.py: the variables of a binary a run read (L), wrote (S) or both (M), from valgrind's
# lackey trace, each with its page, size and kind (nm): which .data/.bss a run touches, and where.
#   valgrind --tool=lackey --trace-mem=yes --log-file=lackey.txt BINARY ARGS... > /dev/null
#   python3 touched.py BINARY lackey.txt LO HI      # LO, HI: the address range, hex (readelf -lW: the RW segment)
import bisect, collections, subprocess, sys
b, log = sys.argv[1], sys.argv[2]
lo, hi = int(sys.argv[3], 16), int(sys.argv[4], 16)
syms = []
for l in subprocess.run(['nm', '-n', '-S', b], capture_output=True, text=True).stdout.split('\n'):
    p = l.split()
    if len(p) == 4 and p[2] in 'dDbBvVrR': syms.append((int(p[0], 16), int(p[1], 16), p[2], p[3]))
    elif len(p) == 3 and p[1] in 'dDbBvV': syms.append((int(p[0], 16), 0, p[1], p[2]))
addrs = [s[0] for s in syms]
hit = collections.defaultdict(set)
for l in open(log):
    p = l.split()
    if len(p) != 2 or p[0] not in ('L', 'S', 'M'): continue
    a = int(p[1].split(',')[0], 16)
    if lo <= a < hi:
        i = bisect.bisect_right(addrs, a) - 1
        if i >= 0: hit[syms[i]].add(p[0])
for k in sorted(hit):
    print(hex(k[0]), hex(k[0] >> 12), k[1], k[2], k[3], ''.join(sorted(hit[k])))
