import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readerFor } from '../../../electron/engine/analyze/columns';
import { cleanFixture, makeDataset, type CleanFixture } from './clean-fixture';

let f: CleanFixture;
beforeEach(async () => {
  f = await cleanFixture();
});
afterEach(() => f.cleanup());

/** The new column's values in row order. */
function column(datasetId: string, name: string): (string | null)[] {
  const ds = f.store.getDataset(datasetId);
  const c = readerFor(f.store).category(ds.id, ds.columns.find((x) => x.name === name)!.key);
  return Array.from(c.codes, (code) => (code < 0 ? null : c.labels[code]!));
}

describe('keyword rules → category (cleaning step)', () => {
  it('first matching rule wins; unmatched → 其他; empty stays empty; contains ignores case by default', async () => {
    const operation = {
      op: 'keywordCategory' as const,
      column: '城市',
      rules: [
        { match: 'contains' as const, pattern: '北京', category: '华北' },
        { match: 'startsWith' as const, pattern: 'bei', category: '华北' },
        { match: 'regex' as const, pattern: '^\\s*上海', category: '华东' },
        { match: 'contains' as const, pattern: '市', category: '不会用到' },
      ],
    };
    const preview = await f.client.call('clean.preview', { datasetId: f.datasetId, operation });
    expect(preview.columns).toEqual(['城市', '城市·类别']);
    expect(preview.report.categories).toEqual([
      { category: '华北', rows: 4, examples: ['北京市', 'Beijing', '北京'] },
      { category: '华东', rows: 2, examples: [' 上海', '上海'] },
      { category: '不会用到', rows: 0, examples: [] },
      { category: '其他', rows: 1, examples: ['广州'] },
    ]);
    expect(preview.report.figures).toEqual({ matched: 6, unmatched: 1, empty: 1 });
    await f.client.call('clean.apply', { datasetId: f.datasetId, operation });
    expect(column(f.datasetId, '城市·类别')).toEqual(['华北', '华东', '华北', '华北', null, '其他', '华北', '华东']);
  });

  it('case-sensitive when asked, another label for the unmatched, a name of its own', async () => {
    const operation = { op: 'keywordCategory' as const, column: '城市', rules: [{ match: 'startsWith' as const, pattern: 'bei', category: '北京' }], caseSensitive: true, otherLabel: '未归类', name: '区域' };
    await f.client.call('clean.apply', { datasetId: f.datasetId, operation });
    expect(column(f.datasetId, '区域')).toEqual(['未归类', '未归类', '未归类', '未归类', null, '未归类', '未归类', '未归类']);
  });

  it('refuses a regular expression that could hang, before anything is written', async () => {
    const operation = { op: 'keywordCategory' as const, column: '城市', rules: [{ match: 'regex' as const, pattern: '(a|a)*\\1', category: 'x' }] };
    await expect(f.client.call('clean.apply', { datasetId: f.datasetId, operation })).rejects.toMatchObject({ code: 'CLEAN_FAILED' });
    expect(f.store.getDataset(f.datasetId).columns.map((c) => c.name)).not.toContain('城市·类别');
  });

  it('is recorded by column name and replays from a recipe on next month’s file', async () => {
    const operation = { op: 'keywordCategory' as const, column: f.store.getDataset(f.datasetId).columns.find((c) => c.name === '城市')!.key, rules: [{ match: 'contains' as const, pattern: '上海', category: '华东' }] };
    await f.client.call('clean.apply', { datasetId: f.datasetId, operation });
    const history = await f.client.call('clean.history', { datasetId: f.datasetId });
    expect(history.steps[0]!.operation).toMatchObject({ op: 'keywordCategory', column: '城市', otherLabel: '其他' });
    const recipe = await f.client.call('clean.recipes.save', { datasetId: f.datasetId, name: '归类' });
    const next = makeDataset(f.store, '二月', [['甲', '上海市', 1, null, null], ['乙', '杭州', 2, null, null]]);
    await f.client.call('clean.recipes.apply', { datasetId: next, recipeId: recipe.id });
    expect(column(next, '城市·类别')).toEqual(['华东', '其他']);
  });
});
