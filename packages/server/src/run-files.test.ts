// Binary payloads through HTTP: a multipart webhook upload becomes file references in the run (bytes on disk),
// a file past WEFT_MAX_FILE_BYTES is refused with 413 and leaves nothing behind, the download route streams a
// run's file as an attachment to whoever may read runs, the http connector sends a file (whole body or
// multipart part) and keeps a binary response as a file, and retention removes files with their runs.
import { createHash, createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, waitForRun, type TestRuntime } from './test-support/runtime.js';

const DAY = 86_400_000;
const LIMIT = 64 * 1024;
let weft: TestRuntime;
let now = Date.now();
let fake: Server;
let fakeUrl: string;
/** What the fake upstream received, by path. */
const received = new Map<string, { type: string; bytes: Buffer }>();
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.alloc(3000, 7)]);

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const bytesOf = (n: number, seed: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * seed) % 251));

async function filesOnDisk(): Promise<string[]> {
  const root = join(weft.dataDir, 'files');
  const found: string[] = [];
  for (const folder of await readdir(root).catch(() => [])) {
    for (const name of await readdir(join(root, folder))) found.push(`${folder}/${name}`);
  }
  return found;
}

beforeAll(async () => {
  fake = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.url === '/flaky' && !received.has('/flaky-refused')) {
        received.set('/flaky-refused', { type: '', bytes: Buffer.concat(chunks) });
        res.writeHead(503, { 'retry-after': '0' }).end();
        return;
      }
      if (req.url === '/image.png') {
        res.writeHead(200, { 'content-type': 'image/png', 'content-disposition': 'inline; filename="logo.png"' });
        res.end(PNG);
        return;
      }
      received.set(req.url ?? '', { type: req.headers['content-type'] ?? '', bytes: Buffer.concat(chunks) });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true }));
    });
  });
  await new Promise<void>((ok) => fake.listen(0, '127.0.0.1', ok));
  fakeUrl = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
  weft = await startTestRuntime({
    outboundAllow: ['127.0.0.1'],
    opsClock: () => now,
    env: { WEFT_MAX_FILE_BYTES: String(LIMIT) },
  });
});
afterAll(async () => {
  await weft?.close();
  await new Promise((ok) => fake?.close(ok));
});

async function liveFlow(steps: object[]): Promise<string> {
  const created = await weft.api('/api/flows', {
    method: 'POST',
    json: {
      schema: 'weft.flow/v1',
      name: 'files',
      trigger: { id: 'hook', connector: 'webhook@1', trigger: 'event' },
      steps,
      edges: steps.map((s, i) => ({
        from: i === 0 ? 'hook' : (steps[i - 1] as { id: string }).id,
        to: (s as { id: string }).id,
      })),
    },
  });
  const { id } = (await created.json()) as { id: string };
  const published = await weft.api(`/api/flows/${id}/publish`, { method: 'POST' });
  if (published.status !== 201) throw new Error(await published.text());
  expect((await weft.api(`/api/flows/${id}/activate`, { method: 'POST' })).status).toBe(200);
  return id;
}

