#!/usr/bin/env node
// Writes docs/errors.md from the error catalogue (packages/core/src/error-catalogue.ts). Run after `tsc -b`;
// the catalogue test fails while the committed file differs from what this writes.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { renderErrorsMarkdown } = await import(join(root, 'packages/core/dist/index.js'));
writeFileSync(join(root, 'docs/errors.md'), renderErrorsMarkdown());
console.log('wrote docs/errors.md');
