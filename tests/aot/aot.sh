#!/usr/bin/env bash
# aot.sh: ahead-of-time artifacts (docs/aot.md) end to end: compile, run with nothing compiled,
# the same outputs as --tier opt, readelf/objdump read them, and every refusal exits 1 naming it.
#
#   tests/aot/aot.sh WASMLAB BUILD_DIR
set -u
wasmlab=$1
build=$2
here=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
ok() { echo "ok    $1"; passed=$((passed + 1)); }
bad() { echo "FAIL  $1"; failed=$((failed + 1)); }
# section_span NAME: the binary's section NAME as "ADDRESS SIZE" (hex), nothing when it has none
section_span() { readelf -S -W "$wasmlab" | awk -v s="$1" '{ for (i = 1; i < NF; i++) if ($i == s) print $(i + 2), $(i + 4) }'; }

# patch FILE FIELD VALUE: sets a .wlab.meta field (build_id, cpu_features) and recomputes the
# checksum, so that the check after the checksum is the one that refuses
patch() {
  python3 - "$@" <<'PY'
import struct, sys
path, field, value = sys.argv[1], sys.argv[2], sys.argv[3]
b = bytearray(open(path, 'rb').read())
shoff, = struct.unpack_from('<Q', b, 0x28)
shnum, shstrndx = struct.unpack_from('<HH', b, 0x3c)
def sec(i):
    return struct.unpack_from('<IIQQQQIIQQ', b, shoff + 64 * i)
names = sec(shstrndx)[4]
meta = None
for i in range(shnum):
    s = sec(i)
    n = b[names + s[0]:b.index(0, names + s[0])].decode()
    if n == '.wlab.meta':
        meta = s[4]
# aot_meta: magic 8, version 4, tier 4, bounds 4, budget 4, cpu_features 8 (at 24),
# build_id_len 4 (32), build_id 32 (36), nfuncs 4 (68), pad 4, wasm_hash 8 (72), checksum 8 (80)
if field == 'build_id':
    b[meta + 36] ^= 0xff
elif field == 'cpu_features':
    struct.pack_into('<Q', b, meta + 24, int(value, 0))
elif field == 'version':
    struct.pack_into('<I', b, meta + 8, int(value, 0))
# aot_checksum (aot/image.c): CRC-32C in three streams over the file's 8-byte words (word i to
# stream i % 3), the field read as zero, the last word zero-padded; streams and length folded by step
M = (1 << 64) - 1
def step(h, w):
    h = ((h ^ w) * 0x9e3779b97f4a7c15) & M
    return ((h << 31) | (h >> 33)) & M
T = []
for i in range(256):
    c = i
    for _ in range(8):
        c = (c >> 1) ^ (0x82f63b78 if c & 1 else 0)
    T.append(c)
def aot_checksum(d, at):
    d = bytes(d[:at]) + bytes(8) + bytes(d[at + 8:])
    n = len(d)
    d += bytes(-n % 8)
    c = [0xffffffff, 0xfffffffe, 0xfffffffd]
    for i in range(0, len(d), 8):
        k, x = (i // 8) % 3, c[(i // 8) % 3]
        for byte in d[i:i + 8]:
            x = T[(x ^ byte) & 0xff] ^ (x >> 8)
        c[k] = x
    h = step(0xcbf29ce484222325, n)
    for x in c:
        h = step(h, x)
    h ^= h >> 29
    h = (h * 0x9e3779b97f4a7c15) & M
    return h ^ (h >> 32)
at = meta + 80
h = aot_checksum(b, at)
struct.pack_into('<Q', b, at, h)
open(path, 'wb').write(b)
PY
}

# expect_refusal NAME PATTERN CMD...: exit 1 and a message matching PATTERN
expect_refusal() {
  local name=$1 pattern=$2
  shift 2
  out=$("$@" 2>&1 </dev/null)
  status=$?
  if [ $status -eq 1 ] && printf '%s' "$out" | grep -q -- "$pattern"; then
    ok "refused: $name"
  else
    bad "refused: $name (exit $status): $out"
  fi
}

hello=$build/suites/startup/hello.wasm
art=$tmp/hello.cwasm
out=$("$wasmlab" compile "$hello" -o "$art")
if [ $? -eq 0 ] && [ -z "$out" ] && [ -s "$art" ]; then ok "compile: exit 0, nothing on stdout"; else bad "compile hello: '$out'"; fi
if "$wasmlab" --help | grep -q '^  compile '; then ok "--help lists compile"; else bad "--help lists no compile"; fi

# its bodies were validated when it was compiled: the load lowers none of them (every function
# of hello has code), their IR ops 0
if "$wasmlab" run --stats "$art" 2>&1 >/dev/null | grep -q '^module: .* 0 IR ops'; then
  ok "run: no function body lowered to IR at load (--stats)"
else
  bad "run: bodies lowered at load: $("$wasmlab" run --stats "$art" 2>&1 >/dev/null | grep '^module')"
fi

# an artifact runs with nothing compiled, whatever its name
cp "$art" "$tmp/hello.bin"
stats=$("$wasmlab" run --stats "$tmp/hello.bin" 2>&1 >/dev/null)
if printf '%s\n' "$stats" | grep -qE 'opt.* 0 (functions )?compiled|compiled[^0-9]*0[^0-9]' ||
   ! printf '%s\n' "$stats" | grep -qE '[1-9][0-9]* (functions )?compiled'; then
  ok "run: nothing compiled (--stats)"
else
  bad "run compiled something: $stats"
fi

# the ELF tools read it
sections=$(readelf -S -W "$art" 2>&1)
if printf '%s' "$sections" | grep -q ' \.text ' && printf '%s' "$sections" | grep -q '\.wlab\.meta' &&
   printf '%s' "$sections" | grep -q '\.wlab\.funcs' && printf '%s' "$sections" | grep -q '\.wlab\.wasm'; then
  ok "readelf -S lists .text and the .wlab sections"
else
  bad "readelf -S: $sections"
fi
if objdump -d "$art" 2>&1 | grep -q '<wasm_func_[0-9]*.*>:' && objdump -d "$art" | grep -qE '\sret'; then
  ok "objdump -d disassembles .text by function"
else
  bad "objdump -d"
fi

# suite programs: the same output from their artifact as from --tier opt, both bounds modes
while IFS=$'\t' read -r group name small_args _ _ _ _ stdin; do
  case $group in compute | startup) ;; *) continue ;; esac
  [ "${stdin:--}" = "-" ] || continue
  wasm=$build/suites/$group/$name.wasm
  [ -f "$wasm" ] || continue
  args=$small_args
  [ "$args" = "-" ] && args=""
  for bounds in guard explicit; do
    a=$tmp/$name.$bounds.cwasm
    # shellcheck disable=SC2086
    want=$("$wasmlab" run --tier opt --bounds-checks=$bounds "$wasm" $args </dev/null 2>&1; echo "exit $?")
    if ! "$wasmlab" compile --bounds-checks=$bounds "$wasm" -o "$a"; then
      bad "$group/$name ($bounds): compile failed"
      continue
    fi
    # shellcheck disable=SC2086
    got=$("$wasmlab" run --bounds-checks=$bounds "$a" $args </dev/null 2>&1; echo "exit $?")
    if [ "$got" = "$want" ]; then ok "$group/$name ($bounds): as --tier opt"; else bad "$group/$name ($bounds): got '$got', want '$want'"; fi
  done
