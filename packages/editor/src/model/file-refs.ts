// File references in run data (`{ "$file": { id, name, type, size, sha256 } }`): found in a step's input or
// output so the run page can offer each file's name, type and size with a download link. Plain data checks: the
// editor shares only types with the runtime, so the shape is re-checked here.

export interface FileChip {
  /** Where in the value it sits, e.g. `body.doc` (empty for the value itself). */
  path: string;
  id: string;
  name: string;
  type: string;
  size: number;
}

const FILE_ID = /^fil_[A-Za-z0-9_-]{8,64}$/;

/** Every file reference inside `value`, depth-first, at most `limit` (a forEach output may hold thousands). */
export function fileChips(value: unknown, limit = 50): FileChip[] {
  const found: FileChip[] = [];
  const walk = (current: unknown, path: string, depth: number) => {
    if (found.length >= limit || depth > 64 || typeof current !== 'object' || current === null) return;
    const chip = asChip(current, path);
    if (chip) {
      found.push(chip);
      return;
    }
    const entries = Array.isArray(current) ? current.map((v, i) => [`[${i}]`, v] as const) : Object.entries(current);
    for (const [key, item] of entries) {
      const next = key.startsWith('[') ? `${path}${key}` : path ? `${path}.${key}` : key;
      walk(item, next, depth + 1);
    }
  };
  walk(value, '', 0);
  return found;
}

function asChip(value: object, path: string): FileChip | undefined {
  if (Array.isArray(value) || Object.keys(value).length !== 1) return undefined;
  const meta = (value as { $file?: unknown }).$file;
  if (typeof meta !== 'object' || meta === null) return undefined;
  const { id, name, type, size } = meta as Record<string, unknown>;
  if (typeof id !== 'string' || !FILE_ID.test(id)) return undefined;
  if (typeof name !== 'string' || typeof type !== 'string' || typeof size !== 'number') return undefined;
  return { path, id, name, type, size };
}

/** `1.5 MB`, `320 KB`, `12 bytes` (powers of 1024, as file managers show). */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte${bytes === 1 ? '' : 's'}`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 10 ? Math.round(value) : Math.round(value * 10) / 10} ${units[unit]}`;
}

/** The download route of a run's file (GET /api/runs/{id}/files/{fileId}). */
export function fileDownloadUrl(runId: string, fileId: string): string {
  return `/api/runs/${encodeURIComponent(runId)}/files/${encodeURIComponent(fileId)}`;
}
