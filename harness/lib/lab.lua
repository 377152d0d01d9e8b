-- lab.lua: the measurements experiments call: whole-process runs, in-process phases and steady-state iterations.
local labc = require "labc"
local aot = require "aot"
local cmd = require "cmd"
local csv = require "csv"
local manifest = require "manifest"
local oci = require "oci"
local progress = require "progress"
local rounds = require "rounds"
local runtimes = require "runtimes"
local sys = require "sys"
local M = {}
local Lab = {}
Lab.__index = Lab

local PROCESS_COLS = { "experiment", "program", "size", "runtime", "run", "status", "wall_ms", "maxrss_kb",
  "utime_ms", "stime_ms", "load1", "detail" }
local PHASE_COLS = { "program", "runtime", "run", "status", "engine_ms", "read_ms", "decode_validate_ms",
  "decode_ms", "validate_ms", "compile_ms", "instantiate_ms", "first_call_ms", "total_ms", "wasm_bytes",
  "funcs", "ir_insts", "detail" }
local STEADY_COLS = { "program", "size", "runtime", "iteration", "warmup", "status", "call_ms", "instantiate_ms",
  "cycles", "instructions", "branch_misses", "l1d_misses", "llc_misses", "detail" }
-- one row per round of a run that times its own rounds (Lab:rounds; the run itself is a row of
-- process.csv); a failed run is one row with its status and why
local ROUND_COLS = { "program", "size", "runtime", "run", "round", "status", "round_ms", "detail" }
M.PROCESS_COLS, M.PHASE_COLS, M.STEADY_COLS, M.ROUND_COLS = PROCESS_COLS, PHASE_COLS, STEADY_COLS, ROUND_COLS

local function ms(ns) return ns and ns / 1e6 end

-- opts: root, build, out, profile ("quick" | "default" | "full"), config, reference.
function M.new(opts)
  local self = setmetatable({}, Lab)
  self.root, self.build, self.out = opts.root, opts.build, opts.out
  self.profile = opts.profile or "default"
  self.reference = opts.reference or "native"
  self.manifest = manifest.load(self.root .. "/suites/manifest.txt")
  self.runtimes = runtimes.discover(self.root, self.build, opts.config)
  self.by_name = {}
  for _, rt in ipairs(self.runtimes) do self.by_name[rt.name] = rt end
  assert(sys.run("mkdir -p " .. sys.sh(self.out)), "cannot create " .. self.out)
  self.machine = sys.machine(self.root, self.build)
  self.machine.load_start = self.machine.load
  self.tmp = sys.mkdtemp("wlab-lab")
  self.papi = labc.papi()
  self.process = assert(csv.open(self.out .. "/process.csv", PROCESS_COLS))
  self.phases_csv = assert(csv.open(self.out .. "/phases.csv", PHASE_COLS))
  self.steady_csv = assert(csv.open(self.out .. "/steady.csv", STEADY_COLS))
  -- samples kept for the report: samples[experiment][program][runtime] = {wall=, rss=, status=}
  self.samples, self.phase_samples, self.steady_samples = {}, {}, {}
  self.order = { experiments = {}, programs = {}, runtimes = {} }
  self.failures = {}
  -- what experiments add to summary.md themselves (after the standard tables) and the figures they drew
  self.sections, self.figures = {}, {}
  return self
end

