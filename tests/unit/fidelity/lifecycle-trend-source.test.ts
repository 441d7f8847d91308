import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/host/engine';
import type { CellValue } from '../../../shared/contract/json';
import { runCliOn, type CliRun } from '../../helpers/cli-run';
import { tempDir } from '../../helpers/temp';

/**
 * Issue 19, case 7 (lifecycle part): on an RFM dataset the "spend down 30%" rule uses the
 * transactions the RFM was computed from, without --transactions; without a known source the
 * result says the rule was skipped and why (LIFECYCLE_TREND_SKIPPED).
 */
const tmp = tempDir('kequn-lifecycle-source-');
const project = join(tmp.dir, 'p.kequn');
let engine: Engine;

const at = (s: string): number => Date.parse(`${s}T12:00:00Z`);
/**
 * Analysis date 2024-04-01, two 180-day periods: (2023-10-03, 2024-04-01] and (2023-04-06, 2023-10-03].
 * p1 spent 1000 then 100 (down 90 %: declining by the trend, mature without it);
 * p2 spent 100 then 200 and returned 500 (the exclude rule keeps the return out: mature);
 * p3 first bought 31 days ago (new); p4 last bought 336 days ago (churned).
 */
const ORDERS: CellValue[][] = [
  ['p1', at('2023-06-01'), 1000],
  ['p1', at('2024-03-20'), 100],
  ['p2', at('2023-06-01'), 100],
  ['p2', at('2024-03-25'), 200],
  ['p2', at('2024-03-26'), -500],
  ['p3', at('2024-03-01'), 60],
  ['p4', at('2023-04-30'), 80],
];

beforeAll(async () => {
  engine = new Engine({ dataDir: join(tmp.dir, 'home'), log: () => undefined });
  const store = await engine.openProject(project, { create: true });
  const cols = (names: [string, 'text' | 'datetime' | 'decimal' | 'integer'][]) => names.map(([name, type]) => ({ name, originalHeader: null, type }));
  store.createDataset({ name: '订单', kind: 'import', source: null, columns: cols([['客户', 'text'], ['日期', 'datetime'], ['金额', 'decimal']]) }, ORDERS);
  // The same customers typed in by hand: R, F and 客龄 but no known transactions.
  store.createDataset(
    { name: '手填客户', kind: 'import', source: null, columns: cols([['客户', 'text'], ['R', 'integer'], ['F', 'integer'], ['客龄(天)', 'integer']]) },
    [['p1', 12, 2, 305], ['p2', 7, 2, 305], ['p3', 31, 1, 31], ['p4', 337, 1, 337]],
  );
  engine.closeProject();
});
afterAll(() => {
  engine.dispose();
  tmp.cleanup();
});

const cli = (json: boolean, ...argv: string[]): Promise<CliRun> => runCliOn(project, json, argv);
type LifecycleOut = { segments: { name: string; count: number }[]; trend: string | null; warnings?: { code: string; zh: string; en: string }[] };
const counts = (o: LifecycleOut): Record<string, number> => Object.fromEntries(o.segments.filter((s) => s.count > 0).map((s) => [s.name, s.count]));

describe('issue 19 case 7: lifecycle uses the RFM dataset’s source transactions', () => {
  it('computes the spend trend from the RFM source by default, with its returns rule', async () => {
    expect((await cli(true, 'rfm', '--dataset', '订单', '--customer', '客户', '--date', '日期', '--amount', '金额', '--as-of', '2024-04-01')).code).toBe(0);
    const r = await cli(true, 'segment', 'lifecycle', '--dataset', 'RFM-订单', '--preview');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as LifecycleOut;
    expect(out.trend).toBe('rfmSource');
    expect(out.warnings).toBeUndefined();
    // By hand: p1 down 90 % → declining; p2 up (its return left out, as in the RFM) → mature.
    expect(counts(out)).toEqual({ 新客户: 1, 成熟客户: 1, 衰退客户: 1, 流失客户: 1 });
  });

  it('the explicit --transactions still wins (30-day periods: p1 has no previous spend, so not declining)', async () => {
    const r = await cli(true, 'segment', 'lifecycle', '--dataset', 'RFM-订单', '--preview', '--transactions', '订单', '--customer', '客户', '--key', '客户', '--date', '日期', '--amount', '金额', '--period', '30', '--asof', '2024-04-01');
    const out = JSON.parse(r.out) as LifecycleOut;
    expect(out.trend).toBe('transactions');
    expect(counts(out)).toEqual({ 新客户: 1, 成熟客户: 2, 流失客户: 1 });
  });

  it('without a known source the result says the trend rule was skipped and why, in JSON and text', async () => {
    const json = JSON.parse((await cli(true, 'segment', 'lifecycle', '--dataset', '手填客户', '--preview')).out) as LifecycleOut;
    expect(json.trend).toBeNull();
    expect(json.warnings).toEqual([{ code: 'LIFECYCLE_TREND_SKIPPED', zh: expect.stringContaining('不是由交易明细计算的 RFM 结果'), en: expect.stringContaining('not an RFM result') }]);
    expect(counts(json)).toEqual({ 新客户: 1, 成熟客户: 2, 流失客户: 1 });
    const zh = (await cli(false, 'segment', 'lifecycle', '--dataset', '手填客户', '--preview', '--lang', 'zh')).out;
    expect(zh).toMatch(/^! 未使用“近期消费比前期下降 30% 以上即为衰退”的规则/m);
    const en = (await cli(false, 'segment', 'lifecycle', '--dataset', '手填客户', '--preview', '--lang', 'en')).out;
    expect(en).toMatch(/^! The "spend down 30% or more means declining" rule was not used/m);
  });

  it('a saved lifecycle records the trend it used, and the report says where it came from', async () => {
    const saved = JSON.parse((await cli(true, 'segment', 'lifecycle', '--dataset', 'RFM-订单')).out) as { segmentation: { id: string } };
    const skipped = JSON.parse((await cli(true, 'segment', 'lifecycle', '--dataset', '手填客户')).out) as { segmentation: { id: string } };
    const store = await engine.openProject(project);
    const { methodSentences } = await import('../../../electron/engine/report/method-text');
    const { getSegmentation } = await import('../../../electron/engine/store/segmentation-store');
    expect(methodSentences(getSegmentation(store, saved.segmentation.id), 'zh').join('\n')).toMatch(/由交易明细按「客户」汇总「金额」，前后两期各 180 天，不含退货/);
    expect(methodSentences(getSegmentation(store, skipped.segmentation.id), 'en').join('\n')).toMatch(/"recent spend down" rule was not used/);
    engine.closeProject();
  });
});
