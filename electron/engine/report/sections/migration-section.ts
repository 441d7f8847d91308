import type { CellValue } from '../../../../shared/contract/json';
import { WidthTracker } from '../column-width';
import type { ReportContext, ReportSection } from '../report-context';
import { fill, t } from '../report-text';
import { applyWidths, SECTION_FONT, TITLE_FONT, writeTable } from '../sheet-style';

const TEXT = {
  schemesTitle: { zh: '方案对比：「{from}」与「{to}」', en: 'Scheme comparison: "{from}" and "{to}"' },
  periodsTitle: { zh: '客户迁移：上期「{from}」→ 本期「{to}」', en: 'Customer migration: earlier "{from}" → later "{to}"' },
  schemesCorner: { zh: '方案「{from}」 \\ 方案「{to}」', en: 'Scheme "{from}" \\ scheme "{to}"' },
  periodsCorner: { zh: '上期 \\ 本期', en: 'Earlier \\ later' },
  schemesNote: {
    zh: '每行是一位客户在方案「{from}」中的细分，每列是同一位客户在方案「{to}」中的细分；对角线以外的客户在两个方案中归类不同。',
    en: 'Rows are a customer\'s segment in scheme "{from}", columns the same customer\'s segment in scheme "{to}"; customers off the diagonal are placed differently by the two schemes.',
  },
  periodsNote: {
    zh: '每行是客户上期的细分，每列是本期的细分；「（新增客户）」只在本期出现，「（已不在）」只在上期出现。',
    en: 'Rows are last period\'s segments, columns this period\'s; "(new customers)" appear only now, "(no longer present)" only before.',
  },
  customers: { zh: '客户数', en: 'Customers' },
} as const;

/**
 * The comparison with another segmentation: labelled as two schemes when both segment the same
 * data (the same customers, two ways), as an earlier and a later period when the data differ.
 */
export const migrationSection: ReportSection = {
  sheet: 'migration',
  write(ctx: ReportContext): void {
    const m = ctx.inputs.migration;
    if (!m) return;
    const { lang } = ctx;
    const schemes = m.kind === 'schemes';
    const ws = ctx.addSheet(t(schemes ? 'comparison' : 'migration', lang));
    const vars = { from: m.fromName, to: m.toName };
    ws.getCell(1, 1).value = fill(schemes ? TEXT.schemesTitle : TEXT.periodsTitle, lang, vars);
    ws.getCell(1, 1).font = TITLE_FONT;
    ws.getCell(3, 1).value = fill(TEXT.customers, lang);
    ws.getCell(3, 1).font = SECTION_FONT;
    const rowTotals = m.counts.map((r) => r.reduce((a, b) => a + b, 0));
    const rows: CellValue[][] = [
      ...m.counts.map((r, i) => [m.fromSegments[i]!, ...r, rowTotals[i] ?? 0]),
      [t('total', lang), ...m.toSegments.map((_, j) => m.counts.reduce((a, r) => a + (r[j] ?? 0), 0)), m.total],
    ];
    const widths = new WidthTracker([]);
    const headers = [fill(schemes ? TEXT.schemesCorner : TEXT.periodsCorner, lang, vars), ...m.toSegments, t('total', lang)];
    const end = writeTable(ws, 4, { headers, rows, numFmts: [undefined, ...headers.slice(1).map(() => '#,##0')] }, widths);
    ws.getCell(end, 1).value = fill(schemes ? TEXT.schemesNote : TEXT.periodsNote, lang, vars);
    ws.getCell(end + 1, 1).value = m.matchedBy;
    applyWidths(ws, widths);
  },
};
