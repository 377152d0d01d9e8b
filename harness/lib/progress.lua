-- progress.lua: one progress line on stderr (rewritten in place on a terminal, a line per step otherwise).
local labc = require "labc"
local M = {}

local tty = labc.isatty(2) and os.getenv("TERM") ~= "dumb"
local start = labc.now()
local last = 0
local width = 0

function M.set_total(n) M.total, M.done = n, 0 end

local function clock()
  local s = (labc.now() - start) // 1000000000
  return string.format("%d:%02d", s // 60, s % 60)
end

-- what: "coldstart hello runc", detail: "run 3/10".  Without a terminal, at most one line a
-- second, so a log stays readable.
function M.show(what, detail)
  local line = string.format("[%s] %s%s %s", clock(),
    M.total and string.format("%d/%d ", M.done, M.total) or "", what, detail or "")
  if tty then
    io.stderr:write("\r", line, string.rep(" ", math.max(0, width - #line)))
    width = #line
  else
    local now = labc.now()
    if now - last >= 1000000000 then
      io.stderr:write(line, "\n")
      last = now
    end
  end
  io.stderr:flush()
end

function M.step() if M.total then M.done = M.done + 1 end end

-- A message that must not be overwritten (a failure, a note).
function M.note(msg)
  if tty and width > 0 then io.stderr:write("\r", string.rep(" ", width), "\r") width = 0 end
  io.stderr:write(msg, "\n")
  io.stderr:flush()
end

function M.finish()
  if tty and width > 0 then io.stderr:write("\n") width = 0 end
end

return M
