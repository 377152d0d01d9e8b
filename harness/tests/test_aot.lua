-- test_aot.lua: the lab's AOT pieces: artifact keys and compile commands, readelf and --stats parsing, smaps and sharing, the table, rotation, AOT and WAMR discovery.
local aot = require "aot"
local runtimes = require "runtimes"

local function same(a, b)
  if #a ~= #b then return false end
  for i = 1, #a do if a[i] ~= b[i] then return false end end
  return true
end
local function check(got, want, what)
  assert(same(got, want), what .. ": got {" .. table.concat(got, " ") .. "}")
end

-- artifact keys: program, tier and bounds mode each give another file; the default mode no suffix
local k1 = aot.artifact_name("compute/fib", "opt")
assert(k1 == "compute-fib.opt.cwasm", k1)
assert(aot.artifact_name("compute/fib", "baseline") ~= k1, "tiers do not share an artifact")
assert(aot.artifact_name("compute/sieve", "opt") ~= k1, "programs do not share an artifact")
assert(aot.artifact_name("compute/fib", "opt", "guard") == k1, "guard pages are the default mode")
assert(aot.artifact_name("compute/fib", "opt", "explicit") == "compute-fib.opt.explicit.cwasm", "explicit bounds")
assert(aot.artifact_name("startup/hello", "wamr-aot", nil, "aot") == "startup-hello.wamr-aot.aot", "WAMR's extension")

-- compile commands
check(aot.compile_argv({ kind = "wasmlab", bin = "wl", aot_tier = "opt" }, "f.wasm", "w/f.opt.cwasm"),
  { "wl", "compile", "--tier", "opt", "f.wasm", "-o", "w/f.opt.cwasm" }, "wasmlab compile, opt")
check(aot.compile_argv({ kind = "wasmlab", bin = "wl", aot_tier = "baseline", bounds = "explicit" }, "f.wasm", "o"),
  { "wl", "compile", "--tier", "baseline", "--bounds-checks=explicit", "f.wasm", "-o", "o" }, "baseline, explicit")
check(aot.compile_argv({ kind = "wamr-aot", bin = "iwasm", compiler = "/opt/wamrc" }, "f.wasm", "f.aot"),
  { "/opt/wamrc", "-o", "f.aot", "f.wasm" }, "wamrc")

