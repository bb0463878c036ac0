import { describe, expect, it } from 'vitest';
import { fieldLabel, plainError } from './plain-error.js';

describe('plain errors', () => {
  it('drops code prefixes people cannot act on', () => {
    expect(plainError('connector_upstream: Slack answered channel_not_found')).toBe('Slack answered channel_not_found');
    expect(plainError('Channel is required')).toBe('Channel is required');
  });

  it('turns a connector schema complaint into sentences naming each field', () => {
    expect(plainError('Invalid input for Slack postMessage: /channel is required; /limit must be <= 100')).toBe(
      'Channel is required. Limit must be at most 100.',
    );
    expect(plainError("must have required property 'spreadsheetId'")).toBe('Spreadsheet ID is required');
    expect(plainError('Invalid configuration for Postgres: /batchSize must be integer')).toBe(
      'Batch size must be a whole number.',
    );
  });

  it('names fields as the server does', () => {
    expect(fieldLabel('url')).toBe('URL');
    expect(fieldLabel('from_email')).toBe('From email');
  });
});
