// `ctx.http.paginate()`: following a paginated API and concatenating its items, once for every connector
// (promoted from the HTTP connector's engine). Two styles:
// - `link`: the next page's URL, from the Link header (rel="next") or a field of the body;
// - `cursor`: a value from the body (`meta.next_cursor`, or computed: the last item's id) sent back as a query
//   parameter (`?cursor=`).
// It stops when there is no next page, after `maxPages` or `maxItems` (saying there is more), or when a page
// repeats a URL or a cursor. Next links may not leave the first request's origin: the connection's credentials
// ride along.
import { ConnectorError } from '../errors.js';
import { getPath } from './field-path.js';
import type { HttpRequest, HttpResponse, QueryValue } from './http-types.js';
import { linkWithRel } from './link-header.js';

type Cursor = string | number;

export interface PaginateOptions<Page = unknown, Item = unknown> {
  /** Each page's items: a path in the body (`data`), or a function; default: the body when it is a list. */
  items?: string | ((page: HttpResponse<Page>) => readonly Item[]);
  next:
    | {
        /** `header`: the Link header's rel="next" (default); otherwise a path of the next URL in the body. */
        link?: 'header' | string;
        /** A next link to another origin: fail (default), or stop there with a warning in the step's log. */
        foreignLink?: 'fail' | 'stop';
      }
    | {
        /** A path of the next cursor in the body, or a function of the page and its items. */
        cursor: string | ((page: HttpResponse<Page>, items: readonly Item[]) => Cursor | null | undefined);
        /** The query parameter that carries it. */
        param: string;
        /** Stop at a page without items even if it names a cursor (default true). */
        stopOnEmptyPage?: boolean;
      };
  /** Default 100. */
  maxPages?: number;
  /** Stop once this many items are collected; `items` is cut to it. */
  maxItems?: number;
  /** The query parameter of the page size: each page asks for at most `max`, and never more than is left. */
  pageSize?: { param: string; max: number };
  /** Query parameters sent on every page, next links included (e.g. an API key the action applies itself). */
  everyPage?: Readonly<Record<string, QueryValue>>;
}

export interface Paged<Page = unknown, Item = unknown> {
  /** The last page's status, headers, URL and body. */
  status: number;
  headers: Record<string, string>;
  url: string;
  body: Page;
  pages: number;
  /** Every page's items, in order. */
  items: Item[];
  /** True when `maxPages` or `maxItems` stopped it before the end. */
  hasMore: boolean;
  /** Where to continue when `hasMore` (cursor style): the next cursor. */
  nextCursor?: Cursor | null;
  /** Where to continue when `hasMore` (link style): the next URL. */
  nextUrl?: string | null;
}

interface NextPage {
  request: HttpRequest;
  /** Identifies the page, to stop when an API sends the same one again. */
  key: string;
  cursor?: Cursor;
}

export async function paginate<Page, Item>(
  send: <Body>(request: HttpRequest) => Promise<HttpResponse<Body>>,
  warn: (message: string) => void,
  first: HttpRequest,
  options: PaginateOptions<Page, Item>,
): Promise<Paged<Page, Item>> {
  const maxPages = options.maxPages ?? 100;
  const maxItems = options.maxItems ?? Infinity;
  const items: Item[] = [];
  const withEveryPage = (request: HttpRequest): HttpRequest => {
    const { pageSize, everyPage } = options;
    if (!pageSize && !everyPage) return request;
    const size = pageSize ? { [pageSize.param]: Math.min(pageSize.max, maxItems - items.length) } : {};
    return { ...request, query: { ...request.query, ...size, ...everyPage } };
  };
  let request = first;
  let response = await send<Page>(withEveryPage(request));
  const origin = new URL(response.url).origin;
  const seen = new Set<string>();
  for (let pages = 1; ; pages++) {
    const pageItems = itemsOf(response, options.items);
    items.push(...pageItems);
    const next =
      'cursor' in options.next
        ? nextCursor(response, request, options.next, pageItems)
        : nextLink(response, request, options.next, origin, warn);
    const done = next === undefined || seen.has(next.key);
    if (done || pages >= maxPages || items.length >= maxItems) {
      const result: Paged<Page, Item> = {
        status: response.status,
        headers: response.headers,
        url: response.url,
        body: response.body,
        pages,
        items: items.slice(0, maxItems),
        hasMore: !done || items.length > maxItems,
      };
      if ('cursor' in options.next) result.nextCursor = done ? null : (next.cursor ?? null);
      else result.nextUrl = done ? null : next.request.url;
      return result;
    }
    seen.add(next.key);
    request = next.request;
    response = await send<Page>(withEveryPage(request));
  }
}

function nextLink(
  response: HttpResponse,
  request: HttpRequest,
  next: { link?: string; foreignLink?: 'fail' | 'stop' },
  origin: string,
  warn: (message: string) => void,
): NextPage | undefined {
  const raw =
    next.link && next.link !== 'header'
      ? getPath(response.body, next.link)
      : linkWithRel(response.headers.link, 'next');
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
    const stays = `pagination stays on ${origin}, where the connection's credentials belong`;
    if (next.foreignLink === 'stop') {
      warn(`Stopped at a next-page link to another origin (${url.origin}): ${stays}`);
      return undefined;
    }
    throw new ConnectorError({
      kind: 'upstream',
      retryable: false,
      message: `Refused to follow the next-page link to ${url.origin}: ${stays}`,
    });
  }
  // The link carries its own query string; the first request's query is not repeated.
  const { query: _query, ...rest } = request;
  return { request: { ...rest, url: url.toString() }, key: url.toString() };
}

function nextCursor<Page, Item>(
  response: HttpResponse<Page>,
  request: HttpRequest,
  next: {
    cursor: string | ((page: HttpResponse<Page>, items: readonly Item[]) => Cursor | null | undefined);
    param: string;
    stopOnEmptyPage?: boolean;
  },
  pageItems: readonly Item[],
): NextPage | undefined {
  const cursor: unknown =
    typeof next.cursor === 'string' ? getPath(response.body, next.cursor) : next.cursor(response, pageItems);
  if (cursor === undefined || cursor === null || cursor === '' || cursor === false) return undefined;
  if (typeof cursor !== 'string' && typeof cursor !== 'number') {
    throw new ConnectorError({
      kind: 'upstream',
      retryable: false,
      message: `The cursor at "${String(next.cursor)}" is a ${Array.isArray(cursor) ? 'list' : typeof cursor}, not a string or number`,
    });
  }
  if ((next.stopOnEmptyPage ?? true) && pageItems.length === 0) return undefined;
  return {
    request: { ...request, query: { ...request.query, [next.param]: cursor } },
    key: `${typeof cursor}:${cursor}`,
    cursor,
  };
}

function itemsOf<Page, Item>(
  response: HttpResponse<Page>,
  items: string | ((page: HttpResponse<Page>) => readonly Item[]) | undefined,
): readonly Item[] {
  if (typeof items === 'function') return items(response);
  const value = items ? getPath(response.body, items) : response.body;
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value as Item[];
  if (items) {
    throw new ConnectorError({
      kind: 'upstream',
      retryable: false,
      message: `"${items}" in the response is a ${typeof value}, not a list`,
    });
  }
  return [value as Item];
}
