import { pivotTable } from '../../../shared/analysis/pivot-table-text';
import { crosstabSpecSchema, type CrosstabMeasure, type PivotSpec } from '../../../shared/contract/analyze';
import { KequnError } from '../../../shared/contract/errors';
import type { SegmentationInfo } from '../../../shared/contract/segmentations';
import type { ReportMatrix } from '../report/segmentation-report';
import type { ProjectStore } from '../store/project-store';
import { runCrosstab } from './crosstab';
import { runPivot } from './pivot';
import { listPivots } from './pivot-store';

export interface CrosstabReportRequest {
  /** Category column (in the facts dataset when given, else in the segmented dataset). */
  cols: string;
  factsDatasetId?: string | undefined;
  /** Customer key: "KEY" (same name in both) or "ROWS_KEY=FACTS_KEY". */
  join?: string | undefined;
  /** "count" | "customers" | "sum:COLUMN". */
  measure: string;
}

function parseMeasure(text: string): CrosstabMeasure {
  if (text === 'customers') return { kind: 'customers' };
  if (text.startsWith('sum:') && text.length > 4) return { kind: 'sum', column: text.slice(4) };
  if (text === 'count' || text === '') return { kind: 'count' };
  throw new KequnError('ANALYSIS_INVALID', `Unknown measure "${text}" (count, customers or sum:COLUMN)`, { zh: `未知的度量“${text}”（count、customers 或 sum:列名）` });
}

/**
 * The preference cross-tab of a segmentation as a report matrix: value, row % and TGI blocks
 * (TGI with a colour scale), the χ² line and each segment's preferences as notes.
 */
export async function crosstabReportMatrix(store: ProjectStore, seg: SegmentationInfo, req: CrosstabReportRequest, lang: 'zh' | 'en'): Promise<ReportMatrix> {
  if (req.factsDatasetId !== undefined && !req.join) {
    throw new KequnError('ANALYSIS_INVALID', 'A transactions dataset needs a join key', { zh: '交易数据需要指定客户键' });
  }
  const [rowsKey, factsKey] = req.join?.includes('=') ? (req.join.split('=', 2) as [string, string]) : [req.join, req.join];
  const spec = crosstabSpecSchema.parse({
    datasetId: seg.datasetId,
    rows: { column: seg.columnKey },
    cols: { column: req.cols },
    measure: parseMeasure(req.measure),
    ...(req.factsDatasetId && factsKey ? { facts: { datasetId: req.factsDatasetId, key: factsKey, rowsKey } } : {}),
  });
  const r = await runCrosstab(store, spec);
  const zh = lang === 'zh';
  const c = r.chi2;
  const chi = c.statistic === null ? (zh ? '无法做卡方检验（非空行或列少于 2 个）' : 'No chi-square test (fewer than 2 non-empty rows or columns)') : `χ² = ${c.statistic.toFixed(2)}, df = ${c.df}, ${c.pText}`;
  return {
    title: zh ? `偏好分析：${seg.name}` : `Preferences: ${seg.name}`,
    rowLabels: r.rows,
    colLabels: r.cols,
    blocks: [
      { name: zh ? (spec.measure.kind === 'sum' ? '金额' : '数量') : spec.measure.kind === 'sum' ? 'Amount' : 'Count', values: r.cells.map((row) => row.map((x) => x.value)), numFmt: spec.measure.kind === 'sum' ? '#,##0.00' : '#,##0' },
      { name: zh ? '行占比' : 'Row %', values: r.cells.map((row) => row.map((x) => x.rowPct)), numFmt: '0.0%' },
      { name: 'TGI', values: r.cells.map((row) => row.map((x) => (x.tgi === null ? null : Math.round(x.tgi)))), numFmt: '0', colorScale: true },
    ],
    notes: [chi, ...(c.droppedRows.length + c.droppedCols.length > 0 ? [(zh ? '合计为 0、未参与检验：' : 'Left out of the test (total 0): ') + [...c.droppedRows, ...c.droppedCols].join(', ')] : []), ...r.preferences.map((p) => (zh ? p.zh : p.en))],
  };
}

/** Every saved pivot of a dataset, re-run on today's data, as report matrices (one block each). */
export async function savedPivotMatrices(store: ProjectStore, datasetId: string, lang: 'zh' | 'en'): Promise<ReportMatrix[]> {
  const out: ReportMatrix[] = [];
  for (const saved of listPivots(store, datasetId)) {
    if (saved.kind !== 'pivot') continue;
    const result = await runPivot(store, saved.datasetId, saved.spec as PivotSpec);
    const [header, ...lines] = pivotTable(result, lang);
    out.push({
      title: saved.name,
      rowLabels: lines.map((l) => String(l[0] ?? '')),
      colLabels: (header ?? []).slice(1).map((h) => String(h ?? '')),
      blocks: [{ name: saved.name, values: lines.map((l) => l.slice(1).map((v) => (typeof v === 'number' ? v : null))) }],
    });
  }
  return out;
}
