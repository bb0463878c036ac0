// File storage in memory for connector tests (`runAction(connector, key, { files: createMemoryFileStorage() })`):
// what `ctx.files` and the HTTP client's file bodies and responses use, without a data directory. Test-sized
// files only: everything is held in memory.
import { fileRefJson, type FileRef } from '@weft/core';
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { FileTooLargeError, type FileStorage, type OpenedFile } from '../files/file-port.js';

export interface MemoryFileStorage extends FileStorage {
  /** The bytes of a stored file, by its reference. */
  bytes(ref: FileRef): Buffer | undefined;
  /** Stores bytes as a file (a trigger's upload, say) and returns its reference. */
  put(name: string, type: string, bytes: Uint8Array): FileRef;
}

export function createMemoryFileStorage(maxBytes = 10 * 1024 * 1024): MemoryFileStorage {
  const files = new Map<string, { ref: FileRef; bytes: Buffer }>();
  const put = (name: string, type: string, bytes: Uint8Array): FileRef => {
    const buffer = Buffer.from(bytes);
    const ref = fileRefJson({
      id: `fil_${randomBytes(12).toString('base64url')}`,
      name,
      type,
      size: buffer.length,
      sha256: createHash('sha256').update(buffer).digest('hex'),
    });
    files.set(ref.$file.id, { ref, bytes: buffer });
    return ref;
  };
  return {
    maxBytes,
    put,
    bytes: (ref) => files.get(ref.$file.id)?.bytes,
    async create(_runId, input) {
      const limit = Math.min(input.maxBytes ?? maxBytes, maxBytes);
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of input.source) {
        size += chunk.length;
        if (size > limit) throw new FileTooLargeError(limit);
        chunks.push(Buffer.from(chunk));
      }
      return put(input.name, input.type ?? 'application/octet-stream', Buffer.concat(chunks));
    },
    async open(ref): Promise<OpenedFile | undefined> {
      const stored = files.get(ref.$file.id);
      if (!stored || stored.ref.$file.sha256 !== ref.$file.sha256) return undefined;
      return { meta: stored.ref.$file, stream: () => Readable.from([stored.bytes]) };
    },
  };
}
