import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCustomerProject, type RowsHarness } from './rows-fixture';

describe('rows.find', () => {
  let h: RowsHarness;
  beforeAll(async () => {
    h = await openCustomerProject();
  });
  afterAll(async () => {
    await h.close();
  });

  const find = (params: Record<string, unknown>) => h.client.call('rows.find', { datasetId: h.datasetId, text: '北京', ...params } as never);

  it('finds the first match from the top, then each next one in reading order', async () => {
    const first = await find({});
    expect(first).toEqual({ found: { row: 0, column: 'c1' }, wrapped: false });
    const second = await find({ from: first.found });
    expect(second.found).toEqual({ row: 2, column: 'c1' });
    const third = await find({ from: second.found });
    expect(third.found).toEqual({ row: 7, column: 'c1' });
    const wrapped = await find({ from: third.found });
    expect(wrapped).toEqual({ found: { row: 0, column: 'c1' }, wrapped: true });
    expect(await find({ from: third.found, wrap: false })).toEqual({ found: null, wrapped: false });
  });

  it('goes backwards with prev', async () => {
    expect((await find({ direction: 'prev' })).found).toEqual({ row: 7, column: 'c1' });
    expect((await find({ direction: 'prev', from: { row: 7, column: 'c1' } })).found).toEqual({ row: 2, column: 'c1' });
  });

  it('moves along the row before moving down, in the given column order', async () => {
    // "1200.5" occurs in row 0 (amount) and row 9; "2" also matches orders/dates; use an exact value.
    const a = await find({ text: '1200.5' });
    expect(a.found).toEqual({ row: 0, column: 'c2' });
    const b = await find({ text: '2024-01', from: { row: 0, column: 'c0' } });
    expect(b.found).toEqual({ row: 0, column: 'c4' });
    const c = await find({ text: '2024-01', from: b.found });
    expect(c.found).toEqual({ row: 7, column: 'c4' });
    const d = await find({ text: '1', columns: ['c3', 'c2'], from: { row: 0, column: 'c3' } });
    expect(d.found).toEqual({ row: 0, column: 'c2' });
  });

  it('follows the current sort and filters, and is case-insensitive unless asked', async () => {
    const sort = [{ column: 'c0', dir: 'desc' }];
    // Descending by name: 赵六, 鲍…; 'bob' sorts after 'Alice' in binary order but before Chinese text.
    const r = await find({ text: 'BOB', sort });
    const page = await h.client.call('rows.page', { datasetId: h.datasetId, offset: r.found!.row, limit: 1, sort: [{ column: 'c0', dir: 'desc' }], columns: ['c0'] });
    expect(page.rows[0]).toEqual(['bob']);
    expect((await find({ text: 'BOB', caseSensitive: true })).found).toBeNull();
    const filtered = await find({ filters: [{ kind: 'numberRange', column: 'c3', min: 1 }] });
    expect(filtered.found).toEqual({ row: 0, column: 'c1' });
    const next = await find({ filters: [{ kind: 'numberRange', column: 'c3', min: 1 }], from: filtered.found });
    // Row 8 (李娜, 0 orders) is filtered out, so the next 北京 is 王五 at view row 2.
    expect(next.found).toEqual({ row: 2, column: 'c1' });
    expect((await find({ filters: [{ kind: 'numberRange', column: 'c3', min: 1 }], from: next.found, wrap: false })).found).toBeNull();
  });

  it('finds invalid cells by their original text and returns null when nothing matches', async () => {
    expect((await find({ text: 'n/a' })).found).toEqual({ row: 2, column: 'c2' });
    expect(await find({ text: '不存在的值' })).toEqual({ found: null, wrapped: false });
  });
});
