// The linked module's source, made acceptable to an SES compartment without changing what it
// does. Two things in the Kotlin/JS output need it:
//
// 1. The override mistake. With frozen intrinsics, assigning a property that an object only
//    inherits from a frozen prototype throws in strict code. Kotlin's runtime assigns
//    `ctor.prototype.constructor = ctor` for every class with a parent, including classes that
//    extend Array (JsArrayView), whose `constructor` SES does not make overridable. The
//    assignment becomes the definition it means.
// 2. Model code must not change how the hidden tests' values behave: an `equals` patched on
//    the prototype of Kotlin's Long or ArrayList would make assertEquals agree with anything.
//    Every Kotlin class registers with the runner as the runtime declares it
//    (initMetadataFor), and the runner freezes their prototypes once all are declared, before
//    the first line that can run model code (the module's init, eager init or tests region).
//    `guard` is the name of the runner's hook, fresh and unguessable per run.
// 3. SES refuses any source that merely looks like `<!--`, `-->`, `import(` or `eval(`
//    (regular expressions over the text, because it cannot parse). Kotlin prints string
//    literals verbatim, so a test asserting on "a --> b" would refuse to load. When the text
//    holds one of those, acorn tokenizes the module and the string literals and comments
//    that hold them are rewritten (the same values, escaped; comments blanked). Two shapes
//    of code that libraries print (Ktor's client and kotlinx-io, below) are rewritten to
//    what they do in this realm; any other `import(...)` or direct `eval(...)` in code
//    stays, and SES refuses it.
"use strict";

const CONSTRUCTOR_ASSIGNMENT = /\bctor\.prototype\.constructor = ctor;/g;
const METADATA_FUNCTION = "\n  function initMetadataFor(kind, ctor, ";
// The regions the module's last lines fall in; model code first runs in one of them.
const RUN_REGIONS = ["init", "eager init", "tests"].map((r) => `\n  //region block: ${r}\n`);
const CONSTRUCTOR_DEFINITION = "Object.defineProperty(ctor.prototype, 'constructor', " +
  "{value: ctor, writable: true, enumerable: true, configurable: true});";
