import type { Chi2Warning } from '../contract/analyze';
import { formatPercent } from '../format/number-format';

/** Cochran's rule: at most 20 % of the expected counts below 5, and none below 1. */
export const COCHRAN_MAX_LOW_SHARE = 0.2;

/**
 * The warnings of Cochran's rule for a tested table: more than 20 % of the expected counts below
 * 5, or any below 1. The statistic is still shown; these say it may not follow χ².
 */
export function chi2Warnings(t: { lowExpectedCells: number; belowOneCells: number; cells: number }): Chi2Warning[] {
  const out: Chi2Warning[] = [];
  if (t.cells === 0) return out;
  const share = t.lowExpectedCells / t.cells;
  if (share > COCHRAN_MAX_LOW_SHARE) {
    const zhPct = formatPercent(share, 'zh-CN', 1);
    const enPct = formatPercent(share, 'en', 1);
    out.push({
      code: 'CHI2_LOW_EXPECTED',
      cells: t.lowExpectedCells,
      of: t.cells,
      zh: `注意：${t.cells} 个单元格中有 ${t.lowExpectedCells} 个（${zhPct}）期望频数小于 5，超过科克伦规则允许的 20%，卡方检验结果仅供参考（可合并小类别，或只保留合计靠前的类别后再看）`,
      en: `Caution: ${t.lowExpectedCells} of ${t.cells} cells (${enPct}) have an expected count below 5, more than the 20% Cochran's rule allows; read the chi-square test with care (merge small categories or use top N)`,
    });
  }
  if (t.belowOneCells > 0) {
    out.push({
      code: 'CHI2_EXPECTED_BELOW_ONE',
      cells: t.belowOneCells,
      of: t.cells,
      zh: `注意：有 ${t.belowOneCells} 个单元格的期望频数小于 1（科克伦规则要求全部不小于 1），卡方检验结果仅供参考`,
      en: `Caution: ${t.belowOneCells} cell${t.belowOneCells === 1 ? ' has' : 's have'} an expected count below 1 (Cochran's rule wants none); read the chi-square test with care`,
    });
  }
  return out;
}
