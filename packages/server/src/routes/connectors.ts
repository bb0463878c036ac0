// The connector manifests for the editor palette.
import type { Services } from '../context.js';
import { builtinManifests } from '../builtin-connectors.js';
import { securedRouter } from '../http/routers.js';

export function connectorRoutes(services: Services) {
  const router = securedRouter(services.store);
  router.get('/api/connectors', (ctx) => {
    // A package may extend a built-in connector (the schedule package adds actions to the built-in trigger).
    const merged = new Map<string, Record<string, unknown>>(builtinManifests.map((m) => [m.name, { ...m }]));
    for (const manifest of (services.manifests?.() ?? []) as Record<string, unknown>[]) {
      const builtin = merged.get(String(manifest.name));
      merged.set(
        String(manifest.name),
        builtin
          ? {
              ...manifest,
              actions: [...asList(builtin.actions), ...asList(manifest.actions)],
              triggers: [...asList(builtin.triggers), ...asList(manifest.triggers)],
            }
          : manifest,
      );
    }
    ctx.body = { items: [...merged.values()] };
  });
  // Circuit breakers per connector and host, for operators: which upstreams are failing fast right now.
  router.get('/api/connectors/breakers', (ctx) => {
    ctx.body = { items: services.platform?.registry.breakerStates() ?? [] };
  });
  // Connector packages that could not be loaded, and why.
  router.get('/api/connectors/problems', (ctx) => {
    ctx.body = { items: services.platform?.registry.problems ?? [] };
  });
  return router;
}

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
