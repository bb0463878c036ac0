// The API contract, dependency-free (plain objects and types): the routes with their JSON Schemas, the DTOs and
// the live run events. The server and the editor both import it from `@weft/core/contract`.
export * from './contract/dto.js';
export * from './contract/events.js';
export * from './contract/operations.js';
export * from './contract/routes.js';
export * from './contract/teams.js';
export * from './contract/audit-actions.js';
export * from './contract/schema.js';
export * from './contract/sso.js';
export * from './contract/types.js';
