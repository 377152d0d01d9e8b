-- oci.lua: OCI bundles (a static binary in an otherwise empty rootfs) and the cgroup layout checks runc/crun need.
local cmd = require "cmd"
local sys = require "sys"
local labc = require "labc"
local M = {}

-- Mount points of cgroup2 file systems, and whether v1 hierarchies exist beside them
-- ("hybrid": systemd's layout with /sys/fs/cgroup/unified).
function M.cgroup_layout()
  local v1, v2 = false, {}
  for line in (sys.read("/proc/self/mountinfo") or ""):gmatch("[^\n]+") do
    local mp, fstype = line:match("^%S+ %S+ %S+ %S+ (%S+) .- %- (%S+) ")
    if fstype == "cgroup" then v1 = true
    elseif fstype == "cgroup2" then v2[#v2 + 1] = mp end
  end
  if #v2 > 0 and v1 then return "hybrid", v2 end
  if #v2 > 0 then return "unified", {} end
  if v1 then return "legacy", {} end
  return "none", {}
end

local seq = 0
function M.new_id()
  seq = seq + 1
  return string.format("wlab-%d-%d", labc.now() % 1000000007, seq)
end

-- Builds DIR/NAME/{config.json,rootfs/prog}.  The binary must be static: the rootfs has no
-- loader and no libraries.  env: optional "NAME=value" strings for the process.
function M.bundle(dir, name, binary, args, env)
  local b = dir .. "/" .. name
  assert(sys.run("mkdir -p " .. sys.sh(b .. "/rootfs")), "cannot create " .. b)
  assert(sys.run("cp " .. sys.sh(binary) .. " " .. sys.sh(b .. "/rootfs/prog")), "cannot copy " .. binary)
  sys.write(b .. "/config.json", cmd.oci_config(args, "lab", env))
  return b
end

-- After a failed run the container may be left registered; delete it so ids do not pile up.
function M.cleanup(rt, id)
  sys.run(cmd.quote({ rt.bin, "delete", "--force", id }))
end

-- Runs the bundle once; returns true, or false and what the runtime said on stderr.
local function try(rt, bundle, expected, hide)
  local id = M.new_id()
  local r = labc.spawn { argv = cmd.argv(rt, bundle, {}, id), hide_mounts = hide, timeout = 30 }
  local got = r and r.stdout:gsub("\n$", "") or ""
  local msg = r and r.stderr:gsub("%s+$", "") or ""
  if r and r.code == 0 and got == expected then return true end
  M.cleanup(rt, id)
  if r and r.code == 126 and hide then msg = "could not hide the cgroup2 mount (unshare/umount failed)" end
  return false, msg ~= "" and msg or ("exit " .. tostring(r and (r.code or r.signal))
    .. ", output '" .. got .. "'")
end

-- Checks that rt can start a container from bundle (hello); on a hybrid cgroup host, crun
-- fails before it picks a cgroup manager, and is retried in a private mount namespace with
-- the cgroup2 mount hidden.  Sets rt.hide_mounts and rt.note; returns ok, reason.
function M.probe(rt, bundle, expected)
  local ok, why = try(rt, bundle, expected, nil)
  if ok then return true end
  local layout, v2 = M.cgroup_layout()
  if layout == "hybrid" then
    local ok2, why2 = try(rt, bundle, expected, v2)
    if ok2 then
      rt.hide_mounts = v2
      rt.note = ("hybrid cgroups: %s fails (\"%s\"); run in a private mount namespace with %s hidden")
        :format(rt.name, why:gsub("\n.*", ""), table.concat(v2, ", "))
      return true
    end
    return false, ("%s; retried with %s hidden in a private mount namespace: %s")
      :format(why, table.concat(v2, ", "), why2)
  end
  return false, why
end

return M
