-- test_rounds.lua: per-round trace parsing, the warm-up summary (round 1, later rounds, curve, where and when a run settles), the table.
local rounds = require "rounds"

assert(rounds.count("mainloop rounds=20 n=250000 checksum=1") == 20, "rounds= in a result line")
assert(rounds.count("mainloop n=5 subrounds=3") == nil, "only the word rounds= counts")
assert(rounds.count(nil) == nil and rounds.count("fib n=34") == nil, "no rounds announced")

-- parsing: in order, other stderr lines ignored, counts checked
local t = assert(rounds.parse("mainloop round=1 ns=300\nwasmlab: tier-up f3\nmainloop round=2 ns=100\n", 2))
assert(#t == 2 and t[1] == 300 and t[2] == 100, "two rounds, a runtime's log line skipped")
assert(rounds.parse("x round=1 ns=5\r\n")[1] == 5, "trailing white space tolerated")
local none, why = rounds.parse("", 3)
assert(not none and why:find("no round times"), "empty stderr: " .. tostring(why))
local short, why2 = rounds.parse("m round=1 ns=1\nm round=2 ns=1\n", 3)
assert(not short and why2:find("2 rounds traced") and why2:find("says 3"), "too few rounds: " .. tostring(why2))
local gap, why3 = rounds.parse("m round=1 ns=1\nm round=3 ns=1\n")
assert(not gap and why3:find("round 3 traced after round 1"), "a skipped round: " .. tostring(why3))
assert(not rounds.parse("m round=1 ns=1\nm round=1 ns=1\n"), "a repeated round")
assert(not rounds.parse("m round=1 ns=-4\n"), "negative times are not times")

-- summary: round 1 is the median of first rounds, later rounds pooled, curve per round
local s = rounds.summary({ { 30, 10, 10, 12 }, { 20, 11, 9, 10 }, { 40, 10, 10, 10 } })
assert(s.runs == 3 and s.rounds == 4, "shape")
assert(s.first == 30, "median of 30, 20, 40")
assert(s.n_later == 9 and s.later == 10, "pooled later rounds: median 10, got " .. tostring(s.later))
assert(s.later_lo <= s.later and s.later <= s.later_hi, "the later median inside its interval")
assert(s.curve[1] == 30 and s.curve[2] == 10 and s.curve[4] == 10, "per-round medians")
assert(s.settled == 2 and s.warmup == 30, "each run at speed from round 2, after 30, 20 and 40: " .. tostring(s.warmup))
local slow = rounds.summary({ { 50, 50, 10, 10 }, { 50, 10, 10, 10 }, { 50, 50, 50, 50 } }, 0.2)
assert(slow.later == 10 and slow.settled == 3, "settles at rounds 3, 2 and never (5): median 3")
assert(slow.warmup == 100, "time before: 100, 50 and all 200 for the run that never settles")
local one = rounds.summary({ { 5 } })
assert(one.first == 5 and one.later == nil and one.n_later == 0, "a single round has no later rounds")
assert(not pcall(rounds.summary, {}), "no runs is an error")

-- settled: first round within the tolerance; a late spike does not move it
assert(rounds.settled({ 100, 30, 10, 10, 10 }, 10, 0.2) == 3, "a warm-up curve reaches 10 at round 3")
assert(rounds.settled({ 10, 10, 10, 30, 10 }, 10, 0.2) == 1, "a flat curve with one slow round")
assert(rounds.settled({ 50, 40 }, 10, 0.2) == nil, "never there")

-- reaches: one-sided, with the time spent before
local r, before = rounds.reaches({ 100, 30, 10.5, 12, 9 }, 10, 0.1)
assert(r == 3 and before == 130, "within 10% of 10 from round 3 after 130: " .. tostring(r) .. " " .. tostring(before))
assert(rounds.reaches({ 8, 50 }, 10, 0.1) == 1, "faster than the level counts as there")
assert(rounds.reaches({ 12, 11.5 }, 10, 0.1) == nil, "never within 10%")

-- the table: ratios to the named baseline and interpreter rows, dashes when one is missing
local base = rounds.summary({ { 2, 1, 1 } })
local interp = rounds.summary({ { 10, 10, 10 } })
local tiered = rounds.summary({ { 8, 1.1, 1.1 } })
local md = rounds.table({
  { name = "interp", summary = interp, wall_ms = 40 },
  { name = "baseline", summary = base, wall_ms = 5 },
  { name = "tiered", summary = tiered, wall_ms = 12 },
  { name = "broken", status = "failed-output", detail = "output 'x', expected 'y'" },
}, "baseline", "interp")
local lines = {}
for l in md:gmatch("[^\n]+") do lines[#lines + 1] = l end
assert(#lines == 6, "header, rule and four rows")
assert(lines[1]:find("round 1 x baseline") and lines[1]:find("later x interp"), "ratio columns name their base")
assert(lines[5]:find("^| tiered | 1 | 8%.00 |") and lines[5]:find("| 4%.00x | 1%.10x | 0%.80x | 0%.11x | 2 | 8%.00 | 12%.0 |"),
  "tiered: round 1 at 4x baseline and 0.8x interp, later 1.1x baseline and 0.11x interp, at speed from round 2 "
  .. "after 8 ms: " .. lines[5])
assert(lines[6]:find("failed%-output") and lines[6]:find("expected 'y'"), "a failed configuration says why")
local lonely = rounds.table({ { name = "tiered", summary = tiered } }, "baseline", "interp")
assert(lonely:find("| – | – | – | – |"), "no baseline or interpreter row: dashes")

print("test_rounds: ok")
