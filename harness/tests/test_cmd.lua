-- test_cmd.lua: the exact command line of every runtime, the OCI config, tier parsing and runtime config files.
local cmd = require "cmd"
local runtimes = require "runtimes"

local function same(a, b)
  if #a ~= #b then return false end
  for i = 1, #a do if a[i] ~= b[i] then return false end end
  return true
end
local function check(got, want, what)
  assert(same(got, want), what .. ": got {" .. table.concat(got, " ") .. "}")
end

check(cmd.argv({ kind = "native" }, "/b/fib.native", { "34" }), { "/b/fib.native", "34" }, "native")
check(cmd.argv({ kind = "wasmlab", bin = "wl", tier = "interp" }, "f.wasm", { "34" }),
  { "wl", "run", "--tier", "interp", "f.wasm", "34" }, "wasmlab tier")
check(cmd.argv({ kind = "wasmlab", bin = "wl", aot = true, aot_tier = "opt" }, "w/compute-fib.opt.cwasm", { "34" }),
  { "wl", "run", "w/compute-fib.opt.cwasm", "34" }, "wasmlab AOT runs the artifact, no tier option")
check(cmd.argv({ kind = "wamr-aot", bin = "iwasm", compiler = "wamrc" }, "w/f.aot", { "1" }), { "iwasm", "w/f.aot", "1" },
  "WAMR AOT")
check(cmd.argv({ kind = "wasmlab", bin = "wl", tier = "tiered", flags = { "--no-osr" } }, "f.wasm", { "1", "trace" }),
  { "wl", "run", "--tier", "tiered", "--no-osr", "f.wasm", "1", "trace" }, "wasmlab tier with an option")
check(cmd.argv({ kind = "node", bin = "node", flags = { "--liftoff-only" }, runner = "r.mjs" }, "f.wasm", { "1" }),
  { "node", "--no-warnings", "--liftoff-only", "r.mjs", "f.wasm", "1" }, "node liftoff")
check(cmd.argv({ kind = "node", bin = "node", flags = {}, runner = "r.mjs" }, "f.wasm"),
  { "node", "--no-warnings", "r.mjs", "f.wasm" }, "node default")
check(cmd.argv({ kind = "wasm3", bin = "wasm3" }, "f.wasm", { "a" }), { "wasm3", "f.wasm", "a" }, "wasm3")
check(cmd.argv({ kind = "iwasm", bin = "iwasm" }, "f.wasm", { "a" }), { "iwasm", "f.wasm", "a" }, "iwasm")
check(cmd.argv({ kind = "wasmtime", bin = "wt" }, "f.wasm", { "a" }), { "wt", "run", "f.wasm", "a" }, "wasmtime")
check(cmd.argv({ kind = "wasmer", bin = "wr" }, "f.wasm", { "a" }), { "wr", "run", "f.wasm", "--", "a" }, "wasmer")
check(cmd.argv({ kind = "wasmer", bin = "wr" }, "f.wasm", {}), { "wr", "run", "f.wasm" }, "wasmer, no arguments")
check(cmd.argv({ kind = "oci", bin = "/usr/sbin/runc" }, "/tmp/b", {}, "id1"),
  { "/usr/sbin/runc", "run", "--bundle", "/tmp/b", "id1" }, "runc")
assert(not pcall(cmd.argv, { kind = "nosuch" }, "f"), "an unknown kind is an error")

-- three node variants: liftoff only, turbofan only, default tiering
local names = {}
for _, v in ipairs(cmd.node_variants) do names[#names + 1] = v.name end
check(names, { "node-liftoff", "node-turbofan", "node" }, "node variants")

-- the bundle's config.json runs /prog with the program's arguments, read-only root
local conf = cmd.oci_config({ "34" }, "lab")
assert(conf:find('"args": %[%s*"/prog",%s*"34"%s*%]'), "config args: " .. conf)
assert(conf:find('"readonly": true') and conf:find('"path": "rootfs"'), "read-only rootfs")
assert(conf:find('"terminal": false'), "no terminal, so stdio passes through")
assert(conf:find('"type": "pid"') and conf:find('"type": "network"'), "runc spec's namespaces")
assert(cmd.oci_config({}, "lab") == cmd.oci_config({}, "lab"), "deterministic")

assert(cmd.quote({ "a b", "c", "it's" }) == "'a b' c 'it'\\''s'", "shell quoting for display")

-- tiers from --version, so a new tier needs no harness change
check(runtimes.parse_tiers("wasmlab 0.1.0 (tiers: interp)"), { "interp" }, "one tier")
check(runtimes.parse_tiers("wasmlab 0.2.0 (tiers: interp, baseline, opt)"), { "interp", "baseline", "opt" }, "three tiers")
check(runtimes.parse_tiers("wasmlab 0.0.1 (tiers: )"), {}, "no tier")
check(runtimes.parse_tiers("wasmlab 0.1.0 (tiers: tiered,interp,baseline,opt; x86-64: sse2 ssse3 sse4.1 avx2)"),
      { "tiered", "interp", "baseline", "opt" }, "the CPU features after the tiers are not tiers")

-- a variant is a copy with fields replaced; the original is untouched
local tiered = { name = "wasmlab-tiered", kind = "wasmlab", bin = "wl", tier = "tiered", status = "present" }
local no_osr = runtimes.variant(tiered, { name = "wasmlab-tiered-no-osr", flags = { "--no-osr" } })
assert(no_osr.name == "wasmlab-tiered-no-osr" and no_osr.tier == "tiered" and no_osr.bin == "wl", "variant fields")
assert(tiered.name == "wasmlab-tiered" and tiered.flags == nil, "the original runtime is unchanged")
check(cmd.argv(no_osr, "f.wasm"), { "wl", "run", "--tier", "tiered", "--no-osr", "f.wasm" }, "variant's argv")

-- config file: NAME PATH lines, comments, and a clear error on a bad line
local path = os.tmpname()
local f = assert(io.open(path, "w"))
f:write("# peers\nwasmtime /opt/wt/bin/wasmtime\n\n  iwasm   /usr/local/bin/iwasm  # WAMR\n")
f:close()
local c = runtimes.read_config(path)
assert(c.wasmtime == "/opt/wt/bin/wasmtime" and c.iwasm == "/usr/local/bin/iwasm", "config entries")
f = assert(io.open(path, "w"))
f:write("wasmtime\n")
f:close()
local ok, err = pcall(runtimes.read_config, path)
os.remove(path)
assert(not ok and err:find(":1: expected 'NAME PATH'"), "bad config line: " .. tostring(err))

print("test_cmd: ok")
