#!/usr/bin/env bash
# run.sh: the optimising tier's measurements for summary.md, side by side in one run each:
#   compute/    the compute suite, native clang -O2 / baseline / opt, whole process (3 runs each)
#   ablation/   opt with each pass switched off in turn, and all of them (2 runs each)
#   explicit/   explicit bounds checks: baseline, opt, and opt without bce (2 runs each)
#   compile-*.csv  compile speed of scripts/bigmodule's module, baseline and opt (3 runs each)
#
#   results/2026-12-06-opt/run.sh [OUT_DIR]     (from the repository's root; default: this folder)
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:-results/2026-12-06-opt}
mkdir -p "$out"
git rev-parse --short HEAD >"$out/commit.txt"
git status --porcelain --untracked-files=no | grep -q . && echo "dirty" >>"$out/commit.txt"
export NODE=

TIERS="baseline opt" scripts/tiercompare "$out/compute" 3

passes="inline sccp copyprop gvn licm addrfold branchfold dce"
ablation="opt"
for p in $passes; do ablation+=" opt-no-$p"; done
ablation+=" opt-no-inline+sccp+copyprop+gvn+licm+bce+addrfold+branchfold+dce"
TIERS="$ablation" scripts/tiercompare "$out/ablation" 2

TIERS="baseline-explicit opt-explicit opt-no-bce-explicit" scripts/tiercompare "$out/explicit" 2

big=$out/bigmodule.wasm
[ -f "$big" ] || scripts/bigmodule "$big" >/dev/null
for t in baseline opt; do
  TIER=$t scripts/compilespeed "$big" 3 "$out/compile-$t.csv" build/wasmlab | tee "$out/compile-$t.txt"
done
build/wasmlab run --tier opt --eager --stats "$big" 2>&1 >/dev/null </dev/null | grep '^opt' >"$out/compile-opt-stages.txt" || true
rm -f "$big"
