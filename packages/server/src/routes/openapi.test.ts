// Every API route the server mounts is described in the OpenAPI document, with the same method and path.
import { describe, expect, it } from 'vitest';
import type { Services } from '../context.js';
import { authRoutes, loginRoutes } from './auth.js';
import { connectorRoutes } from './connectors.js';
import { credentialRoutes } from './credentials.js';
import { flowRoutes } from './flows.js';
import { healthRoutes } from './health.js';
import { oauthCallbackRoutes, oauthRoutes } from './oauth.js';
import { openApiDocument, openApiRoutes } from './openapi.js';
import { runRoutes } from './runs.js';

const services = { store: {}, worker: {}, config: {}, condition: {} } as unknown as Services;
const platform = {} as never;

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
