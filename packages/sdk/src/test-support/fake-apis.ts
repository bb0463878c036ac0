// Fake APIs for the SDK's own tests, each closed after its test (call once per test file, at the top level).
import { afterEach } from 'vitest';
import { startFakeApi, type FakeApi, type FakeApiHandler } from '../testing/index.js';

export function fakeApis(): (handler: FakeApiHandler) => Promise<FakeApi> {
  const open: FakeApi[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((api) => api.close()));
  });
  return async (handler) => {
    const api = await startFakeApi(handler);
    open.push(api);
    return api;
  };
}
