#!/bin/bash
# tm.sh MAIN_WASMLAB NEW_WASMLAB REPS PROG... : interleaved wall times (s) of native, main's opt and
# the new opt, min of REPS; run from the source root after `ninja -C build`
main=$1 new=$2 reps=$3; shift 3
W=build/suites/compute
for name in "$@"; do
  arg=$(grep -P "^compute\t$name\t" suites/manifest.txt | awk -F'\t' '{print $5}')
  declare -A best=()
  for i in $(seq "$reps"); do
    for k in native main new; do
      case $k in native) cmd="$W/$name.native $arg";; main) cmd="$main run --tier opt $W/$name.wasm $arg";;
        *) cmd="$new run --tier opt $W/$name.wasm $arg";; esac
      t0=$(date +%s%N); $cmd >/dev/null; t1=$(date +%s%N)
      t=$(( (t1 - t0) / 1000 ))
      [ -z "${best[$k]}" ] || [ $t -lt ${best[$k]} ] && best[$k]=$t
    done
  done
  awk -v n="$name" -v a="${best[native]}" -v b="${best[main]}" -v c="${best[new]}" 'BEGIN{printf "%-10s native %.3f  main %.3f (%.2fx)  new %.3f (%.2fx)  new/main %.3f\n", n, a/1e6, b/1e6, b/a, c/1e6, c/a, c/b}'
  unset best
done
