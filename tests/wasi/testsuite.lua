-- testsuite.lua: runs the WASI preview1 conformance suite (../shared/wasi-testsuite) in wasmlab, in
-- each tier, the way the suite's README says one test runs, and counts what passes.
--
--   lua5.4 tests/wasi/testsuite.lua WASMLAB SUITE_DIR [--config NAME]... [--only PATTERN] [-v]
--
-- A configuration is a tier (interp, baseline, tiered) or walk (the interpreter with the
-- component walk, WLAB_WASI_NO_OPENAT2=1); the default is the three tiers and walk.  For each
-- program NAME.wasm of the suite's folders: NAME.json (when present) gives args, env, root,
-- exit_code and stdout.  root is copied afresh for every run and preopened as the guest's "/";
-- the guest sees only the given arguments and variables, stdin is /dev/null.  A run passes when
-- its exit status is exit_code (0 when absent) and its stdout begins with stdout (the suite's
-- own runner checks a prefix).  Exit status: 0 all passed, 1 a failure, 77 no suite.

local TIMEOUT = 60 -- seconds per run: a hung program is a failure, not a hung test

local function usage(msg)
  io.stderr:write("testsuite.lua: ", msg, "\n",
    "usage: lua5.4 testsuite.lua WASMLAB SUITE_DIR [--config interp|baseline|tiered|walk]... [--only PATTERN] [-v]\n")
  os.exit(2)
end

