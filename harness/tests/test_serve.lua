-- test_serve.lua: the serve experiment's pieces: wrk's figures and verdicts, ports, summaries and ratios; then cgiserve live: the WAGI handler, the CGI variables, status codes, a short wrk run read back, graceful stop.
local serve = require "serve"
local manifest = require "manifest"
local sys = require "sys"
local labc = require "labc"

-- wrk's output with the script's line: every field read, requests/s from requests and duration
local wrk_out = [[
Running 1s test @ http://127.0.0.1:4000/
  2 threads and 4 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.10ms  200.00us   3.00ms   90.00%
  3000 requests in 1.00s, 600.00KB read
Requests/sec:   2990.00
Transfer/sec:    598.00KB
wrklab requests=3000 duration_us=1500000 bytes=614400 connect=0 read=0 write=0 status=0 timeout=0 mean_us=1100.5 p50_us=1050 p90_us=1400 p99_us=2500 max_us=3000
]]
local r = assert(serve.parse_wrk(wrk_out))
assert(r.requests == 3000 and r.p50_us == 1050 and r.p99_us == 2500 and r.max_us == 3000, "fields")
assert(math.abs(r.rps - 2000) < 1e-9, "requests/s from the script's duration, not wrk's rounded one: " .. r.rps)
assert(r.errors == 0 and serve.verdict(r) == "ok", "a clean run is ok")
assert(not serve.parse_wrk("Requests/sec: 10\n"), "no wrklab line: not parsed")
local _, why = serve.parse_wrk("wrklab requests=1 duration_us=5 bytes=1 connect=0 read=0 write=0 status=0 timeout=0 mean_us=1 p50_us=1 p90_us=1 max_us=1\n")
assert(why and why:match("p99_us"), "a missing field is named: " .. tostring(why))
local bad = assert(serve.parse_wrk(wrk_out:gsub("status=0", "status=7")))
local v, vwhy = serve.verdict(bad)
assert(v == "failed" and vwhy:match("7 non%-2xx"), "non-2xx responses fail the run: " .. tostring(vwhy))
local none = assert(serve.parse_wrk(wrk_out:gsub("requests=3000", "requests=0")))
assert(serve.verdict(none) == "failed", "a run with no request fails")

-- wrk's command: one thread for one connection (wrk wants conns >= threads), else two
local a1 = serve.wrk_argv("wrk", "http://x/", 1, 3, "s.lua", 30)
assert(a1[3] == "1" and a1[5] == "1" and a1[7] == "3s" and a1[9] == "30s", table.concat(a1, " "))
assert(serve.wrk_argv("wrk", "http://x/", 64, 3, "s.lua")[3] == "2", "two threads")
-- the script, run with a stand-in for wrk's table, POSTs exactly the body given
local body_in = '{"a": "q\\"uote", "b": "\\u00e9"}\n// ]] end\n'
local fake = { headers = {} }
assert(load(serve.wrk_script(body_in), "post.lua", "t", { wrk = fake, io = io, string = string }))()
assert(fake.method == "POST" and fake.body == body_in and fake.headers["Content-Type"] == "application/json", "the wrk script")

-- /proc/net/tcp: only LISTEN (0A) sockets count as taken
local tcp = [[
  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1
   1: 0100007F:0050 0100007F:9C40 01 00000000:00000000 00:00000000 00000000     0        0 2 1
]]
local used = serve.listening(tcp)
assert(used[8080] and not used[80], "listening ports")

