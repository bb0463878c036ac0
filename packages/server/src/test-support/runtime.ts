// Test helpers: a real runtime on an OS-chosen port with its own temp data dir, and a small HTTP client.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { startRuntime, type Runtime, type RuntimeOptions } from '../runtime.js';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../../..');
export const EXAMPLES_DIR = join(REPO_ROOT, 'examples');
export const TOKEN = 'test-token-0123456789';

export interface TestRuntime extends Runtime {
  dataDir: string;
  api(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
}

export async function startTestRuntime(options: RuntimeOptions = {}): Promise<TestRuntime> {
  const dataDir = await mkdtemp(join(tmpdir(), 'weft-server-'));
  const runtime = await startRuntime({
    dataDir,
    port: 0,
    host: '127.0.0.1',
    apiToken: TOKEN,
    logger: pino({ level: 'silent' }),
    sandboxSize: 1,
    ...options,
  });
  const close = runtime.close.bind(runtime);
  return Object.assign(runtime, {
    dataDir,
    url: runtime.url.replace('localhost', '127.0.0.1'),
    api(path: string, init: RequestInit & { json?: unknown } = {}) {
      const headers = new Headers(init.headers);
      if (!headers.has('authorization')) headers.set('authorization', `Bearer ${TOKEN}`);
      let body = init.body;
      if (init.json !== undefined) {
        headers.set('content-type', 'application/json');
        body = JSON.stringify(init.json);
      }
      return fetch(`${runtime.url.replace('localhost', '127.0.0.1')}${path}`, { ...init, headers, body: body ?? null });
    },
    async close() {
      await close();
      await rm(dataDir, { recursive: true, force: true });
    },
  });
}

/** Polls a run until it leaves queued/running. */
export async function waitForRun(
  runtime: TestRuntime,
  runId: string,
  timeoutMs = 10_000,
): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await runtime.api(`/api/runs/${runId}`);
    const run = (await response.json()) as Record<string, unknown>;
    if (run.status !== 'queued' && run.status !== 'running') return run;
    if (Date.now() > deadline) throw new Error(`run ${runId} still ${String(run.status)} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** POSTs JSON to the webhook `/hooks/<path>`: an object is serialized, a string is sent as it is (bad JSON too). */
export function postHook(
  weft: TestRuntime,
  path: string,
  body: object | string,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${weft.url}/hooks/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
