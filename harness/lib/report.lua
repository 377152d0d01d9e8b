-- report.lua: summary.md (cold start, containers, peers, phases, steady state per tier, memory) from a lab's samples.
local stats = require "stats"
local M = {}

local function fmt_ms(v)
  if not v then return "–" end
  if v >= 100 then return string.format("%.0f", v) end
  if v >= 10 then return string.format("%.1f", v) end
  if v >= 1 then return string.format("%.2f", v) end
  return string.format("%.3f", v)
end
M.fmt_ms = fmt_ms

local function fmt_ratio(r)
  if not r then return "–" end
  return string.format(r.value >= 10 and "%.1fx" or "%.2fx", r.value)
end

local function table_md(header, rows, align)
  local out = { "| " .. table.concat(header, " | ") .. " |" }
  local sep = {}
  for i = 1, #header do sep[i] = (align and align[i] == "l") and "---" or "---:" end
  out[#out + 1] = "|" .. table.concat(sep, "|") .. "|"
  for _, r in ipairs(rows) do out[#out + 1] = "| " .. table.concat(r, " | ") .. " |" end
  return table.concat(out, "\n")
end
M.table_md = table_md

-- Summaries of one experiment: sums[program][runtime] = stats summary (or {status=...}).
function M.summaries(lab, exp)
  local out = {}
  for prog, byrt in pairs(lab.samples[exp] or {}) do
    out[prog] = {}
    for rt, s in pairs(byrt) do
      if #s.wall > 0 and s.status == "ok" then
        local sm = stats.summary(s.wall)
        sm.rss = stats.median(s.rss)
        sm.status = "ok"
        out[prog][rt] = sm
      else
        out[prog][rt] = { status = s.status, detail = s.detail }
      end
    end
  end
  return out
end

local function programs_of(lab, exp, sums)
  local list = {}
  for _, p in ipairs(lab.order.programs) do if sums[p] then list[#list + 1] = p end end
  return list
end

local function runtimes_of(lab, sums)
  local seen, list = {}, {}
  for _, rt in ipairs(lab.order.runtimes) do
    for _, byrt in pairs(sums) do
      if byrt[rt] and not seen[rt] then seen[rt] = true; list[#list + 1] = rt end
    end
  end
  return list
end

local function cell(sm, ref)
  if not sm then return "–" end
  if sm.status == "not-run" then return "–" end
  if sm.status ~= "ok" then return sm.status end
  local r = (ref and ref.status == "ok") and stats.ratio(sm, ref) or nil
  return fmt_ms(sm.median) .. (r and (" (" .. fmt_ratio(r) .. ")") or "")
end

-- A runtimes-as-rows table of medians (ms) with the ratio to the reference in brackets.
function M.process_table(lab, exp)
  local sums = M.summaries(lab, exp)
  local progs, rts = programs_of(lab, exp, sums), runtimes_of(lab, sums)
  local header = { "runtime" }
  for _, p in ipairs(progs) do header[#header + 1] = p:gsub("^%w+/", "") end
  local rows = {}
  for _, rt in ipairs(rts) do
    local r = { rt }
    for _, p in ipairs(progs) do r[#r + 1] = cell(sums[p][rt], sums[p][lab.reference]) end
    rows[#rows + 1] = r
  end
  local align = { "l" }
  return table_md(header, rows, align), sums, progs, rts
end

-- Every sample's statistics: n, median, 95% CI, outliers, peak RSS.
function M.detail_table(lab, exp)
  local sums = M.summaries(lab, exp)
  local rows = {}
  for _, p in ipairs(programs_of(lab, exp, sums)) do
    for _, rt in ipairs(runtimes_of(lab, sums)) do
      local sm, ref = sums[p][rt], sums[p][lab.reference]
      if sm and sm.status == "ok" then
        local r = (ref and ref.status == "ok") and stats.ratio(sm, ref) or nil
        rows[#rows + 1] = { p, rt, tostring(sm.n), fmt_ms(sm.median), fmt_ms(sm.lo) .. "–" .. fmt_ms(sm.hi),
          string.format("%.1f%%", 100 * stats.spread(sm)), tostring(sm.outliers),
          r and string.format("%s [%.2f–%.2f]", fmt_ratio(r), r.lo, r.hi) or "–",
          string.format("%.1f", sm.rss / 1024) }
      elseif sm then
        rows[#rows + 1] = { p, rt, "0", sm.status, ((sm.detail or ""):gsub("|", "/"):sub(1, 90)), "", "", "", "" }
      end
    end
  end
  return table_md({ "program", "runtime", "n", "median ms", "95% CI ms", "± %", "outliers",
    "x " .. lab.reference .. " [CI]", "peak RSS MiB" }, rows, { "l", "l" })
end

function M.phase_table(lab)
  local rows = {}
  for _, ps in ipairs(lab.phase_samples) do
    local s = ps.slot
    if s.status == "ok" and #s.rows > 0 then
      local function med(k)
        local xs = {}
        for _, r in ipairs(s.rows) do if r[k] then xs[#xs + 1] = r[k] end end
        return #xs > 0 and stats.median(xs) * 1000 or nil
      end
      local function us(v) return v and string.format("%.0f", v) or "n/a" end
      rows[#rows + 1] = { ps.program, ps.runtime, tostring(#s.rows), us(med("read_ms")), us(med("decode_validate_ms")),
        us(med("compile_ms")), us(med("instantiate_ms")), us(med("first_call_ms")), us(med("total_ms")),
        tostring(s.rows[1].wasm_bytes) }
    else
      rows[#rows + 1] = { ps.program, ps.runtime, "0", s.status, (s.detail or ""):sub(1, 80), "", "", "", "", "" }
    end
  end
  return table_md({ "program", "tier", "n", "read µs", "decode+validate µs", "compile µs", "instantiate µs",
    "first call µs", "total µs", "wasm bytes" }, rows, { "l", "l" })
end

-- Steady state: in-process median per iteration of each wasmlab tier next to whole-process
-- times of native and peers, each as a ratio to the reference.
function M.steady_table(lab)
  local sums = M.summaries(lab, "steady")
  local tiers, inproc = {}, {}
  for _, ss in ipairs(lab.steady_samples) do
    inproc[ss.program] = inproc[ss.program] or {}
    if ss.slot.status == "ok" then
      local sm = stats.summary(ss.slot.times)
      sm.status = "ok"
      inproc[ss.program][ss.runtime] = sm
    else
      inproc[ss.program][ss.runtime] = { status = ss.slot.status, detail = ss.slot.detail }
    end
    if not tiers[ss.runtime] then tiers[ss.runtime] = true; tiers[#tiers + 1] = ss.runtime end
  end
  local progs, rts = programs_of(lab, "steady", sums), runtimes_of(lab, sums)
  local header = { "program" }
  for _, rt in ipairs(rts) do header[#header + 1] = rt end
  for _, t in ipairs(tiers) do header[#header + 1] = t .. " (in-process)" end
  local rows, ratios = {}, {}
  local cols = {}
  for _, rt in ipairs(rts) do cols[#cols + 1] = { name = rt, get = function(p) return sums[p] and sums[p][rt] end } end
  for _, t in ipairs(tiers) do cols[#cols + 1] = { name = t .. " (in-process)", get = function(p) return inproc[p] and inproc[p][t] end } end
  for _, p in ipairs(progs) do
    local ref = sums[p] and sums[p][lab.reference]
    local r = { (p:gsub("^%w+/", "")) }
    for ci, c in ipairs(cols) do
      local sm = c.get(p)
      r[#r + 1] = cell(sm, ref)
      if sm and sm.status == "ok" and ref and ref.status == "ok" then
        ratios[ci] = ratios[ci] or {}
        table.insert(ratios[ci], stats.ratio(sm, ref).value)
      end
    end
    rows[#rows + 1] = r
  end
  local g = { "geometric mean (x " .. lab.reference .. ")" }
  for ci = 1, #cols do
    g[#g + 1] = (ratios[ci] and #ratios[ci] == #progs) and string.format("%.2fx", stats.geomean(ratios[ci])) or "–"
  end
  rows[#rows + 1] = g
  return table_md(header, rows, { "l" }), inproc, cols, ratios
end

function M.memory_table(lab)
  local rows = {}
  for _, exp in ipairs(lab.order.experiments) do
    local sums = M.summaries(lab, exp)
    for _, p in ipairs(programs_of(lab, exp, sums)) do
      local r = { exp, p }
      for _, rt in ipairs(runtimes_of(lab, sums)) do
        local sm = sums[p][rt]
        r[#r + 1] = (sm and sm.status == "ok") and string.format("%.1f", sm.rss / 1024) or "–"
      end
      rows[#rows + 1] = r
    end
    if #rows > 0 then
      local header = { "experiment", "program" }
      for _, rt in ipairs(runtimes_of(lab, sums)) do header[#header + 1] = rt end
      return table_md(header, rows, { "l", "l" }) -- one experiment is enough for the memory view
    end
  end
  return "(no samples)"
end

function M.counters_table(lab)
  local rows = {}
  for _, ss in ipairs(lab.steady_samples) do
    local r = { ss.program, ss.runtime }
    for _, c in ipairs(lab.papi.names) do
      local xs = ss.slot.counters[c]
      r[#r + 1] = (xs and #xs > 0) and string.format("%.4g", stats.median(xs)) or "n/a"
    end
    rows[#rows + 1] = r
  end
  local header = { "program", "tier" }
  for _, c in ipairs(lab.papi.names) do header[#header + 1] = c end
  return table_md(header, rows, { "l", "l" })
end

-- The noise figure: the median relative half-width of all 95% intervals, and the load.
function M.noise(lab)
  local spreads = {}
  for _, exp in ipairs(lab.order.experiments) do
    for _, byrt in pairs(M.summaries(lab, exp)) do
      for _, sm in pairs(byrt) do
        if sm.status == "ok" and sm.n >= 3 then spreads[#spreads + 1] = stats.spread(sm) end
      end
    end
  end
  for _, ss in ipairs(lab.steady_samples) do
    if ss.slot.status == "ok" and #ss.slot.times >= 3 then spreads[#spreads + 1] = stats.spread(stats.summary(ss.slot.times)) end
  end
  if #spreads == 0 then return nil end
  local s = stats.sorted(spreads)
  return { median = stats.quantile(s, 0.5), p90 = stats.quantile(s, 0.9), n = #s }
end

function M.write(lab, path, elapsed_s, sections)
  local m = lab.machine
  local out = {}
  local function p(...) out[#out + 1] = table.concat({ ... }) end
  p("# wasmlab lab run: ", lab.experiment_names or "demo", " (", lab.profile, ")")
  p("")
  p("Machine: ", m.cpu, ", ", m.cpus, " CPUs, ", m.mem_mib or "?", " MiB; ", m.os, "; ", m.kernel, ".")
  p("Host `", m.host, "`, commit `", m.commit, "`, ", m.wasmlab, ", started ", m.date, ", ", string.format("%.0f", elapsed_s), " s.")
  p("`ulimit -s`: ", tostring(m.stack_kb), " KiB. Load average (1/5/15 min): ", m.load_start, " at the start, ",
    m.load_end or "?", " at the end. CPU frequency governor: ", m.governor, ".")
  p("PAPI: ", lab.papi.available and "hardware counters available" or ("n/a: " .. lab.papi.reason), ".")
  p("")
  local noise = M.noise(lab)
  if noise then
    p(("Noise: over %d samples the 95%% confidence interval of the median is ±%.1f%% of it at the median, ±%.1f%% at the 90th percentile.")
      :format(noise.n, 100 * noise.median, 100 * noise.p90))
    p("")
  end
  p("Times are medians in ms; a bracket is the ratio to `", lab.reference, "` (the reference) for the same program.")
  p("Whole-process times are from before clone to after wait4; peak RSS is the child's `ru_maxrss`. Every run's output was")
  p("checked against `suites/manifest.txt` before its time was kept. Raw data: `process.csv`, `phases.csv`, `steady.csv`.")
  p("")
  p("## Runtimes")
  p("")
  local rows = {}
  for _, rt in ipairs(lab.runtimes) do
    rows[#rows + 1] = { rt.name, rt.status == "present" and (rt.probed == false and "failed" or "present") or "absent",
      rt.what or "", (rt.bin or ""), ((rt.note or ""):gsub("|", "/")) }
  end
  p(table_md({ "runtime", "status", "what", "binary", "note" }, rows, { "l", "l", "l", "l", "l" }))
  p("")
  for _, s in ipairs(sections) do
    p("## ", s.title)
    p("")
    if s.text then p(s.text) p("") end
    p(s.body)
    p("")
  end
  if lab.skipped and #lab.skipped > 0 then
    p("## Not run")
    p("")
    for _, f in ipairs(lab.skipped) do p("- ", f) end
    p("")
  end
  if #lab.failures > 0 then
    p("## Failures")
    p("")
    for _, f in ipairs(lab.failures) do p("- ", (f:gsub("\n", " "))) end
    p("")
  end
  local f = assert(io.open(path, "w"))
  f:write(table.concat(out, "\n"))
  f:close()
  return table.concat(out, "\n")
end

return M
