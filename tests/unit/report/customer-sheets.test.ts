import { readFileSync, statSync } from 'node:fs';
import { cellsOf } from '../../helpers/store-access';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { Engine } from '../../../electron/engine/host/engine';
import { addCustomerPlaceholders, spliceCustomerRows } from '../../../electron/engine/report/customer-sheets';
import { collectReportData } from '../../../electron/engine/report/report-data';
import { ProjectStore } from '../../../electron/engine/store/project-store';
import { getSegmentation } from '../../../electron/engine/store/segmentation-store';
import { tempDir } from '../../helpers/temp';
import { reportFixture } from './report-fixture';

const tmp = tempDir();
let engine: Engine;
let segmentationId: string;
beforeAll(async () => {
  ({ engine, segmentationId } = await reportFixture(tmp.dir));
});
afterAll(() => {
  engine.dispose();
  tmp.cleanup();
});

describe('streamed customer list', () => {
  it('splits the list across sheets at the row limit, every customer once and in order', async () => {
    const store = ProjectStore.open(join(tmp.dir, 'report.kequn'));
    try {
      const data = collectReportData(store, getSegmentation(store, segmentationId));
      const wb = new ExcelJS.Workbook();
      const first = wb.addWorksheet('封面');
      first.getCell('A1').value = '前一张表';
      let n = 0;
      // 15 rows per sheet instead of Excel's 1,048,575, so that 40 customers need three sheets.
      const plan = addCustomerPlaceholders(store, data, 'zh', () => wb.addWorksheet(n++ === 0 ? '客户名单' : `客户名单 ${n}`), 15);
      wb.addWorksheet('后一张表').getCell('B2').value = 42;
      expect(plan.rowsPerSheet).toEqual([15, 15, 10]);
      const base = join(tmp.dir, 'base.xlsx');
      const out = join(tmp.dir, 'spliced.xlsx');
      await wb.xlsx.writeFile(base);
      const counts: number[] = [];
      await spliceCustomerRows(base, statSync(base).size, out, plan, store, { progress: () => undefined, checkpoint: async () => undefined }, (w) => counts.push(w));
      expect(counts.at(-1)).toBe(40);

      const book = XLSX.read(readFileSync(out));
      expect(book.SheetNames).toEqual(['封面', '客户名单', '客户名单 2', '客户名单 3', '后一张表']);
      const lists = plan.names.map((name) => XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets[name]!, { raw: true }));
      expect(lists.map((l) => l.length)).toEqual([15, 15, 10]);
      const ids = lists.flat().map((r) => r['客户编号']);
      const expected = cellsOf(store, data.dataset.id, data.dataset.columns[0]!.key);
      expect(ids).toEqual(expected);
      expect(book.Sheets['客户名单 3']!['!autofilter']?.ref).toBe('A1:H11');
      // The other sheets are copied as they were.
      expect(book.Sheets['封面']!['A1']?.v).toBe('前一张表');
      expect(book.Sheets['后一张表']!['B2']?.v).toBe(42);
    } finally {
      store.close();
    }
  });
});
