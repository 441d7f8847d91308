import type ExcelJS from 'exceljs';
import { readerFor } from '../../analyze/columns';
import type { ReportContext, ReportSection } from '../report-context';
import type { ReportData } from '../report-data';
import { fill, t, type ReportLang } from '../report-text';
import { SECTION_FONT, TITLE_FONT } from '../sheet-style';

/** How many of a segment's customers are named as the first to contact. */
const TOP_CUSTOMERS = 5;

const TEXT = {
  intro: {
    zh: '每个细分一段：先联系谁、提供什么、怎么做。依据细分客户描述卡片和偏好交叉表；名单在「{customers}」表中按「{segment}」筛选即可得到。',
    en: 'One block per segment: who to contact first, what to offer, how. Based on the description cards and the preference cross-tab; filter the "{customers}" sheet by "{segment}" for the full list.',
  },
  priority: { zh: '优先级', en: 'Priority' },
  priorityText: { zh: '第 {rank} 位（{basis}占比 {pct}）', en: 'No. {rank} ({basis} share {pct})' },
  who: { zh: '联系谁', en: 'Who to contact' },
  whoText: { zh: '本细分共 {n} 位客户（占 {pct}）。', en: '{n} customers in this segment ({pct} of all).' },
  whoTop: { zh: '「{by}」最高的 {k} 位：{names}。', en: 'Highest "{by}", top {k}: {names}.' },
  offer: { zh: '提供什么', en: 'What to offer' },
  offerPrefs: { zh: '偏好 {items}：优先推荐这些类别。', en: 'Prefers {items}: lead with these categories.' },
  offerNone: { zh: '偏好交叉表中没有显著偏好的类别：推荐整体畅销的类别。', en: 'No category stands out in the cross-tab: offer the overall best sellers.' },
  offerMissing: { zh: '报告中没有偏好交叉表，无法给出类别建议。', en: 'The report has no preference cross-tab, so no category can be recommended.' },
  how: { zh: '怎么做', en: 'How' },
  situation: { zh: '现状', en: 'Situation' },
  owner: { zh: '负责人', en: 'Owner' },
  ownerText: { zh: '（请填写：每个细分由一位经理负责）', en: '(fill in: one manager owns each segment)' },
  review: {
    zh: '细分会随时间变化：建议约每六个月用新数据重做一次细分并复查这些建议。',
    en: 'Segments drift: redo the segmentation on new data and review these actions about every six months.',
  },
} as const;

const pct = (v: number): string => `${(v * 100).toFixed(1)}%`;

/** The customers with the highest revenue in each segment, by the dataset's first text column (the customer id). */
function topCustomers(ctx: ReportContext): Map<string, string[]> {
  const { data, store } = ctx;
  const out = new Map<string, string[]>();
  const keyCol = data.dataset.columns.find((c) => c.type === 'text' && c.key !== data.segmentation.columnKey);
  if (!keyCol || !data.revenueColumn) return out;
  const reader = readerFor(store);
  const labels = reader.category(data.dataset.id, data.segmentation.columnKey);
  const keys = reader.category(data.dataset.id, keyCol.key);
  const revenue = reader.numeric(data.dataset.id, data.revenueColumn.key).values;
  const best = labels.labels.map(() => [] as { i: number; v: number }[]);
  for (let i = 0; i < labels.codes.length; i++) {
    const code = labels.codes[i]!;
    const v = revenue[i]!;
    if (code < 0 || Number.isNaN(v) || keys.codes[i]! < 0) continue;
    const list = best[code]!;
    if (list.length < TOP_CUSTOMERS || v > list[list.length - 1]!.v) {
      list.push({ i, v });
      list.sort((a, b) => b.v - a.v);
      if (list.length > TOP_CUSTOMERS) list.pop();
    }
  }
  labels.labels.forEach((name, code) => out.set(name, best[code]!.map((x) => keys.labels[keys.codes[x.i]!]!)));
  return out;
}

