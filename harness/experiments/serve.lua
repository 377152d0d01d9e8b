-- serve.lua: startup/handler served over HTTP with a fresh sandbox per request (a process, a crun container, a node instance, wasmlab serve), driven by wrk at several concurrencies in interleaved rounds.
-- Every server answers the same WAGI handler (suites/startup/handler.c) on the loopback:
--   process   harness/cgiserve: posix_spawn of the static native handler per request (CGI)
--   crun      harness/cgiserve running `crun run` on an OCI bundle of that binary per request
--   node      harness/serve-node.mjs: the .wasm compiled once, a new instance per request
--   wasmlab   `wasmlab serve`: the .wasm decoded once, an instance from its pool per request
-- Each server's answer to the sample request is checked (and a malformed request must get 400)
-- before any timing. Then, round after round (the order of the servers rotated each round), wrk
-- POSTs the sample request at each concurrency; a run with any failed request (non-2xx/3xx,
-- socket error, timeout) is marked failed and left out of the figures.
local aot = require "aot"
local cmd = require "cmd"
local oci = require "oci"
local plot = require "plot"
local progress = require "progress"
local serve = require "serve"
local stats = require "stats"
local sys = require "sys"
local labc = require "labc"

local COLS = { "round", "server", "conns", "status", "requests", "duration_s", "rps", "mean_us", "p50_us",
  "p90_us", "p99_us", "max_us", "status_errors", "connect_errors", "read_errors", "write_errors",
  "timeouts", "detail" }

local function fmt_int(x) return x and string.format("%.0f", x) or "–" end
local function fmt_ms(us) return us and string.format("%.2f", us / 1000) or "–" end

-- "median (min–max)"
local function spread(v, f)
  if not v then return "–" end
  return ("%s (%s–%s)"):format(f(v[2]), f(v[1]), f(v[3]))
end

