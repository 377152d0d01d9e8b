-- sys.lua: small host helpers: files, PATH lookup, temp dirs, command output, the machine's description.
local labc = require "labc"
local M = {}

function M.read(path)
  local f = io.open(path, "rb")
  if not f then return nil end
  local s = f:read("a")
  f:close()
  return s
end

function M.write(path, text)
  local f = assert(io.open(path, "wb"))
  f:write(text)
  f:close()
end

function M.exists(path)
  local f = io.open(path, "rb")
  if f then f:close() return true end
  return false
end

-- Quotes one word for /bin/sh (only for helper commands, never for timed ones).
function M.sh(s)
  return "'" .. tostring(s):gsub("'", "'\\''") .. "'"
end

-- First line of a helper command's output, or nil.
function M.capture(cmdline)
  local p = io.popen(cmdline .. " 2>/dev/null")
  if not p then return nil end
  local s = p:read("a")
  p:close()
  s = s and s:gsub("%s+$", "")
  if s == "" then return nil end
  return s
end

function M.run(cmdline)
  return os.execute(cmdline .. " >/dev/null 2>&1") == true
end

-- PATH lookup; sbin folders are searched too because runc lives there on Debian.
function M.which(name)
  if name:find("/") then
    return M.exists(name) and name or nil
  end
  local path = (os.getenv("PATH") or "") .. ":/usr/sbin:/sbin:/usr/local/sbin"
  for dir in path:gmatch("[^:]+") do
    local p = dir .. "/" .. name
    if M.exists(p) and M.run("test -x " .. M.sh(p)) then return p end
  end
  return nil
end

function M.mkdtemp(prefix)
  local d = M.capture("mktemp -d " .. M.sh("/tmp/" .. (prefix or "wlab") .. ".XXXXXX"))
  assert(d, "mktemp -d failed")
  return d
end

function M.rmtree(dir)
  assert(dir:match("^/tmp/"), "refusing to remove " .. dir .. " (not under /tmp)")
  M.run("rm -rf " .. M.sh(dir))
end

function M.load1()
  local s = M.read("/proc/loadavg") or ""
  return tonumber(s:match("^(%S+)"))
end

-- The machine and the software, recorded with every run.
function M.machine(root, build)
  local cpuinfo = M.read("/proc/cpuinfo") or ""
  local ncpu = 0
  for _ in cpuinfo:gmatch("\nprocessor%s*:") do ncpu = ncpu + 1 end
  if cpuinfo:match("^processor") then ncpu = ncpu + 1 end
  local mem = (M.read("/proc/meminfo") or ""):match("MemTotal:%s*(%d+)")
  local u = labc.uname()
  local load = M.read("/proc/loadavg") or ""
  local commit = M.capture("git -C " .. M.sh(root) .. " rev-parse --short HEAD") or "nocommit"
  local dirty = M.capture("git -C " .. M.sh(root) .. " status --porcelain --untracked-files=no")
  local governor = M.read("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor")
  return {
    date = os.date("!%Y-%m-%dT%H:%M:%SZ"),
    host = u.nodename,
    cpu = cpuinfo:match("model name%s*:%s*([^\n]+)") or "unknown",
    cpus = ncpu,
    mem_mib = mem and math.floor(tonumber(mem) / 1024) or nil,
    kernel = u.sysname .. " " .. u.release .. " " .. u.machine,
    os = (M.read("/etc/os-release") or ""):match('PRETTY_NAME="([^"]+)"') or "unknown",
    load = load:match("^(%S+ %S+ %S+)") or "?",
    stack_kb = labc.stack_limit(),
    governor = governor and governor:gsub("%s+$", "") or "n/a",
    commit = commit .. (dirty and "-dirty" or ""),
    wasmlab = labc.version() .. " (tiers: " .. labc.tiers() .. ")",
    build = build,
  }
end

return M
