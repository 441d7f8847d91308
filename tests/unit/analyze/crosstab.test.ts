import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crosstabSpecSchema, type CrosstabSpecInput } from '../../../shared/contract/analyze';
import type { CellValue } from '../../../shared/contract/json';
import { runCrosstab } from '../../../electron/engine/analyze/crosstab';
import type { ProjectStore } from '../../../electron/engine/store/project-store';
import { hasSharedData, sharedFile, SKIP_MESSAGE } from '../../helpers/shared-data';
import { openTemp } from './fixtures';

let store: ProjectStore;
let cleanup: () => void;
let customers: string;
let orders: string;

/**
 * Hand-made fixture. Segments A (a1 a2 a3), B (b1 b2), C (c1, no orders: a zero row).
 * Orders per segment × category: A = 10 X, 20 Y, 30 Z; B = 20 X, 20 Y, 0 Z.
 * Plus one order of an unknown customer, one with a blank category, one of a customer without
 * a segment: all three must be left out and counted.
 */
function buildOrders(): CellValue[][] {
  const rows: CellValue[][] = [];
  const add = (cust: string, cat: string | null, n: number): void => {
    for (let i = 0; i < n; i++) rows.push([cust, cat, 2]);
  };
  add('a1', 'X', 10);
  add('a2', 'Y', 20);
  add('a2', 'Z', 10);
  add('a3', 'Z', 20);
  add('b1', 'X', 15);
  add('b2', 'X', 5);
  add('b2', 'Y', 20);
  add('zz', 'X', 1);
  add('a1', null, 1);
  add('n1', 'Y', 1);
  return rows;
}

beforeAll(() => {
  ({ store, cleanup } = openTemp());
  customers = store.createDataset(
    {
      name: '客户',
      kind: 'import',
      source: null,
      columns: [
        { name: '客户编号', originalHeader: null, type: 'text' },
        { name: '细分', originalHeader: null, type: 'text' },
      ],
    },
    [['a1', 'A'], ['a2', 'A'], ['a3', 'A'], ['b1', 'B'], ['b2', 'B'], ['c1', 'C'], ['n1', null]],
  ).id;
  orders = store.createDataset(
    {
      name: '订单',
      kind: 'import',
      source: null,
      columns: [
        { name: '客户编号', originalHeader: null, type: 'text' },
        { name: '类别', originalHeader: null, type: 'text' },
        { name: '金额', originalHeader: null, type: 'currency' },
      ],
    },
    buildOrders(),
  ).id;
});
afterAll(() => cleanup());

const run = (spec: Omit<CrosstabSpecInput, 'datasetId'> & { datasetId?: string }) =>
  runCrosstab(store, crosstabSpecSchema.parse({ datasetId: customers, ...spec }));
const joined = (): { datasetId: string; key: string } => ({ datasetId: orders, key: '客户编号' });

