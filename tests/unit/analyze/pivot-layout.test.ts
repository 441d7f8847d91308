import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { colDisplayOrder, nodeKey, rowDisplayOrder } from '../../../shared/analysis/pivot-layout';
import { pivotTable, toCsv } from '../../../shared/analysis/pivot-table-text';
import { pivotSpecSchema, type PivotResult } from '../../../shared/contract/analyze';
import { quantile } from '../../../electron/engine/analyze/charts-data';
import { runPivot } from '../../../electron/engine/analyze/pivot';
import { openTemp, orderColumns, orderRows } from './fixtures';

let result: PivotResult;
let cleanup: () => void;

beforeAll(async () => {
  const t = openTemp();
  cleanup = t.cleanup;
  const ds = t.store.createDataset({ name: '订单', kind: 'import', source: null, columns: orderColumns() }, orderRows(600, 3)).id;
  result = await runPivot(
    t.store,
    ds,
    pivotSpecSchema.parse({ rows: [{ column: '地区' }, { column: '渠道' }], cols: [{ column: '下单时间', dateGroup: 'year' }, { column: '下单时间', dateGroup: 'quarter' }], values: [{ agg: 'count' }] }),
  );
});
afterAll(() => cleanup());

describe('pivot layout (shared by the grid view and the CSV export)', () => {
  it('rows: parents above children, grand total last; collapsing hides the children only', () => {
    const order = rowDisplayOrder(result.rows).map((i) => result.rows[i]!);
    expect(order.at(-1)!.kind).toBe('total');
    order.forEach((n, i) => {
      if (n.depth === 2) expect(order.slice(0, i).some((p) => p.path.join() === n.path.slice(0, 1).join())).toBe(true);
    });
    const east = result.rows.find((n) => n.path.join() === '华东')!;
    const folded = rowDisplayOrder(result.rows, new Set([nodeKey(east)])).map((i) => result.rows[i]!);
    expect(folded.some((n) => n.path[0] === '华东' && n.depth === 2)).toBe(false);
    expect(folded.some((n) => n.path.join() === '华东')).toBe(true);
    expect(folded.length).toBe(order.length - result.rows.filter((n) => n.depth === 2 && n.path[0] === '华东').length);
  });

  it('columns: each subtotal after its children, total last; a collapsed year shows only its subtotal', () => {
    const cols = colDisplayOrder(result.cols, true).map((i) => result.cols[i]!);
    expect(cols.at(-1)!.kind).toBe('total');
    const y2024 = cols.findIndex((n) => n.path.join() === '2024');
    expect(cols.slice(0, y2024).filter((n) => n.path[0] === '2024').map((n) => n.label)).toEqual(['2024 Q1', '2024 Q2', '2024 Q3', '2024 Q4']);
    const noSubtotals = colDisplayOrder(result.cols, false).map((i) => result.cols[i]!);
    expect(noSubtotals.every((n) => n.leaf || n.kind === 'total')).toBe(true);
    const folded = colDisplayOrder(result.cols, true, new Set([nodeKey(cols[y2024]!)])).map((i) => result.cols[i]!);
    expect(folded.filter((n) => n.path[0] === '2024').map((n) => n.label)).toEqual(['2024']);
  });

  it('CSV: header, indented children, grand total last, numbers as numbers', () => {
    const csv = toCsv(pivotTable(result, 'en'));
    const lines = csv.slice(1).trim().split('\r\n');
    expect(lines[0]!.startsWith('Row labels,')).toBe(true);
    expect(lines.at(-1)!.startsWith('Grand total,')).toBe(true);
    expect(lines.at(-1)!.endsWith(',600')).toBe(true);
    expect(lines.some((l) => l.startsWith('  '))).toBe(true);
  });

  it('quartiles follow Excel QUARTILE.INC', () => {
    const v = new Float64Array([1, 2, 3, 4]);
    expect(quantile(v, 0.25)).toBe(1.75);
    expect(quantile(v, 0.5)).toBe(2.5);
    expect(quantile(v, 0.75)).toBe(3.25);
    expect(quantile(new Float64Array([7]), 0.25)).toBe(7);
  });
});
