import type { CellValue } from '../../../../shared/contract/json';
import { WidthTracker } from '../column-width';
import type { ReportContext, ReportSection } from '../report-context';
import { t, type TextKey } from '../report-text';
import { applyWidths, SECTION_FONT, TITLE_FONT, writeTable } from '../sheet-style';

/** 细分画像: each metric's mean per segment and its index, then the description cards. */
export const profilesSection: ReportSection = {
  sheet: 'profiles',
  write(ctx: ReportContext): void {
    const { data, lang } = ctx;
    const ws = ctx.addSheet(t('profiles', lang));
    const widths = new WidthTracker([]);
    let row = 1;
    ws.getCell(row, 1).value = t('profiles', lang);
    ws.getCell(row, 1).font = TITLE_FONT;
    row += 2;
    const headers = [t('metric', lang), t('overall', lang), ...data.segments.flatMap((s) => [`${s.name} ${t('mean', lang)}`, `${s.name} ${t('index', lang)}`])];
    const rows: CellValue[][] = data.metrics.map((m) => {
      const avg = data.overallMeans[m.key] ?? null;
      return [
        m.name,
        avg,
        ...data.segments.flatMap((s) => {
          const v = s.means[m.key] ?? null;
          return [v, avg && v !== null ? Math.round((v / avg) * 100) : null];
        }),
      ];
    });
    row = writeTable(ws, row, { headers, rows, numFmts: [undefined, '#,##0.00', ...data.segments.flatMap(() => ['#,##0.00', '0'])] }, widths);
    ws.views = [{ state: 'frozen', xSplit: 1, ySplit: 3 }];
    ws.getCell(row, 1).value = t('description', lang);
    ws.getCell(row, 1).font = SECTION_FONT;
    row++;
    for (const s of data.segments) {
      ws.getCell(row, 1).value = s.name;
      ws.getCell(row, 1).font = { bold: true };
      const sep = lang === 'zh' ? '，' : ', ';
      ws.getCell(row, 2).value =
        `${t('count', lang)} ${s.count}${sep}${t('share', lang)} ${(s.share * 100).toFixed(1)}%` +
        (s.revenueShare !== null ? `${sep}${t('revenueShare', lang)} ${(s.revenueShare * 100).toFixed(1)}%` : '');
      row++;
      const card = ctx.inputs.cards.find((c) => c.segment === s.name);
      // The seeds' description order: basic status → behaviour → value → needs.
      const lines: [TextKey, string | undefined][] = [
        ['cardStatus', card?.status],
        ['cardBehaviour', card?.behaviour],
        ['cardValue', card?.value],
        ['cardNeeds', card?.needs],
        ['action', s.action ?? undefined],
      ];
      for (const [key, text] of lines) {
        if (!text) continue;
        ws.getCell(row, 2).value = `${t(key, lang)}${lang === 'zh' ? '：' : ': '}${text}`;
        row++;
      }
      row++;
    }
    applyWidths(ws, widths);
  },
};
