// Webhook uploads spilled to files: a multipart/form-data body (parsed as it streams by busboy) becomes an
// object of its text fields and file references, a binary body (octet-stream, an image, a PDF: anything not
// text, JSON, XML or a urlencoded form) one file reference. Bytes go to disk as they arrive, never whole in
// memory, each file under WEFT_MAX_FILE_BYTES and all of them under WEFT_MAX_UPLOAD_BYTES, else 413 with every
// file of the request removed. Only the built-in trigger without a body signature spills: an HMAC or Standard
// Webhooks signature covers the raw bytes, so such deliveries keep the buffered path (and its body limit).
import type { FileRef, FlowDefinition, JsonValue } from '@weft/core';
import { FileTooLargeError } from '@weft/sdk';
import busboy from 'busboy';
import type { Context } from 'koa';
import type { Readable } from 'node:stream';
import type { Services } from '../context.js';
import type { DiskFiles } from '../files/disk-files.js';
import { HttpProblem } from './problem.js';

const TEXTUAL = /^(text\/|application\/(json|[\w.+-]*\+json|xml|[\w.+-]*\+xml|x-www-form-urlencoded|javascript)\b)/i;

export interface Upload {
  /** The trigger's `body`: the form's fields and file references, or the one file reference. */
  body: JsonValue;
  files: FileRef[];
}

/** Whether this delivery's body goes to files (see the header); checked before anything is read. */
export function spillsUpload(ctx: Context, services: Services, flow: FlowDefinition): boolean {
  if (!services.files || flow.trigger.connector !== 'webhook@1') return false;
  const verify = flow.trigger.config?.verify;
  if (typeof verify === 'string' && verify !== 'none') return false;
  const type = ctx.get('content-type').trim();
  if (type === '' || ctx.method === 'GET') return false;
  return /^multipart\/form-data\b/i.test(type) || !TEXTUAL.test(type);
}

/** Reads the body into files (durable when this resolves); a problem (413, 400) when refused, files removed. */
export async function readUpload(ctx: Context, services: Services): Promise<Upload> {
  const files = services.files!;
  const limits = services.uploads ?? { maxFileBytes: files.maxBytes, maxUploadBytes: files.maxBytes };
  const declared = ctx.request.length;
  if (declared !== undefined && declared > limits.maxUploadBytes) {
    throw tooLarge(limits.maxUploadBytes, 'request');
  }
  const created: FileRef[] = [];
  const counter = { total: 0, limit: limits.maxUploadBytes };
  try {
    if (ctx.is('multipart/form-data')) return await readForm(ctx, files, limits.maxFileBytes, counter, created);
    const ref = await files.create(null, {
      name: dispositionName(ctx.get('content-disposition')) ?? 'body',
      type: ctx.get('content-type'),
      source: counted(ctx.req, counter),
      maxBytes: limits.maxFileBytes,
    });
    created.push(ref);
    return { body: ref, files: created };
  } catch (error) {
    // What was sent past the refusal is read and dropped, so the sender receives the answer.
    ctx.req.resume();
    ctx.set('Connection', 'close');
    await files.discard(created);
    if (error instanceof FileTooLargeError) {
      throw tooLarge(error.limitBytes, error.limitBytes === counter.limit ? 'request' : 'file');
    }
    if (error instanceof HttpProblem) throw error;
    // The sender went away mid-upload (or the body was cut short): nothing was kept, nobody to answer.
    if (ctx.req.destroyed || (error as NodeJS.ErrnoException).code === 'ECONNRESET')
      throw new HttpProblem(400, 'bad_request', 'The upload was interrupted; nothing was kept.');
    throw error;
  }
}

function readForm(
  ctx: Context,
  files: DiskFiles,
  maxFileBytes: number,
  counter: { total: number; limit: number },
  created: FileRef[],
): Promise<Upload> {
  return new Promise<Upload>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: ctx.req.headers,
        limits: { fieldSize: 1024 * 1024, fields: 1000, files: 100, parts: 1100 },
      });
    } catch (error) {
      reject(new HttpProblem(400, 'bad_request', `The multipart body cannot be read: ${String(error)}`));
      return;
    }
    const entries: [string, JsonValue][] = [];
    const pending: Promise<void>[] = [];
    /** File parts still being read: stopped when the form is refused, so their writes end (and are removed). */
    const active = new Set<Readable>();
    let failed = false;
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      ctx.req.unpipe(parser);
      for (const stream of active) stream.destroy(error instanceof Error ? error : new Error(String(error)));
      // Files still being written finish or fail first: the caller then removes every one.
      void Promise.allSettled(pending).then(() => reject(error));
    };
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) fail(new HttpProblem(413, 'file_too_large', `The form field "${name}" is over 1 MiB.`));
      else entries.push([name, value]);
    });
    parser.on('file', (name, stream: Readable, info) => {
      if (failed) {
        stream.resume();
        return;
      }
      const slot = entries.push([name, null]) - 1;
      active.add(stream);
      stream.once('close', () => active.delete(stream));
      // Its errors reach the file's writer through its iteration; once that stopped, nobody else listens.
      stream.on('error', () => undefined);
      pending.push(
        files
          .create(null, {
            name: info.filename ?? name,
            type: info.mimeType,
            source: counted(stream, counter),
            maxBytes: maxFileBytes,
          })
          .then((ref) => {
            created.push(ref);
            entries[slot] = [name, ref];
          })
          .catch((error: unknown) => {
            stream.resume();
            fail(error);
          }),
      );
    });
    parser.on('partsLimit', () => fail(new HttpProblem(413, 'file_too_large', 'The form has more than 1100 parts.')));
    parser.on('filesLimit', () => fail(new HttpProblem(413, 'file_too_large', 'The form has more than 100 files.')));
    parser.on('fieldsLimit', () => fail(new HttpProblem(413, 'file_too_large', 'The form has more than 1000 fields.')));
    parser.on('error', (error) =>
      fail(new HttpProblem(400, 'bad_request', `The multipart body cannot be read: ${(error as Error).message}`)),
    );
    parser.on('close', () => {
      void Promise.all(pending).then(() => {
        if (!failed) resolve({ body: formBody(entries), files: created });
      });
    });
    ctx.req.pipe(parser);
  });
}

/** The form as an object: a name given once is its value, a repeated name an array of its values. */
function formBody(entries: [string, JsonValue][]): JsonValue {
  const grouped = new Map<string, JsonValue[]>();
  for (const [name, value] of entries) grouped.set(name, [...(grouped.get(name) ?? []), value]);
  return Object.fromEntries([...grouped].map(([name, values]) => [name, values.length === 1 ? values[0]! : values]));
}

/** Counts the bytes of all the files of one request; past the total it throws (the file being written is removed). */
async function* counted(source: AsyncIterable<unknown>, counter: { total: number; limit: number }) {
  for await (const chunk of source) {
    const bytes = chunk as Uint8Array;
    counter.total += bytes.length;
    if (counter.total > counter.limit) throw new FileTooLargeError(counter.limit);
    yield bytes;
  }
}

function dispositionName(header: string): string | undefined {
  return /filename="?([^";]+)"?/i.exec(header)?.[1]?.trim();
}

function tooLarge(limit: number, what: 'file' | 'request'): HttpProblem {
  const detail =
    what === 'file'
      ? `A file of this request is larger than the limit of ${limit} bytes (WEFT_MAX_FILE_BYTES); nothing was kept.`
      : `The files of this request total more than ${limit} bytes (WEFT_MAX_UPLOAD_BYTES); nothing was kept.`;
  return new HttpProblem(413, 'file_too_large', detail, { limitBytes: limit });
}
