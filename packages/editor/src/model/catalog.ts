// The node catalog: connector manifests from the server turned into palette entries, searched and grouped,
// and the lookup of the action or trigger behind a node. The engine's own nodes come as the `core` manifest;
// a built-in fallback keeps the palette usable if the server does not list them.
import type { ActionManifest, ConnectorManifest, TriggerManifest } from '@weft/core/contract';
import { CONTROL_KINDS, controlConfigSchemas, TRANSFORM_KINDS, type JsonObject } from './flow-types.js';

export type JsonSchema = JsonObject;

/** The manifests as `GET /api/connectors` sends them; the contract declares their shape. */
export type { ActionManifest, ConnectorManifest, TriggerManifest } from '@weft/core/contract';

export interface PaletteItem {
  /** Stable id, also the drag payload: `action:<use>` or `trigger:<connector>:<trigger>`. */
  id: string;
  kind: 'action' | 'trigger';
  title: string;
  description: string;
  icon: string;
  categories: string[];
  connectorTitle: string;
  /** For actions: the step's `use`. */
  use?: string;
  /** For triggers: `connector@major` and trigger key. */
  trigger?: { connector: string; trigger: string };
}

const CORE_TITLES: Record<string, [string, string, string]> = {
  if: ['If', 'Branch on a condition: true or false', '⑂'],
  switch: ['Switch', 'Route to the first matching case', '⇶'],
  forEach: ['For each', 'Repeat steps for every item of a list', '↻'],
  merge: ['Merge', 'Wait for branches and combine their outputs', '⋈'],
  delay: ['Delay', 'Wait for a duration or until a date', '⏱'],
  respond: ['Respond', 'Answer the webhook caller', '↩'],
  subflow: ['Subflow', 'Run another flow and use its output', '⎘'],
  'transform.map': ['Map data', 'Build an object from expressions', '⇄'],
  'transform.code': ['Code', 'Run JavaScript in a sandbox', '{}'],
};

export const fallbackCoreManifest: ConnectorManifest = {
  name: 'core',
  version: '1.0.0',
  title: 'Core',
  categories: ['Core'],
  auth: { kind: 'none' },
  triggers: [],
  actions: [...CONTROL_KINDS, ...TRANSFORM_KINDS].map((key) => ({
    key,
    title: CORE_TITLES[key]![0],
    description: CORE_TITLES[key]![1],
    input: controlConfigSchemas[key],
  })),
};

export const fallbackTriggerManifests: ConnectorManifest[] = [
  {
    name: 'webhook',
    version: '1.0.0',
    title: 'Webhook',
    icon: '🪝',
    categories: ['Triggers'],
    auth: { kind: 'none' },
    actions: [],
    triggers: [
      { key: 'event', title: 'Webhook', kind: 'webhook', description: 'Start on an HTTP request to the flow’s URL' },
    ],
  },
  {
    name: 'schedule',
    version: '1.0.0',
    title: 'Schedule',
    icon: '🗓',
    categories: ['Triggers'],
    auth: { kind: 'none' },
    actions: [],
    triggers: [{ key: 'cron', title: 'Schedule', kind: 'schedule', description: 'Start on a cron schedule' }],
  },
  {
    name: 'manual',
    version: '1.0.0',
    title: 'Manual',
    icon: '▶',
    categories: ['Triggers'],
    auth: { kind: 'none' },
    actions: [],
    triggers: [{ key: 'run', title: 'Manual', kind: 'manual', description: 'Start by hand or from the API' }],
  },
];

/** Adds the fallback manifests the server did not send. */
export function withFallbacks(manifests: ConnectorManifest[]): ConnectorManifest[] {
  const names = new Set(manifests.map((m) => m.name));
  return [...manifests, ...[fallbackCoreManifest, ...fallbackTriggerManifests].filter((m) => !names.has(m.name))];
}

export function majorOf(version: string): number {
  return Number(version.split('.')[0]) || 0;
}

export function useOf(manifest: ConnectorManifest, action: ActionManifest): string {
  return manifest.name === 'core' ? action.key : `${manifest.name}@${majorOf(manifest.version)}.${action.key}`;
}

export function paletteItems(manifests: ConnectorManifest[]): PaletteItem[] {
  const items: PaletteItem[] = [];
  for (const m of manifests) {
    const categories = m.categories?.length ? m.categories : ['Other'];
    for (const t of m.triggers ?? []) {
      const connector = `${m.name}@${majorOf(m.version)}`;
      items.push({
        id: `trigger:${connector}:${t.key}`,
        kind: 'trigger',
        title: t.title,
        description: t.description ?? `Starts the flow (${m.title})`,
        icon: m.icon ?? '⚡',
        categories: ['Triggers'],
        connectorTitle: m.title,
        trigger: { connector, trigger: t.key },
      });
    }
    for (const a of m.actions ?? []) {
      const use = useOf(m, a);
      items.push({
        id: `action:${use}`,
        kind: 'action',
        title: a.title,
        description: a.description ?? '',
        icon: a.icon ?? (m.name === 'core' ? (CORE_TITLES[a.key]?.[2] ?? m.icon ?? '◆') : (m.icon ?? '◆')),
        categories: a.category ? [a.category] : categories,
        connectorTitle: m.title,
        use,
      });
    }
  }
  return items;
}

export function paletteCategories(items: PaletteItem[]): string[] {
  const all = new Set(items.flatMap((i) => i.categories));
  const first = ['Triggers', 'Core', 'Flow control', 'Transform'].filter((c) => all.has(c));
  return [...first, ...[...all].filter((c) => !first.includes(c)).sort()];
}

export function searchPalette(items: PaletteItem[], query: string, category?: string): PaletteItem[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return items.filter((item) => {
    if (category && !item.categories.includes(category)) return false;
    const text =
      `${item.title} ${item.description} ${item.connectorTitle} ${item.use ?? ''} ${item.trigger?.connector ?? ''}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

export function findAction(
  manifests: ConnectorManifest[],
  use: string,
): { manifest: ConnectorManifest; action: ActionManifest } | undefined {
  for (const manifest of manifests) {
    for (const action of manifest.actions ?? []) if (useOf(manifest, action) === use) return { manifest, action };
  }
  return undefined;
}

export function findTrigger(
  manifests: ConnectorManifest[],
  connector: string,
  trigger: string,
): { manifest: ConnectorManifest; trigger: TriggerManifest } | undefined {
  for (const manifest of manifests) {
    if (`${manifest.name}@${majorOf(manifest.version)}` !== connector) continue;
    const found = manifest.triggers?.find((t) => t.key === trigger);
    if (found) return { manifest, trigger: found };
  }
  return undefined;
}

/** Icons are a URL, an inline SVG, or a short text/emoji. */
export function iconKind(icon: string): 'url' | 'svg' | 'text' {
  if (/^(https?:|data:|\/)/.test(icon)) return 'url';
  if (icon.trimStart().startsWith('<svg')) return 'svg';
  return 'text';
}