function form(fields: Record<string, string>, files: Record<string, { name: string; type: string; bytes: Buffer }>) {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  for (const [name, file] of Object.entries(files))
    body.append(name, new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  return body;
}

interface Ref {
  $file: { id: string; name: string; type: string; size: number; sha256: string };
}

describe('files of runs', () => {
  const doc = bytesOf(40_000, 7);
  const photo = bytesOf(20_000, 13);
  let flowId: string;
  let runId: string;
  let run: Record<string, unknown>;

  it('keeps the files of a multipart upload and gives the run their references beside the text fields', async () => {
    flowId = await liveFlow([
      {
        id: 'describe',
        use: 'transform.map',
        config: { line: '{{ `${trigger.body.doc.$file.name} ${trigger.body.doc.$file.size}` }}' },
      },
      {
        id: 'upload',
        use: 'http@1.request',
        config: { method: 'PUT', url: `${fakeUrl}/raw`, file: '{{ trigger.body.doc }}' },
      },
      {
        id: 'form',
        use: 'http@1.request',
        config: {
          method: 'POST',
          url: `${fakeUrl}/form`,
          multipart: [
            { name: 'title', value: '{{ trigger.body.title }}' },
            { name: 'photo', file: '{{ trigger.body.photo }}' },
          ],
        },
      },
    ]);
    const response = await fetch(`${weft.url}/hooks/${flowId}`, {
      method: 'POST',
      body: form(
        { title: 'Quarterly report', tag: 'q3' },
        {
          doc: { name: 'report.pdf', type: 'application/pdf', bytes: doc },
          photo: { name: 'photo.jpg', type: 'image/jpeg', bytes: photo },
        },
      ),
    });
    expect(response.status).toBe(202);
    runId = ((await response.json()) as { runId: string }).runId;
    run = await waitForRun(weft, runId);
    expect(run.status).toBe('succeeded');
    const body = (run.input as { body: Record<string, unknown> }).body;
    expect(body.title).toBe('Quarterly report');
    expect(body.tag).toBe('q3');
    expect(body.doc).toMatchObject({
      $file: { name: 'report.pdf', type: 'application/pdf', size: doc.length, sha256: sha256(doc) },
    });
    expect(body.photo).toMatchObject({ $file: { name: 'photo.jpg', size: photo.length, sha256: sha256(photo) } });
    const steps = run.steps as { nodeId: string; output: unknown }[];
    expect(steps.find((s) => s.nodeId === 'describe')?.output).toEqual({ line: `report.pdf ${doc.length}` });
    expect(await filesOnDisk()).toHaveLength(2);
  });

  it('sends a file as the whole request body and as a multipart part, byte for byte', () => {
    const raw = received.get('/raw')!;
    expect(raw.type).toBe('application/pdf');
    expect(sha256(raw.bytes)).toBe(sha256(doc));
    const multipart = received.get('/form')!;
    expect(multipart.type).toMatch(/^multipart\/form-data; boundary=/);
    const text = multipart.bytes.toString('latin1');
    expect(text).toContain('name="title"\r\n\r\nQuarterly report\r\n');
    expect(text).toContain('name="photo"; filename="photo.jpg"\r\nContent-Type: image/jpeg\r\n\r\n');
    const start = multipart.bytes.indexOf('image/jpeg\r\n\r\n') + 'image/jpeg\r\n\r\n'.length;
    expect(sha256(multipart.bytes.subarray(start, start + photo.length))).toBe(sha256(photo));
  });

  it('streams a file of the run to a viewer as an attachment, and to nobody signed out', async () => {
    const ref = (run.input as { body: { doc: Ref } }).body.doc;
    const path = `/api/runs/${runId}/files/${ref.$file.id}`;
    const download = await weft.api(path);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`,
    );
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(sha256(Buffer.from(await download.arrayBuffer()))).toBe(sha256(doc));

    const viewer = await weft.api('/api/users', {
      method: 'POST',
      json: { email: 'viewer@example.com', password: 'viewer password 1', role: 'viewer' },
    });
    expect(viewer.status).toBe(201);
    const login = await fetch(`${weft.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'viewer@example.com', password: 'viewer password 1' }),
    });
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const asViewer = await fetch(`${weft.url}${path}`, { headers: { cookie } });
    expect(asViewer.status).toBe(200);
    expect(sha256(Buffer.from(await asViewer.arrayBuffer()))).toBe(sha256(doc));

    const signedOut = await fetch(`${weft.url}${path}`);
    expect(signedOut.status).toBe(401);
    expect(signedOut.headers.get('content-type')).toMatch(/problem\+json/);
    const otherRun = await weft.api(`/api/runs/run_not_this_one/files/${ref.$file.id}`);
    expect(otherRun.status).toBe(404);
    expect(((await otherRun.json()) as { code: string }).code).toBe('file_not_found');
  });

  it('refuses a file over WEFT_MAX_FILE_BYTES with 413 and keeps nothing of the request', async () => {
    const before = await filesOnDisk();
    const response = await fetch(`${weft.url}/hooks/${flowId}`, {
      method: 'POST',
      body: form(
        { title: 'too big' },
        {
          small: { name: 'small.txt', type: 'text/plain', bytes: bytesOf(1000, 3) },
          big: { name: 'big.bin', type: 'application/octet-stream', bytes: bytesOf(LIMIT + 10_000, 5) },
        },
      ),
    });
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toMatch(/problem\+json/);
    expect(((await response.json()) as { code: string }).code).toBe('file_too_large');
    expect(await filesOnDisk()).toEqual(before);
  });

  it('refuses a form cut short in the middle of a file with 400, keeping nothing', async () => {
    const before = await filesOnDisk();
    const boundary = 'cut-short-boundary';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nhalf\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="doc"; filename="half.bin"\r\n`),
      Buffer.from('Content-Type: application/octet-stream\r\n\r\n'),
      bytesOf(20_000, 19),
    ]);
    const response = await fetch(`${weft.url}/hooks/${flowId}`, {
      method: 'POST',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      body: new Uint8Array(body),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { code: string }).code).toBe('bad_request');
    expect(await filesOnDisk()).toEqual(before);
  });

  it('keeps a binary body as one file, and a binary HTTP response as a file reference', async () => {
    const fetchFlow = await liveFlow([{ id: 'get', use: 'http@1.request', config: { url: `${fakeUrl}/image.png` } }]);
    const pdf = bytesOf(5000, 11);
    const response = await fetch(`${weft.url}/hooks/${fetchFlow}`, {
      method: 'POST',
      headers: { 'content-type': 'application/pdf', 'content-disposition': 'attachment; filename="scan.pdf"' },
      body: new Uint8Array(pdf),
    });
    expect(response.status).toBe(202);
    const id = ((await response.json()) as { runId: string }).runId;
    const done = await waitForRun(weft, id);
    expect(done.status).toBe('succeeded');
    expect((done.input as { body: Ref }).body.$file).toMatchObject({ name: 'scan.pdf', size: pdf.length });
    const output = (done.steps as { nodeId: string; output: { body: Ref } }[]).find((s) => s.nodeId === 'get')!.output;
    expect(output.body.$file).toMatchObject({
      name: 'logo.png',
      type: 'image/png',
      size: PNG.length,
      sha256: sha256(PNG),
    });
    const download = await weft.api(`/api/runs/${id}/files/${output.body.$file.id}`);
    expect(Buffer.from(await download.arrayBuffer()).equals(PNG)).toBe(true);
  });

  it('sends the whole file again when a request is retried', async () => {
    const retrying = await liveFlow([
      {
        id: 'put',
        use: 'http@1.request',
        config: { method: 'PUT', url: `${fakeUrl}/flaky`, file: '{{ trigger.body }}' },
      },
    ]);
    const bytes = bytesOf(30_000, 17);
    const response = await fetch(`${weft.url}/hooks/${retrying}`, {
      method: 'POST',
      headers: { 'content-type': 'application/zip' },
      body: new Uint8Array(bytes),
    });
    const done = await waitForRun(weft, ((await response.json()) as { runId: string }).runId);
    expect(done.status).toBe('succeeded');
    expect(sha256(received.get('/flaky-refused')!.bytes)).toBe(sha256(bytes));
    expect(sha256(received.get('/flaky')!.bytes)).toBe(sha256(bytes));
  });

  it('keeps a binary body as bytes to check when the flow verifies an HMAC of the raw body', async () => {
    const credential = await weft.api('/api/credentials', {
      method: 'POST',
      json: { connector: 'webhook', name: 'signed', kind: 'none', values: { signingSecret: 'file-signing-secret' } },
    });
    const { id: credentialId } = (await credential.json()) as { id: string };
    const created = await weft.api('/api/flows', {
      method: 'POST',
      json: {
        schema: 'weft.flow/v1',
        name: 'signed upload',
        trigger: {
          id: 'hook',
          connector: 'webhook@1',
          trigger: 'event',
          credential: credentialId,
          config: { verify: 'hmac' },
        },
        steps: [],
        edges: [],
      },
    });
    const { id } = (await created.json()) as { id: string };
    expect((await weft.api(`/api/flows/${id}/publish`, { method: 'POST' })).status).toBe(201);
    expect((await weft.api(`/api/flows/${id}/activate`, { method: 'POST' })).status).toBe(200);
    const bytes = Buffer.from('%PDF-1.7 signed bytes');
    const signature = createHmac('sha256', 'file-signing-secret').update(bytes).digest('hex');
    const send = (sig: string) =>
      fetch(`${weft.url}/hooks/${id}`, {
        method: 'POST',
        headers: { 'content-type': 'application/pdf', 'x-signature': sig },
        body: new Uint8Array(bytes),
      });
    expect((await send('0'.repeat(64))).status).toBe(401);
    const accepted = await send(signature);
    expect(accepted.status).toBe(202);
    const done = await waitForRun(weft, ((await accepted.json()) as { runId: string }).runId);
    expect((done.input as { body: unknown }).body).toBe(bytes.toString('utf8'));
  });

  it('removes the files of deleted runs from disk', async () => {
    expect((await filesOnDisk()).length).toBeGreaterThanOrEqual(4);
    now += 31 * DAY;
    const pass = await weft.api('/api/retention/prune', { method: 'POST' });
    expect(pass.status).toBe(200);
    expect(await filesOnDisk()).toEqual([]);
    const gone = await weft.api(`/api/runs/${runId}/files/fil_0123456789`);
    expect(gone.status).toBe(404);
    // The bytes left the disk, not only the rows.
    await expect(readFile(join(weft.dataDir, 'files'))).rejects.toThrow();
  });
});
