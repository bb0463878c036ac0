// Opaque cursors for keyset pagination over (created_at desc, id desc).
import { WeftError } from '@weft/core';

export interface RunCursor {
  createdAt: number;
  id: string;
}

export function encodeCursor(cursor: RunCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt, cursor.id]), 'utf8').toString('base64url');
}

export function decodeCursor(text: string): RunCursor {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  if (!Array.isArray(value) || value.length !== 2 || !Number.isSafeInteger(value[0]) || typeof value[1] !== 'string') {
    throw new WeftError('invalid_cursor', 'The pagination cursor is not valid; start again from the first page.', {
      fault: 'user',
    });
  }
  return { createdAt: value[0] as number, id: value[1] as string };
}
