// Page helpers that drive the editor the way a person does: by labels, roles and a few stable test ids.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';

export const OWNER = { email: 'owner@weft.test', password: 'correct-horse-battery-staple' };

export function assert(condition, message) {
  if (!condition) throw new Error(message);
}

export async function screenshot(page, dir, name) {
  await mkdir(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: false });
}

export async function login(page, baseUrl) {
  await page.goto(`${baseUrl}/`);
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await page.getByLabel('Email').fill(OWNER.email);
  await page.getByLabel('Password').fill(OWNER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Flows', exact: true }).waitFor();
}

export async function createFlow(page, name) {
  await page.getByRole('link', { name: 'Flows', exact: true }).click();
  await page.getByRole('button', { name: 'New flow' }).click();
  await page.getByLabel('Name').fill(name);
  await page.getByRole('button', { name: 'Create flow' }).click();
  await page.waitForURL(/\/flows\/[^/]+$/);
  await page.getByTestId('canvas').waitFor();
  await page.getByTestId('node-trigger').waitFor();
  return decodeURIComponent(new URL(page.url()).pathname.split('/').pop());
}

/** Drags a palette item onto the canvas at a point relative to the canvas' top-left corner. */
export async function dragFromPalette(page, itemTestId, at) {
  const item = page.getByTestId(itemTestId);
  await item.scrollIntoViewIfNeeded();
  await item.dragTo(page.getByTestId('canvas'), { targetPosition: at });
}

export async function paletteItemId(page, query, prefix) {
  const search = page.getByLabel('Search nodes');
  await search.fill(query);
  const items = page.locator(`[data-testid^="palette-${prefix}"]`);
  const count = await items.count();
  if (!count) return undefined;
  return items.first().getAttribute('data-testid');
}

/** Draws an edge by dragging from an output handle to a node's input handle. */
export async function connect(page, fromNode, port, toNode) {
  const source = page.getByTestId(`handle-${fromNode}-${port}`);
  const target = page.locator(`.react-flow__node[data-id="${toNode}"] .handle-in`);
  const a = await source.boundingBox();
  const b = await target.boundingBox();
  assert(a && b, `cannot find handles to connect ${fromNode}:${port} → ${toNode}`);
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 6 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 6 });
  await page.mouse.up();
  await page
    .locator(
      `.react-flow__edge[data-id="${fromNode}:${port}->${toNode}"], [data-testid="rf__edge-${fromNode}:${port}->${toNode}"]`,
    )
    .first()
    .waitFor({ state: 'attached', timeout: 5000 });
}

export async function selectNode(page, id) {
  await page.getByTestId(`node-${id}`).click();
  await page.getByTestId('node-panel').waitFor();
}

/** Calls the API from the page's session (cookie + CSRF header). */
export async function apiCall(page, baseUrl, method, path, body) {
  const response = await page.request.fetch(`${baseUrl}${path}`, {
    method,
    headers: { 'X-Weft-Request': '1', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { data: JSON.stringify(body) }),
  });
  const text = await response.text();
  let json;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = text;
  }
  return { status: response.status(), body: json };
}

export async function waitFor(check, { timeout = 15_000, interval = 250, message = 'condition' } = {}) {
  const end = Date.now() + timeout;
  let last;
  while (Date.now() < end) {
    try {
      last = await check();
      if (last) return last;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, interval));
  }
  throw new Error(`timed out waiting for ${message}${last instanceof Error ? `: ${last.message}` : ''}`);
}
