// Loads example flows (one folder each, with flow.json) at start-up: created, published and activated under
// the folder's name as id, so their webhook URLs are stable. A changed flow.json is published as a new version.
import { validateFlow, type ConnectorCatalog, type FlowDefinition } from '@weft/core';
import type { Store } from '@weft/store';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';

export interface LoadedExample {
  id: string;
  /** Webhook examples are switched on; the others wait for credentials or a person. */
  active: boolean;
}

export async function loadExamples(
  store: Store,
  dir: string,
  catalog: ConnectorCatalog,
  logger: Logger,
): Promise<LoadedExample[]> {
  const loaded: LoadedExample[] = [];
  if (!existsSync(dir)) return loaded;
  for (const entry of (await readdir(dir, { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .sort((a, b) => a.name.localeCompare(b.name))) {
    const file = join(dir, entry.name, 'flow.json');
    if (!existsSync(file)) continue;
    let json: unknown;
    try {
      json = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      logger.warn({ file, err: error }, 'example flow skipped: it is not valid JSON');
      continue;
    }
    const result = validateFlow(json, { catalog });
    if (!result.ok) {
      logger.warn({ file, problems: result.problems }, 'example flow skipped: it is not valid');
      continue;
    }
    const id = entry.name.replace(/[^A-Za-z0-9_-]/g, '-');
    const existing = await store.flows.get(id);
    if (!existing) {
      // Another process sharing the database may create it at the same moment.
      await store.flows.create({ id, definition: result.flow }).catch((error: { code?: string }) => {
        if (error.code !== 'flow_exists') throw error;
      });
    } else if (JSON.stringify(existing.definition) !== JSON.stringify(result.flow))
      await store.flows.updateDraft(id, { definition: result.flow });
    const latest = (await store.flows.listVersions(id))[0];
    if (!latest || JSON.stringify(latest.definition) !== JSON.stringify(result.flow)) await store.flows.publish(id);
    // Webhook examples are switched on; schedules, pollers and flows that need credentials wait for a person
    // to configure and activate them (a 15-minute sync without credentials would only record failures).
    let flow = (await store.flows.get(id))!;
    if (!flow.active && startsOnItsOwn(result.flow)) flow = await store.flows.setActive(id, { active: true });
    loaded.push({ id, active: flow.active });
  }
  return loaded;
}

function startsOnItsOwn(flow: FlowDefinition): boolean {
  return (
    flow.trigger.connector === 'webhook@1' && !flow.trigger.credential && flow.steps.every((step) => !step.credential)
  );
}
