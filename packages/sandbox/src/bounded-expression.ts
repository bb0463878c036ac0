// Which expressions may run synchronously on the calling thread (the fast path) instead of on the pool.
// A synchronous isolate call is ~20x cheaper than a pooled one, but it runs on the Node thread: if V8
// ever lost control of it (see README, "Limits"), the whole process would hang. So only expressions whose
// work is bounded by the size of their input qualify: no loops or functions (no `=>`, `function`, `class`),
// no assignments, no `new`, no regular expressions, and calls only to a list of linear-time functions and
// methods. Anything this conservative lexer does not understand disqualifies the expression.
import { STDLIB_FUNCTIONS } from './stdlib-functions.js';

export const BOUNDED_SOURCE_MAX_CHARS = 4096;

const words = (text: string): string[] => text.trim().split(/\s+/);

const GLOBAL_CALLS = new Set(
  words(
    'String Number Boolean parseInt parseFloat isNaN isFinite encodeURIComponent decodeURIComponent encodeURI decodeURI',
  ),
);
const REFERENCES = new Set([
  ...words('trigger steps item index Math JSON Object Array undefined NaN Infinity true false null'),
  ...words('typeof instanceof in void'),
  ...GLOBAL_CALLS,
  ...Object.keys(STDLIB_FUNCTIONS),
]);
/** Words after which an expression has not ended (a `/` there would start a regular expression). */
const OPERATOR_WORDS = new Set(words('typeof instanceof in void'));
const STATIC_CALLS: Record<string, ReadonlySet<string> | 'any'> = {
  Math: 'any',
  JSON: new Set(['stringify']),
  Object: new Set(words('keys values entries fromEntries hasOwn')),
  Array: new Set(['isArray']),
  Number: new Set(words('isInteger isFinite isNaN isSafeInteger parseFloat parseInt')),
  ...Object.fromEntries(Object.entries(STDLIB_FUNCTIONS).map(([name, functions]) => [name, new Set(functions)])),
};
const METHODS = new Set(
  words(`
    toUpperCase toLowerCase toLocaleUpperCase toLocaleLowerCase trim trimStart trimEnd slice substring substr
    includes startsWith endsWith indexOf lastIndexOf charAt charCodeAt codePointAt at split concat normalize
    localeCompare toString toLocaleString join flat toReversed toSorted toFixed toPrecision hasOwnProperty`),
);
const BLOCKED_PROPERTIES = new Set(
  words(`
    constructor prototype __proto__ caller callee arguments call apply bind
    __defineGetter__ __defineSetter__ __lookupGetter__ __lookupSetter__`),
);
const FORBIDDEN_PUNCTUATORS = new Set(words('= += -= *= /= %= **= <<= >>= >>>= &= |= ^= &&= ||= ??= ++ -- => ;'));
/** Longest first, so that `>>>=` is not read as `>>` `>=`. */
const PUNCTUATORS = words(`
  >>>= ... === !== **= <<= >>= >>> &&= ||= ??= => == != <= >= && || ?? ?. ++ -- += -= *= /= %= &= |= ^= ** << >>
  { } ( ) [ ] , < > + - * / % & | ^ ! ~ ? : . =`);

type TokenKind = 'name' | 'literal' | 'punct';
interface Token {
  kind: TokenKind;
  text: string;
}

const NAME_START = /[A-Za-z_$]/;
const NAME_PART = /^[\w$]*/;
const NUMBER = /^(?:0[xXoObB][\da-fA-F_]+n?|(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][+-]?\d[\d_]*)?n?)/;

/** After such a token an expression has ended: `(` there is a call, a template is tagged, `/` divides. */
function endsExpression(token: Token | undefined): boolean {
  if (!token) return false;
  if (token.kind === 'literal') return true;
  if (token.kind === 'name') return !OPERATOR_WORDS.has(token.text);
  return token.text === ')' || token.text === ']' || token.text === '}' || token.text === '}`';
}

function scanQuoted(source: string, start: number): number {
  const quote = source[start];
  for (let i = start + 1; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') i++;
    else if (ch === quote) return i + 1;
    else if (ch === '\n' || ch === '\r') return -1;
  }
  return -1;
}

/** Scans template characters from `start`; returns where it stopped and whether at `${` (else at the closing backtick). */
function scanTemplate(source: string, start: number): { end: number; substitution: boolean } | undefined {
  for (let i = start; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') i++;
    else if (ch === '`') return { end: i + 1, substitution: false };
    else if (ch === '$' && source[i + 1] === '{') return { end: i + 2, substitution: true };
  }
  return undefined;
}

