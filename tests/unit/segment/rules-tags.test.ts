import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RuleScheme } from '../../../shared/contract/segment-schemes';
import { columnValues, dataset, openHarness, snapshot, type SegmentHarness } from './segment-harness';

let h: SegmentHarness;
let ds: string;
const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);

beforeEach(() => {
  h = openHarness();
  ds = dataset(
    h.store,
    '客户',
    [
      ['客户', 'text'],
      ['地区', 'text'],
      ['M', 'decimal'],
      ['F', 'integer'],
      ['注册日期', 'date'],
    ],
    [
      ['a', '华东', 5000, 12, day('2020-01-01')],
      ['b', '华南', 3000, 2, day('2023-06-01')],
      ['c', '华东', 200, 9, day('2024-02-01')],
      ['d', ' 华北 ', 100, 1, null],
      ['e', null, null, 0, day('2024-03-01')],
    ],
  );
});
afterEach(() => h.close());

const SCHEME: RuleScheme = {
  name: '大客户方案',
  rules: [
    { segment: '核心大客户', action: '专人维护', when: [{ column: 'M', op: 'gte', value: 3000 }, { column: 'F', op: 'gt', value: 5 }] },
    { segment: '高额客户', when: [{ column: 'M', op: 'between', min: 1000, max: 10000 }] },
    { segment: '华东活跃', when: [{ column: '地区', op: 'eq', value: '华东' }, { column: 'F', op: 'gte', value: 5 }] },
    { segment: '老客户', when: [{ column: '注册日期', op: 'lt', value: '2021-01-01' }] },
    { segment: '北方', when: [{ column: '地区', op: 'in', values: ['华北', '东北'] }] },
  ],
  defaultSegment: '其他',
  defaultAction: '常规维护',
};

