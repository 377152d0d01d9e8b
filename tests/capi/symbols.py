#!/usr/bin/env python3
"""symbols.py: libwasmlab.so exports exactly the public API: every function wasm.h declares, the
wlab_* of wasmlab.h, and nothing outside wlab_*, wasm_*, wasmlab_*; libwasmlab.a has the same
global definitions (its internal names are local, so they cannot clash with a host's).

usage: symbols.py CC INCLUDE_DIR LIBWASMLAB.so [LIBWASMLAB.a]"""
import re
import subprocess
import sys

cc, incdir, lib = sys.argv[1:4]
static = sys.argv[4] if len(sys.argv) > 4 else None

def declared(header):
    """Functions a header declares (not its static inline helpers), after the preprocessor."""
    text = subprocess.run([cc, '-E', '-P', '-I', incdir, '-'], input='#include "%s"\n' % header,
                          capture_output=True, text=True, check=True).stdout
    names, depth, i = set(), 0, 0
    # top-level statements only: drop the bodies of inline functions
    top = []
    for ch in text:
        if ch == '{':
            depth += 1
            top.append(';' if depth == 1 else '')
        elif ch == '}':
            depth -= 1
        elif depth == 0:
            top.append(ch)
    for stmt in ''.join(top).split(';'):
        if 'static' in stmt or 'typedef' in stmt:
            continue
        m = re.search(r'\b((?:wasm|wlab)_\w+)\s*\(', stmt)
        if m:
            names.add(m.group(1))
    return names

nm = subprocess.run(['nm', '-D', '--defined-only', lib], capture_output=True, text=True, check=True).stdout
exported = {line.split()[-1].split('@')[0] for line in nm.splitlines() if line.strip()}
exported.discard('')

bad = sorted(s for s in exported if not re.match(r'(wlab_|wasm_|wasmlab_)', s))
missing = sorted((declared('wasm.h') | declared('wasmlab.h')) - exported)
if bad:
    print('exported but not public API:', ' '.join(bad))
if missing:
    print('declared but not exported:', ' '.join(missing))
if static:
    out = subprocess.run(['nm', '-g', '--defined-only', static], capture_output=True, text=True, check=True).stdout
    defined = {l.split()[-1] for l in out.splitlines() if len(l.split()) == 3}
    if defined != exported:
        print('libwasmlab.a differs from libwasmlab.so:', ' '.join(sorted(defined ^ exported)[:40]))
        bad.append('static')
wasm_count = len(declared('wasm.h'))
print('%d symbols exported, %d wasm.h functions declared' % (len(exported), wasm_count))
if wasm_count < 150:
    print('too few wasm.h declarations found: the header parse is broken')
    sys.exit(1)
sys.exit(1 if bad or missing else 0)