-- readelf -SW: the null section is not a section; long names and types with digits parse
local readelf = [[
There are 7 section headers, starting at offset 0x3f10:

Section Headers:
  [Nr] Name              Type            Address          Off    Size   ES Flg Lk Inf Al
  [ 0]                   NULL            0000000000000000 000000 000000 00      0   0  0
  [ 1] .text             PROGBITS        0000000000000000 001000 0024a0 00  AX  0   0 4096
  [ 2] .wlab.module      PROGBITS        0000000000000000 0034a0 000310 00      0   0  8
  [ 3] .wlab.traps       PROGBITS        0000000000000000 0037b0 000120 00      0   0  8
  [ 4] .note.gnu.property NOTE            0000000000000338 000338 000020 00   A  0   0  8
  [ 5] .eh_frame         X86_64_UNWIND   0000000000000000 0038d0 000010 00   A  0   0  8
  [ 6] .shstrtab         STRTAB          0000000000000000 0038e0 00003a 00      0   0  1
Key to Flags:
  W (write), A (alloc), X (execute), M (merge), S (strings), I (info),
]]
local secs = aot.parse_sections(readelf)
assert(#secs == 6, "six sections, got " .. #secs)
assert(secs[1].name == ".text" and secs[1].size == 0x24a0 and secs[1].type == "PROGBITS", ".text")
assert(secs[4].name == ".note.gnu.property" and secs[4].size == 0x20, "a name as wide as its column")
assert(secs[5].type == "X86_64_UNWIND", "a type with digits")
local sum = assert(aot.section_summary(secs))
assert(sum.text == 0x24a0 and sum.wlab == 0x310 + 0x120 and sum.wlab_count == 2, "summary")
local none, why = aot.section_summary(aot.parse_sections(readelf:gsub("%.wlab%.", ".data.")))
assert(not none and why == "no .wlab.* section", "a plain ELF is not an artifact")
none, why = aot.section_summary({})
assert(not none and why == "no .text section", "nothing parsed")

-- run --stats: compile lines per tier; the manager's and the module's lines and the guest's are not
local st = aot.parse_stats(table.concat({
  "Hello, world!",
  "baseline: 12 functions compiled (0 given up), 3310 wasm bytes -> 20480 bytes of machine code in 0.412 ms (8.0 MB/s)",
  "opt: 1 function compiled (1 given up), 99 wasm bytes -> 512 bytes of machine code in 1.250 ms (0.1 MB/s), "
    .. "1.100 ms of CPU (0.1 MB/s per core)",
  "opt: stages: ssa 0.500 ms (40%), regalloc 0.750 ms (60%)",
  "interp: 30 functions threaded in 0.081 ms",
  "tiered: 3 functions tiered up (0 gave up), 1 OSR entry; queue wait 0.010 ms in all, 0.005 ms at most; 0 compiled in place after waiting",
  "module: 30 functions, 4000 bytes of code, 900 IR ops; decode 0.020 ms, validate 0.030 ms",
}, "\n"))
assert(st.baseline.funcs == 12 and st.baseline.wasm_bytes == 3310 and st.baseline.code_bytes == 20480
  and st.baseline.compile_ms == 0.412 and st.baseline.cpu_ms == nil, "baseline line")
assert(st.opt.funcs == 1 and st.opt.compile_ms == 1.25 and st.opt.cpu_ms == 1.1, "opt line, singular, CPU time")
assert(st.interp.funcs == 30 and st.interp.compile_ms == 0.081, "interp threading")
assert(st.tiered == nil and st.module == nil and st.Hello == nil, "other lines are not compiles")

-- smaps: per mapping and in all; anonymous mappings grouped
local smaps = [[
55d000000000-55d000002000 r--p 00000000 fe:00 1234                       /w/aot/f.opt.cwasm
Size:                  8 kB
Rss:                   8 kB
Pss:                   4 kB
Pss_Dirty:             0 kB
Shared_Clean:          8 kB
Shared_Dirty:          0 kB
Private_Clean:         0 kB
Private_Dirty:         0 kB
VmFlags: rd mr mw me
55d000002000-55d000006000 r-xp 00002000 fe:00 1234                       /w/aot/f.opt.cwasm
Rss:                  16 kB
Pss:                   8 kB
Shared_Clean:         16 kB
Private_Dirty:         0 kB
7f0000000000-7f0000100000 rw-p 00000000 00:00 0 
Rss:                 100 kB
Pss:                 100 kB
Shared_Clean:          0 kB
Private_Dirty:       100 kB
7ffd00000000-7ffd00021000 rw-p 00000000 00:00 0                          [stack]
Rss:                  12 kB
Pss:                  12 kB
Private_Dirty:        12 kB
]]
local sm = aot.parse_smaps(smaps)
assert(sm.total.rss == 136 and sm.total.pss == 124 and sm.total.shared_clean == 24 and sm.total.private_dirty == 112,
  "totals: rss " .. sm.total.rss .. " pss " .. sm.total.pss)
local art = sm.files["/w/aot/f.opt.cwasm"]
assert(art.rss == 24 and art.pss == 12 and art.shared_clean == 24, "the artifact's two mappings summed")
assert(sm.files["[anon]"].rss == 100 and sm.files["[stack]"].rss == 12, "anonymous and named pseudo-files")

-- sharing: what the second process adds is the growth of the summed PSS
local function snap(rss, pss, sc, file) return { total = { rss = rss, pss = pss, shared_clean = sc }, files = file or {} } end
local r = aot.sharing(snap(1000, 1000, 0), snap(1000, 700, 600), snap(1000, 700, 600, { x = { rss = 600, pss = 300,
  shared_clean = 600 } }), "x")
assert(r.added == 400 and r.a_pss_drop == 300 and r.b_shared_clean == 600, "sharing: added " .. r.added)
assert(r.file_rss == 600 and r.file_pss == 300 and r.file_shared_clean == 600, "the file's own figures")
assert(aot.sharing(snap(1, 1, 0), snap(1, 1, 0), snap(1, 1, 0), "missing").file_rss == nil, "no such mapping")

-- the table: formatted markdown, raw CSV, missing cells, separators escaped
local md, csv = aot.table({ { key = "program", head = "program" }, { key = "ms", head = "cold ms",
  fmt = function(v) return string.format("%.1f", v) end }, { key = "note", head = "note", left = true } },
  { { program = "startup/hello", ms = 1.2345 }, { program = "compute/fib", note = "absent, a|b" } })
assert(md == table.concat({ "| program | cold ms | note |", "|---|---:|---|", "| startup/hello | 1.2 | – |",
  "| compute/fib | – | absent, a/b |" }, "\n"), md)
assert(csv == 'program,ms,note\nstartup/hello,1.2345,\ncompute/fib,,"absent, a|b"\n', csv)

-- rotation: over n rounds every command is in every position once
local n = 4
for pos = 1, n do
  local seen = {}
  for round = 1, n do seen[aot.rotation(n, round)[pos]] = true end
  for k = 1, n do assert(seen[k], ("command %d never at position %d"):format(k, pos)) end
end
check(aot.rotation(3, 1), { 1, 2, 3 }, "round 1 in order")
check(aot.rotation(3, 2), { 2, 3, 1 }, "round 2 rotated")

-- discovery: AOT rows by `compile` in --help, WAMR by wamrc and iwasm (config file)
assert(runtimes.has_compile("usage\n  run FILE\n  compile [--tier T] FILE -o OUT\n"), "compile listed")
assert(not runtimes.has_compile("usage\n  run [--compile-threads N] FILE\n"), "an option is not the command")
local dir = os.tmpname()
os.remove(dir)
assert(os.execute("mkdir -p " .. dir .. "/b"))
local function script(path, body)
  local f = assert(io.open(path, "w"))
  f:write("#!/bin/sh\n", body, "\n")
  f:close()
  assert(os.execute("chmod +x " .. path))
end
local function discover(help, conf)
  script(dir .. "/b/wasmlab", ([[case "$1" in --version) echo 'wasmlab 0.3 (tiers: interp, baseline, opt; x86-64: sse2)';;
--help) printf '%s';; esac]]):format(help))
  local cpath = dir .. "/runtimes.conf"
  local f = assert(io.open(cpath, "w"))
  f:write(conf or "")
  f:close()
  local by = {}
  for _, rt in ipairs(runtimes.discover(dir, dir .. "/b", cpath)) do by[rt.name] = rt end
  return by
