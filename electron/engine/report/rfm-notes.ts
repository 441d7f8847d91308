import type { ProjectStore } from '../store/project-store';
import { readRfmOrigin } from '../store/dataset-origin';
import { fill, type ReportLang } from './report-text';

const TEXT = {
  net: { zh: 'RFM 的退货规则：退货与取消（金额为负或单号以 C 开头）从 M 中冲减，不算作购买。', en: 'RFM returns rule: returns and cancellations (negative amounts or order ids starting with C) are subtracted from M and never count as purchases.' },
  exclude: { zh: 'RFM 的退货规则：退货与取消（金额为负或单号以 C 开头）不计入。', en: 'RFM returns rule: returns and cancellations (negative amounts or order ids starting with C) are left out.' },
  head: { zh: 'RFM 计算时未计入或冲减的部分（行数或客户数，金额为该列合计）：', en: 'Left out of or netted in RFM (rows or customers; amounts are sums of the amount column):' },
  none: { zh: 'RFM 计算时所有交易行都已计入，没有排除或冲减。', en: 'Every transaction row went into RFM; nothing was left out or netted.' },
} as const;

/**
 * The report's RFM notes: the returns rule and the exclusions list the RFM run recorded in the
 * dataset's origin (the same list the CLI and the screen show). Nothing for other datasets, and
 * only the rule for RFM datasets made before the list was recorded.
 */
export function rfmNotes(store: ProjectStore, datasetId: string, lang: ReportLang): string[] {
  const origin = readRfmOrigin(store, datasetId);
  if (!origin) return [];
  const lines = [fill(origin.returnsRule === 'net' ? TEXT.net : TEXT.exclude, lang)];
  if (origin.exclusions === undefined) return lines;
  if (origin.exclusions.length === 0) return [...lines, fill(TEXT.none, lang)];
  return [...lines, fill(TEXT.head, lang), ...origin.exclusions.map((e) => `· ${e[lang]}`)];
}
