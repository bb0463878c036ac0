import { describe, expect, it } from 'vitest';
import {
  copyNodes,
  duplicateNodes,
  parseClipboard,
  pasteNodes,
  renameStepReferences,
  serializeClipboard,
} from './clipboard.js';
import { linearFlow } from './test-flows.js';

describe('clipboard', () => {
  it('copies steps with the edges between them only', () => {
    const payload = copyNodes(linearFlow(), ['greet', 'send', 'hook'])!;
    expect(payload.steps.map((s) => s.id)).toEqual(['greet', 'send']);
    expect(payload.edges).toEqual([{ from: 'greet', to: 'send' }]);
    expect(copyNodes(linearFlow(), ['hook'])).toBeUndefined();
  });

  it('round-trips through text and rejects foreign text', () => {
    const payload = copyNodes(linearFlow(), ['greet'])!;
    expect(parseClipboard(serializeClipboard(payload))).toEqual(payload);
    expect(parseClipboard('hello')).toBeUndefined();
    expect(parseClipboard('{"kind":"other"}')).toBeUndefined();
  });

  it('pastes with fresh ids, offset positions and references rewritten among pasted steps', () => {
    const flow = linearFlow();
    const { flow: next, ids } = pasteNodes(flow, copyNodes(flow, ['greet', 'send'])!);
    expect(ids).toEqual(['greet_2', 'send_2']);
    expect(next.steps.find((s) => s.id === 'send_2')?.config?.body).toBe('{{ steps.greet_2.greeting }}');
    expect(next.edges.at(-1)).toEqual({ from: 'greet_2', to: 'send_2' });
    expect(next.layout?.send_2).toEqual({ x: 640, y: 40 });
  });

  it('keeps references to steps that were not copied', () => {
    const flow = linearFlow();
    const { flow: next } = duplicateNodes(flow, ['send']);
    expect(next.steps.find((s) => s.id === 'send_2')?.config?.body).toBe('{{ steps.greet.greeting }}');
  });

  it('rewrites dotted, optional and bracketed references', () => {
    const renames = new Map([['a', 'b']]);
    expect(renameStepReferences(`{{ steps.a.x + steps?.a + steps['a'].y + steps.ab }}`, renames)).toBe(
      `{{ steps.b.x + steps?.b + steps['b'].y + steps.ab }}`,
    );
  });
});