done < <(grep -v '^#' "$here/suites/manifest.txt")

# the baseline's code in artifacts: the same outputs as --tier baseline, and `run` takes the
# tier from the artifact (an artifact holding one tier's code refuses --tier of another)
while IFS=$'\t' read -r group name small_args _ _ _ _ stdin; do
  case $group in compute | startup) ;; *) continue ;; esac
  [ "${stdin:--}" = "-" ] || continue
  wasm=$build/suites/$group/$name.wasm
  [ -f "$wasm" ] || continue
  args=$small_args
  [ "$args" = "-" ] && args=""
  for bounds in guard explicit; do
    a=$tmp/$name.$bounds.baseline.cwasm
    # shellcheck disable=SC2086
    want=$("$wasmlab" run --tier baseline --bounds-checks=$bounds "$wasm" $args </dev/null 2>&1; echo "exit $?")
    if ! "$wasmlab" compile --tier baseline --bounds-checks=$bounds "$wasm" -o "$a"; then
      bad "$group/$name ($bounds, baseline): compile failed"
      continue
    fi
    # shellcheck disable=SC2086
    got=$("$wasmlab" run --bounds-checks=$bounds "$a" $args </dev/null 2>&1; echo "exit $?")
    if [ "$got" = "$want" ]; then ok "$group/$name ($bounds): baseline artifact as --tier baseline"; else bad "$group/$name ($bounds, baseline): got '$got', want '$want'"; fi
  done
