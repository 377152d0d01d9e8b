#!/bin/bash
# passcheck.sh: every function's SSA as optimised must do what it did as built (tests/opt/passcheck.c),
# over the pass fixtures, the compute suite (when built) and N random modules from binaryen's
# wasm-opt -ttf (made as tests/diff/run.sh makes them), with the whole pipeline and with each pass
# switched off in turn (a pass may only go wrong on what the passes before it leave).
#
#   passcheck.sh PASSCHECK WAT2WASM BUILD_DIR N SEED FIXTURE.wat...
#
# Exit status: 0 no difference, 1 a difference (printed with the function and inputs), 2 usage.
set -u
if [ $# -lt 5 ]; then
  echo "usage: passcheck.sh PASSCHECK WAT2WASM BUILD_DIR N SEED FIXTURE.wat..." >&2
  exit 2
fi
passcheck=$1 wat2wasm=$2 build=$3 n=$4 seed=$5
shift 5
tmp=$(mktemp -d "${TMPDIR:-/tmp}/wlab-passcheck.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT

for wat in "$@"; do
  "$wat2wasm" --enable-tail-call "$wat" -o "$tmp/fixture-$(basename "$wat" .wat).wasm" || exit 2
done
modules=("$tmp"/fixture-*.wasm)
for m in "$build"/suites/compute/*.wasm; do
  [ -e "$m" ] && modules+=("$m")
done

if command -v wasm-opt >/dev/null && [ "$n" -gt 0 ]; then
  features="--mvp-features --enable-sign-ext --enable-mutable-globals --enable-nontrapping-float-to-int
    --enable-simd --enable-bulk-memory --enable-multivalue --enable-tail-call --enable-extended-const"
  python3 - "$tmp" "$n" "$seed" <<'PY' || exit 2
import os, random, sys
tmp, n, seed = sys.argv[1], int(sys.argv[2]), sys.argv[3]
pick = random.Random(int(seed)).getrandbits
with open(os.path.join(tmp, "plan"), "w") as plan:
    for i in range(n):
        size = 512 + pick(14)
        with open(os.path.join(tmp, "r%05d.bin" % i), "wb") as f:
            f.write(pick(8 * size).to_bytes(size, "little"))
        flags = ["-fp"] if pick(16) % 3 == 0 else []
        plan.write(" ".join(["r%05d" % i] + flags) + "\n")
PY
  while read -r name flags; do
    # shellcheck disable=SC2086
    wasm-opt $features $flags -ttf "$tmp/$name.bin" -o "$tmp/$name.wasm" >/dev/null 2>&1 && modules+=("$tmp/$name.wasm")
  done <"$tmp/plan"
else
  echo "passcheck.sh: no wasm-opt: random modules skipped"
fi

# inline and tailrec always off: the model stands a made-up callee in for every call, so a function
# with its real callee spliced in, or its self calls made jumps, does something else by design
# (spec and tests/diff check both against the interpreter)
status=0
for off in "" sccp copyprop gvn licm branchfold dce; do
  if [ -n "$off" ]; then echo "== --opt-disable=inline,tailrec,$off"; else echo "== the whole pipeline but inline and tailrec"; fi
  "$passcheck" --quiet --seed "$seed" --opt-disable=inline,tailrec${off:+,$off} "${modules[@]}" || status=1
done
exit $status
