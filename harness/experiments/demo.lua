-- demo.lua: what `scripts/lab demo` runs: start-up cold start and phases, then steady state of six compute programs (small size).
-- About 3 minutes on a 2-core machine; --quick for a smoke test, --full for the whole suite.
local dir = debug.getinfo(1, "S").source:match("^@(.*)/[^/]*$") or "."
local steady = dofile(dir .. "/steady.lua")
return function(lab)
  local startup = lab:programs("startup", "all")
  lab:processes { experiment = "coldstart", programs = startup, runtimes = lab:present(), size = "small",
    runs = lab:pick { quick = 5, default = 20, full = 50 }, warmup = 2 }
  lab:phases { programs = startup, runs = lab:pick { quick = 5, default = 20, full = 50 } }
  steady(lab) -- its whole-process rows are also the compute programs' cold start
end
