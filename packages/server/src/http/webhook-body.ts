// Webhook bodies, read only after the delivery passed its checks: JSON (by content type), form fields, or the
// raw text. JSON nested deeper than MAX_WEBHOOK_DEPTH is refused before it is parsed: a scan of the text, with
// no recursion, finds the depth; deeper data would break the steps that read it and the store that keeps it.
import type { JsonValue } from '@weft/core';
import type { Context } from 'koa';
import { HttpProblem } from './problem.js';

/** Deepest nesting of arrays and objects a webhook body may have (a Stripe or GitHub event is under 15). */
export const MAX_WEBHOOK_DEPTH = 64;

/** How deep the arrays and objects of a JSON text nest (strings skipped); stops counting past `limit`. */
export function jsonDepth(text: string, limit = MAX_WEBHOOK_DEPTH): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

export type ParsedWebhookBody = { ok: true; body: JsonValue } | { ok: false; problem: HttpProblem };

/**
 * The body as the trigger sees it; a malformed or over-deep JSON body becomes a problem (not thrown). The
 * built-in trigger keeps any other body as text (`text: 'keep'`); connector triggers read JSON or form fields
 * only, so another body must still be JSON whatever its content type says, else it is a 415 problem.
 */
export function parseWebhookBody(ctx: Context, raw: Buffer, text: 'keep' | 'json' = 'keep'): ParsedWebhookBody {
  if (raw.length === 0) return { ok: true, body: null };
  const utf8 = raw.toString('utf8');
  if (ctx.is('application/x-www-form-urlencoded')) {
    return { ok: true, body: Object.fromEntries(new URLSearchParams(utf8)) };
  }
  const json = ctx.is('application/json', '+json');
  if (!json && text === 'keep') return { ok: true, body: utf8 };
  const parsed = parseJson(utf8);
  if (!json && !parsed.ok && parsed.problem.code === 'malformed_json') {
    const detail = `This trigger reads JSON (or form) bodies; this one is ${ctx.get('content-type') || 'untyped'} and not JSON.`;
    return { ok: false, problem: new HttpProblem(415, 'unsupported_media_type', detail) };
  }
  return parsed;
}

function parseJson(text: string): ParsedWebhookBody {
  if (jsonDepth(text) > MAX_WEBHOOK_DEPTH) {
    return {
      ok: false,
      problem: new HttpProblem(
        422,
        'body_too_deep',
        `The webhook body nests arrays and objects more than ${MAX_WEBHOOK_DEPTH} levels deep; ` +
          `Weft accepts at most ${MAX_WEBHOOK_DEPTH}.`,
      ),
    };
  }
  try {
    const body: JsonValue = JSON.parse(text);
    return { ok: true, body };
  } catch (error) {
    const detail = `The webhook body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`;
    return { ok: false, problem: new HttpProblem(400, 'malformed_json', detail) };
  }
}
