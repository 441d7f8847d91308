import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The importer fuzzer in reduced form for CI (FUZZ_SECONDS, default 45; `npm run fuzz -- --seconds
 * 600` runs the full ten minutes): zero crashes and zero hangs.
 */
const SECONDS = Number(process.env.FUZZ_SECONDS ?? 45);
const root = join(__dirname, '..', '..');

describe(`importer fuzzing for ${SECONDS} s`, () => {
  it('finds no crash and no hang', () => {
    const r = spawnSync(process.execPath, [join(root, 'scripts', 'run-ts.mjs'), 'tests/fuzz/fuzz-import.ts', '--seconds', String(SECONDS), '--seed', '20261123'], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 1 << 24,
      timeout: (SECONDS + 120) * 1000,
    });
    const json = r.stdout.slice(r.stdout.indexOf('{'));
    const summary = JSON.parse(json) as { cases: number; crashes: number; hangs: number; failures: unknown[] };
    console.log(`fuzz: ${summary.cases} cases, ${summary.crashes} crashes, ${summary.hangs} hangs`);
    expect(summary.failures).toEqual([]);
    expect(summary.cases).toBeGreaterThan(20);
    expect(r.status).toBe(0);
  }, (SECONDS + 180) * 1000);
});
