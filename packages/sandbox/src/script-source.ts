// How user sources become function bodies for the isolate, and how positions map back to them.
// Bodies go through V8's Function constructor inside the isolate, which parses the body on its own: a body
// cannot close the function early and inject code around it. The constructor builds the text
// `(function anonymous(trigger,steps,item,index\n) {\n<body>\n})`, so body line 1 is line 3 of what V8
// reports, and the syntax checker compiles that same text to learn positions.
import { createHash } from 'node:crypto';

export type ScriptKind = 'e' | 'c' | 'a';

export interface CompiledScript {
  /** `e`: the expressions of one template, `c`: a code body, `a`: a code body that awaits. */
  kind: ScriptKind;
  /** SHA-256 of the user sources: the isolate caches compiled functions under it. */
  hash: string;
  body: string;
  /** Expression sources (kind `e`) and the reported line where each starts. */
  expressions: string[];
  starts: number[];
  /** Code source line count (kind `c`/`a`). */
  lines: number;
  /** Loop-free and call-bounded (see bounded-expression.ts): may run on the synchronous fast path. */
  bounded: boolean;
  /** Overran the synchronous budget once; later runs go straight to the pool. */
  slow: boolean;
}

export const PARAMETERS = ['trigger', 'steps', 'item', 'index'] as const;

/** Reported line of the first body line. */
const BODY_FIRST_LINE = 3;
/** Reported line of the first user line: bodies start with one line of our own. */
const USER_FIRST_LINE = BODY_FIRST_LINE + 1;

function lineCount(source: string): number {
  let count = 1;
  for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) count++;
  return count;
}

function hashOf(kind: ScriptKind, sources: readonly string[]): string {
  return createHash('sha256')
    .update(`${kind}\u0000${sources.join('\u0000')}`)
    .digest('hex');
}

function sourceUrl(hash: string): string {
  return `\n//# sourceURL=weft-${hash}.js`;
}

/** One function returning the values of all expressions of a template, each on lines of its own. */
export function expressionsScript(expressions: readonly string[], bounded: boolean): CompiledScript {
  const hash = hashOf('e', expressions);
  const starts: number[] = [];
  let line = USER_FIRST_LINE;
  for (const expression of expressions) {
    starts.push(line);
    line += lineCount(expression) + 1;
  }
  const list = expressions.map((expression) => `(${expression}\n)`).join(',\n');
  const body = `"use strict"; return [\n${list}];${sourceUrl(hash)}`;
  return { kind: 'e', hash, body, expressions: [...expressions], starts, lines: 0, bounded, slow: false };
}

export function codeScript(code: string, isAsync: boolean): CompiledScript {
  const kind = isAsync ? 'a' : 'c';
  const hash = hashOf(kind, [code]);
  const body = `${codeCheckBody(code)}${sourceUrl(hash)}`;
  return { kind, hash, body, expressions: [], starts: [], lines: lineCount(code), bounded: false, slow: false };
}

/** Bodies used only to check syntax; user line 1 is reported line 4 in each. */
export function expressionCheckBodies(expression: string): string[] {
  return [`"use strict"; return (\n${expression}\n);`, `"use strict"; return [\n${expression}\n];`];
}

export function codeCheckBody(code: string): string {
  return `"use strict";\n${code}\n`;
}

/** The text V8's Function constructor compiles for a body. */
export function functionText(body: string, isAsync: boolean): string {
  return `(${isAsync ? 'async ' : ''}function anonymous(${PARAMETERS.join(',')}\n) {\n${body}\n})`;
}

export interface UserPosition {
  line: number;
  column: number;
  /** Index of the expression, for expression scripts. */
  expression?: number;
}

/** Maps a reported position (1-based, of the Function-constructor text) back into the user's source. */
export function userPosition(script: CompiledScript, line: number, column: number): UserPosition | undefined {
  if (script.kind !== 'e') {
    const userLine = line - USER_FIRST_LINE + 1;
    return userLine >= 1 && userLine <= script.lines ? { line: userLine, column } : undefined;
  }
  for (let i = script.expressions.length - 1; i >= 0; i--) {
    const start = script.starts[i]!;
    if (line < start) continue;
    const lines = lineCount(script.expressions[i]!);
    if (line >= start + lines) return undefined;
    const userLine = line - start + 1;
    return { line: userLine, column: userLine === 1 ? Math.max(1, column - 1) : column, expression: i };
  }
  return undefined;
}

/** Maps a position reported for a check body (user line 1 = reported line 4, no column shift). */
export function checkedPosition(
  source: string,
  line: number,
  column: number,
): { line: number; column: number; atEnd: boolean } | undefined {
  const userLine = line - USER_FIRST_LINE + 1;
  if (userLine < 1) return undefined;
  const lines = source.split('\n');
  if (userLine > lines.length) return { line: lines.length, column: lines[lines.length - 1]!.length + 1, atEnd: true };
  return { line: userLine, column, atEnd: false };
}
