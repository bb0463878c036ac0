// Requests Node cannot parse (a malformed request line or header, headers too large, a stalled request) never
// reach Koa; Node would answer a bare 400 without a body. They still get a problem+json, as every error does.
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { PROBLEM_TYPE_BASE } from './problem.js';

const BY_CODE: Record<string, [status: number, code: string, title: string, detail: string]> = {
  HPE_HEADER_OVERFLOW: [
    431,
    'headers_too_large',
    'Request header fields too large',
    'The request headers are too large.',
  ],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'request_timeout', 'Request timeout', 'The request was not received in time.'],
};

export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable || (error.code === 'ECONNRESET' && !socket.readable)) {
      socket.destroy();
      return;
    }
    const [status, code, title, detail] = BY_CODE[error.code ?? ''] ?? [
      400,
      'malformed_request',
      'Bad request',
      'The request is not valid HTTP.',
    ];
    const body = JSON.stringify({ type: PROBLEM_TYPE_BASE + code, title, status, detail });
    socket.end(
      `HTTP/1.1 ${status} ${title}\r\nContent-Type: application/problem+json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
