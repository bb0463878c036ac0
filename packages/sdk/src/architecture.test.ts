// The SDK's two entries keep their audiences apart: connectors are written against the authoring entry
// (`@weft/sdk`, plus `@weft/sdk/testing` in their tests) and never reach into the runtime (`@weft/sdk/runtime`:
// registry, vault, OAuth2 flow, scaffold), which is the server's and the CLI's. A connector's own tests may
// drive the runtime (an OAuth round trip through the registry), so test files are not checked.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'test-support' ? [] : sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

const connectorSources = readdirSync(join(root, 'connectors')).flatMap((name) => {
  const src = join(root, 'connectors', name, 'src');
  try {
    return sources(src);
  } catch {
    return [];
  }
});

const SDK_IMPORT = /from\s+'(@weft\/sdk(?:\/[\w-]+)?)'/g;

describe('SDK entries', () => {
  it('finds connector sources to check', () => {
    expect(connectorSources.length).toBeGreaterThan(20);
  });

  it('no connector imports @weft/sdk/runtime (or any SDK entry but the authoring one)', () => {
    const offenders = connectorSources.flatMap((path) =>
      [...readFileSync(path, 'utf8').matchAll(SDK_IMPORT)]
        .map((match) => match[1]!)
        .filter((entry) => entry !== '@weft/sdk')
        .map((entry) => `${relative(root, path)} imports ${entry}`),
    );
    expect(offenders).toEqual([]);
  });
});
