#!/bin/bash
# run.sh: differential test of wasmlab's configurations over random modules from binaryen's wasm-opt -ttf.
#
#   run.sh WASMLAB_BUILD_DIR N [SEED]
#
# Generates N modules (deterministic from SEED; without one, a seed from /dev/urandom, printed so that a
# failure can be generated again), keeps those `wasmlab
# validate` accepts (the rest are printed: binaryen and wasmlab disagreeing is worth a look), and runs
# difftest over them.  Exit status: 0 no difference, 1 a difference or a crash, 2 usage, 77 no wasm-opt.
# Environment: DIFF_CONFIGS (default interp,baseline), DIFF_ARGS (more difftest options), DIFF_KEEP (a
# directory that receives the failing, NaN-note and rejected modules with the inputs that made them),
# DIFF_JOBS (parallel jobs; default: the number of CPUs), DIFF_TMP (where the temporary directory goes).
set -u

if [ $# -lt 2 ] || [ $# -gt 3 ] || ! [[ $2 =~ ^[0-9]+$ ]] || ! [[ ${3:-0} =~ ^[0-9]+$ ]]; then
  echo "usage: run.sh WASMLAB_BUILD_DIR N [SEED]" >&2
  exit 2
fi
build=$1 n=$2 seed=${3:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
wasmlab=$build/wasmlab difftest=$build/tests/difftest
for tool in wasm-opt python3; do
  if ! command -v $tool >/dev/null; then
    echo "run.sh: $tool not found (apt-get install binaryen python3): skipped"
    exit 77
  fi
done
for exe in "$wasmlab" "$difftest"; do
  [ -x "$exe" ] || { echo "run.sh: $exe is not built" >&2; exit 2; }
done
jobs=${DIFF_JOBS:-$(nproc 2>/dev/null || echo 2)}
configs=${DIFF_CONFIGS:-interp,baseline}
tmp=$(mktemp -d "${DIFF_TMP:-${TMPDIR:-/tmp}}/wlab-diff.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT

# What wasmlab runs: WebAssembly 2.0 and tail calls, extended constants.  Not exceptions, GC, threads,
# memory64, typed function references or relaxed SIMD.
features="--mvp-features --enable-sign-ext --enable-mutable-globals --enable-nontrapping-float-to-int
  --enable-simd --enable-bulk-memory --enable-multivalue --enable-tail-call --enable-extended-const"

# The inputs, and per module its wasm-opt options: a quarter also get reference types, although
# binaryen 108 (Debian 12) implements the pre-standard proposal (funcref a subtype of anyref, encoded
# as externref; typed (ref N) types without --enable-typed-function-references), so most of those
# fail validation; the ones that pass are the only modules with tables of references and ref ops.
# A third also get binaryen's random optimisation passes (-fp), for code shapes the generator alone
# does not produce.  Python's Random(seed) is stable across versions for getrandbits.
python3 - "$tmp" "$n" "$seed" <<'EOF' || exit 2
import os, random, sys
tmp, n, seed = sys.argv[1], int(sys.argv[2]), sys.argv[3]
pick = random.Random(int(seed)).getrandbits
with open(os.path.join(tmp, "plan"), "w") as plan:
    for i in range(n):
        size = 512 + pick(14)
        data = pick(8 * size).to_bytes(size, "little")
        flags = []
        if pick(2) == 0:
            flags.append("--enable-reference-types")
        if pick(16) % 3 == 0:
            flags.append("-fp")
        name = "m%05d" % i
        with open(os.path.join(tmp, name + ".bin"), "wb") as f:
            f.write(data)
        plan.write(" ".join([name] + flags) + "\n")  # no trailing blank: xargs -L would join lines
EOF

# wasm-opt and wasmlab validate, in parallel: one line per module to its .status file
export features wasmlab tmp
gen_one() {
  local name=$1; shift
  if ! wasm-opt $features "$@" -ttf "$tmp/$name.bin" -o "$tmp/$name.wasm" >"$tmp/$name.genlog" 2>&1; then
    echo "genfail" >"$tmp/$name.status"
  elif ! "$wasmlab" validate "$tmp/$name.wasm" >"$tmp/$name.valid" 2>&1; then
    echo "rejected" >"$tmp/$name.status"
  else
    echo "ok" >"$tmp/$name.status"
  fi
}
export -f gen_one
t0=$(date +%s.%N)
# (bash reports a wasm-opt that aborts on stderr: that goes with the module's log, not the output)
xargs -P "$jobs" -L 1 bash -c 'gen_one "$@" 2>>"$tmp/$1.genlog"' _ <"$tmp/plan"
t1=$(date +%s.%N)

keep() { # keep DIR NAME: the module, its input and the options that made it
  [ -n "${DIFF_KEEP:-}" ] || return 0
  mkdir -p "$DIFF_KEEP/$1" && cp "$tmp/$2.wasm" "$tmp/$2.bin" "$DIFF_KEEP/$1/" 2>/dev/null
  grep -E "^$2( |\$)" "$tmp/plan" | sed "s|^[^ ]*|wasm-opt $(echo $features) -ttf $2.bin -o $2.wasm|" \
    >"$DIFF_KEEP/$1/$2.cmd"
}

generated=0 rejected=0 genfail=0
: >"$tmp/accepted"
while read -r name flags; do
  case $(cat "$tmp/$name.status" 2>/dev/null) in
  ok) generated=$((generated + 1)); echo "$tmp/$name.wasm" >>"$tmp/accepted" ;;
  rejected)
    generated=$((generated + 1)) rejected=$((rejected + 1))
    echo "rejected by wasmlab ($flags): $(cat "$tmp/$name.valid")"
    keep rejected "$name" ;;
  *)
    genfail=$((genfail + 1))
    why=$(grep -m 1 -E "Fatal|Assertion|rror" "$tmp/$name.genlog" || tail -1 "$tmp/$name.genlog")
    echo "wasm-opt failed on $name.bin ($flags): $why" ;;
  esac
