import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { KeywordRule } from '../../shared/contract/clean';
import type { SegmentationInfo } from '../../shared/contract/segmentations';
import type { EngineClient } from '../../shared/rpc/client';
import { Engine } from '../../electron/engine/host/engine';
import { readerFor } from '../../electron/engine/analyze/columns';
import type { ProjectStore } from '../../electron/engine/store/project-store';
import { hasSharedData, sharedFile, SKIP_MESSAGE } from '../helpers/shared-data';
import { tempDir } from '../helpers/temp';

if (!hasSharedData) console.warn(SKIP_MESSAGE);

/** Product titles → categories, the way an analyst of this shop would write them (first match wins). */
const RULES: KeywordRule[] = [
  { match: 'contains', pattern: '编程词典', category: '编程词典' },
  { match: 'contains', pattern: '会员', category: '会员服务' },
  { match: 'contains', pattern: '邮费', category: '邮费' },
  { match: 'regex', pattern: '套装|组合', category: '学习套装' },
  { match: 'contains', pattern: '200例', category: '精彩编程200例' },
  { match: 'contains', pattern: '项目开发', category: '项目开发实战' },
  { match: 'startsWith', pattern: '零基础学', category: '零基础学' },
];

/** The same rules written independently over the SheetJS read: the oracle. */
function categoryOf(title: string | null): string | null {
  if (title === null || title.trim() === '') return null;
  const t = title.toLowerCase();
  if (t.includes('编程词典')) return '编程词典';
  if (t.includes('会员')) return '会员服务';
  if (t.includes('邮费')) return '邮费';
  if (/套装|组合/.test(title)) return '学习套装';
  if (t.includes('200例')) return '精彩编程200例';
  if (t.includes('项目开发')) return '项目开发实战';
  if (t.startsWith('零基础学')) return '零基础学';
  return '其他';
}

/**
 * Shaping a real Taobao export (cn-orders/2018.xlsx, 1,784 order lines, 356 product titles) for
 * preference analysis: titles → categories by keyword rules, each order given its customer's
 * RFM segment by XLOOKUP (until datasets can be merged), then a segment × month pivot over the
 * order lines. Every figure is checked against a computation on an independent SheetJS read.
 */
