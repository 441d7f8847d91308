import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pivotSpecSchema } from '../../../shared/contract/analyze';
import { crosstabReportMatrix, savedPivotMatrices } from '../../../electron/engine/analyze/report-matrices';
import { savePivot } from '../../../electron/engine/analyze/pivot-store';
import { saveSegmentation } from '../../../electron/engine/store/segmentation-store';
import type { ProjectStore } from '../../../electron/engine/store/project-store';
import type { SegmentationInfo } from '../../../shared/contract/segmentations';
import { openTemp } from './fixtures';

let store: ProjectStore;
let cleanup: () => void;
let seg: SegmentationInfo;
let orders: string;

beforeAll(() => {
  ({ store, cleanup } = openTemp());
  const customers = store.createDataset(
    { name: '客户', kind: 'import', source: null, columns: [{ name: '客户编号', originalHeader: null, type: 'text' }] },
    [['a1'], ['a2'], ['b1']],
  ).id;
  seg = saveSegmentation(store, {
    datasetId: customers,
    method: 'rules',
    name: '测试细分',
    columnName: '细分',
    labels: ['A', 'A', 'B'],
    definition: {},
    segments: [],
  });
  const rows: (string | number)[][] = [];
  for (let i = 0; i < 10; i++) rows.push(['a1', 'X', 1]);
  for (let i = 0; i < 30; i++) rows.push(['a2', 'Y', 1]);
  for (let i = 0; i < 20; i++) rows.push(['b1', 'X', 1]);
  orders = store.createDataset(
    {
      name: '订单',
      kind: 'import',
      source: null,
      columns: [
        { name: '客户编号', originalHeader: null, type: 'text' },
        { name: '类别', originalHeader: null, type: 'text' },
        { name: '金额', originalHeader: null, type: 'currency' },
      ],
    },
    rows,
  ).id;
});
afterAll(() => cleanup());

describe('analysis results as report matrices', () => {
  it('cross-tab of a segmentation: counts, row %, TGI with colour scale, χ² and preferences as notes', async () => {
    const m = await crosstabReportMatrix(store, seg, { cols: '类别', factsDatasetId: orders, join: '客户编号', measure: 'count' }, 'zh');
    expect(m.rowLabels).toEqual(['A', 'B']);
    expect(m.colLabels).toEqual(['X', 'Y']);
    expect(m.blocks[0]!.values).toEqual([
      [10, 30],
      [20, 0],
    ]);
    // TGI A×Y = (30/40) ÷ (30/60) × 100 = 150.
    expect(m.blocks[2]!.values[0]![1]).toBe(150);
    expect(m.blocks[2]!.colorScale).toBe(true);
    expect(m.notes![0]).toMatch(/^χ² = [\d.]+, df = 1, p/);
    expect(m.notes).toContain('A 偏好 Y, TGI 150');
  });

  it('saved pivots are re-run and flattened', async () => {
    savePivot(store, { name: '类别金额', datasetId: orders, pivot: pivotSpecSchema.parse({ rows: [{ column: '类别' }], values: [{ agg: 'sum', column: '金额' }] }) });
    const [m] = await savedPivotMatrices(store, orders, 'en');
    expect(m!.rowLabels).toEqual(['X', 'Y', 'Grand total']);
    expect(m!.blocks[0]!.values).toEqual([[30], [30], [60]]);
  });
});
