// Building the outgoing request (URL against the connector's base, query, body encodings) and decoding the
// response body by content type.
import { ConnectorError } from '../errors.js';
import type { HttpRequest, QueryValue } from './http-types.js';

export function buildUrl(request: HttpRequest, baseUrl: string | undefined): URL {
  let url: URL;
  try {
    url =
      baseUrl !== undefined && !/^[a-z][a-z0-9+.-]*:/i.test(request.url)
        ? joinUrl(baseUrl, request.url)
        : new URL(request.url);
  } catch {
    throw new ConnectorError({
      kind: 'validation',
      code: 'connector_bad_url',
      message: `"${request.url}" is not a valid URL`,
    });
  }
  for (const [name, value] of Object.entries(request.query ?? {})) {
    const values = (Array.isArray(value) ? value : [value]) as QueryValue[];
    for (const item of values) if (item !== undefined && item !== null) url.searchParams.append(name, String(item));
  }
  return url;
}

/** `https://api.x.com/v1` + `/customers` = `https://api.x.com/v1/customers` (unlike `new URL`, keeps the base path). */
function joinUrl(base: string, path: string): URL {
  return new URL(`${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`);
}

export function encodeBody(request: HttpRequest, headers: Record<string, string>): string | Uint8Array | undefined {
  if (request.json !== undefined) {
    headers['content-type'] ??= 'application/json';
    return JSON.stringify(request.json);
  }
  if (request.form !== undefined) {
    headers['content-type'] ??= 'application/x-www-form-urlencoded';
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(request.form)) {
      if (value !== undefined && value !== null) params.append(name, String(value));
    }
    return params.toString();
  }
  return request.body;
}

export function lowerCaseHeaders(headers: HttpRequest['headers']): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {}))
    if (value !== undefined) result[name.toLowerCase()] = value;
  return result;
}

/** Strict for successful responses (invalid JSON is an error); lenient for error bodies (falls back to text). */
export function decodeBody(
  bytes: Uint8Array,
  contentType: string | undefined,
  responseType: HttpRequest['responseType'],
  strict: boolean,
  host: string,
): unknown {
  if (responseType === 'bytes') return bytes;
  const text = Buffer.from(bytes).toString('utf8');
  const wantsJson = responseType === 'json' || (responseType === undefined && /[/+]json\b/i.test(contentType ?? ''));
  if (responseType === 'text' || !wantsJson) return text;
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    if (!strict) return text;
    throw new ConnectorError({
      kind: 'upstream',
      code: 'connector_invalid_json',
      retryable: false,
      message: `${host} returned a response that is not valid JSON`,
    });
  }
}
