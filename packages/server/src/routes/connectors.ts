// The connector manifests for the editor palette.
import { API, type ConnectorManifest } from '@weft/core/contract';
import type { Services } from '../context.js';
import { builtinManifests } from '../builtin-connectors.js';
import { routesOn } from '../http/route.js';
import { securedRouter } from '../http/routers.js';

export function connectorRoutes(services: Services) {
  const router = securedRouter(services.store);
  const route = routesOn(router, services.config.bodyLimit);
  route(API.listConnectors).handle(() => {
    // A package may extend a built-in connector (the schedule package adds actions to the built-in trigger).
    const merged = new Map<string, Record<string, unknown>>(builtinManifests.map((m) => [m.name, { ...m }]));
    for (const manifest of (services.manifests?.() ?? []).map(fieldsOf)) {
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
    // Package manifests passed the SDK's meta-schema when loaded, and the built-ins are typed: both fit the contract.
    const items = [...merged.values()].map((manifest) => ({ ...manifest, name: String(manifest.name) }));
    return { items: items as ConnectorManifest[] };
  });
  // Circuit breakers per connector and host, for operators: which upstreams are failing fast right now.
  route(API.connectorBreakers).handle(() => ({ items: services.platform?.registry.breakerStates() ?? [] }));
  // Connector packages that could not be loaded, and why.
  route(API.connectorProblems).handle(() => ({ items: services.platform?.registry.problems.slice() ?? [] }));
  return router;
}

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const fieldsOf = (manifest: object): Record<string, unknown> => Object.fromEntries(Object.entries(manifest));
