import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources (the "weft-source" export condition), so tests
// never depend on a stale build.
const conditions = ['weft-source', 'node', 'import', 'default'];
// Worker processes get these as Node --conditions: 'import' there would make require() pick ESM builds.
const ssrConditions = ['weft-source', 'node'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions: ssrConditions, externalConditions: ssrConditions } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'connectors/*/src/**/*.test.ts', 'bench/**/*.test.ts'],
    // Hang guards, not speed checks: several suites start real servers and processes, and CI shares 2 cores.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
