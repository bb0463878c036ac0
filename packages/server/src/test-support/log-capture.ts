// Test helper: a pino logger that keeps every entry in memory, to assert what a request did (not) log.
import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';

export interface LogEntry {
  level: number;
  msg?: string;
  [field: string]: unknown;
}

/** pino's numeric level for `error`. */
export const ERROR_LEVEL = 50;

export function capturingLogger(): { logger: Logger; entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) entries.push(JSON.parse(line) as LogEntry);
      done();
    },
  });
  return { logger: pino({ level: 'info' }, sink), entries };
}
