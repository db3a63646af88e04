// The realm the linked module runs in: SES's lockdown() freezes every intrinsic shared by all
// code in the process and makes every Function constructor reachable from them inert; the
// module is evaluated in a Compartment whose frozen global object holds the intrinsics and
// only what `endowments` below hands it. No require (but a crypto facade), process, fs,
// Buffer or any other Node global; nothing handed in is a Node object.
//
// Everything from Node that the runner needs is taken here, before lockdown and before any
// model code runs, into closures that model code cannot reach.
"use strict";

const fs = require("fs");
const nodeCrypto = require("crypto");
const { locateLibraries, makeLibraries } = require("./libraries.js");

const LOCKDOWN_OPTIONS = {
  errorTaming: "safe", // no stacks (nor prepareStackTrace's call sites) inside compartments
  overrideTaming: "moderate",
  consoleTaming: "unsafe", // the runner's own console; the module gets the shim below
  errorTrapping: "none", // uncaught errors are the runner's to attribute (adapter.js)
  unhandledRejectionTrapping: "none",
  localeTaming: "unsafe", // toLocaleString as Node has it: no power, and code may use it
  stackFiltering: "concise",
};
const CONSOLE_LIMIT = 1 << 20; // bytes of console output the module may print
const MAX_RANDOM_BYTES = 1 << 20;
const ENCODINGS = ["utf8", "utf-8", "hex", "base64", "base64url", "latin1", "binary", "ascii",
  "utf16le", "ucs2"];

// The source of every function reads `function name() { [native code] }`: the hidden tests'
// compiled bodies are functions in the same module as model code, and this is the one way a
// running function's text can be read. Installed before lockdown, so SES freezes it in place.
function censorFunctionSource() {
  Object.defineProperty(Function.prototype, "toString", {
    value: function toString() {
      let name = "";
      try { name = typeof this.name === "string" ? this.name : ""; } catch (e) { /* a getter */ }
      return `function ${name}() { [native code] }`;
    },
    writable: true, enumerable: false, configurable: true,
  });
}

// What the runner keeps from Node: plain functions, captured now.
function captureHost() {
  const stdout = process.stdout;
  const stderr = process.stderr;
  const timers = { setTimeout, clearTimeout, setInterval, clearInterval, setImmediate };
  return {
    out: (text) => stdout.write(text),
    err: (text) => stderr.write(text),
    exit: (code) => process.exit(code),
    now: () => performance.now(),
    timers,
    queueMicrotask,
    onProcess: (event, handler) => process.on(event, handler),
    crypto: nodeCrypto,
    libraries: locateLibraries(),
    readFile: (file) => fs.readFileSync(file, "utf8"),
  };
}

function show(value) {
  if (typeof value === "string") return value;
  try { return String(value); } catch (e) { return "[unprintable]"; }
}

function makeConsole(host) {
  let left = CONSOLE_LIMIT;
  const print = (write) => (...args) => {
    if (left <= 0) return;
    let line = args.map(show).join(" ") + "\n";
    if (line.length >= left) {
      line = line.slice(0, left) + "\n[kateval: the module's console output was cut here]\n";
    }
    left -= line.length;
    write(line);
  };
  const log = print(host.out);
  const error = print(host.err);
  return { log, info: log, debug: log, trace: log, warn: error, error };
}

function delayOf(value) {
  const ms = Number(value);
  return ms > 0 ? Math.min(ms, 0x7fffffff) : 0;
}

// setTimeout and friends hand out numbers, never Node's Timeout objects (which link to every
// other timer, the runner's own included). A callback that throws is reported as stray.
function makeTimers(host, onStray) {
  const live = new Map();
  let next = 1;
  let open = true;
  const call = (callback, args) => {
    try { Reflect.apply(callback, undefined, args); } catch (e) { onStray(e); }
  };
  const schedule = (repeat) => (callback, delay, ...args) => {
    if (typeof callback !== "function") throw new TypeError("the callback must be a function");
    const ms = delayOf(delay);
    if (!open) return 0;
    const id = next++;
    const fire = () => {
      if (!repeat) live.delete(id);
      if (open) call(callback, args);
    };
    live.set(id, (repeat ? host.timers.setInterval : host.timers.setTimeout)(fire, ms));
    return id;
  };
  const clear = (id) => {
    const timer = live.get(id);
    if (timer !== undefined) {
      live.delete(id);
      host.timers.clearTimeout(timer);
    }
  };
  const queueMicrotask = (callback) => {
    if (typeof callback !== "function") throw new TypeError("the callback must be a function");
    host.queueMicrotask(() => { if (open) call(callback, []); });
  };
  const close = () => {
    open = false;
    for (const timer of live.values()) host.timers.clearTimeout(timer);
    live.clear();
  };
  const globals = { setTimeout: schedule(false), setInterval: schedule(true),
    clearTimeout: clear, clearInterval: clear, queueMicrotask };
  return { globals, close, pending: () => live.size > 0 };
}

// Calls into Node with plain arguments; Node's own errors are turned into plain ones.
function hostCall(what, fn) {
  try {
    return fn();
  } catch (e) {
    let message = "failed";
    try { message = String(e && e.message); } catch (ignored) { /* keep "failed" */ }
    throw new TypeError(`${what}: ${message}`);
  }
}

function checkedData(data, encoding) {
  if (typeof data === "string") {
    if (encoding !== undefined && !ENCODINGS.includes(encoding)) {
      throw new TypeError(`unknown encoding ${show(encoding)}`);
    }
    return [data, encoding];
  }
  if (ArrayBuffer.isView(data)) return [data];
  throw new TypeError("data must be a string or a typed array");
}