-- summaries over rounds (failed runs left out and counted) and side-by-side ratios per round
local rows = {
  { round = 1, server = "a", conns = 4, status = "ok", rps = 100, p50_us = 10, p99_us = 30 },
  { round = 2, server = "a", conns = 4, status = "ok", rps = 300, p50_us = 20, p99_us = 50 },
  { round = 3, server = "a", conns = 4, status = "ok", rps = 200, p50_us = 30, p99_us = 40 },
  { round = 1, server = "b", conns = 4, status = "ok", rps = 10, p50_us = 1, p99_us = 1 },
  { round = 2, server = "b", conns = 4, status = "ok", rps = 50, p50_us = 1, p99_us = 1 },
  { round = 3, server = "b", conns = 4, status = "failed", detail = "3 non-2xx" },
}
local sums = serve.summarise(rows)
assert(#sums == 2 and sums[1].server == "a" and sums[1].n == 3, "one summary per server and concurrency")
assert(sums[1].rps[1] == 100 and sums[1].rps[2] == 200 and sums[1].rps[3] == 300, "min, median, max")
assert(sums[2].n == 2 and #sums[2].failed == 1, "failed runs are counted, not measured")
local ra = serve.ratios(rows, "a", "b")
assert(#ra == 1 and ra[1].n == 2, "ratios only where both ran ok in the same round")
assert(ra[1].value[1] == 6 and ra[1].value[3] == 10 and ra[1].value[2] == 8, "per-round ratios 10 and 6")

-- a module's memory resized: the LEB sizes re-encoded, a lower maximum raised, the rest kept
local mod = "\0asm\1\0\0\0" .. "\1\4\1\96\0\0" .. "\5\3\1\0\1" .. "\0\3\1xy"
local grown, old = serve.with_memory(mod, 300)
assert(old == 1, "the old minimum")
assert(grown == "\0asm\1\0\0\0" .. "\1\4\1\96\0\0" .. "\5\4\1\0\172\2" .. "\0\3\1xy", "min 300 (LEB 0xac 0x02)")
local capped = assert(serve.with_memory("\0asm\1\0\0\0\5\4\1\1\1\2", 16))
assert(capped == "\0asm\1\0\0\0\5\4\1\1\16\16", "a maximum below the new minimum is raised")
assert(select(2, serve.with_memory("\0asm\1\0\0\0\1\4\1\96\0\0", 4)):match("no memory"), "no memory section")
assert(select(2, serve.with_memory("\0asm\1\0\0\0\5\4\1\3\1\2", 4)):match("shared"), "shared memory refused")
local pc = serve.percentiles({ 5, 1, 4, 2, 3 })
assert(pc[2] == 3 and pc[1] <= 2 and pc[3] >= 4, "percentiles")

-- Live: cgiserve and the WAGI handler.  The build gives the paths; without wrk or curl the rest
-- cannot run here (exit 77: meson's "skipped").
local cgi = os.getenv("CGISERVE")
local root = os.getenv("SOURCE_ROOT")
assert(cgi and root, "CGISERVE and SOURCE_ROOT must be set (meson test sets them)")
for _, tool in ipairs({ "curl", "wrk" }) do
  if not sys.which(tool) then
    io.stderr:write("test_serve: no ", tool, ": the live part is skipped\n")
    os.exit(77)
  end
end
assert(sys.exists(cgi), "no cgiserve at " .. cgi)
local tmp = sys.mkdtemp("wlab-test-serve")
local servers = {}
local function start(argv_tail, wait)
  local port = serve.free_port()
  local argv = { cgi, "--listen", "127.0.0.1:" .. port, "--timeout", "2" }
  for _, x in ipairs(argv_tail) do argv[#argv + 1] = x end
  local h, err = serve.start(argv, port, tmp .. "/server" .. #servers .. ".log", wait or 20)
  assert(h, err)
  servers[#servers + 1] = h
  return h
end
local ok, err = pcall(function()
  -- the handler: the sample request's answer is the manifest's, a malformed one gets 400
  local native = os.getenv("HANDLER_NATIVE")
  if native and sys.exists(native) then
    local e = manifest.load(root .. "/suites/manifest.txt").by["startup/handler"]
    local h = start({ "--", native })
    local request = root .. "/suites/" .. e.stdin
    sys.write(tmp .. "/bad.json", '{"id": 1, "op": "nope"}')
    assert(serve.check(h.url, request, e.expected.small, tmp .. "/bad.json"))
    local code, body = serve.request(h.url, nil, "GET")
    assert(code == 405 and body:match("method not allowed"), "GET: " .. tostring(code) .. " " .. tostring(body))
    -- a short wrk run through the lab's script, read back: every request answered 200
    sys.write(tmp .. "/post.lua", serve.wrk_script(sys.read(request)))
    local p = io.popen(table.concat(serve.wrk_argv("wrk", h.url, 2, 1, tmp .. "/post.lua", 10), " ") .. " 2>&1")
    local run = assert(serve.parse_wrk(p:read("a")))
    p:close()
    local verdict, vwhy2 = serve.verdict(run)
    assert(run.requests > 0 and verdict == "ok", "wrk through cgiserve: " .. tostring(vwhy2))
  else
    io.stderr:write("test_serve: no native startup/handler (suites not built): its checks are skipped\n")
  end

  -- the same handler as wasm behind node (serve-node.mjs) and wasmlab serve, when present: the
  -- same answers, so the experiment's rows serve one handler
  local wasm = os.getenv("HANDLER_WASM")
  local node = sys.which("node")
  if wasm and sys.exists(wasm) and native and sys.exists(native) then
    local e = manifest.load(root .. "/suites/manifest.txt").by["startup/handler"]
    local request = root .. "/suites/" .. e.stdin
    local others = {}
    if node then
      others[#others + 1] = function(port)
        return { node, "--no-warnings", root .. "/harness/serve-node.mjs", "--listen", "127.0.0.1:" .. port, wasm }
      end
    end
    local wl = os.getenv("WASMLAB")
    if wl and sys.exists(wl) and ((sys.capture(sys.sh(wl) .. " --help") or "") .. "\n"):match("\n%s*serve%s") then
      others[#others + 1] = function(port)
        return { wl, "serve", "--listen", "127.0.0.1:" .. port, "--workers", "2", wasm }
      end
    end
    for _, argv_for in ipairs(others) do
      local port = serve.free_port()
      local argv = argv_for(port)
      local h, herr = serve.start(argv, port, tmp .. "/server" .. #servers .. ".log", 30)
      assert(h, herr)
      servers[#servers + 1] = h
      local okc, why = serve.check(h.url, request, e.expected.small, tmp .. "/bad.json")
      assert(okc, argv[1] .. ": " .. tostring(why))
      local code = serve.request(h.url, nil, "GET")
      assert(code == 405, argv[1] .. ": GET got " .. tostring(code))
      serve.stop(h)
    end
  end

  -- the CGI variables, the body on stdin, a header passed through, Status and Location
  local show = [[
case "$PATH_INFO" in
  /fail) echo partial; exit 3 ;;
  /loop) sleep 30 ;;
  /bad) echo "no blank line" ;;
  /moved) printf 'Location: /elsewhere\n\n' ;;
  /slow) sleep 1; printf 'Content-Type: text/plain\n\nslow done' ;;
  *) printf 'Content-Type: text/plain\r\nStatus: 201 Made\r\nX-Handler: yes\r\n\r\n'
     for v in GATEWAY_INTERFACE REQUEST_METHOD PATH_INFO QUERY_STRING CONTENT_TYPE CONTENT_LENGTH HTTP_X_TEST SERVER_PROTOCOL; do
       eval "printf '%s=%s\n' $v \"\$$v\""
     done
     printf 'body='; cat ;;
esac
]]
  sys.write(tmp .. "/show.sh", show)
  local h = start({ "--", "/bin/sh", tmp .. "/show.sh" })
  local out = tmp .. "/resp"
  local function curl(args)
    local p = io.popen("curl -s -D " .. sys.sh(out .. ".h") .. " -o " .. sys.sh(out) .. " -w '%{http_code}' " .. args)
    local code = tonumber(p:read("a"))
    p:close()
    return code, sys.read(out) or "", sys.read(out .. ".h") or ""
  end
  local code, body, head = curl("-H 'X-Test: hi there' -H 'Content-Type: text/x-test' --data-binary 'abc def' "
    .. sys.sh(h.url .. "a/b?x=1&y=two%20words"))
  assert(code == 201, "Status: 201 from the handler, got " .. tostring(code))
  assert(head:match("X%-Handler: yes"), "the handler's header is passed on: " .. head)
  for _, want in ipairs({ "GATEWAY_INTERFACE=CGI/1.1", "REQUEST_METHOD=POST", "PATH_INFO=/a/b",
    "QUERY_STRING=x=1&y=two%%20words", "CONTENT_TYPE=text/x%-test", "CONTENT_LENGTH=7", "HTTP_X_TEST=hi there",
    "SERVER_PROTOCOL=HTTP/1.1", "body=abc def" }) do
    assert(body:match(want), "expected " .. want .. " in:\n" .. body)
  end
  code, body = curl(sys.sh(h.url .. "fail"))
  assert(code == 500 and not body:match("partial"), "a failed handler is a 500 with none of its output: " .. body)
  code = curl(sys.sh(h.url .. "bad"))
  assert(code == 502, "output that is not a CGI response is a 502, got " .. tostring(code))
  code, _, head = curl(sys.sh(h.url .. "moved"))
  assert(code == 302 and head:match("Location: /elsewhere"), "Location alone is a 302")
  local t0 = labc.now()
  code = curl(sys.sh(h.url .. "loop"))
  assert(code == 504 and labc.now() - t0 < 10e9, "past --timeout: 504, got " .. tostring(code))

  -- wrk's non-2xx count reaches the verdict: a run against a failing handler is marked failed
  sys.write(tmp .. "/get.lua", serve.wrk_script(""))
  local p = io.popen(table.concat(serve.wrk_argv("wrk", h.url .. "fail", 1, 1, tmp .. "/get.lua", 10), " ") .. " 2>&1")
  local run = assert(serve.parse_wrk(p:read("a")))
  p:close()
  assert(run.requests > 0 and run.status == run.requests, "every request a 500")
  assert(serve.verdict(run) == "failed", "a run with 500s is failed")

  -- graceful stop: a request in flight when SIGTERM arrives is still answered
  local bg = io.popen("curl -s " .. sys.sh(h.url .. "slow"))
  os.execute("sleep 0.3")
  serve.stop(h)
  local slow = bg:read("a")
  bg:close()
  assert(slow == "slow done", "the request in flight at SIGTERM got '" .. tostring(slow) .. "'")
end)
for _, h in ipairs(servers) do serve.stop(h) end
sys.rmtree(tmp)
assert(ok, err)
print("test_serve: ok")
