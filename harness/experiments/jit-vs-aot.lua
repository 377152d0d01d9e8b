-- jit-vs-aot.lua: per program, the JIT tiers against AOT artifacts side by side: compile time, artifact size, cold start (interleaved), time to the first call, steady state, page sharing.
local aot = require "aot"
local labc = require "labc"
local plot = require "plot"
local progress = require "progress"
local report = require "report"
local stats = require "stats"
local sys = require "sys"

local function median(xs) return #xs > 0 and stats.median(xs) or nil end
local function f1(v) return string.format(v >= 100 and "%.0f" or "%.2f", v) end
local function f3(v) return report.fmt_ms(v) end
local function int(v) return string.format("%d", v) end

-- Compile time of an AOT row: `runs` compiles of the program into scratch files, wall time of the
-- whole `compile` process (what a deployment pays once), median.
local function aot_compile_ms(lab, rt, e, runs)
  local times = {}
  local scratch = lab.tmp .. "/aot/scratch-" .. aot.artifact_name(e.id, rt.aot_tier or rt.name, rt.bounds)
  for _ = 1, runs do
    local r = labc.spawn { argv = aot.compile_argv(rt, lab:file(e, "wasm"), scratch), timeout = 600 }
    if not r or r.code ~= 0 then return nil end
    times[#times + 1] = r.wall_ns / 1e6
  end
  os.remove(scratch)
  return median(times)
end

-- A JIT tier's compile time as the engine reports it: `runs` untimed `run --stats`, the compile
-- lines summed over the tiers that compiled (tiered compiles in two), median over the runs.
local function jit_compile(lab, rt, e, runs)
  local v = require("runtimes").variant(rt, { flags = { "--stats" } })
  local times, funcs, code = {}, nil, nil
  for _ = 1, runs do
    local r = lab:untimed(v, e, e.args.small)
    if not r or r.code ~= 0 then return nil end
    local ms, any = 0, false
    funcs, code = 0, 0
    for _, t in pairs(aot.parse_stats(r.stderr)) do
      any = true
      ms, funcs, code = ms + t.compile_ms, funcs + (t.funcs or 0), code + (t.code_bytes or 0)
    end
    if not any then return nil end
    times[#times + 1] = ms
  end
  return { ms = median(times), funcs = funcs, code_bytes = code > 0 and code or nil }
end

-- In-process, for a JIT tier: everything before _start is entered (engine, read, decode and
-- validate, compile, instantiate), median over runs.
local function to_first_call(lab, rt, e, runs)
  local xs = {}
  for _ = 1, runs do
    local r = labc.phases { path = lab:file(e, "wasm"), tier = rt.tier, args = e.args.small,
      stdin = e.stdin and (lab.root .. "/suites/" .. e.stdin) or nil, stdout = lab.tmp .. "/jva-out" }
    if not r or r.code ~= 0 then return nil end
    xs[#xs + 1] = (r.total_ns - r.first_call_ns) / 1e6
  end
  return median(xs)
end

-- readelf's view of an artifact: .text bytes and the .wlab.* sections', or nil.
local function sections(path)
  if not sys.which("readelf") then return nil end
  local text = sys.capture("readelf -SW " .. sys.sh(path))
  return text and aot.section_summary(aot.parse_sections(text))
end

return function(lab)
  local programs = {}
  for _, id in ipairs(lab:pick {
      quick = { "startup/hello", "startup/empty", "compute/fib" },
      default = { "startup/hello", "startup/empty", "compute/fib", "compute/sieve", "compute/json" },
      full = { "startup/hello", "startup/empty", "compute/fib", "compute/sieve", "compute/json", "compute/nbody",
        "compute/bytecode" } }) do
    programs[#programs + 1] = assert(lab.manifest.by[id], "no program " .. id)
  end
  local runs = lab:pick { quick = 5, default = 15, full = 30 }

  -- the configurations: native, every JIT tier, every AOT row (absent ones listed, not run)
  local rts, jit, aots, absent = {}, {}, {}, {}
  for _, rt in ipairs(lab.runtimes) do
    local ours = rt.kind == "native" or rt.kind == "wasmlab" or rt.kind == "wamr-aot"
    if ours and rt.status ~= "present" then
      absent[#absent + 1] = ("`%s` (%s)"):format(rt.name, rt.note or "not found")
    elseif ours then
      rts[#rts + 1] = rt
      if rt.aot then aots[#aots + 1] = rt elseif rt.kind == "wasmlab" then jit[#jit + 1] = rt end
    end
  end

  -- 1. compile: AOT from `compile`'s wall time, JIT from run --stats; the artifact's size
  local info = {}
  for _, e in ipairs(programs) do
    info[e.id] = {}
    for _, rt in ipairs(aots) do
      progress.show("jit-vs-aot compile " .. e.id, rt.name)
      local a, why = lab:artifact(rt, e)
      local row = {}
      if a then
        row.compile_ms = aot_compile_ms(lab, rt, e, lab:pick { quick = 1, default = 3, full = 5 })
        row.artifact_bytes = a.bytes
        local s = rt.kind == "wasmlab" and sections(a.path)
        if s then row.text_bytes, row.wlab_bytes = s.text, s.wlab end
      else
        row.note = why
      end
      info[e.id][rt.name] = row
    end
    for _, rt in ipairs(jit) do
      progress.show("jit-vs-aot compile " .. e.id, rt.name .. " --stats")
      local c = jit_compile(lab, rt, e, lab:pick { quick = 3, default = 5, full = 7 })
      info[e.id][rt.name] = { compile_ms = c and c.ms, funcs = c and c.funcs, code_bytes = c and c.code_bytes,
        first_call_ms = to_first_call(lab, rt, e, lab:pick { quick = 3, default = 7, full = 15 }) }
    end
  end

  -- 2. cold start, whole process, the configurations taking turns round by round
  lab:processes { experiment = "jit-vs-aot", programs = programs, runtimes = rts, size = "small", runs = runs,
    warmup = 1, interleave = true }

  -- 3. steady state: mainloop's own per-round times (the later rounds), configurations in turn
  local ml = lab:programs("compute", { "mainloop" })[1]
  local steady = {}
  local steady_rts = {}
  for _, rt in ipairs(rts) do if rt.tier ~= "interp" then steady_rts[#steady_rts + 1] = rt end end
  for _, res in ipairs(lab:rounds { experiment = "jit-vs-aot-steady", program = ml, size = "small",
      runtimes = steady_rts, runs = lab:pick { quick = 2, default = 5, full = 7 }, trace = { "trace" },
      csv = "jit-vs-aot-rounds.csv" }) do
    if res.status == "ok" and #res.runs > 0 then
      local later = {}
      for _, t in ipairs(res.runs) do for r = 2, #t do later[#later + 1] = t[r] / 1e6 end end
      steady[res.name] = median(later)
    end
  end

  -- the table: a row per program and configuration
  local sums = report.summaries(lab, "jit-vs-aot")
  local rows = {}
  for _, e in ipairs(programs) do
    local native = sums[e.id] and sums[e.id].native
    for _, rt in ipairs(rts) do
      local i = info[e.id][rt.name] or {}
      local sm = sums[e.id] and sums[e.id][rt.name]
      local row = { program = e.id, runtime = rt.name, compile_ms = i.compile_ms, funcs = i.funcs,
        code_bytes = i.code_bytes, artifact_bytes = i.artifact_bytes, text_bytes = i.text_bytes,
        wlab_bytes = i.wlab_bytes, first_call_ms = i.first_call_ms, note = i.note }
      if sm and sm.status == "ok" then
        row.cold_ms, row.cold_lo, row.cold_hi, row.rss_kb = sm.median, sm.lo, sm.hi, sm.rss
        if native and native.status == "ok" then row.x_native = sm.median / native.median end
      elseif sm then
        row.note = sm.status .. (sm.detail and (": " .. sm.detail) or "")
      end
      rows[#rows + 1] = row
    end
  end
  for _, rt in ipairs(rts) do
    rows[#rows + 1] = { program = ml.id .. " (later rounds)", runtime = rt.name, steady_ms = steady[rt.name],
      note = rt.tier == "interp" and "not run (too slow for the budget)" or (not steady[rt.name] and "failed (see Failures)" or nil) }
  end
  local cols = {
    { key = "program", head = "program" }, { key = "runtime", head = "configuration", left = true },
    { key = "compile_ms", head = "compile ms", fmt = f3 }, { key = "funcs", head = "functions compiled", fmt = int },
    { key = "code_bytes", head = "machine code B", fmt = int }, { key = "artifact_bytes", head = "artifact B", fmt = int },
    { key = "text_bytes", head = ".text B", fmt = int }, { key = "wlab_bytes", head = ".wlab.* B", fmt = int },
    { key = "cold_ms", head = "cold start ms (median)", fmt = f3 }, { key = "cold_lo", head = "95% lo", fmt = f3 },
    { key = "cold_hi", head = "95% hi", fmt = f3 }, { key = "x_native", head = "x native", fmt = f1 },
    { key = "rss_kb", head = "peak RSS kB", fmt = int }, { key = "first_call_ms", head = "to first call ms", fmt = f3 },
    { key = "steady_ms", head = "steady ms/round", fmt = f3 }, { key = "note", head = "note", left = true },
  }
  local md, csv = aot.table(cols, rows)
  sys.write(lab.out .. "/jit-vs-aot.csv", csv)

  local text = {
    ("Programs at their small size; configurations: %s. AOT rows are compiled once before timing (into the "
      .. "lab's work folder, one artifact per program and tier) and only `wasmlab run ARTIFACT` is timed; every run's "
      .. "output is checked first, as for every runtime."):format(#rts > 0 and table.concat((function()
        local n = {} for k, rt in ipairs(rts) do n[k] = "`" .. rt.name .. "`" end return n end)(), ", ") or "none"),
    "**compile ms**: AOT, the median wall time of the whole `wasmlab compile` process; JIT, the median of the "
      .. "compile times `run --stats` reports in untimed runs (summed over tiers for tiered; the baseline compiles lazily, only the "
      .. "functions called, so `functions compiled` says how much it did). **artifact B**, **.text B**, "
      .. "**.wlab.* B**: the artifact's file size and its sections (`readelf -SW`).",
    ("**cold start**: whole process, %d rounds after one warm-up round, every configuration once a round in an order "
      .. "rotated each round (as `scripts/tiercompare` INTERLEAVE=1), median with its 95%% interval; `x native` is to "
      .. "the static native binary in the same rounds."):format(runs),
    "**to first call**: in-process (through the C module), engine, read, decode and validate, compile and "
      .. "instantiate, up to entering `_start`. Only the JIT tiers report it: an artifact is run by the `wasmlab` "
      .. "process and the engine reports no load phases for it, so AOT and native rows leave it empty (their cold "
      .. "start is the whole-process figure).",
    ("**steady ms/round**: `%s trace`, the median of the rounds after the first (pooled over runs), the "
      .. "configurations in turn; every round is in `jit-vs-aot-rounds.csv`. The interpreter is left out."):format(
      ml.id .. " " .. table.concat(ml.args.small, " ")),
  }
  if #absent > 0 then
    text[#text + 1] = "Absent, so not run: " .. table.concat(absent, "; ") .. "."
  end
  if #aots == 0 then
    text[#text + 1] = "**AOT is absent on this build** (`wasmlab --help` lists no `compile`): only the JIT and native "
      .. "rows are measured."
  end

  -- a figure of compile time per configuration (cold start has its own, `jit-vs-aot.png`)
  local series, values, progs = {}, {}, {}
  for _, rt in ipairs(rts) do if rt.kind ~= "native" then series[#series + 1] = rt.name end end
  for _, e in ipairs(programs) do
    progs[#progs + 1] = e.id
    values[e.id] = {}
    for _, s in ipairs(series) do
      local v = info[e.id][s] and info[e.id][s].compile_ms
      if v and v > 0 then values[e.id][s] = { v, v, v } end
    end
  end
  if not sys.which("gnuplot") then
    text[#text + 1] = "No compile-time figure: gnuplot is not installed; the data is in `jit-vs-aot.csv`."
  elseif plot.bars(lab.out, "jit-vs-aot-compile", { title = "compile time per configuration", ylabel = "ms (log scale)",
      rows = progs, series = series, values = values }) then
    lab:add_figure("jit-vs-aot-compile")
    text[#text + 1] = "Figures: `jit-vs-aot.png` (cold start), `jit-vs-aot-compile.png` (compile time)."
  end
  sys.write(lab.out .. "/jit-vs-aot.md", "# JIT vs AOT\n\n" .. table.concat(text, "\n\n") .. "\n\n" .. md .. "\n")
  lab:add_section { title = "JIT vs AOT", text = table.concat(text, "\n\n") .. "\n\nTable: `jit-vs-aot.md`, `jit-vs-aot.csv`.",
    body = md }

  -- 4. page sharing: the AOT artifacts against the JIT tiers that compiled them and native
  local share = {}
  for _, rt in ipairs(rts) do
    if rt.aot or rt.kind == "native" or rt.tier == "baseline" or rt.tier == "opt" or rt.tier == "tiered" then
      share[#share + 1] = rt
    end
  end
  dofile(lab.root .. "/harness/experiments/pageshare.lua").run(lab, share)
end
