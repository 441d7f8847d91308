// Scoring N synthetic customers (default 1,000,000; SQLGEN_MODELS_N to change) with the models of
// issue 22, the app's own path against the generated DuckDB SQL on the same rows, in the same run:
// - k-prototypes (k = 4, fitted on the first 20,000 customers) applied with kproto.score;
// - a decision tree explaining it (fitted on the same 20,000) applied with tree.score;
// - PCA (3 components) fitted on all N, scores written with factor.save.
// Labels must agree customer by customer, scores within the check's relative 1e-9. Loading the rows
// (into the project, into DuckDB) is timed separately: a warehouse already holds them.
import { DuckDBInstance } from '@duckdb/node-api';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../electron/engine/host/engine';
import { SCORE_TOLERANCE } from '../electron/engine/sqlgen/engine-answers';
import { generateSql } from '../electron/engine/sqlgen/generate';
import { resolveTarget } from '../electron/engine/sqlgen/request-builder';
import { ColumnReader } from '../electron/engine/store/column-reader';
import { ProjectStore } from '../electron/engine/store/project-store';
import type { CellValue } from '../shared/contract/json';
import type { SqlTarget } from '../shared/contract/sql';
import { report, timeIt } from './bench-util';

const N = Number(process.env.SQLGEN_MODELS_N ?? 1_000_000);
const TRAIN = Math.min(N, 20_000);
const CITIES = ['北京', '上海', '广州', '深圳', '成都', '杭州', '武汉', '西安'];
const CHANNELS = ['app', 'web', 'store', 'phone'];
const COLUMNS = ['id', 'age', 'income', 'visits', 'spend', 'city', 'channel'] as const;

/** Deterministic customers: four planted groups, about 1% of cells missing. */
function* customers(n: number): Generator<CellValue[]> {
  let s = 20261206;
  const next = (): number => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 4294967296;
  };
  for (let i = 0; i < n; i++) {
    const g = Math.floor(next() * 4);
    const miss = (): boolean => next() < 0.0025;
    yield [
      `C${i}`,
      miss() ? null : 20 + g * 10 + Math.floor(next() * 12),
      miss() ? null : Math.round((3000 + g * 4000 + next() * 3000) * 100) / 100,
      Math.floor(next() * (3 + g * 4)),
      miss() ? null : Math.round((100 + g * g * 300) * Math.exp(next()) * 100) / 100,
      miss() ? null : CITIES[(g * 2 + Math.floor(next() * 3)) % CITIES.length]!,
      CHANNELS[next() < 0.6 ? g : Math.floor(next() * 4)]!,
    ];
  }
}

const TYPES = { id: 'text', age: 'integer', income: 'decimal', visits: 'integer', spend: 'decimal', city: 'text', channel: 'text' } as const;

