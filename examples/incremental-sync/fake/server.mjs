#!/usr/bin/env node
// A fake "contacts" API for the incremental-sync example: bearer-token auth, changes since a timestamp with
// cursor pagination, and tombstones for deleted contacts. Plain Node, no dependencies.
//
//   node examples/incremental-sync/fake/server.mjs [--port 4010] [--token demo-token]
//
//   GET /contacts?updated_since=<ISO>&cursor=<c>&limit=<n>
//     → { data: [{ id, email, name, updatedAt, deleted }], next_cursor: <c> | null }
//   Without updated_since: every live contact (a full listing, no tombstones).
//   With it: every contact changed at or after that time, deleted ones as { id, updatedAt, deleted: true }.
//
//   POST /_admin/contacts  { id, email?, name?, deleted? } — changes a contact (test hook; bumps updatedAt).
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';

const BASE_TIME = Date.parse('2024-06-01T00:00:00Z');

export function seedContacts() {
  return Array.from({ length: 7 }, (_, i) => ({
    id: `c${i + 1}`,
    email: `person${i + 1}@example.com`,
    name: `Person ${i + 1}`,
    updatedAt: new Date(BASE_TIME + i * 60_000).toISOString(),
    deleted: false,
  }));
}

export function createContactsApi({ token = 'demo-token', contacts = seedContacts() } = {}) {
  let clock = Date.parse(contacts.at(-1)?.updatedAt ?? new Date(BASE_TIME).toISOString());
  const tick = () => new Date((clock += 60_000)).toISOString();

  const list = (url) => {
    const since = url.searchParams.get('updated_since');
    const limit = Math.min(Number(url.searchParams.get('limit') ?? 3) || 3, 100);
    const offset = Number(url.searchParams.get('cursor') ?? 0) || 0;
    const matching = contacts
      .filter((c) => (since ? c.updatedAt >= new Date(since).toISOString() : !c.deleted))
      .sort((a, b) => a.updatedAt.localeCompare(b.updatedAt) || a.id.localeCompare(b.id))
      .map((c) => (c.deleted ? { id: c.id, updatedAt: c.updatedAt, deleted: true } : { ...c }));
    const page = matching.slice(offset, offset + limit);
    const next = offset + limit < matching.length ? String(offset + limit) : null;
    return { data: page, next_cursor: next };
  };

  const change = (body) => {
    let contact = contacts.find((c) => c.id === body.id);
    if (!contact) contacts.push((contact = { id: body.id, email: '', name: '', deleted: false, updatedAt: '' }));
    Object.assign(contact, body, { updatedAt: tick() });
    return contact;
  };

  return createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const send = (status, json) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(json));
    };
    if (req.method === 'POST' && url.pathname === '/_admin/contacts') {
      let text = '';
      for await (const chunk of req) text += chunk;
      return send(200, change(JSON.parse(text)));
    }
    if (req.headers.authorization !== `Bearer ${token}`) return send(401, { error: { message: 'Invalid API token' } });
    if (req.method === 'GET' && url.pathname === '/contacts') return send(200, list(url));
    send(404, { error: { message: `No route ${req.method} ${url.pathname}` } });
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const server = createContactsApi({ token: arg('token', 'demo-token') });
  server.listen(Number(arg('port', '4010')), '127.0.0.1', () => {
    const { port } = server.address();
    process.stdout.write(`fake contacts API on http://127.0.0.1:${port}\n`);
  });
}
