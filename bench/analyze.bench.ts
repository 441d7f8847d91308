// Pivot and cross-tab over 1,000,000 rows (2 keys, sum + count), warm, compared in the same run
// with SQLite GROUP BY (without and with a covering index) over a separate SQLite file loaded
// with the same rows (bench/sql-reference.ts) and, when installed, DuckDB (@duckdb/node-api, a
// benchmark-only dev dependency). Run: npm run bench -- analyze [rows]
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { pivotSpecSchema, crosstabSpecSchema } from '../shared/contract/analyze';
import { runCrosstab } from '../electron/engine/analyze/crosstab';
import { runPivot } from '../electron/engine/analyze/pivot';
import { ProjectStore } from '../electron/engine/store/project-store';
import { tempDir } from '../tests/helpers/temp';
import { report, timeIt } from './bench-util';
import { referenceTable } from './sql-reference';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const SEGMENTS = ['重要价值客户', '重要发展客户', '重要保持客户', '重要挽留客户', '一般价值客户', '一般发展客户', '一般保持客户', '一般挽留客户'];
const CATEGORIES = ['办公用品', '家具', '电子产品', '耗材', '软件服务', '礼品'];

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

function* rows(): Generator<[string, string, number]> {
  const rnd = lcg(42);
  for (let i = 0; i < ROWS; i++) {
    yield [SEGMENTS[Math.floor(rnd() * 8)]!, CATEGORIES[Math.floor(rnd() * 6)]!, Math.round(rnd() * 500_000) / 100];
  }
}

async function median(runs: number, fn: () => unknown): Promise<{ medianMs: number; minMs: number }> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) ms.push((await timeIt(fn)).ms);
  ms.sort((a, b) => a - b);
  return { medianMs: round(ms[Math.floor(ms.length / 2)]!), minMs: round(ms[0]!) };
}
const round = (x: number): number => Math.round(x * 10) / 10;

interface DuckLike {
  DuckDBInstance: { create(path: string): Promise<{ connect(): Promise<DuckConn>; closeSync?: () => void }> };
}
interface DuckConn {
  run(sql: string): Promise<unknown>;
  runAndReadAll(sql: string): Promise<{ getRows(): unknown[][] }>;
  closeSync?: () => void;
}

async function duckdb(csvPath: string): Promise<Record<string, unknown>> {
  let mod: DuckLike;
  try {
    mod = (await import('@duckdb/node-api' as string)) as DuckLike;
  } catch {
    const message = 'skipped: @duckdb/node-api is not installed (npm i -D @duckdb/node-api to take this figure)';
    console.log(message);
    return { skipped: message };
  }
  const instance = await mod.DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  const load = await timeIt(() => conn.run(`CREATE TABLE t AS SELECT * FROM read_csv('${csvPath.replace(/'/g, "''")}', header = true, columns = {'seg': 'VARCHAR', 'cat': 'VARCHAR', 'amount': 'DOUBLE'})`));
  const sql = 'SELECT seg, cat, sum(amount), count(*) FROM t GROUP BY seg, cat';
  let groups = 0;
  await conn.runAndReadAll(sql); // warm-up
  const warm = await median(7, async () => {
    groups = (await conn.runAndReadAll(sql)).getRows().length;
  });
  conn.closeSync?.();
  instance.closeSync?.();
  return { loadMs: round(load.ms), groups, ...warm };
}

async function main(): Promise<void> {
  const tmp = tempDir('kequn-bench-analyze-');
  try {
    const store = ProjectStore.open(join(tmp.dir, 'bench.kequn'), { create: true });
    const created = await timeIt(() =>
      store.createDataset(
        {
          name: 'orders',
          kind: 'import',
          source: null,
          columns: [
            { name: 'segment', originalHeader: null, type: 'text' },
            { name: 'category', originalHeader: null, type: 'text' },
            { name: 'amount', originalHeader: null, type: 'currency' },
          ],
        },
        rows(),
      ),
    );
    const ds = created.value.id;

    const pivotSpec = pivotSpecSchema.parse({ rows: [{ column: 'segment' }], cols: [{ column: 'category' }], values: [{ agg: 'sum', column: 'amount' }, { agg: 'count' }] });
    const cold = await timeIt(() => runPivot(store, ds, pivotSpec));
    const pivot = await median(15, () => runPivot(store, ds, pivotSpec));
    const crossSpec = crosstabSpecSchema.parse({ datasetId: ds, rows: { column: 'segment' }, cols: { column: 'category' }, measure: { kind: 'sum', column: 'amount' } });
    await runCrosstab(store, crossSpec);
    const crosstab = await median(15, () => runCrosstab(store, crossSpec));

    // The reference engine: plain SQLite on its own file holding the same rows (datasets are
    // column data now, not tables SQL can group), warm, as the project table used to be.
    const ref = referenceTable(join(tmp.dir, 'reference.db'), 3, rows());
    const { db, table } = ref;
    const groupBy = db.prepare(`SELECT c0, c1, sum(c2), count(*) FROM ${table} GROUP BY c0, c1`);
    groupBy.all();
    const sqlite = await median(3, () => groupBy.all());
    db.exec(`CREATE INDEX bench_idx ON ${table} (c0, c1, c2)`);
    const groupByIdx = db.prepare(`SELECT c0, c1, sum(c2), count(*) FROM ${table} GROUP BY c0, c1`);
    groupByIdx.all();
    const sqliteIndexed = await median(3, () => groupByIdx.all());

    // Same data for DuckDB, as CSV (read by DuckDB itself, no API differences between versions).
    const csvPath = join(tmp.dir, 'orders.csv');
    const lines = ['seg,cat,amount'];
    for (const [s, c, a] of rows()) lines.push(`${s},${c},${a}`);
    writeFileSync(csvPath, lines.join('\n'));
    const duck = await duckdb(csvPath);

    // Sanity: all engines agree on the grand total.
    const sqlTotal = db.prepare(`SELECT sum(c2) FROM ${table}`).pluck().get() as number;
    const ours = (await runPivot(store, ds, pivotSpec)).cells[0]![0]![0]!;
    ref.close();
    store.close();
    report('analyze', {
      rows: ROWS,
      keys: 2,
      values: 'sum + count',
      importMs: round(created.ms),
      sqliteReferenceLoadMs: round(ref.loadMs),
      pivotColdMs: round(cold.ms),
      pivotWarm: pivot,
      crosstabWarm: crosstab,
      sqliteGroupBy: sqlite,
      sqliteGroupByCoveringIndex: sqliteIndexed,
      duckdb: duck,
      // Other processes share these cores: the load average says how noisy the medians are.
      loadAverage: loadavg().map((x) => Math.round(x * 100) / 100),
      totalsAgree: Math.abs(sqlTotal - ours) < 1e-6 * Math.abs(sqlTotal),
    });
  } finally {
    tmp.cleanup();
  }
}

await main();
