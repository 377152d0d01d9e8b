-- cmd.lua: the command line of every runtime the lab runs, and the OCI bundle's config.json.
-- Pure functions of their arguments, so the tests can check each command exactly.
local json = require "json"
local M = {}

local function append(t, xs)
  for _, x in ipairs(xs or {}) do t[#t + 1] = x end
  return t
end

-- node's tiering flags (V8): Liftoff only, TurboFan only, or V8's default tier-up.
M.node_variants = {
  { name = "node-liftoff", flags = { "--liftoff-only" }, what = "V8 Liftoff (baseline) only" },
  { name = "node-turbofan", flags = { "--no-liftoff" }, what = "V8 TurboFan (optimising) only" },
  { name = "node", flags = {}, what = "V8 default tiering (Liftoff, then TurboFan)" },
}

-- Builders take the runtime (rt.bin and its options) and the program's file and arguments.
-- Each returns the argv list, exactly as spawned.
M.build = {}

function M.build.native(_, file, args)
  return append({ file }, args)
end

function M.build.wasmlab(rt, file, args)
  local t = { rt.bin, "run" }
  if rt.tier then append(t, { "--tier", rt.tier }) end
  append(t, rt.flags) -- a variant of a tier: e.g. { "--no-osr" }
  -- an AOT row is given the artifact the lab compiled beforehand (Lab:artifact), not the .wasm
  t[#t + 1] = file
  return append(t, args)
end

function M.build.node(rt, file, args)
  local t = { rt.bin, "--no-warnings" }
  append(t, rt.flags)
  append(t, { rt.runner, file })
  return append(t, args)
end

function M.build.wasm3(rt, file, args)
  return append({ rt.bin, file }, args)
end

function M.build.iwasm(rt, file, args)
  return append({ rt.bin, file }, args)
end

-- WAMR's AOT row: iwasm runs the .aot file wamrc made beforehand.
M.build["wamr-aot"] = function(rt, file, args)
  return append({ rt.bin, file }, args)
end

function M.build.wasmtime(rt, file, args)
  return append({ rt.bin, "run", file }, args)
end

function M.build.wasmer(rt, file, args)
  local t = { rt.bin, "run", file }
  if args and #args > 0 then append(append(t, { "--" }), args) end
  return t
end

-- runc and crun share the OCI command line: run the bundle under a fresh container id.
function M.build.oci(rt, bundle, _, id)
  return { rt.bin, "run", "--bundle", bundle, id }
end

function M.argv(rt, file, args, id)
  local b = M.build[rt.kind]
  assert(b, "no command builder for runtime kind " .. tostring(rt.kind))
  return b(rt, file, args or {}, id)
end

-- config.json for a bundle whose rootfs holds one static binary at /prog.  Namespaces are those
-- of `runc spec` (pid, network, ipc, uts, mount), so the figure is what a default container
-- costs; the root is read-only and nothing is mounted but /proc and an empty /dev.  env: more
-- "NAME=value" strings for the process (`crun run` passes none of its caller's).
function M.oci_config(args, hostname, env)
  local argv = append({ "/prog" }, args)
  local caps = { "CAP_KILL" }
  return json.encode({
    ociVersion = "1.0.2",
    process = {
      terminal = false,
      user = { uid = 0, gid = 0 },
      args = argv,
      env = append({ "PATH=/" }, env),
      cwd = "/",
      capabilities = { bounding = caps, effective = caps, permitted = caps },
      noNewPrivileges = true,
    },
    root = { path = "rootfs", readonly = true },
    hostname = hostname or "lab",
    mounts = {
      { destination = "/proc", type = "proc", source = "proc" },
      { destination = "/dev", type = "tmpfs", source = "tmpfs", options = { "nosuid", "mode=755", "size=64k" } },
    },
    linux = {
      namespaces = { { type = "pid" }, { type = "network" }, { type = "ipc" }, { type = "uts" }, { type = "mount" } },
    },
  }) .. "\n"
end

-- Shell-style quoting, for printing commands the user can paste (never for running them).
function M.quote(argv)
  local out = {}
  for i, a in ipairs(argv) do
    out[i] = a:match("^[%w%-%./_=:,+@]+$") and a or "'" .. a:gsub("'", "'\\''") .. "'"
  end
  return table.concat(out, " ")
end

return M
