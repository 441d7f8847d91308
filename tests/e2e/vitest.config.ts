import { defineConfig } from 'vitest/config';

// End-to-end: the built CLI's browser mode driven by Debian's Chromium. One fork, one file at a time:
// each test file starts its own engine and browser, which is heavy on a 2-core machine.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 90_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    reporters: ['default'],
  },
});
