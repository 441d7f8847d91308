// Rule-segmentation benchmark on N synthetic customers (default 1,000,000; SEGMENT_N to change).
// Times the production paths end to end (read columns → label → write the label column and the
// record in one transaction) and, in the same run, the same RFM-8 labels written by one plain
// SQLite statement (ALTER TABLE + UPDATE … CASE against AVG sub-queries) as the baseline, on a
// separate SQLite file loaded with the same customers; the two must agree on every segment count.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeRfm8, runRfm8 } from '../electron/engine/segment/rfm8';
import { runPareto } from '../electron/engine/segment/pareto';
import { runRules } from '../electron/engine/segment/rules';
import { migrationMatrix } from '../electron/engine/segment/segment-migration';
import { directWork, type SegmentWork } from '../electron/engine/segment/work';
import { ProjectStore } from '../electron/engine/store/project-store';
import { rfm8DefinitionSchema, paretoDefinitionSchema } from '../shared/contract/segment';
import { peakRss, report, timeIt } from './bench-util';
import { referenceTable } from './sql-reference';

const N = Number(process.env.SEGMENT_N ?? 1_000_000);

/** Deterministic skewed customers: recency 0–730 days, orders 1–30 (mostly 1–3), amounts log-normal-ish. */
function* customers(n: number): Generator<(string | number)[]> {
  let s = 20261123;
  const next = (): number => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 4294967296;
  };
  for (let i = 0; i < n; i++) {
    const f = 1 + Math.floor(-Math.log(1 - next()) * 2);
    yield [`C${i}`, Math.floor(next() * 730), f, Math.round(f * 80 * Math.exp(next() * 2) * 100) / 100];
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kequn-bench-segment-'));
  try {
    const store = ProjectStore.open(join(dir, 'bench.kequn'), { create: true });
    const build = await timeIt(() =>
      store.createDataset(
        {
          name: '客户RFM',
          kind: 'derived',
          source: 'bench',
          columns: [
            { name: '客户', originalHeader: null, type: 'text' },
            { name: 'R', originalHeader: null, type: 'integer' },
            { name: 'F', originalHeader: null, type: 'integer' },
            { name: 'M', originalHeader: null, type: 'decimal' },
          ],
        },
        customers(N),
      ),
    );
    const ds = build.value.id;
    // One Work per call, as the engine gives each contract call its own (bound project, one commit).
    const work = (): SegmentWork => directWork(store);
    const def = rfm8DefinitionSchema.parse({});
    const preview = await timeIt(() => computeRfm8(work(), ds, def));
    const saved = await peakRss(() => timeIt(() => runRfm8(work(), { datasetId: ds, preview: false, definition: def })));
    const median = await timeIt(() => runRfm8(work(), { datasetId: ds, preview: false, definition: { ...def, threshold: 'median' }, name: '中位数' }));

    // Baseline: the same labels from one SQL statement (what a hand-written SQLite script does):
    // M decides 重要/一般, R and F decide 价值/发展/保持/挽留, all against the column means.
    // Datasets are column data now, so the statement runs on a reference SQLite file holding the
    // same customers in the layout datasets had as tables (_row, c0…c3).
    const ref = referenceTable(join(dir, 'reference.db'), 4, customers(N));
    const { db, table } = ref;
    const avg = (c: string): string => `(SELECT avg(${c}) FROM ${table})`;
    const sql = await timeIt(() => {
      db.transaction(() => {
        db.exec(`ALTER TABLE ${table} ADD COLUMN sql_label`);
        db.exec(`UPDATE ${table} SET sql_label =
          (CASE WHEN c3 > ${avg('c3')} THEN '重要' ELSE '一般' END) ||
          (CASE WHEN c1 < ${avg('c1')} THEN (CASE WHEN c2 > ${avg('c2')} THEN '价值' ELSE '发展' END)
                ELSE (CASE WHEN c2 > ${avg('c2')} THEN '保持' ELSE '挽留' END) END) || '客户'`);
      })();
    });
    const sqlCounts = db.prepare(`SELECT sql_label AS s, count(*) AS n FROM ${table} GROUP BY sql_label`).all() as { s: string; n: number }[];
    ref.close();
    const engineCounts = Object.fromEntries(saved.value.value.segments.map((x) => [x.name, x.count]));
    const agree = sqlCounts.every((r) => engineCounts[r.s] === r.n);

    const rules = await timeIt(() =>
      runRules(work(), {
        datasetId: ds,
        preview: false,
        scheme: {
          name: '规则',
          rules: [
            { segment: '大客户', when: [{ column: 'M', op: 'gte', value: 2000 }, { column: 'F', op: 'gte', value: 5 }] },
            { segment: '高额', when: [{ column: 'M', op: 'gte', value: 1000 }] },
            { segment: '常客', when: [{ column: 'F', op: 'gte', value: 4 }] },
            { segment: '沉睡', when: [{ column: 'R', op: 'gt', value: 365 }] },
            { segment: '近期', when: [{ column: 'R', op: 'between', min: 0, max: 30 }] },
          ],
          defaultSegment: '其他',
        },
      }),
    );
    const pareto = await timeIt(() => runPareto(work(), { datasetId: ds, preview: false, definition: paretoDefinitionSchema.parse({}) }));
    const migration = await timeIt(() => migrationMatrix(store, { fromId: saved.value.value.segmentation!.id, toId: median.value.segmentation!.id }));
    store.close();
    report('segment', {
      customers: N,
      createDatasetMs: Math.round(build.ms),
      rfm8PreviewMs: Math.round(preview.ms),
      rfm8SaveMs: Math.round(saved.value.ms),
      rfm8SavePeakRssMb: Math.round(saved.peakMb),
      rfm8MedianSaveMs: Math.round(median.ms),
      sqlBaselineRfm8LabelsMs: Math.round(sql.ms),
      sqlBaselineAgreesOnCounts: agree,
      rules5SaveMs: Math.round(rules.ms),
      paretoSaveMs: Math.round(pareto.ms),
      migrationMatrixMs: Math.round(migration.ms),
      migrationTotal: migration.value.total,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
