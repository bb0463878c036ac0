// JSON Schemas drive the types: authors write schemas `as const` and get `ctx.input` typed from them.
export type { FromSchema, JSONSchema } from 'json-schema-to-ts';

/** The schema used when an author gives none: any JSON object. */
export const ANY_OBJECT_SCHEMA = { type: 'object' } as const;
export type AnyObjectSchema = typeof ANY_OBJECT_SCHEMA;
