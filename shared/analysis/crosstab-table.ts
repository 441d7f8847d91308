import { OTHER_LABEL, type CrosstabMeasure, type CrosstabResult } from '../contract/analyze';
import { formatNumber, formatPercent, type Locale } from '../format/number-format';
import { tgiFill } from './tgi-colour';

/**
 * The one builder of a cross-tab as people read it: the screen's heat table, the report's
 * 偏好交叉表 sheet and the cross-tab export all render this, so the numbers, colours, ▲/▼ marks,
 * greyed cells and sentences are the same everywhere.
 */
export type CrosstabLang = 'zh' | 'en';
export type CrosstabFigure = 'value' | 'rowPct' | 'colPct' | 'totalPct' | 'tgi' | 'residual';

export interface CrosstabTableCell {
  /** The number stored in Excel (null = empty). */
  value: number | null;
  /** The text shown on screen: the Excel number format applied, plus ▲/▼. */
  text: string;
  /** Excel number format of this cell (with the ▲/▼ suffix as literal text). */
  numFmt: string;
}

export interface CrosstabBlock {
  figure: CrosstabFigure;
  title: string;
  cells: CrosstabTableCell[][];
}

export interface CrosstabTable {
  title: string;
  /** Row and column labels as shown (其他 in the table's language). */
  rows: string[];
  cols: string[];
  measureLabel: string;
  blocks: CrosstabBlock[];
  /** Per cell, whatever the figure: fill (TGI colour or grey), greyed text, significance. */
  style: { fill: string; lowBase: boolean; sig: 'up' | 'down' | null; tgi: number | null }[][];
  /** Totals of the measure, formatted like the value block. */
  totals: { rows: CrosstabTableCell[]; cols: CrosstabTableCell[]; all: CrosstabTableCell; label: string };
  /** χ² line, warnings and the legend, in order. */
  notes: string[];
  /** The χ² warnings among the notes (Cochran's rule), for the places that mark them. */
  warnings: string[];
  /** One sentence per row: what the segment prefers (low-base cells and 其他 never named). */
  preferences: string[];
  chiLine: string;
}

export interface CrosstabTableOptions {
  /** Heading of the table, e.g. "偏好分析：RFM 八类". */
  title?: string;
  /** Display name of the measure's column (sum / distinct column), when the spec holds a key. */
  measureColumn?: string;
  figures?: readonly CrosstabFigure[];
}

const DEFAULT_FIGURES: readonly CrosstabFigure[] = ['value', 'rowPct', 'tgi'];

const TEXT = {
  other: { zh: OTHER_LABEL, en: 'Other' },
  total: { zh: '合计', en: 'Total' },
  rowPct: { zh: '行占比', en: 'Row %' },
  colPct: { zh: '列占比', en: 'Column %' },
  totalPct: { zh: '占总计', en: '% of total' },
  tgi: { zh: 'TGI（整体 = 100）', en: 'TGI (all = 100)' },
  residual: { zh: '调整残差', en: 'Adjusted residual' },
  orders: { zh: '订单数', en: 'Orders' },
  rows: { zh: '客户数', en: 'Customers' },
  customers: { zh: '客户数（去重）', en: 'Customers (distinct)' },
  sum: { zh: '{col}合计', en: 'Sum of {col}' },
  noTest: { zh: '无法做卡方检验：非空的行或列少于 2 个', en: 'No chi-square test: fewer than 2 non-empty rows or columns' },
  chi: { zh: 'χ² = {stat}，自由度 {df}，{p}', en: 'χ² = {stat}, df = {df}, {p}' },
  cramer: { zh: '，Cramér V = {v}', en: ", Cramér's V = {v}" },
  basisCount: { zh: '（按订单数检验）', en: ' (tested on order counts)' },
  dropped: { zh: '（不含合计为 0 的：{names}）', en: ' (rows/columns with total 0 left out: {names})' },
  excluded: {
    zh: '未计入：行标签为空 {missingRow} 行，列标签为空 {missingCol} 行，未匹配客户 {unmatched} 行',
    en: 'Left out: {missingRow} rows with a blank row label, {missingCol} with a blank column label, {unmatched} without a matching customer',
  },
  legend: {
    zh: '颜色按 TGI：红色高于整体（TGI > 100），蓝色低于整体，白色持平；▲/▼ 表示差异显著（调整残差 |z| > 1.96，p < 0.05）；灰色单元格基数不足 {min}（{baseUnit}），不作为偏好。',
    en: 'Colour by TGI: red above the whole (TGI > 100), blue below, white level; ▲/▼ marks a significant difference (adjusted residual |z| > 1.96, p < 0.05); grey cells rest on fewer than {min} {baseUnit} and are never named as a preference.',
  },
  baseOrders: { zh: '笔订单', en: 'orders' },
  baseCustomers: { zh: '位客户', en: 'customers' },
  other_: {
    zh: '「其他」合并了合计排在前 {top} 名之外的 {n} 个类别。',
    en: '"Other" gathers the {n} categories outside the top {top} by total.',
  },
  otherOnly: { zh: '「其他」为未归类的类别。', en: '"Other" holds the categories not classified.' },
  sortVolume: { zh: '列按合计从大到小排列。', en: 'Columns are sorted by total, largest first.' },
  sortTgi: { zh: '列按「{row}」的 TGI 从高到低排列。', en: 'Columns are sorted by the TGI of "{row}", highest first.' },
  noPreference: { zh: '{row} 无明显偏好', en: '{row} shows no clear preference' },
  prefers: { zh: '{row} 偏好 {items}', en: '{row} prefers {items}' },
} as const;

