-- pool-cycle.lua: one row of the serve experiment's in-process table, alone: labc.pool_cycle on the handler resized to PAGES wasm pages (0: as built), median acquire, release, acquire+release and call over the requests after the first.
-- usage: LUA_PATH=harness/lib/?.lua LUA_CPATH=DIR_OF_LABC/?.so lua5.4 pool-cycle.lua handler.wasm request PAGES ITERATIONS [cow|copy]
local labc = require "labc"
local serve = require "serve"
local path, request, pages, iters, mode = arg[1], arg[2], tonumber(arg[3]), tonumber(arg[4]), arg[5] or "cow"
local f = assert(io.open(path, "rb"))
local bytes = f:read("a")
f:close()
local out = os.tmpname()
local resized = out .. ".wasm"
f = assert(io.open(resized, "wb"))
f:write(pages == 0 and bytes or assert(serve.with_memory(bytes, pages)))
f:close()
local r = assert(labc.pool_cycle { path = resized, reset = mode, iterations = iters, stdin = request, stdout = out })
local function median(t) table.sort(t) return t[(#t + 1) // 2] end
local acq, rel, cyc, call = {}, {}, {}, {}
for i = 2, iters do
  assert(r.codes[i] == 0 and r.outputs[i] == r.outputs[2], "request " .. i .. " differs from the first")
  acq[#acq + 1] = r.acquire_ns[i] / 1000
  rel[#rel + 1] = r.release_ns[i] / 1000
  cyc[#cyc + 1] = (r.acquire_ns[i] + r.release_ns[i]) / 1000
  call[#call + 1] = r.call_ns[i] / 1000
end
print(("pages=%s mode=%s used=%s acq=%.2f rel=%.2f cycle=%.2f call=%.1f"):format(pages, mode, r.reset,
  median(acq), median(rel), median(cyc), median(call)))
os.remove(out)
os.remove(resized)