function tokenize(source: string): Token[] | undefined {
  const tokens: Token[] = [];
  const braces: ('{' | '${')[] = [];
  let i = 0;
  const pushTemplate = (from: number, opening: boolean): boolean => {
    const scanned = scanTemplate(source, from);
    if (!scanned) return false;
    if (scanned.substitution) braces.push('${');
    const text = opening ? (scanned.substitution ? '`${' : '``') : scanned.substitution ? '}${' : '}`';
    tokens.push(text === '``' ? { kind: 'literal', text } : { kind: 'punct', text });
    i = scanned.end;
    return true;
  };
  while (i < source.length) {
    const ch = source[i]!;
    const rest = source.slice(i, i + 4);
    if (/\s/.test(ch)) i++;
    else if (rest.startsWith('//')) i = source.includes('\n', i) ? source.indexOf('\n', i) : source.length;
    else if (rest.startsWith('/*')) {
      const end = source.indexOf('*/', i + 2);
      if (end === -1) return undefined;
      i = end + 2;
    } else if (NAME_START.test(ch)) {
      const text = ch + NAME_PART.exec(source.slice(i + 1))![0];
      tokens.push({ kind: 'name', text });
      i += text.length;
    } else if (/\d/.test(ch) || (ch === '.' && /\d/.test(source[i + 1] ?? ''))) {
      const text = NUMBER.exec(source.slice(i))![0];
      tokens.push({ kind: 'literal', text });
      i += text.length;
    } else if (ch === '"' || ch === "'") {
      const end = scanQuoted(source, i);
      if (end === -1) return undefined;
      tokens.push({ kind: 'literal', text: source.slice(i, end) });
      i = end;
    } else if (ch === '`') {
      if (endsExpression(tokens[tokens.length - 1]) || !pushTemplate(i + 1, true)) return undefined;
    } else if (ch === '}' && braces[braces.length - 1] === '${') {
      braces.pop();
      if (!pushTemplate(i + 1, false)) return undefined;
    } else {
      const text = PUNCTUATORS.find((p) => rest.startsWith(p) && !(p === '?.' && /\d/.test(source[i + 2] ?? '')));
      if (!text) return undefined;
      if (text === '/' && !endsExpression(tokens[tokens.length - 1])) return undefined;
      if (text === '{') braces.push('{');
      if (text === '}' && braces.pop() !== '{') return undefined;
      tokens.push({ kind: 'punct', text });
      i += text.length;
    }
  }
  return braces.length === 0 ? tokens : undefined;
}

function isProperty(tokens: Token[], at: number): boolean {
  const before = tokens[at - 1];
  return before?.kind === 'punct' && (before.text === '.' || before.text === '?.');
}

/** A call `(` is allowed when its callee is `name(`, `Root.name(` or `<expression>.name(` from the lists. */
function allowedCall(tokens: Token[], at: number): boolean {
  const callee = tokens[at - 1];
  if (callee?.kind !== 'name') return false;
  if (!isProperty(tokens, at - 1)) return GLOBAL_CALLS.has(callee.text);
  const owner = tokens[at - 3];
  if (owner?.kind === 'name' && !isProperty(tokens, at - 3) && owner.text in STATIC_CALLS) {
    const allowed = STATIC_CALLS[owner.text]!;
    return allowed === 'any' || allowed.has(callee.text);
  }
  return METHODS.has(callee.text);
}

export function isBoundedExpression(source: string): boolean {
  if (source.length > BOUNDED_SOURCE_MAX_CHARS) return false;
  const tokens = tokenize(source);
  if (!tokens) return false;
  return tokens.every((token, at) => {
    if (token.kind === 'name') {
      return isProperty(tokens, at) ? !BLOCKED_PROPERTIES.has(token.text) : REFERENCES.has(token.text);
    }
    if (token.kind === 'literal') return !/^['"](?:constructor|prototype|__proto__)['"]$/.test(token.text);
    if (FORBIDDEN_PUNCTUATORS.has(token.text)) return false;
    if (token.text !== '(') return true;
    const before = tokens[at - 1];
    if (before?.text === '?.') return false;
    return endsExpression(before) ? allowedCall(tokens, at) : true;
  });
}
