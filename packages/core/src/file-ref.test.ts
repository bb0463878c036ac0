import { describe, expect, it } from 'vitest';
import { fileRefJson, isFileRef } from './file-ref.js';

const meta = { id: 'fil_0123456789ab', name: 'a.pdf', type: 'application/pdf', size: 3, sha256: 'f'.repeat(64) };

describe('file references', () => {
  it('accepts exactly { $file: { id, name, type, size, sha256 } } with a safe id', () => {
    expect(isFileRef(fileRefJson(meta))).toBe(true);
    expect(isFileRef({ $file: { ...meta, id: '../../secret.key' } })).toBe(false);
    expect(isFileRef({ $file: { ...meta, size: -1 } })).toBe(false);
    expect(isFileRef({ $file: { ...meta, sha256: 'nope' } })).toBe(false);
    expect(isFileRef({ $file: meta, other: 1 })).toBe(false);
    expect(isFileRef([{ $file: meta }])).toBe(false);
    expect(isFileRef('fil_0123456789ab')).toBe(false);
  });

  it('keeps only the reference fields when it builds one', () => {
    expect(fileRefJson({ ...meta, path: '/data/files/x' } as typeof meta)).toEqual({ $file: meta });
  });
});
