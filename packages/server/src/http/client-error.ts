// Requests Node cannot parse (a malformed request line or header, headers too large, a stalled request) never
// reach Koa; Node would answer a bare 400 without a body. They still get a problem+json, as every error does.
import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ErrorCode } from '@weft/core';
import { makeBody } from './problem.js';

const BY_CODE: Record<string, [status: number, code: ErrorCode, detail: string]> = {
  HPE_HEADER_OVERFLOW: [431, 'headers_too_large', 'The request headers are too large.'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'request_timeout', 'The request was not received in time.'],
};

export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable || (error.code === 'ECONNRESET' && !socket.readable)) {
      socket.destroy();
      return;
    }
    const [status, code, detail] = BY_CODE[error.code ?? ''] ?? [
      400,
      'malformed_request',
      'The request is not valid HTTP.',
    ];
    const body = JSON.stringify(makeBody(status, code, detail));
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\nContent-Type: application/problem+json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
