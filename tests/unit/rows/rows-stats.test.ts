import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CellValue } from '../../../shared/contract/json';
import { openCustomerProject, openGeneratedProject, type RowsHarness } from './rows-fixture';

describe('rows.distinct (the filter list)', () => {
  let h: RowsHarness;
  beforeAll(async () => {
    h = await openCustomerProject();
  });
  afterAll(async () => {
    await h.close();
  });

  it('lists values with counts in pinyin order, missing cells as one last entry', async () => {
    const r = await h.client.call('rows.distinct', { datasetId: h.datasetId, column: 'c1' });
    expect(r.values).toEqual([
      { value: '北京', count: 3 },
      { value: '广州', count: 1 },
      { value: '杭州', count: 1 },
      { value: '上海', count: 2 },
      { value: '深圳', count: 1 },
      { value: null, count: 2 },
    ]);
    expect(r).toMatchObject({ totalDistinct: 6, totalCapped: false, truncated: false });
  });

  it('searches the shown text, respects other filters and truncates at the limit', async () => {
    const s = await h.client.call('rows.distinct', { datasetId: h.datasetId, column: 'c1', search: '海' });
    expect(s.values).toEqual([{ value: '上海', count: 2 }]);
    const f = await h.client.call('rows.distinct', {
      datasetId: h.datasetId,
      column: 'c1',
      filters: [{ kind: 'numberRange', column: 'c2', min: 1000 }],
    });
    expect(f.values).toEqual([
      { value: '北京', count: 1 },
      { value: '上海', count: 1 },
      { value: '深圳', count: 1 },
    ]);
    const t = await h.client.call('rows.distinct', { datasetId: h.datasetId, column: 'c1', limit: 2 });
    expect(t).toMatchObject({ totalDistinct: 6, truncated: true });
    expect(t.values).toHaveLength(2);
  });

  it('lists numbers before invalid text, and booleans as booleans', async () => {
    const a = await h.client.call('rows.distinct', { datasetId: h.datasetId, column: 'c2' });
    expect(a.values.map((v) => v.value)).toEqual([42, 99.9, 300, 850, 1200.5, 5000, 'N/A', null]);
    expect(a.values.find((v) => v.value === 300)?.count).toBe(2);
    const b = await h.client.call('rows.distinct', { datasetId: h.datasetId, column: 'c5' });
    expect(b.values).toEqual([
      { value: false, count: 5 },
      { value: true, count: 4 },
      { value: null, count: 1 },
    ]);
  });
});

