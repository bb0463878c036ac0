// Small flows shared by the model tests.
import type { FlowDefinition } from './flow-types.js';

export function linearFlow(): FlowDefinition {
  return {
    schema: 'weft.flow/v1',
    name: 'Linear',
    trigger: { id: 'hook', connector: 'webhook@1', trigger: 'event' },
    steps: [
      { id: 'greet', use: 'transform.map', config: { greeting: 'Hello {{ trigger.body.name }}' } },
      { id: 'send', use: 'http@1.request', config: { url: 'https://x.test', body: '{{ steps.greet.greeting }}' } },
    ],
    edges: [
      { from: 'hook', to: 'greet' },
      { from: 'greet', to: 'send' },
    ],
    layout: { hook: { x: 0, y: 0 }, greet: { x: 300, y: 0 }, send: { x: 600, y: 0 } },
  };
}

export function branchingFlow(): FlowDefinition {
  return {
    schema: 'weft.flow/v1',
    name: 'Branching',
    trigger: { id: 'hook', connector: 'webhook@1', trigger: 'event' },
    steps: [
      { id: 'check', use: 'if', config: { condition: '{{ trigger.body.amount > 100 }}' } },
      {
        id: 'route',
        use: 'switch',
        config: {
          cases: [
            { name: 'eu', when: '{{ true }}' },
            { name: 'us', when: '{{ false }}' },
          ],
        },
      },
      { id: 'loop', use: 'forEach', config: { items: '{{ trigger.body.items }}' } },
      { id: 'body', use: 'transform.map', config: { value: '{{ item }}' } },
      { id: 'after', use: 'transform.map', config: {} },
    ],
    edges: [
      { from: 'hook', to: 'check' },
      { from: 'check', to: 'route', port: 'true' },
      { from: 'check', to: 'loop', port: 'false' },
      { from: 'route', to: 'after', port: 'case:eu' },
      { from: 'loop', to: 'body', port: 'each' },
      { from: 'loop', to: 'after', port: 'done' },
    ],
  };
}
