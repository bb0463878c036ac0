// The editor is served like a product: files compressed as the browser accepts (brotli, else gzip), hashed assets
// cached for a year as immutable, index.html revalidated so a new build is picked up at once.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from './test-support/runtime.js';

let weft: TestRuntime;
let dir: string;
const script = `export const rows = [${Array.from({ length: 400 }, (_, i) => `{ id: ${i}, label: "row ${i}" }`).join(', ')}];\n`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'weft-editor-build-'));
  await mkdir(join(dir, 'assets'));
  await writeFile(
    join(dir, 'index.html'),
    '<!doctype html><script type="module" src="/assets/index-3f2a9c1b.js"></script>',
  );
  await writeFile(join(dir, 'assets', 'index-3f2a9c1b.js'), script);
  weft = await startTestRuntime({ editorDir: dir });
});
afterAll(async () => {
  await weft?.close();
  await rm(dir, { recursive: true, force: true });
});

function fetchRaw(path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>(
    (resolve, reject) => {
      get(`${weft.url}${path}`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      }).on('error', reject);
    },
  );
}

it('sends a hashed script brotli-compressed to a browser that accepts it, cached for a year as immutable', async () => {
  const res = await fetchRaw('/assets/index-3f2a9c1b.js', { 'accept-encoding': 'gzip, deflate, br' });
  expect(res.status).toBe(200);
  expect(res.headers['content-encoding']).toBe('br');
  expect(res.headers.vary).toContain('Accept-Encoding');
  expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  expect(res.body.length).toBeLessThan(Buffer.byteLength(script) / 3);
  expect(brotliDecompressSync(res.body).toString()).toBe(script);
});

it('falls back to gzip, and to the plain file for a client that accepts no encoding', async () => {
  const gzip = await fetchRaw('/assets/index-3f2a9c1b.js', { 'accept-encoding': 'gzip' });
  expect(gzip.headers['content-encoding']).toBe('gzip');
  expect(gunzipSync(gzip.body).toString()).toBe(script);
  const plain = await fetchRaw('/assets/index-3f2a9c1b.js', { 'accept-encoding': 'identity' });
  expect(plain.headers['content-encoding']).toBeUndefined();
  expect(plain.body.toString()).toBe(script);
});

it('revalidates index.html on every load, for the root and for client-side routes', async () => {
  for (const path of ['/', '/flows/abc']) {
    const res = await fetchRaw(path, { 'accept-encoding': 'br' });
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['content-type']).toContain('text/html');
  }
});

it('leaves API replies to the API: no editor caching on them', async () => {
  const res = await fetchRaw('/api/flows', { authorization: 'Bearer test-token-0123456789', 'accept-encoding': 'br' });
  expect(res.status).toBe(200);
  expect(res.headers['cache-control'] ?? '').not.toContain('immutable');
});
