import { defineConfig } from 'vitest/config';

// One suite, two databases: PGlite by default; the same tests on a PostgreSQL server when
// DATABASE_URL is set (each test file gets its own database cloned from a migrated template).
export default defineConfig({
  test: {
    include: ['server/**/*.test.ts', 'scripts/**/*.test.ts', 'web/src/**/*.test.ts'],
    globalSetup: ['server/test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