-- ---- a JSON reader (the suite's .json files: objects, arrays, strings, numbers, literals) ----

local json_decode
do
  local escapes = { ['"'] = '"', ['\\'] = '\\', ['/'] = '/', b = '\b', f = '\f', n = '\n', r = '\r', t = '\t' }

  local function fail(s, i, what) error(string.format("bad JSON at byte %d: %s", i, what), 0) end
  local function skip(s, i) return s:find("[^ \t\r\n]", i) or #s + 1 end

  local value
  local function str(s, i) -- s:sub(i, i) == '"'
    local out, j = {}, i + 1
    while true do
      local c = s:sub(j, j)
      if c == "" then fail(s, j, "unterminated string") end
      if c == '"' then return table.concat(out), j + 1 end
      if c == "\\" then
        local e = s:sub(j + 1, j + 1)
        if e == "u" then
          local hex = s:sub(j + 2, j + 5)
          if not hex:match("^%x%x%x%x$") then fail(s, j, "bad \\u escape") end
          local cp = tonumber(hex, 16)
          j = j + 6
          if cp >= 0xD800 and cp < 0xDC00 and s:sub(j, j + 1) == "\\u" then -- a surrogate pair
            local lo = tonumber(s:sub(j + 2, j + 5), 16)
            if lo and lo >= 0xDC00 and lo < 0xE000 then
              cp = 0x10000 + (cp - 0xD800) * 0x400 + (lo - 0xDC00)
              j = j + 6
            end
          end
          out[#out + 1] = utf8.char(cp)
        elseif escapes[e] then
          out[#out + 1] = escapes[e]
          j = j + 2
        else
          fail(s, j, "bad escape")
        end
      else
        out[#out + 1] = c
        j = j + 1
      end
    end
  end

  function value(s, i)
    i = skip(s, i)
    local c = s:sub(i, i)
    if c == '"' then return str(s, i) end
    if c == "{" then
      local obj = {}
      i = skip(s, i + 1)
      if s:sub(i, i) == "}" then return obj, i + 1 end
      while true do
        if s:sub(i, i) ~= '"' then fail(s, i, "expected a key") end
        local k
        k, i = str(s, i)
        i = skip(s, i)
        if s:sub(i, i) ~= ":" then fail(s, i, "expected ':'") end
        obj[k], i = value(s, i + 1)
        i = skip(s, i)
        c = s:sub(i, i)
        if c == "}" then return obj, i + 1 end
        if c ~= "," then fail(s, i, "expected ',' or '}'") end
        i = skip(s, i + 1)
      end
    end
    if c == "[" then
      local arr = {}
      i = skip(s, i + 1)
      if s:sub(i, i) == "]" then return arr, i + 1 end
      while true do
        arr[#arr + 1], i = value(s, i)
        i = skip(s, i)
        c = s:sub(i, i)
        if c == "]" then return arr, i + 1 end
        if c ~= "," then fail(s, i, "expected ',' or ']'") end
        i = i + 1
      end
    end
    for word, v in pairs({ ["true"] = true, ["false"] = false }) do
      if s:sub(i, i + #word - 1) == word then return v, i + #word end
    end
    if s:sub(i, i + 3) == "null" then return nil, i + 4 end
    local num = s:match("^-?%d+%.?%d*[eE]?[-+]?%d*", i)
    if num and tonumber(num) then return tonumber(num), i + #num end
    fail(s, i, "unexpected '" .. c .. "'")
  end

  function json_decode(s)
    local v, i = value(s, 1)
    if skip(s, i) <= #s then fail(s, i, "trailing text") end
    return v
  end
end

-- ---- the shell ----------------------------------------------------------------------------

local function q(s) return "'" .. tostring(s):gsub("'", "'\\''") .. "'" end

-- Runs a shell command; returns its exit status (128 + n for a signal, as the shell says).
local function sh(cmd)
  local ok, how, code = os.execute(cmd)
  if how == "signal" then return 128 + code end
  return code or (ok and 0 or 1)
end

local function lines(cmd)
  local out, p = {}, assert(io.popen(cmd))
  for l in p:lines() do out[#out + 1] = l end
  p:close()
  return out
end

local function slurp(path)
  local f = io.open(path, "rb")
  if not f then return nil end
  local s = f:read("a")
  f:close()
  return s
end

local function is_dir(path) return sh("test -d " .. q(path)) == 0 end

local function absolute(path)
  if path:sub(1, 1) == "/" then return path end
  return (lines("pwd")[1] .. "/" .. path)
end

-- ---- arguments ----------------------------------------------------------------------------

local wasmlab, suite = arg[1], arg[2]
if not wasmlab or not suite then usage("WASMLAB and SUITE_DIR are needed") end
local configs, only, verbose = {}, nil, false
local known = { interp = true, baseline = true, tiered = true, walk = true }
do
  local i = 3
  while arg[i] do
    local a = arg[i]
    if a == "--config" then
      i = i + 1
      if not known[arg[i] or ""] then usage("unknown configuration '" .. tostring(arg[i]) .. "'") end
      configs[#configs + 1] = arg[i]
    elseif a == "--only" then
      i = i + 1
      only = arg[i] or usage("--only needs a pattern")
    elseif a == "-v" then
      verbose = true
    else
      usage("unknown argument '" .. a .. "'")
    end
    i = i + 1
  end
end
if #configs == 0 then configs = { "interp", "baseline", "tiered", "walk" } end
wasmlab, suite = absolute(wasmlab), absolute(suite)
if not is_dir(suite) then
  print("testsuite.lua: no WASI test suite at " .. suite .. ": skipped")
  os.exit(77)
end

-- ---- the programs -------------------------------------------------------------------------

-- Every NAME.wasm in the suite's folders, with its NAME.json read.
local tests = {}
for _, dir in ipairs(lines("cd " .. q(suite) .. " && LC_ALL=C ls -d */")) do
  dir = dir:gsub("/$", "")
  for _, file in ipairs(lines("cd " .. q(suite .. "/" .. dir) .. " && LC_ALL=C ls")) do
    local name = file:match("^(.*)%.wasm$")
    if name and (not only or (dir .. "/" .. name):find(only)) then
      local t = { dir = dir, name = name, id = dir .. "/" .. name, spec = {} }
      local text = slurp(suite .. "/" .. dir .. "/" .. name .. ".json")
      if text then
        local ok, v = pcall(json_decode, text)
        if ok and type(v) == "table" then t.spec = v else t.bad = "its .json: " .. tostring(v) end
      end
      if t.spec.root and not is_dir(suite .. "/" .. dir .. "/" .. t.spec.root) then
        t.bad = "root folder " .. tostring(t.spec.root) .. " missing"
      end
      tests[#tests + 1] = t
    end
  end
end
if #tests == 0 then
  print("testsuite.lua: no programs in " .. suite .. (only and (" matching '" .. only .. "'") or ""))
  os.exit(1)
end

local tmp = lines("mktemp -d")[1]
local function cleanup() sh("chmod -R u+w " .. q(tmp) .. " 2>/dev/null; rm -rf " .. q(tmp)) end

-- One run of test t in configuration cfg: nil when it passes, else why not.  One shell per run,
-- which copies root and runs the program: process start-ups are most of a run's time.
local nruns = 0
local function run(t, cfg)
  local s = t.spec
  if t.bad then return t.bad end
  local cmd = {}
  local function add(...) for _, w in ipairs({ ... }) do cmd[#cmd + 1] = w end end
  local opts = {}
  if s.root then
    -- a fresh, writable copy for every run (the suite's files are read-only): the tests
    -- create, rename and delete in it.  Removed with the rest at the end.
    nruns = nruns + 1
    local copy = tmp .. "/root" .. nruns
    add("cp -R", q(suite .. "/" .. t.dir .. "/" .. s.root), q(copy), "&& chmod -R u+w", q(copy), "&&")
    opts[#opts + 1] = "--dir " .. q(copy .. "::/")
  end
  local names = {}
  for k in pairs(s.env or {}) do names[#names + 1] = k end
  table.sort(names)
  for _, k in ipairs(names) do opts[#opts + 1] = "--env " .. q(k .. "=" .. tostring(s.env[k])) end
  add(cfg == "walk" and "WLAB_WASI_NO_OPENAT2=1" or "",
      "timeout -k 5", tostring(TIMEOUT), q(wasmlab), "run --tier", cfg == "walk" and "interp" or cfg,
      table.concat(opts, " "), q(suite .. "/" .. t.dir .. "/" .. t.name .. ".wasm"))
  for _, a in ipairs(s.args or {}) do add(q(a)) end
  add("< /dev/null >", q(tmp .. "/out"), "2>", q(tmp .. "/err"))
  local status = sh(table.concat(cmd, " "))
  local out, err = slurp(tmp .. "/out") or "", slurp(tmp .. "/err") or ""
  local want_status, want_out = s.exit_code or 0, s.stdout
  local why = {}
  if status ~= want_status then
    why[#why + 1] = string.format("exit %d, expected %d", status, want_status)
  end
  if want_out and out:sub(1, #want_out) ~= want_out then
    why[#why + 1] = string.format("stdout %q, expected it to begin with %q", out:sub(1, 200), want_out)
  end
  if #why == 0 then return nil end
  -- what the program said last: a Rust test's panic message and its trap
  err = err:gsub("note: run with `RUST_BACKTRACE[^\n]*\n", ""):gsub("^%s+", ""):gsub("%s+$", "")
  if err ~= "" then why[#why + 1] = "stderr:\n      " .. err:sub(-600):gsub("\n", "\n      ") end
  return table.concat(why, "; ")
end

local failed_any = false
for _, cfg in ipairs(configs) do
  local passed, failed = 0, 0
  for _, t in ipairs(tests) do
    local ok, why = pcall(run, t, cfg)
    if ok and not why then
      passed = passed + 1
      if verbose then print("ok    " .. cfg .. "  " .. t.id) end
    else
      failed = failed + 1
      print(string.format("FAIL  %s  %s: %s", cfg, t.id, ok and why or ("runner error: " .. tostring(why))))
    end
  end
  print(string.format("%s: %d passed, %d failed", cfg, passed, failed))
  failed_any = failed_any or failed > 0
end
cleanup()
os.exit(failed_any and 1 or 0)