done < <(grep -v '^#' "$here/suites/manifest.txt")
bart=$tmp/hello.baseline.cwasm
"$wasmlab" compile --tier baseline "$hello" -o "$bart"
stats=$("$wasmlab" run --stats "$bart" 2>&1 >/dev/null)
if printf '%s\n' "$stats" | grep -qE 'baseline' && ! printf '%s\n' "$stats" | grep -qE '[1-9][0-9]* (functions )?compiled'; then
  ok "run of a baseline artifact: nothing compiled (--stats)"
else
  bad "run of a baseline artifact compiled something, or ran no baseline tier: $stats"
fi
for pair in "opt:$bart:baseline" "baseline:$art:opt"; do
  IFS=: read -r t file holds <<<"$pair"
  out=$("$wasmlab" run --tier "$t" "$file" 2>&1 </dev/null)
  status=$?
  if [ $status -eq 2 ] && printf '%s' "$out" | grep -q "the $holds tier's"; then
    ok "run --tier $t of a $holds artifact: usage error"
  else
    bad "run --tier $t of a $holds artifact (exit $status): $out"
  fi
done

# traps from artifact code: the same message and wasm offset as the JIT's
cat >"$tmp/trap.wat" <<'WAT'
(module
  (memory 1)
  (func $deep (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "oob") (result i32) (call $deep (i32.const 70000)))
  (func (export "div") (param i32) (result i32) (i32.div_s (i32.const 1) (local.get 0))))
