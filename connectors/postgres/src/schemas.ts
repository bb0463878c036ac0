// Schema parts shared by the actions.

export const identifier = { type: 'string', minLength: 1, maxLength: 63 } as const;

export const tableInput = {
  schema: { ...identifier, title: 'Schema', description: 'Default: the connection’s search_path (usually public)' },
  table: { ...identifier, title: 'Table' },
} as const;

export const rowsInput = {
  type: 'array',
  title: 'Rows',
  description: 'Objects keyed by column name; an empty list writes nothing',
  items: { type: 'object' },
} as const;

export const returningInput = {
  type: 'array',
  title: 'Return columns',
  description: 'Columns to return for each written row ("*" for all)',
  items: { type: 'string', minLength: 1 },
} as const;

export const statementTimeoutInput = {
  type: 'integer',
  minimum: 100,
  maximum: 600_000,
  default: 30_000,
  description: 'Per statement, ms',
} as const;