function csvCell(v: CellValue): string {
  return v === null ? '' : typeof v === 'number' ? String(v) : `"${String(v)}"`;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kequn-bench-sqlmodels-'));
  const engine = new Engine({ dataDir: join(dir, 'home'), log: () => undefined });
  try {
    const store = engine.useProject(ProjectStore.open(join(dir, 'bench.kequn'), { create: true }));
    const client = engine.createClient();
    const make = (name: string, n: number): string =>
      store.createDataset({ name, kind: 'import', source: 'bench', columns: COLUMNS.map((c) => ({ name: c, originalHeader: null, type: TYPES[c] })) }, customers(n)).id;
    const loadProject = await timeIt(() => make('customers', N));
    const big = loadProject.value;
    const train = make('train', TRAIN);

    // Fit on the sample (not timed: the comparison is scoring), then the app scores all N.
    const kp = await client.call('kproto.run', { datasetId: train, k: 4, numeric: ['age', 'income', 'visits', 'spend'], categorical: ['city', 'channel'], restarts: 3 });
    const tree = await client.call('tree.fit', { segmentationId: kp.segmentation.id, columns: ['age', 'income', 'visits', 'spend', 'city', 'channel'], maxDepth: 6, minLeaf: 50 });
    const pca = await client.call('factor.run', { datasetId: big, columns: ['age', 'income', 'visits', 'spend'], method: 'pca', factors: 3 });
    const appKproto = await timeIt(() => client.call('kproto.score', { segmentationId: kp.segmentation.id, datasetId: big }));
    const appTree = await timeIt(() => client.call('tree.score', { modelId: tree.model.id, datasetId: big }));
    const appFactor = await timeIt(() => client.call('factor.save', { modelId: pca.model.id }));

    // The same rows into DuckDB, typed as a warehouse holds them.
    const csv = join(dir, 'customers.csv');
    await new Promise<void>((ok, fail) => {
      const out = createWriteStream(csv);
      out.on('error', fail);
      let chunk: string[] = [COLUMNS.join(',')];
      for (const row of customers(N)) {
        chunk.push(row.map(csvCell).join(','));
        if (chunk.length === 100_000) {
          out.write(chunk.join('\n') + '\n');
          chunk = [];
        }
      }
      out.end(chunk.join('\n') + '\n', ok);
    });
    const instance = await DuckDBInstance.create(':memory:');
    const con = await instance.connect();
    const loadDuck = await timeIt(() =>
      con.run(
        `CREATE TABLE customers AS SELECT * FROM read_csv('${csv}', header = true, columns = {'id': 'VARCHAR', 'age': 'DOUBLE', 'income': 'DOUBLE', 'visits': 'DOUBLE', 'spend': 'DOUBLE', 'city': 'VARCHAR', 'channel': 'VARCHAR'})`,
      ),
    );
    const source = { from: 'customers', table: 'customers', key: 'id', columnMap: {}, asOf: 'saved' } as const;
    const runSql = async (target: SqlTarget): Promise<{ ms: number; rows: Record<string, unknown>[] }> => {
      const sql = generateSql(resolveTarget(store, target, source, false).request, 'duckdb').sql;
      const t = await timeIt(() => con.run(`CREATE OR REPLACE TABLE scored AS ${sql.trimEnd().replace(/;$/, '')}`));
      const rows = (await con.runAndReadAll('SELECT * FROM scored')).getRowObjectsJson() as Record<string, unknown>[];
      return { ms: t.ms, rows };
    };
    const reader = new ColumnReader(store);
    const ids = reader.category(big, 'id');
    const keyOf = (i: number): string => ids.labels[ids.codes[i]!]!;
    const labelsAgree = (columnKey: string, rows: Record<string, unknown>[]): number => {
      const bySql = new Map(rows.map((r) => [String(r.customer_key), r.segment === null ? null : String(r.segment)]));
      const labels = reader.category(big, columnKey);
      let agree = 0;
      for (let i = 0; i < N; i++) if (bySql.get(keyOf(i)) === (labels.codes[i]! < 0 ? null : labels.labels[labels.codes[i]!]!)) agree++;
      return agree;
    };
    const sqlKproto = await runSql({ kind: 'segmentation', segmentationId: appKproto.value.segmentation.id });
    const kprotoAgree = labelsAgree(appKproto.value.segmentation.columnKey, sqlKproto.rows);
    const sqlTree = await runSql({ kind: 'model', modelId: tree.model.id });
    const treeAgree = labelsAgree(appTree.value.segmentation!.columnKey, sqlTree.rows);
    const sqlFactor = await runSql({ kind: 'model', modelId: pca.model.id });
    const saved = appFactor.value.savedColumns.map((c) => reader.numeric(big, c).values);
    const bySql = new Map(sqlFactor.rows.map((r) => [String(r.customer_key), appFactor.value.names.map((n) => (r[n] === null ? NaN : Number(r[n])))]));
    let factorAgree = 0;
    for (let i = 0; i < N; i++) {
      const s = bySql.get(keyOf(i));
      const same = s !== undefined && saved.every((col, f) => (Number.isNaN(col[i]!) && Number.isNaN(s[f]!)) || Math.abs(col[i]! - s[f]!) <= SCORE_TOLERANCE * Math.max(1, Math.abs(col[i]!)));
      if (same) factorAgree++;
    }
    const version = String((await con.runAndReadAll('SELECT version() AS v')).getRowObjectsJson()[0]!.v);
    con.closeSync();
    instance.closeSync();
    client.close();
    const ratio = (sql: number, app: number): number => Math.round((sql / app) * 100) / 100;
    report('sqlgen-models', {
      customers: N,
      fittedOn: { kprototypesAndTree: TRAIN, pca: N },
      machine: '2 cores shared with other developers; one run, not repeated',
      duckdb: version,
      kprototypes: { appScoreMs: Math.round(appKproto.ms), duckdbSqlMs: Math.round(sqlKproto.ms), sqlOverApp: ratio(sqlKproto.ms, appKproto.ms), agreement: `${kprotoAgree} / ${N}` },
      tree: { rules: tree.rules.length, appScoreMs: Math.round(appTree.ms), duckdbSqlMs: Math.round(sqlTree.ms), sqlOverApp: ratio(sqlTree.ms, appTree.ms), agreement: `${treeAgree} / ${N}` },
      pca: { appSaveMs: Math.round(appFactor.ms), duckdbSqlMs: Math.round(sqlFactor.ms), sqlOverApp: ratio(sqlFactor.ms, appFactor.ms), agreement: `${factorAgree} / ${N} within ${SCORE_TOLERANCE}` },
      loading: { projectMs: Math.round(loadProject.ms), duckdbCsvMs: Math.round(loadDuck.ms) },
      agree: kprotoAgree === N && treeAgree === N && factorAgree === N,
    });
  } finally {
    engine.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
