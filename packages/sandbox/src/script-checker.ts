// Syntax checks without running anything, in a small isolate of their own that never executes user code.
// The verdict comes from V8's Function constructor, exactly as the evaluating isolates will compile the
// body; the position comes from compiling the same text as a script, whose errors carry `[file:line:col]`.
import ivm from 'isolated-vm';
import { checkedPosition, codeCheckBody, expressionCheckBodies, functionText, PARAMETERS } from './script-source.js';

export interface SyntaxProblem {
  message: string;
  line?: number;
  column?: number;
}

export interface CodeCheck {
  problem?: SyntaxProblem;
  /** The body uses `await`, so it compiles as an async function. */
  async: boolean;
}

const CHECK_FILE = 'weft-check.js';
/** V8 quotes the whole source in some messages (invalid regular expressions). */
const MESSAGE_MAX_CHARS = 300;
const POSITION = / \[weft-check\.js:(\d+):(\d+)\]$/;

const checkerSource = `(function () {
  'use strict';
  const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor;
  const parameters = ${JSON.stringify(PARAMETERS)};
  return function check(isAsync, body) {
    try {
      if (isAsync) new AsyncFunction(...parameters, body);
      else new Function(...parameters, body);
      return '';
    } catch (error) {
      return String(error && error.message) || 'Invalid syntax';
    }
  };
})()`;

export class ScriptChecker {
  readonly #isolate: ivm.Isolate;
  readonly #check: ivm.Reference<(isAsync: boolean, body: string) => string>;

  #lost = false;

  constructor(memoryLimitMb: number) {
    // Compiling never runs user code, but a huge source could still exhaust the heap: then this checker
    // is abandoned (see `usable`) instead of letting isolated-vm abort the process.
    this.#isolate = new ivm.Isolate({ memoryLimit: memoryLimitMb, onCatastrophicError: () => (this.#lost = true) });
    const context = this.#isolate.createContextSync();
    this.#check = context.evalSync(checkerSource, { reference: true });
  }

  expression(source: string): SyntaxProblem | undefined {
    const problems: SyntaxProblem[] = [];
    for (const body of expressionCheckBodies(source)) {
      const problem = this.#problem(source, body, false);
      if (problem) problems.push(problem);
    }
    // `a), (b` passes one wrapper but not the other; prefer the report that points inside the source.
    return problems.find((problem) => problem.line !== undefined) ?? problems[0];
  }

  code(source: string): CodeCheck {
    const body = codeCheckBody(source);
    if (!this.#problem(source, body, false)) return { async: false };
    const problem = this.#problem(source, body, true);
    return problem ? { problem, async: true } : { async: true };
  }

  get usable(): boolean {
    return !this.#lost && !this.#isolate.isDisposed;
  }

  dispose(): void {
    if (!this.#lost && !this.#isolate.isDisposed) this.#isolate.dispose();
  }

  #problem(source: string, body: string, isAsync: boolean): SyntaxProblem | undefined {
    const message = this.#check.applySync(undefined, [isAsync, body], { timeout: 5000 });
    if (message === '') return undefined;
    // V8's words when a body closes the function early, as in `}); (function () {`.
    const early = message === 'Single function literal required';
    const text = early ? "Unexpected '}': the body closes its function early" : message;
    const problem: SyntaxProblem = {
      message: text.length > MESSAGE_MAX_CHARS ? `${text.slice(0, MESSAGE_MAX_CHARS - 1)}\u2026` : text,
    };
    const reported = this.#reportedPosition(functionText(body, isAsync));
    const position = reported && checkedPosition(source, reported.line, reported.column);
    if (position) {
      if (position.atEnd) problem.message = 'Unexpected end of input';
      problem.line = position.line;
      problem.column = position.column;
    }
    return problem;
  }

  #reportedPosition(text: string): { line: number; column: number } | undefined {
    try {
      this.#isolate.compileScriptSync(text, { filename: CHECK_FILE }).release();
      return undefined;
    } catch (error) {
      const match = error instanceof Error ? POSITION.exec(error.message) : null;
      return match ? { line: Number(match[1]), column: Number(match[2]) } : undefined;
    }
  }
}