describe('ordered rule schemes', () => {
  it('gives each customer the first matching rule, else the default', async () => {
    const r = await h.client.call('segment.rules', { datasetId: ds, scheme: SCHEME });
    // a matches 核心大客户 first (and 老客户 later: first match wins); d's region has spaces.
    expect(columnValues(h.store, ds, '大客户方案')).toEqual(['核心大客户', '高额客户', '华东活跃', '北方', '其他']);
    expect(r.segments.map((s) => s.name)).toEqual(['核心大客户', '高额客户', '华东活跃', '老客户', '北方', '其他']);
    expect(r.segments.map((s) => s.count)).toEqual([1, 1, 1, 0, 1, 1]);
    expect(r.segments[0]!.action).toBe('专人维护');
    expect(r.segments[5]!.action).toBe('常规维护');
    expect(r.segments[0]!.revenueShare).toBeCloseTo(5000 / 8300, 10);
    expect(r.segments[2]!.means).toMatchObject({ M: 200, F: 9 });
    expect(r.unassigned).toBe(0);
  });

  it('supports text, emptiness and exclusion operators', async () => {
    const scheme: RuleScheme = {
      name: 'ops',
      rules: [
        { segment: '无地区', when: [{ column: '地区', op: 'isEmpty' }] },
        { segment: '南', when: [{ column: '地区', op: 'contains', value: '南' }] },
        { segment: '非华东', when: [{ column: '地区', op: 'ne', value: '华东' }, { column: '注册日期', op: 'notEmpty' }] },
        { segment: '排除', when: [{ column: '客户', op: 'notIn', values: ['a'] }] },
      ],
      defaultSegment: '剩余',
    };
    await h.client.call('segment.rules', { datasetId: ds, scheme });
    expect(columnValues(h.store, ds, 'ops')).toEqual(['剩余', '南', '排除', '排除', '无地区']);
  });

  it.each([
    ['an unknown column', { column: '省份', op: 'eq', value: 'x' }, /省份/],
    ['a comparison with text', { column: 'M', op: 'gt', value: '很多' }, /not a number/],
    ['between with min > max', { column: 'M', op: 'between', min: 10, max: 1 }, /greater than max/],
    ['in without values', { column: '地区', op: 'in', values: [] }, /list of values/],
    ['eq without a value', { column: '地区', op: 'eq' }, /need a value/],
    ['a date comparison with a bad date', { column: '注册日期', op: 'lt', value: '去年' }, /yyyy-mm-dd/],
  ])('rejects %s with SEGMENT_INVALID and changes nothing', async (_label, condition, message) => {
    const before = snapshot(h.store);
    const scheme = { name: 'bad', rules: [{ segment: 'x', when: [condition] }], defaultSegment: '其他' } as RuleScheme;
    const call = h.client.call('segment.rules', { datasetId: ds, scheme });
    await expect(call).rejects.toMatchObject({ code: 'SEGMENT_INVALID' });
    await expect(call).rejects.toThrow(message);
    expect(snapshot(h.store)).toBe(before);
  });

  it('rejects an unconditional rule before others, empty names and unknown operators', async () => {
    const shadow = { name: 's', rules: [{ segment: '全部', when: [] }, { segment: 'x', when: [{ column: 'F', op: 'gt', value: 1 }] }], defaultSegment: 'd' } as RuleScheme;
    await expect(h.client.call('segment.rules', { datasetId: ds, scheme: shadow })).rejects.toMatchObject({ code: 'SEGMENT_INVALID', details: { rule: 1 } });
    await expect(h.client.call('segment.rules', { datasetId: ds, scheme: { ...SCHEME, defaultSegment: ' ' } })).rejects.toMatchObject({ code: 'SEGMENT_INVALID' });
    const badOp = { ...SCHEME, rules: [{ segment: 'x', when: [{ column: 'F', op: 'like', value: 1 }] }] } as unknown as RuleScheme;
    await expect(h.client.call('segment.rules', { datasetId: ds, scheme: badOp })).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});

describe('tags', () => {
  const TAGS = {
    name: '标签',
    groups: [
      { group: '价值', rules: [{ tag: '高消费', when: [{ column: 'M', op: 'gte' as const, value: 3000 }] }, { tag: '常客', when: [{ column: 'F', op: 'gte' as const, value: 9 }] }] },
      { group: '地区', rules: [{ fromColumn: '地区', map: { 华东: '华东区' }, prefix: '地区:' }] },
    ],
  };

  it('stores non-exclusive tags, counts them and lists the customers behind a tag', async () => {
    const r = await h.client.call('segment.tags.apply', { datasetId: ds, tagSet: TAGS });
    expect(r.taggedCustomers).toBe(4);
    const list = await h.client.call('segment.tags.list', { datasetId: ds });
    const count = (tag: string): number | undefined => list.find((t) => t.tag === tag)?.count;
    expect(count('高消费')).toBe(2);
    expect(count('常客')).toBe(2);
    expect(count('地区:华东区')).toBe(2);
    expect(count('地区:华北')).toBe(1);
    // Customer a carries two value tags and a region tag at once.
    const rows = await h.client.call('segment.tags.customers', { datasetId: ds, tag: '常客' });
    expect(rows.total).toBe(2);
    expect(rows.customers.map((c) => c.cells['客户'])).toEqual(['a', 'c']);
    const page = await h.client.call('segment.tags.customers', { datasetId: ds, tag: '常客', offset: 1, limit: 1 });
    expect(page.customers.map((c) => c.cells['客户'])).toEqual(['c']);
  });

  it('re-applying a set replaces its tags; a preview stores nothing', async () => {
    await h.client.call('segment.tags.apply', { datasetId: ds, tagSet: TAGS });
    const narrower = { ...TAGS, groups: [TAGS.groups[0]!] };
    const before = snapshot(h.store);
    await h.client.call('segment.tags.apply', { datasetId: ds, tagSet: { ...narrower, name: '另一套' }, preview: true });
    expect(snapshot(h.store)).toBe(before);
    await h.client.call('segment.tags.apply', { datasetId: ds, tagSet: narrower });
    const list = await h.client.call('segment.tags.list', { datasetId: ds });
    expect(list.map((t) => t.tag).sort()).toEqual(['常客', '高消费']);
    await expect(
      h.client.call('segment.tags.apply', { datasetId: ds, tagSet: { name: 'x', groups: [{ group: 'g', rules: [{ tag: 't', when: [{ column: '无此列', op: 'isEmpty' }] }] }] } }),
    ).rejects.toMatchObject({ code: 'SEGMENT_INVALID' });
  });
});

describe('long rule runs', () => {
  it('report progress and stop on cancel without writing anything', async () => {
    const big = dataset(
      h.store,
      '大表',
      [['M', 'decimal'], ['F', 'integer']],
      Array.from({ length: 120_000 }, (_, i) => [i % 997, i % 7]),
    );
    const before = snapshot(h.store);
    const controller = new AbortController();
    const seen: number[] = [];
    const call = h.client.call(
      'segment.rules',
      { datasetId: big, scheme: { name: '取消', rules: [{ segment: '高', when: [{ column: 'M', op: 'gt', value: 500 }] }], defaultSegment: '低' } },
      {
        signal: controller.signal,
        onProgress: (p) => {
          seen.push(p.done);
          // The first report (row 0 of 120,000) arrives before the loop; the engine sees the
          // cancel at its next checkpoint, 20,000 rows in.
          controller.abort();
        },
      },
    );
    await expect(call).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(seen[0]).toBeLessThan(120_000);
    // Had the engine gone on, the label column and record would appear once it finished.
    await new Promise((r) => setTimeout(r, 1500));
    expect(snapshot(h.store)).toBe(before);
    expect(await h.client.call('segmentations.list', {})).toEqual([]);
  });
});
