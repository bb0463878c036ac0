// Request bodies read from stored files, and responses written to them: a file reference as the whole body
// (`file`), or as parts of a multipart/form-data body (`multipart`), streamed from disk on every attempt (never
// held in memory); and the rule deciding which responses become files instead of text or JSON.
import { randomBytes } from 'node:crypto';
import type { FileRef } from '@weft/core';
import { ConnectorError } from '../errors.js';
import type { OpenedFile, StepFiles } from '../files/file-port.js';
import type { HttpRequest } from './http-types.js';

/** A body produced anew for each attempt (retries and 307/308 redirects send it again). */
export interface StreamBody {
  stream(): AsyncIterable<Uint8Array>;
  /** Bytes, when known up front (sent as content-length). */
  length: number;
}

export function isStreamBody(body: unknown): body is StreamBody {
  return typeof body === 'object' && body !== null && typeof (body as StreamBody).stream === 'function';
}

/** The body of a request with `file` or `multipart`, setting its content type; undefined for other requests. */
export async function fileBody(
  request: HttpRequest,
  headers: Record<string, string>,
  files: StepFiles | undefined,
): Promise<StreamBody | undefined> {
  if (request.file === undefined && request.multipart === undefined) return undefined;
  if (!files) {
    throw new ConnectorError({
      kind: 'validation',
      code: 'connector_file_not_found',
      message: 'Files can be sent only from a flow step (this request has no run)',
    });
  }
  if (request.file !== undefined) {
    const opened = await files.open(request.file);
    headers['content-type'] ??= opened.meta.type || 'application/octet-stream';
    return { stream: () => opened.stream(), length: opened.meta.size };
  }
  const boundary = `----weft${randomBytes(12).toString('hex')}`;
  headers['content-type'] = `multipart/form-data; boundary=${boundary}`;
  const parts: { head: Buffer; file?: OpenedFile; value?: Buffer }[] = [];
  for (const part of request.multipart ?? []) {
    const name = quoted(part.name);
    if ('file' in part) {
      const opened = await files.open(part.file);
      const filename = quoted(part.filename ?? opened.meta.name);
      const type = opened.meta.type || 'application/octet-stream';
      const head = `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`;
      parts.push({ head: Buffer.from(head), file: opened });
    } else {
      const head = `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n`;
      parts.push({ head: Buffer.from(head), value: Buffer.from(String(part.value)) });
    }
  }
  const tail = Buffer.from(`--${boundary}--\r\n`);
  const crlf = Buffer.from('\r\n');
  const length =
    parts.reduce((n, p) => n + p.head.length + (p.file ? p.file.meta.size : p.value!.length) + crlf.length, 0) +
    tail.length;
  return {
    length,
    async *stream() {
      for (const part of parts) {
        yield part.head;
        if (part.file) for await (const chunk of part.file.stream()) yield chunk as Uint8Array;
        else yield part.value!;
        yield crlf;
      }
      yield tail;
    },
  };
}

/** Quotes a form-data name or file name: no CR, LF or double quote can break out of the header. */
function quoted(value: string): string {
  return value.replace(/[\r\n"]/g, (c) => (c === '"' ? '%22' : c === '\r' ? '%0D' : '%0A'));
}

const TEXTUAL =
  /^(text\/|application\/(json|[\w.+-]*\+json|xml|[\w.+-]*\+xml|x-www-form-urlencoded|javascript|graphql)\b)/i;

/**
 * Whether a response becomes a file: asked for (`responseType: 'file'`), or left to the client (no
 * responseType) with a body that is not text (an image, a PDF, application/octet-stream) or larger than what
 * the step may hold in memory. Failures (4xx/5xx) never do: their bodies explain the error.
 */
export function spillsToFile(
  request: HttpRequest,
  status: number,
  headers: Record<string, string>,
  maxInMemory: number,
): boolean {
  if (status < 200 || status >= 300 || status === 204) return false;
  if (request.responseType === 'file') return true;
  if (request.responseType !== undefined || (request.method ?? 'GET') === 'HEAD') return false;
  const type = headers['content-type'];
  if (type !== undefined && !TEXTUAL.test(type.trim())) return true;
  const declared = Number(headers['content-length']);
  return Number.isFinite(declared) && declared > maxInMemory;
}

/** A file name for a response: its Content-Disposition filename, else the URL's last segment. */
export function responseFileName(headers: Record<string, string>, url: string): string {
  const disposition = headers['content-disposition'] ?? '';
  const star = /filename\*=(?:UTF-8'')?([^;]+)/i.exec(disposition)?.[1];
  if (star) {
    try {
      return decodeURIComponent(star.trim().replace(/^"|"$/g, ''));
    } catch {
      // fall through to the plain filename
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition)?.[1];
  if (plain) return plain.trim();
  const last = new URL(url).pathname.split('/').filter(Boolean).pop();
  return last ? decodeURIComponent(last) : 'response';
}

export type { FileRef };
