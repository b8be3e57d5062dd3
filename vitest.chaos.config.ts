import { defineConfig } from 'vitest/config';

// Reliability and security suite (`npm run test:chaos`, issue 6): crash and outage tests that
// spawn real servers, the OpenAPI fuzzer, the access matrix and session attacks. Slower than
// the unit/integration suite, so kept apart; .ci/run runs both.
export default defineConfig({
  test: {
    include: ['chaos/**/*.test.ts'],
    globalSetup: ['server/test/global-setup.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: 'forks',
    maxWorkers: 1,
  },
});
