// A fake HTTP API for connector tests: a real server on 127.0.0.1 (port chosen by the OS) that records every
// request and answers from a handler or a route table (`'GET /v1/customers'`). Close it in afterAll/afterEach.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeApiRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string;
  /** The body parsed as JSON, when it is JSON. */
  json?: unknown;
  /** Arrival time (ms since epoch, sub-millisecond precision). */
  at: number;
}

export interface FakeApiResponse {
  status?: number;
  headers?: Record<string, string>;
  json?: unknown;
  body?: string | Uint8Array;
}

export type FakeApiHandler = (request: FakeApiRequest) => FakeApiResponse | Promise<FakeApiResponse>;

export interface FakeApi {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly requests: FakeApiRequest[];
  close(): Promise<void>;
}

export async function startFakeApi(handler: FakeApiHandler | Record<string, FakeApiHandler>): Promise<FakeApi> {
  const requests: FakeApiRequest[] = [];
  const route: FakeApiHandler =
    typeof handler === 'function'
      ? handler
      : (request) => {
          const found = handler[`${request.method} ${request.path}`];
          return found
            ? found(request)
            : { status: 404, json: { error: { message: `no route ${request.method} ${request.path}` } } };
        };
  const server = createServer((req, res) => {
    void (async () => {
      const recorded = await record(req);
      requests.push(recorded);
      let response: FakeApiResponse;
      try {
        response = await route(recorded);
      } catch (error) {
        response = {
          status: 500,
          json: { error: { message: error instanceof Error ? error.message : String(error) } },
        };
      }
      const headers: Record<string, string> = { ...response.headers };
      let body: string | Uint8Array = response.body ?? '';
      if (response.json !== undefined) {
        headers['content-type'] ??= 'application/json';
        body = JSON.stringify(response.json);
      }
      res.writeHead(response.status ?? 200, headers);
      res.end(body);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function record(req: IncomingMessage): Promise<FakeApiRequest> {
  const at = performance.timeOrigin + performance.now();
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks).toString('utf8');
  const url = new URL(req.url ?? '/', 'http://fake');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  const recorded: FakeApiRequest = {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers,
    body,
    at,
  };
  if (/json/.test(headers['content-type'] ?? '') && body !== '') {
    try {
      recorded.json = JSON.parse(body) as unknown;
    } catch {
      // leave json unset
    }
  }
  return recorded;
}
