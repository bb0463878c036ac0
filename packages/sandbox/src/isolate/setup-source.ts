// Assembles the isolate-side JavaScript into one strict function that runs once per new context: capture
// intrinsics, install guards, standard library and console, lock everything down, and hand the host the
// dispatcher. The dispatcher object is returned to the host only (as a reference the host keeps); nothing
// in the context can reach it, its compiled-function cache or any host object.
import { PARAMETERS } from '../script-source.js';
import { consoleSource } from './console-source.js';
import { dispatcherSource } from './dispatcher-source.js';
import { guardsSource } from './guards-source.js';
import { lockdownSource } from './lockdown-source.js';
import { preludeSource } from './prelude-source.js';
import { resultSource } from './result-source.js';
import { stdlibCryptoSource } from './stdlib-crypto-source.js';
import { stdlibDateSource } from './stdlib-date-source.js';
import { stdlibTextSource } from './stdlib-text-source.js';

export interface IsolateConfig {
  /** Longest array, string or array-like that bulk builtins accept. */
  maxElements: number;
  logMaxEntries: number;
  logMaxChars: number;
  /** Compiled functions kept per isolate. */
  cacheSize: number;
}

const install = String.raw`
function installGlobals() {
  const library = { $date: $date, $str: $str, $arr: $arr, $crypto: $crypto };
  for (const name of objectKeys(library)) {
    defineProperty(globalThis, name, { value: library[name], writable: false, enumerable: false, configurable: false });
  }
}

installGuards();
installConsole();
installGlobals();
lockdown();
`;

export function setupSource(config: IsolateConfig): string {
  const parts = [
    preludeSource,
    guardsSource,
    consoleSource,
    resultSource,
    stdlibTextSource,
    stdlibCryptoSource,
    stdlibDateSource,
    dispatcherSource,
    lockdownSource,
    install,
  ];
  return `(function (config) {\n'use strict';\nconst PARAMETERS = ${JSON.stringify(PARAMETERS)};\n${parts.join('\n')}\nreturn { run: run, collect: collect };\n})(${JSON.stringify(config)})`;
}
