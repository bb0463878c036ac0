// Files of runs under `<data dir>/files/<run id or "incoming">/<file id>`: written from a stream chunk by chunk
// (never whole in memory) while the SHA-256 and the size are computed, refused past a limit (the partial file
// removed), synced to disk with their directory before their row is recorded, so a file a reference names has
// survived a crash. Retention sweeps the files whose run is gone. With PostgreSQL and several processes, the
// data directory must be shared by all of them (docs/files.md).
import { fileRefJson, type FileRef } from '@weft/core';
import { FileTooLargeError, type CreateFileInput, type FileStorage, type OpenedFile } from '@weft/sdk';
import type { Store } from '@weft/store';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rm, stat } from 'node:fs/promises';
import { basename, join, resolve, sep } from 'node:path';

export const DEFAULT_MAX_FILE_BYTES = 100 * 1024 * 1024;
/** A file younger than this is never swept: a webhook records its files just before its run. */
export const SWEEP_GRACE_MS = 60 * 60_000;

export interface DiskFilesOptions {
  dataDir: string;
  store: Pick<Store, 'files'>;
  maxBytes?: number;
  now?: () => number;
}

export class DiskFiles implements FileStorage {
  readonly maxBytes: number;
  private readonly root: string;

  constructor(private readonly options: DiskFilesOptions) {
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
    this.root = resolve(options.dataDir);
  }

  async create(runId: string | null, input: CreateFileInput): Promise<FileRef> {
    const id = `fil_${randomBytes(16).toString('base64url')}`;
    const folder = runId && /^[A-Za-z0-9_-]+$/.test(runId) ? runId : 'incoming';
    const relative = join('files', folder, id);
    const path = join(this.root, relative);
    const limit = Math.min(input.maxBytes ?? this.maxBytes, this.maxBytes);
    await mkdir(join(this.root, 'files', folder), { recursive: true });
    const name = cleanName(input.name);
    const type = cleanType(input.type);
    // The row first: should the process die while writing, the sweep finds the partial file through it.
    const createdAt = (this.options.now ?? Date.now)();
    await this.options.store.files.record({ id, runId, name, type, size: 0, sha256: '', path: relative, createdAt });
    const hash = createHash('sha256');
    let size = 0;
    try {
      const handle = await open(path, 'wx', 0o600);
      try {
        for await (const chunk of input.source) {
          size += chunk.length;
          if (size > limit) throw new FileTooLargeError(limit);
          hash.update(chunk);
          await handle.write(chunk);
        }
        await handle.sync();
      } finally {
        await handle.close();
      }
      await syncDirectory(join(this.root, 'files', folder));
    } catch (error) {
      await rm(path, { force: true });
      await this.options.store.files.remove([id]);
      throw error;
    }
    const meta = { id, name, type, size, sha256: hash.digest('hex') };
    await this.options.store.files.complete(id, meta);
    return fileRefJson(meta);
  }

  async open(ref: FileRef): Promise<OpenedFile | undefined> {
    const row = await this.options.store.files.get(ref.$file.id);
    if (!row || row.sha256 !== ref.$file.sha256) return undefined;
    const path = this.pathOf(row.path);
    if (!path || !(await stat(path).catch(() => undefined))) return undefined;
    const meta = { id: row.id, name: row.name, type: row.type, size: row.size, sha256: row.sha256 };
    return { meta, stream: () => createReadStream(path) };
  }

  /** The stored file of a run (the download route); undefined when it is not that run's or is gone. */
  async ofRun(runId: string, fileId: string): Promise<(OpenedFile & { path: string }) | undefined> {
    const row = await this.options.store.files.get(fileId);
    if (!row || row.runId !== runId || row.sha256 === '') return undefined;
    const path = this.pathOf(row.path);
    if (!path || !(await stat(path).catch(() => undefined))) return undefined;
    const meta = { id: row.id, name: row.name, type: row.type, size: row.size, sha256: row.sha256 };
    return { meta, path, stream: () => createReadStream(path) };
  }

  /** Removes files (disk, then row): those of an upload refused half-way. */
  discard(refs: readonly FileRef[]): Promise<void> {
    return this.remove(refs, () => true);
  }

  /** Removes the files no run was linked to: a delivery refused, or a duplicate, after its upload. */
  discardUnlinked(refs: readonly FileRef[]): Promise<void> {
    return this.remove(refs, (runId) => runId === null);
  }

  private async remove(refs: readonly FileRef[], which: (runId: string | null) => boolean): Promise<void> {
    for (const ref of refs) {
      const row = await this.options.store.files.get(ref.$file.id);
      if (!row || !which(row.runId)) continue;
      const path = this.pathOf(row.path);
      if (path) await rm(path, { force: true });
      await this.options.store.files.remove([row.id]);
    }
  }

  /** Deletes the files whose run is gone (older than the grace period); how many went. */
  async sweep(now = (this.options.now ?? Date.now)(), batch = 500): Promise<number> {
    let removed = 0;
    for (;;) {
      const rows = await this.options.store.files.sweepable(now - SWEEP_GRACE_MS, batch);
      for (const row of rows) {
        const path = this.pathOf(row.path);
        if (path) await rm(path, { force: true });
      }
      await this.options.store.files.remove(rows.map((r) => r.id));
      removed += rows.length;
      if (rows.length < batch) return removed;
    }
  }

  /** The absolute path of a stored relative path, only when it stays inside `<data dir>/files`. */
  private pathOf(relative: string): string | undefined {
    const path = resolve(this.root, relative);
    return path.startsWith(join(this.root, 'files') + sep) ? path : undefined;
  }
}

/** A name to show and send: the last path segment, no control characters, at most 255 characters. */
function cleanName(name: string): string {
  const printable = [...name].filter((c) => c.charCodeAt(0) > 0x1f && c.charCodeAt(0) !== 0x7f).join('');
  const cleaned = basename(printable.replace(/\\/g, '/')).slice(0, 255);
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? 'file' : cleaned;
}

/** A media type as `type/subtype` (parameters kept), else application/octet-stream. */
function cleanType(type: string | undefined): string {
  const trimmed = (type ?? '').trim().toLowerCase();
  return /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+(\s*;.*)?$/.test(trimmed) && trimmed.length <= 200
    ? trimmed
    : 'application/octet-stream';
}

async function syncDirectory(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } catch {
    // Some file systems cannot sync a directory; the file itself is synced.
  } finally {
    await handle.close();
  }
}
