-- test_manifest.lua: parsing suites/manifest.txt lines, sizes, expected outputs and selection errors.
local manifest = require "manifest"

local text = table.concat({
  "# comment",
  "",
  "compute\tfib\t34\tfib n=34 x\t40\tfib n=40 y\trecursion\t-",
  "startup\thandler\t-\t{\"ok\":true}\t-\t{\"ok\":true}\tstart-up\tstartup/request.jsonc",
  "startup\tempty\t-\t-\t-\t-\tnothing\t-",
  "micro\tcalls\t500000\t1996086304\t10000000\t-2061243372\tcalls\t-",
}, "\n")
local m = manifest.parse(text)
assert(#m.list == 4, "four programs")
local fib = m.by["compute/fib"]
assert(fib.args.small[1] == "34" and #fib.args.small == 1 and fib.args.default[1] == "40", "sizes")
assert(fib.expected.small == "fib n=34 x", "expected output")
assert(fib.stdin == nil, "- means no stdin")
local h = m.by["startup/handler"]
assert(#h.args.small == 0 and h.stdin == "startup/request.jsonc", "no arguments, a stdin file")
assert(m.by["startup/empty"].expected.small == "", "- means no output")

local sel = manifest.select(m, "startup")
assert(#sel == 2 and sel[1].name == "handler", "a whole group in file order")
sel = manifest.select(m, "compute", { "fib" })
assert(#sel == 1 and sel[1] == fib, "by name")
local ok, err = pcall(manifest.select, m, "compute", { "nosuch" })
assert(not ok and err:find("no program compute/nosuch") and err:find("fib"), "a clear error naming what exists: " .. tostring(err))
ok, err = pcall(manifest.parse, "compute\tfib\tonly three")
assert(not ok and err:find("8 tab%-separated columns"), "a malformed line says why")

-- the real manifest parses, and every line has both sizes' expectations
local here = arg[0]:match("^(.*)/[^/]*$") or "."
local real = manifest.load(here .. "/../../suites/manifest.txt")
assert(#real.list >= 30, "the suites' manifest has every program")
assert(real.by["startup/hello"].expected.small == "Hello, world!", "hello's output")

print("test_manifest: ok")
