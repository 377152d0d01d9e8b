-- test_csv.lua: CSV quoting, number formatting, and a write/read round trip.
local csv = require "csv"

assert(csv.field(nil) == "", "nil is an empty field")
assert(csv.field(42) == "42", "integers as integers")
assert(csv.field(1.5) == "1.5", "floats shortest-ish")
assert(csv.field(0.1 + 0.2) == "0.3", "floats to 9 significant digits")
assert(csv.field("plain") == "plain", "plain text unquoted")
assert(csv.field('say "hi"') == '"say ""hi"""', "quotes doubled inside quotes")
assert(csv.field("a,b") == '"a,b"', "commas quoted")
assert(csv.field("two\nlines") == '"two\nlines"', "newlines quoted")
assert(csv.line({ "a", "b", "c" }, { a = 1, c = "x,y" }) == '1,,"x,y"', "missing columns are empty")

local rows = csv.parse('h1,h2\n"a ""q"", b",2\n,\n')
assert(#rows == 3, "three records")
assert(rows[2][1] == 'a "q", b' and rows[2][2] == "2", "quoted field parsed")
assert(rows[3][1] == "" and rows[3][2] == "", "empty fields")

local path = os.tmpname()
local cols = { "program", "runtime", "wall_ms", "detail" }
local w = assert(csv.open(path, cols))
w:write { program = "startup/hello", runtime = "native", wall_ms = 0.512 }
w:write { program = "compute/fib", runtime = "wasmlab-interp", wall_ms = 250, detail = 'output "x", expected "y"\nsecond line' }
assert(w.rows == 2, "row count")
w:close()
local back, header = csv.read(path)
os.remove(path)
assert(#header == 4 and header[3] == "wall_ms", "header kept")
assert(#back == 2, "two rows back")
assert(back[1].program == "startup/hello" and back[1].wall_ms == "0.512" and back[1].detail == "", "first row")
assert(back[2].detail == 'output "x", expected "y"\nsecond line', "quotes, comma and newline survive")

print("test_csv: ok")
