import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CellValue } from '../../../shared/contract/json';
import type { FilterSpecIn } from '../../../shared/contract/rows';
import { expectedCustomerRows, openCustomerProject, openGeneratedProject, type RowsHarness } from './rows-fixture';

describe('rows.page over the customer table', () => {
  let h: RowsHarness;
  beforeAll(async () => {
    h = await openCustomerProject();
  });
  afterAll(async () => {
    await h.close();
  });

  it('returns every row in stored order with counts', async () => {
    const page = await h.client.call('rows.page', { datasetId: h.datasetId, offset: 0, limit: 100 });
    expect(page.rows).toEqual(expectedCustomerRows());
    expect(page.rowIds).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(page.columns).toEqual(['c0', 'c1', 'c2', 'c3', 'c4', 'c5']);
    expect(page).toMatchObject({ offset: 0, totalRows: 10, filteredRows: 10 });
  });

  it('gives missing cells as null and marks invalid cells by coordinates', async () => {
    const page = await h.client.call('rows.page', { datasetId: h.datasetId, offset: 1, limit: 3 });
    expect(page.rows[0]![1]).toBeNull();
    expect(page.rows[2]![1]).toBeNull();
    // Row 3 (page row 1) has 'N/A' in the currency column, row 4 (page row 2) '去年' in the date column.
    expect(page.invalid).toEqual([
      [1, 2],
      [2, 4],
    ]);
    expect(page.rows[1]![2]).toBe('N/A');
    expect(page.rows[2]![4]).toBe('去年');
  });

  it('returns booleans as booleans and only the requested columns, in the requested order', async () => {
    const page = await h.client.call('rows.page', { datasetId: h.datasetId, offset: 0, limit: 2, columns: ['c5', 'c0'] });
    expect(page.columns).toEqual(['c5', 'c0']);
    expect(page.rows).toEqual([
      [true, '张三'],
      [false, '李四'],
    ]);
  });

  it('clips pages at the end and returns nothing past it', async () => {
    const tail = await h.client.call('rows.page', { datasetId: h.datasetId, offset: 8, limit: 5 });
    expect(tail.rowIds).toEqual([9, 10]);
    const past = await h.client.call('rows.page', { datasetId: h.datasetId, offset: 50, limit: 5 });
    expect(past.rows).toEqual([]);
    expect(past.offset).toBe(10);
  });

  it('sorts numbers ascending with invalid text after numbers and missing last', async () => {
    const page = await h.client.call('rows.page', { datasetId: h.datasetId, offset: 0, limit: 100, sort: [{ column: 'c2', dir: 'asc' }], columns: ['c2'] });
    expect(page.rows.map((r) => r[0])).toEqual([42, 99.9, 300, 300, 850, 1200.5, 1200.5, 5000, 'N/A', null]);
    // Ties keep the stored order.
    expect(page.rowIds).toEqual([9, 5, 2, 6, 4, 1, 10, 7, 3, 8]);
  });

  it('sorts descending with missing still last and ties in stored order', async () => {
    const page = await h.client.call('rows.page', { datasetId: h.datasetId, offset: 0, limit: 100, sort: [{ column: 'c2', dir: 'desc' }] });
    expect(page.rowIds).toEqual([3, 7, 1, 10, 4, 2, 6, 5, 9, 8]);
  });

  it('sorts by several columns', async () => {
    const page = await h.client.call('rows.page', {
      datasetId: h.datasetId,
      offset: 0,
      limit: 100,
      sort: [
        { column: 'c1', dir: 'asc' },
        { column: 'c3', dir: 'desc' },
      ],
      columns: ['c1', 'c3'],
    });
    const got = page.rows.map((r) => `${String(r[0])}:${String(r[1])}`);
    // Cities in pinyin order; within 北京 orders 7, 3, 0; within 上海 5, 4; missing cities last, still by orders.
    expect(got).toEqual(['北京:7', '北京:3', '北京:0', '广州:2', '杭州:1', '上海:5', '上海:4', '深圳:12', 'null:1', 'null:null']);
  });

  it('sorts Chinese text by pinyin like Excel, both directions, keeping ties in stored order', async () => {
    const names = async (dir: 'asc' | 'desc'): Promise<string[]> =>
      (await h.client.call('rows.page', { datasetId: h.datasetId, offset: 0, limit: 100, sort: [{ column: 'c0', dir }], columns: ['c0'] })).rows.map((r) => String(r[0]));
    // CLDR's Chinese collation puts Han (by pinyin) before Latin letters.
    const expected = ['100% 客户', '李娜', '李四', '王五', '张三', '张伟', '赵六', 'Alice', 'bob', 'under_score'];
    expect(await names('asc')).toEqual(expected);
    // The same order as an independent collation of the names.
    expect([...expected].sort(new Intl.Collator('zh-CN', { numeric: true }).compare)).toEqual(expected);
    expect(await names('desc')).toEqual([...expected].reverse());
    const cities = await h.client.call('rows.page', { datasetId: h.datasetId, offset: 0, limit: 100, sort: [{ column: 'c1', dir: 'desc' }], columns: ['c1'] });
    // Ties (上海 rows 6, 10; 北京 rows 1, 3, 8) keep stored order in a descending sort too.
    expect(cities.rowIds).toEqual([7, 6, 10, 9, 5, 1, 3, 8, 2, 4]);
  });

  it('sorting and filtering write nothing to the project file', async () => {
    const info = await h.client.call('project.info', {});
    const before = readFileSync(info.path);
    const version = (await h.client.call('datasets.get', { datasetId: h.datasetId })).version;
    await h.client.call('rows.page', { datasetId: h.datasetId, offset: 0, limit: 1, sort: [{ column: 'c3', dir: 'asc' }], filters: [{ kind: 'notEmpty', column: 'c1' }] });
    expect((await h.client.call('datasets.get', { datasetId: h.datasetId })).version).toBe(version);
    expect(readFileSync(info.path).equals(before)).toBe(true);
  });

  it('rejects unknown columns with COLUMN_NOT_FOUND and bad specs with VALIDATION', async () => {
    await expect(h.client.call('rows.page', { datasetId: h.datasetId, offset: 0, limit: 1, sort: [{ column: 'c99', dir: 'asc' }] })).rejects.toMatchObject({
      code: 'COLUMN_NOT_FOUND',
    });
    await expect(h.client.call('rows.page', { datasetId: h.datasetId, offset: 0, limit: 5000 })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(
      h.client.call('rows.page', { datasetId: h.datasetId, offset: 0, limit: 1, sort: [{ column: '姓名; DROP TABLE x', dir: 'asc' }] } as never),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(h.client.call('rows.page', { datasetId: 'nope', offset: 0, limit: 1 })).rejects.toMatchObject({ code: 'DATASET_NOT_FOUND' });
  });

  it('finds a row position in the current view', async () => {
    const sort = [{ column: 'c2', dir: 'desc' as const }];
    expect(await h.client.call('rows.rowIndexOf', { datasetId: h.datasetId, sort, rowId: 7 })).toEqual({ index: 1 });
    const filtered = await h.client.call('rows.rowIndexOf', {
      datasetId: h.datasetId,
      filters: [{ kind: 'text', column: 'c1', op: 'equals', value: '北京' }],
      rowId: 2,
    });
    expect(filtered.index).toBeNull();
  });
});

describe('rows.page deep paging over 20,000 generated rows', () => {
  let h: RowsHarness & { rows: CellValue[][] };
  beforeAll(async () => {
    h = await openGeneratedProject(20_000);
  });
  afterAll(async () => {
    await h.close();
  });

  it('pages in natural order match the stored rows at any depth', async () => {
    for (const offset of [0, 7_777, 19_990]) {
      const page = await h.client.call('rows.page', { datasetId: h.datasetId, offset, limit: 2000 });
      expect(page.rows).toEqual(h.rows.slice(offset, offset + 2000));
    }
  });

  it('a sorted deep page equals the same slice of an independent sort', async () => {
    const idx = h.rows.map((r, i) => ({ r, id: i + 1 }));
    // Independent order: numbers ascending, then text, then missing; ties by row id; second key desc.
    const rank = (v: CellValue): number => (typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : 2);
    idx.sort((a, b) => {
      const x = a.r[3] as number;
      const y = b.r[3] as number;
      if (x !== y) return y - x;
      const u = a.r[2]!;
      const v = b.r[2]!;
      if (rank(u) !== rank(v)) return rank(u) - rank(v);
      if (typeof u === 'number' && typeof v === 'number' && u !== v) return u - v;
      if (typeof u === 'string' && typeof v === 'string' && u !== v) return u < v ? -1 : 1;
      return a.id - b.id;
    });
    const sort = [
      { column: 'c3', dir: 'desc' as const },
      { column: 'c2', dir: 'asc' as const },
    ];
    for (const offset of [0, 12_345, 19_999]) {
      const page = await h.client.call('rows.page', { datasetId: h.datasetId, offset, limit: 500, sort });
      expect(page.rowIds).toEqual(idx.slice(offset, offset + 500).map((x) => x.id));
    }
  });

  it('sorted and filtered views agree whether SQLite sorts the filtered rows or they are cut from a cached order', async () => {
    const sort = [{ column: 'c2', dir: 'desc' as const }];
    // Independent: amount descending (text above numbers, as SQLite and Excel order them), missing last, ties by id.
    const rank = (v: CellValue): number => (typeof v === 'string' ? 0 : typeof v === 'number' ? 1 : 2);
    const expected = (keep: (r: CellValue[]) => boolean): number[] =>
      h.rows
        .map((r, i) => ({ r, id: i + 1 }))
        .filter((x) => keep(x.r))
        .sort((a, b) => {
          const u = a.r[2]!;
          const v = b.r[2]!;
          if (rank(u) !== rank(v)) return rank(u) - rank(v);
          if (typeof u === 'number' && typeof v === 'number' && u !== v) return v - u;
          if (typeof u === 'string' && typeof v === 'string' && u !== v) return u < v ? 1 : -1;
          return a.id - b.id;
        })
        .map((x) => x.id);
    const page = async (filters: FilterSpecIn[]): Promise<number[]> => {
      const all: number[] = [];
      for (let offset = 0; ; offset += 2000) {
        const p = await h.client.call('rows.page', { datasetId: h.datasetId, offset, limit: 2000, sort, filters, columns: ['c0'] });
        all.push(...p.rowIds);
        if (all.length >= p.filteredRows) return all;
      }
    };
    // 1. Nothing cached for this sort yet: SQLite sorts the filtered rows.
    const east = [{ kind: 'oneOf' as const, column: 'c1', values: ['华东'] }];
    expect(await page(east)).toEqual(expected((r) => r[1] === '华东'));
    // 2. The sort alone, now cached; 3. a new filter is cut from the cached order.
    expect(await page([])).toEqual(expected(() => true));
    const many = [{ kind: 'numberRange' as const, column: 'c3', min: 3, max: 15 }];
    expect(await page(many)).toEqual(expected((r) => typeof r[3] === 'number' && r[3] >= 3 && r[3] <= 15));
  });

  it('filtered deep pages hold exactly the matching rows, in order', async () => {
    const filters = [{ kind: 'oneOf' as const, column: 'c1', values: ['华南'] }];
    const expected = h.rows.map((r, i) => ({ r, id: i + 1 })).filter((x) => x.r[1] === '华南');
    const count = await h.client.call('rows.count', { datasetId: h.datasetId, filters });
    expect(count).toEqual({ totalRows: 20_000, filteredRows: expected.length });
    const page = await h.client.call('rows.page', { datasetId: h.datasetId, offset: expected.length - 10, limit: 100, filters });
    expect(page.rowIds).toEqual(expected.slice(-10).map((x) => x.id));
  });
});
