#!/bin/sh
# check_forms.sh: every instruction form declared in x64/asm.h has a row in cases.h.
# usage: check_forms.sh ASM_H CASES_H
missing=0
for f in $(sed -n 's/^void \(x64_[a-z0-9_]*\)(x64_buf \*b.*/\1/p' "$1"); do
  case $f in
    x64_buf_*|x64_bind|x64_emit_bytes) continue ;;   # buffer and label plumbing, not forms
  esac
  grep -q "$f(" "$2" || { echo "no golden row for $f"; missing=1; }
done
exit $missing
