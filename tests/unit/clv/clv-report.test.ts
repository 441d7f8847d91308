import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CellValue } from '../../../shared/contract/json';
import type { ClvFitResult } from '../../../shared/contract/clv';
import { simulateTransactions } from '../../../electron/engine/clv/simulate';
import { addDataset, openTestProject, type TestProject } from '../cluster/engine-helpers';

const START = Date.UTC(2022, 0, 1) / 86_400_000;

/** Every text cell of a sheet, joined: what a reader of the workbook sees. */
function sheetText(ws: ExcelJS.Worksheet): string {
  const out: string[] = [];
  ws.eachRow((row) => row.eachCell((cell) => out.push(String(cell.value ?? ''))));
  return out.join('\n');
}

// Charts are rendered to PNG (ECharts SVG → resvg): seconds per report on a busy machine.
describe('CLV report sheet', () => {
  let t: TestProject;
  let fit: ClvFitResult;
  beforeAll(async () => {
    t = await openTestProject();
    const rows: CellValue[][] = [];
    simulateTransactions(
      { customers: 1500, bgnbd: { r: 0.5, alpha: 20, a: 0.8, b: 2.5 }, gammaGamma: { p: 6, q: 4, gamma: 20 }, seed: 8, unitDays: 1, acquisitionDays: 120, endDay: 540 },
      (c, d, a) => rows.push([`K${c}`, (START + d) * 86_400_000, a]),
    );
    const ds = addDataset(
      t.store,
      '交易',
      [
        ['会员', 'text'],
        ['日期', 'date'],
        ['实付', 'currency'],
      ],
      rows,
    );
    fit = await t.client.call('clv.fit', { datasetId: ds, customer: '会员', date: '日期', amount: '实付', calibrationEnd: '2022-12-31', holdoutEnd: '2023-06-23' });
  });
  afterAll(() => t.close());

  it('the tiers report carries a 客户价值预测 sheet with the models, the validation and four charts', async () => {
    const path = join(t.dir, 'clv.xlsx');
    const out = await t.client.call('exports.report', { segmentationId: fit.segmentation.id, path, sheets: ['overview', 'profiles', 'clv', 'customers', 'method'] });
    expect(out.sheets).toEqual(['概览', '细分画像', '客户价值预测', '客户名单', '方法说明']);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const ws = wb.getWorksheet('客户价值预测')!;
    const text = sheetText(ws);
    for (const s of ['BG/NBD', 'Gamma-Gamma', '验证：预测与实际', 'RFM 八类 × 活跃概率', 'T1 前20%', '7+', '重要挽留客户', '2022-12-31 – 2023-06-23']) expect(text).toContain(s);
    // r's estimate sits beside its label, as a number.
    let r: CellValue = null;
    ws.eachRow((row) => {
      if (row.getCell(1).value === 'r') r = row.getCell(2).value as CellValue;
    });
    expect(r).toBeCloseTo(fit.model.bgnbd.r, 10);
    expect(ws.getImages()).toHaveLength(4);
  }, 120_000);

  it('in English too, and a report of another segmentation has no such sheet', async () => {
    const path = join(t.dir, 'clv-en.xlsx');
    const en = await t.client.call('exports.report', { segmentationId: fit.segmentation.id, path, lang: 'en', sheets: ['overview', 'clv'] });
    expect(en.sheets).toEqual(['Overview', 'Customer value']);
    const rfm8 = await t.client.call('segment.rfm8', { datasetId: fit.dataset.id, definition: { columns: { r: 'R(天)', f: 'F', m: 'M' } } });
    const other = await t.client.call('exports.report', { segmentationId: rfm8.segmentation!.id, path: join(t.dir, 'rfm.xlsx'), sheets: ['clv', 'method'] });
    expect(other.sheets).toEqual(['方法说明']);
  }, 120_000);
});
