// The error catalogue as a page: problem+json `type`s are `/errors#<code>`, so every problem this server
// answers links to a row here that says what the code means and whose fault it is. Public, like the docs.
import { ERROR_DOCS_PATH, ERROR_SECTIONS } from '@weft/core';
import { publicRouter } from '../http/routers.js';

export function errorCatalogueRoutes() {
  const router = publicRouter();
  const page = renderErrorsPage();
  router.get(ERROR_DOCS_PATH, (ctx) => {
    ctx.set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
    ctx.set('Cache-Control', 'public, max-age=3600');
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = page;
  });
  return router;
}

function renderErrorsPage(): string {
  const sections = ERROR_SECTIONS.map((section) => {
    const rows = Object.entries(section.codes)
      .map(
        ([code, entry]) =>
          `<tr id="${escape(code)}"><td><a href="#${escape(code)}"><code>${escape(code)}</code></a></td>` +
          `<td>${entry.status}</td><td>${entry.fault}</td><td>${escape(entry.title)}</td></tr>`,
      )
      .join('\n');
    return (
      `<h2>${escape(section.heading)}</h2><p>${escape(section.about)}</p>\n` +
      `<table><thead><tr><th>Code</th><th>Status</th><th>Fault</th><th>Title</th></tr></thead>\n<tbody>\n${rows}\n</tbody></table>`
    );
  }).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Weft error codes</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #ddd}
tr:target{background:#fff3c4}</style></head><body>
<h1>Weft error codes</h1>
<p>Every error carries a stable <code>code</code>; a problem's <code>type</code> links to its row here.
Fault <b>user</b>: fix the flow, input or request. <b>upstream</b>: a service Weft called failed.
<b>system</b>: Weft or its host failed; see the server log. A connector's own code takes the fault and status
of its <code>connector_&lt;kind&gt;</code>.</p>
${sections}
</body></html>
`;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
