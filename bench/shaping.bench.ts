// Split into rows and merge over 1,000,000 order lines (issue 21): merge 100,000 customers'
// segments in by key (left join, one match each; then a key with several matches), split a title
// column listing 1–3 items, and undo. Baselines in the same run, on a separate SQLite file loaded
// with the same rows: CREATE TABLE … AS SELECT … LEFT JOIN (indexed key) for the merge, and a
// recursive-CTE split into a new table for the split — both without history or undo.
// Run: npm run bench -- shaping [rows]
import os from 'node:os';
import { join } from 'node:path';
import { applyOperation, previewOperation } from '../electron/engine/clean/clean-service';
import { undoLast } from '../electron/engine/clean/versions';
import { ProjectStore } from '../electron/engine/store/project-store';
import { cleanOperationSchema } from '../shared/contract/clean';
import type { CellValue } from '../shared/contract/json';
import { workOf } from '../tests/helpers/store-access';
import { tempDir } from '../tests/helpers/temp';
import { peakRss, report, timeIt } from './bench-util';
import { referenceTable } from './sql-reference';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const CUSTOMERS = Math.max(1, Math.round(ROWS / 10));
const round = (x: number): number => Math.round(x * 10) / 10;
const TITLES = ['零基础学Java', 'Java精彩编程200例', 'C#项目开发实战', '编程词典个人版', 'Python从入门到精通', '邮费'];
const SEGMENTS = ['重要价值', '重要发展', '重要保持', '重要挽留', '一般价值', '一般发展', '一般保持', '一般挽留'];

async function measure<T>(fn: () => T | Promise<T>): Promise<{ ms: number; cpuMs: number; value: T }> {
  const c0 = process.cpuUsage();
  const { ms, value } = await timeIt(fn);
  const c = process.cpuUsage(c0);
  return { ms: round(ms), cpuMs: round((c.user + c.system) / 1000), value };
}

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

const customerName = (i: number): string => `C${String(i).padStart(6, '0')}`;

/** Order lines: customer, a title of 1–3 items joined by ，, amount. The same sequence every time. */
function* orders(): Generator<CellValue[]> {
  const rnd = lcg(11);
  for (let i = 0; i < ROWS; i++) {
    const k = 1 + Math.floor(rnd() * 3);
    const items = Array.from({ length: k }, () => TITLES[Math.floor(rnd() * TITLES.length)]!);
    // 5% of buyers are not in the customer list (unmatched rows).
    yield [customerName(Math.floor(rnd() * CUSTOMERS * 1.05)), items.join('，'), Math.round(rnd() * 100_000) / 100];
  }
}

function* customers(): Generator<CellValue[]> {
  for (let i = 0; i < CUSTOMERS; i++) yield [customerName(i), SEGMENTS[i % SEGMENTS.length]!];
}

async function main(): Promise<void> {
  const tmp = tempDir('kequn-bench-shaping-');
  const store = ProjectStore.open(join(tmp.dir, 'bench.kequn'), { create: true });
  const text = (name: string) => ({ name, originalHeader: null, type: 'text' as const });
  const ordersId = store.createDataset({ name: '订单', kind: 'import', source: 'bench', columns: [text('客户'), text('宝贝标题'), { name: '金额', originalHeader: null, type: 'currency' }] }, orders()).id;
  store.createDataset({ name: '客户', kind: 'import', source: 'bench', columns: [text('客户'), text('细分')] }, customers());
  const ref = referenceTable(join(tmp.dir, 'reference.db'), 3, orders(), 'o');
  referenceTable(join(tmp.dir, 'reference.db'), 2, customers(), 'c').close();
  ref.db.exec('CREATE INDEX c_key ON c (c0)');

  const mergeOp = cleanOperationSchema.parse({ op: 'merge', with: '客户', on: [{ left: '客户' }], columns: ['细分'] });
  const mergePreview = await measure(() => previewOperation(workOf(store), ordersId, mergeOp, 20));
  const merge = await peakRss(() => measure(() => applyOperation(workOf(store), ordersId, mergeOp)));
  const mergeUndo = await measure(() => undoLast(store, ordersId));
  const sqlMerge = await measure(() => {
    ref.db.exec('CREATE TABLE m AS SELECT o.*, c.c1 AS seg FROM o LEFT JOIN c ON c.c0 = o.c0');
    ref.db.exec('DROP TABLE m');
  });

  const splitOp = cleanOperationSchema.parse({ op: 'splitRows', column: '宝贝标题', itemNumber: '第几件' });
  const splitPreview = await measure(() => previewOperation(workOf(store), ordersId, splitOp, 20));
  const split = await peakRss(() => measure(() => applyOperation(workOf(store), ordersId, splitOp)));
  const splitUndo = await measure(() => undoLast(store, ordersId));
  const sqlSplit = await measure(() => {
    ref.db.exec(`CREATE TABLE s AS WITH RECURSIVE parts(id, item, rest, n) AS (
        SELECT _row, NULL, c1 || '，', 0 FROM o
        UNION ALL
        SELECT id, trim(substr(rest, 1, instr(rest, '，') - 1)), substr(rest, instr(rest, '，') + 1), n + 1 FROM parts WHERE rest <> ''
      ) SELECT o._row, o.c0, parts.item, o.c2, parts.n FROM parts JOIN o ON o._row = parts.id WHERE parts.n > 0`);
    const rows = (ref.db.prepare('SELECT count(*) AS n FROM s').get() as { n: number }).n;
    ref.db.exec('DROP TABLE s');
    return rows;
  });
  ref.close();

  report('shaping', {
    rows: ROWS,
    customers: CUSTOMERS,
    loadAvg: os.loadavg().map((x) => round(x)),
    merge: {
      preview: { ms: mergePreview.ms, cpuMs: mergePreview.cpuMs },
      apply: { ms: merge.value.ms, cpuMs: merge.value.cpuMs, peakRssMb: round(merge.peakMb) },
      matched: merge.value.value.step.report.merge?.matchedRows,
      undo: { ms: mergeUndo.ms, cpuMs: mergeUndo.cpuMs },
      sqliteLeftJoinBaseline: { ms: sqlMerge.ms, cpuMs: sqlMerge.cpuMs },
      ratioToSqlite: round(merge.value.ms / sqlMerge.ms),
    },
    split: {
      preview: { ms: splitPreview.ms, cpuMs: splitPreview.cpuMs },
      apply: { ms: split.value.ms, cpuMs: split.value.cpuMs, peakRssMb: round(split.peakMb) },
      rowsAfter: split.value.value.step.rowsAfter,
      undo: { ms: splitUndo.ms, cpuMs: splitUndo.cpuMs },
      sqliteRecursiveSplitBaseline: { ms: sqlSplit.ms, cpuMs: sqlSplit.cpuMs, rows: sqlSplit.value },
      ratioToSqlite: round(split.value.ms / sqlSplit.ms),
    },
  });
  store.close();
  tmp.cleanup();
}

await main();
