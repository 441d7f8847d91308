import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PivotResult, PivotSpecInput } from '../../../shared/contract/analyze';
import { pivotSpecSchema } from '../../../shared/contract/analyze';
import { KequnError } from '../../../shared/contract/errors';
import { runPivot } from '../../../electron/engine/analyze/pivot';
import { getPivot, savePivot } from '../../../electron/engine/analyze/pivot-store';
import { specWithKeys, specWithNames } from '../../../shared/analysis/spec-columns';
import type { ProjectStore } from '../../../electron/engine/store/project-store';
import { SqlOracle } from '../../helpers/sql-oracle';
import { openTemp, orderColumns, orderRows } from './fixtures';

let store: ProjectStore;
let cleanup: () => void;
let ds: string;
let table: string;
const oracle = new SqlOracle();

beforeAll(() => {
  ({ store, cleanup } = openTemp());
  const rows = orderRows(4000);
  ds = store.createDataset({ name: '订单', kind: 'import', source: null, columns: orderColumns() }, rows).id;
  table = oracle.load('orders', orderColumns().length, rows);
});
afterAll(() => {
  oracle.close();
  cleanup();
});

const run = (spec: PivotSpecInput): Promise<PivotResult> => runPivot(store, ds, pivotSpecSchema.parse(spec));

function cell(r: PivotResult, rowPath: string[], colPath: string[], v = 0): number | null {
  const ri = r.rows.findIndex((n) => n.path.join('|') === rowPath.join('|'));
  const ci = r.cols.findIndex((n) => n.path.join('|') === colPath.join('|'));
  if (ri < 0 || ci < 0) throw new Error(`no node ${rowPath.join('/')} × ${colPath.join('/')}`);
  return r.cells[ri]![ci]![v]!;
}

/** Numbers only, as the engine reads them (text in a number column is not a number). */
const NUM = (c: string): string => `CASE WHEN typeof(${c}) IN ('integer','real') THEN ${c} END`;
const label = (v: unknown): string => (v === null ? '(空白)' : String(v));

