// GET /api/runs/{id}/files/{fileId}: a file of a run streamed from disk as an attachment. The stored type is
// sent as is, but the browser is told to save it (Content-Disposition: attachment), not to guess another type
// (nosniff, set for every answer in app.ts) and to run nothing should it open it anyway (CSP sandbox).
import { API } from '@weft/core/contract';
import type { Services } from '../context.js';
import { HttpProblem } from '../http/problem.js';
import { routesOn } from '../http/route.js';
import { securedRouter } from '../http/routers.js';

export function runFileRoutes(services: Services) {
  const router = securedRouter(services.store);
  const route = routesOn(router, services.config.bodyLimit);

  route(API.downloadRunFile).handle(async ({ params }, ctx) => {
    const file = await services.files?.ofRun(params.id, params.fileId);
    if (!file) {
      throw new HttpProblem(404, 'file_not_found', `Run "${params.id}" has no file "${params.fileId}" (any more).`);
    }
    ctx.status = 200;
    ctx.type = file.meta.type || 'application/octet-stream';
    ctx.length = file.meta.size;
    ctx.set('Content-Disposition', attachment(file.meta.name));
    ctx.set('Content-Security-Policy', "sandbox; default-src 'none'");
    ctx.set('Cache-Control', 'private, no-store');
    ctx.set('Digest', `sha-256=${Buffer.from(file.meta.sha256, 'hex').toString('base64')}`);
    ctx.body = file.stream();
    return undefined;
  });

  return router;
}

/** `attachment` with an ASCII fallback name and the exact name in RFC 8187 encoding. */
function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
