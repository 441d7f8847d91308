import type { CrosstabResult } from '../../../shared/contract/analyze';
import type { ReportMatrix } from './segmentation-report';
import type { ReportLang } from './report-text';

/** A cross-tab result as export blocks: the measure, row % and TGI (colour scale), then χ² and preferences. */
export function crosstabMatrix(r: CrosstabResult, title: string, lang: ReportLang): ReportMatrix {
  const zh = lang === 'zh';
  const amount = r.spec.measure.kind === 'sum';
  const c = r.chi2;
  const chi =
    c.statistic === null
      ? zh
        ? '无法做卡方检验（非空行或列少于 2 个）'
        : 'No chi-square test (fewer than 2 non-empty rows or columns)'
      : `χ² = ${c.statistic.toFixed(2)}, df = ${c.df}, ${c.pText}${c.cramersV === null ? '' : `, Cramér's V = ${c.cramersV.toFixed(3)}`}`;
  return {
    title,
    rowLabels: r.rows,
    colLabels: r.cols,
    blocks: [
      { name: zh ? (amount ? '金额' : '数量') : amount ? 'Amount' : 'Count', values: r.cells.map((row) => row.map((x) => x.value)), numFmt: amount ? '#,##0.00' : '#,##0' },
      { name: zh ? '行占比' : 'Row %', values: r.cells.map((row) => row.map((x) => x.rowPct)), numFmt: '0.0%' },
      { name: 'TGI', values: r.cells.map((row) => row.map((x) => (x.tgi === null ? null : Math.round(x.tgi)))), numFmt: '0', colorScale: true },
    ],
    notes: [chi, ...r.preferences.map((p) => (zh ? p.zh : p.en))],
  };
}