WAT
if command -v wat2wasm >/dev/null && wat2wasm "$tmp/trap.wat" -o "$tmp/trap.wasm"; then
  # baseline artifacts: the interpreter's message and offset
  for bounds in guard explicit; do
    "$wasmlab" compile --tier baseline --bounds-checks=$bounds "$tmp/trap.wasm" -o "$tmp/trap.$bounds.bl.cwasm"
    for call in "oob" "div 0"; do
      set -- $call
      want=$("$wasmlab" run --tier interp --invoke "$1" "$tmp/trap.wasm" "${@:2}" 2>&1; echo "exit $?")
      got=$("$wasmlab" run --bounds-checks=$bounds --invoke "$1" "$tmp/trap.$bounds.bl.cwasm" "${@:2}" 2>&1; echo "exit $?")
      got=${got//trap.$bounds.bl.cwasm/trap.wasm}
      if [ "$got" = "$want" ] && printf '%s' "$got" | grep -q 'exit 3' && printf '%s' "$got" | grep -q 'offset'; then
        ok "trap $call ($bounds): baseline artifact as the interpreter"
      else
        bad "trap $call ($bounds, baseline artifact): got '$got', want '$want'"
      fi
    done
  done
  for bounds in guard explicit; do
    "$wasmlab" compile --bounds-checks=$bounds "$tmp/trap.wasm" -o "$tmp/trap.$bounds.cwasm"
    for call in "oob" "div 0"; do
      set -- $call
      want=$("$wasmlab" run --tier opt --bounds-checks=$bounds --invoke "$1" "$tmp/trap.wasm" "${@:2}" 2>&1; echo "exit $?")
      got=$("$wasmlab" run --bounds-checks=$bounds --invoke "$1" "$tmp/trap.$bounds.cwasm" "${@:2}" 2>&1; echo "exit $?")
      got=${got//trap.$bounds.cwasm/trap.wasm}
      if [ "$got" = "$want" ] && printf '%s' "$got" | grep -q 'exit 3' && printf '%s' "$got" | grep -q 'offset'; then
        ok "trap $call ($bounds): as --tier opt"
      else
        bad "trap $call ($bounds): got '$got', want '$want'"
      fi
    done
  done
fi

# an artifact's guard-mode code in an instance whose memory could not get its guard reservation
# (address space capped): the interpreter runs the bodies the load left unlowered, lowered then,
# with the same results and trap offsets as --tier opt (skipped where the cap stops wasmlab
# itself, e.g. under ASan)
if [ -f "$tmp/trap.guard.cwasm" ] && (ulimit -v 2000000 && "$wasmlab" --help >/dev/null 2>&1); then
  for call in "oob" "div 0" "div 3"; do
    set -- $call
    want=$("$wasmlab" run --tier opt --invoke "$1" "$tmp/trap.wasm" "${@:2}" 2>&1; echo "exit $?")
    all=$(ulimit -v 2000000; "$wasmlab" run --stats --invoke "$1" "$tmp/trap.guard.cwasm" "${@:2}" 2>&1; echo "exit $?")
    got=$(printf '%s\n' "$all" | grep -vE '^(tiered|interp|baseline|opt|module): ')
    got=${got//trap.guard.cwasm/trap.wasm}
    if [ "$got" != "$want" ]; then
      bad "$call without guard pages: got '$got', want '$want'"
    elif ! printf '%s\n' "$all" | grep -q '^interp: [1-9]'; then
      bad "$call without guard pages: the interpreter did not run: $all"
    else
      ok "$call without guard pages: the interpreter runs the artifact's module, as --tier opt"
    fi
  done
fi

# a cold start's system calls (docs/aot.md, "Loading"): no futex wake from a first-time
# initialiser, no gettid/getpid to tell the main thread, and of the host's stdio only stdout,
# the one hello uses, is looked at (one fstat, one fcntl).  Needs strace that can trace here;
# skipped under sanitizers, whose runtime makes calls of its own.
if command -v strace >/dev/null && strace -o /dev/null true 2>/dev/null &&
   ! ldd "$wasmlab" 2>/dev/null | grep -q 'libasan\|libubsan\|libtsan'; then
  strace -f -o "$tmp/trace" -e trace=futex,gettid,getpid,fstat,newfstatat,fcntl,mmap,mprotect,close "$wasmlab" run "$art" > "$tmp/cold.out"
  if [ "$(cat "$tmp/cold.out")" = "Hello, world!" ]; then ok "run under strace: hello's output"; else bad "run under strace: '$(cat "$tmp/cold.out")'"; fi
  n=$(grep -cE '(^|[ ])(futex|gettid|getpid)\(' "$tmp/trace")
  if [ "$n" -eq 0 ]; then ok "run of an artifact: no futex, gettid or getpid"; else bad "run of an artifact: $n futex/gettid/getpid calls"; grep -E '(futex|gettid|getpid)\(' "$tmp/trace"; fi
  n=$(grep -cE '(fstat|newfstatat|fcntl)\((0|2),' "$tmp/trace")
  m=$(grep -cE '(fstat|newfstatat|fcntl)\(1,' "$tmp/trace")
  if [ "$n" -eq 0 ] && [ "$m" -eq 2 ]; then ok "run of an artifact: stdin and stderr untouched, stdout looked at once"
  else bad "run of an artifact: $n fstat/fcntl of stdin or stderr, $m of stdout (want 0 and 2)"; grep -E '\((0|1|2),' "$tmp/trace"; fi
  # the trampolines are in the engine's .text (x64/gen_tramps.c): the one executable mapping a
  # run makes is the artifact's file, mapped once, read+execute, from offset 0, whose .text runs
  # in place (wlab_module_deserialize_exec), and nothing is made executable afterwards
  n=$(grep -cE '^[0-9]+ +mmap\(.*PROT_EXEC' "$tmp/trace")
  m=$(grep -cE '^[0-9]+ +mprotect\(.*PROT_EXEC' "$tmp/trace")
  f=$(grep -cE '^[0-9]+ +mmap\(.*MAP_PRIVATE, *[0-9]+, ' "$tmp/trace")
  if [ "$n" -eq 1 ] && [ "$m" -eq 0 ] && [ "$f" -eq 1 ] &&
     grep -E '^[0-9]+ +mmap\(.*PROT_EXEC' "$tmp/trace" | grep -qE 'PROT_READ\|PROT_EXEC, MAP_PRIVATE, *[0-9]+, 0\)'; then
    ok "run of an artifact: its file mapped once, read+execute, the one executable mapping; no mprotect to executable"
  else bad "run of an artifact: $n executable mmaps, $f of the file, $m mprotects to executable (want 1, 1 and 0)"; grep -E 'mmap|PROT_EXEC' "$tmp/trace"; fi
  # the artifact's descriptor is left to the process's exit, as its mapping is: no close
  n=$(grep -cE '^[0-9]+ +close\(' "$tmp/trace")
  if [ "$n" -eq 0 ]; then ok "run of an artifact: no close"; else bad "run of an artifact: $n close calls (want 0)"; grep -E 'close\(' "$tmp/trace"; fi
  # the value stack (64 MiB) comes with the memory's reservation, not from an mmap of its own
  # (core/memory.c, memory_new)
  n=$(grep -cE '^[0-9]+ +mmap\(NULL, 67108864,' "$tmp/trace")
  m=$(grep -cE '^[0-9]+ +mmap\(' "$tmp/trace")
  if [ "$n" -eq 0 ] && [ "$m" -eq 2 ]; then ok "run of an artifact: no mmap of its own for the value stack or .text (2 mmaps: the file, the memory)"
  else bad "run of an artifact: $n value-stack mmaps, $m mmaps in all (want 0 and 2)"; grep -E 'mmap\(' "$tmp/trace"; fi
fi

# the engine's variables a run touches sit in .data (core/startup.h, WLAB_STARTUP_DATA), on the
# pages libc's start touches anyway, not spread over .bss pages of their own: each of these is
# read or written by every run of an artifact.  Static names may carry LTO's .lto_priv.N suffix.
if command -v nm >/dev/null; then
  data=$(section_span .data)
  if [ -z "$data" ]; then
    bad "the binary has no .data section"
  else
    missing=$(nm "$wasmlab" | python3 -c '
import re, sys
lo, size = (int(x, 16) for x in sys.argv[1:3])
want = ["hardware", "features", "build_id", "build_id_once", "previous_bus", "installed",
        "reservations_hot", "thread_key", "thread_key_once", "previous_segv", "code_map"]
# and the opcode lookup tables are laid out by the compiler, read-only: nothing fills them at start-up
ro = ["opcodes_single", "opcodes_fc", "opcodes_fd"]
found = {w: [] for w in want + ro}
for line in sys.stdin:
    p = line.split()
    if len(p) == 3:
        m = re.fullmatch(r"([A-Za-z_]+)(\.lto_priv\.[0-9]+|\.[0-9]+)?", p[2])
        if m and m.group(1) in want:
            found[m.group(1)].append(lo <= int(p[0], 16) < lo + size)
        elif m and m.group(1) in ro:
            found[m.group(1)].append(p[1] in "Rr")
print(" ".join(w for w in want + ro if not found[w] or not all(found[w])))
' $data)
    if [ -z "$missing" ]; then ok "the run path's engine variables are in .data, the opcode tables read-only"
    else bad "not in .data, or opcode tables not read-only (or not found): $missing"; fi
  fi
fi

# a static build's glibc start-up code sits together, ahead of .text (cli/startup-order.ld): its
# start, tunables set-up, malloc and the C type tables' set-up, each run by every process
if command -v nm >/dev/null && ! readelf -d "$wasmlab" 2>/dev/null | grep -q 'Dynamic section'; then
  sec=$(section_span .text.wlab_libc)
  if [ -z "$sec" ]; then
    bad "the static binary has no .text.wlab_libc section (cli/startup-order.ld)"
  else
    outside=$(nm "$wasmlab" | python3 -c '
import sys
lo, size = (int(x, 16) for x in sys.argv[1:3])
want = {"__libc_start_main", "_dl_aux_init", "__tunables_init", "__ctype_init", "malloc"}
seen = set()
for line in sys.stdin:
    p = line.split()
    if len(p) == 3 and p[2] in want and p[1] in "TtWw":
        if lo <= int(p[0], 16) < lo + size:
            seen.add(p[2])
print(" ".join(sorted(want - seen)))
' $sec)
    if [ -z "$outside" ]; then ok "glibc's start-up code together in .text.wlab_libc"
    else bad "glibc start-up functions outside .text.wlab_libc: $outside"; fi
  fi
  # and the .bss its start and a run write, at the start of .bss, the thread-key table last
  bss=$(section_span .bss.wlab_libc)
  if [ -z "$bss" ]; then
    bad "the static binary has no .bss.wlab_libc section (cli/startup-order.ld)"
  else
    outside=$(nm "$wasmlab" | python3 -c '
import sys
lo, size = (int(x, 16) for x in sys.argv[1:3])
want = {"_dl_auxv", "_dl_static_dtv", "environ", "__curbrk", "__exit_funcs_lock", "__pthread_keys"}
seen, keys, last = set(), None, 0
for line in sys.stdin:
    p = line.split()
    if len(p) == 3 and p[1] in "BbVv" and lo <= int(p[0], 16) < lo + size:
        a = int(p[0], 16)
        if p[2] in want: seen.add(p[2])
        if p[2] == "__pthread_keys": keys = a
        last = max(last, a)
print(" ".join(sorted(want - seen)) or ("" if keys == last else "__pthread_keys not last"))
' $bss)
    if [ -z "$outside" ]; then ok "glibc's start-up .bss together in .bss.wlab_libc"
    else bad "glibc start-up .bss outside .bss.wlab_libc: $outside"; fi
  fi
  # and the read-only data its start reads, at the start of .rodata: the cache descriptors, the
  # tunables' name, the path readlink is given
  ro=$(readelf -S -W "$wasmlab" | awk '{ for (i = 1; i < NF; i++) if ($i == ".rodata.wlab_libc") print $(i + 2), $(i + 3), $(i + 4) }')
  if [ -z "$ro" ]; then
    bad "the static binary has no .rodata.wlab_libc section (cli/startup-order.ld)"
  else
    outside=$(nm "$wasmlab" | python3 -c '
import sys
path = sys.argv[1]
addr, off, size = (int(x, 16) for x in sys.argv[2:5])
sec = open(path, "rb").read()[off:off + size]
missing = [s.decode() for s in (b"GLIBC_TUNABLES", b"/proc/self/exe") if s + b"\0" not in sec]
syms = {p[2]: int(p[0], 16) for p in (l.split() for l in sys.stdin) if len(p) == 3}
if not addr <= syms.get("intel_02_known", -1) < addr + size:
    missing.append("intel_02_known")
print(" ".join(missing))
' "$wasmlab" $ro)
    if [ -z "$outside" ]; then ok "glibc's start-up read-only data together in .rodata.wlab_libc"
    else bad "glibc start-up read-only data outside .rodata.wlab_libc: $outside"; fi
  fi
fi

# the refusals
head -c 3000 "$art" >"$tmp/truncated.cwasm"
expect_refusal "truncated" "truncated artifact" "$wasmlab" run "$tmp/truncated.cwasm"
cp "$art" "$tmp/corrupt.cwasm"
printf '\x90' | dd of="$tmp/corrupt.cwasm" bs=1 seek=132 conv=notrunc status=none # .text's (at 128)
expect_refusal "a corrupted byte" "checksum mismatch" "$wasmlab" run "$tmp/corrupt.cwasm"
# a byte of the module's wasm bytes (.wlab.wasm), which the loader reads in place, not copied:
# the checksum covers them (the wasm hash is not checked again)
cp "$art" "$tmp/corrupt-wasm.cwasm"
python3 -c '
import sys
b = bytearray(open(sys.argv[1], "rb").read())
at = b.find(b"\0asm\1\0\0\0")
assert at > 0
b[at + 20] ^= 0x40
open(sys.argv[1], "wb").write(b)' "$tmp/corrupt-wasm.cwasm"
expect_refusal "a corrupted byte of the wasm bytes" "checksum mismatch" "$wasmlab" run "$tmp/corrupt-wasm.cwasm"
cp "$art" "$tmp/build.cwasm"
patch "$tmp/build.cwasm" build_id -
expect_refusal "another engine build" "another engine build" "$wasmlab" run "$tmp/build.cwasm"
cp "$art" "$tmp/cpu.cwasm"
patch "$tmp/cpu.cwasm" cpu_features 0x8000000000000000
expect_refusal "a CPU without the code's features" "CPU features this machine lacks" "$wasmlab" run "$tmp/cpu.cwasm"
# format 2 hashed with one lane, format 3 with four lanes and its code at a page (CRC-32C and
# .text after the headers are format 4): refused by their version, before the checksum, with
# what to do
for v in 2 3; do
  cp "$art" "$tmp/v$v.cwasm"
  patch "$tmp/v$v.cwasm" version $v
  expect_refusal "format version $v" "format version $v, this engine reads version 4: compile it again" \
    "$wasmlab" run "$tmp/v$v.cwasm"
done
expect_refusal "another bounds mode" "bounds mode guard, run with explicit" "$wasmlab" run --bounds-checks=explicit "$art"
expect_refusal "--fuel without budget checks" "without fuel/timeout checks" "$wasmlab" run --fuel 1000000 "$art"
expect_refusal "a plain ELF file" "not a wasmlab artifact" "$wasmlab" run /bin/true
expect_refusal "compile of an artifact" "an artifact already" "$wasmlab" compile "$art" -o "$tmp/again.cwasm"
# and a CPU narrowed at run time, for code compiled where a feature was allowed
if WLAB_CPU_FEATURES=all "$wasmlab" --version | grep -qE 'sse4.1|popcnt|avx'; then
  expect_refusal "WLAB_CPU_FEATURES=none" "CPU features this machine lacks" env WLAB_CPU_FEATURES=none "$wasmlab" run "$art"
fi
# an artifact compiled with budget checks runs with --fuel and stops there
"$wasmlab" compile --fuel 1 "$build/suites/compute/fib.wasm" -o "$tmp/fib.cwasm"
"$wasmlab" run --fuel 1000 "$tmp/fib.cwasm" 30 >/dev/null 2>&1
status=$?
if [ $status -eq 4 ]; then ok "budget checks compiled in: --fuel stops it (exit 4)"; else bad "--fuel run of a budget artifact: exit $status"; fi

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
