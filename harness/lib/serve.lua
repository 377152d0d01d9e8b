-- serve.lua: HTTP servers under load for the serve experiment: start and stop them, check their answer, drive them with wrk and read its figures.
local cmd = require "cmd"
local labc = require "labc"
local stats = require "stats"
local sys = require "sys"
local M = {}

-- The wrk script: every request POSTs `body`; at the end, one line of every figure the
-- experiment keeps (wrk's own report rounds and changes units, this line does not).
-- Latencies are wrk's, in µs; duration is the run's in µs.
function M.wrk_script(body, content_type)
  return table.concat({
    "-- written by the lab's serve experiment: POST the sample request, print the figures in one line",
    "wrk.method = \"POST\"",
    ("wrk.body = %q"):format(body),
    ("wrk.headers[\"Content-Type\"] = %q"):format(content_type or "application/json"),
    "function done(summary, latency, requests)",
    "  local e = summary.errors",
    "  io.write(string.format(\"wrklab requests=%d duration_us=%d bytes=%d connect=%d read=%d write=%d status=%d \"",
    "    .. \"timeout=%d mean_us=%.1f p50_us=%d p90_us=%d p99_us=%d max_us=%d\\n\",",
    "    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,",
    "    latency.mean, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))",
    "end",
  }, "\n") .. "\n"
end

-- The wrk command: `conns` connections for `secs` seconds, 2 threads (1 for one connection: wrk
-- wants at least one connection a thread); a request slower than `timeout` s counts as an error.
function M.wrk_argv(wrk, url, conns, secs, script, timeout)
  return { wrk, "-t", tostring(math.min(2, conns)), "-c", tostring(conns), "-d", tostring(secs) .. "s",
    "--timeout", tostring(timeout or 30) .. "s", "-s", script, url }
end

local FIELDS = { "requests", "duration_us", "bytes", "connect", "read", "write", "status", "timeout",
  "mean_us", "p50_us", "p90_us", "p99_us", "max_us" }
M.FIELDS = FIELDS

-- wrk's output -> {requests=, duration_us=, ..., rps=}, or nil and why.  Only the script's
-- "wrklab" line is read; it must carry every field.
function M.parse_wrk(text)
  local line = (text or ""):match("wrklab ([^\n]*)")
  if not line then return nil, "no 'wrklab' line in wrk's output (did the script run?)" end
  local r = {}
  for k, v in line:gmatch("([%w_]+)=(%S+)") do r[k] = tonumber(v) end
  for _, f in ipairs(FIELDS) do
    if not r[f] then return nil, "wrk's figures lack " .. f .. ": " .. line end
  end
  if r.duration_us <= 0 then return nil, "wrk ran for no time: " .. line end
  r.rps = r.requests / (r.duration_us / 1e6)
  r.errors = r.connect + r.read + r.write + r.status + r.timeout
  return r
end

-- Whether a run counts: no request may fail (non-2xx/3xx status, socket errors, timeouts) and
-- some must have completed.  Returns "ok" or "failed" and why.
function M.verdict(r)
  if r.requests == 0 then return "failed", "no request completed" end
  if r.errors == 0 then return "ok" end
  local parts = {}
  for _, k in ipairs({ "status", "connect", "read", "write", "timeout" }) do
    if r[k] > 0 then parts[#parts + 1] = ("%d %s"):format(r[k], k == "status" and "non-2xx/3xx" or k .. " errors") end
  end
  return "failed", table.concat(parts, ", ") .. " of " .. r.requests .. " requests"
end

-- Ports some socket listens on (/proc/net/tcp and tcp6, state 0A), so a new server is given a
-- free one: other processes on this machine run servers too.
function M.listening(text)
  local used = {}
  for port, state in (text or ""):gmatch("\n%s*%d+: %x+:(%x+) %x+:%x+ (%x%x)") do
    if state == "0A" then used[tonumber(port, 16)] = true end
  end
  return used
end

local port_seq = 0
function M.free_port()
  local used = M.listening((sys.read("/proc/net/tcp") or "") .. (sys.read("/proc/net/tcp6") or ""))
  for _ = 1, 1000 do
    port_seq = port_seq + 1
    local p = 20000 + (labc.now() // 1000 + port_seq * 7919) % 30000
    if not used[p] then return p end
  end
  error("no free port between 20000 and 50000")
end

local function alive(pid)
  local st = sys.read("/proc/" .. pid .. "/stat")
  return st ~= nil and not st:match("^%d+ %b() [ZX]")
end

-- One request with curl: returns the status code and the body (or nil and why).
function M.request(url, body_file, method)
  if body_file and not sys.exists(body_file) then return nil, "no request file " .. body_file end
  local out = os.tmpname()
  local argv = { "curl", "-s", "-o", out, "-w", "%{http_code}", "--max-time", "30" }
  if body_file then
    for _, a in ipairs({ "-X", method or "POST", "-H", "Content-Type: application/json", "--data-binary", "@" .. body_file }) do
      argv[#argv + 1] = a
    end
  elseif method then
    argv[#argv + 1] = "-X"
    argv[#argv + 1] = method
  end
  argv[#argv + 1] = url
  local p = io.popen(cmd.quote(argv) .. " 2>/dev/null")
  local code = p and tonumber(p:read("a"))
  if p then p:close() end
  local got = sys.read(out)
  os.remove(out)
  if not code or code == 0 then return nil, "no HTTP answer from " .. url end
  return code, got or ""
end

-- Starts a server (argv, told to listen on `port`) in the background, its stdout and stderr in
-- `log`, and waits until it answers HTTP (any status) or `wait` s pass.  Returns {pid=, url=,
-- log=} or nil and why (with the log's last lines).
function M.start(argv, port, log, wait)
  local p = assert(io.popen(cmd.quote(argv) .. " </dev/null >" .. sys.sh(log) .. " 2>&1 & echo $!"))
  local pid = tonumber(p:read("l"))
  p:close()
  local h = { pid = pid, url = ("http://127.0.0.1:%d/"):format(port), log = log }
  local t0 = labc.now()
  while labc.now() - t0 < (wait or 30) * 1e9 do
    if not alive(pid) then
      local text = (sys.read(log) or ""):gsub("%s+$", "")
      return nil, ("%s exited before it answered%s"):format(argv[1]:match("[^/]*$"),
        text ~= "" and (": " .. text:sub(-300):gsub("\n", " | ")) or "")
    end
    if M.request(h.url, nil, "GET") then return h end
    os.execute("sleep 0.1")
  end
  M.stop(h)
  return nil, ("%s did not answer on port %d within %d s"):format(argv[1]:match("[^/]*$"), port, wait or 30)
end

-- Ends a server this module started, by its pid: SIGTERM (in-flight requests finish), SIGKILL
-- after 10 s.
function M.stop(h)
  if not h or not h.pid then return end
  os.execute("kill " .. h.pid .. " 2>/dev/null")
  local t0 = labc.now()
  while alive(h.pid) and labc.now() - t0 < 10e9 do os.execute("sleep 0.05") end
  if alive(h.pid) then os.execute("kill -9 " .. h.pid .. " 2>/dev/null") end
  h.pid = nil
end

-- Checks a server's answers before it is timed: the sample request gets 200 and exactly the
-- expected JSON (a trailing newline aside), and a malformed one gets 400.  Returns true, or false
-- and why.
function M.check(url, request_file, expected, bad_file)
  local code, body = M.request(url, request_file)
  if not code then return false, body end
  body = body:gsub("\n$", "")
  if code ~= 200 then return false, ("the sample request got HTTP %d: %s"):format(code, body:sub(1, 120)) end
  if body ~= expected then
    return false, ("the sample request's answer '%s' is not the expected '%s'"):format(body:sub(1, 120), expected:sub(1, 120))
  end
  if bad_file then
    local bcode, bbody = M.request(url, bad_file)
    if bcode ~= 400 then
      return false, ("a malformed request got %s, not 400: %s"):format(tostring(bcode), tostring(bbody):sub(1, 120))
    end
  end
  return true
end

-- Per (server, concurrency): requests/s and latency figures over the rounds, as
-- {min, median, max}; only runs with status ok count.  rows: {server=, conns=, status=, rps=, ...}.
function M.summarise(rows)
  local acc, out = {}, {}
  for _, r in ipairs(rows) do
    local key = r.server .. "@" .. r.conns
    local a = acc[key]
    if not a then
      a = { server = r.server, conns = r.conns, rps = {}, p50 = {}, p99 = {}, failed = {} }
      acc[key] = a
      out[#out + 1] = a
    end
    if r.status == "ok" then
      a.rps[#a.rps + 1] = r.rps
      a.p50[#a.p50 + 1] = r.p50_us
      a.p99[#a.p99 + 1] = r.p99_us
    else
      a.failed[#a.failed + 1] = r.detail or r.status
    end
  end
  local function spread(xs)
    if #xs == 0 then return nil end
    local s = {}
    for i, x in ipairs(xs) do s[i] = x end
    table.sort(s)
    return { s[1], stats.median(s), s[#s] }
  end
  for _, a in ipairs(out) do
    a.n = #a.rps
    a.rps, a.p50, a.p99 = spread(a.rps), spread(a.p50), spread(a.p99)
  end
  return out
end

-- Throughput ratios a/b measured side by side: per round and concurrency, a's requests/s over
-- b's in the same round (the two ran minutes apart at most), then {min, median, max} over rounds.
function M.ratios(rows, a, b)
  local by = {}
  for _, r in ipairs(rows) do
    if r.status == "ok" then by[r.server .. "@" .. r.conns .. "@" .. r.round] = r end
  end
  local per, conns, seen = {}, {}, {}
  for _, r in ipairs(rows) do
    if r.server == a and r.status == "ok" then
      local o = by[b .. "@" .. r.conns .. "@" .. r.round]
      if o and o.rps > 0 then
        if not seen[r.conns] then seen[r.conns] = true; conns[#conns + 1] = r.conns; per[r.conns] = {} end
        local t = per[r.conns]
        t[#t + 1] = r.rps / o.rps
      end
    end
  end
  local out = {}
  for _, c in ipairs(conns) do
    local s = per[c]
    table.sort(s)
    out[#out + 1] = { conns = c, n = #s, value = { s[1], stats.median(s), s[#s] } }
  end
  return out
end

-- The module's linear memory, resized: `bytes` (a .wasm) with memory 0's initial size set to
-- `pages` (64 KiB each; a maximum below it is raised to it), so the in-process figures can be
-- taken for one handler at several memory sizes.  Returns the new bytes and the old minimum, or
-- nil and why (no memory section of its own, shared or 64-bit memory).
local function uleb(s, pos)
  local v, shift = 0, 0
  while true do
    local b = s:byte(pos)
    if not b then return nil end
    v = v + ((b & 0x7f) << shift)
    pos = pos + 1
    if b < 0x80 then return v, pos end
    shift = shift + 7
    if shift > 35 then return nil end
  end
end

local function enc(n)
  local t = {}
  repeat
    local b = n & 0x7f
    n = n >> 7
    t[#t + 1] = string.char(n > 0 and (b | 0x80) or b)
  until n == 0
  return table.concat(t)
end

function M.with_memory(bytes, pages)
  if bytes:sub(1, 8) ~= "\0asm\1\0\0\0" then return nil, "not a wasm module (version 1)" end
  if pages < 0 or pages > 65536 then return nil, "pages must be 0 to 65536" end
  local pos = 9
  while pos <= #bytes do
    local id = bytes:byte(pos)
    local size, start = uleb(bytes, pos + 1)
    if not size or start + size - 1 > #bytes then return nil, "truncated section at byte " .. pos end
    if id == 5 then
      local count, q = uleb(bytes, start)
      if count ~= 1 then return nil, "the module defines " .. tostring(count) .. " memories, not one" end
      local flag = bytes:byte(q)
      if flag ~= 0 and flag ~= 1 then return nil, "memory limits flag " .. tostring(flag) .. " (shared or 64-bit memory)" end
      local min, max
      min, q = uleb(bytes, q + 1)
      if flag == 1 then max, q = uleb(bytes, q) end
      if not q then return nil, "truncated memory limits" end
      local body = enc(1) .. string.char(flag) .. enc(pages) .. (flag == 1 and enc(math.max(max, pages)) or "")
        .. bytes:sub(q, start + size - 1)
      return bytes:sub(1, pos - 1) .. "\5" .. enc(#body) .. body .. bytes:sub(start + size), min
    end
    pos = start + size
  end
  return nil, "no memory section (an imported memory?)"
end

-- Median and the 10th and 90th percentiles of xs (unsorted): {p10, median, p90}.
function M.percentiles(xs)
  local s = {}
  for i, x in ipairs(xs) do s[i] = x end
  table.sort(s)
  if #s == 0 then return nil end
  return { stats.quantile(s, 0.1), stats.quantile(s, 0.5), stats.quantile(s, 0.9) }
end

return M
