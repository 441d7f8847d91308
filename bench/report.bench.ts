// Report and export benchmark. (1) A segmentation report with every sheet, six charts and a
// preference cross-tab for REPORT_N customers (default 100,000; target < 10 s). (2) Export of
// EXPORT_N rows (default 1,000,000) to .xlsx (target < 30 s, peak RSS < 600 MB), and in the same
// run to .csv and a filtered + sorted view to .xlsx, all through the engine's handlers; baseline:
// the same rows through ExcelJS's streaming writer (last, as it keeps the sheet's XML in memory).
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { Engine } from '../electron/engine/host/engine';
import { rowChunks } from '../electron/engine/store/row-chunks';
import type { ProjectStore } from '../electron/engine/store/project-store';
import { runRfm8 } from '../electron/engine/segment/rfm8';
import { directWork } from '../electron/engine/segment/work';
import { rfm8DefinitionSchema } from '../shared/contract/segment';
import { peakRss, report, timeIt } from './bench-util';

/** RSS after a full GC: what the process holds before a step starts. */
function settledRssMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return Math.round(process.memoryUsage().rss / 1048576);
}

const REPORT_N = Number(process.env.REPORT_N ?? 100_000);
const EXPORT_N = Number(process.env.EXPORT_N ?? 1_000_000);
const CITIES = ['北京', '上海', '广州', '深圳', '杭州', '成都', '武汉', '西安'];
const DAY = 86_400_000;

function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 4294967296;
  };
}

function* customers(n: number): Generator<(string | number)[]> {
  const next = rng(20261123);
  for (let i = 0; i < n; i++) {
    const f = 1 + Math.floor(-Math.log(1 - next()) * 2);
    const m = Math.round(f * 80 * Math.exp(next() * 2) * 100) / 100;
    yield [`C${String(i).padStart(7, '0')}`, `客户${i}`, CITIES[Math.floor(next() * CITIES.length)]!, Math.floor(next() * 730), f, m, Date.UTC(2020, 0, 1) + Math.floor(next() * 1500) * DAY];
  }
}

const COLUMNS = [
  { name: '客户编号', originalHeader: null, type: 'text' as const },
  { name: '客户名称', originalHeader: null, type: 'text' as const },
  { name: '城市', originalHeader: null, type: 'text' as const },
  { name: 'R', originalHeader: null, type: 'integer' as const },
  { name: 'F', originalHeader: null, type: 'integer' as const },
  { name: 'M', originalHeader: null, type: 'currency' as const },
  { name: '首次购买', originalHeader: null, type: 'date' as const },
];

/** Baseline: the same rows through ExcelJS's streaming writer (what the export used before). */
async function excelJsBaseline(store: ProjectStore, datasetId: string, keys: string[], path: string): Promise<number> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet('baseline');
  let n = 0;
  // Read as the export reads (rowChunks over a snapshot), so only the writer differs.
  for (const rows of rowChunks(store.snapshot(datasetId), keys, null)) {
    for (const r of rows) ws.addRow(r).commit();
    n += rows.length;
    await new Promise((ok) => setImmediate(ok));
  }
  await ws.commit();
  await wb.commit();
  return n;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kequn-bench-report-'));
  const engine = new Engine({ dataDir: join(dir, 'home'), log: () => undefined });
  try {
    const store = await engine.openProject(join(dir, 'bench.kequn'), { create: true });
    const client = engine.createClient();
    const small = store.createDataset({ name: '客户RFM', kind: 'derived', source: 'bench', columns: COLUMNS }, customers(REPORT_N));
    const seg = await runRfm8(directWork(store), { datasetId: small.id, preview: false, definition: rfm8DefinitionSchema.parse({}) });
    const segmentationId = seg.segmentation!.id;
    const reportPath = join(dir, 'report.xlsx');
    const full = await peakRss(() => timeIt(() => client.call('exports.report', { segmentationId, path: reportPath, crosstab: { cols: { column: '城市' }, measure: { kind: 'count' } } })));

    const big = (await timeIt(() => store.createDataset({ name: '订单', kind: 'derived', source: 'bench', columns: COLUMNS }, customers(EXPORT_N)))).value;
    const xlsxPath = join(dir, 'big.xlsx');
    const beforeXlsx = settledRssMb();
    const xlsx = await peakRss(() => timeIt(() => client.call('exports.dataset', { datasetId: big.id, path: xlsxPath })));
    const csvPath = join(dir, 'big.csv');
    const beforeCsv = settledRssMb();
    const csv = await peakRss(() => timeIt(() => client.call('exports.dataset', { datasetId: big.id, path: csvPath })));
    const key = (name: string): string => big.columns.find((c) => c.name === name)!.key;
    const viewPath = join(dir, 'view.xlsx');
    const view = await peakRss(() =>
      timeIt(() =>
        client.call('exports.dataset', {
          datasetId: big.id,
          path: viewPath,
          sort: [{ column: key('M'), dir: 'desc' }],
          filters: [{ kind: 'oneOf', column: key('城市'), values: ['北京', '上海', '广州', '深圳'] }],
        }),
      ),
    );
    const basePath = join(dir, 'baseline.xlsx');
    const beforeBase = settledRssMb();
    const base = await peakRss(() => timeIt(() => excelJsBaseline(store, big.id, big.columns.map((c) => c.key), basePath)));
    const mb = (p: string): number => Math.round((statSync(p).size / 1048576) * 10) / 10;
    report('report', {
      report: {
        customers: REPORT_N,
        sheets: full.value.value.sheets,
        images: full.value.value.images,
        ms: Math.round(full.value.ms),
        targetMs: 10_000,
        peakRssMb: Math.round(full.peakMb),
        fileMb: mb(reportPath),
      },
      exportXlsx: { rows: xlsx.value.value.rows, sheets: xlsx.value.value.sheets, ms: Math.round(xlsx.value.ms), targetMs: 30_000, rssBeforeMb: beforeXlsx, peakRssMb: Math.round(xlsx.peakMb), targetRssMb: 600, fileMb: mb(xlsxPath) },
      baselineExcelJsStreamXlsx: { rows: base.value.value, ms: Math.round(base.value.ms), rssBeforeMb: beforeBase, peakRssMb: Math.round(base.peakMb), fileMb: mb(basePath) },
      exportCsv: { rows: csv.value.value.rows, ms: Math.round(csv.value.ms), rssBeforeMb: beforeCsv, peakRssMb: Math.round(csv.peakMb), fileMb: mb(csvPath) },
      exportFilteredSortedXlsx: { rows: view.value.value.rows, ms: Math.round(view.value.ms), peakRssMb: Math.round(view.peakMb), fileMb: mb(viewPath) },
    });
  } finally {
    engine.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
