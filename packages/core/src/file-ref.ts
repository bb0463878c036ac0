// Binary payloads travel through flow data by reference: `{ "$file": { id, name, type, size, sha256 } }`. The
// bytes stay in a file under the data directory; mappings and templates read the metadata like any JSON, and
// only connector code (through the SDK's `ctx.files`) or the download route ever opens the bytes.
export type FileMeta = {
  /** Opaque id (`fil_…`): the key of the stored file. */
  id: string;
  /** The file name the sender gave (or one derived from the URL); never a path on this machine. */
  name: string;
  /** Media type as received, e.g. `application/pdf`. */
  type: string;
  /** Bytes. */
  size: number;
  /** Hex SHA-256 of the bytes, computed while they were written. */
  sha256: string;
};

export type FileRef = { $file: FileMeta };

/** The JSON Schema of a file reference, the one definition every other schema points at. */
export const fileRefSchema = {
  type: 'object',
  properties: {
    $file: {
      type: 'object',
      properties: {
        id: { type: 'string', pattern: '^fil_[A-Za-z0-9_-]{8,64}$' },
        name: { type: 'string' },
        type: { type: 'string' },
        size: { type: 'integer', minimum: 0 },
        sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
      },
      required: ['id', 'name', 'type', 'size', 'sha256'],
      additionalProperties: false,
    },
  },
  required: ['$file'],
  additionalProperties: false,
} as const;

const FILE_ID = /^fil_[A-Za-z0-9_-]{8,64}$/;

/** Whether `value` is a well-formed file reference (the id is checked, so it is safe to use as a file name). */
export function isFileRef(value: unknown): value is FileRef {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  if (keys.length !== 1 || keys[0] !== '$file') return false;
  const meta = (value as { $file: unknown }).$file;
  if (typeof meta !== 'object' || meta === null) return false;
  const m = meta as Record<string, unknown>;
  return (
    typeof m.id === 'string' &&
    FILE_ID.test(m.id) &&
    typeof m.name === 'string' &&
    typeof m.type === 'string' &&
    typeof m.size === 'number' &&
    Number.isSafeInteger(m.size) &&
    m.size >= 0 &&
    typeof m.sha256 === 'string' &&
    /^[0-9a-f]{64}$/.test(m.sha256)
  );
}

/** The reference as flow data. */
export function fileRefJson(meta: FileMeta): FileRef {
  return { $file: { id: meta.id, name: meta.name, type: meta.type, size: meta.size, sha256: meta.sha256 } };
}
