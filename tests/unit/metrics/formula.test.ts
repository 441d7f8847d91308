import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cellsOf } from '../../helpers/store-access';
import { parseFormula } from '../../../electron/engine/metrics/formula/parser';
import { tokenize } from '../../../electron/engine/metrics/formula/tokenizer';
import type { KequnError } from '../../../shared/contract/errors';
import { cleanFixture, type CleanFixture } from '../clean/clean-fixture';

let f: CleanFixture;
beforeEach(async () => {
  f = await cleanFixture();
  await f.client.call('clean.apply', { datasetId: f.datasetId, operation: { op: 'changeType', column: '金额', type: 'decimal' } });
});
afterEach(() => f.cleanup());

/** The error a formula gives, with its position. */
async function errorOf(formula: string): Promise<{ code: string; position: unknown; length: unknown; message: string }> {
  try {
    await f.client.call('metrics.formulaCheck', { datasetId: f.datasetId, formula });
  } catch (e) {
    const k = e as KequnError;
    return { code: k.code, position: k.details?.['position'], length: k.details?.['length'], message: k.message };
  }
  throw new Error(`no error for ${formula}`);
}

async function values(formula: string, limit = 8): Promise<unknown[]> {
  const p = await f.client.call('metrics.formulaPreview', { datasetId: f.datasetId, formula, limit });
  return p.rows.map((r) => r.value);
}

describe('formula tokenizer and parser', () => {
  it('tokenizes bracketed and bare Chinese names, full-width operators and strings', () => {
    const kinds = tokenize('=[金额]×2 ＋ 金额 & "元"').map((t) => `${t.kind}:${t.text}`);
    expect(kinds).toEqual(['column:金额', 'op:*', 'number:2', 'op:+', 'ident:金额', 'op:&', 'string:元', 'end:']);
  });

  it('follows Excel precedence', () => {
    const ast = parseFormula('1 + 2 * 3 ^ 2 > 10');
    expect(ast).toMatchObject({ kind: 'binary', op: '>', left: { op: '+', right: { op: '*', right: { op: '^' } } } });
  });

  it('points syntax errors at their position', () => {
    expect(() => parseFormula('1 + ')).toThrow(expect.objectContaining({ code: 'FORMULA_ERROR', details: { position: 4, length: 1 } }));
    expect(() => parseFormula('IF(1 > 2, 3')).toThrow(expect.objectContaining({ details: { position: 11, length: 1 } }));
    expect(() => parseFormula('2 $ 3')).toThrow(expect.objectContaining({ details: { position: 2, length: 1 } }));
  });

  it('refuses formulas nested too deep', () => {
    expect(() => parseFormula('('.repeat(100) + '1' + ')'.repeat(100))).toThrow(expect.objectContaining({ code: 'FORMULA_ERROR' }));
  });
});

describe('formula type checking', () => {
  it('reports unknown columns at their position', async () => {
    expect(await errorOf('[金额] + [不存在]')).toMatchObject({ code: 'FORMULA_ERROR', position: 7, length: 5 });
  });

  it('reports type mismatches at the argument', async () => {
    expect(await errorOf('[金额] + 客户')).toMatchObject({ position: 7, length: 2 });
    expect(await errorOf('IF([金额], 1, 2)')).toMatchObject({ position: 3, length: 4 });
    expect(await errorOf('IF([金额] > 1, 1, "a")')).toMatchObject({ code: 'FORMULA_ERROR' });
    expect(await errorOf('YEAR(客户)')).toMatchObject({ position: 5, length: 2 });
    expect(await errorOf('FOO(1)')).toMatchObject({ position: 0, length: 3 });
    expect(await errorOf('ROUND()')).toMatchObject({ position: 0 });
  });

  it('gives the result type', async () => {
    const c = await f.client.call('metrics.formulaCheck', { datasetId: f.datasetId, formula: '下单日期 + 30' });
    expect(c).toEqual({ type: 'date', columnType: 'date', columns: ['下单日期'] });
  });
});

