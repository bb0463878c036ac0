// One HTTP exchange through undici, guarded: redirects followed by hand (at most 5, each hop re-checked by
// the SSRF guard, credentials dropped when the origin changes), a response size cap, and errors classified
// as network or timeout — with whether the request may already have reached the server.
import { Agent, request, type Dispatcher, type buildConnector } from 'undici';
import type { FileRef } from '@weft/core';
import { Readable } from 'node:stream';
import { ConnectorError } from '../errors.js';
import { FileTooLargeError } from '../files/file-port.js';
import { isStreamBody, type StreamBody } from './file-body.js';
import type { SsrfGuard } from './ssrf-guard.js';

export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;
export const DEFAULT_MAX_REDIRECTS = 5;

export interface TransportOptions {
  guard: SsrfGuard;
  /** Connect timeout in ms (default 10 000). */
  connectTimeout?: number;
  maxRedirects?: number;
  /** Extra trusted CA certificates (PEM), e.g. an internal CA. */
  ca?: string | readonly string[];
  /** Replaces the socket factory under the guard (tests: prove nothing connects). */
  socketFactory?: buildConnector.connector;
}

export interface OutgoingRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: string | Uint8Array | StreamBody;
  /** Header names to drop when a redirect leaves the original origin (credentials). */
  sensitiveHeaders?: readonly string[];
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
  url: string;
  /** Set when the body went to a file (`SendOptions.spill`); `body` is empty then. */
  file?: FileRef;
}

export interface SendOptions {
  signal: AbortSignal;
  maxBytes: number;
  timedOut: () => boolean;
  /** Writes the bodies it accepts to files as they arrive (never held in memory). */
  spill?: ResponseSpill;
}

export interface ResponseSpill {
  when(status: number, headers: Record<string, string>): boolean;
  /** Throws FileTooLargeError past the file limit (the partial file removed). */
  write(body: AsyncIterable<Uint8Array>, headers: Record<string, string>, url: string): Promise<FileRef>;
}

/** A failure before any response: `maybeSent` is false when the request certainly never reached the server. */
export class TransportFailure extends Error {
  readonly kind: 'network' | 'timeout';
  readonly maybeSent: boolean;
  readonly errorCode: string | undefined;
  /** Retrying cannot help (e.g. an invalid TLS certificate). */
  readonly permanent: boolean;

  constructor(kind: 'network' | 'timeout', message: string, maybeSent: boolean, errorCode?: string, permanent = false) {
    super(message);
    this.name = 'TransportFailure';
    this.kind = kind;
    this.maybeSent = maybeSent;
    this.errorCode = errorCode;
    this.permanent = permanent;
  }
}

const NOT_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);
const TLS_PROBLEM = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH)/;
const ALWAYS_DROPPED = ['authorization', 'proxy-authorization', 'cookie'];

export interface Transport {
  send(request: OutgoingRequest, options: SendOptions): Promise<RawResponse>;
  close(): Promise<void>;
}

export function createTransport(options: TransportOptions): Transport {
  const agent = new Agent({
    connect: options.guard.connector({
      timeout: options.connectTimeout ?? 10_000,
      ...(options.ca ? { ca: options.ca } : {}),
      ...(options.socketFactory ? { connect: options.socketFactory } : {}),
    }),
  });
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;

  async function send(
    outgoing: OutgoingRequest,
    { signal, maxBytes, timedOut, spill }: SendOptions,
  ): Promise<RawResponse> {
    const origin = outgoing.url.origin;
    let { method, url, headers, body } = outgoing;
    for (let hop = 0; ; hop++) {
      options.guard.assertUrl(url);
      let response: Dispatcher.ResponseData;
      try {
        response = await request(url, {
          method: method as Dispatcher.HttpMethod,
          headers: isStreamBody(body) ? { ...headers, 'content-length': String(body.length) } : headers,
          body: isStreamBody(body) ? Readable.from(body.stream(), { objectMode: false }) : (body ?? null),
          signal,
          dispatcher: agent,
        });
      } catch (error) {
        throw classify(error, signal, timedOut);
      }
      const location = response.headers.location;
      if (
        response.statusCode >= 300 &&
        response.statusCode < 400 &&
        typeof location === 'string' &&
        response.statusCode !== 304
      ) {
        await response.body.dump().catch(() => undefined);
        if (hop >= maxRedirects) {
          throw new ConnectorError({
            kind: 'upstream',
            code: 'connector_too_many_redirects',
            retryable: false,
            message: `${outgoing.url.host} redirected more than ${maxRedirects} times`,
          });
        }
        const next = new URL(location, url);
        if (
          response.statusCode === 303 ||
          ((response.statusCode === 301 || response.statusCode === 302) && method === 'POST')
        ) {
          method = method === 'HEAD' ? 'HEAD' : 'GET';
          body = undefined;
          headers = withoutHeaders(headers, ['content-type', 'content-length']);
        }
        if (next.origin !== origin) {
          headers = withoutHeaders(headers, [...ALWAYS_DROPPED, ...(outgoing.sensitiveHeaders ?? [])]);
        }
        url = next;
        continue;
      }
      const flat = flattenHeaders(response.headers);
      if (spill?.when(response.statusCode, flat)) {
        const file = await spillBody(response, spill, flat, url, signal, timedOut);
        return { status: response.statusCode, headers: flat, body: new Uint8Array(), url: url.toString(), file };
      }
      return {
        status: response.statusCode,
        headers: flat,
        body: await readCapped(response, maxBytes, url, signal, timedOut),
        url: url.toString(),
      };
    }
  }

  return { send, close: () => agent.close() };
}

