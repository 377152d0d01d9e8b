// serve-node.mjs: the lab's node comparison server for the serve experiment: a WAGI handler .wasm compiled once, instantiated fresh per HTTP request under node:wasi.
//
//   node --no-warnings serve-node.mjs [--listen ADDR:PORT] [--workers N] HANDLER.wasm
//
// Each request gets a new WASI context and a new instance of the module compiled at start: the
// CGI variables (RFC 3875) as its environment, the body as its stdin and its stdout read back as
// a CGI response (header lines, a blank line, the body). stdin and stdout live in memory: fd_read
// on 0 and fd_write on 1 and 2 are replaced, so no request touches the process's own descriptors.
// A trap or a non-zero exit is a 500 with nothing of the guest's output. --workers N runs N
// processes (node:cluster) on one listening socket; PORT 0 takes a free port and the line
// "serve-node: listening on ADDR:PORT" on stdout says which. SIGINT/SIGTERM close the listener
// and let the requests in flight finish.
//
// Every WASI import is wrapped in a plain JS function: node 20 can crash in V8's fast API calls
// otherwise (ANCHORS.md; the same as suites/run-node.mjs).
import cluster from 'node:cluster';
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { WASI } from 'node:wasi';
import process from 'node:process';

function usage(msg) {
  if (msg) process.stderr.write(`serve-node: ${msg}\n`);
  process.stderr.write('usage: node serve-node.mjs [--listen ADDR:PORT] [--workers N] HANDLER.wasm\n');
  process.exit(2);
}

let listen = '127.0.0.1:0';
let workers = 1;
let file = null;
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--listen' || a === '--workers') {
    if (i + 1 >= argv.length) usage(`${a} needs a value`);
    const v = argv[++i];
    if (a === '--listen') listen = v;
    else if (!/^[1-9][0-9]*$/.test(v) || Number(v) > 64) usage('--workers takes a number from 1 to 64');
    else workers = Number(v);
  } else if (a.startsWith('-')) usage(`unknown option ${a}`);
  else if (file === null) file = a;
  else usage(`more than one HANDLER given ('${a}')`);
}
if (file === null) usage('no HANDLER.wasm given');
const m = /^(.+):([0-9]+)$/.exec(listen);
if (!m || Number(m[2]) > 65535) usage(`--listen takes ADDR:PORT, not '${listen}'`);
const [host, port] = [m[1], Number(m[2])];

