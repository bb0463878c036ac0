// Page helpers that drive the editor the way a person does: by labels, roles and a few stable test ids.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { OWNER } from './env.js';

export { OWNER };

/** Screenshots of each scenario's milestones, kept in e2e/artifacts/ for the docs and for review. */
export const ARTIFACTS = join(import.meta.dirname, '..', 'artifacts');

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: false });
}

export async function login(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.getByLabel('Email').fill(OWNER.email);
  await page.getByLabel('Password').fill(OWNER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Flows', exact: true })).toBeVisible();
}

/** Creates a flow from the flows list and returns its id once its canvas shows the trigger. */
/** Creates a flow through the "New flow" dialog, started by the trigger chosen there (by hand, unless told). */
export async function createFlow(page: Page, name: string, trigger = 'trigger:manual@1:run'): Promise<string> {
  await page.getByRole('link', { name: 'Flows', exact: true }).click();
  await page.getByRole('button', { name: 'New flow' }).click();
  await page.getByLabel('Name').fill(name);
  await page.getByTestId(`choose-${trigger}`).check();
  await page.getByRole('button', { name: 'Create flow' }).click();
  await page.waitForURL(/\/flows\/[^/]+$/);
  await expect(page.getByTestId('canvas')).toBeVisible();
  await expect(page.getByTestId('node-trigger')).toBeVisible();
  return flowIdOf(page);
}

export function flowIdOf(page: Page): string {
  return decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');
}

/** Drags a palette item onto the canvas at a point relative to the canvas' top-left corner. */
export async function dragFromPalette(page: Page, itemTestId: string, at: { x: number; y: number }): Promise<void> {
  const item = page.getByTestId(itemTestId);
  await item.scrollIntoViewIfNeeded();
  await item.dragTo(page.getByTestId('canvas'), { targetPosition: at });
}

/** The test id of the first palette item matching a search, or undefined when none matches. */
export async function paletteItemId(page: Page, query: string, prefix: string): Promise<string | undefined> {
  await page.getByLabel('Search nodes').fill(query);
  const items = page.locator(`[data-testid^="palette-${prefix}"]`);
  if (!(await items.count())) return undefined;
  return (await items.first().getAttribute('data-testid')) ?? undefined;
}

/** The edge drawn from `from:port` to `to`, as xyflow renders it. */
export function edge(page: Page, from: string, port: string, to: string) {
  const id = `${from}:${port}->${to}`;
  return page.locator(`.react-flow__edge[data-id="${id}"], [data-testid="rf__edge-${id}"]`).first();
}

/** Draws an edge by dragging from an output handle to a node's input handle. */
export async function connect(page: Page, fromNode: string, port: string, toNode: string): Promise<void> {
  const a = await page.getByTestId(`handle-${fromNode}-${port}`).boundingBox();
  const b = await page.locator(`.react-flow__node[data-id="${toNode}"] .handle-in`).boundingBox();
  expect(a && b, `cannot find handles to connect ${fromNode}:${port} → ${toNode}`).toBeTruthy();
  if (!a || !b) return;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 6 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 6 });
  await page.mouse.up();
  await expect(edge(page, fromNode, port, toNode)).toBeAttached({ timeout: 5000 });
}

export async function selectNode(page: Page, id: string): Promise<void> {
  await page.getByTestId(`node-${id}`).click();
  await expect(page.getByTestId('node-panel')).toBeVisible();
}

/** Calls the API from the page's session (cookie + CSRF header). */
export async function apiCall<T = unknown>(
  page: Page,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const response = await page.request.fetch(path, {
    method,
    headers: { 'X-Weft-Request': '1', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { data: JSON.stringify(body) }),
  });
  const text = await response.text();
  let json: unknown = text;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    // keep the text
  }
  return { status: response.status(), body: json as T };
}
