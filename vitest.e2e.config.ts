import { defineConfig } from 'vitest/config';

/** Browser journeys: Debian's Chromium driven by playwright-core against a real server process. */
export default defineConfig({
  test: {
    name: 'e2e',
    root: '.',
    include: ['e2e/**/*.e2e.ts'],
    // The demo is seeded once, then each journey file starts a server on its own copy.
    globalSetup: ['e2e/global-setup.ts'],
    environment: 'node',
    testTimeout: 240_000,
    hookTimeout: 300_000,
    // One server and one browser at a time: the machine has two cores.
    fileParallelism: false,
    // A page waits on the server and a re-render: vitest's 1 s default for expect.poll is too short
    // on a loaded two-core machine (the org tree after a create, with the demo's two provinces).
    expect: { poll: { timeout: 15_000 } },
  },
});