function tr(key: keyof typeof TEXT, lang: CrosstabLang, vars: Record<string, string | number> = {}): string {
  let s: string = TEXT[key][lang];
  for (const [k, v] of Object.entries(vars)) s = s.split(`{${k}}`).join(String(v));
  return s;
}

const locale = (lang: CrosstabLang): Locale => (lang === 'zh' ? 'zh-CN' : 'en');

/** The measure in words: 订单数 / 客户数（去重）/ 买家实际支付金额合计. */
export function measureLabel(measure: CrosstabMeasure, hasFacts: boolean, lang: CrosstabLang, columnName?: string): string {
  if (measure.kind === 'customers') return tr('customers', lang);
  if (measure.kind === 'sum') return tr('sum', lang, { col: columnName ?? measure.column });
  return tr(hasFacts ? 'orders' : 'rows', lang);
}

/** Excel number format and screen digits of a figure. */
function formatOf(figure: CrosstabFigure, amount: boolean): { numFmt: string; text: (v: number, lang: CrosstabLang) => string } {
  switch (figure) {
    case 'value':
      return amount
        ? { numFmt: '#,##0.00', text: (v, l) => formatNumber(v, locale(l), 2) }
        : { numFmt: '#,##0', text: (v, l) => formatNumber(v, locale(l), 0) };
    case 'tgi':
      return { numFmt: '0', text: (v, l) => formatNumber(v, locale(l), 0).replace(/,/g, '') };
    case 'residual':
      return { numFmt: '0.00', text: (v, l) => formatNumber(v, locale(l), 2) };
    default:
      return { numFmt: '0.0%', text: (v, l) => formatPercent(v, locale(l), 1).replace(/,/g, '') };
  }
}

const SIG_MARK = { up: '▲', down: '▼' } as const;

const SUPERSCRIPT: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };

/** "p < 1e-15" → "p < 1×10⁻¹⁵": Chinese documents write powers of ten, not the e notation. */
export function powerOfTen(text: string): string {
  return text.replace(/(\d(?:\.\d+)?)e([-+]?\d+)/g, (_m, mant: string, exp: string) => `${mant}×10${exp.replace('+', '').replace(/./g, (ch) => SUPERSCRIPT[ch] ?? ch)}`);
}

function withSig(fmt: string, sig: 'up' | 'down' | null): string {
  return sig ? `${fmt}" ${SIG_MARK[sig]}"` : fmt;
}

/** The raw number of a figure; TGI is rounded to a whole number as it is shown and stored. */
function figureValue(figure: CrosstabFigure, cell: CrosstabResult['cells'][number][number]): number | null {
  switch (figure) {
    case 'value':
      return cell.value;
    case 'rowPct':
      return cell.rowPct;
    case 'colPct':
      return cell.colPct;
    case 'totalPct':
      return cell.totalPct;
    case 'tgi':
      return cell.tgi === null ? null : Math.round(cell.tgi);
    case 'residual':
      return cell.residual === null ? null : Math.round(cell.residual * 100) / 100;
  }
}

