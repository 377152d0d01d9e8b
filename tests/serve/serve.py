#!/usr/bin/env python3
"""serve.py: `wasmlab serve` end to end with curl and threaded clients: WAGI variables, bodies, statuses, faults, load, isolation, shutdown, bad input.

usage: serve.py WASMLAB HANDLER.wasm
Every server listens on port 0 (a free port the kernel picks) and says which on stderr.
"""
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
import http.client

WASMLAB, HANDLER = sys.argv[1], sys.argv[2]
TMP = tempfile.mkdtemp(prefix="wlab-serve-")
NOT_WAGI = os.path.join(TMP, "empty.wasm")  # valid, but no _start: not a WASI command
with open(NOT_WAGI, "wb") as f:
    f.write(b"\0asm\x01\0\0\0")
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what, flush=True)


class Server:
    def __init__(self, *opts):
        self.err_path = os.path.join(TMP, "server-%d.err" % random.randrange(1 << 30))
        self.err = open(self.err_path, "w")
        self.proc = subprocess.Popen([WASMLAB, "serve", "--listen", "127.0.0.1:0", *opts, HANDLER],
                                     stdout=subprocess.DEVNULL, stderr=self.err)
        self.port = None
        deadline = time.time() + 60
        while time.time() < deadline and self.port is None:
            if self.proc.poll() is not None:
                raise SystemExit("server exited at start: " + self.stderr())
            for line in self.stderr().splitlines():
                if "listening on http://" in line:
                    self.port = int(line.split("http://127.0.0.1:")[1].split("/")[0])
            time.sleep(0.05)
        if self.port is None:
            raise SystemExit("server did not start: " + self.stderr())

    def stderr(self):
        with open(self.err_path) as f:
            return f.read()

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        code = self.proc.wait(timeout=60)
        self.err.close()
        return code

    def curl(self, path, *args):
        """status, headers (lower-case names), body bytes"""
        out = subprocess.run(["curl", "-s", "-i", "--max-time", "30", *args, "http://127.0.0.1:%d%s" % (self.port, path)],
                             capture_output=True, check=False).stdout
        head, _, body = out.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1]) if lines and lines[0].startswith("HTTP/") else 0
        headers = {}
        for l in lines[1:]:
            k, _, v = l.partition(":")
            headers[k.strip().lower()] = v.strip()
        return status, headers, body

    def get(self, path, body=None, headers=None):
        """the same through http.client (for the threaded clients)"""
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        c.request("POST" if body is not None else "GET", path, body=body, headers=headers or {})
        r = c.getresponse()
        data = r.read()
        c.close()
        return r.status, data


def echo_ok(srv, tag):
    st, _, body = srv.curl("/echo?" + tag)
    return st == 200 and (b"query: " + tag.encode()) in body