done <"$tmp/plan"

# difftest in batches, in parallel; a batch that crashes (a signal, not a verdict) is rerun module by
# module so the crash is pinned on one module and the others are still compared
split -l 25 -d -a 4 "$tmp/accepted" "$tmp/batch."
export difftest configs
export DIFF_ARGS=${DIFF_ARGS:-}
diff_batch() {
  local b=$1 m rc mods
  mapfile -t mods <"$b"
  "$difftest" --configs "$configs" $DIFF_ARGS "${mods[@]}" >"$b.out" 2>&1
  if [ $? -gt 1 ]; then
    : >"$b.out"
    for m in "${mods[@]}"; do
      "$difftest" --configs "$configs" $DIFF_ARGS "$m" >>"$b.out" 2>&1
      rc=$?
      if [ $rc -gt 1 ]; then
        echo "CRASH $m: difftest exited with status $rc" >>"$b.out"
        echo "1 modules, 0 calls compared, 0 inconclusive (fuel/stack), 1 differences" >>"$b.out"
      fi
    done
  fi
}
export -f diff_batch
ls "$tmp"/batch.???? 2>/dev/null | xargs -r -P "$jobs" -n 1 bash -c 'diff_batch "$1"' _
t2=$(date +%s.%N)

modules=0 calls=0 inconclusive=0 differences=0 nan=0
for out in "$tmp"/batch.????.out; do
  [ -e "$out" ] || continue
  grep -v "modules, .* differences$\|modules stopped at a NaN" "$out"
  while read -r a _ b _ _ c _ _ d _; do
    modules=$((modules + a)) calls=$((calls + b)) inconclusive=$((inconclusive + c)) differences=$((differences + d))
  done < <(grep "modules, .* differences$" "$out")
  while read -r a _; do
    nan=$((nan + a))
  done < <(grep "modules stopped at a NaN" "$out")
  for m in $(grep -oE "^(DIFF|CRASH) [^:]*" "$out" | cut -d' ' -f2 | sort -u); do
    keep failing "$(basename "$m" .wasm)"
  done
  for m in $(grep -oE "^NAN-NOTE [^:]*" "$out" | cut -d' ' -f2 | sort -u); do
    keep nan "$(basename "$m" .wasm)"
  done
done
printf 'run.sh: %d generated (seed %s), %d rejected by wasmlab, %d wasm-opt failures; configs %s\n' \
  "$generated" "$seed" "$rejected" "$genfail" "$configs"
awk -v a="$t0" -v b="$t1" -v c="$t2" 'BEGIN { printf "run.sh: generating %.1f s, comparing %.1f s\n", b - a, c - b }'
[ "$nan" -eq 0 ] || echo "run.sh: $nan modules stopped at a difference in NaN payloads only (allowed by the spec)"
echo "$modules modules, $calls calls compared, $inconclusive inconclusive (fuel/stack), $differences differences"
[ "$differences" -eq 0 ]
