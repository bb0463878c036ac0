// Format date: an instant shown in a time zone — ISO with offset, an Intl style, or a token pattern.
import { defineAction } from '@weft/sdk';
import { formatDate as format } from '../date-format.js';

const styles = ['full', 'long', 'medium', 'short'] as const;

export const formatDate = defineAction({
  key: 'formatDate',
  title: 'Format date',
  description: 'Shows a date in a time zone: ISO with offset, a locale style, or a pattern like yyyy-MM-dd HH:mm.',
  input: {
    type: 'object',
    properties: {
      date: { type: ['string', 'number'], title: 'Date', description: 'ISO 8601 text or milliseconds since 1970' },
      timezone: { type: 'string', default: 'UTC', examples: ['Europe/Paris', 'America/New_York'] },
      locale: { type: 'string', default: 'en-US' },
      pattern: {
        type: 'string',
        description:
          "Tokens: yyyy yy MMMM MMM MM M dd d EEEE EEE HH H hh h mm ss SSS a XXX XX z; 'quoted' text is kept",
      },
      dateStyle: { enum: styles },
      timeStyle: { enum: styles },
    },
    required: ['date'],
    additionalProperties: false,
  } as const,
  output: {
    type: 'object',
    properties: {
      formatted: { type: 'string' },
      iso: { type: 'string' },
      local: { type: 'string' },
      epochMs: { type: 'number' },
      timezone: { type: 'string' },
    },
    required: ['formatted', 'iso', 'local', 'epochMs', 'timezone'],
    additionalProperties: false,
  } as const,
  async run(ctx) {
    return format(ctx.input);
  },
});
