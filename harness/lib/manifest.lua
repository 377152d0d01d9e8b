-- manifest.lua: reads suites/manifest.txt, the programs' sizes and expected outputs.
local M = {}

local function words(s)
  local t = {}
  if s == "-" then return t end
  for w in s:gmatch("%S+") do t[#t + 1] = w end
  return t
end

-- One entry per program, in file order.  Sizes: "small" and "default" (the columns), so an
-- experiment chooses one per run.
function M.parse(text)
  local list, by = {}, {}
  local pat = "^" .. ("([^\t]*)\t"):rep(7) .. "([^\t]*)$"
  local lineno = 0
  for line in (text .. "\n"):gmatch("([^\n]*)\n") do
    lineno = lineno + 1
    if line ~= "" and not line:match("^#") then
      local g, n, sa, se, da, de, what, stdin = line:match(pat)
      assert(g, "manifest line " .. lineno .. ": expected 8 tab-separated columns")
      local e = {
        group = g, name = n, stresses = what, stdin = stdin ~= "-" and stdin or nil,
        args = { small = words(sa), default = words(da) },
        expected = { small = se == "-" and "" or se, default = de == "-" and "" or de },
      }
      e.id = g .. "/" .. n
      list[#list + 1] = e
      by[e.id] = e
    end
  end
  return { list = list, by = by }
end

function M.load(path)
  local f, err = io.open(path, "r")
  if not f then error("cannot read the manifest: " .. err, 0) end
  local m = M.parse(f:read("a"))
  f:close()
  return m
end

-- Entries of a group, optionally only the named ones (in the order given).  An unknown name is
-- an error that says which names exist.
function M.select(m, group, names)
  local out = {}
  if not names then
    for _, e in ipairs(m.list) do
      if e.group == group then out[#out + 1] = e end
    end
    return out
  end
  for _, n in ipairs(names) do
    local e = m.by[group .. "/" .. n]
    if not e then
      local known = {}
      for _, x in ipairs(m.list) do
        if x.group == group then known[#known + 1] = x.name end
      end
      error(("no program %s/%s in the manifest (%s has: %s)"):format(group, n, group,
        table.concat(known, " ")), 0)
    end
    out[#out + 1] = e
  end
  return out
end

return M
