// JSON columns: encoding and decoding. A payload up to the inline limit is stored in its column; a larger one
// is stored whole out of line (payload-blobs.ts) and its column holds a marker with a preview, which is what
// API readers see. Above the hard cap a payload is refused: a step fails rather than losing data.
import { WeftError, type ErrorInfo, type JsonValue } from '@weft/core';

export const DEFAULT_MAX_PAYLOAD_BYTES = 1024 * 1024;
export const DEFAULT_MAX_STORED_PAYLOAD_BYTES = 64 * 1024 * 1024;
const PREVIEW_BYTES = 1024;

export interface PayloadLimits {
  /** Larger payloads go out of line. */
  inline: number;
  /** Larger payloads are refused. */
  max: number;
}

/** Stored in a column in place of a payload larger than the inline limit. */
export interface TruncatedPayload {
  $truncated: true;
  /** Size of the original JSON text in UTF-8 bytes. */
  originalBytes: number;
  /** The first (at most) 1 KiB of the original JSON text. */
  preview: string;
  /** The slot of the run's `payload_blobs` that holds the whole payload (absent in markers of older versions). */
  $blob?: string;
}

export function isTruncatedPayload(value: unknown): value is TruncatedPayload {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { $truncated?: unknown }).$truncated === true &&
    typeof (value as { originalBytes?: unknown }).originalBytes === 'number'
  );
}

/** A payload ready to write: its column text and, when it is too large for the column, the blob to write. */
export interface EncodedPayload {
  column: string | null;
  blob?: { slot: string; bytes: number; body: string };
}

/**
 * Encodes `value` for a column; `undefined` becomes SQL NULL. `slot` names where an oversized payload goes in
 * the run's blobs, `what` names it in errors (`output of step "fetch"`).
 */
export function encodePayload(
  value: JsonValue | undefined,
  limits: PayloadLimits,
  where: { slot: string; what: string },
): EncodedPayload {
  if (value === undefined) return { column: null };
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    // A cyclic or BigInt value slipped past the types: keep the run alive and say what happened.
    const reason = error instanceof Error ? error.message : String(error);
    return { column: JSON.stringify({ $unserializable: true, reason }) };
  }
  if (text === undefined) return { column: null };
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes <= limits.inline) return { column: text };
  if (bytes > limits.max) throw payloadTooLarge(where.what, bytes, limits.max);
  const marker: TruncatedPayload = {
    $truncated: true,
    originalBytes: bytes,
    preview: utf8Prefix(text, PREVIEW_BYTES),
    $blob: where.slot,
  };
  return { column: JSON.stringify(marker), blob: { slot: where.slot, bytes, body: text } };
}

export function payloadTooLarge(what: string, bytes: number, max: number): WeftError {
  return new WeftError(
    'payload_too_large',
    `The ${what} is ${bytes} bytes, over the limit of ${max} bytes for a stored payload ` +
      `(WEFT_MAX_STORED_PAYLOAD_BYTES). Return less data, e.g. pick the fields you need or fetch fewer items per step.`,
    { fault: 'user', retryable: false, details: { bytes, limit: max } },
  );
}

/** An error keeps its shape when too large: the message is cut and the details replaced by a marker. */
export function encodeError(error: ErrorInfo | undefined, maxBytes: number): string | null {
  if (error === undefined) return null;
  let text: string;
  try {
    text = JSON.stringify(error);
  } catch {
    text = JSON.stringify({ code: error.code, message: error.message, details: { $unserializable: true } });
  }
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes <= maxBytes) return text;
  const cut: ErrorInfo = {
    code: error.code,
    message: utf8Prefix(error.message, PREVIEW_BYTES),
    details: { $truncated: true, originalBytes: bytes },
  };
  if (error.fault !== undefined) cut.fault = error.fault;
  if (error.retryable !== undefined) cut.retryable = error.retryable;
  return JSON.stringify(cut);
}

export function decodeJson(text: string | null): JsonValue | undefined {
  return text === null ? undefined : (JSON.parse(text) as JsonValue);
}

export function decodeError(text: string | null): ErrorInfo | undefined {
  return text === null ? undefined : (JSON.parse(text) as ErrorInfo);
}

/** Log messages are text, not JSON: cut them with a visible suffix instead of a marker object. */
export function capText(text: string, maxBytes: number): string {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes <= maxBytes) return text;
  return `${utf8Prefix(text, Math.min(maxBytes, PREVIEW_BYTES * 64))}… [truncated, ${bytes} bytes]`;
}

/** The longest prefix of `text` whose UTF-8 encoding fits in `maxBytes`, never splitting a character. */
export function utf8Prefix(text: string, maxBytes: number): string {
  let head = text.slice(0, maxBytes);
  // Never end on the first half of a surrogate pair.
  if (/[\ud800-\udbff]$/.test(head)) head = head.slice(0, -1);
  const buffer = Buffer.from(head, 'utf8');
  if (buffer.length <= maxBytes) return head;
  let end = maxBytes;
  // Step back over UTF-8 continuation bytes (10xxxxxx) so the cut lands on a character boundary.
  while (end > 0 && ((buffer[end] ?? 0) & 0xc0) === 0x80) end--;
  return buffer.subarray(0, end).toString('utf8');
}
