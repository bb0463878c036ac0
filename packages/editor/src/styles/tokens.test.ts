// Colours live in styles/tokens.css only: every other editor source (CSS, TS, TSX) names a token instead of a raw
// hex colour, so a theme change is one file and xyflow follows through its --xy-* variables.
import { describe, expect, it } from 'vitest';

// The editor compiles without Node's types, so the file system is reached through a narrow local type. (Vite's
// `?raw` imports cannot be used: the test runner empties CSS modules.)
interface Fs {
  readdirSync(path: URL, options: { recursive: true }): string[];
  readFileSync(path: URL, encoding: 'utf8'): string;
}
const fsModule = 'node:fs';
const fs = (await import(/* @vite-ignore */ fsModule)) as Fs;

const src = new URL('../', import.meta.url);
const files = fs
  .readdirSync(src, { recursive: true })
  .filter((path) => /\.(css|tsx?)$/.test(path) && !path.endsWith('.test.ts'));
const HEX = /#[0-9a-f]{3,8}\b/gi;

describe('design tokens', () => {
  it('finds the editor sources to scan', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files).toContain('styles/tokens.css');
  });

  it('keeps raw hex colours out of every file but tokens.css', () => {
    const offenders = files
      .filter((path) => path !== 'styles/tokens.css')
      .flatMap((path) =>
        fs
          .readFileSync(new URL(path, src), 'utf8')
          .split('\n')
          .flatMap((line, i) => (line.match(HEX) ?? []).map((hex) => `${path}:${i + 1} ${hex}`)),
      );
    expect(offenders).toEqual([]);
  });

  it('themes xyflow through its variables', () => {
    const tokens = fs.readFileSync(new URL('styles/tokens.css', src), 'utf8');
    for (const name of ['--xy-edge-stroke', '--xy-handle-background-color', '--xy-background-color'])
      expect(tokens).toContain(`${name}:`);
  });
});
