-- test_pool.lua: labc.pool_cycle, the lab's per-request instantiate+reset measurement: sane times, and every request of a pooled module computing what a fresh instance does.
local labc = require "labc"

local dir = os.tmpname()
os.remove(dir)
assert(os.execute("mkdir -p " .. dir))
local function write(path, bytes) local f = assert(io.open(path, "wb")) f:write(bytes) f:close() end

-- (module (memory 1) (data (i32.const 8) "\2a") (global $g (mut i32) (i32.const 0))
--   (func (export "bump") (param i32) (result i32)      ;; g += n; mem[8] += n; grow 1 page
--     (global.set $g (i32.add (global.get $g) (local.get 0)))
--     (i32.store (i32.const 8) (i32.add (i32.load (i32.const 8)) (local.get 0)))
--     (drop (memory.grow (i32.const 1)))
--     (i32.add (i32.mul (global.get $g) (i32.const 1000))   ;; g * 1000 + mem[8] + pages * 100000
--       (i32.add (i32.load (i32.const 8)) (i32.mul (memory.size) (i32.const 100000))))))
local bump = "\x00\x61\x73\x6d\x01\x00\x00\x00\x01\x06\x01\x60\x01\x7f\x01\x7f\x03\x02\x01\x00\x05\x03\x01" ..
  "\x00\x01\x06\x06\x01\x7f\x01\x41\x00\x0b\x07\x08\x01\x04\x62\x75\x6d\x70\x00\x00\x0a\x31\x01\x2f\x00\x23\x00" ..
  "\x20\x00\x6a\x24\x00\x41\x08\x41\x08\x28\x02\x00\x20\x00\x6a\x36\x02\x00\x41\x01\x40\x00\x1a\x23\x00\x41\xe8" ..
  "\x07\x6c\x41\x08\x28\x02\x00\x3f\x00\x41\xa0\x8d\x06\x6c\x6a\x6a\x0b\x0b\x07\x01\x00\x41\x08\x0b\x01\x2a"
write(dir .. "/bump.wasm", bump)

local function median(t)
  local s = {}
  for i, v in ipairs(t) do s[i] = v end
  table.sort(s)
  return s[(#s + 1) // 2]
end

for _, mode in ipairs({ "cow", "copy" }) do
  local r = assert(labc.pool_cycle { path = dir .. "/bump.wasm", stdout = dir .. "/out", reset = mode,
    iterations = 50, invoke = "bump", arg = 5, tier = "interp" })
  assert(r.reset == mode and r.cow_refused == "", mode .. ": the pool resets by " .. r.reset .. " " .. r.cow_refused)
  assert(r.instantiations == 1 and r.resets == 50, mode .. ": one slot instantiated once, reset after each request")
  assert(#r.acquire_ns == 50 and #r.release_ns == 50 and #r.call_ns == 50, mode .. ": a time per iteration")
  for i = 1, 50 do
    -- a fresh instance every time: g = 5, mem[8] = 42 + 5, two pages (not 5 * i, 42 + 5 * i, 1 + i)
    assert(r.outputs[i] == 205047, mode .. ": request " .. i .. " computed " .. tostring(r.outputs[i]))
    assert(r.codes[i] == 0, "returned normally")
    assert(r.acquire_ns[i] > 0 and r.release_ns[i] > 0, "times are positive")
    assert(r.acquire_ns[i] < 1e9 and r.release_ns[i] < 1e9, "and below a second")
  end
  -- the first acquire instantiates; those after only run the (absent) start function
  assert(median(r.acquire_ns) <= r.acquire_ns[1], mode .. ": reuse is not dearer than instantiation")
end

-- refusals come back as nil, message
local r, why = labc.pool_cycle { path = dir .. "/missing.wasm", stdout = dir .. "/out", iterations = 1 }
assert(r == nil and why:find("missing.wasm"), "a missing file: " .. tostring(why))
write(dir .. "/imp.wasm", "\x00\x61\x73\x6d\x01\x00\x00\x00\x02\x0f\x01\x03\x65\x6e\x76\x06\x6d\x65\x6d\x6f\x72" ..
  "\x79\x02\x00\x01")
r, why = labc.pool_cycle { path = dir .. "/imp.wasm", stdout = dir .. "/out", iterations = 1 }
assert(r == nil and why:find("imports a memory") and why:find("env.memory"), "an imported memory: " .. tostring(why))
assert(not pcall(labc.pool_cycle, { path = dir .. "/bump.wasm", stdout = dir .. "/out", reset = "fork" }),
  "an unknown reset mode is an error")

-- a WASI command through the pool: the suites' handler answers each request as a fresh process would
local bdir = (os.getenv("LUA_CPATH") or ""):match("([^;]*)/%?%.so")
local handler = bdir and bdir .. "/../suites/startup/handler.wasm"
local src = debug.getinfo(1, "S").source:match("^@(.*)/harness/tests/")
if handler and io.open(handler) and src then
  print("test_pool: the handler through the pool")
  for _, mode in ipairs({ "cow", "copy" }) do
    local h = assert(labc.pool_cycle { path = handler, stdin = src .. "/suites/startup/request.jsonc",
      stdout = dir .. "/out", reset = mode, iterations = 20 })
    for i = 1, 20 do
      assert(h.codes[i] == 0, "handler exit code " .. h.codes[i])
      assert(h.outputs[i] == h.outputs[1] and h.outputs[i]:find('"ok":true', 1, true),
        mode .. ": response " .. i .. ": " .. h.outputs[i])
    end
  end
end
os.execute("rm -rf " .. dir)
print("test_pool: ok")
