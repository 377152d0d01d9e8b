-- stats.lua: medians with distribution-free confidence intervals, outliers, ratios, geometric means.
local M = {}

local function sorted(xs)
  local s = {}
  for i = 1, #xs do s[i] = xs[i] end
  table.sort(s)
  return s
end
M.sorted = sorted

-- Quantile q in [0,1] of an already sorted array, interpolating between neighbours (the
-- "type 7" rule most tools use), so small samples give the familiar answers.
function M.quantile(s, q)
  local n = #s
  assert(n > 0, "quantile of an empty sample")
  local h = (n - 1) * q + 1
  local lo = math.floor(h)
  if lo >= n then return s[n] end
  return s[lo] + (h - lo) * (s[lo + 1] - s[lo])
end

function M.median(xs) return M.quantile(sorted(xs), 0.5) end

function M.mean(xs)
  local t = 0
  for i = 1, #xs do t = t + xs[i] end
  return t / #xs
end

function M.stddev(xs)
  local n = #xs
  if n < 2 then return 0 end
  local m, t = M.mean(xs), 0
  for i = 1, n do t = t + (xs[i] - m) ^ 2 end
  return math.sqrt(t / (n - 1))
end

-- 95% confidence interval of the median from order statistics: the ranks n/2 -+ 1.96 sqrt(n)/2
-- (normal approximation to the binomial).  It assumes nothing about the distribution, which
-- matters because timings are skewed; with fewer than 6 runs it widens to [min, max].
function M.median_ci(xs, z)
  z = z or 1.96
  local s, n = sorted(xs), #xs
  assert(n > 0, "confidence interval of an empty sample")
  local j = math.floor(n / 2 - z * math.sqrt(n) / 2)
  local k = math.ceil(1 + n / 2 + z * math.sqrt(n) / 2)
  if j < 1 then j = 1 end
  if k > n then k = n end
  return s[j], s[k]
end

-- Tukey's fences: a point beyond 1.5 interquartile ranges from the quartiles is an outlier.
-- Returns a flag per input position and the count.  Outliers stay in the sample (the median
-- is robust to them); they are flagged so the reader sees the noise.
function M.outliers(xs)
  local s = sorted(xs)
  local flags, count = {}, 0
  if #s < 4 then
    for i = 1, #xs do flags[i] = false end
    return flags, 0
  end
  local q1, q3 = M.quantile(s, 0.25), M.quantile(s, 0.75)
  local lo, hi = q1 - 1.5 * (q3 - q1), q3 + 1.5 * (q3 - q1)
  for i = 1, #xs do
    flags[i] = xs[i] < lo or xs[i] > hi
    if flags[i] then count = count + 1 end
  end
  return flags, count
end

-- Everything the tables need about one sample.
function M.summary(xs)
  assert(#xs > 0, "summary of an empty sample")
  local s = sorted(xs)
  local lo, hi = M.median_ci(xs)
  local _, nout = M.outliers(xs)
  return {
    n = #xs, median = M.quantile(s, 0.5), lo = lo, hi = hi,
    mean = M.mean(xs), sd = M.stddev(xs), min = s[1], max = s[#s], outliers = nout,
  }
end

-- a / b for two summaries, with a conservative interval from the ends of both intervals.
function M.ratio(a, b)
  assert(b.median > 0 and b.lo > 0, "ratio to a zero reference")
  return { value = a.median / b.median, lo = a.lo / b.hi, hi = a.hi / b.lo }
end

function M.geomean(xs)
  assert(#xs > 0, "geometric mean of an empty list")
  local t = 0
  for i = 1, #xs do
    assert(xs[i] > 0, "geometric mean of a non-positive value")
    t = t + math.log(xs[i])
  end
  return math.exp(t / #xs)
end

-- Relative half-width of the median's interval: the "how noisy was it" figure of a sample.
function M.spread(sm)
  if sm.median == 0 then return 0 end
  return (sm.hi - sm.lo) / 2 / sm.median
end

return M
