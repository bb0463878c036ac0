// @weft/sdk/testing: run connectors in tests as the runtime would, against local fakes, with fake time.
export { runAction, runPoll, runWebhook, TEST_CREDENTIAL_ID } from './run-connector.js';
export type { RunActionOptions, RunOptions, RunPollOptions, TestRun } from './run-connector.js';
export { startFakeApi } from './fake-api.js';
export type { FakeApi, FakeApiHandler, FakeApiRequest, FakeApiResponse } from './fake-api.js';
export { createFakeClock } from './fake-clock.js';
export type { FakeClock } from './fake-clock.js';
export { signGithub, signHmac, signSlack, signStandardWebhook, signStripe } from './signers.js';
export { createMemoryFileStorage } from './memory-files.js';
export type { MemoryFileStorage } from './memory-files.js';
