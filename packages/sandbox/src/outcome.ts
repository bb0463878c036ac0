// Reading what an isolate answered: the JSON envelope written by isolate/result-source.ts, or the error
// isolated-vm threw when a script hit a limit. Both become an Evaluation or a ScriptError whose position
// is in the user's own source; host stack traces never reach the message.
import { ScriptError, WeftError, type Evaluation, type JsonValue, type ScriptLog } from '@weft/core';
import { CatastrophicIsolateError } from './isolate-worker.js';
import { userPosition, type CompiledScript } from './script-source.js';

interface Envelope {
  v?: JsonValue;
  l?: ScriptLog[];
  e?: { k: 'runtime' | 'syntax' | 'result'; m: string; ln?: number; col?: number; x?: number };
}

export interface Limits {
  timeoutMs: number;
  memoryLimitMb: number;
}

const EXPRESSION_PREVIEW_CHARS = 80;

export function expressionLabel(source: string): string {
  const flat = source.replace(/\s+/g, ' ');
  return `{{ ${flat.length > EXPRESSION_PREVIEW_CHARS ? `${flat.slice(0, EXPRESSION_PREVIEW_CHARS - 1)}\u2026` : flat} }}`;
}

export function decodeEnvelope(text: string, script: CompiledScript): Evaluation {
  const envelope = JSON.parse(text) as Envelope;
  const logs = envelope.l ?? [];
  if (!envelope.e) return { value: envelope.v ?? null, logs };
  const { k: kind, m: message, ln: line, col: column, x: index } = envelope.e;
  const position = line !== undefined && column !== undefined ? userPosition(script, line, column) : undefined;
  const expression = script.kind === 'e' ? (position?.expression ?? index) : undefined;
  const where = expression === undefined ? '' : ` in ${expressionLabel(script.expressions[expression] ?? '')}`;
  const code = kind === 'result' ? 'script_result' : kind === 'syntax' ? 'script_syntax' : 'script_runtime';
  const error = new ScriptError(
    code,
    `${message}${where}`,
    position ? { line: position.line, column: position.column } : {},
  );
  throw Object.assign(error, { logs });
}

/** Maps what isolated-vm throws when a call did not complete. */
export function failureToError(error: unknown, limits: Limits): Error {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof CatastrophicIsolateError) {
    return /memory/i.test(message)
      ? memoryError(limits)
      : new ScriptError('script_timeout', `The script did not stop after ${limits.timeoutMs} ms and was abandoned`);
  }
  if (/timed out/i.test(message)) {
    return new ScriptError('script_timeout', `The script did not finish within ${limits.timeoutMs} ms`);
  }
  if (/memory limit|disposed/i.test(message)) return memoryError(limits);
  return new WeftError('sandbox_failure', `The sandbox failed: ${message}`, { fault: 'system' });
}

function memoryError(limits: Limits): ScriptError {
  return new ScriptError('script_memory', `The script used more than ${limits.memoryLimitMb} MB of memory`);
}

export function isTimeoutFailure(error: unknown): boolean {
  return error instanceof Error && !(error instanceof CatastrophicIsolateError) && /timed out/i.test(error.message);
}
