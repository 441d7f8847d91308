import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../electron/engine/host/engine';
import { tempDir } from '../../helpers/temp';
import { INJECTIONS, reportFixture } from './report-fixture';
import { parseCsv } from '../../helpers/csv';
import { fillOperator, pdfPages } from '../../helpers/pdf-pages';
import { ZipArchive } from '../../../electron/engine/import/zip-archive';
import { statSync } from 'node:fs';

/** A second, independent reader: LibreOffice headless (package libreoffice-calc-nogui). */
const SOFFICE = process.env.KEQUN_SOFFICE ?? '/usr/bin/soffice';
const hasSoffice = existsSync(SOFFICE);
if (!hasSoffice) console.warn(`skipped: LibreOffice not found at ${SOFFICE} (apt-get install -y libreoffice-calc-nogui)`);

// CSV filter options: comma, double quote, UTF-8 (76), from line 1, …, raw values (not as
// shown), formulas as their results, and -1 = every sheet into "<name>-<sheet>.csv".
const CSV_ALL_SHEETS = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1';

function convert(dir: string, path: string, to: string, out: string): void {
  const run = spawnSync(SOFFICE, [`-env:UserInstallation=${pathToFileURL(join(dir, 'lo-profile')).href}`, '--headless', '--convert-to', to, '--outdir', out, path], {
    encoding: 'utf8',
    timeout: 90_000,
  });
  expect(run.status, run.stderr).toBe(0);
}

/** The parts of an .xlsx package whose names match, as text. */
async function parts(path: string, name: RegExp): Promise<Map<string, string>> {
  const zip = await ZipArchive.open(path, statSync(path).size);
  const out = new Map<string, string>();
  for (const e of zip.entries.values()) if (name.test(e.name)) out.set(e.name, (await zip.read(e, 64 * 1024 * 1024)).toString('utf8'));
  return out;
}

/** First series colour of every native chart (the UI palette's blue) and the doughnut's second slice. */
const SERIES_BLUE = '#2F6FDE';
const SLICE_ORANGE = '#E8684A';

