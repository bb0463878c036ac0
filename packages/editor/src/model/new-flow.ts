// A new flow starts by choosing what starts it: a searchable list of every installed trigger (the built-in
// webhook, schedule and manual ones first), instead of a manual trigger to be swapped later by guessing.
import { paletteItems, searchPalette, type ConnectorManifest, type PaletteItem } from './catalog.js';
import { emptyFlow, type FlowDefinition } from './flow-types.js';

const BUILT_IN_FIRST = ['webhook@1', 'schedule@1', 'manual@1'];

export function triggerChoices(manifests: ConnectorManifest[], query = ''): PaletteItem[] {
  const triggers = paletteItems(manifests).filter((item) => item.kind === 'trigger');
  const rank = (item: PaletteItem) => {
    const at = BUILT_IN_FIRST.indexOf(item.trigger?.connector ?? '');
    return at === -1 ? BUILT_IN_FIRST.length : at;
  };
  const sorted = [...triggers].sort(
    (a, b) => rank(a) - rank(b) || a.connectorTitle.localeCompare(b.connectorTitle) || a.title.localeCompare(b.title),
  );
  return query.trim() ? searchPalette(sorted, query) : sorted;
}

/** The definition of a new flow started by `trigger`. */
export function newFlow(name: string, trigger: { connector: string; trigger: string }): FlowDefinition {
  const flow = emptyFlow(name);
  return { ...flow, trigger: { ...flow.trigger, connector: trigger.connector, trigger: trigger.trigger } };
}
