-- aot.lua: the lab's ahead-of-time pieces as pure functions: artifact names and compile commands, readelf's section list, run --stats compile lines, smaps, the jit-vs-aot table.
local M = {}

-- The file an artifact is cached in, inside the experiment's work folder: one per program, tier
-- and bounds-check mode, so two rows never share (or overwrite) each other's artifact.
-- `ext` is the artifact's extension (cwasm for wasmlab, aot for WAMR).
function M.artifact_name(program_id, tier, bounds, ext)
  local key = program_id:gsub("[^%w.-]", "-") .. "." .. (tier or "default")
  if bounds and bounds ~= "guard" then key = key .. "." .. bounds end
  return key .. "." .. (ext or "cwasm")
end

-- The compile step of an AOT row (never timed with the run):
--   wasmlab compile --tier T [--bounds-checks=B] IN.wasm -o OUT
--   wamrc -o OUT IN.wasm                              (rt.kind "wamr-aot", rt.compiler)
function M.compile_argv(rt, wasm, out)
  if rt.kind == "wamr-aot" then return { rt.compiler, "-o", out, wasm } end
  local t = { rt.bin, "compile" }
  if rt.aot_tier then t[#t + 1] = "--tier"; t[#t + 1] = rt.aot_tier end
  if rt.bounds and rt.bounds ~= "guard" then t[#t + 1] = "--bounds-checks=" .. rt.bounds end
  t[#t + 1] = wasm
  t[#t + 1] = "-o"
  t[#t + 1] = out
  return t
end

-- Sections from `readelf -SW FILE` (one line a section: [Nr] Name Type Address Off Size ...):
-- a list of {name=, type=, size=} in file order (sizes in bytes), the null section left out.
function M.parse_sections(text)
  local list = {}
  for line in (text or ""):gmatch("[^\n]+") do
    local name, typ, size = line:match("^%s*%[%s*%d+%]%s+(%S+)%s+(%u[%w_]*)%s+%x+%s+%x+%s+(%x+)%s")
    if name then list[#list + 1] = { name = name, type = typ, size = tonumber(size, 16) } end
  end
  return list
end

-- What the lab reports of an artifact's sections: the bytes of .text, of the engine's own
-- sections (.wlab.*) and their count, or nil and why when it lacks either (not an artifact).
function M.section_summary(sections)
  local s = { text = nil, wlab = 0, wlab_count = 0 }
  for _, sec in ipairs(sections) do
    if sec.name == ".text" then s.text = sec.size end
    if sec.name:match("^%.wlab%.") then s.wlab, s.wlab_count = s.wlab + sec.size, s.wlab_count + 1 end
  end
  if not s.text then return nil, "no .text section" end
  if s.wlab_count == 0 then return nil, "no .wlab.* section" end
  return s
end

-- The compile lines of `wasmlab run --stats` (stderr): per tier, functions compiled, wasm and
-- machine-code bytes, compile wall and CPU ms.  The interpreter's "threaded in" line counts as
-- its compile.  Other lines (the guest's, the tier manager's, module:) are ignored.
function M.parse_stats(text)
  local tiers = {}
  for line in (text or ""):gmatch("[^\n]+") do
    local tier, funcs, wasm, code, msec = line:match(
      "^([%w_-]+): (%d+) functions? compiled %(%d+ given up%), (%d+) wasm bytes %-> (%d+) bytes of machine code in ([%d.]+) ms")
    if tier then
      tiers[tier] = { funcs = tonumber(funcs), wasm_bytes = tonumber(wasm), code_bytes = tonumber(code),
        compile_ms = tonumber(msec), cpu_ms = tonumber(line:match(", ([%d.]+) ms of CPU")) }
    else
      local t2, f2, m2 = line:match("^([%w_-]+): (%d+) functions? threaded in ([%d.]+) ms")
      if t2 then tiers[t2] = { funcs = tonumber(f2), compile_ms = tonumber(m2) } end
    end
  end
  return tiers
end

-- /proc/PID/smaps: every mapping's fields in kB, summed over all mappings (`total`, what
-- smaps_rollup gives) and per backing file (`files[path]`; anonymous mappings under "[anon]").
local FIELDS = { Rss = "rss", Pss = "pss", Shared_Clean = "shared_clean", Shared_Dirty = "shared_dirty",
  Private_Clean = "private_clean", Private_Dirty = "private_dirty" }
M.SMAPS_FIELDS = { "rss", "pss", "shared_clean", "shared_dirty", "private_clean", "private_dirty" }

function M.parse_smaps(text)
  local total, files, cur = {}, {}, nil
  for _, f in ipairs(M.SMAPS_FIELDS) do total[f] = 0 end
  for line in (text or ""):gmatch("[^\n]+") do
    local path = line:match("^%x+%-%x+%s+%S+%s+%x+%s+%S+%s+%d+%s*(.-)%s*$")
    if path then
      if path == "" then path = "[anon]" end
      cur = files[path]
      if not cur then
        cur = {}
        for _, f in ipairs(M.SMAPS_FIELDS) do cur[f] = 0 end
        files[path] = cur
      end
    else
      local key, kb = line:match("^(%w[%w_]*):%s+(%d+) kB")
      local f = key and FIELDS[key]
      if f then
        total[f] = total[f] + tonumber(kb)
        if cur then cur[f] = cur[f] + tonumber(kb) end
      end
    end
  end
  return { total = total, files = files }
end

-- Two processes of one runtime running the same program: what the second adds.  a1 is the first
-- alone, a2 the first once the second runs, b the second (parse_smaps results).  The system's
-- memory is the sum of PSS, so the second process adds (a2.pss + b.pss) - a1.pss; pages it shares
-- with the first show as its shared-clean bytes and as the drop in the first's PSS.  `file`
-- names one mapping (the artifact) to report on its own.
function M.sharing(a1, a2, b, file)
  local r = {
    a_rss = a1.total.rss, a_pss = a1.total.pss,
    b_rss = b.total.rss, b_pss = b.total.pss, b_shared_clean = b.total.shared_clean,
    a_pss_drop = a1.total.pss - a2.total.pss,
    added = a2.total.pss + b.total.pss - a1.total.pss,
  }
  local fb = file and b.files[file]
  if fb then r.file_rss, r.file_pss, r.file_shared_clean = fb.rss, fb.pss, fb.shared_clean end
  return r
end

-- The jit-vs-aot table: one row per program, one group of columns per measure; `cols` is a
-- list of {key=, head=, fmt=, left=} (left: a text column, aligned left; the first always is)
-- and each row a table keyed by col.key (nil: "–").  Returns the
-- markdown and the CSV text (raw numbers, empty when missing).
function M.table(cols, rows)
  local head, sep, csvh = {}, {}, {}
  for i, c in ipairs(cols) do
    head[i], sep[i], csvh[i] = c.head, (i == 1 or c.left) and "---" or "---:", c.key
  end
  local md = { "| " .. table.concat(head, " | ") .. " |", "|" .. table.concat(sep, "|") .. "|" }
  local csv = { table.concat(csvh, ",") }
  for _, r in ipairs(rows) do
    local cells, raw = {}, {}
    for i, c in ipairs(cols) do
      local v = r[c.key]
      if v == nil then cells[i], raw[i] = "–", ""
      else
        cells[i] = (type(v) == "number" and c.fmt) and c.fmt(v) or tostring(v)
        raw[i] = type(v) == "number" and string.format("%.6g", v) or tostring(v)
        if raw[i]:find("[,\"\n]") then raw[i] = '"' .. raw[i]:gsub('"', '""') .. '"' end
      end
      cells[i] = tostring(cells[i]):gsub("|", "/")
    end
    md[#md + 1] = "| " .. table.concat(cells, " | ") .. " |"
    csv[#csv + 1] = table.concat(raw, ",")
  end
  return table.concat(md, "\n"), table.concat(csv, "\n") .. "\n"
end

-- The order of round r of an interleaved measurement of n commands: rotated by one each round,
-- so no command is always first (after the previous round's last) or always last.
function M.rotation(n, r)
  local order = {}
  for i = 1, n do order[i] = (i - 1 + (r - 1)) % n + 1 end
  return order
end

return M
