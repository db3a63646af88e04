// kateval's JS test step: runs the linked Kotlin/JS test module (compiled hidden tests and
// model code in one CommonJS file) where model code has no power over the grade.
//
//   node run-tests.js <module.js> <report dir> [test timeout ms]
//
// The runner reads the module itself, then locks the process down (SES) and evaluates the
// module in a compartment that sees frozen intrinsics and a few frozen functions: the test
// framework kotlin.test looks for (adapter.js), console, timers, crypto (realm.js). Results
// stay in the runner's closures until it writes <report dir>/TEST-js.xml and then
// kateval-counts.json (report.js), with Node's fs, taken before any model code ran.
//
// Exit code: 0 every test passed, 1 a test failed or the module did not load, 2 no test ran,
// 3 the runner itself could not run (bad arguments).
"use strict";

const fs = require("fs");
const path = require("path");
const realm = require("./realm.js");
const { prepareSource } = require("./source.js");
const { makeRegistry, makeRunner, failureOf } = require("./adapter.js");
const { writeReport } = require("./report.js");
const { loadSes } = require("./ses-load.js");

function exitCode(counts) {
  if (counts.failed > 0) return 1;
  return counts.passed > 0 ? 0 : 2;
}

function summary(counts, tests) {
  const failed = tests.filter((t) => t.failure).slice(0, 20)
    .map((t) => `  FAILED ${t.classname}.${t.name}: ${t.failure.message.split("\n")[0]}\n`);
  return `kateval js tests: ${counts.tests} tests, ${counts.passed} passed, ` +
    `${counts.failed} failed, ${counts.skipped} skipped\n${failed.join("")}`;
}

function main() {
  const [modulePath, reportDir, timeout] = process.argv.slice(2);
  const timeoutMs = timeout === undefined ? undefined : Number(timeout);
  if (!modulePath || !reportDir || !(timeoutMs === undefined || timeoutMs > 0)) {
    process.stderr.write("usage: run-tests.js <module.js> <report dir> [test timeout ms]\n");
    process.exit(3);
  }
  const host = realm.captureHost();
  const registry = makeRegistry();
  let source = null;
  let unreadable = null;
  try {
    source = fs.readFileSync(modulePath, "utf8");
  } catch (e) {
    unreadable = `cannot read ${modulePath}: ${e.code || e.message}`;
  }
  realm.censorFunctionSource();
  loadSes();
  lockdown(realm.LOCKDOWN_OPTIONS);
  const stackOf = (error) => getStackString(error);
  const runner = makeRunner(host, stackOf, timeoutMs);
  host.onProcess("uncaughtException", runner.onStray);
  host.onProcess("unhandledRejection", runner.onStray);
  const classes = realm.makeClassGuard();
  registry.requireBefore(classes.isSealed);
  const { globals, closeTimers, timersPending } =
    realm.endowments(host, registry.globals, runner.onStray);
  if (unreadable !== null) {
    registry.loadFailed({ message: unreadable, detail: unreadable });
  } else {
    try {
      const name = realm.guardName(host.crypto);
      realm.evaluateModule(prepareSource(source, name), { name, hook: classes.guard }, globals,
        host, path.basename(modulePath));
    } catch (thrown) {
      registry.loadFailed(failureOf(thrown, stackOf));
    }
  }
  registry.close();
  runner.runAll(registry.tests, timersPending).then((strays) => {
    closeTimers();
    for (const stray of strays) registry.runnerFailure("uncaughtError", stray.message);
    const counts = writeReport(fs, reportDir, registry.tests);
    host.out(summary(counts, registry.tests));
    host.exit(exitCode(counts));
  }).catch((e) => {
    host.err(`kateval js runner: cannot write the report: ${e && e.message}\n`);
    host.exit(3);
  });
}

main();
