import { defineConfig } from 'vitest/config';

// Electron smoke test: needs the Electron binary (downloaded by `npm ci` on a machine with network
// access) and a display (xvfb-run on Linux). Not part of `npm test`; CI runs it via `npm run test:electron`.
export default defineConfig({
  test: {
    include: ['tests/electron/**/*.electron.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    reporters: ['default'],
  },
});
