import { describe, expect, it } from 'vitest';
import { fileChips, fileDownloadUrl, formatSize } from './file-refs.js';

const ref = (id: string, name: string) => ({
  $file: { id, name, type: 'application/pdf', size: 2048, sha256: 'a'.repeat(64) },
});

describe('file references in run data', () => {
  it('finds each file reference with where it sits, and nothing that only looks like one', () => {
    const value = {
      body: { doc: ref('fil_0123456789ab', 'report.pdf'), note: 'hi' },
      list: [ref('fil_abcdefghijkl', 'a.png')],
      fake: { $file: { id: '../../etc/passwd', name: 'x', type: 'y', size: 1 } },
      extra: { $file: ref('fil_0123456789ab', 'n').$file, other: 1 },
    };
    expect(fileChips(value)).toEqual([
      { path: 'body.doc', id: 'fil_0123456789ab', name: 'report.pdf', type: 'application/pdf', size: 2048 },
      { path: 'list[0]', id: 'fil_abcdefghijkl', name: 'a.png', type: 'application/pdf', size: 2048 },
    ]);
    expect(fileChips(ref('fil_0123456789ab', 'whole.pdf'))[0]?.path).toBe('');
    expect(fileChips('text')).toEqual([]);
  });

  it('stops at the limit', () => {
    const many = Array.from({ length: 10 }, (_, i) => ref(`fil_000000000${i}xx`, `${i}.pdf`));
    expect(fileChips(many, 3)).toHaveLength(3);
  });

  it('formats sizes and builds the download path', () => {
    expect(formatSize(1)).toBe('1 byte');
    expect(formatSize(1000)).toBe('1000 bytes');
    expect(formatSize(1536)).toBe('1.5 KB');
    expect(formatSize(50 * 1024 * 1024)).toBe('50 MB');
    expect(fileDownloadUrl('run_1', 'fil_0123456789ab')).toBe('/api/runs/run_1/files/fil_0123456789ab');
  });
});
