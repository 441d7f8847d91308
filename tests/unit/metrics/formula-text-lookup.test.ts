import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseFormula } from '../../../electron/engine/metrics/formula/parser';
import { formatNumberText, textOf } from '../../../electron/engine/metrics/formula/text-format';
import type { KequnError } from '../../../shared/contract/errors';
import { cleanFixture, makeDataset, type CleanFixture } from '../clean/clean-fixture';

let f: CleanFixture;
beforeEach(async () => {
  f = await cleanFixture();
  await f.client.call('clean.apply', { datasetId: f.datasetId, operation: { op: 'changeType', column: '金额', type: 'decimal' } });
  // A second dataset to look up: customer → level, and a name with a dash that needs quoting.
  makeDataset(f.store, '客户等级', [['张三', 'VIP', 3], ['李四', '普通', 1], ['张三', '重复', 9], ['孙八', '普通', 2]], [
    { name: '客户', originalHeader: '客户', type: 'text' },
    { name: '等级', originalHeader: '等级', type: 'text' },
    { name: '星级', originalHeader: '星级', type: 'integer' },
  ]);
  makeDataset(f.store, 'RFM-订单', [['王五', '重要价值客户'], ['钱七', '一般挽留客户']], [
    { name: '客户', originalHeader: '客户', type: 'text' },
    { name: '细分', originalHeader: '细分', type: 'text' },
  ]);
});
afterEach(() => f.cleanup());

async function values(formula: string, limit = 8): Promise<unknown[]> {
  const p = await f.client.call('metrics.formulaPreview', { datasetId: f.datasetId, formula, limit });
  return p.rows.map((r) => r.value);
}

async function errorOf(formula: string): Promise<{ message: string; messageZh: string; position: unknown }> {
  try {
    await f.client.call('metrics.formulaCheck', { datasetId: f.datasetId, formula });
  } catch (e) {
    const k = e as KequnError;
    return { message: k.message, messageZh: k.messageZh, position: k.details?.['position'] };
  }
  throw new Error(`no error for ${formula}`);
}

describe('text functions', () => {
  it('SEARCH is case-insensitive with wildcards, FIND is exact; not found is empty, which ISNUMBER tests', async () => {
    expect(await values('SEARCH("vip", 备注)', 2)).toEqual([2, null]);
    expect(await values('FIND("vip", 备注)', 1)).toEqual([null]);
    expect(await values('FIND("VIP", 备注)', 1)).toEqual([2]);
    expect(await values('SEARCH("v?p*户", 备注)', 1)).toEqual([2]);
    expect(await values('SEARCH("京", 城市)', 3)).toEqual([2, null, null]);
    expect(await values('SEARCH("客", 备注, 4)', 1)).toEqual([7]);
    expect(await values('IF(ISNUMBER(SEARCH("北京", 城市)), "北京", "其他")', 8)).toEqual(['北京', '其他', '其他', '北京', '其他', '其他', '北京', '其他']);
  });

  it('SUBSTITUTE replaces every or the n-th occurrence; IFERROR falls back on empty', async () => {
    expect(await values('SUBSTITUTE(城市, "市", "")', 1)).toEqual(['北京']);
    expect(await values('SUBSTITUTE("a-b-c", "-", "+", 2)', 1)).toEqual(['a-b+c']);
    expect(await values('IFERROR(SEARCH("x", 备注), 0)', 7)).toEqual([0, 0, 0, 0, 0, 0, 1]);
  });

  it('TEXT formats numbers and dates like Excel; VALUE reads numbers written as text', async () => {
    expect(await values('TEXT(金额, "#,##0.00")', 2)).toEqual(['100.00', '1,234.00']);
    expect(await values('TEXT(下单日期, "yyyy年m月d日")', 1)).toEqual(['2024年1月5日']);
    expect(await values('TEXT(下单日期, "yyyy-mm")', 1)).toEqual(['2024-01']);
    expect(await values('VALUE("1,234") + VALUE("¥5.50") + VALUE("12%")', 1)).toEqual([1239.62]);
    expect(await values('VALUE(备注)', 2)).toEqual([null, null]);
    expect(await values('VALUE("１２３")', 1)).toEqual([123]);
    expect(formatNumberText(0.1234, '0.0%')).toBe('12.3%');
    expect(formatNumberText(1234.5, '¥#,##0')).toBe('¥1,235');
    expect(formatNumberText(3.1, '0.##')).toBe('3.1');
    expect(formatNumberText(-7, '000')).toBe('-007');
    expect(textOf(45658, 'number', 'yyyy/m/d')).toBe('2025/1/1');
    expect(textOf(Date.UTC(2024, 2, 5, 14, 7, 9), 'date', 'hh:mm:ss')).toBe('14:07:09');
  });
});

