import { describe, expect, it } from 'vitest';
import {
  paletteCategories,
  paletteItems,
  searchPalette,
  findAction,
  findTrigger,
  withFallbacks,
  iconKind,
} from './catalog.js';
import { exportFileName, exportFlow, importFlow } from './flow-file.js';
import { linearFlow } from './test-flows.js';

describe('import and export', () => {
  it('round-trips a flow', () => {
    const flow = linearFlow();
    const result = importFlow(exportFlow(flow));
    expect(result).toEqual({ ok: true, flow });
    expect(exportFileName(flow)).toBe('linear.weft.json');
  });

  it('accepts a flow record wrapper', () => {
    expect(importFlow(JSON.stringify({ id: 'f1', definition: linearFlow() }))).toMatchObject({ ok: true });
  });

  it('explains what is wrong with other files', () => {
    expect(importFlow('{')).toMatchObject({ ok: false, error: /not valid JSON/ });
    expect(importFlow('[]')).toMatchObject({ ok: false, error: /JSON object/ });
    expect(importFlow('{"schema":"n8n"}')).toMatchObject({ ok: false, error: /not a Weft flow.*"n8n"/ });
    expect(importFlow('{"schema":"weft.flow/v1","name":"x"}')).toMatchObject({ ok: false, error: /incomplete/ });
  });
});

describe('catalog', () => {
  const manifests = withFallbacks([
    {
      name: 'http',
      version: '1.2.0',
      title: 'HTTP',
      icon: '🌐',
      categories: ['Developer'],
      auth: { kind: 'none' },
      triggers: [],
      actions: [{ key: 'request', title: 'HTTP request', description: 'Call any API', output: { type: 'object' } }],
    },
  ]);

  it('lists triggers, core nodes and actions with their use', () => {
    const items = paletteItems(manifests);
    expect(items.find((i) => i.use === 'http@1.request')).toMatchObject({
      title: 'HTTP request',
      icon: '🌐',
      categories: ['Developer'],
    });
    expect(items.find((i) => i.use === 'if')).toMatchObject({ kind: 'action', categories: ['Core'] });
    expect(items.find((i) => i.id === 'trigger:webhook@1:event')).toMatchObject({
      kind: 'trigger',
      trigger: { connector: 'webhook@1', trigger: 'event' },
    });
    expect(paletteCategories(items)).toEqual(['Triggers', 'Core', 'Developer']);
  });

  it('searches by words across title, description and connector', () => {
    const items = paletteItems(manifests);
    expect(searchPalette(items, 'call api').map((i) => i.use)).toEqual(['http@1.request']);
    expect(searchPalette(items, '', 'Triggers').every((i) => i.kind === 'trigger')).toBe(true);
  });

  it('uses per-action categories and icons when a manifest gives them', () => {
    const items = paletteItems([
      {
        name: 'core',
        version: '1.0.0',
        title: 'Weft',
        icon: '🧵',
        categories: ['Flow control', 'Transform'],
        auth: { kind: 'none' },
        triggers: [],
        actions: [
          { key: 'if', title: 'If', category: 'Flow control', icon: '🔀' },
          { key: 'transform.map', title: 'Map', category: 'Transform' },
        ],
      },
    ]);
    expect(items.map((i) => [i.use, i.categories, i.icon])).toEqual([
      ['if', ['Flow control'], '🔀'],
      ['transform.map', ['Transform'], '⇄'],
    ]);
    expect(paletteCategories(items)).toEqual(['Flow control', 'Transform']);
  });

  it('finds the manifest behind a node', () => {
    expect(findAction(manifests, 'http@1.request')?.action.key).toBe('request');
    expect(findAction(manifests, 'http@2.request')).toBeUndefined();
    expect(findAction(manifests, 'transform.map')?.manifest.name).toBe('core');
    expect(findTrigger(manifests, 'webhook@1', 'event')?.trigger.title).toBe('Webhook');
    expect(iconKind('https://x/icon.svg')).toBe('url');
    expect(iconKind('<svg/>')).toBe('svg');
    expect(iconKind('🌐')).toBe('text');
  });
});