describe('formula evaluation', () => {
  it('does arithmetic with empty results for blanks and for division by zero (counted)', async () => {
    expect(await values('[金额] * 2')).toEqual([200, 2468, 2468, 200, null, 10000, 160, 180]);
    const p = await f.client.call('metrics.formulaPreview', { datasetId: f.datasetId, formula: '[金额] / ([金额] - 100)', limit: 8 });
    expect(p.stats).toMatchObject({ rows: 8, divideByZero: 2, blank: 3 });
    expect(p.rows[0]).toMatchObject({ row: 1, inputs: { 金额: 100 }, value: null });
  });

  it('evaluates logic and text functions', async () => {
    expect(await values('IFS(金额 >= 1000, "大", 金额 >= 100, "中", TRUE, "小")')).toEqual(['中', '大', '大', '中', '小', '大', '小', '小']);
    expect(await values('AND(金额 > 50, NOT(金额 > 1000))', 3)).toEqual([true, false, false]);
    expect(await values('OR(ISBLANK(城市), 城市 = "广州")', 6)).toEqual([false, false, false, false, true, true]);
    expect(await values('CONCAT(LEFT(客户, 1), "-", RIGHT(客户), MID("abcdef", 2, 3), LEN(客户))', 1)).toEqual(['张-三bcd2']);
    expect(await values('客户 & 金额', 1)).toEqual(['张三100']);
  });

  it('evaluates maths: ROUND half away from zero, ABS, LN, LOG, MIN/MAX over columns', async () => {
    expect(await values('ROUND(2.675, 2) + ROUND(-2.5, 0)', 1)).toEqual([2.68 - 3]);
    expect(await values('ABS(-金额)', 1)).toEqual([100]);
    expect(await values('ROUND(LN(金额), 4)', 1)).toEqual([4.6052]);
    expect(await values('LOG(金额) + LOG(8, 2)', 1)).toEqual([5]);
    expect(await values('MAX(金额, 500)', 2)).toEqual([500, 1234]);
    expect(await values('MIN(金额, 500)', 5)).toEqual([100, 500, 500, 100, 500]);
  });

  it('evaluates dates: DATEDIF, days between, YEAR/MONTH, TODAY', async () => {
    expect(await values('DATEDIF(下单日期, "2024-03-05" & "" = "x", "D")', 1).catch(() => 'type error')).toBe('type error');
    expect(await values('DATEDIF(下单日期, 下单日期 + 50, "M")', 1)).toEqual([1]);
    expect(await values('DATEDIF(下单日期, 下单日期 + 400, "Y")', 1)).toEqual([1]);
    expect(await values('(下单日期 + 10) - 下单日期', 1)).toEqual([10]);
    expect(await values('DAYS(下单日期 + 3, 下单日期)', 1)).toEqual([3]);
    expect(await values('DATEDIF(下单日期, DATE(2024, 12, 31), "D")', 1)).toEqual([361]);
    expect(await values('DATE(2024, 13, 1)', 1)).toEqual([Date.UTC(2025, 0, 1)]);
    expect(await values('YEAR(下单日期) * 100 + MONTH(下单日期)', 5)).toEqual([202401, 202401, 202401, 202401, 202402]);
    const today = (await values('TODAY()', 1))[0] as number;
    expect(Math.abs(today - Date.now())).toBeLessThan(2 * 86_400_000);
  });

  it('adds the result as a column', async () => {
    const out = await f.client.call('metrics.addFormulaColumn', { datasetId: f.datasetId, formula: 'ROUND([金额] / 3, 2)', name: '三分之一' });
    expect(out.check.columnType).toBe('decimal');
    expect(out.stats).toMatchObject({ rows: 8, blank: 1 });
    const col = out.dataset.columns.find((c) => c.name === '三分之一')!;
    expect(col).toMatchObject({ key: out.columnKey, type: 'decimal', missingCount: 1 });
    const v = cellsOf(f.store, f.datasetId, col.key);
    expect(v.slice(0, 2)).toEqual([33.33, 411.33]);
  });

  it('a bad formula adds nothing', async () => {
    const before = f.store.getDataset(f.datasetId).columns.length;
    await expect(f.client.call('metrics.addFormulaColumn', { datasetId: f.datasetId, formula: '[金额] +', name: 'x' })).rejects.toMatchObject({
      code: 'FORMULA_ERROR',
    });
    expect(f.store.getDataset(f.datasetId).columns.length).toBe(before);
  });
});
