import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { independenceTest } from '../../../electron/engine/analyze/chi-square';
import { Engine } from '../../../electron/engine/host/engine';
import { saveSegmentation } from '../../../electron/engine/store/segmentation-store';
import { chi2Warnings } from '../../../shared/analysis/chi2-warnings';
import type { CellValue } from '../../../shared/contract/json';
import { runCliOn, type CliRun } from '../../helpers/cli-run';
import { tempDir } from '../../helpers/temp';

/**
 * Issue 19, case 8: a χ² test with many small expected counts carries Cochran's warning in the
 * one cross-tab result, so the CLI text, its JSON and the report's cross-tab sheet all say it.
 */
const tmp = tempDir('kequn-chi2-warnings-');
const project = join(tmp.dir, 'p.kequn');
let engine: Engine;
let segmentationId: string;

/** Segment × city counts: A 12 北京 + 3 上海 + 1 广州, B 6 北京 + 4 上海, C 2 北京 + 2 广州. */
const TABLE: Record<string, Record<string, number>> = {
  A: { 北京: 12, 上海: 3, 广州: 1 },
  B: { 北京: 6, 上海: 4, 广州: 0 },
  C: { 北京: 2, 上海: 0, 广州: 2 },
};

/** Expected counts computed here, independently of the engine: row total × column total ÷ N. */
function cochran(): { low: number; belowOne: number; cells: number } {
  const rows = Object.values(TABLE);
  const cities = Object.keys(rows[0]!);
  const rowTot = rows.map((r) => Object.values(r).reduce((a, b) => a + b, 0));
  const colTot = cities.map((c) => rows.reduce((a, r) => a + r[c]!, 0));
  const n = rowTot.reduce((a, b) => a + b, 0);
  let low = 0;
  let belowOne = 0;
  rowTot.forEach((rt) =>
    colTot.forEach((ct) => {
      const e = (rt * ct) / n;
      if (e < 5) low++;
      if (e < 1) belowOne++;
    }),
  );
  return { low, belowOne, cells: rowTot.length * colTot.length };
}

beforeAll(async () => {
  engine = new Engine({ dataDir: join(tmp.dir, 'home'), log: () => undefined });
  const store = await engine.openProject(project, { create: true });
  const rows: CellValue[][] = [];
  for (const [seg, cities] of Object.entries(TABLE)) {
    for (const [city, n] of Object.entries(cities)) for (let i = 0; i < n; i++) rows.push([`K${rows.length + 1}`, seg, city]);
  }
  const ds = store.createDataset(
    {
      name: '客户',
      kind: 'import',
      source: null,
      columns: [
        { name: '客户编号', originalHeader: null, type: 'text' },
        { name: '细分', originalHeader: null, type: 'text' },
        { name: '城市', originalHeader: null, type: 'text' },
      ],
    },
    rows,
  );
  const names = Object.keys(TABLE);
  segmentationId = saveSegmentation(store, {
    datasetId: ds.id,
    method: 'rules',
    name: '分组',
    columnName: '分组',
    labels: rows.map((r) => String(r[1])),
    definition: { rules: [] },
    segments: names.map((name) => ({ name, count: rows.filter((r) => r[1] === name).length, share: 0, revenueShare: null, means: {}, action: '' })),
  }).id;
  engine.closeProject();
});
afterAll(() => {
  engine.dispose();
  tmp.cleanup();
});

const cli = (json: boolean, ...argv: string[]): Promise<CliRun> => runCliOn(project, json, argv);

describe('issue 19 case 8: χ² warnings wherever the statistic is shown', () => {
  const expected = cochran();

  it('the fixture breaks both parts of Cochran’s rule (checked by hand)', () => {
    expect(expected).toEqual({ low: 7, belowOne: 2, cells: 9 });
  });

  it('kequn crosstab --json carries coded warnings with the independent counts', async () => {
    const r = await cli(true, 'crosstab', '--rows-dataset', '客户', '--rows', '细分', '--cols', '城市');
    expect(r.code).toBe(0);
    const chi2 = (JSON.parse(r.out) as { chi2: { lowExpectedCells: number; belowOneCells: number; cells: number; warnings: { code: string; cells: number; of: number; zh: string; en: string }[] } }).chi2;
    expect({ low: chi2.lowExpectedCells, belowOne: chi2.belowOneCells, cells: chi2.cells }).toEqual(expected);
    expect(chi2.warnings.map((w) => [w.code, w.cells, w.of])).toEqual([
      ['CHI2_LOW_EXPECTED', expected.low, expected.cells],
      ['CHI2_EXPECTED_BELOW_ONE', expected.belowOne, expected.cells],
    ]);
    expect(chi2.warnings[0]!.zh).toContain('科克伦规则');
  });

  it('kequn crosstab prints the warnings right under the χ² line, in Chinese and English', async () => {
    for (const lang of ['zh', 'en'] as const) {
      const r = await cli(false, 'crosstab', '--rows-dataset', '客户', '--rows', '细分', '--cols', '城市', '--lang', lang);
      const lines = r.out.split('\n');
      const chi = lines.findIndex((l) => l.startsWith('χ² ='));
      expect(chi).toBeGreaterThan(0);
      expect(lines[chi + 1]).toMatch(lang === 'zh' ? /^! 注意：9 个单元格中有 7 个.*期望频数小于 5/ : /^! Caution: 7 of 9 cells .*expected count below 5/);
      expect(lines[chi + 2]).toMatch(lang === 'zh' ? /期望频数小于 1/ : /below 1/);
    }
  });

  it('a table within Cochran’s rule has no warning; exactly 20 % low is still within it', () => {
    expect(chi2Warnings(independenceTest([[20, 20], [20, 20]]))).toEqual([]);
    expect(chi2Warnings({ lowExpectedCells: 5, belowOneCells: 0, cells: 25 })).toEqual([]);
    expect(chi2Warnings({ lowExpectedCells: 6, belowOneCells: 0, cells: 25 }).map((w) => w.code)).toEqual(['CHI2_LOW_EXPECTED']);
  });

  it('the report writes the warnings next to the statistic on the cross-tab sheet and lists them', async () => {
    const out = join(tmp.dir, '报告.xlsx');
    const r = await cli(true, 'report', '--segmentation', segmentationId, '--out', out, '--crosstab', '城市', '--measure', 'count', '--sheets', 'crosstab');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.out) as { warnings: string[] };
    expect(result.warnings.some((w) => w.includes('期望频数小于 5') && w.includes('科克伦规则'))).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('偏好交叉表')!;
    const texts: string[] = [];
    ws.eachRow((row) => texts.push(String(row.getCell(1).value ?? '')));
    const chi = texts.findIndex((t) => t.startsWith('χ² ='));
    expect(chi).toBeGreaterThan(0);
    expect(texts[chi + 1]).toMatch(/^注意：9 个单元格中有 7 个（77.8%）期望频数小于 5/);
    expect(texts[chi + 2]).toMatch(/有 2 个单元格的期望频数小于 1/);
  });
});
