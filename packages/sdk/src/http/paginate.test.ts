import { describe, expect, test } from 'vitest';
import { defineAction, defineConnector, type PaginateOptions } from '../index.js';
import { fakeApis } from '../test-support/fake-apis.js';
import { runAction, type FakeApi } from '../testing/index.js';

const startApi = fakeApis();

interface Item {
  id: string;
}

/** Items i0..i{total-1}, `limit` per page after `starting_after` (Stripe's style), with `has_more`. */
async function listApi(total: number): Promise<FakeApi> {
  const all = Array.from({ length: total }, (_, i) => ({ id: `i${i}` }));
  return startApi((request) => {
    const after = request.query.starting_after;
    const from = after === undefined ? 0 : all.findIndex((item) => item.id === after) + 1;
    const limit = Number(request.query.limit ?? 10);
    const data = all.slice(from, from + limit);
    return { json: { data, has_more: from + limit < total } };
  });
}

function lister(baseUrl: string, options: PaginateOptions<{ data: Item[]; has_more: boolean }, Item>) {
  return defineConnector({
    name: 'lister',
    version: '1.0.0',
    title: 'Lister',
    description: 'Lists items',
    baseUrl,
    actions: [
      defineAction({
        key: 'list',
        title: 'List',
        description: 'Lists items',
        input: { type: 'object' } as const,
        output: {} as const,
        run: async (ctx) => {
          const paged = await ctx.http.paginate({ url: '/items' }, options);
          return { ids: paged.items.map((item) => item.id), pages: paged.pages, hasMore: paged.hasMore };
        },
      }),
    ],
  });
}

const afterLast: PaginateOptions<{ data: Item[]; has_more: boolean }, Item>['next'] = {
  cursor: (page, items) => (page.body.has_more ? items.at(-1)?.id : undefined),
  param: 'starting_after',
};

describe('ctx.http.paginate', () => {
  test('follows a cursor computed from the page until the API says there is no more', async () => {
    const api = await listApi(25);
    const { output } = await runAction(lister(api.url, { items: 'data', next: afterLast }), 'list', { input: {} });
    expect(output).toMatchObject({ pages: 3, hasMore: false });
    expect((output as { ids: string[] }).ids).toHaveLength(25);
    expect(api.requests.map((r) => r.query.starting_after)).toEqual([undefined, 'i9', 'i19']);
  });

  test('stops at maxItems, asking each page for no more than is left, and says there is more', async () => {
    const api = await listApi(500);
    const { output } = await runAction(
      lister(api.url, { items: 'data', next: afterLast, maxItems: 130, pageSize: { param: 'limit', max: 100 } }),
      'list',
      { input: {} },
    );
    expect(output).toMatchObject({ pages: 2, hasMore: true });
    expect((output as { ids: string[] }).ids).toHaveLength(130);
    expect(api.requests.map((r) => r.query.limit)).toEqual(['100', '30']);
  });

  test('stops at a repeated cursor instead of looping', async () => {
    const api = await startApi(() => ({ json: { data: [{ id: 'same' }], has_more: true } }));
    const { output } = await runAction(lister(api.url, { items: 'data', next: afterLast }), 'list', { input: {} });
    expect(output).toMatchObject({ pages: 2, hasMore: false });
  });
});