describe('rows.stats', () => {
  let h: RowsHarness & { rows: CellValue[][] };
  beforeAll(async () => {
    h = await openGeneratedProject(6_000);
  });
  afterAll(async () => {
    await h.close();
  });

  /** Independent computation in plain JS over the rows we generated. */
  function expectedStats(rows: CellValue[][], col: number) {
    const cells = rows.map((r) => r[col]!);
    const nums = cells.filter((v): v is number => typeof v === 'number').sort((a, b) => a - b);
    const n = nums.length;
    const sum = nums.reduce((a, b) => a + b, 0);
    const median = n % 2 ? nums[(n - 1) / 2]! : (nums[n / 2 - 1]! + nums[n / 2]!) / 2;
    const counts = new Map<CellValue, number>();
    for (const v of cells) if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
    return {
      rows: cells.length,
      missing: cells.filter((v) => v === null).length,
      invalid: cells.filter((v) => typeof v === 'string').length,
      distinct: counts.size,
      min: nums[0],
      max: nums[n - 1],
      sum,
      mean: sum / n,
      median,
      counts,
    };
  }

  it('matches an independent computation on a decimal column with missing and invalid cells', async () => {
    const s = await h.client.call('rows.stats', { datasetId: h.datasetId, column: 'c2', bins: 10 });
    const e = expectedStats(h.rows, 2);
    expect(s).toMatchObject({ rows: e.rows, missing: e.missing, invalid: e.invalid, distinct: e.distinct, count: e.rows - e.missing, empty: 0 });
    expect(e.missing).toBeGreaterThan(0);
    expect(e.invalid).toBeGreaterThan(0);
    expect(s.min).toBe(e.min);
    expect(s.max).toBe(e.max);
    expect(s.sum).toBeCloseTo(e.sum, 4);
    expect(s.mean).toBeCloseTo(e.mean, 8);
    expect(s.median).toBe(e.median);
    expect(s.histogram).toHaveLength(10);
    expect(s.histogram.reduce((a, b) => a + b.count, 0)).toBe(e.rows - e.missing - e.invalid);
    const width = (e.max! - e.min!) / 10;
    const firstBin = h.rows.filter((r) => typeof r[2] === 'number' && (r[2] as number) < e.min! + width).length;
    expect(s.histogram[0]!.count).toBe(firstBin);
    expect(s.histogram[9]!.to).toBe(e.max);
  });

  it('gives one bin per value on a narrow integer column and top values by frequency', async () => {
    const s = await h.client.call('rows.stats', { datasetId: h.datasetId, column: 'c3', top: 3 });
    const e = expectedStats(h.rows, 3);
    expect(s.histogram).toHaveLength(20);
    expect(s.histogram.map((b) => b.from)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(s.histogram.map((b) => b.count)).toEqual(Array.from({ length: 20 }, (_, i) => e.counts.get(i) ?? 0));
    const top = [...e.counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] as number) - (b[0] as number)).slice(0, 3);
    expect(s.topValues).toEqual(top.map(([value, count]) => ({ value, count })));
    expect(s.median).toBe(e.median);
  });

  it('computes over the filtered rows only', async () => {
    const filters = [{ kind: 'oneOf' as const, column: 'c1', values: ['华北'] }];
    const s = await h.client.call('rows.stats', { datasetId: h.datasetId, column: 'c2', filters });
    const e = expectedStats(
      h.rows.filter((r) => r[1] === '华北'),
      2,
    );
    expect(s.rows).toBe(e.rows);
    expect(s.median).toBe(e.median);
    expect(s.sum).toBeCloseTo(e.sum, 4);
  });

  it('lists the smallest amounts with exact counts and counts distinct values when most are past the list', async () => {
    // ~5,800 distinct amounts and a list of 25: only the smallest few are kept while scanning.
    const r = await h.client.call('rows.distinct', { datasetId: h.datasetId, column: 'c2', limit: 25 });
    const e = expectedStats(h.rows, 2);
    const smallest = [...e.counts.entries()].filter(([v]) => typeof v === 'number').sort((a, b) => (a[0] as number) - (b[0] as number)).slice(0, 25);
    expect(r.values).toEqual(smallest.map(([value, count]) => ({ value, count })));
    expect(r).toMatchObject({ totalDistinct: e.distinct + 1, totalCapped: false, truncated: true });
    // Over filtered rows, and with a search on the shown text.
    const filters = [{ kind: 'oneOf' as const, column: 'c1', values: ['华北'] }];
    const f = await h.client.call('rows.distinct', { datasetId: h.datasetId, column: 'c2', filters, limit: 10 });
    const north = expectedStats(h.rows.filter((row) => row[1] === '华北'), 2);
    const northSmallest = [...north.counts.entries()].filter(([v]) => typeof v === 'number').sort((a, b) => (a[0] as number) - (b[0] as number)).slice(0, 10);
    expect(f.values).toEqual(northSmallest.map(([value, count]) => ({ value, count })));
    const s = await h.client.call('rows.distinct', { datasetId: h.datasetId, column: 'c2', search: '99.9' });
    const hits = [...e.counts.keys()].filter((v) => typeof v === 'number' && String(v).includes('99.9'));
    expect(s.values.map((v) => v.value)).toEqual([...hits].sort((a, b) => (a as number) - (b as number)));
  });

  it('text columns get counts and top values but no numeric figures', async () => {
    const s = await h.client.call('rows.stats', { datasetId: h.datasetId, column: 'c1', top: 5 });
    expect(s).toMatchObject({ min: null, max: null, mean: null, median: null, sum: null, histogram: [], distinct: 5, missing: 0 });
    expect(s.topValues.reduce((a, b) => a + b.count, 0)).toBe(6_000);
  });

  it('reports progress', async () => {
    const seen: number[] = [];
    await h.client.call('rows.stats', { datasetId: h.datasetId, column: 'c3' }, { onProgress: (p) => seen.push(p.done) });
    expect(seen.at(-1)).toBe(3);
  });
});
