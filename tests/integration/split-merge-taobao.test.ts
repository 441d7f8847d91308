import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { SegmentationInfo } from '../../shared/contract/segmentations';
import type { EngineClient } from '../../shared/rpc/client';
import { Engine } from '../../electron/engine/host/engine';
import { readerFor } from '../../electron/engine/analyze/columns';
import type { ProjectStore } from '../../electron/engine/store/project-store';
import { hasSharedData, sharedFile, SKIP_MESSAGE } from '../helpers/shared-data';
import { tempDir } from '../helpers/temp';

if (!hasSharedData) console.warn(SKIP_MESSAGE);

type RawRow = Record<string, unknown>;

/** The items of a title written independently of the engine: split at ；;，| then trimmed, empties dropped. */
function itemsOf(title: unknown): string[] {
  if (typeof title !== 'string') return [];
  return title
    .split(/[；;，|]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** "2018-01" from an Excel serial date as SheetJS reads it; null for an unpaid order. */
function monthOf(v: unknown): string | null {
  if (typeof v !== 'number') return null;
  const d = XLSX.SSF.parse_date_code(v);
  return `${d.y}-${String(d.m).padStart(2, '0')}`;
}

/**
 * Shaping the real Taobao export (cn-orders/2018.xlsx, 1,784 order lines) with the two steps that
 * change rows: each order line receives its customer's RFM segment by merging the RFM dataset
 * (Power Query's Merge), a segment × month pivot then runs over the order lines, and multi-item
 * titles (268 cells list several books separated by ，) are split into one row per item. Every
 * figure is checked against an independent SheetJS read.
 */
describe.skipIf(!hasSharedData)('split into rows and merge on cn-orders/2018.xlsx', () => {
  const tmp = tempDir('kequn-merge-');
  let engine: Engine;
  let store: ProjectStore;
  let client: EngineClient;
  let orders: string;
  let rfmId: string;
  let seg: SegmentationInfo;
  let segColumn: string;
  let raw: RawRow[];
  const segmentOf = new Map<string, string>();

  beforeAll(async () => {
    engine = new Engine({ dataDir: join(tmp.dir, 'home') });
    store = await engine.openProject(join(tmp.dir, 'p.kequn'), { create: true });
    client = engine.createClient();
    const file = sharedFile('cn-orders', '2018.xlsx');
    orders = (await client.call('import.run', { path: file })).datasets[0]!.id;
    const wb = XLSX.read(readFileSync(file));
    raw = XLSX.utils.sheet_to_json<RawRow>(wb.Sheets[wb.SheetNames[0]!]!, { defval: null });
    const rfm = await client.call('metrics.rfm', { datasetId: orders, customer: '买家会员名', date: '订单付款时间', amount: '买家实际支付金额' });
    rfmId = rfm.dataset.id;
    seg = (await client.call('segment.rfm8', { datasetId: rfmId, name: 'RFM 八类' })).segmentation!;
    segColumn = store.getDataset(rfmId).columns.find((c) => c.key === seg.columnKey)!.name;
    const reader = readerFor(store);
    const cust = reader.category(rfmId, '买家会员名');
    const segs = reader.category(rfmId, seg.columnKey);
    for (let i = 0; i < cust.codes.length; i++) segmentOf.set(cust.labels[cust.codes[i]!]!, segs.labels[segs.codes[i]!]!);
  }, 60_000);
  afterAll(() => {
    engine?.dispose();
    tmp.cleanup();
  });

  it('merge gives every order line its customer’s segment; unpaid-only buyers stay unmatched; previewed and undoable', async () => {
    const rfmName = store.getDataset(rfmId).name;
    const operation = { op: 'merge' as const, with: rfmName, on: [{ left: '买家会员名' }], columns: [segColumn] };
    const want = raw.map((r) => segmentOf.get(String(r['买家会员名'])) ?? null);
    const unmatched = want.filter((s) => s === null).length;
    expect(unmatched).toBeGreaterThan(0);
    expect(unmatched).toBeLessThanOrEqual(317);
    const preview = await client.call('clean.preview', { datasetId: orders, operation });
    expect(preview.report.merge).toMatchObject({
      matchedRows: raw.length - unmatched,
      unmatchedRows: unmatched,
      blankKeyRows: 0,
      multipleKeys: 0,
      rowsBefore: 1_784,
      rowsAfter: 1_784,
      unusedRows: 0,
      with: { id: rfmId, rows: segmentOf.size },
    });
    const { step } = await client.call('clean.apply', { datasetId: orders, operation });
    expect(step).toMatchObject({ rowsBefore: 1_784, rowsAfter: 1_784 });
    const ds = store.getDataset(orders);
    const col = readerFor(store).category(orders, ds.columns.find((c) => c.name === segColumn)!.key);
    expect(Array.from(col.codes, (c) => (c < 0 ? null : col.labels[c]!))).toEqual(want);
    await client.call('clean.undo', { datasetId: orders });
    expect(store.getDataset(orders).columns.some((c) => c.name === segColumn)).toBe(false);
    await client.call('clean.redo', { datasetId: orders });
    expect(store.getDataset(orders).columns.some((c) => c.name === segColumn)).toBe(true);
  });

  it('a segment × month pivot over the merged order lines equals the sums by segment and payment month', async () => {
    const pivot = await client.call('pivots.run', {
      datasetId: orders,
      spec: { rows: [{ column: segColumn }], cols: [{ column: '订单付款时间', dateGroup: 'month' }], values: [{ agg: 'sum', column: '买家实际支付金额' }] },
    });
    const want = new Map<string, number>();
    for (const r of raw) {
      const month = monthOf(r['订单付款时间']);
      const s = segmentOf.get(String(r['买家会员名']));
      if (month === null || s === undefined) continue;
      const k = `${s}|${month}`;
      want.set(k, (want.get(k) ?? 0) + Number(r['买家实际支付金额']));
    }
    const months = pivot.cols.filter((c) => c.kind === 'group').map((c) => c.label);
    expect(months.filter((m) => m.startsWith('2018-')).length).toBe(12);
    let checked = 0;
    for (const [r, row] of pivot.rows.entries()) {
      if (row.kind !== 'group') continue;
      for (const [c, col] of pivot.cols.entries()) {
        if (col.kind !== 'group' || !/^\d{4}-\d{2}$/.test(col.label)) continue;
        const expected = want.get(`${row.label}|${col.label}`) ?? null;
        const got = pivot.cells[r]![c]![0] ?? null;
        if (expected === null) expect(got, `${row.label} ${col.label}`).toBeNull();
        else expect(got, `${row.label} ${col.label}`).toBeCloseTo(expected, 2);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(12 * 4);
    // Each segment's paid total is its customers' M.
    const reader = readerFor(store);
    const m = reader.numeric(rfmId, 'M').values;
    const segs = reader.category(rfmId, seg.columnKey);
    const totalCol = pivot.cols.findIndex((c) => c.kind === 'total');
    const blankCol = pivot.cols.findIndex((c) => c.label === '(空白)');
    const mBySegment = new Map<string, number>();
    for (let i = 0; i < m.length; i++) mBySegment.set(segs.labels[segs.codes[i]!]!, (mBySegment.get(segs.labels[segs.codes[i]!]!) ?? 0) + m[i]!);
    for (const [name, total] of mBySegment) {
      const r = pivot.rows.findIndex((x) => x.label === name);
      const paid = (pivot.cells[r]![totalCol]![0] ?? 0) - (blankCol >= 0 ? (pivot.cells[r]![blankCol]![0] ?? 0) : 0);
      expect(paid, name).toBeCloseTo(total, 2);
    }
    expect(pivot.cells[pivot.rows.findIndex((x) => x.kind === 'total')]![totalCol]![0]).toBeCloseTo(219_511.61, 2);
  });

  it('split into rows: 268 multi-item titles become one row per book; item 1 keeps the order total; undo restores 1,784 rows', async () => {
    const operation = { op: 'splitRows' as const, column: '宝贝标题', itemNumber: '第几件' };
    const counts = raw.map((r) => Math.max(1, itemsOf(r['宝贝标题 ']).length));
    const multi = counts.filter((k) => k > 1).length;
    expect(multi).toBe(268);
    const rowsAfter = counts.reduce((a, b) => a + b, 0);
    const preview = await client.call('clean.preview', { datasetId: orders, operation });
    expect(preview.report.figures).toMatchObject({ rowsBefore: 1_784, rowsAfter, splitCells: 268, maxItems: Math.max(...counts) });
    const first = preview.report.split![0]!;
    expect(first.items).toEqual(itemsOf(first.before));
    await client.call('clean.apply', { datasetId: orders, operation });
    const ds = store.getDataset(orders);
    expect(ds.rowCount).toBe(rowsAfter);
    const titles = readerFor(store).category(orders, ds.columns.find((c) => c.name === '宝贝标题')!.key);
    const got = Array.from(titles.codes, (c) => (c < 0 ? null : titles.labels[c]!));
    const want = raw.flatMap((r) => {
      const items = itemsOf(r['宝贝标题 ']);
      return items.length === 0 ? [null] : items;
    });
    expect(got).toEqual(want);
    // The merged segment repeats on every item of an order; counting item 1 only gives the orders' total back.
    const itemKey = ds.columns.find((c) => c.name === '第几件')!.key;
    const pivot = await client.call('pivots.run', {
      datasetId: orders,
      spec: { rows: [{ column: segColumn }], values: [{ agg: 'sum', column: '买家实际支付金额' }], filters: [{ kind: 'numberRange', column: itemKey, min: 1, max: 1 }] },
    });
    expect(pivot.cells[pivot.rows.findIndex((x) => x.kind === 'total')]![0]![0]).toBeCloseTo(219_511.61, 2);
    const history = await client.call('clean.undo', { datasetId: orders });
    expect(history.steps.map((s) => [s.operation.op, s.state])).toEqual([
      ['merge', 'applied'],
      ['splitRows', 'undone'],
    ]);
    expect(store.getDataset(orders).rowCount).toBe(1_784);
    expect(store.getDataset(orders).columns.some((c) => c.name === segColumn)).toBe(true);
  });
});