export function crosstabTable(r: CrosstabResult, lang: CrosstabLang, options: CrosstabTableOptions = {}): CrosstabTable {
  const amount = r.spec.measure.kind === 'sum';
  const label = (c: string, j: number): string => (j === r.otherCol ? tr('other', lang) : c);
  const cols = r.cols.map(label);
  const mLabel = measureLabel(r.spec.measure, r.spec.facts !== undefined, lang, options.measureColumn);
  const figureTitle = (f: CrosstabFigure): string => (f === 'value' ? mLabel : tr(f, lang));
  const blocks: CrosstabBlock[] = (options.figures ?? DEFAULT_FIGURES).map((figure) => {
    const fmt = formatOf(figure, amount);
    return {
      figure,
      title: figureTitle(figure),
      cells: r.cells.map((row) =>
        row.map((cell) => {
          const value = figureValue(figure, cell);
          const sig = cell.sig;
          return {
            value,
            text: value === null ? '—' : `${fmt.text(value, lang)}${sig ? ` ${SIG_MARK[sig]}` : ''}`,
            numFmt: withSig(fmt.numFmt, sig),
          };
        }),
      ),
    };
  });
  const valueFmt = formatOf('value', amount);
  const total = (v: number): CrosstabTableCell => ({ value: v, text: valueFmt.text(v, lang), numFmt: valueFmt.numFmt });
  const c = r.chi2;
  const dropped = [...c.droppedRows, ...c.droppedCols];
  const chiLine =
    c.statistic === null
      ? tr('noTest', lang)
      : tr('chi', lang, { stat: c.statistic.toFixed(2), df: c.df, p: lang === 'zh' ? powerOfTen(c.pText) : c.pText }) +
        (c.cramersV === null ? '' : tr('cramer', lang, { v: c.cramersV.toFixed(3) })) +
        (c.basis === 'count' ? tr('basisCount', lang) : '') +
        (dropped.length > 0 ? tr('dropped', lang, { names: dropped.join(lang === 'zh' ? '、' : ', ') }) : '');
  const notes = [chiLine];
  // Cochran's rule, right after the statistic it qualifies (saved results from before it have none).
  const warnings = (c.warnings ?? []).map((w) => w[lang]);
  notes.push(...warnings);
  if (r.excluded.missingRow + r.excluded.missingCol + r.excluded.unmatched > 0) notes.push(tr('excluded', lang, r.excluded));
  notes.push(tr('legend', lang, { min: r.spec.minCellCount, baseUnit: tr(r.spec.measure.kind === 'customers' ? 'baseCustomers' : 'baseOrders', lang) }));
  if (r.otherCol !== null) notes.push(r.spec.topCols !== undefined && r.otherCount > 1 ? tr('other_', lang, { top: r.spec.topCols, n: r.otherCount }) : tr('otherOnly', lang));
  if (r.spec.colSort?.by === 'volume') notes.push(tr('sortVolume', lang));
  if (r.spec.colSort?.by === 'tgi') notes.push(tr('sortTgi', lang, { row: r.spec.colSort.row ?? r.rows[0] ?? '' }));
  const preferences = r.preferences.map((p) =>
    p.items.length === 0
      ? tr('noPreference', lang, { row: p.row })
      : tr('prefers', lang, { row: p.row, items: p.items.map((i) => `${i.col}, TGI ${i.tgi}`).join(lang === 'zh' ? '；' : '; ') }),
  );
  return {
    title: options.title ?? mLabel,
    rows: r.rows,
    cols,
    measureLabel: mLabel,
    blocks,
    style: r.cells.map((row) => row.map((cell) => ({ fill: tgiFill(cell.tgi, cell.lowBase), lowBase: cell.lowBase, sig: cell.sig, tgi: cell.tgi === null ? null : Math.round(cell.tgi) }))),
    totals: { rows: r.rowTotals.map(total), cols: r.colTotals.map(total), all: total(r.total), label: tr('total', lang) },
    notes,
    warnings,
    preferences,
    chiLine,
  };
}
