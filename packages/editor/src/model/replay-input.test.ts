import { describe, expect, it } from 'vitest';
import type { ConnectorManifest, JsonSchema } from './catalog.js';
import type { FlowDefinition } from './flow-types.js';
import { checkReplayInput, replayBody, replaysOf, replayTarget, serverInputErrors } from './replay-input.js';
import { schemaErrors } from './schema-check.js';

const flow: FlowDefinition = {
  schema: 'weft.flow/v1',
  name: 'f',
  trigger: { id: 'hook', connector: 'webhook@1', trigger: 'event' },
  steps: [
    { id: 'post', use: 'acme@1.post', config: { text: '{{ trigger.body.text }}' } },
    { id: 'loop', use: 'forEach', config: { items: '{{ trigger.body.items }}' } },
  ],
  edges: [],
} as FlowDefinition;

const postInput: JsonSchema = {
  type: 'object',
  required: ['channel', 'text'],
  additionalProperties: false,
  properties: {
    channel: { type: 'string', minLength: 1 },
    text: { type: 'string', maxLength: 5 },
    retries: { type: 'integer', minimum: 0 },
    tags: { type: 'array', items: { enum: ['a', 'b'] } },
    mode: { anyOf: [{ enum: ['fast', 'slow'] }, { type: 'null' }] },
  },
};
const manifests = [
  {
    name: 'acme',
    version: '1.2.0',
    title: 'Acme',
    auth: { kind: 'none' },
    actions: [{ key: 'post', title: 'Post', input: postInput }],
    triggers: [],
  },
] as unknown as ConnectorManifest[];

describe('replay target', () => {
  it('starts from the step’s recorded input, checked against its action’s input schema', () => {
    const target = replayTarget({
      flow,
      manifests,
      step: { key: 'post', nodeId: 'post', input: { channel: '#x', text: 'hi' } },
      runInput: {},
    });
    expect(target).toMatchObject({
      from: 'post',
      kind: 'step',
      initial: { channel: '#x', text: 'hi' },
      schema: postInput,
      editable: true,
    });
  });

  it('replays the trigger with the run’s event, and a forEach iteration without an edited input', () => {
    expect(
      replayTarget({ flow, manifests, step: { key: 'hook', nodeId: 'hook' }, runInput: { body: 1 } }),
    ).toMatchObject({
      from: 'hook',
      kind: 'trigger',
      initial: { body: 1 },
      schema: undefined,
    });
    expect(
      replayTarget({ flow, manifests, step: { key: 'loop#2/post', nodeId: 'post' }, runInput: {} })?.editable,
    ).toBe(false);
    expect(replayTarget({ flow, manifests, step: { key: 'gone', nodeId: 'gone' }, runInput: {} })).toBeUndefined();
  });
});

describe('checking the edited input', () => {
  it('points at every field that breaks the schema', () => {
    const check = checkReplayInput(
      JSON.stringify({ text: 'too long', retries: -1, tags: ['a', 'c'], extra: 1, mode: 'medium' }),
      postInput,
    );
    expect(check.ok).toBe(false);
    expect(!check.ok && check.errors.map((e) => e.pointer).sort()).toEqual(
      ['/channel', '/extra', '/mode', '/retries', '/tags/1', '/text'].sort(),
    );
  });

  it('says when the text is not JSON, and accepts a valid input', () => {
    const broken = checkReplayInput('{ "channel": ', postInput);
    expect(!broken.ok && broken.errors[0]).toMatchObject({ pointer: '' });
    expect(checkReplayInput('{"channel":"#x","text":"hi","mode":null}', postInput)).toEqual({
      ok: true,
      value: { channel: '#x', text: 'hi', mode: null },
    });
    expect(schemaErrors({ type: 'object' }, [])).toEqual([
      { pointer: '', message: 'should be an object, not an array' },
    ]);
  });

  it('escapes pointer segments (RFC 6901)', () => {
    expect(schemaErrors({ type: 'object', required: ['a/b', 'c~d'] }, {}).map((e) => e.pointer)).toEqual([
      '/a~1b',
      '/c~0d',
    ]);
  });
});

describe('the request and the links', () => {
  const target = { from: 'post', kind: 'step' as const, initial: { a: 1 }, schema: undefined, editable: true };
  it('sends the input only when it was edited', () => {
    expect(replayBody(target, { a: 1 })).toEqual({ from: 'post' });
    expect(replayBody(target, { a: 2 })).toEqual({ from: 'post', input: { a: 2 } });
  });

  it('maps the server’s problems under /input to the edited value, and finds a run’s replays', () => {
    expect(serverInputErrors([{ pointer: '/input/text', message: 'too long' }])).toEqual([
      { pointer: '/text', message: 'too long' },
    ]);
    const runs = [
      { id: 'r2', retryOf: 'r1', triggerKind: 'replay' },
      { id: 'r3', retryOf: 'r1', triggerKind: 'retry' },
      { id: 'r4', triggerKind: 'webhook' },
    ];
    expect(replaysOf(runs, 'r1').map((r) => r.id)).toEqual(['r2']);
  });
});
