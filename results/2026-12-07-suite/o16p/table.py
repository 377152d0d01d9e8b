#!/usr/bin/env python3
# table.py: side.py's JSON as a markdown table: fastest wall time per command, opt's ratios, and
# the geometric means of baseline / opt for each build.
#   table.py OUT.json
import json, math, sys
res = json.load(open(sys.argv[1]))
cols = ["main-baseline", "main-opt", "new-baseline", "new-opt"]
print("| program | " + " | ".join(f"{c} (s)" for c in cols) +
      " | main baseline / opt | new baseline / opt | new opt / main opt | opt page faults main -> new |")
print("|---|" + "---:|" * (len(cols) + 4))
logs = {"main": [], "new": [], "ratio": []}
for name, r in res.items():
    m = {c: min(r["times"][c]) for c in cols}
    f = {c: min(r["faults"][c]) for c in cols}
    bm, bn, rr = m["main-baseline"] / m["main-opt"], m["new-baseline"] / m["new-opt"], m["new-opt"] / m["main-opt"]
    logs["main"].append(math.log(bm)); logs["new"].append(math.log(bn)); logs["ratio"].append(math.log(rr))
    print(f"| {name} | " + " | ".join(f"{m[c]:.3f}" for c in cols) +
          f" | {bm:.3f} | {bn:.3f} | {rr:.3f} | {f['main-opt']} -> {f['new-opt']} |")
g = {k: math.exp(sum(v) / len(v)) for k, v in logs.items()}
print(f"| geometric mean ({len(res)}) | | | | | {g['main']:.4f} | {g['new']:.4f} | {g['ratio']:.4f} | |")
