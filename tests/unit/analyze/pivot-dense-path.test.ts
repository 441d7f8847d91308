import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PivotResult, PivotSpecInput } from '../../../shared/contract/analyze';
import { pivotSpecSchema } from '../../../shared/contract/analyze';
import type { CellValue } from '../../../shared/contract/json';
import { runPivot } from '../../../electron/engine/analyze/pivot';
import type { ProjectStore } from '../../../electron/engine/store/project-store';
import { lcg, openTemp, orderColumns, orderRows } from './fixtures';

// Additive pivots take a fused pass over a dense (row × column) table; a pivot that also asks for a
// median takes the general path (keys per axis, then aggregation). Both must give the same axes in
// the same order and the same figures: the additive values of the second are compared with the first.
let store: ProjectStore;
let cleanup: () => void;
let ds: string;

beforeAll(() => {
  ({ store, cleanup } = openTemp());
  const rnd = lcg(11);
  // Labels that the collator ties ("a"/"A", "ｂ"/"b") make the order of first appearance visible.
  const ties = ['a', 'A', 'b', 'ｂ', null];
  const rows: CellValue[][] = orderRows(6000).map((r) => {
    const copy = [...r];
    copy[6] = ties[Math.floor(rnd() * ties.length)]!;
    return copy;
  });
  ds = store.createDataset({ name: '订单', kind: 'import', source: null, columns: orderColumns() }, rows).id;
});
afterAll(() => cleanup());

const run = (spec: PivotSpecInput): Promise<PivotResult> => runPivot(store, ds, pivotSpecSchema.parse(spec));

const SPECS: PivotSpecInput[] = [
  { rows: [{ column: '地区' }], cols: [{ column: '产品类别' }], values: [{ agg: 'sum', column: '金额' }, { agg: 'count' }, { agg: 'mean', column: '数量' }, { agg: 'min', column: '金额' }, { agg: 'max', column: '金额' }] },
  { rows: [{ column: '地区' }, { column: '渠道' }], cols: [{ column: '产品类别' }], values: [{ agg: 'sum', column: '金额' }, { agg: 'count', column: '金额' }], subtotals: true },
  { rows: [{ column: '产品类别' }], cols: [{ column: '下单时间', dateGroup: 'month' }, { column: '渠道' }], values: [{ agg: 'sum', column: '数量', showAs: 'index' }] },
  { rows: [{ column: '地区' }, { column: '渠道' }, { column: '产品类别' }], cols: [], values: [{ agg: 'count' }], rowSort: { by: 'value', order: 'desc' } },
  { rows: [], cols: [{ column: '渠道' }], values: [{ agg: 'sum', column: '金额', showAs: 'pctTotal' }] },
  { rows: [{ column: '地区' }], cols: [{ column: '渠道' }], values: [{ agg: 'sum', column: '金额' }], filters: [{ kind: 'oneOf', column: 'c6', values: ['a', 'A'] }] },
];

describe('pivot: the fused dense path equals the general path', () => {
  for (const [i, spec] of SPECS.entries()) {
    it(`spec ${i + 1}`, async () => {
      const fused = await run(spec);
      const general = await run({ ...spec, values: [...spec.values, { agg: 'median', column: '金额' }] });
      expect(fused.rows.map((n) => n.path)).toEqual(general.rows.map((n) => n.path));
      expect(fused.cols.map((n) => n.path)).toEqual(general.cols.map((n) => n.path));
      expect(fused.counts).toEqual(general.counts);
      const k = spec.values.length;
      expect(fused.cells).toEqual(general.cells.map((row) => row.map((c) => c.slice(0, k))));
      expect(fused.filteredRows).toBe(general.filteredRows);
    });
  }
});
