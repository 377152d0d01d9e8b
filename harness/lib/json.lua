-- json.lua: a small JSON encoder with sorted keys (deterministic config.json files for bundles).
local M = {}

local escapes = { ['"'] = '\\"', ['\\'] = '\\\\', ['\n'] = '\\n', ['\r'] = '\\r', ['\t'] = '\\t' }

local function str(s)
  return '"' .. s:gsub('[%c"\\]', function(c)
    return escapes[c] or string.format("\\u%04x", c:byte())
  end) .. '"'
end

-- Arrays are tables with a [1] (or the M.array marker for empty ones); everything else with
-- keys is an object.
M.array = setmetatable({}, { __mode = "k" })
function M.empty_array() local t = {}; M.array[t] = true; return t end

local function encode(v, indent, out)
  local t = type(v)
  if t == "nil" then out[#out + 1] = "null"
  elseif t == "boolean" then out[#out + 1] = tostring(v)
  elseif t == "number" then
    out[#out + 1] = math.type(v) == "integer" and tostring(v) or string.format("%.17g", v)
  elseif t == "string" then out[#out + 1] = str(v)
  elseif t == "table" then
    local pad = "\n" .. string.rep("  ", indent + 1)
    if v[1] ~= nil or M.array[v] then
      out[#out + 1] = "["
      for i, x in ipairs(v) do
        out[#out + 1] = (i > 1 and "," or "") .. pad
        encode(x, indent + 1, out)
      end
      out[#out + 1] = (#v > 0 and "\n" .. string.rep("  ", indent) or "") .. "]"
    else
      local keys = {}
      for k in pairs(v) do keys[#keys + 1] = k end
      table.sort(keys)
      out[#out + 1] = "{"
      for i, k in ipairs(keys) do
        out[#out + 1] = (i > 1 and "," or "") .. pad .. str(k) .. ": "
        encode(v[k], indent + 1, out)
      end
      out[#out + 1] = (#keys > 0 and "\n" .. string.rep("  ", indent) or "") .. "}"
    end
  else
    error("json: cannot encode a " .. t)
  end
end

function M.encode(v)
  local out = {}
  encode(v, 0, out)
  return table.concat(out)
end

return M
