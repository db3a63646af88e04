// The JS step's report, in mocha-junit-reporter's Jenkins shape (what the step wrote before
// this runner): one <testcase classname="<package>.<Class>" name="<method>"> per Kotlin test,
// grouped in one <testsuite> per class, beside kateval-counts.json, which is written last.
"use strict";

const path = require("path");

const REPORT_FILE = "TEST-js.xml";
const COUNTS_FILE = "kateval-counts.json";
const SUITES_TITLE = "kotlin-js";

// XML 1.0 allows tab, newline, carriage return and these ranges; a lone surrogate is not one.
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\uD800-\uDBFF\uDC00-\uDFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&apos;",
  "\n": "&#10;", "\r": "&#13;", "\t": "&#9;" };

function text(value) {
  return String(value).replace(NOT_XML, "\uFFFD").replace(/[&<>]/g, (c) => ESCAPES[c]);
}

function attr(value) {
  return String(value).replace(NOT_XML, "\uFFFD").replace(/[&<>"'\n\r\t]/g, (c) => ESCAPES[c]);
}

function outcome(record) {
  if (record.failure) return "failed";
  return record.skipped ? "skipped" : "passed";
}

function countsOf(tests) {
  const counts = { tests: tests.length, passed: 0, failed: 0, skipped: 0 };
  for (const record of tests) counts[outcome(record)] += 1;
  return counts;
}

function seconds(value) {
  return (typeof value === "number" && value > 0 ? value : 0).toFixed(3);
}

function testcase(record) {
  const open = `    <testcase name="${attr(record.name)}" time="${seconds(record.time)}" ` +
    `classname="${attr(record.classname)}"`;
  if (record.failure) {
    const { message, type, detail } = record.failure;
    return `${open}>\n      <failure message="${attr(message)}" type="${attr(type)}">` +
      `${text(detail)}</failure>\n    </testcase>`;
  }
  return record.skipped ? `${open}>\n      <skipped/>\n    </testcase>` : `${open}/>`;
}

function junitXml(tests, timestamp) {
  const byClass = new Map();
  for (const record of tests) {
    if (!byClass.has(record.classname)) byClass.set(record.classname, []);
    byClass.get(record.classname).push(record);
  }
  const total = countsOf(tests);
  const time = (records) => seconds(records.reduce((sum, r) => sum + (r.time || 0), 0));
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${SUITES_TITLE}" tests="${total.tests}" failures="${total.failed}" ` +
    `skipped="${total.skipped}" time="${time(tests)}">`];
  for (const [classname, records] of byClass) {
    const counts = countsOf(records);
    lines.push(`  <testsuite name="${attr(classname)}" timestamp="${timestamp}" ` +
      `tests="${counts.tests}" failures="${counts.failed}" skipped="${counts.skipped}" ` +
      `time="${time(records)}">`);
    for (const record of records) lines.push(testcase(record));
    lines.push("  </testsuite>");
  }
  lines.push("</testsuites>", "");
  return lines.join("\n");
}

// The report, then the counts: a counts file means the report beside it is complete.
function writeReport(fs, reportDir, tests) {
  const timestamp = new Date().toISOString().slice(0, 19);
  fs.mkdirSync(reportDir, { recursive: true });
  fs.writeFileSync(path.join(reportDir, REPORT_FILE), junitXml(tests, timestamp));
  const counts = countsOf(tests);
  fs.writeFileSync(path.join(reportDir, COUNTS_FILE), JSON.stringify(counts) + "\n");
  return counts;
}

module.exports = { writeReport, countsOf, junitXml };
