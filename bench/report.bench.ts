/**
 * Report and export benchmark (issue 9): a segmentation report for 100,000 customers with all
 * sheets and six charts (target < 10 s), and a 1,000,000-row dataset exported to xlsx
 * (target < 30 s, peak RSS < 600 MB) and to CSV.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../electron/engine/host/engine';
import { saveSegmentation } from '../electron/engine/store/segmentation-store';
import type { CellValue } from '../shared/contract/json';
import { peakRss, report, timeIt } from './bench-util';

const dir = mkdtempSync(join(tmpdir(), 'kequn-bench-report-'));
const engine = new Engine({ dataDir: join(dir, 'home'), log: () => undefined });
const store = engine.openProject(join(dir, 'bench.kequn'), { create: true });
const client = engine.createClient();
const SEGMENTS = ['重要价值客户', '重要发展客户', '重要保持客户', '重要挽留客户', '一般价值客户', '一般发展客户', '一般保持客户', '一般挽留客户'];

function customers(n: number): Generator<CellValue[]> {
  let seed = 42;
  const rnd = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  return (function* () {
    for (let i = 0; i < n; i++) {
      yield [`KH${String(i + 1).padStart(7, '0')}`, `客户${i + 1}`, Math.floor(rnd() * 720), 1 + Math.floor(rnd() * 20), Math.round(rnd() * 50000) / 100, Date.UTC(2024, 0, 1) + Math.floor(rnd() * 700) * 86400000];
    }
  })();
}
const columns = [
  { name: '客户编号', originalHeader: '客户编号', type: 'text' as const },
  { name: '客户名称', originalHeader: '客户名称', type: 'text' as const },
  { name: 'R', originalHeader: null, type: 'integer' as const },
  { name: 'F', originalHeader: null, type: 'integer' as const },
  { name: 'M', originalHeader: null, type: 'currency' as const },
  { name: '首次购买', originalHeader: null, type: 'date' as const },
];

// Each scenario runs in its own process so that its peak RSS is its own.
const scenario = process.argv[2];
if (!scenario) {
  const { spawnSync } = await import('node:child_process');
  const figures: Record<string, unknown> = {};
  for (const name of ['report100k', 'exportXlsx1M', 'exportCsv1M']) {
    const r = spawnSync(process.execPath, ['--expose-gc', process.argv[1]!, name], { encoding: 'utf8', maxBuffer: 1 << 24 });
    const line = r.stdout.trim().split('\n').pop() ?? '{}';
    figures[name] = r.status === 0 ? JSON.parse(line) : { failed: r.stderr.slice(-2000) };
  }
  report('report', { ...figures, targets: { report100kMs: 10_000, exportXlsx1MMs: 30_000, exportXlsx1MPeakMb: 600 } });
} else if (scenario === 'report100k') {
  const small = store.createDataset({ name: 'RFM-100k', kind: 'derived', source: 'bench', columns }, customers(100_000));
  const seg = saveSegmentation(store, {
    datasetId: small.id,
    method: 'rfm8',
    name: 'RFM-8',
    columnName: '细分',
    labels: Array.from({ length: 100_000 }, (_, i) => SEGMENTS[i % 8]!),
    definition: { threshold: 'mean' },
    segments: SEGMENTS.map((name) => ({ name, count: 0, share: 0, revenueShare: null, means: {}, action: null })),
  });
  const base = process.memoryUsage().rss / 1048576;
  const run = await peakRss(() => timeIt(() => client.call('exports.report', { segmentationId: seg.id, path: join(dir, 'report.xlsx') })));
  console.log(JSON.stringify({ ms: Math.round(run.value.ms), peakMb: Math.round(run.peakMb), baseMb: Math.round(base), images: run.value.value.images, sheets: run.value.value.sheets }));
} else {
  const big = store.createDataset({ name: 'orders-1m', kind: 'derived', source: 'bench', columns }, customers(1_000_000));
  const file = join(dir, scenario === 'exportXlsx1M' ? 'big.xlsx' : 'big.csv');
  (globalThis as { gc?: () => void }).gc?.();
  const base = process.memoryUsage().rss / 1048576;
  const run = await peakRss(() => timeIt(() => client.call('exports.dataset', { datasetId: big.id, path: file })));
  console.log(JSON.stringify({ ms: Math.round(run.value.ms), peakMb: Math.round(run.peakMb), baseMb: Math.round(base), bytes: statSync(file).size }));
}
engine.dispose();
rmSync(dir, { recursive: true, force: true });
