-- runtimes.lua: which runtimes this machine has: native, containers, every wasmlab tier, peers on PATH or in a config file.
local cmd = require "cmd"
local sys = require "sys"
local M = {}

-- Peer engines the lab knows how to drive.  Each is looked up on PATH unless the config
-- file names it.
M.peers = {
  { name = "wasm3", kind = "wasm3", what = "wasm3 interpreter" },
  { name = "iwasm", kind = "iwasm", what = "WAMR iwasm (its default mode)" },
  { name = "wasmtime", kind = "wasmtime", what = "wasmtime (Cranelift)" },
  { name = "wasmer", kind = "wasmer", what = "wasmer (its default compiler)" },
}

-- Config file: one runtime a line, "NAME PATH" (NAME: node, wasm3, iwasm, wamrc, wasmtime, wasmer,
-- runc, crun); # starts a comment.  Returns name -> path.
function M.read_config(path)
  local t = {}
  local text = path and sys.read(path)
  if not text then return t end
  local n = 0
  for line in text:gmatch("[^\n]*") do
    n = n + 1
    line = line:gsub("#.*", "")
    local name, p = line:match("^%s*(%S+)%s+(%S+)%s*$")
    if name then t[name] = p
    elseif line:match("%S") then
      error(("%s:%d: expected 'NAME PATH'"):format(path, n), 0)
    end
  end
  return t
end

-- Tiers from `wasmlab --version` ("wasmlab X (tiers: a, b; x86-64: sse2 ...)"), so a new tier
-- shows up in the lab without any change here; the list ends at ";" (the CPU features follow).
function M.parse_tiers(version_line)
  local list = version_line and version_line:match("tiers:%s*([^);]*)[);]")
  local tiers = {}
  for t in (list or ""):gmatch("[%w_%-]+") do tiers[#tiers + 1] = t end
  return tiers
end

-- The AOT rows: the runtime's name and the tier `wasmlab compile --tier` is given.
M.aot_tiers = { { name = "wasmlab-aot", tier = "opt" }, { name = "wasmlab-aot-baseline", tier = "baseline" } }

-- Whether `wasmlab --help` lists the compile command (a line "  compile ...").
function M.has_compile(help)
  return ("\n" .. (help or "")):match("\n%s*compile%s") ~= nil
end

-- Every runtime with status "present" or "absent" (absent ones are listed, never errors).
function M.discover(root, build, config)
  local conf = M.read_config(config)
  local list = {}
  local function add(rt) list[#list + 1] = rt; return rt end
  local function find(name, ...)
    if conf[name] then return sys.exists(conf[name]) and conf[name] or nil, conf[name] end
    for _, n in ipairs({ name, ... }) do
      local p = sys.which(n)
      if p then return p end
    end
  end

  add { name = "native", kind = "native", group = "native", status = "present",
    what = "static native binary (cc -O2 -static)" }

  for _, name in ipairs({ "runc", "crun" }) do
    local p, named = find(name)
    add { name = name, kind = "oci", group = "container", bin = p, status = p and "present" or "absent",
      what = name .. ": the static binary in an OCI container", note = (not p and named) and ("not found: " .. named) or nil }
  end

  local wl = build .. "/wasmlab"
  local version = sys.exists(wl) and sys.capture(sys.sh(wl) .. " --version")
  if not version then
    error("no " .. wl .. ": build wasmlab first (ninja -C " .. build .. ")", 0)
  end
  for _, tier in ipairs(M.parse_tiers(version)) do
    add { name = "wasmlab-" .. tier, kind = "wasmlab", group = "wasmlab", bin = wl, tier = tier,
      status = "present", what = "wasmlab --tier " .. tier }
  end
  -- AOT when the command has `compile` (DESIGN.md section 4); absent until then.  One row per
  -- tier the artifact is compiled by: wasmlab-aot is opt's code (compile's default tier).
  local help = sys.capture(sys.sh(wl) .. " --help") or ""
  local has_compile = M.has_compile(help)
  for _, t in ipairs(M.aot_tiers) do
    add { name = t.name, kind = "wasmlab", group = "wasmlab", bin = wl, aot = true, aot_tier = t.tier,
      status = has_compile and "present" or "absent", what = "wasmlab compile --tier " .. t.tier .. ", then run the .cwasm",
      note = not has_compile and "wasmlab --help lists no compile command" or nil }
  end

  local node, named = find("node", "nodejs")
  for _, v in ipairs(cmd.node_variants) do
    add { name = v.name, kind = "node", group = "peer", bin = node, flags = v.flags,
      runner = root .. "/suites/run-node.mjs", status = node and "present" or "absent", what = v.what,
      note = (not node and named) and ("not found: " .. named) or nil }
  end
  -- WAMR's AOT: wamrc compiles, iwasm runs the .aot; a row only when both are found
  local wamrc, iwasm = find("wamrc"), find("iwasm")
  local missing = {}
  if not wamrc then missing[#missing + 1] = conf.wamrc or "wamrc" end
  if not iwasm then missing[#missing + 1] = conf.iwasm or "iwasm" end
  add { name = "wamr-aot", kind = "wamr-aot", group = "peer", bin = iwasm, compiler = wamrc, aot = true,
    status = #missing == 0 and "present" or "absent", what = "WAMR: wamrc compiles, iwasm runs the .aot",
    note = #missing > 0 and ("not found: " .. table.concat(missing, ", ")) or nil }
  for _, peer in ipairs(M.peers) do
    local p, pnamed = find(peer.name)
    add { name = peer.name, kind = peer.kind, group = "peer", bin = p, status = p and "present" or "absent",
      what = peer.what, note = (not p and pnamed) and ("not found: " .. pnamed) or nil }
  end
  return list
end

-- A copy of runtime rt with some fields replaced (name, tier, flags, what): a configuration of
-- the same binary, such as a tier run with one of its options.
function M.variant(rt, fields)
  local v = {}
  for k, x in pairs(rt) do v[k] = x end
  for k, x in pairs(fields) do v[k] = x end
  return v
end

function M.select(list, pred)
  local out = {}
  for _, rt in ipairs(list) do
    if rt.status == "present" and (not pred or pred(rt)) then out[#out + 1] = rt end
  end
  return out
end

return M
