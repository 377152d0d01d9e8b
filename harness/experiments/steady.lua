-- steady.lua: steady state of compute programs: per-iteration times in every wasmlab tier in-process, whole-process native, containers and peers.
return function(lab)
  local compute = lab:programs("compute", lab:pick {
    quick = { "fib", "sieve" },
    default = { "fib", "sieve", "json", "nbody", "matmul", "bytecode" },
    full = "all",
  })
  local size = lab:pick { quick = "small", default = "small", full = "default" }
  lab.steady_warmup = 2 -- iterations drawn in the curves but left out of the statistics
  lab:iterations { programs = compute, size = size, warmup = lab.steady_warmup,
    iterations = lab:pick { quick = 5, default = 10, full = 12 } }
  lab:processes { experiment = "steady", programs = compute, runtimes = lab:present(), size = size,
    runs = lab:pick { quick = 3, default = 7, full = 10 }, warmup = 1 }
end
