import { WidthTracker } from '../column-width';
import { writeCrosstabTable } from '../crosstab-sheet';
import type { ReportContext, ReportSection } from '../report-context';
import { fill, t } from '../report-text';
import { applyWidths, TITLE_FONT } from '../sheet-style';

const SOURCE = { zh: '数据：{source}', en: 'Data: {source}' };
const CHOSEN = { zh: '说明', en: 'Note' };

/**
 * 偏好交叉表: the segmentation's cross-tab and the saved cross-tabs chosen, each laid out by the
 * builder the screen uses. Without any, the sheet says why and how to get one (never dropped).
 */
export const crosstabSection: ReportSection = {
  sheet: 'crosstab',
  write(ctx: ReportContext): void {
    const { lang, inputs } = ctx;
    const ws = ctx.addSheet(t('crosstab', lang));
    const widths = new WidthTracker([]);
    let row = 1;
    if (inputs.crosstabs.length === 0) {
      ws.getCell(row, 1).value = t('crosstab', lang);
      ws.getCell(row, 1).font = TITLE_FONT;
      ws.getCell(row + 2, 1).value = inputs.crosstabNote ?? '';
      if (inputs.crosstabNote) ctx.warn(inputs.crosstabNote);
      return;
    }
    for (const choice of inputs.choices) {
      ws.getCell(row, 1).value = `${CHOSEN[lang]}${lang === 'zh' ? '：' : ': '}${choice}`;
      row++;
    }
    if (inputs.choices.length > 0) row++;
    for (const item of inputs.crosstabs) {
      row = writeCrosstabTable(ws, row, item.table, t('segment', lang), widths, fill(SOURCE, lang, { source: item.source }));
      // The report's result lists the χ² cautions too, so a script sees them without opening the file.
      for (const w of item.table.warnings) ctx.warn(`${item.table.title}: ${w}`);
    }
    applyWidths(ws, widths);
    ws.getColumn(1).width = Math.max(ws.getColumn(1).width ?? 10, 16);
  },
};
