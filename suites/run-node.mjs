// run-node.mjs: runs a suite .wasm under node's WASI preview1 (reference runtime for the cross-check).
//
//   node run-node.mjs FILE.wasm [ARGS...]            run _start as a WASI command; exit with its status
//   node run-node.mjs --invoke NAME FILE.wasm [N...] call export NAME with i32 arguments, print the result
//
// No directories are preopened and no environment variables are passed. Every WASI import is
// wrapped in a plain JS function: node 20 can crash at exit in V8's fast API calls when a
// module's memory is large, and the wrappers avoid that path.
import { readFile } from 'node:fs/promises';
import { WASI } from 'node:wasi';
import process from 'node:process';

function usage(msg) {
  if (msg) process.stderr.write(`run-node: ${msg}\n`);
  process.stderr.write('usage: node run-node.mjs [--invoke NAME] FILE.wasm [ARGS...]\n');
  process.exit(2);
}

const argv = process.argv.slice(2);
let invoke = null;
if (argv[0] === '--invoke') {
  if (argv.length < 3) usage('--invoke needs an export name and a file');
  invoke = argv[1];
  argv.splice(0, 2);
}
if (argv.length < 1) usage('no FILE given');
const [file, ...args] = argv;

let bytes;
try {
  bytes = await readFile(file);
} catch (e) {
  usage(`cannot read ${file}: ${e.message}`);
}

const wasi = new WASI({ version: 'preview1', args: [file, ...args], env: {}, preopens: {}, returnOnExit: true });
const wrapped = {};
for (const [name, fn] of Object.entries(wasi.wasiImport)) wrapped[name] = (...a) => fn(...a);

const module = await WebAssembly.compile(bytes);
const imports = WebAssembly.Module.imports(module);
const instance = await WebAssembly.instantiate(module, { wasi_snapshot_preview1: wrapped });

if (invoke === null) {
  const code = wasi.start(instance);
  process.exitCode = code;
} else {
  const fn = instance.exports[invoke];
  if (typeof fn !== 'function') usage(`${file} exports no function '${invoke}'`);
  if (imports.length > 0) {
    // A module that needs WASI must be set up as a reactor first; suite modules called this
    // way (micro/) import nothing.
    if (!instance.exports._initialize) usage(`--invoke on a module with imports needs an _initialize export`);
    wasi.initialize(instance);
  }
  if (args.length !== fn.length) usage(`'${invoke}' takes ${fn.length} arguments, ${args.length} given`);
  const result = fn(...args.map((a) => {
    if (!/^-?\d+$/.test(a)) usage(`argument '${a}' is not an integer`);
    return Number(a) | 0;
  }));
  if (result !== undefined) process.stdout.write(`${result}\n`);
}
