// RFM-8 over N synthetic transactions (default 10,000,000; SQLGEN_N to change): the app's own path
// (RFM from the transaction rows in the project file, then RFM-8 saved as a segmentation) against
// the generated DuckDB SQL for the same model on the same rows, in the same run. Both sides must
// give every customer the same label. Loading the rows (into the project, into DuckDB) is timed
// separately: a warehouse already holds them.
import { DuckDBInstance } from '@duckdb/node-api';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeRfm } from '../electron/engine/metrics/rfm';
import { runRfm8 } from '../electron/engine/segment/rfm8';
import { directWork } from '../electron/engine/segment/work';
import { generateSql } from '../electron/engine/sqlgen/generate';
import { resolveTarget } from '../electron/engine/sqlgen/request-builder';
import { ColumnReader } from '../electron/engine/store/column-reader';
import { ProjectStore } from '../electron/engine/store/project-store';
import { rfm8DefinitionSchema } from '../shared/contract/segment';
import { peakRss, report, timeIt } from './bench-util';

const N = Number(process.env.SQLGEN_N ?? 10_000_000);
const CUSTOMERS = Math.max(10, Math.floor(N / 10));
const DAY = 86_400_000;
const START = Date.UTC(2023, 0, 1);

/** Deterministic transactions: customer, wall-clock time over two years, amount (a few returns). */
function* transactions(n: number): Generator<[string, number, number]> {
  let s = 20261205;
  const next = (): number => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 4294967296;
  };
  for (let i = 0; i < n; i++) {
    // Skewed customers: a few buy often, most rarely.
    const c = Math.floor(CUSTOMERS * next() ** 2);
    const t = START + Math.floor(next() * 730) * DAY + Math.floor(next() * 86_400) * 1000;
    const a = Math.round((next() < 0.02 ? -1 : 1) * 20 * Math.exp(next() * 3) * 100) / 100;
    yield [`C${c}`, t, a];
  }
}

function isoText(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kequn-bench-sqlgen-'));
  try {
    const store = ProjectStore.open(join(dir, 'bench.kequn'), { create: true });
    const loadProject = await timeIt(() =>
      store.createDataset(
        {
          name: 'orders',
          kind: 'import',
          source: 'bench',
          columns: [
            { name: 'customer', originalHeader: null, type: 'text' },
            { name: 'paid_at', originalHeader: null, type: 'datetime' },
            { name: 'amount', originalHeader: null, type: 'decimal' },
          ],
        },
        transactions(N),
      ),
    );
    const engine = await peakRss(() =>
      timeIt(async () => {
        const rfm = await computeRfm(directWork(store), loadProject.value.id, { customer: 'customer', date: 'paid_at', amount: 'amount', returns: 'exclude' });
        const rfm8 = await runRfm8(directWork(store), { datasetId: rfm.dataset.id, preview: false, definition: rfm8DefinitionSchema.parse({}) });
        return { rfm, rfm8 };
      }),
    );
    const { rfm, rfm8 } = engine.value.value;
    const segmentationId = rfm8.segmentation!.id;
    const target = resolveTarget(store, { kind: 'segmentation', segmentationId }, { from: 'auto', columnMap: {}, asOf: 'saved' }, false);
    const sql = generateSql(target.request, 'duckdb').sql;

    // The same rows into DuckDB (a CSV file read by DuckDB's own reader), typed as a warehouse holds them.
    const csv = join(dir, 'orders.csv');
    const writeCsv = await timeIt(
      () =>
        new Promise<void>((ok, fail) => {
          const out = createWriteStream(csv);
          out.on('error', fail);
          let chunk: string[] = ['customer,paid_at,amount'];
          for (const [c, t, a] of transactions(N)) {
            chunk.push(`${c},${isoText(t)},${a}`);
            if (chunk.length === 100_000) {
              out.write(chunk.join('\n') + '\n');
              chunk = [];
            }
          }
          out.end(chunk.join('\n') + '\n', ok);
        }),
    );
    const instance = await DuckDBInstance.create(':memory:');
    const con = await instance.connect();
    const loadDuck = await timeIt(() =>
      con.run(`CREATE TABLE orders AS SELECT * FROM read_csv('${csv}', header = true, columns = {'customer': 'VARCHAR', 'paid_at': 'TIMESTAMP', 'amount': 'DOUBLE'})`),
    );
    const duck = await timeIt(() => con.run(`CREATE TABLE labels AS ${sql.trimEnd().replace(/;$/, '')}`));

    // Every customer: the SQL's label against the label column the app saved.
    const rows = (await con.runAndReadAll('SELECT customer_key, segment FROM labels')).getRowObjectsJson() as { customer_key: string; segment: string | null }[];
    const bySql = new Map(rows.map((r) => [r.customer_key, r.segment]));
    const reader = new ColumnReader(store);
    const keys = reader.category(rfm.dataset.id, 'customer');
    const labels = reader.category(rfm.dataset.id, rfm8.segmentation!.columnKey);
    let agree = 0;
    for (let i = 0; i < keys.codes.length; i++) {
      const label = labels.codes[i]! < 0 ? null : labels.labels[labels.codes[i]!]!;
      if (bySql.get(keys.labels[keys.codes[i]!]!) === label) agree++;
    }
    const version = String((await con.runAndReadAll('SELECT version() AS v')).getRowObjectsJson()[0]!.v);
    con.closeSync();
    instance.closeSync();
    store.close();
    report('sqlgen', {
      transactions: N,
      customers: rfm.dataset.rows,
      machine: '2 cores shared with other developers; one run, not repeated',
      engine: { rfmAndRfm8Ms: Math.round(engine.value.ms), peakRssMb: Math.round(engine.peakMb), path: 'metrics/rfm.ts (rows from the project file) + segment/rfm8.ts (saved with its label column)' },
      duckdb: { generatedSqlMs: Math.round(duck.ms), version },
      // Same run, same rows: how long the warehouse SQL takes relative to the app's own RFM → RFM-8.
      duckdbOverEngine: Math.round((duck.ms / engine.value.ms) * 100) / 100,
      loading: { projectMs: Math.round(loadProject.ms), csvWriteMs: Math.round(writeCsv.ms), duckdbCsvMs: Math.round(loadDuck.ms) },
      agreement: `${agree} / ${keys.codes.length}`,
      agree: agree === keys.codes.length && bySql.size === keys.codes.length,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