describe('XLOOKUP', () => {
  it('parses 数据集[列] and quoted names as columns of another dataset', () => {
    expect(parseFormula('客户等级[等级]')).toMatchObject({ kind: 'foreign', dataset: '客户等级', name: '等级' });
    expect(parseFormula("'RFM-订单'[细分]")).toMatchObject({ kind: 'foreign', dataset: 'RFM-订单', name: '细分' });
    // With a space it is a bare column name followed by a column: not a lookup range.
    expect(() => parseFormula('客户等级 [等级]')).toThrow();
  });

  it('looks a value up in another dataset: first match wins, case-insensitive, not found counted', async () => {
    const p = await f.client.call('metrics.formulaPreview', { datasetId: f.datasetId, formula: 'XLOOKUP([客户], 客户等级[客户], 客户等级[等级])', limit: 8 });
    expect(p.rows.map((r) => r.value)).toEqual(['VIP', '普通', null, 'VIP', null, null, '普通', null]);
    expect(p.stats.notFound).toBe(4);
    expect(p.type).toBe('text');
    expect(await values('XLOOKUP([客户], 客户等级[客户], 客户等级[等级], "未匹配", 0, -1)', 2)).toEqual(['重复', '普通']);
    expect(await values('XLOOKUP([客户], 客户等级[客户], 客户等级[星级], 0) * 10', 3)).toEqual([30, 10, 0]);
    expect(await values("XLOOKUP(客户, 'RFM-订单'[客户], 'RFM-订单'[细分], \"未匹配\")", 6)).toEqual(['未匹配', '未匹配', '重要价值客户', '未匹配', '未匹配', '一般挽留客户']);
  });

  it('looks up in this dataset over every row, even in a short preview', async () => {
    // Row 8 (周九) is outside a 2-row preview but its 城市 is still found.
    expect(await values('XLOOKUP("周九", [客户], [城市])', 2)).toEqual(['上海', '上海']);
  });

  it('explains what cannot be done, at the position', async () => {
    expect((await errorOf('客户等级[等级] & "x"')).messageZh).toMatch(/只能用作 XLOOKUP/);
    expect((await errorOf('XLOOKUP([客户], 不存在[客户], 不存在[等级])')).messageZh).toMatch(/^找不到数据集「不存在」/);
    expect((await errorOf('XLOOKUP([客户], 客户等级[客户], 客户等级[不存在])')).messageZh).toMatch(/^数据集「客户等级」中找不到列「不存在」/);
    expect((await errorOf('XLOOKUP([客户], 客户等级[客户], [城市])')).message).toMatch(/same dataset/);
    expect((await errorOf('XLOOKUP([客户], 客户等级[客户], 客户等级[等级], "", 2)')).messageZh).toMatch(/仅支持精确匹配/);
    expect((await errorOf('XLOOKUP([客户], "a", 客户等级[等级])')).position).toBe(14);
    expect((await errorOf('XLOOKUP([客户], 客户等级[客户], 客户等级[星级], "无")')).message).toMatch(/different types/);
  });

  it('adds the looked-up column as a recorded cleaning step that can be undone and replayed', async () => {
    const op = { op: 'formula' as const, formula: 'XLOOKUP([客户], 客户等级[客户], 客户等级[等级], "未匹配")', name: '等级' };
    const preview = await f.client.call('clean.preview', { datasetId: f.datasetId, operation: op });
    expect(preview.columns).toEqual(['客户', '等级']);
    expect(preview.sample[0]).toMatchObject({ before: { 客户: '张三' }, after: { 客户: '张三', 等级: 'VIP' } });
    expect(preview.report.figures).toMatchObject({ rows: 8, empty: 0 });
    const applied = await f.client.call('clean.apply', { datasetId: f.datasetId, operation: op });
    expect(applied.dataset.columns.map((c) => c.name)).toContain('等级');
    const history = await f.client.call('clean.history', { datasetId: f.datasetId });
    expect(history.steps.at(-1)!.operation).toEqual({ ...op });
    await f.client.call('clean.undo', { datasetId: f.datasetId });
    expect((await f.client.call('datasets.get', { datasetId: f.datasetId })).columns.map((c) => c.name)).not.toContain('等级');
  });
});
