import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../electron/engine/host/engine';
import { tempDir } from '../tests/helpers/temp';
import { report, timeIt } from './bench-util';
import { createGridProject, GRID_COLUMNS, gridRows } from './grid-data';
import { referenceTable } from './sql-reference';

/**
 * The grid benchmark. Engine part: rows.page on a 1,000,000-row dataset, first and deep pages,
 * natural order vs sorted and filtered views, compared in the same run with a plain OFFSET query
 * on a separate SQLite file loaded with the same rows (bench/sql-reference.ts).
 * Browser part (needs Chromium and a build: node scripts/build.mjs --engine --renderer): grid-browser.ts.
 * Usage: npm run bench -- grid [rows] [--engine-only]
 */
const N = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 1_000_000);
const tmp = tempDir('kequn-grid-bench-');
const path = join(tmp.dir, 'grid.kequn');
// Two shared cores: the load average says how much other work the figures competed with.
const figures: Record<string, unknown> = { rows: N, loadAverageAtStart: loadavg().map((x) => Math.round(x * 10) / 10) };
try {
  const created = await timeIt(() => createGridProject(path, N));
  figures.generateMs = round(created.ms);
  const datasetId = created.value;
  // The baselines' reference engine: datasets are column data now, so the plain OFFSET queries
  // run on a separate SQLite file holding the same rows in the layout datasets had as tables
  // (_row, c0…c7). Loaded before the engine starts, so it does not interrupt the timed pages.
  const ref = referenceTable(join(tmp.dir, 'reference.db'), GRID_COLUMNS.length, gridRows(N));
  const { db, table } = ref;

  const engine = new Engine({ dataDir: join(tmp.dir, 'home'), log: () => undefined });
  const client = engine.createClient();
  await client.call('project.open', { path });
  const page = (offset: number, extra: Record<string, unknown> = {}) =>
    timeIt(() => client.call('rows.page', { datasetId, offset, limit: 100, ...extra } as never));

  const engineFigures: Record<string, number> = {};
  engineFigures.firstPageMs = round((await page(0)).ms);
  engineFigures.deepPageNaturalMs = round((await page(N - 100)).ms);
  engineFigures.midPageNaturalMs = round((await page(Math.floor(N / 2))).ms);

  // Baseline: what a plain LIMIT/OFFSET query costs for the same deep pages.
  engineFigures.baselineOffsetNaturalDeepMs = round((await timeIt(() => db.prepare(`SELECT * FROM ${table} LIMIT 100 OFFSET ?`).all(N - 100))).ms);

  const sortAmount = { sort: [{ column: 'c3', dir: 'desc' }] };
  engineFigures.sortFirstWithIndexBuildMs = round((await page(0, sortAmount)).ms);
  engineFigures.sortedDeepPageMs = round((await page(N - 100, sortAmount)).ms);
  engineFigures.sortedRandomPageMs = round((await page(Math.floor(N * 0.37), sortAmount)).ms);
  engineFigures.baselineOffsetSortedDeepMs = round(
    (await timeIt(() => db.prepare(`SELECT * FROM ${table} ORDER BY c3 DESC LIMIT 100 OFFSET ?`).all(N - 100))).ms,
  );
  ref.close();
  // A new view on the now indexed column (different direction = new cached order).
  engineFigures.sortIndexedNewViewMs = round((await page(0, { sort: [{ column: 'c3', dir: 'asc' }] })).ms);
  engineFigures.sortTwoColumnsWithIndexBuildMs = round((await page(0, { sort: [{ column: 'c2', dir: 'asc' }, { column: 'c4', dir: 'desc' }] })).ms);
  engineFigures.sortTwoColumnsIndexedMs = round((await page(0, { sort: [{ column: 'c2', dir: 'desc' }, { column: 'c4', dir: 'asc' }] })).ms);

  // Text sorts in pinyin order: the city column (20 values) and the name column (~400 values).
  engineFigures.sortTextPinyinCityMs = round((await page(0, { sort: [{ column: 'c2', dir: 'desc' }] })).ms);
  engineFigures.sortTextPinyinNameWithIndexBuildMs = round((await page(0, { sort: [{ column: 'c1', dir: 'asc' }] })).ms);
  engineFigures.sortTextPinyinNameMs = round((await page(0, { sort: [{ column: 'c1', dir: 'desc' }] })).ms);
  const filterCity = { filters: [{ kind: 'oneOf', column: 'c2', values: ['北京', '上海'] }] };
  engineFigures.filterOneOfIndexedMs = round((await page(0, filterCity)).ms);
  engineFigures.filteredDeepPageMs = round((await page(80_000, filterCity)).ms);
  engineFigures.filterRangeIndexedMs = round((await page(0, { filters: [{ kind: 'numberRange', column: 'c4', min: 10, max: 20 }] })).ms);
  engineFigures.filterContainsMs = round((await page(0, { filters: [{ kind: 'text', column: 'c1', op: 'contains', value: '伟' }] })).ms);
  engineFigures.sortPlusFilterMs = round((await page(0, { ...filterCity, sort: [{ column: 'c3', dir: 'asc' }] })).ms);
  engineFigures.distinctCityMs = round((await timeIt(() => client.call('rows.distinct', { datasetId, column: 'c2' }))).ms);
  engineFigures.distinctIdFirst1000Ms = round((await timeIt(() => client.call('rows.distinct', { datasetId, column: 'c0', limit: 1000 }))).ms);
  engineFigures.statsAmountMs = round((await timeIt(() => client.call('rows.stats', { datasetId, column: 'c3' }))).ms);
  engineFigures.findLastRowMs = round((await timeIt(() => client.call('rows.find', { datasetId, text: `C${String(N).padStart(7, '0')}` }))).ms);
  figures.engine = engineFigures;

  client.close();
  engine.dispose();

  if (!process.argv.includes('--engine-only')) {
    // The e2e harness finds the repository from __dirname, which an ESM bundle lacks.
    (globalThis as { __dirname?: string }).__dirname ??= join(process.cwd(), 'tests', 'e2e');
    const { runBrowserBench } = await import('./grid-browser');
    figures.browser = await runBrowserBench(path, N);
  }
  figures.loadAverageAtEnd = loadavg().map((x) => Math.round(x * 10) / 10);
  report('grid', figures);
} finally {
  tmp.cleanup();
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
