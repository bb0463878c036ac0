// One error base for Weft: a stable code, a human message, what it concerns, and whose fault it is.
import { errorEntry, type ErrorCode, type Fault } from './error-catalogue.js';
import type { JsonObject } from './json.js';

export type { Fault } from './error-catalogue.js';

export interface WeftErrorOptions {
  /** Defaults to the code's fault in the catalogue, or `system` for a code it does not list. */
  fault?: Fault;
  retryable?: boolean;
  nodeId?: string;
  pointer?: string;
  details?: JsonObject;
  cause?: unknown;
}

/**
 * `code` is a catalogued code (error-catalogue.ts). It is typed `string` because some errors carry a code
 * from elsewhere (a child run's error, a connector's own refinement of its kind); the catalogue test checks
 * every code written in the sources, and HttpProblem and ScriptError take only catalogued codes.
 */
export class WeftError extends Error {
  readonly code: string;
  readonly fault: Fault;
  readonly retryable: boolean;
  readonly nodeId: string | undefined;
  readonly pointer: string | undefined;
  readonly details: JsonObject | undefined;

  constructor(code: string, message: string, options: WeftErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'WeftError';
    this.code = code;
    this.fault = options.fault ?? errorEntry(code)?.fault ?? 'system';
    this.retryable = options.retryable ?? false;
    this.nodeId = options.nodeId;
    this.pointer = options.pointer;
    this.details = options.details;
  }
}

/** A user script failed (syntax, runtime, limits). Line/column are within the user's own source. */
export class ScriptError extends WeftError {
  readonly line: number | undefined;
  readonly column: number | undefined;

  constructor(
    code: Extract<ErrorCode, `script_${string}`>,
    message: string,
    position: { line?: number; column?: number } = {},
  ) {
    super(code, message, { fault: 'user', retryable: false });
    this.name = 'ScriptError';
    this.line = position.line;
    this.column = position.column;
  }
}

/** The JSON form of an error as stored in run history and shown to users. */
export interface ErrorInfo {
  code: string;
  message: string;
  /** Defaults to the code's fault in the catalogue, or `system` for a code it does not list. */
  fault?: Fault;
  retryable?: boolean;
  line?: number;
  column?: number;
  details?: JsonObject;
}

export function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof ScriptError) {
    const info: ErrorInfo = { code: error.code, message: error.message, fault: error.fault };
    if (error.line !== undefined) info.line = error.line;
    if (error.column !== undefined) info.column = error.column;
    return info;
  }
  if (error instanceof WeftError) {
    const info: ErrorInfo = {
      code: error.code,
      message: error.message,
      fault: error.fault,
      retryable: error.retryable,
    };
    if (error.details) info.details = error.details;
    return info;
  }
  if (isErrorLike(error)) {
    const info: ErrorInfo = { code: error.code ?? 'error', message: error.message };
    if (typeof error.retryable === 'boolean') info.retryable = error.retryable;
    return info;
  }
  return { code: 'error', message: String(error) };
}

function isErrorLike(value: unknown): value is { message: string; code?: string; retryable?: unknown } {
  return typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string';
}
