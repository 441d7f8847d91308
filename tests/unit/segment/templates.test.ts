import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { columnValues, dataset, openHarness, snapshot, type SegmentHarness } from './segment-harness';

let h: SegmentHarness;
beforeEach(() => {
  h = openHarness();
});
afterEach(() => h.close());

/** One family per branch of the 3+1 scheme, in rule order, then one that fits none. */
const ESTATE: [string, number, string][] = [
  ['三口', 350, '富豪家庭'],
  ['单身', 100, '单身贵族'],
  ['单身', 50, '栖居单身'],
  ['两口', 110, '小康两口'],
  ['两口', 82, '栖居两口'],
  ['三口', 200, '富贵三口'],
  ['三口', 120, '小康三口'],
  ['三口', 90, '栖居三口'],
  ['两代', 145, '小康两代'],
  ['两代', 130, '栖居两代'],
  ['多代', 280, '富贵多代'],
  ['多代', 180, '小康多代'],
  ['多代', 140, '栖居多代'],
  ['空巢', 150, '富贵空巢'],
  ['空巢', 90, '小康空巢'],
  ['丁克', 100, '未归类'],
];

describe('built-in templates', () => {
  it('lists the five built-ins with their slots', async () => {
    const list = await h.client.call('segment.templates.list', {});
    expect(list.map((t) => t.id)).toEqual(['rfm8', 'pareto-abc', 'lifecycle-5', 'real-estate-3plus1', 'bank-labels']);
    expect(list.every((t) => t.builtIn)).toBe(true);
  });

  it('real estate 3+1: every one of the 15 sub-segments and the default', async () => {
    const ds = dataset(h.store, '购房家庭', [['家庭生命周期', 'text'], ['支付房价比', 'decimal']], ESTATE.map(([f, r]) => [f, r]));
    const r = await h.client.call('segment.templates.apply', { datasetId: ds, templateId: 'real-estate-3plus1' });
    expect(columnValues(h.store, ds, '房地产 3+1 客户细分（七大类15小类）')).toEqual(ESTATE.map((e) => e[2]));
    expect(r.segments).toHaveLength(16);
    expect(r.segments.every((s) => s.count === 1)).toBe(true);
    expect(r.segmentation?.method).toBe('template');
  });

  it('maps template slots to the user’s own columns', async () => {
    const ds = dataset(h.store, 'x', [['家庭', 'text'], ['比值', 'decimal']], [['单身', 90]]);
    await expect(h.client.call('segment.templates.apply', { datasetId: ds, templateId: 'real-estate-3plus1' })).rejects.toMatchObject({
      code: 'SEGMENT_INVALID',
      details: { slot: 'family' },
    });
    const r = await h.client.call('segment.templates.apply', { datasetId: ds, templateId: 'real-estate-3plus1', columnMap: { family: '家庭', ratio: '比值' }, preview: true });
    expect(r.segments.find((s) => s.name === '单身贵族')!.count).toBe(1);
  });

  it('bank labels: every group tags, non-exclusively', async () => {
    const ds = dataset(
      h.store,
      '银行客户',
      [['年龄', 'integer'], ['职业', 'text'], ['年收入', 'decimal'], ['婚姻状况', 'text'], ['偏好', 'text']],
      [
        [20, 'student', 30_000, 'single', '理财'],
        [30, 'management', 100_000, 'married', '基金'],
        [40, '教师', 200_000, 'divorced', null],
        [50, 'retired', 50_000, '已婚', '理财'],
        [65, null, 150_000, null, null],
      ],
    );
    const r = await h.client.call('segment.templates.apply', { datasetId: ds, templateId: 'bank-labels' });
    expect(r.segmentation).toBeNull();
    const list = await h.client.call('segment.tags.list', { datasetId: ds });
    const tags = Object.fromEntries(list.map((t) => [`${t.group}/${t.tag}`, t.count]));
    expect(tags).toEqual({
      '年龄段/25岁以下': 1,
      '年龄段/25-34岁': 1,
      '年龄段/35-44岁': 1,
      '年龄段/45-59岁': 1,
      '年龄段/60岁及以上': 1,
      '职业/学生': 1,
      '职业/管理人员': 1,
      '职业/教师': 1,
      '职业/退休': 1,
      '收入水平/低收入': 1,
      '收入水平/中等收入': 3,
      '收入水平/高收入': 1,
      '家庭状况/单身': 1,
      '家庭状况/已婚': 2,
      '家庭状况/离异': 1,
      '偏好/偏好:理财': 2,
      '偏好/偏好:基金': 1,
    });
    expect((r.details as { taggedCustomers: number }).taggedCustomers).toBe(5);
  });

  it('RFM-8, Pareto ABC and lifecycle-5 templates run on an RFM dataset', async () => {
    const ds = dataset(
      h.store,
      'rfm',
      [['R', 'integer'], ['F', 'integer'], ['M', 'decimal'], ['客龄(天)', 'integer']],
      [
        [5, 9, 800, 400],
        [10, 1, 100, 20],
        [300, 8, 50, 900],
        [120, 1, 50, 500],
      ],
    );
    const rfm = await h.client.call('segment.templates.apply', { datasetId: ds, templateId: 'rfm8', preview: true });
    expect(rfm.segments.filter((s) => s.count > 0).map((s) => s.name)).toEqual(['重要价值客户', '一般发展客户', '一般保持客户', '一般挽留客户']);
    const abc = await h.client.call('segment.templates.apply', { datasetId: ds, templateId: 'pareto-abc', preview: true });
    // 800 → A; 100 starts at 80% → B; the two 50s start at 90% and tie → both B.
    expect(abc.segments.map((s) => s.count)).toEqual([1, 3, 0]);
    const life = await h.client.call('segment.templates.apply', { datasetId: ds, templateId: 'lifecycle-5', preview: true });
    expect(life.segments.map((s) => s.count)).toEqual([0, 1, 1, 1, 1]);
  });
});

