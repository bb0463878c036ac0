// The seam between connector code and where files live: the runtime (the server's disk storage) implements
// `FileStorage`; connector code sees only `ctx.files`, bound to its run. Bytes move as streams: creating a file
// consumes a stream, opening one gives a fresh stream each time (a retried request reads it again).
import type { FileMeta, FileRef } from '@weft/core';
import type { Readable } from 'node:stream';

export interface CreateFileInput {
  /** The file name to show (a path is reduced to its last segment). */
  name: string;
  /** Media type; default application/octet-stream. */
  type?: string;
  source: AsyncIterable<Uint8Array>;
  /** Lower cap than the runtime's, in bytes. */
  maxBytes?: number;
}

/** Implemented by the runtime. Every method may throw a FileTooLargeError (create) or ConnectorError. */
export interface FileStorage {
  /** The runtime's largest file, in bytes. */
  readonly maxBytes: number;
  /** Writes `source` to a new file of run `runId` (null: not linked yet), durable when this resolves. */
  create(runId: string | null, input: CreateFileInput): Promise<FileRef>;
  /** The stored file a reference names; undefined when it is gone. */
  open(ref: FileRef): Promise<OpenedFile | undefined>;
}

export interface OpenedFile {
  meta: FileMeta;
  /** A new stream over the bytes, from the start. */
  stream(): Readable;
}

/** What connector code gets as `ctx.files`. */
export interface StepFiles {
  create(input: CreateFileInput): Promise<FileRef>;
  /** Throws a ConnectorError (`connector_file_not_found`) when the file is gone. */
  open(ref: FileRef): Promise<OpenedFile>;
}

/** A file being written grew past its limit: what was written is removed already. */
export class FileTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`The file is larger than the ${limitBytes} bytes limit`);
    this.name = 'FileTooLargeError';
  }
}
