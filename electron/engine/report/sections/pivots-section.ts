import type { CellValue } from '../../../../shared/contract/json';
import { WidthTracker } from '../column-width';
import type { ReportContext, ReportSection } from '../report-context';
import { fill, t } from '../report-text';
import { applyWidths, TITLE_FONT, writeTable } from '../sheet-style';

const SOURCE = { zh: '数据：{source}', en: 'Data: {source}' };

/** Numbers get a thousands format, anything with decimals two places. */
function formats(rows: readonly CellValue[][], width: number): (string | undefined)[] {
  return Array.from({ length: width }, (_, c) => {
    const nums = rows.map((r) => r[c]).filter((v): v is number => typeof v === 'number');
    return nums.length === 0 ? undefined : nums.every((v) => Number.isInteger(v)) ? '#,##0' : '#,##0.00';
  });
}

/** 透视表: every saved pivot chosen, re-run on today's data, in the table the screen exports. */
export const pivotsSection: ReportSection = {
  sheet: 'pivots',
  write(ctx: ReportContext): void {
    const { lang, inputs } = ctx;
    if (inputs.pivots.length === 0) return;
    const ws = ctx.addSheet(t('pivots', lang));
    const widths = new WidthTracker([]);
    let row = 1;
    for (const p of inputs.pivots) {
      ws.getCell(row, 1).value = p.title;
      ws.getCell(row, 1).font = TITLE_FONT;
      ws.getCell(row + 1, 1).value = fill(SOURCE, lang, { source: p.source });
      const [header = [], ...rows] = p.lines;
      row = writeTable(ws, row + 3, { headers: header.map((h) => (h === null ? '' : String(h))), rows, numFmts: formats(rows, header.length) }, widths) + 1;
    }
    applyWidths(ws, widths);
  },
};
