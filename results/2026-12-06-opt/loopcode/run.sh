#!/usr/bin/env bash
# run.sh: the optimising tier's loop code before and after, side by side with native and the
# baseline in one hyperfine run per program (whole process, outputs checked against the manifest
# first).  BEFORE is a wasmlab built from main before the change (its opt column is "opt-before").
#
#   results/2026-12-06-opt/loopcode/run.sh BEFORE_WASMLAB [RUNS] [PROGRAM...]
set -euo pipefail
before=${1:?usage: run.sh BEFORE_WASMLAB [RUNS] [PROGRAM...]}
runs=${2:-5}
shift $(( $# >= 2 ? 2 : 1 ))
cd "$(dirname "$0")/../../.."
out=results/2026-12-06-opt/loopcode
build=${WLAB_BUILD:-build}
progs=("$@")
[ ${#progs[@]} -gt 0 ] || progs=(mainloop heat sieve matmul)
for name in "${progs[@]}"; do
  line=$(awk -F'\t' -v n="$name" '$1 == "compute" && $2 == n' suites/manifest.txt)
  args=$(printf '%s' "$line" | cut -f5); exp=$(printf '%s' "$line" | cut -f6)
  dir=$build/suites/compute
  cmds=("$dir/$name.native $args" "$build/wasmlab run --tier baseline $dir/$name.wasm $args"
        "$before run --tier opt $dir/$name.wasm $args" "$build/wasmlab run --tier opt $dir/$name.wasm $args")
  for c in "${cmds[@]}"; do
    # shellcheck disable=SC2086
    got=$($c 2>/dev/null) || true
    [ "$got" = "$exp" ] || { echo "run.sh: $name: wrong output from '$c'" >&2; exit 1; }
  done
  hyperfine -N -w 1 -r "$runs" --export-json "$out/$name.json" -n native "${cmds[0]}" -n baseline "${cmds[1]}" \
    -n opt-before "${cmds[2]}" -n opt "${cmds[3]}" >/dev/null
done
python3 - "$out" "${progs[@]}" <<'PY'
import json, math, sys
out, names = sys.argv[1], sys.argv[2:]
print("| program | native (s) | baseline / native | opt before / native | opt after / native | opt before / after | baseline / opt after |")
print("|---|---:|---:|---:|---:|---:|---:|")
for n in names:
    m = {r["command"]: r["median"] for r in json.load(open(f"{out}/{n}.json"))["results"]}
    nat = m["native"]
    print(f"| {n} | {nat:.3f} | {m['baseline']/nat:.2f} | {m['opt-before']/nat:.2f} | {m['opt']/nat:.2f} | "
          f"{m['opt-before']/m['opt']:.2f} | {m['baseline']/m['opt']:.2f} |")
PY
