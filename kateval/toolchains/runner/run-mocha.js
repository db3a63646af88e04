// kateval's JS test step: mocha's programmatic API with mocha-junit-reporter, on one module.
// The same runner, reporter and report as `mocha --reporter ... FILE`, without the CLI's
// start (yargs, config and package lookup): 0.2 s instead of 0.7 s on one core.
//
//   node run-mocha.js <mocha folder> <reporter folder> <reporter options k=v,...> <module.js>
//
// Exit code as mocha's CLI: the number of failed tests (at most 255), 0 when all passed.
"use strict";
const path = require("path");
const [mochaDir, reporter, options, file] = process.argv.slice(2);
if (!file) {
  console.error("usage: run-mocha.js <mocha> <reporter> <reporter options> <module.js>");
  process.exit(2);
}
const Mocha = require(mochaDir);
const reporterOptions = Object.fromEntries(options.split(",").map((pair) => {
  const at = pair.indexOf("=");
  return [pair.slice(0, at), pair.slice(at + 1)];
}));
const mocha = new Mocha({ reporter, reporterOptions });
mocha.addFile(path.resolve(file));
mocha.run((failures) => {
  process.exitCode = Math.min(failures, 255);
});
