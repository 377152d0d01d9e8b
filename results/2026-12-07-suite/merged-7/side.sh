#!/bin/bash
# side.sh ROUNDS: --tier opt wall time of every compute program, old and new build alternating, fastest of ROUNDS
rounds=$1; old=/tmp/c1/old/wasmlab; new=/work/main/build-lto/wasmlab; S=/work/main/build-lto/suites/compute
printf "| program | old opt (s) | new opt (s) | old / new |\n|---|---:|---:|---:|\n"
for w in $S/*.wasm; do
  p=$(basename $w .wasm); bo=999; bn=999
  want=$($S/$p.native 2>/dev/null | md5sum)
  for r in $(seq $rounds); do
    for v in old new; do
      b=${!v}; s=$(date +%s%N); out=$($b run --tier opt $w | md5sum); e=$(date +%s%N)
      [ "$out" = "$want" ] || { echo "$p $v: wrong output" >&2; continue; }
      t=$(echo "scale=5; ($e - $s) / 1000000000" | bc)
      if [ $v = old ]; then bo=$(echo "if ($t < $bo) $t else $bo" | bc); else bn=$(echo "if ($t < $bn) $t else $bn" | bc); fi
    done
  done
  printf "| %s | %.3f | %.3f | %.3f |\n" $p $bo $bn $(echo "scale=4; $bo / $bn" | bc)
done
