// Request bodies: read once with a size limit, raw bytes kept (webhook signatures need them), JSON parsed on demand.
import type { Context } from 'koa';
import getRawBody from 'raw-body';
import { HttpProblem } from './problem.js';

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/** Each request's body, read once (kept beside the request: ctx.state is untyped). */
const rawBodies = new WeakMap<Context, Buffer>();

export async function readRawBody(ctx: Context, limit = DEFAULT_BODY_LIMIT): Promise<Buffer> {
  const cached = rawBodies.get(ctx);
  if (cached) return cached;
  const length = ctx.request.length;
  if (length !== undefined && length > limit) {
    throw new HttpProblem(
      413,
      'payload_too_large',
      `The request body (${length} bytes) is larger than the limit of ${limit} bytes.`,
    );
  }
  const raw = await getRawBody(ctx.req, { limit, length });
  rawBodies.set(ctx, raw);
  return raw;
}

/** Parses a JSON request body; an empty body is `undefined`. */
export async function readJson(ctx: Context, limit = DEFAULT_BODY_LIMIT): Promise<unknown> {
  const raw = await readRawBody(ctx, limit);
  if (raw.length === 0) return undefined;
  if (!ctx.is('application/json', '+json')) {
    throw new HttpProblem(
      415,
      'unsupported_media_type',
      'Send the body as JSON with "Content-Type: application/json".',
    );
  }
  return parseJsonBody(raw.toString('utf8'), 'request body');
}

/** Deeper bodies are refused: every walk over a value (validation, scripts, storage) would overflow the stack. */
export const MAX_JSON_DEPTH = 100;

/** JSON.parse for bodies: a 400 problem when malformed or nested deeper than MAX_JSON_DEPTH. */
export function parseJsonBody(text: string, what: string): unknown {
  const depth = nestingDepth(text);
  if (depth > MAX_JSON_DEPTH) {
    throw new HttpProblem(400, 'json_too_deep', `The ${what} nests deeper than ${MAX_JSON_DEPTH} levels.`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new HttpProblem(400, 'malformed_json', `The ${what} is not valid JSON: ${reason}`);
  }
}

/** The deepest nesting of arrays and objects in JSON text (brackets inside strings do not count). */
function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > deepest) deepest = depth;
      if (deepest > MAX_JSON_DEPTH) return deepest;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}
