// Type tests: `ctx.input`, trigger config and item types are inferred from the JSON Schemas.
import { describe, expectTypeOf, test } from 'vitest';
import { defineAction } from './action.js';
import type { ActionInput, ActionOutput } from './action.js';
import { defineConnector } from './connector.js';
import type { ActionKeyOf } from './connector.js';
import { defineTrigger } from './trigger.js';
import { runAction } from '../testing/index.js';

const createCustomer = defineAction({
  key: 'createCustomer',
  title: 'Create customer',
  description: 'Creates a customer',
  input: {
    type: 'object',
    properties: {
      email: { type: 'string' },
      name: { type: 'string' },
      tags: { type: 'array', items: { type: 'string' } },
      plan: { enum: ['free', 'pro'] },
    },
    required: ['email', 'plan'],
    additionalProperties: false,
  } as const,
  output: {
    type: 'object',
    properties: { id: { type: 'string' } },
    required: ['id'],
    additionalProperties: false,
  } as const,
  async run(ctx) {
    expectTypeOf(ctx.input).toEqualTypeOf<{
      email: string;
      name?: string;
      tags?: string[];
      plan: 'free' | 'pro';
    }>();
    expectTypeOf(ctx.idempotencyKey).toEqualTypeOf<string>();
    return { id: `cus_${ctx.input.email}` };
  },
});
/** The connector both the key and the runAction checks are made against. */
const crmConnector = () =>
  defineConnector({ name: 'crm', version: '1.0.0', title: 'CRM', description: 'A CRM', actions: [createCustomer] });

describe('type inference', () => {
  test('ctx.input and the result follow the action schemas', () => {
    expectTypeOf<ActionInput<typeof createCustomer>>().toEqualTypeOf<{
      email: string;
      name?: string;
      tags?: string[];
      plan: 'free' | 'pro';
    }>();
    expectTypeOf<ActionOutput<typeof createCustomer>>().toEqualTypeOf<{ id: string }>();
    expectTypeOf(createCustomer.key).toEqualTypeOf<'createCustomer'>();
  });

  test('a run returning the wrong shape does not compile', () => {
    defineAction({
      key: 'bad',
      title: 'Bad',
      description: 'Returns a number where a string is declared',
      input: { type: 'object' } as const,
      output: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } as const,
      // @ts-expect-error id must be a string
      async run() {
        return { id: 1 };
      },
    });
  });

  test('connectors keep their action keys', () => {
    const connector = crmConnector();
    expectTypeOf<ActionKeyOf<typeof connector>>().toEqualTypeOf<'createCustomer'>();
    expectTypeOf(connector.actions[0].key).toEqualTypeOf<'createCustomer'>();
  });

  test('actions written inline in defineConnector are typed too', () => {
    defineConnector({
      name: 'inline',
      version: '1.0.0',
      title: 'Inline',
      description: 'Actions defined in place',
      actions: [
        defineAction({
          key: 'pick',
          title: 'Pick',
          description: 'Picks one',
          input: { type: 'object', properties: { how: { enum: ['x', 'y'] } }, required: ['how'] } as const,
          output: { type: 'string' } as const,
          async run(ctx) {
            expectTypeOf(ctx.input.how).toEqualTypeOf<'x' | 'y'>();
            return ctx.input.how;
          },
        }),
      ],
    });
  });

  test('polling triggers type their config and items', () => {
    defineTrigger({
      key: 'newOrder',
      title: 'New order',
      description: 'Fires for each new order',
      kind: 'polling',
      config: { type: 'object', properties: { shop: { type: 'string' } }, required: ['shop'] } as const,
      output: {
        type: 'object',
        properties: { id: { type: 'number' }, total: { type: 'number' } },
        required: ['id'],
        additionalProperties: false,
      } as const,
      async poll(ctx) {
        expectTypeOf(ctx.config.shop).toEqualTypeOf<string>();
        return { items: [{ id: 1, total: 3 }], cursor: 1 };
      },
      dedupeKey(item) {
        expectTypeOf(item).toEqualTypeOf<{ id: number; total?: number }>();
        return String(item.id);
      },
    });
  });

  test('runAction checks the action key and input against the connector', () => {
    const connector = crmConnector();
    // Never called: only compiled.
    const compileOnly = () => {
      // @ts-expect-error no such action
      void runAction(connector, 'deleteCustomer', { input: {} });
      // @ts-expect-error plan must be 'free' or 'pro'
      void runAction(connector, 'createCustomer', { input: { email: 'a@b.c', plan: 'gold' } });
      return runAction(connector, 'createCustomer', { input: { email: 'a@b.c', plan: 'pro' } });
    };
    expectTypeOf(compileOnly).returns.resolves.toHaveProperty('output').toEqualTypeOf<{ id: string }>();
  });
});
