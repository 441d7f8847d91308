import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SegmentSummary } from '../../../shared/contract/segmentations';
import { columnValues, dataset, openHarness, snapshot, type SegmentHarness } from './segment-harness';

/**
 * Hand-computed fixture. Means over the 9 complete rows: R 147.22, F 4.667, M 505.56;
 * medians: R 100, F 3, M 400. c9 sits exactly on every median (strictly compared → 低)
 * and below every mean except R, so it moves from 一般发展 (mean) to 一般挽留 (median).
 * c10 has no M and is left unassigned.
 */
const ROWS: [string, number, number, number | null][] = [
  ['c1', 10, 10, 1000], // 重要价值
  ['c2', 20, 1, 900], // 重要发展
  ['c3', 200, 8, 800], // 重要保持
  ['c4', 300, 2, 1200], // 重要挽留
  ['c5', 15, 9, 100], // 一般价值
  ['c6', 30, 1, 50], // 一般发展
  ['c7', 250, 7, 80], // 一般保持
  ['c8', 400, 1, 20], // 一般挽留
  ['c9', 100, 3, 400],
  ['c10', 5, 1, null],
];

const EXPECTED_MEAN = ['重要价值客户', '重要发展客户', '重要保持客户', '重要挽留客户', '一般价值客户', '一般发展客户', '一般保持客户', '一般挽留客户', '一般发展客户', null];

let h: SegmentHarness;
let ds: string;
beforeEach(() => {
  h = openHarness();
  ds = dataset(
    h.store,
    '客户RFM',
    [
      ['客户', 'text'],
      ['R', 'integer'],
      ['F', 'integer'],
      ['M', 'decimal'],
    ],
    ROWS,
  );
});
afterEach(() => h.close());

const byName = (segments: SegmentSummary[], name: string): SegmentSummary => segments.find((s) => s.name === name)!;

