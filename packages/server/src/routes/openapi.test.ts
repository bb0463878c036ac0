// Every API route the server mounts is described in the OpenAPI document, with the same method and path, and the
// document generated from the contract is valid OpenAPI 3.1.
import { Validator } from '@seriousme/openapi-schema-validator';
import { API } from '@weft/core/contract';
import { describe, expect, it } from 'vitest';
import type { Services } from '../context.js';
import { authRoutes, loginRoutes } from './auth.js';
import { connectorRoutes } from './connectors.js';
import { credentialRoutes } from './credentials.js';
import { flowRoutes } from './flows.js';
import { healthRoutes } from './health.js';
import { oauthCallbackRoutes, oauthRoutes } from './oauth.js';
import { openApiDocument, openApiRoutes, ROUTE_ACCESS } from './openapi.js';
import { runRoutes } from './runs.js';

const services = { store: {}, worker: {}, config: {}, condition: {} } as unknown as Services;
const platform = {} as never;
/** Writes whose contract declares a body. */
const API_BODIES = new Set(
  Object.values(API).flatMap((route) => ('body' in route ? [`${route.method.toUpperCase()} ${route.path}`] : [])),
);

describe('OpenAPI document', () => {
  it('describes every mounted route', () => {
    const routers = [
      healthRoutes(services),
      openApiRoutes(),
      loginRoutes(services),
      authRoutes(services),
      flowRoutes(services),
      runRoutes(services),
      connectorRoutes(services),
      credentialRoutes(services, platform),
      oauthCallbackRoutes(platform),
      oauthRoutes(services.store, platform),
    ];
    const mounted = routers.flatMap((router) =>
      router.stack.flatMap((layer) =>
        layer.methods
          .filter((m) => m !== 'HEAD')
          .map(
            (m) =>
              `${m.toLowerCase()} ${String(layer.path)
                .replace(/\/$/, '')
                .replace(/:(\w+)/g, '{$1}')}`,
          ),
      ),
    );
    const documented = Object.entries(openApiDocument.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m} ${path}`),
    );
    expect(mounted.length).toBeGreaterThan(30);
    expect(mounted).toContain('post /api/flows/{id}/steps/{nodeId}/test');
    expect(mounted.filter((route) => !documented.includes(route))).toEqual([]);
  });
});

describe('OpenAPI document validity', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(openApiDocument));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('gives every route its params, body and responses', () => {
    for (const route of ROUTE_ACCESS) {
      const path = route.path;
      const operation = openApiDocument.paths[path]?.[route.method.toLowerCase()];
      expect(operation, `${route.method} ${path}`).toBeDefined();
      const doc = JSON.stringify(operation);
      const named = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const name of named) expect(doc, `${route.method} ${path} declares {${name}}`).toContain(`"name":"${name}"`);
      if (['POST', 'PUT'].includes(route.method) && API_BODIES.has(`${route.method} ${path}`))
        expect(doc, `${route.method} ${path} has a body`).toContain('requestBody');
      expect(Object.keys(JSON.parse(doc).responses).length, `${route.method} ${path}`).toBeGreaterThan(1);
    }
  });
});