// SES's own patterns (ses/src/transforms.js), one alternation.
const REFUSED = /<!--|-->|(?:^|[^.]|\.\.\.)\bimport\s*(?:\(|\/[/*])|(?:^|[^.])\beval\s*\(/;
const HEX = { "<": "\\x3C", ">": "\\x3E", "(": "\\x28", "/": "\\x2F" };

function escapeChars(text) {
  return text.replace(/[<>(/]/g, (c) => HEX[c]);
}

function stringLiteral(value) {
  // JSON's string syntax is JS's (ES2019), and JSON.stringify escapes lone surrogates.
  return escapeChars(JSON.stringify(value));
}

function templateChunk(cooked) {
  return escapeChars(cooked.replace(/[\\`$\r]/g, (c) => (c === "\r" ? "\\r" : "\\" + c)));
}

function blank(text) {
  return text.replace(/[^\n\r\u2028\u2029]/g, " ");
}

// A call `<callee>(<one string literal>)` ending at the last of `recent`, five tokens: the
// callee's token and the string's, or null. Not a property's (`x.eval(...)`, which SES
// lets through) nor `new eval(...)`.
function callWithString(recent, tt) {
  const [before, callee, open, arg, close] = recent;
  if (!close || close.type !== tt.parenR || !arg || arg.type !== tt.string || !open ||
      open.type !== tt.parenL || !callee) return null;
  if (before && (before.type === tt.dot || before.type === tt.questionDot ||
      before.type === tt._new)) return null;
  return { callee, arg, start: callee.start, end: close.end };
}

// `eval('require')`, which kotlinx-io (Ktor's I/O) runs lazily to reach Node's path, fs, os
// and buffer modules, taking a failure as "no such module": the direct eval of a lone
// identifier reads that identifier's binding where the call stands, so it becomes the
// identifier itself. Here that binding is the module's own `require` (realm.js), which
// model code can name anyway; nothing else is reached.
function requireEval(call, tt) {
  if (call === null || call.callee.type !== tt.name || call.callee.value !== "eval" ||
      call.arg.value !== "require") return null;
  return [call.start, call.end, "require"];
}

// `import('<name>')`, a dynamic import (Ktor's JS engine imports "ws" for a WebSocket): a
// compartment's script has no modules to import, so it becomes what an import that finds no
// module gives, a Promise rejected with an Error, and touches nothing. (Kotlin prints the
// code of js("...") again with every statement's semicolon, so the parenthesis that now
// starts the call cannot continue the line before it.)
function dynamicImport(call, tt) {
  if (call === null || call.callee.type !== tt._import) return null;
  const message = stringLiteral(`import(${JSON.stringify(call.arg.value)}) is not available ` +
    "to tests: kateval's test realm has no modules to import");
  return [call.start, call.end, `(async () => { throw new Error(${message}); })()`];
}

function replacements(source, acorn) {
  const found = [];
  const comments = [];
  const recent = [];
  const tt = acorn.tokTypes;
  const tokens = acorn.tokenizer(source, {
    ecmaVersion: "latest", sourceType: "script", allowHashBang: true, onComment: comments,
  });
  for (const token of tokens) {
    recent.push(token);
    if (recent.length > 5) recent.shift();
    const call = token.type === tt.parenR ? callWithString(recent, tt) : null;
    const rewritten = requireEval(call, tt) || dynamicImport(call, tt);
    if (rewritten !== null) {
      // It replaces the whole call, the string literal in it included.
      while (found.length > 0 && found[found.length - 1][0] >= rewritten[0]) found.pop();
      found.push(rewritten);
      continue;
    }
    const raw = source.slice(token.start, token.end);
    if (!REFUSED.test(raw)) continue;
    if (token.type === tt.string) {
      found.push([token.start, token.end, stringLiteral(token.value)]);
    } else if (token.type === tt.template && typeof token.value === "string") {
      found.push([token.start, token.end, templateChunk(token.value)]);
    }
  }
  const spans = found.slice(); // a comment may stand inside a rewritten call
  const inSpan = (start) => spans.some(([from, to]) => start >= from && start < to);
  for (const comment of comments) {
    const raw = source.slice(comment.start, comment.end);
    if (REFUSED.test(raw) && !inSpan(comment.start)) {
      found.push([comment.start, comment.end, blank(raw)]);
    }
  }
  return found.sort((a, b) => a[0] - b[0]);
}

function escapeRefusedLiterals(source) {
  if (!REFUSED.test(source)) return source;
  const acorn = require("acorn");
  const parts = [];
  let at = 0;
  for (const [start, end, text] of replacements(source, acorn)) {
    parts.push(source.slice(at, start), text);
    at = end;
  }
  parts.push(source.slice(at));
  return parts.join("");
}

// The last occurrence of each marker: model-made text can only come before the real ones,
// which close the module.
function sealPoint(source) {
  const found = RUN_REGIONS.map((marker) => source.lastIndexOf(marker)).filter((i) => i >= 0);
  return found.length ? Math.min(...found) : -1;
}

// Where the body of Kotlin's initMetadataFor starts, when the module declares it once.
function metadataBody(source) {
  const at = source.indexOf(METADATA_FUNCTION);
  if (at < 0 || source.indexOf(METADATA_FUNCTION, at + 1) >= 0) return -1;
  const body = source.indexOf(") {\n", at + METADATA_FUNCTION.length);
  return body < 0 || source.slice(at + 1, body).includes("\n") ? -1 : body + 4;
}

function insertGuard(source, guard) {
  const add = metadataBody(source);
  const seal = sealPoint(source);
  if (add < 0 || seal < add) {
    throw new Error("the module is not laid out as Kotlin/JS links it (no single " +
      "initMetadataFor, or no init/tests region after it)");
  }
  return `${source.slice(0, add)}    ${guard}.add(ctor);\n${source.slice(add, seal)}` +
    `\n  ${guard}.seal();${source.slice(seal)}`;
}

// The guard goes in last, so that nothing rewrites it.
function prepareSource(source, guard) {
  const repaired = source.replace(CONSTRUCTOR_ASSIGNMENT, CONSTRUCTOR_DEFINITION);
  return insertGuard(escapeRefusedLiterals(repaired), guard);
}

module.exports = { prepareSource };
