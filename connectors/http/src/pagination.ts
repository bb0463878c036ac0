// Following a paginated API and concatenating its results. Two styles:
// - `nextLink`: the next page's URL, from the Link header (rel="next") or a field of the body;
// - `cursor`: a field of the body (`meta.next_cursor`) sent back as a query parameter (`?cursor=`).
// It stops when there is no next page, after `maxPages` (saying there is more), or when a page repeats a
// URL or a cursor. Next links may not leave the first request's origin: the connection's credentials ride along.
import { ConnectorError, type HttpClient, type HttpRequest, type HttpResponse } from '@weft/sdk';
import { getPath } from './field-path.js';
import { linkWithRel } from './link-header.js';

export interface PaginationOptions {
  type: 'none' | 'nextLink' | 'cursor';
  /** Path of the list in each page's body; default: the body when it is a list. */
  itemsPath?: string;
  maxPages: number;
  /** nextLink: path of the next URL in the body; default: the Link header's rel="next". */
  nextPath?: string;
  /** cursor: path of the next cursor in the body. */
  cursorPath?: string;
  /** cursor: query parameter that carries it. */
  cursorParam?: string;
  /** cursor: stop at a page without items even if it names a cursor (default true). */
  stopOnEmptyPage?: boolean;
}

export interface PagedResponse {
  status: number;
  headers: Record<string, string>;
  url: string;
  /** The (last) page's body. */
  body: unknown;
  pages: number;
  /** Every page's items, in order (only when paginating). */
  items?: unknown[];
  /** True when `maxPages` stopped it before the last page. */
  hasMore?: boolean;
  /** Where to continue when `hasMore`: the next cursor or URL. */
  nextCursor?: string | number | null;
  nextUrl?: string | null;
}

export async function fetchPages(
  http: HttpClient,
  first: HttpRequest,
  options: PaginationOptions,
  /** Query parameters to send on every page (e.g. an API key), also on next links. */
  everyPage: Record<string, string> = {},
): Promise<PagedResponse> {
  const send = (request: HttpRequest) => http.request({ ...request, query: { ...request.query, ...everyPage } });
  let response = await send(first);
  if (options.type === 'none') return single(response);

  const origin = new URL(response.url).origin;
  const items: unknown[] = [];
  const seen = new Set<string>();
  let request = first;
  for (let pages = 1; ; pages++) {
    const pageItems = itemsOf(response.body, options.itemsPath);
    items.push(...pageItems);
    const next =
      options.type === 'nextLink'
        ? nextLinkRequest(response, request, options, origin)
        : nextCursorRequest(response, request, options, pageItems.length);
    const done = next === undefined || seen.has(next.key);
    if (done || pages >= options.maxPages) {
      const result: PagedResponse = { ...single(response), pages, items, hasMore: !done };
      if (options.type === 'cursor') result.nextCursor = done ? null : (next.cursor ?? null);
      else result.nextUrl = done ? null : next.request.url;
      return result;
    }
    seen.add(next.key);
    request = next.request;
    response = await send(request);
  }
}

interface NextPage {
  request: HttpRequest;
  /** Identifies the page, to stop when an API sends the same one again. */
  key: string;
  cursor?: string | number;
}

function nextLinkRequest(
  response: HttpResponse,
  request: HttpRequest,
  options: PaginationOptions,
  origin: string,
): NextPage | undefined {
  const raw = options.nextPath ? getPath(response.body, options.nextPath) : linkWithRel(response.headers.link, 'next');
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw, response.url);
  } catch {
    throw new ConnectorError({
      kind: 'upstream',
      retryable: false,
      message: `The next-page link "${raw}" is not a URL`,
    });
  }
  if (url.origin !== origin) {
    throw new ConnectorError({
      kind: 'upstream',
      retryable: false,
      message: `Refused to follow the next-page link to ${url.origin}: pagination stays on ${origin}, where the connection's credentials belong`,
    });
  }
  // The link carries its own query string; the first request's query is not repeated.
  const { query: _query, ...rest } = request;
  return { request: { ...rest, url: url.toString() }, key: url.toString() };
}

function nextCursorRequest(
  response: HttpResponse,
  request: HttpRequest,
  options: PaginationOptions,
  itemCount: number,
): NextPage | undefined {
  if (!options.cursorPath || !options.cursorParam) {
    throw new ConnectorError({
      kind: 'validation',
      message:
        'Cursor pagination needs "cursorPath" (where the response names the next cursor) and "cursorParam" (the query parameter to send it in)',
    });
  }
  const cursor = getPath(response.body, options.cursorPath);
  if (cursor === undefined || cursor === null || cursor === '' || cursor === false) return undefined;
  if (typeof cursor !== 'string' && typeof cursor !== 'number') {
    throw new ConnectorError({
      kind: 'upstream',
      retryable: false,
      message: `The cursor at "${options.cursorPath}" is a ${Array.isArray(cursor) ? 'list' : typeof cursor}, not a string or number`,
    });
  }
  if ((options.stopOnEmptyPage ?? true) && itemCount === 0) return undefined;
  return {
    request: { ...request, query: { ...request.query, [options.cursorParam]: cursor } },
    key: `${typeof cursor}:${cursor}`,
    cursor,
  };
}

function itemsOf(body: unknown, itemsPath: string | undefined): unknown[] {
  const value = itemsPath ? getPath(body, itemsPath) : body;
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value;
  if (itemsPath) {
    throw new ConnectorError({
      kind: 'upstream',
      retryable: false,
      message: `"${itemsPath}" in the response is a ${typeof value}, not a list`,
    });
  }
  return [value];
}

function single(response: HttpResponse): PagedResponse {
  return { status: response.status, headers: response.headers, url: response.url, body: response.body, pages: 1 };
}
