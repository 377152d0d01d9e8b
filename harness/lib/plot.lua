-- plot.lua: gnuplot data files and scripts for the run's figures, rendered to PNG and SVG.
local stats = require "stats"
local sys = require "sys"
local M = {}

local function num(v) return v and string.format("%.6g", v) or "NaN" end

-- gnuplot wants a file per figure; the script is kept beside it so a user can edit and re-run.
local function render(dir, name, body)
  local script = dir .. "/" .. name .. ".gp"
  local parts = {
    "# " .. name .. ".gp: written by the lab; `gnuplot " .. name .. ".gp` redraws " .. name .. ".png and .svg",
    "set datafile missing 'NaN'",
    "set key outside right top",
    "set grid ytics",
  }
  for _, term in ipairs({ { "pngcairo size 1200,600 font ',10'", "png" }, { "svg size 1200,600 dynamic", "svg" } }) do
    parts[#parts + 1] = ("set terminal %s\nset output '%s.%s'"):format(term[1], name, term[2])
    parts[#parts + 1] = body
  end
  sys.write(script, table.concat(parts, "\n") .. "\n")
  return sys.run("cd " .. sys.sh(dir) .. " && gnuplot " .. sys.sh(name .. ".gp"))
end
M.render = render

local function title(s) return (s:gsub("_", "\\_")) end

-- Bars with error bars: rows are programs, one bar per series (runtime); each value is
-- {median, lo, hi} or nil.
function M.bars(dir, name, t)
  local lines = { "# program " .. table.concat(t.series, " ") }
  for _, prog in ipairs(t.rows) do
    local l = { prog }
    for _, s in ipairs(t.series) do
      local v = t.values[prog][s]
      l[#l + 1] = v and (num(v[1]) .. " " .. num(v[2]) .. " " .. num(v[3])) or "NaN NaN NaN"
    end
    lines[#lines + 1] = table.concat(l, " ")
  end
  sys.write(dir .. "/" .. name .. ".dat", table.concat(lines, "\n") .. "\n")
  local plots = {}
  for i, s in ipairs(t.series) do
    local c = 2 + (i - 1) * 3
    plots[#plots + 1] = ("'%s.dat' using %d:%d:%d%s title '%s'"):format(name, c, c + 1, c + 2,
      i == 1 and ":xtic(1)" or "", title(s))
  end
  local body = {
    ("set title '%s'"):format(t.title),
    ("set ylabel '%s'"):format(t.ylabel),
    "set style data histograms",
    "set style histogram errorbars gap 2 lw 1",
    "set style fill solid 0.7 border -1",
    "set boxwidth 0.9",
    "set logscale y",
    "set xtics rotate by -30",
    t.one and "set arrow from graph 0, first 1 to graph 1, first 1 nohead dt 2" or "",
    "plot " .. table.concat(plots, ", "),
    "unset arrow",
  }
  return render(dir, name, table.concat(body, "\n"))
end

-- Lines: per-iteration times of each series (tiers) for one program.  Optional: t.xlabel,
-- t.ylabel, t.logscale (a log y axis, for series an order of magnitude apart), t.logx (a log x
-- axis, so the first few of thousands of points get room), t.style (default linespoints).
function M.curves(dir, name, t)
  local n = 0
  for _, s in ipairs(t.series) do n = math.max(n, #t.values[s]) end
  local lines = { "# " .. (t.xlabel or "iteration"):match("^%S+") .. " " .. table.concat(t.series, " ") }
  for i = 1, n do
    local l = { tostring(i) }
    for _, s in ipairs(t.series) do l[#l + 1] = num(t.values[s][i]) end
    lines[#lines + 1] = table.concat(l, " ")
  end
  sys.write(dir .. "/" .. name .. ".dat", table.concat(lines, "\n") .. "\n")
  local plots = {}
  for i, s in ipairs(t.series) do
    plots[#plots + 1] = ("'%s.dat' using 1:%d with %s title '%s'"):format(name, i + 1, t.style or "linespoints", title(s))
  end
  local body = {
    ("set title '%s'"):format(t.title),
    ("set xlabel '%s'"):format(t.xlabel or "iteration"),
    ("set ylabel '%s'"):format(t.ylabel or "ms per iteration"),
    t.logscale and "set logscale y" or "set yrange [0:*]",
    t.logx and ("set logscale x\nset xrange [1:%d]"):format(math.max(n, 2)) or "",
    t.warmup and ("set arrow from %g, graph 0 to %g, graph 1 nohead dt 3"):format(t.warmup + 0.5, t.warmup + 0.5) or "",
    "plot " .. table.concat(plots, ", "),
    "unset arrow",
  }
  return render(dir, name, table.concat(body, "\n"))
end

-- Curves against a measured x (concurrency, memory size): one line per series through the
-- medians, with an error bar from min to max at each x.  t.x: the x values in order;
-- t.values[series][x] = {median, lo, hi} or nil; t.logx, t.logy: log axes.
function M.xy(dir, name, t)
  local lines = { "# " .. (t.xlabel or "x"):match("^%S+") .. " " .. table.concat(t.series, " ") .. " (median min max each)" }
  for _, x in ipairs(t.x) do
    local l = { num(x) }
    for _, s in ipairs(t.series) do
      local v = t.values[s] and t.values[s][x]
      l[#l + 1] = v and (num(v[1]) .. " " .. num(v[2]) .. " " .. num(v[3])) or "NaN NaN NaN"
    end
    lines[#lines + 1] = table.concat(l, " ")
  end
  sys.write(dir .. "/" .. name .. ".dat", table.concat(lines, "\n") .. "\n")
  local plots = {}
  for i, s in ipairs(t.series) do
    local c = 2 + (i - 1) * 3
    plots[#plots + 1] = ("'%s.dat' using 1:%d:%d:%d with yerrorlines title '%s'"):format(name, c, c + 1, c + 2, title(s))
  end
  local xt = {}
  for _, x in ipairs(t.x) do xt[#xt + 1] = ("'%s' %s"):format(num(x), num(x)) end
  local body = {
    ("set title '%s'"):format(t.title),
    ("set xlabel '%s'"):format(t.xlabel or "x"),
    ("set ylabel '%s'"):format(t.ylabel or ""),
    t.logx and ("set logscale x 2\nset xrange [%g:%g]"):format(t.x[1] / 1.5, t.x[#t.x] * 1.5) or "",
    ("set xtics (%s)"):format(table.concat(xt, ", ")),
    t.logy and "set logscale y" or "set yrange [0:*]",
    "plot " .. table.concat(plots, ", "),
  }
  return render(dir, name, table.concat(body, "\n"))
end

-- The three figure families of a lab run; returns the file names made.
function M.all(lab, report)
  local dir, made = lab.out, {}
  local function add(ok, name) if ok then made[#made + 1] = name end end
  -- cold-start bars per experiment that has whole-process samples
  for _, exp in ipairs(lab.order.experiments) do
    local sums = report.summaries(lab, exp)
    local rows, series, seen, values = {}, {}, {}, {}
    for _, p in ipairs(lab.order.programs) do
      if sums[p] then
        rows[#rows + 1] = p
        values[p] = {}
        for _, rt in ipairs(lab.order.runtimes) do
          local sm = sums[p][rt]
          if sm and sm.status == "ok" then
            values[p][rt] = { sm.median, sm.lo, sm.hi }
            if not seen[rt] then seen[rt] = true; series[#series + 1] = rt end
          end
        end
      end
    end
    if #rows > 0 and #series > 0 then
      -- keep series in runtime order
      local ordered = {}
      for _, rt in ipairs(lab.order.runtimes) do if seen[rt] then ordered[#ordered + 1] = rt end end
      add(M.bars(dir, exp, { title = exp .. ": whole-process wall time (median, 95% CI)", ylabel = "ms (log scale)",
        rows = rows, series = ordered, values = values }), exp)
    end
  end
  -- warm-up curves per program
  local byprog, progs = {}, {}
  for _, ss in ipairs(lab.steady_samples) do
    if ss.slot.status == "ok" then
      if not byprog[ss.program] then byprog[ss.program] = { series = {}, values = {} }; progs[#progs + 1] = ss.program end
      local b = byprog[ss.program]
      b.series[#b.series + 1] = ss.runtime
      b.values[ss.runtime] = ss.slot.all
    end
  end
  for _, p in ipairs(progs) do
    local name = "warmup-" .. p:gsub("^%w+/", "")
    add(M.curves(dir, name, { title = p .. ": in-process time per iteration", series = byprog[p].series,
      values = byprog[p].values, warmup = lab.steady_warmup }), name)
  end
  -- steady-state ratios to the reference, per tier and peer
  local _, inproc, cols = report.steady_table(lab)
  local sums = report.summaries(lab, "steady")
  local rows, values, series = {}, {}, {}
  for _, c in ipairs(cols) do if c.name ~= lab.reference then series[#series + 1] = c.name end end
  for _, p in ipairs(lab.order.programs) do
    local ref = sums[p] and sums[p][lab.reference]
    if ref and ref.status == "ok" then
      rows[#rows + 1] = p
      values[p] = {}
      for _, c in ipairs(cols) do
        local sm = c.get(p)
        if sm and sm.status == "ok" and c.name ~= lab.reference then
          local r = stats.ratio(sm, ref)
          values[p][c.name] = { r.value, r.lo, r.hi }
        end
      end
    end
  end
  if #rows > 0 then
    add(M.bars(dir, "steady-ratios", { title = "steady state: time / " .. lab.reference .. " (median, conservative 95% CI)",
      ylabel = "x " .. lab.reference .. " (log scale)", rows = rows, series = series, values = values, one = true }),
      "steady-ratios")
  end
  return made
end

return M