describe('preference cross-tab', () => {
  it('orders by segment × category across two datasets: counts, shares, TGI, χ²', async () => {
    const r = await run({ rows: { column: '细分' }, cols: { column: '类别' }, facts: joined() });
    expect(r.rows).toEqual(['A', 'B', 'C']);
    expect(r.cols).toEqual(['X', 'Y', 'Z']);
    expect(r.cells.map((row) => row.map((c) => c.count))).toEqual([
      [10, 20, 30],
      [20, 20, 0],
      [0, 0, 0],
    ]);
    expect(r.rowTotals).toEqual([60, 40, 0]);
    expect(r.colTotals).toEqual([30, 40, 30]);
    expect(r.total).toBe(100);
    const az = r.cells[0]![2]!;
    expect(az.rowPct).toBeCloseTo(0.5, 12);
    expect(az.colPct).toBeCloseTo(1, 12);
    expect(az.totalPct).toBeCloseTo(0.3, 12);
    // TGI = (30/60) ÷ (30/100) × 100 = 166.67; equal to Excel's Index 30 × 100 / (60 × 30) × 100.
    expect(az.tgi).toBeCloseTo(166.66666666666669, 9);
    expect(r.cells[1]![1]!.tgi).toBeCloseTo(125, 9);
    expect(r.cells[1]![2]!.tgi).toBe(0);
    expect(r.cells[0]![0]!.tgi).toBeCloseTo(55.55555555555556, 9);
    // The zero row: no NaN anywhere, TGI and shares null, and it is reported as left out of χ².
    for (const c of r.cells[2]!) {
      expect(c.tgi).toBeNull();
      expect(c.rowPct).toBeNull();
      expect(c.residual).toBeNull();
    }
    expect(r.chi2.statistic).toBeCloseTo(30.555555555555554, 9);
    expect(r.chi2.df).toBe(2);
    expect(r.chi2.p).toBeCloseTo(2.3171034047584566e-7, 17);
    expect(r.chi2.droppedRows).toEqual(['C']);
    expect(r.chi2.droppedCols).toEqual([]);
    expect(r.cells[0]![2]!.residual).toBeCloseTo(5.3452248382484875, 9);
    expect(r.excluded).toEqual({ missingRow: 1, missingCol: 1, unmatched: 1 });
    expect(JSON.stringify(r)).not.toMatch(/NaN/);
  });

  it('names each segment’s over-indexed categories in words', async () => {
    const r = await run({ rows: { column: '细分' }, cols: { column: '类别' }, facts: joined(), minCellCount: 5 });
    expect(r.preferences[0]!.zh).toBe('A 偏好 Z, TGI 167');
    expect(r.preferences[0]!.en).toBe('A prefers Z, TGI 167');
    expect(r.preferences[1]!.items.map((i) => i.col)).toEqual(['X', 'Y']);
    expect(r.preferences[1]!.zh).toBe('B 偏好 X, TGI 167；Y, TGI 125');
    expect(r.preferences[2]!.zh).toBe('C 无明显偏好');
  });

  it('distinct customers: totals count a customer once', async () => {
    const r = await run({ rows: { column: '细分' }, cols: { column: '类别' }, facts: joined(), measure: { kind: 'customers' } });
    expect(r.cells.map((row) => row.map((c) => c.value))).toEqual([
      [1, 1, 2],
      [2, 1, 0],
      [0, 0, 0],
    ]);
    expect(r.rowTotals).toEqual([3, 2, 0]);
    expect(r.colTotals).toEqual([3, 2, 2]);
    expect(r.total).toBe(5);
    // (2/3) ÷ (2/5) × 100
    expect(r.cells[0]![2]!.tgi).toBeCloseTo(166.66666666666666, 9);
    expect(r.cells[0]![2]!.count).toBe(30);
  });

  it('amounts: TGI over the amount, χ² over the order counts', async () => {
    const r = await run({ rows: { column: '细分' }, cols: { column: '类别' }, facts: joined(), measure: { kind: 'sum', column: '金额' } });
    expect(r.cells[0]![2]!.value).toBe(60);
    expect(r.total).toBe(200);
    expect(r.cells[0]![2]!.tgi).toBeCloseTo(166.66666666666669, 9);
    expect(r.chi2.basis).toBe('count');
    expect(r.chi2.statistic).toBeCloseTo(30.555555555555554, 9);
  });

  it('filters the facts with the grid’s filters before counting', async () => {
    const r = await run({
      rows: { column: '细分' },
      cols: { column: '类别' },
      facts: joined(),
      filters: [{ kind: 'oneOf', column: 'c0', values: ['a2', 'b2'] }],
    });
    expect(r.cells.map((row) => row.map((c) => c.count))).toEqual([
      [0, 20, 10],
      [5, 20, 0],
      [0, 0, 0],
    ]);
    expect(r.excluded).toEqual({ missingRow: 0, missingCol: 0, unmatched: 0 });
  });

  it('nothing left after the filters: zeros, no test, no NaN', async () => {
    const r = await run({ rows: { column: '细分' }, cols: { column: '类别' }, facts: joined(), filters: [{ kind: 'oneOf', column: 'c0', values: ['nobody'] }] });
    expect(r.total).toBe(0);
    expect(r.chi2).toMatchObject({ statistic: null, df: 0, p: null, pText: 'p = —' });
    expect(r.cells.flat().every((c) => c.tgi === null && c.rowPct === null)).toBe(true);
    expect(JSON.stringify(r)).not.toMatch(/NaN/);
  });

  it('rejects an unknown join key with a coded error', async () => {
    await expect(run({ rows: { column: '细分' }, cols: { column: '类别' }, facts: { datasetId: orders, key: '不存在' } })).rejects.toMatchObject({
      code: 'COLUMN_NOT_FOUND',
    });
  });
});

