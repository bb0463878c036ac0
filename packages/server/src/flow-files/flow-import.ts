// Import: flow files (exported here or on another instance) become flows with the same ids, created or updated,
// never duplicated. Credential names are resolved to this instance's credentials: through the caller's mapping
// (file name → name or id here) or by the same name, of the node's connector. A flow that names a credential no
// connection here answers to is imported inactive, its reference left as the name, and the plan says what to
// connect. The plan is computed by comparing each file with this instance's own export of the flow, so a file
// exported here and imported back is "unchanged", and nothing is written.
import { draftOf, flowFile, mapCredentials, type CredentialUse, type FlowDefinition, type FlowFile } from '@weft/core';
import type { Reply } from '@weft/core/contract';
import type { CredentialRow, StoreRepositories } from '@weft/store';
import { exportFlow } from './flow-export.js';

export type ImportPlan = Reply<'importFlows'>;
type PlannedFlow = ImportPlan['flows'][number];
type Change = PlannedFlow['changes'][number];
type Repositories = Pick<StoreRepositories, 'flows' | 'credentials'>;

/** A file resolved against this instance: what would be stored. */
export interface ResolvedFlow {
  plan: PlannedFlow;
  published: FlowDefinition | null;
  draft: FlowDefinition;
}

export async function planImport(
  store: Repositories,
  files: readonly FlowFile[],
  mapping: Readonly<Record<string, string>> = {},
): Promise<{ plan: ImportPlan; flows: ResolvedFlow[] }> {
  const credentials = await store.credentials.list();
  const names = new Map(credentials.map((credential) => [credential.id, credential.name]));
  const find = finder(credentials);
  const flows: ResolvedFlow[] = [];
  for (const file of files) {
    const missing = new Map<string, CredentialUse>();
    let missingInPublished = 0;
    const resolve = (definition: FlowDefinition, isPublished: boolean) =>
      mapCredentials(definition, (use) => {
        const target = Object.hasOwn(mapping, use.credential) ? mapping[use.credential]! : use.credential;
        const found = find(use, target);
        if (found === undefined) {
          missing.set(use.call ? `${use.nodeId}/${use.call}` : use.nodeId, { ...use, credential: target });
          if (isPublished) missingInPublished++;
        }
        return found ?? target;
      });
    const published = file.published && resolve(file.published, true);
    const draft = resolve(draftOf(file), false);
    const byName = (definition: FlowDefinition) =>
      mapCredentials(definition, (use) => names.get(use.credential) ?? use.credential);
    const existing = await store.flows.get(file.id);
    const current = existing && (await exportFlow(store, existing, names));
    const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
    const next = flowFile({
      id: file.id,
      active: file.active,
      published: published && byName(published),
      draft: byName(draft),
    });
    // Triggers run the published version: it must have its connections to be switched on, unless it is already
    // on here, unchanged (an export imported back where it came from changes nothing).
    const keepsActive = current?.active === true && same(current.published, next.published);
    const active = file.active && published !== null && (missingInPublished === 0 || keepsActive);
    const changes: Change[] = [];
    if (current) {
      if (!same(current.published, next.published)) changes.push('published');
      if (!same(draftOf(current), draftOf(next))) changes.push('draft');
      if (current.active !== active) changes.push('active');
    }
    flows.push({
      published,
      draft,
      plan: {
        id: file.id,
        name: draft.name,
        action: !existing ? 'create' : changes.length ? 'update' : 'unchanged',
        changes,
        active,
        missingCredentials: [...missing.values()],
      },
    });
  }
  return { plan: { applied: false, flows: flows.map((f) => f.plan), missingCredentials: toConnect(flows) }, flows };
}

/** Writes what the plan says, in one transaction; returns the ids of the flows it created or changed. */
export async function applyImport(store: Repositories, flows: readonly ResolvedFlow[]): Promise<string[]> {
  const touched: string[] = [];
  for (const { plan, published, draft } of flows) {
    if (plan.action === 'unchanged') continue;
    const created = plan.action === 'create';
    if (created) await store.flows.create({ id: plan.id, definition: published ?? draft });
    if (published && (created || plan.changes.includes('published'))) {
      await store.flows.updateDraft(plan.id, { definition: published, name: published.name });
      await store.flows.publish(plan.id);
    }
    await store.flows.updateDraft(plan.id, { definition: draft, name: draft.name });
    if (plan.active || !created) await store.flows.setActive(plan.id, { active: plan.active });
    touched.push(plan.id);
  }
  return touched;
}

/** Finds the credential a reference resolves to: by id, else by name, of the node's connector; oldest first. */
function finder(credentials: readonly CredentialRow[]) {
  return (use: CredentialUse, target: string): string | undefined => {
    const fits = (c: CredentialRow) => use.connector === undefined || c.connector === use.connector;
    return (
      credentials.find((c) => c.id === target && fits(c))?.id ??
      credentials.find((c) => c.name === target && fits(c))?.id
    );
  };
}

/** Every credential name to connect, with the flows waiting for it. */
function toConnect(flows: readonly ResolvedFlow[]): ImportPlan['missingCredentials'] {
  const byName = new Map<string, { credential: string; connector?: string; flows: string[] }>();
  for (const { plan } of flows) {
    for (const use of plan.missingCredentials) {
      const key = JSON.stringify([use.credential, use.connector ?? null]);
      const entry = byName.get(key) ?? {
        credential: use.credential,
        ...(use.connector === undefined ? {} : { connector: use.connector }),
        flows: [],
      };
      if (!entry.flows.includes(plan.id)) entry.flows.push(plan.id);
      byName.set(key, entry);
    }
  }
  return [...byName.values()].sort((a, b) => a.credential.localeCompare(b.credential));
}
