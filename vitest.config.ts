import { defineConfig } from 'vitest/config';

// Unit + integration tests: real SQLite files in temp folders, real workbooks; no mocks of our own code.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