function rankBasis(data: ReportData, lang: ReportLang): { basis: string; share: (s: ReportData['segments'][number]) => number } {
  return data.revenueColumn
    ? { basis: t('revenue', lang), share: (s) => s.revenueShare ?? 0 }
    : { basis: t('count', lang), share: (s) => s.share };
}

function line(ws: ExcelJS.Worksheet, row: number, label: string, text: string): number {
  ws.getCell(row, 1).value = label;
  ws.getCell(row, 1).font = { bold: true };
  ws.getCell(row, 2).value = text;
  ws.getCell(row, 2).alignment = { wrapText: true, vertical: 'top' };
  return row + 1;
}

/**
 * 执行建议: per segment, in the scheme's order, who to contact first (the top customers by
 * revenue), what to offer (the categories it prefers in the cross-tab), how (the card's needs and
 * the segment's action), its priority by revenue share, and an owner to fill in — the seeds'
 * practice of giving front-line staff direct, actionable lists.
 */
export const actionsSection: ReportSection = {
  sheet: 'actions',
  write(ctx: ReportContext): void {
    const { data, lang, inputs } = ctx;
    const ws = ctx.addSheet(t('actions', lang));
    ws.getColumn(1).width = 14;
    ws.getColumn(2).width = 100;
    let row = 1;
    ws.getCell(row, 1).value = `${t('actions', lang)} — ${data.segmentation.name}`;
    ws.getCell(row, 1).font = TITLE_FONT;
    row += 1;
    ws.getCell(row, 1).value = fill(TEXT.intro, lang, { customers: t('customers', lang), segment: t('segment', lang) });
    row += 2;
    const { basis, share } = rankBasis(data, lang);
    const ranked = [...data.segments].sort((a, b) => share(b) - share(a)).map((s) => s.name);
    const top = topCustomers(ctx);
    const haveCrosstab = inputs.crosstabs.length > 0 && inputs.preferences.size > 0;
    const sep = lang === 'zh' ? '、' : ', ';
    for (const s of data.segments) {
      ws.getCell(row, 1).value = s.name;
      ws.getCell(row, 1).font = SECTION_FONT;
      row++;
      row = line(ws, row, fill(TEXT.priority, lang), fill(TEXT.priorityText, lang, { rank: ranked.indexOf(s.name) + 1, basis, pct: pct(share(s)) }));
      const names = top.get(s.name) ?? [];
      const who = fill(TEXT.whoText, lang, { n: s.count, pct: pct(s.share) }) + (names.length > 0 ? `${lang === 'zh' ? '' : ' '}${fill(TEXT.whoTop, lang, { by: data.revenueColumn?.name ?? '', k: names.length, names: names.join(sep) })}` : '');
      row = line(ws, row, fill(TEXT.who, lang), who);
      const prefs = inputs.preferences.get(s.name);
      const offer = !haveCrosstab
        ? fill(TEXT.offerMissing, lang)
        : prefs && prefs.length > 0
          ? fill(TEXT.offerPrefs, lang, { items: prefs.map((p) => `${p.col}${lang === 'zh' ? '（' : ' ('}TGI ${p.tgi}${lang === 'zh' ? '）' : ')'}`).join(sep) })
          : fill(TEXT.offerNone, lang);
      row = line(ws, row, fill(TEXT.offer, lang), offer);
      const card = inputs.cards.find((c) => c.segment === s.name);
      const how = [card?.needs, s.action].filter((x): x is string => !!x && x.trim() !== '');
      if (how.length > 0) row = line(ws, row, fill(TEXT.how, lang), [...new Set(how)].join(lang === 'zh' ? '；' : '; '));
      const situation = [card?.status, card?.value].filter((x): x is string => !!x && x.trim() !== '');
      if (situation.length > 0) row = line(ws, row, fill(TEXT.situation, lang), situation.join(lang === 'zh' ? '；' : '; '));
      row = line(ws, row, fill(TEXT.owner, lang), fill(TEXT.ownerText, lang));
      row++;
    }
    ws.getCell(row, 1).value = fill(TEXT.review, lang);
  },
};