-- An experiment's own section of summary.md: { title=, text= (optional), body= }.
function Lab:add_section(s) self.sections[#self.sections + 1] = s end

-- A figure an experiment rendered itself (NAME.png, .svg, .gp, .dat in the results folder).
function Lab:add_figure(name) self.figures[#self.figures + 1] = name end

-- Picks the value for the current profile from {quick=, default=, full=}.
function Lab:pick(t)
  if type(t) ~= "table" then return t end
  local v = t[self.profile]
  if v == nil then v = t.default end
  return v
end

function Lab:programs(group, names)
  if names == "all" then names = nil end
  return manifest.select(self.manifest, group, names)
end

function Lab:runtime(name) return self.by_name[name] end

-- Present runtimes of the given groups ("native", "container", "wasmlab", "peer").
function Lab:present(groups)
  local want = {}
  for _, g in ipairs(groups or { "native", "container", "wasmlab", "peer" }) do want[g] = true end
  return runtimes.select(self.runtimes, function(rt) return want[rt.group] end)
end

local function remember(list, seen, x)
  if not seen[x] then seen[x] = true; list[#list + 1] = x end
end

function Lab:note_order(exp, prog, rt)
  self.order.seen = self.order.seen or { e = {}, p = {}, r = {} }
  remember(self.order.experiments, self.order.seen.e, exp)
  remember(self.order.programs, self.order.seen.p, prog)
  remember(self.order.runtimes, self.order.seen.r, rt)
end

function Lab:file(e, ext)
  return ("%s/suites/%s/%s.%s"):format(self.build, e.group, e.name, ext)
end

-- Pairs that cannot run by construction (no native build of a .wat program): listed, not failed.
function Lab:skip(what, msg)
  self.skipped = self.skipped or {}
  self.skipped[#self.skipped + 1] = what .. ": " .. msg
end

function Lab:fail(what, msg)
  local line = what .. ": " .. msg
  self.failures[#self.failures + 1] = line
  progress.note("lab: " .. line)
end

-- Compares a run's output with the manifest; returns nil when it matches, else why not.
local function check_output(got, want)
  if got == want then return nil end
  local function cut(s) s = s:gsub("\n", "\\n"); return #s > 70 and s:sub(1, 70) .. "..." or s end
  return ("output '%s', expected '%s'"):format(cut(got), cut(want))
end
M.check_output = check_output

-- The argv for one run of program e at size in runtime rt, or nil and why it cannot run
-- (no build of the program for that runtime).  `extra` arguments follow the size's.
function Lab:argv_for(rt, e, size, extra)
  local args = e.args[size]
  if extra and #extra > 0 then
    args = table.move(extra, 1, #extra, #args + 1, table.move(args, 1, #args, 1, {}))
  end
  if rt.kind == "native" or rt.kind == "oci" then
    local native = self:file(e, "native")
    if not sys.exists(native) then return nil, "no native build of " .. e.id end
    if rt.kind == "native" then return cmd.argv(rt, native, args) end
    self.bundles = self.bundles or {}
    local key = e.id .. "@" .. size .. ((extra and #extra > 0) and ("+" .. table.concat(extra, "+")) or "")
    if not self.bundles[key] then
      self.bundles[key] = oci.bundle(self.tmp, (key:gsub("[^%w.+-]", "-")), native, args)
    end
    if rt.probed == nil then self:probe_oci(rt) end
    if not rt.probed then return nil, rt.note end
    return cmd.argv(rt, self.bundles[key], {}, oci.new_id())
  end
  local wasm = self:file(e, "wasm")
  if not sys.exists(wasm) then return nil, "no wasm build of " .. e.id end
  if rt.aot then
    local art, why = self:artifact(rt, e)
    if not art then return nil, why, "failed-compile" end
    return cmd.argv(rt, art.path, args)
  end
  return cmd.argv(rt, wasm, args)
end

-- The artifact of program e for AOT runtime rt, compiled once per lab run (never inside a timed
-- run) into the work folder, keyed by program, tier and bounds mode: {path=, bytes=, compile_ms=},
-- or nil and why the compile failed (it is not retried).
function Lab:artifact(rt, e)
  local name = aot.artifact_name(e.id, rt.aot_tier or rt.name, rt.bounds, rt.kind == "wamr-aot" and "aot" or "cwasm")
  self.artifacts = self.artifacts or {}
  local a = self.artifacts[name]
  if a then return a.path and a or nil, a.why end
  local path = self.tmp .. "/aot/" .. name
  sys.run("mkdir -p " .. sys.sh(self.tmp .. "/aot"))
  local argv = aot.compile_argv(rt, self:file(e, "wasm"), path)
  progress.show("compile " .. e.id .. " " .. rt.name, cmd.quote(argv))
  local r, why = labc.spawn { argv = argv, timeout = 600 }
  if r and r.code == 0 and sys.exists(path) then
    local f = io.open(path, "rb")
    a = { path = path, bytes = f:seek("end"), compile_ms = ms(r.wall_ns), argv = argv }
    f:close()
  else
    local err = r and (r.stderr:gsub("%s+$", ""):gsub("\n", " | "):sub(1, 200)) or why
    a = { why = ("%s failed%s"):format(cmd.quote(argv), (err and err ~= "") and (": " .. err) or "") }
  end
  self.artifacts[name] = a
  return a.path and a or nil, a.why
end

function Lab:probe_oci(rt)
  local hello = self.manifest.by["startup/hello"]
  local native = self:file(hello, "native")
  if not sys.exists(native) then
    rt.probed, rt.note = false, "no startup/hello native build to probe the container runtime with"
    return
  end
  local b = oci.bundle(self.tmp, "probe-" .. rt.name, native, {})
  local ok, why = oci.probe(rt, b, hello.expected.small)
  rt.probed = ok
  if not ok then
    rt.note = "cannot start a container: " .. why
    self:fail(rt.name, rt.note)
  end
end

-- What a spawned run's exit means: "ok", or a failed status and why (its output is the caller's
-- to check).
local function exit_status(r, why, argv, timeout)
  if not r then return "failed-spawn", why end
  if r.timed_out then return "timeout", "killed after " .. timeout .. " s" end
  if r.code == 127 then return "failed-spawn", "could not execute " .. argv[1] end
  if r.code ~= 0 then
    local err = r.stderr:gsub("%s+$", ""):gsub("\n", " | ")
    return "failed-exit", ("exit %s%s"):format(r.code or ("signal " .. tostring(r.signal)),
      err ~= "" and (": " .. err:sub(1, 200)) or "")
  end
  return "ok"
end

-- A whole-process run that did not count: its row in process.csv, and a skip (not run) or a
-- failure in the summary.
function Lab:bad_run(exp, e, size, rt, i, status, detail)
  self.process:write { experiment = exp, program = e.id, size = size, runtime = rt.name, run = i,
    status = status, detail = detail, load1 = sys.load1() }
  if status == "not-run" then
    self:skip(e.id .. " in " .. rt.name, detail)
  else
    self:fail(e.id .. " in " .. rt.name, status .. ": " .. tostring(detail))
  end
end

function Lab:sample_slot(exp, prog, rtname)
  self.samples[exp] = self.samples[exp] or {}
  self.samples[exp][prog] = self.samples[exp][prog] or {}
  local s = self.samples[exp][prog][rtname]
  if not s then
    s = { wall = {}, rss = {}, status = "ok" }
    self.samples[exp][prog][rtname] = s
  end
  return s
end

-- Whole-process runs: spawn to exit, peak RSS; `warmup` unrecorded runs first, then `runs`.
-- A pair that fails once (wrong output, non-zero exit, no build) is recorded as failed and not
-- retried, so one broken runtime does not eat the time budget.  With p.interleave, each program's
-- runtimes take turns in rounds (every runtime once a round, the order rotated every round, as
-- scripts/tiercompare's INTERLEAVE=1), so a slow spell of a shared machine lands on all alike.
function Lab:processes(p)
  local exp, size = p.experiment or "coldstart", p.size or "small"
  local runs, warmup = p.runs or 10, p.warmup or 1
  local total = #p.programs * #p.runtimes
  local done = 0
  for pi, e in ipairs(p.programs) do
    local stdin = e.stdin and (self.root .. "/suites/" .. e.stdin) or nil
    local slots, live = {}, {}
    for k, rt in ipairs(p.runtimes) do
      self:note_order(exp, e.id, rt.name)
      slots[k], live[k] = self:sample_slot(exp, e.id, rt.name), true
    end
    -- one run of runtime k; false when the pair failed (and is not run again)
    local function one(k, i)
      local rt, slot = p.runtimes[k], slots[k]
      local argv, why, why_status = self:argv_for(rt, e, size)
      local status, detail, r
      if not argv then
        status, detail = why_status or "not-run", why
      else
        r, why = labc.spawn { argv = argv, stdin = stdin, hide_mounts = rt.hide_mounts, timeout = p.timeout or 300 }
        status, detail = exit_status(r, why, argv, p.timeout or 300)
        if status == "failed-exit" and rt.kind == "oci" then oci.cleanup(rt, argv[#argv]) end
        if status == "ok" then
          local got = r.stdout:gsub("\n$", "")
          local bad = check_output(got, e.expected[size])
          status, detail = bad and "failed-output" or "ok", bad
        end
      end
      if status ~= "ok" then
        slot.status, slot.detail = status, detail
        self:bad_run(exp, e, size, rt, i, status, detail)
        return false
      end
      if i > 0 then
        local row = { experiment = exp, program = e.id, size = size, runtime = rt.name, run = i,
          status = status, wall_ms = ms(r.wall_ns), maxrss_kb = r.maxrss_kb, utime_ms = ms(r.utime_ns),
          stime_ms = ms(r.stime_ns), load1 = sys.load1() }
        self.process:write(row)
        slot.wall[#slot.wall + 1] = row.wall_ms
        slot.rss[#slot.rss + 1] = r.maxrss_kb
      end
      return true
    end
    if p.interleave then
      for i = 1 - warmup, runs do
        progress.show(("%s %d/%d %s, %d runtimes in turn"):format(exp, pi, #p.programs, e.id, #p.runtimes),
          i <= 0 and "warm-up" or ("round " .. i .. "/" .. runs))
        for _, k in ipairs(aot.rotation(#p.runtimes, i + warmup)) do
          if live[k] then live[k] = one(k, i) end
        end
      end
    else
      for k, rt in ipairs(p.runtimes) do
        done = done + 1
        local label = ("%s %d/%d %s %s"):format(exp, done, total, e.id, rt.name)
        for i = 1 - warmup, runs do
          progress.show(label, i <= 0 and "warm-up" or ("run " .. i .. "/" .. runs))
          if not one(k, i) then break end
        end
      end
    end
  end
end

-- In-process phases of a cold run in every wasmlab tier (engine, read, decode+validate,
-- instantiate, first call), through the C module.
function Lab:phases(p)
  local tiers = runtimes.select(self.runtimes, function(rt) return rt.kind == "wasmlab" and not rt.aot end)
  local runs = p.runs or 10
  for _, e in ipairs(p.programs) do
    for _, rt in ipairs(tiers) do
      local key = e.id .. "|" .. rt.name
      local slot = { rows = {}, status = "ok" }
      self.phase_samples[#self.phase_samples + 1] = { program = e.id, runtime = rt.name, slot = slot }
      local stdin = e.stdin and (self.root .. "/suites/" .. e.stdin) or nil
      for i = 0, runs do -- run 0 warms the file cache and the allocator; not recorded
        progress.show("phases " .. key, i == 0 and "warm-up" or ("run " .. i .. "/" .. runs))
        local wasm = self:file(e, "wasm")
        local r, why = labc.phases { path = wasm, tier = rt.tier, args = e.args.small, stdin = stdin,
          stdout = self.tmp .. "/phase-out" }
        local status, detail = "ok", nil
        if not r then
          status, detail = "failed", why
        elseif r.code ~= 0 then
          status, detail = "failed-exit", "exit " .. r.code
        else
          local bad = check_output(r.output, e.expected.small)
          if bad then status, detail = "failed-output", bad end
        end
        if status ~= "ok" then
          slot.status, slot.detail = status, detail
          self.phases_csv:write { program = e.id, runtime = rt.name, run = i, status = status, detail = detail }
          self:fail("phases of " .. e.id .. " in " .. rt.name, status .. ": " .. tostring(detail))
          break
        end
        if i > 0 then
          local row = { program = e.id, runtime = rt.name, run = i, status = "ok", engine_ms = ms(r.engine_ns),
            read_ms = ms(r.read_ns), decode_validate_ms = ms(r.decode_validate_ns), decode_ms = ms(r.decode_ns),
            validate_ms = ms(r.validate_ns), compile_ms = ms(r.compile_ns), instantiate_ms = ms(r.instantiate_ns),
            first_call_ms = ms(r.first_call_ns), total_ms = ms(r.total_ns), wasm_bytes = r.bytes, funcs = r.funcs,
            ir_insts = r.ir_insts }
          self.phases_csv:write(row)
          slot.rows[#slot.rows + 1] = row
        end
      end
    end
  end
end

-- Steady state in-process: the module decoded once, then `iterations` runs of _start on fresh
-- instances (the compute programs are WASI commands and export nothing else callable), each
-- timed and its output checked; the first `warmup` iterations are the warm-up part of the
-- curve and are left out of the statistics.
function Lab:iterations(p)
  local tiers = runtimes.select(self.runtimes, function(rt) return rt.kind == "wasmlab" and not rt.aot end)
  local size, n, warmup = p.size or "small", p.iterations or 10, p.warmup or 2
  for _, e in ipairs(p.programs) do
    for _, rt in ipairs(tiers) do
      progress.show(("steady %s %s"):format(e.id, rt.name), n .. " iterations in-process")
      local slot = { times = {}, all = {}, status = "ok", counters = {} }
      self.steady_samples[#self.steady_samples + 1] = { program = e.id, runtime = rt.name, slot = slot }
      local stdin = e.stdin and (self.root .. "/suites/" .. e.stdin) or nil
      local r, why = labc.iterate { path = self:file(e, "wasm"), tier = rt.tier, args = e.args[size], stdin = stdin,
        stdout = self.tmp .. "/iter-out", iterations = n, papi = true }
      if not r then
        slot.status, slot.detail = "failed", why
      else
        for i = 1, #r.call_ns do
          local bad = r.codes[i] ~= 0 and ("exit " .. r.codes[i]) or check_output(r.outputs[i], e.expected[size])
          if bad then slot.status, slot.detail = "failed-output", ("iteration %d: %s"):format(i, bad) break end
        end
      end
      if slot.status ~= "ok" then
        self.steady_csv:write { program = e.id, size = size, runtime = rt.name, status = slot.status, detail = slot.detail }
        self:fail("steady state of " .. e.id .. " in " .. rt.name, slot.status .. ": " .. tostring(slot.detail))
      else
        for i = 1, #r.call_ns do
          local row = { program = e.id, size = size, runtime = rt.name, iteration = i, warmup = i <= warmup and 1 or 0,
            status = "ok", call_ms = ms(r.call_ns[i]), instantiate_ms = ms(r.instantiate_ns[i]) }
          for name, vals in pairs(r.counters) do
            local v = vals[i]
            row[name] = (v and v >= 0) and v or "n/a"
            if v and v >= 0 and i > warmup then
              slot.counters[name] = slot.counters[name] or {}
              table.insert(slot.counters[name], v)
            end
          end
          for _, c in ipairs(self.papi.names) do row[c] = row[c] or "n/a" end
          self.steady_csv:write(row)
          slot.all[i] = row.call_ms
          if i > warmup then slot.times[#slot.times + 1] = row.call_ms end
        end
      end
    end
  end
end

-- One untimed run of program e's wasm in runtime rt with `args` (a probe, a diagnostic run):
-- labc.spawn's result (code, stdout, stderr, ...), or nil and why.
function Lab:untimed(rt, e, args)
  local file = self:file(e, "wasm")
  if rt.aot then
    local a, why = self:artifact(rt, e)
    if not a then return nil, why end
    file = a.path
  end
  return labc.spawn { argv = cmd.argv(rt, file, args), timeout = 300 }
end

-- Whether runtime rt accepts its command line (a tier, an option) for program e: one untimed run
-- with `args`.  Returns true, or false and the runtime's complaint when it exits with a usage
-- error (status 2); other failures are left to the measured runs, which report them.
function Lab:accepts(rt, e, args)
  local r, why = self:untimed(rt, e, args)
  if not r then return false, why end
  if r.code == 2 then return false, (r.stderr:gsub("%s+$", ""):gsub("\n", " | ")) end
  return true
end

-- Whole-process runs of a program that times its own rounds: given the extra arguments p.trace
-- it prints `NAME round=R ns=T` lines on stderr after its result.  Each run's stdout is checked
-- against the manifest first; a wrong output, a non-zero exit or a missing round stops that
-- runtime, is reported under Failures, and no time of it is kept.  Every round of every good run
-- is a row of p.csv (in the results folder), every run a row of process.csv (its whole-process
-- time, peak RSS and CPU times, under p.experiment).  The runtimes take turns (run 1 of each,
-- then run 2 of each, ...), so a change in the machine's load falls on all of them alike.
--   p: experiment, program (a manifest entry), size, runtimes, runs, trace (argument list), csv, timeout
-- Returns one table per runtime, in order: {name=, status=, detail=, runs = {{ns, ...}, ...},
-- wall_ms = {...}, maxrss_kb = {...}}.
function Lab:rounds(p)
  local e, size, runs = p.program, p.size or "small", p.runs or 3
  local exp, timeout = p.experiment or "rounds", p.timeout or 300
  local want = rounds.count(e.expected[size])
  local out = assert(csv.open(self.out .. "/" .. (p.csv or "rounds.csv"), ROUND_COLS))
  local stdin = e.stdin and (self.root .. "/suites/" .. e.stdin) or nil
  local results = {}
  for _, rt in ipairs(p.runtimes) do
    results[#results + 1] = { name = rt.name, status = "ok", runs = {}, wall_ms = {}, maxrss_kb = {} }
  end
  for i = 1, runs do
    for k, rt in ipairs(p.runtimes) do
      local res = results[k]
      if res.status == "ok" then
        progress.show(("%s %s %s"):format(exp, e.id, rt.name), ("run %d/%d"):format(i, runs))
        local argv, why, why_status = self:argv_for(rt, e, size, p.trace)
        local status, detail, r, times = why_status or "not-run", why, nil, nil
        if argv then
          r, why = labc.spawn { argv = argv, stdin = stdin, hide_mounts = rt.hide_mounts, timeout = timeout }
          status, detail = exit_status(r, why, argv, timeout)
        end
        if status == "ok" then
          detail = check_output(r.stdout:gsub("\n$", ""), e.expected[size])
          if detail then status = "failed-output" end
        end
        if status == "ok" then
          times, detail = rounds.parse(r.stderr, want)
          if not times then status = "failed-trace" end
        end
        if status ~= "ok" then
          res.status, res.detail = status, detail
          out:write { program = e.id, size = size, runtime = rt.name, run = i, status = status, detail = detail }
          self:bad_run(exp, e, size, rt, i, status, detail)
        else
          self.process:write { experiment = exp, program = e.id, size = size, runtime = rt.name, run = i,
            status = "ok", wall_ms = ms(r.wall_ns), maxrss_kb = r.maxrss_kb, utime_ms = ms(r.utime_ns),
            stime_ms = ms(r.stime_ns), load1 = sys.load1() }
          for round, ns in ipairs(times) do
            out:write { program = e.id, size = size, runtime = rt.name, run = i, round = round, status = "ok",
              round_ms = ms(ns) }
          end
          res.runs[#res.runs + 1] = times
          res.wall_ms[#res.wall_ms + 1] = ms(r.wall_ns)
          res.maxrss_kb[#res.maxrss_kb + 1] = r.maxrss_kb
        end
      end
    end
  end
  out:close()
  return results
end

function Lab:close()
  self.machine.load_end = (sys.read("/proc/loadavg") or ""):match("^(%S+ %S+ %S+)")
  self.process:close(); self.phases_csv:close(); self.steady_csv:close()
  if self.tmp then sys.rmtree(self.tmp); self.tmp = nil end
end

M.Lab = Lab
return M