describe.skipIf(!hasSharedData)('shaping cn-orders/2018.xlsx for preference analysis', () => {
  const tmp = tempDir('kequn-shape-');
  let engine: Engine;
  let store: ProjectStore;
  let client: EngineClient;
  let orders: string;
  let rfmId: string;
  let seg: SegmentationInfo;
  let raw: Record<string, unknown>[];

  beforeAll(async () => {
    engine = new Engine({ dataDir: join(tmp.dir, 'home') });
    store = await engine.openProject(join(tmp.dir, 'p.kequn'), { create: true });
    client = engine.createClient();
    const file = sharedFile('cn-orders', '2018.xlsx');
    orders = (await client.call('import.run', { path: file })).datasets[0]!.id;
    const wb = XLSX.read(readFileSync(file));
    raw = XLSX.utils.sheet_to_json(wb.Sheets[wb.SheetNames[0]!]!, { defval: null });
    const rfm = await client.call('metrics.rfm', { datasetId: orders, customer: '买家会员名', date: '订单付款时间', amount: '买家实际支付金额' });
    rfmId = rfm.dataset.id;
    seg = (await client.call('segment.rfm8', { datasetId: rfmId, name: 'RFM 八类' })).segmentation!;
  }, 60_000);
  afterAll(() => {
    engine?.dispose();
    tmp.cleanup();
  });

  it('keyword rules turn 356 titles into a few categories, previewed, recorded and undoable', async () => {
    const operation = { op: 'keywordCategory' as const, column: '宝贝标题', rules: RULES, name: '品类' };
    const expected = new Map<string, number>();
    for (const r of raw) {
      const c = categoryOf(r['宝贝标题 '] as string | null);
      if (c) expected.set(c, (expected.get(c) ?? 0) + 1);
    }
    expect(new Set(raw.map((r) => r['宝贝标题 ']).filter((t) => t !== null)).size).toBe(356);
    const preview = await client.call('clean.preview', { datasetId: orders, operation, sampleSize: 50 });
    const counted = new Map(preview.report.categories!.map((c) => [c.category, c.rows]));
    expect(counted).toEqual(expected);
    // Rule order, then 其他 last; every category shows in the sample with its title.
    expect(preview.report.categories!.map((c) => c.category)).toEqual([...RULES.map((r) => r.category), '其他']);
    expect(new Set(preview.sample.map((s) => s.after?.['品类']))).toEqual(new Set(expected.keys()));
    for (const s of preview.sample) expect(s.after?.['品类']).toBe(categoryOf(s.before['宝贝标题'] as string));
    expect(preview.report.figures).toMatchObject({ empty: raw.filter((r) => r['宝贝标题 '] === null).length });

    await client.call('clean.apply', { datasetId: orders, operation });
    const ds = await client.call('datasets.get', { datasetId: orders });
    const col = ds.columns.find((c) => c.name === '品类')!;
    const cats = readerFor(store).category(orders, col.key);
    const got = Array.from(cats.codes, (c) => (c < 0 ? null : cats.labels[c]!));
    expect(got).toEqual(raw.map((r) => categoryOf(r['宝贝标题 '] as string | null)));
    await client.call('clean.undo', { datasetId: orders });
    expect((await client.call('datasets.get', { datasetId: orders })).columns.some((c) => c.name === '品类')).toBe(false);
    await client.call('clean.redo', { datasetId: orders });
    expect((await client.call('datasets.get', { datasetId: orders })).columns.some((c) => c.name === '品类')).toBe(true);
  });

  it('XLOOKUP gives every order line its customer’s RFM segment (unpaid buyers: 未付款)', async () => {
    const segColumn = store.getDataset(rfmId).columns.find((c) => c.key === seg.columnKey)!.name;
    const operation = { op: 'formula' as const, formula: `XLOOKUP([买家会员名], 'RFM-2018'[买家会员名], 'RFM-2018'[${segColumn}], "未付款")`, name: '细分' };
    const preview = await client.call('clean.preview', { datasetId: orders, operation, sampleSize: 5 });
    expect(preview.columns).toEqual(['买家会员名', '细分']);
    await client.call('clean.apply', { datasetId: orders, operation });
    const rfm = store.getDataset(rfmId);
    const reader = readerFor(store);
    const custKey = reader.category(rfmId, '买家会员名');
    const custSeg = reader.category(rfmId, seg.columnKey);
    const segmentOf = new Map<string, string>();
    for (let i = 0; i < rfm.rowCount; i++) segmentOf.set(custKey.labels[custKey.codes[i]!]!, custSeg.labels[custSeg.codes[i]!]!);
    const ds = store.getDataset(orders);
    const lines = reader.category(orders, ds.columns.find((c) => c.name === '细分')!.key);
    const got = Array.from(lines.codes, (c) => lines.labels[c]!);
    const want = raw.map((r) => segmentOf.get(String(r['买家会员名'])) ?? '未付款');
    expect(got).toEqual(want);
    // 317 unpaid lines; buyers who also paid another time do have a segment.
    const unpaidBuyers = raw.filter((r) => !segmentOf.has(String(r['买家会员名']))).length;
    expect(got.filter((s) => s === '未付款')).toHaveLength(unpaidBuyers);
    expect(unpaidBuyers).toBeGreaterThan(0);
    expect(unpaidBuyers).toBeLessThanOrEqual(317);
    const history = await client.call('clean.history', { datasetId: orders });
    expect(history.steps.filter((s) => s.state === 'applied').map((s) => s.operation.op)).toEqual(['keywordCategory', 'formula']);
  });

  it('a segment × month pivot over the order lines: each segment’s paid total is its customers’ M', async () => {
    const pivot = await client.call('pivots.run', {
      datasetId: orders,
      spec: { rows: [{ column: '细分' }], cols: [{ column: '订单付款时间', dateGroup: 'month' }], values: [{ agg: 'sum', column: '买家实际支付金额' }] },
    });
    const months = pivot.cols.filter((c) => c.kind === 'group').map((c) => c.label);
    expect(months.slice(0, 3)).toEqual(['2018-01', '2018-02', '2018-03']);
    expect(months).toContain('(空白)');
    const totalCol = pivot.cols.findIndex((c) => c.kind === 'total');
    const blankCol = pivot.cols.findIndex((c) => c.label === '(空白)');
    const reader = readerFor(store);
    const m = reader.numeric(rfmId, 'M').values;
    const segs = reader.category(rfmId, seg.columnKey);
    const mBySegment = new Map<string, number>();
    for (let i = 0; i < m.length; i++) mBySegment.set(segs.labels[segs.codes[i]!]!, (mBySegment.get(segs.labels[segs.codes[i]!]!) ?? 0) + m[i]!);
    for (const [name, total] of mBySegment) {
      const r = pivot.rows.findIndex((x) => x.label === name);
      expect(r, name).toBeGreaterThanOrEqual(0);
      const paid = (pivot.cells[r]![totalCol]![0] ?? 0) - (blankCol >= 0 ? (pivot.cells[r]![blankCol]![0] ?? 0) : 0);
      expect(paid, name).toBeCloseTo(total, 2);
    }
    // Unpaid lines have no payment month: all of 未付款 sits in (空白).
    const unpaid = pivot.rows.findIndex((x) => x.label === '未付款');
    expect(pivot.cells[unpaid]![totalCol]![0]).toBeCloseTo(pivot.cells[unpaid]![blankCol]![0]!, 6);
    const grand = pivot.cells[pivot.rows.findIndex((x) => x.kind === 'total')]![totalCol]![0]!;
    expect(grand).toBeCloseTo(219_511.61, 2);
  });

  it('the quick report picks the new category column of the source orders and says so', async () => {
    const path = join(tmp.dir, 'report.xlsx');
    const result = await client.call('exports.report', { segmentationId: seg.id, path, sheets: ['crosstab', 'actions'] });
    expect(result.choices).toEqual(['偏好交叉表自动选择：订单数据「2018」中的「品类」，按「买家会员名」对应到客户，度量为客户数（去重），显示合计前 10 名的类别，其余归入「其他」。']);
    const wb = XLSX.read(readFileSync(path));
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['偏好交叉表']!, { header: 1 });
    const header = rows.find((r) => r[0] === '细分')!;
    expect(header.slice(1, 9)).toEqual(expect.arrayContaining(['编程词典', '零基础学', '其他']));
    expect(header.at(-1)).toBe('合计');
  });
});