if (cluster.isPrimary && workers > 1) {
  // The workers share the primary's listening socket (so PORT 0 is one port for all of them).
  let announced = false;
  let stopping = false;
  for (let i = 0; i < workers; i++) cluster.fork();
  cluster.on('listening', (_w, address) => {
    if (announced) return;
    announced = true;
    process.stdout.write(`serve-node: listening on ${host}:${address.port}\n`);
  });
  cluster.on('exit', (_w, code) => {
    if (!stopping) {
      process.stderr.write(`serve-node: a worker exited (${code}); stopping\n`);
      stopping = true;
      for (const w of Object.values(cluster.workers)) w.kill('SIGTERM');
      process.exitCode = 1;
    }
    if (Object.keys(cluster.workers).length === 0) process.exit();
  });
  const stop = () => {
    stopping = true;
    for (const w of Object.values(cluster.workers)) w.kill('SIGTERM');
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} else {
  serve();
}

function serve() {
  let module;
  try {
    module = new WebAssembly.Module(readFileSync(file));
  } catch (e) {
    process.stderr.write(`serve-node: cannot load ${file}: ${e.message}\n`);
    process.exit(1);
  }

  // One run of the handler: returns { code, out } (out: a Buffer of its stdout).
  function run(env, body) {
    const wasi = new WASI({ version: 'preview1', args: [file], env, preopens: {}, returnOnExit: true });
    let memory = null;
    let readAt = 0;
    const chunks = [];
    const imports = {};
    for (const [name, fn] of Object.entries(wasi.wasiImport)) imports[name] = (...a) => fn(...a);
    const iovs = (ptr, n, each) => {
      const view = new DataView(memory.buffer);
      let total = 0;
      for (let k = 0; k < n; k++) {
        const buf = view.getUint32(ptr + 8 * k, true);
        const len = view.getUint32(ptr + 8 * k + 4, true);
        const done = each(buf, len);
        total += done;
        if (done < len) break;
      }
      return total;
    };
    const readFd = imports.fd_read;
    imports.fd_read = (fd, ptr, n, nread) => {
      if (fd !== 0) return readFd(fd, ptr, n, nread);
      const total = iovs(ptr, n, (buf, len) => {
        const k = Math.min(len, body.length - readAt);
        new Uint8Array(memory.buffer, buf, k).set(body.subarray(readAt, readAt + k));
        readAt += k;
        return k;
      });
      new DataView(memory.buffer).setUint32(nread, total, true);
      return 0;
    };
    const writeFd = imports.fd_write;
    imports.fd_write = (fd, ptr, n, nwritten) => {
      if (fd !== 1 && fd !== 2) return writeFd(fd, ptr, n, nwritten);
      const total = iovs(ptr, n, (buf, len) => {
        if (fd === 1) chunks.push(Buffer.from(new Uint8Array(memory.buffer, buf, len)));
        return len;
      });
      new DataView(memory.buffer).setUint32(nwritten, total, true);
      return 0;
    };
    const instance = new WebAssembly.Instance(module, { wasi_snapshot_preview1: imports });
    memory = instance.exports.memory;
    const code = wasi.start(instance);
    return { code, out: Buffer.concat(chunks) };
  }

  // the decoded path; a malformed %-escape is kept as sent rather than failing the request
  function pathInfo(p) {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  }

  function cgiEnv(req, body) {
    const q = req.url.indexOf('?');
    const env = {
      GATEWAY_INTERFACE: 'CGI/1.1',
      SERVER_SOFTWARE: 'serve-node',
      SERVER_PROTOCOL: `HTTP/${req.httpVersion}`,
      SERVER_NAME: host,
      SERVER_PORT: String(req.socket.localPort),
      REQUEST_METHOD: req.method,
      SCRIPT_NAME: '',
      PATH_INFO: pathInfo(q < 0 ? req.url : req.url.slice(0, q)),
      QUERY_STRING: q < 0 ? '' : req.url.slice(q + 1),
      REMOTE_ADDR: req.socket.remoteAddress || '',
    };
    if (req.headers['content-type']) env.CONTENT_TYPE = req.headers['content-type'];
    if (body.length > 0 || req.method === 'POST' || req.method === 'PUT') env.CONTENT_LENGTH = String(body.length);
    for (const [k, v] of Object.entries(req.headers)) {
      if (k === 'content-type' || k === 'content-length') continue;
      env['HTTP_' + k.toUpperCase().replace(/-/g, '_')] = Array.isArray(v) ? v.join(', ') : v;
    }
    return env;
  }

  function plain(res, code, msg) {
    res.writeHead(code, { 'Content-Type': 'text/plain' });
    res.end(`serve-node: ${msg}\n`);
  }

  // The handler's stdout as an HTTP response (LF or CRLF header lines, Status, Location).
  function respond(res, out) {
    let end = -1;
    let skip = 0;
    for (let i = 0; i + 1 < out.length; i++) {
      if (out[i] === 10 && out[i + 1] === 10) { end = i + 1; skip = 1; break; }
      if (i + 3 < out.length && out[i] === 13 && out[i + 1] === 10 && out[i + 2] === 13 && out[i + 3] === 10) { end = i + 2; skip = 2; break; }
    }
    if (end < 0) return plain(res, 502, "the handler's output is not a CGI response (no blank line after the headers)");
    const headers = {};
    let code = 0;
    for (let line of out.subarray(0, end).toString('latin1').split('\n')) {
      line = line.replace(/\r$/, '');
      if (line === '') continue;
      const c = line.indexOf(':');
      if (c <= 0) return plain(res, 502, `malformed CGI header line '${line.slice(0, 80)}'`);
      const name = line.slice(0, c);
      const value = line.slice(c + 1).trim();
      if (name.toLowerCase() === 'status') {
        code = parseInt(value, 10);
        if (!(code >= 100 && code <= 599)) return plain(res, 502, `bad CGI Status '${value.slice(0, 80)}'`);
      } else headers[name] = value;
    }
    const has = (n) => Object.keys(headers).some((k) => k.toLowerCase() === n);
    if (!code) code = has('location') ? 302 : 200;
    if (code === 200 && !has('content-type')) return plain(res, 502, "the handler's response has no Content-Type");
    const body = out.subarray(end + skip);
    headers['Content-Length'] = String(body.length);
    res.writeHead(code, headers);
    res.end(body);
  }

  const server = http.createServer((req, res) => {
    const parts = [];
    let size = 0;
    req.on('data', (d) => {
      size += d.length;
      if (size <= 8 << 20) parts.push(d);
    });
    req.on('end', () => {
      if (size > 8 << 20) return plain(res, 413, 'request body over 8 MiB');
      const body = Buffer.concat(parts);
      let r;
      try {
        r = run(cgiEnv(req, body), body);
      } catch (e) {
        return plain(res, 500, `the handler failed: ${e.message}`);
      }
      if (r.code !== 0) return plain(res, 500, `the handler exited with status ${r.code}`);
      respond(res, r.out);
    });
  });
  server.keepAliveTimeout = 60000;
  server.on('error', (e) => {
    process.stderr.write(`serve-node: cannot listen on ${listen}: ${e.message}\n`);
    process.exit(1);
  });
  server.listen(port, host, () => {
    if (cluster.isPrimary) process.stdout.write(`serve-node: listening on ${host}:${server.address().port}\n`);
  });
  // a cluster worker's channel to the primary keeps it alive: exit once the server has closed
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
