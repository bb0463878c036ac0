// The OpenAPI 3.1 description of the HTTP API, served at /api/openapi.json (no authentication needed), generated
// from the route contract (@weft/core/contract): the same declarations validate requests and type the handlers.
import { flowJsonSchema } from '@weft/core';
import { API, problemSchema, WEFT_TYPE, type Access, type RouteContract } from '@weft/core/contract';
import { publicRouter } from '../http/routers.js';
import { routesOn } from '../http/route.js';

export type RouteNeeds = Access;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: unknown) => ({ 'application/json': { schema: openApiSchema(schema) } });
const ROUTES: [string, RouteContract][] = Object.entries(API);

/** Every route with what its caller needs: the role matrix of docs/access.md, checked by authz-matrix.test.ts. */
export const ROUTE_ACCESS: readonly { method: string; path: string; needs: RouteNeeds }[] = ROUTES.map(([, route]) => ({
  method: route.method.toUpperCase(),
  path: route.path,
  needs: route.access,
}));

/** A contract schema as the document shows it: core's flow definition by reference. */
function openApiSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(openApiSchema);
  if (typeof schema !== 'object' || schema === null) return schema;
  const marker: unknown = Object.getOwnPropertyDescriptor(schema, WEFT_TYPE)?.value;
  if (marker === 'FlowDefinition' && !('properties' in schema)) return ref('Flow');
  if (marker === 'FlowBody') {
    return {
      anyOf: [ref('Flow'), { type: 'object', required: ['definition'], properties: { definition: ref('Flow') } }],
    };
  }
  return Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, openApiSchema(value)]));
}

/** Path or query parameters from an object schema. */
function parameters(where: 'path' | 'query', schema: object | undefined) {
  if (!schema || !('properties' in schema)) return [];
  const required = 'required' in schema && Array.isArray(schema.required) ? schema.required : [];
  const properties: object = typeof schema.properties === 'object' && schema.properties ? schema.properties : {};
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || required.includes(name),
    schema: openApiSchema(property),
  }));
}

function operation(name: string, route: RouteContract) {
  const params = [...parameters('path', route.params), ...parameters('query', route.query)];
  const responses: Record<string, object> = {};
  for (const [status, schema] of Object.entries(route.responses)) {
    responses[status] = {
      description: status === '204' ? 'No content' : status.startsWith('3') ? 'Redirect' : 'Success',
      ...(schema ? { content: json(schema) } : {}),
    };
  }
  responses.default = {
    description: 'A problem (RFC 9457)',
    content: { 'application/problem+json': { schema: ref('Problem') } },
  };
  return {
    operationId: name,
    summary: route.summary,
    ...(route.access === 'public' ? { security: [] } : { description: `Requires the ${route.access} role.` }),
    ...(params.length ? { parameters: params } : {}),
    ...(route.body ? { requestBody: { required: !route.bodyOptional, content: json(route.body) } } : {}),
    responses,
  };
}

export const openApiDocument = (() => {
  const paths: Record<string, Record<string, object>> = {};
  for (const [name, route] of ROUTES) (paths[route.path] ??= {})[route.method] = operation(name, route);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Weft API',
      version: '1',
      description:
        'Every error is application/problem+json. Authenticate with a bearer API token or a session cookie (then send X-Weft-Request: 1 on writes).',
    },
    security: [{ bearer: [] }, { session: [] }],
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        session: { type: 'apiKey', in: 'cookie', name: 'weft_session' },
      },
      schemas: { Flow: flowJsonSchema, Problem: problemSchema },
    },
  };
})();

export function openApiRoutes() {
  const router = publicRouter();
  routesOn(router, 0)(API.openApi).handle(() => openApiDocument);
  return router;
}
