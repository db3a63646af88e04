// npm packages that Kotlin/JS libraries import (`@JsModule`), for the module's `require`.
//
// Each is evaluated from its own file in the module's compartment on first use, so it has no
// more power than model code has, then hardened with everything it exports: model code
// cannot change what a library answers to the hidden tests (a time zone's rules, say).
// The runner resolves the files before lockdown; a name not listed here is refused.
"use strict";

const path = require("path");

// kotlinx-datetime reads time zones through @js-joda/core's ZoneRulesProvider, filled by
// @js-joda/timezone: what a Kotlin/JS app gets that depends on both, as kotlinx-datetime's
// README asks (the versions are the ones its klib and README name).
// `held` names what a library hands out from its closures, out of harden's reach from its
// exports: here the tz database kotlinx-datetime reads and the default zone.
const LIBRARIES = {
  "@js-joda/core": {
    with: ["@js-joda/timezone"],
    held: (core) => [core.ZoneRulesProvider.getTzdbData(), core.ZoneId.systemDefault()],
  },
  "@js-joda/timezone": { with: [], held: () => [] },
};

// name -> the package's main file (a UMD bundle), as Node's own resolver finds it next to
// this runner.
function locateLibraries() {
  const files = {};
  for (const name of Object.keys(LIBRARIES)) {
    try {
      files[name] = require.resolve(name);
    } catch (e) {
      files[name] = null; // not installed: requiring it fails in the test, not in the runner
    }
  }
  return files;
}

// `load(name)` for the module's require: undefined for names that are no library.
// `readFile(file)` is the runner's fs, captured before lockdown.
function makeLibraries(compartment, files, readFile, requireOf) {
  const loaded = new Map();
  const load = (name) => {
    if (!Object.prototype.hasOwnProperty.call(LIBRARIES, name)) return undefined;
    if (loaded.has(name)) return loaded.get(name);
    if (files[name] === null) throw new Error(`${name} is not installed in kateval's JS runner`);
    const module = { exports: {} };
    loaded.set(name, module.exports); // a library that requires its requirer gets its exports
    const wrapped = `(function (exports, require, module) {${readFile(files[name])}\n})\n` +
      `//# sourceURL=${path.basename(files[name])}`;
    Reflect.apply(compartment.evaluate(wrapped), undefined,
      [module.exports, requireOf(load), module]);
    loaded.set(name, module.exports);
    for (const extra of LIBRARIES[name].with) load(extra);
    harden([module.exports, ...LIBRARIES[name].held(module.exports)]);
    return module.exports;
  };
  return load;
}

module.exports = { locateLibraries, makeLibraries };
