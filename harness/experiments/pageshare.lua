-- pageshare.lua: two processes running the same program at once, per runtime (native, the JIT tiers, the AOT artifacts): the RSS, PSS and shared-clean memory the second adds.
local aot = require "aot"
local pageshare = require "pageshare"
local progress = require "progress"
local report = require "report"

local M = {}

-- The measurement as a section of summary.md, for the runtimes given (jit-vs-aot calls it too).
function M.run(lab, rts)
  -- mainloop with 100000 rounds (25x its default size) runs for many seconds in every runtime,
  -- long past both samples (the processes are ended then, so the size costs nothing); its output
  -- is not checked here: the other experiments check mainloop's output in every runtime
  local e = setmetatable({ args = { long = { "100000" } } }, { __index = lab:programs("compute", { "mainloop" })[1] })
  local size = "long"
  local settle = lab:pick { quick = 0.2, default = 0.3, full = 0.5 }
  local rows, csv_rows = {}, {}
  local cols = {
    { key = "runtime", head = "runtime", left = true },
    { key = "a_rss", head = "A alone: RSS kB" }, { key = "a_pss", head = "A alone: PSS kB" },
    { key = "b_rss", head = "B: RSS kB" }, { key = "b_pss", head = "B: PSS kB" },
    { key = "b_shared_clean", head = "B: shared clean kB" }, { key = "a_pss_drop", head = "A's PSS drop kB" },
    { key = "added", head = "B adds (PSS) kB" },
    { key = "file", head = "mapping", left = true }, { key = "file_rss", head = "its RSS kB" },
    { key = "file_shared_clean", head = "its shared clean kB" }, { key = "file_pss", head = "its PSS kB" },
    { key = "note", head = "note", left = true },
  }
  for _, rt in ipairs(rts) do
    progress.show("pageshare " .. rt.name, "two processes of " .. e.id)
    local argv, why = lab:argv_for(rt, e, size)
    local row = { runtime = rt.name }
    if not argv then
      row.note = why
    else
      -- the mapping of the code: the artifact for AOT, the executable otherwise
      local file = rt.aot and argv[#argv - #e.args[size]] or argv[1]
      row.file = file:match("[^/]*$")
      local r, err = pageshare.measure(argv, file, settle)
      if r then for k, v in pairs(r) do row[k] = v end else row.note = err end
    end
    rows[#rows + 1] = row
  end
  local md, csv = aot.table(cols, rows)
  local f = assert(io.open(lab.out .. "/pageshare.csv", "w"))
  f:write(csv)
  f:close()
  lab:add_section { title = "Page sharing: two processes of " .. e.id .. " " .. table.concat(e.args[size], " "),
    text = ("Per runtime, process A runs `%s` alone for %.1f s and is sampled from `/proc/PID/smaps`, then B starts "
      .. "the same command and both are sampled %.1f s later (both still running), then both are ended. The memory "
      .. "of the system is the sum of PSS, so B adds (A's PSS with B + B's PSS) - A's PSS alone; pages B shares with A "
      .. "show as its shared-clean kB and as A's PSS drop. `mapping` is the file the code runs from (the artifact "
      .. "for AOT, the executable otherwise: a JIT's code is in anonymous memory, private to each process), with "
      .. "B's figures for that mapping alone. Data: `pageshare.csv`."):format(e.id .. " " .. table.concat(e.args[size], " "),
      settle, settle),
    body = md }
  return rows
end

-- As an experiment of its own: native, every JIT tier, every AOT row present.
setmetatable(M, { __call = function(_, lab)
  local rts = {}
  for _, rt in ipairs(lab:present { "native", "wasmlab", "peer" }) do
    if rt.kind == "native" or rt.kind == "wasmlab" or rt.kind == "wamr-aot" then rts[#rts + 1] = rt end
  end
  M.run(lab, rts)
end })

return M
