// WEFT_METRICS_PORT: a listener of its own that serves only `GET /metrics`, for a scraper on a private network
// (the port is not published with the API). There the metrics token is asked only when WEFT_METRICS_TOKEN is
// set. Anything else on that port is 404; the API, webhooks and editor are never served there.
import { timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { METRICS_PATH } from './endpoint.js';
import type { Telemetry } from './telemetry.js';

export async function listenForMetrics(
  telemetry: Telemetry,
  options: { port: number; host: string; token: string | undefined },
): Promise<{ server: Server; port: number }> {
  const expected = options.token ? Buffer.from(`Bearer ${options.token}`) : undefined;
  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    const answer = (status: number, text: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
      res.end(text);
    };
    if (path !== METRICS_PATH) return answer(404, 'Only /metrics is served on this port.\n');
    if (req.method !== 'GET' && req.method !== 'HEAD') return answer(405, 'GET /metrics\n', { allow: 'GET, HEAD' });
    if (expected) {
      const given = Buffer.from(req.headers.authorization ?? '');
      if (given.length !== expected.length || !timingSafeEqual(given, expected))
        return answer(401, 'The metrics token is required.\n', { 'www-authenticate': 'Bearer realm="weft-metrics"' });
    }
    telemetry.scrape().then(
      ({ contentType, body }) => {
        res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
        res.end(req.method === 'HEAD' ? undefined : body);
      },
      () => answer(500, 'The metrics could not be collected.\n'),
    );
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port, options.host, () => ok());
  });
  return { server, port: (server.address() as AddressInfo).port };
}
