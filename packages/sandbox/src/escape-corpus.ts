// Escape attempts against the sandbox, with the error each must end in. Several are published vm2 escapes (CVE
// ids in the names), adapted to our API: vm2 shared a heap with its host, so its escapes hunt for a host object;
// here every path ends at the isolate's frozen, host-free globals. Shared by the sandbox's own corpus test and
// the server's, which runs each as a flow step through the HTTP API (export `@weft/sandbox/escape-corpus`).
import type { ScriptError } from '@weft/core';

type Code = ScriptError['code'];
export interface EscapePayload {
  name: string;
  code?: string;
  template?: string;
  expect: Code;
  message?: RegExp;
  /** Fills the heap: the sandbox test runs it on a small memory limit. */
  memory?: boolean;
}

/** Makes V8 lose control of its isolate: a native loop over 3e7 indices that ignores termination (~740 MB). */
export const ABANDON_PAYLOAD = "let s = 'x'.repeat(3e7);\nlet n = 0;\nfor (const k in s) n++;\nreturn n;";

export const ESCAPE_PAYLOADS: EscapePayload[] = [
  {
    name: 'this.constructor.constructor',
    code: "return this.constructor.constructor('return process')()",
    expect: 'script_runtime',
  },
  {
    name: 'Function constructor reaching for process',
    code: "return ({}).constructor.constructor('return process')().mainModule",
    expect: 'script_runtime',
    message: /process is not defined/,
  },
  {
    name: "Function('return this') then process",
    code: "const g = Function('return this')();\nreturn g.process.exit(1);",
    expect: 'script_runtime',
  },
  {
    name: "Function('return this') then require",
    code: "const g = Function('return this')();\nreturn g.require('child_process');",
    expect: 'script_runtime',
  },
  { name: 'indirect eval of this', code: "return (0, eval)('this').process.env", expect: 'script_runtime' },
  {
    name: 'AsyncFunction constructor',
    code: "const AsyncFunction = (async () => {}).constructor;\nreturn await AsyncFunction('return process')();",
    expect: 'script_runtime',
    message: /process is not defined/,
  },
  {
    name: 'require and process globals',
    code: "return require('fs').readFileSync('/etc/passwd', 'utf8')",
    expect: 'script_runtime',
    message: /require is not defined/,
  },
  {
    name: 'fetch',
    code: "return await fetch('http://169.254.169.254/')",
    expect: 'script_runtime',
    message: /fetch is not defined/,
  },
  { name: 'timers', code: 'setTimeout(() => {}, 0)', expect: 'script_runtime', message: /setTimeout is not defined/ },
  {
    name: 'dynamic import()',
    code: "const fs = await import('node:fs');\nreturn fs.readdirSync('/');",
    expect: 'script_runtime',
  },
  { name: 'import.meta', code: 'return import.meta.url', expect: 'script_syntax' },
  {
    name: 'prototype pollution by assignment',
    code: "Object.prototype.polluted = 'yes';\nreturn 1;",
    expect: 'script_runtime',
  },
  {
    name: 'prototype pollution through __proto__',
    code: "({}).__proto__.polluted = 'yes';\nreturn ({}).polluted.length;",
    expect: 'script_runtime',
  },
  {
    name: 'prototype pollution through JSON and Object.assign',
    code: 'const o = Object.assign({}, JSON.parse(\'{"__proto__": {"polluted": 1}}\'));\nreturn ({}).polluted.toFixed();',
    expect: 'script_runtime',
  },
  {
    name: 'toJSON getter on Object.prototype',
    code: "Object.defineProperty(Object.prototype, 'toJSON', { get() { return () => 'pwned'; } });",
    expect: 'script_runtime',
  },
  {
    name: 'replacing a builtin method',
    code: 'Array.prototype.map = function () { return ["pwned"]; };',
    expect: 'script_runtime',
  },
  { name: 'replacing the standard library', code: "$str.slugify = () => 'pwned';", expect: 'script_runtime' },
  {
    name: 'Error.prepareStackTrace (CVE-2023-29017)',
    code: "Error.prepareStackTrace = (e, frames) => frames[0].getThis().constructor.constructor('return process')();\nreturn (async () => {}).constructor('return process')();",
    expect: 'script_runtime',
  },
  {
    name: 'Error.captureStackTrace looking for host frames',
    code: "const e = {};\nError.captureStackTrace(e);\nreturn e.stack.split('\\n').find((line) => /node:|\\/work\\//.test(line)).length;",
    expect: 'script_runtime',
  },
  {
    name: 'Error name toString trick (CVE-2023-32314)',
    code: "const err = new Error('message');\nerr.name = { toString() { return this.constructor.constructor('return process')().mainModule; } };\nreturn String(err);",
    expect: 'script_runtime',
    message: /process is not defined/,
  },
  {
    name: 'Proxy getPrototypeOf in a catch clause (CVE-2023-30547)',
    code: "const err = new Proxy({}, { getPrototypeOf() { (function stack() { new Error().stack; stack(); })(); } });\ntry { throw err; } catch ({ constructor: c }) { c.constructor('return process')(); }",
    expect: 'script_runtime',
    message: /Proxy is not defined/,
  },
  {
    name: 'Promise species catching a rejection (CVE-2023-37466)',
    code: [
      'async function fn() { null.x; }',
      'const p = fn();',
      'return await new Promise((resolve, reject) => {',
      '  p.constructor = { [Symbol.species]: class FakePromise { constructor(executor) { executor((x) => x, (err) => {',
      "    try { resolve(err.constructor.constructor('return process')().mainModule); } catch (e) { reject(e); }",
      '  }); } } };',
      '  p.then();',
      '});',
    ].join('\n'),
    expect: 'script_runtime',
    message: /process is not defined/,
  },
  {
    name: 'inspect.custom symbol (CVE-2023-37903)',
    code: "const obj = { [Symbol.for('nodejs.util.inspect.custom')]: (d, o, inspect) => inspect.constructor('return process')() };\nconsole.log(obj);\nreturn WebAssembly.compileStreaming(obj);",
    expect: 'script_runtime',
    message: /WebAssembly is not defined/,
  },
  {
    name: 'Symbol.species returning the global object',
    code: 'class Evil extends Array { static get [Symbol.species]() { return function () { return globalThis; }; } }\nreturn new Evil(1, 2).map((x) => x);',
    expect: 'script_runtime',
  },
  {
    name: 'WebAssembly memory bomb',
    code: 'const pages = [];\nfor (;;) pages.push(new WebAssembly.Memory({ initial: 65536 }));',
    expect: 'script_runtime',
    message: /WebAssembly is not defined/,
  },
  {
    name: 'SharedArrayBuffer and Atomics.wait',
    code: 'Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);',
    expect: 'script_runtime',
  },
  {
    name: 'FinalizationRegistry callbacks after the run',
    code: 'new FinalizationRegistry(() => {}).register({}, 1);',
    expect: 'script_runtime',
  },
  {
    name: 'arguments.callee.caller',
    code: 'return (function () { return arguments.callee.caller; })();',
    expect: 'script_runtime',
  },
  { name: 'infinite loop', code: 'for (;;) {}', expect: 'script_timeout' },
  { name: 'infinite microtask loop', code: 'for (;;) await null;', expect: 'script_timeout' },
  {
    name: 'deep recursion',
    code: 'function down(n) { return down(n + 1) + 1; }\nreturn down(0);',
    expect: 'script_runtime',
    message: /Maximum call stack size exceeded/,
  },
  {
    name: 'memory exhaustion',
    code: 'const kept = [];\nfor (let i = 0; ; i++) kept.push(new Array(10000).fill(i));',
    expect: 'script_memory',
    memory: true,
  },
  {
    name: 'huge string by doubling',
    code: "let s = 'x';\nfor (;;) s += s;",
    expect: 'script_runtime',
    message: /Invalid string length/,
  },
  {
    name: 'fill on a sparse array of length 1e9',
    code: 'return new Array(1e9).fill(0).length;',
    expect: 'script_runtime',
    message: /over the sandbox limit/,
  },
  {
    name: 'map and toReversed over a sparse array',
    code: 'return new Array(1e9).map((x) => x).toReversed().length;',
    expect: 'script_runtime',
    message: /over the sandbox limit/,
  },
  {
    name: 'indexOf over an array-like of length 1e12',
    code: 'return Array.prototype.indexOf.call({ length: 1e12 }, 1);',
    expect: 'script_runtime',
    message: /over the sandbox limit/,
  },
  {
    name: 'Array.from an array-like of length 1e9',
    code: 'return Array.from({ length: 1e9 }, () => 0).length;',
    expect: 'script_runtime',
    message: /over the sandbox limit/,
  },
  {
    name: "split('') of a 268M character string",
    code: "return 'x'.repeat(2 ** 28).split('').length;",
    expect: 'script_runtime',
    message: /over the sandbox limit/,
  },
  {
    name: 'Object.keys of a 100M character string',
    code: "return Object.keys('x'.repeat(1e8)).length;",
    expect: 'script_runtime',
    message: /over the sandbox limit/,
  },
  {
    name: 'flat over a nested sparse array',
    code: 'return [new Array(1e9)].flat().length;',
    expect: 'script_runtime',
    message: /over the sandbox limit/,
  },
  {
    name: 'concat of a spreadable array-like',
    code: 'return [].concat({ length: 1e12, [Symbol.isConcatSpreadable]: true }).length;',
    expect: 'script_runtime',
    message: /over the sandbox limit/,
  },
  {
    name: 'length getter that lies',
    code: 'let n = 0;\nreturn Array.prototype.fill.call({ get length() { return n++ ? 1e12 : 0; } }, 1);',
    expect: 'script_runtime',
  },
  {
    name: 'result with a getter',
    code: 'return { get secret() { return 1; } };',
    expect: 'script_result',
    message: /a getter at \$\.secret/,
  },
  {
    name: 'result with a cycle',
    code: 'const o = { a: {} };\no.a.back = o;\nreturn o;',
    expect: 'script_result',
    message: /a circular reference at \$\.a\.back/,
  },
  {
    name: 'result with toJSON',
    code: 'return { toJSON() { return globalThis; } };',
    expect: 'script_result',
    message: /a function at \$\.toJSON/,
  },
  { name: 'result with a symbol and a BigInt', code: "return [Symbol('s'), 1n];", expect: 'script_result' },
  {
    name: 'thrown object with a throwing message getter',
    code: "throw { get message() { throw new Error('nested'); } };",
    expect: 'script_runtime',
    message: /^Uncaught/,
  },
  {
    name: 'expression breaking out of its parentheses',
    template: '{{ 1), (globalThis.x = 1 }}',
    expect: 'script_syntax',
  },
  {
    name: 'code closing the function body early',
    code: "}); (function () { return 'outside';",
    expect: 'script_syntax',
  },
  {
    name: 'expression reaching for process',
    template: "{{ ({}).constructor.constructor('return process')() }}",
    expect: 'script_runtime',
    message: /process is not defined/,
  },
];
