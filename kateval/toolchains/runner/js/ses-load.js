// Loads SES as require("ses") would, through V8's code cache for it when the install left one
// (ses.code-cache, beside this file): compiling SES's half a megabyte of source is a fifth of
// a test step's time in Node. The cache is written at install (`node ses-load.js`), after
// the runner's lockdown, so it holds the functions lockdown runs too. V8 refuses a cache made for
// another source or another V8, and then compiles as usual; the folder is the install's, read
// only to every step.
"use strict";

const fs = require("fs");
const path = require("path");
const vm = require("vm");
const Module = require("module");

const CACHE = path.join(__dirname, "ses.code-cache");

function compileSes(cachedData) {
  const file = require.resolve("ses");
  const source = fs.readFileSync(file, "utf8");
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, Module.createRequire(file),
    module, file, path.dirname(file));
  return script;
}

function loadSes() {
  let cached;
  try {
    cached = fs.readFileSync(CACHE);
  } catch (e) {
    cached = undefined; // not primed: SES compiles from source
  }
  compileSes(cached);
}

if (require.main === module) {
  const script = compileSes(undefined);
  lockdown(require("./realm.js").LOCKDOWN_OPTIONS);
  fs.writeFileSync(CACHE, script.createCachedData());
}

module.exports = { loadSes, compileSes, CACHE };
