import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prng } from '../crash/crash-harness';
import { tempDir } from '../helpers/temp';
import { EngineProcess } from './interleave-engine';
import { checkLedger, readContents, type ProjectName } from './interleave-ledger';
import { runSchedule, writeOrders, type ProjectSetup, type ScheduleState } from './interleave-schedule';

/**
 * Interleaving harness (issue 16): random schedules of import, a cleaning step, RFM, RFM-8,
 * k-means, rename, project switch, cancel and kill -9 over two projects, driven over the
 * browser-mode WebSocket against `kequn serve` in its own process. After each schedule every
 * result reported committed is in the project its work was bound to, nothing else is, and both
 * files pass SQLite's integrity check. INTERLEAVE_SCHEDULES sets the count (npm test: 20;
 * `npm run test:interleave` and the benchmark: 200); INTERLEAVE_SEED replays a run.
 */
const SCHEDULES = Number(process.env.INTERLEAVE_SCHEDULES ?? 20);
const SEED = Number(process.env.INTERLEAVE_SEED ?? 20261205);
const tmp = tempDir('kequn-interleave-');
const engine = new EngineProcess(tmp.dir);
const state: ScheduleState = {
  dir: tmp.dir,
  engine,
  projects: {} as Record<ProjectName, ProjectSetup>,
  current: 'A',
  ledger: [],
  counts: {},
};
let seconds = 0;

beforeAll(async () => {
  for (const name of ['B', 'A'] as const) {
    const path = join(tmp.dir, `${name}.kequn`);
    const client = engine.client ?? (await engine.start(path));
    await client.call('project.open', { path, create: true });
    const file = join(tmp.dir, `orders-${name}.csv`);
    writeOrders(file, 30_000, name === 'A' ? 1 : 2);
    const orders = (await client.call('import.run', { path: file })).datasets[0]!.id;
    const rfm = await client.call('metrics.rfm', { datasetId: orders, customer: '客户编号', date: '下单日期', amount: '金额', order: '订单编号' });
    const seg = await client.call('segment.rfm8', { datasetId: rfm.dataset.id });
    state.projects[name] = { path, orders, customers: rfm.dataset.id, rfm: rfm.dataset.id, segmentations: [seg.segmentation!.id] };
  }
}, 120_000);

afterAll(async () => {
  await engine.stop();
  const summary = { schedules: SCHEDULES, seed: SEED, seconds, operations: state.ledger.length, outcomes: state.counts };
  console.log(`interleaving harness: ${JSON.stringify(summary)}`);
  if (process.env.INTERLEAVE_REPORT) writeFileSync(process.env.INTERLEAVE_REPORT, JSON.stringify(summary, null, 2));
  tmp.cleanup();
});

describe(`interleaving: ${SCHEDULES} random schedules over two projects`, () => {
  it('keeps every committed result in its own project, and nothing else', async () => {
    const started = performance.now();
    const random = prng(SEED);
    for (let s = 0; s < SCHEDULES; s++) {
      await runSchedule(state, s, random);
      const problems = checkLedger(state.ledger, { A: readContents(state.projects.A.path), B: readContents(state.projects.B.path) });
      expect(problems, `schedule ${s} (seed ${SEED})`).toEqual([]);
    }
    await engine.stop();
    // Closed and reopened read-write, as the next start would: the same rules still hold.
    const problems = checkLedger(state.ledger, { A: readContents(state.projects.A.path), B: readContents(state.projects.B.path) });
    expect(problems).toEqual([]);
    expect(state.counts['kill -9'] ?? 0, 'the schedules killed the engine at least once').toBeGreaterThan(SCHEDULES >= 20 ? 0 : -1);
    expect(state.counts.switch ?? 0).toBeGreaterThan(SCHEDULES >= 20 ? 0 : -1);
    seconds = Math.round((performance.now() - started) / 1000);
  }, 60 * 60_000);
});

describe('the ledger rules', () => {
  const empty = (): ReturnType<typeof readContents> => ({ datasets: new Set(), segmentations: new Set(), columns: new Set(), labels: new Map(), integrity: [] });
  it('catch a committed result that is missing, a refused one that is there, and one in the wrong project', () => {
    const a = empty();
    const b = empty();
    a.datasets.add('A-s0-o2');
    b.segmentations.add('A-s0-o3');
    const problems = checkLedger(
      [
        { project: 'A', kind: 'dataset', tag: 'A-s0-o1', outcome: 'committed' },
        { project: 'A', kind: 'dataset', tag: 'A-s0-o2', outcome: 'refused' },
        { project: 'A', kind: 'segmentation', tag: 'A-s0-o3', outcome: 'unknown' },
      ],
      { A: a, B: b },
    );
    expect(problems).toHaveLength(4);
  });
});
