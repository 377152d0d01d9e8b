-- lab.lua: the lab's command line: runs experiments, writes results/<date>-<host>-<commit>/ and prints the summary.
--
--   lua5.4 harness/lab.lua [--quick | --full] [--build DIR] [--out DIR] [--ref RUNTIME]
--                          [--runtimes FILE] [EXPERIMENT ...]
--
-- EXPERIMENT is a name in harness/experiments/ (demo, coldstart, steady, warmup, jit-vs-aot,
-- pageshare, serve) or a path to a
-- Lua file of the same shape; the default is demo.
local here = arg[0]:match("^(.*)/[^/]*$") or "."
local root = here .. "/.."
package.path = here .. "/lib/?.lua;" .. package.path

local usage = [[
usage: lua5.4 harness/lab.lua [--quick | --full] [--build DIR] [--out DIR] [--ref RUNTIME]
                              [--runtimes FILE] [EXPERIMENT ...]
  EXPERIMENT  demo (default), coldstart, steady, warmup, jit-vs-aot, pageshare, serve, or a path
              to an experiment file
  --quick     fewest runs and programs (a smoke test); --full: every program at its default size
  --build     the meson build directory (default: build)
  --out       results folder (default: results/<date>-<host>-<commit>)
  --ref       the runtime every ratio is relative to (default: native)
  --runtimes  a file of "NAME PATH" lines naming peer runtimes not on PATH
              (default: harness/runtimes.conf when it exists)
]]

