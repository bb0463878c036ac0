// Export: every flow of this instance as a flow file (@weft/core flow-files.ts), its credential ids replaced by the
// credentials' names. A reference that names no credential here (a placeholder such as the examples' "stripe", or a
// deleted credential) is written as it is: it is already what an import would have to resolve.
import { flowFile, mapCredentials, type FlowDefinition, type FlowFile } from '@weft/core';
import type { FlowRow, StoreRepositories } from '@weft/store';

type Repositories = Pick<StoreRepositories, 'flows' | 'credentials'>;

export async function exportFlows(store: Repositories): Promise<FlowFile[]> {
  const [flows, credentials] = await Promise.all([store.flows.list(), store.credentials.list()]);
  const names = new Map(credentials.map((credential) => [credential.id, credential.name]));
  const files = await Promise.all(flows.map((flow) => exportFlow(store, flow, names)));
  return files.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** One flow's file; `names` maps credential ids to names. */
export async function exportFlow(
  store: Repositories,
  flow: FlowRow,
  names: ReadonlyMap<string, string>,
): Promise<FlowFile> {
  const byName = (definition: FlowDefinition) =>
    mapCredentials(definition, (use) => names.get(use.credential) ?? use.credential);
  const published =
    flow.activeVersion === undefined ? undefined : await store.flows.getVersion(flow.id, flow.activeVersion);
  return flowFile({
    id: flow.id,
    active: flow.active,
    published: published ? byName(published.definition) : null,
    draft: byName(flow.definition),
  });
}