end
local by = discover("commands:\n  run FILE\n")
assert(by["wasmlab-aot"].status == "absent" and by["wasmlab-aot-baseline"].status == "absent", "no compile: absent")
assert(by["wasmlab-aot"].note:find("compile"), "says why")
assert(by["wamr-aot"].status == "absent", "no wamrc: absent")
script(dir .. "/wamrc", "exit 0")
script(dir .. "/iwasm", "exit 0")
by = discover("commands:\n  run FILE\n  compile [--tier opt|baseline] FILE -o OUT\n",
  ("wamrc %s/wamrc\niwasm %s/iwasm\n"):format(dir, dir))
assert(by["wasmlab-aot"].status == "present" and by["wasmlab-aot"].aot_tier == "opt" and by["wasmlab-aot"].aot,
  "wasmlab-aot: opt's artifact")
assert(by["wasmlab-aot-baseline"].status == "present" and by["wasmlab-aot-baseline"].aot_tier == "baseline",
  "wasmlab-aot-baseline")
assert(by["wasmlab-opt"].tier == "opt" and not by["wasmlab-opt"].aot, "the JIT tiers stay")
assert(by["wamr-aot"].status == "present" and by["wamr-aot"].compiler == dir .. "/wamrc" and by["wamr-aot"].bin == dir .. "/iwasm",
  "WAMR from the config file")