describe('cross-tab for decisions: top N + 其他, sorting, minimum base, significance, scheme order', () => {
  it('keeps the top N categories by volume and gathers the rest into 其他, last', async () => {
    const r = await run({ rows: { column: '细分' }, cols: { column: '类别' }, facts: joined(), topCols: 2 });
    // Y has 40 orders; X and Z tie at 30 and the label decides (X before Z): Z goes to 其他.
    expect(r.cols).toEqual(['X', 'Y', '其他']);
    expect(r.otherCol).toBe(2);
    expect(r.otherCount).toBe(1);
    expect(r.cells.map((row) => row.map((c) => c.count))).toEqual([
      [10, 20, 30],
      [20, 20, 0],
      [0, 0, 0],
    ]);
    // 其他 is never named as a preference, however high its TGI.
    expect(r.preferences[0]!.items.map((i) => i.col)).not.toContain('其他');
    const distinct = await run({ rows: { column: '细分' }, cols: { column: '类别' }, facts: joined(), topCols: 1, measure: { kind: 'customers' } });
    // By distinct customers X leads (a1, b1, b2); Y and Z go to 其他, where a2 (Y and Z) counts once.
    expect(distinct.cols).toEqual(['X', '其他']);
    expect(distinct.cells.map((row) => row.map((c) => c.value))).toEqual([
      [1, 2],
      [2, 1],
      [0, 0],
    ]);
    expect(distinct.colTotals).toEqual([3, 3]);
  });

  it('sorts columns by volume or by one segment’s TGI', async () => {
    const byVolume = await run({ rows: { column: '细分' }, cols: { column: '类别' }, facts: joined(), colSort: { by: 'volume' } });
    expect(byVolume.cols).toEqual(['Y', 'X', 'Z']);
    expect(byVolume.colTotals).toEqual([40, 30, 30]);
    const byA = await run({ rows: { column: '细分' }, cols: { column: '类别' }, facts: joined(), colSort: { by: 'tgi' } });
    expect(byA.cols).toEqual(['Z', 'Y', 'X']);
    const byB = await run({ rows: { column: '细分' }, cols: { column: '类别' }, facts: joined(), colSort: { by: 'tgi', row: 'B' } });
    expect(byB.cols).toEqual(['X', 'Y', 'Z']);
    expect(byB.cells[1]!.map((c) => Math.round(c.tgi!))).toEqual([167, 125, 0]);
  });

  it('greys cells below the minimum base and leaves them out of the preferences', async () => {
    const r = await run({ rows: { column: '细分' }, cols: { column: '类别' }, facts: joined(), minCellCount: 25 });
    expect(r.cells[0]!.map((c) => c.base)).toEqual([10, 20, 30]);
    expect(r.cells[0]!.map((c) => c.lowBase)).toEqual([true, true, false]);
    // B over-indexes on X (TGI 167) and Y (125), but both rest on 20 orders only.
    expect(r.preferences[1]!.zh).toBe('B 无明显偏好');
    expect(r.preferences[0]!.zh).toBe('A 偏好 Z, TGI 167');
    const customers = await run({ rows: { column: '细分' }, cols: { column: '类别' }, facts: joined(), measure: { kind: 'customers' }, minCellCount: 2 });
    // With distinct customers the base is customers, not orders: A×Z has 2 customers (30 orders).
    expect(customers.cells[0]![2]!).toMatchObject({ base: 2, lowBase: false, count: 30 });
    expect(customers.cells[0]![0]!).toMatchObject({ base: 1, lowBase: true });
  });

  it('marks cells whose adjusted residual passes ±1.96 with ▲ (up) or ▼ (down)', async () => {
    const r = await run({ rows: { column: '细分' }, cols: { column: '类别' }, facts: joined() });
    expect(r.cells[0]![2]!.residual).toBeCloseTo(5.3452248382484875, 9);
    expect(r.cells[0]![2]!.sig).toBe('up');
    expect(r.cells[1]![2]!.sig).toBe('down');
    for (const row of r.cells) for (const c of row) expect(c.sig).toBe(c.residual === null || Math.abs(c.residual) <= 1.96 ? null : c.residual > 0 ? 'up' : 'down');
    expect(r.cells[2]!.every((c) => c.sig === null)).toBe(true);
  });

  it('with distinct customers, tests each cell on the TGI’s own margins, so ▲ never sits on a TGI below 100', async () => {
    const r = await run({ rows: { column: '细分' }, cols: { column: '类别' }, facts: joined(), measure: { kind: 'customers' } });
    // A×Z: 2 of A's 3 customers vs 2 of all 5 → e = 3 × 2 / 5 = 1.2; z = 0.8 / √(1.2 × 0.4 × 0.6).
    expect(r.cells[0]![2]!.residual).toBeCloseTo(0.8 / Math.sqrt(1.2 * 0.4 * 0.6), 12);
    for (const c of r.cells.flat()) {
      if (c.residual === null || c.tgi === null) continue;
      expect(Math.sign(c.residual), JSON.stringify(c)).toBe(Math.sign(c.tgi - 100));
    }
  });

  it('lists the rows of a saved segmentation in the scheme’s order, not in pinyin order', async () => {
    const { saveSegmentation } = await import('../../../electron/engine/store/segmentation-store');
    const seg = saveSegmentation(store, {
      datasetId: customers,
      method: 'rules',
      name: '顺序测试',
      columnName: '方案',
      labels: ['重要价值客户', '重要价值客户', '一般挽留客户', '一般发展客户', '一般发展客户', '一般挽留客户', null],
      definition: {},
      segments: ['重要价值客户', '一般发展客户', '一般挽留客户'].map((name) => ({ name, count: 2, share: 1 / 3, revenueShare: null, means: {}, action: null })),
    });
    const r = await run({ rows: { column: seg.columnKey }, cols: { column: '类别' }, facts: joined() });
    expect(r.rowOrder).toBe('scheme');
    expect(r.rows).toEqual(['重要价值客户', '一般发展客户', '一般挽留客户']);
    const plain = await run({ rows: { column: '细分' }, cols: { column: '类别' }, facts: joined() });
    expect(plain.rowOrder).toBe('label');
  });

  it('puts a category already named 其他 last and merges it with the tail', async () => {
    const id = store.createDataset(
      { name: '归类订单', kind: 'import', source: null, columns: [{ name: '客户编号', originalHeader: null, type: 'text' }, { name: '品类', originalHeader: null, type: 'text' }] },
      [['a1', '其他'], ['a1', '书'], ['b1', '会员'], ['b1', '书'], ['a2', '邮费']],
    ).id;
    const all = await run({ rows: { column: '细分' }, cols: { column: '品类' }, facts: { datasetId: id, key: '客户编号' } });
    expect(all.cols.at(-1)).toBe('其他');
    expect(all.otherCol).toBe(all.cols.length - 1);
    const top = await run({ rows: { column: '细分' }, cols: { column: '品类' }, facts: { datasetId: id, key: '客户编号' }, topCols: 1 });
    expect(top.cols).toEqual(['书', '其他']);
    expect(top.colTotals).toEqual([2, 3]);
  });
});