function digestOf(buffer, encoding) {
  if (encoding === undefined) return new Uint8Array(buffer);
  if (!ENCODINGS.includes(encoding)) throw new TypeError(`unknown encoding ${show(encoding)}`);
  return buffer.toString(encoding);
}

function wrapHash(hash, what) {
  const wrapper = {
    update(data, encoding) {
      const args = checkedData(data, encoding);
      hostCall(what, () => hash.update(...args));
      return wrapper;
    },
    digest(encoding) {
      return digestOf(hostCall(what, () => hash.digest()), encoding);
    },
  };
  return harden(wrapper);
}

// `require` inside the module: "crypto", as a facade that returns fresh plain values, and the
// npm libraries that libraries.js lists (`library(name)`, undefined for any other name).
function makeRequire(crypto, library) {
  const facade = harden({
    createHash(algorithm) {
      if (typeof algorithm !== "string") throw new TypeError("the algorithm must be a string");
      return wrapHash(hostCall("createHash", () => crypto.createHash(algorithm)), "hash");
    },
    createHmac(algorithm, key) {
      if (typeof algorithm !== "string") throw new TypeError("the algorithm must be a string");
      const [material] = checkedData(key);
      return wrapHash(hostCall("createHmac", () => crypto.createHmac(algorithm, material)), "hmac");
    },
    randomBytes(size) {
      if (!Number.isSafeInteger(size) || size < 0 || size > MAX_RANDOM_BYTES) {
        throw new RangeError(`size must be an integer from 0 to ${MAX_RANDOM_BYTES}`);
      }
      return new Uint8Array(hostCall("randomBytes", () => crypto.randomBytes(size)));
    },
    randomUUID: () => crypto.randomUUID(),
    getRandomValues: (array) => getRandomValues(crypto, array),
  });
  return harden(function require(name) {
    if (name === "crypto" || name === "node:crypto") return facade;
    const found = typeof name === "string" ? library(name) : undefined;
    if (found !== undefined) return found;
    throw new Error(`require(${JSON.stringify(show(name))}) is not available to tests: ` +
      "kateval's test realm has no modules but \"crypto\" and a few npm libraries " +
      "(libraries.js)");
  });
}

function getRandomValues(crypto, array) {
  if (!ArrayBuffer.isView(array) || array instanceof DataView) {
    throw new TypeError("getRandomValues takes an integer typed array");
  }
  hostCall("getRandomValues", () => crypto.webcrypto.getRandomValues(array));
  return array;
}

function endowments(host, adapterGlobals, onStray) {
  const timers = makeTimers(host, onStray);
  const globals = {
    ...adapterGlobals,
    ...timers.globals,
    console: makeConsole(host),
    performance: { now: host.now },
    crypto: { getRandomValues: (array) => getRandomValues(host.crypto, array),
      randomUUID: () => host.crypto.randomUUID() },
    // The start compartment's Math and Date (frozen): Kotlin's Random and clocks use
    // Math.random and Date.now, which a new compartment's tamed ones refuse.
    Math, Date,
    // Kotlin's DoubleArray, FloatArray and its Double bit conversions. SES leaves them out of
    // new compartments only for a NaN-bits side channel.
    Float32Array, Float64Array,
  };
  return { globals: harden(globals), closeTimers: timers.close, timersPending: timers.pending };
}

function freezeMethods(prototype) {
  for (const key of Reflect.ownKeys(prototype)) {
    const property = Object.getOwnPropertyDescriptor(prototype, key);
    // Not `constructor`: the class itself keeps its statics (the runtime caches its KClass).
    for (const part of [property.value, property.get, property.set]) {
      if (typeof part === "function" && key !== "constructor") Object.freeze(part);
    }
  }
  Object.freeze(prototype);
}

// The hook source.js puts in the module: `add` as each Kotlin class is declared, `seal` once
// they all are. `sealed` says whether it ran, for the adapter to refuse tests otherwise.
function makeClassGuard() {
  const classes = [];
  let sealed = false;
  const freeze = (ctor) => {
    const prototype = ctor.prototype;
    if (prototype !== null && typeof prototype === "object") freezeMethods(prototype);
  };
  const guard = harden({
    add(ctor) {
      if (typeof ctor !== "function") return;
      if (sealed) freeze(ctor);
      else classes.push(ctor);
    },
    seal() {
      if (sealed) return;
      sealed = true;
      for (const ctor of classes) freeze(ctor);
      classes.length = 0;
    },
  });
  return { guard, isSealed: () => sealed };
}

function guardName(crypto) {
  return `$kateval_${crypto.randomBytes(12).toString("hex")}`;
}

// Evaluates the module as a CommonJS function body with its own module/exports objects and
// the class guard under its secret name. `host.libraries` are libraries.js's files.
function evaluateModule(source, guard, globals, host, sourceName) {
  const compartment = new Compartment({ globals, __options__: true });
  harden(compartment.globalThis);
  const params = `exports, require, module, ${guard.name}`;
  const wrapped = `(function (${params}) {${source}\n})\n//# sourceURL=${sourceName}`;
  const moduleFunction = compartment.evaluate(wrapped);
  const module = { exports: {} };
  const requireOf = (library) => makeRequire(host.crypto, library);
  const library = makeLibraries(compartment, host.libraries, host.readFile, requireOf);
  Reflect.apply(moduleFunction, undefined, [module.exports, requireOf(library), module, guard.hook]);
}

module.exports = { LOCKDOWN_OPTIONS, captureHost, censorFunctionSource, endowments, evaluateModule,
  makeClassGuard, guardName };
