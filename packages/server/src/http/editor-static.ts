// Serves the editor's production build at `/`, with index.html for client-side routes and security headers.
// Files go out compressed (brotli, else gzip, as the browser's Accept-Encoding allows); hashed assets are cached
// for a year as immutable, index.html is revalidated on every load so a new build is picked up at once.
import type { Middleware } from 'koa';
import compress from 'koa-compress';
import serve from 'koa-static';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { constants } from 'node:zlib';

// Server paths (the API, hooks, health, the `/errors` catalogue) are never the editor page. Case-insensitive:
// `/API/flows` is not either (the canonical-path gate refuses it before this anyway).
const NOT_SPA = /^\/(api|hooks|socket\.io|healthz|readyz|errors)(\/|$)/i;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self' ws: wss:",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

export function editorStatic(dir: string): Middleware {
  const index = join(dir, 'index.html');
  const files = serve(dir, { index: false, maxage: 0, gzip: false });
  // Quality 5 brotli: most of the size win of 11 at a fraction of the CPU, compressed per response.
  const compressed = compress({
    threshold: 1024,
    br: { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } },
    zstd: false,
    deflate: false,
    encodingPreference: ['br', 'gzip', 'identity'],
  });
  return async (ctx, next) => {
    if (NOT_SPA.test(ctx.path) || !existsSync(index)) return next();
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
    return compressed(ctx, () => page(ctx, next));
  };

  async function page(...[ctx, next]: Parameters<Middleware>): Promise<void> {
    if (ctx.path.startsWith('/assets/')) ctx.set('Cache-Control', 'public, max-age=31536000, immutable');
    await files(ctx, async () => undefined);
    if (ctx.body !== undefined && ctx.body !== null) return;
    if (ctx.path.includes('.') && !ctx.path.endsWith('.html')) return next();
    ctx.type = 'html';
    ctx.set('Cache-Control', 'no-cache');
    ctx.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    ctx.set('X-Frame-Options', 'DENY');
    ctx.body = await readFile(index);
  }
}
