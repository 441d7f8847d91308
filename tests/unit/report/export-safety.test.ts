import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { Engine } from '../../../electron/engine/host/engine';
import { csvSafeText, looksLikeFormula } from '../../../shared/format/formula-guard';
import { tempDir } from '../../helpers/temp';
import { INJECTIONS, reportFixture } from './report-fixture';
import { parseCsv } from '../../helpers/csv';

/**
 * One place that checks every exporter against formula injection: data cells such as
 * =HYPERLINK(…), +cmd, @SUM(1), -2+3, a leading tab or a full-width ＝ must come back as text.
 */
const tmp = tempDir();
let engine: Engine;
let datasetId: string;
let segmentationId: string;
const key: Record<string, string> = {};

beforeAll(async () => {
  ({ engine, datasetId, segmentationId } = await reportFixture(tmp.dir));
  const ds = await engine.createClient().call('datasets.get', { datasetId });
  for (const c of ds.columns) key[c.name] = c.key;
});
afterAll(() => {
  engine.dispose();
  tmp.cleanup();
});

/** Every cell of every sheet: none carries a formula, and every injection string is there as text. */
function expectXlsxText(path: string): void {
  const wb = XLSX.read(readFileSync(path), { cellFormula: true });
  const cells = wb.SheetNames.flatMap((n) => {
    const ws = wb.Sheets[n]!;
    return Object.keys(ws)
      .filter((k) => !k.startsWith('!'))
      .map((k) => ws[k] as XLSX.CellObject);
  });
  expect(cells.filter((c) => c.f !== undefined)).toEqual([]);
  const texts = new Set(cells.filter((c) => c.t === 's').map((c) => String(c.v).trim()));
  for (const inj of INJECTIONS) expect(texts.has(inj.trim()), `${path}: ${inj}`).toBe(true);
}

/** No field may start like a formula unless it is a plain number; the injections come back with a leading apostrophe. */
function expectCsvText(path: string): void {
  const fields = parseCsv(readFileSync(path, 'utf8')).flat();
  const dangerous = fields.filter((f) => /^[=+\-@\t\r＝＋－＠]/.test(f) && !/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(f));
  expect(dangerous).toEqual([]);
  for (const inj of INJECTIONS) expect(fields.some((f) => f.trim() === `'${inj}`.trim()), `${path}: ${inj}`).toBe(true);
}

describe('no data value becomes a formula, in any exporter', () => {
  it('the shared guard marks exactly the formula-like starts', () => {
    for (const inj of INJECTIONS) expect(looksLikeFormula(inj), inj).toBe(true);
    for (const ok of ['客户', 'KH001', '1,200', ' =x', '', "'=x"]) expect(looksLikeFormula(ok), ok).toBe(false);
    expect(csvSafeText('=1+1')).toBe("'=1+1");
  });

  it('dataset export: xlsx and csv (also for a filtered, sorted view)', async () => {
    const client = engine.createClient();
    const xlsx = join(tmp.dir, 'ds.xlsx');
    const csv = join(tmp.dir, 'ds.csv');
    const view = { sort: [{ column: key['客户名称']!, dir: 'desc' as const }], filters: [{ kind: 'numberRange' as const, column: key['F']!, min: 0, max: null }] };
    await client.call('exports.dataset', { datasetId, path: xlsx, ...view });
    await client.call('exports.dataset', { datasetId, path: csv, ...view });
    expectXlsxText(xlsx);
    expectCsvText(csv);
  });

  it('segmentation report: every sheet', async () => {
    const path = join(tmp.dir, 'report.xlsx');
    await engine.createClient().call('exports.report', { segmentationId, path, crosstab: { cols: { column: key['客户名称']! }, measure: { kind: 'count' } } });
    expectXlsxText(path);
  });

  it('pivot export: labels from the data, xlsx and csv', async () => {
    const client = engine.createClient();
    const spec = { rows: [{ column: key['客户名称']! }], values: [{ agg: 'count' as const }] };
    const xlsx = join(tmp.dir, 'pivot.xlsx');
    const csv = join(tmp.dir, 'pivot.csv');
    await client.call('exports.pivot', { datasetId, spec, path: xlsx });
    await client.call('exports.pivot', { datasetId, spec, path: csv });
    expectXlsxText(xlsx);
    expectCsvText(csv);
    // The analysis view's own CSV (pivots.export, and the same text the pivot view downloads).
    const analysisCsv = join(tmp.dir, 'pivot-analysis.csv');
    await client.call('pivots.export', { datasetId, spec, path: analysisCsv, format: 'csv' });
    expectCsvText(analysisCsv);
  });

  it('cross-tab export: column labels from the data, xlsx and csv', async () => {
    const client = engine.createClient();
    const spec = { datasetId, rows: { column: key['细分']! }, cols: { column: key['客户名称']! } };
    const xlsx = join(tmp.dir, 'crosstab.xlsx');
    const csv = join(tmp.dir, 'crosstab.csv');
    await client.call('exports.crosstab', { spec, path: xlsx });
    await client.call('exports.crosstab', { spec, path: csv });
    expectXlsxText(xlsx);
    expectCsvText(csv);
  });
});
