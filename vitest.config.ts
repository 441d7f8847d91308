import { defineConfig } from 'vitest/config';

// Unit + integration tests: real SQLite files in temp folders, real workbooks; no mocks of our own code.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts', 'tests/crash/**/*.test.ts', 'tests/interleave/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/setup/build-engine.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
