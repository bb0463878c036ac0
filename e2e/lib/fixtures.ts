// The specs' `test`: a page that accepts confirm dialogs and attaches the browser's errors to a failed test,
// and a fake third-party API (the SDK's kit) for the http action, one per worker.
import { test as base } from '@playwright/test';
import { startFakeApi, type FakeApi } from '@weft/sdk/testing';

export { expect } from '@playwright/test';

export const test = base.extend<object, { fakeApi: FakeApi }>({
  fakeApi: [
    // Playwright reads a fixture's dependencies from its first parameter's pattern, so it must be one.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const api = await startFakeApi((request) => ({
        json: { ok: true, received: request.json ?? request.body, id: api.requests.length },
      }));
      await use(api);
      await api.close();
    },
    { scope: 'worker' },
  ],
  page: async ({ page }, use, testInfo) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console: ${message.text()}`);
    });
    page.on('dialog', (dialog) => void dialog.accept());
    await use(page);
    if (testInfo.status !== testInfo.expectedStatus && errors.length)
      await testInfo.attach('browser errors', { body: errors.join('\n'), contentType: 'text/plain' });
  },
});
