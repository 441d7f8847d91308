import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { columnValues, dataset, openHarness, snapshot, type SegmentHarness } from './segment-harness';

let h: SegmentHarness;
beforeEach(() => {
  h = openHarness();
});
afterEach(() => h.close());

const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);

describe('Pareto value tiers', () => {
  it('cuts 80/15/5 by cumulative share, with the Lorenz curve and Gini', async () => {
    const ds = dataset(h.store, 'v', [['客户', 'text'], ['M', 'decimal']], [['a', 500], ['b', 300], ['c', 100], ['d', 50], ['e', 30], ['f', 20]]);
    const r = await h.client.call('segment.pareto', { datasetId: ds });
    // Shares before each customer: 0, .5 → A; .8, .9 → B; .95, .98 → C.
    expect(columnValues(h.store, ds, '价值分层')).toEqual(['A', 'A', 'B', 'B', 'C', 'C']);
    expect(r.segments.map((s) => [s.name, s.count, s.revenueShare])).toEqual([
      ['A', 2, 0.8],
      ['B', 2, 0.15],
      ['C', 2, 0.05],
    ]);
    const d = r.details as { lorenz: { x: number; y: number }[]; gini: number };
    expect(d.lorenz.map((p) => p.y)).toEqual([0, 0.02, 0.05, 0.1, 0.2, 0.5, 1]);
    expect(d.lorenz[3]!.x).toBeCloseTo(0.5, 12);
    expect(d.gini).toBeCloseTo(2 * 5130 / 6000 - 7 / 6, 12);
  });

  it('keeps equal values in one tier and puts missing or negative values last', async () => {
    const ds = dataset(h.store, 't', [['客户', 'text'], ['M', 'decimal']], [['a', 700], ['b', 100], ['c', 100], ['d', 100], ['e', null], ['f', -5]]);
    const r = await h.client.call('segment.pareto', { datasetId: ds, definition: { shares: [80, 20], labels: ['高价值', '其他'] }, preview: true });
    // The three 100s tie; the first starts at 70% (< 80%), so all three stay in the top tier.
    expect(r.segments.map((s) => s.count)).toEqual([4, 2]);
  });

  it('rejects shares that do not sum to 100 or do not match the labels, changing nothing', async () => {
    const ds = dataset(h.store, 'v', [['M', 'decimal']], [[1], [2]]);
    const before = snapshot(h.store);
    await expect(h.client.call('segment.pareto', { datasetId: ds, definition: { shares: [70, 20, 5] } })).rejects.toMatchObject({ code: 'SEGMENT_INVALID' });
    await expect(h.client.call('segment.pareto', { datasetId: ds, definition: { shares: [80, 20] } })).rejects.toMatchObject({ code: 'SEGMENT_INVALID' });
    expect(snapshot(h.store)).toBe(before);
  });
});

describe('lifecycle stages', () => {
  const COLS: [string, 'text' | 'integer' | 'decimal'][] = [
    ['客户', 'text'],
    ['R', 'integer'],
    ['F', 'integer'],
    ['客龄(天)', 'integer'],
    ['前期', 'decimal'],
    ['近期', 'decimal'],
    ['M', 'decimal'],
  ];
  const ROWS = [
    ['p1', null, 0, null, 0, 0, 0], // 潜在: no purchase
    ['p2', null, null, null, null, null, null], // 潜在
    ['c1', 200, 5, 700, 100, 0, 100], // 流失: R > 180
    ['c2', 10, 1, 30, 0, 80, 80], // 新: tenure ≤ 90
    ['c3', 100, 4, 300, 300, 200, 500], // 衰退: R > 90
    ['c4', 20, 6, 400, 1000, 500, 1500], // 衰退: spend 0.5 × previous
    ['c5', 20, 6, 400, 1000, 900, 1900], // 成熟: 0.9 × previous
    ['c6', 20, 3, 400, 0, 300, 300], // 成熟: no previous spend, no trend judgement
  ];
  const EXPECTED = ['潜在客户', '潜在客户', '流失客户', '新客户', '衰退客户', '衰退客户', '成熟客户', '成熟客户'];

  it('applies the five documented rules in order with a trend from two period columns', async () => {
    const ds = dataset(h.store, 'c', COLS, ROWS);
    const r = await h.client.call('segment.lifecycle', { datasetId: ds, definition: { trend: { previousColumn: '前期', recentColumn: '近期' } } });
    expect(columnValues(h.store, ds, '生命周期')).toEqual(EXPECTED);
    expect(r.segments.map((s) => s.count)).toEqual([2, 1, 2, 2, 1]);
    expect(r.segments.find((s) => s.name === '成熟客户')!.revenueShare).toBeCloseTo(2200 / 4380, 10);
  });

  it('computes the trend from a transaction dataset (default analysis date = day after the last order)', async () => {
    const ds = dataset(h.store, 'c', COLS, ROWS);
    const tx = dataset(
      h.store,
      'orders',
      [['买家', 'text'], ['日期', 'date'], ['金额', 'decimal']],
      [
        ['c4', day('2024-05-01'), 500],
        ['c4', day('2023-10-01'), 1000],
        ['c5', day('2024-05-01'), 900],
        [' c5 ', day('2023-10-01'), 1000],
      ],
    );
    const trend = { transactionsDatasetId: tx, customerColumn: '买家', keyColumn: '客户', dateColumn: '日期', amountColumn: '金额' };
    const r = await h.client.call('segment.lifecycle', { datasetId: ds, preview: true, definition: { trend } });
    expect(r.segments.map((s) => s.count)).toEqual([2, 1, 2, 2, 1]);
    const decl = r.segments.find((s) => s.name === '衰退客户')!;
    expect(decl.means['近期消费']).toBe(250);
    // 30-day periods ending 2024-06-15: the May orders fall in the previous period, nothing
    // recent, so c5 (0 ÷ 900) joins c3 and c4 in 衰退.
    const later = await h.client.call('segment.lifecycle', { datasetId: ds, preview: true, definition: { trend: { ...trend, periodDays: 30 }, asOf: '2024-06-15' } });
    expect(later.segments.find((s) => s.name === '衰退客户')!.count).toBe(3);
  });

  it('derives tenure from the first purchase date, and rejects missing inputs or inverted thresholds', async () => {
    const ds = dataset(
      h.store,
      'c',
      [['R', 'integer'], ['F', 'integer'], ['首次购买', 'date'], ['末次购买', 'date']],
      [
        [1, 2, day('2024-05-20'), day('2024-05-30')], // tenure 11 days → 新
        [5, 9, day('2023-01-01'), day('2024-05-26')], // mature
      ],
    );
    const r = await h.client.call('segment.lifecycle', { datasetId: ds, preview: true });
    expect(r.segments.map((s) => s.count)).toEqual([0, 1, 1, 0, 0]);
    expect((r.details as { asOf: string }).asOf).toBe('2024-05-31');
    const bare = dataset(h.store, 'b', [['R', 'integer'], ['F', 'integer']], [[1, 1]]);
    await expect(h.client.call('segment.lifecycle', { datasetId: bare })).rejects.toMatchObject({ code: 'SEGMENT_INVALID' });
    await expect(h.client.call('segment.lifecycle', { datasetId: ds, definition: { newDays: 400 } })).rejects.toMatchObject({ code: 'SEGMENT_INVALID' });
  });
});
