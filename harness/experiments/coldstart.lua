-- coldstart.lua: cold start of every start-up and chosen compute program in every runtime: whole process and in-process phases.
-- Copy and edit: the tables below are the experiment.  lab:pick chooses by --quick / --full.
return function(lab)
  local startup = lab:programs("startup", "all")
  local compute = lab:programs("compute", lab:pick {
    quick = { "fib" },
    default = { "fib", "sieve", "json" },
    full = "all",
  })
  local everyone = lab:present() -- native, containers, every wasmlab tier, node and peers found
  lab:processes { experiment = "coldstart", programs = startup, runtimes = everyone, size = "small",
    runs = lab:pick { quick = 5, default = 20, full = 50 }, warmup = lab:pick { quick = 1, default = 2, full = 5 } }
  lab:phases { programs = startup, runs = lab:pick { quick = 5, default = 20, full = 50 } }
  lab:processes { experiment = "compute", programs = compute, runtimes = everyone,
    size = lab:pick { quick = "small", default = "small", full = "default" },
    runs = lab:pick { quick = 3, default = 7, full = 10 }, warmup = 1 }
end
