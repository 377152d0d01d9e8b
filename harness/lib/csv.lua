-- csv.lua: RFC 4180 CSV writing (and reading back, for tests and re-plotting) of named columns.
local M = {}

local function field(v)
  if v == nil then return "" end
  if type(v) == "number" then
    if math.type(v) == "integer" then return tostring(v) end
    return string.format("%.9g", v)
  end
  v = tostring(v)
  if v:find('[,"\r\n]') then
    return '"' .. v:gsub('"', '""') .. '"'
  end
  return v
end
M.field = field

function M.line(columns, row)
  local out = {}
  for i, c in ipairs(columns) do out[i] = field(row[c]) end
  return table.concat(out, ",")
end

-- A writer that flushes each row, so a run cut short still leaves its raw data.
function M.open(path, columns)
  local f, err = io.open(path, "w")
  if not f then return nil, err end
  f:write(table.concat(columns, ","), "\n")
  local w = { path = path, columns = columns, rows = 0 }
  function w:write(row)
    f:write(M.line(columns, row), "\n")
    f:flush()
    self.rows = self.rows + 1
  end
  function w:close() f:close() end
  return w
end

-- Splits one record; fields may be quoted and contain commas, quotes and newlines.
function M.parse(text)
  local rows, row, i, n = {}, {}, 1, #text
  local fieldbuf = {}
  local function endfield() row[#row + 1] = table.concat(fieldbuf); fieldbuf = {} end
  while i <= n do
    local c = text:sub(i, i)
    if c == '"' and #fieldbuf == 0 then
      local j = i + 1
      while true do
        local q = text:find('"', j, true)
        assert(q, "csv: unterminated quoted field")
        fieldbuf[#fieldbuf + 1] = text:sub(j, q - 1)
        if text:sub(q + 1, q + 1) == '"' then
          fieldbuf[#fieldbuf + 1] = '"'
          j = q + 2
        else
          i = q + 1
          break
        end
      end
    elseif c == "," then
      endfield(); i = i + 1
    elseif c == "\n" or c == "\r" then
      endfield(); rows[#rows + 1] = row; row = {}
      i = i + ((c == "\r" and text:sub(i + 1, i + 1) == "\n") and 2 or 1)
    else
      fieldbuf[#fieldbuf + 1] = c; i = i + 1
    end
  end
  if #fieldbuf > 0 or #row > 0 then endfield(); rows[#rows + 1] = row end
  return rows
end

-- Reads a file written by open(): a list of rows keyed by the header's names.
function M.read(path)
  local f = assert(io.open(path, "r"))
  local rows = M.parse(f:read("a"))
  f:close()
  local header, out = rows[1], {}
  for r = 2, #rows do
    local t = {}
    for i, name in ipairs(header) do t[name] = rows[r][i] end
    out[#out + 1] = t
  end
  return out, header
end

return M