def test_wagi():
    srv = Server("--env", "GREETING=hello", "--workers", "2")
    st, h, body = srv.curl("/env?x=1%202&y", "-H", "X-Custom-Thing: v1", "-H", "X_Under: no", "-H", "Host: example.test:99")
    text = body.decode()
    env = dict(l.split("=", 1) for l in text.splitlines() if "=" in l and not l.startswith("argc"))
    check(st == 200 and h.get("content-type") == "text/plain", "env: 200 text/plain (%d %r)" % (st, h))
    want = {"REQUEST_METHOD": "GET", "PATH_INFO": "/env", "QUERY_STRING": "x=1%202&y", "SERVER_PORT": str(srv.port),
            "SERVER_NAME": "example.test", "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.1",
            "GATEWAY_INTERFACE": "CGI/1.1", "SCRIPT_NAME": "", "CONTENT_LENGTH": "0", "CONTENT_TYPE": "",
            "HTTP_X_CUSTOM_THING": "v1", "HTTP_USER_AGENT": env.get("HTTP_USER_AGENT", "missing"),
            "GREETING": "hello"}
    for k, v in want.items():
        check(env.get(k) == v, "WAGI variable %s: %r, want %r" % (k, env.get(k), v))
    check("HTTP_X_UNDER" not in env, "a header with '_' in its name is not passed (it could pose as another)")
    check("argc=1 argv0=wagi.wasm" in text, "argv is the module's name alone: " + text.splitlines()[0])
    # a %-encoded path arrives decoded in PATH_INFO, as CGI has it
    st, _, body = srv.curl("/ech%6f?q")
    check(st == 200 and b"path: /echo" in body, "PATH_INFO decoded: %r" % body[:80])
    # bodies in and out: text with its type and length, and binary both ways
    st, _, body = srv.curl("/echo?k=v", "-H", "Content-Type: text/x-test", "--data-binary", "hello body")
    check(st == 200 and b"method: POST\npath: /echo\nquery: k=v\ncontent-type: text/x-test\ncontent-length: 10\nbody: hello body\n" == body.split(b"\r\n\r\n")[-1],
          "echo of a POST: %r" % body)
    blob = bytes(range(256)) * 64 + os.urandom(100000)
    path = os.path.join(TMP, "blob")
    with open(path, "wb") as f:
        f.write(blob)
    st, h, body = srv.curl("/body", "--data-binary", "@" + path, "-H", "Content-Type: application/octet-stream")
    check(st == 200 and body == blob and h.get("content-type") == "application/octet-stream",
          "binary body round trip (%d, %d bytes back of %d)" % (st, len(body), len(blob)))
    # statuses, Location, other headers
    for code in (201, 404, 418, 503):
        st, _, body = srv.curl("/status?%d" % code)
        check(st == code and body == b"status %d\n" % code, "Status: %d -> %d %r" % (code, st, body))
    st, h, body = srv.curl("/redirect")
    check(st == 302 and h.get("location") == "/elsewhere", "Location alone: 302 (%d %r)" % (st, h))
    st, h, _ = srv.curl("/header")
    check(st == 200 and h.get("x-handler") == "wagi example", "a handler's header passed on: %r" % h)
    st, _, _ = srv.curl("/stderr")
    check(st == 200, "stderr request")
    check(srv.stop() == 0, "exit 0 after SIGTERM")
    check("wagi.wasm: GET /stderr: a line on stderr" in srv.stderr(), "the guest's stderr, prefixed: " + srv.stderr())


def test_faults():
    srv = Server("--workers", "2", "--timeout", "1", "--max-memory", "64", "--max-response", "100000",
                 "--log", os.path.join(TMP, "access.log"))
    cases = [("/trap", 500, "trap"), ("/loop", 504, "time limit"), ("/exit3", 500, "exited with 3"),
             ("/grow", 500, "trap"), ("/nocontenttype", 500, "no Content-Type"), ("/noblank", 500, "no blank line"),
             ("/big?200000", 500, "--max-response")]
    for path, want, said in cases:
        st, _, body = srv.curl(path)
        check(st == want, "%s: status %d, want %d" % (path, st, want))
        check(b"about to" not in body and b"x" * 100 not in body, "%s: nothing of the guest's stdout sent: %r" % (path, body[:80]))
        check(echo_ok(srv, "after" + path.strip("/?")), "a good request after %s" % path)
        check(said in srv.stderr(), "%s: the log says why (%r)" % (path, said))
    st, _, body = srv.curl("/big?99000")
    check(st == 200 and len(body) == 99000, "a response under --max-response is sent whole")
    check(srv.stop() == 0, "faults: exit 0 after SIGTERM")
    log = open(os.path.join(TMP, "access.log")).read()
    check("127.0.0.1 GET /loop 504 " in log and "127.0.0.1 GET /echo?aftertrap 200 " in log,
          "access log lines: method, path, status, bytes, us: " + log[:300])


def test_isolation():
    # one worker: every request takes the same slot, after the one before
    srv = Server("--workers", "1")
    for word in ("s3cr3t", "other"):
        st, _, body = srv.curl("/secret?" + word)
        check(st == 200 and body == b"secret: (none) count: 1 heap: (none)\n",
              "request after a secret sees the initial state: %r" % body)
    check(srv.stop() == 0, "isolation: exit 0")