local opts = { profile = "default", experiments = {} }
local i = 1
while i <= #arg do
  local a = arg[i]
  local function value()
    i = i + 1
    if not arg[i] then io.stderr:write("lab: ", a, " needs a value\n", usage) os.exit(2) end
    return arg[i]
  end
  if a == "--quick" then opts.profile = "quick"
  elseif a == "--full" then opts.profile = "full"
  elseif a == "--build" then opts.build = value()
  elseif a == "--out" then opts.out = value()
  elseif a == "--ref" then opts.reference = value()
  elseif a == "--runtimes" then opts.config = value()
  elseif a == "-h" or a == "--help" then io.write(usage) os.exit(0)
  elseif a:match("^%-") then io.stderr:write("lab: unknown option ", a, "\n", usage) os.exit(2)
  else opts.experiments[#opts.experiments + 1] = a end
  i = i + 1
end
if #opts.experiments == 0 then opts.experiments = { "demo" } end

-- Absolute paths, because runtimes run with other working directories (bundles).
local function absolute(p)
  if p:sub(1, 1) == "/" then return p end
  local cwd = os.getenv("PWD") or io.popen("pwd"):read("l")
  return cwd .. "/" .. p
end
root = absolute(root):gsub("/harness/%.%.$", ""):gsub("/%./", "/")
opts.build = absolute(opts.build or (root .. "/build"))
package.cpath = opts.build .. "/harness/?.so;" .. package.cpath

local okc, labc = pcall(require, "labc")
if not okc then
  io.stderr:write("lab: cannot load the C module labc.so from ", opts.build, "/harness: build it first ",
    "(meson setup ", opts.build, " && ninja -C ", opts.build, "; it needs liblua5.4-dev)\n  ", tostring(labc), "\n")
  os.exit(1)
end
local okl, lerr = labc.spawn_start(opts.build .. "/harness/labspawn")
if not okl then
  io.stderr:write("lab: ", lerr, ": build it first (ninja -C ", opts.build, ")\n")
  os.exit(1)
end
local sys = require "sys"
local lablib = require "lab"
local report = require "report"
local plot = require "plot"
local progress = require "progress"

if not opts.config and sys.exists(root .. "/harness/runtimes.conf") then opts.config = root .. "/harness/runtimes.conf" end
if not opts.out then
  local m = sys.machine(root, opts.build)
  opts.out = ("%s/results/%s-%s-%s"):format(root, os.date("%Y-%m-%d"), m.host, m.commit)
end
opts.out = absolute(opts.out)
opts.root = root

local experiments = {}
for _, name in ipairs(opts.experiments) do
  local path = name:find("/") and name or (root .. "/harness/experiments/" .. name .. ".lua")
  local chunk, err = loadfile(path)
  if not chunk then
    io.stderr:write("lab: no experiment '", name, "' (", err, ")\n")
    os.exit(2)
  end
  experiments[#experiments + 1] = { name = name:gsub("^.*/", ""):gsub("%.lua$", ""), fn = chunk() }
end

local okn, lab = pcall(lablib.new, opts)
if not okn then io.stderr:write("lab: ", tostring(lab), "\n") os.exit(1) end
local names = {}
for _, e in ipairs(experiments) do names[#names + 1] = e.name end
lab.experiment_names = table.concat(names, ", ")

io.stderr:write(("lab: %s (%s) -> %s\n"):format(lab.experiment_names, lab.profile, opts.out))
local t0 = labc.now()
for _, e in ipairs(experiments) do
  local ok, err = xpcall(e.fn, debug.traceback, lab)
  if not ok then
    progress.finish()
    io.stderr:write("lab: experiment ", e.name, " failed: ", tostring(err), "\n")
    lab:close()
    os.exit(1)
  end
end
progress.finish()
lab:close()
local elapsed = (labc.now() - t0) / 1e9

-- The report: the same tables for every experiment, in the order they ran.
local titles = {
  coldstart = "Cold start: start-up programs, whole process",
  compute = "Cold start: compute programs, whole process",
  steady = "Steady state: compute programs",
  ["jit-vs-aot"] = "JIT vs AOT: cold start, whole process, interleaved rounds",
}
local sections = {}
for _, exp in ipairs(lab.order.experiments) do
  if exp == "steady" then
    local body = report.steady_table(lab)
    sections[#sections + 1] = { title = "Steady state per tier vs " .. lab.reference, body = body,
      text = "Whole-process medians for native, containers, peers and the AOT artifacts (`wasmlab-aot*`: compiled before timing, only the run timed); `(in-process)` columns are the wasmlab tiers' "
        .. "median time per iteration in the C module (module decoded once, a fresh instance and `_start` per "
        .. "iteration, warm-up iterations left out; see `warmup-*.png`)." }
    sections[#sections + 1] = { title = "Steady state: every sample", body = report.detail_table(lab, exp) }
  else
    sections[#sections + 1] = { title = titles[exp] or exp, body = report.process_table(lab, exp) }
    sections[#sections + 1] = { title = (titles[exp] or exp) .. ": every sample", body = report.detail_table(lab, exp) }
  end
end
if #lab.phase_samples > 0 then
  table.insert(sections, 2, { title = "In-process phases of a cold run (wasmlab, through the C module)",
    body = report.phase_table(lab),
    text = "Medians in µs. The interpreter lowers code while validating, so it has no separate compile phase (n/a)." })
end
-- experiments that make their own tables (warmup) add them in the order they ran
for _, s in ipairs(lab.sections) do sections[#sections + 1] = s end
-- an experiment with only its own tables (warmup) has no whole-process samples for a memory table
if next(lab.samples) or #sections == 0 then
  sections[#sections + 1] = { title = "Memory: peak RSS (MiB, median)", body = report.memory_table(lab) }
end
if #lab.steady_samples > 0 then
  sections[#sections + 1] = { title = "Hardware counters per iteration (PAPI, median)", body = report.counters_table(lab) }
end
local figures = plot.all(lab, report)
for _, f in ipairs(lab.figures) do figures[#figures + 1] = f end
local fig = {}
for _, f in ipairs(figures) do fig[#fig + 1] = ("- `%s.png`, `%s.svg` (script `%s.gp`, data `%s.dat`)"):format(f, f, f, f) end
sections[#sections + 1] = { title = "Figures", body = #fig > 0 and table.concat(fig, "\n") or "none (is gnuplot installed?)" }
local text = report.write(lab, opts.out .. "/summary.md", elapsed, sections)

-- Print the headline tables (not the per-sample detail) to the terminal.
for line in (text .. "\n"):gmatch("([^\n]*)\n") do
  if line:match("^## ") then lab._skip = line:match("every sample") or line:match("^## Runtimes") end
  if not lab._skip then io.write(line, "\n") end
end
io.write("\nlab: results in ", opts.out, " (", #figures, " figures, ", string.format("%.0f", elapsed), " s)\n")
