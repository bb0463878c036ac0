// The files of a new connector package: one action, one polling trigger, a test against a fake API, a README.
// Kept as plain template functions so that `scaffold.test.ts` can prove the result passes its own tests.

export interface TemplateNames {
  /** `acme-crm` */
  name: string;
  /** `Acme Crm` */
  title: string;
  sdkVersion: string;
}

export function packageJson(n: TemplateNames): string {
  const pkg = {
    name: `weft-connector-${n.name}`,
    version: '0.1.0',
    description: `${n.title} connector for Weft`,
    type: 'module',
    keywords: ['weft', 'weft-connector'],
    exports: {
      '.': { 'weft-source': './src/index.ts', types: './dist/index.d.ts', default: './dist/index.js' },
    },
    files: ['dist'],
    weft: { connector: true },
    scripts: {
      build: 'tsc -p tsconfig.json',
      test: 'vitest run',
      prepublishOnly: 'tsc -p tsconfig.json && vitest run',
    },
    dependencies: { '@weft/sdk': n.sdkVersion },
    devDependencies: { typescript: '~6.0.3', vitest: '^5.1.1', '@types/node': '^24.19.2' },
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

export function tsconfigJson(): string {
  return `{
  "compilerOptions": {
    "target": "es2024",
    "lib": ["es2024"],
    "module": "nodenext",
    "moduleResolution": "nodenext",
    "strict": true,
    "composite": true,
    "noUncheckedIndexedAccess": true,
    "verbatimModuleSyntax": true,
    "declaration": true,
    "skipLibCheck": true,
    "rootDir": "src",
    "outDir": "dist",
    "types": ["node"]
  },
  "include": ["src"],
  "exclude": ["src/**/*.test.ts"]
}
`;
}

export function indexTs(n: TemplateNames): string {
  return `// The ${n.title} connector: what it is, how it authenticates, its limits, actions and triggers.
import { defineConnector } from '@weft/sdk';
import { getItem } from './actions/get-item.js';
import { newItem } from './triggers/new-item.js';

export default defineConnector({
  name: '${n.name}',
  version: '0.1.0',
  title: '${n.title}',
  description: 'Work with ${n.title} items.',
  categories: ['Productivity'],
  // Requests through ctx.http get \`Authorization: Bearer <apiKey>\`; action code never sees the key.
  auth: {
    kind: 'apiKey',
    in: 'header',
    name: 'Authorization',
    prefix: 'Bearer ',
    help: 'Create a key in ${n.title} → Settings → API.',
  },
  // Checked before each request leaves; waits are logged on the step.
  rateLimits: [{ per: 'credential', limit: 10, interval: 1000 }],
  baseUrl: 'https://api.example.com/v1',
  actions: [getItem],
  triggers: [newItem],
});
`;
}

export function actionTs(): string {
  return `// Get item: fetches one item by id.
import { defineAction } from '@weft/sdk';

interface Item {
  id: string;
  name?: string;
}

export const getItem = defineAction({
  key: 'getItem',
  title: 'Get item',
  description: 'Fetches one item by its id.',
  input: {
    type: 'object',
    properties: { id: { type: 'string', title: 'Item id', minLength: 1 } },
    required: ['id'],
    additionalProperties: false,
  } as const,
  output: {
    type: 'object',
    properties: { id: { type: 'string' }, name: { type: 'string' } },
    required: ['id'],
  } as const,
  async run(ctx) {
    // ctx.input is typed from the input schema: { id: string }.
    const response = await ctx.http.request<Item>({ url: \`/items/\${encodeURIComponent(ctx.input.id)}\` });
    // Return what the output schema promises, not whatever the API sent.
    const { id, name } = response.body;
    return { id, name };
  },
});
`;
}

export function triggerTs(): string {
  return `// New item: polls for items created since the last poll.
import { defineTrigger } from '@weft/sdk';

interface ItemPage {
  items: { id: string; name?: string; createdAt: string }[];
}

export const newItem = defineTrigger({
  key: 'newItem',
  title: 'New item',
  description: 'Fires once for every item created after the flow was activated.',
  kind: 'polling',
  intervalMs: 60_000,
  output: {
    type: 'object',
    properties: { id: { type: 'string' }, name: { type: 'string' }, createdAt: { type: 'string' } },
    required: ['id', 'createdAt'],
  } as const,
  async poll(ctx) {
    const since = typeof ctx.cursor === 'string' ? ctx.cursor : undefined;
    const page = await ctx.http.request<ItemPage>({ url: '/items', query: { since, order: 'asc' } });
    const items = page.body.items;
    const cursor = items.at(-1)?.createdAt ?? since ?? new Date(ctx.now).toISOString();
    // The first poll only records where we are: a new flow should not fire for every existing item.
    return { items: since === undefined ? [] : items, cursor };
  },
  dedupeKey: (item) => item.id,
});
`;
}

export function indexTestTs(): string {
  return `import { afterAll, beforeAll, expect, test } from 'vitest';
import { runAction, runPoll, startFakeApi, type FakeApi } from '@weft/sdk/testing';
import connector from './index.js';

const items = [
  { id: '1', name: 'First', createdAt: '2024-01-01T00:00:00Z' },
  { id: '2', name: 'Second', createdAt: '2024-01-02T00:00:00Z' },
];
let api: FakeApi;

beforeAll(async () => {
  api = await startFakeApi({
    'GET /v1/items/42': () => ({ json: { id: '42', name: 'The answer' } }),
    'GET /v1/items': (request) => ({
      json: { items: items.filter((item) => !request.query.since || item.createdAt > request.query.since) },
    }),
  });
});
afterAll(() => api.close());

test('getItem fetches an item with the API key', async () => {
  const { output } = await runAction(connector, 'getItem', {
    input: { id: '42' },
    credentials: { apiKey: 'test-key' },
    baseUrl: \`\${api.url}/v1\`,
  });
  expect(output).toEqual({ id: '42', name: 'The answer' });
  expect(api.requests.at(-1)?.headers.authorization).toBe('Bearer test-key');
});

test('newItem fires once for each item created after the first poll', async () => {
  const options = { credentials: { apiKey: 'test-key' }, baseUrl: \`\${api.url}/v1\` };
  const first = await runPoll(connector, 'newItem', options);
  expect(first.output).toEqual([]);
  items.push({ id: '3', name: 'Third', createdAt: '2024-01-03T00:00:00Z' });
  const second = await runPoll(connector, 'newItem', { ...options, state: first.state });
  expect(second.output).toEqual([items[2]]);
  const third = await runPoll(connector, 'newItem', { ...options, state: second.state });
  expect(third.output).toEqual([]);
});
`;
}

export function readme(n: TemplateNames): string {
  return `# ${n.title} connector for Weft

Actions and triggers for ${n.title} in [Weft](https://weft.dev) flows.

| Kind    | Key       | What it does                                 |
| ------- | --------- | -------------------------------------------- |
| action  | \`getItem\` | Fetches one item by id                       |
| trigger | \`newItem\` | Fires for each item created after activation |

Use it in a flow as \`${n.name}@0.getItem\` (flows pin the major version).

## Develop

\`\`\`sh
pnpm install
pnpm test        # runs src/index.test.ts against a local fake API
pnpm build       # compiles to dist/
\`\`\`

- \`src/index.ts\` declares the connector: auth, rate limits, base URL, actions and triggers.
- \`src/actions/\` holds one action per file; \`src/triggers/\` one trigger per file.
- Tests use \`@weft/sdk/testing\`: \`runAction\`/\`runPoll\` run the code as the Weft runtime does, against
  \`startFakeApi\` on 127.0.0.1. Requests anywhere else are refused, so tests never call the real API.

## Publish

Bump \`version\` (semver: a new major for breaking input/output changes), then \`npm publish\`. The
\`"weft": { "connector": true }\` field in package.json is how Weft finds the package in \`node_modules\`.

See the Weft connector guide (docs/connectors.md) for auth, rate limits, webhooks, polling and testing.
`;
}

export function gitignore(): string {
  return 'node_modules/\ndist/\n*.tsbuildinfo\n';
}
