// Flows as files through HTTP: export, import plans (created, changed, unchanged, credentials missing), the byte-
// identical round trip, promotion onto a second instance with a credential mapping, version diffs and restores.
import { flowFileText, type FlowDefinition, type FlowFile } from '@weft/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from './test-support/runtime.js';

interface Plan {
  applied: boolean;
  flows: { id: string; action: string; changes: string[]; active: boolean; missingCredentials: object[] }[];
  missingCredentials: { credential: string; connector?: string; flows: string[] }[];
}

const hookFlow = (name: string, text = 'hello'): FlowDefinition => ({
  schema: 'weft.flow/v1',
  name,
  trigger: { id: 'hook', connector: 'webhook@1', trigger: 'event' },
  steps: [{ id: 'greet', use: 'transform.map', config: { text, who: '{{ trigger.body.name }}' } }],
  edges: [{ from: 'hook', to: 'greet' }],
});

const crmFlow = (credential: string): FlowDefinition => ({
  schema: 'weft.flow/v1',
  name: 'CRM upsert',
  trigger: { id: 'hook', connector: 'webhook@1', trigger: 'event' },
  steps: [
    {
      id: 'upsert',
      use: 'http@1.request',
      credential,
      config: { method: 'PUT', url: 'https://crm.example.com/contacts/1', json: { a: 1 } },
    },
  ],
  edges: [{ from: 'hook', to: 'upsert' }],
});

async function json<T>(response: Response, status = 200): Promise<T> {
  const body = (await response.json()) as T;
  expect(response.status, JSON.stringify(body)).toBe(status);
  return body;
}

const exportAll = async (weft: TestRuntime) =>
  (await json<{ items: FlowFile[] }>(await weft.api('/api/export/flows'))).items;
const importFiles = (weft: TestRuntime, body: object) =>
  weft.api('/api/import/flows', { method: 'POST', json: body }).then((r) => json<Plan>(r));
const texts = (files: FlowFile[]) => files.map(flowFileText);

async function createFlow(weft: TestRuntime, definition: FlowDefinition): Promise<string> {
  return (await json<{ id: string }>(await weft.api('/api/flows', { method: 'POST', json: definition }), 201)).id;
}
async function createCredential(weft: TestRuntime, name: string): Promise<string> {
  const response = await weft.api('/api/credentials', {
    method: 'POST',
    json: { connector: 'http', name, kind: 'bearer', values: { token: 'secret-token-value' } },
  });
  return (await json<{ id: string }>(response, 201)).id;
}

let a: TestRuntime;
let b: TestRuntime;
const ids: Record<string, string> = {};

beforeAll(async () => {
  [a, b] = await Promise.all([startTestRuntime(), startTestRuntime()]);
  ids.credential = await createCredential(a, 'CRM production');
  ids.crm = await createFlow(a, crmFlow(ids.credential));
  await json(await a.api(`/api/flows/${ids.crm}/publish`, { method: 'POST' }), 201);
  await json(await a.api(`/api/flows/${ids.crm}/activate`, { method: 'POST' }));
  ids.hello = await createFlow(a, hookFlow('Hello'));
  await json(await a.api(`/api/flows/${ids.hello}/publish`, { method: 'POST' }), 201);
  await json(await a.api(`/api/flows/${ids.hello}`, { method: 'PUT', json: hookFlow('Hello', 'changed draft') }));
  ids.draftOnly = await createFlow(a, hookFlow('Never published'));
});
afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
});

