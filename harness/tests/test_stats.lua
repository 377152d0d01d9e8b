-- test_stats.lua: medians, quantiles, confidence intervals, outliers, ratios and geometric means.
local stats = require "stats"

local function near(a, b, eps) return math.abs(a - b) <= (eps or 1e-9) end

assert(stats.median({ 3, 1, 2 }) == 2, "odd median")
assert(stats.median({ 4, 1, 3, 2 }) == 2.5, "even median interpolates")
local s = stats.sorted({ 10, 20, 30, 40, 50 })
assert(stats.quantile(s, 0) == 10 and stats.quantile(s, 1) == 50, "quantile ends")
assert(stats.quantile(s, 0.25) == 20, "first quartile (type 7)")
assert(near(stats.mean({ 1, 2, 3, 4 }), 2.5), "mean")
assert(near(stats.stddev({ 2, 4, 4, 4, 5, 5, 7, 9 }), 2.1380899352993950), "sample standard deviation")
assert(stats.stddev({ 5 }) == 0, "one value has no spread")

-- The median's interval: ranks n/2 -+ 1.96 sqrt(n)/2.  For n = 100: ranks 40 and 61.
local xs = {}
for i = 1, 100 do xs[i] = i end
local lo, hi = stats.median_ci(xs)
assert(lo == 40 and hi == 61, ("CI of 1..100 is [40, 61], got [%s, %s]"):format(lo, hi))
-- tiny samples widen to the extremes rather than pretend to precision
lo, hi = stats.median_ci({ 5, 1, 3 })
assert(lo == 1 and hi == 5, "CI of 3 values is [min, max]")
-- the interval always contains the median
for n = 1, 40 do
  local t = {}
  for i = 1, n do t[i] = (i * 7919) % 101 end
  local l, h = stats.median_ci(t)
  local m = stats.median(t)
  assert(l <= m and m <= h, "median inside its interval for n = " .. n)
end

-- Tukey's fences flag the one slow run and nothing else.
local runs = { 10, 11, 10.5, 10.2, 10.8, 10.1, 35 }
local flags, count = stats.outliers(runs)
assert(count == 1 and flags[7] and not flags[1], "one outlier, the 35")
local _, none = stats.outliers({ 1, 2, 3 })
assert(none == 0, "no outliers flagged in fewer than 4 values")

local sm = stats.summary(runs)
assert(sm.n == 7 and sm.median == 10.5 and sm.min == 10 and sm.max == 35 and sm.outliers == 1, "summary fields")

-- Ratios: the value is the ratio of medians, the interval conservative (ends of both intervals).
local a = { median = 20, lo = 18, hi = 22 }
local b = { median = 10, lo = 9, hi = 11 }
local r = stats.ratio(a, b)
assert(r.value == 2 and near(r.lo, 18 / 11) and near(r.hi, 22 / 9), "ratio and its interval")
assert(not pcall(stats.ratio, a, { median = 0, lo = 0, hi = 0 }), "a zero reference is an error")

assert(near(stats.geomean({ 1, 4, 16 }), 4), "geometric mean")
assert(not pcall(stats.geomean, {}), "geometric mean of nothing is an error")
assert(near(stats.spread({ median = 10, lo = 9, hi = 11 }), 0.1), "relative half-width")

print("test_stats: ok")
