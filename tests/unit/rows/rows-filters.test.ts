import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FilterSpecIn } from '../../../shared/contract/rows';
import { openCustomerProject, type RowsHarness } from './rows-fixture';

describe('rows filters', () => {
  let h: RowsHarness;
  beforeAll(async () => {
    h = await openCustomerProject();
  });
  afterAll(async () => {
    await h.close();
  });

  const ids = async (filters: FilterSpecIn[]): Promise<number[]> =>
    (await h.client.call('rows.page', { datasetId: h.datasetId, offset: 0, limit: 100, filters, columns: ['c0'] })).rowIds;

  it('text contains / equals / starts with / ends with, case-insensitive by default', async () => {
    expect(await ids([{ kind: 'text', column: 'c0', op: 'contains', value: '张' }])).toEqual([1, 7]);
    expect(await ids([{ kind: 'text', column: 'c0', op: 'equals', value: 'BOB' }])).toEqual([6]);
    expect(await ids([{ kind: 'text', column: 'c0', op: 'equals', value: 'BOB', caseSensitive: true }])).toEqual([]);
    expect(await ids([{ kind: 'text', column: 'c0', op: 'startsWith', value: 'al' }])).toEqual([5]);
    expect(await ids([{ kind: 'text', column: 'c0', op: 'startsWith', value: 'al', caseSensitive: true }])).toEqual([]);
    expect(await ids([{ kind: 'text', column: 'c0', op: 'endsWith', value: '四' }])).toEqual([2]);
    expect(await ids([{ kind: 'text', column: 'c0', op: 'contains', value: 'ICE', caseSensitive: true }])).toEqual([]);
    expect(await ids([{ kind: 'text', column: 'c0', op: 'contains', value: 'ic', caseSensitive: true }])).toEqual([5]);
  });

  it('treats % and _ in search text literally', async () => {
    expect(await ids([{ kind: 'text', column: 'c0', op: 'contains', value: '%' }])).toEqual([9]);
    expect(await ids([{ kind: 'text', column: 'c0', op: 'contains', value: '_' }])).toEqual([10]);
  });

  it('negated text filters keep missing cells, as Excel does', async () => {
    expect(await ids([{ kind: 'text', column: 'c1', op: 'equals', value: '北京', negate: true }])).toEqual([2, 4, 5, 6, 7, 9, 10]);
  });

  it('text filters on dates match the shown yyyy-mm-dd text', async () => {
    expect(await ids([{ kind: 'text', column: 'c4', op: 'startsWith', value: '2024-02' }])).toEqual([2, 7, 10]);
  });

  it('one-of values, with missing cells (null or empty text, stored alike) as one choice', async () => {
    expect(await ids([{ kind: 'oneOf', column: 'c1', values: ['北京', '深圳'] }])).toEqual([1, 3, 7, 8]);
    expect(await ids([{ kind: 'oneOf', column: 'c1', values: [null] }])).toEqual([2, 4]);
    expect(await ids([{ kind: 'oneOf', column: 'c1', values: [''] }])).toEqual([2, 4]);
    expect(await ids([{ kind: 'oneOf', column: 'c2', values: [300, 'N/A'] }])).toEqual([2, 3, 6]);
    expect(await ids([{ kind: 'oneOf', column: 'c5', values: [true] }])).toEqual([1, 3, 6, 9]);
    expect(await ids([{ kind: 'oneOf', column: 'c1', values: [] }])).toEqual([]);
    expect(await ids([{ kind: 'oneOf', column: 'c1', values: ['北京', '上海'], negate: true }])).toEqual([2, 4, 5, 7, 9]);
  });

  it('number ranges are inclusive and never match invalid text or missing cells', async () => {
    expect(await ids([{ kind: 'numberRange', column: 'c2', min: 300, max: 1200.5 }])).toEqual([1, 2, 4, 6, 10]);
    expect(await ids([{ kind: 'numberRange', column: 'c2', min: 1000 }])).toEqual([1, 7, 10]);
    expect(await ids([{ kind: 'numberRange', column: 'c2', max: 100 }])).toEqual([5, 9]);
  });

  it('date ranges take plain dates (the end day included) or epoch ms', async () => {
    expect(await ids([{ kind: 'dateRange', column: 'c4', from: '2024-02-01', to: '2024-02-29' }])).toEqual([2, 7, 10]);
    expect(await ids([{ kind: 'dateRange', column: 'c4', to: '2023-12-31' }])).toEqual([3, 9]);
    expect(await ids([{ kind: 'dateRange', column: 'c4', from: Date.UTC(2024, 2, 1) }])).toEqual([5]);
  });

  it('empty, non-empty and invalid', async () => {
    expect(await ids([{ kind: 'empty', column: 'c1' }])).toEqual([2, 4]);
    expect(await ids([{ kind: 'notEmpty', column: 'c1' }])).toEqual([1, 3, 5, 6, 7, 8, 9, 10]);
    expect(await ids([{ kind: 'invalid', column: 'c2' }])).toEqual([3]);
    expect(await ids([{ kind: 'invalid', column: 'c4' }])).toEqual([4]);
    expect(await ids([{ kind: 'invalid', column: 'c0' }])).toEqual([]);
  });

  it('combines filters with AND, together with a sort', async () => {
    const filters: FilterSpecIn[] = [
      { kind: 'oneOf', column: 'c1', values: ['北京', '上海'] },
      { kind: 'numberRange', column: 'c3', min: 1 },
      { kind: 'notEmpty', column: 'c4' },
    ];
    expect(await ids(filters)).toEqual([1, 3, 10]);
    const page = await h.client.call('rows.page', { datasetId: h.datasetId, offset: 0, limit: 10, filters, sort: [{ column: 'c3', dir: 'desc' }] });
    expect(page.rowIds).toEqual([3, 10, 1]);
    expect(page).toMatchObject({ totalRows: 10, filteredRows: 3 });
  });

  it('rejects an inverted range and an impossible date with VALIDATION', async () => {
    await expect(ids([{ kind: 'numberRange', column: 'c2', min: 5, max: 1 }])).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(ids([{ kind: 'dateRange', column: 'c4', from: '2023-02-30' }])).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(ids([{ kind: 'text', column: 'c0', op: 'like' } as never])).rejects.toMatchObject({ code: 'VALIDATION' });
    const err = await ids([{ kind: 'numberRange', column: 'c2', min: 5, max: 1 }]).catch((e: unknown) => e);
    expect((err as { messageZh: string }).messageZh).toMatch(/下限/);
  });
});