describe('export', () => {
  it('writes each flow once, with its published version, its draft when different, and credentials by name', async () => {
    const files = await exportAll(a);
    expect(files.map((f) => f.id)).toEqual([ids.crm, ids.draftOnly, ids.hello].sort());
    const crm = files.find((f) => f.id === ids.crm)!;
    expect(crm).toMatchObject({ format: 'weft.flow-file/v1', active: true });
    expect(crm.draft).toBeUndefined();
    expect(crm.published!.steps[0]!.credential).toBe('CRM production');
    const text = flowFileText(crm);
    expect(text).not.toContain(ids.credential);
    expect(text).not.toContain('secret-token-value');
    expect(text.startsWith('{\n  "format": "weft.flow-file/v1",\n  "id": ')).toBe(true);
    const hello = files.find((f) => f.id === ids.hello)!;
    expect(hello.published!.steps[0]!.config).toMatchObject({ text: 'hello' });
    expect(hello.draft!.steps[0]!.config).toMatchObject({ text: 'changed draft' });
    expect(files.find((f) => f.id === ids.draftOnly)).toMatchObject({ published: null, active: false });
  });

  it('export → import → export gives byte-identical files, and the import changes nothing', async () => {
    const first = await exportAll(a);
    const versions = await json<{ items: object[] }>(await a.api(`/api/flows/${ids.crm}/versions`));
    const plan = await importFiles(a, { files: first });
    expect(plan.applied).toBe(true);
    expect(plan.flows.map((f) => f.action)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect(plan.missingCredentials).toEqual([]);
    expect(texts(await exportAll(a))).toEqual(texts(first));
    expect((await json<{ items: object[] }>(await a.api(`/api/flows/${ids.crm}/versions`))).items).toEqual(
      versions.items,
    );
  });
});

describe('import plan', () => {
  it('says created, changed (and what) and unchanged, and a dry run writes nothing', async () => {
    const files = await exportAll(a);
    const hello = files.find((f) => f.id === ids.hello)!;
    const edited: FlowFile = { ...hello, draft: hookFlow('Hello', 'edited in git') };
    const added: FlowFile = { ...hello, id: 'imported-new', active: true };
    const plan = await importFiles(a, { files: [edited, added], dryRun: true });
    expect(plan.applied).toBe(false);
    expect(plan.flows.map(({ id, action, changes, active }) => ({ id, action, changes, active }))).toEqual([
      { id: ids.hello, action: 'update', changes: ['draft'], active: false },
      { id: 'imported-new', action: 'create', changes: [], active: true },
    ]);
    expect((await a.api('/api/flows/imported-new')).status).toBe(404);

    const applied = await importFiles(a, { files: [edited, added] });
    expect(applied.applied).toBe(true);
    const created = await json<{ active: boolean; activeVersion: number }>(await a.api('/api/flows/imported-new'));
    expect(created).toMatchObject({ active: true, activeVersion: 1 });
    const draft = await json<{ definition: FlowDefinition }>(await a.api(`/api/flows/${ids.hello}`));
    expect(draft.definition.steps[0]!.config).toMatchObject({ text: 'edited in git' });
    expect((await importFiles(a, { files: [edited, added], dryRun: true })).flows.map((f) => f.action)).toEqual([
      'unchanged',
      'unchanged',
    ]);
  });

  it('refuses a file that is not a flow file or holds an invalid flow, naming where', async () => {
    const response = await a.api('/api/import/flows', {
      method: 'POST',
      json: { files: [{ format: 'weft.flow-file/v1', id: 'bad id!', active: false, published: null, draft: {} }] },
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ pointer: '/files/0/id' });
    const broken = { ...hookFlow('Broken'), edges: [{ from: 'hook', to: 'nowhere' }] };
    const invalid = await a.api('/api/import/flows', {
      method: 'POST',
      json: { files: [{ format: 'weft.flow-file/v1', id: 'broken', active: false, published: broken }] },
    });
    expect(invalid.status).toBe(422);
    const problem = (await invalid.json()) as { code: string; problems: { pointer: string }[] };
    expect(problem.code).toBe('invalid_flow');
    expect(problem.problems.map((p) => p.pointer)).toContain('/files/0/published/edges/0/to');
    expect((await a.api('/api/flows/broken')).status).toBe(404);
  });
});

describe('promotion onto a second instance', () => {
  it('maps credential names to its connections, keeps ids, and leaves flows whose connections are missing inactive', async () => {
    const files = await exportAll(a);
    const staging = await createCredential(b, 'CRM staging');

    const unmapped = await importFiles(b, { files, dryRun: true });
    expect(unmapped.missingCredentials).toEqual([
      { credential: 'CRM production', connector: 'http', flows: [ids.crm] },
    ]);
    expect(unmapped.flows.find((f) => f.id === ids.crm)).toMatchObject({
      action: 'create',
      active: false,
      missingCredentials: [{ nodeId: 'upsert', credential: 'CRM production', connector: 'http' }],
    });

    const plan = await importFiles(b, { files, credentials: { 'CRM production': 'CRM staging' } });
    expect(plan.missingCredentials).toEqual([]);
    expect(plan.flows.every((f) => f.action === 'create')).toBe(true);
    const crm = await json<{ active: boolean; definition: FlowDefinition }>(await b.api(`/api/flows/${ids.crm}`));
    expect(crm.active).toBe(true);
    expect(crm.definition.steps[0]!.credential).toBe(staging);

    // A change on the first instance is promoted as an update of the same flow, not a copy.
    await json(
      await a.api(`/api/flows/${ids.crm}`, { method: 'PUT', json: { ...crmFlow(ids.credential!), name: 'CRM v2' } }),
    );
    await json(await a.api(`/api/flows/${ids.crm}/publish`, { method: 'POST' }), 201);
    const again = await importFiles(b, { files: await exportAll(a), credentials: { 'CRM production': 'CRM staging' } });
    expect(again.flows.find((f) => f.id === ids.crm)).toMatchObject({
      action: 'update',
      changes: ['published', 'draft'],
    });
    const listed = await json<{ items: { id: string; name: string }[] }>(await b.api('/api/flows'));
    expect(listed.items.filter((f) => f.id === ids.crm)).toMatchObject([{ name: 'CRM v2' }]);
    expect(listed.items).toHaveLength(files.length);

    // Without the mapping the flow would wait for "CRM production": imported inactive, with what to connect.
    const other = await startTestRuntime();
    try {
      const waiting = await importFiles(other, { files: [files.find((f) => f.id === ids.crm)!] });
      expect(waiting.missingCredentials).toEqual([
        { credential: 'CRM production', connector: 'http', flows: [ids.crm] },
      ]);
      const flow = await json<{ active: boolean; activeVersion: number }>(await other.api(`/api/flows/${ids.crm}`));
      expect(flow).toMatchObject({ active: false, activeVersion: 1 });
      // Its export still names the credential, so it round-trips.
      expect(texts(await exportAll(other))).toEqual(
        texts([files.find((f) => f.id === ids.crm)!]).map((t) => t.replace('"active": true', '"active": false')),
      );
    } finally {
      await other.close();
    }
  });
});

describe('version diff and restore', () => {
  it('lists exactly the nodes, edges and fields that changed', async () => {
    const id = await createFlow(a, hookFlow('Diffed'));
    await json(await a.api(`/api/flows/${id}/publish`, { method: 'POST' }), 201);
    const next: FlowDefinition = {
      ...hookFlow('Diffed again', 'bye'),
      steps: [
        { id: 'greet', use: 'transform.map', config: { text: 'bye', extra: true } },
        { id: 'tail', use: 'transform.map', config: {} },
      ],
      edges: [
        { from: 'hook', to: 'greet' },
        { from: 'greet', to: 'tail' },
      ],
    };
    await json(await a.api(`/api/flows/${id}`, { method: 'PUT', json: next }));
    await json(await a.api(`/api/flows/${id}/publish`, { method: 'POST' }), 201);
    const diff = await json<object>(await a.api(`/api/flows/${id}/versions/1/diff/2`));
    expect(diff).toEqual({
      from: 1,
      to: 2,
      nodes: { added: ['tail'], removed: [], changed: ['greet'] },
      edges: { added: [{ from: 'greet', to: 'tail' }], removed: [] },
      fields: [
        { node: 'greet', pointer: '/config/text', change: 'changed', before: 'hello', after: 'bye' },
        { node: 'greet', pointer: '/config/who', change: 'removed', before: '{{ trigger.body.name }}' },
        { node: 'greet', pointer: '/config/extra', change: 'added', after: true },
        { pointer: '/name', change: 'changed', before: 'Diffed', after: 'Diffed again' },
      ],
    });
    const same = await json<{ nodes: object; fields: object[] }>(await a.api(`/api/flows/${id}/versions/2/diff/draft`));
    expect(same).toMatchObject({ nodes: { added: [], removed: [], changed: [] }, fields: [] });
    expect((await a.api(`/api/flows/${id}/versions/1/diff/9`)).status).toBe(404);
  });

  it('restores a version as the draft, or publishes it as a new version', async () => {
    const id = await createFlow(a, hookFlow('Restored', 'v1'));
    await json(await a.api(`/api/flows/${id}/publish`, { method: 'POST' }), 201);
    await json(await a.api(`/api/flows/${id}`, { method: 'PUT', json: hookFlow('Restored', 'v2') }));
    await json(await a.api(`/api/flows/${id}/publish`, { method: 'POST' }), 201);
    const restored = await json<{ definition: FlowDefinition; activeVersion: number }>(
      await a.api(`/api/flows/${id}/versions/1/restore`, { method: 'POST' }),
    );
    expect(restored.definition.steps[0]!.config).toMatchObject({ text: 'v1' });
    expect(restored.activeVersion).toBe(2);
    const published = await json<{ activeVersion: number }>(
      await a.api(`/api/flows/${id}/versions/1/restore`, { method: 'POST', json: { publish: true } }),
    );
    expect(published.activeVersion).toBe(3);
    const diff = await json<{ fields: object[] }>(await a.api(`/api/flows/${id}/versions/1/diff/3`));
    expect(diff.fields).toEqual([]);
  });
});

describe('an active flow whose connection is gone', () => {
  it('stays active when its own export is imported back, and the files round-trip', async () => {
    const credential = await createCredential(a, 'Soon deleted');
    const id = await createFlow(a, crmFlow(credential));
    await json(await a.api(`/api/flows/${id}/publish`, { method: 'POST' }), 201);
    await json(await a.api(`/api/flows/${id}/activate`, { method: 'POST' }));
    expect((await a.api(`/api/credentials/${credential}`, { method: 'DELETE' })).status).toBe(204);
    const files = (await exportAll(a)).filter((f) => f.id === id);
    const plan = await importFiles(a, { files });
    expect(plan.flows).toMatchObject([{ id, action: 'unchanged', active: true }]);
    expect(plan.missingCredentials).toEqual([{ credential, connector: 'http', flows: [id] }]);
    expect(texts((await exportAll(a)).filter((f) => f.id === id))).toEqual(texts(files));
  });
});
