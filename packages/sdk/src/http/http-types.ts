// The HTTP client every action gets as `ctx.http`: auth applied, rate limited, retried, circuit-broken and
// guarded against requests to private networks — and `paginate` over it.
import type { FileRef } from '@weft/core';
import type { Paged, PaginateOptions } from './paginate.js';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';

export type QueryValue = string | number | boolean | undefined | null;

export interface RetryOptions {
  /**
   * Total attempts including the first (default 3; 1 = no retries). Applies only to steps without a retry
   * policy of their own: a step with `retry.attempts > 1` gets one request per step attempt.
   */
  attempts?: number;
  /** First backoff ceiling in ms (default 500); doubles per attempt, with core's full jitter. */
  delay?: number;
  /** Upper bound of any backoff in ms (default 30 000). */
  maxDelay?: number;
  /** Statuses to retry (default 408, 425, 429 and every 5xx). */
  statuses?: readonly (number | '5xx')[];
  /** Retry network errors (default true). */
  network?: boolean;
  /** Longest Retry-After honoured in-process (default 60 000 ms); longer waits fail the attempt as rateLimited. */
  maxRetryAfter?: number;
  /**
   * Retry POST/PATCH after failures where the server may already have acted (5xx, connection reset) even
   * without an idempotency key. Default false: such requests are retried only when the connector declares an
   * `idempotencyHeader`.
   */
  unsafe?: boolean;
}

export interface HttpRequest {
  method?: HttpMethod;
  /** Absolute, or relative to the connector's `baseUrl`. */
  url: string;
  query?: Readonly<Record<string, QueryValue | readonly QueryValue[]>>;
  headers?: Readonly<Record<string, string | undefined>>;
  /** Sent as JSON (sets content-type). */
  json?: unknown;
  /** Sent as application/x-www-form-urlencoded. */
  form?: Readonly<Record<string, QueryValue>>;
  body?: string | Uint8Array;
  /** A stored file as the whole body, streamed from disk (content-type: the file's type unless given). */
  file?: FileRef;
  /** A multipart/form-data body of text fields and stored files, streamed from disk. */
  multipart?: readonly MultipartPart[];
  /**
   * Default: a file reference when the response is not text (an image, a PDF, octet-stream) or declares more
   * bytes than `maxResponseBytes`, else JSON when it says `application/json` (or `+json`), else text. `file`:
   * always a file reference (`{ $file: … }`), written to disk as it arrives.
   */
  responseType?: 'json' | 'text' | 'bytes' | 'file';
  /** Whole-request timeout in ms (default from the runtime, 30 000). */
  timeout?: number;
  retry?: RetryOptions | false;
  /** Throw a ConnectorError for 4xx/5xx (default true). */
  throwHttpErrors?: boolean;
  /** Failure statuses the action handles itself: returned as a response, not thrown (e.g. `[409]`). */
  allowStatuses?: readonly number[];
  /** Override the idempotency key sent in the connector's `idempotencyHeader` (default `Idempotency-Key`), or `false` to send none. */
  idempotencyKey?: string | false;
  /** Apply the connection's credentials (default true). */
  auth?: boolean;
  /** Response size cap in bytes (default from the runtime, 10 MiB). */
  maxResponseBytes?: number;
}

export type MultipartPart =
  | { name: string; value: string | number | boolean }
  | { name: string; file: FileRef; /** Default: the file's own name. */ filename?: string };

export interface HttpResponse<Body = unknown> {
  status: number;
  /** Lower-case names; repeated headers joined with `, `. */
  headers: Record<string, string>;
  body: Body;
  /** The final URL after redirects. */
  url: string;
}

export interface HttpClient {
  /** `Body` is the author's claim about the response shape; validate it when it matters. */
  request<Body = unknown>(request: HttpRequest): Promise<HttpResponse<Body>>;
  /**
   * Follows a paginated API from `first` and concatenates the pages' items (see `PaginateOptions`); every page
   * is a `request`, with its auth, rate limits, retries and errors. `Page` and `Item` are the author's claim.
   */
  paginate<Item = unknown, Page = unknown>(
    first: HttpRequest,
    options: PaginateOptions<Page, Item>,
  ): Promise<Paged<Page, Item>>;
}
