// The first gate: only canonical request paths go further. Routing, authentication and the editor's static
// files then all see one spelling of each path, so none of them can be reached by a spelling another part
// reads differently (`/API/flows`, `/api//flows`, `/api/x/../flows`, `/api%2fflows`, `/api\flows`, ...).
// Everything else is 404 problem+json.
import type { Middleware } from 'koa';
import { HttpProblem } from './problem.js';

/** First path segments the server owns; other casings of them are refused rather than served as the editor. */
const RESERVED = ['api', 'hooks', 'healthz', 'readyz', 'socket.io'];

const UNRESERVED = /^[A-Za-z0-9\-._~]$/;

/** Why a path is not canonical, or undefined when it is. */
export function nonCanonical(path: string): string | undefined {
  if (!path.startsWith('/')) return 'it does not start with "/"';
  if (path.includes('\\')) return 'it contains a backslash';
  if (path !== '/' && path.endsWith('/')) return 'it ends with "/"';
  const segments = path.slice(1).split('/');
  for (const segment of segments) {
    if (path !== '/' && segment === '') return 'it has an empty segment ("//")';
    if (segment === '.' || segment === '..') return 'it has a "." or ".." segment';
  }
  for (const escape of path.matchAll(/%(.{0,2})/g)) {
    const hex = escape[1]!;
    if (!/^[0-9A-Fa-f]{2}$/.test(hex)) return 'it has a malformed percent-escape';
    const code = parseInt(hex, 16);
    const char = String.fromCharCode(code);
    if (UNRESERVED.test(char)) return `it percent-encodes "${char}", which needs no encoding`;
    if (char === '/' || char === '\\') return 'it percent-encodes a path separator';
    if (code < 0x20 || code === 0x7f) return 'it percent-encodes a control character';
  }
  try {
    decodeURIComponent(path);
  } catch {
    return 'its percent-escapes are not UTF-8';
  }
  const first = segments[0]!.toLowerCase();
  if (RESERVED.includes(first) && segments[0] !== first) return `"/${first}" is spelled in lower case`;
  return undefined;
}

export function canonicalPath(): Middleware {
  return async (ctx, next) => {
    const reason = nonCanonical(ctx.path);
    if (reason) throw new HttpProblem(404, 'not_found', `No route matches ${ctx.method} ${ctx.path}: ${reason}.`);
    await next();
  };
}