async function spillBody(
  response: Dispatcher.ResponseData,
  spill: ResponseSpill,
  headers: Record<string, string>,
  url: URL,
  signal: AbortSignal,
  timedOut: () => boolean,
): Promise<FileRef> {
  try {
    return await spill.write(response.body, headers, url.toString());
  } catch (error) {
    response.body.destroy();
    if (error instanceof FileTooLargeError) {
      throw new ConnectorError({
        kind: 'upstream',
        code: 'connector_response_too_large',
        retryable: false,
        message: `The response from ${url.host} is larger than the ${formatBytes(error.limitBytes)} file limit`,
        details: { limitBytes: error.limitBytes },
      });
    }
    if (error instanceof ConnectorError) throw error;
    throw classify(error, signal, timedOut);
  }
}

async function readCapped(
  response: Dispatcher.ResponseData,
  maxBytes: number,
  url: URL,
  signal: AbortSignal,
  timedOut: () => boolean,
): Promise<Uint8Array> {
  const tooLarge = () =>
    new ConnectorError({
      kind: 'upstream',
      code: 'connector_response_too_large',
      retryable: false,
      message: `The response from ${url.host} is larger than the ${formatBytes(maxBytes)} limit`,
      details: { limitBytes: maxBytes },
    });
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.body.destroy();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of response.body) {
      total += (chunk as Buffer).length;
      if (total > maxBytes) {
        response.body.destroy();
        throw tooLarge();
      }
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    if (error instanceof ConnectorError) throw error;
    throw classify(error, signal, timedOut);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

function classify(error: unknown, signal: AbortSignal, timedOut: () => boolean): Error {
  const blocked = findConnectorError(error);
  if (blocked) return blocked;
  if (timedOut()) return new TransportFailure('timeout', 'the request timed out', true, 'timeout');
  if (signal.aborted) return signal.reason instanceof Error ? signal.reason : new Error(String(signal.reason));
  const code = errorCode(error);
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return new TransportFailure('timeout', 'connecting timed out', false, code);
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return new TransportFailure('timeout', 'the server stopped answering', true, code);
  }
  const message = error instanceof Error ? error.message : String(error);
  if (code !== undefined && TLS_PROBLEM.test(code)) {
    return new TransportFailure('network', `TLS certificate problem: ${message}`, false, code, true);
  }
  return new TransportFailure('network', message, !(code !== undefined && NOT_SENT.has(code)), code);
}

function findConnectorError(error: unknown, depth = 0): ConnectorError | undefined {
  if (depth > 5 || typeof error !== 'object' || error === null) return undefined;
  if (error instanceof ConnectorError) return error;
  const nested = [(error as { cause?: unknown }).cause, ...((error as { errors?: unknown[] }).errors ?? [])];
  for (const inner of nested) {
    const found = findConnectorError(inner, depth + 1);
    if (found) return found;
  }
  return undefined;
}

function errorCode(error: unknown, depth = 0): string | undefined {
  if (depth > 5 || typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && code !== 'UND_ERR_SOCKET') return code;
  return errorCode((error as { cause?: unknown }).cause, depth + 1) ?? (typeof code === 'string' ? code : undefined);
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function withoutHeaders(headers: Record<string, string>, names: readonly string[]): Record<string, string> {
  const drop = new Set(names.map((n) => n.toLowerCase()));
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !drop.has(name.toLowerCase())));
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB` : `${bytes} bytes`;
}