describe('pivot over typed arrays equals SQL GROUP BY', () => {
  it('sum, count, mean, min, max and distinct count per rows × cols leaf', async () => {
    const r = await run({
      rows: [{ column: '地区' }],
      cols: [{ column: '渠道' }],
      values: [
        { agg: 'sum', column: '金额' },
        { agg: 'count' },
        { agg: 'mean', column: '金额' },
        { agg: 'min', column: '数量' },
        { agg: 'max', column: '金额' },
        { agg: 'countDistinct', column: '客户编号' },
      ],
    });
    const sql = oracle.db
      .prepare(
        `SELECT c0, c1, sum(${NUM('c3')}) s, count(*) n, avg(${NUM('c3')}) a, min(c4) mi, max(${NUM('c3')}) ma, count(DISTINCT c5) d
         FROM ${table} GROUP BY c0, c1`,
      )
      .all() as { c0: string | null; c1: string; s: number; n: number; a: number; mi: number; ma: number; d: number }[];
    expect(sql.length).toBeGreaterThan(10);
    for (const g of sql) {
      const rp = [label(g.c0)];
      expect(cell(r, rp, [g.c1], 0)).toBeCloseTo(g.s, 6);
      expect(cell(r, rp, [g.c1], 1)).toBe(g.n);
      expect(cell(r, rp, [g.c1], 2)).toBeCloseTo(g.a, 8);
      expect(cell(r, rp, [g.c1], 3)).toBe(g.mi);
      expect(cell(r, rp, [g.c1], 4)).toBe(g.ma);
      expect(cell(r, rp, [g.c1], 5)).toBe(g.d);
    }
    const total = oracle.db.prepare(`SELECT sum(${NUM('c3')}) s, count(*) n, count(DISTINCT c5) d FROM ${table}`).get() as { s: number; n: number; d: number };
    expect(cell(r, [], [], 0)).toBeCloseTo(total.s, 5);
    expect(cell(r, [], [], 1)).toBe(4000);
    expect(cell(r, [], [], 5)).toBe(total.d);
    expect(r.rows[0]!.kind).toBe('total');
    expect(r.rows.some((n) => n.label === '(空白)')).toBe(true);
  });

  it('two row fields: subtotals equal the one-field GROUP BY, leaves the two-field one', async () => {
    const r = await run({ rows: [{ column: '地区' }, { column: '产品类别' }], values: [{ agg: 'sum', column: '数量' }, { agg: 'median', column: '金额' }] });
    const sub = oracle.db.prepare(`SELECT c0, sum(c4) s FROM ${table} GROUP BY c0`).all() as { c0: string | null; s: number }[];
    for (const g of sub) expect(cell(r, [label(g.c0)], [])).toBe(g.s);
    const leaf = oracle.db.prepare(`SELECT c0, c6, sum(c4) s FROM ${table} GROUP BY c0, c6`).all() as { c0: string | null; c6: string; s: number }[];
    for (const g of leaf) expect(cell(r, [label(g.c0), g.c6], [])).toBe(g.s);
    // Median per subtotal group, from the ordered values SQL returns.
    for (const g of sub) {
      const vals = (oracle.db.prepare(`SELECT ${NUM('c3')} v FROM ${table} WHERE c0 IS ? AND typeof(c3) IN ('integer','real') ORDER BY v`).pluck().all(g.c0) as number[]);
      const m = vals.length % 2 ? vals[(vals.length - 1) / 2]! : (vals[vals.length / 2 - 1]! + vals[vals.length / 2]!) / 2;
      expect(cell(r, [label(g.c0)], [], 1)).toBeCloseTo(m, 9);
    }
    // The tree: every group node's parent is the node one level up on its path.
    for (const node of r.rows) {
      if (node.depth === 0) expect(node.parent).toBe(-1);
      else expect(r.rows[node.parent]!.path).toEqual(node.path.slice(0, -1));
    }
    expect(r.rows.filter((n) => n.leaf).every((n) => n.depth === 2)).toBe(true);
  });

  it('show as % of row / column / total and Index equal Excel formulas', async () => {
    const r = await run({
      rows: [{ column: '地区' }],
      cols: [{ column: '产品类别' }],
      values: [
        { agg: 'sum', column: '数量' },
        { agg: 'sum', column: '数量', showAs: 'pctRow' },
        { agg: 'sum', column: '数量', showAs: 'pctCol' },
        { agg: 'sum', column: '数量', showAs: 'pctTotal' },
        { agg: 'sum', column: '数量', showAs: 'index' },
      ],
    });
    const grand = oracle.db.prepare(`SELECT sum(c4) FROM ${table}`).pluck().get() as number;
    const rowT = new Map((oracle.db.prepare(`SELECT c0, sum(c4) s FROM ${table} GROUP BY c0`).all() as { c0: string | null; s: number }[]).map((g) => [label(g.c0), g.s]));
    const colT = new Map((oracle.db.prepare(`SELECT c6, sum(c4) s FROM ${table} GROUP BY c6`).all() as { c6: string; s: number }[]).map((g) => [g.c6, g.s]));
    const cells = oracle.db.prepare(`SELECT c0, c6, sum(c4) s FROM ${table} GROUP BY c0, c6`).all() as { c0: string | null; c6: string; s: number }[];
    for (const g of cells) {
      const rp = [label(g.c0)];
      const rt = rowT.get(rp[0]!)!;
      const ct = colT.get(g.c6)!;
      expect(cell(r, rp, [g.c6], 1)).toBeCloseTo(g.s / rt, 12);
      expect(cell(r, rp, [g.c6], 2)).toBeCloseTo(g.s / ct, 12);
      expect(cell(r, rp, [g.c6], 3)).toBeCloseTo(g.s / grand, 12);
      // Excel's Index: ((cell) × (grand total)) / ((row total) × (column total)), here × 100.
      expect(cell(r, rp, [g.c6], 4)).toBeCloseTo(((g.s * grand) / (rt * ct)) * 100, 9);
    }
    expect(cell(r, [], [], 4)).toBeCloseTo(100, 12);
    expect(cell(r, [], [], 1)).toBeCloseTo(1, 12);
  });

  it('groups dates by year, quarter, month and ISO week like SQLite strftime', async () => {
    for (const [group, expr] of [
      ['year', `strftime('%Y', c2 / 1000, 'unixepoch')`],
      ['quarter', `strftime('%Y', c2 / 1000, 'unixepoch') || ' Q' || ((CAST(strftime('%m', c2 / 1000, 'unixepoch') AS INTEGER) + 2) / 3)`],
      ['month', `strftime('%Y-%m', c2 / 1000, 'unixepoch')`],
      ['week', `strftime('%G-W%V', c2 / 1000, 'unixepoch')`],
    ] as const) {
      const r = await run({ rows: [{ column: '下单时间', dateGroup: group }], values: [{ agg: 'count' }, { agg: 'sum', column: '数量' }] });
      const sql = oracle.db.prepare(`SELECT ${expr} k, count(*) n, sum(c4) s FROM ${table} GROUP BY k ORDER BY k`).all() as { k: string; n: number; s: number }[];
      const leaves = r.rows.filter((n) => n.kind === 'group');
      expect(leaves.map((n) => n.label)).toEqual(sql.map((g) => g.k));
      for (const g of sql) {
        expect(cell(r, [g.k], [], 0)).toBe(g.n);
        expect(cell(r, [g.k], [], 1)).toBe(g.s);
      }
    }
  });

  it('sorts by value and by label, and applies filters like the grid', async () => {
    const byValue = await run({ rows: [{ column: '产品类别' }], values: [{ agg: 'sum', column: '数量' }], rowSort: { by: 'value', order: 'desc' } });
    const sums = byValue.rows.slice(1).map((_, i) => byValue.cells[i + 1]![0]![0]!);
    expect(sums).toEqual([...sums].sort((a, b) => b - a));
    const byLabel = await run({ rows: [{ column: '下单时间', dateGroup: 'month' }], values: [{ agg: 'count' }], rowSort: { by: 'label', order: 'desc' } });
    const labels = byLabel.rows.slice(1).map((n) => n.label);
    expect(labels).toEqual([...labels].sort().reverse());

    const filtered = await run({
      rows: [{ column: '渠道' }],
      values: [{ agg: 'count' }],
      filters: [{ kind: 'oneOf', column: 'c0', values: ['华东', '华南'] }, { kind: 'numberRange', column: 'c4', min: 3, max: 6 }],
    });
    const sql = oracle.db.prepare(`SELECT c1, count(*) n FROM ${table} WHERE c0 IN ('华东','华南') AND c4 BETWEEN 3 AND 6 GROUP BY c1`).all() as { c1: string; n: number }[];
    for (const g of sql) expect(cell(filtered, [g.c1], [])).toBe(g.n);
    expect(filtered.filteredRows).toBe(sql.reduce((s, g) => s + g.n, 0));
    expect(filtered.totalRows).toBe(4000);
  });

  it('hides subtotals and grand totals when asked, keeping the tree', async () => {
    const r = await run({ rows: [{ column: '地区' }, { column: '渠道' }], cols: [{ column: '产品类别' }], values: [{ agg: 'count' }], subtotals: false, grandTotals: false });
    expect(cell(r, [], [])).toBeNull();
    expect(cell(r, ['华东'], ['家具'])).toBeNull();
    expect(cell(r, ['华东', '门店'], ['家具'])).toBeGreaterThan(0);
    expect(r.rows.some((n) => n.path.join() === '华东')).toBe(true);
  });

  it('rejects bad fields with coded errors', async () => {
    await expect(run({ rows: [{ column: '不存在' }], values: [{ agg: 'count' }] })).rejects.toMatchObject({ code: 'COLUMN_NOT_FOUND' });
    await expect(run({ rows: [{ column: '地区', dateGroup: 'month' }], values: [{ agg: 'count' }] })).rejects.toMatchObject({ code: 'ANALYSIS_INVALID' });
    await expect(run({ rows: [{ column: '地区' }], values: [{ agg: 'sum', column: '渠道' }] })).rejects.toMatchObject({ code: 'ANALYSIS_INVALID' });
    const e = await run({ rows: [{ column: '地区' }], values: [{ agg: 'mean' }] }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(KequnError);
    expect((e as KequnError).messageZh).toMatch(/需要/);
  });

  it('high-cardinality field combinations (key space re-numbered) still equal GROUP BY', async () => {
    // 客户编号 × day × 金额 as a category: a key space of hundreds of millions, far past the dense table.
    const r = await run({ rows: [{ column: '客户编号' }, { column: '下单时间', dateGroup: 'day' }, { column: '金额' }], values: [{ agg: 'count' }], subtotals: false });
    const sql = oracle.db
      .prepare(`SELECT c5, strftime('%Y-%m-%d', c2 / 1000, 'unixepoch') d, c3, count(*) n FROM ${table} GROUP BY c5, d, c3`)
      .all() as { c5: string; d: string; c3: number | string | null; n: number }[];
    expect(r.rows.filter((n) => n.leaf).length).toBe(sql.length);
    for (const g of sql.slice(0, 300)) expect(cell(r, [g.c5, g.d, label(g.c3)], [])).toBe(g.n);
  });

  it('stops with CANCELLED when the caller cancels, changing nothing', async () => {
    const before = store.tables.pivots.list().length;
    const cancelled = runPivot(store, ds, pivotSpecSchema.parse({ rows: [{ column: '地区' }], values: [{ agg: 'count' }] }), {
      checkpoint: () => Promise.reject(new KequnError('CANCELLED')),
    });
    await expect(cancelled).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(store.tables.pivots.list().length).toBe(before);
  });

  it('a saved spec re-runs on next month’s data whose columns sit elsewhere', async () => {
    const keyed = pivotSpecSchema.parse({ rows: [{ column: 'c0' }], cols: [{ column: 'c2', dateGroup: 'year' }], values: [{ agg: 'sum', column: 'c4' }], filters: [{ kind: 'oneOf', column: 'c1', values: ['门店'] }] });
    const ds1 = store.getDataset(ds);
    const saved = savePivot(store, { name: '地区×年', datasetId: ds, pivot: specWithNames(keyed, ds1.columns) });
    expect((getPivot(store, saved.id).spec as typeof keyed).rows[0]!.column).toBe('地区');
    // Next month's file: same headers in reverse order, so every key differs.
    const cols = orderColumns().reverse();
    const nextRows = orderRows(500, 99).map((r) => [...r].reverse());
    const next = store.createDataset({ name: '订单 二月', kind: 'import', source: null, columns: cols }, nextRows);
    const { spec, missing } = specWithKeys(getPivot(store, saved.id).spec as typeof keyed, next.columns, false);
    expect(missing).toEqual([]);
    expect(spec.filters).toEqual([]); // filters name keys of the first dataset: not carried over
    expect(spec.rows[0]!.column).toBe(next.columns.find((c) => c.name === '地区')!.key);
    const r = await runPivot(store, next.id, spec);
    const t2 = oracle.load('orders_feb', cols.length, nextRows);
    const region = next.columns.find((c) => c.name === '地区')!.key;
    const qty = next.columns.find((c) => c.name === '数量')!.key;
    const sql = oracle.db.prepare(`SELECT ${region} k, sum(${qty}) s FROM ${t2} GROUP BY k`).all() as { k: string | null; s: number }[];
    for (const g of sql) expect(cell(r, [label(g.k)], [])).toBe(g.s);
  });

  it('an empty dataset and a filter that keeps nothing give empty totals, not errors', async () => {
    const empty = store.createDataset({ name: '空', kind: 'import', source: null, columns: orderColumns() }, []).id;
    const spec = pivotSpecSchema.parse({ rows: [{ column: '地区' }], cols: [{ column: '渠道' }], values: [{ agg: 'sum', column: '金额' }, { agg: 'median', column: '金额' }] });
    const r = await runPivot(store, empty, spec);
    expect(r.rows.map((n) => n.kind)).toEqual(['total']);
    expect(r.cells[0]![0]).toEqual([null, null]);
    const none = await run({ rows: [{ column: '地区' }], values: [{ agg: 'count' }], filters: [{ kind: 'numberRange', column: 'c4', min: 1000, max: null }] });
    expect(none.filteredRows).toBe(0);
    expect(none.rows).toHaveLength(1);
    expect(none.cells[0]![0]![0]).toBeNull();
  });

  it('count of a column counts its non-empty cells (text too), like SQL count(col)', async () => {
    const r = await run({ rows: [{ column: '渠道' }], values: [{ agg: 'count', column: '地区' }, { agg: 'count', column: '金额' }] });
    const sql = oracle.db.prepare(`SELECT c1, count(c0) a, count(${NUM('c3')}) b FROM ${table} GROUP BY c1`).all() as { c1: string; a: number; b: number }[];
    for (const g of sql) {
      expect(cell(r, [g.c1], [], 0)).toBe(g.a);
      expect(cell(r, [g.c1], [], 1)).toBe(g.b);
    }
  });
});
