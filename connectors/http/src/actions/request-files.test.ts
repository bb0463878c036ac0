// The http request action with files: a file reference sent as the body or as a multipart part (the fake API
// receives the bytes), and a binary response kept as a file reference instead of text.
import { createMemoryFileStorage, runAction, startFakeApi, type FakeApi } from '@weft/sdk/testing';
import { afterAll, beforeAll, expect, test } from 'vitest';
import connector from '../index.js';

const outbound = { allow: ['127.0.0.1'] };
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.alloc(500, 1)]);
let api: FakeApi;

beforeAll(async () => {
  api = await startFakeApi({
    'PUT /upload': (request) => ({
      json: { type: request.headers['content-type'], length: request.headers['content-length'] },
    }),
    'POST /form': (request) => ({ json: { type: request.headers['content-type'], body: request.body } }),
    'GET /logo': () => ({ headers: { 'content-type': 'image/png' }, body: PNG }),
    'GET /text': () => ({ headers: { 'content-type': 'text/plain' }, body: 'plain' }),
  });
});
afterAll(() => api?.close());

test('sends a file reference as the request body, with its type and length', async () => {
  const files = createMemoryFileStorage();
  const ref = files.put('notes.txt', 'text/plain', Buffer.from('hello, file'));
  const { output } = await runAction(connector, 'request', {
    input: { method: 'PUT', url: `${api.url}/upload`, file: ref },
    outbound,
    files,
  });
  expect(output.body).toEqual({ type: 'text/plain', length: '11' });
  expect(api.requests.at(-1)!.body).toBe('hello, file');
});

test('sends text fields and files as multipart/form-data', async () => {
  const files = createMemoryFileStorage();
  const ref = files.put('a.csv', 'text/csv', Buffer.from('x,y\n1,2\n'));
  const { output } = await runAction(connector, 'request', {
    input: {
      method: 'POST',
      url: `${api.url}/form`,
      multipart: [
        { name: 'title', value: 'Numbers' },
        { name: 'sheet', file: ref, filename: 'numbers.csv' },
      ],
    },
    outbound,
    files,
  });
  const { type, body } = output.body as { type: string; body: string };
  const boundary = /boundary=(.+)$/.exec(type)![1]!;
  expect(body).toBe(
    `--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nNumbers\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="sheet"; filename="numbers.csv"\r\n` +
      `Content-Type: text/csv\r\n\r\nx,y\n1,2\n\r\n--${boundary}--\r\n`,
  );
});

test('keeps a binary response as a file reference, and text as text', async () => {
  const files = createMemoryFileStorage();
  const { output } = await runAction(connector, 'request', { input: { url: `${api.url}/logo` }, outbound, files });
  const ref = output.body as { $file: { name: string; type: string; size: number } };
  expect(ref.$file).toMatchObject({ name: 'logo', type: 'image/png', size: PNG.length });
  expect(files.bytes(ref as never)?.equals(PNG)).toBe(true);
  const text = await runAction(connector, 'request', { input: { url: `${api.url}/text` }, outbound, files });
  expect(text.output.body).toBe('plain');
  const forced = await runAction(connector, 'request', {
    input: { url: `${api.url}/text`, responseType: 'file' },
    outbound,
    files,
  });
  expect((forced.output.body as { $file: { size: number } }).$file.size).toBe(5);
});

test('fails the step with connector_file_not_found for a reference whose file is gone', async () => {
  const files = createMemoryFileStorage();
  const gone = createMemoryFileStorage().put('gone.bin', 'application/octet-stream', Buffer.from('x'));
  await expect(
    runAction(connector, 'request', {
      input: { method: 'PUT', url: `${api.url}/upload`, file: gone },
      outbound,
      files,
    }),
  ).rejects.toMatchObject({ code: 'connector_file_not_found' });
});