def test_load():
    srv = Server("--workers", "2", "--timeout", "0.5", "--stats")
    errors, counts = [], {"good": 0, "trap": 0, "loop": 0}
    lock = threading.Lock()

    def client(n):
        rnd = random.Random(n)
        for i in range(25):
            kind = rnd.choice(["good"] * 6 + ["trap"] * 2 + ["loop"])
            try:
                if kind == "good":
                    tag = "c%dr%d" % (n, i)
                    body = ("payload-%s" % tag).encode()
                    st, data = srv.get("/echo?" + tag, body=body)
                    ok = st == 200 and data == ("method: POST\npath: /echo\nquery: %s\ncontent-type: (unset)\n"
                                                "content-length: %d\nbody: payload-%s\n" % (tag, len(body), tag)).encode()
                    # http.client sends no Content-Type: CONTENT_TYPE is set, empty
                    ok = ok or (st == 200 and data == ("method: POST\npath: /echo\nquery: %s\ncontent-type: \n"
                                                       "content-length: %d\nbody: payload-%s\n" % (tag, len(body), tag)).encode())
                else:
                    st, data = srv.get("/" + kind)
                    ok = st == (500 if kind == "trap" else 504) and b"about to" not in data
            except Exception as e:  # noqa: BLE001 - any failure of a request is a test failure
                st, ok = repr(e), False
            with lock:
                counts[kind] += 1
                if not ok:
                    errors.append("%s request %d/%d: %s" % (kind, n, i, st))

    threads = [threading.Thread(target=client, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    check(not errors, "load: %d wrong answers: %s" % (len(errors), errors[:5]))
    check(counts["good"] > 50 and counts["trap"] > 10 and counts["loop"] > 3, "load mixed the kinds: %r" % counts)
    check(srv.stop() == 0, "load: exit 0")
    check("serve: 150 requests" in srv.stderr() and "p99" in srv.stderr() and "pool:" in srv.stderr(),
          "--stats counters at exit: " + srv.stderr()[-400:])


def test_shutdown():
    srv = Server("--workers", "2", "--stats")
    result = {}

    def slow():
        result["r"] = srv.get("/slow?1500")

    t = threading.Thread(target=slow)
    t.start()
    time.sleep(0.5)
    srv.proc.send_signal(signal.SIGTERM)
    t.join(30)
    code = srv.proc.wait(timeout=60)
    check(result.get("r") == (200, b"slept 1500 ms\n"), "the request in flight at SIGTERM completes: %r" % result)
    check(code == 0, "graceful shutdown exits 0 (%d)" % code)
    check("1 request in flight" in srv.stderr() and "serve: 1 requests" in srv.stderr(), srv.stderr())


def test_bad_input():
    bad = os.path.join(TMP, "bad.wasm")
    with open(bad, "wb") as f:
        f.write(b"\0asm\x01\0\0\0\x01\xff garbage")
    runs = [(["serve"], 2, "no handler given"),
            (["serve", "--workers", "0", HANDLER], 2, "--workers"),
            (["serve", "--workers"], 2, "--workers"),
            (["serve", "--bogus", HANDLER], 2, "unknown option '--bogus'"),
            (["serve", "--timeout", "-1", HANDLER], 2, "--timeout"),
            (["serve", "--max-response", "x", HANDLER], 2, "--max-response"),
            (["serve", "--dir", "/nonexistent-dir-wlab", HANDLER], 2, "--dir"),
            (["serve", "--listen", "nonsense", HANDLER], 1, "--listen 'nonsense'"),
            (["serve", "--listen", "127.0.0.1:0", bad], 1, "malformed"),
            (["serve", "--listen", "127.0.0.1:0", NOT_WAGI], 1, "_start"),
            (["serve", "--listen", "127.0.0.1:0", os.path.join(TMP, "missing.wasm")], 1, "missing.wasm")]
    for args, want, said in runs:
        p = subprocess.run([WASMLAB, *args], capture_output=True, text=True, timeout=60)
        check(p.returncode == want and said in p.stderr,
              "%s: exit %d (want %d), stderr %r (want %r)" % (" ".join(args), p.returncode, want, p.stderr, said))


for test in (test_bad_input, test_wagi, test_faults, test_isolation, test_load, test_shutdown):
    print("serve:", test.__name__, flush=True)
    test()
print("serve: %d failure%s" % (len(failures), "" if len(failures) == 1 else "s"))
sys.exit(1 if failures else 0)
