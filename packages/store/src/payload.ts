// JSON columns: encoding with a size cap (oversized payloads become a marker, never a crash) and decoding.
import type { ErrorInfo, JsonValue } from '@weft/core';

export const DEFAULT_MAX_PAYLOAD_BYTES = 1024 * 1024;
const PREVIEW_BYTES = 1024;

/** Stored in place of a payload larger than `maxPayloadBytes`. */
export interface TruncatedPayload {
  $truncated: true;
  /** Size of the original JSON text in UTF-8 bytes. */
  originalBytes: number;
  /** The first (at most) 1 KiB of the original JSON text. */
  preview: string;
}

export function isTruncatedPayload(value: unknown): value is TruncatedPayload {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { $truncated?: unknown }).$truncated === true &&
    typeof (value as { originalBytes?: unknown }).originalBytes === 'number'
  );
}

/** JSON text for a payload column; `undefined` becomes SQL NULL. */
export function encodePayload(value: JsonValue | undefined, maxBytes: number): string | null {
  if (value === undefined) return null;
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    // A cyclic or BigInt value slipped past the types: keep the run alive and say what happened.
    const reason = error instanceof Error ? error.message : String(error);
    return JSON.stringify({ $unserializable: true, reason });
  }
  if (text === undefined) return null;
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes <= maxBytes) return text;
  const marker: TruncatedPayload = { $truncated: true, originalBytes: bytes, preview: utf8Prefix(text, PREVIEW_BYTES) };
  return JSON.stringify(marker);
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
