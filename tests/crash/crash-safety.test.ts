import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp';
import { inspect, prng, runAndKill, runCli, writeOrdersCsv, type TrialContext, type TrialOutcome } from './crash-harness';
import { CUSTOMERS, IMPORT_ROWS, crashOps } from './crash-ops';

/**
 * kill -9 at random moments during import, a cleaning step, RFM (a derived-data step) and
 * segmentation; after each
 * kill the project must pass integrity and invariant checks with every committed step present
 * and no partial step visible. CRASH_TRIALS sets the count (npm run test:crash runs 50; CI 10).
 */
const TRIALS = Number(process.env.CRASH_TRIALS ?? 10);
const SEED = Number(process.env.CRASH_SEED ?? 20261123);
const tmp = tempDir('kequn-crash-');
const ctx: TrialContext = { dir: tmp.dir, project: join(tmp.dir, 'crash.kequn'), ids: {} };
const outcomes: TrialOutcome[] = [];

beforeAll(async () => {
  writeOrdersCsv(join(tmp.dir, 'orders.csv'), IMPORT_ROWS, CUSTOMERS);
  const imp = await runCli(['import', join(tmp.dir, 'orders.csv'), '--project', ctx.project, '--json']);
  expect(imp.code, imp.stderr + imp.stdout).toBe(0);
  ctx.ids.orders = (JSON.parse(imp.stdout) as { datasets: { id: string }[] }).datasets[0]!.id;
  const rfm = await runCli(['rfm', '--project', ctx.project, '--dataset', ctx.ids.orders, '--customer', '客户编号', '--date', '下单日期', '--amount', '金额', '--order', '订单编号', '--json']);
  expect(rfm.code, rfm.stderr + rfm.stdout).toBe(0);
  ctx.ids.rfm = (JSON.parse(rfm.stdout) as { dataset: { id: string } }).dataset.id;
}, 120_000);

afterAll(() => {
  const summary = crashOps.map((op) => {
    const mine = outcomes.filter((o) => o.op === op.name);
    return `${op.name}: ${mine.length} trials, ${mine.filter((o) => o.completed).length} completed before the kill, ${mine.filter((o) => !o.completed).length} killed mid-way, ${mine.filter((o) => !o.ok).length} damaged`;
  });
  console.log(`crash harness (seed ${SEED}):\n  ${summary.join('\n  ')}`);
  tmp.cleanup();
});

describe(`crash safety: ${TRIALS} kill -9 trials`, () => {
  it('leaves every project intact with all committed steps and no partial step', async () => {
    const random = prng(SEED);
    for (let trial = 0; trial < TRIALS; trial++) {
      const op = crashOps[trial % crashOps.length]!;
      const before = inspect(ctx.project);
      const killAfterMs = Math.round(80 + random() * 2500);
      const run = await runAndKill([...op.args(ctx), '--project', ctx.project, '--json'], killAfterMs);
      const after = inspect(ctx.project);
      const problems = op.verify(before, after, run.completed, ctx);
      outcomes.push({ trial, op: op.name, killAfterMs, completed: run.completed, ok: problems.length === 0, problems });
    }
    const damaged = outcomes.filter((o) => !o.ok);
    expect(damaged).toEqual([]);
    // The harness must actually interrupt work, not only watch it finish.
    if (TRIALS >= 6) expect(outcomes.filter((o) => !o.completed).length).toBeGreaterThan(0);
  }, 600_000);
});
