import { describe, expect, it } from 'vitest';
import { crosstabTable } from '../../../shared/analysis/crosstab-table';
import { LOW_BASE_FILL, tgiFill, tgiPosition } from '../../../shared/analysis/tgi-colour';
import { tgiHeatmap } from '../../../shared/charts/index';
import { crosstabSpecSchema, type CrosstabCell, type CrosstabResult } from '../../../shared/contract/analyze';

const rgb = (hex: string): [number, number, number] => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];

function cell(value: number, tgi: number | null, extra: Partial<CrosstabCell> = {}): CrosstabCell {
  return { value, count: value, rowPct: 0.5, colPct: 0.5, totalPct: 0.25, tgi, residual: 0, base: value, lowBase: false, sig: null, ...extra };
}

/** Two segments × two categories plus 其他; one significant cell, one low-base cell. */
function result(): CrosstabResult {
  return {
    spec: crosstabSpecSchema.parse({ datasetId: 'd1', rows: { column: '细分' }, cols: { column: '类别' }, facts: { datasetId: 'd2', key: 'k' }, topCols: 2 }),
    rows: ['重要价值客户', '一般挽留客户'],
    cols: ['编程词典', '零基础学', '其他'],
    cells: [
      [cell(1234, 253.4, { sig: 'up', residual: 3.1 }), cell(40, 60.2, { sig: 'down', residual: -2.5 }), cell(12, 100)],
      [cell(3, 752, { lowBase: true, base: 3 }), cell(60, 120), cell(8, 90)],
    ],
    rowTotals: [1286, 71],
    colTotals: [1237, 100, 20],
    total: 1357,
    chi2: { statistic: 12.5, df: 2, p: 0.0019, log10P: -2.7, pText: 'p = 0.0019', basis: 'value', droppedRows: [], droppedCols: [], lowExpectedShare: 0, lowExpectedCells: 0, belowOneCells: 0, cells: 6, warnings: [], cramersV: 0.1 },
    preferences: [
      { row: '重要价值客户', items: [{ col: '编程词典', tgi: 253, value: 1234 }], zh: '', en: '' },
      { row: '一般挽留客户', items: [], zh: '', en: '' },
    ],
    excluded: { missingRow: 0, missingCol: 0, unmatched: 0 },
    otherCol: 2,
    otherCount: 5,
    rowOrder: 'scheme',
    ms: 1,
  };
}

describe('TGI colours (screen, chart and Excel)', () => {
  it('diverge at 100 on a log scale: white at 100, red above, blue below, grey for a low base', () => {
    expect(tgiFill(100)).toBe('#FFFFFF');
    expect(tgiPosition(200)).toBeCloseTo(1, 12);
    expect(tgiPosition(50)).toBeCloseTo(-1, 12);
    // The figures: 253 and 160 are both above 100, so both red (R > B), 253 the stronger.
    const [r253, , b253] = rgb(tgiFill(253));
    const [r160, g160, b160] = rgb(tgiFill(160));
    expect(r253).toBeGreaterThan(b253);
    expect(r160).toBeGreaterThan(b160);
    expect(g160).toBeGreaterThan(rgb(tgiFill(253))[1]);
    const [r60, , b60] = rgb(tgiFill(60));
    expect(b60).toBeGreaterThan(r60);
    // Symmetric: 200 is as far above as 50 is below.
    expect(255 - rgb(tgiFill(200))[2]).toBeCloseTo(255 - rgb(tgiFill(50))[0], -1);
    expect(tgiFill(752, true)).toBe(LOW_BASE_FILL);
    expect(tgiFill(null)).toBe(LOW_BASE_FILL);
  });

  it('the heat map chart paints each cell with the table’s fill and marks ▲/▼', () => {
    const r = result();
    const option = tgiHeatmap(r, 'zh') as { visualMap: { pieces: { value: number; color: string }[] }; series: { data: { value: [number, number, number | string, number]; label: { formatter: string } }[] }[]; xAxis: { data: string[] } };
    const colourOf = (i: number): string => option.visualMap.pieces.find((p) => p.value === option.series[0]!.data[i]!.value[3])!.color;
    expect(colourOf(0)).toBe(tgiFill(253.4));
    expect(colourOf(3)).toBe(LOW_BASE_FILL);
    expect(option.series[0]!.data[0]!.label.formatter).toBe('253 ▲');
    expect(option.series[0]!.data[1]!.label.formatter).toBe('60 ▼');
    expect((tgiHeatmap(r, 'en') as { xAxis: { data: string[] } }).xAxis.data).toEqual(['编程词典', '零基础学', 'Other']);
  });
});

describe('the one cross-tab builder', () => {
  it('lays out the measure, row % and TGI blocks with Excel formats that keep ▲/▼ and numbers', () => {
    const t = crosstabTable(result(), 'zh', { title: '偏好分析：RFM' });
    expect(t.title).toBe('偏好分析：RFM');
    expect(t.blocks.map((b) => b.title)).toEqual(['订单数', '行占比', 'TGI（整体 = 100）']);
    expect(t.cols).toEqual(['编程词典', '零基础学', '其他']);
    const value = t.blocks[0]!.cells[0]![0]!;
    expect(value).toEqual({ value: 1234, text: '1,234 ▲', numFmt: '#,##0" ▲"' });
    const tgi = t.blocks[2]!.cells[0]!;
    expect(tgi.map((c) => c.value)).toEqual([253, 60, 100]);
    expect(tgi.map((c) => c.text)).toEqual(['253 ▲', '60 ▼', '100']);
    expect(tgi[1]!.numFmt).toBe('0" ▼"');
    expect(t.blocks[1]!.cells[0]![2]).toEqual({ value: 0.5, text: '50.0%', numFmt: '0.0%' });
    expect(t.style[1]![0]).toEqual({ fill: LOW_BASE_FILL, lowBase: true, sig: null, tgi: 752 });
    expect(t.totals.all).toEqual({ value: 1357, text: '1,357', numFmt: '#,##0' });
    expect(t.chiLine).toBe('χ² = 12.50，自由度 2，p = 0.0019，Cramér V = 0.100');
    expect(t.notes.some((n) => n.includes('基数不足 10'))).toBe(true);
    expect(t.notes.some((n) => n.includes('前 2 名之外的 5 个类别'))).toBe(true);
    expect(t.preferences).toEqual(['重要价值客户 偏好 编程词典, TGI 253', '一般挽留客户 无明显偏好']);
  });

  it('speaks English in English, other labels included, and names the summed column', () => {
    const r = result();
    r.spec = { ...r.spec, measure: { kind: 'sum', column: 'c1' } };
    const t = crosstabTable(r, 'en', { measureColumn: '买家实际支付金额' });
    expect(t.cols.at(-1)).toBe('Other');
    expect(t.measureLabel).toBe('Sum of 买家实际支付金额');
    expect(t.blocks[0]!.cells[0]![0]!.numFmt).toBe('#,##0.00" ▲"');
    expect(t.blocks[0]!.cells[0]![0]!.text).toBe('1,234.00 ▲');
    expect(t.chiLine).toBe("χ² = 12.50, df = 2, p = 0.0019, Cramér's V = 0.100");
    const cjk = /[\u3400-\u9fff]/;
    for (const note of t.notes) expect(note.replace(/其他/g, ''), note).not.toMatch(cjk);
  });
});