-- The servers: name, what, and how to start one on a port (argv), or absent = why not.
local function servers(lab, e, workers)
  local root, build = lab.root, lab.build
  local native, wasm = lab:file(e, "native"), lab:file(e, "wasm")
  local cgi = build .. "/harness/cgiserve"
  local list = {}
  local has_cgi = sys.exists(cgi)
  local no_cgi = "no " .. cgi .. " (it needs libmicrohttpd-dev at meson setup)"

  list[#list + 1] = { name = "process", what = "cgiserve: posix_spawn of the static native handler per request (CGI)",
    absent = (not has_cgi and no_cgi) or (not sys.exists(native) and "no native build of " .. e.id) or nil,
    argv = function(port) return { cgi, "--listen", "127.0.0.1:" .. port, "--", native } end }

  local crun = sys.which("crun")
  local container = { name = "crun", what = "cgiserve running `crun run` on an OCI bundle of the native handler per request" }
  if not crun then container.absent = "crun not found"
  elseif not has_cgi then container.absent = no_cgi
  elseif not sys.exists(native) then container.absent = "no native build of " .. e.id
  else
    -- crun passes the container none of its own environment: the bundle carries the WAGI
    -- variables this request needs (POST, JSON; the handler reads its body to the end of stdin)
    local bundle = oci.bundle(lab.tmp, "serve-handler", native, {},
      { "GATEWAY_INTERFACE=CGI/1.1", "SERVER_PROTOCOL=HTTP/1.1", "REQUEST_METHOD=POST", "PATH_INFO=/",
        "QUERY_STRING=", "CONTENT_TYPE=application/json" })
    local hide = {}
    local layout, v2 = oci.cgroup_layout()
    if layout == "hybrid" then
      hide = v2
      container.note = "hybrid cgroups: cgiserve serves from a private mount namespace with " .. table.concat(v2, ", ") .. " hidden (crun refuses the hybrid layout)"
    end
    container.argv = function(port)
      local t = { cgi, "--listen", "127.0.0.1:" .. port }
      for _, h in ipairs(hide) do t[#t + 1] = "--hide-mount"; t[#t + 1] = h end
      for _, a in ipairs({ "--", crun, "run", "--bundle", bundle, "{id}" }) do t[#t + 1] = a end
      return t
    end
    container.crun = crun
  end
  list[#list + 1] = container

  local node = sys.which("node")
  list[#list + 1] = { name = "node", what = ("serve-node.mjs: node:wasi, the module compiled once, an instance per request, %d workers"):format(workers),
    absent = (not node and "node not found") or (not sys.exists(wasm) and "no wasm build of " .. e.id) or nil,
    argv = function(port)
      return { node, "--no-warnings", root .. "/harness/serve-node.mjs", "--listen", "127.0.0.1:" .. port,
        "--workers", tostring(workers), wasm }
    end }

  local wl = build .. "/wasmlab"
  local help = sys.capture(sys.sh(wl) .. " --help 2>&1") or ""
  local has_serve = ("\n" .. help):match("\n%s*serve%s") ~= nil
  list[#list + 1] = { name = "wasmlab", what = ("wasmlab serve: an instance from the pool per request, %d workers"):format(workers),
    absent = (not has_serve and "this wasmlab has no serve command (`wasmlab --help` lists none)")
      or (not sys.exists(wasm) and "no wasm build of " .. e.id) or nil,
    argv = function(port)
      return { wl, "serve", "--listen", "127.0.0.1:" .. port, "--workers", tostring(workers), wasm }
    end }
  return list
end

-- Containers a stopped cgiserve may have left (a request cut short): ids cgiserve made, "cgi-PID-N".
local function clean_containers(crun, pid)
  local p = io.popen(sys.sh(crun) .. " list 2>/dev/null")
  local text = p and p:read("a") or ""
  if p then p:close() end
  for id in text:gmatch("\n(cgi%-" .. pid .. "%-%d+)") do
    sys.run(cmd.quote({ crun, "delete", "--force", id }))
  end
end

-- In-process: what a fresh instance per request costs wasmlab itself, through the C module's
-- pool binding (labc.pool_cycle: a pool of one slot; each iteration acquire, _start, release).
-- The handler's memory is resized (serve.with_memory) to show how acquire+release grows with it,
-- with the reset by copy-on-write mapping and by copying.
local function inprocess(lab, e, request)
  local title = "Serve: in-process instantiate+reset per request"
  if type(labc.pool_cycle) ~= "function" then
    lab:add_section { title = title,
      text = "Not measured: this build's C module (labc) has no instance-pool binding (`labc.pool_cycle`); the pool is not in this build.",
      body = "–" }
    return
  end
  local bytes = sys.read(lab:file(e, "wasm"))
  local _, base = serve.with_memory(bytes, 1)
  if type(base) ~= "number" then
    lab:add_section { title = title, text = "Not measured: the handler's memory cannot be resized: " .. tostring(base), body = "–" }
    return
  end
  local sizes = { base }
  for _, p in ipairs(lab:pick { quick = { 1024 }, default = { 256, 1024, 4096 }, full = { 64, 256, 1024, 4096, 16384 } }) do
    if p > base then sizes[#sizes + 1] = p end
  end
  local iters = lab:pick { quick = 50, default = 1000, full = 5000 }
  local md = { "| memory MiB | reset asked | reset used | requests | acquire µs | release µs | acquire+release µs (p10–p90) | first acquire µs | call µs | note |",
    "|---:|---|---|---:|---:|---:|---:|---:|---:|---|" }
  local csvl = { "memory_pages,reset_asked,reset_used,requests,acquire_us,release_us,cycle_p10_us,cycle_us,cycle_p90_us,first_acquire_us,call_us,note" }
  local series, values, xs = { "cow", "copy" }, { cow = {}, copy = {} }, {}
  for _, pages in ipairs(sizes) do
    local path = ("%s/handler-%dp.wasm"):format(lab.tmp, pages)
    sys.write(path, pages == base and bytes or assert(serve.with_memory(bytes, pages)))
    local mib = pages * 65536 / 1048576
    xs[#xs + 1] = mib
    for _, mode in ipairs(series) do
      progress.show("serve in-process", ("%s reset, %.1f MiB"):format(mode, mib))
      local r, why = labc.pool_cycle { path = path, reset = mode, iterations = iters, stdin = request,
        stdout = lab.tmp .. "/pool-out.txt" }
      local note
      if r then
        for i = 1, iters do
          local got = (r.outputs[i] or ""):gsub("\n$", "")
          if r.codes[i] ~= 0 or got ~= e.expected.small then
            note = ("request %d: exit %s, output '%s'"):format(i, tostring(r.codes[i]), got:sub(1, 60))
            break
          end
        end
      else
        note = why
      end
      if r and not note then
        -- the first acquire instantiates the slot; every later one is the per-request cost
        local acq, rel, cyc, call = {}, {}, {}, {}
        for i = 2, iters do
          acq[#acq + 1] = r.acquire_ns[i] / 1000
          rel[#rel + 1] = r.release_ns[i] / 1000
          cyc[#cyc + 1] = (r.acquire_ns[i] + r.release_ns[i]) / 1000
          call[#call + 1] = r.call_ns[i] / 1000
        end
        local c = serve.percentiles(cyc)
        local refused = (r.cow_refused and r.cow_refused ~= "") and ("CoW refused: " .. r.cow_refused) or ""
        md[#md + 1] = ("| %.1f | %s | %s | %d | %.2f | %.2f | %.2f (%.2f–%.2f) | %.1f | %.1f | %s |"):format(mib, mode, r.reset,
          iters - 1, stats.median(acq), stats.median(rel), c[2], c[1], c[3], r.acquire_ns[1] / 1000, stats.median(call), refused)
        csvl[#csvl + 1] = ("%d,%s,%s,%d,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%s"):format(pages, mode, r.reset, iters - 1,
          stats.median(acq), stats.median(rel), c[1], c[2], c[3], r.acquire_ns[1] / 1000, stats.median(call), refused)
        values[mode][mib] = { c[2], c[1], c[3] }
      else
        lab:fail(("serve in-process %s reset, %d pages"):format(mode, pages), note)
        md[#md + 1] = ("| %.1f | %s | – | – | – | – | – | – | – | failed: %s |"):format(mib, mode, (tostring(note):gsub("|", "/")))
      end
    end
  end
  sys.write(lab.out .. "/serve-inprocess.csv", table.concat(csvl, "\n") .. "\n")
  lab:add_section { title = title,
    text = ("Through the C module (`labc.pool_cycle`): `%s` decoded and compiled once, a pool of one slot; per request acquire (a fresh "
      .. "instance from the slot), `_start` on the sample request, release (the reset). %d requests per row, the first (which "
      .. "instantiates the slot) shown apart; µs medians, p10–p90 in brackets. The handler's memory is resized from its own %d pages "
      .. "(the module otherwise unchanged). The issue's target: acquire+release ≤ 5 µs (median), flat as memory grows with CoW. "
      .. "Data: `serve-inprocess.csv`."):format(e.id, iters, base),
    body = table.concat(md, "\n") }
  if plot.xy(lab.out, "serve-inprocess", { title = "in-process acquire+release per request against memory size (median, p10-p90)",
    xlabel = "MiB of linear memory", ylabel = "µs per request (log scale)", series = series, x = xs, values = values,
    logx = true, logy = true }) then
    lab:add_figure("serve-inprocess")
  end
end

return function(lab)
  local e = lab:programs("startup", { "handler" })[1]
  local expected = e.expected.small
  local request = lab.root .. "/suites/" .. assert(e.stdin, "startup/handler has no request file")
  local bad = lab.tmp .. "/bad-request.json"
  sys.write(bad, '{"id": 1, "op": "stats", "values": [1, 2,')
  local wrk = sys.which("wrk")
  local cpus = lab.machine.cpus > 0 and lab.machine.cpus or 1
  local workers = cpus
  local conns_list = lab:pick { quick = { 1, 8 }, default = { 1, 4, 16, 64 }, full = { 1, 2, 4, 8, 16, 32, 64 } }
  local nrounds = lab:pick { quick = 1, default = 3, full = 5 }
  local secs = lab:pick { quick = 1, default = 3, full = 5 }
  local list = servers(lab, e, workers)

  local present = {}
  for _, s in ipairs(list) do
    if s.absent then
      lab:skip("serve " .. s.name, s.absent)
      progress.note("serve: " .. s.name .. " absent: " .. s.absent)
    elseif not wrk then
      s.absent = "wrk not found (apt-get install wrk)"
      lab:skip("serve " .. s.name, s.absent)
    else
      present[#present + 1] = s
    end
  end

  -- Start every server, check its answers, warm it up (node's JIT, page cache, pools).
  local script = lab.tmp .. "/post.lua"
  sys.write(script, serve.wrk_script(sys.read(request)))
  local up = {}
  for _, s in ipairs(present) do
    progress.show("serve " .. s.name, "start and check")
    local port = serve.free_port()
    local h, why = serve.start(s.argv(port), port, lab.tmp .. "/server-" .. s.name .. ".log", 60)
    if h then
      local ok, cwhy = serve.check(h.url, request, expected, bad)
      if not ok then why = cwhy; serve.stop(h); h = nil end
    end
    if h then
      s.handle = h
      s.command = cmd.quote(s.argv(port))
      up[#up + 1] = s
      labc.spawn { argv = serve.wrk_argv(wrk, h.url, 4, 1, script), timeout = 120 }
    else
      s.failed = why
      lab:fail("serve " .. s.name, why)
    end
  end

  local rows = {}
  local out = assert(io.open(lab.out .. "/serve.csv", "w"))
  out:write(table.concat(COLS, ","), "\n")
  progress.set_total(nrounds * #conns_list * #up)
  for r = 1, nrounds do
    for _, conns in ipairs(conns_list) do
      for _, k in ipairs(aot.rotation(#up, r)) do
        local s = up[k]
        progress.show("serve " .. s.name, ("round %d/%d, %d connections"):format(r, nrounds, conns))
        local argv = serve.wrk_argv(wrk, s.handle.url, conns, secs, script, 30)
        local res, why = labc.spawn { argv = argv, timeout = secs + 120 }
        local row = { round = r, server = s.name, conns = conns }
        local fig, perr
        if res and res.code == 0 then fig, perr = serve.parse_wrk(res.stdout) end
        if fig then
          for kk, v in pairs(fig) do row[kk] = v end
          row.duration_s = fig.duration_us / 1e6
          row.status_errors, row.connect_errors, row.read_errors = fig.status, fig.connect, fig.read
          row.write_errors, row.timeouts = fig.write, fig.timeout
          row.status, row.detail = serve.verdict(fig)
        else
          row.status = "failed"
          row.detail = perr or why or ("wrk exited " .. tostring(res and (res.code or res.signal)) .. ": "
            .. ((res and res.stderr or ""):gsub("%s+$", ""):gsub("\n", " | "):sub(1, 200)))
        end
        if row.status ~= "ok" then lab:fail(("serve %s, %d connections, round %d"):format(s.name, conns, r), row.detail) end
        rows[#rows + 1] = row
        local cells = {}
        for i, c in ipairs(COLS) do
          local v = row[c]
          cells[i] = v == nil and "" or type(v) == "number" and string.format("%.6g", v) or
            ('"' .. tostring(v):gsub('"', '""') .. '"')
        end
        out:write(table.concat(cells, ","), "\n")
        out:flush()
        progress.step()
      end
    end
  end
  out:close()
  for _, s in ipairs(up) do
    local pid = s.handle.pid
    serve.stop(s.handle)
    if s.crun then clean_containers(s.crun, pid) end
  end

  -- The tables: per server and concurrency, then the ratios the issue asks about.
  local sums = serve.summarise(rows)
  local md = { "| server | connections | rounds ok | requests/s | p50 ms | p99 ms |", "|---|---:|---:|---:|---:|---:|" }
  for _, a in ipairs(sums) do
    md[#md + 1] = ("| %s | %d | %d/%d | %s | %s | %s |"):format(a.server, a.conns, a.n, a.n + #a.failed,
      spread(a.rps, fmt_int), spread(a.p50, fmt_ms), spread(a.p99, fmt_ms))
  end
  local srv = { "| server | what | status | command |", "|---|---|---|---|" }
  for _, s in ipairs(list) do
    local status = s.absent and ("absent: " .. s.absent) or s.failed and ("failed: " .. s.failed) or ("timed" .. (s.note and ("; " .. s.note) or ""))
    srv[#srv + 1] = ("| %s | %s | %s | %s |"):format(s.name, s.what, status:gsub("|", "/"),
      s.command and ("`" .. s.command .. "`") or "–")
  end
  lab:add_section { title = "Serve: the servers",
    text = ("Every server answers `%s` over HTTP/1.1 on the loopback; before timing, each one's answer to the sample request (`suites/%s`) was "
      .. "checked to be HTTP 200 with exactly the manifest's JSON, and a malformed request to get 400. %d CPUs; the servers with workers get %d.")
      :format(e.id, e.stdin, cpus, workers),
    body = table.concat(srv, "\n") }
  lab:add_section { title = "Serve: throughput and latency under load",
    text = ("wrk (%s) POSTs the sample request for %d s per run over keep-alive connections, 2 threads (1 for one connection), at %s connections; "
      .. "%d rounds, the servers' order rotated each round, every server at one concurrency before the next concurrency. Each cell is the median over "
      .. "the rounds with min–max in brackets; only runs where every request succeeded count (`rounds ok`). wrk itself runs on the same CPUs "
      .. "as the server. Latencies are wrk's (the whole request, queueing at the server included). Data: `serve.csv`.")
      :format((sys.capture("wrk -v 2>&1 | head -1") or "wrk"):match("^wrk %S+") or "wrk", secs, table.concat(conns_list, ", "), nrounds),
    body = table.concat(md, "\n") }

  local names = {}
  for _, s in ipairs(up) do names[s.name] = true end
  local pairs_ = { { "wasmlab", "crun" }, { "wasmlab", "process" }, { "wasmlab", "node" }, { "node", "crun" },
    { "node", "process" }, { "process", "crun" } }
  local rt = { "| ratio of requests/s | " .. table.concat((function()
    local t = {}
    for _, c in ipairs(conns_list) do t[#t + 1] = c .. " conn" end
    return t
  end)(), " | ") .. " |", "|---" .. string.rep("|---:", #conns_list) .. "|" }
  local nratios = 0
  for _, p in ipairs(pairs_) do
    if names[p[1]] and names[p[2]] then
      local rs = serve.ratios(rows, p[1], p[2])
      local byc = {}
      for _, x in ipairs(rs) do byc[x.conns] = x end
      local cells = {}
      for i, c in ipairs(conns_list) do
        local x = byc[c]
        cells[i] = x and ("%.2fx (%.2f–%.2f)"):format(x.value[2], x.value[1], x.value[3]) or "–"
      end
      rt[#rt + 1] = ("| %s / %s | %s |"):format(p[1], p[2], table.concat(cells, " | "))
      nratios = nratios + 1
    end
  end
  if nratios > 0 then
    lab:add_section { title = "Serve: throughput ratios, side by side",
      text = "Per round and concurrency, one server's requests/s over the other's in the same round (measured minutes apart at most, "
        .. "so the VM's speed changes cancel out); median over the rounds, min–max in brackets. The issue's targets: wasmlab at least "
        .. "10x crun, and above process.",
      body = table.concat(rt, "\n") }
  end

  -- Plots: throughput and p99 against concurrency, a line per server.
  local series, tput, p99 = {}, {}, {}
  for _, a in ipairs(sums) do
    if a.rps then
      if not tput[a.server] then series[#series + 1] = a.server; tput[a.server] = {}; p99[a.server] = {} end
      tput[a.server][a.conns] = a.rps
      p99[a.server][a.conns] = { a.p99[1] / 1000, a.p99[2] / 1000, a.p99[3] / 1000 }
    end
  end
  if #series > 0 then
    -- median first, as plot.xy wants it
    local function mlh(v) return { v[2], v[1], v[3] } end
    local tv, pv = {}, {}
    for _, s in ipairs(series) do
      tv[s], pv[s] = {}, {}
      for c, v in pairs(tput[s]) do tv[s][c] = mlh(v) end
      for c, v in pairs(p99[s]) do pv[s][c] = mlh(v) end
    end
    if plot.xy(lab.out, "serve-throughput", { title = "serve: requests/s against concurrency (median, min-max over rounds)",
      xlabel = "connections", ylabel = "requests/s (log scale)", series = series, x = conns_list, values = tv, logx = true, logy = true }) then
      lab:add_figure("serve-throughput")
    end
    if plot.xy(lab.out, "serve-p99", { title = "serve: p99 latency against concurrency (median, min-max over rounds)",
      xlabel = "connections", ylabel = "ms (log scale)", series = series, x = conns_list, values = pv, logx = true, logy = true }) then
      lab:add_figure("serve-p99")
    end
  end

  inprocess(lab, e, request)
  return rows
end
