// Next fire times: the editor's preview of a `schedule@1` cron trigger, run as a step test.
import { ConnectorError, defineAction } from '@weft/sdk';
import { MAX_PREVIEW_COUNT, previewFireTimes } from '../preview.js';

export const nextFireTimes = defineAction({
  key: 'nextFireTimes',
  title: 'Next fire times',
  description: 'Describes a cron schedule in words and lists when it fires next, in a time zone.',
  input: {
    type: 'object',
    properties: {
      cron: { type: 'string', title: 'Cron expression', minLength: 1, examples: ['*/15 * * * *', '0 8 * * 1-5'] },
      timezone: { type: 'string', title: 'Time zone', default: 'UTC', examples: ['Europe/Paris'] },
      count: { type: 'integer', title: 'How many', minimum: 1, maximum: MAX_PREVIEW_COUNT, default: 5 },
      from: { type: 'string', title: 'After', format: 'date-time', description: 'Default: now' },
    },
    required: ['cron'],
    additionalProperties: false,
  } as const,
  output: {
    type: 'object',
    properties: {
      cron: { type: 'string' },
      timezone: { type: 'string' },
      description: { type: 'string' },
      times: { type: 'array', items: { type: 'string' } },
      localTimes: { type: 'array', items: { type: 'string' } },
    },
    required: ['cron', 'timezone', 'description', 'times', 'localTimes'],
    additionalProperties: false,
  } as const,
  async run(ctx) {
    const { cron, timezone = 'UTC', count = 5, from } = ctx.input;
    const start = from === undefined ? Date.now() : Date.parse(from);
    if (Number.isNaN(start)) {
      throw new ConnectorError({ kind: 'validation', message: `"from" must be an ISO date-time, got "${from}"` });
    }
    return previewFireTimes(cron, timezone, count, start);
  },
});
