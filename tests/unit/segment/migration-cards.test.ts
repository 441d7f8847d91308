import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RuleScheme } from '../../../shared/contract/segment-schemes';
import { columnValues, dataset, openHarness, type SegmentHarness } from './segment-harness';

let h: SegmentHarness;
beforeEach(() => {
  h = openHarness();
});
afterEach(() => h.close());

const tiers = (column: string): RuleScheme => ({
  name: `分档-${column}`,
  rules: [
    { segment: '重要价值客户', when: [{ column, op: 'gte', value: 1000 }] },
    { segment: '一般客户', when: [{ column, op: 'gte', value: 100 }] },
  ],
  defaultSegment: '低价值',
});

describe('segment migration', () => {
  it('counts from × to on the same customers and lists the customers behind a cell', async () => {
    const ds = dataset(
      h.store,
      'c',
      [['客户', 'text'], ['上月', 'decimal'], ['本月', 'decimal']],
      [
        ['a', 2000, 2000],
        ['b', 1500, 500],
        ['c', 1200, 50],
        ['d', 300, 1100],
        ['e', 20, 30],
      ],
    );
    const last = await h.client.call('segment.rules', { datasetId: ds, scheme: tiers('上月'), name: '上月' });
    const now = await h.client.call('segment.rules', { datasetId: ds, scheme: tiers('本月'), name: '本月' });
    const m = await h.client.call('segment.migration', { fromId: last.segmentation!.id, toId: now.segmentation!.id });
    expect(m.matchedBy).toBe('row');
    expect(m.fromSegments).toEqual(['重要价值客户', '一般客户', '低价值']);
    expect(m.toSegments).toEqual(['重要价值客户', '一般客户', '低价值']);
    expect(m.counts).toEqual([
      [1, 1, 1],
      [1, 0, 0],
      [0, 0, 1],
    ]);
    expect(m.total).toBe(5);
    const dropped = await h.client.call('segment.migrationCustomers', { fromId: last.segmentation!.id, toId: now.segmentation!.id, fromSegment: '重要价值客户', toSegment: '低价值' });
    expect(dropped.total).toBe(1);
    expect(dropped.customers[0]!.cells['客户']).toBe('c');
    await expect(h.client.call('segment.migration', { fromId: last.segmentation!.id, toId: last.segmentation!.id })).rejects.toMatchObject({ code: 'SEGMENT_INVALID' });
  });

  it('matches two monthly files on a key, with new and departed customers', async () => {
    const may = dataset(h.store, '5月', [['客户', 'text'], ['M', 'decimal']], [['a', 2000], ['b', 500], ['c', 50], ['a', 1]]);
    const jun = dataset(h.store, '6月', [['编号', 'text'], ['M', 'decimal']], [['b', 1500], ['a', 150], [' d ', 5000]]);
    const s1 = await h.client.call('segment.rules', { datasetId: may, scheme: tiers('M') });
    const s2 = await h.client.call('segment.rules', { datasetId: jun, scheme: tiers('M') });
    const m = await h.client.call('segment.migration', { fromId: s1.segmentation!.id, toId: s2.segmentation!.id });
    expect(m.matchedBy).toBe('客户 → 编号');
    expect(m.fromSegments).toEqual(['重要价值客户', '一般客户', '低价值', '（新增客户）']);
    expect(m.toSegments).toEqual(['重要价值客户', '一般客户', '低价值', '（已不在）']);
    expect(m.counts).toEqual([
      [0, 1, 0, 0],
      [1, 0, 0, 0],
      [0, 0, 0, 1],
      [1, 0, 0, 0],
    ]);
    const gone = await h.client.call('segment.migrationCustomers', { fromId: s1.segmentation!.id, toId: s2.segmentation!.id, fromSegment: '低价值', toSegment: '（已不在）' });
    expect(gone.customers.map((c) => c.cells['客户'])).toEqual(['c']);
    const fresh = await h.client.call('segment.migrationCustomers', { fromId: s1.segmentation!.id, toId: s2.segmentation!.id, fromSegment: '（新增客户）', toSegment: '重要价值客户' });
    expect(fresh.customers.map((c) => c.cells['编号'])).toEqual([' d ']);
  });
});

describe('editable names, actions and description cards', () => {
  it('renames a segment in the record and the label column, and keeps edited cards', async () => {
    const ds = dataset(
      h.store,
      'rfm',
      [['R', 'integer'], ['F', 'integer'], ['M', 'decimal']],
      [
        [5, 10, 1000],
        [300, 1, 20],
        [200, 2, 30],
      ],
    );
    const r = await h.client.call('segment.rfm8', { datasetId: ds });
    const id = r.segmentation!.id;
    const cards = await h.client.call('segment.cards', { segmentationId: id });
    const vip = cards.find((c) => c.segment === '重要价值客户')!;
    expect(vip.status).toContain('共 1 位客户');
    expect(vip.status).toContain('平均 5 天未购买');
    expect(vip.behaviour).toContain('平均购买 10 次');
    expect(vip.value).toContain(`贡献 ${((1000 / 1050) * 100).toFixed(1)}% 的销售额`);
    expect(vip.needs).toContain('保持并奖励');
    expect(vip.edited).toBe(false);
    const en = await h.client.call('segment.cards', { segmentationId: id, lang: 'en' });
    expect(en[0]!.status).toContain('1 customers');

    await h.client.call('segment.saveCards', { segmentationId: id, cards: [{ ...vip, needs: '每月专人回访' }] });
    const info = await h.client.call('segment.updateTexts', { segmentationId: id, segments: [{ segment: '重要价值客户', name: '钻石客户', action: '生日礼遇' }] });
    expect(info.segments[0]).toMatchObject({ name: '钻石客户', action: '生日礼遇' });
    expect(columnValues(h.store, ds, 'RFM细分')[0]).toBe('钻石客户');
    const after = await h.client.call('segment.cards', { segmentationId: id });
    expect(after[0]).toMatchObject({ segment: '钻石客户', needs: '每月专人回访', edited: true });
    const regenerated = await h.client.call('segment.cards', { segmentationId: id, regenerate: true });
    expect(regenerated[0]).toMatchObject({ needs: '生日礼遇', edited: false });

    await expect(h.client.call('segment.updateTexts', { segmentationId: id, segments: [{ segment: '钻石客户', name: '一般挽留客户' }] })).rejects.toMatchObject({
      code: 'SEGMENT_INVALID',
    });
    await expect(h.client.call('segment.saveCards', { segmentationId: id, cards: [{ segment: '无', status: '', behaviour: '', value: '', needs: '' }] })).rejects.toMatchObject({
      code: 'SEGMENT_INVALID',
    });
    expect(columnValues(h.store, ds, 'RFM细分')[0]).toBe('钻石客户');
  });
});
