-- rounds.lua: per-round times that a program prints on stderr (`NAME round=R ns=T`): parsing, warm-up statistics, the summary table.
local report = require "report"
local stats = require "stats"
local M = {}

-- How many rounds a result line announces (`rounds=20`), or nil when it does not say.
function M.count(result_line)
  return tonumber((result_line or ""):match("%f[%w]rounds=(%d+)"))
end

-- The times (ns) of rounds 1..n from a traced run's stderr, or nil and why.  Other stderr lines
-- are ignored (a runtime may log too); rounds must come in order, and exactly `want` of them
-- when it is given.
function M.parse(text, want)
  local times = {}
  for line in (text or ""):gmatch("[^\n]+") do
    local r, ns = line:match("^%S+ round=(%d+) ns=(%d+)%s*$")
    if r then
      r, ns = tonumber(r), tonumber(ns)
      if r ~= #times + 1 then return nil, ("round %d traced after round %d"):format(r, #times) end
      times[r] = ns
    end
  end
  if #times == 0 then return nil, "no round times on stderr" end
  if want and #times ~= want then return nil, ("%d rounds traced, the result line says %d"):format(#times, want) end
  return times
end

-- The first round of `curve` within `tolerance` (a fraction) of `level`: where a warm-up curve
-- reaches its later speed.  (Not "stays within from then on": on a shared machine one slow round
-- late in a run would move that to the end.)  nil when no round is.
function M.settled(curve, level, tolerance)
  for r = 1, #curve do
    if math.abs(curve[r] - level) <= tolerance * level then return r end
  end
  return nil
end

-- The first round of `curve` no slower than `level` by more than `tolerance` (a fraction), and the
-- time the curve spent before it: where a configuration catches up with another's later speed
-- (one-sided: a round faster than the level is there too).  nil when no round is.
function M.reaches(curve, level, tolerance)
  local spent = 0
  for r = 1, #curve do
    if curve[r] <= level * (1 + tolerance) then return r, spent end
    spent = spent + curve[r]
  end
  return nil
end

-- runs: one list of round times per run (any unit).  Round 1 is the median of every run's first
-- round; the later rounds are pooled over runs, since each is the same work in the same state;
-- the curve is the per-round median over runs (what the plot draws).  Per run, the round where it
-- reaches the later rounds' speed (within `tolerance`, default 0.2) and the time spent before
-- that round, the warm-up as the program lives it; both as medians over runs.  A run that never
-- gets there counts as all of its rounds.
function M.summary(runs, tolerance)
  assert(#runs > 0, "summary of no runs")
  local first, later, curve, n = {}, {}, {}, 0
  for _, t in ipairs(runs) do
    first[#first + 1] = t[1]
    for r = 2, #t do later[#later + 1] = t[r] end
    n = math.max(n, #t)
  end
  for r = 1, n do
    local at = {}
    for _, t in ipairs(runs) do at[#at + 1] = t[r] end
    curve[r] = stats.median(at)
  end
  local s = { runs = #runs, rounds = n, first = stats.median(first), curve = curve, n_later = #later }
  if #later > 0 then
    s.later = stats.median(later)
    s.later_lo, s.later_hi = stats.median_ci(later)
    local at, before = {}, {}
    for _, t in ipairs(runs) do
      local r = M.settled(t, s.later, tolerance or 0.2) or (#t + 1)
      local spent = 0
      for i = 1, r - 1 do spent = spent + t[i] end
      at[#at + 1], before[#before + 1] = r, spent
    end
    s.settled, s.warmup = stats.median(at), stats.median(before)
  end
  return s
end

local function ratio(a, b)
  if not a or not b or b <= 0 then return "–" end
  local r = a / b
  return string.format(r >= 10 and "%.1fx" or "%.2fx", r)
end

-- The summary table, one configuration a row.  rows: {name=, status=, detail=, summary= (times
-- in ms), wall_ms=}; ratios are to the rows named `baseline` and `interp` (dashes when absent).
function M.table(rows, baseline, interp)
  local by = {}
  for _, r in ipairs(rows) do by[r.name] = r end
  local function sm(name) return by[name] and by[name].summary end
  local b, it = sm(baseline), sm(interp)
  local out = {}
  for _, r in ipairs(rows) do
    local s = r.summary
    if s then
      local later = s.later and ("%s (%s–%s)"):format(report.fmt_ms(s.later), report.fmt_ms(s.later_lo),
        report.fmt_ms(s.later_hi)) or "–"
      out[#out + 1] = { r.name, tostring(s.runs), report.fmt_ms(s.first), later, ratio(s.first, b and b.first), ratio(s.later, b and b.later), ratio(s.first, it and it.first),
        ratio(s.later, it and it.later), s.settled and string.format("%g", s.settled) or "–", report.fmt_ms(s.warmup),
        report.fmt_ms(r.wall_ms) }
    else
      out[#out + 1] = { r.name, "0", r.status or "failed", ((r.detail or ""):gsub("|", "/"):sub(1, 90)), "", "", "", "",
        "", "", "" }
    end
  end
  return report.table_md({ "configuration", "runs", "round 1 ms", "later rounds ms (95% CI)", "round 1 x " .. baseline,
    "later x " .. baseline, "round 1 x " .. interp, "later x " .. interp, "at later speed from round",
    "ms before it", "whole process ms" }, out, { "l" })
end

return M
