#!/bin/sh
# mkstatic.sh: libwasmlab.a as one relocatable object of machine code with only the public API global.
# usage: mkstatic.sh OUT.a CC LTO(true|false) STAGE-LIB.a...
#
# The stage libraries hold GCC's LTO IR when b_lto is on, which no other compiler (nor another GCC
# version) can link: a partial link (-r) compiles it to machine code once.  Their internal names
# (arena_alloc, decode_module, ...) would clash with a host's: all but wlab_*, wasm_* and wasmlab_*
# are made local, as the shared library's version script does for it.
set -eu
out=$1 cc=$2 lto=$3
shift 3
obj=$out.o
flags=
[ "$lto" = true ] && flags="-flto -flinker-output=nolto-rel"
# shellcheck disable=SC2086
$cc -r -nostdlib $flags -o "$obj" -Wl,--whole-archive "$@" -Wl,--no-whole-archive
objcopy --wildcard --keep-global-symbol='wlab_*' --keep-global-symbol='wasm_*' --keep-global-symbol='wasmlab_*' "$obj"
rm -f "$out"
ar rcs "$out" "$obj"
rm -f "$obj"