describe.skipIf(!hasSharedData)('cross-tab on real data (UCI wholesale customers)', () => {
  it('Channel × Region: counts from the data README, χ² = 4.349, df = 2', async () => {
    const text = readFileSync(sharedFile('wholesale-customers', 'Wholesale customers data.csv'), 'utf8').trim().split(/\r?\n/);
    const rows = text.slice(1).map((line) => line.split(',').map(Number));
    const id = store.createDataset(
      {
        name: 'wholesale',
        kind: 'import',
        source: null,
        columns: [
          { name: 'Channel', originalHeader: null, type: 'integer' },
          { name: 'Region', originalHeader: null, type: 'integer' },
        ],
      },
      rows.map((r) => [r[0]!, r[1]!]),
    ).id;
    const r = await runCrosstab(store, crosstabSpecSchema.parse({ datasetId: id, rows: { column: 'Channel' }, cols: { column: 'Region' } }));
    expect(r.rowTotals).toEqual([298, 142]);
    expect(r.colTotals).toEqual([77, 47, 316]);
    expect(r.chi2.statistic).toBeCloseTo(4.349142154535749, 9);
    expect(r.chi2.p).toBeCloseTo(0.11365689324243582, 12);
    expect(r.cells[1]![0]!.tgi).toBeCloseTo(72.43460764587525, 9);
  });
});
if (!hasSharedData) console.warn(SKIP_MESSAGE);
