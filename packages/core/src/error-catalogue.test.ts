// The catalogue is the one list of error codes: every code written in the sources is in it, each once, and
// docs/errors.md is the catalogue as last generated.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE, ERROR_SECTIONS, WeftError, errorEntry, isErrorCode, renderErrorsMarkdown } from './index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist' || name === 'test-support') return [];
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

const files = ['packages', 'connectors']
  .flatMap((top) => readdirSync(join(root, top)).map((name) => join(root, top, name, 'src')))
  .filter((dir) => statSync(dir, { throwIfNoEntry: false })?.isDirectory())
  .flatMap(sources)
  .filter((path) => !path.includes(join('packages', 'editor')) && !path.endsWith('escape-corpus.ts'));

const CODE = "'([a-z][a-z0-9]*(?:_[a-z0-9]+)*)'";
/** Where a code is written: an error's constructor or helper, an object's `code`, a webhook refusal's reason. */
const WRITTEN = [
  new RegExp(`new (?:WeftError|ScriptError|VaultError|HttpProblem)\\(\\s*(?:\\d+,\\s*)?${CODE}`, 'g'),
  new RegExp(`\\b(?:userError|fail|authError|subflowError)\\(\\s*${CODE}`, 'g'),
  new RegExp(`super\\(\\s*${CODE}`, 'g'),
  new RegExp(`\\bcode: ${CODE}`, 'g'),
  new RegExp(`\\breason: ${CODE}`, 'g'),
];
const HTTP_PROBLEM = new RegExp(`new HttpProblem\\(\\s*(\\d+),\\s*${CODE}`, 'g');

/** Look like codes but are not errors: an SSRF verdict's reason, a log field. */
const NOT_CODES = [
  'packages/sdk/src/http/ssrf-guard.ts: unparseable',
  'packages/server/src/routes/hooks.ts: duplicate',
  'packages/sdk/src/http/http-observer.ts: status',
];

interface Use {
  code: string;
  where: string;
  connector: boolean;
  text: string;
}

function uses(): Use[] {
  return files.flatMap((path) => {
    const text = readFileSync(path, 'utf8');
    const where = relative(root, path);
    return WRITTEN.flatMap((pattern) =>
      [...text.matchAll(pattern)].map((m) => ({ code: m[1]!, where, connector: where.startsWith('connectors'), text })),
    );
  });
}

describe('error catalogue', () => {
  it('lists every error code written in the sources', () => {
    const found = uses();
    expect(found.length).toBeGreaterThan(150);
    // A connector's own refinement of a kind (`stripe_customer_deleted`) is its to declare, inside a ConnectorError
    // or in its `errors` hook (an ErrorHook refines the kind the SDK's status ladder chose).
    const refinesKind = (text: string) => text.includes('ConnectorError') || text.includes('ErrorHook');
    const missing = found
      .filter((u) => !isErrorCode(u.code) && !(u.connector && refinesKind(u.text)))
      .map((u) => `${u.where}: ${u.code}`)
      .filter((use) => !NOT_CODES.includes(use));
    expect(missing).toEqual([]);
  });

  it('gives each HttpProblem the status the catalogue declares for its code', () => {
    const wrong = files.flatMap((path) =>
      [...readFileSync(path, 'utf8').matchAll(HTTP_PROBLEM)]
        .filter((m) => errorEntry(m[2]!)?.status !== Number(m[1]))
        .map((m) => `${relative(root, path)}: ${m[1]} ${m[2]}`),
    );
    expect(wrong).toEqual([]);
  });

  it('declares each code once, in one section', () => {
    const all = ERROR_SECTIONS.flatMap((section) => Object.keys(section.codes));
    expect(all.length).toBe(new Set(all).size);
    expect(all.length).toBe(Object.keys(ERROR_CATALOGUE).length);
  });

  it('gives each code a title, a fault and an error status', () => {
    for (const [code, entry] of Object.entries(ERROR_CATALOGUE)) {
      expect(code).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(entry.title.length, code).toBeGreaterThan(5);
      expect(entry.status >= 400 && entry.status < 600, code).toBe(true);
      // A client mistake never answers 5xx unless the operator must act (settings, installed connectors).
      if (entry.fault === 'upstream') expect(entry.status, code).toBeGreaterThanOrEqual(500);
    }
  });

  it('takes an error’s fault from the catalogue when the thrower does not say', () => {
    expect(new WeftError('flow_not_found', 'gone').fault).toBe('user');
    expect(new WeftError('connector_timeout', 'slow').fault).toBe('upstream');
    expect(new WeftError('flow_not_found', 'gone', { fault: 'system' }).fault).toBe('system');
    expect(new WeftError('stripe_customer_deleted', 'deleted').fault).toBe('system');
  });

  it('has docs/errors.md generated from the catalogue (run `node scripts/gen-errors-doc.mjs`)', () => {
    expect(readFileSync(join(root, 'docs/errors.md'), 'utf8')).toBe(renderErrorsMarkdown());
  });
});
