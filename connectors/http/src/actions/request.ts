// HTTP request: any method, URL, query, headers and body (JSON, form, text, a stored file or a multipart form of
// fields and files), authenticated with the step's connection, the response parsed as asked (binary responses kept
// as file references), optionally following pagination (the SDK's `ctx.http.paginate`) and concatenating pages.
import {
  ConnectorError,
  defineAction,
  fileRefSchema,
  type FileRef,
  type HttpMethod,
  type MultipartPart,
  type HttpRequest,
  type PaginateOptions,
  type QueryValue,
} from '@weft/sdk';
import { applyConnection, expiredTokenHint } from '../connection-auth.js';
import { apiKeyInput, headersInput, responseOutput } from '../schemas.js';

const scalar = { type: ['string', 'number', 'boolean', 'null'] } as const;

export const request = defineAction({
  key: 'request',
  title: 'HTTP request',
  description: 'Calls any HTTP API with the step’s connection; can follow next links or cursors across pages.',
  input: {
    type: 'object',
    properties: {
      method: { enum: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'], default: 'GET' },
      url: { type: 'string', format: 'uri', title: 'URL', pattern: '^[Hh][Tt][Tt][Pp][Ss]?://' },
      query: {
        type: 'object',
        title: 'Query parameters',
        additionalProperties: { anyOf: [scalar, { type: 'array', items: scalar }] },
      },
      headers: headersInput,
      json: { title: 'JSON body', description: 'Sent as application/json' },
      form: {
        type: 'object',
        title: 'Form body',
        description: 'Sent as application/x-www-form-urlencoded',
        additionalProperties: scalar,
      },
      body: { type: 'string', title: 'Raw body' },
      contentType: { type: 'string', title: 'Content type of the raw body', default: 'text/plain' },
      file: { ...fileRefSchema, title: 'File body', description: 'A file reference ({ $file }) sent as the body' },
      multipart: {
        type: 'array',
        title: 'Multipart form body',
        description: 'Sent as multipart/form-data: text fields and file references, streamed from disk',
        items: {
          type: 'object',
          description: 'A text field (`value`) or a file (`file`, a file reference; `filename` overrides its name)',
          properties: {
            name: { type: 'string', minLength: 1 },
            value: { type: ['string', 'number', 'boolean'] },
            file: fileRefSchema,
            filename: { type: 'string' },
          },
          required: ['name'],
          additionalProperties: false,
        },
      },
      responseType: {
        enum: ['auto', 'json', 'text', 'file'],
        default: 'auto',
        description:
          'auto: a file reference for binary responses, JSON when the response says so, else text; file: always a file reference',
      },
      failOnError: { type: 'boolean', default: true, description: 'Fail the step on a 4xx/5xx status' },
      timeout: { type: 'integer', minimum: 1, maximum: 300_000, description: 'Whole request, ms' },
      apiKey: apiKeyInput,
      pagination: {
        type: 'object',
        properties: {
          type: { enum: ['none', 'nextLink', 'cursor'], default: 'none' },
          itemsPath: { type: 'string', description: 'Path of the list in each page, e.g. "data"' },
          maxPages: { type: 'integer', minimum: 1, maximum: 1000, default: 10 },
          nextPath: { type: 'string', description: 'nextLink: path of the next URL; default: Link header rel="next"' },
          cursorPath: { type: 'string', description: 'cursor: path of the next cursor, e.g. "meta.next_cursor"' },
          cursorParam: { type: 'string', description: 'cursor: query parameter to send it in, e.g. "cursor"' },
          stopOnEmptyPage: { type: 'boolean', default: true },
        },
        additionalProperties: false,
      },
    },
    required: ['url'],
    additionalProperties: false,
  } as const,
  output: responseOutput,
  async run(ctx) {
    const input = ctx.input;
    const bodies = [input.json, input.form, input.body, input.file, input.multipart].filter((b) => b !== undefined);
    if (bodies.length > 1) {
      throw new ConnectorError({
        kind: 'validation',
        message: 'Give at most one body: "json", "form", "body", "file" or "multipart"',
      });
    }
    const connection = applyConnection(ctx.auth, input.apiKey);
    const headers: Record<string, string> = { ...connection.headers };
    for (const [name, value] of Object.entries(input.headers ?? {})) headers[name.toLowerCase()] = value;
    if (input.body !== undefined) headers['content-type'] ??= input.contentType ?? 'text/plain';

    const first: HttpRequest = {
      method: (input.method ?? 'GET') as HttpMethod,
      url: input.url,
      query: (input.query ?? {}) as Record<string, QueryValue | QueryValue[]>,
      headers,
      ...(input.json === undefined ? {} : { json: input.json }),
      ...(input.form === undefined ? {} : { form: input.form as Record<string, QueryValue> }),
      ...(input.body === undefined ? {} : { body: input.body }),
      ...(input.file === undefined ? {} : { file: input.file }),
      ...(input.multipart === undefined ? {} : { multipart: multipartParts(input.multipart) }),
      ...(input.responseType === 'json' || input.responseType === 'text' || input.responseType === 'file'
        ? { responseType: input.responseType }
        : {}),
      ...(input.timeout === undefined ? {} : { timeout: input.timeout }),
      throwHttpErrors: input.failOnError ?? true,
      auth: false,
    };
    const pagination = input.pagination;
    const everyPage = connection.query;
    try {
      if (!pagination || (pagination.type ?? 'none') === 'none') {
        const {
          status,
          headers: got,
          url,
          body,
        } = await ctx.http.request({
          ...first,
          query: { ...first.query, ...everyPage },
        });
        return { status, headers: got, url, body, pages: 1 };
      }
      let next: PaginateOptions['next'];
      if (pagination.type === 'cursor') {
        const { cursorPath, cursorParam, stopOnEmptyPage } = pagination;
        if (!cursorPath || !cursorParam) {
          throw new ConnectorError({
            kind: 'validation',
            message:
              'Cursor pagination needs "cursorPath" (where the response names the next cursor) and "cursorParam" (the query parameter to send it in)',
          });
        }
        next = {
          cursor: cursorPath,
          param: cursorParam,
          ...(stopOnEmptyPage === undefined ? {} : { stopOnEmptyPage }),
        };
      } else next = { link: pagination.nextPath ?? 'header' };
      return await ctx.http.paginate(first, {
        ...(pagination.itemsPath === undefined ? {} : { items: pagination.itemsPath }),
        next,
        maxPages: pagination.maxPages ?? 10,
        everyPage,
      });
    } catch (error) {
      throw expiredTokenHint(connection.kind, error);
    }
  },
});

type PartInput = { name: string; value?: string | number | boolean; file?: FileRef; filename?: string };

/** Each part is a text field or a file, never both (the schema allows either so mappings can fill them). */
function multipartParts(parts: readonly PartInput[]): MultipartPart[] {
  return parts.map((part, i) => {
    if ((part.value === undefined) === (part.file === undefined)) {
      throw new ConnectorError({
        kind: 'validation',
        message: `Multipart part ${i + 1} ("${part.name}") needs either "value" or "file"`,
      });
    }
    if (part.file !== undefined)
      return { name: part.name, file: part.file, ...(part.filename === undefined ? {} : { filename: part.filename }) };
    return { name: part.name, value: part.value! };
  });
}
