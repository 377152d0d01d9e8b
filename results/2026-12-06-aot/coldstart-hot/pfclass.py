#!/usr/bin/env python3
# pfclass.py: where a process's page faults land (code, read-only data, data/bss, heap, stack, other
# mappings), with the function whose instruction faulted, from `perf record -d` of page faults.
#   perf record -q -d -e page-faults -c 1 -o pf.data BINARY ARGS... > /dev/null
#   python3 pfclass.py BINARY pf.data
import bisect,subprocess,sys
b=sys.argv[1]; data=sys.argv[2]
syms=[]
for l in subprocess.run(['nm','-n',b],capture_output=True,text=True).stdout.split('\n'):
    p=l.split()
    if len(p)>=3 and p[1] in 'tTwW': syms.append((int(p[0],16),p[2]))
addrs=[a for a,_ in syms]
def name(x):
    i=bisect.bisect_right(addrs,x)-1
    return syms[i][1] if i>=0 else '?'
segs=[]
for l in subprocess.run(['readelf','-lW',b],capture_output=True,text=True).stdout.split('\n'):
    p=l.split()
    if p and p[0]=='LOAD':
        va=int(p[2],16); ms=int(p[5],16); fl=' '.join(p[6:-1]); segs.append((va,va+ms,fl))
out=subprocess.run(['perf','script','-i',data,'-F','ip,addr'],capture_output=True,text=True).stdout
from collections import Counter
c=Counter()
for l in out.split('\n'):
    p=l.split()
    if len(p)<2: continue
    a=int(p[0],16); ip=int(p[1],16)
    k='map'
    for lo,hi,fl in segs:
        if lo<=a<hi: k={'R E':'text','R':'rodata','RW':'data/bss'}.get(fl,fl)
    if 0x1000000<=a<0x100000000: k='heap'
    if a>=0x7ff000000000 and a<0x800000000000: k='stack'
    if a>=0xffff000000000000: k='kernel'
    c[k]+=1
    print(f"{k:8} {a:16x} by {name(ip) if ip<0x1000000 else hex(ip)}")
print(dict(c))