by = discover("  compile FILE\n", ("wamrc %s/wamrc\niwasm %s/nosuch\n"):format(dir, dir))
assert(by["wamr-aot"].status == "absent" and by["wamr-aot"].note:find("nosuch"), "iwasm missing: absent, named")
os.execute("rm -rf " .. dir)

-- Lab:artifact: compiled once per program and tier (a counting fake compiler), into the work
-- folder; a failed compile is reported with the compiler's message and not retried; the AOT row's
-- argv runs the artifact
local labc = require "labc"
local lablib = require "lab"
local bdir = (os.getenv("LUA_CPATH") or ""):match("([^;]*)/%?%.so")
assert(bdir and labc.spawn_start(bdir .. "/labspawn"), "labspawn next to labc.so: " .. tostring(bdir))
dir = os.tmpname()
os.remove(dir)
assert(os.execute("mkdir -p " .. dir .. "/suites/compute " .. dir .. "/tmp"))
script(dir .. "/wl", ([[echo "$@" >> %s/calls
case "$4" in *bad*) echo "wl: cannot compile $4" >&2; exit 1;; esac
shift 4; [ "$1" = -o ] && echo artifact > "$2"]]):format(dir))
local function touch(p) local f = assert(io.open(p, "w")) f:write("wasm") f:close() end
touch(dir .. "/suites/compute/fib.wasm")
touch(dir .. "/suites/compute/bad.wasm")
local L = setmetatable({ build = dir, tmp = dir .. "/tmp" }, lablib.Lab)
local opt = { name = "wasmlab-aot", kind = "wasmlab", bin = dir .. "/wl", aot = true, aot_tier = "opt" }
local base = runtimes.variant(opt, { name = "wasmlab-aot-baseline", aot_tier = "baseline" })
local fib = { id = "compute/fib", group = "compute", name = "fib", args = { small = { "3" } } }
local a1 = assert(L:artifact(opt, fib))
local a2 = assert(L:artifact(opt, fib))
local a3 = assert(L:artifact(base, fib))
assert(a1 == a2 and a1.path == dir .. "/tmp/aot/compute-fib.opt.cwasm", "cached: " .. a1.path)
assert(a3.path == dir .. "/tmp/aot/compute-fib.baseline.cwasm", "another tier, another artifact")
assert(a1.bytes == #"artifact\n" and a1.compile_ms > 0, "size and compile time")
local calls = {}
for l in io.lines(dir .. "/calls") do calls[#calls + 1] = l end
assert(#calls == 2 and calls[1]:match("^compile %-%-tier opt .*/fib%.wasm %-o "), "two compiles: " .. table.concat(calls, "; "))
check(assert(L:argv_for(opt, fib, "small")), { dir .. "/wl", "run", a1.path, "3" }, "the AOT row runs the artifact")
local bad = { id = "compute/bad", group = "compute", name = "bad", args = { small = {} } }
local argv, why, status = L:argv_for(opt, bad, "small")
assert(not argv and status == "failed-compile" and why:find("cannot compile"), "a failed compile: " .. tostring(why))
assert(not L:artifact(opt, bad), "still failed")
local n = 0
for _ in io.lines(dir .. "/calls") do n = n + 1 end
assert(n == 3, "a failed compile is not retried: " .. n .. " calls")
os.execute("rm -rf " .. dir)

print("test_aot: ok")
