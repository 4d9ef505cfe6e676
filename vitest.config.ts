import { defineConfig } from 'vitest/config';

/**
 * Every test runs on SQLite. When TEST_DATABASE_URL points at PostgreSQL, the repository and API
 * suites (`*.repository.test.ts`, `*.api.test.ts`) run a second time on it, each file in a schema
 * of its own.
 */
const pg = process.env.TEST_DATABASE_URL;
const serverSuites = ['server/**/*.api.test.ts', 'server/**/*.repository.test.ts'];

export default defineConfig({
  test: {
    reporters: ['default', './server/test/reporters/module-times.ts'],
    projects: [
      {
        test: {
          name: 'sqlite',
          root: '.',
          include: ['server/**/*.test.ts', 'contracts/**/*.test.ts', 'web/**/*.test.ts', 'lint/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
          hookTimeout: 30_000,
          env: { TEST_ENGINE: 'sqlite' },
        },
      },
      ...(pg
        ? [
            {
              test: {
                name: 'postgres',
                root: '.',
                include: serverSuites,
                environment: 'node',
                testTimeout: 20_000,
                hookTimeout: 30_000,
                env: { TEST_ENGINE: 'postgres' },
              },
            },
          ]
        : []),
    ],
  },
});
