-- warmup.lua: warm-up curves: time per round of compute/mainloop, warmup/recursion and warmup/lookups in native, interp, baseline, opt, tiered (interp -> baseline -> opt), tiered on the one rung interp -> baseline, and tiered --no-osr.
-- mainloop's only hot loop is in main, which runs once, so only on-stack replacement can move it
-- out of the interpreter: tiered should start at interp speed and reach baseline speed, then opt
-- speed, within its first rounds (OSR at both rungs), tiered --no-osr should stay at interp speed
-- throughout.  recursion and lookups keep their hot code in functions called every round (or
-- every operation), so the manager moves them at a function's entry, OSR or not.  For each
-- program the summary says from which round tiered runs within 10% of opt's later rounds.
local plot = require "plot"
local report = require "report"
local progress = require "progress"
local rounds = require "rounds"
local runtimes = require "runtimes"
local stats = require "stats"
local sys = require "sys"

local SETTLED = 0.2 -- a run is at its later speed from its first round within 20% of its later rounds' median
local NEAR_OPT = 0.1 -- tiered has caught up with opt from its first round within 10% of opt's later rounds

-- The configurations, probed once against `prog` (the first program): native and the pinned tiers
-- when present, tiered with its variants when this wasmlab accepts them.
local function configurations(lab, prog)
  local configs, missing = {}, {}
  for _, name in ipairs({ "native", "wasmlab-interp", "wasmlab-baseline", "wasmlab-opt" }) do
    local rt = lab:runtime(name)
    if rt then configs[#configs + 1] = rt else missing[#missing + 1] = name end
  end
  -- The tier manager: listed by `wasmlab --version` once it is built in; probed as well, so a
  -- build that accepts `--tier tiered` before it lists it is measured all the same.
  local interp = lab:runtime("wasmlab-interp")
  local tiered = lab:runtime("wasmlab-tiered")
  local why_not
  if not tiered and interp then
    local probe = runtimes.variant(interp, { name = "wasmlab-tiered", tier = "tiered", what = "wasmlab --tier tiered" })
    local ok, complaint = lab:accepts(probe, prog, { "1" })
    if ok then tiered = probe else why_not = complaint end
  end
  if tiered then
    configs[#configs + 1] = tiered
    -- the one-rung climb of before, beside the default three rungs
    local one_rung = runtimes.variant(tiered, { name = "wasmlab-tiered-interp-baseline",
      flags = { "--ladder", "interp,baseline" }, what = "wasmlab --tier tiered --ladder interp,baseline" })
    local accepted, refusal = lab:accepts(one_rung, prog, { "1" })
    if accepted then
      configs[#configs + 1] = one_rung
    else
      lab:skip("wasmlab-tiered-interp-baseline", "`--ladder interp,baseline` is refused: " .. tostring(refusal))
    end
    local no_osr = runtimes.variant(tiered, { name = "wasmlab-tiered-no-osr", flags = { "--no-osr" },
      what = "wasmlab --tier tiered --no-osr" })
    local ok, complaint = lab:accepts(no_osr, prog, { "1" })
    if ok then
      configs[#configs + 1] = no_osr
    else
      lab:skip("wasmlab-tiered-no-osr", "`wasmlab run --tier tiered --no-osr` is refused: " .. tostring(complaint))
      progress.note("warmup: skipping wasmlab-tiered-no-osr: " .. tostring(complaint))
    end
  else
    local tiers = {}
    for _, rt in ipairs(lab:present({ "wasmlab" })) do tiers[#tiers + 1] = rt.tier end
    local msg = ("this wasmlab has no --tier tiered yet (its tiers: %s)%s"):format(table.concat(tiers, ", "),
      why_not and ("; it says: " .. why_not) or "")
    lab:skip("wasmlab-tiered, wasmlab-tiered-no-osr", msg)
    progress.note("warmup: skipping wasmlab-tiered and wasmlab-tiered-no-osr: " .. msg)
  end
  for _, name in ipairs(missing) do lab:skip(name, "not present in this build") end
  return configs
end

-- What the tier manager did: one untimed run of each tiered configuration at the small size with
-- --trace-tiering (its tier-up and OSR events; the timed runs go without it).
local function tier_events(lab, prog, configs, results)
  local events = {}
  for k, rt in ipairs(configs) do
    if rt.tier == "tiered" and results[k].status == "ok" then
      local flags = { "--trace-tiering" }
      for _, f in ipairs(rt.flags or {}) do flags[#flags + 1] = f end
      local r, why = lab:untimed(runtimes.variant(rt, { flags = flags }), prog, prog.args.small)
      local log = {}
      for line in ((r and r.code == 0) and r.stderr or ""):gmatch("[^\n]+") do
        if line:match("^tiering:") then log[#log + 1] = "`" .. line .. "`" end
      end
      if not r or r.code ~= 0 then
        local complaint = r and ("exit " .. tostring(r.code) .. ": " .. r.stderr:gsub("%s+$", ""):sub(1, 120)) or why
        log = { "(no trace: " .. complaint .. ")" }
      elseif #log == 0 then
        log[1] = "(no tier-up event)"
      end
      events[#events + 1] = ("- %s: %s"):format(rt.name, table.concat(log, "; "))
    end
  end
  return events
end

-- One program: its rounds in every configuration, its table, its figure.  Returns the summaries
-- by configuration name (times in ms).
local function one_program(lab, prog, configs, size, runs)
  -- not warmup-NAME: that is the steady experiment's per-iteration figure of a compute program
  local figure = "warmup-rounds-" .. prog.name
  local csv_name = figure .. ".csv"
  local results = lab:rounds { experiment = "warmup", program = prog, size = size, runtimes = configs, runs = runs,
    trace = { "trace" }, csv = csv_name }

  -- Per configuration: round 1, the later rounds, and the curve, in ms.
  local rows, series, curves, by = {}, {}, {}, {}
  for _, res in ipairs(results) do
    local row = { name = res.name, status = res.status, detail = res.detail }
    if res.status == "ok" and #res.runs > 0 then
      local ms_runs = {}
      for i, t in ipairs(res.runs) do
        ms_runs[i] = {}
        for r, ns in ipairs(t) do ms_runs[i][r] = ns / 1e6 end
      end
      row.summary = rounds.summary(ms_runs, SETTLED)
      row.wall_ms = stats.median(res.wall_ms)
      series[#series + 1] = res.name
      curves[res.name] = row.summary.curve
      by[res.name] = row.summary
    end
    rows[#rows + 1] = row
  end

  local n = rounds.count(prog.expected[size]) or "?"
  local text = {
    ("`%s %s trace` (%s rounds of equal work, %d runs per configuration), whole processes; each round is timed by the "
      .. "program itself (`clock_gettime(CLOCK_MONOTONIC)`, WASI `clock_time_get` in wasm) and every run's stdout "
      .. "was checked against the manifest first. Round 1 is the median of the runs' first rounds; the later rounds "
      .. "(2-%s) are pooled over runs. Ratios are to `wasmlab-baseline` (round 1 to its round 1, later to its later "
      .. "rounds) and to `wasmlab-interp` likewise. A run is at its later speed from its first round within %d%% of the "
      .. "later rounds' median; that round and the time spent before it are medians over runs (the warm-up as the "
      .. "program sees it). Every round: `%s`; every run: `process.csv`."):format(prog.id,
      table.concat(prog.args[size], " "), n, runs, n, math.floor(SETTLED * 100 + 0.5), csv_name),
  }
  local events = tier_events(lab, prog, configs, results)
  if #events > 0 then
    text[#text + 1] = ("Tier-up events (one untimed run each at the small size with `--trace-tiering`):\n\n%s")
      :format(table.concat(events, "\n"))
  end

  -- thousands of rounds: lines without point marks, and a log x axis so the first rounds show
  local many = type(n) == "number" and n > 50
  if #series > 0 then
    if not sys.which("gnuplot") then
      text[#text + 1] = ("No figure: gnuplot is not installed (apt-get install gnuplot); the data is in `%s`."):format(csv_name)
      progress.note("warmup: gnuplot not found, no " .. figure .. ".png (the rounds are in " .. csv_name .. ")")
    elseif plot.curves(lab.out, figure, {
        title = ("%s (%s): time per round, median of %d runs"):format(prog.id, size, runs), series = series, values = curves,
        xlabel = many and "round (log scale)" or "round", ylabel = "ms per round (log scale)", logscale = true,
        logx = many, style = many and "lines lw 1.5" or nil }) then
      lab:add_figure(figure)
      text[#text + 1] = ("Figure: `%s.png` (time per round vs round, one line per configuration)."):format(figure)
    else
      text[#text + 1] = ("No figure: gnuplot failed on `%s.gp`; the data is in `%s`."):format(figure, csv_name)
      progress.note("warmup: gnuplot failed on " .. figure .. ".gp")
    end
  end
  lab:add_section { title = "Warm-up: " .. prog.id .. ", time per round",
    text = table.concat(text, "\n\n"), body = rounds.table(rows, "wasmlab-baseline", "wasmlab-interp") }
  return by
end

local function fmt_ratio(a, b)
  if not a or not b or b <= 0 then return "–" end
  return string.format("%.2f", a / b)
end

-- The catch-up table: per program, opt's later rounds, and where tiered's curve (the per-round
-- median over runs) first comes within NEAR_OPT of them.
local function catch_up(programs, summaries)
  local out = {}
  for i, prog in ipairs(programs) do
    local s = summaries[i]
    local opt, tiered = s["wasmlab-opt"], s["wasmlab-tiered"]
    local base, one = s["wasmlab-baseline"], s["wasmlab-tiered-interp-baseline"]
    local at, before
    if opt and opt.later and tiered then at, before = rounds.reaches(tiered.curve, opt.later, NEAR_OPT) end
    local fmt = function(v) return v and string.format("%.4f", v) or "–" end
    out[#out + 1] = { prog.id, fmt(opt and opt.later), fmt(tiered and tiered.later),
      fmt_ratio(tiered and tiered.later, opt and opt.later), fmt_ratio(base and base.later, opt and opt.later),
      fmt_ratio(one and one.later, opt and opt.later),
      at and tostring(at) or ("not within " .. (tiered and tostring(#tiered.curve) or "?") .. " rounds"),
      before and string.format("%.2f", before) or "–" }
  end
  return report.table_md({ "program", "opt later ms", "tiered later ms", "tiered / opt (later)",
    "baseline / opt (later)", "interp,baseline / opt (later)",
    ("tiered within %d%% of opt's later speed from round"):format(math.floor(NEAR_OPT * 100 + 0.5)),
    "tiered ms before it" }, out, { "l" })
end

return function(lab)
  local programs = {
    lab:programs("compute", { "mainloop" })[1],
    lab:programs("warmup", { "recursion" })[1],
    lab:programs("warmup", { "lookups" })[1],
  }
  -- every size has rounds of the same length, so the small one already shows the whole warm-up
  local size = lab:pick { quick = "small", default = "small", full = "default" }
  -- a round is ~1-2 ms interpreted, as long as a preemption: medians over runs absorb them
  local runs = lab:pick { quick = 3, default = 7, full = 5 }
  local configs = configurations(lab, programs[1])
  local summaries = {}
  for i, prog in ipairs(programs) do summaries[i] = one_program(lab, prog, configs, size, runs) end
  lab:add_section { title = "Warm-up: when tiered reaches opt's speed",
    text = ("Per program, opt's later rounds (median, pooled over runs) and the first round of tiered's curve (the "
      .. "per-round median over runs) no slower than them by more than %d%%, with the time tiered spent before it; "
      .. "`tiered / opt` and the other ratios are of the later rounds, within this run (side by side, so a load "
      .. "on the machine falls on all of them alike)."):format(math.floor(NEAR_OPT * 100 + 0.5)),
    body = catch_up(programs, summaries) }
end