describe.skipIf(!hasSoffice)('the report opens cleanly in LibreOffice', () => {
  const tmp = tempDir();
  let engine: Engine;
  let segmentationId: string;
  let datasetId: string;
  beforeAll(async () => {
    ({ engine, segmentationId, datasetId } = await reportFixture(tmp.dir));
  });
  afterAll(() => {
    engine.dispose();
    tmp.cleanup();
  });

  it('converts every sheet to CSV with the KPIs, the customer list and injections as plain text', async () => {
    const path = join(tmp.dir, 'lo-report.xlsx');
    const result = await engine.createClient().call('exports.report', { segmentationId, path });
    const out = join(tmp.dir, 'lo');
    const run = spawnSync(SOFFICE, [`-env:UserInstallation=${pathToFileURL(join(tmp.dir, 'lo-profile')).href}`, '--headless', '--convert-to', CSV_ALL_SHEETS, '--outdir', out, path], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status, run.stderr).toBe(0);
    for (const sheet of result.sheets) expect(existsSync(join(out, `lo-report-${sheet}.csv`)), sheet).toBe(true);

    const overview = parseCsv(readFileSync(join(out, 'lo-report-概览.csv'), 'utf8'));
    const header = overview.findIndex((r) => r[0] === '细分');
    expect(overview[header]!.slice(0, 3)).toEqual(['细分', '客户数', '客户占比']);
    const kpis = overview.slice(header + 1, header + 5);
    expect(kpis.map((r) => r[0])).toEqual(['重要价值客户', '一般发展客户', '重要挽留客户', '一般挽留客户']);
    expect(kpis.map((r) => Number(r[1]))).toEqual([10, 10, 10, 10]);
    expect(overview.find((r) => r[0] === '客户数')?.[1]).toBe('40');

    const customers = parseCsv(readFileSync(join(out, 'lo-report-客户名单.csv'), 'utf8'));
    expect(customers[0]!.slice(0, 2)).toEqual(['客户编号', '客户名称']);
    expect(customers.slice(1).filter((r) => r[0]!.startsWith('KH'))).toHaveLength(40);
    // LibreOffice evaluates formulas on load: text that stayed text comes back verbatim.
    const names = customers.slice(1).map((r) => r[1]);
    for (const inj of INJECTIONS) expect(names).toContain(inj);
  }, 90_000);

  it('reads a streamed dataset export split across sheets: every row, dates and injections as text', async () => {
    const { exportDataset } = await import('../../../electron/engine/report/dataset-export');
    const path = join(tmp.dir, 'lo-export.xlsx');
    const noop = { progress: () => undefined, checkpoint: async () => undefined };
    const res = await exportDataset(engine.currentProject!, { datasetId, path, format: 'xlsx', rowsPerSheet: 25 }, noop, { openProject: engine.currentProject!.path, dataDir: tmp.dir });
    expect(res.sheets).toBe(2);
    const out = join(tmp.dir, 'lo-x');
    const run = spawnSync(SOFFICE, [`-env:UserInstallation=${pathToFileURL(join(tmp.dir, 'lo-profile')).href}`, '--headless', '--convert-to', CSV_ALL_SHEETS, '--outdir', out, path], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status, run.stderr).toBe(0);
    const first = parseCsv(readFileSync(join(out, 'lo-export-RFM-测试.csv'), 'utf8'));
    const second = parseCsv(readFileSync(join(out, 'lo-export-RFM-测试 2.csv'), 'utf8'));
    expect(first[0]).toEqual(['客户编号', '客户名称', 'R', 'F', 'M', '首次购买', '细分']);
    const rows = [...first.slice(1), ...second.slice(1)].filter((r) => r[0]!.startsWith('KH'));
    expect(rows).toHaveLength(40);
    expect(rows[6]).toEqual(['KH007', '客户7', '42', '1', '325', '2024-07-07', '重要挽留客户']);
    for (const inj of INJECTIONS) expect(rows.map((r) => r[1])).toContain(inj);
  }, 90_000);

  it('converts the report to PDF with the native charts drawn, bound to the overview table', async () => {
    const path = join(tmp.dir, 'lo-charts.xlsx');
    const result = await engine.createClient().call('exports.report', { segmentationId, path, sheets: ['overview', 'method'] });
    expect(result.charts).toBe(6);
    const charts = await parts(path, /^xl\/charts\/chart\d+\.xml$/);
    expect(charts.size).toBe(6);
    const xml = [...charts.values()].join('');
    // Bound to the KPI table's cells (categories A11:A14, counts B11:B14), with a CJK font.
    expect(xml).toContain("<c:f>'概览'!$A$11:$A$14</c:f>");
    expect(xml).toContain("<c:f>'概览'!$B$11:$B$14</c:f>");
    expect(xml).toContain('<a:ea typeface="Microsoft YaHei"/>');
    for (const kind of ['barChart', 'doughnutChart', 'radarChart']) expect(xml).toContain(`<c:${kind}>`);

    const out = join(tmp.dir, 'lo-pdf');
    convert(tmp.dir, path, 'pdf', out);
    const pages = pdfPages(readFileSync(join(out, 'lo-charts.pdf')));
    const blue = fillOperator(SERIES_BLUE);
    const chartPages = pages.filter((p) => blue.test(p.content));
    // Three bands of two charts, a page break above each later band: three pages with charts.
    expect(chartPages.length).toBe(3);
    expect(pages.filter((p) => fillOperator(SLICE_ORANGE).test(p.content)).length).toBeGreaterThanOrEqual(1);
    expect(pages.length).toBeGreaterThan(chartPages.length);

    // The picture fallback paints no vector bars: the check above really sees the native charts.
    const images = join(tmp.dir, 'lo-images.xlsx');
    const pictured = await engine.createClient().call('exports.report', { segmentationId, path: images, sheets: ['overview'], charts: 'images' });
    expect(pictured).toMatchObject({ charts: 0, images: 6 });
    expect((await parts(images, /^xl\/charts\//)).size).toBe(0);
    convert(tmp.dir, images, 'pdf', out);
    expect(pdfPages(readFileSync(join(out, 'lo-images.pdf'))).filter((p) => blue.test(p.content))).toHaveLength(0);
  }, 180_000);
});
