import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { flowJsonSchema } from './flow-schema.js';

describe('published JSON Schema', () => {
  it('schemas/weft.flow.v1.json is the schema the validator uses', () => {
    const file = join(dirname(fileURLToPath(import.meta.url)), '../schemas/weft.flow.v1.json');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(flowJsonSchema);
  });
});
