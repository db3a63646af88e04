// The test framework kotlin.test finds: describe/xdescribe/it/xit, which its JasmineLikeAdapter
// calls once it sees `describe` and `it` as functions. kotlin.test declares each test class as
// describe(<package>, describe(<Class>, it(<method>, fn))); @Ignore becomes xdescribe/xit.
//
// The records live in this closure. Model code reaches only the four frozen functions, so it
// can add records but never change one: a name registered twice is failed (a forged test
// cannot stand in for a hidden one), and a registration after the module loaded is a failure
// of the run. Tests run after the module loaded, one at a time; a test that returns a Promise
// (kotlin.test's async tests, runTest) must settle within the test timeout (TEST_TIMEOUT_MS
// unless the command line gives another).
"use strict";

const TEST_TIMEOUT_MS = 10000;
const MAX_TESTS = 20000;
const MAX_TITLE = 1000;
const MAX_MESSAGE = 2000;
const MAX_DETAIL = 8000;
const RUNNER_CLASS = "kateval.runner";

function readSafely(read, fallback) {
  try {
    const value = read();
    return typeof value === "string" ? value : String(value);
  } catch (e) {
    return fallback;
  }
}

function title(value) {
  return readSafely(() => value, "[unprintable]").slice(0, MAX_TITLE);
}

// What a thrown value says, read defensively: it may be model code's object with getters.
function failureOf(thrown, stackOf) {
  const isObject = thrown !== null && (typeof thrown === "object" || typeof thrown === "function");
  const type = isObject ? readSafely(() => thrown.name || "", "") : "";
  let message = isObject ? readSafely(() => thrown.message || "", "") : readSafely(() => thrown, "");
  message = (message || type || "failed").slice(0, MAX_MESSAGE);
  const stack = isObject ? readSafely(() => stackOf(thrown), "") : "";
  return { message, type: type.slice(0, 200), detail: (stack ? `${message}\n${stack}` : message).slice(0, MAX_DETAIL) };
}

function makeRegistry() {
  const titles = [];
  const tests = [];
  const byName = new Map();
  let skippedDepth = 0;
  let open = true;
  let ready = () => true;

  const runnerFailure = (name, message) => {
    tests.push({ classname: RUNNER_CLASS, name, skipped: false, ofRunner: true,
      failure: { message, type: "", detail: message } });
  };
  const suite = (name, fn, skipped) => {
    if (!ready()) throw new Error("tests declared before the module's classes were sealed");
    if (!open) {
      runnerFailure("lateRegistration", `a suite was declared after the module loaded: ${title(name)}`);
      return;
    }
    titles.push(title(name));
    if (skipped) skippedDepth += 1;
    try {
      if (typeof fn === "function") Reflect.apply(fn, undefined, []);
    } finally {
      titles.pop();
      if (skipped) skippedDepth -= 1;
    }
  };
  const test = (name, fn, skipped) => {
    if (!ready()) throw new Error("tests declared before the module's classes were sealed");
    const record = { classname: titles.filter((t) => t !== "").join("."), name: title(name),
      fn, skipped: skipped || skippedDepth > 0, failure: null };
    const key = `${record.classname}\u0000${record.name}`;
    const earlier = byName.get(key);
    if (earlier !== undefined) {
      earlier.skipped = false;
      earlier.failure = { message: "this test name was registered more than once", type: "",
        detail: "this test name was registered more than once" };
    }
    if (!open) {
      runnerFailure("lateRegistration", `a test was registered after the module loaded: ${record.name}`);
      return;
    }
    if (earlier !== undefined) return;
    if (tests.length >= MAX_TESTS) throw new Error(`more than ${MAX_TESTS} tests`);
    if (typeof fn !== "function" && !record.skipped) {
      record.failure = { message: "no test function", type: "", detail: "no test function" };
    }
    byName.set(key, record);
    tests.push(record);
  };
  const globals = {
    describe: (name, fn) => suite(name, fn, false),
    xdescribe: (name, fn) => suite(name, fn, true),
    it: (name, fn) => test(name, fn, false),
    xit: (name, fn) => test(name, fn, true),
  };
  const close = () => { open = false; };
  const loadFailed = (failure) => {
    runnerFailure("moduleLoad", `the test module threw while loading: ${failure.message}`);
    for (const record of tests) {
      if (!record.failure && !record.skipped) {
        record.failure = { message: "not run: the test module threw while loading", type: "",
          detail: failure.detail };
      }
    }
  };
  // `check` must hold before any test is declared (the class guard has sealed).
  const requireBefore = (check) => { ready = check; };
  return { globals, tests, close, loadFailed, runnerFailure, requireBefore };
}

// Runs each test once; resolves when every one has an outcome. A stray error (from a timer,
// a microtask or an unhandled rejection) fails the test that is running, or the run.
function makeRunner(host, stackOf, timeoutMs = TEST_TIMEOUT_MS) {
  let current = null; // { record, abort(failure) }

  const onStray = (thrown) => {
    const failure = failureOf(thrown, stackOf);
    failure.message = `uncaught error: ${failure.message}`;
    if (current !== null) {
      if (!current.record.failure) current.record.failure = failure;
      current.abort(failure);
      return;
    }
    strays.push(failure);
  };
  const strays = [];

  const settle = (promise, record) => new Promise((resolve) => {
    const timer = host.timers.setTimeout(() => resolve({ message:
      `timed out after ${timeoutMs} ms`, type: "", detail: "the test's Promise never settled" }),
    timeoutMs);
    const done = (failure) => { host.timers.clearTimeout(timer); resolve(failure); };
    current = { record, abort: done };
    Reflect.apply(Promise.prototype.then, promise,
      [() => done(null), (thrown) => done(failureOf(thrown, stackOf))]);
  });

  const runOne = async (record) => {
    current = { record, abort: () => {} };
    let result;
    try {
      result = Reflect.apply(record.fn, undefined, []);
    } catch (thrown) {
      return failureOf(thrown, stackOf);
    }
    if (result instanceof Promise) {
      try {
        return await settle(result, record);
      } catch (thrown) { // not a genuine Promise after all
        return failureOf(thrown, stackOf);
      }
    }
    let thenable = false;
    try { thenable = result !== null && typeof result === "object" && typeof result.then === "function"; }
    catch (e) { thenable = true; }
    return thenable ? { message: "the test returned a thenable that is not a Promise", type: "",
      detail: "" } : null;
  };

  // Lets the microtasks and the due timers a test left run while it is still the current
  // test (a timer of the module's is due after 1 ms at the soonest).
  const yieldToQueue = async (timersPending) => {
    if (timersPending()) await new Promise((resolve) => host.timers.setTimeout(resolve, 1));
    await new Promise((resolve) => host.timers.setImmediate(resolve));
  };

  const runAll = async (tests, timersPending) => {
    for (const record of tests) {
      if (record.skipped || record.failure || record.ofRunner) continue;
      const started = host.now();
      const failure = await runOne(record);
      record.time = (host.now() - started) / 1000;
      if (failure && !record.failure) record.failure = failure;
      await yieldToQueue(timersPending);
      current = null;
    }
    return strays;
  };
  return { onStray, runAll };
}

module.exports = { makeRegistry, makeRunner, failureOf, RUNNER_CLASS };