describe('RFM eight segments', () => {
  it('puts every hand-computed customer in its cell against the mean, with a full summary', async () => {
    const r = await h.client.call('segment.rfm8', { datasetId: ds });
    expect(r.segmentation?.id).toMatch(/^s\d+$/);
    expect(r.unassigned).toBe(1);
    expect(columnValues(h.store, ds, 'RFM细分')).toEqual(EXPECTED_MEAN);
    expect(r.segments.map((s) => s.name)).toEqual(EXPECTED_MEAN.slice(0, 8));
    expect(r.segments.map((s) => s.count)).toEqual([1, 1, 1, 1, 1, 2, 1, 1]);
    const dev = byName(r.segments, '一般发展客户');
    expect(dev.share).toBeCloseTo(2 / 9, 10);
    expect(dev.revenueShare).toBeCloseTo(450 / 4550, 10);
    expect(dev.means).toEqual({ R: 65, F: 2, M: 225 });
    expect(byName(r.segments, '重要挽留客户').revenueShare).toBeCloseTo(1200 / 4550, 10);
    expect(byName(r.segments, '重要价值客户').action).toContain('保持并奖励');
    expect(r.segments.reduce((a, s) => a + s.share, 0)).toBeCloseTo(1, 12);
    const details = r.details as { thresholds: { r: number; f: number; m: number } };
    expect(details.thresholds.r).toBeCloseTo(1325 / 9, 10);
    const saved = await h.client.call('segmentations.get', { segmentationId: r.segmentation!.id });
    expect(saved.method).toBe('rfm8');
    expect((saved.definition as { threshold: string; savedAt: string }).threshold).toBe('mean');
    expect((saved.definition as { savedAt: string }).savedAt).toMatch(/^\d{4}-/);
  });

  it('uses the median when asked: the customer on every median drops to 一般挽留', async () => {
    const r = await h.client.call('segment.rfm8', { datasetId: ds, definition: { threshold: 'median' }, name: '中位数RFM' });
    const labels = columnValues(h.store, ds, '中位数RFM');
    expect(labels[8]).toBe('一般挽留客户');
    expect(labels.slice(0, 8)).toEqual(EXPECTED_MEAN.slice(0, 8));
    expect(byName(r.segments, '一般挽留客户').count).toBe(2);
    expect((r.details as { thresholds: { r: number; f: number; m: number } }).thresholds).toEqual({ r: 100, f: 3, m: 400 });
  });

  it('uses quintile scores against a score threshold', async () => {
    const r = await h.client.call('segment.rfm8', { datasetId: ds, definition: { threshold: 'score', scoreThreshold: 4 }, preview: true });
    expect(r.segmentation).toBeNull();
    // c1 is recent (R score 5), the most frequent (F 5) and high spending (M 4): all ≥ 4.
    expect(byName(r.segments, '重要价值客户').count).toBe(1);
    expect(byName(r.segments, '重要价值客户').means.R).toBe(10);
    expect(r.segments.reduce((a, s) => a + s.count, 0)).toBe(9);
  });

  it('renames segments and edits actions from the definition', async () => {
    const r = await h.client.call('segment.rfm8', {
      datasetId: ds,
      definition: { names: { 重要价值客户: 'VIP' }, actions: { 一般挽留客户: '不再投入' } },
      preview: true,
    });
    expect(r.segments[0]!.name).toBe('VIP');
    expect(byName(r.segments, '一般挽留客户').action).toBe('不再投入');
    await expect(h.client.call('segment.rfm8', { datasetId: ds, definition: { names: { 不存在: 'x' } } })).rejects.toMatchObject({ code: 'SEGMENT_INVALID' });
    await expect(h.client.call('segment.rfm8', { datasetId: ds, definition: { names: { 重要价值客户: '一般挽留客户' } } })).rejects.toMatchObject({ code: 'SEGMENT_INVALID' });
  });

  it('a preview writes nothing; a bad column or cut points change nothing', async () => {
    const before = snapshot(h.store);
    await h.client.call('segment.rfm8', { datasetId: ds, preview: true });
    await expect(h.client.call('segment.rfm8', { datasetId: ds, definition: { columns: { r: 'R', f: 'F', m: '金额' } } })).rejects.toMatchObject({
      code: 'SEGMENT_INVALID',
      details: { column: '金额' },
    });
    await expect(
      h.client.call('segment.rfm8', { datasetId: ds, definition: { threshold: 'score', cuts: { r: [30, 10, 100, 200] } } }),
    ).rejects.toMatchObject({ code: 'SEGMENT_INVALID' });
    expect(snapshot(h.store)).toBe(before);
  });

  it('names a second run after its own label column', async () => {
    await h.client.call('segment.rfm8', { datasetId: ds });
    const second = await h.client.call('segment.rfm8', { datasetId: ds, definition: { threshold: 'median' } });
    expect(second.segmentation?.name).toBe('RFM细分 (2)');
    expect(columnValues(h.store, ds, 'RFM细分 (2)')[8]).toBe('一般挽留客户');
  });
});

describe('RFM scores', () => {
  it('writes R/F/M scores and the composite code R×100+F×10+M', async () => {
    const r = await h.client.call('segment.rfmScore', { datasetId: ds, cuts: { r: [10, 30, 100, 250], f: [1, 2, 5, 8], m: [50, 100, 500, 999] } });
    expect(r.columnKeys).not.toBeNull();
    expect(r.scored).toBe(9);
    expect(r.unscored).toBe(1);
    // c1: R 10 → 5, F 10 → 5, M 1000 → 5. c4: R 300 → 1, F 2 → 2, M 1200 → 5. c9: R 100 → 3, F 3 → 3, M 400 → 3.
    const codes = columnValues(h.store, ds, 'RFM代码');
    expect(codes[0]).toBe(555);
    expect(codes[3]).toBe(125);
    expect(codes[8]).toBe(333);
    expect(codes[9]).toBeNull();
    expect(columnValues(h.store, ds, 'R分')[9]).toBe(5);
    expect(r.distribution.m).toEqual([2, 2, 1, 2, 2]);
  });
});