describe('user templates', () => {
  it('saves a scheme from a segmentation, reapplies it to another dataset, and removes it', async () => {
    const a = dataset(h.store, 'a', [['M', 'decimal']], [[10], [500]]);
    const b = dataset(h.store, 'b', [['M', 'decimal']], [[600], [20], [700]]);
    const scheme = { name: '金额两档', rules: [{ segment: '大单', when: [{ column: 'M', op: 'gte' as const, value: 100 }] }], defaultSegment: '小单' };
    const seg = await h.client.call('segment.rules', { datasetId: a, scheme });
    const saved = await h.client.call('segment.templates.save', { name: '我的两档', fromSegmentationId: seg.segmentation!.id });
    expect(saved).toMatchObject({ id: 'u1', kind: 'rules', builtIn: false });
    const r = await h.client.call('segment.templates.apply', { datasetId: b, templateId: saved.id });
    expect(columnValues(h.store, b, '我的两档')).toEqual(['大单', '小单', '大单']);
    // A segmentation made from a template can itself be saved again.
    const again = await h.client.call('segment.templates.save', { name: '再存一次', fromSegmentationId: r.segmentation!.id });
    expect(again.kind).toBe('rules');
    // On a file whose amount column has another name, columnMap renames the template's own columns.
    const c = dataset(h.store, 'c', [['金额', 'decimal']], [[50], [150]]);
    await h.client.call('segment.templates.apply', { datasetId: c, templateId: saved.id, columnMap: { M: '金额' }, name: '换列' });
    expect(columnValues(h.store, c, '换列')).toEqual(['小单', '大单']);
    const rfm = await h.client.call('segment.templates.save', { name: '中位数RFM', kind: 'rfm8', definition: { threshold: 'median' } });
    expect(rfm.definition).toMatchObject({ threshold: 'median', scoreThreshold: 3 });
    expect((await h.client.call('segment.templates.list', {})).map((t) => t.id)).toContain('u3');
    expect(await h.client.call('segment.templates.remove', { templateId: 'u1' })).toEqual({ removed: true });
    await expect(h.client.call('segment.templates.remove', { templateId: 'rfm8' })).rejects.toMatchObject({ code: 'SEGMENT_INVALID' });
  });

  it('rejects an invalid definition without storing it', async () => {
    const before = snapshot(h.store);
    await expect(h.client.call('segment.templates.save', { name: 'x', kind: 'pareto', definition: { shares: 'many' } })).rejects.toMatchObject({
      code: 'SEGMENT_INVALID',
      details: { path: 'shares' },
    });
    await expect(h.client.call('segment.templates.save', { name: 'x' })).rejects.toMatchObject({ code: 'SEGMENT_INVALID' });
    expect(snapshot(h.store)).toBe(before);
  });
});
