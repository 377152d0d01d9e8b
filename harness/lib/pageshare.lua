-- pageshare.lua: two processes of one runtime running the same program at once, and what the second adds to memory (/proc/PID/smaps).
local aot = require "aot"
local cmd = require "cmd"
local labc = require "labc"
local sys = require "sys"
local M = {}

-- Starts argv in the background (not through labspawn: it must outlive this call), its output
-- thrown away; returns its pid.
local function start(argv)
  local p = assert(io.popen(cmd.quote(argv) .. " </dev/null >/dev/null 2>&1 & echo $!"))
  local pid = tonumber(p:read("l"))
  p:close()
  return pid
end

local function alive(pid)
  local st = sys.read("/proc/" .. pid .. "/stat")
  return st ~= nil and not st:match("^%d+ %b() [ZX]")
end

-- Ends a process this module started, by its pid, and waits (up to 2 s) until it is gone.
local function stop(pid)
  if not pid then return end
  os.execute("kill " .. pid .. " 2>/dev/null")
  local t0 = labc.now()
  while alive(pid) and labc.now() - t0 < 2e9 do os.execute("sleep 0.02") end
end

local function sample(pid, exe)
  -- the pid must still be our program (not exited, not reused): its first argument is exe
  local cmdline = sys.read("/proc/" .. pid .. "/cmdline") or ""
  if not alive(pid) or cmdline:match("^[^%z]*") ~= exe then return nil end
  local text = sys.read("/proc/" .. pid .. "/smaps")
  if not text or text == "" then return nil end
  return aot.parse_smaps(text)
end

-- One measurement: process A alone after `settle` seconds, then B started and both sampled after
-- `settle` more.  argv: the command (both run the same); file: the mapping reported on its own
-- (the artifact, or the executable for a JIT).  Returns aot.sharing's fields in kB, or nil and why.
function M.measure(argv, file, settle)
  settle = settle or 0.3
  local a = start(argv)
  if not a then return nil, "could not start " .. argv[1] end
  os.execute("sleep " .. settle)
  local a1 = sample(a, argv[1])
  if not a1 then stop(a) return nil, ("exited within %.1f s (a longer program is needed)"):format(settle) end
  local b = start(argv)
  os.execute("sleep " .. settle)
  local a2, b1 = sample(a, argv[1]), b and sample(b, argv[1])
  stop(a)
  stop(b)
  if not a2 or not b1 then return nil, ("exited within %.1f s (a longer program is needed)"):format(2 * settle) end
  return aot.sharing(a1, a2, b1, file)
end

return M
